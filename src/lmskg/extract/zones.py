"""Page zones: what each part of a document is, before any fact is read from it.

Every line (and, for inline headings such as ``Case Report: A 52-year-old ...``, every part of a line) gets one
kind: ``furniture`` (navigation, banners, buttons, licence lines, a section outline), ``title``, ``authors``,
``affiliation``, ``citation`` (journal lines, running heads, "cite this" lines, catalogue records),
``metadata`` (identifiers, dates, copyright), ``heading``, ``text``, ``keywords``, ``index`` (MeSH terms,
publication types) or ``references``. Text and headings also carry the section they belong to (an individual
of ``lmskg:DocumentZone``: background, case presentation, results, ...).

The decision uses only features of a line and its neighbours: its position before or after the first running
text, its length, case and punctuation, digits and identifiers, whether it parses as a list of names or as a
citation, whether it names anything of the domain (the ontology lexicon), and whether it is a section heading
(the labels and synonyms, in several languages, of the ontology's document zones). No rule names a site.

>>> from lmskg.documents import from_text
>>> from lmskg.ontology import load_ontology
>>> doc = from_text("d", "Skip to main content\\nSpinal leiomyosarcoma: a case report\\nAna Lima, Rui Costa\\n"
...                 "Abstract\\nBackground: Leiomyosarcoma of the spine is rare in adults.")
>>> [z.kind for z in zones(doc, load_ontology())]
['furniture', 'title', 'authors', 'heading', 'text']
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from lmskg.documents.abstract import RUNNING_HEAD
from lmskg.documents.model import Document
from lmskg.extract.citations import catalogue_field, glued_label, parse_citation, parse_source
from lmskg.extract.lexicon import lexicon_for
from lmskg.extract.names import parse_names

ZONE = "https://w3id.org/lmskg/term/"
KINDS = ("furniture", "title", "authors", "affiliation", "citation", "metadata", "heading", "text", "keywords",
         "index", "references")
#: the zone individual of each kind (text and headings take their section's individual instead)
KIND_INDIVIDUALS = {"furniture": "FurnitureZone", "title": "TitleZone", "authors": "AuthorListZone",
                    "affiliation": "AffiliationZone", "citation": "CitationZone", "metadata": "MetadataZone",
                    "keywords": "KeywordsZone", "index": "IndexTermsZone", "references": "ReferenceListZone",
                    "heading": "BodyZone", "text": "BodyZone"}
DOMAIN = frozenset({"tumor", "anatomy", "procedure", "agent", "finding", "condition", "outcome", "profile"})

_NUMBERING = re.compile(r"^[:\s]*(?:\d+(?:\.\d+)*\.?|[IVX]+\.|[A-Z]\.)\s+")
_BULLET = re.compile(r"^(?:[-*\u2022\u25aa\u25cf\u2013]|\d+[.)]|\[\d+\])\s+")
_IDENTIFIER = re.compile(r"^(?:DOI|PMID|PMCID|e?-?ISSN|p-?ISSN|ISBN|Print ISSN|Online ISSN|Article ID|URL)\b"
                         r"\s*:?|^<?https?://\S+", re.I)
_COPYRIGHT = re.compile(r"^(?:\u00a9|\(c\)|Copyright\b|This (?:is an|article is) open[- ]access|Licen[sc]ed under|"
                        r"Creative Commons|All rights reserved|Open Access\s*[.:]|This work is licensed)", re.I)
_DATED = re.compile(r"^(?:Received|Accepted|Published|Revised|Submitted|Epub|Available online|Published online|"
                    r"First published|Online publication date|Issue date|Recebido|Aceito|Publicado|Recibido|"
                    r"Aceptado|Data de publica\w+|Fecha de publicaci\w+)\b[^\n]{0,80}$", re.I)
_AFFILIATION = re.compile(
    r"\b(?:Department|Dept\.?|Division|Service|Laborator(?:y|ies)|Institute|Institut|Instituto|Universit(?:y|é|ät)|"
    r"Universidad|Universidade|Universit[àa]|Hospital|H[ôo]pital|Hospitais|Faculty|Facultad|Faculdade|Facult[ée]|"
    r"School of|College|Medical Cent(?:er|re)|Cancer Cent(?:er|re)|Centro|Clinic|Cl[íi]nica|Klinik|"
    r"Research Cent(?:er|re))\b")
_BYLINE = re.compile(r"^[,\s]*(?:by|por)\s+\S", re.I)
REFERENCE_LABEL = re.compile(r"[ \t]*(?:<sup>\s*(\d+)\)\s*</sup>|(\d+)\)|\[(\d+)\]|\[\^(\d+)\]:)[ \t]*")
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*$|[.!?]\s+[A-Z\u00c0-\u00de]")


@dataclass(frozen=True, slots=True)
class Zone:
    """A part of the document: its kind, offsets into ``Document.text`` and, for text, the section it is in."""

    kind: str
    start: int
    end: int
    section: str | None = None          # IRI of the section individual (text and headings)

    @property
    def individual(self) -> str:
        """The ``lmskg:DocumentZone`` individual an evidence span in this zone points to."""
        if self.kind in ("text", "heading") and self.section:
            return self.section
        return ZONE + KIND_INDIVIDUALS[self.kind]


class Zones:
    """The zones of one document in order, with look-ups by offset and kind."""

    def __init__(self, zones: list[Zone]) -> None:
        self._zones = sorted(zones, key=lambda z: z.start)
        self._starts = [z.start for z in self._zones]

    def __iter__(self) -> Iterator[Zone]:
        return iter(self._zones)

    def __len__(self) -> int:
        return len(self._zones)

    def at(self, offset: int) -> Zone | None:
        """The zone holding character ``offset``, or None between zones."""
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self._zones[i].end:
            return self._zones[i]
        return None

    def of(self, *kinds: str) -> list[Zone]:
        return [z for z in self._zones if z.kind in kinds]


@dataclass
class _Line:
    start: int
    end: int
    text: str                          # the normalised line without its bullet
    bullet: bool
    domain: int                        # mentions of the domain vocabulary
    raw: str = ""                      # the normalised line as written
    kind: str = ""
    section: str | None = None
    feature: str = ""                  # what the line intrinsically looks like

    @property
    def words(self) -> int:
        return len(self.text.split())


def zones(doc: Document, ontology: object) -> Zones:
    """The zones of ``doc``; every character of a non-empty line is in exactly one zone."""
    if doc.regions:
        return _xml_zones(doc)
    labels = section_labels(ontology)
    lexicon = lexicon_for(ontology)
    analysis = lexicon.analyse(doc.normalized)
    lines = _lines(doc, analysis)
    for line in lines:
        line.feature = _feature(line, labels)
    _assign(lines, labels, doc.kind)
    out: list[Zone] = []
    for line in lines:
        out.extend(_split_inline(doc.normalized, line, labels))
    return Zones(out)


# -- section labels -------------------------------------------------------------------------------------------

@lru_cache(maxsize=4)
def _labels_of(ontology: object) -> dict[str, str]:
    out: dict[str, str] = {}
    for entry in ontology.lexicon():                     # type: ignore[attr-defined]
        if entry.category == "zone":
            out.setdefault(_key(entry.text), entry.term)
    return out


def section_labels(ontology: object) -> dict[str, str]:
    """Every heading text of the ontology's document zones (folded) and the zone individual it names."""
    return _labels_of(ontology)


