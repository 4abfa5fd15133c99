"""Which event a claim's date belongs to: "North Korea blew up the office on June 9, 2020" is not
supported by one passage saying it blew the office up "in June 2020" and another that the lines
were cut "on June 9, 2020", though every word and the date are in what it cites. A date the claim
gives an event must agree with a date the passages give that event, where they date it at all;
so must a relative one ("launched last week" where the passages say the launch was "this week",
though "this week's meeting" is no reason to doubt it).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from ..text import sentences
from .dates import RELATIVE, DateFact, evidence_dates
from .lexical import Lexical
from .syntax import Token, claim_date_spans

_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj"})
Passages = Sequence[tuple[date | None, str]]  # (publication date, body) of each cited passage


def _event(tokens: Sequence[Token]) -> Token | None:
    """The verb a date hangs off ("blew ... on June 9": blew), climbing at most four links."""
    t = tokens[0].head
    for _ in range(4):
        if t.pos_ == "VERB":
            return t
        if t.head == t:
            return None
        t = t.head
    return None


def _told(verb: Token, passages: Passages, lexical: Lexical) -> Iterator[tuple[date | None, str]]:
    """The passage sentences that tell of `verb`'s event: its verb (by the word layer's stems) with
    one of its nouns ("term ends", not "declaration ending"), with their publication dates. (A
    noun in the verb's place: the sentences that name it.)"""
    key = lexical.word
    lemma = verb.lemma_.lower()
    # "re-" makes the same kind of event again: the passage's "opened" may be the "reopening"
    forms = {key(lemma), key(verb.lower_)} | ({key(lemma[2:].lstrip("-"))} if lemma.startswith("re") else set())
    nouns = {key(c.lemma_.lower()) for c in verb.children if c.dep_ in _ARGUMENTS and c.pos_ in ("NOUN", "PROPN")}
    for published, body in passages:
        for sentence in sentences(body):
            words = lexical.analyse(sentence).words
            if forms & words and (not nouns or nouns & words):
                yield published, sentence


def date_problems(part: Sequence[Token], passages: Passages, lexical: Lexical) -> list[str]:
    """A claim date, written out or relative, that disagrees with every date the passages give its
    event, where they give it one."""
    problems: list[str] = []
    for fact, tokens in claim_date_spans(part):
        verb = _event(tokens)
        theirs: list[DateFact] = [] if verb is None else [
            d for published, sentence in _told(verb, passages, lexical) for d in evidence_dates(sentence, published)]
        if theirs and not any(fact.agrees(e) for e in theirs):
            given = ", ".join(dict.fromkeys(e.full.isoformat() if e.full else e.text for e in theirs))
            problems.append(f"date '{fact.text}' is not the one the passages give '{verb.text}' ({given})")
    return problems + _relative_problems(part, passages, lexical)


def _relative_problems(part: Sequence[Token], passages: Passages, lexical: Lexical) -> list[str]:
    """ "last month" for an event the passages put "this month" (and not "last month")."""
    doc, starts = part[0].doc, {t.idx: t for t in part}
    problems: list[str] = []
    for m in RELATIVE.finditer(doc.text):
        which, unit = (m.group(1) or "").lower(), (m.group(2) or "").lower()
        if not which or m.start() not in starts:
            continue
        last = next(t for t in part if t.idx <= m.end() - 1 < t.idx + len(t))  # "month" of "last month"
        # the event's verb or, where the parse hangs the date off a noun ("missiles last month"), that noun
        anchor = _event([last]) or (last.head if last.head.pos_ in ("NOUN", "PROPN") else None)
        if anchor is None:
            continue
        theirs = {w.lower() for _, s in _told(anchor, passages, lexical) for w, u, _ in RELATIVE.findall(s) if u.lower() == unit}
        if theirs and which not in theirs:
            problems.append(f"the claim says '{which} {unit}' where the passage says '{sorted(theirs)[0]} {unit}'")
    return problems
