"""The metrics that ask a judge whether cited passages support an answer's sentences: faithfulness,
and citation recall and precision in the ALCE sense (Gao et al., "Enabling Large Language Models
to Generate Text with Citations", 2023). All three use the same judge and the same view of a
cited passage (its text after the header line the chain gives it)."""

from __future__ import annotations

from collections.abc import Sequence

from evals.results import ClaimVerdict, MetricResult, is_abstention
from rag import (
    REFUSAL,
    Answer,
    Citation,
    Judge,
    Verdict,
    markers,
    normalise,
    sentences,
    strip_markers,
    with_header,
)


def cited_text(c: Citation) -> str:
    """A citation as the judge reads it: the passage after a header line with its article's title,
    outlet and date (for "on Wednesday", "per cnn.com"), as the chain cites it."""
    return with_header(c.text, c.title, c.outlet, c.date) if c.title or c.outlet or c.date else c.text


def _ask(judge: Judge, claim: str, passages: Sequence[str]) -> Verdict:
    try:
        return judge(claim, list(passages))
    except Exception as e:  # noqa: BLE001 - a crashing judge is a judge failure, not a score
        return Verdict(None, f"judge failed: {type(e).__name__}: {e}")


def judge_sentences(answer: Answer, judge: Judge) -> list[tuple[ClaimVerdict, list[str]]]:
    """Each answer sentence with a claim in it, the judge's verdict on it against all the
    passages its own markers cite, and those passages (a marker naming no citation cites none)."""
    by_n = {c.n: c for c in answer.citations}
    out = []
    for sentence in sentences(answer.answer):
        claim = strip_markers(normalise(sentence))
        if not claim.strip(" .") or claim == REFUSAL:
            continue
        marks = tuple(markers(sentence))
        passages = [cited_text(by_n[n]) for n in marks if n in by_n]
        if not marks:
            verdict = Verdict(False, "no citation marker on this sentence")
        elif not passages:
            verdict = Verdict(False, f"markers {list(marks)} name no citation")
        else:
            verdict = _ask(judge, claim, passages)
        out.append((ClaimVerdict(claim, marks, verdict), passages))
    return out


def faithfulness(answer: Answer, judge: Judge) -> MetricResult:
    """Share of the answer's sentences supported by the passages they cite.

    Each sentence is checked only against the citations its own [n] markers name (not against
    everything retrieved); a sentence with no marker is unsupported. Judge failures are listed
    but excluded from the share. Abstentions are neither faithful nor unfaithful: None.
    """
    if is_abstention(answer):
        return MetricResult(None, "abstained: not scored for faithfulness")
    claims = tuple(cv for cv, _ in judge_sentences(answer, judge))
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


def alce_citation_recall(answer: Answer, judge: Judge) -> MetricResult:
    """ALCE citation recall: share of the answer's sentences that their citations, together,
    support (a sentence without a citation scores 0). With one judge this is faithfulness's
    figure by definition; it is reported under its ALCE name beside its precision."""
    result = faithfulness(answer, judge)
    if result.value is None:
        return MetricResult(None, result.reason.replace("faithfulness", "citation recall"))
    return MetricResult(result.value, result.reason.replace("claims supported", "sentences supported"))


def _needed(judge: Judge, claim: str, passages: list[str], i: int) -> bool | None:
    """Whether citation `i` of a supported sentence is needed: it supports the sentence alone, or
    the other citations do not without it (ALCE's "irrelevant" is neither). None: judge failed."""
    alone = _ask(judge, claim, [passages[i]]).supported
    if alone is None or alone:
        return alone
    rest = _ask(judge, claim, passages[:i] + passages[i + 1 :]).supported
    return None if rest is None else not rest


def alce_citation_precision(answer: Answer, judge: Judge) -> MetricResult:
    """ALCE citation precision: share of citations that are needed. As in ALCE, a citation counts
    only when its sentence's citations together support the sentence, and is irrelevant when it
    alone does not support its sentence while the sentence's other citations still do without
    it. Citations whose verdict the judge failed to give are left out."""
    if is_abstention(answer):
        return MetricResult(None, "abstained: not scored for citation precision")
    needed = total = 0
    irrelevant: list[str] = []
    for cv, passages in judge_sentences(answer, judge):
        if cv.verdict.supported is None or not passages:
            continue
        if not cv.verdict.supported:
            total += len(passages)  # citations of an unsupported sentence are not precise
            continue
        for i, n in enumerate(m for m in cv.markers if m in {c.n for c in answer.citations}):
            ok = True if len(passages) == 1 else _needed(judge, cv.claim, passages, i)
            if ok is None:
                continue
            total += 1
            needed += ok
            if not ok:
                irrelevant.append(f"[{n}] in '{cv.claim[:50]}'")
    if not total:
        return MetricResult(None, "the answer cites nothing the judge could score")
    more = f"; irrelevant: {', '.join(irrelevant)}" if irrelevant else ""
    return MetricResult(needed / total, f"{needed}/{total} citations needed by a supported sentence{more}")
