"""The BM25 side of retrieval: a bm25s index over every chunk, built once per index version, saved
under the data folder and memory-mapped by the next process, so a query never rebuilds it.

It holds chunk ids only; the few hits' text is read from Chroma. (llama-index's BM25Retriever keeps
a JSON dump of every node, which made it the largest memory cost of a query process: about 34 KB a
chunk.) The ranking is the one BM25Retriever gives: English stopwords, the Snowball stemmer and
its token pattern."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from .imports import standing_in

log = logging.getLogger(__name__)

# Bump when what is saved changes (2: the type lexicon beside the index; 3: the chunk ids as a
# memory-mapped array, not a JSON list every process loads whole: ~100 MB of strings at 1M chunks;
# 4: what the corpus calls each name and phrase, kinds.json).
FORMAT = 4
IDS_FILE = "ids.npy"
TOKEN_PATTERN = r"(?u)\b\w\w+\b"  # BM25Retriever's default
CSC_BACKEND = "numpy"  # the same index scipy's backend builds (a test compares rankings), without scipy


@lru_cache(maxsize=1)
def _bm25s() -> Any:
    """`import bm25s`, without letting it import scipy.sparse (0.17 s of every answering process's
    start here): bm25s uses scipy only to build, and builds as well with numpy (CSC_BACKEND).
    A process that already imported scipy keeps it."""
    with standing_in({"scipy.sparse": None}):
        import bm25s
    # bm25s sets its own logger to DEBUG on import, which would print on every build.
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return bm25s


def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def build(contents: list[str]) -> Any:
    """A bm25s index over `contents` (one string per chunk, in chunk-id order)."""
    bm25s = _bm25s()
    tokens = bm25s.tokenize(contents, stopwords="english", stemmer=_stemmer(), token_pattern=TOKEN_PATTERN,
                            show_progress=False)
    index = bm25s.BM25(csc_backend=CSC_BACKEND)
    index.index(tokens, show_progress=False)
    return index


def load(path: Path, n_chunks: int) -> tuple[Any, Any] | None:
    """(index, chunk ids) saved at `path` for an index of `n_chunks`, or None (absent, partial,
    unreadable). Both memory-mapped: pages are read as questions touch them, and processes on one
    machine share them."""
    import numpy as np

    bm25s = _bm25s()
    try:
        ids = np.load(path / IDS_FILE, mmap_mode="r", allow_pickle=False)
        if ids.ndim != 1 or len(ids) != n_chunks:
            return None
        return bm25s.BM25.load(str(path), mmap=True), ids
    except (OSError, ValueError, KeyError, EOFError):
        return None


def _ids_array(ids: list[str]) -> Any:
    """Chunk ids as fixed-width UTF-8 bytes, the form np.load can memory-map."""
    import numpy as np

    encoded = [i.encode("utf-8") for i in ids]
    return np.array(encoded, dtype=f"S{max(map(len, encoded), default=1)}")


def save(path: Path, index: Any, ids: list[str], extras: dict[str, Any] | None = None) -> None:
    """Save atomically (a temp folder renamed into place), with `extras` as JSON files beside the
    index, and drop other versions' folders of the same collection. Best effort: a read-only data
    folder only costs the next process a rebuild."""
    import numpy as np

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}-{threading.get_ident()}")
    try:
        index.save(str(tmp), show_progress=False)
        for name, value in (extras or {}).items():
            (tmp / name).write_text(json.dumps(value), encoding="utf-8")
        np.save(tmp / IDS_FILE, _ids_array(ids), allow_pickle=False)  # last: marks a complete save
        tmp.rename(path)
    except OSError as e:
        log.debug("BM25 index not saved to %s: %s", path, e)
        shutil.rmtree(tmp, ignore_errors=True)
        return
    collection = path.name.rsplit("-", 2)[0]
    stale = re.compile(rf"{re.escape(collection)}-[0-9a-f]{{16}}-v\d+")
    for old in path.parent.iterdir():
        if old != path and stale.fullmatch(old.name):
            shutil.rmtree(old, ignore_errors=True)


class BM25Search:
    """Ranked chunk ids for a question, from a built or loaded index."""

    def __init__(self, index: Any, ids: Any) -> None:
        self.index = index
        self.ids = ids  # a list of str, or the saved bytes array
        self._stemmer = _stemmer()

    def idf(self, stem: str) -> float:
        """How rare a stemmed word is across the passages (BM25's idf; unseen words count as rarest)."""
        import math

        scores = self.index.scores
        n = int(scores["num_docs"])
        i = self.index.vocab_dict.get(stem)
        df = 0 if i is None else int(scores["indptr"][i + 1] - scores["indptr"][i])
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def search(self, question: str, k: int) -> list[tuple[str, float]]:
        """The `k` best (chunk id, BM25 score) pairs, best first."""
        import numpy as np

        bm25s = _bm25s()
        k = min(k, len(self.ids))
        if k < 1:
            return []
        q = bm25s.tokenize(question, stemmer=self._stemmer, token_pattern=TOKEN_PATTERN, show_progress=False)
        found, scores = self.index.retrieve(q, k=k, show_progress=False)
        return [(self._id(i), float(s)) for i, s in zip(np.asarray(found[0]).tolist(), np.asarray(scores[0]).tolist())]

    def _id(self, i: int) -> str:
        cid = self.ids[i]
        return cid.decode("utf-8") if isinstance(cid, bytes) else str(cid)
