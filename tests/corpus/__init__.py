"""The labelled extraction corpus: ``releases/NAME.txt`` + ``NAME.gold.json``
(``docs/labelling.md``), the catalyst labels of the releases read for them
(``catalysts/NAME.json``), and the shared corpus beside the repository.

:func:`load` reads one directory into :class:`Labelled` releases, each in its part:
``shared`` (the 20 releases the first extractor was written from), ``tune`` or
``test`` (:func:`ir_feed.extract.evaluation.corpus_part`, fixed by a hash of the
source URL).  Used by ``bench/extract_quality.py`` and the acceptance tests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ir_feed.extract.evaluation import corpus_part, corpus_source, corpus_text

ROOT = Path(__file__).resolve().parents[2]
PROJECT = ROOT / "tests" / "corpus" / "releases"
SHARED = ROOT / ".." / "shared" / "corpus" / "releases"


@dataclass(frozen=True)
class Labelled:
    name: str
    part: str  # shared | tune | test
    text: str
    gold: dict[str, Any]
    catalysts: dict[str, Any] | None = None  # None: not read for the catalyst kinds

    @property
    def full(self) -> bool:
        """Runs through About, forward-looking statements or contacts."""
        return self.gold.get("length") == "full"


def load(root: Path, part: str | None = None) -> list[Labelled]:
    """The labelled releases under ``root``; ``part`` None: each by :func:`corpus_part`."""
    out = []
    catalysts = root.parent / "catalysts"
    for gold_path in sorted(root.glob("*.gold.json")):
        name = gold_path.name.split(".")[0]
        raw = (root / f"{name}.txt").read_text(encoding="utf-8")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        labels = catalysts / f"{name}.json"
        read = json.loads(labels.read_text(encoding="utf-8")) if labels.is_file() else None
        out.append(Labelled(name, part or corpus_part(corpus_source(raw)), corpus_text(raw), gold, read))
    return out
