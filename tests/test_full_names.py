"""A name a passage gives short (a surname, an organisation's initials) is answered as its article
gives it in full, citing the passage of that article that does: over a real index, the answer and
its stream."""

from __future__ import annotations

import pytest

from rag import build_index, query, stream
from rag.config import Settings
from rag.types import Answer

LEAD = ("Harbor Foods chief executive Maria Alvarez said on Monday that the grocer would cut 300 jobs at its "
        "head office in Lund as sales of frozen meals slow.")
FILLER = [
    "The company has struggled since a warehouse fire in March destroyed a third of its stock of canned soup, "
    "and shoppers have moved to cheaper store brands sold by rivals across the region.",
    "Union leaders at the Lund office called the cuts a betrayal of workers who stayed through the pandemic, "
    "and said they would ask the city council to review tax breaks the grocer received in 2019.",
    "Analysts at Northwind Capital lowered their forecast for the grocer's annual revenue, citing weak demand "
    "for frozen meals and the cost of rebuilding the warehouse that burned in the spring.",
    "Shares of the company fell 4% in morning trading after the announcement, their lowest level since the "
    "grocer listed on the exchange eleven years ago, before recovering slightly by the close.",
]
QUOTE = ("“We will reopen the Oakdale bakery by the end of the summer and hire back every baker,” Alvarez told "
         "reporters outside the shuttered plant.")
QUESTION = "Who said the Oakdale bakery would reopen by the end of the summer?"


@pytest.fixture(scope="module")
def harbor(tmp_path_factory, model_cache) -> Settings:
    root = tmp_path_factory.mktemp("names")
    corpus = root / "corpus"
    corpus.mkdir()
    text = "Harbor Foods to cut 300 jobs\n\n" + "\n\n".join([LEAD, *FILLER, QUOTE]) + "\n"
    (corpus / "harbor.txt").write_text(text, encoding="utf-8")
    s = Settings(data_dir=root / "data", corpus_dir=corpus, model_cache=model_cache)
    build_index(s)
    return s


def _check(a: Answer) -> None:
    assert not a.abstained, a.abstain_reason
    assert a.short_answer == "Maria Alvarez"
    assert a.answer.startswith("Maria Alvarez [1][2]."), a.answer
    first, second = a.citations[:2]
    assert first.source == second.source == "harbor.txt"
    assert "Alvarez told reporters" in first.text and "Maria Alvarez" not in first.text
    assert "Maria Alvarez" in second.text
    assert a.claims and all(c.supported for c in a.claims), a.claims


