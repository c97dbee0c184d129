"""Prometheus metrics: one :class:`Metrics` object, made at the edge and injected.

The daemon (or ``ir-feed serve``) creates one ``Metrics`` with its own registry
and hands it to the :class:`~ir_feed.services.Poller`, the
:class:`~ir_feed.services.delivering.Deliverer` and the API app.  Nothing reads
a module-level registry, so tests make as many independent instances as they like.

Counters and histograms are fed by the services as things happen; the gauges
that describe what is stored (outbox depth, oldest waiting message, failing
feeds, rows stored) are set from the database when ``/metrics`` is scraped.

=============================================  ==========================================
name                                           meaning
=============================================  ==========================================
``ir_feed_polls_total{outcome}``               feed polls by outcome (ok, not_modified,
                                               fetch_error, parse_error, gone, ...)
``ir_feed_poll_duration_seconds``              one feed's poll, fetch to commit
``ir_feed_releases_saved_total{kind}``         releases written: new, version, completed
``ir_feed_diffs_total{type}``                  event diffs recorded (event.created, ...)
``ir_feed_deliveries_total{outcome}``          delivery attempts: delivered, retrying, dead
``ir_feed_delivery_duration_seconds``          one webhook request, connect to answer
``ir_feed_api_requests_total{route,status}``   API requests answered
``ir_feed_releases_stored``                    releases in the database (at scrape)
``ir_feed_events_stored{kind}``                events in the database (at scrape)
``ir_feed_diffs_stored``                       diffs in the database (at scrape)
``ir_feed_outbox_depth``                       messages waiting: pending or retrying
``ir_feed_outbox_oldest_age_seconds``          age of the oldest waiting message (0: none)
``ir_feed_feeds_failing``                      enabled feeds whose last poll failed
``ir_feed_feeds_disabled``                     feeds disabled (410 Gone, config)
``ir_feed_pruned_rows_total{kind}``            rows retention deleted: delivered_messages,
                                               dead_messages, delivery_attempts, diffs;
                                               version_texts emptied
``ir_feed_prune_runs_total{outcome}``          pruning runs: ok, stopped (by a shutdown),
                                               failed
``ir_feed_prune_last_success_timestamp_seconds``  when the last whole run ended (Unix time;
                                               0: none yet in this process)
``ir_feed_daemons_live``                       daemons sharing the database at the last heartbeat
``ir_feed_build_info{version,extractor_version}``  the running release (always 1)
``process_resident_memory_bytes``, ``process_cpu_seconds_total``, ``process_open_fds``,
``process_start_time_seconds``, ``python_info``    the process (prometheus_client's collectors)
=============================================  ==========================================
"""

from __future__ import annotations

from collections.abc import Mapping

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    Info,
    PlatformCollector,
    ProcessCollector,
    generate_latest,
)
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from ir_feed import __version__
from ir_feed.extract import EXTRACTOR_VERSION
from ir_feed.kinds import KIND_NAMES

__all__ = ["CONTENT_TYPE", "PRUNED_KINDS", "Metrics"]

#: The Prometheus text exposition format's media type.
CONTENT_TYPE = CONTENT_TYPE_LATEST

#: What retention deletes (``ir_feed.store.retention.PruneCounts``' fields).
PRUNED_KINDS = ("delivered_messages", "dead_messages", "delivery_attempts", "diffs", "version_texts")

_POLL_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0)
_DELIVERY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 15.0, 30.0)


