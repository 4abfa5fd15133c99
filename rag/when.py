"""The time a question asks of, for the reader: "When did Tom Reed join Acme?" asks the time of the
joining, and where the best sentence dates two things ("Tom Reed and Emily Carter met in 2009,
married in 2015"), the date of the verb asked goes first. Who did what is agency.py's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .agency import doing_first, in_one_sentence, role_stems, sentence_of, to_front, token_at
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


def when_verb_first(when: str, answering: list, parse: Callable[[str], Any] | None, within: int = 5) -> list:
    """The candidates (best first), with a date that is the time of the verb asked about (`when`, a
    lemma) put first where the best one is another verb's: of the best one's sentence ("Tom Reed and
    Emily Carter met in 2009, married in 2015" answers "When did they marry?" with 2015), else of
    another among the `within` best that fits as well ("got engaged in November 2002", not "ended
    their engagement in 2004", for "When did they get engaged?"; 2026-12-07, bench/RESULTS.md)."""
    if not when or parse is None or len(answering) < 2:
        return answering
    best, sentence = answering[0], parse(answering[0].evidence.text)
    best_verb = _verb_of(best, sentence)
    if best_verb == when:
        return answering
    found = in_one_sentence(answering, parse)  # the others of the best one's sentence
    chosen = next((c for c in (found[1] if found else []) if _verb_of(c, sentence) == when), None)
    if chosen is None and best_verb:  # the best is dated as another verb's time: another sentence's
        chosen = next((c for c in answering[1:within] if sentence_of(c) != sentence_of(best) and c.fit >= best.fit
                       and _verb_of(c, parse(c.evidence.text)) == when), None)
    return to_front(answering, chosen)


def _verb_of(c: Any, sentence: Any) -> str:
    """The verb a date of a parsed sentence is the time of, not through a noun the verb takes
    ("Wednesday's announcement will allow"), or ""."""
    token = token_at(sentence, c.span[0] - c.evidence.start)
    while token is not None and token.pos_ != "VERB" and token.head != token and token.dep_ not in _ARGUMENTS:
        token = token.head
    return token.lemma_.lower() if token is not None and token.pos_ == "VERB" else ""
