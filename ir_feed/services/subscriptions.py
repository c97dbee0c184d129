"""An operator's actions on one subscription, shared by the API and the CLI.

::

    create(name, url, …)      check the name (one rule: the config's), URL (SSRF guard),
                              secret and filters → one write txn: the subscription, with a
                              generated secret when none was given
    update(name, change)      check the new values (URL through the SSRF guard, secret,
                              filters) → one write txn: the subscription changed and, for a
                              new URL, its messages waiting for a retry due at once
    rotate_secret(name, overlap)   a generated secret becomes the current one; the old
                              ones keep signing until the overlap ends
    send_test(name)           an ``ir_feed.test`` message, built and signed as a diff
                              message is, POSTed over the SSRF-guarded client; the
                              receiver's answer is returned, nothing is written

A subscription defined in the config file gets its URL, format, secret and filters
from the config at every start (``sync_subscriptions``): changing or rotating them
elsewhere is refused with :class:`~ir_feed.errors.ConfigManaged` (the config is where
they change).  Pausing and resuming it is not, as with ``ir-feed subscriptions pause``.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from ir_feed.delivery import (
    Attempt,
    DeliveryError,
    Resolver,
    probe_request,
    send,
    system_resolver,
    validate_secret,
    validate_url,
)
from ir_feed.delivery.formats import FORMAT_NAMES, FORMATS
from ir_feed.errors import (
    BlockedURL,
    ConfigManaged,
    InvalidChange,
    NoSuchSubscription,
    NotSigned,
    SubscriptionExists,
    UnresolvedHost,
)
from ir_feed.settings import NAME, DeliverySettings, port_problem
from ir_feed.store import outbox
from ir_feed.store import subscriptions as store
from ir_feed.store.subscriptions import FILTER_FIELDS
from ir_feed.store.tables import SubscriptionRow

DEFAULT_OVERLAP = timedelta(hours=24)
MAX_OVERLAP = timedelta(days=7)


@dataclass(frozen=True)
class Change:
    """What an operator changes; None (or a filter left out) keeps the current value.

    ``filters`` maps a filter name (``tickers``, ``kinds``, ``designations``,
    ``agencies``, ``diff_types``) to its new values, empty for "everything"."""

    url: str | None = None
    format: str | None = None
    secret: str | None = None
    filters: Mapping[str, Sequence[str]] = field(default_factory=dict)
    enabled: bool | None = None

    def defines(self) -> bool:
        """Whether it changes what the config file defines (all but pausing)."""
        return any(v is not None for v in (self.url, self.format, self.secret)) or bool(self.filters)


@dataclass(frozen=True)
class Created:
    subscription: dict[str, Any]  # as :func:`ir_feed.store.subscriptions.public` shows it
    secret: str | None  # generated (none was given to a webhook subscription): shown this once


@dataclass(frozen=True)
class Updated:
    subscription: dict[str, Any]  # as :func:`ir_feed.store.subscriptions.public` shows it
    secret: str | None  # generated (a Slack subscription made a webhook one): shown this once
    requeued: int  # messages waiting for a retry made due at once (a new URL)


@dataclass(frozen=True)
class Rotated:
    name: str
    secret: str  # the new one: shown this once
    previous_secrets_expire_at: datetime | None  # None: the old ones stopped signing at once


@dataclass(frozen=True)
class ProbeResult:
    message_id: str  # the webhook-id the test was sent with (no outbox message has it)
    url: str  # as shown to people (a Slack URL masked)
    attempt: Attempt | None  # None when the message could not be built
    error: str | None = None  # why it could not be built

    @property
    def ok(self) -> bool:
        return self.attempt is not None and self.attempt.ok

    def public(self) -> dict[str, Any]:
        """The receiver's answer as the API and the CLI show it."""
        a = self.attempt
        return {
            "message_id": self.message_id,
            "url": self.url,
            "ok": self.ok,
            "status": a.status if a else None,
            "latency_ms": round(a.latency * 1000) if a else None,
            "error": a.error if a else self.error,
            "error_kind": a.error_kind if a else "invalid_message",
            "response_excerpt": a.response_excerpt if a else "",
        }


