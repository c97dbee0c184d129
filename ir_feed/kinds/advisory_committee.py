"""Advisory committee meetings on a product: scheduled for a date (on the catalyst calendar),
the committee's vote for or against, or the meeting cancelled."""

from __future__ import annotations

from ir_feed.kinds.spec import Fields, KindSpec, words

__all__ = ["SPEC"]


def _what(e: Fields) -> str:
    return f"{e.get('agency') or ''} {e.get('committee') or 'advisory committee'}".strip()


SPEC = KindSpec(
    name="advisory_committee",
    summary="An advisory committee meeting on a product: scheduled, voted for or against, or cancelled",
    fields=("agency", "committee", "product", "indication", "timing_text", "window_start", "window_end", "status"),
    state_fields=("committee", "timing_text", "window_start", "window_end", "status"),
    status_rank={"scheduled": 0, "cancelled": 1, "voted_against": 2, "voted_for": 2},
    types={"agency": "name", "window_start": "date", "window_end": "date"},
    happened=lambda e: (f"{_what(e)} {words(e.get('status') or '')}", e.get("product") or ""),
    title=lambda e: (
        f"{_what(e)} on {e.get('product')}: {words(e.get('status') or '')}"
        + (f" ({e['timing_text']})" if e.get("timing_text") else "")
    ),
    what=_what,
    detail=lambda e: " ".join(x for x in (e.get("timing_text") or "", words(e.get("status") or "")) if x) or "-",
    label=lambda e: f"Advisory committee {words(e.get('status') or '')}",
    timeline_label=lambda e: f"{e.get('product')} advisory committee",
    spans_time=True,
)
