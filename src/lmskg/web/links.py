"""Links the HTML pages share: the local path of an IRI, and a quote of the sentence a fact was read from."""

from __future__ import annotations

from dataclasses import dataclass, replace

from flask import current_app


def href_for(value: str) -> str | None:
    """A link for an IRI: a local path for ours, the IRI itself for http(s) IRIs elsewhere, else none."""
    base = current_app.config["BASE"]
    if value.startswith(base):
        return "/" + value[len(base):]
    if value.startswith(("http://", "https://")):
        return value
    return None


@dataclass(frozen=True)
class Quote:
    """A sentence with the characters a fact was read from marked: ``before + mark + after == sentence``."""

    evidence: str
    document: str | None
    start: int | None
    end: int | None
    before: str
    mark: str
    after: str
    number: int = 0

    @property
    def href(self) -> str | None:
        return href_for(self.evidence)

    @property
    def document_href(self) -> str | None:
        return href_for(self.document) if self.document else None

    @property
    def anchor(self) -> str:
        return f"sentence-{self.number}"

    def numbered(self, number: int) -> Quote:
        return replace(self, number=number)


def split_sentence(sentence: str, sentence_start: int | None, start: int, end: int, exact: str = "") -> \
        tuple[str, str, str]:
    """(before, mark, after): the span ``start``-``end`` of the document within its sentence, by offsets.

    Without the sentence's offset (or when the offsets fall outside it) the first occurrence of ``exact`` is
    marked, and failing that nothing is.
    """
    if sentence_start is not None:
        i, j = start - sentence_start, end - sentence_start
        if 0 <= i <= j <= len(sentence):
            return sentence[:i], sentence[i:j], sentence[j:]
    if exact and exact in sentence:
        i = sentence.index(exact)
        return sentence[:i], exact, sentence[i + len(exact):]
    return sentence, "", ""


def _int(row: dict[str, dict[str, str]], name: str) -> int | None:
    value = row.get(name, {}).get("value")
    return int(value) if value is not None and value.lstrip("-").isdigit() else None


def quote_from(row: dict[str, dict[str, str]]) -> Quote | None:
    """The quote of a query row with ``ev`` and ``sentence``, and where known ``sentenceStart``, ``start``,
    ``end``, ``exact`` and ``doc``; none without a sentence."""
    start, end = _int(row, "start"), _int(row, "end")
    sentence = row.get("sentence", {}).get("value")
    if sentence is None:
        return None
    known = start is not None and end is not None
    before, mark, after = split_sentence(sentence, _int(row, "sentenceStart") if known else None, start or 0,
                                         end or 0, row.get("exact", {}).get("value", ""))
    return Quote(row["ev"]["value"], row.get("doc", {}).get("value"), start, end, before, mark, after)


@dataclass(frozen=True)
class Passage:
    """A sentence with the spans of one or more quotes marked in it: (text, quote or None) pieces in order."""

    document: str | None
    pieces: tuple[tuple[str, Quote | None], ...]

    @property
    def quotes(self) -> list[Quote]:
        return [q for _, q in self.pieces if q is not None]


def passages(quotes: list[Quote]) -> list[Passage]:
    """The quotes gathered by sentence, so that a sentence is shown once with every span read from it marked.

    Spans that overlap one already marked in the sentence are shown in a copy of the sentence of their own.
    """
    groups: list[tuple[tuple[str | None, str], list[Quote]]] = []
    for quote in quotes:
        key = (quote.document, quote.before + quote.mark + quote.after)
        start, end = len(quote.before), len(quote.before) + len(quote.mark)
        home = next((g for k, g in groups if k == key and all(
            end <= len(q.before) or start >= len(q.before) + len(q.mark) for q in g)), None)
        if home is None or not quote.mark:
            groups.append((key, [quote]))
        else:
            home.append(quote)
    found = []
    for (document, sentence), group in groups:
        pieces: list[tuple[str, Quote | None]] = []
        at = 0
        for q in sorted(group, key=lambda q: len(q.before)):
            start = len(q.before)
            if start > at:
                pieces.append((sentence[at:start], None))
            pieces.append((q.mark, q))
            at = start + len(q.mark)
        if at < len(sentence):
            pieces.append((sentence[at:], None))
        found.append(Passage(document, tuple(pieces)))
    return found
