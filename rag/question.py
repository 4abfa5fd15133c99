"""Question analysis: what kind of answer a question wants, and what the answer must satisfy.

One spaCy parse of the question gives a typed `Question`: the expected answer type (from the wh-word and the noun it
asks about: "Which company ...?" asks for an organisation), the focus noun, and the constraints an answer's evidence
must meet (the years, dates, names and numbers the question gives, ordinals, superlatives, "this week")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import timeframe
from .agency import asked_role
from .answer_types import (
    DESCRIPTION,
    PERSON,
    THING,
    VALUE_LABELS,
    AnswerType,
    described_kinds,
    measured_type,
    owned_by_name,
    type_for_focus,
    type_for_wh,
)
from .asking import (
    NAME_NOUNS,
    WH_TAGS,
    answers_asked,
    as_named,
    asking_words,
    asks_name,
    completion_focus,
    event_nouns,
    focus_words,
    hyphenated,
    hyphened,
    in_a_name,
    joins_names,
    named_thing,
    naming_verb,
    noun_as_verb,
    noun_lemma,
    noun_tagged_verb,
    ranked_in,
    titles_as_nouns,
    verb_tagged_noun,
    verbal,
    wh_phrase,
)
from .doing import asked_doing
from .kinds import kinds_of
from .modality import asks_future, asks_outcome
from .negation import asks_negated
from .nlp import double_quoted, irregular_forms
from .places import owner_of, region_named
from .subjects import asked_doer
from .text import MONTH_NAMES, YEAR
from .when import asked_when

POS_WEIGHT = {"PROPN": 1.5, "NUM": 1.2, "NOUN": 1.0, "ADJ": 0.7, "VERB": 0.5, "ADV": 0.3}
CONTENT_POS = frozenset(POS_WEIGHT)
# Words that point a date from "now" (a closed class): "this week", "Thursday", "two days ago"; no "opening
# weekend", nor "days later" (counted from another event; "earlier this week" points by "this")
_DEICTIC = re.compile(
    r"\b(?:this|last|next|past|recent|coming|current|yesterday|today|tonight|tomorrow|ago"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|(?:(?<=the )|(?<![a-z] ))weekend)\b", re.I)
_ASKED_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "poss"})  # "Which central bank surprised markets": the bank
_PARTICIPLES = frozenset({"VBN", "VBD", "VBG", "VBP"})  # verb tags the small model gives some adjectives
REASON_NOUNS = frozenset({"reason", "cause", "motive"})  # what "why" asks, asked with a noun
_MODIFIER = frozenset({"compound", "nmod", "amod"})  # "US first lady", "his UN speech"


@dataclass(frozen=True)
class Question:
    """What the reader needs to know about a question."""

    text: str
    wh: str  # "which", "who", "how many", ... or "" (a statement to complete: "...was a former aide to:")
    answer_type: AnswerType
    focus: str | None = None  # lemma of the noun the question asks about ("company")
    focus_words: tuple[str, ...] = ()  # it and the nouns compounded with it ("missile", "test")
    entities: tuple[tuple[str, str], ...] = ()  # (text, label) of names in the question
    # Those of its names that are what it asks about (subjects, objects, possessors), not a place
    # used as a modifier ("US stores", "a UN speech"): the passage that answers must mention them.
    topics: tuple[tuple[str, str], ...] = ()
    years: tuple[int, ...] = ()
    reported: tuple[int, ...] = ()  # of them, those of a report, not an event ("the board said in 2017")
    dates: tuple[str, ...] = ()  # absolute dates as written ("July 4", "June 9, 2020")
    relative_time: tuple[str, ...] = ()  # "this week", "recently", "current", ...
    as_of: date | None = None  # the day relative time counts from ("this week" of which week)
    # How many days around `as_of` its evidence should come from: set by relative time ("this week":
    # 10) or, weakly, by a question in the present tense about news (`present`).
    window: int | None = None
    present: bool = False  # True: it asks about the present (relative time), so old news cannot answer
    naming: bool = False  # it asks what a thing is called ("What is the party called?"): a name, never a sentence
    region: str | None = None  # "which European nation": the region a country answering it lies in (places.py)
    owner: str | None = None  # "the Swedish ambassador", "Acme's CEO": whose one it asks for (places.py)
    numbers: tuple[str, ...] = ()  # amounts the question states ("$3.99", "3,518")
    ordinals: tuple[str, ...] = ()  # "first", "second"
    ordinal_of: tuple[tuple[str, str], ...] = ()  # ("first", "summit"): an ordinal and the noun it counts
    ranked: tuple[tuple[str, str], ...] = ()  # ("first", "mayor") of "Which mayor first visited ...?" (constraints.py)
    superlatives: tuple[str, ...] = ()  # "most", "heaviest", "latest"
    comparatives: tuple[str, ...] = ()  # "brighter" of "How much brighter ...?"
    count: int = 1  # how many answers it asks for ("Which two countries" -> 2)
    terms: tuple[str, ...] = field(default=())  # lower-case lemmas of its content words
    # The words evidence should hold, as (lower-case word, weight by part of speech): names most, verbs least
    # ("wrote" vs "by"); not dates (constraints), the wh-phrase or the focus (the answer's kind, not its context).
    words: tuple[tuple[str, float], ...] = field(default=())
    # The common nouns the asking clause's verb takes ("sent the balloons", "the summit took place"):
    # a sentence that holds none of them (and little of the rest) speaks of another event.
    event: tuple[str, ...] = field(default=())
    outcome: bool = False  # it asks what happened: not what was only sought or foreseen (modality.py)
    future: bool = False  # it asks what is still to happen ("When will ...?"): no date before the news answers
    kinds: tuple[tuple[str, str], ...] = ()  # ("punitive", "damage"): not "compensatory damages" (kinds.py)
    # What a bare "who" did, as written and stemmed ("directed", "direct"): its sentence must say it (doing.py)
    doing: tuple[str, ...] = ()
    role: tuple[str, str] | None = None  # the verb and the part its answer plays ("recall", "agent"): agency.py
    doer: tuple[str, ...] = ()  # the name the question makes its verb's subject ("owls"): subjects.py
    negated: bool = False  # it negates its verb ("do not have"): negation.py
    when: str = ""  # the verb a "when" asks the time of ("join"): when.py
    verb_forms: tuple[str, ...] = ()  # that verb's or the role's forms the stem misses ("took" of "take"): when.py
    # The kinds of thing the entity scheme describes ("company" -> ORG), to read what a passage calls a name.
    scheme: dict[str, str] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def wants_span(self) -> bool:
        """True when the answer is a short span (a name, a number, a date), not a description."""
        return self.answer_type.span


def _focus(wh: Any) -> Any | None:
    """The noun a which/what/whose question asks about ("Which company", "Who is the mayor"), or the
    unit a how-many question counts, or what a "how large a ..." measures."""
    if wh.dep_ in ("det", "poss") and (wh.head.pos_ in ("NOUN", "PROPN") or noun_tagged_verb(wh)):
        head = wh.head  # "Which company", "whose seat"; not a later noun the parse hung it on, nor what a possessor
        # asked about owns ("Which team's coach"; "Which Labour MP's speech": "MP" tagged a name but in no entity)
        head = next((t for t in wh.doc[wh.i + 1 : head.i] if t.dep_ in _ASKED_ROLES and t.pos_ == "NOUN"
                     or t.dep_ == "poss" and t.pos_ == "PROPN" and not t.ent_type_), head)
        while head.pos_ == "PROPN" and head.dep_ in ("nmod", "compound") and head.head.i > head.i:
            head = head.head  # a name modifies it: "Which University of Oakdale ... professor"
        return head
    if wh.lower_ == "how" and wh.head.lower_ in ("many", "much"):
        unit = wh.head.head  # "How many missile tests": "many" modifies "tests"
        while unit.dep_ == "compound" and unit.head.i > unit.i and unit.head.pos_ == "NOUN":
            unit = unit.head  # or the parse hung "many" on a modifier: "How many monkeypox vaccine doses"
        if unit.pos_ != "NOUN":  # "How many by-elections": the parse may split a hyphened noun at its hyphen
            unit = next((t for t in wh.doc[wh.head.i + 1 : wh.head.i + 5] if t.pos_ == "NOUN" and hyphened(t)), unit)
        return unit if unit.pos_ == "NOUN" and not verbal(unit) else None
    if wh.lower_ == "how" and [t.lower_ for t in wh.doc[wh.i + 2 : wh.i + 3]] in (["a"], ["an"]):
        noun = wh.doc[wh.i + 3] if wh.i + 3 < len(wh.doc) else None
        return noun if noun is not None and noun.pos_ == "NOUN" else None  # "how large a fine": the fine
    nxt = wh.doc[wh.i + 1 : wh.i + 8]
    if len(nxt) > 1 and nxt[0].lower_ == "of":  # "Which of these shows"
        nxt = nxt[1:]
    for tok in nxt:  # "of which dinosaur", "which two countries": the parse may miss the det arc
        if tok.pos_ == "NOUN" and not hyphened(tok):  # a modifier hyphened together goes by:
            while tok.dep_ == "compound" and tok.head.i > tok.i and tok.head.pos_ == "NOUN":
                tok = tok.head  # "which Chinese tech giant": the giant
            return tok.doc[tok.i - 1] if verb_tagged_noun(tok) else tok  # "which Kroger-owned grocery chain"
        if wh.lower_ == "which" and tok.tag_ in _PARTICIPLES and tok.i + 1 < len(tok.doc) \
                and tok.doc[tok.i + 1].pos_ == "NOUN":
            continue  # an adjective the small model tags a verb: "which animated sequel", "which craft beer company"
        if wh.lower_ == "which" and noun_as_verb(tok):
            return tok  # "placed which insect on the list", "which Tom Reed painting in the gallery"
        if tok.pos_ not in ("NUM", "ADJ", "PROPN", "DET", "PUNCT") and not hyphened(tok) and not joins_names(tok):
            break
    if (verb := naming_verb(wh)) is not None:  # "What is the party called?": the party
        return named_thing(verb)
    if wh_phrase(wh) in ("what", "who") and wh.head.lemma_ in ("be", "become") and wh.head.head.tag_ != "VBG":
        attr = [t for t in wh.head.children if t.dep_ in ("attr", "nsubj") and t.pos_ == "NOUN" and t != wh]
        # "What is the name", "Who became mayor" (no progressive: "What was he trying to kill?"); or the noun the
        # copula's phrase ends in, where the parse hangs it elsewhere ("Who is the Oakdale City Park chief ...")
        after = next((t for t in wh.doc[wh.head.i + 1 : wh.head.i + 8] if t.pos_ not in ("DET", "PROPN", "ADJ", "PART")
                      and not (t.dep_ == "compound" and t.head.i > t.i)), None)  # "Gym" of "Gold's Gym CEO"
        if attr or (wh.head.i > wh.i and after is not None and after.pos_ == "NOUN"):
            return _named(attr[0] if attr else after)
    return None


def _named(noun: Any) -> Any:
    """"the name of the satellite" asks about the satellite, "the title of the album" about the album."""
    if noun.lemma_ in NAME_NOUNS:
        for prep in (t for t in noun.children if t.lower_ == "of"):
            if objs := [t for t in prep.children if t.dep_ == "pobj"]:
                return _one_of(objs[0])
    return noun


def _one_of(noun: Any) -> Any:
    """The noun a pro-form "one" stands for: the last plural noun of the sentences before ("Acme owns two
    ferries. What is the name of the older one?": a ferry); else `noun` itself."""
    if noun.lower_ != "one":
        return noun
    return next((t for t in reversed(noun.doc[: noun.sent.start]) if t.tag_ == "NNS"), noun)


def _to_complete(text: str) -> bool:
    """Whether a text without a wh-word is a statement to complete: it ends on a colon, an ellipsis or
    a blank ("... was a former aide to:"). Otherwise it is a yes-no question ("Did the council adopt
    a resolution?") or a search ("Kim Jong Un"), answered from sentences, not with a name."""
    return re.search(r"(?::|\.\.\.|…|_+)\s*$", text) is not None


def _constraints(doc: Any, skip: set[int], describes: set[int]) -> dict[str, tuple]:
    years, dates, relative, numbers, ordinals, entities, topics, ordinal_of = [], [], [], [], [], [], [], []
    for ent in doc.ents:
        if any(t.i in skip for t in ent):
            continue
        if ent.label_ in ("DATE", "TIME"):  # with the determiner the model may leave out: "this week's"
            text = doc[min([t.i for t in ent.root.lefts if t.dep_ in ("det", "amod")] + [ent.start]) : ent.end].text
            ys = [int(y) for y in YEAR.findall(text)]
            years.extend(ys)
            named = not ys and ent.root.dep_ in ("nmod", "compound") and ent.root.head.pos_ == "NOUN" \
                and not ent.root.head.ent_type_  # a day that names a thing: "the January 6 committee", "Sunday show"
            if any(m in text.lower() for m in MONTH_NAMES) or re.search(r"\d{1,2}/\d{1,2}", text):
                dates += [] if named else [text]
            elif not ys and _DEICTIC.search(text) and not in_a_name(ent) and not named:
                relative.append(text.lower())
        elif ent.label_ == "CARDINAL" and YEAR.fullmatch(ent.text):
            years.append(int(ent.text))  # "the 2022 title": a year the small model calls a number
        elif ent.label_ == "ORDINAL":
            ordinals.append(ent.text.lower())
            if ent.root.head != ent.root and ent.root.head.pos_ in ("NOUN", "PROPN"):
                ordinal_of.append((ent.text.lower(), ent.root.head.lemma_.lower()))  # "the first summit"
        elif ent.label_ in VALUE_LABELS:
            numbers.append(ent.text)
        else:
            entities.append((ent.text, ent.label_))
            years.extend(int(y) for y in YEAR.findall(ent.text))  # "the 2022 World Cup": the World Cup of 2022
            asked_about = ent.root.dep_ not in _MODIFIER and ent.root.i not in describes and not hyphenated(ent)
            if asked_about and ent.label_ not in ("NORP", "LANGUAGE") and (name := as_named(ent)):
                topics.append((name, ent.label_))
    # Relative time spaCy does not call a date: "recently", "current", "latest", "now".
    relative += [t.lower_ for t in doc if t.lower_ in ("recently", "currently", "now", "current", "latest", "newest")
                 and t.i not in skip and not (years and t.head.dep_ == "ccomp")]  # "said in 2020 it could now"
    superlatives = [t.lower_ for t in doc if t.tag_ in ("JJS", "RBS") and t.i not in skip]
    comparatives = [t.lower_ for t in doc if t.tag_ in ("JJR", "RBR") and t.i not in skip]
    return {
        "entities": tuple(dict.fromkeys(entities)), "topics": tuple(dict.fromkeys(topics)),
        "years": tuple(dict.fromkeys(timeframe.with_shifted(years, doc.text))),
        "dates": tuple(dates), "relative_time": tuple(dict.fromkeys(relative)), "numbers": tuple(numbers),
        "ordinals": tuple(dict.fromkeys(ordinals)), "ordinal_of": tuple(dict.fromkeys(ordinal_of)),
        "ranked": ranked_in(doc), "reported": timeframe.reported_years(doc),
        "superlatives": tuple(dict.fromkeys(superlatives)), "comparatives": tuple(dict.fromkeys(comparatives)),
    }


def analyse(text: str, nlp: Any, lexicon: Any = None, as_of: date | None = None) -> Question:
    """The typed analysis of `text`. `lexicon` (types.TypeLexicon) adds what the corpus says about
    focus words the entity scheme's own descriptions do not cover; `as_of` anchors relative time."""
    doc = titles_as_nouns(nlp(double_quoted(text)), nlp, lexicon)  # q.text keeps its quotes
    asking = asking_words(doc)
    wh = asking[0] if asking else None
    if wh is not None:
        phrase = wh_phrase(wh)
        focus = _focus(wh) if phrase in ("which", "what", "whose", "whom", "who") or phrase.startswith("how ") else None
        if phrase == "who" and focus is not None and type_for_focus(noun_lemma(focus), None, THING, nlp) is PERSON:
            focus = None  # "Who is the person of interest ...?": the noun says only "a person"
    else:
        phrase, focus = "", completion_focus(doc)
    answer_type = type_for_wh(phrase, wh)
    if wh is None and not _to_complete(text):
        answer_type, focus = DESCRIPTION, None  # "Did the council adopt a resolution?", "Kim Jong Un": sentences
    elif wh is None and [t.tag_ for t in doc if not t.is_punct][-1:] == ["TO"]:
        answer_type, focus = DESCRIPTION, None  # "... started by a man who was trying to:" what he did
    elif len(asking) > 1 or (phrase == "what" and focus is None and answer_type is THING):
        answer_type = DESCRIPTION  # "Who wrote it, and when?", "What else was on the agenda?": sentences
    elif focus is not None and noun_lemma(focus) in REASON_NOUNS:
        answer_type = DESCRIPTION  # "What reason did the council give?": a clause, as for "why"
    elif focus is not None and answer_type.from_focus:
        answer_type = type_for_focus(noun_lemma(focus), lexicon, answer_type, nlp)
        answer_type = measured_type(focus, answer_type, lexicon, nlp)
        if answer_type is THING and (focus.tag_ in ("NNS", "NNPS") and answers_asked(focus) == 1
                                     or owned_by_name(focus, wh)):
            answer_type = DESCRIPTION  # "What words did she use?", "What is Ana Ruiz's job?": sentences
    skip = {t.i for t in (wh, focus) if t is not None}
    # What the wh-phrase says of the answer's kind ("Which member of Congress"): still words the
    # evidence should hold, but no topic the answer's passage must name.
    describes = {t.i for t in focus.subtree} if focus is not None and wh is not None and wh.head == focus else set()
    content = [t for t in doc if t.pos_ in CONTENT_POS and not t.is_stop and t.i not in skip
               and t.tag_ not in WH_TAGS and any(ch.isalnum() for ch in t.text)]
    terms = [t.lemma_.lower() for t in content]
    located = timeframe.locating(doc)  # "before the Oakdale Trade Fair": context the answer's sentence may lack
    words = [(t.lower_, POS_WEIGHT[t.pos_] * located.get(t.i, 1.0)) for t in content
             if t.ent_type_ not in ("DATE", "TIME", "ORDINAL")]
    constraints = _constraints(doc, skip, describes)
    window, present = timeframe.window(constraints["relative_time"], doc, wh)
    role, when = asked_role(wh), asked_when(wh)
    return Question(
        text=text, wh=phrase, answer_type=answer_type, as_of=as_of, window=window, present=present,
        focus=noun_lemma(focus) if focus is not None else None, focus_words=focus_words(focus),
        naming=asks_name(wh, focus), terms=tuple(dict.fromkeys(terms)), words=tuple(words),
        event=event_nouns(wh, focus), outcome=asks_outcome(doc), future=asks_future(doc), kinds=kinds_of(doc, skip),
        doing=asked_doing(wh), role=role, doer=asked_doer(wh, skip), when=when, owner=owner_of(focus),
        region=region_named(focus), count=answers_asked(focus, phrase), negated=asks_negated(doc),
        scheme=described_kinds(nlp), verb_forms=irregular_forms(nlp, role[0] if role else when), **constraints,
    )
