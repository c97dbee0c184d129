"""kill -9 soak: the daemon killed at random moments, restarted each time, then every
release, event, diff and message accounted for.

What runs (all on 127.0.0.1):
  * a wire: a local HTTP server with four GlobeNewswire-style feeds that keep growing
    while the daemon runs (new releases, bursts of them, corrections that change a
    release's designation, releases carried by two feeds), with a release page for
    each (the feeds carry a summary only, so the daemon fetches every page);
  * a receiver: a local HTTP server for three webhook subscriptions (everything; one
    issuer's ticker; Fast Track designations only) that records every request, its
    ``webhook-id`` and body, and checks its signature when it arrives;
  * ``ir-feed run`` as a subprocess, with a generated config (SQLite by default), which
    is killed with SIGKILL ``--kills`` times, each at a moment chosen by a seeded RNG:
    while it starts, after a random delay, just after it asks for a feed, while it
    fetches release pages, just after the last page a poll needed (its extraction and
    store transaction follow), inside a poll's store transaction (PostgreSQL, seen in
    pg_stat_activity; SQLite, the daemon stopped while seen holding the write lock in
    /proc/locks: ``SqliteWriteLock``), just after it logged a stored release, or while a
    webhook is in flight. It is restarted after each kill. Then the wire stops
    growing, the daemon runs until everything published is stored and every message
    delivered (or ``--settle`` seconds pass), and is stopped with SIGTERM.

It then prints a tally and checks, from the database, the receiver and the logs:
  * every release published is stored, once, at its last version (title, versions
    numbered 1..n with none missing), with every page fetched;
  * each release's product has exactly one active event, for its last designation; a
    retracted event is only ever one of the release's earlier designations;
  * each event has exactly one ``event.created`` diff, first; a retracted event ends
    with one ``event.retracted`` diff;
  * each diff has one outbox message for every subscription whose filter matches it
    (worked out from what was published, not by the daemon's filter code), and none
    for the others; every message is delivered;
  * the receiver got every message at least once, at its subscription, signed for the
    bytes received, with the body of its diff; a ``webhook-id`` received twice carried
    the same body; nothing was received that is not in the database;
  * each ``release_stored`` log line names a version that was committed, and no
    version was logged as stored twice; no traceback in the logs; the daemon never
    exited by itself and stopped cleanly at the end.
It exits 1 when any of these fails, naming each failure.

Run:
  .venv/bin/python bench/soak.py                         # 20 kills, SQLite in a temporary directory
  .venv/bin/python bench/soak.py --kills 5 --seed 7
  .venv/bin/python bench/soak.py --postgres postgresql://postgres@127.0.0.1:5432/test
      (creates the database soak_<pid> on that server, runs in it, drops it afterwards)
  .venv/bin/python bench/soak.py --database-url URL     # an empty database (or schema) to use as is
Options: --json PATH writes the tally; --keep keeps the directory (config, log, SQLite file), as a
run where an invariant fails does.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from bench.soak_checks import (
    DESIGNATIONS,
    INDICATIONS,
    ISSUERS,
    MAX_VERSIONS,
    SUBSCRIPTIONS,
    Published,
    Received,
    check,
    read_facts,
    settled,
)
from ir_feed.delivery import generate_secret
from ir_feed.store.engine import make_engine, normalize_url, session_factory
from ir_feed.store.tables import FeedRow, MessageRow
from tests.support.daemon import start_daemon
from tests.support.gnw import Feed
from tests.support.httpserver import LocalHTTPServer, Request, Response

FEEDS = ("alpha", "beta", "gamma", "delta")  # the wire's feeds


class Wire:
    """The feed server's content: feeds that grow while the daemon runs."""

    def __init__(self, rng: random.Random, server: LocalHTTPServer) -> None:
        self.rng = rng
        self.server = server
        self.lock = threading.Lock()
        self.releases: list[Published] = []
        self.documents = 0  # feed documents served (200)
        self.not_modified = 0  # 304s
        self.pages = 0
        self.seen_in_documents: set[str] = set()  # release keys a served document carried
        self.arrivals: Counter[str] = Counter()  # requests by kind: feed, page; "last page" of a poll
        # the pages a served document will make the daemon fetch (its releases at a version whose
        # page was never served: new or corrected since): a poll's store follows its last page
        self._page_served: dict[str, int] = {}  # release key -> the version its page was last served at
        self._awaited: list[set[str]] = []  # per document served, the pages still to come
        self.arrived = threading.Condition(self.lock)
        self.last_page_due = 0.0  # (time.monotonic()) when the last "last page" is answered: after its delay
        self._delays = random.Random(rng.random())  # response delays (served from the server's threads)
        for name in FEEDS:
            server.route(f"/feeds/{name}.xml", self._feed_handler(name))

    # -- growing ----------------------------------------------------------------------

    def publish(self, now: datetime) -> None:
        with self.lock:
            n = len(self.releases) + 1
            issuer = self.rng.choice(ISSUERS)
            feeds = tuple(self.rng.sample(FEEDS, 2 if self.rng.random() < 0.3 else 1))
            release = Published(
                n=n,
                issuer=issuer,
                product=f"{issuer.prefix}-{100 + n}",
                indication=self.rng.choice(INDICATIONS),
                feeds=feeds,
                published_at=now.replace(microsecond=0) - timedelta(minutes=5),
                designations=[self.rng.randrange(len(DESIGNATIONS))],
                modified=[now.replace(microsecond=0)],
            )
            self.releases.append(release)
            self.server.route(release.path, self._page_handler(release))

    def correct(self, now: datetime) -> bool:
        """A new version of a release already out, with another designation."""
        with self.lock:
            open_ = [r for r in self.releases if len(r.designations) < MAX_VERSIONS]
            if not open_:
                return False
            release = self.rng.choice(open_)
            unused = [d for d in range(len(DESIGNATIONS)) if d not in release.designations]
            release.designations.append(self.rng.choice(unused))
            # a later dc:modified (to the second: RSS dates are no finer), so the item differs
            release.modified.append(max(now.replace(microsecond=0), release.modified[-1] + timedelta(seconds=1)))
            return True

    def step(self, now: datetime) -> None:
        """One change: mostly a new release, sometimes a burst of them, sometimes a correction."""
        roll = self.rng.random()
        if roll < 0.2 and self.correct(now):
            return
        for _ in range(self.rng.randint(5, 12) if roll > 0.9 else 1):
            self.publish(now)

    def grow(self, stop: threading.Event) -> None:
        """Until ``stop``: a change every 0.3 to 1.5 s (the first three at once)."""
        for _ in range(3):
            self.step(datetime.now(UTC))
        while not stop.wait(self.rng.uniform(0.3, 1.5)):
            self.step(datetime.now(UTC))

    def snapshot(self) -> list[Published]:
        with self.lock:
            return copy.deepcopy(self.releases)

    # -- serving ----------------------------------------------------------------------

    def _feed_handler(self, name: str) -> Callable[[Request], Response]:
        def serve(request: Request) -> Response:
            with self.lock:
                carried = [r for r in reversed(self.releases) if name in r.feeds]
                body = Feed([r.item(self.server.base_url) for r in carried], title=f"Soak wire {name}").render()
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                self.arrivals["feed"] += 1
                self.arrived.notify_all()
                if request.headers.get("if-none-match") == etag:
                    self.not_modified += 1
                    return Response(304, {"ETag": etag})
                self.documents += 1
                self.seen_in_documents.update(r.key for r in carried)
                awaited = {r.key for r in carried if self._page_served.get(r.key) != len(r.designations)}
                if awaited:
                    self._awaited.append(awaited)
                delay = self._delays.uniform(0.0, 0.3)
            return Response(200, {"Content-Type": "application/rss+xml", "ETag": etag}, body, delay=delay)

        return serve

    def _page_handler(self, release: Published) -> Callable[[Request], Response]:
        def serve(_request: Request) -> Response:
            with self.lock:
                body = release.page()
                self.pages += 1
                self.arrivals["page"] += 1
                self._page_served[release.key] = len(release.designations)
                for awaited in self._awaited:
                    awaited.discard(release.key)
                delay = self._delays.uniform(0.02, 0.25)
                if any(not awaited for awaited in self._awaited):
                    self.arrivals["last page"] += 1  # (an answer still to be sent: its delay follows)
                    self.last_page_due = time.monotonic() + delay
                    self._awaited = [awaited for awaited in self._awaited if awaited]
                self.arrived.notify_all()
            return Response(200, {"Content-Type": "text/html; charset=utf-8"}, body, delay=delay)

        return serve


