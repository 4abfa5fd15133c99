"""The judges: the offline judge's accuracy on its labelled set and its specific catches, and the LLM
judge's handling of good replies and every kind of failure, over HTTP on 127.0.0.1."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from evals import lexicon
from evals.judge import LLMJudge, OfflineJudge, make_judge, parse_grade, parse_verdict
from evals.judge_accuracy import judge_accuracy, load_cases
from evals.text import clean, stem
from evals.verdict import Verdict
from openai_server import STALL

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CASES = load_cases()
KINDS = {"copy", "paraphrase", "number", "date", "weekday", "name", "place", "negation", "antonym"}

# Measured: accuracy 0.964 on 110 cases (4 misses). Cases 1-62 were written before the judge; 63-90
# and 91-110 were two blind rounds written after it, on which the judge then scored 0.82 and 0.80
# before the fixes they prompted. The bars leave room for two or three more misses.
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
    return " ".join(clean(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt")))


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
        assert clean(case.passage) in corpus or all(clean(p) in corpus for p in case.passage.split("\n\n")), case.id
    changes = Counter(c.change for c in CASES if not c.supported)
    for kind in ("number", "date", "weekday", "name", "place", "negation", "antonym"):
        assert changes[kind] >= 3, kind


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
        ("day of month", "Pyongyang's channels with Seoul were cut off on June 19, 2020.", CHANNELS, "number 19"),
        ("month", "Pyongyang's channels with Seoul were cut off on July 9, 2020.", CHANNELS, "month july"),
        ("year", "Pyongyang's channels with Seoul were cut off on June 9, 2019.", CHANNELS, "number 2019"),
        ("weekday", "Kim delivered his speech Tuesday, the day North Korea announced its latest weapons test.", VOA, "weekday tuesday"),
        ("name", "US Ambassador to the UN Antony Blinken disputed North Korea's claims.", UN_2023, "name"),
        ("place", "North Korea later closed the inter-Korean liaison office in the border city of Panmunjom.", CHANNELS, "panmunjom"),
        ("actor", "Japan's ambassador disputed North Korea's claims that its missile tests were defensive.", UN_2023, "japan"),
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


def test_a_sentence_citing_two_passages_may_take_a_fact_from_each():
    other = "It was the fourth missile this month conducted by North Korea."
    claim = "One report counts the fourth missile this month, another three missile tests this month."
    assert JUDGE(claim, [VOA, other]).supported is True
    assert JUDGE(claim.replace("three", "five"), [VOA, other]).supported is False


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
    with pytest.raises(ValueError):
        make_judge("llm")
    with pytest.raises(ValueError):
        make_judge("oracle")


# -- the LLM judge -----------------------------------------------------------------------------


def _reply(*claims: tuple[str, bool]) -> str:
    return json.dumps(
        {"claims": [{"claim": c, "supported": ok, "evidence": "three missile tests", "reason": "r"} for c, ok in claims]}
    )


@pytest.mark.parametrize(
    ("content", "supported"),
    [
        (_reply(("three tests", True), ("this month", True)), True),
        (_reply(("three tests", True), ("five tests", False)), False),
        ("```json\n" + _reply(("three tests", True)) + "\n```", True),
        ("Here is my verdict: " + _reply(("x", False)) + " Hope it helps.", False),
        ('{"supported": "yes", "reason": "stated", "evidence": "e"}', True),
        ('[{"claim": "x", "verdict": "unsupported"}]', False),
    ],
)
def test_parse_verdict_accepts_reasonable_shapes(content: str, supported: bool):
    assert parse_verdict(content).supported is supported


@pytest.mark.parametrize("content", ["not json", '{"claims": []}', '{"claims": [{"claim": "x", "supported": "maybe"}]}', '{"answer": 1}'])
def test_parse_verdict_rejects_unusable_replies(content: str):
    with pytest.raises(ValueError):
        parse_verdict(content)


@pytest.fixture
def server():
    from openai_server import FakeOpenAIServer

    with FakeOpenAIServer() as s:
        yield s


def _llm(server, timeout: float = 5.0) -> LLMJudge:
    return LLMJudge(base_url=server.base_url, api_key="test", model="judge-model", timeout=timeout)


def test_llm_judge_asks_for_json_per_claim_and_reads_the_verdict(server):
    server.enqueue(_reply(("North Korea conducted three missile tests", True)), _reply(("five tests", False)))
    judge = _llm(server)
    ok = judge("North Korea has conducted three missile tests this month [1].", [VOA])
    bad = judge("North Korea has conducted five missile tests this month.", [VOA])
    assert ok.supported is True and "1 atomic" in ok.reason
    assert bad.supported is False and bad.evidence == "three missile tests"
    body = server.requests[0]
    assert body["model"] == "judge-model"
    assert body["response_format"] == {"type": "json_object"}
    prompt = body["messages"][-1]["content"]
    assert "three missile tests this month" in prompt and "[1]" not in prompt


@pytest.mark.parametrize(
    "behaviour",
    [
        {"status": 500},
        {"status": 429},
        {"malformed": True},
        {"empty": True},
        {"close": True},
        {"content": "I think it is probably fine."},
        {"delay": STALL},
    ],
    ids=["http-500", "http-429", "malformed-body", "empty", "dropped", "unparseable", "timeout"],
)
def test_llm_judge_failures_are_none_never_a_score(server, behaviour):
    from openai_server import Behaviour

    server.enqueue(Behaviour(**behaviour))
    # A short timeout only where it is the point: elsewhere it would race the server's reply, and
    # a timeout would pass the test in place of the failure it names.
    v = _llm(server, timeout=0.5 if "delay" in behaviour else 5.0)("North Korea has conducted three missile tests.", [VOA])
    assert v.supported is None
    assert v.reason.startswith("judge failed")


def test_llm_judge_unreachable_endpoint_is_a_failure():
    from openai_server import refused_url

    v = LLMJudge(base_url=refused_url(), api_key="k", model="m", timeout=1.0)("claim about tests", [VOA])
    assert v.supported is None


def test_llm_judge_retries_without_json_mode_when_the_server_rejects_it(server):
    from openai_server import Behaviour

    server.enqueue(Behaviour(status=400, error_message="response_format is not supported"), _reply(("x", True)))
    v = _llm(server)("North Korea has conducted three missile tests.", [VOA])
    assert v.supported is True
    assert "response_format" not in server.requests[1]


def test_llm_grade_of_a_whole_answer(server):
    from openai_server import Behaviour

    server.enqueue('{"score": 0.5, "reason": "one of two facts"}', "no json here", Behaviour(status=503))
    judge = _llm(server)
    args = ("How many tests?", "Four per one report, three per another.", "Three tests [1].")
    graded = judge.grade_correctness(*args)
    assert graded.value == 0.5 and graded.reason == "one of two facts"
    assert "[1]" not in server.requests[0]["messages"][-1]["content"]
    assert judge.grade_correctness(*args).value is None
    assert judge.grade_correctness(*args).value is None


@pytest.mark.parametrize(("content", "value"), [('{"score": 1}', 1.0), ('{"grade": "partially correct"}', 0.5)])
def test_parse_grade(content: str, value: float):
    assert parse_grade(content).value == value


@pytest.mark.parametrize("content", ['{"score": 7}', '{"score": "great"}', "[]"])
def test_parse_grade_rejects_unusable_replies(content: str):
    with pytest.raises(ValueError):
        parse_grade(content)
