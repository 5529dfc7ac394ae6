"""From which side the photo was taken (Annex 1: a car from the front-left at 45 degrees, a
trailer from the rear-left at 45 degrees).

Azimuth = the camera's position around the vehicle, degrees: 0 facing the front face, 45 the
front-left corner, 90 the left flank, 135 rear-left, 180 rear, 225 rear-right, 270 right,
315 front-right.

With a plate, :mod:`.view_anchor` reads the view from the plate's position across and down
the vehicle box (source ``plate``). Without one, :func:`estimate_view` runs three steps,
each recorded in ``cues["steps"]`` (the finding's details):

1. *cues* (:mod:`.view_cue_estimate`): the classical face / wheel / lamp cues' own azimuth
   and confidence (source ``cues`` when no learnt head loads);
2. *head*: the full-turn head (:mod:`.view_turn`, trained on rendered cars at every
   azimuth) reads the azimuth first; when it puts the camera TURN_FROM_DEG or more off the
   vehicle's end axis (an oblique or side view) its azimuth decides (source ``turn``),
   after the lamps' colour on the end face has weighed front against rear (red tail lamps
   or none, :mod:`.view_lamps`: the outline alone does not tell a front-left view from a
   rear-right one), and :func:`judge_view` decides pass / review / fail by the head's
   probability near the required view (TURN_PASS_MASS, TURN_FAIL_MASS), not by its
   confidence in its own reading (a reading between two wrong views is failed, not sent to
   review). Nearer an end, the end head (:mod:`.view_head`, trained on real photos of car
   ends; both read the bundled detector's backbone features of the vehicle crop) gives the
   azimuth and the confidence when its weights load (source ``head``); the cues' own answer is kept
   in the details (``cue_end``, ``cue_face_side``);
3. *vetoes* on the end head's answer: when the cues found lamps and these put the other
   end (front / rear) to the camera (``end_disagreement``), or two wheels look nearly
   round (``side_on_wheels``), the confidence is capped so the ``angle`` finding goes to
   review.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from vincheck.findings import Finding, PlateRead, Shape, Status
from vincheck.photo.azimuth import azimuth_of
from vincheck.photo.vehicle import VehicleRegion
from vincheck.photo.vehicle_anchor import main_plate
from vincheck.photo.view_anchor import view_from_anchor
from vincheck.photo.view_cue_estimate import (
    UNSURE_CONFIDENCE,
    WIDTH_OVER_LENGTH,
    CueCrop,
    cue_crop,
    cue_estimate,
)
from vincheck.photo.view_head import HeadView, ViewHeadError, read_view
from vincheck.photo.view_lamps import band_box, face_on_left, lamp_cue, weigh_ends
from vincheck.photo.view_turn import TurnView, ViewTurnError, read_probs, read_turn
from vincheck.settings import PhotoSettings

VIEWS = ("front", "front-left", "left", "rear-left", "rear", "rear-right", "right",
         "front-right")
# two wheels at least this round (minor/major axis ratio ~ |sin a|) put the camera 53 deg
# or more off the end axis: beyond every angle the view head was trained on (its labels
# reach 34 deg), where it squeezes even a side view into a three-quarter one. No real
# corpus photo (317, all within 34 deg of an end) shows two such wheels.
SIDE_ON_WHEEL_RATIO = 0.8
# from this angle off the end axis (deg) read by the full-turn head (trained on rendered
# cars at every azimuth) it decides; nearer an end the end head (trained on real photos
# of car ends) does. Chosen on EPFL cars 1-8 among 20 / 30 / 40 (benchmarks.photo_epfl)
TURN_FROM_DEG = 30.0
# below this confidence the full-turn head's reading goes to review (its confidence is
# capped at UNSURE_CONFIDENCE) when no vehicle box was found (the whole photo was read);
# with a box the decision rests on the head's probability near the required view
# (judge_view, TURN_PASS_MASS / TURN_FAIL_MASS). Chosen on the EPFL cars
# leave-one-car-out before those; renders only trained the head
TURN_MIN_CONFIDENCE = 0.7
# the full-turn head's probability mass within TURN_MASS_WINDOW_DEG of the required
# azimuth decides a turn reading (judge_view): at least TURN_PASS_MASS for a pass (the
# reading inside the tolerance), at most TURN_FAIL_MASS for a fail (the reading outside
# it), else review. An unsure reading between two wrong views (rear or side) is then
# failed rather than sent to a person. The window is not tuned (the head's own
# confidence window: PEAK_DEG + 5); the two masses were chosen on all 20 EPFL cars
# among 0.5-0.8 and 0.05-0.3 (benchmarks.photo_epfl --loco reports them leave one car
# out); renders only trained the head
TURN_MASS_WINDOW_DEG = 25.0
TURN_PASS_MASS = 0.7
TURN_FAIL_MASS = 0.3
# ... unless the classical cues agree with it within this many degrees with at least this
# confidence (not tuned: the turn head's bins are 10 deg wide; 0.6 is above the 0.45 a view
# needs to pass on its own)
AGREE_DEG = 10.0
AGREE_CONFIDENCE = 0.6


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
    # the full-turn head's bin probabilities (view_turn.BINS, 10 deg each) when its
    # probability near the required view decides (see judge_view), else None
    turn_probs: tuple[float, ...] | None = None


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


def _step(cues: dict, name: str, az: float, conf: float) -> None:
    """Record one step's azimuth (deg) and confidence in ``cues["steps"]``."""
    cues.setdefault("steps", []).append(
        {"step": name, "azimuth_deg": round(float(az), 1), "confidence": round(float(conf), 3)})


