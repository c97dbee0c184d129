"""Marketing approvals (ir_feed.extract.approvals): granted by a regulator, a CHMP positive
opinion, the pathway; what is not one (names invented)."""

from __future__ import annotations

import pytest

from ir_feed.events import Fact
from ir_feed.extract import extract

DATELINE = "BOSTON, March 2, 2026 (GLOBE NEWSWIRE) -- Acme Bio, Inc. (Nasdaq: ACME) "


def _approvals(text: str) -> list[Fact]:
    return [e for e in extract(text).events if isinstance(e, Fact) and e.kind == "approval"]


@pytest.mark.parametrize(
    ("sentence", "agency", "status", "pathway"),
    [
        ("today announced that the U.S. Food and Drug Administration (FDA) has approved ACM-101 for the treatment of "
         "adults with NASH.", "FDA", "approved", None),
        ("today announced that the FDA has granted accelerated approval to ACM-101 for the treatment of NASH.",
         "FDA", "approved", "accelerated"),
        ("today announced that the European Commission has granted marketing authorization for ACM-101 for the "
         "treatment of NASH.", "EC", "approved", None),
        ("today announced that the Committee for Medicinal Products for Human Use (CHMP) of the European Medicines "
         "Agency has adopted a positive opinion recommending the approval of ACM-101.",
         "EMA", "positive_opinion", None),
        ("today announced that Health Canada has approved ACM-101 for the treatment of NASH.",
         "Health Canada", "approved", None),
        ("today announced that the CHMP has recommended that ACM-101 be granted marketing authorization for the "
         "treatment of NASH.", "EMA", "positive_opinion", None),
        # a regulator's act, not a product described as approved ("the FDA has approved")
        ("today announced that the TGA has approved ACM-101 for NASH in Australia.", "TGA", "approved", None),
        ("today announced that the FDA has approved ACM-101 for the treatment of NASH.", "FDA", "approved", None),
        # … in the bare past too
        ("today announced that the FDA approved ACM-101 for the treatment of adults with NASH.", "FDA", "approved",
         None),
        # a drug approved with its companion diagnostic or in a device is the drug's approval
        ("today announced that the FDA approved ACM-101 and its companion diagnostic for NSCLC.", "FDA", "approved",
         None),
        ("today announced that the FDA approved ACM-101 in a prefilled autoinjector device for NSCLC.", "FDA",
         "approved", None),
        ("today announced that the European Commission approved ACM-101 for NASH.", "EC", "approved", None),
        ("today announced that Health Canada has issued a Notice of Compliance for ACM-101.", "Health Canada",
         "approved", None),
    ],
)  # fmt: skip
def test_an_approval_or_an_opinion(sentence: str, agency: str, status: str, pathway: str | None) -> None:
    [found] = _approvals(DATELINE + sentence)
    assert (found.product, found.agency, found.status, found.pathway, found.announced) == (
        "ACM-101", agency, status, pathway, True
    )  # fmt: skip


@pytest.mark.parametrize(
    "sentence",
    [
        "today announced that the FDA has approved its request to begin a Phase 2 trial of ACM-101.",
        "today announced that ACM-101 is approved for compassionate use by the Israeli Ministry of Health.",
        "today announced that, if approved by the FDA, ACM-101 would be the first therapy for NASH.",
        "today announced that there are no drugs approved by the FDA for the treatment of NASH.",
        "today announced that it is pursuing FDA approval for ACM-101.",
        "today announced that the FDA has accepted the NDA for ACM-101, with a PDUFA date for approval in 2027.",
        "today announced that its shareholders approved the merger with Beta Corp.",
        "today announced that ACM-101, an FDA-approved therapy, will be studied in a new population.",
        "today announced FDA approval of updated product specifications for ACM-101.",
        "today announced that the FDA has tentatively approved the ANDA for ACM-101.",
        "today announced that the FDA advisory committee voted not to recommend approval of ACM-101.",
        "today announced that it has received approval from the competent German and Austrian health "
        "authorities at the Paul Ehrlich Institute and the Austrian regulator, respectively, to conduct a phase 2 "
        "study of ACM-101.",
        "today announced that a positive opinion has been adopted by the Paediatric Committee (PDCO) of the European "
        "Medicines Agency on its Paediatric Investigation Plan (PIP) for ACM-101.",
        # a trial's dosing let go on during a hold
        "today announced that, during the partial clinical hold, the FDA approved dosing of all 17 patients enrolled "
        "in the trial of ACM-101.",
        # a trial notification, a plant, a name: no product's marketing
        "today announced that the TGA has approved the CTN for ACM-101.",
        "today announced that the FDA approved the manufacturing facility for ACM-101.",
        "today announced that the FDA has approved the proprietary name ACMEZA for ACM-101.",
        # a product described as approved, after the regulator's name
        "today announced that ACMEZA is the only FDA approved formulation of ACM-101.",
        # an approval expected; a special access programme's leave for one patient
        "today announced that it expects FDA approval of ACM-101 in 2027.",
        "today announced that Health Canada has approved the Company's application to the Special Access Program "
        "to provide ACM-101 for a patient with depression.",
        # a yes to a request or a plan
        "today announced that the FDA has approved the company's request for a Type B meeting regarding ACM-101.",
        "today announced that the FDA approved its plan to submit a BLA for ACM-101.",
        # a device's approval (a PMA is a device clearance), a test's emergency use, a device's clinical evaluation
        "today announced the first FDA approval of a long-term implantable device made with its ACM-200 polymer.",
        "today announced that the FDA has approved the ACM-200 implantable heart valve for aortic stenosis.",
        "today announced that the FDA has granted Emergency Use Authorization to its ACM-19 antigen test.",
        "today announced that the FDA approved the expansion of clinical evaluation of its ACM-300 lead system.",
    ],
)
def test_what_is_not_an_approval(sentence: str) -> None:
    assert [a for a in _approvals(DATELINE + sentence)] == []


def test_the_company_named_by_itself_is_no_product_approved() -> None:
    text = DATELINE + (
        "announced today that the FDA has granted final approval of the Company's Abbreviated New Drug Application "
        "(ANDA) for a generic version of Brandex."
    )
    assert "Company" not in [a.product for a in _approvals(text)]


def test_an_approval_told_later_in_the_body_as_history_is_recalled() -> None:
    text = DATELINE + "today announced a financing.\n\nACM-101 was approved by the FDA for NASH in June 2024."
    assert [a.announced for a in _approvals(text)] == [False]


def test_a_trial_application_approved_after_a_long_subject_is_no_marketing_approval() -> None:
    text = DATELINE + (
        "today announced that, on March 1, 2026, the clinical trial application for ACM-101 for inhalation, jointly "
        "developed by the Company and a partner institute of biotechnology and medical sciences, has been approved "
        "by the National Medical Products Administration."
    )
    assert _approvals(text) == []
    assert [e.kind for e in extract(text).events if e.kind == "ind_clearance"] == ["ind_clearance"]


def test_a_drug_given_with_the_product_is_never_the_product_approved() -> None:
    # the product is a brand word the product finder may not know; the partner's generic is never it
    [found] = _approvals(
        DATELINE + "today announced that the CHMP of the European Medicines Agency has adopted a positive opinion "
        "recommending approval of Acmelea in combination with carboplatin for the treatment of ovarian cancer."
    )
    assert (found.product, found.status) == ("Acmelea", "positive_opinion")
