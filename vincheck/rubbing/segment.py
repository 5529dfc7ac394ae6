"""Segment a normalised strip into glyph cells (characters and end symbols).

Works on the normalised strip (dark characters on light). Connected components of the
binarised ink are grouped into glyphs by horizontal overlap (a broken character or a
``※`` with separate dots is one glyph), glyphs outside the text band are dropped, and a
glyph much wider than the line's pitch (touching characters) is split evenly.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np


@dataclass
class Glyph:
    """One glyph cell in strip px: box x0, y0 (inclusive), x1, y1 (exclusive), ink area px,
    and whether it touches the left/right end of the strip (possibly cut off)."""

    x0: int
    y0: int
    x1: int
    y1: int
    area: int
    at_edge: bool = False

    @property
    def w(self) -> int:
        return self.x1 - self.x0

    @property
    def h(self) -> int:
        return self.y1 - self.y0

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2.0

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2.0


@dataclass
class Segmentation:
    """Glyphs left to right, the binary ink mask (uint8 0/1) and the text band (y0, y1)."""

    glyphs: list[Glyph]
    ink: np.ndarray
    band: tuple[int, int]


def binarize(norm: np.ndarray) -> np.ndarray:
    """Ink mask (uint8 0/1) of a normalised strip: Otsu on a lightly smoothed copy."""
    blur = cv2.GaussianBlur(norm, (0, 0), max(1.0, norm.shape[0] / 150.0))
    _, b = cv2.threshold(blur, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    k = max(3, int(norm.shape[0] / 60) | 1)
    b = cv2.morphologyEx(b, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    # join the dots of dot-peen characters and the grains of a light rubbing
    b = cv2.morphologyEx(b, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    return b


def estimate_pitch(ink: np.ndarray, band: tuple[int, int], char_h: float) -> float:
    """Character pitch (px) from the autocorrelation of the ink's column profile within the
    text band, searched between 0.5 and 1.3 character heights; 0.8 x height if no peak."""
    prof = ink[band[0]:band[1]].sum(axis=0).astype(np.float64)
    prof -= prof.mean()
    n = len(prof)
    lo, hi = int(0.5 * char_h), int(min(n - 1, 1.3 * char_h))
    if hi <= lo + 2:
        return 0.8 * char_h
    f = np.fft.rfft(prof, 2 * n)
    ac = np.fft.irfft(f * np.conj(f))[:n]
    if ac[0] <= 0:
        return 0.8 * char_h
    lag = lo + int(np.argmax(ac[lo:hi]))
    return float(lag)


def _merge_overlapping(boxes: list[list[int]], min_overlap: float = 0.5) -> list[list[int]]:
    """Merge boxes [x0, y0, x1, y1, area] whose x ranges overlap by ``min_overlap`` of the
    narrower one."""
    boxes = sorted(boxes, key=lambda b: b[0])
    out: list[list[int]] = []
    for b in boxes:
        if out:
            p = out[-1]
            ov = min(p[2], b[2]) - max(p[0], b[0])
            if ov > min_overlap * min(p[2] - p[0], b[2] - b[0]):
                out[-1] = [min(p[0], b[0]), min(p[1], b[1]), max(p[2], b[2]), max(p[3], b[3]),
                           p[4] + b[4]]
                continue
        out.append(list(b))
    return out


def segment_strip(norm: np.ndarray, ink: np.ndarray | None = None) -> Segmentation:
    """Glyph cells of a normalised strip (H x W uint8, dark characters), left to right."""
    if ink is None:
        ink = binarize(norm)
    h, w = ink.shape
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    comps = []
    for i in range(1, n):
        x, y, cw, ch, area = (int(v) for v in stats[i])
        if area < max(12, h * h / 2000) or ch < h * 0.06:
            continue
        if y <= 0 or y + ch >= h:  # light tape edge, not a stamped character
            continue
        comps.append([x, y, x + cw, y + ch, area])
    if not comps:
        return Segmentation([], ink, (0, h))
    heights = np.array([c[3] - c[1] for c in comps])
    tall = [c for c in comps if c[3] - c[1] >= 0.5 * heights.max()]
    ref_h = float(np.median([c[3] - c[1] for c in tall]))
    band_y0 = float(np.median([c[1] for c in tall]))
    band_y1 = float(np.median([c[3] for c in tall]))
    # keep parts that sit in the text band (dots of a ※ are small but inside the band)
    keep = []
    for c in comps:
        cy = (c[1] + c[3]) / 2.0
        if band_y0 - 0.25 * ref_h <= cy <= band_y1 + 0.25 * ref_h:
            keep.append(c)
    merged = _merge_overlapping(keep)
    glyphs = [g for g in merged if (g[3] - g[1]) >= 0.35 * ref_h]
    if not glyphs:
        return Segmentation([], ink, (int(band_y0), int(band_y1)))
    # split glyphs much wider than the typical glyph (touching characters)
    pitch = estimate_pitch(ink, (int(band_y0), int(band_y1)), ref_h)
    widths = np.array([g[2] - g[0] for g in glyphs])
    typ_w = float(np.median(widths))
    out: list[Glyph] = []
    for g in glyphs:
        gw = g[2] - g[0]
        parts = 1
        if gw > 1.45 * min(max(typ_w, 1), pitch) and pitch > 0:
            parts = max(1, int(round(gw / pitch)))
        for k in range(parts):
            x0 = int(round(g[0] + gw * k / parts))
            x1 = int(round(g[0] + gw * (k + 1) / parts))
            sub = ink[g[1]:g[3], x0:x1]
            ys = np.nonzero(sub.any(axis=1))[0]
            y0 = g[1] + (int(ys[0]) if len(ys) else 0)
            y1 = g[1] + (int(ys[-1]) + 1 if len(ys) else g[3] - g[1])
            out.append(Glyph(x0, y0, x1, y1, int(sub.sum()),
                             at_edge=(x0 <= 1 or x1 >= w - 1)))
    return Segmentation(out, ink, (int(band_y0), int(band_y1)))
