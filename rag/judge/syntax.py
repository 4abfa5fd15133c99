"""What spaCy's analysis says about a claim and its evidence: the claim's separately checkable
clauses, what each negation governs, phrasal verbs turned around, events put in the other order
("X after Y"), the claim's dates, and whom it says reported it. Who did what to whom is in
`roles`, what each number counts in `counts`.

A claim part and its evidence are sequences of spaCy tokens (see `rag.nlp`; the evidence may span
several sentence parses); `key(lemma)` is the word layer's canonical stem of a word.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from .dates import DateFact, date_spans

Key = Callable[[str], str]
Token = Any  # spacy.tokens.Token; spaCy is imported only where the pipeline is loaded

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
# Subordinators that join two assertions rather than relate them ("X, while Y" states X and Y;
# "X after Y" also states that one followed the other, so it stays one clause).
_CONTRAST = frozenset({"while", "whereas", "although", "though"})
_NEGATIVE_PRONOUNS = frozenset({"nobody", "nothing", "none", "neither"})
# Verbs whose negation passes to their complement: "is not sincere" negates "sincere".
_LIGHT = frozenset({"be", "have", "do"})
# Verbs that attribute a report to a source: "CNN reported", "USA Today said".
_REPORTING = frozenset({"report", "say", "write", "publish", "state", "add", "note"})


def text_of(tokens: Iterable[Token]) -> str:
    """The tokens' text as written, with a space where tokens between them were left out."""
    out, last = "", None
    for t in sorted(tokens, key=lambda t: t.i):
        out += (" " if last is not None and t.i != last + 1 and not out.endswith(" ") else "") + t.text_with_ws
        last = t.i
    return out.strip()


_OUTSIDE = frozenset({"prep", "relcl", "acl", "appos", "punct", "cc", "conj", "case", "advcl"})


def core(t: Token) -> list[Token]:
    """`t` and what describes it, without clauses, prepositions and appositions hanging off it."""
    out = [t]
    for c in t.children:
        if c.dep_ not in _OUTSIDE:
            out.extend(core(c))
    return out


# -- clauses ------------------------------------------------------------------------------------


def _starts_clause(t: Token) -> bool:
    if t.dep_ == "ROOT":
        return True
    if t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and t.head.pos_ in ("VERB", "AUX"):
        return True
    if t.dep_ == "relcl" and t.left_edge.i > 0 and t.doc[t.left_edge.i - 1].text == ",":
        return True  # a relative clause set off by a comma ("lines, which were cut, ...") asserts its own fact
    return t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONTRAST for c in t.children)


