"""Decide whether the retrieved passages can answer the question, before any backend is asked."""

from __future__ import annotations

import math

from .config import Settings
from .retrieve import Hit
from .text import acronym_terms, coverage, focus_term, key_terms, stems, tokens


def abstain_reason(question: str, hits: list[Hit], settings: Settings, articles: dict[str, str]) -> str | None:
    """Why the retrieved passages cannot answer the question, or None if they may.

    Names and numbers are looked for in the whole articles the passages come from: a passage
    quoting "Kim" answers a question about "Kim Yo-jong" when its article names her."""
    if not hits:
        return "nothing was retrieved"
    best = max((h.similarity for h in hits if h.similarity is not None), default=None)
    # The bar applies to exp(cosine - 1), the score llama-index's Chroma store reported when the
    # threshold was set (so it bites only below a cosine of about -0.39).
    weak = 0.0 if best is None else math.exp(best - 1.0)
    if weak < settings.min_similarity:
        return f"the best passage is a weak match (similarity {weak:.2f} < {settings.min_similarity:.2f})"
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
