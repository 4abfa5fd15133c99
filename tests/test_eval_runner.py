"""The eval runner end to end on a small gold file against the real index, the reports it writes,
the gates CI uses, and the LLM judge against an OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS
from openai_server import STALL, Behaviour, FakeOpenAIServer

from evals.gold import load_gold
from evals.runner import check_bars, compare, evaluate, summarise
from rag import Settings, make_judge, query, record_feedback

ROWS = [
    {"id": "t-fact", "question": "What did Jenny Town of the Stimson Center say about the North's strategy?",
     "answer": "There's nothing new here.", "sources": ["002_fd51fa255f66e0e6.txt"], "type": "fact",
     "key_facts": ["nothing new here"]},
    {"id": "t-fact2", "question": "Which countries asked for the emergency UN Security Council meeting?",
     "answer": "The United States, France and the United Kingdom.", "sources": ["001_fbd13b18b25d8e5d.txt"],
     "type": "fact", "key_facts": ["France", "United Kingdom"]},
    {"id": "t-unans", "question": "What did Vladimir Putin say about Kim's speech?", "answer": None,
     "sources": [], "type": "unanswerable", "key_facts": []},
]


@pytest.fixture
def small_gold(tmp_path) -> Path:
    p = tmp_path / "gold.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    return p


def test_runner_scores_real_answers(settings, small_gold):
    report = evaluate(load_gold(small_gold), lambda q: query(q, settings=settings), make_judge("offline"))
    s = report["summary"]
    assert s["n"] == 3 and s["errors"] == 0
    assert s["hit_rate"] == 1.0 and s["abstention_accuracy"] == 1.0 and s["false_abstention"] == 0.0
    assert s["faithfulness"] == 1.0  # extractive answers quote their passages
    assert s["answer_correctness"] == 1.0
    rows = {r["id"]: r for r in report["rows"]}
    assert rows["t-unans"]["metrics"]["faithfulness"]["value"] is None  # abstentions are not averaged in
    assert rows["t-fact"]["claims"] and all(c["supported"] for c in rows["t-fact"]["claims"])
    assert s["latency_p50_ms"] > 0
    assert s["by_type"]["fact"]["n"] == 2 and s["by_type"]["unanswerable"]["n"] == 1
    assert s["by_type"]["fact"]["hit_rate"] == 1.0 and s["by_type"]["fact"]["abstention_accuracy"] is None
    assert s["by_type"]["unanswerable"]["abstention_accuracy"] == 1.0 and s["by_type"]["unanswerable"]["hit_rate"] is None


def test_a_failing_question_is_recorded_not_scored(small_gold):
    def ask(q):
        raise RuntimeError("endpoint down")

    report = evaluate(load_gold(small_gold), ask, make_judge("offline"))
    assert report["summary"]["errors"] == 3
    assert report["summary"]["faithfulness"] is None and report["summary"]["hit_rate"] is None


def test_summary_means_each_metric_overall_and_per_type():
    def row(kind: str, ms: float, **values: float | None) -> dict:
        return {"type": kind, "latency_ms": ms, "metrics": {k: {"value": v, "reason": ""} for k, v in values.items()}}

    rows = [row("fact", 10, hit_rate=1.0, answer_accuracy=1.0), row("fact", 30, hit_rate=0.0, answer_accuracy=None),
            row("unanswerable", 20, hit_rate=None, abstention_accuracy=0.0),
            {"type": "fact", "latency_ms": 999, "error": "RuntimeError: down", "metrics": {}}]
    s = summarise(rows)
    assert (s["n"], s["errors"]) == (4, 1)
    assert (s["hit_rate"], s["hit_rate_n"]) == (0.5, 2) and (s["answer_accuracy"], s["answer_accuracy_n"]) == (1.0, 1)
    assert s["faithfulness"] is None and s["faithfulness_n"] == 0
    assert s["latency_p50_ms"] == 20.0 and s["latency_p95_ms"] == 29.0  # the failed question is not timed
    assert s["by_type"]["fact"] == {**s["by_type"]["fact"], "n": 3, "hit_rate": 0.5, "answer_accuracy": 1.0,
                                    "abstention_accuracy": None}
    assert s["by_type"]["unanswerable"]["abstention_accuracy"] == 0.0 and s["by_type"]["unanswerable"]["hit_rate"] is None


def test_bars_and_baseline():
    summary = {"faithfulness": 0.8, "false_abstention": 0.2, "mrr": 0.9, "latency_p50_ms": 100.0}
    assert check_bars(summary, {"faithfulness": 0.9}) == ["faithfulness = 0.8 is below the bar 0.9"]
    assert check_bars(summary, {"false_abstention": 0.1})[0].startswith("false_abstention = 0.2 is above")
    assert check_bars(summary, {"mrr": 0.5, "false_abstention": 0.3}) == []
    assert check_bars(summary, {"latency_p50_ms": 90.0}) == ["latency_p50_ms = 100.0 is above the bar 90.0"]
    assert check_bars(summary, {"answer_accuracy": 0.5}) == ["answer_accuracy: no value to compare with 0.5"]
    cmp = compare(summary, {"faithfulness": 0.95, "false_abstention": 0.1, "mrr": 0.9, "latency_p50_ms": 95.0})
    assert cmp["faithfulness"]["regression"] and cmp["false_abstention"]["regression"]
    assert not cmp["mrr"]["regression"] and not cmp["latency_p50_ms"]["regression"]
    assert compare(summary, {"latency_p50_ms": 80.0})["latency_p50_ms"]["regression"]  # a 25 % rise


@pytest.mark.subprocess
def test_cli_writes_reports_and_gates(index_dir, small_gold, tmp_path):
    env = {**os.environ, "RAG_DATA_DIR": str(index_dir), "RAG_CORPUS_DIR": str(CORPUS)}
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "rag.cli", "eval", "--gold", str(small_gold), "--out", str(out)]
    p = subprocess.run([*cmd, "--fail-under", "hit_rate=0.9"], capture_output=True, text=True, env=env, timeout=300)
    assert p.returncode == 0, p.stderr
    assert "Eval summary" in p.stdout and "Faithfulness" in p.stdout
    report = json.loads((out / "report.json").read_text())
    assert {"n", "faithfulness", "answer_correctness", "citation_precision", "citation_recall", "hit_rate", "mrr",
            "abstention_accuracy", "false_abstention", "latency_p50_ms", "latency_p95_ms"} <= set(report["summary"])
    html = (out / "report.html").read_text()
    assert "<svg" in html and "t-unans" in html
    # self-contained: nothing to fetch when it is opened
    assert not any(x in html for x in ("src=", "<link", "@import", "url(", "http://", "https://"))

    # A bar the run cannot meet fails the command; a worse baseline is marked.
    baseline = tmp_path / "baseline.json"
    report["summary"]["faithfulness"] = 1.5
    baseline.write_text(json.dumps(report))
    p = subprocess.run([*cmd, "--fail-under", "abstention_accuracy=1.01", "--baseline", str(baseline)],
                       capture_output=True, text=True, env=env, timeout=300)
    assert p.returncode == 1
    assert "abstention_accuracy = 1.0 is below the bar 1.01" in p.stderr
    assert "regressions against the baseline: faithfulness" in p.stdout
    assert "regression" in (out / "report.html").read_text()

    p = subprocess.run([*cmd, "--fail-under", "nonsense"], capture_output=True, text=True, env=env, timeout=300)
    assert p.returncode != 0 and "METRIC=VALUE" in p.stderr and "Traceback" not in p.stderr


def test_llm_judge_over_http():
    with FakeOpenAIServer() as server:
        server.enqueue(
            json.dumps({"claims": [{"claim": "Town said nothing new", "supported": True, "evidence": "nothing new here", "reason": "quoted"}]}),
            json.dumps({"claims": [{"claim": "Town works at Brookings", "supported": False, "evidence": "Stimson Center", "reason": "wrong place"}]}),
            "this is not json",
            Behaviour(delay=STALL),
        )
        judge = make_judge("llm", Settings(openai_base_url=server.base_url, openai_api_key="k", llm_model="m",
                                            llm_timeout=5.0))
        passage = ['"There\'s nothing new here," said Jenny Town, a specialist with the Stimson Center.']
        assert judge("Jenny Town said there was nothing new.", passage).supported is True
        assert judge("Jenny Town works at Brookings.", passage).supported is False
        assert judge("Jenny Town said something.", passage).supported is None  # unparseable: a failure
        # A short timeout only for the stalled reply: on the others it would race the server.
        impatient = make_judge("llm", Settings(openai_base_url=server.base_url, openai_api_key="k", llm_model="m",
                                                llm_timeout=1.0))
        timed_out = impatient("Jenny Town said something.", passage)
        assert timed_out.supported is None and "judge failed" in timed_out.reason
        assert "Stimson Center" in server.requests[0]["messages"][-1]["content"]


@pytest.mark.subprocess
def test_from_feedback_turns_thumbs_down_into_candidate_rows(tmp_path):
    s = Settings(data_dir=tmp_path / "d")
    record_feedback(s, {"question": "What did Kim say?", "answer": "Wrong [1]", "vote": "down",
                        "citations": [{"source": "002_fd51fa255f66e0e6.txt", "chunk_id": "x", "text": "t"}]})
    record_feedback(s, {"question": "Who is Jenny Town?", "answer": "Right [1]", "vote": "up", "citations": []})
    out = tmp_path / "out"
    p = subprocess.run([sys.executable, "-m", "rag.cli", "eval", "--from-feedback", str(s.data_dir / "feedback.jsonl"),
                        "--out", str(out)], capture_output=True, text=True, timeout=120,
                       env={**os.environ, "RAG_DATA_DIR": str(s.data_dir)})
    assert p.returncode == 0, p.stderr
    rows = [json.loads(line) for line in (out / "gold_candidates.jsonl").read_text().splitlines()]
    assert [r["question"] for r in rows] == ["What did Kim say?"]
    assert rows[0]["needs_review"] and rows[0]["sources"] == ["002_fd51fa255f66e0e6.txt"]
