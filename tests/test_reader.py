"""The offline reader on hand-written passages, annotated by the real spaCy pipeline: candidates of
the type asked for, the constraints they must meet, and abstentions that say what failed."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from rag.annotate import annotate, dumps
from rag.answer_types import TypeLexicon
from rag.evidence import span_key
from rag.nlp import load
from rag.places import place_fit
from rag.question import analyse
from rag.reader import Doc, read
from rag.sparse import add_links
from rag.timeframe import reports_day


@pytest.fixture(scope="module")
def nlp():
    return load()


def docs(nlp, *passages: tuple[str, str | None]) -> list[Doc]:
    """(text, date) pairs as annotated passages of separate articles."""
    return [
        Doc(text, f"Report {i}", f"article-{i}.txt", ann, when)
        for i, ((text, when), ann) in enumerate(zip(passages, annotate([t for t, _ in passages], nlp)))
    ]


def ask(nlp, question: str, passages: list[Doc], as_of: date | None = None, lexicon: TypeLexicon | None = None):
    return read(analyse(question, nlp, lexicon, as_of=as_of), passages, lambda _word: 1.0, lexicon)


def first_answer(nlp, question: str, text: str, when: str | None = None, as_of: date | None = None) -> str | None:
    """The best candidate's text for `question` over the one passage `text`, or None when none is."""
    r = ask(nlp, question, docs(nlp, (text, when)), as_of=as_of)
    return r.candidates[0].text if r.candidates else None


def ask_parsed(nlp, question: str, passages: list[Doc]):
    """As `ask`, with spaCy's parser for the reader's checks of its best answer's sentence."""
    return read(analyse(question, nlp), passages, lambda _word: 1.0, None, lambda t: nlp(t, disable=["ner"]))


def parsed_answers(nlp, question: str, text: str, when: str) -> list[str]:
    """The candidates' texts, best first, for `question` over the one passage `text`, read with the parser."""
    return [c.text for c in ask_parsed(nlp, question, docs(nlp, (text, when))).candidates]


def test_a_person_question_gets_the_person_not_the_organisation(nlp):
    passages = docs(nlp, (
        "The board of Northwind Shipping named Maria Alvarez as its new chief executive on Monday. "
        "Northwind Shipping said the appointment takes effect in March.", "2022-03-01"))
    r = ask(nlp, "Who did Northwind Shipping name as its new chief executive?", passages)
    assert r.abstain_reason is None
    assert r.candidates[0].text == "Maria Alvarez"
    assert r.candidates[0].label == "PERSON"


def test_an_organisation_question_gets_the_organisation(nlp):
    passages = docs(nlp, (
        "Shares of Harbor Foods fell after the grocer Harbor Foods said it would close 40 stores. "
        "Analyst Tom Reed called the closures overdue.", "2022-03-01"))
    r = ask(nlp, "Which company said it would close 40 stores?", passages)
    assert r.candidates[0].text == "Harbor Foods"


def test_the_year_the_question_names_must_hold(nlp):
    passages = docs(
        nlp,
        ("The city of Brenton won the 2019 title after beating Oakdale in the final.", "2019-06-02"),
        ("The city of Marlow won the 2021 title after beating Oakdale in the final.", "2021-06-05"),
    )
    r = ask(nlp, "Which city won the 2021 title?", passages)
    assert r.candidates[0].text == "Marlow"
    r = ask(nlp, "Which city won the 2017 title?", passages)
    assert r.abstain_reason and "2017" in r.abstain_reason and "2019" in r.abstain_reason


def test_an_abstention_names_the_years_its_sentences_are_about_not_the_one_asked(nlp):
    """The passage names 2019 in a sentence with no winner: the sentence that names one is about 2016,
    and the reason says so, not "the passages report on 2016, 2019, none on 2019"."""
    text = "Tom Reed won the Oakdale marathon in 2016. The race was cancelled in 2019 because of floods."
    r = ask(nlp, "Who won the Oakdale marathon in 2019?", docs(nlp, (text, "2019-06-02")))
    assert not r.candidates and r.abstain_reason == "the passages report on 2016, none on 2019", r.abstain_reason


def test_an_open_question_about_another_year_is_refused_not_answered_with_a_sentence(nlp):
    """An open noun ("what route") where no passage ties a name to it is answered by its best
    sentence; but not by a sentence about another year than the one asked about."""
    passages = docs(nlp, ("The longest new bus route in Oakdale was the coastal loop in 2021, the city's transport "
                          "office said. It opened the harbor line in 2022.", "2022-01-22"))
    r = ask(nlp, "What was the longest new bus route in Oakdale in 2019?", passages)
    assert r.abstain_reason and "2019" in r.abstain_reason and "2021" in r.abstain_reason, r.abstain_reason
    r = ask(nlp, "What was the longest new bus route in Oakdale in 2021?", passages)
    assert r.abstain_reason is None and r.sentences, r.abstain_reason


def test_a_day_asked_about_is_reported_that_week_or_named(nlp):
    """"Which city won the final on June 14, 2022?": not a final reported in August, unless the passage
    names the day; an article of that week may say "on Tuesday"."""
    from rag.timeframe import reports_day

    assert reports_day("2022-06-15", "on Tuesday", "2022-06-14") and reports_day(None, "", "2022-06-14")
    assert not reports_day("2022-06-10", "on June 14", "2022-06-14")  # before it: it cannot tell how it went
    assert reports_day("2022-08-03", "back on Jun. 14", "2022-06-14")
    assert reports_day("2022-11-03", "on Sept. 14", "2022-09-14")
    assert not reports_day("2022-11-03", "Sept. 4", "2022-09-14")
    assert not reports_day("2022-08-03", "on Tuesday", "2022-06-14")
    august = ("The city of Brenton won the final on Sunday after beating Oakdale.", "2022-08-03")
    june = ("The city of Marlow won the final on Tuesday after beating Oakdale.", "2022-06-15")
    q = "Which city won the final on June 14, 2022?"
    r = ask(nlp, q, docs(nlp, august, june), as_of=date(2022, 6, 20))
    assert [c.text for c in r.candidates][:1] == ["Marlow"]
    r = ask(nlp, q, docs(nlp, august), as_of=date(2022, 8, 20))
    assert not r.candidates and r.abstain_reason == \
        "no article that could answer reports on June 14, 2022 (they are from 2022-08-03)"


def test_a_question_for_a_year_may_name_another_year(nlp):
    """"Prices rose 7% in 2021. ... since what year?": the sentence that answers states 1982, its
    passage 2021; for a question about a name the sentence's own year must be the question's."""
    passages = docs(nlp, ("Consumer prices in Oakdale rose 7% in 2021, figures released on Wednesday showed. That "
                          "was the fastest annual rise in consumer prices since 1982.", "2022-01-12"))
    r = ask(nlp, "Oakdale's consumer prices rose 7% in 2021. That was their fastest annual rise since what year?",
            passages)
    assert r.abstain_reason is None and r.candidates[0].text == "1982"
    passages = docs(nlp, ("The city of Brenton won the 2019 title. In 2021, fans in Marlow celebrated the "
                          "city's first final since 1982.", "2021-06-05"))
    r = ask(nlp, "Which city won the 2019 title?", passages)
    assert r.candidates and r.candidates[0].text == "Brenton"


def test_a_number_with_its_unit(nlp):
    passages = docs(nlp, (
        "The strike lasted three weeks. Union leaders said 1,200 workers joined the strike on the first day.", None))
    r = ask(nlp, "How many workers joined the strike on the first day?", passages)
    assert r.candidates[0].text == "1,200 workers" or r.candidates[0].text == "1,200"
    r = ask(nlp, "How many buses did the strike cancel?", passages)
    assert r.abstain_reason == "no passage gives a number of buses the question asks about"
    r = ask(nlp, "How many people did the strike affect?", passages)
    assert r.abstain_reason == "no passage gives a number of people the question asks about"


def test_a_statement_to_complete_with_an_amount_gets_the_amount(nlp):
    """"The top prize amount rose to:" asks how much; the name beside the amount is no answer."""
    passages = docs(nlp, (
        "The Oakdale Lotto jackpot rose to $310 million after no ticket matched all five numbers in "
        "Tuesday's draw, Acme Lotteries said.", "2022-07-20"))
    r = ask(nlp, "After nobody won the Oakdale Lotto jackpot on Tuesday, the top prize amount rose to:", passages)
    assert r.candidates and r.candidates[0].text == "$310 million"


def test_the_object_of_to_after_the_noun_asked_about_is_not_one(nlp):
    """"The sequel to the 1986 blockbuster": the blockbuster is what the sequel follows, not a sequel."""
    r = ask(nlp, "Which sequel made $156 million over the holiday weekend?", docs(nlp, (
        "The sequel to the 1986 blockbuster made an estimated $156 million over the holiday weekend.", None)))
    assert not r.candidates or "blockbuster" not in r.candidates[0].text
    r = ask(nlp, "Which sequel made $156 million over the holiday weekend?", docs(nlp, (
        "The sequel \"Oakdale Nights\" made an estimated $156 million over the holiday weekend.", None)))
    assert r.candidates and r.candidates[0].text == "Oakdale Nights"


def test_a_name_the_passage_calls_another_kind_is_no_answer(nlp):
    """The small model labelled "MomsRising" of "advocacy group MomsRising" a product in a real news
    passage (rtqa-2022), and "Which product ...?" was answered with it. Here the same mislabel on an
    invented passage: what the passage calls the name (a group, a nationality or political group in
    the scheme's descriptions) overrules the label, for a question whose type takes no group."""
    text = "Ana Ruiz, a vice president for advocacy group ParentsFirst, said formula is hard to find in stores."
    [passage] = docs(nlp, (text, None))
    a = text.index("ParentsFirst")
    passage.ann["e"] = [e if e[0] != a else [a, a + len("ParentsFirst"), "PRODUCT", e[3]] for e in passage.ann["e"]]
    assert [a, a + len("ParentsFirst"), "PRODUCT", "appos:group"] in passage.ann["e"]
    r = ask(nlp, "Which product is hard to find in stores?", [passage])
    assert "ParentsFirst" not in [c.text for c in r.candidates]
    r = ask(nlp, "Which advocacy group said formula is hard to find in stores?", [passage])
    assert r.candidates and r.candidates[0].text == "ParentsFirst"  # a group answers what asks for one


def test_a_figure_for_a_namesake_of_the_one_asked_about_does_not_answer(nlp):
    """"How many people were evacuated after the Mount Kelud eruption?" is not answered by a sentence about
    Mount Sinabung in the Kelud story; a sentence naming Kelud may."""
    sinabung = "Earlier this month, Mount Sinabung erupted and 16 people were evacuated from nearby villages."
    kelud = "Officials said more than 100,000 people had been evacuated from villages around Kelud."
    question = "How many people were evacuated after the Mount Kelud eruption?"
    assert first_answer(nlp, question, sinabung + " " + kelud, "2014-02-14") == "more than 100,000"
    r = ask(nlp, question, docs(nlp, (sinabung, "2014-02-14")))
    assert not r.candidates and "another than Mount Kelud" in r.abstain_reason


@pytest.mark.parametrize("name, sentence, passage, other", [
    ("Mount Kelud", "Mount Sinabung erupted.", "", True),
    ("Hurricane Ida's", "Hurricane Ian hit Florida.", "", True),
    ("Mount Kelud", "Mount Sinabung erupted, as Kelud did.", "", False),  # the one asked about is named too
    ("Disney Store", "Target will open Disney shops, as the Walt Disney Co. closes its own.", "its stores", False),
    ("the CBS News/YouGov", "A CBS News/YouGov poll found 59%.", "", False),
    ("Joe Biden", "President Biden spoke.", "", False),  # a title before the name is no other name
])
def test_a_namesake_shares_a_name_s_first_words_and_not_its_last(name, sentence, passage, other):
    from rag.constraints import _namesake

    assert _namesake(name, sentence, passage) is other


def test_a_count_given_as_the_number_of_the_noun_asked_is_tied_to_it(nlp):
    """"... scale up the number of troops on high alert to 300,000": the count is of the troops, though four
    words stand between; not a figure the clause gives otherwise ("... from 40,000")."""
    text = ("The Oakdale alliance agreed on Tuesday to scale up the number of troops on high alert to 300,000, "
            "a sevenfold increase.")
    question = "To how many troops did the Oakdale alliance say it would scale up its high-alert forces?"
    assert first_answer(nlp, question, text, "2022-06-29") == "300,000"


@pytest.mark.parametrize("before, counted", [
    ("The alliance will scale up the number of troops on high alert to ", True),
    ("It cut the number gaming stations from 850 to ", True),
    ("The number of troops stood at ", True),  # "stood at": "at"
    ("The number of troops rose from ", False),
    ("The number of tanks grew, and troops went to ", False),
])
def test_the_number_of_a_noun_is_read_from_the_words_before_the_value(before, counted):
    from rag.ties import _number_of

    assert bool(_number_of(before, {"troop", "station"})) is counted


def test_the_day_of_a_date_the_question_names_is_no_count_it_states(nlp):
    """"... the switchboard logs for January 6, 2021?" states no count of six: "The six pages of ..." answers
    "How many pages ...?"; a count the question does state is still its own."""
    text = "The six pages of White House switchboard logs for January 6, 2021, are complete, the archive said."
    question = "How many pages long are the White House switchboard logs for January 6, 2021?"
    assert first_answer(nlp, question, text, "2022-03-29") == "six"
    assert first_answer(nlp, "How many pages of the 6 logs were released?", text.replace("January 6, 2021", "Monday"),
                        "2022-03-29") is None


def test_the_kind_asked_about_before_a_name_answers_with_the_name(nlp):
    """"in the constellation Harborus": the small model labels no name there; the phrase gives the kind asked
    about, then the name."""
    text = ("This compact galaxy group, first found in 1787, lies 290 million light-years away in the "
            "constellation Harborus.")
    question = "In which constellation does the compact galaxy group lie?"
    assert first_answer(nlp, question, text, "2022-07-12") == "Harborus"


def test_a_figure_for_another_country_does_not_answer(nlp):
    """"What was the Swedish inflation rate?" is not answered by Norway's rate; a sentence naming
    Sweden in any of its forms may. (The corpus ties "rate" to percentages.)"""
    lexicon = TypeLexicon()
    for _ in range(5):
        lexicon.add("rate", "PERCENT")
    norway = ("Norway's annual rate of inflation hit 12% in June, its highest level in two decades.", None)
    q = "What was the Swedish inflation rate in June?"
    r = ask(nlp, q, docs(nlp, norway), lexicon=lexicon)
    assert not r.candidates and r.abstain_reason == "the passages give that figure for another country than Swedish"
    r = ask(nlp, q, docs(nlp, norway, ("Sweden's annual inflation rate rose to 8.7% in June.", None)), lexicon=lexicon)
    assert r.candidates[0].text == "8.7%"
    r = ask(nlp, "What was the U.S. inflation rate in June?", docs(nlp, norway, (
        "The US annual inflation rate rose to 9.1% in June.", None)), lexicon=lexicon)
    assert r.candidates[0].text == "9.1%"


def test_a_question_about_what_is_still_to_happen_is_not_answered_with_a_date_before_the_news(nlp):
    """"When will ...?" of a September story: not "late July" (before it), but "early October"."""
    passages = docs(nlp, (
        "Pyongyang restored the hotlines with Seoul in late July for the first time in a year, but cut them two "
        "weeks later. Kim said Pyongyang would restore the hotlines with Seoul in early October.", "2021-09-30"))
    r = ask(nlp, "When will Pyongyang restore the hotlines with Seoul?", passages)
    assert r.candidates[0].text == "early October"
    r = ask(nlp, "When are the hotlines with Seoul set to be restored?", passages)
    assert "late July" not in [c.text for c in r.candidates]
    r = ask(nlp, "When did Pyongyang restore the hotlines with Seoul?", passages)
    assert "late July" in [c.text for c in r.candidates]  # what happened may be before the news


def test_a_length_of_time_is_no_answer_to_when(nlp):
    """"When ...?" asks for a point in time: not "five weeks", which answers "How long ...?"."""
    passages = docs(nlp, (
        "With just over five weeks to go before Oakdale loan payments restart, the council has not decided. "
        "Currently, Oakdale loan payments are set to restart after August 31.", "2022-07-26"))
    r = ask(nlp, "When are Oakdale loan payments set to restart?", passages)
    assert [c.text for c in r.candidates] == ["August 31"]
    later = docs(nlp, ("Oakdale loan payments have been paused for 360 days and are set to restart after August 31.",
                       "2022-07-26"))
    r = ask(nlp, "When are Oakdale loan payments set to restart?", later)
    assert [c.text for c in r.candidates] == ["August 31"]  # not "360 days" either
    r = ask(nlp, "How long until Oakdale loan payments restart?", passages)
    assert r.candidates[0].text == "five weeks"
    launch = docs(nlp, ("The Oakdale rocket separated from its upper stage 27 minutes after the launch on December 25.",
                        "2021-12-26"))
    assert "27 minutes" not in [c.text for c in ask(nlp, "When did the Oakdale rocket launch?", launch).candidates]
    bridge = docs(nlp, ("The Oakdale bridge has been closed for two decades and is set to reopen in the spring.",
                        "2022-03-01"))  # "decades" names no December
    assert [c.text for c in ask(nlp, "When is the Oakdale bridge set to reopen?", bridge).candidates] == ["spring"]


def test_a_year_in_the_name_asked_about_must_hold(nlp):
    """"Who won the 2022 Harbor Cup?": not the winner of another year's cup, nor of another cup."""
    passages = docs(nlp, ("Tom Reed, 37, Finland: He won the Harbor Cup in 2008 and played 1,000 games.", "2022-02-08"),
                    ("Ana Ruiz won the Oakdale Cup in 2022, her third title.", "2022-06-01"))
    r = ask(nlp, "Who won the 2022 Harbor Cup?", passages)
    assert not r.candidates


def test_a_title_of_another_country_is_not_the_one_asked_about(nlp):
    """"Who is the Swedish ambassador ...?": not the Norwegian ambassador, whose title is as close."""
    told = "told the United Nations that the cyclone had left a difficult recovery."
    norway, sweden = (f"Norwegian Ambassador Ana Ruiz {told}", None), (f"Swedish Ambassador Tom Reed {told}", None)
    q = "Who is the Swedish ambassador to the United Nations?"
    r = ask(nlp, q, docs(nlp, norway))
    assert not r.candidates and r.abstain_reason == "no passage names the ambassador the question asks about"
    r = ask(nlp, q, docs(nlp, norway, sweden))
    assert [c.text for c in r.candidates] == ["Tom Reed"]


def test_a_capitalised_title_is_asked_for_as_a_noun(nlp):
    """"Who is the President of Lund?": the small model takes "President" for a name; where the corpus
    writes it before persons' names it is the noun asked about, so another country's president (his
    title's owner as close) is no answer. A name the model misses keeps its capitals."""
    lexicon = TypeLexicon()
    for _ in range(5):
        lexicon.add("president", "PERSON")
        lexicon.add("minister", "PERSON")
    told = "told reporters on Sunday that the talks had gone well."
    norway = (f"Norway's President Ana Ruiz {told}", "2022-05-10")
    lund = (f"Lund President Tom Reed {told}", "2022-05-09")
    q = analyse("Who is the President of Lund?", nlp, lexicon)
    assert q.focus == "president" and q.text == "Who is the President of Lund?"
    assert [c.text for c in ask(nlp, q.text, docs(nlp, norway, lund), lexicon=lexicon).candidates][:1] == ["Tom Reed"]
    assert analyse("Who is the Prime Minister of Lund?", nlp, lexicon).focus == "minister"
    assert analyse("Who is the President of Lund?", nlp).focus is None  # a corpus that never says so
    assert analyse("Which team won the Harbor Cup?", nlp, lexicon).topics == \
        analyse("Which team won the Harbor Cup?", nlp).topics


def test_a_former_holder_of_a_title_is_not_who_holds_it_now(nlp):
    """"Who is the mayor of Oakdale?" is not answered by "former Oakdale Mayor Tom Reed"; "Who was
    the mayor ...?" may be."""
    passages = docs(nlp, ("Former Oakdale Mayor Tom Reed opened the harbor festival on Saturday.", "2022-05-10"),
                    ("Oakdale Mayor Maria Alvarez opened the new library on Saturday, officials said.", "2022-05-11"))
    r = ask(nlp, "Who is the mayor of Oakdale?", passages)
    assert [c.text for c in r.candidates] == ["Maria Alvarez"]
    r = ask(nlp, "Who is the mayor of Oakdale?", passages[:1])
    assert not r.candidates and r.abstain_reason == "no passage names the mayor the question asks about"
    r = ask(nlp, "Who was the former mayor of Oakdale who opened the festival?", passages[:1])
    assert [c.text for c in r.candidates][:1] == ["Tom Reed"]


def test_a_title_with_its_owner_stands_beside_the_name(nlp):
    """"Secretary of State Ana Ruiz": the title is written with what it is of, and still names her."""
    said = "Secretary of State Maria Alvarez told reporters on Monday that the talks had gone well."
    passages = docs(nlp, (said, None))
    r = ask(nlp, "Who is the secretary of state?", passages)
    assert [c.text for c in r.candidates][:1] == ["Maria Alvarez"]


def test_a_name_that_says_its_kind_is_one_of_it(nlp):
    """"Which museum held the Lund Gala?": "the Harbor Art Museum" says it is a museum."""
    text = "Two guests at the Harbor Art Museum's March 7 \"Lund Gala\" have tested positive for the flu."
    r = ask(nlp, "Which museum held the Lund Gala?", docs(nlp, (text, "2022-03-15")))
    assert [c.text for c in r.candidates] == ["Harbor Art Museum"] and r.abstain_reason is None


def test_a_title_whose_owner_goes_unsaid_may_be_the_one_asked_about(nlp):
    """"Who is Sweden's trade minister?": "Trade Minister Maria Alvarez", in a story about Sweden that
    names no other country beside her title, may be; "Norwegian Trade Minister Tom Reed" is not."""
    said = ("Sweden has given more than $1 billion in aid to its neighbours over the past year, Trade Minister "
            "Maria Alvarez said in a statement.", "2022-03-02")
    r = ask(nlp, "Who is Sweden's trade minister?", docs(nlp, said))
    assert [c.text for c in r.candidates] == ["Maria Alvarez"] and r.candidates[0].focus == 0.6
    norway = ("Sweden and Norway signed the deal on Monday. Norwegian Trade Minister Tom Reed said the aid had "
              "helped.", "2022-03-03")
    r = ask(nlp, "Who is Sweden's trade minister?", docs(nlp, norway))
    assert "Tom Reed" not in [c.text for c in r.candidates]


def test_the_event_is_spoken_of_by_a_noun_compounded_with_its_own(nlp):
    """"... wrote the majority opinion ...?": a sentence that says "for the court's 4-3 majority" speaks
    of that event, though not of an "opinion"."""
    question = "Which judge wrote the majority opinion striking down Oakdale's parking law?"
    assert analyse(question, nlp).event == ("majority", "opinion")
    text = ("The Lund Supreme Court on Thursday struck down Oakdale's parking law. \"We conclude that the regime "
            "violates the charter,\" Judge Maria Alvarez wrote for the court's 4-3 majority.")
    r = ask(nlp, question, docs(nlp, (text, "2022-06-23")))
    assert [c.text for c in r.candidates] == ["Maria Alvarez"]


def test_who_did_it_is_the_one_titled_by_the_doing(nlp):
    """"Who wrote the original film?": "writer Maria Alvarez", not "the late director Tom Reed" of the same
    sentence; a "winner" of another sentence is not put first (the one named there may have won another
    year)."""
    from rag.doing import titled_doer_first

    text = ("The new film replicates elements of the original by the late director Tom Reed (to whom the film is "
            "dedicated) and writer Maria Alvarez, a horror classic.")
    r = ask(nlp, "Who wrote the original film?", docs(nlp, (text, "2022-01-12")))
    assert [c.text for c in r.candidates] == ["Maria Alvarez", "Tom Reed"]
    titled = text.replace("director", "Director").replace("writer", "Writer")  # news capitalises a title before a name
    assert [c.text for c in ask(nlp, "Who wrote the original film?", docs(nlp, (titled, None))).candidates][:1] == \
        ["Maria Alvarez"]
    other = replace(r.candidates[0], evidence=replace(r.candidates[0].evidence, start=0, passage=1))
    assert titled_doer_first(("wrote", "wrote", "write"), [r.candidates[1], other]) == [r.candidates[1], other]


