"""What a "who" question asks its person to have done, and whether a sentence speaks of it.

"Who directed the film?" names no kind of person: the verb alone says which person is wanted, so a
sentence that names a person but not the doing ("starring Tom Reed and Ana Ruiz") does not answer
it, however much of the rest of the question it holds. The doing counts as spoken of where the
sentence holds the verb (as the question writes it or as its lemma: "won"/"win") or a word built on
it ("director", "founder", "winner"). A question with a noun for the person ("Which senator ...")
is left to that noun (candidates.py ties a name to it)."""

from __future__ import annotations

from typing import Any

from .agency import role_verb
from .text import holds_stem, stems

MIN_STEM = 3  # a shorter stem would be the start of too many words


def asked_doing(wh: Any) -> tuple[str, ...]:
    """The verb a bare "who"/"whom" (a parsed token) is the subject or object of, as written, then its
    stems ("won", "won", "win"); () for another wh-word, a "who" with a noun of its own, a light verb."""
    found = role_verb(wh) if wh is not None and wh.lower_ in ("who", "whom") else None  # "Who won", "Whom did she name"
    if found is None or any(c.dep_ == "ccomp" for c in found[0].children):
        return ()  # nor a verb over a clause: "Who declared that ...?" asks who said it (speakers.py)
    verb = found[0]
    found = stems([verb.lower_, verb.lemma_.lower()])
    found = tuple(s for s in dict.fromkeys(found) if len(s) >= MIN_STEM)
    return (verb.text, *found) if found else ()


def speaks_of(text: str, doing: tuple[str, ...]) -> bool:
    """Whether `text` holds the doing (as `asked_doing` gives it): a word that starts with one of its stems."""
    return not doing or holds_stem(text, doing[1:])
