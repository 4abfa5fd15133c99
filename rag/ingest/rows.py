"""One article from one row of a dump (JSONL or CSV), through the field mapping."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

from ..corpus import Article, clean_text
from ..dates import parse_date
from .fields import as_text, pick
from .meta import complete


def row_key(row: Mapping[str, object], mapping: Mapping[str, str], line: int) -> tuple[str, str]:
    """(key, what it is) naming a row within its dump: its own id field (`id`, or `file`, or the
    mapped one) if it has one, else its URL, else "line<N>". A line number moves when rows are
    inserted above it, so dumps with ids or URLs get ids that stay put."""
    for name in ("id", "url"):
        value = as_text(pick(row, name, mapping))
        if value:
            return value, name
    return f"line{line}", "line"


def row_sha(raw: bytes, mapping: Mapping[str, str]) -> str:
    """The version of a row: its bytes, and the mapping that reads them (a new mapping reads the
    same row into another article)."""
    spec = json.dumps(sorted(mapping.items()))
    return hashlib.sha256(spec.encode() + b"\n" + raw).hexdigest()


def row_article(row: Mapping[str, object], source: str, sha256: str, file: str,
                mapping: Mapping[str, str]) -> Article:
    """The article a row holds. Raises ValueError (the reason) when it holds no text. A date that
    does not parse is a warning: the article is kept without one."""
    text = clean_text(as_text(pick(row, "text", mapping)) or "")
    if not text:
        raise ValueError("no text (looked for " + _looked_for("text", mapping) + ")")
    warnings: list[str] = []
    raw_date = pick(row, "date", mapping)
    try:
        date = parse_date(raw_date)
    except ValueError as e:
        date = None
        warnings.append(f"{e}; kept without a date")
    title = as_text(pick(row, "title", mapping)) or text.splitlines()[0]
    art = Article(
        source=source, title=" ".join(title.split())[:300], text=text, sha256=sha256, date=date,
        outlet=as_text(pick(row, "outlet", mapping)), url=as_text(pick(row, "url", mapping)), file=file,
        warnings=tuple(warnings),
    )
    return complete(art, fill_date=raw_date in (None, ""))


def _looked_for(name: str, mapping: Mapping[str, str]) -> str:
    from .fields import ALIASES

    names = (mapping[name],) if name in mapping else ALIASES[name]
    return ", ".join(names)
