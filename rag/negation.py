"""Polarity, for the reader: a question asked in the negative ("How many states do not have a
lottery?") is answered from a sentence that says the negative ("Six states ... do not have state
lotteries"), not from one that holds the same words without it ("With the exception of two states,
all those in the top 10 have ..."). The evidence scorer leaves "not" out (a stop word), so the
reader puts the candidate of a sentence that negates first, among the few best."""

from __future__ import annotations

import re
from typing import Any

from .agency import first_holding, sentence_of
from .text import clause_of

# The words that negate a clause (a closed class), and the contracted "n't".
_NEGATION = re.compile(r"\b(?:not|never|no|none|neither|nor|without)\b|n[’']t\b", re.I)


def asks_negated(doc: Any) -> bool:
    """Whether a parsed question negates a verb ("do not have", "never won") or its object ("had no air
    conditioning")."""
    return any(t.dep_ == "neg" or t.text == "no" and t.dep_ == "det" for t in doc)  # not a name's: "the No Filter tour"


def negated_first(negated: bool, answering: list, within: int = 5) -> list:
    """The candidates (best first), with one whose sentence negates put first where the question is
    negated and the best one's sentence is not: only among the `within` best, of a type fit and a tie
    to the noun asked about as good as the best one's. Where the best one's sentence negates, but in
    another clause, one of that sentence whose clause does: in "31 have full AC, 55 have partial AC,
    and 14 have no AC" only the 14 has none."""
    if not negated or not answering:
        return answering
    best = answering[0]
    if not _NEGATION.search(best.evidence.text):
        return first_holding(answering, lambda c: _NEGATION.search(c.evidence.text), within)
    return first_holding(answering, lambda c: sentence_of(c) == sentence_of(best) and _NEGATION.search(clause_of(c)),
                         within)
