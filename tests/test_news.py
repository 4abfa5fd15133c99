"""News-aware indexing and retrieval (issue 12) on a real Chroma: one story counted once, its
other outlets named; date and outlet filters that nothing outside them gets past; page furniture
learnt from the corpus."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS

from rag import InputError, build_index, query
from rag.chunk import chunk_articles
from rag.config import Settings
from rag.corpus import load_corpus
from rag.store import index_status, open_store

TOWN = "What did Jenny Town of the Stimson Center say?"
ORIGINAL = "002_fd51fa255f66e0e6.txt"
# Each seed article under the outlet and date a news archive would give it.
FRONT = {
    "000_6a58d090d41857f6.txt": ("2021-09-30", "Mehr News"),
    "001_fbd13b18b25d8e5d.txt": ("2021-09-30", "Prensa Latina"),
    "003_312a607395255587.txt": ("2021-09-30", "Anadolu Agency"),
}


def copy_of_town_story() -> str:
    """002 re-posted by a wire service: another headline, one paragraph dropped, front matter."""
    paragraphs = (CORPUS / ORIGINAL).read_text(encoding="utf-8").split("\n\n")
    body = [p for p in paragraphs if "UNITED24" not in p and "Weapons of Mass" not in p]
    body[0] = "Kim Rebuffs Washington's Offer of Dialogue"
    del body[5]
    return "---\noutlet: Wire Copy\ndate: 2021-09-30\n---\n" + "\n\n".join(body)


def make_corpus(folder: Path, with_copy: bool = True) -> Path:
    folder.mkdir()
    for path in sorted(CORPUS.glob("*.txt")):
        if path.name in FRONT:
            date, outlet = FRONT[path.name]
            text = f"---\ndate: {date}\noutlet: {outlet}\n---\n" + path.read_text(encoding="utf-8")
            (folder / path.with_suffix(".md").name).write_text(text, encoding="utf-8")
        else:
            shutil.copy(path, folder / path.name)
    if with_copy:
        (folder / "wire_copy.md").write_text(copy_of_town_story(), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def news(tmp_path_factory, model_cache) -> Settings:
    root = tmp_path_factory.mktemp("news")
    s = Settings(data_dir=root / "data", corpus_dir=make_corpus(root / "c"), model_cache=model_cache)
    build_index(s)
    return s


def records(s: Settings) -> dict[str, dict]:
    got = open_store(s).docs.get(include=["metadatas"])
    return dict(zip(got["ids"], got["metadatas"]))


# -- one story counted once ---------------------------------------------------------------------


def test_a_reposted_story_is_grouped_with_its_original(news):
    recs = records(news)
    assert recs["wire_copy.md"]["group"] == recs[ORIGINAL]["group"]
    others = [r["group"] for s, r in recs.items() if s not in ("wire_copy.md", ORIGINAL)]
    assert len(set(others)) == len(others) == 4 and recs[ORIGINAL]["group"] not in others
    assert index_status(news).outlets == ["Anadolu Agency", "Mehr News", "Prensa Latina", "Wire Copy"]


def test_one_story_fills_one_slot_and_its_citation_names_every_carrier(news):
    a = query(TOWN, top_k=5, settings=news)
    sources = [c.source for c in a.contexts]
    assert len({ORIGINAL, "wire_copy.md"} & set(sources)) == 1
    cited = next(c for c in a.contexts if c.source in (ORIGINAL, "wire_copy.md"))
    other = "wire_copy.md" if cited.source == ORIGINAL else ORIGINAL
    assert [x.source for x in cited.also_in] == [other]
    carrier = cited.also_in[0]
    assert (carrier.outlet, carrier.date) == (("Wire Copy", "2021-09-30") if other == "wire_copy.md"
                                              else (None, "2021-09-29"))
    assert "nothing new here" in cited.text


def test_a_new_copy_joins_the_group_without_touching_the_others(tmp_path):
    s = Settings(data_dir=tmp_path / "data", corpus_dir=make_corpus(tmp_path / "c", with_copy=False))
    build_index(s)
    before = open_store(s).chunks.get(include=[])["ids"]
    (s.corpus_dir / "wire_copy.md").write_text(copy_of_town_story(), encoding="utf-8")
    report = build_index(s)
    assert (report.added, report.unchanged, report.recleaned) == (1, 5, 0)
    recs = records(s)
    assert recs["wire_copy.md"]["group"] == recs[ORIGINAL]["group"] == f"{ORIGINAL}@{recs[ORIGINAL]['sha256'][:8]}"
    after = open_store(s).chunks.get(include=[])["ids"]
    assert set(before) <= set(after) and report.embedded == len(after) - len(before)


# -- filters --------------------------------------------------------------------------------------

QUESTIONS = [TOWN, "What did Kim Jong Un say about the US offer of talks?", "When will the hotline to Seoul be restored?",
             "What did Kim Yo Jong say about the satellite launch?", "Who called the US offer a petty trick?"]
FILTERS = [
    {"outlets": ["Anadolu Agency"]},
    {"outlets": ["mehr news", "Wire Copy"]},
    {"since": "2021-09-30"},
    {"until": "2021-09-29"},
    {"since": "2021-09-30", "until": "2021-09-30", "outlets": ["Prensa Latina", "Wire Copy"]},
    {"since": "2023-01-01"},
]


def _passes(meta: dict, f: dict) -> bool:
    date, outlet = meta.get("date") or "", meta.get("outlet") or ""
    if ("since" in f or "until" in f) and not date:
        return False
    return (date >= f.get("since", "") and date <= f.get("until", "9999")
            and ("outlets" not in f or outlet.lower() in {o.lower() for o in f["outlets"]}))


@pytest.mark.parametrize("flt", FILTERS, ids=[json.dumps(f) for f in FILTERS])
def test_nothing_outside_the_filter_is_ever_cited(news, flt):
    recs = records(news)
    seen = set()
    for q in QUESTIONS:
        a = query(q, top_k=8, settings=news, **flt)
        for c in a.contexts + a.citations:
            assert _passes(recs[c.source], flt), (q, c.source, flt)
            assert all(_passes(recs[x.source], flt) for x in c.also_in)
            seen.add(c.source)
    allowed = {s for s, r in recs.items() if _passes(r, flt)}
    assert seen and seen <= allowed


def test_both_retrievers_are_filtered(news):
    """The BM25 side alone, asked for a phrase only Anadolu's article has, finds it without a
    filter and finds nothing of it under a filter that excludes Anadolu."""
    from rag.engine import engine_for
    from rag.filters import Filters

    engine = engine_for(news)
    engine.ensure_index()
    r = engine.retriever
    r._ensure_current()
    top = r._sparse("petty trick cunning ways ANKARA", 3, None)
    assert top[0].startswith("003_312a607395255587.md")
    other = Filters.make(outlets=["Mehr News"]).resolve(r.outlets)
    assert not any(c.startswith("003_") for c in r._sparse("petty trick cunning ways ANKARA", 10, other))
    dense = r._read(list(r._dense("petty trick cunning ways ANKARA", 10, other)))
    assert dense and all(meta["outlet"] == "Mehr News" for _, meta in dense.values())


def test_a_title_the_question_names_is_found_abbreviated(tmp_path, model_cache):
    """News writes "Gov. Ana Ruiz": BM25 asked "Who is the governor of Oakdale?" ranks that
    passage above one about another state's governor that never names Oakdale."""
    from rag.engine import engine_for

    folder = tmp_path / "c"
    folder.mkdir()
    for name, text in {
        "budget.txt": "Oakdale Gov. Ana Ruiz signed the state budget on Monday, ending a two-week standoff.",
        "lund.txt": "The governor of Lund opened a new bridge on Friday and thanked the engineers for their work.",
        "harbor.txt": "Oakdale's harbor reopened after the storm, and fishing boats returned to the docks.",
        "school.txt": "Oakdale school board members voted to extend the school year by five days.",
    }.items():
        (folder / name).write_text(text, encoding="utf-8")
    s = Settings(data_dir=tmp_path / "data", corpus_dir=folder, model_cache=model_cache)
    build_index(s)
    engine = engine_for(s)
    engine.ensure_index()
    r = engine.retriever
    r._ensure_current()
    assert r._sparse("Who is the governor of Oakdale?", 1)[0].startswith("budget.txt")


