"""Serving: the Blocks mounted in a FastAPI app, behind optional HTTP Basic auth, run by uvicorn.

Basic auth is a plain ASGI middleware around everything (page, assets, queue, API, websockets),
rather than Gradio's own login form, so that `curl -u`, browsers and API clients all work the same
way and no route is forgotten."""

from __future__ import annotations

import base64
import binascii
import secrets

import gradio as gr
import uvicorn
from fastapi import FastAPI

from rag import InputError, Settings

from .assets import CSS, HEAD, THEME

REALM = "rag"


def parse_auth(value: str) -> tuple[str, str]:
    """'user:password' -> (user, password); InputError when it does not look like that."""
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise InputError("RAG_APP_AUTH must look like user:password (both non-empty).")
    return user, password


class BasicAuth:
    """ASGI middleware: every HTTP request and websocket needs the right Basic credentials."""

    def __init__(self, app, credentials: tuple[str, str]) -> None:
        self.app = app
        self.expected = ("Basic " + base64.b64encode(":".join(credentials).encode()).decode()).encode()

    def _allowed(self, scope) -> bool:
        got = dict(scope.get("headers") or []).get(b"authorization", b"")
        # Compare the decoded form too, so "basic" in lower case or padding quirks still pass.
        if secrets.compare_digest(got, self.expected):
            return True
        scheme, _, token = got.partition(b" ")
        if scheme.lower() != b"basic":
            return False
        try:
            decoded = base64.b64decode(token.strip(), validate=True)
        except (binascii.Error, ValueError):
            return False
        want = base64.b64decode(self.expected.split(b" ", 1)[1])
        return secrets.compare_digest(decoded, want)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] not in ("http", "websocket") or self._allowed(scope):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        await send({
            "type": "http.response.start",
            "status": 401,
            "headers": [
                (b"www-authenticate", f'Basic realm="{REALM}", charset="UTF-8"'.encode()),
                (b"content-type", b"text/plain; charset=utf-8"),
            ],
        })
        await send({"type": "http.response.body", "body": b"Authentication required.\n"})


def create_server_app(blocks: gr.Blocks, settings: Settings, host: str, port: int) -> FastAPI:
    """The FastAPI app that serves `blocks` at /, with Basic auth when settings.app_auth is set."""
    api = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    if settings.app_auth:
        api.add_middleware(BasicAuth, credentials=parse_auth(settings.app_auth))
    return gr.mount_gradio_app(
        api,
        blocks,
        path="/",
        server_name=host,
        server_port=port,
        footer_links=["api"],
        run_history=False,
        show_error=False,  # handlers turn errors into messages; anything else stays server-side
        ssr_mode=False,
        mcp_server=False,
        theme=THEME,
        css=CSS,
        head=HEAD,
    )


def make_server(blocks: gr.Blocks, settings: Settings, host: str, port: int) -> uvicorn.Server:
    """A uvicorn server for the app (call .run(), or run it in a thread and set .should_exit)."""
    app = create_server_app(blocks, settings, host, port)
    # Open event streams (browsers, API clients) would hold a graceful shutdown forever.
    return uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=3))
