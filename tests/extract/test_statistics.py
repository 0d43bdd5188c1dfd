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


def test_a_breakdown_of_a_count_by_tumour_gives_each_group_its_count():
    _doc, stats = statistics("We reviewed a registry. A total of 120 patients (20 leiomyosarcoma of bone and 100 "
                            "uterine leiomyosarcoma) were included.")
    assert [(s.group and s.group.value, s.measure.value, s.value.value) for s in stats] == [
        (None, term("NumberOfPatients"), Decimal(120)),
        (term("PrimaryOsseousLeiomyosarcoma"), term("NumberOfPatients"), Decimal(20)),
        (term("UterineLeiomyosarcoma"), term("NumberOfPatients"), Decimal(100)),
    ]
    _doc, stats = statistics("In our cohort, 31 patients with ULMS and 12 patients with NULMS were compared.")
    assert [(s.group.value, s.value.value) for s in stats] == [
        (term("UterineLeiomyosarcoma"), Decimal(31)), (term("NonUterineLeiomyosarcoma"), Decimal(12))]


def test_versus_pairs_follow_the_groups_compared_or_the_study_groups():
    _doc, stats = statistics("In our institutional cohort, local recurrence was more frequent in uterine "
                            "leiomyosarcoma than in non-uterine leiomyosarcoma (40% vs. 25%).")
    assert [(s.group.value, s.value.value) for s in stats] == [
        (term("UterineLeiomyosarcoma"), Decimal(40)), (term("NonUterineLeiomyosarcoma"), Decimal(25))]
    _doc, stats = statistics("Our cohort held 30 patients with ULMS and 10 patients with NULMS. The 3-year overall "
                            "survival rates differed (51% vs. 80%).")
    rates = [(s.group.value, s.measure.value, s.value.value) for s in stats if s.unit == term("Percent")]
    assert rates == [(term("UterineLeiomyosarcoma"), term("OverallSurvival"), Decimal(51)),
                     (term("NonUterineLeiomyosarcoma"), term("OverallSurvival"), Decimal(80))]
    assert all(s.value.value != 3 for s in stats)            # "3-year" is the time point, not a figure


def test_respectively_pairs_several_lists_with_the_groups_named_last():
    _doc, stats = statistics("In our cohort, two-year overall survival rates of 70% and 45% and median survival "
                            "times of 40 (range: 10-80) and 22 (range: 5-60) months were seen in patients with "
                            "NULMS and ULMS, respectively.")
    assert [(s.group.value, s.value.value) for s in stats if s.unit == term("Percent")] == [
        (term("NonUterineLeiomyosarcoma"), Decimal(70)), (term("UterineLeiomyosarcoma"), Decimal(45))]
    assert [(s.group.value, s.value.value) for s in stats if s.unit == term("Month")] == [
        (term("NonUterineLeiomyosarcoma"), Decimal(40)), (term("UterineLeiomyosarcoma"), Decimal(22))]


def test_a_comparison_naming_one_study_group_gives_the_other_value_to_the_other_group():
    _doc, stats = statistics("Our cohort held 30 patients with ULMS and 10 patients with NULMS. More patients with "
                            "NULMS presented with metastatic disease (60% vs. 20%, p = 0.01).")
    assert [(s.group.value, s.measure.value, s.value.value) for s in stats if s.unit == term("Percent")] == [
        (term("NonUterineLeiomyosarcoma"), term("MetastaticDiseaseAtPresentation"), Decimal(60)),
        (term("UterineLeiomyosarcoma"), term("MetastaticDiseaseAtPresentation"), Decimal(20))]
    _doc, stats = statistics("We compared 12 patients with uterine leiomyosarcoma and 9 patients with non-uterine "
                            "leiomyosarcoma. Fewer patients with uterine leiomyosarcoma had local recurrence "
                            "(8% vs. 33%).")
    assert [(s.group.value, s.value.value) for s in stats if s.unit == term("Percent")] == [
        (term("UterineLeiomyosarcoma"), Decimal(8)), (term("NonUterineLeiomyosarcoma"), Decimal(33))]


