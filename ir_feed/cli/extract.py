"""``ir-feed extract PATH [--format json|table]``: run the extractor on one release.

PATH is a plain-text or HTML file, or ``-`` for standard input.  HTML (by file
suffix or by content) is reduced to the article's text first.  ``--format json``
prints exactly one JSON object (release facts and events); ``table`` prints the
same as readable tables.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ir_feed.events import Extraction
from ir_feed.extract import EXTRACTOR_VERSION, extract
from ir_feed.kinds import KINDS
from ir_feed.models import Ticker, ticker_filter
from ir_feed.timestamps import utc_times

if TYPE_CHECKING:
    from rich.console import Console

_HTML_SNIFF = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|article|div|p)\b", re.IGNORECASE)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "extract",
        help="extract designations, IND clearances and trial starts from one release",
        description=f"Run the extractor (version {EXTRACTOR_VERSION}) on a text or HTML file.",
    )
    p.add_argument("path", metavar="PATH", help="a text or HTML file, or - for standard input")
    p.add_argument("--format", choices=("json", "table"), default="table")
    p.add_argument("--published", type=_date, help="release date when the text has no dateline")
    p.add_argument("--issuer", help="issuer name when the text names none")
    p.add_argument(
        "--ticker",
        action="append",
        default=[],
        type=_ticker,
        help="a feed listing, EXCHANGE:SYMBOL (repeatable)",
    )
    p.add_argument("--url", help="the page's URL, for HTML input")
    p.set_defaults(handler=run)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {text!r}") from exc


def _ticker(text: str) -> Ticker:
    try:
        return Ticker.parse(ticker_filter(text))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    return Path(path).read_bytes()


def _is_html(path: str, data: bytes) -> bool:
    if path != "-" and Path(path).suffix.lower() in (".html", ".htm", ".xhtml"):
        return True
    return bool(_HTML_SNIFF.search(data[:2048]))


def _to_text(path: str, data: bytes, url: str | None) -> str:
    if _is_html(path, data):
        from ir_feed.page import article_text  # the HTML edge, only when needed

        return article_text(data, url)
    return data.decode("utf-8", errors="replace")


def run(args: argparse.Namespace) -> int:
    try:
        data = _read(args.path)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        print(f"ir-feed extract: cannot read {args.path}: {reason}", file=sys.stderr)
        return 1
    text = _to_text(args.path, data, args.url)
    result = extract(text, feed_tickers=args.ticker, issuer=args.issuer, published=args.published)
    if args.format == "json":
        # times as every JSON of the CLI writes them (ir_feed/timestamps.py); today it has dates only
        sys.stdout.write(json.dumps(utc_times(result.to_dict()), ensure_ascii=False, indent=2) + "\n")
        return 0
    from ir_feed.cli._console import stdout  # rich only for tables: JSON starts faster

    _print_tables(result, stdout())
    return 0


def _yes(flag: bool) -> str:
    return "yes" if flag else "recalled"


def _print_tables(result: Extraction, console: Console) -> None:
    from rich.markup import escape

    from ir_feed.cli._console import Col, print_table

    r = result.release
    facts = [
        ("company", r.company or "—"),
        ("date", r.date.isoformat() if r.date else "—"),
        ("tickers", ", ".join(str(t) for t in r.tickers) or "—"),
    ]
    title = f"release (extractor {result.extractor_version})"
    print_table(
        console,
        title,
        (Col("field"), Col("value", wrap=True, min_width=20)),
        facts,
        show_header=False,
        separate_rows=False,
    )

    columns = (
        Col("kind"),
        Col("announced"),
        Col("status", wrap=True, min_width=8),
        Col("what", wrap=True, min_width=12),
        Col("product", wrap=True, min_width=8),
        Col("for", wrap=True, min_width=12),
        Col("when", wrap=True, min_width=12, rank=1, under="for"),
    )
    rows: list[tuple[str, ...]] = []
    for e in result.events:
        fields = e.to_dict()
        spec = KINDS[e.kind]
        when = spec.when(fields)
        if fields.get("window_start"):
            when = f"{when} [{fields['window_start']}..{fields['window_end']}]".strip()
        rows.append((e.kind, _yes(e.announced), e.status, spec.label(fields), e.product, spec.about(fields), when))
    print_table(console, f"{len(result.events)} event(s)", columns, rows)
    for e in result.events:
        console.print(f"[dim]{escape(e.key)}[/dim]\n  {escape(e.evidence)}", highlight=False, markup=True)
