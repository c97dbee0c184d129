"""Designations and trial starts told in Chinese or Japanese (pure).

Chinese and Japanese releases write no spaces and none of the English cue words the
sentence rules read, so those rules find nothing in them.  This module reads what such
a release most often announces — a regulator's grant of a designation ("获得美国FDA授予的
孤儿药资格认定", "米国FDAよりオーファンドラッグ指定を取得") — with its own small
vocabulary:

* a *sentence* ends at "。", "！", "？" or a line end;
* a designation is a kind's name (:data:`_KINDS`) with a grant word (:data:`_GRANTED`)
  in the same sentence, never with a word of application or plan (:data:`_NOT_YET`);
* the regulator is the one the sentence names (:data:`_AGENCIES`; Japan's ministry when
  the grant is "domestic"), else the FDA for the kinds only it grants;
* the product is a Latin-script name (a code, an INN, a brand) the sentence gives, read
  with :func:`~.products.products` once CJK characters are set apart from it;
* it is the release's news unless the sentence recalls it (:data:`_RECALL`: "此前",
  "已于", "以前", "既に") or sits past the release's opening (:data:`_OPENING`
  sentences) in a release whose opening names no designation, unless it announces
  itself ("お知らせいたします", "宣布").

Trial starts: a first dose ("首例患者给药", "第1例目への投与開始") in a sentence naming a
product, and the trial a clearance found in the release permits ("获美国FDA批准…以在美国启动…
III期临床试验"), planned, with the phase the clearance's sentence gives ("III期", "第一/二期",
"第Ⅱ相").

Indications are left to the English rules: a CJK indication is not compared by the
scorer's word overlap in any useful way, and a wrong one costs more than none.
"""

from __future__ import annotations

import re
from datetime import date

from ir_feed import patterns
from ir_feed.extract import designations, ind, trials
from ir_feed.extract.context import RECALL_CJK
from ir_feed.extract.products import products
from ir_feed.extract.windows import Timing

