"""Saved journal pages: citation_* meta tags (then Dublin Core, then JSON-LD) and the main text without the
page's navigation, scripts and styles."""

from __future__ import annotations

import pytest
from building import case_facts, rows
from samples import CASE, DISCUSSION, HEAD, PAGE_AS_TEXT, journal_page

from lmskg.documents import read_document
from lmskg.documents.html import person, publication_date
from lmskg.errors import DocumentError


def test_citation_meta_tags_give_the_record(tmp_path):
    path = tmp_path / "jscr-45.html"
    path.write_text(journal_page(), encoding="utf-8")
    doc = read_document(path)
    assert doc.kind == "journal-page"
    assert doc.metadata == {
        "title": "Thoracic spine metastasis of uterine leiomyosarcoma: a case report",
        "authors": "Lima AM; van der Berg J; Costa R",
        "affiliations": "Department of Neurosurgery, Hospital de Santo António, Porto",
        "journal": "Journal of Spine Case Reports", "volume": "12", "issue": "3", "pages": "45-50", "year": "2021",
        "date": "2021-03-09", "doi": "10.5555/jscr.2021.045", "pmid": "34567890",
        "pdf_url": "https://journal.example/articles/45.pdf", "keywords": "leiomyosarcoma; thoracic spine"}


def test_navigation_footer_scripts_and_styles_never_reach_the_text(tmp_path):
    path = tmp_path / "jscr-45.html"
    path.write_text(journal_page(), encoding="utf-8")
    text = read_document(path).text
    assert CASE in text and DISCUSSION in text and "1. Park JH, Lindgren E." in text
    assert "rarely spreads to the spine [1]. We report" in text
    for left_out in ("SCRIPT-TEXT", "SCRIPT-TWO", "STYLE-TEXT", "color: red", "Browse journals",
                     "Submit your manuscript", "Cookie settings", "<"):
        assert left_out not in text
    assert text.count("Thoracic spine metastasis of uterine leiomyosarcoma") == 1
    assert text.index("Abstract") < text.index(CASE) < text.index(DISCUSSION) < text.index("References")


def test_publications_query_returns_the_meta_tags_exactly(build_files):
    store = build_files({"jscr-45.html": journal_page()})
    found = {r["publication"].rsplit("/", 1)[1]: r for r in rows(store, "publications.rq")}
    own = found["pmid-34567890"]
    assert {k: own.get(k) for k in ("title", "year", "journal", "volume", "issue", "pages", "doi", "pmid",
                                    "firstAuthor", "authors")} == {
        "title": "Thoracic spine metastasis of uterine leiomyosarcoma: a case report", "year": "2021",
        "journal": "Journal of Spine Case Reports", "volume": "12", "issue": "3", "pages": "45-50",
        "doi": "10.5555/jscr.2021.045", "pmid": "34567890", "firstAuthor": "Lima AM",
        "authors": "Lima AM; van der Berg J; Costa R"}
    cited = [r for key, r in found.items() if key != "pmid-34567890"]
    assert [(r["title"], r["journal"], r["pages"]) for r in cited] == [
        ("Skeletal metastases of soft tissue sarcoma", "Sarcoma Bone Rep", "55-63")]


def test_case_facts_from_the_page_equal_those_of_the_same_text(build_files):
    from_page = case_facts(build_files({"jscr-45.html": journal_page()}))
    from_text = case_facts(build_files({"jscr-45.txt": PAGE_AS_TEXT}))
    assert any("age=52" in row for row in from_page["cases.rq"])
    assert from_page == from_text


def test_dublin_core_then_json_ld_fill_what_the_citation_tags_leave_out(tmp_path):
    head = """<meta name="DC.title" content="Spinal leiomyosarcoma in the light of the literature">
<meta name="DC.creator" content="Lima, Ana"><meta name="DC.creator" content="Costa, Rui">
<meta name="DC.date" content="2019-11-02"><meta name="DC.identifier" content="https://doi.org/10.5555/x.2019.7">
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
  {"@type": "WebPage", "name": "not the article"},
  {"@type": "ScholarlyArticle", "headline": "JSON-LD headline", "volumeNumber": "7", "pagination": "e12",
   "isPartOf": {"@type": "PublicationIssue", "issueNumber": "2",
                "isPartOf": {"@type": "Periodical", "name": "Spine Reports"}}}]}</script>
<script type="application/ld+json">{ broken json </script>"""
    path = tmp_path / "dc.html"
    path.write_text(journal_page(head), encoding="utf-8")
    meta = read_document(path).metadata
    assert (meta["title"], meta["authors"], meta["date"], meta["doi"]) == (
        "Spinal leiomyosarcoma in the light of the literature", "Lima A; Costa R", "2019-11-02", "10.5555/x.2019.7")
    assert (meta["journal"], meta["volume"], meta["pages"]) == ("Spine Reports", "7", "e12")


