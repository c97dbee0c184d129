"""Shouted lines read in the release's own casing (pure).

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
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

__all__ = ["Casing", "is_shouted"]

_WORD = re.compile(r"[^\W\d_](?:[\w'’]|-(?=\w))*")
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
_OPENERS = frozenset(".!?:\"“(-–—")


def is_shouted(text: str) -> bool:
    """True for a line written in capitals: at least three words, twelve letters,
    and no lower-case letter."""
    if not text.isupper():  # no cased character is lower case, and there is one
        return False
    letters = sum(c.isalpha() for c in text)
    return letters >= _MIN_LETTERS and len(_WORD.findall(text)) >= _MIN_WORDS


class Casing:
    """The written forms of a release's words, learnt from its lines that are not
    shouted."""

    def __init__(self, lines: Iterable[str], wanted: Iterable[str]) -> None:
        """Learn the forms of the ``wanted`` words (those of the shouted lines, in
        capitals) from ``lines``."""
        keys = sorted({w for w in wanted if w}, key=len, reverse=True)
        self._best: dict[str, str] = {}
        if not keys:
            return
        # one scan per line for just these words (a release has thousands of words,
        # its shouted lines a few dozen)
        pattern = re.compile(r"(?<![\w'’-])(?:" + "|".join(map(re.escape, keys)) + r")(?![\w'’]|-\w)", re.IGNORECASE)
        inside: dict[str, Counter[str]] = {}  # forms written inside a sentence
        initial: dict[str, Counter[str]] = {}  # forms written first in one ("The")
        for line in lines:
            for m in pattern.finditer(line):
                word = m.group(0)
                j = m.start() - 1
                while j >= 0 and line[j] == " ":
                    j -= 1
                first = j < 0 or line[j] in _OPENERS
                (initial if first else inside).setdefault(word.upper(), Counter())[word] += 1
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


def _most_written(forms: Counter[str]) -> str:
    """The form a word is most often written in; a tie goes to the form with more
    capitals (a name written once at a sentence start and once inside one)."""
    return max(forms.items(), key=lambda kv: (kv[1], sum(c.isupper() for c in kv[0])))[0]
