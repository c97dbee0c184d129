"""A PostgreSQL server of the test's own, for faults the shared server must not suffer
(a restart while a daemon runs): its own data directory, port and socket directory,
started with the machine's ``initdb`` / ``pg_ctl`` and removed afterwards.

Run as root (as CI runs), PostgreSQL refuses to start; the cluster is then created
and run as the ``postgres`` system user (``runuser``), in a directory it owns.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def postgres_bin() -> Path | None:
    """The directory of the newest installed ``initdb`` and ``pg_ctl``, or None."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PrivatePostgres:
    """``with PrivatePostgres() as pg:`` — a started server; ``pg.url``, ``pg.restart()``."""

    def __init__(self) -> None:
        binary = postgres_bin()
        if binary is None:
            raise RuntimeError("no initdb / pg_ctl on this machine")
        self._bin = binary
        self._as: list[str] = []
        if os.geteuid() == 0:
            if shutil.which("runuser") is None:
                raise RuntimeError("running as root without runuser: cannot start PostgreSQL")
            self._as = ["runuser", "-u", "postgres", "--"]
        self._root = Path(tempfile.mkdtemp(prefix="ir_feed_pg_"))
        self.data = self._root / "data"
        self.port = _free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        self._log = self._root / "server.log"

    def _run(self, *args: str, timeout: float = 60) -> None:
        done = subprocess.run([*self._as, *args], capture_output=True, text=True, timeout=timeout, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed ({done.returncode}): {done.stderr[-800:]}")

    def __enter__(self) -> PrivatePostgres:
        if self._as:
            shutil.chown(self._root, user="postgres", group="postgres")
        self._run(str(self._bin / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self._run(str(self._bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        except RuntimeError:
            pass  # already stopped
        finally:
            shutil.rmtree(self._root, ignore_errors=True)

    def _options(self) -> str:
        return f"-p {self.port} -k {self._root} -c listen_addresses=127.0.0.1 -c fsync=off"

    def start(self) -> None:
        pg_ctl = str(self._bin / "pg_ctl")
        self._run(pg_ctl, "-D", str(self.data), "-l", str(self._log), "-o", self._options(), "-w", "start")

    def restart(self) -> None:
        """Stop at once (every connection cut, as a crash or a failover would) and start again."""
        self._run(str(self._bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")
        self.start()

    def log_tail(self) -> str:
        try:
            return self._log.read_text(errors="replace")[-2000:]
        except OSError:
            return ""
