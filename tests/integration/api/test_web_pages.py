"""The web pages (ir_feed/web) over the real app and a real database, without a browser:
access, filters, escaping, the actions' guards.  tests/browser drives them in Chromium."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, select

from ir_feed.events import Designation
from ir_feed.store.engine import session_factory
from ir_feed.store.tables import SubscriptionRow
from ir_feed.web.session import COOKIE, seal
from tests.integration.api.conftest import (
    ADMIN,
    NWBT,
    READER,
    MakeClient,
    api_settings,
    release,
    store,
)

ORIGIN = {"Origin": "http://testserver"}


def test_events_page_lists_filters_and_links_the_feeds_of_the_filter(make_client: MakeClient, seeded: Engine) -> None:
    web = make_client(token=None)
    page = web.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.text.count("<tr>") == 1 + 4  # the header row and four events
    recalled = web.get("/?announced=false")
    assert recalled.text.count("<tr>") == 2 and "Orphan Drug" in recalled.text
    only = web.get("/?ticker=NASDAQ:CLRQ&kind=trial_start")
    assert only.status_code == 200 and only.text.count("<tr>") == 2 and "CALDER-1" in only.text
    assert 'href="/v1/events.atom?ticker=NASDAQ%3ACLRQ&amp;kind=trial_start"' in only.text


def test_the_api_filters_announced_and_recalled_events(make_client: MakeClient, seeded: Engine) -> None:
    api = make_client(token=None)
    recalled = api.get("/v1/events", params={"announced": "false"}).json()["data"]
    assert [e["designation"] for e in recalled] == ["orphan_drug"]
    assert len(api.get("/v1/events", params={"announced": "true"}).json()["data"]) == 3


def test_a_bad_filter_is_an_html_page_that_says_what_is_wrong(make_client: MakeClient, seeded: Engine) -> None:
    web = make_client(token=None)
    page = web.get("/", params={"ticker": "<script>x</script>", "since": "2026-02-01", "until": "2026-01-01"})
    assert page.status_code == 400 and page.headers["content-type"].startswith("text/html")
    assert "ticker" in page.text and "<script>x" not in page.text
    dates = web.get("/", params={"since": "2026-02-01", "until": "2026-01-01"})
    assert dates.status_code == 400 and "must be after since" in dates.text


def test_untrusted_text_is_escaped_on_every_page(make_client: MakeClient, engine: Engine) -> None:
    hostile = 'ACM-1 <img src=x onerror="alert(1)">'
    store(
        engine,
        release("9", datetime(2026, 1, 5, tzinfo=UTC), NWBT, title="<script>alert('t')</script>",
                text=f"First paragraph.\n\nThe FDA granted Fast Track to {hostile} today.\n\nLast."),
        (Designation(True, "FDA", "fast_track", hostile, None, "granted",
                     f"The FDA granted Fast Track to {hostile} today.", "nwbt|x"),),
        "<b>Co</b>",
    )  # fmt: skip
    web = make_client(token=None)
    for path in ("/", "/events/nwbt%7Cx", "/issuers/NASDAQ:NWBT"):
        page = web.get(path)
        assert page.status_code == 200, path
        assert "<img src=x" not in page.text and "<script>alert" not in page.text and "<b>Co</b>" not in page.text
    event = web.get("/events/nwbt%7Cx").text
    assert "<mark>The FDA granted Fast Track to ACM-1 &lt;img" in event  # highlighted inside its paragraph
    assert "First paragraph" not in event  # only the sentence's own paragraph


def test_missing_objects_are_404_pages(make_client: MakeClient, seeded: Engine) -> None:
    web = make_client(token=ADMIN)
    for path in ("/events/nope", "/issuers/NASDAQ:ZZZZ?", "/subscriptions/nope", "/deliveries/msg_nope"):
        page = web.get(path)
        assert page.status_code in (200, 404), path
        if "ZZZZ" not in path:
            assert page.status_code == 404 and "No such" in page.text
    assert web.get("/issuers/not%20a%20ticker").status_code == 404


def test_read_token_closes_the_read_pages_until_signed_in(make_client: MakeClient, engine: Engine) -> None:
    settings = api_settings(token=ADMIN, read_token=READER)
    web = make_client(token=None, settings=settings)
    for path in ("/", "/feeds", "/issuers/NASDAQ:NWBT", "/events/x"):
        page = web.get(path)
        assert page.status_code == 401 and 'name="token"' in page.text, path
    wrong = web.post("/login", data={"token": "wrong", "next": "/feeds"}, headers=ORIGIN)
    assert wrong.status_code == 401 and "not one this server takes" in wrong.text
    signed = web.post("/login", data={"token": READER, "next": "/feeds"}, headers=ORIGIN)
    assert signed.status_code == 303 and signed.headers["location"] == "/feeds"
    cookie = signed.cookies[COOKIE]
    assert READER not in cookie and cookie == seal(settings.api.read_token)  # type: ignore[arg-type]
    set_cookie = signed.headers["set-cookie"].lower()
    assert "httponly" in set_cookie and "samesite=strict" in set_cookie
    assert web.get("/feeds").status_code == 200
    # a read token does not open subscriptions, deliveries or actions
    assert web.get("/subscriptions").status_code == 401
    assert web.post("/subscriptions/x/pause", headers=ORIGIN).status_code == 401


def test_sign_in_goes_only_to_a_page_of_this_site(make_client: MakeClient, engine: Engine) -> None:
    web = make_client(token=None)
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        answer = web.post("/login", data={"token": ADMIN, "next": target}, headers=ORIGIN)
        assert answer.status_code == 303 and answer.headers["location"] == "/", target


def _subscription(engine: Engine, name: str) -> SubscriptionRow:
    with session_factory(engine)() as s:
        row = s.scalars(select(SubscriptionRow).where(SubscriptionRow.name == name)).one()
        s.expunge(row)
        return row


def test_actions_need_the_admin_token_and_a_form_from_this_site(make_client: MakeClient, engine: Engine) -> None:
    admin = make_client(token=ADMIN)
    made = admin.post("/v1/subscriptions", json={"name": "hooks", "url": "http://127.0.0.1:9/x", "format": "webhook"})
    assert made.status_code == 201, made.text
    anonymous = make_client(token=None)
    assert anonymous.post("/subscriptions/hooks/pause", headers=ORIGIN).status_code == 401
    assert admin.post("/subscriptions/hooks/pause").status_code == 403  # no Origin or Referer
    assert admin.post("/subscriptions/hooks/pause", headers={"Origin": "http://evil.example"}).status_code == 403
    assert _subscription(engine, "hooks").enabled

    paused = admin.post("/subscriptions/hooks/pause", headers={"Referer": "http://testserver/subscriptions/hooks"})
    assert paused.status_code == 303 and paused.headers["location"] == "/subscriptions/hooks?done=paused"
    row = _subscription(engine, "hooks")
    assert not row.enabled and row.disabled_reason == "paused"
    page = admin.get("/subscriptions/hooks?done=paused")
    assert "Done: paused." in page.text and "Resume" in page.text
    listing = admin.get("/subscriptions")
    assert listing.status_code == 200 and ">paused<" in listing.text

    bad = admin.post("/subscriptions/hooks/replay", data={"since": "last week"}, headers=ORIGIN)
    assert bad.status_code == 400 and "give a date" in bad.text
    missing = admin.post("/subscriptions/nope/replay", data={"since": "2026-01-01"}, headers=ORIGIN)
    assert missing.status_code == 404
    assert admin.post("/deliveries/msg_NOPE/retry", headers=ORIGIN).status_code == 404


def test_with_no_admin_token_configured_admin_pages_and_actions_stay_closed(
    make_client: MakeClient, engine: Engine
) -> None:
    web = make_client(token=None, settings=api_settings())
    page = web.get("/subscriptions")
    assert page.status_code == 401 and "none is configured" in page.text
    refused = web.post("/subscriptions/x/pause", headers=ORIGIN)
    assert refused.status_code == 403 and "no API token (api.token) is configured" in refused.text


def test_feeds_page_shows_health_without_secrets(make_client: MakeClient, engine: Engine) -> None:
    from tests.integration.api.conftest import seed_feed_health

    seed_feed_health(engine)
    page = make_client(token=None).get("/feeds")
    assert page.status_code == 200
    assert "s3cret" not in page.text and "503 from server" in page.text
    assert page.text.count(">healthy<") == 1 and page.text.count(">failing<") == 1


def test_older_events_page_by_page(make_client: MakeClient, seeded: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    from ir_feed.web import pages

    monkeypatch.setattr(pages, "PAGE_SIZE", 3)
    web = make_client(token=None)
    first = web.get("/")
    assert first.text.count("<tr>") == 1 + 3
    older = re.search(r'href="(/\?cursor=[^"]+)" rel="next"|rel="next" href="(/\?[^"]+)"', first.text)
    assert older is not None
    second = web.get(older.group(1) or older.group(2).replace("&amp;", "&"))
    assert second.status_code == 200 and second.text.count("<tr>") == 1 + 1 and "an older page" in second.text
    assert 'rel="next"' not in second.text
    assert web.get("/?cursor=not-a-cursor").status_code == 400
