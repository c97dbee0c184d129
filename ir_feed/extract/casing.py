"""Shouted lines read in the release's own casing, and copies without capitals read in
the casing releases write (pure).

Many wires and older releases print the headline, a sub-headline or a whole lead in
capitals ("PHRIXUS PHARMACEUTICALS, INC. ANNOUNCES ORPHAN DRUG DESIGNATION").  The
rules tell a product code, a drug name, a company and a city apart by their casing,
so in capitals every word looks like a name: a dateline city or the company became
the product.  A shouted sentence is therefore read with each word cased as the rest
of the same release writes it ("Phrixus Pharmaceuticals, Inc. announces Orphan Drug
designation"):

* a word the release writes elsewhere takes its most frequent written form (a form
  written inside a sentence over one written first in it: "the", not "The");
* a word with a digit stays as it is (a code: "ALLO-329"), and so does an initial
  ("U.S.A.");
* a word the release never writes is read in lower case, so that no rule takes an
  unknown common word for a name; but a brand ("CARBAGLU®") takes a capital, and a
  short word that is no common word stays in capitals (an acronym: "FDA", "IND").

The evidence quoted to people stays the text as written.

Nothing is learnt from other releases: the vocabulary is the release's own text.

Some aggregators syndicate a release all in lower case ("acme therapeutics announces
fda clearance of ind for acm-101"): there is no casing to learn from, so such a
paragraph is read in the casing any release writes (:func:`recase`): a code with a
digit in capitals ("ACM-101", "COVID-19", "Q3"), the regulators', exchanges' and
filings' acronyms in capitals ("FDA", "IND", "NASDAQ"), a phase's Roman numeral
("phase II"), a listing's symbol, a brand before its mark, and each sentence's first
letter.  Other words stay in lower case, so that no rule takes a common word for a
name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ir_feed import patterns

__all__ = ["Casing", "is_lower_case", "is_shouted", "recase"]

_WORD = patterns.compile(r"[^\W\d_](?:[\w'’]|-(?=\w))*")
_MIN_LETTERS = 12
_ACRONYM_MAX = 3
_MARKS = frozenset("®™©℠")
# short words that are no acronym (in the languages the rules read)
_SHORT_WORDS_TEXT = (
    "a an the of for to in on at by as and or but nor not no is are was be been has had have its it "
    "this that with from into over new our we us all any per via than then also more most up out off "
    "inc ltd llc plc ab asa oyj sa ag se nv bv spa co corp "
    "de la le les des du et en und der die das fur zu von och av för på med til og af för "
    "del el los las y con por para una un il di da per che"
)
_SHORT_WORDS = frozenset(_SHORT_WORDS_TEXT.split())
_MIN_WORDS = 3
_OPENERS = frozenset('.!?:"“(-–—')


def is_shouted(text: str) -> bool:
    """True for a line written in capitals: at least three words, twelve letters,
    and no lower-case letter."""
    if not text.isupper():  # no cased character is lower case, and there is one
        return False
    letters = sum(c.isalpha() for c in text)
    return letters >= _MIN_LETTERS and len(_WORD.findall(text)) >= _MIN_WORDS


# a word as the keys of :class:`Casing` are matched: not inside a longer one, to its end
_RUN = patterns.compile(r"(?<![\w'’-])(?:[\w'’]|-(?=\w))+")
# the characters that IGNORECASE matches to an ASCII letter they are not (İ ı ſ, Kelvin's K)
_LOOKALIKES = ("\u0130", "\u0131", "\u017f", "\u212a")


def _is_plain(word: str) -> bool:
    """ASCII but for "’" (a word IGNORECASE matches to another one only in ASCII case)."""
    return word.isascii() or word.replace("’", "").isascii()


def _whole_of(keys: set[str]) -> re.Pattern[str] | None:
    """One of ``keys`` in any case, whole (for ``fullmatch``); None when there is none."""
    if not keys:
        return None
    return patterns.compile("(?:" + "|".join(map(re.escape, sorted(keys, key=len, reverse=True))) + ")", re.IGNORECASE)


def _any_of(keys: set[str]) -> re.Pattern[str]:
    """One of ``keys`` in any case, as a whole word (a key matched is the :data:`_RUN` there)."""
    alternation = "|".join(map(re.escape, sorted(keys, key=len, reverse=True)))
    return patterns.compile(r"(?<![\w'’-])(?:" + alternation + r")(?![\w'’]|-\w)", re.IGNORECASE)


class Casing:
    """The written forms of a release's words, learnt from its lines that are not
    shouted."""

    def __init__(self, lines: Iterable[str], wanted: Iterable[str]) -> None:
        """Learn the forms of the ``wanted`` words (those of the shouted lines, in
        capitals) from ``lines``."""
        keys = {w for w in wanted if w}
        self._best: dict[str, str] = {}
        if not keys:
            return
        # A word is found where a run of word characters (:data:`_RUN`) is one of the keys
        # in any case.  Keys in ASCII letters (and "’") are looked up by the run in
        # capitals, a line's runs in one C pass: a pattern of the keys, the one
        # scan that finds them in any script, costs a compilation per release.
        plain = all(_is_plain(k) for k in keys)
        pattern: re.Pattern[str] | None = None
        # Keys in other scripts (a CJK headline's words) are looked up by the run too: one
        # whose characters have no case matches only itself; those in another script's
        # capitals ("TÄRKEÄ") by a pattern of just them.  (The pattern of every key still
        # reads a line holding one of the characters IGNORECASE matches to an ASCII letter.)
        exact = set() if plain else {k for k in keys if not _is_plain(k) and k.lower() == k == k.upper()}
        cased = None if plain else _whole_of({k for k in keys - exact if not _is_plain(k)})
        # forms written inside a sentence, and written first in one ("The"): counts by
        # form, in the order first met (plain dicts: a Counter costs a Python call to make)
        inside: dict[str, dict[str, int]] = {}
        initial: dict[str, dict[str, int]] = {}
        for line in lines:
            found: Iterable[re.Match[str]]
            # (in a line holding none of the few characters IGNORECASE matches to an ASCII
            # letter, a run holding any other non-ASCII letter is no key in ASCII)
            if plain and (line.isascii() or not any(c in line for c in _LOOKALIKES)):
                if keys.isdisjoint(map(str.upper, _RUN.findall(line))):
                    continue
                found = [m for m in _RUN.finditer(line) if m[0].upper() in keys and _is_plain(m[0])]
            elif not plain and not any(c in line for c in _LOOKALIKES):
                found = [
                    m
                    for m in _RUN.finditer(line)
                    if m[0] in exact
                    or (_is_plain(m[0]) and m[0].upper() in keys)
                    or (cased is not None and cased.fullmatch(m[0]) is not None)
                ]
            else:
                pattern = pattern or _any_of(keys)
                found = pattern.finditer(line)
            for m in found:
                word = m[0]
                j = m.start() - 1
                while j >= 0 and line[j] == " ":
                    j -= 1
                forms = initial if j < 0 or line[j] in _OPENERS else inside
                key = word.upper()
                counts = forms.get(key)
                if counts is None:
                    counts = forms[key] = {}
                counts[word] = counts.get(word, 0) + 1
        best = {key: _most_written(c) for key, c in initial.items()}
        best.update((key, _most_written(c)) for key, c in inside.items())
        self._best = best

    @classmethod
    def of(cls, lines: Sequence[str]) -> Casing:
        """The casing a release's lines teach for the words of those that are shouted."""
        shouted = [is_shouted(line) for line in lines]
        wanted = {
            w.upper()
            for line, loud in zip(lines, shouted, strict=True)
            if loud
            for m in _WORD.finditer(line)
            for w in (m.group(0), *m.group(0).split("-"))
        }
        return cls((line for line, loud in zip(lines, shouted, strict=True) if not loud), wanted)

    def __bool__(self) -> bool:
        return bool(self._best)

    def restore(self, text: str) -> str:
        """``text`` (a shouted sentence) with each word in the release's casing and
        the first letter a capital; same length, same letters but for case."""
        out = _WORD.sub(self._word, text)
        for i, c in enumerate(out):
            if c.isalpha():
                return out[:i] + c.upper() + out[i + 1 :]
        return out

    def _word(self, m: re.Match[str]) -> str:
        word = m.group(0)
        if any(c.isdigit() for c in word):
            return word  # a code: "ALLO-329", "CAP7"
        if len(word) == 1 and m.string[m.end() : m.end() + 1] == ".":
            return word  # an initial: "U.S.A.", "J. Smith"
        best = self._best.get(word)
        if best is not None:
            return best
        if "-" in word:  # "ANTI-TROP2", "CAR-T": each part as written elsewhere
            return "-".join(self._part(p) for p in word.split("-"))
        if m.string[m.end() : m.end() + 1] in _MARKS:
            return word.capitalize()  # a brand: "CARBAGLU®"
        return _unknown(word)

    def _part(self, part: str) -> str:
        if any(c.isdigit() for c in part):
            return part
        best = self._best.get(part)
        return best if best is not None else _unknown(part)


