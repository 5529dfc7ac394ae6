"""Read a segmented strip: per-glyph distributions from the OCR engines, end symbols
told apart from VIN characters, and the 17 character distributions for ``vin.repair``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from vincheck.errors import OcrEngineError
from vincheck.ocr.base import SYMBOL, CellScores, OcrEngine, combine, normalized
from vincheck.rubbing.segment import Glyph, Segmentation

# A glyph at either end of the line is a start/stop symbol when the engines give the
# "not a VIN character" class at least this probability.
SYMBOL_PROB = 0.5
# Share of the character height added above and below the text band for the line image.
LINE_PAD = 0.35


@dataclass
class StripRead:
    """What the engines read on one strip.

    ``glyph_scores`` per glyph (left to right) incl. :data:`SYMBOL`; ``start``/``end`` the
    symbol glyphs or None; ``chars`` the character glyphs between them and ``char_scores``
    their distributions over VIN characters only; ``raw`` the line as read (``#`` for a
    symbol); ``engines`` the engines that answered; ``errors`` messages of engines that
    failed.
    """

    glyph_scores: list[CellScores]
    start: Glyph | None
    end: Glyph | None
    chars: list[Glyph]
    char_scores: list[CellScores]
    raw: str
    engines: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def line_image(norm: np.ndarray, seg: Segmentation) -> tuple[np.ndarray, int]:
    """The text line cut from the normalised strip (full width) and its top row (px)."""
    y0, y1 = seg.band
    hh = max(1, y1 - y0)
    a = max(0, int(y0 - LINE_PAD * hh))
    b = min(norm.shape[0], int(y1 + LINE_PAD * hh))
    return norm[a:b], a


def _top(d: CellScores) -> str:
    return max(d.items(), key=lambda kv: kv[1])[0] if d else "?"


def read_strip(norm: np.ndarray, seg: Segmentation, engines: Sequence[OcrEngine]
               ) -> StripRead:
    """Run every engine on the strip's line and combine their per-glyph distributions.

    An engine that raises :class:`OcrEngineError` is skipped and its message kept; when
    every engine fails the last error is raised.
    """
    glyphs = seg.glyphs
    line, _ = line_image(norm, seg)
    spans = _spans(glyphs, line.shape[1])
    per_engine: list[list[CellScores]] = []
    used: list[str] = []
    errors: list[str] = []
    last_exc: OcrEngineError | None = None
    for eng in engines:
        try:
            scores = eng.read_glyphs(line, spans)
        except OcrEngineError as exc:
            errors.append(f"{eng.name}: {exc}")
            last_exc = exc
            continue
        if len(scores) != len(glyphs):
            errors.append(f"{eng.name}: returned {len(scores)} cells for {len(glyphs)}")
            continue
        per_engine.append([normalized(s) for s in scores])
        used.append(eng.name)
    if not per_engine and glyphs:
        if last_exc is not None:
            raise last_exc
        raise OcrEngineError("no OCR engine returned a reading: " + "; ".join(errors))
    glyph_scores = [combine([pe[i] for pe in per_engine]) for i in range(len(glyphs))]
    start = end = None
    lo, hi = 0, len(glyphs)
    # leading / trailing symbol-like glyphs: the one next to the text is the symbol,
    # anything further out is dirt or a second mark
    while lo < hi and glyph_scores[lo].get(SYMBOL, 0.0) >= SYMBOL_PROB:
        start = glyphs[lo]
        lo += 1
    while hi > lo and glyph_scores[hi - 1].get(SYMBOL, 0.0) >= SYMBOL_PROB:
        end = glyphs[hi - 1]
        hi -= 1
    idx = list(range(lo, hi))
    # more than 17 glyphs between the symbols: drop the least character-like ones
    while len(idx) > 17:
        worst = min(idx, key=lambda i: (1.0 - glyph_scores[i].get(SYMBOL, 0.0))
                    * glyphs[i].area)
        idx.remove(worst)
    chars = [glyphs[i] for i in idx]
    char_scores = [normalized({k: v for k, v in glyph_scores[i].items() if k != SYMBOL})
                   for i in idx]
    raw = "".join(SYMBOL if glyph_scores[i].get(SYMBOL, 0) >= SYMBOL_PROB
                  else _top({k: v for k, v in glyph_scores[i].items() if k != SYMBOL})
                  for i in range(len(glyphs)))
    return StripRead(glyph_scores, start, end, chars, char_scores, raw, used, errors)


def _spans(glyphs: Sequence[Glyph], width: int) -> list[tuple[float, float]]:
    """x-ranges assigning every line px to the nearest glyph (split at mid-gaps)."""
    spans = []
    for i, g in enumerate(glyphs):
        left = 0.0 if i == 0 else (glyphs[i - 1].x1 + g.x0) / 2.0
        right = float(width) if i == len(glyphs) - 1 else (g.x1 + glyphs[i + 1].x0) / 2.0
        left = max(left, g.x0 - 0.5 * g.h) if i == 0 else left
        right = min(right, g.x1 + 0.5 * g.h) if i == len(glyphs) - 1 else right
        spans.append((left, right))
    return spans
