"""Cases: segmentation, patient, primary tumor, lesions, findings, conditions and history, offsets included."""

from __future__ import annotations

from decimal import Decimal

from clinical_support import at, one_case, ontology, term

from lmskg.documents import from_text
from lmskg.extract.clinical import extract_cases


def test_patient_age_sex_and_primary_tumor_with_offsets():
    doc, case = one_case("Background: LMS is rare.\n\nCase: A 61-year-old woman with a uterine LMS presented with "
                         "a 3-month history of low back pain.")
    assert (case.patient.age.value, case.patient.age_unit, case.patient.sex.value) == (
        Decimal(61), term("Year"), term("Female"))
    assert at(doc, case.patient.age) == "61-year-old"
    assert at(doc, case.patient.sex) == "woman"
    assert case.primary_histology.value == term("Leiomyosarcoma")
    assert at(doc, case.primary_histology) == "LMS"
    assert (case.primary_site.value, at(doc, case.primary_site)) == (term("Uterus"), "uterine")
    assert case.span.start == doc.text.index("Case: A 61")


def test_sex_from_a_pronoun_when_no_noun_is_written():
    doc, case = one_case("We describe the case of a patient with leiomyosarcoma. His symptoms began in May.")
    assert case.patient.sex.value == term("Male") and at(doc, case.patient.sex) == "His"
    assert case.patient.age is None


def test_primary_site_written_after_the_tumor_and_a_primary_lesion():
    _doc, case = one_case("A 30-year-old man presented with a primary leiomyosarcoma arising from the thigh "
                         "and invading the adjacent muscles.")
    assert case.primary_site.value == term("Thigh")
    (lesion,) = case.lesions
    assert lesion.role.value == term("PrimaryRole")
    assert [s.value for s in lesion.sites] == [term("Thigh")]


def test_metastatic_site_is_not_the_primary_site():
    _doc, case = one_case("A 50-year-old woman had metastatic leiomyosarcoma of the spine.")
    assert case.primary_site is None
    assert case.primary_histology.value == term("Leiomyosarcoma")


def test_metastasis_lesions_from_levels_and_from_role_words():
    doc, case = one_case("A 55-year-old man with a leiomyosarcoma of the thigh developed a mass at T9 and T10 "
                         "and brain metastases.")
    sites = {(le.role.value, s.value) for le in case.lesions for s in le.sites}
    assert sites == {(term("MetastasisRole"), term("ThoracicVertebra9")),
                     (term("MetastasisRole"), term("ThoracicVertebra10")),
                     (term("MetastasisRole"), term("Brain"))}
    level = next(le for le in case.lesions if le.sites[0].value == term("ThoracicVertebra9"))
    assert at(doc, level.sites[0]) == "T9 and T10"


def test_levels_written_in_words_become_each_vertebra():
    _doc, case = one_case("A 40-year-old woman had an osteolytic lesion of the eleventh and twelfth thoracic "
                         "vertebrae.")
    assert [s.value for le in case.lesions for s in le.sites] == [term("ThoracicVertebra11"),
                                                                 term("ThoracicVertebra12")]


def test_findings_with_durations_and_conditions():
    doc, case = one_case("A 12-year-old boy with Fanconi anemia presented with a 10 days' history of myelopathy "
                         "and headache. Later, hemiparesis of two weeks' duration appeared.")
    by_term = {f.finding.value: f for f in case.findings}
    assert by_term[term("Myelopathy")].duration_value.value == Decimal(10)
    assert by_term[term("Myelopathy")].duration_unit == term("Day")
    assert at(doc, by_term[term("Myelopathy")].duration_value) == "10 days'"
    assert by_term[term("Headache")].duration_value.value == Decimal(10)
    assert by_term[term("Hemiparesis")].duration_value.value == Decimal(2)
    assert by_term[term("Hemiparesis")].duration_unit == term("Week")
    assert [c.value for c in case.conditions] == [term("FanconiAnemia")]


def test_negated_findings_are_left_out():
    _doc, case = one_case("A 70-year-old man with leiomyosarcoma had headache but no myelopathy.")
    assert [f.finding.value for f in case.findings] == [term("Headache")]