# -- checking values ---------------------------------------------------------------


async def check_url(url: str, settings: DeliverySettings, resolver: Resolver = system_resolver) -> str:
    """The receiver URL as it will be stored, or :class:`InvalidChange` (``blocked`` when
    the SSRF guard refuses it: ``delivery.allow_private_networks`` is honoured)."""
    if problem := port_problem(url):  # else stored, then failing at every delivery
        raise InvalidChange("url", problem)
    try:
        return await validate_url(url, allow_private_networks=settings.allow_private_networks, resolver=resolver)
    except (BlockedURL, UnresolvedHost) as exc:
        raise InvalidChange("url", f"refused: {exc}", blocked=True) from None


def check_name(name: str) -> str:
    """A subscription's name, by the one rule the config file, the API and the CLI share
    (:data:`ir_feed.settings.NAME`), else :class:`InvalidChange`."""
    if len(name) > 100 or re.fullmatch(NAME, name) is None:
        raise InvalidChange(
            "name", "letters, digits, '.', '_' and '-', starting with a letter or a digit (at most 100 characters)"
        )
    return name


def check_secret(secret: str) -> str:
    """One or several space-separated ``whsec_`` secrets, else :class:`InvalidChange`
    (the secret itself is never in the reason)."""
    parts = secret.split()
    if not parts:
        raise InvalidChange("secret", "not a valid secret: empty")
    for part in parts:
        try:
            validate_secret(part)
        except ValueError as exc:
            raise InvalidChange("secret", f"not a valid secret: {exc}") from None
    return " ".join(parts)


