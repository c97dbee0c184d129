"""The scorer's matching rules (ir_feed.extract.evaluation): what counts as the same fact."""

from __future__ import annotations

import pytest

from ir_feed.extract.evaluation import agencies_agree, products_match, same_clearance


@pytest.mark.parametrize(
    ("gold", "got"),
    [
        ("FDA", "FDA"),
        ("US FDA", "FDA"),
        ("U.S. Food and Drug Administration", "FDA"),
        ("Läkemedelsverket (Swedish MPA)", "Swedish Medical Products Agency"),
        ("MPA (Medical Products Agency, Sweden)", "Swedish Medical Products Agency"),
        ("Danish Medicines Agency (den regulatoriska myndigheten i Danmark)", "Danish Medicines Agency"),
        ("PMDA / MHLW", "MHLW"),
        ("TFDA (Taiwan FDA)", "TFDA"),
        ("Paul-Ehrlich-Institut", "PEI"),
        ("Ministry of Food and Drug Safety (South Korea)", "MFDS"),
        (None, "EMA"),
    ],
)
def test_one_regulator_however_written(gold: str | None, got: str) -> None:
    assert agencies_agree(gold, got)


@pytest.mark.parametrize(
    ("gold", "got"),
    [
        ("FDA", "EMA"),
        ("Swedish Medical Products Agency", "Danish Medicines Agency"),
        ("TFDA (Taiwan FDA)", "FDA"),
        ("Health Canada", "MHRA"),
        ("PMDA / MHLW", "NMPA"),
    ],
)
def test_different_regulators_disagree(gold: str, got: str) -> None:
    assert not agencies_agree(gold, got)


def test_a_clearance_needs_its_regulator_and_product() -> None:
    gold = {"agency": "Läkemedelsverket", "product": "ROSgard™"}
    assert same_clearance(gold, {"agency": "Swedish Medical Products Agency", "product": "ROSgard"})
    assert not same_clearance(gold, {"agency": "FDA", "product": "ROSgard"})
    assert not same_clearance(gold, {"agency": "Swedish Medical Products Agency", "product": "ABC-101"})
    assert products_match("ALLO-329", "allo 329") and not products_match("ALLO-329", "")
