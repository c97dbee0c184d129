"""Extraction quality on the real corpus (a floor, computed from the files).

Matching rules: :mod:`ir_feed.extract.evaluation`.  Release 000 (the seed) must
come out exactly as labelled.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ir_feed.events import Designation, IndClearance, TrialStart
from ir_feed.extract import extract
from ir_feed.extract.evaluation import CorpusScore, corpus_text, products_match, score_release

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
RELEASES = CORPUS / "releases"

pytestmark = pytest.mark.skipif(
    not RELEASES.is_dir(), reason=f"real corpus not found at {CORPUS} (shared/ beside the repo)"
)


def _gold(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((RELEASES / f"{name}.gold.json").read_text("utf-8"))
    return data


def _text(name: str) -> str:
    return corpus_text((RELEASES / f"{name}.txt").read_text("utf-8"))


def _names() -> list[str]:
    return sorted(p.name.split(".")[0] for p in RELEASES.glob("*.gold.json"))


@pytest.fixture(scope="module")
def score() -> CorpusScore:
    return CorpusScore([score_release(n, extract(_text(n)), _gold(n)) for n in _names()])


def test_corpus_has_the_labelled_releases() -> None:
    assert len(_names()) >= 20


def test_designation_f1(score: CorpusScore) -> None:
    assert score.designations.f1 >= 0.90, score.designations


def test_ind_clearance_f1(score: CorpusScore) -> None:
    assert score.ind_clearances.f1 >= 0.85, score.ind_clearances


def test_trial_start_f1(score: CorpusScore) -> None:
    assert score.trial_starts.f1 >= 0.80, score.trial_starts


def test_tickers_and_dates(score: CorpusScore) -> None:
    n = len(score.releases)
    misses = [m for r in score.releases for m in r.misses if m.startswith(("tickers", "date"))]
    assert score.tickers_exact >= n - 1, misses
    assert score.dates_exact >= n - 1, misses


def test_windows_on_matched_trials(score: CorpusScore) -> None:
    exact, total = score.windows
    assert total > 0
    assert exact / total >= 0.90


def test_seed_release_exactly() -> None:
    gold = _gold("000")
    got = extract(_text("000"))
    assert got.release.date is not None and got.release.date.isoformat() == gold["date"]
    assert [(t.exchange, t.symbol) for t in got.release.tickers] == [
        (t["exchange"], t["symbol"]) for t in gold["tickers"]
    ]
    assert got.release.company == gold["company"]

    designations = [e for e in got.events if isinstance(e, Designation)]
    assert sorted((d.agency, d.designation, d.product, d.indication, d.status, d.announced)
                  for d in designations) == sorted(
        (g["agency"], g["kind"], g["product"], g["indication"], g["status"], True)
        for g in gold["designations"]
    )  # fmt: skip
    assert len({d.key for d in designations}) == len(designations)

    clearances = [e for e in got.events if isinstance(e, IndClearance)]
    assert [(c.agency, c.product, c.status, c.announced) for c in clearances] == [
        (g["agency"], g["product"], g["status"], g["new_in_release"]) for g in gold["ind_clearances"]
    ]

    trials = [e for e in got.events if isinstance(e, TrialStart)]
    assert len(trials) == len(gold["trial_starts"]) == 1
    t, g = trials[0], gold["trial_starts"][0]
    assert t.announced
    assert (t.product, t.trial, t.phase, list(t.indications), t.status) == (
        g["product"], g["trial"], g["phase"], g["indications"], g["status"])  # fmt: skip
    assert (t.timing_text or "").lower() == g["timing_text"]
    assert (t.window_start.isoformat() if t.window_start else None) == g["window_start"]
    assert (t.window_end.isoformat() if t.window_end else None) == g["window_end"]
    assert len(got.events) == 5


SEED_HEADLINE = (
    "Allogene Granted Three U.S. FDA Fast Track Designations (FTD) for ALLO-329, a Next-Generation Dual "
    "Targeted CD19/CD70 Allogeneic CAR T for the Treatment of Lupus, Myositis and Scleroderma"
)


def test_seed_release_with_its_headline_gives_the_same_five_events() -> None:
    """The poller hands the extractor "<headline>\n\n<article text>".  The headline
    restates the body (and names the issuer, whose name looks like an INN): it adds
    no event and changes no key."""
    plain = extract(_text("000"))
    got = extract(f"{SEED_HEADLINE}\n\n{_text('000')}")
    assert [e.to_dict() for e in got.events] == [e.to_dict() for e in plain.events]
    assert sorted(e.key for e in got.events) == [
        "allo|designation|fda|fast-track|allo329|iim",
        "allo|designation|fda|fast-track|allo329|sle",
        "allo|designation|fda|fast-track|allo329|ssc",
        "allo|ind_clearance|fda|allo329",
        "allo|trial_start|allo329|resolution",
    ]
    designations = [e for e in got.events if isinstance(e, Designation)]
    assert all(d.announced and d.product == "ALLO-329" and d.status == "granted" for d in designations)
    (clearance,) = [e for e in got.events if isinstance(e, IndClearance)]
    assert (clearance.product, clearance.status, clearance.announced) == ("ALLO-329", "cleared", False)
    (trial,) = [e for e in got.events if isinstance(e, TrialStart)]
    assert (trial.trial, trial.phase, trial.status, trial.timing_text) == ("RESOLUTION", "1", "planned", "mid-2025")
    assert (str(trial.window_start), str(trial.window_end)) == ("2025-04-01", "2025-09-30")


def test_a_recalled_list_of_designations_gives_the_seed_keys() -> None:
    """A later release recalling the seed's three designations in one sentence names
    the same three facts (same keys), recalled."""
    later = (
        "SOUTH SAN FRANCISCO, Calif., Sept. 15, 2025 (GLOBE NEWSWIRE) -- Allogene Therapeutics, Inc. "
        "(Nasdaq: ALLO) today announced that the first patient has been dosed in the Phase 1 RESOLUTION "
        "basket trial of ALLO-329. ALLO-329 previously received three Fast Track Designations from the FDA "
        "for SLE, IIM and SSc."
    )
    seed_keys = {e.key for e in extract(_text("000")).events if isinstance(e, Designation)}
    recalled = [e for e in extract(later).events if isinstance(e, Designation)]
    assert {d.key for d in recalled} == seed_keys
    assert not any(d.announced for d in recalled)


@pytest.mark.parametrize("name", _names() if RELEASES.is_dir() else [])
def test_recalled_facts_are_never_announced(name: str) -> None:
    """Releases whose gold has no new designation announce none (about/background traps)."""
    gold = _gold(name)
    got = extract(_text(name))
    announced = [e for e in got.events if isinstance(e, Designation) and e.announced]
    for g in gold["background_designations"]:
        assert not any(
            d.designation == g["kind"] and products_match(d.product, g["product"])
            and not any(products_match(x["product"], d.product) and x["kind"] == d.designation
                        for x in gold["designations"])
            for d in announced
        ), (name, g)  # fmt: skip
