"""Who said it: a claim that credits a statement to one person ("Tom Reed said the search covered
30 miles") is unsupported where the passage's sentence that holds the statement credits it to
another ("The search covered 30 miles, Ana Ruiz said"), though both names are in the passage and
every word of the statement too. Only names are compared: "officials said" and "authorities said"
are one source in other words, and a pronoun ("he said") is left to the word checks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .syntax import Key, Token, core, text_of

Names = Callable[[str], frozenset[str]]
# Verbs that credit a statement to whoever is their subject (a closed class; syntax._REPORTING has
# the narrower set that credits a report to an outlet).
SAYING = frozenset({"say", "tell", "testify", "argue", "claim", "state", "add", "announce", "warn", "write"})
_MOST = 0.6  # the share of the statement's words a sentence must hold to be the one that states it


def speaker_problems(part: Sequence[Token], evidence: Sequence[Token], key: Key, names: Names) -> list[str]:
    """The claim's statements whose stating sentence in `evidence` credits them to another name."""
    problems = []
    statements = _statements(part, key, names)
    # each evidence sentence with its words, once, and only for a claim that credits a statement
    found = [(s, _words(s, key)) for s in _sentences(evidence)] if statements else []
    for words, speaker, said, inner in statements:
        sentence, held = max(found, key=lambda f: len(said & f[1]), default=(None, set()))
        if sentence is None or len(said & held) < _MOST * len(said):
            continue
        others = [who for _, who, _, _ in _statements(sentence, key, names)]
        in_sentence = names(text_of(sentence))
        # "Tom Reed wrote that Ana Ruiz said ...": the passage's speaker inside the statement
        if others and not any(who & (speaker | inner) for who in others) and not speaker <= in_sentence:
            problems.append(f"the passage has someone other than {text_of(words)} say it")
    return problems


def _statements(tokens: Sequence[Token], key: Key, names: Names) -> list[tuple]:
    """(the named speaker's words, their name stems, the content words of what they said, the names
    in it) for each verb of saying in `tokens` whose subject is a name and whose object is a clause."""
    out = []
    for t in tokens:
        if t.lemma_.lower() not in SAYING or t.pos_ != "VERB":
            continue
        subject = next((c for c in t.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None)
        clause = next((c for c in t.children if c.dep_ == "ccomp"), None)
        if subject is None or clause is None or not (who := names(text_of(core(subject)))):
            continue
        said = {key(w.lemma_.lower()) for w in clause.subtree if w.is_alpha and not w.is_stop and w.pos_ != "PROPN"}
        if len(said) >= 3:
            out.append((core(subject), who, said, names(text_of(clause.subtree))))
    return out


def _sentences(evidence: Sequence[Token]) -> list[list[Token]]:
    out: dict[Any, list[Token]] = {}
    for t in evidence:
        out.setdefault((id(t.doc), t.sent.start), []).append(t)
    return list(out.values())


def _words(sentence: Sequence[Token], key: Key) -> set[str]:
    return {key(t.lemma_.lower()) for t in sentence if t.is_alpha}
