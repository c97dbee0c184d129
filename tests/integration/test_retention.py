"""Retention on real SQLite and PostgreSQL: what ``prune`` deletes, what it never does,
in batches of at most ``retention.batch`` rows, twice without harm, from two
processes at once without double counting, and a dry run that deletes nothing.

Messages are delivered, retried and dead-lettered through the outbox's own
``record`` at chosen times, and releases saved through ``save_release``: the rows
are the ones the daemon writes."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, delete, event, func, select, text, update

from ir_feed.events import Designation, Extraction, ReleaseFacts
from ir_feed.models import Ticker
from ir_feed.services.pruning import PruneResult, prune
from ir_feed.settings import RetentionSettings
from ir_feed.store import outbox
from ir_feed.store import subscriptions as subs
from ir_feed.store.engine import make_engine, session_factory, upgrade
from ir_feed.store.events import apply_extraction
from ir_feed.store.releases import save_release
from ir_feed.store.retention import PruneCounts
from ir_feed.store.tables import (
    AttemptRow,
    DiffRow,
    EventRow,
    EventSourceRow,
    MessageRow,
    ReleaseRow,
    ReleaseVersionRow,
)
from tests.support.releases import press_release, store_release

T0 = datetime(2024, 1, 1, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)
SECRET = "whsec_" + "A" * 43 + "="
NWBT = (Ticker("NASDAQ", "NWBT"),)


def keep(**days: int) -> RetentionSettings:
    """Retention that prunes only what is named (every other age 0: kept for ever)."""
    base = {"delivered_messages_days": 0, "dead_messages_days": 0, "old_version_text_days": 0, "diffs_days": 0}
    return RetentionSettings(**(base | days))


def run(engine: Engine, retention: RetentionSettings, now: datetime, **kw: Any) -> PruneResult:
    return prune(engine, retention, now=now, pause=0, **kw)


def subscribe(engine: Engine, name: str = "desk", url: str = "https://hooks.example.com/x") -> None:
    with session_factory(engine, write=True).begin() as s:
        subs.add(s, name=name, url=url, format="webhook", secret=SECRET, filters=subs.filters_dict(), now=T0)


def designation(product: str) -> Designation:
    return Designation(True, "FDA", "fast_track", product, "IPF", "granted", f"{product} got Fast Track.", product)


def publish(engine: Engine, rid: str, *products: str, at: datetime = T0) -> list[int]:
    """A release stating one designation per product, stored and fanned out at ``at``;
    the ids of the messages it queued."""
    before = set(message_ids(engine))
    pr = press_release(rid, at, NWBT, text=f"Release {rid}: {', '.join(products)}.")
    store_release(engine, pr, [designation(p) for p in products], company="Northwind", now=at)
    return [i for i in message_ids(engine) if i not in before]


def message_ids(engine: Engine) -> list[int]:
    with session_factory(engine)() as s:
        return list(s.scalars(select(MessageRow.id).order_by(MessageRow.id)))


def settle(engine: Engine, ids: list[int], status: str, at: datetime, *, attempts: int = 1) -> None:
    """Record ``attempts`` attempts of each message, the last at ``at`` leaving it ``status``
    (delivered, retrying or dead), through the outbox's ``record``."""
    with session_factory(engine, write=True).begin() as s:
        sub_of = dict(s.execute(select(MessageRow.id, MessageRow.subscription_id).where(MessageRow.id.in_(ids))).all())
    for number in range(1, attempts + 1):
        last = number == attempts
        new = status if last else "retrying"
        when = at - (attempts - number) * timedelta(minutes=5)
        outcomes = [
            outbox.Outcome(
                message_id=i,
                subscription_id=sub_of[i],
                number=number,
                started_at=when,
                status=200 if new == "delivered" else 500,
                latency_ms=12,
                error=None if new == "delivered" else "HTTP 500",
                error_kind=None if new == "delivered" else "http",
                response_excerpt="",
                new_status=new,
                next_attempt_at=when + timedelta(minutes=5) if new == "retrying" else None,
            )
            for i in ids
        ]
        with session_factory(engine, write=True).begin() as s:
            outbox.record(s, outcomes, when)


def count(engine: Engine, table: Any, *where: Any) -> int:
    with session_factory(engine)() as s:
        return int(s.scalar(select(func.count()).select_from(table).where(*where)) or 0)


def statuses(engine: Engine) -> dict[int, str]:
    with session_factory(engine)() as s:
        return dict(s.execute(select(MessageRow.id, MessageRow.status)).all())


# -- messages -------------------------------------------------------------------