def test_a_subset_the_text_names_is_the_population_of_its_figures():
    _doc, stats = statistics("From the registry, data of resectable primary cases were extracted (total 90: "
                            "30 leiomyosarcoma of bone and 60 uterine leiomyosarcoma).")
    assert [(s.population_name and s.population_name.value, s.group and s.group.value, s.measure.value,
             s.value.value) for s in stats] == [
        ("resectable primary cases", None, term("NumberOfCases"), Decimal(90)),
        ("resectable primary cases", term("PrimaryOsseousLeiomyosarcoma"), term("NumberOfCases"), Decimal(30)),
        ("resectable primary cases", term("UterineLeiomyosarcoma"), term("NumberOfCases"), Decimal(60)),
    ]
    _doc, stats = statistics("Records of operated patients were selected (total 15: 5 ULMS and 10 NULMS).")
    assert {s.population_name.value for s in stats} == {"operated patients"}


def test_a_threshold_is_no_figure():
    _doc, stats = statistics("In our cohort, older age (\u226560 years) predicted poor overall survival.")
    assert all(s.value.value != 60 for s in stats)


def test_median_and_mean_ages_of_compared_groups():
    _doc, stats = statistics("We compared 40 patients with ULMS and 20 patients with NULMS. Patients with ULMS were "
                            "younger than patients with NULMS (median 48 years vs. 63 years).")
    assert [(s.group.value, s.measure.value, s.value.value) for s in stats if s.unit == term("Year")] == [
        (term("UterineLeiomyosarcoma"), term("MedianAge"), Decimal(48)),
        (term("NonUterineLeiomyosarcoma"), term("MedianAge"), Decimal(63))]
    _doc, stats = statistics("In our institutional cohort the mean age was 58 years.")
    assert [(s.measure.value, s.value.value) for s in stats] == [(term("MeanAge"), Decimal(58))]


def test_reported_cases_of_a_named_kind_are_a_population_of_that_name():
    _doc, stats = statistics("So far, 14 cases of spinal metastasis from uterine leiomyosarcoma, including ours, "
                            "have been reported. Of these, five patients had hemorrhage.")
    assert [(s.population.value, s.population_name.value) for s in stats] == [
        (term("LiteratureCasesPopulation"), "reported cases of spinal metastasis from uterine leiomyosarcoma")] * 2
    _doc, stats = statistics("Only 9 cases of leiomyosarcoma of the sacrum have been described in the literature.")
    assert stats[0].population_name.value == "reported cases of leiomyosarcoma of the sacrum"
    _doc, stats = statistics("From the literature we reviewed 17 previously published cases of cardiac metastasis "
                            "from leiomyosarcoma.")
    assert stats[0].population_name.value == "previously published cases of cardiac metastasis from leiomyosarcoma"


def test_an_adjectival_time_before_the_measure_is_the_figures_time_point():
    _doc, stats = statistics("Our cohort held 30 patients with ULMS and 10 patients with NULMS. The 3-year overall "
                            "survival rates differed (51% vs. 80%).")
    rates = [s for s in stats if s.unit == term("Percent")]
    assert [(s.time_point[0].value, s.time_point[1]) for s in rates] == [(Decimal(3), term("Year"))] * 2
    _doc, stats = statistics("In our institutional cohort, two-year overall survival was 64% and median survival "
                            "was 30 months.")
    assert [(s.value.value, s.time_point and s.time_point[0].value) for s in stats] == [
        (Decimal(64), Decimal(2)), (Decimal(30), None)]


def test_a_range_or_interval_written_after_a_value_gives_its_bounds():
    _doc, stats = statistics("In our institutional cohort, the mean survival was 14.5 months (range 2.1-40.0 months).")
    assert [(s.value.value, s.bounds[0].value, s.bounds[1].value) for s in stats if s.bounds] == [
        (Decimal("14.5"), Decimal("2.1"), Decimal("40.0"))]
    _doc, stats = statistics("In our cohort, median overall survival times of 61.0 (IQR: 40.2-80.5) and 33.0 "
                            "(IQR: 20.0-45.5) months were seen in patients with NULMS and ULMS, respectively.")
    assert [(s.value.value, s.bounds and s.bounds[0].value) for s in stats] == [
        (Decimal("61.0"), Decimal("40.2")), (Decimal("33.0"), Decimal("20.0"))]


def p_values(text: str):
    doc, stats = statistics(text)
    return doc, [(s.value.value, s.p_value and (s.p_value[0].value, s.p_value[1])) for s in stats]


