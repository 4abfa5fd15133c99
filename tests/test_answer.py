"""The chain end to end with the extractive backend over the real index, and its pieces."""

from __future__ import annotations

import pytest
from gold_small import ANSWERABLE, UNANSWERABLE

from rag import REFUSAL, Answer, InputError, query, stream
from rag.cite import resolve_markers
from rag.retrieve import Hit


def _hit(i: int, source: str) -> Hit:
    return Hit(chunk_id=f"{source}#x-{i}", text=f"passage {i}", metadata={"source": source, "title": "T"}, score=1 / (60 + i), similarity=0.5)


def test_markers_are_renumbered_in_citation_order_and_bogus_ones_dropped():
    hits = [_hit(1, "a.txt"), _hit(2, "b.txt"), _hit(3, "c.txt")]
    text, cites, dropped = resolve_markers("First [3]. Second [1][9]. Third [3, 1]. Fourth [0].", hits)
    assert text == "First [1]. Second [2]. Third [1][2]. Fourth."
    assert [(c.n, c.source) for c in cites] == [(1, "c.txt"), (2, "a.txt")]
    assert dropped == 2


@pytest.mark.parametrize("question,expected", ANSWERABLE)
def test_gold_questions_cite_the_right_file_first(settings, question, expected):
    a = query(question, settings=settings)
    assert not a.abstained, a.abstain_reason
    assert a.citations and a.citations[0].source in expected
    assert a.backend == "extractive"
    # every sentence carries a marker, and every marker names a citation
    assert a.answer.rstrip().endswith("]")
    import re

    assert {int(n) for n in re.findall(r"\[(\d+)\]", a.answer)} == {c.n for c in a.citations}


def test_gold_retrieval_hit_rate_and_mrr(settings):
    hits, rr = 0, 0.0
    for question, expected in ANSWERABLE:
        files = [c.source for c in query(question, settings=settings).contexts]
        rank = next((i + 1 for i, f in enumerate(files) if f in expected), None)
        hits += rank is not None
        rr += 1 / rank if rank else 0
    assert hits / len(ANSWERABLE) == 1.0
    assert rr / len(ANSWERABLE) >= 0.75


@pytest.mark.parametrize("question", UNANSWERABLE)
def test_unanswerable_questions_abstain_and_still_list_sources(settings, question):
    a = query(question, settings=settings)
    assert a.abstained, a.answer
    assert a.answer == REFUSAL
    assert a.abstain_reason
    assert 1 <= len(a.citations) <= 3 and a.contexts


def test_answer_shape_and_timings(settings):
    a = query("What did Jenny Town say?", settings=settings, top_k=3)
    assert isinstance(a, Answer)
    assert len(a.contexts) == 3
    assert {"retrieve_ms", "answer_ms", "total_ms"} <= set(a.timings)
    assert all(v >= 0 for v in a.timings.values())
    assert Answer.model_validate_json(a.model_dump_json()) == a


def test_stream_yields_text_then_the_answer(settings):
    s = stream("What did Jenny Town of the Stimson Center say?", settings=settings)
    parts = list(s)
    assert isinstance(s.answer, Answer)
    assert all(isinstance(p, str) and p for p in parts) and parts
    assert "".join(parts) == s.answer.answer  # streamed markers already use the final numbers


@pytest.mark.parametrize("bad", ["", "   \n\t ", "?!?...", "x" * 4001, "\x00\x01\x02"])
def test_bad_questions_raise_input_error(settings, bad):
    with pytest.raises(InputError):
        query(bad, settings=settings)


def test_control_characters_are_removed_not_fatal(settings):
    a = query("What did Jenny\x00 Town say\x07 about the North's strategy?", settings=settings)
    assert not a.abstained and a.question == "What did Jenny Town say about the North's strategy?"


def test_invisible_characters_inside_a_word_are_taken_out(settings):
    """A zero-width space or a soft hyphen pasted inside a word does not split it ("Jen\u200bny")."""
    a = query("What did Jen\u200b\u200bny To\u00adwn say about the North's strategy?", settings=settings)
    assert a.question == "What did Jenny Town say about the North's strategy?" and not a.abstained


@pytest.mark.parametrize("asked,direct_form", [
    ("Can you tell me which cyclone hit Fiji?", "Which cyclone hit Fiji?"),
    ("Please tell me, who won?", "Who won?"),
    ("I'd like to know when the bridge opened.", "When the bridge opened?"),
    ("Do you know in which city the office was?", "In which city the office was?"),
    ("Can you tell me about the strike?", "Can you tell me about the strike?"),  # no wh-word: as it stands
    ("Who can tell me nothing?", "Who can tell me nothing?"),
])
def test_a_request_around_a_question_is_taken_off(asked, direct_form):
    from rag.inputs import direct

    assert direct(asked) == direct_form


def test_a_question_asked_as_a_request_gets_the_questions_answer(settings):
    asked = "Can you tell me on which day did Kim Jong Un make his speech to the Supreme People's Assembly?"
    a = query(asked, backend="extractive", settings=settings)
    plain = query("On which day did Kim Jong Un make his speech to the Supreme People's Assembly?",
                  backend="extractive", settings=settings)
    assert a.question == asked and a.rewritten_question is None  # no follow-up was rewritten
    assert not a.abstained and a.short_answer == plain.short_answer == "Thursday"


def test_first_query_builds_the_index(tmp_path, corpus_copy):
    from rag.config import Settings

    s = Settings(data_dir=tmp_path / "fresh", corpus_dir=corpus_copy)
    a = query("What did Jenny Town say about North Korea's strategy?", settings=s)
    assert a.citations[0].source == "002_fd51fa255f66e0e6.txt"
    assert (tmp_path / "fresh" / "chroma").is_dir()


