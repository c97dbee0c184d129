"""Lazy re-exports for a package's ``__init__`` (PEP 562).

A package such as :mod:`ir_feed.delivery` holds pure modules (payloads, filters, signing) and
edges (the aiohttp transport, the sender).  Importing any one of its modules runs the
package's ``__init__`` first, so an ``__init__`` that imported its edges would load the network
stack into every caller of a pure module — the store, the settings, ``ir-feed extract``.  With
:func:`lazy_exports`, ``from ir_feed.delivery import Dispatcher`` still works, and loads the
sender only then."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(
    namespace: MutableMapping[str, Any], exports: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of the package whose globals are ``namespace``:
    each name of ``exports`` is imported from its submodule (``name -> module``) on first use
    and kept in the package's globals."""
    package = namespace["__name__"]

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(exports))

    return __getattr__, __dir__