def estimate_view(rgb: np.ndarray, region: VehicleRegion | None,
                  settings: PhotoSettings, plates: list[PlateRead] | None = None,
                  use_head: bool = True, head: str = "turn",
                  lamps: bool = True) -> ViewEstimate:
    """Estimate the view of the vehicle in ``region`` (the whole photo when None).

    ``plates`` (optional, from :func:`vincheck.photo.plates.detect_plates`): when one is
    found the view comes from the plate anchor (:mod:`.view_anchor`), else from the steps
    of the module docstring (``use_head=False``: the cues alone). ``head``: "turn" (the
    full-turn head, :mod:`.view_turn`, decides) or "ends" (the end head of
    :mod:`.view_head` alone, as before the full-turn head). ``lamps=False``: the full-turn
    head's reading without the lamp colour's front / rear weighing (:mod:`.view_lamps`),
    as before it."""
    h, w = rgb.shape[:2]
    anchor = main_plate(plates, (w, h))
    if anchor is not None:
        box = region.box if region is not None and region.method == "detector" else None
        az, conf, cues, ev = view_from_anchor(rgb, anchor, box)
        return ViewEstimate(view_of_azimuth(az), az, conf, _plain(cues), ev, "plate")
    crop = cue_crop(rgb, region)
    az, conf, cues = cue_estimate(crop, region)
    _step(cues, "cues", az, conf)
    vbox = region.box if region is not None else (0, 0, w, h)
    turn = _turn_view(rgb, vbox) if use_head and head == "turn" else None
    if turn is not None:
        cues["turn"] = turn.as_dict()
    if turn is not None and off_axis_of(turn.azimuth_deg) >= TURN_FROM_DEG:
        return _turn_decides(turn, crop, cues, region, rgb if lamps else None)
    end_head = _head_view(rgb, vbox) if use_head else None
    if end_head is None:
        x, y, _bw, bh = crop.box
        f0, f1 = cues["face"]["x0"], cues["face"]["x1"]
        ev = [Shape.box(x + f0 / crop.scale, y, (f1 - f0) / crop.scale, bh, label="face",
                        role="view_face")]
        return ViewEstimate(view_of_azimuth(az), float(az), conf, _plain(cues),
                            ev + _wheel_shapes(crop, cues["wheels"]), "cues")
    az, conf = _head_decides(end_head, cues, region)
    az, conf = _veto_end_disagreement(cues, conf, az)
    az, conf = _veto_side_on_wheels(end_head, cues, conf, az)
    ev = [_face_box_of(end_head, crop.box), *_wheel_shapes(crop, cues["wheels"])]
    return ViewEstimate(view_of_azimuth(az), float(az), conf, _plain(cues), ev, "head")


def _keep_cue_answer(cues: dict) -> None:
    """The cues' own end and face side stay in the details as ``cue_end`` and
    ``cue_face_side`` when a head's answer replaces them."""
    cues["cue_end"], cues["cue_face_side"] = cues["end"], cues["face_side"]


