"""Questions that ask two things at once (rag/compound.py): split in two, the second part's pronouns
pointed back at the first, each part answered in turn by the offline reader."""

from __future__ import annotations

import pytest

from rag import REFUSAL, query
from rag.backends import Draft
from rag.backends.extractive import _joined
from rag.compound import person_of, resolve, split
from rag.nlp import load
from rag.question import analyse


@pytest.fixture(scope="module")
def nlp():
    return load()


@pytest.mark.parametrize("question,parts", [
    ("Who wrote the VOA report on Kim's speech, and on what date was it published?",
     ("Who wrote the VOA report on Kim's speech?", "On what date was it published?")),
    ("Which analyst said there was nothing new and where does she work",
     ("Which analyst said there was nothing new?", "Where does she work?")),
    ("Since when have the nuclear talks been stalled, and what event ended them?",
     ("Since when have the nuclear talks been stalled?", "What event ended them?")),
    ("Who wrote the report? When was it published?", ("Who wrote the report?", "When was it published?")),
])
def test_a_question_of_two_wh_clauses_is_read_as_two(question, parts):
    assert split(question) == parts


@pytest.mark.parametrize("question", [
    "Which leader rejected the American offer of negotiations?",
    "Who won the game and why?",  # the second part asks nothing alone
    "What happened, and when?",  # nor does the first
    "Which North Korean diplomat defended the programme at the UN, and on which day?",  # the first part again
    "Did Kim and Moon exchange letters, and what did they agree on?",  # the first part is no wh-question
    "Jackson made history this week. Whose seat is she filling?",  # a scene set, then one question
])
def test_a_question_that_asks_one_thing_is_left_whole(question):
    assert split(question) is None


def test_it_in_the_second_part_is_the_first_parts_subject_or_object(nlp):
    first = "Who wrote the VOA report on Kim's speech?"
    second = resolve("On what date was it published?", first, nlp(first), nlp("On what date was it published?"), None)
    assert second == "On what date was the VOA report published?"
    first = "Since when have the nuclear talks been stalled?"
    assert resolve("What event ended them?", first, nlp(first), nlp("What event ended them?"), None) \
        == "What event ended the nuclear talks?"


def test_its_becomes_a_possessive_and_a_bare_that_asks_the_first_part_again(nlp):
    first = "Since when have the nuclear talks been stalled?"
    second = "Who said their end was near?"
    assert resolve(second, first, nlp(first), nlp(second), None) == "Who said the nuclear talks' end was near?"
    first = "Why did North Korea stop answering the hotlines?"
    assert resolve("When was that?", first, nlp(first), nlp("When was that?"), None) \
        == "When did North Korea stop answering the hotlines?"


def test_that_for_the_first_parts_whole_event_leaves_the_question_whole(nlp):
    first = "When did North Korea lock itself down against the coronavirus?"
    second = "What did that do to its trade?"  # "that": the lockdown, no phrase of the first part
    assert resolve(second, first, nlp(first), nlp(second), None) is None
    first = "Which analyst said there was nothing new in Pyongyang's stance?"  # no one to stand for "she"
    assert resolve("Where does she work?", first, nlp(first), nlp("Where does she work?"), None) \
        == "Where does she work?"
    second = "How much did Apple say its phone costs?"  # "its": the name before it in its own part
    assert resolve(second, first, nlp(first), nlp(second), None) == second


def test_she_is_the_person_answered_else_the_person_the_first_part_names(nlp):
    first = "What did Kim Yo Jong say about talks in September 2021?"
    q1 = analyse(first, nlp)
    assert person_of(("Jenny Town", "PERSON"), q1.topics) == "Jenny Town"
    assert person_of(("Stimson Center", "ORG"), q1.topics) == "Kim Yo Jong"
    second = "What did she say in November 2023?"
    assert resolve(second, first, nlp(first), nlp(second), person_of(None, q1.topics)) \
        == "What did Kim Yo Jong say in November 2023?"


