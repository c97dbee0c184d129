"""Bearer tokens from the config, compared in constant time.

* **read** endpoints (events, releases, diffs, feeds, the outgoing feeds,
  ``/metrics``): open, unless ``api.read_token`` is set — then they need it (or
  the write token).
* **admin** endpoints (every write, and everything about subscriptions and
  deliveries, reads included): need ``api.token``.  With no token configured they
  answer 403 ``writes_disabled`` — never open.
* a read that asks for admin data — ``/v1/diffs?subscription=NAME``, which shows what
  a subscription's filters select — needs ``api.token`` as the admin endpoints do
  (:func:`admin_check`).
* ``/healthz``, ``/readyz`` and ``/openapi.json`` are always open.

A missing or wrong token is 401 with ``WWW-Authenticate: Bearer``.  Tokens are
never logged and never echoed.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Depends, Request, Response
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import SecretStr

from ir_feed.api.context import ApiContext, context
from ir_feed.api.errors import ApiError
from ir_feed.api.params import on_the_loop

_bearer = HTTPBearer(auto_error=False, description="the API token from the config (api.token / api.read_token)")
_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="ir-feed"'}


def _matches(given: str, expected: SecretStr | None) -> bool:
    if expected is None:
        # Compare anyway, so a configured and an unconfigured token take the same time.
        hmac.compare_digest(given.encode(), given.encode())
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.get_secret_value().encode("utf-8"))


def _unauthorized(credentials: HTTPAuthorizationCredentials | None) -> ApiError:
    message = "a bearer token is required" if credentials is None else "the bearer token is not valid here"
    error = "invalid_request" if credentials is None else "invalid_token"
    headers = {"WWW-Authenticate": f'Bearer realm="ir-feed", error="{error}"'} if credentials else _CHALLENGE
    return ApiError(401, "unauthorized", message, headers=headers)


def _check_read(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None = Depends(_bearer),  # noqa: B008
) -> None:
    ctx: ApiContext = context(request)
    read_token, token = ctx.api.read_token, ctx.api.token
    if read_token is None:
        return
    if credentials is None:
        raise _unauthorized(None)
    given = credentials.credentials
    # Both comparisons always run: no early exit that would tell which token matched.
    ok_read = _matches(given, read_token)
    ok_admin = _matches(given, token)
    if not (ok_read or ok_admin):
        raise _unauthorized(credentials)


def _check_admin(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None = Depends(_bearer),  # noqa: B008
) -> None:
    ctx: ApiContext = context(request)
    token = ctx.api.token
    if token is None:
        raise ApiError(
            403,
            "writes_disabled",
            "write and admin endpoints are disabled: no api.token is configured",
        )
    if credentials is None:
        raise _unauthorized(None)
    if not _matches(credentials.credentials, token):
        raise _unauthorized(credentials)


def _admin_check(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None = Depends(_bearer),  # noqa: B008
) -> Callable[[], None]:
    """For a read endpoint that shows admin data on demand (``/v1/diffs?subscription=``):
    the check to call when it does, which answers as :func:`require_admin` would."""
    return lambda: _check_admin(request, credentials)


async def check_read(request: Request) -> None:
    """:data:`require_read` for a route that answers by itself (``api.events``)."""
    _check_read(request, await _bearer(request))


# (on the event loop: see params.on_the_loop)
require_read = on_the_loop(_check_read)
require_admin = on_the_loop(_check_admin)
admin_check = on_the_loop(_admin_check)


class AdminRoute(APIRoute):
    """A route of admin endpoints that authenticates before anything else.

    FastAPI reads and decodes a JSON body before it solves dependencies, so without
    this a client with no token sending a malformed body would be told 400 or 422
    about it instead of 401.  :func:`require_admin` still runs as the routes'
    dependency (and in the OpenAPI document's security)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def authenticated_first(request: Request) -> Response:
            _check_admin(request, await _bearer(request))
            return await handler(request)

        return authenticated_first
