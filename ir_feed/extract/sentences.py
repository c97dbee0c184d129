"""Release text → cleaned blocks → sentences, each tagged with its section.

Sections:

* ``headline`` — everything before the dateline (headline, sub-headlines, bullets,
  aggregator chrome); without a dateline, before the paragraph that says the news
  ("… today announced …") or the first paragraph.  Headlines can overstate the body:
  a designation or a started trial found only here is recalled; a *plan* to start a
  trial stated here is announced (sub-headline bullets often hold the only date).
* ``body`` — the news itself (quotes included).
* ``recap`` — a "Recent highlights"-style list: past milestones, recalled (plans in
  it are still plans).
* ``background`` — from the first "About X" heading (also "About X, Inc." and a
  heading run into its paragraph) or a contacts / footer heading on: boilerplate,
  recalled.
* ``fls`` — forward-looking-statement / risk-factor text and syndication footers
  ("The post … appeared first on …"): never a source of events.  A forward-looking
  section runs to the end of the release; nothing after its heading is read.

Blocks are non-empty lines; a line cut mid-phrase by an aggregator (a line ending
in "of", or a next line starting in lower case or with a glued hyphen) is joined
back to its neighbour.  A sentence ending in ":" followed by bullet lines carries
those bullets (an enumerated list of indications, for instance).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from ir_feed import patterns
from ir_feed.extract.casing import Casing, is_shouted

Section = Literal["headline", "body", "recap", "background", "fls"]

MAX_CHARS = 200_000  # work is bounded: only this much text is looked at
MAX_SENTENCE = 2_000  # longer "sentences" (junk, tables) are cut
MAX_BLOCK = 20_000  # a paragraph kept whole (no keyword in it) is cut there

_CONTROL = patterns.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\ufeff]")
# runs of spacing other than one plain space (a plain space needs no replacing)
_SPACING = "[ \t\xa0\u2000-\u200a\u202f\u205f\u3000]"
_SPACES = patterns.compile(f" {_SPACING}+|[\t\xa0\u2000-\u200a\u202f\u205f\u3000]{_SPACING}*")
_SPACE_RUN = patterns.compile("  +")
_BULLET = patterns.compile(r"^(?:[-•▪●◦*·]|[–—](?=\s))\s*")
_BULLET_MARKS = "-•▪●◦*·–—"
_DASH_WRAPPED = patterns.compile(r"^[–—]+\s*(.*?)\s*[–—]*$")
_FUNCTION_WORDS = frozenset(
    "of for the and with to in a an from by on including as".split()  # noqa: SIM905
)
_URL_LINE = patterns.compile(r"^(?:https?://|www\.)\S*$")
# a page's chrome copied with the release: a menu ("Home | News | Markets"), share and
# sign-in buttons, an advertisement's label — read as nothing, or it would pass for the
# headline (the title is the first headline line of five words)
_CHROME_LINE = patterns.compile(
    r"(?:[ \t]*[A-Za-z][A-Za-z&' ]{0,20}\|){2,}[ \t]*[A-Za-z][A-Za-z&' ]{0,20}|"  # (words only: no table's row)
    r"(?:skip\s+to\s+(?:main\s+)?content|sign\s+(?:in|up)|log\s?in|register|subscribe(?:\s+now)?|advertisement|"
    r"menu|search|print(?:\s+this)?(?:\s+article)?|e-?mail(?:\s+this)?(?:\s+article)?|top\s+of\s+page|"
    r"share(?:\s+this)?(?:\s+(?:article|story|page|release))?(?:\s+on\s+\w+)*(?:\s+share\s+on\s+\w+)*|"
    r"follow\s+us(?:\s+on\s+\w+)*|[\s\w]{0,20}(?:sign\s+in|log\s?in)\s+(?:advertisement|register))",
    re.IGNORECASE,
)
_TERMINAL = '.!?:;"”’)]'

WIRE = patterns.compile(
    r"[(/]\s*(?:GLOBE\s?NEWSWIRE|BUSINESS\s?WIRE|PR\s?Newswire|ACCESSWIRE|ACCESS\s?Newswire|"
    r"Newsfile\s+Corp\.?|MARKETWIRED|Marketwire|EQS\s?Newswire|CNW|PRWEB|[A-Z][A-Za-z]*\s?Newswire|"
    r"Media\s?OutReach)\b",
    re.IGNORECASE,
)

_ABOUT = patterns.compile(r"^about\s+\S", re.IGNORECASE)
# an About heading run into its paragraph by a copy that lost the line break
# ("About Moleculin Biotech, Inc. Moleculin is …"): "About" and a capital
_ABOUT_RUN_IN = patterns.compile(r"^(?:About|ABOUT)\s+(?:the\s+)?[A-Z0-9\"“]")
_LEGAL_END = patterns.compile(r"\b(?:Inc|Corp|Co|Ltd|plc|LLC|S\.A|N\.V|AG|SE|AB|ASA|A/S|Oyj|Limited|GmbH|L\.P)\.$")
# contacts and syndication footers: never the news
_FOOTER_HEAD = patterns.compile(
    r"^(?:(?:media|investor|press|company)(?:\s+(?:and|&)\s+(?:media|investor|press))?\s+"
    r"(?:relations\s+)?(?:contacts?|inquiries|enquiries)|contacts?|for\s+(?:more|further)\s+information|"
    r"source:|###|view\s+(?:original\s+content|source\s+version)|related\s+links|disclaimer|references|"
    r"notes?\s+to\s+editors?|"
    # a page's list of other releases: "Recent Press Releases", "Related News", "More News"
    r"(?:recent|related|latest|more|other|previous|additional|similar)\s+(?:press\s+releases?|news(?:\s+releases?)?|"
    r"articles?|stories|posts|headlines|announcements)|you\s+may\s+also\s+like|see\s+also)\b",
    re.IGNORECASE,
)
_FOOTER_SENTENCE = patterns.compile(
    r"\bappeared\s+first\s+on\b|^view\s+(?:original\s+content|source\s+version)|^source:\s", re.IGNORECASE
)
_FLS_HEAD = patterns.compile(
    r"forward[- ]looking\s+statement|safe\s+harbou?r|cautionary\s+(?:note|statement)|"
    r"risk\s+factors",
    re.IGNORECASE,
)
_RECAP_HEAD = patterns.compile(
    r"\b(?:highlights|recent\s+(?:developments|progress|events|milestones)|achievements|accomplishments|"
    r"milestones\s+(?:achieved|reached|accomplished|met)|(?:year|quarter)\s+in\s+review)\b",
    re.IGNORECASE,
)
_FORWARD_HEAD = patterns.compile(r"\b(?:upcoming|anticipated|expected|planned|future)\b", re.IGNORECASE)
_FLS_SENTENCE = patterns.compile(
    r"forward[- ]looking\s+statements?|private\s+securities\s+litigation|"
    r"risks?\s+and\s+uncertainties|actual\s+results\s+(?:could|may)\s+differ|"
    # the hedges of risk language: "there can be no assurance that Acme will initiate …"
    r"(?:can|could)\s+be\s+no\s+(?:assurance|guarantee)|(?:cannot|can\s+not)\s+(?:assure|guarantee)",
    re.IGNORECASE,
)

_ABBREVIATIONS = frozenset(
    [
        "inc",
        "corp",
        "co",
        "ltd",
        "llc",
        "plc",
        "dr",
        "mr",
        "mrs",
        "ms",
        "jr",
        "sr",
        "st",
        "no",
        "nos",
        "vs",
        "etc",
        "approx",
        "fig",
        "al",
        "mt",
        "dept",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "u.s.a",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "calif",
        "mass",
        "pa",
        "md",
        "ill",
        "fla",
        "n.j",
        "n.y",
        "d.c",
        "ph.d",
        "ph",  # a phase written short: "initiation of Ph. 2 trial"
        "m.d",
        "ariz",
        "colo",
        "conn",
        "wash",
        "minn",
        "mich",
        "tenn",
        "va",
        "ont",
        "b.c",
        "que",
    ]
)
# (a footnote number may follow a word's full stop: "… multiple myeloma.8,9 The …")
_SPLIT_POINT = patterns.compile(
    r"[.!?][\"”’)\]*]*(?:(?<=[a-z)][.])\d{1,2}(?:[,–-]\d{1,2})*)?\s+(?=[\"“‘(\[*]*[A-Z0-9])")


@dataclass(slots=True, unsafe_hash=True)
class Sentence:
    """One sentence of the release (never changed once made; not declared frozen, as
    a frozen dataclass costs several times more to make and a release has many)."""

    text: str
    index: int  # position among all sentences
    block: int  # the block (paragraph) it belongs to
    section: Section
    bullets: tuple[str, ...] = ()  # bullet lines it introduces (when it ends with ":")
    lower: str = ""  # the text in lower case (:func:`lowered`), offset for offset
    words: frozenset[str] = frozenset()  # the :class:`Keywords` it holds
    verbatim: str = ""  # the text as written, when ``text`` reads it otherwise (:mod:`.casing`)

    def has_any(self, words: frozenset[str]) -> bool:
        """True when the sentence holds one of ``words`` (all of them in the
        :class:`Keywords` its sentences were split with)."""
        return not self.words.isdisjoint(words)

    @property
    def is_body(self) -> bool:
        return self.section == "body"

    @property
    def quote(self) -> str:
        """The sentence as the release writes it (the evidence shown to people)."""
        return self.verbatim or self.text


def trie_pattern(words: list[str]) -> str:
    """A regex matching the longest of ``words`` at a position, with alternatives
    factored by common prefix ("in(?:dication|itiat)"): the engine then rejects a
    position after one comparison per distinct first letter, not one per word."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}
    return _emit(trie)


