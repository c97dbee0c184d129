"""Daemons sharing a database count each other by heartbeat (store.daemons, services.membership)
and share each feed host's request budget by that count; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, select

from ir_feed.fetch import Fetcher
from ir_feed.services.membership import Membership
from ir_feed.settings import HttpSettings
from ir_feed.store import daemons
from ir_feed.store.engine import session_factory
from ir_feed.store.tables import DaemonRow

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)



WITHIN = timedelta(seconds=35)


def _beat(engine: Engine, daemon_id: str, at: datetime) -> None:
    with session_factory(engine, write=True).begin() as s:
        daemons.beat(s, daemon_id, hostname="host-a", pid=4242, started_at=NOW - timedelta(hours=1), now=at)


def _live(engine: Engine, at: datetime, forget_after: timedelta | None = None) -> int:
    with session_factory(engine, write=True).begin() as s:
        return daemons.live(s, at, WITHIN, forget_after=forget_after)


def test_a_daemon_is_counted_while_it_beats_and_forgotten_when_it_leaves(engine: Engine) -> None:
    _beat(engine, "a", NOW)
    _beat(engine, "a", NOW + timedelta(seconds=10))  # one row a daemon, its last beat
    _beat(engine, "b", NOW + timedelta(seconds=5))
    _beat(engine, "killed", NOW - timedelta(minutes=5))  # silent since: not alive
    assert _live(engine, NOW + timedelta(seconds=10)) == 2
    assert _live(engine, NOW + timedelta(seconds=45)) == 1  # b's beat is 40 s old; a's 35 s (at the edge)
    with session_factory(engine, write=True).begin() as s:
        daemons.leave(s, "b")
    assert _live(engine, NOW + timedelta(seconds=10)) == 1
    assert _live(engine, NOW + timedelta(days=2), forget_after=timedelta(days=1)) == 1  # (never less than itself)
    with session_factory(engine).begin() as s:
        assert s.scalars(select(DaemonRow.id)).all() == []  # the rows a day silent were deleted


@pytest.mark.anyio
async def test_membership_shares_the_hosts_by_the_daemons_alive(engine: Engine) -> None:
    clock = [NOW]
    async with Fetcher(HttpSettings(per_host_interval=0.5)) as fetcher:
        one = Membership(engine, fetcher, heartbeat=10, clock=lambda: clock[0])
        assert await one.tick() == 1 and fetcher.host_interval == 0.5
        _beat(engine, "other-1", NOW)
        _beat(engine, "other-2", NOW)
        assert await one.tick() == 3 and fetcher.host_interval == pytest.approx(1.5)
        clock[0] = NOW + timedelta(seconds=40)  # the others stopped beating (killed): 35 s later, gone
        assert await one.tick() == 1 and fetcher.host_interval == 0.5
        await one.leave()
        with session_factory(engine).begin() as s:
            assert s.get(DaemonRow, one.daemon_id) is None


@pytest.mark.anyio
async def test_a_database_that_fails_keeps_the_last_count(engine: Engine, tmp_path: Path) -> None:
    async with Fetcher(HttpSettings(per_host_interval=0.5)) as fetcher:
        membership = Membership(engine, fetcher, heartbeat=10, clock=lambda: NOW)
        _beat(engine, "other", NOW)
        assert await membership.tick() == 2
        broken = create_engine(f"sqlite:///{tmp_path}/no/such/dir/db.sqlite")
        membership.engine = broken
        membership._write = session_factory(broken, write=True)
        assert await membership.tick() == 2 and fetcher.host_interval == 1.0
        await membership.leave()  # never raises
