"""Trial starts: planned, initiated, first patient dosed.

A sentence yields a start when it has a start cue:

* first_patient_dosed — "first patient dosed", "dosed the first participant";
* initiated — "has initiated", "has begun", "is now active and recruiting",
  "enrollment has commenced", "can now begin";
* planned — "expects/plans/intends to initiate|begin|start|commence",
  "initiation planned for", "look forward to initiating", "cleared to initiate",
  "the proposed Phase 1 trial".

Not starts (traps): completed, ongoing, discontinued or halted trials, expansions
(new countries, sites or cohorts, a new dose cohort of an ongoing trial), and
results or readouts (no start verb).  Phase, trial name and product come from the
sentence, else from the sentence it refers back to ("this study", "the trial");
timing is the first timing phrase after the cue (see :mod:`.windows`).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from datetime import date

from ir_feed import patterns
from ir_feed.extract.context import Context, is_recalled
from ir_feed.extract.products import Mention, described_product, listed_with, nearest, own_products, phases
from ir_feed.extract.sentences import (
    DETERMINER,
    Sentence,
    by_first_char,
    holds_any,
    may_match,
    undotted,
    word_search,
)
from ir_feed.extract.windows import Timing, find_timings

_P = re.IGNORECASE
# Cue and trap patterns are lower case and literal-led, run on the lower-cased
# sentence (see :func:`~.sentences.word_search`).
_START_VERB = (
    r"(?:initiat\w*|begin\w*|start\w*|commenc\w*|launch\w*|open\w*\s+enrol\w*|kick(?:s|ing)?\s+off|"
    r"get\s+(?:underway|under\s+way)|"
    r"(?:the\s+)?first\s+(?:patient|participant|subject)s?\s+to\s+be\s+(?:enrol+ed|dosed|treated)|"
    # (the patients may be named by their disease: "dose the first Fabry disease patient")
    r"(?:dos(?:e|ing)|enrol+(?:ing)?|treat(?:ing)?|randomi[sz](?:e|ing))\s+(?:the\s+|its\s+|our\s+)?first\s+"
    r"(?:[\w-]+\s+){0,3}?(?:patient|participant|subject))"
)
_NOT_LATER = r"\b(?!\s+(?:in|by|during|later|last|earlier|previously))"


def _each(words: str, tail: str) -> str:
    """One literal-led branch per first letter of the words, the tail written once for each:
    ``"ab ac d", "X"`` → ``"a(?:b|c)X|dX"`` (the same matches, found in the same order, as
    ``"abX|acX|dX"``; a long tail repeated for every word made the pattern slow to compile,
    which every ``ir-feed extract`` pays)."""
    groups: dict[str, list[str]] = {}
    for w in words.split():
        groups.setdefault(w[0], []).append(w[1:])
    return "|".join(
        c + (rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")") + tail for c, rests in groups.items()
    )


# the other languages' start and plan words (what their cues need to be tried)
_OTHER_STARTED = ("inlett", "startat", "påbörjat", "startet", "påbegyndt", "indledt", "igangsatt", "inletts",
                  "påbörjats", "påbörjades", "inleddes", "startades", "startats",
                  "begonnen", "gestartet", "initiiert", "lancement", "lancé", "démarré", "débuté",
                  "initié", "iniciado", "comenzado", "avviato", "iniziato", "inicio", "avvio")  # fmt: skip
# (ASCII, as every keyword: a whole-text check reads the ASCII letters only; each is part of
# the words above: "rjat" of "påbörjat", "marr" of "démarré", "voit" of "prévoit")
_OTHER_KEYWORDS = ("inled", "inlett", "starta", "rjat", "rjas", "rjad", "planerar", "planerad", "avser", "begynde",
                   "indlede", "forventer", "planl",
                   "startet", "indledt", "igangsat", "begonnen", "gestartet", "initiiert", "plant", "beabsichtigt",
                   "lancement", "lanc", "marr", "voit", "devrait", "planea", "prevede", "iniciar", "iniciado",
                   "comenzado", "avviato", "iniziato", "avvio", "inicio", "verwacht", "gestart", "knas",
                   "rste patient", "ensimm", "erste patient", "eerste pati",
                   "kommer", "planeras", "starten", "wird", "soll", "buter", "commencera", "sera", "va lanc",
                   "va initi", "comenzar", "avvier", "inizier", "avviat", "zal", "bereitet", "vorbereitet")  # fmt: skip
_OTHER_PLANNED = ("planerar", "planerad", "begynde", "indlede", "igangs", "avser", "förväntas", "beräknas",
                  "kommer", "planeras", "inleda", "starta", "påbörja", "starten", "wird", "soll", "butera",
                  "marrera", "commencera", "sera", "va", "iniciar", "comenzar", "avvier", "inizier", "sar", "zal",
                  "forventer", "planlægger", "planlegger", "plant", "beabsichtigt", "prévoit", "devrait", "prevé",
                  "planea", "prevede", "verwacht", "bereitet", "vorbereitet")  # fmt: skip

# a period named after "planned for" / "scheduled in": "the second half of 2026", "next year", "Q3", "2027"
_PERIOD_NAMED = (
    r"(?:the\s+)?(?:(?:first|second|third|fourth|next|later|early|late|mid|end|beginning|start|coming|"
    r"1h|2h|h1|h2|q[1-4]|[1-4]q)\b|(?:19|20)\d\d|this|next|calendar|fiscal)"
)

# (each cue's alternatives grouped by their first letter: see by_first_char)
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("first_patient_dosed", patterns.compile(by_first_char(
        r"first\s+(?:healthy\s+)?(?:patient|participant|subject|volunteer|cohort)s?\s+(?:(?:has|have)\s+(?:now\s+)?been\s+|"
        r"was\s+|were\s+)?(?:dosed|treated|infused|administered|implanted|transplanted|vaccinated|immuni[sz]ed|injected)|"
        # "the first-in-human dosing of ACM-101" (told as today's: a plan is read by what follows)
        r"first[\s-]+in[\s-]+human\s+(?:dosing|administration)\s+(?:of|with)\b|"
        # "performed the first dosing in the Phase 1 trial" ("completed …" is read as a trap)
        + _each("performed conducted", r"\s+(?:the\s+|its\s+)?first\s+(?:patient\s+|subject\s+)?dosing\b")
        + "|"
        r"dos(?:es|ed|ing)\s+(?:of\s+)?(?:the\s+|its\s+)?first\s+(?:patient|participant|subject)|"
        + _each("treated randomized randomised implanted infused",
                r"\s+(?:the\s+|its\s+|our\s+)?first\s+(?:patient|participant|subject)")
        + "|"
        r"first[\s-]+(?:patient|participant|subject)[\s-]+(?:dosing|administration)\b|"
        # the subject and its verb far apart: "the first patient in the ORBIT Phase I study assessing
        # the pharmacokinetics … of oral X in patients with CMD has been dosed"
        r"first\s+(?:patient|participant|subject)\s+in\b[^.;]{0,200}?\b(?:has|have)\s+(?:now\s+)?been\s+"
        r"(?:dosed|treated|randomi[sz]ed)\b|"
        # "the first patient was enrolled and dosed"
        r"first\s+(?:patient|participant|subject)s?\s+(?:(?:has|have)\s+(?:now\s+)?been\s+|was\s+|were\s+)"
        r"(?:enrol+ed|randomi[sz]ed|screened)\s+and\s+(?:dosed|treated)|"
        # "the first patient of the Phase 3 trial (…) of X, …, has been enrolled and begun treatment"
        r"first\s+(?:patient|participant|subject)s?\b[^.;]{0,140}?\b(?:begun|began|started|commenced)\s+"
        r"(?:treatment|dosing|therapy)\b|"
        r"first\s+(?:patient|participant|subject)s?\b[^.;]{0,60}?\breceived\s+(?:treatment|(?:the\s+|a\s+)?(?:first\s+)?dose|"
        r"(?:\S+\s+){1,3}?(?:in|as\s+part\s+of)\s+(?:the|its|our)\b)|"
        r"has\s+dosed\b|have\s+dosed\b|"
        # "the antibody has now been administered to the first healthy volunteer", "the first
        # dose has now been given to humans", "has begun administering subjects in a Phase 1a trial"
        r"administered\s+to\s+(?:the\s+|its\s+)?first\s+(?:healthy\s+)?(?:patient|participant|subject|volunteer)|"
        r"first\s+dose\s+(?:of\s+[^.;]{1,40}?\s+)?(?:has\s+(?:now\s+)?been\s+|was\s+)(?:given|administered)\s+(?:to\s+(?:a\s+|the\s+)?"
        r"(?:humans?|patients?|participants?|subjects?|volunteers?)|in\s+(?:the\s+|a\s+)?(?:[\w/-]+\s+){0,4}?"
        r"(?:trial|study))\b|"
        + _each("begun began started commenced", r"\s+(?:administering|treating|dosing)\s+(?:the\s+first\s+)?"
                r"(?:patients|participants|subjects|volunteers)\b") + "|"
        # "the first cohort of patients has been dosed"
        r"first\s+cohort\s+of\s+(?:[\w-]+\s+){0,2}?(?:patients|participants|subjects|volunteers)\s+"
        r"(?:has\s+been\s+|have\s+been\s+|was\s+|were\s+)?"
        r"(?:dosed|treated)|"
        # … in the active voice: "has treated the first cohort of patients"; and dosing under way
        r"dosed\s+(?:the\s+|its\s+|our\s+)?first\s+cohort\b|treated\s+(?:the\s+|its\s+|our\s+)?first\s+cohort\b|"
        r"dosing\s+(?:is|has\s+been)\s+(?:now\s+)?(?:under\s?way)\b|"
        # dosing begun is a first patient dosed: "has initiated dosing", "commenced patient dosing"
        + _each("has have", r"\s+(?:successfully\s+)?(?:initiated|commenced|begun|started)\s+"
                r"(?:patient\s+|subject\s+)?dosing\b")
        + "|" + _each("initiated commenced began started", r"\s+(?:patient\s+|subject\s+)?dosing\s+"
                      r"(?:(?:the\s+)?(?:first\s+)?(?:patients|participants|subjects)\s+)?(?:in|of)\b")
        # "the initiation of patient dosing", "the start of dosing" (not "… dosing is expected")
        + "|" + _each("initiation start commencement beginning", r"\s+of\s+(?:patient\s+|subject\s+)?dosing\b")
        # "dosing has been initiated in a Phase 1 trial", "patient dosing has begun"
        + "|" + r"dosing\s+(?:has|have)\s+(?:now\s+)?(?:been\s+)?(?:successfully\s+)?"
        r"(?:initiated|commenced|begun|started)\b"
        # the guide counts a first randomisation as a first dose
        + "|" + r"first\s+(?:patient|participant|subject)s?\s+(?:(?:has|have)\s+(?:now\s+)?been\s+|was\s+|were\s+)?"
        r"(?:successfully\s+)?randomi[sz]ed|"
        + _each("initiated commenced began started", r"\s+(?:the\s+)?randomi[sz]ation\s+of")))),
    ("first_patient_dosed", patterns.compile(by_first_char(
        # fr, it, es, de, nl, sv: the first patient dosed / treated
        r"premier\s+patient\s+(?:a\s+été\s+|a\s+ete\s+)?(?:dosé|dose|traité|traite)|"
        r"primo\s+paziente\s+[^.;]{0,60}?(?:è\s+stato\s+|e\s+stato\s+)?(?:trattato|dosato)|"
        r"primer\s+paciente\s+[^.;]{0,60}?(?:ha\s+sido\s+|fue\s+)?(?:tratado|dosificado)|"
        # (German puts the verb last: "der erste Patient in der Studie mit X dosiert wurde")
        r"erste[rn]?\s+patient(?:en)?\s+[^.;]{0,80}?\b(?:behandelt|dosiert)|"
        r"eerste\s+pati[eë]nt\s+[^.;]{0,60}?\b(?:behandeld|gedoseerd)|"
        r"f[öo]rsta\s+patienten\s+(?:[^.;]{0,60}?\s)?(?:behandlats|doserats|behandlas|doseras)\b|"
        r"f[øo]rste\s+patient(?:en)?\s+[^.;]{0,60}?\b(?:doseret|dosert|behandlet)|"
        r"ensimm[äa]inen\s+potilas\s+[^.;]{0,60}?\b(?:annosteltu|hoidettu)"))),
    ("initiated", patterns.compile(by_first_char(
        # fr, it, es, de, nl, sv: the first patient recruited / enrolled
        r"premier\s+patient\s+[^.;]{0,60}?\b(?:a\s+été\s+|a\s+ete\s+)(?:recruté|recrute|inclus|randomisé|randomise)|"
        r"primo\s+paziente\s+[^.;]{0,60}?\b(?:è|e)\s+stato\s+(?:arruolato|reclutato|randomizzato)|"
        r"primer\s+paciente\s+[^.;]{0,60}?\b(?:ha\s+sido|fue)\s+(?:reclutado|incluido|aleatorizado)|"
        r"erste[rn]?\s+patient(?:en)?\s+[^.;]{0,60}?\b(?:wurde\s+)?(?:eingeschlossen|rekrutiert|randomisiert)|"
        r"eerste\s+pati[eë]nt\s+[^.;]{0,60}?\b(?:is\s+)?(?:geïncludeerd|geincludeerd|gerandomiseerd)|"
        r"f[öo]rsta\s+patienten\s+[^.;]{0,60}?\b(?:har\s+)?(?:inkluderats|rekryterats|randomiserats)|"
        + _each("has have", r"\s+(?:successfully\s+)?(?:initiated|commenced|begun|started|launched|kicked\s+off|"
                r"opened\s+(?:patient\s+)?enrol+ment)\b")
        + "|" + _each(r"initiates initiated commences commenced launches launched kicked\s+off kicks\s+off", _NOT_LATER)
        + "|" + _each("is are", r"\s+now\s+(?:active|open|enrolling|recruiting|underway)")
        + "|" + _each("enrol+ment recruitment dosing screening",
                      r"\s+(?:of\s+(?:the\s+)?(?:first\s+)?(?:patients|participants|subjects)\s+)?"
                      r"(?:has\s+|have\s+)?(?:now\s+)?(?:been\s+)?(?:begun|started|commenced|opened|initiated)")
        + r"|recruitment\s+is\s+(?:now\s+)?open|can\s+now\s+begin|began\s+(?:enrol+ing|dosing)|"
        # "our clinical trial sites are now active"
        + _each("site sites", r"\s+(?:is|are)\s+now\s+(?:active|open)\b") + "|"
        + _each("opened activated", r"\s+(?:the\s+|its\s+)?first\s+(?:clinical\s+)?(?:trial\s+)?sites?") + "|"
        # "has activated clinical sites and begun screening patients"
        + _each("has have", r"\s+(?:activated|opened)\s+(?:the\s+|its\s+)?(?:first\s+)?(?:clinical\s+)?(?:trial\s+)?"
                r"sites?\b") + "|"
        r"first\s+(?:clinical\s+)?(?:trial\s+)?site\s+(?:has\s+been\s+|was\s+)(?:activated|opened|initiated)|"
        # "the first cohort has been enrolled", "the trial opened for enrollment"
        r"first\s+cohort\s+(?:of\s+(?:patients|participants|subjects)\s+)?(?:has\s+been|was)\s+(?:fully\s+)?enrol+ed|"
        + _each("opened opens", r"\s+(?:for|to)\s+(?:patient\s+)?(?:enrol+ment|recruitment)") + "|"
        + _each("has have", r"\s+enrol+ed\s+(?:its|the|their)\s+first\s+(?:patient|participant|subject)") + "|"
        # "ACM-101 has entered the clinic", "… has now entered human clinical trials"
        + _each("has have", r"\s+(?:now\s+)?entered\s+(?:the\s+clinic|human\s+(?:clinical\s+)?(?:trials|testing))\b")
        + "|"
        # in the bare past too ("announce that it enrolled the first patient in …"; a date before
        # the release or a periodic report makes it a recall, as for "dosed the first patient")
        + _each("enrolled enroled recruited", r"\s+(?:its|the|their|our)\s+first\s+(?:patient|participant|subject)")
        + "|"
        + _each("enrol+ment recruitment", r"\s+(?:is|has\s+been)\s+(?:now\s+)?underway") + "|"
        + _each("achieved reached", r"\s+(?:the\s+)?first[\s-]+patient[\s-]+in\b") + "|"
        r"first\s+(?:patient|participant|subject)s?\s+(?:with\s+[^.;,]{1,60}?\s+)?"
        r"(?:(?:has|have)\s+(?:now\s+)?been\s+|was\s+|were\s+)?(?:successfully\s+)?(?:enrolled|screened|recruited|included)|"
        # "the first patient in the phase II … study has been recruited"
        r"first\s+(?:patient|participant|subject)s?\s+in\s+[^.;]{1,100}?\b(?:trial|study)\b[^.;]{0,40}?\s+"
        r"(?:(?:has|have)\s+(?:now\s+)?been|was|were)\s+(?:successfully\s+)?(?:enrolled|screened|recruited)|"
        # "Dr. A has recruited the first patient in the … study", "Acme recruits the first patient"
        + _each("has have", r"\s+(?:now\s+)?recruited\s+(?:the|its|their|our)\s+first\s+"
                r"(?:patient|participant|subject)")
        + "|" + r"recruits\s+(?:the|its|their)\s+first\s+(?:patient|participant|subject)|"
        + _each(r"enrol+ment randomi[sz]ation screening",
                r"\s+of\s+(?:the\s+|its\s+)?first\s+(?:patient|participant|subject)") + "|"
        # "announced (today) the initiation / start of a … trial"
        r"announc(?:ed|es|ing)\s+(?:today\s+)?(?:the\s+)?(?:initiation|start|commencement|launch|opening)\s+of|"
        # "GBR 500 has entered Phase II clinical development"
        + _each("has have", r"\s+(?:now\s+)?entered\s+(?:a\s+|the\s+)?phase[\s-]*[0-9iv/ab]+\s+"
                r"(?:clinical\s+)?(?:development|trials?|stud(?:y|ies)|testing)") + "|"
        r"announc(?:ed|es|ing)\s+(?:today\s+)?[^.;]{0,100}?,?\s+and\s+(?:for\s+)?(?:the\s+)?"
        r"(?:initiation|start|commencement)\s+of"))),
    # sv, da, no, de, fr, es, it, nl: a trial started
    ("initiated", patterns.compile(by_first_char(
        r"har\s+(?:nu\s+)?(?:inlett|startat|påbörjat|startet|påbegyndt|indledt|igangsatt)|"
        # the passive, of any subject: "studien med X har inletts", "studien påbörjades i februari"
        r"har\s+(?:nu\s+)?(?:inletts|påbörjats|startats)|"
        + _each("påbörjades inleddes startades", r"\b") + "|"
        + _each("studien prövningen forsøget studiet", r"\s+har\s+(?:nu\s+)?(?:startat|inletts|påbörjats|startet)")
        + "|"
        r"hat\s+[^.;]{0,60}?\b(?:begonnen|gestartet|initiiert)|"
        r"lancement\s+(?:de\s+l['’]|du\s+|de\s+la\s+)(?:essai|étude)|"
        r"a\s+(?:lancé|démarré|débuté|initié)|ont\s+(?:lancé|démarré|débuté)|"
        r"ha\s+(?:iniciado|comenzado|avviato|iniziato)|inicio\s+del\s+(?:ensayo|estudio)|"
        r"avvio\s+dello\s+studio|is\s+gestart|zijn\s+gestart"))),
    # … a trial planned
    ("planned", patterns.compile(by_first_char(
        r"planerar\s+att\s+(?:inleda|starta|påbörja|genomföra)|"
        # (with a clause between: "avser, under förutsättning att ansökan godkänns, inleda studien")
        r"avser\b[^.;]{0,80}?\b(?:inleda|starta|påbörja)\b|"
        r"förväntas\s+(?:inledas|starta|startas|påbörjas)|beräknas\s+(?:inledas|starta|startas|påbörjas)|"
        # "studien är planerad att genomföras / starta" (the trial is planned to be run / start)
        + _each("är blir", r"\s+planerad\s+att\s+(?:genomföras|starta|startas|inledas|påbörjas)") + "|"
        # da / no: "vil påbegynde fase 3", "vil starte et klinisk forsøg"
        r"vil\s+(?:påbegynde|indlede|igangsætte|igangsette|starte)\b|"
        r"forventer\b[^.;]{0,60}?\bat\s+(?:starte|påbegynde|indlede)|"
        r"planlægger\s+at\s+(?:starte|påbegynde|indlede)|"
        r"planlegger\s+å\s+(?:starte|igangsette)|"
        r"plant\b[^.;]{0,80}?\bzu\s+(?:beginnen|starten|initiieren)|beabsichtigt\b[^.;]{0,80}?\bzu\s+(?:beginnen|starten)|"
        r"prévoit\s+de\s+(?:lancer|démarrer|débuter|initier)|devrait\s+(?:démarrer|débuter|commencer)|"
        r"prevé\s+(?:iniciar|comenzar)|planea\s+(?:iniciar|comenzar)|prevede\s+di\s+(?:avviare|iniziare)|"
        r"verwacht\b[^.;]{0,60}?\bte\s+(?:starten|beginnen)|"
        # the future tense and "is planned to": sv "kommer att inleda", "planeras att starta",
        # "för att inleda studien", "(mot) starten av fas 1"; de "wird … beginnen", "soll …
        # starten"; fr "débutera", "sera lancé", "va lancer"; es "iniciará"; it "avvierà";
        # nl "zal … starten"
        r"kommer\s+att\s+(?:inleda|starta|påbörja|inledas|startas|påbörjas)\b|"
        r"planeras\s+(?:att\s+)?(?:starta|startas|inledas|påbörjas|genomföras)\b|"
        r"för\s+att\s+(?:inleda|starta|påbörja)\s+(?:den\s+)?(?:kliniska\s+)?(?:studien|prövningen)\b|"
        r"starten\s+av\s+(?:en\s+|den\s+)?(?:fas|studien|prövningen|klinisk)|"
        r"wird\b[^.;]{0,80}?\b(?:beginnen|starten)\b|soll\b[^.;]{0,80}?\b(?:beginnen|starten|gestartet\s+werden)\b|"
        # (German puts the verb last: "dass die Studie im Herbst beginnen wird / starten soll")
        r"beginnen\s+(?:wird|soll|werden|sollen)\b|starten\s+(?:wird|soll|werden|sollen)\b|"
        r"gestartet\s+werden\s+(?:wird|soll)\b|"
        r"débutera\b|démarrera\b|commencera\b|sera\s+(?:lancée?|initiée?|démarrée?)\b|"
        r"va\s+(?:lancer|démarrer|débuter|initier)\b|"
        r"iniciará\b|comenzará\b|se\s+iniciará\b|avvierà\b|inizierà\b|sarà\s+avviat[oa]\b|"
        r"zal\b[^.;]{0,60}?\b(?:starten|beginnen)\b|"
        # de: a study being prepared ("bereitet … Studie … vor", "eine neue klinische Studie vorbereitet")
        r"bereitet\b[^.;]{0,80}?\b(?:studie|phase)[^.;]{0,80}?\bvor\b|studie\b[^.;]{0,60}?\bvorbereitet\b"))),
    ("planned", patterns.compile(by_first_char(
        _each(
            r"expects? expected plans? planned planning intends? intended intention anticipates? anticipated aims? "
            r"hopes? hoping "
            r"scheduled on\s+track on\s+schedule look(?:s|ing)?\s+forward look(?:s|ing)?\s+ahead prepar(?:ing|es) "
            r"will should poised gearing\s+up "
            r"cleared focused decided made\s+the\s+decision taken\s+the\s+decision",
            r"\b[^.;]{0,50}?\b(?:to\s+)?" + _START_VERB)
        # a start coordinated under the plan's verb: "intends to submit an IND later this year,
        # begin first-in-man studies in late 2020, and then begin Phase 2 studies in 2021"
        + "|" + _each(r"expects? plans? intends? anticipates? aims? on\s+track",
                      r"\s+to\s+[^.;]{1,160}?(?:,\s+(?:and\s+)?|\s+and\s+)(?:then\s+)?(?:to\s+)?"
                      r"(?:initiate|begin|start|commence|launch)\b")
        # a trial "which could begin" in a period named (not a start hedged on a condition: "could
        # potentially begin a Phase 3 trial")
        + "|" + r"which\s+could\s+(?:begin|start|commence)\s+(?:in|by|during|as\s+early\s+as)\s+" + _PERIOD_NAMED
        # … and as a noun under "targeting": "targeting a CTA submission in the second half of 2026 and
        # the beginning of the Phase 1 trial by the end of 2026"
        + "|" + _each(r"targets targeting", r"\s+[^.;]{1,160}?(?:,\s+(?:and\s+)?|\s+and\s+)(?:then\s+)?"
                      r"the\s+(?:beginning|start|initiation|commencement|launch)\s+of\b")
        # "targets to initiate", "is targeting initiation of" (not "Targeted Genetics initiate …")
        + "|" + _each("targets targeting targeted", r"\s+(?:to\s+|for\s+)?(?:the\s+)?" + _START_VERB)
        # a start named as a noun: "is targeting a Phase 2 start for X in early 2026"
        + "|" + _each("targets targeting targeted aims aiming plans planning expects expecting",
                      r"\s+(?:a\s+|the\s+|an?\s+)?(?:phase[\s-]*[0-9iv/ab]+|pivotal|clinical|trial|study)\s+"
                      r"(?:start|initiation|launch)\b")
        + "|" + _each("initiation start launch commencement commencing initiating starting",
                      r"\b[^.;]{0,60}?\b(?<!as\s)(?:is\s+|are\s+)?(?:planned|expected|anticipated|scheduled)\b")
        + "|" + _each("plans? planning intends?", r"\s+(?:an?\s+|the\s+|its\s+|their\s+)?"
                      r"(?:[\w/-]+\s+){0,5}?(?:clinical\s+)?(?:trials?|study|studies)\b")
        # "is slated to begin", "is set to commence", "looks to initiate"
        + "|" + _each("slated", r"\s+(?:to\s+|for\s+)" + _START_VERB)
        + "|" + _each("looks looking", r"\s+to\s+" + _START_VERB)
        # "working towards initiating a Phase 1b trial", "moving toward the start of"
        + "|" + _each("towards toward", r"\s+(?:the\s+)?" + _START_VERB)
        + "|" + _each("is are", r"\s+set\s+to\s+" + _START_VERB)
        # a bullet's or a headline's shorthand: "Phase 1 trial to begin in Q2 2026", "Study to
        # be conducted on X"
        + "|" + _each("trial trials study studies", r"\s+to\s+(?:begin|start|commence|initiate)\b")
        + "|" + _each("trial trials study studies",
                      r"\s+to\s+be\s+(?:conducted|initiated|started|launched|commenced)\b")
        # a trial after another step of a plan: "plans to file an IND in Q2, with a Phase 1
        # study to follow in 2H 2026", "…, followed by the initiation of a Phase 1 trial"
        + "|" + _each("trial trials study studies", r"\s+to\s+follow\b")
        + "|" + r"followed\s+by\s+(?:the\s+)?(?:initiation|start|commencement|launch)\s+of\b"
        # "a Phase 1 trial of X is to be initiated in the second half of 2026"
        + "|" + _each("is are", r"\s+to\s+be\s+(?:initiated|started|launched|commenced)\b")
        # "clinical trials expected to begin before year-end", "the study is now expected to start in December"
        + "|" + _each("trial trials study studies",
                      r"\s+(?:(?:is|are)\s+)?(?:now\s+)?(?:expected|anticipated|scheduled|slated|due)\s+to\s+"
                      r"(?:begin|start|commence|initiate|open)\b")
        # the plan in a relative clause: "preparations for a Phase 2 trial, which is expected to start in 2027"
        + "|" + _each("trial trials study studies", r"\b[^.;]{0,60}?,?\s+which\s+(?:is|are)\s+(?:now\s+)?"
                      r"(?:expected|anticipated|scheduled|slated|planned|due)\s+to\s+(?:begin|start|commence|initiate|open)\b")
        # "will now move forward with a Phase 2 trial of X in 2027"
        # (not "unable to move forward with", "decided not to move forward with": "will" only)
        + "|" + _each("will", r"\s+(?:now\s+)?move\s+forward\s+with\s+(?:an?\s+|the\s+|its\s+|our\s+)?"
                      r"(?:[\w/-]+\s+){0,4}?(?:trials?|stud(?:y|ies))\b")
        # a bullet's nominal plan: "Phase 1 study of X nasal gel starting in October 2026"
        + "|" + _each("trial study", r"\b[^.;]{0,80}?\b(?:starting|commencing)\s+(?:in|during)\s+[^.;,]{1,30}\.?$")
        # "a Phase 1 trial of X is planned for 2027"
        + "|" + _each("trial trials study studies", r"\b[^.;]{0,60}?\b(?:is|are)\s+(?:now\s+)?(?:planned|scheduled)\s+"
                      r"(?:for|in|to\s+(?:begin|start|commence|initiate|open|enrol))\b")
        # a trial (or a phase) with its plan after it: "moving toward Phase 2 planned for next year",
        # "a Phase 1 study of X scheduled for 2H 2026" (not data planned for a period: "results from
        # the study planned for Q3")
        + "|" + _each("trial trials study studies", r"\s+(?:(?:of|with|in)\s+(?:(?!data|results|readout|topline)"
                      r"[\w/-]+\s+){1,4}?)?(?:planned|scheduled|slated)\s+(?:for|in)\s+" + _PERIOD_NAMED)
        + "|" + _each(r"phase[\s-]*[0-9iv]+[ab]?(?:/[0-9iv]+[ab]?)? clinical\s+development",
                      r"\s+(?:is\s+)?(?:planned|scheduled|slated)\s+(?:for|in)\s+" + _PERIOD_NAMED)
        # the trial's start in the passive future: "a Phase 1/2 trial will be opened for the screening of
        # adult patients during Q4"; "we will open the study for the first adult patients"; "as we
        # initiate our first clinical trial of X"; "to support initiation of a Phase 1 trial"
        + "|" + _each("trial trials study studies", r"\b[^.;]{0,80}?\bwill\s+be\s+(?:opened|initiated|started|"
                      r"launched|commenced)\b")
        + "|" + r"will\s+open\s+(?:the|its|a|an|our)\s+(?:[\w/-]+\s+){0,3}?(?:trial|study)\b"
        + "|" + r"as\s+we\s+(?:initiate|begin|start|commence|launch)\b"
        + "|" + r"to\s+support\s+(?:the\s+)?(?:initiation|start|commencement|launch)\s+of\b"
        # what money raised will pay for, listed: "this funding will support activities for X including
        # preparations for a potential NDA, commencing an 8-week clinical study of …"
        + "|" + _each("funding proceeds financing funds capital",
                      r"\s+will\s+(?:be\s+used\s+(?:to|for)|support|fund|finance|allow|enable)\b[^.;]{0,200}?\b"
                      r"(?:commencing|initiating|starting|launching)\s+(?:an?|the|its|our)\b")
        # "with the first patient in the trial expected in the third quarter"
        + "|" + _each("first", r"[\s-]+(?:patient|participant|subject)s?[\s-]+(?:in|dosing|dosed|enrol+ed|enrol+ment)\b"
                      r"[^.;]{0,80}?\b(?:expected|anticipated|planned|scheduled|targeted)\b")
        # "first in-human dosing is targeted for 1Q-2021"
        + "|" + _each("first", r"[\s-]+in[\s-]+human\s+(?:dosing|dose|administration|trial|study)\s+(?:is|are)\s+"
                      r"(?:now\s+)?(?:expected|anticipated|planned|scheduled|targeted)\b")
        # "X is expected to enter the clinic in 2027"
        + "|" + _each(r"expects? expected plans? planned intends? anticipates? anticipated on\s+track will poised "
                      r"ready cleared set",
                      r"\b[^.;]{0,50}?\bto\s+enter\s+(?:the\s+clinic|(?:a\s+|the\s+|its\s+|their\s+)?"
                      r"(?:pivotal\s+|registrational\s+|late[\s-]stage\s+)?(?:phase\s+[0-9iv/ab]+\s+)?"
                      r"(?:clinical\s+)?(?:trials?|stud(?:y|ies)|development|testing)|"
                      r"(?:a\s+|its\s+|their\s+)?(?:pivotal\s+|registrational\s+)?phase\s+[0-9iv/ab]+)")
        # "plans to conduct a Phase 2 trial", "will conduct a Phase I study", "to design and
        # conduct its Phase 2b trial" (not "continues to conduct", not "the trial will be conducted")
        + "|" + _each(r"plans? planning intends? intended expects? expected will design",
                      r"\s+(?:to\s+)?(?:and\s+)?(?:conduct|sponsor|run)\s+(?:an?\s+|the\s+|its\s+|our\s+|their\s+)?"
                      r"(?:[\w/-]+\s+){0,4}?(?:clinical\s+)?(?:trials?|stud(?:y|ies))\b")
        # "the first site for its Phase 3 trial is expected to be activated in Q2"
        + "|" + _each("first", r"\s+(?:clinical\s+|trial\s+|study\s+)?sites?\b[^.;]{0,80}?\b(?:is|are)\s+(?:now\s+)?"
                      r"(?:expected|planned|scheduled|anticipated)\s+to\s+(?:be\s+)?(?:activated|open|initiated)")
        # "anticipates that the first patient will be dosed in Q3"
        + "|" + _each("first", r"\s+(?:patient|participant|subject)s?\s+(?:will|would|should|could)\s+be\s+"
                      r"(?:dosed|enrol+ed|treated|randomi[sz]ed)")
        # "the first patient is expected to be enrolled during the current quarter"
        + "|" + _each("first", r"\s+(?:patient|participant|subject)s?\s+(?:is\s+|are\s+)?(?:expected|planned|"
                      r"scheduled|anticipated)\s+to\s+be\s+(?:enrol+ed|dosed|treated|randomi[sz]ed)")
        # "enabling clinical trials to begin in 2026", "allow for the first patient to be enrolled"
        # "thereby allowing the initiation of an open-label Phase II trial"
        + "|" + _each("enable enables enabling allow allows allowing permits permitting",
                      r"\s+(?:for\s+)?the\s+(?:initiation|start|commencement|launch)\s+of\b")
        + "|" + _each("enable enables enabling allow allows allowing",
                      r"\s+(?:for\s+)?(?:the\s+|a\s+|an\s+|our\s+|its\s+)?(?:[\w-]+\s+){0,3}?"
                      r"(?:trials?|stud(?:y|ies)|patients?|participants?|subjects?|dosing)"
                      r"(?:\s+(?:of|with|for|in)\s+[^.;]{1,40}?)?\s+to\s+" + _START_VERB)
        # "the IND allows Acme to initiate a Phase 1 trial", "enables us to begin dosing"
        + "|" + _each("allows allowed allowing enables enabled enabling permits permitted permitting",
                      r"\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:[\w-]+)\s+to\s+" + _START_VERB)
        # ("… towards a Phase 1 clinical trial")
        + "|" + _each("advance advances advancing", r"\s+(?:[\w-]+\s+){0,3}?(?:into|towards?)\s+(?:an?\s+|the\s+)?"
                      r"(?:phase|the\s+clinic|clinical|human)")
        # a product taken on to a phase or into people: "expediting ACM-101 into Phase 1 clinical
        # trials", "advancing ACM-101 to Phase 3 trials", "progress ACM-101 into Phase 2b" (a
        # verb of motion in the present or to come; what has advanced is told by its start)
        # ("progress" as a verb only: "made progress toward the Phase 3 trial" is none)
        + "|" + _each(r"advance advances advancing to\s+progress will\s+progress progresses progressing expedite "
                      r"expedites expediting transition transitions transitioning take takes taking",
                      r"\s+(?:[\w-]+\s+){0,3}?(?:into|to|towards?)\s+(?:an?\s+|the\s+|its\s+)?"
                      r"(?:pivotal\s+|registrational\s+)?(?:phase[\s-]*[0-9iv]+[ab]?\b|"
                      r"(?:human\s+)?clinical\s+(?:trials?|stud(?:y|ies)|testing)|human\s+(?:trials?|stud(?:y|ies)|testing))")
        # "on track for a Phase 3 clinical trial in 2027" (not for a trial's readout)
        + "|" + _each(r"on\s+track on\s+schedule",
                      r"\s+for\s+(?:an?\s+|the\s+|its\s+)?(?:pivotal\s+|registrational\s+)?(?:phase[\s-]*[0-9iv/ab]+\s+)?"
                      # (the trial itself, then what it is of or when: not "the trial's topline data", "the trial to
                      # complete enrollment")
                      r"(?:clinical\s+)?(?:trial|study)\b(?=\s+(?:of|in|for|with|by|during)\b|\s+to\s+(?:begin|start|"
                      r"initiate|commence|open)\b|\s*[,.;)]|\s*$)")
        # "anticipates ACM-101 entering the clinic in the first half of 2027"
        + "|" + _each(r"expects? expected anticipates? anticipated plans? planned",
                      r"\b[^.;]{0,50}?\bentering\s+(?:the\s+clinic|(?:an?\s+|the\s+|its\s+)?"
                      r"(?:pivotal\s+|registrational\s+)?(?:phase\s+[0-9iv/ab]+\b|(?:clinical\s+)?(?:trials?|stud(?:y|ies))))")
        # "plan to enter ACM-101 with pembrolizumab into a Phase II study this year"
        + "|" + _each("enter", r"\s+(?:[\w-]+\s+){1,4}?into\s+(?:an?\s+|the\s+)?(?:phase|the\s+clinic|clinical|human)")
        + "|" + _each("move moves moving", r"\s+(?:[\w-]+\s+){0,3}?into\s+(?:an?\s+|the\s+)?"
                      r"(?:phase|the\s+clinic|clinical\s+(?:trials?|stud))")
        # with the product in apposition: "plans to advance LFD-200, the first of our …, into the clinic"
        + "|" + _each("advance advances advancing bring brings bringing",
                      r"\s+(?:[\w-]+\s+){0,3}?[\w-]+,[^.;]{1,120}?,\s+(?:into|towards?)\s+(?:an?\s+|the\s+)?"
                      r"(?:phase|the\s+clinic|clinical|human)")
        + "|" + _each("paves pave paving clears", r"\s+the\s+way\s+(?:for\s+[^.;]{0,40}?)?to\s+" + _START_VERB)
        # "our priority for next year is to bring ACM-101 into a Phase 2 trial"
        + "|" + _each("bring brings bringing", r"\s+(?:[\w-]+\s+){1,3}?into\s+(?:an?\s+|the\s+)?"
                      r"(?:phase|the\s+clinic|clinical\s+(?:trials?|stud))")
        # ready, placed or prepared to start: "is ready to begin", "is now in a position to start", "on
        # course to start", "preparations are underway to initiate"
        + "|" + _each(r"ready position on\s+course underway", r"\s+to\s+" + _START_VERB)
        # a plan's list named as such: "key objectives for 2026 are to start a Phase 2 trial", "upcoming
        # milestones include the initiation of a Phase 2 trial"
        + "|" + _each("objective objectives goal goals priority priorities milestones milestone step steps",
                      r"\b[^.;]{0,40}?\b(?:is|are|include|includes|including|will\s+be)\s+(?:to\s+)?(?:the\s+)?"
                      + _START_VERB)
        # "is targeting the first half of 2026 for the start of the Phase 2 trial"
        + "|" + _each("targets targeting",
                      r"\s+[^.;]{1,40}?\bfor\s+(?:the\s+)?(?:start|initiation|launch|commencement)\s+of\b")
        # an application filed to start a trial: "the submission of an IND to the FDA to initiate a Phase 1 trial"
        + "|" + _each("submission filing submitted filed submits files",
                      r"\s+(?:of\s+)?(?:an?\s+|its\s+|the\s+)?(?:ind|cta|ctn|investigational\s+new\s+drug|clinical\s+trial\s+"
                      r"application)\b[^.;]{0,80}?\bto\s+" + _START_VERB)
        + "|" + _each(r"clearance authori[sz]ation approval authori[sz]ed permitted",
                      r"\b[^.;]{0,80}?\bto\s+" + _START_VERB)
        # (an adjective of the trial's noun, not a verb of another's: "214 patients planned for the study")
        + "|" + _each("proposed planned upcoming forthcoming",
                      r"\s+(?:pivotal\s+|registrational\s+)?(?:phase[\s-]*[0-9iv/ab]+\s+)?"
                      r"(?:(?!(?:for|in|by|of|to|with|at|on|under|from|the|this|that)\b)[\w-]+\s+){0,2}?"
                      r"(?:trial|study)\b")))),
)  # fmt: skip
KEYWORDS = frozenset(
    [
        "initiat",
        "commenc",
        "begin",
        "began",
        "begun",
        "start",
        "launch",
        "dosed",
        "dosing",
        "enrol",
        "recruit",
        "screening",
        "entered",
        "open",
        "underway",
        "proposed",
        "upcoming",
        "forthcoming",
        "advanc",
        "bring",
        "randomi",
        "first patient",
        "first-patient",
        "kicked off",
        "kicks off",
        "administered to",
        "administering",
        "first dose",
        "to follow",
        "followed by",
        "first participant",
        "first subject",
        "first cohort",
        "premier patient",
        "primo paziente",
        "primer paciente",
        "erste patient",
        "ersten patient",
        "erster patient",
        "eerste pati",
        "rsta patienten",
        "first site",
        "first clinical site",
        "the clinic",
        "to enter",
        "enter a phase",
        "enter phase",
        "enter clinical",
        "planned",
        # "plans a Phase 2 trial of X in 2027", a headline's "Acme Plans Phase 3 Trial …"
        "plans a",
        "plans the",
        "plans its",
        "plans phase",
        "plans pivotal",
        "plans registrational",
        "plans first",
        "planning a",
        "planning the",
        "planning its",
        "planning phase",
        "move forward with",
        "vaccinated",
        "immunized",
        "immunised",
        "injected",
        "in-human dosing",
        "in human dosing",
        "entered the clinic",
        "entered human",
        "next step",
        "scheduled for",
        "scheduled to",
        "slated",
        "set to",
        "into a phase",
        "into phase",
        "into clinical",
        "conduct",
        "sponsor",
        "run",
        "dose the first",
        "dose its first",
        "dose our first",
        "treat the first",
        # a product taken on, a trial on track, a phase proceeded to, the clinic entered
        "expedit",
        "progress",
        "transition",
        "to phase",
        "to a phase",
        "into human",
        "to human",
        "to clinical",
        "on track",
        "on schedule",
        "entering",
        "kick off",
        "kicks off",
        "kicking off",
        "get underway",
        "get under way",
        *_OTHER_KEYWORDS,
    ]
)
_TRAP = patterns.compile(
    r"(?:complet(?:ed|es|ion)|ongoing|continuing|discontinu\w*|terminat\w*|halt\w*|wind\s+down|futility|"
    # a cohort or a trial filled: "the first cohort of 9 patients has been fully recruited and treatment commenced"
    r"fully\s+(?:recruited|enrol+ed)|"
    r"expan(?:d|ds|ded|ding|sion)|extension|additional\s+(?:sites?|countries|cohorts?|patients)|"
    # a running trial's new site: "recruitment is opening at two new study sites", "opening of
    # Oslo University Hospital as site for the trial"
    r"new\s+(?:study\s+|clinical\s+|trial\s+)?sites?|opening\s+of\s+[^.;]{1,60}?\s+as\s+(?:an?\s+)?(?:new\s+)?"
    r"(?:study\s+|clinical\s+|trial\s+)?site|"
    + _each("new next second third fourth fifth subsequent final last higher",
            r"[\s-]+(?:[\w-]+\s+){0,2}?(?:dose\s+)?cohort")  # (… "the next randomized ORBIT cohort")
    + r"|dose\s+cohort|progress(?:ing|ed)?|resum\w*|"
    # the next part of a running trial: "the Phase 2 portion of the Phase 1/2 trial"
    + _each("portion part stage segment section", r"\s+of\s+(?:the|its|our|this)\s+(?:[\w/-]+\s+){0,4}?(?:trial|study)")
    + r")\b"
)
# the source of data named right before the cue: "topline results from the Phase 2 study planned for …"
_DATA_SOURCE_BEFORE = patterns.compile(
    r"\b(?:data|results?|readouts?|topline)\s+(?:from|of)\s+(?:the\s+|its\s+|our\s+|a\s+)?"
                        r"(?:[\w/-]+\s+){0,3}?$")
# what a start verb may begin that is no trial: "initiate the rolling BLA submission",
# "begin discussions with", "data analysis was planned to be initiated"
_OTHER_PROCESS = (
    r"(?:rolling\s+|formal\s+|final\s+|interim\s+|data\s+|regulatory\s+)?"
    r"(?:(?:bla|nda|maa|snda|sbla|anda|ind|cta|marketing)\s+(?:application\s+)?)?"
    r"(?:submissions?|filings?|analys[ie]s|discussions?|dialogues?|negotiations?|manufactur\w*|production|"
    r"commerciali[sz]ation|construction|review|"
    # a running trial's sites: "is expected to enroll 240 patients and initiate sites in six countries"
    r"(?:clinical\s+|trial\s+|study\s+)?sites?)"
)
# (or what prepares the trial: "has started the process of selecting sites for", "has begun preparations for")
_OTHER_PROCESS_AFTER = patterns.compile(
    r"\s+(?:the\s+|a\s+|an\s+|its\s+|our\s+|their\s+)?(?:" + _OTHER_PROCESS
    + r"|process(?:es)?|preparations?|planning|selection)\b"
)
_OTHER_PROCESS_BEFORE = patterns.compile(
    r"\b" + _OTHER_PROCESS + r"\s+(?:was|is|were|are|has\s+been|have\s+been|will\s+be)\s+"
    r"(?:(?:planned|expected|scheduled|due)\s+to\s+be\s+)?$"
)
# what starts that is no trial: a product's commercial launch, a clinical hold, or a study's
# start given as a time ("not available at the time that the clinical study was initiated")
_NO_TRIAL_START = patterns.compile(
    r"\b(?:commercial|market|product|marketing)\s+launch"
    r"|\bhold\s+(?:was|has\s+been|had\s+been|is)\s+(?:initiated|started|placed|imposed)"
    r"|\bat\s+the\s+time\s+(?:that\s+|when\s+)?(?:[\w-]+\s+){0,6}?(?:was|were)\s+(?:initiated|started|commenced|begun)"
)
_PRECONDITION = patterns.compile(
    r"\b(?:following|after|upon|once|until|pending)\s+(?:the\s+|its\s+|our\s+)?"
    r"(?:successful\s+)?(?:complet(?:ion|ing)|expansion)\b|"
    # said as a clause: "will be initiated after ACME-301 is completed", "once the trial has been completed"
    r"\b(?:after|once|when|until)\s+[^.;,]{1,60}?\b(?:is|are|has\s+been|have\s+been)\s+(?:fully\s+|successfully\s+)?"
    r"complet(?:ed|e)\b"
)
# a state described, not news: "… the pivotal trial, which has started"
_STATE_CLAUSE = patterns.compile(
    r"\b(?:which|that)\s+(?:has|have|had)\s+(?:already\s+)?(?:been\s+)?(?:started|begun|commenced|initiated)"
)
_PROGRESS_VERB = patterns.compile(r"(?:(?:to|will)\s+)?(progress\w*)")
_TRAP_HINTS = ("complet", "ongoing", "continuing", "discontinu", "terminat", "halt", "wind", "futility", "expan",
               "extension", "additional", "cohort", "progress", "resum", "portion", "part", "stage", "segment",
               "section", "new", "opening", "fully")  # fmt: skip
# the end a plan foresees is no trap: "expected to start in December 2021 and be completed at the end of 2022"
_FUTURE_END = patterns.compile(r"\b(?:be|to|will)\s+complet\w*")
# a programme's reach, not a running trial's: "with subsequent expansion into additional
# mast cell-mediated diseases"
_NEW_INDICATIONS = patterns.compile(
    r"\bexpan\w*\s+(?:in)?to\s+(?:additional|other|new|further|more)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:diseases|indications|conditions|disorders|areas|cancers|tumou?r\s+types)\b"
)
# a trial's design, not an expansion of a running one: "dose-escalation and expansion trial"
_DESIGN = patterns.compile(r"escalation\s+(?:and|/)\s+(?:dose[\s-]+)?expansion\b")
_GEOGRAPHY = patterns.compile(
    r"\b(?:in|into)\s+(?:the\s+)?(Canada|Europe|European\s+Union|EU|United\s+States|U\.S\.|US|"
    r"UK|United\s+Kingdom|Australia|New\s+Zealand|China|Japan|Korea|Taiwan|India|Brazil|"
    r"Israel|Germany|France|Spain|Italy|Asia|Latin\s+America|South\s+America)\b"
)
_TREATMENT_START = patterns.compile(r"\b(?:patients?|people|individuals)\s+(?:initiating|starting|beginning)\b")
_NEW_TRIAL = patterns.compile(r"\b(?:an?\s+new|new\s+(?:phase\s+\S+\s+)?(?:clinical\s+)?(?:trial|study))\b")
_RESPECTIVELY = patterns.compile(r"\brespectively\b", _P)
_SUBJECT_LIST = patterns.compile(
    r"\b[Tt]he\s+(\S+(?:\s+\S+)?)\s+and\s+(?:the\s+)?(\S+(?:\s+\S+)?)\s+(?:trials|studies)\b")
_INDEFINITE_TRIAL = patterns.compile(r"\b(?:an?|two|three|new)\s+(?:[\w-]+\s+){0,6}?(?:trial|study)\b", _P)
_TRIAL_INDICATIONS = patterns.compile(
    r"\b(?:in|for|of)\s+(?:adult\s+|pa?ediatric\s+)?"
    r"(?:patients|participants|subjects|people|individuals|adults|children|adolescents|infants)\s+with\s+"
    r"([^.;]{3,200})",
    _P,
)
_LIST_SEP = patterns.compile(r",\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+")
_TODAY = patterns.compile(r"\btoday\b|\bnow\b", _P)
# what stands between a name and the trial it names, then the drug the trial is of:
# " pivotal Phase 3 trial of ", " study evaluating "
_CODE_NAMES_TRIAL = patterns.compile(
    r"(?:\s+(?:pivotal|registrational|global|randomi[sz]ed|clinical|Phase\s*[1-4IV]{1,3}[ab]?"
    r"(?:\s*/\s*[1-4IV]{1,3}[ab]?)?))*\s+(?:trial|study)\s+(?:of|evaluating|investigating|testing|assessing|with)\s+",
    _P,
)
# a quote telling in the simple past what the speaker's company did: "“We initiated …", "In 2020, we initiated …"
_QUOTED_RECAP = patterns.compile(
    r"[“\"]?\s*(?:[\w ,]{0,40},\s+)?we\s+(?:also\s+)?(?:initiated|commenced|launched|began|started)\b"
)


@dataclass(frozen=True, slots=True)
class Found:
    product: str
    trial: str | None
    phase: str | None
    indications: tuple[str, ...]
    timing: Timing | None
    status: str
    announced: bool
    body: bool
    evidence: str
    position: int
    section: str = "body"
    per_indication: bool = False  # one of several trials the sentence names, one per indication
    # a title telling a start ("Acme Doses First Patient in Phase 2 Trial of X"): the news when
    # the body never states it (an excerpt cut after the headline)
    headline_news: bool = False
    # the product was not named in the sentence but taken from around it ("We anticipate
    # initiating this study in 1H 2027"): a guess the release's named starts may correct
    referred: bool = False


# "first" in fr, it, es, de, nl, sv, da/no, fi
_FIRST_PATIENT = ("premier", "primo", "primer", "erste", "eerste", "rsta", "rste", "ensimm")
_CUE_HINTS: dict[str, tuple[str, ...]] = {
    "first_patient_dosed": ("first", "dosed", "dosing", "randomi", "administered", "administering", "treating",
                            *_FIRST_PATIENT),
    "initiated": ("initiat", "commenc", "begun", "began", "start", "launch", "now", "open",
                  "first", "announc", "activated", "enrol", "underway", "screening", "entered", "kick",
                  *_FIRST_PATIENT,
                  *_OTHER_STARTED),
    "planned": ("initiat", "begin", "start", "commenc", "launch", "enrol", "first", "planned", "proposed", "enabl",
                "open",
                *_OTHER_PLANNED,
                "submi", "fil",
                "enter", "target", "slated", "set to", "move", "moving",
                "allow", "permit", "gearing", "follow",
                "upcoming", "forthcoming", "expected", "anticipated", "scheduled", "plan", "intend", "advanc",
                "way", "conduct", "sponsor", "run", "bring",
                "progress", "expedit", "transition", "tak", "track", "schedule", "entering", "kick",
                "underway"),
}  # fmt: skip


def _cue(low: str) -> tuple[str, re.Match[str]] | None:
    checked, hinted = "", False
    for status, pattern in _CUES:
        if status != checked:  # (a status's patterns are consecutive: its hints are looked for once)
            checked, hinted = status, holds_any(low, _CUE_HINTS[status])
        if not hinted:
            continue
        m = word_search(pattern, low)
        if m:
            if (
                status != "planned"
                and _FUTURE_BEFORE.search(low, max(0, m.start() - 50), m.start())
                and not _PERFECT_BEFORE.search(low, max(0, m.start() - 20), m.start())
            ):
                return "planned", m  # "anticipates dosing the first patient in the fourth quarter"
            if status != "planned" and not _TOLD_DONE.search(m.group(0)) and _FUTURE_AFTER.match(low, m.end()):
                return "planned", m  # "first patient dosing in the trial is expected in Q3"
            return status, m
    return None


# a start named as a thing ("first patient dosing", "initiation of the trial") that the
# clause then says is to come
_FUTURE_AFTER = patterns.compile(
    r"[^.;]{0,70}?(?:\b(?:is|are)\s+(?:now\s+|currently\s+|still\s+)?|\s)"
    r"(?:expected|anticipated|planned|scheduled|targeted)\b(?!\s+(?:to\s+)?(?:enrol|complet|read|report|includ))"
)
_TOLD_DONE = patterns.compile(r"\b(?:has|have|had|was|were|been|is|are)\b")
# (a perfect infinitive tells what is done: "delighted to now have randomized the first patient")
_PERFECT_BEFORE = patterns.compile(r"\bto\s+(?:now\s+|already\s+|finally\s+)?have\s+$")
# a start governed by a verb of plan: what follows has not happened yet
_FUTURE_BEFORE = patterns.compile(
    r"\b(?:expects?|expected|anticipates?|anticipated|plans?|planned|intends?|will|to|look(?:s|ing)?\s+forward\s+to|"
    r"on\s+(?:track|schedule)\s+(?:to|for)|prepar(?:es|ing)\s+(?:to|for)|aims?\s+to|targets?|targeting)\s+"
    r"(?:\w+\s+){0,2}$|"
    # "with targeted first patient enrolled this year" (not "its targeted therapy dosed the first patient")
    r"\bwith\s+(?:a\s+)?targeted\s+$|"
    r"\blook(?:s|ing)?\s+ahead\s+to\s+(?:\S+\s+){0,4}$"
)


# a start is a trial's: the words around the cue name a trial, study, phase, dose or
# patients ("began trading", "initiated a rolling NDA submission" and "launches a
# campaign" are not starts)
_TRIAL_WORDS = patterns.compile(
    r"\b(?:trials?|stud(?:y|ies)|phase|patients?|participants?|subjects?|volunteers?|dos(?:e|ed|es|ing)|"
    r"enrol\w*|recruit\w*|clinical|clinic|first[\s-]in[\s-]human|cohorts?|registrational|pivotal|"
    r"studio|studi|studie[nt]?|studier|études?|essais?|estudios?|ensayos?|prövning(?:en)?|fas|fase|paziente|paciente|"
    r"pati[eë]nt|patienten|tutkimu\w*|vaihe\w*|potila\w*)\b"
)

# every match of _TRIAL_WORDS holds one of these (even cut short by a window's end): a
# sentence holding none is about no trial, whatever start cue it holds
_TRIAL_WORD_PARTS = ("trial", "stud", "phase", "pati", "participant", "subject", "volunteer", "dos", "enrol",
                     "recruit", "clinic", "first", "cohort", "registrational", "pivotal", "étude", "essai", "ensayo",
                     "prövning", "fas", "paziente", "paciente", "tutkimu", "vaihe", "potila")  # fmt: skip


_SPONSOR_ADJECTIVE = patterns.compile(r"(?:investigator|physician|sponsor)[\s-]+$")


# what a launch starts when it starts a trial
_LAUNCHED_TRIAL = patterns.compile(
    r"\b(?:trials?|stud(?:y|ies)|phase|clinical|studie\w*|essais?|ensayos?|prövning\w*)\b")


def _about_a_trial(low: str, cue: re.Match[str]) -> bool:
    start = cue.start()
    sponsor = cue.group(0).startswith("initiated") and _SPONSOR_ADJECTIVE.search(low, max(0, start - 16), start)
    if start and (low[start - 1] == "-" or sponsor):
        return False  # "investigator-initiated", "investigator initiated clinical trial"
    if "launch" in cue.group(0) and _LAUNCHED_TRIAL.search(low, max(0, start - 60), cue.end() + 80) is None:
        return False  # a product launched ("will soon launch X for Injection … single dose vials")
    if _TRIAL_WORDS.search(low, max(0, start - 60), cue.end() + 80) is not None:
        return True
    # the sentence's subject: "Clinical evaluation of X, a vaccine …, expected to begin in …"
    return _TRIAL_WORDS.search(low, 0, min(start, 30)) is not None


# a conference call or webcast starts too ("participants join the call ten minutes prior
# to the scheduled start")
_CALL = patterns.compile(r"\b(?:conference\s+call|webcast|dial[\s-]?in|(?:the|this)\s+call|replay)\b")


# what is said of a trial's results is no start: "Results of the Phase 1 study are scheduled for …"
# what is reported of the first patients is no dosing news: "data … from the first subject treated"
_DATA_FROM = patterns.compile(
    r"\b(?:results|data|findings|measures|outcomes?|readouts?|responses?)\b[^.;]{0,70}?\b(?:from|of|in)\s+(?:the\s+)?$"
)
_RESULTS_OF = patterns.compile(
    r"\b(?:results|data|findings|readouts?|updates?|analys[ie]s)\s+(?:of|from)\s+(?:the\s+|its\s+|our\s+)?$"
)


# studies that are not clinical trials, named right after the start's verb
_PRECLINICAL = patterns.compile(
    r"\b(?:ind[\s-]enabling|cta[\s-]enabling|toxicology|toxicity|preclinical|pre-clinical|nonclinical|non-clinical|"
    r"animal|glp[\s-]+(?:tox\w*|stud\w*|compliant)|in\s+vitro|in\s+vivo|manufacturing|stability)\b"
)


# a start that no one states a plan for: progress "toward" one, or starts counted in the
# plural as a year's events
_NO_PLAN = patterns.compile(
    # a plan given up or what any trial needs: "no longer expect the trial to commence", "information
    # typically required to gain approval to commence human clinical trials"
    r"\b(?:no\s+longer|not|never)\s+(?:\w+\s+){0,2}?(?:expect|plan|anticipate|intend)\w*\b|"
    r"\b(?:required|needed|necessary)\s+(?:in\s+order\s+)?to\s+(?:gain|obtain|get|receive|secure|apply\s+for)\b|"
    # the go-ahead still to be sought: "to apply for and receive approval to commence human trials"
    r"\bapply\s+for\s+(?:and\s+(?:receive|obtain)\s+)?(?:regulatory\s+)?(?:approval|clearance|authori[sz]ation)\s+to\b|"
    r"\bsteps?\s+(?:forward\s+)?(?:toward|towards|to)\s+(?:the\s+)?(?:initiation|start|commencement|launch)\b|"
    r"\b(?:study|trial|clinical)\s+(?:initiations|starts)\b|"
    # a plan told in the past, overtaken ("the trial was scheduled to begin enrolling patients in the coming
    # weeks" before a clinical hold): no longer a plan
    r"\b(?:was|were|had\s+been)\s+(?:originally\s+|previously\s+)?(?:scheduled|planned|expected|slated|set|due)\s+to\s+"
    r"(?:begin|start|commence|initiate|open|enrol)"
)


# what "has dosed" is followed by when it counts a running trial's patients or doses, not
# its first: a number, "all", "the last", "more than"; or a drug given "at" doses
_SO_FAR = patterns.compile(r"(?:to\s+date|so\s+far|thus\s+far)\b")
_DOSED_HOW_MANY = patterns.compile(
    r"(?!\s+(?:the\s+|its\s+|our\s+|their\s+)?first\b)\s+(?:(?:a\s+total\s+of|more\s+than|over|all|the\s+last|its\s+last|an?\s+additional|\d[\d,]*)\b|"
    r"[^.;]{1,60}?\s+at\s+(?:doses?\s+of\s+)?\d|"
    # "the over 400 patients we have dosed to date"
    + _SO_FAR.pattern
    + ")"
)


def _is_trap(text: str, low: str, cue: re.Match[str], status: str, home: str = "") -> bool:
    if _NO_TRIAL_START.search(low, max(0, cue.start() - 60), cue.end() + 5):
        return True  # a commercial launch, a clinical hold, a study's start as a time
    if _OTHER_PROCESS_AFTER.match(low, cue.end()) or _OTHER_PROCESS_BEFORE.search(
        low, max(0, cue.start() - 60), cue.start()
    ):
        return True  # what starts is a filing, an analysis, talks: "to initiate the BLA submission"
    if status == "planned" and _RESULTS_OF.search(low, max(0, cue.start() - 40), cue.start()):
        return True
    if status == "planned" and _NO_PLAN.search(low, max(0, cue.start() - 60), min(len(low), cue.end() + 4)):
        return True  # "an important step toward the initiation of", "readouts and study initiations"
    if status == "first_patient_dosed" and _DATA_FROM.search(low, max(0, cue.start() - 90), cue.start()):
        return True  # "positive interim data … from the first subject treated with X": a readout
    if status == "first_patient_dosed" and low[cue.start() : cue.end()].endswith(" dosed") and (
        _DOSED_HOW_MANY.match(low, cue.end()) or _SO_FAR.match(low)
    ):
        return True  # "has dosed 12 patients", "To date, … has dosed X at 1 and 2 mg/kg": a running trial's count
    if ("call" in low or "webcast" in low or "dial" in low or "replay" in low) and _CALL.search(low):
        return True
    if _TREATMENT_START.search(low, max(0, cue.start() - 20), cue.end()):
        return True  # "new patients initiating cell collection": a treatment begins, not a trial
    # (what a leading phrase says of another trial is no trap: "With the completion of
    # enrollment in this trial, the Company expects to initiate its Phase 2b trial")
    begin = max(0, cue.start() - 80)
    lead = max(low.rfind(", ", begin, cue.start()), low.rfind("; ", begin, cue.start()))
    scan = _NEW_INDICATIONS.sub(lambda m: " " * len(m.group(0)), low) if "expan" in low else low
    verb = _PROGRESS_VERB.match(low, cue.start())
    if verb is not None:  # the cue's own verb: "to progress ACM-101 into Phase 2"
        scan = scan[: verb.start(1)] + " " * (verb.end(1) - verb.start(1)) + scan[verb.end(1) :]
    window = scan[lead + 2 if lead >= 0 else begin : cue.end() + 80]
    if status == "planned":
        # what a plan waits on is no trap: "will begin following completion of the cGMP
        # manufacturing", "expected to start after completion of the Phase 1 trial"
        window = _PRECONDITION.sub(" ", window)
    if holds_any(window, _TRAP_HINTS) and word_search(_TRAP, _FUTURE_END.sub(" ", _DESIGN.sub(" ", window))):
        return True
    if status == "initiated" and _STATE_CLAUSE.search(low, max(0, cue.start() - 20), cue.end()):
        return True  # "… the pivotal trial, which has started": a state described, not news
    # "initiated the trial in Canada" extends a running trial; "commenced a new clinical
    # study of X in France" starts one
    if status != "initiated":
        return False
    place = _GEOGRAPHY.search(text)
    # (a trial begun in the issuer's own country, the one its dateline names, is no expansion:
    # "Tosu city, Saga Prefecture, Japan … has commenced the Phase II clinical study … in Japan")
    return place is not None and not _NEW_TRIAL.search(low) and place.group(1) not in home


def _indications(ctx: Context, s: Sentence, after: int = 0) -> tuple[str, ...]:
    """The diseases of the trial a sentence starts: "in patients with …" after its cue
    (``after``) first — a company's description before it names its field, not the trial's
    ("… for patients with B cell-mediated autoimmune diseases, today announced …") — else
    anywhere in it, else in the next sentence of its paragraph."""
    sentences = [s]
    nxt = s.index + 1
    if nxt < len(ctx.sentences) and ctx.sentences[nxt].block == s.block:
        sentences.append(ctx.sentences[nxt])
    for i, one in enumerate(sentences):
        m = None
        if may_match(one.lower, "with"):
            m = (_TRIAL_INDICATIONS.search(one.text, after) if i == 0 and after else None) or _TRIAL_INDICATIONS.search(
                one.text
            )
        if m:
            span = _INDICATIONS_END.split(m.group(1), maxsplit=1)[0]
            whole = _DISTRIBUTIVE.sub("", span)
            parts = [p.strip() for p in _LIST_SEP.split(whole) if p.strip()]
            if any(_ADJECTIVE.fullmatch(p) for p in parts[:-1]):
                parts = [whole.strip()]  # adjectives sharing a noun: "advanced or metastatic cancers"
            return tuple(parts)
    return ()


# where a list of indications ends: its timing ("… syndrome in 2021"), a purpose clause
# ("… to confirm the potential of"), a relative clause; "each of", "both" lead it
_INDICATIONS_END = patterns.compile(
    r"\s+(?:in|by|during|from|starting|beginning)\s+(?:early|mid|late|the\s+(?:first|second|third|fourth|end)|"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)\b|"
    r"(?:19|20)\d\d|[1-4]q|q[1-4]|[12]h|h[12])\b|"
    r"\s+to\s+(?:confirm|evaluate|assess|determine|support|address|investigate|explore|demonstrate)\b|"
    r",\s+(?:which|who|where|with\s+(?:the|a|an)|and\s+(?:is|will|the)|today|announced|announces)\b|"
    # the sentence's verb after its subject: "… in patients with CMD has been dosed"
    r"\s+(?:has|have|had|was|were|is|are|will)\s+(?:now\s+|also\s+)?(?:been\s+)?[a-z]+(?:ed|en)\b",
    _P,
)
# a lone adjective of a list shares the noun after it: "advanced or metastatic cancers"
_ADJECTIVE = patterns.compile(
    r"(?:advanced|refractory|relapsed|recurrent|severe|moderate|mild|chronic|acute|early|late|locally|"
    r"[a-z]+(?:ed|ic|ive|al|ous))",
    _P,
)
_DISTRIBUTIVE = patterns.compile(r"^(?:each\s+of|both|either)\s+", _P)


def _referent(ctx: Context, s: Sentence) -> tuple[str | None, str | None]:
    """Phase and trial name of the trial an anaphoric sentence refers to."""
    if _INDEFINITE_TRIAL.search(s.text):
        return None, None
    for i in range(s.index - 1, max(-1, s.index - 3), -1):
        prev = ctx.sentences[i].text
        ph, names = phases(prev), ctx.trial_names_in(ctx.sentences[i])
        if ph or names:
            return (ph[0].text if ph else None), (names[0].text if names else None)
    return None, None


def _dated_ahead(timings: list[Timing], low: str, cue: re.Match[str], release: date) -> bool:
    """The start is dated by its own timing (right after it) to a window that begins
    after the release: it has not happened yet, whatever its verb's tense ("ACM-202:
    first patient dosed in Phase 1 trial (Q3 2026)" among a year's milestones)."""
    # (a bare month after a verb in the past tense is the month just gone, whatever the window
    # reads: "We dosed the first patient … in August", said in November)
    past = _PAST_LEAD.match(cue.group(0)) is not None
    for t in timings:
        if t.start < cue.end() or t.window_start is None or t.window_start <= release:
            continue
        if past and not _A_YEAR.search(t.text):
            continue
        gap = low[cue.end() : t.start]
        return len(gap) <= _AHEAD_REACH and _OTHER_EVENT.search(gap) is None
    return False


