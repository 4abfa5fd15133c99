"""The offline judge: a deterministic check of one claim against its cited passages, no LLM.

In order, cheapest first:

1. A claim that quotes whole sentences of a cited passage (the extractive answerer's) is supported;
   nothing is parsed.
2. The claim is parsed (spaCy, `rag.nlp`). It must be supported as a whole by one run of sentences
   of one passage or, failing that, clause by clause (coordinated or contrasted clauses), each
   by one run: a clause that takes its subject from one passage and its predicate from another
   is not supported by either. A date must be the one the passages give the event it dates
   (`events`), where they give it one.
3. For each clause, the passages' best-matching runs of sentences (word layer, `lexical`) are
   tried best first: the run must hold most of the clause's content words, its numbers, names,
   months and weekdays, and none of its antonyms; dates are compared as dates (`dates`), the
   passage's "on Wednesday" resolved against the publication date in its header (`header`); a
   source the claim credits ("according to CNN") must be in the text or be the header's outlet.
4. Only then are the evidence sentences that could disagree parsed, for the checks that need the
   parse (`roles`, `syntax`, `speakers`, `descriptions`): who did what to whom, what each negation
   governs, what each number counts, which event came first, who said it, whom a description is of.
5. A clause that no run supports only because it is worded otherwise (under the share of content
   words, every other check passed) is supported if the embedding model puts it close in meaning
   to the run (`meaning`): the facts are checked word by word above, the rewording by meaning.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..text import normalise, sentences, strip_markers
from ..types import Verdict
from . import aliases, counts, dates, descriptions, events, roles, speakers, syntax
from .header import (
    Header,
    attribution_problem,
    names_outlet,
    split_attribution,
    split_header,
    split_hedge,
)
from .lexical import Candidate, Explained, Lexical, Span, named_span
from .meaning import Encoder, Meaning
from .names import name_in, name_stems
from .parses import Parses

# Universal part-of-speech tags of words that are never names (a closed class).
FUNCTION_POS = frozenset({"ADP", "ADV", "SCONJ", "CCONJ", "DET", "PRON", "PART", "AUX", "INTJ"})


def _squash(text: str) -> str:
    return normalise(strip_markers(text)).rstrip(" .!?;:")


def _unquoted(text: str) -> str:
    """A claim quoting its passage in quotation marks ("“X.” [1]", the extractive answer), without
    them; quotes inside it stay ("“... the sitcom "Oakdale Nights," died ...”"): it is only ever
    compared whole with the passage's sentences."""
    squashed = normalise(strip_markers(text)).strip()
    return squashed[1:-1] if len(squashed) > 2 and squashed[0] == squashed[-1] == '"' else text


