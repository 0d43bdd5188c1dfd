"""A light lexical scan of SPARQL text: what the engine must never be asked to do, and protocol rewrites.

Oxigraph can fetch over HTTP (``SERVICE``, ``LOAD``), and a query's ``FROM`` / ``FROM NAMED`` may name graphs
this store does not hold. The scanner tokenizes the text (skipping strings, comments and IRIs' contents) well
enough to find those keywords and the IRIs they name; the engine's own parser still decides validity.

>>> sorted(dataset_iris("PREFIX e: <http://e/> SELECT * FROM e:g FROM NAMED <http://h> {}"))
['http://e/g', 'http://h']
>>> forbidden_keyword('SELECT * { ?s ?p "SERVICE" }') is None
True
>>> forbidden_keyword("select * { service <http://x> {} }")
'SERVICE'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin

from lmskg.errors import QueryError

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<pname>(?:[A-Za-z][\w.\-]*)?:(?:[\w\-:%.]|\\.)*)
  | (?P<var>[?$]\w+)
  | (?P<word>[A-Za-z_]\w*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

FORBIDDEN = {"SERVICE": "SERVICE (federated queries)", "LOAD": "LOAD"}


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    text: str
    start: int

    @property
    def upper(self) -> str:
        return self.text.upper()


def tokens(text: str) -> Iterator[Token]:
    """Significant tokens of ``text``: whitespace and comments dropped, strings kept whole."""
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind in ("ws", "comment"):
            continue
        value = m.group()
        if kind == "pname" and value.endswith("."):
            # a prefixed name cannot end with '.', which is the triple terminator.
            value = value.rstrip(".")
        yield Token(kind, value, m.start())


def forbidden_keyword(text: str) -> str | None:
    """The first keyword this server never evaluates (SERVICE, LOAD) used in ``text``, or None."""
    lowered = text.lower()
    if "service" not in lowered and "load" not in lowered:
        return None  # the common case, without tokenizing
    for tok in tokens(text):
        if tok.kind == "word" and tok.upper in FORBIDDEN:
            return tok.upper
    return None


def check_allowed(text: str) -> None:
    """Raise QueryError when ``text`` asks for something that would reach outside this server, or is so deeply
    nested or long a chain of operators that the engine's recursive parser and evaluator would overflow."""
    word = forbidden_keyword(text)
    if word is not None:
        raise QueryError(f"{FORBIDDEN[word]} is not allowed on this endpoint: it never makes outbound requests")
    check_complexity(text)


MAX_NESTING = 64  # brackets open at once; no real query comes close
MAX_OPERATORS = 2000  # brackets and operators in all; the example queries use at most about 100
_OPERATORS = frozenset("{([/|^!+*-&")


def check_complexity(text: str) -> None:
    """Raise QueryError when ``text`` nests brackets more than MAX_NESTING deep or holds more than MAX_OPERATORS
    brackets and operators (outside strings, IRIs and comments).

    Each of these is a level of recursion in the engine: a chain of a few thousand (``1+1+…``, ``?s <p>/<p>/…``,
    ``{{{…}}}``) overflows its stack and kills the query worker.

    >>> check_complexity("SELECT * { " + "{" * 65 + "}" * 65 + " }")
    Traceback (most recent call last):
    ...
    lmskg.errors.QueryError: the query nests brackets 66 deep; at most 64 are allowed
    """
    if sum(text.count(c) for c in _OPERATORS) <= min(MAX_NESTING, MAX_OPERATORS):
        return  # the common case, without tokenizing
    depth = deepest = operators = 0
    for tok in tokens(text):
        if tok.kind != "other":
            continue
        if tok.text in _OPERATORS:
            operators += 1
        if tok.text in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif tok.text in "})]":
            depth -= 1
    if deepest > MAX_NESTING:
        raise QueryError(f"the query nests brackets {deepest} deep; at most {MAX_NESTING} are allowed")
    if operators > MAX_OPERATORS:
        raise QueryError(f"the query holds {operators} brackets and operators; at most {MAX_OPERATORS} are allowed")


def dataset_iris(text: str, base: str | None = None) -> set[str]:
    """The IRIs a query names in FROM and FROM NAMED clauses, resolved against its PREFIX and BASE."""
    if "from" not in text.lower():
        return set()
    prefixes: dict[str, str] = {}
    current_base = base
    found: set[str] = set()
    toks = list(tokens(text))
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.kind == "word" and tok.upper == "BASE" and i + 1 < len(toks) and toks[i + 1].kind == "iri":
            current_base = _resolve(toks[i + 1].text[1:-1], current_base)
            i += 2
            continue
        if (tok.kind == "word" and tok.upper == "PREFIX" and i + 2 < len(toks)
                and toks[i + 1].kind == "pname" and toks[i + 2].kind == "iri"):
            prefixes[toks[i + 1].text.split(":", 1)[0]] = _resolve(toks[i + 2].text[1:-1], current_base)
            i += 3
            continue
        if tok.kind == "word" and tok.upper == "FROM":
            j = i + 1
            if j < len(toks) and toks[j].kind == "word" and toks[j].upper == "NAMED":
                j += 1
            if j < len(toks):
                target = toks[j]
                if target.kind == "iri":
                    found.add(_resolve(target.text[1:-1], current_base))
                elif target.kind == "pname":
                    prefix, _, local = target.text.partition(":")
                    if prefix in prefixes:
                        found.add(prefixes[prefix] + re.sub(r"\\(.)", r"\1", local))
            i = j + 1
            continue
        i += 1
    return found


def has_from(text: str) -> bool:
    """Whether a query states its own dataset (FROM or FROM NAMED), which then replaces the union default."""
    if "from" not in text.lower():
        return False
    return any(tok.kind == "word" and tok.upper == "FROM" for tok in tokens(text))


def has_dataset_clause(text: str) -> bool:
    """Whether an update uses USING, USING NAMED or WITH (which the protocol's graph parameters conflict with)."""
    return any(tok.kind == "word" and tok.upper in ("USING", "WITH") for tok in tokens(text))


def add_using(update: str, using: list[str], using_named: list[str]) -> str:
    """Apply the protocol's ``using-graph-uri`` / ``using-named-graph-uri`` to every DELETE/INSERT … WHERE.

    The clauses go right before each top-level ``WHERE`` of a modify operation, which is where the grammar
    puts ``USING``; ``INSERT DATA`` / ``DELETE DATA`` / ``DELETE WHERE`` have no dataset and are left alone.
    """
    if not using and not using_named:
        return update
    clause = " ".join([*(f"USING <{iri}>" for iri in using), *(f"USING NAMED <{iri}>" for iri in using_named)])
    pieces: list[str] = []
    last = 0
    depth = 0
    previous: Token | None = None
    for tok in tokens(update):
        if tok.text == "{":
            depth += 1
        elif tok.text == "}":
            depth -= 1
        elif (depth == 0 and tok.kind == "word" and tok.upper == "WHERE"
              and not (previous is not None and previous.kind == "word" and previous.upper == "DELETE")):
            pieces.append(update[last:tok.start])
            pieces.append(f"{clause} ")
            last = tok.start
        previous = tok
    pieces.append(update[last:])
    return "".join(pieces)


def _resolve(iri: str, base: str | None) -> str:
    return urljoin(base, iri) if base else iri
