"""`lmskg build` over JATS, journal pages and PDFs beside text: the text kept in the graph, evidence offsets
into it, and bad files reported on one line each with the previous graph left current."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from building import ROOT, built
from reportlab.pdfgen import canvas
from samples import JATS, article_pdf, journal_page

from lmskg.cli import cli
from lmskg.documents import read_document
from lmskg.store import current_build

DOC = "https://w3id.org/lmskg/data/document/"


def write_three_formats(folder: Path) -> Path:
    folder.mkdir()
    (folder / "lima-jats.xml").write_text(JATS, encoding="utf-8")
    (folder / "lima-page.html").write_text(journal_page(), encoding="utf-8")
    article_pdf(folder / "lima-pdf.pdf")
    (folder / "notes.txt").write_text("Spinal leiomyosarcoma notes\n\nA 60-year-old man had a T4 lesion.\n",
                                      encoding="utf-8")
    return folder


@pytest.fixture
def three_formats(tmp_path: Path) -> Path:
    return write_three_formats(tmp_path / "docs")


@pytest.fixture(scope="module")
def three_built(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    root = tmp_path_factory.mktemp("three")
    store, failures = built(write_three_formats(root / "docs"), root / "home")
    assert failures == []
    return store


def env_for(home: Path, sources: Path) -> dict[str, str]:
    return {"LMSKG_HOME": str(home), "LMSKG_SOURCES": str(sources), "LMSKG_ONTOLOGY": str(ROOT / "ontology" /
                                                                                          "lmskg.ttl")}


def test_the_graph_keeps_each_documents_text_and_every_evidence_points_into_it(three_built, three_formats):
    store = three_built
    texts = {s["d"].value.removeprefix(DOC): (s["kind"].value, s["text"].value) for s in store.query(
        "SELECT ?d ?kind ?text WHERE { ?d <https://w3id.org/lmskg/term/documentKind> ?kind ; "
        "<https://w3id.org/lmskg/term/text> ?text }", use_default_graph_as_union=True)}
    assert {k: kind for k, (kind, _) in texts.items()} == {"lima-jats": "jats-xml", "lima-page": "journal-page",
                                                          "lima-pdf": "pdf", "notes": "text"}
    for name in ("lima-jats.xml", "lima-page.html", "lima-pdf.pdf"):
        doc = read_document(three_formats / name)
        assert texts[doc.id][1] == doc.text
    evidence = list(store.query("""
        PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?d ?start ?end ?exact WHERE {
          ?ev oa:hasSource ?d ; oa:hasSelector ?p, ?q .
          ?p oa:start ?start ; oa:end ?end . ?q oa:exact ?exact }""", use_default_graph_as_union=True))
    by_doc = {d: 0 for d in texts}
    for s in evidence:
        doc = s["d"].value.removeprefix(DOC)
        assert texts[doc][1][int(s["start"].value):int(s["end"].value)] == s["exact"].value
        by_doc[doc] += 1
    assert all(by_doc[d] >= 20 for d in ("lima-jats", "lima-page", "lima-pdf")), by_doc


@pytest.mark.parametrize(("exact", "zone"), [
    ("Thoracic spine metastasis of uterine leiomyosarcoma: a case report", "TitleZone"),
    ("Lima AM", "AuthorListZone"), ("corpectomy", "CasePresentationSection"),
    ("Skeletal metastases of soft tissue sarcoma", "ReferenceListZone")])
def test_evidence_names_the_part_of_each_document_it_was_read_from(three_built, exact, zone):
    found = {(s["d"].value.removeprefix(DOC), s["zone"].value.rsplit("/", 1)[1]) for s in three_built.query(f"""
        PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?d ?zone WHERE {{ ?ev oa:hasSource ?d ; oa:hasSelector ?q ; <https://w3id.org/lmskg/term/zone> ?zone .
                                ?q oa:exact "{exact}" }}""", use_default_graph_as_union=True)}
    assert {(d, zone) for d in ("lima-jats", "lima-page", "lima-pdf")} <= found


def test_bad_files_get_one_line_each_and_the_previous_graph_stays_current(runner, three_formats, tmp_path):
    home = tmp_path / "home"
    assert runner.invoke(cli, ["build", str(three_formats)], env=env_for(home, three_formats)).exit_code == 0
    before = current_build(home)
    graph = (before / "graph.nq").read_bytes()
    bad = tmp_path / "bad"
    bad.mkdir()
    article_pdf(bad / "locked.pdf", encrypt="secret")
    scan = canvas.Canvas(str(bad / "scan.pdf"))
    scan.rect(40, 40, 300, 300, fill=1)
    scan.save()
    (bad / "damaged.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    (bad / "broken.xml").write_text('<?xml version="1.0"?>\n<article>\n<front>\n</article>\n', encoding="utf-8")
    (bad / "blank.html").write_text("<!DOCTYPE html><html><body><nav>Home</nav></body></html>", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(bad)], env=env_for(home, bad))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = result.output.splitlines()
    assert [line.split(": ", 2)[1] for line in errors[:-1]] == [
        str(bad / name) if name != "broken.xml" else f"{bad / name} line 4"
        for name in ("blank.html", "broken.xml", "damaged.pdf", "locked.pdf", "scan.pdf")]
    assert all(line.startswith("Error: ") for line in errors)
    assert errors[-1] == "Error: no document could be built (5 failed); the previous graph is unchanged"
    assert current_build(home) == before
    assert (before / "graph.nq").read_bytes() == graph


def test_two_builds_of_the_new_formats_are_byte_identical(three_formats, tmp_path):
    from lmskg.build import build
    from lmskg.settings import Settings

    def once(home: Path) -> bytes:
        result = build([three_formats], Settings(home=home, sources=three_formats,
                                                 ontology=ROOT / "ontology" / "lmskg.ttl"), progress=False)
        return result.path.read_bytes()

    assert once(tmp_path / "a") == once(tmp_path / "b")


def test_the_evidence_pages_quote_the_text_read_from_each_format(three_formats, tmp_path):
    from lmskg.web import create_app

    _, failures = built(three_formats, tmp_path / "home")
    assert failures == []
    app = create_app({"HOME": str(tmp_path / "home"), "WORKERS": 1, "QUERY_TIMEOUT": 10,
                      "QUERIES_DIR": str(ROOT / "queries"), "ONTOLOGY_RELEASE_DIR": str(tmp_path / "release")})
    try:
        client = app.test_client()
        for doc in ("lima-jats", "lima-page", "lima-pdf"):
            page = client.get(f"/data/case/{doc}-1", headers={"Accept": "text/html"})
            assert page.status_code == 200
            body = page.get_data(as_text=True)
            text = re.sub(r'<a class="cite"[^>]*>\d+</a>|<[^>]+>', "", body)   # the sentence, its spans marked
            assert "She underwent T7 corpectomy and posterior fixation from T5 to T9" in text
            assert f"/data/document/{doc}" in body
    finally:
        app.extensions["lmskg"].close()
