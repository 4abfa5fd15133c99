"""Retrieval with another way of embedding passages (int8, bf16) against fp32 (issue 14), from two
`rag eval` reports of one gold set.

    python -m bench.variant_compare FP32_REPORT.json INT8_REPORT.json [--label bf16] [--vectors DIR]

Prints hit rate and MRR of each (the eval's own figures), their differences, and the top-5
overlap: per question, the share of the fp32 run's retrieved passages (its 5 contexts) that the
int8 run retrieved too, averaged. With `--vectors FP32.npy INT8.npy` (what `bench.index_speed raw` saves beside an index: the
passages' vectors in chunk-id order), also the cosine of each passage's int8 vector to its fp32
one, over every passage."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np


def _rows(path: Path) -> dict[str, dict]:
    report = json.loads(path.read_text(encoding="utf-8"))
    return {r["id"]: r for r in report["rows"]}, report["summary"]


def _contexts(row: dict) -> list[str]:
    return [c["chunk_id"] for c in (row.get("answer") or {}).get("contexts", [])][:5]


def compare(a_path: Path, b_path: Path, label: str = "int8") -> dict:
    a_rows, a_sum = _rows(a_path)
    b_rows, b_sum = _rows(b_path)
    overlaps = []
    for qid, row in a_rows.items():
        a, b = _contexts(row), _contexts(b_rows.get(qid, {}))
        if a:
            overlaps.append(len(set(a) & set(b)) / len(a))
    out = {"questions": len(overlaps), "top5_overlap": round(float(np.mean(overlaps)), 4),
           "top5_overlap_min": round(float(np.min(overlaps)), 2)}
    for m in ("hit_rate", "mrr"):
        out[m] = {"fp32": a_sum["metrics"].get(m) if "metrics" in a_sum else a_sum.get(m),
                  label: b_sum["metrics"].get(m) if "metrics" in b_sum else b_sum.get(m)}
        if None not in out[m].values():
            out[m]["diff"] = round(out[m][label] - out[m]["fp32"], 4)
    return out


def vector_cosines(fp32: Path, int8: Path) -> dict:
    from rag.quantize import cosines

    cos = cosines(np.load(fp32), np.load(int8))
    return {"passages": len(cos), "mean": round(float(cos.mean()), 4), "min": round(float(cos.min()), 4),
            "p01": round(float(np.percentile(cos, 1)), 4)}


def dense_top5(fp32: Path, int8: Path, questions: Path) -> dict:
    """Dense retrieval alone over those passage vectors: each question embedded by each variant,
    the share of fp32's 5 nearest passages that int8's 5 nearest include."""
    from rag.config import Settings
    from rag.embed import Embedder

    qs = [json.loads(x)["question"] for x in questions.read_text(encoding="utf-8").splitlines() if x.strip()]
    tops = []
    for variant, path in (("fp32", fp32), ("int8", int8)):
        q = np.asarray(Embedder.from_settings(Settings(embed_variant=variant)).encode(qs))
        tops.append(np.argsort(-(q @ np.load(path).T), axis=1)[:, :5])
    overlap = [len(set(a) & set(b)) / 5 for a, b in zip(*tops)]
    return {"questions": len(qs), "mean": round(float(np.mean(overlap)), 4), "min": float(np.min(overlap))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.variant_compare", description=__doc__)
    ap.add_argument("fp32", type=Path)
    ap.add_argument("int8", type=Path)
    ap.add_argument("--label", default="int8", help="what the second report's run is called (int8, bf16)")
    ap.add_argument("--vectors", type=Path, nargs=2)
    ap.add_argument("--dense-questions", type=Path, help="with --vectors: dense-only top-5 overlap on these")
    args = ap.parse_args(argv)
    out = compare(args.fp32, args.int8, args.label)
    if args.vectors:
        out["passage_vectors"] = vector_cosines(*args.vectors)
        if args.dense_questions:
            out["dense_only_top5_overlap"] = dense_top5(*args.vectors, args.dense_questions)
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