def test_a_year_the_question_names_ranks_that_years_articles_first(tmp_path, model_cache):
    """"... in 2019?": the 2019 article's passage, which never writes its year, ranks above a closer
    match of words from 2022 (the reader takes no answer from that one: its year is another)."""
    from rag.answer import prepare, retrieve

    folder = tmp_path / "c"
    folder.mkdir()
    for name, (day, text) in {
        "run_2019.md": ("2019-05-06", "About 4,000 runners took part in the city's spring race on Sunday."),
        "run_2022.md": ("2022-05-02", "The Oakdale marathon drew 6,000 runners on Sunday, the most the Oakdale "
                                      "marathon has ever drawn, organisers said."),
    }.items():
        (folder / name).write_text(f"---\ndate: {day}\noutlet: Oakdale Post\n---\n{text}", encoding="utf-8")
    s = Settings(data_dir=tmp_path / "data", corpus_dir=folder, model_cache=model_cache)
    build_index(s)
    order = {}
    for question in ("How many runners did the Oakdale marathon draw?",
                     "How many runners did the Oakdale marathon draw in 2019?"):
        turn = prepare(question, settings=s, top_k=2, backend="extractive")
        retrieve(turn)
        order[question] = [h.metadata["source"] for h in turn.hits]
    assert list(order.values()) == [["run_2022.md", "run_2019.md"], ["run_2019.md", "run_2022.md"]], order


