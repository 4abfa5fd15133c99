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


@dataclass
class Draft:
    """A backend's reply: text whose [n] markers name passages, before the chain checks them."""

    text: str
    refused: bool = False
    model: str | None = None
    notes: list[str] = field(default_factory=list)


class Answerer(Protocol):
    name: str

    def answer(self, question: str, passages: list[Passage]) -> Draft: ...

    def stream(self, question: str, passages: list[Passage]) -> Iterator[str | Draft]:
        """Yield text pieces as they come, then the complete Draft."""
        ...


def get_backend(name: str, settings: Settings, embedder=None) -> Answerer:
    """The backend called `name`. Heavy clients are imported here, not at package import."""
    if name == "extractive":
        from .extractive import ExtractiveAnswerer

        return ExtractiveAnswerer(settings, embedder)
    if name == "openai":
        from .openai import OpenAIAnswerer

        return OpenAIAnswerer(settings)
    raise InputError(f"Unknown backend {name!r}: choose 'openai' or 'extractive'.")
