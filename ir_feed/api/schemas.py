"""The wire types of the HTTP API (pydantic models; the OpenAPI document is made from them).

They are separate from the database rows (:mod:`ir_feed.store.tables`) and the
domain values (:mod:`ir_feed.events`), and converted at the edge.  Internal row
ids never appear: events are identified by ``key``, releases by their release
``key``, diffs by ``dif_...``, delivery messages by ``msg_...``.

Within version 1, fields may be added, never removed, renamed or retyped.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, create_model, field_validator

from ir_feed.delivery.messages import Format
from ir_feed.kinds import KIND_NAMES, KINDS, EventKind, KindSpec
from ir_feed.kinds.spec import FieldType
from ir_feed.models import TICKER_FILTER_PATTERN, ticker_filter
from ir_feed.settings import NAME

DiffType = Literal["event.created", "event.updated", "event.retracted"]
MessageStatus = Literal["pending", "retrying", "delivered", "dead"]

NAME_PATTERN = f"^{NAME}$"  # a subscription's name: the config's rule (ir_feed.settings.NAME)


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    return isinstance(value, list | tuple) and any(_has_nul(v) for v in value)


class _In(BaseModel):
    """A request body: unknown fields are refused, and so is a NUL character in any
    text (PostgreSQL cannot store or compare it; no name, URL or filter holds one)."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        if _has_nul(value):
            raise ValueError("must not contain NUL characters")
        return value


# -- errors ---------------------------------------------------------------------


class ErrorInfo(_Out):
    code: str = Field(description="stable, machine-readable: not_found, invalid_request, unauthorized, ...")
    message: str = Field(description="what went wrong, for people")
    details: Any = Field(default=None, description="e.g. the invalid parameters, each with its location and reason")


class ErrorBody(_Out):
    error: ErrorInfo


# -- events ---------------------------------------------------------------------


class Issuer(_Out):
    company: str | None
    tickers: list[str] = Field(description="EXCHANGE:SYMBOL (or SYMBOL when no exchange is known)")


class _EventBase(_Out):
    key: str = Field(description="stable natural key of the fact; the event's id in this API")
    announced: bool = Field(description="false when the release only recalls the fact")
    product: str
    status: str
    evidence: str = Field(description="the sentence the event was read from")
    issuer: Issuer
    occurred_at: datetime = Field(description="when the fact was first reported (publication time)")
    retracted: bool


# each kind's fields as /v1/events answers them (a name may be null here: a row stored by an
# older extractor may lack one)
_API_TYPE: dict[FieldType, Any] = {
    "name": str | None,
    "text": str | None,
    "texts": list[str],
    "date": date | None,
    "flag": bool | None,
}


def _model_name(kind: str) -> str:
    """``trial_start`` → ``TrialStartEvent`` (the OpenAPI document's component name)."""
    return "".join(part.capitalize() for part in kind.split("_")) + "Event"


def _event_model(spec: KindSpec) -> type[_EventBase]:
    """The API model of an event of one kind, from its spec: the common fields, ``kind``
    fixed, then the kind's own fields (``product`` and ``status`` are common)."""
    own: dict[str, Any] = {
        name: (_API_TYPE[spec.type_of(name)], ...) for name in spec.fields if name not in ("product", "status")
    }
    kind: Any = Literal[spec.name]  # (a kind's name is known only at run time)
    model: type[_EventBase] = create_model(_model_name(spec.name), __base__=_EventBase, kind=(kind, ...), **own)
    return model


#: Each kind's model, by kind.
EVENT_MODELS: dict[str, type[_EventBase]] = {name: _event_model(spec) for name, spec in KINDS.items()}
Event: Any = Annotated[Union[tuple(EVENT_MODELS.values())], Field(discriminator="kind")]  # noqa: UP007


class EventPage(_Out):
    data: list[Event]
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on the last page")


class CalendarEntry(_Out):
    start: date = Field(description="the first day of the event's window")
    end: date = Field(description="its last day (the first when the window has no end)")
    title: str = Field(description="the event for people, its ticker first (as the Atom feed titles it)")
    release_url: str | None = Field(description="the release that set the event's current state")
    event: Event


class CalendarPage(_Out):
    data: list[CalendarEntry]
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on the last page")


class EventSource(_Out):
    release: str = Field(description="the release's key")
    title: str
    url: str | None
    published_at: datetime | None
    release_version: int
    active: bool = Field(description="false when a later version of the release no longer states it")
    announced: bool
    evidence: str


