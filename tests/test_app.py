"""The chat app: the /ask API over HTTP, basic auth, the article view's refusal of anything not
indexed, the chat handler (streaming, follow-ups, abstentions, friendly errors) and feedback."""

from __future__ import annotations

import base64
import inspect
import json
import threading

import httpx
import pytest
from app_server import running_app
from gradio.events import EventData, LikeData, SelectData
from gradio_client import Client
from openai_server import FakeOpenAIServer, refused_url

from app import render
from app.handlers import Handlers
from app.main import build_app, serve
from app.server import parse_auth
from rag import REFUSAL, Answer, Citation, InputError, Settings
from rag.feedback import feedback_path, feedback_to_gold, read_feedback, record_feedback

TOWN = "What did Jenny Town of the Stimson Center say?"
TOWN_FILE = "002_fd51fa255f66e0e6.txt"
NOT_IN_CORPUS = "Who won the 2018 World Cup?"
# gradio_client's plain requests (config, joining the queue) wait 5 s, httpx's default: a race with
# the app on a busy machine. Only a hang should take 60 s.
CLIENT = {"verbose": False, "httpx_kwargs": {"timeout": 60}}


def run_chat(h: Handlers, question: str, answers: dict | None = None, chat: list | None = None,
             backend: str = "extractive", top_k: int = 5) -> list[tuple]:
    return list(h.respond(question, chat or [], answers or {}, backend, top_k))


# -- the live app -----------------------------------------------------------------------------


@pytest.mark.slow
def test_ask_api_answers_with_its_source_file(settings):
    with running_app(settings) as url:
        client = Client(url, **CLIENT)
        r = client.predict(TOWN, api_name="/ask")
        assert r["abstained"] is False and r["backend"] == "extractive"
        assert "[1]" in r["answer"] and "nothing new here" in r["answer"]
        assert r["citations"][0]["source"] == TOWN_FILE and r["citations"][0]["n"] == 1
        assert {"source", "title", "text", "score", "n"} <= set(r["citations"][0])
        assert TOWN_FILE in r["sources"]
        json.dumps(r)  # plain JSON all the way down

        # A bad question is an error message, not a traceback; the app keeps answering.
        with pytest.raises(Exception, match="The question is empty") as err:
            client.predict("   ", api_name="/ask")
        assert "Traceback" not in str(err.value)
        assert client.predict(NOT_IN_CORPUS, api_name="/ask")["abstained"] is True


@pytest.mark.slow
def test_basic_auth_guards_every_route(settings):
    guarded = settings.model_copy(update={"app_auth": "alice:s3cret word"})
    good = "Basic " + base64.b64encode(b"alice:s3cret word").decode()
    with running_app(guarded, warm=False) as url:
        for path in ("", "config", "gradio_api/info", "gradio_api/queue/status"):
            r = httpx.get(url + path)
            assert r.status_code == 401, path
            assert r.headers["www-authenticate"].startswith("Basic")
        assert httpx.post(url + "gradio_api/call/ask", json={"data": [TOWN]}).status_code == 401
        assert httpx.get(url, auth=("alice", "wrong")).status_code == 401
        assert httpx.get(url, auth=("bob", "s3cret word")).status_code == 401
        assert httpx.get(url, headers={"Authorization": "Bearer s3cret"}).status_code == 401
        assert httpx.get(url, auth=("alice", "s3cret word")).status_code == 200
        # API clients pass the same header.
        r = Client(url, headers={"Authorization": good}, **CLIENT).predict(TOWN, api_name="/ask")
        assert r["citations"][0]["source"] == TOWN_FILE


def test_bad_auth_setting_is_a_clear_error():
    for bad in ("alice", ":pw", "alice:"):
        with pytest.raises(InputError, match="user:password"):
            parse_auth(bad)
    assert parse_auth("alice:pa:ss") == ("alice", "pa:ss")


def test_binds_loopback_by_default():
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"


def test_layout_offers_the_controls_and_the_llm_hint(settings):
    demo = build_app(settings)
    assert demo.analytics_enabled is False
    config = json.dumps(demo.get_config_file(), default=str)
    for text in ("Re-index corpus", "Backend", "top-k", "OPENAI_BASE_URL", "127.0.0.1:11434/v1"):
        assert text in config
    with_llm = settings.model_copy(update={"openai_base_url": "http://127.0.0.1:9/v1"})
    assert "No LLM connected" not in json.dumps(build_app(with_llm).get_config_file(), default=str)


# -- the article view -------------------------------------------------------------------------


