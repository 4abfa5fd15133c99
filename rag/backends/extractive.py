"""The offline answerer: picks the sentences of the retrieved passages that answer the question.

Each candidate sentence is scored by meaning (cosine similarity with the question) and by words
(share of the question's content terms it holds); the best one is kept, then at most two more that
score nearly as well and say something new. Every sentence carries its passage's [n]."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from ..config import Settings
from ..prompts import REFUSAL
from ..text import MONTH_NAMES, content_terms, focus_term, sentences, stems, tokens
from . import Draft, Passage

MAX_SENTENCES = 3
KEEP_RATIO = 0.85  # a further sentence must score this share of the best one
REDUNDANT = 0.8  # cosine above which a sentence repeats one already chosen
SEMANTIC_WEIGHT = 0.55
RANK_DECAY = 0.02
FOCUS_BONUS = 0.1  # small prior for passages the retriever ranked higher
# Sentences embedded per answer. Embedding is ~7 ms a sentence on a 2-core CPU, most of an answer's
# time when its passages are new to the process, so only the sentences with the best word-level
# score are embedded. On the 55 gold questions 5 or more gives the same answers as embedding all
# (~20-25); 6 keeps a margin (bench/RESULTS.md).
EMBED_AT_MOST = 6

_NUMBER = re.compile(r"\b\d[\d,.]*\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|first|second|third|fourth|fifth|dozen|hundred|thousand|million|billion)\b", re.I)
_DATE = re.compile(
    r"\b(?:19|20)\d{2}\b|\b(?:" + "|".join(m[:3] for m in MONTH_NAMES) + r")[a-z]*\b|"
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|week|month|year|"
    r"early|late|mid|since|ago|earlier|later)\b",
    re.I,
)
_NAME = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z]+|\b[A-Z]{2,}\b")


def expected_type(question: str) -> str | None:
    """The kind of answer a question asks for, where its wording says so."""
    q = question.lower()
    if re.search(r"\bhow much\b|\bwhat (?:percentage|share|amount)\b", q):
        return "amount"
    if re.search(r"\bhow many\b|\bwhat number\b", q):
        return "number"
    if re.search(r"\bwhat (?:is|was|were|are) the names?\b|\bwhat (?:is|was) it called\b", q):
        return "new-name"
    if re.search(r"\bwhen\b|\bwhat (?:date|day|year|month|time)\b|\bwhich (?:date|day|year|month)\b", q):
        return "date"
    if re.search(r"^\s*who\b|\bwho (?:is|was|said|offered|made|called|told|led)\b", q):
        return "name"
    return None


def has_type(sentence: str, kind: str | None, question: str = "") -> bool:
    """Whether the sentence holds the kind of answer asked for."""
    if kind == "amount":
        return bool(re.search(r"\d|\b(?:hundred|thousand|million|billion|dollars?|won|percent)\b", sentence, re.I))
    if kind == "new-name":  # a name the question does not already contain
        asked = {w.lower() for w in re.findall(r"[\w-]+", question)}
        names = re.findall(r"(?<=\s)[A-Z][\w-]+", sentence)
        return any(n.lower() not in asked and not _DATE.fullmatch(n) for n in names)
    if kind == "number":
        return bool(_NUMBER.search(sentence))
    if kind == "date":
        return bool(_DATE.search(sentence))
    if kind == "name":
        return bool(_NAME.search(sentence))
    return True


def _sentences(passages: list[Passage]) -> Iterator[tuple[int, int, str]]:
    """(retrieval rank, passage number, sentence) for each sentence that could answer: long enough,
    and not the headline (headlines repeat, they do not answer)."""
    for rank, p in enumerate(passages):
        for s in sentences(p.text):
            if len(s) >= 25 and s.strip() != p.title.strip():
                yield rank, p.n, s


@dataclass
class _Candidate:
    n: int
    text: str
    score: float
    vec: np.ndarray


class ExtractiveAnswerer:
    name = "extractive"

    def __init__(self, settings: Settings, embedder) -> None:
        self.settings = settings
        self.embedder = embedder

    def _candidates(self, question: str, passages: list[Passage], kind: str | None) -> list[_Candidate]:
        """The sentences that hold the kind of answer asked for, best first. Only the
        EMBED_AT_MOST best by words and rank are embedded and scored by meaning too."""
        q_terms = set(content_terms(question))
        focus = focus_term(question)
        items = []  # (word-level score, passage number, sentence)
        for rank, n, s in _sentences(passages):
            if not has_type(s, kind, question):
                continue
            lexical = len(q_terms & set(content_terms(s))) / len(q_terms) if q_terms else 0.0
            score = (1 - SEMANTIC_WEIGHT) * lexical - RANK_DECAY * rank
            if focus and focus in stems(tokens(s)):
                score += FOCUS_BONUS  # "Which newspaper ...?" is answered by the sentence naming one
            items.append((score, n, s))
        if not items:
            return []
        items = sorted(items, key=lambda x: x[0], reverse=True)[:EMBED_AT_MOST]
        q_vec = np.asarray(self.embedder.get_query_embedding(question))
        vecs = np.asarray(self.embedder.encode([s for _, _, s in items]))
        sims = vecs @ q_vec
        out = [
            _Candidate(n, s, score + SEMANTIC_WEIGHT * float(sim), vec)
            for (score, n, s), vec, sim in zip(items, vecs, sims)
        ]
        return sorted(out, key=lambda c: c.score, reverse=True)

    def answer(self, question: str, passages: list[Passage]) -> Draft:
        kind = expected_type(question)
        typed = self._candidates(question, passages, kind)
        if not typed:
            has_any = any(True for _ in _sentences(passages))
            reason = f"no passage sentence holds the {kind} the question asks for" if has_any else "no sentences"
            return Draft(REFUSAL, refused=True, notes=[reason])
        chosen = [typed[0]]
        for c in typed[1:]:
            if len(chosen) == MAX_SENTENCES or c.score < KEEP_RATIO * chosen[0].score:
                break
            if all(float(c.vec @ k.vec) < REDUNDANT for k in chosen):
                chosen.append(c)
        return Draft(" ".join(f"{c.text} [{c.n}]" for c in chosen))

    def stream(self, question: str, passages: list[Passage]) -> Iterator[str | Draft]:
        draft = self.answer(question, passages)
        yield draft.text
        yield draft
