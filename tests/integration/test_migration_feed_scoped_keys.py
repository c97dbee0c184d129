"""Migration 0006 moves releases known only by a non-URL guid (or by title and date)
to keys scoped to the one feed that carried them, so the next poll matches them
instead of storing them again; a release several feeds shared stays as it was.
SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import Engine, select, update

from ir_feed.store import engine as store_engine
from ir_feed.store.engine import session_factory
from ir_feed.store.tables import FeedEntryRow, ReleaseRow
from tests.integration.test_poll import Clock, _bare_rss, feed_cfg, make_settings, poll, releases, run
from tests.support.httpserver import LocalHTTPServer, Response
from tests.support.schema import downgrade_to


def _unscope(engine: Engine) -> None:
    """Give every release the key the code before 0005 computed."""
    with session_factory(engine, write=True).begin() as s:
        for row in s.scalars(select(ReleaseRow)):
            s.execute(update(ReleaseRow).where(ReleaseRow.id == row.id).values(key=f"guid:{row.guid}"))


def test_scoped_keys_move_in_place_and_the_next_poll_matches(
    empty_engine: Engine, http_server: LocalHTTPServer
) -> None:
    engine = empty_engine
    store_engine.upgrade(engine)  # rows as today's code writes them, then taken back to 0005
    http_server.route("/a.xml", Response(200, {}, _bare_rss("Release of feed a")))
    settings = make_settings([feed_cfg("a", http_server.url("/a.xml"), full_text=False)])
    clock = Clock()
    run(poll(settings, engine, clock))
    _unscope(engine)
    (before,) = releases(engine)
    assert before.key == "guid:g1"

    downgrade_to(engine, "0005")
    store_engine.upgrade(engine)

    (after,) = releases(engine)
    assert after.id == before.id and after.key == f"guid:{http_server.url('/a.xml')}#g1"
    http_server.route("/a.xml", Response(200, {}, _bare_rss("Release of feed a, corrected")))
    clock.advance(3600)
    (r,) = run(poll(settings, engine, clock))
    assert (r.new, r.versions) == (0, 1)  # the same release, a new version — not a second release
    assert len(releases(engine)) == 1


def test_a_release_two_feeds_already_shared_is_left_as_it_was(
    empty_engine: Engine, http_server: LocalHTTPServer
) -> None:
    engine = empty_engine
    store_engine.upgrade(engine)  # rows as today's code writes them, then taken back to 0005
    for name in ("a", "b"):
        http_server.route(f"/{name}.xml", Response(200, {}, _bare_rss("One title")))
    settings = make_settings([feed_cfg(n, http_server.url(f"/{n}.xml"), full_text=False) for n in ("a", "b")])
    run(poll(settings, engine, Clock(), names=["a"]))
    _unscope(engine)
    run(poll(settings, engine, Clock(), names=["b"]))  # the old code's collision, made by hand
    with session_factory(engine, write=True).begin() as s:
        rows = list(s.scalars(select(ReleaseRow)))
        keep, dup = rows[0], rows[1]
        # what the pre-0005 poller did: feed b's "g1" was a version of feed a's release
        s.execute(update(ReleaseRow).where(ReleaseRow.id == dup.id).values(key="guid:dup"))
        s.execute(update(FeedEntryRow).values(release_id=keep.id))
    downgrade_to(engine, "0005")
    store_engine.upgrade(engine)
    keys = {r.key for r in releases(engine)}
    assert "guid:g1" in keys  # carried by two feeds: cannot be split after the fact
