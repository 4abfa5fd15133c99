"""Every format the corpus may hold, behind one function: `file_entries` yields a file's articles
(as Entries, read on demand) or why a file or row is skipped.

    .txt        plain text (rag/corpus.py cleans it)
    .md         plain text, with YAML front matter for title, date, url, outlet (markdown.py)
    .html .htm  a saved page: trafilatura extracts the main text and metadata (html.py)
    .jsonl .csv dumps, one article a row, fields by name or mapping (dumps.py, rows.py)
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from pathlib import Path

from .. import (
    corpus as _corpus,  # by module, so a test's stand-in for read_article is the one used
)
from ..corpus import MAX_FILE_BYTES, Article, Skipped, decode
from .dumps import dump_entries
from .entry import Entry
from .fields import parse_fields

log = logging.getLogger(__name__)

DUMPS = (".jsonl", ".csv")

__all__ = ["DUMPS", "Entry", "file_entries", "is_dump", "parse_fields", "read_all", "read_entry"]


def is_dump(path: Path) -> bool:
    return path.suffix.lower() in DUMPS


def file_entries(path: Path, root: Path, fields: str | dict = "") -> Iterator[Entry | Skipped]:
    """The articles in one file (one Entry each), and Skipped for what cannot be read, each
    skip logged with its file, line and reason.

    Raises:
        ValueError: `fields` is not a valid mapping (see fields.parse_fields).
    """
    mapping = parse_fields(fields) if isinstance(fields, str) else fields
    file = path.relative_to(root).as_posix()
    got = dump_entries(path, file, mapping) if is_dump(path) else _single(path, root, file, mapping)
    try:
        for item in got:
            if isinstance(item, Skipped):
                log.warning("skipped %s", item)
            yield item
    except OSError as e:  # a dump that vanished or became unreadable half-way
        reason = "vanished while reading" if isinstance(e, FileNotFoundError) else f"unreadable ({e.strerror or e})"
        log.warning("skipped %s: %s", file, reason)
        yield Skipped(file, reason)


def _single(path: Path, root: Path, file: str, mapping: dict) -> Iterator[Entry | Skipped]:
    """One file, one article; its version is the sha256 of its bytes."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        yield Skipped(file, f"too large ({size / 1e6:.0f} MB > {MAX_FILE_BYTES / 1e6:.0f} MB)")
        return
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        yield Entry(file, sha, file, None, lambda: _html(path, file, sha))
    elif suffix == ".md":
        yield Entry(file, sha, file, None, lambda: _markdown(path, file, sha, mapping))
    else:
        yield Entry(file, sha, file, None, lambda: _corpus.read_article(path, root))


def _html(path: Path, file: str, sha: str) -> Article:
    from .html import html_article

    decode(path.read_bytes()[:8192])  # refuses binary files with the text reader's reason
    return html_article(path.read_bytes(), file, sha)


def _markdown(path: Path, file: str, sha: str, mapping: dict) -> Article:
    from .markdown import markdown_article

    text, warning = decode(path.read_bytes())
    return markdown_article(text, file, sha, (warning,) if warning else (), mapping)


def read_entry(entry: Entry) -> Article | Skipped:
    """The entry's article, or why it is skipped; either way the warnings are logged."""
    try:
        art = entry.read()
    except (ValueError, OSError) as e:
        reason = "vanished while reading" if isinstance(e, FileNotFoundError) else str(e)
        if isinstance(e, OSError) and not isinstance(e, FileNotFoundError):
            reason = f"unreadable ({e.strerror or e})"
        log.warning("skipped %s: %s", entry.where, reason)
        return Skipped(entry.file, reason, line=entry.line, article=entry.source)
    for w in art.warnings:
        log.warning("%s: %s", entry.where, w)
    return art


def read_all(files: list[Path], root: Path, fields: str = "") -> tuple[list[Article], list[Skipped]]:
    """Every article in these files, and what was skipped."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for path in files:
        for item in file_entries(path, root, fields):
            got = item if isinstance(item, Skipped) else read_entry(item)
            (articles if isinstance(got, Article) else skipped).append(got)
    return articles, skipped
