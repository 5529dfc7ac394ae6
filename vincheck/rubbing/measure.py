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
from vincheck.vin import VIN_LENGTH


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
    """Median over a window of ``k`` neighbours (moved inward at the ends, so it is always
    ``k`` long): fewer than half of ``k`` mis-cut cells in a row do not count as a
    deformation, a run of more than half of ``k`` does."""
    n = len(v)
    if n < k:
        return v.copy()
    half = k // 2
    starts = [min(max(0, i - half), n - k) for i in range(n)]
    return np.array([float(np.median(v[a:a + k])) for a in starts])


def theil_sen_slope(v: np.ndarray) -> float:
    """Median of pairwise slopes of ``v`` against its index (robust trend, units / step)."""
    n = len(v)
    if n < 2:
        return 0.0
    i, j = np.triu_indices(n, k=1)
    return float(np.median((v[j] - v[i]) / (j - i)))


def core_height(ink: np.ndarray, g: Glyph) -> int:
    """Height (px) of a character cell's ink without thin slivers above or below it: rows
    holding less than a third of the cell's typical row of ink (a pencil streak crossing
    the cell's top) do not count. The cell's box height when its ink is empty."""
    sub = ink[g.y0:g.y1, g.x0:g.x1]
    counts = sub.sum(axis=1)
    nz = counts[counts > 0]
    if len(nz) == 0:
        return g.h
    rows = np.nonzero(counts >= max(1.0, 0.34 * float(np.median(nz))))[0]
    return int(rows[-1] - rows[0] + 1) if len(rows) else g.h


# Cells in the running median of character heights: two neighbouring cells cut short or
# tall (a faint stroke, a streak touching them) are not a deformation; three are.
HEIGHT_WINDOW = 5


def line_geometry(glyphs: Sequence[Glyph], ink: np.ndarray, slant: bool = True) -> Geometry:
    """Geometry of ``glyphs`` (character cells left to right) on the ink mask (0/1);
    ``slant`` False leaves ``slant_deg`` 0 (a caller that measures it otherwise).

    Spreads are robust to badly cut cells: the height spread (of the cells'
    :func:`core_height`) is the larger of the end-to-end trend (Theil-Sen) and the largest
    deviation of a 5-cell running median; the pitch spread is the largest deviation of a
    3-gap running median from the median pitch.
    """
    hs = np.array([g.h for g in glyphs], dtype=float)
    med_h = float(np.median(hs)) if len(hs) else 0.0
    # the spread from the cells' core heights (streaks touching a cell do not count)
    cores = np.array([core_height(ink, g) for g in glyphs], dtype=float)
    med_core = float(np.median(cores)) if len(cores) else 0.0
    h_spread = 0.0
    if med_core > 0 and len(cores) >= 3:
        trend = abs(theil_sen_slope(cores)) * (len(cores) - 1) / med_core
        local = float(np.max(np.abs(rolling_median(cores, HEIGHT_WINDOW) - med_core))
                      / med_core)
        h_spread = max(trend, local)
    cx = np.array([g.cx for g in glyphs], dtype=float)
    gaps = np.diff(cx) if len(cx) > 1 else np.array([], dtype=float)
    pitch = float(np.median(gaps)) if len(gaps) else 0.0
    p_spread = 0.0
    if pitch > 0 and len(gaps) >= 3:
        p_spread = float(np.max(np.abs(rolling_median(gaps) - pitch)) / pitch)
    ws = np.array([g.w for g in glyphs], dtype=float)
    aspect = float(np.median(ws / np.maximum(hs, 1))) if len(hs) else 0.0
    slant_deg = estimate_slant(glyphs, ink) if slant else 0.0
    return Geometry(med_h, h_spread, hs.tolist(), pitch, p_spread, gaps.tolist(), slant_deg,
                    aspect)


