"""Run the gold questions through `rag.query`, score every answer, and summarise."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any

from evals.gold import GoldItem
from evals.metrics import (
    MetricResult,
    abstention_correct,
    answer_correctness,
    citation_precision,
    citation_recall,
    false_abstention,
    faithfulness,
    hit_rate,
    reciprocal_rank,
)
from evals.verdict import Judge

# Summary keys, in the order a reader meets them; each is the mean over questions where it applies.
METRICS = (
    "faithfulness",
    "answer_correctness",
    "citation_precision",
    "citation_recall",
    "hit_rate",
    "mrr",
    "abstention_accuracy",
    "false_abstention",
)
# For these, lower is better (a regression is a rise).
LOWER_IS_BETTER = {"false_abstention", "latency_p50_ms", "latency_p95_ms"}


def score(answer, gold: GoldItem, judge: Judge) -> dict[str, MetricResult]:
    """Every metric for one answer."""
    return {
        "faithfulness": faithfulness(answer, judge),
        "answer_correctness": answer_correctness(answer, gold),
        "citation_precision": citation_precision(answer, gold),
        "citation_recall": citation_recall(answer, gold),
        "hit_rate": hit_rate(answer, gold),
        "mrr": reciprocal_rank(answer, gold),
        "abstention_accuracy": abstention_correct(answer, gold),
        "false_abstention": false_abstention(answer, gold),
    }


def _percentile(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def evaluate(
    gold: Sequence[GoldItem],
    ask: Callable[[str], Any],
    judge: Judge,
    *,
    on_row: Callable[[dict], None] | None = None,
) -> dict[str, Any]:
    """Ask every gold question with `ask(question) -> Answer` and score it.

    A question whose answering raised is recorded with its error and left out of every average
    (it is counted in `summary["errors"]`), so one failure cannot pass as a score."""
    rows = []
    for item in gold:
        t0 = time.perf_counter()
        row: dict[str, Any] = {
            "id": item.id, "type": item.type, "question": item.question,
            "gold_answer": item.answer, "gold_sources": list(item.sources), "key_facts": list(item.key_facts),
        }
        try:
            answer = ask(item.question)
        except Exception as e:  # noqa: BLE001 - recorded per question, the run goes on
            row.update(error=f"{type(e).__name__}: {e}", latency_ms=(time.perf_counter() - t0) * 1000, metrics={})
        else:
            row["latency_ms"] = (time.perf_counter() - t0) * 1000
            results = score(answer, item, judge)
            row["answer"] = answer.model_dump(mode="json")
            row["metrics"] = {k: {"value": r.value, "reason": r.reason} for k, r in results.items()}
            row["claims"] = [
                {"claim": c.claim, "markers": list(c.markers), **asdict(c.verdict)}
                for c in results["faithfulness"].claims
            ]
            grade = getattr(judge, "grade_correctness", None)
            if grade and item.answerable and not answer.abstained:
                v = grade(item.question, item.answer or "", answer.answer)
                row["metrics"]["answer_correctness_llm"] = {"value": v.value, "reason": v.reason}
        rows.append(row)
        if on_row:
            on_row(row)
    return {"summary": summarise(rows), "rows": rows}


def summarise(rows: list[dict]) -> dict[str, Any]:
    summary: dict[str, Any] = {"n": len(rows)}
    names = list(METRICS) + (["answer_correctness_llm"] if any("answer_correctness_llm" in r.get("metrics", {}) for r in rows) else [])
    for name in names:
        values = [r["metrics"][name]["value"] for r in rows if r.get("metrics", {}).get(name, {}).get("value") is not None]
        summary[name] = round(sum(values) / len(values), 4) if values else None
        summary[f"{name}_n"] = len(values)
    latencies = sorted(r["latency_ms"] for r in rows if "error" not in r)
    summary["latency_p50_ms"] = round(_percentile(latencies, 50), 1) if latencies else None
    summary["latency_p95_ms"] = round(_percentile(latencies, 95), 1) if latencies else None
    summary["errors"] = sum(1 for r in rows if "error" in r)
    summary["judge_failures"] = sum(1 for r in rows for c in r.get("claims", []) if c["supported"] is None)
    by_type: dict[str, int] = {}
    for r in rows:
        by_type[r["type"]] = by_type.get(r["type"], 0) + 1
    summary["by_type"] = by_type
    return summary


def compare(summary: dict, baseline: dict, tolerance: float = 0.01) -> dict[str, dict]:
    """Per metric: the baseline value, the change, and whether it is a regression."""
    out = {}
    for name in (*METRICS, "latency_p50_ms", "latency_p95_ms"):
        now, then = summary.get(name), baseline.get(name)
        if now is None or then is None:
            continue
        delta = now - then
        if name.startswith("latency"):
            worse = delta > max(0.2 * then, 5.0)  # latency is noisy: only a 20 % rise counts
        elif name in LOWER_IS_BETTER:
            worse = delta > tolerance
        else:
            worse = delta < -tolerance
        out[name] = {"baseline": then, "delta": round(delta, 4), "regression": worse}
    return out


def check_bars(summary: dict, bars: dict[str, float]) -> list[str]:
    """The metrics that miss their bar, as sentences (empty when all pass)."""
    failed = []
    for name, bar in bars.items():
        value = summary.get(name)
        if value is None:
            failed.append(f"{name}: no value to compare with {bar}")
        elif name in LOWER_IS_BETTER and value > bar:
            failed.append(f"{name} = {value} is above the bar {bar}")
        elif name not in LOWER_IS_BETTER and value < bar:
            failed.append(f"{name} = {value} is below the bar {bar}")
    return failed