def by_first_char(alternation: str) -> str:
    """``alternation`` (``"a1|a2|..."``, each alternative led by a literal letter)
    regrouped by that letter, keeping the order within a group: the same matches, but
    the engine compares a position with one branch per distinct letter, not one per
    alternative (``"plans?X|plannedX|willX"`` → ``"(?:p(?:lans?X|lannedX)|willX)"``)."""
    groups: dict[str, list[str]] = {}
    for alt in _top_level(alternation):
        if not alt[:1].isalpha() or alt[1:2] in ("*", "+", "?", "{"):
            raise ValueError(f"not led by a literal letter: {alt!r}")
        groups.setdefault(alt[0], []).append(alt[1:])
    return "(?:" + "|".join(c + (r[0] if len(r) == 1 else "(?:" + "|".join(r) + ")") for c, r in groups.items()) + ")"


def word_led(alternation: str) -> str:
    """``\\b(?:alternation)`` (each alternative led by a literal letter or digit) with the
    word start checked after each alternative's first character instead ("in|on" →
    ``"(?:i(?<!\\wi)n|o(?<!\\wo)n)"``): the same matches, but the pattern is led by
    literals, so the engine skips ahead to those characters instead of trying it at every
    position.  (For a pattern without IGNORECASE: with it, the engine skips to nothing.)"""
    alternatives = _top_level(alternation)
    for alt in alternatives:
        if not alt[:1].isalnum() or alt[1:2] in ("*", "+", "?", "{"):
            raise ValueError(f"not led by a literal letter or digit: {alt!r}")
    return "(?:" + "|".join(f"{alt[0]}(?<!\\w{alt[0]}){alt[1:]}" for alt in alternatives) + ")"