@pytest.mark.parametrize("joint", [", and where", "? Where"])
def test_both_parts_answered_in_turn_each_cited_and_verified(settings, joint):
    a = query(f"Which newspaper quoted Kim calling the US proposals a facade{joint} was the failed second "
              "summit between Donald Trump and Kim Jong Un held?", backend="extractive", settings=settings)
    assert not a.abstained
    assert a.short_answer == "Rodong Sinmun; Vietnam"
    assert a.answer.startswith("Rodong Sinmun [1]. ")
    assert a.answer.index("Rodong Sinmun newspaper") < a.answer.index("Vietnam [")
    assert a.claims and all(c.supported for c in a.claims)
    assert a.sources == ["001_fbd13b18b25d8e5d.txt"]


def test_a_part_the_articles_do_not_answer_is_left_out_and_the_other_answered(settings):
    a = query("Which newspaper quoted Kim calling the US proposals a facade, and what is the range of the "
              "Hwasong-8 missile?", backend="extractive", settings=settings)
    assert not a.abstained and a.short_answer == "Rodong Sinmun"
    assert "range" not in a.answer.lower()
    assert len(a.unanswered) == 1 and a.unanswered[0].startswith("“What is the range of the Hwasong-8 missile?” (")


def test_the_part_not_answered_is_said_in_the_app(settings):
    from app.render import answer_message

    a = query("Which newspaper quoted Kim calling the US proposals a facade, and what is the range of the "
              "Hwasong-8 missile?", backend="extractive", settings=settings)
    html = answer_message(a, 1)
    assert '<div class="unanswered">Not in the articles: “What is the range of the Hwasong-8 missile?” (' in html


class _Hit:  # a chunk cited beyond the retrieved ones: only its id matters here
    def __init__(self, chunk_id: str) -> None:
        self.chunk_id = chunk_id


def test_the_parts_extra_passages_are_numbered_once_after_the_retrieved_ones():
    first = Draft("A [1][6].", short_answer="A", extra_hits=[_Hit("x")])
    second = Draft("B [2][6][7].", short_answer="B", extra_hits=[_Hit("y"), _Hit("x")])
    joined = _joined([first, second], ("Q1?", "Q2?"), retrieved=5)
    assert joined.text == "A [1][6]. B [2][7][6]."
    assert [h.chunk_id for h in joined.extra_hits] == ["x", "y"] and joined.short_answer == "A; B"
    refused = Draft(REFUSAL, refused=True, notes=["no passage names a date"])
    joined = _joined([refused, second], ("Q1?", "Q2?"), retrieved=5)
    assert joined.text == "B [2][6][7]." and not joined.refused
    assert joined.unanswered == ["“Q1?” (no passage names a date)"]


def test_each_part_brings_its_own_passages(settings):
    a = query("What weapon did North Korea test in September 2021, and what did it launch in November 2023?",
              backend="extractive", settings=settings)
    assert len(a.contexts) > settings.top_k  # the second part's passages beside the whole question's
    assert any("hypersonic" in c.text for c in a.citations) and any("satellite" in c.text for c in a.citations)


def test_a_sentence_the_first_part_quoted_is_not_quoted_again():
    said = "Kim delivered his speech the same day North Korea announced its latest weapons test"
    first = Draft(f"{said} [1].")
    second = Draft(f"Hwasong-8 [1]. “{said}.” [1] Another sentence long enough to be kept as it is [2].",
                   short_answer="Hwasong-8")
    joined = _joined([first, second], ("Q1?", "Q2?"), retrieved=5)
    assert joined.text == f"{said} [1]. Hwasong-8 [1]. Another sentence long enough to be kept as it is [2]."
    assert _joined([first, Draft(f"“{said}.” [1]")], ("Q1?", "Q2?"), retrieved=5).text == f"{said} [1]."

