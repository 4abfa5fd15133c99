"""Names a sentence gives as names: a title in quotation marks (the drama "Northwind Nights") and
the name after a naming verb (a star called HD 1234, a view dubbed "the Glass Arch").

The small spaCy model finds few of these: it labels a one-word title in quotes as nothing or as a
verb (the drama "Unspoken"), and cuts a name of letters and figures ("HD" of "HD 1234"). News marks
them by typography and by a closed class of naming verbs, which is what this reads (on the dev and
blind sets the entity spans alone missed such answers; bench/RESULTS.md). So too a capitalised noun phrase
the model leaves unlabelled, set beside the noun asked about ("Tidal, the music streaming service")."""

from __future__ import annotations

import re

from .dates import WEEKDAYS
from .question import Question
from .text import MONTHS, STOPWORDS, content_terms, stems

# A quotation: straight or curly double quotes, or single quotes that are not apostrophes.
_QUOTED = re.compile(r"\"([^\"\n]{1,80})\"|“([^”\n]{1,80})”|(?<![\w’'])['‘]([^'’\n]{1,80})['’](?![\w’'])")
# The naming verbs (a closed class, as asking.NAMING reads them in questions), then the name.
_CALLED = re.compile(r"\b(?:called|named|dubbed|nicknamed|titled|known as)\s+", re.I)
# Lower-case words a title keeps ("The Lord of the Rings"): articles, conjunctions, short prepositions.
_GLUE = frozenset({"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "from", "by", "vs"})
_WORD = re.compile(r"[\w’'&.:-]+")
# The word before a naming verb, past a comma and an adverb: "the view, called", "a star also known as".
_BEFORE = re.compile(r"([A-Za-z]+)[,\s]+(?:[a-z]+ly\s+|also\s+)?$")
# A quotation its speaker follows is speech, not a title: '"No," said Tom Reed', '"Never," she added'.
_SAID = re.compile(r"\s*(?:(?:[A-Z][\w.'-]*\s+){0,3}|(?:he|she|they|we|I)\s+)?"
                   r"(?:said|says|asked|asks|told|tells|added|adds|wrote|writes|replied|recalled)\b")
_LOWER_WORD = re.compile(r"[a-z][a-z-]{3,}(?=[\s,.;:)(]|$)")  # one lower-case word of four letters or more
_THE = re.compile(r"(?:the\s+)?")  # "known as the Glass Arch": the name without its article
MAX_WORDS = 8  # a longer quotation is speech, not a title


def _title_case(words: list[str]) -> bool:
    """Whether `words` are written as a title: the first and every word but the glue capitalised (or
    figures), so that a quoted remark ("we will win") is not taken for one."""
    if not words or len(words) > MAX_WORDS or not (words[0][:1].isupper() or words[0][:1].isdigit()):
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _GLUE for w in words)


def _name_run(text: str, start: int) -> tuple[int, int] | None:
    """The capitalised words (or figures) from `start`, with the glue inside: "HD 1234", "the Sea of Cortez"."""
    end, count = start, 0
    for m in _WORD.finditer(text, start):
        if m.start() != end + (1 if count else 0) or count == MAX_WORDS:
            break
        word = m.group(0).rstrip(".,:;")
        capital = word[:1].isupper() or word[:1].isdigit()
        if not (capital or count and word.lower() in _GLUE):
            break
        end = m.start() + len(word)
        count += 1
        if len(word) < len(m.group(0)):
            break  # a comma or a full stop closes the name
    while count and text[start:end].split()[-1].lower() in _GLUE:  # not "Sea of": its glue at the end
        end = start + text[start:end].rstrip().rfind(" ")
        count -= 1
    return (start, end) if end > start else None


def given_names(text: str, start: int, end: int, noun: str = "") -> list[tuple[int, int, str | None]]:
    """(start, end, named) of the names `text[start:end]` gives as names: quoted titles (`named`
    None), and the name after a naming verb, quoted or not, with the common noun it names ("view" in
    "the view, called ...", "" where it names no common noun: "Acme, officially known as ..."); for
    `noun` (a stem), one lower-case word too ("an enzyme called oakdalase": science and
    trade write some names so). Offsets are into `text`."""
    out: list[tuple[int, int, str | None]] = []
    for m in _QUOTED.finditer(text, start, end):
        group = next(g for g in (1, 2, 3) if m.group(g) is not None)
        a, b = m.span(group)
        inner = text[a:b].rstrip(",.;: ")  # American style puts the comma inside: "Northwind Nights,"
        if _title_case(_WORD.findall(inner)) and not _SAID.match(text, m.end()):
            out.append((a, a + len(inner), None))
    for m in _CALLED.finditer(text, start, end):
        before = _BEFORE.search(text, start, m.start())
        named = before[1] if before and before[1].islower() else ""
        if quoted := _QUOTED.match(text, m.end()):
            group = next(g for g in (1, 2, 3) if quoted.group(g) is not None)
            a, b = quoted.span(group)
            out.append((a, a + len(text[a:b].rstrip(",.;: ")), named))
        elif (run := _name_run(text, m.end() + len(_THE.match(text, m.end())[0]))) and run[1] <= end:
            out.append((*run, named))
        elif noun and named and stems([named])[0] == noun and (word := _LOWER_WORD.match(text, m.end())) \
                and word[0] not in STOPWORDS:  # not "a man named after his father"
            out.append((*word.span(), named))
    return out


def title_spans(q: Question, text: str, start: int, end: int) -> list[tuple[int, int, str, float, str]]:
    """Candidate spans (start, end, label, type fit, links; as candidates._spans gives them) of the
    names a sentence gives as names, where the question asks for a title or a thing. Where it asks
    what a thing is called, a name after a naming verb is tied to the noun asked about when the
    noun it names is one of the question's ("the view, called ..." for "What is the view called?";
    not the other name of a country the question names)."""
    fit = q.answer_type.labels.get("WORK_OF_ART", 0.0)
    if not fit:  # a type that takes titles: an event or title, or a thing ("Which drama ...?")
        return []
    focus = stems([q.focus])[0] if q.focus else ""
    names = given_names(text, start, end, focus)
    # the question's words only where a name is given to a noun in a question for a name (this runs
    # for every evidence sentence); the noun asked about in any question ("Which enzyme ...?")
    asked = set(content_terms(q.text)) if q.naming and any(named for *_, named in names) else set()
    return [(a, b, "WORK_OF_ART", fit, f"appos:{q.focus}" if named and stems([named])[0] in asked | {focus} else "")
            for a, b, named in names]


# An apposition that says what the phrase before it is: ", the music streaming service" (its first five words)
_APPOSED_KIND = re.compile(r",\s+(?:the|a|an)\s+((?:[a-z][\w-]*\s*){1,5})")
_NAMED_KINDS = frozenset({"ORG", "FAC", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})  # names of things
_PRONOUN = re.compile(r"(?:It|He|She|They|We|You|I|This|That|These|Those)$")


def apposed_names(q: Question, text: str, ann: dict, start: int, end: int) -> list[tuple[int, int, str, float, str]]:
    """Candidate spans (as `title_spans` gives them) of the names the model left unlabelled that a
    sentence sets in apposition to the noun asked about: "Tidal, the music streaming service formerly
    owned by ..." for "Which streaming service ...?" (a noun phrase of capitalised words, no entity's),
    or that ends in that noun ("at Marion C. Moore High School" for "Which school ...?"); labelled as
    the type asked for best (an open type's: not a person), and tied to the noun."""
    if not q.focus or not q.answer_type.labels:
        return []
    labels = q.answer_type.labels  # the best fit; of equals, not a person (whose name gets a person's readings)
    label = max(labels, key=lambda lb: (labels[lb], lb != "PERSON"))
    entities = ann.get("e", [])
    out = []
    for a, b in ann.get("n", []):
        words = text[a:b].split()
        if not (start <= a and b <= end) or any(x < b and a < y for x, y, *_ in entities) \
                or not all(w[:1].isupper() for w in words) or _PRONOUN.match(text[a:b]):
            continue
        kind = _APPOSED_KIND.match(text, b)
        if kind and stems([q.focus])[0] in stems(kind[1].split()) \
                or len(words) > 1 and stems([words[-1].lower()]) == stems([q.focus]) and label in _NAMED_KINDS:
            # "Lund High School" (not for a person, whose noun ends titles: "Trade Secretary"; nor for a count)
            out.append((a, b, label, labels[label], f"appos:{q.focus}"))
    return out


# Words of a name: capitalised, or figures ("Ariane 5").
_NAME_WORDS = r"(?:[A-Z][\w.'’&-]*|\d[\w.'’-]*)(?:\s+(?:[A-Z][\w.'’&-]*|\d[\w.'’-]*))*"
# A name, then one lower-case noun ("European Ariane 5 rocket", "Omicron variant"); a month or a day of the
# week is no name of a kind of thing ("an August interview"); a name may go on before the phrase ("of the").
_NAME_THEN_NOUN = re.compile(rf"({_NAME_WORDS})\s+([a-z][\w-]*)")
# Every name and abbreviation of a month (text.MONTHS) or a day of the week, one word: "Mars rover" is a name.
_TIME_WORDS = frozenset([*MONTHS, *WEEKDAYS, *(d[:3] for d in WEEKDAYS), "tues", "thur", "thurs"])
_OF_BEFORE = re.compile(r"\bof(?:\s+the)?\s*$")
# The noun asked about, then a name: "the constellation Harborus", "the rapper Tom Reed" (the kind before the name).
_NOUN_THEN_NAME = re.compile(rf"([a-z][\w-]*)\s+({_NAME_WORDS})")


def name_before(text: str, focus: str, before: str = "") -> str:
    """A noun phrase that gives the kind asked about after a name ("European Ariane 5 rocket" for "Which
    rocket ...?") or before it ("constellation Harborus"): the name; any other phrase as it is, and one whose
    name is a month or a day ("an August interview") or goes on before it ("the Future of the Car
    conference": `before` is the text before it)."""
    if (m := _NOUN_THEN_NAME.fullmatch(text)) and stems([m[1]]) == stems([focus]):
        return m[2]  # "constellation Harborus"
    m = _NAME_THEN_NOUN.fullmatch(text)
    if not m or stems([m[2]]) != stems([focus]) or m[1].lower().rstrip(".") in _TIME_WORDS or _OF_BEFORE.search(before):
        return text
    return m[1]
