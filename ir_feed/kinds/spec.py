"""What defines an event kind: :class:`KindSpec`, and the words every kind's phrases share.

A kind's spec says which fields its events have and of what type, which of them may change (an
update) and in which order its statuses move, and how people read one of its events: the Slack
header's phrase, the Atom / JSON Feed entry title, the CLI tables' columns, the web pages' label
and the issuer timeline's label.  The diff, the store, the delivery renderers, the published
webhook schema, the API's models, the CLI, the web pages, the metrics and the settings read these
instead of naming kinds themselves.  Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["FIELD_TYPES", "FieldType", "Fields", "KindSpec", "status_words", "words"]

#: One event's fields as the extraction contract names them (``to_dict`` / ``event_state``).
Fields = Mapping[str, Any]

#: What a field holds, in the contract (JSON), the API and the store:
#:   ``name``  text that is never empty (a product, a designation's agency)
#:   ``text``  text, or null
#:   ``texts`` a list of texts (possibly empty)
#:   ``date``  an ISO date (``YYYY-MM-DD``), or null
#:   ``flag``  true, false or null (not said)
FieldType = Literal["name", "text", "texts", "date", "flag"]
FIELD_TYPES: tuple[str, ...] = ("name", "text", "texts", "date", "flag")

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


def indication_of(e: Fields) -> str:
    """What an event is for, as people read it: its indication, or its indications listed."""
    if e.get("indications"):
        return ", ".join(e["indications"])
    return str(e.get("indication") or "")


def timing_of(e: Fields) -> str:
    """When an event is due, as written (``"in the second half of 2026"``); empty for none."""
    return str(e.get("timing_text") or "")


@dataclass(frozen=True, slots=True)
class KindSpec:
    """One kind of event, defined once.

    ``summary``         one line saying what an event of this kind is (the API's catalog)
    ``fields``          its public fields, in the order the contract lists them
    ``types``           each field's :data:`FieldType` (a field not named is ``text``)
    ``notes``           a field's description in the published schema, where one helps
    ``state_fields``    the fields whose change is an ``event.updated`` (the key pins the rest)
    ``status_rank``     status → rank: news moves forward, a lower rank never replaces a higher
    ``happened``        (what happened, to what): Slack's header, ``"FDA Fast Track granted"``,
                        ``"ALLO-329 in lupus"``
    ``title``           an Atom / JSON Feed entry's title, after the ticker
    ``what``, ``detail`` the CLI events table's two columns
    ``label``           what happened, in a few words: the web pages' "Event" column and an
                        event page's heading, the ``extract`` table's "what"
    ``about``           what it is for (the web pages' "Indication" column)
    ``when``            when it is due, as written (under the status on the web pages)
    ``timeline_label``  its mark on an issuer's timeline
    ``spans_time``      drawn as a bar over its date window (else a point on the day reported);
                        such a kind has the fields ``timing_text``, ``window_start`` and
                        ``window_end``, which the catalyst calendar reads

    Fields ``product`` (a ``name``) and ``status`` (one of ``status_rank``) every kind has.
    """

    name: str
    summary: str
    fields: tuple[str, ...]
    state_fields: tuple[str, ...]
    status_rank: Mapping[str, int]
    happened: Callable[[Fields], tuple[str, str]]
    title: Callable[[Fields], str]
    what: Callable[[Fields], str]
    detail: Callable[[Fields], str]
    label: Callable[[Fields], str]
    timeline_label: Callable[[Fields], str]
    about: Callable[[Fields], str] = indication_of
    when: Callable[[Fields], str] = timing_of
    types: Mapping[str, FieldType] = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)
    spans_time: bool = False

    def __post_init__(self) -> None:
        if not set(self.state_fields) <= set(self.fields):
            raise ValueError(f"{self.name}: state fields {self.state_fields} are not all fields")
        if "status" not in self.fields or "product" not in self.fields or not self.status_rank:
            raise ValueError(f"{self.name}: a kind has a product, a status and an order of statuses")
        if not set(self.types) <= set(self.fields) or not set(self.types.values()) <= set(FIELD_TYPES):
            raise ValueError(f"{self.name}: field types {dict(self.types)} name unknown fields or types")
        if self.types.get("product", "name") != "name":
            raise ValueError(f"{self.name}: a product is a name")
        window = {"timing_text", "window_start", "window_end"}
        if self.spans_time and not window <= set(self.fields):
            raise ValueError(f"{self.name}: a kind that spans time has the fields {sorted(window)}")

    def type_of(self, name: str) -> FieldType:
        """The :data:`FieldType` of field ``name`` (``product`` a name, ``status`` text)."""
        if name == "product":
            return "name"
        return self.types.get(name, "text")

    @property
    def statuses(self) -> tuple[str, ...]:
        """Its statuses, in the order news moves them (the first the least advanced)."""
        return tuple(sorted(self.status_rank, key=lambda s: self.status_rank[s]))

    def __repr__(self) -> str:
        return f"KindSpec({self.name!r})"
