# ruff: noqa: E501  (whole sentences)
"""Designations told in Chinese or Japanese (ir_feed.extract.cjk), written from how such
releases word a grant, an application and a recall — not copied from any release."""

from __future__ import annotations

import pytest

from ir_feed.extract import extract
from ir_feed.extract.cjk import is_cjk

ZH_HEAD = "艾克米生物关于ACM-101获得美国FDA孤儿药资格认定的公告\n2026年3月3日\n"
JA_HEAD = "お知らせ 2026.03.03\nACM-101の米国FDAからのオーファンドラッグ指定取得について\n"


def _designations(text: str) -> list[tuple[str, str, str, bool]]:
    return [
        (e.agency, e.designation, e.product, e.announced)  # type: ignore[attr-defined]
        for e in extract(text).events
        if e.kind == "designation"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ZH_HEAD + "本公司宣布,公司研发中的新药ACM-101获得美国食品药品监督管理局(FDA)授予的孤儿药资格认定,用于治疗法布里病。",
         [("FDA", "orphan_drug", "ACM-101", True)]),
        (JA_HEAD + "当社は、開発中のACM-101について、米国食品医薬品局(FDA)よりファブリー病を適応にオーファンドラッグ指定を取得したことをお知らせいたします。",
         [("FDA", "orphan_drug", "ACM-101", True)]),
        ("お知らせ\n当社が開発中のACM-202が、厚生労働省より希少疾病用医薬品の指定を受けましたのでお知らせいたします。本剤は国内で開発中です。",
         [("MHLW", "orphan_drug", "ACM-202", True)]),
        ("艾克米生物公告\n本公司新药ACM-303获得美国FDA授予的快速通道资格和突破性疗法认定。本公司将继续推进临床研究。",
         [("FDA", "fast_track", "ACM-303", True), ("FDA", "breakthrough_therapy", "ACM-303", True)]),
        # a name in Latin letters among Chinese words when no code is given
        ("艾克米生物公告\n本公司研发中新药Acmevorin获得美国食品药物管理局(FDA)通知,正式取得孤儿药资格认定。本公司将继续研发。",
         [("FDA", "orphan_drug", "Acmevorin", True)]),
        # a code of capitals with no digit, not the English gloss of the disease in brackets; the
        # designation's benefits (eligible to apply, a rolling review it allows) are no further grants
        ("代子公司公告本公司開發中新藥ACM-BMX接獲美國食品藥物管理局(FDA)正式通知,授予轉移性葡萄膜黑色素瘤"
         "(Acmeuvealmelanoma,mUM)之「快速審查認定」資格\n"
         "b.通過「快速審查認定」之藥物,亦具資格可於後續提出美國藥證申請(NDA)時\n"
         ",申請加速核准(Accelerated Approval)和優先審查(Priority Review),有利藥物\n"
         "c.取得「快速審查認定」後,可透過滾動式審查(Rolling Review):在執行臨床試驗期間分段提交。",
         [("FDA", "fast_track", "ACM-BMX", True)]),
    ],
)
def test_a_grant_is_read(text: str, expected: list[tuple[str, str, str, bool]]) -> None:
    assert _designations(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # an application, a plan to apply: no grant yet
        "艾克米生物公告\n本公司已向美国FDA提交了ACM-101孤儿药资格认定申请,目前处于审查中。本公司将及时公告进展情况。",
        "お知らせ\n当社は、ACM-101についてオーファンドラッグ指定の申請を行いましたのでお知らせいたします。今後の進捗は適時開示いたします。",
    ],
)
def test_an_application_is_no_grant(text: str) -> None:
    assert _designations(text) == []


def test_a_grant_recalled_in_a_release_about_something_else_is_not_news() -> None:
    text = (
        "艾克米生物关于ACM-101临床试验进展的公告\n本公司ACM-101的II期临床试验已完成患者入组。"
        "本公司的ACM-101此前已获得美国FDA授予的孤儿药资格认定。本公司将继续推进研发工作。"
        "本次进展不会对公司经营产生重大影响。敬请广大投资者注意投资风险。本公告仅供参考。"
        "公司董事会保证公告内容真实准确。特此公告。艾克米生物董事会。二〇二六年三月三日。"
        "本公司的另一产品ACM-202正在进行临床前研究。相关工作进展顺利。"
    )
    assert _designations(text) == [("FDA", "orphan_drug", "ACM-101", False)]


