"""ONNX Runtime against torch for all-MiniLM-L6-v2 on this CPU: same vectors, same retrieval,
speed for indexing batches, for one question, for one answer's sentences, and for a new process.

It runs the export and encoder the query side uses (rag/ort.py), exported into the benchmark's own
model cache."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np


def export(cache: Path) -> Path:
    """The exported model in `cache` (exported now if missing), as `rag index` makes it."""
    from rag.config import Settings
    from rag.embed import Embedder

    e = Embedder.from_settings(Settings(model_cache=cache))
    e.ensure_onnx()
    return e.onnx_path()


def _load_seconds(kind: str, onnx_path: Path) -> float:
    """Wall seconds for a new process to import its runtime, load the model and embed one text."""
    code = {
        "torch": "from rag.embed import Embedder; Embedder.from_name('all-MiniLM-L6-v2').encode(['hi'])",
        "onnx": f"from rag.embed import model_dir; from rag.ort import OnnxEncoder; "
        f"OnnxEncoder.open(__import__('pathlib').Path({str(onnx_path)!r}), str(model_dir('all-MiniLM-L6-v2'))).encode(['hi'])",
    }[kind]
    from .measure import REPO, child_env

    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=REPO, env=child_env(), check=True, capture_output=True)
    return time.perf_counter() - t


def compare(cache: Path, chunk_texts: list[str], shipped_chunks: list[str], questions: list[str],
            sentences: list[str], rounds: int) -> dict:
    import torch

    from rag.embed import Embedder, model_dir
    from rag.ort import OnnxEncoder

    path = export(cache)
    st = Embedder.from_name("all-MiniLM-L6-v2").model
    ort2 = OnnxEncoder.open(path, str(model_dir("all-MiniLM-L6-v2")), threads=0)
    ort1 = OnnxEncoder.open(path, str(model_dir("all-MiniLM-L6-v2")), threads=1)

    def st_encode(texts: list[str]) -> np.ndarray:
        return st.encode(texts, batch_size=16, normalize_embeddings=True, show_progress_bar=False)

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
