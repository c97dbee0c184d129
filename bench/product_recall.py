"""How often the extractor's product finder names the labels' products: the stage where
half the tuning part's missed trial starts are lost (2026-12-07, sixth round).

    .venv/bin/python bench/product_recall.py [--test]

For every gold event of the first kinds that names a product (designations, IND
clearances, trial starts announced in the release), this asks whether the product finder
(:meth:`~ir_feed.extract.context.Context.products_in`, over every sentence of the release
outside forward-looking text) names a product the scorer would match to it
(:func:`~ir_feed.extract.evaluation.products_match`), and whether the extractor reported
an event of that kind for it.  It prints, per part and kind, the gold products found
anywhere in the release, those the extractor also reported, and — to read, on the tuning
part only — the products never found, by shape (codes, all-capitals words, brands in mixed
case, lower-case names, several words, other scripts).  ``--test`` adds the test part's
totals (never its products).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ir_feed.extract import extract, release_facts
from ir_feed.extract.casing import is_lower_case, recase
from ir_feed.extract.context import Context
from ir_feed.extract.evaluation import products_match
from ir_feed.extract.sentences import clean, sentences
from tests.corpus import PROJECT, Labelled, load

_KINDS = (("designations", "designation"), ("ind_clearances", "ind_clearance"), ("trial_starts", "trial_start"))


def shape(product: str) -> str:
    """A product name's shape, for the never-found list."""
    if not product.isascii():
        return "other script"
    words = product.split()
    if len(words) > 2:
        return "several words"
    if re.search(r"\d", product):
        return "code"
    if product.isupper():
        return "all capitals"
    if product[:1].islower():
        return "lower case"
    if any(c.isupper() for c in product[1:]):
        return "mixed case"
    return "capitalised word"


def found_products(item: Labelled) -> list[str]:
    cleaned = clean(item.text)
    recased = is_lower_case(cleaned)
    if recased:
        cleaned = recase(cleaned)
    facts = release_facts(item.text)
    ctx = Context(sentences(cleaned, recased=recased), facts.date, facts.issuer_key, facts.company)
    return [m.text for s in ctx.sentences if s.section != "fls" for m in ctx.products_in(s)]


def main(argv: list[str]) -> int:
    items = load(PROJECT, None)
    parts = ("tune", "test") if "--test" in argv else ("tune",)
    for part in parts:
        gold = Counter[str]()
        anywhere = Counter[str]()
        reported = Counter[str]()
        missing = Counter[str]()
        for item in (i for i in items if i.part == part):
            named = found_products(item)
            events = extract(item.text).events
            for field, kind in _KINDS:
                for g in item.gold.get(field, []):
                    product = g.get("product")
                    if not product or (field == "ind_clearances" and g.get("new_in_release") is False):
                        continue
                    gold[kind] += 1
                    if any(products_match(product, n) for n in named):
                        anywhere[kind] += 1
                    elif part == "tune":
                        missing[shape(product)] += 1
                    if any(e.kind == kind and products_match(product, getattr(e, "product", None)) for e in events):
                        reported[kind] += 1
        print(f"{part}: gold events naming a product, the product found anywhere in the release / reported")
        for _, kind in _KINDS:
            n = gold[kind]
            print(f"  {kind:<14} {n:5d}   found {anywhere[kind]:5d} ({anywhere[kind] / max(n, 1):.0%})"
                  f"   reported {reported[kind]:5d} ({reported[kind] / max(n, 1):.0%})")  # fmt: skip
        if part == "tune":
            print("  never found, by shape: " + ", ".join(f"{k} {v}" for k, v in missing.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
