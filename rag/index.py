"""Chunk, embed and store articles in Chroma, touching only what changed.

An article counts as indexed when its record in the docs collection matches the file's sha256 and
the chunk collection holds exactly its `n_chunks` chunks of that version. Chunks go in first and the
docs record last, so a run killed half-way leaves articles that the next run sees as changed and
redoes: no duplicate chunk (ids are stable and upserted) and no missing one."""

from __future__ import annotations

import hashlib
import logging
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone

from .chunk import chunk_articles, parse_chunk_id
from .config import Settings
from .corpus import FORMATS, Article, Skipped, corpus_root, list_files
from .dates import day_number
from .errors import CorpusError, StoreError
from .prepare import prepare
from .scan import read_dump_records, scan, write_dump_records
from .store import SCHEMA, Store, drop, index_meta, open_store, write_meta

log = logging.getLogger(__name__)

DELETE_BATCH = 500  # articles per chunk-delete call
STORE_BATCH = 1024  # passages per Chroma write (rtqa-2022's 12,093: 15.8 s at 256, 13.1 at 1,024, 12.3 at 4,096)
ProgressFn = Callable[[int, int], None]


@dataclass
class IndexReport:
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    recleaned: int = 0  # unchanged articles cleaned again because their outlet's furniture changed
    chunks: int = 0  # chunks in the index after the run
    embedded: int = 0  # chunks embedded by this run
    seconds: float = 0.0
    skipped: list[Skipped] = field(default_factory=list)
    rebuilt_because: str | None = None
    onnx_seconds: float | None = None  # set when this run exported the model for ONNX Runtime
    onnx_problem: str | None = None  # why the export failed (questions then use torch)
    bm25_seconds: float | None = None  # set when this run built the index version's BM25
    overlapped: bool | None = None  # whether annotation ran beside embedding (pipeline.py); None: nothing embedded
    bf16: bool = False  # the passages were embedded with bfloat16 products (RAG_EMBED_PRECISION)
    words: int = 0  # new words embedded for the reader's word table (synonyms.py)

    def summary(self) -> str:
        how = ", bf16" if self.bf16 else ""
        s = (
            f"{self.added} added, {self.changed} changed, {self.removed} removed, "
            f"{self.unchanged} unchanged; {self.chunks} chunks ({self.embedded} embedded{how}) "
            f"in {self.seconds:.1f} s"
        )
        if self.recleaned:
            s += f"; {self.recleaned} cleaned again (new page furniture)"
        if self.skipped:
            s += f"; {len(self.skipped)} skipped"
        if self.words:
            s += f"; {self.words} new words embedded"
        if self.bm25_seconds is not None:
            s += f"; BM25 built in {self.bm25_seconds:.1f} s"
        if self.onnx_seconds is not None:
            s += f"; exported the embedding model for ONNX Runtime in {self.onnx_seconds:.1f} s (once per machine)"
        return s


def _lock(settings: Settings):
    from filelock import FileLock

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return FileLock(str(settings.data_dir / "index.lock"))


def _records(store: Store) -> dict[str, dict]:
    """The docs collection's article records, by source."""
    docs = store.docs.get(include=["metadatas"])
    return {i: dict(m or {}) for i, m in zip(docs["ids"], docs["metadatas"])}


def _chunk_counts(store: Store) -> dict[str, Counter]:
    """Chunks held per source and article version, from the chunk ids alone (no documents or
    metadata travel: about 10 ms for 6,000 chunks embedded)."""
    have: dict[str, Counter] = defaultdict(Counter)
    for cid in store.chunks.get(include=[])["ids"]:
        source, sha = parse_chunk_id(cid)
        have[source][sha] += 1
    return have


