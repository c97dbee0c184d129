"""Lead words are complete: ``products.led_matches`` tries a position pattern only where
one of its lead words starts, so every match of the pattern must start with one of them
(else a match is silently lost).  Proved from each pattern's syntax tree, and checked on
every line of the labelled corpus against the full ``finditer``."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from re import _casefix, _parser  # type: ignore[attr-defined]
from re import _constants as C  # type: ignore[attr-defined]
from typing import Any

import pytest

from ir_feed.extract import context, products
from tests.corpus import PROJECT, SHARED, load

_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)


def _starts(seq: Any) -> set[tuple[str, bool]]:
    """``(prefix, whole)`` pairs for the parsed sequence ``seq``: every match of it starts
    with one of the prefixes (literal text, as the pattern writes it); ``whole`` when the
    prefix is all such a match can be, so that what follows ``seq`` may extend it.  A
    prefix stops at the first element that is not literal text (a class of more than a
    few letters, an optional part, a category): sound, never complete."""
    out = {("", True)}
    for op, av in seq:
        live = {p for p, whole in out if whole}
        if not live:
            break
        out = {(p, False) for p, whole in out if not whole}
        if op is C.LITERAL:
            out |= {(p + chr(av), True) for p in live}
        elif op is C.IN and len(av) <= 8 and all(o is C.LITERAL for o, _ in av):  # "[ée]"
            out |= {(p + chr(c), True) for p in live for _, c in av}
        elif op is C.SUBPATTERN:
            out |= {(p + q, whole) for p in live for q, whole in _starts(av[-1])}
        elif op is C.BRANCH:
            out |= {(p + q, whole) for p in live for branch in av[1] for q, whole in _starts(branch)}
        elif op in _ZERO_WIDTH:  # "\b", a look-ahead or look-behind: it spells nothing
            out |= {(p, True) for p in live}
        elif op in _REPEATS and av[0] >= 1:  # (its first time round is certain)
            out |= {(p + q, False) for p in live for q, _ in _starts(av[2])}
        else:
            out |= {(p, False) for p in live}
    return out


def _uncovered(pattern: re.Pattern[str], leads: tuple[str, ...]) -> list[str]:
    """The starts of ``pattern``'s matches (lower case) that none of ``leads`` begins:
    where ``led_matches`` would never try it.  None when ``leads`` is empty (every
    position is tried)."""
    if not leads:
        return []
    starts = {p.lower() for p, _ in _starts(_parser.parse(pattern.pattern, pattern.flags))}
    return sorted(s for s in starts if not s.startswith(leads))


def _led_patterns() -> Iterator[tuple[str, re.Pattern[str], tuple[str, ...]]]:
    """Every pattern products.py reads through ``led_matches``, with its lead words."""
    by_position = zip(products._BY_POSITION, products._BY_POSITION_LEADS, strict=True)
    for i, (pattern, leads) in enumerate(by_position):
        yield f"_BY_POSITION[{i}]", pattern, leads
    for i, (pattern, _hints, leads) in enumerate(products._NAMED_KIND):
        yield f"_NAMED_KIND[{i}]", pattern, leads
    yield "context._LOWER_SLOTS[0]", context._LOWER_SLOTS[0], context.LOWER_SLOT_LEADS


LED = list(_led_patterns())
LEADED = [entry for entry in LED if entry[2]]


def test_there_are_led_patterns() -> None:
    assert len(LED) >= 10
    assert len(LEADED) >= 8


@pytest.mark.parametrize(("name", "pattern", "leads"), LED, ids=[e[0] for e in LED])
def test_leads_are_complete(name: str, pattern: re.Pattern[str], leads: tuple[str, ...]) -> None:
    # (read in the lower-cased text: a lead with a capital, or an empty one, is no lead)
    assert all(lead and lead == lead.lower() for lead in leads), (name, leads)
    assert not _uncovered(pattern, leads), (name, _uncovered(pattern, leads), leads)


def test_lead_letters_have_no_other_case_twins() -> None:
    """A lead's non-ASCII letter ("é", "ä", "æ") is found in the lower-cased text wherever
    an IGNORECASE pattern matches it: no other character folds to it (the ASCII letters'
    look-alikes, "İ ı ſ K", are checked in test_release_facts and read whole)."""
    letters = {c for _, _, leads in LED for lead in leads for c in lead if not c.isascii()}
    assert letters  # (else this checks nothing)
    assert not {c for c in letters if ord(c) in _casefix._EXTRA_CASES}


def test_the_proof_rejects_an_incomplete_lead_list() -> None:
    def uncovered(source: str, leads: tuple[str, ...]) -> list[str]:
        return _uncovered(re.compile(source), leads)

    assert not uncovered(r"(?i:foo|bar)\s+baz", ("foo", "bar"))
    assert uncovered(r"(?i:foo|bar)\s+baz", ("foo",)) == ["bar"]
    assert not uncovered(r"(?i:trials?|stud(?:y|ies))\s+of", ("trial", "stud"))
    assert uncovered(r"(?i:trials?|stud(?:y|ies))\s+of", ("trial", "study")) == ["studies"]
    assert uncovered(r"(?i:m[ée]dicament)\s+X", ("médicament",)) == ["medicament"]
    assert uncovered(r"(?i:Known\s+as)\s+X", ("known as",)) == ["known"]  # (a class ends the prefix)
    assert uncovered(r"(?i:its\s+)?Name", ("its",)) == [""]  # an optional lead leads nothing
    assert not uncovered(r"(?<![\w-])\b(?i:that|,)\s+X", ("that", ","))  # (zero-width parts spell nothing)
    assert not uncovered(r"[A-Z]\w+", ())  # (no leads: every position is tried)


@pytest.mark.parametrize(("name", "pattern", "leads"), LEADED, ids=[e[0] for e in LEADED])
def test_the_proof_rejects_each_real_list_less_a_word(
    name: str, pattern: re.Pattern[str], leads: tuple[str, ...]
) -> None:
    for lead in leads:
        shorter = tuple(w for w in leads if w != lead)
        # (a lead that no match needs fails here too: a dead lead, or a proof gone blind)
        assert _uncovered(pattern, shorter), f"{name}: no match needs the lead {lead!r}"


@functools.cache
def _corpus_lines() -> tuple[str, ...]:
    """Every non-blank line of the labelled corpus (the project's and the shared one)."""
    return tuple(
        line
        for root in (PROJECT, SHARED)
        for release in load(root, part="corpus")
        for line in release.text.splitlines()
        if line.strip()
    )


def _mismatches(pattern: re.Pattern[str], leads: tuple[str, ...], lines: tuple[str, ...]) -> list[str]:
    """The lines on which ``led_matches`` finds other matches than ``finditer``."""
    out = []
    for line in lines:
        full = [(m.span(), m.groups()) for m in pattern.finditer(line)]
        led = [(m.span(), m.groups()) for m in products.led_matches(pattern, leads, line, line.lower())]
        if full != led:
            out.append(line)
    return out


@pytest.mark.parametrize(("name", "pattern", "leads"), LEADED, ids=[e[0] for e in LEADED])
def test_led_search_finds_what_the_full_search_finds(
    name: str, pattern: re.Pattern[str], leads: tuple[str, ...]
) -> None:
    lines = _corpus_lines()
    assert len(lines) > 1000
    assert not (bad := _mismatches(pattern, leads, lines)), (name, len(bad), bad[:3])


def test_the_comparison_sees_a_lost_match() -> None:
    pattern, leads = products._BY_POSITION[0], products._BY_POSITION_LEADS[0]
    line = "Acme today announced that the FDA has granted Priority Review to Acmezumab for the treatment of X."
    assert [m.group(1) for m in pattern.finditer(line)] == ["Acmezumab"]
    assert not _mismatches(pattern, leads, (line,))
    assert _mismatches(pattern, tuple(w for w in leads if w != "priority"), (line,)) == [line]


def test_lower_case_slots_found_where_a_match_can_start_are_those_finditer_finds() -> None:
    """``context.lower_slot_matches`` tries the slots of a lower-case drug name only at
    their lead words, or at the word before "is a" or ", an": the matches of each slot's
    ``finditer``, on every line of the corpus (as written and in lower case, where every
    word is a candidate) and on texts made to trip the reading back of the word."""
    tricky = [
        "aramchol, an oral modulator; aramchol  is  a  drug",
        "xx is a fooobarz is a drug, foobarqux, an antibody",
        "this is a drug. Acme-zolbetamab, an antibody; -zolbetamab is a drug; _zolbetamab is a drug",
        "zolbetamab\nis\u2028a novel drug, zolbetamab,\nan antibody",
        "trial of zolbetamab, a therapy; oral zolbetamab is an oral drug",
        "was a drug was a drug is is a drug",
        ", , is ,is, a",
    ]
    lines = [*_corpus_lines(), *(line.lower() for line in _corpus_lines()), *tricky]
    bad = []
    for line in lines:
        full = [(m.span(), m.groups()) for pattern in context._LOWER_SLOTS for m in pattern.finditer(line)]
        if full != [(m.span(), m.groups()) for m in context.lower_slot_matches(line)]:
            bad.append(line)
    assert not bad, (len(bad), bad[:3])
    assert [m.group(1) for m in context.lower_slot_matches(tricky[0])] == ["modulator", "aramchol", "aramchol"]