def _key(text: str) -> str:
    return " ".join(text.lower().replace("\u00a0", " ").strip(" :.-\u2013\u2014").split())


def _label(text: str, labels: dict[str, str]) -> str | None:
    """The zone a whole line names as a heading ("Abstract", "2. Materials and Methods", "CASE REPORT:")."""
    t = _NUMBERING.sub("", text.lstrip("#").strip())
    return labels.get(_key(t)) if len(t) <= 60 else None


SECTION = ZONE + "{}"
_HEADING_ONLY = {ZONE + n for n in ("AuthorListZone", "AffiliationZone", "CitationZone", "MetadataZone",
                                    "KeywordsZone", "IndexTermsZone", "ReferenceListZone", "BackMatterZone")}


# -- lines and their features ----------------------------------------------------------------------------------

def _lines(doc: Document, analysis: object) -> list[_Line]:
    out, pos = [], 0
    text = doc.normalized
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        a, b = pos, pos + len(body)
        pos += len(raw)
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b <= a:
            continue
        if out and re.match(r"[.;]\s*\d", text[a:b]):
            previous = out.pop()                      # "J Neurosurg Spine" / ". 2012 Nov;17(5):432-7."
            a = previous.start
        line = text[a:b]
        bullet = _BULLET.match(line)
        stripped = line[bullet.end():] if bullet else line
        domain = sum(1 for m in analysis.within(a, b) if m.category in DOMAIN)   # type: ignore[attr-defined]
        out.append(_Line(a, b, " ".join(stripped.split()), bool(bullet), domain, raw=line))
    return out


