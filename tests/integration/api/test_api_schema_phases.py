"""Schemathesis's coverage and stateful phases, as ``st run`` runs them, on every run of the suite.

``test_api_schema_fuzz.py`` draws requests from Schemathesis's Hypothesis strategies
(its fuzzing phase).  Here its engine runs the two phases that file does not:

* **coverage**: for every operation, each boundary of each parameter and body field
  (lengths, limits, patterns, enums, required fields left out, wrong types), every
  method the path does not document, and ``OPTIONS``;
* **stateful**: sequences of calls in which one answer feeds the next, through the
  links Schemathesis infers from the document (``POST /v1/subscriptions`` →
  ``GET``/``PATCH``/``DELETE /v1/subscriptions/{name}``, ``rotate-secret``, ``test``;
  ``GET /v1/deliveries`` → one message, its retry ...).

It runs every check the installed Schemathesis has that applies to this API (see
``CHECKS`` and the two left out, ``EXCLUDED``), over the database of the fuzz test
(events, releases, diffs, feeds, subscriptions, queued deliveries), on both backends,
as three clients: with the admin token, with the read-only token (``api.read_token``
set, so reads need a token), and with no token (reads open).  Every failure report
Schemathesis makes fails the test, with the curl that reproduces it.

Seeded and derandomized, with no example database: the same requests every run.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pytest
import schemathesis
from schemathesis.core.failures import Failure
from schemathesis.engine import events, from_schema
from schemathesis.specs.openapi.checks import positive_data_acceptance
from sqlalchemy import Engine

from ir_feed.api import Health, create_app
from ir_feed.metrics import Metrics
from tests.integration.api.conftest import ADMIN, NOW, READER, MakeClient, api_settings
from tests.integration.api.test_api_admin import public_dns
from tests.integration.api.test_api_schema_fuzz import seed_the_rest
from tests.support.httpserver import LocalHTTPServer

# Every check Schemathesis 4.32 offers, but for those in EXCLUDED.  Listed, not "all", so a
# check a later version adds is a decision, not a surprise.
CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "response_headers_conformance",
    "negative_data_rejection",
    # positive_data_acceptance, through `accepted_or_refused_as_documented` below
    "missing_required_header",
    "ignored_auth",
    "unsupported_method",
    "allow_header_conformance",
    "use_after_free",
    "ensure_resource_availability",
]
EXCLUDED = {
    # Wall-clock time: a busy CI machine is no defect of the API (and no test asserts times).
    "max_response_time": "wall clock",
    # Needs several identities each owning objects; the API has one operator (the admin
    # token) who owns every subscription, and the read token sees no object of its own.
    "object_level_authorization": "one owner",
}
SEED = 20261206


def _error(response: Any) -> tuple[str | None, list[dict[str, Any]]]:
    """The error ``code`` of an answer in the API's error shape, and its ``details``."""
    try:
        error = json.loads(response.content)["error"]
    except (ValueError, KeyError, TypeError):
        return None, []
    details = error.get("details")
    return error.get("code"), [d for d in details if isinstance(d, dict)] if isinstance(details, list) else []


# A request the document allows that the API still refuses, for a reason the document
# gives in words because a JSON Schema cannot say it (or not without a pattern on every
# string):
#   400 invalid_cursor: a cursor is opaque; only one the API wrote is one (any string of
#       the cursor's pattern is schema-valid);
#   400 invalid_parameter on `since` / `until`: a time that does not parse, lies outside
#       years 1-9999 in UTC, or an `until` not after `since` (free text, "YYYY-MM-DD or an
#       ISO-8601 time");
#   422 url_refused: a receiver URL the SSRF guard refuses (not http(s), no host, a private
#       address): the guard's policy, not a pattern;
#   422 invalid_request on `secret`: a signing secret is "whsec_..." (base64 of 24 to 64
#       bytes, space-separated for several), which the document says in words;
#   400 / 422 for a NUL character in any text (PostgreSQL cannot store it; docs/api.md).
# Anything else positive_data_acceptance reports fails the test.
def _refused_as_documented(response: Any) -> bool:
    code, details = _error(response)
    where = {"/".join(map(str, d.get("loc", []))) for d in details}
    if details and all("NUL" in str(d.get("msg")) for d in details):
        return response.status_code in (400, 422)
    if response.status_code == 400:
        return code == "invalid_cursor" or (
            code == "invalid_parameter" and bool(where) and where <= {"query/since", "query/until"}
        )
    if response.status_code == 422:
        return code == "url_refused" or (code == "invalid_request" and where == {"body/secret"})
    return False


