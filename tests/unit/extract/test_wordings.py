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
from ir_feed.extract.products import products
from tests.support.extraction import FIRST_KINDS

DATELINE = "BOSTON, March 3, 2026 (GLOBE NEWSWIRE) -- Acme Therapeutics, Inc. (Nasdaq: ACME) "

WORDINGS = [
    # a running trial's count of patients or doses is no first dose; a first dose at a dose is one
    ("-", "today announced an update. To date in the Phase 1/2a study, Acme has dosed ACM-101 at 0.5, 1.0 and 2.0 mg/kg with no dose-limiting toxicity."),
    ("-", "today announced an update. So far in the Phase 1 trial, Acme has dosed 12 patients with ACM-101."),
    ("trial:first_patient_dosed", "today announced that it has dosed the first patient in the ORBIT-2 trial of ACM-101 at 3 mg/kg."),
    # a designation's name in quotes; "in the treatment of"; a radiopharmaceutical's isotope-led name
    ("desig:granted", 'today announced that the FDA has granted "Orphan Drug" designation to ACM-101 in the treatment of Fabry disease.'),
    ("desig:granted", "today announced that the FDA has granted ‘Fast Track’ status to ACM-101 for Fabry disease."),
    ("desig:granted", "today announced that the FDA has granted Fast Track Designation (FTD) for 64Cu-ACM-bisPSMA for the treatment of adult patients with mCRPC who have been previously treated with an ARPI."),
    # a population's history is no recall of the designation
    ("desig:granted", "today announced that the FDA has granted Breakthrough Therapy designation to ACM-101 for patients previously treated with two lines of therapy."),
    # screening and dosing begun, in the passive
    ("trial:initiated", "today announced that screening of patients has started for its pivotal Phase 2b/3 study of ACM-101."),
    ("trial:first_patient_dosed", "today announced that dosing has been initiated in a Phase 1 clinical trial of ACM-101 in adults with solid tumors."),
    # other languages' word order and verbs for a grant; the Commission named in German
    ("desig:granted", "hat heute bekannt gegeben, dass die Europäische Kommission ACM-101 den Status als Orphan-Arzneimittel zur Behandlung von Chorea Huntington zuerkannt hat."),
    ("desig:granted", "a annoncé que la Food and Drug Administration (FDA) des États-Unis a accordé la désignation Fast Track au ACM-101, un médicament expérimental."),
    ("desig:granted", "heeft bekendgemaakt dat ACM-101 onlangs de Fast Track Designation heeft gekregen van de Food and Drug Administration."),
    # two regulators named far from the approval, "respectively": a clearance each
    ("ind_c:cleared,ind_c:cleared,trial:planned", 'today announced that it has received approval from the competent German and Austrian health authorities at the Paul Ehrlich Institute and the Federal Office for Safety in Health Care ("Bundesamt für Sicherheit im Gesundheitswesen"), respectively, to conduct a phase 2 study of ACM-101.'),
    # what a leading phrase says of a running trial is no trap for the plan that follows
    ("trial:planned", "today announced that it has completed enrollment in its Phase 2a trial. With the completion of enrollment in this trial, Acme expects to initiate its Phase 2b trial of ACM-101 in the fourth quarter of 2026."),
    # a regulator approving the study itself; a company description ("… and commercializing …") earlier
    # in the dateline's sentence says nothing of the clearance
    ("ind_c:cleared,trial:planned", "a company dedicated to discovering, developing and commercializing therapeutics, today announced that China National Medical Products Administration (NMPA) has approved the Phase I study of ACM-101 for the treatment of solid tumors."),
    ("-", "today announced that the FDA approved the NDA for ACM-101 for the treatment of NASH."),
    # a product that "has entered Phase II clinical development"; an investigator who treated the first patient
    ("trial:initiated", "announced today that ACM-101 has entered Phase II clinical development."),
    ("trial:first_patient_dosed", "announced today that Dr. Jane Doe of Emory University treated the first patient in the CALM-FIM Study of ACM-101."),
    # the next part of a running trial is no new trial
    ("-", "today reported data. This data opens the way for the Phase 2 portion of the Phase 1/2 trial of ACM-101 to start later this year."),
    # a product named after what kind of drug it is; what a plan waits on is no trap
    ("trial:initiated", "today announced news. The first clinical trial for candidate botanical new drug ACM-X is a phase I study in solid tumors. The first patient was successfully recruited today."),
    ("trial:planned", "today announced that a First in Human Phase I clinical trial of ACM-101 will begin following completion of the cGMP manufacturing."),
    # leave to proceed granted by a regulator; a regulator named "the Medicines Agency of Sweden, MPA" authorising a company's study
    ("ind_c:cleared,trial:planned", "today announced that ACM-101 has been granted by US FDA to proceed to Phase I/II human clinical trial."),
    ("ind_c:cleared", "today announced that the Medicines Agency of Sweden, MPA, has authorized Acme Therapeutics Inc's first-in-human clinical study of the company's investigational product ACM-101."),
    # Priority Review granted to "the Company's BLA submission" the sentence before names
    ("desig:granted", "today announced that the FDA has accepted for review its Biologics License application (BLA) for ACM-101. The FDA has granted Priority Review to the Company's BLA submission."),
    # a gene written like a code is no product: the designation is the drug's
    ("desig:granted", "today announced that the FDA has granted Orphan Drug Designation to acmexolone for the treatment of seizures associated with CDKL5 deficiency disorder."),
    # a regulator that "authorized the initiation of" a trial, or gave clearance "for Acme's Phase 2 study"
    ("ind_c:cleared,trial:planned", "today reported that the Israeli Ministry of Health authorized the initiation of a proposed investigator-initiated Phase II clinical trial evaluating ACM-101 in COVID-19 patients."),
    ("ind_c:cleared,trial:planned", "today announced that Health Canada provided regulatory clearance for Acme's Phase 2 study evaluating ACM-101 against COVID-19 outbreaks."),
    # a regulator named by its country, near the approval
    ("ind_c:cleared,trial:planned", "today announced that it has received regulatory approval in Belgium to start a Phase I trial of ACM-101."),
    # the start of dosing is a first dose; to come, it is a plan
    ("trial:first_patient_dosed", "today announced the initiation of patient dosing in the Phase 1b trial of ACM-101."),
    ("trial:planned", "today reported results. The start of dosing in the Phase 2 trial of ACM-101 is expected in the first quarter of 2027."),
    # a clinical hold lifted lets the trial proceed again; one placed is no clearance
    ("ind_c:cleared", "today announced that the FDA lifted the clinical hold on the IND for ACM-101."),
    ("-", "today announced that the FDA has placed a clinical hold on the IND for ACM-101."),
    # Swedish: a study started, in the passive; a plan with a clause between the verb and its start
    ("trial:initiated", "meddelar i dag att den kliniska fas 1-studien med läkemedelskandidaten ACM-101 har inletts."),
    ("trial:planned", "meddelar i dag att bolaget avser, under förutsättning att ansökan godkänns, inleda fas I-studien av ACM-101 runt årsskiftet 2026/2027."),
    # a hold on a trial lifted; products listed each with its own indication
    ("ind_c:cleared", "announced today that the FDA lifted the clinical hold previously placed on the ACME-1 gene therapy clinical trial with investigational ACM-101 for adults with phenylketonuria."),
    ("desig:granted,desig:granted", "today announced that the FDA has granted Fast Track designation to two gene therapy candidates: ACM-101 for GM1 gangliosidosis and ACM-202 for Krabbe disease."),
    # a readout of the first patients is no dosing news; a quote's list of what was done is a recap
    ("-", "today reported positive interim data. “We are pleased to report positive interim clinical data from the first subject treated with ACM-101,” said the CEO."),
    ("-", "today announced a new manufacturing facility. “2025 was a year of execution. We initiated a first-in-human study of ACM-101, signed a supply agreement and completed our IPO,” said the CEO."),
    # a trade-marked trial name beside the trial word is no product
    ("trial:initiated", "today announced that Acme has launched the Phase 2 clinical trial, Harmonic™, for ACM-101 in never smokers with advanced NSCLC."),
    # regulators named by their countries: one clearance each; a Swedish approval "for start of" a study
    ("ind_c:cleared,ind_c:cleared,trial:planned", "today announced that the French and British regulatory agencies have authorized Acme to begin its first phase I/IIB clinical trial of ACM-101 in humans, starting January, 2027."),
    ("ind_c:cleared", "meddelar att den regulatoriska myndigheten i Danmark nu har givit sitt godkännande för start av bolagets studie av ACM-101 vid två universitetssjukhus."),
    # what a sentence dates "last month" is recalled
    ("-", "today reported results. Acme announced last month that the FDA granted Fast Track designation to ACM-101 for NASH."),
    # Health Canada's No Objection Letter for a product named in capitals before its kind
    ("ind_c:cleared,trial:planned", "announced today that it has received a No Objection Letter from Health Canada to conduct a Phase II trial for ACMET peptide, targeting acute kidney injury."),
    ("ind_c:cleared,trial:planned", "announced today that the Israeli Ministry of Health has approved the company's request to initiate a Phase II study using its Acme eXpanded (AMX) cells in intermittent claudication."),
    # a cell type is no product
    ("-", "announced today that it has initiated a Phase 1 trial of its CAR T cells in lymphoma."),
    # a plan restated is still the plan; starts coordinated under one plan verb
    ("trial:planned", "announced results. As announced in June, Acme is preparing to commence a Phase II safety study of ACM-101 in the US early in 2027."),
    ("trial:planned", "today said it intends to submit an IND to the FDA later this year, begin first-in-human studies of ACM-101 in late 2026, and then begin Phase 2 studies in 2027."),
    # a drug named by an INN stem the product finder reads ("-glurant", "-gepant", "-citabine")
    ("trial:initiated", "today announced that it has initiated a Phase 2 study of acmeglurant in Parkinson's disease."),
    # hedged, conditional and risk-factor wording is no plan; a plan pending a clearance is
    ('-', 'today announced results. Statements in this press release regarding the expected timing of the initiation of the Phase 2 trial of ACM-101 are forward-looking statements.'),
    ('-', 'today announced results. Acme may initiate a Phase 3 trial of ACM-101 if it secures additional financing.'),
    ('-', 'today announced results. Subject to FDA feedback, Acme could potentially begin a Phase 3 trial of ACM-101.'),
    ('-', 'today announced results. There can be no assurance that Acme will initiate the Phase 2 trial of ACM-101 on the anticipated timeline.'),
    ('-', 'today announced results. Acme is evaluating whether to initiate a Phase 2 trial of ACM-101.'),
    ('-', 'today announced results. Any delay in initiating the Phase 2 trial of ACM-101 could adversely affect our business.'),
    ('trial:planned', 'today announced results. Pending FDA clearance, Acme expects to initiate a Phase 1 trial of ACM-101 in the fourth quarter of 2026.'),
    # studies without patients are no trial starts
    ("-", "today announced that it has initiated IND-enabling toxicology studies of ACM-101."),
    ("-", "today announced that it has begun GLP toxicology studies of ACM-101 in two species."),
    # a regulator's approval of a request or application to start a trial
    ("ind_c:cleared,trial:planned", "today announced that the Israeli Ministry of Health has approved the company's request to initiate a Phase II study of ACM-101 in intermittent claudication."),
    ("ind_c:cleared,trial:planned", "today announced that Health Canada has approved its application to begin a Phase 1 trial of ACM-101."),
    # Priority Review granted with an application's acceptance; a filing "recently submitted" is no recall
    ("desig:granted", "today announced that the U.S. Food and Drug Administration has accepted for filing with Priority Review its recently submitted New Drug Application for ACM-101 for the treatment of AML."),
    ("desig:granted", "today announced that the FDA grants Priority Review to tebentafusp for the treatment of metastatic uveal melanoma."),
    # 'the planned Phase 2 trial' is a plan; 'as planned' is not
    ('-', 'today announced that enrollment in its Phase 2 trial of ACM-101 is proceeding as planned.'),
    ('-', 'today announced that the planned interim analysis of the Phase 3 trial of ACM-101 will occur in Q3 2026.'),
    ('-', 'today announced that the Phase 2 trial of ACM-101 completed as planned.'),
    ('trial:planned', 'today announced that it engaged a CRO to support the planned Phase 2 trial of ACM-101.'),
    ('trial:planned', 'today announced that the planned Phase 3 trial of ACM-101 will enroll 300 patients.'),
    # a regulator approving "a new Phase 1 clinical trial"; the product named as the company's flagship
    ("ind_c:cleared,trial:planned", "is pleased to announce that the Agenzia Italiana del Farmaco (AIFA) has approved a new Phase 1 clinical trial for renal cell cancer, marking an expansion for Acme's flagship product, Acmeferon®."),
    # the first patient recruited, told with the study between subject and verb, or by the recruiter
    ("trial:initiated", "today announces that the first patient in the phase II idiopathic pulmonary fibrosis (IPF) study of ACM-101 has been recruited in India."),
    ("trial:initiated", "today announced that Dr. A. Jones has recruited the first patient in the Phase 2 study of ACM-101."),
    # a highlight's nominal plan; the same words dated in the past, with more said, are no plan
    ("trial:planned", "today announced its half-year results.\nHighlights\n• Phase 1 dermal safety study of ACM-101 nasal gel starting in October 2026\n"),
    ("-", "today announced results. The Phase 1 study of ACM-101, starting in May 2019, enrolled 40 patients."),
    # a population's history is no recall of the plan
    ("trial:planned", "today announced that its Phase I clinical trial of ACM-101 is scheduled to initiate in the second half of 2026 with patients who have previously undergone thyroidectomy."),
    # what a start verb begins may be a filing or an analysis, not a trial
    ("-", "today announced results. Additional clinical data will not be required to initiate the BLA submission for ACM-101."),
    ("-", "today announced results of its Phase 3 study of ACM-101. As per the study protocol, data analysis was planned to be initiated after 70 events, estimated to occur by the first half of 2023."),
    # a programme's reach to more diseases is no expansion of a running trial; "already preparing" recalls nothing
    ("trial:planned", "today reported results. “In parallel with conduct of this ongoing clinical trial, we are already preparing to move ACM-101 rapidly into a Phase 2 clinical trial in chronic urticaria with subsequent expansion into additional mast cell-mediated diseases.”"),
    # a code with a digit between capitals before its coded part
    ("desig:granted", "announced that the FDA has granted Orphan Drug Designation to the Company’s lead product candidate, M2T-CD33 (ACM-214), for the treatment of AML."),
    # a first patient "enrolled and begun treatment", far from the subject, is a first dose
    ("trial:first_patient_dosed", "today announced that the first patient of the Phase 3 clinical trial (ACME-2) of ACM-101, a novel treatment for a rare eye disease, has been enrolled and begun treatment."),
    # products named by an INN, a brand, a description, a trial name or a sentence before
    ('trial:planned', 'today announced that it expects to initiate a Phase 2 trial of zorvalimab in the second half of 2026.'),
    ('trial:planned', 'today announced that it expects to initiate a Phase 2 trial of Zorvatrex® in the second half of 2026.'),
    ('trial:planned', 'today announced that it expects to initiate a Phase 2 trial of its lead candidate in the second half of 2026.'),
    ('trial:planned', 'today announced that it expects to initiate a Phase 2 trial of its oral GLP-1 receptor agonist in the second half of 2026.'),
    ('trial:planned', 'today announced that it expects to initiate a Phase 2 trial of AB-1234 in combination with pembrolizumab in the second half of 2026.'),
    ('trial:planned', 'today announced new data. ACM-101 is an oral FXR agonist. The Company expects to initiate a Phase 2 trial in the second half of 2026.'),
    ('trial:planned', 'today announced new data for ACM-101. Based on these results, Acme plans to advance ACM-101 into a Phase 3 study in 2027.'),
    ('trial:first_patient_dosed', 'today announced that the first patient has been dosed in the Phase 1 trial of ACM-101, its CD19-directed CAR-T cell therapy.'),
    ('trial:first_patient_dosed', "today announced that the first patient has been dosed with ACM-101 in the Company's Phase 1/2 trial in solid tumors."),
    ('trial:first_patient_dosed', 'today announced that it has initiated dosing in a Phase 1 clinical trial of ACM-101.'),
    ('trial:first_patient_dosed', 'today announced the first patient dosed in the Phase 2 ZENITH trial evaluating ACM-101 in PBC.'),
    ('trial:first_patient_dosed', 'today announced that the first participant has been dosed in the Phase 1 trial of its intranasal vaccine candidate, ACM-V1.'),
    ('trial:initiated', 'today announced that patient enrollment has commenced in the Phase 2 trial of ACM-101.'),
    ('trial:planned', 'today announced that it has selected a contract research organization for its planned Phase 2 trial of ACM-101, which is expected to begin in Q3 2026.'),
    ('trial:planned', 'today announced that the first site for its Phase 3 trial of ACM-101 is expected to be activated in the second quarter of 2026.'),
    ('trial:planned', 'today announced that it will start the pivotal trial of ACM-101 upon FDA clearance of its IND.'),
    ('trial:planned', 'today announced results for ACM-101. The Company expects to initiate the Phase 2 ZENITH trial in the second half of 2026.'),
    ('trial:initiated', 'today announced new data for ACM-101. The first patients have been enrolled in the Phase 2 ZENITH study.'),
    ('ind_c:cleared,trial:planned', "today announced the FDA's clearance of its IND for ACM-101; the Phase 1 study is expected to begin later this year."),
    # a clearance whose regulator is named only by its country
    ("ind_c:cleared,trial:planned", "today announced that it has received IND approval in China for the Phase 1 study of ACM-101."),
    ("ind_c:cleared,trial:planned", "today announced that it has received IND approval in South Korea for a Phase 1 study of ACM-101."),
    # clearances by regulators worded many ways, and what is no clearance
    ('ind_c:cleared,trial:planned', 'today announced that the U.S. Food and Drug Administration has completed its 30-day review of the IND for ACM-101 and the company may proceed with its Phase 1 trial.'),
    ('ind_c:cleared,trial:planned', 'today announced that it has received approval from the Therapeutic Goods Administration to begin its Phase 1 trial of ACM-101 in Australia.'),
    ('ind_c:cleared', 'today announced that the Human Research Ethics Committee has approved the Phase 1 trial of ACM-101 and the TGA has acknowledged the CTN notification.'),
    ('ind_c:cleared', 'today announced that the National Medical Products Administration (NMPA) of China has approved its IND application for ACM-101.'),
    ('ind_c:cleared,trial:planned', 'today announced that the Korean Ministry of Food and Drug Safety (MFDS) has approved the IND for a Phase 1 study of ACM-101.'),
    ('ind_c:cleared,trial:planned', 'today announced that the European Medicines Agency has approved its Clinical Trial Application for ACM-101 under the EU Clinical Trials Regulation.'),
    ('ind_c:cleared,trial:planned', 'today announced that the Paul-Ehrlich-Institut has authorized the Phase 1/2 clinical trial of ACM-101 in Germany.'),
    ('ind_c:cleared,trial:planned', 'today announced that it has received a No Objection Letter from Health Canada for its Phase 2 trial of ACM-101.'),
    ('ind_c:cleared,trial:planned', 'today announced that the FDA has cleared the Company to proceed with its Phase 2 clinical trial of ACM-101.'),
    ('ind_c:cleared', 'today announced that the FDA has granted clearance of its IND application for ACM-101.'),
    ('ind_c:cleared', 'today announced FDA clearance of its Investigational New Drug application for ACM-101.'),
    ('ind_c:cleared', 'today announced that the IND for ACM-101 has been cleared by the FDA.'),
    ('ind_c:cleared', 'today announced that the FDA notified the Company that its IND for ACM-101 was cleared.'),
    ('ind_c:cleared,trial:planned', "today announced that Spain's AEMPS has authorized its Phase 2 clinical trial of ACM-101."),
    ('ind_c:cleared', 'today announced that the Medicines and Healthcare products Regulatory Agency granted a Clinical Trial Authorisation for ACM-101.'),
    ('ind_c:cleared,trial:planned', 'today announced that the FDA has accepted the Investigational New Drug application for ACM-101, allowing the Company to begin a Phase 1 trial.'),
    ('-', 'today announced that it has filed an IND with the FDA for ACM-101.'),
    ('-', 'today announced that it submitted a Clinical Trial Application to Health Canada for ACM-101.'),
    ('-', 'today announced that it held a productive pre-IND meeting with the FDA regarding ACM-101.'),
    ('-', 'today announced that it expects FDA clearance of the IND for ACM-101 in the first quarter of 2027.'),
    ('-', 'today announced that the FDA approved ACM-101 for the treatment of PBC.'),
    ('-', 'today announced that Health Canada approved ACM-101 for marketing in Canada.'),
    ('-', 'today announced that the European Commission granted marketing authorization for ACM-101.'),
    ('-', 'today announced that the Institutional Review Board approved the protocol for the Phase 2 trial of ACM-101.'),
    ('-', 'today announced that the FDA cleared the 510(k) for its AcmeGuide catheter.'),
    ('-', 'today announced that the FDA has cleared the AcmeScan system for marketing in the United States.'),
    # common wordings of plans, starts, clearances and grants, and their look-alikes
    ('trial:planned', 'today announced that it expects to dose the first patient in its Phase 1 trial of ACM-101 in the fourth quarter of 2026.'),
    ('trial:planned', 'today announced that enrollment in the Phase 2 trial of ACM-101 is expected to begin in mid-2026.'),
    ('trial:planned', 'today announced that the Company intends to file an IND and begin a Phase 1/2 study of ACM-101 by the end of 2026.'),
    ('trial:planned', 'today announced that it remains on track to start its Phase 3 trial of ACM-101 in the first half of 2027.'),
    ('trial:planned', 'today announced that a Phase 2b trial of ACM-101 in NASH is anticipated to commence in 2027.'),
    ('trial:planned', 'today announced that it is preparing to launch a Phase 1 trial of ACM-101 later this year.'),
    ('trial:planned', 'today announced that first patient dosing in the Phase 1 trial of ACM-101 is expected in Q3 2026.'),
    ('trial:planned', 'today announced that it plans to initiate a registrational trial of ACM-101 in early 2027.'),
    ('trial:planned', 'today announced that the Phase 1 trial of ACM-101 will begin enrolling patients in the second quarter of 2026.'),
    ('trial:planned', 'today announced that the first patients are expected to be enrolled in the ACM-101 Phase 2 study in mid-2026.'),
    ('trial:planned', 'today announced that the Company now anticipates initiating the Phase 3 trial of ACM-101 in 2027, subject to FDA feedback.'),
    ('trial:planned', 'today announced that it has received the regulatory approvals needed to begin the Phase 1 trial of ACM-101, which it expects to start in May 2026.'),
    ('trial:planned', 'today announced that it is targeting the initiation of a Phase 2 trial of ACM-101 in the second half of 2026.'),
    ('trial:planned', 'today announced that it will initiate a Phase 2 clinical trial of ACM-101 in patients with gout in 2026.'),
    ('ind_c:cleared,trial:planned', 'today announced that it intends to commence a Phase 1 clinical study of ACM-101 following IND clearance, expected in the first quarter of 2027.'),
    ('trial:planned', 'today announced that site activation for the Phase 3 trial of ACM-101 is underway, with first patient dosing anticipated in the third quarter of 2026.'),
    ('trial:planned', 'today announced that the Phase 2 study of ACM-101 is expected to start in the coming weeks.'),
    ('trial:planned', 'today announced that it is on schedule to initiate the Phase 1 trial of ACM-101 by mid-2026.'),
    ('trial:planned', 'today announced that the Company expects to initiate patient enrollment in a Phase 2a trial of ACM-101 in the first half of 2026.'),
    ('trial:planned', 'today announced that it will begin a Phase 1 first-in-human trial of ACM-101 in Australia in 2026.'),
    ('trial:planned', 'today announced that the Company is planning a Phase 2 trial of ACM-101 to begin in 2027.'),
    ('trial:planned', 'today announced that it will move ACM-101 into a Phase 2 trial in 2026.'),
    ('trial:first_patient_dosed', 'today announced the dosing of the first patient in its Phase 2 trial of ACM-101.'),
    ('trial:first_patient_dosed', 'today announced that the first subject was dosed in the Phase 1 trial of ACM-101.'),
    ('trial:first_patient_dosed', 'today announced that it has dosed the first participant in its Phase 1 clinical trial of ACM-101.'),
    ('trial:first_patient_dosed', 'today announced that the first patient has received ACM-101 in the Phase 1/2 CLARITY trial.'),
    ('trial:first_patient_dosed', 'today announced that the first patient was treated in its Phase 1 trial of ACM-101.'),
    ('trial:first_patient_dosed', 'today announced first patient dosed in the Phase 2 trial of ACM-101 in gout.'),
    ('trial:initiated', 'today announced that the first patient has been enrolled in its Phase 3 trial of ACM-101.'),
    ('trial:initiated', 'today announced the start of its Phase 2 clinical trial of ACM-101.'),
    ('trial:initiated', 'today announced that it has initiated a Phase 1 trial of ACM-101 in healthy volunteers.'),
    ('trial:initiated', 'today announced that its Phase 2 trial of ACM-101 is now open for enrollment.'),
    ('trial:initiated', 'today announced that the first clinical site has been activated in its Phase 2 trial of ACM-101.'),
    ('trial:initiated', 'today announced that it has commenced its Phase 1 clinical trial of ACM-101.'),
    ('trial:initiated', 'today announced that the first patient has been screened in the Phase 2 trial of ACM-101.'),
    ('trial:initiated', 'today announced that enrollment has begun in its Phase 2 trial of ACM-101.'),
    ('trial:initiated', 'today announced that the Phase 3 trial of ACM-101 has been initiated.'),
    ('trial:initiated', 'today announced that it has started patient recruitment for the Phase 2 study of ACM-101.'),
    ('-', 'today announced that it has completed enrollment in its Phase 2 trial of ACM-101.'),
    ('-', 'today announced positive topline results from its Phase 2 trial of ACM-101.'),
    ('-', 'today announced that the last patient has been dosed in the Phase 1 trial of ACM-101.'),
    ('-', 'today announced that the Phase 2 trial of ACM-101 continues to enroll patients.'),
    ('-', 'today announced that it has submitted an IND application to the FDA for ACM-101.'),
    ('-', 'today announced that it has expanded its Phase 2 trial of ACM-101 to sites in Europe.'),
    ('-', 'today announced that the independent Data Monitoring Committee recommended the Phase 3 trial of ACM-101 continue.'),
    ('-', 'today announced that it has dosed the first patient in the second cohort of its Phase 1 trial of ACM-101.'),
    ('-', 'today announced that its shares began trading on the Nasdaq Capital Market.'),
    ('ind_c:cleared', 'today announced that the FDA has cleared its IND application for ACM-101.'),
    ('ind_c:cleared', 'today announced that its Investigational New Drug application for ACM-101 is now in effect.'),
    ('ind_c:cleared', 'today announced that it received a Study May Proceed letter from the FDA for ACM-101.'),
    ('ind_c:cleared', 'today announced that Health Canada has issued a No Objection Letter for its clinical trial application for ACM-101.'),
    ('ind_c:cleared', 'today announced that the FDA has accepted its IND for ACM-101.'),
    ('ind_c:cleared,trial:planned', 'today announced that the UK MHRA has approved its Clinical Trial Application for a Phase 1 trial of ACM-101.'),
    ('ind_c:cleared', 'today announced that it has received IND clearance from the FDA for ACM-101.'),
    ('ind_c:cleared', 'today announced clearance of its IND by the U.S. FDA for ACM-101.'),
    ('-', 'today announced that it plans to submit an IND for ACM-101 in the second half of 2026.'),
    ('-', 'today announced that the FDA has placed a clinical hold on its IND for ACM-101.'),
    ('ind_c:cleared', 'today announced that the FDA has lifted the partial clinical hold on ACM-101.'),  # (docs/labelling.md: a hold lifted lets the trial proceed)
    ('-', 'today announced that it received 510(k) clearance from the FDA for its AcmeScan device.'),
    ('desig:granted', 'today announced that ACM-101 has been granted Orphan Drug Designation by the FDA for the treatment of PBC.'),
    ('desig:granted', 'today announced that the FDA has designated ACM-101 as an orphan drug for the treatment of PBC.'),
    ('desig:granted', 'today announced that ACM-101 was granted Rare Pediatric Disease designation by the FDA.'),
    ('desig:granted', 'today announced that it has received Regenerative Medicine Advanced Therapy (RMAT) designation from the FDA for ACM-101.'),
    ('desig:granted', 'today announced that the European Medicines Agency has granted PRIME eligibility to ACM-101 for PBC.'),
    ('desig:granted', 'today announced that the European Commission has granted orphan designation to ACM-101 for the treatment of PBC.'),
    ('desig:positive_opinion', "today announced that the EMA's Committee for Orphan Medicinal Products (COMP) has issued a positive opinion recommending orphan designation for ACM-101 in PBC."),
    ('desig:granted', 'today announced that the FDA has accepted its Biologics License Application for ACM-101 and granted Priority Review.'),
    ('desig:granted', 'today announced that the FDA has awarded Breakthrough Therapy Designation to ACM-101 for PBC.'),
    ('desig:granted', 'today announced receipt of Fast Track designation from the FDA for ACM-101 in PBC.'),
    ('desig:applied', 'today announced that it has submitted a request for Breakthrough Therapy designation for ACM-101.'),
    ('-', 'today announced that ACM-101 may be eligible for Priority Review.'),
    ('-', 'today announced that it plans to apply for Orphan Drug Designation for ACM-101.'),
    ('-', 'today announced that it received Breakthrough Device Designation from the FDA for its AcmeScan system.'),
    ('-', 'today announced that the FDA approved ACM-101 for the treatment of PBC.'),
    # a trial to be conducted: the plan is in the verb "conduct" (not "continues to conduct")
    ("trial:planned", "today announced that it plans to conduct a Phase 2 trial of ACM-101 in 2027."),
    ("trial:planned", "today announced that Acme will conduct a Phase 1 study with ACM-101 in congenital muscular dystrophy."),
    ("trial:planned", "today announced that Acme has partnered with a CRO to jointly design and conduct its Phase 2b clinical trial of ACM-101 in Australia."),
    ("trial:planned", "today announced that ACM-101 is expected to enter its pivotal Phase 3 trial during 2027."),
    ("trial:planned", 'today announced its plans. "We look ahead to 2027 and the initiation of the pivotal Phase 3 clinical trial of ACM-101," said the CEO.'),
    ("-", "today announced that it continues to conduct the Phase 2 trial of ACM-101 at 20 sites."),
    ("-", "today announced that it has conducted a Phase 1 study of ACM-101 in healthy volunteers."),
    ("-", "today announced that it will conduct a conference call at 8:30 a.m. to discuss the results of its Phase 2 study."),
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
    ("trial:first_patient_dosed", "today announced that dosing has commenced in the Phase 1 study of ACM-101."),
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
    ("trial:planned", "today announced that it plans to initiate dosing in a Phase 1 trial of ACM-101 in mid-2026."),
    (
        "trial:planned",
        "today announced that it expects to dose the first patient with ACM-101 in the first quarter of 2027.",
    ),
    (
        "trial:planned",
        "today announced that it anticipates that the first patient will be dosed in the Phase 1 trial of ACM-101 in the third quarter of 2026.",
    ),
    (
        "trial:planned",
        "today announced its plans. We look forward to initiating our Phase 2 trial of ACM-101 later this year.",
    ),
    (
        "trial:planned",
        "today announced its plans. The Phase 1 trial of ACM-101 is on track to begin in the second half of 2026.",
    ),
    ("trial:planned", "today announced that it remains on track to start the pivotal trial of ACM-101 in 2027."),
    ("trial:planned", "today announced its plans. A Phase 2 trial of ACM-101 is planned to commence in 2027."),
    ("trial:planned", "today announced that it intends to advance ACM-101 into a Phase 2 trial in 2027."),
    (
        "trial:planned",
        "today announced its plans for ACM-101. Enrollment in the Phase 2 trial is expected to begin in the third quarter of 2026.",
    ),
    (
        "trial:planned",
        "today announced that it expects to commence enrollment in the ACCORD trial of ACM-101 in early 2027.",
    ),
    (
        "trial:planned",
        "today announced its plans. The Phase 2 trial of ACM-101 will enroll approximately 100 patients and is expected to start in 2027.",
    ),
    (
        "trial:planned",
        "today announced its plans. Initiation of the Phase 3 trial of ACM-101 is expected in the first half of 2027.",
    ),
    ("trial:planned", "today announced that it is preparing to launch a Phase 2 study of ACM-101 in 2027."),
    (
        "trial:planned",
        "today announced that, subject to regulatory approval, it plans to start a Phase 3 trial of ACM-101 in 2027.",
    ),
    ("trial:initiated", "today announced its progress. The Phase 2 trial of ACM-101 has been initiated."),
    ("trial:initiated", "today announced that the first patients have been enrolled in the ACCORD trial of ACM-101."),
    ("trial:initiated", "today announced the commencement of its Phase 1 trial of ACM-101."),
    ("trial:initiated", "today announced that it has opened enrollment in its Phase 2 trial of ACM-101."),
    (
        "-",
        "today announced its progress. Acme began enrolling patients in the Phase 1 study of ACM-101 in January 2026.",
    ),
    ("trial:initiated", "today announced that the Phase 2 trial of ACM-101 is now open for enrollment."),
    ("trial:initiated", "today announced that screening has begun in the Phase 2 trial of ACM-101."),
    ("trial:initiated", "today announced that the first patient has been screened in the Phase 2 trial of ACM-101."),
    (
        "trial:first_patient_dosed",
        "today announced that the first patient was treated with ACM-101 in the Phase 1 trial.",
    ),
    ("trial:first_patient_dosed", "today announced that the first participant received ACM-101 in the Phase 1 trial."),
    (
        "trial:first_patient_dosed",
        "today announced that the first subjects have been dosed in the Phase 1 healthy volunteer study of ACM-101.",
    ),
    ("ind_c:cleared", "today announced that it received clearance from the FDA for its IND application for ACM-101."),
    ("ind_c:cleared", "today announced that the IND application for ACM-101 has been cleared by the FDA."),
    (
        "ind_c:cleared,trial:planned",
        "today announced that the FDA has completed its 30-day review of the IND for ACM-101 and the Phase 1 study may proceed.",
    ),
    (
        "ind_c:cleared,trial:planned",
        "today announced that it has received approval from China's National Medical Products Administration (NMPA) to conduct a Phase 1 trial of ACM-101 in China.",
    ),
    ("-", "today announced that the FDA has placed the IND for ACM-101 on clinical hold."),
    (
        "desig:granted",
        "today announced that ACM-101 has received Regenerative Medicine Advanced Therapy (RMAT) designation from the FDA for heart failure.",
    ),
    (
        "desig:granted",
        "today announced that ACM-101 was awarded PRIME designation by the European Medicines Agency for ALS.",
    ),
    ("-", "today announced that the MHRA has granted an Innovation Passport to ACM-101."),
    ("-", "today announced that its ACM-200 system has received Breakthrough Device Designation from the FDA."),
    (
        "desig:granted",
        "today announced that the FDA granted Orphan Drug status to ACM-101 for the treatment of glioblastoma.",
    ),
    (
        "desig:granted",
        "today announced that ACM-101 has received U.S. FDA Fast Track designation for the treatment of NASH.",
    ),
    (
        "desig:granted",
        "today announced that ACM-101 received Rare Pediatric Disease Designation (RPDD) for Batten disease.",
    ),
    ("-", "today announced its progress. In January 2026, Acme initiated the Phase 2 trial of ACM-101."),
    (
        "-",
        "today announced its progress. Acme dosed the first patient in the Phase 1 trial of ACM-101 in December 2025.",
    ),
    (
        "-",
        "today announced its progress. The Phase 3 trial of ACM-101, which began enrolling in 2025, continues to enroll.",
    ),
    (
        "-",
        "today announced its progress. Enrollment in the ongoing Phase 2 trial of ACM-101 is expected to complete in mid-2026.",
    ),
    (
        "-",
        "today announced its progress. Acme expects to report topline data from the Phase 2 trial of ACM-101 in the second half of 2026.",
    ),
    ("-", "today announced its progress. The Phase 2 trial of ACM-101 was initiated in the fourth quarter of 2025."),
    ("-", "today announced that it will present data from the Phase 1 trial of ACM-101 at a medical meeting."),
    ("-", "today announced that it has completed enrollment of the Phase 2 trial of ACM-101."),
    (
        "ind_c:cleared,trial:planned",
        "today announced that it has received FDA clearance to begin a Phase 1 trial of ACM-101.",
    ),
    (
        "ind_c:cleared,trial:planned",
        "today announced that the Therapeutic Goods Administration has accepted the Clinical Trial Notification for a Phase 1 trial of ACM-101 in Australia.",
    ),
    (
        "ind_c:cleared,trial:planned",
        "today announced that Health Canada has provided a No Objection Letter allowing Acme to begin a Phase 1 trial of ACM-101.",
    ),
    (
        "ind_c:cleared",
        "today announced that its Clinical Trial Application for ACM-101 has been approved by the Spanish Agency of Medicines and Medical Devices (AEMPS).",
    ),
    (
        "ind_c:cleared,trial:planned",
        "today announced that the FDA has cleared its IND for ACM-101, and the company expects to initiate the Phase 1 trial in the second quarter of 2026.",
    ),
    (
        "ind_c:cleared,trial:planned",
        "today announced that its Investigational New Drug (IND) application, to commence a Phase I clinical trial for its anthrax monoclonal antibody therapeutic, has cleared FDA review.",
    ),
    (
        "desig:granted",
        "TODAY ANNOUNCED THAT THE FDA HAS GRANTED FAST TRACK DESIGNATION TO ACM-101 FOR THE TREATMENT OF NASH.",
    ),
    (
        "desig:granted",
        "today announced that the FDA has granted Fast-Track status to ACM-101 for the treatment of NASH.",
    ),
    (
        "desig:granted",
        "today announced that ACM-101 has been granted orphan-drug status by the FDA for the treatment of PBC.",
    ),
    (
        "desig:granted",
        "today announced that the European Commission has designated ACM-101 as an orphan medicinal product for the treatment of PBC.",
    ),
    (
        "ind_c:cleared,trial:planned",
        "today announced that the 30-day FDA review period for its IND for ACM-101 has concluded, allowing the company to proceed with its Phase 1 trial.",
    ),
    (
        "ind_c:cleared,trial:planned",
        "today announced that the FDA has notified the company that it may proceed with its Phase 1 trial of ACM-101.",
    ),
    (
        "ind_c:cleared",
        "today announced that its Clinical Trial Application for ACM-101 has been authorized under the EU Clinical Trials Regulation.",
    ),
    ("trial:planned", "today announced that ACM-101 is poised to enter a Phase 2 trial in 2027."),
    (
        "trial:planned",
        "today announced that it has selected ACM-101 as its development candidate and expects to begin IND-enabling studies; a Phase 1 trial is planned for 2028.",
    ),
    (
        "trial:first_patient_dosed",
        "today announced that the first patient was enrolled and dosed in its Phase 1 trial of ACM-101.",
    ),
    (
        "trial:first_patient_dosed",
        "announces that the first patient has now been enrolled and dosed in the ORBIT trial of ACM-101.",
    ),
    ("trial:planned", "today announced that it is targeting a Phase 2 start for ACM-101 in early 2027."),
    ("trial:first_patient_dosed", "today announced that it has treated the first cohort of patients in its Phase 1 trial of ACM-101."),
    ("trial:first_patient_dosed", "today announced that dosing is underway in the Phase 1 trial of ACM-101."),
    ("trial:initiated", "today announced that it kicked off its Phase 1 trial of ACM-101."),
    ("trial:initiated", "today announced that it kicks off its Phase 1 trial of ACM-101."),
    # (a running trial's sites are no trial started)
    ("-", "today announced that the ORBIT Study of ACM-101 is expected to enroll 240 patients and initiate sites in six countries."),
    ("-", "today announced that the next randomized cohort of the ORBIT trial of ACM-101 is expected to begin shortly."),
    ("-", "today announced that it has completed dosing of the first cohort in its ongoing Phase 1 trial of ACM-101."),
    (
        "trial:initiated",
        "today announced that it has activated clinical sites and begun screening patients in its Phase 2 trial of ACM-101.",
    ),
    (
        "trial:planned",
        "today announced that it expects to begin dosing patients in the Phase 2 trial of ACM-101 in the coming weeks.",
    ),
    (
        "trial:planned",
        "today announced that it will commence the Phase 3 trial of ACM-101 upon receipt of regulatory approvals.",
    ),
    (
        "trial:planned",
        "today announced that it intends to file a CTA and begin a Phase 1 trial of ACM-101 in Australia in the first half of 2027.",
    ),
    (
        "trial:planned",
        "today announced its plans. Dosing in the Phase 1 trial of ACM-101 is expected to begin imminently.",
    ),
    ("trial:initiated", "today announced that patient recruitment for the Phase 2 study of ACM-101 is now open."),
    (
        "desig:granted",
        "today announced that the FDA granted the company's request for Fast Track designation for ACM-101 in NASH.",
    ),
    ("desig:granted", "today announced that the EMA has confirmed that ACM-101 is eligible for PRIME support in ALS."),
    (
        "desig:granted",
        "today announced that the FDA has granted Breakthrough Therapy Designation (BTD) to the combination of ACM-101 and pembrolizumab for the treatment of melanoma.",
    ),
    ("-", "today announced that ACM-101 may be eligible for PRIME support in ALS."),
    (
        "-",
        "today announced its progress. The FDA cleared the IND for ACM-101 in January 2025, and the Phase 1 trial is ongoing.",
    ),
    (
        "-",
        "today announced its progress. Following IND clearance in 2024, the company initiated the Phase 1 trial of ACM-101.",
    ),
    ("-", "today announced that it is conducting IND-enabling studies of ACM-101."),
    (
        "-",
        "today announced that it has completed IND-enabling studies for ACM-101 and plans to submit an IND in mid-2026.",
    ),
    (
        "-",
        "today announced results from its ongoing Phase 1 trial of ACM-101, which is being conducted under an active IND.",
    ),
    (
        "-",
        "today announced that it has received a Study May Proceed letter from the FDA for ACM-101 in 2024 and dosed the first patient in 2025.",
    ),
    (
        "ind_c:cleared,trial:planned",
        "today announced that the FDA has cleared the company's IND for ACM-101, supporting the initiation of a Phase 1/2 clinical trial.",
    ),
    # other languages (sv, de, fr)
    (
        "trial:planned",
        "meddelar i dag att bolaget planerar att inleda en klinisk fas I-studie med ACM-101 under det första kvartalet 2027.",
    ),
    ("trial:planned", "meddelar i dag att fas II-studien med ACM-101 förväntas starta under andra halvåret 2026."),
    ("trial:initiated", "meddelar i dag att bolaget har inlett den kliniska fas II-studien med ACM-101."),
    ("trial:first_patient_dosed", "meddelar i dag att den första patienten har doserats i fas I-studien med ACM-101."),
    (
        "trial:planned",
        "teilt heute mit, dass das Unternehmen plant, im ersten Quartal 2027 eine klinische Phase-I-Studie mit ACM-101 zu beginnen.",
    ),
    ("trial:initiated", "annonce aujourd'hui le lancement de l'essai clinique de phase II évaluant ACM-101."),
    (
        "desig:granted",
        "annonce aujourd'hui que la FDA a accordé la désignation de médicament orphelin à ACM-101 dans le traitement de la maladie de Fabry.",
    ),
    (
        "desig:granted",
        "gab heute bekannt, dass die FDA ACM-101 den Orphan-Drug-Status für die Behandlung von Morbus Fabry erteilt hat.",
    ),
    (
        "desig:granted",
        "ha annunciato oggi che la FDA ha concesso la designazione di farmaco orfano ad ACM-101 per il trattamento della malattia di Fabry.",
    ),
    (
        "desig:granted",
        "anunció hoy que la FDA ha otorgado la designación de medicamento huérfano a ACM-101 para el tratamiento de la enfermedad de Fabry.",
    ),
    (
        "desig:granted",
        "meddelar i dag att FDA har beviljat ACM-101 särläkemedelsstatus (Orphan Drug Designation) för behandling av Fabrys sjukdom.",
    ),
    (
        "desig:granted",
        "maakt vandaag bekend dat de FDA de Fast Track-status heeft toegekend aan ACM-101 voor de behandeling van NASH.",
    ),
    # look-alikes from other news: no event
    ("-", "today announced that it has initiated coverage of the biotechnology sector with a buy rating."),
    ("-", "today announced that construction of Phase 2 of its Nevada mine has begun."),
    ("-", "today announced that it has launched Phase 3 of its share buyback program."),
    ("-", "today announced that its drilling program has commenced at the Red Lake project."),
    ("-", "today announced that the jury trial in its patent case against Beta Corp. will begin in June 2026."),
    ("-", "today announced that the first customer has been onboarded to its new platform."),
    ("-", "today announced that it has started trading on the Nasdaq Capital Market under the symbol ACME."),
    ("-", "today announced that it has initiated a strategic review of its business."),
    ("-", "today announced that the FDA has approved its New Drug Application for ACM-101 for the treatment of NASH."),
    ("-", "today announced that it has received CE Mark approval for its ACM-200 device."),
    ("-", "today announced that the FDA has granted 510(k) clearance to its ACM-200 imaging system."),
    ("-", "today announced that it will host a conference call at 8:00 a.m. ET to begin the discussion of results."),
    ("-", "today announced that the Phase 3 trial of ACM-101 met its primary endpoint."),
    ("-", "today announced that the first patient has completed treatment in the Phase 2 trial of ACM-101."),
    ("-", "today announced that enrollment has been completed in the Phase 2 trial of ACM-101."),
    ("-", "today announced that the last patient has completed the final visit in the Phase 3 trial of ACM-101."),
    ("-", "today announced a pilot program with a hospital system, which will begin in the first quarter of 2027."),
    ("-", "today announced that its ACM-200 system received Breakthrough Device designation from the FDA."),
    ("-", "today announced that it has received an Innovation Passport from the MHRA for ACM-101."),
    ("-", "today announced that the FDA has accepted its IND submission for review."),
    (
        "trial:planned",
        "today announced the closing of its $50 million public offering to fund the Phase 3 trial of ACM-101, expected to begin in 2027.",
    ),
    # the dateline paragraph adding a second grant in a bare past ("Additionally, …"); a dated one recalls it
    ("desig:granted,desig:granted", "today announced that ACM-101 has received Rare Pediatric Disease designation from the FDA for Fabry disease. Additionally, the FDA granted ACM-101 Orphan Drug designation in Fabry disease."),
    ("desig:granted", "today announced that ACM-101 has received Rare Pediatric Disease designation from the FDA for Fabry disease. Additionally, the FDA granted ACM-101 Orphan Drug designation in Fabry disease in May 2019."),
    # working towards a start; trials "expected to begin"; a study "to be conducted"; leave "allowing the initiation of"
    ("trial:planned", "today reported results. Acme is working with a university cancer centre towards initiating a Phase 1b trial of ACM-101 in breast cancer."),
    ("trial:planned", "today reported results. Clinical trials of ACM-101 are expected to begin before year-end."),
    ("trial:planned", "today announced that its Phase 1 study of ACM-101 is now expected to start in December 2026."),
    ("trial:planned", "today announced that a Phase 1 pharmacokinetics study to be conducted on ACM-101 has been designed with a hospital in Melbourne."),
    ("ind_c:cleared,trial:planned", "today announced that Health Canada has issued a No Objection Letter for its CTA, thereby allowing the initiation of a Phase 2 trial of ACM-101."),
    ("trial:initiated", "today announced that its clinical trial sites for the Phase 2 study of ACM-101 are now active and screening patients."),
    ("trial:planned", 'today announced the appointment of a Chief Medical Officer. "We will continue to prepare our IND with the intention of initiating human clinical trials of ACM-101 this year," said the CEO.'),
    # a clinical hold lifted is a clearance (the trial may go on), never a trial start; with no
    # regulator named, a clinical hold is the FDA's
    ("ind_c:cleared", "today announced that the FDA has removed the partial clinical hold on the Phase 1 trial of ACM-101."),
    ("ind_c:cleared", "today announced that the FDA has lifted the clinical hold on ACM-101."),
    ("ind_c:cleared", "today announced that the clinical hold on its ACM-101 program has been lifted."),
    ("-", "today announced that the FDA has placed a clinical hold on the Phase 1 trial of ACM-101."),
    # the application itself granted; a regulator's answer that lets the trial start
    ("ind_c:cleared,trial:planned", "today announced that its IND application for ACM-101 has been granted by the FDA. The IND allows Acme to initiate a Phase 1 trial."),
    ("ind_c:cleared,trial:planned", "today announced that it received a positive response from Health Canada on its Clinical Trial Application for ACM-101, thereby allowing the initiation of a Phase 2 trial."),
    # (a submission is no clearance; the trial it is for is the company's plan)
    ("trial:planned", "today announced that it has submitted a Clinical Trial Application for ACM-101, which will allow the initiation of a Phase 2 trial upon approval."),
    ("ind_c:cleared,trial:planned", "today announced that the FDA has cleared ACM-101 to enter a Phase 1 trial in patients with NASH."),
    # a regulator's approval "to carry out" a trial
    ("ind_c:cleared,trial:planned", "today announced that it has received the approval of the National Medical Products Administration to carry out a Phase 3 clinical trial of ACM-101."),
    # the trial as the subject of its clearance, one per regulator; a company's board is no regulator
    ("ind_c:cleared,ind_c:cleared,trial:planned", "today announced that its Phase 1 trial of ACM-101 has been cleared by the FDA and the European Medicines Agency."),
    ("-", "today announced that the Phase 2 trial of ACM-101 was approved by the Board of Directors."),
    # a place in the EMA's PRIME scheme is its grant
    ("desig:granted", "today announced that ACM-101 has been selected for the EMA's PRIME scheme for PBC."),
    ("desig:granted", "today announced that ACM-101 has been accepted into the European Medicines Agency's Priority Medicines (PRIME) scheme for PBC."),
    ("-", "today announced that it may apply for the EMA's PRIME scheme for ACM-101."),
    # more wordings of a plan, a start and a first dose
    ("trial:planned", "today reported results. First-patient-in for the Phase 2 trial of ACM-101 is expected in the third quarter of 2026."),
    ("trial:planned", "today reported results. A Phase 1 trial of ACM-101 is to be initiated in the second half of 2026."),
    ("trial:planned", "today reported results. Acme is gearing up to start a Phase 2 trial of ACM-101 later this year."),
    ("trial:initiated", "today announced that it has kicked off its Phase 2 trial of ACM-101."),
    ("trial:first_patient_dosed", "today announced that it began dosing patients in the Phase 1 trial of ACM-101."),
    ("trial:first_patient_dosed", "today announced that the first patients have been randomized in the Phase 3 trial of ACM-101."),
    ("trial:first_patient_dosed", "today announced that the first healthy volunteer has been dosed in the Phase 1 trial of ACM-101."),
    # a first dose told by what was given, and to whom; not a regimen's first dose
    ("trial:first_patient_dosed", "today announced that following approval of the Phase I clinical trial by the competent authority, ACM-101 has now been administered to the first healthy volunteer."),
    ("trial:first_patient_dosed", "today announced that the first dose of ACM-101 has now been given to humans in the Phase 1 study."),
    ("trial:first_patient_dosed", "today announced it has begun administering subjects in a Phase 1a clinical trial of ACM-101."),
    ("-", "today reported results of the Phase 2 trial of ACM-101. The first dose was administered per the approved dosing schedule and later doses over a shorter time."),
    # IND-enabling work, and a go-ahead still to be applied for, are no clearance
    ("-", "today announced preclinical data. Acme plans to launch IND-enabling studies of ACM-101 needed to apply for approval to proceed with human trials."),
    # a notice that another release is to be disregarded announces nothing of what that one said
    ("-", "We are advised by Acme Therapeutics that journalists and other readers should disregard the news release, ACME THERAPEUTICS ANNOUNCES FIRST PATIENT DOSED IN PHASE 1 TRIAL OF ACM-101, issued March 2, 2026. The announcement was inadvertently released early."),
    # a product launched is no trial, whatever dose its vials hold
    ("-", "today announced that it will soon launch Acmecillin for Injection and will package the product in single dose, 500 mg vials."),
    # a plan given up, what any trial needs, a trial's new sites, "as planned", a device study
    ("-", "today announced a delay. Due to uncertainties around the timeline for resubmission, we no longer expect the Phase 1 trial of ACM-101 to commence before the end of 2026."),
    ("-", "today announced preclinical data. The data provide product safety information on ACM-101 that is typically required to gain approval to commence human clinical trials."),
    ("-", "today announced that patient recruitment in the Phase 2 trial of ACM-101 is opening at two new study sites in Finland and Sweden."),
    ("-", "today announced the opening of Oslo University Hospital as a site for the Phase 2 trial of ACM-101."),
    ("-", "today reported results. A US 510(k) study of the AcmeGraft device is expected to commence in the first quarter of 2027."),
    # a regulator that would not approve the application is no clearance
    ("-", "today announced that the MHRA has given notice that it has not been able to approve the Clinical Trial Authorisation for ACM-101."),
    ("ind_c:cleared", "today announced that it has received clinical trial authorisation (CTA) from the MHRA for ACM-101."),
    # an agreement on a trial's design is no clearance
    ("-", "today announced that the FDA agreed to the Phase 3 trial design for ACM-101 under a Special Protocol Assessment."),
    ("-", "today reported results. The study design has been approved by the European Medicines Agency."),
    # a phase written short is no sentence's end
    ("trial:planned", "today reported results. The IND is expected to be filed in 2Q26 followed by initiation of Ph. 2 trial with ACM-101 in ALS."),
    # a reporting period's end dates the period, not the news told with it
    ("ind_c:cleared", "today announced the FDA has lifted the partial clinical hold placed on the company's ACM-101 investigational new drug and reported financial results for the second quarter ended June 30, 2026."),
    # a code whose second part leads with a lower-case prefix
    ("ind_c:cleared", "today announced that the FDA has lifted the clinical hold on its CART-ddACM investigational new drug."),
    # a first patient of a trial already running; a go-ahead still to be applied for
    ("-", "today announced that it has treated its first patient under its continuing Phase II clinical trial of ACM-101."),
    ("-", "today reported preclinical data. It is expected to take eight to ten weeks to apply for and receive approval to commence human clinical trials of ACM-101."),
    # a trial that follows another step of the plan
    ("trial:planned", "today announced the completion of IND-enabling studies for ACM-101. The Company plans to file an IND in the second quarter of 2026, with a Phase 1 study to follow in the second half of 2026."),
    ("trial:planned", "today announced that it plans to file an IND for ACM-101 in the second quarter of 2026, followed by the initiation of a Phase 1 trial."),
    # a milestone named as a noun is a plan when dated ahead, a deed when not
    ("trial:planned", "today reported results.\n\nInitiation of a Phase 2 trial of ACM-101 in the first half of 2027."),
    ("-", "today reported results.\n\nInitiation of a Phase 2 trial of ACM-101 in the fourth quarter of 2025."),
    # a plan coordinated after another task without a comma; "poised to"
    ("trial:planned", "today announced that it is on track to submit an IND for ACM-101 in the first quarter and to initiate a Phase 1 trial in the second quarter of 2026."),
    ("trial:planned", "today announced that it is poised to begin dosing patients in the Phase 1 trial of ACM-101 in the coming weeks."),
    # a request told after the designation's name, or as asking the regulator
    ("desig:applied", "today announced that it has submitted an NDA for ACM-101; Priority Review was requested for the ACM-101 NDA, which, if granted, would shorten the review."),
    ("desig:applied", "today announced that it has also asked the FDA to designate the ACM-101 application for Priority Review."),
    # the first patient named by their disease; a hope to begin is a plan (a hope for results is not)
    ("trial:planned", "today reported results. In Q3 2026, Acme expects to dose the first Fabry disease patient with ACM-101."),
    ("trial:planned", "today reported results. Acme hopes to be able to begin its Phase 2 trial of ACM-101 before year end."),
    ("-", "today reported results. Acme hopes the Phase 2 data will support approval of ACM-101."),
    # a Swedish plan "to conduct" a trial; a running trial's count "to date" is no first dose
    ("trial:planned", "today reported results. Acme planerar att genomföra en ny fas 2B-studie med ACM-101."),
    ("-", "today reported results. ACM-101 has a manageable safety profile in the over 400 patients we have dosed to date."),
    # China's regulator accepting an IND for review is no clearance (its approval is)
    ("-", "today announced that the National Medical Products Administration (NMPA) has accepted the IND application for ACM-101."),
    ("ind_c:cleared", "today announced that the National Medical Products Administration (NMPA) has approved the IND application for ACM-101."),
    # a disclosure form's field naming the possible outcomes is no go-ahead
    ("-", "today disclosed: (1) Application submission/approval/disapproval of clinical trials: The Company received the review opinions on the IND application of the phase I clinical trial of ACM-101 from the FDA."),
    # a first patient "included"; a perfect infinitive tells what is done
    ("trial:initiated", "today announced that the first patient has been included in the Phase 2 study of ACM-101."),
    ("trial:first_patient_dosed", "today announced that it is delighted to now have randomized the first patient in the Phase 2b trial of ACM-101."),
    # starts told with other verbs: a first cohort enrolled, a trial opened for enrollment, a first
    # patient implanted or randomized; a plan "looks to" begin
    ("trial:initiated", "today announced that the first cohort has been enrolled in the Phase 1 trial of ACM-101."),
    ("trial:initiated", "today announced that the Phase 2 trial of ACM-101 opened for enrollment this month."),
    ("trial:first_patient_dosed", "today announced that the first patient was implanted with ACM-101 in the pivotal trial."),
    ("trial:first_patient_dosed", "today announced that it has randomized the first patient in its Phase 3 trial of ACM-101."),
    ("trial:planned", "today reported results. Acme looks to initiate a Phase 2 trial of ACM-101 in 2027."),
    ("-", "today reported results. Acme looks to the Phase 2 data of ACM-101 to guide the start of its next program."),
    # a regulator approving the product for trials, or the application written in lower case
    ("ind_c:cleared", "today announced that it has received approval from the FDA for its investigational new drug application for ACM-101."),
    ("ind_c:cleared,trial:planned", "today announced that the NMPA approved ACM-101 for a Phase 1 clinical trial in patients with solid tumors."),
    ("ind_c:cleared", "today announced that ACM-101 was approved by the Paul-Ehrlich-Institut for clinical testing in Germany."),
    ("ind_c:cleared,trial:planned", "today announced that the MHRA approved ACM-101 for use in the Phase 2 trial in the United Kingdom."),
    ("ind_c:cleared", "today announced that ACM-101 received clinical trial approval from the NMPA for the treatment of lupus."),
    ("-", "today announced a patent. ACM-101 is an investigational new drug and has not been approved for any indication."),
    # a big company's code of seven or eight digits is a product; a registry number is not
    ("trial:first_patient_dosed", "today announced that the first healthy subject has been dosed with ACM0030310 in a Phase I clinical study."),
    # an application for a designation made to a named regulator
    ("desig:applied", "today announced that it has applied to the FDA for Orphan Drug Designation for ACM-101 for PBC."),
    # a dose given outside any trial: expanded access, compassionate use
    ("-", "today announced that the first patient has been dosed with ACM-101 in its expanded access program for ALS."),
    ("-", "today announced that a first patient was treated with ACM-101 under a compassionate use protocol."),
    # a start in the passive future, an opening, "as we initiate", a filing "to support initiation of" a trial
    ("trial:planned", "today announced that the Company anticipates that an international multicenter Phase 1/2 clinical trial of ACM-101 will be opened for the screening of adult patients during the fourth quarter of 2026."),
    ("trial:planned", "today announced that it will open the study of ACM-101 for the first adult patients during the fourth quarter of 2026."),
    ("trial:planned", 'today announced that "we are pleased to have support from the FDA as we initiate our first clinical trial of ACM-101."'),
    ("trial:planned", "today announced that it plans to file an IND application with the FDA later this year to support initiation of a Phase 1 clinical trial of ACM-101."),
    ("-", "today announced that the Phase 2 trial of ACM-101, which will be completed in 2027, is enrolling patients."),
    # clinical development planned for a period; a candidate "set to enter the clinic"
    ("trial:planned", "today announced preclinical data for ACM-328 that support clinical development planned for the second half of 2026."),
    ("trial:planned", "today announced that a partnered candidate, ACM-466, is also set to enter the clinic later this year."),
    ("-", "today announced that clinical development of ACM-101 continues as planned in 2026 with the Phase 3 trial enrolling."),
    # the first patient and its verb far apart
    ("trial:first_patient_dosed", "today announced that the first patient in the ORBIT Phase I study assessing the pharmacokinetics, safety and tolerability of oral ACM-101 in patients with CMD has been dosed."),
    # a go-ahead whose giver is written with an abbreviation's dots ("U.S.", "U.K.")
    ("ind_c:cleared,trial:planned", "today announced that it has received approval from the U.S. Food and Drug Administration to begin a Phase 1 trial of ACM-101."),
    ("ind_c:cleared,trial:planned", "today announced that it has received clearance from the U.S. FDA to initiate a Phase 1 trial of ACM-101."),
    ("ind_c:cleared,ind_c:cleared,trial:planned", "today announced regulatory approval from the U.K. and Italian regulatory agencies to proceed with the Phase 2 trial of ACM-101."),
    # an IND let go on with its object between, or become effective
    ("ind_c:cleared", "today announced that the FDA has allowed its IND for ACM-101 to proceed."),
    ("ind_c:cleared", "today announced that the Investigational New Drug application for ACM-101 has become effective."),
    # a designation held, in apposition to the product the news is about
    ("-", "today announced data for ACM-101, an FDA-designated Breakthrough Therapy for ALS."),
    # the FDA's "allowance" of an IND is its clearance
    ("ind_c:cleared", "announced today that it has received U.S. Food and Drug Administration allowance for an Investigational New Drug (IND) application for ACM-614, a two-step extended-release oxycodone prodrug."),
    # a trial or a phase with its plan after it; not data planned for a period
    ("trial:planned", "today announced that a multi-dose Phase 1 trial of ACM-101 has been completed, an important step as we continue moving toward Phase 2 planned for next year."),
    ("-", "today announced that topline results from the Phase 2 study of ACM-101 planned for the third quarter of 2026 will be presented at a medical meeting."),
    # a regulator's approval told as a noun with its giver, one or several: a clearance each, and the start planned
    ("ind_c:cleared,trial:planned", "today announces the approval by the Swedish Medical Products Agency to commence a Phase I/IIa clinical trial with ACM-109 for nasal decolonisation of MRSA."),
    ("ind_c:cleared,ind_c:cleared,trial:planned", "announced approvals from the Norwegian Medicines Agency and the Swedish Medical Products Agency to commence Phase I clinical trials of ACM-315 for the treatment of cancer."),
    # a recall cue in what follows the news about something else — the population, the grounds, an
    # aside on the product — does not recall the news; in the news's own clause it does
    ("desig:granted", "today announced that the FDA has granted Fast Track designation to ACM-101 for recently diagnosed Type 1 Diabetes patients."),
    ("desig:granted", "today announced that the FDA has granted Orphan Drug designation to ACM-101 for the treatment of patients who have already received two lines of therapy."),
    ("desig:granted", "today announced that the FDA has granted Fast Track designation to ACM-101 for gout, following the positive results previously reported from its Phase 2 trial."),
    ("desig:granted", "today announced that the FDA has granted Fast Track designation to ACM-101 for gout based on data that had been presented last year."),
    ("desig:granted", "today announced that ACM-101, which is already in a Phase 2 trial, has been granted Fast Track designation for gout."),
    ("trial:first_patient_dosed", "today announced that the first patient has been dosed in its Phase 2 trial of ACM-101 in patients who have already received two prior lines of therapy."),
    ("trial:first_patient_dosed", "today announced that the first patient has been dosed in its Phase 2 trial of ACM-101, which was previously cleared by the FDA."),
    ("trial:initiated", "today announced that it has initiated a Phase 2 trial of ACM-101 based on data presented last year."),
    ("ind_c:cleared", "today announced that the FDA has cleared the IND for ACM-101 for patients who have already failed therapy."),
    ("-", "today announced an update. The IND for ACM-101, which was cleared by the FDA last year, supports the trial."),
    ("-", "today announced an update. As previously announced, the first patient has been dosed in the Phase 2 trial of ACM-101."),
    # a regulator's grant of the application to start; a country's authority named in words beside its ethics committee
    ("ind_c:cleared,trial:planned", "today announced that the Swedish Medical Products Agency has granted the Company's application to commence a phase II clinical trial with ACM-101 in Sweden."),
    ("ind_c:cleared", "today announce that the clinical trial application to investigate ACM-101 in combination with FOLFIRINOX for first line treatment of metastatic pancreatic cancer (PDAC), has been approved by the regulatory authority and the central ethics committee in France."),
    # an application for approval filed is no approval, in German too
    ("-", "gab heute bekannt: Bereits im Februar hat Acme den Antrag auf Genehmigung der ersten klinischen Studie (Investigational New Drug, IND) mit ACM-101 planmäßig bei der FDA eingereicht."),
    # "a notice to proceed" for an IND; a programme run "under IND approval" tells no clearance
    ("ind_c:cleared", "today announced that it has received a notice to proceed for its Investigational New Drug (IND) from the FDA to study ACM-101 in patients with COVID-19."),
    ("-", "today announced an update. \u201cAcme has expanded its clinical program in the United States to six indications under IND approval, including ischemic stroke,\u201d said the CEO of ACM-101's maker."),
    # a regulator's go-ahead in plainer words
    ("ind_c:cleared", "today announced that the FDA has completed its 30-day review of the IND for ACM-101 with no objections."),
    ("ind_c:cleared,trial:planned", "today announced that the FDA has given the green light for the Phase 1 trial of ACM-101."),
    ("ind_c:cleared", "today announced that the FDA has signed off on the IND for ACM-101."),
    ("-", "today announced that its board gave the green light for a new manufacturing plant for ACM-101."),
    ("desig:granted", "today announced that the FDA has approved Acme's request for Fast Track designation for ACM-101 in gout."),
    # what starts is a process before the trial, not the trial
    ("-", "today announced that it has started the process of selecting sites for its Phase 2 trial of ACM-101."),
    ("-", "today announced that it has begun preparations for its Phase 2 trial of ACM-101."),
    # the trial a go-ahead permits, named before the application it accepts
    ("ind_c:cleared,trial:planned", "announces that the FDA has issued a Study may proceed letter for the first study in humans, thereby accepting the investigational new drug (IND) application for the drug candidate ACM-101."),
    # a lower-case drug name with its programme after it
    ("desig:granted", "announced that the U.S. Food and Drug Administration (FDA) has granted Fast Track designation to the company's emricasan development program for the treatment of liver cirrhosis caused by NASH."),
    # the grant the news follows came before it; each grant keeps its own giver
    ("desig:granted", "today announced that the European Commission granted orphan medicinal product designation to ACM-101 for the treatment of chronic lymphocytic leukemia (CLL). \u201cReceiving orphan medicinal product designation for ACM-101 from the European Commission, following orphan drug designation from the FDA, is an important step,\u201d said the CEO."),
    # a committee's opinion as the grounds of the grant told is no opinion status
    ("desig:granted", "today announced that the European Commission has granted Orphan Drug Designation to ACM-101 for the treatment of Fabry disease, following a positive opinion from the COMP."),
    ("desig:positive_opinion", "today announced that the COMP has adopted a positive opinion recommending Orphan Drug Designation for ACM-101 for the treatment of Fabry disease."),
    # a bare month after a verb in the past is the month just gone (the release is of March 3, 2026)
    ("-", "today announced an update. \u201cWe dosed the first patient in our Phase 1 trial of ACM-202 in February and we are preparing the next study,\u201d said the CEO. This is a quarterly report."),
    # a cohort filled in a running trial is no start, whatever else commenced
    ("-", "today announced an update. The first cohort of 9 patients has been fully recruited and treatment commenced in the Phase 2 trial of ACM-101, following a detailed screening process."),
    # the first patient enrolled in the bare past is a start (dated before the release, a recall)
    ("trial:initiated", "is pleased to announce that it enrolled the first patient in its first sponsor-initiated Phase II clinical trial for ACM-101 for the treatment of melanoma in the US."),
    ("-", "today announced an update. In July 2025, Acme enrolled the first patient in its Phase 2 trial of ACM-101."),
    # a plan said by what is ready for it, what it is a goal of, or what money will pay for
    ("trial:planned", "today announced an update. Upcoming milestones include the initiation of a Phase 2 trial of ACM-101 in the second half of 2026."),
    ("trial:planned", "today announced an update. Key objectives for 2026 are to start a Phase 2 trial of ACM-101 and to file an IND for ACM-202."),
    ("trial:planned", "today announced an update. Preparations are underway to initiate a Phase 2 trial of ACM-101 in the first half of 2026."),
    ("trial:planned", "today announced an update. Acme is now in a position to start its Phase 2 trial of ACM-101."),
    ("trial:planned", "today announced an update. We are on course to start the Phase 2 trial of ACM-101 in 2026."),
    ("trial:planned", "today announced an update. Our priority for next year is to bring ACM-101 into a Phase 2 trial."),
    ("trial:planned", "today announced an update. We are targeting the first half of 2026 for the start of the Phase 2 trial of ACM-101."),
    ("trial:planned", "today announced a financing. We expect that this funding will support such activities for ACM-101 including preparations for a potential New Drug Application (NDA), commencing an 8-week clinical study of a pump spray formulation for sinusitis."),
    ("-", "today announced an update. Acme is ready to begin trading on the Nasdaq, and its goals include the start of commercial sales of ACM-101."),
    # a day-precise date a few weeks before the release is its news told late, as one earlier in its own
    # month is; a month before that, or an earlier announcement's date, is a recall
    ("ind_c:cleared,trial:planned", "has been granted approval for a Phase 1/2 clinical trial for ACM-101 by the NMPA on February 12, 2026."),
    ("-", "has been granted approval for a Phase 1/2 clinical trial for ACM-101 by the NMPA on December 12, 2025."),
    ("-", "announced on February 12, 2026 that it had received a Study May Proceed letter from the FDA for the Phase 1 trial of ACM-101."),
    # a plan told in the past, overtaken (before a clinical hold), is no plan
    ("-", "today announced a clinical hold. The Phase 2 trial of ACM-101 was scheduled to begin enrolling patients in the coming weeks."),
    ("trial:planned", "today announced an update. The Phase 2 trial of ACM-101 is scheduled to begin enrolling patients in the coming weeks."),
    # a first patient "targeted" for a period is a plan; a targeted therapy's first patient dosed is news
    ("trial:planned", "today announced its Phase 3 program of ACM-101, with targeted first patient enrolled in the United States this year."),
    ("trial:first_patient_dosed", "today announced that it has dosed the first patient with its targeted therapy in its Phase 1 trial of ACM-101."),
    # milestones "including the initiation of" a trial; a product advanced "towards" a trial
    ("trial:planned", "today announced an update. We look forward to milestones coming up, including the initiation of the ACM-101 clinical studies later this year."),
    ("trial:planned", "today announced that the transaction will enable Acme to advance its vaccine, ACM-101, towards a Phase 1 clinical trial."),
    # a clearance that names no trial to start ("enables clinical studies") is a clearance only (docs/labelling.md)
    ("ind_c:cleared", "today announced that the FDA cleared the IND for ACM-101, enabling clinical studies."),
    ("ind_c:cleared", "today announced that its antibody ACM-101 was approved by the NMPA for clinical trials."),
    ("ind_c:cleared", "today announced that the FDA cleared the IND for ACM-101, allowing Acme to proceed with clinical trials."),
    ("ind_c:cleared,trial:planned", "today announced that the FDA cleared the IND for ACM-101, enabling a Phase 1 study."),
    # a trial that "could begin" in a year is a plan; a company "sponsors" or "runs" the trial it plans; a
    # start named as a noun after another step the company targets; a program brought into the clinic
    ("trial:planned", "today announced an update. The program's Phase 1 study of ACM-101, which could begin in 2027, is designed."),
    ("trial:planned", "today announced an update. Acme plans to sponsor a Phase 1 trial of ACM-101 in the first half of 2027."),
    ("trial:planned", "today announced an update. Acme intends to run a Phase 2 trial of ACM-101 in 2027."),
    ("trial:planned", "today announced an update. We are targeting a CTA filing in mid-2026 and the beginning of the Phase 1 trial of ACM-101 by the end of 2026."),
    ("trial:planned", "today announced an update. We plan to bring our second program, ACM-101, into the clinic this year."),
    ("-", "today announced an update. Acme could start trading on the Nasdaq in 2027 and continues to run the Phase 1 trial of ACM-101."),
    # a running trial taken to new sites or a new country: neither a clearance to start nor a start
    ("-", "announces that the US Food and Drug Administration has cleared the Company's investigational new drug ('IND') application to expand the Phase 2 proof of concept clinical trial called PhaseOut DMD to trial sites in the US."),
    # an ethics committee's approval, or a notification still to come, is no regulator's go-ahead
    ("-", "today announced an update. HREC approval has been received for the primary clinical site, while clinical trial notification acknowledgement by the Australian Therapeutic Goods Administration and HREC approvals for the remaining clinical sites remain to be completed for ACM-101."),
    ("-", "today announced an update. The Australian component of the Phase I trial will be conducted under the CTN Scheme, meaning Acme will notify the Therapeutic Goods Administration (TGA) of HREC approval for ACM-101."),
    # a product taken on to a phase or into people is a plan (a verb of motion in the present or to come)
    ("trial:planned", "today announced an update. Acme is focused on advancing ACM-101 to Phase 3 trials in 2027."),
    ("trial:planned", "today announced an update. Management remains focused on expediting ACM-101 into Phase 1 human clinical trials by early 2027."),
    ("trial:planned", "today announced an update. We expect our partner to progress ACM-101 into Phase 2b in uterine fibroids."),
    ("trial:planned", "today announced an update. Acme intends to take ACM-101 into Phase 2 in 2027."),
    ("trial:planned", "today announced an update. Acme anticipates ACM-101 entering the clinic in the first half of 2027."),
    ("trial:planned", "today announced an update. Acme is on track for a Phase 3 clinical trial of ACM-101 in 2027."),
    ("trial:planned", "today announced an update. Acme will kick off a Phase 2 trial of ACM-101 in 2027."),
    ("trial:first_patient_dosed", "today announced that the first cohort of healthy subjects has been dosed in the Phase 1 trial of ACM-101."),
    # … but not a trial's readout on track, a running trial's progress, or what the trial has done
    ("-", "today announced an update. Acme is on track for the Phase 3 trial readout of ACM-101 in 2027."),
    ("-", "today announced an update. The Phase 2 trial of ACM-101 continues to progress, with enrollment completed in 2025."),
    # a first dose by its verb or as a noun told today; a product in the clinic; a plan as a next step,
    # a "move forward with", a plan named "planning"
    ("trial:first_patient_dosed", "today announced that the first participant has been vaccinated in the Phase 1 trial of ACM-101."),
    ("trial:first_patient_dosed", "today announced the first-in-human dosing of ACM-101 in its Phase 1 trial."),
    ("trial:planned", "today announced that the first-in-human dosing of ACM-101 is expected in mid-2027."),
    ("trial:initiated", "today announced that ACM-101 has entered the clinic."),
    ("trial:planned", "today announced an update. Acme's next step is to start a Phase 2 trial of ACM-101 in 2027."),
    ("trial:planned", "today announced an update. Acme will now move forward with a Phase 2 trial of ACM-101 in 2027."),
    ("trial:planned", "today announced an update. Acme is planning a Phase 2 trial of ACM-101 for 2027."),
    # a plan refused or not a start: "not/unable to move forward with", a trial's readout or its
    # enrollment "on track", "a phase in which", progress as a noun (review of 2026.12.146)
    ("-", "today announced that it decided not to move forward with the Phase 2 trial of ACM-101."),
    ("-", "today announced that it will be unable to move forward with the Phase 2 trial of ACM-101."),
    ("-", "today announced that ACM-101 remains on track for the Phase 3 trial's topline data in 2027."),
    ("-", "today announced that ACM-101 is on track for the Phase 3 trial to complete enrollment."),
    ("-", "today announced that it expects ACM-101 entering a phase in which commercial scale-up dominates."),
    ("-", "today announced that it made significant progress toward the Phase 3 trial of ACM-101 readout."),
    # a regulator's "go-ahead" for a trial, as its "green light"
    ("ind_c:cleared,trial:planned", "today announced that the FDA has given the go-ahead for a Phase 2 trial of ACM-101."),
    # a grant told by the verb "designate": "designated X as a Fast Track product", "designated an orphan drug"
    ("desig:granted", "today announced that the FDA has designated ACM-101 as a Fast Track product for NASH."),
    ("desig:granted", "today announced that ACM-101 has been designated an orphan drug by the FDA for Fabry disease."),
]


