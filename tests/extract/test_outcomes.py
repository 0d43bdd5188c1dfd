"""Outcomes: terms, values and units, dates, negation, offsets included."""

from __future__ import annotations

from decimal import Decimal

from clinical_support import at, one_case, term


def outcomes(case):
    return [(o.outcome.value, o.value and o.value.value, o.unit) for o in case.outcomes]


def test_value_after_the_outcome_and_the_interval_dates():
    doc, case = one_case("A 48-year-old woman with leiomyosarcoma underwent resection and has been progression "
                         "free for 20 months (June 2018 to February 2020).")
    (o,) = case.outcomes
    assert (o.outcome.value, o.value.value, o.unit) == (term("ProgressionFreeSurvival"), Decimal(20), term("Month"))
    assert at(doc, o.value) == "20 months"
    assert (o.start_date.value, o.end_date.value) == ("2018-06", "2020-02")
    assert at(doc, o.start_date) == "June 2018"


def test_death_with_a_number_in_words_and_without_a_number():
    _, case = one_case("A 66-year-old man with leiomyosarcoma was given palliative care and died three "
                         "months later.")
    assert outcomes(case) == [(term("Death"), Decimal(3), term("Month"))]
    _doc, case = one_case("A patient with leiomyosarcoma passed away within a few days of surgery.")
    assert outcomes(case) == [(term("Death"), None, None)]


def test_value_in_the_clause_before_and_not_across_but():
    _doc, case = one_case("A 58-year-old man with leiomyosarcoma had a resection. At 2 years he was doing well, "
                         "but he died 30 months after surgery.")
    assert outcomes(case) == [(term("GoodOutcome"), Decimal(2), term("Year")), (term("Death"), Decimal(30),
                                                                               term("Month"))]


def test_negated_outcomes_are_left_out_and_no_recurrence_is_no_evidence_of_disease():
    _, case = one_case("A 41-year-old woman with leiomyosarcoma had a resection; there was no improvement.")
    assert outcomes(case) == []
    doc, case = one_case("A 41-year-old woman with leiomyosarcoma had a resection and remained free of recurrence "
                         "15 months after surgery.")
    assert outcomes(case) == [(term("NoEvidenceOfDisease"), Decimal(15), term("Month"))]
    assert at(doc, case.outcomes[0].outcome) == "recurrence"


def test_new_metastases_found_later_are_progression():
    doc, case = one_case("A 50-year-old woman with leiomyosarcoma underwent resection. Lung metastases were "
                         "detected 9 months after surgery.")
    (o,) = case.outcomes
    assert (o.outcome.value, o.value.value, o.unit) == (term("DiseaseProgression"), Decimal(9), term("Month"))
    assert at(doc, o.value) == "9 months"


def test_the_cause_of_death_is_not_an_outcome_of_its_own():
    _, case = one_case("A 60-year-old man with leiomyosarcoma had surgery and died of disease progression 6 months "
                       "after diagnosis.")
    assert outcomes(case) == [(term("Death"), Decimal(6), term("Month"))]


def test_a_recurrence_denied_beside_a_death_is_not_freedom_from_disease():
    _doc, case = one_case("A 57-year-old woman with leiomyosarcoma had radiosurgery of a brain metastasis. She died "
                          "of liver metastases 14 months after radiosurgery, without local recurrence in the brain.")
    assert [(o.outcome.value, o.value and o.value.value) for o in case.outcomes] == [(term("Death"), Decimal(14))]


def test_a_recurrence_denied_alone_is_freedom_from_disease():
    _doc, case = one_case("A 57-year-old woman with leiomyosarcoma had radiosurgery of a brain metastasis. She "
                          "remained without recurrence 14 months after radiosurgery.")
    assert [o.outcome.value for o in case.outcomes] == [term("NoEvidenceOfDisease")]


def test_strength_recovered_fully_is_a_neurological_improvement():
    _doc, case = one_case("A 45-year-old woman with leiomyosarcoma underwent laminectomy. Her strength recovered "
                          "fully.")
    assert [o.outcome.value for o in case.outcomes] == [term("NeurologicalImprovement")]


