"""A small version of the load benchmark (bench/load.py): concurrent sessions against the running
app give no errors, the same answers as one user alone, and lose no feedback line."""

from __future__ import annotations

import pytest
from app_server import running_app

from bench.load import gold_questions, run_load


@pytest.mark.slow
def test_concurrent_sessions_match_single_user_answers(settings):
    with running_app(settings) as url:
        report = run_load(url, gold_questions(3), sessions=4, feedback_settings=settings.model_copy(
            update={"data_dir": settings.data_dir / "load-feedback"}))
    assert report["errors"] == 0, report["error_samples"]
    assert report["mismatches"] == 0
    assert report["requests"] == 12
    assert report["feedback_lines"] == report["feedback_written"] == 12


def test_the_same_question_at_once_from_many_threads_gets_one_answer(settings):
    """Retrieval keeps per-question state (the dense scores that survive fusion); concurrent
    askers of the very same question must not take each other's."""
    from concurrent.futures import ThreadPoolExecutor

    from rag import query

    q = "What did Jenny Town of the Stimson Center say?"
    alone = query(q, settings=settings)
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda _: query(q, settings=settings), range(32)))
    assert all(a.answer == alone.answer and not a.abstained for a in answers)
    assert {tuple(c.chunk_id for c in a.citations) for a in answers} == {tuple(c.chunk_id for c in alone.citations)}
