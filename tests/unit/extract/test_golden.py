"""Regression guard: the extractor reproduces ``golden/outputs.json`` exactly.

The golden file holds ``Extraction.to_dict()`` for every input of :func:`inputs`:
the corpus releases (``shared/corpus/releases/*.txt``), release 000 with its
headline and with feed values, the demo pages' article text, the trap cases, and
deterministic mixes of their lines and of release-like word salad.  It guards
refactors (speed work, restructuring): any change of output fails here.

Regenerate it **only** for an intended output change (and then bump
``EXTRACTOR_VERSION`` and review the diff of the golden file)::

    .venv/bin/python tests/unit/extract/test_golden.py
"""

from __future__ import annotations

import functools
import json
import random
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]
if __name__ == "__main__":  # run as a script: make the repository importable
    sys.path.insert(0, str(ROOT))

from ir_feed.extract import extract  # noqa: E402
from ir_feed.extract.evaluation import corpus_text  # noqa: E402
from ir_feed.models import Ticker  # noqa: E402
from ir_feed.page import article_text  # noqa: E402

GOLDEN = Path(__file__).parent / "golden" / "outputs.json"
CASES = Path(__file__).parent / "cases"
PAGES = ROOT / "examples" / "releases"
RELEASES = ROOT / ".." / "shared" / "corpus" / "releases"

SEED_HEADLINE = (
    "Allogene Granted Three U.S. FDA Fast Track Designations (FTD) for ALLO-329, a Next-Generation Dual "
    "Targeted CD19/CD70 Allogeneic CAR T for the Treatment of Lupus, Myositis and Scleroderma"
)
_VOCAB = [
    "FDA", "Fast Track", "designation", "granted", "Phase 1/2", "trial", "initiate", "in mid-2025",
    "(Nasdaq: ABC)", "IND", "cleared", "ABC-123", "About", "\n", "(", ")", ":", ";", "-", "—", ".",
    "Q3", "2025", "first patient dosed", "previously", "respectively", "™", "Orphan Drug", "CTA",
    "(GLOBE NEWSWIRE) --", "April 07, 2025", "Health Canada", "plans to seek", "for the treatment of",
    "patients with", "SLE, IIM and SSc", "expects to begin", "the study", "received", "EMA", "PRIME",
    "Breakthrough Therapy", "Priority Review", "NWB-101", "pemivibart", "CALDER-1", "trial,", "in 2026",
]  # fmt: skip

Call = Callable[[], dict[str, Any]]


def _run(text: str, **kw: Any) -> Call:
    return lambda: extract(text, **kw).to_dict()


def inputs() -> dict[str, Call]:
    """Every golden input by name (corpus entries only when the corpus is there)."""
    out: dict[str, Call] = {}
    corpus = [corpus_text(p.read_text("utf-8")) for p in sorted(RELEASES.glob("*.txt"))]
    for p, text in zip(sorted(RELEASES.glob("*.txt")), corpus, strict=True):
        out[f"corpus/{p.stem}"] = _run(text)
    if (RELEASES / "000.txt").is_file():
        seed = corpus_text((RELEASES / "000.txt").read_text("utf-8"))
        out["corpus/000+headline"] = _run(f"{SEED_HEADLINE}\n\n{seed}")
        out["corpus/000+feed"] = _run(
            seed, feed_tickers=(Ticker("NASDAQ", "ALLO"), Ticker(None, "ALLOX")), issuer="Allogene",
            published=date(2025, 1, 2),
        )  # fmt: skip
    for page in sorted(PAGES.glob("*.html")):
        out[f"demo/{page.stem}"] = _run(article_text(page.read_bytes(), None))
    cases = [(p.stem, p.read_text("utf-8")) for p in sorted(CASES.glob("*.txt"))]
    for name, text in cases:
        out[f"case/{name}"] = _run(text)
    lines = [line for text in [*corpus, *(t for _, t in cases)] for line in text.splitlines() if line.strip()]
    rng = random.Random(20261102)
    for i in range(120):  # realistic lines in new company: cross-sentence look-ups, sections
        picked = [lines[rng.randrange(len(lines))] for _ in range(rng.randint(3, 25))]
        out[f"mix/{i:03d}"] = _run("\n".join(picked), published=date(2025, 6, 1) if i % 3 == 0 else None)
    for i in range(120):
        words = [_VOCAB[rng.randrange(len(_VOCAB))] for _ in range(rng.randint(5, 120))]
        out[f"salad/{i:03d}"] = _run(" ".join(words), published=date(2025, 6, 1) if i % 2 else None)
    return out


@functools.cache
def _golden() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GOLDEN.read_text("utf-8"))
    return data


_INPUTS = inputs()


def test_golden_covers_every_input() -> None:
    golden = _golden()
    missing = sorted(set(_INPUTS) - set(golden))
    assert not missing, missing
    if not RELEASES.is_dir():
        pytest.skip(f"real corpus not found at {RELEASES}")
    assert sorted(golden) == sorted(_INPUTS)


@pytest.mark.parametrize("name", sorted(_INPUTS))
def test_output_unchanged(name: str) -> None:
    assert _INPUTS[name]() == _golden()[name]


def main() -> int:
    if not RELEASES.is_dir():
        print(f"corpus not found at {RELEASES}: not regenerating", file=sys.stderr)
        return 1
    data = {name: run() for name, run in sorted(_INPUTS.items())}
    GOLDEN.parent.mkdir(exist_ok=True)
    GOLDEN.write_text(json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n", "utf-8")
    print(f"wrote {len(data)} outputs to {GOLDEN}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
