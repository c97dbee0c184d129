"""The Metrics object: its own registry, the names and labels the docs promise,
and the ApiSettings that go with the API (tokens validated and masked)."""

from __future__ import annotations

from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from ir_feed.errors import ConfigError
from ir_feed.metrics import Metrics
from ir_feed.settings import masked, parse_settings


def value(m: Metrics, name: str, **labels: str) -> float | None:
    return m.registry.get_sample_value(name, labels)


def test_each_instance_has_its_own_registry() -> None:
    a, b = Metrics(), Metrics()
    a.poll_finished("ok", 0.2)
    assert value(a, "ir_feed_polls_total", outcome="ok") == 1
    assert value(b, "ir_feed_polls_total", outcome="ok") == 0


def test_service_counters_and_histograms() -> None:
    m = Metrics()
    m.poll_finished("fetch_error", 1.5)
    m.poll_finished("ok", 0.3)
    m.releases_saved({"new": 2, "version": 1, "unchanged": 7, "completed": 0})
    m.diffs_recorded({"event.created": 3, "event.updated": 1})
    m.delivery_finished("delivered", 0.04)
    m.delivery_finished("retrying", 2.0)
    m.delivery_finished("dead", None)  # nothing was sent: no latency
    m.api_request("/v1/events", 200)
    assert value(m, "ir_feed_polls_total", outcome="fetch_error") == 1
    assert value(m, "ir_feed_poll_duration_seconds_count") == 2
    assert value(m, "ir_feed_poll_duration_seconds_sum") == pytest.approx(1.8)
    assert value(m, "ir_feed_poll_duration_seconds_bucket", le="0.5") == 1
    assert value(m, "ir_feed_releases_saved_total", kind="new") == 2
    assert value(m, "ir_feed_releases_saved_total", kind="unchanged") is None
    assert value(m, "ir_feed_diffs_total", type="event.updated") == 1
    assert value(m, "ir_feed_diffs_total", type="event.retracted") == 0
    assert value(m, "ir_feed_deliveries_total", outcome="dead") == 1
    assert value(m, "ir_feed_delivery_duration_seconds_count") == 2
    assert value(m, "ir_feed_api_requests_total", route="/v1/events", status="200") == 1


def test_store_gauges_and_the_text_format() -> None:
    m = Metrics()
    m.set_store(
        releases=10,
        events={"designation": 4},
        diffs=6,
        outbox_depth=3,
        outbox_oldest_age=12.5,
        feeds_failing=1,
        feeds_disabled=2,
    )
    assert value(m, "ir_feed_events_stored", kind="designation") == 4
    assert value(m, "ir_feed_events_stored", kind="trial_start") == 0
    assert value(m, "ir_feed_outbox_oldest_age_seconds") == 12.5
    families = {f.name for f in text_string_to_metric_families(m.render().decode())}
    names = {n for n in families if not n.endswith("_created")}  # the client's creation-time series
    assert names == {
        "ir_feed_polls",
        "ir_feed_poll_duration_seconds",
        "ir_feed_releases_saved",
        "ir_feed_diffs",
        "ir_feed_deliveries",
        "ir_feed_delivery_duration_seconds",
        "ir_feed_api_requests",
        "ir_feed_releases_stored",
        "ir_feed_events_stored",
        "ir_feed_diffs_stored",
        "ir_feed_outbox_depth",
        "ir_feed_outbox_oldest_age_seconds",
        "ir_feed_feeds_failing",
        "ir_feed_feeds_disabled",
        "ir_feed_pruned_rows",
        "ir_feed_prune_runs",
        "ir_feed_prune_last_success_timestamp_seconds",
        "ir_feed_build_info",
        "ir_feed_daemons_live",
        "python_info",
        "process_virtual_memory_bytes",
        "process_resident_memory_bytes",
        "process_start_time_seconds",
        "process_cpu_seconds",
        "process_open_fds",
        "process_max_fds",
    }


def test_the_build_and_the_process_are_measured() -> None:
    from ir_feed import __version__
    from ir_feed.extract import EXTRACTOR_VERSION

    m = Metrics()
    labels = {"version": __version__, "extractor_version": EXTRACTOR_VERSION}
    assert value(m, "ir_feed_build_info", **labels) == 1
    assert value(m, "process_resident_memory_bytes") > 1_000_000  # this very process, read from /proc


def test_pruning_counters_start_at_zero_and_count_rows_by_kind() -> None:
    m = Metrics()
    assert value(m, "ir_feed_pruned_rows_total", kind="diffs") == 0
    assert value(m, "ir_feed_prune_runs_total", outcome="failed") == 0
    m.rows_pruned({"delivered_messages": 500, "delivery_attempts": 612, "diffs": 0})
    m.rows_pruned({"delivered_messages": 20, "delivery_attempts": 20})
    m.prune_finished("failed")
    assert value(m, "ir_feed_prune_last_success_timestamp_seconds") == 0  # none yet
    m.prune_finished("ok", at=1_767_225_600.0)
    m.prune_finished("stopped")
    assert value(m, "ir_feed_pruned_rows_total", kind="delivered_messages") == 520
    assert value(m, "ir_feed_pruned_rows_total", kind="delivery_attempts") == 632
    assert value(m, "ir_feed_pruned_rows_total", kind="diffs") == 0
    assert [value(m, "ir_feed_prune_runs_total", outcome=o) for o in ("ok", "stopped", "failed")] == [1, 1, 1]
    assert value(m, "ir_feed_prune_last_success_timestamp_seconds") == 1_767_225_600.0


def test_api_settings_defaults_validation_and_masking() -> None:
    s = parse_settings({}, base_dir=Path("."))
    assert (s.api.enabled, s.api.host, s.api.port, s.api.max_page_size) == (True, "127.0.0.1", 8080, 200)
    assert s.api.token is None and s.api.read_token is None
    s = parse_settings(
        {"api": {"token": "t" * 32, "read_token": "r" * 32, "public_url": "https://ir.example.com/"}},
        base_dir=Path("."),
    )
    assert s.api.public_url == "https://ir.example.com"
    shown = masked(s)["api"]
    assert shown["token"] == "***" and shown["read_token"] == "***"
    assert "t" * 32 not in repr(s) and "t" * 32 not in str(masked(s))
    assert parse_settings({"api": {"token": "  "}}, base_dir=Path(".")).api.token is None
    with pytest.raises(ConfigError) as info:
        parse_settings(
            {"api": {"token": "two words", "port": 70000, "public_url": "ftp://x", "nope": 1}}, base_dir=Path(".")
        )
    paths = {path for path, _ in info.value.problems}
    assert paths == {"api.token", "api.port", "api.public_url", "api.nope"}
