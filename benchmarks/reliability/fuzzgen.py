"""Generated and mutated HTTP requests for the endpoint: the fuzzing corpus of the reliability checks.

Every request is a :class:`Req` (method, raw path with query string, headers, body). :func:`requests` yields a
reproducible stream from a seed, mixing:

* grammar-aware mutations of the example queries (``queries/*.rq``): tokens deleted, duplicated, swapped,
  replaced by SPARQL keywords, punctuation, variables, IRIs or literals; truncation; keyword case changes;
  outbound clauses (SERVICE, LOAD, FROM) pointing at a loopback listener that must never be called;
* random bytes as a direct-POST body or as a percent-encoded query, invalid UTF-8 included;
* huge queries (near and past the 1 MiB body limit) and deeply nested or long-chained ones;
* odd ``Accept`` headers, ``format=`` values, repeated and unknown parameters, dataset IRIs and methods;
* path traversal on ``/download/``, ``/download/ontology/`` and the resource paths (``/term/``, ``/data/``,
  ``/graph/``), with encoded dots, slashes, backslashes and NULs.

The oracle (:func:`verdict`) accepts a 2xx/3xx/4xx with a short plain message, and a 503 only when it is the
documented timeout, busy or result-cap message; anything else is a failure.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]

KEYWORDS = (
    "SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "FILTER", "OPTIONAL", "UNION", "MINUS", "GRAPH", "BIND",
    "VALUES", "GROUP BY", "ORDER BY", "HAVING", "LIMIT", "OFFSET", "DISTINCT", "REDUCED", "PREFIX", "BASE", "AS",
    "COUNT(*)", "SUM", "GROUP_CONCAT", "SAMPLE", "EXISTS", "NOT EXISTS", "IN", "NOT IN", "REGEX", "REPLACE",
    "STRDT", "IRI", "BNODE", "UUID", "NOW()", "RAND()", "SERVICE", "LOAD", "FROM", "FROM NAMED", "INSERT DATA",
    "DELETE WHERE", "CLEAR ALL", "DROP ALL", "WITH", "USING", "a", "true", "false", "UNDEF",
)
PUNCTUATION = ("{", "}", "(", ")", "[", "]", ".", ";", ",", "*", "/", "|", "^", "+", "?", "!", "&&", "||", "=",
               "!=", "<", ">", "<=", "^^", "@en", "#", "\\", "\"", "'", "\"\"\"", ":", "_:b")
TERMS = ("?s", "?p", "?o", "?x", "$y", "<http://e/x>", "<>", "<../../etc/passwd>", "<file:///etc/passwd>",
         "rdfs:label", "lmskg:Leiomyosarcoma", "undefined:x", "\"a\"", "\"\\u0000\"", "'x'@en", "1", "-1.5e308",
         "99999999999999999999999999", "\"2020\"^^xsd:gYear", "\"\ud7ff\"", "\"\U0001f600\"", "_:b0", "()", "[]",
         "\"<script>alert(1)</script>\"")
ACCEPTS = (
    None, "*/*", "text/html", "application/sparql-results+json", "application/sparql-results+xml", "text/csv",
    "text/tab-separated-values", "text/turtle", "application/ld+json", "application/rdf+xml",
    "application/n-quads", "application/n-triples", "application/trig", "image/png", "text/*;q=0.5, */*;q=0.1",
    "application/json;q=abc", "application/json;q=-1", "application/json;q=1e9", ";;;,,,", "*/*;q=0",
    "text/html;level=1;q=0.9, application/*;q=0.8", "x" * 5000, "application/sparql-results+json, " * 200,
    "\t text/csv \t", "text/csv; charset=latin-1", "*", "/", "a/b/c", "text/turtle;q=0.5;q=0.9",
)
FORMATS = ("json", "xml", "csv", "tsv", "ttl", "nt", "nq", "trig", "jsonld", "rdfxml", "html", "png",
           "../../etc/passwd", "", "application/sparql-results+json", "%00", "JSON", "text/turtle;q=0")
TRAVERSALS = (
    "../../../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd", "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "%252e%252e%252fetc%252fpasswd", "..\\..\\..\\etc\\passwd", "..%5c..%5cetc%5cpasswd", "/etc/passwd",
    "%2fetc%2fpasswd", "....//....//etc/passwd", "lmskg.nq%00.txt", "lmskg.nq/../../../pyproject.toml",
    "..%c0%af..%c0%afetc%c0%afpasswd", "%ff%fe%00", ".", "..", "...", "~root", "lmskg.nq;/../x",
    "..%252f..%252fpyproject.toml", "%2e%2e%5c%2e%2e%5cpyproject.toml", "ontology/../../pyproject.toml",
    "lmskg.nq?../../x", "*", "%", "%%", "%zz",
)
PATH_PREFIXES = ("/download/", "/download/ontology/", "/term/", "/data/", "/graph/", "/data/case/", "/ontology.",
                 "/sparql/", "/static/", "/.well-known/", "/")
METHODS = ("GET", "GET", "GET", "POST", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE")


@dataclass
class Req:
    """One HTTP request, path and query string already encoded (bytes beyond ASCII percent-encoded)."""

    method: str
    target: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    kind: str = ""

    def describe(self) -> str:
        return f"{self.kind}: {self.method} {self.target[:120]} body={self.body[:80]!r}"


def example_queries(root: Path = ROOT) -> list[str]:
    found = [p.read_text(encoding="utf-8") for p in sorted((root / "queries").glob("*.rq"))]
    return found or ["SELECT * WHERE { ?s ?p ?o } LIMIT 10"]


_TOKEN = re.compile(r"\s+|#[^\n]*|\"[^\"\n]*\"|<[^<>\s]*>|[?$]\w+|[\w:.\-]+|.", re.S)


def _tokens(text: str) -> list[str]:
    return [m.group() for m in _TOKEN.finditer(text)]


class Fuzzer:
    """A reproducible stream of requests; ``listener`` is a loopback URL that outbound clauses point at."""

    def __init__(self, seed: int, listener: str = "http://127.0.0.1:9", queries: list[str] | None = None,
                 huge: bool = True) -> None:
        self.rng = random.Random(seed)
        self.listener = listener
        self.queries = queries or example_queries()
        self.huge = huge

    # --- query texts -----------------------------------------------------------------------------------------

    def mutate(self, text: str) -> str:
        rng = self.rng
        toks = _tokens(text)
        for _ in range(rng.randint(1, 6)):
            if not toks:
                toks = ["SELECT"]
            i = rng.randrange(len(toks))
            op = rng.randrange(9)
            if op == 0:
                del toks[i]
            elif op == 1:
                toks.insert(i, toks[i])
            elif op == 2:
                j = rng.randrange(len(toks))
                toks[i], toks[j] = toks[j], toks[i]
            elif op == 3:
                toks[i] = f" {rng.choice(KEYWORDS)} "
            elif op == 4:
                toks[i] = rng.choice(PUNCTUATION)
            elif op == 5:
                toks[i] = f" {rng.choice(TERMS)} "
            elif op == 6:
                toks = toks[: rng.randrange(len(toks) + 1)]
            elif op == 7:
                toks[i] = toks[i].swapcase()
            else:
                toks.insert(i, f" {self.outbound_clause()} ")
        return "".join(toks)

    def outbound_clause(self) -> str:
        target = f"{self.listener}/{self.rng.choice(('sparql', 'g', 'x.ttl', 'ctx.jsonld'))}"
        return self.rng.choice((
            f"SERVICE <{target}> {{ ?s ?p ?o }}", f"SERVICE SILENT <{target}> {{ ?s ?p ?o }}",
            f"FROM <{target}>", f"FROM NAMED <{target}>", f"LOAD <{target}>", f"GRAPH <{target}> {{ ?s ?p ?o }}",
            f"BIND(IRI(\"{target}\") AS ?remote)",
        ))

    def deep(self) -> str:
        rng = self.rng
        n = rng.choice((10, 63, 64, 65, 200, 1000, 3000, 20000))
        return rng.choice((
            "SELECT * " + "{" * n + "}" * n,
            "SELECT * { FILTER(" + "(" * n + "1" + ")" * n + ") }",
            "SELECT (" + "+".join(["1"] * n) + " AS ?x) {}",
            "SELECT * { " + " UNION ".join(["{ ?s ?p ?o }"] * n) + " }",
            "SELECT * { ?s ?p " + "[ ?p " * min(n, 3000) + "1" + " ]" * min(n, 3000) + " }",
            "SELECT * { ?s " + "/".join(["<http://e/p>"] * n) + " ?o }",
            "SELECT (" + "CONCAT(" * n + '"a"' + ")" * n + " AS ?x) {}",
            "SELECT * { FILTER(" + "!" * n + "true) }",
        ))

    def huge_query(self) -> str:
        size = self.rng.choice((100_000, 500_000, 1_040_000, 1_100_000, 3_000_000))
        return self.rng.choice((
            "ASK {} #" + "x" * size,
            "SELECT * WHERE { VALUES ?x { " + " ".join(str(i) for i in range(size // 8)) + " } } LIMIT 1",
            'SELECT ("' + "y" * size + '" AS ?x) {}',
        ))

    def query_text(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.55:
            return self.mutate(rng.choice(self.queries))
        if roll < 0.65:
            return rng.choice(self.queries)
        if roll < 0.75:
            return self.deep()
        if roll < 0.78 and self.huge:
            return self.huge_query()
        if roll < 0.88:
            return "".join(rng.choice(KEYWORDS + PUNCTUATION + TERMS) + " " for _ in range(rng.randint(1, 40)))
        return rng.choice(self.queries).replace("SELECT", f"SELECT * {self.outbound_clause()} WHERE {{}} #", 1)

    # --- whole requests ---------------------------------------------------------------------------------------

    def accept(self) -> dict[str, str]:
        value = self.rng.choice(ACCEPTS)
        return {} if value is None else {"Accept": value}

    def request(self) -> Req:
        rng = self.rng
        roll = rng.random()
        if roll < 0.40:
            return self._query_request()
        if roll < 0.50:
            return self._random_bytes()
        if roll < 0.65:
            return self._traversal()
        if roll < 0.75:
            return self._odd_parameters()
        if roll < 0.85:
            return self._pages()
        if roll < 0.92:
            return self._odd_methods()
        return self._updates()

    def _query_request(self) -> Req:
        rng = self.rng
        text = self.query_text()
        how = rng.randrange(3)
        headers = self.accept()
        extra = f"&format={quote(rng.choice(FORMATS))}" if rng.random() < 0.2 else ""
        if how == 0 and len(text) < 200_000:
            return Req("GET", f"/sparql?query={quote(text, safe='')}{extra}", headers, kind="query-get")
        if how == 1:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            return Req("POST", "/sparql" + ("?" + extra[1:] if extra else ""), headers,
                       f"query={quote(text, safe='')}".encode(), kind="query-form")
        headers["Content-Type"] = rng.choice(("application/sparql-query", "application/sparql-query; charset=utf-8",
                                              "application/sparql-query; charset=latin-1"))
        return Req("POST", "/sparql" + ("?" + extra[1:] if extra else ""), headers,
                   text.encode("utf-8", "surrogatepass"), kind="query-direct")

    def _random_bytes(self) -> Req:
        rng = self.rng
        data = bytes(rng.randrange(256) for _ in range(rng.choice((1, 16, 300, 5000))))
        if rng.random() < 0.3:  # a valid query with invalid UTF-8 spliced in
            text = rng.choice(self.queries).encode()
            cut = rng.randrange(len(text) + 1)
            data = text[:cut] + rng.choice((b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x00",
                                            b"\xc0\xaf")) + text[cut:]
        if rng.random() < 0.5:
            return Req("POST", "/sparql", {"Content-Type": "application/sparql-query", **self.accept()}, data,
                       kind="bytes-direct")
        field_name = rng.choice(("query", "update", "default-graph-uri", "format", "graph"))
        return Req("GET", f"/sparql?{field_name}={quote(data, safe='')}", self.accept(), kind="bytes-get")

    def _traversal(self) -> Req:
        rng = self.rng
        prefix = rng.choice(PATH_PREFIXES)
        tail = rng.choice(TRAVERSALS)
        if rng.random() < 0.3:
            tail += rng.choice((".ttl", ".html", ".jsonld", ".rdf", ".nt", ""))
        return Req(rng.choice(("GET", "GET", "HEAD")), prefix + tail, self.accept(), kind="traversal")

    def _odd_parameters(self) -> Req:
        rng = self.rng
        base = rng.choice(self.queries)
        pairs = [("query", base)]
        for _ in range(rng.randint(1, 4)):
            name = rng.choice(("query", "format", "output", "default-graph-uri", "named-graph-uri", "graph",
                               "default", "update", "using-graph-uri", "x", "", "query[]", "QUERY"))
            value = rng.choice((*FORMATS, self.listener, "not an iri", "urn:x", "http://e/\x00", "<>", "",
                                f"{self.listener}/g", "https://w3id.org/lmskg/graph/ontology"))
            pairs.append((name, value))
        rng.shuffle(pairs)
        target = "/sparql?" + "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)
        return Req(rng.choice(("GET", "GET", "HEAD")), target, self.accept(), kind="parameters")

    def _pages(self) -> Req:
        rng = self.rng
        path = rng.choice((
            "/", "/sparql", "/download/", "/download/lmskg.ttl", "/download/lmskg.nq", "/.well-known/void",
            "/term/Leiomyosarcoma", "/term/Leiomyosarcoma.ttl", "/term/Nope", "/ontology", "/ontology.jsonld",
            "/lookup?id=NCIT:C3158", "/lookup?id=" + quote(self.mutate("NCIT:C3158 <x>")), "/data/case/x-1",
            "/graph/ontology", "/term/" + quote(self.mutate("Leiomyosarcoma"), safe=""), "/static/x.js",
            "/term/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/lookup?id=%3Cscript%3E",
        ))
        return Req(rng.choice(("GET", "GET", "HEAD")), path, self.accept(), kind="page")

    def _odd_methods(self) -> Req:
        rng = self.rng
        method = rng.choice(METHODS)
        path = rng.choice(("/sparql", "/sparql?graph=http://e/g", "/sparql?default", "/", "/download/lmskg.nq",
                           "/term/Leiomyosarcoma", "/sparql?graph=" + quote(self.listener)))
        headers = {"Content-Type": rng.choice(("text/turtle", "application/n-triples", "application/rdf+xml",
                                               "application/ld+json", "text/plain", "multipart/form-data",
                                               "application/sparql-update"))}
        body = rng.choice((b"", b"<a> <b> <c> .", self._xxe(), self._jsonld_context(), b"\xff\xfe"))
        return Req(method, path, headers, body, kind="method")

    def _updates(self) -> Req:
        rng = self.rng
        text = rng.choice((
            f"LOAD <{self.listener}/g>", "INSERT DATA { <http://e/s> <http://e/p> 1 }", "DROP ALL", "CLEAR DEFAULT",
            self.mutate("INSERT { ?s a <http://e/C> } WHERE { ?s ?p ?o }"),
        ))
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if rng.random() < 0.5:
            headers["Authorization"] = rng.choice(("Bearer wrong", "Bearer ", "Basic eDp5", "bearer " + "x" * 500))
        return Req("POST", "/sparql", headers, f"update={quote(text, safe='')}".encode(), kind="update")

    def _xxe(self) -> bytes:
        return (f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "{self.listener}/xxe">]>'
                '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
                '<rdf:Description rdf:about="http://e/s"><rdf:value>&x;</rdf:value></rdf:Description>'
                '</rdf:RDF>').encode()

    def _jsonld_context(self) -> bytes:
        return f'{{"@context": "{self.listener}/ctx.jsonld", "@id": "http://e/s", "name": "x"}}'.encode()


def requests(seed: int, count: int, listener: str = "http://127.0.0.1:9", huge: bool = True) -> Iterator[Req]:
    """``count`` requests generated from ``seed``."""
    fuzzer = Fuzzer(seed, listener, huge=huge)
    for _ in range(count):
        yield fuzzer.request()


DOCUMENTED_503 = (b"did not finish within", b"stayed busy", b"result too large")


def verdict(status: int, body: bytes, content_type: str | None, method: str = "GET") -> str | None:
    """None when the answer is acceptable, else what is wrong with it."""
    if status >= 500:
        if status == 503 and any(m in body for m in DOCUMENTED_503):
            return None
        return f"{status}: {body[:200]!r}"
    if b"Traceback (most recent call last)" in body:
        return f"{status} with a traceback"
    if 400 <= status < 500:
        mimetype = (content_type or "").split(";")[0].strip()
        if method != "HEAD" and not body.strip():
            return f"{status} without a message"
        if mimetype not in ("text/plain", "text/html", "application/json", ""):
            return f"{status} answered as {mimetype}"
    return None
