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

from vincheck.rubbing.ink import (  # noqa: F401 - binarize is part of this module's API
    DOT_BRIDGE,
    STREAK_SIZE,
    binarize,
    clean_ink,
    dot_spacing,
    estimate_pitch,
    glyph_rows,
    rescue_border_glyphs,
    text_band,
    true_runs,
)


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
    for a, b in true_runs(~has):  # bridge narrow gaps inside a character
        if b - a <= bridge and a > 0 and b < w:
            has[a:b] = True
    runs = [(a, b) for a, b in true_runs(has)]
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
            yy = glyph_rows(ink[ya:yb, x0:x1], (y0 - ya, y1 - ya))
            if yy is None:
                continue
            out.append(Glyph(x0, ya + yy[0], x1, ya + yy[1],
                             int(ink[ya + yy[0]:ya + yy[1], x0:x1].sum()),
                             at_edge=(x0 <= 1 or x1 >= w - 1)))
    if out:
        out = merge_fragments(out, float(np.median([g.w for g in out])), pitch, ink)
        kept = regain_ends(norm, out, trim_outliers(out, pitch), pitch, (ya, yb), bh,
                           SLIVER_SHARE * single_ink, raw_ink)
        out = fill_gaps(norm, kept, pitch, (ya, yb), bh, SLIVER_SHARE * single_ink, raw_ink)
    return Segmentation(trim_outliers(out, pitch), ink, (y0, y1))


# A cell cut from a wide run must carry at least this share of a single glyph's ink.
SLIVER_SHARE = 0.3
# Binarisation level for a lightly stamped character in a gap of the line (see fill_gaps).
WEAK_LEVEL = 0.3


def fill_gaps(norm: np.ndarray, glyphs: list[Glyph], pitch: float, rows: tuple[int, int],
              band_h: float, min_ink: float = 0.0, ink: np.ndarray | None = None
              ) -> list[Glyph]:
    """Look again, at the lower :data:`WEAK_LEVEL`, between neighbouring glyphs more than
    1.6 pitches apart (a lightly stamped character below the line's threshold): runs of
    ink columns in the band ``rows`` at least 0.6 x ``band_h`` high, a quarter pitch wide
    and with ``min_ink`` px of ink become glyphs (px). A gap where that finds nothing is
    searched once more in the ink (``ink``: :func:`binarize` of ``norm``, made here when
    None) of the band's rows alone with thin streaks cut
    (:func:`cut_streaks`): a character that a streak or a pale patch joined to the strip's
    border was dropped with it (tuning set seed 12, a Roboto D: exact VIN 137 -> 138 of
    166 strips, clean sheets rejected 14 -> 13 of 50; seed 10: 95 -> 96 of 102)."""
    if len(glyphs) < 3 or pitch <= 0:
        return glyphs
    gaps = [i for i in range(len(glyphs) - 1) if glyphs[i + 1].cx - glyphs[i].cx > 1.6 * pitch]
    if not gaps:
        return glyphs
    look = _GapInk(norm, rows, pitch, band_h, min_ink, ink)
    out = list(glyphs)
    for i in reversed(gaps):
        out[i + 1:i + 1] = look.between(glyphs[i], glyphs[i + 1])
    return out


class _GapInk:
    """Looks for lost characters between two glyphs of a line (see :func:`fill_gaps`);
    the weaker ink mask is made once, when first needed; ``ink`` is the line's plain
    :func:`binarize` mask (made when None)."""

    def __init__(self, norm: np.ndarray, rows: tuple[int, int], pitch: float,
                 band_h: float, min_ink: float, ink: np.ndarray | None = None) -> None:
        self.norm, self.rows, self.pitch = norm, rows, pitch
        self.band_h, self.min_ink = band_h, min_ink
        self._ink = ink
        self._weak: np.ndarray | None = None

    def between(self, left: Glyph, right: Glyph, weak: bool = True) -> list[Glyph]:
        """The glyphs found between ``left`` and ``right`` (px), left to right; ``weak``:
        first at :data:`WEAK_LEVEL` (else only in the band's rows, streaks cut)."""
        a, b = left.x1 + 2, right.x0 - 2
        if b - a < 0.25 * self.pitch:
            return []
        ya, yb = self.rows
        new: list[Glyph] = []
        if weak:
            if self._weak is None:
                self._weak = clean_ink(binarize(self.norm, WEAK_LEVEL))
            new = _gap_glyphs(self._weak[ya:yb, a:b], a, ya, self.pitch, self.band_h,
                              self.min_ink)
        if not new:
            # a character joined to the strip's border by a pencil streak or a pale patch
            # was dropped with it: the ink of the band's rows alone, thin streaks cut
            if self._ink is None:
                self._ink = binarize(self.norm)
            cut = drop_grains(cut_streaks(self._ink[ya:yb, a:b], self.band_h),
                              (self.norm.shape[0] / 40.0) ** 2)
            new = _gap_glyphs(cut, a, ya, self.pitch, self.band_h, self.min_ink)
        return new