_A_YEAR = patterns.compile(r"(?:19|20)\d\d|\b(?:next|this|coming)\s+year\b", re.IGNORECASE)


_AHEAD_REACH = 60
_PAST_LEAD = patterns.compile(r"[a-z]+ed\b")
# what a timing after a start may belong to instead: "dosed …, with topline data expected in 2027"
_OTHER_EVENT = patterns.compile(r"\b(?:data|results?|read[\s-]?outs?|topline|complet\w*|report\w*|enrol\w*|with|and|;)")


def _pick_timing(timings: list[Timing], after: int, release: date | None, status: str) -> Timing | None:
    if status != "planned":  # what started did so on a day: "recruited on July 7, 2017"
        days = [  # (the release's own day is its dateline: "today" says it better)
            t for t in timings if t.window_start is not None and t.window_start == t.window_end != release
        ]
        return days[0] if days else None
    if release is not None:  # a start is never planned for a window already over (nor for the release's day)
        timings = [
            t
            for t in timings
            if t.window_end is None or t.window_end > release or (t.window_end == release and t.window_start != release)
        ]
    later = [t for t in timings if t.start >= after]
    if later:
        return later[0]
    return timings[-1] if timings else None


def _respectively(ctx: Context, s: Sentence, base: Found, timings: list[Timing]) -> list[Found]:
    """ "The A and the B trials are expected to initiate in T1 and T2, respectively."
    (``timings`` are the sentence's after the start's cue.)"""
    subject = _SUBJECT_LIST.search(s.text)
    if subject is None or len(timings) < 2:
        return []
    context_names: list[tuple[Mention, str]] = []
    for i in range(s.index - 1, max(-1, s.index - 3), -1):
        prev = ctx.sentences[i].text
        names = ctx.trial_names_in(ctx.sentences[i]) or _bare_names(prev)
        for j, name in enumerate(names):
            end = names[j + 1].start if j + 1 < len(names) else len(prev)
            context_names.append((name, prev[name.start + len(name.text) : end]))
    out = []
    for descriptor, timing in zip((subject.group(1), subject.group(2)), timings, strict=False):
        trial = next((n.text for n, clause in context_names if descriptor in clause), None)
        out.append(replace(base, trial=trial, timing=timing))
    return out


