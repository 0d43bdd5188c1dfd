"""Assertion status: negation, history, plans and purposes, general statements, family, cohorts."""

from __future__ import annotations

import pytest

from lmskg.extract import assertion
from lmskg.extract.assertion import assess


def span(text: str, word: str) -> tuple[int, int]:
    i = text.index(word)
    return i, i + len(word)


def test_negation_scopes_forward_within_the_clause():
    text = "MRI showed no evidence of recurrence, and a new lesion appeared"
    assert assertion.negated(text, *span(text, "recurrence"), 0, len(text))
    assert not assertion.negated(text, *span(text, "lesion"), 0, len(text))
    text = "compressing the cord without signal change"
    assert not assertion.negated(text, *span(text, "cord"), 0, len(text))


def test_history_in_the_clause_or_before_the_presentation():
    text = "A woman, treated by hysterectomy nine years before, presented with hemiparesis after radiotherapy"
    assert assertion.historical(text, *span(text, "hysterectomy"), 0, len(text))
    assert not assertion.historical(text, *span(text, "radiotherapy"), 0, len(text))
    text = "A man who had undergone nephrectomy, followed by sunitinib, developed back pain and received surgery"
    assert assertion.historical(text, *span(text, "sunitinib"), 0, len(text))
    assert not assertion.historical(text, *span(text, "surgery"), 0, len(text))
    text = "a girl with anemia presented with a tumor after previous transplantation"
    assert assertion.historical(text, *span(text, "transplantation"), 0, len(text))
    assert not assertion.historical(text, *span(text, "anemia"), 0, len(text))


def test_hypothetical_and_cohort_sentences():
    assert assertion.hypothetical("Such patients should be offered surgery.", 0, 40)
    assert not assertion.hypothetical("She could walk again after surgery.", 0, 35)
    assert assertion.cohort("Twelve patients underwent resection.", 0, 36)
    assert assertion.cohort("In a series, survival was 20 months.", 0, 36)
    assert not assertion.cohort("All three lesions were irradiated.", 0, 34)


def status(text: str, word: str):
    return assess(text, *span(text, word), 0, len(text))


@pytest.mark.parametrize(("text", "word"), [
    ("He is now being considered for a second resection of the lesion.", "resection"),
    ("A further laminectomy was planned for the following month.", "laminectomy"),
    ("To avoid sudden cardiac arrest, the mass was removed at once.", "arrest"),
    ("Embolization was done in order to prevent massive bleeding.", "bleeding"),
])
def test_plans_and_purposes_are_not_events(text, word):
    assert status(text, word).hypothetical and not status(text, word).of_this_patient_now


@pytest.mark.parametrize("text", [
    "Patients with cardiac deposits seldom undergo resection of them.",
    "Tumours of this kind usually respond poorly to radiotherapy.",
    "En bloc spondylectomy is the preferred technique for solitary lesions.",
    "Surgery remains the mainstay of treatment for these sarcomas.",
])
def test_general_statements_are_generic(text):
    assert assertion.generic(text, 0, len(text))


@pytest.mark.parametrize("text", ["She underwent resection of the T8 lesion.",
                                  "The patients' pain eased after surgery."])
def test_what_happened_is_not_generic(text):
    assert not assertion.generic(text, 0, len(text))


@pytest.mark.parametrize(("text", "word"), [("Her mother had breast cancer.", "cancer"),
                                            ("There was a family history of sarcoma.", "sarcoma")])
def test_family(text, word):
    assert status(text, word).family


def test_a_plain_event_is_of_this_patient_now():
    text = "She underwent partial spondylectomy at T5."
    assert status(text, "partial spondylectomy").of_this_patient_now


@pytest.mark.parametrize("sentence", [
    "Ruiz et al. reported a 5-year survival of 30% in 45 patients.",
    "Chen et al. (2019) found local control in 80% after radiosurgery.",
    "A previous multicenter study of uterine sarcoma found a median survival of 40 months.",
    "One large population-based SEER analysis showed that 24% presented with distant disease.",
])
def test_another_study_s_findings_are_cited(sentence):
    assert assertion.cited(sentence, 0, len(sentence))


@pytest.mark.parametrize("sentence", [
    "In a review of the literature, we found 85 published cases.",
    "To date, 11 cases have been reported, including ours.",
    "In our previous series of 40 patients, survival was 60%.",
])
def test_own_and_pooled_figures_are_not_cited(sentence):
    assert not assertion.cited(sentence, 0, len(sentence))


def test_a_parenthesised_reference_with_a_year_is_a_citation_aside():
    text = "A registry study (Outcomes of 1240 patients with LMS, J Clin Oncol 2015) reported 40 months (range 2-90)."
    assert [text[a:b] for a, b in assertion.citation_asides(text, 0, len(text))] == [
        "(Outcomes of 1240 patients with LMS, J Clin Oncol 2015)"]
