"""The one percentile function gives what both of its former copies gave: the eval runner's
(`statistics.quantiles`, inclusive, at whole percentiles) and the benchmarks' (linear between the
closest ranks, which is numpy's default)."""

from __future__ import annotations

import math
import statistics

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.measure import summary_ms
from evals.stats import percentile

latencies = st.lists(st.floats(0, 1e6, allow_nan=False), min_size=2, max_size=60)


@given(values=latencies, q=st.integers(1, 99))
def test_whole_percentiles_match_the_runners_former_statistics_quantiles(values, q):
    expected = statistics.quantiles(values, n=100, method="inclusive")[q - 1]
    assert percentile(values, q) == pytest.approx(expected, rel=1e-9, abs=1e-9)


@given(values=latencies, q=st.floats(0, 100))
def test_any_percentile_matches_the_benchmarks_linear_interpolation(values, q):
    assert percentile(values, q) == pytest.approx(float(np.percentile(values, q)), rel=1e-9, abs=1e-6)


def test_hand_made_values():
    assert percentile([10.0, 20.0, 30.0, 40.0], 50) == 25.0
    assert percentile([40.0, 10.0, 30.0, 20.0], 0) == 10.0  # order of the input does not matter
    assert percentile([10.0, 20.0, 30.0, 40.0], 100) == 40.0
    assert percentile([7.0], 95) == 7.0
    assert math.isnan(percentile([], 50))


def test_the_benchmarks_summary_uses_it():
    s = summary_ms([1.0, 2.0, 3.0, 4.0, 100.0])
    assert s["p50_ms"] == 3.0 and s["p95_ms"] == 80.8  # 4 + (100 - 4) * 0.8