# (kind, pattern)
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # (the kind's English name a filing gives in brackets counts too: "快速審查認定(Fast Track Designation)";
    # "orphan drug product X" describes the product, it grants nothing: "孤兒藥產品ACM-101")
    ("orphan_drug", patterns.compile(
        "(?:孤儿药|孤兒藥|孤儿药物|孤兒藥物|罕见病药物|罕見病藥物)(?!产品|產品)|オーファンドラッ[グク]|希少疾病用医薬品|"
        "Orphan[ -]Drug[ -]Designation")),
    # (Taiwan writes Fast Track "快速審查認定", fast review designated)
    ("fast_track", patterns.compile("快速通道|快速審查通道|快速審查認定|快速审查认定|ファストトラック|Fast[ -]Track")),
    ("breakthrough_therapy", patterns.compile(
        "突破性疗法|突破性療法|突破性治疗|突破性治療|ブレークスルー・?セラピー|画期的治療薬")),
    ("rare_pediatric_disease", patterns.compile(
        "罕见儿科疾病|罕見兒科疾病|罕见儿童疾病|罕見兒童疾病|小児希少疾病|Rare[ -]Pediatric[ -]Disease")),
    ("rmat", patterns.compile("再生医学先进疗法|再生醫學先進療法")),
    # an application's priority review ("予以優先審查(Priority Review)資格", "纳入优先审评")
    ("priority_review", patterns.compile("優先審查|优先审查|优先审评|優先審評|優先審査|Priority[ -]Review")),
)
_ANY_KIND = patterns.compile("|".join(p.pattern for _, p in _KINDS))
# granted, approved, obtained, recognised, designated-and-received
_GRANTED = patterns.compile(
    "授予|授与|获得|獲得|取得|认定|認定|核准|批准|獲准|获准|指定を受け|指定され|付与|予以|纳入|納入"
)
# applied for, will apply, plans to: not a grant yet
_NOT_YET = patterns.compile(
    "申请中|申請中|审查中|審查中|提交.{0,12}申请|提交.{0,12}申請|递交|遞交|申請する|申請を行|将申请|將申請|拟申请|擬申請|"
    "计划申请|計劃申請|申請を予定|申請予定|可能获得|可能獲得|"
    # a designation's benefits: "has the chance to obtain … Priority Review", "may enjoy", "is also
    # eligible to apply for", "can go through a rolling review"
    # (a review the designation allows: "可透過滾動式審查", not "可通过口服给药" given by mouth)
    "有機會|有机会|可享有|可享受|具資格|具资格|具有資格|具有资格|可(?:透過|透过|通過|通过)[^。]{0,8}?(?:審|审|[Rr]eview)"
)
# a Latin-script name among Chinese or Japanese words ("新药Antroquinonol获得"): the product
# when no code or INN is given (never a regulator's, a wire's or a listing's word)
_LATIN_NAME = patterns.compile(r"(?<![A-Za-z0-9-])([A-Z][a-z]{4,}|[a-z]{6,})(?![A-Za-z0-9-])")
_NOT_A_NAME = frozenset(
    {
        "Phase", "Orphan", "Drug", "Designation", "Fast", "Track", "Breakthrough", "Therapy", "Food",
        "Administration", "Nasdaq", "News", "Limited", "Corporation", "Holdings", "Group", "Pharma",
        "Pharmaceutical", "Pharmaceuticals", "Biotech", "Therapeutics", "Source", "Release", "Press",
        "China", "Taiwan", "Japan", "Korea", "America", "Europe", "Priority", "Review", "Rare", "Pediatric",
        "Disease",
    }
)  # fmt: skip
# the release's own announcing verb: "…の指定を受けましたのでお知らせいたします", "宣布"
_NEWS = patterns.compile("お知らせ|宣布|宣佈|発表いたします|公告")
# ("已于2021年…获得": a grant told as held; "累計" a running tally of the grants held)
_RECALL = patterns.compile(RECALL_CJK.pattern + "|已于|已於|累計|累计")
_AGENCIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("EMA", patterns.compile(
        "欧洲药品管理局|歐洲藥品管理局|欧州医薬品庁|欧盟委员会|歐盟委員會|欧州委員会|(?<![A-Za-z])EMA(?![A-Za-z])")),
    ("MHLW", patterns.compile("厚生労働省|国内において|日本国内")),
    # (and its name before 2018: "国家食品药品监督管理总局", CFDA)
    ("NMPA", patterns.compile(
        "国家药品监督管理局|國家藥品監督管理局|国家药监局|国家食品药品监督管理总局|國家食品藥品監督管理總局|"
        "(?<![A-Za-z])(?:NMPA|CFDA)(?![A-Za-z])")),
    ("TFDA", patterns.compile("衛生福利部食品藥物管理署|食藥署|(?<![A-Za-z])TFDA(?![A-Za-z])")),
    ("FDA", patterns.compile(
        "(?<![A-Za-z])FDA|美国食品药品|美國食品藥物|美国食品药物|美國食品藥品|米国食品医薬品局|米国医薬食品局")),
)
_SENTENCE_END = patterns.compile("[。！？\n]")
_CJK = patterns.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# a CJK character against a Latin letter or digit: set apart so product names read whole
_SEAM = patterns.compile(
    "(?<=[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef])(?=[A-Za-z0-9])|"
    "(?<=[A-Za-z0-9])(?=[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef])"
)
_OPENING = 12  # sentences: a page's menu lines, a title, a date line, the announcement
_MIN_CJK = 20  # characters: a release written in Chinese or Japanese, not a name in passing


def is_cjk(text: str) -> bool:
    """The text is written in Chinese or Japanese (not English naming a Chinese place)."""
    return not text.isascii() and len(_CJK.findall(text[:4_000])) >= _MIN_CJK


def split(text: str) -> list[str]:
    """A Chinese or Japanese release's sentences (ended by "。", "！", "？" or a line end)."""
    return [x.strip() for x in _SENTENCE_END.split(text) if x.strip()]