def build_index(
    settings: Settings | None = None,
    *,
    rebuild: bool = False,
    progress: bool = False,
    on_progress: ProgressFn | None = None,
) -> IndexReport:
    """Bring the index in line with the corpus folder. Only changed articles are embedded."""
    from .config import get_settings

    settings = settings or get_settings()
    t0 = time.perf_counter()
    report = IndexReport()
    files = list_files(settings.corpus_dir)
    if not files:
        raise CorpusError(f"Corpus folder {settings.corpus_dir} holds no {FORMATS} files.")
    with _lock(settings):
        if rebuild:
            drop(settings)
        store = open_store(settings)
        report.rebuilt_because = _why_rebuild(store, settings)
        if report.rebuilt_because:
            log.warning("rebuilding: %s", report.rebuilt_because)
            drop(settings)
            store = open_store(settings)
        try:
            _sync(store, settings, files, report, progress, on_progress)
            _build_bm25(store, settings, report)
        except StoreError:
            raise
        except Exception as e:
            raise StoreError(f"Indexing failed ({e}). Run `rag index` again, or `rag index --rebuild`.") from e
    _export_onnx(settings, report)
    report.seconds = time.perf_counter() - t0
    return report


def _why_rebuild(store: Store, settings: Settings) -> str | None:
    """Why the index in the store cannot be updated in place, or None."""
    if store.embed_model != settings.embed_model:
        return f"the index was built with {store.embed_model or 'an unknown model'}, not {settings.embed_model}"
    if store.embed_variant != settings.embed_variant:
        return f"the index was embedded with the {store.embed_variant} model, not {settings.embed_variant}"
    if store.schema != SCHEMA:
        return f"the index was written by an older version of rag (layout {store.schema}, now {SCHEMA})"
    if store.nlp_model != settings.spacy_model:
        return f"the passages were annotated with {store.nlp_model or 'no spaCy pipeline'}, not {settings.spacy_model}"
    return None


def _build_bm25(store: Store, settings: Settings, report: IndexReport) -> None:
    """Build and save this version's BM25 and type lexicon now, so no question has to (sparse.py)."""
    from .sparse import ensure_saved

    t = time.perf_counter()
    if ensure_saved(settings, store, index_meta(store)):
        report.bm25_seconds = time.perf_counter() - t


def _export_onnx(settings: Settings, report: IndexReport) -> None:
    """Export the model for the query side's ONNX Runtime if this machine has not yet (a few
    seconds, once; it loads the model when this run embedded nothing). A failure costs speed, not
    answers: questions are then embedded with torch."""
    from .embed import Embedder

    t = time.perf_counter()
    exported, report.onnx_problem = Embedder.from_settings(settings).ensure_onnx_or_warn()
    if exported:
        report.onnx_seconds = time.perf_counter() - t


def _sync(store, settings, files, report, progress, on_progress) -> None:
    records = _records(store)
    have = _chunk_counts(store)
    root = corpus_root(settings.corpus_dir)
    found = scan(files, root, settings.fields, records, have, read_dump_records(store))
    todo, present = prepare(found, records, files, root, settings.fields), found.present
    report.added, report.changed, report.unchanged = found.added, found.changed, found.unchanged - found.recleaned
    report.recleaned, report.skipped = found.recleaned, found.skipped
    # A file or row that is gone is removed; one that exists but could not be read this time
    # keeps its previous version rather than vanishing from answers.
    kept = {s.article or s.source for s in report.skipped}
    gone = (set(records) | set(have)) - present - kept
    report.removed = len(gone)
    # One delete per group of articles, not one round trip each (a server makes each one count).
    stale = sorted(s for s in gone | {a.source for a in todo} if s in have)
    for i in range(0, len(stale), DELETE_BATCH):
        # `document_id` is the key llama-index's ChromaVectorStore files a chunk's article under.
        store.chunks.delete(where={"document_id": {"$in": stale[i : i + DELETE_BATCH]}})
    dropped = sorted(gone & set(records))
    if dropped:
        store.docs.delete(ids=dropped)
    for source in dropped:
        del records[source]

    if todo:  # an unchanged corpus imports no splitter and loads no tokenizer or model
        nodes = chunk_articles(todo, settings)
        _embed_and_write(store, settings, todo, nodes, records, report, progress, on_progress)
    _add_words(store, settings, todo, report)
    report.chunks = store.chunks.count()
    version = hashlib.sha256(
        "\n".join(f"{s}:{r.get('sha256')}" for s, r in sorted(records.items())).encode()
    ).hexdigest()[:16]
    meta = index_meta(store)
    if found.dumps != read_dump_records(store):  # after every record: the dumps are now complete
        write_dump_records(store, found.dumps, SCHEMA)
    # Rewritten only when something changed (or a killed run left it behind the records), so an
    # unchanged re-index writes nothing.
    if todo or gone or meta.get("version") != version or meta.get("chunks") != report.chunks:
        write_meta(
            store,
            version=version,
            indexed_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            documents=len(records),
            chunks=report.chunks,
            outlets="\n".join(sorted({str(r.get("outlet")) for r in records.values() if r.get("outlet")})),
        )