def _top_level(alternation: str) -> list[str]:
    """The top-level alternatives of a regex (escapes, classes and groups skipped)."""
    out: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(alternation):
        c = alternation[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if alternation[i + 1 : i + 2] == "^":
                i += 1
            if alternation[i + 1 : i + 2] == "]":
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(alternation[start:i])
            start = i + 1
        i += 1
    out.append(alternation[start:])
    return out


def _emit(node: dict[str, Any]) -> str:
    branches = [re.escape(c) + _emit(child) for c, child in sorted(node.items()) if c]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


_NONE: frozenset[str] = frozenset()


# keywords that are often the inside of a longer word: kept only at a word start
_AMBIGUOUS = frozenset({
    "ind", "nol", "rmat", "odd", "cta", "ctn", "open", "start", "btd", "ftd", "rpdd", "fast",
    "nda", "bla", "maa", "anda",
})  # fmt: skip


# distinct tokens whose keywords :class:`Keywords` remembers (a few megabytes); then it
# starts again (the corpus of 2,200 releases holds about 70,000)
_TOKENS_KEPT = 200_000


def _at_word_start(text: str, word: str) -> bool:
    i = text.find(word)
    while i >= 0:
        if i == 0 or not text[i - 1].isalnum():
            return True
        i = text.find(word, i + 1)
    return False


class Keywords:
    """The literals of a set that occur in a text (for sentences: every rule's
    lower-case pre-checks together).  A short keyword that is often the inside of a
    longer word (:data:`_AMBIGUOUS`) counts only at a word start."""

    def __init__(self, words: frozenset[str]) -> None:
        self._words = tuple(sorted(words))
        # all of them at once: the longest keyword starting at a position (a trie
        # alternation); the shorter ones starting there are its prefixes
        self._any = patterns.compile(trie_pattern(list(self._words)) or "(?!)")  # ("(?!)": no keyword, no match)
        # the same without the keywords written in other scripts (Chinese and Japanese ones),
        # for the usual text that holds none of them: the candidate first letters are then
        # one bitmap the engine checks at each character, not a list of ranges and letters
        self._ascii_any = patterns.compile(trie_pattern([w for w in self._words if w.isascii()]) or "(?!)")
        self._not_ascii = tuple(w for w in self._words if not w.isascii())
        self._prefixes = {w: tuple(v for v in self._words if w.startswith(v)) for w in self._words}
        # A text is read a whitespace-separated token at a time, each distinct token once
        # (see :meth:`_scan`): a keyword without a space lies inside one token, and starts a
        # word there where it starts one in the text.  One with spaces ("first patient") is
        # looked for in the text itself, when a token holds its longest part.
        self._in_token = Keywords._Token(self, [w for w in self._words if " " in w])

    def find(self, text: str, among: frozenset[str] | None = None) -> frozenset[str]:
        """The keywords in ``text`` (only those of ``among`` when given: a sentence
        holds no keyword its paragraph lacks)."""
        if among is None:
            return self._scan(text)
        # (a few keywords: one C-level substring search each costs less than the scan)
        hits = [w for w in among if w in text]
        if not hits:
            return _NONE
        if not _AMBIGUOUS.isdisjoint(hits):  # "ind" of "kind", "rmat" of "information"
            hits = [h for h in hits if h not in _AMBIGUOUS or _at_word_start(text, h)]
        return frozenset(hits) if hits else _NONE

    def _scan(self, text: str) -> frozenset[str]:
        """All the keywords in ``text``: those of each distinct token of it, found once
        per token and kept (the trie scan reads every letter, and a release's tokens are
        mostly words met before), and those with spaces whose longest part a token holds."""
        return self._in_token.scan(text)

    def _scan_token(self, text: str) -> frozenset[str]:
        """All the keywords in ``text`` (a token, or any text), found in one scan (a
        substring search per keyword reads the whole text once per keyword): every
        position where one starts, with whether it starts a word there."""
        found: set[str] = set()
        at_word_start: set[str] = set()
        search = self._ascii_any.search
        if not text.isascii() and holds_any(text, self._not_ascii):
            search = self._any.search
        m = search(text)
        while m is not None:
            i = m.start()
            starting = self._prefixes[m.group()]
            found.update(starting)
            if i == 0 or not text[i - 1].isalnum():
                at_word_start.update(starting)
            m = search(text, i + 1)
        hits = [w for w in found if w not in _AMBIGUOUS or w in at_word_start]
        return frozenset(hits) if hits else _NONE

    class _Token:
        """The keywords of tokens, each token read once and remembered (at most
        :data:`_TOKENS_KEPT` of them: a daemon meets new ones for ever)."""

        def __init__(self, keywords: Keywords, spaced: list[str]) -> None:
            self._keywords = keywords
            # the longest part of each keyword with spaces: a token holds it where the text
            # holds the keyword (each part lies inside a token)
            parts: dict[str, list[str]] = {}
            for w in spaced:
                parts.setdefault(max(w.split(" "), key=len), []).append(w)
            self._spaced = {part: tuple(ws) for part, ws in parts.items()}
            self._plain: set[str] = set()  # tokens holding no keyword and no part
            self._held: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {}  # the others

        def scan(self, text: str) -> frozenset[str]:
            tokens = set(text.split())
            tokens.difference_update(self._plain)  # (most tokens: one C pass)
            if not tokens:
                return _NONE
            found: set[str] = set()
            spaced: set[str] = set()
            for token in tokens:
                held = self._held.get(token)
                if held is None:
                    held = self._read(token)
                    if held is None:
                        continue
                found.update(held[0])
                spaced.update(held[1])
            for w in spaced:
                if w in text:
                    found.add(w)
            return frozenset(found) if found else _NONE

        def _read(self, token: str) -> tuple[frozenset[str], tuple[str, ...]] | None:
            # (the whole trie: no keyword with a space matches inside a token)
            words = self._keywords._scan_token(token)
            spaced = tuple(w for part, ws in self._spaced.items() if part in token for w in ws)
            if len(self._plain) + len(self._held) >= _TOKENS_KEPT:
                self._plain.clear()
                self._held.clear()
            if not words and not spaced:
                self._plain.add(token)
                return None
            held = self._held[token] = (words, spaced)
            return held


class Block(NamedTuple):
    text: str
    bullet: bool


# an abbreviation's dots ("u.s.", "u.k.", "e.u."): letters alone, each followed by a dot
# (the match starts at the first dot, its letter checked behind it: the engine then skips
# ahead to dots instead of trying every letter; the letter before is kept by the
# replacement anyway, so the text made is the same as "(?<![a-z])(?:[a-z]\.){2,}" makes)
_ABBREVIATION_DOTS = patterns.compile(r"\.(?<=(?<![a-z])[a-z]\.)(?:[a-z]\.)+")


def undotted(low: str) -> str:
    """``low`` with an abbreviation's dots made spaces, offset for offset ("approval from the u s  fda
    to begin"): a cue that reads across a clause but never past a full stop then reads across
    "U.S." and "U.K." too."""
    if "." not in low:
        return low
    return _ABBREVIATION_DOTS.sub(lambda m: m.group(0).replace(".", " "), low)


def lowered(text: str) -> str:
    """``text`` in lower case, offset for offset (the few characters whose lower case
    is longer, such as "İ", are kept as they are)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


# the only characters that IGNORECASE matches to an ASCII letter, or whose lower case
# is one (checked in tests/unit/extract/test_release_facts.py)
ASCII_LOOKALIKES = "\u0130\u0131\u017f\u212a"  # İ ı ſ K (Kelvin)
# those that :func:`lowered` leaves as they are (the Kelvin sign becomes "k"): in a text
# holding none, an IGNORECASE pattern written in lower case matches where the same
# pattern without the flag matches the lowered text
LOOKALIKE_LETTERS = ("\u0130", "\u0131", "\u017f")


def may_match(low: str, word: str) -> bool:
    """False when an IGNORECASE pattern every match of which spells ``word`` (in lower
    case) cannot match the text whose :func:`lowered` form is ``low``."""
    return word in low or (not low.isascii() and holds_any(low, LOOKALIKE_LETTERS))


# a letter other than an ASCII lower-case one, once a pattern's escapes ("\\S", "\\b") are dropped
_NOT_LOWER_ASCII_LETTER = patterns.compile(r"[^\W\d_a-z]")
_ESCAPE = patterns.compile(r"\\.")


class LowerCased:
    """An IGNORECASE pattern whose letters are all ASCII lower case, for :func:`lowered`
    text only: run without the flag (the engine then compares characters as they are,
    two to four times faster) where the text holds none of :data:`LOOKALIKE_LETTERS`.
    The same matches: lowered text holds no capital (but "İ"), and the only characters
    that IGNORECASE matches to a lower-case ASCII letter other than itself are a capital
    or one of those (``tests/unit/extract/test_release_facts.py`` checks the list).  A
    pattern of other letters (a capital, "é") is run as written (:attr:`plain` is False;
    ``tests/unit/extract/test_lower_cased.py`` checks that none is)."""

    __slots__ = ("_plain", "pattern", "plain")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.plain = bool(pattern.flags & re.IGNORECASE) and not _NOT_LOWER_ASCII_LETTER.search(
            _ESCAPE.sub("", pattern.pattern)
        )
        self._plain = patterns.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE) if self.plain else pattern

    def _for(self, low: str) -> re.Pattern[str]:
        return self._plain if low.isascii() or not holds_any(low, LOOKALIKE_LETTERS) else self.pattern

    def search(self, low: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self._for(low).search(low, pos, endpos)

    def match(self, low: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self._for(low).match(low, pos, endpos)

    def finditer(self, low: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self._for(low).finditer(low, pos, endpos)


def holds_any(text: str, words: tuple[str, ...]) -> bool:
    """True when one of ``words`` occurs in ``text`` (``any`` without a generator)."""
    for w in words:  # noqa: SIM110 (a generator costs more than the search here)
        if w in text:
            return True
    return False


class Cue(NamedTuple):
    """A keyword pattern (see :func:`word_search`) with literals of which every match
    holds one: where none occurs, the pattern is not run (a few ``str`` searches cost
    far less than a regex scan).  ``tests/unit/extract/test_cues.py`` proves the
    hints complete from the pattern's syntax."""

    pattern: re.Pattern[str]
    hints: tuple[str, ...]


def word_search(
    pattern: re.Pattern[str] | Cue, low: str, pos: int = 0, endpos: int | None = None
) -> re.Match[str] | None:
    """The first match of ``pattern`` in ``low`` that starts a word.

    Keyword patterns are written in lower case, unanchored and led by a literal (no
    leading ``\\b``, no IGNORECASE) and run on :func:`lowered` text: the regex engine
    then skips ahead to the candidate letters instead of trying every position; the
    word start is checked here on the few candidates."""
    end = len(low) if endpos is None else endpos
    regex = pattern
    if isinstance(regex, Cue):
        if pos == 0 and end >= len(low):  # (the whole text: ``in`` costs less than a call to ``find``)
            for hint in regex.hints:
                if hint in low:
                    break
            else:
                return None
        else:
            for hint in regex.hints:
                if low.find(hint, pos, end) >= 0:
                    break
            else:
                return None
        regex = regex.pattern
    # (``finditer``'s matches, one ``search`` at a time: most calls end at the first)
    m = regex.search(low, pos, end)
    while m is not None:
        i, after = m.span()
        if i == 0 or not (low[i - 1].isalnum() or low[i - 1] == "_"):
            return m
        if after == i:  # (an empty match: ``finditer`` steps on in its own way)
            return next((m for m in regex.finditer(low, after, end) if _word_start(low, m.start())), None)
        m = regex.search(low, after, end)
    return None


def _word_start(low: str, i: int) -> bool:
    return i == 0 or not (low[i - 1].isalnum() or low[i - 1] == "_")


# an article or a possessive before what a clause names, in lower-cased text: "the", "its",
# "acme pharma plc's" (a regulator that "authorized acme pharma plc's first-in-human study")
DETERMINER = r"(?:the\s+|a\s+|an\s+|its\s+|our\s+|their\s+|(?:[a-z][\w.-]*\s+){0,3}?[a-z][\w.-]*['’]s\s+)"
_ESCAPED_LINES = 4
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})
# (the letter before the dash is checked behind it: the engine then skips ahead to dashes)
_CODE_DASH = patterns.compile(r"[\u2012\u2013\u2212](?<=[A-Za-z][\u2012\u2013\u2212])(?=\d)")
# a designation's name set in quotes: 'granted "Orphan Drug" designation', "‘Fast Track’ status"
_QUOTED_NAME = patterns.compile(
    r"[\"“”‘’']((?:[A-Z][\w-]*\s?){1,4}?)[\"“”‘’'](?=\s+(?:[Dd]esignation|[Ss]tatus|DESIGNATION|STATUS)\b)"
)


