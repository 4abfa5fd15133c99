"""The gold question set: one typed row per question, read from `evals/gold.jsonl`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

GOLD_PATH = Path(__file__).with_name("gold.jsonl")
GOLD_TYPES = ("fact", "multi", "conflict", "unanswerable")


@dataclass(frozen=True)
class GoldItem:
    """One gold question.

    Attributes:
        id: Unique id, e.g. "fact-03".
        question: The question as a reader would ask it.
        answer: The gold answer; None when the corpus does not hold one.
        sources: Corpus file names that hold the answer (both sides for a conflict).
        type: One of GOLD_TYPES.
        key_facts: Short strings a correct answer must contain.
    """

    id: str
    question: str
    answer: str | None
    sources: tuple[str, ...]
    type: str
    key_facts: tuple[str, ...] = ()

    @property
    def answerable(self) -> bool:
        """False for questions the corpus cannot answer."""
        return self.type != "unanswerable"

    @classmethod
    def from_dict(cls, row: dict[str, object]) -> GoldItem:
        """Build from one parsed JSONL row; raises ValueError on an unknown type."""
        if row.get("type") not in GOLD_TYPES:
            raise ValueError(f"gold row {row.get('id')!r}: type must be one of {GOLD_TYPES}, got {row.get('type')!r}")
        return cls(
            id=str(row["id"]),
            question=str(row["question"]),
            answer=None if row.get("answer") is None else str(row["answer"]),
            sources=tuple(str(s) for s in row.get("sources") or ()),  # type: ignore[union-attr]
            type=str(row["type"]),
            key_facts=tuple(str(k) for k in row.get("key_facts") or ()),  # type: ignore[union-attr]
        )


def load_gold(path: Path | str = GOLD_PATH) -> list[GoldItem]:
    """Read a gold JSONL file (blank lines skipped)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [GoldItem.from_dict(json.loads(line)) for line in lines if line.strip()]
