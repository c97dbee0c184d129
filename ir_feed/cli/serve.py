"""``ir-feed serve``: the HTTP API alone (no polling, no delivery).

For an API replica next to a daemon that polls, or to browse a database.  Its
``/readyz`` reports the scheduler as not running in this process and does not
count that against readiness.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable
from typing import Any

from ir_feed.api import ApiServer, ApiStartError, Health, create_app
from ir_feed.cli._common import CommandError, add_config_arg, guarded, load
from ir_feed.logs import get_logger
from ir_feed.metrics import Metrics
from ir_feed.settings import Settings
from ir_feed.signals import stop_on_signals
from ir_feed.store.engine import prepare


def register(sub: Any) -> None:
    p = sub.add_parser("serve", help="serve the HTTP API only (no polling or delivery)")
    add_config_arg(p)
    p.add_argument("--host", help="listen on this address (default: api.host, 127.0.0.1)")
    p.add_argument("--port", type=int, help="listen on this port (default: api.port, 8080; 0 = any free port)")
    p.set_defaults(handler=guarded(_serve))


async def serve(
    settings: Settings,
    *,
    stop: asyncio.Event | None = None,
    on_started: Callable[[ApiServer], None] | None = None,
) -> None:
    """Serve until ``stop`` is set, SIGINT or SIGTERM; ``on_started`` is told the listening server."""
    stop = stop or asyncio.Event()
    engine = await asyncio.to_thread(prepare, settings)
    try:
        with stop_on_signals(stop):
            app = create_app(settings, engine, health=Health(scheduler_running=None), metrics=Metrics())
            server = ApiServer(app, host=settings.api.host, port=settings.api.port)
            await server.start()
            get_logger(component="api").info("serving", url=server.url)
            try:
                if on_started is not None:
                    on_started(server)
                await stop.wait()
            finally:
                await server.stop()
    finally:
        engine.dispose()


def _serve(args: argparse.Namespace) -> int:
    settings = load(args)
    update: dict[str, Any] = {}
    if args.host:
        update["host"] = args.host
    if args.port is not None:
        if not 0 <= args.port <= 65_535:
            raise CommandError("--port must be between 0 and 65535")
        update["port"] = args.port
    if update:
        settings = settings.model_copy(update={"api": settings.api.model_copy(update=update)})
    try:
        asyncio.run(serve(settings))
    except ApiStartError as exc:
        raise CommandError(str(exc)) from None
    except KeyboardInterrupt:
        return 130
    return 0
