"""Measures: what a "How deep ...?" or "How much does it weigh?" question measures, and the values that
give it (a figure after the measure's noun: "at a depth of 27 miles"; a unit of its dimension; a
figure with its unit, "1,150 light-years"; the one before the comparative asked, "15% brighter"; one
before the noun asked, "a 7.2 magnitude quake")."""

from __future__ import annotations

import re
from typing import Any

from .agency import first_holding, sentence_of, text_before
from .answer_types import VALUE_LABELS
from .mentions import mentions, name_words
from .question import Question
from .text import STOPWORDS, clause_of, stems

# The units of each dimension a measure question may ask (closed classes), and the words that ask it:
# only those of a body's size ("how deep" or "how fast" may ask of cuts or of inflation, in money or percent).
_UNITS = {"weight": r"pounds?|lbs?|tons?|tonnes?|kilos?|kilograms?|kg|grams?|ounces?|oz",
          "length": r"miles?|foot|feet|meters?|metres?|kilometers?|kilometres?|km|yards?|inch|inches|cm|mm"}
_ASKS = {"weight": r"weigh\w*|heavy|weight", "length": r"tall|height"}


def of_another_dimension(q: Question, text: str) -> bool:
    """Whether a value (`text`: it and the word after it) gives no unit of the one measure asked: "How
    much does the telescope weigh?" is answered by "13,000-pound", not by "72-foot" nor "one giant step"."""
    if q.answer_type.name != "quantity":
        return False
    asked = [dim for dim, words in _ASKS.items() if re.search(rf"\b(?:{words})\b", q.text, re.I)]
    return len(asked) == 1 and not re.search(rf"(?<![A-Za-z])(?:{_UNITS[asked[0]]})\b", text, re.I)


# The noun a "how <adjective>" question's measure goes by, as news writes it before the figure ("at a
# depth of 27 miles"; a closed class, as answer_types' "how" phrases are).
_MEASURE_NOUNS = {"deep": "depth", "tall": "height", "high": "height", "wide": "width", "heavy": "weight",
                  "fast": "speed", "far": "distance", "big": "size", "large": "size"}


def measure_first(q: Question, answering: list, within: int = 5) -> list:
    """The candidates (best first), with a quantity written after the noun of the measure asked for
    put first where the best one is not: "How deep was the quake?" is answered by the 27 miles of "at
    a depth of 27 miles", not by the 28 miles of "28 miles south of" in the same sentence."""
    noun = _MEASURE_NOUNS.get(q.wh.removeprefix("how "), "") if q.wh.startswith("how ") else ""
    measured = re.compile(rf"\b(?:{noun}|{q.wh.removeprefix('how ')})\b[\w\s,]{{0,12}}$", re.I) if noun else None
    if measured is None:
        return answering
    return first_holding(answering, lambda c: measured.search(text_before(c)), within, tie=False)


_AMOUNTS = frozenset({"more", "less", "fewer"})  # comparatives of amount alone, which compare no quality


def compared_first(q: Question, answering: list, within: int = 5) -> list:
    """The candidates (best first), with a value written just before the comparative asked put first
    where the best one is not: "How much brighter do supermoons appear?" is answered by the 15% of
    "about 7% bigger and about 15% brighter", not by the 7%."""
    compared = [w for w in q.comparatives if w not in _AMOUNTS]
    if not compared:
        return answering
    after = re.compile(rf"^\s*(?:{'|'.join(map(re.escape, compared))})\b", re.I)
    return first_holding(answering, lambda c: after.match(c.evidence.text[c.span[1] - c.evidence.start :]),
                         within, tie=False)


# What a value stands after when it is the baseline a sentence compares with ("up from the 64%", "as
# compared to 49% two months ago", "fell to $3.10, down from $3.40"), not the one it reports.
_BASELINE = re.compile(r"\b(?:(?:up|down|rose|fell|dropped|climbed|increased|decreased|declined|jumped|grew)\s+from"
                       r"|compared\s+(?:to|with)|versus|vs\.)\s+(?:the\s+|a\s+|an\s+|about\s+|roughly\s+)?$", re.I)
_ASKS_BASELINE = re.compile(r"\b(?:from|compared|before|previous|previously|earlier|ago|last)\b", re.I)
# What follows a value that is a difference ("38,507 valid signatures, nearly 3,000 more than needed").
_DIFFERENCE = re.compile(r"\s*(?:[a-z]+\s+)?(?:more|fewer|less|higher|lower|greater)\s+than\b", re.I)


def reported_first(q: Question, answering: list, within: int = 5) -> list:
    """The candidates (best first), with a value a sentence reports put first where the best one is the
    baseline it compares with ("just 26% of Democrats approving this month as compared to 49% two months
    ago": 26%), unless the question asks about a before; or a difference ("received 38,507 valid
    signatures, nearly 3,000 more than needed": 38,507), unless it asks one ("How many more ...?")."""
    if not answering or answering[0].label not in (*_VALUED, "CARDINAL"):
        return answering
    before, difference = not _ASKS_BASELINE.search(q.text), not q.comparatives

    def reported(c: Any) -> bool:
        after = c.evidence.text[c.span[1] - c.evidence.start :]
        return not (before and _BASELINE.search(text_before(c)) or difference and _DIFFERENCE.match(after))
    return first_holding(answering, reported, within, tie=False)


