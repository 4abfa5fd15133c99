"""What happens when someone uses the app: ask (streaming), vote, open an article, re-index, call
the API. Every library error becomes a message in the chat; nothing here raises at a user.

Per-browser-session state is one dict, `answers`: the chat message index of each finished answer
-> that Answer as a dict. The [n] markers, the sources panel, the article view and the feedback
all look answers up by that index (the "turn")."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from html import escape
from typing import Any

import gradio as gr

import rag
from rag import Answer, RagError, Settings, record_feedback

from . import render

log = logging.getLogger(__name__)

NO_LLM = (
    "No LLM is connected, so the openai backend cannot answer. Choose the extractive backend, or set "
    "OPENAI_BASE_URL (e.g. http://127.0.0.1:11434/v1 for a local Ollama) and restart the app."
)
UNEXPECTED = "Something went wrong on our side ({name}). The app is still running: please try again."


def api_result(answer: Answer) -> dict[str, Any]:
    """The JSON the `/ask` endpoint returns."""
    return {
        "question": answer.question,
        "answer": answer.answer,
        "short_answer": answer.short_answer,
        "disagreement": answer.disagreement,
        "claims": [c.model_dump() for c in answer.claims],
        "abstained": answer.abstained,
        "abstain_reason": answer.abstain_reason,
        "unanswered": answer.unanswered,
        "backend": answer.backend,
        "fallback": answer.fallback,
        "rewritten_question": answer.rewritten_question,
        "sources": answer.sources,
        "citations": [
            {"n": c.n, "source": c.source, "title": c.title, "date": c.date, "outlet": c.outlet, "url": c.url,
             "text": c.text, "score": c.score, "chunk_id": c.chunk_id,
             "also_in": [x.model_dump() for x in c.also_in]}
            for c in answer.citations
        ],
    }


def _vote(liked: object) -> str | None:
    if liked is True or liked == "Like":
        return "up"
    if liked is False or liked == "Dislike":
        return "down"
    return None  # a vote withdrawn, or an option we do not know


class Handlers:
    """The app's event handlers, bound to one Settings."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    # -- chat -------------------------------------------------------------------------------

    def respond(
        self, question: str, chat: list | None, answers: dict | None, backend: str, top_k: float,
        since: str = "", until: str = "", outlets: list[str] | None = None, as_of: str = "",
    ) -> Iterator[tuple]:
        """Stream an answer into the chat, from the articles in the date range and outlets chosen.
        Yields (textbox, chat, answers, sources, tabs); each yield is a new list (messages are
        replaced, never edited in place)."""
        chat = list(chat or [])
        answers = dict(answers or {})
        question = question if isinstance(question, str) else ""
        if question.strip():
            chat.append({"role": "user", "content": escape(question)})
        turn = len(chat)  # the index of the answer's message
        chat.append({"role": "assistant", "content": render.PENDING})
        yield "", list(chat), answers, gr.update(), gr.Tabs(selected="sources")

        def say(content: str, sources: Any = None) -> tuple:
            chat[-1] = {"role": "assistant", "content": content}
            return gr.update(), list(chat), answers, gr.update() if sources is None else sources, gr.update()

        if backend == "openai" and not self.settings.llm_configured:
            yield say(render.error_message(NO_LLM))
            return
        history = [(a["question"], a["answer"]) for _, a in sorted(answers.items())]
        text = ""
        try:
            answer = rag.stream(question, history=history, top_k=int(top_k), backend=backend, since=since or None,
                                until=until or None, outlets=list(outlets or []) or None, as_of=as_of or None,
                                settings=self.settings)
            for piece in answer:
                text += piece
                yield say(render.streaming_message(text))
            final = answer.answer
        except RagError as e:
            yield say(render.error_message(str(e)))
            return
        except Exception as e:  # noqa: BLE001 - the last line of defence: no traceback in the chat
            log.exception("answering %r failed", question[:200])
            yield say(render.error_message(UNEXPECTED.format(name=type(e).__name__)))
            return
        answers[turn] = final.model_dump()
        yield say(render.answer_message(final, turn), render.sources_panel(final, turn))

    def clear(self) -> tuple:
        """The chat's clear button: forget the answers too, so follow-ups start afresh."""
        return {}, render.sources_panel(None, None), render.ARTICLE_EMPTY

    def show_turn(self, answers: dict | None, evt: gr.SelectData) -> tuple:
        """A click on a message (or on one of its [n] markers) shows that answer's sources."""
        answers = answers or {}
        index = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        turn = index if index in answers else index + 1 if (index + 1) in answers else None
        if turn is None:
            return gr.update(), gr.update()
        return render.sources_panel(Answer.model_validate(answers[turn]), turn), gr.Tabs(selected="sources")

    # -- sources and articles ---------------------------------------------------------------

    def article_for(self, source: str, passage: str = "", label: str = "", quoted: list[str] | None = None) -> str:
        """The article view for `source`. Only rag.article_text() is asked, and it knows only the
        indexed articles, so a request for "../pyproject.toml" or any other path gets a refusal."""
        try:
            found = rag.article_text(source, self.settings) if isinstance(source, str) else None
        except RagError as e:
            return render.error_message(str(e))
        return render.article_view(found, source, passage, label, quoted)

    def open_article(self, answers: dict | None, evt: gr.EventData) -> tuple:
        """A source card's "read the whole article" button."""
        try:
            answer = Answer.model_validate((answers or {})[int(evt.turn)])
            cite = next(c for c in answer.citations if c.n == int(evt.n))
        except (KeyError, StopIteration, AttributeError, TypeError, ValueError):
            return render.error_message("That source is no longer available; ask again."), gr.Tabs(selected="article")
        if answer.abstained:
            label, quoted = f"nearest {answer.citations.index(cite) + 1}", []
        else:
            label, quoted = f"[{cite.n}]", render.quoted_by_marker(answer.answer).get(cite.n, [])
        return self.article_for(cite.source, cite.text, label, quoted), gr.Tabs(selected="article")

    # -- feedback ---------------------------------------------------------------------------

    def like(self, answers: dict | None, evt: gr.LikeData) -> None:
        """Thumbs up/down on an answer -> one line in <data_dir>/feedback.jsonl."""
        index = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        answer = (answers or {}).get(index)
        vote = _vote(evt.liked)
        if answer is None or vote is None:
            return
        record = {
            "vote": vote,
            "question": answer["question"],
            "rewritten_question": answer.get("rewritten_question"),
            "answer": answer["answer"],
            "abstained": answer["abstained"],
            "backend": answer["backend"],
            "fallback": answer.get("fallback", False),
            "citations": [{"n": c["n"], "source": c["source"], "chunk_id": c["chunk_id"], "text": c["text"]}
                          for c in answer["citations"]],
        }
        try:
            record_feedback(self.settings, record)
        except OSError as e:
            gr.Warning(f"Your vote could not be saved: {e}")
            return
        gr.Info("Thanks, your feedback was saved.")

    # -- index ------------------------------------------------------------------------------

    def outlets(self) -> list[str]:
        """The outlets the index names, for the filter's choices."""
        try:
            return rag.index_status(self.settings).outlets
        except RagError:
            return []

    def status(self) -> str:
        try:
            return render.status_line(rag.index_status(self.settings))
        except RagError as e:
            return f"**Index:** unavailable: {escape(str(e))}"

    def reindex(self, progress=gr.Progress()) -> str:  # noqa: B008 - Gradio's documented idiom
        """Bring the index in line with the corpus folder, showing progress."""
        progress(0, desc="Checking the corpus for changes…")

        def on_progress(done: int, total: int) -> None:
            progress(done / max(total, 1), desc=f"Embedding passages {done}/{total}")

        try:
            report = rag.build_index(self.settings, on_progress=on_progress)
        except RagError as e:
            gr.Warning(str(e))
            return self.status() + f" · re-index failed: {escape(str(e))}"
        skipped = "".join(f"\n- skipped {escape(str(s))}" for s in report.skipped)
        return self.status() + f" · re-indexed: {escape(report.summary())}" + skipped

    # -- API --------------------------------------------------------------------------------

    def ask(self, question: str, since: str = "", until: str = "", outlets: str = "", as_of: str = "") -> dict[str, Any]:
        """Answer a question from the corpus: the answer text with [n] markers, whether it
        abstained, the backend, and the citations (n, source, title, outlet, date, text, score,
        and the other articles that carry the passage). Optional filters: `since` and `until`
        (dates such as 2022-07-01) and `outlets` (comma-separated); `as_of`, the day "this week"
        counts from (default today). Each answer sentence comes with its check against its sources
        (`claims`)."""
        try:
            return api_result(rag.query(question, since=since or None, until=until or None, as_of=as_of or None,
                                        outlets=[o for o in outlets.split(",") if o.strip()] or None,
                                        settings=self.settings))
        except RagError as e:
            raise gr.Error(escape(str(e)), print_exception=False) from None
        except Exception as e:  # noqa: BLE001
            log.exception("API /ask failed")
            raise gr.Error(UNEXPECTED.format(name=type(e).__name__), print_exception=False) from None
