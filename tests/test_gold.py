"""The gold set stays valid: well-formed rows, real sources, and key facts that the sources hold."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from evals.gold import GOLD_PATH, GOLD_TYPES, GoldItem, load_gold
from evals.metrics import light_normalise
from rag import contains_fact

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
MIN_PER_TYPE = {"fact": 20, "multi": 5, "conflict": 2, "unanswerable": 8}
FIELDS = {"id", "question", "answer", "sources", "type", "key_facts"}

GOLD = load_gold()


def _source_text(name: str) -> str:
    return light_normalise((CORPUS / name).read_text(encoding="utf-8"))


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", light_normalise(text))


def test_rows_have_exactly_the_documented_fields():
    for line in GOLD_PATH.read_text(encoding="utf-8").splitlines():
        if line.strip():
            # question_date is optional: the day a question's "this month" counts from
            assert set(json.loads(line)) - {"question_date"} == FIELDS


def test_size_ids_and_type_counts():
    assert len(GOLD) >= 44
    ids = [g.id for g in GOLD]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    assert {g.type for g in GOLD} <= set(GOLD_TYPES)
    counts = Counter(g.type for g in GOLD)
    for kind, least in MIN_PER_TYPE.items():
        assert counts[kind] >= least, f"{kind}: {counts[kind]} < {least}"


def test_questions_are_distinct_questions():
    questions = [light_normalise(g.question) for g in GOLD]
    assert len(questions) == len(set(questions))
    assert all(q.endswith("?") for q in questions)


@pytest.mark.parametrize("item", GOLD, ids=lambda g: g.id)
def test_sources_exist_and_match_the_type(item: GoldItem):
    for name in item.sources:
        assert (CORPUS / name).is_file(), f"{item.id}: no corpus file {name}"
    assert len(set(item.sources)) == len(item.sources)
    if item.type == "fact":
        assert len(item.sources) == 1
    elif item.type in ("multi", "conflict"):
        assert len(item.sources) >= 2


@pytest.mark.parametrize("item", [g for g in GOLD if g.answerable], ids=lambda g: g.id)
def test_answerable_rows_have_an_answer_and_key_facts_found_in_their_sources(item: GoldItem):
    assert item.answer and item.answer.strip()
    assert item.key_facts
    texts = [_source_text(s) for s in item.sources]
    for fact in item.key_facts:
        assert any(light_normalise(fact) in t for t in texts), f"{item.id}: {fact!r} is in none of {item.sources}"
        # The gold answer itself must score full marks on key-fact recall.
        assert contains_fact(item.answer, fact), f"{item.id}: gold answer lacks {fact!r}"


@pytest.mark.parametrize("item", [g for g in GOLD if g.type in ("multi", "conflict")], ids=lambda g: g.id)
def test_every_listed_source_contributes_a_key_fact(item: GoldItem):
    # A conflict lists both sides; a multi question needs each of its articles.
    for name in item.sources:
        text = _source_text(name)
        assert any(light_normalise(f) in text for f in item.key_facts), f"{item.id}: {name} holds no key fact"


@pytest.mark.parametrize("item", [g for g in GOLD if not g.answerable], ids=lambda g: g.id)
def test_unanswerable_rows_have_no_answer_and_no_sources(item: GoldItem):
    assert item.answer is None
    assert item.sources == ()
    assert item.key_facts == ()


@pytest.mark.parametrize("item", [g for g in GOLD if g.answerable], ids=lambda g: g.id)
def test_questions_do_not_copy_the_article(item: GoldItem):
    q = _words(item.question)
    for name in item.sources:
        text = " " + " ".join(_words((CORPUS / name).read_text(encoding="utf-8"))) + " "
        copied = [" ".join(q[i : i + 8]) for i in range(len(q) - 7) if f" {' '.join(q[i : i + 8])} " in text]
        assert not copied, f"{item.id} copies {copied[0]!r} from {name}"


def test_unknown_type_is_rejected():
    with pytest.raises(ValueError):
        GoldItem.from_dict({"id": "x", "question": "q?", "answer": None, "sources": [], "type": "trivia"})


def test_rows_that_say_answerable_instead_of_a_type():
    row = {"id": "a", "question": "Which city hosted the talks?", "question_date": "2022-07-01", "answer": "Geneva",
           "answerable": True, "sources": ["talks.txt"]}
    fact = GoldItem.from_dict(row)
    assert (fact.type, fact.answerable, fact.answer, fact.sources) == ("fact", True, "Geneva", ("talks.txt",))
    assert fact.question_date == "2022-07-01" and fact.key_facts == ()
    missing = GoldItem.from_dict({**row, "answerable": False, "sources": []})
    assert missing.type == "unanswerable" and not missing.answerable and missing.answer == "Geneva"
    assert GoldItem.from_dict({**row, "type": "multi"}).type == "multi"  # a type, when given, wins
    with pytest.raises(ValueError, match="answerable"):
        GoldItem.from_dict({"id": "x", "question": "Why?"})
