"""Standard Webhooks signing: secrets and the ``webhook-signature`` header.

A secret is ``whsec_`` followed by the standard base64 of 24 to 64 random
bytes; the HMAC key is those decoded bytes.  A signature is
``v1,`` + base64(HMAC-SHA256(key, f"{msg_id}.{timestamp}.".encode() + body)),
over exactly the body bytes sent.  With several active secrets (a rotation)
the header carries one signature per secret, separated by spaces; a receiver
accepts the message when any one matches.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hmac
import secrets as _random
from collections.abc import Sequence

from ir_feed.delivery.errors import InvalidSecret

__all__ = ["SECRET_PREFIX", "generate_secret", "sign", "validate_secret"]

SECRET_PREFIX = "whsec_"  # noqa: S105 - the Standard Webhooks prefix, not a secret
_MIN_BYTES, _MAX_BYTES, _DEFAULT_BYTES = 24, 64, 32


def generate_secret(nbytes: int = _DEFAULT_BYTES) -> str:
    """A new random signing secret: ``whsec_`` + base64 of ``nbytes`` (24–64) bytes."""
    if not _MIN_BYTES <= nbytes <= _MAX_BYTES:
        raise ValueError(f"a secret has {_MIN_BYTES} to {_MAX_BYTES} bytes")
    return SECRET_PREFIX + base64.b64encode(_random.token_bytes(nbytes)).decode("ascii")


def _key(secret: str) -> bytes:
    """The HMAC key of a secret; raises :class:`InvalidSecret` (without echoing it)."""
    if not isinstance(secret, str) or not secret.startswith(SECRET_PREFIX):
        raise InvalidSecret(f"a signing secret starts with {SECRET_PREFIX!r}")
    return _decoded(secret)


@functools.lru_cache(maxsize=1024)
def _decoded(secret: str) -> bytes:
    """:func:`_key` of a ``whsec_`` secret, decoded once per secret (every message is signed
    with the same few) rather than at every signature.  Refusals are not cached."""
    encoded = secret[len(SECRET_PREFIX) :]
    try:
        key = base64.b64decode(encoded.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise InvalidSecret(f"a signing secret is {SECRET_PREFIX!r} followed by standard base64") from None
    if not _MIN_BYTES <= len(key) <= _MAX_BYTES:
        raise InvalidSecret(f"a signing secret encodes {_MIN_BYTES} to {_MAX_BYTES} bytes, not {len(key)}")
    return key


def validate_secret(secret: str) -> str:
    """Return ``secret`` unchanged when it is well formed, else raise :class:`InvalidSecret`."""
    _key(secret)
    return secret


def sign(msg_id: str, timestamp: int, body: bytes, secrets: Sequence[str]) -> str:
    """The ``webhook-signature`` value: one ``v1,<base64>`` per secret, space-separated."""
    if not secrets:
        raise InvalidSecret("at least one signing secret is needed")
    if "." in msg_id or not msg_id:
        raise ValueError("a message id is non-empty and has no '.'")
    signed = f"{msg_id}.{int(timestamp)}.".encode() + body
    return " ".join("v1," + base64.b64encode(hmac.digest(_key(s), signed, "sha256")).decode("ascii") for s in secrets)