def strip_geometry(chars: Sequence[Glyph], ink: np.ndarray, own_chars: Sequence[Glyph],
                   own_ink: np.ndarray, slant: bool = True) -> Geometry | None:
    """The :func:`line_geometry` of a strip read with ``chars`` on ``ink`` (the cells of a
    fixed-pitch re-cutting, :mod:`vincheck.rubbing.grid`, when that read better). When the
    line's own cutting (``own_chars`` on ``own_ink``) held all 17 characters too, a pitch
    or height spread counts only as far as both cuttings show it: the grid's cells take in
    ink of their neighbours (held-out tuning sets: a die-struck line read the same either
    way measured a pitch spread of 0.02 on its own cells and 0.18 on the grid's), and the
    own cutting of a dotted or touching line is the poorer one. The slant is measured once,
    on ``chars`` (not at all when ``slant`` is False). None without characters."""
    if not chars:
        return None
    geo = line_geometry(chars, ink, slant)
    if own_chars is not chars and len(own_chars) == VIN_LENGTH == len(chars):
        own = line_geometry(own_chars, own_ink, slant=False)
        geo.pitch_spread = min(geo.pitch_spread, own.pitch_spread)
        geo.height_spread = min(geo.height_spread, own.height_spread)
    return geo


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
    """Doubled or smeared impression.

    ``offset_px``/``dx``/``dy``: the offset of the strongest second, shifted copy of the
    strokes (:func:`shifted_copy`), px; ``score`` its contrast as a share of the strokes'
    above the background (0 when none was searched). ``sharpness_ratio``:
    edge sharpness of the blurriest run of 3 characters over the line's median (1 = even;
    a smear band drops it), with ``smeared`` the 0-based indexes of that run.
    """

    offset_px: float
    dx: float
    dy: float
    score: float
    sharpness_ratio: float
    smeared: tuple[int, ...] = ()


def _hp_cepstrum(a: np.ndarray) -> np.ndarray:
    """High-passed power cepstrum of a window (zero shift at the centre)."""
    a = a - a.mean()
    h, w = a.shape
    a = a * np.outer(np.hanning(h), np.hanning(w))
    p = np.abs(np.fft.fft2(a)) ** 2
    c = np.fft.fftshift(np.real(np.fft.ifft2(np.log(p + p.mean() * 1e-3 + 1e-12))))
    return c - cv2.GaussianBlur(c, (0, 0), 2.0)


