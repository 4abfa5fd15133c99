"""`rag eval`: run a gold set, write report.json and report.html, gate on bars.

Only click, the metric records and `rag` (already loaded by `rag`'s own CLI) are imported at the
top: `rag --help` loads this module to list the command, so the rest waits for a run.
"""

from __future__ import annotations

import hashlib
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

import click

from evals.gold import GOLD_PATH
from evals.metrics import METRICS
from evals.runner import FIGURES
from evals.stats import LATENCY
from rag import TOP_K_MAX, Settings

_FIGURE_NAMES = [f.name for f in FIGURES]


class BarType(click.ParamType):
    """`METRIC=VALUE` for --fail-under: a figure a run reports, and a number."""

    name = "METRIC=VALUE"

    def convert(self, value, param, ctx) -> tuple[str, float]:
        if isinstance(value, tuple):
            return value
        name, sep, number = str(value).partition("=")
        if not sep or name not in _FIGURE_NAMES:
            self.fail(f"{value!r}: want METRIC=VALUE with METRIC one of {', '.join(_FIGURE_NAMES)}", param, ctx)
        try:
            return name, float(number)
        except ValueError:
            self.fail(f"{value!r}: {number!r} is not a number", param, ctx)


def corpus_settings(settings: Settings, corpus: Path) -> Settings:
    """Settings that index and answer from `corpus` in a data folder of its own.

    The folder is `<data_dir>/eval-corpora/<folder name>-<hash of the resolved path>`, so the
    user's default index is never replaced and a second run over the same folder is incremental.
    """
    from rag import get_settings

    resolved = corpus.resolve()
    digest = hashlib.sha256(str(resolved).encode("utf-8")).hexdigest()[:8]
    return get_settings(
        corpus_dir=resolved,
        data_dir=settings.data_dir / "eval-corpora" / f"{resolved.name or 'root'}-{digest}",
        # A Chroma server keeps collections by name, not by folder: a name of its own keeps
        # the user's collections untouched there too.
        collection=f"{settings.collection}-eval-{digest}",
    )


def _index(settings: Settings) -> None:
    from rag import build_index

    report = build_index(settings, progress=True)
    for skipped in report.skipped:
        click.echo(f"skipped {skipped.source}: {skipped.reason}", err=True)
    click.echo(f"indexed {settings.corpus_dir} into {settings.data_dir}: {report.summary()}", err=True)


def _load_gold(path: Path) -> list:
    from evals.gold import load_gold

    try:
        return load_gold(path)
    except (OSError, ValueError) as e:
        raise click.BadParameter(str(e), param_hint="--gold") from None


def _load_baseline(path: Path | None) -> dict | None:
    if path is None:
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))["summary"]
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise click.BadParameter(f"{path} is not a report.json written by `rag eval` ({e})",
                                 param_hint="--baseline") from None


def _make_judge(kind: str, settings: Settings):
    from rag import make_judge

    if kind == "llm" and not settings.llm_configured:
        raise click.BadParameter("the llm judge needs an OpenAI-compatible endpoint: set OPENAI_BASE_URL "
                                 "(and OPENAI_API_KEY if it wants one)", param_hint="--judge")
    return make_judge(kind, settings)


def _write_candidates(settings: Settings, source: str, out: Path) -> None:
    from rag import feedback_path, feedback_to_gold

    rows = feedback_to_gold(Path(source) if source else feedback_path(settings))
    out.mkdir(parents=True, exist_ok=True)
    target = out / "gold_candidates.jsonl"
    target.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    click.echo(f"{len(rows)} candidate gold rows from thumbs-down feedback written to {target}; "
               "review them, then add to evals/gold.jsonl")


def _print_summary(summary: dict, comparison: dict) -> None:
    """The overall table (metrics that applied to some question, then latency), then per type."""
    from rich.console import Console
    from rich.table import Table

    def num(v: float | None) -> str:
        return "–" if v is None else f"{v:.3f}"

    def delta(d: dict | None) -> str:
        if not d:
            return ""
        return f"[red]REGRESSION {d['delta']:+.3f}[/red]" if d["regression"] else f"{d['delta']:+.3f}"

    shown = [m for m in METRICS if summary.get(f"{m.name}_n")]
    t = Table(title=f"Eval summary ({summary['n']} questions)")
    columns = ("metric", "value", "n", *(["vs baseline"] if comparison else []))
    for name in columns:
        t.add_column(name, justify="left" if name == "metric" else "right")
    for m in shown:
        cells = (m.label, num(summary[m.name]), str(summary[f"{m.name}_n"]), delta(comparison.get(m.name)))
        t.add_row(*cells[: len(columns)])
    for f in LATENCY:
        v = summary.get(f.name)
        cells = (f.label, "–" if v is None else f"{v:.0f} ms", "", delta(comparison.get(f.name)))
        t.add_row(*cells[: len(columns)])
    by_type = summary.get("by_type") or {}
    types = Table(title="By question type (mean; – = does not apply)")
    types.add_column("metric")
    for kind, figures in by_type.items():
        types.add_column(f"{kind}\nn={figures['n']}", justify="right")
    for m in shown:
        types.add_row(m.label, *(num(figures.get(m.name)) for figures in by_type.values()))
    console = Console(stderr=False)
    console.print(t)
    console.print(types)
    if summary.get("errors") or summary.get("judge_failures"):
        click.echo(f"errors: {summary['errors']}, judge failures (not scored): {summary['judge_failures']}")


