"""Page zones: each layout pattern in at least two wordings of our own."""

from __future__ import annotations

import itertools

import pytest
from clinical_support import ontology

from lmskg.documents import from_text
from lmskg.extract.zones import zones

ZONE = "https://w3id.org/lmskg/term/"


def kinds(text: str) -> list[tuple[str, str]]:
    doc = from_text("z", text)
    return [(z.kind, doc.text[z.start:z.end]) for z in zones(doc, ontology())]


def kind_of(text: str, line: str) -> str:
    return next(k for k, t in kinds(text) if t == line)


def section_of(text: str, words: str) -> str | None:
    doc = from_text("z", text)
    at = doc.text.index(words)
    zone = zones(doc, ontology()).at(at)
    return zone.section.rsplit("/", 1)[-1] if zone and zone.section else None


@pytest.mark.parametrize("banner", ["Skip to main content", "Jump to navigation", "Toggle the menu bar"])
def test_banner_lines_above_the_title_are_furniture(banner):
    text = (f"{banner}\nSacral leiomyosarcoma in a young adult\nAbstract\n"
            "A 31-year-old man had sacral pain for months.\n")
    assert kind_of(text, banner) == "furniture"
    assert kind_of(text, "Sacral leiomyosarcoma in a young adult") == "title"


@pytest.mark.parametrize(("tools", "title"), [
    ("Add to reading list\nSave citation\n", "Femoral leiomyosarcoma with lung metastases."),
    ("Print\nE-mail\nShare this page\n", "A rare presentation of a spinal leiomyosarcoma: a case report."),
])
def test_page_tools_and_a_title_ending_with_a_full_stop(tools, title):
    text = f"{tools}\n{title}\n\nBACKGROUND: Leiomyosarcoma rarely reaches bone. CASE: A 70-year-old woman had pain.\n"
    found = kinds(text)
    assert ("title", title) in found
    assert all(k == "furniture" for k, t in found if t in tools.split("\n") and t)


@pytest.mark.parametrize("first", [
    "Uterine leiomyosarcomas are the commonest sarcomas of the female genital tract.",
    "Retroperitoneal leiomyosarcoma is a tumour that arises from smooth muscle of vessels.",
])
def test_a_page_that_starts_with_a_sentence_has_no_title(first):
    found = kinds(f"{first}\nEpidemiology\nMost patients are older than fifty years.\n")
    assert "title" not in [k for k, _ in found]
    assert ("heading", "Epidemiology") in found


@pytest.mark.parametrize(("authors", "kind"), [
    ("Ines Costa, Pedro Matos and Luis Neves", "authors"),
    ("Costa I, Matos P, Neves L.", "authors"),
    ("Costa Ines\nMatos Pedro\nDe Neves Luis", "authors"),
])
def test_author_lines_below_the_title(authors, kind):
    text = f"Thoracic leiomyosarcoma metastasis\n{authors}\nAbstract\nLeiomyosarcoma of the spine is rare indeed.\n"
    assert all(kind_of(text, line) == kind for line in authors.split("\n"))


@pytest.mark.parametrize("line", [
    "Department of Orthopaedics, Hill Valley University Hospital, Lisbon, Portugal",
    "2 Service de Neurochirurgie, Centre Hospitalier Universitaire, Dakar, Senegal",
])
def test_affiliation_lines(line):
    text = (f"Cervical leiomyosarcoma metastasis\nAna Reis, Joao Lobo\n{line}\nAbstract\n"
            "A man had neck pain for weeks.\n")
    assert kind_of(text, line) == "affiliation"


@pytest.mark.parametrize(("line", "kind"), [
    ("JournalNorthern Journal of Spine Tumours", "citation"),
    ("Issue number4", "citation"),
    ("Publication statusPublished - 2011", "citation"),
    ("Revista: Revista Lusitana de Oncologia", "citation"),
    ("DOI: 10.5555/njst.2011.44", "metadata"),
    ("\u00a9 2019 The Authors. Published by an open-access publisher.", "metadata"),
    ("Received: 12 March 2019; Accepted: 2 May 2019", "metadata"),
])
def test_catalogue_records_identifiers_and_dates_after_the_abstract(line, kind):
    text = ("Lumbar leiomyosarcoma in an older man\n\nAbstract\nWe report an 80-year-old man with an L2 lesion of "
            f"leiomyosarcoma that was resected.\n\n{line}\n")
    assert kind_of(text, line) == kind


