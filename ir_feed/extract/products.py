"""Names in a sentence: products, agencies, phases and trial names.

Products are recognised by shape, never by a list of names:

* development codes — letters then digits, with optional dashes and suffixes:
  ``ALLO-329``, ``OCU410ST``, ``TH1902``, ``MNPR-101-Zr``, ``TNX-102 SL``;
* international non-proprietary names by their stems (``-mab``, ``-cel``,
  ``-fermin``, ``-mycin``, ``-tinib`` …) and ``<word> alfa``;
* trade-marked names (``CardiolRx™``);
* an all-capitals multi-word name set off by commas (``…, CHIKV VLP, was granted``).

Gene/protein names (``CD19``, ``IL-2``), registry numbers (``NCT…``) and disease
names with numbers (``COVID-19``) are not products.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from importlib import resources
from typing import NamedTuple

from ir_feed import patterns
from ir_feed.extract.dates import MONTH_NAME
from ir_feed.extract.sentences import ASCII_LOOKALIKES, Keywords, holds_any, lowered, trie_pattern

# Every code starts with a digit or a capital: that character is matched first, and
# what must stand before it is checked behind it (``_DIGIT_FIRST``, ``_CAPITAL_FIRST``),
# so that the pattern opens with a character class and the engine skips ahead to digits
# and capitals instead of trying every alternative at every character.
# (letter runs are possessive: a shorter run leaves a letter next, which nothing after
# it accepts; digit runs are not, as \d takes digits that the final look-ahead lets
# follow, nor hyphenated parts, as a code may stop before one)
_DIGIT_FIRST = r"(?<=(?<![\w-])\d)"  # the first character is a digit starting a word
_CAPITAL_FIRST = r"(?<=(?<![A-Za-z0-9\-])[A-Z])"  # … a capital starting a word
_CODE = patterns.compile(
    r"([\dA-Z](?:"
    # a code led by a digit and a letter: "2B3-201", "4D-150"
    + _DIGIT_FIRST + r"[A-Z][A-Z0-9]{0,4}-\d{2,4}(?![\w-])|"
    # a radiopharmaceutical led by its isotope, digits or none after: "64Cu-ACM-bisPSMA"
    + _DIGIT_FIRST + r"\d{1,2}(?:Lu|Ga|Cu|I|Y|Ac|Pb|Ra|Tc|In|F|Zr|At|Bi|Th|Sm|Re|Ho|Tb)-[A-Za-z][A-Za-z0-9]{1,9}+"
    r"(?:-[A-Za-z0-9]{1,9})*+(?![\w-])|"
    r"(?:" + _DIGIT_FIRST + r"\d{1,2}[A-Z][a-z]?-[A-Z]|" + _CAPITAL_FIRST + r")[A-Za-z]{0,7}+"
    # (big companies' codes run to eight digits: "LY3009104", "PF-06651600", "JNJ-77242113")
    r"(?:-\d{1,8}|\d{2,8}|(?<=[A-Za-z]{2})\d(?=-[A-Za-z]{1,4}\d)|(?<=[A-Z]{4})\d(?![\w-])|"
    # a digit between capitals before a coded part: "M2T-CD33"
    r"(?<=[A-Z])\d(?=[A-Z]{1,3}-[A-Za-z]{1,4}\d)|"
    r"(?<=[A-Z]{2})-[A-Z]{1,3}\d{1,4}(?![\w-]))[A-Za-z]{0,3}+"
    r"(?:(?<=\d[a-z])\d{1,2})?"  # a variant's number after a lower-case letter: "LC16m8"
    r"(?:-[A-Za-z0-9]{1,6})*"
    r"(?:\s(?:SL|XR|ER|SR|CR|IR|LA|SC|IV|ODT))?))(?![A-Za-z0-9])"
)
_NOT_CODE = patterns.compile(
    r"^(?:CD|IL|NCT|COVID|SARS|HLA|HER|FGF|TNF|PD|CTLA|EGFR|KRAS|BRCA|VEGF|IGF|TGF|GLP|"
    r"CYP|MMP|Form|Rule|Section|HR|H\.R|ISO|EU|US|SS|Q|H|FY|CY|Phase|Class|Type|Stage|Grade|"
    r"Part|Cohort|Study|Trial|Room|Suite|Level|Step|Item|Schedule|Tier|Exhibit|EX|ABCA|ACT|ASTRO|"
    # an English prefix of a disease's name: "Non-24-Hour Sleep/Wake Disorder", "Non-Hodgkin"
    r"Non-|"
    # viruses and genes written like codes, currency amounts ("EUR12.30")
    r"HIV|HPV|HBV|HCV|HSV|RSV|CMV|EBV|AAV|FGFR|ALK|ROS|NTRK|IDH|FLT|JAK|BTK|BCL|TROP|DLL|GPC|CLDN)"
    # (a gene, marker or virus is never numbered from 0: "CD-001" is a product code, "CD19" is not)
    r"(?:-?[1-9]|$)|"
    r"^(?:USD|EUR|GBP|CAD|AUD|CHF|SEK|NOK|DKK|JPY|CNY|RMB|HKD|ILS|NIS|INR|NZD|SGD|ZAR|BRL|MXN|KRW)(?:-?\d|$)",
    re.IGNORECASE,
)
# a word and a year ("Project-2025"), or a quarter or half of one ("1Q-2021", "2H2025")
# a code behind a stereo-descriptor: "L-DOS47" (the code pattern leaves it: "DOS47" follows a hyphen)
# (what stands before a match is checked after its first character: see _CODE)
_STEREO_CODE = patterns.compile(r"[LDRS](?<![\w-][LDRS])-[A-Z]{2,6}\d{1,5}(?![\w-])")
_YEARISH = patterns.compile(r"^(?:[A-Z][a-z]+|[1-4]Q|[12]H)-?(?:199\d|20[0-3]\d)$")
# a protein mutation: amino acid, position, amino acid ("G12C", "V600E", "T790M")
_MUTATION = patterns.compile(r"^[ACDEFGHIKLMNPQRSTVWY]\d{1,4}[ACDEFGHIKLMNPQRSTVWYX]$")
_INN_SECOND = frozenset({"alfa", "beta", "pegol", "vedotin", "etexetan"})
_INN_STEMS = (
    "mab",
    "cel",
    "cept",
    "tinib",
    "rafenib",
    "ciclib",
    "parib",
    "lisib",
    "ermin",
    "stim",
    "leukin",
    "dipine",
    "domide",
    "rasib",
    "sertib",
    "zomib",
    "lutamide",
    "caftor",
    "gliflozin",
    "tecan",
    "dotin",
    "mycin",
    "micin",
    "cillin",
    "cycline",
    "vastatin",
    "stat",
    "parin",
    "glutide",
    "glitazar",
    "siran",
    "rsen",
    "tide",
    "vir",
    "gene",
    "vec",
    "platin",
    "taxel",
    "toclax",
    "degib",
    "lukast",
    "sartan",
    "pril",
    "olol",
    "azole",
    "afil",
    "oxacin",
    "setron",
    "mod",
    # fusion proteins, kinase and factor Xa inhibitors, anticoagulants, endothelin antagonists,
    # peptide hormones and other stems a biotech release names drugs by
    "fusp",
    "anib",
    "xaban",
    "gatran",
    "farin",
    "sentan",
    "triptan",
    "melteon",
    "relin",
    "tocin",
    "pressin",
    "coxib",
    "profen",
    "prazole",
    "tidine",
    "dronate",
    "fibrate",
    # more of the WHO's INN stems (receptor antagonists, antivirals, cytotoxics,
    # psychotropics, antibiotics): a name built on one is a drug's
    "pitant",
    "gepant",
    "gliptin",
    "glurant",
    "rubicin",
    "citabine",
    "trexed",
    "mustine",
    "poetin",
    "oxetine",
    "peridone",
    "azepam",
    "racetam",
    "vudine",
    "penem",
    "bactam",
    "fungin",
    "zolid",
    "sudil",
    "relix",
    "gestrant",
    "semide",
    "kinra",
    "olone",
)
_TOKEN_PUNCT = ".,;:()[]\"'“”‘’"  # noqa: S105 (punctuation, not a secret)
# A stem ending a token (then only punctuation before a space or the end), matched
# in the reversed text after a space: the engine skips from space to space instead
# of trying the stems at every letter.
_INN_END_REVERSED = patterns.compile(
    " [" + re.escape(_TOKEN_PUNCT) + "]*(" + trie_pattern(sorted(stem[::-1] for stem in _INN_STEMS)) + ")"
)
_INN_STOP = frozenset(
    [
        "concept",
        "concepts",
        "except",
        "accept",
        "intercept",
        "worldwide",
        "nationwide",
        "peptide",
        "peptides",
        "nucleotide",
        "nucleotides",
        "oligonucleotide",
        "antisense",
        "polypeptide",
        "dipeptide",
        "tripeptide",
        "gene",
        "genes",
        # a class of proteins or genes that ends in a drug stem names no drug
        "interleukin",
        "interleukins",
        "transgene",
        "transgenes",
        "oncogene",
        "oncogenes",
        "cancel",
        "excel",
        "parcel",
    ]
)
# (a name starts a word: "\b" before its capital, checked after it as in _CODE)
_TRADEMARK = patterns.compile(
    r"((?:[A-Z](?<!\w[A-Z])|(?<![\w-])[a-z]{1,3}(?=[A-Z]))[A-Za-z0-9\-]{2,30})\s?[™®]"
    r"(?![\s-]*(?i:technolog|platform|scheme|program|system|device|gene[\s-]edit|based|engine|approach))"
)
_CAPS_PAIR = patterns.compile(r",\s((?:[A-Z][A-Z0-9]{2,}\s){1,3}[A-Z][A-Z0-9]{2,})(?=,\s)")
_CAPS_PAIR_FIRST = patterns.compile(r"((?:[A-Z][A-Z0-9]{2,}\s){1,3}[A-Z][A-Z0-9]{2,})(?=,\s)")
_PAREN = patterns.compile(r"\([^()]*\)")
# a strain named after its species, or a genotype, is no product: "E. coli O157", "S. aureus
# USA300", "the genotype HLA DR3-DQ2"
_SPECIES_BEFORE = patterns.compile(
    r"(?<![\w.])[A-Z]\.\s?[a-z]{3,}\s+$|\b(?:HLA|genotypes?|alleles?|serotypes?|strains?)[\s-]+$"
)
# a capitalised or camel-case name right before a parenthesis (its generic name is checked);
# a trade mark glued on as "TM" is not part of it ("LUXTURNATM (voretigene neparvovec)")
# (both start a word: "\b" before the capital, checked after it as in _CODE)
_BRAND = patterns.compile(r"([A-Z](?<!\w[A-Z])(?:[A-Z0-9-]{3,}?|[a-z]+[A-Z][A-Za-z0-9-]*?))(?:TM)?['’]?[™®]?\s*\(\s*")
_TITLE_BRAND = patterns.compile(r"([A-Z](?<!\w[A-Z])[a-z]{3,})['’]?[™®]?\s*\(\s*(?=[a-z])")
# the characters of the names _TRADEMARK, _BRAND and _TITLE_BRAND match
_NAME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-")


def _names_before(text: str, marks: str, spaces: int) -> list[int]:
    """Where a name right before one of ``marks`` may start, in order: the capitals of
    the run of name characters before each mark, less at most ``spaces`` spaces (-1: any
    number) and, before "(", a trade mark sign and an apostrophe (what _BRAND and
    _TITLE_BRAND allow there).  A match of one of those patterns, or of _TRADEMARK,
    starts at one of these (its name is part of the run, which starts a word)."""
    starts: list[int] = []
    for mark in marks:
        q = text.find(mark)
        while q >= 0:
            j, left = q, spaces
            while j > 0 and left != 0 and text[j - 1].isspace():  # (as "\s" reads them)
                j, left = j - 1, left - 1
            if mark == "(":
                if j > 0 and text[j - 1] in "™®":
                    j -= 1
                if j > 0 and text[j - 1] in "'’":
                    j -= 1
            end = j
            while j > 0 and text[j - 1] in _NAME_CHARS:
                j -= 1
            starts.extend(i for i in range(j, end) if "A" <= text[i] <= "Z")
            if mark in "™®" and j < end and text[j].islower() and j not in starts:
                starts.append(j)  # a brand led by lower-case letters: "orBec®"
            q = text.find(mark, q + 1)
    if len(marks) > 1 or "™" in marks or "®" in marks:
        starts.sort()
    return starts


def matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern every match of which starts at one of
    ``starts`` (increasing): the engine would try it at every capital of the text, where
    a few places can hold a match."""
    out: list[re.Match[str]] = []
    end = 0  # (where the match before ended: matches do not overlap)
    for i in starts:
        if i >= end and (m := pattern.match(text, i)):
            out.append(m)
            end = m.end()
    return out


