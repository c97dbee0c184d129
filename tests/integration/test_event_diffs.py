"""Event store, history and diffs, end to end through the poller: a real local
feed server, the real extractor, SQLite and PostgreSQL.

The seed release (shared/corpus/releases/000.txt) and corrections of it, as a
publisher would issue them: same release id, a new ``dc:modified``."""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from ir_feed.fetch import Fetcher
from ir_feed.services import MAX_PAGE_ATTEMPTS, Poller, PollResult, reprocess
from ir_feed.settings import Settings, parse_settings
from ir_feed.store.engine import session_factory
from ir_feed.store.tables import DiffRow, EventRow
from tests.support.gnw import Feed, Item, release_page
from tests.support.httpserver import LocalHTTPServer, Response

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus is not beside the repository")

SEED_TITLE = (
    "Allogene Granted Three U.S. FDA Fast Track Designations (FTD) for ALLO-329, a Next-Generation Dual "
    "Targeted CD19/CD70 Allogeneic CAR T for the Treatment of Lupus, Myositis and Scleroderma"
)
SSC_BULLET = "- active refractory diffuse systemic sclerosis (SSc).\n"
DOSED = (
    "SOUTH SAN FRANCISCO, Calif., Sept. 15, 2025 (GLOBE NEWSWIRE) -- Allogene Therapeutics, Inc. (Nasdaq: ALLO) "
    "today announced that the first patient has been dosed in the Phase 1 RESOLUTION basket trial of ALLO-329 "
    "in patients with SLE, IIM and SSc."
)
SSC_RECAP = (
    "SOUTH SAN FRANCISCO, Calif., June 2, 2025 (GLOBE NEWSWIRE) -- Allogene Therapeutics, Inc. (Nasdaq: ALLO) "
    "today announced that the U.S. Food and Drug Administration (FDA) granted Fast Track Designation to ALLO-329 "
    "for the treatment of active refractory diffuse systemic sclerosis (SSc)."
)
T0 = datetime(2025, 4, 8, tzinfo=UTC)


def seed_text() -> str:
    return (CORPUS / "releases" / "000.txt").read_text()


def seed_dropping_ssc() -> str:
    text = seed_text()
    assert SSC_BULLET in text
    text = text.replace(SSC_BULLET, "").replace("three Fast Track", "two Fast Track")
    return text.replace("anti-synthetase syndrome; and", "anti-synthetase syndrome.")


class Wire:
    """A GlobeNewswire-like feed on the local server whose releases can be corrected."""

    def __init__(self, srv: LocalHTTPServer) -> None:
        self.srv = srv
        self.items: dict[str, Item] = {}

    def publish(self, rid: str, title: str, text: str, *, pub: str, modified: str | None = None) -> None:
        paragraphs = [line for line in text.splitlines() if line.strip()]
        path = f"/news/{rid}.html"
        self.srv.route(path, Response(200, {"Content-Type": "text/html"}, release_page(title, paragraphs)))
        first = next(p for p in paragraphs if "(GLOBE NEWSWIRE)" in p)
        self.items[rid] = Item(
            rid,
            title,
            first,
            tickers=("Nasdaq:ALLO",),
            issuer="Allogene Therapeutics, Inc.",
            pub_date=pub,
            modified=modified,
            link=self.srv.url(path),
        )
        self.srv.route("/feed.xml", Response(200, {}, Feed(list(self.items.values())).render()))


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def settings_for(url: str) -> Settings:
    return parse_settings(
        {"feeds": [{"name": "gnw", "url": url, "interval": 60, "jitter": 0}], "http": {"per_host_interval": 0}},
        base_dir=Path("/"),
        env={},
    )


def poll(engine: Engine, settings: Settings, clock: Clock) -> PollResult:
    async def go() -> list[PollResult]:
        async with Fetcher(settings.http) as fetcher:
            poller = Poller(settings, engine, fetcher, clock=clock)
            await asyncio.to_thread(poller.sync_feeds)
            return await poller.poll_due(["gnw"])

    clock.now += timedelta(minutes=5)
    (result,) = asyncio.run(go())
    assert result.outcome == "ok", result
    return result


def diffs(engine: Engine) -> list[DiffRow]:
    with session_factory(engine)() as s:
        return list(s.scalars(select(DiffRow).order_by(DiffRow.id)))


def events(engine: Engine) -> dict[str, EventRow]:
    with session_factory(engine)() as s:
        return {e.key: e for e in s.scalars(select(EventRow))}