def test_history_is_not_a_treatment():
    _doc, case = one_case("A 60-year-old woman, who had a hysterectomy 8 years earlier, presented with back pain "
                         "and underwent a laminectomy at L3.")
    assert [(h.event.value, h.years_before.value) for h in case.history] == [(term("Hysterectomy"), Decimal(8))]
    assert [t.procedure.value for t in case.treatments] == [term("Laminectomy")]


def test_cohort_sentences_and_conclusions_stay_out_of_the_case():
    doc, case = one_case("A 45-year-old man with leiomyosarcoma presented with paraparesis. Twenty patients of "
                         "the literature had chemotherapy. Conclusion: radiotherapy may help.")
    assert case.treatments == ()
    assert case.span.end <= doc.text.index("Twenty")


def test_two_patients_in_one_passage_are_two_cases():
    doc = from_text("t", "A 30-year-old woman had a uterine LMS. A 64-year-old man had a thigh LMS.")
    first, second = extract_cases(doc, ontology(), ())
    assert (first.ordinal, first.patient.age.value, first.primary_site.value) == (1, Decimal(30), term("Uterus"))
    assert (second.ordinal, second.patient.age.value, second.primary_site.value) == (2, Decimal(64), term("Thigh"))


def test_sites_from_elided_and_apposed_lists():
    _, case = one_case("A 50-year-old woman had four brain metastases of a uterine LMS, one in the cerebellum and "
                       "three in the temporal and occipital lobes.")
    sites = {s.value for le in case.lesions for s in le.sites}
    assert {term("Cerebellum"), term("TemporalLobe"), term("OccipitalLobe")} <= sites
    assert term("Brain") not in sites                     # given more precisely
    assert case.primary_site.value == term("Uterus")


def test_a_case_told_twice_is_read_once_from_the_fuller_telling():
    text = ("Abstract\nA 61-year-old man underwent a corpectomy. Conclusion: surgery helps.\n\n"
            "Case presentation\nA 61-year-old man was admitted with paraparesis. After embolization, he underwent a "
            "corpectomy at L2 with pedicle screw fixation from L1 to L3.")
    doc = from_text("t", text)
    (case,) = extract_cases(doc, ontology(), ())
    assert case.span.start == text.index("A 61-year-old man was admitted")
    assert [(t.step, t.procedure.value) for t in case.treatments] == [
        (1, term("Embolization")), (2, term("Corpectomy")), (2, term("PedicleScrewFixation"))]
    assert [s.value for s in case.treatments[1].sites] == [term("LumbarVertebra2")]


def test_a_primary_treated_long_ago_is_history_not_a_lesion():
    _, case = one_case("A 58-year-old woman, whose uterine leiomyosarcoma had been resected 6 years earlier, "
                       "presented with a mass at T8.")
    assert [(le.role.value, le.sites[0].value) for le in case.lesions] == [
        (term("MetastasisRole"), term("ThoracicVertebra8"))]
    assert case.treatments == ()


def test_primary_spinal_tumor_and_its_levels_are_primary():
    _, case = one_case("A 40-year-old man had a primary osseous leiomyosarcoma of the spine with lesions of T9 and "
                       "L2, and a secondary location to the skull.")
    assert case.primary_site.value == term("VertebralColumn")
    roles = {(le.role.value, s.value) for le in case.lesions for s in le.sites}
    assert (term("PrimaryRole"), term("ThoracicVertebra9")) in roles
    assert (term("PrimaryRole"), term("LumbarVertebra2")) in roles
    assert (term("MetastasisRole"), term("Skull")) in roles


def test_what_the_microscope_showed_is_not_a_presenting_finding():
    _, case = one_case("A 66-year-old man with leiomyosarcoma had headache. Histopathological examination showed "
                       "necrosis and hemorrhage.")
    assert [f.finding.value for f in case.findings] == [term("Headache")]


def test_levels_of_a_primary_bone_tumor_are_primary():
    _, case = one_case("A 33-year-old man had an osteolytic lesion of C5; biopsy showed a primary leiomyosarcoma "
                       "of bone.")
    assert case.primary_site.value == term("Bone")
    assert [(le.role.value, le.sites[0].value) for le in case.lesions] == [(term("PrimaryRole"),
                                                                           term("CervicalVertebra5"))]


