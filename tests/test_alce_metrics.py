"""Citation recall and precision in the ALCE sense, on hand-made answers whose right values are
obvious, scored by the offline judge on real corpus passages."""

from __future__ import annotations

from collections.abc import Sequence

from test_metrics import (
    CUT_OFF,
    FACT,
    JUDGE,
    PASSAGE_A,
    PASSAGE_B,
    PASSAGE_C,
    THREE_TESTS,
    A,
    B,
    C,
    answer,
    cite,
)

from evals import metrics
from evals.faithfulness import (
    alce_citation_precision,
    alce_citation_recall,
    cited_text,
    faithfulness,
)
from rag import REFUSAL, Citation, Verdict

TWO_FACTS = (
    "Pyongyang's communication channels with Seoul were cut off on June 9, 2020, and North Korea has "
    "conducted three missile tests this month"
)


def scores(text: str, citations: Sequence[Citation]) -> tuple[float | None, float | None]:
    a = answer(text, citations)
    return alce_citation_recall(a, JUDGE).value, alce_citation_precision(a, JUDGE).value


def test_one_sentence_citing_its_passage_is_recalled_and_precise():
    assert scores(f"{CUT_OFF} [1]", [cite(1, A, PASSAGE_A)]) == (1.0, 1.0)


def test_an_extra_citation_that_adds_nothing_is_irrelevant():
    # [1] supports the sentence alone; [2] (the lockdown passage) neither does nor is needed.
    a = answer(f"{CUT_OFF} [1][2]", [cite(1, A, PASSAGE_A), cite(2, B, PASSAGE_B)])
    assert alce_citation_recall(a, JUDGE).value == 1.0
    precision = alce_citation_precision(a, JUDGE)
    assert precision.value == 0.5
    assert "irrelevant: [2]" in precision.reason


def test_a_sentence_its_citation_does_not_support_scores_zero_on_both():
    assert scores(f"{CUT_OFF} [1]", [cite(1, B, PASSAGE_B)]) == (0.0, 0.0)


def test_each_of_two_citations_a_sentence_needs_is_precise():
    # One clause from each passage: neither supports the sentence alone, both together do.
    assert scores(f"{TWO_FACTS} [1][2].", [cite(1, A, PASSAGE_A), cite(2, C, PASSAGE_C)]) == (1.0, 1.0)


def test_two_citations_that_each_support_the_sentence_are_both_precise():
    # ALCE counts a citation as irrelevant only when it does not support the sentence alone.
    twin = Citation(n=2, source=A, chunk_id=f"{A}#copy", text=PASSAGE_A, score=0.5)
    assert scores(f"{CUT_OFF} [1][2]", [cite(1, A, PASSAGE_A), twin]) == (1.0, 1.0)


def test_values_are_shares_over_sentences_and_citations():
    changed = CUT_OFF.replace("June 9", "July 9")
    text = f"{CUT_OFF} [1] {changed} [1] {THREE_TESTS} [2]"
    assert scores(text, [cite(1, A, PASSAGE_A), cite(2, C, PASSAGE_C)]) == (2 / 3, 2 / 3)


def test_recall_is_faithfulness_under_its_alce_name():
    a = answer(f"{CUT_OFF} [1] {THREE_TESTS} [1]", [cite(1, A, PASSAGE_A)])
    assert alce_citation_recall(a, JUDGE).value == faithfulness(a, JUDGE).value == 0.5


def test_uncited_sentences_count_against_recall_but_cite_nothing():
    assert scores(f"{CUT_OFF} {THREE_TESTS} [1]", [cite(1, C, PASSAGE_C)]) == (0.5, 1.0)
    assert scores(CUT_OFF, [cite(1, A, PASSAGE_A)]) == (0.0, None)


def test_abstentions_and_judge_failures_are_not_scored():
    assert scores(REFUSAL, []) == (None, None)

    class Failing:
        name = "failing"

        def __call__(self, claim: str, passages: Sequence[str]) -> Verdict:
            return Verdict(None, "timeout")

    a = answer(f"{CUT_OFF} [1]", [cite(1, A, PASSAGE_A)])
    assert alce_citation_recall(a, Failing()).value is None
    assert alce_citation_precision(a, Failing()).value is None


def test_the_judge_reads_a_citation_with_its_title_and_date_header():
    c = Citation(n=1, source=A, chunk_id="x", text=PASSAGE_A, score=1.0, title="Kim Dismisses Talks", date="2021-09-30")
    assert cited_text(c) == f"Kim Dismisses Talks — 2021-09-30\n\n{PASSAGE_A}"
    assert cited_text(cite(1, A, PASSAGE_A)) == PASSAGE_A  # no title: no header


def test_the_alce_pair_is_reported_beside_faithfulness():
    names = [m.name for m in metrics.METRICS]
    assert names[:3] == ["faithfulness", "alce_citation_recall", "alce_citation_precision"]
    by_name = {m.name: m for m in metrics.METRICS}
    a = answer(f"{CUT_OFF} [1][2]", [cite(1, A, PASSAGE_A), cite(2, B, PASSAGE_B)])
    assert by_name["alce_citation_precision"].score(a, FACT, JUDGE) == alce_citation_precision(a, JUDGE)
    assert by_name["alce_citation_recall"].score(a, FACT, JUDGE) == alce_citation_recall(a, JUDGE)