@pytest.mark.parametrize(("expected", "sentence"), WORDINGS)
def test_wording(expected: str, sentence: str) -> None:
    events = [e.to_dict() for e in extract(DATELINE + sentence).events if e.announced]
    got = ",".join(sorted(f"{e['kind'][:5]}:{e['status']}" for e in events if e["kind"] in FIRST_KINDS)) or "-"
    assert got == expected, sentence


# a release about one designation, and what its body says of others
DESIGNATION_RELEASE = (
    "Acme Therapeutics Receives FDA Fast Track Designation for ACM-101 in NASH\n\n"
    "BOSTON, March 3, 2026 (GLOBE NEWSWIRE) -- Acme Therapeutics, Inc. (Nasdaq: ACME) today announced that the U.S. "
    "Food and Drug Administration (FDA) has granted Fast Track designation to ACM-101 for the treatment of NASH.\n"
)
HELD = [
    "This designation follows the Orphan Drug Designation granted to ACM-101 by the FDA for PBC.",
    "The Fast Track designation joins the Orphan Drug Designation that ACM-101 received from the EMA for PBC.",
    "ACM-101 is the first therapy to hold both Fast Track and Breakthrough Therapy designations for NASH.",
    "In addition to Fast Track, ACM-101 has Orphan Drug Designation from the FDA for PBC.",
    "ACM-101 also has Orphan Drug Designation in the U.S. and EU for PBC.",
    "This is the third regulatory designation for ACM-101, following Orphan Drug Designation for PBC and Rare Pediatric Disease designation for biliary atresia.",
    "ACM-202 received Breakthrough Therapy designation for gout in 2024.",
    "Highlights:\n- Fast Track designation for ACM-101 in NASH\n- Orphan Drug Designation for ACM-101 in PBC (granted in 2025)",
    "ACM-101 was previously granted Orphan Drug Designation by the FDA for the treatment of PBC.",
    "With this designation, ACM-101 now holds Fast Track, Orphan Drug and Rare Pediatric Disease designations from the FDA.",
    "The company's lead candidate ACM-202 has been granted Breakthrough Therapy designation by the FDA for gout.",
    "ACM-303 has received Orphan Drug Designation from the FDA and PRIME designation from the EMA.",
    # what the lead's own product holds besides the news
    "ACM-101 has been granted Orphan Drug Designation by the FDA for the treatment of PBC.",
    "ACM-101 has received Breakthrough Therapy, Fast Track and Orphan Drug designations.",
    "ACM-101 has been granted PRIME status by the EMA and Orphan Drug Designation by the FDA and EMA.",
    "ACM-101 has been awarded Orphan Drug Designation in the U.S. and Europe.",
    # another kind for the lead's product, told in a bare past tense: held, not granted with the news
    "The European Commission granted Orphan Drug Designation to ACM-101 for PBC.",
    "The FDA granted Fast Track designation to ACM-202 for gout.",
]


