"""Small text utilities shared by the answerers, the abstention check, the judge, the evals and the app:
citation markers, normalisation, sentences, month names, tokens and stems."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from types import MappingProxyType
from typing import Any

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours out over
    own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours according article articles say said says tell told
    report reported reports mention mentioned state stated describe described happen happened
    news did does do mr ms""".split()
)
WH_WORDS = frozenset("what who whom whose when where why which how".split())
# The copula and the auxiliaries: verbs that say nothing of what was done ("Who is ...", "Did ...").
AUXILIARIES = frozenset("be do have can could will would shall should may might must".split())

_NUMBERS = r"\d+(?:\s*[,;]\s*\d+)*"
# A citation marker: [3], or several passages in one: [1, 3] / [1;3].
MARKER = re.compile(rf"\[({_NUMBERS})\]")
# Typographic quotes, dashes, spaces and ellipses -> their plain forms, for normalise().
_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"',
    "\u201e": '"', "\u2033": '"', "\u2013": "-", "\u2014": "-", "\u2011": "-", "\u2212": "-", "\u00a0": " ",
    "\u2026": "...",
})  # fmt: skip

# Where a sentence ends, when a likely sentence start follows: at . ! ? or … with any closing quotes
# and brackets and any [n] markers after it, or at markers alone ("... negotiation [1] The US").
_SENTENCE_END = re.compile(
    rf"(?:(?P<stop>[.!?…])[\"'“”‘’)\]]*(?P<marks>(?:\s*\[{_NUMBERS}\])*)|(?:\[{_NUMBERS}\])+)"
    r"(?=\s+[\"'“”‘’(]{0,2}[A-Z0-9$£€])"  # up to two marks before it: “(CNN) ...
)
# A full stop that ends an initial or a title, not a sentence: "U.S. envoy", "Mr. Kim", "Jan. 5", "Reps.
# Tom Reed and Ana Ruiz" (AP style's plural title).
# So does a case's or a match's "v." / "vs." ("Dobbs v. Jackson"), and a rank before a name ("Lt. Ana Ruiz").
_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sens?|Reps?|Govs?|No|Jan|Feb|Aug|Sept|Sep|Oct"
                           r"|Nov|Dec|v|vs|Lt|Col|Sgt|Capt|Cmdr|Adm|Prof|Rev|Mt|Ft)\.)$")
# What news's abbreviated titles stand for (AP style, a closed class): "Gov. Ana Ruiz" is a governor.
TITLES = MappingProxyType({
    "gov": "governor", "sen": "senator", "rep": "representative", "gen": "general", "lt": "lieutenant",
    "col": "colonel", "sgt": "sergeant", "capt": "captain", "cmdr": "commander", "adm": "admiral",
    "prof": "professor", "supt": "superintendent", "atty": "attorney", "pres": "president",
})
# "a.m." or "p.m." before a time zone's abbreviation (EDT, ET, GMT, UTC): one time, no sentence end.
_CLOCK_ZONE = re.compile(r"[aApP]\.[mM]\.\s+(?:[A-Z]{1,3}T|UTC)\b")
# A blank line, or a line break before anything but lower case (that goes on a wrapped sentence).
_LINE_END = re.compile(r"\n\s*\n|\n(?![ \t]*[a-z])")
# Hyphens split words, so "Yo-jong" and "Yo Jong" (two spellings in this corpus) agree.
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]|[A-Za-z]|\d+(?:[.,]\d+)*")


# A value alone on its line ("9.2%", "$100,000", "100,000"), not a list's number ("1.", "2)").
_FIGURE_LINE = re.compile(r"[$£€]?\d[\d,]*(?:\.\d+)?(?:%| percent)?")
_POSSESSIVE_END = re.compile(r"['’]s$")


def without_possessive(name: str) -> str:
    """A name less a possessive the small model took into its span ("Maria Alvarez’s", "Ana Ruiz 's")."""
    return _POSSESSIVE_END.sub("", name).rstrip()