@pytest.mark.parametrize("source", [
    "../pyproject.toml", "/etc/passwd", f"{TOWN_FILE}/../../pyproject.toml", "../corpus/" + TOWN_FILE,
    "__meta__", "", "corpus/" + TOWN_FILE,
])
def test_article_view_shows_only_indexed_articles(settings, source):
    html = Handlers(settings).article_for(source, "anything")
    assert "not in the index" in html
    assert "[tool.pytest" not in html and "root:" not in html


def test_article_view_highlights_the_cited_passage(settings):
    h = Handlers(settings)
    passage = '"There\'s nothing new here," said Jenny Town, a North Korea specialist'
    html = h.article_for(TOWN_FILE, passage, "[1]")
    assert "North Korea Dismisses US Calls for Talks" in html
    assert '<mark class="passage" id="cited-passage">' in html
    marked = html.split('<mark class="passage"', 1)[1].split("</mark>", 1)[0]
    assert "nothing new here" in marked and "[1]" in marked


def test_quoted_sentences_are_tied_to_their_markers():
    text = 'Kim said "no" to talks. [1] His sister agreed with him then. [2][1] Short. [3]'
    assert render.quoted_by_marker(text) == {
        1: ['Kim said "no" to talks.', "His sister agreed with him then."],
        2: ["His sister agreed with him then."],
        3: [],
    }
    html = render.emphasize("x <b> Kim said\n\"no\" to talks. y", ['Kim said "no" to talks.'])
    assert html == 'x &lt;b&gt; <strong class="quoted" title="quoted in the answer">Kim said\n&quot;no&quot; to talks.</strong> y'


def test_markers_naming_several_passages_link_each_known_one():
    html = render.link_markers("Said so [1, 3] and <b>more</b> [2].", 7, known={1, 2})
    assert html == f"Said so {render._marker(7, 1)}[3] and &lt;b&gt;more&lt;/b&gt; {render._marker(7, 2)}."
    # The sentences are rag's: "U.S." does not end one.
    said = "The U.S. envoy said talks could start soon."
    assert render.quoted_by_marker(f"{said} [1, 3]") == {1: [said], 3: [said]}


def test_article_view_escapes_article_text():
    html = render.article_view(
        ("<b>Title</b>", "Intro <script>alert(1)</script>\n\nthe  cited\npassage here. <img src=x onerror=alert(2)>"),
        "a.txt", "the cited passage here.", "[1]",
    )
    assert "<script>" not in html and "<img" not in html and "<b>Title" not in html
    assert "&lt;script&gt;" in html
    assert '<mark class="passage" id="cited-passage"><span class="mark-label">[1]</span>the  cited\npassage here.</mark>' in html


def test_open_article_from_a_source_card(settings):
    h = Handlers(settings)
    *_, (_, _, answers, _, _) = run_chat(h, TOWN)
    html, tabs = h.open_article(answers, EventData(None, {"turn": 1, "n": 1}))
    assert TOWN_FILE in html and "cited-passage" in html and tabs.selected == "article"
    assert '<strong class="quoted"' in html.split('<mark class="passage"', 1)[1].split("</mark>", 1)[0]
    html, _ = h.open_article(answers, EventData(None, {"turn": 7, "n": 1}))
    assert "no longer available" in html


# -- the chat handler -------------------------------------------------------------------------


def test_chat_streams_then_renders_markers_tied_to_the_sources(settings):
    outs = run_chat(Handlers(settings), TOWN)
    first_box, first_chat = outs[0][0], outs[0][1]
    assert first_box == "" and first_chat[-1]["content"] == render.PENDING  # feedback at once
    textbox, chat, answers, sources, tabs = outs[-1]
    assert chat[0] == {"role": "user", "content": TOWN}
    msg = chat[1]["content"]
    assert '<a class="cite" href="#src-1-1"' in msg and "nothing new here" in msg
    assert "extractive" in msg
    assert 'id="src-1-1"' in sources and TOWN_FILE in sources and "North Korea Dismisses US Calls for Talks" in sources
    assert "score 0.0" in sources and "[1]" in sources
    # The sentence the answer quotes is picked out inside the passage.
    assert '<strong class="quoted" title="quoted in the answer">&quot;There&#x27;s nothing new here,&quot;' in sources
    assert answers[1]["citations"][0]["source"] == TOWN_FILE


