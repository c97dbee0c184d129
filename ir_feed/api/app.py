"""``create_app``: the ASGI application (FastAPI), given its settings, engine and health.

The routers, one module per resource group::

    events         GET /v1/events, /v1/events/{key}
    outgoing       GET /v1/events.atom, /v1/events.json
    releases       GET /v1/releases, /v1/releases/{key}
    event_types    GET /v1/event-types
    diffs          GET /v1/diffs
    feeds          GET /v1/feeds
    subscriptions  GET/POST /v1/subscriptions, GET/PATCH/DELETE /v1/subscriptions/{name},
                   POST /v1/subscriptions/{name}/rotate-secret, POST /v1/subscriptions/{name}/test,
                   GET /v1/deliveries, POST /v1/deliveries/replay, POST /v1/deliveries/{id}/retry
    health         GET /healthz, /readyz, /metrics

Database work happens in plain ``def`` endpoints, which Starlette runs in its
thread pool: the event loop (shared with the scheduler under ``ir-feed run``)
never waits on the database.  No CORS headers are sent.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from fastapi import FastAPI
from fastapi.responses import Response
from sqlalchemy import Engine
from starlette.middleware.errors import ServerErrorMiddleware
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ir_feed import __version__, web
from ir_feed.api import calendar, diffs, event_types, events, feeds, outgoing, releases, subscriptions
from ir_feed.api import health as health_routes
from ir_feed.api.context import ApiContext, Health
from ir_feed.api.errors import error_response, install, internal_error
from ir_feed.api.schemas import ErrorBody
from ir_feed.delivery import Resolver, system_resolver
from ir_feed.metrics import Metrics
from ir_feed.services.clock import utcnow
from ir_feed.settings import Settings
from ir_feed.store.engine import head_revision, session_factory, statement_reads

DESCRIPTION = """\
The events, releases and diffs ir_feed has stored, its feeds' health, and the
management of webhook subscriptions.  Errors always have the shape
`{"error": {"code", "message", "details"}}`.  Lists are newest first (diffs:
oldest first) and paginated with an opaque `next_cursor`.
"""


def _errors(*statuses: int, model: bool = True) -> dict[int | str, dict[str, Any]]:
    reasons = {
        400: "bad parameter or cursor (the reason is in the message)",
        401: "a bearer token is required, or the one given is not valid",
        403: "writes are disabled: no api.token is configured",
        404: "no such object",
        405: "the path is another operation's, which takes no such method",
        409: "already exists",
        422: "invalid parameters or body (each problem in details)",
        503: "the database cannot be reached",
    }
    # The content is spelt out: errors are application/json even where the success
    # answer is not (Atom, JSON Feed), and FastAPI would otherwise use the route's type.
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
    # ``model`` registers the ErrorBody component; without it only application/json is listed.
    extra: dict[str, Any] = {"model": ErrorBody} if model else {}
    return {s: {**extra, "description": reasons[s], "content": content} for s in statuses}


class _RequestMetrics:
    """Counts answered requests by route template and status (pure ASGI, no body buffering)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app, self.metrics = app, metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            route = scope.get("route")
            self.metrics.api_request(getattr(route, "path", "unmatched"), status)


# read routes: open unless api.read_token is set (the rest need the admin token)
_READ_PATHS = ("/v1/events", "/v1/event-types", "/v1/releases", "/v1/diffs", "/v1/feeds", "/v1/calendar", "/metrics")