def test_the_datelines_place_is_no_country_of_a_title(nlp):
    """"Lund, Norway (CNN) First lady Maria Alvarez ...": the story was filed in Norway; her title is not Norway's."""
    from rag.datelines import dateline_end

    filed = "Lund, Norway (CNN) First lady Maria Alvarez spent part of Sunday visiting a school in Lund."
    assert filed[dateline_end(filed, 0):].startswith("First lady")
    said = "The World Health Organization (WHO) said on Monday that cases had risen."
    assert dateline_end(said, 0) == 0
    hosts = ("At the school, Alvarez met with Norwegian first lady Emily Carter, who thanked her for the visit.", None)
    r = ask(nlp, "Who is the first lady of Norway?", docs(nlp, (filed, None), hosts))
    assert [c.text for c in r.candidates][:1] == ["Emily Carter"]


def test_a_name_with_a_title_of_its_own_is_not_the_noun_beside_it(nlp):
    """"Oakdale Director Tom Reed notified museum employees": Reed is a director, no museum."""
    text = ("Oakdale Director Tom Reed notified museum employees that one Harbor Ball guest had tested positive "
            "for Covid-19 in an email on Sunday.")
    r = ask(nlp, "Which museum held the Harbor Ball?", docs(nlp, (text, "2020-03-15")))
    assert "Tom Reed" not in [c.text for c in r.candidates]


def test_a_length_from_a_point_is_no_length_of_time(nlp):
    """"How long ...?": "three weeks", not "a year later" (a point in time, counted from another)."""
    passages = docs(nlp, ("The Oakdale port strike ended a year later, when the workers at the Oakdale port returned.",
                          "2022-07-08"), ("The Oakdale port strike lasted three weeks, the union said.", "2022-07-09"))
    r = ask(nlp, "How long did the Oakdale port strike last?", passages)
    assert r.candidates[0].text == "three weeks"


def test_a_title_of_another_organisation_is_not_the_one_asked_about(nlp):
    """"Who is the chief executive of Harbor Foods?": not Acme's chief executive."""
    acme = ("In a memo to staff, Acme Chief Executive Ana Ruiz said the company would slow hiring this year, as "
            "Harbor Foods did last year.", None)
    harbor = ("In a memo to staff, Harbor Foods Chief Executive Tom Reed said the company would slow hiring.", None)
    q = "Who is the chief executive of Harbor Foods?"
    assert not ask(nlp, q, docs(nlp, acme)).candidates
    assert [c.text for c in ask(nlp, q, docs(nlp, acme, harbor)).candidates][:1] == ["Tom Reed"]
    # an owner of many words is written further from the name than a short one
    unit = ("“These finds were lost at sea for hundreds of years,” said Tom Reed, director of the Oakdale County "
            "Historical Society Archaeology Unit.", None)
    q = "Who is the director of the Oakdale County Historical Society Archaeology Unit?"
    assert [c.text for c in ask(nlp, q, docs(nlp, unit)).candidates][:1] == ["Tom Reed"]
    # but only after the name: one written well before it is no owner of its title
    supported = ("Ana Ruiz said Lund feels supported by the Oakdale County Historical Society and by Director Tom "
                 "Reed of the Harbor Museum.", None)
    assert "Tom Reed" not in [c.text for c in ask(nlp, q.replace(" Archaeology Unit", ""),
                                                    docs(nlp, supported)).candidates]


def test_a_person_of_another_country_is_not_the_official_asked_about(nlp):
    """"Which Swedish official ...?", where the corpus calls Maria Alvarez an official: her title in
    the sentence is Norway's, so she is not tied to the noun asked about, whatever the question's type."""
    passages = docs(nlp, ("Maria Alvarez, Norway's foreign policy chief, rejected talks with Swedish officials at the "
                          "council on Wednesday.", "2022-07-08"))
    lexicon = TypeLexicon(kinds={"maria alvarez": {"offici": 2}})
    r = ask(nlp, "Which Swedish official rejected talks at the council on Wednesday?", passages, lexicon=lexicon)
    assert "Maria Alvarez" not in [c.text for c in r.candidates]


def test_a_name_inside_a_quoted_title_is_the_titles(nlp):
    """"Judas" of "Judas and the Black Messiah" (labelled a person by the small model) is no person."""
    text = 'Reed won best supporting actor for his role in "Judas and the Black Messiah."'
    passages = docs(nlp, (text, "2022-03-22"))
    assert ("Judas", "PERSON") in [(passages[0].text[a:b], label) for a, b, label, _ in passages[0].ann["e"]]
    r = ask(nlp, "Who won the award for best supporting actor?", passages)
    assert "Judas" not in [c.text for c in r.candidates]


def test_a_figure_the_question_states_must_be_in_the_passage(nlp):
    """"Which company announced layoffs of 10,000 employees?": not the company of a passage about other layoffs."""
    acme = ("Acme announced layoffs of 2,000 employees as its sales fell.", "2022-06-01")
    harbor = ("Harbor Foods announced layoffs of 10,000 employees on Monday.", "2022-06-02")
    q = "Which company announced layoffs of 10,000 employees?"
    r = ask(nlp, q, docs(nlp, acme))
    assert not r.candidates and r.abstain_reason == "no passage that could answer names '10,000'"
    r = ask(nlp, q, docs(nlp, acme, harbor))
    assert r.candidates[0].text == "Harbor Foods"


def test_how_many_times_counts_what_the_verb_does(nlp):
    """"How many times has Oakdale tested missiles?": "three missile tests" counts the testing."""
    passages = docs(nlp, ("Oakdale has conducted three missile tests this month, officials said.", "2021-09-29"))
    r = ask(nlp, "How many times has Oakdale tested missiles this month?", passages)
    assert r.candidates and r.candidates[0].text == "three"


def test_a_name_has_a_capital_letter(nlp):
    """"What is the name of the gunman?": not "at least six people", a phrase beside the noun asked about."""
    passages = docs(nlp, ("A gunman killed at least six people in a shooting during the Oakdale parade on Monday.",
                          "2022-07-05"))
    r = ask(nlp, "What is the name of the gunman in the Oakdale parade shooting?", passages)
    assert not r.candidates


def test_an_absent_answer_is_an_explained_abstention(nlp):
    passages = docs(nlp, (
        "The museum reopened on Saturday after a two-year renovation, its director said.", "2022-05-01"))
    r = ask(nlp, "Which architect designed the museum's new wing?", passages)
    assert r.abstain_reason


def test_a_question_about_this_week_needs_evidence_from_that_week(nlp):
    lexicon = TypeLexicon()  # what a news corpus's links say: "the airline Delta", ...
    for _ in range(5):
        lexicon.add("airline", "ORG")
    passages = docs(
        nlp,
        ("Northwind Air agreed to buy Sky Lines, the two airlines said.", "2019-02-01"),
        ("Regulators approved the Sky Lines deal, the airline said.", "2022-07-26"),
    )
    question = "Which airline agreed to buy Sky Lines this week?"
    r = ask(nlp, question, passages, as_of=date(2022, 7, 28), lexicon=lexicon)
    used = [r.candidates[0].evidence] if r.candidates else r.sentences
    assert r.abstain_reason or used and all(e.passage == 1 for e in used)  # never the 2019 deal
    r = ask(nlp, question, passages[:1], as_of=date(2022, 7, 28), lexicon=lexicon)
    assert r.abstain_reason and "2019-02-01" in r.abstain_reason and "this week" in r.abstain_reason
    r = ask(nlp, question, passages[:1], as_of=date(2019, 2, 3), lexicon=lexicon)
    assert r.candidates and r.candidates[0].text == "Northwind Air"


def test_a_name_a_passage_calls_the_noun_asked_about_fits_whatever_its_label(nlp):
    """"consulting firm Brenner" answers "Which firm ...?" though the small model labels Brenner a
    person, before an organisation the sentence names beside it."""
    lexicon = TypeLexicon()
    for _ in range(5):
        lexicon.add("firm", "ORG")
    text = "“Demand is falling,” Ana Ruiz, a partner at consulting firm Brenner, told the Oakdale Herald."
    r = ask(nlp, "Which firm is Ana Ruiz a partner at?", docs(nlp, (text, None)), lexicon=lexicon)
    assert [c.text for c in r.candidates[:2]] == ["Brenner", "Oakdale Herald"] and r.candidates[0].fit == 1.0


def test_a_type_guessed_from_the_corpus_needs_a_tie_to_the_noun_or_most_of_the_question(nlp):
    """"Which food chain ...?" is typed organisation only because the corpus ties "chain" to
    organisations: a guess. An organisation in a sentence that holds half of the question and says
    nothing of a chain does not answer it (a bank's analysts are not the chain); one the sentence
    calls a chain, or one whose sentence holds most of the question, does."""
    lexicon = TypeLexicon()
    for _ in range(5):
        lexicon.add("chain", "ORG")
    question = "Which food chain launched a redesigned menu in 21,000 of its restaurants?"
    assert analyse(question, nlp, lexicon).answer_type.learned
    [bank] = docs(nlp, ("Analysts at Goldman Sachs said diners want a redesigned menu at food restaurants.",
                        "2022-07-01"))
    r = ask(nlp, question, [replace(bank, lead="The bank surveyed 21,000 restaurants.")], lexicon=lexicon)
    assert not r.candidates and r.abstain_reason == "no passage names the chain the question asks about"
    for text in ("Burger Barn, the food chain, launched a redesigned menu in 21,000 of its restaurants on Monday.",
                 "Burger Barn launched a redesigned menu in 21,000 of its restaurants on Monday."):
        r = ask(nlp, question, docs(nlp, (text, "2022-07-01")), lexicon=lexicon)
        assert r.abstain_reason is None and r.candidates[0].text == "Burger Barn", text


def test_a_guessed_type_is_not_answered_by_a_name_of_another_kind_untied_to_the_noun(nlp):
    """The corpus ties "judge" to people: "Which judge ...?" is not answered by the party of "the
    three Republican judges" (a kind of judge, not one), nor by the court the sentence names (an
    organisation, which fits a person question only loosely), however much of the question it holds."""
    lexicon = TypeLexicon()
    for _ in range(5):
        lexicon.add("judge", "PERSON")
    question = "Which judge of the Oakdale County court wrote the dissent in the ruling on the mail-in voting law?"
    assert analyse(question, nlp, lexicon).answer_type.learned
    text = ("The Oakdale County court panel split on the mail-in voting law, with the three Republican judges "
            "agreeing and two judges writing a dissent in the ruling.")
    r = ask(nlp, question, docs(nlp, (text, "2022-07-01")), lexicon=lexicon)
    assert not r.candidates, [c.text for c in r.candidates]  # its sentences at most, no name given as the judge
    r = ask(nlp, question, docs(nlp, (text.replace("two judges", "Judge Ana Ruiz"), "2022-07-01")), lexicon=lexicon)
    assert r.abstain_reason is None and r.candidates[0].text == "Ana Ruiz"


def corpus_lexicon(nlp, *texts: str) -> TypeLexicon:
    """The lexicon `rag index` saves for a corpus of `texts`, as a later process loads it."""
    lexicon = TypeLexicon()
    for text, record in zip(texts, annotate(texts, nlp)):
        add_links(lexicon, {"ann": dumps(record)}, text)
    return TypeLexicon.from_json(lexicon.to_json(), json.loads(json.dumps(lexicon.kinds_json())))


def test_what_the_corpus_calls_a_name_elsewhere_ties_it_to_the_noun_asked_about(nlp):
    """The passage that answers names the virus bare ("the spread of mumps"); other articles call
    it "the mumps virus". Only what the corpus says that way at least twice counts for a plain
    phrase; one parse tie of a name ("the retailer Sheetz") is enough."""
    question = "Which virus did the health agency open an emergency center to respond to?"
    passages = docs(nlp, ("The health agency opened an emergency operations center on Tuesday to respond to the "
                          "spread of mumps in three states.", "2022-07-01"))
    elsewhere = ["Doctors say the mumps virus spreads through saliva.",
                 "Cases of the mumps virus rose in May, and a mumps vaccine is given to children."]
    assert not ask(nlp, question, passages).candidates  # a sentence answer: nothing is called a virus
    assert not ask(nlp, question, passages, lexicon=corpus_lexicon(nlp, *elsewhere[:1])).candidates
    r = ask(nlp, question, passages, lexicon=corpus_lexicon(nlp, *elsewhere))
    assert r.abstain_reason is None and r.candidates[0].text == "mumps"

    question = "Which retailer lowered its gas prices to $3.99 a gallon?"
    passages = docs(nlp, ("Sheetz lowered its gas prices to $3.99 a gallon through the holiday weekend, "
                          "drivers in Ohio said.", "2022-07-01"))
    assert not ask(nlp, question, passages).candidates
    lexicon = corpus_lexicon(nlp, "Shoppers lined up outside the retailer Sheetz in Altoona.")
    r = ask(nlp, question, passages, lexicon=lexicon)
    assert r.abstain_reason is None and r.candidates[0].text == "Sheetz"


def test_a_country_outside_the_region_the_question_names_is_no_answer(nlp):
    """"Which European nation" is not answered by a country countryinfo puts in Asia."""
    lexicon = TypeLexicon()
    for _ in range(5):
        lexicon.add("nation", "GPE")
    passages = docs(nlp, ("The prime minister of Japan stepped down on Thursday after a party revolt.", "2022-07-08"),
                    ("Norway's prime minister stepped down on Thursday, officials said.", "2022-07-08"))
    question = "The prime minister of which European nation stepped down this week?"
    r = ask(nlp, question, passages, as_of=date(2022, 7, 9), lexicon=lexicon)
    assert r.question.region == "european" and [c.text for c in r.candidates] == ["Norway"]
    r = ask(nlp, question.replace("European", "Asian"), passages, as_of=date(2022, 7, 9), lexicon=lexicon)
    assert [c.text for c in r.candidates] == ["Japan"]


def test_a_question_about_a_nation_is_not_answered_with_a_part_of_one(nlp):
    """The recogniser labels countries, prefectures and cities alike (GPE); ISO 3166 says Nara is
    a prefecture of Japan, so "which nation" is answered with Japan, whose sentence says less."""
    lexicon = TypeLexicon()  # what a news corpus's links say: "the nation of Japan", ...
    for _ in range(5):
        lexicon.add("nation", "GPE")
    passages = docs(nlp,
                    ("A former prime minister was shot and killed at a campaign event in Nara on Friday.", "2022-07-08"),
                    ("Japan's former prime minister was shot and killed while campaigning, police said.", "2022-07-08"))
    r = ask(nlp, "A former prime minister of which nation was shot and killed at a campaign event?", passages,
            lexicon=lexicon)
    # Nara fits "nation" loosely and nothing ties it to the noun: not a candidate at all.
    assert [c.text for c in r.candidates] == ["Japan"]
    r = ask(nlp, "Where was a former prime minister shot and killed at a campaign event?", passages, lexicon=lexicon)
    assert r.candidates[0].text == "Nara"  # a part of a country is no worse an answer to anything else
    passages = docs(nlp,  # a capital is a city too
                    ("A former prime minister was shot and killed at a campaign event in London on Friday.", None),
                    ("Britain's former prime minister was shot and killed while campaigning, police said.", None))
    r = ask(nlp, "A former prime minister of which nation was shot and killed at a campaign event?", passages,
            lexicon=lexicon)
    assert [c.text for c in r.candidates] == ["Britain"]


def test_a_sentence_about_another_event_does_not_answer(nlp):
    """The balloons are what the question is about: a sentence that has the year, the border and
    a place, but no balloons, speaks of something else (a Korean summit, a closed office)."""
    question = "Which group sent the propaganda balloons across the border in 2020?"
    r = ask(nlp, question, docs(nlp, ("Pyongyang cut its communication channels with Seoul in June 2020 and closed "
                                      "the inter-Korean liaison office in the border city of Kaesong.", "2020-06-20")))
    assert not r.candidates and r.abstain_reason == "no passage that could answer speaks of propaganda or balloons"
    r = ask(nlp, question, docs(nlp, ("Defector group Fighters for Free North Korea sent balloons with leaflets "
                                      "across the border in June 2020.", "2020-06-20")))
    assert r.abstain_reason is None and r.candidates[0].text == "Fighters for Free North Korea"
    r = ask(nlp, question, docs(nlp, ("Leaflets and balloons were sent across the border in June 2020, officials "
                                      "said.", "2020-06-20")))
    assert r.abstain_reason == "no passage names an organisation (group) the question asks for"
    # The sentence itself must hold most of the question to do without the event's nouns: its
    # neighbour's balloons do not make the closing of an office an answer.
    r = ask(nlp, question, docs(nlp, ("Defectors said propaganda balloons were sent across the border in 2020. "
                                      "Pyongyang answered by closing the liaison office in the border city of "
                                      "Kaesong in June 2020.", "2020-06-20")))
    assert not r.candidates


def test_the_place_of_a_dateline_is_not_an_answer(nlp):
    passages = docs(nlp, ("Washington (CNN) Kansas on Tuesday will become the first state to let voters weigh in "
                          "on abortion rights.", "2022-08-01"))
    r = ask(nlp, "Which state will be the first to let voters weigh in on abortion rights?", passages)
    assert [c.text for c in r.candidates] == ["Kansas"]
    # The agency style: the place in capitals, its state after a comma, a dash.
    passages = docs(nlp, ("OAKDALE, Kan. – Voters in Kansas on Tuesday became the first in the nation to weigh in "
                          "on abortion rights since the ruling.", "2022-08-03"))
    r = ask(nlp, "Which state was the first to let voters weigh in on abortion rights?", passages)
    assert [c.text for c in r.candidates] == ["Kansas"]


def test_a_question_that_asks_why_prefers_the_sentence_that_gives_a_cause(nlp):
    """The cause is often a sentence of its own that names little of the question ("It acted in
    response to a drought"); asked why, or for a reason, it outranks a sentence that only shares
    the question's words."""
    passages = docs(nlp, ("The council cancelled the summer parade on Monday. Council members will hold the summer "
                          "fair in August instead. It acted in response to a drought that has dried the region's "
                          "reservoirs.", None))
    for question in ("Why did the council cancel the summer parade?",
                     "What reason did the council give for cancelling the summer parade?"):
        r = ask(nlp, question, passages)
        assert any("drought" in e.text for e in r.sentences[:2]), question
    passages = docs(nlp, ("The council cancelled the summer parade on Monday. Council members will hold the summer "
                          "fair in August instead. The reservoirs are dry, and therefore no water can be spared, "
                          "the mayor said.", None))
    r = ask(nlp, "Why did the council cancel the summer parade?", passages)
    assert any("therefore" in e.text for e in r.sentences[:2])  # the cause comes before "therefore"


def test_a_description_question_gets_sentences(nlp):
    passages = docs(nlp, (
        "The council cancelled the parade because of the drought. Fireworks were banned as well.", None))
    r = ask(nlp, "Why did the council cancel the parade?", passages)
    assert not r.candidates and r.sentences
    assert "drought" in r.sentences[0].text


def test_the_gate_names_what_no_article_mentions(nlp):
    """Names and specific figures the question states must be somewhere in the retrieved articles
    (by their words or initials, figures up to rounding)."""
    from rag.decide import unmentioned

    texts = ["The Voice of America said the fund raised $1.337 billion for 21,000 schools in Lisbon."]
    assert unmentioned(analyse("How did the mayor of Lisbon react?", nlp), texts) == []
    assert unmentioned(analyse("How did the mayor of Porto react?", nlp), texts) == ["Porto"]
    assert unmentioned(analyse("What did VOA say about the $1.3 billion fund?", nlp), texts) == []
    texts = ["VOA reported on the fund's 21,000 schools."]
    assert unmentioned(analyse("What did Voice of America say about the schools?", nlp), texts) == []
    assert unmentioned(analyse("Which chain closed roughly 31,000 stores?", nlp), texts) == ["roughly 31,000"]
    # The small model labels "Tory MPs" a person; articles that say "Conservative MPs" mention it.
    texts = ["Conservative MPs voted again on Wednesday, leaving two candidates in the contest."]
    assert unmentioned(analyse("Which contender came third in the vote by Tory MPs?", nlp), texts) == []
    # A name that only says what kind of answer is wanted is not what the question is about.
    texts = ["General Motors said about 95,000 vehicles built last quarter were missing parts."]
    assert unmentioned(analyse("Which Detroit automaker said 95,000 vehicles were missing parts?", nlp), texts) == []


def test_a_sentence_about_another_ordinal_does_not_answer(nlp):
    """"Where was the first summit?" is not answered by the place of the second summit."""
    passages = docs(nlp, (
        "The leaders met for a second summit in Hanoi in February, which ended without a deal.", "2019-03-01"))
    r = ask(nlp, "Where was the first summit between the leaders held?", passages)
    assert not r.candidates
    assert r.abstain_reason == "the passages speak of another summit than the first summit"
    r = ask(nlp, "Where was the second summit between the leaders held?", passages)
    assert r.candidates[0].text == "Hanoi"


def test_a_count_of_years_keeps_its_unit_and_beats_an_ordinal(nlp):
    """ "in how many years": "13 years" names the unit the question asks about, which is no reason
    to set it aside as the question's own words."""
    passages = docs(nlp, (
        "The Bank of Harlow on Thursday raised its benchmark interest rate to the highest level in 13 years, "
        "its fourth increase since December.", "2022-08-04"))
    r = ask(nlp, "The Bank of Harlow has raised its interest rate to the highest level in how many years?", passages)
    assert r.candidates[0].text == "13 years", [c.text for c in r.candidates]


def test_a_hyphenated_duration_is_answered_in_words(nlp):
    passages = docs(nlp, (
        "Maria Lund has been transferred to a low security prison to continue serving her 20-year sentence.", "2022-07-20"))
    r = ask(nlp, "How long is the prison sentence Maria Lund is serving?", passages)
    assert r.candidates[0].text == "20 years", [c.text for c in r.candidates]


def test_what_year_wants_a_year(nlp):
    """A date with no year in it says less than one with a year, as for "When ...?"."""
    passages = docs(nlp, ("The singer's last solo album came out a year and a half after her tour, in 2016.", "2022-07-29"))
    r = ask(nlp, "What year did the singer's last solo album come out?", passages)
    assert r.candidates[0].text == "2016", [c.text for c in r.candidates]


def test_the_passage_that_answers_names_what_the_question_is_about(nlp):
    """A passage that never names the question's subject does not answer it, however many of its
    words it holds; a passage that gives the person one of the names does."""
    passages = docs(nlp, (
        "Officials in Seoul reacted angrily on Monday, calling the rejection of the talks offer a provocation.",
        "2022-03-01"))
    r = ask(nlp, "How did Beijing react to the rejection of the talks offer?", passages)
    assert r.abstain_reason == "no passage that could answer names 'Beijing'"
    assert not r.sentences
    passages = docs(nlp, (
        "Officials in Seoul reacted angrily on Monday, calling the rejection of the talks offer a provocation.",
        "2022-03-01"), ("Mayor Lund met the union leaders in Oakdale on Monday.", "2022-03-02"))
    r = ask(nlp, "Where did Mayor Anna Lund meet the union leaders?", passages)
    assert r.candidates[0].text == "Oakdale"


def test_a_name_is_mentioned_in_its_short_forms():
    from rag.mentions import mentions, name_words

    words = name_words("Donald Trump met Kim in Hanoi. The United Nations General Assembly opened.")
    assert mentions(words, "Trump", "PERSON")
    assert mentions(words, "Joe Trump", "PERSON")  # a text may give one of a person's names only
    assert not mentions(words, "Joe Biden", "PERSON")
    assert mentions(words, "the UN General Assembly", "ORG")  # all but one word of a long name
    assert not mentions(words, "the UN Security Council", "ORG")
    assert not mentions(words, "South Korea", "GPE")
    assert mentions(name_words("Voice of America reported it."), "VOA", "ORG")  # both ways round
    assert mentions(name_words("VOA reported it."), "Voice of America", "ORG")
    # a country by its people's word, whatever label the small model gives the name ("Slovakia" ORG)
    slovak = name_words("The Slovak prime minister resigned on Sunday.")
    assert mentions(slovak, "Slovakia", "GPE") and mentions(slovak, "Slovakia", "ORG")
    assert not mentions(slovak, "Slovenia", "ORG")
    # a name without its qualifier, by an acronym's last letters: "the Security Council" in "UNSC"
    unsc = name_words("Diplomats sparred at the UNSC on Monday.")
    assert mentions(unsc, "the Security Council", "ORG")
    assert not mentions(unsc, "the General Assembly", "ORG") and not mentions(unsc, "the Council", "ORG")
    assert not mentions(name_words("The NSCA met on Monday."), "the Security Council", "ORG")  # not mid-word


def test_a_name_in_the_possessive_is_answered_without_it(nlp):
    """The small model takes a curly "’s" into the name ("Vladimir Putin’s invasion")."""
    passages = docs(nlp, ("Boris Johnson said Vladimir Putin’s invasion of Ukraine was a perfect example of toxic "
                          "masculinity.", "2022-06-29"))
    r = ask(nlp, "Who did Boris Johnson accuse of toxic masculinity?", passages)
    assert r.candidates[0].text == "Vladimir Putin"


