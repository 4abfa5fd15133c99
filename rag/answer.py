"""The chain, as named steps:

    prepare   check the question, pick the engine and backend, rewrite a follow-up
    retrieve  the passages (opening the index first, building it on first use)
    decide    whether the passages can answer at all (rag/decide.py)
    generate  the backend's draft, streamed or whole, with the extractive fallback
    finish    check the draft's [n] markers against the passages -> Answer

`query()` and `stream()` run the same steps with the same arguments."""

from __future__ import annotations

import logging
import time
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TypedDict

from typing_extensions import Unpack

from . import compound
from .annotate import loads
from .backends import Answerer, Draft, Passage, get_backend
from .cite import admit, contexts, renumber, renumbered, source_of
from .config import TOP_K_MAX, Settings, get_settings
from .decide import gate
from .engine import Engine, engine_for
from .errors import InputError, LLMError
from .filters import Filters
from .inputs import anchor_day, clean_question, direct
from .prompts import REFUSAL
from .question import Question, analyse
from .retrieve import Hit
from .timeframe import fit_in_time
from .types import Answer, AnswerStream
from .verify import Checked, check_draft, judge_for, kept

log = logging.getLogger(__name__)

NEAREST = 3  # sources listed with an abstention


@dataclass
class Turn:
    """One question on its way through the chain."""

    question: str  # as cleaned
    search: str  # the standalone question retrieval and the backend see
    backend: str
    answerer: Answerer
    top_k: int
    settings: Settings
    engine: Engine
    as_of: date = field(default_factory=date.today)  # the day relative time in the question counts from
    filters: Filters | None = None
    analysis: Question | None = None
    started: float = field(default_factory=time.perf_counter)
    timings: dict[str, float] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)

    def lap(self, name: str, since: float) -> None:
        self.timings[name] = (time.perf_counter() - since) * 1000


# -- the steps -----------------------------------------------------------------------------------


def prepare(
    question: object, *, top_k: int | None = None, backend: str | None = None,
    history: list[tuple[str, str]] | None = None, as_of: date | str | None = None, since: object = None,
    until: object = None, outlets: list[str] | str | None = None, settings: Settings | None = None,
) -> Turn:
    """Validate the question and options, take a request from around it ("Can you tell me who ...?":
    inputs.direct), and rewrite a follow-up into a standalone question."""
    started = time.perf_counter()
    settings = settings or get_settings()
    q = clean_question(question, settings)
    filters = Filters.make(since, until, outlets)
    top_k = top_k or settings.top_k
    if not 1 <= top_k <= TOP_K_MAX:
        raise InputError(f"top_k must be between 1 and {TOP_K_MAX}, not {top_k}.")
    name = backend or settings.resolved_backend
    engine = engine_for(settings)
    turn = Turn(q, direct(q), name, get_backend(name, settings, engine), top_k, settings, engine, anchor_day(as_of),
                filters, started=started)
    if history:
        from .rewrite import condense

        t = time.perf_counter()
        turn.search = condense(turn.search, history, settings, use_llm=name == "openai")
        turn.lap("rewrite_ms", t)
    return turn


def retrieve(turn: Turn) -> None:
    """Open the index (building it on first use), analyse the question, then fetch the passages:
    for a question about a time ("this week"), passages from articles of that time first; for one that
    asks two things (compound.py), the second part's own passages after the whole question's."""
    turn.engine.ensure_index()
    retriever = turn.engine.retriever
    t = time.perf_counter()
    turn.analysis = q = analyse(turn.search, turn.engine.nlp(), retriever.lexicon, as_of=turn.as_of)
    turn.lap("analyse_ms", t)
    t = time.perf_counter()
    weigh = (lambda meta: fit_in_time(q, meta.get("date"))) if q.window or q.years else None
    turn.hits = retriever.retrieve(turn.search, turn.top_k, turn.filters, weigh, names=q.topics)
    if parts := compound.split(turn.search):  # "Who wrote X, and when was it published?"
        first, second = parts
        nlp = turn.engine.nlp()
        alone = compound.resolve(second, first, nlp(first), nlp(second), compound.person_of(None, q.topics))
        seen = {h.chunk_id for h in turn.hits}
        more = retriever.retrieve(alone, turn.top_k, turn.filters, weigh) if alone else []
        turn.hits = [*turn.hits, *(h for h in more if h.chunk_id not in seen)]
    turn.lap("retrieve_ms", t)


def decide(turn: Turn) -> str | None:
    """Why no backend should even try (nothing found, nothing close, or a name or figure the
    question states that no retrieved article mentions): the checks that are almost never wrong. Whether the passages hold the answer is the backend's call (the reader's, or the
    LLM's refusal sentence)."""
    articles = turn.engine.retriever.articles([source_of(h) for h in turn.hits])
    return gate(turn.hits, turn.settings, turn.analysis, articles)