def _turn_decides(turn: TurnView, crop: CueCrop, cues: dict,
                  region: VehicleRegion | None, rgb: np.ndarray | None) -> ViewEstimate:
    """Step 2, an oblique or side view: the full-turn head decides (the end head's angle
    stops at the 34 deg its real photos reach). Unless the classical cues confirm its
    reading, the lamps' colour on the end face (``rgb`` given, a vehicle box found) first
    weighs front against rear (:func:`_weigh_by_lamps`)."""
    _keep_cue_answer(cues)
    agree = _cues_agree(cues, turn.azimuth_deg)
    factor = 1.0 if region is not None else 0.6
    _step(cues, "turn", turn.azimuth_deg, turn.confidence * factor)
    lamp_ev: list[Shape] = []
    if rgb is not None and region is not None and not agree:
        turn, lamp_ev = _weigh_by_lamps(rgb, region.box, turn, cues, factor)
    az = turn.azimuth_deg
    conf = turn.confidence * factor
    a = az % 360
    cues["end"] = "rear" if 90 < a < 270 else "front"
    cues["face_side"] = "left" if (0 < a < 90 or 180 < a < 270) else "right"
    probs = None
    if agree:
        pass  # two independent readings agree: the confidence decides as for any view
    elif region is not None:
        probs = turn.probs  # the mass near the required view decides (judge_view)
    elif conf < TURN_MIN_CONFIDENCE:
        conf = min(conf, UNSURE_CONFIDENCE)
        _step(cues, "veto turn_unsure", az, conf)
    x, y, bw, bh = crop.box
    ev = [Shape.box(x, y, bw, bh, label=f"{view_of_azimuth(az)} {az:.0f} deg "
                    f"{turn.confidence:.2f}", role="view_turn"),
          *lamp_ev, *_wheel_shapes(crop, cues["wheels"])]
    return ViewEstimate(view_of_azimuth(az), float(az), float(conf), _plain(cues), ev, "turn",
                        probs)


def _weigh_by_lamps(rgb: np.ndarray, box: tuple[float, float, float, float],
                    turn: TurnView, cues: dict,
                    factor: float = 1.0) -> tuple[TurnView, list[Shape]]:
    """The full-turn reading with front and rear of its outline weighed by the lamps'
    colour in the end face's lamp band (:mod:`.view_lamps`: red tail lamps the rear, none
    the front); the measurement goes to ``cues["lamp_colour"]`` and, when it moved the
    probabilities, a ``lamps`` step (confidence times ``factor``). Returns the new reading
    and the band's box (px) as evidence."""
    face_left = face_on_left(turn.azimuth_deg)
    cue = lamp_cue(rgb, box, face_left)
    cues["lamp_colour"] = cue.as_dict()
    bx, by, bw, bh = band_box(box, face_left)
    ev = [Shape.box(bx, by, bw, bh, label=f"red {100 * cue.red_share:.1f} % -> "
                    f"{cue.as_dict()['says']}", role="view_lamps")]
    if cue.p_rear is None:
        return turn, ev
    weighed = read_probs(weigh_ends(turn.probs, face_left, cue.p_rear))
    _step(cues, "lamps", weighed.azimuth_deg, weighed.confidence * factor)
    return weighed, ev


def mass_near(probs: tuple[float, ...] | np.ndarray, target: float,
              window: float = TURN_MASS_WINDOW_DEG) -> float:
    """The probability (0-1) of the full-turn head's bins whose centres lie within
    ``window`` degrees of azimuth ``target``."""
    p = np.asarray(probs, dtype=float)
    centres = np.arange(len(p)) * (360.0 / len(p))
    d = np.abs((centres - target + 180.0) % 360.0 - 180.0)
    return float(p[d <= window + 1e-6].sum())


def turn_status(view: ViewEstimate, target: float, tol: float,
                pass_mass: float = TURN_PASS_MASS,
                fail_mass: float = TURN_FAIL_MASS) -> tuple[Status, float]:
    """(pass / review / fail, mass near ``target``) of a full-turn reading that carries its
    probabilities: inside the tolerance a pass needs ``pass_mass`` within
    TURN_MASS_WINDOW_DEG of the target, outside it a fail needs at most ``fail_mass``."""
    mass = mass_near(view.turn_probs, target)
    if azimuth_difference(view.azimuth_deg, target) <= tol:
        return (Status.PASS if mass >= pass_mass else Status.REVIEW), mass
    return (Status.FAIL if mass <= fail_mass else Status.REVIEW), mass


