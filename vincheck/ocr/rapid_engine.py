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
# Total probability given to a glyph cell no emitted character was aligned to (the rest is
# "unknown"): such cells are the first dropped when a line has too many cells.
UNMATCHED_MASS = 0.3


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
        groups: dict[int, list[int]] = {}
        ignore = [0]
        for i, ch in enumerate(chars):
            if i == 0 or ch in ("blank", " "):
                ignore.append(i) if i else None
                continue
            k = fold_char(ch)
            if k is None:
                ignore.append(i)
            elif k != SYMBOL:
                groups.setdefault(self._keys.index(k), []).append(i)
        self._groups = [np.array(groups.get(j, []), dtype=np.int64)
                        for j in range(len(VIN_ALPHABET))]
        self._ignore = np.array(sorted(set(ignore)), dtype=np.int64)

    def _fold_preds(self, preds: np.ndarray) -> np.ndarray:
        """T x C recogniser probabilities -> T x 34 (VIN alphabet + SYMBOL)."""
        folded = np.zeros((preds.shape[0], len(self._keys)), dtype=np.float64)
        for j, cols in enumerate(self._groups):
            if len(cols):
                folded[:, j] = preds[:, cols].sum(axis=1)
        rest = preds.sum(axis=1) - preds[:, self._ignore].sum(axis=1)
        folded[:, -1] = np.clip(rest - folded[:, :-1].sum(axis=1), 0.0, None)
        return folded

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
        folded = self._fold_preds(preds)
        resized_w = min(norm.shape[3], int(np.ceil(REC_HEIGHT * w / float(h))))
        px_per_frame = (norm.shape[3] / t) * (w / max(resized_w, 1))
        return folded, px_per_frame

    def emissions(self, line: np.ndarray, frames: tuple[np.ndarray, float] | None = None
                  ) -> list[tuple[float, dict[str, float]]]:
        """Greedy CTC decoding with positions: (x centre px in the line, distribution over
        the folded classes) per character the recogniser emits, left to right."""
        folded, step = frames if frames is not None else self.frame_probs(line)
        blank = np.clip(1.0 - folded.sum(axis=1), 0.0, 1.0)
        best = folded.argmax(axis=1)
        out: list[tuple[float, dict[str, float]]] = []
        t, n = 0, folded.shape[0]
        while t < n:
            k = int(best[t])
            if blank[t] >= folded[t, k]:
                t += 1
                continue
            u = t
            while u + 1 < n and int(best[u + 1]) == k and blank[u + 1] < folded[u + 1, k]:
                u += 1
            ev = folded[t:u + 1].max(axis=0)
            x = (t + u + 1) / 2.0 * step
            out.append((x, normalized({c: float(v) for c, v in zip(self._keys, ev,
                                                                    strict=True)})))
            t = u + 1
        return out

    def read_glyphs(self, line: np.ndarray, spans: Sequence[tuple[float, float]]
                    ) -> list[CellScores]:
        folded, step = self.frame_probs(line)
        em = self.emissions(line, (folded, step))
        assigned = align_to_spans([x for x, _ in em], spans)
        centres = (np.arange(folded.shape[0]) + 0.5) * step
        out: list[CellScores] = []
        for gi, (x0, x1) in enumerate(spans):
            ei = assigned[gi]
            if ei is not None:
                out.append(em[ei][1])
                continue
            sel = (centres >= x0) & (centres < x1)
            if not sel.any():
                sel = np.zeros_like(sel)
                sel[int(np.argmin(np.abs(centres - (x0 + x1) / 2)))] = True
            ev = folded[sel].max(axis=0)
            # no character was emitted here (a fragment of a neighbour, or a character the
            # recogniser merged): keep the frames' evidence, marked weak (mass 0.3 of 1)
            weak = normalized({k: float(v) for k, v in zip(self._keys, ev, strict=True)})
            out.append({k: UNMATCHED_MASS * v for k, v in weak.items()})
        return out

    def read_cells(self, cells: Sequence[np.ndarray]) -> list[CellScores]:
        """One distribution per single-character crop (H x W grey, dark on light), all
        cells recognised in one batch."""
        if not cells:
            return []
        imgs = [cv2.cvtColor(c, cv2.COLOR_GRAY2BGR) if c.ndim == 2 else c for c in cells]
        ratio = max(1.0, max(c.shape[1] / float(max(1, c.shape[0])) for c in imgs))
        batch = np.concatenate([self._rec.resize_norm_img(c, ratio)[None] for c in imgs])
        try:
            preds = np.asarray(self._rec.session(batch.astype(np.float32)))
        except Exception as exc:  # noqa: BLE001
            raise OcrEngineError(f"RapidOCR failed on character cells: {exc}") from exc
        out: list[CellScores] = []
        for k in range(preds.shape[0]):
            folded = self._fold_preds(preds[k])
            em = self.emissions(cells[k], (folded, 1.0))
            if em:
                out.append(max((d for _, d in em), key=lambda d: max(d.values())))
            else:
                ev = folded.max(axis=0)
                weak = normalized({c: float(v) for c, v in zip(self._keys, ev, strict=True)})
                out.append({c: UNMATCHED_MASS * v for c, v in weak.items()})
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


def align_to_spans(xs: Sequence[float], spans: Sequence[tuple[float, float]],
                   skip_cost: float = 0.6) -> list[int | None]:
    """Monotonic alignment of emission positions ``xs`` to glyph ``spans`` (x0, x1).

    Dynamic programming: matching costs the distance of the emission from the span's centre
    in span widths; leaving an emission or a span unmatched costs ``skip_cost``. Returns,
    per span, the index of its emission or None.
    """
    n, m = len(xs), len(spans)
    cen = [(a + b) / 2.0 for a, b in spans]
    wid = [max(1.0, b - a) for a, b in spans]
    inf = float("inf")
    cost = np.full((n + 1, m + 1), inf)
    move = np.zeros((n + 1, m + 1), dtype=np.int8)  # 1 match, 2 skip emission, 3 skip span
    cost[0, 0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            c = cost[i, j]
            if c == inf:
                continue
            if i < n and j < m:
                d = c + abs(xs[i] - cen[j]) / wid[j]
                if d < cost[i + 1, j + 1]:
                    cost[i + 1, j + 1], move[i + 1, j + 1] = d, 1
            if i < n and c + skip_cost < cost[i + 1, j]:
                cost[i + 1, j], move[i + 1, j] = c + skip_cost, 2
            if j < m and c + skip_cost < cost[i, j + 1]:
                cost[i, j + 1], move[i, j + 1] = c + skip_cost, 3
    out: list[int | None] = [None] * m
    i, j = n, m
    while i > 0 or j > 0:
        mv = move[i, j]
        if mv == 1:
            out[j - 1] = i - 1
            i, j = i - 1, j - 1
        elif mv == 2:
            i -= 1
        else:
            j -= 1
    return out
