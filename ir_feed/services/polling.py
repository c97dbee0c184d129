"""Polling: the feed half of the pipeline, sequenced in one place.

::

    poll_due(now)
      store: claim due feeds under a lease                    [short write transaction]
      for each claimed feed, concurrently (bounded by the fetcher):
        fetch: conditional GET with caps                      [network, no transaction open]
        parse: bytes → items, skipping items already stored   [pure]
        fetch: release pages for items carrying a summary only
        normalize: item + page text → PressRelease            [pure]
        extract: PressRelease → events                        [pure]
        ┌ one transaction ────────────────────────────────────────────┐
        │ save releases and versions, record entries,                  │
        │ diff and save events, enqueue one message per matching       │
        │ subscription, record the poll outcome and next_poll_at       │
        └──────────────────────────────────────────────────────────────┘

Every outcome, good or bad, is recorded on the feed's row; one feed's failure
never stops the others.  Database work runs in a worker thread so a slow
commit cannot stall in-flight fetches.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ir_feed import schedule
from ir_feed.errors import BlockedURL, FeedGone, FeedParseError, FetchError, TransientFetchError
from ir_feed.events import Extraction
from ir_feed.fetch import Fetched, Fetcher, URLPolicy, redact_url
from ir_feed.logs import get_logger
from ir_feed.metrics import Metrics
from ir_feed.models import FeedItem, ParsedFeed, PressRelease
from ir_feed.normalize import entry_key, normalize
from ir_feed.page import article_text
from ir_feed.parse import parse_feed
from ir_feed.services.clock import utcnow
from ir_feed.services.extraction import extract_release
from ir_feed.settings import FeedSettings, Settings
from ir_feed.store import engine as store_engine
from ir_feed.store import events as event_store
from ir_feed.store import feeds as feed_store
from ir_feed.store import outbox
from ir_feed.store import releases as release_store
from ir_feed.store.tables import DiffRow, ReleaseRow
from ir_feed.timestamps import utc_text

#: A page that failed this many polls in a row is given up on; the summary stays.
MAX_PAGE_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class PollResult:
    """What one poll of one feed did."""

    feed: str
    outcome: str  # ok | not_modified | fetch_error | parse_error | gone | store_error | internal_error
    status: int | None
    next_poll_at: datetime
    items: int = 0  # items in the document
    skipped: int = 0  # known and unchanged: not parsed again
    new: int = 0
    versions: int = 0
    completed: int = 0
    unchanged: int = 0
    page_errors: int = 0
    diffs: int = 0  # event diffs recorded (created / updated / retracted)
    deferred: int = 0  # items left for the next poll (over max_items_per_poll, or a page to retry)
    rejected: int = 0  # items the database refused (logged as release_rejected; skipped until they change)
    error: str | None = None


@dataclass(slots=True)
class _Prepared:
    item: FeedItem
    key: str
    page_text: str | None = None
    page_failed: bool = False
    page_refused: bool = False  # the page's URL is not allowed: trying again cannot help


_CLAIM_BATCH = 2  # a tick's claims, in fetch slots (``http.max_concurrency``)


class _GroupCommit:
    """The bookkeeping of polls that stored nothing — a 304 — written together.

    Each such poll still waits until its row is committed (its ``feed_polled`` line and
    its result never claim a write a failed commit took back), but the polls that finish
    while one batch is being written are written by the next, in one transaction: with
    hundreds of feeds answered 304 a second, a poll costs a row in an ``UPDATE`` run for
    many, not a transaction of its own (and on SQLite no thread waits for the write lock
    behind another 304's).  A failed write fails every poll of its batch, as a failed
    transaction of its own would have."""

    def __init__(self, write: Callable[[list[tuple[int, datetime]], datetime], None], clock: Callable[[], datetime]):
        self._write = write
        self._clock = clock
        self._pending: list[tuple[int, datetime, asyncio.Future[datetime]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def record(self, feed_id: int, next_poll_at: datetime) -> datetime:
        """Record one feed's 304 (and when it is due again); returns when it was written."""
        done: asyncio.Future[datetime] = asyncio.get_running_loop().create_future()
        self._pending.append((feed_id, next_poll_at, done))
        if self._writer is None:
            self._writer = asyncio.create_task(self._write_all())
        return await done

    async def _write_all(self) -> None:
        batch: list[tuple[int, datetime, asyncio.Future[datetime]]] = []
        try:
            while self._pending:
                batch, self._pending = self._pending, []
                now = self._clock()
                try:
                    await asyncio.to_thread(self._write, [(f, at) for f, at, _ in batch], now)
                except Exception as exc:
                    for _, _, done in batch:
                        if not done.done():
                            done.set_exception(exc)
                    continue
                for _, _, done in batch:
                    if not done.done():
                        done.set_result(now)
        finally:  # (cancelled at shutdown: no poll waits for ever on a write that will not come)
            self._writer = None
            for _, _, done in (*batch, *self._pending):
                done.cancel()  # (nothing for a future already settled)
            self._pending = []


@dataclass
class Poller:
    """Polls feeds.  Holds its I/O clients; time and randomness are injectable."""

    settings: Settings
    engine: Engine
    fetcher: Fetcher
    clock: Callable[[], datetime] = utcnow
    rng: random.Random = field(default_factory=random.Random)
    stopping: asyncio.Event = field(default_factory=asyncio.Event)
    metrics: Metrics | None = None  # polls, latency, releases and diffs (None: not measured)
    # how long a claim holds a feed (None: ``polling.lease``); renewed every third of it while
    # the poll runs, so a daemon that dies frees its feeds within one lease and a slow live
    # poll keeps its own
    lease: timedelta | None = None
    # told when a poll has committed diffs (the daemon wakes its deliverer: a webhook
    # follows its release at once, not at the next deliver tick)
    on_diffs: Callable[[], None] | None = None

    def __post_init__(self) -> None:
        self._lease = self.lease if self.lease is not None else timedelta(seconds=self.settings.polling.lease)
        self._in_flight: set[asyncio.Task[PollResult]] = set()
        self._polling: set[int] = set()  # feed ids being polled by this process
        self._write: sessionmaker[Session] = store_engine.session_factory(self.engine, write=True)
        self._read: sessionmaker[Session] = store_engine.session_factory(self.engine)
        self._log = get_logger(component="poller")
        # by name: a poll looks its feed up, and a scan of thousands per poll showed in the profile
        self._feeds = {feed.name: feed for feed in self.settings.feeds}
        self._url_policies: dict[str, URLPolicy] = {}  # by feed URL (see _url_policy)
        self._unchanged = _GroupCommit(self._write_not_modified, self.clock)
        # refilling: a poll that ends frees a fetch slot, and the next due feeds are claimed
        # at once rather than at the next tick (which would cap polls at two batches a tick)
        self._refill: asyncio.Task[None] | None = None
        self._nothing_due = False  # the last claim found fewer due feeds than it could take

    # -- entry points -------------------------------------------------------

    def sync_feeds(self) -> None:
        """Make the feeds table match the configuration (run at start-up)."""
        with self._write.begin() as session:
            feed_store.sync_feeds(session, self.settings.feeds, self.clock())

    async def poll_due(self, names: Sequence[str] | None = None) -> list[PollResult]:
        """Poll every feed that is due now (or the named feeds, due or not) and
        wait for the results (``poll --once``, tests)."""
        limit = max(1, len(self.settings.feeds)) if names is not None else self._free_claims()
        return list(await asyncio.gather(*await self._start_due(names, limit)))

    async def tick(self) -> int:
        """The daemon's tick: start polling every feed due now and return at once.

        Feeds that fall due while a slow one is still being polled start on the
        next tick instead of waiting for it; a feed being polled holds a lease,
        so it is never started twice.  Returns how many polls were started."""
        self._nothing_due = False
        return await self._start_tracked()

    def _free_claims(self) -> int:
        """What a tick may claim: what this process can start now (twice the fetch slots,
        so the next feeds are ready as pages finish), not every feed due — the rest stay
        free for another daemon, and a stop has few claims to give back."""
        return _CLAIM_BATCH * self.settings.http.max_concurrency - len(self._in_flight)

    async def _start_tracked(self) -> int:
        limit = self._free_claims()
        if limit <= 0:
            return 0
        started = await self._start_due(None, limit)
        for task in started:
            self._in_flight.add(task)
            task.add_done_callback(self._poll_ended)
        if len(started) < limit and not self.stopping.is_set():
            self._nothing_due = True  # every due feed is claimed (here or by another daemon)
        return len(started)

    def _poll_ended(self, task: asyncio.Task[PollResult]) -> None:
        """A poll of the tick ended: when half the claims are done, claim the next due
        feeds now (one claim at a time; none while stopping or once nothing was due)."""
        self._in_flight.discard(task)
        if self.stopping.is_set() or self._nothing_due or self._refill is not None:
            return
        if len(self._in_flight) > self.settings.http.max_concurrency:
            return
        self._refill = asyncio.get_running_loop().create_task(self._refill_now())

    async def _refill_now(self) -> None:
        try:
            await self._start_tracked()
        except Exception as exc:  # the database is busy or gone: the next tick tries again
            self._nothing_due = True
            self._log.warning("feed_claim_failed", error=_short(exc))
        finally:
            self._refill = None

    async def drain(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for started polls; True when none is left."""
        if not self._in_flight:
            return True
        _done, pending = await asyncio.wait(set(self._in_flight), timeout=timeout)
        return not pending

    async def abandon(self) -> int:
        """At shutdown, after ``drain`` ran out of time: stop the polls still running (a
        fetch cut short writes nothing; a store under way finishes in its thread, in one
        transaction) and give their feeds' leases back, so the next daemon polls them at
        once.  Returns how many feeds were given back."""
        self.stopping.set()
        if self._refill is not None:  # a claim under way: its polls start, see the stop, give back
            await asyncio.gather(self._refill, return_exceptions=True)
        ids = sorted(self._polling)
        running = set(self._in_flight)
        for task in running:
            task.cancel()
        await asyncio.gather(*running, return_exceptions=True)
        if ids:
            await asyncio.to_thread(self._release_leases, ids)
        return len(ids)

    def _release_leases(self, feed_ids: list[int]) -> None:
        with self._write.begin() as session:
            for feed_id in feed_ids:
                feed_store.release_lease(session, feed_id)

    async def _start_due(self, names: Sequence[str] | None, limit: int) -> list[asyncio.Task[PollResult]]:
        """Claim up to ``limit`` due feeds (or the named ones) and start a poll of each."""
        if self.stopping.is_set() or limit <= 0:
            return []
        due = await asyncio.to_thread(self._claim, self.clock(), self._lease, limit, names)
        tasks = []
        for d in due:
            self._polling.add(d.id)
            tasks.append(asyncio.create_task(self._poll_tracked(d)))
        return tasks

    async def _poll_tracked(self, due: feed_store.DueFeed) -> PollResult:
        renewing = asyncio.create_task(self._renew_lease(due))
        try:
            result = await self._poll_guarded(due)
        finally:
            renewing.cancel()
            self._polling.discard(due.id)
        if result.diffs and self.on_diffs is not None:
            self.on_diffs()
        return result

    async def _renew_lease(self, due: feed_store.DueFeed) -> None:
        """Keep this poll's claim while it runs (every third of the lease)."""
        every = self._lease.total_seconds() / 3
        while True:
            await asyncio.sleep(every)
            try:
                renewed = await asyncio.to_thread(self._renew, due.id)
            except Exception:  # the database is busy or gone: the lease may lapse, the poll goes on
                self._log.warning("feed_lease_not_renewed", feed=due.name)
                continue
            if not renewed:
                return  # the poll has recorded its result

    def _renew(self, feed_id: int) -> bool:
        with self._write.begin() as session:
            return feed_store.renew_lease(session, feed_id, self.clock() + self._lease)

    # -- one feed -------------------------------------------------------------

    def _claim(
        self, now: datetime, lease: timedelta, limit: int, names: Sequence[str] | None
    ) -> list[feed_store.DueFeed]:
        with self._write.begin() as session:
            return feed_store.claim_due(
                session, now, lease=lease, limit=limit, names=names, exclude=frozenset(self._polling)
            )

    def _feed_settings(self, name: str) -> FeedSettings:
        return self._feeds[name]

    def _url_policy(self, url: str) -> URLPolicy:
        """The feed's URL policy.  An http(s) feed's is built once (it is immutable, and parsing
        its hosts at every poll was a tenth of a 304's cost); a ``file:`` feed's at every poll, as
        the directory it allows is resolved (symlinks followed) when the policy is built."""
        policy = self._url_policies.get(url)
        if policy is None:
            policy = URLPolicy.for_feed(url, extra_hosts=self.settings.http.page_hosts)
            if policy.file_root is None:
                self._url_policies[url] = policy
        return policy

    def _policy(self, feed: FeedSettings) -> schedule.PollPolicy:
        p = self.settings.polling
        return schedule.PollPolicy(
            interval=feed.interval,
            jitter=feed.jitter,
            min_interval=min(p.min_interval, feed.interval),
            max_interval=p.max_interval,
            max_backoff=p.max_backoff,
        )

    async def _poll_guarded(self, due: feed_store.DueFeed) -> PollResult:
        if self.stopping.is_set():
            await asyncio.to_thread(self._release_lease, due.id)
            return PollResult(due.name, "skipped", None, self.clock())
        started = time.perf_counter()
        try:
            result = await self._poll(due)
        except Exception as exc:  # one bad feed never stops the others
            reason = store_engine.database_failure(exc)
            if reason is not None:  # the database failing (a full disk...), not a bug: no traceback
                result = await self._store_failed(due, f"database error: {reason}")
            else:
                result = await self._crashed(due, exc)
        if self.metrics is not None:
            self.metrics.poll_finished(result.outcome, time.perf_counter() - started)
        return result

    async def _crashed(self, due: feed_store.DueFeed, exc: Exception) -> PollResult:
        self._log.exception("feed_poll_crashed", feed=due.name)
        # Recorded (and shown by the open /v1/feeds) without the exception's text,
        # which may carry paths or SQL; the log has the whole traceback.
        error = f"internal error ({type(exc).__name__}; see the daemon's log)"
        try:
            return await self._fail(due, outcome="internal_error", status=None, error=error)
        except Exception:  # the database itself is failing: nothing to record in; the lease expires
            self._log.exception("feed_poll_unrecorded", feed=due.name)
            return PollResult(due.name, "internal_error", None, self.clock(), error=error)

    def _release_lease(self, feed_id: int) -> None:
        with self._write.begin() as session:
            feed_store.release_lease(session, feed_id)

    async def _store_failed(self, due: feed_store.DueFeed, error: str) -> PollResult:
        """The database refused the poll's writes (a full disk, an I/O error, a lost
        server).  Its transaction is rolled back whole, so nothing of the poll is kept and
        no item is taken as refused; the feed is polled again after its usual interval
        (it is not to blame: no backoff), and whatever the feed still carries is stored
        once there is room.  One error line, no traceback; when even the failure cannot
        be recorded, the feed's lease lapses and the poll is tried again after it."""
        try:
            return await self._fail(due, outcome="store_error", status=None, error=error)
        except Exception:
            self._log.error("feed_poll_failed", feed=due.name, outcome="store_error", error=error, recorded=False)
            return PollResult(due.name, "store_error", None, self.clock(), error=error)

    async def _poll(self, due: feed_store.DueFeed) -> PollResult:
        feed = self._feed_settings(due.name)
        url_policy = self._url_policy(due.url)
        try:
            fetched = await self.fetcher.fetch(
                due.url, policy=url_policy, etag=due.etag, last_modified=due.last_modified
            )
        except FeedGone as exc:
            return await self._fail(due, outcome="gone", status=410, error=str(exc), disable=f"410 Gone: {exc}")
        except FetchError as exc:
            status = getattr(exc, "status", None)
            retry_after = exc.retry_after if isinstance(exc, TransientFetchError) else None
            return await self._fail(due, outcome="fetch_error", status=status, error=str(exc), retry_after=retry_after)

        if fetched.status == 304:
            return await self._not_modified(due, feed, fetched)

        known = await asyncio.to_thread(self._known, due.id)
        complete_digests = {e.digest for e in known.values() if e.complete}
        skipped = 0
        skipped_digests: set[str] = set()

        def skip(digest: str) -> bool:
            nonlocal skipped
            if digest in complete_digests:
                skipped += 1
                skipped_digests.add(digest)
                return True
            return False

        try:  # in a worker thread: a large feed must not stall the event loop (API, other polls)
            parsed = await asyncio.to_thread(
                parse_feed, fetched.body, base_url=fetched.url, skip=skip, content_type=fetched.content_type
            )
        except FeedParseError as exc:
            return await self._fail(due, outcome="parse_error", status=fetched.status, error=str(exc))

        # One item per entry key: a feed repeating a guid would otherwise store the
        # items in turn as new versions of one release, and diff them, every poll.
        # (An item whose entry is stored with a digest skipped in this very document
        # is such a repeat too: the stored one is still in the feed.)
        items: list[FeedItem] = []
        keys: set[str] = set()
        for item in parsed.items:
            key = entry_key(item)
            stored = known.get(key)
            if key not in keys and (stored is None or stored.digest not in skipped_digests):
                keys.add(key)
                items.append(item)
        if len(items) < len(parsed.items):
            self._log.warning(
                "feed_duplicate_items", feed=due.name, dropped=len(parsed.items) - len(items), kept="the first"
            )
        cap = self.settings.polling.max_items_per_poll
        prepared = [_Prepared(item, entry_key(item)) for item in items[:cap]]
        if feed.full_text:
            await self._fetch_pages(prepared, url_policy, known)
        return await asyncio.to_thread(
            self._record_ok, due, feed, fetched, parsed, prepared, skipped, max(0, len(items) - cap)
        )

    async def _fetch_pages(
        self,
        prepared: list[_Prepared],
        policy: URLPolicy,
        known: dict[str, release_store.KnownEntry],
    ) -> None:
        async def one(p: _Prepared) -> None:
            if p.item.content or not p.item.url:
                return
            try:
                page = await self.fetcher.fetch(p.item.url, policy=policy)
            except FetchError as exc:
                p.page_failed = True
                p.page_refused = isinstance(exc, BlockedURL)
                self._log.warning("release_page_failed", url=p.item.url, error=str(exc))
                return
            except Exception:  # a bug on one page's path: that page fails, not the feed
                p.page_failed = True
                self._log.exception("release_page_crashed", url=redact_url(p.item.url))
                return
            text = await asyncio.to_thread(article_text, page.body, page.url)
            if text.strip():
                p.page_text = text
            else:
                p.page_failed = True
                self._log.warning("release_page_empty", url=p.item.url)

        await asyncio.gather(*(one(p) for p in prepared))

    # -- recording (worker thread) --------------------------------------------

    async def _not_modified(self, due: feed_store.DueFeed, feed: FeedSettings, fetched: Fetched) -> PollResult:
        """A 304: nothing to parse or store; its bookkeeping is written with the other
        304s of the moment (:class:`_GroupCommit`)."""
        delay = schedule.success_delay(self._policy(feed), max_age=fetched.max_age, ttl_minutes=None,
                                       rand=self.rng.random())  # fmt: skip
        next_at = schedule.at(self.clock(), delay)
        await self._unchanged.record(due.id, next_at)
        # (DEBUG: with thousands of feeds, most polls are this; failures and news stay INFO)
        self._log.debug("feed_polled", feed=due.name, outcome="not_modified", status=304,
                        next_poll_at=utc_text(next_at))  # fmt: skip
        return PollResult(feed=due.name, outcome="not_modified", status=304, next_poll_at=next_at)

    def _write_not_modified(self, polls: list[tuple[int, datetime]], now: datetime) -> None:
        with self._write.begin() as session:
            feed_store.record_not_modified(session, polls, now=now)

    def _known(self, feed_id: int) -> dict[str, release_store.KnownEntry]:
        with self._read() as session:
            return release_store.known_entries(session, feed_id)

    def _record_ok(
        self,
        due: feed_store.DueFeed,
        feed: FeedSettings,
        fetched: Fetched,
        parsed: ParsedFeed | None,
        prepared: list[_Prepared],
        skipped: int,
        over_cap: int = 0,
    ) -> PollResult:
        """Store a successful poll.  Items over ``max_items_per_poll`` and pages to
        retry are left for the next poll, which then must not be answered 304 for an
        unchanged feed: the feed's validators are not kept (the next GET is a full
        one, and the items already stored are skipped before parsing)."""
        # Pure work first, so the write transaction stays short.  A date more than a
        # day ahead of now is taken as now (an item "published" in 2099 would
        # otherwise head every newest-first list for ever).
        now = self.clock()
        releases = [normalize(p.item, page_text=p.page_text, now=now, feed=due.url) for p in prepared]
        extractions = [extract_release(r) for r in releases]
        counts = {"new": 0, "version": 0, "completed": 0, "unchanged": 0}
        page_errors = 0
        deferred = over_cap
        rejected = 0
        diff_count = 0
        diff_types: Counter[str] = Counter()
        # what a poll stored is logged once committed: a line never claims a row that a
        # failed commit (or a crash) took back
        told: list[tuple[str, dict[str, object]]] = []
        with self._write.begin() as session:
            # Writers queue here (PostgreSQL advisory lock; SQLite's write lock): two
            # polls storing the same new release, or diffs committed out of id order,
            # cannot happen.
            # (nothing to store — a 304, a feed with nothing new — takes no writers' lock and
            # reads no known entries: it records the poll and commits)
            known = {}
            if prepared:
                event_store.serialise_writers(session)
                known = release_store.known_entries(session, due.id)
            for p, release, extraction in zip(prepared, releases, extractions, strict=True):
                item = p.item
                attempts = known[p.key].page_attempts if p.key in known else 0
                complete = not p.page_failed or p.page_refused or attempts + 1 >= MAX_PAGE_ATTEMPTS
                try:
                    # A savepoint per item: one item the database refuses is skipped
                    # (and remembered, so it is not tried again until it changes),
                    # never the rest of the feed.
                    with session.begin_nested():
                        saved, diffs = self._store_item(session, due, p, release, extraction, complete, now)
                except SQLAlchemyError as exc:
                    if store_engine.database_failure(exc) is not None:
                        # The database failing (a full disk, an I/O error), not this item: the
                        # whole poll fails and keeps nothing.  (SQLite may have rolled the
                        # transaction back already: going on would write the rest outside it,
                        # and mark every later item as refused for good.)
                        raise
                    rejected += 1
                    self._log.warning("release_rejected", feed=due.name, release=release.key, error=_short(exc))
                    with session.begin_nested():
                        release_store.record_entry(
                            session,
                            feed_id=due.id,
                            entry_key=p.key,
                            digest=item.digest,
                            release_id=None,
                            complete=True,
                            page_failed=False,
                            now=now,
                        )
                    continue
                counts[saved.kind] += 1
                diff_count += len(diffs)
                diff_types.update(d.type for d in diffs)
                page_errors += p.page_failed
                deferred += not complete
                if p.page_failed and complete:  # the page is given up on
                    told.append(
                        (
                            "release_page_abandoned",
                            {
                                "feed": due.name,
                                "release": release.key,
                                "attempts": attempts + 1,
                                # a correction known only by its summary is not applied (see awaiting_page)
                                "correction_not_applied": release_store.awaiting_page(
                                    session, session.get_one(ReleaseRow, saved.release_id)
                                ),
                            },
                        )
                    )
                if saved.kind != "unchanged":
                    told.append(
                        (
                            "release_stored",
                            {"feed": due.name, "release": release.key, "kind": saved.kind, "version": saved.version},
                        )
                    )
            ttl = parsed.ttl_minutes if parsed else None
            delay = schedule.success_delay(
                self._policy(feed), max_age=fetched.max_age, ttl_minutes=ttl, rand=self.rng.random()
            )
            next_at = schedule.at(now, delay)
            outcome = "not_modified" if fetched.status == 304 else "ok"
            warning = "; ".join(parsed.problems[:3]) if parsed is not None and parsed.problems else None
            if warning:
                self._log.warning("feed_parse_warning", feed=due.name, warning=warning[:300])
            feed_store.record_success(
                session,
                due.id,
                now=now,
                status=fetched.status,
                outcome=outcome,
                etag=None if deferred else fetched.etag,
                last_modified=None if deferred else fetched.last_modified,
                next_poll_at=next_at,
                warning=warning,
            )
        for event, fields in told:  # committed: tell what was written
            if event == "release_page_abandoned":
                self._log.warning(event, **fields)
            else:
                self._log.info(event, **fields)
        if self.metrics is not None:  # committed: count what was written
            self.metrics.releases_saved(counts)
            self.metrics.diffs_recorded(diff_types)
        result = PollResult(
            feed=due.name,
            outcome=outcome,
            status=fetched.status,
            next_poll_at=next_at,
            items=(len(parsed.items) + skipped) if parsed else 0,
            skipped=skipped,
            new=counts["new"],
            versions=counts["version"],
            completed=counts["completed"],
            unchanged=counts["unchanged"],
            page_errors=page_errors,
            diffs=diff_count,
            deferred=deferred,
            rejected=rejected,
        )
        self._log.info(
            "feed_polled",
            feed=due.name,
            outcome=outcome,
            status=fetched.status,
            new=result.new,
            versions=result.versions,
            skipped=skipped,
            page_errors=page_errors,
            diffs=diff_count,
            deferred=deferred,
            rejected=rejected,
            next_poll_at=utc_text(next_at),
        )
        return result

    def _store_item(
        self,
        session: Session,
        due: feed_store.DueFeed,
        p: _Prepared,
        release: PressRelease,
        extraction: Extraction,
        complete: bool,
        now: datetime,
    ) -> tuple[release_store.Saved, list[DiffRow]]:
        """One item's release, its events and diffs, their outbox messages, its entry."""
        saved = release_store.save_release(session, release, feed_id=due.id, now=now)
        diffs: list[DiffRow] = []
        # A new version known only by its summary (its page failed) is not
        # diffed yet: facts the summary leaves out would look retracted.  It
        # is extracted when the page completes it.
        if saved.kind != "unchanged" and (saved.kind == "new" or not p.page_failed):
            row = session.get_one(ReleaseRow, saved.release_id)
            diffs = event_store.apply_extraction(session, release=row, extraction=extraction, cause="poll", now=now)
            outbox.enqueue(session, diffs, now)
        release_store.record_entry(
            session,
            feed_id=due.id,
            entry_key=p.key,
            digest=p.item.digest,
            release_id=saved.release_id,
            complete=complete,
            page_failed=p.page_failed,
            now=now,
        )
        return saved, diffs

    async def _fail(
        self,
        due: feed_store.DueFeed,
        *,
        outcome: str,
        status: int | None,
        error: str,
        retry_after: float | None = None,
        disable: str | None = None,
    ) -> PollResult:
        feed = self._feed_settings(due.name)
        now = self.clock()
        if outcome == "store_error":  # our database failed, not the feed: its usual interval
            delay = schedule.success_delay(self._policy(feed), rand=self.rng.random())
        else:
            delay = schedule.failure_delay(
                self._policy(feed),
                failures=due.consecutive_failures + 1,
                retry_after=retry_after,
                rand=self.rng.random(),
            )
        next_at = schedule.at(now, delay)

        def write() -> int:
            with self._write.begin() as session:
                return feed_store.record_failure(
                    session,
                    due.id,
                    now=now,
                    status=status,
                    outcome=outcome,
                    error=error,
                    next_poll_at=next_at,
                    disable_reason=disable,
                )

        failures = await asyncio.to_thread(write)
        log = self._log.error if disable or outcome == "store_error" else self._log.warning
        log(
            "feed_poll_failed",
            feed=due.name,
            outcome=outcome,
            status=status,
            error=error,
            consecutive_failures=failures,
            next_poll_at=None if disable else utc_text(next_at),
            disabled=disable is not None,
        )
        return PollResult(due.name, outcome, status, next_at, error=error)


def _short(exc: BaseException) -> str:
    """A database error in one line, without the statement and its parameters."""
    text = str(getattr(exc, "orig", None) or exc).splitlines()
    return (text[0] if text else type(exc).__name__)[:300]
