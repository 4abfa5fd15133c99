"""What changed since the last index: the articles to (re-)read, and every article still present.

A single-article file is passed over when its bytes hash to its record's sha256 (no decoding or
cleaning). A dump is passed over whole when its bytes (and the field mapping) hash to the value
recorded after its last complete run, and every article it held is still indexed; otherwise it is
parsed, and only rows whose own version changed are read in full and re-embedded."""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import Article, Skipped
from .ingest import file_entries, is_dump, parse_fields, read_entry
from .store import Store


@dataclass
class Scan:
    todo: list[Article] = field(default_factory=list)  # articles to (re-)index
    present: set[str] = field(default_factory=set)  # every article the corpus holds now
    dumps: dict[str, dict] = field(default_factory=dict)  # file -> {"sha256", "skipped", "articles"}
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    recleaned: int = 0  # unchanged articles cleaned again: their outlet's furniture changed
    skipped: list[Skipped] = field(default_factory=list)


def is_current(sha256: str, record: dict | None, chunks: Counter | None) -> bool:
    """Whether an article's record and chunks are those of this version, all of them stored."""
    if not record or record.get("sha256") != sha256 or not chunks:
        return False
    return set(chunks) == {sha256[:12]} and chunks[sha256[:12]] == record.get("n_chunks")


def dump_sha(path: Path, mapping: dict) -> str:
    """A dump's version: its bytes, read in blocks (a dump may be large), and the field mapping."""
    h = hashlib.sha256(json.dumps(sorted(mapping.items())).encode())
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_dump_records(store: Store) -> dict[str, dict]:
    """The dumps recorded as completely indexed: file -> {"sha256", "skipped": [[line, reason]],
    "articles": how many articles it held}."""
    raw = (store.docs.metadata or {}).get("dumps")
    try:
        return json.loads(raw) if raw else {}
    except ValueError:
        return {}  # unreadable: every dump is parsed again, which repairs it


def write_dump_records(store: Store, dumps: dict[str, dict], schema: int) -> None:
    """Record the dumps whose every row is now indexed (after their articles' records)."""
    store.docs.modify(metadata={"schema": schema, "dumps": json.dumps(dumps, sort_keys=True)})


def scan(files: list[Path], root: Path, fields: str, records: dict[str, dict], have: dict[str, Counter],
         dumps: dict[str, dict]) -> Scan:
    """Compare the corpus with the index: see the module docstring."""
    mapping = parse_fields(fields)
    by_file: dict[str, set[str]] = defaultdict(set)
    for source, record in records.items():
        by_file[record.get("file") or source].add(source)
    out = Scan()
    for path in files:
        file = path.relative_to(root).as_posix()
        if is_dump(path):
            try:
                sha = dump_sha(path, mapping)
            except OSError:
                sha = ""  # file_entries says what is wrong with it
            known = dumps.get(file, {})
            members = by_file.get(file, set())
            # Every row's article must still be whole: a killed run may have lost a record.
            if sha and sha == known.get("sha256") and len(members) == known.get("articles") and all(
                is_current(records[s]["sha256"], records[s], have.get(s)) for s in members
            ):
                out.present |= members
                out.unchanged += len(members)
                out.skipped += [Skipped(file, reason, line=line) for line, reason in known.get("skipped", [])]
                out.dumps[file] = known
                continue
            out.dumps[file] = {"sha256": sha, "skipped": [], "articles": 0}
        _scan_file(path, root, file, mapping, records, have, out)
    return out


def _scan_file(path, root, file, mapping, records, have, out: Scan) -> None:
    for item in file_entries(path, root, mapping):
        if isinstance(item, Skipped):
            _skip(out, file, item)
            continue
        out.present.add(item.source)
        if file in out.dumps:
            out.dumps[file]["articles"] += 1
        if is_current(item.sha256, records.get(item.source), have.get(item.source)):
            out.unchanged += 1
            continue
        art = read_entry(item)
        if isinstance(art, Skipped):
            _skip(out, file, art)
            continue
        if item.source in records or item.source in have:
            out.changed += 1
        else:
            out.added += 1
        out.todo.append(art)


def _skip(out: Scan, file: str, skipped: Skipped) -> None:
    out.skipped.append(skipped)
    if file in out.dumps:
        out.dumps[file]["skipped"].append([skipped.line, skipped.reason])


def reread(files: list[Path], root: Path, fields: str, sources: set[str], records: dict[str, dict]) -> list[Article]:
    """These indexed articles read again from their files (a dump is parsed for its rows)."""
    wanted = {records[s].get("file") or s for s in sources}
    out = []
    for path in files:
        if path.relative_to(root).as_posix() not in wanted:
            continue
        for item in file_entries(path, root, fields):
            if not isinstance(item, Skipped) and item.source in sources:
                art = read_entry(item)
                if isinstance(art, Article):
                    out.append(art)
    return out
