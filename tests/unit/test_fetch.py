"""ir_feed.fetch against a mocked transport (pytest-httpx): statuses, headers,
validators, cache hints, redirects and the URL policy, caps, error translation.

pytest-httpx mocks httpx's own transport, so each Fetcher here is given one (by default it
uses ``fetch.transport.FeedTransport``, tested against real sockets in
tests/integration/test_fetch_server.py)."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import httpx
import pytest
from pytest_httpx import HTTPXMock

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
from ir_feed.fetch import (
    ACCEPT,
    MAX_RETRY_AFTER,
    Fetched,
    Fetcher,
    URLPolicy,
    parse_max_age,
    parse_retry_after,
    redact_url,
)
from ir_feed.settings import HttpSettings

pytestmark = pytest.mark.anyio

FEED = "https://feeds.example.com/rss/org/1.xml"
POLICY = URLPolicy.for_feed(FEED)
SETTINGS = HttpSettings(per_host_interval=0, max_redirects=3, max_bytes=4096)



@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(SETTINGS, transport=httpx.AsyncHTTPTransport()) as f:
        yield f


# -- success, headers sent, validators ----------------------------------------------------


async def test_200_returns_body_and_metadata(httpx_mock: HTTPXMock, fetcher: Fetcher) -> None:
    httpx_mock.add_response(
        url=FEED,
        content=b"<rss/>",
        headers={
            "ETag": '"abc"',
            "Last-Modified": "Wed, 09 Sep 2026 10:00:00 GMT",
            "Content-Type": "application/rss+xml; charset=utf-8",
            "Cache-Control": "public, max-age=300",
        },
    )
    got = await fetcher.fetch(FEED, policy=POLICY)
    assert got == Fetched(
        url=FEED,
        status=200,
        body=b"<rss/>",
        etag='"abc"',
        last_modified="Wed, 09 Sep 2026 10:00:00 GMT",
        max_age=300.0,
        content_type="application/rss+xml; charset=utf-8",
        elapsed=got.elapsed,
    )
    assert got.elapsed >= 0


async def test_sends_user_agent_accept_and_validators(httpx_mock: HTTPXMock, fetcher: Fetcher) -> None:
    httpx_mock.add_response(url=FEED, status_code=304)
    await fetcher.fetch(FEED, policy=POLICY, etag='"v1"', last_modified="Tue, 08 Sep 2026 GMT")
    request = httpx_mock.get_request()
    assert request is not None
    assert request.headers["User-Agent"] == SETTINGS.user_agent
    assert request.headers["Accept"] == ACCEPT
    assert request.headers["If-None-Match"] == '"v1"'
    assert request.headers["If-Modified-Since"] == "Tue, 08 Sep 2026 GMT"
    assert set(request.headers["Accept-Encoding"].replace(" ", "").split(",")) == {
        "gzip",
        "deflate",
    }


async def test_no_conditional_headers_without_validators(httpx_mock: HTTPXMock, fetcher: Fetcher) -> None:
    httpx_mock.add_response(url=FEED, content=b"x")
    await fetcher.fetch(FEED, policy=POLICY)
    request = httpx_mock.get_request()
    assert request is not None
    assert "If-None-Match" not in request.headers
    assert "If-Modified-Since" not in request.headers


async def test_unsendable_validator_is_dropped(httpx_mock: HTTPXMock, fetcher: Fetcher) -> None:
    httpx_mock.add_response(url=FEED, content=b"x")
    await fetcher.fetch(FEED, policy=POLICY, etag='"a"\r\nX-Injected: 1', last_modified="  ")
    request = httpx_mock.get_request()
    assert request is not None
    assert "If-None-Match" not in request.headers
    assert "X-Injected" not in request.headers
    assert "If-Modified-Since" not in request.headers


async def test_304_has_empty_body_and_keeps_sent_validators(httpx_mock: HTTPXMock, fetcher: Fetcher) -> None:
    httpx_mock.add_response(url=FEED, status_code=304, headers={"Cache-Control": "max-age=60"})
    got = await fetcher.fetch(FEED, policy=POLICY, etag='"v1"', last_modified="Tue, 08 Sep 2026")
    assert (got.status, got.body, got.etag, got.last_modified, got.max_age) == (
        304,
        b"",
        '"v1"',
        "Tue, 08 Sep 2026",
        60.0,
    )


async def test_304_prefers_the_servers_new_etag(httpx_mock: HTTPXMock, fetcher: Fetcher) -> None:
    httpx_mock.add_response(url=FEED, status_code=304, headers={"ETag": '"v2"'})
    got = await fetcher.fetch(FEED, policy=POLICY, etag='"v1"')
    assert got.etag == '"v2"'


# -- status mapping -------------------------------------------------------------------------


async def test_410_is_feed_gone(httpx_mock: HTTPXMock, fetcher: Fetcher) -> None:
    httpx_mock.add_response(url=FEED, status_code=410)
    with pytest.raises(FeedGone) as info:
        await fetcher.fetch(FEED, policy=POLICY)
    assert info.value.status == 410


@pytest.mark.parametrize("status", [400, 401, 403, 404, 451, 300, 305])
async def test_other_client_errors_are_bad_status(httpx_mock: HTTPXMock, fetcher: Fetcher, status: int) -> None:
    httpx_mock.add_response(url=FEED, status_code=status)
    with pytest.raises(BadStatus) as info:
        await fetcher.fetch(FEED, policy=POLICY)
    assert info.value.status == status


@pytest.mark.parametrize("status", [429, 500, 502, 503, 504])
async def test_429_and_5xx_are_retryable(httpx_mock: HTTPXMock, fetcher: Fetcher, status: int) -> None:
    httpx_mock.add_response(url=FEED, status_code=status)
    with pytest.raises(RetryableStatus) as info:
        await fetcher.fetch(FEED, policy=POLICY)
    assert (info.value.status, info.value.retry_after) == (status, None)


async def test_retry_after_delta_seconds(httpx_mock: HTTPXMock, fetcher: Fetcher) -> None:
    httpx_mock.add_response(url=FEED, status_code=429, headers={"Retry-After": "120"})
    with pytest.raises(RetryableStatus) as info:
        await fetcher.fetch(FEED, policy=POLICY)
    assert info.value.retry_after == 120.0


async def test_retry_after_http_date(httpx_mock: HTTPXMock, fetcher: Fetcher) -> None:
    when = datetime.now(UTC) + timedelta(hours=1)
    httpx_mock.add_response(url=FEED, status_code=503, headers={"Retry-After": format_datetime(when, usegmt=True)})
    with pytest.raises(RetryableStatus) as info:
        await fetcher.fetch(FEED, policy=POLICY)
    assert info.value.retry_after is not None
    assert 3000 < info.value.retry_after <= 3600


NOW = datetime(2026, 9, 10, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", 0.0),
        (" 90 ", 90.0),
        ("Thu, 10 Sep 2026 12:05:00 GMT", 300.0),
        ("Thu, 10 Sep 2026 11:00:00 GMT", 0.0),  # in the past: now
        ("Thursday, 10-Sep-26 12:00:30 GMT", 30.0),  # RFC 850 form
        ("Thu Sep 10 12:01:00 2026", 60.0),  # asctime form, no zone: UTC
        ("99999999999", MAX_RETRY_AFTER),
        ("Fri, 01 Jan 2100 00:00:00 GMT", MAX_RETRY_AFTER),
        ("-5", 0.0),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value, now=NOW) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("public, max-age=300", 300.0),
        ('max-age="30"', 30.0),
        ("MAX-AGE=5, must-revalidate", 5.0),
        ("no-cache", 0.0),
        ("max-age=60, no-store", 0.0),
        ('no-cache="Set-Cookie", max-age=60', 60.0),
        ("max-age=soon", None),
        ("max-age=-1", None),
        ("private", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_max_age(value: str | None, expected: float | None) -> None:
    assert parse_max_age(value) == expected


# -- bodies: decoding and the cap ---------------------------------------------------------------


async def test_gzip_and_deflate_bodies_are_decoded(httpx_mock: HTTPXMock, fetcher: Fetcher) -> None:
    text = b"<rss>" + b"release " * 100 + b"</rss>"
    raw_deflate = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    raw = raw_deflate.compress(text) + raw_deflate.flush()
    for encoding, body in [
        ("gzip", gzip.compress(text)),
        ("deflate", zlib.compress(text)),
        ("deflate", raw),  # header-less deflate, as some servers send it
        ("gzip, identity", gzip.compress(text)),
    ]:
        httpx_mock.add_response(url=FEED, content=body, headers={"Content-Encoding": encoding})
        got = await fetcher.fetch(FEED, policy=POLICY)
        assert got.body == text, encoding


async def test_content_length_over_cap_is_refused_before_reading(httpx_mock: HTTPXMock, fetcher: Fetcher) -> None:
    httpx_mock.add_response(url=FEED, content=b"tiny", headers={"Content-Length": "5000"})
    with pytest.raises(ResponseTooLarge) as info:
        await fetcher.fetch(FEED, policy=POLICY)
    assert info.value.limit == SETTINGS.max_bytes


async def test_max_bytes_argument_overrides_the_setting(httpx_mock: HTTPXMock, fetcher: Fetcher) -> None:
    httpx_mock.add_response(url=FEED, content=b"x" * 200, is_reusable=True)
    assert len((await fetcher.fetch(FEED, policy=POLICY)).body) == 200
    with pytest.raises(ResponseTooLarge):
        await fetcher.fetch(FEED, policy=POLICY, max_bytes=100)


async def test_decoded_size_counts_not_the_compressed_size(httpx_mock: HTTPXMock, fetcher: Fetcher) -> None:
    bomb = gzip.compress(b"\0" * 1_000_000)
    assert len(bomb) < SETTINGS.max_bytes
    httpx_mock.add_response(url=FEED, content=bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(ResponseTooLarge):
        await fetcher.fetch(FEED, policy=POLICY)


async def test_streamed_body_without_length_is_capped(httpx_mock: HTTPXMock, fetcher: Fetcher) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(100):
            yield b"y" * 100

    httpx_mock.add_callback(lambda request: httpx.Response(200, content=chunks()), url=FEED)
    with pytest.raises(ResponseTooLarge):
        await fetcher.fetch(FEED, policy=POLICY)


# -- redirects and the URL policy -------------------------------------------------------------


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
async def test_redirect_is_followed_and_final_url_reported(
    httpx_mock: HTTPXMock, fetcher: Fetcher, status: int
) -> None:
    httpx_mock.add_response(url=FEED, status_code=status, headers={"Location": "/rss/new.xml"})
    httpx_mock.add_response(url="https://feeds.example.com/rss/new.xml", content=b"moved")
    got = await fetcher.fetch(FEED, policy=POLICY, etag='"v1"')
    assert (got.url, got.body) == ("https://feeds.example.com/rss/new.xml", b"moved")
    second = httpx_mock.get_requests()[1]
    assert second.method == "GET"
    assert second.headers["If-None-Match"] == '"v1"'


async def test_redirect_chain_up_to_the_limit_is_followed(httpx_mock: HTTPXMock, fetcher: Fetcher) -> None:
    for hop in range(SETTINGS.max_redirects):
        httpx_mock.add_response(
            url=f"https://feeds.example.com/{hop}",
            status_code=302,
            headers={"Location": f"/{hop + 1}"},
        )
    httpx_mock.add_response(url=f"https://feeds.example.com/{SETTINGS.max_redirects}", content=b"ok")
    got = await fetcher.fetch("https://feeds.example.com/0", policy=POLICY)
    assert got.body == b"ok"


async def test_redirect_chain_over_the_limit_is_refused(httpx_mock: HTTPXMock, fetcher: Fetcher) -> None:
    for hop in range(SETTINGS.max_redirects + 1):
        httpx_mock.add_response(
            url=f"https://feeds.example.com/{hop}",
            status_code=302,
            headers={"Location": f"/{hop + 1}"},
        )
    with pytest.raises(TooManyRedirects):
        await fetcher.fetch("https://feeds.example.com/0", policy=POLICY)
    assert len(httpx_mock.get_requests()) == SETTINGS.max_redirects + 1


async def test_redirect_loop_is_refused(httpx_mock: HTTPXMock, fetcher: Fetcher) -> None:
    httpx_mock.add_response(url=FEED, status_code=301, headers={"Location": FEED}, is_reusable=True)
    with pytest.raises(TooManyRedirects):
        await fetcher.fetch(FEED, policy=POLICY)


async def test_redirect_to_another_host_is_blocked_before_any_request(httpx_mock: HTTPXMock, fetcher: Fetcher) -> None:
    httpx_mock.add_response(url=FEED, status_code=302, headers={"Location": "http://169.254.169.254/latest/meta-data"})
    with pytest.raises(BlockedURL, match="not allowed"):
        await fetcher.fetch(FEED, policy=POLICY)
    assert [str(r.url) for r in httpx_mock.get_requests()] == [FEED]


async def test_redirect_to_an_extra_host_is_allowed(httpx_mock: HTTPXMock, fetcher: Fetcher) -> None:
    httpx_mock.add_response(url=FEED, status_code=302, headers={"Location": "https://CDN.example.net/f.xml"})
    httpx_mock.add_response(url="https://cdn.example.net/f.xml", content=b"cdn")
    policy = URLPolicy.for_feed(FEED, extra_hosts=["cdn.example.net"])
    assert (await fetcher.fetch(FEED, policy=policy)).body == b"cdn"


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://feeds.example.com/x", "gopher://x/"])
async def test_redirect_off_http_is_blocked(
    httpx_mock: HTTPXMock, fetcher: Fetcher, tmp_path: Path, target: str
) -> None:
    httpx_mock.add_response(url=FEED, status_code=302, headers={"Location": target})
    # even a policy that allows local files does not let a server redirect into them
    policy = URLPolicy(hosts=frozenset({"feeds.example.com"}), file_root=Path("/"))
    with pytest.raises(BlockedURL):
        await fetcher.fetch(FEED, policy=policy)


async def test_redirect_without_location_is_bad_status(httpx_mock: HTTPXMock, fetcher: Fetcher) -> None:
    httpx_mock.add_response(url=FEED, status_code=302)
    with pytest.raises(BadStatus) as info:
        await fetcher.fetch(FEED, policy=POLICY)
    assert info.value.status == 302


async def test_first_url_is_checked_too(httpx_mock: HTTPXMock, fetcher: Fetcher) -> None:
    with pytest.raises(BlockedURL, match=r"other\.example\.org"):
        await fetcher.fetch("https://other.example.org/feed", policy=POLICY)
    with pytest.raises(BlockedURL, match="scheme"):
        await fetcher.fetch("ftp://feeds.example.com/feed", policy=POLICY)
    assert httpx_mock.get_requests() == []


def test_policy_for_feed_host_forms() -> None:
    policy = URLPolicy.for_feed("https://Feeds.Example.COM./rss", extra_hosts=["Pages.Example.com"])
    assert policy.hosts == frozenset({"pages.example.com"})
    assert policy.origins == frozenset({("https", "feeds.example.com", 443)})
    policy.check("https://feeds.example.com:443/other?x=1")
    policy.check("https://PAGES.example.com/release/1")
    policy.check("http://pages.example.com/release/1")  # a bare page host: both schemes, default ports
    for bad in [
        "http://feeds.example.com:8443/other?x=1",  # the feed's host, another port
        "http://feeds.example.com/other",  # the feed's host, another scheme (no downgrade)
        "https://pages.example.com:8443/release/1",
        "https://evil.example.com/",
        "https://feeds.example.com.evil.com/",
        "https://feeds.example.com@evil.com/",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "https:///no-host",
    ]:
        with pytest.raises(BlockedURL):
            policy.check(bad)


def test_policy_idn_and_ipv6_hosts() -> None:
    URLPolicy.for_feed("https://bücher.example/rss").check("https://xn--bcher-kva.example/x")
    URLPolicy.for_feed("http://[::1]:8080/rss").check("http://[::1]:8080/feed")
    URLPolicy(hosts=frozenset({"[::1]"})).check("http://[::1]/feed")
    with pytest.raises(BlockedURL, match="port 8081"):
        URLPolicy.for_feed("http://[::1]:8080/rss").check("http://[::1]:8081/feed")


def test_policy_origins_scheme_host_port() -> None:
    # a feed on host:18201 may not make the poller fetch a page on host:18202
    policy = URLPolicy.for_feed("http://127.0.0.1:18201/feed.xml")
    policy.check("http://127.0.0.1:18201/page/1")
    with pytest.raises(BlockedURL, match="port 18202"):
        policy.check("http://127.0.0.1:18202/page/1")
    # an http feed on port 80 may be upgraded to https on 443, never the other way
    plain = URLPolicy.for_feed("http://feeds.example.com/rss")
    plain.check("https://feeds.example.com/release")
    with pytest.raises(BlockedURL):
        URLPolicy.for_feed("https://feeds.example.com/rss").check("http://feeds.example.com/release")
    # page_hosts entries: a bare host, host:port (http and https), or an exact origin
    pages = URLPolicy.for_feed(
        "https://feeds.example.com/rss",
        extra_hosts=["pages.example.com", "cdn.example.com:8443", "https://media.example.com:9443"],
    )
    pages.check("https://pages.example.com/x")
    pages.check("http://cdn.example.com:8443/x")
    pages.check("https://cdn.example.com:8443/x")
    pages.check("https://media.example.com:9443/x")
    for bad in ["https://cdn.example.com/x", "http://media.example.com:9443/x", "https://pages.example.com:444/x"]:
        with pytest.raises(BlockedURL):
            pages.check(bad)


def test_policy_for_file_feed(tmp_path: Path) -> None:
    feed = tmp_path / "feeds" / "a.xml"
    feed.parent.mkdir()
    feed.write_bytes(b"<rss/>")
    (tmp_path / "secret.txt").write_text("no")
    (feed.parent / "link.txt").symlink_to(tmp_path / "secret.txt")
    policy = URLPolicy.for_feed(feed.as_uri())
    assert policy.file_root == feed.parent.resolve()
    policy.check(feed.as_uri())
    policy.check((feed.parent / "other.xml").as_uri())  # missing but inside: a fetch says 404
    for bad in [
        (tmp_path / "secret.txt").as_uri(),
        (feed.parent / "link.txt").as_uri(),  # symlink escaping the root
        feed.as_uri().replace("/a.xml", "/../secret.txt"),
        "file://remote.example.com" + str(feed),
        "https://feeds.example.com/",  # no http hosts for a file feed unless given
    ]:
        with pytest.raises(BlockedURL):
            policy.check(bad)


def test_policy_without_file_root_refuses_files() -> None:
    with pytest.raises(BlockedURL, match="file"):
        POLICY.check("file:///etc/passwd")


# -- transport errors, secrets --------------------------------------------------------------


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (httpx.ConnectTimeout("connect timed out"), FetchTimeout),
        (httpx.ReadTimeout("read timed out"), FetchTimeout),
        (httpx.PoolTimeout("pool"), FetchTimeout),
        (httpx.ConnectError("[Errno -2] Name or service not known"), FetchConnectError),
        (httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED]"), FetchConnectError),
        (httpx.ReadError("connection reset by peer"), FetchConnectError),
        (httpx.RemoteProtocolError("illegal header"), FetchConnectError),
        (httpx.DecodingError("bad brotli"), FetchConnectError),
    ],
)
async def test_transport_errors_are_translated(
    httpx_mock: HTTPXMock, fetcher: Fetcher, exc: Exception, expected: type[FetchError]
) -> None:
    httpx_mock.add_exception(exc, url=FEED)
    with pytest.raises(expected):
        await fetcher.fetch(FEED, policy=POLICY)


async def test_corrupt_gzip_is_a_connect_error(httpx_mock: HTTPXMock, fetcher: Fetcher) -> None:
    httpx_mock.add_response(url=FEED, content=b"not gzip", headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchConnectError):
        await fetcher.fetch(FEED, policy=POLICY)


async def test_messages_do_not_carry_credentials(httpx_mock: HTTPXMock, fetcher: Fetcher) -> None:
    url = "https://reader:hunter2@feeds.example.com/rss?token=s3cr3t&page=2"
    httpx_mock.add_response(url=url, status_code=403)
    with pytest.raises(BadStatus) as info:
        await fetcher.fetch(url, policy=POLICY)
    text = str(info.value)
    assert "hunter2" not in text
    assert "s3cr3t" not in text
    assert "feeds.example.com/rss" in text
    assert "page=2" in text


def test_redact_url() -> None:
    assert redact_url("https://u:p@h.example/a?b=1#frag") == "https://h.example/a?b=1"
    assert redact_url("https://h.example/a?api_key=zz&x=1") == "https://h.example/a?api_key=***&x=1"
    assert redact_url("https://h.example/a\r\nInjected: 1") == "https://h.example/aInjected: 1"


# -- politeness: per-host interval with an injected clock -----------------------------------


async def test_per_host_interval_spaces_request_starts(httpx_mock: HTTPXMock) -> None:
    now = [1000.0]
    sleeps: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds

    other = "https://other.example.org/feed"
    httpx_mock.add_response(url=FEED, content=b"a", is_reusable=True)
    httpx_mock.add_response(url=other, content=b"b")
    settings = HttpSettings(per_host_interval=30)
    async with Fetcher(
        settings, transport=httpx.AsyncHTTPTransport(), clock=lambda: now[0], sleep=fake_sleep
    ) as fetcher:
        for _ in range(3):
            await fetcher.fetch(FEED, policy=POLICY)
        assert sleeps == [30.0, 30.0]
        await fetcher.fetch(other, policy=URLPolicy.for_feed(other))  # another host: no wait
        assert sleeps == [30.0, 30.0]
        now[0] += 100  # long enough since the last start: no wait either
        await fetcher.fetch(FEED, policy=POLICY)
        assert sleeps == [30.0, 30.0]


async def test_daemons_sharing_the_hosts_stretch_the_interval_by_their_number(httpx_mock: HTTPXMock) -> None:
    now = [1000.0]
    sleeps: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds

    httpx_mock.add_response(url=FEED, content=b"a", is_reusable=True)
    async with Fetcher(
        HttpSettings(per_host_interval=2), transport=httpx.AsyncHTTPTransport(), clock=lambda: now[0], sleep=fake_sleep
    ) as fetcher:
        fetcher.share_hosts(3)  # three daemons: together they keep one's budget
        for _ in range(3):
            await fetcher.fetch(FEED, policy=POLICY)
        assert sleeps == [6.0, 6.0] and fetcher.host_interval == 6.0
        fetcher.share_hosts(0)  # (never less than this daemon alone)
        assert fetcher.host_interval == 2.0
        await fetcher.fetch(FEED, policy=POLICY)  # the next start after the last: 6 s then
        await fetcher.fetch(FEED, policy=POLICY)
        assert sleeps == [6.0, 6.0, 6.0, 2.0]


async def test_compressed_content_length_far_over_cap_is_refused_early(httpx_mock: HTTPXMock, fetcher: Fetcher) -> None:
    httpx_mock.add_response(
        url=FEED, content=gzip.compress(b"tiny"), headers={"Content-Length": "9000", "Content-Encoding": "gzip"}
    )
    with pytest.raises(ResponseTooLarge):
        await fetcher.fetch(FEED, policy=POLICY)


async def test_incompressible_gzip_body_just_under_cap_is_accepted(httpx_mock: HTTPXMock, fetcher: Fetcher) -> None:
    body = bytes(range(256)) * (SETTINGS.max_bytes // 256)  # exactly the cap
    packed = gzip.compress(body, compresslevel=0)  # stored: larger than the body
    assert len(packed) > SETTINGS.max_bytes
    httpx_mock.add_response(url=FEED, content=packed, headers={"Content-Encoding": "gzip"})
    assert (await fetcher.fetch(FEED, policy=POLICY)).body == body


@pytest.mark.parametrize("port", ["0", "65536", "99999"])
async def test_a_port_outside_1_to_65535_is_refused_before_connecting(fetcher: Fetcher, port: str) -> None:
    with pytest.raises(BlockedURL, match="invalid port"):
        await fetcher.fetch(f"https://feeds.example.com:{port}/rss/org/1.xml", policy=POLICY)
