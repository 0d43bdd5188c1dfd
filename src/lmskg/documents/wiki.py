"""DokuWiki pages exported as text: a "# Title", sections, footnote markers <sup>N)</sup> and a reference list."""

from __future__ import annotations

import re

KIND = "wiki-page"
MARKER = re.compile(r"<sup>\s*(\d+)\)\s*</sup>")
_UPDATE = re.compile(r"Last update:\s*\**\s*(\d{4})/(\d{2})/(\d{2})")
_PERMALINK = re.compile(r"Permanent link:\s*<?(https?://\S+?)>?(?:\s|Last update|$)")


def looks_like(text: str) -> bool:
    return bool(MARKER.search(text)) or "doku.php" in text


def metadata(text: str) -> dict[str, str]:
    meta: dict[str, str] = {}
    title = re.search(r"^#\s+(.+?)\s*$", text, re.M)
    if title:
        meta["title"] = title.group(1)
    update = _UPDATE.search(text)
    if update:
        meta["last_update"] = "-".join(update.groups())
    link = _PERMALINK.search(text)
    if link:
        meta["permalink"] = link.group(1)
    return meta
