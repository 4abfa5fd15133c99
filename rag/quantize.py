"""The int8 variant of the embedding model: a dynamically quantized copy of the ONNX export.

Why: on this 2-core CPU, ONNX Runtime with int8 weights embeds passages much faster than fp32
(bench/RESULTS.md, issue 14). Plain per-tensor quantisation moved the vectors too far (mean cosine
0.95 to fp32, min 0.90), so the copy is made as onnxruntime's docs advise for transformers: the
pre-processing step first (shape inference and graph optimisation, so quantisation sees fused
MatMuls), then per-channel weight scales (one scale per output column, not one per matrix).

The copy is made once per machine, next to the fp32 export, and checked against it on sample
texts before use (MIN_COSINE). Questions and passages of one index must come from the same
variant: the index records its variant (rag/store.py) and a different one forces a rebuild."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np

from .ort import SAMPLES, OnnxEncoder

log = logging.getLogger(__name__)

VARIANTS = ("fp32", "int8")
# A copy is accepted when its vectors of SAMPLES are this close to fp32's: on average (per-channel
# copies give ~0.993 on real passages, per-tensor ones 0.953), and each one (a one-word text such as
# "ok" moves most: 0.94; a broken copy lands far lower).
MIN_MEAN_COSINE = 0.98
MIN_COSINE = 0.90


def variant_file(fp32_path: Path, variant: str) -> Path:
    """Where `variant` of the export at `fp32_path` lives (fp32 is the export itself)."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown model variant {variant!r} (one of {', '.join(VARIANTS)})")
    return fp32_path if variant == "fp32" else fp32_path.with_name(f"{fp32_path.stem}-{variant}.onnx")


def quantize(fp32_path: Path, dest: Path, *, per_channel: bool = True, preprocess: bool = True) -> Path:
    """Write an int8 copy of `fp32_path` to `dest` (dynamic quantisation of the weights; activations
    are quantised at run time). The keyword arguments exist for the benchmark that compares the
    options; the index always uses the defaults."""
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.quantization.shape_inference import quant_pre_process

    with tempfile.TemporaryDirectory(dir=dest.parent) as tmp:
        src = fp32_path
        if preprocess:
            src = Path(tmp) / "pre.onnx"
            # Symbolic shape inference gives up on this graph (dynamic batch and sequence); the ONNX
            # shape inference and graph optimisation still run, which is what fuses the MatMuls.
            quant_pre_process(str(fp32_path), str(src), skip_symbolic_shape=True)
        out = Path(tmp) / "int8.onnx"
        quantize_dynamic(str(src), str(out), per_channel=per_channel, weight_type=QuantType.QInt8)
        shutil.move(str(out), dest)
    return dest


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise cosines between two sets of unit vectors."""
    return (a * b).sum(axis=1)


def make_int8(fp32_path: Path, model_path: str) -> float:
    """Make and check the int8 copy of the export at `fp32_path`; returns its mean cosine to fp32.

    Raises:
        RuntimeError: the copy's vectors are too far from fp32's (it is then not kept).
    """
    dest = variant_file(fp32_path, "int8")
    tmp = dest.with_name(f".{dest.stem}.{os.getpid()}.tmp.onnx")
    try:
        quantize(fp32_path, tmp)
        want = OnnxEncoder.open(fp32_path, model_path).encode(SAMPLES)
        got = OnnxEncoder.open(tmp, model_path, meta_from=fp32_path).encode(SAMPLES)
        cos = cosines(want, got)
        if cos.mean() < MIN_MEAN_COSINE or cos.min() < MIN_COSINE:
            raise RuntimeError(f"the int8 copy's vectors are too far from fp32 (cosine mean {cos.mean():.3f}, "
                               f"min {cos.min():.3f}; needs {MIN_MEAN_COSINE} and {MIN_COSINE})")
        shutil.copyfile(fp32_path.with_suffix(".json"), dest.with_suffix(".json"))
        os.replace(tmp, dest)  # last: the file's presence means the copy is complete and checked
        return float(cos.mean())
    finally:
        tmp.unlink(missing_ok=True)
