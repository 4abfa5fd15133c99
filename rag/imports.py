"""Importing a library without the parts of it a process that answers never uses (issue 14:
start-up time). One mechanism for spaCy (no torch, no CLI), bm25s (no scipy) and chromadb (its
registry of embedding functions read only when used: rag/store.py)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def standing_in(modules: dict[str, Any]) -> Iterator[None]:
    """While the block imports, each module named here that is not imported yet is replaced:
    by None (an import of it raises ImportError, which the library handles) or by a stub. After,
    each replacement still in place is removed, so a later import gets the real module."""
    placed = {name: value for name, value in modules.items() if name not in sys.modules}
    sys.modules.update(placed)
    try:
        yield
    finally:
        for name, value in placed.items():
            if name in sys.modules and sys.modules[name] is value:
                del sys.modules[name]
