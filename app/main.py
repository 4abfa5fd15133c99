"""The Gradio chat app: `build_app(settings)` lays it out and wires the events; `serve()` runs it.

    rag app [--host 127.0.0.1] [--port 7860]      # RAG_APP_AUTH=user:password turns on basic auth

Layout: a top bar (index status and re-index; backend and top-k), the note on connecting an LLM
when none is, then the chat on the left and, on the right, tabs for the sources of the selected
answer and the article view. Analytics and telemetry are switched off in app/__init__.py
(rag.apply_env_defaults())."""

from __future__ import annotations

import gradio as gr

import rag
from rag import Settings

from . import render
from .assets import ARTICLE_JS, SOURCES_JS
from .handlers import Handlers
from .server import make_server, parse_auth

EXAMPLES = [
    "What did Jenny Town of the Stimson Center say?",
    "What did Kim Jong Un say about the US offer of talks?",
    "Who won the 2018 World Cup?",
]
CONCURRENCY = 8  # answers computed at once; more wait in Gradio's queue


def build_app(settings: Settings) -> gr.Blocks:
    """The chat UI and the `/ask` API endpoint, bound to `settings`."""
    h = Handlers(settings)
    with gr.Blocks(title="Ask the news archive", analytics_enabled=False) as demo:
        answers = gr.State({})
        gr.Markdown(
            "# Ask the news archive\nAnswers come only from the indexed articles. Every "
            "sentence cites a passage: click its **[n]** to see it on the right.",
            elem_id="app-title",
        )
        with gr.Row(elem_id="toolbar"):
            with gr.Column(scale=3, min_width=300):
                status = gr.Markdown(h.status(), elem_id="status-line")
                reindex = gr.Button("Re-index corpus", size="sm", variant="secondary", elem_id="reindex")
            backend = gr.Radio(
                ["extractive", "openai"], value=settings.resolved_backend, label="Backend", scale=2,
                info="extractive quotes the articles; openai asks the LLM at OPENAI_BASE_URL",
            )
            top_k = gr.Slider(1, 20, value=settings.top_k, step=1, label="Passages (top-k)", scale=2,
                              info="passages retrieved per question")
        since, until, outlets, as_of = _filters(h)
        if not settings.llm_configured:
            gr.Markdown(render.LLM_HINT, elem_id="llm-note")

        with gr.Row():
            with gr.Column(scale=3, min_width=420):
                chatbot = gr.Chatbot(
                    label="Chat",
                    show_label=False,
                    height=520,
                    group_consecutive_messages=False,
                    elem_id="chat",
                    placeholder="Ask a question about the articles. The answer streams here; its "
                    "sources appear on the right.",
                    feedback_options=("Like", "Dislike"),
                    buttons=["copy"],
                    latex_delimiters=[],
                )
                with gr.Row():
                    question = gr.Textbox(
                        placeholder="Ask about the articles, e.g. What did Jenny Town say?  (Enter to send)",
                        show_label=False, scale=5, lines=1, max_lines=4, autofocus=True, elem_id="question",
                    )
                    send = gr.Button("Ask", variant="primary", scale=1, min_width=90)
                gr.Examples(EXAMPLES, inputs=question, label="Try")
            with gr.Column(scale=2, min_width=360):
                with gr.Tabs(selected="sources") as tabs:
                    with gr.Tab("Sources", id="sources"):
                        sources = gr.HTML(render.sources_panel(None, None), js_on_load=SOURCES_JS,
                                          elem_id="sources", max_height=720)
                    with gr.Tab("Article", id="article"):
                        article = gr.HTML(render.ARTICLE_EMPTY, js_on_load=ARTICLE_JS, elem_id="article")

        chat_io = dict(
            fn=h.respond,
            inputs=[question, chatbot, answers, backend, top_k, since, until, outlets, as_of],
            outputs=[question, chatbot, answers, sources, tabs],
            api_visibility="private",
            show_progress="hidden",
        )
        question.submit(**chat_io)
        send.click(**chat_io)
        chatbot.select(h.show_turn, [answers], [sources, tabs], api_visibility="private", show_progress="hidden")
        chatbot.clear(h.clear, None, [answers, sources, article], api_visibility="private")
        chatbot.like(h.like, [answers], None, api_visibility="private", show_progress="hidden")
        sources.click(h.open_article, [answers], [article, tabs], api_visibility="private", show_progress="hidden")
        reindex.click(h.reindex, None, status, api_visibility="private", concurrency_limit=1).then(
            lambda: gr.Dropdown(choices=h.outlets()), None, outlets, api_visibility="private")
        demo.load(h.status, None, status, api_visibility="private", show_progress="hidden")
        gr.api(h.ask, api_name="ask")
    demo.queue(default_concurrency_limit=CONCURRENCY)
    return demo


def _filters(h: Handlers) -> tuple:
    """The date range and outlet choice that limit which articles answer."""
    with gr.Row(elem_id="filters"):
        since = gr.Textbox(label="Published since", placeholder="e.g. 2022-07-01", scale=1, elem_id="since")
        until = gr.Textbox(label="Published until", placeholder="e.g. 2022-07-31", scale=1, elem_id="until")
        outlets = gr.Dropdown(h.outlets(), multiselect=True, label="Outlets", scale=3, elem_id="outlets",
                              info="none chosen = every outlet; a date range leaves undated articles out")
        as_of = gr.Textbox(label="As of", placeholder="today", scale=1, elem_id="as-of",
                           info="the day 'this week' or 'latest' in a question counts from")
    return since, until, outlets, as_of


def warm_up(settings: Settings) -> None:
    """Load the embedding model and the retriever now, so the first question is not the slow one."""
    try:
        rag.query("What happened?", backend="extractive", settings=settings)
    except rag.RagError:
        pass  # the first real question will report whatever is wrong


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Index the corpus if the index is empty, print the URL, and serve until interrupted."""
    auth = parse_auth(settings.app_auth) if settings.app_auth else None  # fail before indexing
    if rag.index_status(settings).documents == 0:
        print(f"Indexing {settings.corpus_dir} (first run)…", flush=True)
        print(rag.build_index(settings).summary(), flush=True)
    warm_up(settings)
    server = make_server(build_app(settings), settings, host, port)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    print(f"Serving the chat app at http://{shown}:{port}" + (f" (basic auth: user {auth[0]})" if auth else ""),
          flush=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: listening on {host}, so other machines can reach the app"
              + ("" if auth else "; set RAG_APP_AUTH=user:password to require a login"), flush=True)
    server.run()
