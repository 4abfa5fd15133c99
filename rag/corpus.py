"""Read and clean plain-text articles (.txt, and .md bodies): source, title, date, sha256, text.

The other formats (JSONL and CSV dumps, HTML pages, Markdown front matter) are read in rag/ingest/,
which hands their text to `clean_text` here."""

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

SUFFIXES = (".txt", ".md", ".jsonl", ".csv", ".html", ".htm")
FORMATS = ".txt, .md, .jsonl, .csv or .html"  # for messages
MAX_FILE_BYTES = 10 * 1024 * 1024  # a news article is kilobytes; 10 MB is a dump, not an article

# Lines of page furniture that no site-by-site repetition is needed to recognise (furniture.py
# finds the rest: lines an outlet repeats across its pages). Each pattern must match a whole line
# (after stripping), so article sentences that merely mention a word like "comment" or
# "subscribe" survive; the pleas and contact lines also only up to 300 characters (_SHORT), since a
# longer line is a paragraph of the story. What each one drops on rtqa-2022 and on the shipped
# articles is in bench/RESULTS.md.
_SHORT = r"(?=.{0,300}$)"
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
    # A plea to sign up, subscribe or donate: the call and a word that makes it one ("here", "now",
    # "your inbox", "!"), so "Would you sign up for daily tacos?" stays.
    _SHORT + r"(?=.*\b(?:sign(?:ing)? up|subscrib(?:e|ing)|join (?:the|our) .{0,40}(?:mailing list|newsletter)"
    r"|make a (?:charitable )?donation|delivered (?:right |straight )?to your (?:inbox|phone))\b)"
    r"(?=.*(?:\b(?:here|now|today|free|inbox|newsletter|mailing list|subscriber)\b|!|support)).*",
    _SHORT + r"(?:follow|contact|reach|email)\b.{0,200}?(?:@\w|\b(?:twitter|facebook|instagram)\b).*",  # a reporter's handles
    r"read more(?: [\w’' ]{0,40})?:.*|read more\.?",  # links out to other stories
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

    source: str  # stable id: the path relative to the corpus folder; "dump.jsonl#<row id>" for a row
    title: str
    text: str
    sha256: str
    date: str | None = None  # ISO date of publication: metadata, else the header, else the URL
    warnings: tuple[str, ...] = field(default=())
    outlet: str | None = None  # who published it: metadata, else the header, else the URL's host
    url: str | None = None
    file: str | None = None  # the file it was read from, when that is not `source` (a dump row)
    group: str | None = None  # its near-duplicate group (set by the indexer; see dedup.py)
    bookkeeping: dict = field(default_factory=dict, compare=False)  # what its docs record keeps besides


@dataclass
class Skipped:
    """A file, or one row of a dump, that was not indexed, and why."""

    source: str  # the file, relative to the corpus folder
    reason: str
    line: int | None = None  # the row's line, for a dump
    article: str | None = None  # the article id, when the row got far enough to have one

    def __str__(self) -> str:
        where = f"{self.source} line {self.line}" if self.line else self.source
        return f"{where}: {self.reason}"


# Characters that show nothing but split a word for every tokenizer here: zero-width spaces and
# joiners, the soft hyphen, byte-order marks (web pages carry them inside words: "overs\u200bold").
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\u00ad\ufeff"))


def clean_text(text: str) -> str:
    """Drop web debris lines and collapse blank runs, keeping every article sentence."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").translate(_INVISIBLE)
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


_BYLINE = re.compile(r"By [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}\b.*")
MASTHEAD_WORDS = 12  # a banner or section name above a headline is short


def drop_masthead(text: str) -> str:
    """Drop the page's banners and section names above the headline. A byline ("By Jane Doe
    ...") in the first lines marks the headline: the nearest line above it that is not a dateline.
    Without a byline nothing is dropped; a long line above the headline stops it too."""
    lines = text.split("\n")
    top = [i for i, ln in enumerate(lines) if ln.strip()][:HEADER_LINES]
    byline = next((k for k, i in enumerate(top) if _BYLINE.fullmatch(lines[i]) and len(lines[i].split()) <= MASTHEAD_WORDS), None)
    if not byline:
        return text
    headline = next((k for k in range(byline - 1, -1, -1) if not find_date(lines[top[k]])), None)
    if not headline or any(len(lines[i].split()) > MASTHEAD_WORDS for i in top[:headline]):
        return text
    return "\n".join(lines[top[headline]:])


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


def corpus_root(corpus: Path) -> Path:
    """The folder sources are named relative to: the corpus folder, or a single file's folder."""
    corpus = Path(corpus)
    return corpus.parent if corpus.is_file() else corpus


def list_files(corpus_dir: Path) -> list[Path]:
    """Article files under the corpus folder (or the corpus itself, when it is one file). Symlinks
    are not followed: a link could point anywhere on the machine, and only what lives in the
    corpus folder belongs in the index."""
    corpus_dir = Path(corpus_dir)
    if corpus_dir.is_file() and not corpus_dir.is_symlink():
        if corpus_dir.suffix.lower() not in SUFFIXES:
            raise CorpusError(f"{corpus_dir} is not a {FORMATS} file.")
        return [corpus_dir]
    if not corpus_dir.is_dir():
        raise CorpusError(f"Corpus folder not found: {corpus_dir}. Pass --corpus PATH or set RAG_CORPUS_DIR.")
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
    return article_from_text(source, text, hashlib.sha256(data).hexdigest(), (warning,) if warning else ())


def article_from_text(source: str, text: str, sha256: str, warnings: tuple[str, ...] = ()) -> Article:
    """Clean a plain text and take its title and date from its first lines. Raises ValueError
    ("empty") when nothing is left."""
    cleaned = drop_masthead(clean_text(text))
    if not cleaned:
        raise ValueError("empty")
    lines = [ln for ln in cleaned.splitlines() if ln.strip()]
    # A dateline ("30 Nov, 2023 18:20") is not a headline; the first other line is.
    title = next((ln for ln in lines if not _is_dateline(ln)), lines[0])
    return Article(source=source, title=title[:300], text=cleaned, sha256=sha256, date=find_date(text),
                   warnings=warnings)


def load_corpus(corpus_dir: Path, fields: str = "") -> tuple[list[Article], list[Skipped]]:
    """Every readable article in the folder (or file), in any format rag/ingest reads, and the
    files and rows skipped with their reasons. `fields` maps dump columns (see ingest.fields)."""
    from .ingest import read_all  # ingest builds on this module

    corpus_dir = Path(corpus_dir)
    files = list_files(corpus_dir)
    if not files:
        raise CorpusError(f"Corpus folder {corpus_dir} holds no {FORMATS} files.")
    return read_all(files, corpus_root(corpus_dir), fields)


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