def clean(text: str) -> str:
    """Bound the text, drop control characters, unify spaces, line ends and the
    hyphens of codes."""
    text = text[:MAX_CHARS]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2010" in text or "\u2011" in text:
        text = text.translate(_HYPHENS)  # typeset hyphens: "ALLO\u2011329" is ALLO-329
    if "\u2013" in text or "\u2012" in text or "\u2212" in text:
        text = _CODE_DASH.sub("-", text)  # "ALLO\u2013329": a dash inside a code is its hyphen
    if "esignation" in text or "tatus" in text or "ESIGNATION" in text or "TATUS" in text:
        text = _QUOTED_NAME.sub(r"\1", text)
    if "\\n" in text and text.count("\\n") >= _ESCAPED_LINES:
        # a page that embeds the release as JSON: its line breaks are written "\n"
        text = text.replace("\\n", "\n").replace('\\"', '"')
    if text.replace("\n", "").isprintable():
        # the usual case, checked in one C pass: every control character and every
        # spacing but the plain space is "Other" or "Separator", so not printable;
        # only runs of plain spaces can be left to collapse
        text = _SPACE_RUN.sub(" ", text) if "  " in text else text
    else:
        text = _CONTROL.sub("", text)
        if "  " in text or "\t" in text or not text.isascii():
            text = _SPACES.sub(" ", text)
    if ".About " in text or ")About " in text or ".ABOUT " in text or ")ABOUT " in text:
        # an About heading glued to the sentence before it by a copy that lost the line break
        # ("… (NCT01234567).About Acme Pharmaceuticals Acme is …"): the section starts there
        text = _GLUED_ABOUT.sub("\n", text)
    return _reline(text) if len(text) > _RELINE_MIN and "\n" not in text[:_RELINE_WITHIN] else text


