"""The role a question asks its answer to fill, and which name of a sentence fills it (rag/agency.py),
on the real spaCy pipeline."""

from __future__ import annotations

import pytest

from rag.agency import AGENT, PATIENT, asked_role, fills
from rag.asking import asking_words
from rag.nlp import load
from tests.test_reader import docs


@pytest.fixture(scope="module")
def nlp():
    return load()


def _role(nlp, question: str):
    asking = asking_words(nlp(question))
    return asked_role(asking[0] if asking else None)


def test_the_role_a_question_asks_for(nlp):
    assert _role(nlp, "Which company recalled the infant cereal?") == ("recall", AGENT)
    assert _role(nlp, "Who won the Oakdale marathon?") == ("win", AGENT)
    assert _role(nlp, "Which player was traded to Oakdale?") == ("trade", PATIENT)
    assert _role(nlp, "When did Harbor Foods recall the cereal?") is None  # a time, no role
    assert _role(nlp, "Who is the mayor of Oakdale?") is None  # a copula


def test_a_name_the_parse_takes_for_a_modal_leaves_who_the_one_done_to(nlp):
    """"Who did Tom May name ...?": the parse, misled by the name, makes "who" the subject of "did", not
    the object of "name"; the question asks for the one named, and the sentence's passive subject is that one."""
    from rag.question import analyse
    from rag.reader import read

    assert _role(nlp, "Who did Tom May name as harbor director?") == ("name", PATIENT)
    text = "Emily Carter was named harbor director by May after Ana Ruiz's resignation."
    parse = lambda t: nlp(t, disable=["ner"])  # noqa: E731
    r = read(analyse("Who did Tom May name as harbor director?", nlp), docs(nlp, (text, "2018-07-09")),
             lambda _w: 1.0, None, parse)
    assert [c.text for c in r.candidates][:1] == ["Emily Carter"]


def test_which_name_of_a_sentence_fills_the_role(nlp):
    text = "Harbor Foods recalled batches of Acme Crunch cereal on Monday."
    doc = nlp(text, disable=["ner"])
    at = text.index
    assert fills(doc, ("recall", AGENT), at("Harbor Foods"), at("Harbor Foods") + 12) is True
    assert fills(doc, ("recall", AGENT), at("Acme Crunch"), at("Acme Crunch") + 11) is False  # in the object
    assert fills(doc, ("recall", PATIENT), at("Acme Crunch"), at("Acme Crunch") + 11) is True
    assert fills(doc, ("sell", AGENT), at("Harbor Foods"), at("Harbor Foods") + 12) is None  # no such verb
    passive = "Batches of Acme Crunch cereal were recalled by Harbor Foods on Monday."
    doc = nlp(passive, disable=["ner"])
    assert fills(doc, ("recall", AGENT), passive.index("Harbor Foods"), passive.index("Harbor Foods") + 12) is True


def test_the_doer_answers_who_did_it_though_the_thing_done_to_stands_nearer(nlp):
    """Both are companies to the small model; the product stands nearer "cereal"."""
    from rag.question import analyse
    from rag.reader import read

    text = ("The shortage came after Harbor Foods voluntarily recalled in February select batches of Oakmilk, "
            "Lundmix and Acmeform cereals made in Oakdale.")
    question = "Which company recalled the infant cereal?"
    parse = lambda t: nlp(t, disable=["ner"])  # noqa: E731
    r = read(analyse(question, nlp), docs(nlp, (text, "2022-03-01")), lambda _word: 1.0, None, parse)
    assert r.candidates and r.candidates[0].text == "Harbor Foods"


def test_the_head_of_the_done_to_answers_not_a_word_of_its_description(nlp):
    """The small model labels "Grexit" a person, nearer "fired" than Tom Reed: the one fired is the
    head of the passive's subject, not a word of the apposition that describes him."""
    from rag.question import analyse
    from rag.reader import read

    text = "Tom Reed, a leading Grexit campaigner who also sought the mayor's job, was fired as the parks director."
    doc = nlp(text, disable=["ner"])
    at = text.index
    assert fills(doc, ("fire", PATIENT), at("Grexit"), at("Grexit") + 6) is True  # in the phrase
    assert fills(doc, ("fire", PATIENT), at("Grexit"), at("Grexit") + 6, heads=True) is None  # not its head
    assert fills(doc, ("fire", PATIENT), 0, 8, heads=True) is True
    parse = lambda t: nlp(t, disable=["ner"])  # noqa: E731
    r = read(analyse("Who was fired as parks director?", nlp), docs(nlp, (text, "2016-07-14")), lambda _w: 1.0,
             None, parse)
    assert [c.text for c in r.candidates][:1] == ["Tom Reed"]


def test_where_to_and_where_from_take_the_place_after_their_own_preposition(nlp):
    from tests.test_reader import ask_parsed

    passages = docs(nlp, ("After her job went fully remote, Emily Carter decided to move from Nebraska to Vermont.",
                          "2022-03-18"))
    assert [c.text for c in ask_parsed(nlp, "Where did Emily Carter move to?", passages).candidates] == \
        ["Vermont", "Nebraska"]
    assert [c.text for c in ask_parsed(nlp, "Where did Emily Carter move from?", passages).candidates] == \
        ["Nebraska", "Vermont"]


def test_the_best_sentence_is_parsed_once_for_the_role_and_the_hedge_checks(nlp):
    from rag.question import analyse
    from rag.reader import read

    parsed = []

    def parse(text: str):
        parsed.append(text)
        return nlp(text, disable=["ner"])

    text = ("The shortage came after Harbor Foods voluntarily recalled in February select batches of Oakmilk, "
            "Lundmix and Acmeform cereals made in Oakdale.")
    r = read(analyse("Which company recalled the infant cereal?", nlp), docs(nlp, (text, "2022-03-01")),
             lambda _word: 1.0, None, parse)
    assert r.candidates[0].text == "Harbor Foods" and len(parsed) == 1


