"""Delivering: the outbox half of the pipeline.

::

    tick() / deliver_due()
      store: claim due messages under a lease, at most a few per subscription   [short write txn]
      delivery: queue each in its subscription's lane; the lane's senders (as many
                as the dispatcher's slots) sign and send them one by one     [network, no txn]
      delivery.next_attempt: delivered / retry at / dead / disable               [pure]
      store: record attempts as they finish, grouped while the last write runs   [one write txn each]

No endpoint holds up another: a message is recorded as soon as its own attempt
ends (not when its batch's slowest request does), each subscription's messages are
sent by its own lane of senders, each subscription has at most
``4 × max_concurrency_per_subscription`` messages claimed at once (the rest of
its backlog stays in the outbox for other processes, and does not crowd out
other subscriptions' messages), and an endpoint that stops answering is sent
one request at a time until it answers again (see :class:`Dispatcher`).  As
sending frees room, the deliverer claims again by itself, so a backlog drains
at the senders' speed rather than one claim per tick.  A crash between claim
and record loses nothing: the lease expires and the message is sent again with
the same ``webhook-id``.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import astuple, dataclass, field
from datetime import datetime, timedelta
from typing import Any, NamedTuple

import httpx
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from ir_feed.delivery import (
    Attempt,
    DeadLetter,
    Delivered,
    DiffMessage,
    DisableSubscription,
    Dispatcher,
    InvalidMessage,
    RetryAt,
    Subscription,
    make_client,
    next_attempt,
    validate_url,
)
from ir_feed.delivery.formats import format_of
from ir_feed.errors import BlockedURL, UnresolvedHost
from ir_feed.logs import get_logger
from ir_feed.metrics import Metrics
from ir_feed.services.clock import utcnow
from ir_feed.settings import DeliverySettings
from ir_feed.store import engine as store_engine
from ir_feed.store import outbox
from ir_feed.store import subscriptions as subscription_store
from ir_feed.store.subscriptions import to_delivery
from ir_feed.timestamps import utc_text


class _Send(NamedTuple):
    """A claimed message waiting in its subscription's lane (:meth:`Deliverer._queue`)."""

    claimed: outbox.Claimed
    message: DiffMessage
    subscription: Subscription
    body: bytes


@dataclass(frozen=True, slots=True)
class DeliveryRound:
    """What one ``deliver_due`` call did."""

    sent: int = 0
    delivered: int = 0
    retrying: int = 0
    dead: int = 0
    subscriptions_disabled: int = 0


