"""src/lmskg/vocab.py is generated from the ontology and must match it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from lmskg.ontology import render_vocab
from lmskg.vocab import LMSKG, LMSKGD


def test_vocab_is_up_to_date(root):
    generated = render_vocab(root / "ontology" / "lmskg.ttl")
    assert (root / "src" / "lmskg" / "vocab.py").read_text(encoding="utf-8") == generated, (
        "src/lmskg/vocab.py is stale: run python scripts/generate_vocab.py"
    )


def test_generator_check_mode(root):
    result = subprocess.run(
        [sys.executable, str(root / "scripts" / "generate_vocab.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_vocab_names_data_model_terms():
    assert str(LMSKG.PatientCase) == "https://w3id.org/lmskg/term/PatientCase"
    for name in ("hasLesion", "stepNumber", "Month", "CaseSeriesPopulation", "ThoracicVertebra3", "readFrom"):
        assert str(LMSKG[name]).endswith(name)
    assert str(LMSKGD["case/x-1"]) == "https://w3id.org/lmskg/data/case/x-1"


def test_misspelt_term_fails():
    with pytest.raises(AttributeError):
        LMSKG.PatientCas  # noqa: B018
