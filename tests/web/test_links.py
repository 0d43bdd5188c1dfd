"""Quotes: a span marked in its sentence by offsets, and the quotes of one sentence shown together."""

from __future__ import annotations

from lmskg.web.links import Quote, passages, split_sentence

SENTENCE = "T3 and T4, then T3 again."  # the sentence starts at offset 100 of its document


def quote(number: int, start: int, end: int) -> Quote:
    before, mark, after = split_sentence(SENTENCE, 100, start, end)
    return Quote(f"ev-{number}", "doc", start, end, before, mark, after, number)


def test_split_sentence_marks_the_span_by_offsets_not_by_the_first_match() -> None:
    sentence = "T3 and T4, then T3 again."  # the sentence starts at offset 100 of its document
    assert split_sentence(sentence, 100, 116, 118, "T3") == ("T3 and T4, then ", "T3", " again.")
    assert split_sentence(sentence, None, 0, 0, "T4") == ("T3 and ", "T4", ", then T3 again.")
    assert split_sentence(sentence, 100, 90, 95, "") == (sentence, "", "")


def test_the_quotes_of_a_sentence_are_marked_in_one_copy_of_it() -> None:
    (passage,) = passages([quote(1, 100, 102), quote(2, 107, 109)])
    assert [(text, q.number if q else None) for text, q in passage.pieces] == [
        ("T3", 1), (" and ", None), ("T4", 2), (", then T3 again.", None)]


def test_an_overlapping_span_gets_a_copy_of_its_own() -> None:
    first, second = passages([quote(1, 100, 109), quote(2, 107, 109)])
    assert [q.number for q in first.quotes] == [1] and [q.number for q in second.quotes] == [2]
    assert "".join(text for text, _ in second.pieces) == SENTENCE
