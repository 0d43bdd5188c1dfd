"""Helpers shared by the extraction tests: the shipped ontology, term IRIs, and small documents to extract from."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lmskg.documents import from_text
from lmskg.extract.clinical import extract_cases, extract_statistics
from lmskg.ontology import load_ontology

ROOT = Path(__file__).resolve().parents[2]
TERM = "https://w3id.org/lmskg/term/"


@lru_cache(maxsize=1)
def ontology():
    return load_ontology(ROOT / "ontology" / "lmskg.ttl")


def term(name: str) -> str:
    return TERM + name


def one_case(text: str):
    doc = from_text("t", text)
    found = extract_cases(doc, ontology(), ())
    assert len(found) == 1, found
    return doc, found[0]


def statistics(text: str):
    doc = from_text("t", text)
    return doc, extract_statistics(doc, ontology(), ())


def at(doc, found) -> str:
    """The characters a fact was read from, checked against the document text."""
    assert doc.text[found.span.start:found.span.end] == found.span.text
    return found.span.text
