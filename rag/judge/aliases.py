"""The other names of one actor, rewritten to one token before the judge compares names, so
"Pyongyang said" is supported by "North Korea said" and "the UNSC" by "the UN Security Council".

General sources, no table grown on one corpus:

- Countries (countryinfo's records): a country's name, its longer official names, the initials
  news writes for them ("US", "UK", "DPRK": a code counts only where it spells a name's initials,
  so "KP" does not), its people's adjective and, for the larger states, its capital (news names a
  government by its capital: "Seoul", "Washington"). All become the name run together: "North
  Korea" -> "NorthKorea". The judge's name check already takes a more specific name as evidence
  for a less specific one, so "the North" finds "NorthKorea" and "Kim" finds "Kim Jong Un".
- "The North" and "the South" are the country of that compass word the check's texts name ("North
  Korea"), and "North and South Korea" is both.
- Acronyms the texts of one check use (`acronyms_in`): a run of capitalised words in any of them
  whose initials spell one ("Korean Central News Agency" for "KCNA", "UN Security Council" for
  "UNSC"), or end one ("Security Council" for "UNSC"), is rewritten to it; so is a name of two
  words said with "of" ("Justice Department" for "DOJ") and a run of lower-case words spelling an
  acronym of three letters or more ("most valuable player" for "MVP").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Iterator

# A capital names its state in news mostly for the larger ones; smaller states' capitals are more
# often people's or other places' names too ("Victoria", "Kingston", "Hamilton").
_CAPITAL_POPULATION = 10_000_000
# Words that may stand inside a capitalised name without a capital of their own.
_CONNECTORS = frozenset({"of", "the", "and", "for", "on", "&"})
_DOTTED = re.compile(r"\b((?:[A-Z]\.){2,})(?![A-Za-z])")
_ACRONYM = re.compile(r"\b([A-Z]{2,6})(?:s|'s|’s)?\b")
_WORD = re.compile(r"[A-Za-z][\w'’-]*|&")  # initials lose their dots first (`undot`)

_COMPASS = ("North", "South", "East", "West")
# "North and South Korea": the compass words share the name after them.
_COORDINATED = re.compile(r"\b(North|South|East|West) and (?:the )?(North|South|East|West) ([A-Z][a-z]+)\b")
# "the North", "the South's": a compass word standing for a country, not before a name.
_COMPASS_ALONE = re.compile(
    r"\b(?:[Tt]he (North|South|East|West) and (?:the )?|[Tt]he )(North|South|East|West)(?=(?:'s|’s)?\b)(?! [A-Z])")

_ACRONYMS: ContextVar[frozenset[str]] = ContextVar("judge_acronyms", default=frozenset())


def undot(text: str) -> str:
    """Initials written with dots, without them: "U.N." -> "UN"."""
    return _DOTTED.sub(lambda m: m.group(1).replace(".", ""), text)


def _initials(words: Iterable[str], connectors: bool = False) -> str:
    """"Korean Central News Agency" -> "KCNA"; a word in capitals gives all its letters ("UN
    Security Council" -> "UNSC"); `connectors`: "of" and the like give theirs too ("ROK")."""
    out = ""
    for w in words:
        if w.lower() in _CONNECTORS:
            out += w[0].upper() if connectors and w != "&" else ""
        elif w.isupper() and len(w) > 1:
            out += w
        else:
            out += w[0]
    return out


@lru_cache(maxsize=1)
def _countries() -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern matching every form of every country, and form -> the country's token."""
    from ..demonyms import SHORT_NAMES, country_records

    # A form two records share ("American": the US and American Samoa; "ROK": South Korea and
    # Kosovo) goes to the more populous, as demonyms.py does: news means it far more often.
    best: dict[str, tuple[int, str]] = {}

    def add(form: str, token: str) -> None:
        if form not in best or population > best[form][0]:
            best[form] = (population, token)

    for info in country_records():
        name = str(info.get("name") or "")
        if not name or not name.isascii():
            continue
        token = re.sub(r"[^A-Za-z]", "", name.title())
        population = int(info.get("population") or 0)
        names = [name, *SHORT_NAMES.get(name, ())]
        names += [s for s in info.get("altSpellings") or () if s.isascii() and " " in s and "," not in s]
        spelt = {i for n in names if n.count(" ") for i in (_initials(n.split()), _initials(n.split(), True))}
        codes = [s for s in info.get("altSpellings") or () if s.isascii() and s.isupper() and s in spelt]
        codes += [i for i in spelt if len(i) >= 3]  # "DPRK", "PRC", "UAE"
        for form in names + codes:
            add(form, token)
        for adjective in str(info.get("demonym") or "").split(","):
            if adjective.strip():
                add(adjective.strip(), token)
        capital = re.sub(r",? D\.C\.$", "", str(info.get("capital") or ""))
        if capital.isascii() and capital and population >= _CAPITAL_POPULATION:
            add(capital, token)
    token_of = {form: token for form, (_, token) in best.items()}
    forms = sorted(token_of, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, forms)) + r")(?!\w)")
    return pattern, token_of


def acronyms_in(texts: Iterable[str]) -> frozenset[str]:
    """What the texts of one check name that decides how a name in any of them reads: the acronyms
    they use ("KCNA", "U.N." as "UN") and, where one says "the North" or the like, the countries
    of a compass word they name ("NorthKorea")."""
    texts = list(texts)
    # only those some run of words in the texts spells: the others rewrite nothing
    spelt = frozenset().union(*(_spellings(t) for t in texts))
    joined = " ".join(texts)
    found = frozenset(a for t in texts for a in _acronyms(t)
                      if any(_spells(s, a) for s in spelt) or (len(a) >= 3 and _spelt_lower(a).search(joined)))
    if any(_COMPASS_ALONE.search(t) for t in texts):
        found |= frozenset().union(*(_compass_countries(t) for t in texts))
    return found


