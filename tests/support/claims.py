"""Two claimers at the same moment on PostgreSQL: the one scenario behind the feed and
outbox claims' SKIP LOCKED tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from ir_feed.store.engine import session_factory


def claim_while_another_holds(
    engine: Engine, claim: Callable[[Session, int], Sequence[Any]], *, first_limit: int, second_limit: int
) -> tuple[Sequence[Any], Sequence[Any]]:
    """The first claimer claims ``first_limit`` rows and keeps its transaction (its row
    locks) open while the second claims up to ``second_limit``; the second may not wait
    on those locks (a 3 s statement timeout fails it if it does)."""
    first_session = session_factory(engine, write=True)()
    second_session = session_factory(engine, write=True)()
    try:
        first_session.begin()
        first = claim(first_session, first_limit)  # row locks held
        second_session.begin()
        second_session.execute(text("SET LOCAL statement_timeout = '3s'"))  # blocking would fail here
        second = claim(second_session, second_limit)
        second_session.commit()
        first_session.commit()
    finally:
        first_session.close()
        second_session.close()
    return first, second
