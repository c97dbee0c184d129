"""The SSRF guard: address classes (IPv4 and IPv6) and subscription URL validation."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Sequence

import pytest

from ir_feed.delivery import address_problem, validate_url
from ir_feed.delivery.ssrf import IPAddress, ip_literal
from ir_feed.delivery.transport import _literal_blocked
from ir_feed.errors import BlockedURL, UnresolvedHost

pytestmark = pytest.mark.anyio



ALWAYS_REFUSED = {
    "0.0.0.0": "unspecified",
    "0.1.2.3": "unspecified",
    "169.254.169.254": "link-local",  # cloud metadata
    "169.254.0.1": "link-local",
    "224.0.0.1": "multicast",
    "239.255.255.250": "multicast",
    "255.255.255.255": "broadcast",
    "240.0.0.1": "reserved",
    "192.0.0.8": "reserved",
    "192.0.2.1": "documentation",
    "198.51.100.2": "documentation",
    "203.0.113.5": "documentation",
    "198.18.0.1": "benchmarking",
    "192.88.99.1": "6to4 relay",
    "::": "unspecified",
    "fe80::1": "link-local",
    "fe80::1%2": "link-local",
    "ff02::1": "multicast",
    "ff0e::101": "multicast",
    "2001:db8::1": "documentation",
    "64:ff9b:1::a00:1": "local-use NAT64",
    "2001:0:4136:e378:8000:63bf:3fff:fdd2": "Teredo",
    "100::1": "discard",
    "::ffff:169.254.169.254": "IPv4-mapped link-local",
    "::ffff:0.0.0.0": "IPv4-mapped unspecified",
    "2002:a9fe:a9fe::1": "6to4 link-local",
    "64:ff9b::a9fe:a9fe": "NAT64 link-local",
}
PRIVATE = {
    "127.0.0.1": "loopback",
    "127.255.255.254": "loopback",
    "10.0.0.1": "private",
    "172.16.0.1": "private",
    "172.31.255.255": "private",
    "192.168.1.1": "private",
    "100.64.0.1": "CGNAT",
    "100.127.255.255": "CGNAT",
    "::1": "loopback",
    "fc00::1": "unique local",
    "fd12:3456:789a::1": "unique local",
    "fec0::1": "site-local",
    "::ffff:127.0.0.1": "IPv4-mapped loopback",
    "::ffff:10.1.2.3": "IPv4-mapped private",
    "::127.0.0.1": "IPv4-compatible loopback",
    "::ffff:0:7f00:1": "IPv4-translated loopback",
    "64:ff9b::7f00:1": "NAT64 loopback",
    "2002:7f00:1::1": "6to4 loopback",
    "2002:c0a8:101::1": "6to4 private",
}
PUBLIC = [
    "8.8.8.8",
    "1.1.1.1",
    "93.184.216.34",
    "100.63.255.255",
    "100.128.0.1",
    "172.32.0.1",
    "2606:4700:4700::1111",
    "2a00:1450:4001::200e",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    "2002:808:808::1",
]


@pytest.mark.parametrize(("address", "reason"), ALWAYS_REFUSED.items())
def test_addresses_refused_even_on_private_networks(address: str, reason: str) -> None:
    ip = ipaddress.ip_address(address)
    for allow in (False, True):
        problem = address_problem(ip, allow_private_networks=allow)
        assert problem is not None and reason in problem, (address, allow, problem)


@pytest.mark.parametrize(("address", "reason"), PRIVATE.items())
def test_private_addresses_refused_unless_allowed(address: str, reason: str) -> None:
    ip = ipaddress.ip_address(address)
    problem = address_problem(ip)
    assert problem is not None and reason in problem, problem
    assert address_problem(ip, allow_private_networks=True) is None


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are_allowed(address: str) -> None:
    assert address_problem(ipaddress.ip_address(address)) is None


def _answers(*addresses: str) -> object:
    async def resolve(host: str, port: int) -> Sequence[IPAddress]:
        return [ipaddress.ip_address(a) for a in addresses]

    return resolve


async def _refused(url: str, reason: str, **kwargs: object) -> None:
    with pytest.raises(BlockedURL) as info:
        await validate_url(url, **kwargs)  # type: ignore[arg-type]
    assert reason in str(info.value), str(info.value)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://hooks.example.com/x", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("javascript:alert(1)", "only http and https"),
        ("https://user:pw@hooks.example.com/x", "credentials"),
        ("https://hooks.example.com/a b", "not a valid URL"),
        ("https:///path-only", "no host"),
        ("https://hooks.example.com:99999/x", "invalid port"),
        ("https://hooks.example.com:0/x", "invalid port"),
        ("http://127.0.0.1:8080/hook", "loopback"),
        ("http://[::1]/hook", "loopback"),
        ("http://[::ffff:127.0.0.1]/hook", "IPv4-mapped loopback"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://10.0.0.5/hook", "private"),
        ("http://[fd00::1]/hook", "unique local"),
    ],
)
async def test_invalid_or_internal_urls_are_refused(url: str, reason: str) -> None:
    await _refused(url, reason, resolver=_answers("93.184.216.34"))


async def test_localhost_is_refused_by_what_it_resolves_to() -> None:
    await _refused("http://localhost:8080/hook", "loopback")  # the system resolver
    await _refused("http://LOCALHOST/hook", "loopback")


@pytest.mark.parametrize("host", ["2130706433", "0x7f000001", "0177.0.0.1", "127.1"])
async def test_legacy_numeric_forms_of_loopback_are_refused(host: str) -> None:
    with pytest.raises(BlockedURL):
        await validate_url(f"http://{host}/hook")


@pytest.mark.parametrize(
    "host", ["2130706433", "0x7f000001", "0177.0.0.1", "127.1", "0xa9.0xfe.0xa9.0xfe", "localhost", "api.localhost"]
)
async def test_loopback_and_metadata_in_legacy_forms_are_refused_whatever_a_resolver_answers(host: str) -> None:
    # a resolver of the operator's (or a DNS service) may not read "2130706433" as an
    # address and answer a public one; the connection would still go to 127.0.0.1
    with pytest.raises(BlockedURL):
        await validate_url(f"http://{host}/hook", resolver=_answers("93.184.216.34"))


@pytest.mark.parametrize("host", ["2130706433", "0x7f000001", "localhost", "api.localhost"])
def test_the_connect_time_guard_reads_the_same_hosts_without_a_resolver(host: str) -> None:
    # the transport refuses these before connecting, as the subscription check does
    assert ip_literal(host) == ipaddress.ip_address("127.0.0.1")
    assert _literal_blocked(host, False) is not None
    assert _literal_blocked(host, True) is None  # loopback is allowed on private networks


async def test_a_name_is_refused_when_any_of_its_addresses_is() -> None:
    await _refused("https://hooks.example.com/x", "private", resolver=_answers("93.184.216.34", "10.0.0.7"))
    await _refused("https://hooks.example.com/x", "no address", resolver=_answers())

    async def fails(host: str, port: int) -> Sequence[IPAddress]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    # Not resolving is transient, not a refusal: its own error, and the path (often the
    # credential, as in a Slack URL) never appears in the message.
    with pytest.raises(UnresolvedHost) as info:
        await validate_url("https://nowhere.invalid/services/T0/B0/SECRET", resolver=fails)
    assert "cannot be resolved" in str(info.value)
    assert "SECRET" not in str(info.value) and "https://nowhere.invalid" in str(info.value)


async def test_refusals_never_show_the_urls_path_or_query() -> None:
    with pytest.raises(BlockedURL) as info:
        await validate_url("https://hooks.example.com/services/T0/B0/SECRET?token=abc", resolver=_answers("10.0.0.7"))
    text = str(info.value)
    assert "SECRET" not in text and "abc" not in text and "https://hooks.example.com" in text


async def test_public_urls_pass_and_private_ones_pass_when_allowed() -> None:
    url = "https://hooks.example.com/in?team=1"
    assert await validate_url(f"  {url} ", resolver=_answers("93.184.216.34", "2606:4700::1")) == url
    assert await validate_url("http://localhost:9000/hook", allow_private_networks=True) == "http://localhost:9000/hook"
    await _refused("http://169.254.169.254/", "link-local", allow_private_networks=True)


async def test_refusals_do_not_echo_secrets_in_the_url() -> None:
    with pytest.raises(BlockedURL) as info:
        await validate_url("http://127.0.0.1/hook?token=s3cr3t")
    assert "s3cr3t" not in str(info.value)
