"""Answering speed and memory (issue 14).

    python -m bench.answer_speed cold DATA_DIR [--corpus corpus] [--runs 5] [--question Q]
    python -m bench.answer_speed warm DATA_DIR CORPUS QUESTIONS.jsonl
    python -m bench.answer_speed app DATA_DIR CORPUS QUESTIONS.jsonl [--n 40]

`cold`: `rag ask QUESTION` as a user runs it, a new process each time, timed from spawn to exit;
the median of `--runs` (the index is built, and its BM25 saved, before the clock). `warm`: one
process asks a warm-up question, then each question once (as of its `question_date`, as
`rag eval --as-of question` does), extractive backend with verification on; p50/p95 of the
whole answer and of each step. `app`: `rag app` serving DATA_DIR in a new process, asked N
questions over HTTP; its peak resident memory (VmHWM) and current (VmRSS) at the end."""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .measure import REPO, child_env, report, summary_ms, users_model_cache

RAG = str(Path(sys.executable).with_name("rag"))
QUESTION = "What did Jenny Town of the Stimson Center say?"


def _env(data: Path, corpus: Path) -> dict[str, str]:
    return child_env(RAG_DATA_DIR=str(data), RAG_CORPUS_DIR=str(corpus), RAG_BACKEND="extractive",
                     RAG_MODEL_CACHE=users_model_cache())


def cmd_cold(data: Path, corpus: Path, runs: int, checkout: Path | None, bytecode: bool,
             question: str = QUESTION) -> dict:
    """`python -m rag.cli ask` (what the `rag` script runs) from `checkout`'s rag (default: this one).
    `bytecode`: let Python cache compiled modules as it does by default (this machine's environment
    sets PYTHONDONTWRITEBYTECODE=1, so every process would compile rag's modules again)."""
    env = _env(data, corpus)
    env.pop("PYTHONDONTWRITEBYTECODE", None) if bytecode else env.update(PYTHONDONTWRITEBYTECODE="1")
    where = (checkout or REPO).resolve()
    env["PYTHONPATH"] = str(where)
    rag = [sys.executable, "-m", "rag.cli"]
    subprocess.run([*rag, "index"], env=env, cwd=where, check=True, capture_output=True)
    subprocess.run([*rag, "ask", question], env=env, cwd=where, check=True, capture_output=True)  # BM25 saved
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        out = subprocess.run([*rag, "ask", question], env=env, cwd=where, check=True, capture_output=True, text=True)
        times.append(time.perf_counter() - t)
    return {"question": question, "checkout": str(where), "bytecode_cached": bytecode,
            "runs_s": [round(x, 3) for x in times], "median_s": round(statistics.median(times), 3),
            "answer_tail": out.stdout.splitlines()[-1:]}


def _questions(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def cmd_warm(data: Path, corpus: Path, questions: Path) -> dict:
    from rag import Settings, query

    s = Settings(data_dir=data, corpus_dir=corpus, backend="extractive")
    query("What happened this week?", settings=s)  # warm-up: not one of the questions
    rows = []
    for q in _questions(questions):
        t = time.perf_counter()
        a = query(q["question"], as_of=q.get("question_date"), settings=s)
        rows.append({"ms": (time.perf_counter() - t) * 1000, **a.timings})
    steps = sorted({k for r in rows for k in r if k.endswith("_ms")})
    return {"n": len(rows), "total": summary_ms([r["ms"] for r in rows]),
            "steps_p50_ms": {k: summary_ms([r[k] for r in rows if k in r])["p50_ms"] for k in steps},
            "steps_p95_ms": {k: summary_ms([r[k] for r in rows if k in r])["p95_ms"] for k in steps}}


def _mem(pid: int) -> dict:
    status = Path(f"/proc/{pid}/status").read_text().splitlines()
    get = {ln.split(":")[0]: int(ln.split()[1]) / 1024 for ln in status if ln.startswith(("VmHWM", "VmRSS"))}
    return {"peak_mb": round(get["VmHWM"], 1), "rss_mb": round(get["VmRSS"], 1)}


def cmd_app(data: Path, corpus: Path, questions: Path, n: int) -> dict:
    import socket

    from gradio_client import Client

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([RAG, "app", "--port", str(port)], env=_env(data, corpus), cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        client = None
        deadline = time.monotonic() + 180
        while client is None:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"rag app did not start: {proc.stderr.read()[-2000:]}")
            try:
                client = Client(f"http://127.0.0.1:{port}/", verbose=False)
            except Exception:  # noqa: BLE001 - not listening yet
                time.sleep(0.5)
        started = _mem(proc.pid)
        asked = [q["question"] for q in _questions(questions)][:n]
        for q in asked:
            client.predict(q, api_name="/ask")
        return {"questions": len(asked), "after_start": started, "after_questions": _mem(proc.pid)}
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.answer_speed", description=__doc__)
    ap.add_argument("cmd", choices=["cold", "warm", "app"])
    ap.add_argument("data", type=Path)
    ap.add_argument("corpus", type=Path, nargs="?", default=REPO / "corpus")
    ap.add_argument("questions", type=Path, nargs="?")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--checkout", type=Path, help="cold: run that worktree's rag (e.g. main's)")
    ap.add_argument("--bytecode", action="store_true", help="cold: let Python cache bytecode (its default)")
    ap.add_argument("--question", default=QUESTION, help="cold: the question asked")
    args = ap.parse_args(argv)

    def run() -> dict:
        if args.cmd == "cold":
            return cmd_cold(args.data, args.corpus, args.runs, args.checkout, args.bytecode, args.question)
        if args.cmd == "warm":
            return cmd_warm(args.data, args.corpus, args.questions)
        return cmd_app(args.data, args.corpus, args.questions, args.n)

    return report("bench.answer_speed", run)

if __name__ == "__main__":
    raise SystemExit(main())
