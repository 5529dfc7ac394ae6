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


def binarize(norm: np.ndarray, level: float = 0.5) -> np.ndarray:
    """Ink mask (uint8 0/1) of a normalised strip.

    The threshold sits ``level`` of the way from the background (median grey) to the
    character grey (2nd percentile): light pencil streaks, which are only partly as light
    as the recessed characters, stay background. A small opening removes what is left of
    thin streaks and grain; a closing joins the dots of dot-peen characters.
    """
    h = norm.shape[0]
    blur = cv2.GaussianBlur(norm, (0, 0), max(1.0, h / 200.0))
    bg = float(np.median(blur))
    dark = float(np.percentile(blur, 2))
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


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
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
            xa, xb = max(0, int(x - 0.3 * bh)), min(w, int(x + cw + 0.3 * bh))
            near = dropped[ya:yb, xa:xb]
            if inside_only:  # the blob it was cut from is not "ink around it"
                near = near & (blob[ya:yb, xa:xb] == 0)
            if area < 0.5 * int(near.sum()):
                continue
            out[lab == i] = 1
    return out


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


def _glyph_rows(sub: np.ndarray, keep: tuple[int, int] = (0, 0)) -> tuple[int, int] | None:
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


def segment_strip(norm: np.ndarray, ink: np.ndarray | None = None) -> Segmentation:
    """Glyph cells of a normalised strip (H x W uint8, dark characters), left to right.

    Glyphs are runs of ink columns within the text band (gaps narrower than ~4 % of the
    band height are bridged); runs much wider than the line's pitch (touching or smeared
    characters) are split at the emptiest columns near the expected cuts.
    """
    if ink is None:
        ink = binarize(norm)
    raw_ink = ink
    ink = clean_ink(raw_ink)
    h, w = ink.shape
    y0, y1 = text_band(ink)
    dots = dot_spacing(ink[y0:y1])
    ink = rescue_border_glyphs(norm, raw_ink, ink, (y0, y1))
    bh = max(1, y1 - y0)
    ya, yb = max(0, int(y0 - 0.1 * bh)), min(h, int(y1 + 0.1 * bh))
    band = ink[ya:yb]
    col = band.sum(axis=0)
    has = col > 0
    bridge = max(1, int(0.04 * bh))
    if dots is not None:  # dot-peen: the empty columns between a character's dots
        bridge = max(bridge, int(DOT_BRIDGE * dots))
    for a, b in _runs(~has):  # bridge narrow gaps inside a character
        if b - a <= bridge and a > 0 and b < w:
            has[a:b] = True
    runs = [(a, b) for a, b in _runs(has)]
    boxes: list[list[int]] = []
    for a, b in runs:
        sub = band[:, a:b]
        rows = np.nonzero(sub.any(axis=1))[0]
        if len(rows) == 0:
            continue
        gy0, gy1 = ya + int(rows[0]), ya + int(rows[-1]) + 1
        if gy1 - gy0 < 0.45 * bh or int(sub.sum()) < 0.01 * bh * bh:
            continue
        boxes.append([a, gy0, b, gy1, int(sub.sum())])
    if not boxes:
        return Segmentation([], ink, (y0, y1))
    ref_h = float(np.median([g[3] - g[1] for g in boxes]))
    pitch = estimate_pitch(ink, (y0, y1), ref_h)
    typ_w = float(np.median([g[2] - g[0] for g in boxes]))
    singles = [g[4] for g in boxes if g[2] - g[0] <= 1.45 * typ_w] or [g[4] for g in boxes]
    single_ink = float(np.median(singles))
    out: list[Glyph] = []
    for g in boxes:
        gw = g[2] - g[0]
        parts = 1
        if gw > 1.45 * min(max(typ_w, 1.0), pitch) and pitch > 0:
            parts = max(1, int(round(gw / pitch)))
        cuts = [g[0]]
        for k in range(1, parts):
            want = g[0] + gw * k / parts
            lo, hi = int(want - 0.2 * pitch), int(want + 0.2 * pitch) + 1
            seg = col[max(lo, g[0] + 1):min(hi, g[2] - 1)]
            cuts.append(int(max(lo, g[0] + 1) + int(np.argmin(seg))) if len(seg) else int(want))
        cuts.append(g[2])
        # a split that leaves a part with hardly any ink cut a sliver (a streak or the tape's
        # end) off one wide glyph, such as a ringed end symbol: keep the glyph whole
        inks = [int(col[x0:x1].sum()) for x0, x1 in zip(cuts[:-1], cuts[1:], strict=True)]
        if parts > 1 and min(inks) < SLIVER_SHARE * single_ink:
            cuts = [g[0], g[2]]
        for x0, x1 in zip(cuts[:-1], cuts[1:], strict=True):
            yy = _glyph_rows(ink[ya:yb, x0:x1], (y0 - ya, y1 - ya))
            if yy is None:
                continue
            out.append(Glyph(x0, ya + yy[0], x1, ya + yy[1],
                             int(ink[ya + yy[0]:ya + yy[1], x0:x1].sum()),
                             at_edge=(x0 <= 1 or x1 >= w - 1)))
    if out:
        out = merge_fragments(out, float(np.median([g.w for g in out])), pitch, ink)
        out = fill_gaps(norm, trim_outliers(out, pitch), pitch, (ya, yb), bh,
                        SLIVER_SHARE * single_ink)
    return Segmentation(trim_outliers(out, pitch), ink, (y0, y1))


