"""The kill -9 soak's invariants (``check`` in bench/soak_checks.py) on a small world written by
hand: all hold on a consistent one, and each planted loss or duplicate is named."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bench.soak_checks import (
    ISSUERS,
    Facts,
    Published,
    Received,
    StoredDiff,
    StoredEvent,
    StoredMessage,
    StoredRelease,
    check,
    settled,
)

T = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


def _world() -> Facts:
    """Two releases: SKX-101 (Skerry, Fast Track) and TLW-102 (Tallow), corrected from
    Orphan Drug to Breakthrough Therapy; three subscriptions (everything, Skerry's
    ticker, Fast Track only)."""
    a = Published(1, ISSUERS[0], "SKX-101", "glioblastoma", ("alpha",), T, [0], [T])
    b = Published(2, ISSUERS[1], "TLW-102", "glioblastoma", ("beta", "gamma"), T, [1, 2], [T, T + timedelta(seconds=1)])
    events = [
        StoredEvent(1, "skry|fast-track|skx101", "SKX-101", "fast_track", retracted=False),
        StoredEvent(2, "tlwp|orphan-drug|tlw102", "TLW-102", "orphan_drug", retracted=True),
        StoredEvent(3, "tlwp|breakthrough|tlw102", "TLW-102", "breakthrough_therapy", retracted=False),
    ]
    diffs = [
        StoredDiff(1, "event.created", 1, events[0].key, a.key),
        StoredDiff(2, "event.created", 2, events[1].key, b.key),
        StoredDiff(3, "event.retracted", 2, events[1].key, b.key),
        StoredDiff(4, "event.created", 3, events[2].key, b.key),
    ]
    messages = [
        StoredMessage("msg_1", "everything", 1, "delivered"),
        StoredMessage("msg_2", "skerry", 1, "delivered"),
        StoredMessage("msg_3", "fast-track", 1, "delivered"),
        StoredMessage("msg_4", "everything", 2, "delivered"),
        StoredMessage("msg_5", "everything", 3, "delivered"),
        StoredMessage("msg_6", "everything", 4, "delivered"),
    ]
    diff = {d.id: d for d in diffs}
    received = [_received(m, diff[m.diff_id]) for m in messages]
    return Facts(
        published=[a, b],
        releases=[StoredRelease(a.key, a.title(), 1, (1,)), StoredRelease(b.key, b.title(), 2, (1, 2))],
        release_rows_by_key={a.key: 1, b.key: 1},
        entries_awaiting_page=0,
        events=events,
        diffs=diffs,
        messages=messages,
        received=[*received, received[1]],  # one sent twice after a crash: same id, same body
        logged_stored=[(a.key, 1, "new"), (b.key, 1, "new"), (b.key, 2, "version")],
    )


def _received(m: StoredMessage, d: StoredDiff, *, body_type: str | None = None) -> Received:
    body = {"type": body_type or d.type, "data": {"event": {"key": d.event_key}, "release": {"id": d.release_key}}}
    return Received(m.subscription, m.public_id, json.dumps(body).encode(), signed=True)


def test_a_consistent_world_holds_and_is_tallied() -> None:
    facts = _world()
    failures, tally = check(facts)
    assert failures == []
    assert settled(facts)
    assert tally["published"] == {"releases": 2, "versions": 3, "corrected": 1, "in_two_feeds": 1}
    assert tally["diffs"] == {"event.created": 3, "event.retracted": 1}
    assert tally["outbox"]["delivered"] == 6
    assert tally["receiver"] == {
        "requests": 7,
        "webhook_ids": 6,
        "received_twice_or_more": 1,
        "extra_requests": 1,
        "not_in_database": 0,
        "bad_signatures": 0,
    }


def _drop_release(f: Facts) -> None:
    f.releases.pop(0)


def _store_twice(f: Facts) -> None:
    f.release_rows_by_key[f.releases[0].key] = 2


def _stale_version(f: Facts) -> None:
    f.releases[1] = replace(f.releases[1], title=f.published[1].title(1), version=1, versions=(1,))


def _gap_in_versions(f: Facts) -> None:
    f.releases[1] = replace(f.releases[1], versions=(2,))


def _second_created(f: Facts) -> None:
    f.diffs.append(StoredDiff(5, "event.created", 1, f.events[0].key, f.published[0].key))


def _wrong_event_active(f: Facts) -> None:
    f.events[1] = replace(f.events[1], retracted=False)


def _message_lost(f: Facts) -> None:
    f.messages.pop(1)
    f.received = [r for r in f.received if r.webhook_id != "msg_2"]


def _message_for_no_match(f: Facts) -> None:
    f.messages.append(StoredMessage("msg_7", "skerry", 4, "delivered"))
    f.received.append(_received(f.messages[-1], f.diffs[3]))


def _undelivered(f: Facts) -> None:
    f.messages[0] = replace(f.messages[0], status="pending")


def _never_received(f: Facts) -> None:
    f.received = [r for r in f.received if r.webhook_id != "msg_6"]


def _not_in_the_database(f: Facts) -> None:
    f.received.append(replace(f.received[0], webhook_id="msg_unknown"))


def _another_body_under_one_id(f: Facts) -> None:
    f.received.append(_received(f.messages[0], f.diffs[0], body_type="event.updated"))


def _bad_signature(f: Facts) -> None:
    f.received[0] = replace(f.received[0], signed=False)


def _misdirected(f: Facts) -> None:
    f.received[0] = replace(f.received[0], subscription="fast-track")


def _log_claims_a_rolled_back_version(f: Facts) -> None:
    f.logged_stored.append((f.published[0].key, 2, "version"))


def _logged_twice(f: Facts) -> None:
    f.logged_stored.append(f.logged_stored[0])


def _page_awaited(f: Facts) -> None:
    f.entries_awaiting_page = 1


@pytest.mark.parametrize(
    ("plant", "named"),
    [
        (_drop_release, "releases published but not stored"),
        (_store_twice, "releases stored more than once"),
        (_stale_version, "releases not at their last version's title"),
        (_gap_in_versions, "releases whose versions are not numbered 1..n"),
        (_second_created, "events whose diffs are not one created first"),
        (_wrong_event_active, "releases without exactly one active event for their last designation"),
        (_message_lost, "diffs missing a message for a matching subscription"),
        (_message_for_no_match, "messages for a subscription whose filter does not match"),
        (_undelivered, "messages not delivered"),
        (_never_received, "messages never received"),
        (_not_in_the_database, "webhook-ids received that are not in the database"),
        (_another_body_under_one_id, "webhook-ids received twice with different bodies"),
        (_bad_signature, "requests with a bad signature"),
        (_misdirected, "messages received at another subscription's URL"),
        (_log_claims_a_rolled_back_version, "release_stored lines for versions not in the database"),
        (_logged_twice, "release versions logged as stored twice"),
        (_page_awaited, "feed entries still awaiting their page"),
    ],
)
def test_each_planted_fault_is_named(plant: Callable[[Facts], None], named: str) -> None:
    facts = _world()
    plant(facts)
    failures, _tally = check(facts)
    assert any(f.startswith(named) for f in failures), failures
