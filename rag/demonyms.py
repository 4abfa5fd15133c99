"""A country, its other names and its people's adjective are one name to news: "the Swiss central
bank" is about Switzerland, "which Norwegian city" already names Norway, "Britain" is the UK. The
forms come from countryinfo's country records (their `altSpellings` and `demonym`), not a hand-made
table; loaded on the first place or nationality a check meets (about 30 ms here)."""

from __future__ import annotations

from functools import lru_cache

# The short names English news uses most that countryinfo's records lack (they have "Great Britain"
# and "United States of America", not these; without "Britain" the gate refused a question about
# "Britain's Conservative Party" whose articles say "the UK": bench/RESULTS.md).
SHORT_NAMES = {"United Kingdom": ("Britain",), "United States": ("America",)}


@lru_cache(maxsize=1)
def country_records() -> tuple[dict, ...]:
    """countryinfo's record of every country, read once per process (about 140 ms here) for the
    modules that need them: this one, places.py and judge/aliases.py."""
    from countryinfo import all_countries

    return tuple(c.info() for c in all_countries())


@lru_cache(maxsize=1)
def _pairs() -> dict[str, frozenset[str]]:
    """Lower-cased name or adjective -> the other forms of it. A country is its name and the short
    names news uses for it (altSpellings of two words or more, "UK"/"US"-style ones written in
    capitals, and SHORT_NAMES), each the others' other form too; an adjective shared by several records
    ("French": France and its overseas territories) goes to the most populous."""
    adjective_of: dict[str, tuple[int, str]] = {}
    names_of: dict[str, set[str]] = {}
    for info in country_records():
        name = str(info.get("name") or "")
        if not name:
            continue
        names = {name} | {s for s in info.get("altSpellings") or () if s.isascii() and (" " in s or s in ("UK", "US"))}
        names |= set(SHORT_NAMES.get(name, ()))
        population = int(info.get("population") or 0)
        for adjective in str(info.get("demonym") or "").split(","):
            adjective = adjective.strip()
            if adjective and (adjective.lower() not in adjective_of or population > adjective_of[adjective.lower()][0]):
                adjective_of[adjective.lower()] = (population, name)
                names_of[name] = names
    out: dict[str, set[str]] = {}
    for adjective, (_, name) in adjective_of.items():
        for n in names_of[name]:
            out.setdefault(n.lower(), set()).add(adjective)
            out.setdefault(adjective, set()).add(n.lower())
            out[n.lower()].update(m.lower() for m in names_of[name] if m != n)  # "Britain" is the UK
    return {k: frozenset(v) for k, v in out.items()}


def country_key(name: str) -> str:
    """How the country tables here and in places.py look a name up: lower case, less a leading "the"."""
    key = name.strip().lower()
    return key[4:] if key.startswith("the ") else key


def other_forms(name: str) -> frozenset[str]:
    """The other ways news names `name` (lower-cased): "Switzerland" -> {"swiss", "swiss
    confederation"}, "Swiss" -> {"switzerland", "swiss confederation"}; empty for a name that is neither."""
    return _pairs().get(country_key(name), frozenset())
