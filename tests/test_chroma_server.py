"""Server mode: a real `chroma run` on 127.0.0.1 (a free port, a temp folder), reached through
RAG_CHROMA_URL the way a user would set it. Indexing (full, incremental, rebuild) and answering go
through the server; nothing is written to the embedded store."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from rag import build_index, query
from rag.config import Settings

STARTUP_SECONDS = 60


def _chroma_cli() -> str | None:
    beside = Path(sys.executable).parent / "chroma"  # the venv's own CLI, not another install's
    return str(beside) if beside.exists() else shutil.which("chroma")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _heartbeat(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2) as r:
            return r.status == 200 and any("heartbeat" in k for k in json.loads(r.read()))
    except (OSError, ValueError):
        return False


@pytest.fixture
def chroma_server(tmp_path):
    """A Chroma server for this test alone, stopped at the end whatever happens."""
    cli = _chroma_cli()
    if cli is None:
        pytest.skip("the `chroma` command is not installed (it comes with the chromadb package)")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(tmp_path / "chroma.log", "wb")
    proc = subprocess.Popen(
        [cli, "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        start_new_session=True,  # its own process group, so stopping it stops everything it started
    )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not _heartbeat(url):
            if proc.poll() is not None:
                pytest.fail(f"chroma run exited with {proc.returncode}: {(tmp_path / 'chroma.log').read_text()[-2000:]}")
            if time.monotonic() > deadline:
                pytest.fail(f"chroma run gave no heartbeat within {STARTUP_SECONDS} s")
            time.sleep(0.2)
        yield url
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        log.close()


@pytest.mark.slow
def test_index_and_answer_through_a_chroma_server(chroma_server, corpus_copy, monkeypatch, tmp_path):
    monkeypatch.setenv("RAG_CHROMA_URL", chroma_server)
    monkeypatch.setenv("RAG_CORPUS_DIR", str(corpus_copy))
    settings = Settings()
    assert settings.chroma_url == chroma_server

    first = build_index(settings)
    assert (first.added, first.changed, first.removed, first.unchanged) == (5, 0, 0, 0)
    assert first.chunks == first.embedded > 0

    a = query("What did Jenny Town of the Stimson Center say?", settings=settings)
    assert not a.abstained, a.abstain_reason
    assert a.backend == "extractive"
    assert a.citations[0].source == "002_fd51fa255f66e0e6.txt"

    again = build_index(settings)
    assert (again.added, again.changed, again.removed, again.unchanged) == (0, 0, 0, 5)
    assert again.embedded == 0 and again.chunks == first.chunks

    # Incremental: one article changed, one deleted.
    changed = corpus_copy / "003_312a607395255587.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nA closing line added later.\n", encoding="utf-8")
    (corpus_copy / "001_fbd13b18b25d8e5d.txt").unlink()
    third = build_index(settings)
    assert (third.added, third.changed, third.removed, third.unchanged) == (0, 1, 1, 3)
    assert 0 < third.embedded < first.chunks

    # The answer sees the new index version (its BM25 is rebuilt), and still cites the right file.
    b = query("What did Jenny Town of the Stimson Center say?", settings=settings)
    assert b.citations[0].source == "002_fd51fa255f66e0e6.txt"
    assert all(c.source != "001_fbd13b18b25d8e5d.txt" for c in b.contexts)

    rebuilt = build_index(settings, rebuild=True)
    assert rebuilt.added == 4 and rebuilt.chunks == third.chunks

    # Everything lived on the server: no embedded store was created next to the data folder.
    assert not settings.chroma_path.exists()


def test_a_server_that_is_not_there_is_a_clear_error(monkeypatch):
    from rag.errors import StoreError

    monkeypatch.setenv("RAG_CHROMA_URL", f"http://127.0.0.1:{_free_port()}")
    with pytest.raises(StoreError, match="Chroma server|cannot be read"):
        build_index(Settings())