_SALT = patterns.compile(
    r"\b(?:(?:di|tri)?hydrochloride|hydrobromide|mesylate|besylate|tosylate|maleate|fumarate|citrate|tartrate|"
    r"succinate|sulfate|sulphate|phosphate|acetate|sodium|potassium|calcium|magnesium)\b"
)
_GENERIC_WORDS = patterns.compile(r"[a-z][a-z-]{4,}(?:\s+(?:and|\+|/)?\s*[a-z][a-z-]{3,}){0,3}")
_DISEASE_WORD = patterns.compile(
    r"(?:disease|syndrome|disorder|cancer|tumou?r|leuka?emia|lymphoma|infection|virus|deficiency|failure|injury|"
    r"itis|oma|emia|pathy|trial|study|cohort|patients?)s?\b"
)


_DISEASE_NAME = patterns.compile(r"\s[a-z-]*(?:" + _DISEASE_WORD.pattern + r")", re.IGNORECASE)


def names_a_disease(name: str) -> bool:
    """A name of several words whose last word is a disease's, or a trial's or a population's
    ("Transverse Myelitis", "Acme Syndrome", "Phase 2 Trial"): a title-cased headline's words,
    never a product."""
    return " " in name and _DISEASE_NAME.search(name, name.rfind(" ")) is not None and name[-1:].isalpha()


def _is_generic_name(name: str, inner: str) -> bool:
    """``inner`` (what the parenthesis after ``name`` holds) reads as a generic name,
    lower-case words that neither spell ``name`` out ("AML (acute myeloid leukemia)")
    nor name a disease ("COVID (coronavirus disease)")."""
    if not _GENERIC_WORDS.fullmatch(inner.strip()) or _DISEASE_WORD.search(inner):
        return False
    initials = "".join(w[0] for w in re.findall(r"[a-z]+", inner) if w not in ("and", "of", "the"))
    return initials.upper() != name.upper()
_MONTH_WORD = patterns.compile(MONTH_NAME)
_NOT_OBJECT = frozenset(
    [
        "patients",
        "persons",
        "subjects",
        "participants",
        "volunteers",
        "treatment",
        "prevention",
        "children",
        "adults",
        "people",
        "individuals",
        "certain",
        "several",
        "multiple",
        "various",
        "additional",
        "another",
        "drugs",
        "products",
        "medicines",
        "therapies",
        "biologics",
        "product",
        "programs",
        "candidates",
        "compounds",
        "diseases",
        "conditions",
        "indications",
        "designated",
        "candidate",
        "program",
        "programme",
        "therapy",
        "compound",
        "asset",
        "vaccine",
        "formulation",
        "investigational",
    ]
)
# what follows a dateline's city: places, then a date ("…, Calif., April 7, 2025")
_DATELINE_AFTER = patterns.compile(
    r"\s*,\s+(?:[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*)*\s*,?\s+){0,3}?(?:[–—-]\s*)?(?:" + MONTH_NAME + r")\.?\s+\d|"
    r",\s+(?:\d{1,2}\.?\s+)?(?:" + MONTH_NAME + r")\b|"
    # then a wire: "FORT LAUDERDALE, Fla.--(BUSINESS WIRE)--", "SAN DIEGO /PRNewswire/"
    r"(?:\s*,\s+(?:[A-Z][A-Za-z.]*\s*){1,3})?\s*(?:-{1,2}|[–—])?\s*[(/]\s*(?:BUSINESS\s?WIRE|PR\s?Newswire|"
    r"GLOBE\s?NEWSWIRE|ACCESSWIRE|Marketwired?|CNW|EQS)\b|"
    # … as the sentence reads with its parentheses blanked: "FORT LAUDERDALE, Fla.--      --March 21"
    r"(?:\s*,\s+(?:[A-Z][A-Za-z.]*\s*){1,3})?\s*(?:-{1,2}|[–—])[\s\-–—]*(?:" + MONTH_NAME + r")\.?\s+\d|"
    # … or its wire's name lost from a copy: "PETACH TIKVA, Israel--()--Can-Fite …"
    r"\s*,\s+(?:[A-Z][A-Za-z.]*\s*){1,3}\s*(?:--|[–—])\s*(?:\([^()]{0,40}\))?\s*(?:--|[–—])"
)