def test_a_description_one_sentence_later_ties_the_name_it_refers_to(nlp):
    """News names a thing, then describes it: "the iconic landmark" refers back to the subject of
    the sentence before (even where the parse ran the headline into that subject). A description
    that is not a subject ("exposed to the virus") refers to nothing here."""
    question = "Which landmark is riddled with rust and in need of repairs?"
    text = ("Eiffel Tower\n\nThe Eiffel Tower in Paris is reportedly riddled with rust. However, the iconic landmark "
            "is in need of repairs, a report said.")
    r = ask(nlp, question, docs(nlp, (text, "2022-07-05")))
    assert r.candidates and r.candidates[0].text == "Eiffel Tower"
    assert "the iconic landmark" in r.candidates[0].evidence.text  # quoted with the description
    r = ask(nlp, question, docs(nlp, (text.replace("However, the iconic landmark is", "Tourists say it is"), None)))
    assert not r.candidates
    # A heading may name the thing described, but a heading that is no name is no antecedent
    headed = ("Former glories\n\nThe club may have given the impression that four managers were in the running "
              "to be their permanent manager, said Ana Ruiz in the Oakdale Post. Tom Reed will leave after these "
              "years.")
    r = ask(nlp, "Which club is Tom Reed leaving to take the Oakdale job?", docs(nlp, (headed, None)))
    assert "Former glories" not in [c.text for c in r.candidates]
    r = ask(nlp, "Which company has cut its store hours in Oakdale?",
            docs(nlp, ("Harbor Foods\n\nThe company has cut its store hours in Oakdale, a report said.", None)))
    assert r.candidates and r.candidates[0].text == "Harbor Foods"
    r = ask(nlp, "Which virus did health officials prepare for this summer?",
            docs(nlp, ("Federal health officials prepared for the summer. HHS activated its emergency center on "
                       "Tuesday. Anyone exposed to the virus should call a doctor, officials said.", None)))
    assert not r.candidates
    # A description with a phrase that says which one it is names that, not the thing before it
    from rag.antecedents import antecedents

    said = "Harbor Foods stocks fell the most on Monday. The yield on the 10-year Oakdale bond rose to 3.04%."
    assert not antecedents("yield", docs(nlp, (said, None)))
    assert antecedents("yield", docs(nlp, (said.replace("The yield on the 10-year Oakdale bond", "The yield"), None)))


def test_a_person_described_by_pronoun_one_sentence_later_is_tied_to_the_noun(nlp):
    """"He's a professor of ..." describes the person the sentence before named last."""
    question = "Which University of Oakdale chemistry professor called 2/22/22 the most exceptional date in years?"
    text = ("It is the most exceptional date in years, according to palindrome enthusiast Tom Reed. He's a professor "
            "of chemistry at the University of Oakdale, and he has studied such dates since 2001.")
    r = ask(nlp, question, docs(nlp, (text, "2022-02-21")))
    assert r.candidates and r.candidates[0].text == "Tom Reed"
    r = ask(nlp, question, docs(nlp, (text.replace("He's a professor", "The university has a department"), None)))
    assert not r.candidates or r.candidates[0].text != "Tom Reed"


def test_a_year_the_news_is_compared_with_is_not_the_year_it_is_about(nlp):
    """"not as bad as 2010" measures a 2021 quake against 2010's: the sentence is news of its article's year."""
    question = "Which seismologist warned that losses from Oakdale's 2021 earthquake would be high?"
    text = ("The damage should not be as bad as 2010, seismologist Tom Reed said, warning that losses "
            "from the Oakdale earthquake would still be high.")
    assert first_answer(nlp, question, text, "2021-08-16") == "Tom Reed"
    # in an article of 2011 the same sentence is news of 2011
    assert first_answer(nlp, question, text.replace("not be as bad as 2010", "be as bad as in 2010"),
                        "2011-08-16") is None


def test_a_sentence_that_opens_they_speaks_of_what_the_one_before_did(nlp):
    """"They're among the legacies of X" goes on about the pillboxes of the sentence before: it speaks of the
    question's event (the pillboxes left), though it does not name them."""
    question = "Which communist dictator left thousands of concrete pillboxes in the hills of Oakdale?"
    text = ("To the left, we spot the first of thousands of small concrete pillboxes set into the hills of Oakdale. "
            "They're among the few visible legacies of Tom Reed, the paranoid communist dictator, who counted on "
            "them to repel an invasion.")
    assert first_answer(nlp, question, text, "2013-09-19") == "Tom Reed"
    assert first_answer(nlp, question, text.replace("They're among", "Museums are among"), "2013-09-19") is None


def test_the_event_a_question_places_its_own_by_weighs_less_in_the_evidence(nlp):
    """"... in the quarter before the Oakdale Harbor Trade Fair in Lund?": a sentence written at the time says
    "last quarter" and not the fair; its lead names the fair. The fair's words count half, so it answers."""
    from dataclasses import replace

    question = ("By what percentage did Acme Foods raise prices in the quarter before the Oakdale Harbor Trade Fair "
                "in Lund?")
    text = "Acme Foods, which makes ice cream and soap, hiked prices last quarter by 8%, and said it would raise them."
    lead = "LUND — Executives met at the Oakdale Harbor Trade Fair in Lund this week."
    r = ask(nlp, question, [replace(d, lead=lead) for d in docs(nlp, (text, "2022-05-23"))])
    assert r.candidates and r.candidates[0].text == "8%"
    weights = dict(analyse(question, nlp).words)
    assert weights["fair"] == weights["acme"] / 2
    # a clause that says more of the event is no place in time: "after breaking $4" weighs in full
    assert dict(analyse("What was the price of gas after breaking $4 for the first time?", nlp).words)["4"] == 1.2


def test_a_length_of_time_is_answered_with_one_not_with_a_day(nlp):
    passages = docs(nlp, ("The telescope, expected to operate in space from Tuesday, has fuel for five years.",
                          "2022-07-12"))
    r = ask(nlp, "How long is the telescope expected to operate in space?", passages)
    assert r.candidates[0].text == "five years"
    passages = docs(nlp, ("After the slap during this year's Oscar ceremony, Will Smith was banned from the Academy "
                          "Awards for a decade.", "2022-04-08"))
    r = ask(nlp, "For how long was Will Smith banned from the Academy Awards?", passages)
    assert r.candidates[0].text == "a decade"  # counted, with its article; not "year" (of "this year's")


def test_a_person_named_by_surname_is_answered_with_the_full_name_the_passage_gives(nlp):
    text = ("US Ambassador Linda Thomas-Greenfield spoke at the council on Friday. Thomas-Greenfield offered "
            "dialogue without preconditions to the North.")
    r = ask(nlp, "Who offered dialogue without preconditions?", docs(nlp, (text, None)))
    assert r.candidates[0].text == "Linda Thomas-Greenfield"
    both = text.replace("US Ambassador Linda", "Ambassador Linda Thomas-Greenfield met Mark")
    r = ask(nlp, "Who offered dialogue without preconditions?", docs(nlp, (both, None)))
    assert r.candidates[0].text == "Thomas-Greenfield"  # two people of that name: which one is not guessed


def test_the_owner_of_the_thing_asked_about_is_not_that_thing(nlp):
    """"Pyongyang's spy satellite" stands beside the noun asked about, but owns it."""
    passages = docs(nlp, ("Diplomats condemned Pyongyang's spy satellite launch at the Security Council last week.",
                          "2023-11-30"))
    r = ask(nlp, "What is the name of the spy satellite condemned at the Security Council?", passages)
    assert not r.candidates


def test_a_candidate_is_represented_by_a_sentence_that_holds_enough_of_the_question(nlp):
    """Kansas scores best where a sentence calls it a state, but that sentence holds too little of
    the question to answer; the sentence that does stands for it, so it still answers."""
    from rag.answer_types import TypeLexicon
    from rag.candidates import candidates
    from rag.evidence import Evidence, passage_sentences
    from rag.weights import MIN_EVIDENCE

    passages = docs(nlp, ("The Kansas state supreme court has guarded abortion rights since 2019.", "2022-08-03"),
                    ("On Tuesday voters in Kansas rejected the amendment, officials said.", "2022-08-03"))
    q = analyse("Voters in which state rejected an amendment on abortion this week?", nlp)
    evidence = [Evidence(i, a, b, d.text[a:b], score, ()) for i, (d, score) in enumerate(zip(passages, (0.3, 0.7)))
                for a, b in passage_sentences(d)]
    ranked, _, _ = candidates(q, passages, evidence, TypeLexicon())
    kansas = next(c for c in ranked if c.text == "Kansas")
    assert kansas.evidence.passage == 1 and kansas.evidence.score >= MIN_EVIDENCE


def test_a_name_that_fits_the_type_loosely_needs_most_of_the_question(nlp):
    """A company can answer "who" (ORG fits a person question by half), but not from a sentence that
    holds only some of the question: "told CNN" does not make CNN the chief executive."""
    passages = docs(nlp, ("Harbor Foods told CNN on Monday that its chief executive had departed.", None))
    r = ask(nlp, "Who departed as chief executive of Harbor Foods amid plunging sales, store closures and layoffs?",
            passages)
    assert not r.candidates  # not "CNN", and not the sentence that names no one who departed
    assert r.abstain_reason == "no passage names a person the question asks for (the nearest, 'CNN', is an organisation)"


def test_an_open_noun_with_no_name_tied_to_it_is_answered_by_a_sentence_only_where_it_speaks_of_it(nlp):
    """"Which stadium ...?": a sentence about the match that names no stadium does not answer; for "To
    which session ...?", the rank of "the fifth session" answers, with its sentence (a sentence alone
    answered before 2026-12-07, when a rank or an amount that modifies the noun asked became one)."""
    match = docs(nlp, ("Oakdale beat Marlow 2-1 in the cup final on Saturday, with two goals from Ana Ruiz.", None))
    r = ask(nlp, "Which stadium hosted the cup final between Oakdale and Marlow on Saturday?", match)
    assert not r.candidates and r.abstain_reason == "no passage names the stadium the question asks about"
    address = docs(nlp, ("The president of Lund gave his address to the fifth session of the national "
                         "parliament on Tuesday.", None))
    r = ask(nlp, "To which session of the parliament did the president of Lund give his address?", address)
    assert r.abstain_reason is None and [c.text for c in r.candidates[:1]] == ["fifth"]
    assert "fifth session" in r.candidates[0].evidence.text


def test_the_corpus_lists_a_name_as_an_example_of_a_kind(nlp):
    """"Retailers like Walmart, Target and Costco": each is a retailer; "leaders including
    Finland's Sanna Marin" makes Sanna Marin, not Finland, the example."""
    lexicon = corpus_lexicon(nlp, "Retailers like Walmart, Target and Costco cut prices again on Tuesday.",
                             "European leaders including Finland's Sanna Marin met in Brussels.")
    assert lexicon.is_a("target", "retail") and lexicon.is_a("costco", "retail")
    assert not lexicon.is_a("finland", "leader")
    question = "Which retailer said it is canceling orders from suppliers?"
    passages = docs(nlp, ("NEW YORK — Target is canceling orders from suppliers and marking down prices.", None))
    assert not ask(nlp, question, passages).candidates
    r = ask(nlp, question, passages, lexicon=lexicon)
    assert r.abstain_reason is None and r.candidates[0].text == "Target"


def test_a_loosely_fitting_name_tied_to_the_noun_asked_about_answers_on_ordinary_evidence(nlp):
    """The small model labels "Northwind" a place; for "which company" that fits loosely, but a
    name the corpus calls one (focus 0.6) answers on the ordinary bar, an untied one only on a
    sentence that holds most of the question; a name of another kind never answers "which city"."""
    from rag.evidence import Evidence
    from rag.reader import Candidate, _can_answer

    company = analyse("Which company hosted the database?", nlp)
    ev = Evidence(0, 0, 40, "The database had been hosted by Northwind.", 0.45)
    assert _can_answer(company, Candidate("Northwind", "northwind", "GPE", 3.0, ev, focus=0.6, fit=0.3))
    assert not _can_answer(company, Candidate("Northwind", "northwind", "GPE", 3.0, ev, focus=0.0, fit=0.3))
    assert _can_answer(company, Candidate("Northwind", "northwind", "ORG", 3.0, ev, focus=0.0, fit=1.0))
    most = Evidence(0, 0, 40, "The database had been hosted by Northwind.", 0.8)
    assert _can_answer(company, Candidate("Northwind", "northwind", "GPE", 3.0, most, focus=0.0, fit=0.3))
    city = analyse("In which city was the database hosted?", nlp)
    assert not _can_answer(city, Candidate("Northwind", "northwind", "ORG", 3.0, most, focus=0.0, fit=0.3))


def test_a_name_tied_to_the_noun_asked_about_answers_on_thinner_evidence(nlp):
    """A long quiz question puts much of its story outside the answer's sentence: a sentence with a
    third of it answers with a name tied to the noun asked about ("the retail giant Northwind"), not
    with an untied one."""
    from rag.evidence import Evidence
    from rag.reader import Candidate, _can_answer

    q = analyse("Which retail giant is marking down products?", nlp)
    ev = Evidence(0, 0, 50, "The retail giant Northwind is marking down products.", 0.36)
    assert _can_answer(q, Candidate("Northwind", "northwind", "ORG", 3.0, ev, focus=0.6, fit=1.0))
    assert not _can_answer(q, Candidate("Northwind", "northwind", "ORG", 3.0, ev, focus=0.3, fit=1.0))
    thin = Evidence(0, 0, 50, "Northwind, the retail giant, said on Monday.", 0.25)
    assert not _can_answer(q, Candidate("Northwind", "northwind", "ORG", 3.0, thin, focus=1.0, fit=1.0))


def test_a_name_may_hold_the_noun_asked_about(nlp):
    """"Rockland County" answers "which county"; the noun asked about is no word of the question's
    that the answer merely repeats."""
    passages = docs(nlp, ("The unvaccinated patient lives in Rockland County, state health officials said.",
                          "2022-07-21"))
    r = ask(nlp, "In which county does the unvaccinated patient live?", passages)
    assert r.candidates and r.candidates[0].text == "Rockland County"


def test_on_what_date_wants_a_calendar_date(nlp):
    passages = docs(nlp, ("Senate Democrats aim to confirm the judge in less than a month; the hearings begin on "
                          "March 21.", "2022-03-04"))
    r = ask(nlp, "On what date did the Senate confirm the judge?", passages)
    assert r.candidates[0].text == "March 21"  # a date, though not the one asked; not "less than a month"


def test_a_day_of_the_week_is_no_count_of_days(nlp):
    """"How many days ...?": "Saturday" holds the letters of "day" but counts nothing."""
    passages = docs(nlp, ("The Oakdale dock strike ended on Saturday after the union and the port reached a "
                          "deal.", "2022-03-05"))
    r = ask(nlp, "How many days did the Oakdale dock strike last?", passages)
    assert not r.candidates and r.abstain_reason
    passages = docs(nlp, ("The Oakdale dock strike ended on Saturday after 87 days, when the union and the port "
                          "reached a deal.", "2022-03-05"))
    assert ask(nlp, "How many days did the Oakdale dock strike last?", passages).candidates[0].text == "87 days"


def test_the_question_s_own_name_by_its_initials_is_not_the_answer(nlp):
    """"The FDA said ... Which company makes the cereal?": not the Food and Drug Administration."""
    passages = docs(nlp, ("The Food and Drug Administration said it is looking into reports of people falling ill "
                          "after eating Crunchy Oats. Harbor Foods, which makes the cereal, said it found no evidence "
                          "that the complaints are tied to its product.", "2022-04-15"))
    r = ask(nlp, "The FDA said it was looking into reports of illness after people ate Crunchy Oats. Which "
                 "company makes the cereal?", passages)
    assert [c.text for c in r.candidates][:1] == ["Harbor Foods"]
    assert all(c.text != "Food and Drug Administration" for c in r.candidates)


def test_a_quotation_is_answered_with_its_speaker_a_sentence_away(nlp):
    """"“...,” she said." after the sentence that names her: "Who said ...?" wants her, and reads the
    quotation with the sentence that names her (speakers.py). (A "she" is the person named last: with
    a man named between, the guess would be him; the small model knows no gender.)"""
    passages = docs(nlp, (
        "Maria Alvarez, who runs Harbor Foods, toured the shuttered plant with union leaders on Monday. "
        "“We will reopen the Oakdale bakery by the end of the summer and hire back every baker,” she said.",
        "2022-03-01"))
    r = ask(nlp, "Who said the Oakdale bakery would reopen by the end of the summer?", passages)
    assert r.abstain_reason is None and r.candidates[0].text == "Maria Alvarez", [c.text for c in r.candidates]
    assert r.candidates[0].evidence.text.startswith("Maria Alvarez") and r.candidates[0].evidence.text.endswith("she said.")


def test_who_said_a_quotation_is_read_from_its_layout(nlp):
    from rag.speakers import quotations

    texts = [
        ("“There is nothing new here,” said Maria Alvarez, a specialist with the Lund Institute.", "Maria Alvarez"),
        ("Tom Reed spoke first. “The deal is done,” he said.", "Tom Reed"),
        ("Maria Alvarez said on Monday: “We will not move the plant to another state.”", "Maria Alvarez"),
        ("“The plant will close.” The council then adjourned for the day and went home after a long meeting.", None),
    ]
    for text, speaker in texts:
        found = quotations(docs(nlp, (text, None)))
        assert [text[slice(*x.speaker)] for x in found] == ([speaker] if speaker else []), text


def test_a_bare_calendar_unit_is_no_time(nlp):
    """"this week's meeting" holds the unit "week", which answers no "when"."""
    passages = docs(nlp, ("Lund's council condemned this week's launch of the Oakdale satellite at a meeting "
                          "on Wednesday.", "2023-11-30"))
    r = ask(nlp, "When did Lund's council condemn the launch of the Oakdale satellite?", passages)
    assert all(c.text.lower() != "week" for c in r.candidates)
    assert r.candidates and r.candidates[0].text == "Wednesday"


def test_a_person_who_shares_a_name_with_the_one_asked_about_can_answer(nlp):
    """"Who is Maria Alvarez's brother?": "Luis Alvarez" shares a word with her, but is not her."""
    passages = docs(nlp, ("Maria Alvarez's brother, Luis Alvarez, runs the family's bakery in Oakdale, the "
                          "company said on Monday.", "2022-03-01"))
    r = ask(nlp, "Who is Maria Alvarez's brother?", passages)
    assert r.candidates and r.candidates[0].text == "Luis Alvarez", [c.text for c in r.candidates]
    r = ask(nlp, "Who runs the family's bakery in Oakdale, according to Alvarez?", passages)
    assert all(c.text != "Maria Alvarez" for c in r.candidates)  # the question's own person, named in full


def test_a_name_by_its_initials():
    from rag.mentions import by_initials, name_words

    assert by_initials(name_words("The FDA said it was looking into reports."), "Food and Drug Administration")
    assert by_initials(name_words("The Food and Drug Administration said so."), "FDA")
    assert not by_initials(name_words("Kim Jong Un's sister spoke."), "Kim Yo-jong")


def test_an_editors_insertion_in_a_name_keeps_its_brackets(nlp):
    """"[Luis] Alvarez" in a quotation: the short answer is the name as written, not "Luis] Alvarez"."""
    passages = docs(nlp, ("“The two that came in late, [Luis] Alvarez and [Tom] Reed, won it for us,” the Oakdale "
                          "coach said after the cup final on Saturday.", "2022-05-29"))
    r = ask(nlp, "Who won the cup final for Oakdale on Saturday, according to the coach?", passages)
    texts = [c.text for c in r.candidates]
    assert "[Luis] Alvarez" in texts and not any(t.startswith("Luis]") for t in texts), texts


def test_a_count_in_the_partitive_counts_the_noun_asked_about(nlp):
    """"all 71 of the new recruits" counts recruits, though three words stand between."""
    passages = docs(nlp, ("All 71 of the new recruits at the Oakdale academy finished basic training on Friday, "
                          "the academy said.", "2022-06-17"))
    r = ask(nlp, "How many recruits finished basic training at the Oakdale academy?", passages)
    assert r.abstain_reason is None and r.candidates[0].text == "71", [c.text for c in r.candidates]


def test_a_value_only_sought_does_not_answer_what_happened(nlp):
    """"How much did the jury award?" is not answered by what the family sought (modality.py); asked
    what they sought, it is. The reader parses only the best candidate's sentence."""
    sought = docs(nlp, ("The Oakdale family had sought $9 million in damages from Acme over the fire.", None))
    awarded = docs(nlp, ("A jury awarded the Oakdale family $4 million in damages from Acme over the fire.", None))
    r = ask_parsed(nlp, "How much in damages did the jury award the Oakdale family over the fire?", sought)
    assert not r.candidates and "'sought'" in r.abstain_reason and "$9 million" in r.abstain_reason
    r = ask_parsed(nlp, "How much in damages did the jury award the Oakdale family over the fire?", awarded)
    assert r.abstain_reason is None and r.candidates[0].text == "$4 million"
    r = ask_parsed(nlp, "How much in damages did the Oakdale family seek from Acme over the fire?", sought)
    assert r.abstain_reason is None and r.candidates[0].text == "$9 million"


def test_a_figure_is_what_the_sentence_after_it_says_it_counts(nlp):
    """"100,000 / That's how many people ...": the figure, on a line of its own, is the count the
    next sentence describes."""
    text = ("TODAY'S NUMBER\n\n100,000\n\nThat's how many people Oakdale has officially registered as missing, "
            "according to the Interior Ministry.")
    r = ask(nlp, "How many people does Oakdale's national registry list as missing?", docs(nlp, (text, None)))
    assert r.candidates and r.candidates[0].text == "100,000" and r.abstain_reason is None
    text = ("A signed fleece Ana Ruiz had worn went under the hammer in Oakdale.\n\n$100,000\n\nThat's how much "
            "the fleece fetched at the fundraiser, organisers said.")
    r = ask(nlp, "How much did the signed fleece fetch at the Oakdale fundraiser?", docs(nlp, (text, None)))
    assert r.candidates and r.candidates[0].text == "$100,000"  # with the sign the model left out
    text = ("TODAY'S NUMBER\n\n$1,200\n\nThat's the amount Oakdale bomber Tom Reed received in a federal "
            "stimulus payment. Prosecutors have asked for it to be turned over to his victims.")
    r = ask(nlp, "How much did Tom Reed receive in a federal stimulus payment?", docs(nlp, (text, None)))
    assert r.candidates and r.candidates[0].text == "$1,200"  # "the amount", as "how much"


def test_a_phrase_that_names_the_noun_asked_about_is_not_one_of_it(nlp):
    """"Which currency ...?" is not answered by "global currency reserves" (reserves, not a currency)
    nor by "the currency" (the thing asked about, not which one)."""
    question = "Which currency did the Oakdale dollar nearly match in value this week?"
    text = ("About 60% of global currency reserves are held in Oakdale dollars, and the currency nearly "
            "matched its rival in value this week, the Oakdale central bank said.")
    r = ask(nlp, question, docs(nlp, (text, None)))
    assert not {"global currency reserves", "currency"} & {c.text for c in r.candidates}


def test_which_asks_for_a_named_one_not_a_plain_noun(nlp):
    """"Which Dutch club ...?" picks out a named club: not "passion" from "the passion of the fans",
    nor "man" near "volcano"; a plain phrase the corpus calls a club still answers."""
    question = "Which Dutch club did Tom Reed coach before he was hired?"
    passages = docs(nlp, ("Tom Reed said he knew the history of this great club and the passion of the fans, "
                          "and that he was determined to build a team that wins.", None))
    r = ask(nlp, question, passages)
    assert not r.candidates and "names the club" in r.abstain_reason
    r = ask(nlp, question, passages, lexicon=TypeLexicon(kinds={"passion": {"club": 3}}))
    assert [c.text for c in r.candidates] == ["passion"]
    text = "When the family reached the top of the volcano, the man dropped his phone into the crater."
    r = ask(nlp, "A visitor dropped his phone into which Italian volcano?", docs(nlp, (text, None)))
    assert not r.candidates and "names the volcano" in r.abstain_reason


def test_a_name_of_another_kind_answers_only_where_an_organisation_is_asked_for(nlp):
    """An agency is no city, however much of the question its sentence holds; a company may still
    answer "who" (it does what people do)."""
    passages = docs(nlp, ("(CNN) Tom Reed has been transferred to a low security federal prison in Florida to continue "
                          "serving his 20-year sentence, the Bureau of Prisons said.", "2022-07-25"))
    r = ask(nlp, "Tom Reed has been moved to a low-security federal prison in which Florida city to serve his "
                 "20-year sentence?", passages)
    assert not r.candidates and "'Bureau of Prisons', is an organisation" in r.abstain_reason
    r = ask(nlp, "Who bought the Oakdale Falcons this week?",
            docs(nlp, ("Acme Holdings bought the Oakdale Falcons on Tuesday, the team said.", "2022-07-25")))
    assert r.candidates and r.candidates[0].text == "Acme Holdings"


