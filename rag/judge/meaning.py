"""Whether a reworded clause says what its evidence says: the cosine of their embeddings, by the
embedding model retrieval uses (all-MiniLM-L6-v2; `rag.embed`). Used only for a clause whose words
the other checks found in order but too few of (offline.py, step 5): the facts are checked word by
word, the rewording by meaning."""

from __future__ import annotations

import logging
from collections.abc import Callable

from ..text import normalise, strip_markers

log = logging.getLogger(__name__)

# Cosine from which a reworded clause is close enough in meaning to its run of sentences. On the
# labelled, development and five blind sets, the 12 clauses flagged only for their share of words:
# 9 supported ones at 0.594-0.855 (6 of them at 0.75 or more), 3 unsupported ones at 0.596, 0.602
# and 0.709 (bench/RESULTS.md, issue 13). Chosen on sets already opened: a new blind round tests it.
CLOSE_IN_MEANING = 0.75

Encoder = Callable[[list[str]], list[list[float]]]  # texts -> unit vectors


def _default_encoder() -> Encoder:
    """The process's question-side embedder for the configured model (shared with retrieval)."""
    from ..config import get_settings
    from ..engine import engine_for

    return engine_for(get_settings()).embedder.encode


class Meaning:
    """Closeness in meaning. `encoder`: None, the configured embedding model, loaded on first use;
    False, none (nothing is ever close)."""

    def __init__(self, encoder: Encoder | None | bool = None) -> None:
        self.encoder = encoder

    def close(self, claim: str, evidence: str) -> float | None:
        """The cosine of the two texts' embeddings if it reaches CLOSE_IN_MEANING, else None (also
        when no embedding model can be loaded)."""
        if self.encoder is False:
            return None
        try:
            if self.encoder is None:
                self.encoder = _default_encoder()
            a, b = self.encoder([normalise(strip_markers(claim)), evidence])  # type: ignore[operator]
        except Exception as e:  # noqa: BLE001 - a missing or broken model costs this check, not the verdict
            log.warning("the judge cannot compare meanings (%s); only words are checked", e)
            self.encoder = False
            return None
        cos = sum(x * y for x, y in zip(a, b))
        return cos if cos >= CLOSE_IN_MEANING else None
