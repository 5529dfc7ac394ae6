"""Locate rubbing strips on a scanned sheet and cut each one out deskewed.

A rubbing is a dark (graphite) band on light paper. The sheet is searched at a reduced
scale for dark, elongated, well-filled regions; each one is cut out of the full-resolution
image along its rotated rectangle so that the line of characters runs left to right.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

# Longest side (px) of the working copy used only to find the strips.
LOCATE_MAX_SIDE = 1400
# Strips are long and thin: 17 characters plus symbols are ~8-14 times the character height
# and the tape is ~1.5-3 times the character height, so the outline's long/short ratio is
# well above this (a word of handwriting or a stamp is not).
MIN_STRIP_ASPECT = 3.0
# The band must fill its rotated rectangle (a rectangle of tape): contour area / rect area.
MIN_STRIP_FILL = 0.70


@dataclass
class Strip:
    """One rubbing strip cut out of a sheet.

    ``crop`` is the deskewed strip (H x W uint8 grey, line of characters horizontal);
    ``to_sheet`` is the 2 x 3 affine matrix mapping crop px (x, y) to sheet px;
    ``corners`` the strip outline in sheet px (4 x 2: top-left, top-right, bottom-right,
    bottom-left of the crop); ``angle_deg`` the rotation of the strip on the sheet
    (positive = counter-clockwise as seen on screen).
    """

    crop: np.ndarray
    to_sheet: np.ndarray
    corners: np.ndarray
    angle_deg: float
    core_x: tuple[float, float] = (0.0, float("inf"))  # crop x-range of the dark band

    def map_to_sheet(self, pts: np.ndarray) -> np.ndarray:
        """Map N x 2 crop px points to sheet px."""
        p = np.asarray(pts, dtype=np.float64).reshape(-1, 2)
        return p @ self.to_sheet[:, :2].T + self.to_sheet[:, 2]

    def box_to_sheet(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, ...]:
        """An axis-aligned crop box as a 4-corner polygon (x1, y1, ..., x4, y4) in sheet px."""
        pts = self.map_to_sheet(np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]]))
        return tuple(float(v) for v in pts.reshape(-1))


def _paper_level(small: np.ndarray) -> float:
    return float(np.percentile(small, 90))


def _working_copy(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """The sheet scaled so its longest side is at most :data:`LOCATE_MAX_SIDE` px and
    blurred (5 x 5 Gaussian), plus that scale (small px / sheet px)."""
    h, w = gray.shape[:2]
    scale = min(1.0, LOCATE_MAX_SIDE / max(h, w))
    small = gray if scale == 1.0 else cv2.resize(gray, (max(1, int(w * scale)),
                                                        max(1, int(h * scale))),
                                                 interpolation=cv2.INTER_AREA)
    return cv2.GaussianBlur(small, (5, 5), 0), scale


def dark_mask(gray: np.ndarray, min_contrast: float = 45.0) -> tuple[np.ndarray, float]:
    """Mask (uint8 0/255) of pixels clearly darker than the paper, and the scale used.

    ``gray`` is the sheet in grey levels; returns the mask of a working copy scaled so its
    longest side is at most :data:`LOCATE_MAX_SIDE` px, plus that scale (small px / sheet px).
    """
    small, scale = _working_copy(gray)
    return _dark_mask_small(small, min_contrast), scale


def _dark_mask_small(small: np.ndarray, min_contrast: float) -> np.ndarray:
    paper = _paper_level(small)
    otsu, _ = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    thr = min(float(otsu), paper - min_contrast)
    return (small < thr).astype(np.uint8) * 255


def _order_long_horizontal(box: np.ndarray) -> tuple[np.ndarray, float, float, float]:
    """From 4 rectangle corners: (ordered corners TL, TR, BR, BL), length, height, angle deg.

    The long side is taken as the text direction; the angle is folded into (-90, 90] so
    that the text reads left to right (a strip rotated by more than 90 degrees is read
    upside down; the brief bounds rotation to about 15 degrees).
    """
    pts = box.astype(np.float64)
    best = None
    for i in range(4):
        a, b = pts[i], pts[(i + 1) % 4]
        d = b - a
        length = math.hypot(*d)
        if best is None or length > best[0]:
            best = (length, d)
    assert best is not None
    length, d = best
    angle = math.degrees(math.atan2(d[1], d[0]))
    if angle > 90:
        angle -= 180
    elif angle <= -90:
        angle += 180
    c = pts.mean(axis=0)
    other = [math.hypot(*(pts[(i + 1) % 4] - pts[i])) for i in range(4)]
    height = min(other)
    return c, length, height, angle


# Along its axis a strip continues while the middle of its cross-section is tape: at least
# this share of the samples darker than the paper by TAPE_CONTRAST grey levels (a lightly
# rubbed end of the tape is paler than the middle and drops out of the dark mask).
TAPE_SHARE = 0.5
TAPE_CONTRAST = 22.0
# ... and it ends at a gap of this many strip heights; it never grows by more than
# MAX_EXTEND of its length at either end.
TAPE_GAP = 0.15
MAX_EXTEND = 0.6
# Grey levels below the paper of a faintly rubbed strip (hardly any graphite on the tape:
# 45-75 levels below the paper on the synthetic scans, against 100+ for a normal rubbing).
FAINT_CONTRAST = 25.0


def _axis_profile(small: np.ndarray, paper: float, c: np.ndarray, u: np.ndarray,
                  height: float, ts: np.ndarray) -> np.ndarray:
    """Share of tape-dark samples across the middle 60 % of the strip height at each
    distance ``ts`` (small px) from ``c`` along the unit axis ``u``."""
    nrm = np.array([-u[1], u[0]])
    ss = np.linspace(-0.3 * height, 0.3 * height, 9)
    pts = c[None, None, :] + ts[:, None, None] * u + ss[None, :, None] * nrm
    xs = np.clip(np.round(pts[..., 0]).astype(int), 0, small.shape[1] - 1)
    ys = np.clip(np.round(pts[..., 1]).astype(int), 0, small.shape[0] - 1)
    inside = ((pts[..., 0] >= 0) & (pts[..., 0] < small.shape[1]) & (pts[..., 1] >= 0)
              & (pts[..., 1] < small.shape[0]))
    dark = (small[ys, xs] < paper - TAPE_CONTRAST) & inside
    return dark.mean(axis=1)


def _extend(small: np.ndarray, paper: float, c: np.ndarray, length: float, height: float,
            angle: float) -> tuple[np.ndarray, float]:
    """Grow a strip (small px, angle in degrees) along its axis over paler tape at both
    ends; returns the new centre and length."""
    u = np.array([math.cos(math.radians(angle)), math.sin(math.radians(angle))])
    gap = max(2, int(round(TAPE_GAP * height)))
    ends = []
    for sign in (1.0, -1.0):
        ts = np.arange(0.0, MAX_EXTEND * length + gap + 1.0)
        share = _axis_profile(small, paper, c, sign * u, height, length / 2.0 + ts)
        last, miss = 0.0, 0
        for t, v in zip(ts, share, strict=True):
            if v >= TAPE_SHARE:
                last, miss = float(t), 0
            else:
                miss += 1
                if miss > gap:
                    break
        ends.append(last)
    grow_r, grow_l = min(ends[0], MAX_EXTEND * length), min(ends[1], MAX_EXTEND * length)
    return c + u * (grow_r - grow_l) / 2.0, length + grow_r + grow_l


def _merge_collinear(cands: list[list]) -> list[list]:
    """Join candidates (centre, length, height, angle; small px) that lie on one axis and
    overlap or nearly touch: one strip split by a pale patch is found once."""
    out: list[list] = []
    for cand in sorted(cands, key=lambda k: -k[1]):
        c, ln, ht, ang = cand
        for o in out:
            oc, oln, oht, oang = o
            da = abs((ang - oang + 90.0) % 180.0 - 90.0)
            u = np.array([math.cos(math.radians(oang)), math.sin(math.radians(oang))])
            d = c - oc
            along, across = float(d @ u), abs(float(d[0] * -u[1] + d[1] * u[0]))
            if da > 4.0 or across > 0.5 * max(ht, oht):
                continue
            if abs(along) > (ln + oln) / 2.0 + 0.5 * max(ht, oht):
                continue
            lo = min(-oln / 2.0, along - ln / 2.0)
            hi = max(oln / 2.0, along + ln / 2.0)
            o[0] = oc + u * (lo + hi) / 2.0
            o[1] = hi - lo
            o[2] = max(ht, oht)
            break
        else:
            out.append([np.asarray(c, dtype=np.float64), ln, ht, ang])
    return out


# A piece of tape cut off a strip by a pale patch of graphite (too short or ragged to be a
# strip itself) joins the strip when it is at least this many times as long as high, lies
# on the strip's axis (within PIECE_ANGLE degrees, its centre within half the strip's
# height of the axis), is as high within PIECE_HEIGHT and leaves a gap of at most
# PIECE_GAP strip heights (small px). Found on the tuning set seed 12 (sheet 93: a pale
# patch over two characters cut five characters and the end mark off the strip).
PIECE_ASPECT = 1.2
PIECE_ANGLE = 4.0
PIECE_HEIGHT = 0.2
PIECE_GAP = 0.5


def _absorb_pieces(cands: list[list], pieces: list[list]) -> list[list]:
    """``cands`` (centre, length, height, angle; small px) grown over the ``pieces`` of
    tape that continue them along their axis (see :data:`PIECE_ASPECT`)."""
    left = list(pieces)
    for cand in cands:
        grown = True
        while grown:
            grown = False
            oc, oln, oht, oang = cand
            u = np.array([math.cos(math.radians(oang)), math.sin(math.radians(oang))])
            for k, (c, ln, ht, ang) in enumerate(left):
                d = c - oc
                along, across = float(d @ u), abs(float(d[0] * -u[1] + d[1] * u[0]))
                if (abs((ang - oang + 90.0) % 180.0 - 90.0) > PIECE_ANGLE
                        or across > 0.5 * oht or abs(ht - oht) > PIECE_HEIGHT * oht
                        or abs(along) - (ln + oln) / 2.0 > PIECE_GAP * oht):
                    continue
                lo = min(-oln / 2.0, along - ln / 2.0)
                hi = max(oln / 2.0, along + ln / 2.0)
                cand[0] = oc + u * (lo + hi) / 2.0
                cand[1] = hi - lo
                del left[k]  # by place: a piece holds an array, == cannot compare it
                grown = True
                break
    return cands


def _inside(c: np.ndarray, cand: list) -> bool:
    """Whether point ``c`` lies on candidate ``cand`` (centre, length, height, angle)."""
    oc, ln, ht, ang = cand
    u = np.array([math.cos(math.radians(ang)), math.sin(math.radians(ang))])
    d = c - oc
    return abs(float(d @ u)) <= ln / 2.0 and abs(float(d[0] * -u[1] + d[1] * u[0])) <= ht / 2.0


def find_strips(gray: np.ndarray, min_len_px: float | None = None,
                min_height_px: float | None = None) -> list[tuple]:
    """Candidate strips as (centre (x, y), length px, height px, angle deg) in sheet px,
    sorted top to bottom. ``min_len_px`` / ``min_height_px`` are the smallest strip
    accepted (sheet px; defaults relative to the sheet size). Each strip is grown along its
    axis over paler tape at its ends, and pieces of one strip are joined. A second pass at
    :data:`FAINT_CONTRAST` finds faintly rubbed tape (it must be as long, thin and well
    filled as any strip) away from the strips already found; each pass is repeated after
    an opening that cuts thin printed lines off the tape."""
    small, scale = _working_copy(gray)
    paper = _paper_level(small)
    h, w = small.shape
    k = max(3, int(round(min(h, w) / 150)) | 1)
    min_len = (min_len_px * scale) if min_len_px else 0.15 * max(h, w)
    min_ht = (min_height_px * scale) if min_height_px else 0.03 * min(h, w)
    ko = max(3, int(min_ht / 7.0) | 1)
    cands: list[list] = []
    pieces: list[list] = []  # dark shapes too short or ragged for a strip on their own
    passes = [(faint, opened) for faint in (False, True) for opened in (False, True)]
    for faint, opened in passes:
        mask = (_dark_mask_small(small, 45.0) if not faint else
                (small < paper - FAINT_CONTRAST).astype(np.uint8) * 255)
        if opened:
            # thin dark lines (a printed frame or rule the tape lies across) join the tape
            # into one odd shape: an opening at ~1/7 of the thinnest strip removes them
            mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(
                cv2.MORPH_RECT, (ko, ko)))
        closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(
            cv2.MORPH_RECT, (k, k)))
        # outer boundaries of every component, also those inside a hole of another (a
        # printed frame around the sheet closes at a low threshold)
        contours, hier = cv2.findContours(closed, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
        found = []
        for i, cnt in enumerate(contours):
            if hier is not None and hier[0][i][3] != -1:
                continue
            area = cv2.contourArea(cnt)
            if area < 0.002 * h * w:
                continue
            rect = cv2.minAreaRect(cnt)
            box = cv2.boxPoints(rect)
            c, length, height, angle = _order_long_horizontal(box)
            if height < max(min_ht, 1.0):
                continue
            if length / height < MIN_STRIP_ASPECT or area / (length * height) < MIN_STRIP_FILL:
                if not (faint or opened) and length >= PIECE_ASPECT * height:
                    pieces.append([np.asarray(c, dtype=np.float64), length, height, angle])
                continue
            if (faint or opened) and (length < min_len or any(_inside(c, o) for o in cands)):
                continue
            c, length = _extend(small, paper, c, length, height, angle)
            found.append([c, length, height, angle])
        cands += found
    cands = _absorb_pieces(cands, pieces)
    out = [((c[0] / scale, c[1] / scale), ln / scale, ht / scale, ang)
           for c, ln, ht, ang in _merge_collinear(cands) if ln >= min_len]
    out.sort(key=lambda s: (s[0][1], s[0][0]))
    return out


def cut_strip(gray: np.ndarray, centre: tuple[float, float], length: float, height: float,
              angle_deg: float, inset: float = 0.03) -> Strip:
    """Cut the strip out of ``gray`` (sheet px), deskewed, trimmed inside its outline by
    ``inset`` of its height so the paper border does not show."""
    trim = inset * height
    # the rubbed ends of the tape are often lighter than its middle and fall outside the
    # dark mask: extend the cut along the line by half the strip height at each end
    length = length + height
    cw = max(8, int(round(length - 2 * trim)))
    ch = max(8, int(round(height - 2 * trim)))
    a = math.radians(angle_deg)
    ca, sa = math.cos(a), math.sin(a)
    # crop (x, y) -> sheet: R @ ((x, y) - (cw/2, ch/2)) + centre
    m = np.array([[ca, -sa, 0.0], [sa, ca, 0.0]])
    off = np.array(centre) - m[:, :2] @ np.array([cw / 2.0, ch / 2.0])
    m[:, 2] = off
    crop = cv2.warpAffine(gray, m, (cw, ch), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                          borderMode=cv2.BORDER_REPLICATE)
    strip = Strip(crop=crop, to_sheet=m, corners=np.zeros((4, 2)), angle_deg=-angle_deg)
    ext = height / 2.0 - trim
    full_off = np.array([[ext, -trim], [cw - ext, -trim], [cw - ext, ch + trim],
                         [ext, ch + trim]])
    strip.corners = strip.map_to_sheet(full_off)
    strip.core_x = (float(ext), float(cw - ext))
    return strip


def locate_strips(gray: np.ndarray, min_len_px: float | None = None,
                  min_height_px: float | None = None) -> list[Strip]:
    """Every rubbing strip on the sheet, deskewed, top to bottom."""
    return [cut_strip(gray, c, ln, ht, ang)
            for c, ln, ht, ang in find_strips(gray, min_len_px, min_height_px)]


def whole_image_strip(gray: np.ndarray) -> Strip | None:
    """When there is no light paper at all (a photo of the stamped plate itself, a scan
    cropped to the tape), the whole image is taken as one strip; None when the image is
    mostly light (a sheet on which simply nothing was found)."""
    mask, _ = dark_mask(gray, min_contrast=0.0)
    small = cv2.resize(gray, (64, 64), interpolation=cv2.INTER_AREA)
    if float(np.mean(mask > 0)) < 0.5 and float(np.median(small)) > 128:
        return None
    h, w = gray.shape[:2]
    m = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    corners = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float64)
    return Strip(crop=gray.copy(), to_sheet=m, corners=corners, angle_deg=0.0,
                 core_x=(0.0, float(w)))
