"""Polarity, for the reader: a question asked in the negative ("How many states do not have a
lottery?") is answered from a sentence that says the negative ("Six states ... do not have state
lotteries"), not from one that holds the same words without it ("With the exception of two states,
all those in the top 10 have ..."). The evidence scorer leaves "not" out (a stop word), so the
reader puts the candidate of a sentence that negates first, among the few best."""

from __future__ import annotations

import re
from typing import Any

from .agency import first_holding

# The words that negate a clause (a closed class), and the contracted "n't".
_NEGATION = re.compile(r"\b(?:not|never|no|none|neither|nor|without)\b|n[’']t\b", re.I)


def asks_negated(doc: Any) -> bool:
    """Whether a parsed question negates a verb ("do not have", "never won")."""
    return any(t.dep_ == "neg" for t in doc)


def negated_first(negated: bool, answering: list, within: int = 5) -> list:
    """The candidates (best first), with one whose sentence negates put first where the question is
    negated and the best one's sentence is not: only among the `within` best, of a type fit and a
    tie to the noun asked about as good as the best one's."""
    if not negated:
        return answering
    return first_holding(answering, lambda c: _NEGATION.search(c.evidence.text), within)
