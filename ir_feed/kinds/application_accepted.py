"""Marketing applications: an NDA, BLA, sNDA, MAA, NDS … submitted to a regulator or accepted
for review, with priority review or not and its target action (PDUFA) date as a date window —
the date investors put on their calendars."""

from __future__ import annotations

from ir_feed.kinds.spec import Fields, KindSpec, words

__all__ = ["SPEC"]


def _application(e: Fields) -> str:
    return " ".join(x for x in (e.get("agency") or "", e.get("application") or "application") if x)


def _title(e: Fields) -> str:
    text = f"{_application(e)} for {e.get('product')}: {words(e.get('status') or '')}"
    text += ", priority review" if e.get("priority_review") else ""
    return text + (f" (target action date {e['timing_text']})" if e.get("timing_text") else "")


def _detail(e: Fields) -> str:
    target = f"PDUFA {e['window_start']}" if e.get("window_start") else ""
    parts = (e.get("indication") or "", "priority review" if e.get("priority_review") else "", target)
    return " ".join(x for x in parts if x) or "-"


SPEC = KindSpec(
    name="application_accepted",
    summary="A marketing application (NDA, BLA, MAA, ...) submitted or accepted for review, with its target date",
    fields=(
        "agency",
        "application",
        "product",
        "indication",
        "priority_review",
        "timing_text",
        "window_start",
        "window_end",
        "status",
    ),
    state_fields=("indication", "priority_review", "timing_text", "window_start", "window_end", "status"),
    status_rank={"submitted": 0, "accepted": 1},
    types={"agency": "name", "priority_review": "flag", "window_start": "date", "window_end": "date"},
    notes={
        "application": "NDA, BLA, sNDA, sBLA, ANDA, MAA, NDS, ... as the release names it; null if unnamed",
        "priority_review": "true: priority review (or accelerated assessment); false: standard; null: not said",
    },
    happened=lambda e: (f"{_application(e)} {words(e.get('status') or '')}", e.get("product") or ""),
    title=_title,
    what=_application,
    detail=_detail,
    label=lambda e: f"{_application(e)} {words(e.get('status') or '')}",
    timeline_label=lambda e: f"{e.get('product')} {_application(e)}",
    spans_time=True,
)
