"""The judges' shared result type and interface."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Verdict:
    """A judge's decision on one claim.

    Attributes:
        supported: True/False, or None when the judge itself failed (never scored as 0 or 1).
        reason: Why, in one line; on a failure, the error.
        evidence: The passage text the decision rests on ("" when there is none).
    """

    supported: bool | None
    reason: str
    evidence: str = ""

    @property
    def failed(self) -> bool:
        """True when the judge could not decide."""
        return self.supported is None


class Judge(Protocol):
    """Anything that decides whether `claim` is supported by `passages`."""

    name: str

    def __call__(self, claim: str, passages: Sequence[str]) -> Verdict:
        """Judge one claim against the passages it cites."""
        ...


@dataclass(frozen=True)
class Grade:
    """A graded verdict on an answer as a whole: `value` in [0, 1], or None when the judge failed."""

    value: float | None
    reason: str
