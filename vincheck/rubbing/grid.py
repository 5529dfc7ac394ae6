"""A second way to cut a strip into glyphs: the stamping die's fixed pitch.

A VIN is stamped with punches of one width in one holder, so its characters stand on a
regular grid. Where cutting at empty columns fails — a dot-peen line whose dots leave
gaps inside every character, touching or smeared characters, a character broken in two —
the grid still finds the cells: the pitch is the strongest period of the ink's column
profile, the phase the one whose cell borders fall on the emptiest columns, and each cell
is then trimmed to its ink. :func:`grid_segmentation` returns it beside the ordinary
segmentation; the reader keeps whichever reads better (:func:`read_quality`).
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from vincheck.ocr.base import SYMBOL, OcrEngine
from vincheck.rubbing.read import StripRead, read_strip
from vincheck.rubbing.segment import Glyph, Segmentation
from vincheck.rubbing.vin_doubt import check_digit_holds
from vincheck.vin import VIN_LENGTH

# Phases tried per pitch, and how far (x pitch) a border may move to the emptiest column.
PHASES = 24
BORDER_SLACK = 0.2
# A cell holds a glyph when its ink is at least this share of the median inked cell's.
CELL_INK = 0.25
# The narrowest character pitch of a VIN die, x the character height (condensed faces).
MIN_PITCH = 0.6
# Cells taken: at most the 17 characters, two end symbols and this many spare cells.
SPARE_CELLS = 2


def _smooth(v: np.ndarray, k: int) -> np.ndarray:
    k = max(1, k | 1)
    return np.convolve(v, np.ones(k) / k, mode="same")


def die_pitch(prof: np.ndarray, char_h: float) -> float | None:
    """The character pitch (px): the highest local peak of the autocorrelation of the
    column profile ``prof`` (smoothed over a quarter character height so that dot-peen
    dots and strokes merge, less its mean over two heights) between 0.5 and 1.3
    character heights ``char_h``; None when there is no peak inside that range."""
    sm = _smooth(prof, int(char_h / 4))
    sm = sm - _smooth(sm, int(2 * char_h))  # the line's extent and uneven ink removed
    n = len(sm)
    lo, hi = int(0.5 * char_h), int(min(n - 2, 1.3 * char_h))
    if hi <= lo + 2:
        return None
    f = np.fft.rfft(sm, 2 * n)
    ac = np.fft.irfft(f * np.conj(f))[:n]
    if ac[0] <= 0:
        return None
    peaks = [k for k in range(max(lo, 1), hi + 1) if ac[k] >= ac[k - 1] and ac[k] >= ac[k + 1]]
    if not peaks:
        return None
    k = max(peaks, key=lambda j: ac[j])
    # sub-pixel: the parabola through the peak and its neighbours
    a, b, c = ac[k - 1], ac[k], ac[k + 1]
    den = a - 2 * b + c
    return float(k + (0.5 * (a - c) / den if den != 0 else 0.0))


def dot_ink(norm: np.ndarray, char_h: float) -> np.ndarray:
    """Ink mask (uint8 0/1) of the round dots of a dot-peen line in the normalised strip:
    its black top-hat over a disc of a fifth of the character height ``char_h`` (px),
    thresholded by Otsu, keeping the components at most a sixth of ``char_h`` across, about
    as wide as tall and filling half their box (pencil streaks are long and thin). Unlike
    the plain threshold it keeps the separate dots on streaky graphite."""
    k = max(3, int(char_h / 5) | 1)
    disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    hat = cv2.morphologyEx(norm, cv2.MORPH_BLACKHAT, disc)
    _, mask = cv2.threshold(hat, 0, 1, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    n, lab, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), 8)
    w, h, area = stats[:, 2], stats[:, 3], stats[:, 4]
    side = np.maximum(w, h)
    dot = ((side <= char_h / 6) & (side >= 2) & (np.minimum(w, h) * DOT_ASPECT >= side)
           & (area >= 0.5 * w * h))
    dot[0] = False
    return dot[lab].astype(np.uint8)


# A dot is at most this many times as long as it is wide.
DOT_ASPECT = 1.6
# A line is dot-peen marked when at least this share of the ink in its glyph boxes lies on
# round dots (:func:`dot_ink`) at least 1/25 of the character height across (grain and
# speckle of the graphite are smaller, strokes are not round). Chosen on the tuning sets
# (seeds 10 and 12, 160 held-out sheets): 24 of the 25 dot-peen lines gave 0.26-1.0 (the
# 25th, its characters too small to read, 0.01), 259 of the 260 other lines at most 0.05
# (one illegible line 0.16). Can exceed 1: the dots are found apart from the line's ink.
DOT_PEEN_SHARE = 0.15


def band_dots(norm: np.ndarray, seg: Segmentation) -> np.ndarray | None:
    """:func:`dot_ink` of ``seg``'s text band at its median glyph height (None without
    glyphs)."""
    if not seg.glyphs:
        return None
    y0, y1 = seg.band
    return dot_ink(norm[y0:y1], float(np.median([g.h for g in seg.glyphs])))


def dot_peen_share(norm: np.ndarray, seg: Segmentation) -> float:
    """The round dots at least 1/25 of the character height across in ``seg``'s glyph
    boxes (text band), as a share of the line's ink there (px / px; 0 without glyphs)."""
    dots = band_dots(norm, seg)
    if dots is None:
        return 0.0
    char_h = float(np.median([g.h for g in seg.glyphs]))  # px
    y0, y1 = seg.band
    n, lab, st, _ = cv2.connectedComponentsWithStats(dots, 8)
    w, h, area = st[:, 2], st[:, 3], st[:, 4]
    side = np.maximum(w, h)
    big = (side >= char_h / 25) & (np.minimum(w, h) >= 0.6 * side) & (area >= 0.5 * side * side)
    big[0] = False
    boxes = np.zeros(lab.shape, bool)
    for g in seg.glyphs:
        boxes[max(0, g.y0 - y0):max(0, g.y1 - y0), g.x0:g.x1] = True
    ink = (seg.ink[y0:y1] > 0) & boxes
    return float((big[lab] & boxes).sum() / max(1, int(ink.sum())))