def test_the_agency_s_further_grant_for_the_lead_s_product_is_news() -> None:
    body = "The FDA has also granted Orphan Drug Designation to ACM-101 for the treatment of PBC."
    announced = [e for e in extract(DESIGNATION_RELEASE + body).events if e.announced and e.kind == "designation"]
    assert sorted((e.designation, e.product) for e in announced) == [("fast_track", "ACM-101"), ("orphan_drug", "ACM-101")]


@pytest.mark.parametrize("body", HELD)
def test_a_designation_the_body_only_holds_is_not_announced(body: str) -> None:
    announced = [e for e in extract(DESIGNATION_RELEASE + body).events if e.announced and e.kind == "designation"]
    assert [(e.designation, e.product) for e in announced] == [("fast_track", "ACM-101")], body


def test_each_designation_of_a_list_keeps_its_own_giver() -> None:
    text = (
        DATELINE
        + "today announced that ACM-303 has received Orphan Drug Designation from the FDA and PRIME designation from the EMA for ALS."
    )
    got = {(e.agency, e.designation) for e in extract(text).events}
    assert got == {("FDA", "orphan_drug"), ("EMA", "prime")}
    both = (
        DATELINE
        + "today announced that ACM-303 has received Orphan Drug Designation from the FDA and the European Commission for ALS."
    )
    assert {(e.agency, e.designation) for e in extract(both).events} == {("FDA", "orphan_drug"), ("EMA", "orphan_drug")}


