"""Subscriptions: who gets which diffs, and how their health is kept.

Subscriptions come from the config (``origin = config``, synced at start) or
are managed with ``ir-feed subscriptions`` (``origin = cli``) and the API
(``origin = api``).  A signing secret is generated when none is given and
stored; it is shown once, when created (or rotated).

A rotation (:func:`rotate_secret`) makes a new secret the current one and keeps
the secrets it replaces in ``previous_secrets`` until ``previous_secrets_expire_at``:
until then every message is signed with both (:func:`active_secrets`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from ir_feed.delivery import Filters, Subscription, generate_secret
from ir_feed.delivery.formats import FORMATS, format_of
from ir_feed.fetch import redact_url
from ir_feed.settings import SubscriptionSettings
from ir_feed.store.engine import serialise_config_sync
from ir_feed.store.tables import SubscriptionRow

FILTER_FIELDS = ("tickers", "kinds", "designations", "agencies", "diff_types")
MAX_PREVIOUS_SECRETS = 4  # retired secrets still signing at once (rotations in quick succession)


def filters_dict(
    *,
    tickers: Sequence[str] = (),
    kinds: Sequence[str] = (),
    designations: Sequence[str] = (),
    agencies: Sequence[str] = (),
    diff_types: Sequence[str] = (),
) -> dict[str, list[str]]:
    """Normalised filters as stored (validated by :meth:`Filters.of`)."""
    f = Filters.of(tickers=tickers, kinds=kinds, designations=designations, agencies=agencies, diff_types=diff_types)
    return {name: sorted(getattr(f, name)) for name in FILTER_FIELDS}


def filters_of(row: SubscriptionRow) -> Filters:
    data = row.filters or {}
    return Filters.of(**{name: data.get(name, []) for name in FILTER_FIELDS})


class _SubscriptionLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def secrets(self) -> list[str]: ...
    @property
    def format(self) -> str: ...


def active_secrets(
    secrets: Sequence[str], previous: Sequence[str] | None, expire_at: datetime | None, now: datetime
) -> list[str]:
    """The secrets that sign a message at ``now``: the current ones (newest first), then
    those a rotation retired, while its overlap lasts."""
    active = list(secrets)
    if previous and expire_at is not None and now < expire_at:
        active.extend(s for s in previous if s not in active)
    return active


def signing_secrets(row: SubscriptionRow, now: datetime) -> list[str]:
    return active_secrets(row.secrets, row.previous_secrets, row.previous_secrets_expire_at, now)


def to_delivery(row: _SubscriptionLike) -> Subscription:
    return Subscription(id=row.name, url=row.url, secrets=tuple(row.secrets), format=format_of(row.format).name)


def _config_filters(sub: SubscriptionSettings) -> dict[str, list[str]]:
    return filters_dict(
        tickers=sub.tickers,
        kinds=sub.kinds,
        designations=sub.designations,
        agencies=sub.agencies,
        diff_types=sub.diff_types,
    )


def sync_subscriptions(session: Session, configured: Sequence[SubscriptionSettings], now: datetime) -> None:
    """Make config-origin subscriptions match the config.  A CLI/API subscription
    of the same name wins; config ones no longer listed are disabled, not deleted
    (their delivery history stays)."""
    serialise_config_sync(session)
    rows = {r.name: r for r in session.scalars(select(SubscriptionRow))}
    names = set()
    for sub in configured:
        names.add(sub.name)
        row = rows.get(sub.name)
        secrets = sub.secret.get_secret_value().split() if sub.secret is not None else []
        if row is None:
            row = SubscriptionRow(
                name=sub.name,
                origin="config",
                enabled=sub.enabled,
                disabled_reason=None if sub.enabled else "disabled in config",
                created_at=now,
            )
            session.add(row)
        elif row.origin != "config":
            continue
        url = sub.url.get_secret_value()
        if row.url != url:
            row.failing_since = None
        row.url, row.format, row.filters, row.secrets = url, sub.format, _config_filters(sub), secrets
        if not sub.enabled and row.enabled:
            row.enabled, row.disabled_reason = False, "disabled in config"
        elif sub.enabled and not row.enabled and _config_reason(row.disabled_reason):
            row.enabled, row.disabled_reason = True, None  # re-checked by the caller (URL guard)
        row.updated_at = now
    for name, row in rows.items():
        if row.origin == "config" and name not in names and row.enabled:
            row.enabled, row.disabled_reason, row.updated_at = False, "removed from config", now


def _config_reason(reason: str | None) -> bool:
    """Disabled for a reason the config itself can lift (not 410 or failures)."""
    return reason in {"disabled in config", "removed from config"} or (reason or "").startswith("URL refused")


def add(
    session: Session,
    *,
    name: str,
    url: str,
    format: str,
    secret: str | None,
    filters: dict[str, list[str]],
    now: datetime,
    origin: str = "cli",
) -> tuple[SubscriptionRow, str | None]:
    """Create a subscription; returns it and the secret when one was generated."""
    generated = None
    secrets = secret.split() if secret else []
    if FORMATS[format].signed and not secrets:
        generated = generate_secret()
        secrets = [generated]
    row = SubscriptionRow(
        name=name,
        url=url,
        format=format,
        secrets=secrets,
        filters=filters,
        enabled=True,
        origin=origin,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    return row, generated


def get(session: Session, name: str) -> SubscriptionRow | None:
    return session.scalar(select(SubscriptionRow).where(SubscriptionRow.name == name))


def remove(session: Session, name: str) -> bool:
    row = get(session, name)
    if row is None:
        return False
    session.delete(row)
    return True


def set_enabled(session: Session, name: str, *, enabled: bool, reason: str | None, now: datetime) -> bool:
    row = get(session, name)
    if row is None:
        return False
    row.enabled = enabled
    row.disabled_reason = None if enabled else reason
    if enabled:
        row.failing_since = None
    row.updated_at = now
    return True


def update(
    session: Session,
    row: SubscriptionRow,
    *,
    url: str | None = None,
    format: str | None = None,
    secret: str | None = None,
    filters: Mapping[str, list[str]] | None = None,
    now: datetime,
) -> str | None:
    """Change what is given (checked by the caller), keeping the rest; returns a secret
    generated for a subscription made a webhook without one (shown once).

    A new URL ends the failure streak (it is another endpoint).  A new ``secret``
    replaces every signing secret at once, a rotation's previous ones included.
    ``filters`` replaces the filters it names (normalised by :func:`filters_dict`)."""
    generated = None
    if url is not None and url != row.url:
        row.url, row.failing_since = url, None
    if format is not None:
        row.format = format
    if secret is not None:
        row.secrets, row.previous_secrets, row.previous_secrets_expire_at = secret.split(), None, None
    if FORMATS[row.format].signed and not row.secrets:
        generated = generate_secret()
        row.secrets, row.previous_secrets, row.previous_secrets_expire_at = [generated], None, None
    if filters:
        current = row.filters or {}
        row.filters = {
            name: list(filters[name] if name in filters else current.get(name, [])) for name in FILTER_FIELDS
        }
    row.updated_at = now
    return generated


def rotate_secret(session: Session, row: SubscriptionRow, *, overlap: timedelta, now: datetime) -> str:
    """Make a new generated secret the current one and return it (shown once).

    The secrets it replaces — and those an earlier rotation retired that still sign —
    keep signing beside it until ``now + overlap`` (at most
    :data:`MAX_PREVIOUS_SECRETS`, newest first).  ``overlap`` zero retires them at once
    (a leaked secret)."""
    new = generate_secret()
    still_signing = signing_secrets(row, now)
    if overlap > timedelta(0) and still_signing:
        row.previous_secrets = still_signing[:MAX_PREVIOUS_SECRETS]
        row.previous_secrets_expire_at = now + overlap
    else:
        row.previous_secrets, row.previous_secrets_expire_at = None, None
    row.secrets = [new]
    row.updated_at = now
    return new


def list_all(session: Session) -> list[SubscriptionRow]:
    return list(session.scalars(select(SubscriptionRow).order_by(SubscriptionRow.name)))


def shown_url(row: SubscriptionRow) -> str:
    """The URL as shown to people and the API: a Slack incoming-webhook URL is itself
    a credential (``scheme://host/***``); a webhook URL loses userinfo and secret-looking
    query values."""
    if FORMATS[row.format].secret_url:
        parts = urlsplit(row.url)
        return f"{parts.scheme}://{parts.hostname}{':' + str(parts.port) if parts.port else ''}/***"
    return redact_url(row.url)


def public(row: SubscriptionRow, now: datetime | None = None) -> dict[str, Any]:
    """A subscription as shown to people and the API: never its secrets, its URL
    masked (:func:`shown_url`); ``previous_secrets_expire_at`` while a rotation's
    overlap lasts at ``now`` (None: the current time), else None."""
    expire_at = row.previous_secrets_expire_at
    if not row.previous_secrets or expire_at is None or expire_at <= (now or datetime.now(UTC)):
        expire_at = None
    return {
        "name": row.name,
        "url": shown_url(row),
        "format": row.format,
        "filters": row.filters,
        "enabled": row.enabled,
        "disabled_reason": row.disabled_reason,
        "origin": row.origin,
        "failing_since": row.failing_since.isoformat() if row.failing_since else None,
        "last_success_at": row.last_success_at.isoformat() if row.last_success_at else None,
        "created_at": row.created_at.isoformat(),
        "previous_secrets_expire_at": expire_at.isoformat() if expire_at else None,
    }
