"""The embedding model on ONNX Runtime, for the query side.

Why: a process that answers questions spends ~8 s of its start importing torch and
sentence-transformers and ~500 MB holding them; onnxruntime (already installed by chromadb) loads
the same model in under 1 s and embeds a question about twice as fast on this CPU, with the same
vectors to ~1e-7 (bench/RESULTS.md). For bulk indexing it is not faster, so indexing stays on torch.

Why our own export and encoder: sentence-transformers' `backend="onnx"` needs optimum, which pins
transformers<4.58 (this project has 5.x), and llama-index has no ONNX embedding for a local folder.
So the loaded torch model is exported once per machine with torch.onnx into the model cache
(rag/onnx_export.py), and checked against torch on sample texts before it is used. Anything that goes wrong (no `onnx`
package, a read-only cache, a model whose pooling is not mean pooling) leaves the query side on
torch, with a warning."""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

MAX_DIFF = 1e-4  # largest per-component difference from torch at which an export is accepted
OPSET = 17
SAMPLES = [
    "Kim Jong Un said North Korea would not give up its nuclear weapons.",
    "How many missiles were launched?",
    "A much longer passage, with numbers such as 1,250 and 3.5 percent, dates like March 2021, "
    "and names like Voice of America, to cover padding and truncation within one batch. " * 4,
    "ok",
]


def _model_files(model_path: Path) -> list[Path]:
    return sorted(p for p in model_path.rglob("*") if p.is_file() and not p.name.startswith("."))


def onnx_file(cache_dir: Path, model_name: str, model_path: str) -> Path:
    """Where the export of the model in `model_path` lives: named by the model folder's files (names,
    sizes, modification times), so a changed model is exported again rather than mixed up."""
    root = Path(model_path).resolve()
    h = hashlib.sha256(str(root).encode())
    for p in _model_files(root):
        st = p.stat()
        h.update(f"{p.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}".encode())
    return Path(cache_dir).expanduser() / "onnx" / f"{Path(model_name).name}-{h.hexdigest()[:16]}.onnx"


class OnnxEncoder:
    """Sentence embeddings from an exported model: the model's tokenizer, an onnxruntime session,
    mean pooling over the attention mask and L2 normalisation, as sentence-transformers does."""

    def __init__(self, path: Path, tokenizer_json: Path, max_length: int, threads: int = 0) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.path = path
        self.tokenizer = Tokenizer.from_file(str(tokenizer_json))
        self.tokenizer.enable_truncation(max_length)
        self.tokenizer.enable_padding()
        opts = ort.SessionOptions()
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        opts.log_severity_level = 3  # errors only
        opts.intra_op_num_threads = threads  # 0: onnxruntime's default, one per core
        self.session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])

    @classmethod
    def open(cls, path: Path, model_path: str, threads: int = 0, meta_from: Path | None = None) -> "OnnxEncoder":
        """The encoder for the model file at `path`; its max length is read from the export's JSON
        beside it (or beside `meta_from`, for a copy being checked before it is moved into place)."""
        meta = json.loads((meta_from or path).with_suffix(".json").read_text())
        return cls(path, Path(model_path) / "tokenizer.json", int(meta["max_seq_length"]), threads)

    def encode(self, texts: list[str], batch_size: int = 16) -> np.ndarray:
        # Longest first, like sentence-transformers, so a batch pads to similar lengths.
        order = np.argsort([-len(t) for t in texts], kind="stable")
        out: np.ndarray | None = None
        for i in range(0, len(texts), batch_size):
            idx = order[i : i + batch_size]
            enc = self.tokenizer.encode_batch([texts[j] for j in idx])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            hidden = self.session.run(None, feeds)[0]
            m = mask[..., None].astype(np.float32)
            vecs = (hidden * m).sum(1) / np.clip(m.sum(1), 1e-9, None)
            vecs /= np.clip(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12, None)
            if out is None:
                out = np.zeros((len(texts), vecs.shape[1]), dtype=np.float32)
            out[idx] = vecs
        return out if out is not None else np.zeros((0, 0), dtype=np.float32)
