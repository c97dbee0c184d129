"""``ir-feed db upgrade|current``."""

from __future__ import annotations

import argparse
from typing import Any

from ir_feed.cli._common import add_config_arg, guarded, load
from ir_feed.store import engine as store_engine


def register(sub: Any) -> None:
    p = sub.add_parser("db", help="database schema: upgrade to head, show the revision")
    inner = p.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = inner.add_parser("upgrade", help="apply the migrations up to head")
    add_config_arg(up)
    up.set_defaults(handler=guarded(_upgrade))
    cur = inner.add_parser("current", help="print the schema revision and the head revision")
    add_config_arg(cur)
    cur.set_defaults(handler=guarded(_current))


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
