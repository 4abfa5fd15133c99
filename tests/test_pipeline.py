"""The indexing loop (rag/pipeline.py): passages in length order, and annotation in a worker
process giving exactly what annotating in turn gives."""

from __future__ import annotations

import numpy as np
import pytest

from rag import pipeline
from rag.config import Settings
from rag.corpus import load_corpus
from rag.embed import Embedder
from rag.text import sentences


def test_length_batches_hold_every_passage_once_shortest_first():
    texts = ["x" * n for n in (50, 3, 700, 20, 20, 9, 400)]
    batches = pipeline.length_batches(texts, size=3)
    flat = [i for b in batches for i in b]
    assert sorted(flat) == list(range(len(texts)))
    lengths = [len(texts[i]) for i in flat]
    assert lengths == sorted(lengths)
    assert [len(b) for b in batches] == [3, 3, 1]


def test_overlap_setting():
    assert pipeline.should_overlap("on") and not pipeline.should_overlap("off")


def _passages(n: int = 40) -> list[str]:
    arts, _ = load_corpus(Settings().corpus_dir)
    return [s for a in arts for s in sentences(a.text) if len(s) > 40][:n]


@pytest.mark.subprocess
@pytest.mark.parametrize("variant", ["fp32", "int8"])
def test_overlapped_run_gives_what_running_in_turn_gives(variant):
    texts = _passages()
    embedder = Embedder.from_settings(Settings(embed_variant=variant))
    embedder.ensure_onnx()
    got: dict[str, dict[int, tuple[str, np.ndarray]]] = {}
    for overlap in (False, True):
        out: dict[int, tuple[str, np.ndarray]] = {}

        def write(indices, annotations, vectors, out=out):
            out.update({i: (a, v) for i, a, v in zip(indices, annotations, vectors)})

        pipeline.run(texts, texts, embedder, Settings().spacy_model, write, overlap)
        got[str(overlap)] = out
    serial, overlapped = got["False"], got["True"]
    assert sorted(serial) == sorted(overlapped) == list(range(len(texts)))
    for i in serial:
        assert serial[i][0] == overlapped[i][0]  # the same annotation JSON
        a, b = serial[i][1], overlapped[i][1]
        if embedder.documents_in_bf16:
            # bf16 products (a CPU with native bf16) are rounded block by block, and the blocks follow
            # the thread count: measured at most 5.2e-4 apart, least cosine 0.999994 (Intel Xeon with
            # AMX, 2026-12-05), far below what could reorder a search's results.
            assert float(a @ b) / float(np.linalg.norm(a) * np.linalg.norm(b)) > 0.9999
        else:
            assert np.allclose(a, b, atol=1e-5)  # the same vector, whatever the threads
