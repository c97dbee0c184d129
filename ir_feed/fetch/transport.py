"""The feed transport: httpx's transport API over aiohttp's connection pool.

Why (callgrind instruction counts, 500 conditional GETs answered 304 by a local aiohttp
server, through :meth:`Fetcher.fetch`, 2026-12-06): 3.4 M instructions per 304 through
httpx's own transport (httpcore re-checks every pooled connection on each request, through
anyio's stream wrappers; h11 parses in Python; an httpcore network backend on plain asyncio
streams saved only 8 %), 1.5 M through this one (1.3 M with the Fetcher's cookie jar, which
reads only responses that set a cookie).  The :class:`Fetcher` keeps its
:class:`httpx.AsyncClient` (its cookie jar; :class:`httpx.MockTransport` and pytest-httpx in
tests), but over this transport it sends each GET directly (:meth:`FeedTransport.get`, the
client's headers and timeouts, answered by a :class:`Reply`) as long as the jar is empty —
httpx's client, request and response objects were more than half the CPU of a 304 through
``Fetcher.fetch`` (2026-12-07: 430-530 -> 280-300 µs of user CPU per 304, a bare aiohttp
GET 120-150 µs); ``tests/integration/test_fetch_direct_get.py`` holds the two paths equal.
The same pattern as the delivery client (``ir_feed.delivery.transport``), without its address
guard: which feeds and pages may be fetched is the URL policy's decision
(:class:`~ir_feed.fetch.URLPolicy`, checked for every hop before any request).

What it keeps of httpx's own transport:

* TLS with the context given (the Fetcher's verifying one), HTTP/1.1 only;
* the request's httpx timeouts: ``connect`` (TCP and TLS), ``read`` (each socket
  read, so a silent server times out), ``pool`` (waiting for a connection beyond
  ``max_connections``); they surface as :class:`httpx.ConnectTimeout` /
  :class:`httpx.ReadTimeout`;
* the raw body: content codings are undone above it (``fetch.body`` inflates
  gzip/deflate in bounded steps; httpx's decoders any other coding), redirects are
  never followed here, ``Set-Cookie`` headers are passed up to the client's jar;
* no proxy (the :class:`Fetcher` uses httpx's own transport when the environment
  names one), no ``~/.netrc`` credentials;
* errors as httpx's exceptions (:func:`_translate`), so callers see what they saw.

Sockets are bounded: at most ``max_connections`` in use, and idle connections kept for
at most ``max_keepalive`` servers (each at most ``keepalive_expiry`` seconds): a request
to another server while that many hold idle connections asks for ``Connection: close``,
so thousands of feeds on as many hosts never pile up open sockets.
"""

from __future__ import annotations

import ssl
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Mapping

import aiohttp
import httpx

from ir_feed.httpx_aiohttp import ERRORS, Body, open_request, response, send, translate

__all__ = ["FeedTransport", "Reply"]

_MAX_HEADER_LINE = 16 * 1024  # aiohttp allows 8 KiB; httpx (h11) took a 100 KiB header block

_Origin = tuple[str, str, int]