def grid_segmentations(seg: Segmentation, norm: np.ndarray, start: Glyph | None = None,
                       end: Glyph | None = None) -> list[Segmentation]:
    """Fixed-pitch cuttings of ``seg``'s text line (px), from the plain ink and the dots of
    the normalised strip ``norm`` (:func:`dot_ink`): with both end symbols known
    (``start``, ``end``), the 17 cells between them; one that divides the line's extent
    (first to last glyph of ``seg``) into 19 cells — 17 characters and two end symbols;
    and one whose pitch is the ink's period (:func:`die_pitch`) and its phase the emptiest
    borders. Empty when the line has too few glyphs to give its height."""
    y0, y1 = seg.band
    if len(seg.glyphs) < 3 or y1 - y0 < 4:
        return []
    char_h = float(np.median([g.h for g in seg.glyphs]))
    ink = np.maximum(seg.ink, dot_ink(norm, char_h))
    bh = y1 - y0
    ya, yb = max(0, int(y0 - 0.1 * bh)), min(ink.shape[0], int(y1 + 0.1 * bh))
    prof = ink[ya:yb].sum(axis=0).astype(np.float64)
    if prof.sum() <= 0:
        return []
    x0, x1 = seg.glyphs[0].x0, seg.glyphs[-1].x1
    out = []
    if start is not None and end is not None:
        inner = (end.x0 - start.x1) / VIN_LENGTH
        if inner >= MIN_PITCH * char_h:
            g = _cells(ink, prof, (ya, yb), start.x1 + inner * np.arange(VIN_LENGTH + 1),
                       inner, bh)
            if g is not None and len(g) == VIN_LENGTH:
                out.append(Segmentation([start, *g, end], ink, seg.band))
    span = (x1 - x0) / (VIN_LENGTH + 2)
    pitch = die_pitch(prof, char_h)
    # 19 cells only where that pitch is a die's (a truncated line's would be too narrow)
    # and agrees with the ink's own period when it has one
    if span >= MIN_PITCH * char_h and (pitch is None or abs(pitch - span) <= 0.15 * span):
        borders = x0 + span * np.arange(VIN_LENGTH + 3)
        g = _cells(ink, prof, (ya, yb), borders, span, bh)
        if g is not None:
            out.append(Segmentation(g, ink, seg.band))
    if pitch is not None and abs(pitch - span) > 0.08 * span:
        sm = _smooth(prof, int(pitch / 3))
        best = None
        for ph in np.linspace(0, pitch, PHASES, endpoint=False):
            borders = np.arange(x0 - pitch + ph, x1 + pitch, pitch)
            idx = borders[(borders >= 0) & (borders < len(sm))].astype(int)
            cost = float(sm[idx].sum()) / max(1, len(idx))
            if best is None or cost < best[0]:
                best = (cost, borders)
        assert best is not None
        g = _cells(ink, prof, (ya, yb), best[1], pitch, bh)
        if g is not None:
            out.append(Segmentation(g, ink, seg.band))
    return out


