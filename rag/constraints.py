"""Constraints a question puts on its evidence, checked before any candidate is read from it: the
years it names, the ordinal it counts its noun with ("the first summit"), the country a figure is
asked for, and the names it is about."""

from __future__ import annotations

import re

from .asking import RANKS
from .dates import NEWS_DAY
from .evidence import Doc, Evidence
from .judge.facts import number_tokens
from .mentions import mentions, name_words
from .places import country_forms, says_country
from .question import Question
from .text import (
    YEAR,
    holds_stem,
    months_named,
    specific_numbers,
    stem,
    stems,
    unstated,
    without_article,
    without_possessive,
)

# A year a sentence measures its news against: where a span of time starts ("since 2001") or what it is
# compared with ("not as bad as 2010", "higher than in 2019", "compared with 2020").
_REFERENCE_YEAR = re.compile(rf"\b(?:since|than|as\s+\w+\s+as|compared\s+(?:with|to))\s+(?:in\s+)?"
                             rf"(?:at least\s+|early\s+|late\s+|mid-)?{YEAR.pattern}", re.I)
# A year named from the article's own: "last year" in a story of 2021 is 2020 ("the last year" is
# the twelve months before it, no calendar year).
_RELATIVE_YEAR = re.compile(r"(?<!the )\b(last|this|next)\s+year\b", re.I)
_YEAR_OFFSETS = {"last": -1, "this": 0, "next": 1}
# The nouns of time a "last" counts back along instead of ranking (a closed class): "last week", "the last time".
_TIMES = frozenset({"time", "week", "weekend", "month", "year", "day", "night", "season", "decade", "minute", "hour"})
FIGURES = frozenset({"number", "money", "percent", "quantity"})  # answer types of a figure
NO_SENTENCES = "the passages hold no sentences to answer from"


def years_hold(q: Question, d: Doc, ev: Evidence) -> bool:
    """Whether the evidence is about a year the question names: the years its sentence states, or
    where it states none, those of its passage and its article's date."""
    return not q.years or bool(years_read(q, d, ev) & set(q.years)) or bool(d.date) and d.date[:4] in {
        str(y) for y in q.reported}  # "said in 2017": its article's year


def years_read(q: Question, d: Doc, ev: Evidence) -> set[int]:
    """The years `years_hold` reads the evidence as about, for a question that names years."""
    # "the first title since 2001", "not as bad as 2010" are not about 2001 or 2010 (unless the question
    # names it): the year is one the news is measured against; the event is news of its article's year.
    since = {int(m[1]) for m in _REFERENCE_YEAR.finditer(ev.text)} - set(q.years)
    said = {int(y) for y in YEAR.findall(ev.text)} - since
    if d.date and d.date[:4].isdigit():
        said |= {int(d.date[:4]) + _YEAR_OFFSETS[m[1].lower()] for m in _RELATIVE_YEAR.finditer(ev.text)}
        if not said:  # "in November": the month's year, as its article's date places it
            said = _months_year(ev.text, d.date)
    if (since and not said or said and NEWS_DAY.search(ev.text)) and d.date and d.date[:4].isdigit():
        said.add(int(d.date[:4]))
    # A question that asks for a date may name one year and ask another ("Prices rose 7% in 2021.
    # That was the fastest rise since what year?"): its sentence may state only the answer's.
    if not said or q.answer_type.name == "date" and not said & set(q.years):
        said |= {int(y) for y in YEAR.findall(d.text)} | ({int(d.date[:4])} if d.date else set())
    return said


def _months_year(text: str, published: str) -> set[int]:
    """The year of the months a sentence names with no year, as news writes them: past, up to five
    months before its article ("in November" in a story of January 2022 is November 2021)."""
    month, named = int(published[5:7]) if published[5:7].isdigit() else 0, months_named(text, capitalised=True)
    if not month or not named or any((month - m) % 12 > 5 for m in named):
        return set()
    return {int(published[:4]) - (m > month) for m in named}


def ordinals_hold(q: Question, ev: Evidence) -> bool:
    """False when the sentence counts the question's noun with another ordinal: "the second summit"
    does not answer "Where was the first summit?", nor "the third state to issue" "Which state was the
    first to issue ...?", nor "the first senator to question" "Which senator was the last to question?".
    A sentence with no ordinal for it may."""
    counted = (*q.ordinal_of, *q.ranked)
    toks = _rank_tokens(ev.text) if counted else []
    for word, noun in counted:
        said = _ranks_before(toks, noun)
        if said and not said & set(_rank_tokens(word)):
            return False
    return True


def _ranks_before(toks: list[str], noun: str) -> set[str]:
    """The ranks (of `_rank_tokens`) that stand up to three words before `noun` (a lemma): "the third and
    largest state", "the first senator"."""
    noun_stem = stems([noun])[0]
    return {t for k, t in enumerate(toks) if (t.endswith("th") and t[:-2].isdigit() or t == "last")
            and noun_stem in stems(toks[k + 1 : k + 4])}


