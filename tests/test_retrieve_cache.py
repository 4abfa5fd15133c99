"""The speed-ups of issue 5 change no result: the lean BM25 ranks as llama-index's BM25Retriever,
a saved BM25 answers as the one built from the chunks, and cached vectors equal fresh ones."""

from __future__ import annotations

import shutil

import pytest

from gold_small import ANSWERABLE, UNANSWERABLE
from rag import build_index
from rag.config import Settings
from rag.embed import Embedder
from rag.retrieve import HybridRetriever
from rag.store import open_store

QUESTIONS = [q for q, _ in ANSWERABLE] + UNANSWERABLE


def _hits(retriever, q):
    return [(n.node.node_id, round(n.score, 6), n.node.get_content(), n.node.metadata) for n in retriever.retrieve(q)]


def _bm25(settings):
    r = HybridRetriever(settings, open_store(settings, create=False), Embedder.from_name(settings.embed_model))
    r.retrieve("warm up", 5)
    return r, r._fusion._retrievers[1]


def test_bm25_ranks_as_llama_index_bm25retriever(tmp_path, corpus_copy):
    import Stemmer
    from llama_index.core.schema import TextNode
    from llama_index.retrievers.bm25 import BM25Retriever

    s = Settings(data_dir=tmp_path / "data", corpus_dir=corpus_copy)
    build_index(s)
    r, ours = _bm25(s)
    ids, texts, metas = r._chunks()
    nodes = [TextNode(id_=i, text=t, metadata=m) for i, t, m in zip(ids, texts, metas)]
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
    (saved,) = (s.data_dir / "bm25").iterdir()
    (saved / "ids.json").write_text("[not json")
    _, again = _bm25(s)
    assert _hits(again, QUESTIONS[0]) == _hits(built, QUESTIONS[0])
    shutil.rmtree(saved)
    _, again = _bm25(s)
    assert _hits(again, QUESTIONS[0]) == _hits(built, QUESTIONS[0])


@pytest.mark.parametrize("texts", [["one sentence here.", "another one.", "one sentence here."]])
def test_cached_vectors_equal_fresh_ones(texts):
    e = Embedder.from_name("all-MiniLM-L6-v2")
    fresh = e.encode_documents(texts)
    first = e.encode(texts)
    again = e.encode(list(reversed(texts)))
    assert first == fresh
    assert again == list(reversed(fresh))


def test_fusion_ranks_each_chunk_by_its_best_rank_in_either_list(settings):
    """The fused list recomputed by hand from the two retrievers' own lists: each chunk once, scored
    1/(60 + its better rank), ties to the dense list."""
    from llama_index.core.schema import QueryBundle

    from rag.answer import engine_for
    from rag.retrieve import RRF_K

    r = engine_for(settings).retriever
    r.retrieve("warm up", 5)
    dense, bm25 = r._fusion._retrievers
    both = 0
    for q in QUESTIONS:
        best: dict[str, tuple[int, int]] = {}
        for i, ret in enumerate((dense, bm25)):
            ranked = sorted(ret.retrieve(QueryBundle(q)), key=lambda n: n.score or 0.0, reverse=True)
            for rank, n in enumerate(ranked):
                best[n.node.node_id] = min(best.get(n.node.node_id, (rank, i)), (rank, i))
        dense.pop(q)  # the recorded dense scores of these extra calls
        want = sorted(best, key=best.get)[: settings.candidate_k]
        got = r.retrieve(q, settings.candidate_k)
        assert [h.chunk_id for h in got] == want, q
        assert [h.score for h in got] == [1 / (best[c][0] + RRF_K) for c in want]
        both += len(set(n.node.node_id for n in dense.retrieve(QueryBundle(q))) & {h.chunk_id for h in got}) > 0
        dense.pop(q)
    assert both == len(QUESTIONS)  # the lists overlap: a chunk found twice is still listed once


def test_fusion_does_not_depend_on_the_order_of_metadata_keys():
    """The stock fusion keyed chunks by a hash of their metadata as a string, so the same chunk
    with its metadata in another key order counted as another chunk."""
    from llama_index.core.schema import NodeWithScore, TextNode

    from rag.retrieve import RRF_K, _fusion_class

    def node(cid: str, score: float, reverse: bool = False) -> NodeWithScore:
        meta = {"source": f"{cid}.txt", "title": "T", "chunk": 0}
        meta = dict(reversed(meta.items())) if reverse else meta
        return NodeWithScore(node=TextNode(id_=cid, text=f"text of {cid}", metadata=meta), score=score)

    fusion = _fusion_class().__new__(_fusion_class())  # only the fusion step, no retrievers
    dense = [node("a", 0.9), node("b", 0.8), node("c", 0.7)]
    bm25 = [node("c", 9.0, reverse=True), node("d", 5.0, reverse=True), node("a", 1.0, reverse=True)]
    fused = fusion._reciprocal_rerank_fusion({("q", 0): dense, ("q", 1): bm25})
    assert [(n.node.node_id, n.score) for n in fused] == [
        ("a", 1 / RRF_K), ("c", 1 / RRF_K), ("b", 1 / (1 + RRF_K)), ("d", 1 / (1 + RRF_K)),
    ]
