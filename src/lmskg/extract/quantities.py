"""Numbers, ages, durations, dates and vertebral levels as written in clinical text, with their offsets.

Everything here is grammar (how numbers, units and levels are written), not vocabulary: the unit and
vertebra terms themselves come from the ontology. All functions read ``text`` (a document's normalized
text) and return offsets into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "a single": 1,
}
VAGUE = ("several", "a few", "few", "many", "some")
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}
MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"), start=1)}
REGIONS = {"cervical": "C", "thoracic": "T", "dorsal": "T", "lumbar": "L", "sacral": "S"}
UNIT_WORDS = {"hour": "hour", "day": "day", "week": "week", "month": "month", "year": "year", "%": "percent",
              "percent": "percent", "per cent": "percent"}

_WORD_NUMBER = "|".join(sorted((w for w in NUMBER_WORDS if w not in ("a", "an", "a single")), key=len, reverse=True))
_COMPOUND = rf"(?:{_WORD_NUMBER})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
NUMBER = rf"(?:\d+(?:\.\d+)?|{_COMPOUND}|several|a few|few)"
_UNIT = r"(?:hours?|days?|weeks?|months?|years?)"
QUANTITY = re.compile(rf"(?<![\w.])({NUMBER}|an?)(?:\s*-\s*|\s+)(?:(?:postoperative|post-operative|further|more)\s+)?"
                      rf"({_UNIT})(?:'s?|\u2019s?)?(?![\w])", re.I)
TIME_LIST = re.compile(rf"(?<![\w.])((?:{NUMBER})(?:\s*-)?(?:\s*,\s*(?:{NUMBER})(?:\s*-)?)*\s*,?\s*(?:and|or)\s+)"
                       rf"({NUMBER})(?:\s*-\s*|\s+)({_UNIT})(?![\w])", re.I)
PERCENT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(%|percent\b|per cent\b)", re.I)
AGE = re.compile(
    rf"(?<![\w.])({NUMBER})(?:\s*-\s*|\s+)(year|month|week|day)s?(?:\s*-\s*|\s+)old\b"
    rf"|\baged\s+({NUMBER})(?:\s+(year|month)s?)?\b"
    rf"|(?<![\w.])({NUMBER})\s+(year|month)s?\s+of\s+age\b", re.I)
DATE = re.compile(r"\b(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.I)
_VERTEBRA = r"(Th|[CTLS])-?(\d{1,2})(?![\w])(?!-weighted)"
REGION_LETTERS = {"C": "C", "T": "T", "TH": "T", "L": "L", "S": "S"}              # "Th12": thoracic
MRI_WORDS = re.compile(r"weighted|[- ]?intens|signal|sequence|images?\b|\bWI\b", re.I)
VERTEBRA = re.compile(r"(?<![\w])" + _VERTEBRA)
_ORD = "|".join(ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th)"
WORD_LEVELS = re.compile(
    rf"\b(?:from\s+)?(?:the\s+)?((?:{_ORD})(?:\s*(?:,|and|to|through|-)\s*(?:the\s+)?(?:{_ORD}))*)\s+"
    r"(cervical|thoracic|dorsal|lumbar|sacral)\s+(vertebrae|vertebra|vertebral\s+bod(?:y|ies)|spine|levels?)\b", re.I)


@dataclass(frozen=True, slots=True)
class Quantity:
    value: Decimal | None          # None for "several weeks"
    unit: str                      # day | week | month | year | percent
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Levels:
    """Vertebral levels as written: each part is (first, last) vertebra name; a single level has first == last."""

    parts: tuple[tuple[str, str], ...]
    start: int
    end: int


def number(text: str) -> Decimal | None:
    """The value of a number written in digits or words ("22.5", "twelve", "twenty-four"); None if vague."""
    t = text.strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return Decimal(t)
    if t in NUMBER_WORDS:
        return Decimal(NUMBER_WORDS[t])
    parts = re.split(r"[- ]", t)
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        return Decimal(NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]])
    return None


def quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Time quantities ("8 weeks'", "2-year", "two months", "several weeks") and percentages, in order."""
    return list(_quantities(text, start, len(text) if end is None else end))


