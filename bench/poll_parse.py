"""How parse cost grows with what is new: a synthetic 100-item
GlobeNewswire-style feed, parsed in full and with 99 items known.

Run: .venv/bin/python bench/poll_parse.py
"""

from __future__ import annotations

import time
from collections.abc import Callable

from ir_feed.parse import parse_feed, scan_feed

N_ITEMS = 100
ROUNDS = 20

_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
    "<channel><title>GlobeNewswire - Bench</title><ttl>10</ttl>\n"
)
_PARA = (
    "BOSTON, Mass., Jan. {n}, 2026 (GLOBE NEWSWIRE) -- Example Bio {n}, Inc. (Nasdaq: EXB{n}) "
    "today announced that the U.S. Food and Drug Administration granted Fast Track designation "
    "to its product candidate EXB-{n} for the treatment of a rare disease. "
)


def _item(n: int) -> str:
    rid = 9000000 + n
    url = f"https://www.globenewswire.com/news-release/2026/01/05/{rid}/0/en/example-{n}.html"
    body = "<p>" + _PARA.format(n=n) * 12 + "</p>"  # about 4 KB of markup
    return (
        f'<item><guid isPermaLink="true">{url}</guid><link>{url}</link>'
        f'<category domain="https://www.globenewswire.com/rss/stock">Nasdaq:EXB{n}</category>'
        f'<category domain="https://www.globenewswire.com/rss/ISIN">US00000{n:05d}</category>'
        f"<title>Example Bio {n} Receives FDA Fast Track Designation</title>"
        f"<description><![CDATA[{body}]]></description>"
        f"<pubDate>Mon, 05 Jan 2026 {n % 24:02d}:{n % 60:02d} GMT</pubDate>"
        f"<dc:identifier>{rid}</dc:identifier><dc:language>en</dc:language>"
        f"<dc:contributor>Example Bio {n}, Inc.</dc:contributor>"
        f"<dc:modified>Mon, 05 Jan 2026 {n % 24:02d}:{n % 60:02d} GMT</dc:modified>"
        f"<dc:subject>Product / Services Announcement</dc:subject></item>\n"
    )


def _feed(items: range) -> bytes:
    return (_HEAD + "".join(_item(n) for n in items) + "</channel></rss>\n").encode()


def _best_ms(fn: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> None:
    previous = _feed(range(1, N_ITEMS + 1))
    current = _feed(range(2, N_ITEMS + 2))  # one item dropped off, one new on top
    known = {stub.digest for stub in scan_feed(previous).items}
    new = parse_feed(current, skip=known.__contains__)
    assert len(new.items) == 1, len(new.items)

    full = _best_ms(lambda: parse_feed(current))
    scan = _best_ms(lambda: scan_feed(current))
    one_new = _best_ms(lambda: parse_feed(current, skip=known.__contains__))
    none_new = _best_ms(lambda: parse_feed(previous, skip=known.__contains__))
    print(f"feed: {N_ITEMS} items, {len(current) / 1024:.0f} KiB (best of {ROUNDS})")
    print(f"full parse (feedparser, every item): {full:8.2f} ms")
    print(f"scan only (lxml, digests):            {scan:8.2f} ms")
    print(f"1 new item, 99 known:                 {one_new:8.2f} ms  ratio {full / one_new:.1f}x")
    print(f"0 new items, 100 known:               {none_new:8.2f} ms  ratio {full / none_new:.1f}x")


if __name__ == "__main__":
    main()
