"""Build ``ir_feed/extract/common_words.txt``: the lower-case words of six letters or more
that at least three releases of the corpus's tuning part (or the shared seed releases)
use — English and the field's vocabulary, so that a lower-case name the extractor meets in
a drug's place ("a Phase 3 trial of ensifentrine") can be told from a word ("a trial of
safety").

    .venv/bin/python tests/corpus/build_common_words.py           # write the file
    .venv/bin/python tests/corpus/build_common_words.py --check   # exit 1 if a word no longer qualifies

Built from the tuning part only (``corpus_part``): the test part is never read.  A word
counts when two issuers or more use it (one company's releases repeat its own drug's name),
and never when a tuning label names it as a product on its own ("arimoclomol"), nor when an
INN stem already marks it as a drug's name (``products._inn_names``).  The file
is built once and kept: growing the corpus must not change what the extractor says, so
rebuilding is a deliberate step (bump ``EXTRACTOR_VERSION``); ``--check`` (run by the unit
tests) asserts every word still qualifies (a new label naming one as a product fails it).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ir_feed.extract import products
from tests.corpus import PROJECT, SHARED, Labelled, load

OUT = Path(__file__).resolve().parents[2] / "ir_feed" / "extract" / "common_words.txt"
MIN_RELEASES = 3
MIN_ISSUERS = 2
_WORD = re.compile(r"(?<![\w-])[a-z]{6,}(?![\w-])")


def _items() -> list[Labelled]:
    return [i for i in load(PROJECT) if i.part == "tune"] + (load(SHARED, "shared") if SHARED.is_dir() else [])


def release_counts(items: list[Labelled]) -> Counter[str]:
    """In how many tuning-part or shared releases each lower-cased word occurs."""
    counts: Counter[str] = Counter()
    for item in items:
        counts.update(set(_WORD.findall(item.text.lower())))
    return counts


def _issuers(items: list[Labelled]) -> dict[str, set[str]]:
    """The issuers (the labels' company, else the release) that use each word."""
    out: dict[str, set[str]] = {}
    for item in items:
        issuer = (item.gold.get("company") or item.name).lower()
        for word in set(_WORD.findall(item.text.lower())):
            out.setdefault(word, set()).add(issuer)
    return out


def _labelled_products(items: list[Labelled]) -> set[str]:
    """Products the labels name as one lower-case word ("arimoclomol")."""
    out: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "product" and isinstance(value, str) and _WORD.fullmatch(value.strip().lower()):
                    out.add(value.strip().lower())
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for item in items:
        walk(item.gold)
        walk(item.catalysts)
    return out


def build() -> list[str]:
    items = _items()
    counts, issuers, named = release_counts(items), _issuers(items), _labelled_products(items)
    words = [w for w, n in counts.items() if n >= MIN_RELEASES and len(issuers[w]) >= MIN_ISSUERS]
    return sorted(w for w in words if w not in named and not products._inn_names(f" {w} "))


def main(argv: list[str]) -> int:
    if "--check" in argv:
        items = _items()
        counts, issuers, named = release_counts(items), _issuers(items), _labelled_products(items)
        shipped = OUT.read_text(encoding="utf-8").split()
        bad = [w for w in shipped if counts[w] < MIN_RELEASES or len(issuers.get(w, ())) < MIN_ISSUERS or w in named]
        for w in bad:
            print(f"{w}: in {counts[w]} tuning or shared releases of {len(issuers.get(w, ()))} issuers"
                  f"{', a labelled product' if w in named else ''}")
        return 1 if bad or shipped != sorted(set(shipped)) else 0
    words = build()
    OUT.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
