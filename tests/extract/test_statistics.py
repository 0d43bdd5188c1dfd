"""Cohort statistics: populations, groups, measures, values, respectively lists, counts and percentages."""

from __future__ import annotations

from decimal import Decimal

from clinical_support import at, statistics, term


def rows(stats):
    return [(s.population.value, s.group and s.group.value, s.measure.value, s.value.value, s.unit) for s in stats]


def test_respectively_lists_pair_groups_and_values():
    doc, stats = statistics("In a series, overall survival was 30 months, with leiomyosarcoma and cervical cancer "
                            "survival being 18 and 40 months, respectively.")
    assert rows(stats) == [
        (term("CaseSeriesPopulation"), None, term("OverallSurvival"), Decimal(30), term("Month")),
        (term("CaseSeriesPopulation"), term("Leiomyosarcoma"), term("OverallSurvival"), Decimal(18), term("Month")),
        (term("CaseSeriesPopulation"), term("CervicalCancer"), term("OverallSurvival"), Decimal(40), term("Month")),
    ]
    assert at(doc, stats[1].value) == "18"
    assert at(doc, stats[1].group) == "leiomyosarcoma"


def test_parenthesised_values_after_each_group():
    _doc, stats = statistics("Combined with literature cases, survival fell from endometrial cancer (15.5 months) "
                            "to leiomyosarcoma (9 months).")
    assert rows(stats) == [
        (term("SeriesAndLiteraturePopulation"), term("EndometrialCancer"), term("OverallSurvival"),
         Decimal("15.5"), term("Month")),
        (term("SeriesAndLiteraturePopulation"), term("Leiomyosarcoma"), term("OverallSurvival"), Decimal(9),
         term("Month")),
    ]


def test_counts_percentages_and_means_with_ranges():
    doc, stats = statistics("Fourteen patients with spinal leiomyosarcoma underwent surgery at our institution. "
                            "Local recurrence occurred in 5 patients (36%). The mean survival was 15.2 months "
                            "(range 2.0-40.5 months).")
    got = rows(stats)
    cohort, lms = term("InstitutionalCohortPopulation"), term("Leiomyosarcoma")
    assert got == [
        (cohort, lms, term("NumberOfPatients"), Decimal(14), None),
        (cohort, lms, term("TumorRecurrence"), Decimal(5), None),
        (cohort, lms, term("TumorRecurrence"), Decimal(36), term("Percent")),
        (cohort, lms, term("OverallSurvival"), Decimal("15.2"), term("Month")),
    ]
    assert at(doc, stats[0].value) == "Fourteen"


def test_time_points_and_years_are_not_values():
    _doc, stats = statistics("In a series of leiomyosarcoma, overall survival at 1 and 3 years was 70% and 35%, "
                            "respectively, between 2001 and 2015.")
    assert [(s.value.value, s.unit) for s in stats] == [(Decimal(70), term("Percent")), (Decimal(35),
                                                                                        term("Percent"))]


def test_counts_by_primary_site_and_subsets():
    _, stats = statistics("Twenty patients with leiomyosarcoma were treated at our institution. The primary tumor "
                          "was uterine in 12 patients (60%). Local recurrence occurred in 5 patients; 2 of them "
                          "underwent a reoperation.")
    got = {(s.group and s.group.value, s.measure.value, s.value.value, s.unit) for s in stats}
    assert (term("UterineLeiomyosarcoma"), term("NumberOfPatients"), Decimal(12), None) in got
    assert (term("UterineLeiomyosarcoma"), term("NumberOfPatients"), Decimal(60), term("Percent")) in got
    assert (term("Leiomyosarcoma"), term("TumorRecurrence"), Decimal(5), None) in got
    assert (term("Leiomyosarcoma"), term("RepeatSurgery"), Decimal(2), None) in got
    assert (term("Leiomyosarcoma"), term("NumberOfPatients"), Decimal(20), None) in got


def test_time_points_before_a_measure_and_ranges_between_are_not_values():
    _, stats = statistics("In a series of 30 patients with leiomyosarcoma, the 2-year overall survival was 45%, "
                          "and recurrence rates between 20% and 35% were reported.")
    assert sorted((s.measure.value, s.value.value) for s in stats) == [
        (term("NumberOfPatients"), Decimal(30)), (term("OverallSurvival"), Decimal(45))]


