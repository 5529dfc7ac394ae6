"""The ink of a normalised strip, before it is cut into glyphs: the binary mask, pencil
streaks and blobs cleaned from it, the text band's rows, the line's pitch, dot-peen dot
spacing, and characters at the border rescued (all sizes in px)."""

from __future__ import annotations

import cv2
import numpy as np

from vincheck.rubbing.u8stats import percentiles_u8


def binarize(norm: np.ndarray, level: float = 0.5) -> np.ndarray:
    """Ink mask (uint8 0/1) of a normalised strip.

    The threshold sits ``level`` of the way from the background (median grey) to the
    character grey (2nd percentile): light pencil streaks, which are only partly as light
    as the recessed characters, stay background. A small opening removes what is left of
    thin streaks and grain; a closing joins the dots of dot-peen characters.
    """
    h = norm.shape[0]
    blur = cv2.GaussianBlur(norm, (0, 0), max(1.0, h / 200.0))
    bg, dark = percentiles_u8(blur, (50, 2))
    thr = bg - level * max(bg - dark, 1.0)
    b = (blur < thr).astype(np.uint8)
    k = max(3, int(h / 70) | 1)
    b = cv2.morphologyEx(b, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    b = cv2.morphologyEx(b, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    return b


# A strip whose ink is mostly small round dots of one size is dot-peen marked when at
# least this many such dots are found (17 characters of 10-20 dots each).
MIN_DOTS = 80


def dot_spacing(ink: np.ndarray) -> float | None:
    """The median centre distance (px) between neighbouring dots when most components of
    ``ink`` (uint8 0/1) are small round dots of about one size with gaps between them
    (dot-peen marking), else None."""
    h = ink.shape[0]
    n, _lab, stats, cents = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if n - 1 < MIN_DOTS:
        return None
    w, hh, area = stats[1:, 2], stats[1:, 3], stats[1:, 4]
    side = np.maximum(w, hh).astype(np.float64)
    roundish = ((np.minimum(w, hh) >= 0.6 * side) & (side <= h / 8.0) & (area >= 4)
                & (area >= 0.5 * side * side))
    if roundish.sum() < MIN_DOTS or roundish.sum() < 0.5 * (n - 1):
        return None
    d = float(np.median(side[roundish]))
    pts = cents[1:][roundish]
    if len(pts) > 1500 or float(np.percentile(side[roundish], 75)) > 1.6 * d:
        return None
    diff = pts[:, None, :] - pts[None, :, :]
    dist = np.sqrt((diff ** 2).sum(-1))
    np.fill_diagonal(dist, np.inf)
    nn = float(np.median(dist.min(axis=1)))
    if nn - d <= 0.5 or nn > 3.0 * d:
        return None
    return nn


# Dot-peen: column gaps narrower than this share of the dot spacing are inside a character.
DOT_BRIDGE = 0.6


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


def text_band(ink: np.ndarray) -> tuple[int, int]:
    """Rows (y0, y1) of the text line: the run of rows around the densest one whose ink
    count stays above a quarter of the peak (smoothed over ~1/40 of the strip height)."""
    h = ink.shape[0]
    prof = ink.sum(axis=1).astype(np.float64)
    k = max(1, h // 40)
    prof = np.convolve(prof, np.ones(2 * k + 1) / (2 * k + 1), mode="same")
    if prof.max() <= 0:
        return 0, h
    peak = int(np.argmax(prof))
    thr = 0.25 * prof[peak]
    y0 = peak
    while y0 > 0 and prof[y0 - 1] >= thr:
        y0 -= 1
    y1 = peak
    while y1 < h - 1 and prof[y1 + 1] >= thr:
        y1 += 1
    return y0, y1 + 1


def true_runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """Runs of True in a 1-D boolean array as (start, end exclusive)."""
    d = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    starts = np.nonzero(d == 1)[0]
    ends = np.nonzero(d == -1)[0]
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


def clean_ink(ink: np.ndarray) -> np.ndarray:
    """Drop components touching the crop border (tape edges, paper at the ends) and grains
    too small to be part of a character (area below (H/40)^2, H the strip height)."""
    h, w = ink.shape
    n, lab, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    keep = np.zeros(n, dtype=np.uint8)
    min_area = max(6.0, (h / 40.0) ** 2)
    for i in range(1, n):
        x, y, cw, ch, area = (int(v) for v in stats[i])
        if area < min_area:
            continue
        if y <= 0 or y + ch >= h or x <= 0 or x + cw >= w:
            continue
        keep[i] = 1
    return keep[lab]


def rescue_border_glyphs(norm: np.ndarray, ink: np.ndarray, clean: np.ndarray,
                         band: tuple[int, int], level: float = 0.75) -> np.ndarray:
    """``clean`` plus characters that :func:`clean_ink` dropped because a pale patch of
    tape (or paper past the tape's edge) joined them to the crop border: inside the dropped
    components the strip is thresholded again ``level`` of the way to the character grey
    (stricter than :func:`binarize`), and the parts that no longer touch the border, are
    at least half the text band high and overlap the band are kept (uint8 0/1), unless
    they are only a small part of the dropped ink around them in the band (a sliver of the
    tape's end or edge rather than a character standing in a pale patch)."""
    dropped = (ink > 0) & (clean == 0)
    if not dropped.any():
        return clean
    h, w = ink.shape
    out = clean.copy()
    bh = max(1, band[1] - band[0])
    ya, yb = max(0, int(band[0] - 0.1 * bh)), min(h, int(band[1] + 0.1 * bh))
    min_area = max(6.0, (h / 40.0) ** 2)
    strict = binarize(norm, level) & dropped.astype(np.uint8)
    # strokes cut loose from a solid dark blob (a smudge or shadow touching the border):
    # what an opening wider than any stroke keeps is blob; the rest, apart from a rim
    # around the blob, may be characters
    blob = _solid_blobs(dropped.astype(np.uint8), max(3, int(BLOB_SIZE * bh)))
    unblobbed = dropped.astype(np.uint8) & (blob == 0).astype(np.uint8)
    # ... or joined to the border by a thin pencil streak: an opening narrower than a
    # character's stroke but wider than the streak cuts the streak
    kt = max(3, int(STREAK_SIZE * bh) | 1)
    thinned = cv2.morphologyEx(unblobbed, cv2.MORPH_OPEN,
                               cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (kt, kt)))
    # cut-loose pieces only count between the line's first and last kept character: at
    # the tape's ends they are its torn edge
    cols = np.nonzero(clean[ya:yb].any(axis=0))[0]
    inner = (int(cols[0]), int(cols[-1])) if len(cols) else (w, 0)
    for cand, inside_only in ((strict, False), (unblobbed, True), (thinned, True)):
        n, lab, stats, _ = cv2.connectedComponentsWithStats(cand & (out == 0), connectivity=8)
        for i in range(1, n):
            x, y, cw, ch, area = (int(v) for v in stats[i])
            if area < min_area or y <= 0 or y + ch >= h or x <= 0 or x + cw >= w:
                continue
            if ch < 0.5 * bh or ch > 1.6 * bh or y + ch < band[0] or y > band[1]:
                continue
            if inside_only and (x < inner[0] or x + cw > inner[1]):
                continue
            # a compact piece darker than the smudge around it: a solid end mark (a
            # triangle, a disc) standing in the smudge, however much smudge surrounds it
            mark = not inside_only and _end_mark((x, y, cw, ch, area), bh)
            xa, xb = max(0, int(x - 0.3 * bh)), min(w, int(x + cw + 0.3 * bh))
            near = dropped[ya:yb, xa:xb]
            if inside_only:  # the blob it was cut from is not "ink around it"
                near = near & (blob[ya:yb, xa:xb] == 0)
            if area < 0.5 * int(near.sum()) and not mark:
                continue
            out[lab == i] = 1
    return out


# A piece that the stricter threshold cuts out of a dropped smudge is kept as a solid end
# mark, whatever the smudge around it, when it fills at least this share of its box and is
# 0.4-1.6 band heights wide (tuning set seed 10, sheet 0031: a solid triangle at a torn
# tape end was lost and the sheet failed for a missing start symbol).
MARK_FILL = 0.35


def _end_mark(stats: tuple[int, int, int, int, int], bh: int) -> bool:
    """Whether a piece (x, y, w, h, area in px) is compact enough to be a start / stop
    mark rather than a sliver of the tape's edge (see :data:`MARK_FILL`)."""
    _, _, cw, ch, area = stats
    return (0.4 * bh <= cw <= 1.6 * bh and ch <= 1.3 * bh
            and area >= MARK_FILL * cw * ch)


def _solid_blobs(mask: np.ndarray, size: int) -> np.ndarray:
    """What an opening ``size`` px wide keeps of ``mask`` (uint8 0/1), grown by 2 px: done
    at a quarter of the resolution (a blob is large, the kernel too)."""
    h, w = mask.shape
    f = 4 if min(h, w) >= 64 and size >= 12 else 1
    small = mask if f == 1 else cv2.resize(mask, (max(1, w // f), max(1, h // f)),
                                           interpolation=cv2.INTER_AREA)
    k = max(3, (size // f) | 1)
    opened = cv2.morphologyEx(small, cv2.MORPH_OPEN,
                              cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    if f > 1:
        opened = cv2.resize(opened, (w, h), interpolation=cv2.INTER_NEAREST)
    return cv2.dilate(opened, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5)))


# An opening this share of the text band's height wide removes every stroke of a
# character (strokes are ~0.1-0.15 of the height) but keeps a solid blob.
BLOB_SIZE = 0.3
# An opening this share of the band height wide cuts a thin streak (2-5 px at 300 dpi)
# but keeps strokes, which are about twice as wide.
STREAK_SIZE = 0.08


def glyph_rows(sub: np.ndarray, keep: tuple[int, int] = (0, 0)) -> tuple[int, int] | None:
    """Top and bottom (exclusive) rows of a glyph cell's ink, ignoring thin slivers (rows
    with less than a third of the typical stroke run, e.g. a pencil streak touching it)
    outside the rows ``keep`` (the text band: the thin tips of a star stay)."""
    counts = sub.sum(axis=1)
    nz = counts[counts > 0]
    if len(nz) == 0:
        return None
    thr = max(1.0, 0.34 * float(np.median(nz)))
    idx = np.arange(len(counts))
    rows = np.nonzero((counts >= thr) | ((counts > 0) & (idx >= keep[0]) & (idx < keep[1])))[0]
    if len(rows) == 0:
        return None
    return int(rows[0]), int(rows[-1]) + 1
