"""Author names: the grammar of personal-name lists as publications write them.

A list is split on ``;``, ``,``, "and", "&" (and "e", "y", "und" of other languages); each unit is one name in
one of the common forms, and every name comes back as family name + initials with the offsets it was read
from:

* initials after the family name: ``Liu A``, ``Sankey EW``, ``Van Tine B.A.`` (NLM, Vancouver);
* initials before it: ``G. Maimone``, ``J.-M. Coindre``;
* ``Family, I.`` pairs across the separator: ``Imoumby, F. , Dokponou, Y.``; MDPI's ``Tawbi, H.A.; Burgess, M.``;
* ``Family, Given`` pairs: ``Smith, John; Doe, Jane``;
* whole names, given name first (the default: ``Hiroshi Kobayashi``, ``Ruth A. Kleinerman``) or family first
  when the family name is written in capitals (``OUDRHIRI Mohammed``).

Affiliation markers glued to a name (``Smith1,2``, ``Doe*``, ``Roe†``, superscript digits) and degrees after it
(``MD``, ``PhD``) are dropped; particles (van, de la, El) stay with the family name; ``et al.`` ends the list and
marks it truncated. A text that is not a list of names gives ``None``: precision first.

>>> [f"{n.family} {n.initials}" for n in parse_names("Tawbi, H.A.; Van Tine, B.A.; D’Angelo, S.; et al.").names]
['Tawbi HA', 'Van Tine BA', 'D’Angelo S']
>>> [f"{n.family} {n.initials}" for n in parse_names("Osamu Dohi, Masahito Hatori and Mika Watanabe").names]
['Dohi O', 'Hatori M', 'Watanabe M']
>>> parse_names("Add to saved papers") is None
True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

PARTICLES = frozenset(("van", "von", "der", "den", "de", "da", "di", "du", "del", "della", "dos", "das", "do",
                       "la", "le", "el", "al", "ben", "bin", "ibn", "abu", "ter", "ten", "st", "mac", "mc", "y"))
DEGREES = frozenset(("md", "phd", "mbbs", "mbchb", "msc", "bsc", "ba", "ma", "ms", "mph", "mba", "do", "rn", "dm",
                     "mch", "frcs", "frcsc", "frcp", "frcr", "facs", "facp", "frcpc", "dds", "dmd", "pharmd",
                     "mpharm", "mrcp", "mrcs", "drph", "dsc", "mmed", "med", "pgy", "np", "pa"))
_MARKERS = "*\u2020\u2021\u00a7\u00b6#\u00b9\u00b2\u00b3\u2070\u2071\u2074\u2075\u2076\u2077\u2078\u2079\u1d43\u1d47"
_SEPARATOR = re.compile(r"\s*(?:;|,|&|\band\b|\bund\b|\be\b|\by\b)\s*")
_INITIALS = re.compile(r"(?:[A-Z\u00c0-\u00de](?:\.|\b)\s*-?\s*){1,4}")
_WORD = re.compile(r"[A-Z\u00c0-\u00de][\w'\u2019\u00b4`-]*$|[a-z\u00df-\u00ff]{1,4}$")
_ET_AL = re.compile(r"\bet\.?\s*al\b\.?", re.I)
_STOP = frozenset(("the", "of", "in", "on", "at", "to", "for", "with", "from", "by", "is", "are", "was", "were",
                   "this", "that", "these", "case", "report", "review", "patient", "patients", "study", "journal",
                   "university", "department", "hospital", "author", "authors", "info", "information", "content",
                   "contents", "article", "articles", "view", "views", "access", "text", "links", "link", "home",
                   "menu", "search", "share", "cite", "citation", "download", "pdf", "print", "email", "login",
                   "open", "abstract", "full", "main", "page", "skip", "more", "about", "contact", "help",
                   "references", "figures", "tables", "metrics", "related", "similar", "saved", "papers", "series",
                   "volume", "issue", "online", "editorial", "board", "submit", "staff", "team", "group",
                   "committee", "consortium", "editors", "collaborators", "investigators", "office", "press"))


@dataclass(frozen=True, slots=True)
class Name:
    family: str
    initials: str
    start: int               # offsets of the whole name in the text given to parse_names (plus its offset)
    end: int


@dataclass(frozen=True, slots=True)
class NameList:
    names: tuple[Name, ...]
    truncated: bool = False  # the list ended with "et al."


def parse_names(text: str, offset: int = 0, *, single: bool = False, family_first: bool | None = None
                ) -> NameList | None:
    """The names written in ``text`` in order, or None when it is not (entirely) a list of names.

    ``single``: the text is one name on a line of its own (one author per line). ``family_first``: whole names
    are written family name first; None decides from the list itself (see :func:`written_family_first`).
    """
    truncated = False
    cut = _ET_AL.search(text)
    if cut:
        truncated = True
        text = text[:cut.start()]
    units = _units(text)
    if not units:
        return None
    if single and len(units) != 1:
        return None
    if family_first is None:
        family_first = written_family_first([text[a:b] for a, b in units])
    names = _pairs(text, units) or _singles(text, units, single, family_first)
    if not names:
        return None
    return NameList(tuple(Name(n.family, n.initials, n.start + offset, n.end + offset) for n in names), truncated)


def _units(text: str) -> list[tuple[int, int]]:
    """(start, end) of each separated piece, markers and degrees trimmed off; empty pieces dropped."""
    out, pos = [], 0
    for sep in _SEPARATOR.finditer(text):
        out.append((pos, sep.start()))
        pos = sep.end()
    out.append((pos, len(text)))
    units = []
    for a, b in out:
        a, b = _trim(text, a, b)
        if b > a and text[a:b].lower().rstrip(".") not in DEGREES:
            units.append((a, b))
    return units


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in ".,"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in _MARKERS + ",0123456789" or
                     unicodedata.category(text[b - 1]) == "No"):
        b -= 1
    return a, b


def _is_initials(piece: str) -> bool:
    return (bool(_INITIALS.fullmatch(piece.strip())) and any(c == "." for c in piece)) or bool(
        re.fullmatch(r"[A-Z\u00c0-\u00de]{1,3}", piece.strip()))


def _initials(piece: str) -> str:
    return "".join(c for c in piece if c.isupper())


def _pairs(text: str, units: list[tuple[int, int]]) -> list[Name]:
    """ "Family, I. , Family, I." or "Family, Given; Family, Given": every second unit completes the one before."""
    if len(units) < 2 or len(units) % 2:
        return []
    pieces = [text[a:b] for a, b in units]
    families, givens = pieces[0::2], pieces[1::2]
    dotted = all(_is_initials(g) for g in givens) and not any(_is_initials(f) for f in families)
    semicolons = len(units) >= 4 and text.count(";") == len(units) // 2 - 1 and text.count(",") == len(units) // 2
    if not (dotted or (semicolons and all(_family_words(g) for g in givens))):
        return []
    if not all(_family_words(f) for f in families):
        return []
    out = []
    for (fa, fb), (ga, gb) in zip(units[0::2], units[1::2], strict=True):
        given = text[ga:gb]
        initials = _initials(given) if _is_initials(given) else _given_initials(given.split())
        out.append(Name(_clean(text[fa:fb]), initials, fa, gb))
    return out


def written_family_first(names: list[str]) -> bool:
    """Whole names start with the family name when one of them starts with a particle ("El Ouahabi Abdessamad":
    given names take no particle) or with a family name in capitals ("OUDRHIRI Mohammed")."""
    for name in names:
        words = name.split()
        if len(words) >= 2 and ((words[0].lower() in PARTICLES and words[0][0].isupper())
                                or (words[0].isupper() and len(words[0]) > 3 and not words[1].isupper())):
            return True
    return False


def _singles(text: str, units: list[tuple[int, int]], single: bool, family_first: bool) -> list[Name]:
    out = []
    for a, b in units:
        name = _one(text[a:b], a, b, alone=single or len(units) == 1, family_first=family_first)
        if name is None:
            return []
        out.append(name)
    return out


def _one(piece: str, a: int, b: int, *, alone: bool, family_first: bool = False) -> Name | None:
    tokens = piece.replace("\u00a0", " ").split()
    if not tokens or len(tokens) > 6:
        return None
    m = re.fullmatch(r"((?:[A-Z\u00c0-\u00de]\.\s*-?\s*){1,4})\s*(\S.*)", piece)       # G. Maimone, J.-M. Coindre
    if m and _family_words(m.group(2)):
        return Name(_clean(m.group(2)), _initials(m.group(1)), a, b)
    last = tokens[-1]
    if len(tokens) >= 2 and re.fullmatch(r"(?:[A-Z\u00c0-\u00de]\.?-?){1,4}", last) and _family_words(
            " ".join(tokens[:-1])):                                                    # Liu A, Sankey EW, Tine B.A.
        return Name(_clean(" ".join(tokens[:-1])), _initials(last), a, b)
    if len(tokens) >= 2 and len(tokens[-2]) <= 3 and all(re.fullmatch(r"[A-Z]\.?", t) for t in tokens[-2:]):
        k = next(i for i in range(len(tokens)) if re.fullmatch(r"[A-Z]\.?", tokens[i]))
        if k and _family_words(" ".join(tokens[:k])):                                # Sankey E W
            return Name(_clean(" ".join(tokens[:k])), "".join(t[0] for t in tokens[k:]), a, b)
    if len(tokens) < 2 and not alone:
        return None
    if len(tokens) < 2 or not _family_words(piece.replace(".", " ")):
        return None
    if tokens[0].isupper() and len(tokens[0]) > 3 and not all(t.isupper() for t in tokens):
        k = next(i for i, t in enumerate(tokens) if not t.isupper())                 # OUDRHIRI Mohammed
        return Name(_clean(" ".join(tokens[:k])).title(), _given_initials(tokens[k:]), a, b)
    if family_first:                                                                 # El Ouahabi Abdessamad
        k = 0
        while k < len(tokens) - 1 and tokens[k].lower() in PARTICLES:
            k += 1
        k += 1
        return Name(_clean(" ".join(tokens[:k])), _given_initials(tokens[k:]), a, b)
    k = len(tokens) - 1                                                              # Given [Middle] Family
    while k > 1 and tokens[k - 1].lower() in PARTICLES:
        k -= 1
    if all(t.lower() in PARTICLES for t in tokens[:k]):
        k = 0                                                                        # El Kacemi: a family name
    if any(len(t.rstrip(".")) == 1 and not t.endswith(".") and t.isalpha() and t.isupper() for t in tokens[k:]):
        return None
    if k == 0:
        return Name(_clean(piece), "", a, b)
    return Name(_clean(" ".join(tokens[k:])), _given_initials(tokens[:k]), a, b)


def _given_initials(words: list[str]) -> str:
    out = ""
    for w in words:
        if w.lower() in PARTICLES:
            continue
        for part in re.split(r"-", w):
            letters = [c for c in part if c.isalpha()]
            if letters and letters[0].isupper():
                out += letters[0]
    return out


def _family_words(text: str) -> bool:
    """Capitalised words (hyphens, apostrophes, accents allowed) and particles, no digits or common words."""
    words = text.replace("\u00a0", " ").split()
    if not words or any(w.lower().strip(".") in _STOP for w in words):
        return False
    if not any(w[0].isupper() for w in words):
        return False
    return all(_WORD.match(w.rstrip(".")) or w.lower() in PARTICLES for w in words)


def _clean(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).strip(" .,")
