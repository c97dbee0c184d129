from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from ir_feed.diff import Stored, diff_release
from ir_feed.events import Designation, TrialStart

APR = datetime(2025, 4, 7, tzinfo=UTC)
SEP = datetime(2025, 9, 15, tzinfo=UTC)


def trial(
    status: str = "planned", timing: str | None = "mid-2025", window: tuple[date, date] | None = None, **kw: Any
) -> TrialStart:
    start, end = window or ((date(2025, 4, 1), date(2025, 9, 30)) if timing else (None, None))
    base: dict[str, Any] = dict(
        announced=True,
        product="ALLO-329",
        trial="RESOLUTION",
        phase="1",
        indications=("SLE",),
        timing_text=timing,
        window_start=start,
        window_end=end,
        status=status,
        evidence="The Company expects to initiate the trial.",
        key="allo|trial_start|allo329|resolution",
    )
    base.update(kw)
    return TrialStart(**base)


def fast_track(indication: str = "SLE", status: str = "granted", announced: bool = True) -> Designation:
    return Designation(
        announced=announced,
        agency="FDA",
        designation="fast_track",
        product="ALLO-329",
        indication=indication,
        status=status,
        evidence="ALLO-329 received Fast Track.",
        key=f"allo|designation|fda|fast-track|allo329|{indication.lower()}",
    )


def stored(event: Any, *, release: str = "1", published: datetime = APR, retracted: bool = False) -> Stored:
    return Stored(event.key, event.to_dict(), retracted, release, published)


def run(
    extracted: list[Any],
    *,
    release: str = "1",
    published: datetime | None = APR,
    before: list[Stored] = (),
    previously: set[str] = frozenset(),
    elsewhere: set[str] = frozenset(),
) -> list[Any]:  # type: ignore[assignment]
    return diff_release(
        release_key=release,
        published_at=published,
        extracted=extracted,
        previously_supported=set(previously),
        stored={s.key: s for s in before},
        supported_elsewhere=set(elsewhere),
    )


def test_new_keys_are_created_and_recalled_ones_too() -> None:
    out = run([fast_track(), fast_track("IIM", announced=False)])
    assert [(o.type, o.state["announced"]) for o in out] == [("event.created", True), ("event.created", False)]


def test_repeating_known_facts_is_no_diff() -> None:
    e = fast_track()
    (o,) = run([e], before=[stored(e)], previously={e.key})
    assert o.type is None and o.state is None


def test_changed_window_is_an_update_with_old_and_new() -> None:
    old = trial()
    new = trial(timing="Q3 2025", window=(date(2025, 7, 1), date(2025, 9, 30)))
    (o,) = run([new], before=[stored(old)], previously={old.key})
    assert o.type == "event.updated"
    assert o.changes == {
        "timing_text": {"old": "mid-2025", "new": "Q3 2025"},
        "window_start": {"old": "2025-04-01", "new": "2025-07-01"},
    }
    assert o.state["window_start"] == "2025-07-01" and o.state["status"] == "planned"


def test_status_moves_forward_from_a_later_release() -> None:
    (o,) = run([trial("first_patient_dosed", timing=None)], release="2", published=SEP, before=[stored(trial())])
    assert o.changes == {"status": {"old": "planned", "new": "first_patient_dosed"}}
    # the missing timing in the later release does not erase the known window
    assert o.state["timing_text"] == "mid-2025"


def test_status_never_moves_back_from_another_release() -> None:
    dosed = stored(trial("first_patient_dosed"), release="2", published=SEP)
    (o,) = run([trial("planned")], release="3", published=datetime(2025, 10, 1, tzinfo=UTC), before=[dosed])
    assert o.type is None


def test_an_older_release_changes_nothing() -> None:
    dosed = stored(trial("first_patient_dosed"), release="2", published=SEP)
    (o,) = run(
        [trial("planned", timing="Q4 2025", window=(date(2025, 10, 1), date(2025, 12, 31)))],
        release="1",
        published=APR,
        before=[dosed],
    )
    assert o.type is None and o.state is None


def test_a_correction_of_the_same_release_may_change_anything() -> None:
    granted = stored(fast_track(status="granted"), release="1")
    (o,) = run([fast_track(status="applied")], release="1", before=[granted], previously={granted.key})
    assert o.changes == {"status": {"old": "granted", "new": "applied"}}


def test_dropped_fact_is_retracted_unless_supported_elsewhere() -> None:
    ssc = fast_track("SSc")
    (o,) = run([], before=[stored(ssc)], previously={ssc.key})
    assert o.type == "event.retracted"
    (o,) = run([], before=[stored(ssc)], previously={ssc.key}, elsewhere={ssc.key})
    assert o.type is None


def test_a_retracted_fact_stated_again_is_created_again() -> None:
    ssc = fast_track("SSc")
    (o,) = run([ssc], before=[stored(ssc, retracted=True)], previously={ssc.key})
    assert o.type == "event.created"


def test_a_recalled_fact_later_announced_flips_silently() -> None:
    recalled = fast_track(announced=False)
    (o,) = run([fast_track()], release="2", published=SEP, before=[stored(recalled)])
    assert o.type is None and o.state is not None and o.state["announced"] is True
