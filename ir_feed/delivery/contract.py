"""The webhook contract as JSON Schema: the published document and what is derived from it.

The one schema is ``docs/webhook.schema.json`` (draft 2020-12), written once, by
hand, beside ``docs/webhooks.md``; the wheel ships it as
``ir_feed/_schemas/webhook.schema.json``.  From it, without restating a field:

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
from pathlib import Path
from typing import Any

from ir_feed.delivery.messages import DIFF_TYPES
from ir_feed.delivery.payloads import PROBE_TYPE

__all__ = ["BODY_TYPES", "body_schema", "event_schema", "webhook_schema"]

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
