"""The look and the little bit of browser behaviour: CSS, a document-level script, the theme.

Kept as strings (not files) so the package needs no data files to find at run time."""

from __future__ import annotations

import gradio as gr

# System fonts only: the default theme would fetch Google Fonts, and the app must work offline.
THEME = gr.themes.Soft(
    primary_hue="indigo",
    neutral_hue="slate",
    font=["ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"],
    font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"],
)

CSS = """
.gradio-container { max-width: 1400px !important; margin: 0 auto; }
#app-title h1 { margin: 0 0 2px 0; font-size: 1.6rem; }
#app-title p { margin: 0; color: var(--body-text-color-subdued); }
#llm-note { background: #fff8e1; border: 1px solid #f3d27a; border-radius: 8px; padding: 6px 12px; }
#llm-note p { margin: 0; font-size: 0.9rem; }
#status-line p { margin: 0; }
#reindex { align-self: flex-start; flex-grow: 0 !important; width: auto !important; min-width: 0 !important; }

/* [n] markers: the same indigo pill in the answer and on the source card it points to. */
a.cite, .cite-demo, .src-n {
  display: inline-block; min-width: 1.6em; padding: 0 5px; margin: 0 1px; border-radius: 999px;
  background: #e0e7ff; color: #3730a3 !important; font-weight: 600; font-size: 0.8em;
  text-align: center; text-decoration: none !important; line-height: 1.55; vertical-align: 1px;
  cursor: pointer; border: 1px solid #c7d2fe;
}
a.cite:hover, a.cite.active { background: #4f46e5; color: #fff !important; }

.answer-text { line-height: 1.6; }
.answer-text.streaming { color: var(--body-text-color); }
.pending { color: var(--body-text-color-subdued); font-style: italic; }
.answer-meta { margin-top: 8px; font-size: 0.8rem; color: var(--body-text-color-subdued); }
.claim-warn { color: #92400e; background: #fef3c7; border-radius: 4px; padding: 0 4px; text-decoration: none;
  font-size: 0.85em; cursor: help; }
.claim-warn .claim-why { display: none; }
.claim-warn:focus .claim-why, .claim-warn:active .claim-why, .claim-warn.open .claim-why { display: inline; }
.disagree { border-left: 3px solid #d97706; background: #fffbeb; padding: 4px 8px; margin-bottom: 6px;
  border-radius: 4px; }
.unanswered { color: #92400e; font-size: 0.9em; margin-top: 6px; }
.badge { display: inline-block; padding: 0 6px; border-radius: 4px; background: #e2e8f0;
  color: #334155; font-weight: 600; font-size: 0.75rem; }
.badge.warn { background: #fde68a; color: #7c2d12; }
.rewrite { font-size: 0.85rem; color: var(--body-text-color-subdued); margin-bottom: 6px;
  border-left: 3px solid #c7d2fe; padding-left: 8px; }

/* An abstention must not look like an answer: amber, boxed, titled. */
.abstain-box { border: 2px solid #f59e0b; background: #fffbeb; border-radius: 8px; padding: 10px 12px; color: #78350f; }
.abstain-title { font-weight: 700; font-size: 1.05rem; margin-bottom: 4px; }
.abstain-title::before { content: "⚠ "; }
.abstain-note { margin-top: 6px; font-size: 0.85rem; }
.error-box { border: 2px solid #ef4444; background: #fef2f2; color: #7f1d1d; border-radius: 8px; padding: 10px 12px; }

/* Sources panel */
.src-panel { display: flex; flex-direction: column; gap: 10px; }
.src-head { font-size: 0.9rem; color: var(--body-text-color-subdued); }
.src-head q { color: var(--body-text-color); font-style: italic; }
.src-count { float: right; }
.src-head.abstain { border: 2px solid #f59e0b; background: #fffbeb; color: #78350f; border-radius: 8px; padding: 8px 10px; }
.src-empty { color: var(--body-text-color-subdued); padding: 16px; border: 1px dashed var(--border-color-primary); border-radius: 8px; }
.src-card { border: 1px solid var(--border-color-primary); border-left: 4px solid #6366f1; border-radius: 8px;
  padding: 10px 12px; background: var(--background-fill-primary); transition: box-shadow .2s, background .2s; scroll-margin: 12px; }
.src-card.nearest { border-left: 4px dashed #94a3b8; background: #f8fafc; }
.src-card.nearest .src-n { background: #e2e8f0; color: #475569 !important; border-color: #cbd5e1; }
.src-card.flash { animation: flash 1.6s ease-out; }
.src-card.hover { box-shadow: 0 0 0 3px #a5b4fc; }
@keyframes flash { 0% { background: #c7d2fe; box-shadow: 0 0 0 4px #818cf8; } 100% { background: var(--background-fill-primary); box-shadow: none; } }
.src-top { display: flex; gap: 8px; align-items: baseline; }
.src-n { white-space: nowrap; flex-shrink: 0; }
.src-title { font-weight: 600; }
.src-meta { font-size: 0.8rem; color: var(--body-text-color-subdued); margin-top: 2px; }
code.src-file { font-size: 0.8rem; background: #f1f5f9; padding: 0 4px; border-radius: 4px; }
.src-quote { margin: 8px 0; padding: 6px 10px; border-left: 3px solid #cbd5e1; background: #f8fafc;
  font-size: 0.9rem; line-height: 1.5; max-height: 14em; overflow-y: auto; }
.src-quote p { margin: 0 0 6px 0; }
strong.quoted { font-weight: 600; color: var(--body-text-color); background: linear-gradient(transparent 55%, #c7d2fe 55%); }
mark.passage strong.quoted { background: none; text-decoration: underline 2px #4f46e5; text-underline-offset: 3px; }
.src-quote p:last-child { margin-bottom: 0; }
.src-also { font-size: 0.8rem; color: var(--body-text-color-subdued); margin: 0 0 6px 0; }
.src-also ul { margin: 2px 0 0 1.2em; padding: 0; }
.open-article { font-size: 0.8rem; color: #4338ca; background: none; border: 1px solid #c7d2fe;
  border-radius: 6px; padding: 2px 8px; cursor: pointer; }
.open-article:hover { background: #eef2ff; }

/* Article view */
.article-title { font-weight: 700; font-size: 1.1rem; }
.article-body { white-space: pre-wrap; line-height: 1.6; margin-top: 10px; font-size: 0.95rem; position: relative;
  max-height: 560px; overflow-y: auto; padding-right: 8px; border-top: 1px solid var(--border-color-primary); }
mark.passage { background: #fef08a; padding: 2px 0; border-radius: 3px; box-shadow: 0 0 0 2px #fde047; scroll-margin: 80px; }
.mark-label { background: #4f46e5; color: #fff; border-radius: 999px; font-size: 0.75em; font-weight: 600; padding: 0 6px; margin-right: 4px; }
"""

