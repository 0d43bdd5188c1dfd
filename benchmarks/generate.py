"""A deterministic, seeded generator of a synthetic LMS corpus in the styles lmskg's readers know.

Three kinds of document, imitating the shipped seed documents:

* ``ojmn-<year>-<author>-<n>.txt`` — a journal abstract page: the running head (abbreviation, volume, issue,
  month, year, with a non-breaking space), the title, "Abstract: Introduction: ... Case Report: ..." and the
  "Cite this paper:" line with authors, journal, volume, issue, pages and DOI (a case report);
* the same page with "Methods/Results" reporting survival by tumor type (a cohort abstract);
* ``neurosurgerywiki-<topic>-<n>.txt`` — a DokuWiki page exported as text: year headings, case paragraphs
  ending in ``<sup>N)</sup>`` markers and an NLM reference list with PubMed IDs (some with DOIs).

Document ``i`` depends only on ``(seed, i)``, so the corpus of N documents is a prefix of the corpus of
M > N documents and every figure is reproducible. PMIDs and DOIs are unique across the corpus.

    python -m benchmarks.generate OUT_DIR --docs 500 [--seed 7]

writes ``OUT_DIR/sources/*.txt`` and ``OUT_DIR/MANIFEST.tsv``, and returns the facts each document states
(used by :mod:`benchmarks.synth` and to pick lookup targets).
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field
from pathlib import Path

NBSP = "\u00a0"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
MON3 = [m[:3] for m in MONTHS]
LEVELS = [f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)] + [f"L{i}" for i in range(1, 6)] + ["S1"]
REGION_OF = {"C": "cervical", "T": "thoracic", "L": "lumbar", "S": "sacral"}

FAMILY = ["Maimone", "Nicassio", "Malik", "Cambria", "Liu", "Sankey", "Godwin", "Strong", "Rosenlof", "Weiner",
          "Morgan", "Ware", "Hartmann", "Hermann", "Krauss", "Shepard", "Fezeu", "Sheehan", "Jost", "Oudrhiri",
          "Imoumby", "Oka", "Bydon", "Witham", "Wolinsky", "Gokaslan", "Sciubba", "Elder", "Kosztowski", "Rossi",
          "Bianchi", "Schmidt", "Nakamura", "Tanaka", "Garcia", "Martinez", "Dubois", "Moreau", "Novak", "Kowalski",
          "Andersen", "Larsen", "Silva", "Costa", "Ivanova", "Petrov", "Chen", "Wang", "Kim", "Park", "Singh",
          "Patel", "Okafor", "Mensah", "Haddad", "Yilmaz", "Fischer", "Weber", "Conti", "Greco"]
INITIALS = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "P", "R", "S", "T", "W",
            "AB", "CR", "EW", "JP", "KW", "MJ", "TA", "ZL", "DM", "LR", "RS"]
JOURNALS = [  # (full name, OJMN-style abbreviation, NLM abbreviation, DOI prefix)
    ("Open Journal of Modern Neurosurgery", "OJMN", "Open J Mod Neurosurg", "10.4236/ojmn"),
    ("Journal of Neurosurgery: Spine", "JNS", "J Neurosurg Spine", "10.3171/spine"),
    ("Childs Nervous System", "CNS", "Childs Nerv Syst", "10.1007/s00381"),
    ("Journal of Neuro-Oncology", "JNO", "J Neurooncol", "10.1007/s11060"),
    ("European Spine Journal", "ESJ", "Eur Spine J", "10.1007/s00586"),
    ("World Neurosurgery", "WNS", "World Neurosurg", "10.1016/j.wneu"),
    ("Spine", "SPINE", "Spine (Phila Pa 1976)", "10.1097/brs"),
    ("Pan African Medical Journal", "PAMJ", "Pan Afr Med J", "10.11604/pamj"),
]
FINDINGS = ["myelopathy", "back pain", "paraparesis", "radiculopathy", "sensory level", "urinary retention",
            "gait disturbance", "neck pain", "headache", "seizures", "hemiparesis", "paraplegia"]
PRIMARY_SITES = ["uterine", "retroperitoneal", "thigh", "gastric", "inferior vena cava", "small bowel", "renal"]
CONDITIONS = ["Fanconi anemia", "neurofibromatosis type 1", "Li-Fraumeni syndrome", "retinoblastoma"]
RANGE_PROCEDURES = ["decompressive laminectomy", "laminectomy", "corpectomy", "vertebrectomy", "en bloc spondylectomy",
                    "partial spondylectomy", "kyphoplasty", "vertebroplasty"]
RESECTIONS = ["sub-total tumor resection", "gross total resection", "radical tumor resection", "tumor debulking",
              "piecemeal resection"]
FIXATIONS = ["pedicle fixation", "posterior instrumentation", "pedicle screw fixation", "posterior fusion"]
ADJUVANT = ["radiotherapy", "radiosurgery", "stereotactic radiosurgery", "gamma knife radiosurgery",
            "proton beam therapy", "arterial embolization"]
AGENTS = ["doxorubicin", "gemcitabine", "docetaxel", "ifosfamide", "trabectedin", "pazopanib", "dacarbazine",
          "eribulin"]
OUTCOMES = [("progression free", "progression-free survival"), ("tumor free", "tumor-free survival"),
            ("alive without recurrence", "disease-free survival")]
COHORT_GROUPS = ["cervical cancer", "endometrial cancer", "leiomyosarcoma", "ovarian cancer", "breast cancer"]
TOPICS = ["leiomyosarcoma", "spinal leiomyosarcoma", "uterine leiomyosarcoma", "leiomyosarcoma brain metastases",
          "spinal metastases", "vertebral leiomyosarcoma"]


@dataclass
class Pub:
    authors: list[tuple[str, str]]
    title: str
    journal: tuple[str, str, str, str]
    year: int
    month: int
    day: int
    volume: int
    issue: int
    pages: str
    doi: str | None
    pmid: str | None
    kind: str  # "case report" | "case series" | "review"


@dataclass
class Case:
    pub: int                       # index into Doc.pubs
    age: int | None
    sex: str | None                # "female" | "male"
    primary_site: str | None
    levels: list[str]              # lesion levels
    findings: list[tuple[str, int | None, str | None]]  # (finding, duration, unit)
    steps: list[list[tuple[str, list[str], list[str]]]]  # per step: (procedure, levels, agents)
    outcome: tuple[str, int, str] | None                   # (outcome label, value, unit)
    condition: str | None = None


@dataclass
class Stat:
    pub: int
    population: str                # "case series" | "case series plus literature cases"
    group: str | None
    measure: str
    value: float
    unit: str | None


@dataclass
class Doc:
    id: str
    kind: str                      # MANIFEST kind: "abstract" | "wiki-page"
    text: str
    pubs: list[Pub] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    stats: list[Stat] = field(default_factory=list)


def _authors(rng: random.Random, n: int) -> list[tuple[str, str]]:
    return [(rng.choice(FAMILY), rng.choice(INITIALS)) for _ in range(n)]


def _levels(rng: random.Random, lo: int = 0, hi: int = len(LEVELS) - 1, max_len: int = 4) -> list[str]:
    start = rng.randint(lo, hi)
    length = rng.randint(1, max_len)
    return LEVELS[start:min(start + length, len(LEVELS))]


def _say_levels(rng: random.Random, levels: list[str], style: int | None = None) -> str:
    """A vertebral range as authors write it: "T3-T5", "C7 to T2", "T3 and T4 levels", "the T8 level"."""
    style = rng.randrange(3) if style is None else style
    if len(levels) == 1:
        return levels[0] if style == 0 else f"the {levels[0]} level"
    if style == 0:
        return f"{levels[0]}-{levels[-1]}"
    if style == 1:
        return f"{levels[0]} to {levels[-1]}"
    if len(levels) == 2:
        return f"{levels[0]} and {levels[1]} levels"
    return ", ".join(levels[:-1]) + f" and {levels[-1]} levels"


def _a(number: int | None) -> str:
    return "an" if str(number).startswith("8") or number in (11, 18) else "a"


def _region(levels: list[str]) -> str:
    return REGION_OF[levels[0][0]]


def _pmid(index: int, k: int) -> str:
    return str(20_000_000 + index * 16 + k)


def _doi(journal: tuple[str, str, str, str], year: int, index: int, k: int) -> str:
    return f"{journal[3]}.{year}.{index:06d}{k:02d}"


def _pub(rng: random.Random, index: int, k: int, title: str, kind: str, *, pmid: bool, doi: bool) -> Pub:
    journal = rng.choice(JOURNALS)
    year = rng.randint(1995, 2024)
    first = rng.randint(1, 900)
    return Pub(
        authors=_authors(rng, rng.randint(2, 8)),
        title=title,
        journal=journal,
        year=year,
        month=rng.randint(1, 12),
        day=rng.randint(1, 28),
        volume=rng.randint(1, 140),
        issue=rng.randint(1, 12),
        pages=f"{first}-{first + rng.randint(3, 12)}",
        doi=_doi(journal, year, index, k) if doi else None,
        pmid=_pmid(index, k) if pmid else None,
        kind=kind,
    )


def _case(rng: random.Random, pub: int) -> Case:
    levels = _levels(rng)
    fixation = _levels(rng, max(0, LEVELS.index(levels[0]) - 2), LEVELS.index(levels[0]), 6)
    agents = rng.sample(AGENTS, rng.randint(1, 2)) if rng.random() < 0.5 else []
    steps: list[list[tuple[str, list[str], list[str]]]] = [[
        (rng.choice(RANGE_PROCEDURES), levels, []),
        (rng.choice(RESECTIONS), [], []),
        (rng.choice(FIXATIONS), fixation, []),
    ]]
    if rng.random() < 0.6:
        steps.append([(rng.choice(ADJUVANT), [], [])])
    if agents:
        steps.append([("chemotherapy", [], agents)])
    duration = rng.choice([(rng.randint(1, 12), "week"), (rng.randint(1, 6), "month"), (None, None)])
    findings = [(f, *duration) for f in rng.sample(FINDINGS, rng.randint(1, 3))]
    outcome = None
    if rng.random() < 0.7:
        _said, label = rng.choice(OUTCOMES)
        outcome = (label, rng.randint(3, 60), "month")
    return Case(pub=pub, age=rng.randint(12, 84), sex=rng.choice(["female", "male"]),
                primary_site=rng.choice([*PRIMARY_SITES, None]), levels=levels, findings=findings, steps=steps,
                outcome=outcome, condition=rng.choice(CONDITIONS) if rng.random() < 0.1 else None)


def _cite_authors(authors: list[tuple[str, str]]) -> str:
    names = [f"{'. '.join(initials)}. {family}" for family, initials in authors]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _running_head(pub: Pub) -> str:
    return f"{pub.journal[1]}{NBSP} Vol.{pub.volume} No.{pub.issue} , {MONTHS[pub.month - 1]} {pub.year}"


def _cite_line(pub: Pub) -> str:
    return (f'Cite this paper: {_cite_authors(pub.authors)}, "{pub.title}," {pub.journal[0]}, '
            f"Vol. {pub.volume} No. {pub.issue}, {pub.year}, pp. {pub.pages}. doi: {pub.doi}.")


def _case_report_abstract(rng: random.Random, index: int) -> Doc:
    case = _case(rng, 0)
    region = _region(case.levels)
    title = rng.choice([
        f"Metastatic Leiomyosarcoma of the {region.title()} Spine: Updates in Management and Surgical Strategy",
        f"{region.title()} Spinal Metastasis of {case.primary_site or 'Unknown'} Leiomyosarcoma: A Case Report",
        f"Surgical Treatment of a Leiomyosarcoma Metastatic to the {region.title()} Spine",
    ]) + f" ({index})"
    pub = _pub(rng, index, 0, title, "case report", pmid=rng.random() < 0.3, doi=True)
    doc_id = f"ojmn-{pub.year}-{pub.authors[0][0].lower()}-abstract-{index:06d}"
    sentences = [
        "Abstract: Introduction: Leiomyosarcoma (LMS) is a rare malignant tumor arising from the smooth-muscle cells "
        "which rarely metastasizes to the bone and even less is found in the spine as a primary localization.",
        f"In this article the authors describe a case of a peculiar localization of this neoplasm in the {region} "
        "spine which required a tailored surgical treatment.",
    ]
    dur, unit = case.findings[0][1], case.findings[0][2]
    history = f"with a {dur} {unit}s' history of gradually worsening " if dur else "with gradually worsening "
    found = " and ".join(f for f, _, _ in case.findings)
    sentences.append(f"Case Report: {_a(case.age).title()} {case.age}-year-old {case.sex} presented {history}{found}.")
    if case.primary_site:
        sentences.append(f"The primary tumor was a {case.primary_site} leiomyosarcoma resected "
                         f"{rng.randint(1, 9)} years earlier.")
    sentences.append(f"Pre-operation MRI scans showed an invasive mass neoplasm at {_say_levels(rng, case.levels, 2)} "
                     "involving the vertebral bodies and pedicles with a significant cord compression.")
    (p1, l1, _), (p2, _, _), (p3, l3, _) = case.steps[0]
    sentences.append(f"The first operation consisted in a {_say_levels(rng, l1, 0)} {p1} with a {p2} and {p3} "
                     f"extending from {l3[0]} to {l3[-1]}.")
    for step in case.steps[1:]:
        proc, _, agents = step[0]
        if agents:
            sentences.append(f"Adjuvant chemotherapy with {' and '.join(agents)} was then given.")
        else:
            sentences.append(f"A second step consisted of {proc} to the residual tumor.")
    if case.outcome:
        label, value, unit = case.outcome
        said = next(s for s, lab in OUTCOMES if lab == label)
        sentences.append(f"Neurological symptoms gradually improved, and the patient has been {said} for {value} "
                         f"{unit}s.")
    sentences.append("Conclusion: LMS represents a challenging tumor due to an extremely aggressive behavior and a "
                     "considerably high rate of recurrence which requires a tailored approach.")
    text = "\n".join([_running_head(pub), pub.title, " ".join(sentences), _cite_line(pub), ""])
    return Doc(doc_id, "abstract", text, [pub], [case])


def _cohort_abstract(rng: random.Random, index: int) -> Doc:
    groups = rng.sample(COHORT_GROUPS, 3)
    values = [rng.randint(6, 48) for _ in groups]
    lit = [round(rng.uniform(6, 40) * 2) / 2 for _ in groups]
    overall = rng.randint(8, 40)
    n = rng.randint(12, 240)
    title = (f"Postoperative survival and functional outcomes for patients with metastatic cancer to the spine: "
             f"case series and review of the literature ({index})")
    pub = _pub(rng, index, 0, title, "case series", pmid=rng.random() < 0.5, doi=True)
    doc_id = f"ojmn-{pub.year}-{pub.authors[0][0].lower()}-cohort-{index:06d}"
    body = (
        f"Abstract: Introduction: Cancers metastasizing to the spine are rare. Methods: We reviewed {n} patients "
        f"operated for spinal metastases between {pub.year - 12} and {pub.year - 1}. Results: Overall survival "
        f"following diagnosis of spinal metastases and surgery was {overall} months, with {groups[0]}, {groups[1]}, "
        f"and {groups[2]} survival being {values[0]}, {values[1]}, and {values[2]} months, respectively. "
        f"Combined with literature cases, survival differs depending on primary histology, with {groups[0]} "
        f"({lit[0]:g} months), {groups[1]} ({lit[1]:g} months) and {groups[2]} ({lit[2]:g} months). "
        "Conclusion: Integrating such information with other patient factors may more accurately guide decision "
        "making regarding management of such spinal lesions."
    )
    stats = [Stat(0, "case series", None, "overall survival", overall, "month")]
    stats += [Stat(0, "case series", g, "overall survival", v, "month") for g, v in zip(groups, values, strict=True)]
    stats += [Stat(0, "case series plus literature cases", g, "overall survival", v, "month")
              for g, v in zip(groups, lit, strict=True)]
    text = "\n".join([_running_head(pub), pub.title, body, _cite_line(pub), ""])
    return Doc(doc_id, "abstract", text, [pub], [], stats)


def _nlm(pub: Pub) -> str:
    authors = ", ".join(f"{family} {initials}" for family, initials in pub.authors)
    journal = pub.journal[2]
    head = f"{authors}. {pub.title}. {journal}. {pub.year} {MON3[pub.month - 1]}"
    if pub.doi:
        return (f"{head};{pub.volume}({pub.issue}):{pub.pages}. doi: {pub.doi}. Epub {pub.year} "
                f"{MON3[pub.month - 1]} {pub.day}. PubMed PMID: {pub.pmid}.")
    return f"{head} {pub.day}:{pub.pages}. [Epub ahead of print] PubMed PMID: {pub.pmid}."


def _wiki_case_paragraph(rng: random.Random, case: Case, pub: Pub, marker: int) -> str:
    noun = {"female": rng.choice(["woman", "girl" if (case.age or 30) < 18 else "woman"]),
            "male": rng.choice(["man", "boy" if (case.age or 30) < 18 else "man"])}[case.sex or "female"]
    where = f"the {_region(case.levels)} spine at {_say_levels(rng, case.levels)}"
    origin = f"{case.primary_site} leiomyosarcoma (LMS)" if case.primary_site else "leiomyosarcoma (LMS)"
    (p1, l1, _), (p2, _, _), (p3, l3, _) = case.steps[0]
    parts = [
        f"{pub.authors[0][0]} et al. describe the case of {_a(case.age)} {case.age}-year-old {noun}"
        + (f" with {case.condition}" if case.condition else "")
        + f" who initially presented with {origin} that later metastasized to {where}.",
        f"The patient presented with {' and '.join(f for f, _, _ in case.findings)}.",
        f"A {_say_levels(rng, l1, 0)} {p1} with {p2} and {p3} from {l3[0]} to {l3[-1]} was performed.",
    ]
    for step in case.steps[1:]:
        proc, _, agents = step[0]
        parts.append(f"This was followed by chemotherapy with {' and '.join(agents)}." if agents
                     else f"This was followed by {proc}.")
    if case.outcome:
        label, value, unit = case.outcome
        said = next(s for s, lab in OUTCOMES if lab == label)
        y = pub.year - 3
        parts.append(f"As a result of this approach, the patient has been {said} for {value} {unit}s since "
                     f"presentation ({MONTHS[rng.randrange(12)]} {y} to {MONTHS[rng.randrange(12)]} {y + 3}).")
    return " ".join(parts)[:-1] + f" <sup>{marker})</sup>."


def _wiki_page(rng: random.Random, index: int) -> Doc:
    topic = rng.choice(TOPICS)
    doc_id = f"neurosurgerywiki-{topic.replace(' ', '-')}-{index:06d}"
    n_cases = rng.randint(3, 8)
    pubs = [_pub(rng, index, 0, "Postoperative survival and functional outcomes for patients with metastatic "
                 f"gynecological cancer to the spine: case series and review of the literature ({index})",
                 "case series", pmid=True, doi=False)]
    groups = rng.sample(COHORT_GROUPS, 3)
    values = [rng.randint(6, 48) for _ in groups]
    overall = rng.randint(8, 40)
    stats = [Stat(0, "case series", None, "overall survival", overall, "month")]
    stats += [Stat(0, "case series", g, "overall survival", v, "month") for g, v in zip(groups, values, strict=True)]
    intro = (f"Gynecological cancers metastasizing to the spine are rare. In a series, overall survival following "
             f"diagnosis of spinal metastases and surgery was {overall} months, with [{groups[0]}](#), "
             f"[{groups[1]}](#), and [{groups[2]}](#) survival being {values[0]}, {values[1]}, and {values[2]} "
             f"months, respectively <sup>1)</sup>.")
    cases = []
    for k in range(1, n_cases + 1):
        title = rng.choice([
            "Treatment of recurrent metastatic uterine leiomyosarcoma of the spine: a multimodality approach using "
            "resection, radiosurgery, and chemotherapy",
            "Primary intracranial leiomyosarcoma associated with Fanconi anemia",
            "Gamma knife radiosurgery for the treatment of gynecologic malignancies metastasizing to the brain: "
            "clinical article",
            "Partial spondylectomy for a solitary vertebral metastasis of leiomyosarcoma",
        ]) + f" ({index}.{k})"
        pubs.append(_pub(rng, index, k, title, "case report", pmid=True, doi=rng.random() < 0.6))
        cases.append(_case(rng, k))
    by_year: dict[int, list[int]] = {}
    for k in range(1, n_cases + 1):
        by_year.setdefault(pubs[k].year, []).append(k)
    lines = ["", "", f"# {topic.capitalize()}", "", intro, "", "## Case reports", ""]
    for year in sorted(by_year, reverse=True):
        lines += [f"### {year}", ""]
        for k in by_year[year]:
            lines += [_wiki_case_paragraph(rng, cases[k - 1], pubs[k], k + 1), ""]
    for marker, pub in enumerate(pubs, start=1):
        lines += [f"<sup>{marker})</sup>" if marker <= 2 else f"{marker})", "", _nlm(pub), ""]
    lines += ["From:", "", "<https://neurosurgerywiki.com/wiki/> - **Neurosurgery Wiki**", "", "Permanent link:", "",
              f"<https://neurosurgerywiki.com/wiki/doku.php?id={topic.replace(' ', '_')}_{index}>Last update: "
              f"**2024/{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d} 03:00**"]
    return Doc(doc_id, "wiki-page", "\n".join(lines), pubs, cases, stats)


def document(seed: int, index: int) -> Doc:
    """Document ``index`` of the corpus with this seed (independent of every other index).

    Kinds follow a fixed pattern so that even a corpus of a few documents has all three: every fifth is a
    wiki page (index 0 first), every fourth of the rest a cohort abstract, the others case-report abstracts.
    """
    rng = random.Random(f"lmskg-bench/{seed}/{index}")
    if index % 5 == 0:
        return _wiki_page(rng, index)
    if index % 4 == 2:
        return _cohort_abstract(rng, index)
    return _case_report_abstract(rng, index)


def corpus(seed: int, n: int) -> list[Doc]:
    return [document(seed, i) for i in range(n)]


def write_corpus(out: Path, docs: list[Doc]) -> Path:
    """Write ``out/sources/<id>.txt`` and ``out/MANIFEST.tsv``; returns the sources folder."""
    sources = out / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    manifest = ["file\tkind\tsource\tattribution\tnote"]
    for doc in docs:
        (sources / f"{doc.id}.txt").write_text(doc.text, encoding="utf-8")
        source = f"https://doi.org/{doc.pubs[0].doi}" if doc.kind == "abstract" else "https://neurosurgerywiki.com/"
        manifest.append(f"sources/{doc.id}.txt\t{doc.kind}\t{source}\tsynthetic\tgenerated by benchmarks.generate")
    (out / "MANIFEST.tsv").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    return sources


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sources = write_corpus(args.out, corpus(args.seed, args.docs))
    print(f"wrote {args.docs} documents to {sources}")


if __name__ == "__main__":
    main()
