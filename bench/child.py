"""What the benchmarks run in a fresh process: `python -m bench.child COMMAND ...`.

Each command prints one JSON object as its last line, with the process's peak memory. A new
process is how a user meets cold start, and the only honest way to see what a re-index loads."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def _since_process_start() -> float:
    """Seconds since this process was created (from /proc, so interpreter start-up counts)."""
    ticks = os.sysconf("SC_CLK_TCK")
    start = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19]) / ticks
    return float(Path("/proc/uptime").read_text().split()[0]) - start


def _settings(corpus: str, data: str):
    from rag.config import Settings

    return Settings(corpus_dir=Path(corpus), data_dir=Path(data), backend="extractive")


def _model_state() -> dict:
    import rag.embed

    return {
        "model_loaded": rag.embed._load.cache_info().currsize > 0,
        "torch_imported": "torch" in sys.modules,
        "sentence_transformers_imported": "sentence_transformers" in sys.modules,
    }


def cmd_index(corpus: str, data: str) -> dict:
    """One `build_index` in a new process (the model is loaded when there is work)."""
    t0 = time.perf_counter()
    from rag.index import build_index

    r = build_index(_settings(corpus, data))
    return {
        "seconds": time.perf_counter() - t0,
        "index_seconds": r.seconds,
        "added": r.added,
        "changed": r.changed,
        "removed": r.removed,
        "unchanged": r.unchanged,
        "chunks": r.chunks,
        "embedded": r.embedded,
        "process_seconds": _since_process_start(),
        "overlap": getattr(r, "overlapped", None),
        "bm25_s": getattr(r, "bm25_seconds", None),
        "cpu_s": sum(os.times()[:4]),  # this process and its finished children (the annotation worker)
        **_model_state(),
    }


def cmd_export() -> dict:
    """The one-time export for ONNX Runtime that `rag index` makes on a new machine."""
    t0 = time.perf_counter()
    from rag.config import Settings
    from rag.embed import Embedder

    exported = Embedder.from_settings(Settings()).ensure_onnx()
    return {"seconds": time.perf_counter() - t0, "exported": exported, **_model_state()}


def cmd_queries(corpus: str, data: str, passes: str = "2") -> dict:
    """Warm latency: one warm-up question, then every gold question once per pass."""
    from rag import query

    from .questions import WARMUP, gold

    s = _settings(corpus, data)
    query(WARMUP, settings=s)
    out = []
    for p in range(int(passes)):
        rows = []
        for q, files in gold():
            t = time.perf_counter()
            a = query(q, settings=s)
            rows.append({
                "ms": (time.perf_counter() - t) * 1000,
                "retrieve_ms": a.timings.get("retrieve_ms", 0.0),
                "answer_ms": a.timings.get("answer_ms", 0.0),
                "abstained": a.abstained,
                "first_source": a.citations[0].source if a.citations else None,
                "hit": bool(files) and any(c.source in files for c in a.contexts),
                "expected": sorted(files),
            })
        out.append(rows)
    return {"passes": out, **_model_state()}


def cmd_cold(corpus: str, data: str, question: str) -> dict:
    """New process to first answer."""
    t_imp = time.perf_counter()
    from rag import query

    imported = time.perf_counter() - t_imp
    a = query(question, settings=_settings(corpus, data))
    return {
        "to_first_answer_s": _since_process_start(),
        "import_s": imported,
        "timings": a.timings,
        "first_source": a.citations[0].source if a.citations else None,
        "abstained": a.abstained,
        **_model_state(),
        "onnxruntime_imported": "onnxruntime" in sys.modules,
    }


def main(argv: list[str]) -> None:
    from rag.config import apply_env_defaults  # as `rag` sets them: before numpy loads, as there

    apply_env_defaults()
    import logging

    logging.basicConfig(level=logging.ERROR)
    cmd, *args = argv
    result = {"index": cmd_index, "queries": cmd_queries, "cold": cmd_cold, "export": cmd_export}[cmd](*args)
    from .measure import peak_rss_mb

    result["peak_rss_mb"] = round(peak_rss_mb(), 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
