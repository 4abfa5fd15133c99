"""Whether a candidate answer is one of the noun a question asks about ("Which company ...?"): tied to
it by the parse ("retailer Northwind"), standing beside it ("Gov. Ana Ruiz"), called one elsewhere in
the corpus (or, for a country, by the country lists), or only near it; and when a title says whose
it is, of the country or organisation the question names."""

from __future__ import annotations

import re
from collections.abc import Callable

from .agency import first_holding, text_before
from .annotate import PLACE_LABELS
from .answer_types import VALUE_LABELS
from .counting import counts_the_noun, partitive
from .datelines import dateline_end
from .evidence import Doc, Evidence, people_named, tokens
from .mentions import mentions, name_words
from .places import COUNTRY_NOUNS, a_country, country_forms, says_country
from .question import Question
from .text import possessive, stem, stems, with_titles, without_possessive
from .timeframe import PRESENT_WINDOW

# Labels of names that may say what kind of thing they name ("Harbor Airlines", "the Bank of Lund");
# a person's name does not ("Tom Baker" is no baker).
NAMES_OF_KINDS = frozenset({"ORG", "FAC", "GPE", "LOC", "EVENT", "WORK_OF_ART", "PRODUCT"})
TITLE_REACH = 30  # characters either side of a name where its title says whose it is ("Swedish Ambassador ...")
# A title held once, written before the name ("former Oakdale Mayor Tom Reed") or after it ("Tom Reed,
# a former mayor"), unless the question asks about then ("Who was the mayor ...", "the former mayor").
_FORMER_BEFORE = re.compile(r"\b(?:former|ex-|then-)\s*(?:[\w.'’-]+\s+){0,3}$", re.I)
_FORMER_AFTER = re.compile(r",\s+(?:a\s+|the\s+|once\s+)?(?:former|ex-)", re.I)
_ONCE = re.compile(r"\b(?:former|ex-|then-|once|was|were|previous)", re.I)
# An office under another, named by its rank word (a closed class; not "associate": an associate
# justice is a justice): "Deputy Defense Secretary", "Vice President", "Assistant Secretary".
_RANKS = r"(?:deputy|vice|assistant)\b"
_UNDER = re.compile(rf"\b{_RANKS}", re.I)
_TITLE_BEFORE = re.compile(r"(?:[\w.'’-]+[\s-]+){1,4}$")  # the words just before a name: its title, if any
_UNDER_AFTER = re.compile(rf",\s+(?:a\s+|the\s+)?{_RANKS}", re.I)
# The rest of a name and a title in lower case after it, before a person's name: " Lions quarterback "
_TITLED_PERSON = re.compile(r"(?:\s+[A-Z][\w.'’-]*){0,2}(?:\s+[a-z][\w-]*){1,3}\s+(?=[A-Z])")
_MODIFIERS = r"(?:(?:the|a|an|former|longtime|\w*\d[\w-]*|\w+-[\w-]+)\s+){0,2}"  # "100-year-old "
# Prepositions whose object, after a noun, is something else than one of it: "the sequel to the 2010
# hit" is not the hit (a closed class; "of", "like", "including" name one: "the city of").
OTHER_THAN = frozenset({"to", "for", "against", "with", "from", "by", "over", "behind", "after", "into", "about"})
# Honorifics (a closed class): how a person is addressed, no office ("Sir Tom Reed, Harbor Secretary")
HONORIFICS = frozenset({"sir", "dame", "lord", "lady", "mr", "mrs", "ms", "miss", "dr", "rev"})


def nearness(sent: list[str], at: int, length: int, nouns: set[str], inside: bool = True, head: int = 99) -> int:
    """How many words stand between a span (`length` words at `at`) and the nearest mention of the noun
    asked about, not counting a mention whose preposition makes the span its object (OTHER_THAN), nor
    one in the span unless `inside`, and then only in its first `head` words (those before its "of")."""
    def other(k: int) -> bool:
        between = sent[k + 1 : at]
        return k < at and 1 <= len(between) <= 2 and between[0] in OTHER_THAN and between[1:] in ([], ["the"], ["a"])

    def titled(k: int) -> bool:  # a title of its owner just before the name: "Secretary of State Ana Ruiz"
        return k < at and 2 <= len(sent[k + 1 : at]) <= 3 and sent[k + 1] == "of"
    return min((1 if titled(k) else abs(k - at) - (length - 1 if k > at else 0)
                for k, t in enumerate(sent) if t in nouns and not other(k)
                and (inside and k < at + head or not at <= k < at + length)),
               default=99)


