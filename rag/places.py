"""Whether a place name is a country, from ISO 3166 (pycountry's copy of it), for "Which country
...?" and "Which nation ...?": the entity recogniser labels countries, states and cities alike
(GPE), so "the city of Nara" answered a question about a nation. A name ISO 3166 lists only as a
part of a country (a state, a prefecture, a province) is not a country; a name it does not list
(a city, a region, "the US" as news writes it) is left to the other evidence."""

from __future__ import annotations

from functools import lru_cache

# The nouns a question uses for what ISO 3166-1 lists: its own word, and the one other a news
# question uses for it ("a former prime minister of which nation").
COUNTRY_NOUNS = frozenset({"country", "nation"})


@lru_cache(maxsize=1)
def _names() -> tuple[frozenset[str], frozenset[str]]:
    """(country names, names of parts of countries), lower-cased. Loaded on the first country
    question (pycountry reads its ISO 3166 tables then: about 60 ms here)."""
    import pycountry

    countries: set[str] = set()
    for c in pycountry.countries:
        countries |= {getattr(c, attr, "").lower() for attr in ("name", "common_name", "official_name")}
    parts: set[str] = set()
    for s in pycountry.subdivisions:
        # The United Kingdom's parts are "countries" in ISO 3166-2 itself: England, Scotland, Wales.
        (countries if s.type == "Country" else parts).add(s.name.split(" [")[0].lower())
    countries.discard("")
    return frozenset(countries), frozenset(parts - countries)


def not_a_country(name: str) -> bool:
    """True when ISO 3166 lists `name` only as a part of a country (Nara, Texas, Bavaria)."""
    key = name.lower()
    key = key[4:] if key.startswith("the ") else key
    return key in _names()[1]
