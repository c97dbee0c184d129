"""Topline readouts: a trial's results promised for a period (``expected``, with the timing
as a date window) or reported by the release (``reported``)."""

from __future__ import annotations

from ir_feed.kinds.spec import Fields, KindSpec, words

__all__ = ["SPEC"]


def _trial(e: Fields) -> str:
    phase = f"Phase {e['phase']}" if e.get("phase") else ""
    return " ".join(x for x in (phase, e.get("trial") or "") if x) or "trial"


def _title(e: Fields) -> str:
    text = f"{_trial(e)} data of {e.get('product')}: {words(e.get('status') or '')}"
    return text + (f" ({e['timing_text']})" if e.get("timing_text") else "")


SPEC = KindSpec(
    name="topline_readout",
    summary="A trial's topline results: promised for a period, or reported",
    fields=("product", "trial", "phase", "timing_text", "window_start", "window_end", "status"),
    state_fields=("phase", "timing_text", "window_start", "window_end", "status"),
    status_rank={"expected": 0, "reported": 1},
    types={"window_start": "date", "window_end": "date"},
    happened=lambda e: (f"{_trial(e)} data {words(e.get('status') or '')}", e.get("product") or ""),
    title=_title,
    what=lambda e: f"{_trial(e)} readout",
    detail=lambda e: (
        " ".join(
            x
            for x in (
                e.get("timing_text") or "",
                f"{e['window_start']}..{e.get('window_end')}" if e.get("window_start") else "",
            )
            if x
        )
        or "-"
    ),
    label=lambda e: " · ".join(x for x in ("Topline readout", _trial(e) if _trial(e) != "trial" else "") if x),
    timeline_label=lambda e: f"{e.get('product')} {_trial(e)} readout",
    about=lambda e: "",
    spans_time=True,
)
