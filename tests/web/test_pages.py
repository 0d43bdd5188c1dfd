"""The pages for people: a case as a summary with its sentences and the spine, publication and class pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

CASE = "/data/case/spine-1"


@pytest.fixture(scope="module")
def pages(case_home: Path) -> Iterator[object]:
    from lmskg.web import create_app

    app = create_app({"HOME": str(case_home), "WORKERS": 1, "QUERY_TIMEOUT": 20})
    yield app.test_client()
    app.extensions["lmskg"].close()


def html(pages, path: str) -> str:  # type: ignore[no-untyped-def]
    response = pages.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200 and response.mimetype == "text/html"
    return response.get_data(as_text=True)


def text(markup: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", markup).split())


def section(markup: str, start: str, end: str) -> str:
    return markup[markup.index(start):markup.index(end, markup.index(start))]


def test_case_page_reads_as_a_summary(pages) -> None:  # type: ignore[no-untyped-def]
    page = html(pages, CASE)
    assert "<h1>Case: 61 year old, male, leiomyosarcoma</h1>" in page  # no label: a heading from the facts
    summary = text(section(page, 'class="case-text"', "</dl>"))
    assert re.search(r"Patient 61 year old \d+ , male \d+", summary)
    assert re.search(r"Lesions metastasis \d+ : T11–T12 \d+ , brain \d+", summary)  # one role, levels as a run
    assert re.search(r"back pain \d+ for 3 months \d+", summary)


def test_treatments_are_numbered_steps_with_levels_and_agents(pages) -> None:  # type: ignore[no-untyped-def]
    steps = section(html(pages, CASE), '<ol class="steps">', "</ol>")
    first, second = steps.split('<li value="2">')
    assert 'value="1"' in first and "one operation or course" in first
    assert re.search(r"laminectomy \d+ at T10–L1 \d+", text(first))
    assert "pedicle screw fixation" in text(first)
    assert re.search(r"chemotherapy \d+ with doxorubicin", text(second))


def test_outcomes_carry_their_time(pages) -> None:  # type: ignore[no-untyped-def]
    assert re.search(r"death \d+ : 14 months", text(section(html(pages, CASE), 'class="outcomes"', "</ul>")))


def test_each_fact_links_to_its_sentence_with_exactly_its_characters_marked(pages) -> None:  # type: ignore[no-untyped-def]
    page = html(pages, CASE)
    number = re.search(r'laminectomy</a><a class="cite" href="#sentence-(\d+)"', page).group(1)
    level = re.search(r'T10–L1<a class="cite" href="#sentence-(\d+)"', page).group(1)
    sentences = section(page, '<ul class="sentences">', "</ul>")
    # the sentence is shown once, every span read from it marked and anchored by its number
    assert sentences.count("He underwent a ") == 1
    quoted = re.search(r"<blockquote>(He underwent.*?)</blockquote>", sentences).group(1)
    assert f'<mark id="sentence-{level}">T10-L1<a class="cite"' in quoted
    assert f'<mark id="sentence-{number}">laminectomy<a class="cite"' in quoted
    assert re.sub(r'<a class="cite".*?</a>|</?mark[^>]*>', "", quoted) == (
        "He underwent a T10-L1 laminectomy with pedicle screw fixation, then doxorubicin chemotherapy.")
    assert 'href="/data/evidence/spine/' in quoted
    assert page.index("The sentences behind these facts") < page.index("All properties, as in the RDF view")


def test_the_link_to_the_publication_is_its_citation_not_a_quote(pages) -> None:  # type: ignore[no-untyped-def]
    sentences = section(html(pages, CASE), '<ul class="sentences">', "</ul>")
    assert "<blockquote>MRI showed a <mark" in sentences  # the span of describedIn ("MRI") is left unmarked


def test_case_page_cites_its_publication(pages) -> None:  # type: ignore[no-untyped-def]
    citation = section(html(pages, CASE), '<p class="citation">', "</p>")
    assert "Roe J." in citation and "Leiomyosarcoma of the spine: a case" in citation
    assert "Spine J. 2020;7:1-5." in citation
    assert 'href="https://doi.org/10.1000/spine.1"' in citation
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/1/"' in citation


def test_spine_marks_lesions_and_treated_levels_differently(pages) -> None:  # type: ignore[no-untyped-def]
    svg = section(html(pages, CASE), "<svg", "</svg>")
    names = re.findall(r'<text class="level"[^>]*>([^<]+)</text>', svg)
    assert names[0] == "C1" and names[-1] == "coccyx" and len(names) == 30  # C1-C7, T1-T12, L1-L5, S1-S5, coccyx
    lesions = re.findall(r'<rect class="vertebra lesion"[^>]*/><text class="level"[^>]*>([^<]+)<', svg)
    assert lesions == ["T11", "T12"]
    bars = re.findall(r'<rect class="treated"[^>]*height="([\d.]+)"[^>]*><title>([^<]+)</title>', svg)
    assert [title for _, title in bars] == ["step 1: laminectomy"]
    assert re.findall(r'<text class="step"[^>]*>(\d+)</text>', svg) == ["1"]
    assert float(bars[0][0]) == 4 * 14 + 3 * 3  # four vertebrae and the three gaps between them
    assert "brain" in text(svg) and "(metastasis)" in text(svg)  # a site outside the column, named beside it
    assert 'href="/term/ThoracicVertebra11"' in svg
    for region in ("cervical vertebra", "thoracic vertebra", "lumbar vertebra", "sacral vertebra"):
        assert f">{region}</text>" in svg


def test_the_rdf_views_of_a_case_are_unchanged(pages) -> None:  # type: ignore[no-untyped-def]
    turtle = pages.get(CASE, headers={"Accept": "text/turtle"}).get_data(as_text=True)
    assert "<svg" not in turtle and "hasTreatment" in turtle


def test_vertebra_and_region_pages_list_the_cases_involving_them(pages) -> None:  # type: ignore[no-untyped-def]
    vertebra = text(section(html(pages, "/term/ThoracicVertebra11"), "Cases involving", "</table>"))
    assert "metastasis thoracic vertebra 11" in vertebra and "laminectomy thoracic vertebra 11" in vertebra
    region = html(pages, "/term/ThoracicSpine")  # through subclass (T11 is a thoracic vertebra) and part-of
    assert "Cases involving thoracic spine (1)" in region and 'href="/data/case/spine-1"' in region
    column = html(pages, "/term/VertebralColumn")
    assert "lumbar vertebra 1" in text(section(column, "Cases involving", "</table>"))
    assert "Cases involving" not in html(pages, "/term/CervicalSpine")


def test_publication_page_lists_its_cases_figures_and_references(pages) -> None:  # type: ignore[no-untyped-def]
    page = html(pages, "/data/publication/pmid-1")
    assert "Cases (1)" in page and 'href="/data/case/spine-1"' in page
    assert "Figures (1)" in page and "overall survival: 32 months" in text(page)
    references = section(page, '<ol class="references">', "</ol>")
    assert 'href="/data/publication/pmid-2"' in references and "An earlier series" in references
