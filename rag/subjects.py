"""Whose clause a candidate stands in, for the reader: a question that names its verb's subject
("Which pitcher did the Oakdale Owls trade for?") asks for a name of that subject's clause, where a
sentence joins two ("the Oakdale Owls traded for Tom Reed, and the Lund Lions added Ana Ruiz"); and
whose apposition ("Tom Reed, father of Ana Ruiz,": his). The role a question asks its answer to fill
(doer or done-to) is agency.py's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .agency import in_one_sentence, to_front, token_at
from .modality import SAYING


def asked_doer(wh: Any | None, skip: set[int]) -> tuple[str, ...]:
    """The words of a name the question makes the subject of its verb, where the answer is another
    part ("Which pitcher did the Oakdale Owls trade for?" -> ("oakdale", "owls")), or of the clause it
    reports ("... did Biden announce the US would establish?" -> ("us",)); the tokens in `skip` (the
    wh-word, the focus) are no such name."""
    if wh is None:
        return ()
    subject = next((t for t in wh.doc if t.dep_ == "nsubj" and t.pos_ == "PROPN" and t.i not in skip), None)
    reported = next((c for c in subject.head.children if c.dep_ == "ccomp"), None) \
        if subject is not None and subject.head.lemma_.lower() in SAYING else None
    if reported is not None:  # "In which country did Biden announce the US would ...?": the US's clause, not his
        subject = next((t for t in reported.children if t.dep_ == "nsubj" and t.i not in skip), None)
        return tuple(t.lower_ for t in subject.subtree if t.pos_ == "PROPN") if subject is not None else ()
    if subject is not None:
        return tuple(t.lower_ for t in subject.subtree if t.pos_ == "PROPN")
    # Where the parse found no such subject (it takes "sign" in "did the Lund Lions sign" for a noun):
    # the name right after "did", where English puts a question's subject.
    do = next((t for t in wh.doc[wh.i + 1 :] if t.lemma_ == "do" and t.pos_ == "AUX"), None)
    words = [t for t in wh.doc[do.i + 1 :] if t.pos_ != "DET"] if do is not None else []
    return tuple(t.lower_ for t in words[: next((k for k, t in enumerate(words) if t.pos_ != "PROPN"), len(words))])


def own_doer_first(doer: tuple[str, ...], answering: list, parse: Callable[[str], Any] | None) -> list:
    """The candidates (best first), with a name of the best one's sentence whose clause has the
    question's subject (`asked_doer`) put first where the best one's clause has another: "the Oakdale
    Owls traded for Tom Reed, and the Lund Lions added Ana Ruiz" answers "Whom did the Oakdale Owls
    trade for?" with Reed, though Ruiz stands as near the question's words."""
    found = in_one_sentence(answering, parse) if doer else None
    if found is None:
        return answering
    best, rivals, sentence = found

    def has_doer(c: Any) -> bool | None:  # None: its clause has no subject, or a pronoun ("its decline" is a noun)
        words = _clause_subject(sentence, c.span[0] - best.evidence.start)
        head = next((t for t in words or () if t.head not in words or t.head == t), None)
        return None if head is None or head.pos_ == "PRON" else any(t.lower_ in doer for t in words)

    if has_doer(best) is not False:
        return answering
    return to_front(answering, next((c for c in rivals if has_doer(c)), None))


def _clause_subject(sentence: Any, at: int) -> list[Any] | None:
    """The words of the subject of the clause the token at character offset `at` stands in (a verb
    joined to another by "and" shares its subject); [] where the token is in the subject itself,
    None where the clause has none."""
    token = token_at(sentence, at)
    verb = token
    while verb is not None and verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    while verb is not None and verb.pos_ in ("VERB", "AUX"):
        found = next((t for t in verb.children if t.dep_ in ("nsubj", "nsubjpass")), None)
        if found is not None:
            return [] if token in found.subtree else list(found.subtree)
        verb = verb.head if verb.dep_ == "conj" else None
    return None


def apposed_owner_first(answering: list, parse: Callable[[str], Any] | None) -> list:
    """The candidates (best first), with the name the best one's phrase hangs on put first where the best
    one is only the name of what that name is said to be ("Tom Reed, father of Maria, is being honored"
    answers "Which actor received the award?" with Tom Reed, not Maria, the object of his apposition's
    "of"); only a name whose type fits as well."""
    found = in_one_sentence(answering, parse)
    if found is None:
        return answering
    best, rivals, sentence = found
    start = best.evidence.start
    token = token_at(sentence, best.span[0] - start)
    while token is not None and token.head != token and best.span[0] <= token.head.idx + start < best.span[1]:
        token = token.head  # the name's own head word
    if token is None or token.dep_ != "pobj" or token.head.dep_ != "prep" or token.head.head.dep_ != "appos":
        return answering
    owner = token.head.head.head.idx + start  # the name the apposition says it of
    return to_front(answering, next((c for c in rivals if c.span[0] <= owner < c.span[1] and c.fit >= best.fit), None))
