"""PDF: a two-column article generated here, read in order without its running head, footer page numbers or
line-end hyphens; and the PDFs that cannot be read."""

from __future__ import annotations

import pytest
from building import case_facts, rows
from reportlab.pdfgen import canvas
from samples import CASE, DISCUSSION, PDF_AS_TEXT, RUNNING_HEAD, article_pdf

from lmskg.documents import read_document
from lmskg.documents.pdf import Line, join_lines, reading_order
from lmskg.errors import DocumentError


def test_columns_are_read_in_order_without_running_head_page_numbers_or_hyphens(tmp_path):
    doc = read_document(article_pdf(tmp_path / "lima-2021.pdf"))
    assert doc.kind == "pdf"
    assert doc.metadata["pages"] == "2" and doc.metadata["pdf_title"] == "Thoracic spine metastasis"
    text = doc.text
    assert CASE in text and DISCUSSION in text
    assert "corpectomy" in text and "corpec-" not in text and "52-year-old" in text
    assert RUNNING_HEAD not in text
    assert "\n45\n" not in f"\n{text}" and "\n46\n" not in text
    order = ["Thoracic spine metastasis", "Lima AM", "Journal of Spine Case Reports", "Abstract", CASE,
             "Discussion", DISCUSSION, "References", "1. Park JH"]
    positions = [text.index(x) for x in order]
    assert positions == sorted(positions)


def test_publications_query_reads_the_record_printed_on_the_first_page(build_files, tmp_path):
    pdf = article_pdf(tmp_path / "lima-2021.pdf").read_bytes()
    found = {r["publication"].rsplit("/", 1)[1]: r for r in rows(build_files({"lima-2021.pdf": pdf}),
                                                                   "publications.rq")}
    own = found["doi-10.5555_jscr.2021.045"]
    assert {k: own.get(k) for k in ("title", "year", "journal", "volume", "issue", "pages", "doi", "firstAuthor",
                                    "authors")} == {
        "title": "Thoracic spine metastasis of uterine leiomyosarcoma: a case report", "year": "2021",
        "journal": "Journal of Spine Case Reports", "volume": "12", "issue": "3", "pages": "45-50",
        "doi": "10.5555/jscr.2021.045", "firstAuthor": "Lima AM", "authors": "Lima AM; van der Berg J; Costa R"}
    assert [r["title"] for k, r in found.items() if k != "doi-10.5555_jscr.2021.045"] == [
        "Skeletal metastases of soft tissue sarcoma"]


def test_case_facts_from_the_pdf_equal_those_of_the_same_text(build_files, tmp_path):
    pdf = article_pdf(tmp_path / "lima-2021.pdf").read_bytes()
    from_pdf = case_facts(build_files({"lima-2021.pdf": pdf}))
    from_text = case_facts(build_files({"lima-2021.txt": PDF_AS_TEXT}))
    assert any("procedure=corpectomy" in row for row in from_pdf["case-treatments.rq"])
    assert from_pdf == from_text


def test_the_kind_comes_from_the_content(tmp_path):
    path = article_pdf(tmp_path / "download")
    assert read_document(path).kind == "pdf"


def test_an_encrypted_pdf_is_refused_in_one_line(tmp_path):
    path = article_pdf(tmp_path / "locked.pdf", encrypt="secret")
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert str(info.value) == f"{path}: the PDF is encrypted and needs a password; give an unencrypted copy"


def test_a_pdf_locked_only_against_copying_opens_without_a_password(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption

    path = article_pdf(tmp_path / "owner-only.pdf", encrypt=StandardEncryption("", ownerPassword="owner", canCopy=0))
    assert CASE in read_document(path).text


def test_a_pdf_without_a_text_layer_is_refused_in_one_line(tmp_path):
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(50, 50, 400, 600, fill=1)
    c.showPage()
    c.save()
    with pytest.raises(DocumentError, match=r"scan\.pdf: no text layer in this PDF \(1 page\(s\) of images or "
                                            r"drawings: a scanned document\?\)") as info:
        read_document(path)
    assert "\n" not in str(info.value)


def test_a_scan_with_only_page_numbers_in_its_text_layer_is_refused(tmp_path):
    path = tmp_path / "numbered-scan.pdf"
    c = canvas.Canvas(str(path))
    for number in (1, 2):
        c.rect(50, 100, 400, 600, fill=1)
        c.setFont("Helvetica", 8)
        c.drawCentredString(300, 20, str(number))
        c.showPage()
    c.save()
    with pytest.raises(DocumentError, match=r"numbered-scan\.pdf: no text layer in this PDF \(2 page\(s\)"):
        read_document(path)


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_a_damaged_pdf_is_refused_in_one_line(tmp_path, damage):
    good = article_pdf(tmp_path / "good.pdf").read_bytes()
    path = tmp_path / f"{damage}.pdf"
    path.write_bytes(good[: len(good) // 3] if damage == "truncated" else b"%PDF-1.4\n" + bytes(range(256)) * 20)
    with pytest.raises(DocumentError, match=rf"{damage}\.pdf: damaged or unreadable PDF \(\w+: ") as info:
        read_document(path)
    assert "\n" not in str(info.value)


def test_an_empty_pdf_file_is_refused(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(DocumentError, match=r"empty\.pdf: the file is empty"):
        read_document(path)


@pytest.mark.parametrize(("parts", "joined"), [
    (["She underwent corpec-", "tomy and"], "She underwent corpectomy and"),
    (["a 52-year-", "old woman"], "a 52-year-old woman"),
    (["the T3-", "T5 levels"], "the T3-T5 levels"),
    (["soft\u00ad", "ware"], "software"),
    (["one line", "and the next"], "one line and the next"),
])
def test_lines_join_and_line_end_hyphens(parts, joined):
    assert join_lines(parts) == joined


def test_reading_order_puts_the_left_column_before_the_right_and_full_width_lines_between():
    def line(text: str, x0: float, y: float, x1: float) -> Line:
        return Line(text, x0, y, x1, y + 10, "Times", 10)

    lines = [line("title", 50, 800, 500), line("right 1", 310, 700, 540), line("left 1", 50, 700, 280),
             line("left 2", 50, 686, 280), line("right 2", 310, 686, 540), line("figure", 50, 500, 540),
             line("left 3", 50, 400, 280)]
    assert [x.text for x in reading_order(lines, 595)] == ["title", "left 1", "left 2", "right 1", "right 2",
                                                           "figure", "left 3"]
