"""The fetcher itself: :class:`Fetcher` (per-host gates, redirects followed by hand,
the deadline, errors translated), :class:`Fetched`, and ``file://`` reading."""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import functools
import mimetypes
import os
import ssl
import stat
import time
import urllib.request
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import httpx

from ir_feed.errors import (
    BadStatus,
    BlockedURL,
    FeedGone,
    FetchConnectError,
    FetchError,
    FetchTimeout,
    ResponseTooLarge,
    RetryableStatus,
    TooManyRedirects,
)
from ir_feed.fetch.body import Response, _most_encoded, _read_body
from ir_feed.fetch.headers import _validator, parse_max_age, parse_retry_after
from ir_feed.fetch.redact import CONTROL as _CONTROL
from ir_feed.fetch.redact import redact_url
from ir_feed.fetch.transport import FeedTransport
from ir_feed.fetch.urls import _HTTP_SCHEMES, URLPolicy, _parse_http, _scheme, _url_host
from ir_feed.settings import HttpSettings

__all__ = ["ACCEPT", "Fetched", "Fetcher"]

ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5"

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_HTTPX_ERRORS = (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError, httpx.CookieConflict)

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[object]]


@dataclass(frozen=True, slots=True)
class Fetched:
    """A successful fetch."""

    url: str  # final URL after redirects
    status: int  # 200 (or another 2xx) or 304
    body: bytes  # decoded body; b"" on 304
    etag: str | None  # on 304 without an ETag header: the validator that was sent
    last_modified: str | None  # likewise
    max_age: float | None  # Cache-Control max-age; 0 for no-cache/no-store; None if absent
    content_type: str | None
    elapsed: float  # seconds from the first request start to the end (queueing excluded)


# -- the fetcher -----------------------------------------------------------------------------


@dataclass(slots=True)
class _HostGate:
    slots: asyncio.Semaphore
    next_start: float = float("-inf")


def _translate(exc: Exception, safe: str) -> FetchError:
    if isinstance(exc, httpx.TimeoutException):
        return FetchTimeout(safe, f"timed out ({type(exc).__name__})")
    if isinstance(exc, httpx.InvalidURL | httpx.UnsupportedProtocol):
        return BlockedURL(safe, "invalid URL")
    detail = _CONTROL.sub(" ", str(exc))[:200]
    return FetchConnectError(safe, f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__)


def _status_error(response: Response, safe: str) -> FetchError:
    status = response.status_code
    if status == 410:
        return FeedGone(safe, "HTTP 410 Gone")
    if status == 429 or 500 <= status < 600:
        return RetryableStatus(safe, status, parse_retry_after(response.headers.get("retry-after")))
    return BadStatus(safe, status)


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """httpx's default verifying context, built once: building one costs ~50 ms."""
    return httpx.create_ssl_context()


class _Cookies(httpx.Cookies):
    """httpx's cookie jar, which reads a response's cookies only when it sets one: httpx's own
    reading of every response (urllib's cookie machinery even with no ``Set-Cookie``) was a
    seventh of a 304's cost."""

    def extract_cookies(self, response: httpx.Response) -> None:
        if "set-cookie" in response.headers:
            super().extract_cookies(response)


class _Client(httpx.AsyncClient):
    """:class:`httpx.AsyncClient` with :class:`_Cookies` as its jar (cookies are kept and sent
    back as before)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._jar = _Cookies()

    @property
    def cookies(self) -> httpx.Cookies:
        return self._jar

    @cookies.setter
    def cookies(self, cookies: Any) -> None:
        self._jar = _Cookies(cookies)


def _network_transport(settings: HttpSettings) -> httpx.AsyncBaseTransport | None:
    """:class:`FeedTransport` (a 304 costs about a third of httpx's own transport's CPU); None, for
    httpx's own transport, when the environment names an HTTP proxy, which httpx honours as before."""
    if _PROXY_VARIABLES & urllib.request.getproxies().keys():
        return None
    return FeedTransport(ssl_context=_tls_context(), max_connections=max(100, settings.max_concurrency))


_PROXY_VARIABLES = frozenset({"http", "https", "all"})


