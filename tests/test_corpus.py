"""Reading and cleaning articles, on the real debris lines the shipped corpus carries."""

from pathlib import Path

import pytest

from rag.corpus import clean_text, drop_masthead, find_date, load_corpus, read_article
from rag.errors import CorpusError

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

# Lines copied from the shipped articles' page furniture.
DEBRIS = [
    "icon bookmark-bicon bookmarkicon cameraicon checkicon chevron downicon chevron lefticon chevron righticon chevron upicon closeicon v-compressicon downloadicon editicon",
    "Photo credit: KCNA",
    "Be the first to comment",
    "Leave a Reply",
    "Your email address will not be published.",
    "*",
    "Leave a Comment",
    "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
    "This website uses cookies to improve your experience. We'll assume you're ok with this, but you can opt-out if you wish. Accept",
    "UNITED24 - Make a charitable donation in support of Ukraine!",
    "Join the GlobalSecurity.org mailing list",
    "Podcasts",
    "0:00",
    "26:43",
    "29:2",
    # Lines of the same kinds from rtqa-2022's pages (USA TODAY, CNN), reworded here.
    "Follow Jane Roe on Twitter: @janeroe.",
    "Contact Sam Poe at spoe@example.com or follow him on Twitter at @sampoe.",
    "SPORTS NEWSLETTER: Sign up now for daily updates sent to your inbox",
    "Read More",
    "Read more: Storm closes schools across the county",
]
# Above a headline with a byline under it: the site's banner and section name.
MASTHEAD = ["Weapons of Mass Destruction (WMD)"]


@pytest.mark.parametrize("line", DEBRIS)
def test_debris_lines_are_removed(line):
    text = f"Headline\n\n{line}\n\nKim said the talks were a show."
    assert line not in clean_text(text)
    assert "Kim said the talks were a show." in clean_text(text)


def test_article_sentences_that_mention_debris_words_survive():
    keep = [
        "The readers were asked to leave a comment on the proposal, officials said.",
        "Kim said the cookies were a gift from Seoul.",
        "It was the fourth missile this month conducted by North Korea.",
        "Pyongyang’s communication channels with Seoul were cut off on June 9, 2020.",
        "Would you sign up for daily tacos? Or is that nacho thing",
        "At some point there may be a ceiling on how many people want to subscribe to a streaming service.",
        "Read the statement in full below.",
        "The ministry said it would follow the talks closely, a spokesman told reporters on Friday.",
    ]
    cleaned = clean_text("\n\n".join(keep))
    for line in keep:
        assert line in cleaned


def test_every_shipped_article_loses_its_debris_and_keeps_its_body():
    articles, skipped = load_corpus(CORPUS)
    assert skipped == [] and len(articles) == 5
    text = {a.source: a.text for a in articles}
    for a in articles:
        for line in DEBRIS + MASTHEAD:
            assert line not in a.text.splitlines(), (a.source, line)
    assert "It was the fourth missile this month conducted by North Korea" in text["000_6a58d090d41857f6.txt"]
    assert text["004_4020f4be657a3f1f.txt"].rstrip().endswith("the Pentagon and the White House.")
    assert "Sung Kim told reporters." in text["001_fbd13b18b25d8e5d.txt"]


def test_metadata_title_date_sha():
    articles, _ = load_corpus(CORPUS)
    by = {a.source: a for a in articles}
    assert by["002_fd51fa255f66e0e6.txt"].title == "North Korea Dismisses US Calls for Talks"
    assert by["002_fd51fa255f66e0e6.txt"].date == "2021-09-29"
    # the dateline is not the headline
    assert by["004_4020f4be657a3f1f.txt"].title == "North Korea rules out talks with ‘two-faced’ US"
    assert by["004_4020f4be657a3f1f.txt"].date == "2023-11-30"
    # a date in the body's history is not a publication date
    assert by["000_6a58d090d41857f6.txt"].date is None
    assert all(len(a.sha256) == 64 for a in articles)


def test_masthead_above_a_bylined_headline_is_dropped():
    page = "Sections\nWorld News (World)\nStorm Hits Coast\nBy Jane Roe July 1, 2022\n\nThe storm hit on Friday."
    assert drop_masthead(page).startswith("Storm Hits Coast\nBy Jane Roe")
    # No byline, or a sentence above the headline: nothing is dropped.
    assert drop_masthead("Sections\nStorm Hits Coast\n\nThe storm hit on Friday.").startswith("Sections")
    long = "The storm that hit the coast on Friday was the worst in forty years, officials said.\nTitle\nBy Jane Roe\nBody."
    assert drop_masthead(long) == long
    # A dateline between headline and byline is not the headline.
    assert drop_masthead("Storm Hits Coast\n2022-07-01 · example.com\nBy Jane Roe\nBody.").startswith("Storm")


@pytest.mark.parametrize(
    "text,expected",
    [("By Jane Doe September 29, 2021\nBody", "2021-09-29"), ("30 Nov, 2023 18:20\nBody", "2023-11-30"),
     ("Posted 2022-03-01\nBody", "2022-03-01"), ("No date here\nBody", None)],
)
def test_find_date(text, expected):
    assert find_date(text) == expected


def test_bad_files_are_skipped_with_reasons(tmp_path):
    (tmp_path / "good.txt").write_text("Title\n\nKim spoke on Thursday.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "debris-only.md").write_text("Leave a Reply\n*\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x01\x02" * 100)
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 talks\n\nThe envoy met in a caf\xe9.".encode("latin-1"))
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    articles, skipped = load_corpus(tmp_path)
    assert sorted(a.source for a in articles) == ["good.txt", "latin.txt"]
    reasons = {s.source: s.reason for s in skipped}
    assert reasons["empty.txt"] == "empty" and reasons["debris-only.md"] == "empty"
    assert "binary" in reasons["binary.txt"]
    latin = next(a for a in articles if a.source == "latin.txt")
    assert "café" in latin.text and latin.warnings


def test_symlink_out_of_corpus_is_not_followed(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("Secret\n\nThe password is hunter2.")
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Title\n\nBody text.")
    (corpus / "link.txt").symlink_to(outside)
    articles, _ = load_corpus(corpus)
    assert [a.source for a in articles] == ["a.txt"]


def test_missing_or_empty_corpus_is_a_clear_error(tmp_path):
    with pytest.raises(CorpusError, match="not found"):
        load_corpus(tmp_path / "nope")
    with pytest.raises(CorpusError, match=r"no \.txt, \.md, \.jsonl, \.csv or \.html"):
        load_corpus(tmp_path)


def test_read_article_rejects_huge_file(tmp_path, monkeypatch):
    import rag.corpus as corpus

    monkeypatch.setattr(corpus, "MAX_FILE_BYTES", 1000)
    p = tmp_path / "big.txt"
    p.write_text("word " * 1000)
    with pytest.raises(ValueError, match="too large"):
        read_article(p, tmp_path)


def test_invisible_characters_inside_words_are_taken_out():
    """Web text carries zero-width spaces and soft hyphens inside words; they show nothing and would
    split the word for every tokenizer here."""
    assert clean_text("The flight was over\u200b\u200bsold, the news\u00adpaper said.\ufeff") == (
        "The flight was oversold, the newspaper said.")