class DiffData(_Out):
    event: dict[str, Any] = Field(description="the event as published with this diff")
    changes: dict[str, Any] = Field(description="for event.updated: {field: {old, new}}; else {}")
    release: dict[str, Any] = Field(description="the release the diff came from: id (its key), url, title, ...")


class Diff(_Out):
    id: str = Field(description="dif_...")
    type: DiffType
    timestamp: datetime = Field(description="when the change was detected")
    cause: str = Field(description="poll or reprocess")
    extractor_version: str
    data: DiffData


class EventDetail(_Out):
    event: Event
    sources: list[EventSource] = Field(description="the releases supporting the event, oldest first")
    history: list[Diff] = Field(description="every diff of the event, oldest first")


class DiffPage(_Out):
    data: list[Diff]
    next_cursor: str | None = Field(
        description="pass as `cursor` to continue after the last diff returned; given even on a short page "
        "so that a consumer can poll for what comes next"
    )


# -- releases -------------------------------------------------------------------


class ReleaseSummary(_Out):
    key: str
    title: str
    issuer: str | None
    tickers: list[str]
    published_at: datetime | None
    version: int
    full_text: bool = Field(description="false when only the feed's summary could be stored")
    url: str | None
    first_seen_at: datetime


class ReleasePage(_Out):
    data: list[ReleaseSummary]
    next_cursor: str | None


class ReleaseVersion(_Out):
    version: int
    title: str
    content_hash: str
    modified_at: datetime | None
    full_text: bool
    seen_at: datetime


class ReleaseEventRef(_Out):
    key: str
    kind: EventKind
    product: str
    status: str
    retracted: bool
    active: bool = Field(description="whether the release's current version still states it")
    announced: bool


class ReleaseDetail(ReleaseSummary):
    modified_at: datetime | None
    isin: str | None
    language: str | None
    subjects: list[str]
    summary: str
    text: str = Field(description="the current version's text")
    versions: list[ReleaseVersion] = Field(description="oldest first")
    events: list[ReleaseEventRef]


# -- feeds ----------------------------------------------------------------------


class FeedHealth(_Out):
    name: str
    url: str
    enabled: bool
    disabled_reason: str | None
    healthy: bool = Field(description="enabled, and its last poll (if any) succeeded")
    last_outcome: str | None
    last_status: int | None
    last_polled_at: datetime | None
    last_success_at: datetime | None
    consecutive_failures: int
    next_poll_at: datetime | None = Field(description="null for a disabled feed")
    last_error: str | None
    last_warning: str | None = Field(
        description="what the last successful parse put up with (entity declarations, recovered XML errors)"
    )
    polls: int


class FeedList(_Out):
    data: list[FeedHealth]


# -- subscriptions and deliveries ----------------------------------------------


class SubscriptionFilters(_Out):
    tickers: list[str] = []
    kinds: list[str] = []
    designations: list[str] = []
    agencies: list[str] = []
    diff_types: list[str] = []


class Subscription(_Out):
    name: str
    url: str = Field(description="the receiver; a Slack URL is a credential and is shown as scheme://host/***")
    format: Format
    filters: SubscriptionFilters
    enabled: bool
    disabled_reason: str | None
    origin: str = Field(description="config, cli or api")
    failing_since: datetime | None
    last_success_at: datetime | None
    created_at: datetime
    previous_secrets_expire_at: datetime | None = Field(
        default=None,
        description="while a secret rotation's overlap lasts: when the secrets it replaced stop signing; else null",
    )


class SubscriptionList(_Out):
    data: list[Subscription]


class SubscriptionCreated(Subscription):
    secret: str | None = Field(
        description="the generated signing secret (whsec_...), shown this once; null when you gave your own"
    )


_Short = Annotated[str, Field(min_length=1, max_length=100)]


def _exact_ticker_filter(value: str) -> str:
    """``value`` when it is a ticker filter as the document's pattern has it: the
    config strips spaces around one, a request body may not have them."""
    checked = ticker_filter(value)  # the reason when it is no ticker at all
    if checked != value:
        raise ValueError(f"not a ticker: {value[:40]!r} has spaces around it")
    return value


_TickerFilter = Annotated[
    str,
    AfterValidator(_exact_ticker_filter),
    Field(json_schema_extra={"pattern": TICKER_FILTER_PATTERN}, description="SYMBOL or EXCHANGE:SYMBOL"),
]


