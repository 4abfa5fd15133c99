"""The questions the benchmarks ask: the core's gold questions and the eval set's, deduplicated."""

from __future__ import annotations

import importlib.util
import json

from .measure import REPO


def gold() -> list[tuple[str, set[str]]]:
    """(question, files that answer it) for every answerable gold question; empty set = unanswerable."""
    out: list[tuple[str, set[str]]] = []
    spec = importlib.util.spec_from_file_location("gold_small", REPO / "tests" / "gold_small.py")
    if spec and spec.loader:
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        out += [(q, set(files)) for q, files in mod.ANSWERABLE]
        out += [(q, set()) for q in mod.UNANSWERABLE]
    path = REPO / "evals" / "gold.jsonl"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out.append((row["question"], set(row.get("sources") or [])))
    seen: set[str] = set()
    return [(q, s) for q, s in out if not (q in seen or seen.add(q))]


WARMUP = "What happened on the Korean peninsula this week?"  # not a gold question
COLD = "What did Jenny Town of the Stimson Center say?"
COLD_SOURCE = "002_fd51fa255f66e0e6.txt"
