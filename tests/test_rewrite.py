"""Follow-up questions become standalone questions before retrieval (rag/rewrite.py)."""

from __future__ import annotations

import pytest
from openai_server import FakeOpenAIServer, refused_url

from rag.config import Settings
from rag.rewrite import condense, is_follow_up, rule_rewrite

KIM = [("What did Kim Jong Un say about the US offer?", "He dismissed it as a petty trick [1].")]


@pytest.fixture
def offline() -> Settings:
    return Settings()


def test_sister_follow_up_names_kim(offline):
    q = condense("and what did his sister say?", KIM, offline, use_llm=False)
    assert "Kim Jong Un" in q and "sister" in q
    assert not q.lower().startswith("and")


def test_pronoun_is_replaced_by_the_previous_subject():
    assert rule_rewrite("What did he say about South Korea?", KIM) == "What did Kim Jong Un say about South Korea?"


def test_follow_up_without_a_name_borrows_the_previous_names():
    q = rule_rewrite("what about it?", KIM)
    assert "Kim Jong Un" in q and q.endswith("?")


@pytest.mark.parametrize("question", [
    "Who is Jenny Town?",
    "What did the Stimson Center say about North Korea?",
    "When did North Korea cut the hotline?",
])
def test_standalone_questions_are_unchanged(offline, question):
    assert not is_follow_up(question)
    assert condense(question, KIM, offline, use_llm=False) == question


def test_no_history_means_no_rewrite(offline):
    assert condense("and what did his sister say?", [], offline, use_llm=False) == "and what did his sister say?"
    assert condense("and what did his sister say?", [("", "")], offline, use_llm=False) == "and what did his sister say?"


def test_nothing_to_point_back_to_leaves_the_question_alone():
    assert rule_rewrite("and what did his sister say?", [("what happened?", "things")]) == "and what did his sister say?"


@pytest.mark.parametrize("question, expected", [
    ("and what did his sister say?", True),
    ("What about the liaison office?", True),
    ("Did they meet?", True),
    ("Who is Kim Yo Jong?", False),
])
def test_is_follow_up(question, expected):
    assert is_follow_up(question) is expected


def test_llm_rewrite_is_used_when_configured():
    with FakeOpenAIServer() as server:
        server.enqueue('"What did Kim Yo Jong, the sister of Kim Jong Un, say about the US offer?"')
        s = Settings(openai_base_url=server.base_url, llm_max_retries=0)
        q = condense("and what did his sister say?", KIM, s, use_llm=True)
        assert q == "What did Kim Yo Jong, the sister of Kim Jong Un, say about the US offer?"
        prompt = server.requests[0]["messages"][-1]["content"]
        assert KIM[0][0] in prompt and "and what did his sister say?" in prompt


def test_llm_failure_falls_back_to_the_rule():
    s = Settings(openai_base_url=refused_url(), llm_max_retries=0, llm_timeout=2.0)
    q = condense("and what did his sister say?", KIM, s, use_llm=True)
    assert q == rule_rewrite("and what did his sister say?", KIM)