# -- the receiver -----------------------------------------------------------------------


class Receiver:
    """Webhook endpoints, one per subscription, recording every request."""

    def __init__(self, server: LocalHTTPServer, secrets: dict[str, str]) -> None:
        self.server = server
        self.lock = threading.Lock()
        self.arrived = threading.Condition(self.lock)
        self.received: list[Received] = []
        for name, secret in secrets.items():
            server.route(f"/hook/{name}", self._handler(name, Webhook(secret)), method="POST")

    def _handler(self, name: str, verifier: Webhook) -> Callable[[Request], Response]:
        def receive(request: Request) -> Response:
            webhook_id = request.headers.get("webhook-id", "")
            try:
                verifier.verify(request.body, dict(request.headers))
                signed = True
            except WebhookVerificationError:
                signed = False
            with self.lock:
                self.received.append(Received(name, webhook_id, request.body, signed))
                self.arrived.notify_all()
            # a slow-ish receiver, so that kills land while requests are in flight
            delay = int(hashlib.sha256(webhook_id.encode()).hexdigest()[:4], 16) % 150 / 1000
            return Response(200, {"Content-Type": "text/plain"}, b"ok", delay=delay)

        return receive

    def snapshot(self) -> list[Received]:
        with self.lock:
            return list(self.received)


