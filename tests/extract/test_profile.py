"""Profile statements: where a tumour type arises or spreads, how it presents, how it is imaged."""

from __future__ import annotations

from decimal import Decimal

from clinical_support import at, ontology, statistics, term

from lmskg.documents import from_text
from lmskg.extract.clinical import extract_statistics


def profile(text: str):
    doc, stats = statistics(text)
    return doc, [(s.population.value, s.measure.value, s.value.value, s.concept.value)
                 for s in stats if s.concept is not None], stats


def test_a_list_of_sites_after_a_cue_gives_one_figure_per_site_as_written():
    doc, rows, stats = profile("Leiomyosarcoma is a malignant smooth muscle tumour that usually arises in the "
                               "uterus, the stomach or the retroperitoneum.")
    assert rows == [
        (term("Leiomyosarcoma"), term("SiteOfOccurrence"), "uterus", term("Uterus")),
        (term("Leiomyosarcoma"), term("SiteOfOccurrence"), "stomach", term("Stomach")),
        (term("Leiomyosarcoma"), term("SiteOfOccurrence"), "retroperitoneum", term("Retroperitoneum")),
    ]
    assert at(doc, stats[0].value) == "uterus"
    _doc, rows, _ = profile("In adults, leiomyosarcoma is found most often in the abdomen and in the uterus.")
    assert [r[2] for r in rows] == ["abdomen", "uterus"]


def test_a_site_cue_about_spread_gives_the_metastatic_site():
    _doc, rows, _ = profile("Uterine leiomyosarcoma disseminates through the blood, most commonly to the lungs.")
    assert rows == [(term("UterineLeiomyosarcoma"), term("MetastaticSite"), "lungs", term("Lung"))]
    _doc, rows, _ = profile("Leiomyosarcoma is aggressive. The most common sites of metastasis are the liver "
                            "and skin.")
    assert rows == [(term("Leiomyosarcoma"), term("MetastaticSite"), "liver", term("Liver")),
                    (term("Leiomyosarcoma"), term("MetastaticSite"), "skin", term("Skin"))]


def test_a_contrast_speaks_of_another_tumour():
    _doc, rows, _ = profile("Unlike endometrial carcinoma, which most commonly metastasizes to the lymph nodes, "
                            "uterine leiomyosarcoma spreads most commonly to the lungs.")
    assert rows == [(term("UterineLeiomyosarcoma"), term("MetastaticSite"), "lungs", term("Lung"))]


def test_a_bulleted_list_after_a_colon_gives_each_item_as_written():
    _doc, rows, _ = profile("Leiomyosarcoma often causes no complaint at first, and it is found late. "
                            "When it grows, symptoms can include:\n- Abdominal pain\n- Loss of weight\n- Vomiting\n")
    assert [(r[1], r[2]) for r in rows] == [(term("Symptom"), "Abdominal pain"), (term("Symptom"), "Loss of weight"),
                                            (term("Symptom"), "Vomiting")]
    _doc, rows, _ = profile("Leiomyosarcoma of the uterus may be silent for a long time. Symptoms include:\n"
                            "* Menorrhagia\n* A palpable lump\n")
    assert [r[3] for r in rows] == [term("Menorrhagia"), term("PalpableMass")]


def test_presenting_symptoms_and_imaging_tests_of_the_tumour_a_text_is_about():
    _doc, rows, _ = profile("IVC leiomyosarcoma grows slowly. Patients most commonly present with abdominal pain "
                            "or distension.")
    assert rows == [
        (term("InferiorVenaCavaLeiomyosarcoma"), term("MostCommonPresentingSymptom"), "abdominal pain",
         term("AbdominalPain")),
        (term("InferiorVenaCavaLeiomyosarcoma"), term("MostCommonPresentingSymptom"), "distension",
         term("AbdominalDistension")),
    ]
    _doc, rows, _ = profile("To stage a leiomyosarcoma, doctors order imaging tests such as CT and PET.")
    assert [(r[1], r[2]) for r in rows] == [(term("ImagingTest"), "CT"), (term("ImagingTest"), "PET")]


def test_a_negated_cue_or_a_cue_without_a_list_gives_nothing():
    _doc, rows, _ = profile("Leiomyosarcoma does not usually arise in the brain.")
    assert rows == []
    _doc, rows, _ = profile("Leiomyosarcoma usually arises in smooth muscle that is hard to reach.")
    assert rows == []


