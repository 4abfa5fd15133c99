"""Dates: the dates a claim states, and whether its evidence gives the same ones once the passage's
relative dates ("on Wednesday", "this month", "last year") are resolved against the publication
date in the passage's header."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..text import MONTH_NAMES, MONTHS, YEAR

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = "|".join(m.capitalize() for m in sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(d.capitalize() for d in WEEKDAY_NAMES)
# A run of words a date is written with: "Wednesday, September 29, 2021", "9 June 2020", "2019".
_RUN = re.compile(rf"(?:\b(?:{_WEEKDAY}|{_MONTH})\b\.?|\b\d{{1,4}}(?:st|nd|rd|th)?\b)(?:(?:,?\s+|,\s*)(?:of\s+)?"
                  rf"(?:\b(?:{_WEEKDAY}|{_MONTH})\b\.?|\b\d{{1,4}}(?:st|nd|rd|th)?\b))*")
_MONTH_WORD = re.compile(rf"\b({_MONTH})\b")
_WEEKDAY_WORD = re.compile(rf"\b({_WEEKDAY})\b")
_DAY = re.compile(rf"\b(?:({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b|(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\b)")
_DAY_RANGE = re.compile(rf"\b(\d{{1,2}})[-–](\d{{1,2}})\s+({_MONTH})\b|\b({_MONTH})\.?\s+(\d{{1,2}})[-–](\d{{1,2}})\b")
RELATIVE = re.compile(r"\b(?:(this|last|next) (week|month|year)|(today|yesterday|tomorrow))\b", re.I)


@dataclass(frozen=True)
class DateFact:
    """A date as far as a text states it: any of year, month, day and weekday (0 = Monday)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    text: str = ""

    @property
    def full(self) -> date | None:
        """The calendar date, when year, month and day are all known."""
        if self.year and self.month and self.day:
            try:
                return date(self.year, self.month, self.day)
            except ValueError:
                return None
        return None

    def agrees(self, other: DateFact) -> bool:
        """Whether `other` states everything this date states, the same way."""
        for field in ("year", "month", "day"):
            mine = getattr(self, field)
            if mine is not None and getattr(other, field) != mine:
                return False
        if self.weekday is None:
            return True
        theirs = other.weekday if other.weekday is not None else (other.full.weekday() if other.full else None)
        return theirs == self.weekday

    def tokens(self) -> frozenset[str]:
        """The word-level facts this date accounts for (as the lexical layer writes them)."""
        out = {str(v) for v in (self.year, self.day) if v} | ({f"{self.day}th"} if self.day else set())
        if self.month:
            out.add(MONTH_NAMES[self.month - 1])
        if self.weekday is not None:
            out.add(WEEKDAY_NAMES[self.weekday])
        return frozenset(out)


def parse_date(text: str) -> DateFact | None:
    """The date a phrase states ("Wednesday", "June 9, 2020", "early October", "2019"), or None
    when it states none, or more than one month or year (ranges are left to the word checks)."""
    years, months, weekdays = YEAR.findall(text), _MONTH_WORD.findall(text), _WEEKDAY_WORD.findall(text)
    if len(set(years)) > 1 or len(set(months)) > 1 or len(set(weekdays)) > 1:
        return None
    day = None
    if months and (m := _DAY.search(text)):
        day = int(m.group(2) or m.group(3))
    fact = DateFact(
        year=int(years[0]) if years else None,
        month=MONTHS[months[0].lower().rstrip(".")] if months else None,
        day=day if day and 1 <= day <= 31 else None,
        weekday=WEEKDAY_NAMES.index(weekdays[0].lower()) if weekdays else None,
        text=text.strip(),
    )
    return fact if fact.tokens() else None


def _resolve(fact: DateFact, published: date) -> list[DateFact]:
    """A passage's date read against its publication date: a bare weekday is the one before or
    after it; a month without a year is the latest one up to publication."""
    if fact.weekday is not None and not (fact.year or fact.month or fact.day):
        before = published - timedelta(days=(published.weekday() - fact.weekday) % 7)
        after = published + timedelta(days=(fact.weekday - published.weekday()) % 7)
        return [_of(d, fact.text) for d in dict.fromkeys((before, after))]
    if fact.month and not fact.year:
        year = published.year if fact.month <= published.month else published.year - 1
        return [fact, replace(fact, year=year)]
    return [fact]


# A claim that says when and by whom a report was made: the publication date is then a date the
# cited passage gives (its header's).
ATTRIBUTION = re.compile(r"\bas of\b|\bper\b|\breported\b|\baccording to\b|\bsaid on\b", re.I)


def of_day(d: date) -> DateFact:
    """The publication day as a date the evidence gives."""
    return _of(d, d.isoformat())


def _of(d: date, text: str) -> DateFact:
    return DateFact(d.year, d.month, d.day, d.weekday(), text)


def _relative(text: str, published: date) -> Iterable[DateFact]:
    """ "this month", "last week", "yesterday" in a passage, as dates."""
    for m in RELATIVE.finditer(text):
        which, unit, day = (g.lower() if g else g for g in m.groups())
        if day:
            yield _of(published + timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[day]), m.group(0))
            continue
        step = {"this": 0, "last": -1, "next": 1}[which]
        if unit == "week":
            # A week is dated as far as its Monday and Sunday agree: "last week" of 2023-11-30
            # is in November 2023.
            monday = published - timedelta(days=published.weekday() - 7 * step)
            sunday = monday + timedelta(days=6)
            same_month = (monday.year, monday.month) == (sunday.year, sunday.month)
            yield DateFact(year=monday.year if monday.year == sunday.year else None,
                           month=monday.month if same_month else None, text=m.group(0))
        elif unit == "year":
            yield DateFact(year=published.year + step, text=m.group(0))
        else:
            index = published.year * 12 + published.month - 1 + step
            yield DateFact(year=index // 12, month=index % 12 + 1, text=m.group(0))


def date_spans(text: str) -> list[tuple[int, int, DateFact]]:
    """(start, end, date) of every date written out in `text` ("June 9, 2020", "Wednesday", "2019");
    a range of days also gives the day the run misses ("26-27 April": the 26th; "April 26-27": the 27th)."""
    found = [(m.start(), m.end(), f) for m in _RUN.finditer(text) if (f := parse_date(m.group(0)))]
    for m in _DAY_RANGE.finditer(text):
        day, month = (m.group(1), m.group(3)) if m.group(3) else (m.group(6), m.group(4))
        if f := parse_date(f"{month} {day}"):
            found.append((m.start(), m.end(), f))
    return found


def evidence_dates(text: str, published: date | None, attributed: bool = False) -> list[DateFact]:
    """Every date the evidence states, relative ones resolved when the publication date is known;
    with `attributed` (the claim says when it was reported), the publication day too."""
    facts = [f for _, _, f in date_spans(text)]
    if published is None:
        return facts
    own = [of_day(published)] if attributed else []
    return [r for f in facts for r in _resolve(f, published)] + list(_relative(text, published)) + own


def check(claimed: Iterable[DateFact], evidence: list[DateFact]) -> tuple[frozenset[str], list[str]]:
    """(the word-level facts the claim's dates account for, a problem for each date the evidence
    does not give)."""
    owned: set[str] = set()
    problems: list[str] = []
    for c in claimed:
        owned |= c.tokens()
        if not any(c.agrees(e) for e in evidence):
            has = ", ".join(dict.fromkeys(e.full.isoformat() if e.full else e.text for e in evidence)) or "none"
            problems.append(f"date '{c.text}' not in the passage (its dates: {has})")
    return frozenset(owned), problems
