"""``GET /v1/event-types``: the catalog of what ir_feed publishes, with JSON Schemas.

Nothing here is written twice: each kind's summary and statuses are its spec's
(:mod:`ir_feed.kinds`), the fields whose change is an update are the differ's
(:data:`ir_feed.diff.STATE_FIELDS`), the webhook schemas are derived from the one
published ``webhook.schema.json`` (:mod:`ir_feed.delivery.contract`), and the API
schema of an event is its response model's (:data:`ir_feed.api.schemas.EVENT_MODELS`).
"""

from __future__ import annotations

import functools
from typing import Any

from fastapi import APIRouter, Depends
from pydantic import TypeAdapter

from ir_feed.api.auth import require_read
from ir_feed.api.schemas import EVENT_MODELS, EventTypes
from ir_feed.delivery import BODY_TYPES, body_schema, event_schema, webhook_schema
from ir_feed.diff import STATE_FIELDS
from ir_feed.kinds import KINDS

router = APIRouter(tags=["events"], dependencies=[Depends(require_read)])
_TYPES = {
    "event.created": "a new fact: an event no stored release stated before",
    "event.updated": "a known fact changed (data.changes has each changed field's old and new value)",
    "event.retracted": "a corrected release no longer states the fact (data.event is its last state)",
    "ir_feed.test": "a test message an operator sent to one subscription; no event happened",
}
assert tuple(_TYPES) == BODY_TYPES


@functools.cache
def catalog() -> dict[str, Any]:
    """The answer of ``GET /v1/event-types`` (the same for the life of the process)."""
    kinds = [
        {
            "kind": name,
            "description": spec.summary,
            "statuses": list(spec.statuses),
            "updated_when": list(STATE_FIELDS[name]),
            "webhook_schema": event_schema(name),
            "api_schema": TypeAdapter(EVENT_MODELS[name]).json_schema(mode="serialization"),
        }
        for name, spec in KINDS.items()
    ]
    types = [{"type": t, "description": _TYPES[t], "body_schema": body_schema(t)} for t in BODY_TYPES]
    return {"kinds": kinds, "types": types, "webhook_schema": webhook_schema()}


@router.get(
    "/v1/event-types",
    response_model=EventTypes,
    summary="What is published: each event kind and each webhook type, with its JSON Schema",
)
def event_types() -> dict[str, Any]:
    """Each event `kind` with its statuses, the fields whose change makes an
    `event.updated`, and JSON Schemas of the event in a webhook body (and a diff) and
    in `/v1/events`; each webhook `type` (the diff types and `ir_feed.test`) with the
    JSON Schema of its body; and the whole published webhook schema."""
    return catalog()
