"""Event-store figures on a synthetic database of N events (default 1,000,000).

Prints the median time of the CLI's main queries (``ir-feed events`` with its
filters, ``ir-feed event KEY``, ``ir-feed diffs --since``), each next to a bare
indexed ``SELECT`` of a primary-key range in the same run, and the write rate of
a poll that brings 1,000 new releases (3 events each) through the real
``save_release`` + ``apply_extraction`` path, next to a bare executemany insert
of the same number of event rows.

Run: .venv/bin/python bench/store_query.py [--events 1000000] [--url sqlite:///path | postgresql://...]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, insert, select, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ir_feed.events import Designation, Extraction, ReleaseFacts, TrialStart
from ir_feed.models import PressRelease, Ticker
from ir_feed.normalize import content_hash
from ir_feed.store import queries
from ir_feed.store.engine import make_engine, session_factory, upgrade
from ir_feed.store.events import apply_extraction
from ir_feed.store.releases import save_release
from ir_feed.store.tables import DiffRow, EventRow, EventTickerRow, ReleaseRow

KINDS = ("designation", "ind_clearance", "trial_start")
DESIGNATIONS = ("fast_track", "orphan_drug", "breakthrough_therapy", "rare_pediatric_disease", "rmat", "prime")
STATUSES = {
    "designation": ("granted", "applied"),
    "ind_clearance": ("cleared", "submitted"),
    "trial_start": ("planned", "initiated", "first_patient_dosed"),
}
T0 = datetime(2015, 1, 1, tzinfo=UTC)


def populate(engine: Engine, n: int, issuers: int) -> None:
    rng = random.Random(7)
    chunk = 20_000
    with engine.begin() as conn:
        for start in range(0, n, chunk):
            events, tickers, diffs = [], [], []
            for i in range(start, min(n, start + chunk)):
                kind = KINDS[i % 3]
                issuer = rng.randrange(issuers)
                occurred = T0 + timedelta(minutes=rng.randrange(6_000_000))
                events.append(
                    {
                        "id": i + 1,
                        "key": f"nasdaq-x{issuer}|{kind}|p{i}",
                        "kind": kind,
                        "company": f"Issuer {issuer}",
                        "tickers": [f"NASDAQ:X{issuer}"],
                        "agency": "FDA" if kind != "trial_start" else None,
                        "designation": DESIGNATIONS[i % 6] if kind == "designation" else None,
                        "product": f"XB-{i}",
                        "indication": "a rare disease",
                        "trial": None,
                        "phase": "2" if kind == "trial_start" else None,
                        "indications": [],
                        "status": STATUSES[kind][i % len(STATUSES[kind])],
                        "timing_text": None,
                        "window_start": None,
                        "window_end": None,
                        "announced": True,
                        "evidence": "Synthetic evidence sentence for the benchmark.",
                        "retracted": False,
                        "occurred_at": occurred,
                        "state_release_id": None,
                        "state_published_at": occurred,
                        "extractor_version": "bench",
                        "first_seen_at": occurred,
                        "updated_at": occurred,
                    }
                )
                tickers.append(
                    {"event_id": i + 1, "exchange": "NASDAQ", "symbol": f"X{issuer}", "occurred_at": occurred}
                )
                diffs.append(
                    {
                        "public_id": f"dif_bench{i:012d}",
                        "type": "event.created",
                        "event_id": i + 1,
                        "event_key": f"nasdaq-x{issuer}|{kind}|p{i}",
                        "release_id": None,
                        "release_version": 1,
                        "changes": {},
                        "event": {},
                        "release": {},
                        "cause": "poll",
                        "extractor_version": "bench",
                        "created_at": occurred,
                    }
                )
            conn.execute(insert(EventRow), events)
            conn.execute(insert(EventTickerRow), tickers)
            conn.execute(insert(DiffRow), diffs)
            print(f"\r  loaded {min(n, start + chunk):,} events", end="", flush=True)
    print()
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()
    else:
        with engine.connect() as conn:
            conn.execute(text("ANALYZE"))


def median_ms(fn: Callable[[], object], runs: int = 21) -> float:
    fn()  # warm
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples)


def write_rate(engine: Engine, releases: int = 1000) -> tuple[float, float]:
    """Releases/s through save_release + apply_extraction (3 events each) in one poll
    transaction, and event rows/s of a bare executemany insert, same database."""
    write = session_factory(engine, write=True)
    base = 9_000_000
    t = time.perf_counter()
    with write.begin() as s:
        now = datetime.now(UTC)
        for i in range(releases):
            rid = base + i
            tick = (Ticker("NASDAQ", f"NEW{i % 300}"),)
            body = f"Release {rid} body with Fast Track and a planned Phase 2 trial."
            pr = PressRelease(
                key=f"bench:{rid}",
                guid=None,
                url=None,
                title=f"Release {rid}",
                published=now,
                modified=None,
                issuer=f"New Issuer {i}",
                tickers=tick,
                isin=None,
                language="en",
                subjects=(),
                summary=body,
                text=body,
                full_text=True,
                content_hash=content_hash(str(rid), body),
            )
            saved = save_release(s, pr, feed_id=None, now=now)
            row = s.get_one(ReleaseRow, saved.release_id)
            issuer = f"nasdaq-new{i % 300}"
            events = (
                Designation(
                    True, "FDA", "fast_track", f"NB-{i}", "ALS", "granted", "Fast Track.", f"{issuer}|d|ft|nb{i}|als"
                ),
                Designation(
                    True, "FDA", "orphan_drug", f"NB-{i}", "ALS", "granted", "Orphan.", f"{issuer}|d|od|nb{i}|als"
                ),
                TrialStart(
                    True,
                    f"NB-{i}",
                    None,
                    "2",
                    ("ALS",),
                    "mid-2027",
                    date(2027, 4, 1),
                    date(2027, 9, 30),
                    "planned",
                    "Trial.",
                    f"{issuer}|t|nb{i}|p2",
                ),
            )
            apply_extraction(
                s,
                release=row,
                extraction=Extraction(ReleaseFacts(None, None, tick), events, "bench"),
                cause="poll",
                now=now,
            )
    service = releases / (time.perf_counter() - t)

    rows = [
        {
            "key": f"bare|{i}",
            "kind": "designation",
            "company": "c",
            "tickers": [],
            "product": "p",
            "status": "granted",
            "indications": [],
            "announced": True,
            "evidence": "e",
            "retracted": False,
            "occurred_at": T0,
            "extractor_version": "bench",
            "first_seen_at": T0,
            "updated_at": T0,
        }
        for i in range(releases * 3)
    ]
    t = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(insert(EventRow), rows)
    bare_events = len(rows) / (time.perf_counter() - t)
    return service, bare_events


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--url", help="database URL (default: a fresh SQLite file in a temp dir)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        engine = make_engine(url)
        upgrade(engine)
        issuers = max(10, args.events // 200)  # ~200 events per issuer
        print(f"backend: {engine.dialect.name}; events: {args.events:,}; issuers: {issuers:,}")
        t = time.perf_counter()
        populate(engine, args.events, issuers)
        print(f"load: {time.perf_counter() - t:.1f} s")
        read = session_factory(engine)
        sym = "X42"
        key = f"nasdaq-x{7 % issuers}|designation|p{args.events // 2 - (args.events // 2) % 3}"

        def q(f: queries.EventFilter) -> Callable[[], object]:
            def run() -> object:
                with read() as s:
                    return queries.list_events(s, f)

            return run

        def detail() -> object:
            with read() as s:
                return queries.event_detail(s, key)

        def diffs_since() -> object:
            with read() as s:
                return queries.list_diffs(s, since=datetime(2025, 6, 1, tzinfo=UTC), limit=100)

        def bare() -> object:
            with engine.connect() as conn:
                return conn.execute(
                    select(EventRow).where(EventRow.id > args.events // 2).order_by(EventRow.id).limit(50)
                ).all()

        baseline = median_ms(bare)
        cases = [
            ("events (newest 50)", q(queries.EventFilter())),
            (f"events --ticker {sym}", q(queries.EventFilter(ticker=sym))),
            (
                "events --kind designation --designation fast_track",
                q(queries.EventFilter(kind="designation", designation="fast_track")),
            ),
            ("events --status first_patient_dosed", q(queries.EventFilter(status="first_patient_dosed"))),
            (
                "events --since 2020-01-01 --until 2020-02-01",
                q(queries.EventFilter(since=datetime(2020, 1, 1, tzinfo=UTC), until=datetime(2020, 2, 1, tzinfo=UTC))),
            ),
            (f"events --ticker {sym} --kind trial_start", q(queries.EventFilter(ticker=sym, kind="trial_start"))),
            ("event KEY (detail + history)", detail),
            ("diffs --since 2025-06-01 (100)", diffs_since),
        ]
        print(f"\n{'query':<52}{'median ms':>10}{'x bare':>8}")
        print(f"{'bare SELECT 50 rows by primary key range':<52}{baseline:>10.2f}{1.0:>8.1f}")
        for name, fn in cases:
            ms = median_ms(fn)
            print(f"{name:<52}{ms:>10.2f}{ms / baseline:>8.1f}")
        service, bare_events = write_rate(engine)
        print(
            f"\npoll of 1,000 new releases (3 events each), one transaction: {service:,.0f} releases/s "
            f"= {service * 3:,.0f} events/s"
        )
        print(
            f"bare executemany insert of 3,000 event rows: {bare_events:,.0f} events/s "
            f"(service/bare = {service * 3 / bare_events:.2f})"
        )
        engine.dispose()


if __name__ == "__main__":
    main()
