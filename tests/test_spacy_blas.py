"""spaCy's matrix products on numpy's BLAS (rag/nlp.py), held to one thread where the project owns
the process (rag/config.py, rag/pipeline.py): the same annotations as with thinc's BLIS."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor

import pytest
from blas_probe import blas_threads, threads_and_a_parse
from conftest import real_texts
from thinc.backends.numpy_ops import NumpyOps
from threadpoolctl import threadpool_limits

from rag import apply_env_defaults, pipeline
from rag.nlp import DEFAULT_MODEL, _import_spacy, load


def _annotations(nlp, texts: list[str]) -> list[tuple]:
    return [
        (t.text, t.tag_, t.dep_, t.head.i, t.ent_type_, t.ent_iob_, t.lemma_)
        for doc in nlp.pipe(texts)
        for t in doc
    ]


def _ops(nlp) -> list:
    return [n.ops for _, c in nlp.pipeline if hasattr(getattr(c, "model", None), "walk") for n in c.model.walk()]


def test_the_loaded_pipeline_multiplies_on_numpy_and_annotates_as_with_blis():
    ours = load()
    assert _ops(ours) and all(isinstance(o, NumpyOps) and not o.use_blis for o in _ops(ours))
    plain = _import_spacy().load(DEFAULT_MODEL)  # as spaCy loads it: BLIS
    assert all(o.use_blis for o in _ops(plain))
    texts = real_texts()
    got, want = _annotations(ours, texts), _annotations(plain, texts)
    assert len(want) > 25_000
    assert got == want


def _blas_threads() -> int:
    return blas_threads()[0]


@pytest.fixture
def two_blas_threads():
    """numpy's BLAS on two threads for the test, as OpenBLAS starts on this machine."""
    with threadpool_limits(2, user_api="blas"):
        if _blas_threads() != 2:
            pytest.skip("numpy's BLAS here cannot run two threads")
        yield


def test_an_entry_point_holds_numpy_to_one_blas_thread(two_blas_threads, monkeypatch):
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    apply_env_defaults()
    assert _blas_threads() == 1
    # a user's own setting wins, and one that is not a number is left to OpenBLAS
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "2")
    apply_env_defaults()
    assert _blas_threads() == 2
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "auto")
    apply_env_defaults()
    assert _blas_threads() == 2


@pytest.mark.subprocess
def test_a_new_process_that_imported_rag_first_is_held_to_one_blas_thread():
    """As in the CLI: importing `rag` loads numpy before the entry point sets any default, and
    OpenBLAS reads its variable only then, so the limit must reach the loaded library itself."""
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    code = (
        "import rag.cli, numpy; from rag import apply_env_defaults; apply_env_defaults(); "
        "from threadpoolctl import threadpool_info; "
        "print([i['num_threads'] for i in threadpool_info() if i['user_api'] == 'blas'])"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == [1]


@pytest.mark.subprocess
def test_the_annotation_worker_parses_on_one_blas_thread(monkeypatch):
    """The worker holds its BLAS to one thread whatever its environment says: its core is the one
    the embedding model leaves it."""
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "2")
    text = "Kim Jong-un dismissed the US offer of talks on Tuesday, state media said."
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                             initializer=pipeline._worker_init, initargs=(DEFAULT_MODEL,)) as pool:
        threads, annotation = pool.submit(threads_and_a_parse, text).result(timeout=300)
    assert threads == [1]
    assert annotation == pipeline.annotate_json([text], load())[0]
