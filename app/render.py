"""HTML for the chat: answers with clickable [n] markers, the sources panel, the article view.

Pure functions of rag's typed results, so they are easy to test and read. Every piece of text
that comes from an article, a question or an LLM is HTML-escaped here, before any markup is added.
"""

from __future__ import annotations

import re
from html import escape

from rag import MARKER, Answer, Citation, IndexStatus, markers, sentences

LLM_HINT = (
    "**No LLM connected:** answers are *extractive*: sentences quoted from the articles. "
    "To connect a model, set `OPENAI_BASE_URL` to any OpenAI-compatible server, e.g. a local "
    "Ollama (`http://127.0.0.1:11434/v1`) or llama.cpp server (`http://127.0.0.1:8080/v1`), "
    "and restart `rag app`."
)


def status_line(status: IndexStatus) -> str:
    """Markdown for the index status line."""
    if not status.documents:
        return "**Index:** empty. Press *Re-index* to index the corpus."
    when = (status.indexed_at or "unknown").replace("T", " ").replace("+00:00", " UTC")
    return (
        f"**Index:** {status.documents} articles · {status.chunks} passages · "
        f"last indexed {escape(when)}"
    )


def _marker(turn: int, n: int) -> str:
    # An anchor: the chatbot's sanitizer keeps href (not data-*), and a click handler in
    # assets.HEAD turns the link into "highlight source card n of this answer".
    return f'<a class="cite" href="#src-{turn}-{n}" title="Source {n}: see the card on the right">[{n}]</a>'


def link_markers(text: str, turn: int, known: set[int]) -> str:
    """Escape `text` and turn each [n] naming a known citation into a marker link."""

    def link(m: re.Match[str]) -> str:
        return "".join(_marker(turn, n) if n in known else f"[{n}]" for n in markers(m.group(0)))

    return MARKER.sub(link, escape(text, quote=False)).replace("\n", "<br>")


def streaming_message(text: str) -> str:
    """The answer while it streams: plain escaped text (markers get linked when it is done)."""
    return f'<div class="answer-text streaming">{escape(text, quote=False).replace(chr(10), "<br>")}</div>'


PENDING = '<div class="pending">Searching the articles…</div>'


def answer_message(answer: Answer, turn: int) -> str:
    """The finished answer as one chat message (HTML inside the chatbot's markdown)."""
    parts = []
    if answer.rewritten_question:
        parts.append(
            '<div class="rewrite">Follow-up read as: '
            f"<q>{escape(answer.rewritten_question)}</q></div>"
        )
    if answer.abstained:
        parts.append(
            '<div class="abstain-box"><div class="abstain-title">The corpus does not answer this</div>'
            f"<div>{escape(answer.answer)}</div>"
            + (f'<div class="abstain-why">Why: {escape(answer.abstain_reason)}.</div>' if answer.abstain_reason else "")
            + '<div class="abstain-note">The nearest passages are listed under Sources so you can look '
            "for yourself; they do not support an answer.</div></div>"
        )
    else:
        if answer.disagreement:
            parts.append(disagreement_box(answer))
        parts.append(f'<div class="answer-text">{checked_text(answer, turn)}</div>')
        parts += [f'<div class="unanswered">Not in the articles: {escape(part)}.</div>' for part in answer.unanswered]
    meta = backend_label(answer) + (f" · {escape(verified_summary(answer))}" if answer.claims else "")
    parts.append(f'<div class="answer-meta">{meta}</div>')
    return "".join(parts)


def verified_summary(answer: Answer) -> str:
    good = sum(c.supported is True for c in answer.claims)
    return f"{good} of {len(answer.claims)} sentences verified against their sources"