_BARE_NAME = patterns.compile(r"(?<![\w-])([A-Z]{4,}(?:-[A-Z][A-Za-z0-9]+)+)\b")


def _bare_names(text: str) -> list[Mention]:
    return [Mention(m.group(1), m.start(1)) for m in _BARE_NAME.finditer(text)]


def find(ctx: Context, s: Sentence) -> list[Found]:
    """Trial starts stated in one sentence."""
    text = s.text
    if s.section == "fls" or not s.has_any(KEYWORDS):
        return []
    if not holds_any(s.lower, _TRIAL_WORD_PARTS):
        return []  # (no cue need be looked for: :func:`_about_a_trial` would find no trial's word)
    hit = _cue(undotted(s.lower))  # (offsets kept: "clearance from the U.S. FDA to initiate" reads across the dots)
    if hit is None and s.section == "headline":
        # headlinese: "Acme to Initiate Phase 3 Trial of X in 2027" is a plan; "Acme Begins Phase 1
        # Study of X", "Acme Enrolls First Patient in …" tell a start in the present tense
        plan = _HEADLINE_PLAN.search(s.lower)
        hit = ("planned", plan) if plan else None
        if hit is None and (begun := _HEADLINE_START.search(s.lower)) is not None:
            dosed = begun.group(0).startswith(("treats", "randomi"))  # (a first randomisation is a first dose)
            hit = ("first_patient_dosed" if dosed else "initiated", begun)
    if hit is None and text[:1].isupper():
        # a milestone to come, listed as a task: "Initiate Phase 2 trial of X in 2H 2026"
        task = _MILESTONE_PLAN.match(s.lower)
        hit = ("planned", task) if task else None
    if (
        hit is None
        and text[:1].isupper()
        and (noun := _MILESTONE_NOUN.match(s.lower))
        and ctx.release is not None
        and _dated_ahead(find_timings(text, ctx.release), s.lower, noun, ctx.release)
    ):
        # a milestone named as a noun: "Initiation of a Phase 2 trial of X in 1H 2027" is a
        # plan only when dated ahead of the release (in a list of the period's highlights,
        # undated or dated before, it tells what was done)
        hit = ("planned", noun)
    if hit is not None and _PRECLINICAL.search(s.lower, hit[1].start(), min(len(s.lower), hit[1].end() + 40)):
        # "expects to begin IND-enabling studies; a Phase 1 trial is planned for 2028": no
        # patient in the first, so the sentence's next start is the one to read
        blank = " " * hit[1].end() + s.lower[hit[1].end() :]  # (offsets kept)
        hit = _cue(blank)
    if hit is None:
        return []
    status, cue = hit
    timings = find_timings(text, ctx.release)  # (once: the start's own timing, its window, a list's)
    if (
        status != "planned"
        and ctx.release is not None
        and s.section != "recap"  # (a list of the period's highlights tells what happened)
        and not _PAST_LEAD.match(s.lower)  # ("Dosed the first patient … in August": done)
        and _dated_ahead(timings, s.lower, cue, ctx.release)
    ):
        status = "planned"  # "first patient dosed in Phase 1 trial (Q3 2026)" in a March 2026 list
    if status == "planned" and _IF_RESULTS.match(s.lower):
        return []  # "If the results of the phase I study show …, phase II will be initiated": no plan yet
    if status == "planned" and _DATA_SOURCE_BEFORE.search(s.lower, max(0, cue.start() - 60), cue.start()):
        return []  # "results from the Phase 2 study planned for Q3": the data are planned, not a start
    if not _about_a_trial(s.lower, cue) or _is_trap(text, s.lower, cue, status, ctx.dateline):
        return []
    if _outside_a_trial(ctx, s, status):
        return []
    if status == "planned" and ctx.begun_elsewhere(s):
        return []  # a trial already begun elsewhere, taken to a new country: no start (docs/labelling.md)
    if _NONCLINICAL_STUDY.search(s.lower, max(0, cue.start() - 80), cue.end() + 40):
        return []  # "a US 510(k) study of the device is expected to commence": no drug's clinical trial
    if _LEGAL.search(s.lower) and not _CLINICAL.search(s.lower):
        return []  # a court's trial: "the trial of this matter is scheduled to begin in April"
    # never a drug given only in combination: when every product the sentence names is one, the
    # trial's own is found by its place ("a Phase 2 trial of Zentarix in combination with gemcitabine")
    named = ctx.products_in(s)
    prods = own_products(named, text, all_if_none=False)
    mention = nearest([p for p in prods if p.start >= cue.start()] or prods, cue.end())
    coded_trial = None
    if mention is not None and (of := _CODE_NAMES_TRIAL.match(text, mention.start + len(mention.text))):
        # "the ACME-301 pivotal trial of ACM-101": a code before the trial word names the
        # trial when the trial is said to be of another product
        drug = next((p for p in prods if p.start >= of.end() and p.text != mention.text), None)
        if drug is not None and drug.start - of.end() < 40:
            coded_trial, mention = mention.text, drug
    described = None if mention else described_product(text)
    product = mention.text if mention else (described.text if described else ctx.product_near(s))
    if product is None or (mention is None and any(p.text == product for p in named)):
        return []  # (the partner itself, found again as the release's product)
    # (a phase named as the source of data or a reason, "following encouraging data
    # from a Phase 2 study", is another trial's)
    ph = [p for p in phases(text) if not _EARLIER_TRIAL.search(text, max(0, p.start - 40), p.start)]
    names = ctx.trial_names_in(s)
    phase = nearest(ph, cue.end())
    name = nearest(names, cue.end())
    ref_phase, ref_name = (None, None) if (phase or name) else _referent(ctx, s)
    timing = _pick_timing(timings, cue.end(), ctx.release, status)
    if timing is None and status != "planned" and ctx.release is not None:
        said = _TODAY.search(text)
        said_text = said.group(0) if said else text[cue.start() : cue.end()]
        timing = Timing(said_text, cue.start(), ctx.release, ctx.release)
    # a plan may be announced in the headline, a sub-headline bullet or a list of
    # the period's highlights; what started is announced only in the body
    said_in = ("body", "headline", "recap") if status == "planned" else ("body",)
    # (a start's own day is no recall: "the first patient was recruited on July 7, 2017")
    # (the start's mention runs from its cue to its product: a recall cue between them bears on it)
    reach = max(cue.end(), mention.start + len(mention.text) if mention is not None else 0)
    announced = s.section in said_in and not (
        ctx.recall_cue_at(s, cue.start(), reach) if status != "planned" else _recalled_plan(ctx, s)
    )
    if announced and status == "initiated" and _QUOTED_RECAP.match(s.lower) and _TODAY.search(text) is None:
        announced = False  # a quote's list of what was done: "“We initiated a first-in-human study of X, signed …"
    if announced and status != "planned" and (ctx.periodic_report or ctx.dated_before(s, cue.start(), cue.end())):
        # a start dated before the release ("initiated … in 2024", "In July, …"), or one
        # of a periodic report's milestones of the period, was running before this release
        announced = False
    title_news = (
        status != "planned" and s.section == "headline" and not ctx.periodic_report and not ctx.recall_cue(s)
        and ctx.is_title(s)
    )  # fmt: skip
    base = Found(
        headline_news=title_news,
        product=product,
        trial=coded_trial or (name.text if name else ref_name),
        phase=phase.text if phase else ref_phase,
        indications=_indications(ctx, s, cue.start()),
        timing=timing,
        status=status,
        announced=announced,
        body=s.is_body,
        evidence=s.quote,
        position=s.index,
        section=s.section,
        referred=mention is None and described is None,
    )
    if may_match(s.lower, "respectively") and _RESPECTIVELY.search(text):
        # "Phase 2 trials of ACM-101 and ACM-202 in 2026 and 2027, respectively"
        listed = _listed_products([p for p in prods if p.start >= cue.start()], text)
        later = [t for t in timings if t.start >= cue.end()]
        if len(listed) >= 2 and len(later) == len(listed):
            return [replace(base, product=p, timing=t) for p, t in zip(listed, later, strict=True)]
        split = _respectively(ctx, s, base, later)
        if split:
            return split
    if len(base.indications) >= 2 and name is None and _PLURAL_TRIALS.search(s.lower, cue.start()):
        # "plans to commence Phase 2 trials in patients with each of A, B and C": a trial each
        return [replace(base, indications=(one,), per_indication=True) for one in base.indications]
    listed = _listed_products([p for p in prods if p.start >= cue.start()], text)
    if len(listed) >= 2 and name is None and _PLURAL_TRIALS.search(s.lower, cue.start()):
        # "expects to initiate Phase 1 trials of ACM-101 and ACM-102 in 2027": a trial each
        return [replace(base, product=p) for p in listed]
    of_each = [p for p in prods if p.start >= cue.start() and _TRIAL_OF.search(text, max(0, p.start - 40), p.start)]
    one_cue = all(  # (under the one cue: no other start's verb between them)
        _START_WORD.search(s.lower, a.start + len(a.text), b.start) is None for a, b in itertools.pairwise(of_each)
    )
    if len(dict.fromkeys(p.text for p in of_each)) >= 2 and name is None and one_cue:
        # a trial phrase for each product: "two Phase 1 trials for ACM-101 and one Phase 1 trial for ACM-202 in 2027"
        return [replace(base, product=p) for p in dict.fromkeys(m.text for m in of_each)]
    if mention is None and ("both" in s.lower or "each of" in s.lower) and _BOTH.search(s.lower):
        several = _products_before(ctx, s)
        if several:  # "Both programs are … with clinical trials expected to begin in …"
            return [replace(base, product=p) for p in several]
    return [base]


