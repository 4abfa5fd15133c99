"""The speed-ups of issue 5 change no result: the lean BM25 ranks as llama-index's BM25Retriever,
a saved BM25 answers as the one built from the chunks, and cached vectors equal fresh ones."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from gold_small import ANSWERABLE, UNANSWERABLE

from rag import build_index, sparse
from rag.config import Settings
from rag.embed import Embedder
from rag.retrieve import Retriever
from rag.store import open_store

QUESTIONS = [q for q, _ in ANSWERABLE] + UNANSWERABLE


def _hits(bm25, q, k=10):
    """(chunk id, score) of a BM25Search or a llama-index BM25Retriever, best first."""
    if hasattr(bm25, "search"):
        return [(cid, round(score, 6)) for cid, score in bm25.search(q, k)]
    return [(n.node.node_id, round(n.score, 6)) for n in bm25.retrieve(q)]


def _bm25(settings):
    r = Retriever(settings, open_store(settings, create=False), Embedder.from_name(settings.embed_model))
    r.retrieve("warm up", 5)
    return r, r._bm25


def test_bm25_ranks_as_llama_index_bm25retriever(tmp_path, corpus_copy):
    import Stemmer
    from llama_index.core.schema import TextNode
    from llama_index.retrievers.bm25 import BM25Retriever

    s = Settings(data_dir=tmp_path / "data", corpus_dir=corpus_copy)
    build_index(s)
    r, ours = _bm25(s)
    ids, contents, _ = sparse.read_all(r.store)
    # Ours indexes each chunk's title and text, none of its bookkeeping metadata.
    nodes = [TextNode(id_=i, text=c) for i, c in zip(ids, contents)]
    theirs = BM25Retriever.from_defaults(
        nodes=nodes, similarity_top_k=s.candidate_k, stemmer=Stemmer.Stemmer("english"), language="english"
    )
    for q in QUESTIONS:
        assert _hits(ours, q) == _hits(theirs, q), q


def test_saved_bm25_is_loaded_and_replaced_when_the_index_changes(tmp_path, corpus_copy):
    s = Settings(data_dir=tmp_path / "data", corpus_dir=corpus_copy)
    build_index(s)
    _, built = _bm25(s)
    saved = list((s.data_dir / "bm25").iterdir())
    assert len(saved) == 1
    _, loaded = _bm25(s)  # a new retriever, as in a new process: reads the saved one
    for q in QUESTIONS:
        assert _hits(loaded, q) == _hits(built, q), q

    (corpus_copy / "003_312a607395255587.txt").unlink()
    build_index(s)
    _, rebuilt = _bm25(s)
    now = list((s.data_dir / "bm25").iterdir())
    assert len(now) == 1 and now != saved  # the old version's folder is gone
    assert all(not h[0].startswith("003_") for q in QUESTIONS for h in _hits(rebuilt, q))


def test_a_damaged_saved_bm25_is_rebuilt(tmp_path, corpus_copy):
    s = Settings(data_dir=tmp_path / "data", corpus_dir=corpus_copy)
    build_index(s)
    _, built = _bm25(s)
    want = _hits(built, QUESTIONS[0])  # read now: `built` maps the files damaged below
    (saved,) = (s.data_dir / "bm25").iterdir()
    (saved / "ids.npy").write_text("not an array")
    _, again = _bm25(s)
    assert _hits(again, QUESTIONS[0]) == want
    shutil.rmtree(saved)
    _, again = _bm25(s)
    assert _hits(again, QUESTIONS[0]) == want


@pytest.mark.parametrize("texts", [["one sentence here.", "another one.", "one sentence here."]])
def test_cached_vectors_equal_fresh_ones(texts):
    e = Embedder.from_name("all-MiniLM-L6-v2", precision="fp32")  # passages as questions are: in full precision
    fresh = e.encode_documents(texts)
    first = e.encode(texts)
    again = e.encode(list(reversed(texts)))
    # Equal up to float rounding: a batch of other shape (the cache encodes each text once) may take
    # another BLAS path; on an Intel Xeon with AVX-512 the two differed by 6e-8 (2026-12-05).
    assert np.allclose(first, fresh, rtol=0, atol=1e-6)
    assert np.allclose(again, fresh[::-1], rtol=0, atol=1e-6)
    assert not np.allclose(first[0], first[1], atol=1e-3)  # distinct texts: an order mix-up would show


def test_retrieval_fuses_the_dense_and_bm25_lists_by_best_rank(settings):
    """Each retrieval recomputed by hand from the two lists it fuses: each chunk once, scored
    1/(60 + its better rank), ties to the dense list; dense similarities are the cosine of the
    question's vector and the chunk's stored vector."""
    import numpy as np

    from rag.engine import engine_for
    from rag.retrieve import RRF_K

    engine = engine_for(settings)
    engine.ensure_index()
    r = engine.retriever
    r._ensure_current()  # load this index version's BM25, as a first question would
    k = settings.candidate_k
    both = 0
    for q in QUESTIONS:
        dense = list(r._dense(q, k))
        sparse = r._sparse(q, k)
        best: dict[str, tuple[int, int]] = {}
        for i, ranked in enumerate((dense, sparse)):
            for rank, cid in enumerate(ranked):
                best[cid] = min(best.get(cid, (rank, i)), (rank, i))
        want = sorted(best, key=best.get)[:k]
        got = r.retrieve(q, k)
        assert [h.chunk_id for h in got] == want, q
        assert [h.score for h in got] == [1 / (best[c][0] + RRF_K) for c in want]
        stored = r.store.chunks.get(ids=[h.chunk_id for h in got], include=["embeddings"])
        vectors = dict(zip(stored["ids"], stored["embeddings"]))
        qv = np.asarray(r.embedder.get_query_embedding(q))
        for h in got:
            if h.chunk_id in dense:
                assert h.similarity == pytest.approx(float(np.asarray(vectors[h.chunk_id]) @ qv), abs=1e-4)
            else:
                assert h.similarity is None
        both += bool(set(dense) & set(sparse))
    assert both == len(QUESTIONS)  # the lists overlap: a chunk found twice is still listed once


def test_fuse_keeps_each_chunk_once_at_its_best_rank():
    from rag.retrieve import RRF_K, fuse

    fused = fuse([["a", "b", "c"], ["c", "d", "a"]], k=10)
    assert fused == [("a", 1 / RRF_K), ("c", 1 / RRF_K), ("b", 1 / (1 + RRF_K)), ("d", 1 / (1 + RRF_K))]
    assert fuse([["a", "b", "c"], ["c", "d", "a"]], k=2) == fused[:2]
    assert fuse([[], ["x"]], k=5) == [("x", 1 / RRF_K)]
    assert fuse([[], []], k=5) == []


def test_a_name_the_question_is_about_is_mentioned_by_a_hit_when_a_chunk_further_down_does():
    """The rare name's only passage fell just short of the top: it takes the place of the last hit whose
    article mentions none of the question's names, not of one that mentions another of them."""
    from rag.retrieve import covering

    texts = {"a": "Lund mayor Tom Reed spoke of the Oakdale fire.", "b": "Wildfires raged in Spain on Monday.",
             "c": "Crews fought a fire near Oakdale.", "d": "Fire spread in the Gironde department, forcing 32,000 "
             "people to evacuate.", "e": "The Gironde fire was the worst in years."}
    articles = {**texts, "b": "Wildfires raged in Spain on Monday. Lund sent crews."}  # b's article names Lund
    ranked = [("a", 0.9), ("b", 0.8), ("c", 0.7), ("d", 0.6), ("e", 0.5)]
    names = (("Gironde", "GPE"), ("Oakdale", "GPE"))
    assert covering(ranked, 3, texts, articles.get, names) == [("a", 0.9), ("d", 0.6), ("c", 0.7)]
    assert covering(ranked, 3, texts, articles.get, ()) == ranked[:3]
    assert covering(ranked, 4, texts, articles.get, names) == ranked[:4]  # mentioned already
    assert covering(ranked, 2, texts, articles.get, names) == [("a", 0.9), ("d", 0.6)]
    # none spare: each top hit's article mentions one of the question's names
    assert covering(ranked, 2, texts, articles.get, (("Gironde", "GPE"), ("Lund", "GPE"))) == ranked[:2]
    assert covering(ranked, 2, texts, articles.get, (("Spain", "GPE"),)) == ranked[:2]  # its article does
    assert covering(ranked, 3, texts, articles.get, (("Harbor", "GPE"),)) == ranked[:3]  # no chunk mentions it


def test_a_question_reads_the_index_record_once(settings, monkeypatch):
    """Each question checks once that the index has not changed under it (another process may have
    re-indexed); the reader's word weights come from the version that check found, not from a
    fresh read of the index's record for every word."""
    from rag import query, retrieve

    query("warm up", settings=settings.model_copy(update={"backend": "extractive"}))
    reads = []
    real = retrieve.index_meta
    monkeypatch.setattr(retrieve, "index_meta", lambda store: reads.append(store) or real(store))
    weighed = []
    real_idf = retrieve.Retriever.idf
    monkeypatch.setattr(retrieve.Retriever, "idf", lambda self, stem: weighed.append(stem) or real_idf(self, stem))
    question, files = ANSWERABLE[0]
    a = query(question, settings=settings.model_copy(update={"backend": "extractive"}))
    assert not a.abstained and a.citations[0].source in files
    assert len(weighed) > 5  # the reader weighed the question's words
    assert len(reads) == 1
