"""Run the real app (FastAPI + Gradio + uvicorn, as `rag app` does) on a free 127.0.0.1 port in a
background thread, for the API, auth and browser tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from rag import Settings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_app(settings: Settings, *, warm: bool = True) -> Iterator[str]:
    """Serve the app for `settings`; yields its URL ("http://127.0.0.1:<port>/")."""
    from app.main import build_app, warm_up
    from app.server import make_server

    if warm:
        warm_up(settings)
    port = free_port()
    server = make_server(build_app(settings), settings, "127.0.0.1", port)
    thread = threading.Thread(target=server.run, name="rag-app", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the app server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
