"""What a process keeps warm between questions: the store, the embedding model, the retriever.

An engine depends only on the settings it reads (ENGINE_FIELDS): a question asked with another LLM
timeout or API key reuses the warm engine; another store or model gets its own."""

from __future__ import annotations

import logging
import threading

from .config import Settings
from .embed import Embedder
from .errors import StoreError
from .retrieve import Retriever

log = logging.getLogger(__name__)

# The settings an engine reads: where the store is, the model, retrieval's candidate depth, and
# what first-use indexing needs.
ENGINE_FIELDS = (
    "data_dir", "chroma_url", "collection", "corpus_dir",
    "embed_model", "embed_batch_size", "embed_runtime", "embed_variant", "embed_precision", "model_cache",
    "chunk_size", "chunk_overlap", "candidate_k", "spacy_model",
)  # fmt: skip
MAX_ENGINES = 8


class Engine:
    """The store, the embedder and the retriever for one store and model."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings  # only ENGINE_FIELDS are read
        self.embedder = Embedder.from_settings(settings)
        self._retriever: Retriever | None = None
        self._lock = threading.Lock()

    def ensure_index(self) -> None:
        """Open the index, building it first when the store holds none (a new user's first
        question). A machine that only answers (an app replica reading a Chroma server) never
        runs `rag index`, so it makes the one-time ONNX export here."""
        with self._lock:
            if self._retriever is not None:
                return
            from .index import build_index
            from .store import index_meta, open_store

            store = open_store(self.settings)
            if not index_meta(store):
                log.warning("no index yet: indexing %s", self.settings.corpus_dir)
                build_index(self.settings)  # exports the model for ONNX Runtime too
                store = open_store(self.settings)
            # Questions are embedded by the variant the passages were (the setting may have changed
            # since: the next `rag index` rebuilds, and until then the index's variant holds).
            self.embedder.use_variant(store.embed_variant)
            self.embedder.ensure_onnx_or_warn()
            self._retriever = Retriever(self.settings, store, self.embedder)

    def nlp(self):
        """The spaCy pipeline (loaded on first use: only the extractive reader needs it)."""
        from .nlp import load

        return load(self.settings.spacy_model)

    def parse(self, text: str):
        """`text` parsed without the entity recogniser (half the time): for the reader's clause checks."""
        return self.nlp()(text, disable=["ner"])

    @property
    def retriever(self) -> Retriever:
        if self._retriever is None:
            raise StoreError("The index is not open yet: call ensure_index() first.")
        return self._retriever


_engines: dict[tuple, Engine] = {}
_engines_lock = threading.Lock()


def engine_for(settings: Settings) -> Engine:
    """The process's engine for these settings' store and model (made on first use)."""
    key = tuple(str(getattr(settings, name)) for name in ENGINE_FIELDS)
    with _engines_lock:
        engine = _engines.get(key)
        if engine is None:
            if len(_engines) >= MAX_ENGINES:
                _engines.pop(next(iter(_engines)))  # the oldest
            engine = _engines[key] = Engine(settings)
        return engine
