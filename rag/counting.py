"""What a value counts, for "How many ...?" and "How long ...?": the noun asked about ("87 days"), another
thing (the 16 of "a 16-track album" counts tracks), or nothing, as a rank ("its 87th day")."""

from __future__ import annotations

import re

from .answer_types import VALUE_LABELS
from .evidence import tokens
from .judge.facts import number_tokens
from .question import Question
from .text import stems

_HYPHENED = re.compile(r"-([A-Za-z]+)")  # the noun a value is hyphened to: "16-track", "a 10-year plan"


def counts_another(q: Question, text: str, span: tuple[int, int, str], focus: set[str]) -> bool:
    """Whether a value counts or ranks another thing than the one asked about: the 16 of "a 16-track
    album" counts tracks, not album units; "her seventh studio album" ranks ("how many" it is not),
    while "the fourth missile" does count missiles."""
    a, b, label = span
    if (unit := _HYPHENED.match(text, b)) and stems([unit[1]])[0] not in focus:
        return True
    ranks = label == "ORDINAL" or only_ranks(figures(text[a:b]))
    return q.wh == "how many" and ranks and not focus.intersection(tokens(text[b : b + 30])[0][:1])


def partitive(label: str | None, sent: list[str], after: int, nouns: set[str]) -> bool:
    """A count of the noun asked about in the partitive: "all 71 of the new recruits"."""
    return (label in VALUE_LABELS and sent[after : after + 1] == ["of"]
            and bool(nouns.intersection(sent[after + 1 : after + 4])))


def counts_noun(focus: str, text: str) -> bool:
    """Whether a value counts the noun asked about: "87 days" for "how many days", not "Saturday",
    "these days" or "its 87th day" (an ordinal ranks, it does not count)."""
    numbers = figures(text)
    return stems([focus])[0] in tokens(text)[0] and bool(numbers) and not only_ranks(numbers)


def figures(text: str) -> list[str]:
    """A value's numbers in figures, ordinals apart ("87th"): `number_tokens` less the words."""
    return [t for t in number_tokens(text, ordinals=True) if t[:1].isdigit()]


def only_ranks(numbers: list[str]) -> bool:
    """Whether a value's numbers (`number_tokens` with ordinals apart) are all ordinals ("the 87th day")."""
    return bool(numbers) and all(t.endswith("th") for t in numbers)
