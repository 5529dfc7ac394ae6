"""The view (camera azimuth, degrees) from the main vehicle's licence plate.

- *Which way round the corner*: photographers centre the vehicle, so the plate (centred on
  the front or rear face) sits near the picture's centre line in an end-on view and
  towards one side in a three-quarter view; the face is on that side and the flank runs
  off the other way. The off-axis angle grows with the plate's offset, reaching 45
  degrees at :data:`~vincheck.photo.vehicle_anchor.OBLIQUE_OFFSET` of the width.
- *Front or rear*: a red tail lamp beside the plate (unless the body is red) votes rear;
  dense grille texture just above the plate (relative to the plate's own texture) votes
  front, a smooth boot lid votes rear. The lamp share, its threshold and the texture's
  weight were chosen on half of the 276 end-labelled corpus photos
  (``tests/labels/vehicle_end_labels.csv``) plus two thirds of the view photos; the other
  halves check them (``benchmarks.photo_view``).

With the detector's vehicle box (:mod:`.vehicle_detected`) two more general cues join:

- *Plate across the box*: the plate is centred on the face, so its position ``p`` across
  the box (0 left edge, 1 right edge) tells how much of the box the face takes. A pinhole
  model of a 4.5 x 1.8 m car seen from :data:`CAMERA_DISTANCE_M` gives ``p`` for every
  off-axis angle (:func:`angle_from_plate_in_box`); that angle is averaged with the
  picture-offset one. The side (face left or right) is then the plate's side of the box's
  centre alone: the box says where the vehicle is, while the picture's centre is only where
  it should be (a vehicle off-centre in the frame turned the side round).
- *Plate height in the box*: a front plate sits in the bumper (about 0.4 m above the
  ground on a 1.45 m car: ~0.72 of the box down from its top), a rear plate on the boot lid
  or tailgate between the lamps (about 0.7 m: ~0.52 down); :data:`PLATE_HEIGHT_SPLIT`
  lies between the two and the distance from it votes rear (higher) or front (lower).

Confidence 0-1 is the weaker of the two decisions' margins; near a class boundary or with
conflicting end cues it drops below ``min_view_confidence`` and the check goes to review.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from vincheck.findings import Shape
from vincheck.photo.azimuth import azimuth_of
from vincheck.photo.vehicle_anchor import (
    OBLIQUE_OFFSET,
    PlateAnchor,
    end_cues,
    obliqueness,
    plate_offset,
)

MAX_OFF_AXIS_DEG = 45.0
SIDE_BOUNDARY = 0.5 * OBLIQUE_OFFSET  # offset of a 22.5 deg view: the class boundary
SIDE_MARGIN = 0.12  # offset distance from the boundary that counts as a sure decision
RED_LAMP_SHARE = 0.015  # share of red px on a side of the plate where a lamp starts
TEXTURE_WEIGHT = 2.0  # rear-evidence units per unit of (TEXTURE_SPLIT - texture)
RED_BODY_SHARE = 0.3  # red px share above the plate from which the body is red
TEXTURE_SPLIT = 0.5  # grille-over-plate texture ratio between rear and front
# |rear evidence| below END_WEAK gives no end confidence, END_WEAK + END_SURE full; a
# texture-only vote (no lamps either way) stays near the review threshold
END_WEAK = 1.1
END_SURE = 1.75
# the car model for the plate's position across the box (m)
CAR_LENGTH_M = 4.5
CAR_WIDTH_M = 1.8
CAMERA_DISTANCE_M = 6.0  # camera to the car's centre when it fills ~2/3 of a phone photo
PLATE_HEIGHT_SPLIT = 0.62  # plate centre (share of the box height from its top)
PLATE_HEIGHT_SCALE = 0.1  # share of the box height for a full vote
PLATE_HEIGHT_WEIGHT = 2.0  # rear-evidence units of a full plate-height vote
SIDE_MARGIN_DEG = SIDE_MARGIN / OBLIQUE_OFFSET * MAX_OFF_AXIS_DEG


def plate_share_of_angle(angle_deg: float, distance_m: float = CAMERA_DISTANCE_M) -> float:
    """Position of the face's centre across the vehicle's box (0-0.5, face on the left)
    for a camera ``angle_deg`` off the end axis, pinhole model of the car model."""
    a = math.radians(angle_deg)
    cam = np.array([distance_m * math.cos(a), distance_m * math.sin(a)])
    fwd = -cam / np.linalg.norm(cam)
    right = np.array([fwd[1], -fwd[0]])

    def u(pt: tuple[float, float]) -> float:
        v = np.asarray(pt) - cam
        return float(v @ right / (v @ fwd))

    half_l, half_w = CAR_LENGTH_M / 2, CAR_WIDTH_M / 2
    us = [u((sx * half_l, sy * half_w)) for sx in (1, -1) for sy in (1, -1)]
    return (u((half_l, 0.0)) - min(us)) / (max(us) - min(us))


@lru_cache(maxsize=1)
def _share_table() -> tuple[np.ndarray, np.ndarray]:
    angles = np.linspace(0.0, 89.0, 179)
    return angles, np.array([plate_share_of_angle(a) for a in angles])


def angle_from_plate_in_box(p: float) -> float:
    """Off-axis angle (deg, 0-89) from the plate's position across the vehicle box."""
    angles, shares = _share_table()
    q = min(p, 1.0 - p)
    return float(np.interp(q, shares[::-1], angles[::-1]))


