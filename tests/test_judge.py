"""The offline judge, through rag: its accuracy on the labelled set, its specific catches, and the
judge factories (tests/test_llm_judge.py has the LLM judge)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from evals.judge_accuracy import judge_accuracy, load_cases
from rag import (
    LLMJudge,
    OfflineJudge,
    Settings,
    Verdict,
    check_claim,
    make_judge,
    normalise,
)
from rag.judge import lexicon
from rag.text import stem

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CASES = load_cases()
KINDS = {"copy", "paraphrase", "number", "date", "weekday", "name", "place", "negation", "antonym"}

# Measured: accuracy 0.973 on 110 cases (3 misses; 0.964 before the judge read spaCy's parse). Cases
# 1-62 were written before the judge; 63-90 and 91-110 were two blind rounds written after it, on
# which the judge then scored 0.82 and 0.80 before the fixes they prompted. The bars leave room for
# two or three more misses.
MIN_ACCURACY = 0.94
MIN_CLASS_RECALL = 0.93

JUDGE = OfflineJudge()

# Real corpus passages for the targeted catches below.
VOA = (
    "Kim delivered his speech Wednesday, the same day North Korea announced the details of its latest weapons "
    "test, which involved a new hypersonic missile apparently designed to evade U.S. missile defenses.\n\n"
    "North Korea has conducted three missile tests this month, even as it signals it is open to dialogue with "
    "its neighbor South Korea."
)
CHANNELS = (
    "Pyongyang’s communication channels with Seoul were cut off on June 9, 2020, also closing later the "
    "inter-Korean liaison office in the border city of Kaesong."
)
UN_2023 = (
    "Kim made her comments two days after US and North Korean diplomats sparred at the UNSC over Pyongyang’s "
    "right to develop weapons systems as it sees fit to defend itself. US Ambassador to the UN Linda "
    "Thomas-Greenfield disputed North Korea’s claims that its controversial missile tests were defensive in "
    "nature, coming in response to Washington’s joint military exercises with South Korean forces."
)
STATE_DEPT = (
    "Responding to Kim’s accusations, the US State Department stressed that the US harbors no hostile intent "
    "toward North Korea, underlying that the American policy calls for a calibrated, practical approach that "
    "is open to and will explore diplomacy with the DPRK."
)
SOVEREIGNTY = (
    "“The sovereignty of an independent state can never be an agenda item for negotiations, and therefore, "
    "the DPRK will never sit face to face with the US for that purpose,” Kim said in a statement."
)
NEIGHBOURS = (
    "When it comes to its neighbors, Kim announced his plans to restore in early October the stalled "
    "communication with South Korea to promote durable peace and improve relations on the Korean Peninsula."
)


def _corpus() -> str:
    return " ".join(normalise(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt")))


# -- the labelled set --------------------------------------------------------------------------


def test_labelled_set_is_large_balanced_and_from_the_corpus():
    assert len(CASES) >= 48
    assert len({c.id for c in CASES}) == len(CASES)
    labels = Counter(c.supported for c in CASES)
    assert labels[True] == labels[False]
    corpus = _corpus()
    for case in CASES:
        assert case.change in KINDS, case.id
        assert case.supported == (case.change in ("copy", "paraphrase")), case.id
        assert normalise(case.passage) in corpus or all(normalise(p) in corpus for p in case.passage.split("\n\n")), case.id
    assert_falsified_kinds(CASES, ("number", "date", "weekday", "name", "place", "negation", "antonym"))


def assert_falsified_kinds(cases, kinds: tuple[str, ...], least: int = 3) -> None:
    """Each kind of falsification appears at least `least` times among the unsupported cases."""
    changes = Counter(c.change for c in cases if not c.supported)
    for kind in kinds:
        assert changes[kind] >= least, kind


def test_offline_judge_accuracy_on_the_labelled_set():
    result = judge_accuracy(JUDGE, CASES)
    misses = "\n".join(f"{e['id']}: {e['claim']} -> {e['reason']}" for e in result["errors"])
    assert result["failures"] == 0
    assert result["accuracy"] >= MIN_ACCURACY, misses
    assert result["recall"] >= MIN_CLASS_RECALL, misses  # unsupported claims caught
    assert result["supported_recall"] >= MIN_CLASS_RECALL, misses  # faithful claims accepted
    assert result["n"] == len(CASES)


def test_judge_accuracy_reports_failures_without_scoring_them():
    class Failing:
        name = "failing"

        def __call__(self, claim, passages):
            return Verdict(None, "timeout")

    result = judge_accuracy(Failing(), CASES[:4])
    assert result["failures"] == 4
    assert result["accuracy"] is None
    assert len(result["errors"]) == 4


# -- specific catches --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        ("Kim delivered his speech Wednesday, the day North Korea announced details of its latest weapons test.", VOA),
        ("North Korea has carried out 3 missile tests this month.", VOA),
        ("North Korea cut its channels with Seoul on 9 June 2020 and later closed the liaison office in Kaesong.", CHANNELS),
        ("Linda Thomas-Greenfield disputed the North's claims that its missile tests were defensive.", UN_2023),
        ("The State Department said the US has no hostile intent toward Pyongyang.", STATE_DEPT),
        ("Her remarks came two days after diplomats sparred at the Security Council.", UN_2023),
        ("Kim plans to reestablish communication with South Korea in early October.", NEIGHBOURS),
        ("Her remarks followed a UN clash between US and North Korean diplomats two days earlier.", UN_2023),
        # a first word before a name that the tagger calls a preposition is no name of its own
        ("Alongside Kim's plans, communication with South Korea is to be restored in early October.", NEIGHBOURS),
        # an ISO date is the date written out, not the years "2020-06" (2020 to 2006)
        ("Pyongyang's channels with Seoul were cut off on 2020-06-09.", CHANNELS),
        # a negated antonym agrees: "insincere" is "not sincere"
        ("Kim said Washington is insincere in its push for dialogue.",
         "Kim said there can be no progress because Washington is not sincere in its push for dialogue."),
    ],
)
def test_faithful_copies_and_paraphrases_are_supported(claim: str, passage: str):
    v = JUDGE(claim, [passage])
    assert v.supported is True, v.reason
    assert v.evidence


@pytest.mark.parametrize(
    ("kind", "claim", "passage", "reason_has"),
    [
        ("number", "North Korea has conducted four missile tests this month.", VOA, "number"),
        ("number word", "North Korea has conducted 4 missile tests this month.", VOA, "number"),
        ("ordinal", "Kim made her comments two days after the second UNSC session on the matter.", UN_2023, "number"),
        ("day of month", "Pyongyang's channels with Seoul were cut off on June 19, 2020.", CHANNELS, "date 'june 19, 2020'"),
        ("month", "Pyongyang's channels with Seoul were cut off on July 9, 2020.", CHANNELS, "date 'july 9, 2020'"),
        ("year", "Pyongyang's channels with Seoul were cut off on June 9, 2019.", CHANNELS, "date 'june 9, 2019'"),
        ("ISO month", "Pyongyang's channels with Seoul were cut off on 2020-07-09.", CHANNELS, "july"),
        ("weekday", "Kim delivered his speech Tuesday, the day North Korea announced its latest weapons test.", VOA, "date 'tuesday'"),
        ("name", "US Ambassador to the UN Antony Blinken disputed North Korea's claims.", UN_2023, "name"),
        ("place", "North Korea later closed the inter-Korean liaison office in the border city of Panmunjom.", CHANNELS, "panmunjom"),
        ("actor", "Japan's ambassador disputed North Korea's claims that its missile tests were defensive.", UN_2023, "japan"),
        ("first name", "Alongside Moon's plans, communication with South Korea is to be restored in early October.",
         NEIGHBOURS, "moon"),
        ("negation removed", "The US State Department stressed that the US harbors hostile intent toward North Korea.", STATE_DEPT, "negates"),
        ("negation removed", "Kim said the DPRK will sit face to face with the US for that purpose.", SOVEREIGNTY, "negates"),
        ("negation added", "Kim announced he would not restore the stalled communication with South Korea in early October.", NEIGHBOURS, "negates"),
        ("antonym", "Linda Thomas-Greenfield agreed with North Korea's claims that its missile tests were defensive.", UN_2023, "passage says"),
        ("antonym", "Kim announced plans to sever the stalled communication with South Korea in early October.", NEIGHBOURS, "passage says"),
        ("antonym", "The American policy is closed to diplomacy with the DPRK, the State Department said.", STATE_DEPT, "passage says"),
        ("prefix", "The State Department said the US approach to the DPRK is impractical.", STATE_DEPT, "practical"),
        ("time unit", "Kim made her comments two weeks after diplomats sparred at the UNSC.", UN_2023, "time unit week"),
    ],
)
def test_subtle_changes_are_caught(kind: str, claim: str, passage: str, reason_has: str):
    v = JUDGE(claim, [passage])
    assert v.supported is False, f"{kind}: {v.reason}"
    assert reason_has in v.reason.lower(), v.reason


def test_a_number_in_the_next_sentence_is_found():
    passage = ("Harbor Foods founder Tom Reed, who opened the chain's first shop in Oakdale, died on Sunday "
               "after a long illness, his family said. He was 84.")
    assert check_claim("Tom Reed, founder of Harbor Foods, died at 84 after a long illness.", [passage]).supported
    wrong = check_claim("Tom Reed, founder of Harbor Foods, died at 83 after a long illness.", [passage])
    assert wrong.supported is False


def test_a_figure_on_a_line_of_its_own_is_in_the_passage():
    """News sets a value on its own line, then says what it counts; the extractive answer gives it
    as its short answer, which must be found there."""
    passage = "9.2%\n\nThat's how much of Harbor Foods' stock Tom Reed bought, according to a filing."
    assert check_claim("9.2%.", [passage]).supported is True
    assert check_claim("9.3%.", [passage]).supported is False


def test_british_and_american_spellings_agree():
    passage = "The defence ministry said the organisation would move to a new centre in Oakdale in the autumn."
    claim = "The Defense Ministry said the organization would move to a new center in Oakdale in the autumn."
    assert check_claim(claim, [passage]).supported is True
    assert check_claim(claim.replace("Oakdale", "Lund"), [passage]).supported is False


def test_a_market_moving_the_other_way_is_caught():
    passage = "The central bank raised its rate to 2%, sending the Northland krona sharply higher."
    v = check_claim("The central bank raised its rate to 2%, sending the Northland krona sharply lower.", [passage])
    assert v.supported is False and "'lower' where the passage says 'higher'" in v.reason
    assert check_claim("Shares of Acme fell 4% on Monday.", ["Shares of Acme rose 4% on Monday."]).supported is False
    voted = "The Oakdale council voted unanimously on Monday in support of closing the pier."
    against = check_claim("The Oakdale council voted unanimously on Monday against closing the pier.", [voted])
    assert against.supported is False


def test_a_negative_prefix_comes_off_the_word_before_it_is_stemmed():
    # The stem of "unwilling" is "unwil": "un" off the stem would leave "wil", too short to compare.
    passage = "Kim Jong Un indicated on Thursday that he is willing to restore communication with South Korea."
    v = JUDGE(passage.replace("willing", "unwilling"), [passage])
    assert v.supported is False and "says 'unwilling' where the other says 'willing'" in v.reason
    negated = "Kim said he was not willing to restore communication with South Korea."
    assert JUDGE("Kim said he was unwilling to restore communication with South Korea.", [negated]).supported is True


def test_evidence_is_the_best_matching_passage_sentence():
    v = JUDGE("North Korea has conducted three missile tests this month.", [VOA])
    assert v.evidence.startswith("North Korea has conducted three missile tests this month")


def test_a_wide_window_cannot_hide_a_changed_weekday():
    # The passage says "published Thursday" and "delivered Wednesday"; the claim mixes them.
    passage = (
        "In a speech published Thursday in North Korean state media, Kim said the willingness of the U.S. to "
        "hold talks was only a show. " + VOA
    )
    assert JUDGE("Kim delivered his speech Thursday, the day North Korea announced its latest weapons test.", [passage]).supported is False


def test_a_sentence_citing_two_passages_may_take_a_clause_from_each():
    other = "It was the fourth missile this month conducted by North Korea."
    claim = "One report counts the fourth missile this month, and another says North Korea has conducted three missile tests this month."
    assert JUDGE(claim, [VOA, other]).supported is True
    assert JUDGE(claim.replace("three", "five"), [VOA, other]).supported is False
    # One clause is supported by one passage or not at all, not by words from both: neither
    # says that the fourth missile was the one designed to evade US defenses.
    merged = "The fourth missile North Korea conducted this month was designed to evade U.S. missile defenses."
    assert JUDGE(merged, [VOA, other]).supported is False


def test_no_passage_and_no_content_are_unsupported():
    assert JUDGE("North Korea has conducted three missile tests.", []).supported is False
    assert JUDGE("Yes.", [VOA]).supported is False


def test_offline_judge_is_deterministic():
    a = [JUDGE(c.claim, [c.passage]) for c in CASES[:20]]
    b = [OfflineJudge()(c.claim, [c.passage]) for c in CASES[:20]]
    assert a == b


def test_synonym_groups_do_not_collide():
    heads: dict[str, str] = {}
    for group in lexicon.SYNONYM_GROUPS:
        for word in group:
            assert heads.setdefault(stem(word), stem(group[0])) == stem(group[0]), word


def test_make_judge():
    assert isinstance(make_judge("offline"), OfflineJudge)
    assert isinstance(make_judge("llm", Settings(openai_base_url="http://127.0.0.1:9/v1")), LLMJudge)
    with pytest.raises(ValueError, match="needs an OpenAI-compatible endpoint"):
        make_judge("llm")  # no endpoint configured (conftest clears OPENAI_*)
    with pytest.raises(ValueError, match="unknown judge"):
        make_judge("oracle")


def test_check_claim_is_the_offline_judge():
    claim = "North Korea has conducted four missile tests this month."
    assert check_claim(claim, [VOA]) == OfflineJudge()(claim, [VOA])
    assert check_claim(claim, [VOA]).supported is False
    assert check_claim(claim.replace("four", "three"), [VOA]).supported is True


def test_a_short_answer_on_its_own_is_checked_as_a_span_of_its_passage():
    """The extractive answer starts with "August [1]." : supported when the cited passage names it
    (whole words), unsupported when it does not."""
    passage = "The prospects soured after South Korea and the US held joint military exercises in August."
    assert check_claim("August.", [passage]).supported is True
    assert check_claim("Aug", [passage]).supported is not True  # not a whole word of the passage
    assert check_claim("September.", [passage]).supported is False
    assert check_claim("South Korea and the US.", [passage]).supported is True


def test_a_short_answer_given_only_as_foreseen_keeps_its_note_checked():
    """The extractive answer says when a passage gives a name only as foreseen ("Norway (given only as
    wanted or foreseen: 'expects') [1]."): the name is checked as a span, the quoted word must be
    the passage's too."""
    passage = "Ana Ruiz said she expects to meet the first lady of Norway next week."
    assert check_claim("Norway (given only as wanted or foreseen: 'expects').", [passage]).supported is True
    denied = check_claim("Norway (given only as wanted or foreseen: 'hopes').", [passage])
    assert denied.supported is False and "'hopes'" in denied.reason
    assert check_claim("Sweden (given only as wanted or foreseen: 'expects').", [passage]).supported is False
    judge = OfflineJudge()
    assert [v.supported for v in judge.many([("Norway (given only as wanted or foreseen: 'expects') [1].",
                                              [passage])])] == [True]
    assert not judge.parses._docs  # settled as a span, without a parse