def _describe_what_is_enforced(app: FastAPI, settings: Settings) -> None:
    """The OpenAPI document says what the running API enforces: a read route needs a
    token only when ``api.read_token`` is set, and ``limit`` is bounded by
    ``api.max_page_size``; a cursor is one this API wrote (base64url JSON)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = build()
        open_reads = settings.api.read_token is None
        for path, operations in schema.get("paths", {}).items():
            for method, op in operations.items():
                if open_reads and method == "get" and path.startswith(_READ_PATHS) and op.get("security"):
                    op["security"] = [{}, *op["security"]]  # a token is taken, not required
                for param in op.get("parameters", []):
                    if param.get("in") != "query":
                        continue
                    if param.get("name") == "limit":
                        param["schema"]["maximum"] = settings.api.max_page_size
                    elif param.get("name") == "cursor":
                        param["schema"] = _cursor_schema(param["schema"])
        _document_shadowed_methods(schema.get("paths", {}))
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _document_shadowed_methods(paths: dict[str, Any]) -> None:
    """A fixed path is matched before a template that also fits it (``_AnswerOptions``):
    ``GET /v1/deliveries/replay`` is a 405 of the replay path, not a request for the
    message ``replay``.  The templated operation says so, so that its document lists
    every status a request to its template can get."""
    fixed = {path: {m.upper() for m in ops} for path, ops in paths.items() if "{" not in path}
    for path, operations in paths.items():
        if "{" not in path:
            continue
        template = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "$")
        shadows = [methods for other, methods in fixed.items() if template.match(other)]
        for method, op in operations.items():
            if any(method.upper() not in methods for methods in shadows):
                op.setdefault("responses", {}).setdefault("405", _errors(405, model=False)[405])


def _cursor_schema(schema: dict[str, Any]) -> dict[str, Any]:
    variants = schema.get("anyOf")
    target = next((v for v in variants if v.get("type") == "string"), None) if variants else schema
    if target is not None:
        target["pattern"] = "^eyJ[A-Za-z0-9_-]+$"  # base64url of a JSON object
    return schema


class _AnswerOptions:
    """``OPTIONS`` on any route: 204 with every method its path takes (a path served
    by a GET route and a POST route is not a 405 ``allow: GET``); 404 for a path no
    route serves. A middleware rather than a catch-all route, so a GET on an unknown
    path stays a 404 instead of becoming a 405 of the catch-all.

    A path the OpenAPI document lists without parameters is matched before a
    template that also fits it, as OpenAPI matches paths: ``/v1/deliveries/replay``
    takes POST only, so a GET there is a 405 (and ``OPTIONS`` does not list GET),
    not a request for the message ``replay`` that is no message id (422)."""

    def __init__(self, app: ASGIApp, router: Any, openapi: Callable[[], dict[str, Any]]) -> None:
        self.app = app
        self.router = router
        self.openapi = openapi
        self._fixed: dict[str, set[str]] | None = None

    def fixed_paths(self) -> dict[str, set[str]]:
        """The document's paths without parameters, each with its methods."""
        if self._fixed is None:
            paths = self.openapi().get("paths", {})
            self._fixed = {
                path: {m.upper() for m in operations if m.upper() in _HTTP_METHODS}
                for path, operations in paths.items()
                if "{" not in path
            }
        return self._fixed

    def _routed(self, scope: Scope) -> set[str]:
        return {
            method
            for method in ("GET", "POST", "PUT", "PATCH", "DELETE")
            if any(route.matches({**scope, "method": method})[0] == Match.FULL for route in self.router.routes)
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        fixed = self.fixed_paths().get(scope["path"])
        response: Response
        if scope["method"] == "OPTIONS":
            methods = fixed if fixed is not None else self._routed(scope)
            if not methods:
                response = error_response(404, "not_found", f"no route {scope['path']}", [])
            else:
                response = Response(status_code=204, headers={"Allow": _allow(methods)})
        elif fixed is not None and scope["method"] not in fixed:
            allow = {"Allow": _allow(fixed)}
            response = error_response(405, "method_not_allowed", "Method Not Allowed", headers=allow)
        else:
            await self.app(scope, receive, send)
            return
        await response(scope, receive, send)


_HTTP_METHODS = {"GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"}


def _allow(methods: set[str]) -> str:
    return ", ".join(sorted({*methods, "OPTIONS"}))


def create_app(
    settings: Settings,
    engine: Engine,
    *,
    health: Health | None = None,
    metrics: Metrics | None = None,
    clock: Callable[[], datetime] = utcnow,
    resolver: Resolver = system_resolver,
) -> FastAPI:
    """The API over ``engine`` (whose lifetime stays the caller's).

    ``health.scheduler_running`` tells ``/readyz`` whether this process's
    scheduler runs (None: there is none, ``ir-feed serve``).  ``metrics`` is the
    process's :class:`~ir_feed.metrics.Metrics` (a fresh one if not given);
    ``clock`` and ``resolver`` (the SSRF guard's DNS) are injectable for tests."""
    m = metrics if metrics is not None else Metrics()
    app = FastAPI(
        title="ir_feed API",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # the interactive pages load scripts from a CDN: not served
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.ir_feed = ApiContext(
        api=settings.api,
        delivery=settings.delivery,
        engine=engine,
        read=session_factory(engine),
        write=session_factory(engine, write=True),
        metrics=m,
        health=health or Health(),
        clock=clock,
        resolver=resolver,
        head_revision=head_revision(engine),
        user_agent=settings.http.user_agent,
        statement_reads=statement_reads(engine),
    )
    install(app)
    read_errors = _errors(400, 401, 404, 422, 503)
    for module in (events, event_types, releases, diffs, feeds, calendar):
        app.include_router(module.router, responses=read_errors)
    app.include_router(outgoing.router, responses=_errors(400, 401, 404, 422, 503, model=False))
    app.include_router(subscriptions.router, responses=_errors(400, 401, 403, 404, 409, 422, 503))
    app.include_router(health_routes.router)
    web.install(app)  # the pages people read, and the operator's buttons
    _describe_what_is_enforced(app, settings)
    app.add_middleware(_AnswerOptions, router=app.router, openapi=app.openapi)
    app.add_middleware(_RequestMetrics, metrics=m)
    # Outermost: an unexpected exception becomes a 500 in the stable error shape.
    app.add_middleware(ServerErrorMiddleware, handler=internal_error)
    return app
