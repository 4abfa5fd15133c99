"""The offline reader: find the answer in the retrieved passages, or say why it is not there.

For a question that wants a span (a name, a date, a number), the answer is the best candidate (rag/candidates.py)
whose sentence holds enough of the question. The names the question is about must be in its passage or its article's
lead (constraints.py), and its ordinals ("the first summit") in its sentence; a sentence that speaks of none of the
question's event is no evidence. Of the names of the best one's sentence, the one that plays the part the question
asks for (the doer of "recalled" in "Which company recalled ...?") answers first (agency.py). No candidate that fits
-> an abstention saying which requirement failed; two values of one thing -> both shown (rivals.py).
A question that wants a description (why, how, what did X say) is answered by its best sentences."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from .agency import doer_first, doers, unless_beaten, unless_done_by_another
from .annotate import PLACE_LABELS
from .answer_types import BY_LABEL, NAME_LABELS, TALLY, VALUE_LABELS, TypeLexicon
from .asking import NAME_NOUNS
from .candidates import Candidate, candidates
from .constraints import (
    NO_SENTENCES,
    another_country,
    another_ordinal,
    country_holds,
    ordinal_evidence,
    unnamed,
    years_hold,
)
from .counting import role_counted, values_first
from .doing import cast_as, credited, doing_in_article_first, speaks_of, titled_doer_first, told_conversely
from .evidence import Doc, Evidence, Weights, score_sentences, tokens
from .kinds import other_kind
from .modality import hedge
from .negation import negated_first
from .places import origin_first
from .question import REASON_NOUNS, Question
from .rivals import VALUE_TYPES, rival
from .subjects import apposed_owner_first, own_doer_first
from .synonyms import vocabulary
from .ties import title_as_asked_first
from .timeframe import recency
from .weights import LOOSE_FIT, MIN_DESCRIBED, MIN_EVIDENCE, MIN_EVIDENCE_TIED, MIN_UNTYPED, STALE, W_CAUSE
from .when import the_verb_first

__all__ = ["Candidate", "Doc", "Evidence", "Reading", "read"]

Similar = Callable[[dict[str, str], dict[str, str]], dict[str, set[str]]]  # synonyms.WordVectors.similar

# English's connectives of cause (a closed class), for a question that asks why.
CAUSAL = re.compile(r"\b(?:because|due to|owing to|in response to|as a result of|in retaliation|citing|in protest|"
                    r"blamed|caused by|prompted by|on the grounds|therefore|hence|thus)\b", re.I)
DESCRIBE_AT_MOST = 6  # sentences handed on for a description answer
RANK_DECAY = 0.02  # per retrieval rank, between sentences that hold the question's words alike
AS_NOUN = {"money": "amount of money", "percent": "percentage"}  # "names an amount of money", not "a money"


@dataclass
class Reading:
    """What the reader found: candidates best first (span questions), or evidence sentences."""

    question: Question
    candidates: list[Candidate] = field(default_factory=list)
    sentences: list[Evidence] = field(default_factory=list)
    abstain_reason: str | None = None
    rival: Candidate | None = None  # another article's value, as well supported ("three tests" / "the fourth test")
    hedged: str | None = None  # the word that gives the best (a name) only as wanted or foreseen ("expects")


def read(q: Question, docs: list[Doc], idf: Callable[[str], float], lexicon: TypeLexicon | None = None,
         parse: Callable[[str], Any] | None = None, similar: Similar | None = None) -> Reading:
    """Read the passages for `q`; `lexicon` tells what the corpus calls each name ("retailer Northwind");
    `parse` (spaCy's parser) tells whether a sentence states its value as what happened (modality.py);
    `similar` which passage words mean what a question word means (synonyms.WordVectors.similar)."""
    weights = Weights(q, idf)
    if similar is not None:  # "bought" holds the question's "purchased"
        asked = {w: t for w, t in vocabulary([q.text]).items() if t in weights.w}  # as written: no names
        weights.synonyms = similar(asked, vocabulary(f"{d.title}\n{d.text}" for d in docs))
    # Each sentence parsed once per question: the checks reread the best one's, agency.doers and when.py others'.
    parse = lru_cache(maxsize=64)(parse) if parse is not None else None
    scored = sorted(score_sentences(q, docs, weights), key=lambda e: e.score, reverse=True)
    evidence = ordinal_evidence(q, scored)
    unnamed_in = {i: unnamed(q, d) for i, d in enumerate(docs)} if q.topics or q.numbers else {}
    if evidence and all(unnamed_in.get(e.passage) for e in evidence):
        missing = unnamed_in[evidence[0].passage]
        return Reading(q, abstain_reason=f"no passage that could answer names {', '.join(map(repr, missing))}")
    evidence = [e for e in evidence if not unnamed_in.get(e.passage)]
    if not evidence:
        return Reading(q, abstain_reason=another_ordinal(q) if scored else NO_SENTENCES)
    if not (evidence := [e for e in evidence if country_holds(q, docs[e.passage], e)]):
        return Reading(q, abstain_reason=another_country(q))
    if not q.wants_span:
        return _describe(q, evidence, docs)
    if not (evidence := _speaking(q, evidence, weights)):
        return Reading(q, abstain_reason=f"no passage that could answer speaks of {' or '.join(q.event)}")
    ranked, years_seen, too_old = candidates(q, docs, evidence, lexicon or TypeLexicon())
    ranked, untied = _tied(q, ranked, parse)
    if untied or (untied := _of_another_year(q, docs, evidence, ranked, years_seen, too_old)):
        return Reading(q, abstain_reason=untied)
    if (q.answer_type.name == "thing" or q.answer_type.learned) and q.focus:
        # An open type: only a span tied to the noun asked about is trusted as the short answer (where none
        # is, a name that does what is asked, agency.doers, in a sentence that holds most of the
        # question); else the best sentence answers. A type guessed from the corpus's links ("chain" ->
        # organisation): a span of it whose label fits well too (rtqa-2022: 3 unanswerable questions refused,
        # no answer lost; the fit: 3 wrong answers on blind 1, 6, 7 gone, none lost; RESULTS.md).
        trusted = [c for c in ranked if c.evidence.score >= _min_evidence(c) and (c.focus >= 0.6 or c.evidence.score
                   >= MIN_UNTYPED and c.fit >= LOOSE_FIT and q.answer_type.learned)]
        ranked = trusted or doers(q.role, ranked, parse, MIN_UNTYPED)
        if not ranked:
            return _untied(q, evidence, docs)
    reason = _why_not(q, ranked, years_seen, too_old)
    answering = doer_first(q.role, [c for c in ranked if _can_answer(q, c)], parse)  # best first
    answering = own_doer_first(q.doer, title_as_asked_first(q, apposed_owner_first(answering, parse)), parse)
    answering = doing_in_article_first(q, titled_doer_first(q.doing, answering, q.terms), parse) if q.doing \
        else the_verb_first(q.role, q.when, titled_doer_first(q.doing, answering, q.terms, q.role), parse, q.verb_forms)
    answering = negated_first(q.negated, values_first(q, origin_first(q.text, unless_beaten(q.role, answering))))
    answering = unless_done_by_another(q.role, answering, parse, frozenset((*q.terms, *q.focus_words)))
    answering, reason, hedged = _stated(q, answering, reason, parse)
    return Reading(q, answering, evidence[:3], reason, rival=rival(q, answering, docs), hedged=hedged)


def _speaking(q: Question, evidence: list[Evidence], weights: Weights) -> list[Evidence]:
    """The evidence that speaks of the question's event. A sentence (with its title) that holds none
    of the nouns of the question's event, and does not itself hold most of the question (its
    neighbours' words do not count), speaks of another event: "Which group sent the balloons ...?"
    is not answered by "... the liaison office in the border city of Kaesong". (Nor, the price of
    it, by "1,200 workers joined it" for "... joined the strike?" when the sentence alone holds
    little of the question.)"""
    event = {t for w in q.event for t in tokens(w)[0]} & set(weights.w)
    return [e for e in evidence if not event <= set(e.missing) or e.own >= MIN_UNTYPED] if event else evidence


def _tied(q: Question, ranked: list[Candidate], parse: Callable[[str], Any] | None) -> tuple[list, str | None]:
    """The candidates tied to the noun asked about, where only a tie makes one an answer, and why none is: "How many
    troops ...?" is not answered by a count of something else, nor "Who is the mayor?" by another person in the story
    (ten eval sets: five unanswerable questions refused, no right answer lost). Standing in for a tie: the bare counts
    that fill the role asked (role_counted); for a person, the names that do what is asked (agency.doers)."""
    if q.answer_type.name in ("number", "quantity") and q.focus:
        written = (re.search(rf"\b{re.escape(q.focus)}\w*", q.text, re.I) or [q.focus])[0].lower()  # "buses"
        what = f"gives {'the' if q.answer_type is TALLY else 'a number of'} {written}"  # as the question writes it
        counted = role_counted(q.role, ranked, parse) if q.wh == "how many" else []
    elif (q.wh == "who" or q.naming and q.answer_type.name == "person" and q.focus not in NAME_NOUNS) \
            and q.focus:  # "What is the name of X's lawyer?" asks "Who is X's lawyer?" ("What was her name?" not)
        what = f"names the {q.focus}"  # a doer's sentence parsed only where none is tied
        counted = [] if any(c.focus >= 0.6 for c in ranked) else doers(q.role, ranked, parse, MIN_UNTYPED)
    else:
        return ranked, None
    tied = [c for c in ranked if c.focus >= 0.6 or c in counted]  # none to tie: another check says why (too old)
    return tied, None if tied or not ranked else f"no passage {what} the question asks about"


def _of_another_year(q: Question, docs: list[Doc], evidence: list[Evidence], ranked: list[Candidate],
                     years_seen: set[int], too_old: set[str]) -> str | None:
    """Why no candidate answers, where every sentence that could is of another year than the one
    asked about: that is the answer, not the best of them (which an open noun would fall back to:
    "the median price was $300,000 in 2021" for "What was the median price in 2023?")."""
    if ranked or not years_seen or any(years_hold(q, docs[e.passage], e) for e in evidence):
        return None
    return _why_not(q, ranked, years_seen, too_old)


def _untied(q: Question, evidence: list[Evidence], docs: list[Doc]) -> Reading:
    """No name tied to the open noun asked about: the best sentences answer where they speak of it
    ("... in its address to the 5th session of ..." for "To which session ...?") and hold most of the
    question. One that names another golfer or stadium than the one asked about is no answer (on six
    eval sets: 17 more unanswerable questions refused, 4 right answers lost; bench/RESULTS.md)."""
    described = _describe(q, evidence, docs)
    focus = set(tokens(q.focus or "")[0])
    speaks = [e for e in described.sentences[:2] if focus & set(tokens(e.text)[0])]
    if not speaks or max(e.score for e in described.sentences) < MIN_UNTYPED or q.naming:
        described.abstain_reason = described.abstain_reason or f"no passage names the {q.focus} the question asks about"
    return described


def _stated(q: Question, answering: list[Candidate], reason: str | None,
            parse: Callable[[str], Any] | None) -> tuple[list[Candidate], str | None, str | None]:
    """The candidates, or none and why, when the best one's sentence, parsed, gives a value only as
    sought or foreseen ("had sought a 9% raise" for "What raise did the union win?", modality.py), or
    speaks of another kind of the thing asked about ("compensatory damages" for "How much in punitive
    damages ...?", kinds.py). The next-best are no fallback, but in the same sentence: tried, they
    answered the questions so refused with names further off ("30 minutes" for "On what date ...?";
    bench/RESULTS.md). So for "Who directed ...?" when the best sentence names a person but not the
    directing ("starring Tom Reed"; doing.py), unless told conversely. A name given only as foreseen
    ("she expects to meet the first lady of Norway") answers, with the word that hedges it to be shown:
    who was to take part seldom changes, an amount or a date often does (bench/RESULTS.md)."""
    if q.doing and answering and not reason and not speaks_of(answering[0].evidence.text, q.doing) \
            and not credited(answering[0]) and not cast_as(answering[0], q.doing, q.terms) \
            and not told_conversely(answering[0], [name for name, _ in q.topics], parse):
        return [], f"the sentence that names {answering[0].text!r} says nothing of {q.doing[0]!r}", None
    if not ((q.outcome or q.kinds) and parse and answering) or reason:
        return answering, reason, None
    best = answering[0]
    sentence = parse(best.evidence.text)
    other = other_kind(q.kinds, sentence)
    if other:
        return [], f"the passage that names {best.text!r} speaks of {other[0]}, not {other[1]}", None
    def hedged(c: Candidate) -> str | None:
        return hedge(sentence, c.span[0] - c.evidence.start, c.span[1] - c.evidence.start, frozenset(q.terms))
    word = hedged(best) if q.outcome else None
    if word is None:
        return answering, None, None
    if best.label not in (None, *VALUE_LABELS) and q.answer_type.name not in VALUE_TYPES:
        return answering, None, word
    stated = [c for c in answering if (c.evidence.text, c.label) == (best.evidence.text, best.label) and not hedged(c)]
    if stated:  # its own sentence gives another as what happened ("lost 970, not the 2,000 it said it would lose")
        return stated + [c for c in answering if c not in stated], None, None
    why = f"the passages give {best.text!r} only as what was wanted or foreseen ({word!r}), not as what happened"
    return [], why, None


def _can_answer(q: Question, c: Candidate) -> bool:
    """Whether a candidate's sentence holds enough of the question for it to answer: most of it for a
    name that fits the type loosely, unless it is tied to the noun asked about (the corpus calls one a
    giant). A name of another kind answers only where an organisation is in play: the small model
    labels some companies persons or places ("Harbor Foods" a person), and a company does what "who"
    asks; but a country is no person, an agency no city (the right answers of another kind on eleven
    eval sets were all companies asked for as such; bench/RESULTS.md). A place is no person even
    where the corpus ties it to the role asked about ("the governor of Oakdale" for "Who is the governor ...?")."""
    if q.answer_type.name == "person" and c.label in PLACE_LABELS:
        return False
    loose = c.label and c.fit < LOOSE_FIT and c.focus < 0.6
    if loose and c.label in NAME_LABELS and not (
            q.answer_type.name == "organisation" or q.answer_type.name == "person" and c.label == "ORG"):
        return False
    return c.evidence.score >= (MIN_UNTYPED if loose else _min_evidence(c))


def _min_evidence(c: Candidate) -> float:
    """The share of the question a candidate's sentence must hold: less for a name tied to the noun
    asked about ("the e-commerce giant Northwind" for "which tech giant"), the tie being evidence too."""
    return MIN_EVIDENCE_TIED if c.focus >= 0.6 else MIN_EVIDENCE


def _why_not(q: Question, ranked: list[Candidate], years_seen: set[int], too_old: set[str]) -> str | None:
    """Why the candidates do not answer `q`, or None when the best one does."""
    kind = _a(AS_NOUN.get(q.answer_type.name, q.answer_type.name) + (f" ({q.focus})" if q.focus else ""))
    if not ranked and too_old and not q.relative_time:  # the day it names: "on June 14, 2022"
        seen = ", ".join(sorted(filter(None, too_old))[-3:])
        return f"no article that could answer reports on {' and '.join(q.dates)} (they are from {seen})"
    if not ranked and too_old:
        return (f"the question asks about {', '.join(q.relative_time)} as of {q.as_of}, and the newest article "
                f"that could answer is from {max(too_old) or 'an unknown date'}")
    if not ranked:
        if q.years and years_seen:
            seen = ", ".join(str(y) for y in sorted(years_seen)[-4:])
            return f"the passages report on {seen}, none on {', '.join(map(str, q.years))}"
        return f"no passage names {kind} the question asks for"
    best = max(ranked, key=lambda c: c.evidence.score)
    if best.evidence.score < _min_evidence(best):
        missing = ", ".join(best.evidence.missing[:4])
        return f"the passages that name {kind} do not say what the question asks (missing: {missing})"
    if not any(_can_answer(q, c) for c in ranked):
        # Only names of a looser kind (a place for "who"), none in a sentence holding most of the
        # question: an abstention, not the best sentence (it named no one who did it).
        other = BY_LABEL[best.label].name if best.label in BY_LABEL else "phrase"
        return f"no passage names {kind} the question asks for (the nearest, {best.text!r}, is {_a(other)})"
    return None


def _a(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def _describe(q: Question, evidence: list[Evidence], docs: list[Doc]) -> Reading:
    """The best sentences by the question's words (the backend weighs their meaning too); for a
    question about the present, from articles of that time only."""
    if q.present:
        fresh = [e for e in evidence if recency(q, docs[e.passage].date) >= STALE]
        if not fresh:
            newest = max((docs[e.passage].date or "" for e in evidence), default="")
            return Reading(q, abstain_reason=f"the question asks about {', '.join(q.relative_time)} as of "
                                             f"{q.as_of}, and the newest article that could answer is from {newest}")
        evidence = fresh
    best, reason = evidence[0], None
    if best.score < MIN_DESCRIBED:
        reason = f"no passage says what the question asks (missing: {', '.join(best.missing[:4])})"
    if q.wh == "why" or REASON_NOUNS & {q.focus, *q.terms}:
        # "Why ...?", "What was the reason ...?": a sentence that gives a cause ("in response to the
        # launch of balloons") is read with its neighbours, which name what it explains.
        evidence = [replace(e, own=max(e.own, e.score) + W_CAUSE) if CAUSAL.search(e.text) else e for e in evidence]
    ranked = sorted(evidence, key=lambda e: e.own - RANK_DECAY * e.passage, reverse=True)
    return Reading(q, sentences=_diverse(ranked, DESCRIBE_AT_MOST), abstain_reason=reason)


def _diverse(evidence: list[Evidence], n: int, per_passage: int = 2) -> list[Evidence]:
    """The `n` best sentences, at most `per_passage` from one passage, so a passage that answers in
    other words than the question's (its meaning is weighed next) still gets a say."""
    taken: dict[int, int] = {}
    out = []
    for e in evidence:
        if taken.get(e.passage, 0) < per_passage:
            taken[e.passage] = taken.get(e.passage, 0) + 1
            out.append(e)
            if len(out) == n:
                break
    return out
