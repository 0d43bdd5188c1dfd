"""Citation strings: one parser for the styles publications and their pages write.

Recognised: NLM/Vancouver (``Liu A, Sankey EW. Title. J Neurosurg Spine. 2015 Sep;23(5):1-14.``), MDPI/ACS
(``Tawbi, H.A.; Burgess, M.; et al. Title. Lancet Oncol. 2017, 18, 1493–1501.``), APA (``Imoumby, F. ,
Dokponou, Y. (2021) Title. Journal, 11, 107-113.``), the quoted-title style of "Cite this paper" lines
(``G. Maimone and M. Cambria, "Title," Journal, Vol. 3 No. 4, 2013, pp. 98-103.``), publishers' "cite" lines
with labelled parts (``Authors, Title, Journal, Volume 52, Issue 2, February 2022, Pages 143–150, https://doi.org/...``)
and bare source lines (``The Pan African Medical Journal 2016;24``, ``BMC Cancer 2014, 14:981``). Identifiers
(DOI, also inside a link; PMID; PMCID) are read wherever the string writes them; link labels such as
``[CrossRef]`` carry none. A DOI cut off at the end of the text is never returned.

Everything works on a document's normalised text and returns offsets into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lmskg.extract.names import NameList, parse_names

YEAR = r"(?:19|20)\d\d"
MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                      "dec"), start=1)}
MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
         r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
PAGES = r"[A-Za-z]?\d+(?:\s*-\s*[A-Za-z]?\d+)?"
DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>\]\[]+)")
PMID = re.compile(r"\b(?:PubMed\s+)?PMID\s*:?\s*(\d{1,9})\b")
PMCID = re.compile(r"\b(?:PMCID\s*:?\s*)?(PMC\d{3,9})\b")
LINK_LABEL = re.compile(r"\s*\[(?:Google Scholar|CrossRef|Crossref|PubMed|Green Version|Ref list|Web of Science|"
                        r"Scopus|Full Text|Article|PMC free article|Free full text)\]", re.I)

_NLM_SOURCE = re.compile(
    rf"(?P<journal>[A-Z][^.;:\n]{{0,100}}?)\s*\.\s+(?P<year>{YEAR})(?:\s+(?P<month>{MONTH})(?:\s+(?P<day>\d{{1,2}}))?)?"
    rf"(?:\s*;\s*(?P<volume>[A-Za-z]?\d+[A-Za-z]?)?(?:\s*\((?P<issue>[^)\n]{{1,20}})\))?)?"
    rf"(?:\s*:\s*(?P<pages>{PAGES}))?")
_NLM_SOURCE_NO_STOP = re.compile(_NLM_SOURCE.pattern.replace(r"\s*\.\s+(?P<year>", r"\s*\.?\s+(?P<year>", 1))
_VOL_YEAR_SOURCE = re.compile(
    rf"(?P<journal>[A-Z][^:;,.\n\d]{{3,100}}?)\s*[:,.]?\s+Vol(?:ume)?\.?\s*(?P<volume>\d+)"
    rf"(?:\s*,?\s*(?:No|Issue)\.?\s*(?P<issue>\w+))?\s*\(\s*(?P<year>{YEAR})\s*\)"
    rf"(?:\s*[:,]\s*(?:pp?\.\s*)?(?P<pages>{PAGES}))?")
_MDPI_SOURCE = re.compile(
    rf"(?<=[.?!]\s)(?P<journal>[A-Z][^,;:\n]{{0,80}}?)\s+(?P<year>{YEAR}),\s*(?P<volume>\d+)(?:,\s*(?P<issue>\d+))?,"
    rf"\s*(?P<pages>{PAGES})")
_BARE_SOURCE = re.compile(
    rf"(?P<journal>[A-Z][^;:.\n]{{2,100}}?)\.?\s+(?P<year>{YEAR})\s*[;,]\s*(?P<volume>\d+)"
    rf"(?:\s*\((?P<issue>[^)\n]{{1,20}})\))?(?:\s*:\s*(?P<pages>{PAGES}))?")
_QUOTED = re.compile(
    r"(?P<authors>[^\"]+?),?\s*\"(?P<title>[^\"]+?),?\"\s*,?\s*(?P<journal>[^,\"]+?),\s*Vol\.\s*(?P<volume>\w+)"
    rf"(?:\s*,?\s*No\.\s*(?P<issue>\w+))?\s*,\s*(?P<year>{YEAR})(?:\s*,\s*pp?\.\s*(?P<pages>{PAGES}))?")
_APA = re.compile(
    rf"(?P<authors>.+?)\s*\(\s*(?P<year>{YEAR})\s*\)\.?\s*(?P<title>.+?)[.?!]\s+(?P<journal>[A-Z][^,.]+?),\s*"
    rf"(?P<volume>\w+)(?:\s*\((?P<issue>\w+)\))?\s*,\s*(?P<pages>{PAGES})")
_LABELLED = re.compile(
    rf",\s*Vol(?:ume|\.)?\s*(?P<volume>\d+)(?:\s*,\s*(?:Issue|No\.?)\s*(?P<issue>\w+))?"
    rf"(?:\s*,\s*(?:(?P<month>{MONTH})\s+)?(?P<year>{YEAR}))?(?:\s*,\s*(?:Pages?|pp?\.)\s*(?P<pages>{PAGES}))?")


@dataclass(frozen=True, slots=True)
class Part:
    """A value read from the text, with the offsets it was read from."""

    value: str
    start: int
    end: int


@dataclass
class Citation:
    """What a citation string says; every part optional."""

    start: int
    end: int
    names: NameList | None = None
    title: Part | None = None
    journal: Part | None = None
    year: Part | None = None
    date: Part | None = None                 # ISO 8601, as precise as written
    volume: Part | None = None
    issue: Part | None = None
    pages: Part | None = None
    doi: Part | None = None
    pmid: Part | None = None
    pmcid: Part | None = None
    style: str = ""
    extra: dict[str, Part] = field(default_factory=dict)

    def complete(self) -> bool:
        """Title and a source (journal or year) were read: a record of a publication."""
        return self.title is not None and (self.journal is not None or self.year is not None)


def parse_citation(text: str, start: int = 0, end: int | None = None) -> Citation | None:
    """The citation written in ``text[start:end]``, or None when no style fits."""
    end = len(text) if end is None else end
    end = _before_link_labels(text, start, end)
    for style in (_quoted, _apa, _labelled, _nlm, _mdpi):
        found = style(text, start, end)
        if found is not None:
            identifiers(text, found, start, end)
            return found
    return None


def parse_source(text: str, start: int = 0, end: int | None = None) -> Citation | None:
    """A source line without title or authors: ``J Obstet Gynaecol Res. 2020 May;46(5):795-800. doi: ...``,
    ``The Pan African Medical Journal 2016;24``."""
    end = len(text) if end is None else end
    for pattern, style in ((_NLM_SOURCE, "nlm"), (_BARE_SOURCE, "source"), (_VOL_YEAR_SOURCE, "source")):
        m = pattern.match(text, start, end)
        if m and (m.group("volume") or m.groupdict().get("month") or m.group("pages")) and \
                len(m.group("journal").split()) <= 12 and not text[start:m.end()].count(". ") > 1:
            found = Citation(start, end, style=style)
            _source(text, found, m)
            identifiers(text, found, start, end)
            return found
    return None


def identifiers(text: str, found: Citation, start: int, end: int) -> None:
    """DOI, PMID and PMCID written in ``text[start:end]``, put into ``found`` where it has none yet."""
    if found.doi is None:
        found.doi = find_doi(text, start, end)
    m = PMID.search(text, start, end)
    if m and found.pmid is None:
        found.pmid = Part(m.group(1), m.start(1), m.end(1))
    m = PMCID.search(text, start, end)
    if m and found.pmcid is None:
        found.pmcid = Part(m.group(1), m.start(1), m.end(1))


def find_doi(text: str, start: int = 0, end: int | None = None) -> Part | None:
    """The first complete DOI in ``text[start:end]``, trailing punctuation removed.

    >>> find_doi("doi: 10.4236/ojmn.2013.34018. Next").value
    '10.4236/ojmn.2013.34018'
    >>> find_doi("see https://doi.org/10.1093/jjco/hyab176, p. 2").value
    '10.1093/jjco/hyab176'
    >>> find_doi("doi: 10.4236/ojmn.") is None      # the text ends inside the DOI
    True
    >>> find_doi("doi: 10.4236/ojmn.2013.34018.").value
    '10.4236/ojmn.2013.34018'
    """
    end = len(text) if end is None else end
    for m in DOI.finditer(text, start, end):
        raw = m.group(1)
        value = raw
        while value and (value[-1] in ".,;:}'" or (value[-1] == ")" and value.count("(") < value.count(")"))):
            value = value[:-1]
        if not re.fullmatch(r"10\.\d{4,9}/\S*[A-Za-z0-9]\S*", value):
            continue
        closed = ")" in raw[len(value):]
        if not text[m.end(1):].strip() and raw[-1] in "./-_(" and not closed and _looks_cut(value):
            continue                                  # cut off where the stored text ends
        return Part(value, m.start(1), m.start(1) + len(value))
    return None


def _looks_cut(doi: str) -> bool:
    """A DOI at the very end of a text, ending in a separator, is cut when what is left has no digit after the
    registrant or ends in a part of one or two characters ("10.4236/ojmn.", "10.3171/2012.8.")."""
    suffix = doi.split("/", 1)[1]
    return not re.search(r"\d", suffix) or len(re.split(r"[./_-]", suffix)[-1]) <= 2


def month_number(text: str | None) -> int | None:
    return MONTHS.get((text or "")[:3].lower())


# -- styles -------------------------------------------------------------------------------------------------

def _quoted(text: str, start: int, end: int) -> Citation | None:
    m = _QUOTED.match(text, start, end)
    if m is None:
        return None
    found = _grouped(text, m, start, end, "quoted")
    return found if found.names is not None else None


def _apa(text: str, start: int, end: int) -> Citation | None:
    m = _APA.match(text, start, end)
    if m is None or not re.search(r"[A-Z]\.", m.group("authors")):
        return None
    found = _grouped(text, m, start, end, "apa")
    return found if found.names is not None else None


def _grouped(text: str, m: re.Match[str], start: int, end: int, style: str) -> Citation:
    found = Citation(start, end, style=style)
    found.names = parse_names(m.group("authors"), m.start("authors"))
    for name in ("title", "journal", "year", "volume", "issue", "pages"):
        if m.group(name):
            setattr(found, name, _part(text, m.start(name), m.end(name)))
    return found


def _labelled(text: str, start: int, end: int) -> Citation | None:
    """ "A Author, B Author, Title, Journal, Volume 52, Issue 2, February 2022, Pages 143–150, https://doi.org/..." """
    m = _LABELLED.search(text, start, end)
    if m is None or not (m.group("year") or m.group("pages")):
        return None
    units = _comma_units(text, start, m.start())
    if len(units) < 2:
        return None
    names_end = 0
    for i in range(len(units) - 2, 0, -1):                  # the longest run of leading names
        if parse_names(text[units[0][0]:units[i - 1][1]]) is not None and \
                parse_names(text[units[i][0]:units[i][1]]) is None:
            names_end = i
            break
    found = Citation(start, end, style="labelled")
    if names_end:
        found.names = parse_names(text[units[0][0]:units[names_end - 1][1]], units[0][0])
    title = units[names_end:-1]
    if not title:
        return None
    found.title = _part(text, title[0][0], title[-1][1])
    found.journal = _part(text, units[-1][0], units[-1][1])
    _source(text, found, m)
    return found


def _nlm(text: str, start: int, end: int) -> Citation | None:
    src = None
    for pattern in (_NLM_SOURCE, _NLM_SOURCE_NO_STOP):
        src = next((m for m in pattern.finditer(text, start, end)
                    if m.start() > start and (m.group("volume") or m.group("pages") or m.group("month"))), None)
        if src is not None:
            break
    if src is None:
        return None
    found = Citation(start, end, style="nlm")
    title_start = _authors(text, found, start, src.start())
    if title_start >= src.start("journal"):
        return None
    found.title = _part(text, title_start, src.start("journal"))
    _source(text, found, src)
    return found


def _mdpi(text: str, start: int, end: int) -> Citation | None:
    src = next(iter(_MDPI_SOURCE.finditer(text, start, end)), None)
    if src is None:
        return None
    found = Citation(start, end, style="mdpi")
    journal_start = _journal_start(text, start, src.start("year"))
    if journal_start is None:
        return None
    title_start = _authors(text, found, start, journal_start)
    if journal_start <= title_start:
        return None
    found.title = _part(text, title_start, journal_start)
    found.journal = _part(text, journal_start, src.end("journal"), keep_period=True)
    for name in ("year", "volume", "issue", "pages"):
        if src.group(name):
            setattr(found, name, _part(text, src.start(name), src.end(name)))
    return found


def _authors(text: str, found: Citation, start: int, stop: int) -> int:
    """Read the author list at the head of a reference; return where the title starts."""
    best = None
    for m in re.finditer(r"\.\s+(?=\S)", text[start:stop]):
        names = parse_names(text[start:start + m.start() + 1], start)
        if names is not None:
            best = (names, start + m.end())
    if best is None:
        return start
    found.names = best[0]
    return best[1]


def _journal_start(text: str, lo: int, year: int) -> int | None:
    """Where an abbreviated journal name starts before ``year``: the run of short capitalised segments after the
    title ("... in 113 patients. J. Gynecol. Oncol. 2014")."""
    pieces = [m.end() for m in re.finditer(r"[.?!]\s+", text[lo:year]) if lo + m.end() < year]
    candidate = None
    for cut in reversed(pieces):
        segment = text[lo + cut:year].strip()
        words = segment.replace(".", " ").split()
        if words and all(w[0].isupper() or w.lower() in ("of", "and", "the", "&", "for", "in") for w in words) \
                and all(len(seg.split()) <= 4 for seg in segment.split(". ")):
            candidate = lo + cut
        else:
            break
    return candidate


def _source(text: str, found: Citation, m: re.Match[str]) -> None:
    groups = m.groupdict()
    if groups.get("journal") and found.journal is None:
        found.journal = _part(text, m.start("journal"), m.end("journal"))
    if groups.get("year"):
        found.year = _part(text, m.start("year"), m.end("year"))
        month = month_number(groups.get("month"))
        if month:
            day = groups.get("day")
            value = f"{groups['year']}-{month:02d}" + (f"-{int(day):02d}" if day else "")
            found.date = Part(value, m.start("year") if m.start("year") < m.start("month") else m.start("month"),
                              max(m.end("day") if day else m.end("month"), m.end("year")))
    for name in ("volume", "issue", "pages"):
        if groups.get(name):
            setattr(found, name, _part(text, m.start(name), m.end(name)))


def _comma_units(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in re.finditer(r",\s*", text[start:end]):
        out.append((pos, start + m.start()))
        pos = start + m.end()
    out.append((pos, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _part(text: str, start: int, end: int, *, keep_period: bool = False) -> Part:
    while start < end and text[start] in " \t\r\n,;:\"*":
        start += 1
    trail = " \t\r\n,;:\"*" if keep_period else " \t\r\n,;:.\"*"
    while end > start and text[end - 1] in trail:
        end -= 1
    return Part(" ".join(text[start:end].replace("*", " ").split()), start, end)


def _before_link_labels(text: str, start: int, end: int) -> int:
    first = LINK_LABEL.search(text, start, end)
    return first.start() if first else end


# -- catalogue records -------------------------------------------------------------------------------------------

_FIELD_LABELS = (
    ("title", r"title|t[íi]tulo|titre|article title"),
    ("authors", r"authors?|autor(?:es|\(es\))?|auteurs?|author\(s\)"),
    ("journal", r"journal|journal title|source|revista|peri[óo]dico|published in|source title"),
    ("volume", r"vol(?:ume|\.)?|volumen"),
    ("issue", r"issue(?: number| no\.?)?|n[úu]mero|fasc[íi]culo|number"),
    ("pages", r"pages(?: \(from-to\))?|page range|p[áa]ginas|pp\.?"),
    ("year", r"publication (?:status|date|year)|year|date published|ano|a[ñn]o|data de publica\w+|"
             r"fecha de publicaci\w+|date of publication"),
    ("doi", r"doi"),
    ("pmid", r"pmid|pubmed id"),
)
_GLUED = re.compile(r"([A-Z][a-z]{2,}(?: [a-z]+| \([a-z-]+\)){0,3})(?<=[a-z)])([A-Z0-9].*)$")
_LABEL_VALUE = re.compile(r"([A-Z][\w ().-]{1,30}?)\s*:\s*(\S.*)$")


def glued_label(text: str, start: int = 0, end: int | None = None) -> tuple[str, int] | None:
    """ "JournalUpsala Journal of Medical Sciences": a catalogue field label run into its value, as
    (label, offset where the value starts); None for other lines."""
    end = len(text) if end is None else end
    m = _GLUED.match(text, start, end)
    if m is None or len(m.group(1).split()) > 4:
        return None
    return m.group(1), m.start(2)


def catalogue_field(text: str, start: int = 0, end: int | None = None) -> tuple[str, Part] | None:
    """A bibliographic field of a catalogue record line, label glued or followed by a colon: ("issue", "3")
    from "Issue number3", ("year", "2003") from "Publication statusPublished - 2003", ("journal", ...) from
    "Revista: ...". None when the label names no field this module reads."""
    end = len(text) if end is None else end
    glued = glued_label(text, start, end)
    if glued is not None:
        label, value_start = glued
    else:
        m = _LABEL_VALUE.match(text, start, end)
        if m is None:
            return None
        label, value_start = m.group(1), m.start(2)
    key = " ".join(label.lower().split())
    name = next((n for n, pattern in _FIELD_LABELS if re.fullmatch(pattern, key)), None)
    if name is None:
        return None
    if name == "year":
        year = re.search(rf"\b{YEAR}\b", text[value_start:end])
        if year is None:
            return None
        return name, Part(year.group(0), value_start + year.start(), value_start + year.end())
    if name == "doi":
        doi = find_doi(text, value_start, end)
        return (name, doi) if doi else None
    return name, _part(text, value_start, end)
