"""Tallies: a vote or a score, which news writes as two counts ("The opinion was 6-3", "The final tally
in the Senate was 86 to 11", "a 5-4 aggregate victory"). spaCy's small pipeline labels such a pair as
one number, as two ("86", "11"), as a date ("49 to 51") or not at all, and ties the second to no noun;
so for a question that asks what the vote or the score was, the tallies are read by their form here.

A tally is by its form a count of votes or points, so it is tied to the noun asked about; a lone count
is not ("Eleven Republican senators voted against" gives no vote). A score may also be a figure alone
("a 34% score on Rotten Tomatoes"), so for "score" the other values stay candidates; a name never is."""

from __future__ import annotations

import re

from .answer_types import TALLY, VALUE_LABELS
from .question import Question

_SMALL = r"\d{1,3}|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
# Two counts joined by a hyphen, a dash or "to", not inside a longer figure, a range of years, a height
# ("6-foot-7"), a percentage range ("5-10%") or a date ("2022-07-01").
TALLY_FORM = re.compile(rf"(?<![\w$£€.,/:-])(?:{_SMALL})(?:-|–| to )(?:{_SMALL})(?![\w%/:]|[-–.,]\d)", re.I)


def asks_tally(q: Question) -> bool:
    """Whether `q` asks what a vote or a score was ("What was the vote ...?"; `answer_types.type_for_focus`),
    not how many votes there were (a "how many" question's type is never the focus noun's)."""
    return q.answer_type is TALLY


def tallied(q: Question, text: str, start: int, end: int, spans: list[tuple]) -> list[tuple]:
    """The candidate spans (start, end, label, fit, links) of the sentence text[start:end] for a
    question that asks for a tally: its tallies, tied to the noun asked about, and of the other spans
    those that overlap no tally (not "86" of "86 to 11") and are values (for a score only)."""
    if not asks_tally(q):
        return spans
    found = [(m.start(), m.end()) for m in TALLY_FORM.finditer(text, start, end)]
    kept = [s for s in spans if q.focus == "score" and s[2] in VALUE_LABELS
            and not any(a < s[1] and s[0] < b for a, b in found)]
    return kept + [(a, b, "CARDINAL", 1.0, f"attr:{q.focus}") for a, b in found]