_ARTICLE_START = re.compile(r"^(?:the|a|an)\s+[\"“]?", re.I)


def without_article(name: str) -> str:
    """A name or phrase less a leading article ("the Mumps" -> "Mumps", "a decade" -> "decade"), and less
    the opening quotation mark after it that the model took in ('The "Harbor Convoy' -> "Harbor Convoy")."""
    return _ARTICLE_START.sub("", name)


def owns_next(text: str, b: int) -> bool:
    """Whether a "'s" follows text[:b]: what ends there owns what comes next ("Finland's Sanna Marin")."""
    return re.match(r"['’]s\b", text[b : b + 3]) is not None


def possessive(text: str, a: int, b: int) -> bool:
    """Whether the name at text[a:b] is in the possessive, its "'s" inside the span or just after it
    ("Pyongyang's spy satellite")."""
    return bool(_POSSESSIVE_END.search(text[a:b])) or owns_next(text, b)


_LOWER_LEAD = re.compile(r"(?:[a-z][\w'’.-]*\s+)+(?=[A-Z])")  # lower-case words a name's span opened with


def span_text(text: str, a: int, b: int, label: str | None) -> tuple[int, str]:
    """(where the span text[a:b] starts, its text as written) with what the model left outside it: an editor's
    opening bracket inside a quotation ("[Ana] Ruiz": brackets whole), an amount's currency sign ("$100,000",
    often left out; the span still starts at the figure) or "minus", a tally's second figure ("5-4", cut at the
    hyphen) or a height's rest ("6-foot-7"), an amount's "m" or "bn" ("$500m"), an organisation's acronym after a
    lower-case word; and for a person, without the lower-case words it ran in."""
    if text[a - 1 : a] == "[" and text[a:b].count("]") > text[a:b].count("["):
        a -= 1
    sign = text[a - 1] if label == "MONEY" and text[a - 1 : a] in ("$", "£", "€") else ""
    if label in ("PERCENT", "MONEY", "CARDINAL", "QUANTITY") and (minus := _MINUS.search(text, max(0, a - 10), a)):
        a = minus.start()  # the sign word the model left out: "the minus 0.75% level"
    if label == "ORG" and (acronym := _ACRONYM_BEFORE.search(text, max(0, a - 12), a)):
        a = acronym.start()  # a name's acronym the model took for a title: "subsidiary ACME Cruises"
    if label == "PERSON":  # and without what it ran in: "versus Lundqvist" (a name is capitalised)
        name = capitalised_name(text[a:b])
        return b - len(name), name
    rest = ((_TALLY.match(text, b) or _HEIGHT.match(text, b)) if label == "CARDINAL" and text[a:b].isdigit()
            else _MAGNITUDE.match(text, b) if label == "MONEY" else None)  # "5" of "5-4", "6-foot-7"; "$500m"
    return a, sign + text[a:b] + (rest[0] if rest else "")


_MAGNITUDE = re.compile(r"(?:m|bn|k)\b")  # the millions of "$500m" (British usage), cut off by the model
_MINUS = re.compile(r"\b(?:minus|negative)\s+$", re.I)
_ACRONYM_BEFORE = re.compile(r"(?<=[a-z] )[A-Z]{2,6} $")
_TALLY = re.compile(r"-\d{1,3}\b(?![-.,]\d)")  # the rest of a vote or a score the model cut at the hyphen
_HEIGHT = re.compile(r"-(?:foot|feet)(?:-\d{1,2})?\b")  # a height the model cut at the hyphen: "6" of "6-foot-7"


def capitalised_name(name: str) -> str:
    """A person's name without the lower-case words the model's span opened with ("versus Lundqvist")."""
    lower = _LOWER_LEAD.match(name)
    return name[lower.end():] if lower else name


def marker_numbers(match: re.Match[str]) -> list[int]:
    """The passage numbers one MARKER match names, as written: "[1, 3]" -> [1, 3]."""
    return [int(n) for n in re.split(r"\s*[,;]\s*", match.group(1))]


