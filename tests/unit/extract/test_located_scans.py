"""Scans that try a pattern only where a cheaper look says a match can start find what
the pattern's own scan finds.  Texts are drawn from each pattern's syntax tree (so an
alternative added to a pattern and not to its locator fails here), then cased at random
and set among other words."""

from __future__ import annotations

import importlib
import random
import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

import pytest

from ir_feed.extract import context, dates, tickers, windows

# (the package's ``sentences`` attribute is the function of that name)
sentences = importlib.import_module("ir_feed.extract.sentences")

_FILLER = ["the", "in", "Acme", "by", "mid", "end", "of", "2025", "June", "on", ",", "-", "year", "early", "13"]
_SPACES = [" ", " ", " ", "  ", "\t", "\n"]


def _sample(items: Any, rng: random.Random, groups: dict[int, str]) -> str:
    """A text the parsed sequence ``items`` can match (assertions aside: the scans are
    compared on it whether or not it matches)."""
    out = []
    for op, av in items:
        if op is C.LITERAL:
            out.append(chr(av))
        elif op is C.NOT_LITERAL:
            out.append("x" if chr(av) != "x" else "y")
        elif op is C.ANY:
            out.append(rng.choice("ax ."))
        elif op is C.IN:
            out.append(_one_of(av, rng))
        elif op is C.BRANCH:
            out.append(_sample(rng.choice(av[1]), rng, groups))
        elif op is C.SUBPATTERN:
            text = _sample(av[-1], rng, groups)
            if av[0] is not None:
                groups[av[0]] = text
            out.append(text)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            low, high = av[0], min(av[1], av[0] + 2)
            out.extend(_sample(av[2], rng, groups) for _ in range(rng.randint(low, high)))
        elif op is C.ATOMIC_GROUP:
            out.append(_sample(av, rng, groups))
        elif op is C.GROUPREF:
            out.append(groups.get(av, ""))
        # (AT, ASSERT, ASSERT_NOT: nothing to write)
    return "".join(out)


def _one_of(items: Any, rng: random.Random) -> str:
    choices: list[str] = []
    for op, av in items:
        if op is C.LITERAL:
            choices.append(chr(av))
        elif op is C.RANGE:
            choices.append(chr(rng.randint(av[0], av[1])))
        elif op is C.CATEGORY:
            choices.append({C.CATEGORY_DIGIT: "7", C.CATEGORY_SPACE: " ", C.CATEGORY_WORD: "k"}.get(av, " "))
        elif op is C.NEGATE:
            return rng.choice("x,;")
    return rng.choice(choices) if choices else "x"


