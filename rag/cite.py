"""Citations: the [n] markers of a backend's text resolved to the passages they name, renumbered in
the order a reader meets them, also as the text streams."""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator

from .backends import Draft
from .errors import LLMError
from .retrieve import Hit
from .text import MARKER, marker_numbers
from .types import Carrier, Citation


def source_of(hit: Hit) -> str:
    return str(hit.metadata.get("source", ""))


def citation(n: int, hit: Hit) -> Citation:
    m = hit.metadata
    return Citation(n=n, source=source_of(hit), chunk_id=hit.chunk_id, text=hit.text, score=round(hit.score, 6),
                    title=str(m.get("title", "")), date=m.get("date") or None, outlet=m.get("outlet") or None,
                    url=m.get("url") or None, also_in=[Carrier(**c) for c in hit.also_in])


def contexts(hits: list[Hit]) -> list[Citation]:
    return [citation(i + 1, h) for i, h in enumerate(hits)]


def resolve_markers(text: str, hits: list[Hit]) -> tuple[str, list[Citation], int]:
    """Renumber [n] markers so [1] is the first cited passage; drop markers naming no passage.

    Returns the new text, the cited passages in marker order, and how many markers were dropped."""
    new, citations, dropped, _ = renumber(text, hits)
    return new, citations, dropped


def renumber(text: str, hits: list[Hit]) -> tuple[str, list[Citation], int, dict[int, int]]:
    """`resolve_markers`, also returning the renumbering (the draft's n -> the answer's n)."""
    order: dict[int, int] = {}
    dropped = 0

    def repl(m: re.Match) -> str:
        nonlocal dropped
        out = []
        for n in marker_numbers(m):
            if not 1 <= n <= len(hits):
                dropped += 1
                continue
            order.setdefault(n, len(order) + 1)
            if f"[{order[n]}]" not in out:
                out.append(f"[{order[n]}]")
        return "".join(out)

    new = MARKER.sub(repl, text)
    new = re.sub(r"[ \t]+([.,;:!?])", r"\1", re.sub(r"[ \t]{2,}", " ", new)).strip()
    citations = [citation(new_n, hits[old - 1]) for old, new_n in sorted(order.items(), key=lambda kv: kv[1])]
    return new, citations, dropped, order


def admit(hits: list[Hit], draft: Draft) -> None:
    """Number the passages a draft cites beyond the retrieved ones after them, in place (once)."""
    for hit in draft.extra_hits:
        if all(hit.chunk_id != h.chunk_id for h in hits):
            hits.append(hit)


def renumbered(pieces: Iterator[str | Draft], hits: list[Hit]) -> Generator[str, None, Draft]:
    """Pass a backend's stream on with its markers renumbered as they arrive, so the text a reader
    watches already uses the final [n]; an unclosed "[" is held back until its "]" arrives.
    Returns the backend's final Draft."""
    draft, raw, sent = None, "", ""
    for piece in pieces:
        if isinstance(piece, Draft):
            draft = piece
            admit(hits, draft)
            continue
        raw += piece
        cut = raw.rfind("[")
        text = resolve_markers(raw[:cut] if cut > raw.rfind("]") else raw, hits)[0]
        if text.startswith(sent) and len(text) > len(sent):
            yield text[len(sent):]
            sent = text
    if draft is None:
        raise LLMError("The backend's stream ended without a complete answer.")
    return draft
