"""Configuration: one frozen, validated settings object, loaded at the edge.

``load_settings(path)`` reads ``config.yaml``, replaces ``${VAR}`` and
``${VAR:-default}`` from the environment, validates everything and raises a
single :class:`~ir_feed.errors.ConfigError` listing every problem with its
path.  Nothing deeper in the code reads the environment or a global: the
settings (or the part a component needs) are passed in.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import unquote_plus, urlsplit, urlunsplit

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

from ir_feed.delivery.formats import FORMATS
from ir_feed.delivery.messages import Format
from ir_feed.delivery.signing import validate_secret
from ir_feed.errors import ConfigError
from ir_feed.fetch.redact import SECRET_NAME
from ir_feed.kinds import EventKind
from ir_feed.models import TICKER_FILTER_PATTERN, ticker_filter

PositiveSeconds = Annotated[float, Field(gt=0, le=86_400)]


def port_problem(url: str) -> str | None:
    """Why the port of ``url`` cannot be used (not a number, or outside 1-65535), or None."""
    try:
        port = urlsplit(url).port  # ValueError: not a number, or above 65535
    except ValueError:
        port = -1
    return "has an invalid port (must be 1-65535)" if port is not None and not 1 <= port <= 65_535 else None


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class HttpSettings(_Model):
    """How we talk to publishers' servers."""

    connect_timeout: PositiveSeconds = 10.0
    read_timeout: PositiveSeconds = 20.0
    deadline: PositiveSeconds = 60.0  # whole fetch, body included: a trickling server cannot hold a poll
    max_bytes: Annotated[int, Field(ge=1024, le=512 * 1024 * 1024)] = 10 * 1024 * 1024
    max_redirects: Annotated[int, Field(ge=0, le=20)] = 5
    user_agent: str = "ir-feed/0.1 (+mailto:ops@example.invalid)"
    max_concurrency: Annotated[int, Field(ge=1, le=256)] = 8  # feeds fetched at once
    per_host_concurrency: Annotated[int, Field(ge=1, le=64)] = 2
    per_host_interval: Annotated[float, Field(ge=0, le=3600)] = 0.5  # min seconds between requests to one host
    page_hosts: tuple[str, ...] = ()  # hosts release pages may come from, beside each feed's own host

    @field_validator("user_agent")
    @classmethod
    def _ua(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("must not be empty")
        # Sent as a header: CR/LF would split it, and httpx sends only ASCII.
        if any(not " " <= ch <= "~" for ch in v.strip()):
            raise ValueError("must be printable ASCII (no line breaks or other control characters)")
        return v.strip()

    @field_validator("page_hosts")
    @classmethod
    def _hosts(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        """``host`` (its default ports), ``host:port`` or ``http(s)://host[:port]``."""
        out = []
        for h in v:
            h = h.strip().lower()
            if not _PAGE_HOST.fullmatch(h):
                raise ValueError(f"{h!r} is not a host, host:port or http(s)://host[:port]")
            out.append(h.rstrip("/"))
        return tuple(out)


_PAGE_HOST = re.compile(
    r"(?:https?://)?(?:\[[0-9a-f:.]+\]|[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff.-]{0,251}[a-z0-9\u00a1-\uffff.])?)"
    r"(?::[0-9]{1,5})?/?"
)


class DatabaseSettings(_Model):
    """Where releases and events live.  A relative SQLite path is resolved next
    to the config file; ``sqlite:///:memory:`` is refused (the daemon needs a file)."""

    url: SecretStr = SecretStr("sqlite:///ir_feed.db")
    echo: bool = False

    @field_validator("url")
    @classmethod
    def _url(cls, v: SecretStr) -> SecretStr:
        raw = v.get_secret_value().strip()
        scheme = raw.split(":", 1)[0].split("+", 1)[0]
        if scheme not in {"sqlite", "postgresql", "postgres"}:
            raise ValueError("must be a sqlite:/// or postgresql:// URL")
        if scheme == "postgres":
            raw = "postgresql" + raw[len("postgres") :]
        # Parsed as the engine will parse it; the messages never echo the URL (it may hold a password).
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            url = make_url(raw)
        except (ArgumentError, ValueError):
            raise ValueError("is not a database URL (sqlite:///path or postgresql://user:pass@host:port/db)") from None
        backend, _, driver = url.drivername.partition("+")
        if driver not in {"", "pysqlite" if backend == "sqlite" else "psycopg"}:
            raise ValueError(f"driver {driver!r} is not supported (use sqlite:/// or postgresql://, psycopg 3)")
        if url.port is not None and not 1 <= url.port <= 65_535:
            raise ValueError("has an invalid port (must be 1-65535)")
        return SecretStr(raw)


_INVISIBLE = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Cn"})
# a feed's or a subscription's name, wherever it is written (the config, the API, the CLI):
# ASCII letters and digits, then also '.', '_' and '-' (at most 100 characters)
NAME = r"[A-Za-z0-9][A-Za-z0-9._-]*"


class FeedSettings(_Model):
    """One feed to poll."""

    name: Annotated[str, Field(min_length=1, max_length=100, pattern=f"^{NAME}$")]
    url: str
    interval: Annotated[float, Field(ge=10, le=7 * 86_400)] = 300.0  # seconds between polls
    jitter: Annotated[float, Field(ge=0, le=3600)] = 15.0  # up to this many seconds added at random
    enabled: bool = True
    full_text: bool = True  # fetch the release page when the feed carries only a summary

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
        v = v.strip()
        hidden = next((ch for ch in v if ch.isspace() or unicodedata.category(ch) in _INVISIBLE), None)
        if hidden is not None:  # pasted from a page: a zero-width space fails every poll later
            raise ValueError(f"contains an invisible character (U+{ord(hidden):04X}); retype the URL")
        parts = urlsplit(v)
        if parts.scheme not in {"http", "https", "file"}:
            raise ValueError("must be an http://, https:// or file:// URL (or a local path)")
        if parts.scheme in {"http", "https"} and not parts.hostname:
            raise ValueError("has no host")
        if parts.scheme in {"http", "https"} and (problem := port_problem(v)):
            raise ValueError(problem)
        return v


class PollingSettings(_Model):
    """The metronome and the failure policy."""

    tick: Annotated[float, Field(ge=0.05, le=600)] = 5.0  # how often the scheduler asks what is due
    max_backoff: Annotated[float, Field(ge=60, le=7 * 86_400)] = 6 * 3600.0  # cap of the failure interval
    min_interval: Annotated[float, Field(ge=1, le=86_400)] = 60.0  # never poll a feed more often
    max_interval: Annotated[float, Field(ge=60, le=7 * 86_400)] = 86_400.0  # max-age/ttl cannot push beyond
    max_items_per_poll: Annotated[int, Field(ge=1, le=10_000)] = 500
    # a poll's claim on its feed, renewed every third of it while the poll runs: the feeds
    # of a daemon that died (kill -9, a lost machine) are polled by the next one after it
    lease: Annotated[float, Field(ge=5, le=3600)] = 60.0
    # daemons on one PostgreSQL beat this often and share each feed host's per_host_interval
    # among those seen within 3.5 beats (services.membership)
    heartbeat: Annotated[float, Field(ge=0.2, le=300)] = 10.0

    @model_validator(mode="after")
    def _order(self) -> PollingSettings:
        if self.min_interval > self.max_interval:
            raise ValueError("min_interval must not exceed max_interval")
        return self


class LoggingSettings(_Model):
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    format: Literal["json", "console"] = "console"


_TickerFilter = Annotated[
    str,
    AfterValidator(ticker_filter),
    Field(json_schema_extra={"pattern": TICKER_FILTER_PATTERN}, description="SYMBOL or EXCHANGE:SYMBOL"),
]


class SubscriptionSettings(_Model):
    """A subscription declared in the config (synced to the database at start).

    A webhook subscription needs ``secret`` (use ``${ENV_VAR}``): one or several
    space-separated ``whsec_`` secrets, newest first, during a rotation.  Secrets are
    generated only by ``ir-feed subscriptions add``, which shows them once."""

    name: Annotated[str, Field(min_length=1, max_length=100, pattern=f"^{NAME}$")]
    url: SecretStr  # a Slack webhook URL is itself a credential
    format: Format = "webhook"
    secret: SecretStr | None = None
    enabled: bool = True
    tickers: tuple[_TickerFilter, ...] = ()
    kinds: tuple[EventKind, ...] = ()
    designations: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    diff_types: tuple[Literal["event.created", "event.updated", "event.retracted"], ...] = ()

    @field_validator("url")
    @classmethod
    def _url(cls, v: SecretStr) -> SecretStr:
        raw = v.get_secret_value().strip()
        parts = urlsplit(raw)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise ValueError("must be an http:// or https:// URL with a host")
        if parts.username or parts.password:
            raise ValueError("must not carry a user name or password")
        if problem := port_problem(raw):
            raise ValueError(problem)
        return SecretStr(raw)

    @field_validator("secret")
    @classmethod
    def _secret(cls, v: SecretStr | None) -> SecretStr | None:
        """Each space-separated secret must be one the signer accepts (``whsec_`` +
        base64 of 24–64 bytes), or every message would go dead; never echoed."""
        if v is None or not v.get_secret_value().strip():
            return None
        parts = v.get_secret_value().split()
        for i, part in enumerate(parts, 1):
            try:
                validate_secret(part)
            except ValueError as exc:
                which = f"secret {i} of {len(parts)}: " if len(parts) > 1 else ""
                raise ValueError(f"{which}{exc} (Standard Webhooks)") from None
        return v

    @model_validator(mode="after")
    def _needs_secret(self) -> SubscriptionSettings:
        if FORMATS[self.format].signed and self.secret is None:
            raise ValueError(f"a {self.format} subscription needs a secret (whsec_..., e.g. from ${{ENV_VAR}})")
        return self


class DeliverySettings(_Model):
    """How diffs reach subscribers."""

    tick: Annotated[float, Field(ge=0.05, le=600)] = 1.0  # how often the outbox is asked what is due
    timeout: Annotated[float, Field(gt=0, le=120)] = 15.0  # per request, whole exchange
    batch: Annotated[int, Field(ge=1, le=10_000)] = 500  # messages claimed per tick
    lease: Annotated[float, Field(ge=5, le=3600)] = 120.0  # a crashed sender's claim expires after this
    max_concurrency: Annotated[int, Field(ge=1, le=1000)] = 64  # requests in flight in all
    max_concurrency_per_subscription: Annotated[int, Field(ge=1, le=256)] = 8
    allow_private_networks: bool = False  # let subscriptions reach loopback / private addresses
    subscriptions: tuple[SubscriptionSettings, ...] = ()

    @model_validator(mode="after")
    def _renewed_in_time(self) -> DeliverySettings:
        # Held messages' leases are renewed on the tick, every third of a lease.
        if self.tick * 3 > self.lease:
            raise ValueError(f"tick ({self.tick:g} s) must be at most a third of lease ({self.lease:g} s)")
        return self

    @model_validator(mode="after")
    def _unique(self) -> DeliverySettings:
        names = [s.name for s in self.subscriptions]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"subscription name(s) used twice: {', '.join(dupes)}")
        return self


class ApiSettings(_Model):
    """The HTTP API (``ir-feed run`` serves it beside the scheduler; ``ir-feed serve`` alone).

    ``token`` guards every write and everything about subscriptions and deliveries;
    without it those endpoints answer 403 (never open).  ``read_token``, when set,
    is required by the read endpoints too (``token`` is accepted for reads as well)."""

    enabled: bool = True
    host: str = "127.0.0.1"
    port: Annotated[int, Field(ge=0, le=65_535)] = 8080  # 0: any free port (tests)
    token: SecretStr | None = None
    read_token: SecretStr | None = None
    max_page_size: Annotated[int, Field(ge=1, le=10_000)] = 200
    public_url: str | None = None  # base URL clients see, for links in the Atom / JSON feeds

    @field_validator("host")
    @classmethod
    def _host(cls, v: str) -> str:
        v = v.strip()
        if not v or "/" in v or any(ch.isspace() for ch in v):
            raise ValueError("must be a host name or address")
        return v

    @field_validator("token", "read_token")
    @classmethod
    def _token(cls, v: SecretStr | None) -> SecretStr | None:
        if v is None or not v.get_secret_value().strip():
            return None
        raw = v.get_secret_value().strip()  # use a long random one: `openssl rand -hex 32`
        if any(ch.isspace() or not ch.isprintable() for ch in raw):
            raise ValueError("must not contain spaces or control characters")
        return SecretStr(raw)

    @field_validator("public_url")
    @classmethod
    def _public_url(cls, v: str | None) -> str | None:
        if v is None or not v.strip():
            return None
        parts = urlsplit(v.strip())
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise ValueError("must be an http:// or https:// URL")
        return v.strip().rstrip("/")


RetentionDays = Annotated[int, Field(ge=0, le=36_500)]


class RetentionSettings(_Model):
    """How long old data is kept, and how the daemon prunes it (docs/operations.md,
    "Data over the years").  Ages are whole days; ``0`` keeps that kind for ever.

    Never pruned, whatever the ages: messages still waiting (pending or retrying),
    a diff any message still refers to, a release's current version, the version an
    event's active support was read from, releases, events and their support."""

    delivered_messages_days: RetentionDays = 30  # delivered outbox messages and their attempts, after delivery
    dead_messages_days: RetentionDays = 90  # dead letters and their attempts, after they died
    old_version_text_days: RetentionDays = 180  # a replaced release version's text, after it was replaced
    diffs_days: RetentionDays = 0  # diffs (the events' history, /v1/diffs), once no message needs them
    interval: Annotated[float, Field(ge=1, le=7 * 86_400)] = 3600.0  # seconds between the daemon's runs
    batch: Annotated[int, Field(ge=1, le=10_000)] = 500  # rows of a kind per transaction (attempts go along)

    @field_validator(
        "delivered_messages_days", "dead_messages_days", "old_version_text_days", "diffs_days", mode="before"
    )
    @classmethod
    def _days(cls, v: Any) -> Any:
        # YAML's `true` would be 1 day and an empty value nothing: both are mistakes.
        if v is None:
            raise ValueError("must be a number of days (0 keeps for ever)")
        if isinstance(v, bool):
            raise ValueError("must be a number of days, not true/false (0 keeps for ever)")
        return v

    @property
    def prunes_anything(self) -> bool:
        """False when every age is 0: everything is kept, the daemon never prunes."""
        return any((self.delivered_messages_days, self.dead_messages_days, self.old_version_text_days, self.diffs_days))


class Settings(_Model):
    """Everything ir_feed is told by its operator."""

    database: DatabaseSettings = DatabaseSettings()
    http: HttpSettings = HttpSettings()
    polling: PollingSettings = PollingSettings()
    logging: LoggingSettings = LoggingSettings()
    feeds: tuple[FeedSettings, ...] = ()
    delivery: DeliverySettings = DeliverySettings()
    api: ApiSettings = ApiSettings()
    retention: RetentionSettings = RetentionSettings()

    @model_validator(mode="after")
    def _unique_feeds(self) -> Settings:
        seen: set[str] = set()
        for feed in self.feeds:
            if feed.name in seen:
                raise ValueError(f"feed name {feed.name!r} is used twice")
            seen.add(feed.name)
        return self

    @property
    def database_url(self) -> str:
        return self.database.url.get_secret_value()

    def feed(self, name: str) -> FeedSettings:
        for f in self.feeds:
            if f.name == name:
                return f
        raise KeyError(name)


_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")


def _interpolate(
    node: Any, env: Mapping[str, str], path: str, problems: list[tuple[str, str]], within: frozenset[int] = frozenset()
) -> Any:
    """``node`` with ``${VAR}`` references replaced.  ``within``: the containers
    ``node`` is inside of; a YAML alias may make one contain itself (``a: &a [*a]``)."""
    if isinstance(node, dict | list) and id(node) in within:
        problems.append((path or "<root>", "contains itself (a recursive YAML alias)"))
        return None
    if isinstance(node, str):

        def sub(m: re.Match[str]) -> str:
            name, default = m.group(1), m.group(2)
            if name in env:
                return env[name]
            if default is not None:
                return default
            problems.append((path or "<root>", f"environment variable {name} is not set"))
            return ""

        return _ENV_REF.sub(sub, node)
    if isinstance(node, dict):
        inner = within | {id(node)}
        return {k: _interpolate(v, env, f"{path}.{k}" if path else str(k), problems, inner) for k, v in node.items()}
    if isinstance(node, list):
        inner = within | {id(node)}
        return [_interpolate(v, env, f"{path}[{i}]", problems, inner) for i, v in enumerate(node)]
    return node


def _loc(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "<root>"


def _resolve_paths(settings: Settings, base: Path) -> Settings:
    """Make relative SQLite paths and feed paths absolute, relative to the config file."""
    db = settings.database_url
    if db.startswith("sqlite:///") and not db.startswith("sqlite:////"):
        rest = db[len("sqlite:///") :]
        if rest and not rest.startswith(":memory:"):
            path, sep, query = rest.partition("?")
            db = f"sqlite:///{(base / path).resolve()}{sep}{query}"
    feeds = []
    for f in settings.feeds:
        url = f.url
        if url.startswith("file:") and not url.startswith("file:///"):
            # file:relative/path.xml (rare): treat the remainder as a path
            url = (base / url[len("file:") :].lstrip("/")).resolve().as_uri()
        feeds.append(f.model_copy(update={"url": url}))
    database = settings.database.model_copy(update={"url": SecretStr(db)})
    return settings.model_copy(update={"database": database, "feeds": tuple(feeds)})


def _feed_paths_to_urls(raw: Any, base: Path) -> None:
    """A feed ``url`` that is a plain local path becomes a file:// URL."""
    if not isinstance(raw, dict) or not isinstance(raw.get("feeds"), list):
        return
    for feed in raw["feeds"]:
        if isinstance(feed, dict) and isinstance(feed.get("url"), str):
            url = feed["url"].strip()
            if url and "://" not in url and not url.startswith("file:"):
                feed["url"] = (base / url).resolve().as_uri()


def _duplicate_feed_names(raw: dict[str, Any]) -> list[tuple[str, str]]:
    feeds = raw.get("feeds")
    if not isinstance(feeds, list):
        return []
    seen: dict[str, int] = {}
    out = []
    for i, feed in enumerate(feeds):
        name = feed.get("name") if isinstance(feed, dict) else None
        if isinstance(name, str):
            if name in seen:
                out.append((f"feeds[{i}].name", f"{name!r} is already used by feeds[{seen[name]}]"))
            else:
                seen[name] = i
    return out


def parse_settings(raw: Any, *, base_dir: Path, env: Mapping[str, str] | None = None) -> Settings:
    """Validate an already-loaded mapping.  Raises ConfigError listing every problem."""
    problems: list[tuple[str, str]] = []
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError([("<root>", "the configuration must be a mapping of sections")])
    try:
        raw = _interpolate(raw, os.environ if env is None else env, "", problems)  # now without cycles
        _feed_paths_to_urls(raw, base_dir)
        problems.extend(_duplicate_feed_names(raw))
        settings = Settings.model_validate(raw)
    except RecursionError:
        raise ConfigError([("<root>", "nested too deeply")]) from None
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            if err["loc"] == () and "used twice" in err["msg"]:
                continue  # already reported by _duplicate_feed_names
            problems.append((_loc(tuple(err["loc"])), err["msg"].removeprefix("Value error, ")))
        raise ConfigError(problems) from None
    if problems:
        raise ConfigError(problems)
    return _resolve_paths(settings, base_dir)


class _UniqueKeyLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that refuses a key given twice in one mapping: YAML would keep
    the last silently, and an operator who wrote two ``feeds:`` meant both."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, Any] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen and key != "<<":
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping", node.start_mark, f"the key {key!r} is given twice", key_node.start_mark
                )
            seen[key] = True
        return super().construct_mapping(node, deep=deep)


def load_settings(path: Path | str, *, env: Mapping[str, str] | None = None) -> Settings:
    """Read and validate a YAML config file."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ConfigError([(str(p), f"cannot read: {exc.strerror or exc}")]) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        reason = f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8"
        raise ConfigError([(f"{p}:{line}", reason)]) from None
    try:
        raw = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{p}:{mark.line + 1}:{mark.column + 1}" if mark is not None else str(p)
        raise ConfigError([(where, f"not valid YAML: {getattr(exc, 'problem', None) or exc}")]) from None
    except RecursionError:
        raise ConfigError([(str(p), "not valid YAML: nested too deeply")]) from None
    return parse_settings(raw, base_dir=p.resolve().parent, env=env)


def masked(settings: Settings) -> dict[str, Any]:
    """The effective configuration as plain data with every secret masked."""
    from sqlalchemy.engine import make_url

    data: dict[str, Any] = settings.model_dump(mode="json")
    data["database"]["url"] = make_url(settings.database_url).render_as_string(hide_password=True)
    for entry, sub in zip(data["delivery"]["subscriptions"], settings.delivery.subscriptions, strict=True):
        entry["url"] = _mask_url(sub.url.get_secret_value())
        entry["secret"] = "***" if sub.secret is not None else None
    for entry in data["feeds"]:
        entry["url"] = _mask_credentials(entry["url"])
    if data["api"]["public_url"]:
        data["api"]["public_url"] = _mask_credentials(data["api"]["public_url"])
    shown: dict[str, Any] = _mask_secrets(data)
    return shown


def _mask_credentials(url: str) -> str:
    """``url`` with its password (or a bare user name, often a token) and the values of
    secret-looking query parameters replaced by ``***``; everything else verbatim.

    Unlike :func:`ir_feed.fetch.redact.redact_url` (for logs), it keeps the user name, the
    other query parameters and the fragment as written, for an operator checking the config;
    the parameter names it masks are the same."""
    parts = urlsplit(url)
    netloc = parts.netloc
    userinfo, at, host = netloc.rpartition("@")
    if at:
        user, colon, _password = userinfo.partition(":")
        netloc = f"{user}:***@{host}" if colon else f"***@{host}"
    pieces = []
    for piece in parts.query.split("&") if parts.query else []:
        name = piece.partition("=")[0]
        pieces.append(f"{name}=***" if SECRET_NAME.search(unquote_plus(name)) else piece)
    return urlunsplit((parts.scheme, netloc, parts.path, "&".join(pieces), parts.fragment))


def _mask_url(url: str) -> str:
    """Keep the scheme and host of a URL; its path may be a credential (Slack)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}{':' + str(parts.port) if parts.port else ''}/***"


_SECRET_KEYS = re.compile(r"(secret|token|password|api_key)", re.I)


def _mask_secrets(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            k: ("***" if isinstance(v, str) and v and _SECRET_KEYS.search(str(k)) else _mask_secrets(v))
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_mask_secrets(v) for v in node]
    return node