def test_a_quoted_passage_sentence_is_supported_word_for_word_without_a_parse():
    """The extractive answer quotes its sentence in quotation marks ("“X.” [1]"): a quote of the
    passage, recognised as such, so answering does not parse it; a changed word inside the quote
    is still caught by the full check."""
    passage = "The prospects soured after South Korea and the US held joint military exercises in August."
    judge = OfflineJudge()
    quote = "“The prospects soured after South Korea and the US held joint military exercises in August.” [1]"
    short = "August [1]."
    verdicts = judge.many([(quote, [passage]), (short, [passage])])
    assert [v.supported for v in verdicts] == [True, True]
    assert verdicts[0].reason == "quotes the passage word for word"
    assert not judge.parses._docs  # neither was parsed
    changed = quote.replace("August", "September")
    assert judge(changed, [passage]).supported is False
    # Quotes inside the quoted sentence, and a dateline in brackets that the parse would take for the
    # subject: still the passage's sentence, word for word.
    titled = '(CNN) Tom Reed, best known for the sitcom "Oakdale Nights," died on Wednesday, his manager said.'
    verdict = judge(f"“{titled}” [1]", [titled])
    assert verdict.supported is True and verdict.reason == "quotes the passage word for word"
    assert judge(f"“{titled.replace('Tom Reed', 'Ana Ruiz')}” [1]", [titled]).supported is False


