"""Publication dates from metadata values, URLs and filter arguments, parsed with python-dateutil.

Every date leaves here as an ISO string ("2022-07-01") or None; `day_number` turns one into the
integer (20220701) that Chroma's `$gte`/`$lte` filters compare, since they take numbers only."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone

from dateutil import parser

from .text import YEAR, months_named

EARLIEST, LATEST = 1800, 2200  # a "publication date" outside these years is a misread field
_URL_DATE = re.compile(r"/((?:18|19|20|21)\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)")
# Two defaults that differ in every field: a string that names its own year, month and day parses
# to the same date under both, so "2022" or "July 2022" (no day) is not mistaken for a full date.
_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))


def parse_date(value: object) -> str | None:
    """The ISO date a metadata value names, or None when it names none.

    Accepts ISO strings, "July 1, 2022", RFC 2822 ("Fri, 01 Jul 2022 10:00:00 GMT"), dates and
    datetimes, and Unix timestamps (seconds). A value without a day of its own is None.

    Raises:
        ValueError: the value is not empty but does not parse as a date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _checked(value.date())
    if isinstance(value, date):
        return _checked(value)
    if isinstance(value, (int, float)) or (isinstance(value, str) and re.fullmatch(r"\d{9,10}", value.strip())):
        return _checked(datetime.fromtimestamp(float(value), tz=timezone.utc).date())
    text = str(value).strip()
    if not text:
        return None
    try:
        a, b = (parser.parse(text, default=d) for d in _DEFAULTS)
    except (ValueError, OverflowError) as e:
        raise ValueError(f"date {text[:40]!r} does not parse") from e
    if a.date() != b.date():
        raise ValueError(f"date {text[:40]!r} names no day")
    return _checked(a.date())


def _checked(d: date) -> str:
    if not EARLIEST <= d.year <= LATEST:
        raise ValueError(f"date {d.isoformat()} is out of range")
    return d.isoformat()


def date_from_url(url: str | None) -> str | None:
    """The date a news URL carries in its path (/2022/07/01/, /2022-07-01-, /20220701/), or None."""
    if not url:
        return None
    m = _URL_DATE.search(url)
    if not m:
        return None
    try:
        return _checked(date(*(int(g) for g in m.groups())))
    except ValueError:
        return None


def day_number(iso: str | None) -> int:
    """20220701 for "2022-07-01"; 0 for no date (no filter range includes 0)."""
    return int(iso.replace("-", "")) if iso else 0


def filter_bound(value: object, name: str) -> str | None:
    """A `since`/`until` argument as an ISO date, or None when unset.

    Raises:
        InputError: the value is not a date, with a sentence that names the argument.
    """
    from .errors import InputError

    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return parse_date(value)
    except ValueError:
        raise InputError(f"{name} must be a date such as 2022-07-01, not {str(value)[:40]!r}.") from None


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A day named from the article's own ("on Tuesday", "over the weekend", "yesterday"): the sentence reports
# news of its article's date, whatever older year it also names ("killed him over the weekend, 21 years
# after the attacks of 2001"); not a weekday of a date written out ("Tuesday, Sept. 11, 2001").
NEWS_DAY = re.compile(r"\b(?:yesterday|today|tonight|(?:this|last|over the) week(?:end)?|earlier this (?:week|month)"
                      rf"|(?:{'|'.join(WEEKDAYS)})(?!,?\s+(?-i:[A-Z])[a-z]+\.?\s+\d))\b", re.I)
_OFFSETS = {"today": 0, "tonight": 0, "this morning": 0, "yesterday": -1, "tomorrow": 1}


def resolve_relative(expression: str, published: str | None) -> str | None:
    """The day a relative date in an article means, counted from the article's own date: "on
    Thursday" in a story of Saturday 2021-10-02 is 2021-09-30; "yesterday" the day before. None when
    the expression is not a single relative day, or the article has no date.

    A weekday names the latest such day on or before publication (news reports what happened); a
    weekday after "next" or "this coming" counts forward."""
    if not published:
        return None
    try:
        day = date.fromisoformat(published[:10])
    except ValueError:
        return None
    words = expression.lower().strip(" .,")
    for name, offset in _OFFSETS.items():
        if re.search(rf"\b{name}\b", words):
            return (day.fromordinal(day.toordinal() + offset)).isoformat()
    named = [i for i, w in enumerate(WEEKDAYS) if re.search(rf"\b{w}\b", words)]
    if len(named) != 1 or re.search(r"\d|\b(?:last|every|each)\b", words):
        return None
    back = (day.weekday() - named[0]) % 7
    if re.search(r"\bnext\b|\bcoming\b", words):
        back = -((named[0] - day.weekday()) % 7 or 7)
    return day.fromordinal(day.toordinal() - back).isoformat()


def before_published(text: str, published: str | None) -> bool:
    """Whether a date as an article writes it names a time wholly before the article's own date: a
    year before its year ("March 2020"), a month of its year up to five months before ("late July" in
    a September story; a month further back is more likely the next one), or a phrase that looks back
    ("last week", "two days ago"). False when the article has no date or the phrase says neither."""
    try:
        day = date.fromisoformat(str(published)[:10])
    except ValueError:
        return False
    years = [int(y) for y in YEAR.findall(text)]
    if years:
        return max(years) < day.year
    if re.search(r"(?<!\bthe )\blast\b|\b(?:ago|yesterday|earlier|previous)\b", text, re.I):
        return True  # "last week", not "the last week of October"
    months = months_named(text)
    return len(months) == 1 and 0 < day.month - months.pop() <= 5


def day_figures(written: tuple[str, ...]) -> set[str]:
    """The figures of dates as written that are no year ("January 6, 2021" -> {"6"}): a question that
    names the day states no count of six."""
    return {n for d in written for n in re.findall(r"\d+", d) if not YEAR.fullmatch(n)}
