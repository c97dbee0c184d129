"""The pages a person uses, in a real browser against a real daemon (see conftest.py)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from ir_feed.store.engine import make_engine, session_factory
from ir_feed.store.tables import MessageRow
from tests.browser.conftest import ADMIN_TOKEN, Site, sign_in
from tests.support.daemon import wait_for
from tests.support.webhooks import verifies


def _rows(page: Any) -> list[str]:
    return [r.inner_text() for r in page.locator("table.events tbody tr").all()]


def test_filter_events_and_the_filter_lives_in_the_url(page: Any, site: Site) -> None:
    page.goto(site.url("/"))
    assert len(_rows(page)) == 3
    page.get_by_label("Ticker").fill("NASDAQ:CLRQ")
    page.get_by_label("Kind").select_option("trial_start")
    page.get_by_label("Status").select_option("planned")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r".*ticker=NASDAQ%3ACLRQ.*"))

    query = parse_qs(urlsplit(page.url).query)
    assert query["ticker"] == ["NASDAQ:CLRQ"] and query["kind"] == ["trial_start"] and query["status"] == ["planned"]
    rows = _rows(page)
    assert len(rows) == 1 and "CRX-220" in rows[0] and "planned" in rows[0]

    # the bookmarked URL shows the same view; the feed links carry exactly the filter
    page.goto(page.url)
    assert _rows(page) == rows
    atom = page.get_by_role("link", name="Atom").get_attribute("href")
    assert atom is not None and atom.startswith("/v1/events.atom?")
    assert parse_qs(urlsplit(atom).query) == {"ticker": ["NASDAQ:CLRQ"], "kind": ["trial_start"], "status": ["planned"]}
    feed = page.request.get(site.url(atom))
    assert feed.ok and "CRX-220" in feed.text() and "NWB-101" not in feed.text()


def test_a_bad_filter_is_shown_on_the_page(page: Any, site: Site) -> None:
    answer = page.goto(site.url("/?ticker=not%20a%20ticker&since=yesterday"))
    assert answer.status == 400
    alert = page.get_by_role("alert")
    assert "ticker" in alert.inner_text()
    assert page.get_by_label("Ticker").input_value() == ""  # never echoed into the form as valid


def test_open_an_event_and_see_its_evidence_and_history(page: Any, site: Site) -> None:
    page.goto(site.url("/?ticker=NWBT"))
    page.get_by_role("link", name="NWB-101").click()
    page.wait_for_url(re.compile(r".*/events/.+"))
    assert "Fast Track" in page.get_by_role("heading", level=1).inner_text().title()
    mark = page.locator("blockquote.evidence mark")
    assert "has granted Fast Track designation to NWB-101" in mark.inner_text()
    # the sentence inside its paragraph, and the release it came from
    assert page.locator("blockquote.evidence").inner_text().startswith("Northwind Biotherapeutics")
    assert page.get_by_role("link", name="Northwind Receives FDA Fast Track Designation for NWB-101").count() == 1
    history = page.locator("ol.history li")
    assert history.count() == 1 and "created" in history.first.inner_text()


def test_open_an_issuer_timeline(page: Any, site: Site) -> None:
    page.goto(site.url("/"))
    page.get_by_role("link", name="NASDAQ:CLRQ").first.click()
    page.wait_for_url(re.compile(r".*/issuers/NASDAQ%3ACLRQ$|.*/issuers/NASDAQ:CLRQ$"))
    svg = page.locator("figure.timeline svg[role=group]")
    assert svg.count() == 1
    labelled = svg.get_attribute("aria-labelledby")
    assert labelled and "Calder Ridge" in (page.locator(f"#{labelled.split()[0]}").text_content() or "")
    # the planned window (2H 2026) is a hatched bar, the dosed trial a marked one, each a link
    bars = page.locator("svg .bar")
    classes = " ".join(bars.nth(i).get_attribute("class") or "" for i in range(bars.count()))
    assert "planned" in classes and "first_patient_dosed" in classes
    page.locator("svg a").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/events/.+"))


def _message_status(site: Site, public_id: str) -> str:
    engine = make_engine(site.db_url)
    try:
        with session_factory(engine)() as s:
            return s.scalars(select(MessageRow.status).where(MessageRow.public_id == public_id)).one()
    finally:
        engine.dispose()


def test_retry_a_dead_message_with_the_token_and_be_refused_without(page: Any, site: Site) -> None:
    site.receiver.status = 410  # "gone": the message dies and the subscription is disabled
    site.api("POST", "/v1/subscriptions", {"name": "dead-letters", "url": site.hook_url, "format": "webhook"})
    site.api("POST", "/v1/deliveries/replay", {"subscription": "dead-letters", "since": "2020-01-01T00:00:00Z"})

    def dead_letter() -> str | None:
        listed = site.api("GET", "/v1/deliveries?subscription=dead-letters&status=dead")["data"]
        return listed[0]["id"] if listed else None

    wait_for(dead_letter, 30, context=site.tail)
    dead = dead_letter()
    assert dead is not None

    # not signed in: the page asks for the token
    answer = page.goto(site.url("/subscriptions/dead-letters"))
    assert answer.status == 401 and page.get_by_label("API token").count() == 1
    sign_in(page, site)
    page.goto(site.url("/subscriptions/dead-letters?status=dead"))
    assert "disabled" in page.get_by_role("heading", level=1).inner_text()
    assert dead in page.locator("table").inner_text()

    # the session is gone (signed out in another tab): the button is refused, nothing changes
    page.context.clear_cookies()
    page.get_by_role("button", name=f"Retry {dead} now").click()
    assert "needs the API token" in page.get_by_role("alert").inner_text()
    assert _message_status(site, dead) == "dead"

    # with the token: the receiver is back, the subscription resumed, the dead letter sent
    site.receiver.status = 200
    sign_in(page, site)
    page.goto(site.url("/subscriptions/dead-letters"))
    page.get_by_role("button", name="Resume").click()
    assert "Done: resumed" in page.get_by_role("status").inner_text()
    page.goto(site.url(f"/deliveries/{dead}"))
    page.get_by_role("button", name="Retry now").click()
    wait_for(lambda: _message_status(site, dead) == "delivered", 30, context=site.tail)
    page.reload()
    assert "delivered" in page.get_by_role("heading", level=1).inner_text()
    assert "HTTP 200" in page.locator("table").inner_text()


def test_rotate_a_secret_and_both_signatures_verify_during_the_overlap(page: Any, site: Site) -> None:
    made = site.api("POST", "/v1/subscriptions", {"name": "rotated", "url": site.hook_url, "format": "webhook"})
    old = made["secret"]
    sign_in(page, site)
    page.goto(site.url("/subscriptions/rotated"))
    page.get_by_label("Rotate secret; old one signs for").fill("2")
    page.get_by_role("button", name="Rotate secret").click()
    new = page.locator("#new-secret").inner_text().strip()
    assert new.startswith("whsec_") and new != old
    assert "signed with both the new and the old secret" in page.locator("main").inner_text()

    page.goto(site.url("/subscriptions/rotated"))
    page.get_by_role("button", name="Send a test message").click()
    assert "Delivered: the receiver answered HTTP 200" in page.get_by_role("status").inner_text()
    webhook_id = page.locator("dl.facts code").first.inner_text().strip()
    sent = next(r for r in site.receiver.got if r.headers.get("webhook-id") == webhook_id)
    assert len(sent.headers["webhook-signature"].split()) == 2
    assert verifies(new, sent) and verifies(old, sent)


def test_pages_refuse_forms_from_another_site(page: Any, site: Site) -> None:
    sign_in(page, site)
    answer = page.request.post(
        site.url("/subscriptions/none/pause"), headers={"Origin": "https://evil.example"}, form={"x": "1"}
    )
    assert answer.status == 403 and "not sent from a page of this site" in answer.text()
    wrong = page.request.post(site.url("/login"), headers={"Origin": site.base}, form={"token": "nope"})
    assert wrong.status == 401 and ADMIN_TOKEN not in wrong.text()