def test_a_passage_opening_with_a_dateline_is_dated_by_it():
    """A scraped article with no header of ours but its own dateline: "according to an article of
    that day" is supported, another day is not, and its "this week" is read from the dateline."""
    passage = ("30 Nov, 2023 18:20\n\nPyongyang has rejected an offer to resume dialogue with Washington, "
               "saying its sovereignty is not open to negotiation.")
    claim = "According to an article published on {day}, Pyongyang has rejected an offer to resume dialogue with Washington."
    assert check_claim(claim.format(day="November 30, 2023"), [passage]).supported is True
    wrong = check_claim(claim.format(day="December 4, 2023"), [passage])
    assert wrong.supported is False and "2023-11-30" in wrong.reason


def test_a_clock_time_is_read_on_the_24_hour_clock():
    from rag.judge.facts import number_tokens

    assert number_tokens("posted at 6:20 p.m. on Thursday") == number_tokens("posted at 18:20 on Thursday")
    assert number_tokens("at 12 a.m.") == ["at", "0"] and number_tokens("at 9am") == ["at", "9"]
    assert number_tokens("I am here") == ["i", "am", "here"]


def test_a_number_after_a_sequence_noun_is_an_ordinal():
    """"day one" is "the first day", "grades six through 12" are "sixth through 12th grade"; a count stays a count."""
    from rag.judge.facts import number_tokens

    def numbers(text):
        return [t for t in number_tokens(text, ordinals=True) if t[:1].isdigit()]

    assert numbers("grades six through 12") == numbers("sixth through 12th grade") == ["6th", "12th"]
    assert numbers("Game 6 of the finals") == numbers("the sixth game") == ["6th"]
    assert numbers("3 days") == ["3"] and numbers("in the year 2022") == ["2022"]
    passage = "Ana Ruiz has said Tom Reed is the only candidate with the experience to lead the council from day one."
    assert check_claim("Ana Ruiz said Tom Reed could lead the council from his first day.", [passage]).supported
    assert not check_claim("Ana Ruiz said Tom Reed could lead the council from his second day.", [passage]).supported


