"""The gold question set: one typed row per question, read from `evals/gold.jsonl` or a user's file.

Two row formats are read: ours (id, question, answer, sources, type, key_facts) and rows that say
`answerable` instead of a type and carry a short answer string (id, question, question_date,
answer, answerable, sources), as RealTime QA's do.
"""

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
        question_date: When the question was asked (YYYY-MM-DD), if the row says; "this week" in
            a question means the week of this date.
    """

    id: str
    question: str
    answer: str | None
    sources: tuple[str, ...]
    type: str
    key_facts: tuple[str, ...] = ()
    question_date: str | None = None

    @property
    def answerable(self) -> bool:
        """False for questions the corpus cannot answer."""
        return self.type != "unanswerable"

    @classmethod
    def from_dict(cls, row: dict[str, object]) -> GoldItem:
        """Build from one parsed JSONL row of either format.

        Raises:
            ValueError: The row has an unknown type, or neither a type nor `answerable`.
        """
        kind = row.get("type")
        if kind is None and isinstance(row.get("answerable"), bool):
            kind = "fact" if row["answerable"] else "unanswerable"
        if kind is None:
            raise ValueError(f"gold row {row.get('id')!r}: needs a type (one of {GOLD_TYPES}) or answerable (true/false)")
        if kind not in GOLD_TYPES:
            raise ValueError(f"gold row {row.get('id')!r}: type must be one of {GOLD_TYPES}, got {kind!r}")
        for field in ("id", "question"):
            if not row.get(field):
                raise ValueError(f"gold row {row.get('id')!r}: no {field!r}")
        date = row.get("question_date")
        return cls(
            id=str(row["id"]),
            question=str(row["question"]),
            answer=None if row.get("answer") is None else str(row["answer"]),
            sources=tuple(str(s) for s in row.get("sources") or ()),  # type: ignore[union-attr]
            type=str(kind),
            key_facts=tuple(str(k) for k in row.get("key_facts") or ()),  # type: ignore[union-attr]
            question_date=None if date is None else str(date),
        )


def load_gold(path: Path | str = GOLD_PATH) -> list[GoldItem]:
    """Read a gold JSONL file (blank lines skipped).

    Raises:
        ValueError: A line is not a JSON object or not a gold row; the message names the line.
    """
    items = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not isinstance(row, dict):
                raise ValueError("not a JSON object")
            items.append(GoldItem.from_dict(row))
        except ValueError as e:  # JSONDecodeError is a ValueError
            raise ValueError(f"{path}, line {n}: {e}") from None
    return items
