"""The webhook contract as JSON Schema: the published document and what is derived from it.

The one schema is ``docs/webhook.schema.json`` (draft 2020-12), beside
``docs/webhooks.md``; the wheel ships it as ``ir_feed/_schemas/webhook.schema.json``.
It is written by hand but for one part: an event's kind-specific fields and each kind's
required fields and statuses, which :func:`with_kinds` writes from the kinds' specs
(:mod:`ir_feed.kinds`) — adding a kind is ``python -m ir_feed.delivery.contract``, which
rewrites the document, and a test fails while the document and the specs differ.
From the document, without restating a field:

* :func:`body_schema` — the body of one ``type`` (``event.created``, ``event.updated``,
  ``event.retracted``, ``ir_feed.test``): ``type`` fixed, ``data`` the shape that type
  has (a diff's ``changes`` is empty unless it is an update);
* :func:`event_schema` — ``data.event`` of one ``kind`` (``designation``,
  ``ind_clearance``, ``trial_start``): the document's event with ``kind`` fixed, whose
  conditional part requires that kind's fields.

Each derived schema is self-contained (it carries the document's ``$defs``) and has
its own ``$id``.  Every call returns a fresh copy: callers may change it.
"""

from __future__ import annotations

import copy
import functools
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ir_feed.delivery.messages import DIFF_TYPES
from ir_feed.delivery.payloads import PROBE_TYPE
from ir_feed.kinds import KINDS, KindSpec

__all__ = ["BODY_TYPES", "body_schema", "event_schema", "webhook_schema", "with_kinds"]

#: Every ``type`` a webhook body can have: the diff types, then the operator's test message.
BODY_TYPES: tuple[str, ...] = ("event.created", "event.updated", "event.retracted", PROBE_TYPE)
assert set(BODY_TYPES) == DIFF_TYPES | {PROBE_TYPE}

_FILE = "webhook.schema.json"


def schema_path() -> Path:
    """Where the published schema is: inside the installed package, else in the source tree."""
    here = Path(__file__).resolve().parent.parent  # the ir_feed package
    for candidate in (here / "_schemas" / _FILE, here.parent / "docs" / _FILE):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"{_FILE} is missing from this installation")


@functools.cache
def _published() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(schema_path().read_text(encoding="utf-8"))
    return data


def webhook_schema() -> dict[str, Any]:
    """The published schema of every webhook body (a copy)."""
    return copy.deepcopy(_published())


def _derived_id(kind: str, name: str) -> str:
    base = str(_published()["$id"]).removesuffix(".json")
    return f"{base}/{kind}/{name}.json"


def body_schema(type_: str) -> dict[str, Any]:
    """The schema of a body whose ``type`` is ``type_`` (one of :data:`BODY_TYPES`)."""
    if type_ not in BODY_TYPES:
        raise ValueError(f"unknown webhook type {type_!r}")
    schema = webhook_schema()
    for branch in ("if", "then", "else"):
        schema.pop(branch, None)
    schema["$id"] = _derived_id("types", type_)
    schema["title"] = f"ir_feed webhook body: {type_}"
    described = schema["properties"]["type"].get("description")
    schema["properties"]["type"] = {"const": type_, **({"description": described} if described else {})}
    if type_ == PROBE_TYPE:
        data: dict[str, Any] = {"$ref": "#/$defs/testData"}
    elif type_ == "event.updated":
        data = {"$ref": "#/$defs/diffData"}
    else:  # created and retracted carry no changes
        data = {"allOf": [{"$ref": "#/$defs/diffData"}, {"properties": {"changes": {"maxProperties": 0}}}]}
    schema["properties"]["data"] = data
    return schema


def event_schema(kind: str) -> dict[str, Any]:
    """The schema of ``data.event`` for an event of ``kind``."""
    published = webhook_schema()
    defs = published["$defs"]
    return {
        "$schema": published["$schema"],
        "$id": _derived_id("kinds", kind),
        "title": f"ir_feed event: {kind}",
        "$ref": "#/$defs/event",
        "properties": {"kind": {"const": kind}},
        "$defs": defs,
    }


# the event's properties that every kind has, written by hand in the document
_COMMON = ("kind", "key", "announced", "status", "evidence", "issuer")
_AFTER = ("status", "evidence", "issuer")  # (listed after the kinds' own fields)
_FIELD_SCHEMA: Mapping[str, dict[str, Any]] = {
    "name": {"type": "string"},
    "text": {"$ref": "#/$defs/nullableText"},
    "texts": {"type": "array", "items": {"type": "string"}},
    "date": {"anyOf": [{"$ref": "#/$defs/date"}, {"type": "null"}]},
    "flag": {"type": ["boolean", "null"]},
}


def with_kinds(document: Mapping[str, Any], kinds: Mapping[str, KindSpec] = KINDS) -> dict[str, Any]:
    """``document`` with its event's kind-specific part written from ``kinds``: each field a
    kind has beyond the common ones (typed by its :data:`~ir_feed.kinds.spec.FieldType`),
    the ``kind`` property's description, and one ``if kind … then`` branch per kind
    requiring its fields and listing its statuses.  The rest is left as it is."""
    out = copy.deepcopy(dict(document))
    event = out["$defs"]["event"]
    common = event["properties"]
    own: dict[str, dict[str, Any]] = {}
    for spec in kinds.values():
        for name in spec.fields:
            if name in _COMMON:
                continue
            schema = dict(_FIELD_SCHEMA[spec.type_of(name)])
            if name in spec.notes:
                schema["description"] = spec.notes[name]
            if own.setdefault(name, schema) != schema:
                raise ValueError(f"field {name!r} is typed two ways by the kinds")
    names = list(kinds)
    kind = dict(common["kind"])
    listed = f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else names[0]
    kind["description"] = f"{listed} (new kinds may be added)."
    event["properties"] = {
        **{k: common[k] for k in ("kind", "key", "announced")},
        "kind": kind,
        **own,
        **{k: common[k] for k in _AFTER},
    }
    event["allOf"] = [
        {
            "if": {"properties": {"kind": {"const": spec.name}}},
            "then": {
                "required": [f for f in spec.fields if f != "status"],
                "properties": {"status": {"enum": list(spec.statuses)}},
            },
        }
        for spec in kinds.values()
    ]
    return out


def main(argv: list[str]) -> int:
    """``python -m ir_feed.delivery.contract [PATH]``: rewrite the published document (by
    default ``docs/webhook.schema.json`` of the source tree) with the kinds' part."""
    path = Path(argv[0]) if argv else Path(__file__).resolve().parents[2] / "docs" / _FILE
    document = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(with_kinds(document), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
