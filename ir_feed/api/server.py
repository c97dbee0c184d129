"""Serving the app with uvicorn inside an event loop we do not own.

``ir-feed run`` serves the API in the daemon's loop, next to the metronome;
``ir-feed serve`` runs only this.  Signals stay with the caller (uvicorn's own
handlers are not installed), and ``port: 0`` picks a free port, read back from
:attr:`ApiServer.port` once started.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Iterator

import uvicorn
from starlette.types import ASGIApp

from ir_feed.errors import IrFeedError
from ir_feed.logs import get_logger


class ApiStartError(IrFeedError):
    """The API could not start listening (e.g. the port is taken)."""


class _Embedded(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:  # the caller owns the signals
        yield


class ApiServer:
    """``await start()`` → listening; ``await stop()`` → in-flight requests finished, closed."""

    def __init__(self, app: ASGIApp, *, host: str, port: int) -> None:
        config = uvicorn.Config(
            app,
            host=host,
            port=port,
            log_config=None,  # our structlog set-up stays in charge
            access_log=False,  # request lines could carry query strings; we count requests instead
            lifespan="off",
            server_header=False,
            timeout_graceful_shutdown=10,
        )
        self._server = _Embedded(config)
        self._task: asyncio.Task[None] | None = None
        self._socket: socket.socket | None = None
        self._log = get_logger(component="api")
        self.host = host
        self.port = port

    def _bind(self) -> socket.socket:
        """Bind here, so a taken port is our error (uvicorn would ``sys.exit`` the process)."""
        try:
            family, kind, proto, _, address = socket.getaddrinfo(
                self.host, self.port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
            )[0]
            sock = socket.socket(family, kind, proto)
        except OSError as exc:
            raise ApiStartError(f"the API cannot listen on {self.host}:{self.port}: {exc.strerror or exc}") from None
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(address)
        except OSError as exc:
            sock.close()
            raise ApiStartError(f"the API cannot listen on {self.host}:{self.port}: {exc.strerror or exc}") from None
        return sock

    async def start(self) -> None:
        self._socket = self._bind()
        self.port = int(self._socket.getsockname()[1])
        self._task = asyncio.create_task(self._server.serve(sockets=[self._socket]), name="ir-feed-api")
        while not self._server.started:
            if self._task.done():
                with contextlib.suppress(BaseException):
                    await self._task
                self._close_socket()
                raise ApiStartError(f"the API could not start on {self.host}:{self.port}")
            await asyncio.sleep(0.01)
        self._log.info("api_started", host=self.host, port=self.port)

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    async def wait(self) -> None:
        """Until the server stops by itself (it should not)."""
        if self._task is not None:
            await asyncio.shield(self._task)

    async def stop(self) -> None:
        if self._task is None:
            return
        self._server.should_exit = True
        with contextlib.suppress(Exception):
            await self._task
        self._task = None
        self._close_socket()
        self._log.info("api_stopped")

    def _close_socket(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None
