"""``ir-feed events``, ``ir-feed event KEY_OR_ID`` and ``ir-feed diffs``: the event database."""

from __future__ import annotations

import argparse
import csv
import sys
from typing import Any

from ir_feed.cli._common import (
    Col,
    CommandError,
    add_config_arg,
    database,
    guarded,
    load,
    page_size,
    parse_since,
    print_json,
    print_table,
    stdout,
    ticker_arg,
    utc_times,
    when,
)
from ir_feed.diff import DIFF_TYPES
from ir_feed.kinds import KIND_NAMES, kind_of
from ir_feed.store import queries
from ir_feed.store import subscriptions as subscription_store
from ir_feed.store.engine import session_factory
from ir_feed.store.events import event_state, public_event
from ir_feed.store.tables import EventRow

KINDS = KIND_NAMES
CSV_FIELDS = (
    "occurred_at",
    "key",
    "kind",
    "company",
    "tickers",
    "agency",
    "designation",
    "product",
    "indication",
    "trial",
    "phase",
    "indications",
    "status",
    "timing_text",
    "window_start",
    "window_end",
    "announced",
    "retracted",
    "evidence",
)


def register(sub: Any) -> None:
    p = sub.add_parser("events", help="list events (designations, IND clearances, trial starts), newest first")
    add_config_arg(p)
    p.add_argument("--ticker", type=ticker_arg, help="SYMBOL or EXCHANGE:SYMBOL")
    p.add_argument("--kind", choices=KINDS)
    p.add_argument("--designation", help="e.g. fast_track, orphan_drug, breakthrough_therapy, prime, rmat")
    p.add_argument("--status", help="e.g. granted, applied, cleared, planned, initiated, first_patient_dosed")
    p.add_argument("--agency", help="e.g. FDA, EMA, Health Canada")
    p.add_argument("--since", type=parse_since, help="reported on or after (YYYY-MM-DD or ISO time)")
    p.add_argument("--until", type=parse_since, help="reported before (YYYY-MM-DD or ISO time)")
    p.add_argument("--retracted", action="store_true", help="include retracted events")
    p.add_argument("--limit", type=page_size, default=50)
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.set_defaults(handler=guarded(_events))

    one = sub.add_parser("event", help="one event: its state, evidence, supporting releases and history")
    add_config_arg(one)
    one.add_argument("key", metavar="KEY_OR_ID", help="the event key, or the id of one of its diffs (dif_...)")
    one.add_argument("--format", choices=("table", "json"), default="table")
    one.set_defaults(handler=guarded(_event))

    d = sub.add_parser("diffs", help="list published diffs (event created / updated / retracted), oldest first")
    add_config_arg(d)
    d.add_argument("--since", type=parse_since, help="recorded on or after (YYYY-MM-DD or ISO time)")
    d.add_argument("--type", choices=DIFF_TYPES, action="append", help="only this diff type (repeatable)")
    d.add_argument("--ticker", type=ticker_arg, help="only the diffs of this ticker's events")
    d.add_argument("--kind", choices=KINDS, help="only the diffs of events of this kind")
    d.add_argument("--subscription", help="only the diffs this subscription's filters select (what it is sent)")
    d.add_argument("--limit", type=page_size, default=100)
    d.add_argument("--format", choices=("table", "json"), default="table")
    d.set_defaults(handler=guarded(_diffs))


def _what(e: EventRow) -> str:
    spec = kind_of(e.kind)
    return spec.what(event_state(e)) if spec is not None else e.kind


def _detail(e: EventRow) -> str:
    spec = kind_of(e.kind)
    return spec.detail(event_state(e)) if spec is not None else "-"


def _events(args: argparse.Namespace) -> int:
    settings = load(args, logs=False)
    if args.limit < 1:
        raise CommandError("--limit must be at least 1")
    f = queries.EventFilter(
        ticker=args.ticker,
        kind=args.kind,
        designation=args.designation,
        status=args.status,
        agency=args.agency,
        since=args.since,
        until=args.until,
        include_retracted=args.retracted,
        limit=args.limit,
    )
    with database(settings) as engine, session_factory(engine)() as session:
        rows = queries.list_events(session, f)
        data = [public_event(r) for r in rows]
    if args.format == "json":
        print_json(data)
        return 0
    if args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_FIELDS, extrasaction="ignore")
        writer.writeheader()
        for r, d in zip(rows, data, strict=True):
            flat = {**d, "company": r.company, "tickers": " ".join(r.tickers), "indications": "; ".join(r.indications)}
            writer.writerow(utc_times(flat))
        return 0
    columns = (
        Col("reported"),
        Col("ticker", wrap=True, min_width=11),
        Col("company", wrap=True, min_width=12, rank=2),
        Col("what", wrap=True, min_width=14),
        Col("product", wrap=True, min_width=8),
        Col("indication / trial", wrap=True, min_width=12),
        Col("status", wrap=True, min_width=13),
        Col("new?", rank=1, under="status"),
    )
    rows_shown = [
        (
            r.occurred_at.date().isoformat(),
            " ".join(r.tickers) or "-",
            r.company or "-",
            _what(r),
            r.product,
            _detail(r),
            r.status + (" (retracted)" if r.retracted else ""),
            "yes" if r.announced else "recalled",
        )
        for r in rows
    ]
    print_table(stdout(), f"{len(rows)} event(s)", columns, rows_shown)
    return 0


