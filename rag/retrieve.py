"""Hybrid retrieval: dense (Chroma) and BM25 over the same chunks, fused by reciprocal rank.

The BM25 index is built once per index version (the docs collection's `__meta__` record) and kept
for the life of the process; a query never rebuilds it."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

from .config import Settings
from .embed import Embedder
from .errors import StoreError
from .store import Store, index_meta


@dataclass
class Hit:
    """One retrieved chunk, with its fused score and its dense cosine similarity."""

    chunk_id: str
    text: str
    metadata: dict[str, Any]
    score: float  # reciprocal-rank-fusion score
    similarity: float | None  # dense cosine similarity to the question; None if BM25 only


def _recording(retriever):
    """Wrap a retriever so the scores it gives survive fusion (which overwrites node.score)."""
    from llama_index.core.retrievers import BaseRetriever

    class Recording(BaseRetriever):
        def __init__(self) -> None:
            super().__init__()
            self.scores: dict[str, dict[str, float]] = {}
            self._lock = threading.Lock()

        def _retrieve(self, query_bundle):
            nodes = retriever.retrieve(query_bundle)
            # Keyed by the query so concurrent questions do not read each other's scores.
            with self._lock:
                self.scores[query_bundle.query_str] = {n.node.node_id: float(n.score or 0.0) for n in nodes}
            return nodes

        def pop(self, query: str) -> dict[str, float]:
            with self._lock:
                return self.scores.pop(query, {})

    return Recording()


class HybridRetriever:
    """Dense + BM25 + fusion, built over one index version."""

    def __init__(self, settings: Settings, store: Store, embedder: Embedder) -> None:
        self.settings = settings
        self.store = store
        self.embedder = embedder
        self.version: str | None = None
        self._dense = None
        self._fusion = None
        self._articles: dict[str, str] = {}
        self._lock = threading.Lock()

    def _nodes(self) -> list:
        from llama_index.core.schema import TextNode

        got = self.store.chunks.get(include=["documents", "metadatas"])
        nodes = []
        for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"]):
            meta = {k: v for k, v in (meta or {}).items() if not k.startswith("_") and k not in ("doc_id", "document_id", "ref_doc_id")}
            nodes.append(TextNode(id_=cid, text=text or "", metadata=meta))
        return nodes

    def _ensure_current(self) -> None:
        version = index_meta(self.store).get("version")
        if version is None:
            raise StoreError("The index is empty. Run `rag index`.")
        with self._lock:
            if version == self.version and self._fusion is not None:
                return
            import Stemmer
            from llama_index.core import VectorStoreIndex
            from llama_index.core.llms import MockLLM
            from llama_index.core.retrievers import QueryFusionRetriever
            from llama_index.retrievers.bm25 import BM25Retriever
            from llama_index.vector_stores.chroma import ChromaVectorStore

            # bm25s sets its own logger to DEBUG on import, which would print on every build.
            logging.getLogger("bm25s").setLevel(logging.WARNING)

            nodes = self._nodes()
            if not nodes:
                raise StoreError("The index holds no chunks. Run `rag index`.")
            bm25 = BM25Retriever.from_defaults(
                nodes=nodes,
                similarity_top_k=min(self.settings.candidate_k, len(nodes)),
                stemmer=Stemmer.Stemmer("english"),
                language="english",
            )
            self._dense = _recording(
                VectorStoreIndex.from_vector_store(
                    ChromaVectorStore(chroma_collection=self.store.chunks), embed_model=self.embedder
                ).as_retriever(similarity_top_k=self.settings.candidate_k)
            )
            self._fusion = QueryFusionRetriever(
                [self._dense, bm25],
                llm=MockLLM(),  # num_queries=1: no query generation, so no LLM is ever called
                mode="reciprocal_rerank",
                similarity_top_k=self.settings.candidate_k,
                num_queries=1,
                use_async=False,
            )
            self._articles = {}
            self.version = version

    def articles(self, sources: list[str]) -> dict[str, str]:
        """The cleaned full text of these indexed articles (cached for this index version)."""
        want = [s for s in dict.fromkeys(sources) if s not in self._articles]
        if want:
            got = self.store.docs.get(ids=want, include=["documents"])
            with self._lock:
                self._articles.update(zip(got["ids"], got["documents"]))
        return {s: self._articles[s] for s in sources if s in self._articles}

    def retrieve(self, question: str, top_k: int) -> list[Hit]:
        self._ensure_current()
        try:
            fused = self._fusion.retrieve(question)[:top_k]
            similarities = self._dense.pop(question)
        except StoreError:
            raise
        except Exception as e:
            raise StoreError(f"Retrieval failed ({e}). Run `rag index --rebuild` if the index is damaged.") from e
        return [
            Hit(
                chunk_id=n.node.node_id,
                text=n.node.get_content(),
                metadata=dict(n.node.metadata),
                score=float(n.score or 0.0),
                similarity=similarities.get(n.node.node_id),
            )
            for n in fused
        ]
