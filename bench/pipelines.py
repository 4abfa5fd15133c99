"""The three ways of indexing the same chunks, timed side by side in one process with the model
already loaded: the embedding model alone (the limit), our `build_index`, and a plain llama-index
`VectorStoreIndex.from_documents` pipeline with the same model, splitter and Chroma."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from rag.config import Settings


def chunk_texts(settings: Settings) -> list[str]:
    """The exact strings our index embeds (chunk text with its title), in index order."""
    from llama_index.core.schema import MetadataMode

    from rag.chunk import chunk_articles
    from rag.corpus import load_corpus

    articles, _ = load_corpus(settings.corpus_dir)
    return [n.get_content(metadata_mode=MetadataMode.EMBED) for n in chunk_articles(articles, settings)]


def raw_model(texts: list[str], settings: Settings) -> float:
    """Seconds for the model alone to embed `texts` (sentence-transformers' encode, same batch)."""
    from rag.embed import Embedder

    model = Embedder.from_name(settings.embed_model, settings.embed_batch_size).model
    t = time.perf_counter()
    model.encode(texts, batch_size=settings.embed_batch_size, normalize_embeddings=True, show_progress_bar=False)
    return time.perf_counter() - t


def _fresh(path: Path) -> None:
    """An empty folder, and no Chroma client of this process still holding files there."""
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()
    shutil.rmtree(path, ignore_errors=True)


def ours(settings: Settings) -> tuple[float, int]:
    """Seconds and chunks for a from-scratch `build_index` into a fresh embedded store."""
    from rag.index import build_index

    _fresh(settings.data_dir)
    t = time.perf_counter()
    r = build_index(settings)
    return time.perf_counter() - t, r.embedded


def plain_llama_index(settings: Settings, data_dir: Path) -> tuple[float, int]:
    """Seconds and chunks for the textbook llama-index pipeline: read, split, embed, store.

    Same model object, batch size and splitter settings as ours (llama-index's default splitter
    tokenizer is tiktoken, which needs a download); Documents carry the same metadata."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from llama_index.core import Document, StorageContext, VectorStoreIndex
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from rag.chunk import splitter
    from rag.corpus import load_corpus
    from rag.embed import Embedder

    _fresh(data_dir)
    t = time.perf_counter()
    articles, _ = load_corpus(settings.corpus_dir)
    docs = [
        Document(
            id_=a.source,
            text=a.text,
            metadata={"source": a.source, "title": a.title, "date": a.date or "", "sha256": a.sha256},
            # As ours: the splitter counts the longer of the two metadata renderings against
            # the chunk size, so both lists must match for the chunks to be the same.
            excluded_embed_metadata_keys=["source", "date", "sha256"],
            excluded_llm_metadata_keys=["source", "title", "date", "sha256"],
        )
        for a in articles
    ]
    client = chromadb.PersistentClient(path=str(data_dir), settings=ChromaSettings(anonymized_telemetry=False))
    collection = client.get_or_create_collection("plain", metadata={"hnsw:space": "cosine"}, embedding_function=None)
    storage = StorageContext.from_defaults(vector_store=ChromaVectorStore(chroma_collection=collection))
    index = VectorStoreIndex.from_documents(
        docs,
        storage_context=storage,
        embed_model=_llama_embedding(Embedder.from_name(settings.embed_model, settings.embed_batch_size)),
        transformations=[splitter(settings)],
    )
    seconds = time.perf_counter() - t
    n = collection.count()
    del index
    return seconds, n


def _llama_embedding(embedder):
    """Our embedder as a llama-index BaseEmbedding, for the plain pipeline: same model and batch."""
    from llama_index.core.base.embeddings.base import BaseEmbedding
    from pydantic import PrivateAttr

    class Adapter(BaseEmbedding):
        _embedder: object = PrivateAttr()

        def _get_query_embedding(self, query: str) -> list[float]:
            return self._embedder.encode_documents([query])[0].tolist()

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

        def _get_text_embedding(self, text: str) -> list[float]:
            return self._embedder.encode_documents([text])[0].tolist()

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return self._embedder.encode_documents(texts).tolist()

    adapter = Adapter(model_name=embedder.model_name, embed_batch_size=embedder.embed_batch_size)
    adapter._embedder = embedder
    return adapter


def side_by_side(corpus: Path, work: Path, rounds: int) -> dict:
    """Raw model, ours and plain llama-index over the same corpus, interleaved `rounds` times
    (the order flips each round, so drift in the machine's load hits all three alike)."""
    from rag.embed import Embedder

    settings = Settings(corpus_dir=corpus, data_dir=work / "ours")
    Embedder.from_name(settings.embed_model).model  # loaded once, before any clock starts
    texts = chunk_texts(settings)
    runs: dict[str, list[float]] = {"raw": [], "ours": [], "plain": []}
    cpu: dict[str, list[float]] = {"raw": [], "ours": [], "plain": []}
    counts: dict[str, int] = {"raw": len(texts)}
    for r in range(rounds):
        order = ["raw", "ours", "plain"] if r % 2 == 0 else ["plain", "ours", "raw"]
        for name in order:
            c0 = time.process_time()  # CPU seconds of all this process's threads
            if name == "raw":
                runs["raw"].append(raw_model(texts, settings))
            elif name == "ours":
                sec, counts["ours"] = ours(settings)
                runs["ours"].append(sec)
            else:
                sec, counts["plain"] = plain_llama_index(settings, work / "plain")
                runs["plain"].append(sec)
            cpu[name].append(time.process_time() - c0)
    total = {k: sum(v) for k, v in runs.items()}
    raw_cps = counts["raw"] * rounds / total["raw"]
    ours_cps = counts["ours"] * rounds / total["ours"]
    return {
        "articles": len(list(corpus.glob("*.txt"))),
        "chunks": counts,
        "rounds": rounds,
        "seconds": runs,
        "raw_chunks_per_s": round(raw_cps, 2),
        "ours_chunks_per_s": round(ours_cps, 2),
        "plain_chunks_per_s": round(counts["plain"] * rounds / total["plain"], 2),
        "throughput_ratio": round(ours_cps / raw_cps, 3),
        "build_time_ratio": round(total["ours"] / total["plain"], 3),
        # CPU time is what other work on a shared machine disturbs least: the same ratios by it.
        "cpu_seconds": cpu,
        "throughput_ratio_cpu": round(sum(cpu["raw"]) / counts["raw"] / (sum(cpu["ours"]) / counts["ours"]), 3),
        "build_time_ratio_cpu": round(sum(cpu["ours"]) / sum(cpu["plain"]), 3),
    }
