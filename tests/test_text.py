"""rag.text, the one home of citation markers, normalisation, sentences, stems and month names."""

from __future__ import annotations

import pytest

from rag import markers, normalise, sentences, strip_markers
from rag.mentions import written_whole
from rag.text import MONTH_NAMES, MONTHS, span_text, stem, stems, tokens


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Kim spoke [2]. Town replied [1][2].", [2, 1]),
        ("Both said so [1, 3]; one later [3;4].", [1, 3, 4]),
        ("No marker here, only [a] and [].", []),
    ],
)
def test_markers_in_order_without_repeats_lists_included(text: str, numbers: list[int]):
    assert markers(text) == numbers


def test_strip_markers_leaves_no_space_before_punctuation():
    assert strip_markers("Kim spoke [2]. Town replied [1, 3], then left [4] .") == "Kim spoke. Town replied, then left."


def test_normalise_straightens_quotes_and_dashes_and_folds_space():
    assert normalise("\u201cNo\u201d \u2013 Kim\u2019s\u00a0 reply\n\u2026 ") == "\"No\" - Kim's reply ..."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An answer: markers after a sentence stay with it, with or without its full stop.
        ("Kim spoke. [1] Town replied [2][3] The US said so [1, 2].",
         ["Kim spoke. [1]", "Town replied [2][3]", "The US said so [1, 2]."]),
        # Initials and titles do not end a sentence; markers after one do.
        ("The U.S. envoy met Mr. Kim on Jan. 5. Talks failed.", ["The U.S. envoy met Mr. Kim on Jan. 5.", "Talks failed."]),
        # A clock time and its zone are one time; "p.m." before any other capital ends a sentence.
        ("The moon peaks at 7:52 a.m. EDT Tuesday. It sets at 9 p.m. At dawn it fades.",
         ["The moon peaks at 7:52 a.m. EDT Tuesday.", "It sets at 9 p.m.", "At dawn it fades."]),
        ("He flew to the U.S. [1] Talks failed [2].", ["He flew to the U.S. [1]", "Talks failed [2]."]),
        # Closing quotes and brackets stay; the text is kept as written (curly quotes too).
        ("He called it a \u201cshow.\u201d (Talks failed.) \u201cNo,\u201d she said.",
         ["He called it a \u201cshow.\u201d", "(Talks failed.)", "\u201cNo,\u201d she said."]),
        ("The peninsula (\u2026) That has not changed.", ["The peninsula (\u2026)", "That has not changed."]),
        # Lines: a headline and a dateline stand alone, a wrapped sentence is one.
        ("North Korea Dismisses US Calls\n30 Nov, 2023 18:20\n\nKim said talks were\nonly a show. He left.",
         ["North Korea Dismisses US Calls", "30 Nov, 2023 18:20", "Kim said talks were\nonly a show.", "He left."]),
        # A sentence may open on an amount: "$4.11, as of ..." after another's markers.
        ("\u201cPrices settled at $105.71.\u201d [1] $4.11, as of June 6, per cnn.com [2].",
         ["\u201cPrices settled at $105.71.\u201d [1]", "$4.11, as of June 6, per cnn.com [2]."]),
        # A quotation that opens on a dateline in brackets starts a sentence: the answer's quote of
        # its passage is judged alone (with the short answer before it, the parse read "CNN" as the
        # subject and the verbatim quote was flagged).
        ("Oakdale Nights, as of July 27, per cnn.com [1]. \u201c(CNN) Tom Reed died on Wednesday.\u201d [1]",
         ["Oakdale Nights, as of July 27, per cnn.com [1].", "\u201c(CNN) Tom Reed died on Wednesday.\u201d [1]"]),
        # Nor do a case's "v.", a match's "vs." or a rank before a name.
        ("Dobbs v. Jackson overturned Roe. Lakers vs. Celtics ends. Lt. Ana Ruiz spoke.",
         ["Dobbs v. Jackson overturned Roe.", "Lakers vs. Celtics ends.", "Lt. Ana Ruiz spoke."]),
        # nor AP style's plural title before two names
        ("Critics named Reps. Tom Reed of Oakdale and Ana Ruiz of Lund. They objected.",
         ["Critics named Reps. Tom Reed of Oakdale and Ana Ruiz of Lund.", "They objected."]),
        # No split before lower case; pieces without a letter are dropped ...
        ("Talks e.g. in Geneva. 2021. 18:20\nEnd.", ["Talks e.g. in Geneva.", "End."]),
        # ... but a value on a line of its own is kept (news sets one so, then says what it counts);
        # a list's number is not.
        ("9.2%\n\nThat's how much he bought.\n1. He left.\n2.\nShe stayed.",
         ["9.2%", "That's how much he bought.", "He left.", "She stayed."]),
        # ... and an answer's value with its marker: the short answer that opens an answer.
        ("$4.99 [1]. \u201cGas hit $4.99 on Friday.\u201d [1]",
         ["$4.99 [1].", "\u201cGas hit $4.99 on Friday.\u201d [1]"]),
    ],
)
def test_sentences(text: str, expected: list[str]):
    assert sentences(text) == expected


