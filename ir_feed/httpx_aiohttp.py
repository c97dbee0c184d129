"""httpx's transport API over an aiohttp session: the parts both of our transports share
(the feed client's :class:`~ir_feed.fetch.transport.FeedTransport` and the delivery
client's SSRF-guarded :class:`~ir_feed.delivery.transport.GuardedTransport`).

* :func:`send` — one httpx request through the session: raw body, no redirects, the
  request's httpx timeouts (``pool`` → waiting for a connection, ``connect`` → TCP and
  TLS, ``read`` → each socket read), errors as httpx's; :func:`open_request` the same
  from the request's parts, for a caller that skips httpx's request object;
* :func:`translate` — an aiohttp / asyncio error as the matching httpx exception;
* :func:`response` — aiohttp's response as an :class:`httpx.Response` whose stream
  (:class:`Body`) releases the connection when closed.

An edge: no policy here (what may be fetched, which addresses may be connected to, which
headers pass) — each transport keeps its own.
"""

from __future__ import annotations

import asyncio
import functools
import ssl
from collections.abc import AsyncIterator, Callable, Iterable, Mapping

import aiohttp
import httpx
import yarl

__all__ = ["ERRORS", "Body", "open_request", "response", "send", "translate"]

# what an aiohttp request or body read may raise (translated, never leaked to httpx callers)
ERRORS = (aiohttp.ClientError, asyncio.TimeoutError, OSError, ValueError)


def translate(exc: BaseException, request: httpx.Request) -> httpx.TransportError:
    """The httpx exception matching an aiohttp/asyncio one (most specific first)."""
    message = str(exc) or type(exc).__name__
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return httpx.ConnectTimeout(message, request=request)
    if isinstance(exc, aiohttp.SocketTimeoutError | asyncio.TimeoutError):
        return httpx.ReadTimeout(message, request=request)
    if isinstance(exc, aiohttp.ClientConnectorError | aiohttp.ServerFingerprintMismatch | ssl.SSLError):
        return httpx.ConnectError(message, request=request)
    if isinstance(exc, aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError | aiohttp.ClientOSError):
        return httpx.ReadError(message, request=request)
    if isinstance(exc, aiohttp.InvalidURL | aiohttp.NonHttpUrlClientError):
        return httpx.UnsupportedProtocol(message, request=request)
    if isinstance(exc, aiohttp.ClientResponseError):
        return httpx.RemoteProtocolError(message, request=request)
    if isinstance(exc, OSError):
        return httpx.ConnectError(message, request=request)
    return httpx.TransportError(message, request=request)


Translate = Callable[[BaseException, httpx.Request], httpx.TransportError]


async def send(
    session: aiohttp.ClientSession,
    request: httpx.Request,
    headers: Iterable[tuple[str, str]],
    *,
    errors: Translate = translate,
) -> aiohttp.ClientResponse:
    """``request`` (with ``headers``) through ``session``; ``errors`` translates a failure."""
    body = await request.aread()
    try:
        return await open_request(
            session,
            request.method,
            request.url,
            headers,
            body=body or None,
            timeout=request.extensions.get("timeout", {}),
            sni_hostname=request.extensions.get("sni_hostname"),
        )
    except ERRORS as exc:
        raise errors(exc, request) from exc


async def open_request(
    session: aiohttp.ClientSession,
    method: str,
    url: httpx.URL,
    headers: Iterable[tuple[str, str]],
    *,
    body: bytes | None = None,
    timeout: Mapping[str, float | None],
    sni_hostname: str | None = None,
) -> aiohttp.ClientResponse:
    """What :func:`send` does, from the request's parts rather than an :class:`httpx.Request`
    (a caller that skips httpx's objects); ``timeout`` is httpx's (``Timeout.as_dict()``).
    aiohttp's errors are raised as they are (:data:`ERRORS`: the caller translates them)."""
    return await session.request(
        method,
        yarl.URL(str(url), encoded=True),
        headers=list(headers),
        data=body,
        allow_redirects=False,
        timeout=_timeout(timeout.get("pool"), timeout.get("connect"), timeout.get("read")),
        server_hostname=sni_hostname,
    )


@functools.lru_cache(maxsize=64)
def _timeout(pool: float | None, connect: float | None, read: float | None) -> aiohttp.ClientTimeout:
    """httpx's timeouts in aiohttp's terms: waiting for a connection, connecting, each read."""
    return aiohttp.ClientTimeout(total=None, connect=pool, sock_connect=connect, sock_read=read)


class Body(httpx.AsyncByteStream):
    """A response body read from aiohttp (in chunks of ``chunk`` bytes, or as they come
    when None); closing it releases the connection and calls ``done``."""

    def __init__(
        self,
        response: aiohttp.ClientResponse,
        request: httpx.Request,
        *,
        chunk: int | None = None,
        done: Callable[[], None] | None = None,
        errors: Translate = translate,
    ) -> None:
        self._response = response
        self._request = request
        self._chunk = chunk
        self._done = done
        self._errors = errors

    async def __aiter__(self) -> AsyncIterator[bytes]:
        content = self._response.content
        try:
            async for piece in content.iter_chunked(self._chunk) if self._chunk else content.iter_any():
                yield piece
        except ERRORS as exc:
            raise self._errors(exc, self._request) from exc

    async def aclose(self) -> None:
        self._response.release()  # closes the connection instead when the body was not read to the end
        if self._done is not None:
            self._done()


def response(
    aio: aiohttp.ClientResponse,
    request: httpx.Request,
    stream: Body,
    headers: Iterable[tuple[bytes, bytes]] | None = None,
) -> httpx.Response:
    """aiohttp's response as httpx's (``headers``: its raw headers unless given)."""
    return httpx.Response(
        status_code=aio.status,
        headers=list(aio.raw_headers if headers is None else headers),
        stream=stream,
        request=request,
        extensions={"http_version": b"HTTP/1.1", "reason_phrase": (aio.reason or "").encode("latin-1")},
    )
