"""`rag eval` as a user drives it: its help, its usage errors, --from-feedback, and a gold file of
another format (rows with `answerable` and a short answer) over a corpus folder of the user's own."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CORPUS

from rag import Settings, feedback_path, record_feedback
from rag.cli import main

OPTIONS = ("--gold", "--corpus", "--backend", "--judge", "--top-k", "--out", "--baseline", "--fail-under",
           "--from-feedback")
ARTICLES = ("000_6a58d090d41857f6.txt", "003_312a607395255587.txt", "004_4020f4be657a3f1f.txt")
# Questions of our own in the other row format; each answer string stands in its source article.
ROWS = [
    {"id": "q-city", "question": "In which city was the inter-Korean liaison office that North Korea closed?",
     "question_date": "2021-10-01", "answer": "Kaesong", "answerable": True, "sources": [ARTICLES[0]]},
    {"id": "q-month", "question": "In which month did the joint military exercises that soured relations take place?",
     "question_date": "2021-10-01", "answer": "August", "answerable": True, "sources": [ARTICLES[1]]},
    {"id": "q-era", "question": "What did Kim Jong-un say the satellite launch heralded?",
     "question_date": "2023-11-24", "answer": "new era of space power", "answerable": True, "sources": [ARTICLES[2]]},
    {"id": "q-none", "question": "What did Vladimir Putin say about Kim's speech?",
     "question_date": "2021-10-01", "answer": "It was historic", "answerable": False, "sources": []},
]


def rag_eval(*args: str):
    return CliRunner().invoke(main, ["eval", *args])


def test_help_lists_every_option_with_its_help():
    result = rag_eval("--help")
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines() if line.strip().startswith("--")}
    for option in OPTIONS:
        assert option in lines and len(lines[option].split()) > 2, f"{option} has no help"
    assert "eval-corpora" in result.output and "answer_accuracy" in result.output


def test_listing_rag_commands_does_not_load_the_eval_machinery():
    code = ("import sys, evals.cli; print(sorted(m for m in ('torch', 'chromadb', 'tqdm', 'rich', 'evals.report')"
            " if m in sys.modules))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0 and p.stdout.strip() == "[]", p.stdout + p.stderr


@pytest.mark.parametrize("args, says", [
    (["--fail-under", "nonsense"], "METRIC=VALUE"),
    (["--fail-under", "faithfulness=high"], "'high' is not a number"),
    (["--top-k", "0"], "--top-k"),
    (["--gold", "no-such-file.jsonl"], "--gold"),
    (["--judge", "llm"], "needs an OpenAI-compatible endpoint"),
])
def test_bad_values_are_usage_errors(args, says):
    result = rag_eval(*args)
    assert result.exit_code == 2 and says in result.output and "Usage: " in result.output


def test_a_malformed_gold_file_or_baseline_is_named_with_its_line(tmp_path):
    bad = tmp_path / "gold.jsonl"
    bad.write_text(json.dumps(ROWS[0]) + "\n" + '{"id": "x", "question": "Why?"}\n', encoding="utf-8")
    result = rag_eval("--gold", str(bad))
    assert result.exit_code == 2 and "line 2" in result.output and "answerable" in result.output
    result = rag_eval("--baseline", str(bad))
    assert result.exit_code == 2 and "is not a report.json" in result.output


def test_from_feedback_without_a_file_reads_the_data_folders_feedback(tmp_path):
    settings = Settings()  # the data folder the command will use: RAG_DATA_DIR from the test fixture
    record_feedback(settings, {"question": "What did Kim say?", "answer": "Wrong [1]", "vote": "down", "citations": []})
    assert feedback_path(settings).is_file()
    result = rag_eval("--from-feedback", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in (tmp_path / "out" / "gold_candidates.jsonl").read_text().splitlines()]
    assert [r["question"] for r in rows] == ["What did Kim say?"]


@pytest.fixture
def own_corpus(tmp_path) -> Path:
    folder = tmp_path / "my archive"
    folder.mkdir()
    for name in ARTICLES:
        shutil.copy(CORPUS / name, folder / name)
    return folder


def test_any_gold_set_on_any_corpus(tmp_path, own_corpus):
    for row in ROWS[:3]:  # the gold rows are true to the articles they name
        assert row["answer"].lower() in (own_corpus / row["sources"][0]).read_text(encoding="utf-8").lower()
    gold = tmp_path / "questions.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    data_dir = Settings().data_dir
    out = tmp_path / "out"

    result = rag_eval("--gold", str(gold), "--corpus", str(own_corpus), "--out", str(out), "--fail-under",
                      "answer_accuracy=1.0")
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text())
    s = report["summary"]
    assert (s["n"], s["errors"]) == (4, 0)
    assert (s["answer_accuracy"], s["answer_accuracy_n"]) == (1.0, 3)
    assert (s["abstention_accuracy"], s["abstention_accuracy_n"]) == (1.0, 1) and s["false_abstention"] == 0.0
    assert s["hit_rate"] == 1.0 and s["faithfulness"] == 1.0
    assert s["answer_correctness"] is None and s["answer_correctness_n"] == 0  # no key facts in these rows
    assert s["by_type"]["fact"]["n"] == 3 and s["by_type"]["fact"]["answer_accuracy"] == 1.0
    assert s["by_type"]["unanswerable"] == {**s["by_type"]["unanswerable"], "n": 1, "abstention_accuracy": 1.0,
                                            "answer_accuracy": None}
    rows = {r["id"]: r for r in report["rows"]}
    assert rows["q-era"]["question_date"] == "2023-11-24"
    assert {c["source"] for r in report["rows"] for c in r["answer"]["contexts"]} <= set(ARTICLES)
    assert "Answer accuracy" in result.output and "unanswerable" in result.output
    assert "By question type" in (out / "report.html").read_text()

    # Indexed in a folder of its own; the default data folder holds no index of its own.
    digest = hashlib.sha256(str(own_corpus.resolve()).encode()).hexdigest()[:8]
    assert (data_dir / "eval-corpora" / f"my archive-{digest}" / "chroma").is_dir()
    assert sorted(p.name for p in data_dir.iterdir()) == ["eval-corpora"]
    assert report["meta"]["corpus"] == str(own_corpus.resolve())

    # A second run embeds nothing again.
    again = rag_eval("--gold", str(gold), "--corpus", str(own_corpus), "--out", str(out))
    assert again.exit_code == 0, again.output
    assert "3 unchanged" in again.output and "(0 embedded)" in again.output
