"""What a value counts, for "How many ...?" and "How long ...?": the noun asked about ("87 days"), another
thing (the 16 of "a 16-track album" counts tracks), or nothing, as a rank ("its 87th day"); for "How
much ...?", whether it counts things instead ("100 cockroaches"); for "What percentage of ...?", which
group it is a share of; for "How old ...?", whether it is an age at all, and whose; and where a value
starts that spaCy ran into the figure of a name the question gives ("Level 1 three times")."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .agency import fills, sentence_of, text_before, to_front
from .answer_types import VALUE_LABELS
from .evidence import Doc, tokens
from .judge.facts import number_tokens
from .measures import (
    compared_first,
    exact_first,
    measure_first,
    of_another_dimension,
    one_of_the_noun,
    reported_first,
    topic_clause_first,
)
from .question import Question
from .text import content_terms, stems
from .weights import OTHER_NAME_FIT

_HYPHENED = re.compile(r"-([A-Za-z]+)")  # the noun a value is hyphened to: "16-track", "a 10-year plan"
# "one in [five]", "3 out of [4]"; after the value, "[13] times the number": terms of a ratio or a multiple
_RATIO_BEFORE = re.compile(r"\b(?:one|a|\d+)\s+(?:in|out of)\s*$", re.I)
_RATIO_AFTER = re.compile(r"^\s*(?:(?:in|out of)\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
                          r"|times\s+(?:the|as|more|less|fewer|higher|larger|greater|bigger|that)\b)", re.I)
# "What percentage of Democrats ...": a share of a group; "84% of [US] Democrats": the group it is of
_ASKS_SHARE = re.compile(r"\b(?:percentage|percent|share|proportion|fraction)\s+of\b", re.I)
# (the words before the group's noun are skipped: a determiner, a figure, a possessive: "27% of the
# 27-nation bloc's oil imports" is a share of imports, not of "the")
_SHARE_OF = re.compile(r"\s+of\s+(?:(?:the|all|its|their|his|her|our|U\.?S\.?|\S*\d\S*|[A-Za-z]+['’]s?)\s+)*"
                       r"([A-Za-z]+(?:\s+[a-z]+){0,2})")  # "of the platform's active user base": its nouns too
_PART_BEFORE = re.compile(r"\b(?:including|among them)\s+$", re.I)  # "26 people, including 20 children"
# "By how much did shares fall?" asks for a change; "fell 9% to $145.30" gives the level after "to"
_ASKS_CHANGE = re.compile(r"^\W*by how (?:much|many)\b|\bhow (?:much|many)\b.*\bby\s*(?:[?.!]|$|(?:on|in|at|last|this|"
                          r"over|since|during|after|before)\b)", re.I)  # "by" left stranded: "fall by?", "by in May?"
_LEVEL_BEFORE = re.compile(r"\b(?:to|at|from)\s+[$£€]?$", re.I)
# "among Democrats": the group of a share ("among them" is of the group named before: no other)
_AMONG_GROUP = r"among\s+(?:the\s+)?(?!them\b|those\b|these\b|us\b)([A-Za-z]+)"
_AMONG = re.compile(rf"\b{_AMONG_GROUP}")
_AMONG_AFTER = re.compile(rf"\s+{_AMONG_GROUP}")
_AGED = re.compile(r"year-old|years?[\s-]+old|\bage[ds]?\b", re.I)  # "67-year-old", "the age of 67"
_AGE_NUMBER = re.compile(r"^(?:the\s+|at\s+)?age(?:d| of)\s+(\d[\d,]*)\b|^(\d[\d,]*)(?:-year-old|st|nd|rd|th)$", re.I)
_BIRTHDAY = re.compile(r"\d{1,3}(?:st|nd|rd|th)\s+birthday\b", re.I)  # the age one turns that day
# an age limit, in any unit, up to the end of the value: "as young as 6 months", "as old as 12"
_AS_YOUNG_AS = re.compile(r"\bas (?:young|old) as\s+(?:\d|one|two|three|four|five|six|ten|twelve)[^.;,]{0,20}$", re.I)
# The relatives an age may be given for, beside the person asked about (a closed class of kin terms)
_KIN_AFTER = re.compile(r"(?:-year-old)?\s+(sister|brother|son|daughter|mother|father|wife|husband|grandson|"
                        r"granddaughter|grandmother|grandfather|niece|nephew|cousin|boyfriend|girlfriend)s?\b", re.I)
_AGED_BEFORE = re.compile(r"\b(?:at|aged?|age of)\s*$", re.I)  # "At 83, Reed ...", "aged 67"
_AGED_AFTER = re.compile(r"^\s*-?\s*years?[\s-]+old\b", re.I)  # "67 years old"
# "Reed was 67.": a bare number after the copula or "turned" that ends the sentence (of an obituary);
# not "when he was 52, he became ...", an age at another time than the question's
_STATED_AGE_BEFORE = re.compile(r"\b(?:is|was|turned|turns|had turned)\s+(?:just\s+|only\s+)?$", re.I)
_STATED_AGE_AFTER = re.compile(r"^\s*(?:\.|$)")


def counts_another(q: Question, text: str, span: tuple[int, int, str], focus: set[str]) -> bool:
    """Whether a value counts or ranks another thing than the one asked about: the 16 of "a 16-track
    album" counts tracks, not album units; "her seventh studio album" ranks ("how many" it is not),
    while "the fourth missile" does count missiles."""
    a, b, label = span
    if (unit := _HYPHENED.match(text, b)) and stems([unit[1]])[0] not in focus:
        return True
    ranks = label == "ORDINAL" or only_ranks(figures(text[a:b]))
    return q.wh == "how many" and ranks and not focus.intersection(tokens(text[b : b + 30])[0][:1])


_CONVERTED = re.compile(r"\d(?:\s?(?:m|bn|k|million|billion|trillion))?\s*\(\s*[$£€]?$")  # "€1.4bn (£1.2bn)"


def value_fit(q: Question, text: str, span: tuple[int, int, str, str], fit: float, sentence: int) -> float:
    """How well a value (start, end, label, links) of a passage `text` (its sentence starting at
    `sentence`) fits the question, from its label's fit: fully where the parse makes it one of the
    noun asked ("the record of $4.11" for "What was the record ...?") or it counts that noun ("the past
    eight months" for "How many months ...?"); not at all where it counts another (counts_another), is
    no count of the noun asked (counts_asked) or no measure of the one asked (of_another_dimension); a
    percentage by the group it is a share of (share_fit); nor an amount the sentence gives again in
    brackets, converted ("around €1.4bn (£1.2bn) of damage": the first as written)."""
    a, b, label, links = span
    before = text[sentence:a]
    if q.answer_type.name == "thing" and q.focus and one_of_the_noun(q.focus, text, span, before, q.focus_words):
        fit = 1.0
    counts = q.answer_type.name in ("number", "quantity", "money") and q.focus
    if counts and counts_noun(q.focus, text[a:b]):
        fit = 1.0
    elif counts and counts_another(q, text, (a, b, label), set(stems(list(q.focus_words or (q.focus,))))) \
            or not counts_asked(q, label, text, b, before) or of_another_dimension(q, text[a : b + 12]) \
            or _CONVERTED.search(before[-24:]):
        return 0.0
    return fit * share_fit(q, text, b, before) if label == "PERCENT" else fit


def partitive(label: str | None, sent: list[str], after: int, nouns: set[str]) -> bool:
    """A count of the noun asked about in the partitive: "all 71 of the new recruits"."""
    return (label in VALUE_LABELS and sent[after : after + 1] == ["of"]
            and bool(nouns.intersection(sent[after + 1 : after + 4])))


def counts_noun(focus: str, text: str) -> bool:
    """Whether a value counts the noun asked about: "87 days" for "how many days", not "Saturday",
    "these days" or "its 87th day" (an ordinal ranks, it does not count)."""
    numbers = figures(text)
    return stems([focus])[0] in tokens(text)[0] and bool(numbers) and not only_ranks(numbers)


_MAGNITUDES = frozenset({"thousand", "million", "billion", "trillion"})


def figures(text: str, scaled: bool = False) -> list[str]:
    """A value's numbers in figures, ordinals apart ("87th"): `number_tokens` less the words; `scaled`:
    each with the magnitude word after it ("$800 million" -> "800million": not the 800 of "800 Stingers")."""
    toks = number_tokens(text, ordinals=True)
    return [t + (toks[k + 1] if scaled and toks[k + 1 : k + 2] and toks[k + 1] in _MAGNITUDES else "")
            for k, t in enumerate(toks) if t[:1].isdigit()]


def only_ranks(numbers: list[str]) -> bool:
    """Whether a value's numbers (`number_tokens` with ordinals apart) are all ordinals ("the 87th day")."""
    return bool(numbers) and all(t.endswith("th") for t in numbers)


def states_age(text: str, start: int, end: int) -> bool:
    """Whether the value at [start, end) of a passage gives someone's (or something's) age: "67-year-old",
    "aged 67", "the age of 67", "At 83, Reed ...", "Tom Reed, 67, died", "Reed was 67.", "her 52nd
    birthday", "as young as 6 months"; not a length of time ("after nearly 28 years on the court",
    "three decades"), which spaCy labels alike (DATE)."""
    value = text[start:end]
    if _AGED.search(value) or _BIRTHDAY.match(text, start):  # "on her 52nd birthday"
        return True
    if _AS_YOUNG_AS.search(text[max(0, start - 16) : end]):  # "children as young as 6 months" (in the span or not)
        return True
    if not re.fullmatch(r"\d{1,3}", value.strip()):
        return False
    before, after = text[max(0, start - 12) : start], text[end : end + 16]
    between_commas = before.rstrip().endswith(",") and after.lstrip()[:1] == ","  # "Tom Reed, 67, died"
    stated = bool(_STATED_AGE_BEFORE.search(before) and _STATED_AGE_AFTER.match(after))  # "Reed was 67."
    return bool(_AGED_BEFORE.search(before) or _AGED_AFTER.match(after)) or between_commas or stated


def names_an_age(value: str) -> bool:
    """Whether a value says itself that it is an age ("the age of 67 Friday", "67-year-old"): no date,
    time or length of time, though spaCy labels it DATE."""
    return bool(_AGED.search(value))


def the_age(value: str) -> str:
    """The age a value states in words around its number ("the age of 67 Friday", the adjective
    "67-year-old", a birthday's "52nd"): the number alone, as the short answer to "How old ...?"
    (else the value as it is: "more than 2,000 years old")."""
    m = _AGE_NUMBER.search(value)
    return (m[1] or m[2]) if m else value


_NAME_COMMA = re.compile(r"\b([A-Z][\w'’-]+),\s*$")  # a capitalised word and a comma, right before a value


def ages_another(asked: list[set[str]], text: str, ann: dict, start: int, end: int, question: str = "") -> bool:
    """Whether the age at [start, end) of a passage is another person's than the one the question names
    (`asked`, each name's words): written right before or after another's name ("the 41-year-old Tom
    Reed", "Tom Reed, 41,") where the question asks how old Ana Ruiz was; or a relative's ("her
    21-year-old sister") where the question asks about a person it names, or not about the relative."""
    kin = _KIN_AFTER.match(text, end)
    if kin and (asked or not re.search(rf"\b{kin[1]}", question, re.I)):
        return True
    for a, b, label, _ in ann.get("e", []):
        if label == "PERSON" and (0 <= a - end <= 3 or 0 <= start - b <= 3):
            name = set(tokens(text[a:b])[0])
            if asked and not any(name & person for person in asked):
                return True
    # "Young, 25, leads ...": a surname the small model labels nothing, before an age between commas
    named = _NAME_COMMA.search(text, max(0, start - 40), start)
    return bool(asked and named and text[end : end + 2].lstrip().startswith(",")
                and not any(set(tokens(named[1])[0]) & person for person in asked)
                and not re.search(rf"\b{re.escape(named[1])}\b", question))  # the question's, labelled or not


def counts_things(ann: dict, start: int, end: int) -> bool:
    """Whether the number at [start, end) of a passage counts the noun of the phrase it opens ("100
    cockroaches", the parse's noun chunks): a number of things, no sum of money or share."""
    return bool(_phrases_opened(ann, start, end))


def counts_the_noun(d: Doc, start: int, end: int, nouns: set[str], label: str | None) -> bool:
    """Whether the value at [start, end) of a passage `d` opens a phrase whose noun is the one asked
    about (`nouns`: its stems), however long: "12 million customer loyalty card accounts" counts
    accounts (a noun chunk ends on its noun)."""
    chunks = _phrases_opened(d.ann, start, end) if label in VALUE_LABELS else []
    return any(set(tokens(d.text[a:b])[0][-1:]) & nouns for a, b in chunks)


def _phrases_opened(ann: dict, start: int, end: int) -> list[tuple[int, int]]:
    """The noun chunks the value at [start, end) opens, with words after it."""
    return [(a, b) for a, b in ann.get("n", []) if a <= start and b > end + 1]


def past_the_questions_name(q: Question, text: str, a: int, b: int) -> int:
    """Where a value starts once the figure that ends one of the question's names is left out: spaCy
    runs "Level 1 three times" into one number ("1 three") where the question asks about "Level 1"."""
    first = re.match(r"\S+\s+", text[a:b])
    before = re.search(r"(\w+)\s+$", text[max(0, a - 30) : a])
    if first and before and re.search(rf"\b{re.escape(before[1])}\s+{re.escape(first[0].strip())}(?!\w)", q.text, re.I):
        return a + first.end()
    return a


def _group_of(text: str, end: int, before: str) -> re.Match | None:
    """The group a percentage ending at `end` is a share of, as news gives it: after it ("of Democrats",
    "among Democrats") or earlier in its sentence (`before`: "among Democrats, ... 49%"); group 1 its words."""
    return _SHARE_OF.match(text, end) or _AMONG_AFTER.match(text, end) or _AMONG.search(before)


def share_fit(q: Question, text: str, end: int, before: str = "") -> float:
    """How well a percentage fits a question for the share of a group ("What percentage of Democrats
    ...?"): 1 as the group's or where it gives none; none as the share of another group named
    (capitalised: "53% of Americans"; "84% of Democrats" answers); less as the share of a group in
    common nouns ("60% of US adults" may be of the Americans asked about). The group may be given
    with "among", after the value or earlier in its sentence (`before`): "among Democrats, ... 49%"."""
    if not _ASKS_SHARE.search(q.text):
        return 1.0
    group = _group_of(text, end, before)
    if not group:
        return 1.0
    if not set(stems(group[1].lower().split())).isdisjoint(content_terms(q.text)):
        return 1.0
    return 0.0 if group[1][:1].isupper() else OTHER_NAME_FIT


def counts_asked(q: Question, label: str, text: str, end: int, before: str = "") -> bool:
    """Whether a percentage or an amount of money may answer "How many <noun> ...?": a percentage only
    as the share of that noun's group ("12% of the employees", "among employees, 12%"), which a count
    stands for; money never ("raises of as much as 3% for state employees" and "$28 million ... for the
    merit pay increases" count no employees; 2026-12-07, bench/RESULTS.md). A value that names the
    noun ("500 euros" for "how many euros") is let in before this."""
    if q.wh != "how many" or not q.focus or label not in ("PERCENT", "MONEY"):
        return True
    group = _group_of(text, end, before)
    return label == "PERCENT" and bool(group) and stems([q.focus])[0] in stems(group[1].lower().split())


def in_ratio(text: str, start: int, end: int) -> bool:
    """Whether the value at [start, end) of a passage is a term of a ratio ("one in five eligible
    voters", "3 out of 4 drivers") or a multiple ("13 times the number of deaths"): a share, which
    answers no "How many ...?" with either number."""
    return bool(_RATIO_BEFORE.search(text[max(0, start - 16) : start]) or _RATIO_AFTER.match(text[end : end + 16]))


def whole_first(q: Question, answering: list) -> list:
    """The candidates (best first), with the count or amount a part is of put first where the best one
    gives only the part: "the massacre, which killed 26 people, including 20 children" answers "How
    many people were killed?" with 26, not 20; "$20.4 billion for security, including $5 billion for
    drawdowns", "How much is for security?" with $20.4 billion (the nearest value before it in its
    sentence, of its label, tied as well)."""
    if q.answer_type.name not in ("number", "quantity", "money") or len(answering) < 2:
        return answering
    best = answering[0]
    if not _PART_BEFORE.search(text_before(best)):
        return answering
    before = [c for c in answering[1:] if sentence_of(c) == sentence_of(best) and c.span[0] < best.span[0]
              and c.focus >= best.focus and c.label == best.label]
    return to_front(answering, max(before, key=lambda c: c.span[0], default=None))  # the nearest before it


def a_level(question: str, text: str, start: int) -> bool:
    """Whether the value at `start` of a passage is a level (after "to", "at", "from") where the
    question asks by how much something changed: "By how much did Acme's shares fall?" is answered by
    the 9% of "fell 9% to $145.30", not by $145.30."""
    return bool(_ASKS_CHANGE.search(question) and _LEVEL_BEFORE.search(text[max(0, start - 8) : start]))


def values_first(q: Question, answering: list) -> list:
    """`reported_first`, `exact_first`, `whole_first`, `measure_first`, `compared_first`, then `topic_clause_first`:
    the value a question about a count, an amount, a measure or a difference asks for."""
    return topic_clause_first(q, compared_first(q, measure_first(q, whole_first(q, exact_first(q, reported_first(
        q, answering))))))


def role_counted(role: tuple[str, str] | None, ranked: list, parse: Callable[[str], Any] | None) -> list:
    """The bare counts that fill the question's `role` in the sentence of a count tied to the noun
    asked about: "the flu has infected 1,200 people and has killed 370" counts people twice, the noun
    left out after the second verb; "How many people has the flu killed?" asks for the 370."""
    if role is None or parse is None:
        return []
    tied = {sentence_of(c) for c in ranked if c.focus >= 0.6}
    return [c for c in ranked if c.focus < 0.6 and c.label == "CARDINAL" and sentence_of(c) in tied
            and fills(parse(c.evidence.text), role, c.span[0] - c.evidence.start, c.span[1] - c.evidence.start)]
