"""What a "who" question asks its person to have done, and whether a sentence speaks of it.

"Who directed the film?" names no kind of person: the verb alone says which person is wanted, so a
sentence that names a person but not the doing ("starring Tom Reed and Ana Ruiz") does not answer
it, however much of the rest of the question it holds. The doing counts as spoken of where the
sentence holds the verb (as the question writes it or as its lemma: "won"/"win") or a word built on
it ("director", "founder", "winner"); of two names in that sentence, the one titled by such a word
goes first ("writer Ana Ruiz" for "Who wrote it?"). A question with a noun for the person ("Which
senator ...") is left to that noun (candidates.py ties a name to it)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .agency import doing_first, fills, first_holding, role_verb, sentence_of, text_before
from .text import MIN_STEM, holds_stem, possessive, stems

_CREDIT = re.compile(r"[”\"]\s*,?\s+by\s+$")  # a quoted work, then "by", then the name
# "Who played ...?": the verbs of acting a part (stems; a closed class), and the part after a name.
_PLAYING = frozenset({"play", "portray", "star", "voice"})  # a part voiced is played
# "..., best known as Dr. Harbor"; "... reprises her most famous role of Dr. Harbor"
_CAST_AFTER = re.compile(r"(?:\s*,?\s*(?:(?:best|well|widely)\s+)?(?:known\s+)?as"
                         r"|\s*(?:\w+\s+)?(?:his|her|their|the)\s+(?:[\w-]+\s+){0,3}role\s+(?:of|as))"
                         r"\s+((?:[\w.'’-]+\s+){0,5}[\w.'’-]+)")
_CONVERSE = frozenset({"by", "from", "to"})  # the doer of a verb told from the other side
TITLE_WORDS = 3  # the words before a name read as its title ("and writer", "the late director")


def asked_doing(wh: Any) -> tuple[str, ...]:
    """The verb a bare "who"/"whom" (a parsed token) is the subject or object of, as written, then its
    stems ("won", "won", "win"); () for another wh-word, a "who" with a noun of its own, a light verb.
    Through a verb's complement ("set to", "chosen to"): what one was to do or be."""
    found = role_verb(wh) if wh is not None and wh.lower_ in ("who", "whom") else None  # "Who won", "Whom did she name"
    if found is None or any(c.dep_ == "ccomp" for c in found[0].children):
        return ()  # nor a verb over a clause: "Who declared that ...?" asks who said it (speakers.py)
    verb = found[0]
    while (then := next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)):
        verb = then  # "Who was chosen to host ...?": the hosting; "Who is set to be chairman?": no doing
    if verb.lemma_.lower() in ("be", "become"):
        return ()
    found = stems([verb.lower_, verb.lemma_.lower()])
    found = tuple(s for s in dict.fromkeys(found) if len(s) >= MIN_STEM)
    return (verb.text, *found) if found else ()


def speaks_of(text: str, doing: tuple[str, ...]) -> bool:
    """Whether `text` holds the doing (as `asked_doing` gives it): a word that starts with one of its stems."""
    return not doing or holds_stem(text, doing[1:])


def told_conversely(c: Any, names: list[str], parse: Callable[[str], Any] | None) -> bool:
    """Whether a candidate is the one a verb's "by", "from" or "to" names where that verb's subject is a
    name the question asks about: "Who beat/gave ...?" told the other way round, whatever the verb
    ("Tom Rice ... was crushed in a primary by Russell Fry", "Biden received a medal from Barack
    Obama", "Cawthorn conceded his race to Chuck Edwards")."""
    if parse is None or not names:
        return False
    sentence, a, b = parse(c.evidence.text), c.span[0] - c.evidence.start, c.span[1] - c.evidence.start
    root = next((t for t in sentence if a <= t.idx < b and not a <= t.head.idx < b), None)
    if root is None or root.dep_ != "pobj" or root.head.lower_ not in _CONVERSE:
        return False
    verb = root.head.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head  # "received a medal from": the prepositional phrase may hang on the object
    subject = next((t for t in verb.children if t.dep_ in ("nsubj", "nsubjpass")), None)
    said = {t.lower_ for t in subject.subtree} if subject is not None else set()
    return any(w.lower() in said for name in names for w in name.split() if w[:1].isupper())


def credited(c: Any) -> bool:
    """Whether a candidate's name follows a quoted work and "by" ("“Harbor Nights” by Tom
    Reed"): the one who made it, whatever verb the question makes of that (wrote, directed, painted)."""
    return _CREDIT.search(text_before(c)) is not None


