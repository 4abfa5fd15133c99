"""One story counted once: near-duplicate articles (wire copy on several sites, a story re-posted
under a new headline or trimmed) grouped at index time with MinHash and LSH (datasketch).

Each article's MinHash signature is kept in its docs record, so a new article joins an existing
group without the others being read again. A group is named after its first member and that
member's version ("a.txt@1f2e3d4c"), so a founder that is rewritten into another story does not
drag its old group along."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable

import numpy as np

NUM_PERM = 64  # signature size: 512 bytes a record; Jaccard estimates within about +-0.06
SHINGLE = 5  # words per shingle: long enough that shared phrases of news style do not count
# Measured on rtqa-2022 (bench/RESULTS.md): true re-posts and trimmed copies score 0.55 and up,
# different stories on one topic (two reports of one hearing) 0.25 and below.
THRESHOLD = 0.5
SCHEME = "affine32"  # named, so stored signatures read back the same way under a later datasketch
_WORD = re.compile(r"\w+")


def signature(text: str):
    """The MinHash of a text's word 5-shingles (lower-cased)."""
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    m.update_batch([s.encode() for s in _shingles(text)])
    return m


def dumps(m) -> str:
    """A signature as text, for a Chroma metadata value."""
    return base64.b64encode(np.asarray(m.hashvalues, dtype=np.uint64).tobytes()).decode("ascii")


def loads(text: str):
    """A signature from `dumps`; None for a missing or damaged value (the article then starts
    its own group, as before dedup was known)."""
    from datasketch import MinHash

    try:
        values = np.frombuffer(base64.b64decode(text), dtype=np.uint64)
    except (ValueError, TypeError):
        return None
    if len(values) != NUM_PERM:
        return None
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, hashvalues=values)


class Grouper:
    """Assigns groups: known articles first (`add`), then new ones (`assign`), each joining the
    group of its most similar known article at or above the threshold."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._known: dict[str, tuple[object, str]] = {}  # source -> (signature, group)

    def add(self, source: str, m, group: str) -> None:
        if m is None or source in self._known:
            return
        self._lsh.insert(source, m)
        self._known[source] = (m, group)

    def assign(self, source: str, version: str, m) -> str:
        """The group for a new (or changed) article, which is then known too."""
        best, best_j = None, self.threshold
        for other in self._lsh.query(m):
            sig, group = self._known[other]
            j = m.jaccard(sig)
            if j >= best_j and other != source:
                best, best_j = group, j
        group = best or f"{source}@{version[:8]}"
        self.add(source, m, group)
        return group


def group_articles(new: Iterable[tuple[str, str, str]], known: Iterable[tuple[str, str, str]]) -> dict[str, tuple[str, str]]:
    """Groups for new articles. `new`: (source, version, text); `known`: (source, signature text,
    group) of the indexed articles that stay. Returns source -> (group, signature text)."""
    grouper = Grouper()
    for source, sig, group in known:
        grouper.add(source, loads(sig) if sig else None, group)
    out = {}
    for source, version, text in new:
        m = signature(text)
        out[source] = (grouper.assign(source, version, m), dumps(m))
    return out


def _shingles(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}


CARRIES = 0.5  # share of a passage's shingles an article must hold to be said to carry it


def carries(article: str, passage: str) -> bool:
    """Whether an article carries a passage: most of the passage's word 5-shingles are in it (a
    copy with a new headline or a trimmed sentence still does; one that dropped it does not)."""
    want = _shingles(passage)
    return bool(want) and len(want & _shingles(article)) >= CARRIES * len(want)
