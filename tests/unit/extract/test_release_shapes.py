# ruff: noqa: E501  (whole releases)
"""Whole releases in the shapes wires publish them: what the news is, wherever the
dateline, headings and boilerplate put it.

Six full releases (a designation, topline data, an IND clearance, a first dose, a
quarterly report, an offering) each with an About section and forward-looking
statements that recall designations and plan trials; every release is read with
the datelines of seven wires and with other headings for its About and
forward-looking sections.  The events announced must not change: what the About
section recalls and what forward-looking statements hope is never news, a plan in a
quote, a sub-headline bullet or a list of milestones to come is.
"""

from __future__ import annotations

import pytest

from ir_feed.extract import extract
from tests.support.extraction import FIRST_KINDS

HEAD_META = "March 03, 2026 08:00 ET | Source: Acme Therapeutics, Inc.\n\n"
DL = "BOSTON, March 03, 2026 (GLOBE NEWSWIRE) -- Acme Therapeutics, Inc. (Nasdaq: ACME), a clinical-stage biopharmaceutical company developing therapies for rare liver diseases, "
ABOUT = (
    "\n\nAbout ACM-101\nACM-101 is an oral FXR agonist. The FDA granted ACM-101 Orphan Drug Designation for PBC in 2024 and Fast Track designation in 2025. "
    "A Phase 3 trial of ACM-101 is planned to begin in 2027.\n\n"
    "About Acme Therapeutics\nAcme Therapeutics, Inc. is a clinical-stage company based in Boston. For more information, visit www.acme.com.\n\n"
    "Forward-Looking Statements\nThis press release contains forward-looking statements, including statements regarding the expected initiation of the Phase 2 trial of ACM-202 in the second half of 2026, "
    "and the potential for ACM-101 to receive Breakthrough Therapy designation. Actual results may differ materially.\n\n"
    "Investor Contact\nJane Doe\nir@acme.com\n"
)
RELEASES = {
    "ft_news": (
        "Acme Therapeutics Receives FDA Fast Track Designation for ACM-202 in NASH\n\n"
        + HEAD_META
        + DL
        + "today announced that the U.S. Food and Drug Administration (FDA) has granted Fast Track designation to ACM-202 for the treatment of NASH. "
        '"Fast Track designation underscores the need for new NASH therapies," said John Smith, CEO of Acme. "We look forward to initiating our Phase 2 trial of ACM-202 in the second half of 2026."\n\n'
        "ACM-202 previously received Orphan Drug Designation from the FDA for PSC." + ABOUT,
        {"desig:granted:ACM-202:fast_track", "trial:planned:ACM-202"},
    ),
    "data_news": (
        "Acme Therapeutics Announces Positive Topline Results from Phase 2 Trial of ACM-101 in PBC\n\n- Primary endpoint met\n- Phase 3 trial expected to begin in first half of 2027\n\n"
        + HEAD_META
        + DL
        + "today announced positive topline results from its Phase 2 trial of ACM-101 in PBC. ACM-101 has received Orphan Drug Designation and Fast Track designation from the FDA.\n\n"
        "The company plans to meet with the FDA in the third quarter of 2026." + ABOUT,
        {"trial:planned:ACM-101"},
    ),
    "ind_news": (
        "Acme Therapeutics Announces FDA Clearance of IND Application for ACM-303\n\n"
        + HEAD_META
        + DL
        + "today announced that the FDA has cleared its Investigational New Drug (IND) application for ACM-303, a first-in-class antibody for the treatment of IgA nephropathy. "
        "The Company expects to initiate a Phase 1 trial of ACM-303 in healthy volunteers in the second quarter of 2026.\n\n"
        '"The IND clearance is a key milestone," said John Smith.' + ABOUT,
        {"ind_c:cleared:ACM-303", "trial:planned:ACM-303"},
    ),
    "fpd_news": (
        "Acme Therapeutics Doses First Patient in Phase 1/2 ACCEL Trial of ACM-404\n\n"
        + HEAD_META
        + DL
        + "today announced that the first patient has been dosed in the Phase 1/2 ACCEL trial evaluating ACM-404 in patients with advanced solid tumors. "
        "The trial is expected to enroll approximately 60 patients at 15 sites in the United States.\n\n"
        "Topline data are expected in the first half of 2027." + ABOUT,
        {"trial:first_patient_dosed:ACM-404"},
    ),
    "quarter": (
        "Acme Therapeutics Reports Fourth Quarter and Full Year 2025 Financial Results and Provides Business Update\n\n"
        + HEAD_META
        + DL
        + "today reported financial results for the fourth quarter and full year ended December 31, 2025.\n\nRecent Highlights\n"
        "- Received Fast Track designation from the FDA for ACM-202 in NASH in January 2026.\n- Dosed the first patient in the Phase 1/2 ACCEL trial of ACM-404 in December 2025.\n\n"
        "Upcoming Milestones\n- Initiate Phase 2 trial of ACM-202 in the second half of 2026.\n- Submit IND for ACM-505 in the first quarter of 2027.\n\n"
        "Financial Results\nResearch and development expenses were $12.1 million." + ABOUT,
        {"trial:planned:ACM-202"},
    ),
    "offering": (
        "Acme Therapeutics Announces Pricing of $50 Million Public Offering\n\n"
        + HEAD_META
        + DL
        + "today announced the pricing of an underwritten public offering of 5,000,000 shares at $10.00 per share. "
        "Acme intends to use the net proceeds to fund the Phase 2 trial of ACM-202, which it expects to initiate in the second half of 2026, and for general corporate purposes."
        + ABOUT,
        {"trial:planned:ACM-202"},
    ),
}

