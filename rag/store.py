"""Chroma: an embedded PersistentClient under the data folder, or a server via RAG_CHROMA_URL.

Two collections: `<name>` holds the chunks (vectors, text, metadata) and `<name>_docs` one record
per indexed article (sha256, chunk count, title, date, cleaned text). An article's docs record is
written after its chunks, so it marks the article as complete; see index.py. The index's own
record (its version, when it was indexed, what it holds, the embedding model) is the chunk
collection's metadata.

Reads a front door needs (what the index holds, one article's text) are here too."""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from .config import Settings
from .errors import StoreError
from .imports import standing_in

# 2: the index record moved from a fake-vector "__meta__" row into collection metadata;
# 3: articles and chunks carry outlet, url, day and near-duplicate group; dumps are recorded
# 4: chunks carry spaCy annotations (`ann`), and BM25 indexes a chunk's title and text only.
SCHEMA = 4


@dataclass
class Store:
    client: Any
    chunks: Any  # chromadb Collection
    docs: Any  # chromadb Collection
    embed_model: str
    schema: int | None
    nlp_model: str = ""
    # The model variant its vectors came from (rag/quantize.py); older indexes were all fp32.
    embed_variant: str = "fp32"


EMBEDDING_FUNCTIONS = "chromadb.utils.embedding_functions"


def _import_chromadb() -> Any:
    """`import chromadb`, without the `overrides` package checking the signature of each of its
    ~160 overriding methods as their classes are made (0.3 s of every process's start here). The
    check is a development aid that can only raise at import; the methods are the same either way.
    The decorator is swapped only while chromadb's modules load, and restored after."""
    if "chromadb" in sys.modules:
        return sys.modules["chromadb"]
    import overrides

    saved = overrides.override, overrides.overrides

    def mark(method: Any = None, **_: Any) -> Any:
        def marked(m: Any) -> Any:
            m.__override__ = True  # what EnforceOverrides looks for; the check is what is skipped
            return m

        return marked(method) if method is not None else marked

    overrides.override = overrides.overrides = mark
    try:
        with standing_in({EMBEDDING_FUNCTIONS: _embedding_functions_on_demand()}):
            import chromadb
    finally:
        overrides.override, overrides.overrides = saved
    return chromadb


def _real_embedding_functions() -> types.ModuleType:
    """The real `chromadb.utils.embedding_functions` (imported now, if not yet)."""
    return importlib.import_module(EMBEDDING_FUNCTIONS)


class _KnownOnDemand(Mapping[str, Any]):
    """chromadb's registry of embedding functions, read from the real module when first used."""

    def _real(self) -> Mapping[str, Any]:
        return _real_embedding_functions().known_embedding_functions

    def __getitem__(self, name: str) -> Any:
        return self._real()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._real())

    def __len__(self) -> int:
        return len(self._real())


def _embedding_functions_on_demand() -> types.ModuleType:
    """A stand-in for `chromadb.utils.embedding_functions` while chromadb loads: its collection
    configuration imports the registry of embedding-function classes, which imports every
    provider's client (~50 ms of a process's start here; bench/RESULTS.md), to rebuild a
    collection's function from its stored config. Ours store none (vectors are given;
    `embedding_function=None`), so the registry is read, from the real module, only if a
    collection names one."""

    def register_embedding_function(*args: Any, **kwargs: Any) -> Any:
        return _real_embedding_functions().register_embedding_function(*args, **kwargs)

    stub = types.ModuleType(EMBEDDING_FUNCTIONS)
    stub.known_embedding_functions = _KnownOnDemand()  # type: ignore[attr-defined]
    stub.register_embedding_function = register_embedding_function  # type: ignore[attr-defined]
    return stub


def _client(settings: Settings) -> Any:
    chromadb = _import_chromadb()
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise StoreError(f"RAG_CHROMA_URL must look like http://127.0.0.1:8000, not {settings.chroma_url!r}.")
        try:
            return chromadb.HttpClient(
                host=url.hostname,
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        except Exception as e:
            raise StoreError(f"Cannot reach the Chroma server at {settings.chroma_url}: {e}") from e
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    try:
        return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)
    except Exception as e:
        raise StoreError(
            f"The index in {settings.chroma_path} cannot be opened ({e}). Run `rag index --rebuild`."
        ) from e


