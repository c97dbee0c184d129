"""The extraction engine: release text in, typed events out.  Pure: no I/O.

::

    extract(text, feed_tickers=..., issuer=..., published=...) -> Extraction

Stages: :mod:`.sentences` (clean, split, tag sections) → :mod:`.tickers` and
:mod:`.dates` (release facts) → per sentence :mod:`.designations`, :mod:`.ind`,
:mod:`.trials` (rules over linguistic patterns) → merge the findings that denote
the same fact (same key) → :class:`ir_feed.events.Extraction`.

Merging: findings with the same key are one event.  The body outranks the
headline, recaps and About sections (headlines overstate; a fact found only
there is recalled, ``announced=False``); among body findings the first wins, and
missing fields (indication, phase, trial, timing) are filled from the others.  A
headline restates the body: a headline designation joins the body's event of the
same agency, kind and product, and is dropped when the body states that agency
and kind for another product only.  The issuer's own name and the release's named
trials are never products (:attr:`.context.Context.not_products`).

Work is bounded: only the first :data:`~.sentences.MAX_CHARS` characters are read
and every regex is linear on its input.  Work is cheap: a release holding none of
the rules' keyword words (most wire news) is not even split into sentences; every
rule's keywords are found with one scan of each paragraph (a trie regex), a
sentence's among its paragraph's (:class:`~.sentences.Keywords`), a sentence with
none is skipped; keyword patterns
are literal-led, run on lower-cased text (:func:`~.sentences.word_search`), are not
run when none of their hint words occurs (:class:`~.sentences.Cue`) and have their
alternatives grouped by first letter (:func:`~.sentences.by_first_char`); a
sentence's products, trial names and agencies are found once per release, and
whether a name is a trial's is asked only of the sentences holding it.  Output is
pinned by ``tests/unit/extract/golden/outputs.json`` (:mod:`test_golden`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Protocol, TypeVar

from ir_feed import patterns
from ir_feed.events import (
    Designation,
    Event,
    Extraction,
    Fact,
    IndClearance,
    ReleaseFacts,
    TrialStart,
    designation_key,
    fact_key,
    ind_clearance_key,
    indication_key,
    product_key,
    same_indication,
    trial_start_key,
)
from ir_feed.extract import (
    applications,
    approvals,
    cjk,
    committees,
    designations,
    holds,
    ind,
    readouts,
    responses,
    trials,
)
from ir_feed.extract.casing import is_lower_case, recase
from ir_feed.extract.context import Context
from ir_feed.extract.dates import release_date
from ir_feed.extract.sentences import Keywords, clean, holds_any, may_match, sentences
from ir_feed.extract.tickers import issuer_listing, merge_tickers
from ir_feed.models import Ticker

EXTRACTOR_VERSION = "2026.12.147"

__all__ = ["EXTRACTOR_VERSION", "extract", "release_facts"]

# every kind's rule module (its ``KEYWORDS`` and its ``find``): one list, read for the one keyword scan
_RULES = (designations, ind, trials, readouts, applications, approvals, holds, responses, committees)
# every rule's keyword pre-checks, found in one scan of each paragraph
_KEYWORDS = Keywords(frozenset().union(*(m.KEYWORDS for m in _RULES)))


def _release_parts(words: frozenset[str]) -> tuple[str, ...]:
    """Words of which a release holding a keyword holds one (a keyword found in a
    sentence lies within one line of the text, but for the spaces of a multi-word
    keyword, which joined lines may supply): the one-word keywords, less those holding
    another, and the longest word of each multi-word keyword holding none of these;
    those most often present in any text first (the search stops at the first found)."""
    single = {w for w in words if " " not in w}
    parts = {p for p in single if not any(q != p and q in p for q in single)}
    parts |= {max(w.split(), key=len) for w in words - single if not any(p in w for p in parts)}
    common = [p for p in ("ind", "start", "open", "clinical", "approval") if p in parts]
    return (*common, *sorted(parts - set(common), key=lambda p: (len(p), p)))


# most wire releases are not biotech news: one look at the text tells
# (a Chinese or Japanese keyword is left out: such a release is read whatever it holds)
# (a readout is read only in a sentence holding a trial's word: those words, not "data" or
# "results", which every earnings release holds, decide whether a release is read for one)
_RELEASE_PARTS = _release_parts(
    frozenset(w for w in designations.KEYWORDS | ind.KEYWORDS | trials.KEYWORDS if w.isascii())
    | readouts.TRIAL_WORDS
    | applications.RELEASE_WORDS
    | approvals.KEYWORDS
    | holds.KEYWORDS
    | responses.KEYWORDS
    | committees.KEYWORDS
)
_RELEASE_BYTES = tuple(p.encode("ascii") for p in _RELEASE_PARTS)
_product_key = functools.lru_cache(maxsize=4096)(product_key)  # merging asks again and again
_IND_RANK = {"cleared": 3, "submitted": 2, "planned": 1}
_TRIAL_RANK = {"first_patient_dosed": 3, "initiated": 2, "planned": 1}


def _may_hold_keywords(cleaned: str) -> bool:
    """False when no sentence of the text can hold a rule's keyword (see
    :func:`_release_parts`).  The ASCII letters are read in lower case: a keyword's
    letters are ASCII, or a Kelvin sign (whose lower case is "k"); dropping other
    characters can only join more letters together."""
    if "\u212a" in cleaned:
        return holds_any(cleaned.lower(), _RELEASE_PARTS)
    letters = cleaned.encode("ascii", "ignore").lower()
    return any(part in letters for part in _RELEASE_BYTES)


def release_facts(
    text: str,
    *,
    feed_tickers: Sequence[Ticker] = (),
    issuer: str | None = None,
    published: date | None = None,
) -> ReleaseFacts:
    """Issuer, listings and date of a release (prose first, feed values to fill in)."""
    return _facts(clean(text), feed_tickers, issuer, published)


def _facts(cleaned: str, feed_tickers: Sequence[Ticker], issuer: str | None, published: date | None) -> ReleaseFacts:
    company, prose_tickers, _ = issuer_listing(cleaned)
    return ReleaseFacts(
        company=company or issuer,
        date=release_date(cleaned, published),
        tickers=merge_tickers(prose_tickers, feed_tickers),
    )


def extract(
    text: str,
    *,
    feed_tickers: Sequence[Ticker] = (),
    issuer: str | None = None,
    published: date | None = None,
) -> Extraction:
    """Extract release facts and events from one release's plain text."""
    cleaned = clean(text)
    recased = is_lower_case(cleaned)
    if recased:  # a copy that lost its capitals: read in the casing releases write
        cleaned = recase(cleaned)
    facts = _facts(cleaned, feed_tickers, issuer, published)
    written_in_cjk = cjk.is_cjk(cleaned)
    if not written_in_cjk and not _may_hold_keywords(cleaned):
        # no sentence can hold a rule's keyword: no rule would look at any (the events
        # are none), so the text is not even split
        return Extraction(release=facts, events=(), extractor_version=EXTRACTOR_VERSION)
    ctx = Context(sentences(cleaned, keywords=_KEYWORDS, recased=recased), facts.date, facts.issuer_key, facts.company)
    found_d: list[designations.Found] = []
    found_i: list[ind.Found] = []
    found_t: list[trials.Found] = []
    found_r: list[readouts.Found] = []
    found_a: list[applications.Found] = []
    found_p: list[approvals.Found] = []
    found_h: list[holds.Found] = []
    found_c: list[responses.Found] = []
    found_m: list[committees.Found] = []
    for s in ctx.sentences:
        if not s.words:
            continue  # no rule's keyword (forward-looking text, contacts, prose): nothing to find
        found_d.extend(designations.find(ctx, s))
        cleared = ind.find(ctx, s)
        found_i.extend(cleared)
        starts = trials.find(ctx, s)
        if not starts and cleared and not ind.lifts_hold(s.lower):  # the trial a clearance permits is planned
            first = cleared[0]
            starts = trials.permitted(ctx, s, first.product, first.anchor, first.announced or first.of_the_period)
        found_t.extend(starts)
        found_r.extend(readouts.find(ctx, s))
        found_a.extend(applications.find(ctx, s))
        found_p.extend(approvals.find(ctx, s))
        found_h.extend(holds.find(ctx, s))
        found_c.extend(responses.find(ctx, s))
        found_m.extend(committees.find(ctx, s))
    if written_in_cjk:  # (the sentence rules read English words: a Chinese or Japanese release's own)
        cjk_sentences = cjk.split(cleaned)
        found_d.extend(cjk.designation_findings(cjk_sentences))
        if not found_t:
            found_t.extend(cjk.trial_findings(cjk_sentences, found_i, facts.date))
    products = [f.product for f in found_d] + [f.product for f in found_i] + [f.product for f in found_t]
    products += [f.product for f in found_r] + [f.product for f in found_a] + [f.product for f in found_p]
    products += [f.product for f in found_h] + [f.product for f in found_c] + [f.product for f in found_m]
    named = _named_with_alias(products)
    if named:  # one product, two names: "acmezumab (ACM04)" and later "ACM04"
        found_d = [_full_name(f, named) for f in found_d]
        found_i = [_full_name(f, named) for f in found_i]
        found_t = [_full_name(f, named) for f in found_t]
        found_r = [_full_name(f, named) for f in found_r]
        found_a = [_full_name(f, named) for f in found_a]
        found_p = [_full_name(f, named) for f in found_p]
        found_h = [_full_name(f, named) for f in found_h]
        found_c = [_full_name(f, named) for f in found_c]
        found_m = [_full_name(f, named) for f in found_m]
    events: list[Event] = [
        *_merge_designations(ctx.issuer_key, found_d),
        *_merge_ind(ctx.issuer_key, found_i),
        *_merge_trials(ctx.issuer_key, found_t),
        *_merge_readouts(ctx.issuer_key, found_r),
        *_merge_applications(ctx.issuer_key, found_a),
        *_merge_approvals(ctx.issuer_key, found_p),
        *_merge_holds(ctx.issuer_key, found_h),
        *_merge_responses(ctx.issuer_key, found_c),
        *_merge_committees(ctx.issuer_key, found_m),
    ]
    if _withdraws_a_release(ctx):
        # a notice that another release is withdrawn announces none of what that one said
        # (its headline is quoted: "… should disregard the news release, ACME DOSES FIRST PATIENT …")
        events = [replace(e, announced=False) for e in events]
    return Extraction(release=facts, events=tuple(events), extractor_version=EXTRACTOR_VERSION)


