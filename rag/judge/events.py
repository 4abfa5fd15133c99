"""Which event a claim's date belongs to: "North Korea blew up the office on June 9, 2020" is not
supported by one passage saying it blew the office up "in June 2020" and another that the lines
were cut "on June 9, 2020", though every word and the date are in what it cites. A date the claim
gives an event must agree with a date the passages give that event, where they date it at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..text import sentences
from .dates import DateFact, evidence_dates
from .lexical import Lexical
from .syntax import Token, claim_date_spans

_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj"})


def _event(tokens: Sequence[Token]) -> Token | None:
    """The verb a date hangs off ("blew ... on June 9": blew), climbing at most four links."""
    t = tokens[0].head
    for _ in range(4):
        if t.pos_ == "VERB":
            return t
        if t.head is t:
            return None
        t = t.head
    return None


def date_problems(part: Sequence[Token], passages: Sequence[tuple[date | None, str]], lexical: Lexical) -> list[str]:
    """A claim date the passages give its event no date agreeing with, though they date the event:
    the sentences of every cited passage (publication date, body) holding the event's verb, found
    by the word layer's stems."""
    key = lexical.word
    problems: list[str] = []
    for fact, tokens in claim_date_spans(part):
        verb = _event(tokens)
        if verb is None:
            continue
        lemma = verb.lemma_.lower()
        # "re-" makes the same kind of event again: the passage's "opened" may be the "reopening"
        forms = {key(lemma), key(verb.lower_)} | ({key(lemma[2:].lstrip("-"))} if lemma.startswith("re") else set())
        # the same event: the verb with one of its nouns ("term ends", not "declaration ending")
        nouns = {key(c.lemma_.lower()) for c in verb.children if c.dep_ in _ARGUMENTS and c.pos_ in ("NOUN", "PROPN")}
        theirs: list[DateFact] = []
        for published, body in passages:
            for sentence in sentences(body):
                words = lexical.analyse(sentence).words
                if forms & words and (not nouns or nouns & words):
                    theirs += evidence_dates(sentence, published)
        if theirs and not any(fact.agrees(e) for e in theirs):
            given = ", ".join(dict.fromkeys(e.full.isoformat() if e.full else e.text for e in theirs))
            problems.append(f"date '{fact.text}' is not the one the passages give '{verb.text}' ({given})")
    return problems
