"""The delivery HTTP transport: httpx's API over aiohttp's connection pool, with
the SSRF guard applied to the address actually connected to.

Why aiohttp under httpx (``bench/delivery_client.py``, 3,000 POSTs of 2 KB to a
local aiohttp receiver in another process, best of 3, quiet 2-core box,
2026-11-25, concurrency 64): httpx's own pool (httpcore) 554 req/s and 1.8 ms of
client CPU per request (1,740/s at concurrency 10); a sync httpx.Client in 64
threads 2,242/s; this transport 5,707/s and 0.18 ms (httpx-aiohttp 5,605/s); the
whole signed path through :class:`~ir_feed.delivery.Dispatcher` 4,975/s; aiohttp
alone 17,741/s.  Callers keep using :class:`httpx.AsyncClient`
(:class:`DeliveryClient`, built by :func:`make_client`); only the transport changes,
and tests can still use :class:`httpx.MockTransport`.  The webhook sender alone skips
httpx's request and response objects: it calls :meth:`GuardedTransport.post` on the
client's transport (``DeliveryClient.guarded``), which records the same answers and
failures (``tests/integration/test_delivery_direct_post.py`` holds the two paths
equal); 2026-12-07, concurrency 64: the signed Dispatcher path 291 µs of client CPU per
request against 390 µs for an unsigned POST through httpx over this transport.

The guard: aiohttp resolves names through a resolver object and connects to the
addresses it returns.  :class:`_GuardedResolver` resolves with the injectable
:data:`~ir_feed.delivery.ssrf.Resolver`, checks *every* address with
:func:`~ir_feed.delivery.ssrf.check_addresses` and hands aiohttp only checked
addresses, so no second, unchecked lookup happens between check and connect.
aiohttp does not call a resolver for IP-literal hosts: those are checked in
:meth:`GuardedTransport.handle_async_request` before any connection.  aiohttp's
DNS cache (``dns_cache_ttl``) only ever holds answers that passed the check.

A refusal surfaces as :class:`BlockedConnect` (an :class:`httpx.ConnectError`)
whose ``__cause__`` is the :class:`~ir_feed.delivery.ssrf.BlockedAddress`.
aiohttp errors are translated to the matching httpx exceptions; ``Set-Cookie``
headers are dropped (a receiver must not make us store state); redirects are
never followed; environment proxies are ignored.
"""

from __future__ import annotations

import functools
import socket
import ssl
from typing import Any

import aiohttp
import httpx
import yarl
from aiohttp.abc import AbstractResolver, ResolveResult

from ir_feed.delivery.ssrf import BlockedAddress, Resolver, check_addresses, ip_literal, system_resolver
from ir_feed.httpx_aiohttp import ERRORS, Body, response, send, translate

__all__ = ["Answer", "BlockedConnect", "DeliveryClient", "GuardedTransport", "make_client"]

_CHUNK = 16 * 1024


class BlockedConnect(httpx.ConnectError):
    """The connection was refused by the SSRF guard; ``__cause__`` says why."""


class _GuardedResolver(AbstractResolver):
    def __init__(self, resolver: Resolver, allow_private_networks: bool) -> None:
        self._resolver = resolver
        self._allow_private = allow_private_networks

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        addresses = await self._resolver(host, port)
        check_addresses(host, addresses, allow_private_networks=self._allow_private)
        return [
            ResolveResult(
                hostname=host,
                host=str(address),
                port=port,
                family=socket.AF_INET6 if address.version == 6 else socket.AF_INET,
                proto=0,
                flags=socket.AI_NUMERICHOST,
            )
            for address in addresses
        ]

    async def close(self) -> None:
        return None


def _blocked_cause(exc: BaseException) -> BlockedAddress | None:
    seen: BaseException | None = exc
    for _ in range(8):
        if seen is None:
            return None
        if isinstance(seen, BlockedAddress):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _translate(exc: BaseException, request: httpx.Request) -> httpx.TransportError:
    """:func:`ir_feed.httpx_aiohttp.translate`, but the guard's refusal first."""
    blocked = _blocked_cause(exc)
    if blocked is not None:
        return BlockedConnect(str(blocked), request=request)
    return translate(exc, request)