def test_a_p_value_belongs_to_the_figures_written_before_it_in_its_sentence():
    doc, got = p_values("We reviewed 60 patients at our institution. Local control was better after en bloc "
                        "resection (80% vs. 45%, p = 0.012); 2-year overall survival was 70% vs. 52% (P<0.001).")
    assert got[1:] == [(Decimal(80), (Decimal("0.012"), "=")), (Decimal(45), (Decimal("0.012"), "=")),
                       (Decimal(70), (Decimal("0.001"), "<")), (Decimal(52), (Decimal("0.001"), "<"))]
    stats = statistics("We reviewed 60 patients at our institution. Local control was better after en bloc "
                       "resection (80% vs. 45%, p = 0.012).")[1]
    assert at(doc, stats[1].p_value[0]) == "0.012"
    _doc, got = p_values("In our series of 40 patients, median overall survival was 30 and 18 months in patients "
                         "with and without surgery, respectively (p-value = .04). Nine patients (22%) died.")
    assert got[1:] == [(Decimal(30), (Decimal("0.04"), "=")), (Decimal(18), (Decimal("0.04"), "=")),
                       (Decimal(9), None), (Decimal(22), None)]


def figures(text: str):
    _doc, stats = statistics(text)
    return [(s.population_name and s.population_name.value, s.group and s.group.value,
             s.measure.value.rsplit("/", 1)[-1], s.value.value,
             s.time_point and (s.time_point[0].value, s.time_point[1].rsplit("/", 1)[-1]),
             s.bounds and (s.bounds[0].value, s.bounds[1].value)) for s in stats][1:]


def test_a_list_of_time_points_pairs_with_the_rates_in_turn():
    assert figures("We reviewed 120 patients with uterine leiomyosarcoma at our institution. The 1-, 3- and "
                   "5-year cancer-specific survival rates were 90, 70 and 47%, respectively.") == [
        (None, term("UterineLeiomyosarcoma"), "CancerSpecificSurvival", Decimal(n), (Decimal(y), "Year"), None)
        for n, y in ((90, 1), (70, 3), (47, 5))]
    got = figures("We reviewed 40 patients treated at our institution for spinal leiomyosarcoma. Local control at "
                  "6 and 12 months was 80% and 60%, respectively.")
    assert [(r[3], r[4]) for r in got] == [(Decimal(80), (Decimal(6), "Month")), (Decimal(60), (Decimal(12), "Month"))]


def test_values_right_before_a_treatment_they_follow_are_of_the_patients_so_treated():
    got = figures("We reviewed 40 patients treated at our institution for spinal leiomyosarcoma. Local control "
                  "at 6, 12 and 18 months was 72%, 58% and 43% after upfront surgery and 40%, 30% and 20% after "
                  "upfront radiosurgery.")
    assert [(r[0], r[3], r[4][0]) for r in got] == [
        ("upfront surgery", Decimal(72), Decimal(6)), ("upfront surgery", Decimal(58), Decimal(12)),
        ("upfront surgery", Decimal(43), Decimal(18)), ("upfront radiosurgery", Decimal(40), Decimal(6)),
        ("upfront radiosurgery", Decimal(30), Decimal(12)), ("upfront radiosurgery", Decimal(20), Decimal(18))]
    got = figures("We identified 90 patients with leiomyosarcoma. Local recurrence occurred in 15% of patients "
                  "after en bloc resection and in 40% after intralesional surgery. Among 20 patients treated with "
                  "stereotactic body radiotherapy, the 2-year local control rate was 85%.")
    assert [(r[0], r[2], r[3]) for r in got] == [
        ("en bloc resection", "TumorRecurrence", Decimal(15)),
        ("intralesional surgery", "TumorRecurrence", Decimal(40)),
        ("stereotactic body radiotherapy", "NumberOfPatients", Decimal(20)),
        ("stereotactic body radiotherapy", "LocalTumorControl", Decimal(85))]


def test_a_time_since_an_operation_is_no_subset_of_patients():
    got = figures("We reviewed 30 patients at our institution. Four of them underwent repeat surgery at a mean of "
                  "9.5 months after the index operation.")
    assert all(r[0] is None for r in got) and Decimal("9.5") in [r[3] for r in got]


