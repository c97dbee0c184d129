"""Builders for delivery tests: realistic diff messages of each event kind
(imported as ``tests.unit.delivery.builders``, also by the integration tests)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from ir_feed.delivery import DiffMessage

WHEN = datetime(2025, 1, 7, 12, 30, tzinfo=UTC)

DESIGNATION: dict[str, Any] = {
    "kind": "designation",
    "key": "allo|designation|fda|fast-track|allo329|sle",
    "announced": True,
    "agency": "FDA",
    "designation": "fast_track",
    "product": "ALLO-329",
    "indication": "systemic lupus erythematosus (SLE)",
    "status": "granted",
    "evidence": "Allogene today announced that the FDA has granted Fast Track designation to ALLO-329 for SLE.",
    "issuer": {"company": "Allogene Therapeutics, Inc.", "tickers": ["NASDAQ:ALLO"]},
}
IND: dict[str, Any] = {
    "kind": "ind_clearance",
    "key": "nasdaq:abcd|ind_clearance|fda|abc123",
    "announced": True,
    "agency": "FDA",
    "product": "ABC-123",
    "indication": None,
    "status": "cleared",
    "evidence": "The FDA cleared the IND application for ABC-123.",
    "issuer": {"company": "Abcd Bio", "tickers": ["NASDAQ:ABCD", "TSX:ABD"]},
}
TRIAL: dict[str, Any] = {
    "kind": "trial_start",
    "key": "nasdaq:xyz|trial_start|xyz9|resolve",
    "announced": True,
    "product": "XYZ-9",
    "trial": "RESOLVE",
    "phase": "2",
    "indications": ["psoriasis"],
    "timing_text": "first half of 2025",
    "window_start": "2025-01-01",
    "window_end": "2025-06-30",
    "status": "planned",
    "evidence": "XYZ plans to start the Phase 2 RESOLVE trial of XYZ-9 in the first half of 2025.",
    "issuer": {"company": "XYZ Therapeutics", "tickers": ["XYZ"]},
}
READOUT: dict[str, Any] = {
    "kind": "topline_readout",
    "key": "xyz|topline_readout|xyz9|resolve",
    "announced": True,
    "product": "XYZ-9",
    "trial": "RESOLVE",
    "phase": "2",
    "timing_text": "in the second half of 2026",
    "window_start": "2026-07-01",
    "window_end": "2026-12-31",
    "status": "expected",
    "evidence": "Topline data from the Phase 2 RESOLVE trial of XYZ-9 are expected in the second half of 2026.",
    "issuer": {"company": "XYZ Therapeutics", "tickers": ["XYZ"]},
}
APPLICATION: dict[str, Any] = {
    "kind": "application_accepted",
    "key": "xyz|application_accepted|xyz9|fda",
    "announced": True,
    "agency": "FDA",
    "application": "NDA",
    "product": "XYZ-9",
    "indication": "psoriasis",
    "priority_review": True,
    "timing_text": "October 14, 2026",
    "window_start": "2026-10-14",
    "window_end": "2026-10-14",
    "status": "accepted",
    "evidence": "The FDA accepted the NDA for XYZ-9 with Priority Review and a PDUFA date of October 14, 2026.",
    "issuer": {"company": "XYZ Therapeutics", "tickers": ["XYZ"]},
}
APPROVAL: dict[str, Any] = {
    "kind": "approval",
    "key": "xyz|approval|xyz9|fda|psoriasis",
    "announced": True,
    "agency": "FDA",
    "product": "XYZ-9",
    "indication": "psoriasis",
    "pathway": "accelerated",
    "status": "approved",
    "evidence": "The FDA granted accelerated approval to XYZ-9 for the treatment of psoriasis.",
    "issuer": {"company": "XYZ Therapeutics", "tickers": ["XYZ"]},
}
HOLD: dict[str, Any] = {
    "kind": "clinical_hold",
    "key": "xyz|clinical_hold|xyz9|fda",
    "announced": True,
    "agency": "FDA",
    "product": "XYZ-9",
    "trial": "RESOLVE",
    "status": "partial",
    "evidence": "The FDA placed a partial clinical hold on the RESOLVE trial of XYZ-9.",
    "issuer": {"company": "XYZ Therapeutics", "tickers": ["XYZ"]},
}
CRL: dict[str, Any] = {
    "kind": "complete_response",
    "key": "xyz|complete_response|xyz9|fda",
    "announced": True,
    "agency": "FDA",
    "product": "XYZ-9",
    "indication": None,
    "reason": "manufacturing",
    "status": "received",
    "evidence": "XYZ received a Complete Response Letter for XYZ-9 citing its manufacturer's inspection.",
    "issuer": {"company": "XYZ Therapeutics", "tickers": ["XYZ"]},
}
ADCOM: dict[str, Any] = {
    "kind": "advisory_committee",
    "key": "xyz|advisory_committee|xyz9|fda",
    "announced": True,
    "agency": "FDA",
    "committee": "Oncologic Drugs Advisory Committee",
    "product": "XYZ-9",
    "indication": None,
    "timing_text": "June 17, 2026",
    "window_start": "2026-06-17",
    "window_end": "2026-06-17",
    "status": "scheduled",
    "evidence": "The ODAC will meet on June 17, 2026 to review XYZ-9.",
    "issuer": {"company": "XYZ Therapeutics", "tickers": ["XYZ"]},
}
RELEASE: dict[str, Any] = {
    "id": "globenewswire.com:2998811",
    "url": "https://www.globenewswire.com/news-release/2025/01/07/2998811/0/en/allogene.html",
    "title": "Allogene Receives FDA Fast Track Designation for ALLO-329",
    "published_at": WHEN,
    "tickers": ["NASDAQ:ALLO"],
}


def make_message(
    event: Mapping[str, Any] = DESIGNATION,
    *,
    diff_type: str = "event.created",
    changes: Mapping[str, Mapping[str, Any]] | None = None,
    release: Mapping[str, Any] = RELEASE,
    n: int = 1,
) -> DiffMessage:
    return DiffMessage(
        message_id=f"msg_{n:026d}",
        diff_type=diff_type,  # type: ignore[arg-type]
        occurred_at=WHEN,
        event=dict(event),
        changes=dict(changes or {}),
        release=dict(release),
    )
