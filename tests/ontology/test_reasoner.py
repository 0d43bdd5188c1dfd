"""The HermiT reasoner (owlready2, needs Java) finds the ontology consistent, with no unsatisfiable class."""

from __future__ import annotations

import shutil

import owlready2
import pytest


@pytest.mark.slow
def test_consistent_and_every_class_satisfiable(root):
    if shutil.which("java") is None:
        pytest.fail("java is not installed: run scripts/install-system-deps.sh")
    world = owlready2.World()
    onto = world.get_ontology((root / "ontology" / "release" / "lmskg.owl").as_uri()).load()
    with onto:
        # raises OwlReadyInconsistentOntologyError if the ontology is inconsistent
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    assert list(world.inconsistent_classes()) == []
    # the defined classes are classified as intended
    metastatic_lms = onto.search_one(iri="*MetastaticLeiomyosarcoma")
    assert onto.search_one(iri="*term/Leiomyosarcoma") in metastatic_lms.ancestors()


@pytest.mark.slow
def test_reasoner_detects_an_unsatisfiable_class(root, tmp_path):
    """The check above can fail: a class under two disjoint classes is reported."""
    world = owlready2.World()
    onto = world.get_ontology((root / "ontology" / "release" / "lmskg.owl").as_uri()).load()
    with onto:
        unit = onto.search_one(iri="*term/UnitOfMeasure")
        sex = onto.search_one(iri="*term/BiologicalSex")
        broken = type("BrokenClass", (unit, sex), {"namespace": onto})
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    assert broken in list(world.inconsistent_classes())
