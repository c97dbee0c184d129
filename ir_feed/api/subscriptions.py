"""Subscriptions and the delivery queue (every endpoint here needs the admin token).

``GET/POST /v1/subscriptions``, ``GET/DELETE /v1/subscriptions/{name}``,
``GET /v1/deliveries``, ``POST /v1/deliveries/replay``, ``POST /v1/deliveries/{id}/retry``.

A new subscription's URL goes through the SSRF guard (``delivery.allow_private_networks``
honoured).  A generated signing secret is returned once, in the 201 answer;
secrets are never returned otherwise, and Slack URLs (credentials themselves)
are shown as ``scheme://host/***``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool

from ir_feed.api.auth import AdminRoute, require_admin
from ir_feed.api.context import context
from ir_feed.api.errors import ApiError, not_found
from ir_feed.api.params import check_limit, reject_nul
from ir_feed.api.schemas import (
    DeliveryDetail,
    DeliveryList,
    ReplayRequest,
    ReplayResult,
    RetryResult,
    Subscription,
    SubscriptionCreate,
    SubscriptionCreated,
    SubscriptionList,
)
from ir_feed.delivery import validate_secret, validate_url
from ir_feed.errors import BlockedURL, UnresolvedHost
from ir_feed.logs import get_logger
from ir_feed.settings import port_problem
from ir_feed.store import outbox
from ir_feed.store import subscriptions as store
from ir_feed.store.tables import SubscriptionRow

router = APIRouter(
    tags=["subscriptions and deliveries"],
    dependencies=[Depends(require_admin), Depends(reject_nul)],
    route_class=AdminRoute,
)


def _log() -> Any:
    return get_logger(component="api")


Name = Annotated[str, Path(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]


@router.get("/v1/subscriptions", response_model=SubscriptionList, summary="Subscriptions (never their secrets)")
def list_subscriptions(request: Request) -> dict[str, Any]:
    with context(request).read() as session:
        return {"data": [store.public(r) for r in store.list_all(session)]}


@router.get("/v1/subscriptions/{name}", response_model=Subscription, summary="One subscription")
def get_subscription(request: Request, name: Name) -> dict[str, Any]:
    with context(request).read() as session:
        row = store.get(session, name)
        if row is None:
            raise not_found(f"subscription named {name!r}")
        return store.public(row)


def _refused(field: str, reason: str, code: str = "invalid_request") -> ApiError:
    return ApiError(422, code, f"body.{field}: {reason}", details=[{"loc": ["body", field], "msg": reason}])


@router.post(
    "/v1/subscriptions",
    response_model=SubscriptionCreated,
    status_code=201,
    summary="Subscribe a receiver; a generated signing secret is returned this once",
)
async def create_subscription(request: Request, body: SubscriptionCreate) -> dict[str, Any]:
    ctx = context(request)
    if problem := port_problem(body.url):  # else stored, then failing at every delivery
        raise _refused("url", problem)
    try:
        url = await validate_url(
            body.url, allow_private_networks=ctx.delivery.allow_private_networks, resolver=ctx.resolver
        )
    except (BlockedURL, UnresolvedHost) as exc:
        raise _refused("url", f"refused: {exc}", code="url_refused") from None
    secret = body.secret.strip() if body.secret else None
    if secret:
        for part in secret.split():
            try:
                validate_secret(part)
            except ValueError as exc:
                raise _refused("secret", f"not a valid secret: {exc}") from None
    try:
        filters = store.filters_dict(
            tickers=body.tickers,
            kinds=body.kinds,
            designations=body.designations,
            agencies=body.agencies,
            diff_types=body.diff_types,
        )
    except ValueError as exc:
        raise _refused("filters", str(exc)) from None

    def write() -> tuple[SubscriptionRow, str | None]:
        with ctx.write.begin() as session:
            if store.get(session, body.name) is not None:
                raise ApiError(409, "conflict", f"a subscription named {body.name!r} exists")
            return store.add(
                session,
                name=body.name,
                url=url,
                format=body.format,
                secret=secret,
                filters=filters,
                now=ctx.clock(),
                origin="api",
            )

    try:
        row, generated = await run_in_threadpool(write)
    except IntegrityError:  # created concurrently
        raise ApiError(409, "conflict", f"a subscription named {body.name!r} exists") from None
    _log().info("subscription_created", subscription=body.name, format=body.format, origin="api")
    return {**store.public(row), "secret": generated}


@router.delete(
    "/v1/subscriptions/{name}",
    status_code=204,
    response_class=Response,
    summary="Delete a subscription and its queued messages",
)
def delete_subscription(request: Request, name: Name) -> Response:
    with context(request).write.begin() as session:
        if not store.remove(session, name):
            raise not_found(f"subscription named {name!r}")
    _log().info("subscription_deleted", subscription=name, origin="api")
    return Response(status_code=204)


_STATUS = {"pending": "pending", "failed": "failed", "retrying": "retrying", "dead": "dead", "delivered": "delivered"}


@router.get("/v1/deliveries", response_model=DeliveryList, summary="The delivery queue, newest first")
def list_deliveries(
    request: Request,
    status: Annotated[
        Literal["pending", "failed", "retrying", "dead", "delivered"] | None,
        Query(description="failed = waiting for a retry after a failed attempt; retrying = waiting for any reason"),
    ] = None,
    subscription: Annotated[str | None, Query(max_length=100)] = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 100,
) -> dict[str, Any]:
    check_limit(request, limit)
    with context(request).read() as session:
        rows = outbox.list_messages(
            session, status=_STATUS[status] if status else None, subscription=subscription, limit=limit
        )
    return {"data": [r.public() for r in rows]}


@router.get(
    "/v1/deliveries/{message_id}",
    response_model=DeliveryDetail,
    summary="One message and every attempt to deliver it (status, latency, error, start of the answer)",
)
def delivery_detail(
    request: Request,
    message_id: Annotated[str, Path(min_length=5, max_length=40, pattern=r"^msg_[0-9A-Za-z]+$")],
) -> dict[str, Any]:
    with context(request).read() as session:
        detail = outbox.message_detail(session, message_id)
    if detail is None:
        raise not_found(f"message {message_id!r}")
    return detail.public()


@router.post(
    "/v1/deliveries/replay",
    response_model=ReplayResult,
    status_code=202,
    summary="Send a subscription's diffs since a time again (same webhook-ids for messages it had)",
)
def replay(request: Request, body: ReplayRequest) -> dict[str, Any]:
    ctx = context(request)
    with ctx.write.begin() as session:  # body.since is aware UTC (ReplayRequest)
        count = outbox.replay(
            session, subscription=body.subscription, since=body.since, ticker=body.ticker, now=ctx.clock()
        )
    if count is None:
        raise not_found(f"subscription named {body.subscription!r}")
    _log().info("deliveries_replayed", subscription=body.subscription, queued=count, origin="api")
    return {"subscription": body.subscription, "queued": count}


@router.post(
    "/v1/deliveries/{message_id}/retry",
    response_model=RetryResult,
    status_code=202,
    summary="Send one undelivered message (e.g. a dead letter) again now",
)
def retry(
    request: Request,
    message_id: Annotated[str, Path(min_length=5, max_length=40, pattern=r"^msg_[0-9A-Za-z]+$")],
) -> dict[str, Any]:
    ctx = context(request)
    with ctx.write.begin() as session:
        found = outbox.retry(session, message_id, ctx.clock())
    if not found:
        raise not_found(f"undelivered message {message_id!r}")
    return {"id": message_id, "status": "retrying"}
