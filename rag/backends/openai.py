"""The LLM answerer: any OpenAI-compatible chat-completions server, through the `openai` package
(the client, its retries and its errors are rag/llm.py's)."""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..errors import LLMError
from ..llm import client, empty_reply, explain
from ..prompts import ANSWER_SYSTEM, ANSWER_USER, PASSAGE, REFUSAL
from . import Draft, Passage


def build_messages(question: str, passages: list[Passage]) -> list[dict[str, str]]:
    """The chat messages: rules in the system message, passages as delimited data in the user's."""
    block = "\n\n".join(
        PASSAGE.format(n=p.n, source=p.source, text=p.text.replace("</passage>", "</ passage>"))
        for p in passages
    )
    return [
        {"role": "system", "content": ANSWER_SYSTEM},
        {"role": "user", "content": ANSWER_USER.format(passages=block, question=question)},
    ]


def is_refusal(text: str) -> bool:
    def norm(s: str) -> str:
        return " ".join("".join(ch for ch in s.lower() if ch.isalnum() or ch.isspace()).split())

    return norm(REFUSAL) in norm(text)


class OpenAIAnswerer:
    name = "openai"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.client = client(settings)

    def _request(self, question: str, passages: list[Passage], stream: bool):
        return self.client.chat.completions.create(
            model=self.settings.llm_model,
            messages=build_messages(question, passages),
            temperature=self.settings.llm_temperature,
            max_tokens=self.settings.llm_max_tokens,
            stream=stream,
        )

    def answer(self, question: str, passages: list[Passage], analysis=None) -> Draft:
        try:
            resp = self._request(question, passages, stream=False)
            text = (resp.choices[0].message.content or "").strip() if resp.choices else ""
        except Exception as e:  # noqa: BLE001 - every failure becomes one clear LLMError
            raise explain(e, self.settings) from e
        if not text:
            raise empty_reply(self.settings)
        return Draft(text, refused=is_refusal(text), model=getattr(resp, "model", None))

    def stream(self, question: str, passages: list[Passage], analysis=None) -> Iterator[str | Draft]:
        parts: list[str] = []
        try:
            for chunk in self._request(question, passages, stream=True):
                if not chunk.choices:
                    continue
                delta = chunk.choices[0].delta.content or ""
                if delta:
                    parts.append(delta)
                    yield delta
        except Exception as e:  # noqa: BLE001
            err = explain(e, self.settings)
            if parts:
                err = LLMError(f"The answer stream from the LLM broke off after {len(''.join(parts))} characters. {err}")
            raise err from e
        text = "".join(parts).strip()
        if not text:
            raise empty_reply(self.settings)
        yield Draft(text, refused=is_refusal(text), model=self.settings.llm_model)
