"""Score extraction against curated gold facts (``*.gold.yaml``), table query by table query.

The table queries (``queries/publications.rq``, ``queries/cases.rq`` ...) run on a graph built from the documents;
their rows are compared with the gold facts as ``design/competency-questions.md`` says:

* a publication row matches by DOI or PMID when the gold has one, else by title, and every other gold field must be
  equal after normalising case, spaces and dashes (``null`` fields unbound);
* a row matches a gold fact of the same case (gold cases in order = case ordinals) when its term matches the
  fact's text by label, synonym or Xref (the gold text is read with the same ontology lexicon, so "anterior
  approach tumor resection" names both the approach and the resection), and its numbers and units are equal
  where the gold gives them;
* facts marked ``uncertain: true`` and ``history`` items are neither required nor counted as extra: a row
  matching only such a fact is ignored;
* precision = matching rows / counted rows, recall = matched required facts / required facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

TABLES = {
    "publications": "publications.rq",
    "cases": "cases.rq",
    "case-lesions": "case-lesions.rq",
    "case-findings": "case-findings.rq",
    "case-treatments": "case-treatments.rq",
    "case-outcomes": "case-outcomes.rq",
    "cohort-statistics": "cohort-statistics.rq",
}
UNITS = {"hours": "hour", "hour": "hour",
         "days": "day", "day": "day", "weeks": "week", "week": "week", "months": "month", "month": "month",
         "years": "year", "year": "year", "percent": "percent", "%": "percent"}
SEXES = {"female": "female", "woman": "female", "girl": "female", "male": "male", "man": "male", "boy": "male"}


# -- results -----------------------------------------------------------------------------------------------

@dataclass
class Tally:
    true_rows: int = 0
    false_rows: int = 0
    found: int = 0
    missed: int = 0
    extra: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        total = self.true_rows + self.false_rows
        return 1.0 if total == 0 else self.true_rows / total

    @property
    def recall(self) -> float:
        total = self.found + self.missed
        return 1.0 if total == 0 else self.found / total

    def add(self, other: Tally) -> None:
        self.true_rows += other.true_rows
        self.false_rows += other.false_rows
        self.found += other.found
        self.missed += other.missed
        self.extra.extend(other.extra)
        self.missing.extend(other.missing)


@dataclass
class Report:
    """Tallies per document and table."""

    tallies: dict[str, dict[str, Tally]] = field(default_factory=dict)

    def document(self, doc: str) -> Tally:
        total = Tally()
        for t in self.tallies.get(doc, {}).values():
            total.add(t)
        return total

    def table(self, name: str) -> Tally:
        total = Tally()
        for tables in self.tallies.values():
            if name in tables:
                total.add(tables[name])
        return total

    def overall(self) -> Tally:
        total = Tally()
        for doc in self.tallies:
            total.add(self.document(doc))
        return total

    def render(self, details: bool = False) -> str:
        lines = [f"{'':48} {'precision':>9} {'recall':>7}  rows(ok/extra)  facts(found/missed)"]

        def row(name: str, t: Tally) -> None:
            lines.append(f"{name[:48]:48} {t.precision:9.3f} {t.recall:7.3f}  {t.true_rows:4}/{t.false_rows:<4}"
                         f"       {t.found:4}/{t.missed:<4}")
        for doc in sorted(self.tallies):
            row(doc, self.document(doc))
            for name, t in self.tallies[doc].items():
                row(f"  {name}", t)
                if details:
                    lines.extend(f"      extra:   {x}" for x in t.extra)
                    lines.extend(f"      missing: {x}" for x in t.missing)
        lines.append("")
        for name in TABLES:
            row(f"table {name}", self.table(name))
        row("overall", self.overall())
        return "\n".join(lines)


# -- term matching -----------------------------------------------------------------------------------------

def norm(text: object) -> str:
    t = str(text).lower().replace("\u2013", "-").replace("\u2014", "-").replace("\u2011", "-").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", t).strip()


class TermMatcher:
    """Does a gold text name the term of a row (given by its label and Xref)?"""

    def __init__(self, ontology: object) -> None:
        from lmskg.extract.lexicon import lexicon_for

        self.ontology = ontology
        self.lexicon = lexicon_for(ontology)
        self.by_label: dict[str, set[str]] = {}
        self.names: dict[str, set[str]] = {}
        for e in ontology.lexicon():                                   # type: ignore[attr-defined]
            self.names.setdefault(e.term, set()).add(norm(e.text))
            if e.scope == "label":
                self.by_label.setdefault(norm(e.text), set()).add(e.term)
        self._cache: dict[str, set[str]] = {}

    def terms_in(self, gold: str) -> set[str]:
        """Every term the gold text names: whole text or its parts equal to a name, or recognised inside it."""
        key = norm(gold)
        if key in self._cache:
            return self._cache[key]
        variants = {key, norm(re.sub(r"\([^)]*\)", " ", key))}
        variants |= {norm(x) for x in re.findall(r"\(([^)]*)\)", key)}
        for v in list(variants):
            variants |= {norm(x) for x in re.split(r"\s*(?:/|;| with | and | or |,)\s*", v) if x.strip()}
        found: set[str] = set()
        for term, names in self.names.items():
            if names & variants:
                found.add(term)
        for v in variants:
            analysis = self.lexicon.analyse(v)
            found |= {m.term for m in analysis.mentions}
        self._cache[key] = found
        return found

    def row_terms(self, label: str | None) -> set[str]:
        return set() if label is None else self.by_label.get(norm(label), set())

    def matches(self, gold: object, label: str | None, xref: str | None = None, *, narrower: bool = False) -> bool:
        """Does ``gold`` name the row's term? With ``narrower``, a subclass of a named term also matches
        (a row "thoracic back pain" for the gold "back pain"; used for findings and sites only)."""
        if gold is None or label is None:
            return False
        text = norm(gold)
        if xref and norm(xref) in text:
            return True
        if norm(label) == text:
            return True
        named = self.terms_in(str(gold))
        mine = self.row_terms(label)
        if mine & named:
            return True
        return narrower and any(self.ontology.is_a(t, g) for t in mine for g in named)  # type: ignore[attr-defined]

    def vertebra_label(self, level: str) -> str | None:
        term = self.ontology.vertebra(str(level))                      # type: ignore[attr-defined]
        return None if term is None else self.ontology.label(term)     # type: ignore[attr-defined]


# -- gold facts --------------------------------------------------------------------------------------------

@dataclass
class Fact:
    table: str
    case: int | None
    fields: dict[str, object]
    required: bool = True
    describe: str = ""


def _text(item: object, *keys: str) -> list[str]:
    if isinstance(item, str):
        return [item]
    if isinstance(item, dict):
        return [str(item[k]) for k in keys if item.get(k) not in (None, "")]
    return []


def _number(value: object) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _unit(value: object) -> str | None:
    return None if value is None else UNITS.get(norm(value), norm(value))


PUBLICATION_FIELDS = ("title", "year", "journal", "volume", "issue", "pages", "doi", "pmid", "authors")


def gold_facts(gold: dict) -> list[Fact]:
    """The gold facts of one ``*.gold.yaml`` mapping, one per expected row."""
    facts: list[Fact] = []
    for pub in gold.get("publications") or []:
        fields = {k: pub.get(k) for k in PUBLICATION_FIELDS if k in pub}
        facts.append(Fact("publications", None, fields, not pub.get("uncertain"),
                          f"publication {pub.get('id')} {str(pub.get('title') or '')[:40]}"))
    for n, case in enumerate(gold.get("cases") or [], start=1):
        primary = case.get("primary_tumor") or {}
        facts.append(Fact("cases", n, {
            "age": _number(case.get("age")), "ageUnit": _unit(case.get("age_unit")) if case.get("age") else None,
            "sex": SEXES.get(norm(case.get("sex") or "")), "histology": primary.get("histology"),
            "site": primary.get("site")}, describe=f"case {n}"))
        for lesion in case.get("lesions") or []:
            roles = _roles(lesion)
            levels = lesion.get("levels") or []
            required = not lesion.get("uncertain")
            for site in levels or [lesion.get("site")]:
                facts.append(Fact("case-lesions", n, {"roles": roles, "site": site, "level": bool(levels),
                                                      "location": lesion.get("location")},
                                  required, f"case {n} lesion {site}"))
            if lesion.get("effect"):
                facts.append(Fact("case-findings", n, {"finding": lesion["effect"]}, required,
                                  f"case {n} finding {lesion['effect']}"))
        for item in case.get("symptoms") or []:
            duration = item.get("duration") if isinstance(item, dict) else None
            facts.append(Fact("case-findings", n, {
                "finding": _text(item, "name")[0] if _text(item, "name") else None,
                "value": _number((duration or {}).get("value")), "unit": _unit((duration or {}).get("unit"))},
                not (isinstance(item, dict) and item.get("uncertain")), f"case {n} finding {_text(item, 'name')}"))
        for item in case.get("conditions") or []:
            facts.append(Fact("case-findings", n, {"finding": _text(item, "name", "event")[0]},
                              not (isinstance(item, dict) and item.get("uncertain")), f"case {n} condition {item}"))
        for item in case.get("history") or []:
            names = _text(item, "event", "name")
            for name in names:
                for table in ("case-treatments", "case-findings", "case-outcomes"):
                    facts.append(Fact(table, n, {"procedure": name, "types": [], "finding": name, "outcome": name,
                                                 "order": None, "levels": []}, False, f"case {n} history {name}"))
        for item in case.get("treatments") or []:
            names = _text(item, "name") + _text(item, "type")
            levels = item.get("levels") or []
            required = not item.get("uncertain")
            for level in levels or [None]:
                facts.append(Fact("case-treatments", n, {"names": names, "order": item.get("order"), "level": level},
                                  required, f"case {n} treatment {names[:1]} {level or ''}".strip()))
        for item in case.get("outcomes") or []:
            time = item.get("time") if isinstance(item, dict) else None
            facts.append(Fact("case-outcomes", n, {
                "outcome": _text(item, "event", "name")[0] if _text(item, "event", "name") else None,
                "value": (time or {}).get("value"), "unit": _unit((time or {}).get("unit"))},
                not (isinstance(item, dict) and item.get("uncertain")),
                f"case {n} outcome {_text(item, 'event')}"))
    population = None
    for item in gold.get("cohort_statistics") or []:
        population = item.get("population") if not _same(item.get("population")) else population
        required = not item.get("uncertain") and _number(item.get("value")) is not None
        base = {"population": population, "group": item.get("group"), "has_group": "group" in item,
                "measure": item.get("measure")}
        facts.append(Fact("cohort-statistics", None, {**base, "value": _number(item.get("value")),
                                                      "unit": _unit(item.get("unit"))},
                          required, f"statistic {item.get('measure')} {item.get('value')}"))
        if item.get("percent") is not None:
            facts.append(Fact("cohort-statistics", None, {**base, "value": _number(item["percent"]),
                                                          "unit": "percent"},
                              required, f"statistic {item.get('measure')} {item['percent']}%"))
    return facts


def _same(population: object) -> bool:
    return population is None or norm(population).startswith("same ")


def _roles(lesion: dict) -> set[str]:
    text = norm(lesion.get("role") or lesion.get("kind") or "")
    return {r for r in ("primary", "metastasis", "recurrence") if r in text}


# -- matching rows to facts --------------------------------------------------------------------------------

def case_ordinal(case_iri: str) -> int | None:
    m = re.search(r"-(\d+)$", str(case_iri))
    return int(m.group(1)) if m else None


def row_matches(m: TermMatcher, table: str, row: dict, fact: Fact) -> bool:
    f = fact.fields
    if table == "publications":
        return _publication_matches(row, f)
    if fact.case is not None and case_ordinal(row.get("case", "")) != fact.case:
        return False
    if table == "cases":
        return (f["age"] == _number(row.get("age")) and (f["age"] is None or f["ageUnit"] == _unit(row.get("ageUnit")))
                and f["sex"] == (norm(row["sex"]) if row.get("sex") else None)
                and _optional_term(m, f["histology"], row.get("primaryHistology"), row.get("primaryHistologyXref"))
                and _optional_term(m, f["site"], row.get("primarySite"), row.get("primarySiteXref")))
    if table == "case-lesions":
        if f["roles"] and norm(row.get("role", "")) not in f["roles"]:
            return False
        if f["level"]:
            return norm(row.get("site", "")) == norm(m.vertebra_label(f["site"]) or f["site"])
        return any(m.matches(x, row.get("site"), row.get("siteXref"), narrower=True)
                   for x in (f["site"], f.get("location")) if x)
    if table == "case-findings":
        if not m.matches(f["finding"], row.get("finding"), row.get("findingXref"), narrower=True):
            return False
        if f.get("value") is not None:
            return _number(row.get("durationValue")) == f["value"] and _unit(row.get("durationUnit")) == f["unit"]
        return True
    if table == "case-treatments":
        names = f.get("names") or [f.get("procedure")]
        if not any(m.matches(x, row.get("procedure"), row.get("procedureXref")) for x in names if x):
            return False
        if f.get("level") and fact.required:
            return norm(row.get("site") or "") == norm(m.vertebra_label(f["level"]) or f["level"])
        return True
    if table == "case-outcomes":
        if not m.matches(f["outcome"], row.get("outcome"), row.get("outcomeXref")):
            return False
        value = f.get("value")
        if value is None:
            return True
        if _number(value) is None:                                   # "several weeks": no number to read
            return row.get("value") is None
        return _number(row.get("value")) == _number(value) and _unit(row.get("unit")) == f["unit"]
    if table == "cohort-statistics":
        if _number(row.get("value")) != f["value"] or _unit(row.get("unit")) != f["unit"]:
            return False
        if not m.matches(f["measure"], row.get("measure")):
            return False
        pops = {t for t in m.terms_in(str(f["population"] or "")) if m.ontology.category(t) == "population"}
        if pops and not (m.row_terms(row.get("population")) & pops):
            return False
        group = f.get("group")
        if group is None or not f.get("has_group"):
            return True
        if norm(group).startswith("all"):
            return row.get("group") is None
        return m.matches(group, row.get("group"), row.get("groupXref"))
    return False


def _plain(value: object) -> str:
    return re.sub(r"[\s\u2010-\u2015-]+", " ", norm(value)).strip(" .")


def _publication_matches(row: dict, gold: dict) -> bool:
    """Same DOI or PMID when the gold has one, else the same title; every other gold field equal, nulls unbound."""
    if gold.get("doi") or gold.get("pmid"):
        if not ((gold.get("doi") and _plain(gold["doi"]) == _plain(row.get("doi") or ""))
                or (gold.get("pmid") and str(gold["pmid"]) == str(row.get("pmid") or ""))):
            return False
    elif gold.get("title") and _plain(gold["title"]) != _plain(row.get("title") or ""):
        return False
    for key, value in gold.items():
        got = row.get(key)
        if key == "authors":
            value = "; ".join(value) if value else None
        if value is None or value == []:
            if got not in (None, ""):
                return False
        elif _plain(value) != _plain(got or ""):
            return False
    return True


def _optional_term(m: TermMatcher, gold: object, label: str | None, xref: str | None) -> bool:
    if gold is None:
        return label is None
    return m.matches(gold, label, xref)


def score_rows(m: TermMatcher, table: str, rows: Sequence[dict], facts: Sequence[Fact]) -> Tally:
    """Match the rows of one table to the gold facts of one document."""
    tally = Tally()
    facts = [f for f in facts if f.table == table]
    hit: set[int] = set()
    accepted: list[tuple[dict, Fact]] = []
    for row in rows:
        candidates = [i for i, f in enumerate(facts) if row_matches(m, table, row, f)]
        if table == "case-treatments":
            candidates = [i for i in candidates if not facts[i].required or _order_consistent(row, facts[i], accepted)]
        required = [i for i in candidates if facts[i].required]
        if required:
            tally.true_rows += 1
            hit.update(required)
            accepted.extend((row, facts[i]) for i in required)
        elif not candidates:
            tally.false_rows += 1
            tally.extra.append(_describe(row))
    for i, f in enumerate(facts):
        if f.required:
            if i in hit:
                tally.found += 1
            else:
                tally.missed += 1
                tally.missing.append(f.describe)
    return tally


def _order_consistent(row: dict, fact: Fact, accepted: list[tuple[dict, Fact]]) -> bool:
    """Steps keep the gold's relative order: equal orders share a step, a later order has a later step."""
    order = fact.fields.get("order")
    if order is None:
        return True
    step = _number(row.get("step"))
    for other_row, other in accepted:
        if other.case != fact.case or other.fields.get("order") is None:
            continue
        a = (step > _number(other_row.get("step"))) - (step < _number(other_row.get("step")))
        b = (order > other.fields["order"]) - (order < other.fields["order"])
        if a != b:
            return False
    return True


