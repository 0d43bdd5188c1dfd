"""Content negotiation as data: one table of formats and one pure function that picks among them.

Nothing here imports Flask, so the rules can be tested alone and reused by the CLI.

>>> negotiate("application/sparql-results+xml;q=0.5, text/csv", RESULT_FORMATS).name
'csv'
>>> negotiate("image/png", RESULT_FORMATS) is None
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox


@dataclass(frozen=True, slots=True)
class Format:
    """A serialization the server can write: its name, media type (first = canonical) and file extension."""

    name: str
    media_types: tuple[str, ...]
    extension: str
    aliases: tuple[str, ...] = ()

    @property
    def media_type(self) -> str:
        return self.media_types[0]

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8"

    @property
    def oxigraph(self) -> ox.RdfFormat | ox.QueryResultsFormat | None:
        return _OXIGRAPH.get(self.name)


# Server preference is table order: the first entry is the default when a client accepts anything.
RESULT_FORMATS: tuple[Format, ...] = (
    Format("json", ("application/sparql-results+json", "application/json"), "srj", ("srj",)),
    Format("xml", ("application/sparql-results+xml", "application/xml", "text/xml"), "srx", ("srx",)),
    Format("csv", ("text/csv",), "csv"),
    Format("tsv", ("text/tab-separated-values",), "tsv"),
)
GRAPH_FORMATS: tuple[Format, ...] = (
    Format("turtle", ("text/turtle", "application/x-turtle"), "ttl", ("ttl",)),
    Format("ntriples", ("application/n-triples", "text/plain"), "nt", ("nt", "n-triples")),
    Format("nquads", ("application/n-quads",), "nq", ("nq", "n-quads")),
    Format("trig", ("application/trig",), "trig"),
    Format("jsonld", ("application/ld+json", "application/json"), "jsonld", ("json-ld", "json")),
    Format("rdfxml", ("application/rdf+xml", "application/xml", "text/xml"), "rdf", ("xml", "rdf", "owl")),
)
HTML = Format("html", ("text/html", "application/xhtml+xml"), "html")
SERVICE_DESCRIPTION_FORMATS: tuple[Format, ...] = (GRAPH_FORMATS[0], *GRAPH_FORMATS[1:])
# Formats a whole dataset (with its named graphs) can be dumped in.
DATASET_FORMATS: tuple[Format, ...] = tuple(f for f in GRAPH_FORMATS if f.name in {"nquads", "trig"})

_OXIGRAPH: dict[str, ox.RdfFormat | ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


@dataclass(frozen=True, slots=True)
class MediaRange:
    type: str
    subtype: str
    q: float
    index: int

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")

    def matches(self, media_type: str) -> bool:
        t, _, s = media_type.partition("/")
        return self.type in ("*", t) and self.subtype in ("*", s)


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header; malformed entries are skipped, a missing header means */*."""
    if header is None or not header.strip():
        return [MediaRange("*", "*", 1.0, 0)]
    ranges: list[MediaRange] = []
    for index, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        full = fields[0].lower()
        if full == "*":
            full = "*/*"
        kind, slash, sub = full.partition("/")
        if not slash or not kind or not sub or (kind == "*" and sub != "*"):
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append(MediaRange(kind, sub, q, index))
    return ranges


def negotiate(accept: str | None, offers: Sequence[Format], *, format_param: str | None = None) -> Format | None:
    """The offer that best fits ``accept`` (or the ``format=`` override), or None when nothing fits.

    The highest q-value wins; ties go to the more specific media range, then to the client's earlier entry,
    then to the server's order of ``offers``. A ``format=`` value may be a format name, alias, extension or
    media type; it names exactly one offer or none.
    """
    if format_param:
        return by_name(format_param, offers)
    ranges = parse_accept(accept)
    best: tuple[float, int, int, int] | None = None
    chosen: Format | None = None
    for order, offer in enumerate(offers):
        refused = any(r.q <= 0 and r.specificity == 2 and r.matches(mt) for r in ranges for mt in offer.media_types)
        if refused:  # the client named one of this format's media types with q=0
            continue
        for media_type in offer.media_types:
            fitting = [r for r in ranges if r.matches(media_type)]
            if not fitting:
                continue
            # The most specific range decides the q-value (RFC 9110 12.5.1).
            top = max(fitting, key=lambda r: (r.specificity, -r.index))
            if top.q <= 0:
                continue
            key = (top.q, top.specificity, -top.index, -order)
            if best is None or key > best:
                best, chosen = key, offer
    return chosen


def by_name(value: str, offers: Sequence[Format]) -> Format | None:
    """The offer named ``value`` (name, alias, extension or media type, any case), or None."""
    wanted = value.strip().lower().split(";")[0].strip()
    for offer in offers:
        if wanted == offer.name or wanted == offer.extension or wanted in offer.aliases:
            return offer
    for offer in offers:
        if wanted in offer.media_types:
            return offer
    return None


def by_extension(extension: str, offers: Sequence[Format]) -> Format | None:
    """The offer whose file extension (or alias) is ``extension``."""
    ext = extension.lower().lstrip(".")
    for offer in offers:
        if ext == offer.extension or ext in offer.aliases:
            return offer
    return None


def media_types(offers: Sequence[Format]) -> list[str]:
    return [mt for offer in offers for mt in offer.media_types]