@pytest.mark.parametrize("tail", [
    "Full text links\nWe found sites that may give you access to the full text.\nLog in to read more.",
    "Related articles\nPeople who read this also read other pages of this journal.",
])
def test_tools_after_the_text_are_furniture_with_their_prose(tail):
    text = f"Spinal leiomyosarcoma\n\nCASE: A 50-year-old woman had a T7 mass resected.\n\n{tail}\n"
    found = dict((t, k) for k, t in kinds(text))
    assert all(found[line] == "furniture" for line in tail.split("\n"))


@pytest.mark.parametrize("outline", [
    "Abstract\n1. Introduction\n2. Methods\n3. Results\n4. Discussion\nReferences",
    "Abstract\nIntroduction\nCase Report\nDiscussion\nFunding\nReferences",
])
def test_a_section_outline_is_navigation_and_its_references_heading_opens_the_list(outline):
    text = (f"Leiomyosarcoma metastases to bone: a review\n{outline}\n"
            "- Roe, A.B.; Poe, C. Bone sarcoma outcomes. Spine Rep. 2019, 4, 10-19.\n")
    found = kinds(text)
    assert [k for k, t in found if t in outline.split("\n")[:-1]] == ["furniture"] * (len(outline.split("\n")) - 1)
    assert ("heading", "References") in found
    assert found[-1][0] == "references"


@pytest.mark.parametrize(("text", "words", "section"), [
    ("Title of a leiomyosarcoma case\nAbstract\nBackground: Spinal LMS is rare.\nCase Report: A 40-year-old man.\n",
     "A 40-year-old man", "CasePresentationSection"),
    ("Title of a leiomyosarcoma case\nResumo\nIntrodução: O leiomiossarcoma é raro.\n"
     "Relato de caso: Mulher de 40 anos.\n",
     "Mulher de 40", "CasePresentationSection"),
    ("Title of a leiomyosarcoma case\nResumen\nIntroducción: El leiomiosarcoma es raro.\n"
     "Caso clínico: Varón de 60 años.\n",
     "Varón de 60", "CasePresentationSection"),
    ("Title of a leiomyosarcoma case\nAbstract: Introduction: Spinal LMS is rare. Case Report: A 52-year-old "
     "woman had pain. Conclusion: Surgery helps.\n", "Surgery helps", "ConclusionSection"),
])
def test_sections_are_named_in_several_languages_on_their_own_line_or_inside_one(text, words, section):
    assert section_of(text, words) == section


@pytest.mark.parametrize("block", ["MeSH terms\n- Humans\n- Leiomyosarcoma / surgery*\n- Spinal Neoplasms",
                                   "Publication types\n- Case Reports\n- Review"])
def test_index_terms_are_their_own_zone(block):
    text = f"Leiomyosarcoma of the spine\n\nAbstract\n\nA 60-year-old woman had an L4 metastasis.\n\n{block}\n"
    heading, *items = block.split("\n")
    assert kind_of(text, heading) == "heading"
    assert [kind_of(text, i) for i in items] == ["index"] * len(items)


def test_every_character_of_a_line_is_in_one_zone():
    text = "Cite this\nLeiomyosarcoma of the ilium\nAbstract: Background: rare. Case: a 7-year-old girl.\n"
    doc = from_text("z", text)
    found = list(zones(doc, ontology()))
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    covered = {i for z in found for i in range(z.start, z.end)}
    assert all(i in covered for i, c in enumerate(text) if not c.isspace())


def test_a_sentence_with_years_and_a_count_is_text_not_a_source_line():
    from lmskg.documents import from_text
    from lmskg.extract.zones import zones_for

    doc = from_text("t", "Spinal leiomyosarcoma treated surgically\n\nBetween 2000 and 2020, 45 patients underwent "
                         "surgery at our center. The median age was 54 years.\n\nJ Spine Surg 2021, 7:112-118.\n")
    kinds = [(z.kind, doc.normalized[z.start:z.end][:12]) for z in zones_for(doc, ontology())]
    assert ("text", "Between 2000") in kinds and ("citation", "J Spine Surg") in kinds
