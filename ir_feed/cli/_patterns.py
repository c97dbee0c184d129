"""The extractor's compiled patterns, kept between runs of the command line.

A command that runs the extractor imports it through :func:`import_extractor`: the
programs of its regular expressions are read from a file in the user's cache
directory (``$XDG_CACHE_HOME/ir-feed``, else ``~/.cache/ir-feed``) and handed to
:func:`ir_feed.patterns.preload`, so the import skips compiling them (0.6 s of a cold
``ir-feed extract``); when some were missing (the first run, a new extractor or
Python), the file is written anew.  The file is a cache: when it cannot be read,
is too large, is damaged or cannot be written, the patterns are compiled as usual
and the command runs the same.  ``IR_FEED_NO_PATTERN_CACHE=1`` turns it off.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from ir_feed import patterns

MAX_BYTES = 16 * 1024 * 1024  # (about 2 MB today)
_FILE = "patterns-{tag}.json"


def cache_file() -> Path | None:
    """Where the programs are kept; None when there is no home to keep them in."""
    if os.environ.get("IR_FEED_NO_PATTERN_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME")
    try:
        root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    except RuntimeError:  # no home directory
        return None
    return root / "ir-feed" / _FILE.format(tag=sys.implementation.cache_tag)


def import_extractor() -> None:
    """Import :mod:`ir_feed.extract` (once a process) with its patterns from the cache."""
    if "ir_feed.extract" in sys.modules:
        return
    path = cache_file()
    patterns.preload(_read(path) if path else None)
    importlib.import_module("ir_feed.extract")
    table, missed = patterns.export()
    if path and missed:
        _write(path, table)


def _read(path: Path) -> dict[str, Any] | None:
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            return None
        table = json.loads(raw)
    except (OSError, ValueError):
        return None
    return table if isinstance(table, dict) else None


def _write(path: Path, table: dict[str, Any]) -> None:
    """Write atomically (a temporary file renamed over the old one); never fails the command."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".patterns-", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(table, f, separators=(",", ":"))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return
