"""Clinical holds: a regulator stops a product's trials (``placed``), part of them (``partial``:
no new patients, a dose or a cohort stopped), or lets them resume (``lifted``)."""

from __future__ import annotations

from ir_feed.kinds.spec import Fields, KindSpec

__all__ = ["SPEC"]

_SAID = {"placed": "clinical hold", "partial": "partial clinical hold", "lifted": "clinical hold lifted"}


def _what(e: Fields) -> str:
    return f"{e.get('agency') or ''} {_SAID.get(str(e.get('status')), 'clinical hold')}".strip()


SPEC = KindSpec(
    name="clinical_hold",
    summary="A regulator's clinical hold on a product's trials: placed, partial, or lifted",
    fields=("agency", "product", "trial", "status"),
    state_fields=("trial", "status"),
    status_rank={"partial": 0, "placed": 1, "lifted": 2},
    types={"agency": "name"},
    happened=lambda e: (_what(e), e.get("product") or ""),
    title=lambda e: f"{_what(e)} on {e.get('product')}" + (f" ({e['trial']})" if e.get("trial") else ""),
    what=_what,
    detail=lambda e: e.get("trial") or "-",
    label=_what,
    timeline_label=lambda e: f"{_what(e)} — {e.get('product')}",
    about=lambda e: e.get("trial") or "",
)
