"""The kind of a thing a question asks about, by the adjective next to its noun: "How much in
punitive damages ...?" is not answered by a sentence about "compensatory damages". Only the
adjective next to the noun counts, in the question and in the sentence ("the popular hot sauce" is
a hot sauce): that is where English puts the adjective that sorts a thing into its kind, and words
further out judge it ("popular", "recent"); in the question, also past one name compounded with the
noun ("the Republican Senate primary" is a Republican primary). The reader checks its best answer's sentence, parsed,
after the candidates are ranked."""

from __future__ import annotations

from typing import Any


def kinds_of(doc: Any, skip: set[int]) -> tuple[tuple[str, str], ...]:
    """(adjective, noun) lemmas for each common noun a parsed question qualifies with a plain
    adjective next to it (or past a name compounded with it: `_sorted`), the tokens in `skip` (its
    focus: "which French entrepreneur") and times ("the following week") excepted."""
    nouns = [(t, _sorted(t)) for t in doc]
    return tuple((t.lemma_.lower(), n.lemma_.lower()) for t, n in nouns if n is not None and n.i not in skip
                 and n.ent_type_ not in ("DATE", "TIME"))  # "the following week" is a time, no kind of week


def _sorted(t: Any) -> Any | None:
    """The noun a plain adjective of a question sorts into a kind: the one right after it, or the one past a
    name compounded with it ("Republican Senate primary": a Republican primary); None."""
    if _sorts(t):
        return t.head
    noun = t.head.head
    return noun if t.dep_ == "amod" and t.tag_ == "JJ" and t.head.dep_ == "compound" and t.head.i == t.i + 1 \
        and noun.pos_ == "NOUN" and noun.i == t.i + 2 else None


def other_kind(kinds: tuple[tuple[str, str], ...], sentence: Any) -> tuple[str, str] | None:
    """(the kind a parsed sentence gives a thing `kinds` qualifies, the kind asked for), as the
    sentence words the noun ("compensatory damages", "punitive damages"), where they differ; None
    when it gives the same kind or none, or has the question's adjective anywhere."""
    lemmas = {t.lemma_.lower() for t in sentence}
    for adjective, noun in kinds:
        if adjective in lemmas:
            continue
        for t in sentence:
            if t.i > 0 and t.lemma_.lower() == noun and _sorts(sentence[t.i - 1]):
                return f"{sentence[t.i - 1].text} {t.text}", f"{adjective} {t.text}"
    return None


def _sorts(t: Any) -> bool:
    """A plain adjective (not a comparative, superlative or number) right before the noun it modifies."""
    return t.dep_ == "amod" and t.tag_ == "JJ" and t.head.pos_ == "NOUN" and t.head.i == t.i + 1
