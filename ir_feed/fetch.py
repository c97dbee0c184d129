"""The polite HTTP edge: a URL in, its bytes (or a typed error) out.

``Fetcher.fetch(url, policy=...)`` does one conditional GET and returns a
:class:`Fetched`, or raises one of the :class:`~ir_feed.errors.FetchError`
subclasses (no httpx exception ever leaves it)::

    200 / other 2xx        Fetched(status=..., body=...)
    304                    Fetched(status=304, body=b"")
    410                    FeedGone
    429, 5xx               RetryableStatus(retry_after=...)
    other 4xx, odd 3xx     BadStatus
    timeout / deadline     FetchTimeout
    DNS, refused, TLS...   FetchConnectError
    body over the cap      ResponseTooLarge
    too many redirects     TooManyRedirects
    URL or hop not allowed BlockedURL

What it guarantees:

* Every URL it touches, the first and every redirect hop, passes
  :meth:`URLPolicy.check`.  Redirects are followed here, by hand; a redirect
  from http(s) to ``file://`` is never followed.
* A fetch is bounded in time (connect/read timeouts plus an overall deadline
  that covers redirects and body streaming, so a server trickling a byte at a
  time cannot hold it) and in memory: gzip/deflate bodies are inflated here in
  bounded steps and the *decoded* size is checked as it grows, so a
  compression bomb is refused after at most the cap.
* Politeness: at most ``max_concurrency`` requests in flight, at most
  ``per_host_concurrency`` to one server (host and port) and at least
  ``per_host_interval`` seconds between request starts to one server.  A
  request waits for its server's slot *before* taking a global one, so a slow
  server never holds slots that other servers' requests need.  The deadline
  starts once the first request has its slots: queueing is not a timeout.
* URLs in error messages lose their userinfo and secret-looking query values
  (:func:`redact_url`); the error's ``url`` attribute is that redacted form.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import functools
import mimetypes
import os
import re
import ssl
import stat
import time
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from urllib.request import url2pathname

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
from ir_feed.settings import HttpSettings

__all__ = [
    "ACCEPT",
    "MAX_RETRY_AFTER",
    "Fetched",
    "Fetcher",
    "URLPolicy",
    "parse_max_age",
    "parse_retry_after",
    "redact_url",
]

ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5"
MAX_RETRY_AFTER = 86_400.0  # a Retry-After further away than a day is treated as a day

_HTTP_SCHEMES = frozenset({"http", "https"})
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_PIECE = 64 * 1024  # most bytes one inflate step may produce
_SECRET_NAME = re.compile(r"token|key|secret|pass|pwd|auth|sig|session|credential", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_DELTA_SECONDS = re.compile(r"-?[0-9]{1,12}(?:\.[0-9]+)?")
_MAX_AGE = re.compile(r"[0-9]{1,12}")
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


# -- small pure helpers, public where other edges (delivery) can use them ---------------------


def redact_url(url: str) -> str:
    """``url`` fit for a message or a log: no userinfo, no fragment, secret-looking
    query values (token, key, sig...) replaced by ``***``, no control characters."""
    try:
        parts = urlsplit(_CONTROL.sub("", url))
        netloc = parts.netloc.rpartition("@")[2]
        query = parts.query
        if query:
            pairs = parse_qsl(query, keep_blank_values=True)
            if any(_SECRET_NAME.search(name) for name, _ in pairs):
                query = urlencode([(n, "***" if _SECRET_NAME.search(n) else v) for n, v in pairs], safe="*")
        return urlunsplit((parts.scheme, netloc, parts.path, query, ""))
    except ValueError:
        return "<unparsable URL>"


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value: delta-seconds or an HTTP-date
    (relative to ``now``, default the current time).  Negative results become 0,
    results over :data:`MAX_RETRY_AFTER` become that; unparsable values give None."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if _DELTA_SECONDS.fullmatch(value):
        seconds = float(value)
    else:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        if when.tzinfo is None:  # "-0000": UTC by convention
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def parse_max_age(value: str | None) -> float | None:
    """``max-age`` seconds from a ``Cache-Control`` value; 0 for ``no-cache`` or
    ``no-store``; None when absent or unparsable."""
    if not value:
        return None
    max_age: float | None = None
    for directive in value.split(","):
        name, _, arg = directive.partition("=")
        name, arg = name.strip().lower(), arg.strip().strip('"')
        if name == "no-store" or (name == "no-cache" and not arg):
            return 0.0
        if name == "max-age" and max_age is None and _MAX_AGE.fullmatch(arg):
            max_age = float(arg)
    return max_age


def _canonical_host(host: str) -> str:
    """Lower case, no brackets or trailing dot, IDNA (punycode) for non-ASCII names:
    the same form :func:`_url_host` gives for a parsed URL."""
    host = host.strip().lower().removeprefix("[").removesuffix("]")
    try:
        parsed = httpx.URL(f"http://[{host}]/" if ":" in host else f"http://{host}/")
        host = parsed.raw_host.decode("ascii").lower()
    except (httpx.InvalidURL, UnicodeError):
        pass
    return host.rstrip(".")


def _url_host(url: httpx.URL) -> str:
    return url.raw_host.decode("ascii").lower().rstrip(".")


def _file_path(url: str) -> Path:
    """The absolute local path a ``file:`` URL names (not yet resolved)."""
    safe = redact_url(url)
    try:
        parts = urlsplit(url)
    except ValueError:
        raise BlockedURL(safe, "invalid URL") from None
    if parts.netloc not in ("", "localhost"):
        raise BlockedURL(safe, "file URL names a remote host")
    path = Path(url2pathname(parts.path))
    if not path.is_absolute():
        raise BlockedURL(safe, "file URL path is not absolute")
    return path


def _parse_http(url: str) -> httpx.URL:
    try:
        return httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        raise BlockedURL(redact_url(url), "invalid URL") from None


def _scheme(url: str) -> str:
    try:
        return urlsplit(url).scheme.lower()
    except ValueError:
        raise BlockedURL(redact_url(url), "invalid URL") from None


# -- which URLs may be touched -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class URLPolicy:
    """Which URLs a fetch (and every redirect hop) may touch.

    ``hosts`` are host names allowed for http and https (any port); they are
    canonicalised when the policy is built.  ``file://`` URLs are allowed only
    when ``file_root`` is set, and only for paths whose fully resolved form
    (symlinks followed) lies inside it.  Every other scheme is refused.
    """

    hosts: frozenset[str]
    file_root: Path | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "hosts", frozenset(_canonical_host(h) for h in self.hosts))
        if self.file_root is not None:
            object.__setattr__(self, "file_root", Path(self.file_root).resolve())

    @classmethod
    def for_feed(cls, url: str, extra_hosts: Iterable[str] = ()) -> URLPolicy:
        """The feed's own host plus ``extra_hosts``; for a ``file://`` feed, its
        directory as ``file_root`` (and only ``extra_hosts`` for http)."""
        extra = frozenset(extra_hosts)
        scheme = _scheme(url)
        if scheme == "file":
            return cls(hosts=extra, file_root=_file_path(url).parent)
        if scheme not in _HTTP_SCHEMES:
            raise BlockedURL(redact_url(url), f"scheme {scheme!r} is not allowed")
        parsed = _parse_http(url)
        if not parsed.raw_host:
            raise BlockedURL(redact_url(url), "URL has no host")
        return cls(hosts=extra | {_url_host(parsed)})

    def check(self, url: str) -> None:
        """Raise :class:`~ir_feed.errors.BlockedURL` (with the reason) unless ``url``
        may be fetched."""
        scheme = _scheme(url)
        if scheme == "file":
            self._check_file(url)
        elif scheme in _HTTP_SCHEMES:
            self._check_http(_parse_http(url))
        else:
            raise BlockedURL(redact_url(url), f"scheme {scheme!r} is not allowed")

    def _check_http(self, url: httpx.URL) -> None:
        if url.scheme not in _HTTP_SCHEMES:
            raise BlockedURL(redact_url(str(url)), f"scheme {url.scheme!r} is not allowed")
        host = _url_host(url)
        if not host:
            raise BlockedURL(redact_url(str(url)), "URL has no host")
        if host not in self.hosts:
            raise BlockedURL(redact_url(str(url)), f"host {host!r} is not allowed")

    def _check_file(self, url: str) -> Path:
        """The resolved path of an allowed ``file:`` URL."""
        safe = redact_url(url)
        if self.file_root is None:
            raise BlockedURL(safe, "file URLs are not allowed here")
        try:
            real = _file_path(url).resolve()
        except (OSError, ValueError, RuntimeError):
            raise BlockedURL(safe, "file path cannot be resolved") from None
        if not real.is_relative_to(self.file_root):
            raise BlockedURL(safe, "file is outside the allowed directory")
        return real


# -- bounded decoding of gzip / deflate ----------------------------------------------------


class _Inflater:
    """Undoes one gzip or deflate coding, producing at most ``_PIECE`` bytes per step,
    so a small compressed chunk can never be inflated into a huge buffer at once."""

    def __init__(self, coding: str) -> None:
        gzip = coding in ("gzip", "x-gzip")
        self._z = zlib.decompressobj(zlib.MAX_WBITS | 16 if gzip else zlib.MAX_WBITS)
        self._sniff = not gzip  # "deflate" is often sent raw, without the zlib header

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._z.eof:  # trailing bytes after the stream: drop them, keep nothing
            return
        buf = data
        while True:
            out = self._step(buf)
            if out:
                yield out
            buf = self._z.unconsumed_tail
            if self._z.eof or (not buf and len(out) < _PIECE):
                return

    def _step(self, buf: bytes) -> bytes:
        if self._sniff and buf:
            self._sniff = False
            try:
                return self._z.decompress(buf, _PIECE)
            except zlib.error:
                self._z = zlib.decompressobj(-zlib.MAX_WBITS)
        return self._z.decompress(buf, _PIECE)


def _inflaters(content_encoding: str | None) -> list[_Inflater] | None:
    """Decoders for ``content_encoding`` in the order to apply them; None when it
    names a coding we do not undo ourselves (httpx then decodes it, if it can)."""
    codings = [c.strip().lower() for c in (content_encoding or "").split(",")]
    out = []
    for coding in reversed(codings):
        if coding in ("", "identity"):
            continue
        if coding not in ("gzip", "x-gzip", "deflate"):
            return None
        out.append(_Inflater(coding))
    return out


def _through(inflater: _Inflater, pieces: Iterable[bytes]) -> Iterator[bytes]:
    for piece in pieces:
        yield from inflater.feed(piece)


def _decoded(raw: bytes, inflaters: list[_Inflater]) -> Iterable[bytes]:
    pieces: Iterable[bytes] = (raw,)
    for inflater in inflaters:
        pieces = _through(inflater, pieces)
    return pieces


async def _read_body(response: httpx.Response, cap: int, safe: str) -> bytes:
    """The decoded body, refusing it as soon as it grows past ``cap`` bytes."""
    parts: list[bytes] = []
    total = 0
    inflaters = _inflaters(response.headers.get("content-encoding"))
    if inflaters is None:
        async for chunk in response.aiter_bytes():
            total += len(chunk)
            if total > cap:
                raise ResponseTooLarge(safe, cap)
            parts.append(chunk)
    else:
        async for raw in response.aiter_raw():
            for piece in _decoded(raw, inflaters):
                total += len(piece)
                if total > cap:
                    raise ResponseTooLarge(safe, cap)
                parts.append(piece)
    return b"".join(parts)


# -- the fetcher -----------------------------------------------------------------------------


@dataclass(slots=True)
class _HostGate:
    slots: asyncio.Semaphore
    next_start: float = float("-inf")


def _validator(value: str | None) -> str | None:
    """A stored ETag/Last-Modified fit to send back, or None if it is not."""
    if value is None:
        return None
    value = value.strip()
    if not value or not value.isascii() or _CONTROL.search(value):
        return None
    return value


def _translate(exc: Exception, safe: str) -> FetchError:
    if isinstance(exc, httpx.TimeoutException):
        return FetchTimeout(safe, f"timed out ({type(exc).__name__})")
    if isinstance(exc, httpx.InvalidURL | httpx.UnsupportedProtocol):
        return BlockedURL(safe, "invalid URL")
    detail = _CONTROL.sub(" ", str(exc))[:200]
    return FetchConnectError(safe, f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__)


def _status_error(response: httpx.Response, safe: str) -> FetchError:
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


class Fetcher:
    """Fetches URLs politely; see the module docstring.  Use as an async context
    manager, or call :meth:`aclose` when done.

    ``transport`` replaces httpx's network transport (tests); ``clock`` and
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
        self._client = httpx.AsyncClient(
            transport=transport,
            verify=_tls_context(),
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
            gate.next_start = start + self._settings.per_host_interval
            if start > now:
                await self._sleep(start - now)
            async with self._slots:
                yield

    async def _exchange(self, url: httpx.URL, headers: dict[str, str], cap: int, started: float) -> Fetched | httpx.URL:
        """One request: a Fetched, the next URL of a redirect, or an error."""
        safe = redact_url(str(url))
        try:
            async with self._client.stream("GET", url, headers=headers) as response:
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
                    return _fetched(url, response, b"", started)
                if not 200 <= status < 300:
                    raise _status_error(response, safe)
                length = response.headers.get("content-length", "")
                if length.isdigit() and int(length) > _most_encoded(cap, response):
                    raise ResponseTooLarge(safe, cap)
                body = await _read_body(response, cap, safe)
                return _fetched(url, response, body, started)
        except _HTTPX_ERRORS as exc:
            raise _translate(exc, safe) from exc
        except OSError as exc:  # a safety net: transports should have wrapped these
            raise FetchConnectError(safe, type(exc).__name__) from exc

    async def _fetch_file(self, url: str, policy: URLPolicy, etag: str | None, cap: int) -> Fetched:
        safe = redact_url(url)
        try:
            async with asyncio.timeout(self._settings.deadline):
                return await asyncio.to_thread(_read_file, url, safe, policy, etag, cap)
        except TimeoutError:
            raise FetchTimeout(safe, "reading the file took too long") from None


def _most_encoded(cap: int, response: httpx.Response) -> int:
    """The largest Content-Length a body within ``cap`` decoded bytes can have: gzip
    and deflate may grow incompressible data a little (headers, stored blocks)."""
    if response.headers.get("content-encoding", "identity").strip().lower() == "identity":
        return cap
    return cap + cap // 100 + 1024


def _fetched(url: httpx.URL, response: httpx.Response, body: bytes, started: float) -> Fetched:
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
