"""The package's public surface is what ``__all__`` says, and every name in it exists."""

from __future__ import annotations

import ir_feed.delivery as delivery


def test_every_exported_name_exists_and_nothing_else_is_public() -> None:
    assert sorted(delivery.__all__) == sorted(set(delivery.__all__))
    for name in delivery.__all__:
        assert getattr(delivery, name) is not None, name
    modules = {
        "contract",
        "errors",
        "filters",
        "formats",
        "subscription",
        "messages",
        "outgoing",
        "payloads",
        "retry",
        "sender",
        "signing",
        "slack",
        "ssrf",
        "transport",
    }
    machinery = {"TYPE_CHECKING", "lazy_exports"}  # the lazy __init__'s own imports (ir_feed/_exports.py)
    public = {n for n in vars(delivery) if not n.startswith("_")} - modules - machinery
    assert public == set(delivery.__all__)
