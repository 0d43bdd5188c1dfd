"""The ontology lexicon as a spaCy phrase matcher: case, abbreviations, word boundaries, longest match, offsets."""

from __future__ import annotations

from clinical_support import ontology, term

from lmskg.extract.lexicon import lexicon_for


def mentions(text: str):
    analysis = lexicon_for(ontology()).analyse(text)
    return [(m.text, m.term, m.category, m.start, m.end) for m in analysis.mentions]


def test_labels_match_in_any_case_with_offsets():
    found = mentions("Known LEIOMYOSARCOMA; the Uterus.")
    assert ("LEIOMYOSARCOMA", term("Leiomyosarcoma"), "tumor", 6, 20) in found
    assert ("Uterus", term("Uterus"), "anatomy", 26, 32) in found


def test_abbreviations_match_only_as_written():
    assert ("LMS", term("Leiomyosarcoma"), "tumor", 10, 13) in mentions("A case of LMS here.")
    assert not [m for m in mentions("the lms was small") if m[1] == term("Leiomyosarcoma")]


def test_word_boundaries_are_respected():
    assert not [m for m in mentions("a postlaminectomy kyphosis") if m[1] == term("Laminectomy")]
    assert not [m for m in mentions("An OSTEOLMS token") if m[2] == "tumor"]


def test_longest_match_wins():
    found = mentions("She underwent a decompressive laminectomy.")
    assert [m[:3] for m in found if m[2] == "procedure"] == [
        ("decompressive laminectomy", term("DecompressiveLaminectomy"), "procedure")]
    nested = lexicon_for(ontology()).analyse("a uterine LMS")
    assert [m.text for m in nested.mentions] == ["uterine LMS"]
    inner = nested.nested(nested.mentions[0], "tumor")
    assert [(m.text, m.term) for m in inner] == [("LMS", term("Leiomyosarcoma"))]


def test_offsets_shift_with_the_passage_start():
    analysis = lexicon_for(ontology()).analyse("myelopathy", 100)
    assert [(m.start, m.end) for m in analysis.mentions] == [(100, 110)]


def test_lookup_by_category_and_text():
    lexicon = lexicon_for(ontology())
    assert lexicon.lookup("unit", "week") == term("Week")
    assert lexicon.lookup("sex", "Female") == term("Female")
    assert lexicon.lookup("unit", "leiomyosarcoma") is None