def test_llm_answer_streams_in_pieces(settings):
    with FakeOpenAIServer() as server:
        server.enqueue(lambda body: 'Jenny Town said "There\'s nothing new here" [1]. She works at the Stimson Center [1].')
        s = settings.model_copy(update={"openai_base_url": server.base_url, "llm_max_retries": 0})
        outs = run_chat(Handlers(s), TOWN, backend="openai")
    streamed = [o[1][-1]["content"] for o in outs if "streaming" in str(o[1][-1]["content"])]
    assert len(streamed) > 2  # the text grew piece by piece
    final = outs[-1][1][-1]["content"]
    assert "openai" in final and "#src-1-1" in final


def test_follow_up_is_rewritten_and_shown(settings):
    h = Handlers(settings)
    *_, (_, chat, answers, _, _) = run_chat(h, "What did Kim Jong Un say about the US offer?")
    *_, (_, chat, answers, sources, _) = run_chat(h, "and what did his sister say?", answers, chat)
    msg = chat[-1]["content"]
    assert "Follow-up read as" in msg and "Kim Jong Un" in msg
    assert answers[3]["rewritten_question"] and "sister" in answers[3]["rewritten_question"]
    assert "Kim Yo" in msg


def test_abstention_is_unmistakable(settings):
    *_, (_, chat, answers, sources, _) = run_chat(Handlers(settings), NOT_IN_CORPUS)
    msg = chat[-1]["content"]
    assert "The corpus does not answer this" in msg and REFUSAL in msg
    assert 'class="cite"' not in msg
    assert "Nearest sources" in sources and "do not support an answer" in sources
    assert "nearest 1" in sources and "[1]" not in sources


@pytest.mark.parametrize("question", ["", "   ", "?!?", "x" * 5000])
def test_bad_questions_are_friendly_messages(settings, question):
    outs = run_chat(Handlers(settings), question)
    msg = outs[-1][1][-1]["content"]
    assert "error-box" in msg and "Could not answer" in msg and "Traceback" not in msg


def test_llm_down_is_a_friendly_message_and_the_app_keeps_working(settings):
    s = settings.model_copy(update={"openai_base_url": refused_url(), "llm_max_retries": 0, "llm_timeout": 2.0})
    h = Handlers(s)
    *_, (_, chat, answers, _, _) = run_chat(h, TOWN, backend="openai")
    msg = chat[-1]["content"]
    assert "Could not answer" in msg and "Traceback" not in msg and answers == {}
    *_, (_, chat, answers, _, _) = run_chat(h, TOWN, answers, chat, backend="extractive")
    assert "#src-3-1" in chat[-1]["content"] and 3 in answers


def test_openai_without_an_endpoint_says_how_to_connect_one(settings):
    outs = run_chat(Handlers(settings), TOWN, backend="openai")
    msg = outs[-1][1][-1]["content"]
    assert "No LLM is connected" in msg and "OPENAI_BASE_URL" in msg and len(outs) == 2


def test_fallback_and_backend_are_shown():
    from rag import Answer, Citation

    cite = Citation(n=1, source="a.txt", chunk_id="a#1", text="Kim spoke at length today.", score=0.01)
    a = Answer(question="q", answer="Kim spoke at length today. [1]", backend="extractive", citations=[cite],
               fallback=True)
    assert "extractive fallback" in render.answer_message(a, 1) and "LLM failed" in render.answer_message(a, 1)
    b = a.model_copy(update={"backend": "openai", "fallback": False})
    assert "openai" in render.answer_message(b, 1) and "fallback" not in render.answer_message(b, 1)


def test_select_shows_that_answers_sources(settings):
    h = Handlers(settings)
    *_, (_, chat, answers, _, _) = run_chat(h, TOWN)
    *_, (_, chat, answers, sources, _) = run_chat(h, NOT_IN_CORPUS, answers, chat)
    assert "Nearest sources" in sources
    html, tabs = h.show_turn(answers, SelectData(None, {"index": 1, "value": ""}))
    assert 'id="src-1-1"' in html and tabs.selected == "sources"
    html, _ = h.show_turn(answers, SelectData(None, {"index": 0, "value": ""}))  # the question
    assert 'id="src-1-1"' in html


def test_text_from_articles_and_questions_is_escaped(settings):
    *_, (_, chat, _, _, _) = run_chat(Handlers(settings), "<img src=x onerror=alert(1)> What did Jenny Town say?")
    assert "<img" not in chat[0]["content"] and "&lt;img" in chat[0]["content"]
    assert "<img" not in chat[1]["content"]


