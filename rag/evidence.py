"""Evidence: which sentences of the retrieved passages hold the question, and how much of it.

A question's words (Question.words) are weighted by their part of speech and their rarity in the
corpus (BM25's idf); a sentence's evidence is the weighted share of them it holds: half for the
sentence with its article's title, a quarter with its neighbours (a subject named one sentence
earlier), a quarter for its whole passage. The reader (rag/reader.py) picks answers from the
sentences with the most evidence."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from .answer_types import spelled_out
from .demonyms import other_forms
from .question import Question
from .text import holds_stem, sentences, stem, stems, unaccented, without_article

# Words as the question's analysis counts them; hyphens split ("Jong-un" = "Jong un").
_TOKEN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9'’.]*[A-Za-z0-9])?")
# A short sentence that still states something: a few words and a full stop ("Reed was 67.", "She
# was 81."); shorter lines without one are headings and captions ("Related stories", "Watch").
_SHORT_STATEMENT = re.compile(r"[A-Z][\w'’-]*(?:\s+[\w'’.,-]+){1,4}\.")
# A sentence that asks rather than tells: "... canceled?" or a headline "July 4: Why these cities ...".
_ASKS = re.compile(r"\?[\"”’)]*$|^[^.!]{0,80}:\s*(?:why|how|what|which|who|when|where)\b", re.I)


@dataclass
class Evidence:
    """A passage sentence, with the question's words it holds."""

    passage: int  # index into the passages, best retrieved first
    start: int
    end: int
    text: str
    score: float  # share of the question's weighted words in the sentence and its passage
    missing: tuple[str, ...] = ()
    own: float = 0.0  # the share in the sentence alone: what says most when sentences are the answer


@dataclass
class Doc:
    """A retrieved passage as the reader sees it."""

    text: str
    title: str
    source: str
    ann: dict
    date: str | None = None
    lead: str = ""  # its article's opening (constraints.LEAD_CHARS), where news names what the story is about


_INNER_DOT = re.compile(r"(?<=[a-z])\.(?=[a-z])")


