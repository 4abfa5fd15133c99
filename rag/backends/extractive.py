"""The offline answerer: the reader (rag/reader.py) finds the answer in the passages; this turns
what it found into cited text.

A span answer starts with the answer, then the sentence that supports it, quoted:
    Linda Thomas-Greenfield [1]. “Thomas-Greenfield offered ‘dialogue without preconditions’ ...” [1]
A description (why, how, what did X say) is the best sentence and at most two more that score
nearly as well and say something new, each with its passage's [n]."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import numpy as np

from .. import compound
from ..config import Settings
from ..constraints import LEAD_CHARS
from ..dates import WEEKDAYS, resolve_relative
from ..mentions import shortens
from ..prompts import REFUSAL
from ..question import Question, analyse
from ..reader import Candidate, Doc, Evidence, Reading, read
from ..text import MONTHS, sentences
from . import Draft, Passage

MAX_SENTENCES = 3
KEEP_RATIO = 0.85  # a further sentence must score this share of the best one
REDUNDANT = 0.8  # cosine above which a sentence repeats one already chosen
SEMANTIC_WEIGHT = 0.55
# Sentences embedded per description answer. Embedding is ~7 ms a sentence on a 2-core CPU, so
# only the sentences with the best word-level score are embedded and scored by meaning too.
EMBED_AT_MOST = 6
SHORT = 40  # characters: a short answer's line ("Vietnam [2].") is said again by each part that gives it


def _day(iso: str) -> str:
    d = date.fromisoformat(iso[:10])
    return f"{d:%B} {d.day}, {d.year}"


def _supported(value: str, c: Candidate, p: Passage, q: Question, attribute: bool, also: tuple[int, ...] = (),
               hedged: str | None = None) -> str:
    """The short answer, then its sentence quoted, both cited. A relative date gets the day it means
    in its article ("Thursday, September 30, 2021"); an answer about a time ("this week", "the
    latest") or one of two disagreeing reports says whose report and when ("as of June 28, 2022,
    per cnn.com"). `also`: the passages that give the value in full, cited beside its own; `hedged`: the
    word that gives it only as wanted or foreseen ("expects"), said with it."""
    said = value[:1].upper() + value[1:]  # it opens a sentence ("Fourth [2]."), whatever the passage's case
    if c.label == "DATE" and (day := resolve_relative(value, p.date)):
        said += f", {_day(day)}"
    if hedged:
        said += f" (given only as wanted or foreseen: {hedged!r})"
    if (attribute or q.window or q.present or q.superlatives) and p.date:
        said += f", as of {_day(p.date)}" + (f", per {p.outlet}" if p.outlet else "")
    # Each sentence quoted and cited on its own: a name and the description that refers to it
    # ("... the company has cut ...", rag/antecedents.py) are two sentences, each checked.
    markers = "".join(f"[{n}]" for n in (p.n, *also))
    return f"{said} {markers}. " + " ".join(f"“{s}” [{p.n}]" for s in sentences(c.evidence.text))


def listing(names: list[str]) -> str:
    """Names as a reader lists them: "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _longer(short: str, names: dict[str, tuple[str, Any]], texts: list[str], sentence: str = "") -> list[str]:
    """The organisations an article names whose name begins or ends with the one word a passage
    gives ("Northwind" of "Northwind Air Lines", "Falcons" of "Oakdale Falcons"); none where the article
    also writes the word in lower case, a common noun ("Harbor's board" is not "Harbor Board"). Not one
    that goes on otherwise than the answer's `sentence` does: its "Oakdale Falcons quarterback" makes
    "Oakdale" no "Oakdale Harbor Trust" (the small model labels only "Oakdale" there)."""
    after = re.search(rf"\b{re.escape(short)}\s+([A-Z][\w'’&.-]*)", sentence)
    found = [(name, hit) for name, (label, hit) in names.items()
             if label == "ORG" and (name.endswith(" " + short) or name.startswith(short + " "))
             and not (after and name.startswith(short + " ") and not name.startswith(f"{short} {after[1]}"))]
    common = re.compile(rf"\b{re.escape(short.lower())}\b")
    return [] if any(common.search(t) for t in [*texts, *(hit.text for _, hit in found)]) else [n for n, _ in found]


def _grown(short: str, sentence: str, article: str) -> str | None:
    """An organisation's name as the answer's own `sentence` goes on with it, where the small model
    labelled only its first word ("Oakdale" of "the Oakdale Falcons quarterback"): one more capitalised
    word before a lower-case one or a stop, which the article writes after it again. Not a title before
    a name ("Harbor Secretary Ana Ruiz": a capital follows), nor a day or a month."""
    m = re.search(rf"\b{re.escape(short)}\s+([A-Z][a-z][\w'’-]*)(?=\s+[a-z]|\s*[,.;:)]|\s*$)", sentence)
    if not m or m[1].lower() in (*MONTHS, *WEEKDAYS):
        return None
    name = f"{short} {m[1]}"
    return name if len(re.findall(rf"\b{re.escape(name)}\b", article)) >= 2 else None


LISTED = re.compile(r"\s*(?:,|,? and|,? or|&)\s*(?:the\s+)?", re.I)


def _joined(drafts: list[Draft], parts: tuple[str, str], retrieved: int) -> Draft:
    """The drafts of a question's parts as one: their texts in turn (the passages each cites beyond the
    `retrieved` ones numbered after them, once; a sentence an earlier part quoted not quoted again), their
    short answers joined by "; ". A part the passages do not answer is left out, with why in
    `unanswered` (at least one is answered)."""
    answered = [d for d in drafts if not d.refused]
    unanswered = [f"“{part}” ({'; '.join(d.notes)})" for d, part in zip(drafts, parts) if d.refused]
    extra: list = []
    texts: list[str] = []
    quoted: set[str] = set()  # the sentences the parts before quoted
    for d in answered:
        marks = {}
        for i, hit in enumerate(d.extra_hits):
            ids = [h.chunk_id for h in extra]
            if hit.chunk_id not in ids:
                extra.append(hit)
                ids.append(hit.chunk_id)
            marks[retrieved + 1 + i] = retrieved + 1 + ids.index(hit.chunk_id)
        text = re.sub(r"\[(\d+)\]", lambda m: f"[{marks.get(int(m[1]), m[1])}]", d.text)
        said = [(q, key) for q in sentences(text) if len(key := _quote_key(q)) < SHORT or key not in quoted]
        quoted |= {key for _, key in said}
        texts.append(" ".join(q for q, _ in said))
    shorts = [d.short_answer for d in answered if d.short_answer]
    return Draft(" ".join(filter(None, texts)), short_answer="; ".join(shorts) or None, unanswered=unanswered,
                 extra_hits=extra,
                 disagreement=[value for d in answered for value in d.disagreement])


def _quote_key(sentence: str) -> str:
    """A sentence of an answer without its markers and quotes: the same passage sentence, cited or quoted."""
    return re.sub(r"\s*\[\d+\]|[“”\"]", "", sentence).strip().rstrip(".").strip()


def _listed(c: Candidate, chosen: list[Candidate], text: str) -> bool:
    """Whether `c` stands in one list with a name already chosen ("Tom Reed and Emily Carter"). A
    name of the best one's sentence that the parse does not tie to the noun asked about joins the
    answer only so: not "Ana Ruiz" of "Ana Ruiz's comments come as Oakdale pushes two bills -- the A Act and ..."."""
    return any(LISTED.fullmatch(text[min(x.span[1], c.span[1]):max(x.span[0], c.span[0])]) for x in chosen)


class ExtractiveAnswerer:
    name = "extractive"

    def __init__(self, settings: Settings, engine) -> None:
        self.settings = settings
        self.engine = engine

    def reading(self, question: str, passages: list[Passage], analysis: Question | None = None) -> Reading:
        """What the reader finds in `passages` for `question`."""
        retriever = self.engine.retriever
        q = analysis or analyse(question, self.engine.nlp(), retriever.lexicon)
        # The articles' full texts are cached by the retriever: the gate has just read them.
        articles = retriever.articles([p.source for p in passages])
        docs = [Doc(p.text, p.title, p.source, p.ann, p.date, articles.get(p.source, "")[:LEAD_CHARS])
                for p in passages]
        return read(q, docs, retriever.idf, retriever.lexicon, self.engine.parse, retriever.similar)

    def answer(self, question: str, passages: list[Passage], analysis: Question | None = None) -> Draft:
        parts = compound.split(question)  # "Who wrote X, and when was it published?": each part on its own
        if parts and (draft := self._in_turn(parts, passages, analysis.as_of if analysis else None)):
            return draft
        return self._draft(question, self.reading(question, passages, analysis), passages)

    def _draft(self, question: str, reading: Reading, passages: list[Passage]) -> Draft:
        if reading.abstain_reason:
            return Draft(REFUSAL, refused=True, notes=[reading.abstain_reason])
        if reading.candidates:
            return self._span(reading, passages)
        return Draft(" ".join(f"{e.text} [{passages[e.passage].n}]" for e in self._describe(question, reading)))

    def _in_turn(self, parts: tuple[str, str], passages: list[Passage], as_of: date | None) -> Draft | None:
        """The answers to a question's two parts, one after the other (compound.py); a part the passages
        do not answer is said so (`unanswered`). None when the second part cannot be read alone, or neither
        part alone is answered: the question is then read whole, as any other."""
        nlp, lexicon = self.engine.nlp(), self.engine.retriever.lexicon
        first, second = parts
        q1 = analyse(first, nlp, lexicon, as_of=as_of)
        reading = self.reading(first, passages, q1)
        drafts = [self._draft(first, reading, passages)]
        best = reading.candidates[0] if reading.candidates and not reading.abstain_reason else None
        person = compound.person_of((best.text, best.label) if best else None, q1.topics)
        alone = compound.resolve(second, first, nlp(first), nlp(second), person)
        if alone is None:  # "what did that do ...?": "that" is the first part's whole event; read whole
            return None
        drafts.append(self._draft(alone, self.reading(alone, passages, analyse(alone, nlp, lexicon, as_of=as_of)),
                                  passages))
        return None if all(d.refused for d in drafts) else _joined(drafts, (first, alone), len(passages))

    def _span(self, reading: Reading, passages: list[Passage]) -> Draft:
        q, best = reading.question, reading.candidates[0]
        chosen = [best]
        for c in reading.candidates[1:]:  # "Which two countries ...?": the others named beside the best
            if len(chosen) == q.count:
                break
            if c.evidence.passage == best.evidence.passage and c.evidence.start == best.evidence.start \
                    and (c.focus or not best.focus or _listed(c, chosen, passages[best.evidence.passage].text)):
                chosen.append(c)
        extra: list = []  # passages of the answer's article beyond those retrieved, cited for a full name
        named = [self._in_full(c, passages, extra) for c in chosen]
        short = listing([name for name, _ in named])
        own = passages[best.evidence.passage]
        also = tuple(sorted({n for _, n in named if n is not None and n != own.n}))
        rival = reading.rival
        text = _supported(short, best, own, q, rival is not None, also, reading.hedged)
        if rival is None:
            return Draft(text, short_answer=short, extra_hits=extra)
        text += " " + _supported(rival.text, rival, passages[rival.evidence.passage], q, True)
        return Draft(text, short_answer=f"{short} / {rival.text}", disagreement=[short, rival.text], extra_hits=extra)

    def _in_full(self, c: Candidate, passages: list[Passage], extra: list) -> tuple[str, int | None]:
        """A name a passage gives short ("Alvarez said", "HF", "Northwind" of "Northwind Air Lines"), as
        its article gives it in full if it gives one such name only (not both Maria and Luis Alvarez),
        with the [n] of the passage that does: a retrieved one, or the article's chunk added to `extra`
        (news gives the full name once, often in a passage not retrieved). None: the name is the
        passage's own."""
        if c.label not in ("PERSON", "ORG") or " " in c.text:
            return c.text, None  # a name of two words or more is taken as given (and costs no lookup)
        source = passages[c.evidence.passage].source
        names = self.engine.retriever.names(source)
        full = [name for name, (label, _) in names.items() if label == c.label and shortens(c.text, name, label)]
        if not full and c.label == "ORG":
            if grown := _grown(c.text, c.evidence.text, self.engine.retriever.articles([source]).get(source, "")):
                return grown, None
            full = _longer(c.text, names, [p.text for p in passages if p.source == source], c.evidence.text)
        if len(full) != 1:
            return c.text, None
        name, hit = full[0], names[full[0]][1]
        cited = [p.n for p in passages if p.source == source and name in p.text]
        if cited:
            return name, cited[0]
        if hit not in extra:
            extra.append(hit)
        return name, len(passages) + 1 + extra.index(hit)

    def _describe(self, question: str, reading: Reading) -> list[Evidence]:
        """The best sentences by words and meaning: the best one, then up to two more that score
        nearly as well and do not repeat it."""
        top = reading.sentences[:EMBED_AT_MOST]
        embedder = self.engine.embedder
        q_vec = np.asarray(embedder.get_query_embedding(question))
        vecs = np.asarray(embedder.encode([e.text for e in top]))
        scored = sorted(
            (((1 - SEMANTIC_WEIGHT) * e.own + SEMANTIC_WEIGHT * float(v @ q_vec), e, v) for e, v in zip(top, vecs)),
            key=lambda x: x[0],
            reverse=True,
        )
        chosen = [scored[0]]
        for s in scored[1:]:
            if len(chosen) == MAX_SENTENCES or s[0] < KEEP_RATIO * chosen[0][0]:
                break
            if all(float(s[2] @ k[2]) < REDUNDANT for k in chosen):
                chosen.append(s)
        return [e for _, e, _ in chosen]

    def stream(self, question: str, passages: list[Passage], analysis: Question | None = None) -> Iterator[str | Draft]:
        draft = self.answer(question, passages, analysis)
        yield draft  # first: the passages it cites beyond those retrieved are numbered before its text arrives
        yield draft.text
