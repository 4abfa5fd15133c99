"""Timing helpers: latency summaries, child processes with their peak memory, and what the machine is."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from evals.stats import percentile

REPO = Path(__file__).resolve().parents[1]
# The benchmarks' own model cache (the ONNX export), so a run neither uses nor fills the user's.
MODEL_CACHE = REPO / "bench" / "out" / "model-cache"


def summary_ms(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50_ms": round(percentile(values, 50), 1),
        "p95_ms": round(percentile(values, 95), 1),
        "max_ms": round(max(values), 1) if values else float("nan"),
    }


def child_env(**extra: str) -> dict[str, str]:
    """The environment a user's process would have (offline, no telemetry), for child runs."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env.update(
        ANONYMIZED_TELEMETRY="False",
        HF_HUB_OFFLINE="1",
        TOKENIZERS_PARALLELISM="false",
        RAG_MODEL_CACHE=str(MODEL_CACHE),
        PYTHONPATH=str(REPO) + os.pathsep + env.get("PYTHONPATH", ""),
    )
    env.update(extra)
    return env


def users_model_cache() -> str:
    """The user's RAG_MODEL_CACHE, else the benchmarks' own (an empty setting would mean the working folder)."""
    return os.environ.get("RAG_MODEL_CACHE") or str(MODEL_CACHE)


@dataclass
class ChildRun:
    seconds: float  # wall time from spawn to exit
    peak_rss_mb: float  # the child's own peak resident memory
    result: dict  # the JSON object the child printed last


def run_child(args: list[str], env: dict[str, str] | None = None, timeout: float = 1800) -> ChildRun:
    """Run `python -m bench.child ARGS` in a new process: wall time, peak RSS, and its JSON.

    The child prints its own peak memory last (see peak_rss_mb)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.child", *args],
        cwd=REPO,
        env=env or child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"bench.child {' '.join(args)} failed ({proc.returncode}):\n{err[-3000:]}")
    lines = [ln for ln in out.splitlines() if ln.startswith("{")]
    result = json.loads(lines[-1]) if lines else {}
    return ChildRun(seconds=seconds, peak_rss_mb=float(result.get("peak_rss_mb", "nan")), result=result)


def peak_rss_mb() -> float:
    """This process's peak resident memory so far: VmHWM, the high-water mark of its own memory
    map. Not ru_maxrss: Linux carries that over fork and exec, so a child started by a big
    parent reports the parent's size."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    """This process's resident memory now (VmRSS)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    versions = {}
    for pkg in ("torch", "sentence-transformers", "transformers", "onnxruntime", "chromadb", "llama-index-core",
                "bm25s"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem_gb, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
    }


def load_average() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def report(prog: str, run: Callable[[], dict]) -> int:
    """Run one benchmark command and print its result as one JSON line, with the load average at
    its start and end, the CPU, the date and the command that produced it (what RESULTS.md cites)."""
    import logging

    logging.basicConfig(level=logging.ERROR)
    start = load_average()
    result = run()
    result.update(load_average_start=start, load_average_end=load_average(), machine=machine()["cpu"],
                  date=time.strftime("%Y-%m-%dT%H:%M:%S%z"), command=f"python -m {prog} " + " ".join(sys.argv[1:]))
    print(json.dumps(result))
    return 0
