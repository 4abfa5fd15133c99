"""Write the eval report: report.json for machines, report.html (one self-contained file, no
network needed to open it) for people."""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path
from typing import Any

from evals.metrics import METRICS
from evals.stats import LATENCY

_LABELS = {m.name: m.label for m in METRICS}

CSS = """
:root{--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--muted:#57606a;--line:#d0d7de;--bg:#f6f8fa;--accent:#0969da}
*{box-sizing:border-box}body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1f2328;background:#fff}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 12px;border-bottom:1px solid var(--line);padding-bottom:6px}
.meta{color:var(--muted);font-size:13px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:12px;margin-top:16px}
.card{border:1px solid var(--line);border-radius:8px;padding:12px 14px;background:var(--bg)}
.card .v{font-size:26px;font-weight:600}.card .l{font-size:13px;color:var(--muted)}.card .h{font-size:12px;color:var(--muted);margin-top:4px}
.delta{font-size:13px;font-weight:600;margin-left:6px}.up{color:var(--ok)}.down{color:var(--bad)}.same{color:var(--muted)}
.reg{border-color:var(--bad);background:#ffebe9}
table{border-collapse:collapse;width:100%;font-size:14px}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--bg);font-weight:600}
details{border:1px solid var(--line);border-radius:8px;margin:8px 0;background:#fff}
summary{cursor:pointer;padding:10px 12px;list-style:none;display:flex;gap:10px;align-items:baseline}
summary::-webkit-details-marker{display:none}
details[open] summary{border-bottom:1px solid var(--line);background:var(--bg)}
.q{flex:1}.qid{font-family:ui-monospace,monospace;font-size:12px;color:var(--muted)}
.badge{display:inline-block;font-size:12px;font-weight:600;padding:1px 8px;border-radius:12px;white-space:nowrap}
.b-ok{background:#dafbe1;color:var(--ok)}.b-bad{background:#ffebe9;color:var(--bad)}.b-warn{background:#fff8c5;color:var(--warn)}.b-info{background:#ddf4ff;color:var(--accent)}
.body{padding:12px 14px}.lbl{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin-top:10px}
.answer{background:var(--bg);border-left:3px solid var(--accent);padding:8px 12px;border-radius:4px}
.mk{font-size:11px;font-weight:700;color:var(--accent);vertical-align:super}
.cite{font-size:13px;border-left:3px solid var(--line);padding:4px 10px;margin:6px 0}
.src{font-family:ui-monospace,monospace;font-size:12px;color:var(--muted)}
.v-yes{color:var(--ok);font-weight:600}.v-no{color:var(--bad);font-weight:600}.v-err{color:var(--warn);font-weight:600}
.ev{font-size:13px;color:#3d444d;font-style:italic}
.err{color:var(--bad);font-weight:600}
.legend{font-size:13px;color:var(--muted)}
.legend span{display:inline-block;width:12px;height:12px;border-radius:2px;vertical-align:-1px;margin:0 4px 0 12px}
"""


def _fmt(v: float | None, pct: bool = True) -> str:
    if v is None:
        return "–"
    return f"{v * 100:.0f}%" if pct else f"{v:,.0f}"


def _chart(summary: dict, baseline: dict | None) -> str:
    """Horizontal bars for the 0-1 metrics; the baseline as a thin grey bar beneath each."""
    shown = [m for m in METRICS if summary.get(m.name) is not None]
    row_h, label_w, bar_w = 34 if baseline else 26, 190, 560
    h = row_h * len(shown) + 30
    parts = [f'<svg role="img" aria-label="Metrics chart" width="{label_w + bar_w + 80}" height="{h}" font-family="system-ui,sans-serif" font-size="13">']
    for t in (0, 0.25, 0.5, 0.75, 1):
        x = label_w + t * bar_w
        parts.append(f'<line x1="{x}" y1="0" x2="{x}" y2="{h - 22}" stroke="#eaeef2"/><text x="{x}" y="{h - 6}" text-anchor="middle" fill="#57606a">{t:.0%}</text>')
    for i, metric in enumerate(shown):
        y, name = i * row_h + 4, metric.name
        v = summary[name]
        good = (1 - v) if metric.lower_is_better else v
        color = "#1a7f37" if good >= 0.8 else "#bf8700" if good >= 0.5 else "#cf222e"
        parts.append(f'<text x="{label_w - 8}" y="{y + 14}" text-anchor="end">{escape(metric.label)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 2}" width="{max(v * bar_w, 1):.1f}" height="16" rx="3" fill="{color}"/>')
        parts.append(f'<text x="{label_w + v * bar_w + 6:.1f}" y="{y + 15}" fill="#1f2328">{v:.0%}</text>')
        if baseline and baseline.get(name) is not None:
            b = baseline[name]
            parts.append(f'<rect x="{label_w}" y="{y + 21}" width="{max(b * bar_w, 1):.1f}" height="6" rx="2" fill="#8c959f"/>')
    parts.append("</svg>")
    return "".join(parts)


