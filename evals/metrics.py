"""Per-question metrics. Each is a pure function returning a MetricResult; `value=None` means the
metric does not apply to this question (it is left out of averages, not counted as 0). The ones a
judge scores (faithfulness, ALCE citation recall and precision) are in evals/faithfulness.py."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from evals.faithfulness import (
    alce_citation_precision,
    alce_citation_recall,
    faithfulness,
)
from evals.gold import GoldItem
from evals.results import ClaimVerdict, MetricResult, is_abstention
from rag import (
    Answer,
    Citation,
    Judge,
    contains_fact,
    markers,
    normalise,
    strip_markers,
)

__all__ = [  # the judged metrics and the result types live in their own modules; named here too
    "ClaimVerdict", "MetricResult", "is_abstention", "faithfulness", "alce_citation_recall", "alce_citation_precision",
]  # fmt: skip


@dataclass(frozen=True)
class Metric:
    """One per-question metric, defined once; the runner, the gate, the reports and the CLI read it.

    Attributes:
        name: Key in report.json and for --fail-under.
        label: Name people read.
        help: One line on what the value means.
        score: `score(answer, gold, judge) -> MetricResult`.
        lower_is_better: A rise is a regression, and a --fail-under bar is a ceiling.
    """

    name: str
    label: str
    help: str
    score: Callable[[Answer, GoldItem, Judge], MetricResult]
    lower_is_better: bool = False

    def regressed(self, now: float, then: float, tolerance: float) -> bool:
        """Whether `now` is worse than `then` by more than `tolerance`."""
        return now - then > tolerance if self.lower_is_better else then - now > tolerance


_REGISTERED: list[Metric] = []


def metric(label: str, help: str, *, name: str | None = None, lower_is_better: bool = False):  # noqa: A002
    """Register `score(answer, gold) -> MetricResult` as the per-question metric `name` (default:
    the function's name), defined once where the function is."""

    def register(score: Callable[[Answer, GoldItem], MetricResult]) -> Callable[[Answer, GoldItem], MetricResult]:
        _REGISTERED.append(Metric(name or score.__name__, label, help, lambda a, g, _j: score(a, g), lower_is_better))
        return score

    return register


def cited_citations(answer: Answer) -> list[Citation]:
    """Citations the answer text points at with [n] markers, in marker order."""
    by_n = {c.n: c for c in answer.citations}
    return [by_n[n] for n in markers(answer.answer) if n in by_n]


def article_id(source: str) -> str:
    """The article a source id names, as gold rows name it: a dump's row "articles.jsonl#2022_x.txt"
    is the article "2022_x.txt" (a file's source is its name)."""
    return source.rsplit("#", 1)[-1]


def _cited_files(answer: Answer) -> list[str]:
    return list(dict.fromkeys(article_id(c.source) for c in cited_citations(answer)))


def _retrieved_files(answer: Answer) -> list[str]:
    return list(dict.fromkeys(article_id(c.source) for c in answer.contexts))


@metric("Answer correctness", "share of the gold key facts present in the answer")
def answer_correctness(answer: Answer, gold: GoldItem) -> MetricResult:
    """Key-fact recall: share of the gold key facts found in the answer text.

    Matching ignores case, quote style, [n] markers, inflection and number spelling
    ("three" = "3", "fourth" = "4th"). None for unanswerable questions.
    """
    if not gold.answerable:
        return MetricResult(None, "unanswerable: see abstention_correct")
    if not gold.key_facts:
        return MetricResult(None, "the gold row lists no key facts")
    if is_abstention(answer):
        return MetricResult(0.0, "abstained on an answerable question")
    missing = [f for f in gold.key_facts if not contains_fact(answer.answer, f)]
    found = len(gold.key_facts) - len(missing)
    reason = f"{found}/{len(gold.key_facts)} key facts" + (f"; missing: {', '.join(missing)}" if missing else "")
    return MetricResult(found / len(gold.key_facts), reason)


def light_normalise(text: str) -> str:
    """Case-fold and straighten quotes/whitespace only (the gold file's key-fact check)."""
    return normalise(text).lower()


def _states(text: str, phrase: str) -> bool:
    """Whether `phrase` stands in `text` as whole words, ignoring case, quote and dash style and [n]."""
    needle = light_normalise(phrase)
    haystack = light_normalise(strip_markers(text))
    return bool(needle) and re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack) is not None


