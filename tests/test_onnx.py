"""The query side on ONNX Runtime: the export `rag index` makes, the same vectors and rankings as
torch, a process that answers without importing torch, and torch as the fallback when the export
is missing, damaged or impossible. All on the fp32 variant (the int8 one: test_variant.py)."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
from conftest import CORPUS, REPO
from gold_small import ANSWERABLE, UNANSWERABLE

from rag import build_index, query
from rag.config import Settings
from rag.embed import Embedder
from rag.errors import StoreError
from rag.store import open_store

QUESTIONS = [q for q, _ in ANSWERABLE] + list(UNANSWERABLE)


def _gold_questions() -> list[str]:
    from evals.gold import load_gold

    return QUESTIONS + [g.question for g in load_gold()]


@pytest.fixture(scope="module")
def fp32_index(tmp_path_factory, model_cache):
    data = tmp_path_factory.mktemp("fp32-index")
    build_index(Settings(data_dir=data, corpus_dir=CORPUS, model_cache=model_cache, embed_variant="fp32",
                         embed_precision="fp32"))
    return data


@pytest.fixture
def settings(fp32_index, model_cache) -> Settings:
    """This module's index: the shipped corpus embedded with the fp32 model in full precision (what
    ONNX Runtime must reproduce; test_variant.py has passages in bf16)."""
    return Settings(data_dir=fp32_index, corpus_dir=CORPUS, model_cache=model_cache, embed_variant="fp32",
                    embed_precision="fp32")


@pytest.fixture
def embedder(settings) -> Embedder:
    e = Embedder.from_settings(settings)
    assert e.onnx is not None, "building the session index should have exported the model"
    return e


def _exports(model_cache):
    return sorted(p for p in (model_cache / "onnx").glob("*.onnx") if not p.stem.endswith("-int8"))


def test_indexing_exports_the_model_once_per_machine(settings, model_cache):
    (exported,) = _exports(model_cache)
    assert exported.name.startswith("all-MiniLM-L6-v2-")
    meta = json.loads(exported.with_suffix(".json").read_text())
    assert meta["max_seq_length"] == 256 and meta["max_abs_diff"] < 1e-4
    # Another index on the same machine reuses it.
    other = build_index(Settings(data_dir=settings.data_dir.parent / "other-index", corpus_dir=CORPUS,
                                 embed_variant="fp32"))
    assert other.onnx_seconds is None and other.onnx_problem is None
    assert _exports(model_cache) == [exported]


def test_onnx_vectors_equal_torch_vectors(embedder):
    texts = _gold_questions()[:40] + ["ok", "A " + "very long sentence that goes on " * 60]
    got = np.asarray(embedder.encode(texts))
    want = np.asarray(embedder.encode_documents(texts))
    assert got.shape == want.shape == (len(texts), 384)
    assert np.abs(got - want).max() < 1e-5


def test_same_dense_top5_as_torch_on_the_gold_questions(settings, embedder):
    store = open_store(settings, create=False)
    questions = _gold_questions()
    kw = {"n_results": 5, "include": ["distances"]}
    onnx_ids = store.chunks.query(query_embeddings=embedder.encode(questions), **kw)["ids"]
    torch_ids = store.chunks.query(query_embeddings=embedder.encode_documents(questions), **kw)["ids"]
    assert len(onnx_ids) == len(questions) >= 70
    assert onnx_ids == torch_ids


def _answer_in_new_process(settings: Settings, runtime: str) -> dict:
    code = (
        "import json, sys, rag\n"
        "a = rag.query('How many missiles did North Korea launch?')\n"
        "print(json.dumps({'torch': 'torch' in sys.modules, 'ort': 'onnxruntime' in sys.modules,"
        " 'answer': a.answer, 'abstained': a.abstained}))\n"
    )
    env = {
        **__import__("os").environ,
        "RAG_DATA_DIR": str(settings.data_dir),
        "RAG_MODEL_CACHE": str(settings.model_cache),
        "RAG_EMBED_RUNTIME": runtime,
        "RAG_EMBED_VARIANT": "fp32",
    }
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.subprocess
def test_a_query_process_answers_without_importing_torch(settings):
    onnx = _answer_in_new_process(settings, "auto")
    assert onnx["ort"] and not onnx["torch"]
    assert not onnx["abstained"]
    forced = _answer_in_new_process(settings, "torch")  # RAG_EMBED_RUNTIME=torch is honoured
    assert forced["torch"] and not forced["ort"]
    assert forced["answer"] == onnx["answer"]


def test_a_damaged_export_falls_back_to_torch(settings, tmp_path, caplog):
    s = settings.model_copy(update={"model_cache": tmp_path / "cache"})
    e = Embedder.from_settings(s)
    path = e.onnx_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not an onnx model")
    path.with_suffix(".json").write_text(json.dumps({"max_seq_length": 256}))
    assert e.onnx is None
    assert "unusable" in caplog.text
    q = ANSWERABLE[0][0]
    assert e.encode([q]) == e.encode_documents([q]).tolist()  # torch, exactly
    a = query(q, settings=s)
    assert not a.abstained and a.citations[0].source in ANSWERABLE[0][1]


def test_an_export_that_cannot_be_written_leaves_indexing_and_answers_working(tmp_path, corpus_copy):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    s = Settings(data_dir=tmp_path / "data", corpus_dir=corpus_copy, model_cache=blocked, embed_variant="fp32")
    report = build_index(s)
    assert report.embedded > 0 and report.onnx_seconds is None
    assert report.onnx_problem
    a = query(ANSWERABLE[0][0], settings=s)
    assert not a.abstained and a.citations[0].source in ANSWERABLE[0][1]
    # The int8 variant exists only as a copy of the export: indexing with it says what to do.
    with pytest.raises(StoreError, match="RAG_EMBED_VARIANT=fp32"):
        build_index(s.model_copy(update={"embed_variant": "int8"}))


def test_an_export_that_differs_from_torch_is_rejected_and_leaves_nothing(tmp_path, monkeypatch):
    import rag.ort

    monkeypatch.setattr(rag.ort, "MAX_DIFF", -1.0)  # no export can pass: stands in for a mismatch
    e = Embedder.from_settings(Settings(model_cache=tmp_path / "cache", embed_variant="fp32"))
    with pytest.raises(RuntimeError, match="differs from torch"):
        e.ensure_onnx()
    left = sorted(p.name for p in e.onnx_path().parent.iterdir())
    assert left == sorted([e.onnx_path().name + ".lock", e.rejected_path().name])  # no model, no temp file
    assert e.onnx is None
    assert e.ensure_onnx() is False  # remembered: the next process does not export again


def test_a_machine_that_only_answers_exports_on_its_first_question(settings, tmp_path):
    s = settings.model_copy(update={"model_cache": tmp_path / "cache"})  # an index it did not build
    assert not Embedder.from_settings(s).onnx_path().exists()
    a = query(ANSWERABLE[0][0], settings=s)
    assert not a.abstained
    e = Embedder.from_settings(s)
    assert e.onnx_path().exists() and e.onnx is not None


def test_runtime_torch_never_exports(tmp_path, corpus_copy):
    s = Settings(data_dir=tmp_path / "data", corpus_dir=corpus_copy, model_cache=tmp_path / "cache",
                 embed_runtime="torch", embed_variant="fp32")
    report = build_index(s)
    assert report.embedded > 0 and report.onnx_seconds is None and report.onnx_problem is None
    assert not (tmp_path / "cache").exists()
