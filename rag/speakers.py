"""Who said a quotation in a passage: the person its attribution names, or, for a pronoun, the person
named last before it.

News quotes a person and names them once, beside the quotation or a sentence away: "“We have had no
response,” he added." after "Sung Kim told reporters." A question that asks who said it ("Which envoy
said ...?") wants that person, whose name is in no sentence of the quotation. spaCy's small pipeline
has no coreference or quote attribution, so this takes the layout news writes quotations in: the
attribution is the short clause right after the closing mark (", he added", "Lund told reporters",
", said Ana Ruiz, a ...") or right before the opening one ("Lund said: “..."); a "he" or "she"
there is the person the passage named last before the quotation (recency: no gender is known).

The same layout tells who is in a sentence only as its speaker ("..., said Ana Ruiz, an analyst"):
for a question that asks who did something, not who said or thinks it, that person is no answer."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .evidence import Doc, passage_sentences
from .text import stem

# A quotation: curly marks, or straight ones on one line (straight marks cannot tell open from close
# across lines). An unclosed one (a quotation continued in the next paragraph) is left alone.
QUOTATION = re.compile(r"“[^“”]{10,}”|\"[^\"\n]{10,}\"")
PRONOUNS = frozenset({"he", "she"})
NEAR_WORDS = 4  # the speaker's name or pronoun starts within this many words of the quotation mark
CLAUSE_WORDS = 8  # an attribution before the quotation ("Lund said on Monday:") is at most this long
MAX_BRIDGE = 700  # characters: a quotation and its speaker further apart are not read together


@dataclass(frozen=True)
class Quotation:
    """A quotation in passage `passage` (`start`-`end`) and who said it (`speaker` start-end)."""

    passage: int
    start: int
    end: int
    speaker: tuple[int, int]


def quotations(docs: list[Doc]) -> list[Quotation]:
    """Every quotation in the passages whose speaker the layout names."""
    out = []
    for i, d in enumerate(docs):
        people = sorted((a, b) for a, b, label, _ in d.ann.get("e", []) if label == "PERSON")
        for m in QUOTATION.finditer(d.text):
            who = _after(d.text, m, people) or _before(d.text, m.start(), people)
            if who is not None and max(m.end(), who[1]) - min(m.start(), who[0]) <= MAX_BRIDGE:
                out.append(Quotation(i, m.start(), m.end(), who))
    return out


def bridge(d: Doc, q: Quotation, start: int, end: int) -> tuple[int, int]:
    """The whole sentences from (`start`, `end`), a sentence of the quotation, to its speaker's."""
    a, b = min(start, q.speaker[0]), max(end, q.speaker[1])
    spans = passage_sentences(d)
    return max((s for s, _ in spans if s <= a), default=a), min((e for _, e in spans if e >= b), default=b)


