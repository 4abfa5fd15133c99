"""spaCy's attribute ruler, the same rules found faster.

English pipelines map each fine-grained tag to its part of speech and morphology, and fix a few
lemmas, with an `AttributeRuler`: 179 token patterns in `en_core_web_sm`. spaCy's `Matcher` tries
every pattern on every token, which made the ruler ~18% of each parse here (0.55 ms a sentence, as
much as the parser's; bench/RESULTS.md, issue 13). The patterns are simple: one or two tokens, each
testing its lower-case form, tag, dependency label or whether it is a space, against a value, a
list or a regular expression. So each rule is filed under one value its first token must have,
and a token meets only the rules filed under its own values (the few with no such value are tried
on every token). A pattern of any other shape is left to a `Matcher`, as before. The matches are
applied as the ruler applies them, in the order of its rules, so every token gets the same part of
speech, morphology and lemma (tests/test_attribute_ruler.py compares the two on real articles)."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

# The Matcher keys a rule may test here, in the order a token's values are read (and the order of
# preference for the value a rule is filed under: the rarer first).
KEYS = ("LOWER", "TAG", "DEP", "IS_SPACE")
# (key, how, values): how is "in" or "not in" (values: a frozenset of string-store hashes, a flag
# as 0 or 1) or "regex" (values: a compiled pattern searched in the key's string, as the Matcher does).
Test = tuple[int, str, Any]
Rule = tuple[int, list[list[Test]]]  # (rule number, tests per token)
STARTS_KEPT = 50_000  # distinct tokens whose unfiled rules are remembered


def _test(key: str, value: Any, strings: Any) -> Test | None:
    if key not in KEYS:
        return None
    flag = key == "IS_SPACE"
    if isinstance(value, dict) and len(value) == 1 and next(iter(value)) == "REGEX" and not flag:
        return (KEYS.index(key), "regex", re.compile(value["REGEX"]))
    if isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("IN", "NOT_IN"):
        op, values = next(iter(value.items()))
    else:
        op, values = "IN", [value]
    if not isinstance(values, list) or not all(type(v) is (bool if flag else str) for v in values):
        return None
    ints = frozenset(int(v) if flag else strings.add(v) for v in values)
    return (KEYS.index(key), "in" if op == "IN" else "not in", ints)


def _tokens(pattern: list[dict[str, Any]], strings: Any) -> list[list[Test]] | None:
    """A pattern's tests, token by token, if it is one this module can run, else None."""
    out = []
    for spec in pattern:
        tests = [_test(k, v, strings) for k, v in spec.items()]
        if not spec or not all(tests):
            return None
        out.append(tests)
    return out or None  # type: ignore[return-value]


class LookupMatch:
    """A stand-in for `AttributeRuler.match`: the same matches, in the same order."""

    def __init__(self, ruler: Any) -> None:
        from spacy.matcher import Matcher

        self.strings = ruler.vocab.strings
        # per key, per value: the one-token rules that need nothing more (most of them: a tag's
        # part of speech), and the rules with more to test
        self.direct: list[dict[int, list[int]]] = [defaultdict(list) for _ in KEYS]
        self.checked: list[dict[int, list[Rule]]] = [defaultdict(list) for _ in KEYS]
        self.everywhere: list[Rule] = []  # rules whose first token has no one value to file them under
        self.matcher = Matcher(ruler.vocab, validate=False)
        self._starts: dict[tuple[int, ...], list[Rule]] = {}
        for number in range(len(ruler.attrs)):
            patterns = ruler.matcher.get(str(number))[1]
            found = [_tokens(p, self.strings) for p in patterns]
            index = ruler.indices[number]
            if not all(t and -len(t) <= index < len(t) for t in found):
                self.matcher.add(self.strings.add(str(number)), patterns)
                continue
            for tests in found:
                self._file(number, tests)  # type: ignore[arg-type]
        self.match_ids = {n: self.strings[str(n)] for n in range(len(ruler.attrs))}
        self.keyed = list(zip(range(len(KEYS)), self.direct, self.checked))

    def _file(self, number: int, tests: list[list[Test]]) -> None:
        # filed under its most telling value: a word before a tag, a tag before a dependency label
        anchor = min((t for t in tests[0] if t[1] == "in"), key=lambda t: t[0], default=None)
        if anchor is None:
            self.everywhere.append((number, tests))
            return
        rest = [[t for t in tests[0] if t is not anchor]] + tests[1:]
        for value in anchor[2]:
            if len(rest) == 1 and not rest[0]:
                self.direct[anchor[0]][value].append(number)
            else:
                self.checked[anchor[0]][value].append((number, rest))

    def _holds(self, tests: list[Test], values: list[int]) -> bool:
        for key, how, expected in tests:
            if how == "regex":
                if not expected.search(self.strings[values[key]]):
                    return False
            elif (values[key] in expected) != (how == "in"):
                return False
        return True

    def __call__(self, doc: Any) -> list[tuple[int, int, int, int]]:
        """(rule, match id, start, end) of every match, sorted as the ruler sorts them."""
        found = {
            (int(self.strings[m_id]), m_id, start, end)
            for m_id, start, end in self.matcher(doc, allow_missing=True, as_spans=False)
        } if len(self.matcher) else set()
        rows = doc.to_array(list(KEYS)).tolist() if len(doc) else []
        ids = self.match_ids
        for i, values in enumerate(rows):
            for key, direct, checked in self.keyed:
                value = values[key]
                for number in direct.get(value, ()):
                    found.add((number, ids[number], i, i + 1))
                for number, tests in checked.get(value, ()):
                    self._try(found, number, tests, rows, i)
            for number, tests in self._starting(values) if self.everywhere else ():
                self._try(found, number, tests, rows, i)
        return sorted(found)

    def _starting(self, values: list[int]) -> list[Rule]:
        """The unfiled rules whose first token's tests these values pass, kept per distinct token
        (the same words recur, and trying each rule on each token cost more than the Matcher)."""
        row = tuple(values)
        got = self._starts.get(row)
        if got is None:  # (one dict get and one set: safe when threads share the pipeline)
            got = [(n, tests) for n, tests in self.everywhere if self._holds(tests[0], values)]
            if len(self._starts) > STARTS_KEPT:
                self._starts.clear()
            self._starts[row] = got
        return got

    def _try(self, found: set, number: int, tests: list[list[Test]], rows: list[list[int]], i: int) -> None:
        """Add the rule's match at token `i` if each of its tokens passes its tests."""
        end = i + len(tests)
        if end <= len(rows) and all(self._holds(t, rows[i + k]) for k, t in enumerate(tests)):
            found.add((number, self.match_ids[number], i, end))  # the ruler sets its token


def speed_up(nlp: Any) -> None:
    """Give each of `nlp`'s attribute rulers the lookup matcher (in place; no other change)."""
    from spacy.pipeline import AttributeRuler

    for _, pipe in nlp.pipeline:
        if isinstance(pipe, AttributeRuler):
            # The ruler calls self.match(doc) then applies what it returns: an instance attribute
            # takes the place of the method, and the ruler's rules and serialisation stay its own.
            pipe.match = LookupMatch(pipe)
