"""Reading a response body within a byte cap: gzip/deflate are inflated here in
bounded steps, so the *decoded* size is checked as it grows."""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Protocol

import httpx

from ir_feed.errors import ResponseTooLarge

_PIECE = 64 * 1024  # most bytes one inflate step may produce


class Response(Protocol):
    """What a fetch reads of a response: an :class:`httpx.Response`, or the feed transport's
    :class:`~ir_feed.fetch.transport.Reply` (the same answer without httpx's objects)."""

    @property
    def status_code(self) -> int: ...
    @property
    def headers(self) -> httpx.Headers: ...
    def aiter_raw(self) -> AsyncIterator[bytes]: ...
    def aiter_bytes(self) -> AsyncIterator[bytes]: ...
    async def aread(self) -> bytes: ...


# -- bounded decoding of gzip / deflate ----------------------------------------------------


class _Inflater:
    """Undoes one gzip or deflate coding, producing at most ``_PIECE`` bytes per step,
    so a small compressed chunk can never be inflated into a huge buffer at once."""

    def __init__(self, coding: str) -> None:
        gzip = coding in ("gzip", "x-gzip")
        self._z = zlib.decompressobj(zlib.MAX_WBITS | 16 if gzip else zlib.MAX_WBITS)
        self._sniff = not gzip  # "deflate" is often sent raw, without the zlib header

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._z.eof:  # trailing bytes after the stream: drop them, keep nothing
            return
        buf = data
        while True:
            out = self._step(buf)
            if out:
                yield out
            buf = self._z.unconsumed_tail
            if self._z.eof or (not buf and len(out) < _PIECE):
                return

    def _step(self, buf: bytes) -> bytes:
        if self._sniff and buf:
            self._sniff = False
            try:
                return self._z.decompress(buf, _PIECE)
            except zlib.error:
                self._z = zlib.decompressobj(-zlib.MAX_WBITS)
        return self._z.decompress(buf, _PIECE)


def _inflaters(content_encoding: str | None) -> list[_Inflater] | None:
    """Decoders for ``content_encoding`` in the order to apply them; None when it
    names a coding we do not undo ourselves (httpx then decodes it, if it can)."""
    codings = [c.strip().lower() for c in (content_encoding or "").split(",")]
    out = []
    for coding in reversed(codings):
        if coding in ("", "identity"):
            continue
        if coding not in ("gzip", "x-gzip", "deflate"):
            return None
        out.append(_Inflater(coding))
    return out


def _through(inflater: _Inflater, pieces: Iterable[bytes]) -> Iterator[bytes]:
    for piece in pieces:
        yield from inflater.feed(piece)


def _decoded(raw: bytes, inflaters: list[_Inflater]) -> Iterable[bytes]:
    pieces: Iterable[bytes] = (raw,)
    for inflater in inflaters:
        pieces = _through(inflater, pieces)
    return pieces


async def _read_body(response: Response, cap: int, safe: str) -> bytes:
    """The decoded body, refusing it as soon as it grows past ``cap`` bytes."""
    parts: list[bytes] = []
    total = 0
    inflaters = _inflaters(response.headers.get("content-encoding"))
    if inflaters is None:
        async for chunk in response.aiter_bytes():
            total += len(chunk)
            if total > cap:
                raise ResponseTooLarge(safe, cap)
            parts.append(chunk)
    else:
        async for raw in response.aiter_raw():
            for piece in _decoded(raw, inflaters):
                total += len(piece)
                if total > cap:
                    raise ResponseTooLarge(safe, cap)
                parts.append(piece)
    return b"".join(parts)


def _most_encoded(cap: int, response: Response) -> int:
    """The largest Content-Length a body within ``cap`` decoded bytes can have: gzip
    and deflate may grow incompressible data a little (headers, stored blocks)."""
    if response.headers.get("content-encoding", "identity").strip().lower() == "identity":
        return cap
    return cap + cap // 100 + 1024