def test_a_question_for_a_name_gets_no_sentence_that_names_nothing(nlp):
    """"What is the new line called?" is not answered by a sentence about the line that does not
    name it; asked what happened at the opening, that sentence answers."""
    passages = docs(nlp, ("Queen Ana made a surprise appearance at the opening of the new Oakdale train line "
                          "on Tuesday, officials said.", "2022-05-17"))
    r = ask(nlp, "Queen Ana opened a new Oakdale train line this week. What is the new line called?", passages)
    assert not r.candidates and "names the line" in (r.abstain_reason or "")
    r = ask(nlp, "What happened at the opening of the new Oakdale train line?", passages)
    assert r.sentences and r.abstain_reason is None


def test_a_name_only_foreseen_answers_with_the_word_that_hedges_it(nlp):
    """Who or what was to take part seldom changes where an amount or a date does: a name the best
    sentence gives only as foreseen answers, and the reading keeps the hedging word to be shown."""
    planned = docs(nlp, ("Ana Ruiz said she expects to meet the first lady of Norway in Oakdale next week.", None))
    r = ask_parsed(nlp, "The first lady of which country did Ana Ruiz meet in Oakdale?", planned)
    assert r.abstain_reason is None and r.candidates[0].text == "Norway" and r.hedged == "expects"
    met = docs(nlp, ("Ana Ruiz met the first lady of Norway in Oakdale on Tuesday.", None))
    r = ask_parsed(nlp, "The first lady of which country did Ana Ruiz meet in Oakdale?", met)
    assert r.candidates[0].text == "Norway" and r.hedged is None


def test_an_amount_given_again_converted_is_not_the_one_written(nlp):
    """"around €2.1bn (£1.8bn) of damage": the amount in brackets is the first converted, and the first
    answers as written."""
    text = "The storm caused around €2.1bn (£1.8bn) of damage in Oakdale, officials said."
    assert first_answer(nlp, "How much damage did the Oakdale storm cause?", text, "2021-01-20") == "around €2.1bn"


def test_a_value_is_near_the_question_s_words_only_within_its_clause(nlp):
    """"$800,000 came from the Lund Council; and $150,000 came from ...": the council is the first
    amount's; a word across a semicolon is no neighbour."""
    text = ("About $9 million is from the state; $800,000 came from the Lund Council; and $150,000 came from the "
            "Harbor Trust.")
    assert first_answer(nlp, "How much money did the Lund Council contribute to the bridge?", text,
                        "2021-01-20") == "$800,000"


def test_a_value_foreseen_gives_way_to_one_its_own_sentence_states_as_what_happened(nlp):
    """"lost 9,000 ..., fewer than the forecasts, which had projected it would lose 20,000": the figure
    foreseen is no answer, and the one the same sentence says happened is."""
    text = ("Acme reported Tuesday that it lost 9,000 customers in the spring, far fewer than its own forecasts, "
            "which had projected that the company would lose 20,000 customers.")
    r = ask_parsed(nlp, "How many customers did Acme lose in the spring?", docs(nlp, (text, None)))
    assert r.abstain_reason is None and r.candidates[0].text == "9,000"
    foreseen = "Acme's forecasts had projected that the company would lose 20,000 customers in the spring."
    r = ask_parsed(nlp, "How many customers did Acme lose in the spring?", docs(nlp, (foreseen, None)))
    assert not r.candidates and "foreseen" in r.abstain_reason


def test_who_did_a_thing_is_answered_by_a_sentence_that_says_it(nlp):
    """"Who directed ...?" names no kind of person: a sentence that names people but not the
    directing does not answer it (doing.py); one that calls a person the director does."""
    question = 'Who directed the Harbor Pictures thriller "Night Ferry"?'
    starring = docs(nlp, ('The Harbor Pictures thriller "Night Ferry," starring Tom Reed and Ana Ruiz, topped '
                          'the Oakdale box office on Sunday.', None))
    r = ask(nlp, question, starring)
    assert not r.candidates and "'directed'" in r.abstain_reason
    director = ('The Harbor Pictures thriller "Night Ferry," from director Luis Alvarez, topped the Oakdale box '
                'office on Sunday.')
    assert first_answer(nlp, question, director) == "Luis Alvarez"


def test_who_was_chosen_or_set_to_do_a_thing_asks_the_doing_or_the_being(nlp):
    """"Who was chosen to host ...?" asks who hosts ("host Tom Reed" says it); "Who is set to be
    chairman ...?" asks who will be ("will be chairman" says it): neither needs "chosen" or "set"."""
    host = "Producers and host Tom Reed sent a letter to Oakdale Awards nominees on Tuesday about the ceremony."
    r = ask_parsed(nlp, "Who was chosen to host the Oakdale Awards ceremony?", docs(nlp, (host, "2017-01-20")))
    assert r.candidates and r.candidates[0].text == "Tom Reed"
    chair = "Lund Partners founder Emily Carter will be chairman of the merged Acme airline, the companies said."
    r = ask_parsed(nlp, "Who is set to be chairman of the merged Acme airline?", docs(nlp, (chair, "2017-01-20")))
    assert r.candidates and r.candidates[0].text == "Emily Carter"


def test_who_did_a_thing_to_one_asked_about_is_told_conversely_by_another_verb(nlp):
    """"Tom Reed was crushed in the primary by Emily Carter", "Tom Reed received the medal from Emily
    Carter": the one the verb's "by" or "from" names, where its subject is the one asked about, did it;
    one that verb's object names did not ("Tom Reed met Emily Carter ...")."""
    crushed = ("Rep. Tom Reed, who voted against the budget, was crushed in the Oakdale primary by state Sen. Emily "
               "Carter on Tuesday.")
    r = ask_parsed(nlp, "Who defeated Rep. Tom Reed in the Oakdale primary?", docs(nlp, (crushed, "2017-01-20")))
    assert r.candidates and r.candidates[0].text == "Emily Carter"
    question = "Who gave Tom Reed the Oakdale Medal in 2017?"
    received = "Tom Reed received the Oakdale Medal from Emily Carter in January 2017."
    r = ask_parsed(nlp, question, docs(nlp, (received, "2017-01-20")))
    assert [c.text for c in r.candidates] == ["Emily Carter"]
    met = "Tom Reed met Emily Carter in January 2017 to talk about the Oakdale Medal."
    r = ask_parsed(nlp, question, docs(nlp, (met, "2017-01-20")))
    assert not r.candidates and "nothing of 'gave'" in r.abstain_reason


def test_who_did_a_thing_is_answered_further_down_the_same_article_or_by_another_articles_doer(nlp):
    """The sentence that holds most of the question names "Grexit" (a person to the small model) and no
    calling: the article's own sentence that says who called answers; another article's answers only
    where its parse makes the name the caller of the one the question names (not of another)."""
    named = ("The latest announcements came a day after the board named Tom Reed, the former Oakdale mayor and "
             "face of the Grexit campaign, as the new harbor director.")
    called = "Governor Emily Carter called Reed to congratulate him, her office said."
    question = "Who called Tom Reed to congratulate him on becoming harbor director?"
    r = ask_parsed(nlp, question, docs(nlp, (f"{named} {called}", "2016-07-14")))
    assert [c.text for c in r.candidates][:1] == ["Emily Carter"] and r.abstain_reason is None
    r = ask_parsed(nlp, question, docs(nlp, (named, "2016-07-14"), (called, "2016-07-15")))
    assert [c.text for c in r.candidates][:1] == ["Emily Carter"] and r.abstain_reason is None
    other = "Governor Emily Carter called Maria Alvarez to congratulate her on Tom Reed's appointment, her office said."
    r = ask_parsed(nlp, question, docs(nlp, (named, "2016-07-14"), (other, "2016-07-15")))
    assert not r.candidates and "'called'" in r.abstain_reason


def test_a_count_in_words_is_no_amount_of_money(nlp):
    """"How much is the contract?" is not answered by the "one" of "one of the reasons"."""
    question = "How much is the five-year contract Acme United gave Tom Reed?"
    assert first_answer(nlp, question, "One of the reasons Acme United gave Tom Reed a five-year contract was his "
                        "age.") is None
    paid = "Acme United gave Tom Reed a five-year contract worth $40 million."
    assert first_answer(nlp, question, paid) == "$40 million"


def test_what_year_is_not_answered_by_a_month(nlp):
    """"Since what year ...?" wants a year, not "December"."""
    question = "The Oakdale bank raised its rates for the first time since what year?"
    month = "Inflation in Oakdale hit a fresh high in December, and the Oakdale bank raised its rates."
    assert first_answer(nlp, question, month) is None
    assert first_answer(nlp, question, "The Oakdale bank raised its rates for the first time since 2007.") == "2007"


def test_who_is_the_holder_of_a_role_wants_a_person_the_passage_gives_that_role(nlp):
    """"Who is the mayor of Oakdale?" is not answered by another person named in the story."""
    question = "Who is the mayor of Oakdale, the suburb where a gunman fired on a parade?"
    gunman = docs(nlp, ("Police in Oakdale spent hours searching for the gunman, Tom Reed, after he fired on a "
                        "parade in the suburb.", None))
    r = ask(nlp, question, gunman)
    assert not r.candidates and "mayor" in r.abstain_reason
    mayor = "Oakdale Mayor Maria Alvarez said the suburb would mourn after a gunman fired on a parade."
    assert first_answer(nlp, question, mayor) == "Maria Alvarez"
    # a place is no person, though the parse ties it to the role ("the governor of Nevada")
    r = ask(nlp, "Who is the governor who warned that residents are leaving the state?", docs(nlp, (
        "Residents are leaving the state in droves, the governor of Nevada warned on Monday.", None)))
    assert not r.candidates and "is a place" in r.abstain_reason
    # a role given by its abbreviated title
    signed = "The Oakdale water bill became law on Monday after Gov. Maria Alvarez signed it at the state capitol."
    assert first_answer(nlp, "Who is the governor who signed the Oakdale water bill?", signed) == "Maria Alvarez"


def test_how_large_a_thing_is_answered_by_a_value_of_that_thing(nlp):
    """"How large a fine ...?" is not answered by the count of charges in the same sentence."""
    question = "Besides her prison term, how large a fine was Ana Ruiz ordered to pay at her sentencing?"
    charges = ("Ana Ruiz was sentenced to 20 years in prison after she was convicted of five federal charges at her "
               "sentencing.")
    assert first_answer(nlp, question, charges) is None
    fined = "Ana Ruiz was also ordered to pay a $750,000 fine at her sentencing."
    assert "750,000" in first_answer(nlp, question, fined)


def test_news_from_before_the_day_asked_about_cannot_say_how_it_went(nlp):
    """"Who won ... on Sunday?" asked on Tuesday: a preview from Thursday names a past winner, not
    Sunday's; a report from Monday answers. A question about what will happen is not held to it."""
    question = "Who won the Oakdale marathon on Sunday?"
    preview = docs(nlp, ("A month before Tom Reed won the Oakdale marathon in 1970, his father fell ill.", "2022-05-19"))
    r = ask(nlp, question, preview, as_of=date(2022, 5, 24))
    assert not r.candidates and "2022-05-19" in r.abstain_reason
    report = "Maria Alvarez won the Oakdale marathon on Sunday in record time."
    assert first_answer(nlp, question, report, "2022-05-23", as_of=date(2022, 5, 24)) == "Maria Alvarez"


def test_a_phrase_that_points_back_is_no_answer(nlp):
    """"its spinoff" names nothing: it points back to the soap opera the sentence names otherwise."""
    passages = docs(nlp, ("For the first time, a soap opera and its spinoff went into the Oakdale awards with the "
                          "most nominations.", None))
    r = ask(nlp, "Which soap opera went into the Oakdale awards with the most nominations?", passages)
    assert not any(c.text.lower().startswith("its ") for c in r.candidates)


def test_an_ordinal_or_a_bare_unit_is_no_count(nlp):
    """"How many days ...?" is not answered by "its 40th day" (a rank) or "these days" (no number)."""
    ranked = docs(nlp, ("The Oakdale bus strike reached its 40th day on Saturday, and these days the depots "
                        "stand empty.", None))
    r = ask(nlp, "How many days did the Oakdale bus strike last?", ranked)
    assert not r.candidates and r.abstain_reason and "day" in r.abstain_reason
    counted = docs(nlp, ("The Oakdale bus strike ended on Saturday after 44 days.", None))
    assert ask(nlp, "How many days did the Oakdale bus strike last?", counted).candidates[0].text == "44 days"


def test_a_date_question_wants_a_day(nlp):
    """"On what date ...?" is not answered by a bare year; a weekday, which the article's date
    resolves to a day, still answers."""
    year = docs(nlp, ("The Oakdale council, which has met in the old library since 1994, approved the "
                      "bridge plan.", "2022-03-05"))
    r = ask(nlp, "On what date did the Oakdale council approve the bridge plan?", year)
    assert not r.candidates and r.abstain_reason
    weekday = docs(nlp, ("The Oakdale council approved the bridge plan on Tuesday.", "2022-03-05"))
    assert ask(nlp, "On what date did the Oakdale council approve the bridge plan?", weekday).candidates[0].text == "Tuesday"
    day = docs(nlp, ("The Oakdale council approved the bridge plan on March 3.", "2022-03-05"))
    assert ask(nlp, "On what date did the Oakdale council approve the bridge plan?", day).candidates[0].text == "March 3"


def test_how_many_is_not_answered_by_a_rank_or_another_things_count(nlp):
    """"her seventh studio album" ranks and "a 16-track album" counts tracks: neither says how many
    units sold; "the fourth rocket test" does count the rocket tests so far."""
    ranked = docs(nlp, ("Her seventh studio album, a 16-track record from Harbor Music, topped the Oakdale chart "
                        "in its first week.", None))
    r = ask(nlp, "How many album units did her record from Harbor Music sell to top the Oakdale chart?", ranked)
    assert not r.candidates and r.abstain_reason
    counted = docs(nlp, ("The Oakdale launch on Friday was the fourth rocket test by Acme this month.", None))
    r = ask(nlp, "How many rocket tests had Acme carried out this month by the Oakdale launch?", counted)
    assert r.candidates and r.candidates[0].text == "fourth"


def test_a_sentence_about_another_kind_of_the_thing_does_not_answer(nlp):
    """"How much in punitive damages ...?" is not answered by "compensatory damages"; a sentence
    that gives no kind, or the same one, still answers."""
    question = "How much in punitive damages did the jury order Acme to pay the Oakdale family?"
    other = docs(nlp, ("The jury ordered Acme to pay the Oakdale family $4 million in compensatory damages.", None))
    r = ask_parsed(nlp, question, other)
    assert not r.candidates and "compensatory damages, not punitive damages" in r.abstain_reason
    same = docs(nlp, ("The jury ordered Acme to pay the Oakdale family $9 million in punitive damages.", None))
    assert ask_parsed(nlp, question, same).candidates[0].text == "$9 million"
    plain = docs(nlp, ("The jury ordered Acme to pay the Oakdale family $9 million in damages.", None))
    assert ask_parsed(nlp, question, plain).candidates[0].text == "$9 million"
    # the kind given past a name compounded with the noun: "Republican Senate primary"
    question = "Who won Oakdale's Republican Senate primary between Tom Reed and Ana Ruiz in May 2022?"
    democratic = docs(nlp, ("The winner of that race will face Lt. Gov. Maria Alvarez, who cruised to victory in the "
                            "Democratic primary against Tom Reed and Ana Ruiz in Oakdale.", "2022-05-18"))
    r = ask_parsed(nlp, question, democratic)
    assert not r.candidates and "Democratic primary, not republican primary" in r.abstain_reason


def test_a_person_named_by_surname_is_what_the_corpus_calls_their_full_name(nlp):
    """"Alvarez wrote ..." answers "Which justice wrote ...?" where the corpus calls Maria Alvarez a
    justice elsewhere (TypeLexicon.kinds), over a justice named in a sentence that holds less of it."""
    passages = docs(nlp, ("“The ruling was wrong from the start,” Alvarez wrote in the leaked draft on the harbor "
                          "case. Chief Justice Tom Reed said in a statement that he had opened an inquiry.", None))
    question = "Which justice wrote in a leaked draft that the ruling on the harbor case was wrong from the start?"
    lexicon = TypeLexicon(kinds={"maria alvarez": {"justic": 3}})
    assert ask(nlp, question, passages, lexicon=lexicon).candidates[0].text == "Alvarez"
    assert lexicon.is_a("alvarez", "justic", person=True) and not lexicon.is_a("alvarez", "justic")
    two = TypeLexicon(kinds={"maria alvarez": {"justic": 3}, "luis alvarez": {"lawyer": 1}})
    assert not two.is_a("alvarez", "justic", person=True)  # two people of that name: neither is taken


def test_an_abstention_names_the_kind_of_value_in_words(nlp):
    """The reason reads as English: "an amount of money", not the type's name ("a money")."""
    passages = docs(nlp, ("The board said the city paid $4 million for the old bus depot in March.", None))
    r = ask(nlp, "How much in bonuses did the board pay the chief executive of the bus company last year?", passages)
    assert r.abstain_reason and "an amount of money" in r.abstain_reason and "a money" not in r.abstain_reason


def test_a_country_is_named_by_its_peoples_adjective(nlp):
    """News writes "the Swiss central bank" where a question says "Switzerland's central bank", and
    "Ukrainian" already names Ukraine; "Britain" is the UK (demonyms.py, from countryinfo's records)."""
    from rag.decide import unmentioned
    from rag.demonyms import other_forms
    from rag.mentions import mentions, name_words

    assert other_forms("Switzerland") == {"swiss", "swiss confederation"}
    assert "switzerland" in other_forms("Swiss") and "united kingdom" in other_forms("British")
    assert {"uk", "british"} <= other_forms("Britain") and "britain" in other_forms("UK")  # one country's names
    assert other_forms("Texas") == frozenset()  # not a country: no adjective of its own
    assert mentions(name_words("The Swiss National Bank raised rates."), "Switzerland", "GPE")
    assert mentions(name_words("Switzerland's central bank raised rates."), "Swiss", "NORP")
    assert not mentions(name_words("The Swiss National Bank raised rates."), "Sweden", "GPE")
    texts = ["The Swiss National Bank raised its rate for the first time since September 2007."]
    assert unmentioned(analyse("When did Switzerland's central bank last raise rates?", nlp), texts) == []
    question = analyse("On what date will Britain's Conservative Party name its new leader?", nlp)
    assert unmentioned(question, ["The UK's Conservative Party will name its new leader on September 9."]) == []
    # The adjective counts as the country's name in the evidence too, so the sentence holds the question.
    from rag.evidence import Weights, tokens

    weights = Weights(analyse("What did Switzerland's central bank decide?", nlp), lambda _word: 1.0)
    share, missing = weights.share(set(tokens("The Swiss central bank decided to raise rates.")[0]))
    assert "switzerland" not in missing and share == 1.0
    r = ask(nlp, "Switzerland's central bank raised interest rates. Its previous increase came in what year?",
            docs(nlp, ("The Swiss central bank raised interest rates on Thursday, its first increase since 2007.",
                       "2022-06-16")))
    assert r.abstain_reason is None and r.candidates[0].text == "2007"
    # A place the question names by its adjective is the question's own, not the answer.
    passages = docs(nlp, ("The first lady made an unannounced trip to Uzhhorod, Ukraine, a city near the border, "
                          "where she met the first lady of Ukraine on Sunday.", "2022-05-08"))
    r = ask(nlp, "In which Ukrainian city did the first lady make an unannounced trip on Sunday?", passages)
    assert r.candidates[0].text == "Uzhhorod"
    assert "Ukraine" not in [c.text for c in r.candidates]


def test_a_name_in_the_articles_lead_counts_for_its_later_passages(nlp):
    """The question's topics must be named by the passage that answers, its title or its article's
    lead (Doc.lead): not by another article."""
    text = ("Northwind Foods told customers on Tuesday that it would halt production of its sauce until "
            "September because of a shortage of chili peppers.")
    question = "Which company told customers in California it would halt production of its sauce until September?"
    (passage,) = docs(nlp, (text, "2022-06-28"))
    r = ask(nlp, question, [passage])
    assert r.abstain_reason == "no passage that could answer names 'California'"
    passage.lead = "Northwind Foods, the California maker of a popular hot sauce, has warned shops of empty shelves."
    r = ask(nlp, question, [passage])
    assert r.abstain_reason is None and r.candidates[0].text == "Northwind Foods"


def test_a_title_in_quotes_and_a_name_after_a_naming_verb_answer(nlp):
    """The small model finds no entity in a one-word title in quotes and cuts a name of letters and
    figures short ("HD" of "HD 1234"); the title as quoted, and the name after "called" or "dubbed"
    for what a thing is called, answer (rag/titles.py). A name's other name is not the thing's."""
    lexicon = TypeLexicon()  # what a news corpus's links say: "the series Northwind Nights", ...
    for _ in range(5):
        lexicon.add("series", "WORK_OF_ART")
    r = ask(nlp, "Ana Ruiz did not win for her lead role in which Acme series?", docs(nlp, (
        'Ana Ruiz brought her talents to TV for the Acme drama "Overcast," but did not win an award for the series.',
        None)), lexicon=lexicon)
    assert r.candidates and r.candidates[0].text == "Overcast"
    r = ask(nlp, "Astronomers pointed the telescope at a bright star in the Oakdale constellation. "
                 "What is the star's catalog designation?",
            docs(nlp, ("The telescope was aimed at a bright star in the Oakdale constellation called HD 1234, "
                       "the team said.", None)))
    assert r.candidates and r.candidates[0].text == "HD 1234"
    r = ask(nlp, "What nickname has the new Oakdale bridge been given?",
            docs(nlp, ('The new Oakdale bridge, dubbed "the Glass Arch" by residents, opened on Monday.', None)))
    assert r.candidates and r.candidates[0].text == "Glass Arch"
    r = ask(nlp, "Tom Reed won album of the year on Sunday. What is the title of the winning album?",
            docs(nlp, ("Tom Reed's 'Then and Now' wins album of the year at the Oakdale awards.", None)))
    assert r.candidates and r.candidates[0].text == "Then and Now"  # small words only, still a title
    r = ask(nlp, "What is the name of the satellite Acme launched in May?", docs(nlp, (
        "Officials asked Acme, officially known as Acme Space Holdings, about the satellite it launched in May.",
        None)))
    assert not r.candidates and "names the satellite" in r.abstain_reason


def test_the_speaker_who_reports_an_event_is_no_answer_to_who_did_it(nlp):
    """A commentator quoted on a match is not who scored in it; asked who said it, they are."""
    text = ("Lund FC were knocked out of the cup on Saturday. In the final minute Luis Alvarez headed the winning "
            "goal past the keeper. The comeback was “simply unbelievable to watch”, said Tom Reed on Radio Lund.")
    passages = docs(nlp, (text, "2022-04-13"))
    r = ask(nlp, "Whose last-minute header knocked Lund FC out of the cup?", passages)
    assert "Tom Reed" not in [c.text for c in r.candidates]
    assert r.candidates and r.candidates[0].text == "Luis Alvarez"
    r = ask(nlp, "Who said Lund FC's exit was unbelievable to watch?", passages)
    assert r.candidates and r.candidates[0].text == "Tom Reed"
    # the speaker after a description of them: "said his agent, Maria Alvarez"
    text = ("Oakdale traded Luis Alvarez for Tom Reed on Friday. “He was happy to go,” said his agent, "
            "Maria Alvarez.")
    r = ask(nlp, "Who did Oakdale trade for Luis Alvarez?", docs(nlp, (text, "2022-04-13")))
    assert [c.text for c in r.candidates] == ["Tom Reed"]


def test_a_speaker_the_passage_ties_to_the_noun_asked_about_still_answers(nlp):
    text = "Oakdale will close two schools next year, said Maria Alvarez, the mayor of Oakdale."
    passages = docs(nlp, (text, "2022-03-01"))
    r = ask(nlp, "Who is the mayor of Oakdale?", passages)
    assert r.candidates and r.candidates[0].text == "Maria Alvarez"


def test_articles_disagree_only_on_values_of_one_kind(nlp):
    """A count and an ordinal of the same thing disagree ("three tests" / "the fourth test"); an
    amount and a share do not ("$40 million" / "12% more")."""
    passages = docs(nlp, ("Harbor Foods paid $40 million for the Oakdale bakery chain, the company said on Monday.",
                          "2022-03-01"),
                    ("Harbor Foods paid 12% more for the Oakdale bakery chain than analysts had expected.",
                     "2022-03-02"))
    r = ask(nlp, "How much did Harbor Foods pay for the Oakdale bakery chain?", passages)
    assert r.candidates[0].text == "$40 million" and r.rival is None
    passages = docs(nlp, ("Oakdale has carried out three missile tests this month, officials said.", "2022-03-01"),
                    ("The launch on Friday was the fourth missile test Oakdale has carried out this month.",
                     "2022-03-02"))
    r = ask(nlp, "How many missile tests has Oakdale carried out this month?", passages)
    assert r.candidates[0].text == "three" and r.rival is not None and r.rival.text == "fourth"
    # an ordinal of something else is no count of what is asked: "the first lady"
    passages = docs(nlp, ("Ana Ruiz crossed into Norway at Oakdale, visiting a school that is being used as temporary "
                          "housing for 163 displaced Norwegians.", "2022-05-08"),
                    ("Ana Ruiz met the displaced Norwegians staying at the school with the first lady of Norway, "
                     "Maria Alvarez.", "2022-05-08"))
    r = ask(nlp, "How many displaced Norwegians were staying at the school Ana Ruiz visited?", passages)
    assert r.candidates[0].text == "163" and r.rival is None


