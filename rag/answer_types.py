"""Answer types: which entity labels (spaCy's OntoNotes scheme) can answer a question.

A wh-word fixes the type ("who" a person, "how many" a number); for "which/what X" the noun X
does, looked up in two places, neither a hand-made word list:
  1. the entity scheme's own label descriptions (`spacy.explain`: ORG is "Companies, agencies,
     institutions", GPE "Countries, cities, states", ...): "Which company" -> ORG;
  2. the corpus itself (TypeLexicon): how often the parse tied X to entities of each label when the
     passages were annotated ("President Biden", "retailer Northwind", "the cost of $4 billion").
A noun found in neither leaves the type open (any name or noun phrase)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any
from weakref import WeakKeyDictionary

VALUE_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
NAME_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE")
# Calendar units: a closed class, and the one kind of focus noun no entity description names.
CALENDAR = frozenset({"year", "month", "day", "date", "week", "decade", "century", "season", "hour", "time"})
CLOCK = frozenset({"time", "hour"})  # of CALENDAR, the nouns a clock answers
# The nouns "how much" asks for: "what amount", "what sum", "what total" (no description names them).
AMOUNTS = frozenset({"amount", "sum", "total"})
# The nouns that ask for a part of a whole or a chance, which news gives as a percentage ("What share of
# its sales ...?": "roughly 70%"; "What is the chance of ...?": "7 percent"); the PERCENT description
# names only "percentage".
SHARES = frozenset({"share", "proportion", "fraction", "portion", "chance", "probability", "likelihood"})
# The nouns whose value news writes as a tally of two counts ("What was the vote?": "6-3"; tallies.py).
TALLY_NOUNS = frozenset({"vote", "score", "tally"})
_HYPHENATED = re.compile(r"(\d[\d,.]*)-(year|month|week|day|hour|minute|decade)")


def spelled_out(text: str) -> str:
    """A span as a short answer reads: "15-year" (from "a 15-year sentence") is "15 years"."""
    m = _HYPHENATED.fullmatch(text)
    return f"{m[1]} {m[2]}{'' if m[1] == '1' else 's'}" if m else text


MIN_LINKS = 5  # a focus word needs this many corpus links before the lexicon types it
MIN_SHARE = 0.2  # a label needs this share of a word's links to count as one it names
# A plain noun phrase ("the mumps virus") says what its modifier is less surely than the parse's
# tie of a name ("retailer Northwind"): a compound also makes "the mumps vaccine". A phrase's kind
# is kept only when the corpus says it this often.
MIN_PHRASE_KIND = 2


@dataclass(frozen=True)
class AnswerType:
    """A kind of answer. `labels` maps each acceptable entity label to how well it fits (1 best)."""

    name: str
    labels: dict[str, float] = field(default_factory=dict, hash=False, compare=False)
    span: bool = True  # False: a description (why, how, what did X say), answered by a sentence
    from_focus: bool = False  # True: the noun asked about ("which X") refines it
    phrases: bool = False  # True: a plain noun phrase may answer too ("Which product?" "Frozen pizza")
    learned: bool = False  # True: guessed from what the corpus ties the focus noun to (TypeLexicon)


PERSON = AnswerType("person", {"PERSON": 1.0, "ORG": 0.5, "NORP": 0.4})
ORGANISATION = AnswerType("organisation", {"ORG": 1.0, "NORP": 0.5, "PERSON": 0.3})
PLACE = AnswerType("place", {"GPE": 1.0, "LOC": 1.0, "FAC": 0.9})
DATE = AnswerType("date", {"DATE": 1.0, "TIME": 0.8})
TIME = AnswerType("time", {"TIME": 1.0, "DATE": 0.8})
DURATION = AnswerType("duration", {"DATE": 1.0, "TIME": 1.0, "QUANTITY": 0.6, "CARDINAL": 0.3})
AGE = AnswerType("age", {"DATE": 1.0, "CARDINAL": 0.8, "ORDINAL": 0.8, "QUANTITY": 0.4})  # "her 52nd birthday"
NUMBER = AnswerType("number", {"CARDINAL": 1.0, "QUANTITY": 1.0, "MONEY": 0.7, "PERCENT": 0.6, "ORDINAL": 0.7})
MONEY = AnswerType("money", {"MONEY": 1.0, "PERCENT": 0.7, "CARDINAL": 0.4, "QUANTITY": 0.4})
PERCENT = AnswerType("percent", {"PERCENT": 1.0, "CARDINAL": 0.3})
TALLY = AnswerType("number", {"CARDINAL": 1.0, "PERCENT": 0.8, "QUANTITY": 0.6})  # a score may be "34%"
QUANTITY = AnswerType("quantity", {"QUANTITY": 1.0, "CARDINAL": 0.6, "MONEY": 0.3, "PERCENT": 0.3})
TITLE = AnswerType("event or title", {"EVENT": 1.0, "WORK_OF_ART": 1.0, "LAW": 1.0, "PRODUCT": 0.7}, phrases=True)
THING = AnswerType("thing", {label: 0.8 for label in NAME_LABELS}, from_focus=True, phrases=True)
DESCRIPTION = AnswerType("description", span=False)

BY_LABEL = {
    "PERSON": PERSON, "ORG": ORGANISATION, "NORP": ORGANISATION, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE,
    "DATE": DATE, "TIME": TIME, "CARDINAL": NUMBER, "QUANTITY": QUANTITY, "MONEY": MONEY, "PERCENT": PERCENT,
    "EVENT": TITLE, "WORK_OF_ART": TITLE, "LAW": TITLE, "PRODUCT": TITLE, "LANGUAGE": THING,
}  # fmt: skip

_WH = {
    "who": PERSON, "whom": PERSON, "whose": PERSON, "when": DATE, "where": PLACE, "why": DESCRIPTION,
    "how": DESCRIPTION, "how many": NUMBER, "how much": MONEY, "how long": DURATION, "how old": AGE,
    "how young": AGE, "how far": QUANTITY, "how big": QUANTITY, "how high": QUANTITY, "how large": QUANTITY,
    "how deep": QUANTITY, "how tall": QUANTITY, "how wide": QUANTITY, "how heavy": QUANTITY, "how fast": QUANTITY,
    "how often": NUMBER,
}  # fmt: skip


# "How much does it weigh?" asks what "How heavy?" asks: "how much" asks for money (_WH) save with a
# verb that states a measure (a closed class; "how much rain" types by its noun instead).
MEASURE_VERBS = {"weigh": "how heavy"}


def type_for_wh(phrase: str, wh: Any = None) -> AnswerType:
    """The type a wh-phrase asks for before its focus noun is known."""
    if phrase == "how much" and wh is not None and wh.head.head.lemma_ in MEASURE_VERBS:
        return _WH[MEASURE_VERBS[wh.head.head.lemma_]]
    if phrase == "who" and wh is not None and _who_is(wh):
        return DESCRIPTION  # "Who is Jenny Town?": what the articles say she is, not another person
    if phrase in _WH:
        return _WH[phrase]
    if phrase == "what" and wh is not None and wh.head.lemma_ in ("call", "name"):
        return THING  # "What is it called?": a name
    if phrase == "what" and wh is not None and wh.dep_ in ("dobj", "nsubj", "ROOT") and wh.head.pos_ == "VERB":
        return AnswerType("description", span=False, from_focus=True)  # what did X say / show / happen
    return THING  # which, what, a statement to complete


def _who_is(wh: Any) -> bool:
    """Whether "who" asks who a named one is: "Who is/was <name>?", not "Who is the Oakdale County Sheriff?"."""
    verb = wh.head
    rest = [t for t in wh.sent if t not in (wh, verb) and not t.is_punct and t.pos_ != "DET"]
    titled = verb.i + 1 < len(verb.doc) and verb.doc[verb.i + 1].text == "the"  # an office, not a name's "the"
    return verb.lemma_ == "be" and bool(rest) and not titled and all(t.ent_type_ in NAME_LABELS for t in rest)


def owned_by_name(focus: Any, wh: Any) -> bool:
    """"What is <name>'s <noun>?" with a noun no label answers ("job", "role", "plan"): what the
    articles say of it, in their sentences, as for "Who is <name>?"."""
    owner = [t for t in focus.children if t.dep_ == "poss" and t.ent_type_ in ("PERSON", "ORG")]
    return bool(owner) and wh is not None and wh.head.lemma_ == "be" and wh.head == focus.head


def _described(nlp: Any) -> dict[str, str]:
    """lemma -> label: the kinds of thing spaCy's own description of each label lists ("Companies,
    agencies, institutions" -> ORG). Each listed kind's head noun, parsed with the pipeline, unless
    a noun modifies it: "mountain ranges" and "bodies of water" do not make every range a place."""
    import spacy

    kinds: list[tuple[str, str]] = []  # (label, one kind it lists), in spaCy's order
    for label in (*NAME_LABELS, "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY"):
        text = re.sub(r"\([^)]*\)|\betc\b|including.*", "", (spacy.explain(label) or "").replace(" or ", ", "))
        kinds += [(label, item.strip()) for item in text.split(",") if item.strip()]
    out: dict[str, str] = {}
    # One batch without the entity recogniser: 26 ms in a new process, where a parse each took
    # 118-135 ms (paid by the first question that names a kind of thing; bench/RESULTS.md).
    for (label, _), doc in zip(kinds, nlp.pipe([k for _, k in kinds], disable=["ner"])):
        root = doc[:].root
        if root.pos_ in ("NOUN", "PROPN") and not any(t.dep_ in ("compound", "prep") for t in root.children):
            out.setdefault(root.lemma_.lower(), label)
    # The labels' own names, which their descriptions do not list ("Which organisation ...?").
    for lemma, label in (("person", "PERSON"), ("organization", "ORG"), ("organisation", "ORG"), ("event", "EVENT"),
                         ("product", "PRODUCT"), ("law", "LAW"), ("facility", "FAC")):
        out.setdefault(lemma, label)
    return out


_DESCRIBED: WeakKeyDictionary = WeakKeyDictionary()


def described_kinds(nlp: Any) -> dict[str, str]:
    """lemma -> label: the kinds of thing the entity scheme's descriptions list (cached per pipeline)."""
    if nlp not in _DESCRIBED:
        _DESCRIBED[nlp] = _described(nlp)
    return _DESCRIBED[nlp]


