"""How well a judge separates supported from unsupported claims on a labelled set.

Run `python -m evals.judge_accuracy [cases.jsonl]` to print the offline judge's figures
(`evals/judge_cases.jsonl` by default; `evals/judge_dev.jsonl` is the development set).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rag import Judge, Verdict

CASES_PATH = Path(__file__).with_name("judge_cases.jsonl")


@dataclass(frozen=True)
class JudgeCase:
    """One labelled (claim, passage, supported) triple; `change` names the edit made, if any.

    `passage` is the cited passage, or a list of them when the claim cites several."""

    id: str
    claim: str
    passage: str | list[str]
    supported: bool
    change: str = ""
    source: str = ""

    @property
    def passages(self) -> list[str]:
        """The cited passages, as the judge receives them."""
        return [self.passage] if isinstance(self.passage, str) else list(self.passage)


def load_cases(path: Path | str = CASES_PATH) -> list[JudgeCase]:
    """Read a judge-cases JSONL file."""
    rows = (json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip())
    return [JudgeCase(**row) for row in rows]


def _error(case: JudgeCase, verdict: Verdict) -> dict[str, Any]:
    return {
        "id": case.id,
        "change": case.change,
        "claim": case.claim,
        "expected": case.supported,
        "got": verdict.supported,
        "reason": verdict.reason,
        "evidence": verdict.evidence,
    }


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def judge_accuracy(judge: Judge, cases: Sequence[JudgeCase | Mapping[str, Any]]) -> dict[str, Any]:
    """Score `judge` on `cases` (JudgeCase objects or rows of judge_cases.jsonl).

    The positive class is "unsupported": a judge exists to catch unfaithful claims, so
    `precision`/`recall` say how trustworthy and how complete its rejections are. The
    supported class's figures are reported too. Judge failures (verdict None) are listed
    and left out of the confusion matrix rather than guessed.

    Returns:
        {accuracy, precision, recall, supported_precision, supported_recall, n, judged,
        failures, by_change, errors} where `errors` lists each wrong or failed case.
    """
    tp = fp = tn = fn = 0
    failures = 0
    errors: list[dict[str, Any]] = []
    by_change: dict[str, list[int]] = {}
    for raw in cases:
        case = raw if isinstance(raw, JudgeCase) else JudgeCase(**raw)
        try:
            verdict = judge(case.claim, case.passages)
        except Exception as e:  # noqa: BLE001 - a crashing judge is a failure, not a verdict
            verdict = Verdict(None, f"judge failed: {type(e).__name__}: {e}")
        tally = by_change.setdefault(case.change or "?", [0, 0])
        tally[1] += 1
        if verdict.supported is None:
            failures += 1
            errors.append(_error(case, verdict))
            continue
        flagged, truly_bad = not verdict.supported, not case.supported
        tp += flagged and truly_bad
        fp += flagged and not truly_bad
        fn += (not flagged) and truly_bad
        tn += (not flagged) and not truly_bad
        if flagged == truly_bad:
            tally[0] += 1
        else:
            errors.append(_error(case, verdict))
    judged = tp + fp + tn + fn
    return {
        "accuracy": _ratio(tp + tn, judged),
        "precision": _ratio(tp, tp + fp),
        "recall": _ratio(tp, tp + fn),
        "supported_precision": _ratio(tn, tn + fn),
        "supported_recall": _ratio(tn, tn + fp),
        "n": len(cases),
        "judged": judged,
        "failures": failures,
        "by_change": {k: f"{ok}/{total}" for k, (ok, total) in sorted(by_change.items())},
        "errors": errors,
    }


def _print(result: dict[str, Any]) -> None:
    def fmt(v: float | None) -> str:
        return "n/a" if v is None else f"{v:.3f}"

    print(f"n={result['n']} judged={result['judged']} failures={result['failures']}")
    print(f"accuracy={fmt(result['accuracy'])}")
    print(f"unsupported: precision={fmt(result['precision'])} recall={fmt(result['recall'])}")
    print(f"supported:   precision={fmt(result['supported_precision'])} recall={fmt(result['supported_recall'])}")
    print("by change:", ", ".join(f"{k} {v}" for k, v in result["by_change"].items()))
    for e in result["errors"]:
        print(f"  MISS {e['id']} ({e['change']}, expected {e['expected']}): {e['claim']}\n       -> {e['reason']}")


def main(argv: Sequence[str] | None = None) -> int:
    """Print the offline judge's accuracy on a cases file (default: the bundled one)."""
    from rag import OfflineJudge

    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ("-h", "--help"):
        print("usage: python -m evals.judge_accuracy [CASES.jsonl]  (default: the labelled set, evals/judge_cases.jsonl)")
        return 0
    try:
        cases = load_cases(args[0] if args else CASES_PATH)
    except (OSError, ValueError, KeyError) as e:
        print(f"cannot read the cases file: {e}", file=sys.stderr)
        return 2
    _print(judge_accuracy(OfflineJudge(), cases))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
