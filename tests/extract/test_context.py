"""The ConText-like cues: negation, history, hypothetical statements, cohorts."""

from __future__ import annotations

from lmskg.extract import context


def span(text: str, word: str) -> tuple[int, int]:
    i = text.index(word)
    return i, i + len(word)


def test_negation_scopes_forward_within_the_clause():
    text = "MRI showed no evidence of recurrence, and a new lesion appeared"
    assert context.negated(text, *span(text, "recurrence"), 0, len(text))
    assert not context.negated(text, *span(text, "lesion"), 0, len(text))
    text = "compressing the cord without signal change"
    assert not context.negated(text, *span(text, "cord"), 0, len(text))


def test_history_in_the_clause_or_before_the_presentation():
    text = "A woman, treated by hysterectomy nine years before, presented with hemiparesis after radiotherapy"
    assert context.historical(text, *span(text, "hysterectomy"), 0, len(text))
    assert not context.historical(text, *span(text, "radiotherapy"), 0, len(text))
    text = "A man who had undergone nephrectomy, followed by sunitinib, developed back pain and received surgery"
    assert context.historical(text, *span(text, "sunitinib"), 0, len(text))
    assert not context.historical(text, *span(text, "surgery"), 0, len(text))
    text = "a girl with anemia presented with a tumor after previous transplantation"
    assert context.historical(text, *span(text, "transplantation"), 0, len(text))
    assert not context.historical(text, *span(text, "anemia"), 0, len(text))


def test_hypothetical_and_cohort_sentences():
    assert context.hypothetical("Such patients should be offered surgery.", 0, 40)
    assert not context.hypothetical("She could walk again after surgery.", 0, 35)
    assert context.cohort("Twelve patients underwent resection.", 0, 36)
    assert context.cohort("In a series, survival was 20 months.", 0, 36)
    assert not context.cohort("All three lesions were irradiated.", 0, 34)
