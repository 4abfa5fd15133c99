"""The CLI as a user runs it: a real subprocess, real exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import CORPUS

pytestmark = pytest.mark.subprocess


def rag(*args: str, env: dict | None = None, timeout: float = 180) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "rag.cli", *args], capture_output=True, text=True, env=full_env, timeout=timeout
    )


def no_traceback(p: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in p.stderr and "Traceback" not in p.stdout, p.stderr


@pytest.fixture
def shared(index_dir):
    return {"RAG_DATA_DIR": str(index_dir), "RAG_CORPUS_DIR": str(CORPUS)}


@pytest.mark.parametrize("question", ["", "   ", "x" * 4001, "?!"])
def test_bad_question_exits_2_with_one_line(question, shared):
    p = rag("ask", question, env=shared)
    assert p.returncode == 2
    assert p.stderr.strip().startswith("error: ") and len(p.stderr.strip().splitlines()) == 1
    no_traceback(p)


def test_ask_prints_answer_and_sources(shared):
    p = rag("ask", "What did Jenny Town of the Stimson Center say?", env=shared)
    assert p.returncode == 0, p.stderr
    assert "Jenny Town" in p.stdout
    assert "Sources:" in p.stdout and "[1] 002_fd51fa255f66e0e6.txt — North Korea Dismisses US Calls for Talks" in p.stdout
    assert "    > " in p.stdout  # the quoted passage
    assert "answered by: extractive" in p.stdout
    no_traceback(p)


def test_ask_json(shared):
    p = rag("ask", "Which countries asked for the emergency UN Security Council meeting?", "--json", "--top-k", "3", env=shared)
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    assert data["citations"][0]["source"] == "001_fbd13b18b25d8e5d.txt"
    assert len(data["contexts"]) == 3 and data["backend"] == "extractive" and data["abstained"] is False


def test_ask_says_which_part_of_a_two_part_question_the_articles_do_not_answer(shared):
    p = rag("ask", "Which newspaper quoted Kim calling the US proposals a facade, and what is the range of the "
            "Hwasong-8 missile?", "--backend", "extractive", env=shared)
    assert p.returncode == 0, p.stderr
    assert "Answer: Rodong Sinmun" in p.stdout
    assert "Not in the articles: “What is the range of the Hwasong-8 missile?” (" in p.stdout
    no_traceback(p)


def test_ask_abstains_plainly(shared):
    p = rag("ask", "What did Vladimir Putin say about Kim's speech?", env=shared)
    assert p.returncode == 0
    assert "do not contain the answer" in p.stdout and "Nearest sources" in p.stdout


def test_dead_llm_endpoint_fails_cleanly(shared):
    from openai_server import refused_url

    p = rag("ask", "What did Jenny Town say?", "--backend", "openai",
            env={**shared, "OPENAI_BASE_URL": refused_url(), "RAG_LLM_MAX_RETRIES": "1", "RAG_LLM_TIMEOUT": "2"})
    assert p.returncode == 1
    assert "Cannot reach the LLM" in p.stderr and "1 retries" in p.stderr
    no_traceback(p)


def test_index_summary_and_missing_corpus(tmp_path):
    p = rag("index", "--corpus", str(CORPUS), env={"RAG_DATA_DIR": str(tmp_path / "d")})
    assert p.returncode == 0, p.stderr
    assert "indexed: 5 added, 0 changed, 0 removed, 0 unchanged" in p.stdout
    p = rag("index", "--corpus", str(tmp_path / "missing"), env={"RAG_DATA_DIR": str(tmp_path / "d")})
    assert p.returncode == 2 and "Corpus folder not found" in p.stderr
    no_traceback(p)


def test_bad_option_is_a_usage_error(shared):
    p = rag("ask", "hi", "--top-k", "0", env=shared)
    assert p.returncode == 2
    no_traceback(p)


def test_bad_setting_is_named(shared):
    p = rag("ask", "What did Jenny Town say?", env={**shared, "RAG_TOP_K": "lots"})
    assert p.returncode == 2 and "RAG_TOP_K" in p.stderr
    no_traceback(p)


def test_a_dump_file_is_a_corpus_and_filters_reach_the_sources(tmp_path):
    from rag.corpus import load_corpus

    rows = [{"story_id": f"s{i}", "headline": a.title, "story": a.text, "pub_date": f"2021-09-{25 + i}",
             "url": f"https://www.{'voa' if i == 2 else 'example'}news.com/2021/09/{25 + i}/story-{i}"}
            for i, a in enumerate(load_corpus(CORPUS)[0])]
    dump = tmp_path / "news.jsonl"
    dump.write_text("".join(json.dumps(r) + "\n" for r in rows) + '{"story_id": "cut", "story": "Kim\n', encoding="utf-8")
    env = {"RAG_DATA_DIR": str(tmp_path / "d"), "RAG_CORPUS_DIR": str(dump)}
    p = rag("index", "--corpus", str(dump), "--fields", "id=story_id,text=story,date=pub_date,title=headline", env=env)
    assert p.returncode == 0, p.stderr
    assert "indexed: 5 added" in p.stdout and "skipped news.jsonl line 6: broken JSON" in p.stderr
    p = rag("ask", "What did Jenny Town of the Stimson Center say?", "--outlet", "voanews.com", env=env)
    assert p.returncode == 0, p.stderr
    assert "[1] news.jsonl#s2 — North Korea Dismisses US Calls for Talks (voanews.com, 2021-09-27)" in p.stdout
    p = rag("ask", "What did Jenny Town say?", "--json", "--since", "2021-09-28", env=env)
    data = json.loads(p.stdout)
    assert data["contexts"] and all(c["date"] >= "2021-09-28" for c in data["contexts"])
    assert {"outlet", "url", "also_in"} <= set(data["contexts"][0])
    p = rag("ask", "What did Jenny Town say?", "--since", "2021-10-01", "--until", "2021-09-01", env=env)
    assert p.returncode == 2 and p.stderr.strip() == "error: since (2021-10-01) is after until (2021-09-01): no date is in that range."
    no_traceback(p)
    p = rag("index", "--fields", "body", env=env)
    assert p.returncode == 2 and "RAG_FIELDS" in p.stderr and "not name=column" in p.stderr
    no_traceback(p)
