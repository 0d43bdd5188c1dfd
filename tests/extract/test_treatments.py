"""Treatments: steps, sites of procedures, agents, history and negation, offsets included."""

from __future__ import annotations

from clinical_support import at, one_case, ontology, term


def steps(case):
    return [(t.step, t.procedure.value) for t in case.treatments]


def test_followed_by_and_same_operation():
    doc, case = one_case("A 50-year-old woman with leiomyosarcoma underwent a corpectomy with pedicle screw "
                         "fixation, followed by radiotherapy.")
    assert steps(case) == [(1, term("Corpectomy")), (1, term("PedicleScrewFixation")), (2, term("RadiationTherapy"))]
    assert at(doc, case.treatments[0].procedure) == "corpectomy"


def test_a_combination_is_one_step_and_then_is_the_next():
    _doc, case = one_case("A 44-year-old man with leiomyosarcoma was treated with a combination of surgery and "
                         "chemotherapy. He then received radiosurgery.")
    assert steps(case) == [(1, term("SurgicalResection")), (1, term("Chemotherapy")),
                           (2, term("StereotacticRadiosurgery"))]


def test_bare_surgery_for_the_tumour_is_its_resection_unless_something_more_specific_is_named():
    _doc, case = one_case("A 61-year-old woman with metastatic leiomyosarcoma of the spine was managed with surgery "
                         "and radiotherapy.")
    assert steps(case) == [(1, term("SurgicalResection")), (1, term("RadiationTherapy"))]
    _doc, case = one_case("A 47-year-old man with leiomyosarcoma underwent surgery: a laminectomy was performed.")
    assert term("SurgicalResection") not in {t for _, t in steps(case)}


def test_explicit_first_and_second_operations():
    _doc, case = one_case("A 52-year-old man with leiomyosarcoma was operated on in two stages. The first operation "
                         "was a laminectomy. The second operation was a corpectomy.")
    assert steps(case) == [(1, term("Laminectomy")), (2, term("Corpectomy"))]


def test_procedure_sites_from_levels_before_and_after():
    doc, case = one_case("A 60-year-old woman with leiomyosarcoma underwent an L2-L3 laminectomy and pedicle "
                         "screw fixation extending from L1 to L4.")
    (lam, fix) = case.treatments
    assert [s.value for s in lam.sites] == [term("LumbarVertebra2"), term("LumbarVertebra3")]
    assert [s.value for s in fix.sites] == [term(f"LumbarVertebra{n}") for n in range(1, 5)]
    assert at(doc, fix.sites[0]) == "from L1 to L4" or at(doc, fix.sites[0]) == "L1 to L4"


def test_agents_join_their_chemotherapy():
    _doc, case = one_case("A 39-year-old man with leiomyosarcoma received radiotherapy followed by chemotherapy "
                         "with gemcitabine and docetaxel.")
    chemo = case.treatments[-1]
    assert (chemo.step, chemo.procedure.value) == (2, term("Chemotherapy"))
    assert [a.value for a in chemo.agents] == [term("Gemcitabine"), term("Docetaxel")]


def test_negated_and_referenced_procedures_are_not_treatments():
    _doc, case = one_case("A 70-year-old woman with leiomyosarcoma was not considered for surgery; she received "
                         "radiotherapy and was well after radiotherapy.")
    assert steps(case) == [(1, term("RadiationTherapy"))]


def test_adjuvant_treatment_is_the_next_step_and_keeps_its_own_sites():
    _, case = one_case("A 33-year-old man with leiomyosarcoma underwent C5 corpectomy with anterior plate fixation "
                       "from C4 to C6 and received adjuvant chemotherapy with doxorubicin.")
    assert [(t.step, t.procedure.value, len(t.sites)) for t in case.treatments] == [
        (1, term("Corpectomy"), 1), (1, term("InstrumentedFixation"), 3), (2, term("AdjuvantChemotherapy"), 0)]
    assert [a.value for a in case.treatments[-1].agents] == [term("Doxorubicin")]


def test_a_passive_removal_is_a_resection_where_the_operation_acted():
    doc, case = one_case("A 2-year-old boy with leiomyosarcoma had a laminoplasty from T11 to L1, and the intraspinal "
                         "part of the tumour was removed. A second lesion was removed completely a year later.")
    (_, part, whole) = case.treatments
    assert (part.step, part.procedure.value) == (1, term("SubtotalResection"))
    assert [s.value for s in part.sites] == [term("ThoracicVertebra11"), term("ThoracicVertebra12"),
                                             term("LumbarVertebra1")]
    assert at(doc, part.procedure) == "part of the tumour was removed"
    assert (whole.step, whole.procedure.value) == (2, term("GrossTotalResection"))


