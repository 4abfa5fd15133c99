"""Whether a place name is a country, from ISO 3166 (pycountry's copy of it), for "Which country
...?" and "Which nation ...?": the entity recogniser labels countries, states and cities alike
(GPE), so "the city of Nara" answered a question about a nation. A name ISO 3166 lists only as a
part of a country (a state, a prefecture, a province), or a capital (countryinfo), is not a
country; a name neither lists (a city, a region, "the US" as news writes it) is left to the other
evidence. And for "Which European nation ...?", whether a country lies in the region the adjective
names (countryinfo's regions and subregions: "Thailand" is no answer)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .agency import first_holding, text_before, way_first
from .annotate import PLACE_LABELS
from .demonyms import country_key, country_records, other_forms
from .weights import OTHER_NAME_FIT

# The nouns a question uses for what ISO 3166-1 lists: its own word, and the one other a news
# question uses for it ("a former prime minister of which nation").
COUNTRY_NOUNS = frozenset({"country", "nation"})
# The nouns a question uses for a town (a closed class): a country is none ("Which city hosted ...?").
TOWN_NOUNS = frozenset({"city", "town", "village", "capital", "suburb", "municipality"})
_LANDS = COUNTRY_NOUNS | TOWN_NOUNS | {"state", "province", "county", "region"}  # places no building is


@lru_cache(maxsize=1)
def _names() -> tuple[frozenset[str], frozenset[str]]:
    """(country names, names of parts of countries), lower-cased. Loaded on the first country
    question (pycountry reads its ISO 3166 tables then: about 60 ms here; countryinfo's records are
    shared with demonyms.py)."""
    import pycountry

    countries: set[str] = set()
    for c in pycountry.countries:
        countries |= {getattr(c, attr, "").lower() for attr in ("name", "common_name", "official_name")}
    for info in country_records():  # the names news uses that ISO 3166 does not: "Russia" ("Russian Federation")
        countries |= {str(n).lower() for n in (info.get("name"), *info.get("altSpellings", ())) if n}
    parts: set[str] = set()
    for s in pycountry.subdivisions:
        # The United Kingdom's parts are "countries" in ISO 3166-2 itself: England, Scotland, Wales.
        (countries if s.type == "Country" else parts).add(s.name.split(" [")[0].lower())
    # A country's capital is a city ("London" is no answer to "which nation"), unless it names its state too.
    parts |= _capitals()
    countries.discard("")
    return frozenset(countries), frozenset(parts - countries - {""})


def a_country(name: str, adjective: bool = False) -> bool:
    """True when ISO 3166 or countryinfo (the names news uses: "Russia", "US") lists `name` as a
    country that is not its own capital ("Norway", not "Singapore"): no answer to "Which city ...?";
    with `adjective`, its people's adjective too ("Norwegian", which the small model may label a place)."""
    key, (countries, _) = country_key(name), _names()
    if adjective and key not in countries:  # "Norwegian" is Norway's; "Singapore" a country and its capital
        return any(a_country(form) for form in other_forms(key))
    return key in countries and key not in _capitals()


@lru_cache(maxsize=1)
def _capitals() -> frozenset[str]:
    """Every country's capital, lower-cased (countryinfo)."""
    return frozenset(str(info.get("capital") or "").lower() for info in country_records())


def not_a_country(name: str) -> bool:
    """True when ISO 3166 lists `name` only as a part of a country (Nara, Texas, Bavaria), or it is a capital."""
    return country_key(name) in _names()[1]


def _adjective(region: str) -> str:
    """The adjective news makes of a region's name: "Europe" -> "european", "Eastern Asia" -> "eastern asian"."""
    region = region.lower()
    return region + ("an" if region.endswith("e") else "n" if region.endswith("a") else "")


@lru_cache(maxsize=1)
def _regions() -> dict[str, frozenset[str]]:
    """Lower-cased country name (and its short names of two words or more) -> the adjectives of the
    regions it lies in ("norway" -> {"european", "northern european"}). "Americas" makes "American",
    which news uses for the United States, so that region gives none."""
    out: dict[str, frozenset[str]] = {}
    for info in country_records():
        parts = [str(info.get("region") or ""), *str(info.get("subregion") or "").split(" and the ")]
        adjectives = frozenset(_adjective(p) for p in parts if p and p != "Americas" and " and " not in p)
        names = {str(info.get("name") or "")} | {n for n in info.get("altSpellings") or () if " " in n}
        out.update((name.lower(), adjectives) for name in names if name)
    return out


def region_named(noun: Any | None) -> str | None:
    """The region an adjective before a parsed noun names ("which European nation" -> "european",
    "Eastern European"), or None."""
    if noun is None:
        return None
    words = [t.lower_ for t in noun.children
             if t.dep_ in ("amod", "compound") and t.i < noun.i and t.text[:1].isupper()]
    if not words:
        return None  # a region's adjective is capitalised; countryinfo is loaded only for one that might be
    for n in (2, 1):
        if len(words) >= n and (phrase := " ".join(words[-n:])) in _region_adjectives():
            return phrase
    return None


@lru_cache(maxsize=1)
def _region_adjectives() -> frozenset[str]:
    return frozenset().union(*_regions().values())