_WITHDRAWN = patterns.compile(
    r"\b(?:disregard|withdraw(?:s|n)?|retract(?:s|ed)?|recall(?:s|ed)?)\s+(?:the|this|its|their|our)\s+"
    r"(?:(?:earlier|previous|prior)\s+)?(?:news|press)\s+release\b|"
    r"\b(?:news|press)\s+release\b[^.;]{0,160}?\b(?:was|were|has\s+been)\s+(?:issued\s+in\s+error|"
    r"inadvertently\s+(?:released|issued|distributed)|withdrawn|retracted)",
    re.IGNORECASE,
)


def _withdraws_a_release(ctx: Context) -> bool:
    """The release's opening is a notice that another release is to be disregarded."""
    # (every match says "release", in some case: a sentence whose lower case lacks it is not read)
    return any(
        _WITHDRAWN.search(s.text)
        for s in ctx.sentences[:4]
        if s.section in ("headline", "body") and may_match(s.lower, "release")
    )


_WITH_ALIAS = patterns.compile(r"^(.+?)\s*\(([^()]+)\)$")
_F = TypeVar(
    "_F",
    designations.Found,
    ind.Found,
    trials.Found,
    readouts.Found,
    applications.Found,
    approvals.Found,
    holds.Found,
    responses.Found,
    committees.Found,
)


