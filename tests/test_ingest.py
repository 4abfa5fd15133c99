"""Reading every corpus format (issue 12): dumps with real broken rows, a real saved news page,
Markdown front matter, a folder mixing them all, dates and outlets from metadata, header or URL."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS

from rag.corpus import load_corpus
from rag.dates import before_published, date_from_url, filter_bound, parse_date
from rag.errors import InputError
from rag.ingest.fields import parse_fields
from rag.ingest.meta import outlet_from_header, outlet_from_url

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = sorted(CORPUS.glob("*.txt"))


def seed_text(i: int) -> str:
    return SEEDS[i].read_text(encoding="utf-8")


def write_dump(path: Path, rows: list[dict | str]) -> None:
    """One line per row: dicts as JSON, strings as they are (the broken ones)."""
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")


# -- HTML --------------------------------------------------------------------------------------


def test_html_page_keeps_the_story_and_drops_the_page_around_it(tmp_path):
    shutil.copy(FIXTURES / "news_page.html", tmp_path / "flood.html")
    (art,), skipped = load_corpus(tmp_path)
    assert skipped == []
    assert art.source == "flood.html" and art.title == "Flood barrier holds as river crests in Riverton"
    assert art.date == "2023-03-14" and art.outlet == "The Valley Courier"
    assert art.url == "https://www.valleycourier.example/news/2023/03/14/flood-barrier-holds"
    for sentence in ("The new flood barrier in Riverton held overnight",
                     "Without it, Millbank would be under a metre of water this morning.",
                     "residents could return to Millbank from Thursday"):
        assert sentence in art.text
    for debris in ("We use cookies", "Accept all cookies", "Sport", "Subscribe for 1 euro", "gtag", "dataLayer",
                   "analytics tracking code", "Related stories", "Sign up for our free daily newsletter",
                   "my street stayed dry", "All rights reserved", "Privacy policy", "Share on Facebook",
                   "Search the Courier", "document.cookie"):
        assert debris not in art.text, debris


def test_html_without_a_story_is_skipped_with_the_reason(tmp_path):
    (tmp_path / "menu.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (tmp_path / "image.html").write_bytes(b"\x89PNG\x00\x00" * 50)
    _, skipped = load_corpus(tmp_path)
    reasons = {s.source: s.reason for s in skipped}
    assert reasons["menu.html"] == "no main text found in the page"
    assert "binary" in reasons["image.html"]


# -- dumps -------------------------------------------------------------------------------------


def test_jsonl_rows_with_their_ids_dates_and_outlets(tmp_path):
    write_dump(tmp_path / "news.jsonl", [
        {"id": "a1", "title": "Kim dismisses talks", "body": seed_text(0), "published_at": "2021-09-30T08:00:00Z",
         "site": "Example Wire"},
        {"url": "https://www.example-news.com/world/2021/09/29/kim-speech", "headline": "Kim speech",
         "content": seed_text(1)},
        {"title": "No id or url", "text": seed_text(3), "date": "September 29, 2021"},
    ])
    arts, skipped = load_corpus(tmp_path / "news.jsonl")  # a single file is a corpus too
    assert skipped == []
    by = {a.source: a for a in arts}
    assert set(by) == {"news.jsonl#a1", "news.jsonl#https://www.example-news.com/world/2021/09/29/kim-speech",
                       "news.jsonl#line3"}
    a1 = by["news.jsonl#a1"]
    assert (a1.title, a1.date, a1.outlet, a1.file) == ("Kim dismisses talks", "2021-09-30", "Example Wire", "news.jsonl")
    assert "Photo credit" not in a1.text  # rows are cleaned like files
    by_url = by["news.jsonl#https://www.example-news.com/world/2021/09/29/kim-speech"]
    assert (by_url.date, by_url.outlet) == ("2021-09-29", "example-news.com")  # both from the URL
    assert by["news.jsonl#line3"].date == "2021-09-29" and by["news.jsonl#line3"].outlet is None


def test_bad_rows_are_skipped_with_file_line_and_reason_and_nothing_else_is_lost(tmp_path, caplog):
    write_dump(tmp_path / "dump.jsonl", [
        {"id": "good-1", "title": "Good one", "text": seed_text(0), "date": "2021-09-30"},
        '{"id": "broken", "title": "Cut off", "text": "Kim said',  # a truncated line
        {"id": "empty", "title": "No body", "text": "   "},
        {"id": "no-text-field", "title": "Only a title", "summary": "A teaser."},
        '["a", "list"]',
        "",
        {"id": "bad-date", "title": "Odd date", "text": seed_text(2), "date": "the day after the summit"},
        {"id": "good-1", "title": "Same id again", "text": seed_text(3)},
        {"id": "good-2", "title": "Good two", "text": seed_text(4), "date": "30 Nov 2023"},
    ])
    with caplog.at_level(logging.WARNING):
        arts, skipped = load_corpus(tmp_path)
    assert sorted(a.source for a in arts) == ["dump.jsonl#bad-date", "dump.jsonl#good-1", "dump.jsonl#good-2"]
    reasons = {s.line: s.reason for s in skipped}
    assert all(s.source == "dump.jsonl" for s in skipped)
    assert reasons[2].startswith("broken JSON")
    assert reasons[3].startswith("no text") and reasons[4].startswith("no text (looked for text, body")
    assert reasons[5] == "not a JSON object (a list)"
    assert reasons[8] == "duplicate id 'good-1' (first on line 1, which is kept)"
    assert set(reasons) == {2, 3, 4, 5, 8}  # the blank line is no row
    assert str(skipped[0]) == f"dump.jsonl line 2: {reasons[2]}"
    odd = next(a for a in arts if a.source == "dump.jsonl#bad-date")
    assert odd.date is None and "does not parse; kept without a date" in odd.warnings[0]
    assert "dump.jsonl line 7" in caplog.text and "kept without a date" in caplog.text
    assert next(a for a in arts if a.source == "dump.jsonl#good-1").title == "Good one"


def test_csv_with_a_field_mapping(tmp_path):
    story = seed_text(2).replace('"', '""')
    (tmp_path / "export.csv").write_text(
        "story_id,headline,story,pub_date,paper\n"
        f'7,"North Korea Dismisses US Calls for Talks","{story}",29/09/2021,VOA\n'
        "8,Short row,only two\n"
        f'9,"Second, with a comma","{story[:400]}",not a date,VOA\n',
        encoding="utf-8",
    )
    arts, skipped = load_corpus(tmp_path, fields="id=story_id,text=story,date=pub_date,outlet=paper")
    assert [s.line for s in skipped] == [len(seed_text(2).splitlines()) + 2]  # where the short row starts
    assert "3 fields where the header has 5" in skipped[0].reason
    by = {a.source: a for a in arts}
    assert by["export.csv#7"].date == "2021-09-29" and by["export.csv#7"].outlet == "VOA"
    assert "Jenny Town" in by["export.csv#7"].text  # a quoted field over many lines is one field
    assert by["export.csv#9"].title == "Second, with a comma" and by["export.csv#9"].date is None
    # Without the mapping the body is not found: said, not guessed.
    _, skipped = load_corpus(tmp_path)
    assert any("no text (looked for text, body, content" in s.reason for s in skipped)


@pytest.mark.parametrize("spec,problem", [("text", "not name=column"), ("body=story", "not a field"),
                                          ("text=", "not name=column")])
def test_bad_field_mapping_is_refused(spec, problem):
    with pytest.raises(ValueError, match=problem):
        parse_fields(spec)
    from rag.config import get_settings

    with pytest.raises(InputError, match="RAG_FIELDS"):
        get_settings(fields=spec)


# -- Markdown, and a folder of everything ------------------------------------------------------


def test_markdown_front_matter_supplies_metadata(tmp_path):
    (tmp_path / "kim.md").write_text(
        "---\ntitle: \"Kim: talks are a 'show'\"\ndate: 2021-09-30\nsource: Example Times\n"
        "url: https://example.com/kim\n---\n" + seed_text(2), encoding="utf-8")
    (tmp_path / "broken.md").write_text("---\ntitle: [unclosed\n---\n" + seed_text(3), encoding="utf-8")
    arts, skipped = load_corpus(tmp_path)
    by = {a.source: a for a in arts}
    kim = by["kim.md"]
    assert (kim.title, kim.date, kim.outlet, kim.url) == ("Kim: talks are a 'show'", "2021-09-30", "Example Times",
                                                          "https://example.com/kim")
    assert "title:" not in kim.text and "Jenny Town" in kim.text
    assert "not valid YAML" in by["broken.md"].warnings[0] and "Kim Jong Un" in by["broken.md"].text


def test_a_folder_mixing_every_format(tmp_path):
    shutil.copytree(CORPUS, tmp_path / "c")
    shutil.copy(FIXTURES / "news_page.html", tmp_path / "c" / "page.htm")
    write_dump(tmp_path / "c" / "more" / "d.jsonl" if (tmp_path / "c" / "more").mkdir() is None else None,
               [{"id": 1, "text": seed_text(1)}])
    (tmp_path / "c" / "e.csv").write_text("title,text\nA CSV row,Seoul welcomed the hotline offer on Friday.\n")
    (tmp_path / "c" / "f.md").write_text("---\ndate: 2020-01-02\n---\nA Markdown title\n\nBody text here.\n")
    arts, skipped = load_corpus(tmp_path / "c")
    assert skipped == []
    assert len(arts) == 5 + 4
    assert {"page.htm", "more/d.jsonl#1", "e.csv#line2", "f.md"} <= {a.source for a in arts}


# -- dates and outlets -------------------------------------------------------------------------


@pytest.mark.parametrize("value,expected", [
    ("2022-07-01", "2022-07-01"), ("July 1, 2022", "2022-07-01"), ("Fri, 01 Jul 2022 10:00:00 GMT", "2022-07-01"),
    ("2022-07-01T23:30:00-04:00", "2022-07-01"), (1656668400, "2022-07-01"), ("", None), (None, None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["yesterday", "July 2022", "2022", "31/02/2022", "0001-01-01"])
def test_parse_date_refuses_what_names_no_day(value):
    with pytest.raises(ValueError):
        parse_date(value)


def test_dates_and_outlets_from_urls_and_headers():
    assert date_from_url("https://www.usatoday.com/story/news/2022/07/01/storm/123/") == "2022-07-01"
    assert date_from_url("https://edition.cnn.com/2022/13/45/x") is None
    assert date_from_url("https://example.com/news/20210929-kim-speech") == "2021-09-29"
    assert outlet_from_url("https://www.usatoday.com/story/x") == "usatoday.com"
    assert outlet_from_header("Kim speaks\n2022-07-01 · cnn.com\n\nBody.") == "cnn.com"
    assert outlet_from_header("Title\nReuters | September 29, 2021\nBody") == "Reuters"
    assert outlet_from_header("Title\nThe talks failed - officials said on 29 September 2021 they would not\n") is None


def test_filter_bounds_are_input_errors_with_a_sentence():
    assert filter_bound("2022-07-01", "since") == "2022-07-01" and filter_bound("", "since") is None
    with pytest.raises(InputError, match="since must be a date such as 2022-07-01, not 'last week'"):
        filter_bound("last week", "since")


def test_a_date_as_an_article_writes_it_before_the_article():
    """What an article of 2021-09-30 places before itself: an earlier year, a month up to five months
    back, a phrase that looks back; not a later month, "the last week of October" or a weekday."""
    for text in ("March 2020", "late July", "last week", "two days ago", "1950-53"):
        assert before_published(text, "2021-09-30"), text
    for text in ("early October", "January", "the last week of October", "Monday", "May 2022", "this month"):
        assert not before_published(text, "2021-09-30"), text
    assert not before_published("March 2020", None)  # an article of unknown date places nothing
