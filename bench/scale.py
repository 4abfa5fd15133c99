"""Retrieval at 100,000 chunks without embedding them: chunks of a real index are copied with their
words varied (names, places, numbers) and their vectors nudged, then written to Chroma the way the
index writes them (llama-index's ChromaVectorStore, plus the docs records and the version record),
so the Retriever, BM25 and the answer chain see an ordinary index."""

from __future__ import annotations

import hashlib
import random
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from evals.stats import percentile
from rag.config import Settings

from .corpus_gen import variant
from .measure import summary_ms

NOISE = 0.5  # a nudged vector keeps cosine ~0.9 with its original
WRITE = 5000  # chunks per Chroma write


def build_scaled(base: Settings, target: Settings, n_chunks: int, seed: int = 7) -> dict:
    """Fill `target`'s store with `n_chunks` chunks derived from `base`'s index."""
    import shutil

    from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from rag.chunk import EMBED_EXCLUDED, LLM_EXCLUDED, chunk_id
    from rag.store import open_store, write_meta

    t0 = time.perf_counter()
    src = open_store(base, create=False)
    got = src.chunks.get(include=["documents", "metadatas", "embeddings"])
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, meta in enumerate(got["metadatas"]):
        by_article[meta["source"]].append(i)
    for idx in by_article.values():
        idx.sort(key=lambda i: got["metadatas"][i]["chunk"])
    articles = sorted(by_article)
    base_vecs = np.asarray(got["embeddings"], dtype=np.float32)

    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()
    shutil.rmtree(target.data_dir, ignore_errors=True)
    store = open_store(target)
    vector_store = ChromaVectorStore(chroma_collection=store.chunks)
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    made, copy = 0, 0
    nodes: list[TextNode] = []
    records: list[tuple[str, dict, str]] = []
    read_s = time.perf_counter() - t0
    write_s = 0.0

    def flush() -> None:
        nonlocal write_s, nodes, records
        t = time.perf_counter()
        if nodes:
            vector_store.add(nodes)
        if records:
            store.docs.upsert(
                ids=[r[0] for r in records],
                embeddings=[[0.0]] * len(records),
                metadatas=[r[1] for r in records],
                documents=[r[2] for r in records],
            )
        write_s += time.perf_counter() - t
        nodes, records = [], []

    while made < n_chunks:
        art = articles[copy % len(articles)]
        vary = variant(rng)
        idx = by_article[art][: n_chunks - made]
        texts = [vary(got["documents"][i]) for i in idx]
        title = vary(got["metadatas"][idx[0]]["title"])
        source = f"scale/{copy:06d}_{art}"
        sha = hashlib.sha256("\n\n".join(texts).encode()).hexdigest()
        noise = nrng.standard_normal((len(idx), base_vecs.shape[1])).astype(np.float32)
        vecs = base_vecs[idx] + NOISE * noise / np.sqrt(base_vecs.shape[1])
        vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
        meta0 = got["metadatas"][idx[0]]
        for k, (text, vec) in enumerate(zip(texts, vecs)):
            node = TextNode(
                id_=chunk_id(source, sha, k),
                text=text,
                embedding=vec.tolist(),
                metadata={"source": source, "title": title, "date": meta0.get("date", ""), "sha256": sha,
                          "chunk": k, "n_chunks": len(idx)},
                excluded_embed_metadata_keys=EMBED_EXCLUDED,
                excluded_llm_metadata_keys=LLM_EXCLUDED,
            )
            node.relationships[NodeRelationship.SOURCE] = RelatedNodeInfo(node_id=source)
            nodes.append(node)
        records.append((source, {"sha256": sha, "n_chunks": len(idx), "title": title,
                                 "date": meta0.get("date", "")}, "\n\n".join(texts)))
        made += len(idx)
        copy += 1
        if len(nodes) >= WRITE:
            flush()
    flush()
    version = hashlib.sha256(f"scaled:{n_chunks}:{seed}".encode()).hexdigest()[:16]
    write_meta(store, version=version, indexed_at="", documents=copy, chunks=made)
    return {
        "chunks": store.chunks.count(),
        "articles": copy,
        "base_chunks": len(got["ids"]),
        "seconds": round(time.perf_counter() - t0, 1),
        "read_base_s": round(read_s, 1),
        "chroma_write_s": round(write_s, 1),
    }


def retrieval_latency(settings: Settings, questions: list[str]) -> dict:
    """The Retriever over the store in `settings`: first call (builds BM25), then each question
    once, with the parts timed separately (dense alone, BM25 alone, the version check)."""
    from rag.embed import Embedder
    from rag.retrieve import Retriever
    from rag.store import index_meta, open_store

    from .measure import rss_mb

    embedder = Embedder.from_name(settings.embed_model, settings.embed_batch_size)
    embedder.model  # loaded before the clock
    store = open_store(settings, create=False)
    retriever = Retriever(settings, store, embedder)
    rss0 = rss_mb()
    t = time.perf_counter()
    retriever.retrieve("warm-up question about talks", settings.top_k)
    first_s = time.perf_counter() - t
    rss1 = rss_mb()
    for q in questions:  # embed every question first: retrieval alone is what is timed
        embedder.get_query_embedding(q)
    total, dense, bm25, meta = [], [], [], []
    for q in questions:
        t = time.perf_counter()
        retriever.retrieve(q, settings.top_k)
        total.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        retriever._dense(q, settings.candidate_k)
        dense.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        retriever._bm25.search(q, settings.candidate_k)
        bm25.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        index_meta(store)
        meta.append((time.perf_counter() - t) * 1000)
    return {
        "chunks": store.chunks.count(),
        "first_retrieve_s": round(first_s, 2),
        "bm25_retained_mb": round(rss1 - rss0, 1),
        "retrieve": summary_ms(total),
        "dense_only": summary_ms(dense),
        "bm25_only": summary_ms(bm25),
        "version_check_p50_ms": round(percentile(meta, 50), 2),
    }


def default_target(out: Path, n_chunks: int) -> Settings:
    return Settings(data_dir=out / f"scaled-{n_chunks}", corpus_dir=out / "empty-corpus", backend="extractive")
