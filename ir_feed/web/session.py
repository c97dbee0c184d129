"""Who is looking at a page: the API's tokens, carried by a browser.

A browser cannot send the API's ``Authorization: Bearer`` header when it follows a
link, so the sign-in form (``POST /login``) takes a token once and sets a cookie that
proves it: an HMAC of a fixed label keyed by the token (the cookie never holds the
token itself, and stops working when the token in the config changes).  The cookie is
``HttpOnly`` and ``SameSite=Strict``; a script or a curl call may send the bearer
header instead.

The pages follow the API's rules (:mod:`ir_feed.api.auth`) exactly:

* events, releases and feeds are **read** pages: open unless ``api.read_token`` is set;
* subscriptions and deliveries, and every action, need the **admin** token
  (``api.token``); with none configured they are refused, never open.

A form that changes something must also come from this site: its ``Origin`` (or, when a
browser sends none, its ``Referer``) names the host the request was sent to, so another
site cannot make a signed-in browser press a button (cross-site request forgery).
"""

from __future__ import annotations

import enum
import hashlib
import hmac
from urllib.parse import urlsplit

from fastapi import Request
from pydantic import SecretStr

from ir_feed.api.context import context

COOKIE = "ir_feed_session"
_LABEL = b"ir_feed web session v1"


class Access(enum.IntEnum):
    NONE = 0
    READ = 1
    ADMIN = 2


def seal(token: SecretStr) -> str:
    """The cookie value that proves ``token``."""
    return hmac.new(token.get_secret_value().encode(), _LABEL, hashlib.sha256).hexdigest()


def _proves(given: str | None, token: SecretStr | None) -> bool:
    if token is None or not given:
        return False
    return hmac.compare_digest(given.encode(), seal(token).encode())


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def access(request: Request) -> Access:
    """The level the request's cookie or bearer token proves."""
    api = context(request).api
    cookie = request.cookies.get(COOKIE)
    bearer = _bearer(request)
    sealed = seal(SecretStr(bearer)) if bearer else None
    for given in (cookie, sealed):
        if _proves(given, api.token):
            return Access.ADMIN
    if api.read_token is None:
        return Access.READ
    for given in (cookie, sealed):
        if _proves(given, api.read_token):
            return Access.READ
    return Access.NONE


def level_of(request: Request, token: str) -> Access:
    """What ``token`` (typed into the sign-in form) would give."""
    api = context(request).api
    sealed = seal(SecretStr(token))
    if _proves(sealed, api.token):
        return Access.ADMIN
    if _proves(sealed, api.read_token):
        return Access.READ
    return Access.NONE


def same_site(request: Request) -> bool:
    """Whether a form was sent from a page of this site (see the module docstring)."""
    source = request.headers.get("origin") or request.headers.get("referer")
    if not source or source == "null":
        return False
    parts = urlsplit(source)
    return parts.scheme in ("http", "https") and parts.netloc == request.headers.get("host", "")


def safe_next(value: str | None) -> str:
    """A page of this site to go to after signing in ("/" unless ``value`` is one)."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value and len(value) < 2000:
        return value
    return "/"