def _named_with_alias(products: list[str]) -> dict[str, str]:
    """The product names a release gives with an alias ("acmezumab (ACM04)"), by the
    alias's key: where the release later names the product by its alias alone, it is
    the same product (one key, one event)."""
    out: dict[str, str] = {}
    for product in products:
        m = _WITH_ALIAS.match(product) if "(" in product else None
        if m is not None:
            out.setdefault(_product_key(m.group(2)), product)
    return out


def _full_name(found: _F, named: dict[str, str]) -> _F:
    if "(" in found.product:
        return found
    full = named.get(_product_key(found.product))
    return replace(found, product=full) if full else found


def _order(body: bool, position: int) -> tuple[int, int]:
    return (0 if body else 1, position)


def _merge_designations(issuer: str, found: list[designations.Found]) -> list[Designation]:
    # A finding from another sentence than the lead one (the first body finding of the
    # same agency, kind and product that states an indication) adopts the lead's
    # indication when it states none or comes from a headline/recap (abbreviated wording).
    # A headline finding restates the body: when the body states the same agency and
    # kind for another product only, the headline's product is a misreading and the
    # finding is dropped rather than added as an event of its own.
    lead: dict[tuple[str, str, str], designations.Found] = {}
    for f in sorted(found, key=lambda f: (f.indication is None, *_order(f.body, f.position))):
        lead.setdefault((f.agency, f.designation, _product_key(f.product)), f)
    in_body = {(f.agency, f.designation) for f in found if f.body}
    groups: list[list[designations.Found]] = []
    for f in found:
        first = lead[(f.agency, f.designation, _product_key(f.product))]
        if f.section == "headline" and not first.body and (f.agency, f.designation) in in_body:
            continue
        if (first.position != f.position and (f.indication is None or not f.body or _quoted(f.evidence))) or (
            f.indication is None and first.indication is not None
        ):
            f = replace(f, indication=first.indication)  # also a second mention in the same sentence
        # one fact worded twice ("Graft-versus-Host Disease (GvHD)" and "GvHD") is one event
        home = next((g for g in groups if _same_designation(g[0], f)), None)
        if home is None:
            groups.append([f])
        else:
            home.append(f)
    out = []
    for group in groups:
        group.sort(key=lambda f: (_order(f.body, f.position), f.indication is None))
        best = group[0]
        indication = best.indication or next((g.indication for g in group if g.indication), None)
        same = (best.agency, best.designation, _product_key(best.product))
        indication = _written_out(
            indication, [f.indication for f in found if (f.agency, f.designation, _product_key(f.product)) == same]
        )
        out.append(
            Designation(
                # a headline's grant the body never states is the news itself
                announced=any(g.announced for g in group)
                or (any(g.headline_news for g in group) and (best.agency, best.designation) not in in_body),
                agency=best.agency,
                designation=best.designation,
                product=best.product,
                indication=indication,
                status=best.status,  # type: ignore[arg-type]
                evidence=best.evidence,
                key=designation_key(issuer, best.agency, best.designation, best.product, indication),
            )
        )
    return out


