"""Delivering: the outbox half of the pipeline.

::

    deliver_due()
      store: claim due messages under a lease             [short write transaction]
      delivery: sign and send each one, bounded per subscription   [network, no transaction]
      delivery.next_attempt: delivered / retry at / dead / disable [pure]
      store: record every attempt and each message's next state    [one write transaction]

A batch that comes back full is followed at once by the next, so a backlog
drains at the sender's speed rather than one batch per tick.  A crash between
claim and record loses nothing: the lease expires and the message is sent
again with the same ``webhook-id``.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

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
    render_slack,
    render_webhook,
    validate_url,
)
from ir_feed.errors import BlockedURL, UnresolvedHost
from ir_feed.logs import get_logger
from ir_feed.metrics import Metrics
from ir_feed.services.clock import utcnow
from ir_feed.settings import DeliverySettings
from ir_feed.store import engine as store_engine
from ir_feed.store import outbox
from ir_feed.store import subscriptions as subscription_store
from ir_feed.store.subscriptions import to_delivery


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
        self._log = get_logger(component="deliverer")
        self._in_flight: set[asyncio.Task[DeliveryRound]] = set()
        self._sending: set[int] = set()  # message ids this process has claimed and not recorded yet

    async def tick(self, *, max_batches_in_flight: int = 4) -> int:
        """The daemon's tick: claim due messages and start sending them, without
        waiting for the answers, so messages that fall due while a slow receiver
        holds a batch (up to the request timeout) go out on the next tick.
        Claimed messages are leased, so no batch is started twice.  Returns how
        many messages were started."""
        started = 0
        while not self.stopping.is_set() and len(self._in_flight) < max_batches_in_flight:
            claimed = await asyncio.to_thread(self._claim)
            if not claimed:
                break
            task = asyncio.create_task(self._send_logged(claimed))
            self._in_flight.add(task)
            task.add_done_callback(self._in_flight.discard)
            started += len(claimed)
            if len(claimed) < self.settings.batch:
                break
        return started

    async def drain(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for batches being sent; True when none is left."""
        if not self._in_flight:
            return True
        _done, pending = await asyncio.wait(set(self._in_flight), timeout=timeout)
        return not pending

    async def deliver_due(self, *, max_rounds: int = 1000, pipeline: int = 2) -> DeliveryRound:
        """Deliver everything due now and wait for the outcome (``deliver --once``,
        tests, benchmarks).  Up to ``pipeline`` batches are in flight at
        once, so the next batch is claimed and sending while the slowest requests
        of the previous one finish (their leases keep the batches apart)."""
        total = DeliveryRound()
        in_flight: set[asyncio.Task[DeliveryRound]] = set()

        def add(done: set[asyncio.Task[DeliveryRound]]) -> None:
            nonlocal total
            for task in done:
                total = DeliveryRound(*(a + b for a, b in zip(_fields(total), _fields(task.result()), strict=True)))

        try:
            for _ in range(max_rounds):
                if self.stopping.is_set():
                    break
                claimed = await asyncio.to_thread(self._claim)
                if not claimed:
                    break
                in_flight.add(asyncio.create_task(self._send(claimed)))
                if len(in_flight) >= pipeline:
                    done, in_flight = await asyncio.wait(in_flight, return_when=asyncio.FIRST_COMPLETED)
                    add(done)
                if len(claimed) < self.settings.batch:
                    break
        finally:
            if in_flight:
                done, _ = await asyncio.wait(in_flight)
                add(done)
        return total

    def _claim(self) -> list[outbox.Claimed]:
        with self._write.begin() as session:
            claimed = outbox.claim_due(
                session,
                self.clock(),
                lease=timedelta(seconds=self.settings.lease),
                limit=self.settings.batch,
                exclude=frozenset(self._sending),
            )
        self._sending.update(c.id for c in claimed)
        return claimed

    async def _send_logged(self, claimed: list[outbox.Claimed]) -> DeliveryRound:
        """``_send`` for a task nobody awaits: a failure (the database going away
        while recording) is logged; the messages' leases expire and they are sent
        again, with the same ids."""
        try:
            return await self._send(claimed)
        except Exception:
            self._log.exception("delivery_batch_unrecorded", messages=len(claimed))
            return DeliveryRound()

    async def _send(self, claimed: list[outbox.Claimed]) -> DeliveryRound:
        try:
            return await self._send_batch(claimed)
        finally:
            self._sending.difference_update(c.id for c in claimed)

    async def _send_batch(self, claimed: list[outbox.Claimed]) -> DeliveryRound:
        pairs: list[tuple[outbox.Claimed, DiffMessage, Subscription]] = []
        invalid: list[outbox.Outcome] = []
        subs: dict[int, Subscription] = {}
        for c in claimed:
            try:
                sub = subs.get(c.subscription.id)
                if sub is None:
                    sub = subs[c.subscription.id] = to_delivery(c.subscription)
                pairs.append((c, outbox.diff_message(c.public_id, c.diff), sub))
            except (InvalidMessage, ValueError) as exc:  # cannot be sent as stored: a dead letter, recorded
                invalid.append(self._outcome(c, None, DeadLetter(f"cannot be sent: {exc}"), self.clock()))
        # Render each diff's body once per format, whatever the number of subscribers.
        bodies: dict[tuple[int, str], bytes] = {}
        for c, m, sub in pairs:
            if (c.diff.id, sub.format) not in bodies:
                bodies[(c.diff.id, sub.format)] = render_slack(m) if sub.format == "slack" else render_webhook(m)
        attempts = await asyncio.gather(
            *(self.dispatcher.deliver(m, sub, body=bodies[(c.diff.id, sub.format)]) for c, m, sub in pairs)
        )
        now = self.clock()
        outcomes = invalid
        for (c, _m, _s), attempt in zip(pairs, attempts, strict=True):
            decision = next_attempt(
                c.attempts + 1,
                status=attempt.status,
                retry_after=attempt.retry_after,
                first_failure_at=c.subscription.failing_since if not attempt.ok else None,
                now=now,
                rand=self.rng.random(),
            )
            outcomes.append(self._outcome(c, attempt, decision, now))
        await asyncio.to_thread(self._record, outcomes, now)
        if self.metrics is not None:  # recorded: count each attempt's outcome
            for o in outcomes:
                sent = o.error_kind != "invalid_message"
                self.metrics.delivery_finished(o.new_status, o.latency_ms / 1000 if sent else None)
        summary = self._summarise(outcomes)
        self._log.info(
            "delivery_batch",
            sent=summary.sent,
            delivered=summary.delivered,
            retrying=summary.retrying,
            dead=summary.dead,
            subscriptions_disabled=summary.subscriptions_disabled,
        )
        return summary

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
            next_attempt_at=next_at.isoformat() if next_at else None,
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

    def _record(self, outcomes: list[outbox.Outcome], now: datetime) -> None:
        with self._write.begin() as session:
            outbox.record(session, outcomes, now)

    @staticmethod
    def _summarise(outcomes: list[outbox.Outcome]) -> DeliveryRound:
        return DeliveryRound(
            sent=len(outcomes),
            delivered=sum(o.new_status == "delivered" for o in outcomes),
            retrying=sum(o.new_status == "retrying" for o in outcomes),
            dead=sum(o.new_status == "dead" for o in outcomes),
            subscriptions_disabled=len({o.subscription_id for o in outcomes if o.disable_reason}),
        )


def _fields(r: DeliveryRound) -> tuple[int, int, int, int, int]:
    return (r.sent, r.delivered, r.retrying, r.dead, r.subscriptions_disabled)


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