def _feature(line: _Line, labels: dict[str, str]) -> str:
    t = line.text
    label = REFERENCE_LABEL.match(line.raw) or (_BULLET.match(line.raw) if line.bullet else None)
    if label and _reference_entry(line.raw, label.end()):
        return "reference"
    if line.bullet and re.match(r"\d+\.\s", line.raw) and line.words <= 10 and not t.endswith(".") \
            and t[:1].isupper():
        return "label" if _label(t, labels) else "numbered"      # "3. Results": a numbered heading
    if line.bullet:
        return "item"
    if t.startswith("#"):
        return "markdown"
    if _label(t, labels):
        return "label"
    if re.fullmatch(r"<sup>\s*\d+\)\s*</sup>|\d+\)", t):
        return "footnote"
    if RUNNING_HEAD.fullmatch(t):
        return "citation"
    if _IDENTIFIER.match(t):
        return "identifier"
    if _COPYRIGHT.match(t):
        return "copyright"
    if _DATED.match(t):
        return "dated"
    if _BYLINE.match(t):
        return "byline"
    inline = _inline_label(t, labels)
    if inline is not None:
        return "inline"
    if parse_source(t) is not None and len(t) <= 200 and not _PROSE.search(t):
        return "citation"
    if line.words >= 6 and _cite_line(t):
        return "citation"
    if (glued_label(t) is not None or catalogue_field(t) is not None) and parse_names(t, single=True) is None:
        return "catalogue"
    if line.domain == 0 and not line.bullet and len(t) <= 400 and parse_names(
            t, single="," not in t and ";" not in t) is not None:
        return "names"
    if _AFFILIATION.search(t) and not _SENTENCE_END.search(t[:-1] if t.endswith(".") else t):
        return "affiliation"
    if re.match(r"^[:\s]*\d+(?:\.\d+)*\.?\s+[A-Z]", t) and line.words <= 10 and not t.endswith("."):
        return "numbered"
    if t.endswith("?") and line.words <= 12:
        return "question"
    lower = sum(1 for w in t.split() if w[:1].islower())
    if line.words >= 8 and lower >= 3 and (_SENTENCE_END.search(t) or line.words >= 20):
        return "prose"
    return "short"


def _reference_entry(t: str, start: int) -> bool:
    found = parse_citation(t, start)
    return found is not None and found.names is not None and found.title is not None


_PROSE = re.compile(r"\b(?:was|were|underwent|presented|showed|had)\b|[a-z]{2,}\.\s+[A-Z][a-z]")   # sentences


def _cite_line(t: str) -> bool:
    found = parse_citation(t)
    return found is not None and found.complete() and found.names is not None and len(found.names.names) >= 1


def _inline_label(t: str, labels: dict[str, str]) -> str | None:
    m = re.match(r"^([^:]{2,60}?)\s*:\s*\S", t)
    if m is None:
        return None
    return labels.get(_key(_NUMBERING.sub("", m.group(1))))


# -- assigning kinds in context -------------------------------------------------------------------------------