def _quoted(sentence: str) -> bool:
    """A sentence of quoted speech: it restates the news in the speaker's words ("“Orphan drug
    designation is another step forward for X in the treatment of fungal infections,” said …")."""
    return sentence.lstrip()[:1] in ("“", '"', "‘", "„", "«")


_ACRONYM = patterns.compile(r"[A-Z][A-Z0-9]{1,5}")
_MINOR_WORDS = frozenset({"of", "and", "the", "with", "in", "to", "for"})


def _written_out(indication: str | None, others: list[str | None]) -> str | None:
    """An indication given as an acronym ("SCD") in the body is the disease another
    mention writes out ("Sickle Cell Disease", in the headline): both, as releases write
    them ("Sickle Cell Disease (SCD)")."""
    if indication is None or not _ACRONYM.fullmatch(indication):
        return indication
    for other in others:
        words = [w for w in re.findall(r"[A-Za-z0-9]+", other or "") if w.lower() not in _MINOR_WORDS]
        if len(words) == len(indication) and "".join(w[0] for w in words).upper() == indication:
            return f"{other} ({indication})"
    return indication


def _same_designation(a: designations.Found, b: designations.Found) -> bool:
    if (a.agency, a.designation) != (b.agency, b.designation) or _product_key(a.product) != _product_key(b.product):
        return False
    return same_indication(a.indication, b.indication)


