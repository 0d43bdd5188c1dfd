"""JATS XML: the article's metadata, sections, tables and reference list, read without any network access."""

from __future__ import annotations

from pathlib import Path

import pytest
from building import case_facts, rows
from samples import CASE, JATS, JATS_AS_TEXT

from lmskg.documents import read_document
from lmskg.documents.article import Person
from lmskg.errors import DocumentError
from lmskg.extract.zones import zones
from lmskg.ontology import load_ontology

PUB = "https://w3id.org/lmskg/data/publication/"


@pytest.fixture
def jats(tmp_path: Path) -> Path:
    path = tmp_path / "lima-2021.xml"
    path.write_text(JATS, encoding="utf-8")
    return path


def test_front_matter_reaches_the_document_metadata(jats):
    doc = read_document(jats)
    assert doc.kind == "jats-xml" and doc.id == "lima-2021"
    assert doc.metadata == {
        "title": "Thoracic spine metastasis of uterine leiomyosarcoma: a case report",
        "authors": "Lima AM; van der Berg J; Costa R",
        "affiliations": "Department of Neurosurgery, Hospital de Santo António, Porto, Portugal; "
                        "Department of Radiation Oncology, University Medical Center, Utrecht",
        "journal": "Journal of Spine Case Reports", "volume": "12", "issue": "3", "pages": "45-50",
        "year": "2021", "date": "2021-03-09", "doi": "10.5555/jscr.2021.045", "pmid": "34567890",
        "pmcid": "PMC8123456", "keywords": "leiomyosarcoma; thoracic spine; metastasis", "references": "2",
        "article_type": "case-report"}


def test_the_text_holds_every_part_in_order_and_zones_name_them(jats):
    doc = read_document(jats)
    text = doc.text
    order = ["Thoracic spine metastasis", "Lima AM, van der Berg J, Costa R", "Hospital de Santo António",
             "Journal: Journal of Spine Case Reports", "PMCID: PMC8123456", "Keywords: leiomyosarcoma;",
             "Abstract", "Leiomyosarcoma of the uterus", "Introduction", CASE, "Table 1 Blood counts at admission",
             "Haemoglobin | 12.1 g/dL", "Discussion", "References",
             "1. Park JH, Lindgren E. Skeletal metastases of soft tissue sarcoma. Sarcoma Bone Rep. 2017;8:55-63. "
             "doi: 10.5555/sbr.2017.8\n"]
    positions = [text.index(x) for x in order]
    assert positions == sorted(positions)
    assert "Editor" not in text and "<" not in text
    assert "an aggressive tumour [1]." in text
    found = zones(doc, load_ontology())
    kind_at = {x: found.at(text.index(x)) for x in ("Thoracic spine", "Lima AM", "Leiomyosarcoma of the uterus",
                                                    CASE[:20], "1. Park JH")}
    assert kind_at["Thoracic spine"].kind == "title"
    assert kind_at["Lima AM"].kind == "authors"
    assert kind_at["Leiomyosarcoma of the uterus"].individual.endswith("BackgroundSection")
    assert kind_at[CASE[:20]].individual.endswith("CasePresentationSection")
    assert kind_at["1. Park JH"].kind == "references"


def test_publications_query_returns_the_metadata_and_each_reference(build_files):
    store = build_files({"lima-2021.xml": JATS})
    found = {r["publication"].removeprefix(PUB): r for r in rows(store, "publications.rq")}
    assert sorted(found) == ["doi-10.5555_sbr.2017.8", "pmid-29999999", "pmid-34567890"]
    own = found["pmid-34567890"]
    assert {k: own.get(k) for k in ("title", "year", "journal", "volume", "issue", "pages", "doi", "pmid",
                                    "firstAuthor", "authors")} == {
        "title": "Thoracic spine metastasis of uterine leiomyosarcoma: a case report", "year": "2021",
        "journal": "Journal of Spine Case Reports", "volume": "12", "issue": "3", "pages": "45-50",
        "doi": "10.5555/jscr.2021.045", "pmid": "34567890", "firstAuthor": "Lima AM",
        "authors": "Lima AM; van der Berg J; Costa R"}
    assert "case report" in own["kind"]
    assert own["pmcid"] == "PMC8123456"
    assert sorted(own["keywords"].split("; ")) == ["leiomyosarcoma", "metastasis", "thoracic spine"]
    first = found["doi-10.5555_sbr.2017.8"]
    assert (first["title"], first["journal"], first["year"], first["volume"], first["pages"], first["authors"]) == (
        "Skeletal metastases of soft tissue sarcoma", "Sarcoma Bone Rep", "2017", "8", "55-63",
        "Park JH; Lindgren E")
    second = found["pmid-29999999"]
    assert (second["issue"], second["pages"], second["authors"]) == ("2", "98-104", "Ortega-Villa R; Hummel B")
    cited = store.query(f"SELECT ?r WHERE {{ <{PUB}pmid-34567890> <http://purl.org/spar/cito/cites> ?r }}",
                        use_default_graph_as_union=True)
    assert sorted(s["r"].value.removeprefix(PUB) for s in cited) == ["doi-10.5555_sbr.2017.8", "pmid-29999999"]


