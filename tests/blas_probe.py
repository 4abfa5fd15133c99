"""Run in the index's annotation worker by tests/test_spacy_blas.py. Kept apart from the tests so
that unpickling it there imports nothing that sets up a test process (conftest's defaults would
set the worker's BLAS threads themselves)."""

from __future__ import annotations

from threadpoolctl import threadpool_info

from rag import pipeline


def blas_threads() -> list[int]:
    """The thread count of each BLAS library this process has loaded."""
    return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]


def threads_and_a_parse(text: str) -> tuple[list[int], str]:
    """The worker's BLAS thread counts, and its annotation of `text`."""
    return blas_threads(), pipeline.annotate_json([text], pipeline._WORKER_NLP)[0]
