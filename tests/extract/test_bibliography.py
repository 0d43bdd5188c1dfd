"""Publication records: every value points at its text, and the citation and page patterns one by one.

How well the records match the curators' gold files is the official scorer's to say (tests/test_gold.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from clinical_support import ontology

from lmskg.documents import from_text, read_document
from lmskg.extract.bibliography import extract_publications, kind_term
from lmskg.extract.citations import find_doi
from lmskg.vocab import LMSKG

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "corpus" / "seed"
DATA = ROOT / "tests" / "data" / "documents"
SOURCES = ROOT / "graph_data" / "sources"
FIELDS = ("title", "journal", "journal_abbrev", "year", "volume", "issue", "pages", "doi", "pmid")


def gold_documents() -> list[tuple[Path, Path]]:
    pairs = []
    for folder in (SEED, DATA):
        for gold in sorted(folder.glob("*.gold.yaml")):
            stem = gold.name[: -len(".gold.yaml")]
            text = next((p for p in folder.glob(f"{stem}.*") if p.suffix in (".txt", ".xml", ".md")), None)
            if text is not None:
                pairs.append((text, gold))
    return pairs


def norm(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).replace("\u2013", "-").replace("\u2014", "-")
    return " ".join(text.lower().split()).rstrip(".")


def gold_date(g: dict) -> str | None:
    if g.get("date"):
        return str(g["date"])
    if g.get("publication_date"):
        return str(g["publication_date"])
    if g.get("month") and g.get("year"):
        return f"{g['year']}-{int(g['month']):02d}"
    return None


PAIRS = gold_documents()


def test_the_gold_documents_are_found():
    names = {text.name for text, _ in PAIRS}
    assert {"ojmn-2013-maimone-abstract.txt", "neurosurgerywiki-leiomyosarcoma.txt"} <= names


@pytest.mark.parametrize(("text", "gold"), PAIRS, ids=[t.name for t, _ in PAIRS])
def test_every_value_points_at_the_text_it_was_read_from(text, gold):
    doc = read_document(text)
    for pub in extract_publications(doc, ontology()):
        assert doc.text[pub.span.start:pub.span.end] == pub.span.text
        for name in (*FIELDS, "date"):
            found = getattr(pub, name)
            if found is not None:
                assert doc.text[found.span.start:found.span.end] == found.span.text
                assert found.span.text, name
        for author in pub.authors:
            assert doc.text[author.span.start:author.span.end] == author.span.text
            assert author.family in doc.normalized[author.span.start:author.span.end] or text.suffix == ".xml"


def test_seed_article_kinds():
    wiki = extract_publications(read_document(SOURCES / "neurosurgerywiki-leiomyosarcoma.txt"), ontology())
    kinds = {p.key: {k.value for k in p.kinds} for p in wiki}
    assert kinds["ref-1"] == {str(LMSKG.CaseSeriesKind), str(LMSKG.ReviewKind)}
    assert kinds["ref-2"] == {str(LMSKG.CaseReportKind)}          # "Strong et al. describe the case of a patient"
    assert kinds["ref-3"] == {str(LMSKG.CaseReportKind)}          # "A 12-year-old girl ..."
    assert kinds["ref-4"] == {str(LMSKG.ClinicalArticleKind)}
    own = extract_publications(read_document(SOURCES / "ojmn-2013-maimone-abstract.txt"), ontology())
    assert {k.value for k in own[0].kinds} == {str(LMSKG.CaseReportKind), str(LMSKG.ReviewKind)}


def test_kind_terms_are_vocabulary_individuals():
    assert kind_term("case report") == str(LMSKG.CaseReportKind)
    assert kind_term("clinical article") == str(LMSKG.ClinicalArticleKind)


def test_retrospective_review_is_a_case_series_not_a_review():
    doc = from_text("x", "Outcomes of surgery for spinal LMS: a single-center retrospective review\n\nAbstract\n",
                    kind="abstract")
    (pub,) = extract_publications(doc, ontology())
    assert [k.value for k in pub.kinds] == [str(LMSKG.CaseSeriesKind)]


# -- citation patterns -----------------------------------------------------------------------------------------

def one(text: str, kind: str = "abstract"):
    pubs = extract_publications(from_text("x", text, kind=kind), ontology())
    assert len(pubs) == 1
    return pubs[0]


def test_initials_first_authors_joined_with_and():
    pub = one('Cite this paper: J. P. Doe, A.-M. Roe and K. Poe, "A Title Here," Some Journal, Vol. 12 No. 1, '
              "2020, pp. 1-9. doi: 10.1234/sj.2020.1.\n")
    assert [(a.family, a.initials) for a in pub.authors] == [("Doe", "JP"), ("Roe", "AM"), ("Poe", "K")]
    assert (pub.title.value, pub.journal.value, pub.volume.value, pub.issue.value, pub.pages.value) == (
        "A Title Here", "Some Journal", "12", "1", "1-9")


def test_surname_comma_initials_with_stray_spaces_and_a_two_word_family_name():
    pub = one("Cite this paper: Abara, K. , De la Cruz, M. , Tan, W. and El Amrani, S. (2022) Long Title of "
              "the Work: A Case Report. Open Journal of Things, 14, 20-31. doi: 10.4236/ojt.2022.141003.\n")
    assert [f"{a.family} {a.initials}" for a in pub.authors] == ["Abara K", "De la Cruz M", "Tan W", "El Amrani S"]
    assert pub.title.value == "Long Title of the Work: A Case Report"
    assert (pub.journal.value, pub.year.value, pub.volume.value, pub.pages.value) == (
        "Open Journal of Things", 2022, "14", "20-31")
    assert pub.issue is None
    assert pub.doi.value == "10.4236/ojt.2022.141003"


def test_nlm_citation_with_epub_ahead_of_print():
    text = ("# P\n\nSome case <sup>1)</sup>.\n\n<sup>1)</sup>\n\nNguyen TT, O'Brien-Smith K. Title words: a case "
            "report. *Eur Spine J*. 2019 Mar 5:1-7. [Epub ahead of print] PubMed PMID: 30838001.\n")
    pub = one(text, kind="wiki-page")
    assert [f"{a.family} {a.initials}" for a in pub.authors] == ["Nguyen TT", "O'Brien-Smith K"]
    assert (pub.journal.value, pub.date.value, pub.pages.value, pub.pmid.value) == (
        "Eur Spine J", "2019-03-05", "1-7", "30838001")
    assert pub.volume is None and pub.doi is None


def test_whole_names_one_per_line_are_read_family_first_when_a_particle_shows_the_order():
    pub = one("Main Article Content\n\nA rare tumour of the spine with skull metastasis\n\nOudrhiri Mohammed "
              "Yassaad\nEl KacemiInas\n\nText of the abstract.\n\nThe Pan African Medical Journal. 2016;24:113\n")
    assert [(a.family, a.initials) for a in pub.authors] == [("Oudrhiri", "MY"), ("El KacemiInas", "")]
    assert (pub.journal.value, pub.year.value, pub.volume.value, pub.pages.value) == (
        "The Pan African Medical Journal", 2016, "24", "113")


@pytest.mark.parametrize(("text", "expected"), [
    ("doi: 10.4236/ojmn.2013.34018.", "10.4236/ojmn.2013.34018"),
    ("https://doi.org/10.3171/2012.8.SPINE12331, then", "10.3171/2012.8.SPINE12331"),
    ("(doi: 10.1002/(SICI)1097-0142(19990101)85:1<1::AID-CNCR1>3.0.CO;2-5)", None),
    ("doi:10.1007/s00381-014-2422-7);", "10.1007/s00381-014-2422-7"),
    ("doi: 10.12/short", None),
    ("no identifier here", None),
])
def test_dois_are_never_truncated_or_malformed(text, expected):
    found = find_doi(text)
    if expected is None:
        assert found is None or re.fullmatch(r"10\.\d{4,9}/\S+", found.value)
    else:
        assert found.value == expected
        assert text[found.start:found.end] == expected


def test_pmid_is_digits_only_and_trailing_punctuation_is_dropped():
    pub = one("# P\n\nx <sup>1)</sup>.\n\n<sup>1)</sup>\n\nRoe A. A title. J Things. 2001 Jan;2(3):4-5. "
              "PubMed PMID: 11223344.\n", kind="wiki-page")
    assert pub.pmid.value == "11223344"
    assert (pub.volume.value, pub.issue.value, pub.pages.value, pub.date.value) == ("2", "3", "4-5", "2001-01")


# -- PubMed XML ---------------------------------------------------------------------------------------------------

def test_pubmed_records_are_publications_read_from_their_elements():
    doc = read_document(DATA / "08_pubmed-lumbar-tes-and-review.xml")
    first, second = extract_publications(doc, ontology())
    assert (first.key, second.key) == ("record-1", "record-2")
    assert first.pmid.value == "36184427" and first.doi.value == "10.5555/jmoss.2022.0481"
    assert first.title.value.endswith("uterine leiomyosarcoma: a case report")          # no closing full stop
    assert first.journal_abbrev.value == "J Musculoskelet Oncol Spine Surg"
    assert (first.year.value, first.date.value) == (2022, "2022-12")
    assert [a.family for a in first.authors][:2] == ["Kowalczyk", "van der Berg"]
    assert doc.text[first.pmid.span.start:first.pmid.span.end] == "36184427"
    assert doc.text[first.span.start:first.span.end].startswith("<PubmedArticle>")
    assert [k.value for k in second.kinds] == [str(LMSKG.ReviewKind)]


def test_pubmed_medline_date_gives_the_year(tmp_path):
    path = tmp_path / "medline.xml"
    path.write_text(
        "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID Version=\"1\">123</PMID><Article>"
        "<Journal><JournalIssue><PubDate><MedlineDate>2014 Sep-Oct</MedlineDate></PubDate></JournalIssue>"
        "<Title>Some Journal</Title></Journal><ArticleTitle>A title &amp; more.</ArticleTitle>"
        "<AuthorList><Author><CollectiveName>The Study Group</CollectiveName></Author></AuthorList></Article>"
        "</MedlineCitation></PubmedArticle></PubmedArticleSet>\n", encoding="utf-8")
    doc = read_document(path)
    (pub,) = extract_publications(doc, ontology())
    assert (pub.key, pub.year.value, pub.pmid.value, pub.title.value) == ("self", 2014, "123", "A title & more")
    assert [(a.family, a.initials) for a in pub.authors] == [("The Study Group", "")]
    assert pub.date is None


def test_pubmed_page_with_the_journal_name_broken_from_its_date():
    pub = one("J Neurosurg Spine\n. 2012 Nov;17(5):432-7. doi: 10.3171/2012.8.SPINE12331. Epub 2012 Aug 31.\n\n"
              "Outcomes after surgery for spinal metastatic leiomyosarcoma\n\nAbstract\n\nObject: Some text.\n")
    assert pub.title.value == "Outcomes after surgery for spinal metastatic leiomyosarcoma"
    assert (pub.journal.value, pub.date.value, pub.volume.value, pub.issue.value, pub.pages.value) == (
        "J Neurosurg Spine", "2012-11", "17", "5", "432-7")
    assert pub.doi.value == "10.3171/2012.8.SPINE12331"
    assert pub.authors == () and pub.pmid is None


@pytest.mark.parametrize("label", ["<sup>1)</sup> ", "1) ", "[1] ", "[^1]: "])
def test_reference_entries_labelled_on_the_same_line(label):
    doc = from_text("w", "# Page\n\nA 60-year-old man was treated [^1].\n\n"
                         f"{label}Roe A, Poe BC. A title: case report. J Things. 2001 Jan;2(3):4-5. PMID: 11223344.\n",
                    kind="wiki-page")
    (pub,) = extract_publications(doc, ontology())
    assert (pub.key, pub.marker, pub.pmid.value, pub.title.value) == ("ref-1", 1, "11223344", "A title: case report")
    assert [f"{a.family} {a.initials}" for a in pub.authors] == ["Roe A", "Poe BC"]
    assert doc.text[pub.span.start:pub.span.end].startswith("Roe A, Poe BC.")


def test_journal_line_with_volume_and_year_in_parentheses():
    pub = one("Main Article Content\n\nPrimary osseous leiomyosarcoma of the sacrum in a young adult\n\n"
              "Kabore Issa\nSow Aminata\n\nAbstract text of the page.\n\n"
              "The Pan African Medical Journal: Vol. 24 (2016)\n\nJournal Identifiers\n\neISSN: 1937-8688\n")
    assert (pub.journal.value, pub.volume.value, pub.year.value) == ("The Pan African Medical Journal", "24", 2016)
    assert pub.issue is None and pub.pages is None
    assert [f"{a.family} {a.initials}" for a in pub.authors] == ["Issa K", "Aminata S"]   # order not shown


def test_pubmed_web_page_layout():
    pub = one("Case Reports\n\nSpine Oncol Rep\n. 2020 Feb;9(1):12-8.\n doi: 10.5555/sor.2020.1.77. "
              "Epub 2019 Nov 2.\n\n"
              "Spinal metastasis of leiomyosarcoma: a case report\n\nAffiliations expand\n\nAbstract\n\n"
              "Background: A 61-year-old woman had back pain.\n")
    assert pub.title.value == "Spinal metastasis of leiomyosarcoma: a case report"
    assert (pub.journal.value, pub.date.value, pub.volume.value, pub.issue.value, pub.pages.value) == (
        "Spine Oncol Rep", "2020-02", "9", "1", "12-8")
    assert pub.doi.value == "10.5555/sor.2020.1.77"
    assert [k.value for k in pub.kinds] == [str(LMSKG.CaseReportKind)]


def test_vancouver_reference_without_a_full_stop_after_the_journal():
    doc = from_text("x", "A title line of the article itself\n\nAbstract: text.\n\nReferences\n\n"
                         "1. Smith J, Doe K, et al. Spinal leiomyosarcoma revisited. J Spine Surg 2015;22(3):100-105.\n"
                         "2. Roe A. Another work. Spine Oncol Rep. 2018;13:98-104.\n", kind="abstract")
    own, first, second = extract_publications(doc, ontology())
    assert own.key == "self" and own.title.value == "A title line of the article itself"
    assert [f"{a.family} {a.initials}" for a in first.authors] == ["Smith J", "Doe K"]
    assert (first.title.value, first.journal.value, first.year.value, first.volume.value, first.issue.value,
            first.pages.value) == ("Spinal leiomyosarcoma revisited", "J Spine Surg", 2015, "22", "3", "100-105")
    assert (second.marker, second.journal.value, second.volume.value, second.issue) == (2, "Spine Oncol Rep", "13",
                                                                                       None)


def test_nlm_author_line_ending_with_a_period():
    pub = one("Treatment of a rare sarcoma of the spine\n\nKowalczyk AB, Osei-Mensah K, Lindahl P.\n\n"
              "Some Spine J. 2020 May;3(2):10-17. doi: 10.5555/ssj.2020.10.\n\nAbstract\n\nText.\n")
    assert [f"{a.family} {a.initials}" for a in pub.authors] == ["Kowalczyk AB", "Osei-Mensah K", "Lindahl P"]


def test_whole_names_without_initials_are_given_name_first():
    pub = one("Treatment of a rare sarcoma of the spine\n\nHelga Brandvold, Tomasz Wierzba, Amara Nwosu\n\n"
              "Abstract\n\nText.\n")
    assert [f"{a.family} {a.initials}" for a in pub.authors] == ["Brandvold H", "Wierzba T", "Nwosu A"]


def test_journal_line_between_title_and_authors():
    pub = one("Treatment of a rare sarcoma of the spine\n\nSome Spine Lett. 2021;4(1):e0101. doi:10.5555/ssl.e0101\n\n"
              "Lena K. Moritz, Pablo Arce\n\nA 50-year-old man had a tumour.\n")
    assert [f"{a.family} {a.initials}" for a in pub.authors] == ["Moritz LK", "Arce P"]


# -- page layouts of the document's own record -------------------------------------------------------------------

@pytest.mark.parametrize("record", [
    "Original languageEnglish\nPages (from-to)55-61\nJournalNorthern Journal of Spine Tumours\nIssue number4\n"
    "Publication statusPublished - 2011\n",
    "Revista: Northern Journal of Spine Tumours\nNúmero: 4\nPáginas: 55-61\nAno: 2011\n",
])
def test_catalogue_record_fields_after_the_abstract(record):
    pub = one("Iliac leiomyosarcoma in a patient with a past hysterectomy\n\nSara Lund, Omar Haddad\n\n"
              "We describe a 61-year-old woman with a leiomyosarcoma of the ilium that was resected.\n\n" + record)
    assert (pub.journal.value, pub.issue.value, pub.pages.value, pub.year.value) == (
        "Northern Journal of Spine Tumours", "4", "55-61", 2011)
    assert pub.volume is None
    assert [f"{a.family} {a.initials}" for a in pub.authors] == ["Lund S", "Haddad O"]


@pytest.mark.parametrize("label", ["Share and Cite:", "How to cite this article:"])
def test_a_cite_label_on_its_own_line_introduces_the_citation(label):
    pub = one("Skull metastasis of leiomyosarcoma: a case\n\nAbstract\n\nA 45-year-old woman had a skull lesion.\n\n"
              f"{label}\n\nOkafor, C. , Lindqvist, A. and Duarte, M. (2019) Skull Metastasis of Leiomyosarcoma: "
              "A Case. Open Journal of Tumours, 8, 12-20. doi: 10.5555/ojt.2019.81002.\n\n1. Introduction\n\n"
              "Leiomyosarcoma is rare.\n")
    assert [f"{a.family} {a.initials}" for a in pub.authors] == ["Okafor C", "Lindqvist A", "Duarte M"]
    assert (pub.journal.value, pub.volume.value, pub.pages.value, pub.year.value, pub.doi.value) == (
        "Open Journal of Tumours", "8", "12-20", 2019, "10.5555/ojt.2019.81002")


@pytest.mark.parametrize("tools", ["-\nPDF\n-\nSplit View\nCite\n", "Download\nViews\nCite\nPermissions\n"])
def test_a_publishers_cite_line_among_page_tools_gives_the_whole_record(tools):
    pub = one(f"{tools}Lena Moritz, Pablo Arce, Leiomyosarcoma of the femur: a cohort study, Annals of Bone "
              "Oncology, Volume 14, Issue 3, March 2020, Pages 200–210, https://doi.org/10.5555/abo/xyz014\n"
              "- Share Icon Share\nAbstract\nFemoral leiomyosarcoma was studied in 40 patients.\n")
    assert pub.title.value == "Leiomyosarcoma of the femur: a cohort study"
    assert (pub.journal.value, pub.volume.value, pub.issue.value, pub.date.value, pub.doi.value) == (
        "Annals of Bone Oncology", "14", "3", "2020-03", "10.5555/abo/xyz014")
    assert [f"{a.family} {a.initials}" for a in pub.authors] == ["Moritz L", "Arce P"]


@pytest.mark.parametrize(("metadata", "year"), [
    ("Published: Mon 02, Mar 2020\n\u00a9 2020 Ana Reis. Open access under CC BY.\nDOI: 10.5555/x.2020.3", 2020),
    ("\u00a9 2017 The Authors. This article is distributed under the terms of a licence.", 2017),
])
def test_year_from_the_published_date_or_else_the_copyright_line(metadata, year):
    pub = one("Primary leiomyosarcoma of the L4 vertebra\n\nAuthor Info\n\nCorresponding Author\nAna Reis\n"
              "Hill Valley University Hospital, Lisbon, Portugal\n\n"
              f"A 50-year-old woman had a primary leiomyosarcoma of L4, which was excised.\n\n{metadata}\n")
    assert pub.year.value == year
    assert [f"{a.family} {a.initials}" for a in pub.authors] == ["Reis A"]
    assert pub.authors_truncated                          # a corresponding author, maybe not the only one


def test_a_reference_cut_by_the_end_of_the_text_keeps_its_authors_and_drops_its_title():
    doc = from_text("x", "Bone metastases of uterine leiomyosarcoma: a review\nReferences\n"
                         "- Ferreira, J.A.; Nakamura, T. Bone metastases of uterine sarcoma. Clin. Sarcoma Res. "
                         "2019, 9, 211-219. [Google Scholar]\n- Roe, A.; Poe, B. Outcomes of spinal surgery in",
                    kind="other")
    _own, first, second = extract_publications(doc, ontology())
    assert first.title.value == "Bone metastases of uterine sarcoma" and first.marker == 1
    assert [f"{a.family} {a.initials}" for a in second.authors] == ["Roe A", "Poe B"]
    assert second.title is None and second.journal is None


@pytest.mark.parametrize("header, keywords", [
    ("PMID: 12345678 PMCID: PMC7654321\n\nKeywords: Leiomyosarcoma; spine metastasis, case report",
     ["Leiomyosarcoma", "spine metastasis", "case report"]),
    ("PMCID: PMC7654321\n\nKey words: uterine sarcoma \u00b7 vertebra \u00b7 surgery.",
     ["uterine sarcoma", "vertebra", "surgery"]),
])
def test_the_pmcid_and_the_keywords_of_the_document_as_written(header, keywords):
    doc = from_text("t", "Thoracic spine metastasis of uterine leiomyosarcoma: a case report\n\nA. Smith, B. Jones\n\n"
                         f"{header}\n\nA 45-year-old woman presented with back pain.\n")
    own = next(p for p in extract_publications(doc, ontology()) if p.role == "this-document")
    assert own.pmcid.value == "PMC7654321" and doc.normalized[own.pmcid.span.start:own.pmcid.span.end] == "PMC7654321"
    assert [k.value for k in own.keywords] == keywords
    assert all(doc.normalized[k.span.start:k.span.end] == k.value for k in own.keywords)