def _after(text: str, m: re.Match[str], people: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The speaker an attribution right after the closing mark names (", he added", "Lund said")."""
    start = m.end() + len(re.match(r"[\s,]*", text[m.end() :])[0])
    clause = re.match(r"[^.!?\n]*", text[start:])[0].split()
    if m[0][-2] in ".!?" and len(clause) > NEAR_WORDS + 2:
        return None  # the quotation ended its sentence, and what follows is a sentence of its own
    named = [p for p in people if start <= p[0] and len(text[start : p[0]].split()) < NEAR_WORDS]
    if named:
        return named[0]
    if any(w.lower() in PRONOUNS for w in clause[:NEAR_WORDS]):
        return _last_before(m.start(), people)
    return None


def _before(text: str, at: int, people: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The speaker of a clause that ends with the opening mark ("Lund said on Monday: “...")."""
    lead = re.split(r"[.!?\n]", text[:at])[-1]
    if not lead.rstrip().endswith((":", ",")) or len(lead.split()) > CLAUSE_WORDS:
        return None
    start = at - len(lead)
    named = [p for p in people if start <= p[0] < at]
    if named:
        return named[-1]
    return _last_before(start, people) if any(w.lower() in PRONOUNS for w in lead.split()) else None


def _last_before(at: int, people: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The person named last before `at`: who "he" or "she" most likely is."""
    found = [p for p in people if p[1] <= at]
    return found[-1] if found else None


# Verbs that attribute a statement to its speaker, as news writes them (a closed class): "..., said
# Ana Ruiz", "Lund told reporters", "according to Tom Reed".
_ATTRIBUTING = r"(?:said|says|told|tells|added|adds|wrote|writes|noted|notes|explained|explains)"
# "said analyst Lund", "said her lawyer, Tom Reed"
_SPEAKER_AFTER = re.compile(
    rf"\b(?:{_ATTRIBUTING}|according to)\s+(?:(?:[a-z]+\s+){{0,2}}|(?:[a-z]+\s+){{0,3}}[a-z]+,\s+)$")
# "Lund, an analyst, said"; "Tom Reed, D-Miss., told reporters" (an abbreviation's period before the comma)
_SPEAKER_BEFORE = re.compile(rf"(?:\s*,[^,.;:“”\"\n]{{1,80}}\.?,)?\s*{_ATTRIBUTING}\b")
# Lemmas by which a question asks who said, wrote or holds a view (a closed class): their answer is
# a speaker.
TELLING = frozenset({
    "say", "tell", "add", "write", "note", "explain", "claim", "state", "announce", "warn", "describe",
    "call", "tweet", "post", "insist", "admit", "reveal", "comment", "remark", "quote", "speak", "predict",
    "suggest", "urge", "ask", "reply", "respond", "testify", "confirm", "deny", "accuse", "criticize",
    "criticise", "praise", "blame", "promise", "vow", "pledge", "declare", "report", "acknowledge",
    "concede", "complain", "joke", "argue", "think", "believe", "expect", "feel", "fear", "hope", "want",
    "worry", "doubt", "agree", "disagree", "statement", "interview", "view", "opinion",
})


def only_reports(text: str, a: int, b: int, asked: Iterable[str]) -> bool:
    """Whether the person at [a, b) of `text` is the speaker an attribution names ("..., said Ana Ruiz",
    "Ana Ruiz, an analyst, said") and the question (its lemmas, `asked`) does not ask who said or
    thinks something: who tells a story is seldom who is in it, unless the story calls the speaker
    the doer of a verb the question asks about ("Ana Ruiz, the owner of Harbor Candy, said" for "Who
    owns Harbor Candy?"; `_doer_noun`), or says so ("Tom Reed, who introduced the ordinance, said";
    `_who_did`)."""
    asked = set(asked)
    phrase = (m := _APPOSITION.match(text, b)) and m[1] or ""
    return TELLING.isdisjoint(asked) and bool(
        _SPEAKER_AFTER.search(text[max(0, a - 60) : a]) or _SPEAKER_BEFORE.match(text, b)) \
        and not _doer_noun(asked, phrase) and not _who_did(asked, phrase)


_APPOSITION = re.compile(r"\s*,([^,.;:“”\"\n]{1,80})(?:[,.;:]|$)")  # "Ana Ruiz, the owner of Harbor Candy,"


def _who_did(verbs: set[str], phrase: str) -> bool:
    """Whether `phrase` is a relative clause whose verb is one of `verbs` (lemmas): "who introduced the
    ordinance" for "Who introduced ...?"."""
    verb = re.match(r"\s*who\s+(?:also\s+|had\s+|has\s+)?([a-z]+)", phrase)
    return verb is not None and stem(verb[1]) in {stem(v) for v in verbs}


def _doer_noun(verbs: set[str], phrase: str) -> bool:
    """Whether `phrase` holds the noun of one who does a verb of `verbs` (lemmas): "owner" of "own",
    "founder" of "found", "director" of "direct", "manager" of "manage" (the agent suffix, -er or -or,
    after the verb's stem: English forms these freely, so no list of them)."""
    for word in re.findall(r"[a-z]+", phrase.lower()):
        for base in (v.removesuffix("e") for v in verbs if len(v) >= 3):
            rest = word[len(base):] if word.startswith(base) else ""
            rest = rest[1:] if rest[:1] == base[-1] else rest  # "winner": the consonant doubled
            if rest.removesuffix("s") in ("er", "or", "r"):
                return True
    return False
