"""The extractor never raises, whatever the text, and its work is bounded."""

from __future__ import annotations

import random
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ir_feed.events import Extraction
from ir_feed.extract import extract

_VOCAB = [
    "FDA", "Fast Track", "designation", "granted", "Phase 1/2", "trial", "initiate", "in mid-2025",
    "(Nasdaq: ABC)", "IND", "cleared", "ABC-123", "About", "\n", "(", ")", ":", ";", "-", "—",
    "Q3", "2025", "first patient dosed", "previously", "respectively", "<div>", "</p>", "™",
    "(GLOBE NEWSWIRE) --", "April 07, 2025", "Orphan Drug", "CTA", "Health Canada", "plans to seek",
]  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_any_unicode_text(text: str) -> None:
    assert isinstance(extract(text), Extraction)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_VOCAB), max_size=400).map(" ".join))
def test_release_like_word_salad(text: str) -> None:
    result = extract(text)
    for event in result.events:
        assert event.key and event.evidence


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=4000))
def test_binary_junk_decoded_leniently(data: bytes) -> None:
    assert isinstance(extract(data.decode("latin-1")), Extraction)


def test_empty_and_whitespace() -> None:
    assert extract("").events == ()
    assert extract(" \n\t\r ").release.date is None


def test_five_megabytes() -> None:
    rng = random.Random(7)
    chunk = "".join(rng.choice(string.ascii_letters + " .,-()\n0123456789") for _ in range(5000))
    result = extract(chunk * 1000)  # 5 MB, capped internally
    assert isinstance(result, Extraction)


def test_deeply_nested_html_as_text() -> None:
    text = "<div>" * 50_000 + "FDA granted Fast Track designation to ABC-123" + "</div>" * 50_000
    assert isinstance(extract(text), Extraction)


def test_pathological_regex_inputs() -> None:
    for text in ("(" * 100_000, "a-" * 100_000, "Phase " * 50_000, "A" * 200_000,
                 "expects to " * 20_000, ", " * 100_000, "IND " * 50_000):  # fmt: skip
        assert isinstance(extract(text), Extraction)