@pytest.fixture
def wire(http_server: LocalHTTPServer) -> Wire:
    return Wire(http_server)


@pytest.fixture
def seeded(engine: Engine, wire: Wire) -> tuple[Settings, Clock]:
    wire.publish("3055001", SEED_TITLE, seed_text(), pub="Mon, 07 Apr 2025 11:00 GMT")
    settings, clock = settings_for(wire.srv.url("/feed.xml")), Clock()
    result = poll(engine, settings, clock)
    assert (result.new, result.diffs) == (1, 5)
    return settings, clock


def test_seed_release_gives_five_events_and_five_created_diffs(engine: Engine, seeded: Any) -> None:
    evs = events(engine)
    assert Counter(e.kind for e in evs.values()) == {"designation": 3, "ind_clearance": 1, "trial_start": 1}
    assert sorted(e.indication or "" for e in evs.values() if e.kind == "designation") == [
        "active refractory diffuse systemic sclerosis (SSc)",
        "active refractory moderate-to-severe systemic lupus erythematous (SLE)",
        "active severe/refractory idiopathic inflammatory myopathy (IIM), specifically dermatomyositis, "
        "immune mediated necrotizing myopathy and anti-synthetase syndrome",
    ]
    (trial,) = [e for e in evs.values() if e.kind == "trial_start"]
    assert (trial.trial, trial.phase, trial.status, trial.timing_text) == ("RESOLUTION", "1", "planned", "mid-2025")
    assert (trial.window_start.isoformat(), trial.window_end.isoformat()) == ("2025-04-01", "2025-09-30")  # type: ignore[union-attr]
    (ind,) = [e for e in evs.values() if e.kind == "ind_clearance"]
    assert not ind.announced and ind.status == "cleared"
    assert all(e.tickers == ["NASDAQ:ALLO"] for e in evs.values())
    ds = diffs(engine)
    assert [d.type for d in ds] == ["event.created"] * 5
    assert len({d.public_id for d in ds}) == 5
    assert all(d.release["id"] == "globenewswire.com:3055001" and d.event["key"] == d.event_key for d in ds)
    assert all("id" not in d.event for d in ds)


def test_polling_again_produces_no_diff(engine: Engine, wire: Wire, seeded: tuple[Settings, Clock]) -> None:
    settings, clock = seeded
    assert poll(engine, settings, clock).diffs == 0
    # the item's markup changes but the release does not: still nothing
    item = wire.items["3055001"]
    wire.items["3055001"] = Item(**{**item.__dict__, "extra": "<dc:subject>Clinical Study</dc:subject>"})
    wire.srv.route("/feed.xml", Response(200, {}, Feed(list(wire.items.values())).render()))
    result = poll(engine, settings, clock)
    assert (result.unchanged, result.diffs) == (1, 0)
    assert len(diffs(engine)) == 5


def test_correction_moving_the_window_is_one_update(engine: Engine, wire: Wire, seeded: tuple[Settings, Clock]) -> None:
    settings, clock = seeded
    corrected = re.sub(r"(?i)mid-2025", "the third quarter of 2025", seed_text())
    wire.publish(
        "3055001", SEED_TITLE, corrected, pub="Mon, 07 Apr 2025 11:00 GMT", modified="Tue, 08 Apr 2025 09:00 GMT"
    )
    result = poll(engine, settings, clock)
    assert (result.versions, result.diffs) == (1, 1)
    update = diffs(engine)[-1]
    assert update.type == "event.updated" and update.release_version == 2
    assert update.changes == {
        "timing_text": {"old": "mid-2025", "new": "the third quarter of 2025"},
        "window_start": {"old": "2025-04-01", "new": "2025-07-01"},
        "window_end": {"old": "2025-09-30", "new": "2025-09-30"},
    } or update.changes == {
        "timing_text": {"old": "mid-2025", "new": "the third quarter of 2025"},
        "window_start": {"old": "2025-04-01", "new": "2025-07-01"},
    }


