"""The header line a cited passage carries: "Title — outlet, 2022-07-01", then a blank line.

The chain passes each cited passage to the judge with this header so the judge can check who
published it (a claim's "according to CNN") and resolve the passage's "on Wednesday" or
"this month" to dates. The header is never evidence for anything else: the judge reads the
passage text after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..text import normalise, strip_markers
from .dates import date_spans

SEPARATOR = " — "
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
# What a dateline may hold beside its date: a clock time ("18:20", "6:20 p.m."), a zone, punctuation.
_CLOCK_ONLY = re.compile(r"[\s,|:.-]*(?:\d{0,2}:?\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?)?[\s,|.-]*", re.I)
# Second-level labels of country domains ("bbc.co.uk", "aa.com.tr"): the outlet's name is the label before.
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu"})


@dataclass(frozen=True)
class Header:
    """What a passage's header line says: its article's title, outlet and publication date."""

    title: str
    outlet: str | None = None
    published: date | None = None


def with_header(text: str, title: str, outlet: str | None = None, published: str | date | None = None) -> str:
    """`text` as the chain cites it: the header line, a blank line, then the passage.

    Args:
        text: The passage text.
        title: The article's title.
        outlet: Who published it (a domain such as "cnn.com", or a name), if known.
        published: The publication date (ISO string or date), if known.
    """
    fields = [f for f in (outlet, published.isoformat() if isinstance(published, date) else published) if f]
    line = title.replace("\n", " ").strip() + (SEPARATOR + ", ".join(fields) if fields else "")
    return f"{line}\n\n{text}"


def split_header(passage: str) -> tuple[Header | None, str]:
    """The passage's header (None when it has none) and its text without the header line. A passage
    without one whose first line is a dateline ("30 Nov, 2023 18:20") is dated by it."""
    first, sep, rest = passage.partition("\n")
    if SEPARATOR not in first or not sep or (rest and not rest.startswith("\n") and rest.strip()):
        published = _dateline(first)
        return (Header("", None, published) if published else None), passage
    title, _, tail = first.rpartition(SEPARATOR)
    outlet: str | None = None
    published: date | None = None
    for field in (f.strip() for f in tail.split(",")):
        if _ISO.fullmatch(field):
            try:
                published = date.fromisoformat(field)
            except ValueError:
                return None, passage
        elif field and outlet is None:
            outlet = field
        else:
            return None, passage  # not the header's shape: a title-like first line of the text
    return Header(title.strip(), outlet, published), rest.lstrip("\n")


def _dateline(line: str) -> date | None:
    """The day a line states when the line is nothing but a date and, at most, a clock time: the
    dateline scraped news articles open with ("30 Nov, 2023 18:20", "June 9, 2020")."""
    spans = date_spans(line)
    if len(spans) != 1:
        return None
    start, end, fact = spans[0]
    rest = line[:start] + line[end:]
    if not _CLOCK_ONLY.fullmatch(rest):
        return None
    return fact.full


def _compact(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _domain_name(text: str) -> str | None:
    """The name inside a domain: "edition.cnn.com" -> "cnn", "theweek.co.uk" -> "theweek"."""
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", text.strip().lower()).split("/")[0]
    labels = host.split(".")
    if len(labels) < 2 or not all(re.fullmatch(r"[a-z0-9-]+", label) for label in labels):
        return None
    labels = labels[:-1]
    if len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
        labels = labels[:-1]
    return _compact(labels[-1])


def _forms(name: str) -> tuple[set[str], set[str]]:
    """Ways to write an outlet's name for comparison: (names, initialisms). Names are compact, with
    and without "the", or a domain's name; initialisms are written in capitals or are a name's initials."""
    domain = _domain_name(name)
    if domain:
        return {domain, domain.removeprefix("the")}, set()
    words = re.findall(r"[A-Za-z0-9]+", name)
    names = {_compact(name), _compact(" ".join(w for w in words if w.lower() != "the"))}
    initialisms = {w.lower() for w in words if len(w) >= 2 and w.isupper()}
    if len(words) > 1:
        initialisms.add("".join(w[0] for w in words if w.lower() != "the").lower())
    return {n for n in names if n}, initialisms


def names_outlet(name: str, outlet: str | None) -> bool:
    """Whether `name`, as a claim writes it ("CNN", "USA Today", "Anadolu Agency", "VOA"), is the
    header's `outlet` ("cnn.com", "usatoday.com", "aa.com.tr", "voanews.com")."""
    if not outlet:
        return False
    theirs = set.union(*_forms(outlet))
    names, initialisms = _forms(name)
    # "VOA" is voanews.com and "AP" apnews.com: an initialism may start the outlet's name.
    return bool(names & theirs) or any(t.startswith(i) for i in initialisms for t in theirs)


# How the extractive answerer attributes an answer about a time: "X, as of June 28, 2022, per cnn.com."
_ATTRIBUTION = re.compile(r",?\s*as of (?P<day>[A-Z][a-z]+ \d{1,2}, \d{4})(?:, per (?P<outlet>[^\s,]+?))?\s*\.?\s*$")


def split_attribution(claim: str) -> tuple[str, str | None, str | None]:
    """(the claim without its citation markers and a trailing "as of <day>, per <outlet>", that
    day, that outlet)."""
    claim = normalise(strip_markers(claim))
    m = _ATTRIBUTION.search(claim)
    if not m:
        return claim, None, None
    return claim[: m.start()].rstrip(" ,") + ".", m.group("day"), m.group("outlet")


# How the extractive answerer says it gives a name only as foreseen: "X (given only as wanted or foreseen: 'expects')."
_HEDGED = re.compile(r"\s*\(given only as wanted or foreseen: '(?P<word>[^']+)'\)(?=\.?\s*$)")


def split_hedge(claim: str) -> tuple[str, str | None]:
    """(the claim without the extractive answerer's note that a passage gives it only as wanted or
    foreseen, the hedging word the note quotes; None without a note)."""
    m = _HEDGED.search(claim)
    return (claim, None) if not m else (claim[: m.start()] + claim[m.end() :], m.group("word"))


def attribution_problem(day: str | None, outlet: str | None, headers: list[Header | None]) -> str | None:
    """Why no cited passage's header is the report the attribution names (its day and outlet)."""
    from dateutil import parser

    when = parser.parse(day).date() if day else None
    for h in headers:
        if h and (when is None or h.published == when) and (outlet is None or names_outlet(outlet, h.outlet)):
            return None
    said = f"{outlet or 'a report'} of {day}" if day else outlet
    return f"no cited passage is the report it credits ({said})"
