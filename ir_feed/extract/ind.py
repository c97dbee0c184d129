"""IND clearances and their foreign equivalents (CTA, CTN, NOL).

A sentence yields one when it names the application (IND, CTA, CTN, No Objection
Letter) with a clearance, submission or plan cue, or when a regulator's clearance
or authorisation to begin a trial is stated ("received clearance from the FDA to
begin a Phase 1 trial", "has been cleared to initiate", "Study May Proceed
letter", "authorization from Health Canada … can now begin").

Not clearances: marketing approvals (NDA/BLA/MAA), ethics-committee submissions
with no regulator named, conditional phrasing ("subject to acceptance of the CTN
by the TGA"), and data-monitoring-committee decisions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ir_feed import patterns
from ir_feed.extract.context import Context, is_conditional
from ir_feed.extract.designations import indication_after
from ir_feed.extract.products import agencies, described_product, nearest, own_products
from ir_feed.extract.sentences import DETERMINER, Cue, Sentence, by_first_char, undotted, word_search

_P = re.IGNORECASE
# Case-sensitive names run on the text; keyword patterns are lower case and
# literal-led, run on the lower-cased sentence (see :func:`~.sentences.word_search`).
# (not the preclinical work an IND needs: "IND-enabling studies")
# (in lower case only as an application: "is an investigational new drug and has not been approved")
_IND = patterns.compile(
    r"\bINDs?\b(?![\s-]+[Ee]nabling)|Investigational\s+New\s+Drug|"
    r"investigational\s+new\s+drug\s+(?:\(IND\)\s+)?application",
    0,
)
_CTA = Cue(
    patterns.compile(
        r"(?:ctas?\b|ctns?\b|nol\b|clinical\s+trial\s+(?:application|notification|authori[sz]ation)|"
        r"no\s+objection\s+letter|"
        # a clinical trial in de, sv, da, fr, es, it, nl (what a regulator authorises there)
        r"klinische\s+pr[üu]fung|klinisk\s+pr[öo]vning|klinisk\s+afpr[øo]vning|essai\s+clinique|"
        r"ensayo\s+cl[íi]nico|sperimentazione\s+clinica|studio\s+clinico|klinisch\s+onderzoek)"
    ),
    ("cta", "ctn", "nol", "clinical", "objection", "klinisch", "klinisk", "essai", "ensayo", "sperimentazione",
     "studio"),
)
_CLEARED = patterns.compile(
    by_first_char(
        r"clear(?:ed|ance|s)|may\s+proceed|accept(?:ed|ance)|went\s+into\s+effect|go\s+into\s+effect|"
        r"gone\s+into\s+effect|is\s+(?:now\s+)?(?:in\s+)?effective|became\s+(?:now\s+)?(?:in\s+)?effective|"
        r"is\s+(?:now\s+)?in\s+effect|are\s+(?:now\s+)?in\s+effect|was\s+(?:now\s+)?in\s+effect|"
        r"became\s+(?:now\s+)?in\s+effect|"
        r"approv(?:ed|al)|authori[sz](?:ed|ation)|allow(?:ed|s)\s+(?:[\w-]+\s+){0,6}?to\s+proceed|no\s+objections?|"
        # "gave the green light for", "signed off on the IND", "completed its 30-day review of the IND"
        r"green[\s-]+light|signed\s+off\s+on|completed\s+(?:its|the)\s+(?:30|thirty)[\s-]+day\s+(?:safety\s+)?review|"
        # "received a notice to proceed for our IND from the FDA"
        r"notice\s+to\s+proceed|"
        r"has\s+(?:now\s+)?become\s+(?:effective|active|in\s+effect)|have\s+(?:now\s+)?become\s+(?:effective|active)|"
        # "has received FDA allowance for an IND application"
        r"allowance|"
        # Australia's TGA "acknowledges" a trial notification (CTN): the go-ahead; a receipt is not
        r"acknowledg(?:ed|es|ement|ment)(?!\s+(?:of\s+)?(?:the\s+|its\s+)?receipt)|"
        r"is\s+(?:now\s+)?active|are\s+(?:now\s+)?active|became\s+(?:now\s+)?active|"
        # "the 30-day FDA review period for its IND has concluded"
        r"review\s+period\s+[^.;]{0,60}?\b(?:has\s+|have\s+)?(?:concluded|passed|expired|ended|lapsed|elapsed)|"
        # a clinical hold lifted: the trial may proceed again ("lifted the clinical hold on the IND")
        r"lift(?:ed|s)?\s+(?:the\s+|its\s+|a\s+)?(?:partial\s+|full\s+)?clinical\s+hold|"
        r"removed\s+(?:the\s+|its\s+)?(?:partial\s+|full\s+)?clinical\s+hold|"
        r"clinical\s+hold\s+[^.;]{0,60}?\b(?:has\s+been|was|is)\s+(?:now\s+)?(?:lifted|removed|released)|"
        # a headline's shorthand: "Clinical Hold Removed for X's Phase 2 Trial"
        r"clinical\s+hold\s+(?:lifted|removed|released)|"
        # the regulator's answer to the application lets the trial start: "a positive
        # response from Health Canada on its CTA, thereby allowing the initiation of a trial"
        r"allow(?:s|ed|ing)\s+(?:for\s+)?the\s+(?:initiation|start|commencement)\s+of"
    )
    + r"\b"
)
# the application itself granted: "its IND application for X has been granted by the FDA"
# (not another grant the sentence tells: "… Orphan Drug designation was granted")
_APPLICATION_GRANTED = patterns.compile(
    r"\b(?:ind|investigational\s+new\s+drug|cta|clinical\s+trial\s+application)\b(?:\s*\([^)]{1,40}\))?"
    r"(?:\s+application)?(?:\s+(?:for|of)\s+[^.;]{1,60}?)?\s+(?:has\s+been|have\s+been|was|were)\s+"
    r"(?:now\s+)?granted\b"
)
# the authorisation received: "has received clinical trial authorisation (CTA) from the MHRA"
_RECEIVED_BEFORE = patterns.compile(
    r"\b(?:received|receives|receiving|obtained|obtains|granted|grants|secured|given|issued)\s+(?:(?:a|an|the|its|their)\s+)?"
    r"(?:[\w-]+\s+){0,2}?$"
)
# a regulator saying no: "has not been able to approve the CTA", "refused", "a formal letter of non-acceptance"
_REFUSED = patterns.compile(
    r"\b(?:not\s+(?:been\s+able\s+to\s+|able\s+to\s+)?(?:approv\w*|authori[sz]\w*|clear\w*|accept\w*)|"
    r"refus\w*|reject\w*|declin(?:ed|es)\s+to\s+(?:approve|authori[sz]e)|non[\s-]acceptance|not\s+to\s+(?:approve|authori[sz]e))\b"
)
# the go-ahead said before a verb that is not yet true: "the submission will allow us to begin"
_NOT_YET_ALLOWED = patterns.compile(r"\b(?:will|would|could|should|may|might|to)\s+$")
_PLANNED = Cue(
    patterns.compile(
        r"(?:plans?|planning|intends?|expects?|anticipates?|on\s+track|will|aims?)\s+"
        r"(?:to\s+)?(?:submit|file)\w*\b"
    ),
    ("submit", "file"),
)
_SUBMITTED = patterns.compile(r"(?:submit(?:ted|s)?|submission|fil(?:ed|ing|es))\b")
# (with the company as its object: "have authorized CellProthera to begin")
# (or what it approved: "approved the company's request to initiate", "its application to begin")
_GO_VERB = (
    r"(?:\s+(?:[A-Z]?[\w-]+|the\s+company|us)|\s+(?:the\s+)?(?:company['’]s\s+|its\s+|our\s+)?(?:request|application))?"
    r"\s+to\s+(?:begin|initiate|start|commence|proceed|conduct|enter|carry\s+out|run|perform|undertake)"
)
# a regulator's go-ahead for a trial: "clearance / authorisation / approval /
# permission (from the X) to begin", "may proceed"; never a marketing authorisation
_TRIAL_GO = Cue(
    patterns.compile(
        # (one go-ahead or several: "approvals from the Norwegian and the Swedish agencies to commence")
        r"(?:clear(?:ed|ances?)|authori[sz](?:ations?|ed)|approv(?:als?|ed)|permissions?)"
        r"(?:(?:\s+(?:from|by|of|to|for|in)\s+(?:the\s+)?[^.;]{1,240}?)?"
        + _GO_VERB
        + r"|[^.;]{1,300}?\b(?:can|may)\s+(?:now\s+)?(?:begin|start|commence|proceed|initiate)"
        # "approved by the FDA for Phase I human clinical trials", "regulatory approval for
        # the first clinical phase I/II trial"
        + r"|(?:\s+(?:by|from)\s+(?:the\s+)?[^.;]{1,60}?)?\s+(?:for|of)\s+" + DETERMINER + "?"
        # (the product's name may lead: "regulatory clearance for Acmeseek clinical study")
        r"(?:[a-z][\w-]*\d[\w-]*\s+|[a-z]+\s+(?=clinical\s|phase\s))?"
        r"(?:(?:first|planned|proposed|first[\s-]in[\s-]human|clinical|human|phase[\s-]*[0-9iv]+[ab]?(?:/[0-9iv]+[ab]?)?|"
        r"randomi[sz]ed|pivotal|pilot|registrational|seamless|global|multi[\s-]?(?:center|centre|national|regional))\s+)"
        r"{1,5}(?:clinical\s+)?(?:trials?|stud(?:y|ies)))\b|may\s+proceed\b"
        # a hold on a trial lifted: "lifted the clinical hold previously placed on the X trial"
        r"|lift(?:ed|s)?\s+(?:the\s+|its\s+|a\s+)?(?:partial\s+|full\s+)?clinical\s+hold"
        r"|remov(?:ed|es)\s+(?:the\s+|its\s+|a\s+)?(?:partial\s+|full\s+)?clinical\s+hold"
        r"|clinical\s+hold\s+(?:[^.;]{0,60}?\b(?:has\s+been|was|is)\s+(?:now\s+)?)?(?:lifted|removed)"
        # the trial as the subject: "its Phase 1 trial of X has been cleared by the FDA and the EMA"
        r"|(?:trials?|stud(?:y|ies))\b[^.;]{0,80}?\b(?:has\s+been|have\s+been|was|were)\s+(?:now\s+)?"
        r"(?:cleared|approved|authori[sz]ed)\s+by\b"
        # "authorized the initiation of a proposed Phase II clinical trial"
        r"|(?:authori[sz]ed|approved|cleared)\s+(?:the\s+)?(?:initiation|start|commencement|conduct)\s+of\s+"
        r"(?:the\s+|a\s+|an\s+|its\s+|our\s+|their\s+)?(?:[\w/-]+\s+){0,6}?(?:trials?|stud(?:y|ies))\b"
        # "has given the green light for the Phase 1 trial of X", "… green light to begin"
        r"|(?:green[\s-]+light|go[\s-]+ahead)\s+(?:for|to)\b[^.;]{0,80}?\b(?:trials?|stud(?:y|ies)|begin|start|initiate|"
        r"commence|proceed)\b"
        # "has been granted by US FDA to proceed to Phase I/II human clinical trial"
        r"|granted\s+(?:by\s+[^.;]{1,40}?\s+)?(?:permission\s+)?to\s+proceed\s+(?:to|with|into)\b"
        # the application itself granted: "has granted the Company's application to commence a phase II trial"
        r"|granted\s+(?:the\s+)?(?:company['’]s\s+|its\s+|our\s+|their\s+)?(?:request|application)\s+to\s+"
        r"(?:begin|initiate|start|commence|proceed|conduct)\b"
        # a regulator that "has authorized (approved) the Phase 1/2 clinical trial of X" (or "Acme Plc's")
        r"|(?:authori[sz]ed|approved)\s+" + DETERMINER + r"(?:(?:first|new|planned|proposed|"
        r"first[\s-]in[\s-]human|clinical|human|phase[\s-]*[0-9iv]+[ab]?(?:/[0-9iv]+[ab]?)?|randomi[sz]ed|pivotal|"
        r"pilot)\s+){1,5}(?:clinical\s+)?(?:trials?|stud(?:y|ies))\b"
        # the product approved for trials: "The NMPA approved X for clinical trials in …", "X was
        # approved by the PEI for clinical testing", "approved X for use in the Phase 2 trial"
        r"|(?:authori[sz]ed|approved)\s+(?:[\w-]+\s+){0,3}?(?:by\s+(?:the\s+)?[^.;]{1,60}?\s+)?for\s+(?:use\s+in\s+)?"
        + DETERMINER
        + r"?(?:(?:first|planned|proposed|first[\s-]in[\s-]human|clinical|human|phase[\s-]*[0-9iv]+[ab]?"
        r"(?:/[0-9iv]+[ab]?)?|pivotal|pilot)\s+){0,4}(?:clinical\s+)?(?:trials?|stud(?:y|ies)|testing)\b"
        # "received clinical trial approval from the NMPA"
        r"|clinical\s+trial\s+(?:approval|authori[sz]ation|clearance)\b"
    ),
    ("clear", "authori", "approv", "permission", "proceed", "lift", "remov", "granted", "green", "ahead"),
)
# a clinical hold lifted: the trial it stopped may go on (no trial word need be said)
_HOLD_LIFTED = patterns.compile(r"\b(?:lift|remov)\w*\s+(?:the\s+|its\s+|a\s+)?(?:partial\s+|full\s+)?clinical\s+hold|"
                          r"\bclinical\s+hold\b[^.;]{0,70}?\b(?:lifted|removed)\b")
_MARKETING = patterns.compile(r"(?:market(?:ing)?|post|pre)[\s-]+$")
_TRIAL_WORD = patterns.compile(
    r"(?:trials?|stud(?:y|ies)|enrol\w*|dosing|patients|(?:human|clinical)\s+testing|first[-\s]in[-\s]human|"
    # sv, da, no, de, fr, es, it, nl, fi
    r"studie\w*|pr[öo]vning\w*|fors[øo]g\w*|afpr[øo]vning\w*|pr[üu]fung\w*|essai\w*|ensayo\w*|studio|"
    r"sperimentazione|onderzoek\w*|tutkimu\w*)\b"
)
# a regulator's leave to start a trial in the languages the rules read: "tillstånd att
# inleda", "tilladelse til at igangsætte", "Genehmigung zur Durchführung", "l'autorisation
# de l'ANSM pour lancer", "autorización ... para iniciar", "l'autorizzazione ad avviare",
# "toestemming ... om ... te starten", "klartecken"
_TRIAL_GO_OTHER = Cue(
    patterns.compile(
        r"(?:tillst[åa]nd\s+(?:[^.;]{0,60}?\s+)?att\s+(?:inleda|starta|genomf[öo]ra|p[åa]b[öo]rja)|klartecken|"
        # "har givit sitt godkännande för start av bolagets studie"
        r"godk[äa]nnande\s+(?:f[öo]r|att)\s+(?:start|inleda|starta|p[åa]b[öo]rja|genomf[öo]ra)|"
        r"tilladelse\s+til\s+at\s+(?:igangs[æa]tte|starte|gennemf[øo]re|p[åa]begynde)|"
        r"tillatelse\s+til\s+[åa]\s+(?:starte|gjennomf[øo]re|igangsette)|"
        r"genehmigung\s+(?:zur|f[üu]r\s+die)\s+(?:durchf[üu]hrung|start|beginn)|"
        r"autorisation\s+(?:de\s+l['’]\w+\s+)?(?:de|d['’]|pour)\s*(?:lancer|d[ée]marrer|conduire|mener|initier|d[ée]buter)|"
        r"autorizaci[óo]n\s+(?:de\s+la\s+\w+\s+)?para\s+(?:iniciar|comenzar|realizar|llevar\s+a\s+cabo)|"
        r"autorizzazione\s+(?:ad?|per)\s+(?:avviare|iniziare|condurre)|"
        r"toestemming\s+[^.;]{0,40}?\b(?:om|voor)\s+[^.;]{0,60}?\bte\s+(?:starten|beginnen)|"
        # fi: "on saanut lääkeviranomaiselta luvan kliiniselle tutkimukselle" (leave for a clinical study)
        r"(?:saanut|saivat|sai|myöntänyt|myönsi)\b[^.;]{0,80}?\bluva[nt]\s+(?:\w+\s+){0,2}?kliinis\w*\s+tutkimu)"
    ),
    ("tillst", "klartecken", "tilladelse", "tillatelse", "genehmigung", "autorisation", "autorizaci", "autorizzazione",
     "toestemming", "godk", "saanut", "saivat", "sai", "myöntänyt", "myönsi"),
)
_PRECHECK = frozenset(
    [
        "investigational new",
        "clinical trial app",
        "clinical trial not",
        "clinical trial auth",
        "objection",
        "cleared",
        "clearance",
        "authoriz",
        "authoris",
        "may proceed",
        "clinical hold",
        "to proceed",
        "permission to",
        "approval to",
        "approval from",
        "allowance",
        "green light",
        "notice to proceed",
        "green-light",
        "go-ahead",
        "go ahead",
        "signed off",
        "day review",
        # "announces the approval by the Swedish Medical Products Agency to commence", "approvals from"
        "approval by",
        "approvals from",
        "approvals by",
        "approvals to",
        "authorization from",
        "authorisation from",
        "permission from",
        # "approved by the FDA for Phase I human clinical trials", "approval for the first … trial"
        "approved by",
        "approved for",
        "approval for",
        "approval of",
        # zh, ja: a clinical trial (application, approval), a trial notification
        "临床试验",
        "臨床試驗",
        "治験計画",
        "approval in",
        # "has approved the Phase I study of X"
        "approved the",
        "approved a",
        "approved its",
        # "approved the company's request to initiate", "approved its application to begin"
        "request to",
        "application to",
        # a clinical trial in other languages (see _CTA)
        "klinische pr",
        "klinisk pr",
        "klinisk afpr",
        "essai clinique",
        "ensayo cl",
        "sperimentazione",
        "studio clinico",
        "klinisch onderzoek",
        # a regulator's leave to start a trial in other languages
        *_TRIAL_GO_OTHER.hints,
    ]
)
_ANY_CASED = patterns.compile("IND|CTA|CTN|NOL")
# what the sentence keyword scan must report for this rule to look at a sentence
KEYWORDS = _PRECHECK | {"ind", "cta", "ctn", "nol"}
_SELF_CLEARED = patterns.compile(r"cleared\s+to\s+(?:initiate|begin|start|commence|proceed)")
_NOT_IND = Cue(
    patterns.compile(
        r"(?:marketing\s+authori|nda\b|bla\b|maa\b|commerciali|data\s+(?:safety\s+)?monitoring|"
        r"dmc\b|dsmb\b|idmc\b|"
        # an agreement on a trial's design is no go-ahead: "a Special Protocol Assessment"
        r"special\s+protocol\s+assessment|spa\b|(?:trial|study)\s+design\b)"
    ),
    ("marketing", "nda", "bla", "maa", "commerciali", "monitoring", "dmc", "dsmb", "special", "spa", "design"),
)
_NOT_IND_REACH = 100
# a regulator named by what it is, in the languages the rules read
_AUTHORITY = patterns.compile(
    r"\b(?:authorit(?:y|ies)|regulator\w*|myndighet\w*|myndighed\w*|beh[öo]rde\w*|autorit[ée]\w*)")
_ETHICS = Cue(patterns.compile(
    r"(?:ethic(?:s|al)\s+(?:committee|review|board)|hrec\b|irb\b|institutional\s+review\s+board)"),
              ("ethic", "hrec", "irb", "institutional"))  # fmt: skip
_COUNTRY_AGENCY: tuple[tuple[re.Pattern[str], str], ...] = (
    (patterns.compile(r"\bCanad", _P), "Health Canada"),
    (patterns.compile(r"\bAustralia", _P), "TGA"),
    (patterns.compile(r"\bU\.?K\.?\b|United\s+Kingdom|\bBritish\b", 0), "MHRA"),
    (patterns.compile(r"\bEurop|\bEU\b", 0), "EMA"),
    (patterns.compile(r"\bChin(?:a|ese)\b", 0), "NMPA"),
    (patterns.compile(r"\bJapan", 0), "PMDA"),
    (patterns.compile(r"\b(?:South\s+)?Korea", 0), "MFDS"),
    (patterns.compile(r"\bTaiwan", 0), "TFDA"),
    (patterns.compile(r"\bSwitzerland|\bSwiss\b", 0), "Swissmedic"),
    (patterns.compile(r"\bBrazil", 0), "ANVISA"),
    # European countries with one medicines agency for trial authorisations
    (patterns.compile(r"\bBelgi(?:um|an)\b", 0), "FAMHP"),
    (patterns.compile(r"\bFrance\b|\bFrench\b", 0), "ANSM"),
    (patterns.compile(r"\bSpain\b|\bSpanish\b", 0), "AEMPS"),
    (patterns.compile(r"\bItal(?:y|ian)\b", 0), "AIFA"),
    (patterns.compile(r"\bNetherlands\b|\bDutch\b", 0), "CBG"),
    (patterns.compile(r"\bSwed(?:en|ish)\b|\bSverige\b", 0), "Swedish Medical Products Agency"),
    (patterns.compile(r"\bDenmark\b|\bDanish\b|\bDanmark\b", 0), "Danish Medicines Agency"),
    (patterns.compile(r"\bNorw(?:ay|egian)\b|\bNorge\b", 0), "Norwegian Medicines Agency"),
    (patterns.compile(r"\bFin(?:land|nish)\b", 0), "Fimea"),
    (patterns.compile(r"\bIrish\b|\bIreland\b", 0), "HPRA"),
    (patterns.compile(r"\bAustria(?:n)?\b", 0), "BASG"),
    (patterns.compile(r"\bIsrael(?:i)?\b", 0), "Israeli Ministry of Health"),
)


def lifts_hold(low: str) -> bool:
    """The (lower-cased) sentence tells a clinical hold lifted: a trial goes on, none starts."""
    return "hold" in low and _HOLD_LIFTED.search(low) is not None


@dataclass(frozen=True, slots=True)
class Found:
    agency: str
    product: str
    indication: str | None
    status: str
    announced: bool
    body: bool
    evidence: str
    position: int
    anchor: int = 0  # where in the sentence the clearance is said
    anaphoric: bool = False  # told of as the one before ("The CTA approval allows …", "This IND …")
    # named with a demonstrative ("this IND", "such CTA"): it tells of a clearance said before, never a new one
    demonstrative: bool = False
    # the title tells the clearance ("Acme Receives FDA IND Clearance for X"): the news when the
    # body never states it (an excerpt cut after its headline)
    headline_news: bool = False
    # told as news, but in a periodic report, whose period's clearances are background: the trial it
    # permits is still a plan the report states (announced)
    of_the_period: bool = False


# zh, ja: a clinical trial application or approval, a trial notification (no word boundaries
# in these scripts: searched as written, not at a word start)
_CTA_CJK = patterns.compile(
    "临床试验申请|臨床試驗申請|临床试验批准|臨床試驗批准|临床试验默示许可|臨床試驗默示許可|治験計画届"
)
# zh / ja: passed (review), approved, granted permission — no word boundaries in these scripts
_CLEARED_CJK = patterns.compile("通過|通过|核准|批准|准予|獲准|获准|許可|许可|承認")
# zh: an application accepted for review ("《受理通知书》", "申请获得受理"), not yet approved — unless
# the sentence also names the approval itself ("临床试验批准通知书", "默示许可", "同意开展")
_ACCEPTED_CJK = patterns.compile("受理")
_APPROVAL_DOCUMENT_CJK = patterns.compile(
    "批准通知书|批准通知書|默示许可|默示許可|同意开展|同意開展|同意本品|批准开展|批准開展|批准进行|批准進行"
)


# sv, da, no, de, nl, fr, it, es: approved, authorised (of an IND or CTA the sentence names)
_CLEARED_OTHER = patterns.compile(
    # (not the application for one: "den Antrag auf Genehmigung der ersten klinischen Studie … eingereicht")
    r"\b(?:godk[äa]nt|godk[äa]nd|godk[äa]nts|godk[äa]ndes|godkendt|godkendes|godkjent|genehmigt|"
    r"(?<!antrag\sauf\s)genehmigung|"
    r"goedgekeurd|approuv[ée]e?|autoris[ée]e?|"
    r"autorizzat[oa]|aprobad[oa]|autorizad[oa])\b"
)


# a clearance still to come: "expects FDA clearance of the IND", "pending the CTA approval"
_AWAITED = patterns.compile(
    r"\b(?:expects?|expected|expecting|anticipates?|anticipated|anticipating|awaits?|awaiting|pending|seeks?|seeking|"
    r"hopes?|targets?|targeting|apply\s+for|applying\s+for|to\s+obtain|obtaining)\s+"
    r"(?:(?:the|an?|its|our|u\.s\.|fda|[a-z]+['’]s)\s+){0,3}$"
)

# a go-ahead said as a noun, then said to be still to come
_STILL_TO_COME = patterns.compile(
    r"[^.;]{0,160}?\b(?:remains?|is|are)\s+(?:still\s+)?(?:to\s+be\s+(?:completed|obtained|received|granted|"
    r"issued)|pending|outstanding|awaited)\b"
)
# an ethics committee's approval is no regulator's go-ahead ("HREC approval has been received")
_ETHICS_APPROVAL = patterns.compile(
    r"\b(?:hrec|irb|ethics|ethical)(?:\s+committee|\s+board)?\s+(?:approv\w*|clearance)")

# "… IND application to expand the Phase 2 trial called X to trial sites in the US"
_EXPANDS_A_TRIAL = patterns.compile(
    r"\bto\s+(?:expand|extend)\s+(?:the|its|our|an?)\s+[^.;]{0,120}?\b(?:trials?|stud(?:y|ies))\b[^.;]{0,80}?\bto\s+"
    r"(?:additional\s+|new\s+|more\s+)?(?:(?:trial|clinical|investigational|study)\s+){0,2}(?:sites?|centers?|centres?|"
    r"countries|the\s+u\.?s\b|the\s+united|europe|canada|australia)|"
    # "… thereby expanding the clinical trial in the European Union"
    r"\bexpand(?:s|ed|ing)?\s+(?:the|its|our)\s+(?:[\w-]+\s+){0,3}?(?:trials?|stud(?:y|ies))\s+(?:in|to|into)\s+|"
    # a later part of a running trial: "to start recruitment into the dose expansion part of the ORBIT study"
    r"\b(?:dose[\s-]+)?expansion\s+(?:part|phase|portion|stage|cohorts?|arm)\s+of\s+(?:the|its|our)\b"
)


def _only_accepted_cjk(low: str) -> bool:
    """A CJK sentence telling an application accepted for review, not approved: it names an
    acceptance (受理) after its last approval word ("…核准签发的《受理通知书》…获得受理"), and no
    approval document ("…获得受理，并于近日获得批准开展II期临床试验" is an approval)."""
    accepted = [m.start() for m in _ACCEPTED_CJK.finditer(low)]
    if not accepted or _APPROVAL_DOCUMENT_CJK.search(low):
        return False
    approved = [m.start() for m in _CLEARED_CJK.finditer(low)]
    return not approved or max(approved) < max(accepted)


def _status(low: str) -> str | None:
    if word_search(_PLANNED, low):
        return "planned"
    if "approv" in low or "clearance" in low:
        low = _ETHICS_APPROVAL.sub(lambda m: " " * len(m.group(0)), low)  # (offsets kept)
    cleared = (
        word_search(_CLEARED, low)
        or _APPLICATION_GRANTED.search(low)
        or (_CLEARED_CJK.search(low) if not low.isascii() else None)
        or _CLEARED_OTHER.search(low)
    )
    if cleared and not low.isascii() and _only_accepted_cjk(low):
        # "…核准签发的《受理通知书》…申请获得受理": the regulator issued a notice of acceptance for
        # review, no approval of the trial
        return "submitted"
    if cleared:
        before = low[max(0, cleared.start() - 80) : cleared.start()]
        if is_conditional(before):
            return None  # "subject to acceptance of the CTN", "upon clearance"
        if _AWAITED.search(before):
            return None  # "expects FDA clearance of the IND in the first quarter"
        if _STILL_TO_COME.match(low, cleared.end()):
            return None  # "the CTN acknowledgement by the TGA … remain to be completed"
        if _NOT_YET_ALLOWED.search(before[-12:]) and low.startswith("allow", cleared.start()):
            return None  # "the IND submission will allow the initiation of a trial"
        return "cleared"
    return "submitted" if word_search(_SUBMITTED, low) else None


def _agencies(ctx: Context, s: Sentence, ind_named: bool, anchor: int) -> list[str]:
    """The regulators of one clearance sentence: every one it names ("cleared by the FDA
    and the European Medicines Agency" is two clearances), else its country's, else the
    FDA for an IND, else an authority named as the giver ("from the Spanish Agency of
    Medicines"), else the one named last before it."""
    mentions = ctx.agencies_in(s)
    if mentions:
        # those named in the clearance's own clause (a long sentence may list other
        # agencies' designations: "…; Orphan Drug Designation by the EMA …; and FDA IND clearance")
        text = s.text
        begin = max(text.rfind(";", 0, anchor) + 1, anchor - _AGENCY_REACH, 0)
        end = text.find(";", anchor)
        end = min(len(text) if end < 0 else end, anchor + _AGENCY_REACH)
        near = [m.text for m in agencies(text[begin:end])]
        return list(dict.fromkeys(near)) or [mentions[0].text]
    # (a country near the clearance: "regulatory approval in Belgium"; not the dateline's
    # city and country, which place the company, not the trial)
    around = s.text[max(0, anchor - 60) : anchor + 160]
    countries = [agency for pattern, agency in _COUNTRY_AGENCY if pattern.search(around)]
    if countries:  # "the French and British regulatory agencies have authorized": one each
        return countries
    if ind_named:
        # "This IND approval …" refers back to the clearance (and its regulator) just told,
        # and so does a bare "the INDs were approved" a few sentences after a regulator's
        # IND approval ("… from the Ministry of Food and Drug Safety (MFDS)")
        before = ctx.agency_near(s) if _ANAPHORIC_IND.search(s.text) else _ind_giver_before(ctx, s)
        return [before or "FDA"]  # else an IND is an FDA application
    giver = _giver(s.text)
    if giver is not None:
        return [giver.group(1).strip()]
    before = ctx.agency_near(s)
    return [before] if before else []


_CAUTION = patterns.compile(
    r"\b(?:no|not\s+(?:a|any))\s+(?:guarantee|assurance)|\b(?:cannot|can\s+not|does\s+not|do\s+not)\s+"
    r"(?:guarantee|assure|provide\s+(?:any\s+)?assurance)"
)


def _national_authority(text: str, low: str) -> str | None:
    """The agency of a country's authority the sentence names in words: "the regulatory
    authority … in France" is the ANSM."""
    said = _AUTHORITY.search(low)
    if said is None:
        return None
    around = text[max(0, said.start() - 120) : said.end() + 80]
    found = [agency for pattern, agency in _COUNTRY_AGENCY if pattern.search(around)]
    return found[0] if len(found) == 1 else None


def _ind_giver_before(ctx: Context, s: Sentence, back: int = 5) -> str | None:
    """The regulator of an IND clearance told in one of the few sentences before ``s``."""
    for i in range(s.index - 1, max(-1, s.index - 1 - back), -1):
        other = ctx.sentences[i]
        named = ctx.agencies_in(other)
        if named and _IND.search(other.text) and word_search(_CLEARED, other.lower):
            return named[-1].text
    return None


_UNDER_IND = patterns.compile(
    r"\bunder\s+(?:an?\s+|its\s+|the\s+|our\s+)?(?:u\.s\.\s+)?(?:fda[\s-]+)?(?:approved|cleared|accepted|active|open)?\s*"
    r"(?:ind|investigational\s+new\s+drug)\b(?:\s+(?:approvals?|clearances?|authori[sz]ations?))?"
)
_REGULATORY = patterns.compile(r"\bregulatory\s+$")
_DEMONSTRATIVE = patterns.compile(
    r"\b(?:[Tt]his|[Tt]hese|[Ss]uch)\s+(?:IND|CTA|CTN|NOL|clinical\s+trial\s+application)\b"
)
_ANAPHORIC_IND = patterns.compile(r"\b(?:[Tt]his|[Tt]hese|[Tt]he|[Ss]uch)\s+(?:IND|Investigational\s+New\s+Drug)\b")
# the clearance told of again: "The CTA approval allows …", "This IND clearance enables …"
_ANAPHORIC_CLEARANCE = patterns.compile(
    r"\b(?:[Tt]his|[Tt]hese|[Tt]he|[Ss]uch)\s+(?:IND|CTA|CTN|NOL|clinical\s+trial\s+application)\s+"
    r"(?:approvals?|clearances?|authori[sz]ations?|acceptances?)\b|"
    # the go-ahead named first: "The FDA approval of the IND allows Acme to …"
    r"\b[Tt]he\s+(?:FDA|U\.S\.\s+FDA|[A-Z]{2,6})(?:['’]s)?\s+(?:approval|clearance|acceptance)\s+of\s+(?:the|this|its)\s+"
    r"(?:IND|CTA|CTN|clinical\s+trial\s+application)\b|"
    # "Clearance of this IND application is an important accomplishment"
    r"\b(?:[Aa]pprovals?|[Cc]learances?|[Aa]uthori[sz]ations?|[Aa]cceptances?)\s+of\s+(?:this|these|such)\s+"
    r"(?:IND|CTA|CTN|clinical\s+trial\s+application)\b"
)
_AGENCY_REACH = 160  # characters between a clearance and a regulator it names
# "approval … from the Spanish Agency of Medicines", "by the Polish Office for Registration of …"
_GIVER = patterns.compile(
    r"\b(?:from|by)\s+(?:the\s+)?((?:[A-Z][\w'’-]+\s+){0,5}?(?:Agency|Authority|Ministry|Office|Institute|Board|"
    r"Administration|Commission|Council)(?:\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w'’-]+\s*){1,5})?)"
)
# a company's or a trial's own body, no regulator: "the Board of Directors", "the Data
# Safety Monitoring Board", "the Institutional Review Board"
_NOT_A_GIVER = patterns.compile(r"\b(?:Directors|Trustees|Supervisory|Monitoring|Review|Ethics|Advisory|Scientific)\b")


def _giver(text: str) -> re.Match[str] | None:
    """The authority a sentence names as giving its go-ahead ("from the Spanish Agency of Medicines")."""
    m = _GIVER.search(text)
    return None if m is None or _NOT_A_GIVER.search(m.group(1)) else m


# an authority not in the list, named right before its go-ahead: "received Polish
# National Office approval to begin"
_REGULATOR_BEFORE = patterns.compile(r"((?:[A-Z][A-Za-z]+\s+){1,5}?)(?:[A-Z][A-Za-z]+\s+)?$")
_NOT_REGULATOR = frozenset({"The", "This", "Its", "Our", "Company", "Regulatory", "Ethics", "Ethical", "Marketing"})


def _named_regulator(text: str, at: int) -> str | None:
    m = _REGULATOR_BEFORE.search(text, max(0, at - 60), at)
    if m is None:
        return None
    words = [w for w in m.group(0).split() if w not in _NOT_REGULATOR]
    if not words or not any(w in ("Office", "Agency", "Authority", "Ministry", "Institute", "Board") for w in words):
        return None
    return " ".join(words)


# outcomes a disclosure form lists as choices: "submission/approval/disapproval"
_FORM_CHOICES = patterns.compile(r"\b[\w-]+(?:/[\w-]+)*/(?:dis|non-?|un)approv\w*(?:/[\w-]+)*")
_ACCEPTED = patterns.compile(r"\baccept(?:ed|ance|s)?\b")
_GO_BESIDE_ACCEPTED = patterns.compile(
    r"\b(?:approv\w*|clear(?:ed|ance)|authori[sz]\w*|no\s+objection|may\s+proceed|allow\w*|permit\w*)"
)



def find(ctx: Context, s: Sentence) -> list[Found]:
    """IND/CTA events stated in one sentence (one per regulator it names)."""
    text, low = s.text, s.lower
    if s.section == "fls" or not (s.has_any(_PRECHECK) or _ANY_CASED.search(text)):
        return []
    ind_match = _IND.search(text) if ("IND" in text or "nvestigational" in text) else None
    cta_match = word_search(_CTA, low) or (_CTA_CJK.search(low) if not low.isascii() else None)
    first = min((m.start() for m in (ind_match, cta_match) if m), default=None)
    go_at = None  # (looked for only when neither application is named)
    if first is None:
        go_at = word_search(_TRIAL_GO, undotted(low)) or word_search(_TRIAL_GO_OTHER, low)
        first = go_at.start() if go_at else None
    # a marketing application or a monitoring committee near the cue is not a trial's
    # clearance (a company description earlier in the sentence — "… dedicated to
    # developing and commercializing …" — says nothing of it)
    if first is not None and word_search(_NOT_IND, low, max(0, first - _NOT_IND_REACH), first + _NOT_IND_REACH):
        return []
    go = None
    hold_lifted = False
    regulator = None  # an authority outside the list, named before its go-ahead
    if ind_match or cta_match:
        # (the application's own name is no go-ahead: "Clinical Trial Authorisation" names one, and
        # "has not been able to approve the Clinical Trial Authorisation" refuses it)
        named = (
            low[: cta_match.start()] + " " * len(cta_match.group(0)) + low[cta_match.end() :]
            if cta_match is not None
            and "authori" in cta_match.group(0)
            and not _RECEIVED_BEFORE.search(low, max(0, cta_match.start() - 40), cta_match.start())
            else low
        )
        if "/" in named:  # (a form's field lists outcomes: "Application submission/approval/disapproval")
            named = _FORM_CHOICES.sub(lambda m: " " * len(m.group(0)), named)
        status = None if _REFUSED.search(low) else _status(named)
    elif (
        (go := go_at)
        and not _MARKETING.search(low, max(0, go.start() - 12), go.start())
        # (a clinical hold lifted names no trial word, and is the FDA's when no regulator is named)
        and ((hold_lifted := lifts_hold(low)) or word_search(_TRIAL_WORD, low))
    ):
        regulator = _named_regulator(text, go.start())
        regulatory = _REGULATORY.search(low, max(0, go.start() - 12), go.start()) is not None
        # (or a country's authority named as such: "den regulatoriska myndigheten i Danmark")
        national = _AUTHORITY.search(low) is not None and any(
            p.search(text, max(0, go.start() - 120), go.end() + 60) for p, _ in _COUNTRY_AGENCY
        )
        if not (
            ctx.agencies_in(s) or _SELF_CLEARED.search(low) or regulator or _giver(text)
            or regulatory or national or hold_lifted
        ):  # fmt: skip
            return []  # (a "regulatory approval" is the regulator's the release named before)
        before = low[max(0, go.start() - 80) : go.start()]
        # (a go-ahead still to come: "studies needed to apply for approval to proceed with human trials")
        status = None if is_conditional(before) or _AWAITED.search(before) else "cleared"
    else:
        return []
    if status != "cleared":
        return []  # a submission or a plan to submit is not a clearance
    if ("expan" in low or "extend" in low) and _EXPANDS_A_TRIAL.search(low):
        return []  # a running trial taken to new sites or countries: neither a clearance to start nor a start
    if ctx.begun_elsewhere(s):
        return []  # (the same, said in another sentence: "… has already begun its Phase IIa trial in Israel")
    if "prerequisite" in low or "precondition" in low:
        return []  # what a clearance is: "An IND approval is a prerequisite for clinical trials in …"
    if ("guarantee" in low or "assurance" in low) and _CAUTION.search(low):
        return []  # a caution about it: "the IND approval provides no guarantee that …"
    if ind_match and _UNDER_IND.search(low) and not word_search(_CLEARED, _UNDER_IND.sub(" ", low)):
        return []  # "treated 10 patients under an FDA approved IND": an IND in place, not its clearance
    if word_search(_ETHICS, low) and not ctx.agencies_in(s):
        # an ethics committee's approval is no regulator's, unless the sentence says a country's
        # authority approved too ("approved by the regulatory authority and the central ethics
        # committee in France")
        regulator = _national_authority(text, low)
        if regulator is None:
            return []
    anchor = next((m.start() for m in (ind_match, cta_match, go) if m), 0)
    agencies = ([regulator] if regulator and not ctx.agencies_in(s) else []) or _agencies(
        ctx, s, ind_match is not None or hold_lifted, anchor
    )
    if not agencies:
        return []
    if all(a == "NMPA" for a in agencies) and _ACCEPTED.search(low) and not _GO_BESIDE_ACCEPTED.search(low):
        return []  # China's regulator "accepts" (受理) an IND for review; its approval is the go-ahead
    prods = own_products(ctx.products_in(s), text)  # never a drug given only in combination or compared
    mention = nearest(prods, anchor)
    described = None if mention else described_product(text)
    product = mention.text if mention else (described.text if described else ctx.product_near(s))
    if product is None:
        return []
    indication = indication_after(text, mention.start + len(mention.text)) if mention else None
    # recalled: the sentence's tense and dates ("In 2024, the FDA cleared the IND")
    # (the mention runs to the go-ahead's verb when that follows: "The IND for X, which was cleared
    # by the FDA last year, …" is recalled by its own clause)
    verb = word_search(_CLEARED, low, anchor)
    span = (anchor, verb.end() if verb else anchor + 3)
    # (a periodic report's clearances are the period's, news in their own releases — what it
    # says happened today is news: docs/labelling.md)
    period = ctx.of_the_period(s)
    told = s.is_body and not ctx.recalled_at(s, *span) and not ctx.told_as_past(s)
    announced = told and not period
    anaphoric = _ANAPHORIC_CLEARANCE.search(text, max(0, anchor - 40), anchor + 40) is not None
    demonstrative = _DEMONSTRATIVE.search(text, max(0, anchor - 40), anchor + 40) is not None
    headline_news = (
        s.section == "headline" and ctx.is_title(s) and not ctx.periodic_report and not ctx.recall_cue(s)
    )
    return [
        Found(agency, product, indication, status, announced, s.is_body, s.quote, s.index, anchor, anaphoric,
              demonstrative, headline_news, told and period)
        for agency in agencies
    ]  # fmt: skip
