"""Figures for the reader on any gold set already run by `rag eval`: accuracy per expected answer
type (from the question analysis), and how often the gate in front of every backend abstains on
answerable questions by itself (what an LLM backend would never get to see).

    python -m bench.reader_report REPORT.json [--gate]     # REPORT.json from `rag eval --out`
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict


def _settings(report: dict):
    from pathlib import Path

    from evals.cli import corpus_settings
    from rag import get_settings

    corpus = report["meta"].get("corpus_option")  # evaluated with --corpus: the index rag eval made for it
    return corpus_settings(get_settings(), Path(corpus)) if corpus else get_settings()


def by_type(report: dict) -> dict[str, list[float]]:
    """Accuracy (or key-fact correctness) by the answer type the question analysis finds, with the
    corpus's type lexicon, as the chain analysed it."""
    from rag.engine import engine_for
    from rag.question import analyse

    engine = engine_for(_settings(report))
    engine.ensure_index()
    engine.retriever.idf("warm")  # loads this version's BM25 and type lexicon
    nlp, lexicon = engine.nlp(), engine.retriever.lexicon
    out: dict[str, list[float]] = defaultdict(list)
    for row in report["rows"]:
        value = (row.get("metrics", {}).get("answer_accuracy") or {}).get("value")
        if value is None:
            value = (row.get("metrics", {}).get("answer_correctness") or {}).get("value")
        if value is not None:
            out[analyse(row["question"], nlp, lexicon).answer_type.name].append(value)
    return out


def gate_alone(report: dict) -> tuple[int, int, list[str]]:
    """(answerable questions the gate alone refuses, answerable questions, their reasons), asking the
    gate the way the chain does, on the index `rag eval` used (RAG_DATA_DIR / --corpus)."""
    from rag.answer import decide, prepare, retrieve

    settings = _settings(report)
    refused, total, reasons = 0, 0, []
    for row in report["rows"]:
        if row["type"] == "unanswerable":
            continue
        total += 1
        turn = prepare(row["question"], top_k=None, backend="openai", history=None, as_of=row.get("question_date"),
                       settings=settings)
        retrieve(turn)
        if reason := decide(turn):
            refused += 1
            reasons.append(f"{row['id']}: {reason}")
    return refused, total, reasons


if __name__ == "__main__":
    report = json.load(open(sys.argv[1], encoding="utf-8"))
    print("| expected answer type | questions | accuracy |\n|---|---|---|")
    for kind, values in sorted(by_type(report).items(), key=lambda kv: -len(kv[1])):
        print(f"| {kind} | {len(values)} | {sum(values) / len(values):.2f} |")
    if "--gate" in sys.argv:
        refused, total, reasons = gate_alone(report)
        print(f"\ngate alone: {refused} of {total} answerable questions refused ({refused / max(total, 1):.3f})")
        print("\n".join(reasons))