def cast_as(c: Any, doing: tuple[str, ...], terms: tuple[str, ...]) -> bool:
    """Whether a "Who played ...?" candidate is named as playing the part the question names, as news
    writes it: "starred Ana Ruiz as the receptionist", "Tom Reed, best known as Dr. Harbor", "Tom Reed
    reprise his most iconic role of Dr. Harbor", "Tom Reed's Dr. Harbor", "the nurse Emily Carter (Ana
    Ruiz)"; the part's words are the question's (`terms`, its lemmas)."""
    if not set(doing[1:]) & set(stems(list(_PLAYING))):  # doing's stems: "voic"
        return False
    asked = set(stems(list(terms)))
    after = _CAST_AFTER.match(c.evidence.text, c.span[1] - c.evidence.start)
    if after and set(stems(after[1].lower().split())) & asked:
        return True
    a, b = c.span[0] - c.evidence.start, c.span[1] - c.evidence.start
    if possessive(c.evidence.text, a, b):  # "Tom Reed's Dr. Harbor teaches ...": his part
        return bool(set(stems(re.sub(r"^\s*['’]s\b", "", c.evidence.text[b:]).lower().split()[:3])) & asked)
    before = text_before(c).rstrip()
    return before.endswith("(") and bool(set(stems(before[:-1].lower().split()[-4:])) & asked)


def titled_doer_first(doing: tuple[str, ...], answering: list, terms: tuple[str, ...] = (),
                      role: tuple[str, str] | None = None, within: int = 5) -> list:
    """The candidates (best first), with one the best one's sentence titles by the noun of the doing
    (or casts in the part asked about: `cast_as`) put first where the best one's title is another
    ("writer Kevin Williamson", not "director Wes Craven", for "Who wrote the film?"): among the
    `within` best, of a type fit as good as the best one's. Not from another sentence: "Two-time
    winner Ana Ruiz won nods ..." says nothing of who won this year, where the best sentence named a
    nominee. For a question with a noun of its own and no doing, the `role`'s verb of playing counts, by
    casting only ("Which actress played the receptionist?": "It starred Ana Ruiz as the receptionist,
    Tom Reed as the manager")."""
    cast_only = not doing
    if cast_only and role is not None and role[1] == "agent" and role[0] in _PLAYING:
        doing = (role[0], *stems([role[0]]))
    if not doing or not answering:
        return answering
    best = answering[0]
    return first_holding(answering, lambda c: (not cast_only and _titled(c, doing) or cast_as(c, doing, terms))
                         and sentence_of(c) == sentence_of(best), within, tie=False)


def doing_in_article_first(q: Any, answering: list, parse: Callable[[str], Any] | None = None) -> list:
    """The candidates (best first), with one whose sentence speaks of the doing put first where the
    best one's does not ("Who called Tom Reed to congratulate him?": not the name of the sentence that
    holds more of the question but no calling), as `agency.doing_first` does for a noun's verb, but
    only from the best one's own article: from another it named another film's director. Not where
    the best one is credited with a work ("“Harbor Nights” by Tom Reed"). Failing that, from any article,
    one its own sentence makes the doer of the question's verb to the question's object (`doer_of`; so not
    another film's director): "Captain Tom Reed scored two goals" for "Who scored both goals ...?", where
    the best sentence named the goalie and no scoring (1,226 user questions: one right answer gained,
    nothing else changed; 2026-12-08, bench/RESULTS.md)."""
    doing = q.doing  # of `q`, the question (question.Question)
    if not doing or answering and credited(answering[0]):
        return answering
    answering = doing_first(doing[1:], answering, article=True)
    if q.role is None or parse is None or not answering or speaks_of(answering[0].evidence.text, doing):
        return answering
    return first_holding(answering, lambda c: speaks_of(c.evidence.text, doing) and doer_of(c, q.role, q.terms, parse))


def doer_of(c: Any, role: tuple[str, str], terms: tuple[str, ...], parse: Callable[[str], Any]) -> bool:
    """Whether a candidate's sentence, parsed, makes it the head of the part of the verb `role` asks
    for, and the verb's object, where it has one, is a noun the question holds (`terms`, its lemmas):
    "Tom Reed scored two goals" for "Who scored both goals?", not "Ana Ruiz won nods" for "Who won the
    award?"."""
    sentence, a, b = parse(c.evidence.text), c.span[0] - c.evidence.start, c.span[1] - c.evidence.start
    if not fills(sentence, role, a, b, heads=True):
        return False
    done = [o for t in sentence if t.pos_ == "VERB" and t.lemma_.lower() == role[0] for o in t.children
            if o.dep_ == "dobj"]
    return not done or any(o.lemma_.lower() in terms for o in done)


def _titled(c: Any, doing: tuple[str, ...]) -> bool:
    """Whether the words just before a candidate's name (its title, as news writes it before a name,
    capitalised or not) hold the doing: "writer", "Director", "written by"."""
    before = text_before(c).lower()
    return holds_stem(" ".join(re.findall(r"[a-z]+", before)[-TITLE_WORDS:]), doing[1:])