def _merge_ind(issuer: str, found: list[ind.Found]) -> list[IndClearance]:
    # a headline restates the body: a headline clearance by an agency whose body
    # clearances name other products only is a misreading of the product
    body = {(f.agency, _product_key(f.product)) for f in found if f.body}
    body_agencies = {agency for agency, _ in body}
    found = [f for f in found if f.body or f.agency not in body_agencies or (f.agency, _product_key(f.product)) in body]
    # a headline "IND clearance" is read as the FDA's; when the body names only other
    # regulators for that product, the headline meant theirs
    others = {_product_key(f.product) for f in found if f.body and f.agency != "FDA"}
    found = [
        f
        for f in found
        if f.body
        or f.agency != "FDA"
        or _product_key(f.product) not in others
        or ("FDA", _product_key(f.product)) in body
    ]
    # a clearance told of again ("The CTA approval allows Acme to …") is the one told before
    # by that regulator, whatever product its sentence goes on to name; one that tells of none
    # before it refers to a clearance that is none of ours (an IND "to expand" a running trial)
    first_by_agency: dict[str, str] = {}
    dropped: set[int] = set()
    for i in sorted(range(len(found)), key=lambda i: found[i].position):
        f = found[i]
        told = first_by_agency.get(f.agency)
        if f.demonstrative and told is None:
            dropped.add(i)
            continue
        if f.anaphoric and told is not None and _product_key(told) != _product_key(f.product):
            found[i] = replace(f, product=told)
        first_by_agency.setdefault(f.agency, found[i].product)
    found = [f for i, f in enumerate(found) if i not in dropped]
    groups: dict[str, list[ind.Found]] = {}
    for f in found:
        groups.setdefault(ind_clearance_key(issuer, f.agency, f.product), []).append(f)
    out = []
    for key, group in groups.items():
        group.sort(key=lambda f: (_order(f.body, 0)[0], -_IND_RANK[f.status], f.position))
        best = group[0]
        out.append(
            IndClearance(
                # (a title's clearance the body never restates is the news itself)
                announced=any(g.announced for g in group)
                or (any(g.headline_news for g in group) and not _body_found(group)),
                agency=best.agency,
                product=best.product,
                indication=best.indication or next((g.indication for g in group if g.indication), None),
                status=best.status,  # type: ignore[arg-type]
                evidence=best.evidence,
                key=key,
            )
        )
    return out


