"""Markdown with YAML front matter: the front matter's title, date, url and outlet (the same names
and mapping as a dump's fields), the body read as plain text."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping

from ..corpus import Article, article_from_text
from ..dates import parse_date
from .fields import as_text, pick
from .meta import complete

_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def split_front_matter(text: str) -> tuple[dict, str, str | None]:
    """(front matter, body, warning). Front matter that is not a YAML mapping is a warning, and
    the body is still read."""
    import yaml

    m = _FRONT.match(text.replace("\r\n", "\n"))
    if not m:
        return {}, text, None
    body = text.replace("\r\n", "\n")[m.end():]
    try:
        meta = yaml.safe_load(m.group(1))
    except yaml.YAMLError as e:
        where = getattr(e, "problem_mark", None)
        at = f" at line {where.line + 2}" if where else ""
        return {}, body, f"front matter is not valid YAML{at}; read without it"
    if not isinstance(meta, dict):
        return {}, body, "front matter is not a YAML mapping; read without it"
    return meta, body, None


def markdown_article(text: str, source: str, sha256: str, warnings: tuple[str, ...],
                     mapping: Mapping[str, str]) -> Article:
    """The article in a Markdown file. Raises ValueError ("empty") when the body is empty."""
    meta, body, problem = split_front_matter(text)
    warnings += (problem,) if problem else ()
    art = article_from_text(source, body, sha256, warnings)
    title = as_text(pick(meta, "title", mapping))
    given = pick(meta, "date", mapping)
    try:
        date = parse_date(given) or art.date
    except ValueError as e:
        date, art = None, dataclasses.replace(art, warnings=art.warnings + (f"{e}; kept without a date",))
    art = dataclasses.replace(art, title=" ".join(title.split())[:300] if title else art.title, date=date,
                              outlet=as_text(pick(meta, "outlet", mapping)), url=as_text(pick(meta, "url", mapping)))
    return complete(art, fill_date=date is not None or given in (None, ""))
