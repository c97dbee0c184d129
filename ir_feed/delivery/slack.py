"""Slack incoming-webhook messages (Block Kit) for one event diff.

One diff is one Slack message (the outbox already holds one message per diff),
so a release with 20 events becomes 20 small messages, sent at most one per
second per Slack URL by the :class:`~ir_feed.delivery.Dispatcher`.  Each
message has at most five blocks::

    header    "🆕 NASDAQ:ALLO · Allogene Therapeutics, Inc. · FDA Fast Track granted: ALLO-329"
              (plain text, ≤ 150 chars; ticker and company cut short so what happened shows)
    section   company, tickers, what happened, the event's main fields
    section   the fields that changed, "~old~ → new" (updates only)
    section   the evidence sentence, quoted
    context   a link to the release and its publication time

and a plain ``text`` fallback (notifications, clients without blocks).  Every
text is cut to Slack's limits (3,000 characters per section text, 150 per
header text) with an ellipsis, never through an escaped entity or a link;
user-supplied text is escaped for mrkdwn (``&``, ``<``, ``>``) in the blocks and
in the fallback ``text`` alike, so a release title or a company name cannot forge
a link or a mention.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ir_feed.delivery.messages import DiffMessage
from ir_feed.delivery.payloads import PROBE_TEXT, dump_json, public_changes, public_event, public_release
from ir_feed.kinds import kind_of
from ir_feed.kinds.spec import status_words

__all__ = [
    "HEADER_LIMIT",
    "MAX_BLOCKS",
    "SECTION_LIMIT",
    "render_slack",
    "render_slack_probe",
    "slack_payload",
    "slack_probe_payload",
]

MAX_BLOCKS = 50
SECTION_LIMIT = 3000
HEADER_LIMIT = 150
TEXT_LIMIT = 3000  # our own cap for the fallback text
_VALUE_LIMIT = 300  # one changed value or detail field
_HEADER_TICKER_LIMIT = 30  # the header keeps room for what happened
_HEADER_COMPANY_LIMIT = 50
_MIN_LINK_LABEL = 20  # shorter than this, a link goes without its label
_ELLIPSIS = "…"

_VERB = {"event.created": ("🆕", "New"), "event.updated": ("🔄", "Updated"), "event.retracted": ("❌", "Retracted")}
_DETAIL_FIELDS = (
    ("product", "Product"),
    ("indication", "Indication"),
    ("indications", "Indications"),
    ("trial", "Trial"),
    ("phase", "Phase"),
    ("status", "Status"),
    ("timing_text", "Timing"),
    ("agency", "Agency"),
)


def _cut(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters, ending in an ellipsis when cut; never cuts
    through an escaped entity (``&amp;``)."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    amp = head.rfind("&", len(head) - 5)
    if amp != -1 and ";" not in head[amp:]:
        head = head[:amp]
    return head.rstrip() + _ELLIPSIS


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _words(value: str) -> str:
    return value.replace("_", " ")


def _show(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_show(v) for v in value)
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {_show(v)}" for k, v in value.items())
    return str(value)


def what_happened(event: Mapping[str, Any]) -> str:
    """A short phrase: ``"FDA Fast Track granted: ALLO-329 in lupus"`` (the kind's
    :attr:`~ir_feed.kinds.KindSpec.happened`; a kind this release does not know is named)."""
    kind = str(event.get("kind", "event"))
    spec = kind_of(kind)
    if spec is not None:
        head, tail = spec.happened(event)
    else:
        head, tail = f"{_words(kind).capitalize()} {status_words(event.get('status'))}", event.get("product") or ""
    head = " ".join(head.split())
    return f"{head}: {tail}" if tail else head


def _issuer_label(event: Mapping[str, Any], release: Mapping[str, Any]) -> tuple[str, str]:
    """(ticker, company): the issuer's first ticker (else the release's), its company name."""
    issuer = event.get("issuer") or {}
    tickers: Sequence[Any] = issuer.get("tickers") or release.get("tickers") or []
    return (str(tickers[0]) if tickers else ""), str(issuer.get("company") or "")


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _cut(text, SECTION_LIMIT)}}


def _lines_within(lines: list[str], limit: int) -> str:
    """Join lines, dropping the tail (with a count) when they would not fit ``limit``."""
    out: list[str] = []
    used = 0
    for i, line in enumerate(lines):
        more = len(lines) - i
        reserve = len(f"\n…and {more} more")
        if used + len(line) + 1 + (reserve if more > 1 else 0) > limit:
            out.append(f"…and {more} more")
            break
        out.append(line)
        used += len(line) + 1
    return "\n".join(out)


def _link(url: str, label: str, limit: int = SECTION_LIMIT) -> str:
    """A mrkdwn link ``<url|label>`` within ``limit`` characters.  It is never cut
    through: the label is shortened, else dropped (``<url>``), else the link is
    dropped and only the label's text kept."""
    text = _esc(label).replace("|", "¦")
    if not url.lower().startswith(("https://", "http://")) or len(url) > 2000:
        return _cut(text, limit)
    safe_url = url.replace("|", "%7C").replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
    room = limit - len(safe_url) - 3  # "<", "|", ">"
    if len(text) <= room:
        return f"<{safe_url}|{text}>"
    if room >= _MIN_LINK_LABEL:
        return f"<{safe_url}|{_cut(text, room)}>"
    if len(safe_url) + 2 <= limit:
        return f"<{safe_url}>"
    return _cut(text, limit)