def _marked(text: str) -> str:
    return re.sub(r"\[(\d+)\]", r'<span class="mk">[\1]</span>', escape(text))


def _status(row: dict) -> tuple[str, str]:
    if "error" in row:
        return "error", "b-bad"
    m = row["metrics"]
    if row["type"] == "unanswerable":
        return ("abstained ✓", "b-ok") if m["abstention_accuracy"]["value"] == 1 else ("answered the unanswerable", "b-bad")
    if m["false_abstention"]["value"] == 1:
        return "false abstention", "b-warn"
    # Rows graded by a short answer have no key facts: their accuracy stands in for correctness.
    c = m["answer_correctness"]["value"]
    if c is None and "answer_accuracy" in m:
        c = m["answer_accuracy"]["value"]
    f = m["faithfulness"]["value"]
    label = f"correct {c:.0%}" if c is not None else "answered"
    if f is not None and f < 1:
        label += f" · {f:.0%} faithful"
    return label, ("b-ok" if (c or 0) >= 0.99 and (f is None or f >= 1) else "b-warn" if (c or 0) > 0 else "b-bad")


def _row_html(row: dict) -> str:
    label, cls = _status(row)
    out = [f'<details id="{escape(row["id"])}"><summary><span class="qid">{escape(row["id"])}</span>'
           f'<span class="badge b-info">{escape(row["type"])}</span><span class="q">{escape(row["question"])}</span>'
           f'<span class="badge {cls}">{escape(label)}</span></summary><div class="body">']
    gold = row["gold_answer"] or ""
    if row["type"] == "unanswerable":
        gold = f"{gold} (the corpus does not say: the right answer is to abstain)".strip()
    out.append(f'<div class="lbl">Gold answer</div><div>{escape(gold)}</div>')
    if row["gold_sources"]:
        out.append(f'<div class="src">gold sources: {escape(", ".join(row["gold_sources"]))}</div>')
    if "error" in row:
        out.append(f'<div class="lbl">Error</div><div class="err">{escape(row["error"])}</div></div></details>')
        return "".join(out)
    a = row["answer"]
    note = " (abstained)" if a["abstained"] else ""
    out.append(f'<div class="lbl">System answer — {escape(a["backend"])}{note}, {row["latency_ms"]:.0f} ms</div>'
               f'<div class="answer">{_marked(a["answer"])}</div>')
    if a["citations"]:
        head = "Nearest sources (not cited as support)" if a["abstained"] else "Citations"
        out.append(f'<div class="lbl">{head}</div>')
        for c in a["citations"]:
            out.append(f'<div class="cite"><span class="mk">[{c["n"]}]</span> <span class="src">{escape(c["source"])}</span> '
                       f'— {escape(c["title"])}<br>{escape(c["text"])}</div>')
    if row.get("claims"):
        out.append('<div class="lbl">Claims and verdicts</div><table><tr><th>Claim</th><th>Verdict</th><th>Why, and the passage it rests on</th></tr>')
        for c in row["claims"]:
            v = c["supported"]
            verdict = '<span class="v-yes">supported</span>' if v else '<span class="v-err">judge failed</span>' if v is None else '<span class="v-no">not supported</span>'
            ev = f'<div class="ev">“{escape(c["evidence"])}”</div>' if c.get("evidence") else ""
            out.append(f'<tr><td>{escape(c["claim"])} <span class="mk">{"".join(f"[{m}]" for m in c["markers"])}</span></td><td>{verdict}</td><td>{escape(c["reason"])}{ev}</td></tr>')
        out.append("</table>")
    out.append('<div class="lbl">Metrics</div><table>')
    for name, r in row["metrics"].items():
        if r["value"] is not None:
            out.append(f'<tr><td>{escape(_LABELS.get(name, name))}</td><td>{r["value"]:.2f}</td><td>{escape(r["reason"])}</td></tr>')
    out.append("</table></div></details>")
    return "".join(out)


