"""The query page at /query: a SPARQL editor (CodeMirror, bundled) offering the example queries of queries/."""

from __future__ import annotations

from flask import Blueprint, render_template

from lmskg.web import service

bp = Blueprint("ui", __name__)


@bp.route("/query", methods=["GET", "HEAD"])
def index() -> str:
    return render_template("query.html", **service.page_context())