def _called(links: str) -> set[str]:
    """The nouns a name's links (annotate.py: "how:lemma|...") call it: its compound, apposition or "is a" noun."""
    return {lemma for how, _, lemma in (link.partition(":") for link in links.split("|"))
            if how in ("compound", "appos", "attr")}


def called_otherwise(typed: AnswerType, links: str, kinds: dict[str, str]) -> bool:
    """Whether a passage calls a name a kind of thing (its compound, apposition or "is a" noun) whose
    label in the scheme's descriptions (`kinds`) `typed` takes none of: "advocacy group ParentsFirst" is
    a group, no answer to "Which product ...?", though the small model labelled it a product."""
    said = {kinds.get(lemma) for lemma in _called(links)} & set(NAME_LABELS)
    return bool(said) and not any(typed.labels.get(label) for label in said)


def named_as(typed: AnswerType, focus: str | None, label: str, links: str, fit: float) -> float:
    """`fit`, raised to the best any name has for `typed` where a passage calls a name the noun asked about
    (its compound, apposition or "is a" noun): "data analytics firm Kpler" answers "What firm ...?",
    though the small model labelled Kpler a person."""
    if focus in _called(links) and label in NAME_LABELS:
        return max(fit, *(typed.labels.get(other, 0.0) for other in NAME_LABELS))
    return fit


