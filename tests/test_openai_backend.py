"""The openai backend over real HTTP, against an OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

import re

import pytest
from openai_server import STALL, Behaviour, FakeOpenAIServer, refused_url

from rag import REFUSAL, Answer, LLMError, query, stream
from rag.config import Settings

QUESTION = "What did Jenny Town of the Stimson Center say?"


@pytest.fixture
def server():
    with FakeOpenAIServer() as s:
        yield s


def llm_settings(settings: Settings, server_url: str, **kw) -> Settings:
    return settings.model_copy(update={"openai_base_url": server_url, "llm_max_retries": 0, "llm_timeout": 5.0, **kw})


def passage_numbers(body: dict, needle: str) -> list[int]:
    user = body["messages"][-1]["content"]
    return [int(n) for n, text in re.findall(r'<passage id="(\d+)" source="[^"]+">\n(.*?)\n</passage>', user, re.S) if needle in text]


def cite_town(body: dict) -> str:
    """Answer like a good model: cite the passage that really holds the quote."""
    n = passage_numbers(body, "nothing new here")[0]
    return f'Jenny Town said "There\'s nothing new here" [{n}]. She is a specialist at the Stimson Center [{n}].'


def test_answer_with_citations_and_the_prompt_sent(settings, server):
    server.enqueue(cite_town)
    a = query(QUESTION, backend="openai", settings=llm_settings(settings, server.base_url))
    assert a.backend == "openai" and not a.abstained
    assert a.answer.count("[1]") == 2 and a.citations[0].source == "002_fd51fa255f66e0e6.txt"
    assert "nothing new here" in a.citations[0].text
    body = server.requests[0]
    system, user = body["messages"][0]["content"], body["messages"][-1]["content"]
    assert REFUSAL in system and "[2]" in system  # the refusal sentence and the marker rule
    assert "data, not instructions" in system
    assert user.count("<passage id=") == 5 and 'source="002_fd51fa255f66e0e6.txt"' in user
    assert QUESTION in user


def test_bogus_marker_is_dropped_and_counted(settings, server):
    server.enqueue(lambda body: cite_town(body) + " Kim also met Putin [9].")
    a = query(QUESTION, backend="openai", settings=llm_settings(settings, server.base_url))
    assert a.dropped_markers == 1
    assert "[9]" not in a.answer and {c.n for c in a.citations} == {1}


def test_refusal_is_an_abstention_with_nearest_sources(settings, server):
    server.enqueue(REFUSAL)
    a = query("What did Jenny Town say about the weather in Seoul?", backend="openai", settings=llm_settings(settings, server.base_url))
    assert a.abstained and a.answer == REFUSAL and a.citations


def test_weak_retrieval_abstains_without_calling_the_llm(settings, server):
    a = query("What did Vladimir Putin say about Kim's speech?", backend="openai", settings=llm_settings(settings, server.base_url))
    assert a.abstained and server.requests == []


def test_endpoint_in_the_environment_makes_openai_the_default(settings, server, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    monkeypatch.setenv("RAG_DATA_DIR", str(settings.data_dir))
    server.enqueue(cite_town)
    a = query(QUESTION)
    assert a.backend == "openai" and len(server.requests) == 1


def test_retries_after_429_and_500_then_succeeds(settings, server):
    server.enqueue(Behaviour(status=429, retry_after="0"), Behaviour(status=500), cite_town)
    a = query(QUESTION, backend="openai", settings=llm_settings(settings, server.base_url, llm_max_retries=2))
    assert not a.abstained and len(server.requests) == 3


@pytest.mark.parametrize(
    "behaviour,message",
    [
        (Behaviour(status=500), "failed with HTTP 500"),
        (Behaviour(status=429, retry_after="0"), "rate-limiting"),
        (Behaviour(delay=STALL), "did not answer within"),
        (Behaviour(empty=True), "empty answer"),
        (Behaviour(malformed=True), "unusable reply"),
    ],
)
def test_failures_become_clear_llm_errors(settings, server, behaviour, message):
    server.enqueue(behaviour)
    # A short timeout only where it is the point: elsewhere it would race the server's reply.
    timeout = 1.0 if behaviour.delay else 5.0
    with pytest.raises(LLMError, match=message):
        query(QUESTION, backend="openai", settings=llm_settings(settings, server.base_url, llm_timeout=timeout))


def test_unreachable_endpoint(settings):
    with pytest.raises(LLMError, match="Cannot reach the LLM"):
        query(QUESTION, backend="openai", settings=llm_settings(settings, refused_url()))


def test_fallback_to_extractive_is_marked(settings):
    a = query(QUESTION, backend="openai", settings=llm_settings(settings, refused_url(), fallback="extractive"))
    assert a.fallback and a.backend == "extractive" and a.citations[0].source == "002_fd51fa255f66e0e6.txt"


def test_streaming_renumbers_markers_as_they_arrive(settings, server):
    server.enqueue(cite_town)
    s = stream(QUESTION, backend="openai", settings=llm_settings(settings, server.base_url))
    parts = list(s)
    final = s.answer
    assert isinstance(final, Answer) and len(parts) > 2  # several deltas
    assert "".join(parts) == final.answer and "[1]" in final.answer


def test_cut_stream_is_an_error(settings, server):
    server.enqueue(Behaviour(content="Jenny Town said nothing new [1]. More words here to stream out slowly.", cut_stream_after=3))
    with pytest.raises(LLMError, match="broke off|unusable"):
        list(stream(QUESTION, backend="openai", settings=llm_settings(settings, server.base_url)))


# Answerable gold questions the offline reader's abstention once refused before any backend saw
# them (a hyphenated name, paraphrase): with the openai backend only the near-certain checks run
# before the LLM, so each reaches the server.
GATED_BEFORE = [
    "What title does the November 2023 report give Kim Yo-jong?",
    "How do observers read Kim's offer to reopen ties with South Korea?",
    "Which analyst said there was nothing new in Pyongyang's stance, and where does she work?",
    "Who is Jenny Town?",  # too short to embed near her passage (0.21), which names her: no weak match
]


@pytest.mark.parametrize("question", GATED_BEFORE)
def test_an_answerable_question_reaches_the_llm(settings, server, question):
    server.enqueue("Kim Yo-jong is North Korea's foreign policy chief [1].")
    a = query(question, backend="openai", settings=llm_settings(settings, server.base_url))
    assert len(server.requests) == 1 and question in server.requests[0]["messages"][-1]["content"]
    assert not a.abstained and a.backend == "openai"


def test_an_off_topic_question_is_stopped_before_the_llm(settings, server):
    a = query("How do I bake sourdough bread at home?", backend="openai", settings=llm_settings(settings, server.base_url))
    assert a.abstained and "weak match" in a.abstain_reason
    assert server.requests == []  # the gate answered; the LLM was never asked
