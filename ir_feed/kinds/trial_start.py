"""Trial starts: a trial planned (with its timing as a date window), initiated, or its first
patient dosed."""

from __future__ import annotations

from ir_feed.kinds.spec import Fields, KindSpec, status_words, words

__all__ = ["SPEC"]


def _happened(e: Fields) -> tuple[str, str]:
    trial = e.get("trial") or (f"Phase {e['phase']} trial" if e.get("phase") else "Trial")
    return f"{trial} {status_words(e.get('status'))}", e.get("product") or ""


def _title(e: Fields) -> str:
    phase = f"Phase {e['phase']} trial" if e.get("phase") else "Trial"
    trial = e.get("trial")
    text = f"{phase} {trial + ' ' if trial else ''}of {e.get('product')}: {words(e.get('status') or '')}"
    return text + (f" ({e['timing_text']})" if e.get("timing_text") else "")


def _detail(e: Fields) -> str:
    name = e.get("trial") or "-"
    where = ", ".join(e.get("indications") or [])
    window = f"{e['window_start']}..{e.get('window_end')}" if e.get("window_start") else ""
    return " ".join(x for x in (name, f"({where})" if where else "", e.get("timing_text") or "", window) if x)


def _timeline_label(e: Fields) -> str:
    phase = f"Phase {e['phase']}" if e.get("phase") else "trial"
    return f"{e.get('product')} {phase}" + (f" ({e['trial']})" if e.get("trial") else "")


SPEC = KindSpec(
    name="trial_start",
    summary="A clinical trial start: planned, initiated or first patient dosed",
    fields=("product", "trial", "phase", "indications", "timing_text", "window_start", "window_end", "status"),
    types={"indications": "texts", "window_start": "date", "window_end": "date"},
    state_fields=("phase", "indications", "timing_text", "window_start", "window_end", "status"),
    status_rank={"planned": 0, "initiated": 1, "first_patient_dosed": 2},
    happened=_happened,
    title=_title,
    what=lambda e: f"Phase {e['phase']} trial" if e.get("phase") else "trial",
    detail=_detail,
    label=lambda e: " · ".join(
        x for x in ("Trial start", f"Phase {e['phase']}" if e.get("phase") else "", e.get("trial") or "") if x
    ),
    timeline_label=_timeline_label,
    spans_time=True,
)
