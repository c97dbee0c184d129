"""Events do not depend on which names a release uses.

A rule must follow the language of a release, never a product or company seen in
one: so renaming every product code of a release consistently (ALLO-329 → HSSV-652,
same shape: letters for letters, digits for digits) and its issuer (Allogene →
Zentrova) must give the same events, each naming the new product.  Run on every
release of the shared corpus, with the codes its gold labels name.
"""

from __future__ import annotations

import re

import pytest

from tests.corpus import SHARED, load
from tests.support.extraction import event_facts

_CODE = re.compile(r"[A-Z]{2,6}-\d{2,5}[A-Z]?")
_KINDS = ("designations", "background_designations", "ind_clearances", "background_ind_clearances",
          "trial_starts", "non_start_trial_mentions")  # fmt: skip


_RELEASES = load(SHARED, "shared") if SHARED.is_dir() else []


def _renamed(code: str) -> str:
    """Same shape, other letters and digits (deterministic)."""
    out = []
    for c in code:
        if c.isdigit():
            out.append(str((int(c) + 3) % 10))
        elif c.isalpha():
            out.append(chr((ord(c) - 65 + 7) % 26 + 65))
        else:
            out.append(c)
    return "".join(out)


def _codes(gold: dict[str, object]) -> set[str]:
    found = set()
    for kind in _KINDS:
        for e in gold.get(kind) or []:  # type: ignore[attr-defined]
            found.update(_CODE.findall(str(e.get("product") or "")))
    return found


@pytest.mark.skipif(not _RELEASES, reason=f"no shared corpus at {SHARED}")
def test_renaming_products_and_issuer_gives_the_same_events() -> None:
    changed = {}
    renamed_codes = 0
    for release in _RELEASES:
        name, text, gold = release.name, release.text, release.gold
        codes = sorted(_codes(gold), key=len, reverse=True)
        # a code also written broken ("O PT-302" in a spelled-out acronym) cannot be renamed everywhere
        codes = [c for c in codes if len(re.findall(c.split("-")[1], text)) == len(re.findall(re.escape(c), text))]
        new = text
        mapping = {}
        for code in codes:
            mapping[code] = _renamed(code)
            new = re.sub(rf"(?<![A-Za-z0-9]){re.escape(code)}(?![A-Za-z0-9])", mapping[code], new)
        company = str(gold.get("company") or "")
        first = company.split()[0] if company else ""
        if len(first) >= 5 and first[0].isupper() and first[1:].islower():
            new = re.sub(rf"\b{first}\b", "Zentrova", new)
        renamed_codes += len(mapping)
        want = set()
        for kind, designation, product, status, announced in event_facts(text):
            for old, fresh in mapping.items():
                product = product.replace(old, fresh)
            want.add((kind, designation, product, status, announced))
        got = event_facts(new)
        if got != want:
            changed[name] = (sorted(want - got), sorted(got - want))
    assert renamed_codes >= 6  # the test renames something
    assert changed == {}


def test_lower_case_names_are_words_no_release_uses_said_in_a_drugs_place() -> None:
    from ir_feed.extract.context import lower_case_names

    text = (
        "Acme plans a Phase 3 trial of quenafrine in COPD. Earlier studies of quenafrine showed benefit. "
        "The trial of safety in adults and the study of tolerability in adults follow; oral smoked cannabis and "
        "investigational bacteriophage therapy are others' work. Orphan drug designation for methanol poisoning."
    )
    assert lower_case_names(text) == {"quenafrine"}
    # said once only: not enough to call a word a drug's name
    assert lower_case_names("Acme plans a Phase 3 trial of quenafrine in COPD.") == set()


def test_the_common_words_are_used_by_three_tuning_releases() -> None:
    from tests.corpus import build_common_words

    assert build_common_words.main(["--check"]) == 0
