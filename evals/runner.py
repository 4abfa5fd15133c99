"""Run the gold questions through `rag.query`, score every answer, and summarise."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any

from evals.gold import GoldItem
from evals.metrics import METRICS, Metric, MetricResult
from evals.stats import LATENCY, LatencyFigure, percentile
from rag import Judge

# Everything a run reports a figure for: what --fail-under and a baseline comparison may name.
FIGURES: tuple[Metric | LatencyFigure, ...] = (*METRICS, *LATENCY)


def score(answer, gold: GoldItem, judge: Judge) -> dict[str, MetricResult]:
    """Every metric for one answer."""
    return {m.name: m.score(answer, gold, judge) for m in METRICS}


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
            "question_date": item.question_date,
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
        rows.append(row)
        if on_row:
            on_row(row)
    return {"summary": summarise(rows), "rows": rows}


def _means(rows: list[dict]) -> dict[str, Any]:
    """Each metric's mean over the rows where it applies, and its count as `<name>_n`."""
    out: dict[str, Any] = {}
    for m in METRICS:
        values = [r["metrics"][m.name]["value"] for r in rows
                  if r.get("metrics", {}).get(m.name, {}).get("value") is not None]
        out[m.name] = round(sum(values) / len(values), 4) if values else None
        out[f"{m.name}_n"] = len(values)
    return out


def _by_type(rows: list[dict]) -> dict[str, dict[str, Any]]:
    """Per gold type, in first-seen order: its question count and each metric's mean."""
    groups: dict[str, list[dict]] = {}
    for r in rows:
        groups.setdefault(r["type"], []).append(r)
    out = {}
    for kind, group in groups.items():
        means = _means(group)
        out[kind] = {"n": len(group), **{m.name: means[m.name] for m in METRICS}}
    return out


def summarise(rows: list[dict]) -> dict[str, Any]:
    """The run's figures: metric means, latency percentiles, failures, and a per-type breakdown."""
    summary: dict[str, Any] = {"n": len(rows), **_means(rows)}
    latencies = [r["latency_ms"] for r in rows if "error" not in r]
    for fig in LATENCY:
        summary[fig.name] = round(percentile(latencies, fig.q), 1) if latencies else None
    summary["errors"] = sum(1 for r in rows if "error" in r)
    summary["judge_failures"] = sum(1 for r in rows for c in r.get("claims", []) if c["supported"] is None)
    summary["by_type"] = _by_type(rows)
    return summary


def compare(summary: dict, baseline: dict, tolerance: float = 0.01) -> dict[str, dict]:
    """Per figure: the baseline value, the change, and whether it is a regression."""
    out = {}
    for fig in FIGURES:
        now, then = summary.get(fig.name), baseline.get(fig.name)
        if now is None or then is None:
            continue
        out[fig.name] = {"baseline": then, "delta": round(now - then, 4), "regression": fig.regressed(now, then, tolerance)}
    return out


def check_bars(summary: dict, bars: dict[str, float]) -> list[str]:
    """The figures that miss their bar, as sentences (empty when all pass)."""
    lower_is_better = {f.name for f in FIGURES if f.lower_is_better}
    failed = []
    for name, bar in bars.items():
        value = summary.get(name)
        if value is None:
            failed.append(f"{name}: no value to compare with {bar}")
        elif name in lower_is_better and value > bar:
            failed.append(f"{name} = {value} is above the bar {bar}")
        elif name not in lower_is_better and value < bar:
            failed.append(f"{name} = {value} is below the bar {bar}")
    return failed