def _assign(lines: list[_Line], labels: dict[str, str], kind: str) -> None:
    if not lines:
        return
    head_end = _text_start(lines, 0, labels)
    following = lines[head_end + 1] if head_end + 1 < len(lines) else None
    if head_end < len(lines) and _prose_title(lines[head_end]) and not any(
            _title_like(x, kind) for x in lines[:head_end]) and following is not None and \
            following.feature in ("inline", "label", "names", "affiliation", "citation", "numbered", "markdown"):
        lines[head_end].feature = "short"                 # a long title, with or without its final period
        head_end = _text_start(lines, head_end + 1, labels)
    _head(lines[:head_end], labels, kind)
    _body(lines, head_end, labels)


_LISTS = {ZONE + "ReferenceListZone", ZONE + "IndexTermsZone"}
_RECORD_FEATURES = frozenset({"citation", "identifier", "dated", "catalogue", "names", "affiliation", "copyright"})


def _text_start(lines: list[_Line], start: int, labels: dict[str, str]) -> int:
    """The first line of running text: prose, an inline section ("Background: ..."), or a section heading
    that running text follows ("Abstract" above "Background"; not a "Case Reports" banner above a journal)."""
    for i in range(start, len(lines)):
        x = lines[i]
        if x.feature in ("prose", "inline") or (x.feature == "label" and _label(x.text, labels) in _LISTS):
            return i
        if x.feature == "label" and _label(x.text, labels) not in _HEADING_ONLY:
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if nxt is None or nxt.feature not in _RECORD_FEATURES:
                return i
    return len(lines)


def _head(head: list[_Line], labels: dict[str, str], kind: str) -> None:
    """Lines above the first running text: furniture, title, authors, affiliations, citation and metadata."""
    candidates = []
    for i, x in enumerate(head):
        if x.feature in ("footnote", "reference") or (i and head[i - 1].feature == "footnote"):
            x.kind = "references"
        elif x.feature in ("citation", "identifier", "copyright", "dated", "catalogue"):
            x.kind = "citation" if x.feature in ("citation", "catalogue") else "metadata"
        elif x.feature == "label" and _label(x.text, labels) in _HEADING_ONLY:
            x.kind, x.section = "heading", _label(x.text, labels)
        elif _title_like(x, kind):
            candidates.append(i)
    above_authors = [i for i in candidates if i + 1 < len(head) and head[i + 1].feature in ("names", "affiliation")]
    title = (above_authors or candidates or [None])[0]
    if title is None and head and not head[-1].kind and head[-1].feature == "short" and head[-1].words >= 4 \
            and not head[-1].text.endswith(("?", ":")):
        title = len(head) - 1                         # no domain word, but right above the text: the title
    if title is not None:
        head[title].kind = "title"
    authors_seen = False
    for i, x in enumerate(head):
        if x.kind:
            continue
        if x.feature == "names" and ((title is not None and i > title) or _after_author_label(head, i, labels)):
            x.kind, authors_seen = "authors", True
        elif x.feature == "affiliation" and (authors_seen or (title is not None and i > title)):
            x.kind = "affiliation"
        elif x.feature == "byline":
            x.kind = "metadata"
        elif title is not None and x.text == head[title].text:
            x.kind = "furniture"                          # the title printed twice
        else:
            x.kind = "furniture"
    _one_per_line_authors(head)


_COPULA = re.compile(r"\b(?:is|are|was|were|has|have|had|can|may|might|will|would|should|must|does|do)\b", re.I)


def _prose_title(x: _Line) -> bool:
    """A first line that reads like prose but is a title: one sentence, no finite verb of being or having
    ("A rare presentation of leiomyosarcoma metastasis to the cervical spine: A case report.")."""
    t = x.text.rstrip(".")
    return (x.domain >= 1 and x.words <= 40 and not re.search(r"[.!?]\s+[A-Z]", t) and not _COPULA.search(t)
            and not t.endswith(":"))


def _title_like(x: _Line, kind: str) -> bool:
    if x.feature == "markdown":
        return bool(re.match(r"#\s+\S", x.text))
    if x.feature not in ("short", "names", "numbered", "prose") or x.bullet:
        return False
    if x.feature == "prose" and x.text.endswith(".") and x.words > 30:
        return False
    return x.domain >= 1 and not x.text.endswith(("?", ":"))


