"""The typed results every front door shares."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel, Field


class Carrier(BaseModel):
    """Another article of the same story (a near-duplicate) that carries the cited passage."""

    source: str = Field(description="Its stable id (file name, or file#row for a dump).")
    title: str = ""
    outlet: str | None = None
    date: str | None = None
    url: str | None = None


class Citation(BaseModel):
    """One passage of one article, as cited by (or retrieved for) an answer."""

    n: int = Field(description="The marker number: [n] in the answer text points here.")
    source: str = Field(description="Stable id: file name relative to the corpus folder; file#row for a dump.")
    chunk_id: str = Field(description="Stable id of the chunk in the store.")
    text: str = Field(description="The passage text.")
    score: float = Field(description="Retrieval score (fused rank score; higher is better).")
    title: str = Field("", description="The article's title.")
    date: str | None = Field(None, description="Publication date (ISO) where the article states one.")
    outlet: str | None = Field(None, description="Who published it, where known.")
    url: str | None = Field(None, description="The article's URL, where known.")
    also_in: list[Carrier] = Field(
        default_factory=list, description="The story's other articles (near-duplicates) that carry this passage."
    )


class Claim(BaseModel):
    """One sentence of an answer, checked against the passages its own [n] markers cite."""

    text: str = Field(description="The sentence, without its markers.")
    markers: list[int] = Field(default_factory=list, description="The citation numbers it carries ([n] in the answer).")
    supported: bool | None = Field(description="True: its cited passages support it; False: they do not (or it "
                                   "cites none); None: the judge could not tell (never counted as verified).")
    reason: str = Field("", description="The judge's reason, for a reader.")


class Answer(BaseModel):
    """An answer with its evidence. `answer` carries inline [n] markers, one per cited passage."""

    question: str
    answer: str
    short_answer: str | None = Field(
        None, description="The answer itself (a name, a date, a number) where the question asks for one; "
        "`answer` then starts with it and goes on with the sentence(s) that support it."
    )
    disagreement: list[str] = Field(
        default_factory=list, description="When the articles give different values for what was asked "
        "(a count, a date, an amount): each value, in the order the answer cites them with their sources."
    )
    abstained: bool = False
    backend: str
    citations: list[Citation] = Field(
        default_factory=list,
        description="Cited passages in marker order ([1] is citations[0]). On an abstention: the "
        "nearest passages, so a reader can still look.",
    )
    contexts: list[Citation] = Field(
        default_factory=list, description="Every passage retrieved for the question, best first."
    )
    timings: dict[str, float] = Field(default_factory=dict, description="Milliseconds per stage.")
    abstain_reason: str | None = Field(None, description="Why the answer abstained, for people and evals.")
    unanswered: list[str] = Field(
        default_factory=list, description="Of a question that asks two things, the part the articles do "
        "not answer, with why (the answer gives the other part)."
    )
    claims: list[Claim] = Field(
        default_factory=list, description="Each sentence of the answer as checked against its citations "
        "(empty for an abstention, or with RAG_VERIFY=off)."
    )
    dropped_markers: int = Field(0, description="Markers in the LLM reply that named no passage.")
    fallback: bool = Field(False, description="True when the extractive backend stood in for a failed LLM.")
    rewritten_question: str | None = Field(
        None, description="The standalone question used for retrieval, when a follow-up was rewritten."
    )

    @property
    def sources(self) -> list[str]:
        """Cited file names, first citation first, without repeats."""
        return list(dict.fromkeys(c.source for c in self.citations))


class AnswerStream:
    """An answer as it is written: iterate for its text, piece by piece; then `.answer` is the
    final `Answer` (reading it first runs the rest of the stream).

        s = rag.stream("Who offered talks?")
        for piece in s:
            print(piece, end="")
        s.answer.citations
    """

    def __init__(self, events: Iterator[str | Answer]) -> None:
        self._events = events
        self._answer: Answer | None = None

    def __iter__(self) -> Iterator[str]:
        for event in self._events:
            if isinstance(event, Answer):
                self._answer = event
            elif event:
                yield event

    @property
    def answer(self) -> Answer:
        """The final Answer, with its citations, once the text has been produced."""
        if self._answer is None:
            for _ in self:
                pass
        if self._answer is None:  # pragma: no cover - the chain always ends with an Answer
            raise RuntimeError("the answer stream ended without an answer")
        return self._answer


@dataclass(frozen=True)
class Verdict:
    """A judge's decision on one claim.

    Attributes:
        supported: True/False, or None when the judge itself failed (never scored as 0 or 1).
        reason: Why, in one line; on a failure, the error.
        evidence: The passage text the decision rests on ("" when there is none).
    """

    supported: bool | None
    reason: str
    evidence: str = ""

    @property
    def failed(self) -> bool:
        """True when the judge could not decide."""
        return self.supported is None


@dataclass(frozen=True)
class Grade:
    """A graded verdict on an answer as a whole: `value` in [0, 1], or None when the judge failed."""

    value: float | None
    reason: str
