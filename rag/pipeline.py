"""The indexing loop: passages annotated with spaCy and embedded, in batches, then written.

Two things make it faster than annotating and embedding each batch in turn (bench/RESULTS.md,
issue 14):

- Passages go through in order of length, so each model batch pads its texts to about the same
  length (the last passage of an article is often short; one of those beside full ones wastes the
  padding). Articles therefore finish out of order: an article's record is written when its last
  passage is stored, as before, so a killed run still leaves no half-indexed article.
- When the machine has a core to spare, spaCy annotates the coming batches in a worker process
  while the model embeds this one on the other cores, and the model takes every core once the
  worker is done (Threads). spaCy runs on one core whatever it is given, and the model's speed on
  2 cores is well under twice its speed on one, so splitting the cores this way beats giving both
  to each model in turn. A machine whose cores are already busy (the load average) annotates in
  this process, in turn with the model, which then has every core."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

WRITE_BATCH = 256  # passages per annotate+embed+write round: big enough to keep the models busy
# Batches handed to the annotation worker before their turn: enough (16,384 passages) for it to
# finish a corpus like rtqa-2022 well before the model does; bounded, as its results wait in memory.
AHEAD = 64

_WORKER_NLP: Any = None


def _worker_init(spacy_model: str) -> None:
    global _WORKER_NLP
    import multiprocessing
    import threading

    from threadpoolctl import threadpool_limits

    from .nlp import load

    # A killed indexer (kill -9, the OOM killer) cannot shut its pool down: end with it rather
    # than idle on as an orphan holding a spaCy pipeline. join() returns when the parent is gone.
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=lambda: (parent.join(), os._exit(0)), daemon=True).start()
    _WORKER_NLP = load(spacy_model)
    # numpy's BLAS (spaCy's products) on one thread whatever the environment says: the worker's
    # one core is the one the model leaves it, and a second BLAS thread would take the model's.
    threadpool_limits(1, user_api="blas")


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


class Threads:
    """How many threads the model gets for each batch: every core while the annotation worker has
    nothing to do, all but one while it works. spaCy annotates faster on one core than the model
    embeds on two (1.5 times with thinc's BLIS, measured; numpy's BLAS made spaCy 1.45x faster
    since), so with the worker allowed to run well ahead it finishes early and the model has both
    cores for the rest (rather than one core sitting idle beside it)."""

    def __init__(self, embedder: Any) -> None:
        self.embedder = embedder
        self.cores = os.cpu_count() or 1
        self.torch_before: int | None = None
        if embedder.variant == "fp32":
            import torch

            self.torch_before = torch.get_num_threads()

    def set(self, worker_busy: bool) -> None:
        threads = max(1, self.cores - 1) if worker_busy else 0  # 0: one per core
        self.embedder.index_threads = threads
        if self.torch_before is not None:
            import torch

            torch.set_num_threads(threads or self.torch_before)

    def restore(self) -> None:
        if self.torch_before is not None:
            import torch

            torch.set_num_threads(self.torch_before)


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
    threads = Threads(embedder)
    pending: deque = deque()
    submitted = 0
    try:
        for n, batch in enumerate(batches):
            while submitted < len(batches) and submitted < n + AHEAD:
                pending.append(annotator.submit([ann_texts[i] for i in batches[submitted]]))
                submitted += 1
            threads.set(overlap and (submitted < len(batches) or not all(f.done() for f in pending)))
            vectors = embedder.encode_documents([embed_texts[i] for i in batch])
            write(batch, annotator.result(pending.popleft()), vectors)
    finally:
        threads.restore()
        annotator.close()
