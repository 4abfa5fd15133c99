"""The one-time export of the embedding model for ONNX Runtime (see rag/ort.py for why). Imports
torch at the top: this module is imported only when an export is made, never to answer."""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import torch

from . import ort
from .ort import OPSET, SAMPLES, OnnxEncoder


class _Hidden(torch.nn.Module):
    """The transformer with positional inputs and one output: what torch's exporter wants."""

    def __init__(self, transformer: Any) -> None:
        super().__init__()
        self.base = transformer

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.base(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state


def _export_graph(transformer: Any, tmp: Path) -> None:
    ids = torch.ones(2, 16, dtype=torch.long)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # the exporter's deprecation and tracer notes
        torch.onnx.export(
            _Hidden(transformer).eval(),
            (ids, torch.ones_like(ids), torch.zeros_like(ids)),
            str(tmp),
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes={k: {0: "batch", 1: "seq"} for k in [*names, "last_hidden_state"]},
            opset_version=OPSET,
            dynamo=False,
        )


def export(st_model: Any, model_path: str, dest: Path) -> float:
    """Export the transformer inside a loaded SentenceTransformer to `dest`, check it against torch
    on SAMPLES, and move it into place only if it matches. Returns the largest difference.

    Raises:
        RuntimeError: the export does not reproduce the torch vectors (e.g. CLS pooling).
        ImportError: the `onnx` package, which torch's exporter needs, is missing.
    """
    import onnx  # noqa: F401 - torch.onnx.export needs it; fail here with a clear ImportError

    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.stem}.{os.getpid()}.tmp.onnx")
    try:
        _export_graph(st_model[0].auto_model, tmp)
        max_len = int(st_model.max_seq_length)
        got = OnnxEncoder(tmp, Path(model_path) / "tokenizer.json", max_len).encode(SAMPLES)
        want = st_model.encode(SAMPLES, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
        diff = float(np.abs(got - want).max()) if got.shape == want.shape else float("inf")
        if diff > ort.MAX_DIFF:
            raise RuntimeError(f"the ONNX export differs from torch by {diff:.2g} (over {ort.MAX_DIFF})")
        meta = {"max_seq_length": max_len, "model_path": str(model_path), "max_abs_diff": diff}
        dest.with_suffix(".json").write_text(json.dumps(meta))
        os.replace(tmp, dest)  # last: the .onnx file's presence means the export is complete
        return diff
    finally:
        tmp.unlink(missing_ok=True)
