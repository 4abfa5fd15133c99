"""The whole chain with a real model: llama.cpp's OpenAI-compatible server serving Gemma 3 270M,
reached through the openai backend. It checks the plumbing (prompt in, streamed text out, markers
parsed, an Answer back), not the wisdom of a 270M base model."""

from __future__ import annotations

import pytest
from llamacpp_server import llamacpp_server, unavailable_reason

from rag import Answer, query, stream

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def real_llm():
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    with llamacpp_server() as server:
        yield server


def test_query_through_a_real_model(settings, real_llm):
    s = settings.model_copy(update={
        "openai_base_url": real_llm.base_url, "llm_model": real_llm.model,
        "llm_max_tokens": 64, "llm_timeout": 120.0, "llm_max_retries": 0,
    })
    a = query("What did Jenny Town of the Stimson Center say?", settings=s)
    assert isinstance(a, Answer) and a.backend == "openai"
    assert a.answer.strip()
    assert a.timings["answer_ms"] > 0
    # whatever the model wrote, every surviving marker names a citation, and the rest were counted
    import re

    assert {int(n) for n in re.findall(r"\[(\d+)\]", a.answer)} <= {c.n for c in a.citations}
    assert len(a.contexts) == 5


def test_stream_through_a_real_model(settings, real_llm):
    s = settings.model_copy(update={
        "openai_base_url": real_llm.base_url, "llm_model": real_llm.model,
        "llm_max_tokens": 48, "llm_timeout": 120.0, "llm_max_retries": 0,
    })
    answer = stream("Who offered talks without preconditions?", settings=s)
    parts = list(answer)
    assert isinstance(answer.answer, Answer)
    assert len(parts) >= 1 and all(isinstance(p, str) for p in parts)