class FeedTransport(httpx.AsyncBaseTransport):
    """An httpx transport over one aiohttp session (created on first use, in the running
    loop).  ``ssl_context`` verifies servers (None: aiohttp's default verifying one)."""

    def __init__(
        self,
        *,
        ssl_context: ssl.SSLContext | None = None,
        max_connections: int = 100,
        max_keepalive: int = 20,
        keepalive_expiry: float = 5.0,
    ) -> None:
        self._ssl = ssl_context
        self._max_connections = max_connections
        self._max_keepalive = max_keepalive
        self._keepalive = keepalive_expiry
        self._idle: OrderedDict[_Origin, float] = OrderedDict()  # servers left with an idle connection, oldest first
        self._session: aiohttp.ClientSession | None = None

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None:
            connector = aiohttp.TCPConnector(
                resolver=aiohttp.ThreadedResolver(),  # getaddrinfo, as httpx (not aiodns, if installed)
                limit=self._max_connections,
                limit_per_host=0,  # the Fetcher's per-host gates decide
                keepalive_timeout=self._keepalive,
                ssl=self._ssl if self._ssl is not None else True,
            )
            self._session = aiohttp.ClientSession(
                connector=connector,
                cookie_jar=aiohttp.DummyCookieJar(),  # the httpx client keeps the cookies
                auto_decompress=False,
                trust_env=False,
                skip_auto_headers=("User-Agent", "Accept", "Accept-Encoding"),
                max_line_size=_MAX_HEADER_LINE,
                max_field_size=_MAX_HEADER_LINE,
            )
        return self._session

    def _keeps_alive(self, origin: _Origin) -> bool:
        """Whether a connection to ``origin`` may be kept idle after this request."""
        idle = self._idle
        if origin in idle:
            return True
        expired = time.monotonic() - self._keepalive
        while idle and next(iter(idle.values())) < expired:
            idle.popitem(last=False)
        return len(idle) < self._max_keepalive

    def _released(self, origin: _Origin, kept: bool) -> None:
        if kept:
            self._idle[origin] = time.monotonic()
            self._idle.move_to_end(origin)

    def _wire_headers(self, origin: _Origin, headers: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], bool]:
        """``headers`` as sent, and whether the connection may be kept idle afterwards (if not,
        ``Connection: close`` instead of the client's ``keep-alive``)."""
        kept = self._keeps_alive(origin)
        if not kept:
            headers = [(name, value) for name, value in headers if name.lower() != "connection"]
            headers.append(("Connection", "close"))
        return headers, kept

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        if url.scheme not in ("http", "https"):
            raise httpx.UnsupportedProtocol(f"scheme {url.scheme!r} is not supported", request=request)
        origin = (url.scheme, url.host, url.port or (443 if url.scheme == "https" else 80))
        headers, kept = self._wire_headers(
            origin, [(name.decode("latin-1"), value.decode("latin-1")) for name, value in request.headers.raw]
        )
        aio = await send(self._get_session(), request, headers)
        return response(aio, request, Body(aio, request, done=lambda: self._released(origin, kept)))

    async def get(
        self, url: httpx.URL, headers: list[tuple[str, str]], *, timeout: Mapping[str, float | None]
    ) -> Reply:
        """GET ``url`` with exactly ``headers`` (the Fetcher's path: what its client would send,
        ``Host`` first) — as :meth:`handle_async_request` sends it, without httpx's client,
        request and response objects around it (more than half the CPU of a 304 through
        ``Fetcher.fetch``).  ``timeout``: httpx's phases (``Timeout.as_dict()``).  Failures are
        raised as httpx's exceptions; the caller reads the :class:`Reply` and closes it."""
        if url.scheme not in ("http", "https"):
            message = f"scheme {url.scheme!r} is not supported"
            raise httpx.UnsupportedProtocol(message, request=httpx.Request("GET", url))
        origin = (url.scheme, url.host, url.port or (443 if url.scheme == "https" else 80))
        headers, kept = self._wire_headers(origin, headers)
        try:
            aio = await open_request(self._get_session(), "GET", url, headers, timeout=timeout)
        except ERRORS as exc:
            raise translate(exc, httpx.Request("GET", url, headers=headers)) from exc
        return Reply(aio, url, headers, done=lambda: self._released(origin, kept))

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


class Reply:
    """A server's answer to :meth:`FeedTransport.get`, its status line and headers in: what the
    Fetcher reads of an :class:`httpx.Response` — ``status_code``, ``headers`` (httpx's, from the
    raw header lines: the same decoding and joining of repeated names), the raw body in pieces
    (:meth:`aiter_raw`, :meth:`aread`), the body through httpx's decoders (:meth:`aiter_bytes`, for a
    content coding the Fetcher does not undo itself); :meth:`as_httpx` is the whole response as
    httpx's (for its cookie jar).  :meth:`aclose` gives the connection back (or closes it when the
    body was not read to the end)."""

    __slots__ = ("_aio", "_done", "_headers_sent", "_httpx", "_url", "headers", "status_code")

    def __init__(
        self,
        aio: aiohttp.ClientResponse,
        url: httpx.URL,
        headers_sent: list[tuple[str, str]],
        *,
        done: Callable[[], None],
    ) -> None:
        self._aio = aio
        self._url = url
        self._headers_sent = headers_sent
        self._done = done
        self._httpx: httpx.Response | None = None
        self.status_code = aio.status
        self.headers = httpx.Headers(list(aio.raw_headers))

    def as_httpx(self) -> httpx.Response:
        """The same answer as an :class:`httpx.Response` (with its request), made once."""
        if self._httpx is None:
            request = httpx.Request("GET", self._url, headers=self._headers_sent)
            self._httpx = response(self._aio, request, Body(self._aio, request))
        return self._httpx

    async def aiter_raw(self) -> AsyncIterator[bytes]:
        try:
            async for piece in self._aio.content.iter_any():
                yield piece
        except ERRORS as exc:
            raise translate(exc, httpx.Request("GET", self._url, headers=self._headers_sent)) from exc

    async def aiter_bytes(self) -> AsyncIterator[bytes]:
        async for piece in self.as_httpx().aiter_bytes():
            yield piece

    async def aread(self) -> bytes:
        return b"".join([piece async for piece in self.aiter_raw()])

    async def aclose(self) -> None:
        self._aio.release()
        self._done()
