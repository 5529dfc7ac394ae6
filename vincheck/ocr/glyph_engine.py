"""A small glyph classifier (built by this project) as a second OCR engine.

Each glyph crop (grey, dark character on light) is scaled into a 32 x 32 px square and
classified into the 33 VIN characters plus :data:`~vincheck.ocr.base.SYMBOL` by a small
CNN shipped as ``vincheck/data/glyph_classifier.onnx`` and run with onnxruntime (no
PyTorch at run time). Probabilities are a temperature-scaled softmax (the temperature is
stored beside the model in ``glyph_classifier.json``, fitted on held-back renderings).

The model is trained by ``tools/train_glyph_classifier.py`` on glyphs it renders itself:
the training side of the letterform table ``devkit/letterforms.py`` (outline faces from
Debian font packages, its own dot-matrix and stroke styles, rubbing-like augmentation);
the held-out side is what ``benchmarks.rubbing`` reports as its headline. The JSON beside
the model records the training command, the split, the seed and the file's SHA-256.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from vincheck.errors import OcrEngineError
from vincheck.ocr.base import SYMBOL, VIN_ALPHABET, CellScores
from vincheck.package_data import data_path

INPUT_SIZE = 32  # px: the classifier's square input
CLASSES = VIN_ALPHABET + SYMBOL  # output order of the model
DATA_DIR = data_path()
MODEL_PATH = DATA_DIR / "glyph_classifier.onnx"
META_PATH = DATA_DIR / "glyph_classifier.json"
TRAIN_COMMAND = ".venv/bin/python tools/train_glyph_classifier.py"
# Probabilities below this are dropped from a cell's distribution.
MIN_PROB = 1e-4


def prepare(crop: np.ndarray, size: int = INPUT_SIZE) -> np.ndarray:
    """A glyph crop (H x W uint8/float grey, dark on light) as the classifier's input:
    scaled to fit ``size`` x ``size`` px keeping its aspect, padded with its border
    median, contrast-stretched (2nd-98th percentile) to about [-0.5, 0.5] with ink
    positive. Returns a float32 ``size`` x ``size`` array; the input is not modified."""
    img = np.asarray(crop, dtype=np.float32)
    if img.ndim == 3:
        img = img.mean(axis=2)
    h, w = img.shape[:2]
    if h < 2 or w < 2:
        return np.zeros((size, size), np.float32)
    scale = size / float(max(h, w))
    nh, nw = max(1, round(h * scale)), max(1, round(w * scale))
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    small = cv2.resize(img, (nw, nh), interpolation=interp)
    border = np.concatenate([small[0], small[-1], small[:, 0], small[:, -1]])
    out = np.full((size, size), float(np.median(border)), np.float32)
    y0, x0 = (size - nh) // 2, (size - nw) // 2
    out[y0:y0 + nh, x0:x0 + nw] = small
    lo, hi = np.percentile(small, (2.0, 98.0))
    span = max(float(hi - lo), 8.0)
    out = (float(hi) - out) / span  # ink (dark) -> high
    return np.clip(out, -0.25, 1.25).astype(np.float32) - 0.5


class GlyphEngine:
    """Glyph reader on the project's own classifier (``name = "glyph"``)."""

    name = "glyph"

    def __init__(self, model_path: str | Path | None = None) -> None:
        path = Path(model_path) if model_path is not None else MODEL_PATH
        if not path.is_file():
            raise OcrEngineError(
                f"the glyph classifier model {path} is missing; build it with "
                f"`{TRAIN_COMMAND}` (writes vincheck/data/glyph_classifier.onnx)")
        meta_path = path.with_suffix(".json")
        meta: dict[str, Any] = {}
        if meta_path.is_file():
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        self.temperature = float(meta.get("temperature", 1.0))
        classes = str(meta.get("classes", CLASSES))
        if classes != CLASSES:
            raise OcrEngineError(f"the glyph classifier {path} has classes {classes!r}, "
                                 f"expected {CLASSES!r}; rebuild it with `{TRAIN_COMMAND}`")
        try:
            import onnxruntime as ort

            opts = ort.SessionOptions()
            opts.intra_op_num_threads = 1
            opts.inter_op_num_threads = 1
            self._session = ort.InferenceSession(str(path), sess_options=opts,
                                                 providers=["CPUExecutionProvider"])
        except Exception as exc:  # noqa: BLE001 - a broken or incompatible model file
            raise OcrEngineError(f"the glyph classifier {path} cannot be loaded ({exc}); "
                                 f"rebuild it with `{TRAIN_COMMAND}`") from exc
        self._input = self._session.get_inputs()[0].name
        self._lock = threading.Lock()

    def logits(self, cells: Sequence[np.ndarray]) -> np.ndarray:
        """Raw class scores (N x 34, order :data:`CLASSES`) of glyph crops."""
        if not cells:
            return np.zeros((0, len(CLASSES)), np.float32)
        batch = np.stack([prepare(c) for c in cells])[:, None]
        try:
            with self._lock:
                out = self._session.run(None, {self._input: batch})[0]
        except Exception as exc:  # noqa: BLE001
            raise OcrEngineError(f"the glyph classifier failed: {exc}") from exc
        return np.asarray(out, dtype=np.float64)

    def probabilities(self, cells: Sequence[np.ndarray]) -> np.ndarray:
        """Calibrated class probabilities (N x 34, rows sum to 1) of glyph crops."""
        z = self.logits(cells) / self.temperature
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def read_cells(self, cells: Sequence[np.ndarray]) -> list[CellScores]:
        """One distribution per single-glyph crop (H x W grey, dark on light)."""
        probs = self.probabilities(cells)
        return [{c: float(p) for c, p in zip(CLASSES, row, strict=True) if p >= MIN_PROB}
                for row in probs]

    def read_glyphs(self, line: np.ndarray, spans: Sequence[tuple[float, float]]
                    ) -> list[CellScores]:
        """The line (H x W grey, dark on light) cut at the glyph ``spans`` (x px) and each
        piece classified on its own."""
        w = line.shape[1]
        cells = []
        for x0, x1 in spans:
            a = int(np.clip(np.floor(x0), 0, max(0, w - 1)))
            b = int(np.clip(np.ceil(x1), a + 1, w))
            cells.append(line[:, a:b])
        return self.read_cells(cells)
