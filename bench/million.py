"""A million passages (issue 14): synthetic copies of a real index loaded straight into Chroma, then
what each part costs, for the embedded store and for a Chroma server on the same files.

    python -m bench.million build BASE_DATA_DIR OUT_DATA_DIR [--n 1000000]
    python -m bench.million bm25 DATA_DIR              # build + save BM25 and the lexicon (as `rag index` does)
    python -m bench.million query DATA_DIR [--url http://127.0.0.1:8000]   # one new process: load, then p50s

`build` copies the base index's chunks (rtqa-2022: 12,093 real passages) with their words varied
(bench/corpus_gen.variant) and their vectors nudged (cosine ~0.9 to the original), with the
metadata `rag index` writes (less llama-index's node dump, which the retriever never reads),
article records and the version record, so the Retriever sees an ordinary index. `query` opens the
store as a new answering process would (timed: open, first retrieval, resident memory), then asks
every gold question once (the question vectors computed first: retrieval alone is timed)."""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sys
import time
from pathlib import Path

import numpy as np

from .measure import peak_rss_mb, report, rss_mb, summary_ms

NOISE = 0.5  # a nudged vector keeps cosine ~0.9 with its original
WRITE = 5000  # chunks per Chroma add (under its batch limit)


def _settings(data: Path, url: str | None = None):
    from rag.config import Settings

    # fp32: the copies' vectors are nudged fp32 vectors of the base index
    return Settings(data_dir=data, corpus_dir=data / "empty-corpus", chroma_url=url, backend="extractive",
                    embed_variant="fp32")


def _base(base: Path) -> tuple[dict, np.ndarray]:
    from rag.store import open_store

    src = open_store(_settings(base), create=False)
    got = src.chunks.get(include=["documents", "metadatas", "embeddings"])
    return got, np.asarray(got["embeddings"], dtype=np.float32)


def _copy(got: dict, vectors: np.ndarray, copy: int, take: int, vary, noise: np.ndarray) -> tuple[dict, dict]:
    """Copy number `copy` of the base's first `take` chunks: (rows for Chroma, article records)."""
    nudged = vectors[:take] + NOISE * noise / np.sqrt(vectors.shape[1])
    nudged /= np.linalg.norm(nudged, axis=1, keepdims=True)
    rows: dict[str, list] = {"ids": [], "embeddings": [], "documents": [], "metadatas": []}
    articles: dict[str, dict] = {}
    for i in range(take):
        meta = {k: v for k, v in got["metadatas"][i].items() if not k.startswith("_")}
        source = f"copy{copy:03d}/{meta.get('source')}"
        meta.update(source=source, group=f"copy{copy:03d}/{meta.get('group')}", document_id=source,
                    title=vary(str(meta.get("title", ""))))
        rows["ids"].append(f"{source}#{str(meta.get('sha256', ''))[:12]}-{meta.get('chunk', i)}")
        rows["embeddings"].append(nudged[i])
        rows["documents"].append(vary(got["documents"][i] or ""))
        rows["metadatas"].append(meta)
        articles.setdefault(source, {k: meta.get(k, "") for k in ("sha256", "n_chunks", "title", "date", "day",
                                                                  "outlet", "url", "group")})
    return rows, articles


