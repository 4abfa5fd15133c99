"""JSONL and CSV dumps: one article a row. Rows are parsed with the json and csv modules; each
good row becomes an Entry named `<file>#<row id>` (see rows.row_key), each bad one a Skipped with
its line and the reason, and the rest of the dump is read on."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from pathlib import Path

from ..corpus import MAX_FILE_BYTES, Skipped
from .entry import Entry
from .rows import row_article, row_key, row_sha

# csv refuses fields over 128 KB by default; an article body may be longer. The limit is the
# csv module's own global, so it is raised once here, for every reader in the process.
csv.field_size_limit(MAX_FILE_BYTES)


def jsonl_rows(path: Path) -> Iterator[tuple[int, dict | None, bytes, str | None]]:
    """(line number, row or None, the line's bytes, why it is bad or None) per non-blank line."""
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            if len(raw) > MAX_FILE_BYTES:
                yield n, None, b"", f"row too large ({len(raw) / 1e6:.0f} MB)"
                continue
            try:
                row = json.loads(raw.decode("utf-8-sig" if n == 1 else "utf-8"))
            except UnicodeDecodeError:
                yield n, None, raw, "not UTF-8"
                continue
            except json.JSONDecodeError as e:
                yield n, None, raw, f"broken JSON ({e.msg} at column {e.colno})"
                continue
            if not isinstance(row, dict):
                yield n, None, raw, f"not a JSON object (a {type(row).__name__})"
                continue
            yield n, row, raw.rstrip(b"\r\n"), None


def csv_rows(path: Path) -> Iterator[tuple[int, dict | None, bytes, str | None]]:
    """Like jsonl_rows for a CSV file with a header row; a row's line is where it starts (a quoted
    field may span lines)."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        yield 1, None, b"", "not UTF-8"
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        return
    start = reader.line_num + 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            yield start, None, b"", f"broken CSV ({e})"
            start = reader.line_num + 1
            continue
        line, start = start, reader.line_num + 1
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            yield line, None, b"", f"{len(values)} fields where the header has {len(header)}"
            continue
        row = dict(zip(header, values))
        yield line, row, json.dumps(row, sort_keys=True).encode(), None


def dump_entries(path: Path, file: str, mapping: Mapping[str, str]) -> Iterator[Entry | Skipped]:
    """Entries for the good rows of a dump, Skipped for the bad ones. Two rows with the same id
    are not merged: the second is skipped and both lines are named."""
    rows = jsonl_rows(path) if path.suffix.lower() == ".jsonl" else csv_rows(path)
    first_line: dict[str, int] = {}
    for line, row, raw, problem in rows:
        if row is None:
            yield Skipped(file, problem or "unreadable", line=line)
            continue
        key, kind = row_key(row, mapping, line)
        source = f"{file}#{key}"
        if key in first_line:
            yield Skipped(file, f"duplicate {kind} {key!r} (first on line {first_line[key]}, which is kept)",
                          line=line)
            continue
        first_line[key] = line
        sha = row_sha(raw, mapping)
        yield Entry(source, sha, file, line,
                    lambda row=row, source=source, sha=sha: row_article(row, source, sha, file, mapping))
