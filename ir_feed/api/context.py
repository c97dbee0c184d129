"""What every endpoint needs, made once by :func:`ir_feed.api.create_app`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from fastapi import Request
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from ir_feed.delivery import Resolver
from ir_feed.metrics import Metrics
from ir_feed.settings import ApiSettings, DeliverySettings


@dataclass(frozen=True)
class Health:
    """What ``/readyz`` asks beyond the database.

    ``scheduler_running`` is None when this process runs no scheduler
    (``ir-feed serve``): readiness then reports it as not applicable and does
    not depend on it."""

    scheduler_running: Callable[[], bool] | None = None


@dataclass(frozen=True)
class ApiContext:
    api: ApiSettings
    delivery: DeliverySettings
    engine: Engine
    read: sessionmaker[Session]
    write: sessionmaker[Session]
    metrics: Metrics
    health: Health
    clock: Callable[[], datetime]
    resolver: Resolver
    head_revision: str | None
    user_agent: str  # http.user_agent: what webhook receivers see (a test message too)
    statement_reads: Engine  # the engine for reads of one statement (store.engine.statement_reads)


def context(request: Request) -> ApiContext:
    ctx = request.app.state.ir_feed
    assert isinstance(ctx, ApiContext)
    return ctx
