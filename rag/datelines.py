"""A news story's dateline names where it was filed and who filed it, not what happened: "Lisbon
(Reuters) ...", "Washington (CNN) ...", "GREEN BAY, Wis. – ...", "NEW YORK CITY — ...". A name in it
is no answer (the reader's candidates skip it)."""

from __future__ import annotations

import re

# The agency style: the place in capitals, a state or country after a comma, then a dash.
_CAPITALS = re.compile(r"\s*[A-Z][A-Z.'\- ]{2,}?(?:,\s+[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?\s+(?:[–—]|--?)\s")

# The outlet style: a place of a few capitalised words, then the agency in brackets ("Lund, Norway (CNN)").
# Or the agency alone: "(CNN) The council voted ...".
_AGENCY = re.compile(r"\s*(?:(?!(?:The|A|An)\b)[A-Z][\w.'\-]*(?:,?\s+[A-Z][\w.'\-]*){0,3}\s+)?"
                     r"\([A-Z][\w .&-]{0,30}\)\s*")


def dateline_end(text: str, sentence_start: int) -> int:
    """Where the dateline that opens the sentence at `sentence_start` ends (`sentence_start` if none)."""
    m = _CAPITALS.match(text, sentence_start) or _AGENCY.match(text, sentence_start)
    return m.end() if m else sentence_start


def in_dateline(text: str, a: int, b: int, sentence_start: int) -> bool:
    """Whether text[a:b] stands in the dateline that opens the sentence at `sentence_start`."""
    closed = text[b - 1 : b] == ")" or text[b : b + 1] == ")"  # the model may span the bracket: "CNN Business)"
    if text[a - 1 : a] == "(" and closed and a - sentence_start < 40 and text[a:b][:1].isupper():
        return True  # the agency or outlet: "Washington (CNN) ..."; not "a lopsided majority (73%)"
    if a - sentence_start < 3 and re.match(r"\s*\([A-Z][\w .&-]{0,30}\)", text[b : b + 40]):
        return True  # the place before it: "Lisbon (Reuters) Porto on Tuesday will ..."
    m = _CAPITALS.match(text, sentence_start)
    return m is not None and a < m.end() - 2
