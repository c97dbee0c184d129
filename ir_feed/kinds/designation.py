"""Regulatory designations: FDA Fast Track, Breakthrough Therapy, Orphan Drug, Rare Pediatric
Disease, RMAT, Priority Review; EMA PRIME and orphan designation; and the like elsewhere."""

from __future__ import annotations

from ir_feed.kinds.spec import Fields, KindSpec, status_words, words

__all__ = ["SPEC", "designation_name"]

_NAMES = {
    "prime": "PRIME",
    "rmat": "RMAT",
    "ilap": "ILAP",
    "sakigake": "SAKIGAKE",
    "breakthrough_therapy": "Breakthrough Therapy",
}


def designation_name(value: str) -> str:
    """``fast_track`` → ``Fast Track``, ``rmat`` → ``RMAT``."""
    return _NAMES.get(value.lower(), words(value).title())


def _happened(e: Fields) -> tuple[str, str]:
    product = e.get("product") or ""
    head = f"{e.get('agency', '')} {designation_name(str(e.get('designation', '')))} {status_words(e.get('status'))}"
    return head, (f"{product} in {e['indication']}" if e.get("indication") else product)


def _title(e: Fields) -> str:
    text = f"{designation_name(e.get('designation') or '')} designation for {e.get('product')}"
    text += f" in {e['indication']}" if e.get("indication") else ""
    notes = [e["agency"]] if e.get("agency") and e["agency"] != "FDA" else []  # FDA is the usual case
    notes += [words(e["status"])] if e.get("status") != "granted" else []
    return text + (f" ({', '.join(notes)})" if notes else "")


def _timeline_label(e: Fields) -> str:
    what = " ".join(x for x in (e.get("agency"), designation_name(e.get("designation") or "")) if x)
    return f"{what} — {e.get('product')}" + (f" ({e['indication']})" if e.get("indication") else "")


SPEC = KindSpec(
    name="designation",
    summary="A regulatory designation for one product and one indication",
    fields=("agency", "designation", "product", "indication", "status"),
    types={"agency": "name", "designation": "name"},
    notes={"designation": "fast_track, orphan_drug, breakthrough_therapy, prime, ..."},
    state_fields=("status",),
    status_rank={"planned": 0, "applied": 1, "positive_opinion": 2, "granted": 3},
    happened=_happened,
    title=_title,
    what=lambda e: f"{e.get('agency')} {e.get('designation')}",
    detail=lambda e: e.get("indication") or "-",
    label=lambda e: f"{e.get('agency') or ''} {designation_name(e.get('designation') or '')}".strip(),
    timeline_label=_timeline_label,
)