DATELINES = {
    "bw": "BOSTON--(BUSINESS WIRE)--Acme Therapeutics, Inc. (NASDAQ: ACME), a clinical-stage biopharmaceutical company developing therapies for rare liver diseases, ",
    "prn": "BOSTON, March 3, 2026 /PRNewswire/ -- Acme Therapeutics, Inc. (NASDAQ: ACME), a clinical-stage biopharmaceutical company developing therapies for rare liver diseases, ",
    "none": "Acme Therapeutics, Inc., a clinical-stage biopharmaceutical company developing therapies for rare liver diseases, ",
    "accesswire": "BOSTON, MA / ACCESSWIRE / March 3, 2026 / Acme Therapeutics, Inc. (NASDAQ:ACME), a clinical-stage biopharmaceutical company developing therapies for rare liver diseases, ",
    "newsfile": "Boston, Massachusetts--(Newsfile Corp. - March 3, 2026) - Acme Therapeutics Inc. (TSXV: ACME) (OTCQB: ACMEF), a clinical-stage biopharmaceutical company developing therapies for rare liver diseases, ",
    "euro": "Lyon, France, March 3, 2026, 7:00 a.m. CET - Acme Therapeutics SA (Euronext Paris: ALACM), a clinical-stage biopharmaceutical company developing therapies for rare liver diseases, ",
}
HEADINGS = {
    "about_caps": ("About ACM-101\n", "ABOUT ACM-101\n"),
    "about_trial": ("About ACM-101\n", "About the ACCEL Phase 3 Trial\n"),
    "about_colon": ("About ACM-101\n", "About ACM-101:\n"),
    "fls1": ("Forward-Looking Statements\n", "Cautionary Note Regarding Forward-Looking Statements\n"),
    "fls2": ("Forward-Looking Statements\n", "Safe Harbor Statement\n"),
    "fls3": ("Forward-Looking Statements\n", "Forward Looking Statements\n"),
    "fls4": ("Forward-Looking Statements\n", "Disclaimer\n"),
    "fls5": ("Forward-Looking Statements\n", "FORWARD-LOOKING STATEMENTS\n"),
    "runin": ("About ACM-101\nACM-101 is", "About ACM-101 ACM-101 is"),
}


def _announced(text: str) -> set[str]:
    return {
        f"{e.kind[:5]}:{e.status}:{e.product}" + (f":{e.designation}" if e.kind == "designation" else "")
        for e in extract(text).events
        if e.announced and e.kind in FIRST_KINDS
    }


@pytest.mark.parametrize("name", sorted(RELEASES))
def test_release(name: str) -> None:
    text, want = RELEASES[name]
    assert _announced(text) == want


@pytest.mark.parametrize("wire", sorted(DATELINES))
@pytest.mark.parametrize("name", sorted(RELEASES))
def test_release_with_another_wire_s_dateline(name: str, wire: str) -> None:
    text, want = RELEASES[name]
    meta = "March 3, 2026\n\n" if wire == "none" else ""
    assert _announced(text.replace(DL, DATELINES[wire]).replace(HEAD_META, meta)) == want