def test_an_english_release_naming_a_chinese_city_is_not_read_as_chinese() -> None:
    assert not is_cjk("SHANGHAI, China, March 3, 2026 (GLOBE NEWSWIRE) -- Acme (上海) today announced news.")
    assert is_cjk(ZH_HEAD * 3)


def _starts(text: str) -> list[tuple[str, str, str | None, bool]]:
    return [
        (e.product, e.status, e.phase, e.announced)  # type: ignore[attr-defined]
        for e in extract(text).events
        if e.kind == "trial_start"
    ]


def test_a_first_dose_told_in_japanese() -> None:
    text = (
        "お知らせ 2026.03.03\nACM-101のPhaseⅡ試験 第1例目への投与開始のお知らせ\n"
        "当社は、ACM-101の第Ⅱ相試験において、第1例目の患者への投与が開始されましたのでお知らせいたします。"
    )
    assert _starts(text) == [("ACM-101", "first_patient_dosed", "2", True)]


def test_a_first_dose_told_in_chinese() -> None:
    text = "艾克米生物公告\n本公司宣布,ACM-101的I期临床试验已完成首例患者给药。本公司将继续推进临床研究。"
    assert _starts(text) == [("ACM-101", "first_patient_dosed", "1", True)]


def test_the_trial_a_chinese_clearance_permits_is_planned() -> None:
    text = (
        "艾克米生物公告\n本公司董事会欣然宣布,ACM-101的新药临床申请(IND)已获美国食品药品监督管理局批准,"
        "以在美国启动ACM-101的III期临床试验。本公司将继续推进研发工作。"
    )
    events = {(e.kind, e.status, getattr(e, "phase", None)) for e in extract(text).events}
    assert ("ind_clearance", "cleared", None) in events
    assert ("trial_start", "planned", "3") in events


def test_a_chinese_application_accepted_for_review_is_no_clearance() -> None:
    # the regulator issued a notice of acceptance (受理通知书): the application is under review
    accepted = (
        "艾克米生物公告\n本公司全资子公司于近日收到国家药品监督管理局核准签发的《受理通知书》,"
        "ACM-101用于胶质瘤的临床试验申请获得受理。现将相关情况公告如下:"
    )
    assert [e for e in extract(accepted).events if e.kind == "ind_clearance" and e.announced] == []
    # … its approval notice is one (临床试验批准通知书), even when the text recalls the acceptance
    approved = (
        "艾克米生物公告\n本公司于近日收到国家药品监督管理局核准签发的《药物临床试验批准通知书》,"
        "ACM-101的临床试验申请(于2025年3月获得受理)获得批准。"
    )
    assert [e.kind for e in extract(approved).events if e.kind == "ind_clearance" and e.announced] == [
        "ind_clearance"
    ]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # a trial's start told as done in Japanese and Chinese, or told as to come
        ("お知らせ\n当社は、ACM-101の国内第Ⅰ相臨床試験を開始したことをお知らせいたします。", "initiated"),
        ("艾克米生物公告\n本公司宣布,ACM-101的II期临床试验已正式启动。本公司将继续推进研发。", "initiated"),
        ("お知らせ\n当社は、ACM-101の第Ⅱ相臨床試験を2027年に開始する予定であることをお知らせいたします。", "planned"),
    ],
)
def test_a_trial_s_start_told_in_japanese_or_chinese(text: str, status: str) -> None:
    assert [e.status for e in extract(text).events if e.kind == "trial_start" and e.announced] == [status]


