"""The run-time ontology API the extractor and builder code against (lmskg.ontology)."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

from lmskg.errors import OntologyError
from lmskg.ontology import CLASS_CATEGORIES, INDIVIDUAL_CATEGORIES, LexiconEntry, load_ontology
from lmskg.vocab import LMSKG


@pytest.fixture(scope="module")
def onto():
    return load_ontology()


def labels(onto, terms):
    return [onto.label(t) for t in terms]


def test_t1_t4_expands_to_four_thoracic_vertebrae(onto):
    terms = onto.vertebra_range(onto.vertebra("T1"), onto.vertebra("T4"))
    assert terms == [str(LMSKG[f"ThoracicVertebra{i}"]) for i in range(1, 5)]


def test_c7_to_t5_crosses_the_cervicothoracic_junction(onto):
    terms = onto.vertebra_range(onto.vertebra("C7"), onto.vertebra("T5"))
    assert labels(onto, terms) == [
        "cervical vertebra 7", "thoracic vertebra 1", "thoracic vertebra 2",
        "thoracic vertebra 3", "thoracic vertebra 4", "thoracic vertebra 5",
    ]


def test_the_column_order_runs_from_c1_to_the_coccyx(onto):
    whole = onto.vertebra_range(str(LMSKG.CervicalVertebra1), str(LMSKG.Coccyx))
    assert len(whole) == 7 + 12 + 5 + 5 + 1
    assert whole[19:21] == [str(LMSKG.LumbarVertebra1), str(LMSKG.LumbarVertebra2)]
    assert onto.vertebra_range(onto.vertebra("L5"), onto.vertebra("S1")) == [
        str(LMSKG.LumbarVertebra5), str(LMSKG.SacralVertebra1)]


def test_single_vertebra_range(onto):
    assert onto.vertebra_range(str(LMSKG.ThoracicVertebra3), str(LMSKG.ThoracicVertebra3)) == [
        str(LMSKG.ThoracicVertebra3)]


def test_reversed_range_is_refused(onto):
    with pytest.raises(ValueError, match="does not follow"):
        onto.vertebra_range(onto.vertebra("T5"), onto.vertebra("C7"))


def test_range_of_non_vertebrae_is_refused(onto):
    with pytest.raises(ValueError, match="not a vertebra"):
        onto.vertebra_range(str(LMSKG.ThoracicSpine), str(LMSKG.ThoracicVertebra5))
    with pytest.raises(ValueError, match="not a vertebra"):
        onto.vertebra_range(str(LMSKG.ThoracicVertebra1), str(LMSKG.Leiomyosarcoma))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("T3", "ThoracicVertebra3"), ("t3", "ThoracicVertebra3"), ("T 3", "ThoracicVertebra3"),
        ("C7", "CervicalVertebra7"), ("L5", "LumbarVertebra5"), ("S1", "SacralVertebra1"),
        ("T12", "ThoracicVertebra12"), ("twelfth thoracic vertebra", "ThoracicVertebra12"),
        ("third thoracic vertebra", "ThoracicVertebra3"), ("coccyx", "Coccyx"),
    ],
)
def test_vertebra_names(onto, name, expected):
    assert onto.vertebra(name) == str(LMSKG[expected])


@pytest.mark.parametrize("name", ["T13", "C8", "L6", "X3", "thoracic spine", "", "T"])
def test_unknown_vertebra_names(onto, name):
    assert onto.vertebra(name) is None


def test_is_a_is_reflexive_and_transitive(onto):
    assert onto.is_a(str(LMSKG.UterineLeiomyosarcoma), str(LMSKG.UterineLeiomyosarcoma))
    assert onto.is_a(str(LMSKG.UterineLeiomyosarcoma), str(LMSKG.Neoplasm))
    assert onto.is_a(str(LMSKG.ThoracicVertebra3), str(LMSKG.Vertebra))
    assert onto.is_a(str(LMSKG.GammaKnifeRadiosurgery), str(LMSKG.RadiationTherapy))
    assert onto.is_a(str(LMSKG.MetastaticLeiomyosarcoma), str(LMSKG.Leiomyosarcoma))  # through its definition
    assert onto.is_a(str(LMSKG.SpinalMetastasis), str(LMSKG.MetastaticMalignantNeoplasm))
    assert not onto.is_a(str(LMSKG.Leiomyosarcoma), str(LMSKG.UterineLeiomyosarcoma))
    assert not onto.is_a(str(LMSKG.CervicalCancer), str(LMSKG.Sarcoma))


@pytest.mark.parametrize(
    ("term", "category"),
    [
        ("Leiomyosarcoma", "tumor"), ("CervicalCancer", "tumor"), ("ConfluenceOfSinuses", "anatomy"),
        ("ThoracicVertebra3", "anatomy"), ("DecompressiveLaminectomy", "procedure"), ("Doxorubicin", "agent"),
        ("Myelopathy", "finding"), ("FanconiAnemia", "condition"), ("ProgressionFreeSurvival", "outcome"),
        ("Month", "unit"), ("Female", "sex"), ("MetastasisRole", "role"),
        ("CaseSeriesPopulation", "population"), ("CaseReportKind", "publication-kind"),
        ("PatientCase", None), ("UnitOfMeasure", None), ("hasLesion", None),
        ("MetastaticLeiomyosarcoma", "tumor"), ("SpinalMetastasis", "tumor"), ("BrainMetastasis", "tumor"),
    ],
)
def test_categories(onto, term, category):
    assert onto.category(str(LMSKG[term])) == category


def test_every_category_has_terms(onto):
    for category in [*CLASS_CATEGORIES.values(), *INDIVIDUAL_CATEGORIES.values()]:
        assert onto.terms(category), category


def test_label_and_xrefs(onto):
    assert onto.label(str(LMSKG.Leiomyosarcoma)) == "leiomyosarcoma"
    assert "MONDO:0005058" in onto.xrefs(str(LMSKG.Leiomyosarcoma))
    assert "NCIT:C12998" in onto.xrefs(str(LMSKG.VertebralColumn))
    assert "NCIT:C33588" not in onto.xrefs(str(LMSKG.VertebralColumn))
    assert onto.xrefs(str(LMSKG.ConfluenceOfSinuses)) == []
    with pytest.raises(KeyError):
        onto.label("https://w3id.org/lmskg/term/NoSuchTerm")


@pytest.mark.parametrize(
    ("text", "term", "scope"),
    [
        ("LMS", "Leiomyosarcoma", "abbreviation"),
        ("SBRT", "StereotacticBodyRadiotherapy", "abbreviation"),
        ("T3", "ThoracicVertebra3", "abbreviation"),
        ("torcular Herophili", "ConfluenceOfSinuses", "exact"),
        ("sub-total resection", "SubtotalResection", "exact"),
        ("360° approach", "CircumferentialApproach", "exact"),
        ("Gamma Knife", "GammaKnifeRadiosurgery", "exact"),
        ("twelfth thoracic vertebra", "ThoracicVertebra12", "exact"),
        ("cranium", "Skull", "exact"),
        ("spine", "VertebralColumn", "exact"),
        ("venous sinuses", "DuralVenousSinus", "related"),
        ("upper thoracic spine", "UpperThoracicSpine", "label"),
        ("cord compression", "SpinalCordCompression", "exact"),
        ("spinal cord compression syndrome", "SpinalCordCompression", "exact"),
        ("decompressive laminectomy", "DecompressiveLaminectomy", "label"),
        ("pedicle fixation", "PedicleScrewFixation", "exact"),
        ("month", "Month", "label"),
    ],
)
def test_lexicon_holds_the_forms_documents_use(onto, text, term, scope):
    entry = LexiconEntry(str(LMSKG[term]), text, scope, onto.category(str(LMSKG[term])))
    assert entry in onto.lexicon()


def test_lexicon_is_sorted_and_only_categorised(onto):
    lexicon = onto.lexicon()
    assert lexicon == sorted(lexicon, key=lambda e: (e.term, e.scope, e.text))
    assert all(e.category is not None for e in lexicon)
    assert not [e for e in lexicon if e.term == str(LMSKG.PatientCase)]


def test_no_text_names_two_terms_of_one_category(onto):
    seen: dict[tuple[str, str], str] = {}
    clashes = []
    for e in onto.lexicon():
        key = (e.text.casefold(), e.category)
        if seen.setdefault(key, e.term) != e.term:
            clashes.append(key)
    assert clashes == []


def test_load_is_cached_per_file(onto):
    assert load_ontology() is onto


def test_parse_error_names_the_file(tmp_path: Path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix x: <http://x/> .\nx:a x:b ", encoding="utf-8")
    with pytest.raises(OntologyError, match=r"bad\.ttl: cannot parse"):
        load_ontology(bad)


def test_missing_file(tmp_path: Path):
    with pytest.raises(OntologyError, match="not found"):
        load_ontology(tmp_path / "nope.ttl")


RECORD_CLASSES = {
    "SourceDocument", "PatientCase", "Patient", "Lesion", "FindingRecord", "TreatmentStep", "OutcomeRecord",
    "HistoryRecord", "CohortStatistic", "Authorship", "Evidence",
    *INDIVIDUAL_CATEGORIES,
}


def test_every_vocabulary_class_has_a_category(onto):
    """No orphan: each class is a record class or falls, through named rdfs:subClassOf, under a top class."""
    from rdflib import OWL, RDF, URIRef

    orphans = []
    for cls in onto.graph.subjects(RDF.type, OWL.Class):
        if isinstance(cls, URIRef) and str(cls).startswith(str(LMSKG)):
            name = str(cls)[len(str(LMSKG)):]
            if name not in RECORD_CLASSES and onto.category(str(cls)) is None:
                orphans.append(name)
            if name not in RECORD_CLASSES and name not in CLASS_CATEGORIES:
                assert onto.graph.value(cls, rdflib.RDFS.subClassOf) is not None, name
    assert orphans == []


def test_an_inherited_annotation_comes_from_the_nearest_class_that_has_one(onto):
    assert onto.given_as(str(LMSKG.Doxorubicin)) == str(LMSKG.Chemotherapy)
    assert onto.given_as(str(LMSKG.Pazopanib)) == str(LMSKG.TargetedTherapy)       # nearer than ChemotherapyAgent
    assert onto.given_as(str(LMSKG.Pembrolizumab)) == str(LMSKG.Immunotherapy)
    assert onto.given_as(str(LMSKG.Corpectomy)) is None