def test_one_stemmer_for_words_and_word_lists():
    assert stem("restored") == stem("restores") == stem("restoring") == "restor"
    assert stems(["tests", "tested", "talks"]) == ["test", "test", "talk"]
    assert stem("koreans") == stem("korean")


def test_one_month_table_for_names_abbreviations_and_short_forms():
    assert [MONTHS[m] for m in ("january", "jan", "sept", "sep", "september", "may", "dec")] == [1, 1, 9, 9, 9, 5, 12]
    assert all(MONTHS[name] == MONTHS[name[:3]] == n for n, name in enumerate(MONTH_NAMES, 1))
    assert tokens("Sept. 9 and September 9, in June, not Jun") == ["sep", "9", "and", "sep", "9", "in", "jun", "not", "jun"]


def test_a_span_is_read_with_what_the_model_left_outside_it():
    text = "He said: \u201c[Ana] Ruiz won.\u201d\n\n$100,000\n\nThat's how much it fetched."
    a = text.index("Ana")
    assert span_text(text, a, text.index(" won"), "PERSON") == (a - 1, "[Ana] Ruiz")
    b = text.index("100,000")
    assert span_text(text, b, b + 7, "MONEY") == (b, "$100,000")  # the sign is read, the span starts at the figure
    assert span_text(text, b, b + 7, "CARDINAL") == (b, "100,000")


def test_accents_are_off_in_words_and_offsets_stay():
    """A user types "Niinisto" for "Niinistö": the words match; offsets into the text stay its own."""
    from rag.evidence import tokens as words_at
    from rag.text import tokens, unaccented

    assert unaccented("Niinistö’s café") == "Niinisto’s cafe" and unaccented("Lund") == "Lund"
    assert tokens("Sauli Niinistö said") == tokens("Sauli Niinisto said")
    text = "President Sauli Niinistö spoke."
    stems_, spans = words_at(text)
    assert stems_ == words_at("President Sauli Niinisto spoke.")[0]
    assert text[slice(*spans[2])] == "Niinistö"


@pytest.mark.parametrize(("text", "span", "label", "expected"), [
    # a sign word the model left out of a value
    ("raised its rate to minus 0.25% from the minus 0.75% level", "0.75%", "PERCENT", "minus 0.75%"),
    # an organisation's acronym the model took for a title, after a lower-case word; not a dateline's place
    ("where Oakdale subsidiary ACME Cruises will resume sailing", "Cruises", "ORG", "ACME Cruises"),
    ("LUND Harbor Foods said on Monday", "Harbor Foods", "ORG", "Harbor Foods"),
])
def test_span_text_takes_what_the_model_left_outside_a_span(text, span, label, expected):
    a = text.rindex(span)
    start, written = span_text(text, a, a + len(span), label)
    assert written == expected and text[start:].startswith(expected)


def test_a_height_the_model_cut_at_the_hyphen_is_read_whole():
    """"the 6-foot-7 rookie": the model labels "6" alone; the height is "6-foot-7" (a tally still reads "5-4")."""
    text = "Tom Reed, the 6-foot-7 rookie, won 5-4."
    a = text.index("6")
    assert span_text(text, a, a + 1, "CARDINAL") == (a, "6-foot-7")
    b = text.index("5-4")
    assert span_text(text, b, b + 1, "CARDINAL") == (b, "5-4")


@pytest.mark.parametrize(
    ("needle", "text", "whole"),
    [
        ("Kim", "Did Kim meet Moon?", True),
        ("Kim", "Did Kimberly meet Moon?", False),  # a word's start
        ("Kim", "Kimberly or Kim?", True),  # a later occurrence stands whole
        ("S", "Was it the U.S. or the UK?", False),  # a "." touches it
        ("$5", "Was it $5 or $50?", True),
        ("5", "Was it $50?", False),
        ("2021", "In 2021, who led?", True),
        ("2021", "In 2021.5", False),
    ],
)
def test_written_whole_is_the_whole_word_search_without_a_pattern(needle: str, text: str, whole: bool):
    assert written_whole(needle, text) is whole