def markers(text: str) -> list[int]:
    """The passage numbers the [n] markers in `text` name, in order, without repeats."""
    return list(dict.fromkeys(n for m in MARKER.finditer(text) for n in marker_numbers(m)))


def strip_markers(text: str) -> str:
    """`text` without its [n] markers (nor the space they leave before punctuation)."""
    return re.sub(r"\s+([.,;:!?])", r"\1", MARKER.sub("", text)).strip()


def normalise(text: str) -> str:
    """Straighten curly quotes and dashes and collapse whitespace (keeps case and punctuation)."""
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip()


def sentences(text: str) -> list[str]:
    """Split a passage or an answer into sentences, as written (the text is not normalised).

    A line ends a sentence too, so headlines and datelines stand alone. [n] markers after a
    sentence stay with it. Pieces without a letter are dropped ("2021." of "in Geneva. 2021.", a
    list's "1."), except a figure on a line of its own: news sets a value so, "9.2%", then "That's
    how much of the stock he bought." (rag/antecedents.py reads the two together); or an answer's
    value with its marker ("$4.99 [1].": the short answer that opens an answer)."""
    cuts = [m.start() for m in _LINE_END.finditer(text)]
    cuts += [m.end() for m in _SENTENCE_END.finditer(text) if not _after_abbreviation(text, m)]
    bounds = [0, *sorted(cuts), len(text)]
    pieces = [(a, b, text[a:b].strip()) for a, b in zip(bounds, bounds[1:])]
    return [p for a, b, p in pieces if re.search(r"[A-Za-z]", p) or _figure_line(text, a, b) or _cited_figure(p)]


def _cited_figure(piece: str) -> bool:
    """Whether a piece is a figure with its [n] marker: an answer's short answer ("21 [1].")."""
    return MARKER.search(piece) is not None and re.search(r"\d", MARKER.sub("", piece)) is not None


def _figure_line(text: str, a: int, b: int) -> bool:
    """Whether text[a:b] is a line of its own that holds one value."""
    whole = (a == 0 or text[a] == "\n") and (b == len(text) or text[b] == "\n")
    return whole and _FIGURE_LINE.fullmatch(text[a:b].strip()) is not None


def _after_abbreviation(text: str, end: re.Match[str]) -> bool:
    """Whether a sentence end found by _SENTENCE_END is an abbreviation's full stop instead."""
    if not end.group("stop") or end.group("marks"):
        return False  # markers after the stop end the sentence whatever comes before it
    stop = end.start("stop") + 1
    if _CLOCK_ZONE.match(text, max(0, stop - 4)):
        return True  # "at 7:52 a.m. EDT Tuesday": a time and its zone
    return _ABBREVIATION.search(text, max(0, stop - 6), stop) is not None


MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
# A year as news writes one (1800-2099): the one pattern for it.
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# The one month table: every name and abbreviation a date may use -> the month's number.
MONTHS = MappingProxyType(
    {**{m: i for i, m in enumerate(MONTH_NAMES, 1)}, **{m[:3]: i for i, m in enumerate(MONTH_NAMES, 1)}, "sept": 9}
)


def months_named(text: str, capitalised: bool = False) -> set[int]:
    """The months a text names as words ("late July" -> {7}; "two decades" names none), by number;
    `capitalised`: only as a name is written, for running text ("it may rain" names no May)."""
    words = re.findall(r"\b[A-Z][a-z]+", text) if capitalised else re.findall(r"[a-z]+", text.lower())
    return {MONTHS[w.lower()] for w in words if w.lower() in MONTHS}


def unaccented(text: str) -> str:
    """`text` with each accented letter as its base letter ("Brännström" -> "Brannstrom"), character for
    character (offsets into it stay those of `text`): users type names without their accents."""
    return text if text.isascii() else _NON_ASCII.sub(lambda m: _base_letter(m[0]), text)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=4096)
