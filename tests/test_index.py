"""Incremental indexing into a real Chroma in a temp folder."""

from __future__ import annotations

import pytest

from rag import build_index
from rag.chunk import chunk_articles
from rag.config import Settings
from rag.corpus import load_corpus
from rag.errors import CorpusError
from rag.store import open_store


def _settings(tmp_path, corpus) -> Settings:
    return Settings(data_dir=tmp_path / "data", corpus_dir=corpus)


def _chunks_by_source(settings) -> dict[str, list[str]]:
    store = open_store(settings)
    got = store.chunks.get(include=["metadatas"])
    out: dict[str, list[str]] = {}
    for cid, meta in zip(got["ids"], got["metadatas"]):
        out.setdefault(meta["source"], []).append(cid)
    return out


def test_chunks_are_small_sentence_aligned_and_stable(corpus_copy):
    articles, _ = load_corpus(corpus_copy)
    s = Settings(corpus_dir=corpus_copy)
    a = chunk_articles(articles, s)
    b = chunk_articles(articles, s)
    assert [n.node_id for n in a] == [n.node_id for n in b]  # stable ids
    assert len({n.node_id for n in a}) == len(a)
    per_article = {}
    for n in a:
        per_article[n.metadata["source"]] = per_article.get(n.metadata["source"], 0) + 1
        assert len(n.text) < 1200  # a passage, not an article
        assert n.metadata["title"] and n.metadata["sha256"]
    assert all(count >= 3 for count in per_article.values())
    # chunks end at sentence boundaries, not mid-word
    ends = [n.text.rstrip()[-1] for n in a]
    assert sum(e in ".!?”\"’" for e in ends) / len(ends) > 0.7


def test_add_unchanged_change_delete(tmp_path, corpus_copy):
    s = _settings(tmp_path, corpus_copy)
    first = build_index(s)
    assert (first.added, first.changed, first.removed, first.unchanged) == (5, 0, 0, 0)
    assert first.chunks == first.embedded > 0
    before = _chunks_by_source(s)

    again = build_index(s)
    assert (again.added, again.changed, again.removed, again.unchanged) == (0, 0, 0, 5)
    assert again.embedded == 0 and again.chunks == first.chunks

    changed = corpus_copy / "002_fd51fa255f66e0e6.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nA new closing paragraph about the Stimson Center.\n", encoding="utf-8")
    (corpus_copy / "004_4020f4be657a3f1f.txt").unlink()
    (corpus_copy / "005_new.md").write_text("Seoul Reacts\n\nSouth Korea welcomed the hotline offer on Friday.", encoding="utf-8")
    third = build_index(s)
    assert (third.added, third.changed, third.removed, third.unchanged) == (1, 1, 1, 3)
    after = _chunks_by_source(s)
    assert "004_4020f4be657a3f1f.txt" not in after
    assert "005_new.md" in after
    assert set(after["002_fd51fa255f66e0e6.txt"]).isdisjoint(before["002_fd51fa255f66e0e6.txt"])  # old chunks replaced
    for src in ("000_6a58d090d41857f6.txt", "001_fbd13b18b25d8e5d.txt", "003_312a607395255587.txt"):
        assert after[src] == before[src]  # untouched
    assert third.embedded == len(after["002_fd51fa255f66e0e6.txt"]) + len(after["005_new.md"])
    assert third.chunks == sum(len(v) for v in after.values())


def test_unchanged_reindex_does_not_load_the_model(tmp_path, corpus_copy, monkeypatch):
    s = _settings(tmp_path, corpus_copy)
    build_index(s)
    import rag.embed

    def boom(*a, **k):
        raise AssertionError("the embedding model was loaded for an unchanged corpus")

    monkeypatch.setattr(rag.embed, "_load", boom)
    monkeypatch.setattr(rag.embed.Embedder, "encode_documents", boom)
    report = build_index(s)
    assert report.unchanged == 5 and report.embedded == 0
    assert report.onnx_seconds is None and report.onnx_problem is None  # the export was made once, earlier


def test_rebuild_and_model_change(tmp_path, corpus_copy):
    s = _settings(tmp_path, corpus_copy)
    n = build_index(s).chunks
    r = build_index(s, rebuild=True)
    assert r.added == 5 and r.embedded == n and r.chunks == n
    # An index made with another model is rebuilt rather than mixed.
    store = open_store(s)
    store.chunks.modify(metadata={"embed_model": "some-other-model", "schema": 1})
    r2 = build_index(s)
    assert r2.rebuilt_because and "some-other-model" in r2.rebuilt_because
    assert r2.added == 5 and r2.chunks == n


def test_interrupted_index_is_repaired(tmp_path, corpus_copy):
    """Chunks written without their docs record (a run killed mid-way) are redone, not duplicated."""
    s = _settings(tmp_path, corpus_copy)
    n = build_index(s).chunks
    store = open_store(s)
    store.docs.delete(ids=["001_fbd13b18b25d8e5d.txt"])  # as if killed before the record was written
    ids = store.chunks.get(where={"source": "003_312a607395255587.txt"})["ids"]
    store.chunks.delete(ids=ids[:1])  # as if killed mid-article
    r = build_index(s)
    assert r.changed == 2 and r.unchanged == 3
    assert r.chunks == n
    assert len(set(open_store(s).chunks.get()["ids"])) == n


def test_bad_files_are_skipped_and_reported(tmp_path, corpus_copy):
    (corpus_copy / "empty.txt").write_text("")
    (corpus_copy / "image.txt").write_bytes(b"\x00\x01\x02binary" * 50)
    s = _settings(tmp_path, corpus_copy)
    r = build_index(s)
    assert r.added == 5
    assert {x.source for x in r.skipped} == {"empty.txt", "image.txt"}


def test_missing_corpus_is_a_clear_error(tmp_path):
    with pytest.raises(CorpusError, match="not found"):
        build_index(_settings(tmp_path, tmp_path / "no-such-folder"))
