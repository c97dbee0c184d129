"""The paragraph of a release that holds an event's evidence sentence (pure).

The event page shows the sentence an event came from inside its paragraph, so a reader
sees what surrounds it ("In March 2023, …" a sentence earlier tells a recall).  The
evidence was cut from the release's cleaned text, so it is found again with spaces
made equal; where it cannot be found (the release's text was pruned, or a later version
rewrote the paragraph) there is no paragraph and the page shows the sentence alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n(?=\s*(?:[-•*·▪]|\d+\.)\s)")
_SPACE = re.compile(r"\s+")
MAX_PARAGRAPH = 3000  # characters shown around the sentence at most


@dataclass(frozen=True, slots=True)
class Highlighted:
    before: str
    sentence: str
    after: str


def _squeeze(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def highlight(text: str, evidence: str) -> Highlighted | None:
    """The paragraph of ``text`` holding ``evidence``, split around it; None when it
    holds it nowhere."""
    wanted = _squeeze(evidence)
    if not wanted or not text:
        return None
    for paragraph in _PARAGRAPH_BREAK.split(text):
        flat = _squeeze(paragraph)
        at = flat.find(wanted)
        if at < 0:
            continue
        before, after = flat[:at], flat[at + len(wanted) :]
        room = max(0, MAX_PARAGRAPH - len(wanted)) // 2
        if len(before) > room:
            before = "…" + before[len(before) - room :]
        if len(after) > room:
            after = after[:room] + "…"
        return Highlighted(before, wanted, after)
    return None
