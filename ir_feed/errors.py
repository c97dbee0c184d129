"""The one error tree of ir_feed.

::

    IrFeedError
    ├── ConfigError                  invalid configuration; carries every problem found
    ├── FetchError                   anything that went wrong getting bytes from a URL
    │   ├── TransientFetchError      worth retrying later (with backoff)
    │   │   ├── FetchTimeout         connect/read timeout or the overall deadline passed
    │   │   ├── FetchConnectError    DNS, refused, reset, TLS
    │   │   │   └── UnresolvedHost   a name that does not resolve (yet): never a reason to disable
    │   │   └── RetryableStatus      429, 5xx (carries retry_after when the server sent one)
    │   └── PermanentFetchError      retrying the same request will not help
    │       ├── BadStatus            other 4xx
    │       ├── FeedGone             410 Gone: the feed is disabled with a reason
    │       ├── ResponseTooLarge     body (decoded) over the configured cap
    │       ├── TooManyRedirects     redirect chain longer than allowed
    │       └── BlockedURL           scheme or address the operator did not allow
    ├── FeedParseError               bytes that yield no entries at all
    ├── StoreError                   database problems we translate (e.g. schema not at head)
    ├── SubscriptionError            an operator's change to a subscription that cannot be made
    │   ├── NoSuchSubscription       no subscription of that name
    │   ├── ConfigManaged            defined in the config file, which sets it at every start
    │   ├── NotSigned                a Slack subscription: no signing secret to rotate
    │   └── InvalidChange            a value refused (``field``, ``reason``; ``blocked``: the SSRF guard)
    └── DeliveryError                (ir_feed.delivery.errors) a message or secret that cannot be used
        ├── InvalidSecret            not a whsec_ Standard Webhooks secret
        └── InvalidMessage           a diff message that cannot be rendered (dead-lettered)

A webhook URL refused by the SSRF guard raises ``BlockedURL`` (above); a
delivery that fails at the HTTP level is not an exception but a recorded
``ir_feed.delivery.Attempt``.

Callers branch on the type, never on the message text.  Library exceptions
(httpx, sqlalchemy, feedparser) are translated at the edge that calls them.
"""

from __future__ import annotations

from collections.abc import Sequence


class IrFeedError(Exception):
    """Base class of every error ir_feed raises on purpose."""


class ConfigError(IrFeedError):
    """The configuration is invalid.  ``problems`` lists every one found, as
    ``(path, reason)`` pairs, so they can be reported all at once."""

    def __init__(self, problems: Sequence[tuple[str, str]]) -> None:
        self.problems: tuple[tuple[str, str], ...] = tuple(problems)
        lines = "\n".join(f"  {path}: {reason}" for path, reason in self.problems)
        super().__init__(f"invalid configuration ({len(self.problems)} problem(s)):\n{lines}")


class FetchError(IrFeedError):
    """Getting bytes from ``url`` failed."""

    def __init__(self, url: str, message: str) -> None:
        self.url = url
        super().__init__(f"{message} ({url})")


class TransientFetchError(FetchError):
    """A failure that may go away: retry later with backoff."""

    retry_after: float | None = None


class FetchTimeout(TransientFetchError):
    """A connect/read timeout, or the overall per-fetch deadline, expired."""


class FetchConnectError(TransientFetchError):
    """The connection could not be made or was broken."""


class UnresolvedHost(FetchConnectError):
    """The host name does not resolve now (DNS down, a typo, a host not up yet).

    Raised when a subscription URL is checked; unlike :class:`BlockedURL` it says
    nothing about the address, so a subscription is not disabled for it: the
    connect-time guard checks every delivery attempt anyway."""


class RetryableStatus(TransientFetchError):
    """The server answered 429 or 5xx."""

    def __init__(self, url: str, status: int, retry_after: float | None = None) -> None:
        self.status = status
        self.retry_after = retry_after
        super().__init__(url, f"HTTP {status}")


class PermanentFetchError(FetchError):
    """Retrying the same request will not help."""


class BadStatus(PermanentFetchError):
    """The server answered with a 4xx status other than 404-as-transient cases."""

    def __init__(self, url: str, status: int) -> None:
        self.status = status
        super().__init__(url, f"HTTP {status}")


class FeedGone(PermanentFetchError):
    """410 Gone: the publisher retired this URL."""

    status = 410


class ResponseTooLarge(PermanentFetchError):
    """The (decoded) body exceeded the configured byte cap."""

    def __init__(self, url: str, limit: int) -> None:
        self.limit = limit
        super().__init__(url, f"response larger than {limit} bytes")


class TooManyRedirects(PermanentFetchError):
    """The redirect chain exceeded the configured limit."""


class BlockedURL(PermanentFetchError):
    """The URL's scheme, host or resolved address is not allowed."""


class FeedParseError(IrFeedError):
    """The bytes could not be read as a feed and yielded no entries."""


class StoreError(IrFeedError):
    """A database problem we report in our own words."""


class SubscriptionError(IrFeedError):
    """An operator's change to a subscription (API or CLI) that cannot be made."""


class NoSuchSubscription(SubscriptionError):
    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"no subscription named {name!r}")


class ConfigManaged(SubscriptionError):
    """The subscription is defined in the config file: the config sets its URL, format,
    secret and filters at every start, so a change made elsewhere would not last."""

    def __init__(self, name: str, what: str) -> None:
        self.name = name
        super().__init__(
            f"subscription {name!r} is defined in the config file, which sets it at every start: "
            f"{what} there (delivery.subscriptions)"
        )


class NotSigned(SubscriptionError):
    """A Slack subscription is not signed (its URL is the credential)."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"subscription {name!r} is a Slack subscription: its messages are not signed")


class SubscriptionExists(SubscriptionError):
    """A subscription of that name exists already."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"a subscription named {name!r} exists")


class InvalidChange(SubscriptionError):
    """A value refused: ``field`` (``url``, ``secret``, ``filters``, ...) and why.
    ``blocked`` is True when the SSRF guard refused the URL."""

    def __init__(self, field: str, reason: str, *, blocked: bool = False) -> None:
        self.field, self.reason, self.blocked = field, reason, blocked
        super().__init__(f"{field}: {reason}")