def test_old_delivered_and_dead_messages_go_with_their_attempts_and_waiting_ones_stay(engine: Engine) -> None:
    subscribe(engine)
    old_ok, old_dead, old_retrying, old_pending = (publish(engine, str(n), f"NWB-{n}") for n in range(1, 5))
    settle(engine, old_ok, "delivered", T0 + DAY, attempts=3)
    settle(engine, old_dead, "dead", T0 + DAY, attempts=10)
    settle(engine, old_retrying, "retrying", T0 + DAY, attempts=4)
    recent_ok, recent_dead = publish(engine, "5", "NWB-5", at=T0 + 90 * DAY), publish(engine, "6", "NWB-6")
    settle(engine, recent_ok, "delivered", T0 + 90 * DAY)
    settle(engine, recent_dead, "dead", T0 + 60 * DAY)
    assert count(engine, AttemptRow) == 3 + 10 + 4 + 1 + 1

    # 100 days on: delivered kept 30 days, dead 90 (the defaults)
    result = run(engine, RetentionSettings(), T0 + 100 * DAY)

    assert result.counts == PruneCounts(delivered_messages=1, dead_messages=1, delivery_attempts=13)
    assert result.complete
    left = statuses(engine)
    assert sorted(left) == sorted([*old_retrying, *old_pending, *recent_ok, *recent_dead])
    assert (left[old_retrying[0]], left[old_pending[0]]) == ("retrying", "pending")  # 99 days waiting: kept
    assert count(engine, AttemptRow) == 4 + 1 + 1  # only the deleted messages' attempts went
    assert count(engine, AttemptRow, AttemptRow.message_id.in_(old_ok + old_dead)) == 0
    # no retention touches what the diffs, events and releases hold
    assert (count(engine, DiffRow), count(engine, EventRow), count(engine, ReleaseRow)) == (6, 6, 6)


def test_a_replayed_or_retried_message_waits_again_and_is_not_pruned(engine: Engine) -> None:
    subscribe(engine)
    ok, dead = publish(engine, "1", "NWB-1", "NWB-2")
    settle(engine, [ok], "delivered", T0)
    settle(engine, [dead], "dead", T0)
    now = T0 + 400 * DAY
    with session_factory(engine, write=True).begin() as s:
        assert outbox.retry(s, outbox_id(engine, dead), now)
        assert outbox.replay(s, subscription="desk", since=T0 - DAY, ticker=None, now=now) == 2
    assert run(engine, RetentionSettings(), now).counts == PruneCounts()
    assert statuses(engine) == {ok: "retrying", dead: "retrying"}


def outbox_id(engine: Engine, message_id: int) -> str:
    with session_factory(engine)() as s:
        return s.scalars(select(MessageRow.public_id).where(MessageRow.id == message_id)).one()


def test_each_kind_of_zero_days_is_kept_for_ever(engine: Engine) -> None:
    subscribe(engine)
    ok, dead = publish(engine, "1", "NWB-1", "NWB-2")
    settle(engine, [ok], "delivered", T0)
    settle(engine, [dead], "dead", T0)
    later = T0 + 3650 * DAY
    assert run(engine, keep(), later) == PruneResult(PruneCounts(), batches=0, complete=True)
    assert run(engine, keep(delivered_messages_days=1), later).counts == PruneCounts(
        delivered_messages=1, delivery_attempts=1
    )
    assert statuses(engine) == {dead: "dead"}