def test_a_product_named_only_by_description() -> None:
    text = (
        DATELINE
        + "today announced that its IND application, to commence a Phase I clinical trial for its anthrax monoclonal antibody therapeutic, has cleared FDA review."
    )
    assert {e.product for e in extract(text).events} == {"anthrax monoclonal antibody therapeutic"}


# whole short releases: headline, dateline, body — the events announced, as kind:status:product
RELEASES = [
    (
        "trial:planned:ACM-101",
        "Acme Therapeutics to Initiate Phase 3 Trial of ACM-101 in 2027\n\n"
        + DATELINE
        + "today reported positive results from its Phase 2 trial of ACM-101 in NASH.",
    ),
    (
        "trial:planned:ACM-101",
        "Acme Therapeutics Reports Fourth Quarter Results\n\n"
        + DATELINE
        + "today reported results.\nHighlights:\n- Initiation of the Phase 2 trial of ACM-101 expected in the first half of 2027\n- Cash of $100 million",
    ),
    (
        "trial:planned:ACM-101,trial:planned:ACM-102",
        DATELINE + "today announced that it expects to initiate Phase 1 trials of ACM-101 and ACM-102 in 2027.",
    ),
    (
        "trial:planned:ACM-101",
        DATELINE + "today announced that it plans to initiate a Phase 2b trial (ACCORD-2) of ACM-101 in mid-2027.",
    ),
    ("trial:initiated:ACM-101", DATELINE + "today announced that the ASCEND trial of ACM-101 has begun enrollment."),
    (
        "ind_c:cleared:ACM-101,trial:planned:ACM-101",
        "Acme Announces FDA Clearance of IND for ACM-101\n\n"
        + DATELINE
        + "today announced that the FDA has cleared the IND for ACM-101. The company plans to begin the Phase 1 trial in the third quarter of 2026.",
    ),
    (
        "ind_c:cleared:ACM-101",
        "Acme Receives FDA Clearance of IND Application for ACM-101\n\n"
        + DATELINE
        + "today announced that the U.S. Food and Drug Administration has cleared the Investigational New Drug application.",
    ),
    (
        "desig:granted:ACM-101",
        "ACM-101 Granted Breakthrough Therapy Designation\n\n"
        + DATELINE
        + "today announced that ACM-101 has been granted Breakthrough Therapy Designation for the treatment of NASH.",
    ),
    (
        "desig:granted:ACM-101",
        "FDA Grants Fast Track Designation to Acme's ACM-101\n\n"
        + DATELINE
        + "today announced that the U.S. Food and Drug Administration has granted Fast Track designation to ACM-101, its lead candidate, for the treatment of NASH.",
    ),
    (
        "trial:first_patient_dosed:ACM-101",
        "Acme Doses First Patient in Phase 1 Trial of ACM-101\n\n"
        + DATELINE
        + "today announced that the first patient has been dosed in its Phase 1 clinical trial of ACM-101, an oral inhibitor, in patients with solid tumors.",
    ),
    (
        "trial:initiated:ACM-101",
        "Acme Initiates Phase 2 Trial of ACM-101\n\n"
        + DATELINE
        + "today announced the initiation of a Phase 2 clinical trial of ACM-101 in patients with gout. The trial will enroll 120 patients.",
    ),
    (
        "-",
        "Acme Reports Third Quarter 2026 Financial Results\n\n"
        + DATELINE
        + "today reported financial results for the quarter ended September 30, 2026.\nRecent Highlights:\n- Dosed the first patient in the Phase 1 trial of ACM-101 in August 2026\n- Received Fast Track designation for ACM-202 in July 2026",
    ),
]


