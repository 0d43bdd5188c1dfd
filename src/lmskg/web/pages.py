"""What a page shows above its property table, by the kind of resource: a case summary with the spine, a
publication's cases, figures and references, or the cases that involve a class of site."""

from __future__ import annotations

from flask import current_app

from lmskg.web import spine
from lmskg.web.cases import case_summary, cases_at
from lmskg.web.publications import citations, publication_lists


def extras(resource: str, types: set[str], labelled: bool) -> dict[str, object]:
    """Template variables for the page of ``resource``, given its ``rdf:type`` IRIs and whether it has a label."""
    base = current_app.config["BASE"]
    terms = base + "term/"
    if terms + "PatientCase" in types:
        column = spine.column(terms)
        summary = case_summary(resource, terms, [(v.iri, v.name) for v in column])
        picture = spine.draw(column, summary.lesion_levels(), summary.treated_levels(),
                             summary.other_sites(), "Vertebral column with the levels of this case") \
            if column else None
        cited = citations([summary.publication], terms) if summary.publication else {}
        return {"summary": summary, "spine": picture, "citation": cited.get(summary.publication or ""),
                "heading": None if labelled else summary.heading()}
    if resource.startswith(base + "data/publication/"):
        return {"citation": citations([resource], terms).get(resource),
                "publication": publication_lists(resource, terms)}
    if resource.startswith(terms):
        return {"cases_at": cases_at(resource, terms)}
    return {}
