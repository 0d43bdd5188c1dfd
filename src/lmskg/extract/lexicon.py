"""Recognise the ontology's vocabulary in text: a spaCy PhraseMatcher built from ``Ontology.lexicon()``.

Labels, exact and related synonyms match case-insensitively (on ``LOWER``); abbreviations such as "LMS"
match only as written (on ``ORTH``). Matching runs on ``Document.normalized`` (same length as the text), so
every offset indexes the text as shipped. Where matches overlap, the longest wins (then the earliest).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

LAYOUT_CATEGORIES = frozenset({"zone"})    # section headings: read by the zone stage, not matched in running text
CATEGORY_ORDER = ("tumor", "anatomy", "procedure", "agent", "finding", "condition", "outcome", "profile", "unit", "sex",
                  "role", "population", "publication-kind")


@dataclass(frozen=True, slots=True)
class Mention:
    """One recognised term: character offsets into the document, token offsets into the analysed text."""

    term: str
    category: str
    start: int
    end: int
    text: str
    token_start: int
    token_end: int


class Lexicon:
    """The ontology's labels and synonyms, compiled once into two phrase matchers."""

    def __init__(self, ontology: object) -> None:
        self.ontology = ontology
        self.nlp = spacy.blank("en")
        self._lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._orth = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self._keys: dict[int, tuple[str, str]] = {}
        self._by_text: dict[tuple[str, str], str] = {}
        self._names: dict[str, Analysis] = {}
        patterns: dict[tuple[str, str, bool], list[Doc]] = {}
        for entry in ontology.lexicon():                     # type: ignore[attr-defined]
            text = entry.text.strip()
            if not text or entry.category in LAYOUT_CATEGORIES:
                continue
            exact = entry.scope == "abbreviation"
            key = f"{entry.category}|{entry.term}"
            patterns.setdefault((key, entry.category, exact), []).append(self.nlp.make_doc(text))
            self._by_text.setdefault((entry.category, text.lower()), entry.term)
        for (key, category, exact), docs in patterns.items():
            matcher = self._orth if exact else self._lower
            matcher.add(key, docs)
            self._keys[self.nlp.vocab.strings[key]] = (key.split("|", 1)[1], category)

    def lookup(self, category: str, text: str) -> str | None:
        """The term whose label or synonym in ``category`` is exactly ``text`` (case-insensitive)."""
        return self._by_text.get((category, text.strip().lower()))

    def analyse(self, text: str, offset: int = 0) -> Analysis:
        """Tokens and mentions of ``text``; character offsets are shifted by ``offset``."""
        return Analysis(self, self.nlp.make_doc(text), offset)

    def analyse_name(self, text: str) -> Analysis:
        """The analysis of a short name (an ontology label), computed once per name."""
        cached = self._names.get(text)
        if cached is None:
            cached = self._names[text] = self.analyse(text)
        return cached


class Analysis:
    """A tokenised text with its mentions (longest match wins) and every raw match (for nested look-ups)."""

    def __init__(self, lexicon: Lexicon, doc: Doc, offset: int) -> None:
        self.lexicon = lexicon
        self.doc = doc
        self.offset = offset
        raw = []
        for matcher in (lexicon._lower, lexicon._orth):
            for key, s, e in matcher(doc):
                span = doc[s:e]
                span.label_ = str(key)
                raw.append((span, lexicon._keys[key]))
        self.all: list[Mention] = sorted({self._mention(span, tc) for span, tc in raw},
                                         key=lambda m: (m.start, -m.end, m.category))
        best = filter_spans([span for span, _ in raw])
        chosen = {(s.start, s.end) for s in best}
        seen: set[tuple[int, int]] = set()
        mentions = []
        for m in sorted(self.all, key=lambda m: (m.start, CATEGORY_ORDER.index(m.category)
                                                  if m.category in CATEGORY_ORDER else 99)):
            if (m.token_start, m.token_end) in chosen and (m.token_start, m.token_end) not in seen:
                seen.add((m.token_start, m.token_end))
                mentions.append(m)
        self.mentions: list[Mention] = mentions
        self._starts = [m.start for m in self.mentions]

    def _mention(self, span: object, term_category: tuple[str, str]) -> Mention:
        term, category = term_category
        start = span.start_char + self.offset                 # type: ignore[attr-defined]
        end = span.end_char + self.offset                     # type: ignore[attr-defined]
        return Mention(term, category, start, end, span.text,  # type: ignore[attr-defined]
                       span.start, span.end)                  # type: ignore[attr-defined]

    @cached_property
    def token_starts(self) -> list[int]:
        return [t.idx + self.offset for t in self.doc]

    def within(self, start: int, end: int, category: str | None = None) -> list[Mention]:
        """Mentions lying inside the character range [start, end)."""
        lo = bisect_left(self._starts, start)
        hi = bisect_right(self._starts, end)
        return [m for m in self.mentions[lo:hi] if m.end <= end and (category is None or m.category == category)]

    def nested(self, mention: Mention, category: str) -> list[Mention]:
        """Every raw match of ``category`` inside ``mention`` (e.g. "leiomyosarcoma" inside a longer name)."""
        return [m for m in self.all if m.category == category and mention.start <= m.start and m.end <= mention.end
                and (m.start, m.end) != (mention.start, mention.end)]

    def token_index(self, offset: int) -> int:
        """Index of the token starting at or containing character ``offset``."""
        return max(0, bisect_right(self.token_starts, offset) - 1)

    def words(self, start: int, end: int) -> list[str]:
        """Lower-cased tokens within [start, end)."""
        return [t.lower_ for t in self.doc if start <= t.idx + self.offset and t.idx + self.offset + len(t) <= end]


_CACHE: dict[int, tuple[object, Lexicon]] = {}


def lexicon_for(ontology: object) -> Lexicon:
    """The lexicon of ``ontology``, built once per ontology object (the object is kept, so its id stays its own)."""
    cached = _CACHE.get(id(ontology))
    if cached is None or cached[0] is not ontology:
        cached = (ontology, Lexicon(ontology))
        _CACHE[id(ontology)] = cached
    return cached[1]