def test_status_and_reindex_with_progress(tmp_path, corpus_copy):
    for f in sorted(corpus_copy.iterdir())[1:]:
        f.unlink()  # one article keeps this quick
    s = Settings(data_dir=tmp_path / "fresh", corpus_dir=corpus_copy)
    h = Handlers(s)
    assert "empty" in h.status()
    seen = []

    def progress(value, desc=None):
        seen.append((value, desc))

    status = h.reindex(progress=progress)
    assert "1 articles" in status and "1 added" in status
    assert seen[-1][0] == pytest.approx(1.0) and "Embedding" in seen[-1][1]
    assert "1 articles" in h.status()


# -- feedback ---------------------------------------------------------------------------------


def test_thumbs_down_is_logged_with_the_answer_and_citations(settings, tmp_path):
    s = settings.model_copy(update={"data_dir": tmp_path / "fb"})  # the shared index stays read-only
    h = Handlers(settings)
    *_, (_, chat, answers, _, _) = run_chat(h, TOWN)
    h2 = Handlers(s)
    h2.like(answers, LikeData(None, {"index": 1, "value": chat[1]["content"], "liked": False}))
    h2.like(answers, LikeData(None, {"index": 0, "value": "a question", "liked": True}))  # not an answer
    h2.like(answers, LikeData(None, {"index": 1, "value": "", "liked": "something else"}))
    rows = read_feedback(feedback_path(s))
    assert len(rows) == 1
    row = rows[0]
    assert row["vote"] == "down" and row["question"] == TOWN and row["backend"] == "extractive"
    assert "nothing new here" in row["answer"] and row["ts"]
    assert row["citations"][0]["source"] == TOWN_FILE and row["citations"][0]["chunk_id"] and row["citations"][0]["text"]


def test_record_feedback_rejects_unknown_votes(tmp_path):
    with pytest.raises(ValueError):
        record_feedback(Settings(data_dir=tmp_path), {"vote": "meh"})


def test_feedback_survives_concurrent_writers(tmp_path):
    s = Settings(data_dir=tmp_path / "data")
    big = "x" * 5000  # longer than a pipe buffer page, so a torn write would show

    def writer(t: int) -> None:
        for i in range(50):
            record_feedback(s, {"vote": "up" if i % 2 else "down", "question": f"q{t}-{i}", "answer": big,
                                "citations": [{"source": "a.txt", "chunk_id": "a#1", "text": "é ✓ \n quoted"}]})

    threads = [threading.Thread(target=writer, args=(t,)) for t in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lines = feedback_path(s).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 400
    rows = [json.loads(line) for line in lines]  # every line is whole, valid JSON
    assert {r["question"] for r in rows} == {f"q{t}-{i}" for t in range(8) for i in range(50)}
    assert all(r["answer"] == big for r in rows)


@pytest.mark.subprocess
def test_feedback_survives_concurrent_processes(tmp_path):
    import subprocess
    import sys

    data = tmp_path / "data"
    code = (
        "import sys\nfrom rag.feedback import record_feedback\nfrom rag.config import Settings\n"
        "s = Settings(data_dir=sys.argv[1])\n"
        "for i in range(50): record_feedback(s, {'vote': 'down', 'question': f'{sys.argv[2]}-{i}', 'answer': 'y' * 3000})\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", code, str(data), f"p{k}"]) for k in range(4)]
    assert all(p.wait(timeout=120) == 0 for p in procs)
    rows = [json.loads(line) for line in (data / "feedback.jsonl").read_text().splitlines()]
    assert len(rows) == 200 and len({r["question"] for r in rows}) == 200


def test_feedback_to_gold_turns_thumbs_down_into_review_rows(tmp_path):
    s = Settings(data_dir=tmp_path)
    cite = lambda src: {"source": src, "chunk_id": src + "#1", "text": "t"}  # noqa: E731
    record_feedback(s, {"vote": "down", "question": "Who met whom?", "answer": "Wrong [1][2].", "backend": "openai",
                        "citations": [cite("b.txt"), cite("a.txt"), cite("b.txt")]})
    record_feedback(s, {"vote": "up", "question": "What did Jenny Town say?", "answer": "Right [1].",
                        "citations": [cite("c.txt")]})
    record_feedback(s, {"vote": "down", "question": "Changed my mind?", "answer": "x", "citations": []})
    record_feedback(s, {"vote": "up", "question": "changed my  mind?", "answer": "x", "citations": []})
    with feedback_path(s).open("a") as f:
        f.write("not json\n\n")
    rows = feedback_to_gold(feedback_path(s))
    assert len(rows) == 1
    row = rows[0]
    assert row["question"] == "Who met whom?" and row["answer"] is None
    assert row["sources"] == ["b.txt", "a.txt"] and row["type"] == "fact" and row["needs_review"] is True
    assert row["bad_answer"] == "Wrong [1][2]." and row["id"].startswith("feedback-")
    assert feedback_to_gold(tmp_path / "missing.jsonl") == []


