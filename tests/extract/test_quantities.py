"""Numbers, ages, durations, dates and vertebral levels as written, with offsets."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lmskg.extract import quantities as q


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("A 47-year-old woman", 47, "year"),
    ("a 61 years old man", 61, "year"),
    ("a twenty-four-year-old man", 24, "year"),
    ("a 22-month-old boy", 22, "month"),
    ("a man aged 70 was seen", 70, "year"),
    ("she was 38 years of age", 38, "year"),
])
def test_ages(text, value, unit):
    (age,) = q.ages(text)
    assert (age.value, age.unit) == (Decimal(value), unit)
    assert text[age.start:age.end].split()[-1].endswith("old") or "age" in text[age.start:age.end]


def test_quantities_in_digits_words_possessives_and_hyphens():
    text = "a 6 weeks' history, a three-month course, a 5-year follow-up, 12.5 months, within several days, 40%"
    found = [(x.value, x.unit, text[x.start:x.end]) for x in q.quantities(text)]
    assert found == [
        (Decimal(6), "week", "6 weeks'"),
        (Decimal(3), "month", "three-month"),
        (Decimal(5), "year", "5-year"),
        (Decimal("12.5"), "month", "12.5 months"),
        (None, "day", "several days"),
        (Decimal(40), "percent", "40%"),
    ]


def test_numbers_in_words():
    assert q.number("twenty-one") == Decimal(21)
    assert q.number("Nine") == Decimal(9)
    assert q.number("several") is None


def test_month_year_dates():
    text = "seen in May 2019 and followed from June 2019 to February 2021"
    assert [(d, text[s:e]) for d, s, e in q.dates(text)] == [
        ("2019-05", "May 2019"), ("2019-06", "June 2019"), ("2021-02", "February 2021")]


@pytest.mark.parametrize(("text", "parts"), [
    ("an L2-L4 fusion", (("L2", "L4"),)),
    ("fixation from T11 to L2", (("T11", "L2"),)),
    ("disease at L4-5", (("L4", "L5"),)),
    ("lesions of C3, C5 and T1", (("C3", "C3"), ("C5", "C5"), ("T1", "T1"))),
    ("the T7 and T8 levels", (("T7", "T7"), ("T8", "T8"))),
    ("the tenth thoracic vertebra", (("T10", "T10"),)),
    ("the third and fourth lumbar vertebrae", (("L3", "L3"), ("L4", "L4"))),
    ("from the second to the fifth cervical vertebra", (("C2", "C5"),)),
    ("a Th12 fracture", (("T12", "T12"),)),
    ("the 11th and 12th thoracic vertebrae", (("T11", "T11"), ("T12", "T12"))),
    ("a T-9 lesion", (("T9", "T9"),)),
])
def test_vertebral_levels(text, parts):
    (levels,) = q.levels(text)
    assert levels.parts == parts


def test_things_that_look_like_levels_are_not():
    assert q.levels("T1-weighted and T2-weighted images of a T2N0M0 tumour; C15 and L9; S-100 and S100") == []
    assert q.levels("the mass was hypointense on T1 and hyperintense on T2 images") == []
    assert [g.parts for g in q.levels("a mass at T1 and T2")] == [(("T1", "T1"), ("T2", "T2"))]


def test_a_mean_with_its_standard_deviation_is_the_mean_in_the_unit_written_after_both():
    from lmskg.extract.quantities import quantities

    text = "aged 52.4 \u00b1 11.3 years, follow-up 20 +/- 4 months"
    assert [(x.value, x.unit, text[x.start:x.end]) for x in quantities(text)] == [
        (Decimal("52.4"), "year", "52.4 \u00b1 11.3 years"), (Decimal(20), "month", "20 +/- 4 months")]
