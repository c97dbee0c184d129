"""The extractor's regular expressions, compiled once for every process that runs it.

The extractor's modules compile about 650 patterns when they are imported: 0.6 s of
every cold ``ir-feed extract``, and nearly all of it in the first of CPython's two steps —
parsing a pattern and generating its program (pure Python) — before the second builds
the matcher from the program (C, a few microseconds).  :func:`compile` is
``re.compile``; after :func:`preload` it also keeps each program it generates, so an
edge can :func:`export` them once the extractor is imported and hand them back to
:func:`preload` in a later process, where a pattern found among them skips the first
step.  A program is checked by CPython's own validator when its matcher is built, and
a table made by another Python (:data:`STAMP`) or one that does not fit is not used:
such a pattern is compiled as usual.  Pure: the table comes in and goes out as data;
the edge (``ir_feed.cli._patterns``) reads and writes it.
"""

from __future__ import annotations

import base64
import re
import sys
from array import array
from collections.abc import Mapping
from typing import Any

try:  # CPython's regex engine; other Pythons compile as usual
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _parser  # type: ignore[attr-defined]

    STAMP = f"{sys.implementation.cache_tag} {sys.version} sre {_sre.MAGIC}"
    _CODE = "I" if array("I").itemsize == _sre.CODESIZE else ""
except (ImportError, AttributeError):  # pragma: no cover - not CPython
    STAMP, _CODE = "", ""

# (pattern, flags) -> (flags of the compiled pattern, program, groups, group index, index group)
Program = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]

_loaded: dict[tuple[str, int], Program] = {}
_kept: dict[tuple[str, int], Program] | None = None  # None: not keeping (a daemon, a library user)
_missed = 0


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``; after :func:`preload`, from its program when the
    table held it, and keeping the program it generated when not."""
    global _missed
    if _kept is None:
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    program = _loaded.get(key) or _kept.get(key)  # (two modules may compile one pattern)
    built = _build(pattern, program) if program is not None else None
    if built is None:  # (not in the table, or a program that does not fit)
        _missed += 1
        program = _generate(pattern, key[1])
        built = _build(pattern, program) if program is not None else None
    if built is None or program is None:
        return re.compile(pattern, flags)
    _kept[key] = program
    return built


def preload(table: Mapping[str, Any] | None) -> int:
    """Take the programs of ``table`` (what :func:`export` returned in an earlier process;
    None or one made by another Python: none) and keep every program generated from
    now on.  Returns how many were taken."""
    global _kept, _missed
    _kept, _missed = {}, 0
    _loaded.clear()
    if not STAMP or not _CODE or not isinstance(table, Mapping) or table.get("stamp") != STAMP:
        return 0
    rows = table.get("programs")
    if not isinstance(rows, list):
        return 0
    for row in rows:
        try:
            pattern, flags, final, code, groups, groupindex, indexgroup = row
            program: Program = (
                int(final), base64.b64decode(code, validate=True), int(groups),
                {str(k): int(v) for k, v in groupindex.items()},
                tuple(None if g is None else str(g) for g in indexgroup),
            )
            _loaded[(str(pattern), int(flags))] = program
        except (TypeError, ValueError, AttributeError):
            continue  # a row that does not fit is compiled as usual
    return len(_loaded)


def export() -> tuple[dict[str, Any], int]:
    """The programs kept since :func:`preload`, as a table :func:`preload` takes (JSON:
    strings, numbers and lists), and how many patterns were not in the table given;
    stops keeping."""
    global _kept
    kept, _kept = _kept or {}, None
    _loaded.clear()
    rows = [
        [pattern, flags, final, base64.b64encode(code).decode("ascii"), groups, groupindex, list(indexgroup)]
        for (pattern, flags), (final, code, groups, groupindex, indexgroup) in kept.items()
    ]
    return {"stamp": STAMP, "programs": rows}, _missed


def _generate(pattern: str, flags: int) -> Program | None:
    """CPython's first step (``re._compiler.compile`` without building the matcher)."""
    if not _CODE:
        return None
    try:
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        program = array(_CODE, code).tobytes()
        return flags | parsed.state.flags, program, parsed.state.groups - 1, groupindex, tuple(indexgroup)
    except Exception:
        return None


def _build(pattern: str, program: Program) -> re.Pattern[str] | None:
    """CPython's second step: the matcher from a program (validated by ``_sre``)."""
    final, code, groups, groupindex, indexgroup = program
    try:
        ints = array(_CODE, code).tolist()
        built: re.Pattern[str] = _sre.compile(pattern, final, ints, groups, groupindex, indexgroup)
    except Exception:
        return None
    return built
