"""The app in a real browser: Debian's chromium driven by Playwright for Python.

Type a question, press Enter, watch the answer stream in, follow its [n] marker to the source card,
open the article with the passage highlighted, and check an abstention and a follow-up. Saves
screenshots (to $APP_SCREENSHOT_DIR, default the test's tmp dir) and prints the time from pressing
Enter to the first streamed text and to the finished answer, measured inside the page."""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from app_server import running_app

CHROMIUM = Path("/usr/bin/chromium")
# Playwright's own defaults (5 s for an expect, 30 s for an action) race the app on a busy machine;
# every wait here ends when its condition holds, so a long bound costs nothing and catches hangs.
WAIT_MS = 60_000
TOWN = "What did Jenny Town of the Stimson Center say?"
TOWN_FILE = "002_fd51fa255f66e0e6.txt"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed at /usr/bin/chromium "
                       "(`make browser`, or apt-get install chromium)"),
]

# Timestamps taken in the page (performance.now(), ms): the Enter key, the first answer text in the
# chat, the finished answer (its backend line is rendered last).
TIMER_JS = """
window.__t = {};
document.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !window.__t.enter) window.__t.enter = performance.now();
}, true);
new MutationObserver(() => {
  const t = window.__t, chat = document.querySelector("#chat");
  if (!t.enter || !chat) return;
  const text = chat.querySelector(".answer-text");
  if (!t.first && text && text.textContent.trim()) t.first = performance.now();
  if (!t.done && chat.querySelector(".answer-meta")) t.done = performance.now();
}).observe(document.body, {subtree: true, childList: true, characterData: true});
"""

SCROLLED_TO_PASSAGE = """() => {
  const box = document.querySelector("#article .article-body"), m = document.querySelector("#article mark.passage");
  if (!box || !m) return false;
  const b = box.getBoundingClientRect(), r = m.getBoundingClientRect();
  return box.scrollTop > 0 && r.top >= b.top && r.top < b.bottom;
}"""


def answers_done(n: int) -> str:
    return f"document.querySelectorAll('#chat .answer-meta').length >= {n}"


def ask(page, question: str, n_done: int) -> None:
    page.fill("#question textarea", question)
    page.press("#question textarea", "Enter")
    page.wait_for_function(answers_done(n_done), timeout=WAIT_MS)


