"""The OpenAI-compatible client every LLM call goes through (answers, follow-up rewrites, the LLM
judge), and the
one place its failures become an LLMError with a sentence a user can act on.

Retries with exponential backoff (and `Retry-After` on 429) are the openai client's own, bounded by
RAG_LLM_MAX_RETRIES; every request has RAG_LLM_TIMEOUT."""

from __future__ import annotations

from .config import Settings
from .errors import LLMError


def client(settings: Settings, max_retries: int | None = None):
    """The client for the configured endpoint; `max_retries` overrides RAG_LLM_MAX_RETRIES."""
    import openai

    return openai.OpenAI(
        api_key=settings.openai_api_key or "not-needed",  # local servers ignore the key
        base_url=settings.openai_base_url,
        timeout=settings.llm_timeout,
        max_retries=settings.llm_max_retries if max_retries is None else max_retries,
    )


def explain(e: Exception, settings: Settings) -> LLMError:
    """The LLMError a user sees for a failed call: what went wrong, in the order the checks must
    run (a timeout is a connection error too, a 429 a status error)."""
    import openai

    where = settings.openai_base_url or "the OpenAI API"
    cases = [
        (openai.APITimeoutError, lambda: f"The LLM at {where} did not answer within {settings.llm_timeout:g} s"),
        (openai.APIConnectionError,
         lambda: f"Cannot reach the LLM at {where}; is the server running? ({e.__cause__ or e})"),
        (openai.RateLimitError, lambda: f"The LLM at {where} is rate-limiting us (HTTP 429)"),
        (openai.AuthenticationError,
         lambda: f"The LLM at {where} refused the API key (HTTP 401); check OPENAI_API_KEY"),
        (openai.NotFoundError,
         lambda: f"The LLM at {where} has no model {settings.llm_model!r} (HTTP 404); set RAG_LLM_MODEL"),
        (openai.APIStatusError, lambda: f"The LLM at {where} failed with HTTP {getattr(e, 'status_code', '?')}"),
    ]
    msg = next((say() for kind, say in cases if isinstance(e, kind)), None)
    msg = msg or f"The LLM at {where} sent an unusable reply ({type(e).__name__}: {e})"
    return LLMError(f"{msg} after {settings.llm_max_retries} retries.")


def empty_reply(settings: Settings) -> LLMError:
    return LLMError(f"The LLM at {settings.openai_base_url or 'the OpenAI API'} sent an empty answer.")
