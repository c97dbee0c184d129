"""The kill -9 soak's world and its invariants (bench/soak.py runs it): what the wire
publishes, the facts read back from the database, the receiver and the daemon's log,
and ``check``, which says which invariant each fact breaks (a pure function:
tests/unit/test_soak_checks.py plants each fault it names)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from typing import Any

from sqlalchemy import Engine, func, select

from ir_feed.store.engine import session_factory
from ir_feed.store.tables import (
    DiffRow,
    EventRow,
    FeedEntryRow,
    MessageRow,
    ReleaseRow,
    ReleaseVersionRow,
    SubscriptionRow,
)
from tests.support.gnw import Item, release_page

# -- what the wire publishes ------------------------------------------------------------


@dataclass(frozen=True)
class Issuer:
    company: str
    ticker: str  # on Nasdaq
    prefix: str  # of its product codes
    city: str


ISSUERS = (
    Issuer("Skerry Bio, Inc.", "SKRY", "SKX", "BOSTON"),
    Issuer("Tallow Pharma Inc.", "TLWP", "TLW", "SAN DIEGO"),
    Issuer("Marram Therapeutics, Inc.", "MRRM", "MRM", "CAMBRIDGE, Mass."),
)
# (as written in a release, as the extractor names it); a release's corrections walk this list
DESIGNATIONS = (
    ("Fast Track", "fast_track"),
    ("Orphan Drug", "orphan_drug"),
    ("Breakthrough Therapy", "breakthrough_therapy"),
    ("Rare Pediatric Disease", "rare_pediatric_disease"),
)
INDICATIONS = (
    "idiopathic pulmonary fibrosis",
    "amyotrophic lateral sclerosis",
    "acute myeloid leukemia",
    "Duchenne muscular dystrophy",
    "primary biliary cholangitis",
    "glioblastoma",
)
MAX_VERSIONS = 3  # a release is corrected at most twice (never back to a designation it had)


@dataclass(frozen=True)
class Subscription:
    """A subscription and which diffs it must get, decided from what was published."""

    name: str
    tickers: tuple[str, ...] = ()
    designations: tuple[str, ...] = ()

    def wants(self, issuer: Issuer, designation: str) -> bool:
        return (not self.tickers or f"NASDAQ:{issuer.ticker}" in self.tickers) and (
            not self.designations or designation in self.designations
        )


SUBSCRIPTIONS = (
    Subscription("everything"),
    Subscription("skerry", tickers=("NASDAQ:SKRY",)),
    Subscription("fast-track", designations=("fast_track",)),
)


@dataclass
class Published:
    """One release as the wire carries it: its versions, newest last."""

    n: int
    issuer: Issuer
    product: str
    indication: str
    feeds: tuple[str, ...]
    published_at: datetime
    designations: list[int]  # index into DESIGNATIONS, one per version
    modified: list[datetime]

    @property
    def release_id(self) -> str:
        return str(7_100_000 + self.n)

    @property
    def key(self) -> str:
        return f"globenewswire.com:{self.release_id}"

    @property
    def path(self) -> str:
        return f"/releases/{self.release_id}.html"

    def title(self, version: int | None = None) -> str:
        v = len(self.designations) if version is None else version
        words = DESIGNATIONS[self.designations[v - 1]][0]
        correction = f" (correction {v - 1})" if v > 1 else ""
        return f"{self.issuer.company.split(',')[0]} Receives FDA {words} Designation for {self.product}{correction}"

    def dateline(self) -> str:
        d = self.published_at
        return f"{self.issuer.city}, {d.strftime('%b')}. {d.day:02d}, {d.year} (GLOBE NEWSWIRE) -- "

    def item(self, base_url: str) -> Item:
        return Item(
            self.release_id,
            self.title(),
            f"{self.dateline()}{self.issuer.company} (Nasdaq: {self.issuer.ticker}) today announced a regulatory "
            f"update for {self.product}.",
            tickers=(f"Nasdaq:{self.issuer.ticker}",),
            issuer=self.issuer.company,
            pub_date=format_datetime(self.published_at, usegmt=True),
            modified=format_datetime(self.modified[-1], usegmt=True),
            link=base_url + self.path,
            slug=f"soak-{self.n}",
        )

    def page(self) -> bytes:
        words = DESIGNATIONS[self.designations[-1]][0]
        return release_page(
            self.title(),
            [
                f"{self.dateline()}{self.issuer.company} (Nasdaq: {self.issuer.ticker}), a clinical-stage "
                "biotechnology company, today announced that the U.S. Food and Drug Administration (FDA) has "
                f"granted {words} designation to {self.product} for the treatment of {self.indication}.",
                f"About {self.issuer.company}: a biotechnology company developing medicines for rare diseases.",
            ],
        )


# -- what the receiver got


@dataclass(frozen=True)
class Received:
    subscription: str
    webhook_id: str
    body: bytes
    signed: bool  # the signature verified, on arrival, for the bytes received


# -- facts, and the checks on them ------------------------------------------------------


@dataclass(frozen=True)
class StoredRelease:
    key: str
    title: str
    version: int
    versions: tuple[int, ...]  # release_versions numbers, in order


@dataclass(frozen=True)
class StoredEvent:
    id: int
    key: str
    product: str
    designation: str | None
    retracted: bool


@dataclass(frozen=True)
class StoredDiff:
    id: int
    type: str
    event_id: int
    event_key: str
    release_key: str | None


@dataclass(frozen=True)
class StoredMessage:
    public_id: str
    subscription: str
    diff_id: int
    status: str


@dataclass
class Facts:
    """Everything the checks read: what was published, stored, logged and received."""

    published: list[Published]
    releases: list[StoredRelease]
    release_rows_by_key: dict[str, int]  # rows per key (the unique key says 1; counted anyway)
    entries_awaiting_page: int
    events: list[StoredEvent]
    diffs: list[StoredDiff]
    messages: list[StoredMessage]
    received: list[Received]
    logged_stored: list[tuple[str, int, str]]  # (release, version, kind) of each release_stored line
    subscriptions: tuple[Subscription, ...] = SUBSCRIPTIONS


def read_facts(
    engine: Engine, published: list[Published], received: list[Received], logged: list[tuple[str, int, str]]
) -> Facts:
    """The facts, the database's read now."""
    with session_factory(engine)() as s:
        versions: dict[int, list[int]] = defaultdict(list)
        for release_id, number in s.execute(
            select(ReleaseVersionRow.release_id, ReleaseVersionRow.version).order_by(
                ReleaseVersionRow.release_id, ReleaseVersionRow.version
            )
        ):
            versions[release_id].append(number)
        rows = list(s.execute(select(ReleaseRow.id, ReleaseRow.key, ReleaseRow.title, ReleaseRow.version)))
        releases = [StoredRelease(key, title, version, tuple(versions[rid])) for rid, key, title, version in rows]
        by_key = {key: int(n) for key, n in s.execute(select(ReleaseRow.key, func.count()).group_by(ReleaseRow.key))}
        keys = {rid: key for rid, key, _title, _version in rows}
        awaiting = s.scalar(select(func.count()).select_from(FeedEntryRow).where(FeedEntryRow.complete.is_(False)))
        events = [
            StoredEvent(e.id, e.key, e.product, e.designation, e.retracted)
            for e in s.scalars(select(EventRow).order_by(EventRow.id))
        ]
        diffs = [
            StoredDiff(d.id, d.type, d.event_id, d.event_key, keys.get(d.release_id) if d.release_id else None)
            for d in s.scalars(select(DiffRow).order_by(DiffRow.id))
        ]
        names = {sub_id: name for sub_id, name in s.execute(select(SubscriptionRow.id, SubscriptionRow.name))}
        messages = [
            StoredMessage(m.public_id, names[m.subscription_id], m.diff_id, m.status)
            for m in s.scalars(select(MessageRow).order_by(MessageRow.id))
        ]
    return Facts(
        published=published,
        releases=releases,
        release_rows_by_key=by_key,
        entries_awaiting_page=int(awaiting or 0),
        events=events,
        diffs=diffs,
        messages=messages,
        received=list(received),
        logged_stored=list(logged),
    )