def _latin_products(sentence: str) -> list[str]:
    """The Latin-script product names of a sentence, CJK characters set apart from them."""
    return [m.text for m in products(_SEAM.sub(" ", sentence))]


# a code of capitals joined by a hyphen, with no digit, right after the word for a new drug or
# product ("新药ACM-BMX"): not a drug class or a regulator met elsewhere ("EGFR-TKI", "NMPA-CDE")
_CAPITALS_CODE = patterns.compile(
    r"(?:新药|新藥|药物|藥物|产品|產品|候选药物|候選藥物|候选|候選)[ \t]*([A-Z]{2,}(?:-[A-Z]{2,})+)(?![A-Za-z0-9-])"
)
_GLOSS_REACH = 60  # characters: a gloss in brackets is a few words


def _glossed(sentence: str, m: re.Match[str]) -> bool:
    """The Latin word stands in a bracket opened right after CJK words: their English gloss
    ("加速核准(Accelerated Approval)")."""
    start = max(0, m.start() - _GLOSS_REACH)
    opened = max(sentence.rfind("(", start, m.start()), sentence.rfind("（", start, m.start()))
    if opened <= 0 or max(sentence.rfind(")", opened, m.start()), sentence.rfind("）", opened, m.start())) != -1:
        return False
    return _CJK.match(sentence, opened - 1) is not None


def designation_findings(sentences: list[str]) -> list[designations.Found]:
    """Designations a Chinese or Japanese release states (its :func:`split` sentences;
    see the module docstring)."""
    if not any(_ANY_KIND.search(x) for x in sentences):
        return []
    # a release whose title or opening names a designation announces it wherever it tells it
    opening_names_kind = any(_ANY_KIND.search(x) for x in sentences[:_OPENING])
    out: list[designations.Found] = []
    weak: list[designations.Found] = []  # named by a bare Latin word, not a product's shape
    for index, sentence in enumerate(sentences, 1):
        found, by_word = _in_sentence(sentence, index, opening_names_kind)
        (weak if by_word else out).extend(found)
    # a bare word for a kind the release also grants to a product is no product ("… Rolling Review" in
    # the sentence telling the designation's benefits)
    named_kinds = {f.designation for f in out}
    return out + [f for f in weak if f.designation not in named_kinds]


def _in_sentence(sentence: str, index: int, opening_names_kind: bool) -> tuple[list[designations.Found], bool]:
    kinds = [kind for kind, pattern in _KINDS if pattern.search(sentence)]
    if not kinds or _GRANTED.search(sentence) is None or _NOT_YET.search(sentence):
        return [], False
    named = _latin_products(sentence)
    by_word = not named
    if by_word:
        # a company's code of capitals ("新药ACM-BMX接獲"), else a Latin word — never the English gloss
        # in brackets of the Chinese words before it ("葡萄膜黑色素瘤(Acmeuvealmelanoma,mUM)")
        named = [m.group(1) for m in _CAPITALS_CODE.finditer(sentence)] or [
            m.group(1)
            for m in _LATIN_NAME.finditer(sentence)
            if m.group(1) not in _NOT_A_NAME and not _glossed(sentence, m)
        ]
    if not named:
        return [], False
    agency = next((name for name, pattern in _AGENCIES if pattern.search(sentence)), None)
    told = index <= _OPENING or opening_names_kind or _NEWS.search(sentence) is not None
    announced = told and _RECALL.search(sentence) is None
    found = []
    for kind in kinds:
        giver = agency or ("FDA" if kind != "orphan_drug" else None)
        if giver is None:
            continue
        found.append(
            designations.Found(giver, kind, named[0], None, "granted", announced, True, sentence[:600], index)
        )
    return found, by_word


