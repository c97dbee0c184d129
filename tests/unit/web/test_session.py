from __future__ import annotations

import pytest
from pydantic import SecretStr
from starlette.requests import Request

from ir_feed.web.session import safe_next, same_site, seal


def _request(headers: dict[str, str]) -> Request:
    raw = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    return Request({"type": "http", "method": "POST", "path": "/", "headers": raw, "query_string": b""})


@pytest.mark.parametrize(
    ("headers", "ok"),
    [
        ({"host": "ir.example:8080", "origin": "http://ir.example:8080"}, True),
        ({"host": "ir.example:8080", "referer": "https://ir.example:8080/subscriptions/x"}, True),
        ({"host": "ir.example:8080", "origin": "http://evil.example"}, False),
        ({"host": "ir.example:8080", "origin": "null"}, False),
        ({"host": "ir.example:8080"}, False),
        ({"host": "ir.example:8080", "referer": "javascript:ir.example:8080"}, False),
        ({"host": "ir.example:8080", "origin": "http://ir.example:8081"}, False),
    ],
)
def test_a_form_counts_as_this_sites_only_when_its_origin_names_this_host(headers: dict[str, str], ok: bool) -> None:
    assert same_site(_request(headers)) is ok


@pytest.mark.parametrize(
    ("given", "goto"),
    [
        ("/subscriptions/x?status=dead", "/subscriptions/x?status=dead"),
        ("//evil.example/", "/"),
        ("https://evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("", "/"),
        (None, "/"),
        ("/" + "a" * 3000, "/"),
    ],
)
def test_after_signing_in_only_a_page_of_this_site(given: str | None, goto: str) -> None:
    assert safe_next(given) == goto


def test_the_cookie_proves_a_token_without_holding_it() -> None:
    a, b = seal(SecretStr("token-a")), seal(SecretStr("token-b"))
    assert a != b and len(a) == 64 and "token-a" not in a
    assert seal(SecretStr("token-a")) == a
