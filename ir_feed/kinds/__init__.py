"""Event kinds, each defined once: one module per kind with its :class:`KindSpec`.

    designation     regulatory designations (Fast Track, Orphan Drug, PRIME, ...)
    ind_clearance   IND clearances and foreign equivalents
    trial_start     trials planned, initiated, first patient dosed
    topline_readout a trial's results expected in a period, or reported
    application_accepted  a marketing application submitted or accepted, with its PDUFA date
    approval        a marketing approval (or a CHMP positive opinion)
    clinical_hold   a regulator's clinical hold: placed, partial, lifted
    complete_response   a Complete Response Letter (or a negative opinion), with its reason
    advisory_committee  an advisory committee meeting: scheduled, voted for or against, cancelled

Adding a kind is its module here (fields and their types, the fields that may change, status
order, how people read it), its name in :data:`EventKind` and :data:`KINDS`, its extraction
rules (a module of :mod:`ir_feed.extract` whose findings are :class:`ir_feed.events.Fact`),
its tests, and ``python -m ir_feed.delivery.contract`` to write it into the published webhook
schema.  What reads :data:`KINDS` — the diff, the store (a field without a column is kept in
``events.details``), Slack, the Atom / JSON Feed, the catalyst calendar (a kind that
``spans_time``), the CLI, the web pages, the metrics, the settings, the API's models and
filters — needs nothing more (README, "Adding an event kind").  Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, get_args

from ir_feed.kinds import (
    advisory_committee,
    application_accepted,
    approval,
    clinical_hold,
    complete_response,
    designation,
    ind_clearance,
    topline_readout,
    trial_start,
)
from ir_feed.kinds.spec import Fields, KindSpec

__all__ = ["KINDS", "KIND_NAMES", "EventKind", "Fields", "KindSpec", "kind_of"]

EventKind = Literal[
    "designation",
    "ind_clearance",
    "trial_start",
    "topline_readout",
    "application_accepted",
    "approval",
    "clinical_hold",
    "complete_response",
    "advisory_committee",
]

KINDS: Mapping[str, KindSpec] = {
    s.name: s
    for s in (
        designation.SPEC,
        ind_clearance.SPEC,
        trial_start.SPEC,
        topline_readout.SPEC,
        application_accepted.SPEC,
        approval.SPEC,
        clinical_hold.SPEC,
        complete_response.SPEC,
        advisory_committee.SPEC,
    )
}
KIND_NAMES: tuple[str, ...] = tuple(KINDS)
if set(KIND_NAMES) != set(get_args(EventKind)):  # pragma: no cover - a kind added in one place only
    raise ImportError(f"event kinds {KIND_NAMES} and EventKind {get_args(EventKind)} differ")


def kind_of(name: str) -> KindSpec | None:
    """The spec of kind ``name``; ``None`` for a kind this release does not know (a newer
    daemon's row, a payload from elsewhere): callers fall back to generic wording."""
    return KINDS.get(name)
