"""Bad input is a 4xx with its reason, never a 500: times out of range, cursors
naming impossible rows, NUL characters (which PostgreSQL refuses in text) — on
both backends."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from sqlalchemy import Engine

from ir_feed.models import TICKER_FILTER_PATTERN
from tests.integration.api.conftest import ApiClient

EARLY = "0001-01-01T00:00:00%2B05:00"  # before year 1 once in UTC
LATE = "9999-12-31T23:00:00-05:00"  # after year 9999 once in UTC


def cursor(kind: str, position: list[Any]) -> str:
    raw = json.dumps({"k": kind, "p": position}).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def assert_error(r: Any, status: int, code: str, loc: list[str], fragment: str) -> None:
    assert r.status_code == status, r.text
    error = r.json()["error"]
    assert error["code"] == code and fragment in error["message"], error
    assert error["details"][0]["loc"] == loc


@pytest.mark.parametrize(
    ("path", "name"),
    [
        (f"/v1/events?since={EARLY}", "since"),
        (f"/v1/events?until={LATE}", "until"),
        (f"/v1/releases?since={EARLY}", "since"),
        (f"/v1/releases?until={LATE}", "until"),
        (f"/v1/diffs?since={EARLY}", "since"),
        (f"/v1/events.atom?since={EARLY}", "since"),
        (f"/v1/events.json?until={LATE}", "until"),
    ],
)
def test_a_time_out_of_range_in_utc_is_400(seeded: Engine, client: ApiClient, path: str, name: str) -> None:
    r = client.get(path)
    assert_error(r, 400, "invalid_parameter", ["query", name], f"{name}: out of range (years 1 to 9999 in UTC)")


def test_the_extreme_times_that_are_in_range_work(seeded: Engine, client: ApiClient) -> None:
    r = client.get("/v1/events?since=0001-01-01T00:00:00-05:00&until=9999-12-31T23:59:59.999999Z")
    assert r.status_code == 200 and len(r.json()["data"]) == 4
    assert client.get("/v1/releases?since=0001-01-01&until=9999-12-31").status_code == 200
    assert client.get("/v1/diffs?since=9999-12-31T23:59:59Z").json()["data"] == []


@pytest.mark.parametrize(
    "path",
    [
        "/v1/events?cursor=" + cursor("events", ["0001-01-01T00:00:00+05:00", 1]),
        "/v1/events.atom?cursor=" + cursor("events", ["9999-12-31T23:00:00-05:00", 1]),
        "/v1/releases?cursor=" + cursor("releases", ["0001-01-01T00:00:00+05:00", 1]),
        "/v1/events?cursor=" + cursor("events", ["2026-01-01T00:00:00+00:00", 2**63]),
        "/v1/events.json?cursor=" + cursor("events", ["2026-01-01T00:00:00+00:00", 2**64]),
        "/v1/releases?cursor=" + cursor("releases", [None, 2**63]),
        "/v1/releases?cursor=" + cursor("releases", ["2026-01-01T00:00:00+00:00", -1]),
        "/v1/diffs?cursor=" + cursor("diffs", [2**63]),
        "/v1/diffs?cursor=" + cursor("diffs", [10**30]),
        "/v1/diffs?cursor=" + cursor("diffs", [True]),
    ],
)
def test_a_cursor_out_of_range_is_400_invalid_cursor(seeded: Engine, client: ApiClient, path: str) -> None:
    assert_error(client.get(path), 400, "invalid_cursor", ["query", "cursor"], "cursor: malformed")


def test_row_ids_beyond_what_the_backend_stores_are_not_cursors(seeded: Engine, client: ApiClient) -> None:
    # The id columns are 64-bit on both backends (binding more fails on PostgreSQL).
    largest = 2**63 - 1
    at = "2026-03-01T00:00:00+00:00"
    ok = [
        "/v1/events?cursor=" + cursor("events", [at, largest]),
        "/v1/releases?cursor=" + cursor("releases", [at, largest]),
        "/v1/releases?cursor=" + cursor("releases", [None, largest]),
        "/v1/diffs?cursor=" + cursor("diffs", [largest]),
    ]
    for path in ok:
        assert client.get(path).status_code == 200, path
    assert len(client.get(ok[0]).json()["data"]) == 4
    assert client.get(ok[-1]).json()["data"] == []
    for path in ok:  # the same cursors, one past the largest id
        too_far = path.rpartition("=")[0] + "=" + _one_more(path.rpartition("=")[2])
        assert_error(client.get(too_far), 400, "invalid_cursor", ["query", "cursor"], "cursor: malformed")


def _one_more(encoded: str) -> str:
    data = json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    data["p"][-1] += 1
    return cursor(data["k"], data["p"])


@pytest.mark.parametrize(
    "path",
    ["/v1/releases/globenewswire.com%3A1%00", "/v1/events/a%00b", "/v1/events/dif_%00", "/v1/subscriptions/x%00"],
)
def test_a_key_with_nul_is_404(seeded: Engine, client: ApiClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404, r.text
    assert r.json()["error"] == {
        "code": "not_found",
        "message": f"no object with a NUL character in its {'name' if 'subscriptions' in path else 'key'}",
        "details": None,
    }


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/v1/deliveries?subscription=desk%00", "subscription"),
        ("/v1/events?ticker=NWBT%00", "ticker"),
        ("/v1/events.atom?agency=FDA%00", "agency"),
        ("/v1/releases?since=2026-01-01%00", "since"),
        ("/v1/diffs?cursor=%00", "cursor"),
    ],
)
def test_a_query_parameter_with_nul_is_400(seeded: Engine, client: ApiClient, path: str, name: str) -> None:
    assert_error(client.get(path), 400, "invalid_parameter", ["query", name], "must not contain NUL characters")


def test_nul_is_refused_after_authentication(seeded: Engine, client: ApiClient) -> None:
    r = client.get("/v1/deliveries?subscription=desk%00", headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401


@pytest.mark.parametrize("body", [b"{not json", b"\xfaP\x00\xf7", b"\x00"])
@pytest.mark.parametrize("path", ["/v1/subscriptions", "/v1/deliveries/replay"])
def test_a_body_that_is_not_json_is_refused_after_authentication(
    seeded: Engine, client: ApiClient, path: str, body: bytes
) -> None:
    """Schemathesis found a write with no token answered 422 (or 400) about its malformed
    body: FastAPI decodes a body before it solves the dependencies that authenticate."""
    for authorization in ({"Authorization": ""}, {"Authorization": "Bearer wrong"}):
        r = client.post(path, content=body, headers={"content-type": "application/json", **authorization})
        assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized", r.text
        assert r.headers["www-authenticate"].startswith("Bearer")
    r = client.post(path, content=body, headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request", r.text


def test_a_body_that_is_not_utf8_is_an_invalid_body(seeded: Engine, client: ApiClient) -> None:
    """Not the 400 ``invalid_parameter`` "There was an error parsing the body" (no parameter
    is wrong): a 422 about the body, like a JSON syntax error."""
    r = client.post("/v1/subscriptions", content=b"\x95\xca", headers={"content-type": "application/json"})
    assert_error(r, 422, "invalid_request", ["body"], "body: not JSON: the bytes are not UTF-8 text")


@pytest.mark.parametrize(
    ("body", "field", "reason"),
    [
        ({"subscription": "desk", "since": "0001-01-01T00:00:00+05:00"}, "since", "out of range"),
        ({"subscription": "desk", "since": "9999-12-31T23:00:00-05:00"}, "since", "out of range"),
        ({"subscription": "desk\u0000", "since": "2026-01-01"}, "subscription", "must not contain NUL characters"),
        ({"subscription": "desk", "since": "2026-01-01", "ticker": "NWBT\u0000"}, "ticker", "NUL"),
    ],
)
def test_a_replay_body_out_of_range_or_with_nul_is_422(
    seeded: Engine, client: ApiClient, body: dict[str, Any], field: str, reason: str
) -> None:
    r = client.post("/v1/deliveries/replay", json=body)
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["code"] == "invalid_request" and error["message"].startswith(f"body.{field}: ")
    assert reason in error["message"] and error["details"][0]["loc"] == ["body", field]


def test_a_replay_since_with_an_offset_is_taken_in_utc(seeded: Engine, client: ApiClient) -> None:
    assert client.post("/v1/subscriptions", json={"name": "desk", "url": "http://127.0.0.1:9/x"}).status_code == 201
    late = {"subscription": "desk", "since": "2026-03-01T13:00:00+02:00"}  # 11:00 UTC: before NOW (12:00)
    assert client.post("/v1/deliveries/replay", json=late).json()["queued"] == 4
    later = {"subscription": "desk", "since": "2026-03-01T13:00:00"}  # naive: UTC, after NOW
    assert client.post("/v1/deliveries/replay", json=later).json()["queued"] == 0


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"tickers": ["NWBT\u0000"]}, "tickers"),
        ({"agencies": ["FDA\u0000"]}, "agencies"),
        ({"designations": ["fast_track\u0000"]}, "designations"),
    ],
)
def test_a_subscription_with_nul_in_a_filter_is_422(
    seeded: Engine, client: ApiClient, extra: dict[str, Any], field: str
) -> None:
    r = client.post("/v1/subscriptions", json={"name": "desk", "url": "http://127.0.0.1:9/x", **extra})
    assert r.status_code == 422, r.text
    assert r.json()["error"]["message"] == f"body.{field}: Value error, must not contain NUL characters"


@pytest.mark.parametrize("url", ["http://127.0.0.1:99999/x", "http://127.0.0.1:0/x", "https://127.0.0.1:x/"])
def test_a_subscription_url_with_a_bad_port_is_422(seeded: Engine, client: ApiClient, url: str) -> None:
    r = client.post("/v1/subscriptions", json={"name": "desk", "url": url})
    assert r.status_code == 422, r.text
    assert r.json()["error"]["message"] == "body.url: has an invalid port (must be 1-65535)"


@pytest.mark.parametrize("ticker", ["%F0%9F%98%80", "A" * 5000, "NASDAQ:", "a%20b%20c"])
def test_a_ticker_that_is_not_one_is_422(seeded: Engine, client: ApiClient, ticker: str) -> None:
    for path in ("/v1/events", "/v1/releases"):
        r = client.get(f"{path}?ticker={ticker}")
        assert r.status_code == 422, r.text
        assert r.json()["error"]["details"][0]["loc"] == ["query", "ticker"] and len(r.text) < 1000
    # the same labels the CLI and the config take
    assert client.get("/v1/events?ticker=Other%20OTC:NWBT").status_code == 200


def test_a_subscription_ticker_filter_that_is_not_one_is_422(seeded: Engine, client: ApiClient) -> None:
    r = client.post("/v1/subscriptions", json={"name": "desk", "url": "http://127.0.0.1:9/x", "tickers": ["😀"]})
    assert r.status_code == 422, r.text
    assert "not a ticker (SYMBOL or EXCHANGE:SYMBOL" in r.json()["error"]["message"]
    ok = client.post(
        "/v1/subscriptions", json={"name": "desk", "url": "http://127.0.0.1:9/x", "tickers": ["Other OTC:NWBT"]}
    )
    assert ok.status_code == 201, ok.text


def test_a_replay_ticker_is_checked_as_the_body_field_it_is(seeded: Engine, client: ApiClient) -> None:
    """Schemathesis found ``POST /v1/deliveries/replay`` answering a bad ``ticker`` in the
    body with 400 ``query.ticker``, and the document giving that field no pattern."""
    body = {"subscription": "desk", "since": "2026-01-01", "ticker": "\u00811"}
    refused = client.post("/v1/deliveries/replay", json=body)
    assert_error(refused, 422, "invalid_request", ["body", "ticker"], "not a ticker")
    doc = client.get("/openapi.json").json()["components"]["schemas"]["ReplayRequest"]["properties"]["ticker"]
    assert {"pattern": TICKER_FILTER_PATTERN, "maxLength": 62}.items() <= doc["anyOf"][0].items()
    assert client.post("/v1/subscriptions", json={"name": "desk", "url": "http://127.0.0.1:9/x"}).status_code == 201
    replayed = client.post("/v1/deliveries/replay", json={**body, "ticker": "Other OTC:NWBT"})
    assert replayed.status_code == 202 and replayed.json()["queued"] == 0


@pytest.mark.parametrize("ticker", [" NWBT", "NASDAQ:NWBT\n", "NWBT\u2003"])
def test_a_ticker_filter_in_a_body_takes_no_spaces_around_it_as_the_document_says(
    seeded: Engine, client: ApiClient, ticker: str
) -> None:
    """The document gives body ticker filters the query parameter's pattern, which has no
    spaces around the ticker: they were stripped and taken; they are refused like the query's."""
    sub = client.post("/v1/subscriptions", json={"name": "desk", "url": "http://127.0.0.1:9/x", "tickers": [ticker]})
    assert sub.status_code == 422 and "spaces around" in sub.json()["error"]["message"], sub.text
    assert sub.json()["error"]["details"][0]["loc"] == ["body", "tickers", 0]
    body = {"subscription": "desk", "since": "2026-01-01", "ticker": ticker}
    replay = client.post("/v1/deliveries/replay", json=body)
    assert_error(replay, 422, "invalid_request", ["body", "ticker"], "spaces around")
    assert client.get("/v1/events", params={"ticker": ticker}).status_code == 422


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        # pydantic took false as 0: the replaced secrets stopped signing at once (found by
        # Schemathesis's coverage phase, test_api_schema_phases.py)
        ("POST", "/v1/subscriptions/desk/rotate-secret", {"overlap_seconds": False}, "overlap_seconds"),
        ("POST", "/v1/subscriptions/desk/rotate-secret", {"overlap_seconds": "60"}, "overlap_seconds"),
        ("PATCH", "/v1/subscriptions/desk", {"enabled": 0}, "enabled"),  # was a pause
        ("PATCH", "/v1/subscriptions/desk", {"enabled": "yes"}, "enabled"),
        ("POST", "/v1/deliveries/replay", {"subscription": "desk", "since": 0}, "since"),  # was 1970 (Unix time)
    ],
)
def test_a_body_field_of_another_json_type_than_documented_is_422(
    engine: Engine, client: ApiClient, method: str, path: str, body: dict[str, Any], field: str
) -> None:
    assert client.post("/v1/subscriptions", json={"name": "desk", "url": "http://127.0.0.1:9/x"}).status_code == 201
    r = client.request(method, path, json=body)
    assert r.status_code == 422, r.text
    assert r.json()["error"]["details"][0]["loc"] == ["body", field]
    one = client.get("/v1/subscriptions/desk").json()
    assert one["enabled"] is True and one["previous_secrets_expire_at"] is None  # nothing changed


def test_an_integral_overlap_written_as_a_float_is_taken(engine: Engine, client: ApiClient) -> None:
    """JSON Schema's integer includes 60.0; only booleans and strings are refused."""
    assert client.post("/v1/subscriptions", json={"name": "desk", "url": "http://127.0.0.1:9/x"}).status_code == 201
    r = client.post("/v1/subscriptions/desk/rotate-secret", json={"overlap_seconds": 60.0})
    assert r.status_code == 200, r.text
    assert r.json()["previous_secrets_expire_at"] is not None
