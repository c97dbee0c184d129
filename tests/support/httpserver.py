"""A real, scriptable HTTP/1.1 server on 127.0.0.1 for integration tests.

It listens on an ephemeral port and serves from a background thread (one
thread per connection, keep-alive supported), so code under test talks to it
over a real socket exactly as it would talk to a publisher or a webhook
receiver.

Quick start (the ``http_server`` fixture in ``tests/conftest.py`` yields a
started server and stops it afterwards)::

    from tests.support.httpserver import Response

    def test_conditional_get(http_server):
        http_server.route("/feed.xml", Response(200, {"ETag": '"v1"'}, b"<rss/>"))
        url = http_server.url("/feed.xml")        # "http://127.0.0.1:<port>/feed.xml"
        ...                                       # fetch it with the code under test
        (req,) = http_server.requests_to("/feed.xml")
        assert req.headers["user-agent"].startswith("ir-feed")

Without the fixture: ``with LocalHTTPServer() as srv: ...`` (or ``start()`` /
``stop()``); several servers can run at once (e.g. a fast and a slow host).
``LocalHTTPServer(port=p)`` listens on a given port: a receiver that refused
connections (nothing listening) comes back at the same address.

Routes — ``srv.route(path, *responses, method=None)``
    ``path`` is matched against the request path without its query string;
    ``method=None`` matches any method.  A later ``route`` for the same
    path/method replaces the earlier one.  Unrouted requests get a 404.  What to
    serve is one of:

    * one :class:`Response`: served to every request;
    * several :class:`Response` objects: served in turn, the last one repeats
      (``route("/f", Response(503), Response(503), Response(200, body=b"ok"))``
      fails twice, then succeeds);
    * a callable ``handler(request: Request) -> Response`` for dynamic
      behaviour (count calls, compare ``If-None-Match``, look at a POST body).
      It runs in the connection's thread; if it raises, the client gets a 500
      and the exception is kept in ``srv.errors``.

:class:`Response` fields (all optional): ``status`` (200), ``headers`` (a
mapping, or ``(name, value)`` pairs to repeat a header), ``body`` (bytes, or
str encoded as UTF-8), ``gzip`` (compress the body and send
``Content-Encoding: gzip``), ``chunk_size`` / ``chunk_delay`` (send the body
in pieces of that many bytes, sleeping ``chunk_delay`` seconds before each:
a trickling server), ``delay`` (seconds before the status line), ``wait`` (a
``threading.Event``: the response is held until it is set, or the server
stops: a hanging host), ``chunked`` (``Transfer-Encoding: chunked`` instead
of ``Content-Length``; a ``Content-Length`` you put in ``headers`` is sent as
given, even if it lies), ``close`` (close the connection afterwards).

Observing
    ``srv.requests`` — snapshot of every :class:`Request` (``method``,
    ``path`` with query, ``route`` without it, ``query``, ``headers`` as a
    lower-cased dict, ``raw_headers`` pairs, ``body``), in arrival order; ``srv.requests_to(path)``
    filters by path; ``srv.wait_for_requests(n, path=None, timeout=5)`` blocks
    until ``n`` have arrived (from async code:
    ``await asyncio.to_thread(srv.wait_for_requests, 1)``); ``srv.in_flight``
    and ``srv.max_in_flight`` count requests being served at once (from
    arrival until the response is fully written); ``srv.errors`` lists handler
    exceptions; ``srv.reset()`` forgets routes, log and counters.

Stopping releases every held response (``wait``, ``delay``, trickles), closes
open connections and joins all threads, so nothing leaks a ResourceWarning.
"""

from __future__ import annotations

import contextlib
import gzip as _gzip
import socket
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

__all__ = ["Handler", "LocalHTTPServer", "Request", "Response"]

_NO_BODY_STATUSES = frozenset({204, 304})


