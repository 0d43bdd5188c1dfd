"""Author names: every common order and form, in names of our own."""

from __future__ import annotations

import pytest

from lmskg.extract.names import parse_names, written_family_first


def read(text: str, **kw) -> list[str]:
    found = parse_names(text, **kw)
    assert found is not None, text
    return [f"{n.family} {n.initials}".strip() for n in found.names]


@pytest.mark.parametrize(("text", "names"), [
    ("Okafor C, Lindqvist AB, Duarte-Silva M", ["Okafor C", "Lindqvist AB", "Duarte-Silva M"]),
    ("Van der Berg JH, O'Neill P, De la Fuente R", ["Van der Berg JH", "O'Neill P", "De la Fuente R"]),
    ("C. Okafor, A.B. Lindqvist and M. Duarte-Silva", ["Okafor C", "Lindqvist AB", "Duarte-Silva M"]),
    ("J.-P. Moreau & K. Tanaka", ["Moreau JP", "Tanaka K"]),
    ("Okafor, C. , Lindqvist, A. B. and Duarte-Silva, M.", ["Okafor C", "Lindqvist AB", "Duarte-Silva M"]),
    ("Ferreira, J.A.; Nakamura, T.; Ben Ali, S.", ["Ferreira JA", "Nakamura T", "Ben Ali S"]),
    ("Ferreira, Joana; Nakamura, Taro; Ben Ali, Sami", ["Ferreira J", "Nakamura T", "Ben Ali S"]),
    ("Joana Ferreira, Taro Nakamura, Sami Ben Ali", ["Ferreira J", "Nakamura T", "Ben Ali S"]),
    ("Maria K. Jensen, Tomas Ruiz", ["Jensen MK", "Ruiz T"]),
])
def test_name_orders_and_forms(text, names):
    assert read(text) == names


@pytest.mark.parametrize(("text", "names"), [
    ("Amina Diallo1,2, Karim Benali2*, Sofia Lund3\u2020", ["Diallo A", "Benali K", "Lund S"]),
    ("Amina Diallo\u00b9, Karim Benali\u00b2\u00b3", ["Diallo A", "Benali K"]),
    ("Kenji Sato, MD, PhD, Lea Roth, MSc", ["Sato K", "Roth L"]),
])
def test_affiliation_markers_and_degrees_are_dropped(text, names):
    assert read(text) == names


@pytest.mark.parametrize("text", ["Hu J, Roe A, Poe B, et al.", "Hu, J.; Roe, A.; Poe, B.; et al."])
def test_et_al_marks_the_list_truncated(text):
    found = parse_names(text)
    assert [n.family for n in found.names] == ["Hu", "Roe", "Poe"] and found.truncated


@pytest.mark.parametrize(("lines", "first"), [
    (["El Amrani Youssef", "Tazi Karim"], True),
    (["BENNANI Salma", "IDRISSI Omar"], True),
    (["Youssef Amrani", "Karim Tazi"], False),
])
def test_family_first_when_a_particle_or_capitals_show_it(lines, first):
    assert written_family_first(lines) is first


def test_family_first_whole_names_one_per_line():
    assert read("El Amrani Youssef", single=True, family_first=True) == ["El Amrani Y"]
    assert read("BENNANI Salma", single=True) == ["Bennani S"]


@pytest.mark.parametrize("text", ["Skip to main content", "Add to saved papers", "Download PDF", "Author Info",
                                  "Share this article", "Research Staff", "Cite this"])
def test_page_words_are_no_names(text):
    assert parse_names(text, single=True) is None


def test_offsets_point_at_each_name():
    text = "Okafor C, Lindqvist AB"
    found = parse_names(text, 100)
    assert [(n.start, n.end) for n in found.names] == [(100, 108), (110, 122)]
