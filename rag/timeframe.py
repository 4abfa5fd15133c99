"""The time a question asks about: relative time ("this week", "recently") and the present tense
set how many days around the question's anchor day its evidence should come from, and how well an
article's date fits that."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from .dates import NEWS_DAY, parse_date, resolve_relative
from .judge.facts import number_tokens
from .text import MONTHS, YEAR, months_named
from .weights import LOCATOR_WEIGHT

if TYPE_CHECKING:
    from .question import Question

# Relative time -> the days around the anchor its evidence should come from (a closed class: the
# deictic time words of English, narrowest first).
WINDOWS = (
    ("today", 3), ("tonight", 3), ("yesterday", 3), ("tomorrow", 3), ("monday", 10), ("tuesday", 10),
    ("wednesday", 10), ("thursday", 10), ("friday", 10), ("saturday", 10), ("sunday", 10),
    ("weekend", 10), ("week", 10), ("days", 10), ("recently", 30), ("recent", 30), ("now", 30),
    ("current", 30), ("currently", 30), ("latest", 30), ("newest", 30), ("month", 45), ("weeks", 45),
    ("months", 400), ("year", 400),
)  # fmt: skip
UNDATED = 0.5  # recency of evidence whose article has no known date
PRESENT_WINDOW = 120  # a present-tense question about the news: prefer the last few months, softly
# How many days after a day the news reports on it without naming it ("on Tuesday"): a week.
REPORTED_WITHIN = 7
# Retrieval's weight for a passage whose article is of none of the years a question names. With
# fusion by best rank, 0.8 lets a passage of the year asked about pass the best of another year
# from 15 places below it (1/75 < 1/60); it moved the shipped set's MRR 0.803 -> 0.811 and no eval
# set row (bench/RESULTS.md, 2026-12-06 eighth stop).
YEAR_MISS = 0.8


def window(relative: tuple[str, ...], doc: Any, wh: Any | None) -> tuple[int | None, bool]:
    """(days of evidence around the anchor, whether the question asks about the present). Relative
    time in the sentence that asks makes the question about then; in a sentence that only sets the
    scene ("Jackson made history this week. Whose seat is she filling?") it is a preference."""
    spans = [w for phrase in relative for w, days in WINDOWS if re.search(rf"\b{w}\b", phrase)]
    if spans:
        asking = (wh.sent.text if wh is not None else doc.text).lower()
        present = any(phrase in asking for phrase in relative)
        return min(days for w, days in WINDOWS if w in spans), present
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    tense = root.morph.get("Tense") if root is not None else []
    aux = [t for t in (root.children if root is not None else []) if t.dep_ in ("aux", "auxpass")]
    if "Pres" in tense or any("Pres" in t.morph.get("Tense") for t in aux):
        return PRESENT_WINDOW, False  # "Which company is being accused ...": today's news, softly
    return None, False


def recency(q: Question, iso_date: str | None) -> float:
    """How well evidence dated `iso_date` fits the time the question asks about: 1 inside its
    window around the anchor, less the further outside (not below 0.1 when the question asks about
    the present, 0.5 when only its tense suggests it). 1 for any evidence when the question names no
    time. Evidence of unknown date gets UNDATED: below dated evidence from the time asked about,
    above evidence known to be old (a corpus without dates still answers)."""
    if q.window is None or q.as_of is None:
        return 1.0
    floor = 0.1 if q.present else 0.5
    try:
        day = date.fromisoformat(str(iso_date)[:10])
    except ValueError:
        return UNDATED
    # "This year" and "this month" name the anchor's calendar year and month, not a span of days:
    # an article from last July reports on last year, however few days ago it was.
    this = {unit for p in q.relative_time for unit in ("year", "month") if re.search(rf"\bthis {unit}\b", p)}
    if this and (day.year != q.as_of.year or "month" in this and day.month != q.as_of.month):
        return floor
    age = abs((q.as_of - day).days)
    return 1.0 if age <= q.window else max(floor, q.window / age)


def fit_in_time(q: Question, published: str | None) -> float:
    """How well an article fits the time a question asks about, for retrieval to rank its passages by:
    its `recency`, times YEAR_MISS where the question names years and the article was not published in
    one of them (nor is known to have been: no date). A corpus with no article of those years keeps
    its order. (A year a passage writes is a word BM25 already ranks by: weighing it again put passages
    that name the year in passing, on other topics, above the question's own.)"""
    fit = recency(q, published)
    if q.years and not (str(published)[:4].isdigit() and int(str(published)[:4]) in q.years):
        fit *= YEAR_MISS
    return fit


def event_day(q: Question, published: Iterable[str | None] = ()) -> str | None:
    """The day a question about what happened names ("Who won the final on Sunday?"), resolved from
    its anchor: an article published before that day cannot report how it went. None when it names
    no single day, has no anchor, or asks about something else ("Who will play on Sunday?").

    A day written without its year ("the January 6 anniversary") is the anchor's year's, unless every
    article that could answer (`published`: their dates) is over a year older: an archive that ends
    in 2022, asked today, means 2022's January 6, not this year's, which none of it could report on."""
    if not (q.outcome and q.as_of):
        return None
    days = {day for phrase in q.relative_time if (day := resolve_relative(phrase, q.as_of.isoformat()))}
    newest = max((p[:10] for p in published if p and p[:4].isdigit()), default=None)
    for written in q.dates:  # "on May 9", "on May 9, 2022"
        day = _day_of(written, q.as_of)
        if day and newest and not YEAR.search(written) and newest < str(date.fromisoformat(day) - timedelta(365)):
            day = _day_of(written, date.fromisoformat(newest))
        days |= {day} if day else set()
    return days.pop() if len(days) == 1 else None


# A time counted back from the article's date ("$3.57 a week ago"), in days (a month and a year as news rounds them).
_AGO = re.compile(r"\b(a|an|one|two|three|four|five|six|seven|\d{1,2})\s+(day|week|month|year)s?\s+ago\b", re.I)
_AGO_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


def _days_ago(sentence: str, published: str | None) -> set[str | None]:
    """The days (ISO) the sentence counts back to from its article's date ("a week ago"); None for each
    where the article has no date."""
    try:
        day = date.fromisoformat(str(published)[:10])
    except ValueError:
        return {None for _ in _AGO.finditer(sentence)}
    return {(day - timedelta(days=_AGO_DAYS[m[2].lower()] * int(number_tokens(m[0])[0]))).isoformat()
            for m in _AGO.finditer(sentence)}  # "a week ago" -> "1 week ago"


def reports_day(published: str | None, text: str, day: str, sentence: str = "") -> bool:
    """Whether a passage may report on `day` (ISO), the day a question about what happened names: its
    article was published that day or within REPORTED_WITHIN days after, or later but naming the day
    ("on June 14", "Jun. 14"); not before it (it cannot tell how it went), and not months later about
    another one. A passage of unknown date may. Not its `sentence` where every day it names from its
    article's date is another ("As of Tuesday morning, the average was $4.17" in a story of Tuesday,
    March 8, for the average on March 4), unless it writes the day out too ("between the March 6 peak
    and Tuesday's close")."""
    said = {resolve_relative(w, published) for w in NEWS_DAY.findall(sentence)} | _days_ago(sentence, published)
    if said and day not in said and None not in said and not _names_day(sentence, day):
        return False
    try:
        gap = (date.fromisoformat(str(published)[:10]) - date.fromisoformat(day)).days
    except ValueError:
        return True
    if gap <= REPORTED_WITHIN:
        return gap >= 0
    return _names_day(text, day)


def _names_day(text: str, day: str) -> bool:
    """Whether `text` writes the day (ISO) out: "on June 14", "Jun. 14", "14 June"."""
    asked = date.fromisoformat(day)
    month = "|".join(name for name, number in MONTHS.items() if number == asked.month)  # its name, "Sept."
    return re.search(rf"\b(?:{month})\.?\s+{asked.day}\b|\b{asked.day}\s+(?:{month})\b", text, re.I) is not None


def event_months(q: Question) -> set[tuple[int, int]]:
    """(year, month) of each month and year a question names without a day ("in June 2022"); none for
    a question that asks for a date."""
    if q.answer_type.name == "date":
        return set()
    out = set()
    for written in q.dates:
        years = [int(y) for y in YEAR.findall(written)]
        if len(years) == 1 and len(months := months_named(written)) == 1 and not re.search(r"\b\d{1,2}\b", written):
            out.add((years[0], months.pop()))
    return out


# A sentence that opens on a month ("In April, Acme said ...", "Back in early March, ..."): that month's news.
_OPENS_ON_MONTH = re.compile(r"\W*(?:[A-Z][a-z]+\s+)?(?:[Ii]n|[Oo]n|[Dd]uring|[Bb]y)\s+(?:early\s+|late\s+|mid-)?"
                             r"([A-Z][a-z]+)\.?(?:\s+\d{1,2})?,")
_LAST_MONTH = re.compile(r"\b[Ll]ast month\b")  # the month before its article's


def reports_month(published: str | None, text: str, months: set[tuple[int, int]], years: tuple[int, ...],
                  sentence: str = "") -> bool:
    """Whether a passage may be about one of the `months` a question names (`event_months`; `years`
    the question's): it names that month, or else its article was published in it or within
    REPORTED_WITHIN days after. "As of Sunday, a gallon of milk cost $3.10" in a March article is no
    June price. A passage of unknown date may. Not its `sentence` where it opens on another month: "In
    April, Acme said hackers had stolen ..." is no breach disclosed in March (a month named further on
    may be a comparison's: "26 states are now struggling, though seven were as of early April"). A passage
    that says "last month" may be about the month before its article's ("Last month, Acme announced ...")."""
    opening = _OPENS_ON_MONTH.match(sentence)
    if opening and (named := months_named(opening[1], capitalised=True)) and not named & {m for _, m in months}:
        return False
    if not published or {(y, m) for m in months_named(text, capitalised=True) for y in years} & months:
        return True
    try:
        day = date.fromisoformat(published[:10])
    except ValueError:
        return True
    after = (day - timedelta(days=REPORTED_WITHIN)).timetuple()[:2]
    before = (day.replace(day=1) - timedelta(days=1)).timetuple()[:2]  # what it calls "last month"
    return any((day.year, day.month) == ym or after == ym or before == ym and _LAST_MONTH.search(text) for ym in months)


def _day_of(written: str, anchor: date) -> str | None:
    """The day a date as written names, in the anchor's year when it gives none; None for a month or
    a year alone, or a day after the anchor."""
    for text in (written, f"{written}, {anchor.year}"):
        try:
            day = parse_date(text)
        except ValueError:
            continue
        return day if day and day <= anchor.isoformat() else None
    return None


# The year before or after the one a question names ("the year before his 2017 title defense"): a
# closed class of English phrases.
_SHIFTS = ((re.compile(r"\b(?:the (?:year|season) before|the previous year|a year (?:earlier|before))\b", re.I), -1),
           (re.compile(r"\b(?:the (?:year|season) after|the following year|a year later)\b", re.I), 1))


def with_shifted(years: list[int], text: str) -> list[int]:
    """The years a question names, with the year it asks about by one it names ("the year before
    2017": 2016 too, which its evidence may state as "last year")."""
    return years + [y + shift for pattern, shift in _SHIFTS if pattern.search(text) for y in years]


# Words that report a thing rather than do it (a closed class of news English): a year the question
# hangs on one dates the report, which news publishes at once ("the editorial board said in 2017",
# "USA TODAY's 2017 editorial", "according to its January 2020 ranking").
_REPORTING = frozenset({"say", "tell", "write", "quote", "announce", "according", "editorial", "report", "ranking",
                        "interview", "column", "survey", "poll", "statement", "op", "ed"})
_UP = frozenset({"prep", "pobj", "compound", "nummod", "npadvmod", "nmod", "pcomp"})  # "in 2017" -> "said"


def reported_years(doc: Any) -> tuple[int, ...]:
    """The years a parsed question names for when a thing was said or reported: its article's year
    may stand for them where its sentence names another (the events an editorial recalls)."""
    out = []
    for tok in (t for t in doc if YEAR.fullmatch(t.text)):
        head = tok
        while head.dep_ in _UP and head.head.i != head.i and head.lemma_.lower() not in _REPORTING:
            head = head.head
        if head.lemma_.lower() in _REPORTING:
            out.append(int(tok.text))
    return tuple(out)


# Prepositions that place the question's event in time by another event (a closed class): "in the quarter
# before the Oakdale Trade Fair", "after the mayor's death". A sentence written at the time of the event
# seldom repeats them, so their words weigh less in the evidence (question.py; weights.LOCATOR_WEIGHT).
_LOCATING = frozenset({"before", "after", "during", "following", "amid", "ahead"})


def locating(doc: Any) -> dict[int, float]:
    """Token index -> the share of its weight a word keeps in the evidence, for the words of a phrase that
    places the question's verb in time by another event: a noun phrase ("after the Queen's death"), not a
    clause that says more of the event ("after breaking $4")."""
    return {x.i: LOCATOR_WEIGHT for t in doc if t.dep_ == "prep" and t.lower_ in _LOCATING
            and t.head.pos_ in ("VERB", "AUX") and any(c.dep_ == "pobj" for c in t.children) for x in t.subtree}
