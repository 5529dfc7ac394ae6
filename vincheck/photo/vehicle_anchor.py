"""The licence plate as an anchor for the vehicle's box and view.

A plate is mounted on the front or rear face, centred across the vehicle's width, at a
known real size (Chinese 440 x 140 mm, EU 520 x 110 mm), so its height in px sets the
vehicle's scale: a car is about 1.5 m high (10-11 plate heights measured from the text
box) and 1.8 m wide (about 12.5 plate heights across the face). Where the plate sits
across the picture tells how far round the corner the photographer stood: photographers
centre the vehicle, so a plate at the picture's centre means an end-on view and a plate
towards one side means the face is on that side with the flank running off the other way.

Cues that tell the front from the rear, measured around the plate at a fixed scale:
red tail lamps on both sides of the plate (rear), and the grille texture just above the
plate (front; a rear has a smooth boot lid or tailgate there).

All lengths are px of the input image unless a name says ``_hp`` (plate heights).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from vincheck.findings import PlateRead

MIN_PLATE_SCORE = 0.5
RED_HUE_MAX = 8  # OpenCV hue (0-180) within this of 0 counts as red
RED_MIN_SATURATION = 110  # 0-255
RED_MIN_VALUE = 70  # 0-255
CUE_PLATE_HEIGHT = 12.0  # px: the plate height the end cues are measured at
# vehicle extent around the plate centre, plate heights (fitted to end-on cars: those of
# the tuning two thirds of tests/labels/photo_labels.csv on ../shared/corpus, rows with
# index % 3 != 2; `python -m benchmarks.photo_view` reports the held-out third; set in
# commit 584b35b with that split)
HALF_WIDTH_HP = 6.4
ABOVE_HP = 6.6
BELOW_HP = 3.6
# an oblique view: the face side shrinks and the flank side grows by up to these (hp)
FACE_SHRINK_HP = 3.6
FLANK_GROW_HP = 5.0
# plate offset from the picture centre (share of the width) that means a full 3/4 view
OBLIQUE_OFFSET = 0.28


@dataclass(frozen=True)
class PlateAnchor:
    """The main vehicle's plate: centre (px), height and width (px) and detector score."""

    cx: float
    cy: float
    height: float
    width: float
    score: float


def main_plate(plates: list[PlateRead] | None, image_size: tuple[int, int]
               ) -> PlateAnchor | None:
    """The plate of the nearest (biggest) vehicle, or None. ``image_size`` = (w, h) px.

    Chosen by plate height squared (the nearest vehicle has the biggest plate) times the
    detector score, mildly preferring plates nearer the centre line."""
    if not plates:
        return None
    w, _h = image_size
    best, best_val = None, -1.0
    for p in plates:
        if p.score < MIN_PLATE_SCORE or len(p.box) != 8:
            continue
        q = np.asarray(p.box, float).reshape(4, 2)
        hp = (np.linalg.norm(q[3] - q[0]) + np.linalg.norm(q[2] - q[1])) / 2
        wp = (np.linalg.norm(q[1] - q[0]) + np.linalg.norm(q[2] - q[3])) / 2
        if hp < 6 or not 1.8 <= wp / hp <= 7:
            continue
        c = q.mean(0)
        val = hp ** 2 * p.score * float(np.exp(-((c[0] / w - 0.5) / 0.6) ** 2))
        if val > best_val:
            best_val = val
            best = PlateAnchor(float(c[0]), float(c[1]), float(hp), float(wp), float(p.score))
    return best


def plate_offset(anchor: PlateAnchor, width: int) -> float:
    """Signed offset of the plate from the picture's vertical centre line, share of the
    width (-0.5 left edge .. +0.5 right edge)."""
    return anchor.cx / width - 0.5


def obliqueness(anchor: PlateAnchor, width: int) -> float:
    """0 (end-on) .. 1 (full three-quarter view) from the plate's offset."""
    return float(np.clip(abs(plate_offset(anchor, width)) / OBLIQUE_OFFSET, 0, 1))


