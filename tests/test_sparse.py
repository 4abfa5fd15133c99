"""BM25 and the type lexicon are built by `rag index` (rag/sparse.py), and the memory-mapped copy a
later process loads ranks exactly as the index built in memory."""

from __future__ import annotations

import pytest
from gold_small import ANSWERABLE, UNANSWERABLE

from rag import bm25, build_index, sparse
from rag.config import Settings
from rag.embed import Embedder
from rag.retrieve import Retriever
from rag.store import index_meta, open_store

QUESTIONS = [q for q, _ in ANSWERABLE] + UNANSWERABLE


def test_rag_index_saves_bm25_and_a_question_only_loads_it(tmp_path, corpus_copy, monkeypatch):
    s = Settings(data_dir=tmp_path / "data", corpus_dir=corpus_copy)
    first = build_index(s)
    assert first.bm25_seconds is not None
    assert build_index(s).bm25_seconds is None  # unchanged: the saved one is this version's
    store = open_store(s, create=False)
    assert (sparse.saved_path(s, index_meta(store)) / bm25.IDS_FILE).exists()

    def no_build(*_a, **_k):
        raise AssertionError("a question built BM25")

    monkeypatch.setattr(sparse, "build_and_save", no_build)
    r = Retriever(s, store, Embedder.from_settings(s))
    assert r.retrieve(QUESTIONS[0], 5)
    assert r.lexicon.counts  # the type lexicon came with it


def test_a_new_process_types_its_first_question_with_the_corpus_lexicon(settings, monkeypatch):
    """Only the shipped passages say that "president" names people ("President Moon Jae-in"); a
    question is analysed before it is searched, so the lexicon must be loaded for the very first
    question of a process (`rag ask` asks only that one), not only once BM25 has been opened."""
    from rag import engine
    from rag.answer import prepare, retrieve

    monkeypatch.setattr(engine, "_engines", {})  # a new process: no engine has opened this index
    turn = prepare("Which president rejected the talks?", backend="extractive", settings=settings)
    retrieve(turn)
    assert turn.analysis.answer_type.name == "person"


def test_the_kinds_a_process_builds_for_itself_are_the_ones_it_saves(tmp_path, corpus_copy):
    """What the corpus calls each name ("President Joe Biden") and each phrase's modifier ("nuclear
    weapons", three times) reaches the reader alike from a fresh build and from the saved copy."""
    s = Settings(data_dir=tmp_path / "data", corpus_dir=corpus_copy)
    build_index(s)
    store = open_store(s, create=False)
    _, built = sparse.build_and_save(s, store, index_meta(store))
    _, loaded = sparse.load(s, index_meta(store))
    assert built.kinds == loaded.kinds
    assert loaded.is_a("joe biden", "presid") and loaded.is_a("nuclear", "weapon")
    assert not loaded.is_a("us", "offici")  # "US officials": a name's kinds come from its own links only


def test_memory_mapped_bm25_ranks_as_the_one_built_in_memory(tmp_path, corpus_copy):
    s = Settings(data_dir=tmp_path / "data", corpus_dir=corpus_copy)
    build_index(s)
    store = open_store(s, create=False)
    ids, contents, _ = sparse.read_all(store)
    in_memory = bm25.BM25Search(bm25.build(contents), ids)
    mapped, _ = sparse.load(s, index_meta(store))
    assert not isinstance(mapped.ids, list)  # the ids too are read from the file as needed
    for q in QUESTIONS:
        got, want = mapped.search(q, 10), in_memory.search(q, 10)
        assert [c for c, _ in got] == [c for c, _ in want], q
        assert [x for _, x in got] == pytest.approx([x for _, x in want], abs=1e-6), q
        assert mapped.idf("korea") == in_memory.idf("korea")


def test_an_index_change_saves_a_new_version_and_drops_the_old(tmp_path, corpus_copy):
    s = Settings(data_dir=tmp_path / "data", corpus_dir=corpus_copy)
    build_index(s)
    before = sorted((s.data_dir / "bm25").iterdir())
    (corpus_copy / "003_312a607395255587.txt").unlink()
    assert build_index(s).bm25_seconds is not None
    after = sorted((s.data_dir / "bm25").iterdir())
    assert len(before) == len(after) == 1 and before != after
