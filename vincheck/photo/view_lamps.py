"""Front or rear by the lamps' colour: the one cue the full-turn head lacks.

A car seen from the front-left (azimuth 45 deg) and one seen from the rear-right (225 deg)
have the same outline: in both the end face is on the left of the vehicle box and the
flank runs off to the right. The full-turn head (:mod:`.view_turn`) often spreads its
probability over both. Tail lamps are red, head lamps white or clear, so the colour of
the end face settles it: in the band of the box where lamps sit (:data:`LAMP_BAND`, share
of the box height from its top) on the end face's side (:data:`FACE_SHARE` of its width),
the share of saturated red pixels is measured.

- at least :data:`LAMP_RED_SHARE` of the band red: tail lamps, the rear is seen;
- less: no tail lamps, the front is seen (weak: small or dark tail lamps are missed);
- more than :data:`PAINT_RED_SHARE`: red paint or a red floor, not lamps: no evidence.

:func:`weigh_ends` then moves probability between the two quadrants of the head's
reading that share the outline (front-left and rear-right, or front-right and
rear-left): their bins are weighted by ``2 (1 - p_rear)`` (front) and ``2 p_rear``
(rear); the other quadrants and the end-on and side-on bins keep theirs. The cue is
mirror-symmetric: a mirrored photo is measured on the mirrored side.

No weights are involved. All constants were chosen on the EPFL multi-view cars (research
photos, measured on, never trained on): the red's hue / saturation / value, the band and
the face share by the cue's own accuracy on their oblique frames, all 20 cars at once (108
settings; these are not re-chosen leave one car out); the four below among a small grid
together with the two masses of :mod:`.view`, which ``benchmarks.photo_epfl --loco``
reports leave one car out.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

# saturated red on OpenCV's 0-180 hue circle (within 6 of 0, i.e. 12 deg of 360)
RED_HUE, RED_MIN_SAT, RED_MIN_VALUE = 6, 140, 40
LAMP_BAND = (0.25, 0.6)  # rows of the vehicle box where lamps sit (share from its top)
FACE_SHARE = 0.4  # the end face's side of the vehicle box (share of its width)
# chosen on the EPFL cars among 0.02 / 0.03 / 0.04 / 0.06, 0.2 / 0.3 / none,
# 0.6 / 0.7 / 0.8 and 0.1 / 0.2 / 0.3 with the two masses of view.py (leave-one-car-out
# figures in benchmarks.photo_epfl --loco)
LAMP_RED_SHARE = 0.04
PAINT_RED_SHARE = 0.3
P_REAR_RED = 0.7  # how much red lamps in the face band speak for the rear
P_REAR_NO_RED = 0.2  # ... and their absence for the front


@dataclass(frozen=True)
class LampCue:
    """The end face's red share (0-1 of the lamp band on the ``face_left`` side) and what
    it says: ``p_rear`` 0-1 (None: red paint or floor, no evidence)."""

    red_share: float
    face_left: bool
    p_rear: float | None

    def as_dict(self) -> dict:
        """Rounded values for the finding's details."""
        said = "none" if self.p_rear is None else ("rear" if self.p_rear > 0.5 else "front")
        return {"red_share": round(self.red_share, 5),
                "face_side": "left" if self.face_left else "right", "says": said,
                "p_rear": None if self.p_rear is None else round(self.p_rear, 3)}


def face_on_left(azimuth_deg: float) -> bool:
    """Whether the end face lies on the left of the vehicle box at ``azimuth_deg``
    (front-left 0-90 and rear-right 180-270 deg)."""
    a = azimuth_deg % 360
    return a < 90 or 180 <= a < 270


def red_mask(rgb: np.ndarray) -> np.ndarray:
    """Saturated red pixels (bool H x W) of an RGB image."""
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    h, s, v = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    return ((h <= RED_HUE) | (h >= 180 - RED_HUE)) & (s >= RED_MIN_SAT) & (v >= RED_MIN_VALUE)


def band_box(box: tuple[float, float, float, float],
             face_left: bool) -> tuple[float, float, float, float]:
    """The lamp band on the end face's side of the vehicle ``box`` (x, y, w, h px)."""
    x, y, w, h = box
    fw = FACE_SHARE * w
    return (x if face_left else x + w - fw, y + LAMP_BAND[0] * h, fw,
            (LAMP_BAND[1] - LAMP_BAND[0]) * h)


def end_face_red_share(rgb: np.ndarray, box: tuple[float, float, float, float],
                       face_left: bool) -> float:
    """Share (0-1) of red pixels in the lamp band on the end face's side of ``box``."""
    hh, ww = rgb.shape[:2]
    x, y, w, h = band_box(box, face_left)
    x0, y0 = max(0, round(x)), max(0, round(y))
    x1, y1 = min(ww, round(x + w)), min(hh, round(y + h))
    if x1 - x0 < 1 or y1 - y0 < 1:
        return 0.0
    return float(red_mask(np.ascontiguousarray(rgb[y0:y1, x0:x1])).mean())


def p_rear_of(red_share: float, lamp_share: float = LAMP_RED_SHARE,
              paint_share: float | None = PAINT_RED_SHARE, p_red: float = P_REAR_RED,
              p_none: float = P_REAR_NO_RED) -> float | None:
    """What a red share (0-1) of the end face's lamp band says: ``p_red`` (tail lamps) from
    ``lamp_share`` on, ``p_none`` below it, None (paint, no evidence) above
    ``paint_share`` (None: no such limit)."""
    if paint_share is not None and red_share > paint_share:
        return None
    return p_red if red_share >= lamp_share else p_none


def lamp_cue(rgb: np.ndarray, box: tuple[float, float, float, float],
             face_left: bool) -> LampCue:
    """What the end face's colour says about front or rear (see the module docstring)."""
    share = end_face_red_share(rgb, box, face_left)
    return LampCue(share, face_left, p_rear_of(share))


def weigh_ends(probs, face_left: bool, p_rear: float) -> np.ndarray:
    """The head's bin probabilities with the two quadrants of the ``face_left`` outline
    weighted by the cue: front ones by ``2 (1 - p_rear)``, rear ones by ``2 p_rear``
    (renormalised; ``p_rear`` 0.5 changes nothing)."""
    p = np.asarray(probs, dtype=float).copy()
    a = np.arange(len(p)) * (360.0 / len(p))
    if face_left:
        front, rear = (a > 0) & (a < 90), (a > 180) & (a < 270)
    else:
        front, rear = a > 270, (a > 90) & (a < 180)
    p[front] *= 2.0 * (1.0 - p_rear)
    p[rear] *= 2.0 * p_rear
    s = p.sum()
    return p / s if s > 0 else np.full(len(p), 1.0 / len(p))

