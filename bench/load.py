"""Load: concurrent chat sessions against the running app on 127.0.0.1 (extractive backend).

    python -m bench.load [--sessions 20] [--questions 10]

Starts `rag app` on a free port, asks every question once alone (the reference answers), then runs
the sessions at once, each a gradio_client of its own asking its questions in turn and voting on
each answer into the feedback log. Reports errors, answers that differ from the single-user ones,
latency p50/p95, and feedback lines written against lines found."""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from evals.stats import percentile

OUT = Path(__file__).with_name("out")


def gold_questions(n: int) -> list[str]:
    from evals.gold import load_gold

    return [g.question for g in load_gold()][:n]


def _key(result: dict[str, Any]) -> tuple:
    """What must not change under load: the text, the abstention and the cited passages."""
    return (result["answer"], result["abstained"], tuple((c["source"], c["chunk_id"]) for c in result["citations"]))


def run_load(url: str, questions: list[str], sessions: int, feedback_settings=None) -> dict[str, Any]:
    """Run `sessions` concurrent clients, each asking every question in `questions` (rotated)."""
    from gradio_client import Client

    from rag.feedback import feedback_path, record_feedback

    solo = Client(url, verbose=False)
    reference = {q: _key(solo.predict(q, api_name="/ask")) for q in questions}
    before = 0
    if feedback_settings is not None and feedback_path(feedback_settings).exists():
        before = len(feedback_path(feedback_settings).read_text(encoding="utf-8").splitlines())

    def session(i: int) -> dict[str, Any]:
        client = Client(url, verbose=False)
        out = {"latencies": [], "errors": [], "mismatches": 0}
        for j in range(len(questions)):
            q = questions[(i + j) % len(questions)]
            t = time.perf_counter()
            try:
                result = client.predict(q, api_name="/ask")
            except Exception as e:  # noqa: BLE001 - counted, the session goes on
                out["errors"].append(f"{type(e).__name__}: {e}")
                continue
            out["latencies"].append((time.perf_counter() - t) * 1000)
            if _key(result) != reference[q]:
                out["mismatches"] += 1
            if feedback_settings is not None:
                record_feedback(feedback_settings, {"question": q, "answer": result["answer"],
                                                    "vote": "up" if j % 2 else "down", "session": i})
        return out

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=sessions) as pool:
        results = list(pool.map(session, range(sessions)))
    wall = time.perf_counter() - t0
    lat = [x for r in results for x in r["latencies"]]
    report = {
        "sessions": sessions,
        "questions_per_session": len(questions),
        "requests": sessions * len(questions),
        "errors": sum(len(r["errors"]) for r in results),
        "error_samples": [e for r in results for e in r["errors"]][:5],
        "mismatches": sum(r["mismatches"] for r in results),
        "latency_p50_ms": round(percentile(lat, 50), 1) if lat else None,
        "latency_p95_ms": round(percentile(lat, 95), 1) if lat else None,
        "wall_s": round(wall, 1),
        "throughput_qps": round(len(lat) / wall, 2) if wall else None,
    }
    if feedback_settings is not None:
        lines = feedback_path(feedback_settings).read_text(encoding="utf-8").splitlines()[before:]
        report["feedback_written"] = len(lat)
        report["feedback_lines"] = sum(1 for line in lines if json.loads(line).get("question"))
    return report


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.load")
    p.add_argument("--sessions", type=int, default=20)
    p.add_argument("--questions", type=int, default=10)
    args = p.parse_args(argv)

    from rag.config import Settings

    data = OUT / "load-data"
    env = {**os.environ, "RAG_BACKEND": "extractive", "RAG_DATA_DIR": str(data),
           "GRADIO_ANALYTICS_ENABLED": "False", "ANONYMIZED_TELEMETRY": "False"}
    env.pop("OPENAI_BASE_URL", None)
    env.pop("OPENAI_API_KEY", None)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    OUT.mkdir(parents=True, exist_ok=True)
    log = open(OUT / "load-app.log", "wb")
    app = subprocess.Popen([sys.executable, "-m", "rag.cli", "app", "--port", str(port)], env=env,
                           stdout=log, stderr=subprocess.STDOUT)
    try:
        import urllib.request

        deadline = time.time() + 300
        while True:
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                if app.poll() is not None or time.time() > deadline:
                    raise SystemExit(f"the app did not start; see {OUT / 'load-app.log'}") from None
                time.sleep(0.5)
        report = run_load(url, gold_questions(args.questions), args.sessions,
                          Settings(data_dir=data, corpus_dir=Path("corpus")))
    finally:
        app.terminate()
        app.wait(timeout=30)
    report["date"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    report["command"] = "python -m bench.load " + " ".join(argv or sys.argv[1:])
    (OUT / "load.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    return 0 if report["errors"] == 0 and report["mismatches"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