def test_a_summary_sentence_gives_way_to_the_detailed_telling():
    _doc, case = one_case("We report a 61-year-old woman with leiomyosarcoma managed by laminectomy, fixation and "
                         "radiotherapy. She underwent laminectomy and fixation from T4 to T8. Three weeks later, "
                         "radiotherapy was delivered to T6.")
    assert steps(case) == [(1, term("Laminectomy")), (1, term("InstrumentedFixation")),
                           (2, term("RadiationTherapy"))]
    assert [s.value for s in case.treatments[2].sites] == [term("ThoracicVertebra6")]


def test_a_cage_stands_at_the_levels_of_the_corpectomy_of_its_operation():
    _doc, case = one_case("A 59-year-old man with leiomyosarcoma underwent an L2 corpectomy, the defect was filled "
                          "with a titanium cage, and pedicle screws were placed from L1 to L3.")
    cage = next(t for t in case.treatments if t.procedure.value == term("CageReconstruction"))
    assert (cage.step, [s.value for s in cage.sites]) == (1, [term("LumbarVertebra2")])


def test_a_treatment_only_referred_to_later_does_not_make_the_first_telling_a_summary():
    _doc, case = one_case("A 47-year-old woman with leiomyosarcoma underwent laminectomy and fixation from T2 to T6. "
                          "After the laminectomy, her pain improved. Following the fixation, she walked again.")
    assert steps(case) == [(1, term("Laminectomy")), (1, term("InstrumentedFixation"))]
    assert len(case.treatments[1].sites) == 5


def test_consequently_and_a_second_verb_start_the_next_step():
    _doc, case = one_case("A 60-year-old woman with leiomyosarcoma received chemotherapy, which reduced the tumor; "
                         "consequently we performed surgical resection.")
    assert steps(case) == [(1, term("Chemotherapy")), (2, term("SurgicalResection"))]
    _doc, case = one_case("A 55-year-old man with leiomyosarcoma underwent another resection and then received "
                         "radiotherapy to the bed.")
    assert [s for s, _ in steps(case)] == [1, 2]


def test_planned_and_general_treatments_are_not_given():
    _doc, case = one_case("A 63-year-old woman had a C5 metastasis of leiomyosarcoma resected. She is now under "
                         "consideration for additional surgical management.")
    assert [t for _, t in steps(case)] == [term("TumorResection")] or len(steps(case)) == 1
    _doc, case = one_case("A 49-year-old woman underwent resection of a cardiac leiomyosarcoma metastasis. "
                         "Patients with "
                         "lung and cardiac metastases rarely undergo surgical resection.")
    assert len(steps(case)) == 1


def test_an_instrumented_fusion_is_a_fusion_and_a_fixation_with_its_levels():
    _, case = one_case("A 52-year-old woman with uterine leiomyosarcoma underwent T7 laminectomy and posterior "
                       "instrumented fusion from T5 to T9.")
    assert [(t.procedure.value, len(t.sites)) for t in case.treatments] == [
        (term("Laminectomy"), 1), (term("InstrumentedFusion"), 5)]
    _, case = one_case("A 47-year-old man with leiomyosarcoma had an L4 corpectomy and instrumented spinal fusion "
                       "of L3-L5.")
    assert [t.procedure.value for t in case.treatments] == [term("Corpectomy"), term("InstrumentedFusion")]
    assert ontology().is_a(term("InstrumentedFusion"), term("SpinalFusion"))
    assert ontology().is_a(term("InstrumentedFusion"), term("InstrumentedFixation"))


def test_a_drug_stands_for_the_therapy_it_is_given_as():
    _, case = one_case("A 49-year-old woman with uterine leiomyosarcoma received gemcitabine and docetaxel; after "
                       "progression, pazopanib was started.")
    assert [(t.procedure.value, [a.value for a in t.agents]) for t in case.treatments] == [
        (term("Chemotherapy"), [term("Gemcitabine"), term("Docetaxel")]),
        (term("TargetedTherapy"), [term("Pazopanib")])]
    _, case = one_case("A 55-year-old man with leiomyosarcoma received chemotherapy with pembrolizumab.")
    assert [(t.procedure.value, [a.value for a in t.agents]) for t in case.treatments] == [
        (term("Immunotherapy"), [term("Pembrolizumab")])]


def test_vertebral_augmentation_is_a_stabilization_at_its_level():
    _, case = one_case("A 70-year-old woman with leiomyosarcoma had T8 percutaneous vertebroplasty for a "
                       "pathological fracture.")
    assert [(t.procedure.value, [s.value for s in t.sites]) for t in case.treatments] == [
        (term("Vertebroplasty"), [term("ThoracicVertebra8")])]
    _, case = one_case("A 63-year-old man with leiomyosarcoma had a painful L1 metastasis treated with balloon "
                       "kyphoplasty and SBRT.")
    assert [(t.procedure.value, [s.value for s in t.sites]) for t in case.treatments] == [
        (term("Kyphoplasty"), [term("LumbarVertebra1")]),
        (term("StereotacticBodyRadiotherapy"), [term("LumbarVertebra1")])]
    assert ontology().is_a(term("Kyphoplasty"), term("SpinalStabilization"))
