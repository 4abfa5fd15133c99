"""Whether a text mentions a name: by its words, or by its initials ("VOA" for "Voice of America").

News writes a name short once an article has given it in full: a person by one of the names
("Trump", "Kim"), a long name by most of its words ("the United Nations General Assembly" for "the
UN General Assembly"). The gate (rag/decide.py) asks whether any retrieved article names what the
question names; the reader (rag/constraints.py) asks it of the one passage an answer comes from.
(The gate once wanted every word of the name: "Tory MPs", which the small model labels a person,
then refused a question whose articles say "Conservative MPs"; bench/RESULTS.md.)"""

from __future__ import annotations

import re
from functools import lru_cache

from .demonyms import other_forms
from .text import STOPWORDS, capitalised_name, stems, tokens, without_possessive

_NAME_RUN = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:of|and|for|the)?\s*[A-Z][a-z]+)+")
_GLUE = ("the", "of", "and")
_ACRONYM = re.compile(r"\b[A-Z]{3,6}\b")


@lru_cache(maxsize=4096)
def name_words(text: str) -> frozenset[str]:
    """A text's stemmed words, with the initials of its multi-word names and the last two or three
    letters of its acronyms (marked "~"). Kept per text: the same
    articles come back for many questions, and reading a whole article was ~10 ms of every answer on
    rtqa-2022 (bench/RESULTS.md, issue 14)."""
    words = set(stems(list(set(tokens(text)))))  # each distinct word stemmed once
    # An acronym's last letters, for a name given without its qualifier ("the Security Council" in
    # "UNSC"); a stray match only lets a passage through to the reader's other checks.
    words |= {"~" + a[-n:].lower() for a in set(_ACRONYM.findall(text)) for n in (2, 3) if n < len(a)}
    for m in _NAME_RUN.finditer(text):
        run = re.sub(r"^The\s+", "", m.group(0)).split()
        words |= {"".join(w[0] for w in run).lower(), "".join(w[0] for w in run if w[0].isupper()).lower()}
    return frozenset(words)


def by_initials(words: frozenset[str] | set[str], name: str) -> bool:
    """Whether `words` (name_words of a text) hold `name` only by initials: its initials ("FDA" for
    "Food and Drug Administration"), or, for initials, the name they stand for."""
    mine = [w for w in stems(tokens(name)) if w not in _GLUE]
    return (len(mine) > 1 and "".join(w[0] for w in mine) in words
            or len(mine) == 1 and name.isupper() and mine[0] in words)


def shortens(short: str, name: str, label: str = "PERSON") -> bool:
    """Whether news would write `name` as `short`: a person by their last name or names ("Alvarez" for
    "Maria Alvarez"), an organisation by its initials ("HF" for "Harbor Foods"). (An organisation by
    its last word was tried here: it made "Board" of "Acme's board" "Acme Board". The short answer
    takes one only where its article never writes the word in lower case: extractive._longer.)"""
    if label == "PERSON":  # not "No Alvarez" (a span the small model ran in from "No") for "Alvarez"
        return name.endswith(" " + short) and not STOPWORDS.intersection(w.lower() for w in name[: -len(short)].split())
    return short.isupper() and len(short) > 1 and by_initials(frozenset({short.lower()}), name)


def full_name(short: str, text: str, ann: dict[str, list]) -> str:
    """A person named by surname ("Lund") as a passage (its `text` and annotation) names them in full,
    if it names just one such person."""
    full = {capitalised_name(without_possessive(text[a:b].strip())) for a, b, label, _ in ann.get("e", [])
            if label == "PERSON"}
    found = [name for name in full if shortens(short, name)]
    return found[0] if len(found) == 1 else short


def by_other_form(words: frozenset[str] | set[str], name: str, label: str) -> bool:
    """Whether `words` (name_words of a text) hold a country or nationality `name` by its other form:
    "Switzerland" where a text says "the Swiss central bank", and the reverse (demonyms.py). Any
    label but a person's: the small model calls some countries organisations ("Slovakia's prime
    minister"); a name that is no country or people has no other form."""
    return label != "PERSON" and any(set(stems(tokens(f))) <= words for f in other_forms(name))


def mentions(words: frozenset[str] | set[str], name: str, label: str) -> bool:
    """Whether `words` (name_words of a text) hold `name`: all its words, its initials (or the last
    letters of an acronym: a name given without its qualifier), one of a person's names, or all but
    one word of a name of three or more."""
    every = stems(tokens(name))
    mine = [w for w in every if w not in _GLUE]
    if not mine or set(mine) <= words:
        return True
    if by_initials(words, name) or len(mine) > 1 and "".join(w[0] for w in every if w != "the") in words:
        return True  # "FDA"; or with "of" and "and" counted: "DOJ" for "Department of Justice"
    if len(mine) > 1 and "~" + "".join(w[0] for w in mine) in words:
        return True  # "the Security Council" in "UNSC", "the General Assembly" in "UNGA"
    if label == "PERSON" and set(mine) & words:
        return True  # "Trump"; "Kim" (a Korean name puts the family name first)
    if by_other_form(words, name, label):
        return True
    return len(mine) >= 3 and sum(w in words for w in mine) >= len(mine) - 1


def not_a_name(text: str, a: int, b: int) -> bool:
    """Whether the model's PERSON span at [a, b) of `text` is no name: a word in lower case
    ("marijuana"), or a short title cut off at its period before the name ("Sgt" of "Sgt. Tom Reed")."""
    return text[a:b].islower() or bool(re.fullmatch(r"[A-Z][a-z]{0,3}", text[a:b]) and re.match(r"\. [A-Z]", text[b:]))


def written_whole(needle: str, text: str) -> bool:
    """Whether `needle` stands in `text` with no letter, digit, "_" or "." touching it on either side. A
    plain search, not a pattern: one compiled for each candidate answer was ~15 compilations a
    question, and pushed the fixed patterns out of `re`'s cache."""
    i = text.find(needle)
    while i >= 0:
        j = i + len(needle)
        if not (i and _joins(text[i - 1])) and not (j < len(text) and _joins(text[j])):
            return True
        i = text.find(needle, i + 1)
    return False


def _joins(c: str) -> bool:
    return c.isalnum() or c in "_."
