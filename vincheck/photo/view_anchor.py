"""The view (camera azimuth, degrees) from the main vehicle's licence plate.

- *Which way round the corner*: photographers centre the vehicle, so the plate (centred on
  the front or rear face) sits near the picture's centre line in an end-on view and
  towards one side in a three-quarter view; the face is on that side and the flank runs
  off the other way. The off-axis angle grows with the plate's offset, reaching 45
  degrees at :data:`~vincheck.photo.vehicle_anchor.OBLIQUE_OFFSET` of the width.
- *Front or rear*: red tail lamps on both sides of the plate (unless the body is red)
  vote rear; dense grille texture just above the plate (relative to the plate's own
  texture) votes front, a smooth boot lid votes rear.

Confidence 0-1 is the weaker of the two decisions' margins; near a class boundary or with
conflicting end cues it drops below ``min_view_confidence`` and the check goes to review.
"""

from __future__ import annotations

import numpy as np

from vincheck.findings import Shape
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
RED_LAMP_SHARE = 0.01  # share of red px on each side of the plate where lamps start
RED_BODY_SHARE = 0.3  # red px share above the plate from which the body is red
TEXTURE_SPLIT = 0.5  # grille-over-plate texture ratio between rear and front
# |rear evidence| below END_WEAK gives no end confidence, END_WEAK + END_SURE full; a
# texture-only vote (no lamps either way) stays near the review threshold
END_WEAK = 1.1
END_SURE = 1.75


def rear_evidence(cues: dict) -> float:
    """> 0 for the rear face, < 0 for the front; about -3 .. +3."""
    ev = 0.0
    if cues["body_red"] < RED_BODY_SHARE:
        lamps = min(cues["red_left"], cues["red_right"])
        ev += 2.0 * float(np.clip((lamps - RED_LAMP_SHARE) / 0.02, -0.5, 1.5))
    ev += float(np.clip(4.0 * (TEXTURE_SPLIT - cues["texture"]), -2.5, 1.5))
    return float(ev)


def view_from_anchor(rgb: np.ndarray, anchor: PlateAnchor
                     ) -> tuple[float, float, dict, list[Shape]]:
    """(azimuth deg, confidence 0-1, cues, evidence shapes in input px)."""
    w = rgb.shape[1]
    off = plate_offset(anchor, w)
    s = obliqueness(anchor, w)
    a_off = MAX_OFF_AXIS_DEG * s
    face_left = off < 0
    cues = end_cues(rgb, anchor)
    rear = rear_evidence(cues)
    is_rear = rear > 0
    if is_rear:
        az = 180 + a_off if face_left else 180 - a_off
    else:
        az = a_off if face_left else 360 - a_off
    side_c = float(np.clip(abs(abs(off) - SIDE_BOUNDARY) / SIDE_MARGIN, 0, 1))
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