# a trial phrase ending right before a product: "… Phase 1 clinical trial for ", "a study of its "
_START_WORD = patterns.compile(r"\b(?:initiat\w*|start\w*|begin\w*|began|begun|commenc\w*|launch\w*|dos\w+|enrol\w*)")
_TRIAL_OF = patterns.compile(
    r"\b(?:trials?|stud(?:y|ies))\s+(?:of|for|with|evaluating|testing)\s+(?:its\s+|the\s+|our\s+)?$", _P
)


# treatment outside any trial: expanded access, compassionate use, a named patient
_OUTSIDE_A_TRIAL = patterns.compile(
    r"\b(?:expanded[\s-]+access|compassionate[\s-]+use|named[\s-]+patient|early[\s-]+access\s+program\w*|"
    r"emergency\s+use|single[\s-]+patient\s+(?:ind|protocol))\b"
)


# a study that is no clinical trial of a drug, named as such before the start's words
_NONCLINICAL_STUDY = patterns.compile(
    r"\b(?:510\s*\(k\)|animal|pre-?clinical|non-?clinical|glp)\s+(?:[\w-]+\s+)?stud(?:y|ies)\b"
)


# a trial in court, not in the clinic
_LEGAL = patterns.compile(
    r"\b(?:jury|court|judge|lawsuits?|litigation|plaintiffs?|defendants?|summary\s+judgment|this\s+matter|"
    r"trial\s+date|arbitration|infringement)\b"
)
_CLINICAL = patterns.compile(r"\b(?:phase|clinical|patients?|participants?|subjects?|dos\w+|enrol\w*|stud(?:y|ies))\b")