@dataclass(frozen=True)
class Request:
    """One request as the server received it."""

    method: str
    path: str  # with the query string
    headers: dict[str, str]  # lower-cased names; repeated headers joined with ", "
    raw_headers: tuple[tuple[str, str], ...]
    body: bytes

    @property
    def route(self) -> str:
        """The path without its query string."""
        return urlsplit(self.path).path

    @property
    def query(self) -> str:
        return urlsplit(self.path).query


@dataclass(frozen=True)
class Response:
    """What to answer; see the module docstring for every field."""

    status: int = 200
    headers: Mapping[str, str] | Iterable[tuple[str, str]] = ()
    body: bytes | str = b""
    gzip: bool = False
    chunk_size: int | None = None
    chunk_delay: float = 0.0
    delay: float = 0.0
    wait: threading.Event | None = None
    chunked: bool = False
    close: bool = False

    def header_pairs(self) -> list[tuple[str, str]]:
        items = self.headers.items() if isinstance(self.headers, Mapping) else self.headers
        return [(str(k), str(v)) for k, v in items]

    def body_bytes(self) -> bytes:
        body = self.body.encode("utf-8") if isinstance(self.body, str) else self.body
        return _gzip.compress(body, mtime=0) if self.gzip else body


Handler = Callable[[Request], Response]


@dataclass
class _Route:
    responses: tuple[Response, ...] = ()
    handler: Handler | None = None
    served: int = 0


@dataclass
class _State:
    lock: threading.Condition = field(default_factory=threading.Condition)
    stopping: threading.Event = field(default_factory=threading.Event)
    routes: dict[tuple[str | None, str], _Route] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)
    connections: set[socket.socket] = field(default_factory=set)
    in_flight: int = 0
    max_in_flight: int = 0


class _Server(ThreadingHTTPServer):
    daemon_threads = False  # joined in server_close()
    block_on_close = True

    def __init__(self, state: _State, port: int = 0) -> None:
        self.state = state
        super().__init__(("127.0.0.1", port), _RequestHandler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that went away mid-response is normal in these tests


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 30  # a forgotten keep-alive connection cannot pin a thread for ever
    server: _Server

    def setup(self) -> None:
        super().setup()
        with self.server.state.lock:
            self.server.state.connections.add(self.connection)

    def finish(self) -> None:
        with self.server.state.lock:
            self.server.state.connections.discard(self.connection)
        super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._serve()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_HEAD = do_GET

    def _serve(self) -> None:
        state = self.server.state
        request = Request(
            method=self.command,
            path=self.path,
            headers=_header_dict(self.headers.items()),
            raw_headers=tuple(self.headers.items()),
            body=self._read_body(),
        )
        with state.lock:
            state.requests.append(request)
            state.in_flight += 1
            state.max_in_flight = max(state.max_in_flight, state.in_flight)
            state.lock.notify_all()
        try:
            self._send(self._respond(state, request), head=self.command == "HEAD")
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError):
            self.close_connection = True
        finally:
            with state.lock:
                state.in_flight -= 1

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            parts: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline().strip():  # trailers
                        pass
                    return b"".join(parts)
                parts.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    @staticmethod
    def _respond(state: _State, request: Request) -> Response:
        with state.lock:
            route = state.routes.get((request.method, request.route)) or state.routes.get((None, request.route))
            if route is None:
                return Response(404, {"Content-Type": "text/plain"}, b"no route")
            route.served += 1
            if route.handler is None:
                return route.responses[min(route.served, len(route.responses)) - 1]
            handler = route.handler
        try:
            return handler(request)
        except Exception as exc:  # reported to the test through srv.errors
            with state.lock:
                state.errors.append(exc)
            return Response(500, {"Content-Type": "text/plain"}, b"handler failed", close=True)

    def _pause(self, seconds: float) -> bool:
        """Sleep; False when the server is stopping meanwhile."""
        return not (seconds > 0 and self.server.state.stopping.wait(seconds))

    def _send(self, response: Response, *, head: bool) -> None:
        state = self.server.state
        if not self._pause(response.delay):
            self.close_connection = True
            return
        if response.wait is not None:
            while not response.wait.wait(0.02):
                if state.stopping.is_set():
                    self.close_connection = True
                    return
        body = b"" if response.status in _NO_BODY_STATUSES else response.body_bytes()
        headers = response.header_pairs()
        names = {name.lower() for name, _ in headers}
        chunked = response.chunked and response.status not in _NO_BODY_STATUSES
        self.send_response(response.status)
        for name, value in headers:
            self.send_header(name, value)
        if response.gzip and "content-encoding" not in names:
            self.send_header("Content-Encoding", "gzip")
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        elif "content-length" not in names and response.status not in _NO_BODY_STATUSES:
            self.send_header("Content-Length", str(len(body)))
        if response.close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.flush()
        if head or not body:
            if chunked and not head:
                self.wfile.write(b"0\r\n\r\n")
            return
        size = response.chunk_size or len(body)
        for start in range(0, len(body), size):
            if not self._pause(response.chunk_delay):
                self.close_connection = True
                return
            piece = body[start : start + size]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
            self.wfile.flush()
        if chunked:
            self.wfile.write(b"0\r\n\r\n")