@metric("Answer accuracy", "answers that state the gold short answer (whole words)")
def answer_accuracy(answer: Answer, gold: GoldItem) -> MetricResult:
    """1 when the answer states the gold short answer and did not abstain, else 0.

    For gold rows whose answer is a short string (1-5 words) rather than key facts. None for
    unanswerable rows and for rows graded by key facts (see answer_correctness).
    """
    if not gold.answerable:
        return MetricResult(None, "unanswerable: see abstention_accuracy")
    if gold.key_facts:
        return MetricResult(None, "graded by key facts: see answer_correctness")
    if not gold.answer:
        return MetricResult(None, "the gold row has no answer")
    if is_abstention(answer):
        return MetricResult(0.0, "abstained on an answerable question")
    if _states(answer.answer, gold.answer):
        return MetricResult(1.0, f"states the gold answer {gold.answer!r}")
    return MetricResult(0.0, f"does not state the gold answer {gold.answer!r}")


def llm_correctness(answer: Answer, gold: GoldItem, judge: Judge) -> MetricResult:
    """The LLM judge's grade of the whole answer against the gold answer (with --judge llm only)."""
    grade = getattr(judge, "grade_correctness", None)
    if grade is None:
        return MetricResult(None, "needs an LLM judge")
    if not gold.answerable or not gold.answer:
        return MetricResult(None, "no gold answer to grade against")
    if is_abstention(answer):
        return MetricResult(None, "abstained: see false_abstention")
    result = grade(gold.question, gold.answer, answer.answer)
    return MetricResult(result.value, result.reason)


def _no_sources(gold: GoldItem, verb: str) -> MetricResult | None:
    """Not applicable when the gold row names no source files to `verb` (cite or retrieve)."""
    if not gold.answerable:
        return MetricResult(None, f"unanswerable: no gold sources to {verb}")
    if not gold.sources:
        return MetricResult(None, "the gold row lists no sources")
    return None


def _citation_inapplicable(answer: Answer, gold: GoldItem) -> MetricResult | None:
    if (na := _no_sources(gold, "cite")) is not None:
        return na
    if is_abstention(answer):
        # Counted once, in false_abstention, rather than again as a citation miss.
        return MetricResult(None, "abstained: see false_abstention")
    return None


@metric("Citation precision (files)", "share of cited files that are gold sources")
def citation_precision(answer: Answer, gold: GoldItem) -> MetricResult:
    """Share of the files the answer cites that are gold sources."""
    if (na := _citation_inapplicable(answer, gold)) is not None:
        return na
    cited = _cited_files(answer)
    if not cited:
        return MetricResult(None, "the answer cites nothing")
    wrong = [f for f in cited if f not in gold.sources]
    good = len(cited) - len(wrong)
    reason = f"{good}/{len(cited)} cited files are gold sources" + (f"; not gold: {', '.join(wrong)}" if wrong else "")
    return MetricResult(good / len(cited), reason)


@metric("Citation recall (files)", "share of gold sources that are cited")
def citation_recall(answer: Answer, gold: GoldItem) -> MetricResult:
    """Share of the gold sources the answer cites."""
    if (na := _citation_inapplicable(answer, gold)) is not None:
        return na
    cited = set(_cited_files(answer))
    missing = [s for s in gold.sources if s not in cited]
    got = len(gold.sources) - len(missing)
    reason = f"{got}/{len(gold.sources)} gold sources cited" + (f"; not cited: {', '.join(missing)}" if missing else "")
    return MetricResult(got / len(gold.sources), reason)