def _describe(row: dict) -> str:
    keep = {k: v for k, v in row.items() if v is not None and k not in ("document", "statistic", "publication")}
    return ", ".join(f"{k}={str(v).rsplit('/', 1)[-1]}" for k, v in keep.items())


# -- running it --------------------------------------------------------------------------------------------

def document_id(name: str) -> str:
    stem = Path(name).name
    for suffix in (".gold.yaml", ".txt", ".xml", ".md", ".html"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    return re.sub(r"[^a-z0-9]+", "-", stem.lower())


def query_rows(store: object, sparql: str) -> list[dict]:
    """Rows of a SELECT as dicts of plain values (IRIs and literals as their lexical form, unbound as None)."""
    solutions = store.query(sparql)                                       # type: ignore[attr-defined]
    names = [v.value for v in solutions.variables]
    return [{n: (None if s[n] is None else s[n].value) for n in names} for s in solutions]


def score(store: object, golds: Iterable[tuple[str, dict]], ontology: object, queries: Path) -> Report:
    """Run the table queries on ``store`` and score them against each (document id, gold) pair."""
    matcher = TermMatcher(ontology)
    tables = {name: query_rows(store, (queries / file).read_text(encoding="utf-8")) for name, file in TABLES.items()}
    report = Report()
    for doc_id, gold in golds:
        facts = gold_facts(gold)
        per: dict[str, Tally] = {}
        for name, rows in tables.items():
            mine = [r for r in rows if str(r.get("document", "")).endswith(f"/document/{doc_id}")]
            per[name] = score_rows(matcher, name, mine, facts)
        report.tallies[doc_id] = per
    return report


def load_gold(path: Path) -> tuple[str, dict]:
    import yaml

    gold = yaml.safe_load(path.read_text(encoding="utf-8"))
    return document_id(gold.get("doc") or path.name), gold


def evaluate(documents: Sequence[Path], home: Path, *, ontology_path: Path | None = None,
             queries: Path | None = None) -> Report:
    """Build a graph from ``documents`` in ``home`` and score it against the ``*.gold.yaml`` beside each one."""
    from lmskg.build import build
    from lmskg.ontology import load_ontology
    from lmskg.settings import Settings
    from lmskg.store import open_store

    root = Path(__file__).resolve().parents[2]
    settings = Settings(home=home, ontology=ontology_path or root / "ontology" / "lmskg.ttl")
    build(list(documents), settings, progress=False)
    store = open_store(home)
    golds = []
    for doc in documents:
        gold = doc.with_name(f"{doc.name.rsplit('.', 1)[0]}.gold.yaml")
        if gold.is_file():
            golds.append(load_gold(gold))
    return score(store, golds, load_ontology(settings.ontology), queries or root / "queries")