def test_in_a_study_a_statement_naming_no_tumour_is_about_its_cohort():
    _doc, rows, _ = profile("In our institutional cohort, 40 patients with ULMS and 25 patients with NULMS were "
                            "reviewed. The most common metastatic site was liver in both groups.")
    assert rows == [(term("InstitutionalCohortPopulation"), term("MetastaticSite"), "liver", term("Liver"))]
    _doc, rows, _ = profile("We reviewed 30 patients with leiomyosarcoma treated at our institution. Symptoms "
                            "included back pain and weight loss.")
    assert [(r[0], r[2]) for r in rows] == [(term("InstitutionalCohortPopulation"), "back pain"),
                                            (term("InstitutionalCohortPopulation"), "weight loss")]


def numbers(text: str):
    _doc, stats = statistics(text)
    return [(s.population.value, s.measure.value, s.value.value, s.unit) for s in stats]


def test_a_share_written_before_its_cue_fraction_words_and_ranges():
    assert numbers("Uterine leiomyosarcoma is a rare tumour of the uterus wall. Two-thirds of cases occur in "
                   "women over fifty.")[0] == (term("UterineLeiomyosarcoma"), term("ProportionOfWomen"),
                                               Decimal("66.7"), term("Percent"))
    assert numbers("Leiomyosarcoma is a soft tissue sarcoma and accounts for between 5% and 10% of all soft "
                   "tissue sarcomas.") == [
        (term("Leiomyosarcoma"), term("ShareOfSoftTissueSarcomas"), Decimal(5), term("Percent")),
        (term("Leiomyosarcoma"), term("ShareOfSoftTissueSarcomas"), Decimal(10), term("Percent"))]


def test_an_age_range_written_after_its_cue_gives_one_figure_per_bound():
    assert numbers("IVC leiomyosarcoma is uncommon. Patients are usually aged 50-70 years.") == [
        (term("InferiorVenaCavaLeiomyosarcoma"), term("UsualAgeRange"), Decimal(50), term("Year")),
        (term("InferiorVenaCavaLeiomyosarcoma"), term("UsualAgeRange"), Decimal(70), term("Year"))]
    assert numbers("Leiomyosarcoma of the uterus is rare; patients are typically aged 45 to 55 years.") == [
        (term("UterineLeiomyosarcoma"), term("UsualAgeRange"), Decimal(45), term("Year")),
        (term("UterineLeiomyosarcoma"), term("UsualAgeRange"), Decimal(55), term("Year"))]


def factors(text: str):
    _doc, stats = statistics(text)
    return [(s.measure.value, s.value.value, s.group and s.group.value) for s in stats
            if s.measure.value.endswith(("PrognosticFactor", "PrognosticFactorForSurvival"))]


def test_prognostic_factors_are_the_characteristics_named_before_the_cue_as_written():
    assert factors("We reviewed 80 patients at our institution. High grade (G3) and positive margins correlated "
                   "with poor overall survival in uterine leiomyosarcoma patients.") == [
        (term("PrognosticFactorForSurvival"), "High grade (G3)", term("UterineLeiomyosarcoma")),
        (term("PrognosticFactorForSurvival"), "positive margins", term("UterineLeiomyosarcoma"))]
    assert factors("We reviewed 80 patients at our institution. On multivariable analysis, tumour size was an "
                   "independent prognostic factor.") == [(term("PrognosticFactor"), "tumour size", None)]


def test_an_aim_to_find_prognostic_factors_is_no_finding():
    assert factors("We reviewed 80 patients at our institution. The aim was to identify independent prognostic "
                   "factors in this cohort.") == []


def test_the_test_named_right_before_a_confirming_cue():
    _doc, rows, _ = profile("Leiomyosarcoma can look like a benign tumour on imaging. A biopsy will confirm the "
                            "tumor is leiomyosarcoma.")
    assert rows == [(term("Leiomyosarcoma"), term("ConfirmatoryTest"), "biopsy", term("Biopsy"))]
    _doc, rows, _ = profile("Imaging rarely settles the question: in leiomyosarcoma a core needle biopsy is "
                            "required to confirm the diagnosis.")
    assert rows == [(term("Leiomyosarcoma"), term("ConfirmatoryTest"), "core needle biopsy", term("NeedleBiopsy"))]


def shares(text: str):
    doc, stats = statistics(text)
    return doc, [(s.population.value, s.measure.value, s.value.value, s.unit, s.category and s.category.value,
                  s.bounds and (s.bounds[0].value, s.bounds[1].value)) for s in stats
                 if s.measure.value == term("ShareByLocation")]