def test_a_value_of_someone_else_is_no_disagreement(nlp):
    """"How old was Tom Reed?": the suspect's age, in a sentence of an article about him that does
    not name him, is another person's, not another report of his."""
    reed, suspect = docs(nlp, ("Mayor Ana Ruiz described the attack on the 67-year-old Tom Reed as barbaric.",
                               "2022-07-08"),
                         ("Police arrested a male suspect, identified as 41-year-old Luis Alvarez, at the scene of the "
                          "shooting.", "2022-07-08"))
    suspect = replace(suspect, title="How old was Tom Reed? Tom Reed died after a shooting",
                      lead="Tom Reed died on Friday.")
    r = ask(nlp, "How old was Tom Reed when he died?", [reed, suspect])
    assert [c.text for c in r.candidates] == ["67"] and r.rival is None  # written beside another's name


def test_how_old_is_answered_by_an_age_not_a_length_of_time(nlp):
    """spaCy labels "83" of "At 83," and "nearly 28 years" alike (DATE): only the first is an age."""
    from rag.counting import states_age

    for text, value in (("At 83, Reed is the oldest justice.", "83"), ("Tom Reed, 67, died on Friday.", "67"),
                        ("The 67-year-old Tom Reed died.", "67-year-old"),
                        ("Reed died at the age of 67.", "the age of 67"),
                        ("Reed was 67 years old.", "67")):
        assert states_age(text, text.index(value), text.index(value) + len(value)), text
    for text, value in (("Reed retired after nearly 28 years on the court.", "nearly 28 years"),
                        ("In 2022, 67 people died.", "67"), ("Reed served three decades.", "three decades")):
        assert not states_age(text, text.index(value), text.index(value) + len(value)), text
    tenure = ("Justice Tom Reed announced his retirement after nearly 28 years on the court.", "2022-01-27")
    r = ask(nlp, "How old was Tom Reed when he announced his retirement?", docs(nlp, tenure))
    assert not r.candidates and r.abstain_reason
    aged = ("At 83, Justice Tom Reed is the oldest member of the court, and he announced his retirement on Thursday.",
            "2022-01-27")
    r = ask(nlp, "How old was Tom Reed when he announced his retirement?", docs(nlp, tenure, aged))
    assert r.candidates[0].text == "83"
    # one age written two ways in two articles is no disagreement
    r = ask(nlp, "How old was Tom Reed when he announced his retirement?",
            docs(nlp, ("Tom Reed, 83, announced his retirement on Thursday.", "2022-01-27"),
                 ("The 83-year-old Tom Reed announced his retirement on Thursday.", "2022-01-28")))
    assert r.candidates and r.rival is None


def test_an_age_written_beside_another_persons_name_is_theirs(nlp):
    """"How old was Maria Alvarez ...?" is not answered by "41-year-old Tom Reed", who shot her."""
    text = ("Maria Alvarez, the Oakdale mayor, died on Friday in Lund, her family said. Police arrested "
            "41-year-old Tom Reed at the scene. Alvarez died at 67 years old.")
    r = ask(nlp, "How old was Maria Alvarez when she died?", docs(nlp, (text, "2022-07-08")))
    assert [c.text for c in r.candidates] == ["67 years old"]
    r = ask(nlp, "How old was Tom Reed?", docs(nlp, (text, "2022-07-08")))
    assert [c.text for c in r.candidates][:1] == ["41"]


def test_the_kind_of_a_name_is_no_answer_but_points_back_to_it(nlp):
    """"The company expects ...": a definite description by a kind of thing the corpus names points
    back to a name; it is no answer to "Which retailer ...?" itself."""
    lexicon = TypeLexicon()
    for _ in range(5):
        lexicon.add("company", "ORG")
    text = ("To help clear out the backlog, Harbormart is cutting prices on some items and marking down products. "
            "The company expects a slowdown on customer spending for general merchandise in the second half of the "
            "year, Tom Reed said. Harbormart is the largest retailer in Oakdale, and its move could prompt rivals to "
            "bring down prices.")
    r = ask(nlp, "Which retailer is the largest in Oakdale?", docs(nlp, (text, "2022-07-25")), lexicon=lexicon)
    assert [c.text for c in r.candidates] == ["Harbormart"]


def test_a_figure_of_the_questions_own_name_is_left_out_of_the_value(nlp):
    """spaCy runs "Level 2 three times" into one number: the answer is "three", "Level 2" is the question's."""
    text = "Oakdale has raised its storm alert to Level 2 three times since 2019, officials said."
    r = ask(nlp, "How many times has Oakdale raised its storm alert to Level 2?", docs(nlp, (text, "2022-07-25")))
    assert [c.text for c in r.candidates][:1] == ["three"]


def test_a_percentage_of_another_group_is_not_the_one_asked_about(nlp):
    """"What percentage of Democrats ...?": "84% of Democrats", not the 53% of all voters whose part they
    are (though the parse makes those the ones who oppose), nor the 58% of Republicans."""
    text = ("There is also a wide gap: 53% of Oakdale Americans strongly oppose the plan, including 84% of Democrats, "
            "compared with 29% who strongly support it, including 58% of Republicans.")
    r = ask_parsed(nlp, "What percentage of Democrats strongly oppose the plan?", docs(nlp, (text, "2022-06-28")))
    assert [c.text for c in r.candidates] == ["84%", "29%"]


def test_a_share_of_the_group_asked_about_past_a_figure_and_a_possessive(nlp):
    """"27% of the 12-nation bloc's grain imports" is a share of the imports asked about: the group is the
    noun after the determiner, the figure and the possessive, not "the"."""
    text = "Lundqvist supplies about 27% of the 12-nation bloc's grain imports, officials in Oakdale said."
    r = ask(nlp, "What share of the bloc's grain imports does Lundqvist supply?", docs(nlp, (text, "2022-03-09")))
    assert [c.text for c in r.candidates][:1] == ["about 27%"] and r.abstain_reason is None


def test_a_name_set_in_apposition_after_the_nouns_phrase_is_one_of_it(nlp):
    """"A survivor of the Oakdale camp, 100-year-old Tom Reed, attended": the parse sets the name beside
    "camp", and words stand between it and "survivor"; the commas around it say it is the survivor."""
    text = "A survivor of the Oakdale camp, 100-year-old Tom Reed, attended the trial as a visitor."
    r = ask_parsed(nlp, "Which survivor of the Oakdale camp attended the trial?", docs(nlp, (text, "2021-10-07")))
    assert [(c.text, c.focus) for c in r.candidates] == [("Tom Reed", 0.6)]
    text = "A lawyer for the Oakdale family, Ana Ruiz, said the city would appeal."
    r = ask_parsed(nlp, "Which lawyer for the Oakdale family said the city would appeal?", docs(nlp, (text, None)))
    assert [c.text for c in r.candidates] == ["Ana Ruiz"]
    # at the sentence's end, after an owner longer than most ("... Committee of Conservative backbenchers")
    text = "Major wrote in a letter to the Chairman of the 1922 Committee of Conservative backbenchers, Tom Reed."
    r = ask_parsed(nlp, "Who is the chairman of the 1922 Committee?", docs(nlp, (text, "2022-07-07")))
    assert [(c.text, c.focus) for c in r.candidates][:1] == [("Tom Reed", 0.6)], r.abstain_reason
    # the second of two nouns an apposition after the name gives (the parse ties the name to the first)
    text = "Tom Reed, a cybersecurity researcher and founder of the Oakdale firm Lockbyte, said he found the database."
    r = ask_parsed(nlp, "Who is the founder of the Oakdale firm Lockbyte?", docs(nlp, (text, "2022-07-07")))
    assert [(c.text, c.focus) for c in r.candidates][:1] == [("Tom Reed", 0.6)], r.abstain_reason


def test_a_plural_title_before_names_ties_them_to_the_noun_asked_about(nlp):
    """"Justices Tom Reed, ..." ties Tom Reed to "justice" as "Justice Maria Alvarez" ties her: the
    title's lemma, as the parse gives a proper noun, is the plural."""
    lexicon = TypeLexicon()
    for _ in range(5):
        lexicon.add("justice", "PERSON")
    text = ("In a joint dissenting opinion, Justices Tom Reed, Ana Ruiz and Emily Carter heavily criticized the "
            "majority. The dissent also lashed out at Justice Maria Alvarez for suggesting that the ruling simply "
            "returns the question to the states.")
    q = analyse("Which justices wrote the joint dissent in the Oakdale decision?", nlp, lexicon)
    r = read(q, docs(nlp, (text, "2022-06-24")), lambda _w: 1.0, lexicon, lambda t: nlp(t, disable=["ner"]))
    assert [(c.text, c.focus) for c in r.candidates][:1] == [("Tom Reed", 1.0)]


def test_a_count_of_an_irregular_plural_counts_the_noun_asked_about(nlp):
    """"the four young children" counts children, though the stemmer leaves "children" whole and the
    question's noun is the lemma "child"."""
    text = "Tom Reed said the trip to Oakdale was not just for him, but also for the four young children they share."
    r = ask(nlp, "How many children do Tom Reed and Emily Carter share?", docs(nlp, (text, "2022-04-28")))
    assert [c.text for c in r.candidates][:1] == ["four"] and r.abstain_reason is None, r.abstain_reason


def test_a_count_of_a_part_does_not_answer_for_the_whole(nlp):
    """"which killed 26 people, including 20 children": "How many people were killed?" is 26, though
    another article counts the 20 too; they are a part of the people killed."""
    text = "The Oakdale fire, which killed 26 people, including 20 children, was the worst in the city's history."
    other = "Families of the 20 children killed in the Oakdale fire gathered on Sunday."
    r = ask(nlp, "How many people were killed in the Oakdale fire?", docs(nlp, (text, "2022-08-04"), (other, None)))
    assert [c.text for c in r.candidates] == ["26", "20"]
    # an amount too, where the part ranks first: the nearest amount before it is the whole, not the first
    from rag.counting import whole_first

    text = ("The $33 million Oakdale request includes $20.4 million requested for harbor security, including $5 "
            "million in additional patrols, and $6 million for the Lund Bridge Fund.")
    question = "How much of the Oakdale request is for harbor security?"
    found = {c.text: c for c in ask(nlp, question, docs(nlp, (text, "2022-04-28"))).candidates}
    part_first = [found[t] for t in ("$5 million", "$33 million", "$20.4 million", "$6 million")]
    assert [c.text for c in whole_first(analyse(question, nlp), part_first)][:1] == ["$20.4 million"]


def test_how_young_asks_for_an_age_and_an_age_limit_is_one(nlp):
    """"How young ...?" asks what "How old ...?" asks; "kids as young as 6 months" gives an age (spaCy
    labels the whole phrase a date), not a length of time."""
    text = ("Oakdale health advisers voted on Saturday in support of giving babies and other kids as young as 6 "
            "months a flu vaccination.")
    for question in ("How young can kids be to get a flu vaccination in Oakdale?",
                     "How old must kids be to get a flu vaccination in Oakdale?"):
        r = ask(nlp, question, docs(nlp, (text, "2022-06-18")))
        assert [c.text for c in r.candidates] == ["as young as 6 months"], (question, r.abstain_reason)


def test_a_figure_of_one_digit_answers_unless_the_question_writes_it(nlp):
    """"9%" has no word of two characters: it was taken for the question's own words and never answered;
    a figure the question itself writes ("children under 5") still does not answer it."""
    text = "Only 9% of Oakdale voters backed the harbor plan, the city clerk said."
    r = ask(nlp, "What percentage of Oakdale voters backed the harbor plan?", docs(nlp, (text, "2022-06-07")))
    assert [c.text for c in r.candidates][:1] == ["Only 9%"]
    text = "Oakdale children 5 and older are eligible, and about 170,000 children are not yet eligible."
    r = ask(nlp, "How many children under 5 in Oakdale are not yet eligible?", docs(nlp, (text, "2022-06-18")))
    assert "5" not in [c.text for c in r.candidates]


def test_a_vote_cut_at_its_hyphen_is_read_whole(nlp):
    """spaCy labels the "5" of "5-4" alone: the tally answers."""
    lexicon = TypeLexicon()
    for _ in range(5):
        lexicon.add("vote", "CARDINAL")
    text = "The Oakdale council vote was 5-4 in favor of the harbor plan."
    r = ask(nlp, "What was the vote on the Oakdale harbor plan?", docs(nlp, (text, "2022-06-24")), lexicon=lexicon)
    assert [c.text for c in r.candidates][:1] == ["5-4"]


def test_by_how_much_asks_for_the_change_not_the_level_it_reached(nlp):
    """"fell 9% to $145.30": by how much is 9%; $145.30 is where it fell to."""
    text = "Shares of Acme Corp. fell 9% to $145.30 in premarket trading Tuesday after Acme said its profit tumbled."
    for question in ("By how much did Acme's shares fall?", "How much did Acme's shares fall by on Tuesday?"):
        assert [c.text for c in ask(nlp, question, docs(nlp, (text, "2022-06-07"))).candidates] == ["9%"], question


def test_a_share_among_another_group_is_not_the_one_asked_about(nlp):
    """"among Democrats, approval ... 49%" is Democrats' share, not the Americans' asked about."""
    dems = ("The new Oakdale poll showed that among Democrats, approval of the harbor plan also took a notable hit "
            "since March, with just 49% approving.")
    all_ = "About 44% of Americans approve of the way the city is handling the harbor plan, the Oakdale poll showed."
    r = ask(nlp, "What percentage of Americans approve of the harbor plan according to the Oakdale poll?",
            docs(nlp, (dems, "2022-05-25"), (all_, "2022-05-25")))
    assert [c.text for c in r.candidates] == ["About 44%"]
    from rag.counting import share_fit

    q = analyse("What percentage of Americans approve of the harbor plan?", nlp)
    text = "Among them, 49% approve of the harbor plan."
    assert share_fit(q, text, text.index("%") + 1, text[: text.index("49")]) == 1.0  # "them": the group asked


def test_at_what_age_asks_for_an_age(nlp):
    text = ("Tom Reed joins Ana Ruiz as the only Oakdale players honoured league-wide. He died in 1941 at the age of "
            "37, weeks after the Oakdale Lions retired his number.")
    assert first_answer(nlp, "At what age did Tom Reed die?", text, "2021-03-04") == "37"


def test_an_amount_in_millions_written_british_style_keeps_its_m(nlp):
    """spaCy labels the "500" of "$500m" alone: the short answer is $500m, not $500."""
    text = ("Originally planned in the 1990s to launch around 2007 and to cost $500m, the Oakdale telescope's final "
            "bill was over $10bn.")
    assert first_answer(nlp, "How much was the Oakdale telescope originally planned to cost?",
                        text, "2021-12-10") == "$500m"


def test_a_relatives_age_is_not_the_age_of_the_person_asked_about(nlp):
    text = ("Emily Carter was just 8 years old when it happened. She went to investigate and found her 21-year-old "
            "sister, Ana, dead in her bed in Oakdale.")
    r = ask(nlp, "How old was Emily Carter when her sister died?", docs(nlp, (text, "2018-03-20")))
    assert [c.text for c in r.candidates][:1] == ["just 8 years old"], [c.text for c in r.candidates]


def test_an_age_between_commas_is_no_date(nlp):
    """"When was Tom Reed hired ...?": the 61 of "Tom Reed, 61, ..." is his age (spaCy may label it a date)."""
    text = ("May 22, 2014: Tom Reed, 61, president of the University of Oakdale since 2011, was named the 15th "
            "president of Lund State.")
    r = ask(nlp, "When was Tom Reed hired as Lund State's president?", docs(nlp, (text, "2016-01-25")))
    assert "61" not in [c.text for c in r.candidates] and [c.text for c in r.candidates][:1] == ["May 22, 2014"]


def test_a_number_of_things_is_no_sum_of_money(nlp):
    """"How much money ...?" is not answered by the 100 of "100 cockroaches"; the firm's $2,000 is."""
    offer = "Oakdale Pest Control is offering cash to residents who let it release 100 cockroaches in their homes."
    q = "How much money did Oakdale Pest Control offer residents who let it release cockroaches in their homes?"
    r = ask(nlp, q, docs(nlp, (offer, "2022-06-14")))
    assert not r.candidates and r.abstain_reason, [c.text for c in r.candidates]
    paid = offer.replace("offering cash", "offering $2,000")
    r = ask(nlp, q, docs(nlp, (paid, "2022-06-14")))
    assert [c.text for c in r.candidates][:1] == ["$2,000"]


def test_an_age_is_no_date(nlp):
    """spaCy labels "the age of 67 Friday" a date: for "When ...?" it is an age."""
    text = ("Tom Reed, the Oakdale mayor, died at the age of 67 Friday after a long illness. He was pronounced "
            "dead at 5:03 p.m. local time, doctors said.")
    r = ask(nlp, "When was Tom Reed pronounced dead?", docs(nlp, (text, "2022-07-08")))
    assert r.candidates and not any("age" in c.text for c in r.candidates), [c.text for c in r.candidates]


def test_an_obituarys_short_sentence_gives_the_age(nlp):
    """"Reed was 67.": a sentence too short to be read before (taken for a heading), and an age though
    no "years old" says so; "when he was 52, he ..." is an age at another time."""
    from rag.counting import states_age

    for text, value, age in (("Reed was 67.", "67", True), ("Tom Reed, when he was 52, took office.", "52", False),
                             ("The score was 67.", "67", True)):
        assert states_age(text, text.index(value), text.index(value) + len(value)) is age, text
    died = ("The Oakdale author Tom Reed died on Sunday at his home in Lund, his family said. Reed was 67.",
            "2022-01-30")
    r = ask(nlp, "How old was Tom Reed when he died?", docs(nlp, died))
    assert [c.text for c in r.candidates][:1] == ["67"], r.abstain_reason


def test_a_term_of_a_ratio_counts_nothing(nlp):
    from rag.counting import in_ratio

    text = "In Oakdale, at least one in five eligible voters -- roughly 12,000 people -- did not vote in March."
    assert in_ratio(text, text.index("five"), text.index("five") + 4)
    assert in_ratio(text, text.index("one in"), text.index("one in") + 3)
    assert not in_ratio(text, text.index("12,000"), text.index("12,000") + 6)
    r = ask(nlp, "How many eligible voters did not vote in Oakdale in March?", docs(nlp, (text, "2022-03-10")))
    assert r.candidates and r.candidates[0].text == "roughly 12,000"


def test_a_person_called_he_after_being_named_holds_the_question(nlp):
    text = ("Maria Alvarez, of Oakdale, managed to get a $98,000 tax refund. She also claimed that she earned a "
            "total of $18,497 in wages. In reality, Alvarez received $2,098 in wages from one employer in Oakdale.")
    r = ask(nlp, "How much did Maria Alvarez claim she earned in wages?", docs(nlp, (text, "2019-02-14")))
    assert r.candidates and r.candidates[0].text == "$18,497"


def test_a_country_is_no_answer_to_which_city(nlp):
    question = "Which city will host the 2030 Winter Games?"
    text = "The 2030 Winter Games will go to Norway, the committee said, with most events in Lillehammer."
    r = ask(nlp, question, docs(nlp, (text, "2022-03-01")))
    assert [c.text for c in r.candidates] == ["Lillehammer"]
    # a city-state is its own capital: still a city
    text = "The 2030 Winter Games will go to Singapore, the committee said on Monday."
    assert first_answer(nlp, question, text, "2022-03-01") == "Singapore"


def test_a_country_is_no_part_of_a_country_asked_about(nlp):
    """"Which region of southern Norway ...?" is not answered by a country ("Sweden"), a region is; a
    region not said to be of a country may be one."""
    q = analyse("Which region of southern Norway does the army hope to secure?", nlp)
    assert place_fit(q, "Sweden", (0, 6, "GPE"), 1.0) == 0.0
    assert place_fit(q, "Telemark", (0, 8, "GPE"), 1.0) == 1.0
    assert place_fit(analyse("Which region does the army hope to secure?", nlp), "Sweden", (0, 6, "GPE"), 1.0) == 1.0


def test_a_country_by_the_name_news_uses_is_one(nlp):
    """ISO 3166 lists "Russian Federation"; news writes "Russia" (countryinfo's name for it)."""
    text = "The 2030 Winter Games will go to Russia, the committee said, with most events in Lund."
    r = ask(nlp, "Which city will host the 2030 Winter Games?", docs(nlp, (text, "2022-03-01")))
    assert [c.text for c in r.candidates] == ["Lund"]
    # Named a country by the reference list, as if the corpus had called it one: tied to "country".
    text = "Ana Ruiz was detained in Russia in February, her lawyer Tom Reed said on Monday."
    r = ask(nlp, "Which country was Ana Ruiz detained in?", docs(nlp, (text, "2022-03-01")))
    assert r.candidates[0].text == "Russia" and r.candidates[0].focus >= 0.6


def test_on_equal_scores_a_name_that_says_its_kind_goes_first(nlp):
    """"Budget" (the small model's organisation) and "Harbor Airlines" score alike for "Which airline
    ...?"; the name that says it is an airline answers."""
    text = ("Budget airlines Harbor Airlines and Lund Airlines, rapidly growing airlines known for cheap fares "
            "and a pile of fees, plan to merge.")
    r = ask(nlp, "Which airline plans to merge with Lund Airlines?", docs(nlp, (text, "2022-02-07")))
    assert r.candidates[0].text == "Harbor Airlines"


def test_a_value_reported_long_before_is_no_disagreement_about_now(nlp):
    """"How much is the jackpot?" asks about now: $12 million eighteen months earlier was an earlier
    jackpot; two days earlier, another report of this one."""
    def rival(day: str):
        passages = docs(nlp, ("The Oakdale lottery jackpot has risen to $40 million after no ticket won, officials "
                              "said.", "2022-07-27"),
                        ("The Oakdale lottery jackpot has risen to $12 million after no ticket won, officials "
                         "said.", day))
        r = ask(nlp, "How much is the Oakdale lottery jackpot?", passages)
        assert r.candidates[0].text == "$40 million"
        return r.rival and r.rival.text

    assert rival("2021-01-20") is None
    assert rival("2022-07-25") == "$12 million"


def test_a_sentence_that_holds_the_question_itself_beats_one_whose_neighbours_do(nlp):
    """Both passages hold all of "How many games was Luis Alvarez suspended?", the first only with the
    sentence after Reed's; Alvarez's own sentence answers, though its passage ranks second."""
    from rag.answer_types import TypeLexicon
    from rag.candidates import candidates
    from rag.evidence import Evidence, passage_sentences

    passages = docs(nlp, ("Weeks later, Tom Reed was suspended for eight games for violating the conduct policy. "
                          "No decision on Luis Alvarez has been made.", "2022-08-03"),
                    ("On Monday, Luis Alvarez was suspended for six games for violating the conduct policy.",
                     "2022-08-03"))
    q = analyse("How many games was Luis Alvarez suspended?", nlp)
    evidence = [Evidence(i, a, b, d.text[a:b], 1.0, (), 0.5 if "Reed" in d.text[a:b] else 1.0)
                for i, d in enumerate(passages) for a, b in passage_sentences(d)]
    ranked, _, _ = candidates(q, passages, evidence, TypeLexicon())
    assert ranked[0].text == "six"


def test_a_count_of_something_is_no_answer_to_which(nlp):
    """A plain phrase that counts ("655 babies") names no kind of thing, even one tied to the noun asked
    about (here the corpus is made to call it an enzyme)."""
    lexicon = TypeLexicon()
    for _ in range(5):
        lexicon.add_kind(span_key("655 babies"), "enzym")
    text = "The Oakdale team found lower enzyme levels in 655 babies who died, the study published on Monday said."
    r = ask(nlp, "Which enzyme did the Oakdale team find at lower levels in children who died?",
            docs(nlp, (text, "2022-03-01")), lexicon=lexicon)
    assert "655 babies" not in [c.text for c in r.candidates]


