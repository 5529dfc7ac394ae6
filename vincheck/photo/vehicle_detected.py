"""The main vehicle from the detector's boxes (:mod:`.vehicle_detector`).

- *Which detection*: the registration photo shows one vehicle large and centred, so among
  the car / truck / bus / motorcycle boxes scoring at least :data:`MAIN_MIN_SCORE` the one
  with the largest ``area share x score x centrality`` wins; when the photo's main licence
  plate is known, boxes that contain it are preferred (it is that vehicle's plate). A
  weaker box that holds a clearly surer one filling a good part of it is a box merged
  over several objects (e.g. a car seen through a bus window, box and frame together),
  not a vehicle: it is passed over (:func:`encloses_surer`).
- *Cut off*: the vehicle runs out of the frame on a side where its box ends within
  :data:`EDGE_MARGIN` of the picture's edge (the detector's box of a truncated vehicle ends
  at the edge; a whole vehicle's box keeps a gap).
- *Mask*: GrabCut inside the box (outside = background, cast shadow = probable
  background) gives the pixel share (the fill's alternative reading) and the mask the
  colour and view cues use.

Lengths are px of the input image unless a name says otherwise.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from vincheck.photo.vehicle_detector import Detection

MAIN_MIN_SCORE = 0.3  # detector score from which a box can be the main vehicle
MIN_AREA_SHARE = 0.01  # smaller boxes are background traffic, not the photographed vehicle
EDGE_MARGIN = 0.01  # share of the picture's side: a box edge this close touches the frame
PLATE_BONUS = 3.0  # weight of a box that contains the main plate's centre
NEST_SCORE_GAP = 0.15  # a box this much surer than the one holding it is the vehicle
NEST_MIN_SHARE = 0.25  # ... when it fills at least this share of the holding box
NEST_INSIDE = 0.9  # share of the surer box's area inside the holder for "holds"


def encloses_surer(d: Detection, dets: list[Detection]) -> bool:
    """True when ``d`` holds (NEST_INSIDE of its area) another detection at least
    NEST_SCORE_GAP surer that fills NEST_MIN_SHARE or more of ``d``."""
    x, y, w, h = d.box
    for o in dets:
        if o is d or o.score < d.score + NEST_SCORE_GAP or o.area < NEST_MIN_SHARE * d.area:
            continue
        ox, oy, ow, oh = o.box
        ix = max(0.0, min(x + w, ox + ow) - max(x, ox))
        iy = max(0.0, min(y + h, oy + oh) - max(y, oy))
        if ix * iy >= NEST_INSIDE * o.area:
            return True
    return False


def main_detection(dets: list[Detection], size: tuple[int, int],
                   plate_centre: tuple[float, float] | None = None) -> Detection | None:
    """The photographed vehicle among ``dets`` (``size`` = (w, h) px), or None."""
    w, h = size
    best, best_val = None, 0.0
    for d in dets:
        share = d.area / float(w * h)
        if d.score < MAIN_MIN_SCORE or share < MIN_AREA_SHARE or encloses_surer(d, dets):
            continue
        x, y, bw, bh = d.box
        cx = (x + bw / 2) / w - 0.5
        val = share * d.score * math.exp(-((cx / 0.5) ** 2))
        if plate_centre is not None:
            px, py = plate_centre
            if x <= px <= x + bw and y <= py <= y + bh:
                val *= PLATE_BONUS
        if val > best_val:
            best, best_val = d, val
    return best


def frame_sides(box: tuple[float, float, float, float], size: tuple[int, int]) -> list[str]:
    """Sides of the frame the box reaches (within EDGE_MARGIN of the side's length)."""
    w, h = size
    x, y, bw, bh = box
    gaps = (("left", x / w), ("right", (w - x - bw) / w), ("top", y / h),
            ("bottom", (h - y - bh) / h))
    return [side for side, gap in gaps if gap <= EDGE_MARGIN]


def mask_in_box(small: np.ndarray, box: tuple[int, int, int, int],
                shadow: np.ndarray | None = None) -> np.ndarray | None:
    """Vehicle mask (bool, ``small``'s size) inside ``box`` (x0, y0, x1, y1 px of
    ``small``) by GrabCut: outside the box is background, its central part foreground,
    ``shadow`` (ground in shadow) probable background. None when GrabCut fails."""
    h, w = small.shape[:2]
    x0, y0, x1, y1 = box
    if x1 - x0 < 8 or y1 - y0 < 8:
        return None
    mask = np.full((h, w), cv2.GC_BGD, np.uint8)
    mask[y0:y1, x0:x1] = cv2.GC_PR_FGD
    bw, bh = x1 - x0, y1 - y0
    mask[y0 + int(0.3 * bh):y0 + int(0.7 * bh), x0 + int(0.3 * bw):x0 + int(0.7 * bw)] = \
        cv2.GC_FGD
    if shadow is not None:
        lower = np.zeros_like(shadow)
        lower[y0 + int(0.6 * bh):y1] = True
        mask[shadow & lower & (mask == cv2.GC_PR_FGD)] = cv2.GC_PR_BGD
    if (mask == cv2.GC_BGD).sum() < 16:  # the box is the whole picture: no background model
        mask[:2] = cv2.GC_PR_BGD
    fg = grabcut_foreground(small, mask, 1)
    if fg is None:
        return None
    n, lab, stats, _ = cv2.connectedComponentsWithStats(fg, 8)
    if n <= 1:
        return None
    main = int(np.argmax(stats[1:, cv2.CC_STAT_AREA])) + 1
    out = (lab == main).astype(np.uint8) * 255
    cnts, _ = cv2.findContours(out, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    cv2.drawContours(out, cnts, -1, 255, -1)  # windows, grille: holes filled
    return out > 0


def grabcut_foreground(small: np.ndarray, mask: np.ndarray, iterations: int
                       ) -> np.ndarray | None:
    """GrabCut from the seed ``mask`` (cv2.GC_* labels, updated in place) on the RGB
    ``small``: the foreground (uint8 0/1) with specks opened away, or None when GrabCut
    cannot model the picture."""
    bgd = np.zeros((1, 65), np.float64)
    fgd = np.zeros((1, 65), np.float64)
    try:
        cv2.grabCut(cv2.cvtColor(small, cv2.COLOR_RGB2BGR), mask, None, bgd, fgd,
                    iterations, cv2.GC_INIT_WITH_MASK)
    except cv2.error:
        return None
    fg = ((mask == cv2.GC_FGD) | (mask == cv2.GC_PR_FGD)).astype(np.uint8)
    return cv2.morphologyEx(fg, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
