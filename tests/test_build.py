"""The graph builder and `lmskg build` / `lmskg add`: RDF per the data model, determinism, atomicity, errors."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from lmskg.build import (
    add,
    build,
    collect,
    date_literal,
    default_extractor,
    number,
    publication_iri,
    slug,
    tree_labelled,
)
from lmskg.cli import cli
from lmskg.errors import StoreError
from lmskg.settings import Settings
from lmskg.store import current_build

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "graph_data" / "sources"
ONTOLOGY = ROOT / "ontology" / "lmskg.ttl"
DATA = "https://w3id.org/lmskg/data/"
TERM = "https://w3id.org/lmskg/term/"
GRAPH = "https://w3id.org/lmskg/graph/"


def settings_for(home: Path, sources: Path = SOURCES) -> Settings:
    return Settings(home=home, sources=sources, ontology=ONTOLOGY)


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    result = build([SOURCES], settings_for(home), progress=False)
    store = ox.Store()
    store.bulk_load(path=str(result.path), format=ox.RdfFormat.N_QUADS)
    return result, store


def select(store: ox.Store, query: str) -> list[dict[str, str]]:
    solutions = store.query(query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in solutions]


def test_seed_build_has_one_named_graph_per_document_and_the_ontology(seed_build):
    result, store = seed_build
    assert result.documents == 2 and not result.failures
    graphs = sorted(g.value for g in store.named_graphs())
    assert graphs == [f"{GRAPH}neurosurgerywiki-leiomyosarcoma", f"{GRAPH}ojmn-2013-maimone-abstract",
                      f"{GRAPH}ontology"]
    rows = select(store, "PREFIX prov: <http://www.w3.org/ns/prov#> SELECT ?g ?d WHERE { GRAPH ?g { ?g "
                         "prov:wasDerivedFrom ?d } }")
    assert {r["g"].rsplit("/", 1)[1]: r["d"] for r in rows} == {
        "neurosurgerywiki-leiomyosarcoma": f"{DATA}document/neurosurgerywiki-leiomyosarcoma",
        "ojmn-2013-maimone-abstract": f"{DATA}document/ojmn-2013-maimone-abstract"}
    assert result.triples == len(store)


def test_document_resource_holds_the_text_as_shipped(seed_build):
    _, store = seed_build
    rows = select(store, f"""PREFIX lmskg: <https://w3id.org/lmskg/term/> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?text ?file ?kind ?source WHERE {{ <{DATA}document/ojmn-2013-maimone-abstract> lmskg:text ?text ;
        lmskg:fileName ?file ; lmskg:documentKind ?kind ; dcterms:source ?source }}""")
    assert rows == [{"text": (SOURCES / "ojmn-2013-maimone-abstract.txt").read_text(encoding="utf-8"),
                     "file": "ojmn-2013-maimone-abstract.txt", "kind": "abstract",
                     "source": "https://doi.org/10.4236/ojmn.2013.34018"}]


def test_every_evidence_quotes_the_characters_it_points_at(seed_build):
    _, store = seed_build
    rows = select(store, """PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX lmskg: <https://w3id.org/lmskg/term/>
        SELECT ?text ?s ?e ?exact ?ss ?se ?sentence WHERE { ?ev a lmskg:Evidence ; oa:hasSource ?d ;
        oa:hasSelector ?p, ?q ; lmskg:sentence ?sentence ; lmskg:sentenceStart ?ss ; lmskg:sentenceEnd ?se .
        ?p a oa:TextPositionSelector ; oa:start ?s ; oa:end ?e . ?q a oa:TextQuoteSelector ; oa:exact ?exact .
        ?d lmskg:text ?text }""")
    assert len(rows) > 100
    for r in rows:
        s, e, ss, se = int(r["s"]), int(r["e"]), int(r["ss"]), int(r["se"])
        assert r["text"][s:e] == r["exact"]
        assert r["text"][ss:se] == r["sentence"]
        assert ss <= s <= e <= se


def test_every_fact_about_a_publication_has_a_statement(seed_build):
    _, store = seed_build
    rows = select(store, """PREFIX lmskg: <https://w3id.org/lmskg/term/>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX fabio: <http://purl.org/spar/fabio/>
        SELECT ?p ?o (COUNT(?st) AS ?n) WHERE { ?pub lmskg:readFrom ?doc ; a fabio:JournalArticle ; ?p ?o .
        FILTER (?p NOT IN (rdf:type, lmskg:readFrom, lmskg:hasAuthorship))
        OPTIONAL { ?st rdf:subject ?pub ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?ev } }
        GROUP BY ?pub ?p ?o""")
    assert rows
    assert all(int(r["n"]) >= 1 for r in rows), [r for r in rows if int(r["n"]) == 0]


def test_publications_query_columns_and_seed_rows(seed_build):
    _, store = seed_build
    solutions = store.query((ROOT / "queries" / "publications.rq").read_text(encoding="utf-8"),
                            use_default_graph_as_union=True)
    assert [v.value for v in solutions.variables] == ["publication", "title", "year", "journal", "volume", "issue",
                                                      "pages", "doi", "pmid", "firstAuthor", "authors", "kind",
                                                      "document", "pmcid", "keywords"]
    rows = {s["publication"].value.rsplit("/", 1)[1]: s for s in solutions}
    assert sorted(rows) == ["doi-10.4236_ojmn.2013.34018", "pmid-24752708", "pmid-25129546", "pmid-26186448",
                            "pmid-26360144"]
    maimone = rows["doi-10.4236_ojmn.2013.34018"]
    assert maimone["year"] == ox.Literal("2013", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYear"))
    assert (maimone["journal"].value, maimone["volume"].value, maimone["issue"].value, maimone["pages"].value) == (
        "Open Journal of Modern Neurosurgery", "3", "4", "98-103")
    assert maimone["authors"].value == "Maimone G; Nicassio N; Malik I; Cambria M"
    assert maimone["firstAuthor"].value == "Maimone G"
    assert set(maimone["kind"].value.split("; ")) == {"case report", "review"}
    assert maimone["pmid"] is None
    liu = rows["pmid-26360144"]
    assert liu["authors"].value.startswith("Liu A; Sankey EW; Godwin CR")
    assert liu["authors"].value.endswith("Gokaslan ZL; Sciubba DM")
    assert liu["volume"] is None and liu["doi"] is None and liu["pages"].value == "1-14"
    assert liu["document"].value == f"{DATA}document/neurosurgerywiki-leiomyosarcoma"


def test_evidence_query_columns(seed_build):
    _, store = seed_build
    solutions = store.query((ROOT / "queries" / "evidence.rq").read_text(encoding="utf-8"),
                            use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    assert names[:7] == ["subject", "predicate", "object", "document", "start", "end", "text"]
    rows = list(solutions)
    doi = [r for r in rows if r["predicate"].value == "http://purl.org/ontology/bibo/doi"
           and r["document"].value == "ojmn-2013-maimone-abstract"]
    assert len(doi) == 1
    text = (SOURCES / "ojmn-2013-maimone-abstract.txt").read_text(encoding="utf-8")
    start, end = int(doi[0]["start"].value), int(doi[0]["end"].value)
    assert text[start:end] == "10.4236/ojmn.2013.34018"
    assert doi[0]["text"].value.startswith("Cite this paper:")


def test_two_builds_are_byte_identical(tmp_path):
    first = build([SOURCES], settings_for(tmp_path / "a"), progress=False)
    second = build([SOURCES], settings_for(tmp_path / "b"), progress=False)
    assert first.path.read_bytes() == second.path.read_bytes()
    lines = first.path.read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)
    assert "_:" not in "".join(line for line in lines if "/graph/ontology>" not in line)


def test_a_build_interrupted_midway_leaves_the_previous_graph_current(tmp_path):
    settings = settings_for(tmp_path / "home")
    build([SOURCES], settings, progress=False)
    before = current_build(settings.home)
    real = default_extractor(settings)
    calls = []

    def interrupted(doc):
        calls.append(doc.id)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(doc)

    with pytest.raises(KeyboardInterrupt):
        build([SOURCES, ROOT / "tests" / "data" / "documents"], settings, extract=interrupted, progress=False)
    assert current_build(settings.home) == before
    assert not list(settings.home.glob(".graph-*"))


def test_a_build_that_cannot_be_published_leaves_the_previous_graph_current(tmp_path, monkeypatch):
    settings = settings_for(tmp_path / "home")
    build([SOURCES / "ojmn-2013-maimone-abstract.txt"], settings, progress=False)
    before = current_build(settings.home)
    graph = (before / "graph.nq").read_bytes()

    def failing(home, nquads):
        raise StoreError(f"cannot write the graph to {home}: No space left on device")

    monkeypatch.setattr("lmskg.build.publish", failing)
    with pytest.raises(StoreError):
        build([SOURCES], settings, progress=False)
    assert current_build(settings.home) == before
    assert (before / "graph.nq").read_bytes() == graph
    assert not list(settings.home.glob(".graph-*"))


def test_the_same_publication_read_from_two_documents_is_one_resource(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("page-one", "page-two"):
        (folder / f"{name}.txt").write_text(
            f"# {name}\n\nA claim <sup>1)</sup>.\n\n<sup>1)</sup>\n\nRoe A, Poe B. A shared title. J Things. "
            "2001 Jan;2(3):4-5. PubMed PMID: 11223344.\n", encoding="utf-8")
    result = build([folder], settings_for(tmp_path / "home"), progress=False)
    store = ox.Store()
    store.bulk_load(path=str(result.path), format=ox.RdfFormat.N_QUADS)
    rows = select(store, "PREFIX lmskg: <https://w3id.org/lmskg/term/> SELECT DISTINCT ?p ?d WHERE "
                         "{ ?p lmskg:readFrom ?d . FILTER CONTAINS(STR(?p), '/publication/') }")
    assert {r["p"] for r in rows} == {f"{DATA}publication/pmid-11223344"}
    assert {r["d"].rsplit("/", 1)[1] for r in rows} == {"page-one", "page-two"}


def test_literals_are_typed():
    assert number(Decimal("52")).datatype.endswith("#integer") and number(Decimal("52")).toPython() == 52
    assert number(Decimal("22.5")).datatype.endswith("#decimal") and str(number(Decimal("22.5"))) == "22.5"
    assert number(Decimal("35.0")).datatype.endswith("#integer")
    assert date_literal("2013").datatype.endswith("#gYear")
    assert date_literal("2011-04").datatype.endswith("#gYearMonth")
    assert date_literal("2015-09-11").datatype.endswith("#date")


def test_iris_follow_the_data_model():
    from rdflib import Namespace

    from lmskg.extract.facts import Found, Publication, Span

    span = Span(0, 0, "")
    data = Namespace(DATA)
    doi = Publication("self", span, "this-document", doi=Found("10.4236/OJMN.2013.34018", span))
    assert str(publication_iri(data, doi, "d", 1)) == f"{DATA}publication/doi-10.4236_ojmn.2013.34018"
    both = Publication("self", span, "this-document", doi=doi.doi, pmid=Found("26360144", span))
    assert str(publication_iri(data, both, "d", 1)) == f"{DATA}publication/pmid-26360144"
    assert str(publication_iri(data, Publication("x", span, "cited-reference"), "d", 3)) == f"{DATA}publication/d-3"
    assert slug("J Neurosurg Spine") == "j-neurosurg-spine"


def test_collect_walks_folders_and_skips_non_documents(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.xml").write_text("<x/>", encoding="utf-8")
    (tmp_path / "README.md").write_text("x", encoding="utf-8")
    (tmp_path / "a.gold.yaml").write_text("x", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "picture.png").write_bytes(b"x")
    assert [p.name for p in collect([tmp_path])] == ["a.txt", "b.xml"]


# -- the command line ----------------------------------------------------------------------------------------------

def env_for(home: Path, sources: Path = SOURCES) -> dict[str, str]:
    return {"LMSKG_HOME": str(home), "LMSKG_SOURCES": str(sources), "LMSKG_ONTOLOGY": str(ONTOLOGY)}


def test_cli_build_defaults_to_the_sources_and_prints_one_summary_line(runner, tmp_path):
    result = runner.invoke(cli, ["build"], env=env_for(tmp_path / "home"))
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Built 2 documents, ") and "triples: " in lines[0]
    assert (tmp_path / "home" / "current" / "graph.nq").is_file()


def test_cli_build_reports_a_bad_document_and_builds_the_others(runner, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copyfile(SOURCES / "ojmn-2013-maimone-abstract.txt", folder / "ojmn-2013-maimone-abstract.txt")
    (folder / "broken.txt").write_bytes(b"caf\xe9 au lait\n")
    (folder / "empty.md").write_text("\n", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(folder)], env=env_for(tmp_path / "home"))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    assert errors == [f"Error: {folder / 'broken.txt'} line 1: not UTF-8 text (byte 0xe9 at offset 3)",
                      f"Error: {folder / 'empty.md'}: the file is empty"]
    assert "Built 1 document, " in result.output
    assert (tmp_path / "home" / "current" / "graph.nq").is_file()


def test_cli_build_reports_an_extractor_fault_as_one_line(runner, tmp_path, monkeypatch):
    import lmskg.build as builder

    def faulty(settings):
        def extract(doc):
            raise ZeroDivisionError("division by zero")
        return extract

    monkeypatch.setattr(builder, "default_extractor", faulty)
    path = SOURCES / "ojmn-2013-maimone-abstract.txt"
    result = runner.invoke(cli, ["build", str(path)], env=env_for(tmp_path / "home"))
    assert result.exit_code == 1
    assert f"Error: {path}: extraction failed (ZeroDivisionError: division by zero)" in result.output
    assert "Traceback" not in result.output


def test_cli_build_of_a_missing_path_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(cli, ["build", str(tmp_path / "nowhere")], env=env_for(tmp_path / "home"))
    assert result.exit_code == 2
    assert "nowhere" in result.output


def test_cli_add_adds_and_replaces_one_documents_graph(runner, tmp_path):
    home = tmp_path / "home"
    assert runner.invoke(cli, ["build"], env=env_for(home)).exit_code == 0
    before = (home / "current" / "graph.nq").read_text(encoding="utf-8")
    new = tmp_path / "extra-note.txt"
    new.write_text("A title of a short note on spinal LMS\n\nAbstract: A 40-year-old woman had LMS of T7.\n",
                   encoding="utf-8")
    result = runner.invoke(cli, ["add", str(new)], env=env_for(home))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Graph has 3 documents, ")
    after = (home / "current" / "graph.nq").read_text(encoding="utf-8")
    assert f"<{GRAPH}extra-note> ." in after
    assert set(before.splitlines()) <= set(after.splitlines())
    new.write_text("A different title of the same note\n\nAbstract: Nothing else.\n", encoding="utf-8")
    assert runner.invoke(cli, ["add", str(new)], env=env_for(home)).exit_code == 0
    replaced = (home / "current" / "graph.nq").read_text(encoding="utf-8")
    assert "A different title of the same note" in replaced
    assert "A title of a short note on spinal LMS" not in replaced
    assert set(before.splitlines()) <= set(replaced.splitlines())


def test_cli_add_replacing_a_document_with_itself_changes_nothing(runner, tmp_path):
    home = tmp_path / "home"
    runner.invoke(cli, ["build"], env=env_for(home))
    before = (home / "current" / "graph.nq").read_bytes()
    result = runner.invoke(cli, ["add", str(SOURCES / "ojmn-2013-maimone-abstract.txt")], env=env_for(home))
    assert result.exit_code == 0
    assert (home / "current" / "graph.nq").read_bytes() == before


def test_cli_add_without_a_build_or_with_a_bad_file_fails_with_one_line(runner, tmp_path):
    good = SOURCES / "ojmn-2013-maimone-abstract.txt"
    result = runner.invoke(cli, ["add", str(good)], env=env_for(tmp_path / "home"))
    assert result.exit_code == 1
    assert "lmskg build" in result.output and "Traceback" not in result.output
    home = tmp_path / "home2"
    runner.invoke(cli, ["build"], env=env_for(home))
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04")
    result = runner.invoke(cli, ["add", str(bad)], env=env_for(home))
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {bad}: unknown kind of document '.docx' (readable: .htm, .html, " \
                                    ".markdown, .md, .nxml, .pdf, .text, .txt, .xhtml, .xml)"


def test_add_keeps_a_single_copy_of_each_line(tmp_path):
    settings = settings_for(tmp_path / "home")
    build([SOURCES / "neurosurgerywiki-leiomyosarcoma.txt"], settings, progress=False)
    result = add(SOURCES / "ojmn-2013-maimone-abstract.txt", settings)
    lines = result.path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(set(lines)) == result.triples
    assert result.documents == 2


def test_progress_bar_goes_to_stderr_only_when_asked(tmp_path, capsys):
    build([SOURCES], settings_for(tmp_path / "a"), progress=True)
    shown = capsys.readouterr()
    assert "doc" in shown.err and shown.out == ""
    build([SOURCES], settings_for(tmp_path / "b"), progress=False)
    assert capsys.readouterr().err == ""


def test_two_files_with_the_same_document_id_are_reported(runner, tmp_path):
    folder = tmp_path / "docs"
    (folder / "a").mkdir(parents=True)
    (folder / "b").mkdir()
    for sub in ("a", "b"):
        shutil.copyfile(SOURCES / "ojmn-2013-maimone-abstract.txt", folder / sub / "Same Name.txt")
    result = runner.invoke(cli, ["build", str(folder)], env=env_for(tmp_path / "home"))
    assert result.exit_code == 1
    assert f"Error: {folder / 'b' / 'Same Name.txt'}: another document already has the id 'same-name'" in result.output
    assert "Built 1 document, " in result.output


def test_docstring_examples():
    import doctest

    import lmskg.build

    result = doctest.testmod(lmskg.build)
    assert result.failed == 0 and result.attempted > 0


def test_when_every_document_fails_the_previous_graph_stays(runner, tmp_path):
    home = tmp_path / "home"
    assert runner.invoke(cli, ["build"], env=env_for(home)).exit_code == 0
    before = current_build(home)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe")
    result = runner.invoke(cli, ["build", str(bad)], env=env_for(home))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"Error: {bad} line 1: not UTF-8 text (byte 0xff at offset 0)",
        "Error: no document could be built (1 failed); the previous graph is unchanged"]
    assert current_build(home) == before


# -- publications: citations, zones of the evidence, truncated author lists, one resource per article ----------

def test_the_page_cites_its_references_with_cito(seed_build):
    _, store = seed_build
    rows = select(store, "PREFIX cito: <http://purl.org/spar/cito/> SELECT ?a ?b WHERE { ?a cito:cites ?b }")
    assert rows == []                              # the wiki page has no record of its own
    citing = ("OJCN  Vol.9 No.3 , July 2019\nSpinal leiomyosarcoma metastasis: a case report\nAbstract: A 50-year-old "
              "woman had a T9 metastasis resected.\nReferences\n1. Okafor C, Lindqvist AB. Vertebral leiomyosarcoma "
              "after hysterectomy. Spine Oncol Rep. 2016 Apr;12(2):44-9. PMID: 27000111.\n")
    rows = _build_one(citing, "PREFIX cito: <http://purl.org/spar/cito/> SELECT ?a ?b WHERE { ?a cito:cites ?b }")
    assert [r["b"] for r in rows] == [f"{DATA}publication/pmid-27000111"]


def test_every_evidence_span_names_its_zone(seed_build):
    _, store = seed_build
    rows = select(store, """PREFIX lmskg: <https://w3id.org/lmskg/term/> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?zone WHERE { ?st <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> dcterms:title ;
        <http://www.w3.org/ns/prov#wasDerivedFrom> ?ev . ?ev lmskg:zone ?zone }""")
    assert {r["zone"].rsplit("/", 1)[1] for r in rows} == {"TitleZone", "ReferenceListZone", "CitationZone"}
    rows = select(store, """PREFIX lmskg: <https://w3id.org/lmskg/term/> SELECT ?zone WHERE {
        ?st <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> lmskg:age ;
        <http://www.w3.org/ns/prov#wasDerivedFrom> ?ev . ?ev lmskg:zone ?zone }""")
    assert {r["zone"].rsplit("/", 1)[1] for r in rows} == {"CasePresentationSection", "BodyZone"}