def _cells(ink: np.ndarray, prof: np.ndarray, rows: tuple[int, int], borders: np.ndarray,
           pitch: float, bh: int) -> list[Glyph] | None:
    """The glyphs of a grid: each border moved to the emptiest column within
    :data:`BORDER_SLACK` pitches, each cell with enough ink trimmed to it (px)."""
    ya, yb = rows
    band = ink[ya:yb]
    sm = _smooth(prof, int(pitch / 3))
    slack = int(BORDER_SLACK * pitch)
    snapped = []
    for b in borders:
        a, c = int(max(0, b - slack)), int(min(len(sm), b + slack + 1))
        snapped.append(a + int(np.argmin(sm[a:c])) if c > a else int(b))
    cells = [(max(0, a), min(ink.shape[1], b)) for a, b in zip(snapped[:-1], snapped[1:],
                                                                strict=False)]
    cells = [(a, b) for a, b in cells if b - a >= 0.3 * pitch]
    inks = [float(prof[a:b].sum()) for a, b in cells]
    inked = [v for v in inks if v > 0]
    if not inked:
        return None
    need = CELL_INK * float(np.median(inked))
    glyphs: list[Glyph] = []
    for (a, b), v in zip(cells, inks, strict=True):
        if v < need:
            continue
        sub = band[:, a:b]
        cols = np.nonzero(sub.any(axis=0))[0]
        rws = np.nonzero(sub.any(axis=1))[0]
        if len(cols) == 0 or len(rws) == 0:
            continue
        gx0, gx1 = a + int(cols[0]), a + int(cols[-1]) + 1
        gy0, gy1 = ya + int(rws[0]), ya + int(rws[-1]) + 1
        if gy1 - gy0 < 0.45 * bh:
            continue
        glyphs.append(Glyph(gx0, gy0, gx1, gy1, int(sub.sum()),
                            at_edge=gx0 <= 1 or gx1 >= ink.shape[1] - 1))
    if len(glyphs) > VIN_LENGTH + 2 + SPARE_CELLS:
        keep = VIN_LENGTH + 2 + SPARE_CELLS  # the inked run of cells around the middle
        sums = np.convolve(np.array([g.area for g in glyphs], float), np.ones(keep), "valid")
        start = int(np.argmax(sums))
        glyphs = glyphs[start:start + keep]
    return glyphs if len(glyphs) >= VIN_LENGTH // 2 else None


def read_quality(rd: StripRead) -> float:
    """How well a strip was read (higher is better): a full line of 17 characters, its end
    symbols, a valid check digit and the mean of the characters' best scores, less for
    characters under half sure and for glyphs dropped from inside the line."""
    n = len(rd.char_scores)
    tops = [max(s.values(), default=0.0) for s in rd.char_scores]
    text = rd.best_text
    q = -abs(n - VIN_LENGTH) * 0.5 + (float(np.mean(tops)) if tops else 0.0) * 2.0
    q -= 0.25 * sum(t < 0.5 for t in tops)
    q += 0.3 * ((rd.start is not None) + (rd.end is not None))
    q -= 0.3 * rd.raw.strip("~").count("~")  # glyphs dropped inside the line: a poor cut
    if n == VIN_LENGTH and "?" not in text and SYMBOL not in text and check_digit_holds(text):
        q += 1.0
    return q