_FIRST_DOSE = patterns.compile(
    "首例(?:患者|受试者|受試者|病人)[^。]{0,30}?(?:给药|給藥|完成给药|完成給藥)|"
    "第\\s*[1１一]\\s*例目?(?:の患者)?(?:へ|に)?の?投与|最初の患者(?:様)?への投与|初回投与を(?:開始|実施)"
)
_TRIAL_TO_START = patterns.compile("启动|啟動|开展|開展|开始|開始|進行|进行")
# a trial's word, then its start: "臨床試験の開始", "第Ⅰ相臨床試験を開始", "临床试验已正式启动"
_TRIAL_STARTED = patterns.compile(
    "(?:臨床試験|臨床試驗|临床试验|治験|臨床研究|临床研究)[^。]{0,12}?"
    "(?:開始|开始|啟動|启动)"
)
# what tells the start done: "開始しました", "開始いたしました", "開始した", "開始のお知らせ", "已启动", "启动了"
_DONE = patterns.compile(
    "開始(?:しました|いたしました|した|のお知らせ)|(?:已|已经|已經)(?:正式)?(?:启动|啟動|开始|開始)|(?:启动|啟動)了"
)
# … and what tells it still to come, beside _PLAN's words: "開始する", "拟启动", "准备"
_TO_COME = patterns.compile("擬|拟|準備|准备|開始する|开始后|開始後")
_PLAN = patterns.compile("计划|計劃|预计|預計|预期|預期|拟于|擬於|将于|將於|予定|見込み|目指")
_PHASE = patterns.compile(
    "(?:第\\s*)?([ⅠⅡⅢIV123一二三]+(?:\\s*/\\s*[ⅠⅡⅢIV123一二三]+)?[ab]?)\\s*(?:期|相)|Phase\\s*([ⅠⅡⅢIV123]+[ab]?)"
)
_PHASE_NAMES = {
    "Ⅰ": "1", "Ⅱ": "2", "Ⅲ": "3", "一": "1", "二": "2", "三": "3", "I": "1", "II": "2", "III": "3", "IV": "4",
}  # fmt: skip


def _phase(sentence: str) -> str | None:
    m = _PHASE.search(sentence)
    if m is None:
        return None
    raw = (m.group(1) or m.group(2)).replace(" ", "")
    parts = []
    for part in raw.split("/"):
        tail = part[-1] if part[-1] in "ab" else ""
        head = part[:-1] if tail else part
        parts.append(_PHASE_NAMES.get(head, head) + tail)
    return "/".join(parts)


def trial_findings(sentences: list[str], cleared: list[ind.Found], release: date | None) -> list[trials.Found]:
    """Trial starts a Chinese or Japanese release states (its :func:`split` sentences and the
    clearances found in it; see the module docstring)."""
    out: list[trials.Found] = []
    day = Timing("", 0, release, release) if release else None
    for index, sentence in enumerate(sentences, 1):
        # a first dose, else a trial's start told as such ("第Ⅰ相臨床試験を開始したことをお知らせします",
        # "临床试验已正式启动")
        dosed = _FIRST_DOSE.search(sentence)
        started = None if dosed else _TRIAL_STARTED.search(sentence)
        if (dosed is None and started is None) or _RECALL.search(sentence) or _NOT_YET.search(sentence):
            continue
        named = _latin_products(sentence)
        if not named:
            continue
        # either to come is a plan: "计划于2027年完成首例患者给药", "投与開始を予定", "開始する予定"
        if _PLAN.search(sentence) or (started is not None and _TO_COME.search(sentence)):
            status, when = "planned", None
        elif dosed is not None:
            status, when = "first_patient_dosed", day
        elif started is not None and _DONE.search(sentence, started.start()):
            status, when = "initiated", day
        else:
            continue
        told = index <= _OPENING or _NEWS.search(sentence) is not None
        out.append(trials.Found(named[0], None, _phase(sentence), (), when, status, told, True, sentence[:600], index))
    for clearance in cleared:  # the trial a clearance permits is planned (when the sentence names it)
        phase = _phase(clearance.evidence)
        if phase is None and _TRIAL_TO_START.search(clearance.evidence) is None:
            continue
        out.append(
            trials.Found(clearance.product, None, phase, (), None, "planned",
                         clearance.announced, clearance.body, clearance.evidence, clearance.position)
        )  # fmt: skip
    return out
