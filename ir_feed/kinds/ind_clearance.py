"""IND clearances and their foreign equivalents (a CTA approved, a No Objection Letter, ...):
a regulator lets a trial of a product proceed."""

from __future__ import annotations

from ir_feed.kinds.spec import Fields, KindSpec, status_words, words

__all__ = ["SPEC"]


def _title(e: Fields) -> str:
    text = f"{e.get('agency') or ''} IND clearance for {e.get('product')}".strip()
    text += f" in {e['indication']}" if e.get("indication") else ""
    return text + (f" ({words(e['status'])})" if e.get("status") != "cleared" else "")


SPEC = KindSpec(
    name="ind_clearance",
    summary="An IND clearance (FDA) or a foreign equivalent (CTA, NOL, CTN)",
    fields=("agency", "product", "indication", "status"),
    types={"agency": "name"},
    state_fields=("status", "indication"),
    status_rank={"planned": 0, "submitted": 1, "cleared": 2},
    happened=lambda e: (f"{e.get('agency', '')} IND {status_words(e.get('status'))}", e.get("product") or ""),
    title=_title,
    what=lambda e: f"{e.get('agency')} IND/CTA",
    detail=lambda e: e.get("indication") or "-",
    label=lambda e: f"{e.get('agency') or ''} IND clearance".strip(),
    timeline_label=lambda e: f"{e.get('agency') or ''} IND cleared — {e.get('product')}",
)