AGENCY_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # (another country's "FDA" is its own regulator: "Taiwan FDA", "China FDA" (the NMPA's former name))
    ("FDA", patterns.compile(r"\b(?<!Taiwan )(?<!China )(?<!Chinese )(?<!Thai )(?<!Philippine )(?<!Saudi )"
                       r"(?:U\.?S\.?\s+)?FDA\b|"
                       r"(?<!China )(?<!Taiwan )(?<!Thai )(?<!Philippine )(?<!Saudi )(?<!National )"
                       # (another's acronym after it names that one: "Food and Drug Administration (NMPA)")
                       r"Food\s+(?:and|&)\s+Drug\s+Administration(?!\s*\((?:NMPA|CFDA|SFDA|TFDA|KFDA|MFDS)\))")),
    ("EMA", patterns.compile(
        r"\bEMA\b|European\s+Medicines\s+Agency|\bCHMP\b|Committee\s+for\s+(?:Medicinal|Orphan)|"
        r"\bCOMP\b|European\s+Commission|\bEC\b|"
        # the Commission in de, fr, es, it, nl
        r"Europ[äa]ische\s+Kommission|Commission\s+europ[ée]enne|Comisi[óo]n\s+Europea|Commissione\s+[Ee]uropea|"
        r"Europese\s+Commissie|"
        # its former acronym, and its name in de, fr: "EMEA", "Europäische Agentur für die Beurteilung von
        # Arzneimitteln", "Europäische Arzneimittel-Agentur", "Agence européenne des médicaments"
        r"\bEMEA\b|Europ[äa]ische\s+(?:Arzneimittel-?\s?[Aa]gentur|Agentur\s+f[üu]r\s+die\s+Beurteilung)|"
        r"Agence\s+europ[ée]enne\s+des\s+m[ée]dicaments")),
    ("MHRA", patterns.compile(r"\bMHRA\b|Medicines\s+and\s+Healthcare\s+products")),
    ("PMDA", patterns.compile(r"\bPMDA\b|Pharmaceuticals\s+and\s+Medical\s+Devices\s+Agency")),
    # Japan's ministry grants orphan designations itself (the PMDA advises it)
    ("MHLW", patterns.compile(r"\bMHLW\b|Ministry\s+of\s+Health,?\s+Labou?r\s+and\s+Welfare")),
    ("NMPA", patterns.compile(r"\bNMPA\b|National\s+Medical\s+Products\s+Administration|\bCDE\b|\bCFDA\b|"
                        r"China\s+(?:FDA|Food\s+and\s+Drug\s+Administration)|"
                        r"国家药品监督管理局|國家藥品監督管理局|国家药监局|药品审评中心")),
    ("TFDA", patterns.compile(r"\bTFDA\b|Taiwan\s+(?:FDA|Food\s+and\s+Drug\s+Administration)")),
    ("Health Canada", patterns.compile(r"Health\s+Canada")),
    ("TGA", patterns.compile(r"\bTGA\b|Therapeutic(?:s)?\s+Goods\s+Administration")),
    ("Swissmedic", patterns.compile(r"Swissmedic")),
    ("ANVISA", patterns.compile(r"\bANVISA\b")),
    ("MFDS", patterns.compile(r"\bMFDS\b|Ministry\s+of\s+Food\s+and\s+Drug\s+Safety")),
    ("BfArM", patterns.compile(r"\bBfArM\b")),
    ("ANSM", patterns.compile(r"\bANSM\b")),
    ("PEI", patterns.compile(r"Paul[-\s]Ehrlich")),
    # national medicines agencies of Europe (trial authorisations)
    ("Danish Medicines Agency", patterns.compile(r"Danish\s+Medicines\s+Agency|L[æa]gemiddelstyrelsen|\bDKMA\b")),
    ("Swedish Medical Products Agency", patterns.compile(
        r"(?:Swedish\s+)?Medical\s+Products\s+Agency|L[äa]kemedelsverket|Medicines\s+Agency\s+of\s+Sweden|Swedish\s+MPA")),
    ("Norwegian Medicines Agency", patterns.compile(
        r"Norwegian\s+Medicines\s+Agency|Statens\s+legemiddelverk|\bNoMA\b")),
    ("Fimea", patterns.compile(r"\bFimea(?:lta|an|n|lle)?\b|Finnish\s+Medicines\s+Agency")),  # (Finnish cases)
    ("AEMPS", patterns.compile(r"\bAEMPS\b|Spanish\s+Agency\s+(?:of|for)\s+Medicines")),
    ("AIFA", patterns.compile(r"\bAIFA\b|Italian\s+Medicines\s+Agency")),
    ("Israeli Ministry of Health", patterns.compile(
        r"Israel(?:i|'s)?\s+Ministry\s+of\s+Health|Ministry\s+of\s+Health\s+(?:of|in)\s+Israel|Israeli\s+MoH\b")),
    ("CBG", patterns.compile(
        r"\bCBG\b|College\s+ter\s+Beoordeling\s+van\s+Geneesmiddelen|Medicines\s+Evaluation\s+Board")),
    ("BASG", patterns.compile(r"\bBASG\b|Bundesamt\s+f[üu]r\s+Sicherheit\s+im\s+Gesundheitswesen|"
                        r"Federal\s+Office\s+for\s+Safety\s+in\s+Health\s+Care|Austrian\s+(?:Federal\s+Office|Medicines)")),
    ("HPRA", patterns.compile(r"\bHPRA\b|Health\s+Products\s+Regulatory\s+Authority")),
    ("FAMHP", patterns.compile(r"\bFAMHP\b|Federal\s+Agency\s+for\s+Medicines\s+and\s+Health\s+Products")),
)  # fmt: skip

# literal hints, case as in the patterns: a pattern runs only when one of its hints occurs
_AGENCY_HINTS: dict[str, tuple[str, ...]] = {
    "FDA": ("FDA", "Drug Administration"),
    "EMA": ("EMA", "European", "CHMP", "Committee for", "COMP", "EC", "Europäische", "Europaische",
            "européenne", "europeenne", "Europea", "Europese", "EMEA"),
    "MHRA": ("MHRA", "Healthcare products"), "PMDA": ("PMDA", "Pharmaceuticals and"),
    "MHLW": ("MHLW", "Ministry of Health"),
    "NMPA": ("NMPA", "National Medical", "CDE", "CFDA", "China", "药品监督", "藥品監督", "药监局", "药品审评"),
    "Health Canada": ("Health Canada",),
    "TGA": ("TGA", "Goods Administration", "Therapeutic Goods"), "Swissmedic": ("Swissmedic",),
    "ANVISA": ("ANVISA",), "MFDS": ("MFDS", "Food and Drug Safety"), "BfArM": ("BfArM",), "ANSM": ("ANSM",),
    "PEI": ("Ehrlich",), "TFDA": ("TFDA", "Taiwan"),
    "Danish Medicines Agency": ("Danish Medicines", "middelstyrelsen", "DKMA"),
    "Swedish Medical Products Agency": ("Medical Products Agency", "kemedelsverket", "Agency of Sweden", "Swedish MPA"),
    "Norwegian Medicines Agency": ("Norwegian Medicines", "legemiddelverk", "NoMA"),
    "Fimea": ("Fimea", "Finnish Medicines"), "AEMPS": ("AEMPS", "Spanish Agency"),
    "AIFA": ("AIFA", "Italian Medicines"), "CBG": ("CBG", "College ter", "Medicines Evaluation"),
    "Israeli Ministry of Health": ("Israel",),
    "HPRA": ("HPRA", "Health Products Regulatory"),
    "BASG": ("BASG", "Bundesamt", "Federal Office for Safety", "Austrian"),
    "FAMHP": ("FAMHP", "Federal Agency for Medicines"),
}  # fmt: skip

_AGENCY_HINT_SCAN = Keywords(frozenset(h for hints in _AGENCY_HINTS.values() for h in hints))

_PHASE = patterns.compile(
    # (sv, da, no, it, es, pt write "fas" / "fase")
    r"\b(?:Phase|fas|fase)[\s-]*((?:[1-4IV]{1,3}[ab]?)(?:\s*/\s*(?:[1-4IV]{1,3}[ab]?))?)(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4"}
