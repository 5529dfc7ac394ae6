"""The OCR engine interface used by the rubbing reader.

An engine turns glyph cells (small grey crops, dark characters on light) into one
probability distribution per cell over the VIN alphabet plus :data:`SYMBOL`, the class for
"this is not a VIN character" (a start/stop symbol such as ``★ ☆ ※ ◆`` or a maker's mark).
Tests swap in a canned or crashing engine through this protocol.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol, runtime_checkable

import numpy as np

VIN_ALPHABET = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"  # I, O, Q are never used
SYMBOL = "#"  # key of the "not a VIN character" class in a cell distribution
# Readings an OCR may give for a VIN character it cannot use (folded before scoring).
ALIASES = {"O": "0", "Q": "0", "I": "1", "o": "0", "l": "1", "i": "1", "|": "1"}

CellScores = dict[str, float]


@runtime_checkable
class OcrEngine(Protocol):
    """Reads the glyph cells of one text line. ``name`` is shown in reports ("rapidocr",
    "tesseract", ...). Engines may also offer ``read_cells(cells) -> list[CellScores]``
    (each cell a single-character crop) for a second opinion on unsure glyphs."""

    name: str

    def read_glyphs(self, line: np.ndarray, spans: Sequence[tuple[float, float]]
                    ) -> list[CellScores]:
        """One distribution per span ({char: probability}, total <= 1: the rest means
        "unknown"; keys are VIN characters or :data:`SYMBOL`). ``line``: H x W uint8 grey,
        dark characters on light; ``spans``: each glyph's x-range (px) in the line."""
        ...


def normalized(scores: Mapping[str, float], floor: float = 1e-6) -> CellScores:
    """Scores scaled to sum to 1; entries below ``floor`` dropped. Empty input -> {}."""
    total = float(sum(max(0.0, v) for v in scores.values()))
    if total <= 0:
        return {}
    return {k: float(v) / total for k, v in scores.items() if float(v) / total >= floor}


def fold_char(ch: str) -> str | None:
    """Map an OCR output character to a VIN character, :data:`SYMBOL` or None (ignore)."""
    if ch in ALIASES:
        return ALIASES[ch]
    up = ch.upper()
    if len(up) == 1 and up in VIN_ALPHABET:
        return up
    if ch.strip() == "":
        return None
    return SYMBOL


def combine(dists: Sequence[CellScores], weights: Sequence[float] | None = None) -> CellScores:
    """Weighted mean of several engines' distributions for one cell. Not renormalised: a
    total below 1 keeps saying "partly unknown" (an engine that saw nothing there)."""
    if not dists:
        return {}
    weights = list(weights) if weights is not None else [1.0] * len(dists)
    wsum = float(sum(weights)) or 1.0
    out: dict[str, float] = {}
    for d, w in zip(dists, weights, strict=True):
        for k, v in d.items():
            out[k] = out.get(k, 0.0) + w * v / wsum
    return out


def capped(scores: Mapping[str, float]) -> CellScores:
    """Scores scaled down to sum to at most 1 (left as they are when the sum is below 1)."""
    total = float(sum(max(0.0, v) for v in scores.values()))
    if total <= 1.0:
        return {k: max(0.0, float(v)) for k, v in scores.items()}
    return {k: max(0.0, float(v)) / total for k, v in scores.items()}
