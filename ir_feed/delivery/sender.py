"""Sending: one POST of exact bytes (:func:`send`) and the per-subscription
gates around it (:class:`Dispatcher`).

:func:`send` never raises for a failed delivery: it returns an :class:`Attempt`
recording the status (None when no answer came), latency, a short error, an
error kind, the first KiB of the answer (decoded safely) and ``Retry-After``.
Redirects are never followed (a 3xx is a failed attempt, by the retry policy).
The whole exchange is bounded by ``timeout``; once the status line is in, the
delivery counts as answered even if reading the excerpt runs out of time.

:class:`Dispatcher` delivers messages concurrently while keeping endpoints apart:

* at most ``max_concurrency_per_subscription`` requests in flight per
  subscription, so one slow or dead endpoint only ever holds its own slots and
  never delays another subscription's deliveries;
* an endpoint whose last attempt got no answer (timed out, refused, cut off) is
  sent one request at a time until one is answered: a dead endpoint then holds a
  single connection of the shared pool, not its whole share, so many dead
  endpoints cannot starve the live ones of connections;
* Slack URLs: one request at a time and request starts at least
  ``slack_interval`` (1 s) apart, per URL; a 429 with ``Retry-After`` pushes the
  next start of that URL back by that long (capped at ``max_slack_pause``);
* each request is built (and signed) only once its slot is held, so time spent
  queueing never makes the ``webhook-timestamp`` stale.
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import functools
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

import httpx

from ir_feed.delivery.formats import format_of
from ir_feed.delivery.messages import DiffMessage
from ir_feed.delivery.outgoing import Outgoing, build_request
from ir_feed.delivery.subscription import Subscription
from ir_feed.delivery.transport import Answer, BlockedConnect, DeliveryClient
from ir_feed.fetch import parse_retry_after

__all__ = ["EXCERPT_BYTES", "Attempt", "Dispatcher", "ErrorKind", "send"]

EXCERPT_BYTES = 1024
ErrorKind = Literal["status", "timeout", "connect", "blocked", "network", "invalid_url"]
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Attempt:
    """What one delivery attempt did.

    ``status``      the HTTP status, None when no response came.
    ``ok``          True for a 2xx status.
    ``error``       None on success; else a short, secret-free description.
    ``error_kind``  None on success; ``status`` (non-2xx answer), ``timeout``,
                    ``connect`` (DNS, refused, TLS), ``blocked`` (SSRF guard at connect
                    time), ``network`` (broken mid-exchange), ``invalid_url``.
    ``latency``     seconds from sending to the end of the excerpt (or the failure).
    ``response_excerpt``  the first KiB of the answer as text (invalid UTF-8 replaced,
                    control characters removed); "" when none.
    ``retry_after`` seconds from the answer's ``Retry-After``, if any (capped at a day).
    """

    subscription_id: str
    message_id: str
    started_at: datetime
    status: int | None
    latency: float
    error: str | None = None
    error_kind: ErrorKind | None = None
    response_excerpt: str = ""
    retry_after: float | None = None

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def _excerpt(raw: bytes, content_encoding: str | None) -> str:
    if not raw:
        return ""
    encoding = (content_encoding or "identity").strip().lower()
    if encoding not in ("", "identity"):
        return f"<{_CONTROL.sub('', encoding)[:40]}-encoded body not shown>"
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    return _CONTROL.sub("", decoder.decode(raw[:EXCERPT_BYTES], final=False))  # a character cut at the end is dropped


async def _read_head(response: httpx.Response, into: bytearray) -> None:
    if response.is_stream_consumed:  # a response built in memory (e.g. by a mock transport)
        into += response.content[:EXCERPT_BYTES]
        return
    async for chunk in response.aiter_raw():
        into += chunk[: EXCERPT_BYTES - len(into)]
        if len(into) >= EXCERPT_BYTES:
            return


@functools.lru_cache(maxsize=4096)
def _parsed_url(url: str) -> httpx.URL:
    """Subscription URLs parsed once (parsing costs more than signing a message)."""
    return httpx.URL(url)


@functools.lru_cache(maxsize=64)
def _timeout_extension(timeout: float) -> dict[str, float | None]:
    return httpx.Timeout(timeout).as_dict()


def _headers(client: httpx.AsyncClient, request: Outgoing) -> list[tuple[str, str]]:
    """The client's default headers (user agent, accept...) under the request's own."""
    own = {name.lower() for name, _ in request.headers}
    headers = [(name, value) for name, value in client.headers.multi_items() if name not in own]
    headers.extend(request.headers)
    if "content-length" not in own:
        headers.append(("content-length", str(len(request.body))))
    return headers


def _http_request(client: httpx.AsyncClient, request: Outgoing, timeout: float) -> httpx.Request:
    """The :class:`httpx.Request` for ``request``: :func:`_headers`, and ``timeout`` for
    every phase.

    What ``client.build_request`` does, minus its general-purpose merging (cookies,
    params, auth), which cost about a fifth of the whole delivery path: our requests
    carry no cookies, params or auth, only exact bytes and their signature."""
    headers = _headers(client, request)
    return httpx.Request(
        "POST",
        _parsed_url(request.url),
        content=request.body,
        headers=headers,
        extensions={"timeout": _timeout_extension(timeout)},
    )


def _failure(exc: Exception) -> tuple[ErrorKind, str]:
    detail = _CONTROL.sub(" ", str(exc))[:200]
    name = type(exc).__name__
    described = f"{name}: {detail}" if detail and detail != name else name
    if isinstance(exc, BlockedConnect):
        return "blocked", detail or name
    if isinstance(exc, httpx.TimeoutException):
        return "timeout", described
    if isinstance(exc, httpx.ConnectError):
        return "connect", described
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return "invalid_url", described
    return "network", described


def _attempted(
    request: Outgoing,
    started_at: datetime,
    started: float,
    status: int | None,
    kind: ErrorKind | None,
    error: str | None,
    excerpt: str = "",
    retry_after: float | None = None,
) -> Attempt:
    return Attempt(
        subscription_id=request.subscription_id,
        message_id=request.message_id,
        started_at=started_at,
        status=status,
        latency=time.perf_counter() - started,
        error=error,
        error_kind=kind,
        response_excerpt=excerpt,
        retry_after=retry_after,
    )


def _answered(
    request: Outgoing,
    started_at: datetime,
    started: float,
    status: int,
    head: bytearray,
    content_encoding: str | None,
    retry_after: str | None,
) -> Attempt:
    ok = 200 <= status < 300
    return _attempted(
        request,
        started_at,
        started,
        status,
        None if ok else "status",
        None if ok else f"HTTP {status}",
        _excerpt(bytes(head), content_encoding),
        parse_retry_after(retry_after),
    )


async def send(request: Outgoing, *, client: httpx.AsyncClient, timeout: float = 15.0) -> Attempt:
    """POST ``request.body`` (exactly those bytes) with its headers; see the module docstring."""
    started_at = datetime.now(UTC)
    started = time.perf_counter()
    deadline = asyncio.get_running_loop().time() + timeout
    head = bytearray()
    guarded = client.guarded if isinstance(client, DeliveryClient) else None
    if guarded is not None:  # the production client: its transport posts directly
        answer: Answer | None = None
        try:
            async with asyncio.timeout_at(deadline):
                answer = await guarded.post(_parsed_url(request.url), request.body, _headers(client, request),
                                            timeout=timeout)  # fmt: skip
                try:
                    if not answer.at_end:  # (a 204 has nothing to read)
                        await answer.read_head(head, EXCERPT_BYTES)
                finally:
                    answer.close()
        except TimeoutError:
            if answer is None:
                return _attempted(request, started_at, started, None, "timeout", f"no response within {timeout:g}s")
            # the status is what counts; keep whatever part of the excerpt arrived
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            kind, error = _failure(exc)
            return _attempted(request, started_at, started, None, kind, error)
        return _answered(request, started_at, started, answer.status, head, answer.content_encoding, answer.retry_after)
    response: httpx.Response | None = None
    try:
        async with asyncio.timeout_at(deadline):
            response = await client.send(_http_request(client, request, timeout), stream=True, follow_redirects=False)
            try:
                await _read_head(response, head)
            finally:
                await response.aclose()
    except TimeoutError:
        if response is None:
            return _attempted(request, started_at, started, None, "timeout", f"no response within {timeout:g}s")
        # the status is what counts; keep whatever part of the excerpt arrived
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        if response is None:
            kind, error = _failure(exc)
            return _attempted(request, started_at, started, None, kind, error)
    content_encoding, retry_after = response.headers.get("content-encoding"), response.headers.get("retry-after")
    return _answered(request, started_at, started, response.status_code, head, content_encoding, retry_after)


@dataclass(slots=True)
class _Gate:
    slots: asyncio.Semaphore
    next_start: float = float("-inf")
    unanswered: bool = False  # the last attempt got no answer: probe one request at a time
    probe: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(1))


_NO_ANSWER: frozenset[ErrorKind | None] = frozenset({"timeout", "connect", "network"})


@dataclass(slots=True)
class _Gates:
    per_subscription: dict[str, _Gate] = field(default_factory=dict)
    per_slack_url: dict[str, _Gate] = field(default_factory=dict)


class Dispatcher:
    """Delivers messages over one shared client, keeping subscriptions apart (see the
    module docstring).  ``clock``/``sleep`` drive the Slack pacing and ``now`` gives the
    signing time; tests inject fakes."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        timeout: float = 15.0,
        max_concurrency_per_subscription: int = 4,
        slack_interval: float = 1.0,
        max_slack_pause: float = 3600.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        if max_concurrency_per_subscription < 1:
            raise ValueError("max_concurrency_per_subscription must be at least 1")
        self._client = client
        self._timeout = timeout
        self._per_sub = max_concurrency_per_subscription
        self._slack_interval = slack_interval
        self._max_slack_pause = max_slack_pause
        self._clock = clock
        self._sleep = sleep
        self._now = now
        self._gates = _Gates()

    async def deliver(self, msg: DiffMessage, sub: Subscription, *, body: bytes | None = None) -> Attempt:
        """Deliver one message to its subscription: wait for the subscription's slot
        (and a Slack URL's turn), sign for the current time, send, record."""
        gate = self._gates.per_subscription.get(sub.id)
        if gate is None:
            gate = self._gates.per_subscription[sub.id] = _Gate(asyncio.Semaphore(self._per_sub))
        slots = gate.slots
        await slots.acquire()
        try:
            if gate.unanswered or format_of(sub.format).paced:
                async with self._turn(sub, gate):
                    return await self._attempt(msg, sub, gate, body)
            # an answering endpoint, not paced: nothing more to wait for (most messages,
            # sent here, spared the context managers and the call of the path above)
            request = build_request(msg, sub, self._now(), body=body)
            result = await send(request, client=self._client, timeout=self._timeout)
            gate.unanswered = result.status is None and result.error_kind in _NO_ANSWER
            return result
        finally:
            slots.release()

    async def _attempt(self, msg: DiffMessage, sub: Subscription, gate: _Gate, body: bytes | None) -> Attempt:
        request = build_request(msg, sub, self._now(), body=body)
        result = await send(request, client=self._client, timeout=self._timeout)
        gate.unanswered = result.status is None and result.error_kind in _NO_ANSWER
        if format_of(sub.format).paced and result.status == 429:
            pause = min(result.retry_after or self._slack_interval, self._max_slack_pause)
            pace = self._gates.per_slack_url[sub.url]
            pace.next_start = max(pace.next_start, self._clock() + pause)
        return result

    async def deliver_many(self, batch: Sequence[tuple[DiffMessage, Subscription]]) -> list[Attempt]:
        """Deliver every pair concurrently (within the gates); attempts in the input order."""
        return list(await asyncio.gather(*(self.deliver(msg, sub) for msg, sub in batch)))

    @contextlib.asynccontextmanager
    async def _turn(self, sub: Subscription, gate: _Gate) -> AsyncIterator[None]:
        """With the subscription's slot held: an endpoint that did not answer is probed
        one request at a time; a Slack URL waits for its pace."""
        async with contextlib.AsyncExitStack() as stack:
            if gate.unanswered:
                await gate.probe.acquire()
                if gate.unanswered:
                    stack.callback(gate.probe.release)
                else:  # the probe before this one was answered: no need to wait in line
                    gate.probe.release()
            if not format_of(sub.format).paced:
                yield
                return
            pace = self._gates.per_slack_url.get(sub.url)
            if pace is None:
                pace = self._gates.per_slack_url[sub.url] = _Gate(asyncio.Semaphore(1))
            async with pace.slots:
                now = self._clock()
                if pace.next_start > now:
                    await self._sleep(pace.next_start - now)
                start = self._clock()
                try:
                    yield
                finally:
                    pace.next_start = max(pace.next_start, start + self._slack_interval)
