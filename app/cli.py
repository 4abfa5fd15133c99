"""`rag app`: registered under the `rag.commands` entry-point group (pyproject.toml), so the
library's CLI finds it without importing the app. Gradio is imported only when the command runs."""

from __future__ import annotations

import click


@click.command(name="app")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; 0.0.0.0 exposes the app.")
@click.option("--port", default=7860, show_default=True, type=int, help="Port to listen on.")
def command(host: str, port: int) -> None:
    """Serve the chat app (indexes the corpus first if needed)."""
    from rag import get_settings

    from .main import serve

    serve(get_settings(), host=host, port=port)
