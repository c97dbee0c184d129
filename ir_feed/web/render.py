"""Pages as HTML: the template environment, its filters, and the headers every page carries.

Templates live in ``ir_feed/web/templates`` and autoescape everything: a release's
title, a product name or a receiver's answer is text, never markup.  The one piece of
markup a template takes as is, the issuer timeline, is built by
:mod:`ir_feed.web.timeline`, which escapes every string it draws.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from ir_feed import __version__
from ir_feed.kinds import kind_of
from ir_feed.kinds.designation import designation_name
from ir_feed.web.session import Access, access

# Nothing but this site's own files: no inline script, no framing, forms post here only.
# (The timeline is inline SVG drawn with attributes, not style sheets or scripts.)
_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def _when(value: datetime | date | str | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
        return _when(parsed)
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return value.isoformat()


def _iso(value: datetime | date | str | None) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return value or ""


def _words(value: str | None) -> str:
    return (value or "").replace("_", " ")


def _path(value: str) -> str:
    return quote(value, safe="")


def _label(event: dict[str, Any]) -> str:
    """What happened, in a few words (the kind's :attr:`~ir_feed.kinds.KindSpec.label`;
    a kind this release does not know is named by its code)."""
    spec = kind_of(str(event.get("kind")))
    return spec.label(event) if spec is not None else _words(str(event.get("kind") or ""))


def _about(event: dict[str, Any]) -> str:
    spec = kind_of(str(event.get("kind")))
    return spec.about(event) if spec is not None else str(event.get("indication") or "")


def _facts(event: dict[str, Any]) -> list[tuple[str, str]]:
    """An event page's facts: each field its kind has (but the product and the status, which
    the page shows apart) that holds a value, as (name in words, value in words)."""
    spec = kind_of(str(event.get("kind")))
    if spec is None:  # (a kind this release does not know: its page shows no facts of it)
        return []
    out = []
    for name in spec.fields:
        value = event.get(name)
        if name in ("product", "status") or value is None or value == "" or value == []:
            continue
        kind = spec.type_of(name)
        text = ", ".join(value) if kind == "texts" else ("yes" if value else "no") if kind == "flag" else str(value)
        out.append((_words(name).capitalize(), designation_name(text) if name == "designation" else text))
    return out


def _due(event: dict[str, Any]) -> str:
    spec = kind_of(str(event.get("kind")))
    return spec.when(event) if spec is not None else ""


_env = Environment(
    loader=PackageLoader("ir_feed.web", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters.update(
    when=_when,
    iso=_iso,
    words=_words,
    path=_path,
    designation=designation_name,
    label=_label,
    about=_about,
    due=_due,
    facts=_facts,
)
_env.globals.update(version=__version__, urlencode=urlencode, Access=Access)


def page(request: Request, template: str, *, code: int = 200, **values: Any) -> HTMLResponse:
    """``template`` rendered for ``request`` (the visitor's access level and the
    current path are always at hand), with the site's security headers."""
    html = _env.get_template(template).render(request=request, access=access(request), here=request.url.path, **values)
    return HTMLResponse(html, status_code=code, headers=_HEADERS)
