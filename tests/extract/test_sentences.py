"""The sentence splitter: abbreviations, initials, numbers, headings, blank lines, list markers, offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from lmskg.documents import from_text, read_document
from lmskg.extract.sentences import sentence_at, sentences

ROOT = Path(__file__).resolve().parents[2]


def texts(text: str) -> list[str]:
    return [s.text for s in sentences(from_text("t", text))]


@pytest.mark.parametrize("text", [
    "Strong et al. describe a case of uterine LMS.",
    "The patient was seen by Dr. Smith in the clinic.",
    "Cited as G. Maimone, N. Nicassio and M. Cambria in the journal.",
    "Open Journal of Modern Neurosurgery, Vol. 3 No. 4, 2013, pp. 98-103.",
    "Several agents, e.g. Doxorubicin and ifosfamide, were given.",
    "Survival was 22.5 months in the series.",
    "It was seen on 2014 Sep. 30 and again, i.e. In autumn.",
    "Epub 2014 Sep. PubMed PMID: 24752708.",
])
def test_no_break_after_abbreviations_initials_or_decimals(text):
    assert texts(text) == [text]


def test_breaks_after_full_stops_question_and_exclamation_marks():
    assert texts("First one. Second one? Third one! 4 patients died.") == [
        "First one.", "Second one?", "Third one!", "4 patients died."]


def test_closing_quotes_and_brackets_stay_with_their_sentence():
    assert texts('He said "stop." Then he left. (It was late.) The end.') == [
        'He said "stop."', "Then he left.", "(It was late.)", "The end."]


def test_no_break_before_a_lower_case_word():
    assert texts("The dose was 30 Gy. in ten fractions.") == ["The dose was 30 Gy. in ten fractions."]


def test_headings_blank_lines_and_list_markers_are_boundaries():
    text = "# Title\nFirst paragraph without stop\n\nSecond paragraph\n- item one\n- item two\n<sup>2)</sup>\n3)\nRef"
    assert texts(text) == ["# Title", "First paragraph without stop", "Second paragraph", "- item one",
                           "- item two", "<sup>2)</sup>", "3)", "Ref"]


def test_hard_wrapped_paragraphs_are_joined():
    text = ("A 52-year-old woman presented with an eight week history of gradually\n"
            "worsening myelopathy and a sensory level in the upper thoracic spine and\n"
            "was operated on. Imaging showed a mass at T3 and T4 with compression of\n"
            "the spinal cord and involvement of the vertebral bodies and pedicles.\n")
    out = texts(text)
    assert len(out) == 2
    assert out[0].startswith("A 52-year-old") and out[0].endswith("was operated on.")


def test_spans_are_exact_slices_of_the_seed_documents():
    for name in ("ojmn-2013-maimone-abstract.txt", "neurosurgerywiki-leiomyosarcoma.txt"):
        doc = read_document(ROOT / "graph_data" / "sources" / name)
        spans = sentences(doc)
        assert spans
        previous_end = 0
        for s in spans:
            assert doc.text[s.start:s.end] == s.text
            assert s.text == s.text.strip() and s.text
            assert s.start >= previous_end
            previous_end = s.end


def test_seed_abstract_sentences():
    doc = read_document(ROOT / "graph_data" / "sources" / "ojmn-2013-maimone-abstract.txt")
    got = [s.text for s in sentences(doc)]
    assert got[0] == "OJMN \u00a0Vol.3 No.4 , October 2013"
    assert got[1] == "Metastatic Leiomyosarcoma of the Spine Updates in Management and Surgical Strategy"
    assert "A 360\u00b0 two-step approach was performed." in got
    assert got[-1].startswith("Cite this paper: G. Maimone, N. Nicassio, I. Malik and M. Cambria,")
    assert got[-1].endswith("doi: 10.4236/ojmn.2013.34018.")


def test_seed_wiki_keeps_et_al_and_footnotes_in_their_sentence():
    doc = read_document(ROOT / "graph_data" / "sources" / "neurosurgerywiki-leiomyosarcoma.txt")
    got = [s.text for s in sentences(doc)]
    assert any(t.startswith("Strong et al. describe the case of a patient") for t in got)
    assert any(t.endswith("spinal lesions <sup>1)</sup>.") for t in got)
    assert "### 2015" in got and "## Case reports" in got


def test_sentence_at_finds_the_sentence_holding_an_offset():
    doc = from_text("t", "One sentence here. Another one follows.\n\nA third.")
    assert sentence_at(doc, 0).text == "One sentence here."
    assert sentence_at(doc, doc.text.index("follows")).text == "Another one follows."
    assert sentence_at(doc, doc.text.index("\n\n")).text == "A third."       # between sentences: the next one
    assert sentence_at(doc, len(doc.text) + 5).text == "A third."


def test_splitter_is_deterministic():
    doc = read_document(ROOT / "graph_data" / "sources" / "neurosurgerywiki-leiomyosarcoma.txt")
    assert sentences(doc) == sentences(read_document(doc.path))


def test_pubmed_xml_sentences_come_only_from_titles_and_abstracts():
    doc = read_document(ROOT / "tests" / "data" / "documents" / "08_pubmed-lumbar-tes-and-review.xml")
    spans = sentences(doc)
    assert spans
    assert all("<" not in s.text for s in spans)
    assert spans[0].text.startswith("Three-level total en bloc spondylectomy")
    assert any(s.text.startswith("A 56-year-old woman") for s in spans)


def test_docstring_examples():
    import doctest

    import lmskg.extract.citations
    import lmskg.extract.names
    import lmskg.extract.sentences
    import lmskg.extract.zones

    for module in (lmskg.extract.sentences, lmskg.extract.citations, lmskg.extract.names, lmskg.extract.zones):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted > 0, module.__name__


def test_windows_line_ends_keep_offsets():
    doc = from_text("t", "# Title\r\n\r\nFirst sentence here. Second one.\r\n\r\nThird.\r\n")
    spans = sentences(doc)
    assert [s.text for s in spans] == ["# Title", "First sentence here.", "Second one.", "Third."]
    assert all(doc.text[s.start:s.end] == s.text for s in spans)