# a periodic report: the period's milestones are recalled, what it says happened today is news
RELEASES += [
    (
        "desig:granted:ACM-202",
        "Acme Reports Third Quarter 2026 Financial Results\n\n"
        + DATELINE
        + "today reported financial results for the third quarter of 2026. Acme also today announced that the FDA has granted Orphan Drug Designation to ACM-202 for the treatment of PBC.\nRecent Highlights:\n- Received Fast Track designation for ACM-101 in NASH in July 2026",
    ),
    (
        "-",
        "Acme AG veröffentlicht Geschäftsbericht 2025\n\nBERLIN, 3. März 2026 -- Acme AG (FWB: ACM) hat ACM-101 im Berichtsjahr den Orphan-Drug-Status der FDA erhalten.",
    ),
]

# "also received" the lead's kind for other diseases: held, not today's news
RELEASES += [
    (
        "desig:granted:ACM-101",
        "Acme Receives FDA Fast Track Designation for ACM-101 in ALS\n\n"
        + DATELINE
        + "today announced that the FDA has granted Fast Track designation to ACM-101 for the treatment of amyotrophic lateral sclerosis (ALS). ACM-101 has also received Fast Track designation from the FDA for the treatment of Niemann-Pick disease type C and inclusion body myositis.",
    ),
    (
        "desig:granted:ACM-101,desig:granted:ACM-101",
        "Acme Receives FDA Fast Track Designations for ACM-101 in ALS and Myositis\n\n"
        + DATELINE
        + "today announced that the FDA has granted Fast Track designation to ACM-101 for the treatment of amyotrophic lateral sclerosis (ALS). ACM-101 has also been granted Fast Track designation for the treatment of inclusion body myositis.",
    ),
]


# a headline's grant that the copy's body never states is the news; a sub-headline
# bullet of a release about something else only recalls
RELEASES += [
    (
        # (and the CEO's "as we initiate our first clinical trial" states a start to come, as the
        # labelled release this copy stands for has it)
        "desig:granted:ACM-101,trial:planned:ACM-101",
        "Acme Therapeutics' ACM-101 Receives Orphan Drug Designation for the Treatment of Ewing Sarcoma\n"
        "The FDA's Orphan Drug Designation program provides orphan status to drugs and biologics which treat rare diseases.\n"
        '"We are pleased to have support from the FDA as we initiate our first clinical trial," said the CEO.',
    ),
    (
        "-",
        "Acme Applauds Passage of the Give Kids a Chance Act\n\n"
        "- The Act reauthorizes the Pediatric Priority Review Voucher program\n"
        "- U.S. FDA has awarded Acme's ACM-101 program Rare Pediatric Disease designation and Orphan Drug designation\n\n"
        + DATELINE
        + "today applauds Congress for passing the Give Kids a Chance Act.",
    ),
]

# a running trial taken to a new country or into its next part: neither a clearance to start nor a start;
# what a clearance is, and a caution about it, are no clearance either
RELEASES += [
    (
        "-",
        DATELINE + "today announced that the EMA has approved the Clinical Trial Application for the conduct of the "
        "Phase 1/2 ORBIT Study with ACM-101, thereby expanding the clinical trial in the European Union.",
    ),
    (
        "-",
        DATELINE + "today announces that the Norwegian Medicines Agency and the Ethics Committee have awarded all "
        "necessary approvals to start recruitment of patients into the dose expansion part of the ORBIT study of ACM-101 in "
        "Norway.",
    ),
    (
        "-",
        DATELINE + "today announced that it has received an IND approval from the FDA enabling the initiation of a Phase "
        "IIa clinical trial of ACM-101 in the U.S. Acme has already begun its Phase IIa clinical trial in a number of "
        "sites in Israel. An IND approval is a prerequisite for clinical trials in any U.S. medical center. The Company "
        "wishes to clarify that the IND approval provides no guarantee for the completion of product development.",
    ),
]

# an application accepted with its priority review, told as the acceptance's news in any of its shapes
RELEASES += [
    (
        "desig:granted:ACM-101",
        "Acme Announces FDA Acceptance of New Drug Application for ACM-101\n\n"
        + DATELINE
        + "today announced news.\n\n" + body,
    )
    for body in (
        "The FDA has accepted the New Drug Application for ACM-101 for the treatment of gout for priority review.",
        "The New Drug Application for ACM-101 was accepted for filing with a Priority Review classification.",
        "The FDA has designated this application for ACM-101 as a priority review and assigned a PDUFA date of "
        "July 25, 2027.",
        "The FDA accepted the NDA for ACM-101 for gout. The NDA was granted Priority Review designation and the FDA "
        "assigned a PDUFA date of March 20, 2027.",
    )
]
# (… and recalled when the release is about other news)
RELEASES += [("-", DATELINE + "today announced news. The NDA for ACM-101 was accepted by the FDA in 2019 with priority review.")]

# an IND cleared to take a running trial to "clinical trial sites" in another country is no
# clearance to start, and a quote's "clearance of this IND" refers back to it, not to another
RELEASES += [
    (
        "-",
        "Acme Announces FDA Clearance of IND to Expand the Phase 1/2 ORBIT Study of ACM-101 to the United States\n\n"
        + DATELINE
        + "today announced that the FDA has cleared Acme's investigational new drug (IND) application to expand the "
        "Phase 1/2 ORBIT (A First Trial) study of ACM-101 (the \u201cORBIT Study\u201d), the Company's long-acting "
        "antibody, to clinical trial sites in the United States. The ORBIT Study is currently enrolling patients in "
        "Australia.\n\n\u201cClearance of this IND application is an important step for our ACM-101 program,\u201d "
        "said the CEO.",
    ),
]


@pytest.mark.parametrize(("expected", "text"), RELEASES)
def test_a_release(expected: str, text: str) -> None:
    events = [e for e in extract(text).events if e.announced]
    got = ",".join(sorted(f"{e.kind[:5]}:{e.status}:{e.product}" for e in events if e.kind in FIRST_KINDS)) or "-"
    assert got == ",".join(sorted(expected.split(","))), text


