"""From which side the photo was taken (Annex 1: a car from the front-left at 45 degrees, a
trailer from the rear-left at 45 degrees).

Azimuth = the camera's position around the vehicle, degrees: 0 facing the front face, 45 the
front-left corner, 90 the left flank, 135 rear-left, 180 rear, 225 rear-right, 270 right,
315 front-right. Classical cues inside the vehicle region:

- the *face* (front or rear): the widest locally mirror-symmetric band of the vehicle
  (grille / lamps / plate are symmetric about the face's centre line). Its share ``f`` of
  the vehicle's width gives the angle off the end axis: for a box of width W and length L,
  ``f = W cos a / (W cos a + L sin a)``, so ``tan a = (W / L) (1 - f) / f``; the side of the
  vehicle box it sits on gives left or right;
- *wheels*: dark ellipses low on the flank; their minor/major axis ratio is about
  ``|sin a|`` (a circle seen from the side, a thin line from the front);
- *lamps*: red tail lamps inside the face make it the rear; bright white lamps the front.

The cues are combined into an azimuth and a confidence 0-1.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import cv2
import numpy as np

from vincheck.findings import Finding, Shape, Status
from vincheck.photo.vehicle import VehicleRegion
from vincheck.photo.view_cues import find_face, find_lamps, find_wheels
from vincheck.settings import PhotoSettings

VIEWS = ("front", "front-left", "left", "rear-left", "rear", "rear-right", "right",
         "front-right")
WIDTH_OVER_LENGTH = 0.40  # a saloon: 1.8 m wide, 4.5 m long
WORK_WIDTH = 480  # px: the vehicle region is scaled to this width for the cues


@dataclass
class ViewEstimate:
    """The estimated view class, azimuth (deg), confidence 0-1, the cue values and the
    shapes (input px) that show them."""

    view: str
    azimuth_deg: float
    confidence: float
    cues: dict = field(default_factory=dict)
    evidence: list[Shape] = field(default_factory=list)


def view_of_azimuth(az: float) -> str:
    """The 8-class view name of an azimuth in degrees."""
    return VIEWS[int(((az % 360) + 22.5) // 45) % 8]


def azimuth_difference(a: float, b: float) -> float:
    """Smallest absolute difference of two angles, degrees (0-180)."""
    d = abs((a - b) % 360)
    return min(d, 360 - d)


def _angle_from_face_share(f: float) -> float:
    """Angle off the end axis (deg, 0-90) from the face's share of the vehicle's width."""
    f = float(np.clip(f, 0.02, 1.0))
    return math.degrees(math.atan(WIDTH_OVER_LENGTH * (1 - f) / f))


def estimate_view(rgb: np.ndarray, region: VehicleRegion | None,
                  settings: PhotoSettings) -> ViewEstimate:
    """Estimate the view of the vehicle in ``region`` (the whole photo when None)."""
    h, w = rgb.shape[:2]
    if region is not None:
        x, y, bw, bh = (int(round(v)) for v in region.box)
        x, y = max(0, x), max(0, y)
        bw, bh = max(8, min(bw, w - x)), max(8, min(bh, h - y))
    else:
        x, y, bw, bh = 0, 0, w, h
    crop = rgb[y:y + bh, x:x + bw]
    s = WORK_WIDTH / max(bw, 1)
    small = cv2.resize(crop, (WORK_WIDTH, max(8, round(bh * s))), interpolation=cv2.INTER_AREA)
    mask = None
    if region is not None and region.mask is not None:
        m = region.mask[y:y + bh, x:x + bw].astype(np.uint8)
        mask = cv2.resize(m, (small.shape[1], small.shape[0]),
                          interpolation=cv2.INTER_NEAREST) > 0

    face = find_face(small, mask)
    wheels = find_wheels(small, mask)
    lamps = find_lamps(small, mask)
    cues: dict = {"face": face, "wheels": wheels, "lamps": lamps}

    # --- which end the face is: red lamps inside the face band -> rear
    f0, f1 = face["x0"], face["x1"]
    red_in = sum(a for (cx, _cy, a) in lamps["red"] if f0 <= cx <= f1)
    white_in = sum(a for (cx, _cy, a) in lamps["white"] if f0 <= cx <= f1)
    rear_votes = red_in - 0.5 * white_in
    is_rear = rear_votes > 0
    cues["end"] = "rear" if is_rear else "front"

    # --- angle off the end axis: from the face share and the wheel ellipses
    share = (f1 - f0) / small.shape[1]
    a_face = _angle_from_face_share(share)
    angles = [(a_face, max(0.2, face["score"]))]
    ratios = [wh["ratio"] for wh in wheels]
    if ratios:
        a_wheel = math.degrees(math.asin(float(np.clip(np.median(ratios), 0, 1))))
        angles.append((a_wheel, 0.8))
        cues["wheel_angle"] = a_wheel
    a_off = sum(a * wt for a, wt in angles) / sum(wt for _a, wt in angles)
    cues["face_angle"] = a_face

    # --- which side: the face's centre left or right of the vehicle's centre
    face_c = (f0 + f1) / 2 / small.shape[1]
    face_left = face_c < 0.5
    if is_rear:
        az = 180 - a_off if not face_left else 180 + a_off
    else:
        az = a_off if face_left else 360 - a_off
    az %= 360

    conf = 0.35 + 0.35 * face["score"]
    if ratios:
        agree = 1 - min(1.0, abs(cues["wheel_angle"] - a_face) / 45)
        conf += 0.2 * agree
    conf += 0.1 * min(1.0, abs(rear_votes) / (0.002 * small.size / 3 + 1e-6))
    if region is None:
        conf *= 0.6
    conf = float(np.clip(conf, 0, 1))

    ev: list[Shape] = []
    ev.append(Shape.box(x + f0 / s, y, (f1 - f0) / s, bh, label="face", role="view_face"))
    for wh in wheels:
        ev.append(Shape("circle", (x + wh["cx"] / s, y + wh["cy"] / s, wh["major"] / 2 / s),
                        label=f"{wh['ratio']:.2f}", role="view_wheel"))
    return ViewEstimate(view_of_azimuth(az), float(az), conf, _plain(cues), ev)


def _plain(v):  # numpy scalars -> floats for JSON
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if hasattr(v, "item"):
        return v.item()
    return v


def judge_view(view: ViewEstimate, kind: str, settings: PhotoSettings) -> Finding:
    """``angle``: a car must be photographed from the front-left at ``car_azimuth_deg``, a
    trailer from the rear-left at ``trailer_azimuth_deg``, each within the tolerance."""
    target = settings.trailer_azimuth_deg if kind == "trailer" else settings.car_azimuth_deg
    tol = settings.azimuth_tolerance_deg
    diff = azimuth_difference(view.azimuth_deg, target)
    want = view_of_azimuth(target)
    details = {"view": view.view, "confidence": view.confidence, "target": target,
               "difference_deg": diff, "cues": view.cues}
    if diff <= tol:
        status, msg = Status.PASS, (f"taken from the {view.view} at about "
                                    f"{view.azimuth_deg:.0f} deg (required {want} "
                                    f"{target:.0f} +/- {tol:.0f})")
    else:
        status, msg = Status.FAIL, (f"taken from the {view.view} (about "
                                    f"{view.azimuth_deg:.0f} deg); required {want} "
                                    f"{target:.0f} +/- {tol:.0f}")
    if view.confidence < settings.min_view_confidence:
        status = Status.REVIEW
        msg += f"; the view estimate is uncertain (confidence {view.confidence:.2f})"
    return Finding("angle", status, round(view.azimuth_deg, 1), [target - tol, target + tol],
                   "deg", msg, list(view.evidence), details)
