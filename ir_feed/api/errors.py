"""Errors as the API answers them: one stable JSON shape, whatever went wrong.

::

    {"error": {"code": "invalid_request", "message": "query.limit: ...", "details": [...]}}

``code`` is stable and meant for programs (``invalid_request``, ``invalid_parameter``,
``invalid_cursor``, ``unauthorized``, ``writes_disabled``, ``not_found``, ``conflict``,
``url_refused``, ``method_not_allowed``, ``database_unavailable``, ``internal_error``);
``message`` is for people.  Bad input is always a 4xx with its reason, never a 500.
Request bodies are never echoed back in ``details`` (they may hold secrets).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from ir_feed.logs import get_logger

_CODES = {
    400: "invalid_parameter",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    503: "unavailable",
}


class ApiError(Exception):
    """Raise from an endpoint to answer ``status`` with the stable error body."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        details: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.details, self.headers = details, dict(headers or {})


def error_response(
    status: int, code: str, message: str, details: Any = None, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    body = {"error": {"code": code, "message": message, "details": details}}
    return JSONResponse(body, status_code=status, headers=dict(headers or {}))


def not_found(what: str) -> ApiError:
    return ApiError(404, "not_found", f"no {what}")


def bad_parameter(name: str, reason: str) -> ApiError:
    return ApiError(400, "invalid_parameter", f"{name}: {reason}", details=[{"loc": ["query", name], "msg": reason}])


def _loc(loc: Sequence[Any]) -> str:
    return ".".join(str(p) for p in loc)


def install(app: FastAPI) -> None:
    log = get_logger(component="api")

    async def api_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiError)
        return error_response(exc.status, exc.code, exc.message, exc.details, exc.headers)

    async def validation_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        details = [
            {"loc": list(err.get("loc", ())), "msg": str(err.get("msg", "")), "type": str(err.get("type", ""))}
            for err in exc.errors()
        ]
        first = details[0] if details else {"loc": [], "msg": "invalid request"}
        message = f"{_loc(first['loc'])}: {first['msg']}" if first["loc"] else str(first["msg"])
        if len(details) > 1:
            message += f" (and {len(details) - 1} more)"
        return error_response(422, "invalid_request", message, details)

    async def http_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 400 and isinstance(exc.__cause__, UnicodeDecodeError):
            # FastAPI's "There was an error parsing the body": bytes that are no UTF-8 JSON,
            # an invalid body like any other (a JSON syntax error is a 422 too)
            reason = "not JSON: the bytes are not UTF-8 text"
            details = [{"loc": ["body"], "msg": reason, "type": "json_invalid"}]
            return error_response(422, "invalid_request", f"body: {reason}", details)
        code = _CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = "no such endpoint"
        return error_response(exc.status_code, code, message, headers=exc.headers)

    async def database_down(request: Request, exc: Exception) -> JSONResponse:
        log.error("api_database_unavailable", path=request.url.path, error=exc.__class__.__name__)
        return error_response(503, "database_unavailable", "the database cannot be reached; try again later")

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(OperationalError, database_down)


async def internal_error(request: Request, exc: Exception) -> JSONResponse:
    """The last resort (a bug): a 500 in the same shape; the traceback goes to the log."""
    get_logger(component="api").error(
        "api_request_crashed", path=request.url.path, error=exc.__class__.__name__, exc_info=exc
    )
    return error_response(500, "internal_error", "internal error")
