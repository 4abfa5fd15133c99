"""`python -m bench.run [--quick]`: every figure of issue 5 in one run, raw JSON in bench/out/ and
the figures in bench/RESULTS.md (between its markers; the notes around them are kept).

Full: the shipped corpus, 1,000 articles, 100,000 chunks (about 25 minutes on 2 cores). Quick:
the shipped corpus, 100 articles, 20,000 chunks (a few minutes); its figures are indicative."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from .measure import MODEL_CACHE, REPO, child_env, load_average, machine, run_child, summary_ms

OUT = REPO / "bench" / "out"


def _log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def plan(quick: bool) -> dict:
    if quick:
        return {"mode": "quick", "ratio_articles": 30, "ratio_rounds": 2, "large_articles": 100,
                "scaled_chunks": 20_000, "onnx_chunks": 64, "onnx_rounds": 2}
    return {"mode": "full", "ratio_articles": 150, "ratio_rounds": 2, "large_articles": 1000,
            "scaled_chunks": 100_000, "onnx_chunks": 128, "onnx_rounds": 3}


def cold(corpus: Path, data: Path) -> dict:
    """New process to first answer, twice: first with no saved BM25 (the first process after an
    index change builds it from every chunk), then as every later process starts (loads it)."""
    from .questions import COLD

    shutil.rmtree(data / "bm25", ignore_errors=True)
    first = run_child(["cold", str(corpus), str(data), COLD])
    later = run_child(["cold", str(corpus), str(data), COLD])
    on_torch = run_child(["cold", str(corpus), str(data), COLD], env=child_env(RAG_EMBED_RUNTIME="torch"))
    return {
        "torch_runtime_later_process_s": round(on_torch.result["to_first_answer_s"], 2),
        "torch_runtime_peak_rss_mb": on_torch.peak_rss_mb,
        "torch_imported": later.result.get("torch_imported"),
        "after_index_change_s": round(first.result["to_first_answer_s"], 2),
        "later_process_s": round(later.result["to_first_answer_s"], 2),
        "peak_rss_mb": {"after_index_change": first.peak_rss_mb, "later_process": later.peak_rss_mb},
        "import_s": round(later.result["import_s"], 2),
        "first_answer_timings_ms": {"after_index_change": first.result["timings"], "later_process": later.result["timings"]},
        "first_source": later.result["first_source"],
    }


def warm_queries(corpus: Path, data: Path) -> dict:
    r = run_child(["queries", str(corpus), str(data), "2"])
    passes = r.result["passes"]
    out = {"peak_rss_mb": r.peak_rss_mb}
    for name, rows in zip(("first_time", "repeated"), passes):
        answerable = [x for x in rows if x["expected"]]
        out[name] = {
            "total": summary_ms([x["ms"] for x in rows]),
            "retrieve": summary_ms([x["retrieve_ms"] for x in rows]),
            "answer": summary_ms([x["answer_ms"] for x in rows]),
            "answerable_hit_rate": round(sum(x["hit"] for x in answerable) / max(1, len(answerable)), 3),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    ap.add_argument("--quick", action="store_true", help="small sizes; finishes in a few minutes")
    ap.add_argument("--only", nargs="*", help="run only these sections (ratios, large, scaled, onnx, shipped)")
    args = ap.parse_args(argv)
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ["RAG_MODEL_CACHE"] = str(MODEL_CACHE)  # in-process parts too
    import logging

    logging.basicConfig(level=logging.ERROR)

    p = plan(args.quick)
    want = set(args.only or ["shipped", "ratios", "large", "scaled", "onnx"])
    work = OUT / p["mode"]
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results: dict = {
        "command": "python -m bench.run" + (" --quick" if args.quick else ""),
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "plan": p,
        "load_average_start": load_average(),
    }
    from rag.config import Settings

    from .corpus_gen import generate

    if not args.only:  # a whole run measures the one-time export too, as a new machine pays it
        shutil.rmtree(MODEL_CACHE, ignore_errors=True)
    _log("export the model for ONNX Runtime (once per machine)")
    export = run_child(["export"])
    results["onnx_export"] = {**export.result, "wall_s": round(export.seconds, 2)}

    shipped = REPO / "corpus"
    if "shipped" in want:
        _log("shipped corpus: index, warm queries, cold start")
        data = work / "shipped"
        shutil.rmtree(data, ignore_errors=True)
        build = run_child(["index", str(shipped), str(data)])
        results["shipped"] = {
            "articles": len(list(shipped.glob("*.txt"))),
            "index": {**build.result, "wall_s": round(build.seconds, 2)},
            "warm": warm_queries(shipped, data),
            "cold": cold(shipped, data),
        }

    if "ratios" in want:
        _log(f"side by side on {p['ratio_articles']} articles: raw model, ours, plain llama-index")
        from .pipelines import side_by_side

        corpus = generate(shipped, work / "ratio-corpus", p["ratio_articles"])[0].parent
        results["ratios"] = side_by_side(corpus, work / "ratio-runs", p["ratio_rounds"])
        shutil.rmtree(work / "ratio-runs", ignore_errors=True)

    large_corpus = work / f"corpus-{p['large_articles']}"
    large_data = work / f"index-{p['large_articles']}"
    if "large" in want or "scaled" in want:
        _log(f"{p['large_articles']} articles: index in a new process")
        generate(shipped, large_corpus, p["large_articles"])
        shutil.rmtree(large_data, ignore_errors=True)
        build = run_child(["index", str(large_corpus), str(large_data)])
        results["large"] = {"articles": p["large_articles"], "index": {**build.result, "wall_s": round(build.seconds, 2)}}
    if "large" in want:
        _log("re-index unchanged (new process, twice), warm queries, cold start")
        reindex = [run_child(["index", str(large_corpus), str(large_data)]) for _ in range(2)]
        results["large"]["reindex_unchanged"] = [
            {**r.result, "wall_s": round(r.seconds, 2)} for r in reindex
        ]
        results["large"]["reindex_unchanged_in_process"] = _reindex_in_process(large_corpus, large_data)
        results["large"]["warm"] = warm_queries(large_corpus, large_data)
        results["large"]["cold"] = cold(large_corpus, large_data)

    if "scaled" in want:
        n = p["scaled_chunks"]
        _log(f"{n:,} chunks: load varied copies of the {p['large_articles']}-article index into Chroma")
        from .questions import gold
        from .scale import build_scaled, default_target, retrieval_latency

        target = default_target(work, n)
        base = Settings(corpus_dir=large_corpus, data_dir=large_data)
        loaded = build_scaled(base, target, n)
        _log("retrieval latency, then cold start")
        results["scaled"] = {
            "load": loaded,
            "retrieval": retrieval_latency(target, [q for q, _ in gold()]),
            "cold": cold(target.corpus_dir, target.data_dir),
        }
        shutil.rmtree(target.data_dir, ignore_errors=True)

    if "onnx" in want:
        _log("ONNX Runtime against torch")
        results["onnx"] = _onnx(work, shipped, large_corpus if large_corpus.exists() else shipped, p)

    results["load_average_end"] = load_average()
    results["seconds"] = round(time.perf_counter() - started, 1)
    raw = OUT / f"results-{p['mode']}.json"
    if args.only and raw.exists():  # a partial run updates its sections of the last full one
        merged = json.loads(raw.read_text())
        merged.setdefault("partial_reruns", []).append(
            {k: results[k] for k in ("date", "load_average_start", "load_average_end", "seconds")} | {"sections": sorted(want)}
        )
        merged.update({k: v for k, v in results.items() if k in want})
        results = merged
    raw.write_text(json.dumps(results, indent=2))
    from .report import write_results

    write_results(results, REPO / "bench" / "RESULTS.md")
    _log(f"done in {results['seconds']:.0f} s: {raw.relative_to(REPO)} and bench/RESULTS.md")
    return 0


def _reindex_in_process(corpus: Path, data: Path) -> dict:
    """build_index on the unchanged corpus inside this process (imports already paid)."""
    from rag.config import Settings
    from rag.index import build_index

    s = Settings(corpus_dir=corpus, data_dir=data)
    build_index(s)  # opens the store (first Chroma read of a process is slower)
    times = []
    for _ in range(3):
        t = time.perf_counter()
        r = build_index(s)
        times.append(time.perf_counter() - t)
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()  # let go of the store before child processes use it
    return {"seconds": [round(x, 3) for x in times], "unchanged": r.unchanged, "embedded": r.embedded}


def _onnx(work: Path, shipped: Path, corpus: Path, p: dict) -> dict:
    from rag.config import Settings
    from rag.corpus import load_corpus
    from rag.text import sentences

    from .onnx_check import compare
    from .pipelines import chunk_texts
    from .questions import gold

    texts = chunk_texts(Settings(corpus_dir=corpus))[: p["onnx_chunks"]]
    shipped_chunks = chunk_texts(Settings(corpus_dir=shipped))
    arts, _ = load_corpus(shipped)
    sents = [s for s in sentences(arts[2].text) if len(s) >= 25][:25]  # about one answer's worth
    return compare(MODEL_CACHE, texts, shipped_chunks, [q for q, _ in gold()], sents, p["onnx_rounds"])


if __name__ == "__main__":
    raise SystemExit(main())
