"""Whether a sentence states a value as what happened or only as what was wanted or foreseen, on
the real spaCy parse (rag/modality.py)."""

from __future__ import annotations

import pytest

from rag.modality import asks_future, asks_outcome, hedge
from rag.nlp import load


@pytest.fixture(scope="module")
def nlp():
    return load()


def hedged(nlp, sentence: str, span: str, asked: frozenset[str] = frozenset()) -> str | None:
    start = sentence.index(span)
    return hedge(nlp(sentence), start, start + len(span), asked)


@pytest.mark.parametrize(("sentence", "span", "word"), [
    ("The union had sought a 9% raise for its drivers.", "9%", "sought"),
    ("The film is expected to take in roughly $80 million this weekend.", "$80 million", "expected"),
    ("The chairman said he'd like to see her confirmed by May 3, before the recess.", "May 3", "'d"),
    ("Harbor Foods tickets can be bought in 12 states.", "12 states", "can"),
    ("Acme plans to open 40 stores in Oakdale next year.", "40 stores", "plans"),
    ("Harbor Foods claims the recall cost it $3 million.", "$3 million", "claims"),
    ("The Oakdale bank would raise its key rate to 2.5% if prices kept rising.", "2.5%", "would"),
])
def test_a_value_only_sought_or_foreseen_is_hedged(nlp, sentence, span, word):
    assert hedged(nlp, sentence, span) == word


@pytest.mark.parametrize(("sentence", "span"), [
    ("A jury awarded the Oakdale family $4 million on Friday.", "$4 million"),
    ("Tom Reed will not be allowed to attend the awards for the next eight years.", "eight years"),
    ("The judge ruled that Acme must pay $2 million to the town.", "$2 million"),
    ("The studio estimated that the film earned $91 million in its first weekend.", "$91 million"),
    ("Maria Alvarez, who had hoped to win, finished second with 31% of the vote.", "31%"),
    ("Oakdale claimed a first victory against Acme United on Sunday.", "Acme United"),  # a claim to a win
    # reported speech's "will": a decision announced
    ("The Oakdale bank said on Thursday that it would raise its key rate to 2.5%.", "2.5%"),
    # a clause opened by "after" is no complement of "expected", though the parse makes it one
    ("On Friday, the Owls activated pitcher Tom Reed several weeks earlier than they expected to after "
     "Reed injured his hamstring on July 17.", "July 17"),
])
def test_a_value_stated_as_what_happened_is_not(nlp, sentence, span):
    assert hedged(nlp, sentence, span) is None


def test_a_hedge_the_question_names_is_what_it_asks_about(nlp):
    assert hedged(nlp, "The union had sought a 9% raise.", "9%", frozenset({"seek", "union", "raise"})) is None
    claimed = "The seller claimed the database had been hosted by Acme Cloud."
    assert hedged(nlp, claimed, "Acme Cloud") == "claimed"
    assert hedged(nlp, claimed, "Acme Cloud", frozenset({"reportedly", "database", "host"})) is None  # "reportedly"


@pytest.mark.parametrize(("question", "outcome", "future"), [
    ("How much did the jury award the Oakdale family?", True, False),
    ("Who won the Oakdale marathon on Sunday?", True, False),
    ("Which company has bought Harbor Foods?", True, False),
    ("How much is the film expected to earn?", False, True),
    ("When will the runoff be held?", False, True),
    ("Which company makes the drug?", False, False),
    ("When are Oakdale's loan payments set to restart?", False, True),
    ("When is the Oakdale bridge scheduled to reopen?", False, True),
    ("When is the vote due to take place?", False, True),
    ("When does Tom Reed expect the new ferry to be in service?", False, True),  # the parse: a ccomp
    ("When did the strike end?", True, False),
    ("Which company has set prices?", True, False),
])
def test_a_question_about_what_happened_or_is_still_to_happen(nlp, question, outcome, future):
    assert (asks_outcome(nlp(question)), asks_future(nlp(question))) == (outcome, future)
