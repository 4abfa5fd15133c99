"""Where a full `rag index` spends its time (issue 14): wall seconds per phase of one `build_index`
into a fresh data folder, in this process.

    python -m bench.index_phases CORPUS DATA_DIR

Each phase's function is wrapped with a timer before the run (nothing in rag/ changes): reading
(`scan`, `prepare`), splitting (`chunk_articles`), the models (`encode_documents`; annotation runs
in a worker beside it, `worker_done_at` says when its last batch was done, counted from the start
of the loop), the Chroma writes (`chroma_add`, with the CPU seconds of every thread of this process
while it ran: the store works in its own threads), the article records, the reader's word table
(`add_words`) and BM25. Prints one JSON object. DATA_DIR is deleted first."""

from __future__ import annotations

import argparse
import functools
import shutil
import time
from collections import defaultdict
from pathlib import Path

from .measure import report

INDEX_PHASES = ("scan", "prepare", "chunk_articles", "_write_records", "_add_words", "_build_bm25")  # in rag.index


def _wrap(owner, name: str, seconds: dict, label: str | None = None, cpu: bool = False) -> None:
    inner = getattr(owner, name)

    @functools.wraps(inner)
    def timed(*a, **k):
        t, c = time.perf_counter(), time.process_time()
        try:
            return inner(*a, **k)
        finally:
            seconds[label or name] += time.perf_counter() - t
            if cpu:
                seconds[f"{label or name}_process_cpu"] += time.process_time() - c

    setattr(owner, name, timed)


def phases(corpus: Path, data: Path) -> dict:
    from llama_index.vector_stores.chroma import ChromaVectorStore

    import rag.index
    import rag.pipeline
    from rag.config import Settings
    from rag.embed import Embedder

    seconds: dict[str, float] = defaultdict(float)
    for name in INDEX_PHASES:
        _wrap(rag.index, name, seconds, name.lstrip("_"))
    _wrap(rag.pipeline, "run", seconds, "loop")
    _wrap(Embedder, "encode_documents", seconds)
    _wrap(ChromaVectorStore, "add", seconds, "chroma_add", cpu=True)
    start = [0.0]
    submit = rag.pipeline.Annotator.submit

    def submitted(self, texts):
        pending = submit(self, texts)
        if hasattr(pending, "add_done_callback"):  # a worker's future (overlap on)
            pending.add_done_callback(lambda _: seconds.__setitem__("worker_done_at", time.perf_counter() - start[0]))
        return pending

    run = rag.pipeline.run

    def started(*a, **k):
        start[0] = time.perf_counter()
        return run(*a, **k)

    rag.pipeline.Annotator.submit, rag.pipeline.run = submitted, started
    shutil.rmtree(data, ignore_errors=True)
    t = time.perf_counter()
    r = rag.index.build_index(Settings(corpus_dir=corpus, data_dir=data, backend="extractive"))
    seconds["total"] = time.perf_counter() - t
    return {"summary": r.summary(), "passages": r.embedded, "seconds": {k: round(v, 1) for k, v in seconds.items()}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.index_phases", description=__doc__)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("data", type=Path)
    args = ap.parse_args(argv)
    return report("bench.index_phases", lambda: phases(args.corpus, args.data))


if __name__ == "__main__":  # the annotation worker is spawned: it imports this module, and must not run it
    raise SystemExit(main())
