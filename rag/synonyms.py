"""Words of like meaning: a question's "purchased" is held by a sentence that says "bought", its
"largest" by one that says "biggest". The reader's evidence counts the question's words a sentence
holds (evidence.py); news tells the same story in other words than a quiz question asks it.

Each word is embedded alone by the index's own model, and a question word counts as held where the
sentence holds a word within `weights.SYNONYM` cosine of it (the evidence scorer then counts its
stem as present). The model also puts a word's opposite of the same topic close ("sold" for
"purchased"): evidence measures which sentences speak of the question, and such a sentence does;
whether it says what was asked is the reader's other checks' call. Only lower-case words take
part: names are matched as they are ("Ruiz" is not "Alvarez", however close the model puts them).

The vectors are kept in one table per embedding model under the data folder: `rag index` adds the
words of the articles it embeds (about 17 s for rtqa-2022's 23,000 words on this machine), so a
question embeds only its own words the corpus never used. A process that finds a word missing
(an index built before this table) embeds it then and keeps it for its lifetime.

(No library does this here: spaCy's small pipeline has no word vectors, and its larger ones would
add 40-600 MB for what the embedding model already knows.)"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .evidence import tokens
from .weights import SYNONYM

log = logging.getLogger(__name__)

BATCH = 512  # words per call into the model
WORDS, VECTORS = "words.txt", "vectors.npy"
MIN_LETTERS = 3  # shorter words ("us", "tv") are too often another word's abbreviation


def vocabulary(texts: Iterable[str]) -> dict[str, str]:
    """The lower-case words of `texts`, each with its stem as evidence.tokens stems it ("bought":
    "bought", "purchased": "purchas"). The model is asked about the words themselves: a stem is
    often no word it knows ("purchas" lies at 0.10 of "bought", "purchase" at 0.79)."""
    out: dict[str, str] = {}
    for text in texts:
        stemmed, spans = tokens(text)
        for stem, (a, b) in zip(stemmed, spans):
            word = text[a:b]
            if word[:1].islower() and len(word) >= MIN_LETTERS and word.isalpha():
                out[word] = stem
    return out


def every_word(store: Any, page: int = 500) -> dict[str, str]:
    """The vocabulary of every article in `store` (rag.store.Store), read `page` articles at a time."""
    ids, found = store.docs.get(include=[])["ids"], {}
    for i in range(0, len(ids), page):
        got = store.docs.get(ids=ids[i : i + page], include=["documents", "metadatas"])
        texts = zip(got["documents"], got["metadatas"])
        found.update(vocabulary(f"{(m or {}).get('title', '')}\n{d or ''}" for d, m in texts))
    return found


def table_path(data_dir: Path, model: str) -> Path:
    """The folder of the word table of embedding model `model`."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model).strip("_") or "model"
    return data_dir / "words" / slug


class WordVectors:
    """Unit vectors (float16) of single words by `embedder` (rag.embed.Embedder), kept in the folder
    `path`: the words one per line in WORDS, their vectors in VECTORS, memory-mapped (processes on
    one machine share the pages, and a large corpus's table is not read whole). Words embedded
    after loading are kept beside it in memory until `save`."""

    def __init__(self, embedder: Any, path: Path | None) -> None:
        self.embedder = embedder
        self.path = path
        self._index: dict[str, int] | None = None  # word -> row of the saved table
        self._table: Any = None
        self._extra: dict[str, Any] = {}  # word -> vector, embedded by this process
        self._lock = threading.Lock()

    @property
    def saved(self) -> bool:
        """Whether a table is saved at `path`."""
        return self.path is not None and (self.path / VECTORS).exists()

    def _load(self) -> None:
        import numpy as np

        self._index = {}
        if not self.saved:
            return
        try:
            words = (self.path / WORDS).read_text(encoding="utf-8").split("\n")
            table = np.load(self.path / VECTORS, mmap_mode="r", allow_pickle=False)
        except (OSError, ValueError) as e:  # a damaged table is rebuilt, word by word
            log.warning("word table %s unreadable (%s); words are embedded again as needed", self.path, e)
            return
        if table.ndim == 2 and len(words) == len(table):  # else half written over: rebuilt
            self._index, self._table = {w: i for i, w in enumerate(words)}, table

    def add(self, words: Iterable[str]) -> int:
        """Embed the words not yet in the table; how many were new."""
        import numpy as np

        with self._lock:
            if self._index is None:
                self._load()
            new = sorted(set(words) - self._index.keys() - self._extra.keys())  # type: ignore[union-attr]
            for i in range(0, len(new), BATCH):
                batch = new[i : i + BATCH]
                vectors = np.asarray(self.embedder._encode_query_side(batch), dtype=np.float32)
                vectors /= np.linalg.norm(vectors, axis=1, keepdims=True).clip(1e-9)
                self._extra.update(zip(batch, vectors.astype(np.float16)))
            return len(new)

    def _rows(self, words: list[str]) -> Any:
        """The vectors of `words` (every one added), as float32 rows."""
        import numpy as np

        index = self._index or {}
        if all(w in index for w in words):  # the usual case: one gather from the mapped table
            return np.asarray(self._table[[index[w] for w in words]], dtype=np.float32)
        rows = np.array([self._extra[w] if w in self._extra else self._table[index[w]] for w in words])
        return rows.astype(np.float32)

    def save(self) -> None:
        """Write the table with this process's words (the vectors first, each file whole: a reader that
        finds the two files disagree in length embeds its words again)."""
        import numpy as np

        if self.path is None or self._index is None or not self._extra:
            return
        with self._lock:
            words = sorted(self._index, key=self._index.get) + list(self._extra)
            vectors = self._rows(words).astype(np.float16)
            self.path.mkdir(parents=True, exist_ok=True)
            for name, write in ((VECTORS, lambda f: np.save(f, vectors)),
                                (WORDS, lambda f: f.write("\n".join(words).encode("utf-8")))):
                tmp = self.path / f"{name}.{os.getpid()}.tmp"
                with open(tmp, "wb") as f:
                    write(f)
                os.replace(tmp, self.path / name)
            self._index, self._table, self._extra = None, None, {}

    def similar(self, asked: dict[str, str], held: dict[str, str]) -> dict[str, set[str]]:
        """For each stem of `asked`'s words (word -> stem, as `vocabulary` gives), the stems of `held`'s
        words within SYNONYM cosine of one of its words (its own stem aside)."""
        import numpy as np

        held_words, asked_words = sorted(held), sorted(asked)
        if not held_words or not asked_words:
            return {}
        self.add([*asked_words, *held_words])
        with self._lock:
            near, own = self._rows(held_words), self._rows(asked_words)
        out: dict[str, set[str]] = {}
        for word, row in zip(asked_words, own @ near.T):
            found = {held[held_words[i]] for i in np.flatnonzero(row >= SYNONYM)} - {asked[word]}
            if found:
                out.setdefault(asked[word], set()).update(found)
        return out