def _header_dict(items: Iterable[tuple[str, str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in items:
        key = name.lower()
        out[key] = f"{out[key]}, {value}" if key in out else value
    return out


class LocalHTTPServer:
    """A scriptable HTTP server on 127.0.0.1; see the module docstring."""

    def __init__(self, port: int = 0) -> None:
        self._state = _State()
        self._port = port  # 0: an ephemeral port
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> LocalHTTPServer:
        if self._server is not None:
            raise RuntimeError("server already started")
        self._state.stopping.clear()
        self._server = _Server(self._state, self._port)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"test-http-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        self._state.stopping.set()
        server.shutdown()
        thread.join()
        with self._state.lock:
            connections = list(self._state.connections)
        for conn in connections:  # wake handler threads blocked reading a keep-alive connection
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        server.server_close()  # closes the listener and joins every handler thread
        self._server = self._thread = None

    def __enter__(self) -> LocalHTTPServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- addresses -------------------------------------------------------------------------

    @property
    def host(self) -> str:
        return "127.0.0.1"

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("server not started")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.base_url + (path if path.startswith("/") else "/" + path)

    # -- scripting -------------------------------------------------------------------------

    def route(self, path: str, *responses: Response | Handler, method: str | None = None) -> None:
        """Serve ``responses`` (in turn, the last repeating) or one handler at ``path``."""
        if not responses:
            raise ValueError("route() needs a Response or a handler")
        key = (method.upper() if method else None, path)
        if len(responses) == 1 and not isinstance(responses[0], Response):
            entry = _Route(handler=responses[0])
        elif all(isinstance(r, Response) for r in responses):
            entry = _Route(responses=tuple(r for r in responses if isinstance(r, Response)))
        else:
            raise TypeError("give either Response objects or a single handler")
        with self._state.lock:
            self._state.routes[key] = entry

    def reset(self) -> None:
        with self._state.lock:
            self._state.routes.clear()
            self._state.requests.clear()
            self._state.errors.clear()
            self._state.max_in_flight = self._state.in_flight

    # -- observing -------------------------------------------------------------------------

    @property
    def requests(self) -> list[Request]:
        with self._state.lock:
            return list(self._state.requests)

    def requests_to(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.route == path]

    def wait_for_requests(self, count: int, path: str | None = None, timeout: float = 5.0) -> list[Request]:
        """Block until ``count`` requests (to ``path``, if given) have arrived."""

        def arrived() -> list[Request]:
            return [r for r in self._state.requests if path is None or r.route == path]

        with self._state.lock:
            if not self._state.lock.wait_for(lambda: len(arrived()) >= count, timeout):
                raise TimeoutError(f"{len(arrived())} of {count} request(s) arrived")
            return arrived()

    @property
    def in_flight(self) -> int:
        with self._state.lock:
            return self._state.in_flight

    @property
    def max_in_flight(self) -> int:
        with self._state.lock:
            return self._state.max_in_flight

    @property
    def errors(self) -> list[BaseException]:
        with self._state.lock:
            return list(self._state.errors)