@dataclass
class Deliverer:
    """Sends due outbox messages.  The dispatcher (and its HTTP client) is injected."""

    settings: DeliverySettings
    engine: Engine
    dispatcher: Dispatcher
    clock: Callable[[], datetime] = utcnow
    rng: random.Random = field(default_factory=random.Random)
    stopping: asyncio.Event = field(default_factory=asyncio.Event)
    metrics: Metrics | None = None  # deliveries by outcome and latency (None: not measured)

    def __post_init__(self) -> None:
        self._write: sessionmaker[Session] = store_engine.session_factory(self.engine, write=True)
        # SQLite: this deliverer's writes (claims, records, renewals) take turns on a lock
        # before BEGIN IMMEDIATE (see ``_writing``); PostgreSQL runs them side by side.
        self._turn: contextlib.AbstractContextManager[object] = (
            threading.Lock() if self.engine.dialect.name == "sqlite" else contextlib.nullcontext()
        )
        self._log = get_logger(component="deliverer")
        # Claimed and not recorded yet: never claimed twice by this process, even
        # when an attempt outlives its lease.
        self._sending: set[int] = set()
        # When the leases this process took run out (as taken, renewals aside), oldest
        # first, with the messages taken then: which of ``_sending`` a claim must name.
        self._leases: list[tuple[datetime, list[int]]] = []
        self._per_subscription: Counter[int] = Counter()  # claimed and still being sent
        # Claimed messages wait in their subscription's lane for one of its senders (at most
        # max_concurrency_per_subscription of them, the dispatcher's slots): see ``_queue``.
        self._lanes: dict[int, deque[_Send]] = {}
        self._senders: Counter[int] = Counter()
        self._lane_width = self.settings.max_concurrency_per_subscription
        self._tasks: set[asyncio.Task[None]] = set()  # the senders running
        self._unrecorded: list[outbox.Outcome] = []
        self._recorder: asyncio.Task[None] | None = None
        self._filler: asyncio.Task[int] | None = None
        self._more_due = False  # the last claim stopped at a limit, not for want of due messages
        self._room_bound = False  # ... at max_in_flight or the batch size (not a subscription's cap)
        self._capped: set[int] = set()  # subscriptions that were at their cap when last claimed for
        self._freed = 0  # messages of capped subscriptions answered since the last claim
        self._wake = False  # a refill was asked for while a claim was running
        self._nudged = False  # new messages were queued here while a claim was running
        self._renewed_at: datetime | None = None
        self._total = DeliveryRound()
        self._per_subscription_cap = 4 * self.settings.max_concurrency_per_subscription
        self._max_in_flight = 2 * self.settings.batch

    @contextlib.contextmanager
    def _writing(self) -> Iterator[Session]:
        """A write transaction.  On SQLite, a claim and a record running in two worker
        threads would meet on the database's write lock, where the one waiting polls
        (SQLite's busy handler sleeps 1, 2, 5 ... up to 100 ms between tries) and so
        wakes long after the other committed (bench/delivery.py: 1.5 s spent waiting
        so in a 2.8 s run).  Taking turns on a lock of our own first hands the
        database over the moment the other transaction ends."""
        with self._turn, self._write.begin() as session:
            yield session

    # -- driving ----------------------------------------------------------------

    async def tick(self) -> int:
        """The daemon's tick: renew held leases, claim what is due and start sending
        it, without waiting for the answers.  Returns how many messages were started.
        A failing database is logged; the next tick tries again."""
        await self._renew_leases()
        if self._filler is not None and not self._filler.done():
            return 0  # a claim is already running (started by finished sends)
        return await asyncio.shield(self._start_fill(log_errors=True))

    def wake(self) -> None:
        """Messages were just queued in this process (a poll stored diffs): claim now, not
        at the next tick, so a webhook follows its release at once.  Asked while a claim
        is running, that claim's end looks again.  Does nothing once stopping."""
        if self.stopping.is_set():
            return
        if self._filler is not None and not self._filler.done():
            self._nudged = True
            return
        self._start_fill(log_errors=True)

    async def _renew_leases(self) -> None:
        """Extend the leases of messages still waiting here (a Slack URL's pace, an
        endpoint probed one request at a time) every third of a lease, so no other
        process claims them meanwhile.  A crashed process renews nothing: its
        messages' leases run out and they are sent again."""
        now = self.clock()
        lease = timedelta(seconds=self.settings.lease)
        if not self._sending or (self._renewed_at is not None and now - self._renewed_at < lease / 3):
            return
        ids = sorted(self._sending)

        def renew() -> None:
            with self._writing() as session:
                outbox.renew_leases(session, ids, now + lease)

        try:
            await asyncio.to_thread(renew)
        except Exception as exc:  # the database is failing: tried again on the next tick
            self._failed("delivery_lease_renewal_failed", exc, messages=len(ids))
            return
        self._renewed_at = now

    async def release(self) -> int:
        """At shutdown, after ``drain`` ran out of time: give back the leases of the
        messages still held (waiting for a slot, or sent without an answer yet), so
        a restarted or another daemon sends them at once instead of after the lease.
        Each may be sent again, with the same ``webhook-id``.  Returns how many."""
        self.stopping.set()
        ids = sorted(self._sending - {o.message_id for o in self._unrecorded})
        if not ids:
            return 0

        def write() -> None:
            with self._writing() as session:
                outbox.release_leases(session, ids)

        await asyncio.to_thread(write)
        return len(ids)

    async def drain(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for messages being sent and recorded; True
        when none is left.

        Waits for all of what is busy at once, then looks again for what those
        started meanwhile (claims, records): waking at each first completion re-armed
        a callback on every task still in flight, a cost growing with the square of
        the messages in flight (a twelfth of ``deliver --once``'s time at a thousand)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            busy = {t for t in (*self._tasks, self._recorder, self._filler) if t is not None and not t.done()}
            if not busy:
                return True
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            await asyncio.wait(busy, timeout=remaining)

    async def deliver_due(self, *, max_rounds: int = 1000) -> DeliveryRound:
        """Deliver everything due now and wait for the outcome (``deliver --once``,
        tests, benchmarks).  Claims follow sends by themselves; a round ends when
        everything started is recorded, and another starts while a claim stopped at
        a limit rather than for want of due messages (at most ``max_rounds``)."""
        before = self._total
        for _ in range(max_rounds):
            if self.stopping.is_set():
                break
            await self.tick()
            await self.drain(timeout=float("inf"))
            if not self._more_due:
                break
        return _minus(self._total, before)

    # -- claiming -----------------------------------------------------------------

    async def _fill(self) -> int:
        """Claim and start sending until the limits are reached or nothing is due."""
        started = 0
        self._freed = 0
        self._wake = False
        while not self.stopping.is_set():
            room = self._max_in_flight - len(self._sending)
            if room <= 0:
                self._more_due = self._room_bound = True
                break
            limit = min(room, self.settings.batch)
            held = dict(self._per_subscription)
            full = frozenset(s for s, n in held.items() if n >= self._per_subscription_cap)
            claimed = await asyncio.to_thread(self._claim, limit, held)
            if self.stopping.is_set():  # stopped while claiming: give them back unsent
                await asyncio.to_thread(self._give_back, claimed)
                break
            self._start(claimed)
            started += len(claimed)
            # Subscriptions left out or given their whole share may have more due.
            took = Counter(c.subscription.id for c in claimed)
            self._capped = set(full) | {s for s, n in took.items() if n + held.get(s, 0) >= self._per_subscription_cap}
            self._room_bound = len(claimed) >= limit
            self._more_due = self._room_bound or bool(self._capped)
            # A short claim ends the round, unless it capped another subscription:
            # leaving that one out may reveal other subscriptions' due messages.
            if not claimed or (len(claimed) < limit and self._capped <= full):
                break
        return started

    def _give_back(self, claimed: list[outbox.Claimed]) -> None:
        ids = [c.id for c in claimed]
        try:
            with self._writing() as session:
                outbox.release_leases(session, ids)
        finally:
            self._sending.difference_update(ids)

    def _claim(self, limit: int, held: dict[int, int]) -> list[outbox.Claimed]:
        """Claim, in a worker thread (one claim runs at a time: ``_leases`` is only
        touched here)."""
        lease = timedelta(seconds=self.settings.lease)
        sending = frozenset(self._sending)
        with self._writing() as session:
            now = self.clock()
            claimed = outbox.claim_due(
                session,
                now,
                lease=lease,
                limit=limit,
                exclude=sending,
                lapsed=self._lapsed(now, sending),
                per_subscription=self._per_subscription_cap,
                held=held,
            )
        self._sending.update(c.id for c in claimed)
        self._leases.append((now + lease, [c.id for c in claimed]))
        return claimed

    def _lapsed(self, now: datetime, sending: frozenset[int]) -> list[int]:
        """The messages still being sent whose lease, as this process took it, has run
        out by ``now`` (a renewal may have extended it, or not: a row being recorded is
        skipped).  The others are still leased in the database, so a claim's query
        need not name them (:func:`outbox.claim_due`'s ``lapsed``)."""
        self._leases = [(until, ids) for until, ids in self._leases if not sending.isdisjoint(ids)]
        return [i for until, ids in self._leases if until <= now for i in ids if i in sending]

    def _start(self, claimed: list[outbox.Claimed]) -> None:
        """Queue each message in its subscription's lane; each diff's body is rendered once per format."""
        subs: dict[int, Subscription] = {}
        bodies: dict[tuple[int, str], bytes] = {}
        for c in claimed:
            try:
                sub = subs.get(c.subscription.id)
                if sub is None:
                    sub = subs[c.subscription.id] = to_delivery(c.subscription)
                message = outbox.diff_message(c.public_id, c.diff)
                body = bodies.get((c.diff.id, sub.format))
                if body is None:
                    body = format_of(sub.format).render(message)
                    bodies[(c.diff.id, sub.format)] = body
            except (InvalidMessage, ValueError) as exc:  # cannot be sent as stored: a dead letter, recorded
                self._finished(c, self._outcome(c, None, DeadLetter(f"cannot be sent: {exc}"), self.clock()))
                continue
            except Exception as exc:  # a bug rendering it: a dead letter too, never a message held forever
                self._log.exception("delivery_render_crashed", subscription=c.subscription.name, message=c.public_id)
                outcome = self._outcome(c, None, DeadLetter(f"cannot be sent: internal error {exc!r}"), self.clock())
                self._finished(c, outcome)
                continue
            self._per_subscription[c.subscription.id] += 1
            self._queue(_Send(c, message, sub, body))

    # -- sending ------------------------------------------------------------------

    def _queue(self, send: _Send) -> None:
        """Queue a message in its subscription's lane, and start another of the lane's
        senders while it has fewer than the dispatcher lets through at once.

        A lane's senders take its messages in turn, so a subscription's backlog waits in a
        deque, not as one task per message queueing on the dispatcher's slots (creating
        those tasks and waking them one by one cost more than the dispatcher itself).  The
        dispatcher still holds each message until its slot (and a Slack URL's turn, or an
        unanswered endpoint's probe) is free, and signs it then."""
        sub_id = send.claimed.subscription.id
        lane = self._lanes.get(sub_id)
        if lane is None:
            lane = self._lanes[sub_id] = deque()
        lane.append(send)
        if self._senders[sub_id] < self._lane_width:
            self._senders[sub_id] += 1
            task = asyncio.create_task(self._send_lane(sub_id, lane))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _send_lane(self, sub_id: int, lane: deque[_Send]) -> None:
        """One of a lane's senders: deliver its messages, one at a time, until it is empty."""
        try:
            while lane:
                c, message, sub, body = lane.popleft()
                outcome: outbox.Outcome | None = None
                try:
                    attempt = await self.dispatcher.deliver(message, sub, body=body)
                    outcome = self._decided(c, attempt)
                except Exception:  # a bug, not a failed delivery: the lease expires and it is sent again
                    self._log.exception("delivery_crashed", subscription=c.subscription.name, message=c.public_id)
                finally:
                    self._answered(c, outcome)
        finally:
            self._senders[sub_id] -= 1
            if self._senders[sub_id] <= 0:
                del self._senders[sub_id]
                if not lane and self._lanes.get(sub_id) is lane:
                    del self._lanes[sub_id]

    def _decided(self, c: outbox.Claimed, attempt: Attempt) -> outbox.Outcome:
        """What ``attempt`` leads to (:func:`next_attempt`), as the outcome to record."""
        now = self.clock()
        decision = next_attempt(
            c.attempts + 1,
            status=attempt.status,
            retry_after=attempt.retry_after,
            first_failure_at=c.subscription.failing_since if not attempt.ok else None,
            now=now,
            rand=self.rng.random(),
        )
        return self._outcome(c, attempt, decision, now)

    def _answered(self, c: outbox.Claimed, outcome: outbox.Outcome | None) -> None:
        """A message's attempt is over: its outcome goes to be recorded (none: a bug, and
        the message is left to its lease), its room is free."""
        self._per_subscription[c.subscription.id] -= 1
        if self._per_subscription[c.subscription.id] <= 0:
            del self._per_subscription[c.subscription.id]
        if outcome is None:
            self._sending.discard(c.id)
        else:
            self._finished(c, outcome)
        self._maybe_refill(c.subscription.id)

    def _maybe_refill(self, subscription_id: int | None = None) -> None:
        """Claim again once enough room is free (not after every single answer): half
        the in-flight limit when the last claim was bound by room, or, when it was
        bound by subscriptions' caps, a quarter batch (or half of what those
        subscriptions may hold) of their messages answered.  Asked while a claim is
        running, the request is kept and looked at when that claim ends."""
        if subscription_id in self._capped:
            self._freed += 1
        if not self._more_due or self.stopping.is_set():
            return
        if self._filler is not None and not self._filler.done():
            self._wake = True
            return
        share = (self._per_subscription_cap // 2) * len(self._capped)
        freed_enough = bool(self._capped) and self._freed >= max(1, min(self.settings.batch // 4, share))
        room_freed = self._room_bound and len(self._sending) <= self._max_in_flight // 2
        if freed_enough or room_freed:
            self._start_fill(log_errors=True)

    def _start_fill(self, *, log_errors: bool = False) -> asyncio.Task[int]:
        self._filler = asyncio.create_task(self._fill_logged() if log_errors else self._fill())
        self._filler.add_done_callback(self._filled)
        return self._filler

    def _filled(self, task: asyncio.Task[int]) -> None:
        """A claim that started messages may have seen them all answered before it
        ended, and refills asked for while it ran were kept: look again.  A claim
        that found nothing, unasked, does not, so an idle outbox is not polled in a loop."""
        if task.cancelled() or task.exception() is not None:
            return
        if self._nudged and not self.stopping.is_set():  # queued while this claim ran: claim again
            self._nudged = False
            self._start_fill(log_errors=True)
            return
        if task.result() > 0 or self._wake:  # (not after finding nothing to claim, unasked: no idle loop)
            self._maybe_refill()

    async def _fill_logged(self) -> int:
        try:
            return await self._fill()
        except Exception as exc:  # the database is failing: the next tick tries again (no retry loop here)
            self._failed("delivery_claim_failed", exc)
            self._more_due = False
            return 0

    # -- recording ----------------------------------------------------------------

    def _finished(self, c: outbox.Claimed, outcome: outbox.Outcome) -> None:
        self._unrecorded.append(outcome)
        if self._recorder is None or self._recorder.done():
            self._recorder = asyncio.create_task(self._record_pending())

    async def _record_pending(self) -> None:
        """Record finished attempts; those finishing meanwhile are grouped into the next write."""
        await asyncio.sleep(0.005)  # let answers arriving together share one transaction
        while self._unrecorded:
            outcomes, self._unrecorded = self._unrecorded, []
            now = self.clock()
            try:
                disabled = await asyncio.to_thread(self._record, outcomes, now)
            except Exception as exc:  # the database is failing: the leases expire and the messages go again
                self._failed("delivery_batch_unrecorded", exc, messages=len(outcomes))
                continue
            finally:
                self._sending.difference_update(o.message_id for o in outcomes)
            summary = self._summarise(outcomes, disabled)
            self._total = _plus(self._total, summary)
            if self.metrics is not None:  # recorded: count each attempt's outcome
                for o in outcomes:
                    sent = o.error_kind != "invalid_message"
                    self.metrics.delivery_finished(o.new_status, o.latency_ms / 1000 if sent else None)
            self._log.info(
                "delivery_batch",
                sent=summary.sent,
                delivered=summary.delivered,
                retrying=summary.retrying,
                dead=summary.dead,
                subscriptions_disabled=summary.subscriptions_disabled,
            )
            self._maybe_refill()

    def _failed(self, event: str, exc: BaseException, **fields: Any) -> None:
        """Log a failed database write: the database itself failing (a full disk, an I/O
        error, a lost server) is one error line with its reason; anything else is a bug
        and keeps its traceback."""
        reason = store_engine.database_failure(exc)
        if reason is None:
            self._log.exception(event, **fields)
        else:
            self._log.error(event, error=f"database error: {reason}", **fields)

    def _outcome(
        self,
        c: outbox.Claimed,
        attempt: Attempt | None,
        decision: Delivered | RetryAt | DeadLetter | DisableSubscription,
        now: datetime,
    ) -> outbox.Outcome:
        status, next_at, disable = "dead", None, None
        error = attempt.error if attempt is not None else None
        if isinstance(decision, Delivered):
            status = "delivered"
        elif isinstance(decision, RetryAt):
            status, next_at = "retrying", decision.at
        elif isinstance(decision, DeadLetter):
            error = f"{error}; {decision.reason}" if error else decision.reason
        else:
            disable = decision.reason
            error = f"{error}; {decision.reason}" if error else decision.reason
        # One line per success is DEBUG (every attempt is in the database, and a busy
        # subscriber would get thousands a second); each batch's totals are INFO.
        log = self._log.debug if status == "delivered" else self._log.warning
        log(
            "webhook_delivered" if status == "delivered" else "webhook_delivery_failed",
            subscription=c.subscription.name,
            message=c.public_id,
            attempt=c.attempts + 1,
            status=attempt.status if attempt else None,
            outcome=status,
            error=error,
            next_attempt_at=utc_text(next_at) if next_at else None,
            subscription_disabled=disable,
        )
        return outbox.Outcome(
            message_id=c.id,
            subscription_id=c.subscription.id,
            number=c.attempts + 1,
            started_at=attempt.started_at if attempt else now,
            status=attempt.status if attempt else None,
            latency_ms=round(attempt.latency * 1000) if attempt else 0,
            error=error,
            error_kind=attempt.error_kind if attempt else "invalid_message",
            response_excerpt=attempt.response_excerpt if attempt else "",
            new_status=status,
            next_attempt_at=next_at,
            disable_reason=disable,
        )

    def _record(self, outcomes: list[outbox.Outcome], now: datetime) -> set[int]:
        with self._writing() as session:
            return outbox.record(session, outcomes, now)

    @staticmethod
    def _summarise(outcomes: list[outbox.Outcome], disabled: set[int]) -> DeliveryRound:
        return DeliveryRound(
            sent=len(outcomes),
            delivered=sum(o.new_status == "delivered" for o in outcomes),
            retrying=sum(o.new_status == "retrying" for o in outcomes),
            dead=sum(o.new_status == "dead" for o in outcomes),
            subscriptions_disabled=len(disabled),
        )


def _plus(a: DeliveryRound, b: DeliveryRound) -> DeliveryRound:
    return DeliveryRound(*(x + y for x, y in zip(astuple(a), astuple(b), strict=True)))


def _minus(a: DeliveryRound, b: DeliveryRound) -> DeliveryRound:
    return DeliveryRound(*(x - y for x, y in zip(astuple(a), astuple(b), strict=True)))


def make_dispatcher(settings: DeliverySettings, *, user_agent: str) -> tuple[Dispatcher, httpx.AsyncClient]:
    """The production dispatcher over the SSRF-guarded client (close the client when done)."""
    client = make_client(
        allow_private_networks=settings.allow_private_networks,
        timeout=settings.timeout,
        max_connections=settings.max_concurrency,
        user_agent=user_agent,
    )
    dispatcher = Dispatcher(
        client,
        timeout=settings.timeout,
        max_concurrency_per_subscription=settings.max_concurrency_per_subscription,
    )
    return dispatcher, client


async def sync_subscriptions(settings: DeliverySettings, engine: Engine, *, now: datetime) -> None:
    """Make config subscriptions match the config; a URL the SSRF guard refuses
    disables its subscription with the reason (the daemon keeps running)."""
    refused: dict[str, str] = {}
    unresolved: dict[str, str] = {}
    for sub in settings.subscriptions:
        try:
            await validate_url(sub.url.get_secret_value(), allow_private_networks=settings.allow_private_networks)
        except BlockedURL as exc:
            refused[sub.name] = str(exc)
        except UnresolvedHost as exc:
            # DNS may simply not be up yet (containers): keep the subscription; every
            # delivery attempt is checked at connect time and retried on failure.
            unresolved[sub.name] = str(exc)

    def write() -> None:
        with store_engine.session_factory(engine, write=True).begin() as session:
            subscription_store.sync_subscriptions(session, settings.subscriptions, now)
            for name, reason in refused.items():
                subscription_store.set_enabled(session, name, enabled=False, reason=f"URL refused: {reason}", now=now)

    await asyncio.to_thread(write)
    log = get_logger(component="deliverer")
    for name, reason in refused.items():
        log.error("subscription_url_refused", subscription=name, reason=reason)
    for name, reason in unresolved.items():
        log.warning("subscription_host_unresolved", subscription=name, reason=reason)