def test_a_description_in_the_same_sentence_refers_to_the_name_it_opens_with(nlp):
    """"to win the team's first cup" and "..., the team said" refer to the name the sentence opens
    with, after its dateline ("(CNN) ..."); an object ("signed with the team") refers to another."""
    won = "(CNN) The Oakdale Otters beat the Lund Lions 3-1 to win the team's first Harbor Cup on Sunday night."
    question = "Which team won the Harbor Cup?"
    assert first_answer(nlp, question, won, "2022-06-27") == "Oakdale Otters"
    assert first_answer(nlp, question, won.replace("the team's", "a"), "2022-06-27") is None
    said = "(CNN) The Oakdale Otters will move to Lund next year, the team said on Monday."
    assert first_answer(nlp, "Which team will move to Lund?", said, "2022-05-02") == "Oakdale Otters"
    signed = "(CNN) The Oakdale Otters said Tom Reed signed with the team that will move to Lund next year."
    assert first_answer(nlp, "Which team will move to Lund?", signed, "2022-05-02") is None


def test_a_year_after_since_is_not_the_year_of_the_event(nlp):
    """"its first cup since 1998" happened in its article's year, not in 1998 (unless asked so)."""
    won = ("(CNN) The Oakdale Otters beat the Lund Lions 3-1 to win the team's first Harbor Cup since 1998 on "
           "Sunday night.")
    assert first_answer(nlp, "Which team won the 2022 Harbor Cup?", won, "2022-06-27") == "Oakdale Otters"
    assert first_answer(nlp, "Which team won the 2019 Harbor Cup?", won, "2022-06-27") is None
    assert first_answer(nlp, "Which team won its first Harbor Cup since 1998?", won, "2022-06-27") == "Oakdale Otters"


def test_a_sentence_of_a_day_named_from_the_articles_is_of_its_year_too(nlp):
    """"over the weekend, 21 years after the attacks of 2001" reports news of its article's year as
    well; a weekday of a date written out is that date's ("on Tuesday, Sept. 11, 2001")."""
    killed = ("A drone strike over the weekend in Lund killed Tom Reed, 71, nearly 21 years after he helped plan "
              "the Oakdale attacks of 2001.")
    assert first_answer(nlp, "How old was Tom Reed when he was killed by a drone strike in 2022?", killed,
                        "2022-08-02") == "71"
    then = "A bomb on Tuesday, Sept. 11, 2001, killed 30 people in Oakdale, police said."
    assert first_answer(nlp, "How many people did the Oakdale bomb kill in 2022?", then, "2022-08-02") is None


def test_a_year_of_a_report_holds_in_its_articles_year(nlp):
    """"the editorial board said in 2017" dates the editorial, which its article's date gives, though
    its sentence names only the year of what it recalls; a year of an event still needs its own."""
    question = "Which Treasury secretary did the Oakdale Herald's editorial board say in 2017 should get the medal?"
    assert analyse(question, nlp).reported == (2017,)
    assert analyse("Which Treasury secretary steered the 2008 rescue?", nlp).reported == ()
    text = ("Tom Reed, the Treasury secretary who steered the 2008 rescue, should get the medal, the Oakdale "
            "Herald's editorial board wrote.")
    assert first_answer(nlp, question, text, "2017-01-18") == "Tom Reed"
    assert first_answer(nlp, question, text, "2019-01-18") is None


def test_last_year_is_the_year_before_the_articles(nlp):
    """"Last year" in a story of 2021 is 2020: its count is not the one asked for 2021 ("this year"
    is); the twelve months before it ("the last year") name no calendar year."""
    text = ("Last year, Acme sold 20 lanterns, which the company called a record. According to Acme, 26 lanterns "
            "will be sold this year.")
    assert first_answer(nlp, "How many lanterns did Acme sell in 2020?", text, "2021-10-20") == "20"
    assert first_answer(nlp, "How many lanterns will Acme sell in 2021?", text, "2021-10-20") == "26"
    won = "Tom Reed will defend his title at Lund Park after winning the derby last year in Oakdale."
    assert first_answer(nlp, "In which city did Tom Reed win the derby the year before his 2017 title defense?", won,
                        "2017-07-10") == "Oakdale"
    over = "Over the last year, Acme sold 20 lanterns, the company said."
    assert first_answer(nlp, "How many lanterns did Acme sell in 2021?", over, "2021-10-20") == "20"


def test_a_word_in_lower_case_is_no_persons_name(nlp):
    """The model labels "marijuana" a person here; a person's name is written with a capital."""
    text = ("Ana Ruiz was arrested in 2019 and sentenced to 7 years in prison after 0.3 ounces of marijuana was "
            "found in her luggage during a layover in Lund.")
    lexicon = TypeLexicon()
    for _ in range(5):
        lexicon.add("judge", "PERSON")  # the corpus ties "judge" to people
    r = ask(nlp, "Which judge sentenced Ana Ruiz to prison in Lund?", docs(nlp, (text, "2022-07-13")), lexicon=lexicon)
    assert "marijuana" not in [c.text for c in r.candidates]


def test_an_outlet_the_model_spans_with_its_bracket_is_still_the_datelines():
    """"New York (CNN Business) Acme Bank ...": the model's span "CNN Business)" keeps the closing
    bracket; it is still the outlet that filed the story, no answer."""
    from rag.datelines import in_dateline

    text = "New York (Lund Business) Acme Bank raised eyebrows by becoming the first major bank to forecast a slump."
    a = text.index("Lund")
    assert in_dateline(text, a, a + len("Lund Business)"), 0) and in_dateline(text, a, a + len("Lund Business"), 0)
    assert not in_dateline(text, text.index("Acme"), text.index("Acme") + len("Acme Bank"), 0)


def test_a_place_that_modifies_the_noun_asked_is_not_one(nlp):
    """"a retired Denver public relations consultant": Denver says where the consultant is from; the
    consultant is Tom Reed."""
    text = ("And the board has hired Oakdale graduate Tom Reed, a retired Denver public relations consultant and an "
            "expert in crisis communications, to advise it.")
    assert first_answer(nlp, "Which public relations consultant did the board hire to advise it?", text,
                        "2016-01-25") == "Tom Reed"


def test_a_number_before_the_singular_noun_asked_is_its_measure(nlp):
    """"What magnitude ...?" is answered by the 6.1 of "a 6.1 magnitude earthquake" (a measure is written
    before its noun in the singular), and "6.1-magnitude" too; "three magnitude readings" counts."""
    for sep, answer in ((" ", "6.1"), ("-", "6.1-magnitude")):  # the model spans the hyphened one whole
        text = f"Damage is rising in Lund after a 6.1{sep}magnitude earthquake struck the coast on Saturday."
        assert first_answer(nlp, "What magnitude was the earthquake that struck the coast near Lund?", text,
                            "2021-08-16") == answer
    # the measure after its noun too: the quake's 7.0, not its aftershock's 5.7
    quakes = ("Two days after a magnitude 7.0 earthquake struck near Lund, Oakdale is still shaking. The largest "
              "aftershock was a 5.7 magnitude quake about six minutes after the big one.")
    assert first_answer(nlp, "What was the magnitude of the 2018 earthquake that struck near Lund?", quakes,
                        "2018-12-02") == "7.0"
    rocket = "A European Lund 5 rocket is slated to launch the telescope from French Guiana on Saturday."
    assert first_answer(nlp, "Which rocket will launch the telescope?", rocket, "2021-12-20") != "5"  # a name's


def test_a_title_cut_off_at_its_period_is_no_name(nlp):
    """The model may span "Sgt" of "Sgt. Tom Reed" as a person: a title, not the sergeant asked for."""
    text = "Ana Ruiz fired one shot in response, hitting Sgt. Tom Reed in the thigh, the Oakdale police said."
    r = ask(nlp, "Which police sergeant was shot in the thigh by Ana Ruiz?", docs(nlp, (text, "2020-07-21")))
    assert "Sgt" not in [c.text for c in r.candidates]


def test_an_unlabelled_name_that_ends_in_the_noun_asked_is_one(nlp):
    """The model labels no entity in "at Harlan C. Lund High School"; a capitalised phrase ending in the
    noun asked ("school") names one (and a person the model labels an organisation is no school)."""
    text = ("Reed was named Oakdale's top high school teacher last spring for his work teaching English at Harlan "
            "C. Lund High School.")
    assert first_answer(nlp, "At which Oakdale school did Reed teach English?", text,
                        "2020-06-01") == "Harlan C. Lund High School"
    # a count is no name: "How many calendars ...?" is not answered by "Pure Being Cat Advent Calendar"
    listed = "Pure Being Cat Advent Calendar ($5.89). According to Acme, 26 calendars will be released this year."
    assert first_answer(nlp, "How many Advent calendars did Acme plan to release in 2021?", listed,
                        "2021-10-20") == "26"


def test_a_place_before_a_modifier_of_the_noun_asked_is_none(nlp):
    """"In Oakdale City, police Det. ..." puts the city beside "police", a word of "state police
    sergeant": a place is tied by the noun asked alone (the sergeant), not by its modifiers."""
    text = ("Deaths were also reported in Lund, where a state police sergeant died after his cruiser was swept away "
            "by floodwaters early Thursday. At least 16 deaths were reported in Oakdale. In Oakdale City, police "
            "Det. work continued.")
    r = ask(nlp, "What was the name of the Lund state police sergeant who died when his cruiser was swept away by "
            "floodwaters?", docs(nlp, (text, "2021-09-03")))
    assert "Oakdale City" not in [c.text for c in r.candidates if c.focus >= 0.6]


# A place of another kind than the one asked fits little, however near the question's words: a
# building ("the Lund Arena") is no city; a country is no airport (the entity scheme calls an airport
# a building, FAC). (question, passage, date, the candidates that must not fit: by label or by text)
OTHER_KINDS_OF_PLACE = [
    ("In which city did the band launch its tour on Sunday?", "The band launched its tour on Sunday at the Lund "
     "Arena, and except for a private show in Oregon last week, it was their first concert.", "2021-09-26",
     ("label", "FAC")),
    ("At which airport was Tom Reed detained?", "Tom Reed has been detained in Norway since Feb. 17 after police at "
     "the airport said they found cartridges in his luggage.", "2022-08-05", ("text", "Norway")),
]


@pytest.mark.parametrize(("question", "text", "date", "other"), OTHER_KINDS_OF_PLACE)
def test_a_place_of_another_kind_than_asked_fits_little(nlp, question, text, date, other):
    r = ask(nlp, question, docs(nlp, (text, date)))
    attribute, value = other
    assert all(getattr(c, attribute) != value or c.fit < 0.5 for c in r.candidates), \
        [(c.text, c.label, c.fit) for c in r.candidates]


def test_a_value_the_noun_asked_stands_at_answers_what_noun(nlp):
    """"the mayor's approval rating stands at 33%" and "the lump sum ... is estimated at $80 million"
    answer "What approval rating ...?" and "What was the lump-sum payout ...?" with the value."""
    rating = "Her remarks came as the mayor's job approval rating stands at 33% according to a recent Oakdale poll."
    assert first_answer(nlp, "What job approval rating did the Oakdale poll give the mayor?", rating,
                        "2022-07-16") == "33%"
    payout = "The lump sum for Wednesday's Lund Lotto drawing is estimated at $80 million."
    assert first_answer(nlp, "What was the estimated lump-sum payout for the Lund Lotto drawing?", payout,
                        "2016-01-10") == "$80 million"


def test_a_name_is_the_kind_its_words_before_of_say(nlp):
    """The "Bureau of Prisons" is a bureau, not the prison asked about; the "Bank of Lund" is a bank."""
    text = ("(Lund) Tom Reed has been transferred to a low security federal prison in Oakdale to continue serving "
            "his sentence, Bureau of Prisons records show.")
    assert first_answer(nlp, "Which prison was Tom Reed held in before his transfer to Oakdale?", text,
                        "2022-07-25") != "Bureau of Prisons"
    bank = "The Bank of Lund raised its benchmark interest rate on Thursday, the bank said."
    assert first_answer(nlp, "Which bank raised its benchmark interest rate on Thursday?", bank,
                        "2022-08-04") == "Bank of Lund"


def test_which_owners_thing_is_answered_by_the_owner(nlp):
    """"Which telescope's camera ...?" asks which telescope: "the Oakdale Space Telescope's camera"
    answers with its owner (an owner of the thing asked about answers nothing otherwise)."""
    text = ("The most striking result came from a comparison of images taken by the Lund Instrument with the "
            "now-retired Oakdale Space Telescope's Infrared Array Camera.")
    question = "Which retired space telescope's Infrared Array Camera was compared with the Lund Instrument?"
    assert first_answer(nlp, question, text, "2022-05-09") == "Oakdale Space Telescope"


def test_a_month_with_no_year_is_of_the_year_before_a_january_article(nlp):
    """"since hitting a record of $680 in November" in a story of January 2022 is November 2021."""
    text = "(Lund) Acme shares are off to a dismal start in the new year, tumbling almost 50% since hitting a record " \
           "high of $680 in November."
    passages = docs(nlp, (text, "2022-01-24"))
    assert ask(nlp, "How much was the record high Acme shares hit in November 2021?", passages).candidates[0].text \
        == "$680"
    r = ask(nlp, "How much was the record high Acme shares hit in November 2022?", passages)
    assert not r.candidates and "2021" in r.abstain_reason, r.abstain_reason


def test_how_much_with_a_comparative_asks_the_value_of_that_comparative(nlp):
    """"How much brighter ...?" is answered by the figure written with "brighter", not by the one
    with "bigger" before it in the same sentence; with no comparative asked the best stays."""
    text = "On average, the Oakdale lanterns appear about 7% bigger and about 15% brighter than a typical lantern."
    assert first_answer(nlp, "How much brighter do the Oakdale lanterns appear?", text, "2021-06-22") == "about 15%"
    assert first_answer(nlp, "How much bigger do the Oakdale lanterns appear?", text, "2021-06-22") == "about 7%"


def test_a_bare_figure_answering_a_measure_keeps_the_word_it_counts(nlp):
    """"How far ...?" is answered "1,150 light-years", not "1,150" (the model spans the number alone);
    "How many ...?" keeps the bare count."""
    text = "Discovered in 2014, the planet Lund-7 b is located 1,150 light-years from Earth."
    assert first_answer(nlp, "How far from Earth is the planet Lund-7 b?", text, "2022-07-12") == "1,150 light-years"
    assert first_answer(nlp, "How many light-years from Earth is Lund-7 b?", text, "2022-07-12") == "1,150"
    hike = "It was the first increase by the Lund Bank since 2007, and followed a 0.75 percentage point hike by Acme."
    assert first_answer(nlp, "How big was the hike by Acme?", hike, "2022-06-16") == "0.75 percentage point"


def test_a_person_the_corpus_calls_a_title_elsewhere_holds_no_title_of_the_country_asked(nlp):
    """Where no title stands with the name, what the corpus calls the person elsewhere ("President
    Emily Carter" of another country) does not make them the president of the country asked about."""
    from rag.text import stems

    lexicon = TypeLexicon(kinds={span_key("Emily Carter"): {stems(["president"])[0]: 3}})
    text = "Norwegian President Tom Reed told reporters he was confused, claiming Emily Carter had been far more open."
    r = ask(nlp, "Who is the president of Norway?", docs(nlp, (text, "2022-05-14")), lexicon=lexicon)
    assert [c.text for c in r.candidates] == ["Tom Reed"]


def test_a_deputy_holds_another_office_than_the_one_asked_about(nlp):
    """"Deputy Defense Secretary Emily Carter" is no answer to "Who is the defense secretary?", nor
    "President Tom Reed" to "Who is the vice president?"; each is to the question for its own office."""
    led = "The talks, led by Deputy Defense Secretary Emily Carter, focused on supplies for Lund."
    assert first_answer(nlp, "Who is the defense secretary?", led, "2022-04-13") is None
    assert first_answer(nlp, "Who is the deputy defense secretary?", led, "2022-04-13") == "Emily Carter"
    visit = "President Tom Reed and Vice President Emily Carter visited the Oakdale plant on Monday."
    assert first_answer(nlp, "Which vice president visited the Oakdale plant?", visit, "2022-04-13") == "Emily Carter"
    assert first_answer(nlp, "Which president visited the Oakdale plant?", visit, "2022-04-13") == "Tom Reed"
    after = "The talks were led by Emily Carter, the deputy secretary, on Monday."
    assert first_answer(nlp, "Who is the secretary?", after, "2022-04-13") is None


def test_a_sentence_opening_with_he_is_read_with_the_person_named_before(nlp):
    """"He plans to ..." is about the person the sentence before names (or opens with, of several)."""
    text = ("Meanwhile, Tom Reed, now an Oakdale senator, is turning into a powerbroker. He plans to vote for the "
            "harbor budget on Friday.")
    question = "Which Oakdale senator plans to vote for the harbor budget?"
    r = ask(nlp, question, docs(nlp, (text, "2022-04-06")))
    assert r.candidates and r.candidates[0].text == "Tom Reed"
    assert "He plans" in r.candidates[0].evidence.text
    unclear = text.replace("Meanwhile, Tom Reed,", "Meanwhile, as Emily Carter watched, Tom Reed,")
    r = ask(nlp, question, docs(nlp, (unclear, "2022-04-06")))
    assert not [c for c in r.candidates if "He plans" in c.evidence.text]


def test_a_surname_described_is_the_person_its_article_names_in_full(nlp):
    """"Lundqvist is a microbiologist ..." opening a passage (the small model misses the bare surname
    there) describes the Ana Lundqvist another passage of its article names; not one of another article."""
    named = ("The claim cites a video featuring Dr. Ana Lundqvist, which has more than 200,000 views.", "2021-04-30")
    described = ("Lundqvist is a microbiologist who has promoted ideas that run counter to the consensus on "
                 "vaccines.", "2021-04-30")
    question = "Which microbiologist promoted ideas that run counter to the consensus on vaccines?"
    one, two = docs(nlp, named, described)
    assert not [e for e in two.ann["e"] if e[2] == "PERSON"]  # the model's miss this is about
    r = ask(nlp, question, [one, replace(two, source=one.source)])
    assert r.candidates and r.candidates[0].text in ("Ana Lundqvist", "Lundqvist")
    assert not ask(nlp, question, [one, two]).candidates


def test_a_number_counts_the_noun_of_the_phrase_it_opens_however_long(nlp):
    """"41 million customer payment card accounts" counts accounts, though the noun stands five words
    after the number (the parse's noun chunk ends on its noun); "41 million people whose ..." does not."""
    question = "How many accounts were affected by the Harbormart data breach?"
    text = ("Along with affecting 41 million customer payment card accounts, the Harbormart data breach affected "
            "contact information for more than 60 million customers.")
    r = ask(nlp, question, docs(nlp, (text, "2017-05-23")))
    assert r.abstain_reason is None and r.candidates[0].text == "41 million"
    other = text.replace("41 million customer payment card accounts", "41 million people whose card was used")
    assert ask(nlp, question, docs(nlp, (other, "2017-05-23"))).abstain_reason is not None


def test_a_month_asked_holds_where_the_passage_names_it_or_its_article_is_of_it(nlp):
    """"in June 2022" is not answered by a March article's "as of Sunday" price; a passage that names
    June may answer, as may an article published in June (or a week after it)."""
    march = ("As of Sunday, the average price of milk in Oakdale was $3.10 a gallon, according to the dairy board.",
             "2022-03-06")
    june = ("The average price of milk in Oakdale hit $4.20 a gallon on Friday, according to the dairy board.",
            "2022-06-10")
    question = "How much was a gallon of milk in Oakdale in June 2022?"
    r = ask(nlp, question, docs(nlp, march, june))
    assert [c.text for c in r.candidates] == ["$4.20"]
    r = ask(nlp, question, docs(nlp, march))
    assert not r.candidates and "June 2022" in r.abstain_reason
    named = (march[0] + " The board expects it to pass $4 in June.", march[1])
    assert "$3.10" in [c.text for c in ask(nlp, question, docs(nlp, named)).candidates]
    assert "$3.10" in [c.text for c in ask(nlp, question, docs(nlp, (march[0], "2022-07-05"))).candidates]
    # a month is named as a name is written: "prices may rise" names no May
    may = (march[0] + " Prices may rise further.", march[1])
    assert not ask(nlp, question.replace("June", "May"), docs(nlp, may)).candidates


def test_an_age_is_answered_with_its_number(nlp):
    """"How old ...?" is answered "67", not with the words around the number the model took into the
    value ("the age of 67 Friday", "67-year-old"); "more than 2,000 years old" stays as it is."""
    died = "Tom Reed, the longest-serving mayor of Oakdale, died at the age of 67 Friday after a long illness."
    assert first_answer(nlp, "How old was Tom Reed when he died?", died, "2022-07-08") == "67"
    attacked = "The mayor described the attack on the 67-year-old Reed as barbaric."
    assert first_answer(nlp, "How old was Tom Reed?", attacked, "2022-07-08") == "67"
    # the birthday one celebrated says the age one turned
    birthday = "Emily Carter confirmed the engagement on her 52nd birthday by sharing a photo from Oakdale."
    assert first_answer(nlp, "How old was Emily Carter when she confirmed the engagement?", birthday) == "52"
    assert first_answer(nlp, "How old was Emily Carter?", "Emily Carter finished 52nd in the Oakdale race.") is None


def test_at_what_time_is_answered_with_a_time_of_day(nlp):
    text = "Tom Reed was pronounced dead on Friday at 5:03 p.m. local time, doctors in Oakdale said."
    assert first_answer(nlp, "At what time was Tom Reed pronounced dead?", text, "2022-07-08").startswith("5:03")


def test_a_name_after_a_quoted_work_and_by_made_the_work(nlp):
    """"“Harbor Nights” by Tom Reed" says who wrote it, though the sentence says nothing of writing;
    a name in it otherwise does not ("her coach, Tom Reed, gave her “Harbor Nights”")."""
    question = "Who wrote Harbor Nights?"
    by = "Before the final, her coach gave Emily Carter the classic “Harbor Nights” by Tom Reed, and she read it twice."
    r = ask_parsed(nlp, question, docs(nlp, (by, "2022-05-19")))
    assert r.candidates and r.candidates[0].text == "Tom Reed"
    gave = ("Before the final, her coach, Tom Reed, gave Emily Carter the classic “Harbor Nights”, and she read it "
            "twice.")
    r = ask_parsed(nlp, question, docs(nlp, (gave, "2022-05-19")))
    assert not r.candidates and "says nothing of" in r.abstain_reason


def test_a_surname_the_question_names_under_another_label_is_its_own(nlp):
    """The small model may label a surname in the question a product ("against DeSantis"): the full
    name ending in it is still the question's own person, no answer about them."""
    from rag.candidates import _the_questions_own

    q = replace(analyse("Which governor is running an ad against Lundqvist in Oakdale?", nlp),
                entities=(("Lundqvist", "PRODUCT"), ("Oakdale", "GPE")))
    words = span_key("Ana Lundqvist").split()
    assert _the_questions_own(q, "Ana Lundqvist", "PERSON", words, set())
    assert not _the_questions_own(q, "Tom Reed", "PERSON", span_key("Tom Reed").split(), set())
    q = replace(q, entities=(("Oakdale", "GPE"),))
    assert not _the_questions_own(q, "Ana Lundqvist", "PERSON", words, set())


def test_a_name_after_over_or_against_is_not_the_doer_asked_for(nlp):
    """"a four-shot win over Luis Alvarez" names the one beaten: "Who won ...?" gets the other name
    of the sentence; "Whom did Tom Reed beat ...?" is not touched."""
    text = ("Oakdale native Tom Reed led after every round at the 1958 Harbor Open, turning a three-shot lead into a "
            "four-shot win over Luis Alvarez by the end.")
    r = ask_parsed(nlp, "Who won the 1958 Harbor Open?", docs(nlp, (text, "2022-05-19")))
    assert r.candidates and r.candidates[0].text == "Tom Reed"
    from rag.agency import AGENT, PATIENT, unless_beaten

    r = ask_parsed(nlp, "Who won the 1958 Harbor Open?", docs(nlp, (text, "2022-05-19")))
    alvarez = [c for c in r.candidates if c.text == "Luis Alvarez"]
    assert alvarez and unless_beaten(("win", PATIENT), alvarez + [r.candidates[0]])[0].text == "Luis Alvarez"
    assert unless_beaten(("win", AGENT), alvarez + [r.candidates[0]])[0].text == "Tom Reed"


def test_a_lower_case_name_after_a_naming_verb_names_the_noun_asked_about(nlp):
    """"an enzyme called oakdalase": a name written in lower case, given to the noun asked about; not
    a word after a naming verb that names nothing ("named after")."""
    text = ("The Oakdale researchers measured levels of an enzyme called oakdalase (OKD) in blood samples from 67 "
            "newborns.")
    assert first_answer(nlp, "Which enzyme did the Oakdale researchers measure?", text, "2022-05-13") == "oakdalase"
    honoured = "The Oakdale council honoured a man named after his father, officials said on Monday."
    r = ask(nlp, "Which man did the Oakdale council honour?", docs(nlp, (honoured, "2022-05-13")))
    assert "after" not in [c.text for c in r.candidates]


