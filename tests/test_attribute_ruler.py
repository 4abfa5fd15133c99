"""The lookup attribute ruler (rag/attribute_ruler.py) gives every token what spaCy's own gives it."""

from __future__ import annotations

import pytest
from conftest import real_texts

from rag.attribute_ruler import LookupMatch, speed_up
from rag.nlp import DEFAULT_MODEL, _import_spacy, load

# What the ruler's rarer rules are for: contractions, dialect spellings, spaces, "there is".
ODD = [
    "Y'all gonna see it, y all do, c'mon, let's go; we gotta leave. I ain't sure there's nothin' doin'.",
    "It is what it is: I gave it to you, and you gave it to me. They'll tell 'em 'nuff is enough.",
    "Whether or not that happens, but for him, the deal that he signed is done.  \n\n  Spaced out.",
    "There were two, there are three; do you have them? He did. She had it. Does he?",
    "",
    "\n",
]


def _tokens(nlp, texts: list[str]) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for doc in nlp.pipe(texts) for t in doc]


@pytest.fixture(scope="module")
def plain():
    """The pipeline as spaCy loads it, with its own ruler."""
    return _import_spacy().load(DEFAULT_MODEL)


def test_every_token_gets_the_same_attributes(plain):
    texts = list(ODD) + real_texts()
    ours = load()
    assert isinstance(ours.get_pipe("attribute_ruler").match, LookupMatch)
    assert not isinstance(getattr(plain.get_pipe("attribute_ruler"), "match"), LookupMatch)
    got, want = _tokens(ours, texts), _tokens(plain, texts)
    assert len(want) > 15_000
    assert got == want


def test_the_default_pipelines_rules_are_all_looked_up(plain):
    found = LookupMatch(plain.get_pipe("attribute_ruler"))
    assert len(found.matcher) == 0  # nothing left to the Matcher: that is where the time went
    assert found.everywhere  # the rules with no one value to file them under are kept too


def test_a_rule_of_another_shape_is_left_to_the_matcher(plain):
    nlp = _import_spacy().blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"ORTH": "Kaesong"}]], {"LEMMA": "kaesong-city"})  # ORTH: not a key this module runs
    ruler.add([[{"LOWER": "city"}, {"IS_PUNCT": True, "OP": "?"}]], {"LEMMA": "town"})
    ruler.add([[{"LOWER": {"REGEX": "^pyong"}}]], {"LEMMA": "capital"})
    text = "The city of Kaesong, not Pyongyang. A city."
    before = [t.lemma_ for t in nlp(text)]
    speed_up(nlp)
    assert len(ruler.match.matcher) == 2 and len(ruler.match.everywhere) == 1
    assert [t.lemma_ for t in nlp(text)] == before == ["", "town", "", "kaesong-city", "", "", "capital", "", "",
                                                        "town", ""]