def _outside_a_trial(ctx: Context, s: Sentence, status: str) -> bool:
    """A patient dosed in an expanded-access or compassionate-use programme starts no trial;
    nor does a headline's "First Patient Dosed" whose body says that is where it was."""
    if _OUTSIDE_A_TRIAL.search(s.lower):
        return True
    return s.section == "headline" and status != "planned" and _dosed_outside(ctx)


def _dosed_outside(ctx: Context) -> bool:
    for x in ctx.sentences[:60]:
        if x.section != "body" or not _OUTSIDE_A_TRIAL.search(x.lower):
            continue
        hit = _cue(x.lower)
        if hit is not None and hit[0] != "planned":
            return True
    return False


# a plan restated: "As announced in June, Acme is preparing to commence …" is still the plan
_RESTATED = patterns.compile(
    r"as\s+(?:previously\s+|first\s+)?(?:announced|reported|disclosed|communicated)\b[^,;.]{0,40},\s*"
)


def _recalled_plan(ctx: Context, s: Sentence) -> bool:
    """:meth:`Context.recalled` for a plan, read past an opening "As announced (in June),"."""
    restated = _RESTATED.match(s.lower)
    if restated is None:
        return ctx.recalled(s)
    return is_recalled(s.text[restated.end() :], ctx.release)


