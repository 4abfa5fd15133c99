"""Where the articles disagree: another article's value for the thing asked about, as well supported
as the best one's, is kept to be shown beside it ("three tests" / "the fourth test"), not hidden."""

from __future__ import annotations

from datetime import date

from .candidates import Candidate
from .counting import figures
from .evidence import Doc, tokens
from .mentions import mentions, name_words
from .question import Question
from .text import stem
from .weights import RIVAL_SHARE

VALUE_TYPES = frozenset({"number", "money", "percent", "quantity", "date", "duration", "age"})


def rival(q: Question, ranked: list[Candidate], docs: list[Doc]) -> Candidate | None:
    """A candidate from another article that gives another value of the kind asked for and of the
    best one's kind (a count, "three tests" / "the fourth test"; an amount, not a share of it; a
    time) and scores nearly as well as the best: the articles disagree. For a question about a time
    (its window of days), only an article from within it of the best one's: a jackpot reported 18
    months earlier is an earlier jackpot, not another report of this one."""
    if len(ranked) < 2 or q.count > 1 or q.answer_type.name not in VALUE_TYPES:
        return None
    best = ranked[0]
    for c in ranked[1:]:
        if c.score < RIVAL_SHARE * best.score:
            return None
        if q.answer_type.name == "age" and figures(c.text) == figures(best.text):
            continue  # one age written two ways: "the 67-year-old Reed", "Reed, 67,"
        mine, theirs = docs[best.evidence.passage], docs[c.evidence.passage]
        if theirs.source != mine.source and _kind(c.label) == _kind(best.label) and c.focus >= best.focus \
                and c.evidence.score >= RIVAL_SHARE * best.evidence.score and _same_time(q, mine.date, theirs.date) \
                and _of_the_same(q, best, c, theirs) and _counts_the_asked(q, best, c):
            return c
    return None


def _of_the_same(q: Question, best: Candidate, other: Candidate, theirs: Doc) -> bool:
    """Whether another value is of the person the question names, where the best one's sentence names
    them: a sentence that names someone else instead gives theirs ("the 67-year-old Tom Reed" has no rival
    in "a suspect, identified as 41-year-old Luis Alvarez"; "the ferry's 20 years" may be one)."""
    mine, said = name_words(best.evidence.text), name_words(other.evidence.text)
    people = [n for n, label in q.entities if label == "PERSON" and mentions(mine, n, label)]
    if not people or any(mentions(said, n, "PERSON") for n in people):
        return True
    ev = other.evidence
    return not any(label == "PERSON" and ev.start <= a < ev.end for a, _, label, _ in theirs.ann.get("e", []))


def _counts_the_asked(q: Question, best: Candidate, other: Candidate) -> bool:
    """Whether an ordinal rival of a count counts what the question asks: it stands before one of
    the question's words ("the fourth test" for "How many tests ...?"), not in "the first lady" for
    "How many displaced families ...?" beside "163 displaced families"."""
    if other.label != "ORDINAL" or best.label == "ORDINAL":
        return True
    after = tokens(other.evidence.text[other.span[1] - other.evidence.start:])[0][:1]
    return bool(after) and after[0] in {stem(t) for t in q.terms}


def _same_time(q: Question, one: str | None, other: str | None) -> bool:
    """Whether two articles' dates are within the question's window of each other (or either is unknown)."""
    try:
        apart = abs((date.fromisoformat(str(one)[:10]) - date.fromisoformat(str(other)[:10])).days)
    except ValueError:
        return True
    return q.window is None or apart <= q.window


def _kind(label: str | None) -> str | None:
    """The kind of value an entity label gives: a count (in figures, as an ordinal, with a unit), a time, or its own."""
    return {"ORDINAL": "CARDINAL", "QUANTITY": "CARDINAL", "TIME": "DATE"}.get(label or "", label)