class OfflineJudge:
    """Deterministic claim checker; see the module docstring for the steps.

    Args:
        threshold, max_window, window_penalty: the word-level matcher's (`Lexical`), for a clause.
        model: The spaCy pipeline to parse with; None for `rag.nlp`'s default.
        encoder: Texts -> unit vectors, for step 5 (`meaning.Meaning`); None: the embedding model
            `settings` configure, loaded when a clause first needs it; False: no step 5.
        settings: Whose embedding model step 5 uses (None: the environment's).
    """

    name = "offline"

    def __init__(
        self, threshold: float = 0.6, max_window: int = 3, window_penalty: float = 0.03, model: str | None = None,
        encoder: Encoder | None | bool = None, settings: Any = None,
    ) -> None:
        self.lexical = Lexical(threshold, max_window, window_penalty)
        self.parses = Parses(model)
        self.meaning = Meaning(encoder, settings)

    def __call__(self, claim: str, passages: Sequence[str]) -> Verdict:
        """Judge `claim` against `passages` (the passages it cites, each optionally with a header)."""
        with aliases.acronyms([claim, *passages]):
            return self._judge(claim, passages)

    def _judge(self, claim: str, passages: Sequence[str]) -> Verdict:
        cited = [split_header(p) for p in passages]
        bodies = [body for _, body in cited]
        if not any(b.strip() for b in bodies):
            return Verdict(False, "the claim cites no passage text", "")
        text, day, outlet = split_attribution(claim)
        if (day or outlet) and (problem := attribution_problem(day, outlet, [h for h, _ in cited])):
            return Verdict(False, problem, "")
        text, hedged = split_hedge(text)
        if hedged and not any(re.search(rf"\b{re.escape(hedged)}\b", b, re.I) for b in bodies):
            return Verdict(False, f"no cited passage says {hedged!r}, as the claim's note has it", "")
        if span := named_span(text, bodies):
            return Verdict(True, "names what the passage names, word for word", span)
        whole = self.lexical.analyse(text)
        if not (whole.terms or whole.numbers or whole.names):
            return Verdict(False, "the claim has no content words to check", "")
        if quote := self._verbatim(text, bodies):
            return Verdict(True, "quotes the passage word for word", quote)
        doc = self.parses([text])[0]
        parts = syntax.clauses(doc)
        whole_verdict = self._judge_part(text, list(doc), cited)
        if whole_verdict.supported or len(parts) == 1:
            return whole_verdict
        # Not in one run of one passage as a whole: each clause may be in one of its own ("X [1], and Y [2]")
        evidence: list[str] = []
        for part in parts:
            verdict = self._judge_part(syntax.text_of(part), part, cited)
            if not verdict.supported:
                return Verdict(False, f"in '{syntax.text_of(part)}': {verdict.reason}", verdict.evidence)
            evidence.append(verdict.evidence)
        return Verdict(True, f"each of its {len(parts)} clauses is supported by a passage on its own",
                       " … ".join(dict.fromkeys(evidence)))

    def many(self, items: Sequence[tuple[str, Sequence[str]]]) -> list[Verdict]:
        """Judge several claims (an answer's sentences, each with the passages it cites) with their
        parses batched (spaCy is about twice as fast per sentence on a batch as on one): the claims
        that do not quote their passages in one `nlp.pipe` call, the evidence they need in another."""
        todo: list[tuple[str, list[tuple[Header | None, str]], list[str]]] = []
        for claim, passages in items:
            cited = [split_header(p) for p in passages]
            text = split_hedge(split_attribution(claim)[0])[0]
            bodies = [body for _, body in cited]
            # the claims __call__ settles without a parse (a short answer, a quote) are not parsed
            if any(b.strip() for b in bodies) and not named_span(text, bodies) and not self._verbatim(text, bodies):
                todo.append((text, cited, [claim, *passages]))
        needed: list[str] = []
        for (text, cited, texts), doc in zip(todo, self.parses([t for t, _, _ in todo])):
            part = list(doc)
            with aliases.acronyms(texts):
                c, first_name = self._analyse(text, part)
                best = self.lexical.candidates(c, [body for _, body in cited])
                if best and not self._word_problems(part, c, best[0], cited[best[0].passage][0], first_name):
                    needed += self._relevant(part, c, best[0].span)
        self.parses(needed)
        return [self(claim, passages) for claim, passages in items]

    def _verbatim(self, text: str, bodies: Sequence[str]) -> str | None:
        """The passage sentences the claim quotes whole, if it does."""
        target = _squash(_unquoted(text))
        for body in bodies:
            found = sentences(body)
            for size in range(1, self.lexical.max_window + 1):
                for i in range(len(found) - size + 1):
                    if _squash(" ".join(found[i : i + size])) == target:
                        return normalise(" ".join(found[i : i + size]))
        return None

    def _analyse(self, text: str, part: list[Any]) -> tuple[Span, frozenset[str]]:
        """The clause's word-level analysis, and the name its first word may be.

        The word layer skips a sentence's first word ("Tensions rose"); the tagger says whether
        it is a proper noun ("Reuters reported"), to be checked as a name."""
        opening = next((t for t in part if t.is_alpha), None)
        first_name = name_stems(text, first=True) - name_stems(text)
        if opening is None or opening.pos_ != "PROPN":
            first_name = frozenset()
        # The word layer takes a first word followed by a name for a name ("Jenny Town said"); one
        # the tagger calls a function word is none ("Alongside Kim's plan", "Despite Seoul's ...").
        unnamed = frozenset()
        if opening is not None and opening.pos_ in FUNCTION_POS:
            unnamed = name_stems(opening.text, first=True)
        return self.lexical.analyse(text, names=first_name, unnamed=unnamed), first_name

    def _judge_part(self, text: str, part: list[Any], cited: list[tuple[Header | None, str]]) -> Verdict:
        """One clause against each passage's best run of sentences, best first."""
        c, first_name = self._analyse(text, part)
        if wrong := events.date_problems(part, [(h and h.published, b) for h, b in cited], self.lexical):
            return Verdict(False, wrong[0], "")
        first: tuple[Candidate, list[str]] | None = None
        reworded: list[Candidate] = []  # runs that fail only for the share of words
        for cand in self.lexical.candidates(c, [body for _, body in cited]):
            problems = self._word_problems(part, c, cand, cited[cand.passage][0], first_name)
            if len(problems) == 1 and cand.coverage < self.lexical.threshold:
                reworded.append(cand)  # its one problem is the share of words
            problems = problems or self._parse_problems(part, c, cand.span)
            if not problems:
                reason = f"{cand.coverage:.0%} of content words found; numbers, dates, names, roles and polarity agree"
                return Verdict(True, reason, cand.span.text)
            first = first or (cand, problems)
        if first is None:
            return Verdict(False, "the cited passages have no sentences to check against", "")
        for cand in reworded:
            if not self._parse_problems(part, c, cand.span) and (cos := self.meaning.close(text, cand.span.text)):
                reason = (f"worded otherwise ({cand.coverage:.0%} of content words) but close in meaning "
                          f"(cosine {cos:.2f}); numbers, dates, names, roles and polarity agree")
                return Verdict(True, reason, cand.span.text)
        return Verdict(False, "; ".join(first[1]), first[0].span.text)

    def _word_problems(
        self, part: list[Any], c: Span, cand: Candidate, header: Header | None, first_name: frozenset[str]
    ) -> list[str]:
        """What the candidate evidence's words do not carry of the clause: content words, numbers,
        dates, names, the credited source, antonyms."""
        span = cand.span
        claimed, _ = syntax.claim_dates(part)
        attributed = bool(dates.ATTRIBUTION.search(" ".join(t.text for t in part)))
        owned, problems = dates.check(claimed, dates.evidence_dates(span.text, header and header.published, attributed))
        missing = set(self.lexical.missing_names(c, span))
        if missing and header and header.title:  # the title names whom the passage calls "Griner"
            title = name_stems(header.title, first=True)
            missing = {n for n in missing if not name_in(n, frozenset(), title)}
        if first_name & missing:
            self.parses.entities(part[0].doc)
            if syntax.first_is_person(part):
                missing -= first_name  # a loose reference: left to the roles check
        credited, wrong_source = self._attribution(part, missing, header, span)
        excused = frozenset(set(c.names) - missing)
        problems = self.lexical.problems(c, span, Explained(owned, credited | excused)) + problems + wrong_source
        if cand.coverage < self.lexical.threshold:
            problems.insert(0, f"only {cand.coverage:.0%} of the claim's content words are in the passage")
        return problems

    def _parse_problems(self, part: list[Any], c: Span, span: Span) -> list[str]:
        """What the parse of the evidence contradicts: roles, negation, counts, phrasal verbs."""
        relevant = self._relevant(part, c, span)
        if not relevant:
            return []
        evidence = [t for doc in self.parses(relevant) for t in doc]
        key = self.lexical.word
        _, date_tokens = syntax.claim_dates(part)
        return (
            roles.role_problems(part, evidence, key, self._names, self.parses.entities)
            + syntax.negation_problems(part, evidence, key)
            + counts.unit_problems(part, evidence, key, date_tokens)
            + syntax.particle_problems(part, evidence, key)
            + syntax.order_problems(part, evidence, key)
            + speakers.speaker_problems(part, evidence, key, self._names)
            + descriptions.description_problems(part, evidence, key)
            + descriptions.place_problems(part, evidence, self.parses.entities)
        )

    def _relevant(self, part: list[Any], c: Any, span: Any) -> list[str]:
        """The evidence sentences a parse-based check could find a difference in, judged from their
        words: one with a verb of the claim (roles, particles), a number of the claim and the noun
        it counts, or a negation near the claim's words. Only these are parsed; often none."""
        word = self.lexical.word
        # A verb's roles can only clash where the claim names who fills them, or fills two.
        named = [t for t in part if t.pos_ == "VERB" and roles.could_clash(t)]
        verbs = {k for t in named for k in (word(t.lemma_.lower()), word(t.lower_))}
        negated = bool(syntax.negation(part)[0])
        phrasal = any(t.dep_ == "prt" for t in part)
        described = descriptions.described(part, word)
        # What a number counts can only differ where the evidence has the number and the noun.
        counted = [(v, word(u.lemma_.lower())) for v, u in counts.counts(part) if u is not None and u.pos_ == "NOUN"]
        keep, negations = [], False
        for sentence in span.sentences:
            s = self.lexical.analyse(sentence)
            shared = bool(c.terms & s.words)
            # A negation there near a word of the claim, or a negated claim: polarity to compare.
            negation = bool(s.negated & c.terms) or (negated and shared)
            negations |= negation
            numbered = any(v in s.numbers and u in s.words for v, u in counted)
            if verbs & s.words or numbered or negation or (phrasal and shared) or described & s.words:
                keep.append(sentence)
        if negations:
            # Whether a negated word is also asserted elsewhere needs every sentence holding it.
            keep = [x for x in span.sentences if x in keep or c.terms & self.lexical.analyse(x).words]
        return keep

    def _attribution(self, part: list[Any], missing: set[str], header: Header | None, span: Span) -> tuple[frozenset[str], list[str]]:
        """(the claim's `missing` names its passage's outlet accounts for, a problem for a source the
        claim credits that is neither in the passage text nor its outlet)."""
        credited: set[str] = set()
        problems: list[str] = []
        for head in syntax.attributions(part):
            source = syntax.text_of(syntax.core(head))
            stems = self._names(source) & missing
            if not stems and "." not in source:  # a domain ("cnn.com") is the outlet's, checked below
                continue  # the passage text names the source: the word checks have it
            credited |= stems
            if header and names_outlet(source, header.outlet):
                continue
            # a person is a speaker, not an outlet: "Kim said" for the passage's "he said" is a loose
            # reference (the entity recogniser runs only for such a subject, not for every source)
            if head.dep_ == "nsubj" and {"he", "she"} & span.words and self._is_person(head):
                continue
            outlet = f"from {header.outlet}" if header and header.outlet else "of unstated origin"
            problems.append(f"the claim credits {source}, which the passage does not name; the passage is {outlet}")
        return frozenset(credited), problems

    def _is_person(self, t: Any) -> bool:
        self.parses.entities(t.doc)
        return t.ent_type_ == "PERSON"

    @staticmethod
    def _names(text: str) -> frozenset[str]:
        return name_stems(text, first=True)
