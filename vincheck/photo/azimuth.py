"""The camera's azimuth around the vehicle (degrees) from the visible face and its side.

Azimuth: 0 facing the front face, 45 the front-left corner, 90 the left flank, 180 the
rear, 270 the right flank. Seen from a corner, the face (front or rear) lies on one side of
the vehicle's image and the flank runs off the other way: a front face on the picture's
left is seen from the front-left, a rear face on the picture's left from the rear-right.
"""

from __future__ import annotations

import math


def azimuth_of(rear: bool, face_left: bool, off_axis_deg: float) -> float:
    """Azimuth (deg, 0-360) of a camera ``off_axis_deg`` (0-90) off the end axis, looking
    at the rear (else the front) face, which lies on the picture's left when
    ``face_left``."""
    if rear:
        az = 180 + off_axis_deg if face_left else 180 - off_axis_deg
    else:
        az = off_axis_deg if face_left else 360 - off_axis_deg
    return az % 360


def circular_mean(angles: list[float]) -> float:
    """Mean direction (deg, 0-360) of angles in degrees: 350 and 10 average to 0."""
    s = sum(math.sin(math.radians(a)) for a in angles)
    c = sum(math.cos(math.radians(a)) for a in angles)
    return math.degrees(math.atan2(s, c)) % 360
