"""The time a question asks of, for the reader: "When did Tom Reed join Acme?" asks the time of the
joining, and where the best sentence dates two things ("Tom Reed and Emily Carter met in 2009,
married in 2015"), the date of the verb asked goes first. Who did what is agency.py's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .agency import doing_first, in_one_sentence, role_stems, to_front, token_at
from .text import AUXILIARIES

_ARGUMENTS = frozenset({"poss", "nsubj", "nsubjpass", "dobj", "attr", "appos"})  # a date in these is a noun's


def asked_when(wh: Any | None) -> str:
    """The lemma of the verb a "when" asks the time of ("When did Tom Reed join ...?" -> "join"), or "".
    A capitalised word inside the question is a name the tagger took for a verb ("When did Lund and
    Heard marry?"): the verb is then the one it governs."""
    verb = wh.head if wh is not None and wh.lower_ == "when" else None
    if verb is not None and verb.dep_ in ("aux", "auxpass"):
        verb = verb.head  # "When was Tom Reed arrested?": the parse may hang "when" on the auxiliary
    if verb is not None and verb.i > 0 and verb.text[:1].isupper():
        verb = next((t for t in verb.children if t.dep_ in ("xcomp", "ccomp") and t.pos_ == "VERB"), None)
    return verb.lemma_.lower() if verb is not None and verb.pos_ == "VERB" and verb.lemma_ not in AUXILIARIES else ""


def the_verb_first(role: tuple[str, str] | None, when: str, answering: list,
                   parse: Callable[[str], Any] | None, forms: tuple[str, ...] = ()) -> list:
    """`agency.doing_first` for the verb of the question's role or of its "when" (and for its `forms` the
    stem misses: "took" of "take"), then `when_verb_first`."""
    return when_verb_first(when, doing_first(role_stems(role, when), answering, forms=forms), parse)


def when_verb_first(when: str, answering: list, parse: Callable[[str], Any] | None) -> list:
    """The candidates (best first), with a date of the best one's sentence that is the time of the verb
    asked about (`when`, a lemma) put first where the best one is another verb's: "Tom Reed and Emily
    Carter met in 2009, married in 2015" answers "When did they marry?" with 2015."""
    found = in_one_sentence(answering, parse) if when else None
    if found is None:
        return answering
    best, rivals, sentence = found

    def verb_of(c: Any) -> str:  # not through a noun the verb takes: "Wednesday's announcement will allow"
        token = token_at(sentence, c.span[0] - best.evidence.start)
        while token is not None and token.pos_ != "VERB" and token.head != token and token.dep_ not in _ARGUMENTS:
            token = token.head
        return token.lemma_.lower() if token is not None and token.pos_ == "VERB" else ""

    return answering if verb_of(best) == when else to_front(answering, next((c for c in rivals
                                                                              if verb_of(c) == when), None))