_GLUED_ABOUT = patterns.compile(r"(?<=[a-z0-9)\]”\"][.)])(?=(?:About|ABOUT) (?:the )?[A-Z])")


# A copy that lost its line breaks (an aggregator's one-paragraph page, a converted
# filing) runs headline, dateline, body, About section and safe harbour together, and
# every rule of document structure reads lines.  Its breaks are put back where a
# release's structure is plain in the words: before the dateline (a city in capitals and
# a date), a bullet, an "About <Name>" heading, a forward-looking statements heading and
# the contacts.
_RELINE_MIN, _RELINE_WITHIN = 600, 1000
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*"
_DATELINE_BREAK = patterns.compile(
    r"(?<=\S)[ \t]+(?=[A-Z][A-Z.'’-]+(?:[ \t]+[A-Z][A-Z.'’-]+){0,3}"
    r"(?:,[ \t]*[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,2}){0,3},?[ \t]+"
    r"(?:" + _MONTHS + r"\.?[ \t]+\d{1,2},?[ \t]+(?:19|20)\d\d|\d{1,2}[ \t]+" + _MONTHS + r"[ \t]+(?:19|20)\d\d))"
)
_SECTION_BREAK = patterns.compile(
    r"[ \t]+(?=[•●▪][ \t])|"
    r"(?<=[.!?”\")])[ \t]+(?=(?:About|ABOUT)[ \t]+(?:the[ \t]+)?[A-Z]|"
    r"(?:Forward[- ]Looking[ \t]+Statements?|FORWARD[- ]LOOKING[ \t]+STATEMENTS?|Safe[ \t]+Harbou?r|"
    r"Cautionary[ \t]+(?:Note|Statement))\b|"
    r"(?:Media|Investor|Press)(?:[ \t]+(?:and|&)[ \t]+\w+)?(?:[ \t]+Relations)?[ \t]+Contacts?\b|"
    r"Contacts?:|SOURCE[ \t])"
)