def test_ratios_and_follow_up_with_their_intervals_and_a_confidence_level_is_no_value():
    assert figures("We reviewed 120 patients with uterine leiomyosarcoma at our institution. On multivariable "
                   "analysis, tumor size above 10 cm was associated with death (HR 2.1, 95% CI 1.2-3.5).") == [
        (None, term("UterineLeiomyosarcoma"), "HazardRatio", Decimal("2.1"), None, (Decimal("1.2"), Decimal("3.5")))]
    assert figures("We reviewed 52 patients at our institution. The median follow-up was 24 months (IQR 12-40). "
                   "Median overall survival was 31 months (95% confidence interval, 22-40).") == [
        (None, None, "MedianFollowUp", Decimal(24), None, (Decimal(12), Decimal(40))),
        (None, None, "OverallSurvival", Decimal(31), None, (Decimal(22), Decimal(40)))]
    got = figures("We reviewed 52 patients at our institution. Mean follow-up time was 3.5 years; the odds ratio "
                  "of recurrence after intralesional surgery was 3.2 (95% CI 1.1-9.0).")
    assert [(r[2], r[3]) for r in got] == [("MeanFollowUp", Decimal("3.5")), ("OddsRatio", Decimal("3.2"))]


def test_figures_of_cited_studies_and_of_cited_titles_are_not_this_document_s():
    got = figures("We treated 12 patients at our institution. Ruiz et al. reported a 5-year survival of 30% in 45 "
                  "patients. Our 5-year overall survival was 42%.")
    assert [(r[2], r[3]) for r in got] == [("OverallSurvival", Decimal(42))]
    _doc, stats = statistics("Spinal leiomyosarcoma is rare. Survival in a national series (Outcome of 1240 "
                             "patients with sarcoma, Cancer 2015) was studied; our 9 patients had surgery.")
    assert Decimal(1240) not in [s.value.value for s in stats]


def test_cases_a_review_found_are_counted_for_the_literature():
    _doc, stats = statistics("We treated 12 patients at our institution. In a review of the literature, we found "
                             "85 published cases; their median survival was 20 months.")
    assert [(s.population.value, s.measure.value, s.value.value) for s in stats][1:] == [
        (term("LiteratureCasesPopulation"), term("NumberOfCases"), Decimal(85)),
        (term("LiteratureCasesPopulation"), term("OverallSurvival"), Decimal(20))]


def categories(text: str):
    _doc, stats = statistics(text)
    return [(s.group and s.group.value, s.measure.value.rsplit("/", 1)[-1], s.value.value, s.unit and "%",
             s.category and s.category.value) for s in stats if s.category is not None]


def test_counts_by_category_after_a_head_give_one_figure_per_category():
    assert categories("We reviewed 52 patients at our institution. Primary sites were uterine 18, retroperitoneal "
                      "15 and extremity 19; spinal lesions were axial 29 and appendicular 5.") == [
        (term("UterineLeiomyosarcoma"), "NumberOfPatients", Decimal(18), None, "uterine"),
        (term("RetroperitonealLeiomyosarcoma"), "NumberOfPatients", Decimal(15), None, "retroperitoneal"),
        (term("ExtremityLeiomyosarcoma"), "NumberOfPatients", Decimal(19), None, "extremity"),
        (None, "NumberOfLesions", Decimal(29), None, "axial"),
        (None, "NumberOfLesions", Decimal(5), None, "appendicular")]
    assert categories("We reviewed 40 patients at our institution. Histologic subtypes: conventional 30 (75%), "
                      "pleomorphic 6 (15%) and myxoid 4 (10%).") == [
        (None, "NumberOfPatients", Decimal(30), None, "conventional"),
        (None, "NumberOfPatients", Decimal(75), "%", "conventional"),
        (None, "NumberOfPatients", Decimal(6), None, "pleomorphic"),
        (None, "NumberOfPatients", Decimal(15), "%", "pleomorphic"),
        (None, "NumberOfPatients", Decimal(4), None, "myxoid"),
        (None, "NumberOfPatients", Decimal(10), "%", "myxoid")]


def test_equal_counts_of_two_categories_are_two_figures_and_levels_are_no_categories():
    assert [r[4] for r in categories("We reviewed 10 patients at our institution. Metastases were axial 5 and "
                                     "appendicular 5.")] == ["axial", "appendicular"]
    assert categories("We reviewed 10 patients at our institution. Lesions were at T5 and T6 in 4 patients.") == []