# Patterns are led by a literal or a capital (look-behinds come after the first
# character) so that the regex engine can skip ahead to candidates.
# Name parts are possessive (``*+``): what follows a name is never a letter, digit or
# hyphen, so giving characters back could not make a match; the engine then rejects
# a capitalised word in one pass instead of backtracking through it.
_TRIAL_NAME = patterns.compile(
    # (a second capital, or a word numbered: "the Acclaim-2 clinical trial")
    r"([A-Z](?<![A-Za-z0-9\-][A-Z])(?=[A-Za-z]*[A-Z]|[a-z]{4,}-\d{1,2}\b)[A-Za-z]*+(?:-[A-Za-z0-9]+)*+)"
    r"(?=\s+(?:\(\s*[A-Z][^()]{0,80}\)\s+)?(?:basket\s+|pivotal\s+|registrational\s+|"
    r"clinical\s+|global\s+)?(?i:trials?|study|studies)\b|"
    # the names of a list before the plural: "the HALO and HALO-Kids studies"
    r"(?:,\s+[A-Z][\w-]*)*,?\s+(?:and|&)\s+[A-Z][\w-]*\s+(?:pivotal\s+|clinical\s+|global\s+)?(?i:trials|studies)\b)"
)
# a phase may stand between a name and its trial word ("the ORBIT-2 Phase 2 trial"), when the
# name reads as one (four capitals or more, or a numbered word): a disease's acronym stands
# there too ("the NASH Phase 2 trial")
_NAMED_BEFORE_PHASE = patterns.compile(
    r"([A-Z](?<![A-Za-z0-9\-][A-Z])(?:[A-Z]{3,}+(?:-[A-Za-z0-9]+)*+|[A-Za-z]*+(?:-[A-Za-z0-9]+)++))"
    r"(?=\s+(?:pivotal\s+|registrational\s+|global\s+)?Phase\s*[1-4IV]{1,3}[ab]?(?:\s*/\s*[1-4IV]{1,3}[ab]?)?\s+"
    r"(?:clinical\s+)?(?i:trial|study)\b)"
)
_NAMED_AFTER_PHASE = patterns.compile(
    r"Phase(?<![A-Za-z0-9_]Phase)[\s-]*[1-4IV]{1,3}[ab]?(?:\s*/\s*[1-4IV]{1,3}[ab]?)?\s+"
    r"([A-Z][A-Z0-9]{2,}(?:-[A-Za-z0-9]+)*)\b"
)
_NAME = r"([A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)"
_TRIAL_WORD = r"(?i:trials?|study|studies)\b"
_NOT_ADJECTIVE = r"(?!(?i:in|of|that|which|for|to|will|being|be|is|was|with|by|from|and)\b)"
# (pattern, whether the name is set beside the trial word by apposition or definition)
_TRIAL_PATTERNS: tuple[tuple[re.Pattern[str], bool], ...] = (
    (_TRIAL_NAME, False),
    (_NAMED_BEFORE_PHASE, False),
    (_NAMED_AFTER_PHASE, False),
    # "a Phase 1 trial, CALDER-1, evaluating", "the study (SPARROW)", "a trial called X"
    (patterns.compile(r"(?:trials?|Trials?|TRIALS?|study|Study|STUDY|studies|Studies|STUDIES)\b"
                r"(?:\s*,\s*|\s*\(\s*|\s+(?i:called|named|known\s+as|dubbed)\s+)"
                + _NAME + r"(?=\s*[™®]?\s*[,)]|\s*$|\s+(?i:trial|study|evaluat|assess|enrol|will|is)\w*)"), True),
    # other languages: "l'étude NANORAY-312", "dello studio ARCHES", "die Studie ALPHA-2"
    # (each word written out: alternatives led by letters let the engine skip ahead to them)
    (patterns.compile(r"(?:étude|Essai|essai|studio|Studie|studie|estudio|ensayo)\s+" + _NAME + r"\b"), True),
    # "dosed in TIDAL, its Phase 2 clinical trial", "TIDAL is a randomized, ... trial"
    # (not a drug the subject names: "The clinical trial with X is a double-blind … study")
    (patterns.compile(r"([A-Z](?<![A-Za-z0-9\-][A-Z])(?<!with\s[A-Z])[A-Za-z0-9]*+"
                r"(?:-[A-Za-z0-9]+)*+)(?:,\s+|\s+(?:is|was|will\s+be)\s+)"
                r"(?:an?|its|the|our|their)\s+(?:" + _NOT_ADJECTIVE + r"[\w/-]+,?\s+){0,7}?" + _TRIAL_WORD), True),
)  # fmt: skip
OTHER_TRIAL_WORDS = ("étude", "essai", "ensayo")  # "studio", "Studie", "estudio" hold "stud"
_BESIDE_TRIAL = _TRIAL_PATTERNS[3][0]  # led by the trial word: see _after_trial_words
_WORD_CODE = patterns.compile(r"[A-Z](?:[A-Z]{3,}|[a-z]{4,})-\d{1,2}")  # "CALDER-1", "Acclaim-2" (not "Modi-1")

_TRIAL_STOP = frozenset(
    [
        "FDA",
        "EMA",
        "IND",
        "CTA",
        "NDA",
        "BLA",
        "MAA",
        "CAR",
        "SLE",
        "NASH",
        "MASH",
        "AML",
        "CF",
        "PTSD",
        "USA",
        "DMC",
        "IDMC",
        "HREC",
        "IRB",
        "ASCO",
        "ASH",
        "ESMO",
        "AACR",
        "ASTRO",
        "THE",
        "AND",
        "OF",
        "PHASE",
        "CLINICAL",
        "GLOBE",
        "NEWSWIRE",
        "DNA",
        "RNA",
        "MRNA",
        # diseases' acronyms, before "trials" as before "trial": "the long COVID trials"
        *re.findall(
            r"\S+",
            "COVID ALS NSCLC SCLC CLL CML MDS HCC RCC CRC TNBC MCL DLBCL COPD IPF PBC PSC DMD SMA HIV HBV HCV RSV "
            "IBD GVHD AMD DME AATD PAH CKD FSGS IGAN SCD ARDS",
        ),
    ]
)

_STUDY_KINDS = frozenset({"enabling", "compliant", "like", "based", "controlled", "label", "blind", "arm"})


class Mention(NamedTuple):
    """A name found in a sentence, at offset ``start`` (a tuple: cheap to make)."""

    text: str
    start: int


def _mask_parens(text: str) -> str:
    return _PAREN.sub(lambda m: " " * len(m.group(0)), text)


# every match of _CODE holds a digit within its first thirteen characters (a capital, at
# most seven letters, a hyphen and three capitals before it: see the pattern's parts)
_CODE_DIGIT_WITHIN = 12
_DIGIT = patterns.compile(r"\d")


def _codes(text: str) -> Iterator[re.Match[str]]:
    """``_CODE.finditer(text)``, begun where a match can start: not before the text's
    first digit, less :data:`_CODE_DIGIT_WITHIN` (a sentence without a digit holds no
    code, and the scan stops at every capital).  (The engine reads behind where it
    begins, so the matches are the same.)"""
    if text.isascii():  # (ten C searches, each bounded by the first digit found so far)
        first = len(text)
        for digit in "0123456789":
            i = text.find(digit, 0, first)
            if i >= 0:
                first = i
        if first == len(text):
            return iter(())
    else:  # (any script's digits: what \d reads)
        m = _DIGIT.search(text)
        if m is None:
            return iter(())
        first = m.start()
    return _CODE.finditer(text, max(0, first - _CODE_DIGIT_WITHIN))

# a gene or target written like a code, told by what follows it: "CDKL5 deficiency
# disorder", "SMN1 gene", "GBA1 mutations", "PIK3CA-mutated", "FGFR2-positive"
_TARGET_AFTER = patterns.compile(
    # (not a product's own class: "AB-1002 gene therapy")
    r"[\s-](?:deficiency|disorders?|syndrome|gene(?![\s-]+(?:therap|transfer|editing|silencing))|genes|mutations?|"
    r"mutated|mutant|variants?|deletions?|"
    r"expressing|amplified|amplification|fusions?|carriers?|knock[\s-]?out)\b|-(?:positive|negative)\b|"
    # a measure named by its code: "a response by SLEDAI-2K Responder Index 50", "the PASI-75 score"
    r"\s+(?:responder\s+)?(?:index|indices|scores?|scales?|criteria|questionnaire)\b|"
    # what a drug acts on: "its selective PLK-1 small molecule inhibitor"
    r"\s+(?:(?:small[\s-]+molecule|selective|oral|potent|novel|allosteric|covalent)\s+){0,3}"
    r"(?:inhibitors?|antagonists?|agonists?|blockers?|degraders?|modulators?)\b",
    re.IGNORECASE,
)


_RUN_ON_TM = patterns.compile(r"(?<=[a-z])TM(?![A-Za-z0-9])")


_COMPOUND_TAIL = patterns.compile(
    r"-(?:[Ss]tudie[nrst]?|[Pp]rogramm(?:s|et)?|[Dd]aten|[Bb]ehandlung(?:en)?|"
    r"[Tt]herapie|[Pp]rövningen|[Ff]orsøget|[Ee]ssai)$"
)