def clauses(doc: Any) -> list[list[Token]]:
    """The claim's parts that must each be supported by one stretch of one passage: each main
    clause, each coordinated clause with a verb of its own, each contrastive ("while ...") or
    non-restrictive relative (", which ...") clause."""
    groups: dict[int, list[Token]] = {}
    for t in doc:
        head = t
        while not _starts_clause(head):
            head = head.head
        groups.setdefault(head.i, []).append(t)
    parts = sorted(groups.values(), key=lambda p: p[0].i)
    return [p for p in parts if sum(t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM") for t in p) >= 2] or [list(doc)]


# -- negation scope -----------------------------------------------------------------------------


def _content(t: Token) -> bool:
    return t.pos_ in ("VERB", "NOUN", "ADJ") and t.lemma_.lower() not in _LIGHT


def negation(tokens: Sequence[Token]) -> tuple[set[Token], set[Token]]:
    """(tokens a negation governs directly, tokens in its scope): "not" on its head, "no" on its
    noun, "nobody" on its verb ("nothing" on its adjective), "without" and "lack" on their object
    ("not without" cancels), "rather than" / "instead of" on what they set aside. The scope adds the
    rest of a negated word's phrase, and the verb taking a "no" noun."""
    direct: set[Token] = set()
    contrasted: set[Token] = set()  # in scope, not denied: "not from X but from Y" still comes
    for t in tokens:
        low = t.lower_
        if t.dep_ == "neg" and (aside := _contrasted(t.head)):
            direct.update(aside)
            contrasted.add(t.head)
        elif t.dep_ == "neg" and t.head.lower_ != "without" and not _comparative(t.head):
            direct.add(t.head)
            if t.head.lemma_.lower() in _LIGHT or t.head.pos_ == "AUX":
                direct.update(c for c in t.head.children if c.dep_ in ("acomp", "attr", "xcomp"))
        elif low == "no" and t.dep_ == "det":
            direct.add(t.head)
            if t.head.dep_ in ("nsubj", "nsubjpass"):
                direct.add(t.head.head)  # "no stores were directed to": the directing is denied
        elif low in _NEGATIVE_PRONOUNS:
            if t.dep_ in ("nsubj", "nsubjpass", "dobj"):
                direct.add(t.head)
            direct.update(c for c in t.children if c.dep_ == "amod" and not _comparative(c))  # "nothing new"
        elif low == "without" and not any(c.dep_ == "neg" for c in t.children):
            direct.update(c for c in t.children if c.dep_ == "pobj")
        elif t.lemma_.lower() == "lack" and t.pos_ == "VERB" and not any(c.dep_ == "neg" for c in t.children):
            direct.update(c for c in t.children if c.dep_ == "dobj")  # "lacking any alternative", as "without"
        elif low in ("than", "of") and any(c.lower_ in ("rather", "instead") for c in t.children):
            direct.update(_set_aside(t))
    scope = direct | contrasted
    for t in direct:
        # What a negation denies is the rest of the predicate ("is not open to negotiation"),
        # not its subject.
        scope.update(x for c in t.children if not c.dep_.startswith("nsubj") for x in c.subtree)
        if t.dep_ in ("dobj", "attr", "nsubj"):
            scope.add(t.head)  # "harbors no hostile intent": harbouring is denied too
    return direct, scope


def _contrasted(t: Token) -> list[Token]:
    """What "not ... but" sets aside under `t`: the object of the first of two prepositions joined
    by "but" ("not from X but from Y": X), or nothing."""
    for p in (c for c in t.children if c.dep_ == "prep"):
        if any(c.lower_ == "but" for c in p.children) and any(c.dep_ == "conj" for c in p.children):
            return [c for c in p.children if c.dep_ in ("pobj", "pcomp")]
    return []


def _set_aside(t: Token) -> list[Token]:
    """What "rather than" / "instead of" (at `t`) sets aside: its object, or the conjunct after it
    ("a truce rather than a peace treaty")."""
    objects = [c for c in t.children if c.dep_ == "pobj"]
    return objects or [c for c in t.head.children if c.dep_ == "conj" and c.i > t.i]


def _comparative(t: Token) -> bool:
    """ "no more than a show", "not only": a negation word that does not negate."""
    return t.lower_ in ("only", "doubt") or (t.tag_ in ("JJR", "RBR") and any(c.lower_ == "than" for c in t.children))


def negation_problems(part: Sequence[Token], evidence: Sequence[Token], key: Key) -> list[str]:
    """A word the claim negates that the evidence asserts, or the reverse."""
    ev = [t for t in evidence if _content(t)]
    c_direct, c_scope = negation(part)
    e_direct, e_scope = negation(evidence)
    problems: list[str] = []
    for t in (t for t in part if _content(t)):
        k = key(t.lemma_.lower())
        theirs = [e for e in ev if key(e.lemma_.lower()) == k]
        if t in c_direct and theirs and not any(e in e_scope for e in theirs):
            problems.append(f"the claim negates '{t.text}' but the passage asserts it")
        elif t not in c_scope and any(e in e_direct for e in theirs) and all(e in e_scope for e in theirs):
            problems.append(f"the passage negates '{t.text}' but the claim asserts it")
    return list(dict.fromkeys(problems))


# Particles that reverse a phrasal verb: "step up" / "tone down" the same criticism.
_OPPOSITE_PARTICLES = frozenset({("up", "down"), ("down", "up"), ("in", "out"), ("out", "in"), ("on", "off"), ("off", "on")})


def particle_problems(part: Sequence[Token], evidence: Sequence[Token], key: Key) -> list[str]:
    """A phrasal verb whose particle reverses the evidence's on the same object: the claim's
    "step up its criticism" where the passage says "tone down its criticism"."""

    def phrasal(tokens: Iterable[Token]) -> list[tuple[str, str, Token]]:
        out = []
        for v in tokens:
            particle = next((c.lower_ for c in v.children if c.dep_ == "prt"), None)
            for o in (c for c in v.children if c.dep_ == "dobj") if particle else ():
                out.append((particle, key(o.lemma_.lower()), v))
        return out

    theirs = phrasal(evidence)
    return [
        f"the claim says '{v.text} {p}' where the passage says '{e.text} {q}'"
        for p, obj, v in phrasal(part)
        for q, other, e in theirs
        if other == obj and (p, q) in _OPPOSITE_PARTICLES
    ]


# Subordinators that order two events: "X after Y" says Y came first.
_ORDER = frozenset({"after", "before", "until", "since", "once"})


def _events(tokens: Iterable[Token], key: Key) -> list[tuple[str, frozenset[str], frozenset[str]]]:
    """(subordinator, the main event's words, the subordinate event's words) for every "X after Y"
    and the like; an event is its verb with the verb it completes ("decided to move")."""

    def event(v: Token) -> frozenset[str]:
        near = [v, *(c for c in v.children if c.dep_ == "xcomp")] + ([v.head] if v.dep_ == "xcomp" else [])
        return frozenset(key(t.lemma_.lower()) for t in near)

    return [
        (mark.lower_, event(v.head), event(v))
        for v in tokens
        if v.dep_ == "advcl" and v.head != v
        for mark in v.children
        if mark.dep_ == "mark" and mark.lower_ in _ORDER
    ]


def order_problems(part: Sequence[Token], evidence: Sequence[Token], key: Key) -> list[str]:
    """Two events in the other order: the claim's "they decided on drills after Pyongyang cut the
    lines" where the passage has Pyongyang cutting them after the decision."""
    theirs = _events(evidence, key)
    problems = []
    for mark, main, sub in _events(part, key):
        same = any(m == mark and main & a and sub & b for m, a, b in theirs)
        if not same and any(m == mark and sub & a and main & b for m, a, b in theirs):
            problems.append(f"the passage orders the events the other way round ('{mark}')")
    return problems


# -- names, dates and attributions of the claim -------------------------------------------------


def first_is_person(part: Sequence[Token]) -> bool:
    """Whether the clause's first word is a person's name, by the entity recogniser. The word
    layer cannot tell a sentence's first word from a name; a person there is left to the roles
    check ("Kim said" for the passage's "the leader said" is a loose reference), anything else
    ("Reuters reported") must be in the passage."""
    first = next((t for t in part if t.is_alpha), None)
    return first is not None and first.ent_type_ == "PERSON"


def claim_date_spans(part: Sequence[Token]) -> list[tuple[DateFact, list[Token]]]:
    """Each date the claim part writes out (a day, month, year or weekday) with its tokens."""
    doc = part[0].doc
    starts = {t.idx for t in part}
    return [(fact, [t for t in doc if start <= t.idx < end]) for start, end, fact in date_spans(doc.text) if start in starts]


def claim_dates(part: Sequence[Token]) -> tuple[list[DateFact], set[int]]:
    """The claim part's dates, and the tokens they span: their numbers are checked as dates, not
    as counts."""
    found = claim_date_spans(part)
    return [f for f, _ in found], {t.i for _, tokens in found for t in tokens}


def attributions(part: Sequence[Token]) -> list[Token]:
    """Whom the claim says reported it (the head word): "according to CNN", "USA Today
    reported", "... was reported by Reuters"."""
    out = []
    for t in part:
        source = None
        if t.dep_ == "pobj" and t.head.lower_ == "to" and t.head.head.lower_ == "according":
            source = t
        elif t.dep_ == "nsubj" and t.head.lemma_.lower() in _REPORTING:
            source = t
        elif t.dep_ == "pobj" and t.head.dep_ == "agent" and t.head.head.lemma_.lower() in _REPORTING:
            source = t
        elif t.dep_ == "pobj" and t.head.lower_ == "per":  # "..., per cnn.com"
            source = t
        if source is not None and source.pos_ != "PRON":
            out.append(source)
    return out
