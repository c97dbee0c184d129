"""The project's demo pages (``examples/releases/*.html``, fictional releases written
for this project), through the HTML edge and the extractor: exactly these events.

Each expected event lists the fields that matter; ``indication`` is the indication
part of the key (:func:`ir_feed.events.indication_key`); an empty key part means the
page states none.  No other event may come out of a page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ir_feed.events import indication_key
from ir_feed.extract import extract
from ir_feed.page import article_text

PAGES = Path(__file__).resolve().parents[2] / "examples" / "releases"

EXPECTED: dict[str, list[dict[str, Any]]] = {
    "brightwater-medicines-reports-first-quarter-2026-financial-results": [],
    "calder-ridge-therapeutics-announces-fda-clearance-of-ind-for-crx-220": [
        {"kind": "ind_clearance", "agency": "FDA", "product": "CRX-220", "status": "cleared", "announced": True},
        {"kind": "trial_start", "product": "CRX-220", "trial": "CALDER-1", "phase": "1", "status": "planned",
         "announced": True, "timing_text": "mid-2026", "window_start": "2026-04-01", "window_end": "2026-09-30"},
    ],
    "northwind-biotherapeutics-receives-fda-fast-track-designation-for-nwb-101": [
        {"kind": "designation", "agency": "FDA", "designation": "fast_track", "product": "NWB-101",
         "indication": "ipf", "status": "granted", "announced": True},
        {"kind": "topline_readout", "product": "NWB-101", "trial": "BREEZE", "phase": "2", "status": "expected",
         "announced": True, "window_start": "2026-07-01", "window_end": "2026-12-31"},
    ],
    "osprey-lane-genetics-receives-ema-prime-and-fda-orphan-drug-designation-for-olg-404": [
        {"kind": "designation", "agency": "EMA", "designation": "prime", "product": "OLG-404",
         "indication": "duchenne-muscular-dystrophy", "status": "granted", "announced": True},
        {"kind": "designation", "agency": "FDA", "designation": "orphan_drug", "product": "OLG-404",
         "indication": "duchenne-muscular-dystrophy", "status": "granted", "announced": True},
        {"kind": "designation", "agency": "FDA", "designation": "rare_pediatric_disease", "product": "OLG-404",
         "indication": "", "status": "granted", "announced": False},
    ],
    "tamsin-biologics-doses-first-patient-in-phase-2-tidal-trial-of-tmb-310": [
        {"kind": "trial_start", "product": "TMB-310", "trial": "TIDAL", "phase": "2",
         "indications": ["moderately to severely active ulcerative colitis"], "status": "first_patient_dosed",
         "announced": True, "window_start": "2026-03-17", "window_end": "2026-03-17"},
    ],
}  # fmt: skip


def _view(event: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    out = {k: event.get(k) for k in fields}
    if "indication" in fields:
        out["indication"] = indication_key(event.get("indication"))
    return out


def test_every_demo_page_has_expectations() -> None:
    assert sorted(p.stem for p in PAGES.glob("*.html")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_demo_page(name: str) -> None:
    page = PAGES / f"{name}.html"
    got = [e.to_dict() for e in extract(article_text(page.read_bytes(), None)).events]
    remaining = list(got)
    for want in EXPECTED[name]:
        hit = next((e for e in remaining if _view(e, want) == want), None)
        assert hit is not None, (want, [_view(e, want) for e in remaining])
        remaining.remove(hit)
    assert not remaining, remaining