class SubscriptionCreate(_In):
    """A new subscription.  Empty filters mean everything."""

    name: Annotated[str, Field(min_length=1, max_length=100, pattern=NAME_PATTERN)]
    url: Annotated[str, Field(min_length=1, max_length=2048)]
    format: Format = "webhook"
    secret: Annotated[str, Field(min_length=1, max_length=1024)] | None = Field(
        default=None, description="whsec_... (space-separated for several); generated when omitted"
    )
    tickers: Annotated[list[_TickerFilter], Field(max_length=100)] = []
    kinds: Annotated[list[EventKind], Field(max_length=len(KIND_NAMES))] = []
    designations: Annotated[list[_Short], Field(max_length=100)] = []
    agencies: Annotated[list[_Short], Field(max_length=100)] = []
    diff_types: Annotated[list[DiffType], Field(max_length=3)] = []


def _absent_not_null(schema: dict[str, Any]) -> None:
    """A field that may be left out but not set to null (its default is no value)."""
    schema.pop("default", None)


_FilterList = Annotated[list[_Short], Field(max_length=100)]


class SubscriptionUpdate(_In):
    """A JSON merge patch (RFC 7396) of a subscription's writable fields: a field left
    out keeps its value; a filter set to ``[]`` or ``null`` means everything.  Values
    are checked as for a new subscription."""

    url: Annotated[str, Field(min_length=1, max_length=2048, json_schema_extra=_absent_not_null)] = None  # type: ignore[assignment]
    format: Annotated[Format, Field(json_schema_extra=_absent_not_null)] = None  # type: ignore[assignment]
    secret: Annotated[
        str,
        Field(
            min_length=1,
            max_length=1024,
            description="replaces every signing secret at once (whsec_..., space-separated for several); "
            "for an overlap use rotate-secret",
            json_schema_extra=_absent_not_null,
        ),
    ] = None  # type: ignore[assignment]
    enabled: Annotated[
        bool,
        Field(
            strict=True,  # true or false: not 0, 1 or "yes" (the document says boolean)
            description="false pauses (messages keep queueing), true resumes",
            json_schema_extra=_absent_not_null,
        ),
    ] = None  # type: ignore[assignment]
    tickers: Annotated[list[_TickerFilter], Field(max_length=100)] | None = None
    kinds: Annotated[list[EventKind], Field(max_length=len(KIND_NAMES))] | None = None
    designations: _FilterList | None = None
    agencies: _FilterList | None = None
    diff_types: Annotated[list[DiffType], Field(max_length=3)] | None = None


class SubscriptionUpdated(Subscription):
    secret: str | None = Field(
        description="a generated signing secret (whsec_...) when the subscription became a webhook one without "
        "a secret: shown this once; else null"
    )
    requeued: int = Field(description="messages waiting for a retry made due at once (a new URL)")


