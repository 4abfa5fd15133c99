"""The offline judge's spaCy parses: each text parsed once, the entity recogniser run only on the
parses a check needs it for."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any


class Parses:
    """spaCy parses, each text parsed once (an answer's sentences often cite the same passage): a
    bounded cache owned by one judge, safe across threads. Evidence sentences are parsed without
    the entity recogniser, which `entities` runs on one when a check needs it.

    Args:
        model: The spaCy pipeline (`rag.nlp.load`'s name); None for the default.
        size: Most parses kept.
    """

    def __init__(self, model: str | None = None, size: int = 1024) -> None:
        self.model = model
        self.size = size
        self._docs: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.RLock()

    def _nlp(self) -> Any:
        from ..nlp import DEFAULT_MODEL, load

        return load(self.model or DEFAULT_MODEL)

    def __call__(self, texts: Sequence[str], entities: bool = False) -> list[Any]:
        """The parses of `texts`, those not parsed yet parsed together in one `nlp.pipe` batch."""
        with self._lock:
            todo = [t for t in dict.fromkeys(texts) if t not in self._docs]
            if todo:
                disable = [] if entities else ["ner"]
                for text, doc in zip(todo, self._nlp().pipe(todo, disable=disable)):
                    doc.user_data["entities"] = entities
                    self._docs[text] = doc
            docs = [self._docs[t] for t in texts]
            for t, doc in zip(texts, docs):
                self._docs.move_to_end(t)
                if entities:
                    self.entities(doc)
            while len(self._docs) > self.size:
                self._docs.popitem(last=False)
            return docs

    def __len__(self) -> int:
        """How many parses the cache holds."""
        return len(self._docs)

    def entities(self, doc: Any) -> None:
        """Run the entity recogniser on a parse made without it (once)."""
        with self._lock:
            if not doc.user_data.get("entities"):
                self._nlp().get_pipe("ner")(doc)
                doc.user_data["entities"] = True