def _reline(text: str) -> str:
    head = _DATELINE_BREAK.search(text, 0, 1_500)
    if head is not None:
        text = text[: head.start()] + "\n" + text[head.end() :]
    return _SECTION_BREAK.sub("\n", text)


def _wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped text was wrapped at (an e-mailed or SEC .txt copy: every
    line of a paragraph but its last runs to about the same length), else None."""
    lengths = sorted(n for n in map(len, lines) if n >= 20)
    if len(lengths) < 4:
        return None
    width = lengths[(len(lengths) * 9) // 10]
    if not _WRAP_MIN <= width <= _WRAP_MAX:
        return None
    full = sum(1 for n in lengths if n >= width - _WRAP_SLACK)
    return width if full * 2 >= len(lengths) else None


_WRAP_MIN, _WRAP_MAX, _WRAP_SLACK = 55, 100, 15


def _blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    lines = text.split("\n")
    width = _wrap_width(lines) if len(text) < len(lines) * _WRAP_MAX else None
    full_before = False  # the line before ran to the wrap width: this one continues it
    for raw in lines:
        line = raw.strip()
        was_full, full_before = full_before, width is not None and len(raw) >= width - _WRAP_SLACK
        if (
            not line
            or (line[0] in "hw" and _URL_LINE.match(line))
            or (len(line) <= 80 and _CHROME_LINE.fullmatch(line))
        ):
            continue
        bullet = False
        m = _BULLET.match(line) if line[0] in _BULLET_MARKS else None  # (every match starts with one)
        if m and m.end() < len(line):
            rest = line[m.end() :]
            glued = m.end() == 1 and line[0] in "-" and rest[:1].islower()
            if not glued:
                line, bullet = rest, True
        else:
            wrapped = _DASH_WRAPPED.match(line) if line[0] in "–—" else None
            if wrapped and wrapped.group(1):
                line, bullet = wrapped.group(1), True
        if blocks and not bullet and (was_full or _continues(blocks[-1].text, line)):
            prev = blocks[-1]
            sep = "" if line.startswith("-") else " "
            blocks[-1] = Block(prev.text + sep + line, prev.bullet)
            continue
        blocks.append(Block(line, bullet))
    return blocks


def _continues(prev: str, line: str) -> bool:
    if prev[-1] == "," and len(prev) > 80 and line[0].isalpha():
        return True  # a paragraph cut after a comma by a copy ("… neoplasm,\nThe FDA also granted …")
    if prev[-1] in _TERMINAL:
        return False
    if line[0].islower() or (line[0] == "-" and len(line) > 1 and line[1].isalnum()):
        return True
    tail = prev.rsplit(None, 1)[-1].lower()
    return tail in _FUNCTION_WORDS


def split_sentences(block: str) -> list[str]:
    """Split one block into sentences, not after common abbreviations or initials."""
    out: list[str] = []
    start = 0
    for m in _split_points(block):
        if block[m.start()] == ".":
            before = block[max(start, m.start() - 12) : m.start()].rsplit(None, 1)
            w = before[-1].lstrip("(\"“'").lower() if before else ""
            if w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha()):
                continue
        piece = block[start : m.end()].strip()
        if piece:
            out.append(piece)
        start = m.end()
    tail = block[start:].strip()
    if tail:
        out.append(tail)
    return [s[:MAX_SENTENCE] for s in out]


def _split_points(block: str) -> list[re.Match[str]]:
    """``_SPLIT_POINT.finditer(block)``, tried only where a match can start (at a
    ".", "!" or "?", found by ``str.find``, much faster than the regex scan)."""
    found: list[int] = []
    for mark in ".!?":
        i = block.find(mark)
        while i >= 0:
            found.append(i)
            i = block.find(mark, i + 1)
    if not found:
        return []
    found.sort()
    out: list[re.Match[str]] = []
    end = 0
    match = _SPLIT_POINT.match
    for i in found:
        if i >= end and (m := match(block, i)):
            out.append(m)
            end = m.end()
    return out


def _is_heading(text: str) -> bool:
    return len(text) <= 120 and text[-1] not in ".;," and len(text.split()) <= 14


_TICKER_GROUP = patterns.compile(
    r"\([^()]{0,80}\b(?:NASDAQ|NYSE|TSXV?|TSX-V|ASX|CSE|OTC[A-Z]*|LSE|AIM)\s*:\s*[A-Z0-9]",
    re.IGNORECASE,
)


_SAYS_NEWS = patterns.compile(
    r"\b(?:today\s+(?:announced|announces|reported|reports|said|says|unveiled)|"
    r"(?:announced|announces|reported|reports)\s+today|is\s+pleased\s+to\s+announce)\b",
    re.IGNORECASE,
)
# every match holds one, in some case: letters that IGNORECASE matches to no other character
# than their capital (see ASCII_LOOKALIKES), so the text lower-cased holds it too
_SAYS_NEWS_HINTS = ("today", "plea")


def _is_section_heading(text: str) -> bool:
    """A heading, or an About heading that ends in the company's legal form ("About Acme, Inc.")."""
    return _is_heading(text) or (
        len(text) <= 120 and text[:5] in ("About", "ABOUT") and _LEGAL_END.search(text) is not None
    )


