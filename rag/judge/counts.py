"""What each number of a claim counts, against the evidence: "three missiles" where the passage
says "three missile tests", "the 14th session" where it says "the 5th session"."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .facts import number_tokens
from .syntax import Key, Token, core


def _counted(t: Token) -> Token | None:
    h = t
    while h.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and h.head != h:
        h = h.head
        if not h.like_num:
            return h if h.pos_ in ("NOUN", "PROPN") else None
    return None


def counts(tokens: Iterable[Token], skip: set[int] = frozenset()) -> list[tuple[str, Token | None]]:
    """(number as the word layer writes it, the noun it counts) for every number and ordinal:
    "three missile tests" -> ("3", tests), "the 5th session" -> ("5th", session)."""
    out = []
    for t in tokens:
        if t.i in skip or not (t.like_num or t.pos_ == "NUM"):
            continue
        for value in number_tokens(t.text, ordinals=True):
            if value.rstrip("th").isdigit():
                out.append((value, _counted(t)))
    return out


def _compound(t: Token) -> list[Token]:
    """The nouns of the compound `t` is in: "the first spy satellite launch" counts the
    satellite as much as the launch."""
    while t.dep_ == "compound" and t.head != t:
        t = t.head
    return [x for x in core(t) if x.pos_ in ("NOUN", "PROPN")]


def _times(u: Token, unit: Token, key: Key) -> bool:
    """Whether the evidence's count of times ("a two-time Olympic gold medalist") counts the claim's
    unit ("two Olympic golds"): a noun of the phrase "N-time" describes."""
    if u.lemma_.lower() != "time" or u.dep_ not in ("compound", "amod", "nmod"):
        return False
    return key(unit.lemma_.lower()) in {key(x.lemma_.lower()) for x in _compound(u.head)}


def unit_problems(part: Sequence[Token], evidence: Sequence[Token], key: Key, skip: set[int]) -> list[str]:
    """A number the evidence has, counting something else that it also names ("three missiles"
    where it says "three missile tests"; "the 14th session" where it says "the 5th session")."""
    theirs = counts(evidence)
    present = {key(t.lemma_.lower()) for t in evidence}
    problems = []
    for value, unit in counts(part, skip):
        if unit is None or unit.pos_ != "NOUN" or key(unit.lemma_.lower()) not in present:
            continue
        units = [u for v, u in theirs if v == value]
        phrase = {key(x.lemma_.lower()) for x in _compound(unit)}
        if units and not any(u is None or key(u.lemma_.lower()) in phrase or _times(u, unit, key) for u in units):
            number = value if not value.endswith("th") or value[-4:-3] == "1" else value[:-2] + {"1": "st", "2": "nd", "3": "rd"}.get(value[-3], "th")
            problems.append(f"the passage's {number} counts '{units[0].text}', not '{unit.text}'")
    return problems
