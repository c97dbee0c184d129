"""``GET /v1/event-types``: the catalog's JSON Schemas take what ir_feed really sends
(webhook bodies delivered to a real receiver, /v1/events and /v1/diffs answers) and
refuse what another kind or type would be."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import jsonschema
from sqlalchemy import Engine

from ir_feed.events import TrialStart
from ir_feed.kinds import KIND_NAMES
from tests.integration.api.conftest import (
    CLRQ,
    NWBT,
    READER,
    TRIAL_KEY,
    ApiClient,
    MakeClient,
    api_settings,
    fast_track,
    release,
    store,
)
from tests.integration.api.test_api_subscription_actions import deliver_at, real_clock
from tests.support.extraction import fact_of
from tests.support.httpserver import LocalHTTPServer, Response
from tests.unit.delivery.builders import ADCOM, APPLICATION, APPROVAL, CRL, HOLD, READOUT

DOCS = Path(__file__).parents[3] / "docs" / "webhook.schema.json"


def valid(schema: dict[str, Any], instance: Any) -> bool:
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).is_valid(instance)


def catalog(client: ApiClient) -> dict[str, Any]:
    r = client.get("/v1/event-types")
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()
    return data


def test_the_catalog_lists_each_kind_and_type_with_valid_schemas(engine: Engine, client: ApiClient) -> None:
    data = catalog(client)
    kinds = {k["kind"]: k for k in data["kinds"]}
    assert list(kinds) == list(KIND_NAMES)  # (every kind its spec defines)
    assert list(kinds)[:4] == ["designation", "ind_clearance", "trial_start", "topline_readout"]
    assert [t["type"] for t in data["types"]] == ["event.created", "event.updated", "event.retracted", "ir_feed.test"]
    assert set(kinds["designation"]["statuses"]) == {"granted", "applied", "planned", "positive_opinion"}
    assert kinds["trial_start"]["statuses"] == ["planned", "initiated", "first_patient_dosed"]
    assert kinds["topline_readout"]["statuses"] == ["expected", "reported"]
    assert kinds["ind_clearance"]["updated_when"] == ["status", "indication"]
    assert all(k["description"] for k in data["kinds"]) and all(t["description"] for t in data["types"])
    assert data["webhook_schema"] == json.loads(DOCS.read_text())  # the published file, not a second copy
    schemas = [data["webhook_schema"], *(t["body_schema"] for t in data["types"])]
    schemas += [s for k in data["kinds"] for s in (k["webhook_schema"], k["api_schema"])]
    for schema in schemas:
        jsonschema.Draft202012Validator.check_schema(schema)


def test_the_catalog_schemas_validate_real_payloads(
    seeded: Engine, make_client: MakeClient, http_server: LocalHTTPServer
) -> None:
    # an update (the trial starts) and a retraction (a corrected release 1 no longer states the Orphan Drug)
    initiated = TrialStart(
        True,
        "CRX-220",
        "CALDER-1",
        "1",
        ("pancreatic cancer",),
        "mid-2026",
        date(2026, 4, 1),
        date(2026, 9, 30),
        "initiated",
        "Calder dosed the first patients of CALDER-1.",
        TRIAL_KEY,
    )
    # one event of each spec-only kind, for CLRQ's product (their examples, re-keyed)
    facts = tuple(
        fact_of(example, product="CRX-220", key=f"clrq|{example['kind']}|crx220")
        for example in (READOUT, APPLICATION, APPROVAL, HOLD, CRL, ADCOM)
    )
    store(seeded, release("3", datetime(2026, 2, 20, 13, 0, tzinfo=UTC), CLRQ), (initiated, *facts), "Calder Ridge")
    corrected = release("1", datetime(2026, 1, 12, 13, 0, tzinfo=UTC), NWBT, text="Corrected.")
    store(seeded, corrected, (fast_track(),), "Northwind Bio")
    http_server.route("/hook", Response(204))
    client = make_client(clock=real_clock)
    assert client.post("/v1/subscriptions", json={"name": "all", "url": http_server.url("/hook")}).status_code == 201
    assert client.post("/v1/deliveries/replay", json={"subscription": "all", "since": "2026-01-01"}).status_code == 202
    deliver_at(seeded, real_clock())
    assert client.post("/v1/subscriptions/all/test").json()["ok"] is True
    bodies = [json.loads(r.body) for r in http_server.requests_to("/hook")]
    data = catalog(client)
    types = {t["type"]: t["body_schema"] for t in data["types"]}
    kinds = {k["kind"]: k for k in data["kinds"]}
    assert {b["type"] for b in bodies} == set(types)  # every type, really sent
    for body in bodies:
        assert valid(data["webhook_schema"], body)
        assert [t for t, schema in types.items() if valid(schema, body)] == [body["type"]], body["type"]
        if body["type"] == "ir_feed.test":
            continue
        event = body["data"]["event"]
        assert [k for k, info in kinds.items() if valid(info["webhook_schema"], event)] == [event["kind"]]
        assert not valid(kinds[event["kind"]]["webhook_schema"], {**event, "status": "bogus"})
    events = client.get("/v1/events?retracted=true").json()["data"]
    assert {e["kind"] for e in events} == set(kinds) and any(e["retracted"] for e in events)
    for event in events:
        assert [k for k, info in kinds.items() if valid(info["api_schema"], event)] == [event["kind"]]
        assert not valid(kinds[event["kind"]]["api_schema"], {k: v for k, v in event.items() if k != "evidence"})
    for diff in client.get("/v1/diffs").json()["data"]:  # a diff's data is a webhook body's
        event = diff["data"]["event"]
        assert valid(kinds[event["kind"]]["webhook_schema"], event), diff["type"]
        assert valid(types[diff["type"]], {"type": diff["type"], "timestamp": diff["timestamp"], "data": diff["data"]})


def test_the_catalog_is_a_read(engine: Engine, make_client: MakeClient) -> None:
    guarded = api_settings(token="a" * 24, read_token=READER)
    assert make_client(settings=guarded, token=None).get("/v1/event-types").status_code == 401
    assert make_client(settings=guarded, token=READER).get("/v1/event-types").status_code == 200
    assert make_client(settings=api_settings(), token=None).get("/v1/event-types").status_code == 200