def test_later_release_with_first_patient_dosed_updates_the_status(
    engine: Engine, wire: Wire, seeded: tuple[Settings, Clock]
) -> None:
    settings, clock = seeded
    wire.publish(
        "3155002",
        "Allogene Doses First Patient in Phase 1 RESOLUTION Trial of ALLO-329",
        DOSED,
        pub="Mon, 15 Sep 2025 11:00 GMT",
    )
    poll(engine, settings, clock)
    updates = [d for d in diffs(engine) if d.type == "event.updated"]
    assert len(updates) == 1
    assert updates[0].changes["status"] == {"old": "planned", "new": "first_patient_dosed"}
    assert updates[0].release["id"] == "globenewswire.com:3155002"
    (trial,) = [e for e in events(engine).values() if e.kind == "trial_start"]
    assert trial.status == "first_patient_dosed"
    # the older seed, polled again or corrected, cannot move the status back
    wire.publish(
        "3055001",
        SEED_TITLE,
        seed_text() + "\n",
        pub="Mon, 07 Apr 2025 11:00 GMT",
        modified="Tue, 16 Sep 2025 09:00 GMT",
    )
    poll(engine, settings, clock)
    (trial,) = [e for e in events(engine).values() if e.kind == "trial_start"]
    assert trial.status == "first_patient_dosed"


def test_correction_dropping_a_designation_retracts_it(
    engine: Engine, wire: Wire, seeded: tuple[Settings, Clock]
) -> None:
    settings, clock = seeded
    wire.publish(
        "3055001",
        SEED_TITLE,
        seed_dropping_ssc(),
        pub="Mon, 07 Apr 2025 11:00 GMT",
        modified="Tue, 08 Apr 2025 09:00 GMT",
    )
    result = poll(engine, settings, clock)
    assert result.diffs == 1
    retraction = diffs(engine)[-1]
    assert retraction.type == "event.retracted" and retraction.event_key.endswith("|ssc")
    assert retraction.event["retracted"] is True
    assert events(engine)[retraction.event_key].retracted


def test_fact_supported_by_another_release_survives_a_retraction(
    engine: Engine, wire: Wire, seeded: tuple[Settings, Clock]
) -> None:
    settings, clock = seeded
    wire.publish(
        "3100003",
        "Allogene Receives FDA Fast Track Designation for ALLO-329 in SSc",
        SSC_RECAP,
        pub="Mon, 02 Jun 2025 11:00 GMT",
    )
    assert poll(engine, settings, clock).diffs == 0  # a known fact: no news
    wire.publish(
        "3055001",
        SEED_TITLE,
        seed_dropping_ssc(),
        pub="Mon, 07 Apr 2025 11:00 GMT",
        modified="Tue, 08 Apr 2025 09:00 GMT",
    )
    assert poll(engine, settings, clock).diffs == 0
    ssc = [e for k, e in events(engine).items() if k.endswith("|ssc")]
    assert len(ssc) == 1 and not ssc[0].retracted


def test_a_correction_whose_page_never_arrives_changes_nothing_even_on_reprocess(
    engine: Engine, wire: Wire, seeded: tuple[Settings, Clock]
) -> None:
    settings, clock = seeded
    before = {k: (e.retracted, e.updated_at) for k, e in events(engine).items()}
    wire.publish(
        "3055001",
        SEED_TITLE,
        seed_dropping_ssc(),
        pub="Mon, 07 Apr 2025 11:00 GMT",
        modified="Tue, 08 Apr 2025 09:00 GMT",
    )
    wire.srv.route("/news/3055001.html", Response(503))  # the corrected page never comes
    first = poll(engine, settings, clock)
    assert (first.versions, first.page_errors, first.diffs) == (1, 1, 0)
    for _ in range(MAX_PAGE_ATTEMPTS - 1):  # retried, then given up on
        assert poll(engine, settings, clock).page_errors == 1
    assert poll(engine, settings, clock).page_errors == 0  # abandoned: no longer fetched
    # Its summary alone names no indication: extracting it in the full text's place
    # would retract four facts and invent a fifth.
    summary_only = reprocess(engine, clock=clock)
    assert (summary_only.releases, summary_only.awaiting_page) == (1, 1)
    assert (summary_only.created, summary_only.updated, summary_only.retracted) == (0, 0, 0)
    assert len(diffs(engine)) == 5
    assert {k: (e.retracted, e.updated_at) for k, e in events(engine).items()} == before
    # When the page does arrive with a later correction, it applies in full.
    wire.publish(
        "3055001",
        SEED_TITLE,
        seed_dropping_ssc(),
        pub="Mon, 07 Apr 2025 11:00 GMT",
        modified="Wed, 09 Apr 2025 09:00 GMT",
    )
    assert poll(engine, settings, clock).diffs == 1
    assert diffs(engine)[-1].type == "event.retracted" and diffs(engine)[-1].event_key.endswith("|ssc")
