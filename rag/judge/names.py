"""Names in text, as the word layer sees them: capitalised words after an actor's other names are
rewritten to one token (`aliases`), stemmed, so "Pyongyang's" and "North Korea" are one name."""

from __future__ import annotations

import re

from ..text import MONTHS, stem
from . import aliases, lexicon
from .facts import us_spelling

# Not after a letter, nor after an apostrophe that follows one ("O'Brien"); after an opening quote it is ("'Top Gun'").
_CAPITALISED = re.compile(r"(?<![A-Za-z0-9])(?<![A-Za-z0-9]')([A-Z][A-Za-z0-9]*)")
# Words that are neither names nor content terms (numbers and dates are checked on their own).
NON_ENTITY = (
    lexicon.STOPWORDS
    | lexicon.NEGATION_CUES
    | lexicon.WEEKDAYS
    | frozenset(MONTHS)
    | frozenset(lexicon.NUMBER_WORDS)
    | frozenset(lexicon.ORDINAL_WORDS)
)


def apply_aliases(text: str) -> str:
    """`text` with each of an actor's names rewritten to one token ("Pyongyang" -> "NorthKorea")."""
    return aliases.rewrite(text)


def _is_sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \"'(")
    return not before or before[-1] in ".!?:"


def name_stems(text: str, first: bool = False) -> frozenset[str]:
    """Stems of the capitalised words of `text` (aliases applied first: "Pyongyang" is "northkorea"),
    skipping a sentence's first word unless it looks like a name (or `first`: `text` is a name)."""
    aliased = apply_aliases(text)
    out: set[str] = set()
    matches = list(_CAPITALISED.finditer(aliased))
    for i, m in enumerate(matches):
        word = m.group(1)
        low = word.lower()
        if len(word) < 2 or low in NON_ENTITY:
            continue
        if not first and _is_sentence_start(aliased, m.start()):
            # "Tensions rose" is not a name; "Jenny Town said", "Canada's envoy" and "NorthKorea" are.
            next_is_name = i + 1 < len(matches) and matches[i + 1].start() == m.end() + 1
            possessive = aliased.startswith("'s", m.end())
            if not (next_is_name or possessive or any(ch.isupper() for ch in word[1:])):
                continue
        out.add(stem(us_spelling(low)))
    return frozenset(out)


_RUN = re.compile(r"[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*)*")


def name_runs(text: str) -> frozenset[tuple[str, ...]]:
    """The runs of capitalised words of `text`, each word's hyphenated parts title-cased ("Jong-un"
    -> "Jong", "Un"; "UN" stays), split at words that are no names ("The", "In") and possessives."""
    out = set()
    for m in _RUN.finditer(text):
        run: list[str] = []
        for word in [*m.group().split(" "), ""]:
            bare = re.sub(r"(?:'s|’s|['’.])$", "", word)
            if bare and bare.lower() not in NON_ENTITY:
                # "Jong-un" is "Jong Un" written otherwise; "Thomas-Greenfield" and "Trump-Kim" are one word
                parts = bare.split("-")
                run += [p if p.isupper() else p.capitalize() for p in parts if p] if any(
                    p[:1].islower() for p in parts) else [bare]
            if run and (not bare or bare.lower() in NON_ENTITY or bare != word):
                out.add(tuple(run))
                run = []
    return frozenset(out)


def same_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two runs of name words can name one person, place or body: one is a stretch of the
    other ("Kim" and "Sung Kim"; "Sandy Hook" and "Sandy Hook Elementary School"), or they end alike
    in two words ("Ambassador Linda Thomas-Greenfield" and "UN Linda Thomas-Greenfield"); never
    "Kim Yo Jong" and "Kim Jong Un"; or one leaves out the other's middle name ("Ana Ruiz" and "Ana
    Maria Ruiz"). Words compare by stem: "Motion Pictures Arts" is "Motion Picture Arts"."""
    short, long = sorted((_stemmed(a), _stemmed(b)), key=len)
    if any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1)):
        return True
    middle = len(short) == 2 and len(long) == 3 and (short[0], short[1]) == (long[0], long[2])
    return middle or len(short) >= 2 and short[-2:] == long[-2:]


def _stemmed(run: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(stem(w.lower()) for w in run)


def one_name(a: str, b: str) -> bool:
    """Whether two phrases' names can be one person's or body's: "Kim" and "Kim Jong Un" can, "Kim
    Yo Jong" and "Kim Jong Un" cannot (a phrase with no name of two words agrees with any)."""
    ours = [r for r in name_runs(apply_aliases(a)) if len(r) > 1]
    theirs = [r for r in name_runs(apply_aliases(b)) if len(r) > 1]
    return not (ours and theirs) or any(same_name(x, y) for x in ours for y in theirs)


def name_in(name: str, stems: frozenset[str], names: frozenset[str]) -> bool:
    """Whether evidence with these word `stems` and name stems `names` has the name stem `name`.
    The evidence may be more specific ("Kim" in "Kim Jong Un", "Korea" in "SouthKorea") or
    inflected ("Koreans" vs "Korean"), never less specific ("Kim Yo Jong" vs "Kim")."""
    if name in stems or name in names:
        return True
    return any(
        (len(name) >= 2 and n.startswith(name))
        or (len(name) >= 3 and name in n)
        or (name.startswith(n) and len(name) - len(n) <= 3 and len(n) >= 4)
        for n in names
    )


def other_people(claim: frozenset[tuple[str, ...]], evidence: frozenset[tuple[str, ...]]) -> list[str]:
    """The claim's names of two or more words (`name_runs`) that the evidence gives another
    ending: "Kim Yo Jong" where it has only "Kim Jong Un", "Hunter Biden" where only "Joe Biden".
    A name agrees when the two end alike in two words, or in all of the shorter (`same_name`), so
    a title before it ("Ambassador Linda Thomas-Greenfield") or a given name left out does not count."""
    return [
        " ".join(r) for r in sorted(claim)
        if len(r) > 1 and any(r[-1] in p for p in evidence) and not any(same_name(r, p) for p in evidence)
    ]