def _unknown(word: str) -> str:
    """A word the release writes nowhere else: an acronym stays, any other is read
    in lower case."""
    low = word.lower()
    if len(word) <= _ACRONYM_MAX and low not in _SHORT_WORDS:
        return word
    return low


def _most_written(forms: dict[str, int]) -> str:
    """The form a word is most often written in; a tie goes to the form with more
    capitals (a name written once at a sentence start and once inside one)."""
    return max(forms.items(), key=lambda kv: (kv[1], sum(c.isupper() for c in kv[0])))[0]


_LOWER_MIN_LETTERS = 200
_LOWER_MAX_CAPITALS = 0.003  # of the letters (prose writes 2 % and more)


def is_lower_case(text: str) -> bool:
    """True for a copy that lost its capitals: two hundred Latin letters or more, of
    which hardly any (a page's menu, a stray acronym) is a capital."""
    head = text[:4000]  # (most texts tell at once: prose writes a capital every few dozen letters)
    allowed = len(head) * _LOWER_MAX_CAPITALS
    for seen, _ in enumerate(_CAPITAL.finditer(head), 1):  # (counted only until there are too many)
        if seen > allowed:
            return False
    capitals, letters = len(_CAPITAL.findall(text)), len(_SMALL.findall(text))
    return letters >= _LOWER_MIN_LETTERS and capitals <= letters * _LOWER_MAX_CAPITALS