def products(sentence: str, *, include_parens: bool = False) -> list[Mention]:
    """Product mentions in order (parenthesised asides skipped unless asked)."""
    if "(R)" in sentence or "(TM)" in sentence:  # a trade mark written in ASCII: "Cethrin(R)"
        sentence = sentence.replace("(R)", "®  ").replace("(TM)", "™   ")
    if "[®]" in sentence or "[™]" in sentence:  # … or in brackets: "Diamyd[®]"
        sentence = sentence.replace("[®]", "®  ").replace("[™]", "™  ")
    if "TM" in sentence:  # … or run on: "AcmerinTM" (the same length: offsets hold)
        sentence = _RUN_ON_TM.sub("™ ", sentence)
    text = sentence if include_parens or "(" not in sentence else _mask_parens(sentence)
    found: dict[int, Mention] = {}
    for m in _codes(text):
        code = m.group(1)
        if "-" in code and code[-1].islower():
            code = _COMPOUND_TAIL.sub("", code)  # German and Nordic compounds: "ACM-101-Studie" is ACM-101's study
        if (
            _is_code(code)
            and not _TARGET_AFTER.match(text, m.end())
            and not _SPECIES_BEFORE.search(text, max(0, m.start() - 30), m.start())
        ):
            found[m.start()] = Mention(code, m.start())
    # a code whose second part leads with a lower-case prefix: "CART-ddBCMA"
    if "-" in text and _PREFIXED_HINT.search(text):
        for m in _PREFIXED_CODE.finditer(text):
            if not _NUCLEIC.fullmatch(m.group(2)) and not _NOT_CODE.match(m.group(1)):
                found.setdefault(m.start(1), Mention(m.group(1), m.start(1)))
    if "L-" in text or "D-" in text or "R-" in text or "S-" in text:  # (a str search is cheaper than the scan)
        for m in _STEREO_CODE.finditer(text):
            found.setdefault(m.start(), Mention(m.group(0), m.start()))
    for start, name in _inn_names(text):
        found.setdefault(start, Mention(name, start))
    if "™" in text or "®" in text:
        for m in matches_at(_TRADEMARK, text, _names_before(text, "™®", 1)):
            if m.group(1).lower() in _NOT_DRUG_WORD:
                continue  # a class of drugs or a platform marked as a brand: "Phospholipid Drug Conjugate™"
            found.setdefault(m.start(), Mention(m.group(1), m.start()))
    first = _CAPS_PAIR_FIRST.match(text) if ", " in text else None
    for m in [*([first] if first else []), *_CAPS_PAIR.finditer(text)] if ", " in text else ():
        words = m.group(1).split()
        if _DATELINE_AFTER.match(text, m.end(1)):
            continue  # a dateline's city ("TEL AVIV, Israel, July 17, 2023 –")
        if not any(w in _TRIAL_STOP or agency_of(w) for w in words):
            found.setdefault(m.start(1), Mention(m.group(1), m.start(1)))
    if "(" in sentence:  # a drug's code given after a name no rule knows: "olaptesed pegol (NOX-A12)"
        for m in _PAREN_CODE.finditer(sentence):
            if not m.start() or not sentence[m.start() - 1].isspace():
                continue
            before = _NAME_BEFORE_PAREN.search(sentence, max(0, m.start() - 41), m.start() - 1)
            if before is None:
                continue
            code = m.group(1)
            at = before.start(1)
            if at in found or any(f.start < at < f.start + len(f.text) + 1 for f in found.values()):
                continue  # (a name a rule knows keeps its code as its alias: "teslexivir (BTA074)")
            if _CODE.fullmatch(code) and _is_code(code) and before.group(1).lower() not in _NOT_DRUG_WORD:
                found.setdefault(m.start(1), Mention(code, m.start(1)))
    if "(" in sentence:  # a brand before its generic name: "VYXEOS (cytarabine and daunorubicin)"
        named = _names_before(sentence, "(", -1)  # (both patterns end at a parenthesis)
        for m in matches_at(_BRAND, sentence, named):
            name = m.group(1)
            inner = sentence[m.end() : sentence.find(")", m.end())] if ")" in sentence[m.end() :] else ""
            if _is_generic_name(name, inner) and name not in _TRIAL_STOP and not agency_of(name):
                found.setdefault(m.start(1), Mention(name, m.start(1)))
        # a brand in plain capitals before a drug's generic name: "Zantrene (bisantrene
        # dihydrochloride)", "Xerava (eravacycline)" — the parenthesis must read as a drug
        # (a salt form or an INN stem), not any lower-case gloss
        for m in matches_at(_TITLE_BRAND, sentence, named):
            inner = sentence[m.end() : sentence.find(")", m.end())] if ")" in sentence[m.end() :] else ""
            drug = _SALT.search(inner) is not None or bool(_inn_names(f" {inner.split(' ')[0]} "))
            if drug and _is_generic_name(m.group(1), inner) and not agency_of(m.group(1)):
                found.setdefault(m.start(1), Mention(m.group(1), m.start(1)))
    spans = sorted(found.values(), key=lambda x: x.start)
    out: list[Mention] = []
    for mention in spans:  # drop a mention inside a longer one
        if out and mention.start < out[-1].start + len(out[-1].text):
            continue
        out.append(mention)
    if "(" in sentence:
        out = [_with_alias(sentence, m) for m in out]
    if not out:
        out = _by_position(sentence)
    if not out and text is not sentence:
        # nothing outside parentheses: a code given only as an aside ("… inhibitor
        # (DS-3201)"); never a listing ("(Nasdaq: ABC1)")
        for g in _PAREN.finditer(sentence):
            if ":" not in g.group(0):
                out.extend(Mention(m.group(1), g.start() + m.start(1)) for m in _CODE.finditer(g.group(0))
                           if _is_code(m.group(1)))  # fmt: skip
    return out


# Names without a product's shape ("Molgradex", "rAAV-Olig001-ASPA", "Stabilized
# Glucagon"), found by where they stand: the object of "designation to/for", a
# possessive's head before "for"/"has", a parenthesised short name before "has
# obtained".  Only asked when no shaped name is in the sentence.
_DESCRIPTOR = (
    r"(?i:(?:(?:the\s+)?company['’]s\s+|its\s+|our\s+|their\s+|the\s+)?)(?:[A-Z][\w-]+(?:['’]s|s['’]|['’])\s+)?"
    r"(?i:"
    r"(?:(?:lead|investigational|novel|proprietary|first-in-class|product|drug|vaccine|gene|cell|clinical[\s-]stage|"
    r"oral|inhaled|intranasal|therapy|therapeutic|candidate|compound|asset|program|single-shot|phase\s+\d)[\s,-]+){0,6}"
    r"(?:(?:an?\s+)?(?:single\s+|multiple\s+|repeated\s+)?(?:dose|doses|dosing)\s+of\s+|"
    r"(?:[\w-]+\s+)?formulation\s+of\s+)?)"
)
_NAME = r"((?:[A-Za-z][\w-]*[A-Z0-9][\w-]*|[A-Z][a-z][\w-]+)(?:\s+[A-Z0-9][\w-]*){0,2})"
# (as the object of "designation for", a lower-case word is a name too: "… to prosetin for")
_OBJECT_NAME = (
    r"((?:[A-Za-z][\w-]*[A-Z0-9][\w-]*|[A-Z][a-z][\w-]+|[LD]-[a-z]{4,}|[a-z]{6,}(?:\s+[a-z]{4,}(?=\s*\([A-Za-z]))?)"
    r"(?:\s+[A-Z0-9][\w-]*){0,2})"
)
_BY_POSITION = (
    patterns.compile(
        # (the kind's acronym may follow: "Rare Pediatric Disease Designation (RPDD) to CLR 131")
        r"(?i:designations?|status|priority\s+review|application|ind|cta)(?:\s*\([A-Z][A-Za-z0-9-]{1,10}\))?\s+"
        r"(?i:(?:from|by)\s+the\s+[\w.\s]{1,40}?\s+)?(?i:to|for)\s+"
        r"(?i:the\s+(?:nda|bla|maa|snda|sbla|application)\s+for\s+)?"
        + _DESCRIPTOR
        + _OBJECT_NAME[:-1]
        + r"(?:\s+(?:surfactant|vaccine|cream|gel|injection|tablets?|capsules?|spray|patch))?)"
        # (the programme of the name: "to the company's emricasan development program for …")
        + r"(?:\s+(?:development\s+|clinical\s+)?(?:program|programme))?"
        # (a word after the name, never its own last letters: "for Aerucin as" is not "Aeruc" + "in")
        + r"(?=\s*(?:[,;(.]|$)|\s+(?:for|in|as|to)\b)"
    ),
    patterns.compile(r"[A-Z][\w-]+(?:['’]s|s['’])\s+" + _NAME + r"\s+(?:for|be|has|have|was|is|received|receives)\b"),
    patterns.compile(r"\(([A-Z][^()]{1,40})\)\s+(?:has|have)\s+(?:\w+\s+)?(?:been\s+)?(?:granted|received|obtained|awarded)"),
    # the subject of a grant: "… announced that Tenavix has received Fast Track designation"
    patterns.compile(
        r"(?i:that|,)\s+(?i:its\s+|the\s+company['’]s\s+)?([A-Z][a-z][\w-]{2,}|[A-Z][\w-]*[A-Z0-9][\w-]*)"
        r"\s+(?i:has|have|was|were)\s+(?:\w+\s+)?(?:been\s+)?(?i:granted|received|obtained|awarded|designated)\b"
    ),
    # what a trial studies: "a Phase 1 study of Acme's investigational eiRNA therapy for …"
    patterns.compile(
        r"(?i:trials?|stud(?:y|ies)|evaluation)\s+(?i:of|with|evaluating|using)\s+"
        + _DESCRIPTOR
        + _NAME[:-1]
        + r"(?:\s+(?:therapy|vaccine|cream|gel|injection|tablets?|capsules?))?)"
        + r"(?=\s*(?:[,;(.]|$)|\s+(?:for|in|as|to|will|is|was|has|had)\b)"
    ),
    # what a trial evaluates: "… trial, which will evaluate fenretinide in the treatment of …"
    patterns.compile(
        r"(?i:evaluat(?:e|es|ing)|investigat(?:e|es|ing)|assess(?:es|ing)?|test(?:s|ing)?)\s+"
        + _DESCRIPTOR
        + _OBJECT_NAME
        + r"(?=,?\s+(?:in|for|as|versus|vs\.?|compared|at|to\s+treat)\b)"
    ),
)
_NOT_NAME = frozenset(
    re.findall(
        r"\S+",
        "Fast Track Orphan Drug Breakthrough Therapy Rare Pediatric Disease Regenerative Medicine Priority Review "
        "Company The This FDA EMA Designation Status Food Drug Administration European Medicines Agency "
        "Maximum Tolerated Dose Safety Efficacy Healthy Human Humans Patients Placebo Clinical Phase "
        "Committee Commission Office Agency Ministry Authority Department Board "
        # a disease's qualifiers ("for Moderate to Severe COVID")
        "Moderate Severe Mild Acute Chronic Advanced Metastatic Recurrent Refractory Relapsed",
    )
)