class Metrics:
    """The process's metrics, in a registry of their own."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry if registry is not None else CollectorRegistry(auto_describe=True)
        r = self.registry
        # the process (resident memory, CPU seconds, open files, start time: Linux's /proc)
        # and the build, for dashboards that compare releases and spot a leak
        ProcessCollector(registry=r)
        PlatformCollector(registry=r)
        Info("ir_feed_build", "The running ir_feed and its extractor.", registry=r).info(
            {"version": __version__, "extractor_version": EXTRACTOR_VERSION}
        )
        self._polls = Counter("ir_feed_polls", "Feed polls by outcome.", ["outcome"], registry=r)
        self._poll_seconds = Histogram(
            "ir_feed_poll_duration_seconds", "Duration of one feed's poll.", buckets=_POLL_BUCKETS, registry=r
        )
        self._releases = Counter("ir_feed_releases_saved", "Releases written, by kind.", ["kind"], registry=r)
        self._diffs = Counter("ir_feed_diffs", "Event diffs recorded, by type.", ["type"], registry=r)
        self._deliveries = Counter("ir_feed_deliveries", "Delivery attempts by outcome.", ["outcome"], registry=r)
        self._delivery_seconds = Histogram(
            "ir_feed_delivery_duration_seconds",
            "Duration of one delivery request.",
            buckets=_DELIVERY_BUCKETS,
            registry=r,
        )
        self._api = Counter("ir_feed_api_requests", "API requests answered.", ["route", "status"], registry=r)
        self._releases_stored = Gauge("ir_feed_releases_stored", "Releases in the database.", registry=r)
        self._events_stored = Gauge("ir_feed_events_stored", "Events in the database, by kind.", ["kind"], registry=r)
        self._diffs_stored = Gauge("ir_feed_diffs_stored", "Diffs in the database.", registry=r)
        self._outbox_depth = Gauge("ir_feed_outbox_depth", "Outbox messages pending or retrying.", registry=r)
        self._outbox_age = Gauge(
            "ir_feed_outbox_oldest_age_seconds", "Age of the oldest waiting outbox message (0: none).", registry=r
        )
        self._feeds_failing = Gauge("ir_feed_feeds_failing", "Enabled feeds whose last poll failed.", registry=r)
        self._feeds_disabled = Gauge("ir_feed_feeds_disabled", "Feeds that are disabled.", registry=r)
        self._daemons = Gauge(
            "ir_feed_daemons_live", "Daemons sharing the database, as this one counted them last.", registry=r
        )
        self._daemons.set(1)
        self._pruned = Counter("ir_feed_pruned_rows", "Rows deleted by retention, by kind.", ["kind"], registry=r)
        self._prune_runs = Counter("ir_feed_prune_runs", "Pruning runs by outcome.", ["outcome"], registry=r)
        self._prune_success = Gauge(
            "ir_feed_prune_last_success_timestamp_seconds",
            "Unix time the last whole pruning run ended (0: none yet).",
            registry=r,
        )
        # Known label values start at zero, so rate() works from the first scrape.
        for outcome in ("ok", "not_modified", "fetch_error", "parse_error", "gone", "store_error", "internal_error"):
            self._polls.labels(outcome=outcome)
        for outcome in ("delivered", "retrying", "dead"):
            self._deliveries.labels(outcome=outcome)
        for kind in ("new", "version", "completed"):
            self._releases.labels(kind=kind)
        for diff_type in ("event.created", "event.updated", "event.retracted"):
            self._diffs.labels(type=diff_type)
        for kind in PRUNED_KINDS:
            self._pruned.labels(kind=kind)
        for outcome in ("ok", "stopped", "failed"):
            self._prune_runs.labels(outcome=outcome)

    # -- fed by the services ---------------------------------------------------

    def poll_finished(self, outcome: str, seconds: float) -> None:
        self._polls.labels(outcome=outcome).inc()
        self._poll_seconds.observe(max(0.0, seconds))

    def releases_saved(self, counts: Mapping[str, int]) -> None:
        """``{"new": 2, "version": 1, ...}``; ``unchanged`` is not a write and is ignored."""
        for kind, n in counts.items():
            if n and kind != "unchanged":
                self._releases.labels(kind=kind).inc(n)

    def diffs_recorded(self, counts: Mapping[str, int]) -> None:
        for diff_type, n in counts.items():
            if n:
                self._diffs.labels(type=diff_type).inc(n)

    def delivery_finished(self, outcome: str, seconds: float | None) -> None:
        """One attempt's outcome; ``seconds`` None when nothing was sent (an unsendable message)."""
        self._deliveries.labels(outcome=outcome).inc()
        if seconds is not None:
            self._delivery_seconds.observe(max(0.0, seconds))

    def rows_pruned(self, counts: Mapping[str, int]) -> None:
        """One committed pruning batch: ``{"delivered_messages": 500, "delivery_attempts": 512, ...}``."""
        for kind, n in counts.items():
            if n:
                self._pruned.labels(kind=kind).inc(n)

    def prune_finished(self, outcome: str, *, at: float | None = None) -> None:
        """A pruning run ended: ``ok`` (then ``at``, its Unix time), ``stopped`` or ``failed``."""
        self._prune_runs.labels(outcome=outcome).inc()
        if outcome == "ok" and at is not None:
            self._prune_success.set(at)

    def daemons_seen(self, count: int) -> None:
        """The daemons alive at this one's last heartbeat (itself included)."""
        self._daemons.set(count)

    def api_request(self, route: str, status: int) -> None:
        self._api.labels(route=route, status=str(status)).inc()

    # -- set from the database at scrape time ----------------------------------

    def set_store(
        self,
        *,
        releases: int,
        events: Mapping[str, int],
        diffs: int,
        outbox_depth: int,
        outbox_oldest_age: float,
        feeds_failing: int,
        feeds_disabled: int,
    ) -> None:
        self._releases_stored.set(releases)
        for kind in {*KIND_NAMES, *events}:
            self._events_stored.labels(kind=kind).set(events.get(kind, 0))
        self._diffs_stored.set(diffs)
        self._outbox_depth.set(outbox_depth)
        self._outbox_age.set(max(0.0, outbox_oldest_age))
        self._feeds_failing.set(feeds_failing)
        self._feeds_disabled.set(feeds_disabled)

    def render(self) -> bytes:
        """The registry in the Prometheus text format."""
        return generate_latest(self.registry)
