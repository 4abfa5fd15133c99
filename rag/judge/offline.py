"""The offline judge: a deterministic, model-free check of one claim against its cited passages.

It finds the passage sentence (or run of up to `max_window` sentences) that best matches the
claim's content words, then rejects the claim if that evidence does not carry the claim's
numbers, months, weekdays and names, or if a negation or an antonym flips it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType

from ..text import MONTH_NAMES, MONTHS, normalise, sentences, stem, strip_markers
from ..types import Verdict
from . import lexicon
from .facts import number_tokens

# A month, in full or abbreviated, capitalised as a date is ("may" is a verb).
_MONTH = re.compile(r"\b(" + "|".join(m.capitalize() for m in sorted(MONTHS, key=len, reverse=True)) + r")\b")
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b", re.I)
_CAPITALISED = re.compile(r"(?<![A-Za-z0-9'])([A-Z][A-Za-z0-9]*)")
_WORD = re.compile(r"[a-z0-9]+")
_NUMBER = re.compile(r"\d+(?:th)?")
# Prefixes that negate a word: "unsuccessfully" flips "successfully".
_NEGATIVE_PREFIXES = ("un", "non", "in", "im", "il", "ir", "dis")
_CLAUSE_TOKEN = re.compile(r"[a-z0-9]+|[,;:.!?()\"]")
# Phrases with a negation word that do not negate: "no more than a show" asserts "show".
_FALSE_NEGATION = re.compile(r"\b(?:no|nothing|not) (?:more|less|other) than\b|\bnot only\b|\bno doubt\b")
# Words that are neither names nor content terms (numbers and dates are checked on their own).
_NON_ENTITY = (
    lexicon.STOPWORDS
    | lexicon.NEGATION_CUES
    | lexicon.WEEKDAYS
    | frozenset(MONTHS)
    | frozenset(lexicon.NUMBER_WORDS)
    | frozenset(lexicon.ORDINAL_WORDS)
)
# "one" is a pronoun ("one report says") far more often than a count; only "one year" etc. count.
_PRONOUN_ONE = re.compile(r"\b[Oo]ne\b(?!\s+(?:year|month|week|day|hour|time|summit|missile|test)s?\b)")
_PREFIX = 6  # stems sharing this many leading letters count as one word ("respons"/"respond")


@dataclass(frozen=True)
class _Span:
    """What the judge needs to know about a claim or a stretch of passage text."""

    text: str
    size: int
    terms: frozenset[str]  # canonical content stems, without numbers and dates
    words: frozenset[str]  # canonical stems of every word, stopwords included
    stems: frozenset[str]  # plain stems of every word (no synonym mapping)
    names: frozenset[str]  # stems of capitalised words and alias tokens
    numbers: frozenset[str]
    months: frozenset[str]
    weekdays: frozenset[str]
    negated: frozenset[str]  # canonical stems in the scope of a negation
    # (term, word, word without its negative prefix, that rest's canonical stem): "unwilling" ->
    # ("unwil", "unwilling", "willing", "will").
    prefixed: frozenset[tuple[str, str, str, str]]
    # Names in the two sentences before the span: "it"/"the leader" often refers back to them.
    context_names: frozenset[str] = frozenset()


def _apply_aliases(text: str) -> str:
    for pattern, token in lexicon.ALIASES:
        text = re.sub(pattern, token, text)
    return text


def _is_sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \"'(")
    return not before or before[-1] in ".!?:"


class OfflineJudge:
    """Deterministic claim checker; see the module docstring for the rules.

    Args:
        threshold: Least share of the claim's content words the evidence must contain.
        max_window: Most consecutive passage sentences read together as evidence.
        window_penalty: Score cost per extra sentence, so a longer window wins only when it
            adds matched words (else a wide window could hide a changed fact).
    """

    name = "offline"

    def __init__(self, threshold: float = 0.6, max_window: int = 3, window_penalty: float = 0.03) -> None:
        self.threshold = threshold
        self.max_window = max_window
        self.window_penalty = window_penalty
        self._canon = MappingProxyType(
            {stem(w): stem(group[0]) for group in lexicon.SYNONYM_GROUPS for w in group}
        )
        pairs = {(self._word(a), self._word(b)) for a, b in lexicon.ANTONYM_PAIRS}
        self._antonyms = frozenset(pairs | {(b, a) for a, b in pairs})
        self._time_units = frozenset(stem(u) for u in lexicon.TIME_UNITS)

    def __call__(self, claim: str, passages: Sequence[str]) -> Verdict:
        """Judge `claim` against `passages` (the passages it cites)."""
        c = self._analyse(claim, 1)
        if not any(p.strip() for p in passages):
            return Verdict(False, "the claim cites no passage text", "")
        if not (c.terms or c.numbers or c.names):
            return Verdict(False, "the claim has no content words to check", "")
        first: tuple[_Span, list[str]] | None = None
        for span, coverage in self._best_spans(c, passages):
            problems = self._problems(c, span)
            if coverage < self.threshold:
                problems.insert(0, f"only {coverage:.0%} of the claim's content words are in the passage")
            if not problems:
                reason = f"{coverage:.0%} of content words found; numbers, dates, names and polarity agree"
                return Verdict(True, reason, span.text)
            first = first or (span, problems)
        assert first is not None  # at least one passage has text here
        return Verdict(False, "; ".join(first[1]), first[0].text)

    # -- analysis -------------------------------------------------------------------------------

    def _word(self, token: str) -> str:
        s = stem(token)
        return self._canon.get(s, s)

    def _analyse(self, text: str, size: int) -> _Span:
        t = normalise(strip_markers(text))
        aliased = _apply_aliases(t)
        lower = aliased.lower().replace("n't", " not").replace("cannot", "can not")
        tokens = [w for w in _WORD.findall(lower) if len(w) > 1 or w.isdigit()]
        content = [w for w in tokens if w not in _NON_ENTITY and not w.isdigit()]
        return _Span(
            text=t,
            size=size,
            terms=frozenset(self._word(w) for w in content),
            words=frozenset(self._word(w) for w in tokens),
            stems=frozenset(stem(w) for w in tokens),
            names=self._names(aliased),
            numbers=frozenset(
                n for n in number_tokens(_PRONOUN_ONE.sub(" ", t), ordinals=True) if _NUMBER.fullmatch(n)
            ),
            months=frozenset(MONTH_NAMES[MONTHS[m.lower()] - 1] for m in _MONTH.findall(t)),
            weekdays=frozenset(w.lower() for w in _WEEKDAY.findall(t)),
            negated=self._negated(lower),
            prefixed=frozenset(p for w in content if (p := self._unprefixed(w))),
        )

    def _unprefixed(self, word: str) -> tuple[str, str, str, str] | None:
        """`word` and its stem without a negative prefix, when it has one. The prefix comes off the
        word, then the rest is stemmed: the stem of "unwilling" is "unwil", not "un" + "will"."""
        for prefix in _NEGATIVE_PREFIXES:
            rest = word[len(prefix) :]
            if word.startswith(prefix) and len(base := self._word(rest)) >= 4:
                return self._word(word), word, rest, base
        return None

    def _names(self, aliased: str) -> frozenset[str]:
        """Capitalised words, skipping a sentence's first word unless it looks like a name."""
        out: set[str] = set()
        matches = list(_CAPITALISED.finditer(aliased))
        for i, m in enumerate(matches):
            word = m.group(1)
            low = word.lower()
            if len(word) < 2 or low in _NON_ENTITY:
                continue
            if _is_sentence_start(aliased, m.start()):
                # "Tensions rose" is not a name; "Jenny Town said", "Japan's envoy" and "NKOREA" are.
                next_is_name = i + 1 < len(matches) and matches[i + 1].start() == m.end() + 1
                possessive = aliased.startswith("'s", m.end())
                if not (next_is_name or possessive or any(ch.isupper() for ch in word[1:])):
                    continue
            out.add(stem(low))
        return frozenset(out)

    def _negated(self, lower: str) -> frozenset[str]:
        """The first content word after each negation cue, within its clause."""
        tokens = _CLAUSE_TOKEN.findall(_FALSE_NEGATION.sub(" ", lower))
        out: set[str] = set()
        for i, tok in enumerate(tokens):
            if tok not in lexicon.NEGATION_CUES:
                continue
            for nxt in tokens[i + 1 : i + 6]:
                if not nxt[0].isalnum():
                    break
                if nxt in lexicon.STOPWORDS or nxt in lexicon.NEGATION_CUES or len(nxt) < 2:
                    continue
                out.add(self._word(nxt))
                break
        return frozenset(out)

    # -- evidence -------------------------------------------------------------------------------

    @staticmethod
    def _has(term: str, span: _Span) -> bool:
        if term in span.words:
            return True
        # "Moon" is part of the alias token for "Moon Jae-in".
        if len(term) >= 3 and any(n.startswith(term) for n in span.names):
            return True
        return len(term) >= _PREFIX and any(len(p) >= _PREFIX and p[:_PREFIX] == term[:_PREFIX] for p in span.words)

    def _coverage(self, claim: _Span, span: _Span) -> float:
        if not claim.terms:
            return 1.0
        return sum(self._has(t, span) for t in claim.terms) / len(claim.terms)

    def _best_in_passage(self, claim: _Span, passage: str) -> tuple[float, _Span, float] | None:
        """(score, span, coverage) of the passage's best-matching run of sentences."""
        best: tuple[float, _Span, float] | None = None
        found = sentences(passage)
        for size in range(1, self.max_window + 1):
            for i in range(max(1, len(found) - size + 1)):
                span = self._analyse(" ".join(found[i : i + size]), size)
                coverage = self._coverage(claim, span)
                score = coverage - self.window_penalty * (size - 1) + self._fact_bonus(claim, span)
                # Strictly greater: on a tie the shorter, earlier span stays.
                if best is None or score > best[0] + 1e-9:
                    before = " ".join(found[max(0, i - 2) : i])
                    span = replace(span, context_names=self._names(_apply_aliases(normalise(before))))
                    best = (score, span, coverage)
        return best

    def _fact_bonus(self, claim: _Span, span: _Span) -> float:
        """A tie-breaker, smaller than one window step, for spans that carry the claim's facts."""
        facts = len(claim.numbers) + len(claim.months) + len(claim.weekdays)
        if not facts:
            return 0.0
        shared = (
            len(claim.numbers & span.numbers) + len(claim.months & span.months) + len(claim.weekdays & span.weekdays)
        )
        return self.window_penalty / 3 * shared / facts

    def _best_spans(self, claim: _Span, passages: Sequence[str]) -> list[tuple[_Span, float]]:
        """Evidence candidates, best first: the best span overall, then (for a sentence citing
        several passages) the best span of each passage read together."""
        per_passage = [b for p in passages if p.strip() and (b := self._best_in_passage(claim, p))]
        best = max(per_passage, key=lambda b: b[0])  # max keeps the first of equals
        out = [(best[1], best[2])]
        if len(per_passage) > 1:
            # "One report says four, another three [1][2]" takes one fact from each passage.
            parts = [b[1] for b in per_passage]
            joint = self._analyse(" ".join(p.text for p in parts), sum(p.size for p in parts))
            joint = replace(joint, context_names=frozenset().union(*(p.context_names for p in parts)))
            out.append((joint, self._coverage(claim, joint)))
        return out

    # -- checks ---------------------------------------------------------------------------------

    @staticmethod
    def _name_in(name: str, span: _Span) -> bool:
        names = span.names | span.context_names
        if name in span.stems or name in names:
            return True
        # The evidence may be more specific ("Kim" in "Kim Jong Un", "Korea" in "South Korea") or
        # inflected ("Koreans" vs "Korean"), never less specific ("Kim Yo Jong" vs "Kim").
        return any(
            (len(name) >= 2 and n.startswith(name))
            or (len(name) >= 3 and name in n)
            or (name.startswith(n) and len(name) - len(n) <= 3 and len(n) >= 4)
            for n in names
        )

    @staticmethod
    def _prefix_flips(c: _Span, w: _Span) -> list[str]:
        """"unsuccessful" in the claim where the passage says "successful", or the reverse."""
        out: list[str] = []
        for a, b, says in ((c, w, "the claim"), (w, c, "the passage")):
            flipped: set[str] = set()
            for term, word, rest, base in sorted(a.prefixed):
                # A negated base ("not changed" vs "unchanged") agrees with the prefixed word.
                if term not in b.words and term not in flipped and base in b.terms and base not in b.negated:
                    flipped.add(term)
                    out.append(f"{says} says '{word}' where the other says '{rest}'")
        return out

    def _problems(self, c: _Span, w: _Span) -> list[str]:
        problems: list[str] = []
        if missing := sorted(c.numbers - w.numbers, key=lambda n: (len(n), n)):
            has = ", ".join(sorted(w.numbers)) or "none"
            problems.append(f"number {', '.join(missing)} not in the passage (it has {has})")
        if missing := sorted(c.months - w.months):
            problems.append(f"month {', '.join(missing)} not in the passage")
        if missing := sorted(c.weekdays - w.weekdays):
            problems.append(f"weekday {', '.join(missing)} not in the passage")
        if missing := sorted((c.stems & self._time_units) - w.stems):
            problems.append(f"time unit {', '.join(missing)} not in the passage")
        if missing := sorted(n for n in c.names if not self._name_in(n, w)):
            problems.append(f"name/place {', '.join(missing)} not in the passage")
        for term in sorted(c.negated):
            if term in w.words and term not in w.negated:
                problems.append(f"the claim negates '{term}' but the passage asserts it")
        for term in sorted(w.negated):
            if term in c.terms and term not in c.negated:
                problems.append(f"the passage negates '{term}' but the claim asserts it")
        problems.extend(self._prefix_flips(c, w))
        for a, b in sorted(self._antonyms):
            if a in c.words and a not in w.words and b in w.words and b not in c.words:
                problems.append(f"the claim says '{a}' where the passage says '{b}'")
        return problems
