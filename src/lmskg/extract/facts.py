"""What extraction finds: immutable facts, each pointing at the characters it was read from.

Offsets are indices into ``Document.text``. Ontology terms are full IRIs (``Term``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Generic, TypeVar

T = TypeVar("T")
Term = str


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Found(Generic[T]):
    """A value and the span it was read from."""

    value: T
    span: Span


@dataclass(frozen=True, slots=True)
class Author:
    family: str
    initials: str
    span: Span


@dataclass(frozen=True, slots=True)
class Publication:
    key: str                                  # unique in the document: "self", "ref-1", ...
    span: Span                                # the whole citation or title block
    role: str                                 # "this-document" | "cited-reference"
    marker: int | None = None                 # footnote number of a cited reference
    title: Found[str] | None = None
    authors: tuple[Author, ...] = ()
    journal: Found[str] | None = None
    journal_abbrev: Found[str] | None = None
    year: Found[int] | None = None
    date: Found[str] | None = None            # ISO 8601, as precise as written: "2015", "2015-09", "2015-09-11"
    volume: Found[str] | None = None
    issue: Found[str] | None = None
    pages: Found[str] | None = None
    doi: Found[str] | None = None
    pmid: Found[str] | None = None
    pmcid: Found[str] | None = None           # "PMC1234567"
    keywords: tuple[Found[str], ...] = ()     # the author keywords, as written
    kinds: tuple[Found[Term], ...] = ()       # publication-kind individuals
    authors_truncated: bool = False           # the author list ends with "et al." or names only some authors


@dataclass(frozen=True, slots=True)
class Patient:
    age: Found[Decimal] | None = None
    age_unit: Term | None = None
    sex: Found[Term] | None = None


@dataclass(frozen=True, slots=True)
class Lesion:
    role: Found[Term]                         # PrimaryRole | MetastasisRole | RecurrenceRole
    sites: tuple[Found[Term], ...] = ()       # one per vertebra when a range is written
    histology: Found[Term] | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    finding: Found[Term]
    duration_value: Found[Decimal] | None = None
    duration_unit: Term | None = None


@dataclass(frozen=True, slots=True)
class Treatment:
    step: int                                 # 1-based; same operation or unstated order share a step
    procedure: Found[Term]
    sites: tuple[Found[Term], ...] = ()
    agents: tuple[Found[Term], ...] = ()


@dataclass(frozen=True, slots=True)
class Outcome:
    outcome: Found[Term]
    value: Found[Decimal] | None = None
    unit: Term | None = None
    start_date: Found[str] | None = None      # ISO 8601 partial date
    end_date: Found[str] | None = None


@dataclass(frozen=True, slots=True)
class History:
    event: Found[Term]                        # a past procedure or condition, not a treatment of this case
    years_before: Found[Decimal] | None = None


@dataclass(frozen=True, slots=True)
class Case:
    ordinal: int                              # 1-based order in the document
    span: Span                                # the passage that describes the case
    publication: str | None                   # Publication.key of the publication it is described in
    patient: Patient = field(default_factory=Patient)
    primary_histology: Found[Term] | None = None
    primary_site: Found[Term] | None = None
    lesions: tuple[Lesion, ...] = ()
    findings: tuple[Finding, ...] = ()
    treatments: tuple[Treatment, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    conditions: tuple[Found[Term], ...] = ()
    history: tuple[History, ...] = ()


@dataclass(frozen=True, slots=True)
class CohortStatistic:
    publication: str | None                   # Publication.key
    span: Span                                # the sentence that states it
    population: Found[Term]                   # a population individual, or the tumor class a profile is about
    measure: Found[Term]
    value: Found[Decimal] | Found[str]        # a number, or as the text writes it ("lungs", "older age")
    unit: Term | None = None
    group: Found[Term] | None = None          # tumor class; None = every patient of the population
    concept: Found[Term] | None = None        # the class a written value names
    population_name: Found[str] | None = None  # a subset the text names ("localized and locally curative cases")
    time_point: tuple[Found[Decimal], Term] | None = None   # "5-year overall survival": 5 and the year unit
    bounds: tuple[Found[Decimal], Found[Decimal]] | None = None   # a range, CI or IQR written after the value
    category: Found[str] | None = None        # the category of a share, as written ("hepatic: ~15%")
    p_value: tuple[Found[Decimal], str] | None = None   # "p < 0.001": 0.001 and its comparator


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything read from one document."""

    publications: tuple[Publication, ...] = ()
    cases: tuple[Case, ...] = ()
    statistics: tuple[CohortStatistic, ...] = ()
    zones: object = None                      # lmskg.extract.zones.Zones: where each fact was read