@functools.lru_cache(maxsize=1024)
def _literal_blocked(host: str, allow_private_networks: bool) -> BlockedAddress | None:
    """Why an IP-literal ``host`` is refused (None for a name or an allowed address); cached,
    as every request to a literal host asks again."""
    address = ip_literal(host)
    if address is None:
        return None
    try:
        check_addresses(host, [address], allow_private_networks=allow_private_networks)
    except BlockedAddress as exc:
        return exc
    return None


@functools.lru_cache(maxsize=4096)
def _aiohttp_url(url: httpx.URL) -> yarl.URL:
    """A subscription URL as aiohttp takes it, already encoded (as httpx wrote it); once per URL."""
    return yarl.URL(str(url), encoded=True)


@functools.lru_cache(maxsize=64)
def _aiohttp_timeout(timeout: float) -> aiohttp.ClientTimeout:
    """httpx's ``Timeout(timeout)`` (the same for every phase) in aiohttp's terms, as
    :func:`ir_feed.httpx_aiohttp.send` maps them: waiting for a connection, connecting, each read."""
    return aiohttp.ClientTimeout(total=None, connect=timeout, sock_connect=timeout, sock_read=timeout)


class Answer:
    """A receiver's answer to :meth:`GuardedTransport.post`, its status line and headers in:
    the status, the two headers a delivery attempt reads, and its body's first bytes
    (:meth:`read_head`); :meth:`close` gives the connection back (or closes it when the
    body was not read to the end)."""

    __slots__ = ("_response",)

    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self._response = response

    @property
    def status(self) -> int:
        return self._response.status

    @property
    def content_encoding(self) -> str | None:
        return self._response.headers.get("content-encoding")

    @property
    def retry_after(self) -> str | None:
        return self._response.headers.get("retry-after")

    @property
    def at_end(self) -> bool:
        """Nothing (more) to read: the body was empty (a 204), or has been read."""
        return self._response.content.at_eof()

    async def read_head(self, into: bytearray, limit: int) -> None:
        """Read the body into ``into`` until ``limit`` bytes or its end; a failure midway
        leaves what arrived (the answer already counts)."""
        try:
            async for chunk in self._response.content.iter_chunked(_CHUNK):
                into += chunk[: limit - len(into)]
                if len(into) >= limit:
                    return
        except ERRORS:
            return

    def close(self) -> None:
        self._response.release()


