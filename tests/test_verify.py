"""Every answer sentence checked at answer time, over real HTTP against the OpenAI-compatible test
server: a fabricated sentence that cites a real passage is flagged (or dropped), a true answer is
fully verified, a marker naming no passage is counted, and a failing LLM judge is never 'verified'."""

from __future__ import annotations

import pytest
from openai_server import FakeOpenAIServer
from test_openai_backend import QUESTION, cite_town, llm_settings, passage_numbers

from rag import REFUSAL, query


@pytest.fixture
def server():
    with FakeOpenAIServer() as s:
        yield s


def fabricated(body: dict) -> str:
    """One true sentence, then one the cited passage does not say, citing the same passage."""
    n = passage_numbers(body, "nothing new here")[0]
    return (f'Jenny Town said "There\'s nothing new here" [{n}]. '
            f"Jenny Town said North Korea would rejoin nuclear talks in Geneva next month [{n}].")


def test_a_true_answer_is_fully_verified(settings, server):
    server.enqueue(cite_town)
    a = query(QUESTION, backend="openai", settings=llm_settings(settings, server.base_url))
    assert len(a.claims) == 2 and all(c.supported is True for c in a.claims)
    assert all(c.markers == [1] for c in a.claims)
    assert "verify_ms" in a.timings


def test_a_fabricated_sentence_is_flagged(settings, server):
    server.enqueue(fabricated)
    a = query(QUESTION, backend="openai", settings=llm_settings(settings, server.base_url))
    assert [c.supported for c in a.claims] == [True, False]
    assert "Geneva" in a.claims[1].text and a.claims[1].reason
    assert "Geneva" in a.answer  # flag keeps the sentence, marked


def test_a_fabricated_sentence_is_dropped_under_drop(settings, server):
    server.enqueue(fabricated)
    a = query(QUESTION, backend="openai", settings=llm_settings(settings, server.base_url, verify="drop"))
    assert "Geneva" not in a.answer and not a.abstained
    assert [c.supported for c in a.claims] == [True]


def test_an_answer_left_with_nothing_abstains_under_drop(settings, server):
    server.enqueue(lambda body: f"Jenny Town works for the Brookings Institution in London [{passage_numbers(body, 'nothing new here')[0]}].")
    a = query(QUESTION, backend="openai", settings=llm_settings(settings, server.base_url, verify="drop"))
    assert a.abstained and a.answer == REFUSAL and "no sentence" in a.abstain_reason


def test_sentences_without_a_valid_marker_are_counted_unsupported(settings, server):
    server.enqueue(lambda body: cite_town(body) + " Kim also met Putin [9]. Nobody cited this.")
    a = query(QUESTION, backend="openai", settings=llm_settings(settings, server.base_url))
    by_text = {c.text: c for c in a.claims}
    assert by_text["Kim also met Putin."].supported is False and "name no passage" in by_text["Kim also met Putin."].reason
    assert by_text["Nobody cited this."].supported is False and "cites no passage" in by_text["Nobody cited this."].reason
    assert a.dropped_markers == 1


def test_verify_off_checks_nothing(settings, server):
    server.enqueue(fabricated)
    a = query(QUESTION, backend="openai", settings=llm_settings(settings, server.base_url, verify="off"))
    assert a.claims == [] and "Geneva" in a.answer


def test_a_failing_llm_judge_is_unknown_never_verified(settings, server):
    # The answer first, then the judge's reply: unusable, so each sentence is "unknown".
    server.enqueue(cite_town, "this is not json", "still not json")
    s = llm_settings(settings, server.base_url, verify_judge="llm")
    a = query(QUESTION, backend="openai", settings=s)
    assert a.claims and all(c.supported is None for c in a.claims)


def test_a_bare_figure_with_its_marker_is_a_claim_checked_not_lost(settings, server):
    """ "3 [1]." has no letter, but it is the answer's value with its citation: checked, and kept."""
    def figure_first(body: dict) -> str:
        n = passage_numbers(body, "nothing new here")[0]
        return f"3 [{n}]. Jenny Town said \"There's nothing new here\" [{n}]."

    server.enqueue(figure_first)
    a = query(QUESTION, backend="openai", settings=llm_settings(settings, server.base_url))
    assert [c.text for c in a.claims][:1] == ["3."] and len(a.claims) == 2
    assert a.answer.startswith("3 [1]")


def test_extractive_answers_verify_trivially(settings):
    a = query("How many missile tests had North Korea carried out that month when it tested the hypersonic missile?",
              settings=settings)
    assert a.claims and all(c.supported is True for c in a.claims)


def test_a_wrong_outlet_is_caught_through_the_passage_header():
    """The chain gives the judge each passage with a header naming its outlet and date."""
    from rag import check_claim
    from rag.judge.header import with_header

    passage = with_header("The retailer cut air conditioning in its stores to save money.", "Stores go warm",
                          "cnn.com", "2022-06-28")
    assert check_claim("The retailer cut air conditioning, as of June 28, 2022, per cnn.com.", [passage]).supported
    assert not check_claim("The retailer cut air conditioning, as of June 28, 2022, per usatoday.com.",
                           [passage]).supported
