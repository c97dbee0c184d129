"""Schemathesis against the API's own OpenAPI document, on every run of the suite.

Every operation of ``/openapi.json`` is called with requests Schemathesis generates
from the document: ones it allows (positive) and ones that break it (negative,
NUL characters included), over a database holding real events, releases, diffs,
feeds, subscriptions and queued deliveries, on both backends, once with the admin
token and once with no token at all.  Every answer must be:

* no 5xx (``not_a_server_error``);
* a status the operation documents (``status_code_conformance``);
* of a documented content type (``content_type_conformance``);
* a body and headers as documented (``response_schema_conformance``,
  ``response_headers_conformance``);
* a 4xx for a request the document does not allow (``negative_data_rejection``);
* a 401 for an operation that needs the token when it is called without it or
  with a wrong one (``ignored_auth``).

A second, positive pass fixes what chance would not find (an existing event key,
release key, subscription name, message id; a public receiver URL; a subscription
that exists), so the success answers of every operation are checked too, and the
run fails if an operation never answered 2xx with the token (a fuzz that meets
only 401s or 404s proves nothing).  Hypothesis is derandomized: the same requests
every run.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.errors import FailureGroup
from schemathesis.hooks import HookContext, HookDispatcher, HookScope
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy import Engine

from ir_feed.api import Health, create_app
from ir_feed.metrics import Metrics
from tests.integration.api.conftest import ADMIN, FT_KEY, NOW, MakeClient, api_settings, seed_feed_health
from tests.integration.api.test_api_admin import public_dns
from tests.support.httpserver import LocalHTTPServer, Response

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    negative_data_rejection,
    ignored_auth,
]
# Per operation and pass; the whole file (25 operations, the admin on 2 backends, anonymous on one): the
# suite's 15-minute budget (derandomized, so every run sends the same requests; Schemathesis' coverage
# phase, test_api_schema_phases.py, walks every parameter's boundaries besides)
EXAMPLES = 20
KNOWN_EXAMPLES = 10
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same requests on every run: a failure is never luck
    database=None,
    # about generating data, not about the API: a slow CI machine must not fail the run
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
RECEIVER = "https://hooks.example.com/fuzzed"  # public through `public_dns`


def seed_the_rest(engine: Engine, make_client: MakeClient, receiver: LocalHTTPServer) -> dict[str, Any]:
    """Beside the seeded events: two feeds (one failing, with a token in its URL),
    subscriptions (``doomed`` is for DELETE, ``desk`` for PATCH, ``keyed`` for secret
    rotations, ``probe`` — a real receiver on 127.0.0.1 — for test messages) and
    ``desk``'s queued deliveries.  Returns the values the known pass fixes, by operation."""
    seed_feed_health(engine)
    admin = make_client(resolver=public_dns)
    receiver.route("/probe", Response(204))
    for name, url in (("desk", RECEIVER), ("doomed", RECEIVER), ("keyed", RECEIVER), ("probe", receiver.url("/probe"))):
        assert admin.post("/v1/subscriptions", json={"name": name, "url": url}).status_code == 201
    assert admin.post("/v1/deliveries/replay", json={"subscription": "desk", "since": "2026-01-01"}).status_code == 202
    message = admin.get("/v1/deliveries").json()["data"][0]["id"]
    return {
        "GET /v1/events/{key}": {"key": FT_KEY},
        "GET /v1/releases/{key}": {"key": "globenewswire.com:1"},
        "GET /v1/subscriptions/{name}": {"name": "desk"},
        "PATCH /v1/subscriptions/{name}": {"name": "desk"},
        "POST /v1/subscriptions/{name}/rotate-secret": {"name": "keyed"},
        "POST /v1/subscriptions/{name}/test": {"name": "probe"},
        "DELETE /v1/subscriptions/{name}": {"name": "doomed"},
        "GET /v1/deliveries/{message_id}": {"message_id": message},
        "POST /v1/deliveries/{message_id}/retry": {"message_id": message},
        "POST /v1/subscriptions": {"url": RECEIVER},
        "POST /v1/deliveries/replay": {"subscription": "desk"},
    }