@lru_cache(maxsize=4096)
def _acronyms(text: str) -> frozenset[str]:
    return frozenset(m.group(1) for m in _ACRONYM.finditer(undot(text)))


@lru_cache(maxsize=4096)
def _compass_countries(text: str) -> frozenset[str]:
    pattern, token_of = _countries()
    found = (token_of[m.group(1)] for m in pattern.finditer(_coordinated(undot(text))))
    return frozenset(t for t in found if t.startswith(_COMPASS))


@contextmanager
def acronyms(texts: Iterable[str]) -> Iterator[frozenset[str]]:
    """For one check: the acronyms and compass countries of its claim and passages (`acronyms_in`)
    decide how each of its texts is rewritten."""
    found = acronyms_in(texts)
    token = _ACRONYMS.set(found)
    try:
        yield found
    finally:
        _ACRONYMS.reset(token)


def current() -> frozenset[str]:
    """`acronyms_in` of the check under way (empty outside one)."""
    return _ACRONYMS.get()


def _coordinated(text: str) -> str:
    """"North and South Korea" -> "North Korea and South Korea", where both are countries."""
    token_of = _countries()[1]

    def both(m: re.Match[str]) -> str:
        a, b = f"{m.group(1)} {m.group(3)}", f"{m.group(2)} {m.group(3)}"
        return f"{a} and {b}" if a in token_of and b in token_of else m.group()

    return _COORDINATED.sub(both, text)


def _compass(text: str, found: frozenset[str]) -> str:
    """"the North" -> "NorthKorea" where the check names one country of that word, and only one;
    "the North and South" -> both."""

    def country(word: str) -> str | None:
        named = [f for f in found if f.startswith(word) and not f.isupper()]
        return named[0] if len(named) == 1 else None

    def both(m: re.Match[str]) -> str:
        first, second = m.group(1) and country(m.group(1)), country(m.group(2))
        if second and (first or not m.group(1)):
            return f"{first} and {second}" if first else second
        return m.group()

    return _COMPASS_ALONE.sub(both, text)


def _runs_from(words: list[re.Match[str]], i: int) -> Iterator[tuple[int, list[str]]]:
    """The runs of two or more capitalised words (with "of" and the like inside) from words[i],
    longest first, each with the index of its last word."""
    if not words[i].group()[0].isupper():
        return
    j = i
    while j + 1 < len(words) and (words[j + 1].group()[0].isupper() or words[j + 1].group() in _CONNECTORS):
        j += 1
    for end in range(j, i, -1):
        run = [w.group() for w in words[i : end + 1]]
        if run[-1] not in _CONNECTORS:
            yield end, run


def _run_initials(run: list[str]) -> tuple[str, ...]:
    """The run's initials without and with connectors and, for two words, those of the form with
    "of" ("Justice Department" also as "Department of Justice": "DOJ")."""
    inverted = (_initials([run[1], "of", run[0]], True),) if len(run) == 2 else ()
    return _initials(run), _initials(run, True), *inverted


def _spells(initials: tuple[str, ...], acronym: str) -> bool:
    """Whether a run with these initials (`_run_initials`: without and with connectors, and said with
    "of") spells `acronym`, or ends it ("Security Council" for "UNSC")."""
    return acronym in initials or (len(initials[0]) >= 2 and acronym.endswith(initials[0]))


@lru_cache(maxsize=1024)
def _spelt_lower(acronym: str) -> re.Pattern[str]:
    """Lower-case words whose initials spell `acronym` ("most valuable player" for "MVP")."""
    return re.compile(r"\b" + " ".join(rf"{c.lower()}[a-z]+" for c in acronym) + r"\b")


@lru_cache(maxsize=4096)
def _spellings(text: str) -> frozenset[tuple[str, ...]]:
    """The initials of every run of capitalised words in `text`."""
    words = list(_WORD.finditer(undot(text)))
    return frozenset(_run_initials(run) for i in range(len(words)) for _, run in _runs_from(words, i))


def _spell_acronyms(text: str, found: frozenset[str]) -> str:
    """Each run of two or more capitalised words whose initials spell (or end) an acronym of
    `found`, rewritten to it: "the Korean Central News Agency" -> "the KCNA"."""
    words = list(_WORD.finditer(text))
    ordered = sorted(found)
    out, last, i = [], 0, 0
    while i < len(words):
        hit = next(((end, a) for end, run in _runs_from(words, i) for initials in [_run_initials(run)]
                    for a in ordered if _spells(initials, a)), None)
        if hit:
            out.append(text[last : words[i].start()] + hit[1])
            last, i = words[hit[0]].end(), hit[0] + 1
        else:
            i += 1
    return "".join(out) + text[last:]


@lru_cache(maxsize=8192)
def _rewrite(text: str, found: frozenset[str]) -> str:
    text = undot(text)
    if found:
        text = _spell_acronyms(text, frozenset(f for f in found if f.isupper()))
        for a in sorted(f for f in found if f.isupper() and len(f) >= 3):
            text = _spelt_lower(a).sub(a, text)
    pattern, token_of = _countries()
    text = pattern.sub(lambda m: token_of[m.group(1)], _coordinated(text))
    if found:
        text = _compass(text, found)
    return text


def rewrite(text: str) -> str:
    """`text` with each actor's other names rewritten to one token (see the module docstring)."""
    return _rewrite(text, _ACRONYMS.get())