def test_a_list_ending_with_et_al_is_marked_truncated(tmp_path):
    text = ("Lumbar leiomyosarcoma\nAbstract\nA man of 70 years had an L3 lesion.\nReferences\n"
            "- Hu, J.; Roe, A.; et al. Survival after spinal surgery for sarcoma. Eur. Spine Lett. 2012, 7, 100-110.\n")
    rows = _build_one(text, "PREFIX lmskg: <https://w3id.org/lmskg/term/> "
                            "SELECT ?p WHERE { ?p lmskg:authorListTruncated true }")
    assert len(rows) == 1 and rows[0]["p"].startswith(f"{DATA}publication/title-")


def test_an_article_without_identifiers_is_one_resource_across_documents(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    ref = "Moreau JP, Tanaka K. Leiomyosarcoma of the sacrum: twenty cases. Bone Tumour Rep. 2011;3:1-9."
    for name, head in (("a", "Sacral sarcoma one"), ("b", "Sacral sarcoma two")):
        (folder / f"{name}.txt").write_text(f"{head}: leiomyosarcoma\nAbstract\nA woman aged 40 had sacral pain.\n"
                                            f"References\n1. {ref}\n", encoding="utf-8")
    result = build([folder], settings_for(tmp_path / "home"), progress=False)
    store = ox.Store()
    store.bulk_load(path=str(result.path), format=ox.RdfFormat.N_QUADS)
    rows = select(store, "PREFIX dcterms: <http://purl.org/dc/terms/> SELECT DISTINCT ?p WHERE { GRAPH ?g { ?p "
                         "dcterms:title 'Leiomyosarcoma of the sacrum: twenty cases' } }")
    assert len(rows) == 1


def _build_one(text: str, query: str) -> list[dict[str, str]]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        (folder / "doc.txt").write_text(text, encoding="utf-8")
        result = build([folder], settings_for(Path(tmp) / "home"), progress=False)
        store = ox.Store()
        store.bulk_load(path=str(result.path), format=ox.RdfFormat.N_QUADS)
        return select(store, query)


def built_store(home: Path, folder: Path, documents: dict[str, str]) -> ox.Store:
    """Write ``documents`` (name -> text) into ``folder``, build them into ``home`` and load the graph."""
    folder.mkdir()
    for name, text in documents.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    result = build([folder], settings_for(home, folder), progress=False)
    store = ox.Store()
    store.bulk_load(path=str(result.path), format=ox.RdfFormat.N_QUADS)
    return store


def shipped_query(name: str) -> str:
    return (Path(__file__).parents[1] / "queries" / name).read_text()


def test_cohort_figures_with_written_values_and_named_subsets_answer_the_cohort_query(tmp_path):
    store = built_store(tmp_path / "home", tmp_path / "docs", {"registry": (
        "# Leiomyosarcoma in a national registry\n\n"
        "Leiomyosarcoma usually arises in the uterus or the retroperitoneum. From the registry, data of resected "
        "primary cases were extracted (total 90: 30 leiomyosarcoma of bone and 60 uterine leiomyosarcoma). "
        "Older age and large tumour size correlated with poor overall survival.\n")})
    rows = select(store, shipped_query("cohort-statistics.rq"))
    got = {(r["population"], r.get("group"), r["measure"], r["value"], r.get("valueConcept"),
            r.get("parentPopulation")) for r in rows}
    assert ("leiomyosarcoma", None, "most common site of occurrence", "uterus", f"{TERM}Uterus", None) in got
    assert ("resected primary cases", "uterine leiomyosarcoma", "number of cases", "60", None,
            "case series") in got
    assert ("resected primary cases", None, "prognostic factor for overall survival", "Older age", None,
            "case series") in got


def test_shares_by_category_and_incidence_rates_answer_the_cohort_query_with_their_category_and_unit(tmp_path):
    store = built_store(tmp_path / "home", tmp_path / "docs", {"page": (
        "# Leiomyosarcoma\n\n"
        "Uterine LMS affects about 4 per 1 million people per year. The tumours are classified by the segment "
        "of the body they arise in, as the registry records it:\n"
        "- abdomen: ~30% (range 20-40%)\n- limbs: 70%\n")})
    rows = select(store, shipped_query("cohort-statistics.rq"))
    got = {(r.get("group"), r["measure"], r["value"], r.get("unit"), r.get("category"), r.get("lower"))
           for r in rows}
    assert got == {("uterine leiomyosarcoma", "incidence", "4", "per 1 million people per year", None, None),
                   (None, "location", "30", "percent", "abdomen", "20"),
                   (None, "location", "70", "percent", "limbs", None)}


def test_p_values_answer_the_cohort_query_with_their_comparator(tmp_path):
    store = built_store(tmp_path / "home", tmp_path / "docs", {"series": (
        "# Surgery for spinal leiomyosarcoma\n\nWe reviewed 60 patients at our institution. Local control was "
        "better after en bloc resection (80% vs. 45%, p = 0.012) and survival longer (30 vs. 20 months, P<0.001).\n")})
    rows = select(store, shipped_query("cohort-statistics.rq"))
    got = {(r["value"], r.get("pValue"), r.get("pValueComparator")) for r in rows}
    assert {("80", "0.012", None), ("45", "0.012", None), ("30", "0.001", "<"), ("20", "0.001", "<")} <= got


def test_the_ontology_blank_nodes_get_the_same_names_on_every_parse_and_keep_the_graph():
    from rdflib import Graph
    from rdflib.compare import isomorphic

    source = Path(__file__).parents[1] / "ontology" / "lmskg.ttl"
    first, second = Graph().parse(source), Graph().parse(source)
    a, b = tree_labelled(first), tree_labelled(second)
    assert set(a) == set(b) and len(a) == len(first)
    assert isomorphic(a, first)


def test_blank_nodes_that_are_not_a_tree_are_canonicalised_in_full():
    from rdflib import BNode, Graph, URIRef
    from rdflib.compare import isomorphic

    g = Graph()
    shared, p = BNode(), URIRef("urn:p")
    g.add((URIRef("urn:a"), p, shared))
    g.add((URIRef("urn:b"), p, shared))
    g.add((shared, p, URIRef("urn:c")))
    assert isomorphic(tree_labelled(g), g) and len(tree_labelled(g)) == 3


def test_profile_statements_named_subsets_and_second_cancers_validate(runner, tmp_path):
    home = tmp_path / "home"
    store = built_store(home, tmp_path / "docs", {
        "page": "Uterine leiomyosarcoma is a rare tumour of the uterine wall. It spreads most commonly to the lungs "
                "and the liver. Two-thirds of cases occur in women over fifty.\n",
        "registry": "# Leiomyosarcoma in a national registry\n\nFrom the registry, data of resected primary cases "
                    "were extracted (total 90: 30 leiomyosarcoma of bone and 60 uterine leiomyosarcoma).\n",
        "case": "# Sigmoid colon leiomyosarcoma with a synchronous gastric cancer\n\nA 70-year-old man presented "
                "with abdominal pain. Endoscopy showed a gastric cancer and CT a mass of the sigmoid colon; "
                "colectomy confirmed leiomyosarcoma.\n"})
    assert select(store, f"SELECT ?c WHERE {{ ?case <{TERM}hasCondition> ?c }}") == [{"c": f"{TERM}GastricCancer"}]
    assert select(store, f"SELECT ?s WHERE {{ ?s <{TERM}valueText> ?v "
                         f"FILTER NOT EXISTS {{ ?s <{TERM}reportedIn> ?p }} }}")
    result = runner.invoke(cli, ["validate"], env={"LMSKG_HOME": str(home)})
    assert result.exit_code == 0, result.output
    assert "no violations" in result.output


def test_cq3_answers_survival_by_kind_of_leiomyosarcoma_with_its_time_point(tmp_path):
    store = built_store(tmp_path / "home", tmp_path / "docs", {"cohort": (
        "# Uterine against non-uterine leiomyosarcoma\n\nIn our institutional cohort, 30 patients with ULMS and "
        "20 patients with NULMS were compared. Five-year overall survival rates of 40% and 70% were observed in "
        "patients with ULMS and NULMS, respectively.\n")})
    rows = select(store, shipped_query("cq3-overall-survival-by-tumor.rq"))
    assert {(r["group"], r["value"], r["unit"], r["timePoint"], r["timePointUnit"]) for r in rows} == {
        ("uterine leiomyosarcoma", "40", "percent", "5", "year"),
        ("non-uterine leiomyosarcoma", "70", "percent", "5", "year")}