_EARLIER_TRIAL = patterns.compile(
    r"\b(?:data|results|findings|following|after|based\s+on|success\s+of|completion\s+of)\s+"
    r"(?:(?:from|of|in)\s+)?(?:the\s+|an?\s+|its\s+|our\s+)?(?:[\w-]+\s+){0,2}?$",
    _P,
)
_HEADLINE_PLAN = patterns.compile(
    r"\bto\s+(?:initiate|begin|start|commence|launch)\s+(?:a\s+|the\s+|its\s+)?"
    r"(?:phase|pivotal|registrational|first|clinical|human|global|[\w-]+\s+(?:trial|study))|"
    # "Acme Plans Phase 3 Trial of X in First Half of 2027"
    r"\bplans\s+(?:a\s+|the\s+|its\s+)?(?:phase|pivotal|registrational|first[\s-]in[\s-]human)"
)
# a headline's start in the present tense, before the trial it starts (a headline only: in a body,
# "the study starts in 2027" is a plan)
_HEADLINE_START = patterns.compile(
    r"\b(?:begins|starts)\s+(?:a\s+|the\s+|its\s+)?(?:[\w/-]+\s+){0,4}?(?:trial|study)\b|"
    r"\b(?:opens|begins|starts)\s+(?:patient\s+)?(?:enrol+ment|recruitment|screening)\s+(?:in|for)\b|"
    r"\b(?:enrol+s|treats|randomi[sz]es)\s+(?:the\s+|its\s+)?first\s+(?:patient|participant|subject)|"
    r"\bactivates\s+(?:the\s+|its\s+)?first\s+(?:clinical\s+|trial\s+)?site\b"
)
# a start verb in its base form opening the sentence ("Initiate …", "Dose first patient …")
_MILESTONE_PLAN = patterns.compile(
    # (after a label: "ACM-101: initiate Phase 2 trial in PBC (2H 2026)")
    r"(?:[\w-]+(?:\s+[\w-]+)?:\s*)?"
    r"(?:initiate|begin|start|commence|launch|open\s+enrol+ment|(?:dose|enrol+|randomi[sz]e)\s+(?:the\s+)?first)\b"
)
_MILESTONE_NOUN = patterns.compile(
    r"(?:[\w-]+(?:\s+[\w-]+)?:\s*)?(?:initiation|start|launch|commencement)\s+of\s+(?:an?\s+|the\s+)?"
    r"(?:[\w/-]+\s+){0,4}?(?:trials?|stud(?:y|ies))\b"
)


