"""Extraction speed on the real corpus, against feedparser parsing the same text.

    .venv/bin/python bench/extract_speed.py [CORPUS_DIR] [--rounds N]

Each release's text is wrapped as the description of one RSS item; in the same run
we time ``feedparser.parse(bytes)`` on that document and ``extract(text)`` on the
text, and print releases/second for both and the ratio (extract time / parse time;
below 1.0 means extracting a release costs less than parsing it).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape

import feedparser

from ir_feed.extract import EXTRACTOR_VERSION, extract
from ir_feed.extract.evaluation import corpus_text

DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"


def as_rss(text: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>bench</title>'
        "<item><title>release</title><link>https://example.com/r</link>"
        f"<description>{escape(text)}</description></item></channel></rss>"
    ).encode()


def _best(fn: object, items: list[object], rounds: int) -> float:
    assert callable(fn)
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for item in items:
            fn(item)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str]) -> int:
    rounds = 5
    if "--rounds" in argv:
        rounds = int(argv[argv.index("--rounds") + 1])
    args = [a for a in argv if not a.startswith("--") and not a.isdigit()]
    corpus = Path(args[0]) if args else DEFAULT_CORPUS
    paths = sorted((corpus / "releases").glob("*.txt"))
    if not paths:
        print(f"corpus not found at {corpus}", file=sys.stderr)
        return 1
    texts = [corpus_text(p.read_text(encoding="utf-8")) for p in paths]
    documents = [as_rss(t) for t in texts]
    extract(texts[0])  # warm up compiled patterns
    feedparser.parse(documents[0])
    t_extract = _best(extract, list(texts), rounds)
    t_parse = _best(feedparser.parse, list(documents), rounds)
    n = len(texts)
    chars = sum(len(t) for t in texts)
    print(f"extractor {EXTRACTOR_VERSION}: {n} releases, {chars:,} characters, best of {rounds} rounds")
    print(f"extract            {n / t_extract:9.1f} releases/s   {t_extract / n * 1e3:7.3f} ms/release")
    print(f"feedparser.parse   {n / t_parse:9.1f} releases/s   {t_parse / n * 1e3:7.3f} ms/release")
    print(f"ratio extract/parse  {t_extract / t_parse:.2f}  (<= 1.0 means extraction is cheaper)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