_CAPITAL = patterns.compile("[A-Z]")
_SMALL = patterns.compile("[a-z]")


# acronyms a release writes in capitals: regulators, filings, exchanges, places
_ACRONYMS_TEXT = (
    "fda ema mhra tga pmda mhlw nmpa cfda mfds tfda hrec ctn chmp comp prac pdco ec eu uk usa "
    "ind inds cta ctas nda ndas bla blas maa snda sbla anda nol rmat qidp dsmb idmc dmc cro "
    "nasdaq nyse amex tsx tsxv asx cse lse aim otc otcqb otcqx otcbb fse omx sgx hkex "
    "u.s u.k ceo cfo coo cmo cso ipo gmp glp ansm aifa aemps anvisa basg famhp cbg dkma hpra"
)
_ACRONYMS = frozenset(_ACRONYMS_TEXT.split())
# regulators named in words, as they write themselves
_REGULATORS = {
    name.lower(): name
    for name in (
        "Food and Drug Administration", "European Medicines Agency", "European Commission",
        "Committee for Orphan Medicinal Products", "Committee for Medicinal Products for Human Use",
        "Health Canada", "Therapeutic Goods Administration", "Swissmedic", "Paul-Ehrlich-Institut",
        "Paul Ehrlich Institute", "Medicines and Healthcare products Regulatory Agency",
        "Pharmaceuticals and Medical Devices Agency", "Ministry of Health", "BfArM", "Fimea",
        "National Medical Products Administration", "Danish Medicines Agency", "Medical Products Agency",
        "Norwegian Medicines Agency", "Finnish Medicines Agency", "Italian Medicines Agency",
        "Spanish Agency of Medicines", "Israeli Ministry of Health",
    )
}  # fmt: skip
_REGULATOR = patterns.compile(r"\b(?:" + "|".join(sorted(map(re.escape, _REGULATORS), key=len, reverse=True)) + r")\b")
_LOWER_WORD = patterns.compile(r"[a-z](?:[a-z0-9.]|-(?=[a-z0-9]))*")
_ROMAN = frozenset(("i", "ii", "iii", "iv", "ia", "ib", "iia", "iib", "iiia", "iiib"))
_FORMS = frozenset(("sl", "xr", "er", "sr", "cr", "ir", "la", "sc", "iv", "odt"))
_CODE_BEFORE = patterns.compile(r"[a-z]\w*-?\d\w* $")
_YEAR_TAIL = patterns.compile(r"[a-z]+-(?:19|20)\d\d")  # "mid-2026" is a time, not a code
_SENTENCE_START = patterns.compile(r"(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s)|(?<=[\n“\"]))[ \t]*([a-z])")
_LISTED = patterns.compile(r"(?i:nasdaq|nyse|tsxv?|asx|cse|lse|aim|otc\w*)\s*:\s*([a-z][a-z0-9.]{0,6})\b")


def recase(text: str) -> str:
    """``text`` (a copy in lower case, :func:`is_lower_case`) in the casing releases
    write; same length, same letters but for case."""
    out = _REGULATOR.sub(lambda m: _REGULATORS[m.group(0)], text)
    out = _LOWER_WORD.sub(_recased_word, out)
    out = _LISTED.sub(lambda m: m.group(0)[: m.start(1) - m.start()] + m.group(1).upper(), out)
    return _SENTENCE_START.sub(_capital, out)


_INITIALS_BEFORE = patterns.compile(r"(?:\b[A-Za-z]\.){2,3}\s*$")  # "U.S. food …" opens no sentence


def _capital(m: re.Match[str]) -> str:
    if _INITIALS_BEFORE.search(m.string, max(0, m.start() - 8), m.start()):
        return m.group(0)
    return m.group(0)[:-1] + m.group(1).upper()


def _recased_word(m: re.Match[str]) -> str:
    word = m.group(0)
    core = word.rstrip(".")
    if core in _ACRONYMS or (core.endswith("s") and core[:-1] in _ACRONYMS and len(core) <= 5):
        return word.upper()
    if core in _ROMAN and m.string[max(0, m.start() - 6) : m.start()].rstrip().endswith("phase"):
        return word.upper()  # "phase ii"
    if any(c.isdigit() for c in core) and not _YEAR_TAIL.fullmatch(core):
        return word.upper()  # a code: "acm-101", "covid-19", "q3"
    if core in _FORMS and _CODE_BEFORE.search(m.string, max(0, m.start() - 12), m.start()):
        return word.upper()  # a code's formulation: "tnx-102 sl"
    if m.string[m.end() : m.end() + 1] in _MARKS:
        return word.capitalize()  # a brand: "acmezyme®"
    return word