def generate(turn: Turn, streaming: bool) -> Generator[str, None, tuple[Draft, bool]]:
    """Ask the backend; yields the text as it streams (markers already renumbered). Returns the
    draft and whether the extractive backend stood in for a failed LLM."""
    turn.hits = list(turn.hits)  # the draft may cite a passage beyond them (cite.admit), not in a cached list
    passages = [
        Passage(n=i + 1, source=source_of(h), title=str(h.metadata.get("title", "")), text=h.text,
                similarity=h.similarity, ann=loads(h.metadata.get("ann")), date=h.metadata.get("date") or None,
                outlet=h.metadata.get("outlet") or None)
        for i, h in enumerate(turn.hits)
    ]
    t = time.perf_counter()
    fallback = False
    try:
        if streaming:
            draft = yield from renumbered(turn.answerer.stream(turn.search, passages, turn.analysis), turn.hits)
        else:
            draft = turn.answerer.answer(turn.search, passages, turn.analysis)
            admit(turn.hits, draft)
    except LLMError as e:
        if turn.settings.fallback != "extractive" or turn.backend == "extractive":
            raise
        log.warning("LLM failed, answering extractively: %s", e)
        draft = get_backend("extractive", turn.settings, turn.engine).answer(turn.search, passages, turn.analysis)
        admit(turn.hits, draft)
        draft.notes.append(f"fallback: {e}")
        fallback = True
        if streaming:
            yield "\n\n" + draft.text
    turn.lap("answer_ms", t)
    return draft, fallback


def finish(turn: Turn, draft: Draft, fallback: bool = False) -> Answer:
    """The Answer: the draft's markers checked and renumbered, or an abstention if it refused."""
    backend = "extractive" if fallback else turn.backend
    if draft.refused:
        reason = "; ".join(draft.notes) or "the backend found no answer in the passages"
        return abstain(turn, reason, fallback=fallback, backend=backend)
    checked = check(turn, draft.text)
    kept_text = " ".join(c.sentence for c in kept(checked, turn.settings.verify)) if checked else draft.text
    if not kept_text.strip():
        return abstain(turn, "no sentence of the answer is supported by the passages it cites",
                       fallback=fallback, backend=backend)
    text, citations, dropped, order = renumber(kept_text, turn.hits)
    if dropped:
        log.warning("dropped %d citation marker(s) naming no passage", dropped)
    return _answer(turn, answer=text, short_answer=draft.short_answer, disagreement=draft.disagreement,
                   unanswered=draft.unanswered, citations=citations, dropped_markers=dropped, fallback=fallback,
                   backend=backend,
                   claims=[c.as_claim(order) for c in kept(checked, turn.settings.verify)])


def check(turn: Turn, text: str) -> list[Checked]:
    """Each sentence of the draft judged against the passages it cites (nothing with RAG_VERIFY=off)."""
    if turn.settings.verify == "off":
        return []
    t = time.perf_counter()
    checked = check_draft(text, turn.hits, judge_for(turn.settings))
    turn.lap("verify_ms", t)
    return checked


def abstain(turn: Turn, reason: str, **extra) -> Answer:
    """The refusal, with the nearest passages listed so a reader can still look."""
    nearest = contexts(turn.hits)[:NEAREST]
    return _answer(turn, answer=REFUSAL, abstained=True, citations=nearest, abstain_reason=reason,
                   **extra)


# -- helpers -------------------------------------------------------------------------------------


def _answer(turn: Turn, **fields) -> Answer:
    turn.lap("total_ms", turn.started)
    fields.setdefault("backend", turn.backend)
    return Answer(
        question=turn.question,
        contexts=contexts(turn.hits),
        rewritten_question=turn.search if turn.search != direct(turn.question) else None,  # a follow-up's
        timings={k: round(v, 2) for k, v in turn.timings.items()},
        **fields,
    )


# -- the front function --------------------------------------------------------------------------


def _run(question: object, *, streaming: bool, **options) -> Iterator[str | Answer]:
    turn = prepare(question, **options)
    retrieve(turn)
    reason = decide(turn)
    if reason:
        if streaming:
            yield REFUSAL
        yield abstain(turn, reason)
        return
    draft, fallback = yield from generate(turn, streaming)
    yield finish(turn, draft, fallback)


class Options(TypedDict, total=False):
    """What `query()` and `stream()` take after the question, in this order, all by keyword.

    top_k: Passages to retrieve (default: settings.top_k).
    backend: "openai" or "extractive" (default: openai iff an LLM endpoint is configured).
    history: The chat so far as (question, answer) pairs; a follow-up question is rewritten into a
        standalone one before retrieval.
    as_of: The day "this week", "recently" or "current" in the question count from (a date or an
        ISO string; default today): evidence from around then ranks first.
    since, until: Only articles published on or after / on or before this date (ISO, or any date
        python-dateutil reads); undated articles are then left out.
    outlets: Only articles from these outlets (as the index names them; case aside).
    settings: Settings to use (default: read from the environment).
    """

    top_k: int | None
    backend: str | None
    history: list[tuple[str, str]] | None
    as_of: date | str | None
    since: str | None
    until: str | None
    outlets: list[str] | None
    settings: Settings | None


def query(question: str, **options: Unpack[Options]) -> Answer:
    """Answer a question from the corpus, with citations (options: see `Options`). Builds the index
    on first use.

    Raises:
        InputError: the question is empty, too long or has no words; an option is not valid.
        StoreError: the index cannot be built or read.
        LLMError: the LLM endpoint failed (and no fallback is configured).
    """
    return AnswerStream(_run(question, streaming=False, **options)).answer


def stream(question: str, **options: Unpack[Options]) -> AnswerStream:
    """Like query(), with the same options, but the answer's text can be read as it is written:
    iterate the returned AnswerStream for text pieces, then read its `.answer`. Errors are raised
    while iterating (or reading `.answer`)."""
    return AnswerStream(_run(question, streaming=True, **options))