def _merge_trials(issuer: str, found: list[trials.Found]) -> list[TrialStart]:
    # a finding naming neither trial nor phase joins another for the same product;
    # one naming only a phase joins a named trial of that product and phase
    found = _referred_to_named(found)
    groups: list[list[trials.Found]] = []
    for f in sorted(found, key=lambda f: _order(f.body, f.position)):
        home = next((g for g in groups if _same_trial(g[0], f)), None)
        if home is None:
            groups.append([f])
        else:
            home.append(f)
    for g in groups:  # late findings may name what an early one lacked
        g.sort(key=lambda f: _order(f.body, f.position))
    merged = _regroup(groups)
    out = []
    for group in merged:
        body = [g for g in group if g.body] or group
        # the furthest status the news states: a headline "Dosing of First Patient" over
        # the body's "enrollment of the first patient" — but a headline never turns what
        # the body still plans ("will initiate … in June") into a start
        started = any(g.body and g.status != "planned" for g in group)
        said = [g for g in group if g.body or (g.section == "headline" and (started or not _body_found(group)))]
        said = said or group
        best = max(said, key=lambda f: (_TRIAL_RANK[f.status], f.body, -f.position))
        trial = next((g.trial for g in body if g.trial), None) or next((g.trial for g in group if g.trial), None)
        phase = next((g.phase for g in body if g.phase), None) or next((g.phase for g in group if g.phase), None)
        timing = best.timing or next((g.timing for g in body if g.timing), None)
        timing = timing or next((g.timing for g in group if g.timing), None)
        indications = next((g.indications for g in body if g.indications), ())
        out.append(
            TrialStart(
                # (a title's start the body never restates is the news itself)
                announced=any(g.announced for g in group)
                or (any(g.headline_news for g in group) and not _body_found(group)),
                product=best.product,
                trial=trial,
                phase=phase,
                indications=indications,
                timing_text=timing.text if timing else None,
                window_start=timing.window_start if timing else None,
                window_end=timing.window_end if timing else None,
                status=best.status,  # type: ignore[arg-type]
                evidence=best.evidence,
                key=trial_start_key(
                    issuer, best.product, trial, phase, indications[0] if best.per_indication and indications else None
                ),
            )
        )
    return out


_READOUT_RANK = {"expected": 0, "reported": 1}


def _which_trial(f: readouts.Found) -> str:
    """A readout's trial for its key: its name, else its phase, else none said."""
    return f.trial or (f"phase-{f.phase}" if f.phase else "")


def _merge_readouts(issuer: str, found: list[readouts.Found]) -> list[Fact]:
    """One readout per product and trial (or phase): a finding naming neither joins the
    product's first; the furthest status told wins, the body's words first."""
    groups: list[tuple[str, list[readouts.Found]]] = []  # (which trial, findings) per readout
    for f in sorted(found, key=lambda f: _order(f.body, f.position)):
        which = _which_trial(f)
        at = next(
            (i for i, (w, g) in enumerate(groups)
             if _product_key(g[0].product) == _product_key(f.product) and (not which or not w or which == w)),
            None,
        )  # fmt: skip
        if at is None:
            groups.append((which, [f]))
        else:
            w, g = groups[at]
            groups[at] = (w or which, [*g, f])
    out = []
    for which, group in groups:
        best = max(group, key=lambda f: (_READOUT_RANK[f.status], f.body, -f.position))
        key = fact_key(issuer, "topline_readout", group[0].product, which)
        timing = best.timing or next((g.timing for g in group if g.timing), None)
        out.append(
            Fact(
                kind="topline_readout",
                announced=any(g.announced for g in group),
                product=best.product,
                status=best.status,
                values=(
                    ("trial", next((g.trial for g in group if g.trial), None)),
                    ("phase", next((g.phase for g in group if g.phase), None)),
                    ("timing_text", timing.text if timing else None),
                    ("window_start", timing.window_start if timing else None),
                    ("window_end", timing.window_end if timing else None),
                ),
                evidence=best.evidence,
                key=key,
            )
        )
    return out


class _Regulated(Protocol):
    """A finding of a catalyst kind that a regulator acts on (read-only fields)."""

    @property
    def agency(self) -> str: ...
    @property
    def product(self) -> str: ...
    @property
    def body(self) -> bool: ...
    @property
    def position(self) -> int: ...


_R = TypeVar("_R", bound=_Regulated)


def _by_agency_and_product(found: list[_R]) -> dict[tuple[str, str], list[_R]]:
    """Findings of one regulator about one product, each group in the order the release
    tells them (the body first): one event per group."""
    groups: dict[tuple[str, str], list[_R]] = {}
    for f in sorted(found, key=lambda f: _order(f.body, f.position)):
        groups.setdefault((f.agency, _product_key(f.product)), []).append(f)
    return groups


_APPLICATION_RANK = {"submitted": 0, "accepted": 1}


