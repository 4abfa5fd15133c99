"""What a metric returns, and the answer facts every metric module reads."""

from __future__ import annotations

from dataclasses import dataclass

from rag import REFUSAL, Answer, Verdict, normalise, strip_markers


@dataclass(frozen=True)
class ClaimVerdict:
    """One answer sentence, the markers it carries, and the judge's verdict on it."""

    claim: str
    markers: tuple[int, ...]
    verdict: Verdict


@dataclass(frozen=True)
class MetricResult:
    """A metric's value (None = not applicable) and a one-line reason a person can read.

    `claims` is filled by faithfulness only: the per-sentence verdicts behind the value.
    """

    value: float | None
    reason: str
    claims: tuple[ClaimVerdict, ...] = ()


def is_abstention(answer: Answer) -> bool:
    """True when the answer declines: flagged as such, or its text is the refusal sentence."""
    return answer.abstained or normalise(strip_markers(answer.answer)) == REFUSAL