def test_batches_hold_at_most_batch_rows_and_the_run_goes_on_until_none_is_left(engine: Engine) -> None:
    subscribe(engine)
    ids = publish(engine, "1", *(f"NWB-{n}" for n in range(7)))
    settle(engine, ids, "delivered", T0)
    deleted_per_statement: list[int] = []

    def watch(_conn: Any, cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("DELETE FROM MESSAGES"):
            deleted_per_statement.append(cursor.rowcount)

    batches: list[PruneCounts] = []
    event.listen(engine, "after_cursor_execute", watch)
    try:
        result = run(engine, keep(delivered_messages_days=30, batch=3), T0 + 31 * DAY, progress=batches.append)
    finally:
        event.remove(engine, "after_cursor_execute", watch)
    assert deleted_per_statement == [3, 3, 1]
    assert [b.delivered_messages for b in batches] == [3, 3, 1]
    assert result.counts.delivered_messages == 7 and result.batches == 3 and result.complete
    assert count(engine, MessageRow) == 0


def test_running_twice_is_harmless(engine: Engine) -> None:
    subscribe(engine)
    ids = publish(engine, "1", "NWB-1", "NWB-2", "NWB-3")
    settle(engine, ids[:2], "delivered", T0)
    settings = keep(delivered_messages_days=30, diffs_days=30, old_version_text_days=30)
    first = run(engine, settings, T0 + 60 * DAY)
    assert first.counts == PruneCounts(delivered_messages=2, delivery_attempts=2, diffs=2)
    second = run(engine, settings, T0 + 60 * DAY)
    assert second.counts == PruneCounts() and second.complete
    assert statuses(engine) == {ids[2]: "pending"} and count(engine, DiffRow) == 1


def test_a_stop_request_ends_the_run_between_batches(engine: Engine) -> None:
    subscribe(engine)
    ids = publish(engine, "1", *(f"NWB-{n}" for n in range(5)))
    settle(engine, ids, "delivered", T0)
    batches: list[PruneCounts] = []
    result = run(
        engine,
        keep(delivered_messages_days=30, batch=2),
        T0 + 31 * DAY,
        progress=batches.append,
        should_stop=lambda: bool(batches),  # asked to stop once the first batch is in
    )
    assert (result.complete, result.batches, result.counts.delivered_messages) == (False, 1, 2)
    assert count(engine, MessageRow) == 3


# -- dry run ----------------------------------------------------------------------


def test_a_dry_run_deletes_nothing_and_counts_what_the_run_then_deletes(engine: Engine) -> None:
    subscribe(engine)
    ok = publish(engine, "1", "NWB-1", "NWB-2")
    dead = publish(engine, "2", "NWB-3")
    waiting = publish(engine, "3", "NWB-4")
    settle(engine, ok, "delivered", T0, attempts=2)
    settle(engine, dead, "dead", T0, attempts=3)
    corrected(engine, "9", seen=[T0, T0 + DAY, T0 + 2 * DAY])
    settings = keep(delivered_messages_days=30, dead_messages_days=30, diffs_days=30, old_version_text_days=30)
    now = T0 + 100 * DAY
    before = (count(engine, MessageRow), count(engine, AttemptRow), count(engine, DiffRow), texts_kept(engine))

    dry = run(engine, settings, now, dry_run=True)

    # diffs: the three whose messages go (the waiting one's stays); texts: v1 and v2 of release 9
    assert dry.counts == PruneCounts(
        delivered_messages=2, dead_messages=1, delivery_attempts=7, diffs=3, version_texts=2
    )
    assert dry.dry_run and dry.batches == 0
    after = (count(engine, MessageRow), count(engine, AttemptRow), count(engine, DiffRow), texts_kept(engine))
    assert after == before
    assert run(engine, settings, now).counts == dry.counts
    assert statuses(engine) == {waiting[0]: "pending"}
    assert run(engine, settings, now, dry_run=True).counts == PruneCounts()


# -- diffs ------------------------------------------------------------------------


def test_a_diff_goes_only_once_no_message_refers_to_it(engine: Engine) -> None:
    subscribe(engine)
    subscribe(engine, "slack")  # every diff has a message for each subscription
    ok = publish(engine, "1", "NWB-1")  # both delivered: the diff goes with them
    half = publish(engine, "2", "NWB-2")  # one delivered, one dead: the dead letter keeps it
    waiting = publish(engine, "3", "NWB-3")  # one delivered, one still retrying
    settle(engine, ok + half[:1] + waiting[:1], "delivered", T0)
    settle(engine, half[1:], "dead", T0)
    settle(engine, waiting[1:], "retrying", T0)
    recent = publish(engine, "4", "NWB-4", at=T0 + 95 * DAY)  # messages pending, diff new
    with session_factory(engine, write=True).begin() as s:  # a recent diff no message refers to
        s.execute(update(MessageRow).where(MessageRow.id.in_(recent)).values(status="delivered", updated_at=T0))
    now = T0 + 100 * DAY

    result = run(engine, keep(delivered_messages_days=30, diffs_days=10), now)

    assert result.counts == PruneCounts(delivered_messages=6, delivery_attempts=4, diffs=1)
    with session_factory(engine)() as s:
        kept = set(s.scalars(select(DiffRow.event_key)))
    assert kept == {"NWB-2", "NWB-3", "NWB-4"}
    # the dead letter can still be sent again: its diff is there
    (dead,) = half[1:]
    with session_factory(engine, write=True).begin() as s:
        assert outbox.retry(s, outbox_id(engine, dead), now)
    # once the dead letter and the retried message are gone too, their diffs follow
    with session_factory(engine, write=True).begin() as s:
        s.execute(update(MessageRow).values(status="delivered", updated_at=T0))
    assert run(engine, keep(delivered_messages_days=30, diffs_days=10), now).counts.diffs == 2
    assert count(engine, DiffRow) == 1  # the recent one
    assert count(engine, EventRow) == 4  # events never go


# -- release versions ---------------------------------------------------------------


def corrected(engine: Engine, rid: str, *, seen: list[datetime], products: tuple[str, ...] = ()) -> int:
    """A release saved once per time in ``seen``, each time with a new text (a
    correction), its facts extracted from each version; returns the release's id."""
    release_id = 0
    for n, at in enumerate(seen, start=1):
        pr = press_release(rid, T0, NWBT, text=f"Release {rid}, version {n}. " * 20)
        with session_factory(engine, write=True).begin() as s:
            saved = save_release(s, pr, feed_id=None, now=at)
            release_id = saved.release_id
            row = s.get_one(ReleaseRow, release_id)
            facts = ReleaseFacts("Northwind", T0.date(), NWBT)
            events = tuple(designation(p) for p in products)
            apply_extraction(s, release=row, extraction=Extraction(facts, events, "t"), cause="poll", now=at)
    return release_id


def versions(engine: Engine, release_id: int) -> list[ReleaseVersionRow]:
    with session_factory(engine)() as s:
        return list(
            s.scalars(
                select(ReleaseVersionRow)
                .where(ReleaseVersionRow.release_id == release_id)
                .order_by(ReleaseVersionRow.version)
            )
        )


def texts_kept(engine: Engine) -> int:
    return count(engine, ReleaseVersionRow, ReleaseVersionRow.text != "")


def test_replaced_versions_lose_their_text_after_the_age_and_the_current_version_never(engine: Engine) -> None:
    rid = corrected(engine, "1", seen=[T0, T0 + 10 * DAY, T0 + 50 * DAY])
    old_single = corrected(engine, "2", seen=[T0 - 900 * DAY])  # one version, years old: current
    v1, v2, v3 = versions(engine, rid)
    # saving a version marks the one it replaces
    assert (v1.superseded_at, v2.superseded_at, v3.superseded_at) == (T0 + 10 * DAY, T0 + 50 * DAY, None)

    result = run(engine, keep(old_version_text_days=30), T0 + 60 * DAY)

    assert result.counts == PruneCounts(version_texts=1)
    v1, v2, v3 = versions(engine, rid)
    assert (v1.text, v1.summary, v1.text_pruned_at) == ("", "", T0 + 60 * DAY)
    assert v1.title == v2.title and v1.content_hash and v1.full_text  # the row itself stays
    assert v2.text.startswith("Release 1, version 2") and v2.text_pruned_at is None  # replaced 10 days ago
    # the current versions' text is the release's, kept once, never pruned
    assert v3.text is None and v3.text_pruned_at is None
    (single,) = versions(engine, old_single)
    assert single.text is None and single.text_pruned_at is None
    with session_factory(engine)() as s:
        assert s.get_one(ReleaseRow, rid).text.startswith("Release 1, version 3")
        assert s.get_one(ReleaseRow, old_single).text.startswith("Release 2, version 1")
    # much later: v2 goes too, the release's own text never
    assert run(engine, keep(old_version_text_days=30), T0 + 3650 * DAY).counts == PruneCounts(version_texts=1)
    assert [v.text for v in versions(engine, rid)] == ["", "", None]
    with session_factory(engine)() as s:
        assert s.get_one(ReleaseRow, rid).text.startswith("Release 1, version 3")
        assert s.get_one(ReleaseRow, old_single).text.startswith("Release 2, version 1")


def test_the_version_an_event_still_stands_on_keeps_its_text(engine: Engine) -> None:
    """A correction whose page never arrived: the new version is known by its summary
    only and is not extracted, so the release's facts still stand on the version
    before (its supports name it).  That version's text is kept until the facts move."""
    rid = corrected(engine, "1", seen=[T0], products=("NWB-1",))
    summary_only = replace(press_release("1", T0, NWBT, text="Short."), full_text=False, modified=T0 + DAY)
    with session_factory(engine, write=True).begin() as s:  # saved as the poller would, not extracted
        assert save_release(s, summary_only, feed_id=None, now=T0 + DAY).kind == "version"
    with session_factory(engine)() as s:
        (src,) = s.scalars(select(EventSourceRow))
        assert (src.release_version, src.active) == (1, True)
    settings = keep(old_version_text_days=30)
    assert run(engine, settings, T0 + 400 * DAY).counts == PruneCounts()
    assert versions(engine, rid)[0].text
    # the page arrives: the release is read again, its supports move to version 2
    with session_factory(engine, write=True).begin() as s:
        row = s.get_one(ReleaseRow, rid)
        extraction = Extraction(ReleaseFacts("Northwind", T0.date(), NWBT), (designation("NWB-1"),), "t")
        apply_extraction(s, release=row, extraction=extraction, cause="poll", now=T0)
    assert run(engine, settings, T0 + 400 * DAY).counts == PruneCounts(version_texts=1)
    assert not versions(engine, rid)[0].text


# -- several processes --------------------------------------------------------------


def test_two_runs_at_once_delete_each_row_once(engine: Engine, db_url: str) -> None:
    subscribe(engine)
    ids = publish(engine, "1", *(f"NWB-{n}" for n in range(60)))
    settle(engine, ids, "delivered", T0, attempts=2)
    other = make_engine(db_url)  # another process's connections
    settings = keep(delivered_messages_days=30, batch=4)
    results: list[PruneResult] = []
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def one(e: Engine) -> None:
        try:
            start.wait()
            results.append(run(e, settings, T0 + 31 * DAY))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=one, args=(e,)) for e in (engine, other)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    finally:
        other.dispose()
    assert not errors and len(results) == 2
    total = results[0].counts + results[1].counts
    assert total == PruneCounts(delivered_messages=60, delivery_attempts=120)
    assert count(engine, MessageRow) == count(engine, AttemptRow) == 0