def _merge_applications(issuer: str, found: list[applications.Found]) -> list[Fact]:
    """One application per regulator and product: the furthest status told wins; its type,
    indication, priority and target date are the first any finding states (the body's
    first), so a PDUFA date told in the next sentence joins the acceptance."""
    groups = _by_agency_and_product(found)
    out = []
    for (agency, _), group in groups.items():
        best = max(group, key=lambda f: (_APPLICATION_RANK[f.status], f.body, -f.position))
        kind = next((g.application for g in group if g.application), None)
        timing = next((g.timing for g in group if g.timing), None)
        priority = next((g.priority_review for g in group if g.priority_review is not None), None)
        out.append(
            Fact(
                kind="application_accepted",
                announced=any(g.announced for g in group),
                product=group[0].product,
                status=best.status,
                values=(
                    ("agency", agency),
                    ("application", kind),
                    ("indication", next((g.indication for g in group if g.indication), None)),
                    ("priority_review", priority),
                    ("timing_text", timing.text if timing else None),
                    ("window_start", timing.window_start if timing else None),
                    ("window_end", timing.window_end if timing else None),
                ),
                evidence=best.evidence,
                key=fact_key(issuer, "application_accepted", group[0].product, agency),
            )
        )
    return out


_APPROVAL_RANK = {"positive_opinion": 0, "approved": 1}


def _merge_approvals(issuer: str, found: list[approvals.Found]) -> list[Fact]:
    """One approval per regulator and product (an indication the first finding states
    names it: a label expansion is another approval); the furthest status told wins."""
    groups = _by_agency_and_product(found)
    out = []
    for (agency, _), group in groups.items():
        best = max(group, key=lambda f: (_APPROVAL_RANK[f.status], f.body, -f.position))
        indication = next((g.indication for g in group if g.indication), None)
        out.append(
            Fact(
                kind="approval",
                announced=any(g.announced for g in group),
                product=group[0].product,
                status=best.status,
                values=(
                    ("agency", agency),
                    ("indication", indication),
                    ("pathway", next((g.pathway for g in group if g.pathway), None)),
                ),
                evidence=best.evidence,
                key=fact_key(issuer, "approval", group[0].product, agency, indication_key(indication) or None),
            )
        )
    return out


def _merge_holds(issuer: str, found: list[holds.Found]) -> list[Fact]:
    """One hold per regulator and product; the status the release tells last in its news
    (a full hold lifted and a partial one imposed: partial), the body's words first."""
    groups = _by_agency_and_product(found)
    out = []
    for (agency, _), group in groups.items():
        told = [g for g in group if g.announced] or group
        best = told[0]
        out.append(
            Fact(
                kind="clinical_hold",
                announced=any(g.announced for g in group),
                product=group[0].product,
                status=best.status,
                values=(("agency", agency), ("trial", next((g.trial for g in group if g.trial), None))),
                evidence=best.evidence,
                key=fact_key(issuer, "clinical_hold", group[0].product, agency),
            )
        )
    return out


def _merge_responses(issuer: str, found: list[responses.Found]) -> list[Fact]:
    """One Complete Response Letter per regulator and product; its reason from any finding."""
    groups = _by_agency_and_product(found)
    return [
        Fact(
            kind="complete_response",
            announced=any(g.announced for g in group),
            product=group[0].product,
            status="received",
            values=(
                ("agency", agency),
                ("indication", None),
                ("reason", next((g.reason for g in group if g.reason), None)),
            ),
            evidence=group[0].evidence,
            key=fact_key(issuer, "complete_response", group[0].product, agency),
        )
        for (agency, _), group in groups.items()
    ]


_COMMITTEE_RANK = {"scheduled": 0, "cancelled": 1, "voted_against": 2, "voted_for": 2}


