"""Claim-level faithfulness judges behind one interface: `judge(claim, passages) -> Verdict`.

`OfflineJudge` (default) is deterministic and needs no model; `LLMJudge` asks any
OpenAI-compatible endpoint. A Verdict with `supported=None` is a judge failure.
"""

from __future__ import annotations

from evals.llm_judge import LLMJudge, parse_grade, parse_verdict
from evals.offline_judge import OfflineJudge
from evals.verdict import Grade, Judge, Verdict

__all__ = ["Grade", "Judge", "LLMJudge", "OfflineJudge", "Verdict", "make_judge", "parse_grade", "parse_verdict"]


def make_judge(
    kind: str = "offline",
    *,
    base_url: str | None = None,
    api_key: str | None = None,
    model: str = "gpt-4o-mini",
    timeout: float = 30.0,
) -> Judge:
    """Build a judge by name ("offline" or "llm"); the endpoint settings apply to "llm" only."""
    if kind == "offline":
        return OfflineJudge()
    if kind == "llm":
        if not base_url and not api_key:
            raise ValueError("the llm judge needs an OpenAI-compatible endpoint (base_url and/or api_key)")
        return LLMJudge(base_url=base_url, api_key=api_key, model=model, timeout=timeout)
    raise ValueError(f"unknown judge {kind!r}: use 'offline' or 'llm'")
