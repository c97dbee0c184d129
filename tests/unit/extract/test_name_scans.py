"""Scans tried only where a match can start find what the whole scan finds."""

from __future__ import annotations

import pytest

from ir_feed.extract import products
from ir_feed.extract.casing import Casing, _any_of

TEXTS = [
    "VYXEOS (cytarabine and daunorubicin) and Zantrene’™ (bisantrene) were given",
    "ACME-X™ and AcmeZyme ® and XerAva(eravacycline) (R) ( ) (",
    "The Phase 1 trial of ACMEBRANDTM (x) in anti-Brand (y), ABC-Def (z)",
    "(((",
    "",
    "Acme\u00a0(acmeumab)",
    "A-B (x)",
]


@pytest.mark.parametrize("text", TEXTS)
def test_names_before_marks_find_every_match(text: str) -> None:
    for pattern, marks, spaces in (
        (products._BRAND, "(", -1),
        (products._TITLE_BRAND, "(", -1),
        (products._TRADEMARK, "™®", 1),
    ):
        starts = products._names_before(text, marks, spaces)
        found = [(m.span(), m.groups()) for m in products.matches_at(pattern, text, starts)]
        assert found == [(m.span(), m.groups()) for m in pattern.finditer(text)]


LINES = [
    "Acme Therapeutics’ lead program, anti-Trop2, is Acme's",
    "the FDA and ACME’S fda-cleared",
    "Straße İstanbul ſ \u212a Acme",
    "3acme _acme acme- -acme acme-x",
]


@pytest.mark.parametrize("wanted", [{"ACME", "FDA", "THE"}, {"ANTI-TROP2", "ANTI", "ACME’S", "ACME'S", "K"}])
def test_casing_learns_the_forms_the_keys_pattern_finds(wanted: set[str]) -> None:
    pattern = _any_of(wanted)
    expected: dict[str, set[str]] = {}
    for line in LINES:
        for m in pattern.finditer(line):
            expected.setdefault(m.group(0).upper(), set()).add(m.group(0))
    learnt = Casing(LINES, wanted)._best
    assert set(learnt) == set(expected)
    assert all(learnt[key] in forms for key, forms in expected.items())


# (the lines without İ ı ſ K are read run by run, the others by the keys' pattern)
OTHER_SCRIPTS = [
    "本公司 announces: 本公司的 Tärkeä tiedote, TÄRKEÄ tärkeä",
    "Communiqué de presse — l’État, ΣΟΦΊΑ σοφία Σοφία, Straße STRASSE, acme Istanbul",
    "Istanbul ıstanbul İstanbul \u212aelvin kelvin ſtraße",
]


@pytest.mark.parametrize(
    "wanted",
    [{"本公司", "TÄRKEÄ", "ACME"}, {"İSTANBUL", "KELVIN", "COMMUNIQUÉ", "L’ÉTAT", "ΣΟΦΊΑ", "STRASSE", "ISTANBUL"}],
)
def test_casing_of_keys_in_other_scripts_learns_the_forms_the_keys_pattern_finds(wanted: set[str]) -> None:
    pattern = _any_of(wanted)
    expected: dict[str, dict[str, int]] = {}
    for line in OTHER_SCRIPTS:
        for m in pattern.finditer(line):
            forms = expected.setdefault(m.group(0).upper(), {})
            forms[m.group(0)] = forms.get(m.group(0), 0) + 1
    learnt = Casing(OTHER_SCRIPTS, wanted)._best
    assert set(learnt) == set(expected)
    assert all(learnt[key] in forms for key, forms in expected.items())
