"""The pure halves import without the network stack.

Importing a module runs its package's ``__init__`` first, which static import checks
(``lint-imports``, pyproject's contracts) do not see; so this asks a fresh interpreter what
importing the pure stages, the settings and the store actually loads."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import ir_feed.delivery
import ir_feed.fetch
import ir_feed.services

PURE_AND_STORE = [
    "ir_feed.settings",
    "ir_feed.extract",
    "ir_feed.diff",
    "ir_feed.parse",
    "ir_feed.normalize",
    "ir_feed.delivery.payloads",
    "ir_feed.delivery.slack",
    "ir_feed.delivery.filters",
    "ir_feed.delivery.outgoing",
    "ir_feed.delivery.retry",
    "ir_feed.delivery.contract",
    "ir_feed.fetch.headers",
    "ir_feed.fetch.redact",
    "ir_feed.store.outbox",
    "ir_feed.store.subscriptions",
    "ir_feed.store.queries",
    "ir_feed.store.retention",
    "ir_feed.services.pruning",
    "ir_feed.services.reprocessing",
]
NETWORK = ["aiohttp", "httpx", "httpcore", "ir_feed.delivery.sender", "ir_feed.delivery.transport",
           "ir_feed.fetch.fetcher", "ir_feed.fetch.transport", "ir_feed.services.polling"]  # fmt: skip


def test_pure_stages_settings_and_store_load_no_network_stack() -> None:
    code = (
        "import json, sys\n"
        f"for name in {PURE_AND_STORE!r}: __import__(name)\n"
        f"print(json.dumps([m for m in {NETWORK!r} if m in sys.modules]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert json.loads(out.stdout) == []


@pytest.mark.parametrize("package", [ir_feed.delivery, ir_feed.fetch, ir_feed.services])
def test_every_lazy_export_resolves(package: object) -> None:
    names = package.__all__  # type: ignore[attr-defined]
    assert names and all(getattr(package, name) is not None for name in names)
    assert set(names) <= set(dir(package))
    with pytest.raises(AttributeError):
        package.no_such_name  # type: ignore[attr-defined]  # noqa: B018
