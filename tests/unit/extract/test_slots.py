# ruff: noqa: E501  (a table of whole sentences)
"""Which name fills which slot: the product, the trial, the regulator — one sentence each,
after a headline and a standard dateline.

Each row is a sentence, the event kind, and the fields that event must carry (every
other event of that kind must differ).  Written from the language of releases (how a
trial is named beside its phase, how a plain-text copy writes a trade mark, how a
product is only described), with invented names.
"""

from __future__ import annotations

from typing import Any

import pytest

from ir_feed.extract import extract

OPENING = (
    "Acme Therapeutics Announces Regulatory and Clinical Update\n\n"
    "BOSTON, March 3, 2026 (GLOBE NEWSWIRE) -- Acme Therapeutics, Inc. (Nasdaq: ACME) today announced that "
)

SLOTS: list[tuple[str, str, dict[str, Any] | None]] = [
    # a trial named before its phase, or by a code, is the trial: the drug is what it is "of"
    ("the first patient has been randomized in the ORBIT-2 Phase 2 trial of ACM-101.", "trial_start",
     {"product": "ACM-101", "trial": "ORBIT-2", "status": "first_patient_dosed"}),
    ("it plans to initiate the PIONEER-3 Phase 3 trial of ACM-101 in the second half of 2026.", "trial_start",
     {"product": "ACM-101", "trial": "PIONEER-3", "status": "planned", "timing_text": "the second half of 2026"}),
    ("the first subject was dosed in the ACMT-301 pivotal trial of ACM-101.", "trial_start",
     {"product": "ACM-101", "trial": "ACMT-301", "status": "first_patient_dosed"}),
    # … but a disease's acronym before the phase names no trial
    ("it plans to initiate the NASH Phase 2 trial of ACM-101 in 2027.", "trial_start",
     {"product": "ACM-101", "trial": None, "status": "planned"}),
    # a drug's code in parentheses after the trial's words is the drug, named again in a grant
    ("the EMA has granted orphan drug designation to AC-GM101 for GM1 gangliosidosis. Acme looks forward to its upcoming Phase I/II clinical trial (AC-GM101) in 2027.",
     "designation", {"product": "AC-GM101", "designation": "orphan_drug", "agency": "EMA", "announced": True}),
    # a trade mark run on in a plain-text copy: the name without it
    ("the first patient has been dosed with AcmerinTM in its Phase 1/2 trial in osteoarthritis.", "trial_start",
     {"product": "Acmerin", "status": "first_patient_dosed"}),
    # a class of proteins is not a drug
    ("it plans to initiate a Phase 1 trial of its interleukin therapy ACM-101 in 2027.", "trial_start",
     {"product": "ACM-101", "status": "planned"}),
    # an enrolment target "planned for the study" is no plan to start one
    ("Acme reported that its Phase 3 trial of ACM-101 has so far recruited 164 of the 214 patients planned for the study.", "trial_start", None),
    # a headline's title-cased indication is no product; the release's product is
    ("it has received FDA clearance of its proposed Transverse Myelitis clinical trial of Acme-Cells. Acme plans to begin the Phase 1 trial of Acme-Cells in Transverse Myelitis in 2027.",
     "trial_start", {"product": "Acme-Cells", "status": "planned", "timing_text": "in 2027"}),
    # progress toward a start, or starts counted as a year's events, state no plan
    ("acceptance of the IND for ACM-101 is an important step toward the initiation of advanced-stage clinical testing of this compound.", "trial_start", None),
    ("Acme looks forward to the key data readouts and study initiations over the remainder of 2026.", "trial_start", None),
    # an application "filed for" a designation is applied for, not granted
    ("it has filed for Orphan Drug Designation with the European Medicines Agency for ACM-101.", "designation",
     {"product": "ACM-101", "status": "applied", "agency": "EMA"}),
    # Australia: the TGA acknowledges a trial notification (a receipt is not a go-ahead)
    ("the Therapeutic Goods Administration has acknowledged the Clinical Trial Notification (CTN) for ACM-101.", "ind_clearance",
     {"product": "ACM-101", "agency": "TGA"}),
    ("the TGA acknowledged receipt of the CTN for ACM-101.", "ind_clearance", None),
    # a target named as the class of the product beside it is no product: "its STAT3 inhibitor, ACM-101"
    ("it has received approval to begin clinical trials in Poland for its STAT3 inhibitor, ACM-101, for the treatment of CTCL.",
     "trial_start", {"product": "ACM-101", "status": "planned"}),
    ("ACM-101, a STAT3 inhibitor, will begin a Phase 1 trial in CTCL in 2027.", "trial_start",
     {"product": "ACM-101", "status": "planned"}),
    ("the first subject has been dosed in the Phase I study of ACM0030310, a selective SSTR5 (somatostatin 5) receptor agonist.",
     "trial_start", {"product": "ACM0030310", "status": "first_patient_dosed"}),
    # a trial told "with" a drug names the drug, not the trial; a registry number is no product
    ("the first patient has been dosed with ACM0030310 in the Phase 1 study (NCT01234567). The clinical trial with ACM0030310 is a double-blind, first-in-human study.",
     "trial_start", {"product": "ACM0030310", "status": "first_patient_dosed"}),
    # (a product's own class noun keeps it: "the ACM-101 antibody with pembrolizumab")
    ("it plans to begin a Phase 1 trial of the ACM-101 antibody with pembrolizumab in 2027.", "trial_start",
     {"product": "ACM-101", "status": "planned"}),
    # a numbered word set beside the trial word names the trial, not the drug
    ("Acme's lead product is acmoximod. Initiate randomization portion of Acmigo301, a pivotal Phase 3 trial of acmoximod for patients with advanced melanoma, in Q2-Q3 2026.",
     "trial_start", {"product": "acmoximod", "status": "planned"}),
    # a word numbered before the trial word names the trial ("Acclaim-2"), not the drug
    ("in the first quarter of 2027, Acme expects to initiate its Acclaim-2 clinical trial, which is an open-label, multi-center Phase 1/2 clinical trial evaluating ACM-101 in combination with osimertinib.",
     "trial_start", {"product": "ACM-101", "trial": "Acclaim-2", "status": "planned"}),
    # a title-cased headline's common words in a drug's place name none
    ("Acme Medicine Obtains IND Approval from the FDA to Start the Phase I/IIa Clinical Trial with its Innovative Treatment for Alcoholism. The trial will evaluate ACM-101 in adults.",
     "trial_start", {"product": "ACM-101", "status": "planned"}),
    # a drug named by a lower-case word no INN stem marks, said in a drug's place elsewhere
    ("the first patient has been dosed in the PhaseOne Phase 2 trial of zortumarel. Zortumarel is an oral small molecule; studies of zortumarel in healthy volunteers were completed in 2025.",
     "trial_start", {"product": "zortumarel", "status": "first_patient_dosed"}),
    ("we are on schedule to initiate our Phase 3 trials with nebulized quenafrine later this year. Earlier studies of quenafrine showed improved lung function.",
     "trial_start", {"product": "quenafrine", "status": "planned"}),
    # … but no English word in that place: "a trial of safety" names no drug
    ("once the IND for ACM-101 is in effect, the FDA will have reviewed the IND for safety. Acme looks forward to commencing the Phase 1 trial as soon as possible; the trial of safety and tolerability follows.",
     "trial_start", {"product": "ACM-101", "status": "planned"}),
    # a name found by where it stands ends where its word ends, never at letters a following
    # word could begin with ("for Acmerucin as" is no "Acmeruc" + "in")
    ("it is pleased to receive Fast Track designation for Acmerucin as it provides an accelerated pathway.",
     "designation", {"product": "Acmerucin", "designation": "fast_track", "announced": True}),
    ("it expects that a Phase 1 trial of the Acmetrophin will begin in 2027.", "trial_start",
     {"product": "Acmetrophin", "status": "planned"}),
    # the kind's acronym between the grant and its object; a drug class marked as a brand is no product
    ("the FDA has granted Rare Pediatric Disease Designation (RPDD) to ACR 131, the company\u2019s lead Phospholipid Drug Conjugate\u2122 (PDC) product candidate, for the treatment of Ewing\u2019s sarcoma.",
     "designation", {"product": "ACR 131", "designation": "rare_pediatric_disease", "announced": True}),
    # a product's own class after its code is no target: "AB-1002 gene therapy" (but "the BRCA1 gene mutation")
    ("the first patient has been dosed in its Phase 1 trial of AB-1002 gene therapy.", "trial_start",
     {"product": "AB-1002", "status": "first_patient_dosed"}),
    # a measure named by its code is no product
    ("it plans to begin a Phase 2 trial in SLE in 2027, which will measure response by SLEDAI-2K Responder Index 50.", "trial_start",
     None),
    # a strain named after its species is no product
    ("Acmesorb has received Fast Track designation from the FDA for the treatment of E. coli O157 infections.", "designation",
     {"product": "Acmesorb", "designation": "fast_track"}),
    # a headline run into its dateline's date: the indication ends before the date
    ("the EC has granted orphan designation. EC grants Orphan Drug Designation to AR-441 for the Treatment of Mucopolysaccharidosis Type III A (MPS IIIA) Jan. 21, 2026 \u2014 Acme Pharma announced today the grant.",
     "designation", {"product": "AR-441", "indication": "Mucopolysaccharidosis Type III A (MPS IIIA)"}),
    # a trade mark in brackets as a copy writes it; a genotype is no product
    ("the FDA has granted Fast Track designation for Acmeyd[\u00ae] (rhGAD65/alum) that is being investigated in recently diagnosed stage 3 Type 1 Diabetes patients with the genotype HLA DR3-DQ2.",
     "designation", {"product": "Acmeyd", "designation": "fast_track", "announced": True}),
    # a body of people named with a possessive is no product
    ("it intends to commence the phase 1/2a trial of AstroAcme in ALS patients, subject to the approval of the Ministry of Health's Supreme Committee for clinical trials in humans.",
     "trial_start", {"status": "planned", "product": "AstroAcme"}),
    # what a drug acts on is no product: a descriptive name stands instead
    ("the FDA has approved an Investigational New Drug (IND) application by Acme to begin a phase I clinical study with its selective PLK-1 small molecule inhibitor for the treatment of cancer.",
     "ind_clearance", {"product": "selective PLK-1 small molecule inhibitor", "agency": "FDA"}),
    # an application answered by a CRL was filed before: the letter is the news
    ("the FDA has issued a Complete Response Letter for the Biologics License Application for ACM-101 filed by its partner.", "application_accepted", None),
]