class _CountingEmbedder:
    """The real embedder, recording which texts the answerer asks it to embed."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.asked: list[list[str]] = []

    def get_query_embedding(self, q: str) -> list[float]:
        return self.inner.get_query_embedding(q)

    def encode(self, texts: list[str]) -> list[list[float]]:
        self.asked.append(list(texts))
        return self.inner.encode(texts)


def test_a_description_embeds_only_its_best_sentences(settings):
    """The extractive answerer weighs the meaning of at most EMBED_AT_MOST sentences (the best by
    the question's words, a few per passage), and its answer is made of them."""
    from rag.backends import Passage
    from rag.backends.extractive import EMBED_AT_MOST, ExtractiveAnswerer
    from rag.engine import engine_for
    from rag.text import sentences

    question = "What did Kim say about the United States in his speech?"
    engine = engine_for(settings)
    engine.ensure_index()
    hits = engine.retriever.retrieve(question, 5)
    passages = [Passage(i + 1, h.metadata["source"], h.metadata.get("title", ""), h.text) for i, h in enumerate(hits)]
    available = [s for p in passages for s in sentences(p.text) if len(s) >= 25]

    class Counting:  # the real engine, recording what the answerer asks its embedder to embed
        def __init__(self) -> None:
            self.embedder = _CountingEmbedder(engine.embedder)
            self.retriever, self.nlp, self.parse = engine.retriever, engine.nlp, engine.parse

    counting = Counting()
    draft = ExtractiveAnswerer(settings, counting).answer(question, passages)
    assert not draft.refused and draft.short_answer is None  # a description: sentences
    (asked,) = counting.embedder.asked
    assert len(available) > 2 * EMBED_AT_MOST  # there was a real choice to make
    assert len(asked) == EMBED_AT_MOST
    chosen = [part.rsplit(" [", 1)[0] for part in draft.text.split("] ") if part]
    assert chosen and all(c in asked for c in chosen)


def test_embedding_only_the_best_sentences_gives_the_same_answers_as_embedding_all(settings, monkeypatch):
    """The cap is a speed-up, not a change of answers: on every gold question (the eval set and
    the small set) the answers equal those of the answerer that embeds every sentence."""
    import rag.backends.extractive as ex
    import rag.reader as reader
    from evals.gold import load_gold

    questions = [q for q, _ in ANSWERABLE] + list(UNANSWERABLE) + [g.question for g in load_gold()]
    capped = [query(q, settings=settings).answer for q in questions]
    monkeypatch.setattr(ex, "EMBED_AT_MOST", 10_000)
    monkeypatch.setattr(reader, "DESCRIBE_AT_MOST", 10_000)  # the reader hands on every sentence
    everything = [query(q, settings=settings).answer for q in questions]
    assert capped == everything


def test_a_name_found_through_a_description_is_quoted_with_it_each_sentence_cited(settings):
    """"... the company has cut air conditioning" answers "Which company ...?" only with the sentence
    before, which names it: both are quoted, each with its own marker, so each is checked."""
    from rag.annotate import annotate
    from rag.backends import Passage
    from rag.backends.extractive import ExtractiveAnswerer
    from rag.engine import engine_for
    from rag.judge import check_claim
    from rag.text import sentences

    text = ("Retailers want their sales to be hot, not their customers. But Harbor Foods is reportedly dealing "
            "with heated customers at its stores.\n\nA new report from analysts at Goldman Sachs claims that the "
            "company has cut air conditioning in its stores to lower expenses.")
    engine = engine_for(settings)
    engine.ensure_index()
    (ann,) = annotate([text], engine.nlp())
    passage = Passage(1, "harbor.txt", "Retail woes", text, ann=ann, date="2022-06-28")
    draft = ExtractiveAnswerer(settings, engine).answer("Which company cut the air conditioning in its stores?",
                                                        [passage])
    assert draft.short_answer == "Harbor Foods"
    said = sentences(draft.text)
    assert len(said) == 3 and all(s.rstrip(".").endswith("[1]") for s in said), draft.text
    assert "But Harbor Foods is reportedly" in said[1] and "the company has cut" in said[2]
    assert all(check_claim(s.rsplit(" [", 1)[0].strip("“”"), [text]).supported for s in said[1:])


def test_who_is_a_named_person_gets_what_the_articles_say_they_are(settings):
    a = query("Who is Jenny Town?", settings=settings)
    assert not a.abstained and a.short_answer is None, a.abstain_reason  # a sentence, not another name
    assert "a North Korea specialist with the Washington-based Stimson Center" in a.answer


def test_which_with_a_plural_lists_every_name_the_best_sentence_gives(settings):
    """"Which countries ...?" is answered with all three the article names, as a reader lists them."""
    a = query("Which countries asked for the emergency Security Council meeting on North Korea?", settings=settings)
    assert a.short_answer == "United States, France and United Kingdom"
    assert a.answer.startswith("United States, France and United Kingdom [")


def test_a_name_beside_the_best_joins_the_answer_only_in_one_list_with_it():
    """"Which two bills ...?": the other name of the list ("the Harbor Act") joins the best, not
    "Emily Carter" of "Emily Carter's comments come as ..." (the parse ties neither to "bills")."""
    from types import SimpleNamespace

    from rag.backends.extractive import _listed

    text = "Emily Carter's comments come as Oakdale pushes two bills -- the Lund Parks Act and the Harbor Act -- now."

    def at(name: str) -> SimpleNamespace:
        return SimpleNamespace(span=(text.index(name), text.index(name) + len(name)))

    best = at("Lund Parks Act")
    assert _listed(at("Harbor Act"), [best], text)
    assert not _listed(at("Emily Carter"), [best], text)
    assert _listed(at("Lund Parks Act"), [at("Harbor Act")], text)  # before the chosen one too
