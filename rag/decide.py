"""The gate in front of every backend: the checks that are almost never wrong. Whether the passages
hold the answer is decided after it, by the backend: the reader's abstention (rag/reader.py) or
the LLM's refusal sentence."""

from __future__ import annotations

from .config import Settings
from .retrieve import Hit


def gate(hits: list[Hit], settings: Settings) -> str | None:
    """Why no backend should try to answer from `hits`, or None."""
    if not hits:
        return "nothing was retrieved"
    best = max((h.similarity for h in hits if h.similarity is not None), default=None)
    if best is None or best < settings.min_similarity:
        shown = "none" if best is None else f"{best:.2f}"
        return f"the best passage is a weak match (similarity {shown} < {settings.min_similarity:.2f})"
    return None