def test_one_outcome_per_listed_time_point():
    _, case = one_case("A 51-year-old woman had a T8 leiomyosarcoma metastasis resected. Follow-up scans at 3, 9 "
                       "and 18 months, and again at 4 years, showed no evidence of residual or recurrent tumor.")
    assert outcomes(case) == [(term("NoEvidenceOfDisease"), Decimal(n), term(u)) for n, u in
                              ((3, "Month"), (9, "Month"), (18, "Month"), (4, "Year"))]
    _, case = one_case("A 70-year-old man had an L2 leiomyosarcoma metastasis resected. Two- and five months "
                       "postoperatively, MRI showed no tumor recurrence.")
    assert outcomes(case) == [(term("NoEvidenceOfDisease"), Decimal(2), term("Month")),
                              (term("NoEvidenceOfDisease"), Decimal(5), term("Month"))]


def test_years_and_months_together_and_a_postoperative_year():
    _, case = one_case("A 59-year-old woman with leiomyosarcoma of the colon was operated on. She survived for "
                       "3 years and 4 months after the operation.")
    assert outcomes(case) == [(term("OverallSurvival"), Decimal(40), term("Month"))]
    _, case = one_case("A 44-year-old man had a C4 metastasis of leiomyosarcoma resected. Within two postoperative "
                       "years, the lesion recurred.")
    assert outcomes(case) == [(term("TumorRecurrence"), Decimal(2), term("Year"))]


def test_plans_and_purposes_are_no_outcomes():
    _, case = one_case("A 61-year-old woman had a cardiac metastasis of leiomyosarcoma. To avoid sudden death, "
                       "the tumour was removed at once.")
    assert term("Death") not in [o.outcome.value for o in case.outcomes]


def test_results_that_follow_the_case_presentation_tell_its_outcome():
    _doc, case = one_case("Background: Leiomyosarcoma rarely reaches the cervical spine.\n\nCase presentation: A "
                          "59-year-old woman with uterine leiomyosarcoma underwent C4 corpectomy.\n\nResults: Her "
                          "arm pain disappeared after surgery. At 10 months she was free of disease.\n")
    assert [o[0] for o in outcomes(case)] == [term("SymptomResolution"), term("DiseaseFreeSurvival")]
    _doc, case = one_case("Case report: A 62-year-old man with retroperitoneal leiomyosarcoma had an L2 "
                          "metastasis resected.\n\nResults: He died 14 months after the operation.\n")
    assert outcomes(case) == [(term("Death"), Decimal(14), term("Month"))]


def test_results_about_a_group_of_patients_stay_out_of_the_case():
    from clinical_support import ontology

    from lmskg.documents import from_text
    from lmskg.extract.clinical import extract_cases, extract_statistics

    doc = from_text("t", "Background: Leiomyosarcoma rarely reaches the cervical spine.\n\n"
                         "Case presentation: A 59-year-old woman with uterine leiomyosarcoma underwent C4 "
                         "corpectomy.\n\nResults: In the 30 published cases we reviewed, median survival was 20 "
                         "months.\n")
    (case,) = extract_cases(doc, ontology(), ())
    assert case.outcomes == ()
    assert Decimal(20) in [s.value.value for s in extract_statistics(doc, ontology(), ())]


def test_a_second_time_after_a_qualifier_is_the_same_outcome_again():
    _doc, case = one_case("A 55-year-old man with leiomyosarcoma underwent T9 corpectomy. He walked with a frame at "
                          "4 weeks and without aid at 5 months.")
    assert outcomes(case) == [(term("AmbulationRegained"), Decimal(4), term("Week")),
                              (term("AmbulationRegained"), Decimal(5), term("Month"))]
    _doc, case = one_case("A 60-year-old woman with leiomyosarcoma had an L2 resection. She was ambulatory with a "
                          "walker at 2 weeks and independently at 2 months.")
    assert [o[1] for o in outcomes(case)] == [Decimal(2), Decimal(2)]
    assert [o[2] for o in outcomes(case)] == [term("Week"), term("Month")]


def test_an_outcome_named_as_the_reference_of_a_later_event_is_not_one_again():
    _doc, case = one_case("A 67-year-old man with leiomyosarcoma underwent C6 corpectomy. At 1 year a local "
                          "recurrence was found. He died two months after the recurrence was diagnosed.")
    assert outcomes(case) == [(term("TumorRecurrence"), Decimal(1), term("Year")),
                              (term("Death"), Decimal(2), term("Month"))]
    _doc, case = one_case("A 50-year-old woman with leiomyosarcoma underwent resection. Local recurrence occurred 8 "
                          "months after surgery and she died 4 months after that recurrence.")
    assert outcomes(case) == [(term("TumorRecurrence"), Decimal(8), term("Month")),
                              (term("Death"), Decimal(4), term("Month"))]
