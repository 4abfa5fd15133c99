"""Questions that ask two things at once: "Who wrote the report, and on what date was it published?"
(or two questions in one message: "Who wrote the report? When was it published?").
The offline reader finds the answer to one question (one expected type, one focus), so such a
question is read as its two parts, in turn, on the passages retrieved for the whole question and for
its second part (rag/answer.py), and the answers are given one after the other. A pronoun of the
second part that points back to the first is replaced by what it points to, so the second part can
be read alone (and retrieved for); where "that" stands for the first part's whole event ("what did
that do?"), the question is read whole:
- "he", "she" (and "him", "her", "his"): the person the first part asked for, as answered ("Which
  analyst said ..., and where does she work?"), else the person the first part names;
- "it", "they", "them" ("its", "their"): the first part's subject, or its object where the
  wh-phrase is the subject ("Who wrote the VOA report ..., and when was it published?": the report),
  or else a place or organisation it names;
- "when was that?" after "Why did ...?": the first part asked with "when".
(Coreference resolvers are large models of their own; spaCy's small pipeline has none, and these
questions point back only to the question's own first half.)"""

from __future__ import annotations

import re
from typing import Any

from .text import WH_WORDS

WH = "(?:" + "|".join(sorted(WH_WORDS)) + ")"
PREPOSITION = r"(?:on|in|at|since|by|for|from|to|with|during|until|after|before)"
ASKING = rf"(?:{PREPOSITION}\s+)?{WH}\b"  # where a question's asking starts: "which", "on what"
_SPLIT = re.compile(rf"^(?P<first>.+?)(?:,?\s+and|\?)\s+(?P<second>{ASKING}.+)$", re.I | re.S)
_ASKS = re.compile(rf"^{ASKING}", re.I)
_THAT = re.compile(rf"^(?P<wh>{WH})\s+(?:was|is|were|are|did|does|do)\s+(?:that|this|it)\s*\?*$", re.I)
_WH_PHRASE = re.compile(rf"^{ASKING}(?:\s+\w+)?\s*", re.I)  # "on which day", "what event"
_ADVERB = re.compile(r"^(?:since\s+)?(?:why|how|when|where)\b", re.I)
PERSONAL = frozenset({"he", "she", "him", "her", "his", "hers"})
IMPERSONAL = frozenset({"it", "its", "they", "them", "their"})
MIN_WORDS = 3  # a first part must ask something of its own: not the "Who" of "Who and why ...?"


def split(question: str) -> tuple[str, str] | None:
    """The two questions of `question`, joined by "and" or each with its own "?" ("Who won? When was
    the final?"; "What happened, and when?" is not two: its second part asks nothing alone), each
    ending in "?"; None for a question that asks one thing."""
    m = _SPLIT.match(question.strip())
    if not m:
        return None
    first, second = m["first"].strip(" ,;"), m["second"].strip()
    if not _ASKS.match(first) or len(first.split()) < MIN_WORDS or not _WH_PHRASE.sub("", second).strip(" ?"):
        return None  # "..., and on which day?" asks the first part's question again: one question
    return f"{first.rstrip('?')}?", f"{second[0].upper()}{second[1:].rstrip('?')}?"


def resolve(second: str, first: str, first_doc: Any, second_doc: Any, person: str | None) -> str | None:
    """`second` with its pronouns that point back replaced (see the module's note): `first_doc` and
    `second_doc` are the parts parsed by spaCy, `person` whom the first part's answer or question names
    (a pronoun with nothing found to stand for is left as written: the passages are of the same story).
    None for a "that" or "this" that stands for the first part's whole event ("what did that do to its
    trade?"): the second part cannot be read alone."""
    that = _THAT.match(second)
    if that and _ADVERB.match(first):  # "Why did X stop ...?" + "When was that?": "When did X stop ...?"
        return _ADVERB.sub(that["wh"].capitalize(), first, count=1)
    thing = _phrase(first_doc)
    out = []
    named_at = next((t.i for t in second_doc if t.pos_ == "PROPN"), len(second_doc))
    for tok in second_doc:
        word = tok.lower_
        if tok.i > named_at:  # "how much did Apple say its phone costs": a name before it in its own part
            out.append(tok.text_with_ws)  # is what it points to
            continue
        if _demonstrative(tok):  # the first part's whole event: no phrase of it stands for that
            return None
        said = person if word in PERSONAL else thing if word in IMPERSONAL else None  # else left as written
        if said and (tok.tag_ == "PRP$" or word in ("his", "its", "their")):
            said = f"{said}'" if said.endswith("s") else f"{said}'s"  # "the talks' end", "Kim's"
        out.append(f"{said}{tok.whitespace_}" if said else tok.text_with_ws)
    return "".join(out)


def _demonstrative(tok: Any) -> bool:
    """"that" or "this" standing for something said before ("what did that do"), not "that year"."""
    return tok.lower_ in ("that", "this") and tok.tag_ == "DT" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj",
                                                                              "attr")


def _phrase(doc: Any) -> str | None:
    """What "it" in the second part means: the first part's subject, else its object, else a place or
    organisation it names; never a phrase of the wh-word ("What weapon")."""
    chunks = [c for c in doc.noun_chunks if not any(w.tag_ in ("WDT", "WP", "WP$") for w in c)]
    subject = next((c for c in chunks if c.root.dep_ in ("nsubj", "nsubjpass") and c.root.pos_ != "PRON"), None)
    named = next((e for e in doc.ents if e.label_ in ("ORG", "GPE", "NORP", "FAC", "PRODUCT", "EVENT")), None)
    thing = subject or next((c for c in chunks if c.root.dep_ == "dobj"), None) or named
    return thing.text if thing is not None else None


def person_of(answered: tuple[str, str | None] | None, topics: tuple[tuple[str, str], ...]) -> str | None:
    """Whom "he" or "she" in the second part means: the first part's answer (text, label) where it is a
    person, else the first person the first part names."""
    if answered is not None and answered[1] == "PERSON":
        return answered[0]
    return next((name for name, label in topics if label == "PERSON"), None)
