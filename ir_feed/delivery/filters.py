"""Subscription filters: which diffs a subscription receives.

Each filter is a set; an empty set means "all".  A message matches when it
passes every non-empty filter:

* ``tickers`` — any of the event issuer's tickers, compared case-insensitively:
  ``ALLO`` matches the symbol on any exchange, ``NASDAQ:ALLO`` only that listing
  (an issuer ticker given without an exchange matches symbol-only filters);
* ``kinds`` — the event kind (``designation``, ``ind_clearance``, ``trial_start``);
* ``designations`` — the designation kind (``fast_track``, ``orphan_drug``...);
  constrains designation events only, so ``kinds={designation, trial_start}`` with
  ``designations={fast_track}`` gives Fast Track designations and every trial start;
* ``agencies`` — the agency (``FDA``, ``EMA``...); constrains only events that name
  one (trial starts have none);
* ``diff_types`` — ``event.created``, ``event.updated``, ``event.retracted``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ir_feed.delivery.messages import DIFF_TYPES, DiffMessage
from ir_feed.exchanges import canonical_exchange

__all__ = ["Filters", "matches"]

_SEPARATORS = re.compile(r"[\s\-]+")


def _word(value: str) -> str:
    return _SEPARATORS.sub("_", value.strip().lower())


def _ticker(value: str) -> str:
    """``"nyse mkt:abc"`` → ``"NYSE AMERICAN:ABC"``: exchanges by their canonical code
    (:mod:`ir_feed.exchanges`), so filters written before a label was canonical still match."""
    exchange, sep, symbol = value.strip().upper().partition(":")
    if not sep:
        return exchange.strip()
    code = canonical_exchange(exchange)
    return f"{code}:{symbol.strip()}" if code else symbol.strip()


@dataclass(frozen=True, slots=True)
class Filters:
    """A subscription's filters; build with :meth:`of` to normalise the values."""

    tickers: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    designations: frozenset[str] = frozenset()
    agencies: frozenset[str] = frozenset()
    diff_types: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls,
        *,
        tickers: Iterable[str] = (),
        kinds: Iterable[str] = (),
        designations: Iterable[str] = (),
        agencies: Iterable[str] = (),
        diff_types: Iterable[str] = (),
    ) -> Filters:
        """Filters from user values: tickers upper-cased (``EXCHANGE:SYMBOL`` or
        ``SYMBOL``), words lower-cased with spaces and hyphens as ``_``, agencies
        compared case-insensitively.  Raises ValueError for an unknown diff type."""
        types = frozenset(t.strip().lower() for t in diff_types if t.strip())
        unknown = types - DIFF_TYPES
        if unknown:
            raise ValueError(f"unknown diff type(s): {', '.join(sorted(unknown))}")
        return cls(
            tickers=frozenset(_ticker(t) for t in tickers if t.strip()),
            kinds=frozenset(_word(k) for k in kinds if k.strip()),
            designations=frozenset(_word(d) for d in designations if d.strip()),
            agencies=frozenset(a.strip().lower() for a in agencies if a.strip()),
            diff_types=types,
        )


def _ticker_matches(wanted: frozenset[str], issuer: Mapping[str, Any] | None) -> bool:
    tickers = (issuer or {}).get("tickers") or ()
    for raw in tickers:
        listed = _ticker(str(raw))
        symbol = listed.rpartition(":")[2]
        if listed in wanted or symbol in wanted:
            return True
    return False


def matches(filters: Filters, msg: DiffMessage) -> bool:
    """True when ``msg`` passes every non-empty filter (see the module docstring)."""
    event = msg.event
    if filters.diff_types and msg.diff_type not in filters.diff_types:
        return False
    kind = _word(str(event.get("kind", "")))
    if filters.kinds and kind not in filters.kinds:
        return False
    designation = _word(str(event.get("designation") or ""))
    if filters.designations and kind == "designation" and designation not in filters.designations:
        return False
    agency = event.get("agency")
    if filters.agencies and agency and str(agency).strip().lower() not in filters.agencies:
        return False
    return not filters.tickers or _ticker_matches(filters.tickers, event.get("issuer"))