def test_case_facts_from_the_body_equal_those_of_the_same_text(build_files):
    from_jats = case_facts(build_files({"lima-2021.xml": JATS}))
    from_text = case_facts(build_files({"lima-2021.txt": JATS_AS_TEXT}))
    assert from_jats["cases.rq"] == from_text["cases.rq"]
    assert any("primarySite=uterus" in row for row in from_jats["cases.rq"])
    assert from_jats == from_text
    assert ("procedure=corpectomy", "procedureXref=MAXO:0001045", "site=thoracic vertebra 7", "step=1") in \
        [tuple(x for x in row if not x.startswith("siteXref")) for row in from_jats["case-treatments.rq"]]


def test_a_pmc_article_set_with_one_article_and_an_nxml_suffix(tmp_path):
    path = tmp_path / "PMC8123456.nxml"
    body = JATS.split("?>", 1)[1].split("\n", 3)[3]
    path.write_text(f'<?xml version="1.0"?>\n<pmc-articleset>\n{body}</pmc-articleset>\n', encoding="utf-8")
    assert read_document(path).metadata["pmcid"] == "PMC8123456"


def test_the_kind_comes_from_the_content_not_the_suffix(tmp_path):
    path = tmp_path / "saved-article.txt"
    path.write_text(JATS, encoding="utf-8")
    assert read_document(path).kind == "jats-xml"


