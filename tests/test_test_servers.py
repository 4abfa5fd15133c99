"""The test servers themselves: the fake OpenAI server against the real `openai` client over HTTP, and
the real llama.cpp server on the packaged Gemma 3 270M model."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import openai
import pytest
from llamacpp_server import llamacpp_server, unavailable_reason
from openai_server import STALL, Behaviour, FakeOpenAIServer, refused_url

MESSAGES: list[Any] = [{"role": "user", "content": "What happened in Paris?"}]


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer(default_reply="The summit opened in Paris on Monday.") as s:
        yield s


@pytest.fixture
def client(server: FakeOpenAIServer) -> openai.OpenAI:
    # No retries: each test scripts exactly the requests it expects.
    return openai.OpenAI(base_url=server.base_url, api_key="test-key", max_retries=0, timeout=5)


def _ask(client: openai.OpenAI, **kwargs: Any) -> Any:
    return client.chat.completions.create(model="fake-model", messages=MESSAGES, **kwargs)


def test_plain_completion(server: FakeOpenAIServer, client: openai.OpenAI) -> None:
    server.enqueue("Scripted answer.")
    first = _ask(client, temperature=0)
    second = _ask(client)

    assert first.choices[0].message.content == "Scripted answer."
    assert first.choices[0].finish_reason == "stop"
    assert first.object == "chat.completion"
    assert first.model == "fake-model"
    assert first.usage is not None and first.usage.completion_tokens == 2
    # Queue empty: the default reply.
    assert second.choices[0].message.content == "The summit opened in Paris on Monday."


def test_streamed_completion(server: FakeOpenAIServer, client: openai.OpenAI) -> None:
    content = "Ministers met  in Paris,\nthen left."
    server.enqueue(content)
    stream = _ask(client, stream=True, stream_options={"include_usage": True})

    deltas: list[str] = []
    finish: list[str | None] = []
    usage = None
    for chunk in stream:
        if chunk.usage is not None:
            usage = chunk.usage
        for choice in chunk.choices:
            deltas.append(choice.delta.content or "")
            finish.append(choice.finish_reason)

    assert "".join(deltas) == content
    assert [d for d in deltas if d] == ["Ministers ", "met  ", "in ", "Paris,\n", "then ", "left."]
    assert finish[-1] == "stop"
    assert usage is not None and usage.completion_tokens == 6


def test_requests_are_recorded(server: FakeOpenAIServer, client: openai.OpenAI) -> None:
    _ask(client, temperature=0.5, max_tokens=7)
    _ask(client, stream=True).close()

    assert len(server.requests) == 2
    assert server.requests[1]["stream"] is True
    first = server.requests[0]
    assert first["messages"] == MESSAGES
    assert first["model"] == "fake-model"
    assert first["max_tokens"] == 7
    assert server.request_headers[0]["authorization"] == "Bearer test-key"


def test_callable_reply_sees_the_prompt(server: FakeOpenAIServer, client: openai.OpenAI) -> None:
    server.enqueue(lambda body: body["messages"][-1]["content"].upper())
    assert _ask(client).choices[0].message.content == "WHAT HAPPENED IN PARIS?"


def test_empty_and_null_content(server: FakeOpenAIServer, client: openai.OpenAI) -> None:
    server.enqueue(Behaviour(empty=True), Behaviour(null_content=True))
    assert _ask(client).choices[0].message.content == ""
    assert _ask(client).choices[0].message.content is None


def test_models_endpoint(server: FakeOpenAIServer, client: openai.OpenAI) -> None:
    assert [m.id for m in client.models.list()] == ["fake-model"]


def test_rate_limit_with_retry_after(server: FakeOpenAIServer, client: openai.OpenAI) -> None:
    server.enqueue(Behaviour(status=429, retry_after="7", error_message="Slow down."))
    with pytest.raises(openai.RateLimitError) as info:
        _ask(client)
    assert info.value.status_code == 429
    assert info.value.response.headers["retry-after"] == "7"
    assert "Slow down." in str(info.value)


@pytest.mark.parametrize("status", [500, 503])
def test_server_errors(server: FakeOpenAIServer, client: openai.OpenAI, status: int) -> None:
    server.enqueue(Behaviour(status=status))
    with pytest.raises(openai.InternalServerError) as info:
        _ask(client)
    assert info.value.status_code == status


def test_client_retries_after_an_error(server: FakeOpenAIServer) -> None:
    retrying = openai.OpenAI(base_url=server.base_url, api_key="k", max_retries=2, timeout=5)
    server.enqueue(Behaviour(status=503), Behaviour(close=True), "Third time lucky.")
    assert _ask(retrying).choices[0].message.content == "Third time lucky."
    assert len(server.requests) == 3


def test_delay_beyond_client_timeout(server: FakeOpenAIServer) -> None:
    impatient = openai.OpenAI(base_url=server.base_url, api_key="k", max_retries=0, timeout=0.5)
    # The reply would come only after STALL seconds, so the timeout is the one way out: no clock
    # needs reading, and a client that ignored its timeout would get the reply and fail the test.
    server.enqueue(Behaviour(delay=STALL))
    with pytest.raises(openai.APITimeoutError):
        _ask(impatient)
    assert len(server.requests) == 1


def test_slow_stream_still_completes(server: FakeOpenAIServer, client: openai.OpenAI) -> None:
    server.enqueue(Behaviour(content="a b c", slow_stream=0.1))
    started = time.monotonic()
    text = "".join(c.choices[0].delta.content or "" for c in _ask(client, stream=True) if c.choices)
    assert text == "a b c"
    # A lower bound set by the server's own pauses (5 of 0.1 s): a busy machine only lengthens it.
    assert time.monotonic() - started >= 0.3


def test_cut_stream_raises_connection_error(server: FakeOpenAIServer, client: openai.OpenAI) -> None:
    # Events: role, "one ", "two ", "three", finish, [DONE]; the cut comes after the first three.
    server.enqueue(Behaviour(content="one two three", cut_stream_after=3))
    received: list[str] = []
    # The openai client wraps httpx's "incomplete chunked read" in APIConnectionError mid-iteration,
    # after yielding every chunk that arrived whole: the caller sees the error, not a silent end.
    with pytest.raises(openai.APIConnectionError) as info:
        for chunk in _ask(client, stream=True):
            received.extend(c.delta.content or "" for c in chunk.choices)
    assert not isinstance(info.value, openai.APITimeoutError)
    assert "".join(received) == "one two "


def test_malformed_json_raises(server: FakeOpenAIServer, client: openai.OpenAI) -> None:
    # Not an openai.APIError: the client lets json's ValueError through, for both response kinds.
    server.enqueue(Behaviour(malformed=True), Behaviour(malformed=True))
    with pytest.raises(ValueError):
        _ask(client)
    with pytest.raises(ValueError):
        list(_ask(client, stream=True))


def test_closed_without_response(server: FakeOpenAIServer, client: openai.OpenAI) -> None:
    server.enqueue(Behaviour(close=True))
    with pytest.raises(openai.APIConnectionError):
        _ask(client)


def test_refused_url() -> None:
    refused = openai.OpenAI(base_url=refused_url(), api_key="k", max_retries=0, timeout=5)
    with pytest.raises(openai.APIConnectionError) as info:
        refused.chat.completions.create(model="m", messages=MESSAGES)
    assert not isinstance(info.value, openai.APITimeoutError)


def test_stop_is_prompt_with_requests_in_flight() -> None:
    server = FakeOpenAIServer().start()

    def in_flight(body: dict[str, Any]) -> Behaviour:
        # Scripted by the request's kind, not by which one arrives first. Neither can end by itself
        # while the test runs: the plain one is answered after STALL s, the stream takes 50 s.
        return Behaviour(content="x " * 50, slow_stream=1) if body.get("stream") else Behaviour(delay=STALL)

    server.enqueue(in_flight, in_flight)
    slow = openai.OpenAI(base_url=server.base_url, api_key="k", max_retries=0, timeout=STALL)
    errors: list[BaseException] = []
    streaming = threading.Event()

    def call(stream: bool) -> None:
        try:
            if stream:
                for _ in _ask(slow, stream=True):
                    streaming.set()
            else:
                _ask(slow)
        except Exception as exc:  # noqa: BLE001 - any failure is the expected outcome here
            errors.append(exc)

    threads = [threading.Thread(target=call, args=(s,), daemon=True) for s in (False, True)]
    try:
        for t in threads:
            t.start()
        # Both requests reached the server and the stream is under way: stop() cuts them mid-flight.
        assert server.wait_for_requests(2) and streaming.wait(60)

        started = time.monotonic()
        server.stop()
        stopped_in = time.monotonic() - started
        for t in threads:
            t.join(timeout=60)
    finally:
        server.stop()  # idempotent
    assert not any(t.is_alive() for t in threads)
    # Both were cut off, neither timed out: stop() ended them rather than waiting for them, which
    # would have taken at least 50 s (the bound is far from both, so load cannot decide it).
    assert len(errors) == 2 and not any(isinstance(e, openai.APITimeoutError) for e in errors), errors
    assert stopped_in < 30


@pytest.mark.slow
def test_llamacpp_server_answers_a_chat_message(capsys: pytest.CaptureFixture[str]) -> None:
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    with llamacpp_server() as llm:
        client = openai.OpenAI(base_url=llm.base_url, api_key="unused", max_retries=0, timeout=120)
        assert [m.id for m in client.models.list()] == [llm.model]
        started = time.monotonic()
        reply = client.chat.completions.create(
            model=llm.model,
            messages=[{"role": "user", "content": "Name the capital of France."}],
            max_tokens=64,
            temperature=0,
        )
        elapsed = time.monotonic() - started

    content = reply.choices[0].message.content
    assert content and content.strip()
    assert reply.usage is not None and 0 < reply.usage.completion_tokens <= 64
    with capsys.disabled():
        print(
            f"\nllama.cpp: startup {llm.startup_seconds:.1f} s, "
            f"{reply.usage.completion_tokens} tokens in {elapsed:.1f} s"
        )
