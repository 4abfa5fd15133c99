"""The gate in front of every backend: the checks that are almost never wrong. Whether the passages
hold the answer is decided after it, by the backend: the reader's abstention (rag/reader.py) or
the LLM's refusal sentence."""

from __future__ import annotations

import re

from .config import Settings
from .mentions import mentions, name_words
from .question import Question
from .retrieve import Hit
from .text import specific_numbers, unstated


def gate(hits: list[Hit], settings: Settings, q: Question | None = None, articles: dict[str, str] | None = None) -> str | None:
    """Why no backend should try to answer from `hits`, or None: nothing retrieved, nothing close,
    or a name or figure the question states that none of the retrieved articles mentions."""
    if not hits:
        return "nothing was retrieved"
    best = max((h.similarity for h in hits if h.similarity is not None), default=None)
    if (best is None or best < settings.min_similarity) and not _names_all(q, hits):
        shown = "none" if best is None else f"{best:.2f}"
        return f"the best passage is a weak match (similarity {shown} < {settings.min_similarity:.2f})"
    if q is not None:
        by_source: dict[str, str] = {}
        for h in hits:  # each article once: its title and text (or, not stored, its passages)
            source = str(h.metadata.get("source", ""))
            whole = (articles or {}).get(source) or h.text
            by_source[source] = f"{h.metadata.get('title', '')} {whole}" + (
                f" {h.text}" if whole == h.text else "")
        texts = list(by_source.values())
        missing = unmentioned(q, texts)
        if missing:
            return f"no retrieved article mentions {', '.join(repr(m) for m in missing)}"
    return None


def _names_all(q: Question | None, hits: list[Hit]) -> bool:
    """Whether a retrieved passage mentions every name the question is about: then a weak match by
    meaning is no sign of an off-topic corpus ("Who is Jenny Town?" is too short to embed near the
    passage that says who she is)."""
    return bool(q is not None and q.topics) and any(
        all(mentions(name_words(h.text), name, label) for name, label in q.topics) for h in hits)


def unmentioned(q: Question, texts: list[str]) -> list[str]:
    """The names the question is about (Question.topics) and the specific numbers it states that no
    retrieved article mentions (names as news writes them short, or by their initials: "Voice of
    America" is there when an article says "VOA")."""
    words: set[str] = set()
    figures: set[str] = set()
    for text in texts:
        words |= name_words(text)
        figures |= specific_numbers(text)
    missing = unstated(q.numbers, figures)
    for name, label in q.topics:  # what it asks about, not a kind it names: "Which Detroit automaker"
        if not mentions(words, name, label):
            missing.append(re.sub(r"^the\s+", "", name, flags=re.I))
    return missing
