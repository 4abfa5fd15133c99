"""`rag index | ask | eval | app`: the command-line front door. Errors become one line and an exit
status (2 for bad input); no traceback reaches the user unless RAG_DEBUG=1."""

from __future__ import annotations

import functools
import logging
import os
import sys
import textwrap
from pathlib import Path

import click

from .config import TOP_K_MAX
from .errors import RagError

QUOTE_CHARS = 400


def _setup_logging() -> None:
    logging.basicConfig(level=logging.WARNING, format="warning: %(message)s", stream=sys.stderr)
    for noisy in ("chromadb", "httpx", "httpcore", "sentence_transformers", "transformers", "urllib3",
                  "openai", "bm25s", "llama_index"):
        logging.getLogger(noisy).setLevel(logging.ERROR)


def friendly(fn):
    """Turn library errors into a message and an exit status."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except RagError as e:
            click.echo(f"error: {e}", err=True)
            sys.exit(e.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as e:  # noqa: BLE001 - the last line of defence against a traceback
            if os.environ.get("RAG_DEBUG"):
                raise
            click.echo(f"error: unexpected {type(e).__name__}: {e} (set RAG_DEBUG=1 for details)", err=True)
            sys.exit(1)

    return wrapper


def _settings(**overrides):
    from .config import get_settings

    return get_settings(**overrides)


COMMANDS_GROUP = "rag.commands"


class RagGroup(click.Group):
    """`rag`'s commands: the library's own, plus those other packages register under the
    `rag.commands` entry-point group (the evals and the app register `eval` and `app`), so the
    library never imports its front doors. A registered command is loaded only when it is named
    (or listed by --help), and every command's library errors become one line and an exit status."""

    @staticmethod
    def _registered() -> dict:
        from importlib.metadata import entry_points

        return {ep.name: ep for ep in entry_points(group=COMMANDS_GROUP)}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self._registered()})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        command = super().get_command(ctx, name)
        if command is None and (ep := self._registered().get(name)) is not None:
            command = ep.load()
        return command

    def invoke(self, ctx: click.Context):
        return friendly(super().invoke)(ctx)


@click.group(cls=RagGroup)
@click.version_option(package_name="rag")
def main() -> None:
    """Ask questions about a folder of news articles; every answer cites its sources."""
    from .config import apply_env_defaults

    apply_env_defaults()
    _setup_logging()


@main.command()
@click.option("--corpus", type=click.Path(path_type=Path),
              help="Folder of articles (.txt .md .html .jsonl .csv), or one such file (default: corpus/).")
@click.option("--fields", help="Dump columns for our fields, e.g. 'text=story,date=pub_date' (RAG_FIELDS).")
@click.option("--rebuild", is_flag=True, help="Drop the index and embed everything again.")
def index(corpus: Path | None, fields: str | None, rebuild: bool) -> None:
    """Index the corpus: embed new and changed articles, drop deleted ones."""
    from .index import build_index

    report = build_index(_settings(corpus_dir=corpus, fields=fields), rebuild=rebuild, progress=sys.stderr.isatty())
    for s in report.skipped:
        click.echo(f"skipped {s}", err=True)
    if report.rebuilt_because:
        click.echo(f"rebuilt the index: {report.rebuilt_because}", err=True)
    click.echo(f"indexed: {report.summary()}")


def _where(c) -> str:
    """" (cnn.com, 2022-07-01)": who published it and when, where known."""
    known = [x for x in (c.outlet, c.date) if x]
    return f" ({', '.join(known)})" if known else ""


def verified_line(a) -> str:
    """"3 of 4 sentences verified against their sources", and what the others are."""
    good = sum(c.supported is True for c in a.claims)
    unknown = sum(c.supported is None for c in a.claims)
    line = f"{good} of {len(a.claims)} sentences verified against their sources"
    return line + (f" ({unknown} could not be checked)" if unknown else "")


def _marked(a) -> str:
    """The answer with each sentence its sources do not support marked, and why."""
    text = a.answer
    for c in a.claims:
        if c.supported is not True:
            flag = "UNVERIFIED" if c.supported is None else "NOT SUPPORTED"
            text += "\n" + click.style(f"  ⚠ {flag}: {c.text[:90]} — {c.reason}", fg="yellow")
    return text


