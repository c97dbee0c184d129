"""The HTTP API: queries over the event store, outgoing Atom / JSON feeds,
subscriptions and deliveries, health and Prometheus metrics.

``create_app(settings, engine, health=...)`` builds the ASGI app;
:class:`ApiServer` serves it with uvicorn inside a running event loop.
See ``docs/api.md`` for the endpoint reference.
"""

from ir_feed.api.app import create_app
from ir_feed.api.context import Health
from ir_feed.api.server import ApiServer, ApiStartError

__all__ = ["ApiServer", "ApiStartError", "Health", "create_app"]