def test_compression_of_the_conus_medullaris_is_a_finding():
    _doc, case = one_case("A 62-year-old man with leiomyosarcoma had a metastasis of L1 causing compression of the "
                          "conus medullaris.")
    assert term("ConusMedullarisCompression") in [f.finding.value for f in case.findings]


def test_a_finding_inside_a_described_lesion_is_the_finding_the_vocabulary_names_so():
    _doc, case = one_case("A 49-year-old woman with leiomyosarcoma presented with headache; CT showed hemorrhage "
                          "within the large occipital lesion.")
    assert term("IntratumoralHemorrhage") in [f.finding.value for f in case.findings]
    assert term("Hemorrhage") not in [f.finding.value for f in case.findings]


def test_a_recurrent_tumour_metastatic_to_a_site_is_one_metastasis_there():
    for text in ("A 58-year-old woman returned with recurrent uterine leiomyosarcoma metastatic to the spine.",
                 "Years later the 64-year-old patient had a relapsed LMS that had metastasized to the liver."):
        _doc, case = one_case(text)
        roles = [(le.role.value, s.value) for le in case.lesions for s in le.sites]
        assert len(roles) == 1 and roles[0][0] == term("MetastasisRole"), (text, roles)


def test_an_age_range_is_no_patient():
    for text in ("Most cases occur in women, usually aged 40-60 years, with abdominal pain.",
                 "The tumour is seen in adults aged 50 to 70 years."):
        assert extract_cases(from_text("t", text), ontology(), ()) == ()


def test_sex_from_an_organ_or_operation_of_the_patient_when_none_is_written():
    for text, sex in (("A patient with a past history of resection of a uterine leiomyoma had a sacral "
                       "leiomyosarcoma.", "Female"),
                      ("The patient, who had undergone orchiectomy years before, developed a C6 leiomyosarcoma "
                       "metastasis.", "Male")):
        _doc, case = one_case(text)
        assert case.patient.sex.value == term(sex), text


def test_a_second_cancer_of_another_histology_is_a_condition_not_the_primary():
    for text in ("Leiomyosarcoma of the sigmoid colon and gastric cancer: a case\n\nCase presentation\n\n"
                 "A 70-year-old man with advanced gastric cancer was found to have a leiomyosarcoma in the "
                 "sigmoid colon.",
                 "Leiomyosarcoma of the colon in a patient with renal cell carcinoma\n\nCase report\n\n"
                 "A 58-year-old woman treated for renal cell carcinoma had a leiomyosarcoma of the colon."):
        doc = from_text("t", text, kind="abstract")
        from lmskg.extract.bibliography import extract_publications
        (case,) = extract_cases(doc, ontology(), extract_publications(doc, ontology()))
        assert case.primary_histology.value == term("Leiomyosarcoma")
        assert case.primary_site.value in (term("SigmoidColon"), term("Colon"))
        assert {c.value for c in case.conditions} & {term("GastricCancer"), term("RenalCellCarcinoma")}


def test_a_drug_named_like_a_level_is_no_lesion():
    _doc, case = one_case("A 66-year-old woman with leiomyosarcoma of the liver was treated with docetaxel and S-1.")
    assert not [s for le in case.lesions for s in le.sites if "Vertebra" in s.value]
    assert [a.value for t in case.treatments for a in t.agents] == [term("Docetaxel"), term("S1")]


def test_the_site_a_metastasis_came_from_is_the_primary_site_not_a_lesion():
    _doc, case = one_case("A 51-year-old woman had low back pain. Imaging showed an L3 lesion, and biopsy showed "
                          "metastatic leiomyosarcoma from the uterus.")
    assert (case.primary_site.value, [(x.role.value, [s.value for s in x.sites]) for x in case.lesions]) == (
        term("Uterus"), [(term("MetastasisRole"), [term("LumbarVertebra3")])])
    _doc, case = one_case("A 64-year-old man had neck pain. A C5 mass was found; histology showed leiomyosarcoma "
                          "metastatic from the retroperitoneum.")
    assert case.primary_site.value == term("Retroperitoneum")
    assert [s.value for x in case.lesions for s in x.sites] == [term("CervicalVertebra5")]


