"""``ir-feed run`` as a real process, for the acceptance tests that start, signal,
kill and restart the daemon."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

RUN = (sys.executable, "-m", "ir_feed", "run", "--config")


def start_daemon(config: Path, log: Path) -> subprocess.Popen[bytes]:
    """The daemon in the background, its output appended to ``log``."""
    with log.open("ab") as out:  # the child keeps its own descriptor
        return subprocess.Popen([*RUN, str(config)], stdout=out, stderr=subprocess.STDOUT, cwd=config.parent)


def upgrade_database(config: Path) -> None:
    """``ir-feed db upgrade`` for ``config``'s database, as an operator runs it before starting
    daemons on PostgreSQL (a daemon refuses a schema behind the head there)."""
    subprocess.run(
        [sys.executable, "-m", "ir_feed", "db", "upgrade", "--config", str(config)], check=True, capture_output=True
    )


def run_daemon_to_exit(config: Path) -> subprocess.CompletedProcess[str]:
    """The daemon run in the foreground until it exits by itself (a start that must fail)."""
    return subprocess.run([*RUN, str(config)], capture_output=True, text=True, timeout=60, check=False)


def wait_for(
    predicate: Callable[[], object], timeout: float = 20.0, *, context: Callable[[], str] | None = None
) -> None:
    """Until ``predicate()`` is true; else fail, with ``context()`` (a log's tail) if given."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time" + (f":\n{context()}" if context else ""))


async def until(check: Callable[[], Any], what: str, timeout: float = 20.0) -> Any:
    """Until ``check()`` (run in a thread: it may read the database) is truthy, inside a
    test's event loop; its value, or fail naming ``what``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        result = await asyncio.to_thread(check)
        if result:
            return result
        if loop.time() > deadline:
            raise AssertionError(f"not in time: {what}")
        await asyncio.sleep(0.02)
