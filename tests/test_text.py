"""rag.text, the one home of citation markers, normalisation, sentences, stems and month names."""

from __future__ import annotations

import pytest

from rag import markers, normalise, strip_markers


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
