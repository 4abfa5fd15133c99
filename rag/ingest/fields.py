"""Which field of a dump row (or of Markdown front matter) holds what: the names news dumps use,
and a mapping for other names (`RAG_FIELDS="text=story,date=pub_date"`, `rag index --fields`)."""

from __future__ import annotations

from collections.abc import Mapping

# Our name -> the names dumps commonly use, tried in this order (case-insensitively).
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "file", "guid", "uuid"),
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "article"),
    "date": ("date", "published", "published_at", "publish_date", "pubdate", "datetime"),
    "url": ("url", "link", "canonical_url"),
    "outlet": ("outlet", "source", "site", "sitename", "publisher"),
    "author": ("author", "authors", "byline"),
}


def parse_fields(spec: str | None) -> dict[str, str]:
    """`"text=story,date=pub_date"` -> {"text": "story", "date": "pub_date"}.

    Raises:
        ValueError: a part is not name=column, or names a field we do not know.
    """
    mapping: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in (spec or "").split(","))):
        ours, sep, theirs = (x.strip() for x in part.partition("="))
        if not sep or not ours or not theirs:
            raise ValueError(f"{part!r} is not name=column (e.g. text=story)")
        if ours.lower() not in ALIASES:
            raise ValueError(f"{ours!r} is not a field; use one of {', '.join(ALIASES)}")
        mapping[ours.lower()] = theirs
    return mapping


def pick(row: Mapping[str, object], name: str, mapping: Mapping[str, str]) -> object:
    """The row's value for our field `name`: the mapped column if one is set, else the first
    alias present with a non-empty value; None when there is none."""
    lower = {str(k).lower(): k for k in row}
    names = (mapping[name],) if name in mapping else ALIASES[name]
    for alias in names:
        key = lower.get(alias.lower())
        if key is not None and row[key] not in (None, "", []):
            return row[key]
    return None


def as_text(value: object) -> str | None:
    """A field value as one string: lists (several authors) are joined; None stays None."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value if v not in (None, "")) or None
    text = str(value).strip()
    return text or None
