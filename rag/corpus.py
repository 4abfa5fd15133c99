"""Read the corpus folder into clean articles: source, title, date, sha256, text."""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .errors import CorpusError
from .text import MONTHS

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md")
MAX_FILE_BYTES = 10 * 1024 * 1024  # a news article is kilobytes; 10 MB is a dump, not an article

# Lines of scraped-page furniture seen in real articles. Each pattern must match a whole line
# (after stripping), so article sentences that merely mention a word like "comment" survive.
DEBRIS_PATTERNS = [
    r"(?:\w*icon[\w\- ]*){8,}",  # an icon font's glyph names run together ("icon bookmarkicon ...")
    r"photo credit:.*",
    r"be the first to comment",
    r"leave a (?:reply|comment)",
    r"your email address will not be published\.?(?: required fields are marked \*)?",
    r"this site uses akismet to reduce spam\..*",
    r"this website uses cookies.*",
    r".*\bwe use cookies\b.*",
    r"(?:accept|reject)(?: all)?(?: cookies)?",
    r"join the [\w.]+ mailing list",
    r"unitED24 - make a charitable donation.*",
    r"weapons of mass destruction \(wmd\)",
    r"(?:share|tweet|email|print)(?: this)?(?: article| story)?(?: on \w+)?",
    r"podcasts?",
    r"\d{1,2}:\d{1,2}(?::\d{1,2})?",  # media-player timers ("0:00", "26:43", "29:2")
    r"[*•·|\-–—]+",  # lone form markers and separators
]
_DEBRIS = re.compile(r"^(?:" + "|".join(DEBRIS_PATTERNS) + r")$", re.IGNORECASE)

# Any name or abbreviation in the month table, longest first so "Sept." is not read as "Sep".
_MONTH_RE = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = [
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),  # ISO
    re.compile(_MONTH_RE + r"\s+(\d{1,2}),?\s+(\d{4})\b", re.IGNORECASE),  # September 29, 2021
    re.compile(r"\b(\d{1,2})\s+" + _MONTH_RE + r",?\s+(\d{4})\b", re.IGNORECASE),  # 30 Nov, 2023
]
HEADER_LINES = 8  # a publication date sits in the byline, not in the body's history


@dataclass(frozen=True)
class Article:
    """One cleaned article."""

    source: str  # path relative to the corpus folder, with forward slashes
    title: str
    text: str
    sha256: str
    date: str | None = None  # ISO date of publication, when the header states one
    warnings: tuple[str, ...] = field(default=())


@dataclass
class Skipped:
    source: str
    reason: str


def clean_text(text: str) -> str:
    """Drop web debris lines and collapse blank runs, keeping every article sentence."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    out: list[str] = []
    seen: set[str] = set()
    for raw in text.split("\n"):
        line = re.sub(r"[ \t]+", " ", raw).strip()
        if line and _DEBRIS.match(line):
            continue
        # Page templates repeat the headline under a teaser; a short line seen before is furniture.
        if line and len(line) < 160 and line in seen:
            continue
        seen.add(line)
        if not line and (not out or not out[-1]):
            continue
        # A sentence broken over two lines ("hostile acts,\nand an extension ...") is one line.
        if line and out and out[-1] and not re.search(r"[.!?:\"”’)]$", out[-1]) and line[0].islower():
            out[-1] += " " + line
            continue
        out.append(line)
    return "\n".join(out).strip()


def find_date(text: str) -> str | None:
    """The publication date stated in the article's first lines, as an ISO string."""
    header = "\n".join([ln for ln in text.splitlines() if ln.strip()][:HEADER_LINES])
    for pattern in _DATE_PATTERNS:
        m = pattern.search(header)
        if not m:
            continue
        a, b, c = m.groups()
        try:
            if pattern is _DATE_PATTERNS[0]:
                d = date(int(a), int(b), int(c))
            elif pattern is _DATE_PATTERNS[1]:
                d = date(int(c), MONTHS[a.lower()], int(b))
            else:
                d = date(int(c), MONTHS[b.lower()], int(a))
        except (ValueError, KeyError):
            continue
        return d.isoformat()
    return None


def _is_dateline(line: str) -> bool:
    rest = line
    for pattern in _DATE_PATTERNS:
        rest = pattern.sub("", rest)
    return rest != line and not re.sub(r"[\d:,.\s]|am|pm|utc|gmt", "", rest, flags=re.I)


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode bytes as UTF-8, else cp1252; returns (text, warning). Raises ValueError if binary."""
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (NUL bytes)")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > len(text) * 0.01:
        raise ValueError("not text (undecodable bytes)")
    return text, "not valid UTF-8; read as cp1252/latin-1"


def list_files(corpus_dir: Path) -> list[Path]:
    """Article files under the corpus folder. Symlinks are not followed: a link could point
    anywhere on the machine, and only what lives in the corpus folder belongs in the index."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise CorpusError(f"Corpus folder not found: {corpus_dir}. Pass --corpus DIR or set RAG_CORPUS_DIR.")
    files = []
    for p in sorted(corpus_dir.rglob("*")):
        if p.is_symlink() or any(part.startswith(".") for part in p.relative_to(corpus_dir).parts):
            continue
        if p.suffix.lower() in SUFFIXES and p.is_file():
            files.append(p)
    return files


def read_article(path: Path, corpus_dir: Path) -> Article:
    """Read and clean one file. Raises ValueError with the reason when it must be skipped."""
    source = path.relative_to(corpus_dir).as_posix()
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ValueError(f"too large ({size / 1e6:.0f} MB > {MAX_FILE_BYTES / 1e6:.0f} MB)")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ValueError(f"unreadable ({e.strerror or e})") from e
    text, warning = decode(data)
    cleaned = clean_text(text)
    if not cleaned:
        raise ValueError("empty")
    lines = [ln for ln in cleaned.splitlines() if ln.strip()]
    # A dateline ("30 Nov, 2023 18:20") is not a headline; the first other line is.
    title = next((ln for ln in lines if not _is_dateline(ln)), lines[0])
    return Article(
        source=source,
        title=title[:300],
        text=cleaned,
        sha256=hashlib.sha256(data).hexdigest(),
        date=find_date(text),
        warnings=(warning,) if warning else (),
    )


def load_corpus(corpus_dir: Path) -> tuple[list[Article], list[Skipped]]:
    """Every readable article in the folder, and the files skipped with their reasons."""
    corpus_dir = Path(corpus_dir)
    files = list_files(corpus_dir)
    if not files:
        raise CorpusError(f"Corpus folder {corpus_dir} holds no .txt or .md files.")
    articles, skipped = [], []
    for path in files:
        got = read_or_skip(path, corpus_dir)
        (articles if isinstance(got, Article) else skipped).append(got)
    return articles, skipped


def read_or_skip(path: Path, corpus_dir: Path) -> Article | Skipped:
    """The article, or why it is skipped; either way the warning is logged."""
    try:
        art = read_article(path, corpus_dir)
    except (ValueError, FileNotFoundError) as e:
        reason = "vanished while reading" if isinstance(e, FileNotFoundError) else str(e)
        source = path.relative_to(corpus_dir).as_posix()
        log.warning("skipped %s: %s", source, reason)
        return Skipped(source, reason)
    for w in art.warnings:
        log.warning("%s: %s", art.source, w)
    return art