def _mean_cepstrum(a: np.ndarray, win_w: int | None = None) -> np.ndarray:
    """High-passed power cepstrum averaged over overlapping windows ``win_w`` px wide."""
    w = a.shape[1]
    win_w = min(w, win_w or w)
    starts = list(range(0, max(1, w - win_w + 1), max(1, win_w // 2)))
    return np.mean([_hp_cepstrum(a[:, x:x + win_w]) for x in starts], axis=0)


def refine_offset(band: np.ndarray, dx: float, dy: float) -> tuple[float, float]:
    """The echo of ``band`` nearest the rough offset (dx, dy) px: the cepstral peak within
    45 % of its length (at least 3 px) around it; (dx, dy) unchanged if there is none. The
    shifted-copy search finds a ghost reliably but only roughly where it is; the cepstrum
    puts it to the pixel."""
    a = band.astype(np.float64)
    h, w = a.shape
    if h < 8 or w < 8:
        return dx, dy
    c = _mean_cepstrum(a)
    cy, cx = h // 2, w // 2
    yy, xx = np.mgrid[-cy:h - cy, -cx:w - cx]
    rad = max(3.0, 0.45 * math.hypot(dx, dy))
    m = (np.hypot(xx - dx, yy - dy) <= rad) & (xx * dx + yy * dy > 0)
    if not m.any():
        return dx, dy
    i = np.unravel_index(int(np.argmax(np.where(m, c, -np.inf))), c.shape)
    return float(xx[i]), float(yy[i])


def cepstral_echo(band: np.ndarray, min_off: float, max_off: float, win_w: int | None = None
                  ) -> tuple[float, float, float]:
    """Strongest echo (score, dx, dy) of an image within ``min_off``..``max_off`` px.

    A copy shifted by d multiplies the power spectrum by (1 + a^2 + 2a cos(k.d)); the
    power cepstrum (inverse FFT of the log spectrum) turns that fringe into a sharp peak at
    +-d. The cepstrum is high-passed (minus its 2 px Gaussian blur) and averaged over
    overlapping windows of ``win_w`` px along the line: the echo is the same in every
    window, the characters' own structure is not. Shifts steeper than ~50 degrees from the
    line are not searched (vertical stroke structure echoes there by itself).
    """
    a = band.astype(np.float64)
    h, w = a.shape
    if h < 8 or w < 8:
        return 0.0, 0.0, 0.0
    c = _mean_cepstrum(a, win_w)
    hh, ww = c.shape
    cy, cx = hh // 2, ww // 2
    yy, xx = np.mgrid[-cy:hh - cy, -cx:ww - cx]
    r = np.hypot(xx, yy)
    m = (r >= min_off) & (r <= max_off) & (np.abs(yy) <= np.abs(xx) * 1.2)
    if not m.any():
        return 0.0, 0.0, 0.0
    ref = float(np.std(c[m])) or 1.0
    v = np.where(m, c, -np.inf)
    i = np.unravel_index(int(np.argmax(v)), v.shape)
    return float(c[i] / ref), float(xx[i]), float(yy[i])


def shifted_copy(band: np.ndarray, min_off: float, max_off: float, halo_px: float
                 ) -> tuple[float, float, float]:
    """Strongest second, fainter copy of the strokes (score, dx, dy) in ``band`` (grey,
    strokes bright), searched at offsets ``min_off``..``max_off`` px.

    The cores of the full-strength strokes (thresholded at 70 % of the stroke contrast and
    eroded by 30 % of the stroke width) are shifted by every offset d; the score at d is the
    mean contrast (0 = background, 1 = stroke) the shifted cores land on *outside* the
    strokes and their ``halo_px`` blur halo, minus the median over all offsets. A clean
    rubbing lands on tape everywhere (score ~0.1 at most where blur or a neighbouring
    stroke reaches); a doubled impression lands on its ghost at d (its strength, 0.3-0.6).
    ``dx``/``dy`` is the score-weighted centre of the offsets within 75 % of the peak on
    the peak's side. Shifts steeper than ~50 degrees from the line are not searched.
    """
    a = band.astype(np.float32)
    h, w = a.shape
    if h < 8 or w < 8 or max_off <= min_off:
        return 0.0, 0.0, 0.0
    bg = float(np.median(a))
    top = float(np.percentile(a, 98))
    if top - bg < 1.0:
        return 0.0, 0.0, 0.0
    z = np.clip((a - bg) / (top - bg), -0.5, 1.5)
    strokes = (z > 0.7).astype(np.uint8)
    r = max(1, int(round(halo_px)))
    outside = 1.0 - cv2.dilate(strokes, cv2.getStructuringElement(
        cv2.MORPH_ELLIPSE, (2 * r + 1, 2 * r + 1))).astype(np.float32)
    dist = cv2.distanceTransform(strokes, cv2.DIST_L2, 3)
    width = 2.0 * float(np.percentile(dist[dist > 0], 90)) if (dist > 0).any() else 4.0
    ke = max(1, int(round(0.3 * width)))
    core = cv2.erode(strokes, cv2.getStructuringElement(
        cv2.MORPH_ELLIPSE, (2 * ke + 1, 2 * ke + 1))).astype(np.float32)
    if core.sum() < 10:
        core = strokes.astype(np.float32)
    big = int(math.ceil(max_off))
    shape = (cv2.getOptimalDFTSize(h + big), cv2.getOptimalDFTSize(w + big))
    fc = np.conj(np.fft.rfft2(core, shape))
    # hit[d] = sum_x core(x) * z(x + d) * outside(x + d); cover[d] = sum_x core(x) outside(x+d)
    hit = np.fft.irfft2(fc * np.fft.rfft2(z * outside, shape), shape)
    cover = np.fft.irfft2(fc * np.fft.rfft2(outside, shape), shape)
    d = np.arange(-big, big + 1)
    dy, dx = np.meshgrid(d, d, indexing="ij")
    hh = hit[dy % shape[0], dx % shape[1]]
    cc = cover[dy % shape[0], dx % shape[1]]
    rr = np.hypot(dx, dy)
    ok = ((rr >= min_off) & (rr <= max_off) & (np.abs(dy) <= np.abs(dx) * 1.2)
          & (cc > 0.2 * core.sum()))
    if not ok.any():
        return 0.0, 0.0, 0.0
    score = np.where(ok, hh / np.maximum(cc, 1.0), 0.0)
    score = np.where(ok, score - float(np.median(score[ok])), -np.inf)
    i = np.unravel_index(int(np.argmax(score)), score.shape)
    peak = float(score[i])
    if peak <= 0:
        return 0.0, 0.0, 0.0
    near = ok & (score >= 0.75 * peak) & (dx * dx[i] + dy * dy[i] > 0)
    wgt = np.where(near, score, 0.0)
    return (peak, float((wgt * dx).sum() / wgt.sum()), float((wgt * dy).sum() / wgt.sum()))


def edge_sharpness(norm: np.ndarray, g: Glyph) -> float:
    """97th percentile of the gradient magnitude (Sobel / 8, grey levels per px) around a
    glyph cell (padded by 15 % of its height) over its contrast (95th - 5th percentile):
    about 1 / the width (px) of its sharpest edges; a smear widens every edge."""
    pad = int(0.15 * g.h)
    p = norm[max(0, g.y0 - pad):g.y1 + pad, max(0, g.x0 - pad):g.x1 + pad].astype(np.float32)
    if p.size < 4 or min(p.shape) < 3:
        return 0.0
    gx = cv2.Sobel(p, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(p, cv2.CV_32F, 0, 1, ksize=3)
    lo, hi = np.percentile(p, [5, 95])
    return float(np.percentile(np.hypot(gx, gy) / 8.0, 97) / max(float(hi - lo), 1.0))


# Cells in the running median of edge sharpness: a smear drags across three or more
# characters; one or two soft cells (a pale patch, a faint stroke) are no smear.
SMEAR_WINDOW = 5
# Characters (the middle of the line) searched for a doubled impression.
GHOST_GLYPHS = 9


def measure_ghost(norm: np.ndarray, glyphs: Sequence[Glyph], pitch_px: float,
                  height_px: float, min_offset_px: float) -> Ghost:
    """Look for a second, shifted copy of the characters (doubled rubbing) and for a
    smeared run of characters. ``norm``: normalised strip (dark characters); copies are
    searched from ``min_offset_px`` (below it a ghost is indistinguishable from the stroke;
    the strokes' blur halo is taken as 60 % of it) to 0.3 character heights."""
    if len(glyphs) < 3 or height_px <= 0:
        return Ghost(0.0, 0.0, 0.0, 0.0, 1.0)
    pad = 0.3 * height_px
    y0 = max(0, int(min(g.y0 for g in glyphs) - pad))
    y1 = min(norm.shape[0], int(max(g.y1 for g in glyphs) + pad))
    # a doubled impression covers the whole line: the middle GHOST_GLYPHS cells suffice
    mid = len(glyphs) // 2
    part = glyphs[max(0, mid - GHOST_GLYPHS // 2):mid - GHOST_GLYPHS // 2 + GHOST_GLYPHS]
    x0 = max(0, int(part[0].x0 - pad))
    x1 = min(norm.shape[1], int(part[-1].x1 + pad))
    band = 255.0 - norm[y0:y1, x0:x1].astype(np.float32)
    lo = max(min_offset_px, 4.0)
    score, dx, dy = shifted_copy(band, lo, max(0.3 * height_px, lo + 1.0),
                                 max(2.0, 0.6 * min_offset_px))
    if score > 0:
        dx, dy = refine_offset(band, dx, dy)
    sharp = np.array([edge_sharpness(norm, g) for g in glyphs])
    med = float(np.median(sharp))
    ratio, run = 1.0, ()
    if med > 0 and len(sharp) >= 3:
        rm = rolling_median(sharp, SMEAR_WINDOW) / med
        k = int(np.argmin(rm))
        ratio = float(rm[k])
        run = tuple(range(max(0, k - SMEAR_WINDOW // 2),
                          min(len(sharp), k + SMEAR_WINDOW // 2 + 1)))
    return Ghost(float(np.hypot(dx, dy)), dx, dy, score, ratio, run)
