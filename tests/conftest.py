"""Shared fixtures. Every test runs with its data folder in a temp dir and no LLM configured, the
way a new user starts; tests that want an LLM set it up through the same settings a user would."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from rag import apply_env_defaults

apply_env_defaults()

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"


def real_texts() -> list[str]:
    """Real text for tests that compare two ways of parsing: every paragraph of the shipped
    articles, and every claim of the judge's labelled and blind sets with its passage(s), each once."""
    texts = []
    for path in sorted(CORPUS.glob("*.txt")):
        texts += [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    for path in sorted((REPO / "evals").glob("judge_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                case = json.loads(line)
                passage = case["passage"]  # one passage, or the several a claim cites
                texts += [case["claim"], *(passage if isinstance(passage, list) else [passage])]
    return list(dict.fromkeys(texts))
_ENV = ("OPENAI_API_KEY", "OPENAI_BASE_URL")


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory) -> Path:
    """One model cache for the session, like one machine's: the ONNX export is made once, by the
    first index built, as `rag index` makes it for a user."""
    return tmp_path_factory.mktemp("model-cache")


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch, model_cache):
    """No test writes into the repo or the home folder, and none sees the developer's LLM."""
    for name in list(os.environ):
        if name.startswith("RAG_") or name in _ENV:
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("RAG_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("RAG_CORPUS_DIR", str(CORPUS))
    monkeypatch.setenv("RAG_MODEL_CACHE", str(model_cache))
    monkeypatch.chdir(tmp_path)  # a stray relative path lands in tmp, and no .env is read
    yield


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory, model_cache) -> Path:
    """The shipped corpus, indexed once per test session."""
    from rag import build_index
    from rag.config import Settings

    data = tmp_path_factory.mktemp("shared-index")
    build_index(Settings(data_dir=data, corpus_dir=CORPUS, model_cache=model_cache))
    return data


@pytest.fixture
def settings(index_dir, model_cache):
    """Settings for querying the shared index (read-only; do not re-index through it)."""
    from rag.config import Settings

    return Settings(data_dir=index_dir, corpus_dir=CORPUS, model_cache=model_cache)


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the corpus, for tests that add, change or delete articles."""
    dst = tmp_path / "corpus"
    shutil.copytree(CORPUS, dst)
    return dst