@pytest.mark.parametrize("heading", sorted(HEADINGS))
@pytest.mark.parametrize("name", sorted(RELEASES))
def test_release_with_other_headings(name: str, heading: str) -> None:
    text, want = RELEASES[name]
    old, new = HEADINGS[heading]
    assert _announced(text.replace(old, new)) == want


def test_a_product_named_with_its_alias_and_then_by_the_alias_is_one_product() -> None:
    # "nadunolimab (CAN04)" in the lead, "CAN04" below: one designation, not two
    text = (
        "Acme Receives Positive COMP Opinion for Orphan Designation\n\n"
        "STOCKHOLM, Oct. 14, 2025 /PRNewswire/ -- Acme AB today announced that the Committee for Orphan Medicinal "
        "Products (COMP) at the European Medicines Agency (EMA) has issued a positive opinion for orphan designation "
        "of acmezumab (ACM04) for treatment of pancreatic cancer.\n\n"
        "The COMP at the EMA has issued a positive opinion for orphan designation of ACM04 for treatment of "
        "pancreatic cancer.\n"
    )
    events = [e.to_dict() for e in extract(text).events]
    assert [(e["designation"], e["product"], e["status"]) for e in events] == [
        ("orphan_drug", "acmezumab (ACM04)", "positive_opinion")
    ]


@pytest.mark.parametrize(
    ("title", "status"),
    [
        ("Acme Therapeutics Doses First Patient in Phase 2 Trial of ACM-101", "first_patient_dosed"),
        ("Acme Therapeutics Initiates Phase 1 Study of ACM-101 in Healthy Volunteers", "initiated"),
    ],
)
def test_a_title_telling_a_start_the_excerpt_never_restates_is_the_news(title: str, status: str) -> None:
    # an excerpt cut after its dateline paragraph, which says what the company is
    text = (
        f"{title}\n\nBOSTON, March 3, 2026 (GLOBE NEWSWIRE) -- Acme Therapeutics, Inc. (Nasdaq: ACME) is a "
        "clinical-stage company focused on rare diseases.\n"
    )
    starts = [e for e in extract(text).events if e.kind == "trial_start"]
    assert [(e.status, e.announced) for e in starts] == [(status, True)]  # type: ignore[attr-defined]


def test_a_title_telling_a_start_in_a_periodic_report_is_the_periods() -> None:
    text = (
        "Acme Therapeutics Reports Fourth Quarter 2025 Results and Doses First Patient in Phase 2 Trial of ACM-101\n\n"
        "BOSTON, March 3, 2026 (GLOBE NEWSWIRE) -- Acme Therapeutics, Inc. (Nasdaq: ACME) today reported its "
        "financial results for the fourth quarter of 2025.\n"
    )
    assert not [e for e in extract(text).events if e.kind == "trial_start" and e.announced]


@pytest.mark.parametrize(
    ("summary", "periodic"),
    [
        # a trial's interim results are a readout, not an interim report
        ("The trial aims to enroll 32 patients, with interim results expected in Q1 2027.", False),
        ("Acme Reports Interim Results for the Six Months Ended June 30, 2026", True),
        ("Acme Publishes Interim Report for January–June 2026", True),
    ],
)
def test_interim_results_of_a_trial_make_no_periodic_report(summary: str, periodic: bool) -> None:
    text = (
        f"{summary}\n\nBOSTON, March 3, 2026 (GLOBE NEWSWIRE) -- Acme Therapeutics, Inc. (Nasdaq: ACME) today "
        "announced that the first patient has been dosed in its Phase 2 trial of ACM-101.\n"
    )
    starts = [e for e in extract(text).events if e.kind == "trial_start"]
    assert [e.announced for e in starts] == [not periodic]


def test_a_start_and_a_named_plan_of_the_same_product_are_two_trials() -> None:
    text = (
        "Acme Doses First Cohort in ACM-101 Single Ascending Dose Study\n\n"
        "MELBOURNE, Australia, March 3, 2026 -- Acme Ltd (ASX: ACM) is pleased to announce that it has dosed the "
        "first cohort in its Single Ascending Dose (SAD) study of ACM-101. The insights gained from this study will "
        "pave the way for Acme's planned Phase 2a PEACH clinical trial of ACM-101, expected to start in 2027.\n"
    )
    starts = sorted((e.status, e.trial or "", e.phase or "") for e in extract(text).events if e.kind == "trial_start")  # type: ignore[attr-defined]
    assert starts == [("first_patient_dosed", "", ""), ("planned", "PEACH", "2a")]


