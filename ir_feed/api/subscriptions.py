"""Subscriptions and the delivery queue (every endpoint here needs the admin token).

``GET/POST /v1/subscriptions``, ``GET/PATCH/DELETE /v1/subscriptions/{name}``,
``POST /v1/subscriptions/{name}/rotate-secret``, ``POST /v1/subscriptions/{name}/test``,
``GET /v1/deliveries``, ``POST /v1/deliveries/replay``, ``POST /v1/deliveries/{id}/retry``.

A new or changed subscription URL goes through the SSRF guard
(``delivery.allow_private_networks`` honoured).  A generated signing secret is
returned once, in the answer that made it (creation, rotation, a change to the
webhook format); secrets are never returned otherwise, and Slack URLs
(credentials themselves) are shown as ``scheme://host/***``.  The operator's
actions themselves live in :mod:`ir_feed.services.subscriptions`, shared with the CLI.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from ir_feed.api.auth import AdminRoute, require_admin
from ir_feed.api.context import ApiContext, context
from ir_feed.api.errors import ApiError, not_found
from ir_feed.api.params import check_limit, reject_nul
from ir_feed.api.schemas import (
    NAME_PATTERN,
    DeliveryDetail,
    DeliveryList,
    ErrorBody,
    ProbeAnswer,
    ReplayRequest,
    ReplayResult,
    RetryResult,
    RotateRequest,
    RotateResult,
    Subscription,
    SubscriptionCreate,
    SubscriptionCreated,
    SubscriptionList,
    SubscriptionUpdate,
    SubscriptionUpdated,
)
from ir_feed.delivery import make_client
from ir_feed.errors import (
    ConfigManaged,
    InvalidChange,
    NoSuchSubscription,
    NotSigned,
    SubscriptionError,
    SubscriptionExists,
)
from ir_feed.logs import get_logger
from ir_feed.services import subscriptions as actions
from ir_feed.store import outbox
from ir_feed.store import subscriptions as store
from ir_feed.store.subscriptions import FILTER_FIELDS
from ir_feed.timestamps import utc_text

router = APIRouter(
    tags=["subscriptions and deliveries"],
    dependencies=[Depends(require_admin), Depends(reject_nul)],
    route_class=AdminRoute,
)


def _links(source: str, **targets: str) -> dict[str, Any]:
    """OpenAPI links from an answer's ``source`` (a JSON pointer into its body) to the
    operations (by operationId) taking it as their parameter: what a client, and
    Schemathesis's stateful tests, may call next with it."""
    return {
        "links": {
            operation_id.split("_v1_")[0]: {
                "operationId": operation_id,
                "parameters": {parameter: f"$response.body#{source}"},
            }
            for parameter, operation_ids in targets.items()
            for operation_id in operation_ids.split()
        }
    }


_ONE_SUBSCRIPTION = (
    "get_subscription_v1_subscriptions__name__get update_subscription_v1_subscriptions__name__patch "
    "delete_subscription_v1_subscriptions__name__delete rotate_secret_v1_subscriptions__name__rotate_secret_post "
    "test_subscription_v1_subscriptions__name__test_post"
)
_ONE_MESSAGE = "delivery_detail_v1_deliveries__message_id__get retry_v1_deliveries__message_id__retry_post"


def _log() -> Any:
    return get_logger(component="api")


Name = Annotated[str, Path(min_length=1, max_length=100, pattern=NAME_PATTERN)]


@router.get(
    "/v1/subscriptions",
    response_model=SubscriptionList,
    summary="Subscriptions (never their secrets)",
    responses={200: _links("/data/0/name", name=_ONE_SUBSCRIPTION)},
)
def list_subscriptions(request: Request) -> dict[str, Any]:
    ctx = context(request)
    with ctx.read() as session:
        now = ctx.clock()
        return {"data": [store.public(r, now) for r in store.list_all(session)]}


@router.get("/v1/subscriptions/{name}", response_model=Subscription, summary="One subscription")
def get_subscription(request: Request, name: Name) -> dict[str, Any]:
    ctx = context(request)
    with ctx.read() as session:
        row = store.get(session, name)
        if row is None:
            raise not_found(f"subscription named {name!r}")
        return store.public(row, ctx.clock())


def _refused(field: str, reason: str, code: str = "invalid_request") -> ApiError:
    return ApiError(422, code, f"body.{field}: {reason}", details=[{"loc": ["body", field], "msg": reason}])


def _answer(exc: SubscriptionError) -> ApiError:
    """The API's answer to an action refused (:mod:`ir_feed.errors`)."""
    if isinstance(exc, NoSuchSubscription):
        return not_found(f"subscription named {exc.name!r}")
    if isinstance(exc, ConfigManaged):
        return ApiError(409, "config_managed", str(exc))
    if isinstance(exc, NotSigned):
        return ApiError(409, "not_signed", str(exc))
    if isinstance(exc, SubscriptionExists):
        return ApiError(409, "conflict", str(exc))
    if isinstance(exc, InvalidChange):
        return _refused(exc.field, exc.reason, "url_refused" if exc.blocked else "invalid_request")
    return ApiError(422, "invalid_request", str(exc))


_CONFLICTS: dict[int | str, dict[str, Any]] = {
    409: {
        "model": ErrorBody,
        "description": "config_managed: the subscription is defined in the config file (change it there); "
        "not_signed: a Slack subscription has no secret",
    }
}


