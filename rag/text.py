"""Small text utilities shared by the answerers and the abstention check."""

from __future__ import annotations

import re
from functools import lru_cache

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours out over
    own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours according article articles say said says tell told
    report reported reports mention mentioned state stated describe described happen happened
    news did does do mr ms""".split()
)
WH_WORDS = frozenset("what who whom whose when where why which how".split())

# Ends at . ! ? (and a closing quote), but not after initials and titles: "U.S. State", "Mr. Kim".
_SENT_SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)\]]))(?<![A-Z]\.[A-Z]\.)(?<!\b[A-Z]\.)(?<!Mr\.)(?<!Ms\.)(?<!Dr\.)\s+(?=[\"“‘(\[]?[A-Z0-9])|\n+")
# Hyphens split words, so "Yo-jong" and "Yo Jong" (two spellings in this corpus) agree.
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]|[A-Za-z]|\d+(?:[.,]\d+)*")
_ALIASES = {"u.s.": "us", "u.s": "us", "u.n.": "un", "u.n": "un", "dprk": "dprk"}


def sentences(text: str) -> list[str]:
    """Split a passage into sentences (and lines: headlines and datelines stand alone)."""
    parts = (p.strip() for p in _SENT_SPLIT.split(text))
    return [p for p in parts if p and re.search(r"[A-Za-z]", p)]


def tokens(text: str) -> list[str]:
    text = re.sub(r"\b([A-Z])\.([A-Z])\.", r"\1\2", text)  # U.S. -> US, U.N. -> UN
    return [t.lower().replace("’", "'").removesuffix("'s") for t in _TOKEN.findall(text)]


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def stems(words: list[str]) -> list[str]:
    return _stemmer().stemWords(words)


def content_terms(text: str) -> list[str]:
    """Stemmed words that carry meaning (no stopwords, no question words)."""
    words = [t for t in tokens(text) if t not in STOPWORDS and t not in WH_WORDS and len(t) > 1]
    return stems(words)


def key_terms(question: str) -> list[str]:
    """Names and numbers in a question: the terms a passage must hold to answer it.

    Capitalised words past the first, acronyms and numbers, stemmed. 'US' and 'U.S.' agree."""
    out = []
    raw = re.sub(r"\b([A-Z])\.([A-Z])\.", r"\1\2", question)
    for i, m in enumerate(_TOKEN.finditer(raw)):
        word = m.group(0)
        lower = word.lower().replace("’", "'").removesuffix("'s")
        if lower in STOPWORDS or lower in WH_WORDS:
            continue
        if word[0].isdigit() or (i > 0 and word[0].isupper()) or (len(word) > 1 and word.isupper()):
            out.append(lower)
    return stems(out)


def coverage(question: str, text: str) -> float:
    """Share of the question's content terms that occur in `text`."""
    q = set(content_terms(question))
    return len(q & set(content_terms(text))) / len(q) if q else 1.0
