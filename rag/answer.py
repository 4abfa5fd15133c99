"""The chain: check the question -> retrieve -> decide whether the corpus can answer -> ask the
backend -> parse and check its citations -> Answer."""

from __future__ import annotations

import logging
import re
import threading
import time
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from .backends import Draft, Passage, get_backend
from .config import Settings, get_settings
from .embed import Embedder
from .errors import InputError, LLMError
from .prompts import REFUSAL
from .retrieve import Hit, HybridRetriever
from .text import acronym_terms, coverage, focus_term, key_terms, stems, tokens
from .types import Answer, Citation

log = logging.getLogger(__name__)

NEAREST = 3  # sources listed with an abstention
_MARKER = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")


def clean_question(question: object, settings: Settings) -> str:
    """The question with control characters removed; InputError when nothing usable is left."""
    if not isinstance(question, str):
        raise InputError("The question must be text.")
    if len(question) > settings.max_question_chars:
        raise InputError(
            f"The question is {len(question):,} characters long; the limit is {settings.max_question_chars:,}."
        )
    text = "".join(ch if unicodedata.category(ch)[0] != "C" or ch in "\n\t" else " " for ch in question)
    text = " ".join(text.split())
    if not text:
        raise InputError("The question is empty.")
    if not any(ch.isalnum() for ch in text):
        raise InputError("The question has no words in it.")
    return text


