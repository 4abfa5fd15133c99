"""The question and the options a caller passes, checked before any work: one clear InputError
for each thing a user can get wrong."""

from __future__ import annotations

import unicodedata
from datetime import date

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
