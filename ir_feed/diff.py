"""What changed: stored facts vs the facts a release (version) now states.

Pure: data in, data out.  For one release, given

* ``extracted`` — the events extracted from its current text,
* ``previously_supported`` — the keys this release supported before,
* ``stored`` — the current state of every key involved,
* ``supported_elsewhere`` — keys that another release still supports,

``diff_release`` returns one :class:`Outcome` per key involved:

* **event.created** — a key never seen (or retracted earlier and stated again);
  recalled facts we never had are news too (the event says ``announced: false``);
* **event.updated** — the key is known and a *state field* changed, with the
  changes as ``{field: {"old": .., "new": ..}}``;
* **event.retracted** — the release no longer states a fact it stated before
  (a correction) and no other release supports it;
* no diff — everything else: a release repeating known facts, a re-poll,
  evidence worded differently.

Merge rules, so that news moves forward and never backwards:

* Only state fields are compared (status, and for trials phase, indications,
  timing and window; for IND clearances the indication): the key already
  pins agency, designation, product, trial and indication.
* A missing value never erases a known one, and a status never moves back
  (planned → applied → positive_opinion → granted; planned → submitted →
  cleared; planned → initiated → first_patient_dosed) — except when the
  release being processed is the one that set the current state: a correction
  of that release may change anything.
* A release published before the one that set the current state changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from ir_feed.events import Event
from ir_feed.kinds import KINDS

DiffType = Literal["event.created", "event.updated", "event.retracted"]
DIFF_TYPES: tuple[DiffType, ...] = ("event.created", "event.updated", "event.retracted")

#: Each kind's fields whose change is an update (:attr:`ir_feed.kinds.KindSpec.state_fields`).
STATE_FIELDS: Mapping[str, tuple[str, ...]] = {name: spec.state_fields for name, spec in KINDS.items()}
_STATUS_RANK: Mapping[str, Mapping[str, int]] = {name: spec.status_rank for name, spec in KINDS.items()}


@dataclass(frozen=True, slots=True)
class Stored:
    """A fact as the store holds it.  ``state`` is the event's public JSON
    (as :meth:`ir_feed.events.Designation.to_dict` gives it)."""

    key: str
    state: Mapping[str, Any]
    retracted: bool
    state_release: str | None  # key of the release that set the current state
    state_published_at: datetime | None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What to do with one key.  ``type`` None means no diff; ``state`` None
    means the stored state stays as it is."""

    key: str
    type: DiffType | None
    changes: dict[str, dict[str, Any]] = field(default_factory=dict)
    state: dict[str, Any] | None = None
    event: Event | None = None


def diff_release(
    *,
    release_key: str,
    published_at: datetime | None,
    extracted: Sequence[Event],
    previously_supported: Set[str],
    stored: Mapping[str, Stored],
    supported_elsewhere: Set[str],
) -> list[Outcome]:
    outcomes: list[Outcome] = []
    seen: set[str] = set()
    for event in extracted:
        if event.key in seen:
            continue
        seen.add(event.key)
        current = stored.get(event.key)
        if current is None or current.retracted:
            outcomes.append(Outcome(event.key, "event.created", {}, event.to_dict(), event))
        else:
            outcomes.append(_update(event, current, release_key, published_at))
    for key in sorted(previously_supported - seen):
        current = stored.get(key)
        if current is None or current.retracted or key in supported_elsewhere:
            outcomes.append(Outcome(key, None))
            continue
        outcomes.append(Outcome(key, "event.retracted", {}, None, None))
    return outcomes


def _update(event: Event, current: Stored, release_key: str, published_at: datetime | None) -> Outcome:
    same_release = current.state_release == release_key
    older = (
        not same_release
        and published_at is not None
        and current.state_published_at is not None
        and published_at < current.state_published_at
    )
    new = event.to_dict()
    state = dict(current.state)
    announced_flip = bool(new["announced"]) and not bool(state.get("announced"))
    if older:
        if announced_flip:
            state["announced"] = True
            return Outcome(event.key, None, {}, state, event)
        return Outcome(event.key, None, event=event)
    changes: dict[str, dict[str, Any]] = {}
    ranks = _STATUS_RANK.get(event.kind, {})
    for name in STATE_FIELDS.get(event.kind, ()):
        old_value, new_value = state.get(name), new.get(name)
        if new_value == old_value:
            continue
        if not same_release:
            if new_value is None or new_value == []:
                continue  # a release that does not say is not a release that un-says
            if name == "status" and ranks.get(str(new_value), 0) < ranks.get(str(old_value), 0):
                continue  # news moves forward: a stale recap cannot undo a dosing
        changes[name] = {"old": old_value, "new": new_value}
    if not changes:
        if announced_flip:
            state["announced"] = True
            return Outcome(event.key, None, {}, state, event)
        return Outcome(event.key, None, event=event)
    for name, change in changes.items():
        state[name] = change["new"]
    state["evidence"] = new["evidence"]
    state["announced"] = bool(state.get("announced")) or bool(new["announced"])
    return Outcome(event.key, "event.updated", changes, state, event)
