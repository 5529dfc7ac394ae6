"""Measurements on a segmented strip: character height, pitch, slant, aspect, ghosting.

All inputs are in strip px (the deskewed crop); results are in px and degrees. The judge
converts px to mm with the scan's DPI (and reports "DPI unknown" when there is none).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from vincheck.rubbing.segment import Glyph


@dataclass
class Geometry:
    """Line geometry of the character cells (symbols excluded), px and degrees.

    ``height_px`` median cell height; ``height_spread`` largest deviation from it / median;
    ``pitch_px`` median centre-to-centre distance; ``pitch_spread`` largest deviation of a
    gap from it / median; ``slant_deg`` shear of the strokes from upright (positive = top
    leaning right); ``aspect`` median width / height of the cells.
    """

    height_px: float
    height_spread: float
    heights_px: list[float]
    pitch_px: float
    pitch_spread: float
    pitches_px: list[float]
    slant_deg: float
    aspect: float


def rolling_median(v: np.ndarray, k: int = 3) -> np.ndarray:
    """Median over a window of ``k`` neighbours (shorter at the ends): a single mis-cut
    cell does not count as a deformation, a run of ``k`` or more does."""
    n = len(v)
    if n < k:
        return v.copy()
    half = k // 2
    return np.array([float(np.median(v[max(0, i - half):min(n, i + half + 1)]))
                     for i in range(n)])


def theil_sen_slope(v: np.ndarray) -> float:
    """Median of pairwise slopes of ``v`` against its index (robust trend, units / step)."""
    n = len(v)
    if n < 2:
        return 0.0
    i, j = np.triu_indices(n, k=1)
    return float(np.median((v[j] - v[i]) / (j - i)))


def line_geometry(glyphs: Sequence[Glyph], ink: np.ndarray) -> Geometry:
    """Geometry of ``glyphs`` (character cells left to right) on the ink mask (0/1).

    Spreads are robust to one badly cut cell: the height spread is the larger of the
    end-to-end trend (Theil-Sen) and the largest deviation of a 3-cell running median; the
    pitch spread is the largest deviation of a 3-gap running median from the median pitch.
    """
    hs = np.array([g.h for g in glyphs], dtype=float)
    med_h = float(np.median(hs)) if len(hs) else 0.0
    h_spread = 0.0
    if med_h > 0 and len(hs) >= 3:
        trend = abs(theil_sen_slope(hs)) * (len(hs) - 1) / med_h
        local = float(np.max(np.abs(rolling_median(hs) - med_h)) / med_h)
        h_spread = max(trend, local)
    cx = np.array([g.cx for g in glyphs], dtype=float)
    gaps = np.diff(cx) if len(cx) > 1 else np.array([], dtype=float)
    pitch = float(np.median(gaps)) if len(gaps) else 0.0
    p_spread = 0.0
    if pitch > 0 and len(gaps) >= 3:
        p_spread = float(np.max(np.abs(rolling_median(gaps) - pitch)) / pitch)
    ws = np.array([g.w for g in glyphs], dtype=float)
    aspect = float(np.median(ws / np.maximum(hs, 1))) if len(hs) else 0.0
    slant = estimate_slant(glyphs, ink)
    return Geometry(med_h, h_spread, hs.tolist(), pitch, p_spread, gaps.tolist(), slant, aspect)


def estimate_slant(glyphs: Sequence[Glyph], ink: np.ndarray, max_deg: float = 25.0,
                   step_deg: float = 1.0) -> float:
    """Shear angle (degrees, positive = top leaning right) that makes the strokes most
    vertical: the one maximising the peakiness (sum of squares) of the column profile of
    the ink within the text band after un-shearing."""
    if not glyphs:
        return 0.0
    y0 = int(min(g.y0 for g in glyphs))
    y1 = int(max(g.y1 for g in glyphs))
    x0 = int(max(0, min(g.x0 for g in glyphs) - (y1 - y0)))
    x1 = int(min(ink.shape[1], max(g.x1 for g in glyphs) + (y1 - y0)))
    band = ink[y0:y1, x0:x1].astype(np.float32)
    if band.size == 0:
        return 0.0
    f = min(1.0, 48.0 / max(1, y1 - y0))  # ~48 px per character height is plenty
    if f < 1.0:
        band = cv2.resize(band, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    h, w = band.shape
    yc = h / 2.0
    best, best_a = -1.0, 0.0
    scores = []
    angles = np.arange(-max_deg, max_deg + 1e-9, step_deg)
    for a in angles:
        s = math.tan(math.radians(a))
        # un-shear: x' = x + s * (y - yc)  (top leaning right: shift rows above centre left)
        m = np.array([[1.0, s, -s * yc], [0.0, 1.0, 0.0]], dtype=np.float32)
        sh = cv2.warpAffine(band, m, (w, h), flags=cv2.INTER_LINEAR)
        prof = sh.sum(axis=0)
        v = float(np.sum(prof * prof))
        scores.append(v)
        if v > best:
            best, best_a = v, float(a)
    # parabolic refinement around the best angle
    i = int(np.argmax(scores))
    if 0 < i < len(scores) - 1:
        sl, sc, sr = scores[i - 1], scores[i], scores[i + 1]
        den = sl - 2 * sc + sr
        if den < 0:
            best_a += 0.5 * (sl - sr) / den * step_deg
    return best_a


@dataclass
class Ghost:
    """Doubled impression: strongest secondary autocorrelation peak of the text band.

    ``offset_px`` distance of the peak from the origin (px), ``dx``/``dy`` its components,
    ``strength`` its height relative to the zero-shift peak (0-1). ``spread_px`` is the
    half-maximum half-width of the central peak along x and y (px): a smear widens it.
    """

    offset_px: float
    dx: float
    dy: float
    strength: float
    spread_px: tuple[float, float]


def autocorrelation(img: np.ndarray) -> np.ndarray:
    """Normalised circular-free 2-D autocorrelation (zero padded) of a float image, with
    zero shift at the centre; R(0) = 1."""
    a = img.astype(np.float64) - float(img.mean())
    h, w = a.shape
    fh, fw = cv2.getOptimalDFTSize(2 * h), cv2.getOptimalDFTSize(2 * w)
    pad = np.zeros((fh, fw))
    pad[:h, :w] = a
    f = np.fft.rfft2(pad)
    r = np.fft.irfft2(f * np.conj(f), s=(fh, fw))
    r = np.fft.fftshift(r)
    r0 = r[fh // 2, fw // 2]
    return r / r0 if r0 > 0 else r


def measure_ghost(norm: np.ndarray, glyphs: Sequence[Glyph], pitch_px: float,
                  height_px: float, min_offset_px: float) -> Ghost:
    """Look for a second, shifted copy of the characters (doubled rubbing).

    ``norm``: normalised strip (dark characters). Searches shifts up to ~0.45 pitch along x
    and ~0.45 character height along y, beyond ``min_offset_px`` (below which a ghost is
    indistinguishable from the stroke itself).
    """
    if not glyphs or pitch_px <= 0 or height_px <= 0:
        return Ghost(0.0, 0.0, 0.0, 0.0, (0.0, 0.0))
    y0 = max(0, int(min(g.y0 for g in glyphs) - 0.3 * height_px))
    y1 = min(norm.shape[0], int(max(g.y1 for g in glyphs) + 0.3 * height_px))
    x0 = max(0, int(min(g.x0 for g in glyphs) - 0.3 * height_px))
    x1 = min(norm.shape[1], int(max(g.x1 for g in glyphs) + 0.3 * height_px))
    band = 255.0 - norm[y0:y1, x0:x1].astype(np.float64)
    # work at ~40 px per character height: enough for 0.1 mm steps at 7-10 mm characters
    scale = min(1.0, 40.0 / height_px)
    if scale < 1.0:
        band = cv2.resize(band, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    r = autocorrelation(band)
    cy, cx = r.shape[0] // 2, r.shape[1] // 2
    rx = int(0.45 * pitch_px * scale)
    ry = int(0.45 * height_px * scale)
    win = r[cy - ry:cy + ry + 1, cx - rx:cx + rx + 1]
    # central peak half-widths (smear widens the peak along the smear)
    row = r[cy, cx:cx + rx + 1]
    col = r[cy:cy + ry + 1, cx]
    hw_x = float(np.argmax(row < 0.5)) if (row < 0.5).any() else float(rx)
    hw_y = float(np.argmax(col < 0.5)) if (col < 0.5).any() else float(ry)
    # local maxima beyond the minimum offset
    dil = cv2.dilate(win.astype(np.float32), np.ones((3, 3), np.uint8))
    yy, xx = np.mgrid[-ry:ry + 1, -rx:rx + 1]
    dist = np.hypot(xx, yy) / scale
    cand = (win >= dil - 1e-12) & (dist >= min_offset_px) & (dist > 0)
    if not cand.any():
        return Ghost(0.0, 0.0, 0.0, 0.0, (hw_x / scale, hw_y / scale))
    vals = np.where(cand, win, -np.inf)
    i = np.unravel_index(int(np.argmax(vals)), vals.shape)
    strength = float(win[i])
    dx, dy = float(xx[i]) / scale, float(yy[i]) / scale
    return Ghost(float(math.hypot(dx, dy)), dx, dy, max(0.0, strength),
                 (hw_x / scale, hw_y / scale))
