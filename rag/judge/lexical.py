"""The offline judge's word layer: which run of passage sentences best matches a claim's content
words, and whether it carries the claim's numbers, months, weekdays and names, and the same
words rather than their antonyms or negative-prefixed forms ("unwilling"/"willing").

The parse-based checks (roles, negation scope, units, dates) are in `syntax` and `dates`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from ..text import MONTH_NAMES, MONTHS, normalise, sentences, stem, strip_markers
from . import aliases, lexicon
from .facts import AGED, PRONOUN_ONE, YEARS_IN, number_tokens, us_spelling, written_dates
from .names import NON_ENTITY, apply_aliases, name_in, name_runs, name_stems, other_people, same_name

# A month, in full or abbreviated, capitalised as a date is ("may" is a verb).
_MONTH = re.compile(r"\b(" + "|".join(m.capitalize() for m in sorted(MONTHS, key=len, reverse=True)) + r")\b")
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b", re.I)
_WORD = re.compile(r"[a-z0-9]+")
_NUMBER = re.compile(r"\d+(?:th)?")
_NEGATIVE_PREFIXES = ("un", "non", "in", "im", "il", "ir", "dis")  # they negate: "unsuccessfully", "successfully"
_CLAUSE_TOKEN = re.compile(r"[a-z0-9]+|[,;:.!?()\"]")
# Phrases with a negation word that do not negate: "no more than a show" asserts "show".
_FALSE_NEGATION = re.compile(r"\b(?:no|nothing|not) (?:more|less|other) than\b|\bnot only\b|\bno doubt\b")
_PREFIX = 6  # stems sharing this many leading letters count as one word ("respons"/"respond")


@dataclass(frozen=True)
class Span:
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
    negated: frozenset[str]  # canonical stems after a negation word (only for prefix flips)
    # (term, word, word without its negative prefix, that rest's canonical stem): "unwilling" ->
    # ("unwil", "unwilling", "willing", "will").
    prefixed: frozenset[tuple[str, str, str, str]]
    runs: frozenset[tuple[str, ...]] = frozenset()  # `names.name_runs`: ("Kim", "Jong", "Un")
    # Names in the two sentences before the span: "it"/"the leader" often refers back to them.
    context_names: frozenset[str] = frozenset()
    sentences: tuple[str, ...] = ()  # the passage sentences it joins, normalised


# The Span fields that are sets of facts, in order: a run of sentences has the union of theirs.
_SETS = ("terms", "words", "stems", "names", "numbers", "months", "weekdays", "negated", "prefixed", "runs")


@dataclass(frozen=True)
class Candidate:
    """A passage's best-matching run of sentences for a claim: its score, coverage and passage number."""

    score: float
    span: Span
    coverage: float
    passage: int


@dataclass(frozen=True)
class Explained:
    """Claim facts another check has accounted for: date tokens a resolved date matched, names the
    passage's outlet carries."""

    facts: frozenset[str] = frozenset()
    names: frozenset[str] = field(default_factory=frozenset)


