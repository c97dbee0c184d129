"""Marketing approvals: a regulator authorises a product for an indication (FDA, the European
Commission, Health Canada, PMDA / MHLW, NMPA, MHRA, TGA, ...), accelerated, conditional or full;
a CHMP positive opinion is its own, earlier status."""

from __future__ import annotations

from ir_feed.kinds.spec import Fields, KindSpec, words

__all__ = ["SPEC"]


def _who(e: Fields) -> str:
    pathway = f"{e['pathway']} " if e.get("pathway") and e.get("pathway") != "full" else ""
    return f"{e.get('agency') or ''} {pathway}approval".strip()


def _title(e: Fields) -> str:
    what = "CHMP positive opinion" if e.get("status") == "positive_opinion" else _who(e)
    text = f"{what} for {e.get('product')}"
    return text + (f" in {e['indication']}" if e.get("indication") else "")


SPEC = KindSpec(
    name="approval",
    summary="A marketing approval (or a CHMP positive opinion) for a product and an indication",
    fields=("agency", "product", "indication", "pathway", "status"),
    state_fields=("pathway", "status"),
    status_rank={"positive_opinion": 0, "approved": 1},
    types={"agency": "name"},
    notes={"pathway": "accelerated, conditional, full, or null when the release does not say"},
    happened=lambda e: (
        "CHMP positive opinion" if e.get("status") == "positive_opinion" else _who(e),
        f"{e.get('product') or ''} in {e['indication']}" if e.get("indication") else e.get("product") or "",
    ),
    title=_title,
    what=lambda e: _who(e) if e.get("status") == "approved" else f"{e.get('agency') or ''} {words('positive_opinion')}",
    detail=lambda e: e.get("indication") or "-",
    label=lambda e: _who(e) if e.get("status") == "approved" else "CHMP positive opinion",
    timeline_label=lambda e: f"{_who(e)} — {e.get('product')}",
)
