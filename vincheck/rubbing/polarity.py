"""Decide a strip's polarity (light characters on dark graphite, or the reverse) and
segment it.

The light-vs-dark detail test of :mod:`normalize` is sure only when the characters are
the strongest detail on the tape. Where pencil streaks are as strong (small characters on
wide, streaky tape) both polarities are segmented and the one that gives a text line wins:
many glyphs of one height in a band much lower than the strip. A tie goes to the physics
of a rubbing: graphite makes the tape dark, so its characters are the light detail.
"""

from __future__ import annotations

import math

import numpy as np

from vincheck.rubbing.normalize import (
    Normalized,
    light_detail_margin,
    normalize_strip,
    tape_is_dark,
)
from vincheck.rubbing.segment import Segmentation, segment_strip

# |log(light detail / dark detail)| above this (x1.35) decides the polarity on its own.
SURE_MARGIN = math.log(1.35)
VIN_GLYPHS = 19  # 17 characters and two end symbols


def line_score(seg: Segmentation, strip_h: int, core: tuple[float, float]) -> float:
    """How much a segmentation looks like one text line: the glyphs (inside ``core``, the
    strip's x-range in px) within +-25 % of the median glyph height, at most 19 counted,
    halved when the text band takes more than 60 % of the strip height ``strip_h`` (px)."""
    glyphs = [g for g in seg.glyphs if core[0] <= g.cx <= core[1]]
    if not glyphs:
        return 0.0
    med = float(np.median([g.h for g in glyphs]))
    n = sum(0.75 * med <= g.h <= 1.25 * med for g in glyphs)
    score = float(min(n, VIN_GLYPHS))
    if seg.band[1] - seg.band[0] > 0.6 * strip_h:
        score *= 0.5
    return score


def normalize_and_segment(crop: np.ndarray, core: tuple[float, float]
                          ) -> tuple[Normalized, Segmentation]:
    """The normalised strip (dark characters on light) and its glyph cells, with the
    polarity chosen as the module describes. ``core``: x-range (px) of the tape proper."""
    margin = light_detail_margin(crop)
    first = margin >= 0.0 if abs(margin) >= SURE_MARGIN else tape_is_dark(crop)
    nz = normalize_strip(crop, inverted=first)
    seg = segment_strip(nz.image)
    h = crop.shape[0]
    if abs(margin) >= SURE_MARGIN or line_score(seg, h, core) >= VIN_GLYPHS:
        return nz, seg  # sure, or already a whole line of 19 glyphs
    nz2 = normalize_strip(crop, inverted=not first)
    seg2 = segment_strip(nz2.image)
    if line_score(seg2, h, core) > line_score(seg, h, core):
        return nz2, seg2
    return nz, seg