# -- the daemon, its database and its log -----------------------------------------------


def write_config(
    path: Path, db_url: str, wire: LocalHTTPServer, hooks: LocalHTTPServer, secrets: dict[str, str]
) -> None:
    feeds = ", ".join(
        f"{{name: {name}, url: '{wire.url(f'/feeds/{name}.xml')}', interval: 10, jitter: 2}}" for name in FEEDS
    )
    subs = []
    for s in SUBSCRIPTIONS:
        filters = (f", tickers: [{', '.join(s.tickers)}]" if s.tickers else "") + (
            f", designations: [{', '.join(s.designations)}]" if s.designations else ""
        )
        subs.append(f"{{name: {s.name}, url: '{hooks.url(f'/hook/{s.name}')}', secret: '{secrets[s.name]}'{filters}}}")
    path.write_text(
        f"database: {{url: '{_with_application_name(db_url)}'}}\n"
        "polling: {tick: 0.2, lease: 10}\n"  # a killed poll's feed is free again 10 s after its last renewal
        "http: {per_host_interval: 0.02, per_host_concurrency: 4, deadline: 20}\n"
        "api: {enabled: false}\n"
        "logging: {format: json}\n"
        f"feeds: [{feeds}]\n"
        "delivery:\n"
        "  tick: 0.2\n  lease: 5\n  allow_private_networks: true\n"  # an unrecorded send goes again after 5 s
        f"  subscriptions: [{', '.join(subs)}]\n"
    )