@schemathesis.check
def accepted_or_refused_as_documented(ctx: Any, response: Any, case: Any) -> bool | None:
    """``positive_data_acceptance``, but for the refusals in ``_refused_as_documented``.
    (A check rather than a filter of the reports: a failure would end a stateful run.)"""
    try:
        return positive_data_acceptance(ctx, response, case)
    except Failure:
        if _refused_as_documented(response):
            return None
        raise


@dataclass
class Run:
    """What one engine run sent and found."""

    failures: list[str] = field(default_factory=list)
    # (phase, method sent, operation label, status)
    answers: Counter[tuple[str, str, str, int]] = field(default_factory=Counter)
    # (phase, check name) of every check that ran
    checks: Counter[tuple[str, str]] = field(default_factory=Counter)
    phases: dict[str, str] = field(default_factory=dict)
    # stateful: (parent operation, its status, child operation, its status)
    chains: Counter[tuple[str, int, str, int]] = field(default_factory=Counter)

    def statuses(self, phase: str, method: str, label: str) -> set[int]:
        return {s for (p, m, lab, s) in self.answers if (p, m, lab) == (phase, method, label)}


def run_phase(app: Any, bearer: str | None, phase: str) -> Run:
    """``st run --phases <phase>`` against ``app`` (in process, through ASGI)."""
    config: dict[str, Any] = {
        "seed": SEED,
        "generation": {"deterministic": True, "database": "none"},
        "checks": {
            **{name: {"enabled": True} for name in CHECKS},
            "positive_data_acceptance": {"enabled": False},
            "accepted_or_refused_as_documented": {"enabled": True},
            "object_level_authorization": {"enabled": False},
        },
        "phases": {
            "examples": {"enabled": False},  # the document has no examples
            "fuzzing": {"enabled": False},  # test_api_schema_fuzz.py
            "coverage": {"enabled": phase == "coverage"},
            "stateful": {"enabled": phase == "stateful"},
        },
    }
    if bearer is not None:
        config["auth"] = {"openapi": {"HTTPBearer": {"bearer": bearer}}}
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=schemathesis.Config.from_dict(config))
    run = Run()
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            _record(run, event)
        elif isinstance(event, events.NonFatalError | events.FatalError):
            run.failures.append(f"engine error: {event}")
        elif isinstance(event, events.PhaseFinished):
            run.phases[event.phase.name.value] = event.status.value
        elif isinstance(event, events.EngineFinished):
            run.failures.extend(f"after the run: {failure}" for failure in event.failures)
    return run


def _record(run: Run, event: events.ScenarioFinished) -> None:
    phase = event.phase.value
    recorder = event.recorder
    for case_id, interaction in recorder.interactions.items():
        if interaction.response is None:
            continue
        node = recorder.cases[case_id]
        status = interaction.response.status_code
        run.answers[(phase, interaction.request.method, node.value.operation.label, status)] += 1
        parent = recorder.interactions.get(node.parent_id) if node.parent_id is not None else None
        if node.parent_id is not None and parent is not None and parent.response is not None:
            parent_label = recorder.cases[node.parent_id].value.operation.label
            run.chains[(parent_label, parent.response.status_code, node.value.operation.label, status)] += 1
    seen: set[str] = set()
    for case_id, nodes in recorder.checks.items():
        for check in nodes:
            run.checks[(phase, check.name)] += 1
            if check.failure_info is not None and check.failure_info.code_sample not in seen:
                seen.add(check.failure_info.code_sample)
                failure = check.failure_info.failure
                response = recorder.interactions[case_id].response
                answer = f"{response.status_code} {response.content[:600]!r}" if response is not None else "no answer"
                run.failures.append(
                    f"[{phase}] {recorder.label}: {check.name}: {failure.title}\n{failure.message}\n"
                    f"{check.failure_info.code_sample}\n→ {answer}"
                )


