"""The schemas derived from the published webhook schema: each body ``type`` and each
event ``kind``, checked against bodies the renderer really produces."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from ir_feed.delivery import BODY_TYPES, body_schema, event_schema, render_webhook, webhook_schema
from ir_feed.delivery.contract import schema_path, with_kinds
from ir_feed.delivery.payloads import render_probe
from ir_feed.kinds import KINDS, KindSpec
from tests.unit.delivery.builders import (
    ADCOM,
    APPLICATION,
    APPROVAL,
    CRL,
    DESIGNATION,
    HOLD,
    IND,
    READOUT,
    TRIAL,
    make_message,
)

DOCS = Path(__file__).parents[3] / "docs" / "webhook.schema.json"
EVENTS = [DESIGNATION, IND, TRIAL, READOUT, APPLICATION, APPROVAL, HOLD, CRL, ADCOM]  # one of each kind


def _valid(schema: dict[str, Any], instance: Any) -> bool:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).is_valid(instance)


def _body(event: dict[str, Any], diff_type: str) -> dict[str, Any]:
    changes = {"status": {"old": "planned", "new": event["status"]}} if diff_type == "event.updated" else {}
    data: dict[str, Any] = json.loads(render_webhook(make_message(event, diff_type=diff_type, changes=changes)))
    return data


def test_the_published_document_is_the_one_schema() -> None:
    """Read from the docs in a source tree (the wheel carries a copy of that file)."""
    assert schema_path().resolve() == DOCS.resolve()
    assert webhook_schema() == json.loads(DOCS.read_text())
    copy = webhook_schema()
    copy["title"] = "changed"
    assert webhook_schema()["title"] != "changed"  # callers get their own copy


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: e["kind"])
@pytest.mark.parametrize("diff_type", ["event.created", "event.updated", "event.retracted"])
def test_a_rendered_body_matches_its_types_schema_and_no_other(event: dict[str, Any], diff_type: str) -> None:
    body = _body(event, diff_type)
    assert _valid(webhook_schema(), body)
    for other in BODY_TYPES:
        assert _valid(body_schema(other), body) == (other == diff_type), other


def test_created_and_retracted_carry_no_changes() -> None:
    updated = _body(DESIGNATION, "event.updated")
    assert updated["data"]["changes"]
    relabelled = {**updated, "type": "event.created"}
    assert _valid(webhook_schema(), relabelled)  # the published schema does not say so
    assert not _valid(body_schema("event.created"), relabelled)
    assert not _valid(body_schema("event.retracted"), {**updated, "type": "event.retracted"})


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: e["kind"])
def test_each_kinds_schema_takes_its_events_and_refuses_the_others(event: dict[str, Any]) -> None:
    rendered = _body(event, "event.created")["data"]["event"]
    for other in EVENTS:
        assert _valid(event_schema(other["kind"]), rendered) == (other is event), other["kind"]
    missing = {k: v for k, v in rendered.items() if k != "product"}
    assert not _valid(event_schema(event["kind"]), missing)
    wrong_status = {**rendered, "status": "dosed"}
    assert not _valid(event_schema(event["kind"]), wrong_status)


def test_the_test_message_has_its_own_schema() -> None:
    body = json.loads(render_probe("desk", datetime(2026, 5, 1, 12, tzinfo=UTC)))
    assert body == {
        "type": "ir_feed.test",
        "timestamp": "2026-05-01T12:00:00Z",
        "data": {"test": True, "subscription": "desk", "message": body["data"]["message"]},
    }
    assert _valid(webhook_schema(), body)
    assert [t for t in BODY_TYPES if _valid(body_schema(t), body)] == ["ir_feed.test"]
    # a diff's data under the test type is refused, and the other way round
    assert not _valid(webhook_schema(), {**body, "data": _body(DESIGNATION, "event.created")["data"]})
    assert not _valid(webhook_schema(), {**body, "type": "event.created"})


def test_derived_schemas_are_self_contained_with_their_own_ids() -> None:
    ids = {body_schema(t)["$id"] for t in BODY_TYPES} | {event_schema(k)["$id"] for k in ("designation", "trial_start")}
    assert len(ids) == len(BODY_TYPES) + 2 and webhook_schema()["$id"] not in ids
    with pytest.raises(ValueError, match="unknown webhook type"):
        body_schema("event.deleted")


def test_the_document_states_each_kind_as_its_spec_does() -> None:
    """The kinds' part of the document is written from the specs: a spec changed without
    ``python -m ir_feed.delivery.contract`` fails here."""
    assert with_kinds(webhook_schema()) == webhook_schema(), "run: python -m ir_feed.delivery.contract"


def _readout_kind() -> KindSpec:
    """A made-up kind of the shape issue 12's new kinds have (a flag, a date window)."""
    return dataclasses.replace(
        KINDS["trial_start"],
        name="acme_readout",
        fields=("product", "trial", "reported_early", "timing_text", "window_start", "window_end", "status"),
        state_fields=("status",),
        status_rank={"expected": 0, "reported": 1},
        types={"reported_early": "flag", "window_start": "date", "window_end": "date"},
        notes={"reported_early": "true when the data came before the promised period"},
    )


def test_a_new_kind_is_written_into_the_document_from_its_spec_alone() -> None:
    document = with_kinds(webhook_schema(), {**KINDS, "acme_readout": _readout_kind()})
    event = document["$defs"]["event"]
    assert event["properties"]["reported_early"] == {
        "type": ["boolean", "null"],
        "description": "true when the data came before the promised period",
    }
    assert "acme_readout" in event["properties"]["kind"]["description"]
    readout = {"kind": "acme_readout", "key": "acme|acme_readout|acm-101|acme-2", "announced": True,
               "product": "ACM-101", "trial": "ACME-2", "reported_early": None, "timing_text": "in Q3 2027",
               "window_start": "2027-07-01", "window_end": "2027-09-30", "status": "expected",
               "evidence": "Topline data from ACME-2 are expected in Q3 2027.",
               "issuer": {"company": "Acme Bio", "tickers": ["NASDAQ:ACME"]}}  # fmt: skip
    schema = {**document["$defs"]["event"], "$defs": document["$defs"]}
    assert _valid(schema, readout)
    assert not _valid(schema, {**readout, "status": "approved"})  # not one of its statuses
    assert not _valid(schema, {k: v for k, v in readout.items() if k != "window_end"})  # its fields are required
    assert _valid(schema, {**TRIAL, "issuer": readout["issuer"]})  # the other kinds stay as they were


def test_two_kinds_typing_one_field_two_ways_are_refused() -> None:
    clash = dataclasses.replace(_readout_kind(), types={"trial": "date", "window_start": "date", "window_end": "date"})
    with pytest.raises(ValueError, match="'trial' is typed two ways"):
        with_kinds(webhook_schema(), {**KINDS, "acme_readout": clash})