class TypeLexicon:
    """What the corpus says each common noun names: lemma -> counts of entity labels it was tied to;
    and what it calls each name or phrase (`kinds`, keyed by evidence.span_key): "retailer Northwind"
    makes Northwind a retailer, "the mumps virus" makes mumps a virus, where else the
    passages name them bare ("Northwind lowered its prices")."""

    def __init__(self, counts: dict[str, Counter] | None = None, kinds: dict[str, dict] | None = None) -> None:
        self.counts: dict[str, Counter] = counts or {}
        self.kinds: dict[str, dict[str, int]] = kinds or {}
        self._phrase_kinds: dict[str, dict[str, int]] = {}
        self._by_last: dict[str, list[str]] | None = None  # last word -> the names ending in it

    def add(self, lemma: str, label: str) -> None:
        self.counts.setdefault(lemma, Counter())[label] += 1

    def add_kind(self, key: str, kind: str, *, phrase: bool = False) -> None:
        """`key` (a span_key) was called a `kind` (a stem): by the parse's tie of a name, or as the
        modifier of a noun phrase (`phrase`), counted apart until `kinds_json` (MIN_PHRASE_KIND)."""
        if key and kind:
            got = (self._phrase_kinds if phrase else self.kinds).setdefault(key, {})
            got[kind] = got.get(kind, 0) + 1

    def is_a(self, key: str, kind: str, person: bool = False) -> bool:
        """Whether the corpus calls `key` a `kind` (both as add_kind had them); for a `person` named by
        one word, by the one longer name ending in it ("Justice Ana Ruiz" makes "Ruiz" a justice: news
        gives the title with the full name, once)."""
        if kind in self.kinds.get(key, ()):
            return True
        if not person or " " in key:
            return False
        if self._by_last is None:
            self._by_last = {}
            for name in self.kinds:
                self._by_last.setdefault(name.rpartition(" ")[2], []).append(name)
        longer = [name for name in self._by_last.get(key, ()) if name != key]
        return len(longer) == 1 and kind in self.kinds[longer[0]]

    def kinds_json(self) -> dict[str, dict[str, int]]:
        """The kinds to save: every name's, and the phrases' seen MIN_PHRASE_KIND times."""
        out = {k: dict(v) for k, v in self.kinds.items()}
        for key, counts in self._phrase_kinds.items():
            for kind, n in counts.items():
                if n >= MIN_PHRASE_KIND:
                    out.setdefault(key, {})[kind] = out.get(key, {}).get(kind, 0) + n
        return out

    def labels(self, lemma: str) -> dict[str, float]:
        """The labels `lemma` names in this corpus, each with its share of the links (or {}). Value
        labels (dates, amounts) count only for a word that mostly names values ("cost", "price"):
        "the show on Tuesday" does not make a show a date."""
        c = Counter(self.counts.get(lemma) or {})
        values = sum(n for label, n in c.items() if label in VALUE_LABELS)
        if values * 2 < sum(c.values()):
            c = Counter({label: n for label, n in c.items() if label not in VALUE_LABELS})
        total = sum(c.values())
        if total < MIN_LINKS:
            return {}
        return {label: n / total for label, n in c.most_common() if n / total >= MIN_SHARE}

    def to_json(self) -> dict[str, dict[str, int]]:
        return {k: dict(v) for k, v in self.counts.items()}

    @classmethod
    def from_json(cls, data: dict[str, dict[str, int]], kinds: dict[str, dict] | None = None) -> "TypeLexicon":
        return cls({k: Counter(v) for k, v in data.items()}, kinds)


