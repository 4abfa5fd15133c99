"""Per-question metrics. Each is a pure function returning a MetricResult; `value=None` means the
metric does not apply to this question (it is left out of averages, not counted as 0)."""

from __future__ import annotations

from dataclasses import dataclass

from evals.gold import GoldItem
from evals.text import clean, contains_fact, markers, split_sentences, strip_markers
from evals.verdict import Judge, Verdict
from rag.prompts import REFUSAL
from rag.types import Answer, Citation


@dataclass(frozen=True)
class ClaimVerdict:
    """One answer sentence, the markers it carries, and the judge's verdict on it."""

    claim: str
    markers: tuple[int, ...]
    verdict: Verdict


@dataclass(frozen=True)
class MetricResult:
    """A metric's value (None = not applicable) and a one-line reason a person can read.

    `claims` is filled by faithfulness only: the per-sentence verdicts behind the value.
    """

    value: float | None
    reason: str
    claims: tuple[ClaimVerdict, ...] = ()


def is_abstention(answer: Answer) -> bool:
    """True when the answer declines: flagged as such, or its text is the refusal sentence."""
    return answer.abstained or clean(strip_markers(answer.answer)) == REFUSAL


def cited_citations(answer: Answer) -> list[Citation]:
    """Citations the answer text points at with [n] markers, in marker order."""
    by_n = {c.n: c for c in answer.citations}
    return [by_n[n] for n in markers(answer.answer) if n in by_n]


def _cited_files(answer: Answer) -> list[str]:
    return list(dict.fromkeys(c.source for c in cited_citations(answer)))


def _retrieved_files(answer: Answer) -> list[str]:
    return list(dict.fromkeys(c.source for c in answer.contexts))


def _judge_sentence(sentence: str, by_n: dict[int, Citation], judge: Judge) -> ClaimVerdict | None:
    claim = strip_markers(sentence)
    if not claim.strip(" .") or clean(claim) == REFUSAL:
        return None
    marks = tuple(markers(sentence))
    passages = [by_n[n].text for n in marks if n in by_n]
    if not marks:
        return ClaimVerdict(claim, marks, Verdict(False, "no citation marker on this sentence"))
    if not passages:
        return ClaimVerdict(claim, marks, Verdict(False, f"markers {list(marks)} name no citation"))
    try:
        verdict = judge(claim, passages)
    except Exception as e:  # noqa: BLE001 - a crashing judge is a judge failure, not a score
        verdict = Verdict(None, f"judge failed: {type(e).__name__}: {e}")
    return ClaimVerdict(claim, marks, verdict)


def faithfulness(answer: Answer, judge: Judge) -> MetricResult:
    """Share of the answer's sentences supported by the passages they cite.

    Each sentence is checked only against the citations its own [n] markers name (not against
    everything retrieved); a sentence with no marker is unsupported. Judge failures are listed
    but excluded from the share. Abstentions are neither faithful nor unfaithful: None.
    """
    if is_abstention(answer):
        return MetricResult(None, "abstained: not scored for faithfulness")
    by_n = {c.n: c for c in answer.citations}
    claims = tuple(
        cv for s in split_sentences(answer.answer) if (cv := _judge_sentence(s, by_n, judge)) is not None
    )
    if not claims:
        return MetricResult(None, "the answer has no sentences to check")
    judged = [c for c in claims if c.verdict.supported is not None]
    failures = len(claims) - len(judged)
    note = f" ({failures} judge failure{'s' if failures != 1 else ''} not scored)" if failures else ""
    if not judged:
        return MetricResult(None, f"the judge failed on all {len(claims)} claims", claims)
    supported = sum(1 for c in judged if c.verdict.supported)
    reason = f"{supported}/{len(judged)} claims supported by their citations{note}"
    return MetricResult(supported / len(judged), reason, claims)


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


def _citation_inapplicable(answer: Answer, gold: GoldItem) -> MetricResult | None:
    if not gold.answerable:
        return MetricResult(None, "unanswerable: no gold sources to cite")
    if is_abstention(answer):
        # Counted once, in false_abstention, rather than again as a citation miss.
        return MetricResult(None, "abstained: see false_abstention")
    return None


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


def citation_recall(answer: Answer, gold: GoldItem) -> MetricResult:
    """Share of the gold sources the answer cites."""
    if (na := _citation_inapplicable(answer, gold)) is not None:
        return na
    cited = set(_cited_files(answer))
    missing = [s for s in gold.sources if s not in cited]
    got = len(gold.sources) - len(missing)
    reason = f"{got}/{len(gold.sources)} gold sources cited" + (f"; not cited: {', '.join(missing)}" if missing else "")
    return MetricResult(got / len(gold.sources), reason)


def hit_rate(answer: Answer, gold: GoldItem) -> MetricResult:
    """1 if any gold source is among the retrieved passages' files, else 0."""
    if not gold.answerable:
        return MetricResult(None, "unanswerable: no gold sources to retrieve")
    files = _retrieved_files(answer)
    hits = [f for f in files if f in gold.sources]
    if hits:
        return MetricResult(1.0, f"retrieved gold source {hits[0]}")
    return MetricResult(0.0, f"no gold source among {len(files)} retrieved files")


def reciprocal_rank(answer: Answer, gold: GoldItem) -> MetricResult:
    """1/rank of the first gold source among the distinct retrieved files, best first (0 if none).

    Ranks count files, not passages, because gold sources are files: two passages of the same
    wrong article push the right one down by one place, not two.
    """
    if not gold.answerable:
        return MetricResult(None, "unanswerable: no gold sources to retrieve")
    files = _retrieved_files(answer)
    for rank, f in enumerate(files, 1):
        if f in gold.sources:
            return MetricResult(1.0 / rank, f"first gold source {f} at file rank {rank}")
    return MetricResult(0.0, f"no gold source among {len(files)} retrieved files")


def abstention_correct(answer: Answer, gold: GoldItem) -> MetricResult:
    """For unanswerable questions: 1 if the system abstained, else 0. None for answerable ones."""
    if gold.answerable:
        return MetricResult(None, "answerable: see false_abstention")
    if is_abstention(answer):
        return MetricResult(1.0, "correctly abstained")
    return MetricResult(0.0, "answered a question the corpus cannot answer")


def false_abstention(answer: Answer, gold: GoldItem) -> MetricResult:
    """For answerable questions: 1 if the system abstained (bad), else 0. None for unanswerable."""
    if not gold.answerable:
        return MetricResult(None, "unanswerable: see abstention_correct")
    if is_abstention(answer):
        return MetricResult(1.0, "abstained although the corpus holds the answer")
    return MetricResult(0.0, "answered")
