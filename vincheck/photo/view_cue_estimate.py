"""The classical plate-free cues' own view estimate (step 1 of :func:`.view.estimate_view`).

Inside the vehicle region scaled to :data:`WORK_WIDTH` px (:mod:`.view_cues` finds them):

- the *face* (front or rear): the widest locally mirror-symmetric band of the vehicle
  (grille / lamps / plate are symmetric about the face's centre line). Its share ``f`` of
  the vehicle's width gives the angle off the end axis: for a box of width W and length L,
  ``f = W cos a / (W cos a + L sin a)``, so ``tan a = (W / L) (1 - f) / f``; in the
  detector's tight box its centre across the box gives the angle through the same pinhole
  car model as the plate (:func:`.view_anchor.angle_from_plate_in_box`);
- *wheels*: dark ellipses low on the flank; their minor/major axis ratio is about
  ``|sin a|`` (a circle seen from the side, a thin line from the front); the near wheel is
  bigger and the face lies beyond the wheels on that side;
- *lamps*: red tail lamps inside the face make it the rear; bright white lamps the front.

They are combined into an azimuth (degrees, 0 = front, 45 = front-left, 90 = left) and a
confidence 0-1, capped at :data:`UNSURE_CONFIDENCE` unless they agree
(:func:`cue_agreement`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from vincheck.photo.azimuth import azimuth_of
from vincheck.photo.vehicle import VehicleRegion
from vincheck.photo.view_anchor import angle_from_plate_in_box
from vincheck.photo.view_cues import find_face, find_lamps, find_wheels

WIDTH_OVER_LENGTH = 0.40  # a saloon: 1.8 m wide, 4.5 m long
WORK_WIDTH = 480  # px: the vehicle region is scaled to this width for the cues
CLEAN_OUTLINE = 0.6  # region score from which the outline counts as clean
UNSURE_CONFIDENCE = 0.35  # the plate-free confidence when the cues do not agree
# with both white and red lamp blobs on the vehicle, red (more specific: white includes
# chrome, glare and white paint) decides the rear from this share of the white area on;
# chosen on half of the end-labelled corpus photos and two thirds of the view photos
RED_OVER_WHITE = 0.7


@dataclass
class CueCrop:
    """The vehicle region of the photo (``box`` x, y, w, h px, clipped), scaled by
    ``scale`` to WORK_WIDTH px wide (``small``, RGB) with its mask when the region has one."""

    box: tuple[int, int, int, int]
    small: np.ndarray
    mask: np.ndarray | None
    scale: float


def cue_crop(rgb: np.ndarray, region: VehicleRegion | None) -> CueCrop:
    """The scaled vehicle region (the whole photo when ``region`` is None)."""
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
    return CueCrop((x, y, bw, bh), small, mask, s)


def cue_agreement(wheel_votes: float | None, face_left: bool, lamp_area: float,
                  area: float) -> dict[str, bool]:
    """Which independent plate-free cues hold: ``lamps`` lamp blobs were found (the end
    and the face side are decided on evidence, ``lamp_area`` / ``area`` px of the scaled
    crop), ``wheels_agree`` tyres were found and put the face on the same side as the
    lamps (``wheel_votes`` > 0: face on the left; None without tyres)."""
    lamps = lamp_area > 0.0008 * area
    agree = wheel_votes is not None and abs(wheel_votes) >= 0.1 and \
        (wheel_votes > 0) == face_left
    return {"lamps": bool(lamps), "wheels_agree": bool(agree)}


def angle_from_face_share(f: float) -> float:
    """Angle off the end axis (deg, 0-90) from the face's share of the vehicle's width."""
    f = float(np.clip(f, 0.02, 1.0))
    return math.degrees(math.atan(WIDTH_OVER_LENGTH * (1 - f) / f))


def side_votes_of(wheels: list[dict], face_centre: float, width: int,
                  cues: dict) -> tuple[float, float | None]:
    """Votes for the face on the picture's left (> 0) and the wheels' share of them (None
    without wheels): the near wheel is bigger and the face lies beyond the wheels on that
    side; the symmetric band's centre (``face_centre``, 0-1 across) adds a little. The
    two wheel votes go into ``cues["wheel_side_votes"]``."""
    side_votes = 0.0
    if len(wheels) >= 2:
        w1, w2 = sorted(wheels[:2], key=lambda d: d["cx"])
        size_vote = (w1["major"] - w2["major"]) / max(w1["major"], w2["major"])
        gap_vote = (w1["cx"] - (width - w2["cx"])) / width
        side_votes = 2.0 * size_vote + 3.0 * gap_vote
        cues["wheel_side_votes"] = [size_vote, gap_vote]
    elif len(wheels) == 1:
        side_votes = 2.0 * (0.5 - wheels[0]["cx"] / width)
    wheel_votes = side_votes if wheels else None
    return side_votes + 0.5 * (0.5 - face_centre) * 2, wheel_votes


def lamp_end(lamps: dict, width: int, area: float, side_votes: float) -> tuple[bool, float]:
    """(face on the left, rear votes: > 0 the rear) from the lamp blobs: head lamps (bright
    white) sit on the front face, tail lamps (red) on the rear face, and a small red
    wrap-around lamp shows at the far end of a front three-quarter view; without lamps the
    side votes decide the side."""
    white_a = sum(a for (_x, _y, a) in lamps["white"])
    red_a = sum(a for (_x, _y, a) in lamps["red"])

    def mean_x(blobs: list) -> float:
        return sum(x * a for (x, _y, a) in blobs) / max(1e-6, sum(a for *_r, a in blobs))

    if white_a > 0.0005 * area:
        if red_a > RED_OVER_WHITE * white_a:
            return mean_x(lamps["red"]) < 0.5 * width, red_a / area * 1000
        return mean_x(lamps["white"]) < 0.5 * width, -white_a / area * 1000
    if red_a > 0.0015 * area:
        return mean_x(lamps["red"]) < 0.5 * width, red_a / area * 1000
    if red_a > 0:
        return mean_x(lamps["red"]) >= 0.5 * width, -0.5  # wrap-around tail lamp, far end
    return side_votes >= 0, 0.0


def cue_estimate(crop: CueCrop, region: VehicleRegion | None) -> tuple[float, float, dict]:
    """(azimuth deg, confidence 0-1, cues) of the classical cues alone."""
    small, boxed = crop.small, region is not None and region.method == "detector"
    face = find_face(small, crop.mask, anchored=boxed)
    wheels = find_wheels(small, crop.mask)
    lamps = find_lamps(small, crop.mask)
    cues: dict = {"face": face, "wheels": wheels, "lamps": lamps}
    W = small.shape[1]
    f0, f1 = face["x0"], face["x1"]
    share = (f1 - f0) / W
    a_face = angle_from_plate_in_box((f0 + f1) / 2 / W) if boxed else \
        angle_from_face_share(share)
    cues["face_angle"] = a_face
    ratios = [wh["ratio"] for wh in wheels]
    side_votes, wheel_votes = side_votes_of(wheels, (f0 + f1) / 2 / W, W, cues)
    area = small.shape[0] * W
    face_left, rear_votes = lamp_end(lamps, W, area, side_votes)
    cues["face_side"] = "left" if face_left else "right"
    cues["end"] = "rear" if rear_votes > 0 else "front"
    # angle off the end axis: wheel ellipses (|sin a|) and the face
    angles = [(a_face, 0.3 + face["score"] if share > 0.6 or not ratios else 0.2)]
    if ratios:
        a_wheel = math.degrees(math.asin(float(np.clip(np.median(ratios), 0, 1))))
        angles.append((a_wheel, 1.0))
        cues["wheel_angle"] = a_wheel
    a_off = sum(a * wt for a, wt in angles) / sum(wt for _a, wt in angles)
    az = azimuth_of(rear_votes > 0, face_left, a_off)
    conf = 0.3 + 0.2 * face["score"]
    if ratios:
        conf += 0.2
        conf += 0.15 * min(1.0, abs(side_votes))
    conf += 0.15 * min(1.0, abs(rear_votes) / (0.001 * small.shape[0] * W + 1e-6))
    if region is None:
        conf *= 0.6
    lamp_area = sum(a for *_r, a in lamps["white"]) + sum(a for *_r, a in lamps["red"])
    agree = cue_agreement(wheel_votes, face_left, lamp_area, area)
    agree["clean_outline"] = bool(region is not None and region.score >= CLEAN_OUTLINE
                                  and not region.cut_off_sides)
    cues["agreement"] = agree
    if not (agree["lamps"] and (agree["wheels_agree"] or agree["clean_outline"])):
        # measured on the painted-out corpus photos: unless lamps were found and either
        # the wheels put the face on the same side as the lamps do or the vehicle's
        # outline is clean (solid mask clear of the frame), the plate-free cues are right
        # no more often than chance, so such an estimate is sent to review
        conf = min(conf, UNSURE_CONFIDENCE)
    return az, float(np.clip(conf, 0, 1)), cues