def cmd_build(base: Path, out: Path, n: int, seed: int = 7) -> dict:
    import shutil

    from rag.store import SCHEMA, open_store, write_meta

    from .corpus_gen import variant

    t0 = time.perf_counter()
    got, vecs = _base(base)
    shutil.rmtree(out, ignore_errors=True)
    store = open_store(_settings(out))
    rng, nrng = random.Random(seed), np.random.default_rng(seed)
    made, copy, write_s = 0, 0, 0.0
    while made < n:
        take = min(len(got["ids"]), n - made)
        noise = nrng.standard_normal((take, vecs.shape[1])).astype(np.float32)
        rows, articles = _copy(got, vecs, copy, take, variant(rng), noise)
        t = time.perf_counter()
        for j in range(0, take, WRITE):
            store.chunks.add(**{k: v[j : j + WRITE] for k, v in rows.items()})
        ids = list(articles)
        for j in range(0, len(ids), WRITE):
            part = ids[j : j + WRITE]
            store.docs.upsert(ids=part, embeddings=[[0.0]] * len(part), metadatas=[articles[s] for s in part],
                              documents=[""] * len(part))
        write_s += time.perf_counter() - t
        made, copy = made + take, copy + 1
        print(f"[{time.strftime('%H:%M:%S')}] {made:,} chunks ({write_s:.0f} s in Chroma writes)", file=sys.stderr, flush=True)
    version = hashlib.sha256(f"million:{n}:{seed}".encode()).hexdigest()[:16]
    write_meta(store, version=version, indexed_at="", documents=copy * len(set(m["source"] for m in got["metadatas"])),
               chunks=made, outlets="cnn.com\ntheweek.com\nusatoday.com")
    return {"chunks": store.chunks.count(), "schema": SCHEMA, "seconds": round(time.perf_counter() - t0, 1),
            "chroma_write_s": round(write_s, 1), "disk_gb": round(_du(out) / 2**30, 2)}


def _du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def cmd_bm25(data: Path) -> dict:
    from rag import sparse
    from rag.store import index_meta, open_store

    s = _settings(data)
    store = open_store(s, create=False)
    meta = index_meta(store)
    t = time.perf_counter()
    search, lexicon = sparse.build_and_save(s, store, meta)
    return {"chunks": len(search.ids), "build_s": round(time.perf_counter() - t, 1), "peak_rss_mb": round(peak_rss_mb()),
            "saved_mb": round(_du(sparse.saved_path(s, meta)) / 2**20), "lexicon_words": len(lexicon.counts)}


def cmd_query(data: Path, url: str | None) -> dict:
    from rag.embed import Embedder
    from rag.retrieve import Retriever
    from rag.store import index_meta, open_store

    from .questions import gold

    s = _settings(data, url)
    questions = [q for q, _ in gold()]
    embedder = Embedder.from_settings(s)
    embedder.get_query_embedding("warm up")  # ONNX Runtime loaded before any clock
    rss0 = rss_mb()
    t = time.perf_counter()
    store = open_store(s, create=False)
    retriever = Retriever(s, store, embedder)
    retriever._ensure_current()  # the BM25 and lexicon, memory-mapped
    load_s = time.perf_counter() - t
    vectors = {q: embedder.get_query_embedding(q) for q in questions}  # cached: retrieval alone is timed
    t = time.perf_counter()
    retriever.retrieve(questions[0], s.top_k)  # the first retrieval also opens the vector index
    first_s = time.perf_counter() - t
    total, dense, sparse = [], [], []
    for q in questions[1:]:
        assert vectors[q]
        t = time.perf_counter(); retriever.retrieve(q, s.top_k); total.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter(); retriever._dense(q, s.candidate_k); dense.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter(); retriever._bm25.search(q, s.candidate_k); sparse.append((time.perf_counter() - t) * 1000)
    return {"store": url or "embedded", "chunks": int(index_meta(store)["chunks"]), "load_s": round(load_s, 2),
            "first_retrieve_s": round(first_s, 2), "retrieve": summary_ms(total), "dense": summary_ms(dense),
            "bm25": summary_ms(sparse), "rss_before_mb": round(rss0), "rss_after_mb": round(rss_mb()),
            "peak_rss_mb": round(peak_rss_mb())}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.million", description=__doc__)
    ap.add_argument("cmd", choices=["build", "bm25", "query"])
    ap.add_argument("paths", type=Path, nargs="+")
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--url")
    args = ap.parse_args(argv)
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

    def run() -> dict:
        if args.cmd == "build":
            return cmd_build(args.paths[0], args.paths[1], args.n)
        if args.cmd == "bm25":
            return cmd_bm25(args.paths[0])
        return cmd_query(args.paths[0], args.url)

    return report("bench.million", run)

if __name__ == "__main__":
    raise SystemExit(main())