# a list of the past year's milestones in a release about another designation: recalled
RELEASES += [
    (
        "desig:granted:ACM-303",
        "Acme Receives FDA Orphan Drug Designation for ACM-303 in IPF\n\n"
        + DATELINE
        + "today announced that the FDA has granted Orphan Drug Designation to ACM-303 for the treatment of IPF.\n\n"
        "Key 2025 Milestones Achieved\n- FDA granted Orphan Drug Designation to ACM-101\n- Initiated Phase 2 trial of ACM-101",
    ),
]

# a release about one product's Fast Track that says another product holds one: held
RELEASES += [
    (
        "desig:granted:ACM-202",
        "Acme Receives FDA Fast Track Designation for ACM-202 in NASH\n\n"
        + DATELINE
        + "today announced that the U.S. FDA has granted Fast Track designation to ACM-202 for the treatment of NASH.\nACM-101 was granted Fast Track designation by the FDA for the treatment of PBC.",
    ),
]

# a release about other news that mentions a designation the product holds: not announced —
# the news is what the headline and the dateline's lead sentence say
OTHER_NEWS = [
    (
        "-",
        "Acme Presents Positive Phase 2 Data for ACM-101 at AASLD\n\n"
        + DATELINE
        + "today announced positive data from its Phase 2 trial of ACM-101. ACM-101 has received Fast Track designation from the FDA for NASH.",
    ),
    (
        "-",
        "Acme Presents Positive Phase 2 Data for ACM-101 at AASLD\n\n"
        + DATELINE
        + "today announced positive data. The Company recently received Orphan Drug Designation for ACM-101 in PBC.",
    ),
    (
        "-",
        "Acme Provides Update on ACM-101, Which Holds Fast Track Designation\n\n"
        + DATELINE
        + "today provided an update on ACM-101.",
    ),
    (
        "-",
        "Acme Announces Pricing of Public Offering\n\n"
        + DATELINE
        + "today announced the pricing of its public offering. ACM-101 (granted Orphan Drug Designation by the FDA in 2024) is in Phase 3.",
    ),
    (
        "-",
        "Acme Reports Positive Topline Results\n\n"
        + DATELINE
        + "today announced topline results.\nBusiness Highlights\n- Received Fast Track designation for ACM-101 in NASH\n- Completed enrollment in the ACCORD trial",
    ),
    (
        "-",
        "Acme to Present at the J.P. Morgan Healthcare Conference\n\n"
        + DATELINE
        + "today announced that management will present at the conference. ACM-101 has been granted Breakthrough Therapy designation by the FDA.",
    ),
    (
        "desig",
        "Acme Receives FDA Orphan Drug Designation for ACM-202\n\n"
        + DATELINE
        + "today announced that the FDA has granted Orphan Drug Designation to ACM-202 for the treatment of PBC. ACM-101 received Fast Track designation in 2024.",
    ),
]


@pytest.mark.parametrize(("expected", "text"), OTHER_NEWS)
def test_a_designation_held_in_a_release_about_other_news(expected: str, text: str) -> None:
    announced = [
        f"{e.designation}:{e.product}" for e in extract(text).events if e.announced and e.kind == "designation"
    ]
    assert announced == ([] if expected == "-" else ["orphan_drug:ACM-202"]), text


def test_a_designation_told_as_today_s_news_in_another_language() -> None:
    # not in the lead, but its own sentence says "today" ("meddelar i dag")
    text = (
        "Acme AB kvartalsrapport\n\nLUND, Sweden, March 3, 2026 (GLOBE NEWSWIRE) -- Acme AB (Nasdaq Stockholm: ACM) "
        "redovisar resultat för kvartalet och ger en uppdatering om verksamheten.\n"
        "Bolaget meddelar i dag att FDA har beviljat ACM-101 särläkemedelsstatus (Orphan Drug Designation) för "
        "behandling av Fabrys sjukdom."
    )
    assert [(e.designation, e.announced) for e in extract(text).events] == [("orphan_drug", True)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "today announced that the Center for Drug Evaluation (CDE) of the National Medical Products Administration (NMPA) has granted Breakthrough Therapy Designation to ACM-101 for the treatment of atopic dermatitis.",
            [("breakthrough_therapy", "NMPA")],
        ),
        (
            "today announced that the Ministry of Health, Labour and Welfare (MHLW) of Japan has granted orphan drug designation to ACM-101 for the treatment of idiopathic pulmonary fibrosis.",
            [("orphan_drug", "MHLW")],
        ),
        (
            "today announced that the U.S. Food and Drug Administration (FDA) has granted Breakthrough Therapy designation to ACM-101 for the treatment of atopic dermatitis.",
            [("breakthrough_therapy", "FDA")],
        ),
    ],
)
def test_a_designation_keeps_the_regulator_that_gave_it(sentence: str, expected: list[tuple[str, str]]) -> None:
    events = [e for e in extract(DATELINE + sentence).events if e.kind == "designation"]
    assert [(e.designation, e.agency) for e in events] == expected


def test_a_half_year_report_behind_page_clutter_announces_none_of_its_milestones() -> None:
    text = (
        "Login to your account\n\nAlerts are a premium feature\n\nWatchlists are a member only feature\n\n"
        "Pin to quick picks\n\nThere is currently no data for ACM\n\nRegister for free\n\nHalf Yearly Report\n\n"
        "Acme Therapeutics plc\n\nInterim results for the six months ended 30 June 2026\n\n"
        "Oxford, UK - 29 July 2026: Acme Therapeutics plc (LSE: ACM) announces its interim results.\n\n"
        "OPERATIONAL HIGHLIGHTS\n\nACM-SPIRE\n\n"
        "Phase II controlled safety study (AC004) initiated and fully recruited\n\n"
        "Follow-on two-year study (AC007A) initiated following regulatory approval"
    )
    assert [e for e in extract(text).events if e.announced] == []


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("Acme Announces IND Approval in China for the Phase I Study of ACM-101 for the Treatment of Solid Tumors\n\n" + DATELINE + "today announced the news.", "NMPA"),
        ("China NMPA Grants Approval for the Registrational Phase 1/2 Clinical Study for ACM-101\n\n" + DATELINE + "today announced that it has been granted approval for a pivotal seamless Phase 1/2 clinical trial for ACM-101.", "NMPA"),
        (DATELINE + "today announced that it has received IND approval in Japan for a Phase 1 study of ACM-101.", "PMDA"),
        # another country's "Food and Drug Administration", named by its own acronym
        (DATELINE + "today announced that the National Food and Drug Administration (NMPA) approved the clinical trial application for ACM-101.", "NMPA"),
    ],
)
def test_a_clearance_keeps_the_regulator_of_its_country(text: str, agency: str) -> None:
    assert [e.agency for e in extract(text).events if e.kind == "ind_clearance"] == [agency]


def test_a_lead_that_names_the_grant_and_its_disease_but_not_the_product() -> None:
    # the product is named by the next sentence; the disease is the lead's ("for patients with")
    text = (
        DATELINE + "has been granted the FDA's Regenerative Medicine Advanced Therapy (RMAT) designation for patients "
        "with advanced peripheral artery disease (PAD). This RMAT designation is granted at the same time as the FDA "
        "cleared a new IND for ACM-101.\n\nThe RMAT designation we previously received for vascular trauma was very helpful."
    )
    rmat = [e for e in extract(text).events if e.kind == "designation" and e.announced]
    assert [(e.designation, e.product, e.indication) for e in rmat] == [
        ("rmat", "ACM-101", "advanced peripheral artery disease (PAD)")
    ]


@pytest.mark.parametrize(
    "dateline",
    [
        "BERKELEY HEIGHTS, N.J. – May 13, 2016 – Acme Therapeutics, Inc. (Nasdaq: ACME)",
        "TEL AVIV, Israel, July 17, 2023 – Acme Therapeutics Ltd. (Nasdaq: ACME)",
        "SAN DIEGO, Calif., Jan. 9, 2026 /PRNewswire/ -- Acme Therapeutics, Inc. (Nasdaq: ACME)",
        "FORT LAUDERDALE, Fla.--(BUSINESS WIRE)--March 21, 2026--Acme Therapeutics, Inc. (Nasdaq: ACME)",
    ],
)
def test_a_dateline_city_in_capitals_is_never_the_product(dateline: str) -> None:
    text = dateline + ", a clinical-stage company, today announced that the FDA has granted Fast Track designation to its investigational product CD-9575 for the treatment of subarachnoid hemorrhage."
    assert [e.product for e in extract(text).events if e.kind == "designation"] == ["CD-9575"]
    # (nor the product a sentence that names none falls back on)
    assert "LAUDERDALE" not in str(products(dateline))


def test_a_trial_in_court_is_no_clinical_trial() -> None:
    text = DATELINE + "today announced a patent ruling. The trial of this matter is presently scheduled to begin in April, although the court could grant the Company's motions for summary judgment before that date."
    assert not [e for e in extract(text).events if e.kind == "trial_start"]