def _asked_nouns(q: Question, label: str | None) -> set[str]:
    """The stems a name of this label is tied to the noun asked by: the noun and those compounded with
    it ("missile tests": "the fourth missile"), with their titles ("governor": "Gov. Ana Ruiz"); for a
    place where none is asked, the noun alone ("New York City police" is no "state police sergeant")."""
    local = label in PLACE_LABELS and q.answer_type.name != "place"
    return with_titles(set(stems([q.focus] if local else list(q.focus_words or (q.focus,)))))


def _head_length(name: str) -> int:
    """How many words of a name may say what kind of thing it names: those before its "of" (the
    "Bureau of Prisons" is a bureau, no prison; the "Bank of Lund" a bank)."""
    return len(tokens(re.split(r"\s+of\s+", name, maxsplit=1)[0])[0])


def _named_for(q: Question, words: list[str], kind_words: set[str]) -> bool:
    """Whether a name's words (stemmed) say it is one of the noun asked: any word of its kind for "What is the
    name of the convoy?" ("the Harbor Convoy"); else its head noun, the word before its "of" or its last
    ("Which office ...?": "the Oakdale Office of Legislative Affairs"; not "Which drug ...?": "the Oakdale
    Drug Control Board")."""
    last = words.index("of") if "of" in words else len(words)
    return stem(q.focus) in (kind_words if q.naming else set(stems(words[last - 1 : last])))


def _owns_another(q: Question, text: str, a: int, b: int) -> bool:
    """Whether the name at [a, b) owns the thing asked about ("Pyongyang's spy satellite"), unless an
    owner is what is asked ("Which telescope's camera ...?": "the Spitzer Space Telescope's camera")."""
    return possessive(text, a, b) and not re.search(rf"\b{re.escape(q.focus or '')}\w*['’]s\b", q.text, re.I)


def _ties(how: str, label: str, asked: str) -> bool:
    """Whether a parse link (`how`: annotate.py) of a name with this label ties it to the noun it links
    to: "X of Y" only for places and values ("the city of Kaesong", "a salary of $450,000", no "a member
    of Congress"); a place that modifies the noun says where one is from, unless a place is asked ("a
    retired Oakdale consultant" is no consultant)."""
    place = label in PLACE_LABELS
    return (how != "of" or place or label in VALUE_LABELS or asked == "place") \
        and not (how == "head" and place and asked != "place")


def tie(q: Question, d: Doc, ev: Evidence, span: tuple, where: tuple[list[str], list[str], int], unit: bool,
        called: Callable[[str, bool], bool]) -> float:
    """How surely a span (start, end, label, links) is one of the noun asked about: 1 tied by the parse,
    0.6 beside it or called one elsewhere, 0.3 near it; `where` is its words, its sentence's (stemmed) and
    its first word's place among them; `unit`: a value that counts the noun ("13 years"). For a person,
    asked for or answering, a title of another country or organisation than the one the question names
    is none: "the Swedish ambassador" is not "Norwegian Ambassador Ana Ruiz", "Harbor Foods's chief
    executive" not "Acme Chief Executive Tom Reed" (a title's owner is written within TITLE_REACH of the name,
    and after it, its own length further: "Tom Reed, director of the Oakdale County Historical Society
    Archaeology Unit"; not "supported by the Oakdale County Historical Society and by Director Tom Reed").
    A person's title whose owner goes unsaid there, where no other country or organisation is named
    either ("..., Secretary of State Ana Ruiz said"), may be the one asked about, less surely; not a
    title the corpus gives the person elsewhere only ("President Tom Reed" of another country)."""
    a, b, label, links = span
    words, sent_stems, at = where
    nouns = _asked_nouns(q, label)
    # For a person asked about, a name of another label is tied by its own words only as the noun asked:
    # the "Department of Corrections" is no "corrections officer" (its modifier)
    own = label == "PERSON" or q.answer_type.name != "person"
    kinds = nouns if own else {stem(q.focus)}
    near = nearness(sent_stems, at, len(words), nouns, inside=own, head=(head := _head_length(d.text[a:b])))
    kind = label == "NORP" and f"head:{q.focus}" in links.split("|")  # "three Republican judges": a kind of judge
    owner = _owns_another(q, d.text, a, b) or kind
    parsed = [link.partition(":") for link in links.split("|")]
    tied = set() if kind else {lemma for how, _, lemma in parsed if _ties(how, label, q.answer_type.name)}
    # a name titled otherwise is what it says ("Harbor Director Tom Reed notified museum staff": no museum)
    titled = {stem(lemma) for how, _, lemma in parsed if how == "title" and lemma not in HONORIFICS}
    beside = (near <= 2 or _apposed(d.text, a, b, nouns) or _apposed_second(d.text, b, nouns)) \
        and not (titled and not titled & nouns)
    counted = partitive(label, sent_stems, at + len(words), nouns) or counts_the_noun(d, a, b, nouns, label) \
        or label in ("CARDINAL", "QUANTITY") and _number_of(d.text[ev.start : a], nouns)
    # a plural title is a name's word too: "Justices Tom Reed and Ana Ruiz"
    by_parse = stem(q.focus) in {stem(t) for t in tied}
    # the words of a name that may say what kind of thing it names ("Harbor Airlines")
    kind_words = set(stems(words[:head])) if label in NAMES_OF_KINDS and len(words) > 1 else set()
    if unit or by_parse or kind_words and _named_for(q, words, kind_words):
        focus = 1.0  # tied by the parse; or named for what the question asks ("the Harbor Convoy")
    elif (beside or counted) and not owner \
            or called(" ".join(words), label == "PERSON") or _listed(q, label, d.text[a:b]) \
            or bool(kind_words & kinds) or label == "ORG" and "ORG" in q.answer_type.labels \
            and _titles_asked_person(q, d, b):  # "Speed Art Museum"; "Acme chief Tom Reed" (not for a place)
        focus = 0.6
    else:
        focus = 0.3 if near <= 6 else 0.0
    if focus and (_former(q, d.text, a, b) or _under(q, d.text, a, b, nouns)):
        return 0.0
    if focus and q.owner and "PERSON" in (label, q.answer_type.name.upper()):  # a title: whose envoy, minister
        with_name = by_parse or beside  # not only called one elsewhere: that says nothing of whose
        return _of_the_owner(q, d, ev, span, focus, with_name)
    return focus


