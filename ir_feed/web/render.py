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


_env = Environment(
    loader=PackageLoader("ir_feed.web", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters.update(when=_when, iso=_iso, words=_words, path=_path, designation=designation_name)
_env.globals.update(version=__version__, urlencode=urlencode, Access=Access)


def page(request: Request, template: str, *, code: int = 200, **values: Any) -> HTMLResponse:
    """``template`` rendered for ``request`` (the visitor's access level and the
    current path are always at hand), with the site's security headers."""
    html = _env.get_template(template).render(request=request, access=access(request), here=request.url.path, **values)
    return HTMLResponse(html, status_code=code, headers=_HEADERS)
