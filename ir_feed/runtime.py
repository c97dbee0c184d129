"""Process-wide tuning of a long-running ir_feed process: the cyclic garbage collector.

A daemon (``ir-feed run``, ``ir-feed deliver --once``) imports a large, long-lived heap
(SQLAlchemy, FastAPI, the extractor's patterns: a few hundred thousand objects) and then
allocates a steady stream of short-lived containers (rows, payload dicts, requests, tasks).
With CPython's default thresholds (700, 10, 10) the collector runs a young collection every
700 net allocations, and every message's objects that are still in flight after two of them
count toward a full collection, which walks the whole startup heap again: in
``bench/delivery.py`` a quarter of the deliverer's CPU went to the collector (about 120 µs
of ~450 µs per message, four full collections of ~100 ms each per 5,000 messages).

:func:`tune_gc` collects once, then freezes what is alive (start-up objects are never walked
again: full collections only look at what came later) and raises the young generation's
threshold, so most short-lived objects are freed by reference counting before any collection
sees them.  Cyclic garbage is still collected, a little later; memory stays flat.

It is called once by the entry points that run a daemon, after start-up imports, never by
library code (tests run many daemons in one process and keep the defaults).
"""

from __future__ import annotations

import gc

__all__ = ["YOUNG_THRESHOLD", "tune_gc"]

YOUNG_THRESHOLD = 10_000  # net container allocations between young collections (CPython: 700)


def tune_gc() -> None:
    """Collect, freeze what is alive now, and raise the young generation's threshold.
    Idempotent enough to call again (each call freezes what is alive then)."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