def box_from_anchor(anchor: PlateAnchor, image_size: tuple[int, int]
                    ) -> tuple[tuple[float, float, float, float], list[str]]:
    """Vehicle box (x, y, w, h px, clipped to the picture) from the plate, and the sides
    where the unclipped box runs past the frame by more than one plate height."""
    w, h = image_size
    s = obliqueness(anchor, w)
    face_left = plate_offset(anchor, w) < 0
    near = HALF_WIDTH_HP - FACE_SHRINK_HP * s
    far = HALF_WIDTH_HP + FLANK_GROW_HP * s
    left_hp, right_hp = (near, far) if face_left else (far, near)
    hp = anchor.height
    x0, x1 = anchor.cx - left_hp * hp, anchor.cx + right_hp * hp
    y0, y1 = anchor.cy - ABOVE_HP * hp, anchor.cy + BELOW_HP * hp
    cut = [side for side, past in (("left", -x0), ("right", x1 - w), ("top", -y0),
                                   ("bottom", y1 - h)) if past > hp]
    cx0, cy0 = max(0.0, x0), max(0.0, y0)
    cx1, cy1 = min(float(w), x1), min(float(h), y1)
    return (cx0, cy0, max(1.0, cx1 - cx0), max(1.0, cy1 - cy0)), cut


def end_cues(rgb: np.ndarray, anchor: PlateAnchor) -> dict:
    """Front-or-rear cues around the plate, measured with the plate scaled to
    CUE_PLATE_HEIGHT px: ``red_left`` / ``red_right`` (share of saturated-red px beside the
    plate, lamp height), ``body_red`` (share just above the plate: a red body, not lamps),
    ``texture`` (mean gradient above the plate over the plate's own, 0-1+)."""
    h, w = rgb.shape[:2]
    s = min(1.0, CUE_PLATE_HEIGHT / anchor.height)
    # only the neighbourhood of the plate is needed: crop before scaling
    hp = anchor.height
    x0, x1 = int(max(0, anchor.cx - 10 * hp)), int(min(w, anchor.cx + 10 * hp))
    y0, y1 = int(max(0, anchor.cy - 5 * hp)), int(min(h, anchor.cy + 2 * hp))
    crop = rgb[y0:y1, x0:x1]
    if crop.size == 0:
        return {"red_left": 0.0, "red_right": 0.0, "body_red": 0.0, "texture": 0.0}
    if s < 1:
        crop = cv2.resize(crop, (max(1, round(crop.shape[1] * s)),
                                 max(1, round(crop.shape[0] * s))), interpolation=cv2.INTER_AREA)
    ch, cw = crop.shape[:2]
    cx, cy, ph = (anchor.cx - x0) * s, (anchor.cy - y0) * s, hp * s
    pw = anchor.width * s

    def rows(a: float, b: float) -> slice:
        return slice(int(np.clip(cy + a * ph, 0, ch)), int(np.clip(cy + b * ph, 0, ch)))

    def cols(a: float, b: float) -> slice:
        return slice(int(np.clip(cx + a * ph, 0, cw)), int(np.clip(cx + b * ph, 0, cw)))

    hsv = cv2.cvtColor(crop, cv2.COLOR_RGB2HSV)
    hue, sat, val = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    red = ((hue <= RED_HUE_MAX) | (hue >= 180 - RED_HUE_MAX)) & (sat >= RED_MIN_SATURATION) & \
        (val >= RED_MIN_VALUE)

    def share(m: np.ndarray) -> float:
        return float(m.mean()) if m.size else 0.0

    band = red[rows(-4, 1)]
    red_left = share(band[:, cols(-9, -1.6)])
    red_right = share(band[:, cols(1.6, 9)])
    body_red = share(red[rows(-2.5, -0.8), cols(-2, 2)])
    g = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY).astype(np.float32)
    grad = np.abs(cv2.Sobel(g, cv2.CV_32F, 1, 0)) + np.abs(cv2.Sobel(g, cv2.CV_32F, 0, 1))
    above = grad[rows(-2.5, -0.7), cols(-1.5, 1.5)]
    plate = grad[rows(-0.4, 0.4), slice(int(max(0, cx - pw / 2)), int(min(cw, cx + pw / 2)))]
    tex = float(above.mean()) / (float(plate.mean()) + 1e-6) if above.size and plate.size \
        else 0.0
    return {"red_left": red_left, "red_right": red_right, "body_red": body_red,
            "texture": tex, "texture_abs": float(above.mean()) if above.size else 0.0}
