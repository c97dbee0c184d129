"""``GET /v1/events`` pages written as JSON straight from the rows.

FastAPI would have the endpoint's dicts validated against
:class:`~ir_feed.api.schemas.EventPage` (each event through the discriminated union of
the kinds' models) and the models serialized again: for a page of 50 events that was a
larger share of a request than the database's read.  Here each kind's writer is made
once, from its API model (the fields in the model's order) and its spec (which fields
are lists or kept in ``events.details``), and a page is one ``orjson`` call (which writes
the times and dates).

The bytes are those pydantic writes for the same page, which
``tests/integration/api/test_api_events_as_before.py`` holds, kind by kind: compact, UTF-8
(not ``\\u``-escaped), times RFC 3339 in UTC ending in ``Z`` (as
:func:`~ir_feed.timestamps.utc_text` writes them), dates ``YYYY-MM-DD``, the fields
in the model's order.  The endpoint still declares ``EventPage`` as its response model:
the OpenAPI document is unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import orjson

from ir_feed.api.schemas import EVENT_MODELS
from ir_feed.kinds import KINDS
from ir_feed.store.queries import PUBLIC_EVENT_COLUMNS


def _encode(page: dict[str, Any]) -> bytes:
    """pydantic's JSON: no spaces, non-ASCII as UTF-8, a page holds no floats; times RFC 3339
    ending in ``Z`` (the store's times are aware UTC: :func:`~ir_feed.timestamps.utc_text`'s
    text) and dates ``YYYY-MM-DD``, as orjson writes them."""
    return orjson.dumps(page, option=orjson.OPT_UTC_Z)


_AT = {name: i for i, name in enumerate(PUBLIC_EVENT_COLUMNS)}
_KIND, _COMPANY, _TICKERS = _AT["kind"], _AT["company"], _AT["tickers"]
_OCCURRED, _DETAILS = _AT["occurred_at"], _AT["details"]


@dataclass(frozen=True, slots=True)
class _Writer:
    """One kind's event: the model's fields in order, each taken from its column (a
    field with no column, and ``issuer``, from a stand-in column, then set)."""

    names: tuple[str, ...]
    take: Callable[[Sequence[Any]], tuple[Any, ...]]
    lists: tuple[str, ...]  # JSON lists (NULL → [])
    details: tuple[tuple[str, str], ...]  # (field, its type) kept in events.details

    def event(self, row: Sequence[Any]) -> dict[str, Any]:
        data = dict(zip(self.names, self.take(row), strict=True))
        data["issuer"] = {"company": row[_COMPANY], "tickers": list(row[_TICKERS])}
        data["occurred_at"] = row[_OCCURRED]  # (aware UTC: orjson writes it as utc_text does, "…Z")
        for name in self.lists:
            data[name] = list(data[name] or [])
        if self.details:
            stored = row[_DETAILS] or {}
            for name, kind in self.details:
                data[name] = _detail(kind, stored.get(name))
        return data


def _detail(kind: str, value: Any) -> Any:
    """A field kept in ``events.details`` as the API writes it: as stored (JSON, a date as
    its ISO text), a list of texts never null (as ``store.events.event_state`` reads it)."""
    return list(value or []) if kind == "texts" else value


def _writer(kind: str) -> _Writer:
    spec = KINDS[kind]
    names = tuple(EVENT_MODELS[kind].model_fields)
    stand_in = {"issuer": "company"}
    columns = []
    lists, details = [], []
    for name in names:
        typed = spec.type_of(name) if name in spec.fields else None
        if name in _AT:
            columns.append(name)
            if typed == "texts":
                lists.append(name)
        elif name in stand_in:
            columns.append(stand_in[name])
        else:
            assert typed is not None, f"{kind}.{name}: neither a column nor a field of the kind"
            columns.append("details")
            details.append((name, typed))
    take: Any = itemgetter(*(_AT[c] for c in columns))
    return _Writer(names, take, tuple(lists), tuple(details))


_WRITERS = {kind: _writer(kind) for kind in EVENT_MODELS}


def event_page(rows: Sequence[Sequence[Any]], next_cursor: str | None) -> bytes:
    """``{"data": [...], "next_cursor": ...}`` of rows of ``PUBLIC_EVENT_COLUMNS``, as JSON."""
    writers = _WRITERS
    data = [writers[row[_KIND]].event(row) for row in rows]
    return _encode({"data": data, "next_cursor": next_cursor})
