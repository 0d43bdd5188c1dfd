"""Citation strings of every style, in references of our own invention."""

from __future__ import annotations

import pytest

from lmskg.documents import normalize
from lmskg.extract.citations import catalogue_field, find_doi, parse_citation, parse_source


def parse(text: str):
    found = parse_citation(normalize(text))
    assert found is not None, text
    return found


def fields(c) -> dict:
    out = {k: getattr(c, k).value for k in ("title", "journal", "year", "date", "volume", "issue", "pages", "doi",
                                             "pmid") if getattr(c, k) is not None}
    out["authors"] = [f"{n.family} {n.initials}" for n in c.names.names] if c.names else []
    return out


@pytest.mark.parametrize(("text", "expected"), [
    ("Okafor C, Lindqvist AB. Vertebral leiomyosarcoma after hysterectomy. Spine Oncol Rep. 2016 Apr;12(2):44-9. "
     "doi: 10.5555/sor.2016.44. PMID: 27000111.",
     {"title": "Vertebral leiomyosarcoma after hysterectomy", "journal": "Spine Oncol Rep", "year": "2016",
      "date": "2016-04", "volume": "12", "issue": "2", "pages": "44-9", "doi": "10.5555/sor.2016.44",
      "pmid": "27000111", "authors": ["Okafor C", "Lindqvist AB"]}),
    ("Hu J, Roe A, et al. Survival after spinal surgery for sarcoma. Eur Spine Lett 2012;7:100-110.",
     {"title": "Survival after spinal surgery for sarcoma", "journal": "Eur Spine Lett", "year": "2012",
      "volume": "7", "pages": "100-110", "authors": ["Hu J", "Roe A"]}),
])
def test_nlm_and_vancouver(text, expected):
    assert fields(parse(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Ferreira, J.A.; Nakamura, T.; et al. Bone metastases of uterine sarcoma: A registry study. "
     "Clin. Sarcoma Res. 2019, 9, 211-219. [Google Scholar] [CrossRef]",
     {"title": "Bone metastases of uterine sarcoma: A registry study", "journal": "Clin. Sarcoma Res.",
      "year": "2019", "volume": "9", "pages": "211-219", "authors": ["Ferreira JA", "Nakamura T"]}),
    ("Ben Ali, S.; Roe, P. Leiomyosarcoma of the sacrum in 44 patients. Oncology 2008, 31, 7–15. [PubMed]",
     {"title": "Leiomyosarcoma of the sacrum in 44 patients", "journal": "Oncology", "year": "2008",
      "volume": "31", "pages": "7-15", "authors": ["Ben Ali S", "Roe P"]}),
])
def test_mdpi_style_without_identifiers_in_its_link_labels(text, expected):
    assert fields(parse(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Okafor, C. , Lindqvist, A. and Duarte, M. (2019) Skull Metastasis of Leiomyosarcoma: A Case. "
     "Open Journal of Tumours, 8, 12-20. doi: 10.5555/ojt.2019.81002.",
     {"title": "Skull Metastasis of Leiomyosarcoma: A Case", "journal": "Open Journal of Tumours", "year": "2019",
      "volume": "8", "pages": "12-20", "doi": "10.5555/ojt.2019.81002",
      "authors": ["Okafor C", "Lindqvist A", "Duarte M"]}),
    ('C. Okafor and M. Duarte, "Spinal Leiomyosarcoma Revisited," Journal of Rare Tumours, Vol. 5 No. 2, 2014, '
     "pp. 30-36.",
     {"title": "Spinal Leiomyosarcoma Revisited", "journal": "Journal of Rare Tumours", "year": "2014",
      "volume": "5", "issue": "2", "pages": "30-36", "authors": ["Okafor C", "Duarte M"]}),
    ("Lena Moritz, Pablo Arce, Leiomyosarcoma of the femur: a cohort study, Annals of Bone Oncology, Volume 14, "
     "Issue 3, March 2020, Pages 200–210, https://doi.org/10.5555/abo/xyz014",
     {"title": "Leiomyosarcoma of the femur: a cohort study", "journal": "Annals of Bone Oncology", "year": "2020",
      "date": "2020-03", "volume": "14", "issue": "3", "pages": "200-210", "doi": "10.5555/abo/xyz014",
      "authors": ["Moritz L", "Arce P"]}),
])
def test_apa_quoted_and_labelled_styles(text, expected):
    assert fields(parse(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Ann Spine Oncol. 2018 Dec;4(4):120-7. doi: 10.5555/aso.2018.120. Epub 2018 Oct 2.",
     {"journal": "Ann Spine Oncol", "year": "2018", "date": "2018-12", "volume": "4", "issue": "4",
      "pages": "120-7", "doi": "10.5555/aso.2018.120"}),
    ("The West Coast Medical Journal 2011;19", {"journal": "The West Coast Medical Journal", "year": "2011",
                                                "volume": "19"}),
    ("The West Coast Medical Journal: Vol. 19 (2011)", {"journal": "The West Coast Medical Journal", "year": "2011",
                                                        "volume": "19"}),
])
def test_source_lines(text, expected):
    found = parse_source(normalize(text))
    got = fields(found)
    got.pop("authors")
    assert got == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("see https://doi.org/10.5555/abc.2020.1 for more", "10.5555/abc.2020.1"),
    ("doi: 10.5555/abc.2020.1).", "10.5555/abc.2020.1"),
    ("text ends with doi: 10.5555/abc.", None),
    ("text ends with doi: 10.5555/2020.1.", None),
    ("text ends with doi: 10.5555/abc.2020.1734.", "10.5555/abc.2020.1734"),
])
def test_dois_in_links_and_cut_dois(text, expected):
    found = find_doi(text)
    assert (found.value if found else None) == expected


@pytest.mark.parametrize(("line", "field", "value"), [
    ("JournalNorthern Journal of Spine Tumours", "journal", "Northern Journal of Spine Tumours"),
    ("Issue number4", "issue", "4"),
    ("Pages (from-to)55-61", "pages", "55-61"),
    ("Publication statusPublished - 2011", "year", "2011"),
    ("Number of pages7", None, None),
    ("Revista: Revista Lusitana de Oncologia", "journal", "Revista Lusitana de Oncologia"),
    ("Volume: 12", "volume", "12"),
])
def test_catalogue_fields(line, field, value):
    found = catalogue_field(line)
    assert (found[0], found[1].value) == (field, value) if field else found is None


def test_offsets_index_the_string():
    text = "Okafor C. A title here. Spine Oncol Rep. 2016;12:44-9."
    c = parse_citation(text)
    assert text[c.title.start:c.title.end] == "A title here"
    assert text[c.journal.start:c.journal.end] == "Spine Oncol Rep"
