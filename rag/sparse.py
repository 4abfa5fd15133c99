"""The per-version lexical side of an index: BM25 over every chunk and the corpus's type lexicon,
built once by `rag index` and saved under the data folder, then memory-mapped by every process
that answers.

Why at index time: built on a process's first question (as before issue 14), it cost that question
the reading and tokenising of every chunk (21 s at 100,000 chunks, minutes at a million) and held
the tokens in that process's memory; a Chroma server's every answering machine paid it again. A
process that finds no saved copy for the current version (an index written by an older rag, or
a data folder that was cleared) still builds it, as before."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from pathlib import Path
from typing import Any

from . import bm25
from .annotate import KIND_LINKS, PLACE_LABELS, loads
from .answer_types import VALUE_LABELS, TypeLexicon
from .config import Settings
from .errors import StoreError
from .evidence import span_key
from .text import STOPWORDS, owns_next, stem

log = logging.getLogger(__name__)

PAGE = 10_000  # chunks per read when building
TYPES_FILE = "types.json"  # the type lexicon, saved beside BM25
KINDS_FILE = "kinds.json"  # what the corpus calls each name and phrase (TypeLexicon.kinds)
# A name given as an example of a kind (a Hearst pattern: "retailers like Northwind, Harbor Foods
# and Acme", "diseases such as Ebola"): the plural before "like", "such as" or "including", then
# the names listed so far. The parse stored at index time has no link for these (annotate.py).
_EXAMPLE_OF = re.compile(r"\b((?i:[a-z]{3,}s)),?\s+(?:like|such as|including)\s+"
                         r"(?:[A-Z][^,;.()]*?(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+))*$")
_EXAMPLE_WORDS = ("like", "such as", "including")  # checked before the pattern: most names follow none
_BOOKKEEPING = ("doc_id", "document_id", "ref_doc_id")  # llama-index's copies of the article id


def clean_meta(meta: dict | None) -> dict:
    """A chunk's metadata without llama-index's bookkeeping (its ids and the node dump)."""
    return {k: v for k, v in (meta or {}).items() if k not in _BOOKKEEPING and not k.startswith("_")}


def saved_path(settings: Settings, meta: dict) -> Path:
    """Where this index version's BM25 is saved: keyed by the store, the collection and the
    version record (a rebuild of the same files writes a new `indexed_at`)."""
    where = settings.chroma_url or str(settings.chroma_path.resolve())
    key = "|".join([where, settings.collection, str(meta.get("version")), str(meta.get("indexed_at")),
                    str(meta.get("chunks"))])
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return settings.data_dir / "bm25" / f"{settings.collection}-{digest}-v{bm25.FORMAT}"


def bm25_content(text: str, meta: dict) -> str:
    """What BM25 indexes per chunk: its article's title and its text (not the bookkeeping metadata:
    file names, hashes and annotations are not words a question uses)."""
    return f"{meta.get('title', '')}\n\n{text}"


def add_links(lexicon: TypeLexicon, meta: dict, text: str = "") -> None:
    """What a chunk's annotation ties common nouns to (see annotate.py), into `lexicon`; with the
    chunk's `text`, also what it calls each name and noun phrase's modifier (TypeLexicon.kinds)."""
    ann = loads(meta.get("ann"))
    for a, b, label, links in ann.get("e", []):
        key = span_key(text[a:b]) if text and label not in VALUE_LABELS else ""
        for link in filter(None, links.split("|")):
            how, _, lemma = link.partition(":")
            if how in KIND_LINKS and (how != "of" or label in PLACE_LABELS):
                lexicon.add(lemma, label)
                lexicon.add_kind(key, stem(lemma))
        if key and (kind := _example_of(text, a, b)):
            lexicon.add_kind(key, kind)
    names = [(a, b) for a, b, *_ in ann.get("e", [])]
    for a, b in ann.get("n", []) if text else ():
        if any(a <= x < b for x, _ in names):
            continue  # "US officials", "the Biden administration": what a name is, the links above say
        *modifier, head = span_key(text[a:b]).split() or [""]
        if modifier and not STOPWORDS.intersection(modifier):  # not "this virus", "even the virus"
            lexicon.add_kind(" ".join(modifier), head, phrase=True)


def _example_of(text: str, a: int, b: int) -> str:
    """The kind (a stem) the name at text[a:b] is listed as an example of ("retailers like Northwind"),
    or ""; not for an owner ("leaders including Finland's Sanna Marin" lists Marin)."""
    before = text[max(0, a - 120) : a]
    if not any(w in before for w in _EXAMPLE_WORDS) or owns_next(text, b):
        return ""
    m = _EXAMPLE_OF.search(before)
    return stem(m[1].lower()) if m and m[1].lower() not in STOPWORDS else ""


def read_all(store: Any) -> tuple[list[str], list[str], TypeLexicon]:
    """Every chunk's id and BM25 content, and the type lexicon, read in pages (ids first, then by
    id, so a page never shifts under a concurrent write; only the content strings are kept)."""
    ids = store.chunks.get(include=[])["ids"]
    contents: list[str] = []
    lexicon = TypeLexicon()
    for i in range(0, len(ids), PAGE):
        page = ids[i : i + PAGE]
        got = store.chunks.get(ids=page, include=["documents", "metadatas"])
        order = {cid: j for j, cid in enumerate(got["ids"])}
        for cid in page:
            j = order[cid]
            meta = got["metadatas"][j] or {}
            contents.append(bm25_content(got["documents"][j] or "", meta))
            add_links(lexicon, meta, got["documents"][j] or "")
    return ids, contents, lexicon


def build_and_save(settings: Settings, store: Any, meta: dict) -> tuple[bm25.BM25Search, TypeLexicon]:
    """Build this version's BM25 and type lexicon from every chunk, and save them."""
    ids, contents, lexicon = read_all(store)
    if not ids:
        raise StoreError("The index holds no chunks. Run `rag index`.")
    index = bm25.build(contents)
    del contents
    path = saved_path(settings, meta)
    kinds = lexicon.kinds_json()
    bm25.save(path, index, ids, extras={TYPES_FILE: lexicon.to_json(), KINDS_FILE: kinds})
    loaded = bm25.load(path, len(ids))  # memory-mapped, as every later process sees it
    return (bm25.BM25Search(*loaded) if loaded else bm25.BM25Search(index, ids)), TypeLexicon(lexicon.counts, kinds)


def load(settings: Settings, meta: dict) -> tuple[bm25.BM25Search, TypeLexicon] | None:
    """This version's saved BM25 and type lexicon (memory-mapped), or None."""
    path = saved_path(settings, meta)
    loaded = bm25.load(path, int(meta.get("chunks") or -1))
    if not loaded:
        return None
    try:
        types = json.loads((path / TYPES_FILE).read_text(encoding="utf-8"))
        kinds = json.loads((path / KINDS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return bm25.BM25Search(*loaded), TypeLexicon.from_json(types, kinds)


def load_or_build(settings: Settings, store: Any, meta: dict) -> tuple[bm25.BM25Search, TypeLexicon]:
    return load(settings, meta) or build_and_save(settings, store, meta)


def ensure_saved(settings: Settings, store: Any, meta: dict) -> bool:
    """Build and save this version's BM25 unless it is saved already; True if built now. (A damaged
    save is found by the process that loads it, which builds it again.)"""
    path = saved_path(settings, meta)
    if not meta.get("chunks") or all((path / f).exists() for f in (bm25.IDS_FILE, TYPES_FILE, KINDS_FILE)):
        return False
    build_and_save(settings, store, meta)
    return True
