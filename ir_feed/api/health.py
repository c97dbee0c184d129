"""``/healthz`` (the process answers), ``/readyz`` (it can do its job), ``/metrics``.

``/readyz`` is 200 when the database answers, its schema is at the migration
head and — in ``ir-feed run`` — the scheduler is running; else 503 with each
check's reason.  Under ``ir-feed serve`` no scheduler runs in the process: the
check reports ``not running in this process`` with ``ok: true``, so an API-only
replica is ready as soon as its database is (the polling daemon is monitored
on its own ``/readyz``).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import text

from ir_feed.api.auth import require_read
from ir_feed.api.context import ApiContext, context
from ir_feed.api.schemas import Alive, ErrorBody, Readiness
from ir_feed.metrics import CONTENT_TYPE
from ir_feed.store.engine import current_revision
from ir_feed.store.stats import store_stats

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Alive, summary="The process is up")
async def healthz() -> dict[str, Any]:
    return {"status": "ok"}


def _checks(ctx: ApiContext) -> dict[str, dict[str, Any]]:
    checks: dict[str, dict[str, Any]] = {}
    try:
        with ctx.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        checks["database"] = {"ok": True, "detail": f"{ctx.engine.dialect.name} reachable"}
        current = current_revision(ctx.engine)
        at_head = current == ctx.head_revision
        checks["migrations"] = {
            "ok": at_head,
            "detail": f"at head {current}" if at_head else f"at {current or 'nothing'}, head is {ctx.head_revision}",
        }
    except Exception as exc:  # any driver error means "not ready", with its class as the reason
        checks["database"] = {"ok": False, "detail": f"unreachable: {exc.__class__.__name__}"}
        checks["migrations"] = {"ok": False, "detail": "unknown: the database is unreachable"}
    running = ctx.health.scheduler_running
    if running is None:
        checks["scheduler"] = {"ok": True, "detail": "not running in this process (ir-feed serve)"}
    else:
        ok = bool(running())
        checks["scheduler"] = {"ok": ok, "detail": "running" if ok else "stopped"}
    return checks


@router.get(
    "/readyz",
    response_model=Readiness,
    responses={503: {"model": Readiness, "description": "not ready: see the failing checks"}},
    summary="Database reachable, schema at head, scheduler running",
)
def readyz(request: Request) -> JSONResponse:
    checks = _checks(context(request))
    ready = all(c["ok"] for c in checks.values())
    body = Readiness.model_validate({"status": "ready" if ready else "not_ready", "checks": checks})
    return JSONResponse(body.model_dump(mode="json"), status_code=200 if ready else 503)


@router.get(
    "/metrics",
    response_class=Response,
    dependencies=[Depends(require_read)],
    responses={
        200: {"content": {"text/plain": {"schema": {"type": "string"}}}, "description": "Prometheus text format"},
        401: {"model": ErrorBody, "description": "a read token is configured and was not given"},
    },
    summary="Prometheus metrics",
)
def metrics(request: Request) -> Response:
    ctx = context(request)
    with ctx.read() as session:
        stats = store_stats(session, ctx.clock())
    ctx.metrics.set_store(
        releases=stats.releases,
        events=stats.events,
        diffs=stats.diffs,
        outbox_depth=stats.outbox_depth,
        outbox_oldest_age=stats.outbox_oldest_age,
        feeds_failing=stats.feeds_failing,
        feeds_disabled=stats.feeds_disabled,
    )
    return Response(content=ctx.metrics.render(), media_type=CONTENT_TYPE)