def slack_payload(msg: DiffMessage) -> dict[str, Any]:
    """The Slack message as data (see the module docstring)."""
    event = public_event(msg.event)
    release = public_release(msg.release)
    changes = public_changes(msg.changes)
    emoji, verb = _VERB[msg.diff_type]
    ticker, company = _issuer_label(event, release)
    what = what_happened(event)
    who = " ".join(p for p in (ticker, company) if p) or "Unknown issuer"

    head_ticker, head_company = _cut(ticker, _HEADER_TICKER_LIMIT), _cut(company, _HEADER_COMPANY_LIMIT)
    header = " · ".join(p for p in (f"{emoji} {head_ticker}".strip(), head_company, what) if p)
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": _cut(header, HEADER_LIMIT), "emoji": True}}
    ]

    title = f"*{_esc(company)}*" + (f" ({_esc(ticker)})" if ticker else "") if company else f"*{_esc(ticker)}*"
    details = [
        f"*{label}:* {_esc(_cut(_show(event[name]), _VALUE_LIMIT))}"
        for name, label in _DETAIL_FIELDS
        if event.get(name) not in (None, "", [])
    ]
    if event.get("announced") is False:
        details.append("_Recalled in this release, not newly announced._")
    summary = f"{title} — {verb.lower()} event: {_esc(what)}"
    blocks.append(_section(_lines_within([summary, *details], SECTION_LIMIT)))

    if changes:
        lines = [
            f"• *{_esc(_words(name))}:* ~{_esc(_cut(_show(c['old']), _VALUE_LIMIT))}~ → "
            f"{_esc(_cut(_show(c['new']), _VALUE_LIMIT))}"
            for name, c in changes.items()
        ]
        blocks.append(_section(_lines_within(["*What changed*", *lines], SECTION_LIMIT)))

    evidence = str(event.get("evidence") or "").strip()
    if evidence:
        quoted = _cut("\n".join("> " + line for line in _esc(evidence).splitlines() if line.strip()), SECTION_LIMIT)
        blocks.append(_section(quoted))

    label = str(release.get("title") or release.get("url") or "the release")
    published = f" · published {_esc(str(release['published_at']))}" if release.get("published_at") else ""
    context = _link(str(release.get("url") or ""), _cut(label, 500), SECTION_LIMIT - len(published)) + published
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": context}]})

    fallback = f"{verb}: {_esc(who)} — {_esc(what)}"
    return {"text": _cut(fallback, TEXT_LIMIT), "blocks": blocks[:MAX_BLOCKS], "unfurl_links": False}


def render_slack(msg: DiffMessage) -> bytes:
    """The exact bytes POSTed to a Slack incoming webhook."""
    return dump_json(slack_payload(msg))


def slack_probe_payload(subscription: str) -> dict[str, Any]:
    """A test message for a Slack subscription: a header saying so and one line of text."""
    text = f"{PROBE_TEXT} (subscription {_esc(subscription)})"
    return {
        "text": _cut(f"ir_feed test message: {text}", TEXT_LIMIT),
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": "🧪 ir_feed test message", "emoji": True}},
            _section(_cut(text, SECTION_LIMIT)),
        ],
        "unfurl_links": False,
    }


def render_slack_probe(subscription: str) -> bytes:
    """The exact bytes of a test message POSTed to a Slack incoming webhook."""
    return dump_json(slack_probe_payload(subscription))
