"""What a definite description in a passage ("the company", "the iconic landmark") refers back to.

News names a thing once and then describes it: "Harbor Foods is reportedly dealing with angry
customers. A new report claims that the company has cut its store hours." A question
that asks "Which company ...?" wants the name the description stands for. spaCy's small pipeline
has no coreference model, so this takes the classic guess of recency and salience: the subject of
the sentence just before, when that sentence opens with a name or a noun phrase; for "He's a
professor ...", the person that sentence names last (for "Reed is a professor ...", the Tom Reed of
its article); for "That's how many people ...", the figure given just before it. The reader reads
such sentences together (`read_together`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .answer_types import VALUE_LABELS
from .datelines import dateline_end
from .evidence import Doc, Evidence, passage_sentences, span_key, tokens
from .question import Question
from .speakers import bridge, quotations
from .text import stem

DETERMINERS = frozenset({"the", "this", "that"})
ARTICLES = frozenset({"a", "an", "the"})
PRONOUNS = frozenset({"he", "she"})
DESCRIPTION_WORDS = 3  # "the" + at most two modifiers + the noun: "the iconic landmark"
LEAD_WORDS = 2  # words a sentence may open with before its subject: "But", "On Monday"
# A line that ends so is a sentence; one that does not is a heading, which may name a thing ("Harbor
# Foods" over "The company has cut ..."), but whose plain phrase is no antecedent ("Former glories").
_ENDS_SENTENCE = re.compile(r"[.!?:;\"'”’)\]…]\s*$")
_HOW_MUCH = re.compile(r"(?:that|this)(?:'s|’s|\s+is|\s+was)\s+(?:how\s+(?:many|much|long|old|far|big|large)|the\s+"
                       r"(?:amount|number|figure|sum|price|cost|total|percentage|share))\b", re.I)


@dataclass(frozen=True)
class Antecedent:
    """A name or phrase that a description in the next sentence refers to."""

    passage: int
    key: str  # evidence.span_key of it
    start: int  # where it starts in the passage
    sentence: int  # where its sentence starts
    described: int  # where the describing sentence starts
    calls: bool = True  # the corpus calls it so wherever it is named (not so for "..., the company said")


def antecedents(focus: str, docs: list[Doc]) -> list[Antecedent]:
    """What the passages describe as "the <focus>" one sentence later, and the figures a "that's how
    many" sentence refers back to (the figures only, for a question with no focus: "")."""
    f = stem(focus)
    out = []
    surnames = _surnames(docs) if f else {}
    for i, d in enumerate(docs):
        names = sorted((a, b) for a, b, label, _ in d.ann.get("e", []) if label not in VALUE_LABELS)
        spans = sorted(names + [(a, b) for a, b in d.ann.get("n", [])])
        sents = passage_sentences(d)
        people = sorted((a, b) for a, b, label, _ in d.ann.get("e", []) if label == "PERSON")
        for k in range(len(sents) if f else 0):  # no noun asked about: no description of one
            if (own := _describes_own_subject(d, sents[k], focus, names, people)) is not None:
                out.append(Antecedent(i, span_key(d.text[slice(*own)]), own[0], sents[k][0], sents[k][0], False))
            if (person := _described_person(d, sents, k, f, people, surnames)) is not None:
                out.append(Antecedent(i, *person, sents[max(k - 1, 0)][0], sents[k][0]))
                continue
            if not k or not _describes(d.text[slice(*sents[k])], f):
                continue
            heading = not _ENDS_SENTENCE.search(d.text[slice(*sents[k - 1])])
            first = _subject(d.text, sents[k - 1], names if heading else spans)
            key = span_key(d.text[slice(*first)]) if first else ""
            if key and f not in key.split():
                out.append(Antecedent(i, key, first[0], sents[k - 1][0], sents[k][0]))
        out += _values_before(i, d, sents)
    return out


