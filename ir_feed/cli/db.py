"""``ir-feed db upgrade|current|prune``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from ir_feed.cli._common import Col, add_config_arg, database, guarded, load, print_json, print_table, stdout
from ir_feed.settings import RetentionSettings
from ir_feed.store import engine as store_engine
from ir_feed.store.retention import PruneCounts

if TYPE_CHECKING:
    from ir_feed.services.pruning import PruneResult


def register(sub: Any) -> None:
    p = sub.add_parser("db", help="database schema: upgrade to head, show the revision; prune old data")
    inner = p.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = inner.add_parser("upgrade", help="apply the migrations up to head")
    add_config_arg(up)
    up.set_defaults(handler=guarded(_upgrade))
    cur = inner.add_parser("current", help="print the schema revision and the head revision")
    add_config_arg(cur)
    cur.set_defaults(handler=guarded(_current))
    pr = inner.add_parser(
        "prune",
        help="delete what the retention settings say is old, in small batches, and print the counts",
        description=(
            "Delete delivered and dead messages (with their attempts), diffs no message needs and the text of "
            "replaced release versions, as old as the config's retention section says, at most retention.batch "
            "rows per transaction (the daemon does the same every retention.interval). Safe beside running "
            "daemons, to interrupt, and to run again."
        ),
    )
    add_config_arg(pr)
    pr.add_argument("--dry-run", action="store_true", help="count what would be deleted; delete nothing")
    pr.add_argument("--format", choices=("table", "json"), default="table")
    pr.set_defaults(handler=guarded(_prune))


def _upgrade(args: argparse.Namespace) -> int:
    settings = load(args, logs=False)
    engine = store_engine.make_engine(settings.database_url)
    try:
        before = store_engine.current_revision(engine)
        store_engine.upgrade(engine)
        after = store_engine.current_revision(engine)
    finally:
        engine.dispose()
    print(f"database upgraded: {before or 'empty'} -> {after}")
    return 0


def _current(args: argparse.Namespace) -> int:
    settings = load(args, logs=False)
    engine = store_engine.make_engine(settings.database_url)
    try:
        current, head = store_engine.current_revision(engine), store_engine.head_revision(engine)
    finally:
        engine.dispose()
    print(f"current: {current or 'empty'}\nhead:    {head}")
    return 0 if current == head else 1


def _prune(args: argparse.Namespace) -> int:
    # (imported here: the services package loads the poller and the extractor, which
    # `db upgrade` and `db current` have no need of)
    from ir_feed.services.clock import utcnow
    from ir_feed.services.pruning import prune

    settings = load(args, logs=False)
    retention = settings.retention
    done = PruneCounts()

    def progress(batch: PruneCounts) -> None:
        nonlocal done
        done += batch

    with database(settings) as engine:
        try:
            result = prune(engine, retention, now=utcnow(), dry_run=args.dry_run, progress=progress)
        except KeyboardInterrupt:
            print(f"interrupted: the {done.total} row(s) of the committed batches are gone; run it again to finish")
            return 130
    if args.format == "json":
        print_json(
            {
                "dry_run": result.dry_run,
                "complete": result.complete,
                "batches": result.batches,
                ("would_delete" if result.dry_run else "deleted"): result.counts.as_dict(),
                "retention_days": _ages(retention),
            }
        )
        return 0
    _print_table(result, retention)
    return 0


def _ages(retention: RetentionSettings) -> dict[str, int | None]:
    """Each kind's age in days (None: kept for ever), keyed as the counts are."""
    days = {
        "delivered_messages": retention.delivered_messages_days,
        "dead_messages": retention.dead_messages_days,
        "diffs": retention.diffs_days,
        "version_texts": retention.old_version_text_days,
    }
    return {kind: n or None for kind, n in days.items()}


def _print_table(result: PruneResult, retention: RetentionSettings) -> None:
    r = retention

    def rule(days: int, setting: str, text: str) -> str:
        return text.format(days=days) if days else f"kept for ever (retention.{setting}: 0)"

    rows = [
        (
            "delivered messages",
            result.counts.delivered_messages,
            rule(r.delivered_messages_days, "delivered_messages_days", "delivered over {days} days ago"),
            r.delivered_messages_days,
        ),
        (
            "dead messages",
            result.counts.dead_messages,
            rule(r.dead_messages_days, "dead_messages_days", "dead for over {days} days"),
            r.dead_messages_days,
        ),
        (
            "delivery attempts",
            result.counts.delivery_attempts,
            "the attempts of those messages",
            r.delivered_messages_days or r.dead_messages_days,
        ),
        (
            "diffs",
            result.counts.diffs,
            rule(r.diffs_days, "diffs_days", "created over {days} days ago, and no message refers to them"),
            r.diffs_days,
        ),
        (
            "old version texts",
            result.counts.version_texts,
            rule(
                r.old_version_text_days,
                "old_version_text_days",
                "summary and text of versions replaced over {days} days ago (the rows stay)",
            ),
            r.old_version_text_days,
        ),
    ]
    if result.dry_run:
        title, verb = "dry run: nothing deleted", "would delete"
    else:
        title = f"deleted in {result.batches} transaction(s) of at most {r.batch} row(s) of a kind"
        verb = "deleted"
        if not result.complete:
            title += " (stopped before the end: run again to finish)"
    print_table(
        stdout(),
        title,
        (Col("what"), Col(verb, justify="right"), Col("retention", wrap=True, min_width=20)),
        [(what, str(n) if days else "-", text) for what, n, text, days in rows],
        caption=f"never pruned: waiting messages, a diff a message needs, a release's current version{_total(result)}",
    )


def _total(result: PruneResult) -> str:
    return f"; {result.counts.total} row(s) in all" if result.counts.total else ""
