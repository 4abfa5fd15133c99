"""Measures: what a "How deep ...?" or "How much does it weigh?" question measures, and the values that
give it (a figure after the measure's noun: "at a depth of 27 miles"; a unit of its dimension)."""

from __future__ import annotations

import re

from .agency import first_holding, text_before
from .question import Question
from .text import STOPWORDS

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


def compared_first(q: Question, answering: list, within: int = 5) -> list:
    """The candidates (best first), with a value written just before the comparative asked put first
    where the best one is not: "How much brighter do supermoons appear?" is answered by the 15% of
    "about 7% bigger and about 15% brighter", not by the 7%."""
    if not q.comparatives:
        return answering
    compared = re.compile(rf"^\s*(?:{'|'.join(map(re.escape, q.comparatives))})\b", re.I)
    return first_holding(answering, lambda c: compared.match(c.evidence.text[c.span[1] - c.evidence.start :]),
                         within, tie=False)


_WORD_AFTER = re.compile(r"[ \u00a0]([a-z]+(?:-[a-z]+)*)\b")


def with_unit(q: Question, text: str, passage: str, end: int) -> str:
    """A bare figure that answers a measure with the word it counts after it in the passage: "1,150
    light-years" for "How far is the planet?" (the model spans the number alone; the number alone
    answers no measure)."""
    if q.answer_type.name != "quantity" or not re.fullmatch(r"[\d,.]*\d", text):
        return text
    unit = _WORD_AFTER.match(passage, end)
    return f"{text} {unit[1]}" if unit and unit[1] not in STOPWORDS else text
