"""Which publication a passage describes: footnote markers, the next paragraph, year headings, the page itself."""

from __future__ import annotations

from pathlib import Path

from clinical_support import ontology

from lmskg.documents import from_text, read_document
from lmskg.extract.bibliography import extract_publications
from lmskg.extract.facts import Found, Publication, Span
from lmskg.extract.references import paragraphs, publication_for

ROOT = Path(__file__).resolve().parents[2]
WIKI = ROOT / "graph_data" / "sources" / "neurosurgerywiki-leiomyosarcoma.txt"


def passage(doc, words: str) -> tuple[int, int]:
    start = doc.text.index(words)
    return start, start + len(words)


def test_seed_wiki_passages_map_to_their_footnotes():
    doc = read_document(WIKI)
    pubs = extract_publications(doc, ontology())
    expect = {
        "leiomyosarcoma](#) survival being 32, 26, and 20 months": "ref-1",      # marker ends the paragraph
        "decreasing survival from cervical cancer (32 months)": "ref-1",
        "the patient has been progression free for 35 months": "ref-2",
        "A 12-year-old girl with Fanconi anemia": "ref-3",                       # marker in the next paragraph
        "resulted in tumor-free survival and good outcome at a 2-year follow-up": "ref-3",
        "combined tumor resection and radiosurgery may yield excellent outcome": "ref-3",
        "passed away within several weeks of treatment": "ref-4",
        "Primary intracranial leiomyosarcoma of the torcular Herophili": "ref-3",  # inside the reference entry
    }
    for words, key in expect.items():
        assert publication_for(doc, pubs, *passage(doc, words)) == key, words


def test_passages_with_no_citation_are_unknown_on_a_wiki_page():
    doc = read_document(WIKI)
    pubs = extract_publications(doc, ontology())
    assert publication_for(doc, pubs, *passage(doc, "Neurosurgery Wiki")) is None


def test_marker_keys_follow_the_reference_list_publications():
    doc = read_document(WIKI)
    pubs = extract_publications(doc, ontology())
    assert [(p.key, p.marker) for p in pubs] == [("ref-1", 1), ("ref-2", 2), ("ref-3", 3), ("ref-4", 4)]


def test_bare_reference_labels_are_list_labels_not_citations():
    doc = read_document(WIKI)
    labels = [p.label for p in paragraphs(doc) if p.label is not None]
    assert labels == [1, 2, 3, 4]
    inline = [n for p in paragraphs(doc) for n, _ in p.markers]
    assert inline == [1, 2, 3, 4]


def test_a_passage_before_the_marker_in_its_paragraph_takes_the_next_marker():
    doc = from_text("w", "# P\n\nFirst claim <sup>1)</sup> and second claim <sup>2)</sup>.\n", kind="wiki-page")
    pubs = (_pub("ref-1", 1), _pub("ref-2", 2))
    assert publication_for(doc, pubs, *passage(doc, "First claim")) == "ref-1"
    assert publication_for(doc, pubs, *passage(doc, "second claim")) == "ref-2"


def test_the_next_paragraph_must_be_in_the_same_section():
    doc = from_text("w", "# P\n\n## A\n\nNo marker here.\n\n## B\n\nCited <sup>1)</sup>.\n", kind="wiki-page")
    pubs = (_pub("ref-1", 1),)
    assert publication_for(doc, pubs, *passage(doc, "No marker here")) is None


def test_year_heading_picks_the_only_publication_of_that_year():
    doc = from_text("w", "# P\n\n### 2014\n\nA 50-year-old man with LMS of the thigh.\n", kind="wiki-page")
    pubs = (_pub("ref-1", 1, year=2015), _pub("ref-2", 2, year=2014))
    assert publication_for(doc, pubs, *passage(doc, "A 50-year-old man")) == "ref-2"
    both = (_pub("ref-1", 1, year=2014), _pub("ref-2", 2, year=2014))
    assert publication_for(doc, both, *passage(doc, "A 50-year-old man")) is None


def test_a_document_describing_itself_answers_self():
    doc = read_document(ROOT / "graph_data" / "sources" / "ojmn-2013-maimone-abstract.txt")
    pubs = extract_publications(doc, ontology())
    assert publication_for(doc, pubs, *passage(doc, "A 52-year-old female")) == "self"


def test_an_article_describes_itself_except_in_a_sentence_that_cites():
    doc = read_document(ROOT / "tests" / "data" / "documents" / "07_case-report-ivc-lms-t12-recurrence.txt")
    pubs = extract_publications(doc, ontology())
    start, end = passage(doc, "A 63-year-old man was referred to our spine unit")
    assert publication_for(doc, pubs, start, end) == "self"
    paragraph_end = doc.text.index("without sphincter disturbance.")
    assert publication_for(doc, pubs, start, paragraph_end) == "self"
    assert publication_for(doc, pubs, *passage(doc, "between 30% and 60%")) == "ref-3"
    assert publication_for(doc, pubs, *passage(doc, "the surgical margin largely determines")) == "ref-4"
    assert publication_for(doc, pubs, *passage(doc, "Stereotactic body radiotherapy for radioresistant")) == "ref-4"


def test_each_pubmed_record_describes_its_own_passages():
    doc = read_document(ROOT / "tests" / "data" / "documents" / "08_pubmed-lumbar-tes-and-review.xml")
    pubs = extract_publications(doc, ontology())
    assert [p.key for p in pubs] == ["record-1", "record-2"]
    assert publication_for(doc, pubs, *passage(doc, "A 56-year-old woman")) == "record-1"
    second = next(p for p in pubs if p.key == "record-2")
    inside = second.span.start + 100
    assert publication_for(doc, pubs, inside, inside + 5) == "record-2"


def _pub(key: str, marker: int, year: int | None = None) -> Publication:
    span = Span(0, 0, "")
    return Publication(key=key, span=span, role="cited-reference", marker=marker,
                       year=Found(year, span) if year else None)
