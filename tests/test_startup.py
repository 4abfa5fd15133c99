"""What a process that answers loads (issue 14): no torch, no scipy, no spaCy CLI, chromadb without
the overrides package's checks (left switched off) and its registry of embedding functions, and
`rag ask` printing its whole answer before it ends the process early."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import REPO

pytestmark = pytest.mark.subprocess

QUESTION = "What did Jenny Town of the Stimson Center say?"


def _env(settings) -> dict[str, str]:
    return {**os.environ, "RAG_DATA_DIR": str(settings.data_dir), "RAG_MODEL_CACHE": str(settings.model_cache),
            "RAG_BACKEND": "extractive"}


def test_an_answering_process_loads_only_what_answering_needs(settings):
    code = (
        "import json, sys, overrides\n"
        "before = overrides.override\n"
        "import rag\n"
        "a = rag.query(sys.argv[1])\n"
        "print(json.dumps({'answered': not a.abstained, 'modules': sorted(m for m in sys.modules if m in "
        "('torch', 'scipy.sparse', 'spacy.cli', 'typer', 'sentence_transformers', "
        "'chromadb.utils.embedding_functions')),"
        " 'overrides_restored': overrides.override is before, 'chromadb': 'chromadb' in sys.modules}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, QUESTION], env=_env(settings), cwd=REPO, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got == {"answered": True, "modules": [], "overrides_restored": True, "chromadb": True}


def test_rag_ask_prints_the_whole_answer_then_exits(settings):
    out = subprocess.run([sys.executable, "-m", "rag.cli", "ask", QUESTION], env=_env(settings), cwd=REPO,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "Sources:" in out.stdout and out.stdout.rstrip().splitlines()[-1].startswith("answered by: extractive")
    as_json = subprocess.run([sys.executable, "-m", "rag.cli", "ask", "--json", QUESTION], env=_env(settings),
                             cwd=REPO, capture_output=True, text=True, timeout=300)
    assert as_json.returncode == 0 and json.loads(as_json.stdout)["citations"]


def test_the_real_spacy_cli_is_still_there_when_asked_for():
    code = (
        "import sys\n"
        "from rag.nlp import load\n"
        "load()\n"
        "assert 'spacy.cli' not in sys.modules\n"
        "import spacy.cli\n"
        "print(callable(spacy.cli.info), hasattr(spacy.cli, 'download'))\n"
    )
    assert _printed(code) == ["True", "True"]


def test_chromas_registry_of_embedding_functions_is_the_real_one_when_read():
    # chromadb loads with a stand-in for the registry; a collection that names a function still
    # finds it, and a later import gets the real module
    code = (
        "import sys\n"
        "from rag.store import _import_chromadb\n"
        "_import_chromadb()\n"
        "assert 'chromadb.utils.embedding_functions' not in sys.modules\n"
        "from chromadb.api.collection_configuration import known_embedding_functions as seen, "
        "register_embedding_function\n"
        "import chromadb.utils.embedding_functions as real\n"
        "from chromadb.api.types import EmbeddingFunction\n"
        "class Mine(EmbeddingFunction):\n"
        "    @staticmethod\n"
        "    def name(): return 'mine-for-test'\n"
        "register_embedding_function(Mine)\n"
        "print(seen['default'] is real.DefaultEmbeddingFunction, sorted(seen) == sorted(real.known_embedding_functions),"
        " seen['mine-for-test'] is Mine)\n"
    )
    assert _printed(code) == ["True", "True", "True"]


def _printed(code: str) -> list[str]:
    """The words a new Python process running `code` printed."""
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return out.stdout.split()
