"""An Entry: one article a file holds, known by its id and version before it is read in full, so
the indexer can pass over an unchanged one without cleaning it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..corpus import Article


@dataclass(frozen=True)
class Entry:
    source: str  # the article's stable id
    sha256: str  # its version: the file's bytes, or a dump row's
    file: str  # the file it lives in, relative to the corpus folder
    line: int | None  # its line, for a dump row
    read: Callable[[], Article]  # the article; raises ValueError (the reason) or OSError

    @property
    def where(self) -> str:
        return f"{self.file} line {self.line}" if self.line else self.file
