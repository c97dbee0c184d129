"""Which URLs may be fetched: :class:`URLPolicy`, :func:`redact_url` and the URL
parsing both rely on (host canonicalisation, ``file:`` paths, schemes)."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import httpx

from ir_feed.errors import BlockedURL
from ir_feed.fetch.redact import redact_url

__all__ = ["URLPolicy", "redact_url"]

_HTTP_SCHEMES = frozenset({"http", "https"})


# -- small pure helpers, public where other edges (delivery) can use them ---------------------


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


_DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin(url: httpx.URL) -> tuple[str, str, int]:
    scheme = url.scheme.lower()
    return scheme, _url_host(url), url.port or _DEFAULT_PORTS[scheme]


def _allowed(entries: Iterable[str]) -> tuple[frozenset[str], frozenset[tuple[str, str, int]]]:
    """``page_hosts`` entries → (bare hosts, exact origins): ``host`` allows its default
    ports, ``host:port`` that port over http and https, ``scheme://host[:port]`` exactly."""
    hosts: set[str] = set()
    origins: set[tuple[str, str, int]] = set()
    for entry in entries:
        entry = entry.strip()
        if "://" in entry:
            parsed = _parse_http(entry)
            origins.add(_origin(parsed))
            continue
        host, sep, port = entry.rpartition(":") if not entry.endswith("]") else ("", "", "")
        if sep and port.isdigit() and (not host.count(":") or host.startswith("[")):
            origins |= {("http", _canonical_host(host), int(port)), ("https", _canonical_host(host), int(port))}
        else:
            hosts.add(_canonical_host(entry))
    return frozenset(hosts), frozenset(origins)


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


@functools.lru_cache(maxsize=16_384)
def _parse_http(url: str) -> httpx.URL:
    """``url`` parsed (an immutable :class:`httpx.URL`), or :class:`BlockedURL`.  Kept for the
    URLs seen last: a feed's is parsed at every poll, and parsing was a tenth of a 304's CPU
    (an entry weighs under a kilobyte; a URL that fails is not kept)."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        raise BlockedURL(redact_url(url), "invalid URL") from None
    if parsed.port is not None and not 1 <= parsed.port <= 65535:
        raise BlockedURL(redact_url(url), f"invalid port {parsed.port}")
    return parsed


@functools.lru_cache(maxsize=16_384)
def _scheme(url: str) -> str:
    """``url``'s scheme, lower-cased (kept for the URLs seen last: every fetch asks)."""
    try:
        return urlsplit(url).scheme.lower()
    except ValueError:
        raise BlockedURL(redact_url(url), "invalid URL") from None


# -- which URLs may be touched -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class URLPolicy:
    """Which URLs a fetch (and every redirect hop) may touch.

    An http(s) URL is allowed when its **origin** — scheme, host and port — is
    allowed: ``origins`` lists them exactly (``("https", "feeds.example.com", 443)``);
    ``hosts`` are host names allowed on the default ports only (http on 80, https on
    443).  A feed's own origin is allowed, and for an ``http`` feed on port 80 the same
    host over https on 443 (an upgrade); a page on the feed's host at another port is
    not.  Hosts are canonicalised when the policy is built.  ``file://`` URLs are
    allowed only when ``file_root`` is set, and only for paths whose fully resolved
    form (symlinks followed) lies inside it.  Every other scheme is refused.
    """

    hosts: frozenset[str]
    file_root: Path | None = None
    origins: frozenset[tuple[str, str, int]] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "hosts", frozenset(_canonical_host(h) for h in self.hosts))
        object.__setattr__(self, "origins", frozenset((s, _canonical_host(h), p) for s, h, p in self.origins))
        if self.file_root is not None:
            object.__setattr__(self, "file_root", Path(self.file_root).resolve())

    @classmethod
    def for_feed(cls, url: str, extra_hosts: Iterable[str] = ()) -> URLPolicy:
        """The feed's own origin plus ``extra_hosts`` (each ``host`` — default ports —,
        ``host:port`` — that port, http or https — or ``scheme://host[:port]``); for a
        ``file://`` feed, its directory as ``file_root`` (and only ``extra_hosts`` for http)."""
        hosts, origins = _allowed(extra_hosts)
        scheme = _scheme(url)
        if scheme == "file":
            return cls(hosts=hosts, file_root=_file_path(url).parent, origins=origins)
        if scheme not in _HTTP_SCHEMES:
            raise BlockedURL(redact_url(url), f"scheme {scheme!r} is not allowed")
        parsed = _parse_http(url)
        if not parsed.raw_host:
            raise BlockedURL(redact_url(url), "URL has no host")
        own = _origin(parsed)
        origins |= {own}
        if own[0] == "http" and own[2] == _DEFAULT_PORTS["http"]:
            origins |= {("https", own[1], _DEFAULT_PORTS["https"])}
        return cls(hosts=hosts, origins=origins)

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
        origin = _origin(url)
        if origin in self.origins:
            return
        if host in self.hosts and origin[2] == _DEFAULT_PORTS[origin[0]]:
            return
        if host in self.hosts or any(h == host for _, h, _ in self.origins):
            raise BlockedURL(redact_url(str(url)), f"port {origin[2]} of host {host!r} is not allowed")
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
