"""The poller end to end: a real local HTTP server, a real database (SQLite
and PostgreSQL), the real fetcher, parser and store."""

from __future__ import annotations

import asyncio
import gzip
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import structlog
from sqlalchemy import Engine, select

from ir_feed.fetch import Fetcher
from ir_feed.services import Poller, PollResult
from ir_feed.settings import Settings, parse_settings
from ir_feed.store.engine import session_factory
from ir_feed.store.tables import FeedRow, ReleaseRow, ReleaseVersionRow
from tests.support.gnw import Feed, Item, release_page
from tests.support.httpserver import LocalHTTPServer, Request, Response

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
T0 = datetime(2026, 9, 12, 8, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def make_settings(feeds: list[dict[str, Any]], polling: dict[str, Any] | None = None, **http: Any) -> Settings:
    http_cfg = {"per_host_interval": 0, "deadline": 5, "read_timeout": 2, "connect_timeout": 2} | http
    return parse_settings(
        {"feeds": feeds, "http": http_cfg, "polling": {"min_interval": 60} | (polling or {})},
        base_dir=Path("/"),
        env={},
    )


def feed_cfg(name: str, url: str, **kw: Any) -> dict[str, Any]:
    return {"name": name, "url": url, "interval": 300, "jitter": 0} | kw


async def poll(settings: Settings, engine: Engine, clock: Clock, names: list[str] | None = None) -> list[PollResult]:
    async with Fetcher(settings.http) as fetcher:
        poller = Poller(settings, engine, fetcher, clock=clock)
        await asyncio.to_thread(poller.sync_feeds)
        return await poller.poll_due(names)


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def feed_row(engine: Engine, name: str) -> FeedRow:
    with session_factory(engine)() as s:
        row = s.scalar(select(FeedRow).where(FeedRow.name == name))
        assert row is not None
        return row


def releases(engine: Engine) -> list[ReleaseRow]:
    with session_factory(engine)() as s:
        return list(s.scalars(select(ReleaseRow).order_by(ReleaseRow.key)))


def versions(engine: Engine) -> list[ReleaseVersionRow]:
    with session_factory(engine)() as s:
        return list(
            s.scalars(select(ReleaseVersionRow).order_by(ReleaseVersionRow.release_id, ReleaseVersionRow.version))
        )


def serve_feed_with_pages(srv: LocalHTTPServer, path: str, items: list[Item], **feed_kw: Any) -> None:
    linked = []
    for it in items:
        page_path = f"/pages/{it.release_id}.html"
        srv.route(
            page_path,
            Response(
                200, {"Content-Type": "text/html"}, release_page(it.title, [it.first_paragraph, f"Body of {it.title}."])
            ),
        )
        linked.append(Item(**{**it.__dict__, "link": srv.url(page_path)}))
    srv.route(path, Response(200, {"Content-Type": "application/rss+xml"}, Feed(linked, **feed_kw).render()))


ITEMS = [
    Item("3150001", "Northwind Receives FDA Fast Track Designation", "Northwind today announced Fast Track."),
    Item(
        "3150002",
        "Bluefin Announces First Patient Dosed",
        "Bluefin dosed its first patient.",
        tickers=("NYSE:BFX",),
        issuer="Bluefin Bio",
    ),
]


def test_poll_stores_releases_with_full_page_text(engine: Engine, http_server: LocalHTTPServer) -> None:
    serve_feed_with_pages(http_server, "/feed.xml", ITEMS)
    settings = make_settings([feed_cfg("gnw", http_server.url("/feed.xml"))])
    (result,) = run(poll(settings, engine, Clock()))
    assert (result.outcome, result.new, result.items, result.page_errors) == ("ok", 2, 2, 0)
    rows = releases(engine)
    assert [r.key for r in rows] == ["globenewswire.com:3150001", "globenewswire.com:3150002"]
    assert rows[0].full_text and "Body of Northwind Receives" in rows[0].text
    assert rows[0].tickers == ["NASDAQ:NWBT"] and rows[1].tickers == ["NYSE:BFX"]
    assert rows[0].issuer == "Northwind Biotherapeutics, Inc."
    assert rows[0].published_at == datetime(2026, 9, 11, 13, 5, tzinfo=UTC)
    health = feed_row(engine, "gnw")
    assert (health.last_outcome, health.last_status, health.consecutive_failures) == ("ok", 200, 0)
    assert health.next_poll_at == T0 + timedelta(seconds=300)
    ua = http_server.requests_to("/feed.xml")[0].headers["user-agent"]
    assert ua.startswith("ir-feed/")


def test_conditional_get_round_trip_stores_nothing_new(engine: Engine, http_server: LocalHTTPServer) -> None:
    body = Feed(ITEMS[:1]).render()

    def handler(req: Request) -> Response:
        if req.headers.get("if-none-match") == '"v1"':
            return Response(304, {"ETag": '"v1"'})
        return Response(200, {"ETag": '"v1"', "Content-Type": "application/rss+xml"}, body)

    http_server.route("/feed.xml", handler)
    settings = make_settings([feed_cfg("gnw", http_server.url("/feed.xml"), full_text=False)])
    clock = Clock()
    (first,) = run(poll(settings, engine, clock))
    assert first.new == 1
    clock.advance(301)
    (second,) = run(poll(settings, engine, clock))
    assert (second.outcome, second.status, second.new) == ("not_modified", 304, 0)
    assert http_server.requests_to("/feed.xml")[1].headers["if-none-match"] == '"v1"'
    assert len(releases(engine)) == 1 and len(versions(engine)) == 1
    assert feed_row(engine, "gnw").last_outcome == "not_modified"


def test_a_last_modified_round_trip_stores_nothing_new(engine: Engine, http_server: LocalHTTPServer) -> None:
    # a server that gives no ETag, only Last-Modified: the stored date goes back as
    # If-Modified-Since and a 304 costs nothing
    body = Feed(ITEMS[:1]).render()
    stamp = "Sat, 12 Sep 2026 07:30:00 GMT"

    def handler(req: Request) -> Response:
        if req.headers.get("if-modified-since") == stamp:
            return Response(304, {"Last-Modified": stamp})
        return Response(200, {"Last-Modified": stamp, "Content-Type": "application/rss+xml"}, body)

    http_server.route("/feed.xml", handler)
    settings = make_settings([feed_cfg("gnw", http_server.url("/feed.xml"), full_text=False)])
    clock = Clock()
    (first,) = run(poll(settings, engine, clock))
    assert first.new == 1 and feed_row(engine, "gnw").last_modified == stamp
    clock.advance(301)
    (second,) = run(poll(settings, engine, clock))
    assert (second.outcome, second.status, second.new) == ("not_modified", 304, 0)
    sent = http_server.requests_to("/feed.xml")[1].headers
    assert sent["if-modified-since"] == stamp and "if-none-match" not in sent
    assert len(releases(engine)) == 1 and len(versions(engine)) == 1


def test_unchanged_items_are_skipped_and_a_new_one_is_parsed(engine: Engine, http_server: LocalHTTPServer) -> None:
    settings = make_settings([feed_cfg("gnw", http_server.url("/feed.xml"), full_text=False)])
    clock = Clock()
    http_server.route("/feed.xml", Response(200, {}, Feed(ITEMS[:1]).render()))
    run(poll(settings, engine, clock))
    http_server.route("/feed.xml", Response(200, {}, Feed(ITEMS).render()))
    clock.advance(301)
    (result,) = run(poll(settings, engine, clock))
    assert (result.items, result.skipped, result.new, result.unchanged) == (2, 1, 1, 0)


def test_retry_after_and_backoff_are_recorded(engine: Engine, http_server: LocalHTTPServer) -> None:
    http_server.route(
        "/feed.xml",
        Response(503, {"Retry-After": "1200"}),
        Response(500),
        Response(500),
        Response(200, {}, Feed(ITEMS[:1]).render()),
    )
    settings = make_settings([feed_cfg("gnw", http_server.url("/feed.xml"), full_text=False)])
    clock = Clock()
    (r1,) = run(poll(settings, engine, clock))
    assert (r1.outcome, r1.status) == ("fetch_error", 503)
    row = feed_row(engine, "gnw")
    assert row.consecutive_failures == 1 and row.next_poll_at == T0 + timedelta(seconds=1200)
    assert "503" in (row.last_error or "")
    delays = []
    for _ in range(2):
        clock.now = feed_row(engine, "gnw").next_poll_at
        before = clock.now
        run(poll(settings, engine, clock))
        delays.append((feed_row(engine, "gnw").next_poll_at - before).total_seconds())
    # exponential: 2x then 4x the interval, minus at most 25% jitter
    assert 600 * 0.75 <= delays[0] <= 600 and 1200 * 0.75 <= delays[1] <= 1200
    assert feed_row(engine, "gnw").consecutive_failures == 3
    clock.now = feed_row(engine, "gnw").next_poll_at
    (ok,) = run(poll(settings, engine, clock))
    assert ok.outcome == "ok" and feed_row(engine, "gnw").consecutive_failures == 0


def test_gone_disables_the_feed_with_a_reason(engine: Engine, http_server: LocalHTTPServer) -> None:
    http_server.route("/feed.xml", Response(410))
    settings = make_settings([feed_cfg("gnw", http_server.url("/feed.xml"))])
    clock = Clock()
    (r,) = run(poll(settings, engine, clock))
    assert r.outcome == "gone"
    row = feed_row(engine, "gnw")
    assert not row.enabled and (row.disabled_reason or "").startswith("410 Gone")
    clock.advance(10 * 86_400)
    assert run(poll(settings, engine, clock)) == []
    assert len(http_server.requests_to("/feed.xml")) == 1


@pytest.mark.parametrize("compressed", [False, True], ids=["plain", "gzip"])
def test_oversize_body_marks_the_feed_and_others_are_still_polled(
    engine: Engine, http_server: LocalHTTPServer, compressed: bool
) -> None:
    huge = b"<rss><channel>" + b"<item><title>x</title></item>" * 20_000 + b"</channel></rss>"  # ~600 KB
    http_server.route("/big.xml", Response(200, {}, huge, gzip=compressed))
    http_server.route("/ok.xml", Response(200, {}, Feed(ITEMS[:1]).render()))
    settings = make_settings(
        [feed_cfg("big", http_server.url("/big.xml")), feed_cfg("ok", http_server.url("/ok.xml"), full_text=False)],
        max_bytes=64 * 1024,
    )
    results = {r.feed: r for r in run(poll(settings, engine, Clock()))}
    assert results["big"].outcome == "fetch_error" and "larger than" in (results["big"].error or "")
    assert results["ok"].outcome == "ok" and results["ok"].new == 1
    assert "larger than" in (feed_row(engine, "big").last_error or "")
    if compressed:
        assert len(gzip.compress(huge)) < 64 * 1024  # the cap held on the decoded size


def test_broken_feed_is_recorded_and_others_still_polled(engine: Engine, http_server: LocalHTTPServer) -> None:
    http_server.route("/junk.xml", Response(200, {}, b"\x00\x01 this is not a feed at all"))
    http_server.route("/ok.xml", Response(200, {}, Feed(ITEMS[:1]).render()))
    settings = make_settings(
        [feed_cfg("junk", http_server.url("/junk.xml")), feed_cfg("ok", http_server.url("/ok.xml"), full_text=False)]
    )
    results = {r.feed: r for r in run(poll(settings, engine, Clock()))}
    assert results["junk"].outcome == "parse_error"
    assert results["ok"].outcome == "ok"
    assert feed_row(engine, "junk").consecutive_failures == 1


def test_release_in_two_feeds_is_stored_once(engine: Engine, http_server: LocalHTTPServer) -> None:
    http_server.route("/a.xml", Response(200, {}, Feed(ITEMS).render()))
    other_link = Item(**{**ITEMS[0].__dict__, "tickers": ("Nasdaq:NWBT", "TSX:NWB")})
    http_server.route("/b.xml", Response(200, {}, Feed([other_link]).render()))
    settings = make_settings(
        [
            feed_cfg("a", http_server.url("/a.xml"), full_text=False),
            feed_cfg("b", http_server.url("/b.xml"), full_text=False),
        ]
    )
    run(poll(settings, engine, Clock()))
    rows = releases(engine)
    assert len(rows) == 2 and len(versions(engine)) == 2
    assert rows[0].tickers == ["NASDAQ:NWBT", "TSX:NWB"]  # listings from both feeds merged


def test_changed_release_becomes_a_new_version(engine: Engine, http_server: LocalHTTPServer) -> None:
    settings = make_settings([feed_cfg("gnw", http_server.url("/feed.xml"), full_text=False)])
    clock = Clock()
    http_server.route("/feed.xml", Response(200, {}, Feed(ITEMS[:1]).render()))
    run(poll(settings, engine, clock))
    corrected = Item(
        **{
            **ITEMS[0].__dict__,
            "first_paragraph": "Northwind today announced Fast Track (corrected).",
            "modified": "Sat, 12 Sep 2026 09:10 GMT",
        }
    )
    http_server.route("/feed.xml", Response(200, {}, Feed([corrected]).render()))
    clock.advance(301)
    (r,) = run(poll(settings, engine, clock))
    assert r.versions == 1
    (row,) = releases(engine)
    assert row.version == 2 and "corrected" in row.text
    assert row.modified_at == datetime(2026, 9, 12, 9, 10, tzinfo=UTC)
    vs = versions(engine)
    assert [v.version for v in vs] == [1, 2] and "corrected" not in vs[0].text
    # one copy of each text: the replaced version's moved to its row, the current one's is the release's
    assert vs[0].text and vs[0].text != row.text and vs[1].text is None


def test_failed_page_keeps_the_summary_and_is_retried(engine: Engine, http_server: LocalHTTPServer) -> None:
    it = Item(**{**ITEMS[0].__dict__, "link": http_server.url("/pages/p.html")})
    http_server.route("/feed.xml", Response(200, {}, Feed([it]).render()))
    http_server.route(
        "/pages/p.html", Response(503), Response(200, {}, release_page(it.title, ["Full body text here."]))
    )
    settings = make_settings([feed_cfg("gnw", http_server.url("/feed.xml"))])
    clock = Clock()
    (r1,) = run(poll(settings, engine, clock))
    assert (r1.new, r1.page_errors) == (1, 1)
    (row,) = releases(engine)
    assert not row.full_text and row.text == it.first_paragraph
    clock.advance(301)
    (r2,) = run(poll(settings, engine, clock))
    assert (r2.completed, r2.page_errors, r2.skipped) == (1, 0, 0)
    (row,) = releases(engine)
    assert row.full_text and "Full body text here." in row.text and row.version == 1
    clock.advance(301)
    (r3,) = run(poll(settings, engine, clock))
    assert r3.skipped == 1 and len(http_server.requests_to("/pages/p.html")) == 2


def etag_handler(body: bytes, etag: str = '"v1"') -> Any:
    """A feed that answers 304 to a request carrying its ETag."""

    def handler(req: Request) -> Response:
        if req.headers.get("if-none-match") == etag:
            return Response(304, {"ETag": etag})
        return Response(200, {"ETag": etag, "Content-Type": "application/rss+xml"}, body)

    return handler


def test_items_over_the_cap_are_taken_by_the_next_poll_of_an_unchanged_feed(
    engine: Engine, http_server: LocalHTTPServer
) -> None:
    items = [Item(str(3160000 + i), f"Release {i}", f"Summary {i}.") for i in range(5)]
    http_server.route("/feed.xml", etag_handler(Feed(items).render()))
    settings = make_settings(
        [feed_cfg("gnw", http_server.url("/feed.xml"), full_text=False)], polling={"max_items_per_poll": 3}
    )
    clock = Clock()
    (r1,) = run(poll(settings, engine, clock))
    assert (r1.new, r1.deferred) == (3, 2)
    assert feed_row(engine, "gnw").etag is None  # so the next poll is not answered 304
    clock.advance(301)
    (r2,) = run(poll(settings, engine, clock))
    assert (r2.status, r2.new, r2.skipped, r2.deferred) == (200, 2, 3, 0)
    assert "if-none-match" not in http_server.requests_to("/feed.xml")[1].headers
    assert len(releases(engine)) == 5
    clock.advance(301)
    (r3,) = run(poll(settings, engine, clock))
    assert (r3.status, r3.outcome) == (304, "not_modified")  # caught up: validators are kept again


def test_a_failed_page_is_retried_when_the_feed_is_unchanged(engine: Engine, http_server: LocalHTTPServer) -> None:
    it = Item(**{**ITEMS[0].__dict__, "link": http_server.url("/pages/p.html")})
    http_server.route("/feed.xml", etag_handler(Feed([it]).render()))
    http_server.route(
        "/pages/p.html", Response(503), Response(200, {}, release_page(it.title, ["Full body text here."]))
    )
    settings = make_settings([feed_cfg("gnw", http_server.url("/feed.xml"))])
    clock = Clock()
    (r1,) = run(poll(settings, engine, clock))
    assert (r1.new, r1.page_errors, r1.deferred) == (1, 1, 1)
    clock.advance(301)
    (r2,) = run(poll(settings, engine, clock))
    assert (r2.status, r2.completed, r2.deferred) == (200, 1, 0)
    (row,) = releases(engine)
    assert row.full_text and "Full body text here." in row.text
    clock.advance(301)
    (r3,) = run(poll(settings, engine, clock))
    assert r3.status == 304


def test_page_links_to_other_hosts_are_not_fetched(engine: Engine, http_server: LocalHTTPServer) -> None:
    hostile = Item(**{**ITEMS[0].__dict__, "link": "http://169.254.169.254/latest/meta-data/"})
    http_server.route("/feed.xml", Response(200, {}, Feed([hostile]).render()))
    settings = make_settings([feed_cfg("gnw", http_server.url("/feed.xml"))])
    clock = Clock()
    (r,) = run(poll(settings, engine, clock))
    assert (r.new, r.page_errors, r.deferred) == (1, 1, 0)  # refused: not retried, nothing deferred
    (row,) = releases(engine)
    assert not row.full_text
    clock.advance(301)
    (again,) = run(poll(settings, engine, clock))
    assert (again.skipped, again.page_errors) == (1, 0)


def test_a_page_on_the_feeds_host_at_another_port_is_not_fetched(
    engine: Engine, http_server: LocalHTTPServer
) -> None:
    # the page-host policy is scheme + host + port: another service on the same host is not the feed's
    with LocalHTTPServer() as other:
        other.route("/news/1.html", Response(200, {"Content-Type": "text/html"}, b"<html><p>secret</p></html>"))
        item = Item(**{**ITEMS[0].__dict__, "link": other.url("/news/1.html")})
        http_server.route("/feed.xml", Response(200, {}, Feed([item]).render()))
        settings = make_settings([feed_cfg("gnw", http_server.url("/feed.xml"))])
        (r,) = run(poll(settings, engine, Clock()))
        assert (r.new, r.page_errors) == (1, 1)
        assert other.requests == []
        (row,) = releases(engine)
        assert not row.full_text


def _bare_rss(title: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        f'<item><guid isPermaLink="false">g1</guid><title>{title}</title>'
        "<description>Acme Bio today announced news.</description>"
        "<pubDate>Fri, 11 Sep 2026 13:05 GMT</pubDate></item></channel></rss>"
    ).encode()


def test_a_guid_that_is_not_a_url_is_scoped_to_its_feed(engine: Engine, http_server: LocalHTTPServer) -> None:
    # four feeds each carrying <guid>g1</guid>: four releases, not four versions of one
    names = ["a", "b", "c", "d"]
    for name in names:
        http_server.route(f"/{name}.xml", Response(200, {}, _bare_rss(f"Release of feed {name}")))
    settings = make_settings([feed_cfg(n, http_server.url(f"/{n}.xml"), full_text=False) for n in names])
    results = run(poll(settings, engine, Clock()))
    assert sorted((r.feed, r.new, r.versions) for r in results) == [(n, 1, 0) for n in names]
    rows = releases(engine)
    assert sorted(r.title for r in rows) == [f"Release of feed {n}" for n in names]
    assert all(r.version == 1 and r.key.endswith("#g1") for r in rows)
    assert len({r.key for r in rows}) == 4


def test_an_entity_attack_is_a_warning_the_operator_sees(engine: Engine, http_server: LocalHTTPServer) -> None:
    xxe = b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + _bare_rss("T &xxe;")[21:]
    http_server.route("/feed.xml", Response(200, {}, xxe))
    settings = make_settings([feed_cfg("a", http_server.url("/feed.xml"), full_text=False)])
    clock = Clock()
    (r,) = run(poll(settings, engine, clock))
    assert r.outcome == "ok"  # safely parsed: nothing expanded, nothing read
    row = feed_row(engine, "a")
    assert row.last_outcome == "ok" and row.last_warning and "external entities" in row.last_warning
    assert "root:" not in releases(engine)[0].title
    # the next clean parse clears it
    http_server.route("/feed.xml", Response(200, {}, _bare_rss("T")))
    clock.advance(3600)
    run(poll(settings, engine, clock))
    assert feed_row(engine, "a").last_warning is None


def test_the_feeds_http_charset_is_honoured(engine: Engine, http_server: LocalHTTPServer) -> None:
    body = _bare_rss("Société Générale résultats").decode().encode("cp1252")
    http_server.route("/feed.xml", Response(200, {"Content-Type": "application/rss+xml; charset=windows-1252"}, body))
    settings = make_settings([feed_cfg("a", http_server.url("/feed.xml"), full_text=False)])
    run(poll(settings, engine, Clock()))
    assert [r.title for r in releases(engine)] == ["Société Générale résultats"]


def test_restart_resumes_the_schedule_from_the_database(engine: Engine, http_server: LocalHTTPServer) -> None:
    http_server.route("/feed.xml", Response(200, {}, Feed(ITEMS[:1]).render()))
    settings = make_settings([feed_cfg("gnw", http_server.url("/feed.xml"), full_text=False)])
    clock = Clock()
    assert len(run(poll(settings, engine, clock))) == 1
    # a new poller (a restarted daemon) on the same database: not due yet
    clock.advance(120)
    assert run(poll(settings, engine, clock)) == []
    clock.advance(181)
    assert len(run(poll(settings, engine, clock))) == 1
    assert len(http_server.requests_to("/feed.xml")) == 2


def test_a_hanging_feed_does_not_delay_the_others(engine: Engine, http_server: LocalHTTPServer) -> None:
    import threading

    release = threading.Event()
    http_server.route("/hang.xml", Response(200, {}, Feed(ITEMS[:1]).render(), wait=release))
    http_server.route("/ok.xml", Response(200, {}, Feed(ITEMS[1:]).render()))
    settings = make_settings(
        [feed_cfg("hang", http_server.url("/hang.xml")), feed_cfg("ok", http_server.url("/ok.xml"), full_text=False)],
        deadline=30,
        read_timeout=30,
    )

    async def scenario() -> tuple[str | None, list[PollResult]]:
        async with Fetcher(settings.http) as fetcher:
            poller = Poller(settings, engine, fetcher, clock=Clock())
            await asyncio.to_thread(poller.sync_feeds)
            task = asyncio.create_task(poller.poll_due())
            # the other feed's release is stored while the hanging one is still pending
            stored: str | None = None
            for _ in range(200):
                rows = await asyncio.to_thread(releases, engine)
                if rows:
                    stored = rows[0].key
                    break
                await asyncio.sleep(0.05)
            assert not task.done()
            release.set()
            return stored, await task

    stored, results = run(scenario())
    assert stored == "globenewswire.com:3150002"
    assert {r.feed: r.outcome for r in results} == {"hang": "ok", "ok": "ok"}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus is not beside the repository")
@pytest.mark.parametrize(
    ("capture", "expected"),
    [
        (
            "globenewswire_public_companies_2026-09-11.xml",
            {
                "globenewswire.com:3360561": ["NASDAQ:AGPU"],
                # the feed files PGZFF under "OTC Markets"; the text names its tier (OTCQB):
                # the release carries both, as do its events
                "globenewswire.com:3360538": ["FRA:2EU", "OTC:PGZFF", "OTCQB:PGZFF", "TSXV:PGZ"],
            },
        ),
    ],
)
def test_real_capture_polled_over_http(
    engine: Engine, http_server: LocalHTTPServer, capture: str, expected: dict[str, list[str]]
) -> None:
    http_server.route("/feed.xml", Response(200, {}, (CORPUS / "feeds" / capture).read_bytes()))
    settings = make_settings([feed_cfg("real", http_server.url("/feed.xml"), full_text=False)])
    (r,) = run(poll(settings, engine, Clock()))
    assert r.outcome == "ok"
    assert {row.key: row.tickers for row in releases(engine)} == expected


def test_a_correction_whose_page_fails_is_kept_and_completed_later(
    engine: Engine, http_server: LocalHTTPServer
) -> None:
    it = Item(**{**ITEMS[0].__dict__, "link": http_server.url("/pages/p.html")})
    http_server.route("/feed.xml", Response(200, {}, Feed([it]).render()))
    http_server.route("/pages/p.html", Response(200, {}, release_page(it.title, ["Original full text."])))
    settings = make_settings([feed_cfg("gnw", http_server.url("/feed.xml"))])
    clock = Clock()
    run(poll(settings, engine, clock))
    corrected = Item(
        **{
            **it.__dict__,
            "title": "Northwind Receives FDA Fast Track Designation (Corrected)",
            "modified": "Sat, 12 Sep 2026 09:10 GMT",
        }
    )
    http_server.route("/feed.xml", Response(200, {}, Feed([corrected]).render()))
    http_server.route(
        "/pages/p.html",
        Response(503),
        Response(503),
        Response(200, {}, release_page(corrected.title, ["Corrected full text."])),
    )
    clock.advance(301)
    (r,) = run(poll(settings, engine, clock))
    assert (r.versions, r.page_errors) == (1, 1)  # the correction is stored, summary only
    (row,) = releases(engine)
    assert (row.version, row.full_text, row.title) == (2, False, corrected.title)
    clock.advance(301)
    run(poll(settings, engine, clock))  # page still failing
    clock.advance(301)
    (r,) = run(poll(settings, engine, clock))  # the page is back: same version completed
    assert r.completed == 1
    (row,) = releases(engine)
    assert (row.version, row.full_text) == (2, True) and "Corrected full text." in row.text


def test_a_guid_repeated_in_one_feed_is_stored_once_and_not_flip_flopped(
    engine: Engine, http_server: LocalHTTPServer
) -> None:
    first = Item("3170001", "Northwind Receives FDA Fast Track Designation", "Northwind today announced Fast Track.")
    again = Item(**{**first.__dict__, "title": "Northwind Receives Orphan Drug Designation"})
    http_server.route("/feed.xml", Response(200, {}, Feed([first, again]).render()))
    settings = make_settings([feed_cfg("gnw", http_server.url("/feed.xml"), full_text=False)])
    clock = Clock()
    (r1,) = run(poll(settings, engine, clock))
    assert (r1.new, r1.versions) == (1, 0)
    for _ in range(3):
        clock.advance(301)
        (r,) = run(poll(settings, engine, clock))
        assert (r.new, r.versions, r.diffs) == (0, 0, 0)
    (row,) = releases(engine)
    assert row.version == 1 and row.title == first.title  # the first of the repeated items


def test_an_item_the_database_refuses_is_skipped_not_the_feed(
    engine: Engine, http_server: LocalHTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import text

    from ir_feed.store import releases as release_store

    items = [Item(str(3180000 + i), f"Release {i}", f"Summary {i}.") for i in range(3)]
    http_server.route("/feed.xml", Response(200, {}, Feed(items).render()))
    real = release_store.save_release

    def save(session: Any, release: Any, **kw: Any) -> Any:
        if release.key.endswith(":3180001"):  # fault injection: a row both databases refuse
            session.execute(text("INSERT INTO releases (id) VALUES (NULL)"))
        return real(session, release, **kw)

    monkeypatch.setattr(release_store, "save_release", save)
    settings = make_settings([feed_cfg("gnw", http_server.url("/feed.xml"), full_text=False)])
    clock = Clock()
    (r1,) = run(poll(settings, engine, clock))
    assert (r1.outcome, r1.new, r1.rejected) == ("ok", 2, 1)
    assert [r.key for r in releases(engine)] == ["globenewswire.com:3180000", "globenewswire.com:3180002"]
    clock.advance(301)
    (r2,) = run(poll(settings, engine, clock))
    assert (r2.skipped, r2.rejected, r2.new) == (3, 0, 0)  # remembered: not tried again until it changes


def test_an_over_long_last_modified_is_dropped_not_fatal(engine: Engine, http_server: LocalHTTPServer) -> None:
    long_stamp = "Tue, 15 Nov 1994 08:12:31 GMT" + " x" * 60  # 149 characters
    http_server.route("/feed.xml", Response(200, {"Last-Modified": long_stamp}, Feed(ITEMS[:1]).render()))
    settings = make_settings([feed_cfg("gnw", http_server.url("/feed.xml"), full_text=False)])
    (r,) = run(poll(settings, engine, Clock()))
    assert (r.outcome, r.new) == ("ok", 1)
    assert feed_row(engine, "gnw").last_modified is None


def test_a_page_link_with_an_impossible_port_fails_that_page_only(engine: Engine, http_server: LocalHTTPServer) -> None:
    bad = Item(**{**ITEMS[0].__dict__, "link": http_server.url("/p").replace(f":{http_server.port}", ":99999")})
    good = ITEMS[1]
    serve_feed_with_pages(http_server, "/pages-feed.xml", [good])  # the good item's page is served
    linked_good = Item(**{**good.__dict__, "link": http_server.url(f"/pages/{good.release_id}.html")})
    http_server.route("/feed.xml", Response(200, {}, Feed([bad, linked_good]).render()))
    settings = make_settings([feed_cfg("gnw", http_server.url("/feed.xml"))])
    (r,) = run(poll(settings, engine, Clock()))
    assert (r.outcome, r.new, r.page_errors) == ("ok", 2, 1)
    rows = {row.key: row for row in releases(engine)}
    assert rows["globenewswire.com:3150002"].full_text and not rows["globenewswire.com:3150001"].full_text


def test_an_item_dated_in_the_future_is_taken_as_published_now(engine: Engine, http_server: LocalHTTPServer) -> None:
    future = Item(**{**ITEMS[0].__dict__, "pub_date": "Fri, 01 Jan 2099 10:00 GMT"})
    http_server.route("/feed.xml", Response(200, {}, Feed([future]).render()))
    settings = make_settings([feed_cfg("gnw", http_server.url("/feed.xml"), full_text=False)])
    run(poll(settings, engine, Clock()))
    (row,) = releases(engine)
    assert row.published_at == T0


def test_a_stored_release_is_logged_only_once_it_is_committed(engine: Engine, http_server: LocalHTTPServer) -> None:
    # a log line must not claim what a failed commit (or a crash) would take back: when
    # "release_stored" is told, another connection already sees the release

    seen: list[str | None] = []

    def visible_elsewhere(_logger: Any, _method: str, event: dict[str, Any]) -> dict[str, Any]:
        if event.get("event") == "release_stored":
            with session_factory(engine)() as s:
                seen.append(s.scalar(select(ReleaseRow.key).where(ReleaseRow.key == event["release"])))
        raise structlog.DropEvent

    serve_feed_with_pages(http_server, "/feed.xml", ITEMS)
    settings = make_settings([feed_cfg("gnw", http_server.url("/feed.xml"))])
    structlog.configure(processors=[visible_elsewhere])
    try:
        (result,) = run(poll(settings, engine, Clock()))
    finally:
        structlog.reset_defaults()
    assert result.new == 2
    assert seen == ["globenewswire.com:3150001", "globenewswire.com:3150002"]