def _evaluate(settings: Settings, gold: list, judge, backend: str | None, top_k: int | None,
              as_of: str | None) -> dict:
    from tqdm import tqdm

    from evals.runner import evaluate
    from rag import query

    # "question": each row's own question_date anchors "this week" in it (today where it has none).
    anchors = {g.question: (g.question_date if as_of == "question" else as_of) for g in gold}
    # Warm up outside the timings (build the index if there is none, load the model), so the
    # latency figures are per question, not the first question paying for start-up.
    query(gold[0].question if gold else "warm-up", backend="extractive", settings=settings)
    with tqdm(total=len(gold), unit="q", desc="Evaluating", file=sys.stderr) as bar:
        return evaluate(gold, lambda q: query(q, top_k=top_k, backend=backend, as_of=anchors.get(q), settings=settings),
                        judge, on_row=lambda _row: bar.update(1))


def _finish(report: dict, out: Path) -> bool:
    """Write and print the reports; True when every bar was met."""
    from evals.report import write_reports

    json_path, html_path = write_reports(report, out)
    _print_summary(report["summary"], report["comparison"])
    click.echo(f"wrote {json_path} and {html_path}")
    regressions = [k for k, v in report["comparison"].items() if v["regression"]]
    if regressions:
        click.echo(f"regressions against the baseline: {', '.join(regressions)}")
    for failure in report["failed_bars"]:
        click.echo(f"FAIL: {failure}", err=True)
    return not report["failed_bars"]


_PATH = click.Path(path_type=Path)
_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.command(name="eval")
@click.option("--gold", type=_FILE, default=GOLD_PATH,
              help="Gold JSONL file (default: evals/gold.jsonl). Rows are either {id, question, answer, sources, "
                   "type, key_facts} or {id, question, question_date, answer, answerable, sources} with a short "
                   "answer string.")
@click.option("--corpus", type=click.Path(exists=True, path_type=Path),
              help="Index this folder of articles (or one JSONL/CSV dump) and answer from it, in a data folder of its own: "
                   "<data_dir>/eval-corpora/<folder name>-<hash of its path> (the default index is left alone; "
                   "a second run only embeds what changed). Default: the configured corpus and index.")
@click.option("--backend", type=click.Choice(["openai", "extractive"]), help="Answer backend (default: as configured).")
@click.option("--judge", type=click.Choice(["offline", "llm"]), default="offline", show_default=True,
              help="Faithfulness judge; llm uses the configured OpenAI-compatible endpoint and also grades correctness.")
@click.option("--top-k", type=click.IntRange(1, TOP_K_MAX), help="Passages retrieved per question (default: as configured).")
@click.option("--as-of", "as_of", metavar="DATE|question",
              help="The day relative time in the questions (\"this week\") counts from: a date (YYYY-MM-DD), or "
                   "'question' for each row's own question_date. Default: today.")
@click.option("--out", type=_PATH, default=Path("evals/out"), show_default=True, help="Folder for report.json and report.html.")
@click.option("--baseline", type=_FILE, help="An earlier report.json to compare with; regressions are marked.")
@click.option("--fail-under", "bars", type=BarType(), multiple=True,
              help=f"Exit 1 when METRIC misses VALUE (repeatable). METRIC is one of: {', '.join(_FIGURE_NAMES)}; "
                   f"for {', '.join(f.name for f in FIGURES if f.lower_is_better)} the bar is a ceiling.")
@click.option("--from-feedback", is_flag=False, flag_value="", default=None, metavar="[FILE]",
              help="Instead of evaluating, turn thumbs-down feedback (default: the app's feedback file in the "
                   "data folder) into candidate gold rows in OUT/gold_candidates.jsonl.")
@click.pass_context
def command(ctx: click.Context, gold: Path, corpus: Path | None, backend: str | None, judge: str,
            top_k: int | None, out: Path, baseline: Path | None, bars: tuple[tuple[str, float], ...],
            from_feedback: str | None, as_of: str | None) -> None:
    """Score answers against a gold question set; write report.json and report.html.

    With --gold FILE --corpus PATH, evaluate any gold set on any folder of articles.
    """
    from evals.runner import check_bars, compare
    from rag import get_settings

    settings = get_settings()
    if from_feedback is not None:
        _write_candidates(settings, from_feedback, out)
        return
    items = _load_gold(gold)
    baseline_summary = _load_baseline(baseline)
    grader = _make_judge(judge, settings)
    if corpus is not None:
        settings = corpus_settings(settings, corpus)
        _index(settings)
    report = _evaluate(settings, items, grader, backend, top_k, as_of)
    report["meta"] = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "backend": backend or settings.resolved_backend,
        "judge": judge,
        "gold": str(gold),
        "corpus": str(settings.corpus_dir),
        "corpus_option": str(corpus) if corpus is not None else None,  # --corpus: its own index
        "top_k": top_k or settings.top_k,
        "as_of": as_of,
        "baseline": str(baseline) if baseline else None,
    }
    report["comparison"] = compare(report["summary"], baseline_summary) if baseline_summary else {}
    report["failed_bars"] = check_bars(report["summary"], dict(bars))
    if not _finish(report, out):
        ctx.exit(1)
