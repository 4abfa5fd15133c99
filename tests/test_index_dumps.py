"""Indexing dumps incrementally into a real Chroma: an unchanged dump is not parsed again, one
changed row re-embeds one article, bad rows are reported on every run, a killed run is repaired."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CORPUS

from rag import build_index
from rag.config import Settings
from rag.store import open_store

SEEDS = sorted(CORPUS.glob("*.txt"))


def rows() -> list[dict]:
    return [{"id": f"r{i}", "title": p.read_text(encoding="utf-8").splitlines()[0], "text": p.read_text(encoding="utf-8"),
             "date": f"2021-09-{25 + i}", "outlet": f"Outlet {i % 2}"} for i, p in enumerate(SEEDS)]


def write(path: Path, items: list) -> None:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in items), encoding="utf-8")


def chunk_ids(s: Settings) -> dict[str, set[str]]:
    got = open_store(s).chunks.get(include=["metadatas"])
    out: dict[str, set[str]] = {}
    for cid, meta in zip(got["ids"], got["metadatas"]):
        out.setdefault(meta["source"], set()).add(cid)
    return out


@pytest.fixture
def dump_corpus(tmp_path) -> tuple[Path, Settings]:
    folder = tmp_path / "c"
    folder.mkdir()
    write(folder / "news.jsonl", rows())
    return folder, Settings(data_dir=tmp_path / "data", corpus_dir=folder)


def test_dump_is_indexed_and_only_its_changed_row_is_redone(dump_corpus, monkeypatch):
    folder, s = dump_corpus
    first = build_index(s)
    assert (first.added, first.skipped) == (5, [])
    before = chunk_ids(s)
    record = open_store(s).docs.get(ids=["news.jsonl#r2"])["metadatas"][0]
    assert (record["date"], record["outlet"], record["file"]) == ("2021-09-27", "Outlet 0", "news.jsonl")
    meta = open_store(s).chunks.get(where={"source": "news.jsonl#r2"}, include=["metadatas"])["metadatas"][0]
    assert (meta["day"], meta["outlet"]) == (20210927, "Outlet 0")

    import rag.ingest.dumps as dumps

    def no_parse(*a, **k):
        raise AssertionError("an unchanged dump was parsed row by row")

    with monkeypatch.context() as m:
        m.setattr(dumps, "jsonl_rows", no_parse)
        again = build_index(s)
    assert (again.unchanged, again.embedded) == (5, 0)

    changed = rows()
    changed[3]["text"] += "\n\nA closing paragraph added by the editors."
    write(folder / "news.jsonl", changed)
    third = build_index(s)
    assert (third.added, third.changed, third.removed, third.unchanged) == (0, 1, 0, 4)
    after = chunk_ids(s)
    assert third.embedded == len(after["news.jsonl#r3"])
    assert after["news.jsonl#r3"].isdisjoint(before["news.jsonl#r3"])
    assert all(after[k] == before[k] for k in before if k != "news.jsonl#r3")


def test_bad_rows_are_reported_on_every_run_and_lose_nothing(dump_corpus):
    folder, s = dump_corpus
    write(folder / "news.jsonl", rows() + ['{"id": "cut", "text": "Kim sa', {"id": "r0", "text": "a copy"}])
    report = build_index(s)
    assert report.added == 5
    assert [(x.line, x.reason[:11]) for x in report.skipped] == [(6, "broken JSON"), (7, "duplicate i")]
    again = build_index(s)
    assert again.unchanged == 5 and [str(x) for x in again.skipped] == [str(x) for x in report.skipped]
    # A row removed from the dump is removed from the index; the file itself stays.
    write(folder / "news.jsonl", rows()[1:])
    assert build_index(s).removed == 1 and "news.jsonl#r0" not in chunk_ids(s)


def test_a_row_that_turns_bad_keeps_its_previous_version(dump_corpus):
    folder, s = dump_corpus
    build_index(s)
    bad = rows()
    bad[1]["text"] = ""
    write(folder / "news.jsonl", bad)
    report = build_index(s)
    assert [x.article for x in report.skipped] == ["news.jsonl#r1"] and report.removed == 0
    assert "news.jsonl#r1" in chunk_ids(s)


def test_killed_dump_run_is_repaired(dump_corpus):
    folder, s = dump_corpus
    n = build_index(s).chunks
    store = open_store(s)
    store.docs.delete(ids=["news.jsonl#r4"])  # as if killed before the row's record was written
    report = build_index(s)
    assert (report.changed, report.unchanged, report.chunks) == (1, 4, n)
    assert build_index(s).unchanged == 5


def test_a_new_mapping_rereads_the_dump(dump_corpus):
    folder, s = dump_corpus
    build_index(s)
    remapped = Settings(data_dir=s.data_dir, corpus_dir=folder, fields="outlet=title")
    report = build_index(remapped)
    assert report.changed == 5
    meta = open_store(s).docs.get(ids=["news.jsonl#r0"])["metadatas"][0]
    assert meta["outlet"] == rows()[0]["title"]


def test_a_folder_mixing_every_format_is_indexed_and_then_left_alone(tmp_path):
    import shutil

    folder = tmp_path / "c"
    shutil.copytree(CORPUS, folder)
    shutil.copy(Path(__file__).parent / "fixtures" / "news_page.html", folder / "flood.html")
    write(folder / "wire.jsonl", rows()[:2])
    (folder / "sheet.csv").write_text('title,text,date\nHotline,"Seoul welcomed the hotline offer on Friday, '
                                      'officials said, and asked for talks.",2021-10-01\n', encoding="utf-8")
    (folder / "notes.md").write_text("---\ntitle: Notes\noutlet: Desk\n---\nThe envoy met officials in Seoul.\n")
    s = Settings(data_dir=tmp_path / "data", corpus_dir=folder)
    first = build_index(s)
    assert (first.added, first.skipped) == (10, [])
    sources = set(open_store(s).docs.get(include=[])["ids"])
    assert {"flood.html", "wire.jsonl#r0", "sheet.csv#line2", "notes.md"} <= sources
    again = build_index(s)
    assert (again.unchanged, again.embedded, again.added, again.changed) == (10, 0, 0, 0)