def _rank_tokens(text: str) -> list[str]:
    """`number_tokens` with ordinals kept apart and "final" read as "last"; "last" of a time ("last week",
    "the last time") blanked: it ranks nothing."""
    toks = number_tokens(text, ordinals=True)
    out = []
    for k, t in enumerate(toks):
        if t in RANKS:
            t = "" if toks[k + 1 : k + 2] and toks[k + 1].rstrip("s") in _TIMES else "last"
        out.append(t)
    return out


def ordinal_evidence(q: Question, scored: list[Evidence]) -> list[Evidence]:
    """The sentences that may answer for the question's ordinals: not those that count its noun with
    another (`ordinals_hold`); for an ordinal its verb takes (`Question.ranked`), only those that state
    it beside its noun ("the first mayor to visit") where any does, and of those, the ones that say
    the question's verb where any does: "Which mayor first visited Lund?" asks who was the first to
    visit, which a sentence that ranks no one, or ranks a mayor first in another thing ("the first
    female mayor of Lund"), does not say."""
    evidence = [e for e in scored if ordinals_hold(q, e)]
    if not q.ranked:
        return evidence

    def states(ev: Evidence) -> bool:
        toks = _rank_tokens(ev.text)
        return any(_ranks_before(toks, noun) & set(_rank_tokens(word)) for word, noun in q.ranked)
    stated = [e for e in evidence if states(e)]
    doing = [e for e in stated if q.role and holds_stem(e.text, (stem(q.role[0]),))]
    return doing or stated or evidence


def another_ordinal(q: Question) -> str:
    """Why no sentence answers when every one counts the noun with another ordinal (ordinals_hold)."""
    counted = ", ".join(f"the {w} {n}" for w, n in (*q.ordinal_of, *q.ranked))
    return f"the passages speak of another {counted.split()[-1]} than {counted}"


def country_holds(q: Question, d: Doc, ev: Evidence) -> bool:
    """False when a question for a figure names countries ("What was the Swedish inflation rate in June?")
    and the sentence names none of them but another one ("Norway's annual rate of inflation hit 12%
    in June"): the figure of another country. A sentence that names no country may answer. So too
    for a namesake of a name the question gives (`_namesake`: "Mount Lund" for "Mount Oakdale")."""
    if q.answer_type.name not in FIGURES:
        return True
    if any(_namesake(name, ev.text, d.text) for name, _ in q.entities):
        return False
    asked = [forms for _, forms in _countries(q)]
    if not asked or any(says_country(ev.text, forms) for forms in asked):
        return True
    named = [country_forms(d.text[a:b]) for a, b, label, _ in d.ann.get("e", [])
             if label in ("GPE", "NORP") and ev.start <= a and b <= ev.end]
    return not any(forms and not any(forms & mine for mine in asked) for forms in named)


def another_country(q: Question) -> str:
    """Why no sentence answers when every one gives the figure for another country or a namesake (country_holds)."""
    if countries := [name for name, _ in _countries(q)]:
        return f"the passages give that figure for another country than {' or '.join(countries)}"
    return f"the passages give that figure for another than {' or '.join(name for name, _ in q.entities)}"


def _namesake(name: str, sentence: str, passage: str) -> bool:
    """Whether `sentence` names another of the kind `name` names by its first words, and not `name`: "Mount
    Lund erupted" for "Mount Oakdale", "Hurricane Ana" for "Hurricane Ada", "New Jersey" for "New York".
    (By the last word only: before a person's name a title varies, "President Biden" for "Joe Biden". Not
    where that word is a common noun its `passage` writes in lower case: "Acme Store", "Acme shops".)"""
    *first, last = re.findall(r"[\w'’.&-]+", without_article(without_possessive(name)))
    if not first or not last[:1].isupper() or holds_stem(sentence, (stem(last.lower()),)) \
            or re.search(rf"\b{re.escape(last.lower())}", passage):
        return False  # named as asked, or in another form ("Disney Stores" for "Disney Store")
    other = re.search(rf"\b{re.escape(' '.join(first))}\s+([A-Z][\w'’-]*)", sentence)
    return other is not None and stem(without_possessive(other[1]).lower()) != stem(last.lower())


def _countries(q: Question) -> list[tuple[str, frozenset[str]]]:
    """The countries (and peoples) the question names, each with the forms news names it by."""
    return [(name, forms) for name, label in q.entities if label in ("GPE", "NORP") and (forms := country_forms(name))]


# How much of an article's start counts as its lead: 600 characters (a headline and a paragraph or
# two). On rtqa-2022 and blind 1-8 against none: 300 gained 3 right answers and lost 1 right
# abstention, 600 gained 5 and lost 1 answer and 1 abstention, 1,200 and the whole article lost
# another abstention (bench/RESULTS.md).
LEAD_CHARS = 600


def unnamed(q: Question, d: Doc) -> list[str]:
    """The names the question is about (Question.topics) and the specific figures it states ("layoffs
    of 10,000 employees") that the passage, its article's title and its article's lead do not mention:
    "How did China react ...?" is not answered by a passage that never names China, but a story names
    its subject once, at the top, and speaks of it after."""
    text = f"{d.title}\n{d.text}\n{d.lead}"
    words, figures = name_words(text), specific_numbers(text)
    return [name for name, label in q.topics if not mentions(words, name, label)] + unstated(q.numbers, figures)