@pytest.mark.parametrize("flt,message", [
    ({"since": "last week"}, "since must be a date such as 2022-07-01, not 'last week'"),
    ({"since": "2021-10-01", "until": "2021-09-01"}, r"since \(2021-10-01\) is after until \(2021-09-01\)"),
    ({"outlets": ["The Daily Nowhere"]}, "No indexed article is from 'The Daily Nowhere'. Outlets in the index: Anadolu"),
])
def test_bad_filters_are_input_errors(news, flt, message):
    with pytest.raises(InputError, match=message):
        query(TOWN, settings=news, **flt)


# -- bookkeeping stays out of what is embedded and what the LLM reads ---------------------------


def test_news_keys_stay_out_of_embedded_and_llm_text(tmp_path):
    from llama_index.core.schema import MetadataMode

    arts, _ = load_corpus(make_corpus(tmp_path / "c"))
    node = next(n for n in chunk_articles(arts, Settings()) if n.metadata["outlet"] == "Wire Copy")
    assert node.metadata["day"] == 20210930
    for mode in (MetadataMode.EMBED, MetadataMode.LLM):
        content = node.get_content(metadata_mode=mode)
        assert "Wire Copy" not in content and "20210930" not in content and "group" not in content


# -- page furniture ----------------------------------------------------------------------------

TEMPLATE = "Get the Morning Gazette in your mailbox every day."
LATER = "Correction appended by the standards desk."
FRESH = ("The city council voted on Tuesday to extend the night bus service to the airport for a trial year, "
         "after a petition signed by 4,000 shift workers. The first buses run in March, the council said.")


def _rows(extra_later: int) -> list[dict]:
    """Ten distinct articles (each seed's first and second half) from one outlet; every one
    carries the template line, four (then five) the later one."""
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        paragraphs = [p for p in path.read_text(encoding="utf-8").split("\n\n") if len(p) > 80]
        half = len(paragraphs) // 2
        out += [paragraphs[:half], paragraphs[half:]]
    out.append([FRESH] * 1)
    rows = []
    for i, paragraphs in enumerate(out[: 10 + extra_later]):
        body = paragraphs[:1] + [TEMPLATE] + paragraphs[1:] + ([LATER] if i >= 6 else [])
        rows.append({"id": f"g{i}", "title": f"Story {i}", "text": "\n\n".join(body), "outlet": "Gazette"})
    return rows


def test_lines_an_outlet_repeats_are_dropped_and_older_articles_recleaned(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    dump = folder / "gazette.jsonl"
    dump.write_text("".join(json.dumps(r) + "\n" for r in _rows(0)), encoding="utf-8")
    s = Settings(data_dir=tmp_path / "data", corpus_dir=folder)
    build_index(s)
    docs = open_store(s).docs.get(include=["documents"])
    texts = dict(zip(docs["ids"], docs["documents"]))
    assert len({r["group"] for r in records(s).values()}) == 10
    assert all(TEMPLATE not in t for t in texts.values())  # in all 10: furniture
    assert sum(LATER in t for t in texts.values()) == 4  # in 4 of 10: kept
    dump.write_text("".join(json.dumps(r) + "\n" for r in _rows(1)), encoding="utf-8")
    report = build_index(s)
    assert (report.added, report.recleaned) == (1, 4)  # the fifth makes it furniture everywhere
    docs = open_store(s).docs.get(include=["documents"])
    assert all(LATER not in t and TEMPLATE not in t for t in docs["documents"])
    assert build_index(s).recleaned == 0


def test_a_story_takes_one_articles_slots_and_a_lone_article_keeps_all_its_chunks():
    from rag.retrieve import one_article_per_story

    metas = {"a#1": {"source": "a", "group": "g"}, "a#2": {"source": "a", "group": "g"},
             "b#1": {"source": "b", "group": "g"}, "c#1": {"source": "c", "group": "c@1"},
             "c#2": {"source": "c", "group": "c@1"}}
    ranked = [("b#1", 0.9), ("a#1", 0.8), ("c#1", 0.7), ("a#2", 0.6), ("c#2", 0.5)]
    assert one_article_per_story(ranked, metas) == [("b#1", 0.9), ("c#1", 0.7), ("c#2", 0.5)]