def outside_region(name: str, region: str) -> bool:
    """True when `name` is a country that does not lie in `region` (an adjective of region_named)."""
    adjectives = _regions().get(country_key(name))
    return adjectives is not None and region not in adjectives


def country_forms(name: str) -> frozenset[str]:
    """The forms news names a country by ("US": "United States", "American", ...), lower-cased and
    without dots; empty for a name that is no country or people (a city, a state)."""
    key = name.replace(".", "").strip()
    forms = other_forms(key)
    return forms | {key.lower()} if forms or a_country(key) else frozenset()


def says_country(sentence: str, forms: frozenset[str]) -> bool:
    """Whether `sentence` names a country by one of its `forms` (a short one, "US", in capitals only)."""
    plain = sentence.replace(".", "")
    return any(re.search(rf"\b{re.escape(f)}\b", plain, 0 if len(f) <= 3 else re.I) for f in
               (f.upper() if len(f) <= 3 else f for f in forms))


def owner_of(noun: Any | None) -> str | None:
    """Whose one a parsed noun asks for: the country or organisation its modifier names ("the
    Swedish ambassador", "Norway's prime minister", "the Acme chief executive") or its "of" names ("the
    chief executive of Harbor Foods"), or None."""
    if noun is None:
        return None
    owners = [t for t in noun.children if t.dep_ in ("amod", "compound", "poss")]
    owners += [o for p in noun.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    for t in owners:
        if t.ent_type_ in ("NORP", "GPE", "ORG"):
            name = next((e.text for e in t.doc.ents if e.start <= t.i < e.end), t.text)
            if t.ent_type_ in ("ORG", "GPE") or country_forms(name):
                return name
    return None


# A question for where one comes from ("Where is Tom Reed from?", "Where was she born?"), and the
# phrases news states where one comes from with (closed classes of English).
_ASKS_ORIGIN = re.compile(r"^\W*where\b.*\b(?:from|hails?|born|raised|grow up|grew up)"
                          r"(?:\W*$|\s+(?:when|after|before|while|as)\b)", re.I)  # "... from when they went to"
_ORIGIN_BEFORE = re.compile(r"\b(?:from|native of|born in|raised in|grew up in|hometown of)\s+(?:the\s+)?$", re.I)
_ORIGIN_AFTER = re.compile(r"(?:-born|-raised|\s+natives?)\b", re.I)


def origin_first(question: str, answering: list) -> list:
    """`agency.way_first`, then a place the passage gives as where one comes from put first where the
    best one is not: "Where is Tom Reed from?" is answered by the Lund of "the Lund native" ("a native
    of Lund", "born in Lund"), not by the Oakdale of his lyric "I'm moving to Oakdale"."""
    answering = way_first(question, answering)
    if not _ASKS_ORIGIN.search(question):
        return answering
    return first_holding(answering, lambda c: _ORIGIN_BEFORE.search(text_before(c))
                         or _ORIGIN_AFTER.match(c.evidence.text, c.span[1] - c.evidence.start), tie=False)


_AT = re.compile(r"\bat\s+$")  # "his residency at The Colosseum at Caesars Palace": a venue


def place_fit(q: Any, text: str, span: tuple[int, int, str | None], fit: float) -> float:
    """How well a name (start, end, label) of a passage `text` fits the place asked, from its label's
    fit: less for a city where a country is asked ("Which nation ...?": not "the city of Nara"); not
    at all for a country, or its people's adjective, where a city is asked ("Which city will host
    ...?": not "Norway", nor "the Norwegian city of Bergen"), less for a building of a few words where
    a town, state or country is asked (and for a country or town where the entity scheme calls the
    noun asked a building: an airport), and none for one outside the region asked ("Which European
    nation ...?": not Thailand), nor for a country where a part of one is asked ("Which region of
    Ukraine ...?": not Russia). For "Where ...?", an organisation after "at" is a venue the model
    labels so ("his residency at The Colosseum at Caesars Palace"; 2026-12-07, bench/RESULTS.md): it
    fits as a facility does; and one after "from" ("born in", ...) where the question asks where one
    comes from, as a town does."""
    a, b, label = span
    if label == "ORG" and q.answer_type.name == "place" and _AT.search(text, max(0, a - 4), a):
        return max(fit, q.answer_type.labels.get("FAC", 0.0))
    if label == "ORG" and _ASKS_ORIGIN.search(q.text) and _ORIGIN_BEFORE.search(text, max(0, a - 16), a):
        return max(fit, q.answer_type.labels.get("GPE", 0.0))  # "visiting from Bangor, Maine" (labelled so)
    if label not in PLACE_LABELS:
        return fit
    building = label == "FAC" and " " in text[a:b].strip()  # one word the model calls a building is a town's name
    if q.focus in COUNTRY_NOUNS and not_a_country(text[a:b]) or building and q.focus in _LANDS \
            or label == "GPE" and q.scheme.get(q.focus or "") == "FAC":
        fit *= OTHER_NAME_FIT  # nor is a building a town or a country, nor a country the airport asked about
    if q.focus in TOWN_NOUNS and a_country(text[a:b], adjective=True) \
            or q.region and outside_region(text[a:b], q.region) \
            or q.focus in _LANDS - COUNTRY_NOUNS and q.owner and a_country(q.owner, True) and a_country(text[a:b]):
        return 0.0  # nor is a country a region of one: "Which region of Ukraine": not Russia
    return fit
