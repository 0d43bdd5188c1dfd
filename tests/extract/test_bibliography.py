"""Publications against the curators' gold files, field by field, and the citation patterns one by one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from lmskg.documents import from_text, read_document
from lmskg.extract.bibliography import clean_doi, extract_publications, kind_term
from lmskg.vocab import LMSKG

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "corpus" / "seed"
DATA = ROOT / "tests" / "data" / "documents"
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
def test_publications_match_the_gold_field_by_field(text, gold):
    expected = yaml.safe_load(gold.read_text(encoding="utf-8")).get("publications") or []
    doc = read_document(text)
    got = extract_publications(doc)
    own = [p for p in got if p.role == "this-document"]
    cited = {p.marker: p for p in got if p.role == "cited-reference"}
    own_gold = [g for g in expected if g["role"] == "this-document"]
    assert len(own) == len(own_gold)
    for g in expected:
        pub = own[own_gold.index(g)] if g["role"] == "this-document" else cited.get(g.get("marker"))
        assert pub is not None, g["id"]
        for name in FIELDS:
            found = getattr(pub, name)
            value = found.value if found is not None else None
            assert norm(value) == norm(g.get(name)), (g["id"], name)
        assert [f"{a.family} {a.initials}".strip() for a in pub.authors] == list(g.get("authors") or []), g["id"]
        date = gold_date(g)
        if date:
            assert pub.date is not None and pub.date.value == date, (g["id"], "date")


@pytest.mark.parametrize(("text", "gold"), PAIRS, ids=[t.name for t, _ in PAIRS])
def test_every_value_points_at_the_text_it_was_read_from(text, gold):
    doc = read_document(text)
    for pub in extract_publications(doc):
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
    wiki = extract_publications(read_document(ROOT / "graph_data" / "sources" / "neurosurgerywiki-leiomyosarcoma.txt"))
    kinds = {p.key: {k.value for k in p.kinds} for p in wiki}
    assert kinds["ref-1"] == {str(LMSKG.CaseSeriesKind), str(LMSKG.ReviewKind)}
    assert kinds["ref-2"] == {str(LMSKG.CaseReportKind)}          # "Strong et al. describe the case of a patient"
    assert kinds["ref-3"] == {str(LMSKG.CaseReportKind)}          # "A 12-year-old girl ..."
    assert kinds["ref-4"] == {str(LMSKG.ClinicalArticleKind)}
    own = extract_publications(read_document(ROOT / "graph_data" / "sources" / "ojmn-2013-maimone-abstract.txt"))
    assert {k.value for k in own[0].kinds} == {str(LMSKG.CaseReportKind), str(LMSKG.ReviewKind)}


def test_kind_terms_are_vocabulary_individuals():
    assert kind_term("case report") == str(LMSKG.CaseReportKind)
    assert kind_term("clinical article") == str(LMSKG.ClinicalArticleKind)


def test_retrospective_review_is_a_case_series_not_a_review():
    doc = from_text("x", "Outcomes of surgery for spinal LMS: a single-center retrospective review\n\nAbstract\n",
                    kind="abstract")
    (pub,) = extract_publications(doc)
    assert [k.value for k in pub.kinds] == [str(LMSKG.CaseSeriesKind)]


# -- citation patterns -----------------------------------------------------------------------------------------

def one(text: str, kind: str = "abstract"):
    pubs = extract_publications(from_text("x", text, kind=kind))
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


def test_surname_first_full_names_are_kept_whole():
    pub = one("Main Article Content\n\nA rare tumour of the spine with skull metastasis\n\nOudrhiri Mohammed "
              "Yassaad\nEl KacemiInas\n\nText of the abstract.\n\nThe Pan African Medical Journal. 2016;24:113\n")
    assert [(a.family, a.initials) for a in pub.authors] == [("Oudrhiri Mohammed Yassaad", ""), ("El KacemiInas", "")]
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
    found = clean_doi(text)
    if expected is None:
        assert found is None or re.fullmatch(r"10\.\d{4,9}/\S+", found.value)
    else:
        assert found.value == expected
        assert text[found.span.start:found.span.end] == expected


def test_pmid_is_digits_only_and_trailing_punctuation_is_dropped():
    pub = one("# P\n\nx <sup>1)</sup>.\n\n<sup>1)</sup>\n\nRoe A. A title. J Things. 2001 Jan;2(3):4-5. "
              "PubMed PMID: 11223344.\n", kind="wiki-page")
    assert pub.pmid.value == "11223344"
    assert (pub.volume.value, pub.issue.value, pub.pages.value, pub.date.value) == ("2", "3", "4-5", "2001-01")


# -- PubMed XML ---------------------------------------------------------------------------------------------------

def test_pubmed_records_are_publications_read_from_their_elements():
    doc = read_document(DATA / "08_pubmed-lumbar-tes-and-review.xml")
    first, second = extract_publications(doc)
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
    (pub,) = extract_publications(doc)
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
    (pub,) = extract_publications(doc)
    assert (pub.key, pub.marker, pub.pmid.value, pub.title.value) == ("ref-1", 1, "11223344", "A title: case report")
    assert [f"{a.family} {a.initials}" for a in pub.authors] == ["Roe A", "Poe BC"]
    assert doc.text[pub.span.start:pub.span.end].startswith("Roe A, Poe BC.")


def test_journal_line_with_volume_and_year_in_parentheses():
    pub = one("Main Article Content\n\nPrimary osseous leiomyosarcoma of the sacrum in a young adult\n\n"
              "Kabore Issa\nSow Aminata\n\nAbstract text of the page.\n\n"
              "The Pan African Medical Journal: Vol. 24 (2016)\n\nJournal Identifiers\n\neISSN: 1937-8688\n")
    assert (pub.journal.value, pub.volume.value, pub.year.value) == ("The Pan African Medical Journal", "24", 2016)
    assert pub.issue is None and pub.pages is None
    assert [a.family for a in pub.authors] == ["Kabore Issa", "Sow Aminata"]


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
    own, first, second = extract_publications(doc)
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
