"""Fixtures shared by every test tier."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.httpserver import LocalHTTPServer


@pytest.fixture
def http_server() -> Iterator[LocalHTTPServer]:
    """A started :class:`~tests.support.httpserver.LocalHTTPServer` on 127.0.0.1
    (see that module for its API); stopped, with its threads joined, afterwards."""
    with LocalHTTPServer() as server:
        yield server
