"""spaCy's matrix products on thinc's BLIS against numpy's BLAS (rag/nlp.py), side by side.

    python -m bench.spacy_blas [--articles PATH] [--texts 1500] [--rounds 2]

The texts are those of `bench.attribute_ruler`: the index's passages of real articles, parsed by
the whole pipeline as index-time annotation parses them, and their sentences, parsed without the
entity recogniser as the judge parses evidence. Two copies of the pipeline (both with the lookup
attribute ruler), rounds interleaved; numpy's BLAS on one thread (what `rag` runs with) and, for the
record, on two; words per second (wall and CPU), and whether every token got the same tag, head,
label and entity from both."""

from __future__ import annotations

import argparse
import time

from threadpoolctl import threadpool_limits

from rag.attribute_ruler import speed_up
from rag.nlp import DEFAULT_MODEL, _import_spacy, _on_numpy_blas

from .attribute_ruler import bench_texts
from .measure import report


def _time(nlp, texts: list[str], disable: list[str]) -> tuple[float, float, list[tuple]]:
    """(words per wall second, words per CPU second, every token's annotation)."""
    t, c = time.perf_counter(), time.process_time()
    docs = list(nlp.pipe(texts, disable=disable))
    wall, cpu = time.perf_counter() - t, time.process_time() - c
    found = [(tok.tag_, tok.dep_, tok.head.i, tok.ent_type_, tok.ent_iob_) for doc in docs for tok in doc]
    return len(found) / wall, len(found) / cpu, found


def _compare(args: argparse.Namespace, sets: dict[str, list[str]]) -> dict:
    spacy = _import_spacy()
    blis, numpy_blas = spacy.load(DEFAULT_MODEL), spacy.load(DEFAULT_MODEL)
    speed_up(blis)
    speed_up(numpy_blas)
    _on_numpy_blas(numpy_blas)
    results: dict[str, dict] = {}
    for name, texts in sets.items():
        disable = ["ner"] if name == "sentences" else []  # the judge parses evidence without it
        for nlp in (blis, numpy_blas):
            list(nlp.pipe(texts[:20]))  # warm up
        runs: dict[str, list] = {"blis": [], "numpy_1_thread": [], "numpy_2_threads": []}
        same = True
        for _ in range(args.rounds):
            with threadpool_limits(1, user_api="blas"):
                a, b = _time(blis, texts, disable), _time(numpy_blas, texts, disable)
            with threadpool_limits(2, user_api="blas"):
                c = _time(numpy_blas, texts, disable)
            for key, run in zip(runs, (a, b, c)):
                runs[key].append(run[:2])
            same = same and a[2] == b[2] == c[2]
        best = {k: (max(r[0] for r in v), max(r[1] for r in v)) for k, v in runs.items()}
        results[name] = {
            "texts": len(texts),
            "words_per_s": {k: round(v[0]) for k, v in best.items()},
            "words_per_cpu_s": {k: round(v[1]) for k, v in best.items()},
            "ratio_1_thread": round(best["numpy_1_thread"][0] / best["blis"][0], 3),
            "ratio_2_threads": round(best["numpy_2_threads"][0] / best["blis"][0], 3),
            "same_annotations": same,
        }
    return {"results": results}


def main(argv: list[str] | None = None) -> int:
    args, sets = bench_texts(__doc__.splitlines()[0], argv)
    return report("bench.spacy_blas", lambda: _compare(args, sets))


if __name__ == "__main__":
    raise SystemExit(main())