def _merge_committees(issuer: str, found: list[committees.Found]) -> list[Fact]:
    """One meeting per regulator and product: its furthest status (a vote over a date), its
    committee and date from the first finding naming them."""
    groups: dict[tuple[str, str], list[committees.Found]] = {}
    for f in sorted(found, key=lambda f: _order(f.body, f.position)):
        groups.setdefault((f.agency, _product_key(f.product)), []).append(f)
    out = []
    for (agency, _), group in groups.items():
        best = max(group, key=lambda f: (_COMMITTEE_RANK[f.status], f.body, -f.position))
        timing = next((g.timing for g in group if g.timing), None)
        out.append(
            Fact(
                kind="advisory_committee",
                announced=any(g.announced for g in group),
                product=group[0].product,
                status=best.status,
                values=(
                    ("agency", agency),
                    ("committee", next((g.committee for g in group if g.committee), None)),
                    ("indication", None),
                    ("timing_text", timing.text if timing else None),
                    ("window_start", timing.window_start if timing else None),
                    ("window_end", timing.window_end if timing else None),
                ),
                evidence=best.evidence,
                key=fact_key(issuer, "advisory_committee", group[0].product, agency),
            )
        )
    return out


def _referred_to_named(found: list[trials.Found]) -> list[trials.Found]:
    """A start whose sentence names no product ("We anticipate initiating this study in
    1H 2027") took its product from the sentences around it; when the release names the
    product of a start with the same status and phase elsewhere, and only one such product,
    that start is the one told again (the nearest product is often another: a device, a
    partner's drug, the program of the paragraph before)."""
    named = [f for f in found if not f.referred]
    if len(named) == len(found) or not named:
        return found
    out = []
    for f in found:
        if f.referred and f.section != "headline":  # (a headline's own product is the release's)
            told = {
                _product_key(g.product): g.product
                for g in named
                if g.announced and g.status == f.status and (not f.phase or not g.phase or f.phase == g.phase)
            }
            if len(told) == 1 and _product_key(f.product) not in told:
                f = replace(f, product=next(iter(told.values())))
        out.append(f)
    return out


class _Said(Protocol):
    """A finding and whether its sentence is the release's body (read-only)."""

    @property
    def body(self) -> bool: ...


def _body_found(group: Sequence[_Said]) -> bool:
    return any(g.body for g in group)


def _same_trial(a: trials.Found, b: trials.Found) -> bool:
    if a.per_indication and b.per_indication and a.indications != b.indications:
        return False  # two of the trials one sentence plans, one per indication
    if a.trial and b.trial and a.trial.lower() == b.trial.lower():
        return True  # one named trial per release, whatever product a sentence points at
    if _product_key(a.product) != _product_key(b.product):
        return False
    if a.trial and b.trial:
        return False
    if a.phase and b.phase:
        return a.phase == b.phase
    return not _plan_beside_start(a, b)


def _plan_beside_start(a: trials.Found, b: trials.Found) -> bool:
    """A start naming neither trial nor phase and a plan of the same product that names its
    own: two trials ("has dosed the first cohort in its SAD study of X … will pave the way
    for the planned Phase 2a PEACH trial").  (A bare plan beside a named start tells of that
    start: "the NOL to conduct the trial", "the second part, expected to begin in Q4".)"""
    if (a.status == "planned") == (b.status == "planned"):
        return False
    plan, start = (a, b) if a.status == "planned" else (b, a)
    # (a headline's start is the body's plan told ahead of it: "Acme Initiates First Clinical Trial
    # of X" over "will initiate the Phase 1 trial in June")
    return start.body and plan.body and bool(plan.trial or plan.phase) and not (start.trial or start.phase)


def _regroup(groups: list[list[trials.Found]]) -> list[list[trials.Found]]:
    """Fold groups that know neither trial nor phase into a richer group of the
    same product."""
    out: list[list[trials.Found]] = []
    for g in groups:
        bare = not any(f.trial or f.phase for f in g)
        target = next(
            (
                o for o in out
                if _product_key(o[0].product) == _product_key(g[0].product)
                and not any(_plan_beside_start(x, y) for x in o for y in g)
            ),
            None,
        )  # fmt: skip
        if target is not None and bare:
            target.extend(g)
            continue
        if target is not None and not any(f.trial or f.phase for f in target):
            target.extend(g)
            continue
        out.append(g)
    return out