def test_an_about_section_after_a_release_without_dateline_is_not_its_news() -> None:
    # a release in a script written without spaces, and no dateline: the body never
    # starts inside the About section that follows it
    text = (
        "关于签订战略合作协议的进展公告\n\n2020-06-29\n\n"
        "本公司及董事会全体成员保证信息披露的内容真实、准确、完整，没有虚假记载、误导性陈述或重大遗漏。\n\n"
        "ABOUT ZENTROVA\n"
        "Zentrova (Nasdaq: ZTRV) is developing ZTV-101, which was granted Breakthrough Therapy designation by the FDA "
        "and PRIME designation by the EMA. For more information, visit www.zentrova.com."
    )
    assert [e for e in extract(text).events if e.announced] == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "today announced that the FDA has granted Orphan Drug Designation to ACM-101 and ACM-202 for PBC and PSC, respectively.",
            [("orphan_drug", "ACM-101", "PBC"), ("orphan_drug", "ACM-202", "PSC")],
        ),
        # a further product given to the same grant: "… to ACM-101 for A and to ACM-202 for B"
        (
            "today announced that the FDA granted Fast Track designations to ACM-101 for hepatocellular carcinoma and to ACM-202 for Fabry disease.",
            [("fast_track", "ACM-101", "hepatocellular carcinoma"), ("fast_track", "ACM-202", "Fabry disease")],
        ),
        (
            "today announced that the FDA has granted Orphan Drug Designation to ACM-101 for Fabry disease and to ACM-202 for Pompe disease, and Fast Track designation to ACM-303 for the treatment of Gaucher disease.",
            [("fast_track", "ACM-303", "Gaucher disease"), ("orphan_drug", "ACM-101", "Fabry disease"), ("orphan_drug", "ACM-202", "Pompe disease")],
        ),
        (
            "today announced that the FDA has granted Fast Track designation to ACM-101 for the treatment of both PBC and PSC.",
            [("fast_track", "ACM-101", "PBC and PSC")],
        ),
        (
            "today announced that the FDA granted Rare Pediatric Disease designations to ACM-101 for Duchenne muscular dystrophy and for spinal muscular atrophy.",
            [("rare_pediatric_disease", "ACM-101", "Duchenne muscular dystrophy"), ("rare_pediatric_disease", "ACM-101", "spinal muscular atrophy")],
        ),
        (
            "today announced that the European Commission has granted orphan designation to ACM-101 for the treatment of PBC, following a positive opinion from the COMP.",
            [("orphan_drug", "ACM-101", "PBC")],
        ),
        # an aside after a dash is no part of the disease (a dash inside its parenthesis is)
        (
            "today announced that the FDA has granted Fast Track designation to ACM-013 for the treatment of moderate to severe localized scleroderma—a chronic, debilitating skin disorder with no approved therapies.",
            [("fast_track", "ACM-013", "moderate to severe localized scleroderma")],
        ),
        (
            "today announced that the FDA has granted Fast Track Designation to ACM-DOX for the treatment of primary liver cancer (hepatocellular carcinoma -- HCC).",
            [("fast_track", "ACM-DOX", "primary liver cancer (hepatocellular carcinoma -- HCC)")],
        ),
        # the grant's grounds name a trial's population, not the grant's disease
        (
            "today announced that the FDA has granted Breakthrough Therapy Designation to ACM-101 for the treatment of Basal Cell Carcinoma Nevus Syndrome (BCCNS). The FDA granted Acme Breakthrough Therapy Designation based on results from its Phase 2 trial assessing the safety and efficacy of topical ACM-101 in patients with Gorlin Syndrome.",
            [("breakthrough_therapy", "ACM-101", "Basal Cell Carcinoma Nevus Syndrome (BCCNS)")],
        ),
    ],
)
def test_a_designation_s_product_and_indication(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    events = [e for e in extract(DATELINE + sentence).events if e.kind == "designation" and e.announced]
    assert sorted((e.designation, e.product, e.indication) for e in events) == expected


OTHER_LANGUAGES_H = "PARIS, 3 mars 2026 -- Acme SA (Euronext Paris: ACM) "
# designations, clearances and starts in eight other languages (the rules read the
# grant, approval and first-dose verbs of each, and German's verb-last clauses)
OTHER_LANGUAGES = [
 # de
 ("desig", "BERLIN, 3. März 2026 -- Acme AG (FWB: ACM) gab heute bekannt, dass die US-amerikanische Food and Drug Administration (FDA) ACM-101 den Orphan-Drug-Status für die Behandlung der PBC erteilt hat."),
 ("desig", "BERLIN, 3. März 2026 -- Acme AG (FWB: ACM) gab heute bekannt, dass die FDA ACM-101 den Fast-Track-Status zur Behandlung von NASH gewährt hat."),
 ("trial:first_patient_dosed", "BERLIN, 3. März 2026 -- Acme AG (FWB: ACM) gab heute bekannt, dass der erste Patient in der klinischen Phase-2-Studie mit ACM-101 dosiert wurde."),
 ("trial:planned", "BERLIN, 3. März 2026 -- Acme AG (FWB: ACM) plant, die Phase-2-Studie mit ACM-101 im zweiten Halbjahr 2026 zu beginnen."),
 ("ind", "BERLIN, 3. März 2026 -- Acme AG (FWB: ACM) gab heute bekannt, dass das Paul-Ehrlich-Institut die klinische Prüfung der Phase 1 mit ACM-101 genehmigt hat."),
 # fr
 ("desig", OTHER_LANGUAGES_H + "annonce aujourd'hui que la Food and Drug Administration (FDA) américaine a accordé la désignation de médicament orphelin à ACM-101 pour le traitement de la PBC."),
 ("desig", OTHER_LANGUAGES_H + "annonce que l'Agence européenne des médicaments (EMA) a accordé le statut PRIME à ACM-101."),
 ("trial:first_patient_dosed", OTHER_LANGUAGES_H + "annonce que le premier patient a été traité dans l'essai de phase 2 évaluant ACM-101."),
 ("trial:planned", OTHER_LANGUAGES_H + "prévoit de lancer un essai clinique de phase 2 avec ACM-101 au second semestre 2026."),
 ("ind", OTHER_LANGUAGES_H + "annonce que l'ANSM a autorisé l'essai clinique de phase 1 d'ACM-101."),
 # es
 ("desig", "MADRID, 3 de marzo de 2026 -- Acme SA (BME: ACM) anunció hoy que la FDA ha concedido la designación de medicamento huérfano a ACM-101 para el tratamiento de la PBC."),
 ("trial:planned", "MADRID, 3 de marzo de 2026 -- Acme SA (BME: ACM) prevé iniciar un ensayo clínico de fase 2 con ACM-101 en el segundo semestre de 2026."),
 ("ind", "MADRID, 3 de marzo de 2026 -- Acme SA (BME: ACM) anunció hoy que la AEMPS ha autorizado el ensayo clínico de fase 1 con ACM-101."),
 # it
 ("desig", "MILANO, 3 marzo 2026 -- Acme S.p.A. (Euronext Milan: ACM) annuncia che la FDA ha concesso la designazione di farmaco orfano ad ACM-101 per il trattamento della PBC."),
 ("trial:first_patient_dosed", "MILANO, 3 marzo 2026 -- Acme S.p.A. (Euronext Milan: ACM) annuncia che il primo paziente è stato trattato nello studio di fase 2 con ACM-101."),
 # sv
 ("desig", "STOCKHOLM, 3 mars 2026 -- Acme AB (Nasdaq Stockholm: ACM) meddelar idag att FDA har beviljat ACM-101 särläkemedelsstatus (Orphan Drug Designation) för behandling av PBC."),
 ("trial:first_patient_dosed", "STOCKHOLM, 3 mars 2026 -- Acme AB (Nasdaq Stockholm: ACM) meddelar idag att den första patienten har doserats i fas 2-studien med ACM-101."),
 ("ind", "STOCKHOLM, 3 mars 2026 -- Acme AB (Nasdaq Stockholm: ACM) meddelar att Läkemedelsverket har godkänt ansökan om klinisk prövning för fas 1-studien med ACM-101."),
 ("trial:planned", "STOCKHOLM, 3 mars 2026 -- Acme AB (Nasdaq Stockholm: ACM) planerar att inleda en fas 2-studie med ACM-101 under andra halvåret 2026."),
 # da
 ("desig", "KØBENHAVN, 3. marts 2026 -- Acme A/S (Nasdaq Copenhagen: ACM) meddeler i dag, at FDA har tildelt ACM-101 orphan drug-status til behandling af PBC."),
 ("trial:first_patient_dosed", "KØBENHAVN, 3. marts 2026 -- Acme A/S (Nasdaq Copenhagen: ACM) meddeler, at den første patient er blevet doseret i fase 2-studiet med ACM-101."),
 # nl
 ("desig", "LEIDEN, 3 maart 2026 -- Acme N.V. (Euronext Amsterdam: ACM) maakt vandaag bekend dat de FDA de weesgeneesmiddelstatus heeft toegekend aan ACM-101 voor de behandeling van PBC."),
 ("trial:first_patient_dosed", "LEIDEN, 3 maart 2026 -- Acme N.V. (Euronext Amsterdam: ACM) maakt bekend dat de eerste patiënt is gedoseerd in de fase 2-studie met ACM-101."),
 # fi / no
 ("trial:first_patient_dosed", "HELSINKI, 3.3.2026 -- Acme Oyj (Nasdaq Helsinki: ACM) tiedottaa, että ensimmäinen potilas on annosteltu vaiheen 2 tutkimuksessa ACM-101:llä."),
 ("desig", "OSLO, 3. mars 2026 -- Acme ASA (Oslo Børs: ACM) kunngjør i dag at FDA har gitt ACM-101 orphan drug-status for behandling av PBC."),
 # a plan in Swedish and Danish; a Finnish regulator's leave (its name inflected)
 ("trial:planned", "STOCKHOLM, 3 mars 2026 -- Acme AB (Nasdaq Stockholm: ACM) har ansökt om tillstånd för fas 2-studien med ACM-101. Studien är planerad att genomföras i Skandinavien."),
 ("trial:planned", "KØBENHAVN, 3. marts 2026 -- Acme A/S (Nasdaq Copenhagen: ACM) vil påbegynde fase 3 med ACM-101 i første halvår af 2027."),
 ("ind", "HELSINKI, 3.3.2026 -- Acme Oyj (Nasdaq Helsinki: ACM) on saanut lääkeviranomainen Fimealta luvan ensimmäiselle kliiniselle tutkimukselle ACM-101-valmisteella."),
 # the COMP's recommendation told in German, by the EMA's former name
 ("desig", "BERLIN, 3. März 2026 -- Acme AG (FWB: ACM) gab heute bekannt, dass die Europäische Agentur für die Beurteilung von Arzneimitteln (EMEA) die Erteilung des Orphan Drug Status für ACM-101 in der Indikation Bauchspeicheldrüsenkrebs empfohlen hat."),
 # the future tense and "is planned to" in seven languages (German's verb last); a first patient
 # "behandlas" (Swedish present)
 ("trial:planned", "STOCKHOLM, 3 mars 2026 -- Acme AB (Nasdaq Stockholm: ACM) meddelar att bolaget kommer att inleda en fas 2-studie med ACM-101 under andra halvåret 2026."),
 ("trial:planned", "STOCKHOLM, 3 mars 2026 -- Acme AB (Nasdaq Stockholm: ACM) meddelar att fas 1-studien med ACM-101 planeras att starta under första kvartalet 2027."),
 ("trial:planned", "STOCKHOLM, 3 mars 2026 -- Acme AB (Nasdaq Stockholm: ACM) meddelar att de nödvändiga tillstånden finns på plats för att inleda studien med ACM-101 senare i höst."),
 ("trial:planned", "STOCKHOLM, 3 mars 2026 -- Acme AB (Nasdaq Stockholm: ACM) tar ytterligare ett steg mot starten av fas 1-studien med ACM-101."),
 ("trial:first_patient_dosed", "STOCKHOLM, 3 mars 2026 -- Acme AB (Nasdaq Stockholm: ACM) informerar om fas 2-studien med ACM-101, första patienten behandlas."),
 ("trial:planned", "BERLIN, 3. März 2026 -- Acme AG (FWB: ACM) gab heute bekannt, dass die Phase-2-Studie mit ACM-101 im zweiten Halbjahr 2026 beginnen wird."),
 ("trial:planned", "BERLIN, 3. März 2026 -- Acme AG (FWB: ACM) gab heute bekannt, dass die klinische Studie mit ACM-101 im Herbst starten soll."),
 ("trial:planned", "PARIS, 3 mars 2026 -- Acme SA (Euronext Paris: ACM) annonce que l'essai de phase 2 d'ACM-101 débutera au second semestre 2026."),
 ("trial:planned", "PARIS, 3 mars 2026 -- Acme SA (Euronext Paris: ACM) annonce qu'un essai clinique de phase 1 avec ACM-101 sera lancé en 2027."),
 ("trial:planned", "MADRID, 3 de marzo de 2026 -- Acme SA (BME: ACM) anunció hoy que iniciará un ensayo clínico de fase 2 con ACM-101 en 2027."),
 ("trial:planned", "MILANO, 3 marzo 2026 -- Acme S.p.A. (Euronext Milan: ACM) annuncia che avvierà uno studio clinico di fase 2 con ACM-101 nel 2027."),
 ("trial:planned", "LEIDEN, 3 maart 2026 -- Acme N.V. (Euronext Amsterdam: ACM) maakt bekend dat de fase 2-studie met ACM-101 in 2027 zal starten."),
]


@pytest.mark.parametrize(("expected", "text"), OTHER_LANGUAGES)
def test_another_language(expected: str, text: str) -> None:
    kinds = set()
    for e in extract(text).events:
        if e.announced:
            kinds.add({"designation": "desig", "ind_clearance": "ind"}.get(e.kind, f"trial:{e.status}"))
    assert expected in kinds, text


# what another language says that is no event: ethics approvals, marketing
# authorisations, trials running, the past year's first dose, boards and shareholders
OTHER_LANGUAGES_NONE = [
 # what a trial "will" do that is no start; what else begins
 "STOCKHOLM, 3 mars 2026 -- Acme AB (Nasdaq Stockholm: ACM) meddelar att fas 2-studien med ACM-101 kommer att omfatta 20 patienter.",
 "STOCKHOLM, 3 mars 2026 -- Acme AB (Nasdaq Stockholm: ACM) meddelar att fas 2-studien med ACM-101 kommer att avslutas under 2026.",
 "BERLIN, 3. März 2026 -- Acme AG (FWB: ACM) gab heute bekannt, dass der Aktienrückkauf im Juni beginnen wird.",
 "PARIS, 3 mars 2026 -- Acme SA (Euronext Paris: ACM) annonce que la période de souscription débutera le 5 mars 2026.",
 "BERLIN, 3. März 2026 -- Acme AG (FWB: ACM) gab heute bekannt, dass die Ethikkommission die klinische Prüfung mit ACM-101 genehmigt hat.",
 "BERLIN, 3. März 2026 -- Acme AG (FWB: ACM) gab heute bekannt, dass die Europäische Kommission die Marktzulassung für ACM-101 erteilt hat.",
 "BERLIN, 3. März 2026 -- Acme AG (FWB: ACM) berichtet über das Geschäftsjahr 2025. Im Januar 2025 wurde der erste Patient in der Phase-2-Studie mit ACM-101 dosiert.",
 "PARIS, 3 mars 2026 -- Acme SA (Euronext Paris: ACM) annonce que l'essai clinique de phase 2 d'ACM-101 se poursuit conformément au calendrier.",
 "PARIS, 3 mars 2026 -- Acme SA (Euronext Paris: ACM) annonce ses résultats annuels 2025. Le premier patient a été traité en juin 2025 dans l'essai de phase 2.",
 "STOCKHOLM, 3 mars 2026 -- Acme AB (Nasdaq Stockholm: ACM) Bokslutskommuniké 2025. Under kvartalet doserades den första patienten i fas 2-studien.",
 "MADRID, 3 de marzo de 2026 -- Acme SA (BME: ACM) anunció hoy que la Agencia Europea de Medicamentos ha autorizado la comercialización de ACM-101.",
 "MILANO, 3 marzo 2026 -- Acme S.p.A. annuncia che il comitato etico ha approvato lo studio clinico di fase 2 con ACM-101.",
 "LEIDEN, 3 maart 2026 -- Acme N.V. maakt bekend dat de aandeelhouders het dividendvoorstel hebben goedgekeurd.",
 "KØBENHAVN, 3. marts 2026 -- Acme A/S meddeler, at bestyrelsen har godkendt et aktietilbagekøbsprogram.",
]


@pytest.mark.parametrize("text", OTHER_LANGUAGES_NONE)
def test_another_language_s_look_alikes(text: str) -> None:
    assert [(e.kind, e.status) for e in extract(text).events if e.announced] == []


OTHER_LANGUAGES_S = "LUND, 3 mars 2026 -- Acme AB (Nasdaq Stockholm: ACM) "
# a regulator's leave to start a trial, as releases in other languages word it
OTHER_LANGUAGES_GO = [
 ("ind", OTHER_LANGUAGES_S + "meddelar i dag att Läkemedelsverket gett tillstånd att inleda en klinisk fas I-studie av ACM-101."),
 ("ind", OTHER_LANGUAGES_S + "har nu erhållit tillstånd från Läkemedelsverket att genomföra bolagets kliniska studie med ACM-101."),
 ("ind", OTHER_LANGUAGES_S + "meddelar att ansökan om klinisk prövning med ACM-101 har godkänts av Läkemedelsverket."),
 ("ind", OTHER_LANGUAGES_S + "meddelar att Läkemedelsverket har gett klartecken för att starta kliniska studier med ACM-101."),
 ("ind", "KØBENHAVN, 3. marts 2026 -- Acme A/S (Nasdaq Copenhagen: ACM) meddeler, at Lægemiddelstyrelsen har givet tilladelse til at igangsætte et klinisk fase 1-forsøg med ACM-101."),
 ("ind", "BERLIN, 3. März 2026 -- Acme AG (FWB: ACM) gab heute bekannt, dass das BfArM die Genehmigung zur Durchführung der klinischen Phase-1-Studie mit ACM-101 erteilt hat."),
 ("ind", "PARIS, 3 mars 2026 -- Acme SA (Euronext Paris: ACM) annonce avoir obtenu l'autorisation de l'ANSM pour lancer l'essai de phase 1 d'ACM-101."),
 ("ind", "MADRID, 3 de marzo de 2026 -- Acme SA (BME: ACM) ha recibido la autorización de la AEMPS para iniciar el ensayo de fase 1 con ACM-101."),
 ("ind", "MILANO, 3 marzo 2026 -- Acme S.p.A. annuncia di aver ricevuto dall'AIFA l'autorizzazione ad avviare lo studio di fase 1 con ACM-101."),
 ("ind", "LEIDEN, 3 maart 2026 -- Acme N.V. (Euronext Amsterdam: ACM) maakt bekend dat het CBG toestemming heeft gegeven om de fase 1-studie met ACM-101 te starten."),
]


@pytest.mark.parametrize(("expected", "text"), OTHER_LANGUAGES_GO)
def test_another_language_s_leave_to_start_a_trial(expected: str, text: str) -> None:
    kinds = {e.kind for e in extract(text).events if e.announced}
    assert "ind_clearance" in kinds, text


@pytest.mark.parametrize(
    "text",
    [
        # a name the release says is a product, whatever its shape: by apposition, by a copula,
        # after "our first product", as a device, by its route
        DATELINE + "today announced a meeting with the FDA to discuss its upcoming Phase 3 clinical trial for "
        "Acmerin, a potential treatment for ALS. Acmerin has shown promising results.",
        DATELINE + "today announced news. Acmerin is a naturally derived, exosome-based therapeutic. Our clinical trial "
        "sites are now active, screening, and enrolling patients.",
        DATELINE + "today reported results. As our focus is on our first product, Acmerin, we expect our clinical trials "
        "will be initiated in a true phase I/II study.",
        DATELINE + "today announced that the first patient has been treated with the Acmerin device in its pivotal study.",
        DATELINE + "today announced that screening has started for its Phase 1 trial of oral Acmerin in healthy volunteers.",
    ],
)
def test_a_product_the_release_defines_in_words(text: str) -> None:
    starts = [e for e in extract(text).events if e.kind == "trial_start" and e.announced]
    assert [e.product for e in starts] == ["Acmerin"], text


def test_an_english_word_in_an_apposition_is_no_product() -> None:
    text = (
        DATELINE + "today announced that Acme Holdings Limited, a company developing cell therapeutics, plans to "
        "initiate a Phase 2 trial in 2027. Acme Holdings is a limited company."
    )
    assert [e.product for e in extract(text).events if e.kind == "trial_start"] in ([], [None])


def test_a_drug_candidate_named_after_its_noun() -> None:
    text = (
        "Lund den 10 maj 2019 – NeuroVive Pharmaceutical AB (Nasdaq Stockholm: NVP) meddelar i dag att den "
        "amerikanska läkemedelsmyndigheten, FDA, har godkänt NeuroVives IND-ansökan (Investigational New Drug) "
        "vilket möjliggör kliniska studier i USA av bolagets läkemedelskandidat NeuroSTAT som är under utveckling."
    )
    assert [(e.kind, e.product) for e in extract(text).events if e.kind == "ind_clearance"] == [("ind_clearance", "NeuroSTAT")]


def test_a_first_dose_cited_with_an_earlier_announcement_and_a_brand_named_later() -> None:
    # the parenthesis cites the source ("ASX Announcement: 22 June 2021"), it does not date
    # the dose; the product is a brand in plain capitals before its generic salt
    text = (
        "First Patient Dosed in Phase 1b/2 AML Trial\n\n"
        'On August 9, 2021 Race Oncology Limited ("Race") reported that the first patient has been dosed in the '
        "Phase 1b/2 trial in relapsed/refractory Acute Myeloid Leukaemia (ASX Announcement: 22 June 2021).\n\n"
        "This investigator-led trial will use Zantrene (bisantrene dihydrochloride) in a novel combination."
    )
    starts = [e for e in extract(text).events if e.kind == "trial_start"]
    assert [(e.product, e.status, e.announced) for e in starts] == [("Zantrene", "first_patient_dosed", True)]


STRUCTURE_D = "BOSTON, March 3, 2026 (GLOBE NEWSWIRE) -- Acme Therapeutics, Inc. (Nasdaq: ACME) "
# a start where releases put it: a sub-headline bullet, a quote, a "Next Steps" section
# with its timing in the next sentence, a list of the year's milestones (a dose dated
# ahead of the release is a plan), the news itself
STRUCTURES = [
 ("Acme Reports Positive Phase 1 Data for ACM-101\n\n- Phase 2 trial on track to begin in 2H 2026\n\n" + STRUCTURE_D + "today announced positive data from its Phase 1 trial of ACM-101.", {("planned","2026-07-01")}),
 ("Acme Reports Positive Phase 1 Data for ACM-101\n\n" + STRUCTURE_D + "today announced positive data from its Phase 1 trial of ACM-101. \"These data support advancing ACM-101 into a Phase 2 trial, which we expect to initiate in the second half of 2026,\" said Jane Doe, CEO.", {("planned","2026-07-01")}),
 ("Acme Reports Positive Phase 1 Data for ACM-101\n\n" + STRUCTURE_D + "today announced positive data from its Phase 1 trial of ACM-101.\n\nNext Steps\nAcme plans to initiate a Phase 2 trial of ACM-101. The trial is expected to begin in the second half of 2026.", {("planned","2026-07-01")}),
 ("Acme Provides Corporate Update\n\n" + STRUCTURE_D + "today provided a corporate update.\n\n2026 Anticipated Milestones\n- ACM-101: initiate Phase 2 trial in PBC (2H 2026)\n- ACM-202: first patient dosed in Phase 1 trial (Q3 2026)", {("planned","2026-07-01")}),
 ("Acme Announces First Patient Dosed in Phase 2 ZENITH Trial of ACM-101\n\n" + STRUCTURE_D + "today announced that the first patient has been dosed in ZENITH, a Phase 2 trial evaluating ACM-101 in patients with PBC. Topline data are expected in 2027.", {("first_patient_dosed","2026-03-03")}),
 ("Acme Initiates Phase 3 Trial of ACM-101\n\n" + STRUCTURE_D + "today announced the initiation of RESOLVE, a global Phase 3 trial of ACM-101 in PBC. The trial will enroll 300 patients at 100 sites.", {("initiated","2026-03-03")}),
]


@pytest.mark.parametrize(("text", "expected"), STRUCTURES)
def test_a_start_where_releases_put_it(text: str, expected: set[tuple[str, str]]) -> None:
    got = {(e.status, str(e.window_start)) for e in extract(text).events if e.kind == "trial_start" and e.announced}
    assert expected <= got, text


CLEARANCE_RELEASES = [
    (
        "Acme Reports Fourth Quarter 2025 Results\n\n- IND for ACM-303 cleared by FDA; Phase 1 trial to begin in Q2 2026\n\n"
        + STRUCTURE_D + "today reported financial results for the fourth quarter of 2025.",
        {"ind_clearance:cleared", "trial_start:planned"},
    ),
    (
        "Acme Announces FDA Clearance of IND for ACM-303\n\n- Phase 1 trial expected to initiate mid-2026\n\n"
        + STRUCTURE_D + "today announced that the FDA has cleared its IND for ACM-303.",
        {"ind_clearance:cleared", "trial_start:planned"},
    ),
    (
        "Acme Doses First Patient in Phase 1 Trial of ACM-303\n\n"
        + STRUCTURE_D + "today announced the dosing of the first patient in its Phase 1 trial of ACM-303, following FDA "
        "clearance of the IND in December 2025.",
        {"trial_start:first_patient_dosed"},
    ),
    (
        "Acme Announces Health Canada No Objection Letter for ACM-303 Phase 1 Trial\n\n"
        + STRUCTURE_D + "today announced receipt of a No Objection Letter from Health Canada for its Phase 1 trial of "
        "ACM-303. The Company expects to dose the first participant in the second quarter of 2026.",
        {"ind_clearance:cleared", "trial_start:planned"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CLEARANCE_RELEASES)
def test_a_clearance_and_the_trial_it_permits(text: str, expected: set[str]) -> None:
    # every clearance the text states counts (a recalled one is reported as not announced,
    # as docs/labelling.md has it); trial starts count when announced
    events = extract(text).events
    got = {f"{e.kind}:{e.status}" for e in events if e.announced or e.kind == "ind_clearance"}
    if "ind_clearance:cleared" not in expected:  # the dose's release recalls a clearance dated before it
        got.discard("ind_clearance:cleared")
        assert not any(e.announced for e in events if e.kind == "ind_clearance")
    assert got == expected


def test_a_drug_the_product_is_compared_with_is_not_the_product() -> None:
    text = (
        DATELINE + "today announced that the FDA has cleared an IND for the company's candidate vaccine, AC16m8. "
        "The IND clears the way for a Phase I/II trial to evaluate AC16m8 and compare it to Brandex(R), the vaccine "
        "licensed today. The trial is expected to begin before the end of this year."
    )
    found = {(e.kind, e.product) for e in extract(text).events}
    assert found == {("ind_clearance", "AC16m8"), ("trial_start", "AC16m8")}


def test_a_bare_ind_approval_after_another_regulator_s_is_that_regulator_s() -> None:
    text = (
        DATELINE + "announced that an IND approval of ACM-101 was granted for a trial of Phase I & II from the "
        "Ministry of Food and Drug Safety (MFDS). ACM-101 treats thyroid cancer. The CEO said, “We expect to "
        "shorten the clinical trial period since Phase I & II INDs were approved at the same time.”"
    )
    assert [(e.kind, e.to_dict().get("agency")) for e in extract(text).events if e.kind == "ind_clearance"] == [
        ("ind_clearance", "MFDS")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "If approved by the FDA, the Company is preparing for the commercial launch of ACM-101 for the treatment of "
        "adult patients in the second quarter of 2027.",
        "The partial clinical hold was initiated following the Company's report of a serious adverse event in a "
        "patient of the Phase 1 trial of ACM-101.",
        "The findings of this study were not available at the time that the clinical study of ACM-101 was initiated.",
    ],
)
def test_a_launch_a_hold_or_a_studys_start_given_as_a_time_is_no_trial_start(sentence: str) -> None:
    events = extract(DATELINE + "today announced an update. " + sentence).events
    assert [e for e in events if e.kind == "trial_start" and e.announced] == []


def test_a_drug_named_with_another_after_with_is_its_partner() -> None:
    text = DATELINE + "today announced its plans. We plan to enter ACM-101 with pembrolizumab into a Phase II study this year."
    assert [e.product for e in extract(text).events if e.kind == "trial_start"] == ["ACM-101"]


def test_a_clearance_told_of_again_is_the_one_told_before() -> None:
    text = DATELINE + (
        "today announced that Health Canada has approved its Clinical Trial Application for ACM-101. The CTA approval "
        "allows Acme to enroll patients in a pivotal Phase II study using its ACMX-3200 laser system."
    )
    got = [(e.agency, e.product) for e in extract(text).events if e.kind == "ind_clearance"]
    assert got == [("Health Canada", "ACM-101")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a trial phrase for each product under one cue: a start each
        ("today reported results. Acme anticipates launching two Phase 1 clinical trials for ACM-101 and one Phase 1 "
         "clinical trial for ACM-202 in early 2027.", ["ACM-101", "ACM-202"]),
    ],
)  # fmt: skip
def test_a_trial_phrase_for_each_product(sentence: str, expected: list[str]) -> None:
    got = sorted({e.product for e in extract(DATELINE + sentence).events if e.kind == "trial_start"})
    assert got == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a brand led by lower-case letters; a code in parentheses after a name no rule knows
        ("today announced that the Therapeutic Goods Administration (TGA) of Australia has designated acMezza® as an "
         "Orphan Drug for the treatment of GI GVHD.", ("TGA", "acMezza", "GI GVHD")),
        ("today announced that one of its Acmemer® therapeutics, olacmesed pegol (ACM-A12), received orphan drug "
         "designation from the FDA for the treatment of glioblastoma.", ("FDA", "ACM-A12", "glioblastoma")),
        # "(generic name: X)" keeps both names; "for the indication of"; the grant's date after it
        ("today announced that ACM-304 (generic name: acmexipag) was granted orphan drug designation by the Ministry "
         "of Health, Labour and Welfare (MHLW) for the indication of chronic thromboembolic pulmonary hypertension "
         "(CTEPH) as of June 20.", ("MHLW", "ACM-304 (acmexipag)", "chronic thromboembolic pulmonary hypertension (CTEPH)")),
        # a program named by its disease (not "the development program")
        ("today announced that ACM-101 was granted RMAT designation from the FDA for the acute respiratory distress "
         "syndrome (ARDS) program.", ("FDA", "ACM-101", "acute respiratory distress syndrome (ARDS)")),
    ],
)  # fmt: skip
def test_a_designation_s_product_and_indication_in_less_common_shapes(sentence: str, expected: tuple[str, str, str]) -> None:
    [d] = [e for e in extract(DATELINE + sentence).events if e.kind == "designation" and e.announced]
    assert (d.agency, d.product, d.indication) == expected


