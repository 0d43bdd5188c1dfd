"""The query page at /query: YASGUI (bundled) offering the example queries; ``?query=`` opens one more tab."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from lmskg.web import service
from lmskg.web.app import QUERY_PAGE_CSP

bp = Blueprint("ui", __name__)


@bp.route("/query", methods=["GET", "HEAD"])
def index() -> Response:
    return page(request.args.get("query"))


def page(query: str | None = None) -> Response:
    """The query page, with ``query`` (if given) in a tab of its own."""
    html = render_template("query.html", **{**service.page_context(), "query": query})
    return Response(html, mimetype="text/html", headers={"Content-Security-Policy": QUERY_PAGE_CSP})
