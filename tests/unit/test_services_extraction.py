from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from ir_feed.models import PressRelease, Ticker
from ir_feed.services import extraction


def release() -> PressRelease:
    return PressRelease(
        key="globenewswire.com:1",
        guid=None,
        url=None,
        title="Acme Gets Fast Track",
        published=datetime(2026, 1, 5, tzinfo=UTC),
        modified=None,
        issuer="Acme Bio",
        tickers=(Ticker("NASDAQ", "ACME"),),
        isin=None,
        language="en",
        subjects=(),
        summary="s",
        text="Body.",
        full_text=True,
        content_hash="h",
    )


def test_the_extractor_reads_the_headline_then_the_body() -> None:
    assert extraction.extraction_text("Title", "Body") == "Title\n\nBody"
    assert extraction.extraction_text("Title", "Title\n\nBody") == "Title\n\nBody"


def test_a_failing_extractor_leaves_the_feeds_facts_and_no_events(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Fault injection: the real extractor has no input known to break it.
    def broken(*_a: object, **_k: object) -> object:
        raise KeyError("boom")

    monkeypatch.setattr(extraction, "extract", broken)
    result = extraction.extract_release(release())
    assert result.events == ()
    assert result.release.tickers == (Ticker("NASDAQ", "ACME"),)
    assert result.release.date == date(2026, 1, 5) and result.release.company == "Acme Bio"
    captured = capsys.readouterr()
    assert "extraction_failed" in captured.out + captured.err


def test_event_fields_longer_than_their_columns_are_cut_the_same_way_every_time() -> None:
    from ir_feed.events import Designation, Extraction, ReleaseFacts
    from ir_feed.services.extraction import FIELD_LIMITS, fit_columns

    long_product = "ACME-" + "9" * 400
    event = Designation(True, "FDA", "fast_track", long_product, "IPF", "granted", "ACME got Fast Track.", "k|d")
    fitted = fit_columns(Extraction(ReleaseFacts(None, None, ()), (event,), "v"))
    (cut,) = fitted.events
    assert cut.product == long_product[: FIELD_LIMITS["product"]] and cut.key == "k|d"
    assert fit_columns(fitted) == fitted  # stable: re-extracting gives the same state
    plain = Designation(True, "FDA", "fast_track", "A-1", None, "granted", "e", "k")
    ordinary = Extraction(ReleaseFacts(None, None, ()), (plain,), "v")
    assert fit_columns(ordinary) is ordinary