class Fetcher:
    """Fetches URLs politely; see the :mod:`ir_feed.fetch` docstring.  Use as an async context
    manager, or call :meth:`aclose` when done.

    ``transport`` replaces the network transport (:class:`FeedTransport`; tests pass httpx's
    own, which pytest-httpx mocks, or :class:`httpx.MockTransport`); ``clock`` and
    ``sleep`` drive the per-host rate limit (tests inject fakes).
    """

    def __init__(
        self,
        settings: HttpSettings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._settings = settings
        self._clock = clock
        self._sleep = sleep
        self._slots = asyncio.Semaphore(settings.max_concurrency)
        self._gates: dict[tuple[str, int], _HostGate] = {}
        self._sharing = 1
        network = transport if transport is not None else _network_transport(settings)
        self._client = _Client(
            transport=network,
            verify=_tls_context(),  # (httpx's own transport only, when the environment names a proxy)
            follow_redirects=False,
            timeout=httpx.Timeout(
                connect=settings.connect_timeout,
                read=settings.read_timeout,
                write=settings.read_timeout,
                pool=settings.connect_timeout,
            ),
            headers={
                "User-Agent": settings.user_agent,
                "Accept": ACCEPT,
                "Accept-Encoding": "gzip, deflate",
            },
        )
        # Over our own network transport a GET skips httpx's client, request and response
        # objects (:meth:`FeedTransport.get`) and sends what the client would: its headers
        # (Host first), its timeouts.  While the jar holds a cookie, requests go through the
        # client, which picks the cookies to send.
        self._direct = network if isinstance(network, FeedTransport) else None
        self._headers = [(name.decode("latin-1"), value.decode("latin-1")) for name, value in self._client.headers.raw]
        self._timeouts = self._client.timeout.as_dict()

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    def share_hosts(self, daemons: int) -> None:
        """``daemons`` processes (this one included) fetch from the same hosts: each waits
        ``daemons`` times ``per_host_interval`` between its request starts to one server, so
        together they keep to the budget one daemon would (from the next request on)."""
        self._sharing = max(1, daemons)

    @property
    def host_interval(self) -> float:
        """Seconds this fetcher leaves between request starts to one server."""
        return self._settings.per_host_interval * self._sharing

    async def fetch(
        self,
        url: str,
        *,
        policy: URLPolicy,
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int | None = None,
    ) -> Fetched:
        """GET ``url`` (conditionally when ``etag``/``last_modified`` are given)."""
        cap = self._settings.max_bytes if max_bytes is None else max_bytes
        if _scheme(url) == "file":
            return await self._fetch_file(url, policy, _validator(etag), cap)
        current = _parse_http(url)
        policy._check_http(current)
        headers = {}
        if (tag := _validator(etag)) is not None:
            headers["If-None-Match"] = tag
        if (since := _validator(last_modified)) is not None:
            headers["If-Modified-Since"] = since
        loop = asyncio.get_running_loop()
        deadline_at: float | None = None
        started = 0.0
        redirects = 0
        while True:
            async with self._slot(current):
                if deadline_at is None:
                    deadline_at = loop.time() + self._settings.deadline
                    started = time.perf_counter()
                try:
                    async with asyncio.timeout_at(deadline_at):
                        outcome = await self._exchange(current, headers, cap, started)
                except TimeoutError:
                    raise FetchTimeout(
                        redact_url(str(current)),
                        f"no complete response within the {self._settings.deadline:g}s deadline",
                    ) from None
            if isinstance(outcome, Fetched):
                if outcome.status == 304:  # keep the validators when the server omits them
                    return _with_validators(outcome, tag, since)
                return outcome
            if redirects >= self._settings.max_redirects:
                raise TooManyRedirects(redact_url(url), f"more than {self._settings.max_redirects} redirect(s)")
            redirects += 1
            if outcome.scheme not in _HTTP_SCHEMES:
                reason = (
                    "redirect to a file URL is never followed"
                    if outcome.scheme == "file"
                    else f"redirect to scheme {outcome.scheme!r} is not allowed"
                )
                raise BlockedURL(redact_url(str(outcome)), reason)
            policy._check_http(outcome)
            current = outcome

    @contextlib.asynccontextmanager
    async def _slot(self, url: httpx.URL) -> AsyncIterator[None]:
        """Hold a slot of ``url``'s server, respect its interval, then a global slot."""
        port = url.port or (443 if url.scheme == "https" else 80)
        key = (_url_host(url), port)
        gate = self._gates.get(key)
        if gate is None:
            gate = self._gates[key] = _HostGate(asyncio.Semaphore(self._settings.per_host_concurrency))
        async with gate.slots:
            now = self._clock()
            start = max(now, gate.next_start)
            gate.next_start = start + self.host_interval
            if start > now:
                await self._sleep(start - now)
            async with self._slots:
                yield

    async def _exchange(self, url: httpx.URL, headers: dict[str, str], cap: int, started: float) -> Fetched | httpx.URL:
        """One request: a Fetched, the next URL of a redirect, or an error."""
        safe = redact_url(str(url))
        try:
            if self._direct is not None and not self._client.cookies:
                sent = [("Host", url.netloc.decode("ascii")), *self._headers, *headers.items()]
                reply = await self._direct.get(url, sent, timeout=self._timeouts)
                try:
                    if "set-cookie" in reply.headers:  # (kept as httpx's client keeps them)
                        self._client.cookies.extract_cookies(reply.as_httpx())
                    return await _answer(url, reply, cap, started, safe)
                finally:
                    await reply.aclose()
            async with self._client.stream("GET", url, headers=headers) as response:
                return await _answer(url, response, cap, started, safe)
        except _HTTPX_ERRORS as exc:
            raise _translate(exc, safe) from exc
        except OSError as exc:  # a safety net: transports should have wrapped these
            raise FetchConnectError(safe, type(exc).__name__) from exc
        except (OverflowError, ExceptionGroup) as exc:  # seen from the connect of an out-of-range port
            raise FetchConnectError(safe, type(exc).__name__) from exc

    async def _fetch_file(self, url: str, policy: URLPolicy, etag: str | None, cap: int) -> Fetched:
        safe = redact_url(url)
        try:
            async with asyncio.timeout(self._settings.deadline):
                return await asyncio.to_thread(_read_file, url, safe, policy, etag, cap)
        except TimeoutError:
            raise FetchTimeout(safe, "reading the file took too long") from None


async def _answer(url: httpx.URL, response: Response, cap: int, started: float, safe: str) -> Fetched | httpx.URL:
    """What a response says: a Fetched, the next URL of a redirect, or an error."""
    status = response.status_code
    if status in _REDIRECT_STATUSES:
        location = response.headers.get("location", "").strip()
        if not location:
            raise BadStatus(safe, status)
        try:
            return url.join(location)
        except httpx.InvalidURL:
            raise BadStatus(safe, status) from None
    if status == 304:
        await response.aread()  # (no body: reading its end keeps the connection for reuse)
        return _fetched(url, response, b"", started)
    if not 200 <= status < 300:
        raise _status_error(response, safe)
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > _most_encoded(cap, response):
        raise ResponseTooLarge(safe, cap)
    body = await _read_body(response, cap, safe)
    return _fetched(url, response, body, started)


def _fetched(url: httpx.URL, response: Response, body: bytes, started: float) -> Fetched:
    headers = response.headers
    return Fetched(
        url=str(url),
        status=response.status_code,
        body=body,
        etag=headers.get("etag"),
        last_modified=headers.get("last-modified"),
        max_age=parse_max_age(headers.get("cache-control")),
        content_type=headers.get("content-type"),
        elapsed=time.perf_counter() - started,
    )


def _with_validators(fetched: Fetched, etag: str | None, last_modified: str | None) -> Fetched:
    return Fetched(
        url=fetched.url,
        status=fetched.status,
        body=fetched.body,
        etag=fetched.etag or etag,
        last_modified=fetched.last_modified or last_modified,
        max_age=fetched.max_age,
        content_type=fetched.content_type,
        elapsed=fetched.elapsed,
    )


def _read_file(url: str, safe: str, policy: URLPolicy, etag: str | None, cap: int) -> Fetched:
    """Check and read a local file (runs in a worker thread: resolving and reading block)."""
    started = time.perf_counter()
    path = policy._check_file(url)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device could block or never end
            raise BadStatus(safe, 404)
        tag = f'"{info.st_mtime_ns:x}-{info.st_size:x}"'
        modified = email.utils.formatdate(info.st_mtime, usegmt=True)
        content_type = mimetypes.guess_type(path.name)[0]
        if etag == tag:
            return Fetched(url, 304, b"", tag, modified, None, content_type, time.perf_counter() - started)
        if info.st_size > cap:
            raise ResponseTooLarge(safe, cap)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            body = fh.read(cap + 1)
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        raise BadStatus(safe, 404) from None
    except PermissionError:
        raise BadStatus(safe, 403) from None
    except OSError as exc:
        raise FetchConnectError(safe, f"could not read file ({exc.strerror})") from None
    if len(body) > cap:
        raise ResponseTooLarge(safe, cap)
    return Fetched(url, 200, body, tag, modified, None, content_type, time.perf_counter() - started)
