"""Candidate answers: the spans of the retrieved passages that could answer a question, scored.

The candidates are the entities of the expected types in the evidence sentences (and, where the type allows, their
noun phrases and quoted titles, titles.py) that the question does not already contain, in its words or by
initials; for "who", also the speaker of a quotation named a sentence away, and not a person there only as the
speaker of what the sentence reports (unless it asks who said it). Each is scored by how much of the question its
sentence and passage hold (words weighted by rarity), how close it stands to the question's words, whether the
parse ties it to the thing asked about ("retailer Northwind" for "Which retailer"; or the corpus does elsewhere,
TypeLexicon.kinds; or a description one sentence later, antecedents.py), how many articles name it, and its
passage's rank. Years the question names must hold in the sentence, the passage or the article's date."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .answer_types import CALENDAR, NAME_LABELS, VALUE_LABELS, TypeLexicon, called_otherwise, named_as, spelled_out
from .antecedents import antecedents, read_together
from .constraints import years_hold, years_read
from .counting import (
    a_level,
    ages_another,
    counts_noun,
    counts_things,
    figures,
    in_ratio,
    names_an_age,
    only_ranks,
    past_the_questions_name,
    states_age,
    the_age,
    value_fit,
)
from .datelines import in_dateline
from .dates import before_published, day_figures, resolve_relative
from .evidence import Doc, Evidence, clause_distance, links_in, people_named, tokens, word_at
from .measures import with_unit
from .mentions import by_initials, by_other_form, full_name, name_words, not_a_name, written_whole
from .places import place_fit
from .question import Question
from .speakers import only_reports
from .tallies import tallied
from .text import MONTH_NAMES, YEAR, content_terms, months_named, span_text, stems, without_article, without_possessive
from .ties import tie
from .timeframe import event_day, event_months, recency, reports_day, reports_month
from .titles import apposed_names, given_names, name_before, title_spans
from .weights import (
    MIN_EVIDENCE,
    OTHER_NAME_FIT,
    PHRASE_FIT,
    RELATIVE_DATE_FIT,
    STALE,
    W_EVIDENCE,
    W_FOCUS,
    W_OWN,
    W_PROXIMITY,
    W_RANK,
    W_RECENCY,
    W_SUPERLATIVE,
    W_SUPPORT,
    W_TYPE,
)

# A length of time counts its unit (a closed class): "12 years", "a decade"; a point in time ("July 12") does not.
LENGTH = re.compile(r"(?:\d|\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|few|couple|"
                    r"dozen|many|half)\b)[^.]*?\b(?:year|month|week|day|decade|centur|hour|minute|second|night)", re.I)
# A calendar date names its month (by its first three letters, as MONTH_NAMES has them) or is in figures ("9/27").
_MONTH = "|".join(m[:3] for m in MONTH_NAMES)
DAY_OF = re.compile(rf"\b(?:{_MONTH})[a-z]*\.?\s+\d{{1,2}}\b|\d{{1,2}}\s+(?:{_MONTH})|\b\d{{1,2}}/\d{{1,2}}\b", re.I)
_POINT = re.compile(r"\b(?:ago|later|earlier|after|before|from now)\b", re.I)  # a length from a point is a point
_ANY_DAY = "2000-01-03"  # a date to ask `resolve_relative` whether an expression is a day at all
_COUNT = re.compile(r"\d[\d,.]*\s")  # a plain phrase that counts ("655 babies") names no kind of thing
_THE_KIND = re.compile(r"[Tt]he\s+([a-z]+)")  # "the company": one noun after the definite article
# An amount with its currency sign and magnitude, where the small model labels nothing ("£42bn").
_AMOUNT = re.compile(r"[$£€]\d(?:[\d,.]*\d)?(?:\s?(?:m|bn|k|million|billion|trillion)\b)?")
# Possessive and demonstrative determiners (a closed class): a phrase they open points back to a name.
_POINTING = re.compile(r"(?:its|their|his|her|your|our|my|this|that|these|those)\b", re.I)
_OPENING_QUOTES = frozenset({'"', "“", "‘"})  # before a title the model spans with its quotes left out


@dataclass
class Candidate:
    text: str
    key: str
    label: str | None
    score: float
    evidence: Evidence
    articles: set[str] = field(default_factory=set)
    focus: float = 0.0  # 1: the parse ties it to the noun asked about; 0.6: it stands near, or is called one elsewhere
    fit: float = 1.0  # how well its label fits the type asked for
    span: tuple[int, int] = (0, 0)  # where its passage names it (character offsets)


def _spans(q: Question, d: Doc, ev: Evidence, lexicon: TypeLexicon) -> list[tuple[int, int, str | None, float, str]]:
    """(start, end, label, type fit, links) of the candidate spans inside one evidence sentence."""
    out = []
    other = OTHER_NAME_FIT if any(lb in NAME_LABELS for lb in q.answer_type.labels) else 0.0
    titles = [(x, y) for x, y, named in given_names(d.text, ev.start, ev.end) if named is None]
    for a, b, label, links in (e for e in d.ann.get("e", []) if ev.start <= e[0] and e[1] <= ev.end):
        links = links_in(links, ev.text)  # not a noun of the next sentence the index-time parse ran in
        if label in NAME_LABELS and any(x <= a and b <= y and (a, b) != (x, y) for x, y in titles):
            continue  # a name inside a quoted title is the title's: "Ana" of "Ana and the Harbor Kings"
        fit = named_as(q.answer_type, q.focus, label, links,
                       q.answer_type.labels.get(label, other if label in NAME_LABELS else 0.0))
        if label in VALUE_LABELS:
            fit = value_fit(q, d.text, (a, b, label, links), fit, ev.start)
            if fit and q.answer_type.name == "thing":  # only as the noun's: tied to it as "the cost is $5" is
                links = "|".join(filter(None, (links, f"attr:{q.focus}")))
        fit = place_fit(q, d.text, (a, b, label), fit)  # a place of the kind and region asked; a venue
        if links and called_otherwise(q.answer_type, links, q.scheme):
            continue  # "advocacy group ParentsFirst" for "Which product ...?" (labelled a product)
        if fit:
            out.append((a, b, label, fit, links))
    if "MONEY" in q.answer_type.labels:
        labelled = d.ann.get("e", [])
        out += [(m.start(), m.end(), "MONEY", q.answer_type.labels["MONEY"], "")
                for m in _AMOUNT.finditer(d.text, ev.start, ev.end) if not any(a < m.end() and m.start() < b
                                                                               for a, b, *_ in labelled)]
    if q.answer_type.phrases:
        for a, b in d.ann.get("n", []):  # one the parse ran in from a headline: its part in the sentence
            a = max(a, ev.start)
            # Not a phrase that points back to a name: "its spinoff", "your attention", "the company"
            # (a kind of thing the corpus names: the lexicon).
            kind = _THE_KIND.fullmatch(d.text, a, b)
            if ev.start < b <= ev.end and not _POINTING.match(d.text, a) and not (kind and lexicon.labels(kind[1])):
                out.append((a, b, None, PHRASE_FIT, ""))
    out += title_spans(q, d.text, ev.start, ev.end) + apposed_names(q, d.text, d.ann, ev.start, ev.end)
    return tallied(q, d.text, ev.start, ev.end, out)  # quoted titles, "called X", "6-3": the model misses many


def _the_questions_own(q: Question, text: str, label: str | None, words: list[str], asked: set[str]) -> bool:
    """Whether a candidate is the question's own words (half of them), or one of its names in other
    words: "Food and Drug Administration" where it says "the FDA", "Maria Alvarez" where it says "Alvarez".
    A person's name shares words with another's ("Kim Yo-jong", "Kim Jong Un"): only all of them count."""
    if label == "PERSON":  # (or a surname the model gave another label in the question: "against Lundqvist")
        return set(words) <= asked or any(set(named := tokens(n)[0]) <= set(words)
                                          and (lb == "PERSON" or named == words[-1:]) for n, lb in q.entities)
    if label in VALUE_LABELS and (numbers := figures(text, True)):  # figures and magnitudes: "$20.4 billion" no "$33
        return set(numbers) <= set(figures(q.text, True)) - day_figures(q.dates)  # billion"; "six" no "January 6"
    # No content term in a title of small words ("Then and Now"): not the question's for that; nor in a
    # figure of one digit ("9%", "$5": content terms are two characters or more), unless the question writes it.
    terms = {*content_terms(text)}
    written = written_whole(text, q.text)
    figure = label in VALUE_LABELS and re.search(r"\d", text) and not written
    if 2 * sum(w in asked for w in words) >= len(words) or terms <= asked and (terms or label != "WORK_OF_ART"
                                                                                and not figure):
        return True
    asked_words = name_words(q.text)  # "Norway" where it says "Norwegian city"
    return by_other_form(asked_words, text, label) or label in NAME_LABELS and by_initials(asked_words, text)


def _time_fit(q: Question, label: str | None, text: str, published: str | None) -> float:
    """How much less a date or time fits than its label says, for what the question asks of time; and
    a count in words for "How much ...?" (money): "one" of "one of the reasons" is no amount."""
    if label == "DATE" and q.future and before_published(text, published):
        return 0.0  # "When will ... restore the hotlines?": not "late July" of a September story
    if label == "CARDINAL" and q.answer_type.name == "money" and not re.search(r"\d", text):
        return 0.0
    if label not in ("DATE", "TIME"):
        return 1.0
    if set(stems(text.lower().split())) <= CALENDAR:
        return 0.0  # a bare unit ("week" of "this week's meeting") is no time at all
    vague = not re.search(rf"\d|{_MONTH}", text.lower())
    if q.answer_type.name == "date" and q.focus == "year" and not YEAR.search(text):
        return 0.0  # "What year ...?": a year, not "December" ("last year" holds the question's own word)
    if label in ("DATE", "TIME") and q.wh == "when" and LENGTH.search(text) and not _POINT.search(text) \
            and not months_named(text) and not YEAR.search(text):
        return 0.0  # "When ...?": a point in time, not a length of time ("five weeks", "360 days", "27 minutes")
    if label == "DATE" and q.wh == "when" and vague:
        return RELATIVE_DATE_FIT  # "When ...?": "in May" says more than "this month"
    if q.focus == "date" and label == "DATE" and not DAY_OF.search(text):
        # "On what date ...?": "March 21", or a day the article's date resolves ("on Monday"), not
        # "four-day", "less than a month" or "since 1994".
        return OTHER_NAME_FIT if resolve_relative(text, _ANY_DAY) else 0.0
    if q.answer_type.name == "duration" and (not LENGTH.search(text) or _POINT.search(text)
                                                        or only_ranks(figures(text))):
        return OTHER_NAME_FIT  # "How long ...?": "five years", not "Tuesday", "July 12", "its 40th day", "a year later"
    return 1.0


def _candidate(q: Question, d: Doc, ev: Evidence, span: tuple, q_stems: set[str],
               called: Callable[[str, bool], bool]) -> Candidate | None:
    a, b, label, fit, links = span
    if in_dateline(d.text, a, b, ev.start) or label == "PERSON" and not_a_name(d.text, a, b):
        return None
    if q.answer_type.name in ("money", "percent") and label == "CARDINAL" and counts_things(d.ann, a, b) \
            or label in VALUE_LABELS and a_level(q.text, d.text, a):  # nor, by how much it fell, where it fell to
        return None  # "How much ...?": not the 100 of "releasing 100 cockroaches"
    a = past_the_questions_name(q, d.text, a, b) if label in VALUE_LABELS else a
    a, written = span_text(d.text, a, b, label)  # "[Ana] Ruiz" with its bracket, "$100,000" with its sign
    text = with_unit(q, spelled_out(without_possessive(written.strip(" \"'“”‘’,.;:()"))), d.text, b)
    calendar = q.answer_type.name == "date" and q.focus in CALENDAR  # "What year": the type, not a unit or a focus
    unit = bool(q.focus) and label in VALUE_LABELS and counts_noun(q.focus, text) and not calendar  # "13 years"
    if not (fit := fit * _time_fit(q, label, text, d.date)):
        return None
    if q.answer_type.name == "age" and label in VALUE_LABELS and (
            not states_age(d.text, a, b) or ages_another(people_named(q), d.text, d.ann, a, b, q.text)):
        return None  # "How old ...?": "At 83, Reed ...", not "after nearly 28 years on the court", nor another's
    text = the_age(text) if q.answer_type.name == "age" else text
    if q.answer_type.name in ("date", "time", "duration") and (names_an_age(text) or states_age(d.text, a, b)):
        return None  # "When ...?": not "the age of 67 Friday", nor the 61 of "Tom Reed, 61, was named"
    if q.wh == "how many" and label == "CARDINAL" and in_ratio(d.text, a, b):
        return None  # "one in five eligible voters" counts none of them
    text = _bare(text, label, d.text[a - 1 : a] in _OPENING_QUOTES, q.focus, d.text[max(0, a - 8) : a])
    words, _ = tokens(text)
    named = bool(q.focus) and label not in (None, *VALUE_LABELS)  # "Alder County" for "which county"
    asked = q_stems - set(stems([q.focus])) if unit or named else q_stems  # "13 years" for "how many years"
    if len(text) < 2 and not text.isdigit() or _the_questions_own(q, text, label, words, asked):
        return None
    if label is None and q.focus and stems([q.focus])[0] in words:
        return None  # "the virus": the thing asked about, not which one; "currency reserves": not one
    sent_stems, sent_spans = tokens(ev.text)
    offset = a - ev.start
    at = [word_at(sent_stems, sent_spans, offset, words[:1])]
    hits = [k for k, t in enumerate(sent_stems) if t in q_stems and not (at[0] <= k < at[0] + len(words))]
    distance = clause_distance(ev.text, sent_spans, at[0], hits) if sent_spans else 20
    focus = 0.0 if not q.focus or calendar else tie(q, d, ev, (a, b, label, links), (words, sent_stems, at[0]), unit,
                                                    called)
    if label is None and (q.wh == "which" and not re.search(r"[A-Z0-9]", text) and not called(" ".join(words))
                          or q.naming and not re.search(r"[A-Z]", text) or q.wh == "which" and _COUNT.match(text)):
        return None  # "Which club ...?" picks a named one (or one the corpus calls a club), not "passion"; a name
        # has a capital letter: "What is the name of the gunman?" is not answered "at least six people";
        # nor "Which enzyme ...?" by a count of something ("655 babies")
    # "Which state has the highest price?": the sentence that says "highest" (not "cheapest").
    superlative = bool(q.superlatives) and bool(set(stems(list(q.superlatives))) & set(sent_stems))
    score = (W_TYPE * fit + W_EVIDENCE * ev.score + W_PROXIMITY / (1 + distance / 4) + W_FOCUS * focus
             + W_SUPERLATIVE * superlative)
    if label == "PERSON":
        text = _untitled(q, full_name(text, d.text, d.ann))
    return Candidate(text, " ".join(tokens(text)[0]), label, score, ev, {d.source}, focus, fit, (a, b))


def _bare(text: str, label: str | None, quoted: bool, focus: str | None = None, before: str = "") -> str:
    """A span's text without its leading article ("the company": "company"), but a quoted title's own ("The Bridge");
    of a phrase that names the kind asked about after a name, the name ("Ariane 5" of "Ariane 5 rocket")."""
    if label in VALUE_LABELS:
        return re.sub(r"^the\s+", "", text, flags=re.I)
    text = text if quoted and text[:1].isupper() else without_article(text)  # not "the" of “the Glass Arch”
    return name_before(text, focus, before) if label is None and focus else text


def _untitled(q: Question, name: str) -> str:
    """A person's name without the title asked about the model ran into it ("Superintendent Tom Reed": Tom Reed)."""
    title = re.match(r"([A-Z][a-z]+)\s+(?=[A-Z])", name) if q.focus else None
    return name[title.end() :] if title and stems([title[1].lower()])[0] == stems([q.focus])[0] else name


