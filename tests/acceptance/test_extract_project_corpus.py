"""The project's labelled corpus (tests/corpus): well-formed, big and varied enough,
split once, and extraction quality on each part held at least where it stands.

The floors below are regression guards, not goals: they sit a little under the
figures measured when they were set (README, "Extraction quality"), so a change
that loses ground on either part fails here.  The test part is never read to
write rules; a floor on it only keeps a change from quietly making it worse.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ir_feed.extract import extract
from ir_feed.extract.evaluation import (
    TEST_SHARE,
    CatalystScore,
    CorpusScore,
    announces_nothing,
    score_catalysts,
    score_release,
)
from tests.corpus import PROJECT, Labelled, load
from tests.corpus.check import check_catalysts, check_one
from tests.support.extraction import FIRST_KINDS

CORPUS = load(PROJECT)
BY_NAME = {c.name: c for c in CORPUS}


@pytest.fixture(scope="module")
def scores() -> dict[str, CorpusScore]:
    got = {c.name: score_release(c.name, extract(c.text), c.gold) for c in CORPUS}
    parts: dict[str, Callable[[Labelled], bool]] = {
        "tune": lambda c: c.part == "tune",
        "test": lambda c: c.part == "test",
        "tune-full": lambda c: c.part == "tune" and c.full,
        "test-full": lambda c: c.part == "test" and c.full,
    }
    return {name: CorpusScore([got[c.name] for c in CORPUS if keep(c)]) for name, keep in parts.items()}


def test_every_file_follows_the_labelling_guide() -> None:
    problems = [p for gold in sorted(PROJECT.glob("*.gold.json")) for p in check_one(gold)]
    assert not problems, problems
    texts = {p.name.split(".")[0] for p in PROJECT.glob("*.txt")}
    assert texts == set(BY_NAME), sorted(texts ^ set(BY_NAME))
    catalysts = sorted((PROJECT.parent / "catalysts").glob("*.json"))
    assert len(catalysts) >= 600  # releases read for the catalyst kinds (issue 12)
    problems = [p for path in catalysts for p in check_catalysts(path, PROJECT)]
    assert not problems, problems


def test_the_corpus_is_big_and_varied_enough_to_catch_overfitting() -> None:
    assert len(CORPUS) >= 200
    assert sum(c.full for c in CORPUS) >= 60
    assert sum(announces_nothing(c.gold) for c in CORPUS) >= 40
    assert sum(c.gold.get("language") not in (None, "en") for c in CORPUS) >= 8
    agencies = {d["agency"] for c in CORPUS for d in c.gold["designations"] + c.gold["ind_clearances"]}
    assert len(agencies - {"FDA"}) >= 4, agencies
    assert len({c.gold["source"] for c in CORPUS}) == len(CORPUS)


def test_the_split_holds_out_enough_for_a_test() -> None:
    test = sum(c.part == "test" for c in CORPUS)
    assert test / len(CORPUS) >= 0.40
    assert TEST_SHARE >= 40


@pytest.mark.parametrize(
    ("part", "designation", "ind", "trial"),
    [
        # where extractor 2026.12.26 stands on the 1,242-release corpus, less a small margin
        # (the h/i/j/k batches lowered test-full IND from 0.50 to 0.45 and trial starts from
        # 0.52 to 0.48 on arrival, and the a2/b2 batches tune-full IND from 0.94 to 0.89, with
        # the old extractor as with the new: findings, not regressions)
        # (the i5–m5 batches of 2026-12-07, second session, brought tune designations from 0.89 to 0.886 and
        # tune-full IND from 0.88 to 0.87 on arrival: j503's and j518's grants, k5's clearances abroad)
        # (the n5–q5 batches brought tune designations to 0.877 on arrival: p5's recaps in excerpts)
        # (tune designations 0.87 until the p9 batch of 2026-12-07, seventh session, came in: 0.865 on
        # arrival — p909's Taiwan filing, its indication's English name and a benefit's words as products)
        # (0.87 again with 2026.12.145: a Chinese filing's code of capitals, never its disease's gloss)
        ("tune", 0.87, 0.76, 0.73),
        ("test", 0.68, 0.57, 0.54),
        # (tune-full IND 0.86 until the a7–d7 batches came in: 0.851 on arrival)
        # (tune-full designations 0.88 until the e8/f8/g8 batches of 2026-12-07, sixth session, came in:
        # 0.83 on arrival — f8's Swedish, Polish and Chinese grants — 0.86 with 2026.12.120)
        # (tune-full trial starts 0.77 until the p9 batch came in: 0.768 on arrival — Chinese and Japanese
        # filings' starts)
        ("tune-full", 0.85, 0.85, 0.76),  # (0.78 until the f4/g4/h4 batches of 2026-12-07 came in: 0.779)
        ("test-full", 0.74, 0.40, 0.45),
    ],
)
def test_quality_does_not_fall_below_where_it_stands(
    scores: dict[str, CorpusScore], part: str, designation: float, ind: float, trial: float
) -> None:
    s = scores[part]
    assert s.designations.f1 >= designation, (part, s.designations)
    assert s.ind_clearances.f1 >= ind, (part, s.ind_clearances)
    assert s.trial_starts.f1 >= trial, (part, s.trial_starts)


def test_recalled_designations_are_not_reported_as_new(scores: dict[str, CorpusScore]) -> None:
    # 3 with 2026.12.61: i014, and two the scorer (as shared/tools/score_extract.py) counts against
    # an announced event that matched its own label — x308's label holds the same orphan designation
    # as announced (the Commission's grant) and as background (the COMP's earlier opinion), and
    # n405's background "pulmonary arterial hypertension" agrees by words with its announced
    # "chronic thromboembolic pulmonary hypertension"
    # 5 since the h4 batch (2026-12-07): h412 (an application's indication taken from the molecule's
    # earlier grant, which the scorer matches whatever the status) and h429 (an EMA application the
    # label holds as background)
    # 6 since the p5 batch: p507's announced Fast Track (with Keytruda) agrees by words with its
    # background one (with Tagrisso, "unresectable stage III or IV NSCLC"), as x308 and n405 do
    # 7 since the y6 batch: y608's Orphan Drug designation for TRU-016, recalled in a release whose news is
    # an EU orphan designation (arrived so, tuning part)
    # 9 since the a7 batch (2026-12-07, fifth session): a710's three earlier designations (tuning part)
    # 6 with 2026.12.105: what "following the previous ODDs for …" opens is recalled (a710)
    # 7 since the m9 batch (2026-12-07, seventh session): m917's Fast Track "granted … in the past two
    # weeks", told in a quote beside the news's orphan designation (arrived so, tuning part; the
    # guide's "dated before the release" and the extractor's "a date within a month is the news told
    # late" disagree here, and no rule was written for one release)
    assert scores["tune"].recalled_as_new <= 7
    assert scores["test-full"].recalled_as_new <= 3


def test_releases_announcing_nothing_rarely_yield_an_event() -> None:
    quiet = [c for c in CORPUS if announces_nothing(c.gold)]
    noisy = [c.name for c in quiet if any(e.announced and e.kind in FIRST_KINDS for e in extract(c.text).events)]
    # 31 of 796 with 2026.12.61: the seven batches of 2026-12-07 brought 11 look-alikes on arrival
    # (x3+z3 1, y3 1, p3 3, q3 4, n4 1, o4 1); rules from their tuning halves took most off
    # 29 of 646 with 2026.12.40: the v3/w3 catalyst batches brought 2 look-alikes on arrival
    # 35 of 849 with 2026.12.72: the f4/g4/h4 batches of 2026-12-07 brought 6 look-alikes on arrival
    # (f4 1, g4 3, h4 2); the one in their tuning halves (a disclosure form's "approval/disapproval") was taken off
    # 37 of 1,023 with 2026.12.76: the i5–m5 batches (2026-12-07, second session) brought 3 on arrival
    # (i530 in the tuning part: the EMA's approval of a CTA for a trial running elsewhere, labelled no clearance)
    # 42 of 1,082 with 2026.12.79: the n5–q5 batches brought 5 more on arrival (n5 2, q5 2, and p5's
    # tuning half none after its rules)
    # 43 of 1,098 with 2026.12.81: the r5/s5 batches brought 1 more on arrival (s502: a completed cohort
    # of a running Phase 1a read as a planned start)
    # 45 of 1,130 with 2026.12.90: the t6/u6/v6 batches brought 2 on arrival (t602, t612, both in the
    # tuning part; t612's trial taken to new sites is off again), and c038 came with recall cues read
    # for their own clause only (a recap's "(2) initiated clinical studies" whose cue is in a later item)
    # 48 of 1,171 with 2026.12.94: the w6/x6 batches brought 3 on arrival (w601, w607 in the test
    # part; x601, a first cohort "fully recruited and treatment commenced" in a running trial)
    # 47 with 2026.12.95: x601's filled cohort is a trap again
    # 48 of 1,202 with 2026.12.97: the y6/z6 batches brought 1 on arrival (z603, a quarter's
    # "Initiated" trial in a periodic report, tuning part)
    # 49 of 1,264 with 2026.12.104: the a7–d7 batches brought 2 on arrival (b705 in the test part,
    # b718 in the tuning part: approvals of trials already running)
    # 47 with 2026.12.109: a periodic report's clearances are the period's (a016, b424)
    # 52 of 1,296 with 2026.12.118: the e8/f8/g8 batches (sixth session) brought 5 on arrival (e8's
    # look-alikes: clearances of trials already running elsewhere, a running trial's next part)
    # 51 with 2026.12.119: a clearance for trials in general states no start (e817)
    # 52 with the p9 batch (2026-12-07, seventh session) on arrival: p915, a Chinese notice of a
    # clinical trial application accepted for review (受理通知书) read as its approval
    # 51 with 2026.12.144: a notice of acceptance for review (受理通知书) is no approval (p915)
    assert len(noisy) <= 51, noisy  # 26 of 534 with 2026.12.26 (24 of 512 with 2026.12.22; the a2/b2
    # batches brought 4 more on arrival, the expanded-access trap took one off; 26 with 2026.12.20 on the
    # 512: the h/i/j/k batches brought look-alikes it misreads, two traps since took 2 off)


def test_tickers_and_dates(scores: dict[str, CorpusScore]) -> None:
    for part in ("tune", "test"):
        n = len(scores[part].releases)
        assert scores[part].tickers_exact / n >= 0.86, part
        assert scores[part].dates_exact / n >= 0.87, part


@pytest.fixture(scope="module")
def catalyst_scores() -> dict[str, CatalystScore]:
    out = {"tune": CatalystScore(), "test": CatalystScore()}
    for c in CORPUS:
        if c.catalysts is not None and c.part in out:
            out[c.part].add(score_catalysts(extract(c.text), c.catalysts))
    return out


@pytest.mark.parametrize(
    ("part", "floors"),
    [
        # where extractor 2026.12.40 stands on the catalyst labels (882 releases read for them, the v3/w3
        # batches included, which lowered applications and approvals on arrival; README, "Extraction
        # quality"), less a small margin — few labels per kind, so one event moves a figure.  The test
        # part's CRL floor was lowered from 0.78 to 0.74 when the 2026-12-07 batches (a4–e4) came in:
        # d4's test half scored 3/5/4 on arrival, taking the part from 0.82 to 0.77 (a finding); its readout
        # floor from 0.61 to 0.59 when f4/g4/h4 came in (their test halves' readouts 1/6/6, 0/1/0, 3/3/5);
        # the tune applications floor from 0.69 to 0.68 and test readouts from 0.59 to 0.57 when the
        # e8–j8 batches came in (sixth session: 0.686 and 0.582 with 2026.12.127 on arrival)
        ("tune", {"topline_readout": 0.58, "application_accepted": 0.68, "approval": 0.70, "clinical_hold": 0.61,
                  "advisory_committee": 0.76, "complete_response": 0.83}),
        ("test", {"topline_readout": 0.57, "application_accepted": 0.50, "approval": 0.33, "clinical_hold": 0.46,
                  "advisory_committee": 0.65, "complete_response": 0.74}),
    ],
)  # fmt: skip
def test_catalyst_quality_does_not_fall_below_where_it_stands(
    catalyst_scores: dict[str, CatalystScore], part: str, floors: dict[str, float]
) -> None:
    for kind, floor in floors.items():
        got = catalyst_scores[part].kinds[kind]
        assert got.f1 >= floor, (part, kind, got)