def _is_about_heading(text: str) -> bool:
    return _ABOUT.match(text) is not None and _is_heading(text)


def _has_words(text: str, n: int) -> bool:
    """``len(text.split()) >= n``, without splitting a long paragraph past its ``n``-th word."""
    return len(text.split(None, n - 1)) >= n


def _body_start(blocks: list[Block]) -> int:
    """The dateline block; without one, the block naming the issuer's listing."""
    for i, b in enumerate(blocks[:80]):
        if ("(" in b.text or "/" in b.text) and WIRE.search(b.text):  # (a wire's name follows one)
            return i
    # (never inside an About section: its paragraph names the listing and says what
    # the company does, not the news)
    # (an "About this update" atop a page, before any paragraph, is the page's)
    about, prose = 80, False
    for i, b in enumerate(blocks[:80]):
        if prose and _is_about_heading(b.text):
            about = i
            break
        if not prose:
            # (a paragraph: fifteen words, or forty characters of a script written without spaces)
            long = _has_words(b.text, 15) or (len(b.text) >= 40 and not b.text.isascii())
            prose = long and b.text[-1] in _TERMINAL + "。"
    for i, b in enumerate(blocks[:about]):
        if "(" in b.text and ":" in b.text and _TICKER_GROUP.search(b.text):  # (every match holds both)
            return i
    # no dateline: the paragraph that says the news ("… today announced …"), else the
    # first paragraph after the title lines
    for i, b in enumerate(blocks[: min(30, about)]):
        if (
            not b.bullet
            and _has_words(b.text, 15)
            and holds_any(b.text.lower(), _SAYS_NEWS_HINTS)
            and _SAYS_NEWS.search(b.text)
        ):
            return i
    # no dateline: the body starts at the first paragraph after the title lines
    for i, b in enumerate(blocks[: min(30, about)]):
        if not b.bullet and b.text[-1] in _TERMINAL and not b.text.startswith("#") and _has_words(b.text, 15):
            return i
    # … or at the first one too long for a title, where the copy cut it short (a quote
    # ending "… ,” said"): the lines above it are the title's ("Press Release", the headline)
    for i, b in enumerate(blocks[: min(30, about)]):
        if not b.bullet and not b.text.startswith("#") and _has_words(b.text, 30):
            return i
    return 0


