"""Page furniture found by repetition: a line that recurs, word for word, in many articles of one
outlet ("Read More", a newsletter's section heads, a subscription plea) is the site's template,
not the story. Learnt at index time from the corpus itself, so it carries to sites nobody wrote a
pattern for.

Each article's record keeps the keys of its candidate lines (`lines`) and a fingerprint of those
that were dropped as furniture when it was indexed (`furniture`). When the corpus changes so that
another set of its lines counts as furniture, the fingerprint no longer matches and the article is
cleaned and embedded again; otherwise nothing is re-read."""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

# Measured on rtqa-2022 (bench/RESULTS.md): at 5% of an outlet's stories and at least 5 of them,
# the lines dropped are template lines ("Read More" in 98 of 326 CNN pages, newsletter heads,
# "USA TODAY" bylines); at 3% the state names heading every "News from around our 50 states"
# round-up (14 of 436 USA TODAY pages) went too, and they are content.
MIN_ARTICLES = 5
MIN_SHARE = 0.05
MAX_LINE_CHARS = 300  # longer lines are paragraphs: a template does not repeat one verbatim


def _norm(line: str) -> str:
    return " ".join(line.split()).lower()


def line_key(line: str) -> str:
    return hashlib.blake2b(_norm(line).encode(), digest_size=6).hexdigest()


def line_keys(text: str) -> list[str]:
    """The distinct keys of a text's candidate lines (non-blank, at most MAX_LINE_CHARS)."""
    return sorted({line_key(ln) for ln in text.splitlines() if ln.strip() and len(ln) <= MAX_LINE_CHARS})


def learn(items: Iterable[tuple[str, str, Iterable[str]]]) -> dict[str, set[str]]:
    """Furniture per outlet from (outlet, group, line keys) per article. A line counts once per
    near-duplicate group, so ten copies of one wire story do not make its lines look like a
    template. Articles of no known outlet are counted together."""
    seen: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # outlet -> key -> groups
    groups: dict[str, set[str]] = defaultdict(set)
    for outlet, group, keys in items:
        groups[outlet].add(group)
        for key in keys:
            seen[outlet][key].add(group)
    table = {}
    for outlet, keys in seen.items():
        need = max(MIN_ARTICLES, math.ceil(MIN_SHARE * len(groups[outlet])))
        table[outlet] = {k for k, gs in keys.items() if len(gs) >= need}
    return table


def fingerprint(keys: Iterable[str], furniture: set[str]) -> str:
    """Which of an article's lines are furniture now, as a short string ("" for none)."""
    dropped = sorted(set(keys) & furniture)
    return hashlib.blake2b(" ".join(dropped).encode(), digest_size=6).hexdigest() if dropped else ""


def strip(text: str, furniture: set[str]) -> str:
    """The text without its furniture lines (blank runs collapsed)."""
    if not furniture:
        return text
    kept = [ln for ln in text.splitlines() if not (ln.strip() and len(ln) <= MAX_LINE_CHARS and line_key(ln) in furniture)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def counts(table: dict[str, set[str]]) -> Counter:
    """Furniture lines per outlet, for reports."""
    return Counter({outlet: len(keys) for outlet, keys in table.items()})