def test_decades_and_centuries_are_counted_in_years():
    passage = "Over the last two decades, the Oakdale bee population has fallen by half, the survey said."
    assert check_claim("The Oakdale bee population has halved over the past twenty years.", [passage]).supported
    assert check_claim("The Oakdale bee population has halved over the past 20 years.", [passage]).supported
    wrong = check_claim("The Oakdale bee population has halved over the past thirty years.", [passage])
    assert wrong.supported is False and "30" in wrong.reason
    assert not check_claim("The Oakdale bee population has halved over the past two months.", [passage]).supported


def test_an_age_s_unit_is_no_span_of_time():
    passage = "Ana Ruiz and Tom Reed, both 27, had each received a penalty of 200 pounds from Oakdale police."
    assert check_claim("Oakdale police fined 27-year-old Ana Ruiz and Tom Reed 200 pounds each.", [passage]).supported
    older = check_claim("Oakdale police fined 28-year-old Ana Ruiz and Tom Reed 200 pounds each.", [passage])
    assert older.supported is False
    spent = check_claim("Ana Ruiz and Tom Reed had each spent 27 years with Oakdale police.", [passage])
    assert spent.supported is False and "time unit year" in spent.reason


SOUTH_BUDGET = ("For its part, South Korea is also allocating significant budget items to improve its military "
                "capabilities in the face of the threat from its neighbor.")
