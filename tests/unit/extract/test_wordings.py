# ruff: noqa: E501  (a table of whole sentences)
"""How releases word our events, one sentence each, after a standard dateline: the
wordings a reader expects to be understood (and the look-alikes that are not events).

Each row is the announced events as ``kind:status`` (kinds cut to five letters, sorted,
"-" for none) and the sentence after ``BOSTON, March 3, 2026 (GLOBE NEWSWIRE) -- Acme
Therapeutics, Inc. (Nasdaq: ACME)``.  Written from the language of releases, not from
any one release; statuses follow docs/labelling.md (a first randomisation is a first
dose, dosing begun is a first patient dosed).
"""

from __future__ import annotations

import pytest

from ir_feed.extract import extract

DATELINE = "BOSTON, March 3, 2026 (GLOBE NEWSWIRE) -- Acme Therapeutics, Inc. (Nasdaq: ACME) "

WORDINGS = [
    (
        "trial:first_patient_dosed",
        "today announced that the first patient has been dosed in its Phase 1 clinical trial evaluating ACM-101 in patients with solid tumors.",
    ),
    (
        "trial:first_patient_dosed",
        "today announced that the first participant has been randomized in the Phase 3 RESOLVE trial of ACM-101.",
    ),
    ("trial:initiated", "today announced initiation of its Phase 2 trial of ACM-101 in patients with NASH."),
    ("trial:initiated", "today announced that it has enrolled the first patient in its Phase 2 trial of ACM-101."),
    ("trial:initiated", "today announced that it has begun enrolling patients in its Phase 2 trial of ACM-101."),
    ("trial:initiated", "today announced that dosing has commenced in the Phase 1 study of ACM-101."),
    (
        "trial:first_patient_dosed",
        "today announced that the first cohort of patients has been dosed in the Phase 1 trial of ACM-101.",
    ),
    ("trial:initiated", "today announced the launch of a Phase 2 clinical trial of ACM-101 in heart failure."),
    (
        "trial:first_patient_dosed",
        "today announced that it has commenced patient dosing in its Phase 1b trial of ACM-101.",
    ),
    (
        "trial:planned",
        "today announced that it is on track to initiate a Phase 2 trial of ACM-101 in the second half of 2026.",
    ),
    (
        "trial:planned",
        "today announced that it plans to file an IND and initiate a Phase 1 trial of ACM-101 in mid-2026.",
    ),
    (
        "trial:planned",
        "today announced that it expects to begin enrolling patients in the Phase 2 trial of ACM-101 in the first quarter of 2027.",
    ),
    ("trial:planned", "today announced that it anticipates initiating a pivotal trial of ACM-101 by year-end 2026."),
    (
        "trial:planned",
        "today announced its pipeline plans. The Phase 2 trial of ACM-101 is expected to begin enrollment in Q2 2026.",
    ),
    (
        "trial:planned",
        "today announced its pipeline plans. The Phase 3 study of ACM-101 is anticipated to start in early 2027.",
    ),
    ("-", "today announced its pipeline plans. Topline data from the Phase 2 trial of ACM-101 are expected in 2027."),
    (
        "-",
        "today announced its pipeline plans. Enrollment in the Phase 2 trial of ACM-101 is expected to complete in 2026.",
    ),
    ("trial:initiated", "today announced that the first site has been activated in its Phase 2 trial of ACM-101."),
    (
        "trial:first_patient_dosed",
        "today announced that the first subject was dosed on March 2, 2026 in the Phase 1 trial of ACM-101.",
    ),
    (
        "trial:first_patient_dosed",
        "today announced that it has dosed its first patient in the Phase 1 trial of ACM-101.",
    ),
    ("trial:first_patient_dosed", "today announced that it has initiated dosing in the Phase 1 trial of ACM-101."),
    ("trial:initiated", "today announced that it has started the Phase 2 trial of ACM-101 in patients with gout."),
    ("trial:initiated", "today announced the first patient enrolled in the Phase 2 ASCEND trial of ACM-101."),
    ("trial:first_patient_dosed", "today announced the dosing of the first patient in its Phase 1 trial of ACM-101."),
    ("trial:initiated", "today announced the start of enrollment in its Phase 3 trial of ACM-101."),
    ("trial:initiated", "today announced that patient enrollment is underway in the Phase 2 trial of ACM-101."),
    ("trial:initiated", "today announced that the Phase 2 trial of ACM-101 is now enrolling patients."),
    ("trial:planned", "today announced that it will initiate a Phase 2 trial of ACM-101 in 2027."),
    ("trial:planned", "today announced that it intends to commence a Phase 1 study of ACM-101 later this year."),
    (
        "trial:planned",
        "today announced that the company expects first patient dosing in the Phase 1 trial of ACM-101 in the fourth quarter of 2026.",
    ),
    (
        "trial:planned",
        "today announced that initiation of the Phase 3 trial of ACM-101 is planned for the first half of 2027.",
    ),
    ("-", "today announced that the Phase 2 trial of ACM-101 has completed enrollment."),
    ("-", "today announced positive topline results from the Phase 2 trial of ACM-101."),
    ("-", "today announced that the last patient has been dosed in the Phase 2 trial of ACM-101."),
    ("-", "today announced that it has discontinued the Phase 2 trial of ACM-101."),
    (
        "ind_c:cleared",
        "today announced that the U.S. Food and Drug Administration (FDA) has cleared its Investigational New Drug (IND) application for ACM-101.",
    ),
    (
        "ind_c:cleared,trial:planned",
        "today announced that it has received Study May Proceed notification from the FDA for its IND for ACM-101, allowing the company to initiate a Phase 1 trial.",
    ),
    ("ind_c:cleared", "today announced that the IND for ACM-101 is now active."),
    (
        "ind_c:cleared",
        "today announced that Health Canada has issued a No Objection Letter for the Clinical Trial Application for ACM-101.",
    ),
    ("ind_c:cleared", "today announced that the MHRA has approved the Clinical Trial Application (CTA) for ACM-101."),
    (
        "ind_c:cleared,trial:planned",
        "today announced that the FDA has cleared the IND application for ACM-101, enabling the company to proceed with a Phase 1 clinical trial.",
    ),
    ("-", "today announced that it has submitted an IND application to the FDA for ACM-101."),
    ("-", "today announced that it plans to submit an IND for ACM-101 in the second half of 2026."),
    ("-", "today announced that it has received 510(k) clearance from the FDA for its ACM-200 device."),
    ("-", "today announced a successful pre-IND meeting with the FDA for ACM-101."),
    (
        "desig:granted",
        "today announced that the FDA has granted Fast Track designation to ACM-101 for the treatment of NASH.",
    ),
    (
        "desig:granted",
        "today announced that the FDA has granted Breakthrough Therapy designation for ACM-101 in patients with relapsed multiple myeloma.",
    ),
    (
        "desig:granted",
        "today announced that ACM-101 has received Orphan Drug Designation from the FDA for the treatment of Duchenne muscular dystrophy.",
    ),
    (
        "desig:granted",
        "today announced that the FDA has granted Rare Pediatric Disease designation to ACM-101 for the treatment of Batten disease.",
    ),
    (
        "desig:granted",
        "today announced that the FDA has granted Regenerative Medicine Advanced Therapy (RMAT) designation to ACM-101 for heart failure.",
    ),
    (
        "desig:granted",
        "today announced that the European Medicines Agency (EMA) has granted PRIME (PRIority MEdicines) eligibility to ACM-101 for the treatment of ALS.",
    ),
    (
        "desig:positive_opinion",
        "today announced that the EMA's Committee for Orphan Medicinal Products (COMP) has issued a positive opinion recommending orphan designation for ACM-101 for the treatment of Fabry disease.",
    ),
    (
        "desig:granted",
        "today announced that the European Commission has granted orphan drug designation to ACM-101 for the treatment of Fabry disease.",
    ),
    (
        "desig:granted",
        "today announced that the FDA has accepted its New Drug Application for ACM-101 and granted Priority Review.",
    ),
    ("desig:applied", "today announced that it has requested Fast Track designation for ACM-101."),
    ("-", "today announced that it plans to apply for Breakthrough Therapy designation for ACM-101."),
    ("-", "today announced third quarter results. In 2024, ACM-101 received Fast Track designation from the FDA."),
    (
        "-",
        "today announced that ACM-101, which previously received Orphan Drug Designation, will be presented at a conference.",
    ),
]


@pytest.mark.parametrize(("expected", "sentence"), WORDINGS)
def test_wording(expected: str, sentence: str) -> None:
    events = [e.to_dict() for e in extract(DATELINE + sentence).events if e.announced]
    got = ",".join(sorted(f"{e['kind'][:5]}:{e['status']}" for e in events)) or "-"
    assert got == expected, sentence