def tokens(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """A text's stemmed words (accents off: "Brännström" is "brannstrom") and their offsets."""
    found = list(_TOKEN.finditer(unaccented(text)))
    # "U.S." is "us", "’s" goes: the question and the articles spell these both ways
    words = [m.group(0).lower().replace("’", "'").removesuffix("'s") for m in found]
    words = [_INNER_DOT.sub("", w) if "." in w else w for w in words]  # the substitution only where it can apply
    return stems(words), [m.span() for m in found]


def span_key(text: str) -> str:
    """How the reader tells candidate answers apart, and how the corpus's kinds (TypeLexicon.kinds)
    are keyed: stemmed words, without quotes or a leading article ("the Mumps" = "mumps")."""
    text = without_article(spelled_out(text.strip(" \"'“”‘’,.;:()")))
    return " ".join(tokens(text)[0])


class Weights:
    """The question's words (Question.words), each weighted by its part of speech and its rarity in
    the corpus."""

    def __init__(self, q: Question, idf: Callable[[str], float]) -> None:
        self.w: dict[str, float] = {}
        for word, pos_weight in q.words:
            for t in tokens(word)[0]:
                self.w[t] = max(self.w.get(t, 0.0), pos_weight * (1.0 + idf(t)))  # 1 +: a word in every article still counts
        self.total = sum(self.w.values()) or 1.0
        self.synonyms: dict[str, set[str]] = {}  # question word -> passage words of like meaning
        # A country the question names counts where a sentence gives its people's adjective, and
        # the reverse: "Switzerland" in "the Swiss central bank" (demonyms.py).
        self.forms: dict[str, set[str]] = {}
        for name, label in q.entities:
            own = [t for t in tokens(name)[0] if t in self.w] if label in ("GPE", "NORP") else []
            for form in other_forms(name) if own else ():
                if len(stemmed := tokens(form)[0]) == 1:
                    self.forms.setdefault(stemmed[0], set()).update(own)

    def share(self, present: set[str]) -> tuple[float, tuple[str, ...]]:
        if self.forms and not present.isdisjoint(self.forms):
            present = present.union(*(self.forms[t] for t in present & self.forms.keys()))
        if self.synonyms:  # "bought" holds the question's "purchased" (synonyms.py)
            present = present | {t for t, alts in self.synonyms.items() if not alts.isdisjoint(present)}
        got = sum(w for t, w in self.w.items() if t in present)
        return got / self.total, tuple(t for t in self.w if t not in present)


def passage_sentences(d: Doc) -> tuple[tuple[int, int], ...]:
    """The passage's sentences as (start, end) offsets, by rag.text's splitter (the small spaCy
    model's sentence boundaries break inside names and numbers: "the country’s 14th | Supreme
    People’s Assembly"). Kept per text: the evidence scorer and antecedents.py both read them."""
    return _sentence_spans(d.text)


@lru_cache(maxsize=1024)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    out, at = [], 0
    for sent in sentences(text):
        start = text.find(sent, at)
        if start < 0:
            continue
        out.append((start, start + len(sent)))
        at = start + len(sent)
    return tuple(out)


def score_sentences(q: Question, docs: list[Doc], weights: Weights) -> list[Evidence]:
    """Every sentence of every passage, scored by the share of the question's words it holds:
    half for the sentence with its title, a quarter with its neighbours (a subject named one
    sentence earlier), a quarter for the whole passage. A person the question names counts as held
    by a later sentence that calls them "he" or "she" ("He also claimed that he earned $18,000")."""
    out = []
    people = people_named(q)
    for i, d in enumerate(docs):
        title = set(tokens(d.title)[0])
        ctx, _ = weights.share(title | set(tokens(d.text)[0]))
        spans = passage_sentences(d)
        said = [tokens(d.text[a:b])[0] for a, b in spans]
        words = [set(w) for w in said]
        if people:
            words = _pronouns_named(people, words)
        going_on = _continued(words, said)
        for k, (a, b) in enumerate(spans):
            sent = d.text[a:b].strip()
            heading = len(sent) < 20 and not _SHORT_STATEMENT.fullmatch(sent)
            if heading or sent == d.title.strip() or _ASKS.search(sent):
                continue  # a headline, or a question the article asks: neither answers
            own, _ = weights.share(words[k] | title)
            _, missing = weights.share(going_on[k] | title)  # what it speaks of (reader._speaking)
            near, _ = weights.share(set().union(*words[max(0, k - 1) : k + 2]) | title)
            alone, _ = weights.share(words[k])
            out.append(Evidence(i, a, b, sent, 0.5 * own + 0.25 * near + 0.25 * ctx, missing, alone))
    return out


def people_named(q: Question) -> list[set[str]]:
    """The words of each person the question names."""
    return [set(tokens(name)[0]) for name, label in q.entities if label == "PERSON"]


_PERSONAL = frozenset({"he", "she", "him", "her", "his", "hers"})


def _pronouns_named(people: list[set[str]], words: list[set[str]]) -> list[set[str]]:
    """Each sentence's words, with a person the question names added where the sentence refers to
    them by "he" or "she" after an earlier sentence of the passage named them (the nearest person
    named before is not looked for: news goes on about the one it named; on the seven eval sets one
    right answer gained, none lost; bench/RESULTS.md)."""
    out, before = [], set()
    for w in words:
        named = w | set().union(*(p & before for p in people if not p & w)) if w & _PERSONAL else w
        before |= w
        out.append(named)
    return out


# A sentence that opens with one of these goes on about what the sentence before spoke of (stemmed).
_GOING_ON = frozenset({"they", "they'r", "these", "those"})


def _continued(words: list[set[str]], said: list[list[str]]) -> list[set[str]]:
    """Each sentence's words, with the sentence before's where it opens "They ...": "... concrete pillboxes
    set into the hills. They're among the few legacies of Tom Reed, ..." speaks of the pillboxes."""
    return [w | words[k - 1] if k and said[k][:1] and said[k][0] in _GOING_ON else w for k, w in enumerate(words)]


def word_at(sent: list[str], spans: list[tuple[int, int]], offset: int, first: list[str]) -> int:
    """The place among a sentence's words (`sent`, at `spans`) of a span's first word (`first`), at
    character `offset` or just after it: "the" of "the Department of Corrections" is not its word."""
    after = [k for k, (_, end) in enumerate(spans) if offset < end]
    return next((k for k in after[:3] if sent[k : k + 1] == first), after[0] if after else 0)


def clause_distance(text: str, spans: list[tuple[int, int]], at: int, hits: list[int]) -> int:
    """How many words lie between a span's first word (`at`, among a sentence's words at `spans`) and the
    nearest of the question's words there (`hits`), one across a semicolon counting as none: "$810 million
    came from the European Space Agency; and $160 million came from ...": the agency is the first one's."""
    near = [k for k in hits if ";" not in text[min(spans[k][0], spans[at][0]) : max(spans[k][0], spans[at][0])]]
    return min((abs(k - at) for k in near), default=20)


def links_in(links: str, sentence: str) -> str:
    """A name's links (annotate.py) whose noun the sentence says: the parse at index time may run a
    headline into the paragraph under it ("... ban in the city\n\nChris Hartman with ...": a city)."""
    return "|".join(k for k in links.split("|") if k and holds_stem(sentence, (stem(k.rpartition(":")[2]),)))