@pytest.mark.parametrize(("sentence", "kind", "want"), SLOTS, ids=[row[0][:60] for row in SLOTS])
def test_slot(sentence: str, kind: str, want: dict[str, Any] | None) -> None:
    events = [e.to_dict() for e in extract(OPENING + sentence).events if e.kind == kind]
    if want is None:
        assert not [e for e in events if e.get("announced", True)], events
        return
    hits = [e for e in events if all(e.get(k) == v for k, v in want.items())]
    assert len(hits) == 1, (want, events)


def test_a_start_told_again_without_its_product_is_the_named_one() -> None:
    # the second plan names no product; the sentence before names a device, which is not it
    text = (
        OPENING
        + "it has received clearance from Health Canada to begin a Phase 1b trial of ACM-101 in bladder cancer."
        + " The trial will use the ACM-200 laser system and the ACM-300 fibre cage."
        + " Acme plans to immediately commence the Phase 1b clinical study in bladder cancer.\n"
    )
    starts = [e.to_dict() for e in extract(text).events if e.kind == "trial_start" and e.announced]
    assert {e["product"] for e in starts} == {"ACM-101"}, starts
    # (a plan of another phase is another trial: it keeps the product named before it)
    other = text.replace("commence the Phase 1b clinical study", "commence a Phase 3 study")
    starts = [e.to_dict() for e in extract(other).events if e.kind == "trial_start" and e.announced]
    assert len(starts) == 2, starts

