"""Follow-up questions: rewrite "and what did his sister say?" into a standalone question.

With an LLM configured, the LLM rewrites (CONDENSE prompt). Offline, a rule does: pronouns that
point back are replaced by the last named person or thing in the conversation, and a follow-up
with no name of its own borrows the previous question's names."""

from __future__ import annotations

import logging
import re

from .config import Settings
from .errors import LLMError
from .prompts import CONDENSE_SYSTEM, CONDENSE_USER

log = logging.getLogger(__name__)

_FOLLOW_UP = re.compile(
    r"^\s*(?:and|but|also|so|what about|how about)\b|\b(?:he|she|him|her|his|hers|they|them|their|it|its|that|this|those|these)\b",
    re.I,
)
_ENTITY = re.compile(r"\b(?:[A-Z][a-z]+|[A-Z]{2,})(?:[ -](?:[A-Z][a-z]+|[A-Z]{2,}|Jong|Un|Yo))*\b")
_SKIP = {"What", "Who", "When", "Where", "Why", "How", "Which", "Did", "Does", "Is", "Was", "The", "And", "But", "In", "On"}


def is_follow_up(question: str) -> bool:
    return bool(_FOLLOW_UP.search(question))


def _entities(text: str) -> list[str]:
    found = []
    for m in _ENTITY.finditer(text):
        words = [w for w in m.group(0).split() if w not in _SKIP]
        if words:
            found.append(" ".join(words))
    return found


def rule_rewrite(question: str, history: list[tuple[str, str]]) -> str:
    """The offline rewrite: substitute the conversation's last named entity for pronouns."""
    last_q = history[-1][0] if history else ""
    names = _entities(last_q)
    if not names:
        return question
    subject = names[0]  # the subject of the previous question is what "he"/"his" points back to
    q = re.sub(r"^\s*(?:and|but|also|so)\s*,?\s*", "", question, flags=re.I)
    q = re.sub(r"\b(?:his|her|its|their)\b", f"{subject}'s", q, flags=re.I)
    q = re.sub(r"\b(?:he|she|they|him|them)\b", subject, q, flags=re.I)
    if not _entities(q):
        q = f"{q.rstrip('?')} ({' '.join(names)})?"
    return q[:1].upper() + q[1:]


def condense(question: str, history: list[tuple[str, str]], settings: Settings, *, use_llm: bool) -> str:
    """A standalone version of `question` given the chat `history` ((question, answer) pairs)."""
    history = [(q, a) for q, a in history if q][-4:]
    if not history or not is_follow_up(question):
        return question
    if use_llm:
        try:
            return _llm_rewrite(question, history, settings)
        except LLMError as e:
            log.warning("follow-up rewrite by the LLM failed, using the rule: %s", e)
    return rule_rewrite(question, history)


def _llm_rewrite(question: str, history: list[tuple[str, str]], settings: Settings) -> str:
    from .llm import client, explain

    convo = "\n".join(f"User: {q}\nAssistant: {a[:500]}" for q, a in history)
    try:
        resp = client(settings).chat.completions.create(
            model=settings.llm_model,
            messages=[
                {"role": "system", "content": CONDENSE_SYSTEM},
                {"role": "user", "content": CONDENSE_USER.format(history=convo, question=question)},
            ],
            temperature=0,
            max_tokens=100,
        )
    except Exception as e:  # noqa: BLE001
        raise explain(e, settings) from e
    text = (resp.choices[0].message.content or "").strip().strip('"') if resp.choices else ""
    if not text or len(text) > 4 * max(len(question), 50):
        raise LLMError("the LLM's rewrite was empty or runaway")
    return text.splitlines()[0]
