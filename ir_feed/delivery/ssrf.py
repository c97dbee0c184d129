"""The SSRF guard: which addresses a subscriber's URL may make us connect to.

A subscriber chooses the URL we POST to, so without a guard it could point us
at our own loopback services, the private network, or the cloud metadata
endpoint.  Two checks, both on *addresses*, never on names:

* :func:`validate_url` when a subscription is made or changed: http(s) only, no
  userinfo, and every address the host resolves to must be allowed;
* at connect time, inside the delivery transport
  (:class:`~ir_feed.delivery.transport.GuardedTransport`): the address actually
  connected to is the one the guard just checked — the name is resolved once,
  checked, and the socket opened to that address (Host header and TLS SNI keep
  the name).  A DNS answer that changed since subscribing (rebinding) is refused.

:func:`address_problem` says why an address is refused, or None::

    always refused        unspecified (0.0.0.0/8, ::), link-local (169.254/16 — cloud
                          metadata —, fe80::/10), multicast, broadcast, reserved,
                          documentation and benchmarking ranges, Teredo, local-use
                          NAT64, anything else not globally routable
    refused unless        loopback (127/8, ::1), RFC 1918 private, shared address space
    allow_private_networks  (100.64/10, CGNAT), unique local (fc00::/7), site-local (fec0::/10)
    judged by the IPv4    IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d),
    address they embed    IPv4-translated (::ffff:0:a.b.c.d), NAT64 (64:ff9b::/96), 6to4 (2002::/16)

``allow_private_networks`` is for operators whose receivers live on their own
network (and for tests): link-local stays refused even then.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from collections.abc import Awaitable, Callable, Sequence
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network
from urllib.parse import urlsplit

import httpx

from ir_feed.errors import BlockedURL, UnresolvedHost
from ir_feed.fetch import redact_url

__all__ = [
    "BlockedAddress",
    "IPAddress",
    "Resolver",
    "address_problem",
    "check_addresses",
    "system_resolver",
    "validate_url",
]

IPAddress = IPv4Address | IPv6Address
Resolver = Callable[[str, int], Awaitable[Sequence[IPAddress]]]
"""``async resolver(host, port) -> addresses``: injectable for tests (rebinding)."""

_V4 = IPv4Network
_V6 = IPv6Network

_PRIVATE_V4: tuple[tuple[IPv4Network, str], ...] = (
    (_V4("127.0.0.0/8"), "loopback"),
    (_V4("10.0.0.0/8"), "private (RFC 1918)"),
    (_V4("172.16.0.0/12"), "private (RFC 1918)"),
    (_V4("192.168.0.0/16"), "private (RFC 1918)"),
    (_V4("100.64.0.0/10"), "shared address space (CGNAT)"),
)
_REFUSED_V4: tuple[tuple[IPv4Network, str], ...] = (
    (_V4("0.0.0.0/8"), "unspecified"),
    (_V4("169.254.0.0/16"), "link-local"),
    (_V4("224.0.0.0/4"), "multicast"),
    (_V4("255.255.255.255/32"), "broadcast"),
    (_V4("240.0.0.0/4"), "reserved"),
    (_V4("192.0.0.0/24"), "reserved (IETF protocol assignments)"),
    (_V4("192.0.2.0/24"), "documentation"),
    (_V4("198.51.100.0/24"), "documentation"),
    (_V4("203.0.113.0/24"), "documentation"),
    (_V4("198.18.0.0/15"), "benchmarking"),
    (_V4("192.88.99.0/24"), "reserved (6to4 relay anycast)"),
)
_PRIVATE_V6: tuple[tuple[IPv6Network, str], ...] = (
    (_V6("::1/128"), "loopback"),
    (_V6("fc00::/7"), "unique local"),
    (_V6("fec0::/10"), "site-local"),
)
_REFUSED_V6: tuple[tuple[IPv6Network, str], ...] = (
    (_V6("::/128"), "unspecified"),
    (_V6("fe80::/10"), "link-local"),
    (_V6("ff00::/8"), "multicast"),
    (_V6("64:ff9b:1::/48"), "local-use NAT64"),
    (_V6("2001::/32"), "Teredo tunnel"),
    (_V6("2001:db8::/32"), "documentation"),
    (_V6("2001:2::/48"), "benchmarking"),
    (_V6("100::/64"), "discard-only"),
)
# IPv6 ranges that embed an IPv4 address in their last 32 bits, judged by it.
_EMBED_LOW32: tuple[tuple[IPv6Network, str], ...] = (
    (_V6("::ffff:0:0/96"), "IPv4-mapped"),
    (_V6("::ffff:0:0:0/96"), "IPv4-translated"),
    (_V6("64:ff9b::/96"), "NAT64"),
    (_V6("::/96"), "IPv4-compatible"),
)


def _first(address: IPAddress, table: Sequence[tuple[IPv4Network | IPv6Network, str]]) -> str | None:
    for network, reason in table:
        if address in network:
            return reason
    return None


def address_problem(address: IPAddress, *, allow_private_networks: bool = False) -> str | None:
    """Why we must not connect to ``address``, or None when we may."""
    if isinstance(address, IPv6Address):
        if address.scope_id:
            address = IPv6Address(str(address).partition("%")[0])
        embedded = _embedded_v4(address)
        if embedded is not None:
            form, v4 = embedded
            inner = address_problem(v4, allow_private_networks=allow_private_networks)
            return f"{form} {inner}" if inner else None
        refused = _first(address, _REFUSED_V6)
        private = _first(address, _PRIVATE_V6)
    else:
        refused = _first(address, _REFUSED_V4)
        private = _first(address, _PRIVATE_V4)
    if refused:
        return f"{refused} address"
    if private:
        return None if allow_private_networks else f"{private} address"
    if not address.is_global:
        return "address not globally routable"
    return None


def _embedded_v4(address: IPv6Address) -> tuple[str, IPv4Address] | None:
    if address.sixtofour is not None:
        return "6to4", address.sixtofour
    for network, form in _EMBED_LOW32:
        if address in network and address not in (IPv6Address("::"), IPv6Address("::1")):
            return form, IPv4Address(int(address) & 0xFFFFFFFF)
    return None


class BlockedAddress(OSError):
    """Raised by the guarded resolver: ``host`` resolved to an address we must not
    connect to.  An :class:`OSError` so that HTTP clients treat it like any other
    resolution failure (and wrap it), keeping it as the cause."""

    def __init__(self, host: str, address: str, reason: str) -> None:
        self.host = host
        self.address = address
        self.reason = reason
        shown = address if host == address else f"{host} ({address})"
        super().__init__(f"refused to connect to {shown}: {reason}")


async def system_resolver(host: str, port: int) -> list[IPAddress]:
    """The operating system's answer for ``host`` (``getaddrinfo``), without duplicates."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    out: list[IPAddress] = []
    for family, _, _, _, sockaddr in infos:
        if family in (socket.AF_INET, socket.AF_INET6):
            address = ipaddress.ip_address(str(sockaddr[0]).partition("%")[0])
            if address not in out:
                out.append(address)
    return out