def cut_streaks(ink: np.ndarray, band_h: float) -> np.ndarray:
    """``ink`` (uint8 0/1) opened with a disc :data:`STREAK_SIZE` x ``band_h`` wide: thin
    pencil streaks are cut, a character's strokes (about twice as wide) stay."""
    k = max(3, int(STREAK_SIZE * band_h) | 1)
    return cv2.morphologyEx(ink, cv2.MORPH_OPEN,
                            cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))


def drop_grains(ink: np.ndarray, min_area: float) -> np.ndarray:
    """``ink`` (uint8 0/1) without connected components under ``min_area`` px."""
    n, lab, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    keep = (stats[:, cv2.CC_STAT_AREA] >= min_area).astype(np.uint8)
    keep[0] = 0
    return keep[lab]


def _gap_glyphs(sub: np.ndarray, a: int, ya: int, pitch: float, band_h: float,
                min_ink: float) -> list[Glyph]:
    """Glyphs in ``sub`` (the ink of a gap, its top-left at strip px ``(a, ya)``): runs of
    ink columns a quarter to 1.3 ``pitch`` wide, at least 0.6 x ``band_h`` high and with
    ``min_ink`` px of ink (px)."""
    new = []
    for r0, r1 in true_runs(sub.any(axis=0)):
        if r1 - r0 < 0.25 * pitch or r1 - r0 > 1.3 * pitch:
            continue
        yy = glyph_rows(sub[:, r0:r1])
        if yy is None or yy[1] - yy[0] < 0.6 * band_h:
            continue
        if int(sub[yy[0]:yy[1], r0:r1].sum()) < min_ink:
            continue
        x0, x1 = a + r0, a + r1
        new.append(Glyph(x0, ya + yy[0], x1, ya + yy[1], int(sub[yy[0]:yy[1], r0:r1].sum())))
    return new


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


# A glyph at either end lower than this share of the line's median height is not part of
# the line (dirt, the tape's torn end). 0.45, not 0.55: a small start / stop mark (a hexagon
# nut half a character high) was dropped and the sheet failed for missing symbols (tuning
# set seed 12: symbol false alarms 4 + 4 -> 3 + 2, clean sheets rejected 16 -> 15 of 50,
# the same recall; seed 10: one false alarm fewer).
MIN_END_H = 0.45


# A glyph beyond the line's end by more than 2 but at most this many pitches (an end mark
# whose neighbouring character was lost) is kept when a character is found between them.
END_REACH = 3.2


def regain_ends(norm: np.ndarray, glyphs: list[Glyph], kept: list[Glyph], pitch: float,
                rows: tuple[int, int], band_h: float, min_ink: float,
                ink: np.ndarray | None = None) -> list[Glyph]:
    """``kept`` (``glyphs`` after :func:`trim_outliers`) with the glyphs at an end that
    were dropped only for standing more than 2 but at most :data:`END_REACH` pitches out,
    when a lost character is found in the gap (:func:`fill_gaps`' search): the first or
    last character joined to the border by a streak, its end mark then too far out. Only
    the band's rows of the plain ``ink`` are searched (the weaker threshold is not made
    for this: dirt beyond a line's end is common and the search must stay cheap)."""
    if len(kept) < 3 or pitch <= 0 or len(kept) == len(glyphs):
        return kept
    loose = trim_outliers(glyphs, pitch, far=END_REACH)
    ids = [id(g) for g in loose]
    if id(kept[0]) not in ids or id(kept[-1]) not in ids:
        return kept
    i0, i1 = ids.index(id(kept[0])), ids.index(id(kept[-1]))
    head, tail = loose[:i0], loose[i1 + 1:]
    if not head and not tail:
        return kept
    look = _GapInk(norm, rows, pitch, band_h, min_ink, ink)
    out = list(kept)
    if head:
        new = look.between(head[-1], kept[0], weak=False)
        if new:
            out = head + new + out
    if tail:
        new = look.between(kept[-1], tail[0], weak=False)
        if new:
            out = out + new + tail
    return out


def trim_outliers(glyphs: list[Glyph], pitch: float, far: float = 2.0) -> list[Glyph]:
    """Drop glyphs at either end that are not part of the line: separated from their
    neighbour by more than ``far`` (2) pitches, lower than :data:`MIN_END_H` of the line's
    characters, off the line's centre, or with under a fifth of the median ink (a pencil
    streak). End symbols sit about 1.15 pitches out and are often nearly as tall as a
    character."""
    if len(glyphs) < 3:
        return glyphs
    med_h = float(np.median([g.h for g in glyphs]))
    med_cy = float(np.median([g.cy for g in glyphs]))
    med_area = float(np.median([g.area for g in glyphs]))

    def odd(g: Glyph, nb: Glyph) -> bool:
        gap = abs(g.cx - nb.cx)
        return (gap > far * max(pitch, 1.0) or g.h < MIN_END_H * med_h
                or abs(g.cy - med_cy) > 0.3 * med_h or g.area < 0.2 * med_area)

    out = list(glyphs)
    while len(out) >= 3 and odd(out[0], out[1]):
        out.pop(0)
    while len(out) >= 3 and odd(out[-1], out[-2]):
        out.pop()
    return out
