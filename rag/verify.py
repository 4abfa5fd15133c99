"""Every answer sentence checked, at answer time, against the passages its own [n] markers cite.

A backend's draft is split into sentences; each is judged (rag/judge: the offline judge, or the LLM
judge with RAG_VERIFY_JUDGE=llm) against its cited passages, each given with a header line naming
its title, outlet and date, so a sentence that credits the wrong outlet or day is caught. A
sentence with no marker, or whose markers name no passage, is a claim with no support. A judge
that fails gives `supported=None`: unknown, never verified.

RAG_VERIFY: `flag` (default) keeps every sentence and marks the unsupported ones; `drop` removes
them (an answer left with nothing becomes an abstention); `off` checks nothing."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from .config import Settings
from .judge import Judge, make_judge
from .judge.header import with_header
from .retrieve import Hit
from .text import markers, sentences, strip_markers
from .types import Claim, Verdict

log = logging.getLogger(__name__)


@dataclass
class Checked:
    """One sentence of a draft, with its markers as the draft numbered them and its verdict."""

    sentence: str  # as the draft wrote it, markers included
    claim: str  # without its markers
    markers: list[int]
    verdict: Verdict

    def as_claim(self, renumber: dict[int, int]) -> Claim:
        return Claim(text=self.claim, markers=[renumber[m] for m in self.markers if m in renumber],
                     supported=self.verdict.supported, reason=self.verdict.reason)


_judges: dict[tuple, Judge] = {}
_lock = threading.Lock()


def judge_for(settings: Settings) -> Judge:
    """The judge RAG_VERIFY_JUDGE names, made once per process and endpoint."""
    key = (settings.verify_judge, settings.openai_base_url, settings.llm_model)
    with _lock:
        if key not in _judges:
            _judges[key] = make_judge(settings.verify_judge, settings)
        return _judges[key]


def passage_text(hit: Hit) -> str:
    """A passage as the judge reads it: a header (title, outlet, date), a blank line, the text."""
    m = hit.metadata
    return with_header(hit.text, str(m.get("title", "")), m.get("outlet") or None, m.get("date") or None)


def check_draft(text: str, hits: list[Hit], judge: Judge) -> list[Checked]:
    """Each sentence of `text` judged against the hits its markers name (1-based); the offline
    judge parses the whole answer's sentences in one batch."""
    out: list[Checked] = []
    todo: list[tuple[int, str, list[str]]] = []  # (index in out, claim, cited passages)
    for sentence in sentences(text):
        claim = strip_markers(sentence).strip()
        if not any(ch.isalnum() for ch in claim):
            continue
        marks = markers(sentence)
        valid = [n for n in marks if 1 <= n <= len(hits)]
        verdict = None
        if not marks:
            verdict = Verdict(False, "cites no passage")
        elif not valid:
            verdict = Verdict(False, f"its marker{'s' if len(marks) > 1 else ''} {marks} name no passage")
        else:
            todo.append((len(out), claim, [passage_text(hits[n - 1]) for n in valid]))
        out.append(Checked(sentence, claim, valid, verdict or Verdict(None, "")))
    for i, verdict in zip([i for i, _, _ in todo], _judge_all(judge, [(c, p) for _, c, p in todo])):
        out[i].verdict = verdict
    return out


def _judge_all(judge: Judge, items: list[tuple[str, list[str]]]) -> list[Verdict]:
    try:
        many = getattr(judge, "many", None)
        return many(items) if many else [judge(claim, passages) for claim, passages in items]
    except Exception as e:  # noqa: BLE001 - a judge that fails gives "unknown", never "verified"
        log.warning("the judge failed: %s", e)
        return [Verdict(None, f"the judge failed: {type(e).__name__}") for _ in items]


def kept(checked: list[Checked], mode: str) -> list[Checked]:
    """The sentences an answer keeps: all of them, or with `drop` those not found unsupported."""
    if mode == "drop":
        return [c for c in checked if c.verdict.supported is not False]
    return checked
