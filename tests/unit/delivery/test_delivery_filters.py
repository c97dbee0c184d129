"""Subscription filters."""

from __future__ import annotations

import pytest

from ir_feed.delivery import Filters, matches
from tests.unit.delivery.builders import DESIGNATION, IND, TRIAL, make_message

ALLO = make_message(DESIGNATION)  # NASDAQ:ALLO, FDA fast_track
ABCD = make_message(IND)  # NASDAQ:ABCD + TSX:ABD, FDA IND
XYZ = make_message(TRIAL, diff_type="event.updated")  # ticker "XYZ" without exchange, no agency


def test_empty_filters_match_everything() -> None:
    assert all(matches(Filters(), m) for m in (ALLO, ABCD, XYZ))


@pytest.mark.parametrize(
    ("tickers", "expected"),
    [
        (["ALLO"], {"ALLO"}),
        (["allo"], {"ALLO"}),
        (["nasdaq:allo"], {"ALLO"}),
        (["NYSE:ALLO"], set()),
        (["ABD"], {"ABCD"}),  # any of the issuer's listings
        (["tsx:abd"], {"ABCD"}),
        (["XYZ"], {"XYZ"}),
        (["NASDAQ:XYZ"], set()),  # the issuer's listing names no exchange
        (["ALLO", " xyz "], {"ALLO", "XYZ"}),
    ],
)
def test_tickers_match_by_symbol_or_listing(tickers: list[str], expected: set[str]) -> None:
    filters = Filters.of(tickers=tickers)
    got = {name for name, m in (("ALLO", ALLO), ("ABCD", ABCD), ("XYZ", XYZ)) if matches(filters, m)}
    assert got == expected


def test_kinds_agencies_and_diff_types() -> None:
    assert [matches(Filters.of(kinds=["Trial Start"]), m) for m in (ALLO, ABCD, XYZ)] == [False, False, True]
    assert [matches(Filters.of(agencies=["ema"]), m) for m in (ALLO, ABCD, XYZ)] == [False, False, True]
    assert [matches(Filters.of(agencies=["fda"]), m) for m in (ALLO, ABCD, XYZ)] == [True, True, True]
    assert [matches(Filters.of(diff_types=["event.updated"]), m) for m in (ALLO, ABCD, XYZ)] == [False, False, True]


def test_designation_kinds_constrain_designations_only() -> None:
    orphan = Filters.of(designations=["orphan-drug"])
    assert not matches(orphan, ALLO)
    assert matches(Filters.of(designations=["Fast Track"]), ALLO)
    both = Filters.of(kinds=["designation", "trial_start"], designations=["fast_track"])
    assert [matches(both, m) for m in (ALLO, ABCD, XYZ)] == [True, False, True]


def test_filters_combine_with_and() -> None:
    filters = Filters.of(tickers=["ALLO"], kinds=["designation"], diff_types=["event.updated"])
    assert not matches(filters, ALLO)
    assert matches(filters, make_message(DESIGNATION, diff_type="event.updated"))


def test_unknown_diff_types_are_refused() -> None:
    with pytest.raises(ValueError, match=r"event\.deleted"):
        Filters.of(diff_types=["event.deleted"])
