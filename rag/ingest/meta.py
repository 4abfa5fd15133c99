"""An article's date and outlet where its metadata does not give them: from the text's header
(a "date · outlet" line, the way news archives and our own export write it), else from its URL."""

from __future__ import annotations

import dataclasses
import re
from urllib.parse import urlparse

from ..corpus import HEADER_LINES, Article, find_date
from ..dates import date_from_url

_SEPARATOR = re.compile(r"\s+[·•|—–-]\s+")
# An outlet name: a domain ("cnn.com") or a few capitalised words ("USA TODAY", "The Week").
_OUTLET = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,}|(?:[A-Z][\w&'.]*)(?: [A-Z][\w&'.]*){0,3}")


def outlet_from_url(url: str | None) -> str | None:
    """The site a URL belongs to, without "www." ("https://www.cnn.com/..." -> "cnn.com")."""
    if not url:
        return None
    host = (urlparse(url if "//" in url else f"//{url}").hostname or "").lower()
    return host.removeprefix("www.") or None


def outlet_from_header(text: str) -> str | None:
    """The outlet named beside the date on a header line ("2022-07-01 · cnn.com",
    "Reuters | September 29, 2021"), or None. Only such a line counts: a name alone could be
    anyone's."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()][:HEADER_LINES]
    for line in lines:
        parts = _SEPARATOR.split(line)
        if len(parts) != 2:
            continue
        for date_part, name in (parts, parts[::-1]):
            if find_date(date_part) and _OUTLET.fullmatch(name.strip()):
                return name.strip()
    return None


def complete(art: Article, *, fill_date: bool = True) -> Article:
    """The article with its date and outlet filled from its header or URL where metadata left
    them empty. `fill_date=False` when the metadata named a date that did not parse: the article
    then stays undated (and says so) rather than taking a guess."""
    date = art.date or (find_date(art.text) or date_from_url(art.url) if fill_date else None)
    outlet = art.outlet or outlet_from_header(art.text) or outlet_from_url(art.url)
    if (date, outlet) == (art.date, art.outlet):
        return art
    return dataclasses.replace(art, date=date, outlet=outlet)