def _after_author_label(head: list[_Line], i: int, labels: dict[str, str]) -> bool:
    previous = next((x for x in reversed(head[:i]) if x.kind != "authors"), None)
    return previous is not None and _label(previous.text, labels) == ZONE + "AuthorListZone"


def _one_per_line_authors(head: list[_Line]) -> None:
    """A single name on a line counts only beside other names or under an author heading: "Split View" is not
    an author, "Oudrhiri Mohammed Yassaad" among five others is."""
    runs: list[list[_Line]] = []
    for x in head:
        if x.kind == "authors":
            if runs and runs[-1] and runs[-1][-1] is not None:
                runs[-1].append(x)
            else:
                runs.append([x])
        else:
            runs.append([])
    for run in runs:
        if len(run) == 1 and "," not in run[0].text and ";" not in run[0].text and run[0].words < 2:
            run[0].kind = "furniture"


def _body(lines: list[_Line], start: int, labels: dict[str, str]) -> None:
    section: str | None = None
    in_abstract = False
    mode = ""                                       # "references", "index", "keywords", "cite", "tail"
    for i in range(start, len(lines)):
        x = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        label = _label(x.text, labels) if x.feature in ("label", "markdown", "numbered") else None
        if x.feature in ("label", "markdown", "numbered", "question") or (
                x.feature == "short" and _heading_like(x, nxt)):
            if label == ZONE + "AbstractSection":
                in_abstract = True
            elif label is not None and label not in _SUBSECTIONS:
                in_abstract = False
            if _outline(lines, i, labels):
                x.kind = "furniture"
                continue
            x.kind, section = "heading", label
            x.section = label
            mode = {ZONE + "ReferenceListZone": "references", ZONE + "IndexTermsZone": "index",
                    ZONE + "KeywordsZone": "keywords", ZONE + "CitationZone": "cite"}.get(label or "", "")
            if label == ZONE + "AuthorListZone":
                mode = "authors"
            continue
        if x.feature == "footnote":
            x.kind, mode = "references", "footnote"
            continue
        if x.feature == "reference":
            x.kind = "references"
            continue
        if mode == "footnote":
            x.kind, mode = "references", ""
            continue
        if x.feature in ("identifier", "copyright", "dated", "catalogue"):
            x.kind = "citation" if x.feature == "catalogue" else "metadata"
            if mode != "references":
                mode = "record"
            continue
        if mode == "references":
            x.kind = "references"
            continue
        if mode == "index":
            x.kind = "index" if x.bullet or x.words <= 6 else "text"
            continue
        if mode in ("keywords", "cite", "authors"):
            x.kind = {"keywords": "keywords", "cite": "citation", "authors": "authors"}[mode]
            mode = ""
            continue
        if x.feature == "inline":
            inline = _inline_label(x.text, labels)
            if inline == ZONE + "KeywordsZone":
                x.kind = "keywords"
                continue
            if inline == ZONE + "CitationZone":
                x.kind = "citation"
                continue
            x.kind, x.section = "text", inline
            section = inline
            continue
        if x.feature == "citation":
            x.kind, mode = "citation", "record"
            continue
        if x.feature == "names" and x.domain == 0:
            x.kind = "authors"                              # signatures under a letter
            continue
        if x.feature == "affiliation" and x.domain == 0:
            x.kind = "affiliation"
            continue
        if (mode == "record" and x.domain == 0) or (mode == "record" and x.feature != "item"):
            x.kind = "furniture"                            # after the page's record of itself: portal text
            continue
        if mode == "tail" or (x.feature == "short" and x.domain == 0 and not re.search(r"\d", x.text)):
            if x.domain == 0:
                x.kind, mode = "furniture", "tail"        # page tools after the text, and their prose
                continue
            mode = ""
        x.kind = "text"
        x.section = section or (ZONE + "AbstractSection" if in_abstract else None)
    _empty_sections(lines[start:])


def _empty_sections(lines: list[_Line]) -> None:
    """A heading of its own wording whose text names nothing of the domain is page furniture with its text
    ("Full text links" / "We have located links that may give you full text access.")."""
    i = 0
    while i < len(lines):
        if lines[i].kind == "heading" and lines[i].section is None:
            j = i + 1
            while j < len(lines) and lines[j].kind in ("text", "furniture"):
                j += 1
            block = lines[i:j]
            if sum(x.domain for x in block) == 0 and any(x.kind == "text" for x in block):
                for x in block:
                    x.kind, x.section = "furniture", None
            i = j
        else:
            i += 1


