"""Readers: exact text and offsets, same-length normalisation, kinds from the manifest or the content, errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lmskg.documents import READERS, document_id, from_text, normalize, read_document
from lmskg.documents.pubmed import blank_markup, element_text
from lmskg.errors import DocumentError

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "graph_data" / "sources"
DATA = ROOT / "tests" / "data" / "documents"
MAIMONE = SOURCES / "ojmn-2013-maimone-abstract.txt"
WIKI = SOURCES / "neurosurgerywiki-leiomyosarcoma.txt"
XML = DATA / "08_pubmed-lumbar-tes-and-review.xml"


def test_document_id_follows_the_data_model():
    assert document_id("graph_data/sources/ojmn-2013-maimone-abstract.txt") == "ojmn-2013-maimone-abstract"
    assert document_id("02_Jost Partial  Spondylectomy.T5-T6.md") == "02-jost-partial-spondylectomy-t5-t6"


def test_seed_abstract_text_is_the_file_as_shipped_with_manifest_kind_and_source():
    doc = read_document(MAIMONE)
    assert doc.text == MAIMONE.read_bytes().decode("utf-8")
    assert doc.id == "ojmn-2013-maimone-abstract"
    assert doc.kind == "abstract"
    assert doc.source == "https://doi.org/10.4236/ojmn.2013.34018"
    assert doc.metadata["abbrev"] == "OJMN" and doc.metadata["month"] == "October"


def test_seed_wiki_page_kind_and_metadata():
    doc = read_document(WIKI)
    assert doc.kind == "wiki-page"
    assert doc.source == "https://neurosurgerywiki.com/wiki/doku.php?id=leiomyosarcoma"
    assert doc.metadata["title"] == "Leiomyosarcoma"
    assert doc.metadata["last_update"] == "2024-06-07"


def test_normalisation_is_one_for_one_and_offsets_hold():
    doc = read_document(MAIMONE)
    assert len(doc.normalized) == len(doc.text)
    nbsp = doc.text.index("\u00a0")
    assert doc.normalized[nbsp] == " "
    start = doc.normalized.index("T1-T4 decompressive laminectomy")
    assert doc.text[start:start + 31] == "T1-T4 decompressive laminectomy"
    assert "360\u00b0 two-step" in doc.normalized


@pytest.mark.parametrize(("raw", "folded"), [
    ("T1\u2013T4", "T1-T4"), ("T1\u2014T4", "T1-T4"), ("52\u2011year\u2011old", "52-year-old"),
    ("\u201cquoted\u201d", '"quoted"'), ("patient\u2019s", "patient's"), ("360\u00ba", "360\u00b0"),
    ("a\u00a0b\u2009c\u202fd", "a b c d"), ("\u2212 5", "- 5"),
])
def test_normalize_folds_look_alikes(raw, folded):
    assert normalize(raw) == folded
    assert len(normalize(raw)) == len(raw)


def test_line_ends_are_kept_exactly(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Title line\r\n\r\nA 40-year-old man.\r\n")
    doc = read_document(path)
    assert doc.text == "Title line\r\n\r\nA 40-year-old man.\r\n"


def test_kind_is_guessed_from_content_when_not_in_a_manifest(tmp_path):
    wiki = tmp_path / "page.txt"
    wiki.write_text("# Page\n\nSome text <sup>1)</sup>.\n", encoding="utf-8")
    abstract = tmp_path / "abs.txt"
    abstract.write_text("A title of an article\nAbstract: Background: something.\n", encoding="utf-8")
    plain = tmp_path / "notes.md"
    plain.write_text("# Notes\n\nJust notes.\n", encoding="utf-8")
    assert read_document(wiki).kind == "wiki-page"
    assert read_document(abstract).kind == "abstract"
    assert read_document(plain).kind == "text"


def test_a_copy_outside_the_manifest_keeps_its_content_kind(tmp_path):
    copy = tmp_path / MAIMONE.name
    shutil.copyfile(MAIMONE, copy)
    doc = read_document(copy)
    assert doc.kind == "abstract" and doc.source is None


def test_manifest_in_the_folder_above_is_used(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "x.txt").write_text("Plain words here.\n", encoding="utf-8")
    (tmp_path / "MANIFEST.tsv").write_text("file\tkind\tsource\nsources/x.txt\tcase-report\thttps://example.org/x\n",
                                           encoding="utf-8")
    doc = read_document(tmp_path / "sources" / "x.txt")
    assert (doc.kind, doc.source) == ("case-report", "https://example.org/x")


def test_unknown_kind_names_the_file(tmp_path):
    path = tmp_path / "paper.docx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(DocumentError, match=r"paper\.docx: unknown kind of document '\.docx'"):
        read_document(path)


def test_undecodable_file_names_file_and_line(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"first line\nsecond line caf\xe9\n")
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert "latin1.txt line 2: not UTF-8 text" in str(info.value)
    assert info.value.line == 2


def test_empty_and_missing_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(DocumentError, match=r"empty\.txt: the file is empty"):
        read_document(empty)
    with pytest.raises(DocumentError, match=r"missing\.txt: no such file"):
        read_document(tmp_path / "missing.txt")


def test_every_reader_in_the_table_imports_and_reads():
    import importlib

    for module in set(READERS.values()):
        assert callable(importlib.import_module(module).read)


def test_from_text_rejects_nothing_and_keeps_length():
    doc = from_text("x", "T3\u2013T4")
    assert doc.normalized == "T3-T4" and doc.kind == "text"


# -- PubMed XML -----------------------------------------------------------------------------------------------

def test_pubmed_xml_text_is_the_file_and_regions_index_into_it():
    doc = read_document(XML)
    assert doc.text == XML.read_bytes().decode("utf-8")
    assert doc.kind == "pubmed-xml"
    assert doc.metadata["records"] == "2"
    records = [r for r in doc.regions if r.name == "PubmedArticle"]
    assert [r.record for r in records] == [1, 2]
    for region in doc.regions:
        assert 0 <= region.start <= region.end <= len(doc.text)
    pmids = [element_text(doc.text, r) for r in doc.regions if r.name == "PMID"]
    assert pmids == ["36184427", "37702915"]
    title = next(r for r in doc.regions if r.name == "ArticleTitle" and r.record == 1)
    assert title.is_text
    assert doc.text[title.start:title.end].startswith("Three-level total en bloc spondylectomy")
    sections = [r.label for r in doc.regions if r.name == "AbstractText" and r.record == 1]
    assert sections[:2] == ["BACKGROUND", "CASE DESCRIPTION"]


def test_pubmed_normalised_text_blanks_markup_at_the_same_offsets():
    text = '<A><AbstractText Label="X">T3&#x2013;T4 &amp; <i>L2</i></AbstractText></A>'
    blanked = blank_markup(text)
    assert len(blanked) == len(text)
    assert "<" not in blanked and ">" not in blanked
    start = text.index("T3")
    assert blanked[start:start + 5] == "T3-  "
    assert blanked[text.index("&amp;")] == "&"
    assert blanked[text.index("L2"):text.index("L2") + 2] == "L2"


def test_malformed_xml_names_file_and_line(tmp_path):
    path = tmp_path / "bad.xml"
    path.write_text("<PubmedArticleSet>\n<PubmedArticle>\n<PMID>1</PMID>\n</PubmedArticleSet>\n", encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert str(info.value).startswith(f"{path} line 4: malformed XML")


def test_xml_without_a_record_is_refused(tmp_path):
    path = tmp_path / "other.xml"
    path.write_text("<root><child/></root>\n", encoding="utf-8")
    with pytest.raises(DocumentError, match="no PubmedArticle record"):
        read_document(path)


@pytest.mark.parametrize("module", ["lmskg.documents", "lmskg.documents.article", "lmskg.documents.html"])
def test_docstring_examples(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0