def sentences(
    cleaned: str, *, body_start: int | None = None, keywords: Keywords | None = None, recased: bool = False
) -> tuple[Sentence, ...]:
    """The sentences of a :func:`clean` text in order, each with its section (and
    the ``keywords`` it holds, outside forward-looking text).  ``recased``: the text is
    a copy in lower case read in the casing releases write (:func:`.casing.recase`);
    each sentence is quoted as the copy wrote it, in lower case."""
    blocks = _blocks(cleaned)
    start = _body_start(blocks) if body_start is None else body_start
    out: list[Sentence] = []
    section: Section = "headline"
    # a paragraph's keywords are found in one scan of it, a sentence's among its
    # paragraph's only (a sentence holds none its paragraph lacks); the paragraphs
    # after a forward-looking statements heading are not even scanned
    casing: Casing | None = None  # learnt when a shouted line is first met
    for bi, block in enumerate(blocks):
        if bi >= start and section == "headline":
            section = "body"
        if section == "fls":
            break  # forward-looking text runs to the end (nothing leaves it): no rule reads it
        text = block.text
        # (whether the block is a heading matters only where it may change the section)
        if bi > start and section in ("body", "recap"):
            if _is_section_heading(text) or _ABOUT_RUN_IN.match(text):
                if _ABOUT.match(text) or _FOOTER_HEAD.match(text):
                    section = "background"
                elif _FLS_HEAD.search(text):
                    section = "fls"
                elif _RECAP_HEAD.search(text) and not _FORWARD_HEAD.search(text):
                    section = "recap"
                elif not block.bullet:
                    section = "body"
        elif section == "background" and _is_section_heading(text) and _FLS_HEAD.search(text):
            section = "fls"
        block_low = lowered(block.text)
        in_block = keywords.find(block_low) if keywords is not None else _NONE
        shouted = is_shouted(text)
        if shouted and casing is None:
            casing = Casing.of([b.text for b in blocks])
        if keywords is not None and not in_block:
            # no rule reads a paragraph without a keyword: it stays whole (for the
            # products and trial names other sentences refer back to)
            kept, low_kept = block.text[:MAX_BLOCK], block_low[:MAX_BLOCK]
            if shouted and casing:
                out.append(Sentence(casing.restore(kept), len(out), bi, section, (), low_kept, _NONE, kept))
            else:
                out.append(Sentence(kept, len(out), bi, section, (), low_kept, _NONE, low_kept if recased else ""))
            continue
        parts = split_sentences(block.text)
        for pi, written in enumerate(parts):
            part = casing.restore(written) if shouted and casing else written
            sec: Section = section
            low = lowered(part)
            if (
                sec in ("body", "recap", "background")
                and (
                    "forward" in low
                    or "securities" in low
                    or "uncertaint" in low
                    or "actual results" in low
                    or "assur" in low
                    or "guarant" in low
                )
                and _FLS_SENTENCE.search(part)
            ):
                sec = "fls"
            elif sec != "fls" and holds_any(low, ("appeared", "source", "view")) and _FOOTER_SENTENCE.search(part):
                sec = "fls"  # "The post … appeared first on …": a syndication footer
            bullets: tuple[str, ...] = ()
            if pi == len(parts) - 1 and part.endswith(":"):
                bullets = _following_bullets(blocks, bi)
            words = keywords.find(low, in_block) if keywords is not None and sec != "fls" else frozenset()
            verbatim = low if recased else written if part != written else ""
            out.append(Sentence(part, len(out), bi, sec, bullets, low, words, verbatim))
    return tuple(out)


def _following_bullets(blocks: list[Block], bi: int) -> tuple[str, ...]:
    items: list[str] = []
    for b in blocks[bi + 1 : bi + 30]:
        if not b.bullet:
            break
        items.append(b.text)
    return tuple(items)