# Document-level: a click on an [n] marker highlights source card n of that answer. The cards of
# an older answer are not on screen; the chatbot's select event re-renders the panel for that
# answer, and the panel's own script (SOURCES_JS) finishes the highlight.
HEAD = """
<script>
(() => {
  // The chatbot's sanitizer keeps href but drops data-* attributes, so the target is read from
  // the marker's href: "#src-<turn>-<n>".
  const target = (a) => {
    const m = /#src-(\\d+)-(\\d+)$/.exec(a.getAttribute("href") || "");
    return m ? {turn: m[1], n: m[2]} : null;
  };
  window.ragFlash = (turn, n) => {
    const card = document.getElementById(`src-${turn}-${n}`);
    if (!card) return false;
    card.scrollIntoView({behavior: "smooth", block: "nearest"});
    card.classList.remove("flash"); void card.offsetWidth; card.classList.add("flash");
    return true;
  };
  document.addEventListener("click", (e) => {
    const a = e.target.closest && e.target.closest("a.cite");
    const t = a && target(a);
    if (!t) return;
    e.preventDefault();  // no navigation; the click still reaches the chatbot (its select event)
    window.ragFlash(t.turn, t.n);
    // The select event may re-render the panel (another answer's sources); SOURCES_JS then
    // highlights this card. Forget the request after a moment so it cannot fire later.
    window.ragPending = t;
    setTimeout(() => { if (window.ragPending === t) window.ragPending = null; }, 3000);
  }, true);
  const hover = (on) => (e) => {
    const a = e.target.closest && e.target.closest("a.cite");
    const t = a && target(a);
    const card = t && document.getElementById(`src-${t.turn}-${t.n}`);
    if (card) card.classList.toggle("hover", on);
  };
  // An unverified sentence's warning: a click shows the judge's reason beside it (hover shows it too).
  document.addEventListener("click", (e) => {
    const w = e.target.closest && e.target.closest("a.claim-warn");
    if (!w) return;
    e.preventDefault();
    w.classList.toggle("open");
  }, true);
  document.addEventListener("mouseover", hover(true));
  document.addEventListener("mouseout", hover(false));
})();
</script>
"""

SOURCES_JS = """
element.addEventListener("click", (e) => {
  const b = e.target.closest("[data-open]");
  if (b) trigger("click", {turn: Number(b.dataset.turn), n: Number(b.dataset.n)});
});
watch("value", () => {
  const p = window.ragPending;
  if (p && window.ragFlash(p.turn, p.n)) window.ragPending = null;
});
"""

# The article scrolls inside its own box to the highlighted passage: on load (the tab's content is
# first rendered when the tab opens) and on each new article. A view rendered while its tab is
# hidden has no layout yet, so this retries until the passage has a position.
ARTICLE_JS = """
const reveal = () => {
  let tries = 0;
  const show = () => {
    const body = element.querySelector(".article-body"), m = element.querySelector("mark.passage");
    if (!body || !m) return;
    if (m.offsetParent === null) { if (++tries < 40) setTimeout(show, 100); return; }
    body.scrollTop = Math.max(0, m.offsetTop - body.clientHeight / 4);
  };
  setTimeout(show, 50);
};
reveal();
watch("value", reveal);
"""
