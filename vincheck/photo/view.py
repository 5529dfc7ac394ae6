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

Without a plate the full-turn head (:mod:`.view_turn`, trained on rendered cars at every
azimuth) reads the azimuth first; when it puts the camera TURN_FROM_DEG or more off the
vehicle's end axis (an oblique or side view) its azimuth and confidence decide (source
``turn``). Nearer an end, the end head (:mod:`.view_head`, trained on real photos of car
ends; both read the bundled detector's backbone features of the vehicle crop) gives the
azimuth and the confidence when its weights load (source ``head``);
the classical cues' own answer is kept in the details (``cue_end``, ``cue_face_side``).
When the cues found lamps and these put the other end (front / rear) to the camera, the
estimate is marked uncertain (``end_disagreement``) and the ``angle`` finding goes to review.

With the detector's tight vehicle box (``region.method == "detector"``) the face is
searched only among bands that reach one edge of the box (seen from a corner, the face
runs from the box edge to the near corner) and its centre across the box gives the angle
through the same pinhole car model as the plate (:func:`.view_anchor.angle_from_plate_in_box`).
With a plate, :mod:`.view_anchor` uses the plate's position across and down that box.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import cv2
import numpy as np

from vincheck.findings import Finding, PlateRead, Shape, Status
from vincheck.photo.azimuth import azimuth_of
from vincheck.photo.vehicle import VehicleRegion
from vincheck.photo.vehicle_anchor import main_plate
from vincheck.photo.view_anchor import angle_from_plate_in_box, view_from_anchor
from vincheck.photo.view_cues import find_face, find_lamps, find_wheels
from vincheck.photo.view_head import HeadView, ViewHeadError, read_view
from vincheck.photo.view_turn import TurnView, ViewTurnError, read_turn
from vincheck.settings import PhotoSettings

VIEWS = ("front", "front-left", "left", "rear-left", "rear", "rear-right", "right",
         "front-right")
WIDTH_OVER_LENGTH = 0.40  # a saloon: 1.8 m wide, 4.5 m long
WORK_WIDTH = 480  # px: the vehicle region is scaled to this width for the cues
CLEAN_OUTLINE = 0.6  # region score from which the outline counts as clean
UNSURE_CONFIDENCE = 0.35  # the plate-free confidence when the cues do not agree
# with both white and red lamp blobs on the vehicle, red (more specific: white includes
# chrome, glare and white paint) decides the rear from this share of the white area on;
# chosen on half of the end-labelled corpus photos and two thirds of the view photos
RED_OVER_WHITE = 0.7
# two wheels at least this round (minor/major axis ratio ~ |sin a|) put the camera 53 deg
# or more off the end axis: beyond every angle the view head was trained on (its labels
# reach 34 deg), where it squeezes even a side view into a three-quarter one. No real
# corpus photo (317, all within 34 deg of an end) shows two such wheels.
SIDE_ON_WHEEL_RATIO = 0.8
# from this angle off the end axis (deg) read by the full-turn head (trained on rendered
# cars at every azimuth) it decides; nearer an end the end head (trained on real photos
# of car ends) does. Chosen on EPFL cars 1-8 among 20 / 30 / 40 (benchmarks.photo_epfl)
TURN_FROM_DEG = 30.0


@dataclass
class ViewEstimate:
    """The estimated view class, azimuth (deg), confidence 0-1, the cue values, the shapes
    (input px) that show them and what decided: ``plate`` (the plate anchor), ``head`` (the
    learnt view head) or ``cues`` (the classical cues alone)."""

    view: str
    azimuth_deg: float
    confidence: float
    cues: dict = field(default_factory=dict)
    evidence: list[Shape] = field(default_factory=list)
    source: str = "cues"


def view_of_azimuth(az: float) -> str:
    """The 8-class view name of an azimuth in degrees."""
    return VIEWS[int(((az % 360) + 22.5) // 45) % 8]


def off_axis_of(az: float) -> float:
    """Degrees between the camera and the vehicle's end axis (0-90) at azimuth ``az``."""
    a = az % 180
    return min(a, 180 - a)


def azimuth_difference(a: float, b: float) -> float:
    """Smallest absolute difference of two angles, degrees (0-180)."""
    d = abs((a - b) % 360)
    return min(d, 360 - d)


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


def _angle_from_face_share(f: float) -> float:
    """Angle off the end axis (deg, 0-90) from the face's share of the vehicle's width."""
    f = float(np.clip(f, 0.02, 1.0))
    return math.degrees(math.atan(WIDTH_OVER_LENGTH * (1 - f) / f))


def estimate_view(rgb: np.ndarray, region: VehicleRegion | None,
                  settings: PhotoSettings, plates: list[PlateRead] | None = None,
                  use_head: bool = True, head: str = "turn") -> ViewEstimate:
    """Estimate the view of the vehicle in ``region`` (the whole photo when None).

    ``plates`` (optional, from :func:`vincheck.photo.plates.detect_plates`): when one is
    found the view comes from the plate anchor (:mod:`.view_anchor`), else from the
    learnt view head (:mod:`.view_head`) with the classical face / wheel / lamp cues of the
    region in the details (``use_head=False``: the cues alone). ``head``: "turn" (the
    full-turn head, :mod:`.view_turn`, decides) or "ends" (the end head of
    :mod:`.view_head` alone, as before the full-turn head)."""
    h, w = rgb.shape[:2]
    anchor = main_plate(plates, (w, h))
    if anchor is not None:
        box = region.box if region is not None and region.method == "detector" else None
        az, conf, cues, ev = view_from_anchor(rgb, anchor, box)
        return ViewEstimate(view_of_azimuth(az), az, conf, _plain(cues), ev, "plate")
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

    boxed = region is not None and region.method == "detector"
    face = find_face(small, mask, anchored=boxed)
    wheels = find_wheels(small, mask)
    lamps = find_lamps(small, mask)
    cues: dict = {"face": face, "wheels": wheels, "lamps": lamps}

    W = small.shape[1]
    f0, f1 = face["x0"], face["x1"]
    share = (f1 - f0) / W
    # in a tight (detected) box the face's centre across the box gives the angle through
    # the same pinhole car model as the plate; else its share of the region's width does
    a_face = angle_from_plate_in_box((f0 + f1) / 2 / W) if boxed else \
        _angle_from_face_share(share)
    cues["face_angle"] = a_face
    ratios = [wh["ratio"] for wh in wheels]
    # --- which side the face is on: wheels first (the near wheel is bigger and the face lies
    # beyond the wheels on that side), else the symmetric band's position
    side_votes = 0.0
    wheel_votes: float | None = None
    if len(wheels) >= 2:
        w1, w2 = sorted(wheels[:2], key=lambda d: d["cx"])
        size_vote = (w1["major"] - w2["major"]) / max(w1["major"], w2["major"])
        gap_vote = (w1["cx"] - (W - w2["cx"])) / W
        side_votes = 2.0 * size_vote + 3.0 * gap_vote
        cues["wheel_side_votes"] = [size_vote, gap_vote]
    elif len(wheels) == 1:
        side_votes = 2.0 * (0.5 - wheels[0]["cx"] / W)
    if wheels:
        wheel_votes = side_votes
    face_c = (f0 + f1) / 2 / W
    side_votes += 0.5 * (0.5 - face_c) * 2
    # --- lamps decide the end and, when present, the side: head lamps (bright white) sit on
    # the front face; tail lamps (red) on the rear face, and a small red wrap-around lamp
    # shows at the far end of a front three-quarter view
    area = small.shape[0] * W
    white_a = sum(a for (_x, _y, a) in lamps["white"])
    red_a = sum(a for (_x, _y, a) in lamps["red"])

    def mean_x(blobs: list) -> float:
        return sum(x * a for (x, _y, a) in blobs) / max(1e-6, sum(a for *_r, a in blobs))

    rear_votes = 0.0
    if white_a > 0.0005 * area:
        face_left = mean_x(lamps["white"]) < 0.5 * W
        rear_votes = -white_a / area * 1000
        if red_a > RED_OVER_WHITE * white_a:
            face_left = mean_x(lamps["red"]) < 0.5 * W
            rear_votes = red_a / area * 1000
    elif red_a > 0.0015 * area:
        face_left = mean_x(lamps["red"]) < 0.5 * W
        rear_votes = red_a / area * 1000
    elif red_a > 0:
        face_left = mean_x(lamps["red"]) >= 0.5 * W  # wrap-around tail lamp at the far end
        rear_votes = -0.5
    else:
        face_left = side_votes >= 0
    is_rear = rear_votes > 0
    cues["face_side"] = "left" if face_left else "right"
    cues["end"] = "rear" if is_rear else "front"
    # --- angle off the end axis: wheel ellipses (|sin a|) and the face share
    angles = [(a_face, 0.3 + face["score"] if share > 0.6 or not ratios else 0.2)]
    if ratios:
        a_wheel = math.degrees(math.asin(float(np.clip(np.median(ratios), 0, 1))))
        angles.append((a_wheel, 1.0))
        cues["wheel_angle"] = a_wheel
    a_off = sum(a * wt for a, wt in angles) / sum(wt for _a, wt in angles)
    az = azimuth_of(is_rear, face_left, a_off)

    conf = 0.3 + 0.2 * face["score"]
    if ratios:
        conf += 0.2
        conf += 0.15 * min(1.0, abs(side_votes))
    conf += 0.15 * min(1.0, abs(rear_votes) / (0.001 * small.shape[0] * W + 1e-6))
    if region is None:
        conf *= 0.6
    agree = cue_agreement(wheel_votes, face_left, white_a + red_a, area)
    agree["clean_outline"] = bool(region is not None and region.score >= CLEAN_OUTLINE
                                  and not region.cut_off_sides)
    cues["agreement"] = agree
    if not (agree["lamps"] and (agree["wheels_agree"] or agree["clean_outline"])):
        # measured on the painted-out corpus photos: unless lamps were found and either
        # the wheels put the face on the same side as the lamps do or the vehicle's
        # outline is clean (solid mask clear of the frame), the plate-free cues are right
        # no more often than chance, so such an estimate is sent to review
        conf = min(conf, UNSURE_CONFIDENCE)
    conf = float(np.clip(conf, 0, 1))

    ev: list[Shape] = []
    vbox = region.box if region is not None else (0, 0, w, h)
    turn = _turn_view(rgb, vbox) if use_head and head == "turn" else None
    if turn is not None:
        cues["turn"] = turn.as_dict()
    if turn is not None and off_axis_of(turn.azimuth_deg) >= TURN_FROM_DEG:
        # an oblique or side view: the full-turn head decides (the end head's angle stops
        # at the 34 deg its real photos reach)
        cues["cue_end"], cues["cue_face_side"] = cues["end"], cues["face_side"]
        az = turn.azimuth_deg
        conf = turn.confidence * (1.0 if region is not None else 0.6)
        a = az % 360
        cues["end"] = "rear" if 90 < a < 270 else "front"
        cues["face_side"] = "left" if (0 < a < 90 or 180 < a < 270) else "right"
        ev.append(Shape.box(x, y, bw, bh, label=f"{view_of_azimuth(az)} "
                            f"{az:.0f} deg {turn.confidence:.2f}", role="view_turn"))
        for wh in wheels:
            ev.append(Shape("circle", (x + wh["cx"] / s, y + wh["cy"] / s, wh["major"] / 2 / s),
                            label=f"{wh['ratio']:.2f}", role="view_wheel"))
        return ViewEstimate(view_of_azimuth(az), float(az), float(conf), _plain(cues), ev,
                            "turn")
    head = _head_view(rgb, vbox) if use_head else None
    if head is not None:
        # the learnt head reads the view far more often right than the classical cues
        # (benchmarks.photo_view --painted); the cues' own answer stays in the details
        cues["head"] = head.as_dict()
        cues["cue_end"], cues["cue_face_side"] = cues["end"], cues["face_side"]
        cues["end"] = "rear" if head.p_rear >= 0.5 else "front"
        cues["face_side"] = "left" if head.p_face_left >= 0.5 else "right"
        az, conf = head.azimuth_deg, head.confidence * (1.0 if region is not None else 0.6)
        if agree["lamps"] and cues["cue_end"] != cues["end"]:
            # lamps were found and put the other end to the camera than the head does:
            # the head is then right about half the time (cross-validated on the trained
            # photos 27 of 41, on the unseen openalpr photos 4 of 22), against about 9
            # in 10 when they agree; a person decides
            conf = min(conf, UNSURE_CONFIDENCE)
            cues["end_disagreement"] = {"head": cues["end"], "lamps": cues["cue_end"]}
        side_on = sorted(wh["ratio"] for wh in wheels if wh["ratio"] >= SIDE_ON_WHEEL_RATIO)
        if len(side_on) >= 2:
            # the head's angle is out of its range here: the wheels' angle replaces it, the
            # head's end and face side stay, and a person checks
            a_wheels = math.degrees(math.asin(min(1.0, float(np.median(side_on)))))
            off = max(head.off_axis_deg, a_wheels)
            az = azimuth_of(head.p_rear >= 0.5, head.p_face_left >= 0.5, off)
            conf = min(conf, UNSURE_CONFIDENCE)
            cues["side_on_wheels"] = {"ratios": side_on, "angle_deg": a_wheels}
        ev.append(_face_box_of(head, (x, y, bw, bh)))
    else:
        ev.append(Shape.box(x + f0 / s, y, (f1 - f0) / s, bh, label="face", role="view_face"))
    for wh in wheels:
        ev.append(Shape("circle", (x + wh["cx"] / s, y + wh["cy"] / s, wh["major"] / 2 / s),
                        label=f"{wh['ratio']:.2f}", role="view_wheel"))
    return ViewEstimate(view_of_azimuth(az), float(az), conf, _plain(cues), ev,
                        "head" if head is not None else "cues")


def _head_view(rgb: np.ndarray, box: tuple[float, float, float, float]) -> HeadView | None:
    """The learnt head's view of the vehicle in ``box`` (px); None when its weights are
    missing or damaged (the classical cues then decide alone)."""
    try:
        return read_view(rgb, box)
    except ViewHeadError:
        return None


def _turn_view(rgb: np.ndarray, box: tuple[float, float, float, float]) -> TurnView | None:
    """The full-turn head's view of the vehicle in ``box`` (px); None when its weights are
    missing or damaged (the end head and the cues then decide)."""
    try:
        return read_turn(rgb, box)
    except ViewTurnError:
        return None


def _face_box_of(head: HeadView, box: tuple[float, float, float, float]) -> Shape:
    """Where the head puts the visible face (front or rear) inside the vehicle box (px): on
    its side of the box, as wide as a 1.8 m x 4.5 m car's face appears at the angle read."""
    x, y, bw, bh = box
    a = math.radians(head.off_axis_deg)
    share = math.cos(a) / (math.cos(a) + math.sin(a) / WIDTH_OVER_LENGTH)
    fw = bw * share
    fx = x if head.p_face_left >= 0.5 else x + bw - fw
    end = "rear" if head.p_rear >= 0.5 else "front"
    return Shape.box(fx, y, fw, bh, label=f"{end} face {head.confidence:.2f}",
                     role="view_face")


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
               "difference_deg": diff, "cues": view.cues, "source": view.source}
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
        cues = view.cues if isinstance(view.cues, dict) else {}
        side_on = cues.get("side_on_wheels")
        if side_on:
            msg += (f"; two wheels look nearly round (axis ratio "
                    f"{min(side_on['ratios']):.2f} or more), so the camera may stand "
                    f"{side_on['angle_deg']:.0f} deg or more off the vehicle's end axis")
        ends = cues.get("end_disagreement")
        if ends:
            msg += (f"; the learnt view head sees the {ends['head']} but the lamps point "
                    f"to the {ends['lamps']}")
    elif kind == "trailer" and view.source in ("head", "turn"):
        # the head learnt from cars and trucks seen from their ends; no trailer was among
        # its photos, so its answer on a trailer is shown but not trusted
        status = Status.REVIEW
        msg += "; the learnt view head has not been trained on trailers"
    return Finding("angle", status, round(view.azimuth_deg, 1), [target - tol, target + tol],
                   "deg", msg, list(view.evidence), details)
