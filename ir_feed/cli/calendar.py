"""``ir-feed calendar``: the catalyst calendar — events with a date window (trials planned for
a period, started or dosed on a day) overlapping a range, earliest first; as a table, JSON or
iCalendar (``--format ics``: import it in a calendar application, or ``--output FILE``)."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ir_feed.catalysts import CALENDAR_KINDS, DEFAULT_SPAN, to_ics
from ir_feed.cli._common import (
    Col,
    CommandError,
    add_config_arg,
    database,
    guarded,
    load,
    page_size,
    print_json,
    print_table,
    stdout,
    ticker_arg,
)
from ir_feed.store import queries
from ir_feed.store.engine import session_factory
from ir_feed.store.events import calendar_entry, public_event


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def register(sub: Any) -> None:
    p = sub.add_parser(
        "calendar",
        help="the catalyst calendar: trials planned, started or dosed and readouts expected, by date window",
    )
    add_config_arg(p)
    p.add_argument("--from", dest="start", type=_day, help="first day (YYYY-MM-DD; default today)")
    p.add_argument("--to", dest="end", type=_day, help="last day (YYYY-MM-DD; default a year after --from)")
    p.add_argument("--ticker", type=ticker_arg, help="SYMBOL or EXCHANGE:SYMBOL")
    p.add_argument("--kind", choices=CALENDAR_KINDS, help="one kind of catalyst (default: all)")
    p.add_argument("--status", help="e.g. planned or expected (what is still to come), initiated, reported")
    p.add_argument("--limit", type=page_size, default=200)
    p.add_argument("--format", choices=("table", "json", "ics"), default="table")
    p.add_argument("--output", type=Path, help="write to this file instead of standard output")
    p.set_defaults(handler=guarded(_calendar))


def _calendar(args: argparse.Namespace) -> int:
    settings = load(args, logs=False)
    start: date = args.start or datetime.now(UTC).date()
    end: date = args.end or start + DEFAULT_SPAN
    if end < start:
        raise CommandError("--to must not be before --from")
    f = queries.CalendarFilter(
        start=start,
        end=end,
        kinds=(args.kind,) if args.kind else CALENDAR_KINDS,
        ticker=args.ticker,
        status=args.status,
        limit=args.limit,
    )
    with database(settings) as engine, session_factory(engine)() as session:
        rows = queries.calendar(session, f)
        releases = queries.state_releases(session, rows)
        entries = [calendar_entry(r, rel.url if (rel := releases.get(r.id)) is not None else None) for r in rows]
        data = [
            {"start": e.start.isoformat(), "end": e.end.isoformat(), "title": e.title, "release_url": e.url,
             "event": public_event(r)}
            for e, r in zip(entries, rows, strict=True)
        ]  # fmt: skip
    if args.format == "ics":
        name = "ir_feed catalysts" + (f" — {args.ticker}" if args.ticker else "")
        body = to_ics(entries, name=name, now=datetime.now(UTC))
        if args.output:
            args.output.write_bytes(body)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(body)
        return 0
    if args.output:
        raise CommandError("--output is for --format ics")
    if args.format == "json":
        print_json(data)
        return 0
    columns = (
        Col("from"),
        Col("to"),
        Col("what", wrap=True, min_width=30),
        Col("status", wrap=True, min_width=10),
        Col("timing as written", wrap=True, min_width=12, rank=1),
    )
    shown = [
        (e.start.isoformat(), e.end.isoformat(), e.title, e.status.replace("_", " "), e.timing_text or "-")
        for e in entries
    ]
    print_table(stdout(), f"{len(entries)} event(s) with a window between {start} and {end}", columns, shown)
    return 0