def test_a_which_question_is_answered_by_the_sentence_that_says_its_verb(nlp):
    """Both are presidents to the corpus; the sentence naming the other holds more of the question."""
    from rag.question import analyse
    from rag.reader import read

    texts = (("Supreme Court Justice Tom Reed officially announces his retirement to President Ana Ruiz.",
              "2022-01-27"),
             ("Reed was nominated to the Supreme Court by President Maria Alvarez in 1994.", "2022-01-27"))
    question = "Which president nominated Tom Reed to the Supreme Court?"
    parse = lambda t: nlp(t, disable=["ner"])  # noqa: E731
    r = read(analyse(question, nlp), docs(nlp, *texts), lambda _word: 1.0, None, parse)
    assert r.candidates and r.candidates[0].text == "Maria Alvarez"


def test_the_role_of_a_fronted_object_and_of_a_relative_clause(nlp):
    # she leads the team, though the parse makes "team" a subject too
    assert _role(nlp, "Which international organisation's Oakdale team does she lead?") == ("lead", PATIENT)
    text = "Tom Reed, who led the review of the Oakdale bank, said the report was late."
    doc = nlp(text, disable=["ner"])
    assert fills(doc, ("lead", AGENT), 0, 8) is True  # the one the relative clause is of
    text = ("“No,” said researcher Tom Reed, a professor of history at the University of Oakdale, Lund, who founded "
            "the university's Brain Center.")
    doc = nlp(text, disable=["ner"])
    assert fills(doc, ("found", AGENT), text.index("Tom Reed"), text.index("Tom Reed") + 8) is True  # the described


def test_a_name_is_no_answer_where_its_sentence_says_another_did_it(nlp):
    from rag.agency import done_by_another
    from rag.question import analyse
    from rag.reader import read

    text = ("The former judge who led the review of the Oakdale bank scandal has backed an inquiry into "
            "complaints about the DJ Tom Reed.")
    doc = nlp(text, disable=["ner"])
    at = text.index("Tom Reed")
    assert done_by_another(("lead", AGENT), doc, at, at + 8)
    said = "It said Tom Reed led the review."
    assert not done_by_another(("lead", AGENT), nlp(said), said.index("Tom"), said.index("Tom") + 8)
    parse = lambda t: nlp(t, disable=["ner"])  # noqa: E731
    r = read(analyse("Who led the review of the Oakdale bank scandal?", nlp), docs(nlp, (text, "2022-07-17")),
             lambda _word: 1.0, None, parse)
    assert "Tom Reed" not in [c.text for c in r.candidates] and r.sentences


def test_how_many_asks_for_the_count_of_the_doers(nlp):
    from rag.question import analyse
    from rag.reader import read

    assert _role(nlp, "How many babies die from SIDS in Lund each year?") == ("die", AGENT)
    texts = (("They compared these levels with those in the blood of 65 babies in a control group and found that "
              "the children who died of SIDS in Lund had lower levels.", "2022-05-13"),
             ("About 340 babies die from SIDS in Lund each year.", "2022-05-13"))
    parse = lambda t: nlp(t, disable=["ner"])  # noqa: E731
    r = read(analyse("How many babies die from SIDS in Lund each year?", nlp), docs(nlp, *texts),
             lambda _word: 1.0, None, parse)
    assert r.candidates and r.candidates[0].text == "About 340"
    # others named by the question's own words may be the ones asked about
    text = ("On the website oakdalereports.com, where people can report any food-related illnesses, over 130 people "
            "have said they felt sick after eating Acme Crunch.", "2022-04-11")
    r = read(analyse("How many people reported feeling sick after eating Acme Crunch?", nlp), docs(nlp, text),
             lambda _word: 1.0, None, parse)
    assert r.candidates and r.candidates[0].text == "over 130"


_TRADES = ("On top of that, the Lund Lions added All-Star pitcher Emily Carter this week, and the Oakdale Owls "
           "traded for All-Star pitcher Tom Reed as well as a reliever.")
_SIGNINGS = "The Oakdale Owls signed pitcher Tom Reed on Monday, and the Lund Lions signed pitcher Emily Carter."


@pytest.mark.parametrize(("question", "text", "answer"), [
    ("Which pitcher did the Oakdale Owls trade for?", _TRADES, "Tom Reed"),
    ("Which pitcher did the Lund Lions sign?", _TRADES, "Emily Carter"),  # the parse takes "sign" for a noun
    ("Who did the Lund Lions sign?", _SIGNINGS, "Emily Carter"),
])
def test_the_name_in_the_clause_of_the_questions_subject_answers(nlp, question, text, answer):
    """Both names are pitchers and stand near the question's words; the clause whose subject is the
    one the question names holds the answer."""
    from rag.question import analyse
    from rag.reader import read

    parse = lambda t: nlp(t, disable=["ner"])  # noqa: E731
    r = read(analyse(question, nlp), docs(nlp, (text, "2021-07-30")), lambda _w: 1.0, None, parse)
    assert [c.text for c in r.candidates][:1] == [answer]


@pytest.mark.parametrize(("question", "role"), [
    ("Who was the pilot of the Harbor glider who survived?", ("survive", AGENT)),
    ("Who was the Oakdale officer who was fired?", ("fire", PATIENT)),
    ("Who is the mayor of Oakdale?", None),
])
def test_a_relative_clause_under_a_copula_is_the_role_asked(nlp, question, role):
    assert _role(nlp, question) == role
