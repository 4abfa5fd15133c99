"""The indexing loop: passages annotated with spaCy and embedded, in batches, then written.

Two things make it faster than annotating and embedding each batch in turn (bench/RESULTS.md,
issue 14):

- Passages go through in order of length, so each model batch pads its texts to about the same
  length (the last passage of an article is often short; one of those beside full ones wastes the
  padding). Articles therefore finish out of order: an article's record is written when its last
  passage is stored, as before, so a killed run still leaves no half-indexed article.
- When the machine has a core to spare, spaCy annotates the next batch in a worker process while
  the model embeds this one on the other cores. spaCy runs on one core whatever it is given, and
  the model's speed on 2 cores is well under twice its speed on one, so splitting the cores this
  way beats giving both to each model in turn. A machine whose cores are already busy (the load
  average) annotates in this process, in turn with the model, which then has every core."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

WRITE_BATCH = 256  # passages per annotate+embed+write round: big enough to keep the models busy
AHEAD = 2  # batches handed to the annotation worker before their turn (bounded: memory)

_WORKER_NLP: Any = None


def _worker_init(spacy_model: str) -> None:
    global _WORKER_NLP
    from .nlp import load

    _WORKER_NLP = load(spacy_model)


def _worker_annotate(texts: list[str]) -> list[str]:
    return annotate_json(texts, _WORKER_NLP)


def annotate_json(texts: list[str], nlp: Any) -> list[str]:
    """Each text's annotation record as the JSON its chunk metadata holds (see annotate.py)."""
    from .annotate import annotate, dumps

    return [dumps(r) for r in annotate(texts, nlp)]


def should_overlap(setting: str = "auto") -> bool:
    """Annotate in a worker process beside the model? 'auto': when the machine has two or more
    cores and the last minute's load average says they are not all busy. (Measured on 2 cores
    with another developer's jobs running, load 1.2-1.6: 46.8 passages/s overlapped against 33.6
    in turn; a threshold of cores - 1 sent runs that followed other work to the slower path.)"""
    if setting != "auto":
        return setting == "on"
    cores = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except OSError:  # pragma: no cover - no load average on this platform
        load = 0.0
    return cores >= 2 and load < cores


def length_batches(texts: Sequence[str], size: int = WRITE_BATCH) -> list[list[int]]:
    """Indices of `texts` in batches of `size`, shortest first, so each batch holds similar lengths."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    return [order[i : i + size] for i in range(0, len(order), size)]


class Annotator:
    """Annotation of batches of passages: in a worker process (overlap) or here, in turn."""

    def __init__(self, spacy_model: str, overlap: bool) -> None:
        self.spacy_model = spacy_model
        self.pool: ProcessPoolExecutor | None = None
        if overlap:
            import multiprocessing

            # spawn, not fork: a forked copy of a process holding torch's or ONNX Runtime's thread
            # pools can hang; the worker loads spaCy itself (about 1 s, behind the first batch).
            self.pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_worker_init, initargs=(spacy_model,))

    def submit(self, texts: list[str]) -> Future | list[str]:
        if self.pool is not None:
            return self.pool.submit(_worker_annotate, texts)
        return texts  # annotated in turn, when its result is asked for

    def result(self, pending: Future | list[str]) -> list[str]:
        if isinstance(pending, Future):
            return pending.result()
        from .nlp import load

        return annotate_json(pending, load(self.spacy_model))

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


@contextmanager
def embedding_threads(embedder: Any, overlap: bool) -> Iterator[None]:
    """Leave one core to the annotation worker while it runs; restore torch's threads after."""
    threads = max(1, (os.cpu_count() or 1) - 1) if overlap else 0
    embedder.index_threads = threads
    if embedder.variant != "fp32":
        yield
        return
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(threads or before)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def run(
    ann_texts: Sequence[str],
    embed_texts: Sequence[str],
    embedder: Any,
    spacy_model: str,
    write: Callable[[list[int], list[str], Any], None],
    overlap: bool,
) -> None:
    """Annotate `ann_texts` and embed `embed_texts` (the same passages), batch by batch in order of
    length; `write(indices, annotations, vectors)` stores each batch as it is done."""
    batches = length_batches(embed_texts)
    annotator = Annotator(spacy_model, overlap)
    try:
        with embedding_threads(embedder, overlap):
            pending = [annotator.submit([ann_texts[i] for i in b]) for b in batches[:AHEAD]]
            for n, batch in enumerate(batches):
                if n + AHEAD < len(batches):
                    pending.append(annotator.submit([ann_texts[i] for i in batches[n + AHEAD]]))
                vectors = embedder.encode_documents([embed_texts[i] for i in batch])
                write(batch, annotator.result(pending.pop(0)), vectors)
    finally:
        annotator.close()
