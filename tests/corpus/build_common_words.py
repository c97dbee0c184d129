"""Build ``ir_feed/extract/common_words.txt``: the lower-case words of six letters or more
that at least three releases of the corpus's tuning part (or the shared seed releases)
use — English and the field's vocabulary, so that a lower-case name the extractor meets in
a drug's place ("a Phase 3 trial of ensifentrine") can be told from a word ("a trial of
safety").

    .venv/bin/python tests/corpus/build_common_words.py           # write the file
    .venv/bin/python tests/corpus/build_common_words.py --check   # exit 1 if a word is unsupported

Built from the tuning part only (``corpus_part``): the test part is never read.  Words an
INN stem already marks as a drug's name (``products._inn_names``) are left out.  The file
is built once and kept: growing the corpus must not change what the extractor says, so
rebuilding is a deliberate step (bump ``EXTRACTOR_VERSION``); ``--check`` (run by the unit
tests) only asserts every word is still used by three tuning or shared releases.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ir_feed.extract import products
from tests.corpus import PROJECT, SHARED, load

OUT = Path(__file__).resolve().parents[2] / "ir_feed" / "extract" / "common_words.txt"
MIN_RELEASES = 3
_WORD = re.compile(r"(?<![\w-])[a-z]{6,}(?![\w-])")


def release_counts() -> Counter[str]:
    """In how many tuning-part or shared releases each lower-cased word occurs."""
    items = [i for i in load(PROJECT) if i.part == "tune"] + (load(SHARED, "shared") if SHARED.is_dir() else [])
    counts: Counter[str] = Counter()
    for item in items:
        counts.update(set(_WORD.findall(item.text.lower())))
    return counts


def build() -> list[str]:
    counts = release_counts()
    words = [w for w, n in counts.items() if n >= MIN_RELEASES]
    return sorted(w for w in words if not products._inn_names(f" {w} "))


def main(argv: list[str]) -> int:
    if "--check" in argv:
        counts = release_counts()
        shipped = OUT.read_text(encoding="utf-8").split()
        thin = [w for w in shipped if counts[w] < MIN_RELEASES]
        for w in thin:
            print(f"{w}: in {counts[w]} tuning or shared releases, fewer than {MIN_RELEASES}")
        return 1 if thin or shipped != sorted(set(shipped)) else 0
    words = build()
    OUT.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
