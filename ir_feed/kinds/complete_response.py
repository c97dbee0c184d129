"""Complete Response Letters: the FDA declines to approve an application as it stands (or the
EMA's negative opinion), with the stated reason when the release gives one."""

from __future__ import annotations

from ir_feed.kinds.spec import Fields, KindSpec

__all__ = ["SPEC"]


def _what(e: Fields) -> str:
    return f"{e.get('agency') or ''} Complete Response Letter".strip()


SPEC = KindSpec(
    name="complete_response",
    summary="A Complete Response Letter (or a negative opinion) on a product's application, with its reason",
    fields=("agency", "product", "indication", "reason", "status"),
    state_fields=("reason",),
    status_rank={"received": 0},
    types={"agency": "name"},
    notes={"reason": "manufacturing, clinical, safety, labeling, other, or null when the release gives none"},
    happened=lambda e: (_what(e), e.get("product") or ""),
    title=lambda e: f"{_what(e)} for {e.get('product')}" + (f" ({e['reason']})" if e.get("reason") else ""),
    what=_what,
    detail=lambda e: e.get("reason") or "-",
    label=_what,
    timeline_label=lambda e: f"CRL — {e.get('product')}",
)