def plate_height_vote(q: float) -> float:
    """Rear evidence (> 0 rear) from the plate's height in the box (``q`` share from the
    top): a plate high on the vehicle is on the tailgate, a low one in the front bumper."""
    return PLATE_HEIGHT_WEIGHT * float(np.clip((PLATE_HEIGHT_SPLIT - q) / PLATE_HEIGHT_SCALE,
                                               -1.0, 1.0))


def rear_evidence(cues: dict) -> float:
    """> 0 for the rear face, < 0 for the front; about -3 .. +3."""
    ev = 0.0
    if cues["body_red"] < RED_BODY_SHARE:
        # the redder side: seen from a corner the far lamp is hidden or out of the band
        lamps = max(cues["red_left"], cues["red_right"])
        ev += 2.0 * float(np.clip((lamps - RED_LAMP_SHARE) / 0.02, -0.5, 1.5))
    ev += float(np.clip(TEXTURE_WEIGHT * (TEXTURE_SPLIT - cues["texture"]), -2.5, 1.5))
    return float(ev)


def view_from_anchor(rgb: np.ndarray, anchor: PlateAnchor,
                     box: tuple[float, float, float, float] | None = None
                     ) -> tuple[float, float, dict, list[Shape]]:
    """(azimuth deg, confidence 0-1, cues, evidence shapes in input px). ``box``: the
    detected vehicle box (x, y, w, h px) holding the plate, when there is one."""
    w = rgb.shape[1]
    off = plate_offset(anchor, w)
    s = obliqueness(anchor, w)
    a_off = MAX_OFF_AXIS_DEG * s
    face_left = off < 0
    cues = end_cues(rgb, anchor)
    rear = rear_evidence(cues)
    side_c = float(np.clip(abs(abs(off) - SIDE_BOUNDARY) / SIDE_MARGIN, 0, 1))
    if box is not None and box[2] > 0 and box[3] > 0:
        p = (anchor.cx - box[0]) / box[2]
        q = (anchor.cy - box[1]) / box[3]
        a_box = angle_from_plate_in_box(p)
        a_off = 0.5 * (a_off + a_box)
        face_left = p < 0.5
        height_vote = plate_height_vote(q)
        rear += height_vote
        side_c = float(np.clip(abs(a_off - 0.5 * MAX_OFF_AXIS_DEG) / SIDE_MARGIN_DEG, 0, 1))
        cues.update({"plate_in_box": [float(p), float(q)], "angle_from_box": a_box,
                     "plate_height_vote": height_vote})
    is_rear = rear > 0
    az = azimuth_of(is_rear, face_left, a_off)
    end_c = float(np.clip((abs(rear) - END_WEAK) / END_SURE, 0, 1))
    conf = 0.25 + 0.7 * min(side_c, end_c)
    cues.update({"plate_offset": off, "obliqueness": s, "rear_evidence": rear,
                 "end": "rear" if is_rear else "front",
                 "face_side": "left" if face_left else "right",
                 "side_confidence": side_c, "end_confidence": end_c})
    hp = anchor.height
    ev = [Shape.box(anchor.cx - anchor.width / 2, anchor.cy - hp / 2, anchor.width, hp,
                    label="plate anchor", role="view_face")]
    return float(az % 360), float(conf), cues, ev
