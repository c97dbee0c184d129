"""A release holding no rule keyword is not split into sentences: its extraction is
its release facts and no events, as the rules would have found nothing."""

from __future__ import annotations

import pytest

import ir_feed.extract as extract_module
from ir_feed.extract import designations, extract, ind, trials

EARNINGS = """Brightwater Medicines Reports Third Quarter Results

BOSTON, Nov. 05, 2025 (GLOBE NEWSWIRE) -- Brightwater Medicines, Inc. (Nasdaq: BWTR) today reported
financial results for the quarter ended September 30, 2025.

Revenue was $12.4 million, compared with $9.8 million a year earlier. Net loss was $3.1 million.
Cash and equivalents were $88.0 million as of September 30, 2025.

About Brightwater Medicines
Brightwater Medicines sells generic medicines in the United States.
"""


def test_every_keyword_holds_a_release_part() -> None:
    for word in designations.KEYWORDS | ind.KEYWORDS | trials.KEYWORDS:
        if word.isascii():  # (a Chinese or Japanese release is read whatever it holds)
            assert any(part in word for part in extract_module._RELEASE_PARTS), word


def test_a_chinese_release_is_read_though_it_holds_no_english_keyword() -> None:
    text = (
        "艾克米生物公告\n本公司宣布,公司ACM-101获得国家药品监督管理局核准签发的药物临床试验批准通知书。"
        "本公司将推进研发。"
    )
    assert {e.kind for e in extract(text).events} >= {"ind_clearance"}


def test_a_release_without_keywords_is_not_split(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("split into sentences")

    monkeypatch.setattr(extract_module, "sentences", refuse)
    got = extract(EARNINGS)
    assert got.events == ()
    assert got.release.company == "Brightwater Medicines, Inc."
    assert [str(t) for t in got.release.tickers] == ["NASDAQ:BWTR"]
    assert got.release.date is not None and got.release.date.isoformat() == "2025-11-05"


def test_a_keyword_split_over_two_lines_still_counts() -> None:
    text = "ACME-101 has been cleared by the FDA: the Phase 1 study may\nproceed."
    assert "may proceed" in ind.KEYWORDS
    # (the study it lets proceed is planned, read from the same joined sentence)
    assert [e.kind for e in extract(text).events] == ["ind_clearance", "trial_start"]


def test_every_trial_word_holds_a_part_the_trial_rule_looks_for_first() -> None:
    # a sentence holding none of trials._TRIAL_WORD_PARTS is passed over before its cues are read
    words = (  # noqa: SIM905
        "trial trials study studies phase patient patients participants subjects volunteers dose dosed doses "
        "dosing enrolled recruiting clinical clinic first-in-human cohorts registrational pivotal studio studi "
        "studien studier études essais estudios ensayos prövningen fas fase paziente paciente patiënt patienten "
        "tutkimus vaihe potilas"
    ).split()
    for word in words:
        assert trials._TRIAL_WORDS.fullmatch(word), word
        assert any(part in word for part in trials._TRIAL_WORD_PARTS), word


def test_every_rule_modules_keywords_are_scanned_for() -> None:
    """A rule's keyword missing from the one scan leaves its sentences unread (the Complete
    Response and advisory committee rules once were, but where another kind's word stood): every
    module of the extractor with ``KEYWORDS`` and ``find`` is in ``_RULES``, whose keywords
    the scan reads."""
    import importlib
    import pkgutil

    import ir_feed.extract as package

    rules = set()
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"ir_feed.extract.{info.name}")
        if hasattr(module, "KEYWORDS") and hasattr(module, "find"):
            rules.add(module)
    assert rules == set(extract_module._RULES)
    scanned = set(extract_module._KEYWORDS._words)
    for module in rules:
        assert set(module.KEYWORDS) <= scanned, module.__name__
    headline = "Acme Receives Complete Response Letter for ACM-101\n\n" + (
        "BOSTON, March 2, 2026 (GLOBE NEWSWIRE) -- Acme Bio, Inc. (Nasdaq: ACME) today held its annual meeting."
    )
    assert [e.kind for e in extract(headline).events] == ["complete_response"]


def test_keywords_read_token_by_token_are_those_one_scan_of_the_text_finds() -> None:
    """:class:`~ir_feed.extract.sentences.Keywords` reads a text a token at a time and
    remembers each token's keywords: the same as one scan of the whole text, on every line
    of the corpus (its keywords and the agencies' hints), read twice (the second time from
    what it remembers), and on texts made to trip it."""
    import importlib

    from ir_feed.extract import products
    from tests.corpus import PROJECT, SHARED, load

    sentences = importlib.import_module("ir_feed.extract.sentences")
    tricky = [
        "the first\u2028patient; first patient, first  patient ind kind (ind) -ind ind- nda agenda",
        "ersta patienten första patienten va initier va\tinitier approval by\nthe fda FDA Drug Administration",
        "临床试验 申请 myönsi, clinical hold clinical\u00a0hold; read-out; top-line; kick  ed off",
        "",
        "   ",
    ]
    lines = [
        line
        for root in (PROJECT, SHARED)
        for release in load(root, part="corpus")
        for line in release.text.splitlines()
        if line.strip()
    ]
    for scan in (extract_module._KEYWORDS, products._AGENCY_HINT_SCAN):
        fresh = sentences.Keywords(frozenset(scan._words))
        for text in [*tricky, *lines, *(line.lower() for line in lines)] * 2:
            assert fresh.find(text) == fresh._scan_token(text), text


def test_keywords_forget_tokens_past_their_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    sentences = importlib.import_module("ir_feed.extract.sentences")
    monkeypatch.setattr(sentences, "_TOKENS_KEPT", 3)
    scan = sentences.Keywords(frozenset({"ind", "first patient"}))
    assert scan.find("a b c d e f g ind") == {"ind"}
    assert scan.find("the first patient") == {"first patient"}
    tokens = scan._in_token
    assert len(tokens._plain) + len(tokens._held) <= 3