def test_a_literature_review_s_figures_are_the_literature_s_and_our_series_comes_back_to_the_cohort():
    # one own cohort per document: "our institution" and "our series" are the same series
    _doc, stats = statistics("We report 12 patients treated at our institution. A systematic review of the literature "
                             "identified 85 further cases of spinal leiomyosarcoma; in these, the median overall "
                             "survival was 20 months. In our series, median overall survival was 31 months.")
    assert [(s.population.value, s.value.value) for s in stats] == [
        (term("CaseSeriesPopulation"), Decimal(12)), (term("LiteratureCasesPopulation"), Decimal(85)),
        (term("LiteratureCasesPopulation"), Decimal(20)), (term("CaseSeriesPopulation"), Decimal(31))]
    _doc, stats = statistics("Spinal leiomyosarcoma treated surgically\n\nBetween 2000 and 2020, 45 patients underwent "
                             "surgery at our center. We also reviewed 60 cases published in the literature, of which "
                             "40 were women. Of our patients, 30 were women.\n")
    assert [(s.population.value, s.value.value) for s in stats] == [
        (term("InstitutionalCohortPopulation"), Decimal(45)), (term("LiteratureCasesPopulation"), Decimal(60)),
        (term("LiteratureCasesPopulation"), Decimal(40)), (term("InstitutionalCohortPopulation"), Decimal(30))]


def test_numeric_grammar_plus_minus_slash_fractions_elided_sexes_and_times_each_with_its_unit():
    got = figures("We reviewed 32 patients at our institution. Of the 32 patients, 18 (56.3%) were female and 14 "
                  "(43.7%) male. Mean age at diagnosis was 52.4 \u00b1 11.3 years.")
    assert [(r[2], r[3]) for r in got] == [
        ("NumberOfWomen", Decimal(18)), ("NumberOfWomen", Decimal("56.3")), ("NumberOfMen", Decimal(14)),
        ("NumberOfMen", Decimal("43.7")), ("MeanAge", Decimal("52.4"))]
    got = figures("We reviewed 30 patients at our institution. Local recurrence developed in 7/30 (23%) patients. "
                  "The 2-year and 5-year disease-specific survival rates were 70% and 45%.")
    assert [(r[2], r[3], r[4]) for r in got] == [
        ("TumorRecurrence", Decimal(7), None), ("TumorRecurrence", Decimal(23), None),
        ("CancerSpecificSurvival", Decimal(70), (Decimal(2), "Year")),
        ("CancerSpecificSurvival", Decimal(45), (Decimal(5), "Year"))]


def test_counts_by_category_written_with_n_or_a_comma_and_counts_by_site_after_in():
    assert categories("We reviewed 52 patients at our institution. The primary tumors were uterine (n = 18), "
                      "retroperitoneal (n = 15) and in an extremity (n = 19).") == [
        (term("UterineLeiomyosarcoma"), "NumberOfPatients", Decimal(18), None, "uterine"),
        (term("RetroperitonealLeiomyosarcoma"), "NumberOfPatients", Decimal(15), None, "retroperitoneal"),
        (term("ExtremityLeiomyosarcoma"), "NumberOfPatients", Decimal(19), None, "extremity")]
    assert [r[2:] for r in categories("We reviewed 52 patients at our institution. Primary site: uterus, 18; "
                                      "retroperitoneum, 15.")] == [(Decimal(18), None, "uterus"),
                                                                   (Decimal(15), None, "retroperitoneum")]
    assert categories("We reviewed 52 patients at our institution. Spinal metastases were located in the thoracic "
                      "spine in 29 patients (56%), the lumbar spine in 16 and the cervical spine in 7.") == [
        (None, "NumberOfPatients", Decimal(29), None, "thoracic spine"),
        (None, "NumberOfPatients", Decimal(56), "%", "thoracic spine"),
        (None, "NumberOfPatients", Decimal(16), None, "lumbar spine"),
        (None, "NumberOfPatients", Decimal(7), None, "cervical spine")]


def test_a_single_site_count_or_outcomes_after_in_are_no_category_list():
    assert categories("We reviewed 52 patients at our institution. Recurrence occurred in 4 and death in 2.") == []
    assert categories("We reviewed 52 patients at our institution. The tumour was in the sacrum in 3 patients.") == []