# -- news: outlets, dates, the story's other carriers, filters ----------------------------------


def test_source_card_and_api_show_outlet_date_and_the_other_carriers():
    from rag import Answer, Carrier, Citation

    cite = Citation(n=1, source="wire.jsonl#17", chunk_id="c", text="Kim spoke at length today.", score=0.01,
                    title="Kim speaks", date="2021-09-30", outlet="Example <Wire>", url="https://example.com/kim",
                    also_in=[Carrier(source="copy.html", outlet="The Courier", date="2021-10-01")])
    a = Answer(question="q", answer="Kim spoke at length today. [1]", backend="extractive", citations=[cite])
    html = render.sources_panel(a, 1)
    assert "wire.jsonl#17</code> · Example &lt;Wire&gt; · 2021-09-30" in html
    assert "Also in 1 other article:" in html and "copy.html</code> · The Courier · 2021-10-01" in html
    from app.handlers import api_result

    c = api_result(a)["citations"][0]
    assert (c["outlet"], c["date"], c["url"]) == ("Example <Wire>", "2021-09-30", "https://example.com/kim")
    assert c["also_in"] == [{"source": "copy.html", "title": "", "outlet": "The Courier", "date": "2021-10-01",
                             "url": None}]
    json.dumps(c)


def test_chat_filters_by_date_and_says_so_when_the_range_is_bad(settings):
    h = Handlers(settings)
    *_, (_, chat, answers, sources, _) = run_chat_filtered(h, TOWN, since="2021-09-01", until="2021-09-30")
    assert all(c["date"] and "2021-09-01" <= c["date"] <= "2021-09-30" for c in answers[1]["contexts"])
    assert TOWN_FILE in sources and "2021-09-29" in sources
    outs = run_chat_filtered(h, TOWN, since="2021-10-01", until="2021-09-01")
    msg = outs[-1][1][-1]["content"]
    assert "Could not answer" in msg and "since (2021-10-01) is after until (2021-09-01)" in msg
    outs = run_chat_filtered(h, TOWN, outlets=["Nowhere Daily"])
    assert "No indexed article is from" in outs[-1][1][-1]["content"]


def run_chat_filtered(h: Handlers, question: str, **filters) -> list[tuple]:
    return list(h.respond(question, [], {}, "extractive", 5, filters.get("since", ""), filters.get("until", ""),
                          filters.get("outlets")))


def test_layout_offers_date_range_and_outlets(settings):
    config = json.dumps(build_app(settings).get_config_file(), default=str)
    for text in ("Published since", "Published until", "Outlets"):
        assert text in config


def test_ask_api_takes_filters(settings):
    with running_app(settings) as url:
        client = Client(url, verbose=False)
        r = client.predict(TOWN, "2021-09-29", "2021-09-29", "", api_name="/ask")
        assert r["citations"] and all(c["date"] == "2021-09-29" for c in r["citations"])
        with pytest.raises(Exception, match="until must be a date"):
            client.predict(TOWN, "", "soon", "", api_name="/ask")


def test_an_abstention_says_why_and_unsupported_sentences_are_marked():
    from app.render import answer_message
    from rag import Claim

    no = Answer(question="q", answer="No answer.", abstained=True, backend="extractive",
                abstain_reason="no retrieved article mentions 'Lisbon'")
    assert "Why: no retrieved article mentions &#x27;Lisbon&#x27;." in answer_message(no, 1)
    yes = Answer(
        question="q", answer="Kim spoke on Wednesday [1]. He met Putin [1].", backend="openai",
        citations=[Citation(n=1, source="a.txt", chunk_id="a#1", text="Kim spoke on Wednesday.", score=1.0)],
        claims=[Claim(text="Kim spoke on Wednesday.", markers=[1], supported=True, reason="found"),
                Claim(text="He met Putin.", markers=[1], supported=False, reason="name putin not in the passage")],
    )
    html = answer_message(yes, 2)
    assert html.count("claim-warn") == 1 and "name putin not in the passage" in html
    assert html.index("He met Putin") < html.index("claim-warn")  # the mark follows its sentence
    assert "1 of 2 sentences verified" in html