@router.post(
    "/v1/subscriptions",
    response_model=SubscriptionCreated,
    status_code=201,
    summary="Subscribe a receiver; a generated signing secret is returned this once",
    responses={201: _links("/name", name=_ONE_SUBSCRIPTION)},
)
async def create_subscription(request: Request, body: SubscriptionCreate) -> dict[str, Any]:
    ctx = context(request)
    try:  # the CLI's use case: the same checks (the URL by the SSRF guard) and rules
        created = await actions.create(
            ctx.write,
            name=body.name,
            url=body.url,
            format=body.format,
            secret=body.secret,
            filters={name: getattr(body, name) for name in FILTER_FIELDS},
            settings=ctx.delivery,
            now=ctx.clock(),
            origin="api",
            resolver=ctx.resolver,
        )
    except SubscriptionError as exc:
        raise _answer(exc) from None
    _log().info("subscription_created", subscription=body.name, format=body.format, origin="api")
    return {**created.subscription, "secret": created.secret}


@router.patch(
    "/v1/subscriptions/{name}",
    response_model=SubscriptionUpdated,
    responses=_CONFLICTS,
    summary="Change a subscription (JSON merge patch): URL, format, secret, filters, paused or not",
)
async def update_subscription(request: Request, name: Name, body: SubscriptionUpdate) -> dict[str, Any]:
    """A field left out keeps its value; a filter set to `[]` or `null` means everything.
    The values are checked as for a new subscription (the URL by the SSRF guard).

    A new URL is a new endpoint: its failure streak starts afresh and the messages waiting
    for a retry are sent at once, each with the whole retry schedule ahead (`requeued`);
    dead letters stay dead (replay them).  New filters decide what is queued from now on:
    messages already queued are still sent.  A subscription defined in the config file
    can only be paused and resumed here (`409 config_managed` otherwise)."""
    ctx = context(request)
    given = body.model_fields_set
    change = actions.Change(
        url=body.url,
        format=body.format,
        secret=body.secret,
        filters={f: getattr(body, f) or [] for f in FILTER_FIELDS if f in given},
        enabled=body.enabled,
    )
    try:
        updated = await actions.update(
            ctx.read, ctx.write, name, change, settings=ctx.delivery, now=ctx.clock(), resolver=ctx.resolver
        )
    except SubscriptionError as exc:
        raise _answer(exc) from None
    _log().info("subscription_updated", subscription=name, fields=sorted(given), origin="api")
    return {**updated.subscription, "secret": updated.secret, "requeued": updated.requeued}


@router.post(
    "/v1/subscriptions/{name}/rotate-secret",
    response_model=RotateResult,
    responses=_CONFLICTS,
    summary="Generate a new signing secret, shown this once; the old one keeps signing during the overlap",
)
def rotate_secret(request: Request, name: Name, body: RotateRequest | None = None) -> dict[str, Any]:
    """Until `previous_secrets_expire_at` every message carries a signature by the new
    secret and one by each replaced secret (`webhook-signature: v1,<new> v1,<old>`), so a
    receiver can switch secrets without missing a message; after it, only the new one
    signs.  Rotating again within an overlap keeps the earlier replaced secrets signing
    until the new overlap ends; an overlap of 0 stops them at once (a leaked secret)."""
    ctx = context(request)
    overlap = timedelta(seconds=(body or RotateRequest()).overlap_seconds)
    try:
        rotated = actions.rotate_secret(ctx.write, name, overlap=overlap, now=ctx.clock())
    except SubscriptionError as exc:
        raise _answer(exc) from None
    until = rotated.previous_secrets_expire_at
    _log().info(
        "subscription_secret_rotated",
        subscription=name,
        previous_secrets_expire_at=utc_text(until) if until else None,
        origin="api",
    )
    return {"name": name, "secret": rotated.secret, "previous_secrets_expire_at": until}


async def send_test(ctx: ApiContext, name: str) -> actions.ProbeResult:
    """Send ``name`` a signed test message now, through the SSRF-guarded client and the
    delivery settings (the API's endpoint and the web page's button)."""
    client = make_client(
        allow_private_networks=ctx.delivery.allow_private_networks,
        resolver=ctx.resolver,
        timeout=ctx.delivery.timeout,
        max_connections=1,
        user_agent=ctx.user_agent,
    )
    async with client:
        return await actions.send_test(ctx.read, name, client=client, timeout=ctx.delivery.timeout, now=ctx.clock())


@router.post(
    "/v1/subscriptions/{name}/test",
    response_model=ProbeAnswer,
    summary="Send a signed test message (type ir_feed.test) now and answer what the receiver answered",
)
async def test_subscription(request: Request, name: Name) -> dict[str, Any]:
    """Sent at once, whatever the subscription's state, through the same SSRF-guarded client
    and signing as every delivery (an address the guard refuses is `error_kind: blocked`,
    never connected to).  Nothing is written: no outbox message, no attempt, no health.
    `200` whatever the receiver answered: look at `ok` and `status`."""
    try:
        result = await send_test(context(request), name)
    except SubscriptionError as exc:
        raise _answer(exc) from None
    answer = result.public()
    _log().info(
        "subscription_tested",
        subscription=name,
        message=result.message_id,
        status=answer["status"],
        error_kind=answer["error_kind"],
        origin="api",
    )
    return answer


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


@router.get(
    "/v1/deliveries",
    response_model=DeliveryList,
    summary="The delivery queue, newest first",
    responses={200: _links("/data/0/id", message_id=_ONE_MESSAGE)},
)
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
