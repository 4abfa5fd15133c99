"""`rag eval`: run the gold set, write report.json and report.html, gate on bars."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

from evals.gold import GOLD_PATH, load_gold
from evals.report import LABELS, write_reports
from evals.runner import METRICS, check_bars, compare, evaluate


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="rag eval", description="Score answers against the gold Q&A set.")
    p.add_argument("--gold", type=Path, default=GOLD_PATH, help="gold JSONL file (default: evals/gold.jsonl)")
    p.add_argument("--backend", choices=["openai", "extractive"], help="answer backend (default: as configured)")
    p.add_argument("--judge", choices=["offline", "llm"], default="offline", help="faithfulness judge")
    p.add_argument("--top-k", type=int, help="passages retrieved per question")
    p.add_argument("--out", type=Path, default=Path("evals/out"), help="folder for report.json and report.html")
    p.add_argument("--baseline", type=Path, help="an earlier report.json to compare with")
    p.add_argument("--fail-under", action="append", default=[], metavar="METRIC=VALUE",
                   help="exit non-zero when METRIC misses VALUE (repeatable; for false_abstention and "
                        "latency the bar is a ceiling)")
    p.add_argument("--from-feedback", type=Path, nargs="?", const=True, metavar="FEEDBACK.jsonl",
                   help="instead of evaluating, turn thumbs-down feedback into candidate gold rows")
    return p


def _bars(specs: list[str]) -> dict[str, float]:
    bars = {}
    valid = set(METRICS) | {"latency_p50_ms", "latency_p95_ms"}
    for spec in specs:
        name, sep, value = spec.partition("=")
        if not sep or name not in valid:
            raise SystemExit(f"error: --fail-under wants METRIC=VALUE with METRIC one of {', '.join(sorted(valid))}; got {spec!r}")
        try:
            bars[name] = float(value)
        except ValueError:
            raise SystemExit(f"error: --fail-under {spec!r}: {value!r} is not a number") from None
    return bars


def _print_summary(summary: dict, comparison: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"Eval summary ({summary['n']} questions)")
    t.add_column("metric")
    t.add_column("value", justify="right")
    t.add_column("n", justify="right")
    if comparison:
        t.add_column("vs baseline", justify="right")
    for name in [*METRICS, "answer_correctness_llm", "latency_p50_ms", "latency_p95_ms"]:
        if name not in summary:
            continue
        v = summary[name]
        shown = "–" if v is None else f"{v:.0f} ms" if name.startswith("latency") else f"{v:.3f}"
        cells = [LABELS.get(name, name), shown, str(summary.get(f"{name}_n", ""))]
        if comparison:
            d = comparison.get(name)
            cells.append("" if not d else f"{'[red]REGRESSION ' if d['regression'] else ''}{d['delta']:+.3f}{'[/red]' if d['regression'] else ''}")
        t.add_row(*cells)
    Console(stderr=False).print(t)
    if summary.get("errors") or summary.get("judge_failures"):
        print(f"errors: {summary['errors']}, judge failures (not scored): {summary['judge_failures']}")


def run(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    from rag import query
    from rag.config import get_settings

    settings = get_settings()
    if args.from_feedback:
        from rag.feedback import feedback_to_gold

        path = settings.data_dir / "feedback.jsonl" if args.from_feedback is True else args.from_feedback
        rows = feedback_to_gold(path)
        args.out.mkdir(parents=True, exist_ok=True)
        target = args.out / "gold_candidates.jsonl"
        target.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"{len(rows)} candidate gold rows from thumbs-down feedback written to {target}; review them, then add to evals/gold.jsonl")
        return 0

    bars = _bars(args.fail_under)
    gold = load_gold(args.gold)
    baseline = json.loads(args.baseline.read_text(encoding="utf-8"))["summary"] if args.baseline else None
    from evals.judge import make_judge

    if args.judge == "llm":
        judge = make_judge("llm", base_url=settings.openai_base_url, api_key=settings.openai_api_key,
                           model=settings.llm_model, timeout=settings.llm_timeout)
    else:
        judge = make_judge("offline")
    from tqdm import tqdm

    # Warm up outside the timings (build the index if there is none, load the model), so the
    # latency figures are per question, not the first question paying for start-up.
    query(gold[0].question if gold else "warm-up", backend="extractive", settings=settings)
    bar = tqdm(total=len(gold), unit="q", desc="Evaluating", file=sys.stderr)
    report = evaluate(gold, lambda q: query(q, top_k=args.top_k, backend=args.backend, settings=settings),
                      judge, on_row=lambda _row: bar.update(1))
    bar.close()
    report["meta"] = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "backend": args.backend or settings.resolved_backend,
        "judge": args.judge,
        "gold": str(args.gold),
        "top_k": args.top_k or settings.top_k,
        "baseline": str(args.baseline) if args.baseline else None,
    }
    report["comparison"] = compare(report["summary"], baseline) if baseline else {}
    report["failed_bars"] = check_bars(report["summary"], bars)
    json_path, html_path = write_reports(report, args.out)
    _print_summary(report["summary"], report["comparison"])
    print(f"wrote {json_path} and {html_path}")
    regressions = [k for k, v in report["comparison"].items() if v["regression"]]
    if regressions:
        print(f"regressions against the baseline: {', '.join(regressions)}")
    for failure in report["failed_bars"]:
        print(f"FAIL: {failure}", file=sys.stderr)
    return 1 if report["failed_bars"] else 0


import click  # noqa: E402 - the entry point; the options above move to click next


@click.command(name="eval", context_settings={"ignore_unknown_options": True, "allow_extra_args": True,
                                              "help_option_names": []})
@click.pass_context
def command(ctx: click.Context) -> None:
    """Run the eval suite."""
    sys.exit(run(ctx.args))