def people_before(docs: list[Doc]) -> list[Antecedent]:
    """The person a sentence that opens "He ..." or "She ..." refers to: the one the sentence before
    names, or, of several, the one it opens with ("Tom Reed, now a senator, is ... . He plans to vote
    for ..."). Left out where that is not clear (several named, none first)."""
    out = []
    for i, d in enumerate(docs):
        people = sorted((a, b) for a, b, label, _ in d.ann.get("e", []) if label == "PERSON")
        sents = passage_sentences(d)
        for k in range(1, len(sents)):
            if tokens(d.text[slice(*sents[k])])[0][:1] not in (["he"], ["she"]):
                continue
            named = [(a, b) for a, b in people if sents[k - 1][0] <= a and b <= sents[k - 1][1]]
            keys = {span_key(d.text[a:b]) for a, b in named}
            first = named[0] if len(keys) == 1 else _subject(d.text, sents[k - 1], named)
            if first is not None:
                out.append(Antecedent(i, span_key(d.text[slice(*first)]), first[0], sents[k - 1][0], sents[k][0]))
    return out


def _values_before(i: int, d: Doc, sents: tuple[tuple[int, int], ...]) -> list[Antecedent]:
    """ "100,000. That's how many people ... are missing": the value a "that's how many/much" (or
    "that's the amount/number") sentence opens on, the last one stated since the sentence before
    began (news gives a figure, on a line of its own or not, then says what it counts)."""
    values = sorted((a, b) for a, b, label, _ in d.ann.get("e", []) if label in VALUE_LABELS)
    out = []
    for k, (a, _) in enumerate(sents):
        before = [v for v in values if (sents[k - 1][0] if k else 0) <= v[0] and v[1] <= a]
        if before and _HOW_MUCH.match(d.text, a):
            out.append(Antecedent(i, span_key(d.text[slice(*before[-1])]), before[-1][0], before[-1][0], a))
    return out


def _describes(sentence: str, f: str) -> bool:
    """Whether the sentence's subject is "the <f>": at its start ("However, the iconic landmark is")
    or opening a clause ("a report claims that the company has"). A subject refers back to a
    subject far more often than an object does ("... exposed to the virus" after "HHS activated")."""
    words = tokens(sentence)[0]
    return any(w in DETERMINERS and f in words[i + 1 : i + 1 + DESCRIPTION_WORDS]
               and (i <= LEAD_WORDS or words[i - 1] == "that") and not _restricted(words, words.index(f, i + 1))
               for i, w in enumerate(words))


