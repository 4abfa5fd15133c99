"""Claim judges: does the passage an answer sentence cites support it?

Two judges behind one interface, `judge(claim, passages) -> Verdict`: `OfflineJudge`
(deterministic, no LLM: spaCy and the embedding model; `check_claim` is it) and `LLMJudge` (the
configured OpenAI-compatible endpoint). A Verdict with `supported=None` is a judge failure, never a
score.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

from ..config import Settings, get_settings
from ..types import Verdict
from .header import with_header
from .llm import LLMJudge
from .offline import OfflineJudge

__all__ = ["Judge", "LLMJudge", "OfflineJudge", "check_claim", "check_claims", "make_judge", "with_header"]


class Judge(Protocol):
    """Anything that decides whether `claim` is supported by `passages`."""

    name: str

    def __call__(self, claim: str, passages: Sequence[str]) -> Verdict:
        """Judge one claim against the passages it cites."""
        ...


@lru_cache(maxsize=1)
def _offline() -> OfflineJudge:
    # Built once: it stems its word lists on construction, and keeps its parses of passage
    # sentences (a cache: verdicts never depend on what it holds).
    return OfflineJudge()


def check_claim(claim: str, passages: list[str]) -> Verdict:
    """The offline judge's verdict on `claim` against the passages it cites (deterministic).

    A passage may start with the header line `with_header` writes ("Title — cnn.com,
    2022-07-01"): its outlet and date are then used for "according to CNN" and "on Wednesday"."""
    return _offline()(claim, passages)


def check_claims(items: Sequence[tuple[str, Sequence[str]]]) -> list[Verdict]:
    """`check_claim` for several claims at once (an answer's sentences), parsed in one batch."""
    return _offline().many(items)


def make_judge(kind: str = "offline", settings: Settings | None = None) -> Judge:
    """Build a judge by name: "offline", or "llm" on the endpoint `settings` configure.

    Raises:
        ValueError: An unknown name, or "llm" with no endpoint configured.
    """
    if kind == "offline":
        return OfflineJudge(settings=settings)
    if kind == "llm":
        settings = settings or get_settings()
        if not settings.llm_configured:
            raise ValueError("the llm judge needs an OpenAI-compatible endpoint (OPENAI_BASE_URL and/or OPENAI_API_KEY)")
        return LLMJudge(settings)
    raise ValueError(f"unknown judge {kind!r}: use 'offline' or 'llm'")