def checked_text(answer: Answer, turn: int) -> str:
    """The answer with its [n] linked, and after each sentence its sources do not support a visible
    warning whose reason shows on hover (title) and on click (the warning's own text)."""
    known = {c.n for c in answer.citations}
    pieces = sentences(answer.answer)
    if len(pieces) != len(answer.claims):  # not the sentences the claims were checked as: no marks
        return link_markers(answer.answer, turn, known)
    out = []
    for piece, claim in zip(pieces, answer.claims):
        html = link_markers(piece, turn, known)
        if claim.supported is not True:
            what = "not checked" if claim.supported is None else "not supported by its source"
            reason = escape(f"{what}: {claim.reason}")
            html += (f' <a class="claim-warn" href="#warn-{turn}" title="{reason}">⚠ unverified'
                     f'<span class="claim-why"> ({reason})</span></a>')
        out.append(html)
    return " ".join(out)


def disagreement_box(answer: Answer) -> str:
    """"The articles disagree": each value with the outlet and date of the source it cites."""
    sides = []
    for value, n in zip(answer.disagreement, _first_markers(answer)):
        c = next((c for c in answer.citations if c.n == n), None)
        where = ", ".join(x for x in (c and c.outlet, c and c.date) if x) if c else ""
        sides.append(f"<b>{escape(value)}</b> [{n}]" + (f" ({escape(where)})" if where else ""))
    return f'<div class="disagree">The articles disagree: {" · ".join(sides)}</div>'


def _first_markers(answer: Answer) -> list[int]:
    """The marker that follows each disagreeing value in the answer, in order."""
    found = []
    for value in answer.disagreement:
        at = answer.answer.lower().find(value.lower())
        m = MARKER.search(answer.answer, at if at >= 0 else 0)
        found.append(markers(m.group(0))[0] if m else 0)
    return found


def backend_label(answer: Answer) -> str:
    if answer.fallback:
        return (
            '<span class="badge warn">extractive fallback</span> the LLM failed, so these sentences '
            "are quoted from the articles instead"
        )
    what = "LLM via OpenAI-compatible server" if answer.backend == "openai" else "quoted sentences, no LLM"
    ms = answer.timings.get("total_ms", 0)
    took = f"{ms:.0f} ms" if ms < 1000 else f"{ms / 1000:.1f} s"
    return f'<span class="badge">{escape(answer.backend)}</span> {what} · {took}'


def error_message(text: str) -> str:
    return f'<div class="error-box"><b>Could not answer.</b> {escape(text)}</div>'


def quoted_by_marker(answer_text: str) -> dict[int, list[str]]:
    """The sentences of the answer that each [n] marker vouches for (the text before it)."""
    out: dict[int, list[str]] = {}
    last, segment = 0, ""
    for m in MARKER.finditer(answer_text):
        # "[1][2]" after one sentence: both markers vouch for it.
        segment = answer_text[last:m.start()].strip() or segment
        last = m.end()
        quoted = [s for s in sentences(segment) if len(s) >= 20]
        for n in markers(m.group(0)):
            out.setdefault(n, []).extend(quoted)
    return out


def emphasize(text: str, phrases: list[str]) -> str:
    """`text` escaped, with each phrase found in it (whitespace-tolerant) wrapped in
    <strong class="quoted">: the words an extractive answer took from this passage."""
    spans = []
    for phrase in phrases:
        m = re.search(r"\s+".join(re.escape(w) for w in phrase.split()), text)
        if m:
            spans.append((m.start(), m.end()))
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, pos = [], 0
    for start, end in merged:
        out.append(escape(text[pos:start]))
        out.append(f'<strong class="quoted" title="quoted in the answer">{escape(text[start:end])}</strong>')
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def _paragraphs(html: str) -> str:
    return "".join(f"<p>{p.strip()}</p>" for p in re.split(r"\n\s*\n", html) if p.strip())


def where(c) -> str:
    """" · outlet · date" of a citation or carrier, escaped; "" when neither is known."""
    return "".join(f" · {escape(x)}" for x in (c.outlet, c.date) if x)


def _also_in(c: Citation) -> str:
    """The story's other articles that carry this passage (near-duplicates counted once)."""
    if not c.also_in:
        return ""
    items = "".join(f'<li><code class="src-file">{escape(x.source)}</code>{where(x)}</li>' for x in c.also_in)
    return f'<div class="src-also">Also in {len(c.also_in)} other article{"s" if len(c.also_in) != 1 else ""}:<ul>{items}</ul></div>'


