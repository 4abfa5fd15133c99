"""Does ONNX Runtime run all-MiniLM-L6-v2 faster than torch here, with the same results?

sentence-transformers' own `backend="onnx"` needs optimum-onnx, which pins transformers<4.58 (this
project has 5.x), so the model is exported here from the bundled weights with torch.onnx (needs the
`onnx` package: the `bench` extra) and run with onnxruntime directly: the same tokenizer, mean
pooling and normalisation as sentence-transformers."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

MAX_LEN = 256  # the model's max_seq_length in sentence-transformers


def export(out: Path) -> Path:
    import torch
    from transformers import AutoModel

    from rag.embed import model_dir

    path = out / "all-MiniLM-L6-v2.onnx"
    if path.exists():
        return path
    base = AutoModel.from_pretrained(str(model_dir("all-MiniLM-L6-v2"))).eval()

    class Hidden(torch.nn.Module):  # positional inputs, one output: what the exporter wants
        def __init__(self) -> None:
            super().__init__()
            self.base = base

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.base(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state

    ids = torch.ones(2, 16, dtype=torch.long)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    torch.onnx.export(
        Hidden(), (ids, torch.ones_like(ids), torch.zeros_like(ids)), str(path),
        input_names=names, output_names=["last_hidden_state"],
        dynamic_axes={k: {0: "batch", 1: "seq"} for k in [*names, "last_hidden_state"]},
        opset_version=17, dynamo=False,
    )
    return path


class OrtEmbedder:
    """all-MiniLM-L6-v2 on onnxruntime: tokenizers + session + mean pooling + L2 norm."""

    def __init__(self, path: Path, threads: int = 0) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        from rag.embed import model_dir

        self.tok = Tokenizer.from_file(str(model_dir("all-MiniLM-L6-v2") / "tokenizer.json"))
        self.tok.enable_truncation(MAX_LEN)
        self.tok.enable_padding()
        opts = ort.SessionOptions()
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        opts.intra_op_num_threads = threads
        self.session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        order = np.argsort([-len(t) for t in texts], kind="stable")  # like sentence-transformers
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for i in range(0, len(texts), batch_size):
            idx = order[i : i + batch_size]
            enc = self.tok.encode_batch([texts[j] for j in idx])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                             "token_type_ids": np.zeros_like(ids)})[0]
            m = mask[..., None].astype(np.float32)
            v = (hidden * m).sum(1) / np.clip(m.sum(1), 1e-9, None)
            out[idx] = v / np.linalg.norm(v, axis=1, keepdims=True)
        return out


def _load_seconds(kind: str, onnx_path: Path) -> float:
    """Wall seconds for a new process to import its runtime, load the model and embed one text."""
    code = {
        "torch": "from rag.embed import Embedder; Embedder.from_name('all-MiniLM-L6-v2').encode(['hi'])",
        "onnx": f"from bench.onnx_check import OrtEmbedder; OrtEmbedder(__import__('pathlib').Path({str(onnx_path)!r})).encode(['hi'])",
    }[kind]
    from .measure import REPO, child_env

    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=REPO, env=child_env(), check=True, capture_output=True)
    return time.perf_counter() - t


def compare(out: Path, chunk_texts: list[str], shipped_chunks: list[str], questions: list[str],
            sentences: list[str], rounds: int) -> dict:
    try:
        import onnx  # noqa: F401 - the exporter needs it
    except ImportError:
        return {"skipped": "the `onnx` package is missing: pip install -e '.[bench]'"}
    import torch

    from rag.embed import Embedder

    path = export(out)
    st = Embedder.from_name("all-MiniLM-L6-v2").model
    ort2 = OrtEmbedder(path, threads=0)
    ort1 = OrtEmbedder(path, threads=1)

    def st_encode(texts: list[str]) -> np.ndarray:
        return st.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)

    # Same vectors?
    a, b = st_encode(chunk_texts[:64]), ort2.encode(chunk_texts[:64])
    max_diff = float(np.abs(a - b).max())
    # Same retrieval on the gold questions (dense top 5 over the shipped corpus's chunks)?
    docs_t, docs_o = st_encode(shipped_chunks), ort2.encode(shipped_chunks)
    q_t, q_o = st_encode(questions), ort2.encode(questions)
    top_t = np.argsort(-(q_t @ docs_t.T), axis=1)[:, :5]
    top_o = np.argsort(-(q_o @ docs_o.T), axis=1)[:, :5]
    same_top5 = int((top_t == top_o).all(axis=1).sum())

    # Throughput, interleaved: 2 threads by wall clock, and 1 thread by CPU time (which the other
    # work on a shared machine disturbs far less).
    wall = {"torch": [], "onnx": []}
    cpu1 = {"torch": [], "onnx": []}
    small = {"torch": [], "onnx": []}
    threads = torch.get_num_threads()
    for _ in range(rounds):
        t = time.perf_counter(); st_encode(chunk_texts); wall["torch"].append(len(chunk_texts) / (time.perf_counter() - t))
        t = time.perf_counter(); ort2.encode(chunk_texts); wall["onnx"].append(len(chunk_texts) / (time.perf_counter() - t))
        torch.set_num_threads(1)
        try:
            t = time.thread_time(); st_encode(chunk_texts); cpu1["torch"].append(len(chunk_texts) / (time.thread_time() - t))
        finally:
            torch.set_num_threads(threads)
        t = time.thread_time(); ort1.encode(chunk_texts); cpu1["onnx"].append(len(chunk_texts) / (time.thread_time() - t))
        for q in questions[:10]:  # one question at a time, as at query time
            t = time.perf_counter(); st_encode([q]); small["torch"].append((time.perf_counter() - t) * 1000)
            t = time.perf_counter(); ort2.encode([q]); small["onnx"].append((time.perf_counter() - t) * 1000)
        t = time.perf_counter(); st_encode(sentences); small.setdefault("torch_sentences", []).append((time.perf_counter() - t) * 1000)
        t = time.perf_counter(); ort2.encode(sentences); small.setdefault("onnx_sentences", []).append((time.perf_counter() - t) * 1000)
    med = {k: round(statistics.median(v), 2) for k, v in {**{f"{k}_chunks_per_s": v for k, v in wall.items()},
                                                          **{f"{k}_1thread_cpu_chunks_per_s": v for k, v in cpu1.items()},
                                                          **{f"{k}_ms": v for k, v in small.items()}}.items()}
    return {
        "chunks": len(chunk_texts),
        "sentences_per_answer": len(sentences),
        "rounds": rounds,
        "max_abs_vector_diff": max_diff,
        "gold_questions": len(questions),
        "gold_same_dense_top5": same_top5,
        "median": med,
        "load_s": {"torch": round(_load_seconds("torch", path), 2), "onnx": round(_load_seconds("onnx", path), 2)},
    }
