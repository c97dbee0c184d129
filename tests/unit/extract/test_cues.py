"""Hints are complete: every match of a hinted keyword pattern holds one of its hints,
proved from the pattern's syntax tree (so skipping a pattern when no hint occurs never
changes a result)."""

from __future__ import annotations

import importlib
import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

import pytest

from ir_feed.extract import context, designations, ind, trials
from ir_feed.extract.sentences import Cue

# (the package's ``sentences`` attribute is the function of that name)
sentences = importlib.import_module("ir_feed.extract.sentences")


def _covers(seq: Any, hints: tuple[str, ...], prefix: str = "") -> bool:
    """True when every match of the parsed sequence ``seq`` (right after the literal
    text ``prefix``) holds one of ``hints``: a run of literals it must match contains
    one, or an element it must match covers (with the run just before it)."""
    run = prefix
    for op, av in [*seq, (None, None)]:
        if op is C.LITERAL:
            run += chr(av)
            continue
        if any(h in run for h in hints):
            return True
        if op is C.SUBPATTERN and not av[1] & re.IGNORECASE and _covers(av[-1], hints, run):
            return True
        if op is C.BRANCH and all(_covers(branch, hints, run) for branch in av[1]):
            return True
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1 and _covers(av[2], hints, run):
            return True
        if op is C.ATOMIC_GROUP and _covers(av, hints, run):
            return True
        run = ""
    return False


def _hinted() -> list[tuple[str, re.Pattern[str], tuple[str, ...]]]:
    out = []
    for module in (context, designations, ind, sentences, trials):
        for name, value in vars(module).items():
            if isinstance(value, Cue):
                out.append((f"{module.__name__}.{name}", value.pattern, value.hints))
    for status, pattern in trials._CUES:
        out.append((f"trials cue {status}", pattern, trials._CUE_HINTS[status]))
    out.append(("trials._TRAP", trials._TRAP, trials._TRAP_HINTS))
    out.append(("designations._INDICATION", designations._INDICATION, designations._INDICATION_HINTS))
    return out


HINTED = _hinted()


def test_there_are_hinted_patterns() -> None:
    assert len(HINTED) >= 10


@pytest.mark.parametrize(("name", "pattern", "hints"), HINTED, ids=[h[0] for h in HINTED])
def test_hints_are_complete(name: str, pattern: re.Pattern[str], hints: tuple[str, ...]) -> None:
    assert not pattern.flags & re.IGNORECASE, name  # hints are matched as written
    assert _covers(_parser.parse(pattern.pattern, pattern.flags), hints), name


def test_the_proof_rejects_an_incomplete_hint_list() -> None:
    pattern = re.compile(r"(?:positive\s+opinion|recommended\s+grant)")
    assert _covers(_parser.parse(pattern.pattern), ("positive", "recommended"))
    assert not _covers(_parser.parse(pattern.pattern), ("positive",))
    assert not _covers(_parser.parse(r"(?:fast)?track"), ("fast",))
    assert not _covers(_parser.parse(r"(?i:fast)track"), ("fast",))
    assert _covers(_parser.parse(r"f(?:ast|ine)"), ("fast", "fine"))
    assert not _covers(_parser.parse(r"f(?:ast|ine)"), ("fast",))
    assert not _covers(_parser.parse(r"f(?:a|o)st"), ("fast",))


def test_alternatives_grouped_by_first_letter_match_the_same() -> None:
    from ir_feed.extract.sentences import by_first_char

    flat = r"plans?\s+to\s+(?:start|begin)|planned|will[^.;]{0,9}?\bstart|pending|[xy]z|p(?:a|b)"
    with pytest.raises(ValueError, match="literal letter"):
        by_first_char(flat)
    flat = flat.removesuffix(r"|[xy]z|p(?:a|b)")
    grouped = by_first_char(flat)
    assert grouped == r"(?:p(?:lans?\s+to\s+(?:start|begin)|lanned|ending)|will[^.;]{0,9}?\bstart)"
    for text in ("we plans to begin", "planned; pending", "will x start, plan to start", "pa", ""):
        assert [m.span() for m in re.finditer(flat, text)] == [m.span() for m in re.finditer(grouped, text)]