def _event(args: argparse.Namespace) -> int:
    settings = load(args, logs=False)
    with database(settings) as engine, session_factory(engine)() as session:
        detail = queries.event_detail(session, args.key)
        if detail is None:
            raise CommandError(f"no event with key or diff id {args.key!r}")
        event = public_event(detail.event)
        sources = [
            {
                "release": s.release_key,
                "title": s.title,
                "url": s.url,
                "published_at": s.published_at,
                "release_version": s.release_version,
                "active": s.active,
                "announced": s.announced,
                "evidence": s.evidence,
            }
            for s in detail.sources
        ]
        history = [queries.diff_json(d) for d in detail.history]
    if args.format == "json":
        print_json({"event": event, "sources": sources, "history": history})
        return 0
    console = stdout()
    facts = [(name, _fact(value)) for name, value in event.items() if name not in {"key", "issuer"}] + [
        ("company", str(event["issuer"]["company"])),
        ("tickers", " ".join(event["issuer"]["tickers"])),
    ]
    print_table(
        console,
        event["key"],
        (Col("field"), Col("value", wrap=True, min_width=20)),
        facts,
        show_header=False,
        separate_rows=False,
    )
    sources_columns = (
        Col("published", wrap=True, min_width=10),
        Col("release", wrap=True, min_width=16),
        Col("v", justify="right"),
        Col("active"),
        Col("announced"),
        Col("evidence", wrap=True, min_width=20),
    )
    sources_rows = [
        (
            when(s.published_at),
            s.title,
            str(s.release_version),
            "yes" if s.active else "no",
            "yes" if s.announced else "no",
            s.evidence,
        )
        for s in detail.sources
    ]
    print_table(console, "supporting releases", sources_columns, sources_rows)
    history_columns = (
        Col("recorded", wrap=True, min_width=10, rank=1, under="diff"),
        Col("diff"),
        Col("type"),
        Col("cause"),
        Col("changes", wrap=True, min_width=16),
    )
    history_rows = [(when(d.created_at), d.public_id, d.type, d.cause, _changes(d.changes)) for d in detail.history]
    print_table(console, "history", history_columns, history_rows)
    return 0


def _fact(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "-" if value is None else str(utc_times(value))


def _changes(changes: dict[str, Any]) -> str:
    return "; ".join(f"{k}: {v.get('old')} → {v.get('new')}" for k, v in changes.items()) or "-"


def _diffs(args: argparse.Namespace) -> int:
    settings = load(args, logs=False)
    with database(settings) as engine, session_factory(engine)() as session:
        selected_by = None
        if args.subscription is not None:
            row = subscription_store.get(session, args.subscription)
            if row is None:
                raise CommandError(f"no subscription named {args.subscription!r}")
            selected_by = subscription_store.filters_of(row)
        f = queries.DiffFilter(
            since=args.since, types=tuple(args.type or ()), ticker=args.ticker, kind=args.kind, selected_by=selected_by
        )
        rows = queries.diff_page(session, f, limit=max(1, args.limit)).rows
        data = [queries.diff_json(d) for d in rows]
    if args.format == "json":
        print_json(data)
        return 0
    columns = (
        Col("recorded", wrap=True, min_width=10, rank=2, under="id"),
        Col("id"),
        Col("type"),
        Col("ticker", wrap=True, min_width=11, rank=1, under="event"),
        Col("event", wrap=True, min_width=14),
        Col("changes", wrap=True, min_width=16),
    )
    shown = []
    for d in rows:
        ev = d.event
        spec = kind_of(str(ev.get("kind")))
        what = f"{spec.label(ev) if spec else ev.get('kind')} {ev.get('product', '')}".split()
        shown.append(
            (
                when(d.created_at),
                d.public_id,
                d.type,
                " ".join(ev.get("issuer", {}).get("tickers", [])) or "-",
                " ".join(what),
                _changes(d.changes),
            )
        )
    print_table(stdout(), f"{len(rows)} diff(s)", columns, shown)
    return 0
