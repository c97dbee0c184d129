"""Slack Block Kit messages: content, escaping, and Slack's limits."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from ir_feed.delivery import DiffMessage, render_slack
from ir_feed.delivery.slack import _link
from tests.unit.delivery.builders import DESIGNATION, IND, RELEASE, TRIAL, make_message


def _slack(msg: DiffMessage) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(render_slack(msg))
    return data


def _texts(block: dict[str, Any]) -> list[str]:
    if block["type"] == "context":
        return [e["text"] for e in block["elements"]]
    return [block["text"]["text"]]


def assert_within_slack_limits(payload: dict[str, Any]) -> None:
    assert payload["text"].strip()
    assert 1 <= len(payload["blocks"]) <= 50
    for block in payload["blocks"]:
        if block["type"] == "header":
            assert block["text"]["type"] == "plain_text"
            assert 0 < len(block["text"]["text"]) <= 150
        elif block["type"] == "section":
            assert 0 < len(block["text"]["text"]) <= 3000
        elif block["type"] == "context":
            assert 1 <= len(block["elements"]) <= 10
            assert all(0 < len(e["text"]) <= 3000 for e in block["elements"])
        else:
            pytest.fail(f"unexpected block {block['type']}")


def test_a_created_designation_reads_well() -> None:
    payload = _slack(make_message(DESIGNATION))
    assert_within_slack_limits(payload)
    header = payload["blocks"][0]["text"]["text"]
    assert header == (
        "🆕 NASDAQ:ALLO · Allogene Therapeutics, Inc. · FDA Fast Track granted: ALLO-329 in systemic lupus "
        "erythematosus (SLE)"
    )
    summary = payload["blocks"][1]["text"]["text"]
    assert summary.startswith("*Allogene Therapeutics, Inc.* (NASDAQ:ALLO) — new event: FDA Fast Track granted")
    assert "*Status:* granted" in summary
    evidence = payload["blocks"][2]["text"]["text"]
    assert evidence.startswith("> Allogene today announced")
    context = payload["blocks"][-1]["elements"][0]["text"]
    assert context.startswith(f"<{RELEASE['url']}|Allogene Receives FDA Fast Track Designation for ALLO-329>")
    assert payload["text"] == (
        "New: NASDAQ:ALLO Allogene Therapeutics, Inc. — FDA Fast Track granted: ALLO-329 in systemic lupus "
        "erythematosus (SLE)"
    )
    assert payload["unfurl_links"] is False


def test_an_update_shows_what_changed() -> None:
    msg = make_message(
        TRIAL,
        diff_type="event.updated",
        changes={"status": {"old": "planned", "new": "initiated"}, "phase": {"old": None, "new": "2"}},
    )
    payload = _slack(msg)
    assert_within_slack_limits(payload)
    assert payload["blocks"][0]["text"]["text"].startswith("🔄 XYZ · XYZ Therapeutics · RESOLVE planned: XYZ-9")
    changed = payload["blocks"][2]["text"]["text"]
    assert changed == "*What changed*\n• *status:* ~planned~ → initiated\n• *phase:* ~—~ → 2"


def test_retractions_and_ind_clearances() -> None:
    payload = _slack(make_message(IND, diff_type="event.retracted"))
    assert_within_slack_limits(payload)
    assert payload["blocks"][0]["text"]["text"] == "❌ NASDAQ:ABCD · Abcd Bio · FDA IND cleared: ABC-123"
    assert payload["text"].startswith("Retracted: NASDAQ:ABCD Abcd Bio")


def test_user_text_cannot_forge_links_or_mentions() -> None:
    event = {
        **DESIGNATION,
        "evidence": "See <https://evil.example|click> & <!channel> now",
        "product": "<!channel> <@U123>",
        "issuer": {"company": "<https://evil.example|Acme> & Co", "tickers": ["NASDAQ:ALLO"]},
    }
    release = {**RELEASE, "title": "Title | with <b>pipes</b> & more", "url": "https://x.example/a|b>c"}
    payload = _slack(make_message(event, release=release))
    assert_within_slack_limits(payload)
    body = json.dumps(payload["blocks"][1:])
    assert "<!channel>" not in body and "<@U123>" not in body and "<https://evil" not in body
    assert "&lt;!channel&gt;" in body and "&amp;" in body
    # the fallback text is what Slack notifies with: escaped the same way
    text = payload["text"]
    assert "<!channel>" not in text and "<@U123>" not in text and "<https://evil" not in text
    assert "&lt;https://evil.example|Acme&gt; &amp; Co" in text
    assert "&lt;!channel&gt; &lt;@U123&gt;" in text
    context = payload["blocks"][-1]["elements"][0]["text"]
    assert context.startswith("<https://x.example/a%7Cb%3Ec|Title ¦ with &lt;b&gt;pipes&lt;/b&gt; &amp; more>")


def test_a_release_with_twenty_events_renders_within_limits() -> None:
    # One Slack message per diff: twenty diffs, twenty small messages.
    for i in range(20):
        event = {**DESIGNATION, "product": f"ALLO-{300 + i}", "key": f"k{i}"}
        assert_within_slack_limits(_slack(make_message(event, n=i)))


def test_huge_values_are_cut_to_slack_limits() -> None:
    event = {
        **TRIAL,
        "evidence": ("A & B < C > D. " * 1000).strip(),
        "issuer": {"company": "Very Long Company Name " * 30, "tickers": ["NASDAQ:" + "X" * 200]},
        "indications": [f"indication number {i} " * 10 for i in range(50)],
        "trial": "T" * 400,
    }
    changes = {f"field_{i}": {"old": "o" * 500, "new": "n & <" * 200} for i in range(60)}
    changes["status"] = {"old": "planned", "new": "initiated"}
    release = {**RELEASE, "title": "Headline " * 400}
    payload = _slack(make_message(event, diff_type="event.updated", changes=changes, release=release))
    assert_within_slack_limits(payload)
    evidence = payload["blocks"][3]["text"]["text"]
    assert evidence.endswith("…") and "&amp" in evidence
    assert not evidence[:-1].endswith(("&", "&a", "&am", "&amp", "&l", "&lt", "&g", "&gt"))


def test_the_header_names_ticker_company_and_what_happened_within_its_limit() -> None:
    event = {**DESIGNATION, "issuer": {"company": "Extremely Long Company Name " * 10, "tickers": ["NASDAQ:ALLO"]}}
    payload = _slack(make_message(event))
    assert_within_slack_limits(payload)
    header = payload["blocks"][0]["text"]["text"]
    assert header.startswith("🆕 NASDAQ:ALLO · Extremely Long Company Name")
    assert "… · FDA Fast Track granted: ALLO-329" in header  # the company is cut, what happened stays
    no_company = _slack(make_message({**DESIGNATION, "issuer": {"company": None, "tickers": ["NASDAQ:ALLO"]}}))
    assert no_company["blocks"][0]["text"]["text"].startswith("🆕 NASDAQ:ALLO · FDA Fast Track granted")


LINK = re.compile(r"^<https://[^<>|]+\|[^<>|]*>")


@pytest.mark.parametrize("title", ["&" * 500, "<>" * 250, "Headline " * 60])
def test_the_release_link_is_never_cut_through(title: str) -> None:
    # a long URL plus a title that grows fivefold when escaped: over 3,000 characters together
    release = {**RELEASE, "url": "https://www.globenewswire.com/" + "p" * 1960, "title": title}
    payload = _slack(make_message(DESIGNATION, release=release))
    assert_within_slack_limits(payload)
    context = payload["blocks"][-1]["elements"][0]["text"]
    link = LINK.match(context)
    assert link is not None and link.group(0).startswith(f"<{release['url']}|")
    assert context[link.end() :] == " · published 2025-01-07T12:30:00Z"
    label = link.group(0)[len(release["url"]) + 2 : -1]
    assert not label.rstrip("…").endswith(("&", "&a", "&am", "&amp", "&l", "&lt", "&g", "&gt"))


@pytest.mark.parametrize(
    ("url", "limit", "expected"),
    [
        ("https://a.example/x", 100, "<https://a.example/x|Title &amp; more and more text>"),
        ("https://a.example/x", 50, "<https://a.example/x|Title &amp; more and more t…>"),
        ("https://a.example/x", 25, "<https://a.example/x>"),
        ("https://a.example/x", 12, "Title &amp;…"),
        ("ftp://a.example/x", 100, "Title &amp; more and more text"),
    ],
)
def test_a_link_that_does_not_fit_loses_its_label_then_itself(url: str, limit: int, expected: str) -> None:
    assert _link(url, "Title & more and more text", limit) == expected


def test_many_changed_fields_are_summarised() -> None:
    changes = {name: {"old": "x" * 250, "new": "y" * 250} for name in ("product", "indication", "status", "agency")}
    changes |= {"evidence": {"old": "a" * 300, "new": "b" * 300}, "designation": {"old": "q" * 300, "new": "r" * 300}}
    changes |= {"trial": {"old": "c" * 300, "new": "d" * 300}, "phase": {"old": "e" * 300, "new": "f" * 300}}
    changes |= {"key": {"old": "g" * 300, "new": "h" * 300}}
    payload = _slack(make_message(DESIGNATION, diff_type="event.updated", changes=changes))
    assert_within_slack_limits(payload)
    changed = payload["blocks"][2]["text"]["text"]
    assert changed.splitlines()[-1].startswith("…and ") and changed.endswith(" more")
