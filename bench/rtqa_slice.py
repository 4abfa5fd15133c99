"""A small slice of the rtqa-2022 dev set for CI's eval gate: the first week's questions, and the
articles they name as sources (at most 8 each) with every article of that week and the week before.
Written at run time from ../shared/external/rtqa-2022 into a folder outside the repository (the data
is research data: never copied into the project).

    python -m bench.rtqa_slice OUT_DIR     # writes OUT_DIR/articles.jsonl and OUT_DIR/questions.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "shared" / "external" / "rtqa-2022"
LAST_QUESTION_DAY = "2022-07-01"
ARTICLE_DAYS = ("2022-06-24", "2022-07-02")
SOURCES_PER_QUESTION = 8


def write_slice(out: Path, source: Path = SOURCE) -> tuple[int, int]:
    """Write the slice; returns (questions, articles)."""
    rows = [json.loads(line) for line in (source / "questions.jsonl").read_text(encoding="utf-8").splitlines() if line]
    questions = [q for q in rows if q["question_date"] <= LAST_QUESTION_DAY]
    named = {s for q in questions for s in q["sources"][:SOURCES_PER_QUESTION]}
    articles = []
    for line in (source / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        a = json.loads(line)
        if a["file"] in named or ARTICLE_DAYS[0] <= a["date"] <= ARTICLE_DAYS[1]:
            articles.append(line)
    out.mkdir(parents=True, exist_ok=True)
    (out / "questions.jsonl").write_text("".join(json.dumps(q) + "\n" for q in questions), encoding="utf-8")
    (out / "articles.jsonl").write_text("\n".join(articles) + "\n", encoding="utf-8")
    return len(questions), len(articles)


if __name__ == "__main__":
    if not SOURCE.is_dir():
        print(f"no rtqa-2022 dev set at {SOURCE}: skipped")
        sys.exit(0)
    print("rtqa-2022 slice: %d questions, %d articles" % write_slice(Path(sys.argv[1])))