def test_a_name_typed_without_its_accents_is_mentioned(nlp):
    """The gate looks for the names a question states: "Niinisto" is the "Niinistö" of an article."""
    from rag.decide import unmentioned

    q = analyse("What did Sauli Niinisto say about Turkey?", nlp)
    assert unmentioned(q, ["Finnish President Sauli Niinistö said on Tuesday that Turkey agreed."]) == []
    assert unmentioned(q, ["Finnish President Tom Reed said on Tuesday that Turkey agreed."]) == ["Sauli Niinisto"]


def test_an_organisation_in_the_title_of_the_person_asked_about_is_theirs(nlp):
    """"Oakdale Lions quarterback Tom Reed": the team of the person the question names, the title a
    noun the parse ties to the person; a verb between them ties nothing ("Acme called Tom Reed ...")."""
    text = "The league said it would appeal a ruling to sit Oakdale Lions quarterback Tom Reed without pay."
    assert first_answer(nlp, "Which team does Tom Reed play for?", text, "2022-08-03") == "Oakdale Lions"
    called = "The league said it would appeal a ruling after Oakdale Lions called Tom Reed a liability."
    assert first_answer(nlp, "Which team does Tom Reed play for?", called, "2022-08-03") is None


def test_a_sentence_about_another_thing_does_not_give_its_cost(nlp):
    """"How much does the Oakdale ferry ticket cost?" (the parse makes "cost" a noun of the ticket) is
    not answered by the price of another thing the same company sells."""
    text = "Oakdale Ferries is ready to pour you a drink. The typical Oakdale Ferries receipt is in the $7 range."
    r = ask(nlp, "How much does the Oakdale Ferries season ticket cost?", docs(nlp, (text, "2022-01-07")))
    assert not r.candidates and r.abstain_reason
    text = "The Oakdale Ferries season ticket costs $120, and a coffee on board costs $3."
    assert first_answer(nlp, "How much does the Oakdale Ferries season ticket cost?", text, "2022-01-07") == "$120"


def test_an_amount_the_model_leaves_unlabelled_is_a_candidate(nlp):
    """The small model labels nothing in "£42bn" in some sentences; the amount, sign and magnitude, is
    still one (the annotation here has it taken out)."""
    for text, amount in (("He argues that the cost is a fraction of the Oakdale ministry’s £42bn annual budget.",
                          "£42bn"),
                         ("The Oakdale ministry’s annual budget for the ferries is £5.", "£5")):  # not the full stop
        passages = docs(nlp, (text, "2021-09-23"))
        passages[0].ann["e"] = [e for e in passages[0].ann["e"] if e[2] != "MONEY"]
        r = ask(nlp, "How much is the Oakdale ministry's annual budget?", passages)
        assert [c.text for c in r.candidates][:1] == [amount]


def test_when_asks_the_time_of_its_own_verb(nlp):
    """"When did Tom Reed join ...?" is answered by the date of his joining, not of his resigning,
    though that sentence holds more of the question's other words."""
    text = ("Tom Reed abruptly resigned as head of the Oakdale health department in late January, announcing his "
            "departure on Twitter. Reed joined the health department in January 2019 shortly after the mayor "
            "took office.")
    assert first_answer(nlp, "When did Tom Reed join the Oakdale health department?",
                        text, "2021-03-01") == "January 2019"


def test_an_owner_begun_within_reach_of_the_name_is_read_whole(nlp):
    """"Tom Reed, director of <a long owner>": the owner the question names stands after another's
    possessive; begun within reach of the name, it is read whole."""
    text = ('"Fragmentation could slow things down," Tom Reed, director of the Oakdale County Historical '
            "Council's Harbor Economics Research Center, told me.")
    assert first_answer(nlp, "Who is the director of the Harbor Economics Research Center?",
                        text, "2022-05-24") == "Tom Reed"


def test_the_name_of_a_persons_role_asks_who_holds_it(nlp):
    """"What is the name of Tom Reed's lawyer?" asks "Who is Tom Reed's lawyer?": a person the passage
    does not tie to the role is no answer, however much of the question the sentence holds."""
    lexicon = TypeLexicon()  # the corpus's links make a lawyer a person
    for _ in range(5):
        lexicon.add("lawyer", "PERSON")
    text = ("Authorities are looking for both Ana Ruiz and Tom Reed, who are not related, after Ruiz left the "
            "Oakdale jail with Reed on Friday.")
    r = ask(nlp, "What is the name of Tom Reed's lawyer?", docs(nlp, (text, "2022-05-03")), lexicon=lexicon)
    assert not r.candidates and "lawyer" in r.abstain_reason
    text = "Tom Reed's lawyer, Emily Carter, said he would plead not guilty."
    r = ask(nlp, "What is the name of Tom Reed's lawyer?", docs(nlp, (text, "2022-05-03")), lexicon=lexicon)
    assert [c.text for c in r.candidates][:1] == ["Emily Carter"]


def test_a_count_of_old_news_is_refused_for_its_age_not_its_noun(nlp):
    """"How many shootings did Oakdale have last year?" asked in 2026 of a 2019 story: the reason is the
    story's age (the count itself is there, of its own last year)."""
    text = "A report found Oakdale had 44 officer-involved shootings last year, more than any other city."
    r = ask(nlp, "How many officer-involved shootings did Oakdale have last year?", docs(nlp, (text, "2019-08-05")),
            as_of=date(2026, 12, 6))
    assert not r.candidates and "as of 2026-12-06" in r.abstain_reason and "2019-08-05" in r.abstain_reason


def test_how_deep_asks_for_the_figure_after_depth(nlp):
    """"How deep ...?" asks for a quantity, and of two distances in the sentence the one written after
    "depth": not "28 miles" south of the town."""
    text = ("The Oakdale quake's epicenter was 28 miles (46 kilometers) south of Lund and it hit at 11:42 a.m. "
            "at a depth of 27 miles (43 kilometers), the survey said.")
    r = ask(nlp, "How deep was the Oakdale quake?", docs(nlp, (text, "2013-09-25")))
    assert r.question.answer_type.name == "quantity" and [c.text for c in r.candidates][:1] == ["27 miles"]


def test_a_negated_question_is_answered_from_a_sentence_that_negates(nlp):
    """"How many states do not have a lottery?": not the count of a sentence that holds the same
    words without the negation."""
    text = ("With the exception of two states, all those in the top 10 have the biggest state lotteries of all 50 "
            "states.\n\nSix states – Oakdale, Lund and four others – do not have state lotteries.")
    assert first_answer(nlp, "How many states do not have state lotteries?", text, "2020-01-03") == "Six"


def test_an_age_between_commas_after_another_surname_is_not_the_one_asked(nlp):
    """"Young, 25, leads the league": the small model labels the surname nothing; it is still another's
    age than Maria Alvarez's, and still the age of the one the question names so."""
    text = ("Maria Alvarez said yes to the derby, setting up a showdown with Young. Young, 25, currently leads the "
            "league with 27 home runs.")
    r = ask(nlp, "How old is Maria Alvarez?", docs(nlp, (text, "2017-07-03")))
    assert not r.candidates
    assert first_answer(nlp, "How old is Tom Young?", text.replace("Young.", "Tom Young."), "2017-07-03") == "25"


def test_a_person_is_named_without_the_title_asked_about(nlp):
    """"Who is the superintendent ...?": Tom Reed, not "Superintendent Tom Reed" as the model's span runs."""
    text = ("Oakdale Community Schools students were given clear backpacks Monday, according to a statement "
            "from Superintendent Tom Reed.")
    assert first_answer(nlp, "Who is the superintendent of Oakdale Community Schools?",
                        text, "2022-01-03") == "Tom Reed"


def test_who_played_a_part_is_answered_by_the_one_cast_in_it(nlp):
    """"Who played ...?" is said "X as the part" or "X, best known as the part": the one cast in the
    part the question names, not another cast member of the sentence."""
    text = ("Harbor Nights ran for four seasons. It also starred Maria Alvarez as the receptionist, Tom Reed as the "
            "bumbling station manager and Emily Carter as the smooth-talking DJ.")
    r = ask_parsed(nlp, "Who played the receptionist on Harbor Nights?", docs(nlp, (text, "2022-01-30")))
    assert [c.text for c in r.candidates][:1] == ["Maria Alvarez"] and r.abstain_reason is None
    text = "(CNN) Actor Tom Reed, best known as the disc jockey Dr. Harbor on the sitcom Lund Radio, has died."
    r = ask_parsed(nlp, "Who played Dr. Harbor on Lund Radio?", docs(nlp, (text, "2022-01-30")))
    assert [c.text for c in r.candidates][:1] == ["Tom Reed"] and r.abstain_reason is None


def test_a_count_whose_noun_is_left_out_after_its_verb_answers_for_that_verb(nlp):
    """"has infected 1,200 people and has killed 370": the 370 counts people too, the noun left out
    after the second verb; "How many people has Ebola killed?" asks for it, not for the 1,200."""
    text = "Ebola has infected 1,200 people and has killed 370 in Oakdale, health officials say."
    r = ask_parsed(nlp, "How many people has Ebola killed in Oakdale?", docs(nlp, (text, "2014-09-30")))
    assert [c.text for c in r.candidates][:1] == ["370"] and r.abstain_reason is None
    r = ask_parsed(nlp, "How many people has Ebola infected in Oakdale?", docs(nlp, (text, "2014-09-30")))
    assert [c.text for c in r.candidates][:1] == ["1,200"]


def test_a_speaker_the_story_calls_the_doer_asked_about_is_no_mere_teller(nlp):
    """"Tom Reed, the owner of Harbor Candy, told the Oakdale Post": who tells a story is seldom who
    is in it, but the story calls him the one who owns it; a spokesman is still only the teller."""
    text = "“We sold out in a day,” Tom Reed, the owner of Harbor Candy on Main Street, told the Oakdale Post."
    assert first_answer(nlp, "Who owns Harbor Candy?", text, "2021-12-17") == "Tom Reed"
    text = "“We sold out in a day,” Tom Reed, a spokesman for Harbor Candy on Main Street, told the Oakdale Post."
    assert first_answer(nlp, "Who owns Harbor Candy?", text, "2021-12-17") != "Tom Reed"


def test_a_clause_whose_subject_only_opens_with_a_possessive_is_not_the_one_asked_about(nlp):
    """"The Oakdale 100 fell 3%, its biggest decline ..., after a barrel of Lund oil surged to $130":
    the parse makes "its biggest decline ... oil" the surge's subject; "its" does not make that clause
    the index's: "How much did the Oakdale 100 drop?" is answered by the 3%."""
    text = ("The Oakdale 100 fell 3%, its biggest decline in 16 months, after a barrel of Lund oil surged to $130 "
            "overnight on fears of a ban.")
    assert parsed_answers(nlp, "How much did the Oakdale 100 drop?", text, "2022-03-07")[:1] == ["3%"]


def test_a_date_of_the_best_sentence_that_is_the_time_of_the_verb_asked_goes_first(nlp):
    """"met on the set in 2009, married in 2015": "When did they marry?" is answered by 2015."""
    text = "Tom Reed and Emily Carter met on the set of \"Harbor Nights\" in 2009, married in 2015 and split."
    assert parsed_answers(nlp, "When did Tom Reed and Emily Carter marry?", text, "2022-04-20")[:2] == ["2015", "2009"]


def test_a_relative_clause_on_the_last_of_a_list_is_of_the_whole_list(nlp):
    """"the 20 children and six teachers who were killed": the parse hangs the clause on "teachers";
    "How many children were killed?" is still answered by the 20."""
    text = ("The Oakdale jury must still decide the damages owed to Ana Ruiz, whose son was among the 20 children and "
            "six teachers who were killed in the 2012 attack in Lund.")
    assert parsed_answers(nlp, "How many children were killed in the Lund attack?", text, "2022-08-04")[:1] == ["20"]


def test_a_speaker_named_owner_at_the_end_of_the_sentence_is_no_mere_teller(nlp):
    """"..., said Tom Reed, owner of Harbor Pythons in Oakdale." (the description ends the sentence)."""
    text = "\"The word anaconda scares a lot of people,\" said Tom Reed, owner of Harbor Pythons in Oakdale."
    assert first_answer(nlp, "Who owns Harbor Pythons?", text, "2018-10-18") == "Tom Reed"


def test_a_date_inside_a_noun_the_verb_takes_is_not_the_time_of_that_verb(nlp):
    """"Wednesday's announcement will allow tourists ... to come starting July 31": Wednesday is the
    announcement's day, not the time of allowing; "When will Oakdale allow ...?" keeps July 31 first."""
    text = ("Oakdale reopened to Lund last month. Wednesday's announcement will allow tourists from Lund and Acme "
            "to come starting July 31.")
    question = "When will Oakdale allow tourists from Lund and Acme?"
    assert parsed_answers(nlp, question, text, "2022-05-12")[:1] == ["July 31"]


def test_an_honorific_is_no_other_title_of_the_name(nlp):
    """"Sir Tom Reed, Trade Secretary for the Oakdale Party, told ...": "Sir" says how he is addressed,
    not another office, so the title after his name ties him to the noun asked about."""
    text = ("Sir Tom Reed, Trade Secretary for the Oakdale Party, told the BBC on Wednesday that his party backed an "
            "election.")
    assert first_answer(nlp, "Who is the Oakdale Party's trade secretary?", text, "2019-09-03") == "Tom Reed"


def test_a_sign_word_the_model_leaves_out_of_a_value_is_part_of_it(nlp):
    """"raised its rate to minus 0.25% from the minus 0.75% level": the answer keeps its "minus", and the
    value after "to" answers "To what percentage ...?"."""
    text = ("The Oakdale Bank increased its policy rate to minus 0.25% from the minus 0.75% level it has held since "
            "2015.")
    answers = [c.text for c in ask(nlp, "To what percentage did the Oakdale Bank raise its policy rate?",
                                   docs(nlp, (text, "2022-06-16"))).candidates]
    assert answers[:1] == ["minus 0.25%"] and "minus 0.75%" in answers


def test_a_countrys_adjective_is_no_city(nlp):
    """"the northeastern Lithuanian city of Oakdale": "Which city ...?" is answered by Oakdale, not by the
    adjective the small model labels a place."""
    text = ("A storm last night hit an apartment building in the northeastern Lithuanian city of Oakdale, flooding 21 "
            "homes.")
    assert first_answer(nlp, "Which city did a storm hit, flooding 21 homes?", text, "2022-03-08") == "Oakdale"


def test_a_verb_of_a_short_form_the_stem_misses_goes_first(nlp):
    """"took over the job at Acme in 2010": the stem of "take" is not in "took"; its irregular forms (from
    the lemmatizer's own exceptions) count as the verb asked about, so 2010 beats the Monday of "quit"."""
    texts = [("Acme CEO Tom Reed quit President Lund's jobs council on Monday, following the president's response "
              "to a rally.", "2017-08-14"),
             ("Tom Reed also represented Acme at a Lund event in July. The Harvard-trained lawyer took over the job at "
              "Acme in 2010 after years as its counsel.", "2017-08-14")]
    r = ask_parsed(nlp, "When did Tom Reed take over as Acme's CEO?", docs(nlp, *texts))
    assert [c.text for c in r.candidates[:1]] == ["2010"]


def test_a_share_of_a_group_named_with_its_adjective_is_of_that_group(nlp):
    """"less than 5% of the platform's active user base" is a share of users: it answers "What share of
    Harbor's users ...?" (the group's nouns after its adjective count)."""
    text = ("Tom Reed has demanded that Harbor support its claims that bots constitute less than 5% of the platform's "
            "active user base.")
    assert first_answer(nlp, "What share of Harbor's users does the company say are bots?", text,
                        "2022-06-06") == "less than 5%"


def test_a_relative_clause_on_the_noun_asked_about_is_the_doing_asked(nlp):
    """"Who was the pilot who survived?": the clause on the pilot says what the one asked about did, so
    the sentence that says "survived" answers, not the one that holds more of the question's words."""
    text = ("Co-pilot Tom Reed unlocked the Harbor glider's brakes too early. The first Harbor glider broke apart "
            "mid-flight, killing Reed. Harbor pilot Emily Carter was seriously injured but survived.")
    assert parsed_answers(nlp, "Who was the pilot of the Harbor glider who survived?", text, "2017-08-25")[:1] == [
        "Emily Carter"]


def test_the_name_whose_title_holds_every_word_of_the_title_asked_goes_first(nlp):
    """"Trade Secretary Ana Ruiz, Home Secretary Emily Carter and Environment Secretary Tom Reed": the parse
    ties all three to "secretary"; "Who was the environment secretary?" is answered by Tom Reed."""
    text = ("Trade Secretary Ana Ruiz, Home Secretary Emily Carter and Environment Secretary Tom Reed trailed well "
            "behind in the Oakdale ballot on Wednesday.")
    assert first_answer(nlp, "Who was the environment secretary in June 2019?", text, "2019-06-19") == "Tom Reed"


def test_a_multiple_is_no_count(nlp):
    """"more than 13 times the estimated number of Oakdale flu deaths" multiplies a count; it answers no
    "How many deaths ...?", which the count given answers."""
    text = ("There have been more than 16,000 Lund deaths, more than 13 times the estimated number of Oakdale flu "
            "deaths. Officials estimate the Oakdale flu caused 1,250 deaths.")
    answers = [c.text for c in ask(nlp, "How many deaths did the Oakdale flu cause?", docs(nlp, (text, "2020-08-13")))
               .candidates]
    assert "more than 13" not in answers and "1,250" in answers


def test_a_name_that_names_the_thing_asked_the_name_of_answers_what_it_is_called(nlp):
    """"What is the protest convoy called?": 'The "Harbor Convoy" has come ...' names a convoy (the model
    takes the article and the opening quotation mark into its span); not the mandate protested, nor the
    place of another sentence's protests."""
    text = ('Protests in Lund against the ferry fees grew over the weekend. The "Harbor Convoy" has come to this '
            'sleepy capital to protest a mandate that requires truckers to pay the fees.')
    assert first_answer(nlp, "What is the protest convoy called?", text, "2022-02-03") == "Harbor Convoy"


def test_an_ordinal_adverb_asks_for_the_one_a_sentence_ranks_first_in_the_doing_asked(nlp):
    """"Which mayor first visited the Harbor Fair?" asks for "the first mayor to visit": not Mayor Ana
    Ruiz of a photo caption, nor "the first female mayor of Oakdale" (first in another thing)."""
    texts = [("Photos: the history of the Harbor Fair. Mayor Ana Ruiz visits the Harbor Fair in 1990.", "2022-04-30"),
             ("Emily Carter was the first female mayor of Oakdale to open the Harbor Fair.", "2022-04-30"),
             ("In 1924, Tom Reed became the first mayor to visit the Harbor Fair.", "2022-04-30")]
    lexicon = TypeLexicon()
    for _ in range(5):
        lexicon.add("mayor", "PERSON")  # the corpus ties "mayor" to people
    r = ask(nlp, "Which mayor first visited the Harbor Fair?", docs(nlp, *texts), lexicon=lexicon)
    assert [c.text for c in r.candidates[:1]] == ["Tom Reed"]


def test_an_actor_named_with_the_part_they_play_answers_who_plays_it(nlp):
    """"Tom Reed reprise his most iconic role of Dr. Harbor" and "Tom Reed's Dr. Harbor teaches ...":
    each names the one who plays the part asked about, though neither says "plays"."""
    for text in ("The sequel, which has Tom Reed reprise his most iconic role of Dr. Harbor, made $12 million.",
                 "The sequel, in which Tom Reed's Dr. Harbor teaches a new class, made $12 million."):
        assert parsed_answers(nlp, "Who plays Dr. Harbor in the sequel?", text, "2022-05-29")[:1] == ["Tom Reed"]


def test_an_actor_in_brackets_after_the_part_voices_it(nlp):
    """"the narrator, grown-up Tom (Ana Ruiz)" casts Ana Ruiz as the narrator: "Who voices the narrator?"
    is answered though the sentence does not say "voices"."""
    text = ('On "Harbor Nights", in the words of the narrator, grown-up Tom (Maria Lund), "the fair was a rude '
            'awakening."')
    question = "Who voices the narrator, the grown-up Tom, on Harbor Nights?"
    assert parsed_answers(nlp, question, text, "2021-04-08")[:1] == ["Maria Lund"]


def test_a_doer_owned_by_a_pronoun_is_no_other_doer(nlp):
    """"Harbor Drug and Acme Pharmacy said that their stores are limiting ...": "their stores" are the
    chains' own, so the sentence still answers "Which pharmacy chains limited ...?" with a chain."""
    text = ("Pharmacy chains Harbor Drug and Acme Pharmacy confirmed that their stores are limiting customers to "
            "three formulas per transaction, the companies said in a statement to Oakdale Daily.")
    lexicon = TypeLexicon()
    for _ in range(5):
        lexicon.add("chain", "ORG")  # the corpus ties "chain" to organisations
    q = analyse("Which pharmacy chains limited customers to three formulas per transaction?", nlp, lexicon)
    r = read(q, docs(nlp, (text, "2022-05-09")), lambda _word: 1.0, lexicon, lambda t: nlp(t, disable=["ner"]))
    assert [c.text for c in r.candidates[:1]] in (["Harbor Drug"], ["Acme Pharmacy"])


def test_an_organisation_named_for_the_persons_modifier_is_not_the_person(nlp):
    """"Who is the corrections officer ...?": "the Department of Corrections" holds the modifier
    ("corrections"), not the noun asked ("officer"): no person, so no answer."""
    text = ("A former Oakdale corrections officer went missing on Friday. Deputies shipped the inmate back to the "
            "Department of Corrections, the sheriff said.")
    r = ask(nlp, "Who is the former Oakdale corrections officer who went missing?", docs(nlp, (text, "2022-05-03")))
    assert [c.text for c in r.candidates if "Corrections" in c.text] == []


def test_how_many_is_not_answered_by_a_share_or_an_amount_of_something_else(nlp):
    """"How many state employees ...?": not the 3% of "raises of as much as 3% for state employees" nor
    the $28 million of funds; a share of the very group ("12% of state employees") may stand for a count."""
    text = ("Gov. Ana Ruiz approved merit pay raises of as much as 3% for state employees. She said $28 million "
            "was allocated for the raises. Nearly 26,000 employees are eligible for the bumps.")
    assert first_answer(nlp, "How many state employees are eligible for the merit pay raises?", text,
                        "2021-06-11") == "Nearly 26,000"
    share = "A survey found that 12% of employees are eligible for the merit pay raises."
    assert first_answer(nlp, "How many employees are eligible for the merit pay raises?", share, "2021-06-11") == "12%"


def test_how_much_it_weighs_is_answered_by_a_weight(nlp):
    """"How much does the telescope weigh?" asks what "How heavy ...?" asks: the 13,000-pound, not the
    $10 billion it cost nor its 72-foot mirror; with no weight given, no answer."""
    text = ("The roughly $10 billion Harbor telescope has a 72-foot sunshield. A rocket will launch the "
            "13,000-pound Harbor telescope from Kourou.")
    weight = first_answer(nlp, "How much does the Harbor telescope weigh at launch?", text, "2021-12-20")
    assert weight == "13,000-pound"
    text = "The roughly $10 billion Harbor telescope has a 72-foot sunshield and one camera at launch."
    assert first_answer(nlp, "How much does the Harbor telescope weigh at launch?", text, "2021-12-20") is None


def test_a_value_the_parse_makes_one_of_the_noun_asked_answers_what_it_is(nlp):
    """"What was the record for gas prices?": the $4.11 of "broke the record of $4.11", a value the
    parse ties to "record", though no entity type answers "record"."""
    text = "In March gas prices first broke the record of $4.11 a gallon, which had stood since 2008."
    assert first_answer(nlp, "What was the record for gas prices?", text, "2022-06-06") == "$4.11"


def test_a_name_after_from_answers_where_one_comes_from_whatever_its_label(nlp):
    """"visiting from Bangor, Maine" answers "Where were they visiting from when ...?" though the
    small model labels the town an organisation."""
    text = ('"We had planned to come here today anyway," said Reed, 68, who was visiting with his two nephews '
            'from Bangor, Maine.')
    r = ask(nlp, "Where were Tom Reed and his nephews visiting from when they went to the Oakdale fair?",
            docs(nlp, (text, None)))
    assert r.candidates and r.candidates[0].text == "Bangor, Maine"


def test_where_one_is_from_is_the_place_the_passage_gives_as_an_origin(nlp):
    """"Where is Tom Reed from?": the Toledo of "the Toledo native", not the Denver of his lyric "I'm
    moving to Denver", though that sentence names him."""
    text = ('"I\'m moving to Denver," Tom Reed sings on his new single. It is no throwaway lyric: the Toledo '
            'native has lived in Denver for much of his life.')
    assert first_answer(nlp, "Where is Tom Reed from?", text, "2021-08-25") == "Toledo"