def _standing(c: Candidate) -> tuple[bool, float]:
    """The instance that stands for a candidate: the best one whose sentence holds enough of the question."""
    return c.evidence.score >= MIN_EVIDENCE, c.score


def candidates(q: Question, docs: list[Doc], evidence: list[Evidence],
               lexicon: TypeLexicon) -> tuple[list[Candidate], set[int], set[str]]:
    """The candidate answers, best first (one per distinct text, with every article that names it),
    and the years and dates of the evidence set aside as of another time."""
    found_before = antecedents(q.focus or "", docs)  # "... the company" a sentence later; "That's how much ..."
    known = {x.key for x in found_before if x.calls}
    kind = stems([q.focus or ""])[0]

    def called(key: str, person: bool = False) -> bool:  # what the corpus, or a description a sentence
        return key in known or lexicon.is_a(key, kind, person)  # later, calls a <focus>

    readings = read_together(q, docs, evidence, found_before)
    q_stems = set(content_terms(q.text)) | set(stems([q.focus] if q.focus else []))
    found: dict[str, Candidate] = {}
    years_seen: set[int] = set()
    too_old: set[str] = set()
    day, months = event_day(q, [d.date for d in docs]), event_months(q)
    for ev, only, describes in readings:
        d = docs[ev.passage]
        fresh = recency(q, d.date)
        if q.present and fresh < STALE or day and not reports_day(d.date, d.text, day, ev.text) \
                or months and not reports_month(d.date, d.text, months, q.years, ev.text):
            too_old.add(d.date or "")  # too old, or no report of the day (or month) asked about
            continue
        if not years_hold(q, d, ev):  # the years it is about, not every year of its passage
            years_seen |= years_read(q, d, ev)
            continue
        for a, b, label, fit, links in _spans(q, d, ev, lexicon):
            if only not in (None, a):
                continue
            if describes:  # the description ties it as an apposition would ("X ... the company")
                links = f"{links}|appos:{q.focus}"
            c = _candidate(q, d, ev, (a, b, label, fit, links), q_stems, called)
            if c is None or label == "PERSON" and not c.focus and only_reports(d.text, a, b, q.terms):
                continue  # "..., said Ana Ruiz": who tells the story, not who is in it (speakers.py)
            c.score += W_RANK / (1 + ev.passage) + W_RECENCY * fresh + W_OWN * ev.own
            best = found.get(c.key)
            if best is None or _standing(c) > _standing(best):
                c.articles |= best.articles if best else set()
                found[c.key] = c
            else:
                best.articles |= c.articles
    for c in found.values():
        c.score += W_SUPPORT * math.log(len(c.articles))
    # On equal scores, a name that says it is one of the kind asked about first ("Harbor Airlines", not "Budget").
    return sorted(found.values(), key=lambda c: (c.score, kind in c.key.split()), reverse=True), years_seen, too_old