@metric("Hit rate", "a gold source is among the retrieved files")
def hit_rate(answer: Answer, gold: GoldItem) -> MetricResult:
    """1 if any gold source is among the retrieved passages' files, else 0."""
    if (na := _no_sources(gold, "retrieve")) is not None:
        return na
    files = _retrieved_files(answer)
    hits = [f for f in files if f in gold.sources]
    if hits:
        return MetricResult(1.0, f"retrieved gold source {hits[0]}")
    return MetricResult(0.0, f"no gold source among {len(files)} retrieved files")


@metric("MRR", "1 / rank of the first gold source among retrieved files", name="mrr")
def reciprocal_rank(answer: Answer, gold: GoldItem) -> MetricResult:
    """1/rank of the first gold source among the distinct retrieved files, best first (0 if none).

    Ranks count files, not passages, because gold sources are files: two passages of the same
    wrong article push the right one down by one place, not two.
    """
    if (na := _no_sources(gold, "retrieve")) is not None:
        return na
    files = _retrieved_files(answer)
    for rank, f in enumerate(files, 1):
        if f in gold.sources:
            return MetricResult(1.0 / rank, f"first gold source {f} at file rank {rank}")
    return MetricResult(0.0, f"no gold source among {len(files)} retrieved files")


@metric("Abstention accuracy", "unanswerable questions the system declined", name="abstention_accuracy")
def abstention_correct(answer: Answer, gold: GoldItem) -> MetricResult:
    """For unanswerable questions: 1 if the system abstained, else 0. None for answerable ones."""
    if gold.answerable:
        return MetricResult(None, "answerable: see false_abstention")
    if is_abstention(answer):
        return MetricResult(1.0, "correctly abstained")
    return MetricResult(0.0, "answered a question the corpus cannot answer")


@metric("False abstention", "answerable questions the system declined (lower is better)", lower_is_better=True)
def false_abstention(answer: Answer, gold: GoldItem) -> MetricResult:
    """For answerable questions: 1 if the system abstained (bad), else 0. None for unanswerable."""
    if not gold.answerable:
        return MetricResult(None, "unanswerable: see abstention_correct")
    if is_abstention(answer):
        return MetricResult(1.0, "abstained although the corpus holds the answer")
    return MetricResult(0.0, "answered")


@metric("Disagreements shown", "conflict rows whose answer gives each side")
def disagreement_shown(answer: Answer, gold: GoldItem) -> MetricResult:
    """For `conflict` rows (the articles give different values): 1 when the answer says they
    disagree and gives both sides, else 0. None for other rows."""
    if gold.type != "conflict":
        return MetricResult(None, "not a conflict row")
    if is_abstention(answer):
        return MetricResult(0.0, "abstained on a question the articles disagree on")
    sides = len(answer.disagreement)
    return MetricResult(1.0 if sides >= 2 else 0.0, f"{sides} differing value(s) shown" if sides else "one value shown")


# The ones the judge scores (evals/faithfulness.py), then every per-question metric, in the order a
# reader meets them; each is averaged over the questions where it applies.
_JUDGED = {
    "faithfulness": ("Faithfulness", "share of answer sentences supported by the passages they cite",
                     faithfulness),
    "alce_citation_recall": ("Citation recall (ALCE)", "share of answer sentences their citations together "
                             "support (= faithfulness, under ALCE's name)", alce_citation_recall),
    "alce_citation_precision": ("Citation precision (ALCE)", "share of citations needed: not irrelevant to a "
                                "sentence its citations support", alce_citation_precision),
}
_REGISTERED += [Metric(n, label, help, lambda a, _g, j, f=f: f(a, j)) for n, (label, help, f) in _JUDGED.items()]
_REGISTERED.append(Metric("answer_correctness_llm", "Correctness (LLM judge)",
                          "the LLM judge's grade against the gold answer", llm_correctness))
ORDER = ("faithfulness", "alce_citation_recall", "alce_citation_precision", "answer_correctness", "answer_accuracy",
         "citation_precision", "citation_recall", "hit_rate", "mrr", "disagreement_shown", "abstention_accuracy",
         "false_abstention", "answer_correctness_llm")
METRICS = tuple(sorted(_REGISTERED, key=lambda m: ORDER.index(m.name)))
