"""Names in text, as the word layer sees them: capitalised words after the actor aliases
(`lexicon.ALIASES`) are applied, stemmed, so "Pyongyang's" and "North Korea" are one name."""

from __future__ import annotations

import re
from functools import lru_cache

from ..text import MONTHS, stem
from . import lexicon

_CAPITALISED = re.compile(r"(?<![A-Za-z0-9'])([A-Z][A-Za-z0-9]*)")
# Words that are neither names nor content terms (numbers and dates are checked on their own).
NON_ENTITY = (
    lexicon.STOPWORDS
    | lexicon.NEGATION_CUES
    | lexicon.WEEKDAYS
    | frozenset(MONTHS)
    | frozenset(lexicon.NUMBER_WORDS)
    | frozenset(lexicon.ORDINAL_WORDS)
)


@lru_cache(maxsize=8192)
def apply_aliases(text: str) -> str:
    """`text` with each spelling of an actor rewritten to one token ("Pyongyang" -> "NKOREA").

    Cached: a pure function, and a passage's sentences are aliased for every claim citing it."""
    for pattern, token in lexicon.ALIASES:
        text = re.sub(pattern, token, text)
    return text


def _is_sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \"'(")
    return not before or before[-1] in ".!?:"


def name_stems(text: str, first: bool = False) -> frozenset[str]:
    """Stems of the capitalised words of `text` (aliases applied first: "Pyongyang" is "nkorea"),
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
            # "Tensions rose" is not a name; "Jenny Town said", "Japan's envoy" and "NKOREA" are.
            next_is_name = i + 1 < len(matches) and matches[i + 1].start() == m.end() + 1
            possessive = aliased.startswith("'s", m.end())
            if not (next_is_name or possessive or any(ch.isupper() for ch in word[1:])):
                continue
        out.add(stem(low))
    return frozenset(out)
