"""Annotate passages at index time with spaCy, so a question pays only for parsing itself.

Each passage gets, as compact JSON in its chunk metadata (`ann`):

    s  its sentences: [[start, end], ...]
    e  its named entities: [[start, end, label, "how:noun|how:noun"], ...]: the common nouns the
       parse ties to the entity, and how. What kind of thing it is: "retailer Northwind" (compound),
       "Northwind, the retailer" (appos), "Northwind is a retailer" (attr), "the city of Kaesong" (of),
       "President Biden" (title); and the noun it modifies: "Northwind stores" (head)
    n  its other noun phrases (no pronouns, no entities): [[start, end], ...]

Offsets are character offsets into the passage text. The links, summed over the corpus, tell the
reader which entity types a question's focus word ("Which company ...?") stands for (types.py)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from .answer_types import VALUE_LABELS

BATCH = 32  # passages per nlp.pipe batch: measured fastest on 2 cores among 16, 32, 64
LINK_DEPS = frozenset({"compound", "appos", "nmod"})
KIND_LINKS = frozenset({"compound", "appos", "nmod", "attr", "of", "title"})  # say what an entity is
# "X of Y" says what Y is only for places ("the city of Kaesong"); "a member of Congress" does not
# make Congress a member.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NOUNISH = frozenset({"NOUN", "PROPN"})


def _links(ent: Any) -> list[str]:
    """`how:lemma` for each common noun the parse ties to `ent` (see the module docstring)."""
    root, head = ent.root, ent.root.head
    found: list[tuple[str, Any]] = []
    if ent.label_ not in VALUE_LABELS:
        for tok in root.children:  # "retailer Northwind", "Northwind, the retailer", "President Biden"
            if (tok.i < ent.start or tok.i >= ent.end) and tok.dep_ in LINK_DEPS and not tok.ent_type_:
                if tok.pos_ == "NOUN":
                    found.append((tok.dep_, tok))
                elif tok.pos_ == "PROPN" and tok.dep_ == "compound":
                    found.append(("title", tok))
        for tok in ent[:-1]:  # a title inside the span: "Mayor Ana Ruiz"
            if tok.dep_ == "compound" and tok.pos_ in NOUNISH and tok.head in ent and tok.lemma_.islower():
                found.append(("title", tok))
        if root.dep_ in ("compound", "nmod", "amod") and head.pos_ == "NOUN":  # "Northwind stores"
            found.append(("head", head))
    if root.dep_ == "appos" and head.pos_ == "NOUN":  # "the retailer, Northwind,"
        found.append(("appos", head))
    if root.dep_ in ("nsubj", "attr") and head.lemma_ == "be":  # "Northwind is a retailer", "the cost is $5"
        other = "attr" if root.dep_ == "nsubj" else "nsubj"
        found.extend(("attr", t) for t in head.children if t.dep_ == other and t.pos_ == "NOUN")
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":  # "the city of Kaesong"
        found.append(("of", head.head))
    return sorted({f"{how}:{t.lemma_.lower()}" for how, t in found if t.lemma_.isalpha()})


def _record(doc: Any) -> dict[str, list]:
    ents = {(e.start_char, e.end_char) for e in doc.ents}
    return {
        "s": [[s.start_char, s.end_char] for s in doc.sents],
        "e": [[e.start_char, e.end_char, e.label_, "|".join(_links(e))] for e in doc.ents],
        "n": [
            [c.start_char, c.end_char]
            for c in doc.noun_chunks
            if c.root.pos_ != "PRON" and (c.start_char, c.end_char) not in ents and not c.root.ent_type_
        ],
    }


def annotate(texts: Iterable[str], nlp: Any, batch_size: int = BATCH) -> Iterator[dict[str, list]]:
    """One annotation record per text, in order."""
    for doc in nlp.pipe(texts, batch_size=batch_size):
        yield _record(doc)


def dumps(record: dict[str, list]) -> str:
    return json.dumps(record, separators=(",", ":"))


def loads(value: object) -> dict[str, list]:
    """A passage's annotation from its chunk metadata ({} when it has none)."""
    if not isinstance(value, str) or not value:
        return {}
    try:
        got = json.loads(value)
    except ValueError:
        return {}
    return got if isinstance(got, dict) else {}
