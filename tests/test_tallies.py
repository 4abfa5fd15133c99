"""A question that asks what a vote or a score was is answered by a tally ("6-3", "86 to 11"), read by its
form where the small model labels it as two counts, a date or nothing, and never by a lone count or a name."""

from __future__ import annotations

import pytest

from rag.annotate import annotate
from rag.answer_types import TALLY
from rag.question import analyse
from rag.reader import Doc, read
from rag.tallies import TALLY_FORM, asks_tally


@pytest.fixture(scope="module")
def nlp():
    from rag.nlp import load

    return load()


def reading(nlp, question: str, *texts: str):
    docs = [Doc(text, f"Report {i}", f"article-{i}.txt", ann, "2022-06-27")
            for i, (text, ann) in enumerate(zip(texts, annotate(list(texts), nlp)))]
    return read(analyse(question, nlp), docs, lambda _word: 1.0)


@pytest.mark.parametrize("written, tally", [
    ("The opinion was 6-3 along ideological lines.", "6-3"),
    ("The final tally in the Senate was 86 to 11.", "86 to 11"),
    ("By a vote of seven to two, the court ruled in her favour.", "seven to two"),
    ("They sealed a 5–4 aggregate victory.", "5–4"),
    ("The 6-foot-7 forward joined in 2010-2012, in a 5-10% share, on 2022-07-01, for $40-50.", None),
    ("Someone to two of them said so; 1,200-1,300 people came.", None),
])
def test_a_tally_is_read_by_its_form(written, tally):
    found = [m[0] for m in TALLY_FORM.finditer(written)]
    assert found == ([tally] if tally else [])


def test_a_vote_is_answered_by_the_tally_not_by_a_count_of_voters(nlp):
    r = reading(nlp, "What was the final vote on the Oakdale budget?",
                "Eleven council members voted against the Oakdale budget. The final tally was 9 to 4 in favour.")
    assert r.candidates and r.candidates[0].text == "9 to 4"
    assert "Eleven" not in [c.text for c in r.candidates]


def test_a_score_is_answered_by_the_tally_not_by_the_player_who_scored(nlp):
    r = reading(nlp, "What was the final score of the Oakdale Cup final?",
                "The Harbor Kings beat Oakdale United 3-1 in the Oakdale Cup final on Saturday, with Tom Reed "
                "scoring twice.")
    assert r.candidates and r.candidates[0].text == "3-1"
    assert all(c.label != "PERSON" for c in r.candidates)


def test_a_score_may_be_a_percentage(nlp):
    r = reading(nlp, "What score did the film Harbor Nights get on Review Site?",
                "The film Harbor Nights has a 34% score on Review Site, the worst in the series.")
    assert r.candidates and r.candidates[0].text == "34%"


def test_a_vote_no_passage_gives_as_a_tally_is_not_answered(nlp):
    r = reading(nlp, "What was the vote on the Oakdale bridge plan?",
                "The council voted on the Oakdale bridge plan on Tuesday, and 12 residents spoke before Mayor "
                "Ana Ruiz welcomed the result.")
    assert not r.candidates and "vote" in r.abstain_reason


def test_only_what_and_which_ask_for_a_tally(nlp):
    assert asks_tally(analyse("What was the vote in the Senate?", nlp))
    assert analyse("What was the score of the final?", nlp).answer_type is TALLY
    assert not asks_tally(analyse("How many votes did Ana Ruiz win?", nlp))
    # the vote the councilman cast is not what is asked
    councilman = analyse("Which Oakdale councilman cast the only vote against the ban?", nlp)
    assert councilman.focus == "councilman" and not asks_tally(councilman)
    assert councilman.answer_type is not TALLY