def test_a_bare_plan_beside_a_named_start_tells_of_that_start() -> None:
    text = (
        "Acme Commences Phase 1 Trial of ACM-101\n\n"
        "TORONTO, March 3, 2026 -- Acme Inc. (TSX: ACM) today announced that it has commenced its Phase 1 trial of "
        "ACM-101 in leukemia patients. Acme received a No Objection Letter from Health Canada on its Clinical Trial "
        "Application for ACM-101 to conduct the clinical trial.\n"
    )
    starts = [e for e in extract(text).events if e.kind == "trial_start"]
    assert [(e.status, e.phase) for e in starts] == [("initiated", "1")]  # type: ignore[attr-defined]


def test_results_for_the_three_month_period_make_a_periodic_report() -> None:
    text = (
        "Mar 4 2014\n\nAcme Therapeutics, Inc. (NYSE MKT: ACME) today announced results for the three-month period "
        "ended December 31, 2013.\n\nFourth Quarter 2013 Highlights:\n-\nInitiated the SPRY Trial, a phase 3 "
        "clinical trial designed to evaluate ACM-101 for the treatment of secondary amenorrhea;\n"
    )
    assert not [e for e in extract(text).events if e.kind == "trial_start" and e.announced]


@pytest.mark.parametrize(
    ("title", "announced"),
    [
        ("Acme Announces FDA Clearance of IND Application for ACM-101", True),
        ("FDA Clears Acme's IND for ACM-101", True),
        ("Acme Receives Health Canada Approval to Initiate Phase 2 Trial of ACM-101", True),
        # a periodic report's title lists the period's milestones
        ("Acme Reports Third Quarter 2026 Results and FDA Clearance of IND for ACM-101", False),
    ],
)
def test_a_title_telling_a_clearance_the_excerpt_never_restates_is_the_news(title: str, announced: bool) -> None:
    text = (
        f"{title}\n\nBOSTON, March 3, 2026 (GLOBE NEWSWIRE) -- Acme Therapeutics, Inc. (Nasdaq: ACME) is a "
        "clinical-stage company focused on rare diseases.\n"
    )
    cleared = [e for e in extract(text).events if e.kind == "ind_clearance"]
    assert [e.announced for e in cleared] == [announced]


def test_the_clearance_told_again_by_its_giver_is_the_one_told_before() -> None:
    text = (
        "Acme Receives FDA IND Approval for ACM-101\n\n"
        "SYDNEY, Australia, March 3, 2026 (GLOBE NEWSWIRE) -- Acme Limited (ASX: ACM) announces the approval of "
        "its Investigational New Drug (IND) application by the FDA for ACM-101. The FDA approval of the IND allows "
        "Acme to initiate its planned ACMEPAC-002 Phase I clinical study of ACM-101 in metastatic breast cancer.\n"
    )
    cleared = [e for e in extract(text).events if e.kind == "ind_clearance"]
    assert [(e.agency, e.product) for e in cleared] == [("FDA", "ACM-101")]  # type: ignore[attr-defined]


def test_an_about_heading_glued_to_the_sentence_before_it_starts_the_about_section() -> None:
    # a copy that lost the line break before "About …": what the About section says is recalled
    text = (
        "Acme Pharmaceuticals to Present at a Partnering Conference\n\n"
        "BOSTON, March 3, 2026 (GLOBE NEWSWIRE) -- Acme Pharmaceuticals, Inc. (Nasdaq: ACME) today announced it will "
        "present at a partnering conference. Its Phase 1 trial enrols patients (ClinicalTrials.gov ID NCT01234567)."
        "About Acme Pharmaceuticals Acme is a company that plans to initiate a Phase 2 trial of ACM-202 in 2027."
    )
    assert [e for e in extract(text).events if e.announced and e.kind == "trial_start"] == []
    # (glued to a closing bracket with no full stop too)
    glued = text.replace("NCT01234567).About", "NCT01234567)About")
    assert [e for e in extract(glued).events if e.announced and e.kind == "trial_start"] == []