@pytest.mark.postgres
def test_rows_another_transaction_holds_are_skipped_not_waited_for(pg_url: str) -> None:
    engine = make_engine(pg_url)
    try:
        upgrade(engine)
        subscribe(engine)
        ids = publish(engine, "1", "NWB-1", "NWB-2", "NWB-3")
        settle(engine, ids, "delivered", T0)
        results: list[PruneResult] = []
        with engine.connect() as holder:  # e.g. an operator's `deliveries retry` mid-transaction
            holder.execute(select(MessageRow.id).where(MessageRow.id == ids[0]).with_for_update())
            pruning = threading.Thread(
                target=lambda: results.append(run(engine, keep(delivered_messages_days=30), T0 + 31 * DAY))
            )
            pruning.start()
            pruning.join(timeout=15)
            finished_while_held = not pruning.is_alive()
            holder.rollback()
            pruning.join(timeout=15)
        assert finished_while_held  # it did not wait for the held row
        assert results[0].counts.delivered_messages == 2
        assert list(statuses(engine)) == [ids[0]]
        assert run(engine, keep(delivered_messages_days=30), T0 + 31 * DAY).counts.delivered_messages == 1
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_a_replay_racing_a_prune_sends_a_deleted_message_s_diff_under_a_new_id(pg_url: str) -> None:
    """An operator's replay while a pruning batch deletes one of the messages it re-queues:
    the replay waits for the batch, then queues that diff afresh instead of failing."""
    engine = make_engine(pg_url)
    try:
        upgrade(engine)
        subscribe(engine)
        ids = publish(engine, "1", "NWB-1", "NWB-2")
        settle(engine, ids, "delivered", T0)
        gone = outbox_id(engine, ids[0])
        errors: list[BaseException] = []
        queued: list[int | None] = []

        def replay() -> None:
            try:
                with session_factory(engine, write=True).begin() as s:
                    queued.append(outbox.replay(s, subscription="desk", since=T0 - DAY, ticker=None, now=T0 + 40 * DAY))
            except BaseException as exc:
                errors.append(exc)

        with session_factory(engine, write=True).begin() as pruning:  # a batch, not committed yet
            pruning.execute(delete(AttemptRow).where(AttemptRow.message_id == ids[0]))
            pruning.execute(delete(MessageRow).where(MessageRow.id == ids[0]))
            other = threading.Thread(target=replay)
            other.start()
            waiting = False
            for _ in range(200):  # until the replay waits on the batch's lock
                with engine.connect() as conn:
                    waiting = bool(
                        conn.scalar(text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"))
                    )
                if waiting:
                    break
                time.sleep(0.02)
            assert waiting
        other.join(timeout=15)
        assert not errors and queued == [2]
        with session_factory(engine)() as s:
            rows = list(s.execute(select(MessageRow.id, MessageRow.public_id, MessageRow.status)))
        assert {(i, st) for i, _pid, st in rows if i == ids[1]} == {(ids[1], "retrying")}
        assert gone not in {pid for _i, pid, _st in rows} and len(rows) == 2  # a new message for NWB-1
    finally:
        engine.dispose()
