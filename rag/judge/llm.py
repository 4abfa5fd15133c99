"""The LLM judge: atomic claims and a JSON verdict per claim from any OpenAI-compatible endpoint."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from ..config import Settings
from ..llm import client
from ..prompts import GRADE_SYSTEM, GRADE_USER, JUDGE_PASSAGE, JUDGE_SYSTEM, JUDGE_USER
from ..text import strip_markers
from ..types import Grade, Verdict

_FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$", re.I)
_TRUE = frozenset({"true", "yes", "supported", "entailed", "1"})
_FALSE = frozenset({"false", "no", "unsupported", "not supported", "contradicted", "refuted", "0"})
_GRADE_WORDS = {"correct": 1.0, "partial": 0.5, "partially correct": 0.5, "incorrect": 0.0, "wrong": 0.0}


def _as_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        v = value.strip().lower()
        return True if v in _TRUE else False if v in _FALSE else None
    return None


def _load_json(content: str) -> Any:
    """The JSON in a reply, tolerating code fences and chatter around one object."""
    text = _FENCE.sub("", content.strip())
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        start, end = text.find("{"), text.rfind("}")
        if start == -1 or end <= start:
            raise ValueError("no JSON object in the reply") from None
        return json.loads(text[start : end + 1])


def parse_verdict(content: str) -> Verdict:
    """Turn the model's reply into one Verdict for the sentence (supported iff every claim is).

    Raises:
        ValueError: The reply holds no usable verdict.
    """
    try:
        data = _load_json(content)
    except json.JSONDecodeError as e:
        raise ValueError(f"unparseable JSON: {e}") from None
    if isinstance(data, dict) and isinstance(data.get("claims"), list):
        claims = data["claims"]
    elif isinstance(data, dict) and "supported" in data:
        claims = [data]
    elif isinstance(data, list):
        claims = data
    else:
        raise ValueError("the reply has no 'claims' list")
    if not claims:
        raise ValueError("the reply lists no claims")
    judged: list[tuple[str, bool, str, str]] = []
    for i, item in enumerate(claims, 1):
        if not isinstance(item, dict):
            raise ValueError(f"claim {i} is not an object")
        ok = _as_bool(item.get("supported", item.get("verdict")))
        if ok is None:
            raise ValueError(f"claim {i} has no true/false 'supported'")
        evidence = str(item.get("evidence") or "")
        judged.append((str(item.get("claim", "")), ok, str(item.get("reason", "")), evidence))
    failed = [j for j in judged if not j[1]]
    if failed:
        claim, _, reason, evidence = failed[0]
        more = f" (+{len(failed) - 1} more)" if len(failed) > 1 else ""
        return Verdict(False, f"{len(failed)}/{len(judged)} claims unsupported: '{claim}': {reason}{more}", evidence)
    evidence = " … ".join(dict.fromkeys(j[3] for j in judged if j[3]))
    return Verdict(True, f"all {len(judged)} atomic claims supported", evidence)


def parse_grade(content: str) -> Grade:
    """Turn the model's grading reply into a Grade.

    Raises:
        ValueError: The reply holds no score in [0, 1].
    """
    try:
        data = _load_json(content)
    except json.JSONDecodeError as e:
        raise ValueError(f"unparseable JSON: {e}") from None
    if not isinstance(data, dict):
        raise ValueError("the reply is not a JSON object")
    raw = data.get("score", data.get("grade"))
    if isinstance(raw, str):
        raw = _GRADE_WORDS.get(raw.strip().lower(), raw)
    try:
        value = float(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"no numeric score in the reply: {raw!r}") from None
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"score {value} is outside [0, 1]")
    return Grade(value, str(data.get("reason", "")))


class LLMJudge:
    """Claim-level judge backed by the configured OpenAI-compatible chat endpoint.

    Args:
        settings: The endpoint, key, model (RAG_LLM_MODEL) and timeout (RAG_LLM_TIMEOUT) to use.
        max_retries: Client retries; 0 by default so a slow judge fails fast and is recorded.
        max_tokens: Most tokens one verdict may take.
    """

    name = "llm"

    def __init__(self, settings: Settings, max_retries: int = 0, max_tokens: int = 600) -> None:
        self.model = settings.llm_model
        self.max_tokens = max_tokens
        self._client = client(settings, max_retries=max_retries)

    def _complete(self, messages: list[dict[str, str]], json_mode: bool) -> str:
        extra: dict[str, Any] = {"response_format": {"type": "json_object"}} if json_mode else {}
        response = self._client.chat.completions.create(  # type: ignore[call-overload]
            model=self.model, messages=messages, temperature=0.0, max_tokens=self.max_tokens, **extra
        )
        content = response.choices[0].message.content if response.choices else None
        if not content:
            raise ValueError("empty reply")
        return content

    def _ask(self, system: str, user: str) -> str:
        from openai import BadRequestError

        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        try:
            return self._complete(messages, json_mode=True)
        except BadRequestError as e:
            # Some servers reject response_format; the prompt alone still asks for JSON.
            if "response_format" not in str(e):
                raise
            return self._complete(messages, json_mode=False)

    def grade_correctness(self, question: str, gold: str, answer: str) -> Grade:
        """Graded correctness of a whole answer against the gold answer; failures give value None."""
        user = GRADE_USER.format(question=question, gold=gold, answer=strip_markers(answer))
        try:
            return parse_grade(self._ask(GRADE_SYSTEM, user))
        except Exception as e:  # noqa: BLE001 - any judge failure is recorded, never scored
            return Grade(None, f"judge failed: {type(e).__name__}: {e}")

    def __call__(self, claim: str, passages: Sequence[str]) -> Verdict:
        """Judge one answer sentence against the passages it cites; failures give supported=None."""
        if not any(p.strip() for p in passages):
            return Verdict(False, "the claim cites no passage text", "")
        blocks = "\n\n".join(JUDGE_PASSAGE.format(n=i, text=p.strip()) for i, p in enumerate(passages, 1))
        user = JUDGE_USER.format(passages=blocks, claim=strip_markers(claim))
        try:
            return parse_verdict(self._ask(JUDGE_SYSTEM, user))
        except Exception as e:  # noqa: BLE001 - any judge failure is recorded, never scored
            return Verdict(None, f"judge failed: {type(e).__name__}: {e}", "")