def _apposed(text: str, start: int, end: int, nouns: set[str]) -> bool:
    """Whether a name is set between commas (or a comma and its sentence's end) in apposition to the noun
    asked about and the phrase that follows it: "A survivor of the camp, 100-year-old Tom Reed, attended";
    "a lawyer for the family, Ana Ruiz, said"; "... to the Chairman of the 1922 Committee of Conservative
    backbenchers, Graham Brady." (the parse sets the name beside the phrase's last noun, and words stand
    between). Only an article, "former", "longtime" or a hyphened or numbered modifier may stand before the
    name."""
    if text[end : end + 1] not in (",", ".") or text[end : end + 2] == ".,":
        return False
    before = text[max(0, start - 80) : start]
    return any(re.search(rf"\b{re.escape(n)}\w*\s+(?:of|for|at)\s+[^,;.:“”\"]{{1,60}},\s+{_MODIFIERS}$", before,
                         re.I) for n in nouns if len(n) > 2)


# What news says a count of a thing is, after "the number of <things>": "scaling up the number of troops on high
# alert to 300,000", "the number of gaming stations from 850 to 425", "the number of cases stood at 605".
_NUMBER_IS = re.compile(r"\b(?:to|at|is|was|were|reached|hit|totals?|totaled|totalled)\s*$", re.I)


def _number_of(before: str, nouns: set[str]) -> bool:
    """Whether the sentence gives the value after it (`before` is the sentence up to it) as the number of the
    noun asked about, within a clause ("the number of troops on high alert to 300,000")."""
    return any((m := re.search(rf"\bnumber\s+(?:of\s+)?(?:[\w'’-]+\s+){{0,3}}?{re.escape(n)}\w*\b([^.;:]{{0,60}})$",
                               before, re.I)) and _NUMBER_IS.search(m[1]) for n in nouns if len(n) > 2)


_SECOND_OF_TWO = r",\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){1,3}and\s+(?:[\w'’-]+\s+){0,2}?"  # ", a researcher and "


def _apposed_second(text: str, end: int, nouns: set[str]) -> bool:
    """Whether the noun asked about is the second of two an apposition after the name gives it: "Vinny
    Troia, a cybersecurity researcher and founder of ..." (the parse ties the name to the first only)."""
    after = text[end : end + 80]
    return any(re.match(rf"{_SECOND_OF_TWO}{re.escape(n)}\w*\b(?!['’])", after, re.I) for n in nouns if len(n) > 2)