def launch(playwright):
    """Debian's chromium, headless, with no network of its own (its background calls would be refused)."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    )


@contextmanager
def app_page(settings, on_error: list[str] | None = None):
    """The app served with `settings`, open in a fresh page of a headless chromium."""
    from playwright.sync_api import sync_playwright

    with running_app(settings) as url, sync_playwright() as p:
        browser = launch(p)
        try:
            page = new_page(browser)
            if on_error is not None:
                page.on("pageerror", lambda e: on_error.append(str(e)))
            page.goto(url)
            page.wait_for_selector("#question textarea")
            yield page
        finally:
            browser.close()


def new_page(browser):
    """A page whose every wait and expect gives up only after WAIT_MS."""
    from playwright.sync_api import expect

    expect.set_options(timeout=WAIT_MS)
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.set_default_timeout(WAIT_MS)
    return page


def test_ask_and_check_the_sources_in_a_browser(settings, tmp_path):
    from playwright.sync_api import expect

    out = Path(os.environ.get("APP_SCREENSHOT_DIR") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    with app_page(settings, errors) as page:
        page.evaluate(TIMER_JS)

        # 1. Ask, press Enter, wait for the streamed answer.
        page.fill("#question textarea", TOWN)
        page.press("#question textarea", "Enter")
        page.wait_for_function("window.__t.done", timeout=WAIT_MS)
        t = page.evaluate("window.__t")
        first_ms, done_ms = t["first"] - t["enter"], t["done"] - t["enter"]

        # 2. The [1] marker in the answer and the sources panel name the right file.
        marker = page.locator("#chat a.cite").first
        expect(marker).to_have_text("[1]")
        assert "nothing new here" in page.inner_text("#chat .answer-text")
        card = page.locator("#src-1-1")
        expect(card).to_contain_text(TOWN_FILE)
        expect(card).to_contain_text("North Korea Dismisses US Calls for Talks")
        expect(card.locator(".src-n")).to_have_text("[1]")
        marker.click()
        expect(card).to_have_class(re.compile(r"\bflash\b"))
        page.screenshot(path=str(out / "app-answer.png"))

        # 3. The whole article, with the cited passage highlighted.
        card.locator(".open-article").click()
        mark = page.locator("#article mark.passage")
        expect(mark).to_be_visible()
        expect(mark).to_contain_text("nothing new here")
        expect(page.locator("#article")).to_contain_text(TOWN_FILE)
        page.wait_for_function(SCROLLED_TO_PASSAGE, timeout=WAIT_MS)  # the article box scrolled to it
        page.screenshot(path=str(out / "app-article.png"))

        # 4. An abstention looks like one, with its nearest sources labelled as such.
        ask(page, "Who won the 2018 World Cup?", 2)
        expect(page.locator("#chat .abstain-box")).to_contain_text("The corpus does not answer this")
        expect(page.locator("#sources .src-head.abstain")).to_contain_text("Nearest sources")
        expect(page.locator("#sources .src-card.nearest").first).to_contain_text("nearest 1")
        page.screenshot(path=str(out / "app-abstain.png"))

        # 5. An older answer's marker brings its own sources back.
        page.locator("#chat a.cite").first.click()
        expect(page.locator("#src-1-1")).to_be_visible()
        expect(page.locator("#sources .src-head")).to_contain_text(TOWN)

        # 6. A follow-up is rewritten into a standalone question, and says so.
        ask(page, "What did Kim Jong Un say about the US offer?", 3)
        ask(page, "and what did his sister say?", 4)
        expect(page.locator("#chat .rewrite").last).to_contain_text("Kim Jong Un")
        expect(page.locator("#sources")).to_contain_text("Kim Yo")
        page.wait_for_timeout(300)
        page.screenshot(path=str(out / "app.png"), full_page=True)
        assert not errors, errors

    timings = {"first_text_ms": round(first_ms), "finished_answer_ms": round(done_ms), "backend": "extractive"}
    (out / "app-timings.json").write_text(json.dumps(timings) + "\n")
    bench_out = Path(__file__).resolve().parents[1] / "bench" / "out"
    if bench_out.is_dir():
        for name in ("app.png", "app-answer.png", "app-article.png", "app-abstain.png", "app-timings.json"):
            shutil.copy(out / name, bench_out / name)
    print(f"\nEnter -> first streamed text: {first_ms:.0f} ms; -> finished answer: {done_ms:.0f} ms "
          f"(extractive); screenshots in {out}")


def test_llm_answer_streams_into_the_page(settings):
    """With an LLM (the scripted OpenAI-compatible server, holding the rest of its reply after the
    first words until the page has shown them), the text is in the page before the answer is
    finished; then its markers are linked."""
    from openai_server import Behaviour, FakeOpenAIServer
    from playwright.sync_api import expect

    reply = ('Jenny Town, a North Korea specialist with the Stimson Center, said "There\'s nothing new here" [1]. '
             "She spoke after Kim Jong Un dismissed the US offer of talks [1].")
    rest = threading.Event()
    with FakeOpenAIServer() as llm:
        # The role event and three words ("Jenny Town, a "), then nothing until `rest` is set.
        llm.enqueue(Behaviour(content=reply, pause_after=4, resume=rest))
        s = settings.model_copy(update={"openai_base_url": llm.base_url, "llm_max_retries": 0})
        with app_page(s) as page:
            try:
                expect(page.locator("#llm-note")).to_have_count(0)  # an LLM is connected
                page.fill("#question textarea", TOWN)
                page.press("#question textarea", "Enter")
                streaming = page.locator("#chat .answer-text.streaming")
                expect(streaming).to_contain_text("Jenny Town")
                # Mid-answer, by construction: the words so far, none of the rest, no finished answer.
                assert "Stimson" not in streaming.inner_text()
                expect(page.locator("#chat .answer-meta")).to_have_count(0)
                rest.set()
                page.wait_for_function(answers_done(1), timeout=WAIT_MS)
                expect(streaming).to_have_count(0)
                expect(page.locator("#chat .answer-text")).to_contain_text("offer of talks")
                expect(page.locator("#chat .answer-meta .badge")).to_have_text("openai")
                expect(page.locator("#chat a.cite").first).to_have_text("[1]")
                expect(page.locator("#src-1-1")).to_contain_text(TOWN_FILE)
            finally:
                rest.set()  # a failed check must not leave the server holding the stream


def test_an_unsupported_sentence_carries_a_visible_warning(settings, tmp_path):
    """The LLM's second sentence cites a real passage that does not say it: the page marks it with
    a warning whose reason shows on hover (its title) and on click; the true sentence is unmarked."""
    from openai_server import FakeOpenAIServer
    from playwright.sync_api import expect

    reply = ('Jenny Town said "There\'s nothing new here" [1]. '
             "Jenny Town said North Korea would rejoin nuclear talks in Geneva next month [1].")
    with FakeOpenAIServer() as llm:
        llm.enqueue(reply)
        s = settings.model_copy(update={"openai_base_url": llm.base_url, "llm_max_retries": 0})
        with app_page(s) as page:
            ask(page, TOWN, 1)
            warning = page.locator("#chat a.claim-warn")
            expect(warning).to_have_count(1)
            expect(warning).to_have_attribute("title", re.compile("not supported by its source"))
            expect(page.locator("#chat .answer-meta")).to_contain_text("1 of 2 sentences verified")
            why = warning.locator(".claim-why")
            expect(why).to_be_hidden()
            warning.click()
            expect(why).to_be_visible()
            page.screenshot(path=str(Path(os.environ.get("APP_SCREENSHOT_DIR", tmp_path)) / "unverified.png"))