# A cell cut from a wide run must carry at least this share of a single glyph's ink.
SLIVER_SHARE = 0.3
# Binarisation level for a lightly stamped character in a gap of the line (see fill_gaps).
WEAK_LEVEL = 0.3


def fill_gaps(norm: np.ndarray, glyphs: list[Glyph], pitch: float, rows: tuple[int, int],
              band_h: float, min_ink: float = 0.0) -> list[Glyph]:
    """Look again, at the lower :data:`WEAK_LEVEL`, between neighbouring glyphs more than
    1.6 pitches apart (a lightly stamped character below the line's threshold): runs of
    ink columns in the band ``rows`` at least 0.6 x ``band_h`` high, a quarter pitch wide
    and with ``min_ink`` px of ink become glyphs (px)."""
    if len(glyphs) < 3 or pitch <= 0:
        return glyphs
    gaps = [i for i in range(len(glyphs) - 1) if glyphs[i + 1].cx - glyphs[i].cx > 1.6 * pitch]
    if not gaps:
        return glyphs
    ya, yb = rows
    weak = clean_ink(binarize(norm, WEAK_LEVEL))
    out = list(glyphs)
    for i in reversed(gaps):
        a, b = glyphs[i].x1 + 2, glyphs[i + 1].x0 - 2
        if b - a < 0.25 * pitch:
            continue
        sub = weak[ya:yb, a:b]
        new = []
        for r0, r1 in _runs(sub.any(axis=0)):
            if r1 - r0 < 0.25 * pitch or r1 - r0 > 1.3 * pitch:
                continue
            yy = _glyph_rows(sub[:, r0:r1])
            if yy is None or yy[1] - yy[0] < 0.6 * band_h:
                continue
            if int(sub[yy[0]:yy[1], r0:r1].sum()) < min_ink:
                continue
            x0, x1 = a + r0, a + r1
            new.append(Glyph(x0, ya + yy[0], x1, ya + yy[1],
                             int(sub[yy[0]:yy[1], r0:r1].sum())))
        out[i + 1:i + 1] = new
    return out


def merge_fragments(glyphs: list[Glyph], typ_w: float, pitch: float,
                    ink: np.ndarray) -> list[Glyph]:
    """Join neighbouring pieces of one character (a dot-matrix ``X`` or ``V`` falls apart
    at its empty middle columns): two glyphs each narrower than 0.7 x the typical width
    ``typ_w`` whose union is at most 1.25 x ``typ_w`` wide and whose gap is empty but under
    0.3 x the ``pitch`` (px). Two narrow characters (``11``) are a pitch apart and stay
    separate; the cells of a split run (no gap) stay split."""
    out: list[Glyph] = []
    for g in glyphs:
        if out:
            p = out[-1]
            if (p.w < 0.7 * typ_w and g.w < 0.7 * typ_w and g.x1 - p.x0 <= 1.25 * typ_w
                    and 0 < g.x0 - p.x1 < 0.3 * pitch):
                x0, x1 = p.x0, g.x1
                y0, y1 = min(p.y0, g.y0), max(p.y1, g.y1)
                out[-1] = Glyph(x0, y0, x1, y1, int(ink[y0:y1, x0:x1].sum()),
                                at_edge=p.at_edge or g.at_edge)
                continue
        out.append(g)
    return out


def trim_outliers(glyphs: list[Glyph], pitch: float) -> list[Glyph]:
    """Drop glyphs at either end that are not part of the line: separated from their
    neighbour by more than 2 pitches, much lower than the line's characters, or off the
    line's centre, or with under a fifth of the median ink (a pencil streak). End symbols
    sit about 1.15 pitches out and are nearly as tall as a character."""
    if len(glyphs) < 3:
        return glyphs
    med_h = float(np.median([g.h for g in glyphs]))
    med_cy = float(np.median([g.cy for g in glyphs]))
    med_area = float(np.median([g.area for g in glyphs]))

    def odd(g: Glyph, nb: Glyph) -> bool:
        gap = abs(g.cx - nb.cx)
        return (gap > 2.0 * max(pitch, 1.0) or g.h < 0.55 * med_h
                or abs(g.cy - med_cy) > 0.3 * med_h or g.area < 0.2 * med_area)

    out = list(glyphs)
    while len(out) >= 3 and odd(out[0], out[1]):
        out.pop(0)
    while len(out) >= 3 and odd(out[-1], out[-2]):
        out.pop()
    return out
