"""The benchmark corpus generator is deterministic and writes what the readers expect (fast; no timing)."""

from __future__ import annotations

import re

from benchmarks import generate, synth


def test_same_seed_same_documents() -> None:
    assert [d.text for d in generate.corpus(3, 12)] == [d.text for d in generate.corpus(3, 12)]


def test_another_seed_other_documents() -> None:
    assert [d.text for d in generate.corpus(3, 6)] != [d.text for d in generate.corpus(4, 6)]


def test_a_smaller_corpus_is_a_prefix_of_a_larger_one() -> None:
    small, large = generate.corpus(7, 10), generate.corpus(7, 25)
    assert [d.text for d in small] == [d.text for d in large[:10]]


def test_identifiers_are_unique() -> None:
    docs = generate.corpus(7, 200)
    pmids = [p.pmid for d in docs for p in d.pubs if p.pmid]
    dois = [p.doi for d in docs for p in d.pubs if p.doi]
    assert len(set(pmids)) == len(pmids) and len(set(dois)) == len(dois)
    assert len({d.id for d in docs}) == len(docs)


def test_every_style_appears_with_its_markers() -> None:
    docs = generate.corpus(7, 60)
    abstracts = [d for d in docs if d.kind == "abstract"]
    wikis = [d for d in docs if d.kind == "wiki-page"]
    assert abstracts and wikis
    for doc in abstracts:
        head, title = doc.text.splitlines()[:2]
        assert re.fullmatch(r"[A-Z]+\u00a0 Vol\.\d+ No\.\d+ , [A-Z][a-z]+ \d{4}", head)
        assert "Cite this paper: " in doc.text and f'"{title}," ' in doc.text
    for doc in wikis:
        assert re.search(r"<sup>\d+\)</sup>", doc.text) and "PubMed PMID: " in doc.text
    ranges = " ".join(d.text for d in docs)
    assert re.search(r"\b[CTLS]\d+-[CTLS]\d+\b", ranges) and re.search(r"\b[CTLS]\d+ to [CTLS]\d+\b", ranges)


def test_written_corpus_and_synthetic_graph(tmp_path) -> None:
    docs = generate.corpus(7, 5)
    sources = generate.write_corpus(tmp_path, docs)
    assert sorted(p.stem for p in sources.glob("*.txt")) == sorted(d.id for d in docs)
    assert len((tmp_path / "MANIFEST.tsv").read_text().splitlines()) == 6
    first, second = tmp_path / "a.nq", tmp_path / "b.nq"
    assert synth.write_nquads(first, docs) == synth.write_nquads(second, docs) > 0
    assert first.read_bytes() == second.read_bytes()