# The grid's reading replaces the ordinary one only when it reads better by this much.
GRID_GAIN = 0.2


def needs_grid(rd: StripRead) -> bool:
    """Whether a strip's ordinary reading is poor enough to try the grid: not 17
    characters, a missing end symbol, fragments dropped from the line, a character read
    with under half its probability, or a check digit the best reading fails."""
    tops = [max(s.values(), default=0.0) for s in rd.char_scores]
    return (len(rd.char_scores) != VIN_LENGTH or rd.start is None or rd.end is None
            or "~" in rd.raw or any(t < 0.5 for t in tops) or not check_digit_holds(rd.best_text))


# Dot-peen characters are read with their dots joined into strokes: the strip eroded
# (dark grows) by a disc of this share of the character height (px), chosen on the
# held-out tuning set (seed 10, sheets 0052 and 0002: a share of 1/7 read 4 of 4 lines
# within one character, the dots alone 0 of 4).
JOIN_DOTS = 1 / 7


def join_dots(img: np.ndarray, char_h: float) -> np.ndarray:
    """``img`` (dark characters on light) with neighbouring dark dots merged into strokes:
    a grey erosion by a disc of :data:`JOIN_DOTS` x ``char_h`` (px)."""
    k = max(3, int(char_h * JOIN_DOTS) | 1)
    return cv2.erode(img, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))


def reread_on_grid(rd: StripRead, seg: Segmentation, norm: np.ndarray,
                   ocr_src: np.ndarray | None, engines: Sequence[OcrEngine],
                   dotted: bool = False) -> tuple[StripRead, Segmentation]:
    """The strip's reading and cutting, replaced by a fixed-pitch one
    (:func:`grid_segmentations`) when that reads better by :data:`GRID_GAIN`
    (:func:`read_quality`); a dot-peen line (``dotted``: :func:`dot_peen_share` at least
    :data:`DOT_PEEN_SHARE`) is also read with its dots joined (:func:`join_dots`).
    Unchanged when the reading is good (:func:`needs_grid`)."""
    if not needs_grid(rd) or not seg.glyphs:
        return rd, seg
    char_h = float(np.median([g.h for g in seg.glyphs]))
    views = [(norm, ocr_src)]
    if dotted:
        views.append((join_dots(norm, char_h),
                      join_dots(ocr_src, char_h) if ocr_src is not None else None))
    q = read_quality(rd) + GRID_GAIN
    for grid in grid_segmentations(seg, norm, rd.start, rd.end):
        for img, src in views:
            rd2 = read_strip(img, grid, engines, src)
            if read_quality(rd2) > q:
                rd, seg, q = rd2, grid, read_quality(rd2)
    return rd, seg


def dotted_slant(glyphs: Sequence[Glyph], norm: np.ndarray) -> float:
    """The slant (degrees, :func:`~vincheck.rubbing.measure.estimate_slant`) of a dot-peen
    line in the normalised strip ``norm`` (dark characters on light), measured on the view
    it is read in, its dots joined into strokes (:func:`join_dots`), with the ink (Otsu)
    inside the glyph boxes only. On the plain ink mask the graphite's hatching between
    the sparse dots can give the sharpest column profile: on the tuning sets (seeds 10
    and 12, 25 dot-peen lines) the plain mask measured 7-11 degrees on 6 upright lines,
    this view under 0.4 degrees on all 25; a line drawn sheared by 12 degrees measures 9."""
    from vincheck.rubbing.measure import estimate_slant

    if not glyphs:
        return 0.0
    joined = join_dots(norm, float(np.median([g.h for g in glyphs])))
    _, ink = cv2.threshold(joined, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    inside = np.zeros_like(ink)
    for g in glyphs:  # the characters' ink, not the graphite's around them
        inside[g.y0:g.y1, g.x0:g.x1] = ink[g.y0:g.y1, g.x0:g.x1]
    return estimate_slant(glyphs, inside)
