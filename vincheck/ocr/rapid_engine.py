"""RapidOCR's PP-OCR recogniser as a glyph reader.

The whole text line is recognised once; the recogniser's per-frame class probabilities
(CTC output, one frame every few pixels along the line) are folded onto the VIN alphabet
plus :data:`~vincheck.ocr.base.SYMBOL`, and each glyph cell takes the strongest evidence of
the frames that fall inside its x-range. One call per strip (~20-40 ms on 2 cores).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import cv2
import numpy as np

from vincheck.errors import OcrEngineError
from vincheck.ocr.base import SYMBOL, VIN_ALPHABET, CellScores, fold_char, normalized

REC_HEIGHT = 48  # px: the PP-OCR recogniser's input height


class RapidEngine:
    """Glyph reader on RapidOCR's recogniser (models from the installed wheel)."""

    name = "rapidocr"

    def __init__(self, engine: Any | None = None) -> None:
        if engine is None:
            from vincheck.ocr.rapid import get_rapidocr

            engine = get_rapidocr()
        try:
            self._rec = engine._load_rec_model()  # RapidOCR 3.x: lazy recogniser
            chars = list(self._rec.postprocess_op.character)
        except Exception as exc:  # noqa: BLE001 - any incompatible RapidOCR build
            raise OcrEngineError(f"RapidOCR's recogniser cannot be used here: {exc}") from exc
        self._keys = [*VIN_ALPHABET, SYMBOL]
        col = np.full(len(chars), -1, dtype=np.int64)  # class -> folded key index, -1 ignore
        for i, ch in enumerate(chars):
            if i == 0 or ch in ("blank", " "):
                continue
            k = fold_char(ch)
            if k is not None:
                col[i] = self._keys.index(k)
        self._fold = col

    def frame_probs(self, line: np.ndarray) -> tuple[np.ndarray, float]:
        """Folded per-frame probabilities (T x 34: VIN alphabet + SYMBOL) of a line image
        (H x W uint8 grey) and the line px covered by one frame."""
        h, w = line.shape[:2]
        img = cv2.cvtColor(line, cv2.COLOR_GRAY2BGR) if line.ndim == 2 else line
        ratio = max(1.0, w / float(h))
        norm = self._rec.resize_norm_img(img, ratio)[None].astype(np.float32)
        try:
            preds = np.asarray(self._rec.session(norm))[0]  # T x C
        except Exception as exc:  # noqa: BLE001
            raise OcrEngineError(f"RapidOCR failed on a text line: {exc}") from exc
        t = preds.shape[0]
        folded = np.zeros((t, len(self._keys)), dtype=np.float64)
        valid = self._fold >= 0
        np.add.at(folded.T, self._fold[valid], preds[:, valid].T)
        resized_w = min(norm.shape[3], int(np.ceil(REC_HEIGHT * w / float(h))))
        px_per_frame = (norm.shape[3] / t) * (w / max(resized_w, 1))
        return folded, px_per_frame

    def read_glyphs(self, line: np.ndarray, spans: Sequence[tuple[float, float]]
                    ) -> list[CellScores]:
        folded, step = self.frame_probs(line)
        centres = (np.arange(folded.shape[0]) + 0.5) * step
        out: list[CellScores] = []
        for x0, x1 in spans:
            sel = (centres >= x0) & (centres < x1)
            if not sel.any():
                sel = np.zeros_like(sel)
                sel[int(np.argmin(np.abs(centres - (x0 + x1) / 2)))] = True
            ev = folded[sel].max(axis=0)
            out.append(normalized({k: float(v) for k, v in zip(self._keys, ev, strict=True)}))
        return out

    def read_text(self, line: np.ndarray) -> tuple[str, float]:
        """Greedy CTC reading of the line over the folded classes, and its mean score."""
        folded, _ = self.frame_probs(line)
        text, scores, prev = [], [], -1
        for row in folded:
            k = int(np.argmax(row))
            blank = 1.0 - float(row.sum())
            if blank > row[k]:
                prev = -1
                continue
            if k != prev:
                text.append(self._keys[k])
                scores.append(float(row[k]))
            prev = k
        return "".join(text), float(np.mean(scores)) if scores else 0.0
