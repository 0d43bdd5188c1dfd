"""JATS XML: the article's metadata, sections, tables and reference list, read without any network access."""

from __future__ import annotations

from pathlib import Path

import pytest
from building import case_facts, rows

from lmskg.documents import read_document
from lmskg.documents.article import Person
from lmskg.errors import DocumentError
from lmskg.extract.zones import zones
from lmskg.ontology import load_ontology

CASE = ("A 52-year-old woman presented with back pain for 3 months. MRI showed a lesion at T7 with cord compression. "
        "She underwent T7 corpectomy and posterior fixation from T5 to T9, followed by radiotherapy. At 12 months "
        "she was alive without recurrence.")

JATS = f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.2 20190208//EN"
  "JATS-archivearticle1.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="case-report">
  <front>
    <journal-meta>
      <journal-id journal-id-type="nlm-ta">J Spine Case Rep</journal-id>
      <journal-title-group><journal-title>Journal of Spine Case Reports</journal-title></journal-title-group>
    </journal-meta>
    <article-meta>
      <article-id pub-id-type="pmid">34567890</article-id>
      <article-id pub-id-type="pmc">8123456</article-id>
      <article-id pub-id-type="doi">10.5555/jscr.2021.045</article-id>
      <title-group><article-title>Thoracic spine metastasis of uterine <italic>leiomyosarcoma</italic>:
        a case report</article-title></title-group>
      <contrib-group>
        <contrib contrib-type="author"><name><surname>Lima</surname><given-names>Ana Maria</given-names></name>
          <xref ref-type="aff" rid="aff1">1</xref></contrib>
        <contrib contrib-type="author"><name><surname>van der Berg</surname><given-names>Jan</given-names></name>
          <xref ref-type="aff" rid="aff2">2</xref></contrib>
        <contrib contrib-type="author"><name><surname>Costa</surname><given-names>Rui</given-names></name>
          <xref ref-type="aff" rid="aff1">1</xref></contrib>
        <contrib contrib-type="editor"><name><surname>Editor</surname><given-names>Ed</given-names></name></contrib>
      </contrib-group>
      <aff id="aff1"><label>1</label>Department of Neurosurgery, Hospital de Santo António, Porto, Portugal</aff>
      <aff id="aff2"><label>2</label>Department of Radiation Oncology, University Medical Center, Utrecht</aff>
      <pub-date pub-type="ppub"><month>4</month><year>2021</year></pub-date>
      <pub-date pub-type="epub"><day>9</day><month>3</month><year>2021</year></pub-date>
      <volume>12</volume><issue>3</issue><fpage>45</fpage><lpage>50</lpage>
      <kwd-group><kwd>leiomyosarcoma</kwd><kwd>thoracic spine</kwd><kwd>metastasis</kwd></kwd-group>
      <abstract>
        <sec><title>Background</title><p>Leiomyosarcoma of the uterus rarely spreads to the spine.</p></sec>
        <sec><title>Case presentation</title><p>A 52-year-old woman had a metastasis at T7.</p></sec>
      </abstract>
    </article-meta>
  </front>
  <body>
    <sec><title>Introduction</title>
      <p>Uterine leiomyosarcoma is an aggressive tumour [<xref ref-type="bibr" rid="B1">1</xref>].</p></sec>
    <sec><title>Case presentation</title>
      <p>{CASE}</p>
      <table-wrap id="T1"><label>Table 1</label><caption><p>Blood counts at admission</p></caption>
        <table><thead><tr><th>Test</th><th>Value</th></tr></thead>
          <tbody><tr><td>Haemoglobin</td><td>12.1 g/dL</td></tr></tbody></table>
      </table-wrap>
    </sec>
    <sec><title>Discussion</title>
      <p>Spinal metastases are treated by surgery and radiotherapy [<xref ref-type="bibr" rid="B2">2</xref>].</p></sec>
  </body>
  <back>
    <ref-list><title>References</title>
      <ref id="B1"><label>1</label><element-citation publication-type="journal">
        <person-group person-group-type="author"><name><surname>Park</surname><given-names>JH</given-names></name>
          <name><surname>Lindgren</surname><given-names>E</given-names></name></person-group>
        <article-title>Skeletal metastases of soft tissue sarcoma</article-title><source>Sarcoma Bone Rep</source>
        <year>2017</year><volume>8</volume><fpage>55</fpage><lpage>63</lpage>
        <pub-id pub-id-type="doi">10.5555/sbr.2017.8</pub-id></element-citation></ref>
      <ref id="B2"><label>2</label><element-citation publication-type="journal">
        <person-group person-group-type="author">
          <name><surname>Ortega-Villa</surname><given-names>R</given-names></name>
          <name><surname>Hummel</surname><given-names>B</given-names></name></person-group>
        <article-title>Outcomes of surgery for spinal leiomyosarcoma</article-title><source>Spine Oncol Rep</source>
        <year>2018</year><volume>13</volume><issue>2</issue><fpage>98</fpage><lpage>104</lpage>
        <pub-id pub-id-type="pmid">29999999</pub-id></element-citation></ref>
    </ref-list>
  </back>
</article>
"""

AS_TEXT = f"""Thoracic spine metastasis of uterine leiomyosarcoma: a case report

Lima AM, van der Berg J, Costa R

Abstract

Background
Leiomyosarcoma of the uterus rarely spreads to the spine.

Case presentation
A 52-year-old woman had a metastasis at T7.

Introduction
Uterine leiomyosarcoma is an aggressive tumour [1].

Case presentation
{CASE}

Discussion
Spinal metastases are treated by surgery and radiotherapy [2].
"""

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
             "doi: 10.5555/sbr.2017.8."]
    positions = [text.index(x) for x in order]
    assert positions == sorted(positions)
    assert "Editor" not in text and "<" not in text
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
    from_text = case_facts(build_files({"lima-2021.txt": AS_TEXT}))
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
