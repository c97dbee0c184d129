"""Feed claims between daemons sharing one database: a feed another daemon is
claiming is skipped, never waited for and never handed out twice; a lease a dead
daemon left behind is taken over once it ends."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from ir_feed.delivery import generate_secret
from ir_feed.settings import FeedSettings, SubscriptionSettings
from ir_feed.store import feeds as feed_store
from ir_feed.store import subscriptions as subscription_store
from ir_feed.store.engine import make_engine, session_factory, upgrade
from ir_feed.store.tables import FeedRow, SubscriptionRow
from tests.support.claims import claim_while_another_holds

T0 = datetime(2026, 9, 12, 8, 0, tzinfo=UTC)
LEASE = timedelta(minutes=10)


def _feeds(n: int) -> list[FeedSettings]:
    return [FeedSettings(name=f"f{i}", url=f"https://example.test/f{i}.xml") for i in range(n)]


def test_concurrent_feed_claims_on_postgresql_skip_each_other(pg_url: str) -> None:
    """Two daemons claiming at the same moment: the second is neither blocked by the
    first's row locks nor handed the feeds the first holds (FOR UPDATE SKIP LOCKED)."""
    engine = make_engine(pg_url)  # a fresh schema of its own
    try:
        upgrade(engine)
        with session_factory(engine, write=True).begin() as s:
            feed_store.sync_feeds(s, _feeds(3), T0)
        first, second = claim_while_another_holds(
            engine, lambda s, n: feed_store.claim_due(s, T0, lease=LEASE, limit=n), first_limit=2, second_limit=10
        )
        assert len(first) == 2 and len(second) == 1
        assert {f.id for f in first}.isdisjoint({f.id for f in second})
    finally:
        engine.dispose()


def test_a_lease_left_by_a_dead_daemon_is_taken_over_when_it_ends(engine: Engine) -> None:
    with session_factory(engine, write=True).begin() as s:
        feed_store.sync_feeds(s, _feeds(2), T0)
    with session_factory(engine, write=True).begin() as s:  # a daemon claims both, then dies
        assert len(feed_store.claim_due(s, T0, lease=LEASE, limit=10)) == 2
    with session_factory(engine, write=True).begin() as s:  # another daemon, within the lease
        assert feed_store.claim_due(s, T0 + LEASE - timedelta(seconds=1), lease=LEASE, limit=10) == []
    with session_factory(engine, write=True).begin() as s:  # the lease is over: both are taken
        taken = feed_store.claim_due(s, T0 + LEASE, lease=LEASE, limit=10)
    assert sorted(f.name for f in taken) == ["f0", "f1"]


def _start_together(
    engine: Engine, feeds: list[FeedSettings], subs: list[SubscriptionSettings], n: int
) -> list[BaseException]:
    """``n`` daemons' start-up sync of one config, at the same instant."""
    start = threading.Barrier(n)
    errors: list[BaseException] = []

    def one_daemon() -> None:
        try:
            start.wait()
            with session_factory(engine, write=True).begin() as s:
                feed_store.sync_feeds(s, feeds, T0)
            with session_factory(engine, write=True).begin() as s:
                subscription_store.sync_subscriptions(s, subs, T0)
        except BaseException as exc:  # collected: the caller asserts there is none
            errors.append(exc)

    threads = [threading.Thread(target=one_daemon) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_daemons_started_together_on_postgresql_sync_the_config_without_a_crash(pg_url: str) -> None:
    """Several daemons syncing the same config into a fresh database at the same instant
    (ten times): no unique-name violation, every feed and subscription once."""
    secret = generate_secret()
    subs = [
        SubscriptionSettings(name=f"s{i}", url=f"https://receiver.example/{i}", secret=secret)  # type: ignore[arg-type]
        for i in range(5)
    ]
    for _ in range(10):
        engine = make_engine(pg_url)  # a fresh schema of its own each round
        try:
            upgrade(engine)
            assert _start_together(engine, _feeds(40), subs, 3) == []
            with session_factory(engine)() as s:
                assert s.query(FeedRow).count() == 40 and s.query(SubscriptionRow).count() == 5
        finally:
            engine.dispose()
