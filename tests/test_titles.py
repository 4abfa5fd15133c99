"""Names a sentence gives as names (rag/titles.py): quoted titles and the name after a naming verb,
which the small spaCy model often misses or cuts short."""

from __future__ import annotations

import pytest

from rag.titles import given_names, name_before


def names(text: str) -> list[tuple[str, str | None]]:
    return [(text[a:b], named) for a, b, named in given_names(text, 0, len(text))]


def test_a_quoted_title_is_a_name_and_a_quoted_remark_is_not():
    assert names('Ana Ruiz starred in the Acme drama "Unspoken," which aired in May.') == [("Unspoken", None)]
    assert names("The list: 'Night Ferry,' 'The Lord of the Rings' and “Harbor Lights”.") == [
        ("Night Ferry", None), ("The Lord of the Rings", None), ("Harbor Lights", None)]
    assert names('"We will not stop," Tom Reed said.') == []  # speech, not written as a title
    assert names('"No," said Oakdale researcher Ana Ruiz.') == names('"Never," she added.') == []  # a speaker follows
    assert names("Tom Reed's team isn't done, it's Oakdale's turn.") == []  # apostrophes open no quotation


def test_the_name_after_a_naming_verb_comes_with_the_noun_it_names():
    assert names("Astronomers aimed at a bright star called HD 1234. It shone.") == [("HD 1234", "star")]
    assert names('The view, dubbed "Glass Arch," drew crowds.') == [("Glass Arch", None), ("Glass Arch", "view")]
    assert names("the pact known as the Sea of Oakdale Accord, signed in May") == [("Sea of Oakdale Accord", "pact")]
    # a name's other name names no common noun; glue words at the end of a run are not the name's
    assert names("Acme, officially known as Acme Holdings, said so.") == [("Acme Holdings", "")]
    assert names("a dog named Max and a cat") == [("Max", "dog")]
    assert names("what they called it") == []


@pytest.mark.parametrize("phrase, focus, before, name", [
    ("European Ariane 5 rocket", "rocket", "", "European Ariane 5"),
    ("Reopen Michigan Safely coalition", "coalition", "", "Reopen Michigan Safely"),
    ("Omicron variants", "variant", "", "Omicron"),
    # a name that begins as a month or a day does is no time word
    ("Mars rover", "rover", "", "Mars"),
    ("Sunoco station", "station", "", "Sunoco"),
    ("Marvel movie", "movie", "", "Marvel"),
    # the kind before the name: "the constellation Pegasus"
    ("constellation Pegasus", "constellation", "", "Pegasus"),
    # not another noun, a month or a day, nor the end of a longer name ("the Future of the Car conference")
    ("Ariane 5 launch", "rocket", "", "Ariane 5 launch"),
    ("August interview", "interview", "", "August interview"),
    ("Aug. interview", "interview", "", "Aug. interview"),
    ("Tuesday meeting", "meeting", "", "Tuesday meeting"),
    ("rapper Drake", "singer", "", "rapper Drake"),
    ("Car conference", "conference", "the Future of the ", "Car conference"),
    ("rocket", "rocket", "", "rocket"),
])
def test_a_phrase_that_gives_the_kind_asked_beside_a_name_answers_with_the_name(phrase, focus, before, name):
    assert name_before(phrase, focus, before) == name

