"""Event value types: checked when built, stable keys, contract JSON shape."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from ir_feed.events import (
    Designation,
    Extraction,
    Fact,
    IndClearance,
    ReleaseFacts,
    TrialStart,
    designation_key,
    fact_key,
    indication_key,
    primary_ticker,
    same_indication,
    trial_start_key,
)
from ir_feed.models import Ticker


def _designation(**over: object) -> Designation:
    fields: dict[str, object] = dict(
        announced=True, agency="FDA", designation="fast_track", product="ALLO-329",
        indication="systemic lupus erythematosus (SLE)", status="granted",
        evidence="ALLO-329 has received Fast Track designation.", key="k",
    )  # fmt: skip
    fields.update(over)
    return Designation(**fields)  # type: ignore[arg-type]


def test_designation_to_dict_has_the_contract_fields() -> None:
    d = _designation().to_dict()
    assert d["kind"] == "designation"
    assert set(d) >= {"kind", "announced", "agency", "designation", "product", "indication",
                      "status", "evidence", "key"}  # fmt: skip


def test_values_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        _designation().status = "applied"  # type: ignore[misc]


@pytest.mark.parametrize("bad", [{"status": "maybe"}, {"evidence": "  "}, {"key": ""}, {"product": ""}])
def test_designation_is_checked(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        _designation(**bad)


def test_trial_window_must_be_whole_and_ordered() -> None:
    common = dict(announced=True, product="X-1", trial=None, phase="1", indications=(),
                  timing_text=None, status="planned", evidence="e", key="k")  # fmt: skip
    with pytest.raises(ValueError):
        TrialStart(window_start=date(2025, 1, 1), window_end=None, **common)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        TrialStart(window_start=date(2025, 2, 1), window_end=date(2025, 1, 1), **common)  # type: ignore[arg-type]
    t = TrialStart(window_start=date(2025, 4, 1), window_end=date(2025, 9, 30), **common)  # type: ignore[arg-type]
    assert t.to_dict()["window_start"] == "2025-04-01"
    assert t.to_dict()["indications"] == []


def test_ind_status_is_checked() -> None:
    with pytest.raises(ValueError):
        IndClearance(announced=False, agency="FDA", product="X-1", indication=None,
                     status="granted", evidence="e", key="k")  # type: ignore[arg-type]  # fmt: skip


def test_keys_ignore_case_spacing_and_punctuation() -> None:
    a = designation_key("NASDAQ:ALLO", "FDA", "fast_track", "ALLO-329", "active refractory SLE (SLE)")
    b = designation_key("nasdaq:allo", "fda", "fast_track", "allo 329", "systemic lupus erythematosus (SLE)")
    assert a == b
    assert designation_key("NASDAQ:ALLO", "FDA", "fast_track", "ALLO-329", "(IIM)") != a
    assert trial_start_key("NASDAQ:X", "X-1", "RESOLUTION", "1") == trial_start_key(
        "nasdaq:x", "x1", "Resolution", "1/2"
    )
    assert trial_start_key("NASDAQ:X", "X-1", None, "1/2") != trial_start_key("NASDAQ:X", "X-1", None, "1")


def test_indication_key_without_acronyms_uses_the_words() -> None:
    assert indication_key("the treatment of patients with Rett syndrome") == "rett-syndrome"
    assert indication_key(None) == ""


def test_primary_ticker_prefers_major_exchanges_whatever_the_order() -> None:
    tickers = (Ticker("ASX", "IMM"), Ticker("NASDAQ", "IMMP"))
    assert primary_ticker(tickers) == Ticker("NASDAQ", "IMMP")
    assert primary_ticker(tuple(reversed(tickers))) == Ticker("NASDAQ", "IMMP")
    assert primary_ticker((Ticker("OTCQB", "A"), Ticker("TSXV", "B"))) == Ticker("TSXV", "B")
    assert primary_ticker(()) is None


def test_release_facts_and_extraction_to_dict() -> None:
    facts = ReleaseFacts("Acme, Inc.", date(2025, 4, 7), (Ticker("NASDAQ", "ACME"),))
    assert facts.issuer_key == "ACME"
    assert ReleaseFacts("Acme, Inc.", None).issuer_key == "Acme, Inc."
    out = Extraction(facts, (_designation(),), "v1").to_dict()
    assert out["release"] == {"company": "Acme, Inc.", "date": "2025-04-07",
                              "tickers": [{"exchange": "NASDAQ", "symbol": "ACME"}]}  # fmt: skip
    assert [e["kind"] for e in out["events"]] == ["designation"]
    assert out["extractor_version"] == "v1"


def test_an_over_long_key_is_bounded_stable_and_unique() -> None:
    from ir_feed.events import MAX_KEY, designation_key

    issuer = "Acme " * 150  # a dc:contributor of 750 characters
    a = designation_key(issuer, "FDA", "fast_track", "ACM-1", "an indication")
    b = designation_key(issuer, "FDA", "fast_track", "ACM-1", "another indication")
    assert len(a) <= MAX_KEY and len(b) <= MAX_KEY and a != b
    assert a == designation_key(issuer, "FDA", "fast_track", "ACM-1", "an indication")
    short = designation_key("Acme", "FDA", "fast_track", "ACM-1", "x")
    assert "sha256" not in short  # ordinary keys are unchanged


def test_trials_planned_one_per_indication_have_keys_of_their_own() -> None:
    rett = trial_start_key("ASX:MRW", "MRW-44", None, "2", "Rett syndrome")
    assert rett != trial_start_key("ASX:MRW", "MRW-44", None, "2", "Angelman syndrome")
    assert rett != trial_start_key("ASX:MRW", "MRW-44", None, "2")
    # no indication given: the key of every other trial start, unchanged
    assert trial_start_key("ASX:MRW", "MRW-44", None, "2", None) == "asx-mrw|trial_start|mrw44|phase-2"


def test_an_acronym_defined_in_quotes_names_the_same_indication() -> None:
    long = 'X-linked severe combined immunodeficiency ("XSCID"), in newly diagnosed infants'
    assert same_indication(long, "XSCID in newly diagnosed patients")
    assert not same_indication(long, "adenosine deaminase deficiency")
    assert indication_key(long) != "xscid"  # stored keys are read as before: the quoted acronym is no key


# -- Fact: an event of a kind defined by its spec alone ---------------------------------------


def _readout(**change: object) -> Fact:
    fields: dict[str, object] = {
        "kind": "topline_readout",
        "announced": True,
        "product": "ACM-101",
        "status": "expected",
        "values": (("trial", "ORBIT"), ("phase", "2"), ("timing_text", "in Q4 2026"),
                   ("window_start", date(2026, 10, 1)), ("window_end", date(2026, 12, 31))),
        "evidence": "Topline data from ORBIT are expected in Q4 2026.",
        "key": "acme|topline_readout|acm101|orbit",
    }  # fmt: skip
    fields.update(change)
    return Fact(**fields)  # type: ignore[arg-type]


def test_a_fact_reads_its_fields_and_writes_the_contracts_shape() -> None:
    fact = _readout()
    assert fact.trial == "ORBIT" and fact.window_start == date(2026, 10, 1)
    assert fact.to_dict() == {
        "kind": "topline_readout", "announced": True, "product": "ACM-101", "trial": "ORBIT", "phase": "2",
        "timing_text": "in Q4 2026", "window_start": "2026-10-01", "window_end": "2026-12-31", "status": "expected",
        "evidence": "Topline data from ORBIT are expected in Q4 2026.", "key": "acme|topline_readout|acm101|orbit",
    }  # fmt: skip
    with pytest.raises(AttributeError):
        _ = fact.indication


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "merger"}, "no spec-only kind"),
        ({"kind": "trial_start"}, "no spec-only kind"),  # (it has a value class of its own)
        ({"status": "granted"}, "bad topline_readout status"),
        ({"product": ""}, "empty topline_readout product"),
        ({"values": (("trial", "ORBIT"),)}, "topline_readout fields are"),
        ({"values": (("trial", "ORBIT"), ("phase", "2"), ("timing_text", None), ("window_start", "2026-10-01"),
                     ("window_end", None))}, "bad topline_readout window_start"),
        ({"evidence": " "}, "evidence must not be empty"),
    ],
)  # fmt: skip
def test_a_fact_is_checked_against_its_kinds_spec(change: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _readout(**change)


def test_a_facts_key_names_the_product_and_the_parts_given() -> None:
    key = fact_key("ACME", "topline_readout", "ACM-101 (acmezumab)", "ORBIT-2")
    assert key == "acme|topline_readout|acm101|orbit-2"