def with_fields(fields: dict[str, str]) -> HookDispatcher:
    """Hooks that set ``fields`` in each generated JSON body."""
    hooks = HookDispatcher(scope=HookScope.TEST)

    def map_body(_context: HookContext, body: Any) -> Any:
        return {**body, **fields} if isinstance(body, dict) else body

    hooks.register_hook_with_name(map_body, "map_body")
    return hooks


def run(operation: Any, strategy: Any, examples: int, statuses: set[int]) -> str | None:
    """Every check on each case ``strategy`` draws; the failure report, if any."""

    @given(case=strategy)
    @settings(FUZZ_SETTINGS, max_examples=examples)
    def fuzz(case: Any) -> None:
        statuses.add(case.call_and_validate(checks=CHECKS).status_code)

    try:
        fuzz()
    except (Exception, FailureGroup) as exc:  # Schemathesis's failure report, with a curl to reproduce it
        return f"{operation.label}:\n{exc}"
    return None


def negatable(operation: Any) -> bool:
    return bool(len(operation.path_parameters) or len(operation.query) or operation.body)


# The admin's pass reaches every operation on each backend; without a token the answers differ
# only by the authorisation, which no backend changes: one backend for it keeps the suite's time.
@pytest.mark.parametrize(
    ("role", "db_url"),
    [("admin", "sqlite"), pytest.param("admin", "postgresql", marks=pytest.mark.postgres), ("anonymous", "sqlite")],
    indirect=["db_url"],
)
def test_every_answer_to_generated_requests_is_documented_and_no_5xx(
    role: str, seeded: Engine, make_client: MakeClient, http_server: LocalHTTPServer
) -> None:
    known = seed_the_rest(seeded, make_client, http_server)
    app = create_app(
        api_settings(token=ADMIN),
        seeded,
        clock=lambda: NOW,
        health=Health(scheduler_running=None),
        metrics=Metrics(),
        resolver=public_dns,
    )
    token = role == "admin"
    # Without the token no Authorization header is sent at all (not a made-up one).
    config = schemathesis.Config.from_dict({"generation": {"with-security-parameters": token}})
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=config)
    headers = {"Authorization": f"Bearer {ADMIN}"} if token else None
    failures: list[str] = []
    statuses: dict[str, set[int]] = defaultdict(set)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 25
    for op in operations:
        passes = [(op.as_strategy(GenerationMode.POSITIVE, headers=headers), EXAMPLES)]
        if negatable(op):
            passes.append((op.as_strategy(GenerationMode.NEGATIVE, headers=headers), EXAMPLES))
        if (fixed := known.get(op.label)) is not None:
            where = {"path_parameters": fixed} if len(op.path_parameters) else {"hooks": with_fields(fixed)}
            passes.append((op.as_strategy(GenerationMode.POSITIVE, headers=headers, **where), KNOWN_EXAMPLES))
        for cases, examples in passes:
            if (failure := run(op, cases, examples, statuses[op.label])) is not None:
                failures.append(failure)
    assert not failures, f"{len(failures)} failure report(s):\n\n" + "\n\n".join(failures)
    needs_token = {op.label for op in operations if op.path.startswith(("/v1/subscriptions", "/v1/deliveries"))}
    if token:
        never_succeeded = sorted(label for label, seen in statuses.items() if not any(200 <= s < 300 for s in seen))
        assert not never_succeeded, f"never answered 2xx: {never_succeeded} ({statuses})"
    else:
        # 401 before anything else is looked at (a body, a parameter); 404 and 405 are the
        # router's, for a generated path no route serves
        assert all(401 in statuses[label] and statuses[label] <= {401, 404, 405} for label in needs_token), statuses
        opened = {label for label, seen in statuses.items() if any(200 <= s < 300 for s in seen)}
        assert opened == {op.label for op in operations} - needs_token, statuses
