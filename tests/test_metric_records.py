"""The metrics a gold row of any format gets: answer accuracy against a short answer string, the
metrics a row lacks the inputs for, the LLM judge's grade, and the metric records themselves."""

from __future__ import annotations

from collections.abc import Sequence

from test_metrics import (
    CUT_OFF,
    FACT,
    JUDGE,
    PASSAGE_A,
    PASSAGE_B,
    UNANSWERABLE,
    A,
    B,
    answer,
    cite,
)

from evals import metrics
from evals.gold import GoldItem
from evals.metrics import METRICS, answer_accuracy, llm_correctness
from rag import REFUSAL, Grade, Verdict

# -- answer accuracy (gold rows with a short answer string) -------------------------------------

SHORT = GoldItem("s", "Where was the liaison office?", "Kaesong", (A,), "fact")
LONG = GoldItem("l", "Which parliament did Kim address?", "Supreme People\u2019s Assembly", (A,), "fact")


def test_accurate_when_the_answer_states_the_gold_answer():
    r = answer_accuracy(answer(f"{CUT_OFF} [1]", [cite(1, A, PASSAGE_A)]), SHORT)
    assert r.value == 1.0 and "Kaesong" in r.reason


def test_accuracy_ignores_case_quotes_dashes_and_markers():
    assert answer_accuracy(answer("He spoke to the supreme PEOPLE'S assembly [2]."), LONG).value == 1.0
    dashed = GoldItem("d", "Who?", "Thomas-Greenfield", (A,), "fact")
    assert answer_accuracy(answer("Linda Thomas\u2013Greenfield [1] offered talks."), dashed).value == 1.0
    assert answer_accuracy(answer("It was in Kaesong[1]."), SHORT).value == 1.0


def test_part_of_a_multi_word_answer_or_of_a_word_is_not_enough():
    assert answer_accuracy(answer("He spoke to the People's Assembly [1]."), LONG).value == 0.0
    assert answer_accuracy(answer("He spoke to the Supreme People's Assemblyman [1]."), LONG).value == 0.0
    assert answer_accuracy(answer("The Kaesongese office [1]."), SHORT).value == 0.0


def test_an_abstention_is_not_accurate_even_when_it_names_the_answer():
    assert answer_accuracy(answer(f"{REFUSAL} Kaesong", abstained=True), SHORT).value == 0.0
    assert answer_accuracy(answer(REFUSAL), SHORT).value == 0.0  # the refusal text alone counts too


def test_accuracy_does_not_apply_to_unanswerable_or_key_fact_rows():
    quiz_answer_not_in_corpus = GoldItem("u2", "Where?", "Kaesong", (), "unanswerable")
    assert answer_accuracy(answer("Kaesong [1]."), quiz_answer_not_in_corpus).value is None
    assert answer_accuracy(answer("Kaesong [1]."), FACT).value is None  # graded by answer_correctness


def test_metrics_whose_inputs_the_row_lacks_do_not_apply():
    bare = GoldItem("b", "Where was the liaison office?", "Kaesong", (), "fact")  # no sources, no key facts
    a = answer(f"{CUT_OFF} [1]", [cite(1, A, PASSAGE_A)])
    for metric in (metrics.answer_correctness, metrics.citation_precision, metrics.citation_recall, metrics.hit_rate,
                   metrics.reciprocal_rank):
        r = metric(a, bare)
        assert r.value is None and r.reason, metric.__name__
    assert answer_accuracy(a, bare).value == 1.0 and metrics.false_abstention(a, bare).value == 0.0


# -- the LLM judge's grade and the metric records ----------------------------------------------


class _Grader:
    name = "grader"

    def __call__(self, claim: str, passages: Sequence[str]) -> Verdict:
        return Verdict(True, "ok")

    def grade_correctness(self, question: str, gold: str, text: str) -> Grade:
        return Grade(1.0 if "June 9, 2020" in text else 0.0, f"graded against {gold!r}")


def test_llm_correctness_needs_an_llm_judge_and_a_gold_answer():
    a = answer(f"{CUT_OFF} [1]", [cite(1, A, PASSAGE_A)])
    assert llm_correctness(a, FACT, JUDGE).value is None
    assert llm_correctness(a, FACT, _Grader()).value == 1.0
    assert llm_correctness(answer("It was in July [1]."), FACT, _Grader()).value == 0.0
    assert llm_correctness(a, UNANSWERABLE, _Grader()).value is None
    assert llm_correctness(answer(REFUSAL, abstained=True), FACT, _Grader()).value is None


def test_each_metric_is_one_record_scoring_with_its_function():
    by_name = {m.name: m for m in METRICS}
    assert len(by_name) == len(METRICS) and all(m.label and m.help for m in METRICS)
    assert [m.name for m in METRICS if m.lower_is_better] == ["false_abstention"]
    a = answer(f"{CUT_OFF} [1][2]", [cite(1, A, PASSAGE_A), cite(2, B, PASSAGE_B)], contexts=[cite(1, B, PASSAGE_B), cite(2, A, PASSAGE_A)])
    # Records and functions are named apart where the report's name is not the function's.
    function_names = {"mrr": "reciprocal_rank", "abstention_accuracy": "abstention_correct"}
    judged = ("faithfulness", "alce_citation_recall", "alce_citation_precision", "answer_correctness_llm")
    functions = {m.name: getattr(metrics, function_names.get(m.name, m.name)) for m in METRICS if m.name not in judged}
    assert len(functions) == len(METRICS) - 4
    for gold in (FACT, SHORT, UNANSWERABLE):
        for name, fn in functions.items():
            assert by_name[name].score(a, gold, JUDGE) == fn(a, gold), (name, gold.id)
        assert by_name["faithfulness"].score(a, gold, JUDGE) == metrics.faithfulness(a, JUDGE)
    assert by_name["mrr"].score(a, FACT, JUDGE).value == 0.5