def settled(facts: Facts) -> bool:
    """Everything published is stored at its last version, every page fetched, every
    message delivered and received (the checks then say whether it is all right)."""
    stored = {r.key: r.title for r in facts.releases}
    if any(stored.get(p.key) != p.title() for p in facts.published) or facts.entries_awaiting_page:
        return False
    got = {r.webhook_id for r in facts.received}
    return all(m.status == "delivered" and m.public_id in got for m in facts.messages)


def check(facts: Facts) -> tuple[list[str], dict[str, Any]]:
    """The invariants: (failures, each a sentence; the tally)."""
    failures: list[str] = []

    def fail(what: str, items: list[Any]) -> None:
        if items:
            shown = ", ".join(str(i) for i in items[:5]) + (f" (and {len(items) - 5} more)" if len(items) > 5 else "")
            failures.append(f"{what}: {len(items)}: {shown}")

    published = {p.key: p for p in facts.published}
    by_product = {p.product: p for p in facts.published}
    stored = {r.key: r for r in facts.releases}

    # releases: each once, at its last version
    fail("releases published but not stored", sorted(set(published) - set(stored)))
    fail("releases stored but never published", sorted(set(stored) - set(published)))
    fail("releases stored more than once", sorted(k for k, n in facts.release_rows_by_key.items() if n > 1))
    fail(
        "releases not at their last version's title",
        sorted(k for k, r in stored.items() if k in published and r.title != published[k].title()),
    )
    fail(
        "releases whose versions are not numbered 1..n",
        sorted(k for k, r in stored.items() if r.versions != tuple(range(1, r.version + 1))),
    )
    fail(
        "releases with more versions than were published",
        sorted(k for k, r in stored.items() if k in published and r.version > len(published[k].designations)),
    )
    if facts.entries_awaiting_page:
        failures.append(f"feed entries still awaiting their page: {facts.entries_awaiting_page}")

    # events: one active per release, for its last designation; retracted ones were earlier designations
    events_of: dict[str, list[StoredEvent]] = defaultdict(list)
    for e in facts.events:
        events_of[e.product].append(e)
    fail("events for no published product", sorted({e.key for e in facts.events if e.product not in by_product}))
    wrong_active, wrong_retracted = [], []
    for p in facts.published:
        active = sorted(e.designation or "" for e in events_of[p.product] if not e.retracted)
        if active != [DESIGNATIONS[p.designations[-1]][1]]:
            wrong_active.append(f"{p.product} {active}")
        earlier = {DESIGNATIONS[d][1] for d in p.designations[:-1]}
        wrong_retracted += [e.key for e in events_of[p.product] if e.retracted and e.designation not in earlier]
    fail("releases without exactly one active event for their last designation", wrong_active)
    fail("retracted events that no earlier version stated", wrong_retracted)

    # diffs: one created per event, first; a retracted event ends with its retraction
    diffs_of: dict[int, list[StoredDiff]] = defaultdict(list)
    for d in facts.diffs:
        diffs_of[d.event_id].append(d)
    bad_history = []
    for e in facts.events:
        types = [d.type for d in diffs_of[e.id]]
        if not types or types[0] != "event.created" or types.count("event.created") != 1:
            bad_history.append(f"{e.key} {types}")
        elif e.retracted != (types[-1] == "event.retracted") or types.count("event.retracted") > 1:
            bad_history.append(f"{e.key} {types} retracted={e.retracted}")
    fail("events whose diffs are not one created first (and one retraction last when retracted)", bad_history)
    fail(
        "diffs of no published release",
        [d.id for d in facts.diffs if d.release_key is None or d.release_key not in published],
    )

    # outbox: one message per diff and matching subscription, none for the others; all delivered
    events = {e.id: e for e in facts.events}
    expected: set[tuple[int, str]] = set()
    for d in facts.diffs:
        e = events.get(d.event_id)
        p = by_product.get(e.product) if e else None
        if e is None or p is None:
            continue
        expected |= {(d.id, s.name) for s in facts.subscriptions if s.wants(p.issuer, e.designation or "")}
    actual = Counter((m.diff_id, m.subscription) for m in facts.messages)
    fail("diffs missing a message for a matching subscription", sorted(expected - set(actual)))
    fail("messages for a subscription whose filter does not match", sorted(set(actual) - expected))
    fail("messages queued twice", sorted(k for k, n in actual.items() if n > 1))
    states = Counter(m.status for m in facts.messages)
    fail("messages not delivered", [f"{m.public_id} {m.status}" for m in facts.messages if m.status != "delivered"])

    # the receiver: every message at least once, at its subscription, with its diff's body; nothing else
    messages = {m.public_id: m for m in facts.messages}
    diffs = {d.id: d for d in facts.diffs}
    got = Counter(r.webhook_id for r in facts.received)
    fail("messages never received", sorted(set(messages) - set(got)))
    fail("webhook-ids received that are not in the database", sorted(set(got) - set(messages)))
    fail("requests with a bad signature", [r.webhook_id for r in facts.received if not r.signed])
    bodies: dict[str, bytes] = {}
    misdirected, wrong_body, changed = [], [], []
    for r in facts.received:
        m = messages.get(r.webhook_id)
        if m is None:
            continue
        if r.subscription != m.subscription:
            misdirected.append(f"{r.webhook_id} at {r.subscription}, not {m.subscription}")
        d = diffs[m.diff_id]
        try:
            body = json.loads(r.body)
            ok = (body["type"], body["data"]["event"]["key"], body["data"]["release"]["id"]) == (
                d.type,
                d.event_key,
                d.release_key,
            )
        except (ValueError, KeyError, TypeError):
            ok = False
        if not ok:
            wrong_body.append(r.webhook_id)
        if bodies.setdefault(r.webhook_id, r.body) != r.body:
            changed.append(r.webhook_id)
    fail("messages received at another subscription's URL", misdirected)
    fail("messages whose body is not their diff's", wrong_body)
    fail("webhook-ids received twice with different bodies", changed)

    # the logs: a stored release is logged once committed, and never twice
    committed = {(r.key, v) for r in facts.releases for v in r.versions}
    lines = Counter(facts.logged_stored)
    fail("release_stored lines for versions not in the database", sorted({(k, v) for k, v, _ in lines} - committed))
    fail("release versions logged as stored twice", sorted(k for k, n in lines.items() if n > 1))

    tally = {
        "published": {
            "releases": len(facts.published),
            "versions": sum(len(p.designations) for p in facts.published),
            "corrected": sum(len(p.designations) > 1 for p in facts.published),
            "in_two_feeds": sum(len(p.feeds) > 1 for p in facts.published),
        },
        "stored": {
            "releases": len(facts.releases),
            "versions": sum(len(r.versions) for r in facts.releases),
            "entries_awaiting_page": facts.entries_awaiting_page,
        },
        "events": {
            "active": sum(not e.retracted for e in facts.events),
            "retracted": sum(e.retracted for e in facts.events),
        },
        "diffs": dict(sorted(Counter(d.type for d in facts.diffs).items())),
        "outbox": {
            "messages": len(facts.messages),
            **{s: states.get(s, 0) for s in ("pending", "retrying", "delivered", "dead")},
        },
        "receiver": {
            "requests": len(facts.received),
            "webhook_ids": len(got),
            "received_twice_or_more": sum(n > 1 for n in got.values()),
            "extra_requests": sum(n - 1 for n in got.values()),
            "not_in_database": len(set(got) - set(messages)),
            "bad_signatures": sum(not r.signed for r in facts.received),
        },
        "logs": {"release_stored_lines": len(facts.logged_stored)},
    }
    return failures, tally