def _embed_and_write(store, settings, todo, nodes, records, report, progress, on_progress) -> None:
    if not nodes:
        return
    from llama_index.core.schema import MetadataMode
    from llama_index.vector_stores.chroma import ChromaVectorStore
    from tqdm import tqdm

    from . import pipeline
    from .embed import Embedder

    vector_store = ChromaVectorStore(chroma_collection=store.chunks)
    embedder = Embedder.from_settings(settings)
    totals = Counter(n.metadata["source"] for n in nodes)
    remaining = totals.copy()
    by_source = {a.source: a for a in todo}
    bar = tqdm(total=len(nodes), unit="chunk", desc="Embedding", disable=not progress, leave=False)

    # STORE_BATCH at a time, or a quarter of the run if fewer: the progress moves, a killed run keeps work.
    flush_at = max(pipeline.WRITE_BATCH, min(STORE_BATCH, len(nodes) // 4))
    waiting: list = []

    def store_waiting() -> None:
        vector_store.add(waiting)
        report.embedded += len(waiting)
        for node in waiting:
            remaining[node.metadata["source"]] -= 1
        done = [s for s in dict.fromkeys(n.metadata["source"] for n in waiting) if remaining[s] == 0]
        # The records of the articles whose last chunk is now stored, in one write.
        _write_records(store, [by_source[s] for s in done], totals, records)
        bar.update(len(waiting))
        waiting.clear()
        if on_progress:
            on_progress(report.embedded, len(nodes))

    def write(indices: list[int], annotations: list[str], vectors) -> None:
        for i, ann, vec in zip(indices, annotations, vectors):
            nodes[i].metadata["ann"], nodes[i].embedding = ann, vec.tolist()
        waiting.extend(nodes[i] for i in indices)
        if len(waiting) >= flush_at:
            store_waiting()

    report.overlapped = pipeline.should_overlap(settings.index_overlap)
    report.bf16 = embedder.documents_in_bf16
    try:
        pipeline.run([n.text for n in nodes], [n.get_content(metadata_mode=MetadataMode.EMBED) for n in nodes],
                     embedder, settings.spacy_model, write, report.overlapped)
        if waiting:
            store_waiting()
    finally:
        bar.close()


def _add_words(store: Store, settings: Settings, todo: list[Article], report: IndexReport) -> None:
    """Embed the new articles' words into the reader's word table now, so no question has to
    (synonyms.py); every article's, when this machine has no table for the model yet (an index
    built before the table was)."""
    from .embed import Embedder
    from .synonyms import WordVectors, every_word, table_path, vocabulary

    words = WordVectors(Embedder.from_settings(settings), table_path(settings.data_dir, settings.embed_model))
    found = vocabulary(f"{a.title}\n{a.text}" for a in todo) if words.saved else every_word(store)
    if found:  # an unchanged corpus loads no model
        report.words = words.add(found)
        words.save()


def article_record(a: Article, n_chunks: int) -> dict:
    """An article's record in the docs collection (Chroma metadata: no None values)."""
    return {"sha256": a.sha256, "n_chunks": n_chunks, "title": a.title, "date": a.date or "",
            "day": day_number(a.date), "outlet": a.outlet or "", "url": a.url or "",
            "file": a.file or a.source, "group": a.group or a.source, **a.bookkeeping}


def _write_records(store: Store, arts: list[Article], totals: Counter, records: dict[str, dict]) -> None:
    if not arts:
        return
    metas = [article_record(a, totals[a.source]) for a in arts]
    store.docs.upsert(
        ids=[a.source for a in arts],
        embeddings=[[0.0]] * len(arts),
        metadatas=metas,
        documents=[a.text for a in arts],
    )
    records.update(zip((a.source for a in arts), metas))