def _describes_own_subject(d: Doc, sentence: tuple[int, int], focus: str, names: list[tuple[int, int]],
                           people: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The name a sentence opens with (after its dateline) that a later "the <focus>'s" or "the
    <focus> said" in the same sentence refers back to: "Harbor Foods will close 12 stores, the
    company said"; "Oakdale beat Lund to win the team's first title". A possessor or a speaker refers
    to the subject; a plain object does not ("Harbor Foods bought the company"). A person's name is
    described by a title, not so ("Tom Reed scored in the team's win" is no team)."""
    first = _subject(d.text, sentence, names)
    if first is None or first in people:
        return None
    pattern = rf"\bthe\s+{re.escape(focus)}(?:['’]s\b|\s+(?:said|says|added|announced)\b)"
    return first if re.search(pattern, d.text[first[1] : sentence[1]], re.I) else None


def _restricted(words: list[str], at: int) -> bool:
    """Whether the noun at `at` has a phrase of its own that says which one it is ("the yield on the
    10-year Oakdale bond", "the price of a gallon"): then it names that, not a thing named before."""
    return words[at + 1 : at + 2] in (["of"], ["on"], ["for"]) and words[at + 2 : at + 3] in (["the"], ["a"], ["an"])


def _described_person(d: Doc, sents: tuple[tuple[int, int], ...], k: int, f: str, people: list[tuple[int, int]],
                      surnames: dict[tuple[str, str], str]) -> tuple[str, int] | None:
    """(key, start) of the person a sentence that opens "He's a <f>", "She is the <f>" describes: the
    one the sentence before names last ("..., according to enthusiast Tom Reed. He's a professor
    ..."); or, for one that opens with a surname ("Reed is a professor ..."), the person its article's
    passages name by the full name ending in it (the small model misses many a bare surname opening
    a sentence)."""
    words, spans = tokens(d.text[slice(*sents[k])])
    if not (len(words) > 2 and ARTICLES & set(words[1:3]) and f in words[2 : 3 + DESCRIPTION_WORDS]):
        return None
    if words[0] in PRONOUNS:
        last = _last(people, sents[k - 1]) if k else None
        key = span_key(d.text[slice(*last)]) if last else ""
        return (key, last[0]) if key and f not in key.split() else None
    key = surnames.get((d.source, words[0]))
    return (key, sents[k][0] + spans[0][0]) if key and d.text[sents[k][0] + spans[0][0]].isupper() else None


def _surnames(docs: list[Doc]) -> dict[tuple[str, str], str]:
    """(article, last word) -> the key of the one full name of a person ending in it that the article's
    passages give ("Tom Reed" for "Reed"; none where two do)."""
    found: dict[tuple[str, str], set[str]] = {}
    for d in docs:
        for a, b, label, _ in d.ann.get("e", []):
            if label == "PERSON" and len(words := tokens(d.text[a:b])[0]) > 1:
                found.setdefault((d.source, words[-1]), set()).add(span_key(d.text[a:b]))
    return {at: keys.pop() for at, keys in found.items() if len(keys) == 1}


def _last(people: list[tuple[int, int]], sentence: tuple[int, int]) -> tuple[int, int] | None:
    inside = [(a, b) for a, b in people if sentence[0] <= a and b <= sentence[1]]
    return inside[-1] if inside else None


def _subject(text: str, sentence: tuple[int, int], spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The name or noun phrase a sentence opens with after its dateline (None if it opens otherwise)."""
    a, b = dateline_end(text, sentence[0]), sentence[1]
    # A span may start before the sentence: a headline the parse ran into it ("Harbor Bridge\n\nThe
    # Harbor Bridge"), so only its part inside counts.
    first = next(((max(s, a), e) for s, e in spans if a < e <= b), None)
    if first is None or len(tokens(text[a : first[0]])[0]) > LEAD_WORDS:
        return None
    return first


def read_together(q: Question, docs: list[Doc], evidence: list[Evidence],
                  found_before: list[Antecedent]) -> list[tuple[Evidence, int | None, bool]]:
    """(evidence, the one span start it may answer with or None, whether it describes the thing asked
    about): each sentence; a sentence that describes the thing asked about ("the company has cut air
    conditioning") read together with the sentence before, for the name it refers to (`antecedents`);
    one that opens "He ..." with the sentence naming him (`people_before`), for a question a person
    may answer; for "who", a sentence of a quotation together with its speaker's ("..., he added",
    speakers.py)."""
    out = [(ev, None, False) for ev in evidence] + _read_with(docs, evidence, found_before, True)
    if q.answer_type.labels.get("PERSON", 0.0) > 0.0:  # "He plans to ..." read with the sentence naming him
        out += _read_with(docs, evidence, people_before(docs), False)
    if q.answer_type.labels.get("PERSON", 0.0) >= 1.0:
        out += [(_spread(docs[ev.passage], ev, *bridge(docs[ev.passage], x, ev.start, ev.end)), x.speaker[0], False)
                for x in quotations(docs) for ev in evidence
                if x.passage == ev.passage and x.start < ev.end and ev.start < x.end]
    return out


def _read_with(docs: list[Doc], evidence: list[Evidence], before: list, describes: bool) -> list:
    """Each evidence sentence that `before` (antecedents) says refers back, read from the sentence it
    refers to, with the one span start it may answer with."""
    return [(_spread(docs[ev.passage], ev, x.sentence, ev.end), x.start, describes)
            for ev in evidence for x in before if (x.passage, x.described) == (ev.passage, ev.start)]


def _spread(d: Doc, ev: Evidence, start: int, end: int) -> Evidence:
    """`ev`'s scores over the sentences from `start` to `end` (its own among them), read as one."""
    return Evidence(ev.passage, start, end, d.text[start:end], ev.score, ev.missing, ev.own)