def test_json_ld_authors_and_title_when_the_page_has_no_meta_tags(tmp_path):
    head = """<script type="application/ld+json">{"@type": "MedicalScholarlyArticle", "headline": "Spinal LMS",
  "author": [{"@type": "Person", "givenName": "Ana", "familyName": "Lima"}, {"@type": "Person", "name": "Rui Costa"}],
  "datePublished": "2020-05-01", "identifier": {"@type": "PropertyValue", "propertyID": "doi",
  "value": "10.5555/lms.2020.1"}}</script>"""
    path = tmp_path / "ld.html"
    path.write_text(journal_page(head), encoding="utf-8")
    meta = read_document(path).metadata
    assert (meta["title"], meta["authors"], meta["year"], meta["doi"]) == (
        "Spinal LMS", "Lima A; Costa R", "2020", "10.5555/lms.2020.1")


def test_the_kind_comes_from_the_content(tmp_path):
    path = tmp_path / "saved-page.txt"
    path.write_text(journal_page(), encoding="utf-8")
    assert read_document(path).kind == "journal-page"


def test_a_page_with_neither_text_nor_record_is_refused(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<!DOCTYPE html><html><head><script>x()</script></head><body><nav>Home</nav></body></html>",
                    encoding="utf-8")
    with pytest.raises(DocumentError, match=r"blank\.html: no article text and no citation metadata"):
        read_document(path)
    empty = tmp_path / "empty.html"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(DocumentError, match=r"empty\.html: the file is empty"):
        read_document(empty)


@pytest.mark.parametrize(("written", "family", "given"), [
    ("Lima, Ana Maria", "Lima", "Ana Maria"), ("Ana Maria Lima", "Lima", "Ana Maria"),
    ("Jan van der Berg", "van der Berg", "Jan"), ("Costa", "Costa", ""), ("Lima AM", "Lima", "AM"),
    ("van der Berg JH", "van der Berg", "JH")])
def test_author_names_as_pages_write_them(written, family, given):
    p = person(written)
    assert p is not None and (p.family, p.given) == (family, given)


@pytest.mark.parametrize(("written", "year", "date"), [
    ("2021/03/09", "2021", "2021-03-09"), ("2021-3-9", "2021", "2021-03-09"), ("9 March 2021", "2021", "2021-03-09"),
    ("March 9, 2021", "2021", "2021-03-09"), ("09/03/2021", "2021", ""), ("March 2021", "2021", ""),
    ("2021", "2021", ""), ("soon", "", "")])
def test_publication_dates_as_pages_write_them(written, year, date):
    assert publication_date(written) == (year, date)


REFERENCE_TAGS = """
<meta name="citation_reference" content="citation_author=Park, J; citation_author=Lindgren, E;
  citation_title=Skeletal metastases of soft tissue sarcoma; citation_journal_title=Sarcoma Bone Rep;
  citation_year=2017; citation_volume=8; citation_firstpage=55; citation_lastpage=63; citation_doi=10.5555/sbr.8">
<meta name="citation_reference" content="citation_title=Outcomes of spinal surgery; citation_journal_title=Spine;
  citation_year=2018; citation_volume=13; citation_firstpage=98">"""


def test_citation_reference_tags_become_the_reference_list_when_the_text_has_none(build_files):
    without_list = journal_page(HEAD + REFERENCE_TAGS).replace(
        '<section><h2>References</h2><ol><li>Park JH, Lindgren E. Skeletal metastases of soft tissue sarcoma. '
        'Sarcoma Bone\nRep. 2017;8:55-63.</li></ol></section>', "")
    assert "<h2>References</h2>" not in without_list
    store = build_files({"jscr-45.html": without_list})
    found = {r["publication"].rsplit("/", 1)[1]: r for r in rows(store, "publications.rq")}
    assert (found["doi-10.5555_sbr.8"]["title"], found["doi-10.5555_sbr.8"]["authors"]) == (
        "Skeletal metastases of soft tissue sarcoma", "Park J; Lindgren E")
    assert [r["title"] for r in found.values() if r["title"].startswith("Outcomes")] == [
        "Outcomes of spinal surgery"]


def test_citation_reference_tags_are_left_out_when_the_text_lists_them(tmp_path):
    path = tmp_path / "both.html"
    path.write_text(journal_page(HEAD + REFERENCE_TAGS), encoding="utf-8")
    assert read_document(path).text.count("Skeletal metastases of soft tissue sarcoma") == 1