def stats_category(doc):
    return next(s.category for s in extract_statistics(doc, ontology(), ()) if s.category is not None)


def test_labelled_lines_after_a_classification_give_one_share_per_category_with_its_range():
    doc, rows = shares("IVC leiomyosarcoma is rare and grows for years before it is found. The tumours are "
                       "classified by the segment of the vein they arise in, which guides the operation:\n"
                       "upper: ~20% (range 10-30%)\nmiddle and lower: 80% (range 70-90%)\n"
                       "Surgery is the only curative treatment.")
    assert at(doc, stats_category(doc)) == "upper"
    assert rows == [
        (term("InferiorVenaCavaLeiomyosarcoma"), term("ShareByLocation"), Decimal(20), term("Percent"), "upper",
         (Decimal(10), Decimal(30))),
        (term("InferiorVenaCavaLeiomyosarcoma"), term("ShareByLocation"), Decimal(80), term("Percent"),
         "middle and lower", (Decimal(70), Decimal(90)))]
    _doc, rows = shares("Uterine leiomyosarcoma is uncommon. Distribution by site, in the series reviewed:\n"
                        "- corpus: about 90%\n- cervix: 10%\n")
    assert [(r[0], r[2], r[4], r[5]) for r in rows] == [
        (term("UterineLeiomyosarcoma"), Decimal(90), "corpus", None),
        (term("UterineLeiomyosarcoma"), Decimal(10), "cervix", None)]


def test_a_classification_without_labelled_lines_gives_nothing():
    assert shares("IVC leiomyosarcoma is rare. The tumours are classified by the segment of the vein they "
                  "arise in: upper, middle or lower.")[1] == []


def test_a_tumour_the_text_likens_its_subject_to_is_not_the_subject():
    _doc, rows, _ = profile("Leiomyosarcomas of the IVC are slow-growing. As with other leiomyosarcomas, they "
                            "arise from smooth muscle. Symptoms include:\n- Abdominal pain\n")
    assert [r[0] for r in rows] == [term("InferiorVenaCavaLeiomyosarcoma")]
    _doc, rows, _ = profile("Uterine leiomyosarcoma is aggressive. Like most sarcomas and unlike carcinomas, it "
                            "spreads through the blood. The most common sites of metastasis are the lungs.")
    assert [r[0] for r in rows] == [term("UterineLeiomyosarcoma")]


def yearly(text: str):
    from lmskg.extract.bibliography import extract_publications

    doc = from_text("t", text)
    stats = extract_statistics(doc, ontology(), extract_publications(doc, ontology()))
    return [(s.population.value, s.population_name and s.population_name.value, s.group and s.group.value,
             s.measure.value, s.value.value, s.unit) for s in stats
            if s.measure.value in (term("AnnualDiagnoses"), term("Incidence"))]


def test_a_yearly_count_names_the_people_counted_and_gives_one_figure_per_bound():
    assert yearly("Leiomyosarcoma\n\nLMS is rare. Each year about 40 to 50 adolescents are diagnosed with LMS in "
                  "Canada, every year.\n") == [
        (term("Leiomyosarcoma"), "adolescents", None, term("AnnualDiagnoses"), Decimal(40), None),
        (term("Leiomyosarcoma"), "adolescents", None, term("AnnualDiagnoses"), Decimal(50), None)]
    assert yearly("Leiomyosarcoma\n\nIn England, roughly 300 people are diagnosed with leiomyosarcoma annually.\n") \
        == [(term("Leiomyosarcoma"), None, None, term("AnnualDiagnoses"), Decimal(300), None)]


def test_a_count_without_a_period_is_no_yearly_count():
    assert yearly("Leiomyosarcoma\n\nAbout 40 women are diagnosed with LMS after a myomectomy.\n") == []


def test_an_incidence_rate_takes_its_unit_from_its_denominator_and_a_narrower_tumour_is_the_group():
    assert yearly("Leiomyosarcoma\n\nUterine LMS affects about 4 per 1 million people per year.\n") == [
        (term("Leiomyosarcoma"), None, term("UterineLeiomyosarcoma"), term("Incidence"), Decimal(4),
         term("PerMillionPeoplePerYear"))]
    assert yearly("Leiomyosarcoma\n\nLeiomyosarcoma occurs in 0.7 per 100,000 women per year in Norway.\n") == [
        (term("Leiomyosarcoma"), None, None, term("Incidence"), Decimal("0.7"),
         term("PerHundredThousandPeoplePerYear"))]