def _card(c: Citation, turn: int, label: str, nearest: bool, quoted: list[str]) -> str:
    return (
        f'<div class="src-card{" nearest" if nearest else ""}" id="src-{turn}-{c.n}">'
        f'<div class="src-top"><span class="src-n">{escape(label)}</span>'
        f'<span class="src-title">{escape(c.title or c.source)}</span></div>'
        f'<div class="src-meta"><code class="src-file">{escape(c.source)}</code>{where(c)}'
        f' · <span title="Fused retrieval score (dense + BM25); higher is better">score {c.score:.4f}</span></div>'
        f'<blockquote class="src-quote">{_paragraphs(emphasize(c.text, quoted))}</blockquote>{_also_in(c)}'
        f'<button class="open-article" data-open="1" data-turn="{turn}" data-n="{c.n}">'
        "Read the whole article with this passage highlighted</button></div>"
    )


def sources_panel(answer: Answer | None, turn: int | None) -> str:
    """The sources panel for one answer (or the empty state)."""
    if answer is None or turn is None:
        return (
            '<div class="src-empty">Sources appear here. Each <span class="cite-demo">[n]</span> '
            "marker in an answer points to the passage with the same number.</div>"
        )
    if answer.abstained:
        head = (
            f'<div class="src-head abstain">No answer in the corpus for <q>{escape(answer.question)}</q>. '
            "<b>Nearest sources</b>, for reference only; they do not support an answer.</div>"
        )
        cards = [_card(c, turn, f"nearest {i}", True, []) for i, c in enumerate(answer.citations, 1)]
    else:
        n = len(answer.citations)
        head = (
            f'<div class="src-head">Sources for: <q>{escape(answer.question)}</q> '
            f"<span class=\"src-count\">{n} cited passage{'s' if n != 1 else ''}</span></div>"
        )
        quoted = quoted_by_marker(answer.answer)
        cards = [_card(c, turn, f"[{c.n}]", False, quoted.get(c.n, [])) for c in answer.citations]
    return f'<div class="src-panel">{head}{"".join(cards)}</div>'


def locate(article: str, passage: str) -> tuple[int, int] | None:
    """Where `passage` sits in `article`, tolerating whitespace differences from chunking."""
    passage = passage.strip()
    if not passage:
        return None
    i = article.find(passage)
    if i >= 0:
        return i, i + len(passage)
    words = passage.split()
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.search(pattern, article)
    if m:
        return m.start(), m.end()
    # Last resort: the passage's opening words, so the reader lands in the right place.
    m = re.search(r"\s+".join(re.escape(w) for w in words[:12]), article)
    return (m.start(), m.end()) if m else None


ARTICLE_EMPTY = '<div class="src-empty">Open an article from a source card to read it in full here.</div>'


def article_view(
    found: tuple[str, str] | None, source: str, passage: str, label: str, quoted: list[str] | None = None
) -> str:
    """The whole article with the cited passage highlighted; `found` is rag.article_text()'s result."""
    if found is None:
        return (
            '<div class="error-box">This file is not in the index, so it cannot be shown. '
            "Only indexed corpus articles can be opened.</div>"
        )
    title, text = found
    span = locate(text, passage)
    if span:
        s, e = span
        body = (
            f"{escape(text[:s])}<mark class=\"passage\" id=\"cited-passage\">"
            f'<span class="mark-label">{escape(label)}</span>{emphasize(text[s:e], quoted or [])}</mark>{escape(text[e:])}'
        )
        note = f"The cited passage {escape(label)} is highlighted."
    else:
        body = escape(text)
        note = "The cited passage could not be located in this version of the article."
    return (
        f'<div class="article"><div class="article-head"><div class="article-title">{escape(title or source)}</div>'
        f'<div class="src-meta"><code class="src-file">{escape(source)}</code> · {note}</div></div>'
        f'<div class="article-body">{body}</div></div>'
    )