def _base_letter(c: str) -> str:
    return unicodedata.normalize("NFD", c)[0]


def tokens(text: str) -> list[str]:
    """Lower-case word tokens, accents off; "U.S." is "us", "’s" is dropped, month names are their short form."""
    text = re.sub(r"\b([A-Z])\.([A-Z])\.", r"\1\2", unaccented(text))  # U.S. -> US, U.N. -> UN
    out = []
    for t in _TOKEN.findall(text):
        t = t.lower().replace("’", "'").removesuffix("'s")
        out.append(MONTH_NAMES[MONTHS[t] - 1][:3] if t in MONTHS else t)
    return out


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def stems(words: list[str]) -> list[str]:
    """The Snowball English stems of lower-case words: "restored", "restores" -> "restor"."""
    return _stemmer().stemWords(words)


MIN_STEM = 3  # a shorter stem would be the start of too many words ("wo" of "won")


def holds_stem(text: str, prefixes: tuple[str, ...] | list[str]) -> bool:
    """Whether `text` holds a word whose stem starts with one of `prefixes` (stems of a verb: "nomin"
    is held by "nominated" and "nomination")."""
    return any(word.startswith(p) for word in stems(tokens(text)) for p in prefixes)


def stem(word: str) -> str:
    """The Snowball English stem of one lower-case word."""
    return _stemmer().stemWord(word)


def with_titles(nouns: set[str]) -> set[str]:
    """Stemmed nouns with the abbreviated titles that stand for any of them ("governor": "gov")."""
    return nouns | {stem(short) for short, word in TITLES.items() if stem(word) in nouns}


def with_abbreviated_titles(question: str) -> str:
    """The question with the abbreviations news writes before a name for the titles it names, for
    the word match: "Who is the governor of Oakdale?" also finds "Oakdale Gov. Ana Ruiz said ..."."""
    held = set(stems(tokens(question)))
    short = [s for s, word in TITLES.items() if stem(word) in held]
    return f"{question} {' '.join(short)}" if short else question


def content_terms(text: str) -> list[str]:
    """Stemmed words that carry meaning (no stopwords, no question words)."""
    words = [t for t in tokens(text) if t not in STOPWORDS and t not in WH_WORDS and len(t) > 1]
    return stems(words)


@lru_cache(maxsize=2048)
def specific_numbers(text: str) -> frozenset[str]:
    """The specific numbers in a text, as digits: "21,000" -> "21000", "$3.99" -> "3.99" (small
    whole numbers and years are left out: "two" or "2019" pin nothing down)."""
    out = set()
    for m in re.finditer(r"\d[\d,]*(?:\.\d+)?", text):
        n = m.group(0).replace(",", "").rstrip(".")
        if ("." in n or int(n or 0) >= 10) and not YEAR.fullmatch(n):
            out.add(n)
    return frozenset(out)


def about(figure: str, figures: frozenset[str] | set[str], tolerance: float = 0.05) -> bool:
    """Whether `figure` is among `figures`, up to rounding ("$1.3 billion" for "$1.337 billion")."""
    value = float(figure)
    return any(abs(float(f) - value) <= tolerance * value for f in figures)


def unstated(numbers: tuple[str, ...], figures: frozenset[str] | set[str]) -> list[str]:
    """The `numbers` (as a question writes them: "$3.99", "10,000 employees") whose specific figures are
    not all among `figures` (specific_numbers of a text), up to rounding."""
    return [n for n in numbers if not all(about(f, figures) for f in specific_numbers(n))]


def clause_of(c: Any) -> str:
    """The text of a candidate's sentence (candidates.Candidate) between the commas or semicolons around it."""
    text, a, b = c.evidence.text, c.span[0] - c.evidence.start, c.span[1] - c.evidence.start
    return re.split(r"[,;]", text[:a])[-1] + text[a:b] + re.split(r"[,;]", text[b:])[0]
