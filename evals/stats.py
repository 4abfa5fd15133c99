"""Run-level figures: percentiles of per-question latency, shared with the benchmarks.

Kept free of heavy imports, so `bench` can time a process's start-up while using it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) of `values`, linear between the closest ranks.

    The same figure as `statistics.quantiles(values, n=100, method="inclusive")` at whole q and
    as numpy's default `percentile`; NaN when `values` is empty.
    """
    if not values:
        return float("nan")
    v = sorted(values)
    k = (len(v) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


@dataclass(frozen=True)
class LatencyFigure:
    """A latency percentile over a run's answered questions (in ms; lower is better).

    Attributes:
        name: Key in report.json and for --fail-under.
        label: Name people read.
        help: One line on what it measures.
        q: The percentile, 0-100.
    """

    name: str
    label: str
    help: str
    q: float
    lower_is_better: bool = True

    def regressed(self, now: float, then: float, tolerance: float) -> bool:
        """Whether `now` is worse than `then`; latency is noisy, so only a 20 % rise counts."""
        del tolerance  # the metrics' tolerance is in score units, not ms
        return now - then > max(0.2 * then, 5.0)


LATENCY = (
    LatencyFigure("latency_p50_ms", "Latency p50", "per question, end to end", 50),
    LatencyFigure("latency_p95_ms", "Latency p95", "per question, end to end", 95),
)
