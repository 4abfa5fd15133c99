"""Thumbs up/down on answers: one JSON line each in `<data_dir>/feedback.jsonl`, and a way to turn
the thumbs-down ones into candidate gold rows for a person to review.

Many app sessions (threads) and processes may vote at once. Each line goes to the file in a single
`os.write` on an O_APPEND descriptor, under a file lock, so lines never interleave or tear."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .config import Settings

FEEDBACK_FILE = "feedback.jsonl"
VOTES = ("up", "down")


def feedback_path(settings: Settings) -> Path:
    return settings.data_dir / FEEDBACK_FILE


def record_feedback(settings: Settings, record: dict[str, Any]) -> Path:
    """Append `record` (question, answer, citations, backend, vote, ...) as one JSON line.

    A `ts` (UTC, ISO 8601) is added when missing. Returns the file written to.

    Raises:
        ValueError: `vote` is not "up" or "down".
    """
    if record.get("vote") not in VOTES:
        raise ValueError(f"vote must be one of {VOTES}, not {record.get('vote')!r}")
    row = {"ts": datetime.now(timezone.utc).isoformat(timespec="milliseconds"), **record}
    data = (json.dumps(row, ensure_ascii=False, default=str) + "\n").encode("utf-8")
    path = feedback_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)

    from filelock import FileLock

    # O_APPEND alone makes each write land at the end; the lock also covers the rare short write
    # (the loop below), which would otherwise let another writer's line in between the pieces.
    with FileLock(str(path) + ".lock"):
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
    return path


def read_feedback(path: Path | str) -> list[dict[str, Any]]:
    """The rows of a feedback file; unparseable lines (e.g. a hand edit) are skipped."""
    rows = []
    p = Path(path)
    if not p.exists():
        return rows
    for line in p.read_text(encoding="utf-8").splitlines():
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(row, dict):
            rows.append(row)
    return rows


def feedback_to_gold(path: Path | str) -> list[dict[str, Any]]:
    """Candidate gold rows from the thumbs-down answers, for a person to complete and review.

    One row per distinct question (the latest vote wins): the gold answer is left as None for the
    reviewer to write, `sources` lists the files the bad answer cited (a starting point, not
    ground truth), and `bad_answer` keeps what the system said.
    """
    latest: dict[str, dict[str, Any]] = {}
    for row in read_feedback(path):
        question = str(row.get("question") or "").strip()
        if question:
            latest[" ".join(question.lower().split())] = row
    out = []
    for key, row in latest.items():
        if row.get("vote") != "down":
            continue
        cited = [c.get("source") for c in row.get("citations") or [] if isinstance(c, dict)]
        out.append({
            "id": "feedback-" + hashlib.sha256(key.encode()).hexdigest()[:10],
            "question": str(row["question"]).strip(),
            "answer": None,
            "sources": list(dict.fromkeys(s for s in cited if s)),
            "type": "fact",
            "key_facts": [],
            "needs_review": True,
            "bad_answer": row.get("answer"),
            "backend": row.get("backend"),
            "feedback_ts": row.get("ts"),
        })
    return out
