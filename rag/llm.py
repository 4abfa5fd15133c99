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
    """The LLMError a user sees for a failed call."""
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


def empty_reply(settings: Settings) -> LLMError:
    return LLMError(f"The LLM at {settings.openai_base_url or 'the OpenAI API'} sent an empty answer.")