class Log:
    """The daemon's log (JSON lines, appended across restarts), read as it grows."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._offset = 0
        self._partial = b""
        self.records: list[dict[str, Any]] = []
        self.other_lines: list[str] = []  # not JSON: a traceback printed by Python itself, say
        self._counts: Counter[str] = Counter()

    def read(self) -> list[dict[str, Any]]:
        """The records written since the last call."""
        if not self.path.exists():
            return []
        with self.path.open("rb") as f:
            f.seek(self._offset)
            chunk = f.read()
        self._offset += len(chunk)
        lines = (self._partial + chunk).split(b"\n")
        self._partial = lines.pop()
        new = []
        for raw in lines:
            line = raw.decode("utf-8", "replace").strip()
            if not line:
                continue
            try:
                record = json.loads(line)
            except ValueError:
                self.other_lines.append(line)
                continue
            if isinstance(record, dict):
                new.append(record)
        self.records += new
        self._counts.update(str(r.get("event")) for r in new)
        return new

    def count(self, name: str) -> int:
        """How many records of that event so far."""
        self.read()
        return self._counts[name]

    def events(self, name: str) -> list[dict[str, Any]]:
        self.read()
        return [r for r in self.records if r.get("event") == name]

    def tail(self, n: int = 30) -> str:
        return "\n".join(self.path.read_text(errors="replace").splitlines()[-n:]) if self.path.exists() else ""


@contextlib.contextmanager
def postgres_database(server_url: str) -> Iterator[str]:
    """A fresh database, ``soak_<pid>``, on the server ``server_url`` names; dropped after."""
    name = f"soak_{os.getpid()}"
    admin = make_engine(server_url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(normalize_url(server_url)).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def upgrade_schema(config: Path) -> None:
    """``ir-feed db upgrade``, as an operator runs it before starting PostgreSQL daemons."""
    done = subprocess.run(
        [sys.executable, "-m", "ir_feed", "db", "upgrade", "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"soak: ir-feed db upgrade failed:\n{done.stderr}")


# -- an SQLite write transaction, seen from outside the daemon --------------------------


class SqliteWriteLock:
    """Whether a process has a write transaction open on an SQLite database (WAL mode, as
    the daemon opens it), seen from outside that process.

    A WAL connection that opens a write transaction (``BEGIN IMMEDIATE``, as every writer
    of the daemon begins, or a deferred transaction's first write) takes SQLite's WAL
    write lock: an exclusive POSIX lock on byte 120 of the ``-shm`` file (the first of the
    eight lock bytes at offset 120, https://sqlite.org/walformat.html), held until COMMIT
    or ROLLBACK; a read transaction only takes shared locks on bytes 123 to 127.  The
    kernel lists each lock in /proc/locks with its holder's pid.  Reading that list takes
    no lock and opens no file of the database, so looking cannot change what the daemon
    does: a probing ``BEGIN IMMEDIATE`` would take the write lock itself, for a moment,
    and a daemon's writer arriving then would sleep in its busy handler; and opening the
    ``-shm`` file for fcntl(F_GETLK) would drop this process's own SQLite locks on it
    when closed (POSIX locks go with any close of the file).  Linux only
    (``available``)."""

    WRITE_LOCK_BYTE = "120"

    def __init__(self, database: str) -> None:
        self.shm = Path(f"{database}-shm")

    @staticmethod
    def available() -> bool:
        return Path("/proc/locks").is_file()

    def held_by(self, pid: int) -> bool:
        try:
            st = os.stat(self.shm)
        except FileNotFoundError:  # no connection has opened the database in WAL mode yet
            return False
        # /proc/locks: "1: POSIX  ADVISORY  WRITE 4242 fe:00:2147439 120 120" (device in hex,
        # inode in decimal); a line with "->" is a process waiting for that lock, not holding it
        inode = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
        with open("/proc/locks", encoding="ascii", errors="replace") as locks:
            for line in locks:
                f = line.split()
                if (
                    len(f) == 8
                    and f[1:4] == ["POSIX", "ADVISORY", "WRITE"]
                    and f[4] == str(pid)
                    and f[5] == inode
                    and f[6] == self.WRITE_LOCK_BYTE
                ):
                    return True
        return False


def freeze(pid: int, timeout: float = 10.0) -> bool:
    """SIGSTOP ``pid`` and wait until every thread of it has stopped (or it is gone): from
    then on it runs nothing, so a transaction it has open stays open, until SIGCONT or
    SIGKILL.  False when it did not stop in ``timeout`` seconds."""
    os.kill(pid, signal.SIGSTOP)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(state in {"T", "t", "Z", "X"} for state in _thread_states(pid)):
            return True
        time.sleep(0.0002)
    return False


def _thread_states(pid: int) -> list[str]:
    """Each thread's state letter (/proc/PID/task/TID/stat); none when the process is gone."""
    states = []
    with contextlib.suppress(FileNotFoundError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError):
                states.append((task / "stat").read_text().rsplit(")", 1)[1].split()[0])
    return states


# -- the kills --------------------------------------------------------------------------

# how each kill's moment is chosen: (the moment, its weight, the delay drawn after it, from, to)
MOMENTS = (
    # after the process starts: imports, migrations (a new SQLite file), config sync, first tick
    ("while starting", 1, 0.2, 1.8),
    ("after a random delay", 3, 0.2, 6.0),  # after daemon_started
    ("after a feed request", 2, 0.0, 0.4),  # after the wire is asked for a feed: fetch, parse, pages
    ("while fetching a page", 2, 0.0, 0.6),  # after a page request: the pages, extraction, the store transaction
    # after the request for the last page a served document needed (as the wire reckons it): the
    # answer (0.02-0.25 s), then parse, extraction and the store transaction with its diffs
    ("after a poll's last page", 2, 0.05, 0.4),
    # PostgreSQL: as soon as pg_stat_activity shows a statement of the daemon's store transaction,
    # at once (the delay drawn is not used); SQLite, which shows no other connection's statements:
    # after a poll's last page has been answered, as soon as the daemon is seen (and then stopped)
    # holding SQLite's write lock, before the next stored release is logged (see
    # Soak._await_write_transaction; the delay drawn is not used)
    ("in a store transaction", 2, 0.05, 0.4),
    ("after a stored release", 1, 0.0, 0.0),  # as soon as a release_stored line appears: right after a commit
    ("while delivering", 2, 0.0, 0.15),  # after a webhook request arrives: before its attempt is recorded
)


TRIGGER_TIMEOUT = 60.0  # seconds to wait for a moment's trigger; then the kill comes anyway (a busy CI host is slow)
STORE_WINDOW = 5.0  # SQLite: seconds to watch for the write lock after a poll's last page, at most
# SQLite: how long the write lock must have been seen held before the daemon is stopped in it.
# The daemon's other writers (a poll's claim and a delivery's claim every 0.2 s tick, lease
# renewals, a delivery's record) hold it for a few ms, more under load while an extraction keeps
# the GIL; a poll's store transaction for tens of ms.  Checked with py-spy on the stopped daemon
# (docs/reliability.md): with 5 ms, 12 of 12 kills were in the store transaction on an idle
# machine but 7 of 15 under load; with 30 ms, 24 of 24, idle and under load.
STORE_HOLD = 0.03
WRITE_TRANSACTION = "a write transaction open (SQLite's write lock held)"


@dataclass
class Kill:
    number: int
    moment: str
    delay: float
    alive: float = 0.0  # seconds the daemon ran
    triggered: bool = True  # the awaited request or line came (else: killed at the timeout)
    windows: int = 0  # SQLite, in a store transaction: the polls' last pages watched until the lock was seen
    held: float | None = None  # ... and for how long the lock had been seen held before the daemon was stopped
    at: list[str] = field(default_factory=list)  # what was under way, from the servers and the database


def wait_until(predicate: Callable[[], bool], timeout: float, step: float = 0.02) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def wait_arrival(cond: threading.Condition, count: Callable[[], int], timeout: float) -> bool:
    """The next arrival a server's handler reports, or False at the timeout."""
    with cond:
        before = count()
        return cond.wait_for(lambda: count() > before, timeout)


@dataclass
class Soak:
    kills: int
    seed: int
    db_url: str
    workdir: Path
    settle: float = 180.0
    rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.backend = make_url(normalize_url(self.db_url)).get_backend_name()
        self._leases: tuple[dict[int, datetime], dict[int, datetime]] = ({}, {})  # as the last daemon left them
        # SQLite on Linux: whether the daemon holds the write lock is seen in /proc/locks
        database = make_url(normalize_url(self.db_url)).database
        self._write_lock = (
            SqliteWriteLock(str(self.workdir / database))  # (a relative path is the daemon's: from the workdir)
            if self.backend == "sqlite" and database and database != ":memory:" and SqliteWriteLock.available()
            else None
        )

    def run(self) -> tuple[list[str], dict[str, Any]]:
        secrets = {s.name: generate_secret() for s in SUBSCRIPTIONS}
        with LocalHTTPServer() as wire_server, LocalHTTPServer() as hook_server:
            wire = Wire(random.Random(self.rng.random()), wire_server)
            receiver = Receiver(hook_server, secrets)
            config = self.workdir / "soak.yaml"
            write_config(config, self.db_url, wire_server, hook_server, secrets)
            if self.backend == "postgresql":
                upgrade_schema(config)  # (an SQLite file is migrated by the daemon itself, kills and all)
            log = Log(self.workdir / "daemon.log")
            engine = make_engine(self.db_url)
            stop_growing = threading.Event()
            grower = threading.Thread(target=wire.grow, args=(stop_growing,), name="soak-wire", daemon=True)
            failures: list[str] = []
            started = time.monotonic()
            try:
                grower.start()
                kills = [
                    self._kill_once(n, config, log, engine, wire, receiver, failures) for n in range(1, self.kills + 1)
                ]
                stop_growing.set()
                grower.join()
                settle_seconds, stopped = self._settle(config, log, engine, wire, receiver, failures)
                facts = read_facts(engine, wire.snapshot(), receiver.snapshot(), _stored_lines(log))
            finally:
                stop_growing.set()
                engine.dispose()
            checked, tally = check(facts)
            failures += checked
            log.read()
            tracebacks = [r.get("event") for r in log.records if "exception" in r] + [
                line for line in log.other_lines if "Traceback" in line
            ]
            if tracebacks:
                failures.append(f"tracebacks in the daemon's log: {len(tracebacks)}: {tracebacks[:5]}")
            levels = Counter(
                f"{r.get('level')}:{_event_name(r)}" for r in log.records if r.get("level") in {"warning", "error"}
            )
            tally = {
                "seed": self.seed,
                "backend": self.backend,
                "kills": len(kills),
                "seconds": round(time.monotonic() - started, 1),
                "settle_seconds": round(settle_seconds, 1),
                "stopped_cleanly": stopped,
                "kill_moments": dict(Counter(k.moment for k in kills)),
                "killed_during": dict(Counter(a for k in kills for a in k.at)),
                "kills_detail": [asdict(k) for k in kills],
                "wire": {
                    "feed_documents": wire.documents,
                    "not_modified": wire.not_modified,
                    "pages": wire.pages,
                    "releases_in_served_documents": len(wire.seen_in_documents),
                },
                **tally,
                "starts": log.count("daemon_started"),
                "warnings_and_errors": dict(sorted(levels.items())),
                "tracebacks": len(tracebacks),
                "failures": failures,
            }
        return failures, tally

    def _kill_once(
        self,
        number: int,
        config: Path,
        log: Log,
        engine: Engine,
        wire: Wire,
        receiver: Receiver,
        failures: list[str],
    ) -> Kill:
        moment, _weight, low, high = self.rng.choices(MOMENTS, [m[1] for m in MOMENTS])[0]
        delay = self.rng.uniform(low, high)
        kill = Kill(number, moment, round(delay, 3))
        starts = log.count("daemon_started")
        proc = start_daemon(config, log.path)
        spawned = time.monotonic()
        try:
            kill.triggered = self._await(moment, proc, starts, log, engine, wire, receiver, kill)
            if moment == "in a store transaction" and (self.backend == "postgresql" or self._write_lock is not None):
                kill.delay = delay = 0.0
            time.sleep(delay)
            # SQLite: the daemon is stopped before anything is looked at, so what is seen (its
            # write lock, the requests in flight) is what the SIGKILL finds: a stopped process
            # commits nothing in between.  (Already stopped when the kill was aimed at the lock.)
            frozen = self._write_lock is not None and proc.poll() is None and freeze(proc.pid)
            under_way = self._under_way_on_the_wire(wire, receiver, started=log.count("daemon_started") > starts)
            under_way += self._open_transactions(engine)
            if frozen and self._write_lock is not None and self._write_lock.held_by(proc.pid):
                under_way.append(WRITE_TRANSACTION)
        finally:
            exited = proc.poll()
            if exited is None:
                os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        kill.alive = round(time.monotonic() - spawned, 2)
        if exited is not None:
            failures.append(f"kill {number}: the daemon had exited by itself with status {exited}:\n{log.tail()}")
        kill.at = under_way + self._under_way_in_the_database(engine)
        if "a poll not committed" in kill.at and "fetching a feed or page" not in under_way:
            kill.at.append("a poll past its fetches (parse, extract, store, diff)")
        if not kill.at:
            kill.at = ["between work"]
        watched = f"(after {kill.windows} last pages watched) " if kill.windows > 1 else ""
        print(
            f"  kill {number:>3}: {moment:<24} +{delay:.2f}s  alive {kill.alive:5.2f}s  {watched}"
            f"{'' if kill.triggered else '(awaited moment did not come) '}under way: {', '.join(kill.at)}",
            flush=True,
        )
        return kill

    def _await(
        self,
        moment: str,
        proc: subprocess.Popen[bytes],
        starts: int,
        log: Log,
        engine: Engine,
        wire: Wire,
        receiver: Receiver,
        kill: Kill,
    ) -> bool:
        """Wait for the moment's trigger; False when it did not come (the kill is then at
        the timeout, or at once when the daemon is gone)."""
        if moment == "while starting":
            return True
        if not wait_until(lambda: log.count("daemon_started") > starts or proc.poll() is not None, 60):
            return False
        if proc.poll() is not None:
            return False
        if moment == "after a feed request":
            return wait_arrival(wire.arrived, lambda: wire.arrivals["feed"], TRIGGER_TIMEOUT)
        if moment == "while fetching a page":
            return wait_arrival(wire.arrived, lambda: wire.arrivals["page"], TRIGGER_TIMEOUT)
        if moment == "in a store transaction" and self.backend == "postgresql":
            return self._await_store(engine, TRIGGER_TIMEOUT)
        if moment == "in a store transaction" and self._write_lock is not None:
            return self._await_write_transaction(proc, log, wire, kill, TRIGGER_TIMEOUT)
        if moment in {"after a poll's last page", "in a store transaction"}:
            return wait_arrival(wire.arrived, lambda: wire.arrivals["last page"], TRIGGER_TIMEOUT)
        if moment == "while delivering":
            return wait_arrival(receiver.arrived, lambda: len(receiver.received), TRIGGER_TIMEOUT)
        if moment == "after a stored release":
            stored = log.count("release_stored")
            return wait_until(lambda: log.count("release_stored") > stored, TRIGGER_TIMEOUT, step=0.005)
        return True  # after a random delay

    @staticmethod
    def _under_way_on_the_wire(wire: Wire, receiver: Receiver, *, started: bool) -> list[str]:
        at = [] if started else ["starting"]
        if wire.server.in_flight:
            at.append("fetching a feed or page")
        if receiver.server.in_flight:
            at.append("sending a webhook")
        return at

    @staticmethod
    def _await_store(engine: Engine, timeout: float) -> bool:
        """Until the daemon runs a statement of a poll's store transaction (PostgreSQL)."""
        deadline = time.monotonic() + timeout
        with engine.connect() as conn:
            while time.monotonic() < deadline:
                statements = conn.execute(_DAEMON_TRANSACTIONS, {"name": APPLICATION_NAME}).scalars().all()
                conn.rollback()  # (a fresh snapshot of pg_stat_activity each time)
                if any(_STORING.search(q) for q in statements):
                    return True
                time.sleep(0.002)
        return False

    def _await_write_transaction(
        self, proc: subprocess.Popen[bytes], log: Log, wire: Wire, kill: Kill, timeout: float
    ) -> bool:
        """SQLite: until the daemon is stopped (``freeze``) holding the write lock, seen
        held for ``STORE_HOLD`` after a poll's last page was answered and before the next
        ``release_stored`` line (a store committed: that window is over, the next last
        page is awaited).  A poll that needed pages has a new release or version to store:
        once the last page is in, it extracts (no transaction) and opens its store
        transaction.  The lock is looked at again once the daemon is stopped: a
        transaction that ended meanwhile lets it go on (SIGCONT).  True with the daemon
        left stopped inside a write transaction.  Which of the daemon's writers holds it
        the lock does not say: the time it was held makes it the store transaction's
        (``STORE_HOLD``), which py-spy confirmed, but the soak only counts what it saw."""
        lock = self._write_lock
        assert lock is not None
        deadline = time.monotonic() + timeout
        while proc.poll() is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not wait_arrival(wire.arrived, lambda: wire.arrivals["last page"], remaining):
                return False
            kill.windows += 1
            time.sleep(max(0.0, min(wire.last_page_due, deadline) - time.monotonic()))  # the page is answered
            stored = log.count("release_stored")
            window_ends = min(time.monotonic() + STORE_WINDOW, deadline)
            probes = 0
            held_since: float | None = None
            while time.monotonic() < window_ends and proc.poll() is None:
                now = time.monotonic()
                if not lock.held_by(proc.pid):
                    held_since = None
                elif held_since is None:
                    held_since = now
                elif now - held_since >= STORE_HOLD:
                    if freeze(proc.pid) and lock.held_by(proc.pid):
                        kill.held = round(now - held_since, 4)
                        return True
                    os.kill(proc.pid, signal.SIGCONT)  # it committed (or never stopped): watch on
                    held_since = None
                probes += 1
                if probes % 20 == 0 and log.count("release_stored") > stored:
                    break
                time.sleep(0.0002)  # (a probe reads /proc/locks: some 50 µs)
        return False

    def _open_transactions(self, engine: Engine) -> list[str]:
        """On PostgreSQL, the daemon's transactions open just before the kill, by the last
        statement each ran (``pg_stat_activity``; the daemon's connections carry the
        application name the soak gave them)."""
        if self.backend != "postgresql":
            return []
        with engine.connect() as conn:
            statements = conn.execute(_DAEMON_TRANSACTIONS, {"name": APPLICATION_NAME}).scalars()
            kinds = {_transaction_kind(q) for q in statements}
        return sorted(kinds)

    def _under_way_in_the_database(self, engine: Engine) -> list[str]:
        """What the dead daemon held: a feed leased is a poll not committed (a poll that
        records its result gives its lease back); a message leased and not delivered is a
        send not recorded.  A lease the previous daemon left, still running out, is not
        this daemon's: only leases taken or renewed since the last kill count."""
        feeds: dict[int, datetime] = {}
        messages: dict[int, datetime] = {}
        with session_factory(engine)() as s, contextlib.suppress(DBAPIError):  # no schema yet: killed starting
            leased = select(FeedRow.id, FeedRow.lease_until).where(FeedRow.lease_until.is_not(None))
            feeds = {feed_id: until for feed_id, until in s.execute(leased)}
            held = select(MessageRow.id, MessageRow.lease_until).where(
                MessageRow.lease_until.is_not(None), MessageRow.status != "delivered"
            )
            messages = {message_id: until for message_id, until in s.execute(held)}
        before_feeds, before_messages = self._leases
        self._leases = (feeds, messages)
        at = []
        if any(before_feeds.get(k) != v for k, v in feeds.items()):
            at.append("a poll not committed")
        if any(before_messages.get(k) != v for k, v in messages.items()):
            at.append("a delivery not recorded")
        return at

    def _settle(
        self, config: Path, log: Log, engine: Engine, wire: Wire, receiver: Receiver, failures: list[str]
    ) -> tuple[float, bool]:
        """The wire stopped growing: run the daemon until everything is stored and
        delivered (or ``settle`` seconds pass), then stop it with SIGTERM."""
        began = time.monotonic()
        status: int | None = None
        proc = start_daemon(config, log.path)
        try:

            def done() -> bool:
                if proc.poll() is not None:
                    return True
                try:
                    return settled(read_facts(engine, wire.snapshot(), receiver.snapshot(), []))
                except DBAPIError:  # the schema not there yet, a busy file: ask again
                    return False

            wait_until(done, self.settle, step=0.5)
            elapsed = time.monotonic() - began
            if proc.poll() is not None:
                failures.append(f"the daemon exited by itself while settling, status {proc.returncode}:\n{log.tail()}")
                return elapsed, False
            if elapsed >= self.settle:
                failures.append(f"not settled after {self.settle:g} s (what is missing follows)")
            proc.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                status = proc.wait(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        stopped = status == 0 and any(r.get("clean") for r in log.events("daemon_stopped"))
        if not stopped:
            failures.append(f"the daemon did not stop cleanly on SIGTERM (status {status}):\n{log.tail()}")
        return elapsed, stopped


APPLICATION_NAME = f"ir-feed-soak-{os.getpid()}"  # the daemon's PostgreSQL connections, to tell them apart
_STORING = re.compile(
    r"^\s*(INSERT INTO|UPDATE|DELETE FROM) (releases|release_versions|release_tickers|feed_entries|events"
    r"|event_tickers|event_sources|diffs)\b|^\s*INSERT INTO messages\b",
    re.IGNORECASE,
)


_DAEMON_TRANSACTIONS = text(
    "SELECT query FROM pg_stat_activity WHERE application_name = :name AND xact_start IS NOT NULL"
    " AND state IN ('active', 'idle in transaction')"
)


def _transaction_kind(statement: str) -> str:
    """What an open transaction of the daemon was doing, by its last statement."""
    if _STORING.search(statement):
        return "a poll's store transaction open (releases, events, diffs, messages)"
    if re.search(r"\bdelivery_attempts\b|^\s*UPDATE messages\b", statement, re.IGNORECASE):
        return "a delivery transaction open"
    return "another transaction open (a claim, a lease, a read)"


def _with_application_name(db_url: str) -> str:
    """The daemon's database URL: on PostgreSQL, its connections named for the soak."""
    url = make_url(normalize_url(db_url))
    if url.get_backend_name() != "postgresql":
        return db_url
    return url.update_query_dict({"application_name": APPLICATION_NAME}).render_as_string(hide_password=False)


def _event_name(record: dict[str, Any]) -> str:
    """A log record's event, APScheduler's "job skipped" lines without their times."""
    return re.sub(r" \(trigger: [^\"]*\)\"", '"', str(record.get("event")))


def _stored_lines(log: Log) -> list[tuple[str, int, str]]:
    return [
        (str(r.get("release")), int(r.get("version") or 0), str(r.get("kind"))) for r in log.events("release_stored")
    ]


# -- the command ------------------------------------------------------------------------


def print_tally(t: dict[str, Any]) -> None:
    p, s, o, r = t["published"], t["stored"], t["outbox"], t["receiver"]
    print(
        f"soak: seed {t['seed']}, {t['kills']} kills, {t['backend']}, {t['seconds']} s "
        f"(settled in {t['settle_seconds']} s)"
    )
    print("  kill moments:   " + ", ".join(f"{k} {v}" for k, v in t["kill_moments"].items()))
    print("  under way then: " + ", ".join(f"{k} {v}" for k, v in sorted(t["killed_during"].items())))
    print(
        f"  wire:     {p['releases']} releases published ({p['versions']} versions, {p['corrected']} corrected, "
        f"{p['in_two_feeds']} in two feeds); served {t['wire']['feed_documents']} feed documents carrying "
        f"{t['wire']['releases_in_served_documents']} of them ({t['wire']['not_modified']} more answered 304), "
        f"{t['wire']['pages']} pages"
    )
    print(
        f"  stored:   {s['releases']} releases, {s['versions']} versions, "
        f"{s['entries_awaiting_page']} entries awaiting a page"
    )
    print(f"  events:   {t['events']['active']} active, {t['events']['retracted']} retracted")
    print("  diffs:    " + ", ".join(f"{k} {v}" for k, v in t["diffs"].items()))
    print(
        f"  outbox:   {o['messages']} messages: delivered {o['delivered']}, pending {o['pending']}, "
        f"retrying {o['retrying']}, dead {o['dead']}"
    )
    print(
        f"  receiver: {r['requests']} requests, {r['webhook_ids']} webhook-ids ({r['received_twice_or_more']} received "
        f"more than once, {r['extra_requests']} extra requests, all under their own id), "
        f"{r['not_in_database']} not in the database, {r['bad_signatures']} bad signatures"
    )
    print(
        f"  daemon:   {t['starts']} starts, {t['logs']['release_stored_lines']} release_stored lines, "
        f"{t['tracebacks']} tracebacks, stopped cleanly: {t['stopped_cleanly']}"
    )
    if t["warnings_and_errors"]:
        print("  log warnings/errors: " + ", ".join(f"{k} {v}" for k, v in t["warnings_and_errors"].items()))
    if t["failures"]:
        print(f"FAILED: {len(t['failures'])} invariant(s) broken")
        for f in t["failures"]:
            print(f"  - {f}")
    else:
        print("every invariant holds")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--kills", type=int, default=20, help="how many times to kill -9 the daemon (20)")
    parser.add_argument("--seed", type=int, default=None, help="the RNG seed (printed; random by default)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--postgres", metavar="URL", help="a PostgreSQL server: runs in a new database soak_<pid>")
    where.add_argument("--database-url", metavar="URL", help="an empty database (or schema) to use as it is")
    parser.add_argument("--settle", type=float, default=180.0, help="seconds allowed to settle after the kills (180)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="write the tally there as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the working directory (config, log, SQLite file)")
    args = parser.parse_args(argv)
    if args.kills < 0:
        parser.error("--kills must be 0 or more")
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1_000_000)
    workdir = Path(tempfile.mkdtemp(prefix="ir-feed-soak-"))
    print(f"soak: seed {seed}, {args.kills} kills, working in {workdir}", flush=True)
    try:
        with contextlib.ExitStack() as stack:
            if args.postgres:
                db_url = stack.enter_context(postgres_database(args.postgres))
            else:
                db_url = args.database_url or f"sqlite:///{workdir / 'soak.db'}"
            failures, tally = Soak(args.kills, seed, db_url, workdir, settle=args.settle).run()
    except BaseException:
        print(f"soak: stopped by an error; the directory is kept: {workdir}", flush=True)
        raise
    if args.keep or failures:
        print(f"soak: the directory is kept: {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    print_tally(tally)
    if args.json:
        args.json.write_text(json.dumps(tally, indent=2, default=str))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
