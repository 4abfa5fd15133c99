"""Words of like meaning (rag/synonyms.py): the real embedding model's vectors of single words, the
table `rag index` keeps of them, and the reader's evidence counting a question word its passage says
in another word."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from rag import build_index
from rag.annotate import annotate
from rag.config import Settings
from rag.embed import Embedder
from rag.nlp import load
from rag.question import analyse
from rag.reader import Doc, read
from rag.store import open_store
from rag.synonyms import VECTORS, WORDS, WordVectors, every_word, table_path, vocabulary


@pytest.fixture(scope="module")
def embedder():
    return Embedder.from_settings(Settings())


class Counting:
    """An embedder that counts the words it is asked to embed."""

    def __init__(self, inner) -> None:
        self.inner, self.asked = inner, []

    def _encode_query_side(self, words):
        self.asked += list(words)
        return self.inner._encode_query_side(words)


def test_vocabulary_keeps_lower_case_words_with_their_stems():
    words = vocabulary(["Harbor Foods purchased 12 stores in Oakdale, the company said."])
    assert words["purchased"] == "purchas" and words["stores"] == "store" and words["company"] == "compani"
    assert not {"Harbor", "Foods", "Oakdale", "12", "in"} & words.keys()  # names, figures, short words


def test_similar_finds_words_of_like_meaning_only(embedder):
    words = WordVectors(embedder, None)
    found = words.similar({"purchased": "purchas", "largest": "largest"},
                          {"bought": "bought", "biggest": "biggest", "sold": "sold", "smallest": "smallest",
                           "tree": "tree"})
    # The model places a word's opposite of the same topic close too ("sold"): for evidence, which
    # sentences speak of the question, that is a topic match; what they say is the reader's to check.
    assert found == {"purchas": {"bought", "sold"}, "largest": {"biggest"}}


def test_the_table_is_saved_and_read_back_without_the_model(tmp_path, embedder):
    path = table_path(tmp_path, "some/model name")
    first = WordVectors(embedder, path)
    assert first.add(["bought", "purchased", "tree"]) == 3
    first.save()
    assert (path / VECTORS).exists() and (path / WORDS).read_text(encoding="utf-8").split("\n") == [
        "bought", "purchased", "tree"]
    counting = Counting(embedder)
    again = WordVectors(counting, path)
    assert again.similar({"purchased": "purchas"}, {"bought": "bought", "tree": "tree"}) == {"purchas": {"bought"}}
    assert counting.asked == []  # every word came from the table
    assert again.add(["bought", "acquired"]) == 1 and counting.asked == ["acquired"]


def test_a_damaged_table_is_embedded_again(tmp_path, embedder, caplog):
    path = table_path(tmp_path, "m")
    path.mkdir(parents=True)
    (path / VECTORS).write_bytes(b"not an array")
    (path / WORDS).write_text("bought", encoding="utf-8")
    words = WordVectors(Counting(embedder), path)
    with caplog.at_level(logging.WARNING):
        assert words.similar({"purchased": "purchas"}, {"bought": "bought"}) == {"purchas": {"bought"}}
    assert "unreadable" in caplog.text and sorted(words.embedder.asked) == ["bought", "purchased"]


def test_index_embeds_the_corpus_words_once_and_only_the_new_ones_after(tmp_path, corpus_copy):
    s = Settings(data_dir=tmp_path / "data", corpus_dir=corpus_copy)
    path = table_path(s.data_dir, s.embed_model)
    first = build_index(s)
    words = (path / WORDS).read_text(encoding="utf-8").split("\n")
    assert first.words == len(words) > 500 and "hotlines" in words
    # The table holds the question side's vectors (in float16): a pair of words counts as alike at
    # a threshold, and other arithmetic moves pairs across it (bf16 products put "sit" and "seat" at
    # 0.6993, the question side at 0.7008; weights.SYNONYM is 0.7).
    stored = np.load(path / VECTORS).astype(np.float32)[:200]
    fresh = np.asarray(Embedder.from_settings(s)._encode_query_side(words[:200]))
    cosines = (stored * fresh).sum(axis=1) / np.linalg.norm(stored, axis=1) / np.linalg.norm(fresh, axis=1)
    assert cosines.min() > 0.99999
    assert build_index(s).words == 0  # unchanged corpus
    new = "Seoul Reacts\n\nOfficials applauded the zwiebelkuchen offer."
    (corpus_copy / "005_new.md").write_text(new, encoding="utf-8")
    assert build_index(s).words == 2  # "applauded", "zwiebelkuchen": the rest were known
    assert {"applauded", "zwiebelkuchen"} <= set((path / WORDS).read_text(encoding="utf-8").split("\n"))
    # An index made before the table was: the next run embeds every article's words, read in pages.
    for f in path.iterdir():
        f.unlink()
    assert build_index(s).words == len(words) + 2
    store = open_store(s)
    assert every_word(store, page=2) == every_word(store) and len(every_word(store)) == len(words) + 2
    # No table and a new article in one run: the stored articles' words and the new one's.
    for f in path.iterdir():
        f.unlink()
    (corpus_copy / "006_new.md").write_text("Late Word\n\nThe quokkas waddled ploddingly.", encoding="utf-8")
    assert build_index(s).words == len(words) + 5  # "applauded", "zwiebelkuchen" and the three new
    assert {"quokkas", "waddled", "zwiebelkuchen"} <= set((path / WORDS).read_text(encoding="utf-8").split("\n"))


def test_the_reader_counts_a_question_word_said_in_another_word(embedder):
    nlp = load()
    text = "Harbor Foods bought the troubled phone business in 2021."
    docs = [Doc(text, "Report", "a.txt", next(annotate([text], nlp)), "2022-03-01")]
    q = analyse("Which company purchased the struggling cellphone business?", nlp)
    plain = read(q, docs, lambda _word: 1.0)
    assert plain.abstain_reason and "purchas" in plain.abstain_reason  # word for word, too little of the question
    r = read(q, docs, lambda _word: 1.0, similar=WordVectors(embedder, None).similar)
    assert r.abstain_reason is None and r.candidates[0].text == "Harbor Foods"
