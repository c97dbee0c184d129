"""What defines an event kind: :class:`KindSpec`, and the words every kind's phrases share.

A kind's spec says which fields its events have, which of them may change (an update) and in
which order its statuses move, and how people read one of its events: the Slack header's phrase,
the Atom / JSON Feed entry title, the CLI table's columns and the issuer timeline's label.  The
diff, the store, the delivery renderers, the API, the CLI, the web pages, the metrics and the
settings read these instead of naming kinds themselves.  Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Fields", "KindSpec", "status_words", "words"]

#: One event's fields as the extraction contract names them (``to_dict`` / ``event_state``).
Fields = Mapping[str, Any]

_STATUS_WORDS = {
    "applied": "applied for",
    "positive_opinion": "positive opinion",
    "first_patient_dosed": "first patient dosed",
}


def words(value: str) -> str:
    """A code as words: ``first_patient_dosed`` → ``first patient dosed``."""
    return value.replace("_", " ")


def status_words(value: Any) -> str:
    """A status as people say it (``applied`` → ``applied for``); empty for none."""
    return _STATUS_WORDS.get(str(value), words(str(value))) if value else ""


@dataclass(frozen=True, slots=True)
class KindSpec:
    """One kind of event, defined once.

    ``fields``          its public fields, in the order the contract lists them
    ``state_fields``    the fields whose change is an ``event.updated`` (the key pins the rest)
    ``status_rank``     status → rank: news moves forward, a lower rank never replaces a higher
    ``happened``        (what happened, to what): Slack's header, ``"FDA Fast Track granted"``,
                        ``"ALLO-329 in lupus"``
    ``title``           an Atom / JSON Feed entry's title, after the ticker
    ``what``, ``detail`` the CLI events table's two columns
    ``timeline_label``  its mark on an issuer's timeline
    ``spans_time``      drawn as a bar over its date window (else a point on the day reported)
    """

    name: str
    fields: tuple[str, ...]
    state_fields: tuple[str, ...]
    status_rank: Mapping[str, int]
    happened: Callable[[Fields], tuple[str, str]]
    title: Callable[[Fields], str]
    what: Callable[[Fields], str]
    detail: Callable[[Fields], str]
    timeline_label: Callable[[Fields], str]
    spans_time: bool = False

    def __post_init__(self) -> None:
        if not set(self.state_fields) <= set(self.fields):
            raise ValueError(f"{self.name}: state fields {self.state_fields} are not all fields")
        if "status" not in self.fields or not self.status_rank:
            raise ValueError(f"{self.name}: a kind has a status and an order of statuses")

    def __repr__(self) -> str:
        return f"KindSpec({self.name!r})"