# a body of people is no drug: "the Ministry of Health's Supreme Committee for clinical trials"
_INSTITUTION = frozenset(["Committee", "Commission", "Office", "Agency", "Ministry", "Authority", "Department", "Board",
                          "Council", "Institute", "University", "Hospital", "Foundation", "Association"])
_POSITION_HINTS = ("esignation", "status", "’s", "'s", "s’", "s'", "eview", "valuat", "nvestigat", "ssess", "test",
                   "pplication", "IND", "CTA", "trial", "stud")  # fmt: skip
# a name with its kind: "our MuDelta program", "a treatment called MuDelta" (each with the
# words that must occur for it to be tried, and those a match starts with: see led_matches)
_NAMED_KIND = (
    (
        patterns.compile(
            r"(?i:our|its|the\s+company['’]s)\s+([A-Z][a-z]+[A-Z][A-Za-z0-9-]*|[A-Z][A-Z0-9-]{3,})\s+"
            r"(?i:program|programme|product\s+candidate|drug\s+candidate|candidate|compound|vaccine|therapy)\b"
        ),
        ("program", "candidate", "compound", "vaccine", "therapy"),
        ("our", "its", "the"),
    ),
    (
        patterns.compile(r"(?i:called|named|known\s+as)\s+([A-Z][a-z]+[A-Z][A-Za-z0-9-]*|[A-Z][A-Z0-9-]{3,})\b"),
        ("called", "named", "known as"),
        ("called", "named", "known"),
    ),
    # a name right after the noun that says it is a drug candidate, in English and the
    # languages the rules read: "drug candidate NeuroSTAT", "läkemedelskandidaten ROSgard"
    (
        patterns.compile(
            r"(?i:(?:drug|product|lead|clinical)\s+candidate|läkemedelskandidat(?:en)?|lægemiddelkandidat(?:en)?|"
            r"legemiddelkandidat(?:en)?|"
            r"wirkstoffkandidat(?:en)?|produktkandidat(?:en)?|candidat[\s-]m[ée]dicament|m[ée]dicament[\s-]candidat|"
            r"geneesmiddelkandidaat|candidato\s+(?:a\s+)?f[áa]rmaco|farmaco\s+candidato)\s+"
            r"([A-Z][\w-]*[A-Za-z0-9])(?=[™®]|\b)"
        ),
        ("candidat", "kandidat", "kandidaat"),
        ("drug", "product", "lead", "clinical", "läkemedelskandidat", "lægemiddelkandidat", "legemiddelkandidat",
         "wirkstoffkandidat", "produktkandidat", "candidat", "médicament", "medicament", "geneesmiddelkandidaat",
         "farmaco"),
    ),
    # "its investigational drug, AC02", "candidate botanical new drug ACM-X": a name shaped
    # like a code (a digit, a hyphen or inner capitals), never a title's next word
    # ("Investigational New Drug Development")
    (
        patterns.compile(
            r"(?i:investigational|experimental|botanical|new|candidate)\s+(?i:new\s+)?(?i:drug),?\s+"
            r"([A-Z][A-Za-z]*(?:[-0-9][\w-]*|[A-Z][\w-]*)[A-Za-z0-9])(?=[™®]|\b)(?<!\bIND)(?<!\bNDA)"
        ),
        ("drug",),
        ("investigational", "experimental", "botanical", "new", "candidate"),
    ),
    # a name set after the company's word for its main product: "its flagship product,
    # Acmeferon", "our lead product candidate Acmezyme" (any capitalised name)
    (
        patterns.compile(
            r"(?i:flagship|lead)\s+(?i:product|drug|asset|therapy)(?:\s+(?i:candidate))?,?\s+"
            r"(?!(?:Phase|In|The|For|To|As|And|With|At|On|Is|Has)\b)([A-Z][a-z][\w-]*[A-Za-z0-9])(?=[™®?]|\b)"
        ),
        ("flagship", "lead"),
        ("flagship", "lead"),
    ),
    # a name in capitals before what kind of drug it is: "ACMET peptide", "AMX cells"
    # (not a cell type or a modality's own acronym: "CAR T cells", "NK cells", "mRNA vaccine")
    (
        patterns.compile(
            r"(?<![\w-])(?!(?:CAR|NK|TIL|MSC|MSCs|HSC|DNA|RNA|MRNA|CD\d+|AAV|ADC|T|B)\b)"
            r"([A-Z][A-Z0-9]{2,}(?:-[A-Z0-9]+)*)\)?\s+(?i:peptides?|antibod(?:y|ies)|cells|cell\s+therapy|gene\s+therapy)\b"
        ),
        ("peptide", "antibod", "cells", "therapy"),
        (),
    ),
)
_NAMED_KIND_HINTS = tuple(h for _, hints, _ in _NAMED_KIND for h in hints)


# the words each of _BY_POSITION's patterns needs (lower case; read on the lower-cased
# sentence): a pattern is tried only where its own words occur
_BY_POSITION_HINTS = (
    ("designation", "status", "review", "application", "ind", "cta"),
    ("'s", "’s", "s'", "s’"),
    ("granted", "received", "obtained", "awarded"),
    ("granted", "received", "obtained", "awarded", "designated"),
    ("trial", "stud", "evaluation"),
    ("evaluat", "investigat", "assess", "test"),
)
_LOOKALIKES = tuple(ASCII_LOOKALIKES)  # (as holds_any reads them)
# the words every match of one of _BY_POSITION's patterns starts with (see led_matches)
_BY_POSITION_LEADS = (
    ("designation", "status", "priority", "application", "ind", "cta"),
    (),  # (led by a capital, or by a parenthesis: the engine skips ahead to those itself)
    (),
    ("that", ","),
    ("trial", "stud", "evaluation"),
    ("evaluat", "investigat", "assess", "test"),
)