def _cues_agree(cues: dict, az: float) -> bool:
    """Whether the classical cues, found apart from the head (face, wheels, lamps), put
    the camera within :data:`AGREE_DEG` of the head's azimuth ``az`` (deg) with at least
    :data:`AGREE_CONFIDENCE`: two independent readings that agree keep an unsure turn
    reading out of review."""
    step = next((s for s in cues.get("steps", []) if s.get("step") == "cues"), None)
    if step is None or step.get("confidence", 0.0) < AGREE_CONFIDENCE:
        return False
    diff = abs((float(step["azimuth_deg"]) - az + 180.0) % 360.0 - 180.0)
    return diff <= AGREE_DEG


def _head_decides(head: HeadView, cues: dict,
                  region: VehicleRegion | None) -> tuple[float, float]:
    """Step 2, near an end: the end head's (azimuth deg, confidence). It reads the view far
    more often right than the classical cues (benchmarks.photo_view --painted); the cues'
    own answer stays in the details."""
    cues["head"] = head.as_dict()
    _keep_cue_answer(cues)
    cues["end"] = "rear" if head.p_rear >= 0.5 else "front"
    cues["face_side"] = "left" if head.p_face_left >= 0.5 else "right"
    az, conf = head.azimuth_deg, head.confidence * (1.0 if region is not None else 0.6)
    _step(cues, "head", az, conf)
    return az, conf


def _veto_end_disagreement(cues: dict, conf: float, az: float) -> tuple[float, float]:
    """Step 3: lamps were found and put the other end to the camera than the end head does:
    the head is then right about half the time (cross-validated on the trained photos 27
    of 41, on the unseen openalpr photos 4 of 22), against about 9 in 10 when they agree;
    a person decides (the confidence is capped)."""
    if cues["agreement"]["lamps"] and cues["cue_end"] != cues["end"]:
        conf = min(conf, UNSURE_CONFIDENCE)
        cues["end_disagreement"] = {"head": cues["end"], "lamps": cues["cue_end"]}
        _step(cues, "veto end_disagreement", az, conf)
    return az, conf


def _veto_side_on_wheels(head: HeadView, cues: dict, conf: float,
                         az: float) -> tuple[float, float]:
    """Step 3: two nearly round wheels put the view beyond the end head's range: the
    wheels' angle replaces the head's, the head's end and face side stay, and a person
    checks (the confidence is capped)."""
    side_on = sorted(wh["ratio"] for wh in cues["wheels"] if wh["ratio"] >= SIDE_ON_WHEEL_RATIO)
    if len(side_on) < 2:
        return az, conf
    a_wheels = math.degrees(math.asin(min(1.0, float(np.median(side_on)))))
    off = max(head.off_axis_deg, a_wheels)
    az = azimuth_of(head.p_rear >= 0.5, head.p_face_left >= 0.5, off)
    conf = min(conf, UNSURE_CONFIDENCE)
    cues["side_on_wheels"] = {"ratios": side_on, "angle_deg": a_wheels}
    _step(cues, "veto side_on_wheels", az, conf)
    return az, conf


def _wheel_shapes(crop: CueCrop, wheels: list[dict]) -> list[Shape]:
    """The wheels found, as circles in input px labelled with their axis ratio."""
    x, y, _bw, _bh = crop.box
    s = crop.scale
    return [Shape("circle", (x + wh["cx"] / s, y + wh["cy"] / s, wh["major"] / 2 / s),
                  label=f"{wh['ratio']:.2f}", role="view_wheel") for wh in wheels]


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
    unsure = view.confidence < settings.min_view_confidence
    if view.turn_probs is not None:
        status, mass = turn_status(view, target, tol)
        details["mass_near_target"] = round(mass, 3)
        unsure = status is Status.REVIEW
        if unsure:
            msg += f"; the view estimate is uncertain (confidence {mass:.2f})"
    elif unsure:
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
    if not unsure and kind == "trailer" and view.source in ("head", "turn"):
        # the head learnt from cars and trucks seen from their ends; no trailer was among
        # its photos, so its answer on a trailer is shown but not trusted
        status = Status.REVIEW
        msg += "; the learnt view head has not been trained on trailers"
    return Finding("angle", status, round(view.azimuth_deg, 1), [target - tol, target + tol],
                   "deg", msg, list(view.evidence), details)