class RotateRequest(_In):
    overlap_seconds: Annotated[int, Field(ge=0, le=7 * 86_400)] = Field(
        default=86_400,
        description="how long the replaced secrets keep signing beside the new one (default 24 h, at most "
        "7 days; 0: they stop at once)",
    )

    @field_validator("overlap_seconds", mode="before")
    @classmethod
    def _a_number(cls, value: Any) -> Any:
        """A JSON number, as the document says: not ``false`` or ``"60"``, which pydantic
        would take (``false`` as 0, stopping the replaced secrets at once)."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError("must be an integer")
        return value


class RotateResult(_Out):
    name: str
    secret: str = Field(description="the new signing secret (whsec_...), shown this once")
    previous_secrets_expire_at: datetime | None = Field(
        description="until when the replaced secrets keep signing; null when they stopped at once"
    )


class ProbeAnswer(_Out):
    message_id: str = Field(description="the webhook-id the test message was sent with (no outbox message has it)")
    url: str = Field(description="where it was sent (a Slack URL masked)")
    ok: bool = Field(description="the receiver answered 2xx")
    status: int | None = Field(description="the receiver's HTTP status; null when no answer came")
    latency_ms: int | None = Field(description="from sending to the end of the excerpt; null when nothing was sent")
    error: str | None
    error_kind: str | None = Field(description="status, timeout, connect, blocked, network, invalid_url, ...")
    response_excerpt: str = Field(description="the first KiB of the answer, as text")


class EventKindInfo(_Out):
    kind: EventKind
    description: str
    statuses: list[str] = Field(description="the values of `status` for this kind")
    updated_when: list[str] = Field(description="the fields whose change makes an event.updated diff")
    webhook_schema: dict[str, Any] = Field(
        description="JSON Schema (2020-12) of `data.event` in a webhook body and a diff, for this kind"
    )
    api_schema: dict[str, Any] = Field(description="JSON Schema of the event as /v1/events answers it")


class BodyTypeInfo(_Out):
    type: str = Field(description="the body's `type`: a diff type, or ir_feed.test")
    description: str
    body_schema: dict[str, Any] = Field(description="JSON Schema (2020-12) of a webhook body of this type")


class EventTypes(_Out):
    kinds: list[EventKindInfo] = Field(description="each kind of event")
    types: list[BodyTypeInfo] = Field(description="each `type` a webhook body can have")
    webhook_schema: dict[str, Any] = Field(description="the published schema of every webhook body")


class MessageDiff(_Out):
    id: str = Field(description="dif_...")
    type: DiffType
    event_key: str


class Delivery(_Out):
    id: str = Field(description="msg_...: the webhook-id, the same on every retry")
    subscription: str
    status: MessageStatus
    attempts: int
    next_attempt_at: datetime | None
    last_status: int | None
    last_error: str | None
    diff: MessageDiff
    created_at: datetime
    delivered_at: datetime | None


class DeliveryList(_Out):
    data: list[Delivery]


class DeliveryAttempt(_Out):
    number: int = Field(description="1, 2, ... in the order the attempts were made")
    started_at: datetime
    status: int | None = Field(description="the HTTP status; null when no answer came")
    latency_ms: int
    error: str | None
    error_kind: str | None = Field(description="status, timeout, connect, blocked, network, invalid_url, ...")
    response_excerpt: str = Field(description="the first KiB of the answer, as text")


class DeliveryDetail(Delivery):
    history: list[DeliveryAttempt] = Field(description="every attempt, oldest first")


class ReplayRequest(_In):
    subscription: Annotated[str, Field(min_length=1, max_length=100)]
    since: datetime = Field(description="re-send the diffs recorded since then (ISO-8601; naive means UTC)")
    ticker: Annotated[_TickerFilter, Field(max_length=62)] | None = Field(
        default=None, description="only the diffs of this ticker's events (SYMBOL or EXCHANGE:SYMBOL)"
    )

    @field_validator("since", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        """A string, as the document says: not a number pydantic would take as Unix time."""
        if not isinstance(value, str):
            raise ValueError("must be an ISO-8601 time as a string")
        return value

    @field_validator("since")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        """As aware UTC; a time its offset moves out of years 1-9999 is refused."""
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        try:
            return value.astimezone(UTC)
        except OverflowError:
            raise ValueError("out of range (years 1 to 9999 in UTC)") from None


class ReplayResult(_Out):
    subscription: str
    queued: int = Field(description="messages queued (existing ones keep their webhook-id)")


class RetryResult(_Out):
    id: str
    status: Literal["retrying"]


# -- health ---------------------------------------------------------------------


class Alive(_Out):
    status: Literal["ok"]


class Check(_Out):
    ok: bool
    detail: str


class Readiness(_Out):
    status: Literal["ready", "not_ready"]
    checks: dict[str, Check] = Field(description="database, migrations, scheduler")


# -- JSON Feed 1.1 --------------------------------------------------------------


class JsonFeedAuthor(_Out):
    name: str


class JsonFeedExtension(_Out):
    event: Event
    release: str | None = Field(description="key of the release that set the event's current state")


class JsonFeedItem(_Out):
    model_config = ConfigDict(frozen=True, populate_by_name=True)

    id: str
    url: str | None = None
    title: str
    content_text: str
    summary: str | None = None
    date_published: datetime
    date_modified: datetime
    authors: list[JsonFeedAuthor] | None = None
    tags: list[str] = []
    ir_feed: JsonFeedExtension = Field(alias="_ir_feed", serialization_alias="_ir_feed")


class JsonFeed(_Out):
    """A JSON Feed 1.1 document (https://www.jsonfeed.org/version/1.1/)."""

    version: Literal["https://jsonfeed.org/version/1.1"]
    title: str
    home_page_url: str | None = None
    feed_url: str | None = None
    description: str | None = None
    next_url: str | None = None
    items: list[JsonFeedItem]