class GuardedTransport(httpx.AsyncBaseTransport):
    """An httpx transport over an aiohttp session whose connections are SSRF-guarded.

    ``resolver`` is injectable (tests simulate DNS answers and rebinding);
    ``allow_private_networks`` admits loopback/private/CGNAT/ULA addresses (never
    link-local, multicast, unspecified...).  ``max_connections`` bounds the pool;
    ``dns_cache_ttl`` (seconds, 0 to disable) keeps checked answers that long."""

    def __init__(
        self,
        *,
        allow_private_networks: bool = False,
        resolver: Resolver = system_resolver,
        max_connections: int = 256,
        keepalive_expiry: float = 30.0,
        dns_cache_ttl: float = 10.0,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self._allow_private = allow_private_networks
        self._resolver = resolver
        self._max_connections = max_connections
        self._keepalive = keepalive_expiry
        self._dns_ttl = dns_cache_ttl
        self._ssl = ssl_context
        self._session: aiohttp.ClientSession | None = None

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None:
            connector = aiohttp.TCPConnector(
                resolver=_GuardedResolver(self._resolver, self._allow_private),
                limit=self._max_connections,
                limit_per_host=0,
                keepalive_timeout=self._keepalive,
                use_dns_cache=self._dns_ttl > 0,
                ttl_dns_cache=int(self._dns_ttl) or None,
                ssl=self._ssl if self._ssl is not None else True,
            )
            self._session = aiohttp.ClientSession(
                connector=connector,
                cookie_jar=aiohttp.DummyCookieJar(),
                auto_decompress=False,
                trust_env=False,
                skip_auto_headers=("User-Agent", "Accept", "Accept-Encoding"),
            )
        return self._session

    def _check_url(self, url: httpx.URL, request: httpx.Request | None = None) -> None:
        if url.scheme not in ("http", "https"):
            raise httpx.UnsupportedProtocol(
                f"scheme {url.scheme!r} is not allowed", request=request or httpx.Request("POST", url)
            )
        blocked = _literal_blocked(url.host, self._allow_private)
        if blocked is not None:
            raise BlockedConnect(str(blocked), request=request or httpx.Request("POST", url)) from blocked

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self._check_url(request.url, request)
        aio = await send(self._get_session(), request, request.headers.multi_items(), errors=_translate)
        headers = [(k, v) for k, v in aio.raw_headers if k.lower() != b"set-cookie"]
        return response(aio, request, Body(aio, request, chunk=_CHUNK, errors=_translate), headers)

    async def post(self, url: httpx.URL, body: bytes, headers: list[tuple[str, str]], *, timeout: float) -> Answer:
        """POST ``body`` to ``url`` with exactly ``headers`` straight through the guarded
        session (the webhook sender's path): the same guard, no redirects, ``timeout`` for
        each phase as :class:`httpx.Timeout` sets it, failures raised as httpx's exceptions,
        as :meth:`handle_async_request` — without httpx's client, request and response
        objects around each POST (about half of the client's CPU per delivery:
        ``bench/delivery_client.py``).  The caller reads and closes the :class:`Answer`."""
        self._check_url(url)
        try:
            response = await self._get_session().post(
                _aiohttp_url(url), data=body, headers=headers, allow_redirects=False, timeout=_aiohttp_timeout(timeout)
            )
        except ERRORS as exc:
            raise _translate(exc, httpx.Request("POST", url)) from exc
        return Answer(response)

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


class _NoCookies(httpx.Cookies):
    """A cookie jar that never stores or sends anything: a receiver must not make us keep state
    (and skipping httpx's per-response cookie extraction saves about a fifth of its overhead)."""

    def extract_cookies(self, response: httpx.Response) -> None:
        return None

    def set_cookie_header(self, request: httpx.Request) -> None:
        return None


class DeliveryClient(httpx.AsyncClient):
    """:class:`httpx.AsyncClient` without a cookie jar (see :class:`_NoCookies`); ``guarded``
    is its :class:`GuardedTransport` (None when a test gave another transport), whose
    :meth:`~GuardedTransport.post` the webhook sender calls directly."""

    def __init__(self, *, transport: httpx.AsyncBaseTransport, **kwargs: Any) -> None:
        super().__init__(transport=transport, **kwargs)
        self.guarded = transport if isinstance(transport, GuardedTransport) else None

    @property
    def cookies(self) -> httpx.Cookies:
        return _NO_COOKIES

    @cookies.setter
    def cookies(self, cookies: object) -> None:
        return None


_NO_COOKIES = _NoCookies()


def make_client(
    *,
    allow_private_networks: bool = False,
    resolver: Resolver = system_resolver,
    timeout: float = 15.0,
    max_connections: int = 256,
    user_agent: str = "ir-feed-webhooks/1",
    transport: httpx.AsyncBaseTransport | None = None,
) -> httpx.AsyncClient:
    """The delivery client: guarded aiohttp transport, no redirects, identity encoding.

    ``transport`` replaces the guarded transport (only for unit tests with
    :class:`httpx.MockTransport`)."""
    return DeliveryClient(
        transport=transport
        or GuardedTransport(
            allow_private_networks=allow_private_networks, resolver=resolver, max_connections=max_connections
        ),
        follow_redirects=False,
        trust_env=False,
        timeout=httpx.Timeout(timeout),
        headers={"user-agent": user_agent, "accept-encoding": "identity", "accept": "*/*"},
    )
