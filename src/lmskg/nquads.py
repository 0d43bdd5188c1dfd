"""N-Quads lines written straight from rdflib terms, without building a Graph.

The output is exactly what rdflib's N-Quads serializer writes for the same terms: IRIs as ``<iri>`` (refused if
they hold a character N-Quads forbids), literals quoted with ``\\``, ``"``, newline and carriage return escaped,
then ``@lang`` or ``^^<datatype>``.
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.term import Node


def literal(value: Literal) -> str:
    """A literal as an N-Quads term."""
    text = str(value).replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r")
    quoted = f'"{text}"'
    if value.language:
        return f"{quoted}@{value.language}"
    if value.datatype:
        return f"{quoted}^^<{value.datatype}>"
    return quoted


def term(node: Node) -> str:
    """An IRI or a literal as an N-Quads term."""
    if isinstance(node, Literal):
        return literal(node)
    if isinstance(node, URIRef):
        return node.n3()
    raise TypeError(f"cannot write {node!r} in a document graph")


def lines(triples: set[tuple[Node, Node, Node]], graph: URIRef) -> list[str]:
    """The sorted N-Quads lines of ``triples`` in the named graph ``graph``."""
    g = graph.n3()
    cache: dict[Node, str] = {}

    def n(node: Node) -> str:
        text = cache.get(node)
        if text is None:
            text = cache[node] = term(node)
        return text

    return sorted({f"{n(s)} {n(p)} {n(o)} {g} .\n" for s, p, o in triples})