def print_answer(a) -> None:
    if a.short_answer:
        click.echo(click.style(f"Answer: {a.short_answer}", bold=True))
    if a.disagreement:
        click.echo(click.style(f"The articles disagree: {' / '.join(a.disagreement)} (each with its source below).",
                               fg="yellow"))
    click.echo(_marked(a))
    for part in a.unanswered:
        click.echo(click.style(f"Not in the articles: {part}.", fg="yellow"))
    if a.abstained and a.abstain_reason:
        click.echo(click.style(f"Why: {a.abstain_reason}.", dim=True))
    if a.claims:
        click.echo(click.style(verified_line(a), dim=all(c.supported for c in a.claims),
                               fg=None if all(c.supported for c in a.claims) else "yellow"))
    click.echo()
    label = "Nearest sources (not an answer):" if a.abstained else "Sources:"
    click.echo(click.style(label, bold=True))
    for c in a.citations:
        title = f" — {c.title}" if c.title else ""
        click.echo(f"[{c.n}] {c.source}{title}{_where(c)}")
        if c.also_in:
            click.echo("    also in: " + "; ".join(f"{x.source}{_where(x)}" for x in c.also_in))
        quote = c.text if len(c.text) <= QUOTE_CHARS else c.text[:QUOTE_CHARS].rsplit(" ", 1)[0] + " …"
        click.echo(textwrap.indent(textwrap.fill(quote, 96), "    > "))
    note = " (fallback: the LLM failed)" if a.fallback else ""
    click.echo(click.style(f"\nanswered by: {a.backend}{note}; {a.timings.get('total_ms', 0):.0f} ms", dim=True))


@main.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the Answer as JSON.")
@click.option("--top-k", type=click.IntRange(1, TOP_K_MAX), help="Passages to retrieve (default 5).")
@click.option("--backend", type=click.Choice(["openai", "extractive"]), help="Who writes the answer.")
@click.option("--since", help="Only articles published on or after this date (e.g. 2022-07-01).")
@click.option("--until", help="Only articles published on or before this date.")
@click.option("--outlet", "outlets", multiple=True, help="Only articles from this outlet (repeat for several).")
@click.option("--as-of", "as_of", help="The day 'this week', 'recently' or 'current' count from (default: today).")
def ask(question: str | None, as_json: bool, top_k: int | None, backend: str | None, since: str | None,
        until: str | None, outlets: tuple[str, ...], as_of: str | None) -> None:
    """Answer QUESTION from the corpus. With no QUESTION, ask interactively."""
    from .answer import query

    settings = _settings()
    filters = dict(since=since, until=until, outlets=list(outlets) or None, as_of=as_of)
    if question is not None:
        a = query(question, top_k=top_k, backend=backend, settings=settings, **filters)
        if as_json:
            click.echo(a.model_dump_json(indent=2))
        else:
            print_answer(a)
        _exit_now_if_script()
        return
    click.echo("Ask about the articles (empty line or Ctrl-D to quit).")
    while True:
        try:
            line = input("? ").strip()
        except EOFError:
            break
        if not line:
            break
        try:
            print_answer(query(line, top_k=top_k, backend=backend, settings=settings, **filters))
        except RagError as e:
            click.echo(f"error: {e}", err=True)
        click.echo()


def _exit_now_if_script() -> None:
    """End the process at once when `rag` was started as a command (see `run`)."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None and (ctx.find_root().obj or {}).get("fast_exit"):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


def run() -> None:
    """The `rag` command. A question answered from the command line then ends the process without
    tearing the interpreter down: freeing spaCy's and Chroma's objects took 0.3 s of every
    `rag ask` (bench/RESULTS.md), and answering writes nothing that needs closing. Commands that
    write (index, eval, feedback) exit as usual. Tests call `main`, which never does this."""
    main(obj={"fast_exit": True})


if __name__ == "__main__":  # pragma: no cover
    run()
