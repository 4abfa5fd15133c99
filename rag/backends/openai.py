"""The LLM answerer: any OpenAI-compatible chat-completions server, through the `openai` package.

Retries with exponential backoff (and `Retry-After` on 429) are the openai client's own, bounded by
RAG_LLM_MAX_RETRIES; every request has RAG_LLM_TIMEOUT. Failures become LLMError with a sentence a
user can act on."""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..errors import LLMError
from ..prompts import ANSWER_SYSTEM, ANSWER_USER, PASSAGE, REFUSAL
from . import Draft, Passage


def _client(settings: Settings):
    import openai

    return openai.OpenAI(
        api_key=settings.openai_api_key or "not-needed",  # local servers ignore the key
        base_url=settings.openai_base_url,
        timeout=settings.llm_timeout,
        max_retries=settings.llm_max_retries,
    )


def _explain(e: Exception, settings: Settings) -> LLMError:
    import openai

    where = settings.openai_base_url or "the OpenAI API"
    if isinstance(e, openai.APITimeoutError):
        msg = f"The LLM at {where} did not answer within {settings.llm_timeout:g} s"
    elif isinstance(e, openai.APIConnectionError):
        msg = f"Cannot reach the LLM at {where}; is the server running? ({e.__cause__ or e})"
    elif isinstance(e, openai.RateLimitError):
        msg = f"The LLM at {where} is rate-limiting us (HTTP 429)"
    elif isinstance(e, openai.AuthenticationError):
        msg = f"The LLM at {where} refused the API key (HTTP 401); check OPENAI_API_KEY"
    elif isinstance(e, openai.NotFoundError):
        msg = f"The LLM at {where} has no model {settings.llm_model!r} (HTTP 404); set RAG_LLM_MODEL"
    elif isinstance(e, openai.APIStatusError):
        msg = f"The LLM at {where} failed with HTTP {e.status_code}"
    else:
        msg = f"The LLM at {where} sent an unusable reply ({type(e).__name__}: {e})"
    return LLMError(f"{msg} after {settings.llm_max_retries} retries.")


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
        self.client = _client(settings)

    def _request(self, question: str, passages: list[Passage], stream: bool):
        return self.client.chat.completions.create(
            model=self.settings.llm_model,
            messages=build_messages(question, passages),
            temperature=self.settings.llm_temperature,
            max_tokens=self.settings.llm_max_tokens,
            stream=stream,
        )

    def answer(self, question: str, passages: list[Passage]) -> Draft:
        try:
            resp = self._request(question, passages, stream=False)
            text = (resp.choices[0].message.content or "").strip() if resp.choices else ""
        except Exception as e:  # noqa: BLE001 - every failure becomes one clear LLMError
            raise _explain(e, self.settings) from e
        if not text:
            raise LLMError(f"The LLM at {self.settings.openai_base_url or 'the OpenAI API'} sent an empty answer.")
        return Draft(text, refused=is_refusal(text), model=getattr(resp, "model", None))

    def stream(self, question: str, passages: list[Passage]) -> Iterator[str | Draft]:
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
            err = _explain(e, self.settings)
            if parts:
                err = LLMError(f"The answer stream from the LLM broke off after {len(''.join(parts))} characters. {err}")
            raise err from e
        text = "".join(parts).strip()
        if not text:
            raise LLMError(f"The LLM at {self.settings.openai_base_url or 'the OpenAI API'} sent an empty answer.")
        yield Draft(text, refused=is_refusal(text), model=self.settings.llm_model)