def test_entities_and_external_dtds_are_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET CONTENT", encoding="utf-8")
    path = tmp_path / "xxe.xml"
    path.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE article SYSTEM "http://127.0.0.1:9/jats.dtd" [
  <!ENTITY xxe SYSTEM "file://{secret}">
  <!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<article><front><article-meta><title-group><article-title>Spinal leiomyosarcoma &xxe; &c;</article-title>
</title-group></article-meta></front></article>
""", encoding="utf-8")
    doc = read_document(path)
    assert "SECRET" not in doc.text and "aaaa" not in doc.text
    assert doc.metadata["title"] == "Spinal leiomyosarcoma"


def test_malformed_jats_names_the_file_and_line(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text('<?xml version="1.0"?>\n<article>\n<front>\n</article>\n', encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert str(info.value).startswith(f"{path} line 4: malformed XML")
    assert "\n" not in str(info.value)


def test_an_article_with_nothing_to_read_is_refused(tmp_path):
    path = tmp_path / "empty-article.xml"
    path.write_text("<article><front/></article>", encoding="utf-8")
    with pytest.raises(DocumentError, match=r"empty-article\.xml: the JATS article has no title, abstract or body"):
        read_document(path)


def test_a_set_of_several_articles_is_refused(tmp_path):
    path = tmp_path / "set.xml"
    path.write_text("<pmc-articleset><article/><article/></pmc-articleset>", encoding="utf-8")
    with pytest.raises(DocumentError, match="holds 2 JATS articles; give one article per file"):
        read_document(path)


@pytest.mark.parametrize(("given", "initials"), [("Ana Maria", "AM"), ("Jean-Pierre", "JP"), ("J. R.", "JR"),
                                                 ("JH", "JH"), ("", "")])
def test_initials_of_given_names(given, initials):
    assert Person("Family", given).initials == initials


def family_name(n: int) -> str:
    syllables = ("ka", "lo", "mi", "ren", "sa", "tu", "vo", "ze")
    return (syllables[n % 8] + syllables[n // 8 % 8] + "ra").capitalize()


@pytest.mark.parametrize("count", [1, 12, 13, 45])
def test_every_author_of_a_long_list_reaches_the_graph_in_order(build_files, count):
    names = "".join(f'<contrib contrib-type="author"><name><surname>{family_name(n)}</surname>'
                    f'<given-names>Ana</given-names></name></contrib>' for n in range(count))
    long_list = JATS.replace(JATS[JATS.index("<contrib-group>"):JATS.index("</contrib-group>")],
                             f"<contrib-group>{names}")
    own = next(r for r in rows(build_files({"many.xml": long_list}), "publications.rq")
               if r["publication"].endswith("pmid-34567890"))
    assert own["authors"] == "; ".join(f"{family_name(n)} A" for n in range(count))


def test_a_reference_whose_journal_has_periods_and_colons_reads_back_exactly(build_files):
    ref = ('<ref id="B3"><label>3</label><element-citation publication-type="journal"><person-group>'
           '<name><surname>Okafor</surname><given-names>Chidi</given-names></name></person-group>'
           '<article-title>Radiosurgery for spinal sarcoma: does it work?</article-title>'
           '<source>J. Spine Surg.: Oncology</source><year>2019</year><volume>4</volume><issue>1</issue>'
           '<fpage>7</fpage><lpage>19</lpage><pub-id pub-id-type="doi">10.5555/jsso.2019.7</pub-id>'
           '</element-citation></ref>')
    store = build_files({"lima-2021.xml": JATS.replace("</ref-list>", f"{ref}</ref-list>")})
    found = {r["publication"].rsplit("/", 1)[1]: r for r in rows(store, "publications.rq")}
    third = found["doi-10.5555_jsso.2019.7"]
    assert {k: third.get(k) for k in ("title", "journal", "year", "volume", "issue", "pages", "authors")} == {
        "title": "Radiosurgery for spinal sarcoma: does it work?", "journal": "J. Spine Surg.: Oncology",
        "year": "2019", "volume": "4", "issue": "1", "pages": "7-19", "authors": "Okafor C"}


@pytest.mark.parametrize("title", ["Radiosurgery for spinal leiomyosarcoma: does it work?",
                                   "An unusual cause of back pain", "Leiomyosarcoma"])
def test_titles_of_every_shape_and_their_authors_reach_the_graph(build_files, title):
    start, end = JATS.index("<article-title>"), JATS.index("</article-title>") + len("</article-title>")
    store = build_files({"t.xml": JATS[:start] + f"<article-title>{title}</article-title>" + JATS[end:]})
    own = next(r for r in rows(store, "publications.rq") if r["publication"].endswith("pmid-34567890"))
    assert (own["title"], own["authors"]) == (title, "Lima AM; van der Berg J; Costa R")


def test_tables_of_a_floats_group_come_after_the_body(tmp_path):
    floats = ('<floats-group><table-wrap id="T9"><label>Table 2</label><caption><p>Follow-up</p></caption><table>'
              '<tr><th>Month</th><th>Status</th></tr><tr><td>12</td><td>alive</td></tr></table></table-wrap>'
              '</floats-group>')
    path = tmp_path / "floats.xml"
    path.write_text(JATS.replace("</back>", f"</back>{floats}"), encoding="utf-8")
    text = read_document(path).text
    assert text.index("Discussion") < text.index("Table 2 Follow-up") < text.index("References")
    assert "Month | Status\n12 | alive" in text


def test_references_without_labels_books_and_mixed_citations(tmp_path):
    refs = ('<ref-list><ref id="R1"><citation citation-type="book"><person-group><name><surname>Fleiss</surname>'
            '<given-names>JL</given-names></name></person-group><source>The Design of Clinical Experiments</source>'
            '<year>1986</year><publisher-name>New York: Wiley</publisher-name></citation></ref>'
            '<ref id="R2"><mixed-citation><person-group><name><surname>Locker</surname> <given-names>D</given-names>'
            '</name></person-group>. <article-title>Measuring oral health</article-title>. <source>Community Dent '
            'Health</source>. <year>1988</year>;<volume>5</volume>:<fpage>3</fpage>-<lpage>18</lpage>.'
            '</mixed-citation></ref></ref-list>')
    path = tmp_path / "refs.xml"
    start, end = JATS.index("<ref-list>"), JATS.index("</ref-list>") + len("</ref-list>")
    path.write_text(JATS[:start] + refs + JATS[end:], encoding="utf-8")
    text = read_document(path).text
    assert text.endswith("References\n\n1. Fleiss JL. The Design of Clinical Experiments. 1986.\n"
                         "2. Locker D. Measuring oral health. Community Dent Health. 1988;5:3-18.\n")
