"""The documents the reader tests write: one case report as JATS XML, as a saved journal page and as a
two-column PDF, each with the same article as plain text."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen import canvas

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
      <p>Uterine leiomyosarcoma is an aggressive tumour<sup><xref ref-type="bibr" rid="B1">1</xref></sup>.</p></sec>
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

JATS_AS_TEXT = f"""Thoracic spine metastasis of uterine leiomyosarcoma: a case report

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

DISCUSSION = ("Spinal metastases of leiomyosarcoma are treated by surgery and radiotherapy when the disease elsewhere "
              "is controlled.")

HEAD = """<meta charset="utf-8">
<title>Thoracic spine metastasis | Journal of Spine Case Reports</title>
<meta name="citation_title" content="Thoracic spine metastasis of uterine leiomyosarcoma: a case report">
<meta name="citation_author" content="Lima, Ana Maria">
<meta name="citation_author_institution" content="Department of Neurosurgery, Hospital de Santo António, Porto">
<meta name="citation_author" content="Jan van der Berg">
<meta name="citation_author" content="Costa, Rui">
<meta name="citation_journal_title" content="Journal of Spine Case Reports">
<meta name="citation_publication_date" content="2021/03/09">
<meta name="citation_volume" content="12"><meta name="citation_issue" content="3">
<meta name="citation_firstpage" content="45"><meta name="citation_lastpage" content="50">
<meta name="citation_doi" content="doi:10.5555/jscr.2021.045"><meta name="citation_pmid" content="34567890">
<meta name="citation_pdf_url" content="https://journal.example/articles/45.pdf">
<meta name="citation_keywords" content="leiomyosarcoma; thoracic spine">
<meta name="DC.title" content="A Dublin Core title that the citation_title tag overrides">"""


def journal_page(head: str = HEAD, extra: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head>{head}
<script>var tracker = "SCRIPT-TEXT";</script><style>.banner {{ color: red }} /* STYLE-TEXT */</style>{extra}
</head><body>
<nav class="navbar"><ul><li><a href="/">Home</a></li><li><a href="/journals">Browse journals</a></li>
<li><a href="/submit">Submit your manuscript</a></li></ul></nav>
<div id="main"><article>
<h1>Thoracic spine metastasis of uterine leiomyosarcoma: a case report</h1>
<section><h2>Abstract</h2><p>Leiomyosarcoma of the uterus rarely spreads to the spine<sup><a href="#b1">1</a></sup>.
We report a woman with a metastasis at T7.</p></section>
<section><h2>Case presentation</h2><p>{CASE}</p></section>
<section><h2>Discussion</h2><p>{DISCUSSION}</p></section>
<section><h2>References</h2><ol><li>Park JH, Lindgren E. Skeletal metastases of soft tissue sarcoma. Sarcoma Bone
Rep. 2017;8:55-63.</li></ol></section>
</article></div>
<footer><p>Copyright 2021 Example Publishing. All rights reserved.</p><a href="/cookies">Cookie settings</a></footer>
<script>document.write("SCRIPT-TWO")</script>
</body></html>
"""


PAGE_AS_TEXT = f"""Thoracic spine metastasis of uterine leiomyosarcoma: a case report

Lima AM, van der Berg J, Costa R

Abstract
Leiomyosarcoma of the uterus rarely spreads to the spine [1]. We report a woman with a metastasis at T7.

Case presentation
{CASE}

Discussion
{DISCUSSION}
"""


A4 = (595.27, 841.89)
CASE_LINES = ["A 52-year-old woman presented with back pain", "for 3 months. MRI showed a lesion at T7 with",
              "cord compression. She underwent T7 corpec-", "tomy and posterior fixation from T5 to T9,",
              "followed by radiotherapy. At 12 months she was", "alive without recurrence."]
RUNNING_HEAD = "Lima et al. J Spine Case Rep 2021"

PDF_AS_TEXT = f"""Thoracic spine metastasis of uterine leiomyosarcoma: a case report

Lima AM, van der Berg J, Costa R

Journal of Spine Case Reports. 2021 Mar;12(3):45-50.
DOI: 10.5555/jscr.2021.045

Abstract

Leiomyosarcoma of the uterus rarely spreads to the spine.

Case presentation

{CASE}

Discussion

{DISCUSSION}
"""


def article_pdf(path: Path, **options: object) -> Path:
    """Two pages: a full-width title block, then two columns; a running head and a page number on each page."""
    width, height = A4
    c = canvas.Canvas(str(path), pagesize=A4, **options)
    c.setTitle("Thoracic spine metastasis")

    def furniture(number: int) -> None:
        c.setFont("Helvetica", 8)
        c.drawString(50, height - 30, RUNNING_HEAD)
        c.drawCentredString(width / 2, 25, str(number))

    def lines(x: float, y: float, texts: list[str], font: str = "Times-Roman", size: float = 10,
              lead: float = 13) -> float:
        c.setFont(font, size)
        for t in texts:
            c.drawString(x, y, t)
            y -= lead
        return y

    furniture(45)
    y = lines(50, height - 80, ["Thoracic spine metastasis of uterine leiomyosarcoma: a case report"],
              "Helvetica-Bold", 14, 20)
    y = lines(50, y - 6, ["Lima AM, van der Berg J, Costa R"], "Helvetica", 11, 16)
    y = lines(50, y - 6, ["Journal of Spine Case Reports. 2021 Mar;12(3):45-50.", "DOI: 10.5555/jscr.2021.045"],
              "Helvetica", 9, 12)
    top, left, right = y - 20, 50, width / 2 + 10
    y = lines(left, top, ["Abstract"], "Helvetica-Bold", 11, 16)
    y = lines(left, y - 4, ["Leiomyosarcoma of the uterus rarely spreads to", "the spine."])
    y = lines(left, y - 10, ["Case presentation"], "Helvetica-Bold", 11, 16)
    lines(left, y - 4, CASE_LINES)
    y = lines(right, top, ["Discussion"], "Helvetica-Bold", 11, 16)
    lines(right, y - 4, ["Spinal metastases of leiomyosarcoma are treated",
                         "by surgery and radiotherapy when the disease", "elsewhere is controlled."])
    c.showPage()
    furniture(46)
    y = lines(left, height - 80, ["References"], "Helvetica-Bold", 11, 16)
    lines(left, y - 4, ["1. Park JH, Lindgren E. Skeletal metastases of soft tissue sarcoma. Sarcoma Bone Rep. "
                        "2017;8:55-63."], size=9)
    c.showPage()
    c.save()
    return path