def test_a_recommendation_in_german_is_the_emas_positive_opinion() -> None:
    text = ("BERLIN, 3. März 2026 -- Acme AG (FWB: ACM) gab heute bekannt, dass die Europäische Agentur für die "
            "Beurteilung von Arzneimitteln (EMEA) die Erteilung des Orphan Drug Status für ACM-101 in der Indikation "
            "Bauchspeicheldrüsenkrebs empfohlen hat.")
    [d] = [e for e in extract(text).events if e.kind == "designation" and e.announced]
    assert (d.agency, d.designation, d.status) == ("EMA", "orphan_drug", "positive_opinion")


def test_designations_held_along_with_todays_other_news_are_recalled() -> None:
    text = (
        "Acme Bio Announces Patent Grant Covering ACM-101 in Japan\n\n"
        "  \u2022 Japanese patent relates to the Company's lead product candidate, ACM-101, in narcolepsy\n\n"
        + DATELINE + "today announced that the Japan Patent Office has granted a patent covering ACM-101.\n\n"
        '"Along with our Orphan Drug Designations in both the U.S. and Europe, we are pleased to obtain patent '
        'coverage in another major market for ACM-101," said the CEO.\n'
    )
    assert not [e for e in extract(text).events if e.kind == "designation" and e.announced]


def test_a_copy_with_no_dateline_a_label_and_a_headline_above_a_cut_quote() -> None:
    # the body starts at the first paragraph too long for a title: the lines above are the headline's
    text = (
        "Press Release\n\n"
        "Acme Therapeutics Receives Rare Pediatric Disease Designation for ACM-002 for the Treatment of Lymphatic "
        "Malformations\n\n"
        "“Receipt of Rare Pediatric Disease designation from the FDA for ACM-002 in LMs further underscores the "
        "significant unmet medical need for the children that are affected by this rare and serious disease,” said"
    )
    [d] = [e for e in extract(text).events if e.kind == "designation"]
    assert (d.product, d.designation, d.announced) == ("ACM-002", "rare_pediatric_disease", True)


def test_a_year_end_report_with_no_dateline_announces_none_of_the_years_starts() -> None:
    text = (
        " date 2026-02-11\n\nAcme Biotech Year-end report January – December 2025\n\n"
        "Nachrichtenquelle: globenewswire\n\n11.02.2026, 08:30\n\n"
        "Fourth quarter in brief\n\n"
        "First patient dosed in the phase Ib/IIa study of acmerimod to treat multiple myeloma in August\n\n"
        "Patent granted in Europe in November regarding use of acmerimod in combination with immunotherapy"
    )
    assert [e for e in extract(text).events if e.announced and e.kind == "trial_start"] == []


def test_a_headlines_compound_adjective_names_no_second_trial() -> None:
    text = (
        "Acme Announces Commencement of Patient Enrollment of the Adaptively-Designed Phase 2b/3 Trial of ACM-101 in "
        "NASH Cirrhosis\n\n" + DATELINE + "today announced that the first patients were enrolled today in the "
        "ACME-RX trial of ACM-101."
    )
    starts = [(e.product, e.trial) for e in extract(text).events if e.kind == "trial_start" and e.announced]
    assert starts == [("ACM-101", "ACME-RX")]


def test_a_sub_headline_naming_designations_without_a_grant_describes_the_product() -> None:
    # the headline's news is a meeting: a sub-headline and a body sentence only recall the grants
    text = (
        "Acme Announces Preparation for End-of-Phase II Meeting with FDA to Initiate the Phase III Liver Cancer "
        "Study for Acmedenoson\n\n"
        "Fast Track and Orphan Drug Status; No treatment currently exists for advanced liver cancer patients\n\n"
        "PETACH TIKVA, Israel--()--Acme BioPharma Ltd. (NYSE American: ACME), a biotechnology company, announced "
        "today it is conducting preparatory work for a planned pivotal Phase III study of its drug candidate "
        "Acmedenoson in the treatment of advanced liver cancer.\n\n"
        "The FDA has granted Acmedenoson both Orphan Drug and Fast Track status providing a pathway for "
        "accelerated approval. Fast Track designation offers advantages including rolling review, which provides "
        "the opportunity to submit parts of its NDA prior to completing the entire application for "
        "commercialization."
    )
    events = extract(text).events
    assert [e for e in events if e.kind == "designation" and e.announced] == []
    # (and no dateline city, nor an English word in a drug's place, is a product)
    assert {e.product for e in events if e.kind == "trial_start"} == {"Acmedenoson"}


def test_a_shouted_dateline_with_its_hour() -> None:
    text = (
        "ACME CORPORATION\nSTOCK EXCHANGE RELEASE - OTHER INFORMATION DISCLOSED ACCORDING TO THE RULES OF THE "
        "EXCHANGE\n4 SEPTEMBER 2023 at 9.30 EEST\n24 000 Acme Corporation A shares converted into B shares"
    )
    assert str(extract(text).release.date) == "2023-09-04"


def test_an_sec_exhibit_label_is_no_product() -> None:
    text = (
        "EX-99.1 2 a74376ex99-1.txt EXHIBIT 99.1\n\nFirst Patient Dosed in Largest and Most Advanced Study to "
        "Date\n\nSEATTLE, July 15, 2003 -- Acme Genetics Corporation (Nasdaq: ACGN) today announced that the "
        "first patient has been dosed in its Phase IIb clinical trial of acmAAVCF."
    )
    assert {e.product for e in extract(text).events} == {"acmAAVCF"}


def test_priority_review_told_after_the_application_is_the_application_s() -> None:
    text = DATELINE + (
        "today announced that the FDA accepted the New Drug Application (NDA) for ACM-101 for treatment of "
        "Progeria. The FDA granted Priority Review with a Prescription Drug User Fee Act (PDUFA) target action date "
        "of November 20, 2026."
    )
    assert [(e.designation, e.product) for e in extract(text).events if e.kind == "designation"] == [
        ("priority_review", "ACM-101")
    ]


def test_an_indication_the_body_abbreviates_is_written_out_from_the_headline() -> None:
    text = (
        "Acme Therapeutics Announces ACM-440 Receives FDA Fast Track Designation for Sickle Cell Disease\n\n"
        + DATELINE
        + "today announced that the FDA has granted Fast Track designation to ACM-440 for the treatment of SCD."
    )
    [d] = [e for e in extract(text).events if e.kind == "designation"]
    assert (d.product, d.indication) == ("ACM-440", "Sickle Cell Disease (SCD)")


def test_a_headline_run_into_its_dateline_with_a_dash_ends_the_disease() -> None:
    text = (
        "Acme Announces FDA Fast Track Designation of ACM-013 for Treatment of Moderate to Severe Localized "
        "Scleroderma EXTON, PA – September 5, 2026 – Acme Science, Inc. (NASDAQ: ACME) today announced that the FDA "
        "granted Fast Track designation to ACM-013."
    )
    assert {e.indication for e in extract(text).events if e.kind == "designation"} == {
        "Moderate to Severe Localized Scleroderma"
    }


# a copy cut after its headline: the start told in the headline's present tense
@pytest.mark.parametrize(
    ("headline", "status"),
    [
        ("Acme Begins Phase 1 Clinical Study of ACM-101", "initiated"),
        ("Acme Starts Phase 1b Study of ACM-101", "initiated"),
        ("Acme Enrolls First Patient in Phase 3 Study of ACM-101", "initiated"),
        ("Acme Opens Enrollment in Phase 2 Trial of ACM-101", "initiated"),
        ("Acme Treats First Patient with ACM-101 in Phase 1/2 Trial", "first_patient_dosed"),
        ("Acme Plans Phase 3 Trial of ACM-101 in First Half of 2027", "planned"),
        ("Acme Begins Enrollment in Phase 2 ACMESTAR Trial of ACM-101", "initiated"),
        ("Acme Randomizes First Patient in Phase 3 Trial of ACM-101", "first_patient_dosed"),
        ("Acme Activates First Site for Phase 3 Trial of ACM-101", "initiated"),
        ("Acme Begins Clinical Testing Site Development Efforts in Poland for ACM-101", None),
        ("Acme Completes Enrollment in Phase 2 Trial of ACM-101", None),
    ],
)
def test_a_start_told_only_by_the_headline(headline: str, status: str | None) -> None:
    text = headline + "\n\n" + DATELINE + "today announced the news."
    starts = [e.status for e in extract(text).events if e.kind == "trial_start" and e.announced]
    assert starts == ([status] if status else [])


def test_a_plan_of_a_named_phase_is_a_plan() -> None:
    starts = [e.status for e in extract(DATELINE + "today announced that it plans a Phase 2 trial of ACM-101 in 2027.").events
              if e.kind == "trial_start"]  # fmt: skip
    assert starts == ["planned"]


# what a forward cue ("in addition to", "complementing", "adds to") opens after the news is the
# other, held designations: they are recalled and the news before them is not; the acronym of a
# kind counts in the plural ("the previous ODDs"); quoted speech restating the news is the news
_ODD_NEWS = "Acme Receives FDA Orphan Drug Designation for ACM-101 in AML\n\n" + DATELINE


@pytest.mark.parametrize(
    ("text", "announced", "recalled"),
    [
        (_ODD_NEWS + "today announced that the FDA has granted an Orphan Drug Designation (ODD) to ACM-101 for the "
         "treatment of AML. This is the fourth ODD granted to ACM-101 by the US FDA, following the previous ODDs for "
         "the treatment of WM, CLL, and MM.", ["AML"], ["CLL", "MM", "WM"]),
        (_ODD_NEWS + "today announced that the FDA has granted Orphan Drug Designation to ACM-101 for the treatment of "
         "AML, in addition to the earlier Orphan Drug Designations for WM and CLL.", ["AML"], ["CLL", "WM"]),
        (_ODD_NEWS + "today announced that the FDA has granted Orphan Drug Designation to ACM-101 for the treatment of "
         "AML, complementing the Orphan Drug Designation it received for WM in 2023.", ["AML"], ["WM"]),
        # ("complement" the immune system's, not the verb: no held fact opens there)
        (_ODD_NEWS + "today announced that the FDA has granted Orphan Drug Designation to ACM-101 for the treatment of "
         "complement-mediated kidney disease, in addition to the earlier Orphan Drug Designation for WM.",
         ["complement-mediated kidney disease"], ["WM"]),
        (_ODD_NEWS + "today announced an update. In addition to the Orphan Drug Designation previously granted for WM, "
         "the FDA has now granted Orphan Drug Designation to ACM-101 for AML.", ["AML"], ["WM"]),
        (_ODD_NEWS + "today announced that the FDA has granted Orphan Drug Designation to ACM-101 for the treatment of "
         "AML.\n“Orphan drug designation is another step forward for ACM-101 in the treatment of blood cancers, and "
         "adds to the prior Fast Track designation this product has received,” said the CEO.", ["AML"], []),
    ],
)  # fmt: skip
def test_a_forward_cue_after_the_news_recalls_what_it_opens(text: str, announced: list[str], recalled: list[str]) -> None:
    found = [e for e in extract(text).events if e.kind == "designation" and e.designation == "orphan_drug"]
    assert sorted(str(e.indication) for e in found if e.announced) == announced
    assert sorted(str(e.indication) for e in found if not e.announced) == recalled


# a plan said as a decision; a plan that waits on another trial's completion (no trap); a trial
# whose only named drug is the partner given with it is not that partner's trial
@pytest.mark.parametrize(
    ("expected", "text"),
    [
        ("trial:planned:ACM-101", "Acme Reports Fourth Quarter Results\n\n" + DATELINE + "today reported results. We have "
         "made the decision to initiate a 12-month, placebo-controlled Phase 3 study of ACM-101 in the next quarter."),
        ("trial:planned:ACM-101", "Acme Reports Fourth Quarter Results\n\n" + DATELINE + "today reported results. Acme "
         "has decided to initiate a Phase 3 study of ACM-101 in 2027."),
        ("trial:planned:ACM-101", "Acme Reports Fourth Quarter Results\n\n" + DATELINE + "today reported results. The "
         "Phase 3 clinical trial of ACM-101 will be initiated after the Phase 2 trial is completed."),
        ("-", "Acme Reports Fourth Quarter Results\n\n" + DATELINE + "today reported results. Acme initiated a "
         "Phase 2 trial in combination with pembrolizumab."),
        ("trial:first_patient_dosed:ACM-101", "Acme Initiates Phase 2 Trial of ACM-101\n\n" + DATELINE + "today announced "
         "an update. The first patient was dosed in the Phase 2 trial in combination with pembrolizumab."),
    ],
)  # fmt: skip
def test_a_plan_decided_or_waiting_and_a_partner_s_trial(expected: str, text: str) -> None:
    events = [e for e in extract(text).events if e.announced and e.kind in FIRST_KINDS]
    got = ",".join(sorted(f"{e.kind[:5]}:{e.status}:{e.product}" for e in events)) or "-"
    assert got == expected


def test_a_periodic_report_s_clearance_is_the_period_s_and_the_trial_it_permits_still_a_plan() -> None:
    text = ("Acme Reports Third Quarter 2026 Financial Results and Provides Business Update\n\n" + DATELINE
            + "today reported financial results for the third quarter of 2026.\n"
            "With a Study May Proceed letter from the FDA in hand, we are progressing toward "
            "our goal of initiating the Phase 2b trial of ACM-101 prior to year-end.")  # fmt: skip
    events = extract(text).events
    assert [(e.kind, e.announced) for e in events if e.kind == "ind_clearance"] == [("ind_clearance", False)]
    assert [(e.kind, e.status, e.announced) for e in events if e.kind == "trial_start"] == [
        ("trial_start", "planned", True)
    ]


@pytest.mark.parametrize(
    ("sentence", "announced"),
    [
        ("In the fourth quarter of 2025, the FDA cleared the IND for ACM-101.", False),
        ("The FDA cleared the IND for ACM-101 in Q4 2025.", False),
        ("In the second half of 2025, the FDA cleared the IND for ACM-101.", False),
        ("In the first quarter of 2026, the FDA cleared the IND for ACM-101.", True),  # (the release's own quarter)
    ],
)
def test_a_quarter_or_half_over_before_the_release_dates_a_recall(sentence: str, announced: bool) -> None:
    events = extract("Acme Announces Regulatory Update\n\n" + DATELINE + "today announced an update. " + sentence).events
    assert [(e.kind, e.announced) for e in events if e.kind == "ind_clearance"] == [("ind_clearance", announced)]


def test_a_study_being_prepared_told_in_german_names_its_product_without_the_compound() -> None:
    text = (
        "Acme bereitet klinische ACM-101-Studie bei Patienten mit Hirntumoren vor\n\n"
        "BERLIN, 3. März 2026 -- Acme AG (FWB: ACM) gab heute bekannt, dass das Unternehmen eine neue klinische Studie "
        "mit ACM-101 in Kombination mit Strahlentherapie vorbereitet."
    )
    starts = [(e.product, e.status, e.announced) for e in extract(text).events if e.kind == "trial_start"]
    assert starts == [("ACM-101", "planned", True)]