def test_reported_cases_are_literature_cases_and_times_to_events():
    _, stats = statistics("To date, 15 cases of leiomyosarcoma of the skull have been reported. In a series of 9 "
                          "patients, 3 underwent repeat surgery at a mean of 7.5 months.")
    got = [(s.population.value, s.measure.value, s.value.value) for s in stats]
    assert (term("LiteratureCasesPopulation"), term("NumberOfCases"), Decimal(15)) in got
    assert (term("CaseSeriesPopulation"), term("RepeatSurgery"), Decimal(3)) in got
    assert (term("CaseSeriesPopulation"), term("TimeToRepeatSurgery"), Decimal("7.5")) in got


def test_counts_of_women_with_their_percentage():
    _, stats = statistics("We reviewed 20 patients with leiomyosarcoma of the spine at our institution. Of these, "
                          "14 (70%) were female.")
    got = {(s.measure.value, s.value.value, s.unit) for s in stats}
    assert {(term("NumberOfWomen"), Decimal(14), None), (term("NumberOfWomen"), Decimal(70), term("Percent")),
            (term("NumberOfPatients"), Decimal(20), None)} <= got


def test_n_of_the_m_patients_counts_n():
    doc, stats = statistics("Thirty patients with leiomyosarcoma were treated at our institution. Local recurrence "
                            "occurred in 3 of the 20 operated patients (15%).")
    recurrence = [(s.value.value, s.unit) for s in stats if s.measure.value == term("TumorRecurrence")]
    assert recurrence == [(Decimal(3), None), (Decimal(15), term("Percent"))]
    assert at(doc, next(s for s in stats if s.measure.value == term("TumorRecurrence")).value) == "3"


def test_primary_tumour_arose_in_named_sites():
    _doc, stats = statistics("In this retrospective cohort of leiomyosarcoma, the primary tumour arose in the uterus "
                             "in 9 patients (60%) and in the retroperitoneum in 4 (27%).")
    assert [(s.group.value, s.value.value) for s in stats if s.measure.value == term("NumberOfPatients")] == [
        (term("UterineLeiomyosarcoma"), Decimal(9)), (term("UterineLeiomyosarcoma"), Decimal(60)),
        (term("RetroperitonealLeiomyosarcoma"), Decimal(4)), (term("RetroperitonealLeiomyosarcoma"), Decimal(27))]


def test_a_tumour_word_naming_a_kind_of_centre_is_no_group():
    _doc, stats = statistics("We reviewed 25 patients operated for leiomyosarcoma at three sarcoma centres.")
    assert rows(stats) == [(term("CaseSeriesPopulation"), term("Leiomyosarcoma"), term("NumberOfPatients"),
                            Decimal(25), None)]


def test_mean_age_of_a_cohort():
    doc, stats = statistics("Sixteen patients with leiomyosarcoma were treated at our institution; their mean age at "
                            "surgery was 61 years (range, 40-80).")
    age = next(s for s in stats if s.measure.value == term("MeanAge"))
    assert (age.value.value, age.unit) == (Decimal(61), term("Year"))
    assert at(doc, age.value) == "61 years"


def test_patients_complicated_by_a_finding_are_cases_with_it():
    _doc, stats = statistics("Thirty patients with leiomyosarcoma were treated at our institution. Six patients were "
                             "complicated by intratumoral hemorrhage.")
    assert [(s.measure.value, s.value.value) for s in stats][1:] == [(term("HemorrhageRate"), Decimal(6))]


def test_a_bare_count_after_a_comma_complicated_by_a_finding():
    _doc, stats = statistics("In our cohort of 18 patients with leiomyosarcoma, 5 were complicated by intratumoral "
                             "hemorrhage.")
    assert (term("HemorrhageRate"), Decimal(5)) in [(s.measure.value, s.value.value) for s in stats]


def test_the_publications_a_review_gathered_are_counted():
    doc, stats = statistics("Our review of the literature found 40 patients with leiomyosarcoma of the spine in 22 "
                            "publications.")
    pubs = [s for s in stats if s.measure.value == term("NumberOfPublications")]
    assert [(s.value.value, at(doc, s.value)) for s in pubs] == [(Decimal(22), "22")]