ROLES = {
    # token, read_token configured; the bearer the client sends
    "admin": ({"token": ADMIN}, ADMIN),
    "reader": ({"token": ADMIN, "read_token": READER}, READER),
    "anonymous": ({"token": ADMIN}, None),
}


def served(engine: Engine, make_client: MakeClient, http_server: LocalHTTPServer, **api: Any) -> Any:
    seed_the_rest(engine, make_client, http_server)
    return create_app(
        api_settings(**api),
        engine,
        clock=lambda: NOW,
        health=Health(scheduler_running=None),
        metrics=Metrics(),
        resolver=public_dns,
    )


ADMIN_PATHS = ("/v1/subscriptions", "/v1/deliveries")


# (each role on SQLite, the admin — who reaches every operation — on PostgreSQL too: the other
# roles' answers differ only by the authorisation, which no backend changes)
@pytest.mark.parametrize(
    ("role", "db_url"),
    [(role, "sqlite") for role in ROLES] + [pytest.param("admin", "postgresql", marks=pytest.mark.postgres)],
    indirect=["db_url"],
)
def test_the_coverage_phase_finds_nothing(
    role: str, seeded: Engine, make_client: MakeClient, http_server: LocalHTTPServer
) -> None:
    api, bearer = ROLES[role]
    run = run_phase(served(seeded, make_client, http_server, **api), bearer, "coverage")
    assert not run.failures, f"{len(run.failures)} failure report(s):\n\n" + "\n\n".join(run.failures)
    assert run.phases["coverage"] == "success", run.phases
    labels = {label for (_, _, label, _) in run.answers}
    assert len(labels) == 25, labels
    paths = {label.split()[1] for label in labels}
    # what allow_header_conformance and unsupported_method looked at: OPTIONS and a method the
    # path does not take, on every path (sent once for all the operations of a path)
    sent = {(m, label.split()[1], status) for (_, m, label, status) in run.answers}
    assert {path for (m, path, status) in sent if m == "OPTIONS" and status == 204} == paths
    assert {path for (m, path, status) in sent if m not in {"OPTIONS", *_methods(labels, path)}} == paths
    assert {status for (m, path, status) in sent if m not in {"OPTIONS", *_methods(labels, path)}} == {405}
    for label in labels:
        method, path = label.split()
        own = run.statuses("coverage", method, label)
        if role != "admin" and path.startswith(ADMIN_PATHS):
            assert 401 in own and not any(200 <= s < 300 for s in own), (label, own)


def _methods(labels: set[str], path: str) -> set[str]:
    return {label.split()[0] for label in labels if label.split()[1] == path}


def test_the_stateful_phase_finds_nothing(
    seeded: Engine, make_client: MakeClient, http_server: LocalHTTPServer
) -> None:
    """With the admin token, through the document's links: a listed subscription's name
    to its read, change, secret rotation, test message and deletion; a queued message's
    id to its retry."""
    run = run_phase(served(seeded, make_client, http_server, token=ADMIN), ADMIN, "stateful")
    assert not run.failures, f"{len(run.failures)} failure report(s):\n\n" + "\n\n".join(run.failures)
    assert run.phases["stateful"] == "success", run.phases
    chained = {(parent, status, child, child_status) for (parent, status, child, child_status) in run.chains}
    for expected in [
        ("GET /v1/subscriptions", 200, "GET /v1/subscriptions/{name}", 200),
        ("GET /v1/subscriptions", 200, "PATCH /v1/subscriptions/{name}", 200),
        ("GET /v1/subscriptions", 200, "POST /v1/subscriptions/{name}/rotate-secret", 200),
        ("GET /v1/subscriptions", 200, "POST /v1/subscriptions/{name}/test", 200),
        ("GET /v1/subscriptions", 200, "DELETE /v1/subscriptions/{name}", 204),
        ("GET /v1/deliveries", 200, "POST /v1/deliveries/{message_id}/retry", 404),
    ]:
        assert expected in chained, (expected, sorted(run.chains.items()))