_WORD_AFTER = re.compile(r"[ \u00a0]([a-z]+(?:-[a-z]+)*(?: points?)?)\b")  # and "percentage point"


def with_unit(q: Question, text: str, passage: str, end: int) -> str:
    """A bare figure that answers a measure with the word it counts after it in the passage: "1,150
    light-years" for "How far is the planet?" (the model spans the number alone; the number alone
    answers no measure)."""
    if q.answer_type.name != "quantity" or not re.fullmatch(r"[\d,.]*\d", text):
        return text
    unit = _WORD_AFTER.match(passage, end)
    return f"{text} {unit[1]}" if unit and unit[1] not in STOPWORDS else text


# The parse's links that make a value one of a noun ("the record of $4.11"), and the labels of the values
# that are one of the noun they stand before ("a 50% stake", "the 5th session"; not a count: the 5 of
# "the Ariane 5 rocket" names the rocket, it is no rocket)
_VALUE_OF = ("of", "appos", "attr")
_VALUED = ("PERCENT", "MONEY", "QUANTITY", "ORDINAL")


def _of_the_noun(noun: str, text: str, end: int, measure: bool = False) -> bool:
    """Whether the value ending at `end` modifies `noun` (a lemma) as the next word: "a 50% stake",
    "a 15.5% chance" (the index keeps no such link for values); for a bare number (`measure`), only
    as the noun's own singular, as a measure is written ("a 7.2 magnitude quake"; "7 players" counts)."""
    following = re.match(r"[\s-]+([A-Za-z]+)" if measure else r"\s+([A-Za-z]+)", text[end : end + 30])
    if measure:  # "7.2-magnitude" too
        return bool(following) and following[1].lower() == noun
    return bool(following) and stems([following[1].lower()]) == stems([noun])


# A value the noun "stands at" ("the job approval rating stands at 33%", "the lump sum for Wednesday's
# drawing is estimated at $806 million"): the noun, a few words, a verb of level, "at".
_AT_LEVEL = r"\w*\b[^.;:!?]{0,40}?\b(?:is|was|are|were|stands|stood|sits|sat)\s+(?:now\s+)?(?:\w+ed\s+)?at\s+$"


def one_of_the_noun(noun: str, text: str, span: tuple[int, int, str, str], before: str,
                    words: tuple[str, ...] = ()) -> bool:
    """Whether a value (start, end, label, links) is one of the noun asked about: by the parse ("the
    record of $4.11"), as an amount before it ("a 50% stake"), as a number before its singular or
    after it, a measure ("a 7.2 magnitude quake", "7.2-magnitude", "a magnitude 7.0 earthquake"; not
    the 5 of a name: "the Ariane 5 rocket"), or
    as the level the noun (or one of the nouns compounded with it, `words`) stands at."""
    a, b, label, links = span
    levelled = "|".join(map(re.escape, words or (noun,)))
    return bool(set(links.split("|")) & {f"{how}:{noun}" for how in _VALUE_OF}) \
        or label in _VALUED and _of_the_noun(noun, text, b) \
        or label == "CARDINAL" and not re.search(r"[A-Z][\w-]*\s+$", before) and _of_the_noun(noun, text, b, True) \
        or label == "CARDINAL" and re.search(rf"\b{re.escape(noun)}\s+$", before) is not None \
        or text[a:b].lower().endswith("-" + noun) \
        or label in _VALUED and re.search(rf"\b(?:{levelled}){_AT_LEVEL}", before, re.I) is not None


def topic_clause_first(q: Question, answering: list, within: int = 5) -> list:
    """The candidates (best first), with a value of the best one's sentence whose clause names a place or
    organisation the question names put first where the best one's clause does not: "with 1,748 confirmed
    cases in New York, followed by 826 confirmed cases in California" gives New York's count."""
    named = [(name, label) for name, label in q.topics if label in ("GPE", "LOC", "ORG", "NORP")]
    if not named or not answering or answering[0].label not in VALUE_LABELS:
        return answering
    best = answering[0]

    def names(c: Any) -> bool:
        words = name_words(clause_of(c))
        return sentence_of(c) == sentence_of(best) and any(mentions(words, name, label) for name, label in named)
    return first_holding(answering, names, within, tie=False)


_VAGUE = re.compile(r"(?:dozens|hundreds|thousands|millions|billions|scores|several|many|numerous)\b", re.I)


def exact_first(q: Question, answering: list) -> list:
    """The candidates (best first), with a figure put first where the best one is only a vague count ("dozens of
    people are unaccounted for", for "How many people ...?", where another passage says "the 44 people who had been
    reported missing"): among the five best, fitting and tied as well (agency.first_holding)."""
    best = answering[0] if answering else None
    if q.answer_type.name != "number" or best is None or re.search(r"\d", best.text) or not _VAGUE.search(best.text):
        return answering
    return first_holding(answering, lambda c: re.search(r"\d", c.text))