def open_store(settings: Settings, *, create: bool = True) -> Store:
    """Open (or create) the collections. Raises StoreError if they are unusable."""
    client = _client(settings)
    names = {settings.collection, f"{settings.collection}_docs"}
    try:
        existing = {c if isinstance(c, str) else c.name for c in client.list_collections()}
        if not create and not names <= existing:
            raise StoreError("No index yet. Run `rag index` first.")
        chunks = client.get_or_create_collection(
            settings.collection,
            metadata={"hnsw:space": "cosine", "embed_model": settings.embed_model, "nlp_model": settings.spacy_model,
                      "embed_variant": settings.embed_variant, "schema": SCHEMA},
            embedding_function=None,
        )
        docs = client.get_or_create_collection(
            f"{settings.collection}_docs", metadata={"schema": SCHEMA}, embedding_function=None
        )
    except StoreError:
        raise
    except Exception as e:
        raise StoreError(f"The index cannot be read ({e}). Run `rag index --rebuild`.") from e
    meta = chunks.metadata or {}
    schema = meta.get("schema")
    return Store(client=client, chunks=chunks, docs=docs, embed_model=str(meta.get("embed_model", "")),
                 schema=int(schema) if schema is not None else None, nlp_model=str(meta.get("nlp_model", "")),
                 embed_variant=str(meta.get("embed_variant") or "fp32"))


def drop(settings: Settings) -> None:
    """Delete both collections (a rebuild). The embedded store's folder is removed outright, so a
    rebuild also recovers from a corrupt database that no client can open."""
    if not settings.chroma_url:
        import shutil

        from chromadb.api.client import SharedSystemClient

        SharedSystemClient.clear_system_cache()  # drop this process's handles on the old files
        shutil.rmtree(settings.chroma_path, ignore_errors=True)
        return
    client = _client(settings)
    for name in (settings.collection, f"{settings.collection}_docs"):
        try:
            client.delete_collection(name)
        except Exception:  # noqa: BLE001 - absent is fine; anything else shows on re-create
            pass


def index_meta(store: Store) -> dict[str, Any]:
    """The index's record: version, indexed_at, documents, chunks, embed_model ({} before the
    first index). Read afresh each time: another process may have re-indexed since."""
    try:
        meta = dict(store.client.get_collection(store.chunks.name).metadata or {})
    except Exception as e:
        raise StoreError(f"The index cannot be read ({e}). Run `rag index --rebuild`.") from e
    return meta if "version" in meta else {}


def write_meta(store: Store, **record: Any) -> None:
    """Replace the index's record (Chroma replaces collection metadata whole, so the model and
    schema are written again with it)."""
    store.chunks.modify(
        metadata={"embed_model": store.embed_model, "nlp_model": store.nlp_model, "embed_variant": store.embed_variant,
                  "schema": SCHEMA, **record}
    )


@dataclass
class IndexStatus:
    documents: int
    chunks: int
    indexed_at: str | None
    embed_model: str | None
    version: str | None
    outlets: list[str] = field(default_factory=list)  # the outlets its articles name, for filters


def index_status(settings: Settings | None = None) -> IndexStatus:
    """What the index holds now (zeros before the first `rag index`)."""
    from .config import get_settings

    meta = index_meta(open_store(settings or get_settings()))
    return IndexStatus(
        documents=int(meta.get("documents", 0)),
        chunks=int(meta.get("chunks", 0)),
        indexed_at=meta.get("indexed_at"),
        embed_model=meta.get("embed_model"),
        version=meta.get("version"),
        outlets=[o for o in str(meta.get("outlets") or "").split("\n") if o],
    )


def article_text(source: str, settings: Settings | None = None) -> tuple[str, str] | None:
    """(title, cleaned text) of an indexed article, or None. Only names the index holds are
    looked up, so no path a request sends ever reaches the file system."""
    from .config import get_settings

    store = open_store(settings or get_settings())
    got = store.docs.get(ids=[source], include=["documents", "metadatas"])
    if not got["ids"]:
        return None
    return str((got["metadatas"][0] or {}).get("title", "")), got["documents"][0] or ""