def test_a_name_the_model_leaves_unlabelled_answers_where_set_beside_the_noun_asked(nlp):
    """"Radiant, the music streaming service formerly owned by ..., shared the news": the model labels no
    entity in "Radiant" (a word too), but the apposition says it is the streaming service asked about."""
    text = ("Finally, in the wee hours of June 16, Radiant, the music streaming service formerly owned by Tom Reed's "
            'husband Ana Ruiz, shared the official news: the album arrives July 29.')
    lexicon = TypeLexicon()
    for _ in range(5):
        lexicon.add("service", "ORG")  # the corpus ties "service" to organisations
    r = ask(nlp, "Which streaming service shared the official news of the album?", docs(nlp, (text, "2022-06-16")),
            lexicon=lexicon)
    assert [c.text for c in r.candidates[:1]] == ["Radiant"]
    # an open type (no lexicon): the name is no person's, though a person fits the type as well
    r = ask(nlp, "Which streaming service shared the official news of the album?", docs(nlp, (text, "2022-06-16")))
    assert [(c.text, c.label) for c in r.candidates[:1]] == [("Radiant", "ORG")]


def test_where_is_answered_by_a_venue_the_model_labels_an_organisation(nlp):
    """"Where did Tom Reed kick off his residency?": the model labels the venue of "at The Lund Theater" an
    organisation; after "at" it is the place, before a region another sentence names ("the Strip")."""
    text = ("On Oct. 29, Tom Reed kicked off his new residency at The Lund Theater. Of the residencies that have "
            "populated the Strip, Reed says the only one he attended was Ana Ruiz's.")
    assert first_answer(nlp, "Where did Tom Reed kick off his new residency?", text, "2021-11-05") == "Lund Theater"


def test_a_quoted_title_keeps_its_own_article(nlp):
    """"his 15th solo studio album, “The Bridge,”": the title is "The Bridge", not "Bridge"."""
    text = "Tom Reed is readying the Nov. 19 release of his 15th solo album, “The Bridge,” made with his band."
    assert first_answer(nlp, "What is the name of Tom Reed's 15th solo album?", text, "2021-11-05") == "The Bridge"


def test_an_amount_is_the_questions_own_by_its_figures_not_by_its_magnitude_word(nlp):
    """"How much of the $33 billion request is for military aid?": "$20.4 billion" shares only "billion"
    with the question; the "$33 billion" it names is the question's own, not an answer."""
    text = "The $33 billion request includes $20.4 billion for military and security assistance."
    question = "How much of the $33 billion request is for military and security assistance?"
    assert first_answer(nlp, question, text, "2022-04-28") == "$20.4 billion"


def test_what_noun_is_answered_by_an_amount_that_modifies_it(nlp):
    """"What stake does Acme have in Harbor Motors?": the 50% of "a 50% stake"; not a number that
    names a thing ("the Ariane 5 rocket" answers no "Which rocket" with "5")."""
    text = "Acme has a 50% stake in Harbor Motors, a joint venture that employs at least 4,000 workers."
    assert first_answer(nlp, "What stake does Acme have in Harbor Motors?", text, "2022-03-02") == "50%"
    text = "An Ariane 5 rocket, an ultra-reliable European launch vehicle, will launch the Harbor telescope."
    assert first_answer(nlp, "Which rocket will launch the Harbor telescope?", text, "2021-12-20") != "5"


def test_a_share_in_parentheses_early_in_a_sentence_is_no_dateline(nlp):
    """"In fact, a lopsided majority (73%) said ...": a figure in parentheses is no "(CNN)" of a dateline."""
    text = ("In fact, a lopsided majority (73%) said it was the wrong thing to do when Oakdale council members "
            "refused to fill the vacancy.")
    question = "What share of voters said it was the wrong thing when council members refused to fill the vacancy?"
    assert first_answer(nlp, question, text, "2019-10-21") == "73%"


def test_when_is_answered_by_the_date_of_the_verb_asked_in_another_sentence(nlp):
    """"When did Tom Reed and Ana Ruiz get engaged?": the best sentence dates the end of the engagement
    (2004); the date of the engaging, in another sentence, answers."""
    text = ("Tom Reed and Ana Ruiz ended their engagement in 2004, blaming the media attention. The couple got "
            "engaged in November 2002, but it did not last.")
    assert parsed_answers(nlp, "When did Tom Reed and Ana Ruiz get engaged?", text, "2022-07-17")[:1] == [
        "November 2002"]


def test_an_open_noun_no_name_is_tied_to_is_answered_by_the_name_that_does_what_is_asked(nlp):
    """"Which publisher joined Oakdale Heritage magazine ...?": nothing calls Harbor Books a publisher,
    but the parse makes it the one who joined; where a name is tied to the noun asked, that one answers."""
    text = ('The Montgomery-based Harbor Books has joined with Oakdale Heritage magazine to produce "Oakdale '
            'from Territory to Statehood."')
    question = "Which publisher joined Oakdale Heritage magazine to produce a history of the state?"
    assert parsed_answers(nlp, question, text, "2019-09-04")[:1] == ["Harbor Books"]


def test_a_speaker_with_a_party_and_state_tag_is_still_only_the_speaker(nlp):
    """"Sen. Tom Reed, D-Miss., told reporters that a council member had resigned": Reed tells it (the
    period of "D-Miss." does not end the apposition); he is no answer to who resigned."""
    text = "Sen. Tom Reed, D-Miss., told reporters on Tuesday that an Oakdale council member had resigned."
    assert first_answer(nlp, "Who resigned from the Oakdale council?", text, "2022-06-28") != "Tom Reed"


def test_which_one_was_the_first_or_the_last_to_do_a_thing_is_not_one_ranked_otherwise(nlp):
    """"Which senator was the last to question ...?" ranks the senators: "the first senator to question"
    answers the first, and "the last senator to question" the last; "the third state to issue" is no
    answer to "Which state was the first to issue ...?"."""
    text = ("After the break, the first senator to question Ana Ruiz will be Republican Tom Reed of Oakdale. "
            "Democratic Sen. Emily Carter of Lund is the last senator to question Ruiz tonight.")
    passages = docs(nlp, (text, "2022-03-22"))
    assert ask(nlp, "Which senator was the last to question Ana Ruiz?", passages).candidates[0].text == "Emily Carter"
    assert ask(nlp, "Which senator was the first to question Ana Ruiz?", passages).candidates[0].text == "Tom Reed"
    third = docs(nlp, ("Oakdale is the third and largest state to issue an emergency declaration over the flu.",
                       "2022-08-02"))
    r = ask(nlp, "Which state was the first to issue an emergency declaration over the flu?", third)
    assert not r.candidates and r.abstain_reason == "the passages speak of another state than the first state"


def test_how_many_counts_the_noun_asked_not_a_bare_count_of_another_doing(nlp):
    """"110 cruise ships have opted in and only one opted out": the count of the ships that opted in is
    the 110 beside the noun, though the bare "only one" is the subject of a verb "opt" too."""
    text = "While it is optional, 110 cruise ships have opted in and only one opted out of the Oakdale program."
    assert parsed_answers(nlp, "How many cruise ships had opted in to the Oakdale program?", text,
                          "2022-03-18")[0] == "110"


def test_a_noun_the_index_time_parse_ran_in_from_a_headline_does_not_name_a_name(nlp):
    """A headline run into the paragraph under it ("... in the city\n\nTom Reed with ...") lets the
    parse call Tom Reed a city; the sentence the reader reads says no such thing."""
    text = ("Council votes to ban conversion therapy in the city\n\nTom Reed with the Fairness Campaign said the "
            "conversion therapy ban was overdue.")
    passages = docs(nlp, (text, "2020-06-12"))
    assert [links for *_, links in passages[0].ann["e"]] == ["appos:city"]  # Tom Reed's, the parse's run-in link
    r = ask(nlp, "Which city banned conversion therapy?", passages)
    assert not r.candidates and "the nearest, 'Tom Reed', is a person" in r.abstain_reason


def test_the_subject_asked_about_is_the_reported_clauses_not_the_speakers(nlp):
    """"In which country did Reed announce Acme would establish ...?" asks where Acme would: the clause
    of "Acme", not a later verb the parse gives Reed ("..., maintain an office in Romania")."""
    text = ("Upon arriving at the summit in Lund on Wednesday, Reed announced Acme would establish its first "
            "permanent headquarters in Poland, maintain an additional office in Romania and send two more teams "
            "to Britain.")
    question = "In which country did Reed announce Acme would establish its first permanent headquarters?"
    assert parsed_answers(nlp, question, text, "2022-06-29")[:2] == ["Poland", "Romania"]


def test_a_sentence_that_names_another_month_is_not_of_the_month_asked(nlp):
    """"In April, Acme said hackers had stolen ..." is no answer to "Which company disclosed in March
    2018 ...?", though its passage names March elsewhere."""
    text = ("Back in March, apparel maker Northwind disclosed an intruder had taken the data of 150 million "
            "users. In April, Acme, the parent company of two chains, said hackers had stolen card data.")
    r = ask(nlp, "Which company disclosed in March 2018 that hackers had stolen the data of users?",
            docs(nlp, (text, "2018-12-28")))
    assert "Acme" not in [c.text for c in r.candidates]


def test_a_day_that_names_a_thing_is_no_day_the_event_was_on(nlp):
    """"the January 6 committee" names a committee: a question about testimony to it in June is
    answered by a June report that never writes the day."""
    q = analyse("Which spokeswoman dismissed reactions to the January 6 committee testimony in June 2022?", nlp)
    assert q.dates == ("June 2022",)


def test_a_value_a_sentence_compares_with_is_not_the_one_it_reports(nlp):
    """"26% this month, down from 49% of members who approved ... in March": the approval asked about is
    the 26%, though the 49% stands nearer the question's words; "received 38,507 valid signatures, nearly
    3,000 more than needed": the count confirmed is 38,507, not the difference."""
    text = ("Approval of the council fell to 26% this month, down from 49% of members who approved of the council "
            "in March, the Oakdale poll showed.")
    passages = docs(nlp, (text, "2022-05-25"))
    assert ask(nlp, "What share of members approved of the council in the Oakdale poll?", passages
               ).candidates[0].text == "26%"
    text = ("Oakdale County Clerk Ana Ruiz said her office confirmed the petition received 38,507 valid signatures, "
            "nearly 3,000 more than needed to place it on the ballot.")
    passages = docs(nlp, (text, "2020-08-20"))
    assert ask(nlp, "How many valid signatures did the Oakdale County clerk confirm for the petition?", passages
               ).candidates[0].text == "38,507"


def test_last_month_in_a_passage_is_the_month_before_its_article(nlp):
    """"Last month, Acme announced a breach of 500 million accounts" in a December story answers a
    question about the breach announced in November; a passage of December that does not say so does not."""
    question = "How many accounts were affected by the Acme breach announced in November 2018?"
    text = "Last month, Acme announced one of the largest breaches, involving as many as 500 million accounts."
    r = ask(nlp, question, docs(nlp, (text, "2018-12-28")))
    assert r.candidates and r.candidates[0].text == "as many as 500 million"
    r = ask(nlp, question, docs(nlp, (text.replace("Last month", "On Monday"), "2018-12-28")))
    assert not r.candidates and r.abstain_reason.startswith("no article that could answer reports on November 2018")


def test_a_speaker_whose_clause_says_the_doing_asked_is_in_the_story(nlp):
    """"Councilman Tom Reed, who introduced the ordinance, said, ..." tells who introduced it, though Reed
    speaks the quote (a bare speaker is only the teller: speakers.only_reports)."""
    text = ("Mayor Emily Carter on Thursday signed the ordinance banning the practice in Oakdale. Councilman Tom Reed, "
            'who introduced the ordinance, said, "We will look back and be amazed."')
    assert parsed_answers(nlp, "Who introduced the ordinance banning the practice in Oakdale?", text,
                          "2020-06-12")[0] == "Tom Reed"


def test_a_sentence_of_another_day_does_not_give_the_value_of_the_day_asked(nlp):
    """For the price on Friday, March 4, a story of Tuesday, March 8, that says "as of Tuesday morning" or
    "a week ago" speaks of other days (within the days a report may follow its news); the story of March
    4 that says "on Friday" answers."""
    later = ("As of Tuesday morning, the average price of milk in Oakdale touched $4.17 a gallon. Prices averaged "
             "$3.57 a gallon a week ago, the Oakdale dairy board said.")
    friday = "The average price of milk in Oakdale rose to $3.84 a gallon on Friday, the Oakdale dairy board said."
    passages = docs(nlp, (later, "2022-03-08"), (friday, "2022-03-04"))
    r = ask(nlp, "How much did milk cost in Oakdale on March 4, 2022?", passages, as_of=date(2022, 3, 10))
    assert [c.text for c in r.candidates] == ["$3.84"]
    # a sentence that writes the day out is of it too, whatever other day it names
    assert reports_day("2022-03-08", later, "2022-03-04", "Milk fell 8% between the March 4 peak and Tuesday's close.")
    assert not reports_day("2022-03-08", later, "2022-03-04", later.split(". ")[0])


def test_a_negated_question_takes_the_count_of_the_clause_that_negates(nlp):
    """"31 prisons have full air conditioning, 55 have partial air conditioning, and 14 have no air
    conditioning": the sentence negates, but only the 14's clause does."""
    text = ("In Oakdale, 31 prisons have full air conditioning, 55 have partial air conditioning, and 14 have no air "
            "conditioning, Tom Reed said.")
    assert parsed_answers(nlp, "How many had no air conditioning in Oakdale?", text, "2022-07-20") == ["14", "31", "55"]
    assert not analyse("Who replaced Tom Reed when the band launched their No Filter tour?", nlp).negated  # a name


def test_a_count_is_not_the_questions_own_amount_for_the_number_they_share(nlp):
    """The 800 of "800 Stinger anti-aircraft systems" is no repeat of the "$800 million" the question names."""
    text = ("The $800 million in security assistance will provide Oakdale with 800 Stinger anti-aircraft systems, "
            "100 drones and 25,000 helmets.")
    r = ask(nlp, "How many Stinger anti-aircraft systems were in the $800 million aid package?", docs(nlp, (text, None)))
    assert r.candidates[0].text == "800"


def test_a_value_a_relative_clause_gives_only_as_proposed_does_not_answer_what_happened(nlp):
    """"The $7.5 billion allocated to charging stations in the law ... is just half of the $15 billion that
    Reed had originally proposed for the charging network": the law set aside the $7.5 billion."""
    text = ("The $7.5 billion allocated to charging stations in the bipartisan infrastructure law that Tom Reed signed "
            "into law last year is just half of the $15 billion that Reed had originally proposed for the charging "
            "network.")
    answers = parsed_answers(nlp, "How much money did the bipartisan infrastructure law set aside for Tom Reed's "
                             "electric vehicle charging network?", text, "2022-03-02")
    assert answers[0] == "$7.5 billion"


def test_a_value_whose_clause_names_the_place_asked_goes_first(nlp):
    """"with 1,748 confirmed cases in New York, followed by 826 confirmed cases in California": the count
    of New York's clause answers for New York, though the other stands nearer the question's words."""
    text = ("Highly populated states are leading the numbers of the flu, with 1,748 confirmed cases in New York, "
            "followed by 826 confirmed cases in California.")
    r = ask(nlp, "How many confirmed flu cases had New York reported?", docs(nlp, (text, "2022-08-04")))
    assert r.candidates[0].text == "1,748"


def test_a_day_naming_a_show_and_a_now_reported_from_a_year_set_no_time(nlp):
    """"CNN's Sunday show" names a show, not the Sunday the question is about; "said in February 2020 that
    the state could now run tests" is that February's now, not today's."""
    assert analyse("On which Oakdale Sunday show was the 2022 invasion discussed as the TikTok war?", nlp
                   ).relative_time == ()
    q = analyse("Who is the official who said in February 2020 that the state could now run its own tests?", nlp)
    assert q.relative_time == () and not q.present


def test_who_is_the_holder_of_a_title_no_passage_gives_may_be_the_one_who_does_what_is_asked(nlp):
    """"Who is the Oakdale health officer who warned ...?": a passage that names a person doing the warning,
    in a sentence holding most of the question, answers though it never calls her an officer (as an open
    noun's question falls back to such a doer); a person the sentence names otherwise does not."""
    question = "Who is the Oakdale health officer who warned in March that the clinic could close?"
    warned = "Maria Alvarez warned in March that the Oakdale clinic could close by summer, citing a shortage of nurses."
    r = ask_parsed(nlp, question, docs(nlp, (warned, "2020-03-20")))
    assert r.candidates and r.candidates[0].text == "Maria Alvarez"
    told = "Reporters told Maria Alvarez in March that the Oakdale clinic could close by summer, for lack of nurses."
    r = ask_parsed(nlp, question, docs(nlp, (told, "2020-03-20")))
    assert not r.candidates and r.abstain_reason == "no passage names the officer the question asks about"


def test_a_figure_answers_how_many_before_a_vague_count(nlp):
    """"Dozens of people are unaccounted for" gives no number; another passage's "44 people" does."""
    passages = docs(nlp, ("Dozens of people are unaccounted for after the Oakdale floods, officials said on Wednesday.",
                          "2022-07-14"),
                    ("Officials were searching for 44 people who were unaccounted for after the floods in Oakdale.",
                     "2022-07-14"))
    r = ask(nlp, "How many people were unaccounted for after the Oakdale floods?", passages)
    assert r.candidates[0].text == "44"


def test_a_senator_of_another_state_is_not_the_one_asked_about(nlp):
    """"Which Kentucky senator ...?" asks whose senator as "Which Swedish ambassador ...?" does: a state
    (or city) is an owner too, and a senator "from Tennessee" is another state's."""
    passages = docs(nlp, ("Marsha Blackburn, a senator from Tennessee, voted against final passage of the aid bill on "
                          "Thursday.", "2022-05-19"),
                    ("But Sen. Rand Paul, a Republican from Kentucky, blocked passage of the aid package until Thursday.",
                     "2022-05-19"))
    r = ask(nlp, "Which Kentucky senator delayed passage of the aid bill?", passages)
    assert [c.text for c in r.candidates] == ["Rand Paul"]


def test_which_rocket_is_answered_by_the_name_before_the_noun(nlp):
    """"a European Ariane 5 rocket": the phrase names the kind asked about after a name the small model
    does not label; the name answers "Which rocket ...?" (the phrase alone was dropped as the kind itself)."""
    text = "The Oakdale probe lifted off from Kourou on Saturday aboard a European Ariane 5 rocket, the agency said."
    r = ask(nlp, "Which rocket carried the Oakdale probe into space?", docs(nlp, (text, "2022-01-02")))
    assert r.candidates and "Ariane 5" in r.candidates[0].text



def test_a_doer_from_another_article_answers_where_the_best_sentence_says_nothing_of_the_doing(nlp):
    """"Who scored both goals ...?": the best sentence names the goalie and no scoring; another article's
    sentence makes its captain the scorer, so she answers rather than an abstention. Not one that did the
    verb to another thing: "won nods" says nothing of who won the Emmy."""
    goalie = ("The Harbor Kings, behind goalie Tom Reed, beat the Oakdale Rangers 2-1 in Game 6 to win the Eastern "
              "Conference final.")
    scorer = "Harbor Kings captain Ana Ruiz scored two goals against the Oakdale Rangers."
    question = "Who scored both Harbor Kings goals in the 2-1 Game 6 win over the Oakdale Rangers in the Eastern " \
               "Conference final?"
    r = ask_parsed(nlp, question, docs(nlp, (goalie, "2022-06-12"), (scorer, "2022-06-12")))
    assert [c.text for c in r.candidates][:1] == ["Ana Ruiz"] and r.abstain_reason is None
    nominee = "In addition to being nominated for the outstanding drama Emmy in 2022, Emily Carter made history."
    nods = "Others doubly honored: Two-time Emmy winner Maria Alvarez won nods for lead actress and supporting actress."
    r = ask_parsed(nlp, "Who won the Emmy for outstanding drama in 2022?",
                   docs(nlp, (nominee, "2022-07-12"), (nods, "2022-07-12")))
    assert not r.candidates and "says nothing of 'won'" in r.abstain_reason


def test_a_value_after_of_is_tied_to_the_noun_it_gives(nlp):
    """"a base salary of $450,000" gives the salary as surely as "the median salary ... is $39,000" gives
    another: "X of Y" ties a value (and a place) to its noun, not a name ("a member of Congress")."""
    lexicon = TypeLexicon()
    for _ in range(5):
        lexicon.add("salary", "MONEY")
    text = ("Tom Reed will be paid a base salary of $450,000 as Oakdale president, and the median salary of its "
            "graduates is $39,000.")
    r = ask(nlp, "What was Tom Reed's base salary as Oakdale president?", docs(nlp, (text, None)), lexicon=lexicon)
    assert [(c.text, c.focus) for c in r.candidates] == [("$450,000", 1.0), ("$39,000", 1.0)]


def test_the_team_of_the_person_asked_about_is_no_place_asked_for(nlp):
    """"Harbor Lions center Maria Alvarez" makes the Harbor Lions her organisation, the answer to "Which team
    does she play for?" (ties._titles_asked_person), not one of the airport asked about."""
    held = "Harbor Lions center Maria Alvarez was taken into custody in Oakdale over vape cartridges."
    airport = "Customs officers at Kelso International Airport found the cartridges in her luggage."
    r = ask(nlp, "At which Oakdale airport was basketball star Maria Alvarez taken into custody over vape cartridges?",
            docs(nlp, (f"{held} {airport}", "2022-03-05")))
    assert [c.text for c in r.candidates] == ["Kelso International Airport"]


def test_a_name_in_anothers_apposition_gives_way_to_that_name(nlp):
    """"Tom Reed, father of actress Maria Alvarez, is being honored ...": Maria Alvarez stands nearer the
    question's words but is only whose father he is; Tom Reed answers. Not a name of another type: the
    company of "Tom Reed, co-founder of Harbor Analytics" answers "Which company ...?"."""
    lexicon = TypeLexicon()
    for _ in range(5):
        lexicon.add("actor", "PERSON")
    text = ("Tom Reed, father of actress Maria Alvarez, is being honored with a Lifetime Achievement Award for his "
            "37-year role as Captain Harbor on \"Oakdale Nights.\"")
    question = "Which actor received the Lifetime Achievement Award for playing Captain Harbor on \"Oakdale Nights\"?"
    r = read(analyse(question, nlp, lexicon), docs(nlp, (text, "2022-06-20")), lambda _word: 1.0, lexicon,
             lambda t: nlp(t, disable=["ner"]))
    assert [c.text for c in r.candidates] == ["Tom Reed", "Maria Alvarez"]
    text = "Tom Reed, co-founder of Harbor Analytics, is being honored with a Lifetime Achievement Award for its work."
    assert parsed_answers(nlp, "Which company received the Lifetime Achievement Award for its work on data?", text,
                          "2022-06-20")[0] == "Harbor Analytics"


def test_which_actress_played_a_part_is_the_one_cast_in_it(nlp):
    """"Which actress played the receptionist?" names a noun of its own, so no bare doing: the name the
    sentence casts in the part asked about goes first all the same, not the nearer one cast in another."""
    lexicon = TypeLexicon()
    for _ in range(5):
        lexicon.add("actress", "PERSON")
    text = ("The sitcom \"Harbor Nights\" also starred Maria Alvarez as the receptionist, Tom Reed as the bumbling "
            "station manager and Ana Ruiz as the disc jockey.")
    r = read(analyse("Which actress played the receptionist on \"Harbor Nights\"?", nlp, lexicon),
             docs(nlp, (text, "2022-06-20")), lambda _word: 1.0, lexicon, lambda t: nlp(t, disable=["ner"]))
    assert [c.text for c in r.candidates][:1] == ["Maria Alvarez"]


def test_a_name_whose_head_noun_is_the_noun_asked_is_tied_to_it(nlp):
    """"In which office ...?": "the Oakdale Office of Legislative Affairs" is an office by its head noun (the
    word before its "of", else its last), as "the Bank of Lund" is a bank; "the Harbor Bank Workers Union"
    is a union, only named for a bank (as near as before)."""
    text = ("Ana Ruiz promoted Tom Reed from the Oakdale Office of Legislative Affairs to her West Wing office, aides "
            "said.")
    r = ask(nlp, "In which Oakdale office did Tom Reed work before Ana Ruiz promoted him?",
            docs(nlp, (text, "2022-06-28")))
    assert [(c.text, c.focus) for c in r.candidates] == [("Oakdale Office of Legislative Affairs", 1.0),
                                                         ("West Wing", 0.6)]
    text = "The Harbor Bank Workers Union sued the Bank of Lund on Monday, Oakdale officials said."
    r = ask(nlp, "Which bank was sued on Monday, according to Oakdale officials?", docs(nlp, (text, "2022-06-28")))
    assert [(c.text, c.focus) for c in r.candidates] == [("Bank of Lund", 1.0), ("Harbor Bank Workers Union", 0.6)]
