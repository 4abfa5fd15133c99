"""Between reading and chunking: what needs the whole corpus rather than one article. New and
changed articles join their near-duplicate groups (dedup.py); the page furniture of each outlet is
learnt from every article (furniture.py) and dropped; articles already indexed whose furniture
changed are read again."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from . import dedup, furniture
from .corpus import Article, Skipped
from .scan import Scan, reread

log = logging.getLogger(__name__)


def prepare(found: Scan, records: dict[str, dict], files: list[Path], root: Path, fields: str) -> list[Article]:
    """The articles to chunk and embed, grouped and without furniture, each carrying what its
    docs record keeps (`bookkeeping`). Adds to `found.skipped` an article left with no text."""
    new = {a.source: a for a in found.todo}
    staying = {s: records[s] for s in found.present if s in records and s not in new}
    groups = dedup.group_articles(
        [(a.source, a.sha256, a.text) for a in new.values()],
        [(s, r.get("minhash", ""), r.get("group") or s) for s, r in staying.items()],
    )
    keys = {s: furniture.line_keys(a.text) for s, a in new.items()}
    table = furniture.learn(
        [(r.get("outlet", ""), r.get("group") or s, r.get("lines", "").split()) for s, r in staying.items()]
        + [(a.outlet or "", groups[s][0], keys[s]) for s, a in new.items()]
    )
    stale = {s for s, r in staying.items()
             if furniture.fingerprint(r.get("lines", "").split(), table.get(r.get("outlet", ""), set()))
             != r.get("furniture", "")}
    if stale:
        log.info("%d indexed articles have new page furniture: cleaning them again", len(stale))
        for art in reread(files, root, fields, stale, records):
            new[art.source] = art
            groups[art.source] = (records[art.source].get("group") or art.source, records[art.source].get("minhash", ""))
            keys[art.source] = furniture.line_keys(art.text)
    found.recleaned = len(stale)
    out = []
    for source, art in new.items():
        known = table.get(art.outlet or "", set())
        text = furniture.strip(art.text, known)
        if not text:
            found.skipped.append(Skipped(art.file or source, "nothing but page furniture", article=source))
            continue
        group, sig = groups[source]
        book = {"lines": " ".join(keys[source]), "furniture": furniture.fingerprint(keys[source], known),
                "minhash": sig}
        out.append(dataclasses.replace(art, text=text, group=group, bookkeeping=book))
    return out
