"""The polite HTTP edge: a URL in, its bytes (or a typed error) out.

``Fetcher.fetch(url, policy=...)`` does one conditional GET and returns a
:class:`Fetched`, or raises one of the :class:`~ir_feed.errors.FetchError`
subclasses (no httpx exception ever leaves it)::

    200 / other 2xx        Fetched(status=..., body=...)
    304                    Fetched(status=304, body=b"")
    410                    FeedGone
    429, 5xx               RetryableStatus(retry_after=...)
    other 4xx, odd 3xx     BadStatus
    timeout / deadline     FetchTimeout
    DNS, refused, TLS...   FetchConnectError
    body over the cap      ResponseTooLarge
    too many redirects     TooManyRedirects
    URL or hop not allowed BlockedURL

What it guarantees:

* Every URL it touches, the first and every redirect hop, passes
  :meth:`URLPolicy.check`.  Redirects are followed here, by hand; a redirect
  from http(s) to ``file://`` is never followed.
* A fetch is bounded in time (connect/read timeouts plus an overall deadline
  that covers redirects and body streaming, so a server trickling a byte at a
  time cannot hold it) and in memory: gzip/deflate bodies are inflated here in
  bounded steps and the *decoded* size is checked as it grows, so a
  compression bomb is refused after at most the cap.
* Politeness: at most ``max_concurrency`` requests in flight, at most
  ``per_host_concurrency`` to one server (host and port) and at least
  ``per_host_interval`` seconds between request starts to one server.  A
  request waits for its server's slot *before* taking a global one, so a slow
  server never holds slots that other servers' requests need.  The deadline
  starts once the first request has its slots: queueing is not a timeout.
* URLs in error messages lose their userinfo and secret-looking query values
  (:func:`redact_url`); the error's ``url`` attribute is that redacted form.

The modules::

    urls      URLPolicy: which URLs may be touched
    redact    redact_url: a URL fit for a log (no network stack imported)
    headers   parse_retry_after, parse_max_age, validators to send back
    body      reading a body within the cap (bounded gzip/deflate inflation)
    fetcher   Fetcher, Fetched: gates, redirects, deadline, errors, file://
    transport FeedTransport: the client's network transport (httpx's API over aiohttp's pool)
"""

from typing import TYPE_CHECKING

from ir_feed._exports import lazy_exports

if TYPE_CHECKING:
    from ir_feed.fetch.fetcher import ACCEPT, Fetched, Fetcher
    from ir_feed.fetch.headers import MAX_RETRY_AFTER, parse_max_age, parse_retry_after
    from ir_feed.fetch.redact import redact_url
    from ir_feed.fetch.urls import URLPolicy

_EXPORTS = {
    "ACCEPT": "fetcher",
    "Fetched": "fetcher",
    "Fetcher": "fetcher",
    "MAX_RETRY_AFTER": "headers",
    "URLPolicy": "urls",
    "parse_max_age": "headers",
    "parse_retry_after": "headers",
    "redact_url": "redact",
}
__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)

__all__ = [
    "ACCEPT",
    "MAX_RETRY_AFTER",
    "Fetched",
    "Fetcher",
    "URLPolicy",
    "parse_max_age",
    "parse_retry_after",
    "redact_url",
]
