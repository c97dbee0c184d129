"""The operator's buttons: sign in and out, pause and resume a subscription, replay its
diffs since a date, send it a test message, rotate its secret, retry one message.

Each is an HTML form posted here, and each runs the use case the API and the CLI run
(:mod:`ir_feed.services.subscriptions`, :mod:`ir_feed.store.outbox`), so a button does
exactly what ``PATCH /v1/subscriptions/{name}``, ``POST /v1/deliveries/replay`` and
their siblings do.  Every action needs the admin token (a signed-in session, or a
bearer header) and a form sent from this site (:func:`~ir_feed.web.session.same_site`);
without either it is refused with a page that says why and changes nothing.
"""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from ir_feed.api.context import context
from ir_feed.api.errors import ApiError
from ir_feed.api.params import parse_when
from ir_feed.api.subscriptions import send_test as send_test_message
from ir_feed.errors import NoSuchSubscription, SubscriptionError
from ir_feed.logs import get_logger
from ir_feed.services import subscriptions as actions
from ir_feed.store import outbox
from ir_feed.web.render import page
from ir_feed.web.session import COOKIE, Access, access, level_of, safe_next, same_site, seal

router = APIRouter(include_in_schema=False)

MAX_FORM = 4096  # bytes: every form here is a few short fields
_MESSAGE_ID = r"msg_[0-9A-Za-z]{1,36}"


def _log() -> Any:
    return get_logger(component="web")


async def _form(request: Request) -> dict[str, str]:
    """The posted form's fields (first value of each), read up to :data:`MAX_FORM` bytes."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM:
            return {}
    fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True, max_num_fields=20)
    return {k: v[0] for k, v in fields.items() if v}


def _refusal(request: Request, status: int, reason: str) -> Response:
    return page(request, "refused.html", code=status, reason=reason)


def _guard(request: Request) -> Response | None:
    """A refusal when the form may not act (see the module docstring), else None."""
    if not same_site(request):
        return _refusal(request, 403, "This form was not sent from a page of this site, so nothing was changed.")
    if context(request).api.token is None:
        return _refusal(
            request, 403, "Actions are disabled: no API token (api.token) is configured, so nothing was changed."
        )
    if access(request) < Access.ADMIN:
        return _refusal(
            request,
            401,
            "This action needs the API token (api.token). Sign in with it and try again; nothing was changed.",
        )
    return None


def _back(path: str, done: str) -> RedirectResponse:
    return RedirectResponse(f"{path}?done={quote(done, safe='')}", status_code=303)


@router.post("/login")
async def login(request: Request) -> Response:
    if not same_site(request):
        return _refusal(request, 403, "This form was not sent from a page of this site.")
    form = await _form(request)
    token = form.get("token", "").strip()
    goto = safe_next(form.get("next"))
    level = level_of(request, token) if token and len(token) <= 500 else Access.NONE
    if level is Access.NONE:
        _log().info("web_sign_in_refused")
        return page(request, "signin.html", code=401, needed="a token the API takes", next=goto,
                    configured=True, wrong=True)  # fmt: skip
    response = RedirectResponse(goto, status_code=303)
    response.set_cookie(
        COOKIE,
        seal(context(request).api.token if level is Access.ADMIN else context(request).api.read_token),  # type: ignore[arg-type]
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    _log().info("web_signed_in", level=level.name.lower())
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    if not same_site(request):
        return _refusal(request, 403, "This form was not sent from a page of this site.")
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


def _subscription_path(name: str) -> str:
    return "/subscriptions/" + quote(name, safe="")


@router.post("/subscriptions/{name}/pause")
async def pause(request: Request, name: str) -> Response:
    return await _set_enabled(request, name, enabled=False)


@router.post("/subscriptions/{name}/resume")
async def resume(request: Request, name: str) -> Response:
    return await _set_enabled(request, name, enabled=True)


async def _set_enabled(request: Request, name: str, *, enabled: bool) -> Response:
    refusal = _guard(request)
    if refusal is not None:
        return refusal
    ctx = context(request)
    try:
        await actions.update(
            ctx.read, ctx.write, name, actions.Change(enabled=enabled),
            settings=ctx.delivery, now=ctx.clock(), resolver=ctx.resolver,
        )  # fmt: skip
    except SubscriptionError as exc:
        return _refusal(request, 404 if isinstance(exc, NoSuchSubscription) else 409, str(exc))
    _log().info("subscription_updated", subscription=name, fields=["enabled"], origin="web")
    return _back(_subscription_path(name), "resumed" if enabled else "paused")


@router.post("/subscriptions/{name}/replay")
async def replay(request: Request, name: str) -> Response:
    refusal = _guard(request)
    if refusal is not None:
        return refusal
    form = await _form(request)
    try:  # (as POST /v1/deliveries/replay and the events filters read a time)
        since = parse_when("since", form.get("since", "").strip()[:40] or None)
    except ApiError:
        since = None
    if since is None:
        return _refusal(request, 400, "Replay since: give a date (YYYY-MM-DD); nothing was queued.")
    ctx = context(request)

    def write() -> int | None:
        with ctx.write.begin() as session:
            return outbox.replay(session, subscription=name, since=since, ticker=None, now=ctx.clock())

    count = await asyncio.to_thread(write)
    if count is None:
        return _refusal(request, 404, f"No subscription named {name!r}; nothing was queued.")
    _log().info("deliveries_replayed", subscription=name, queued=count, origin="web")
    return _back(_subscription_path(name), f"replayed {count}")


@router.post("/subscriptions/{name}/rotate-secret")
async def rotate(request: Request, name: str) -> Response:
    refusal = _guard(request)
    if refusal is not None:
        return refusal
    form = await _form(request)
    try:
        hours = float(form.get("overlap_hours", "24") or "24")
        overlap = actions.check_overlap(timedelta(hours=hours))
        ctx = context(request)
        rotated = await asyncio.to_thread(actions.rotate_secret, ctx.write, name, overlap=overlap, now=ctx.clock())
    except (ValueError, OverflowError, SubscriptionError) as exc:
        return _refusal(request, 400, f"The secret was not rotated: {exc}")
    _log().info("subscription_secret_rotated", subscription=name, origin="web")
    return page(request, "rotated.html", rotated=rotated, back=_subscription_path(name))


@router.post("/subscriptions/{name}/test")
async def send_test(request: Request, name: str) -> Response:
    refusal = _guard(request)
    if refusal is not None:
        return refusal
    try:
        result = await send_test_message(context(request), name)
    except SubscriptionError as exc:
        return _refusal(request, 404, str(exc))
    answer = result.public()
    _log().info("subscription_tested", subscription=name, status=answer["status"], origin="web")
    return page(request, "tested.html", name=name, answer=answer, back=_subscription_path(name))


@router.post("/deliveries/{message_id}/retry")
async def retry(request: Request, message_id: str) -> Response:
    refusal = _guard(request)
    if refusal is not None:
        return refusal
    if not re.fullmatch(_MESSAGE_ID, message_id):
        return _refusal(request, 404, "No such message.")
    ctx = context(request)

    def write() -> bool:
        with ctx.write.begin() as session:
            return outbox.retry(session, message_id, ctx.clock())

    found = await asyncio.to_thread(write)
    if not found:
        return _refusal(request, 404, f"No undelivered message {message_id!r}: nothing to retry.")
    _log().info("delivery_retried", message=message_id, origin="web")
    return _back("/deliveries/" + message_id, "retrying")