def _one_article(tmp_path, model_cache, name: str, text: str) -> Settings:
    """A corpus of the one article `text`, indexed."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / name).write_text(text, encoding="utf-8")
    s = Settings(data_dir=tmp_path / "data", corpus_dir=corpus, model_cache=model_cache)
    build_index(s)
    return s


def test_a_surname_is_answered_with_the_full_name_and_the_passage_that_gives_it(harbor):
    # One passage retrieved: the quotation's. The full name is in the article's first chunk.
    a = query(QUESTION, settings=harbor, backend="extractive", top_k=1)
    _check(a)
    assert len(a.contexts) == 2  # the retrieved passage and the one the name was taken from


def test_the_stream_numbers_the_added_passage_too(harbor):
    s = stream(QUESTION, settings=harbor, backend="extractive", top_k=1)
    streamed = "".join(s)
    assert streamed.startswith("Maria Alvarez [1][2].")
    _check(s.answer)


def test_a_surname_two_people_of_the_article_share_stays_a_surname(tmp_path, model_cache):
    text = ("Harbor Foods to cut 300 jobs\n\n" + "\n\n".join([LEAD.replace("on Monday", "and her brother Luis "
            "Alvarez, the finance chief, said on Monday"), *FILLER, QUOTE]) + "\n")
    s = _one_article(tmp_path, model_cache, "harbor.txt", text)
    a = query(QUESTION, settings=s, backend="extractive", top_k=1)
    assert a.short_answer == "Alvarez" and a.answer.startswith("Alvarez [1]."), a.answer


def test_what_news_writes_short_for_a_name():
    from rag.mentions import shortens

    assert shortens("Alvarez", "Maria Alvarez") and not shortens("Alvarez", "No Alvarez")
    assert shortens("GM", "General Motors", "ORG") and shortens("BBB", "Bed Bath & Beyond", "ORG")
    assert not shortens("Board", "Twitter Board", "ORG")  # a generic word: "Twitter's board"
    assert not shortens("Gm", "General Motors", "ORG") and not shortens("Motors", "Motors", "ORG")


def test_a_store_that_fails_the_lookup_leaves_the_answer_as_the_passage_gives_it(harbor, monkeypatch):
    from rag.engine import engine_for

    retriever = engine_for(harbor).retriever
    read = retriever.store.chunks.get

    def broken(*args, **kwargs):  # the article's names are read by source; the passages themselves by id
        if "where" in kwargs:
            raise RuntimeError("the store went away")
        return read(*args, **kwargs)

    monkeypatch.setattr(retriever, "_names", {})
    monkeypatch.setattr(retriever.store.chunks, "get", broken)
    a = query(QUESTION, settings=harbor, backend="extractive", top_k=1)
    assert not a.abstained and a.answer.startswith("Alvarez [1]."), a.answer


def test_an_organisation_given_by_one_of_its_words_is_answered_by_its_full_name(tmp_path, model_cache):
    """"Northwind" where the article's first passage says "Northwind Air Lines": the full name, and
    the passage that gives it cited too; a word the article also writes in lower case is a common
    noun, and stays as written."""
    from rag.backends.extractive import _longer
    from rag.retrieve import Hit

    text = ("Airline asks for no-fly list\n\nNorthwind Air Lines cancelled 200 flights on Friday after a storm "
            "closed two of its hubs.\n\n" + "\n\n".join(f for f in FILLER if "Northwind" not in f)
            + "\n\nIn a letter to the transport secretary on "
            "Thursday, Northwind asked for a national no-fly list of unruly passengers.\n")
    s = _one_article(tmp_path, model_cache, "northwind.txt", text)
    a = query("Which company asked the transport secretary for a national no-fly list?",
              settings=s, backend="extractive", top_k=1)
    assert a.short_answer == "Northwind Air Lines", a.answer
    assert "Northwind Air Lines" in a.citations[1].text and "Air Lines" not in a.citations[0].text
    names = {name: ("ORG", Hit(f"c{i}", f"{name} met on Friday.", {}, 0.0, None))
             for i, name in enumerate(["Twitter Board", "Acme Air Lines"])}
    assert _longer("Board", names, ["Twitter's board met on Friday."]) == []
    assert _longer("Acme", names, ["Acme said on Friday it would cut flights."]) == ["Acme Air Lines"]
    # not a longer name the answer's own sentence contradicts: there "Acme" goes on as "Acme Falcons"
    assert _longer("Acme", names, ["Acme said on Friday it would cut flights."],
                   "The Acme Falcons quarterback was traded on Friday.") == []
    assert _longer("Acme", names, ["Acme said on Friday it would cut flights."],
                   "Acme Air Lines cut flights; Acme said so on Friday.") == ["Acme Air Lines"]


def test_an_organisation_cut_short_by_the_model_is_given_as_its_sentence_goes_on():
    """"Cleveland" (all the small model labels of "the Cleveland Browns quarterback") is "Cleveland Browns" where
    the article writes that again; not a title before a name, a day, or a name the article gives once."""
    from rag.backends.extractive import _grown

    article = "The Cleveland Browns signed him in March. Days later, the Cleveland Browns quarterback was suspended."
    assert _grown("Cleveland", "Days later, the Cleveland Browns quarterback was suspended.", article) == \
        "Cleveland Browns"
    assert _grown("Cleveland", "He joined the Cleveland Browns.", article) == "Cleveland Browns"
    assert _grown("Cleveland", "He joined the Cleveland Browns.", "He joined the Cleveland Browns.") is None
    titled = "Commerce Secretary Gina Raimondo spoke. Commerce Secretary Gina Raimondo left."
    assert _grown("Commerce", "Commerce Secretary Gina Raimondo spoke.", titled) is None
    assert _grown("Acme", "Acme Tuesday said it would cut flights.", "Acme Tuesday said. Acme Tuesday cut.") is None


def test_a_place_the_article_names_in_its_lead_need_not_be_in_the_passage_that_answers(tmp_path, model_cache):
    """A story names its subject once, at the top: "Which company told customers in California ...?"
    is answered by a later passage that never names California, since the article's lead does
    ("the California maker")."""
    text = ("Hot sauce maker halts production\n\nNorthwind Foods, the California maker of a popular hot sauce, has "
            "warned shops of empty shelves.\n\n" + "\n\n".join(f for f in FILLER if "Northwind" not in f)
            + "\n\nNorthwind Foods told customers on Tuesday that it would halt production of its sauce until "
            "September because of a shortage of chili peppers.\n")
    s = _one_article(tmp_path, model_cache, "sauce.txt", text)
    a = query("Which company told customers in California it would halt production of its sauce until September "
              "because of a shortage of chili peppers?", settings=s, backend="extractive", top_k=1)
    assert a.short_answer == "Northwind Foods", a.answer
    assert "California" not in a.citations[0].text  # the passage cited does not name the place itself


def test_a_name_is_given_without_the_lower_case_words_the_model_ran_into_it():
    """The small model may run a word before a name into it ("If DeSantis versus Newsom ..." gives
    the person "versus Newsom"): a name is capitalised, and so is the answer."""
    from rag.mentions import capitalised_name, full_name

    assert capitalised_name("versus Newsom") == "Newsom"
    assert capitalised_name("Bill de Blasio") == "Bill de Blasio"  # a particle inside a name stays
    text = "If Reed versus Lundqvist ever moves beyond a shouting match, Oakdale will decide."
    ann = {"e": [[3, 7, "PERSON", ""], [8, 24, "PERSON", ""]]}
    assert text[8:24] == "versus Lundqvist"
    assert full_name("Lundqvist", text, ann) == "Lundqvist"
