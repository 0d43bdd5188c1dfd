"""Journal abstract pages: a running head ("OJMN  Vol.3 No.4 , October 2013"), a title line, the abstract,
and a citation line ("Cite this paper: ...")."""

from __future__ import annotations

import re

KIND = "abstract"
RUNNING_HEAD = re.compile(
    r"^(?P<abbrev>[A-Z][A-Za-z&]{1,15})\s+Vol\.?\s*(?P<volume>\d+)\s*,?\s*No\.?\s*(?P<issue>\d+)\s*,\s*"
    r"(?:(?P<month>[A-Z][a-z]+)\s+)?(?P<year>(?:19|20)\d\d)\s*$",
    re.M,
)
CITE = re.compile(r"^\s*Cite this (?:paper|article):\s*(?P<cite>.+?)\s*$", re.M)


def looks_like(text: str) -> bool:
    from lmskg.documents import normalize

    norm = normalize(text)
    return bool(RUNNING_HEAD.search(norm) or CITE.search(norm) or re.search(r"^\s*Abstract\b", norm, re.M))


def metadata(text: str) -> dict[str, str]:
    from lmskg.documents import normalize

    norm = normalize(text)
    meta: dict[str, str] = {}
    head = RUNNING_HEAD.search(norm)
    if head:
        meta.update({k: v for k, v in head.groupdict().items() if v})
    cite = CITE.search(norm)
    if cite:
        meta["citation"] = cite.group("cite")
    return meta