def _texts(pattern: re.Pattern[str], n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    out = []
    for _ in range(n):
        words = [_sample(parsed, rng, {}) for _ in range(rng.randint(1, 3))]
        words += rng.sample(_FILLER, rng.randint(0, 4))
        rng.shuffle(words)
        text = "".join(w + rng.choice(_SPACES) for w in words)
        if pattern.flags & re.IGNORECASE:
            text = "".join(c.upper() if rng.random() < 0.3 else c for c in text)
        out.append(text)
    return out


def _spans(matches: Any) -> list[tuple[tuple[int, int], tuple[str | Any, ...]]]:
    return [(m.span(), m.groups()) for m in matches]


LOCATED = [(kind, pattern, locator) for kind, pattern, _, locator in windows._CHECKS if locator is not None]


def test_there_are_located_timing_patterns() -> None:
    assert {kind for kind, _, _ in LOCATED} >= {"year", "month", "day", "bare_month", "part"}


@pytest.mark.parametrize(("kind", "pattern", "locator"), LOCATED, ids=[k for k, _, _ in LOCATED])
def test_a_timing_pattern_tried_where_its_locator_matches_finds_every_match(
    kind: str, pattern: re.Pattern[str], locator: re.Pattern[str]
) -> None:
    for i, text in enumerate(_texts(pattern, 400, seed=sum(map(ord, kind)))):
        low = text.lower()
        located = windows._located(pattern, locator, text, low)
        assert _spans(located) == _spans(pattern.finditer(text)), (kind, i, text)


def test_find_timings_reads_a_sentence_with_lookalike_letters_as_before() -> None:
    # (İ, ı, ſ, K are read by the patterns' own scan: IGNORECASE takes them for i, s, k)
    text = "dosing is expected ın mid-2026 or by the end of fiſcal 2027 ((\u212a))"
    found = windows.find_timings(text, None)
    assert [t.text for t in found] == [m.group(0).strip() for m in _all_timing_matches(text)]


def _all_timing_matches(text: str) -> list[re.Match[str]]:
    taken: list[tuple[int, int]] = []
    out = []
    for _, pattern in windows._PATTERNS:
        for m in pattern.finditer(text):
            if not any(m.start() < e and s < m.end() for s, e in taken):
                taken.append(m.span())
                out.append(m)
    return sorted(out, key=lambda m: m.start())


@pytest.mark.parametrize("seed", range(3))
def test_a_month_first_date_tried_where_a_month_starts_is_the_one_searched_for(seed: int) -> None:
    for text in _texts(dates._MONTH_DATE_ENDING, 300, seed):
        low = text.lower()
        if not (text.isascii() or not sentences.holds_any(text, tuple(sentences.ASCII_LOOKALIKES))):
            continue
        for end in range(len(text) + 1):
            for start in (0, max(0, end - 48)):
                expected = dates._MONTH_DATE_ENDING.search(text, start, end)
                found = dates._month_date_ending(text, low, start, end)
                assert (found and found.span()) == (expected and expected.span()), (text, start, end)


@pytest.mark.parametrize("name", ["_FOREIGN_MONTH_FIRST", "_YEAR_FIRST_LINE"])
def test_a_line_start_pattern_tried_at_line_starts_finds_every_match(name: str) -> None:
    pattern = getattr(dates, name)
    for text in _texts(pattern, 400, seed=7):
        for endpos in (len(text), len(text) // 2):
            found = _spans(dates._line_matches(pattern, text, endpos))
            assert found == _spans(pattern.finditer(text, 0, endpos)), (name, text, endpos)


@pytest.mark.parametrize(
    "text",
    [
        "The law firm of X LLP reminds investors of Acme, Inc. (NASDAQ: ACME)",
        "a CLASS   ACTION was filed; Acme (NASDAQ: ACME)",
        "Acme f\u0130rm news: a law f\u0130rm against Acme (NASDAQ: ACME)",
        "SECURITIES\tFRAUD against Acme",
        "Acme (NASDAQ: ACME) announced results",
        "",
    ],
)
def test_a_litigation_notice_is_found_as_the_pattern_finds_it(text: str) -> None:
    for end in range(0, len(text) + 1, 3):
        assert tickers._litigation(text, 0, end) == (tickers._LITIGATION.search(text, 0, end) is not None)


@pytest.mark.parametrize(
    "text",
    [
        "Its shares trade on the Nasdaq under the symbol ACME.\n",
        "The Company's shares are listed on the TSX under the ticker symbol “ACME” and more\n",
        "its shares trade on the Nasdaq under the \u017fymbol ACME\n",
        "shares trade on the NYSE under the terms of the license\n",
        "its B share is traded on Nasdaq Stockholm under the ticker ACME B\n",
    ],
)
def test_listings_said_in_prose_are_found_as_the_pattern_finds_them(text: str) -> None:
    expected = [
        m.group(2)
        for m in tickers._LISTED_UNDER.finditer(text, 0, text.find("\n"))
        if tickers._OWN_SHARES.search(text, 0, m.start())
    ]
    assert [t.symbol.split()[0] for t in tickers._listed_under(text, 0)] == expected


def _word_search_reference(pattern: Any, low: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
    end = len(low) if endpos is None else endpos
    regex: re.Pattern[str] = pattern
    if isinstance(pattern, sentences.Cue):
        if not any(low.find(h, pos, end) >= 0 for h in pattern.hints):
            return None
        regex = pattern.pattern
    for m in regex.finditer(low, pos, end):
        if m.start() == 0 or not (low[m.start() - 1].isalnum() or low[m.start() - 1] == "_"):
            return m
    return None


def test_word_search_finds_the_first_match_at_a_word_start() -> None:
    cue = sentences.Cue(re.compile(r"(?:start|art|ed\b|x*)"), ("start", "art", "ed", ""))
    plain = re.compile(r"(?:start|art)\w*")
    rng = random.Random(5)
    for _ in range(2000):
        low = "".join(rng.choice(["start", "art", "ed", " ", "re", "_", "x", "-"]) for _ in range(rng.randint(0, 12)))
        for pattern in (cue, plain, cue.pattern):
            for pos, endpos in ((0, None), (1, None), (2, len(low) - 1), (0, len(low) + 3)):
                a = sentences.word_search(pattern, low, pos, endpos)
                b = _word_search_reference(pattern, low, pos, endpos)
                assert (a and a.span()) == (b and b.span()), (pattern, low, pos, endpos)


@pytest.mark.parametrize(("pattern", "literal"), list(context._SPACED_LITERAL.items()))
def test_a_definition_pattern_skipped_without_its_literal_holds_it_in_every_match(
    pattern: re.Pattern[str], literal: str
) -> None:
    # (in a text whose only spacing is the plain space)
    for text in _texts(pattern, 400, seed=11):
        text = re.sub(r"\s+", " ", text)
        assert all(literal in m.group(0) for m in pattern.finditer(text)), text
    assert any(pattern.search(re.sub(r"\s+", " ", t)) for t in _texts(pattern, 400, seed=11))