def type_for_focus(lemma: str, lexicon: TypeLexicon | None, default: AnswerType, nlp: Any) -> AnswerType:
    """The type "which/what <lemma>" asks for."""
    if lemma in CALENDAR:
        return TIME if lemma in CLOCK else DATE  # "At what time ...?": "5:03 p.m.", not "Friday"
    if lemma in ("age", *TALLY_NOUNS):
        return AGE if lemma == "age" else TALLY  # "At what age did Tom Reed die?" asks what "How old ...?" asks
    return _type_for_noun(lemma, lexicon, default, nlp)


def _type_for_noun(lemma: str, lexicon: TypeLexicon | None, default: AnswerType, nlp: Any) -> AnswerType:
    """The type a noun names, by the entity scheme's descriptions and the corpus's links."""
    described = described_kinds(nlp).get(lemma)
    learned = lexicon.labels(lemma) if lexicon is not None else {}
    tied = [label for label, share in learned.items() if share == max(learned.values())]
    if len(tied) > 1:
        # The corpus ties "team" to as many persons as organisations: it does not say which. A date tied with
        # one other label is when such a thing was ("annual salary"): the other is what (bench/RESULTS.md).
        learned = {k: v for k, v in learned.items() if k != "DATE"} if len(tied) == 2 and "DATE" in tied else {}
    if described and (not learned or described in learned):
        return BY_LABEL[described]
    if learned:
        best = max(learned, key=learned.get)
        base = BY_LABEL[best]
        labels = {**base.labels, **{k: max(v, base.labels.get(k, 0.0)) for k, v in learned.items()}}
        return AnswerType(base.name, labels, span=True, phrases=base.phrases or best in ("PRODUCT", "EVENT"),
                          learned=True)
    if described:
        return BY_LABEL[described]
    return default if default.span else THING


def measured_type(focus: Any, typed: AnswerType, lexicon: TypeLexicon | None, nlp: Any) -> AnswerType:
    """`typed`, unless it is THING: for a focus noun neither the scheme nor the corpus types ("level"), the
    value type of the noun it measures in the question: "the top prize amount" (a compound), "raising its key
    rate to what level" (the verb's object), "the inflation rate hit what level" (its subject); a guess
    (learned): a name of it must fit well. Failing that, "amount" and "sum" ask what "how much" asks, and
    "share" and its kin a percentage, as guesses too (an amount of a sentence holding little of the question)."""
    if typed is not THING:
        return typed
    nouns = [t for t in focus.children if t.dep_ == "compound" and t.pos_ == "NOUN"]
    verb = focus.head.head if focus.dep_ in ("pobj", "pcomp") else focus.head  # "to what level": the verb over "to"
    if verb.pos_ in ("VERB", "AUX"):
        nouns += [t for t in verb.children if t.dep_ in ("dobj", "nsubj", "nsubjpass") and t.pos_ == "NOUN"]
    for noun in nouns:
        typed = _type_for_noun(noun.lemma_.lower(), lexicon, THING, nlp)  # a vote cast is no tally asked
        if typed.name in ("money", "percent", "number", "quantity"):
            return replace(typed, learned=True)
    if focus.lemma_.lower() in SHARES:
        return replace(PERCENT, learned=True)
    return replace(_WH["how much"], learned=True) if focus.lemma_.lower() in AMOUNTS else THING
