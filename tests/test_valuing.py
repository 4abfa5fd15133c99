"""A "what" that asks what a thing is worth or cost ("What was the deal worth?", "What is Harbor Foods
valued at?") asks what "How much ...?" asks: a sum of money, not the thing valued nor a sentence."""

from __future__ import annotations

import pytest

from rag.annotate import annotate
from rag.question import analyse
from rag.reader import Doc, read


@pytest.fixture(scope="module")
def nlp():
    from rag.nlp import load

    return load()


@pytest.mark.parametrize("question", [
    "What was the deal worth?",
    "What is Harbor Foods worth?",
    "What is Harbor Foods worth today?",
    "What was the Oakdale ferry deal valued at?",
    "What was Ana Ruiz's 2021 deal to buy the Harbor Kings valued at?",
    "What was the painting sold for?",
    "What did the painting sell for?",
    "What did they sell the house for?",
    "What did the tickets cost?",
    "What will Oakflix's most popular plan cost per month after the price hike?",  # "cost" tagged a noun
])
def test_what_a_thing_is_worth_asks_for_a_sum(nlp, question):
    q = analyse(question, nlp)
    assert (q.wh, q.answer_type.name, q.focus) == ("how much", "money", None)


@pytest.mark.parametrize("question", [
    "What did she pay for?",  # the thing bought
    "What was he arrested for?",
    "What did the company sell?",
    "What did the Lakers sell for a profit?",
    "Which company was valued at $1 billion?",
    "What is the name of the company?",
    "What is worth more, gold or bitcoin?",
])
def test_other_questions_with_those_words_ask_for_something_else(nlp, question):
    assert analyse(question, nlp).answer_type.name != "money"


def test_what_a_deal_was_valued_at_is_answered_by_the_sum(nlp):
    texts = ["The Oakdale ferry deal, signed by Mayor Ana Ruiz on Tuesday, was valued at $44 billion, "
             "according to Harbor Foods."]
    docs = [Doc(text, "Report", "article-0.txt", ann, "2022-04-26") for text, ann in zip(texts, annotate(texts, nlp))]
    r = read(analyse("What was the Oakdale ferry deal valued at?", nlp), docs, lambda _word: 1.0)
    assert r.candidates and r.candidates[0].text == "$44 billion"
