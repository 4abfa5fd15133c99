"""Each metric on hand-made cases whose right value is obvious."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evals.gold import GoldItem
from evals.metrics import (
    abstention_correct,
    answer_correctness,
    citation_precision,
    citation_recall,
    faithfulness,
    false_abstention,
    hit_rate,
    reciprocal_rank,
)
from rag import (
    REFUSAL,
    Answer,
    Citation,
    OfflineJudge,
    Verdict,
    contains_fact,
    normalise,
    sentences,
)

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
A, B, C = "000_6a58d090d41857f6.txt", "001_fbd13b18b25d8e5d.txt", "002_fd51fa255f66e0e6.txt"

# Real passages from the corpus, and sentences copied from them.
CUT_OFF = (
    "Pyongyang’s communication channels with Seoul were cut off on June 9, 2020, also closing later the "
    "inter-Korean liaison office in the border city of Kaesong."
)
PASSAGE_A = CUT_OFF + (
    " North Kore decided on the measures in response to the cross-border launch of balloons carrying "
    "propaganda leaflets it called a hostile act violating bilateral peace agreements."
)
THREE_TESTS = "North Korea has conducted three missile tests this month."
PASSAGE_C = (
    "Kim delivered his speech Wednesday, the same day North Korea announced the details of its latest weapons "
    "test, which involved a new hypersonic missile apparently designed to evade U.S. missile defenses. "
    + THREE_TESTS.replace(".", ", even as it signals it is open to dialogue with its neighbor South Korea.")
)
PASSAGE_B = (
    "The impoverished Asian country self-imposed a lockdown in early 2020 to protect itself from the coronavirus "
    "pandemic, further hitting its economy and minimizing its trade with China, its mainstay."
)

FACT = GoldItem("f", "When were the lines cut?", "June 9, 2020.", (A,), "fact", ("June 9, 2020", "Kaesong"))
CONFLICT = GoldItem("c", "How many tests?", "Four vs three.", (A, C), "conflict", ("fourth", "three"))
UNANSWERABLE = GoldItem("u", "What is the satellite's name?", None, (), "unanswerable")


def cite(n: int, source: str, text: str) -> Citation:
    return Citation(n=n, source=source, chunk_id=f"{source}#{n}", text=text, score=1.0 / n)


def answer(text: str, citations: Sequence[Citation] = (), contexts: Sequence[Citation] | None = None, abstained: bool = False) -> Answer:
    return Answer(
        question="q",
        answer=text,
        abstained=abstained,
        backend="test",
        citations=list(citations),
        contexts=list(citations if contexts is None else contexts),
    )


JUDGE = OfflineJudge()


def test_pieces_are_real_corpus_text():
    article_a = normalise((CORPUS / A).read_text(encoding="utf-8"))
    assert normalise(PASSAGE_A) in article_a
    assert normalise(PASSAGE_B) in normalise((CORPUS / B).read_text(encoding="utf-8"))
    assert normalise(PASSAGE_C) in normalise((CORPUS / C).read_text(encoding="utf-8"))


# -- faithfulness ------------------------------------------------------------------------------


def test_copied_passage_sentence_is_supported():
    r = faithfulness(answer(f"{CUT_OFF} [1]", [cite(1, A, PASSAGE_A)]), JUDGE)
    assert r.value == 1.0
    assert r.claims[0].verdict.supported is True
    assert r.claims[0].verdict.evidence.startswith("Pyongyang's communication channels")


def test_same_sentence_with_a_changed_date_is_not_supported():
    changed = CUT_OFF.replace("June 9", "July 9")
    r = faithfulness(answer(f"{changed} [1]", [cite(1, A, PASSAGE_A)]), JUDGE)
    assert r.value == 0.0
    assert "july" in r.claims[0].verdict.reason.lower()


def test_value_is_the_share_of_supported_sentences():
    text = f"{CUT_OFF} [1] {THREE_TESTS} [2] North Korea has conducted five missile tests this month [2]."
    r = faithfulness(answer(text, [cite(1, A, PASSAGE_A), cite(2, C, PASSAGE_C)]), JUDGE)
    assert [c.verdict.supported for c in r.claims] == [True, True, False]
    assert r.value == pytest.approx(2 / 3)
    assert "2/3" in r.reason


def test_markers_after_the_full_stop_belong_to_that_sentence():
    r = faithfulness(answer(f"{CUT_OFF} [1] {THREE_TESTS} [2]", [cite(1, A, PASSAGE_A), cite(2, C, PASSAGE_C)]), JUDGE)
    assert [c.markers for c in r.claims] == [(1,), (2,)]
    assert r.value == 1.0


def test_a_claim_is_checked_only_against_the_passages_it_cites():
    # The supporting passage was retrieved and is citation [1], but the sentence cites [2].
    r = faithfulness(answer(f"{CUT_OFF} [2]", [cite(1, A, PASSAGE_A), cite(2, B, PASSAGE_B)]), JUDGE)
    assert r.value == 0.0


def test_sentence_without_a_marker_is_unsupported():
    r = faithfulness(answer(f"{CUT_OFF} [1] {THREE_TESTS}", [cite(1, A, PASSAGE_A), cite(2, C, PASSAGE_C)]), JUDGE)
    assert r.value == 0.5
    assert r.claims[1].verdict.supported is False
    assert "no citation" in r.claims[1].verdict.reason


def test_marker_naming_no_citation_is_unsupported():
    r = faithfulness(answer(f"{CUT_OFF} [7]", [cite(1, A, PASSAGE_A)]), JUDGE)
    assert r.value == 0.0


@pytest.mark.parametrize(
    "abstained_answer",
    [
        answer(REFUSAL, [cite(1, A, PASSAGE_A)], abstained=True),
        answer(REFUSAL, [cite(1, A, PASSAGE_A)], abstained=False),  # refusal text alone counts too
    ],
)
def test_abstentions_are_excluded_from_faithfulness(abstained_answer: Answer):
    r = faithfulness(abstained_answer, JUDGE)
    assert r.value is None
    assert "abstain" in r.reason


class _FlakyJudge:
    """Fails on claims that mention Kaesong; supports everything else."""

    name = "flaky"

    def __call__(self, claim: str, passages: Sequence[str]) -> Verdict:
        if "Kaesong" in claim:
            return Verdict(None, "judge failed: timeout")
        return Verdict(True, "ok", passages[0])


class _CrashingJudge:
    name = "crash"

    def __call__(self, claim: str, passages: Sequence[str]) -> Verdict:
        raise RuntimeError("boom")


def test_judge_failures_are_recorded_not_scored():
    text = f"{CUT_OFF} [1] {THREE_TESTS} [2]"
    r = faithfulness(answer(text, [cite(1, A, PASSAGE_A), cite(2, C, PASSAGE_C)]), _FlakyJudge())
    assert r.value == 1.0  # 1 of 1 judged claims, not 1 of 2
    assert "1 judge failure" in r.reason
    assert r.claims[0].verdict.supported is None


def test_all_claims_failing_gives_no_value():
    r = faithfulness(answer(f"{CUT_OFF} [1]", [cite(1, A, PASSAGE_A)]), _CrashingJudge())
    assert r.value is None
    assert "boom" in r.claims[0].verdict.reason


# -- answer correctness ------------------------------------------------------------------------


def test_correctness_is_key_fact_recall():
    assert answer_correctness(answer("The lines were cut on June 9, 2020 [1]."), FACT).value == 0.5
    r = answer_correctness(answer("They were cut on 9 June 2020, closing the office in KAESONG [1]."), FACT)
    assert r.value == 1.0


def test_correctness_tolerates_number_words_quotes_and_case():
    text = "One report says it was the 4th missile; another counts “3” tests."
    assert answer_correctness(answer(text), CONFLICT).value == 1.0
    assert answer_correctness(answer("It was the fourth launch [1]."), CONFLICT).value == 0.5


def test_number_matching_respects_word_boundaries():
    assert not contains_fact("There were 13 tests.", "three")
    assert not contains_fact("The 2019 talks", "2")


def test_correctness_on_unanswerable_and_on_abstention():
    assert answer_correctness(answer("Malligyong-1."), UNANSWERABLE).value is None
    assert answer_correctness(answer(REFUSAL, abstained=True), FACT).value == 0.0


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_any_run_of_words_from_a_sentence_is_found_in_it(data: st.DataObject):
    candidates = [s for s in sentences(PASSAGE_A + " " + PASSAGE_C) if len(s.split()) > 3]
    sentence = data.draw(st.sampled_from(candidates))
    words = sentence.split()
    i = data.draw(st.integers(0, len(words) - 1))
    j = data.draw(st.integers(i + 1, len(words)))
    fact = " ".join(words[i:j])
    shouted = sentence.upper().replace("'", "\u2019")
    assert contains_fact(shouted, fact)


# -- citations and retrieval -------------------------------------------------------------------


def test_citation_to_the_wrong_passage_lowers_precision():
    good = answer(f"{CUT_OFF} [1]", [cite(1, A, PASSAGE_A)])
    mixed = answer(f"{CUT_OFF} [1][2]", [cite(1, A, PASSAGE_A), cite(2, B, PASSAGE_B)])
    assert citation_precision(good, FACT).value == 1.0
    r = citation_precision(mixed, FACT)
    assert r.value == 0.5
    assert B in r.reason


def test_only_marked_citations_count_as_cited():
    # Citation [2] is listed but the text never points at it.
    a = answer(f"{CUT_OFF} [1]", [cite(1, A, PASSAGE_A), cite(2, B, PASSAGE_B)])
    assert citation_precision(a, FACT).value == 1.0


def test_citation_recall_counts_gold_sources_cited():
    one_side = answer(f"{THREE_TESTS} [1]", [cite(1, C, PASSAGE_C)])
    both = answer(f"{THREE_TESTS} [1] {CUT_OFF} [2]", [cite(1, C, PASSAGE_C), cite(2, A, PASSAGE_A)])
    assert citation_recall(one_side, CONFLICT).value == 0.5
    assert citation_recall(both, CONFLICT).value == 1.0
    assert citation_recall(answer("No markers at all.", [cite(1, A, PASSAGE_A)]), FACT).value == 0.0


def test_citation_metrics_do_not_apply_to_abstentions_or_unanswerable_questions():
    refusal = answer(REFUSAL, [cite(1, A, PASSAGE_A)], abstained=True)
    for metric in (citation_precision, citation_recall):
        assert metric(refusal, FACT).value is None
        assert metric(answer(f"{CUT_OFF} [1]", [cite(1, A, PASSAGE_A)]), UNANSWERABLE).value is None


def test_hit_rate_and_reciprocal_rank_use_retrieved_files_in_order():
    contexts = [cite(1, B, PASSAGE_B), cite(2, B, PASSAGE_B), cite(3, A, PASSAGE_A)]
    a = answer("x", [], contexts=contexts)
    assert hit_rate(a, FACT).value == 1.0
    # Ranked by distinct file: B, then A.
    assert reciprocal_rank(a, FACT).value == 0.5
    miss = answer("x", [], contexts=[cite(1, B, PASSAGE_B)])
    assert hit_rate(miss, FACT).value == 0.0
    assert reciprocal_rank(miss, FACT).value == 0.0
    assert hit_rate(a, UNANSWERABLE).value is None
    assert reciprocal_rank(a, UNANSWERABLE).value is None


# -- abstention --------------------------------------------------------------------------------


def test_abstaining_on_an_unanswerable_question_is_right():
    assert abstention_correct(answer(REFUSAL, abstained=True), UNANSWERABLE).value == 1.0
    assert abstention_correct(answer("It is called Malligyong-1 [1]."), UNANSWERABLE).value == 0.0
    assert abstention_correct(answer(REFUSAL, abstained=True), FACT).value is None


def test_abstaining_on_an_answerable_question_is_a_false_abstention():
    assert false_abstention(answer(REFUSAL, abstained=True), FACT).value == 1.0
    assert false_abstention(answer(f"{CUT_OFF} [1]", [cite(1, A, PASSAGE_A)]), FACT).value == 0.0
    assert false_abstention(answer(REFUSAL, abstained=True), UNANSWERABLE).value is None


def test_every_result_explains_itself():
    a = answer(f"{CUT_OFF} [1]", [cite(1, A, PASSAGE_A)])
    for metric in (answer_correctness, citation_precision, citation_recall, hit_rate, reciprocal_rank, abstention_correct, false_abstention):
        for gold in (FACT, UNANSWERABLE):
            assert metric(a, gold).reason


def test_disagreement_shown_scores_conflict_rows_only():
    from evals.gold import GoldItem
    from evals.metrics import disagreement_shown

    conflict = GoldItem("c", "How many?", "three or four", ("a.txt",), "conflict", ("three",))
    fact = GoldItem("f", "How many?", "three", ("a.txt",), "fact", ("three",))
    both = Answer(question="q", answer="Three [1]. Four [2].", backend="extractive", disagreement=["three", "four"])
    one = Answer(question="q", answer="Three [1].", backend="extractive")
    assert disagreement_shown(both, conflict).value == 1.0
    assert disagreement_shown(one, conflict).value == 0.0
    assert disagreement_shown(both, fact).value is None
