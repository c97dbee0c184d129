"""The CLI in-process, for tests that build a database through the real commands."""

from __future__ import annotations

import io
import socket
from contextlib import redirect_stdout

from ir_feed.cli import main


def run_cli(*argv: str) -> str:
    """``ir-feed ARGV...`` run in this process; its standard output (it must exit 0)."""
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(list(argv)) == 0, argv
    return out.getvalue()


def closed_port() -> int:
    """A local port nothing listens on (bound, then let go): a receiver that refuses."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port