def test_chinese_look_alikes_of_the_new_readings() -> None:
    # an acceptance recalled before the approval is no veto; "可通过口服给药" (given by mouth) is no
    # benefit of a designation; a drug class of capitals ("EGFR-TKI") is no product
    approved = "艾克米公告\nACM-101的临床试验申请于2025年12月获得受理，并于近日获得国家药监局批准开展II期临床试验。"
    assert [e.kind for e in extract(approved).events if e.kind == "ind_clearance" and e.announced] == ["ind_clearance"]
    oral = "艾克米公告\nACM-101是一种可通过口服给药的小分子药物，已获得美国FDA授予的孤儿药资格认定。"
    assert [e.product for e in extract(oral).events if e.kind == "designation" and e.announced] == ["ACM-101"]
    drug_class = "艾克米公告\n新药用于EGFR-TKI治疗失败的非小细胞肺癌，获得美国FDA快速通道资格。"
    assert [e for e in extract(drug_class).events if e.kind == "designation" and e.announced] == []


def test_a_first_dose_recalled_or_to_come_is_no_news() -> None:
    recalled = "艾克米生物公告\n本公司此前已完成ACM-101的I期临床试验首例患者给药。本公司将继续推进研发。"
    planned = "艾克米生物公告\n本公司计划于2027年完成ACM-101的首例患者给药。本公司将继续推进研发。"
    assert _starts(recalled) == []
    assert all(status != "first_patient_dosed" for _, status, _, _ in _starts(planned))


def test_a_clearance_recalled_in_chinese_is_not_news() -> None:
    text = (
        "艾克米生物关于ACM-101临床试验进展的公告\n本公司ACM-101的II期临床试验已完成患者入组。"
        "本公司此前已获得国家药品监督管理局核准签发的ACM-101药物临床试验批准通知书。本公司将继续推进研发。"
    )
    clearances = [e for e in extract(text).events if e.kind == "ind_clearance"]
    assert clearances and not any(e.announced for e in clearances)


def test_a_taiwan_filing_s_fast_track_with_its_held_designations_tallied() -> None:
    # Taiwan's filings write Fast Track "快速審查認定" with the English name in brackets; "孤兒藥產品"
    # (an orphan drug product) describes the product; "累計" tallies the designations already held;
    # the guidance cited for the benefits names no product ("Rolling Review")
    text = (
        "本公司ACM-101獲美國FDA快速審查認定(Fast Track Designation)\n"
        "5.發生緣由: 本公司與合作夥伴開發之孤兒藥產品ACM-101(適應症:法布里病),今天接獲通知,取得美國FDA授予「快速審查認定」(Fast Track Designation)。"
        "6.因應措施:無\n7.其他應敘明事項: (1)獲「快速審查認定」(Fast Track Designation)之新藥開發案,可享有與美國FDA更多交流,並獲得滾動式審查的資格 (Rolling Review)。"
        " (2)ACM-101已獲美國FDA認定項目累計有:孤兒藥認定(Orphan Drug Designation)、罕見兒科疾病用藥認定(Rare Pediatric Disease Designation)以及快速審查認定(Fast Track Designation)。"
    )
    assert sorted(_designations(text)) == [
        ("FDA", "fast_track", "ACM-101", True),
        ("FDA", "orphan_drug", "ACM-101", False),
        ("FDA", "rare_pediatric_disease", "ACM-101", False),
    ]


def test_an_application_s_priority_review_told_in_chinese() -> None:
    text = (
        "艾克米:公告本公司接獲美國FDA通知優先審查新藥ACM-101上市查驗登記(BLA)申請\n"
        "5.發生緣由:\n本公司接獲美國食品藥物管理局(FDA)通知,正式接受本公司所提出ACM-101生物製劑藥品上市查驗登記(BLA)申請,"
        "並予以優先審查(Priority Review)資格,審查時程縮短為六個月。"
    )
    assert _designations(text) == [("FDA", "priority_review", "ACM-101", True)]
    # (a designation's benefits "have the chance" of a priority review: none granted)
    assert _designations("艾克米公告\n獲快速通道認定之新藥ACM-101有機會獲美國FDA優先審查(Priority Review)。") == []
    # (a kind's English words are no product's name when the product is written in Chinese)
    assert _designations("艾克米公告\n本公司新藥艾克米注射液已納入國家藥品監督管理局優先審評程序(Priority Review)名單。") == []