def check_addresses(host: str, addresses: Sequence[IPAddress], *, allow_private_networks: bool) -> None:
    """Raise :class:`BlockedAddress` unless there are addresses and every one is allowed."""
    if not addresses:
        raise BlockedAddress(host, host, "the name resolved to no address")
    for address in addresses:
        problem = address_problem(address, allow_private_networks=allow_private_networks)
        if problem:
            raise BlockedAddress(host, str(address), problem)


def ip_literal(host: str) -> IPAddress | None:
    """The address ``host`` (as httpx parses it: no brackets) stands for without asking a
    resolver: an IP literal, including the legacy IPv4 forms that ``inet_aton`` and so
    every system resolver and HTTP client accept ("2130706433", "0x7f000001",
    "0177.0.0.1", "127.1"), or loopback for ``localhost`` and its subdomains (RFC 6761).
    A resolver of our own (or a DNS service) might not read these as addresses; the
    connection would, so the subscription check and the connect-time guard both use this."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if _LOOPBACK_NAME.fullmatch(host):
        return _LOOPBACK
    if _LEGACY_IPV4.fullmatch(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


_LEGACY_IPV4 = re.compile(r"(?:0[xX][0-9a-fA-F]+|[0-9]+)(?:\.(?:0[xX][0-9a-fA-F]+|[0-9]+)){0,3}")
# names that are loopback by definition (RFC 6761), whatever a resolver answers
_LOOPBACK_NAME = re.compile(r"(?:.+\.)?localhost\.?", re.IGNORECASE)
_LOOPBACK = ipaddress.ip_address("127.0.0.1")


def origin(url: str) -> str:
    """``scheme://host[:port]`` of a URL, for messages and logs: a webhook URL's
    path and query may be its credential (Slack's is), so they are never shown."""
    try:
        parts = urlsplit(redact_url(url))
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "<unparsable URL>"
    shown_host = f"[{host}]" if ":" in host else host
    return f"{parts.scheme}://{shown_host}{port}"


async def validate_url(
    url: str,
    *,
    allow_private_networks: bool = False,
    resolver: Resolver = system_resolver,
) -> str:
    """Check a subscription URL; return it (stripped) or raise :class:`~ir_feed.errors.BlockedURL`.

    http or https only, no userinfo, a host that is an allowed address or a name
    all of whose addresses are allowed.  A name that does not resolve raises
    :class:`~ir_feed.errors.UnresolvedHost` (transient: the caller decides).
    Error messages show only the URL's origin, never its path or query."""
    url = url.strip()
    safe = origin(url)  # a webhook URL's path is often its credential (Slack): never show it
    if len(url) > 2048 or any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url):
        raise BlockedURL(safe, "not a valid URL")
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError):
        raise BlockedURL(safe, "not a valid URL") from None
    if parsed.scheme not in ("http", "https"):
        raise BlockedURL(safe, "only http and https URLs are allowed")
    if parsed.userinfo:
        raise BlockedURL(safe, "credentials in the URL are not allowed")
    host = parsed.host
    if not host:
        raise BlockedURL(safe, "the URL has no host")
    if parsed.port is not None and not 1 <= parsed.port <= 65535:
        raise BlockedURL(safe, f"invalid port {parsed.port}")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    literal = ip_literal(host)
    if literal is not None:
        addresses: Sequence[IPAddress] = [literal]
    else:
        try:
            addresses = await resolver(host, port)
        except OSError as exc:
            raise UnresolvedHost(safe, f"the host {host!r} cannot be resolved ({type(exc).__name__})") from None
    try:
        check_addresses(host, addresses, allow_private_networks=allow_private_networks)
    except BlockedAddress as exc:
        raise BlockedURL(safe, str(exc)) from None
    return url
