"""Who did what, for the reader: the role a question asks its answer to fill, and which of a
sentence's names fills it there.

"Which company recalled the cereal?" asks for the doer of "recalled"; its passage, "Harbor Foods
recalled batches of Oakmilk and Acme Crunch cereals", names two organisations, and the product
stands nearer the question's words. The parse tells them apart: the answer is the subject
of the recalling, not a word of its object. Only the names of one sentence are compared, so a
sentence the parse cannot read (the verb is paraphrased, or missing) leaves the order as it was.
(The judge has its own, finer roles check for claims: rag/judge/roles.py.)"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .answer_types import NAME_LABELS, VALUE_LABELS
from .text import AUXILIARIES, MIN_STEM, holds_stem, stem, tokens

AGENT, PATIENT = "agent", "patient"
_WAY_ASKED = re.compile(r"\b(to|from)\s*\?\s*$|^\s*(to|from)\s+(?:where|which|what)\b", re.I)
_OVER = re.compile(r"\b(?:over|against)\s+$", re.I)  # "a win over", "the case against": the other side


def role_verb(wh: Any | None) -> tuple[Any, str] | None:
    """(the verb, AGENT or PATIENT) when the wh-phrase ("Which company", "who", "whom") is the subject
    or object of a verb that is no auxiliary; None for any other question. doing.py reads it too."""
    if wh is None:
        return None
    top = wh.head if wh.dep_ == "det" and wh.head.pos_ in ("NOUN", "PROPN") else wh
    if wh.lower_ == "how" and wh.head.lower_ in ("many", "much") and wh.head.head.pos_ == "NOUN":
        top = wh.head.head  # "How many babies die ...?": the babies
    verb = top.head
    role = {"nsubj": AGENT, "nsubjpass": PATIENT, "dobj": PATIENT}.get(top.dep_)
    if verb.lemma_ == "do" and verb.dep_ == "aux" and verb.head.pos_ == "VERB" and top.dep_ == "nsubj":
        verb, role = verb.head, PATIENT  # "Who did Tom May name ...?": the parse, misled by the name
        # (the modal "may"), makes "who" the subject of "did"; the one named is asked for
    if role == AGENT and any(c.dep_ == "nsubj" and c != top and any(a.i < c.i for a in verb.children if a.dep_ == "aux")
                             for c in verb.children):
        role = PATIENT  # "Which team does he lead?", "How many people has the flu killed?": an auxiliary
        # before another subject asks what that one did (the parse makes "team" a subject too)
    light = verb.lemma_.lower() in AUXILIARIES or verb.lemma_.lower() == "become"  # a copula's noun says who
    return (verb, role) if role and verb.pos_ == "VERB" and not light else None


def asked_role(wh: Any | None) -> tuple[str, str] | None:
    """(the verb's lemma, AGENT or PATIENT) of `role_verb`: "Which company recalled ...?" ->
    ("recall", AGENT), "Which player was traded ...?" -> ("trade", PATIENT); under a copula, of the
    relative clause on its noun: "Who was the pilot who survived?" -> ("survive", AGENT)."""
    found = role_verb(wh) or _relative_role(wh)
    return (found[0].lemma_.lower(), found[1]) if found else None


def _relative_role(wh: Any | None) -> tuple[Any, str] | None:
    """(the verb, AGENT or PATIENT) of a relative clause ("who survived", "who was fired") on the noun a
    copula sets beside a "who" or "which" phrase, its relative pronoun the clause's subject."""
    if wh is None or wh.lower_ not in ("who", "which") or wh.head.lemma_ != "be":
        return None
    nouns = [t for t in wh.head.children if t.dep_ in ("nsubj", "attr") and t.pos_ in ("NOUN", "NUM") and t != wh]
    for verb in (t for noun in nouns for t in noun.children if t.dep_ == "relcl" and t.pos_ == "VERB"):
        subject = next((t for t in verb.children if t.dep_ in ("nsubj", "nsubjpass") and t.tag_ in ("WP", "WDT")), None)
        if subject is not None and verb.lemma_.lower() not in AUXILIARIES:
            return verb, AGENT if subject.dep_ == "nsubj" else PATIENT
    return None


def fills(sentence: Any, role: tuple[str, str], start: int, end: int, heads: bool = False) -> bool | None:
    """Whether the span at character offsets [start, end) of a parsed sentence fills `role` of a verb
    of the same lemma there (True), fills the other role (False), or neither / no such verb (None).
    With `heads`, only the phrase's head counts (with its conjuncts and appositions): "Tom Reed, an
    Acme executive, was fired" fills the firing's done-to with Tom Reed, not Acme."""
    lemma, wanted = role
    found = None
    for verb in (t for t in sentence if t.pos_ == "VERB" and t.lemma_.lower() == lemma):
        for which, phrase in _roles(verb).items():
            heads_of = _heads(phrase) if heads else phrase
            if any(h.idx <= start < h.idx + len(h.text) or start <= h.idx < end for h in heads_of):
                if which == wanted:
                    return True
                found = False
    return found


def _heads(phrase: list[Any]) -> list[Any]:
    """The head of a role's phrase, with the heads it conjoins or sets in apposition ("Tom Reed, Ana
    Ruiz and Emily Carter"; "the minister, Tom Reed") and the counts of them ("110 ships have opted in")."""
    heads = [t for t in phrase if t.head not in phrase or t.head == t]
    for h in heads:  # grows as it goes: a list's third name is the conjunct of its second
        heads += [t for t in h.children if t.dep_ in ("conj", "appos", "nummod") and t not in heads]
    return heads


def _roles(verb: Any) -> dict[str, list[Any]]:
    """The tokens of the doer's and the done-to's phrases of a verb: active ("Acme recalled the
    cereal") or passive ("the cereal was recalled by Acme")."""
    out: dict[str, list[Any]] = {AGENT: [], PATIENT: []}
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
            # "the judge who led the review": the one the clause is of; a "who" after a description
            # may be of the described ("Tom Reed, a professor at the University of Oakdale, who founded")
            anchor = verb.head
            while child.lower_ == "who" and anchor.dep_ in ("pobj", "prep", "appos") and anchor.head != anchor:
                anchor = anchor.head
            while anchor.dep_ == "conj" and anchor.head != anchor:  # "the 20 children and six teachers who
                anchor = anchor.head  # were killed": the clause hangs on the last of a list, and is of all of it
            clause = set(verb.subtree)
            out[AGENT if child.dep_ == "nsubj" else PATIENT] += [t for t in anchor.subtree if t not in clause]
        elif child.dep_ == "nsubj":
            out[AGENT] += list(child.subtree)
        elif child.dep_ in ("dobj", "nsubjpass"):
            out[PATIENT] += list(child.subtree)
        elif child.dep_ == "agent":  # "by Acme"
            out[AGENT] += [t for c in child.children for t in c.subtree]
    return out


def sentence_of(c: Any) -> tuple[int, int]:
    """Which sentence a candidate's evidence is (its passage, its start)."""
    return c.evidence.passage, c.evidence.start


def token_at(sentence: Any, at: int) -> Any | None:
    """The token of a parsed sentence at character offset `at`, or None."""
    return next((t for t in sentence if t.idx <= at < t.idx + len(t.text)), None)


def text_before(c: Any) -> str:
    """The text of a candidate's sentence before its name (where news writes its title, or "by")."""
    return c.evidence.text[: max(0, c.span[0] - c.evidence.start)]


def to_front(answering: list, chosen: Any | None) -> list:
    """The candidates with `chosen` put first (as they are where it is None)."""
    return answering if chosen is None else [chosen, *(c for c in answering if c is not chosen)]


def doer_first(role: tuple[str, str] | None, answering: list, parse: Callable[[str], Any] | None) -> list:
    """The candidates (best first), with the one that fills the question's `role` in the best one's
    sentence put first where the best one does not fill it ("Harbor Foods", not "Acme Crunch"),
    however far down it ranks (the small model labels some companies persons); and the head of the
    role's phrase where the best one is a word of its modifiers ("Tom Reed, a leading Acme campaigner,
    was fired": Tom Reed, not Acme, for "Who was fired ...?")."""
    found = in_one_sentence(answering, parse) if role is not None else None
    if found is None:
        return answering
    best, rivals, sentence = found

    def fits(c: Any, heads: bool = False) -> bool | None:
        return fills(sentence, role, c.span[0] - best.evidence.start, c.span[1] - best.evidence.start, heads)

    if fits(best, heads=True):
        return answering
    chosen = next((c for c in rivals if fits(c, heads=True)), None)
    if chosen is None and not fits(best):
        chosen = next((c for c in rivals if fits(c)), None)
    return to_front(answering, chosen)


def doers(role: tuple[str, str] | None, ranked: list, parse: Callable[[str], Any] | None, at_least: float) -> list:
    """The candidate names whose sentence, holding `at_least` that share of the question and parsed, makes
    them the head of the part the question asks for: "The Montgomery-based NewSouth Books has joined with
    Alabama Heritage magazine" for "Which publisher joined Alabama Heritage magazine ...?", though nothing
    calls it a publisher."""
    if role is None or parse is None:
        return []
    return [c for c in ranked if c.label in NAME_LABELS and c.evidence.score >= at_least and fills(
        parse(c.evidence.text), role, c.span[0] - c.evidence.start, c.span[1] - c.evidence.start, heads=True)]


def in_one_sentence(answering: list, parse: Callable[[str], Any] | None) -> tuple[Any, list, Any] | None:
    """The best candidate, the others of its sentence and that sentence parsed; None where it has no
    others (or there is no parser)."""
    if parse is None or len(answering) < 2:
        return None
    best = answering[0]
    rivals = [c for c in answering[1:] if sentence_of(c) == sentence_of(best)]
    return (best, rivals, parse(best.evidence.text)) if rivals else None


def unless_beaten(role: tuple[str, str] | None, answering: list) -> list:
    """The candidates (best first), with another name of the best one's sentence, of its label, put
    first where the best one stands right after "over" or "against" and the question asks for a doer:
    "Who won the 1958 Oakdale Open?" is not answered by the Tom Reed of "a four-shot win over Tom
    Reed" (the one beaten, or the one a case is brought against), if the sentence names another."""
    if role is None or role[1] != AGENT or not answering or not _after_over(answering[0]):
        return answering
    best = answering[0]
    return to_front(answering, next((c for c in answering[1:] if sentence_of(c) == sentence_of(best)
                                     and c.label == best.label and not _after_over(c)), None))


def way_first(question: str, answering: list) -> list:
    """The candidates (best first), with the name of the best one's sentence that follows the way the
    question asks put first where the best one follows the other way: "Where did Tom Reed move to?"
    is answered by the Alabama of "moved from Oakdale to Alabama", not Oakdale; "... move from?" the
    reverse. The question's "to" or "from" is the one left at its end, or before its wh-word."""
    asked = _WAY_ASKED.search(question)
    if not asked or not answering:
        return answering
    way = (asked[1] or asked[2]).lower()
    best = answering[0]
    if not _follows(best, "from" if way == "to" else "to"):
        return answering
    return to_front(answering, next((c for c in answering[1:] if sentence_of(c) == sentence_of(best)
                                     and _follows(c, way)), None))


def _follows(c: Any, way: str) -> bool:
    return re.search(rf"\b{way}\s+(?:the\s+)?$", text_before(c), re.I) is not None


def _after_over(c: Any) -> bool:
    return _OVER.search(text_before(c)) is not None


def role_stems(role: tuple[str, str] | None, when: str = "") -> tuple[str, ...]:
    """The stem of the verb of the question's `role`, or else of the verb whose time it asks (`when`),
    for `doing_first` (none where it is too short): "When did Tom Reed join the board?" is answered by
    the date of "Reed joined the board in January 2019", not of "Reed resigned in late January"."""
    verb = stem(role[0]) if role else stem(when) if when else ""
    return (verb,) if len(verb) >= MIN_STEM else ()


def doing_first(verbs: tuple[str, ...], answering: list, within: int = 5, article: bool = False,
                forms: tuple[str, ...] = ()) -> list:
    """The candidates (best first), with one whose sentence speaks of the question's verb (`verbs`, its
    stems) put first where the best one's does not: "Which mayor appointed Tom Reed?" is answered by
    "Reed was appointed ... by Mayor Ana Ruiz", not by "Reed announced his retirement to Mayor Maria
    Alvarez", though that sentence holds more of the question. Only among the `within` best, and only
    a name that fits the type and the noun asked about as well as the best one: a sentence that says
    the doing of a looser name ("the Oakdale candidates have been accused of ...") is no better than a
    paraphrase of it ("ParentsFirst said the pledges ..."). On the seven eval sets: with that
    condition no right answer or abstention changed; without it one right answer was lost on a read
    set and one gained on an unread one (bench/RESULTS.md). With `article`, only from the best one's
    own article (doing.doing_in_article_first). `forms`: the verb's forms its stem misses ("took" of
    "take"), held as whole words."""
    if not (verbs or forms) or not answering:
        return answering
    best = answering[0]
    return first_holding(answering, lambda c: (holds_stem(c.evidence.text, verbs)
                                               or not set(forms).isdisjoint(tokens(c.evidence.text)))
                         and (not article or c.articles & best.articles), within)


def first_holding(answering: list, holds: Callable[[Any], Any], within: int = 5, tie: bool = True) -> list:
    """The candidates (best first), with the first of the `within` best that `holds` put first where
    the best one does not: only one of a type fit (and, with `tie`, a tie to the noun asked about) as
    good as the best one's. The shape of `doing_first`, `negated_first`, `measure_first` and
    `titled_doer_first`."""
    if len(answering) < 2 or holds(answering[0]):
        return answering
    best = answering[0]
    return to_front(answering, next((c for c in answering[1:within] if c.fit >= best.fit
                                     and (not tie or c.focus >= best.focus) and holds(c)), None))


def unless_done_by_another(role: tuple[str, str] | None, answering: list, parse: Callable[[str], Any] | None,
                           asked: frozenset[str] = frozenset()) -> list:
    """The candidates (best first), less those of the best one's sentence where it says that another
    fills the role asked for: "Who led the review ...?" is not answered by "The former judge who led
    the review has backed an inquiry into complaints about Tom Reed" with Reed (the best sentence
    answers then, or a name of another). Another named by the question's own words (`asked`, lemmas)
    may be the one asked about: "where people can report illnesses, over 130 people have said ..."
    for "How many people reported ...?". On the seven eval sets no answer changed (bench/RESULTS.md)."""
    if role is None or parse is None or not answering:
        return answering
    best = answering[0]
    if role[1] == PATIENT and best.label in VALUE_LABELS:
        return answering  # an amount offered is often the parse's modifier of the verb ("including up to $900")
    ev = best.evidence
    if not done_by_another(role, parse(ev.text), best.span[0] - ev.start, best.span[1] - ev.start, asked):
        return answering
    return [c for c in answering if sentence_of(c) != sentence_of(best)]


def _a_share(tok: Any) -> bool:
    """A percentage as the doer ("53% of voters disapprove, including 84% of Democrats"): a share of
    people, of whom the one asked about may be a part, not another."""
    return tok.lower_ in ("%", "percent")


def _pronoun_owned(tok: Any) -> bool:
    """A doer owned by a pronoun ("CVS and Walgreens confirmed that their stores are limiting ..."):
    the pronoun may stand for the span, so the doer is no other's."""
    return any(t.dep_ == "poss" and t.tag_ == "PRP$" for t in tok.children)


def done_by_another(role: tuple[str, str], sentence: Any, start: int, end: int,
                    asked: frozenset[str] = frozenset()) -> bool:
    """Whether a sentence says who fills `role` of its verb (a noun phrase, not a pronoun, which may
    stand for the span, nor a noun of `asked`), and it is not the span at character offsets [start, end)."""
    if fills(sentence, role, start, end):
        return False
    for verb in (t for t in sentence if t.pos_ == "VERB" and t.lemma_.lower() == role[0]):
        phrase = set(_roles(verb)[role[1]])
        heads = [t for t in phrase if t.head not in phrase or t.head == t]
        if any(t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() not in asked and not _a_share(t)
               and not _pronoun_owned(t) for t in heads):
            return True
    return False
