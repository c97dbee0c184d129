"""SIGINT and SIGTERM as a request to stop, for the long-running entry points."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Iterator
from contextlib import contextmanager

_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
# add/remove_signal_handler refuse outside the main thread or on platforms without them.
_UNSUPPORTED = (NotImplementedError, RuntimeError, ValueError)


@contextmanager
def stop_on_signals(stop: asyncio.Event) -> Iterator[None]:
    """While inside, SIGINT and SIGTERM set ``stop`` (the running loop's handlers)."""
    loop = asyncio.get_running_loop()
    for sig in _STOP_SIGNALS:
        try:
            loop.add_signal_handler(sig, stop.set)
        except _UNSUPPORTED:
            pass
    try:
        yield
    finally:
        for sig in _STOP_SIGNALS:
            try:
                loop.remove_signal_handler(sig)
            except _UNSUPPORTED:
                pass