class Lexical:
    """The word-level matcher and checks; see the module docstring.

    Args:
        threshold: Least share of the claim's content words the evidence must contain.
        max_window: Most consecutive passage sentences read together as evidence.
        window_penalty: Score cost per extra sentence, so a longer window wins only when it
            adds matched words or the claim's numbers and dates (`_fact_bonus`).
    """

    def __init__(self, threshold: float = 0.6, max_window: int = 3, window_penalty: float = 0.03) -> None:
        self.threshold = threshold
        self.max_window = max_window
        self.window_penalty = window_penalty
        self._canon = MappingProxyType(
            {stem(w): stem(group[0]) for group in lexicon.SYNONYM_GROUPS for w in group}
        )
        pairs = {(self.word(a), self.word(b)) for a, b in lexicon.ANTONYM_PAIRS}
        self._antonyms = frozenset(pairs | {(b, a) for a, b in pairs})
        # A time unit's stem -> the unit it counts in: decades and centuries in years (the numbers say how many).
        self._units = {stem(u): stem("year" if u in YEARS_IN else u) for u in lexicon.TIME_UNITS}
        # Each passage window is analysed for every claim that cites the passage: keep the results,
        # by text and by the check's acronyms (`aliases.current()`: they decide how names read).
        analyse, windows = lru_cache(maxsize=4096)(self._analyse), lru_cache(maxsize=512)(self._passage_windows)
        self.analyse = lambda text, size=1, names=frozenset(), unnamed=frozenset(): (  # type: ignore[method-assign]
            analyse(text, size, names, unnamed, aliases.current()))
        self._windows = lambda passage: windows(passage, aliases.current())

    # -- analysis -------------------------------------------------------------------------------

    def word(self, token: str) -> str:
        """The canonical stem of a lower-case word: its stem, or its synonym group's head."""
        s = stem(us_spelling(token))
        return self._canon.get(s, s)

    def _analyse(self, text: str, size: int = 1, names: frozenset[str] = frozenset(),
                 unnamed: frozenset[str] = frozenset(), acronyms: frozenset[str] = frozenset()) -> Span:
        """What the checks need to know about `text` (a claim, or `size` passage sentences); `names`
        adds name stems found otherwise (the claim's named entities), `unnamed` takes out capitalised
        words the tagger says are no names (a sentence's first word: "Alongside Kim's plan").
        `acronyms`, the check's (`aliases.current()`), is read from there: it is part of the cache key."""
        t = normalise(written_dates(strip_markers(text)))
        aliased = apply_aliases(t)
        lower = aliased.lower().replace("n't", " not").replace("cannot", "can not")
        tokens = [w for w in _WORD.findall(lower) if len(w) > 1 or w.isdigit()]
        runs = name_runs(aliased)
        # A name of several words is one content word ("sung_kim"), found where the passage names the
        # same one (`same_name`): "Kim Yo Jong" is not three words found beside "Kim Jong Un".
        multi = [r for r in runs if len(r) > 1]
        inner = {p for r in multi for x in r for p in x.lower().split("-")}
        content = [w for w in tokens if w not in NON_ENTITY and not w.isdigit() and w not in inner]
        return Span(
            text=t,
            size=size,
            terms=frozenset(self.word(w) for w in content) | {"_".join(r).lower() for r in multi},
            words=frozenset(self.word(w) for w in tokens),
            stems=frozenset(stem(us_spelling(w)) for w in _WORD.findall(AGED.sub("", lower))  # no age's "year"
                            if len(w) > 1 or w.isdigit()),
            names=(name_stems(t) | names) - unnamed,
            numbers=frozenset(
                n for n in number_tokens(PRONOUN_ONE.sub(" ", t), ordinals=True) if _NUMBER.fullmatch(n)
            ),
            months=frozenset(MONTH_NAMES[MONTHS[m.lower()] - 1] for m in _MONTH.findall(t)),
            weekdays=frozenset(w.lower() for w in _WEEKDAY.findall(t)),
            negated=self._negated(lower),
            prefixed=frozenset(p for w in content if (p := self._unprefixed(w))),
            runs=runs,
        )

    def _unprefixed(self, word: str) -> tuple[str, str, str, str] | None:
        """`word` and its stem without a negative prefix, when it has one. The prefix comes off the
        word, then the rest is stemmed: the stem of "unwilling" is "unwil", not "un" + "will"."""
        for prefix in _NEGATIVE_PREFIXES:
            rest = word[len(prefix) :]
            if word.startswith(prefix) and len(base := self.word(rest)) >= 4:
                return self.word(word), word, rest, base
        return None

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
                out.add(self.word(nxt))
                break
        return frozenset(out)

    # -- evidence -------------------------------------------------------------------------------

    @staticmethod
    def _has(term: str, span: Span) -> bool:
        if "_" in term:
            return any(same_name(tuple(term.split("_")), tuple(x.lower() for x in p)) for p in span.runs)
        if term in span.words:
            return True
        if len(term) >= 3 and any(n.startswith(term) for n in span.names):
            return True
        return len(term) >= _PREFIX and any(len(p) >= _PREFIX and p[:_PREFIX] == term[:_PREFIX] for p in span.words)

    def _coverage(self, claim: Span, span: Span) -> float:
        if not claim.terms:
            return 1.0
        return sum(self._has(t, span) for t in claim.terms) / len(claim.terms)

    def _best_in_passage(self, claim: Span, passage: str) -> tuple[float, Span, float] | None:
        """(score, span, coverage) of the passage's best-matching run of sentences."""
        best: tuple[float, Span, float] | None = None
        for _, size, span in self._windows(passage):
            coverage = self._coverage(claim, span)
            score = coverage - self.window_penalty * (size - 1) + self._fact_bonus(claim, span)
            # Strictly greater: on a tie the shorter, earlier span stays.
            if best is None or score > best[0] + 1e-9:
                best = (score, span, coverage)
        return best

    def _passage_windows(self, passage: str, _: frozenset[str] = frozenset()) -> tuple[tuple[int, int, Span], ...]:
        """(first sentence, size, span) of every run of up to `max_window` sentences, shortest
        first. A run's analysis is its sentences' put together (nothing the checks read crosses
        a sentence end), so each sentence is analysed once. `_`: the check's acronyms, a cache key."""
        found = sentences(passage)
        one = [self.analyse(s) for s in found]
        out = []
        for size in range(1, self.max_window + 1):
            for i in range(max(1, len(found) - size + 1)):
                run = one[i : i + size]
                if not run:
                    continue
                span = Span(
                    " ".join(r.text for r in run), size,
                    *(frozenset().union(*(getattr(r, f) for r in run)) for f in _SETS),
                    context_names=name_stems(normalise(" ".join(found[max(0, i - 2) : i]))),
                    sentences=tuple(r.text for r in run),
                )  # fmt: skip
                out.append((i, size, span))
        return tuple(out)

    def _fact_bonus(self, claim: Span, span: Span) -> float:
        """For spans with the claim's facts: its numbers, months and weekdays are worth more than a
        window step ("He was 77." after the sentence that tells of the death), its names break ties."""
        bonus = 0.0
        if facts := len(claim.numbers) + len(claim.months) + len(claim.weekdays):
            shared = len(claim.numbers & span.numbers) + len(claim.months & span.months)
            bonus += self.window_penalty * 1.5 * (shared + len(claim.weekdays & span.weekdays)) / facts
        if claim.names:
            bonus += self.window_penalty / 3 * len(claim.names & span.names) / len(claim.names)
        return bonus

    def candidates(self, claim: Span, passages: Sequence[str]) -> list[Candidate]:
        """Each passage's best-matching run of sentences, best first (the first of equals first).

        Evidence is one run of one passage: a claim whose words are found only across passages is
        not supported by any of them (a sentence citing two passages for two facts is split into
        its clauses before it gets here)."""
        found = [
            Candidate(b[0], b[1], b[2], i)
            for i, p in enumerate(passages)
            if p.strip() and (b := self._best_in_passage(claim, p))
        ]
        return sorted(found, key=lambda c: -c.score)

    # -- checks ---------------------------------------------------------------------------------

    @staticmethod
    def _prefix_flips(c: Span, w: Span) -> list[str]:
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

    def missing_names(self, c: Span, w: Span) -> list[str]:
        """The claim's name stems the evidence (or the sentences just before it) lacks."""
        return sorted(n for n in c.names if not name_in(n, w.stems, w.names | w.context_names))

    def problems(self, c: Span, w: Span, explained: Explained = Explained()) -> list[str]:
        """What in the claim `c` the evidence `w` does not carry, one line each ([] = nothing)."""
        problems: list[str] = []
        if missing := sorted(c.numbers - w.numbers - explained.facts, key=lambda n: (len(n), n)):
            has = ", ".join(sorted(w.numbers)) or "none"
            problems.append(f"number {', '.join(missing)} not in the passage (it has {has})")
        if missing := sorted(c.months - w.months - explained.facts):
            problems.append(f"month {', '.join(missing)} not in the passage")
        if missing := sorted(c.weekdays - w.weekdays - explained.facts):
            problems.append(f"weekday {', '.join(missing)} not in the passage")
        if missing := sorted({self._units[u] for u in c.stems & self._units.keys()}
                             - {self._units[u] for u in w.stems & self._units.keys()}):
            problems.append(f"time unit {', '.join(missing)} not in the passage")
        if missing := [n for n in self.missing_names(c, w) if n not in explained.names]:
            problems.append(f"name/place {', '.join(missing)} not in the passage")
        if others := other_people(c.runs, w.runs):
            problems.append(f"the passage names another {' / '.join(others)}")
        problems.extend(self._prefix_flips(c, w))
        for a, b in sorted(self._antonyms):  # a negated antonym agrees: "insincere" / "not sincere"
            if a in c.words and a not in w.words and b in w.words and b not in c.words and not (
                    b in w.negated or a in c.negated):
                problems.append(f"the claim says '{a}' where the passage says '{b}'")
        return problems


SPAN_WORDS = 8  # at most this many words make a short answer, not a claim


def named_span(text: str, bodies: Sequence[str]) -> str | None:
    """A short answer on its own ("August.", "Linda Thomas-Greenfield."): a fragment of a few
    words asserts only that its passage says it, which a verbatim match shows."""
    target = normalise(strip_markers(text)).rstrip(" .!?;:")
    if not target or len(target.split()) > SPAN_WORDS or re.search(r"[.!?;:]", target):
        return None
    whole_words = re.compile(rf"(?<!\w){re.escape(target)}(?!\w)", re.I)  # "Kim" is not in "Kimball"
    return next((m.group(0) for body in bodies if (m := whole_words.search(normalise(body)))), None)
