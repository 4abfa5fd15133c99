"""Whom a pronoun stands for, where the parse makes it all but certain: a possessive on a verb's
object is its subject's ("Seoul cut off its channels"), a pronoun subject is the subject of the
clause it is joined to or reported by ("the US said it was ready"); each only where they agree in
number and gender (spaCy's morphology). The roles check (roles.py) reads its fillers through them."""

from __future__ import annotations

from .syntax import Token


def agrees(pronoun: Token, noun: Token) -> bool:
    """Whether `pronoun` can stand for `noun` by number and gender (spaCy's morphology): "he"
    for Kim, "it" for Pyongyang, not "they" for the US or "she" for Seoul."""
    if pronoun.morph.get("Number") and noun.morph.get("Number") and pronoun.morph.get("Number") != noun.morph.get("Number"):
        return False
    gender = pronoun.morph.get("Gender")
    return not gender or (gender == ["Neut"]) != (noun.ent_type_ == "PERSON")


def owner_of(t: Token) -> Token | None:
    """Whom a possessive pronoun on a verb's object stands for: the verb's subject, when they
    agree ("Seoul cut off its channels": Seoul's channels). Only on the direct object, where
    the reading is all but certain ("X condemned Y for its drills" may mean Y's)."""
    pronoun = next((c for c in t.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if pronoun is None or t.dep_ != "dobj":
        return None
    subject = next((s for s in t.head.children if s.dep_ == "nsubj" and s.pos_ != "PRON"), None)
    return subject if subject is not None and agrees(pronoun, subject) else None


def antecedent(v: Token, pronoun: Token) -> Token | None:
    """Whom a pronoun subject most likely stands for: the subject of the verb its clause is joined
    to or reported by ("X opened the lines, but it cut them"; "the US said it was ready"), if they agree."""
    if v.dep_ not in ("conj", "ccomp") or v.head == v:
        return None
    subject = next((s for s in v.head.children if s.dep_ == "nsubj" and s.pos_ != "PRON"), None)
    return subject if subject is not None and agrees(pronoun, subject) else None