def _listed_products(mentions: list[Mention], text: str) -> list[str]:
    """The distinct products of a list the sentence names from its first mention on ("of
    ACM-101, ACM-102 and ACM-103"); none when that mention stands alone."""
    run = listed_with(mentions, mentions[0], text) if mentions else []
    return [m.text for m in run] if len(run) > 1 else []


# several trials, not one: "Phase 2 trials in patients with A and B", "clinical studies in …"
_PLURAL_TRIALS = patterns.compile(r"\b(?:trials|studies)\s+(?:in|for|of|with|evaluating)\s+")
# a next trial that waits on this one's outcome
_IF_RESULTS = patterns.compile(
    r"(?:if|should|provided\s+that|assuming|depending\s+on)\s+(?:the\s+|positive\s+|our\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:results?|data|outcomes?|findings|readouts?|analys[ie]s)\b"
)
# a sentence speaking of the products the one before it named
_BOTH = patterns.compile(
    r"\b(?:both|each\s+of\s+(?:the|these|our))\s+(?:of\s+(?:the|these)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:programs?|programmes?|candidates?|products?|therap(?:y|ies)|assets?|compounds?|vaccines?)\b"
)


def _products_before(ctx: Context, s: Sentence) -> list[str]:
    """The distinct products of the nearest earlier sentence naming several."""
    for i in range(s.index - 1, max(-1, s.index - 4), -1):
        names = list(dict.fromkeys(m.text for m in ctx.products_in(ctx.sentences[i])))
        if len(names) >= 2:
            return names
    return []


