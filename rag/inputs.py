"""The question and the options a caller passes, checked before any work: one clear InputError
for each thing a user can get wrong."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from .compound import ASKING
from .config import Settings
from .errors import InputError


def clean_question(question: object, settings: Settings) -> str:
    """The question with control characters spaced out and invisible format characters (a zero-width
    space or a soft hyphen pasted inside a word: "overs\u200bold") taken out; InputError when
    nothing usable is left."""
    if not isinstance(question, str):
        raise InputError("The question must be text.")
    if len(question) > settings.max_question_chars:
        raise InputError(
            f"The question is {len(question):,} characters long; the limit is {settings.max_question_chars:,}."
        )
    text = "".join(map(_visible, question))
    text = " ".join(text.split())
    if not text:
        raise InputError("The question is empty.")
    if not any(ch.isalnum() for ch in text):
        raise InputError("The question has no words in it.")
    return text


def _visible(ch: str) -> str:
    """A character as the question keeps it: a format character goes, a control character is a space."""
    kind = unicodedata.category(ch)
    if kind == "Cf":
        return ""
    return " " if kind[0] == "C" and ch not in "\n\t" else ch


def anchor_day(value: date | str | None) -> date:
    """The anchor for relative time: a date, an ISO date string, or None for today."""
    if value is None:
        return date.today()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise InputError(f"as_of must be a date like 2022-07-01, not {value!r}.") from None


# A request around a question ("Can you tell me which company ...?", "I'd like to know when ..."):
# the reader would count "tell" and "know" as words the answer's sentence must hold. Only before a
# wh-word: "Can you tell me about the strike?" asks for a description as it stands.
_REQUEST = re.compile(
    r"^(?:(?:please|hi|hey|hello)[,!]?\s+)?(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:tell|show)\s+me"
    r"|(?:please\s+)?tell\s+me|i(?:'d|’d|\s+would)\s+like\s+to\s+know|i\s+want\s+to\s+know|i\s+wonder(?:ed)?"
    r"|do\s+you\s+know|does\s+anyone\s+know|any\s+idea)\s*,?\s*(?=" + ASKING + ")", re.I)


def direct(question: str) -> str:
    """`question` without a request around it ("Can you tell me who won?": "Who won?"), else as it is."""
    m = _REQUEST.match(question)
    if not m:
        return question
    rest = question[m.end():].rstrip().removesuffix(".")
    return f"{rest[:1].upper()}{rest[1:]}" + ("" if rest.endswith("?") else "?")
