"""The LLM judge: good replies read into verdicts and grades, and every kind of failure a Verdict
with supported=None, over HTTP to an OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

import json

import pytest
from openai_server import STALL
from test_judge import VOA

from rag import LLMJudge, Settings
from rag.judge.llm import parse_grade, parse_verdict


def _reply(*claims: tuple[str, bool]) -> str:
    return json.dumps(
        {"claims": [{"claim": c, "supported": ok, "evidence": "three missile tests", "reason": "r"} for c, ok in claims]}
    )


@pytest.mark.parametrize(
    ("content", "supported"),
    [
        (_reply(("three tests", True), ("this month", True)), True),
        (_reply(("three tests", True), ("five tests", False)), False),
        ("```json\n" + _reply(("three tests", True)) + "\n```", True),
        ("Here is my verdict: " + _reply(("x", False)) + " Hope it helps.", False),
        ('{"supported": "yes", "reason": "stated", "evidence": "e"}', True),
        ('[{"claim": "x", "verdict": "unsupported"}]', False),
    ],
)
def test_parse_verdict_accepts_reasonable_shapes(content: str, supported: bool):
    assert parse_verdict(content).supported is supported


@pytest.mark.parametrize("content", ["not json", '{"claims": []}', '{"claims": [{"claim": "x", "supported": "maybe"}]}', '{"answer": 1}'])
def test_parse_verdict_rejects_unusable_replies(content: str):
    with pytest.raises(ValueError):
        parse_verdict(content)


@pytest.fixture
def server():
    from openai_server import FakeOpenAIServer

    with FakeOpenAIServer() as s:
        yield s


def _llm(server, timeout: float = 5.0) -> LLMJudge:
    return LLMJudge(Settings(openai_base_url=server.base_url, openai_api_key="test", llm_model="judge-model",
                             llm_timeout=timeout))


def test_llm_judge_asks_for_json_per_claim_and_reads_the_verdict(server):
    server.enqueue(_reply(("North Korea conducted three missile tests", True)), _reply(("five tests", False)))
    judge = _llm(server)
    ok = judge("North Korea has conducted three missile tests this month [1].", [VOA])
    bad = judge("North Korea has conducted five missile tests this month.", [VOA])
    assert ok.supported is True and "1 atomic" in ok.reason
    assert bad.supported is False and bad.evidence == "three missile tests"
    body = server.requests[0]
    assert body["model"] == "judge-model"
    assert body["response_format"] == {"type": "json_object"}
    prompt = body["messages"][-1]["content"]
    assert "three missile tests this month" in prompt and "[1]" not in prompt


@pytest.mark.parametrize(
    "behaviour",
    [
        {"status": 500},
        {"status": 429},
        {"malformed": True},
        {"empty": True},
        {"close": True},
        {"content": "I think it is probably fine."},
        {"delay": STALL},
    ],
    ids=["http-500", "http-429", "malformed-body", "empty", "dropped", "unparseable", "timeout"],
)
def test_llm_judge_failures_are_none_never_a_score(server, behaviour):
    from openai_server import Behaviour

    server.enqueue(Behaviour(**behaviour))
    # A short timeout only where it is the point: elsewhere it would race the server's reply, and
    # a timeout would pass the test in place of the failure it names.
    v = _llm(server, timeout=0.5 if "delay" in behaviour else 5.0)("North Korea has conducted three missile tests.", [VOA])
    assert v.supported is None
    assert v.reason.startswith("judge failed")


def test_llm_judge_unreachable_endpoint_is_a_failure():
    from openai_server import refused_url

    v = LLMJudge(Settings(openai_base_url=refused_url(), openai_api_key="k", llm_timeout=1.0))("claim about tests", [VOA])
    assert v.supported is None


def test_llm_judge_retries_without_json_mode_when_the_server_rejects_it(server):
    from openai_server import Behaviour

    server.enqueue(Behaviour(status=400, error_message="response_format is not supported"), _reply(("x", True)))
    v = _llm(server)("North Korea has conducted three missile tests.", [VOA])
    assert v.supported is True
    assert "response_format" not in server.requests[1]


def test_llm_grade_of_a_whole_answer(server):
    from openai_server import Behaviour

    server.enqueue('{"score": 0.5, "reason": "one of two facts"}', "no json here", Behaviour(status=503))
    judge = _llm(server)
    args = ("How many tests?", "Four per one report, three per another.", "Three tests [1].")
    graded = judge.grade_correctness(*args)
    assert graded.value == 0.5 and graded.reason == "one of two facts"
    assert "[1]" not in server.requests[0]["messages"][-1]["content"]
    assert judge.grade_correctness(*args).value is None
    assert judge.grade_correctness(*args).value is None


@pytest.mark.parametrize(("content", "value"), [('{"score": 1}', 1.0), ('{"grade": "partially correct"}', 0.5)])
def test_parse_grade(content: str, value: float):
    assert parse_grade(content).value == value


@pytest.mark.parametrize("content", ['{"score": 7}', '{"score": "great"}', "[]"])
def test_parse_grade_rejects_unusable_replies(content: str):
    with pytest.raises(ValueError):
        parse_grade(content)
