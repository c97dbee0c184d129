"""Extraction speed on the real corpus, against two bare parsers of the same text.

    .venv/bin/python bench/extract_speed.py [CORPUS_DIR] [--rounds N]

CORPUS_DIR defaults to ``tests/corpus`` (the labelled corpus: excerpts and full-length
releases).  Each release's text is wrapped as the description of one RSS item; in the
same run we time ``extract(text)`` on the text and, as baselines, ``feedparser.parse``
and ``lxml.etree.fromstring`` on that document, and print releases/second for each and
the ratios.  Rounds alternate between the three (best of each), so a busy machine
slows all of them alike.

Then the cold start of a command, as a person or a script meets it (issue aim: under
0.5 s): ``ir-feed --version`` and ``ir-feed extract --format json FILE`` on the longest
corpus release (with the extractor's patterns from the cache an earlier run left, and
compiled anew as on a first run), each a new process, median of ``--starts N`` (default 15), next to a
bare ``python -c pass`` and ``python -c "import re, json, argparse"`` in the same run
(the floor any Python command pays).  ``--no-starts`` leaves this part out.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import feedparser
from lxml import etree

from ir_feed.extract import EXTRACTOR_VERSION, extract
from ir_feed.extract.evaluation import corpus_text

DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"


def as_rss(text: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>bench</title>'
        "<item><title>release</title><link>https://example.com/r</link>"
        f"<description>{escape(text)}</description></item></channel></rss>"
    ).encode()


def _once(fn: Callable[[Any], object], items: Sequence[Any]) -> float:
    start = time.perf_counter()
    for item in items:
        fn(item)
    return time.perf_counter() - start


def _best_interleaved(texts: Sequence[str], documents: Sequence[bytes], rounds: int) -> tuple[float, float, float]:
    """Best time of each side over ``rounds``, the sides taking turns so that a busy
    machine slows all alike."""
    best_extract = best_parse = best_lxml = float("inf")
    for _ in range(rounds):
        best_extract = min(best_extract, _once(extract, texts))
        best_parse = min(best_parse, _once(feedparser.parse, documents))
        best_lxml = min(best_lxml, _once(etree.fromstring, documents))
    return best_extract, best_parse, best_lxml


def _median_start(command: Sequence[str], starts: int, env: dict[str, str] | None = None) -> float:
    """Median wall time of ``command`` as a new process (output discarded)."""
    times = []
    for _ in range(starts):
        begin = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def cold_starts(longest: Path, starts: int) -> None:
    """Print the cold start of the CLI's commands beside a bare interpreter's."""
    python = sys.executable
    cli = [python, "-m", "ir_feed"]
    extract = [*cli, "extract", "--format", "json", str(longest)]
    # the last without the patterns' cache (ir_feed.cli._patterns), as on a first run
    no_cache = {**os.environ, "IR_FEED_NO_PATTERN_CACHE": "1"}
    commands: dict[str, tuple[list[str], dict[str, str] | None]] = {
        "python -c pass": ([python, "-c", "pass"], None),
        "python -c 'import re, json, argparse'": ([python, "-c", "import re, json, argparse"], None),
        "ir-feed --version": ([*cli, "--version"], None),
        f"ir-feed extract ({longest.name})": (extract, None),
        "ir-feed extract, patterns compiled anew": (extract, no_cache),
    }
    _median_start(extract, 1)  # (byte-code and the patterns' cache written once, not timed)
    bare = None
    print(f"cold start, median of {starts} new processes:")
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        # (an environment that writes no byte-code makes every start compile the sources
        # again: an installed package has its byte-code, so this is not what a user meets)
        print("  NOTE: PYTHONDONTWRITEBYTECODE is set: each start below compiles ir_feed's sources")
        print("        again (unset it for the figure an installed package gives)")
    for label, (command, env) in commands.items():
        took = _median_start(command, starts, env)
        bare = bare or took
        print(f"  {label:<40} {took:6.3f} s   {took / bare:5.1f}x a bare start")


def main(argv: list[str]) -> int:
    rounds = 20
    starts = 15
    if "--starts" in argv:
        starts = int(argv[argv.index("--starts") + 1])
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
    etree.fromstring(documents[0])
    t_extract, t_parse, t_lxml = _best_interleaved(texts, documents, rounds)
    n = len(texts)
    chars = sum(len(t) for t in texts)
    print(f"extractor {EXTRACTOR_VERSION}: {n} releases, {chars:,} characters, best of {rounds} rounds")
    print(f"extract               {n / t_extract:9.1f} releases/s   {t_extract / n * 1e3:7.3f} ms/release")
    print(f"feedparser.parse      {n / t_parse:9.1f} releases/s   {t_parse / n * 1e3:7.3f} ms/release")
    print(f"lxml.etree.fromstring {n / t_lxml:9.1f} releases/s   {t_lxml / n * 1e3:7.3f} ms/release")
    print(f"ratio extract/feedparser {t_extract / t_parse:.2f}   extract/lxml {t_extract / t_lxml:.1f}")
    if "--no-starts" not in argv:
        cold_starts(max(paths, key=lambda p: p.stat().st_size), starts)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