# the trial a clearance is for: "IND clearance for a Phase I clinical trial of X",
# "cleared the IND …, entering a Phase 1 first-in-human trial", "CTA approval to conduct …"
_PERMITTED_TRIAL = patterns.compile(
    r"\b(?:for|of|to\s+(?:conduct|run|perform|evaluate|proceed\s+(?:with|to|into)|commence|initiate|begin|start|"
    r"carry\s+out|undertake)|"
    r"entering|supporting|"
    r"enabling|allowing|(?:may|can)\s+(?:now\s+)?proceed\s+with|"
    # a regulator that "has approved (authorized) the Phase I study of X"
    r"(?:approved|authori[sz]ed)(?=\s+(?:the|a|an|its|our|their)\s))\s+"
    + DETERMINER + "?"
    r"(?:planned\s+|proposed\s+)?"
    r"(?:(?:phase[\s-]*[0-9iv]+[ab]?(?:/[0-9iv]+[ab]?)?|first[\s-]in[\s-]human|clinical|randomi[sz]ed|"
    r"global|multi[\s-]?cent(?:er|re)|pivotal|registrational|open[\s-]label|u\.s\.|[\w-]+)\s+){0,6}?"
    r"(?:trials?|stud(?:y|ies))\b(?!\s+(?:application|authori[sz]ation|notification|agreement|protocol)s?\b)"
)
_LETTER_FOR_TRIAL = patterns.compile(
    r"\b(?:may\s+proceed|no[\s-]+objection)\s+(?:letter|notice|notification)\s+for\s+(?:the\s+|a\s+|its\s+|our\s+)?"
    r"(?:[\w/-]+\s+){0,5}?(?:trials?|stud(?:y|ies))\b"
)
# "… and the Phase 1 study may proceed"
_MAY_PROCEED = patterns.compile(
    r"\b(?:the\s+|its\s+|our\s+)?(?:(?:phase[\s-]*[0-9iv]+[ab]?(?:/[0-9iv]+[ab]?)?|first[\s-]in[\s-]human|clinical|"
    r"proposed|planned)\s+){1,4}(?:trials?|stud(?:y|ies))\s+(?:may|can)\s+(?:now\s+)?(?:proceed|begin|start|commence)\b"
)
# the trial as the subject of its clearance: "its Phase 1 trial of X has been cleared by the FDA"
_TRIAL_CLEARED = patterns.compile(
    r"\b(?:(?:phase[\s-]*[0-9iv]+[ab]?(?:/[0-9iv]+[ab]?)?|first[\s-]in[\s-]human|clinical|proposed|planned)\s+){1,4}"
    r"(?:trials?|stud(?:y|ies))\b(?!\s+(?:application|notification|authori))[^.;]{0,80}?\b(?:has\s+been|have\s+been|"
    r"was|were)\s+(?:now\s+)?(?:cleared|approved|authori[sz]ed)\s+by\b"
)
# trials in general, no one named: "enabling clinical studies", "approved for clinical trials"
_TRIALS_IN_GENERAL = patterns.compile(
    r"\b(?:for|of|with|in|enabling|allowing|supporting|entering|conduct|run|perform|commence|initiate|begin|start)\s+"
    r"(?:(?:further|future|clinical|human)\s+)*(?:trials|studies)$"
)
_RESULTS_NEAR = patterns.compile(
    r"\b(?:results|data|findings|based\s+on|ongoing|completed\s+(?:the\s+|a\s+|its\s+|our\s+)?(?:phase|trials?|stud(?:y|ies)))\b"
)


def permitted(ctx: Context, s: Sentence, product: str, anchor: int, announced: bool) -> list[Found]:
    """The trial a regulator's clearance permits, as a planned start: "received IND
    clearance for a Phase 1 trial of X" says the trial is to begin (what the release
    says later of it, a date or a first patient, joins it when merged)."""
    low = s.lower
    m = (
        _PERMITTED_TRIAL.search(low, anchor)
        or _MAY_PROCEED.search(low, anchor)
        or _TRIAL_CLEARED.search(low, max(0, anchor - 40))
        # (the trial may be named before the application, right after the go-ahead: "issued a Study
        # May Proceed letter for the first study in humans, thereby accepting the IND application for X")
        or _LETTER_FOR_TRIAL.search(low, max(0, anchor - 150), anchor)
    )
    if m is None or _RESULTS_NEAR.search(low, max(0, m.start() - 40), m.end()) is not None:
        return []
    ph, names = phases(s.text), ctx.trial_names_in(s)
    if not ph and not names and _TRIALS_IN_GENERAL.search(m.group(0)):
        return []  # "approved for clinical trials", "enabling clinical studies": a clearance naming no trial to start
    phase, name = nearest(ph, m.start()), nearest(names, m.start())
    timing = _pick_timing(find_timings(s.text, ctx.release), m.end(), ctx.release, "planned")
    return [
        Found(
            product=product,
            trial=name.text if name else None,
            phase=phase.text if phase else None,
            indications=_indications(ctx, s),
            timing=timing,
            status="planned",
            announced=announced,
            body=s.is_body,
            evidence=s.quote,
            position=s.index,
            section=s.section,
        )
    ]
