"""Answer backends. Each is an object with `answer()` and `stream()`; a string picks one."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from ..config import Settings
from ..errors import InputError


@dataclass
class Passage:
    """A numbered context passage as the backend sees it (n starts at 1)."""

    n: int
    source: str
    title: str
    text: str
    similarity: float | None = None
    ann: dict = field(default_factory=dict)  # spaCy annotations from index time (rag/annotate.py)
    date: str | None = None  # the article's publication date (ISO), where known
    outlet: str | None = None  # who published it, where known


@dataclass
class Draft:
    """A backend's reply: text whose [n] markers name passages, before the chain checks them."""

    text: str
    refused: bool = False
    short_answer: str | None = None  # the answer itself (a name, a date, a number), where there is one
    disagreement: list[str] = field(default_factory=list)  # the values reports give, when they differ
    model: str | None = None
    notes: list[str] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)  # parts of a two-part question not answered, and why
    # Chunks (rag.retrieve.Hit) the answer cites beyond the retrieved ones, numbered after them: the
    # passage of its article that gives a name in full where the retrieved one says "Alvarez" or "HF".
    extra_hits: list = field(default_factory=list)


class Answerer(Protocol):
    name: str

    def answer(self, question: str, passages: list[Passage], analysis=None) -> Draft:
        """Answer from the passages; `analysis` is the question's rag.question.Question."""
        ...

    def stream(self, question: str, passages: list[Passage], analysis=None) -> Iterator[str | Draft]:
        """Yield text pieces as they come, and the complete Draft (last, or first if known first)."""
        ...


def get_backend(name: str, settings: Settings, engine=None) -> Answerer:
    """The backend called `name`. Heavy clients are imported here, not at package import. The
    extractive one reads with the engine's models (embedder, spaCy) and corpus statistics."""
    if name == "extractive":
        from .extractive import ExtractiveAnswerer

        return ExtractiveAnswerer(settings, engine)
    if name == "openai":
        from .openai import OpenAIAnswerer

        return OpenAIAnswerer(settings)
    raise InputError(f"Unknown backend {name!r}: choose 'openai' or 'extractive'.")