def _metric_card(metric, s: dict, d: dict | None) -> str:
    delta = ""
    if d:
        cls = "same" if abs(d["delta"]) < 0.005 else ("down" if d["regression"] else "up")
        delta = f'<span class="delta {cls}">{d["delta"] * 100:+.0f} pts{" ▼ regression" if d["regression"] else ""}</span>'
    return (f'<div class="card{" reg" if d and d["regression"] else ""}"><div class="l">{escape(metric.label)}</div>'
            f'<div class="v">{_fmt(s[metric.name])}{delta}</div>'
            f'<div class="h">{escape(metric.help)} · n={s.get(metric.name + "_n", "")}</div></div>')


def _latency_card(fig, s: dict, d: dict | None) -> str:
    delta = f'<span class="delta {"down" if d["regression"] else "same"}">{d["delta"]:+.0f} ms</span>' if d else ""
    return (f'<div class="card{" reg" if d and d["regression"] else ""}"><div class="l">{escape(fig.label)}</div>'
            f'<div class="v">{_fmt(s.get(fig.name), pct=False)} ms{delta}</div><div class="h">{escape(fig.help)}</div></div>')


def _cards(s: dict, comparison: dict) -> str:
    """A card per metric that applied to some question, then the latency figures."""
    cards = [_metric_card(m, s, comparison.get(m.name)) for m in METRICS if s.get(m.name) is not None]
    cards += [_latency_card(f, s, comparison.get(f.name)) for f in LATENCY]
    return "".join(cards)


def _by_type_table(by_type: dict[str, dict]) -> str:
    """Each metric's mean per gold type (the metrics that apply to some type)."""
    shown = [m for m in METRICS if any(t.get(m.name) is not None for t in by_type.values())]
    head = "".join(f"<th>{escape(t)} (n={v['n']})</th>" for t, v in by_type.items())
    body = "".join(f"<tr><td>{escape(m.label)}</td>" + "".join(f"<td>{_fmt(v.get(m.name))}</td>" for v in by_type.values())
                   + "</tr>" for m in shown)
    return f"<table><tr><th>metric</th>{head}</tr>{body}</table>"


def render_html(report: dict[str, Any]) -> str:
    s, meta = report["summary"], report.get("meta", {})
    comparison = report.get("comparison") or {}
    baseline = {k: v["baseline"] for k, v in comparison.items()} if comparison else None
    legend = '<div class="legend">bars: this run<span style="background:#8c959f"></span>baseline</div>' if baseline else ""
    failed_bars = report.get("failed_bars") or []
    bars_html = "".join(f'<div class="err">✗ {escape(f)}</div>' for f in failed_bars)
    by_type = ", ".join(f"{k}: {v['n']}" for k, v in s.get("by_type", {}).items())
    rows = "".join(_row_html(r) for r in report["rows"])
    problems = [r for r in report["rows"] if _status(r)[1] != "b-ok"]
    problem_links = " ".join(f'<a href="#{escape(r["id"])}">{escape(r["id"])}</a>' for r in problems) or "none"
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>RAG eval report</title><style>{CSS}</style></head><body><main>
<h1>RAG eval report</h1>
<div class="meta">{escape(meta.get("date", ""))} · backend <b>{escape(str(meta.get("backend", "")))}</b> · judge <b>{escape(str(meta.get("judge", "")))}</b> · {s["n"]} questions ({escape(by_type)}) · gold {escape(str(meta.get("gold", "")))}{" · baseline " + escape(str(meta.get("baseline"))) if meta.get("baseline") else ""}</div>
{bars_html}
<div class="cards">{_cards(s, comparison)}</div>
<h2>Metrics</h2>{_chart(s, baseline)}{legend}
<h2>By question type</h2>{_by_type_table(s.get("by_type", {}))}
<p class="meta">Errors: {s.get("errors", 0)} · judge failures (not scored): {s.get("judge_failures", 0)} · abstentions are not averaged into faithfulness.</p>
<h2>Questions</h2>
<p class="meta">Needs a look: {problem_links}</p>
{rows}
</main></body></html>"""


def write_reports(report: dict[str, Any], out_dir: Path) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path, html_path = out_dir / "report.json", out_dir / "report.html"
    json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    html_path.write_text(render_html(report), encoding="utf-8")
    return json_path, html_path
