from __future__ import annotations

from ir_feed.web.evidence import MAX_PARAGRAPH, highlight

TEXT = """Acme Announces Fast Track

BOSTON, Jan. 5, 2026 -- Acme Corp. today announced news.   The FDA granted
Fast Track designation to ACM-1 for NASH.  The company is pleased.

About Acme
Acme makes medicines."""


def test_the_sentence_is_found_in_its_own_paragraph_whatever_the_spacing() -> None:
    h = highlight(TEXT, "The FDA granted Fast Track designation to ACM-1 for NASH.")
    assert h is not None
    assert h.sentence == "The FDA granted Fast Track designation to ACM-1 for NASH."
    assert h.before == "BOSTON, Jan. 5, 2026 -- Acme Corp. today announced news. "
    assert h.after == " The company is pleased."


def test_no_paragraph_when_the_text_does_not_hold_the_sentence() -> None:
    assert highlight(TEXT, "A sentence from another version.") is None
    assert highlight("", "x") is None
    assert highlight(TEXT, "   ") is None


def test_bullets_are_paragraphs_of_their_own() -> None:
    text = "Highlights:\n- Dosed the first patient in ACME-2\n- Cash of $5 million"
    h = highlight(text, "Dosed the first patient in ACME-2")
    assert h is not None and h.after == "" and "Cash" not in h.before + h.after


def test_a_long_paragraph_is_cut_around_the_sentence() -> None:
    text = "x" * 10_000 + " The FDA granted it. " + "y" * 10_000
    h = highlight(text, "The FDA granted it.")
    assert h is not None
    assert len(h.before) + len(h.sentence) + len(h.after) <= MAX_PARAGRAPH + 2
    assert h.before.startswith("…") and h.after.endswith("…")