REWORDED = ("Seoul, for its part, is setting aside substantial budget funds to strengthen its armed forces against "
            "the threat posed by its neighbour.")


def test_a_reworded_clause_is_supported_by_its_meaning_only_when_its_facts_agree():
    v = JUDGE(REWORDED, [SOUTH_BUDGET])
    assert v.supported is True and "close in meaning" in v.reason, v.reason
    words_only = OfflineJudge(encoder=False)(REWORDED, [SOUTH_BUDGET])
    assert words_only.supported is False and "only 38% of the claim's content words" in words_only.reason
    for wrong, why in ((REWORDED.replace("Seoul", "Tokyo"), "japan"),  # a capital is read as its country
                       (REWORDED.replace("setting aside", "setting aside two"), "number 2"),
                       (REWORDED.replace("is setting", "is not setting"), "only 38%")):
        v = JUDGE(wrong, [SOUTH_BUDGET])
        assert v.supported is False and why in v.reason, (wrong, v.reason)


def test_a_judge_without_its_embedding_model_still_judges_by_words(caplog):
    def broken(texts):
        raise RuntimeError("no model here")

    judge = OfflineJudge(encoder=broken)
    v = judge(REWORDED, [SOUTH_BUDGET])
    assert v.supported is False and "only 38%" in v.reason
    assert "cannot compare meanings" in caplog.text
    assert judge(REWORDED, [SOUTH_BUDGET]) == v  # and does not try again


def test_meaning_is_compared_only_with_the_model_its_threshold_was_measured_with(monkeypatch):
    from rag import engine
    from rag.config import Settings

    made = []
    monkeypatch.setattr(engine, "engine_for", lambda settings: made.append(settings))
    judge = OfflineJudge(settings=Settings(embed_model="another-embedding-model"))
    v = judge(REWORDED, [SOUTH_BUDGET])
    assert v.supported is False and "only 38%" in v.reason and not made
