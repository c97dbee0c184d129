"""The web pages people read (events, an event's evidence and history, an issuer's
timeline, feeds, subscriptions and deliveries) and the operator's buttons, served by
the API's own process: no build step, no CDN, nothing fetched from elsewhere.

* :mod:`.pages`    — the read pages (GET), over the API's queries;
* :mod:`.actions`  — sign in and out, and the operator's actions (POST forms);
* :mod:`.session`  — who the visitor is (the API's tokens, carried by a cookie);
* :mod:`.render`   — templates (``templates/``), filters and security headers;
* :mod:`.timeline` — the issuer timeline as SVG (pure);
* :mod:`.evidence` — an evidence sentence inside its paragraph (pure).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from starlette.staticfiles import StaticFiles

from ir_feed.web import actions, pages

STATIC = Path(__file__).resolve().parent / "static"


def install(app: FastAPI) -> None:
    """Serve the pages and their stylesheet from ``app``."""
    app.include_router(pages.router)
    app.include_router(actions.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
