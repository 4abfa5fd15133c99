"""A small version of the load benchmark (bench/load.py): concurrent sessions against the running
app give no errors, the same answers as one user alone, and lose no feedback line."""

from __future__ import annotations

from app_server import running_app
from bench.load import gold_questions, run_load


def test_concurrent_sessions_match_single_user_answers(settings):
    with running_app(settings) as url:
        report = run_load(url, gold_questions(3), sessions=4, feedback_settings=settings.model_copy(
            update={"data_dir": settings.data_dir / "load-feedback"}))
    assert report["errors"] == 0, report["error_samples"]
    assert report["mismatches"] == 0
    assert report["requests"] == 12
    assert report["feedback_lines"] == report["feedback_written"] == 12
