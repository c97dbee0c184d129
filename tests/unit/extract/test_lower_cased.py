"""Speed devices that must not change a result: IGNORECASE patterns run without the flag on
lowered text (:class:`~ir_feed.extract.sentences.LowerCased`), the code scan begun at a
sentence's first digit (:func:`~ir_feed.extract.products._codes`), the abbreviation-dot
scan led by its dot (:func:`~ir_feed.extract.sentences.undotted`)."""

from __future__ import annotations

import random
import re

import pytest

from ir_feed.extract import applications, approvals, products, readouts
from ir_feed.extract.sentences import LowerCased, lowered, undotted

TWINS = [
    (f"{module.__name__}.{name}", value)
    for module in (applications, approvals, readouts)
    for name, value in vars(module).items()
    if isinstance(value, LowerCased)
]

TEXTS = [
    "The FDA approved the NDA; topline data are expected in Q3 2026 and results were reported.",
    "THE FDA APPROVED THE NDA AND ACCEPTED THE BLA, WITH A PDUFA DATE SET",
    "The FDA approved it (\u212a-Kelvin), r\u0131sk, the \u017ftudy, \u0130stanbul results were announced",
    "Phase 3 résultats: the EMA’s positive opinion recommended approval; data from the study were presented",
    "",
]


def test_there_are_twins() -> None:
    assert len(TWINS) >= 15


@pytest.mark.parametrize(("name", "twin"), TWINS, ids=[n for n, _ in TWINS])
def test_every_twin_runs_without_the_flag(name: str, twin: LowerCased) -> None:
    assert twin.plain, name  # (a capital or another letter crept into the pattern: it runs as written)


@pytest.mark.parametrize(("name", "twin"), TWINS, ids=[n for n, _ in TWINS])
@pytest.mark.parametrize("text", TEXTS)
def test_a_twin_matches_as_its_pattern(name: str, twin: LowerCased, text: str) -> None:
    low = lowered(text)
    for pos in range(0, len(low) + 1, 7):
        want = [(m.span(), m.groups()) for m in twin.pattern.finditer(low, pos)]
        assert [(m.span(), m.groups()) for m in twin.finditer(low, pos)] == want
        first = twin.pattern.search(low, pos)
        got = twin.search(low, pos)
        assert (got.span() if got else None) == (first.span() if first else None)
        at = twin.pattern.match(low, pos)
        got = twin.match(low, pos)
        assert (got.span() if got else None) == (at.span() if at else None)


def test_a_pattern_of_capitals_runs_as_written() -> None:
    assert not LowerCased(re.compile(r"\bNDA\b", re.IGNORECASE)).plain
    assert not LowerCased(re.compile(r"r[ée]sultats", re.IGNORECASE)).plain
    assert not LowerCased(re.compile(r"nda")).plain
    assert LowerCased(re.compile(r"\bnda\S+\b", re.IGNORECASE)).plain


@pytest.mark.parametrize(
    "text",
    [
        "no digit here, ACME-X and CAR-T",
        "ABCDEFGH-XYZ1 at the start",
        "Acme's ABCDEFGH-XYZ1 and ACM-101 (2026)",
        "AB-C1 9",
        "the ACMEDRUGS-ABC12 code",
        "١٢٣ ACM-١٠١ in another script's digits",
        "64Cu-ACM-bisPSMA and 2B3-201",
        "",
    ],
)
def test_the_code_scan_finds_what_the_pattern_finds(text: str) -> None:
    want = [(m.span(), m.group(1)) for m in products._CODE.finditer(text)]
    assert [(m.span(), m.group(1)) for m in products._codes(text)] == want


def test_undotted_makes_what_the_letter_led_pattern_makes() -> None:
    """The abbreviation-dot scan starts at the first dot: the same text as the pattern led by
    the letter before it (random texts of letters, dots and spaces, every case a seed gives)."""
    letter_led = re.compile(r"(?<![a-z])(?:[a-z]\.){2,}")
    rng = random.Random(7)
    texts = ["u.s.", "a.b.c.d.", "xu.s.", ".u.s.", "u.s.a", "e.g. i.e. u.k.x.", "a.b", "ab.c.d.", "é.u.s."]
    texts += ["".join(rng.choice("ab.. x.U") for _ in range(rng.randint(0, 30))) for _ in range(20_000)]
    for text in texts:
        assert undotted(text) == letter_led.sub(lambda m: m.group(0).replace(".", " "), text), text