def test_a_level_named_with_a_lesion_noun_is_a_lesion_even_where_a_procedure_acted():
    _doc, case = one_case("A 51-year-old woman had back pain. Biopsy of the L3 lesion showed a metastasis of "
                          "uterine leiomyosarcoma.")
    assert [s.value for x in case.lesions for s in x.sites] == [term("LumbarVertebra3")]
    _doc, case = one_case("A 60-year-old man with leiomyosarcoma underwent resection of the T5 tumour and T4-T6 "
                          "fixation.")
    assert [s.value for x in case.lesions for s in x.sites] == [term("ThoracicVertebra5")]


def test_a_report_about_another_tumour_keeps_that_tumour_as_the_histology():
    from lmskg.extract.bibliography import extract_publications

    doc = from_text("t", "Benign metastasizing leiomyoma of the spine: a case report\n\nA 44-year-old woman who had "
                         "undergone hysterectomy for uterine leiomyoma 10 years earlier presented with back pain. "
                         "MRI showed a T10 lesion. Histology showed benign metastasizing leiomyoma.\n")
    (case,) = extract_cases(doc, ontology(), extract_publications(doc, ontology()))
    assert case.primary_histology.value == term("BenignMetastasizingLeiomyoma")
    assert not ontology().is_a(case.primary_histology.value, term("Leiomyosarcoma"))
    doc = from_text("t", "Epithelioid leiomyosarcoma metastatic to the sacrum\n\nA 39-year-old man presented with "
                         "sacral pain; biopsy of the S2 mass showed epithelioid leiomyosarcoma.\n")
    (case,) = extract_cases(doc, ontology(), extract_publications(doc, ontology()))
    assert ontology().is_a(case.primary_histology.value, term("Leiomyosarcoma"))


def test_a_tumour_of_bone_called_primary_makes_its_vertebral_lesions_primary_unless_only_suspected():
    _doc, case = one_case("A 61-year-old man presented with a lytic lesion of L3; biopsy showed leiomyosarcoma. No "
                          "other tumour was found, and the lesion was treated as a primary bone tumour.")
    assert [(x.role.value, [s.value for s in x.sites]) for x in case.lesions] == [
        (term("PrimaryRole"), [term("LumbarVertebra3")])]
    _doc, case = one_case("A 58-year-old woman presented with a T9 mass; a primary bone tumour was suspected, but "
                          "biopsy showed leiomyosarcoma metastatic from the uterus.")
    assert case.primary_site.value == term("Uterus")
    assert [(x.role.value, [s.value for s in x.sites]) for x in case.lesions] == [
        (term("MetastasisRole"), [term("ThoracicVertebra9")])]


def test_signs_of_cauda_equina_and_visual_symptoms_are_findings():
    _doc, case = one_case("A 52-year-old woman with leiomyosarcoma complained of progressive paraparesis over 3 "
                          "weeks, urinary retention and saddle anaesthesia.")
    assert [f.finding.value for f in case.findings] == [term("Paraparesis"), term("UrinaryRetention"),
                                                       term("SaddleAnesthesia")]
    _doc, case = one_case("A 45-year-old man with leiomyosarcoma presented with headache, double vision and "
                          "blurring of vision for 5 days.")
    assert [f.finding.value for f in case.findings] == [term("Headache"), term("Diplopia"), term("BlurredVision")]
    assert ontology().is_a(term("BlurredVision"), term("NeurologicalDeficit"))


def test_pain_radiating_to_a_limb_is_also_radicular_pain_for_as_long():
    _doc, case = one_case("A sixty-year-old man with leiomyosarcoma was referred with neck pain radiating to the "
                          "right arm for six weeks.")
    assert [(f.finding.value, f.duration_value and f.duration_value.value) for f in case.findings] == [
        (term("NeckPain"), Decimal(6)), (term("RadicularPain"), Decimal(6))]
    _doc, case = one_case("A 50-year-old woman with leiomyosarcoma had low back pain radiating down the leg for 2 "
                          "months.")
    assert [f.finding.value for f in case.findings] == [term("BackPain"), term("RadicularPain")]
