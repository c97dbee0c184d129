"""The OpenAPI document is valid, covers every endpoint, and the answers of the
real app (success and error) match the schemas it declares."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import jsonschema
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from sqlalchemy import Engine

from tests.integration.api.conftest import FT_KEY, ApiClient, MakeClient, api_settings
from tests.integration.api.test_api_admin import public_dns
from tests.support.httpserver import LocalHTTPServer, Response


def _pointer(*parts: str) -> str:
    return "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


class Spec:
    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self.registry: Registry[Any] = Registry().with_resource(
            "urn:openapi", Resource.from_contents(doc, default_specification=DRAFT202012)
        )
        self.checked: set[tuple[str, str]] = set()

    def check(self, method: str, template: str, response: Any) -> None:
        """Validate ``response`` against the schema the document gives for it."""
        status = str(response.status_code)
        operation = self.doc["paths"][template][method.lower()]
        assert status in operation["responses"], f"{method} {template}: {status} is not documented"
        content = operation["responses"][status].get("content")
        if response.status_code == 204:
            assert not response.content and content is None
        else:
            media = response.headers["content-type"].split(";")[0]
            assert content is not None and media in content, f"{method} {template} {status}: {media} undocumented"
            schema = content[media]["schema"]
            if media.endswith("json"):
                ref = "urn:openapi#/" + _pointer("paths", template, method.lower(), "responses", status, "content")
                ref += "/" + _pointer(media, "schema")
                validator = jsonschema.Draft202012Validator(
                    {"$ref": ref}, registry=self.registry, format_checker=jsonschema.FormatChecker()
                )
                errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(response.json())]
                assert not errors, f"{method} {template} {status}: {errors[:3]}"
            else:
                assert schema == {"type": "string"}
        self.checked.add((method.lower(), template))


def test_the_openapi_document_is_valid_and_matches_the_answers(
    seeded: Engine, make_client: MakeClient, http_server: LocalHTTPServer
) -> None:
    client: ApiClient = make_client(resolver=public_dns)
    http_server.route("/probe", Response(500, body=b"no"))
    doc = client.get("/openapi.json").json()
    validate(doc)
    spec = Spec(doc)
    diff_id = client.get("/v1/diffs").json()["data"][0]["id"]
    created = client.post("/v1/subscriptions", json={"name": "desk", "url": "https://hooks.example.com/x"})
    slack = {"name": "slk", "url": "https://hooks.slack.com/services/T/B/C", "format": "slack"}
    assert client.post("/v1/subscriptions", json=slack).status_code == 201
    assert client.post("/v1/subscriptions", json={"name": "probe", "url": http_server.url("/probe")}).status_code == 201
    replay = client.post("/v1/deliveries/replay", json={"subscription": "desk", "since": "2026-01-01"})
    message = client.get("/v1/deliveries").json()["data"][0]["id"]
    unknown = client.post("/v1/deliveries/replay", json={"subscription": "no", "since": "2026-01-01"})
    ekey = quote(FT_KEY, safe="")
    calls: list[tuple[str, str, Any]] = [
        ("GET", "/v1/events", client.get("/v1/events")),
        ("GET", "/v1/events", client.get("/v1/events?limit=1")),
        ("GET", "/v1/events", client.get("/v1/events?limit=0")),
        ("GET", "/v1/events", client.get("/v1/events?cursor=bad")),
        ("GET", "/v1/events/{key}", client.get(f"/v1/events/{ekey}")),
        ("GET", "/v1/events/{key}", client.get(f"/v1/events/{diff_id}")),
        ("GET", "/v1/events/{key}", client.get("/v1/events/none")),
        ("GET", "/v1/events.atom", client.get("/v1/events.atom")),
        ("GET", "/v1/events.atom", client.get("/v1/events.atom?kind=x")),
        ("GET", "/v1/events.json", client.get("/v1/events.json?limit=2")),
        ("GET", "/v1/events.json", client.get("/v1/events.json?since=x")),
        ("GET", "/v1/calendar", client.get("/v1/calendar?from=2026-01-01&limit=1")),
        ("GET", "/v1/calendar", client.get("/v1/calendar?from=2026-05-01&to=2026-04-01")),
        ("GET", "/v1/calendar", client.get("/v1/calendar?from=x")),
        ("GET", "/v1/calendar.ics", client.get("/v1/calendar.ics?from=2026-01-01")),
        ("GET", "/v1/calendar.ics", client.get("/v1/calendar.ics?to=x")),
        ("GET", "/v1/releases", client.get("/v1/releases?limit=1")),
        ("GET", "/v1/releases", client.get("/v1/releases?ticker=%3A")),
        ("GET", "/v1/releases/{key}", client.get("/v1/releases/globenewswire.com:1")),
        ("GET", "/v1/releases/{key}", client.get("/v1/releases/none")),
        ("GET", "/v1/diffs", client.get("/v1/diffs")),
        ("GET", "/v1/diffs", client.get("/v1/diffs?limit=1000")),
        ("GET", "/v1/diffs", client.get("/v1/diffs?ticker=NWBT&kind=designation&subscription=desk")),
        ("GET", "/v1/diffs", client.get("/v1/diffs?subscription=nobody")),
        ("GET", "/v1/event-types", client.get("/v1/event-types")),
        ("GET", "/v1/feeds", client.get("/v1/feeds")),
        ("POST", "/v1/subscriptions", created),
        ("POST", "/v1/subscriptions", client.post("/v1/subscriptions", json={"name": "desk", "url": "https://a.b/"})),
        ("POST", "/v1/subscriptions", client.post("/v1/subscriptions", json={"name": "x"})),
        ("GET", "/v1/subscriptions", client.get("/v1/subscriptions")),
        ("GET", "/v1/subscriptions/{name}", client.get("/v1/subscriptions/desk")),
        ("PATCH", "/v1/subscriptions/{name}", client.patch("/v1/subscriptions/desk", json={"kinds": ["designation"]})),
        ("PATCH", "/v1/subscriptions/{name}", client.patch("/v1/subscriptions/desk", json={"url": "ftp://x/"})),
        ("PATCH", "/v1/subscriptions/{name}", client.patch("/v1/subscriptions/none", json={})),
        ("POST", "/v1/subscriptions/{name}/rotate-secret", client.post("/v1/subscriptions/desk/rotate-secret")),
        ("POST", "/v1/subscriptions/{name}/rotate-secret", client.post("/v1/subscriptions/slk/rotate-secret")),
        ("POST", "/v1/subscriptions/{name}/test", client.post("/v1/subscriptions/probe/test")),
        ("POST", "/v1/subscriptions/{name}/test", client.post("/v1/subscriptions/none/test")),
        ("GET", "/v1/deliveries", client.get("/v1/deliveries")),
        ("POST", "/v1/deliveries/replay", replay),
        ("POST", "/v1/deliveries/replay", unknown),
        ("POST", "/v1/deliveries/replay", client.post("/v1/deliveries/replay", json={"since": "x"})),
        ("GET", "/v1/deliveries/{message_id}", client.get(f"/v1/deliveries/{message}")),
        ("GET", "/v1/deliveries/{message_id}", client.get("/v1/deliveries/msg_01ARZ3NDEKTSV4RRFFQ69G5FAV")),
        ("POST", "/v1/deliveries/{message_id}/retry", client.post(f"/v1/deliveries/{message}/retry")),
        ("DELETE", "/v1/subscriptions/{name}", client.delete("/v1/subscriptions/desk")),
        ("DELETE", "/v1/subscriptions/{name}", client.delete("/v1/subscriptions/desk")),
        ("GET", "/healthz", client.get("/healthz")),
        ("GET", "/readyz", client.get("/readyz")),
        ("GET", "/metrics", client.get("/metrics")),
    ]
    anonymous = make_client(settings=api_settings(token="t" * 20, read_token="r" * 20), token=None)
    calls += [
        ("GET", "/v1/events", anonymous.get("/v1/events")),
        ("GET", "/v1/subscriptions", anonymous.get("/v1/subscriptions")),
        ("GET", "/metrics", anonymous.get("/metrics")),
    ]
    disabled = make_client(settings=api_settings())
    calls += [("GET", "/v1/deliveries", disabled.get("/v1/deliveries"))]
    calls += [("GET", "/v1/diffs", disabled.get("/v1/diffs?subscription=desk"))]
    statuses = {(m, t): set() for m, t, _ in calls}  # type: dict[tuple[str, str], set[int]]
    for method, template, response in calls:
        spec.check(method, template, response)
        statuses[(method, template)].add(response.status_code)
    documented = {(m, p) for p, ops in doc["paths"].items() for m in ops}
    assert documented == spec.checked, f"not exercised: {documented - spec.checked}"
    assert {400, 401, 403, 404, 409, 422} <= {s for ss in statuses.values() for s in ss}


def test_bearer_security_is_declared(seeded: Engine, client: ApiClient) -> None:
    doc = client.get("/openapi.json").json()
    schemes = doc["components"]["securitySchemes"]
    assert [(s["type"], s["scheme"]) for s in schemes.values()] == [("http", "bearer")]
    assert doc["paths"]["/v1/subscriptions"]["post"]["security"] == [{"HTTPBearer": []}]
    # Error answers are documented with the stable shape, not FastAPI's default.
    assert "HTTPValidationError" not in doc["components"]["schemas"]


def test_the_document_says_what_the_running_api_enforces(engine: Engine, make_client: MakeClient) -> None:
    open_reads = make_client().get("/openapi.json").json()
    events = open_reads["paths"]["/v1/events"]["get"]
    assert events["security"] == [{}, {"HTTPBearer": []}]  # a token is taken, not needed
    assert open_reads["paths"]["/v1/subscriptions"]["get"]["security"] == [{"HTTPBearer": []}]
    params = {p["name"]: p["schema"] for p in events["parameters"]}
    assert params["limit"]["maximum"] == 200  # api.max_page_size, as the API answers limit=9999
    assert any(v.get("pattern") == "^eyJ[A-Za-z0-9_-]+$" for v in params["cursor"]["anyOf"])
    guarded = make_client(settings=api_settings(token="a" * 32, read_token="r" * 32, max_page_size=50))
    doc = guarded.get("/openapi.json").json()
    assert doc["paths"]["/v1/events"]["get"]["security"] == [{"HTTPBearer": []}]
    assert {p["name"]: p["schema"] for p in doc["paths"]["/v1/events"]["get"]["parameters"]}["limit"]["maximum"] == 50


def test_options_lists_every_method_of_a_path(engine: Engine, make_client: MakeClient) -> None:
    client = make_client()
    r = client.request("OPTIONS", "/v1/subscriptions")
    assert r.status_code == 204 and r.headers["allow"] == "GET, OPTIONS, POST"
    assert client.request("OPTIONS", "/v1/events").headers["allow"] == "GET, OPTIONS"
    assert client.request("OPTIONS", "/v1/subscriptions/desk").headers["allow"] == "DELETE, GET, OPTIONS, PATCH"
    assert client.request("OPTIONS", "/v1/subscriptions/desk/test").headers["allow"] == "OPTIONS, POST"
    assert client.request("OPTIONS", "/v1/no-such-thing").status_code == 404
    # answering OPTIONS does not turn another method on an unknown path into a 405
    assert client.get("/v1/no-such-thing").status_code == 404
    assert client.post("/v1/events").status_code == 405


def test_a_fixed_path_is_matched_before_a_template_that_fits_it(engine: Engine, make_client: MakeClient) -> None:
    """Schemathesis found ``OPTIONS /v1/deliveries/replay`` allowing GET: the route of
    ``GET /v1/deliveries/{message_id}`` took "replay" as a message id (and answered 422).
    As OpenAPI matches paths, the fixed path comes first: it takes POST only."""
    client = make_client()
    assert client.request("OPTIONS", "/v1/deliveries/replay").headers["allow"] == "OPTIONS, POST"
    for method in ("GET", "HEAD", "DELETE", "PUT"):
        r = client.request(method, "/v1/deliveries/replay")
        assert r.status_code == 405 and r.headers["allow"] == "OPTIONS, POST", (method, r.text)
        if method != "HEAD":
            assert r.json()["error"]["code"] == "method_not_allowed"
    # a message id that is not one is still refused with its reason, and the template's methods stand
    bad = client.get("/v1/deliveries/not-a-message")
    assert bad.status_code == 422 and bad.json()["error"]["details"][0]["loc"] == ["path", "message_id"]
    assert client.request("OPTIONS", "/v1/deliveries/msg_01ARZ3NDEKTSV4RRFFQ69G5FAV").headers["allow"] == "GET, OPTIONS"
    # the templated operation documents that 405: a request to its template can get it
    # (Schemathesis sent GET /v1/deliveries/replay as a message id, sometimes)
    doc = client.get("/openapi.json").json()
    assert "405" in doc["paths"]["/v1/deliveries/{message_id}"]["get"]["responses"]
    assert "405" not in doc["paths"]["/v1/events/{key}"]["get"]["responses"]  # no fixed path fits it