@lru_cache(maxsize=1024)
def _quantities(text: str, start: int, end: int) -> tuple:
    return tuple(_quantities_impl(text, start, end))


_COMPOUND_TIME = re.compile(rf"(?<![\w.])({NUMBER})\s+years?\s*(?:,|and)?\s+({NUMBER})\s+months?\b", re.I)


_PLUS_MINUS = re.compile(rf"(?<![\w.])({NUMBER})\s*(?:\u00b1|\+/-|\+-)\s*(\d+(?:\.\d+)?)\s*"
                         r"(days?|weeks?|months?|years?)\b", re.I)


def _quantities_impl(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    end = len(text) if end is None else end
    found = []
    compound = []
    for m in _COMPOUND_TIME.finditer(text, start, end):        # "4 years and 10 months": 58 months
        years, months = number(m.group(1)), number(m.group(2))
        if years is not None and months is not None:
            found.append(Quantity(years * 12 + months, "month", m.start(), m.end()))
            compound.append((m.start(), m.end()))
    for m in _PLUS_MINUS.finditer(text, start, end):          # "52.4 \u00b1 11.3 years": the mean, in years
        mean = number(m.group(1))
        if mean is not None:
            found.append(Quantity(mean, m.group(3).lower().rstrip("s"), m.start(), m.end()))
            compound.append((m.start(), m.end()))
    for m in QUANTITY.finditer(text, start, end):
        if any(a <= m.start() < b for a, b in compound):
            continue
        unit = m.group(2).lower().rstrip("s")
        found.append(Quantity(number(m.group(1)), unit, m.start(), m.end()))
    for m in PERCENT.finditer(text, start, end):
        found.append(Quantity(Decimal(m.group(1)), "percent", m.start(), m.end()))
    return sorted(found, key=lambda q: q.start)


def time_lists(text: str, start: int = 0, end: int | None = None) -> list[list[Quantity]]:
    """Lists of times sharing one unit, one Quantity per number: "at 6, 12, and 24 months", "1- and six months"."""
    end = len(text) if end is None else end
    out = []
    for m in TIME_LIST.finditer(text, start, end):
        unit = m.group(3).lower().rstrip("s")
        items = [Quantity(number(n.group(0)), unit, m.start(1) + n.start(), m.start(1) + n.end())
                 for n in re.finditer(NUMBER, m.group(1), re.I)]
        items.append(Quantity(number(m.group(2)), unit, m.start(2), m.end(3)))
        if all(x.value is not None for x in items):
            out.append(items)
    return out


def ages(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Ages of a patient: "52-year-old", "37 years old", "aged 61", "61 years of age"."""
    return list(_ages(text, start, len(text) if end is None else end))


@lru_cache(maxsize=1024)
def _ages(text: str, start: int, end: int) -> tuple:
    return tuple(_ages_impl(text, start, end))


def _ages_impl(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    end = len(text) if end is None else end
    out = []
    for m in AGE.finditer(text, start, end):
        if m.group(1):
            value, unit = number(m.group(1)), m.group(2)
        elif m.group(3):
            value, unit = number(m.group(3)), m.group(4) or "year"
        else:
            value, unit = number(m.group(5)), m.group(6)
        if value is not None and not _RANGE_AFTER.match(text, m.end()) and not _RANGE_BEFORE.search(
                text, max(start, m.start() - 12), m.start()):
            out.append(Quantity(value, unit.lower(), m.start(), m.end()))
    return out


_RANGE_AFTER = re.compile(r"\s*(?:-|to|and)\s*\d")             # "aged 40-60 years": the ages of a group
_RANGE_BEFORE = re.compile(r"\d\s*(?:-|to)\s*$")


def dates(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """Month-year dates as ISO 8601 ("January 2011" -> "2011-01") with their offsets."""
    return list(_dates(text, start, len(text) if end is None else end))


@lru_cache(maxsize=1024)
def _dates(text: str, start: int, end: int) -> tuple:
    return tuple(_dates_impl(text, start, end))


def _dates_impl(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    end = len(text) if end is None else end
    return [(f"{m.group(2)}-{MONTHS[m.group(1).lower()]:02d}", m.start(), m.end())
            for m in DATE.finditer(text, start, end)]


def levels(text: str, start: int = 0, end: int | None = None) -> list[Levels]:
    """Vertebral levels: "T1-T4", "C7 to T5", "T3 and T4", "L4-5", "the fifth and sixth thoracic vertebrae".

    A range ("-", "to", "through") is one part (first, last), to be expanded through the ontology's vertebra
    order; a list keeps its members as separate parts. Levels joined by connectors form one group.
    """
    return list(_levels(text, start, len(text) if end is None else end))


@lru_cache(maxsize=1024)
def _levels(text: str, start: int, end: int) -> tuple:
    return tuple(_levels_impl(text, start, end))


def _levels_impl(text: str, start: int = 0, end: int | None = None) -> list[Levels]:
    end = len(text) if end is None else end
    groups: list[Levels] = []
    singles = [(f"{REGION_LETTERS[m.group(1).upper()]}{int(m.group(2))}", m.start(), m.end())
               for m in VERTEBRA.finditer(text, start, end)
               if _plausible(REGION_LETTERS[m.group(1).upper()], int(m.group(2))) and not _mri(text, m)]
    i = 0
    while i < len(singles):
        name, s, e = singles[i]
        parts: list[tuple[str, str]] = [(name, name)]
        j = i
        while True:
            nxt_start = singles[j + 1][1] if j + 1 < len(singles) else end
            tail = re.match(r"\s*(?:-|to|through)\s*(\d{1,2})(?![\w])", text[e:nxt_start])
            if tail and _plausible(name[0], int(tail.group(1))):            # "L4-5"
                parts[-1] = (parts[-1][0], f"{name[0]}{int(tail.group(1))}")
                e += tail.end()
            if j + 1 >= len(singles):
                break
            gap = text[e:singles[j + 1][1]].strip().lower()
            nxt = singles[j + 1][0]
            if gap in ("-", "to", "through", "until"):
                parts[-1] = (parts[-1][0], nxt)
            elif gap in (",", "and", ", and", "or", "/"):
                parts.append((nxt, nxt))
            else:
                break
            j += 1
            name, e = nxt, singles[j][2]
        groups.append(Levels(tuple(parts), s, e))
        i = j + 1
    for m in WORD_LEVELS.finditer(text, start, end):
        region = REGIONS[m.group(2).lower()]
        tokens = re.findall(rf"{_ORD}|,|and|to|through|-", m.group(1).lower())
        parts = []
        pending_range = False
        for tok in tokens:
            if tok in ORDINALS or re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)", tok):
                name = f"{region}{ORDINALS.get(tok) or int(tok[:-2])}"
                if pending_range and parts:
                    parts[-1] = (parts[-1][0], name)
                else:
                    parts.append((name, name))
                pending_range = False
            elif tok in ("to", "through", "-"):
                pending_range = True
        if parts:
            groups.append(Levels(tuple(parts), m.start(), m.end()))
    return sorted(groups, key=lambda g: g.start)


_COUNTS = {"C": 7, "T": 12, "L": 5, "S": 5}


def _mri(text: str, m: re.Match[str]) -> bool:
    """ "hypointense on T1 and hyperintense on T2": MRI sequences, not vertebrae."""
    if m.group(1).upper() != "T" or m.group(2) not in ("1", "2"):
        return False
    return MRI_WORDS.search(text, max(0, m.start() - 25), min(len(text), m.end() + 25)) is not None


def _plausible(region: str, num: int) -> bool:
    return 1 <= num <= _COUNTS[region]
