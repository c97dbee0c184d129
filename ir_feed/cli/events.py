"""``ir-feed events``, ``ir-feed event KEY_OR_ID`` and ``ir-feed diffs``: the event database."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Any

from rich.table import Table

from ir_feed.cli._common import (
    CommandError,
    add_config_arg,
    database,
    guarded,
    load,
    page_size,
    parse_since,
    stdout,
    ticker_arg,
    when,
)
from ir_feed.diff import DIFF_TYPES
from ir_feed.store import queries
from ir_feed.store.engine import session_factory
from ir_feed.store.events import public_event
from ir_feed.store.tables import EventRow

KINDS = ("designation", "ind_clearance", "trial_start")
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
    d.add_argument("--limit", type=page_size, default=100)
    d.add_argument("--format", choices=("table", "json"), default="table")
    d.set_defaults(handler=guarded(_diffs))


def _what(e: EventRow) -> str:
    if e.kind == "designation":
        return f"{e.agency} {e.designation}"
    if e.kind == "ind_clearance":
        return f"{e.agency} IND/CTA"
    return f"Phase {e.phase} trial" if e.phase else "trial"


def _detail(e: EventRow) -> str:
    if e.kind == "trial_start":
        name = e.trial or "-"
        where = ", ".join(e.indications) if e.indications else ""
        window = f"{e.window_start}..{e.window_end}" if e.window_start else ""
        return " ".join(x for x in (name, f"({where})" if where else "", e.timing_text or "", window) if x)
    return e.indication or "-"


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
        print(json.dumps(data, indent=2))
        return 0
    if args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_FIELDS, extrasaction="ignore")
        writer.writeheader()
        for r, d in zip(rows, data, strict=True):
            flat = {**d, "company": r.company, "tickers": " ".join(r.tickers), "indications": "; ".join(r.indications)}
            writer.writerow(flat)
        return 0
    table = Table(title=f"{len(rows)} event(s)")
    table.add_column("reported", no_wrap=True)
    table.add_column("ticker", no_wrap=True)
    table.add_column("company")
    table.add_column("what", no_wrap=True)
    table.add_column("product", no_wrap=True)
    table.add_column("indication / trial", ratio=1)
    table.add_column("status", no_wrap=True)
    table.add_column("new?", no_wrap=True)
    for r in rows:
        table.add_row(
            r.occurred_at.date().isoformat(),
            " ".join(r.tickers) or "-",
            r.company or "-",
            _what(r),
            r.product,
            _detail(r),
            r.status + (" (retracted)" if r.retracted else ""),
            "yes" if r.announced else "recalled",
        )
    stdout().print(table)
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
                "published_at": s.published_at.isoformat() if s.published_at else None,
                "release_version": s.release_version,
                "active": s.active,
                "announced": s.announced,
                "evidence": s.evidence,
            }
            for s in detail.sources
        ]
        history = [queries.diff_json(d) for d in detail.history]
    if args.format == "json":
        print(json.dumps({"event": event, "sources": sources, "history": history}, indent=2))
        return 0
    console = stdout()
    facts = Table(title=event["key"], show_header=False)
    facts.add_column("field", no_wrap=True)
    facts.add_column("value")
    for name, value in event.items():
        if name not in {"key", "issuer"}:
            facts.add_row(name, ", ".join(value) if isinstance(value, list) else str(value))
    facts.add_row("company", str(event["issuer"]["company"]))
    facts.add_row("tickers", " ".join(event["issuer"]["tickers"]))
    console.print(facts)
    src = Table(title="supporting releases")
    for col in ("published", "release", "v", "active", "announced", "evidence"):
        src.add_column(col, ratio=1 if col == "evidence" else None, no_wrap=col != "evidence")
    for s in detail.sources:
        src.add_row(
            when(s.published_at),
            s.title,
            str(s.release_version),
            "yes" if s.active else "no",
            "yes" if s.announced else "no",
            s.evidence,
        )
    console.print(src)
    hist = Table(title="history")
    for col in ("recorded", "diff", "type", "cause", "changes"):
        hist.add_column(col, no_wrap=col != "changes")
    for d in detail.history:
        hist.add_row(when(d.created_at), d.public_id, d.type, d.cause, _changes(d.changes))
    console.print(hist)
    return 0


def _changes(changes: dict[str, Any]) -> str:
    return "; ".join(f"{k}: {v.get('old')} → {v.get('new')}" for k, v in changes.items()) or "-"


def _diffs(args: argparse.Namespace) -> int:
    settings = load(args, logs=False)
    with database(settings) as engine, session_factory(engine)() as session:
        rows = queries.list_diffs(session, since=args.since, types=tuple(args.type or ()), limit=max(1, args.limit))
        data = [queries.diff_json(d) for d in rows]
    if args.format == "json":
        print(json.dumps(data, indent=2))
        return 0
    table = Table(title=f"{len(rows)} diff(s)")
    for col in ("recorded", "id", "type", "ticker", "event", "changes"):
        table.add_column(col, no_wrap=col in {"recorded", "id", "type", "ticker"})
    for d in rows:
        ev = d.event
        what = f"{ev['kind']} {ev.get('designation') or ev.get('trial') or ''} {ev.get('product', '')}".split()
        table.add_row(
            when(d.created_at),
            d.public_id,
            d.type,
            " ".join(ev.get("issuer", {}).get("tickers", [])) or "-",
            " ".join(what),
            _changes(d.changes),
        )
    stdout().print(table)
    return 0