def check_filters(given: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """The filters given, normalised as stored (only those given)."""
    unknown = set(given) - set(FILTER_FIELDS)
    if unknown:
        raise InvalidChange("filters", f"unknown filter(s): {', '.join(sorted(unknown))}")
    try:
        normalised = store.filters_dict(**{name: list(values) for name, values in given.items()})
    except ValueError as exc:
        raise InvalidChange("filters", str(exc)) from None
    return {name: normalised[name] for name in given}


# -- the actions -------------------------------------------------------------------


async def create(
    write: sessionmaker[Session],
    *,
    name: str,
    url: str,
    format: str,
    secret: str | None,
    filters: Mapping[str, Sequence[str]],
    settings: DeliverySettings,
    now: datetime,
    origin: str,
    resolver: Resolver = system_resolver,
) -> Created:
    """A new subscription, every value checked first (:class:`InvalidChange`); a name
    taken, even by one created at the same moment, is :class:`SubscriptionExists`."""
    check_name(name)
    url = await check_url(url, settings, resolver)
    secret = check_secret(secret) if secret and secret.strip() else None
    checked = check_filters(filters)

    def write_txn() -> Created:
        with write.begin() as session:
            if store.get(session, name) is not None:
                raise SubscriptionExists(name)
            row, generated = store.add(
                session, name=name, url=url, format=format, secret=secret, filters=checked, now=now, origin=origin
            )
            return Created(store.public(row, now), generated)

    try:
        return await asyncio.to_thread(write_txn)
    except IntegrityError:  # created concurrently
        raise SubscriptionExists(name) from None


def _existing(session: Session, name: str) -> SubscriptionRow:
    row = store.get(session, name)
    if row is None:
        raise NoSuchSubscription(name)
    return row


def _check_origin(row: SubscriptionRow, change: Change) -> None:
    if row.origin == "config" and change.defines():
        raise ConfigManaged(row.name, "change its URL, format, secret or filters")


async def update(
    read: sessionmaker[Session],
    write: sessionmaker[Session],
    name: str,
    change: Change,
    *,
    settings: DeliverySettings,
    now: datetime,
    resolver: Resolver = system_resolver,
) -> Updated:
    """Apply ``change`` to the subscription ``name`` (see the module docstring).

    The values are checked as for a new subscription; nothing is written unless all
    pass.  A new URL is another endpoint: the failure streak ends, and the messages
    waiting for a retry are due at once with their whole retry schedule (dead letters
    stay dead: ``replay``).  New filters decide what is queued from now on; messages
    already queued are sent.  ``enabled`` False pauses, True resumes."""

    def look() -> None:
        with read() as session:
            _check_origin(_existing(session, name), change)

    await asyncio.to_thread(look)  # unknown or config-defined: said before the URL is looked up
    url = await check_url(change.url, settings, resolver) if change.url is not None else None
    secret = check_secret(change.secret) if change.secret is not None else None
    filters = check_filters(change.filters) if change.filters else None
    if change.format is not None and change.format not in FORMATS:
        raise InvalidChange("format", f"must be {' or '.join(FORMAT_NAMES)}")

    def apply() -> Updated:
        with write.begin() as session:
            row = _existing(session, name)
            _check_origin(row, change)
            new_url = url is not None and url != row.url
            generated = store.update(
                session, row, url=url, format=change.format, secret=secret, filters=filters, now=now
            )
            if change.enabled is not None and change.enabled != row.enabled:
                reason = None if change.enabled else outbox.PAUSED
                store.set_enabled(session, name, enabled=change.enabled, reason=reason, now=now)
            requeued = outbox.requeue_waiting(session, row.id, now) if new_url else 0
            session.flush()
            return Updated(store.public(row, now), generated, requeued)

    return await asyncio.to_thread(apply)


def check_overlap(overlap: timedelta) -> timedelta:
    if not timedelta(0) <= overlap <= MAX_OVERLAP:
        raise InvalidChange("overlap", f"must be from 0 to {MAX_OVERLAP.days} days")
    return overlap


def rotate_secret(write: sessionmaker[Session], name: str, *, overlap: timedelta, now: datetime) -> Rotated:
    """Generate a new signing secret for ``name``; the ones it replaces keep signing until
    ``now + overlap`` (0 to :data:`MAX_OVERLAP`; 0 retires them at once)."""
    check_overlap(overlap)
    with write.begin() as session:
        row = _existing(session, name)
        if row.origin == "config":
            raise ConfigManaged(name, "rotate its secret (space-separate the old and new secrets)")
        if not FORMATS[row.format].signed:
            raise NotSigned(name)
        secret = store.rotate_secret(session, row, overlap=overlap, now=now)
        return Rotated(name, secret, row.previous_secrets_expire_at)


async def send_test(
    read: sessionmaker[Session],
    name: str,
    *,
    client: httpx.AsyncClient,
    timeout: float,
    now: datetime,
) -> ProbeResult:
    """POST an ``ir_feed.test`` message to the subscription ``name`` now, whatever its
    state (paused or disabled too), signed with every secret signing at ``now``, over
    ``client`` (the SSRF-guarded delivery client: the address connected to is checked,
    as for every delivery).  Writes nothing: no outbox message, no attempt, no health."""

    def look() -> tuple[SubscriptionRow, list[str]]:
        with read() as session:
            row = _existing(session, name)
            session.expunge(row)
            return row, store.signing_secrets(row, now)

    row, secrets = await asyncio.to_thread(look)
    message_id = outbox.new_message_id(now)
    shown = store.shown_url(row)
    try:
        sub = store.to_delivery(_Signing(row.name, row.url, secrets, row.format))
        request = probe_request(sub, message_id, now)
    except (DeliveryError, ValueError) as exc:  # a stored secret the signer refuses
        return ProbeResult(message_id, shown, None, f"cannot be sent: {exc}")
    return ProbeResult(message_id, shown, await send(request, client=client, timeout=timeout))


@dataclass(frozen=True)
class _Signing:
    """A subscription with the secrets signing at one moment (for :func:`store.to_delivery`)."""

    name: str
    url: str
    secrets: list[str]
    format: str