def led_matches(pattern: re.Pattern[str], leads: tuple[str, ...], text: str, low: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern every match of which starts with one of
    ``leads`` (lower case, written in any case: an IGNORECASE group), tried only where
    one starts in ``low``, ``text`` lower-cased: the engine would try every position, as
    such a group leaves it no letter to skip ahead to.  A text holding a character that
    IGNORECASE matches to a letter it does not lower-case to ("İ", "ı", "ſ"; "İ" is also
    the one character whose lower case is longer) is read whole, as is every text when
    ``leads`` is empty."""
    if not leads or (not text.isascii() and holds_any(text, _LOOKALIKES)):
        yield from pattern.finditer(text)
        return
    starts: set[int] = set()
    for lead in leads:
        i = low.find(lead)
        while i >= 0:
            starts.add(i)
            i = low.find(lead, i + 1)
    end = 0  # (where the match before ended: matches do not overlap)
    for i in sorted(starts):
        if i >= end and (m := pattern.match(text, i)):
            yield m
            end = m.end()


# (a participle, an adverb, a noun of English make, a disease: "smoked", "nasally", "lymphoma")
_NOT_A_NAME_END = patterns.compile(
    r"(?:ed|ly|ing|ness|ment|tion|sion|ity|ous|ive|able|ible|ance|ence|ist|ists|ism|isms|oma|omas|itis|emia|aemia|"
    r"osis|pathy|plasia|trophy|algia)$"
)


# the endings of substances' names: "cannabidiol", "insulin", "ketamine", "testosterone"
_CHEMICAL_END = patterns.compile(r"(?:ol|ide|ine|ate|one|in|an|il|ib|ab|ene|yl|ium|ase)$")


@functools.cache
def _common_words() -> frozenset[str]:
    return frozenset(resources.files(__package__).joinpath("common_words.txt").read_text("utf-8").split())


def is_common_word(word: str) -> bool:
    """A lower-case word is one of the field's common words (``common_words.txt``: used by
    three tuning releases of two issuers or more, never a labelled product's name) or has an
    English word's ending — never a drug's name ("safety", "commercialization", "smoked"),
    unlike "ensifentrine"."""
    return word in _common_words() or _NOT_A_NAME_END.search(word) is not None


def _by_position(sentence: str) -> list[Mention]:
    if not holds_any(sentence, _POSITION_HINTS) and not holds_any(sentence, _NAMED_KIND_HINTS):
        return []
    low = sentence.lower()
    patterns = [
        (p, leads)
        for p, hints, leads in zip(_BY_POSITION, _BY_POSITION_HINTS, _BY_POSITION_LEADS, strict=True)
        if holds_any(low, hints)
    ]
    patterns += [(p, leads) for p, hints, leads in _NAMED_KIND if holds_any(low, hints)]
    for pattern, leads in patterns:
        m = next(led_matches(pattern, leads, sentence, low), None)
        if m is None:
            continue
        name = m.group(1).strip()
        first = name.split()[0]
        if ":" in name:
            continue  # a listing, "(AMEX:IGC) has received"
        if (
            name.lower() in _NOT_OBJECT or first in _NOT_NAME or name.split()[-1] in _INSTITUTION or agency_of(name)
            or _MONTH_WORD.fullmatch(first)
        ):  # fmt: skip
            continue
        if " " in name and all(len(w) >= 6 and is_common_word(w.lower()) for w in name.split()):
            continue  # a title-cased headline's words: "… Trial with its Innovative Treatment for Alcoholism"
        single = " " not in name and (name.islower() or (name[:1].isupper() and name[1:].islower()))
        if single and is_common_word(name.lower()) and not _CHEMICAL_END.search(name.lower()):
            # a word in a drug's place: "… the entire application for commercialization" (but a
            # substance the field names often keeps its place: "… Designation to cannabidiol")
            continue
        return [Mention(name, m.start(1))]
    return []


# a lower-case name, then a code in parentheses (the name is no word a description ends in):
# the parenthesis is found first (a literal the engine skips ahead to), then the word before it
_PAREN_CODE = patterns.compile(r"\(([A-Z][A-Za-z0-9-]{1,14})\)")
_NAME_BEFORE_PAREN = patterns.compile(r"(?<![\w-])([a-z][a-z-]{4,})$")
_PREFIXED_HINT = patterns.compile(r"-[a-z]{1,3}[A-Z]")
_NOT_DRUG_TEXT = (
    "candidate candidates product compound molecule therapy therapeutic treatment inhibitor antibody agonist "
    "antagonist vaccine program programme study trial asset formulation modulator degrader conjugate "
    "peptide drug medicine agent disease disorder syndrome cancer tumor tumour technology platform "
    "company subsidiary partner exchange"
)
_NOT_DRUG_WORD = frozenset(_NOT_DRUG_TEXT.split())
_ALIAS = patterns.compile(
    r"\s?\(\s*(?:(?:generic|international\s+non-?proprietary|nonproprietary)\s+name|INN|USAN)?:?\s*"
    r"([A-Za-z][\w-]{2,30})\s*\)",
    re.IGNORECASE,
)


def named_by_kind(text: str) -> list[str]:
    """Names a text introduces by what kind of drug they are ("drug candidate X",
    "investigational drug X", "ACMET peptide"): products, whatever else a sentence
    seems to make of them ("ACM-X is a phase I study")."""
    low = text.lower()
    return [
        m.group(1)
        for p, hints, leads in _NAMED_KIND
        if holds_any(low, hints)
        for m in led_matches(p, leads, text, low)
    ]


def _with_alias(sentence: str, m: Mention) -> Mention:
    """A product named with its other name in parentheses keeps both ("RLS-0071
    (pegtarazimod)", "duramycin (Moli1901)"): either may be how the next release names it."""
    a = _ALIAS.match(sentence, m.start + len(m.text))
    if a is None:
        return m
    inner = a.group(1)
    named = ":" in a.group(0)  # ("generic name: X" says what it is)
    shaped = named or bool(_CODE.fullmatch(inner) and _is_code(inner)) or bool(_inn_names(f" {inner} "))
    return Mention(f"{m.text} ({inner})", m.start) if shaped else m


# a file or designation number: "DRU-2024-10035" (the FDA's orphan designation request)
_REFERENCE = patterns.compile(r"^[A-Z]{2,5}-(?:19|20)\d{2}-\d{3,}$")
# a trial registry's or a regulator's file number: "NCT03145181", "CTR20191234", "CXSL2101069"
# (it names a trial, never a product)
_REGISTRY = patterns.compile(r"^(?:NCT|ChiCTR|CTR|ACTRN|ISRCTN|jRCT|CXSL|CXHL|JXSL|JXHL|KCT|CTRI|DRKS|EUCTR)\d")


@functools.lru_cache(maxsize=4096)
def _is_code(code: str) -> bool:  # a release names its few codes many times
    return not (
        _NOT_CODE.match(code) or code.isdigit() or _YEARISH.match(code) or _MUTATION.match(code)
        or _REFERENCE.match(code) or _REGISTRY.match(code)
    )


def is_code(code: str) -> bool:
    """A code-shaped word is a product code (not a gene, virus, currency amount, ...)."""
    return _is_code(code)


def _inn_names(text: str) -> list[tuple[int, str]]:
    """Whole words (a whitespace token less its punctuation) ending in an INN stem:
    the stems are found by a literal scan, each word is then read back from its end
    (a regex trying every word start is many times slower)."""
    out: list[tuple[int, str]] = []
    n = len(text)
    # " " + text reversed: its character j >= 1 is text[n - j]
    for m in _INN_END_REVERSED.finditer(" " + text[::-1]):
        end = n + 1 - m.start(1)
        start = n + 1 - m.end(1)
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        word = text[start:end]
        if len(word) < 7 or not word[0].isalpha() or not word[1:].islower() or word.lower() in _INN_STOP:
            continue
        t0 = text.rfind(" ", 0, start) + 1
        t1 = text.find(" ", end)
        t1 = len(text) if t1 < 0 else t1
        if text[t0:start].strip(_TOKEN_PUNCT) or text[end:t1].strip(_TOKEN_PUNCT):
            continue  # part of a longer token ("anti-…", "…-based")
        name = word
        nxt = text[t1 + 1 : t1 + 12].split(None, 1)
        second = nxt[0].strip(".,;:") if nxt else ""
        # (a gene therapy's INN is two words, its vector's stem last: "ofranergene obadenovec",
        # "onasemnogene abeparvovec", "lovotibeglogene autotemcel")
        if second in _INN_SECOND or (
            word.endswith("gene") and second.endswith(("vec", "cel")) and second.isalpha() and second.islower()
        ):
            name = f"{word} {second}"
        out.append((start, name))
    out.reverse()
    return out


def _agency_patterns(text: str) -> list[tuple[str, re.Pattern[str]]]:
    hints = _AGENCY_HINT_SCAN.find(text)
    if not hints:
        return []
    return [(n, p) for n, p in AGENCY_PATTERNS if not hints.isdisjoint(_AGENCY_HINTS[n])]


def agency_of(text: str) -> str | None:
    for name, pattern in _agency_patterns(text):
        if pattern.search(text):
            return name
    return None


def agencies(sentence: str) -> list[Mention]:
    """Distinct agencies in order of first mention."""
    seen: dict[str, int] = {}
    for name, pattern in _agency_patterns(sentence):
        m = pattern.search(sentence)
        if m:
            seen.setdefault(name, m.start())
    return [Mention(n, s) for n, s in sorted(seen.items(), key=lambda kv: kv[1])]


def normalise_phase(raw: str) -> str:
    parts = [p.strip() for p in raw.split("/")]
    out = []
    for p in parts:
        head = p.rstrip("abAB")
        tail = p[len(head) :].lower()
        out.append(_ROMAN.get(head.upper(), head) + tail)
    return "/".join(out)


def phases(sentence: str) -> list[Mention]:
    low = sentence.lower()
    if "phase" not in low and "fas" not in low:
        return []
    return [Mention(normalise_phase(m.group(1)), m.start()) for m in _PHASE.finditer(sentence)]


def trial_names(sentence: str) -> list[Mention]:
    """Named trials: a capitalised name right before "trial"/"study", right after
    "Phase N" ("the Phase 1 RESOLUTION basket trial", "ENLIGHTEN-Fibrosis study"), or
    set beside one ("a Phase 1 trial, CALDER-1, evaluating", "dosed in TIDAL, its
    Phase 2 trial", "TIDAL is a randomized, placebo-controlled trial").

    A name shaped like a development code is a trial name only when it is set beside
    the trial word, or when its letters read as a word (four or more) before a number
    of one or two digits (``CALDER-1``, not ``ALLO-329``)."""
    low = lowered(sentence)
    if "trial" not in low and "stud" not in low and "phase" not in low and not holds_any(low, OTHER_TRIAL_WORDS):
        return []
    found: dict[int, Mention] = {}
    for pattern, beside in _TRIAL_PATTERNS:
        for m in _after_trial_words(sentence, low) if pattern is _BESIDE_TRIAL else pattern.finditer(sentence):
            name = m.group(1)
            # (a trade-marked name set beside the trial word is the trial's, in any case:
            # "the Phase 2 clinical trial, Orbit™, for ACM-101")
            marked = beside and sentence[m.end(1) : m.end(1) + 3].lstrip()[:1] in ("™", "®")
            if m.start(1) in found or not (marked or _is_trial_name(name, beside)):
                continue
            found[m.start(1)] = Mention(name, m.start(1))
    return sorted(found.values(), key=lambda x: x.start)


def _after_trial_words(sentence: str, low: str) -> list[re.Match[str]]:
    """``_BESIDE_TRIAL.finditer(sentence)``, tried only where a match can start: at
    "trial" or "stud" (any case) in ``low``, the sentence lower-cased offset for offset."""
    starts: list[int] = []
    for word in ("trial", "stud"):
        i = low.find(word)
        while i >= 0:
            starts.append(i)
            i = low.find(word, i + 1)
    starts.sort()
    out: list[re.Match[str]] = []
    end = 0
    for i in starts:
        if i >= end and (m := _BESIDE_TRIAL.match(sentence, i)):
            out.append(m)
            end = m.end()
    return out


_ROMAN_PHASE = patterns.compile(r"(?:I{1,3}|IV)[ABab]", re.IGNORECASE)


def _is_trial_name(name: str, beside: bool) -> bool:
    last = name.rsplit("-", 1)[-1]
    if last.lower() in _STUDY_KINDS:
        return False  # "IND-enabling studies", "CTA-enabling", "GLP-compliant"
    if "-" in name and last[1:].islower() and last.endswith(("ed", "ing")):
        return False  # a compound adjective in a title-cased headline: "the Adaptively-Designed Phase 2b/3 Trial"
    letters = [c for c in name.split("-")[0] if c.isalpha()]
    if len(letters) < 3 or name.upper() in _TRIAL_STOP or agency_of(name):
        return False
    if set(name.upper()) <= set("IVX") or _ROMAN_PHASE.fullmatch(name):
        return False  # a phase in Roman numerals ("II", "IIB" of "Phase I/IIB")
    # (a numbered word set beside the trial word is one: "Indigo301, a pivotal Phase 3 trial")
    numbered_beside = beside and any(c.isdigit() for c in name)
    if sum(c.isupper() for c in letters) < 0.6 * len(letters) and "-" not in name and not numbered_beside:
        return False
    if _CODE.fullmatch(name) and not _REGISTRY.match(name):
        return _NOT_CODE.match(name) is None and (beside or _WORD_CODE.fullmatch(name) is not None)
    return True


# a drug given alongside ours, or the one ours is compared with, is not what the sentence
# is about ("X in combination with pembrolizumab", "… plus an approved checkpoint
# inhibitor", "… and compare it to Brandex", "X versus placebo")
_PARTNER = patterns.compile(
    r"(?:combination\s+with|combined\s+with|plus|\+|alongside|added\s+to|together\s+with|"
    r"compared?\s+(?:(?:it|them)\s+)?(?:to|with|against)|versus|vs\.?|relative\s+to)\s*$",
    re.IGNORECASE,
)


_WITH_BEFORE = patterns.compile(r"(?:\s*[®™])?\s+with\s+$")


_PREFIXED_CODE = patterns.compile(r"(?<![\w-])([A-Z]{2,6}-([a-z]{1,3}[A-Z]{2,8}))(?![\w-])")
# molecules written the same way, no product: "COVID-mRNA", "anti-CD19 siRNA"
_NUCLEIC = patterns.compile(r"(?:m|si|sg|sh|mi|t|c|ct|g|ds|ss|cf|r)(?:RNA|DNA)|mAbs?|bsAbs?|scFv")


# a target named as a product's class, the class's words: "STAT3 inhibitor", "SSTR5 (…) receptor agonist"
_CLASS = (
    r"\s+(?:\([^()]{1,40}\)\s+)?(?:[\w-]+\s+)?(?:receptor\s+)?"
    r"(?:inhibitor|antagonist|agonist|antibody|degrader|modulator|blocker|activator)s?"
)
# … of the product right after it: "its STAT3 inhibitor, ACM-101"
_CLASS_OF_NEXT = patterns.compile(_CLASS + r",?\s+(?:candidate,?\s+|called\s+|named\s+)?", re.IGNORECASE)
# … or of the product before it: "ACM-101, a STAT3 inhibitor"
_APPOSITION_BEFORE = patterns.compile(r",\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_CLASS_AFTER = patterns.compile(_CLASS + r"\b", re.IGNORECASE)


def own_products(mentions: list[Mention], sentence: str, *, all_if_none: bool = True) -> list[Mention]:
    """``mentions`` less the products given only in combination, and less a target named
    as the class of the product after it ("its STAT3 inhibitor, ACM-101": ACM-101), all of
    them when every one is (none, with ``all_if_none`` false)."""
    ends = {m.start + len(m.text) for m in mentions}
    starts = {m.start for m in mentions}
    own = [
        m
        for m in mentions
        if not _PARTNER.search(sentence, max(0, m.start - 30), m.start)
        # "with" right after another product: "enter ACM-101 with pembrolizumab into a Phase 2 study"
        and not ((w := _WITH_BEFORE.search(sentence, max(0, m.start - 12), m.start)) and w.start() in ends)
        and not ((c := _CLASS_OF_NEXT.match(sentence, m.start + len(m.text))) and c.end() in starts)
        # … or of the product before it: "ACM-101, a STAT3 inhibitor, …"
        and not (
            (a := _APPOSITION_BEFORE.search(sentence, max(0, m.start - 40), m.start))
            and a.start() in ends
            and _CLASS_AFTER.match(sentence, m.start + len(m.text))
        )
    ]
    return own or (mentions if all_if_none else [])


#: What stands between two products of a list: a comma, "and" or "&" ("ACM-101, ACM-202 and ACM-303").
LIST_JOIN = patterns.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)$")


def listed_with(mentions: list[Mention], mention: Mention, text: str) -> list[Mention]:
    """``mention`` and the products listed with it ("from our ACM-101 and ACM-202 trials",
    "of ACM-101, ACM-202 and ACM-303"): the run of mentions joined by a comma, "and" or "&"
    only; ``[mention]`` when it stands alone."""
    ordered = sorted({m.start: m for m in mentions}.values(), key=lambda m: m.start)
    at = next((i for i, m in enumerate(ordered) if m.start == mention.start), None)
    if at is None:
        return [mention]

    def joined(a: Mention, b: Mention) -> bool:
        return LIST_JOIN.match(text[a.start + len(a.text) : b.start]) is not None

    first = at
    while first > 0 and joined(ordered[first - 1], ordered[first]):
        first -= 1
    last = at
    while last + 1 < len(ordered) and joined(ordered[last], ordered[last + 1]):
        last += 1
    run = ordered[first : last + 1]
    return list({m.text: m for m in run}.values())


def nearest(mentions: list[Mention], pos: int) -> Mention | None:
    if not mentions:
        return None
    return min(mentions, key=lambda m: (abs(m.start - pos), m.start))


# a product the release names only by what it is: "its anthrax monoclonal antibody therapeutic"
_DESCRIBED = patterns.compile(
    r"\b(?:its|our|their|the\s+company['’]s)\s+((?:(?!(?:and|or|with|for|in|to|of|the|a|an)\b)[\w-]+\s+){0,5}"
    r"(?:therapeutic|vaccine|antibody|(?:cell|gene)\s+therapy|drug\s+candidate|product\s+candidate|compound|"
    r"(?:lead|clinical|development|investigational|therapeutic)\s+(?:candidate|program|programme|asset)|"
    r"agonist|antagonist|inhibitor|modulator|degrader|conjugate|bispecific|peptide|oligonucleotide|"
    # a formulation named by its drug and form: "its novel oxymorphone pain relief patch"
    r"patch|cream|ointment|gel|tablet|capsule|formulation|nasal\s+spray|inhaler))\b",
    re.IGNORECASE,
)


def described_product(sentence: str) -> Mention | None:
    """The product a sentence names only by description ("for its anthrax monoclonal
    antibody therapeutic"), for a rule that found no name (``None`` if there is none)."""
    m = _DESCRIBED.search(sentence)
    return Mention(m.group(1), m.start(1)) if m else None