_SUBSECTIONS = {ZONE + n for n in ("BackgroundSection", "MethodsSection", "ResultsSection",
                                   "CasePresentationSection", "DiscussionSection", "ConclusionSection")}


def _heading_like(x: _Line, nxt: _Line | None) -> bool:
    """A short line, without sentence punctuation, followed by running text: a heading of its own wording
    ("Epidemiology", "Radiographic features")."""
    t = x.text
    return (nxt is not None and nxt.feature in ("prose", "short") and x.words <= 6 and not x.bullet
            and not re.search(r"[.,;:%\d]", t) and t[:1].isupper() and nxt.words > x.words)


def _outline(lines: list[_Line], i: int, labels: dict[str, str]) -> bool:
    """A heading inside a run of three or more headings with nothing between them is a section outline
    (navigation); the last of the run is a heading again when content follows it."""
    def heading(k: int) -> bool:
        return 0 <= k < len(lines) and lines[k].feature in ("label", "numbered", "markdown")

    lo = i
    while heading(lo - 1):
        lo -= 1
    hi = i
    while heading(hi + 1):
        hi += 1
    if hi - lo + 1 < 3:
        return False
    return i != hi or hi + 1 >= len(lines)


def _split_inline(text: str, line: _Line, labels: dict[str, str]) -> list[Zone]:
    """A text line that starts new sections inside it ("Abstract: Introduction: ... Case Report: ...")."""
    zone = Zone(line.kind or "text", line.start, line.end, line.section)
    if zone.kind != "text":
        return [zone]
    cuts: list[tuple[int, str]] = []
    for m in re.finditer(r"(?:^|(?<=[.!?:]\s))([A-Z][A-Za-z ]{1,40}?)\s*:\s+(?=\S)", text[line.start:line.end]):
        iri = labels.get(_key(m.group(1)))
        if iri is not None and iri not in _HEADING_ONLY:
            cuts.append((line.start + m.start(1), iri))
    if not cuts:
        return [zone]
    out, pos, section = [], line.start, zone.section
    for at, iri in cuts:
        if at > pos:
            out.append(replace(zone, start=pos, end=_rstrip(text, pos, at), section=section))
        pos, section = at, iri
    out.append(replace(zone, start=pos, end=line.end, section=section))
    return [z for z in out if z.end > z.start]


def _rstrip(text: str, a: int, b: int) -> int:
    while b > a and text[b - 1].isspace():
        b -= 1
    return b


# -- PubMed XML ---------------------------------------------------------------------------------------------------

_XML_KINDS = {"ArticleTitle": "title", "AbstractText": "text", "Author": "authors", "JournalTitle": "citation",
              "ISOAbbreviation": "citation", "Volume": "citation", "Issue": "citation", "MedlinePgn": "citation",
              "PubDate/Year": "citation", "PMID": "metadata", "DOI": "metadata", "PublicationType": "index",
              "Keyword": "keywords"}


def _xml_zones(doc: Document) -> Zones:
    out = []
    for r in doc.regions:
        kind = _XML_KINDS.get(r.name)
        if kind is not None:
            section = None
            if kind == "text" and r.label:
                section = _labels_of_xml(r.label)
            out.append(Zone(kind, r.start, r.end, section))
    return Zones(out)


def _labels_of_xml(label: str) -> str | None:
    from lmskg.ontology import load_ontology

    return section_labels(load_ontology()).get(_key(label))


_LAST: list[tuple[Document, object, Zones]] = []


def zones_for(doc: Document, ontology: object) -> Zones:
    """``zones(doc, ontology)``, computed once for the document being extracted."""
    if _LAST and _LAST[0][0] is doc and _LAST[0][1] is ontology:
        return _LAST[0][2]
    found = zones(doc, ontology)
    _LAST[:] = [(doc, ontology, found)]
    return found