class Engine:
    """What a process keeps warm between questions: the store, the model, the BM25 index."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.embedder = Embedder.from_settings(settings)
        self._retriever: HybridRetriever | None = None
        self._lock = threading.Lock()

    @property
    def retriever(self) -> HybridRetriever:
        with self._lock:
            if self._retriever is None:
                from .index import build_index
                from .store import index_meta, open_store

                store = open_store(self.settings)
                if not index_meta(store):
                    log.warning("no index yet: indexing %s", self.settings.corpus_dir)
                    build_index(self.settings)  # exports the model for ONNX Runtime too
                else:
                    # A machine that only answers (an app replica reading a Chroma server) never
                    # runs `rag index`, so its first process makes the one-time export itself.
                    self.embedder.ensure_onnx_or_warn()
                self._retriever = HybridRetriever(self.settings, store, self.embedder)
            return self._retriever

    def retrieve(self, question: str, top_k: int) -> list[Hit]:
        return self.retriever.retrieve(question, top_k)


@lru_cache(maxsize=8)
def _engine(settings_json: str) -> Engine:
    return Engine(Settings.model_validate_json(settings_json))


def engine_for(settings: Settings) -> Engine:
    return _engine(settings.model_dump_json())


def abstain_reason(question: str, hits: list[Hit], settings: Settings, articles: dict[str, str]) -> str | None:
    """Why the retrieved passages cannot answer the question, or None if they may.

    Names and numbers are looked for in the whole articles the passages come from: a passage
    quoting "Kim" answers a question about "Kim Yo-jong" when its article names her."""
    if not hits:
        return "nothing was retrieved"
    best = max((h.similarity for h in hits if h.similarity is not None), default=0.0)
    if best < settings.min_similarity:
        return f"the best passage is a weak match (similarity {best:.2f} < {settings.min_similarity:.2f})"
    joined = " ".join(h.text + " " + str(h.metadata.get("title", "")) for h in hits)
    present = set(stems(tokens(joined + " " + " ".join(articles.values()))))
    present |= acronym_terms(question, present)
    missing = [t for t in dict.fromkeys(key_terms(question)) if t not in present]
    focus = focus_term(question)
    if focus and focus not in present:
        missing.append(focus)  # "Which rocket ...?" when no article mentions a rocket
    if missing:
        return f"no retrieved article mentions {', '.join(repr(m) for m in missing)}"
    cov = coverage(question, joined)
    if cov < settings.min_coverage:
        return f"the passages hold only {cov:.0%} of the question's terms"
    return None


def _citation(n: int, hit: Hit) -> Citation:
    m = hit.metadata
    return Citation(
        n=n,
        source=str(m.get("source", "")),
        chunk_id=hit.chunk_id,
        text=hit.text,
        score=round(hit.score, 6),
        title=str(m.get("title", "")),
        date=m.get("date") or None,
    )


def resolve_markers(text: str, hits: list[Hit]) -> tuple[str, list[Citation], int]:
    """Renumber [n] markers so [1] is the first cited passage; drop markers naming no passage.

    Returns the new text, the cited passages in marker order, and how many markers were dropped."""
    order: dict[int, int] = {}
    dropped = 0

    def repl(m: re.Match) -> str:
        nonlocal dropped
        out = []
        for raw in re.split(r"\s*[,;]\s*", m.group(1)):
            n = int(raw)
            if not 1 <= n <= len(hits):
                dropped += 1
                continue
            order.setdefault(n, len(order) + 1)
            if f"[{order[n]}]" not in out:
                out.append(f"[{order[n]}]")
        return "".join(out)

    new = _MARKER.sub(repl, text)
    new = re.sub(r"[ \t]+([.,;:!?])", r"\1", re.sub(r"[ \t]{2,}", " ", new)).strip()
    citations = [_citation(new_n, hits[old - 1]) for old, new_n in sorted(order.items(), key=lambda kv: kv[1])]
    return new, citations, dropped


def _run(
    question: object,
    *,
    top_k: int | None,
    backend: str | None,
    settings: Settings | None,
    streaming: bool,
    history: list[tuple[str, str]] | None = None,
) -> Iterator[str | Answer]:
    t0 = time.perf_counter()
    settings = settings or get_settings()
    q = clean_question(question, settings)
    top_k = top_k or settings.top_k
    if not 1 <= top_k <= 50:
        raise InputError(f"top_k must be between 1 and 50, not {top_k}.")
    name = backend or settings.resolved_backend
    eng = engine_for(settings)
    answerer = get_backend(name, settings, eng.embedder)
    timings: dict[str, float] = {}

    search_q = q
    if history:
        from .rewrite import condense

        t = time.perf_counter()
        search_q = condense(q, history, settings, use_llm=name == "openai")
        timings["rewrite_ms"] = (time.perf_counter() - t) * 1000

    t = time.perf_counter()
    hits = eng.retrieve(search_q, top_k)
    timings["retrieve_ms"] = (time.perf_counter() - t) * 1000
    contexts = [_citation(i + 1, h) for i, h in enumerate(hits)]
    base = dict(
        question=q,
        backend=name,
        contexts=contexts,
        rewritten_question=search_q if search_q != q else None,
    )

    def finish(**kw) -> Answer:
        timings["total_ms"] = (time.perf_counter() - t0) * 1000
        return Answer(**{**base, **kw}, timings={k: round(v, 2) for k, v in timings.items()})

    articles = eng.retriever.articles([str(h.metadata.get("source", "")) for h in hits])
    reason = abstain_reason(search_q, hits, settings, articles)
    if reason:
        if streaming:
            yield REFUSAL
        yield finish(answer=REFUSAL, abstained=True, citations=contexts[:NEAREST], abstain_reason=reason)
        return

    passages = [
        Passage(n=i + 1, source=str(h.metadata.get("source", "")), title=str(h.metadata.get("title", "")),
                text=h.text, similarity=h.similarity)
        for i, h in enumerate(hits)
    ]
    t = time.perf_counter()
    fallback = False
    try:
        if streaming:
            draft = None
            raw, sent = "", ""
            for piece in answerer.stream(search_q, passages):
                if isinstance(piece, Draft):
                    draft = piece
                    continue
                # Renumber markers as they stream, so the text a reader watches already uses
                # the final [n]; an unclosed "[" is held back until its "]" arrives.
                raw += piece
                cut = raw.rfind("[")
                text = resolve_markers(raw[:cut] if cut > raw.rfind("]") else raw, hits)[0]
                if text.startswith(sent) and len(text) > len(sent):
                    yield text[len(sent):]
                    sent = text
            assert draft is not None
        else:
            draft = answerer.answer(search_q, passages)
    except LLMError as e:
        if settings.fallback != "extractive" or name == "extractive":
            raise
        log.warning("LLM failed, answering extractively: %s", e)
        draft = get_backend("extractive", settings, eng.embedder).answer(search_q, passages)
        draft.notes.append(f"fallback: {e}")
        fallback = True
        if streaming:
            yield "\n\n" + draft.text
    timings["answer_ms"] = (time.perf_counter() - t) * 1000

    if draft.refused:
        yield finish(answer=REFUSAL, abstained=True, citations=contexts[:NEAREST],
                     abstain_reason="; ".join(draft.notes) or "the backend found no answer in the passages",
                     fallback=fallback, backend="extractive" if fallback else name)
        return
    text, citations, dropped = resolve_markers(draft.text, hits)
    if dropped:
        log.warning("dropped %d citation marker(s) naming no passage", dropped)
    yield finish(answer=text, citations=citations, dropped_markers=dropped, fallback=fallback,
                 backend="extractive" if fallback else name)


def query(
    question: str,
    top_k: int | None = None,
    backend: str | None = None,
    *,
    settings: Settings | None = None,
    history: list[tuple[str, str]] | None = None,
) -> Answer:
    """Answer a question from the corpus, with citations. Builds the index on first use.

    Raises:
        InputError: the question is empty, too long or has no words.
        StoreError: the index cannot be built or read.
        LLMError: the LLM endpoint failed (and no fallback is configured).
    """
    *_, final = _run(question, top_k=top_k, backend=backend, settings=settings, streaming=False, history=history)
    assert isinstance(final, Answer)
    return final


def stream(
    question: str,
    history: list[tuple[str, str]] | None = None,
    top_k: int | None = None,
    backend: str | None = None,
    *,
    settings: Settings | None = None,
) -> Iterator[str | Answer]:
    """Like query(), but yields the answer's text as it is produced, then the final Answer.

    `history` is the chat so far as (question, answer) pairs; a follow-up question is rewritten
    into a standalone one before retrieval."""
    yield from _run(question, top_k=top_k, backend=backend, settings=settings, streaming=True, history=history)
