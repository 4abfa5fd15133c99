"""Who a description is of: "Casey White, an assistant director of corrections" where the passage
has "Vicky White, an assistant director of corrections", or "naming Tom Reed as chancellor" where
it names Ana Ruiz as chancellor, is unsupported though every word is in the passage. A description
is bound to a name by apposition ("Ana Ruiz, the mayor") or by "as" ("named Ana Ruiz as mayor",
"Ana Ruiz was named as mayor"). Only a description the passage binds to another name, and never
to the claim's, is a clash: news gives one office to several people ("a senator"). So is a place
in a person's name phrase ("Ohio Attorney General Tom Reed") where the passage gives that person
only another ("Connecticut Attorney General Tom Reed")."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .names import name_stems, one_name
from .syntax import Key, Token, core, text_of


def description_problems(part: Sequence[Token], evidence: Sequence[Token], key: Key) -> list[str]:
    """The claim's descriptions that the evidence gives only to another name."""
    theirs = _bindings(evidence, key)
    problems = []
    for what, name, written in _bindings(part, key):
        others = [n for w, n, _ in theirs if w == what]
        if others and all(_differ(name, n) for n in others):
            problems.append(f"the passage calls {others[0]}, not {name}, the {written}")
    return list(dict.fromkeys(problems))


def _bindings(tokens: Sequence[Token], key: Key) -> list[tuple[str, str, str]]:
    """(the description's head word as a key, the name it describes and the head word, as written)."""
    out = []
    for t in tokens:
        if t.dep_ == "appos" and {t.pos_, t.head.pos_} == {"NOUN", "PROPN"}:
            noun, name = (t, t.head) if t.pos_ == "NOUN" else (t.head, t)
            out.append((noun, name))
        elif t.dep_ == "pobj" and t.pos_ in ("NOUN", "PROPN") and t.head.lower_ == "as":
            over = t.head.head  # "named Ana Ruiz as mayor", "Ana Ruiz was named as mayor", "Ana Ruiz as mayor"
            if over.pos_ == "PROPN":
                out.append((t, over))
            elif over.pos_ == "VERB":  # the object, or the name in apposition to it ("its chief, Tom Reed")
                objects = [c for c in over.children if c.dep_ in ("dobj", "nsubjpass")]
                out += [(t, c) for o in objects for c in (o, *o.children) if c.pos_ == "PROPN" and c.dep_ != "compound"
                        and (c is o or c.dep_ == "appos")]
    return [(key(noun.lemma_.lower()), text_of(core(name)), noun.text) for noun, name in out]


def described(part: Sequence[Token], key: Key) -> set[str]:
    """The words of the descriptions the claim binds to names: the evidence sentences holding one
    are parsed to find whom they describe."""
    return {what for what, _, _ in _bindings(part, key)}


def place_problems(part: Sequence[Token], evidence: Sequence[Token], entities: Callable[[Any], None]) -> list[str]:
    """A person the claim gives one place ("Ohio Attorney General Tom Reed") and the passage only
    another ("Connecticut Attorney General Tom Reed"). A passage that gives none says nothing against it.
    The entity recogniser runs only for a claim with a name phrase of four words or more."""
    if not any(t.pos_ == "PROPN" and t.dep_ != "compound" and len(_compounds(t)) >= 4 for t in part):
        return []
    entities(part[0].doc)
    mine = _placed(part)
    if not mine:
        return []
    for doc in {id(t.doc): t.doc for t in evidence}.values():
        entities(doc)
    theirs = _placed(evidence)
    problems = []
    for place, name in mine:
        others = [p for p, n in theirs if not _differ(name, n)]
        if others and place not in others:
            problems.append(f"the passage gives {name} the place {others[0]}, not {place}")
    return problems


def _placed(tokens: Sequence[Token]) -> list[tuple[str, str]]:
    """(a place in a person's name phrase, the person's name) in `tokens`, after the entity recogniser."""
    out = []
    for t in tokens:
        if t.ent_type_ == "PERSON" and t.dep_ != "compound":
            chain = _compounds(t)
            name = text_of([x for x in chain if x.ent_type_ == "PERSON"])
            out += [(x.text, name) for x in chain if x.ent_type_ == "GPE"]
    return out


def _compounds(t: Token) -> list[Token]:
    """`t` and the words compounded into it, however deep ("Ohio Attorney General Tom Reed")."""
    return [t, *(x for c in t.children if c.dep_ == "compound" for x in _compounds(c))]


def _differ(a: str, b: str) -> bool:
    """Two names of different people or bodies: not one name in short and long form ("Ruiz", "Ana
    Ruiz"), and sharing no name at all or two-word names that are not one ("Casey White", "Vicky White")."""
    return not (name_stems(a, first=True) & name_stems(b, first=True)) or not one_name(a, b)
