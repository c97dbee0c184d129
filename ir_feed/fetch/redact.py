"""URLs fit for a message or a log: :func:`redact_url`.

Pure and free of the network stack, so the store, the API and the settings can show a URL
without importing an HTTP client."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = ["CONTROL", "SECRET_NAME", "redact_url"]

# Query parameter names whose values are credentials (token, key, sig, ...).
SECRET_NAME = re.compile(r"token|key|secret|pass|pwd|auth|sig|session|credential", re.IGNORECASE)
# Control characters: never in a URL or header value shown to people.
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def redact_url(url: str) -> str:
    """``url`` fit for a message or a log: no userinfo, no fragment, secret-looking
    query values (token, key, sig...) replaced by ``***``, no control characters."""
    try:
        parts = urlsplit(CONTROL.sub("", url))
        netloc = parts.netloc.rpartition("@")[2]
        query = parts.query
        if query:
            pairs = parse_qsl(query, keep_blank_values=True)
            if any(SECRET_NAME.search(name) for name, _ in pairs):
                query = urlencode([(n, "***" if SECRET_NAME.search(n) else v) for n, v in pairs], safe="*")
        return urlunsplit((parts.scheme, netloc, parts.path, query, ""))
    except ValueError:
        return "<unparsable URL>"