def _of_the_owner(q: Question, d: Doc, ev: Evidence, span: tuple, focus: float, with_name: bool) -> float:
    """`focus` where the question's owner of a person's title is named within reach of the name; where
    it goes unsaid and no other owner is named there, at most 0.6 for a person whose title stands
    `with_name`; else none (see `tie`)."""
    a, b, label, _ = span
    # not the dateline's place: "Lund, Norway (CNN) First lady Maria Alvarez" is no first lady of Norway
    reach = TITLE_REACH + len(q.owner)  # after the name: "Tom Reed, director of <a long owner>"
    lo, hi = max(dateline_end(d.text, ev.start), a - TITLE_REACH), min(ev.end, b + reach)
    # a name begun within reach is read whole: "Tom Reed, director of the Oakdale Council's Harbor Center"
    hi = max([hi, *(min(y, ev.end) for x, y, _, _ in d.ann.get("e", []) if lo <= x < hi)])
    around = d.text[lo:hi]
    forms = country_forms(q.owner)
    place = bool(forms) or (q.owner, "GPE") in q.entities  # a country, or a state or city ("Kentucky senator")
    if says_country(around, forms) if forms else mentions(name_words(around), q.owner, "GPE" if place else "ORG"):
        return focus
    others = ("GPE", "NORP") if place else ("ORG",)
    named = any(lo <= x < hi and lb in others and not (x <= a < y) for x, y, lb, _ in d.ann.get("e", []))
    return 0.0 if named or label != "PERSON" or not with_name else min(focus, 0.6)


def _titles_asked_person(q: Question, d: Doc, b: int) -> bool:
    """Whether an organisation's name ending at `b` opens the title of a person the question names,
    the title a noun the parse ties to that person ("Harbor Lions quarterback Tom Reed" for "Which
    team does Reed play for?"): the person's own organisation."""
    title = _TITLED_PERSON.match(d.text, b)
    if title is None:
        return False
    asked = people_named(q)
    for x, _, label, links in d.ann.get("e", []):
        if x == title.end() and label == "PERSON" and any(set(tokens(d.text[x : x + 40])[0][:3]) & p for p in asked):
            nouns = {lemma for how, _, lemma in (link.partition(":") for link in links.split("|")) if how == "compound"}
            return bool(nouns & set(title[0].split()))
    return False


def _former(q: Question, text: str, a: int, b: int) -> bool:
    """Whether the name at [a, b) held the title only once ("former Oakdale Mayor Tom Reed", "Tom Reed,
    a former mayor"), where the question asks who holds it now ("Who is the mayor of Oakdale?")."""
    if not (q.present or q.window == PRESENT_WINDOW) or _ONCE.search(q.text):
        return False
    return bool(_FORMER_BEFORE.search(text, max(0, a - TITLE_REACH * 2), a) or _FORMER_AFTER.match(text, b))


def _under(q: Question, text: str, a: int, b: int, nouns: set[str]) -> bool:
    """Whether the name at [a, b) holds an office under the one asked about (`nouns`, its stems with
    their titles), or the one above it: "Deputy Defense Secretary Tom Reed" or "Tom Reed, the deputy
    secretary" is no answer to "Who is the defense secretary?", and "President Tom Reed" none to "Who
    is the vice president?"."""
    asks_under = bool(_UNDER.search(q.text))
    title = _TITLE_BEFORE.search(text, max(0, a - TITLE_REACH * 2), a)
    if title and with_titles(set(tokens(title[0])[0])) & nouns:
        return bool(_UNDER.search(title[0])) != asks_under
    return not asks_under and bool(_UNDER_AFTER.match(text, b))


def _listed(q: Question, label: str | None, text: str) -> bool:
    """Whether a place is a country by the country lists (places.py), for "Which country ...?": called
    one as the corpus might have called it ("the country of X")."""
    return q.focus in COUNTRY_NOUNS and label in PLACE_LABELS and a_country(without_possessive(text))


def title_as_asked_first(q: Question, answering: list) -> list:
    """The candidates (best first), with one whose title before the name holds every word of the title
    asked about put first where the best one's does not: "Who was the environment secretary?" is
    answered by the Tom Reed of "Trade Secretary Ana Ruiz, Environment Secretary Tom Reed and ...",
    not by Ana Ruiz, though the parse ties all of them to "secretary" (among the five best, tied and
    fitting as well as the best one)."""
    if q.answer_type.name != "person" or len(q.focus_words) < 2 or len(answering) < 2:
        return answering
    asked = set(stems(list(q.focus_words)))
    return first_holding(answering, lambda c: asked <= set(tokens(text_before(c))[0][-len(asked) - 1 :]))
