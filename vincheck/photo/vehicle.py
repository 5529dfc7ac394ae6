"""Where the vehicle is in the exterior photo and how much of the picture it fills.

The vehicle is found by the shipped COCO detector (:mod:`.vehicle_detector`, NanoDet):
the main vehicle is the large, centred car / truck / bus / motorcycle box
(:mod:`.vehicle_detected`, preferring the box that holds the main licence plate); its box
gives the fill ratio (box area / picture area) and a side counts as cut off when the box
reaches the frame there. GrabCut inside the box gives the vehicle mask (pixel share: the
fill's alternative reading, and the region the colour and view cues use).

Fallbacks when the detector finds no vehicle: the box estimated from the licence plate
(:mod:`.vehicle_anchor`) when a plate was read, else classical segmentation on a
downscaled copy (max side 240 px): GrabCut initialised from a centre prior and a
background colour model learnt from the picture's border, with the ground in the cast
shadow removed (:mod:`.vehicle_shadow`). ``VehicleRegion.method`` says which was used and
the ``fill_ratio`` finding reports it.

Rule codes: ``fill_ratio`` (Annex 1: the vehicle occupies about 2/3 of the photo) and
``vehicle_cut_off`` (the vehicle must be wholly in the picture).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from vincheck.errors import UnreadableImageError
from vincheck.findings import Finding, PlateRead, Shape, Status
from vincheck.photo.vehicle_anchor import box_from_anchor, main_plate
from vincheck.photo.vehicle_detected import (
    frame_sides,
    grabcut_foreground,
    main_detection,
    mask_in_box,
)
from vincheck.photo.vehicle_detector import Detection, detect_vehicles
from vincheck.photo.vehicle_shadow import shadow_mask, strip_shadow
from vincheck.settings import PhotoSettings

WORK_SIDE = 240  # px: longest side of the working copy
MASK_SIDE = 120  # px: longest side of the copy the mask inside a detected box is cut on
SIDES = ("left", "right", "top", "bottom")
ANCHOR_SCORE = 0.6  # outline score of a box estimated from the plate anchor
BORDER_LIKE = 0.08  # objectness below which a pixel has a border (background) colour
TOUCH_SHARE = 0.08  # share of a side the mask must run along to count as cut off
METHODS = ("detector", "plate_anchor", "segmentation")


@dataclass
class VehicleRegion:
    """The main vehicle: box (x, y, w, h px of the input image), fill shares, sides where it
    touches the frame, a score 0-1, the mask (bool, input size) when one exists, how it
    was found (one of METHODS) and the detector's class name and score when it was."""

    box: tuple[float, float, float, float]
    fill_bbox: float
    fill_mask: float | None
    cut_off_sides: list[str]
    score: float
    mask: np.ndarray | None = None
    method: str = "segmentation"
    label: str | None = None
    detector_score: float | None = None


def _check_rgb(rgb: np.ndarray) -> None:
    if not isinstance(rgb, np.ndarray) or rgb.ndim != 3 or rgb.shape[2] != 3:
        raise UnreadableImageError("the photo must be an RGB image (height x width x 3)")
    if min(rgb.shape[:2]) < 32:
        raise UnreadableImageError(f"the photo is too small ({rgb.shape[1]}x{rgb.shape[0]} px)")


def _work_copy(rgb: np.ndarray, side: int = WORK_SIDE) -> tuple[np.ndarray, float]:
    """A copy scaled to ``side`` px on its longest side (never up) and the scale."""
    h, w = rgb.shape[:2]
    s = min(1.0, side / max(h, w))
    small = cv2.resize(rgb, (max(1, round(w * s)), max(1, round(h * s))),
                       interpolation=cv2.INTER_AREA) if s < 1 else rgb.copy()
    return small, s


def _border_pixels(lab: np.ndarray) -> np.ndarray:
    """Lab pixels that are background in a normal vehicle photo: the top and bottom strips
    and the upper / lower parts of the side strips (a vehicle at 2/3 fill spans almost the
    whole width, so the side strips at its height are not background)."""
    h, w = lab.shape[:2]
    b = max(2, round(0.03 * min(h, w)))
    top, bot = round(0.3 * h), round(0.85 * h)
    parts = [lab[:b], lab[-b:], lab[:top, :b], lab[:top, -b:], lab[bot:, :b], lab[bot:, -b:]]
    return np.concatenate([p.reshape(-1, 3) for p in parts])


def _objectness(small: np.ndarray) -> np.ndarray:
    """0-1 map: how unlike the background (picture border) each pixel is, mixed with edge
    density, times a soft centre prior."""
    h, w = small.shape[:2]
    lab = cv2.cvtColor(small, cv2.COLOR_RGB2LAB).astype(np.float32)
    border = _border_pixels(lab)
    crit = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 15, 1.0)
    cv2.setRNGSeed(11)  # deterministic centres
    _, _, centers = cv2.kmeans(border, 10, None, crit, 1, cv2.KMEANS_PP_CENTERS)
    wl = np.array([0.6, 1.0, 1.0], np.float32)  # lightness counts less: shadows, shading
    diff = (lab[:, :, None, :] - centers[None, None]) * wl
    d = np.min(np.linalg.norm(diff, axis=3), axis=2)
    d = np.clip((d - 5.0) / 25.0, 0, 1)
    gray = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY)
    edges = cv2.Canny(gray, 50, 150).astype(np.float32) / 255
    ed = cv2.blur(edges, (7, 7))
    ed = np.clip(ed / 0.2, 0, 1)
    ys, xs = np.mgrid[0:h, 0:w]
    prior = np.exp(-(((xs - w / 2) / (0.6 * w)) ** 2 + ((ys - 0.55 * h) / (0.6 * h)) ** 2))
    return np.clip(np.maximum(d, 0.8 * ed) * (0.6 + 0.4 * prior), 0, 1)


def _segment(small: np.ndarray, shadow: np.ndarray) -> np.ndarray | None:
    """Foreground mask (bool, work size) of the main object, or None.

    GrabCut initialised from two priors: the photographer centres the vehicle (a definite
    core and a probable ellipse around the picture's centre, slightly below the middle)
    and the picture's border shows the background (the top strip, the upper side strips
    and every pixel whose colour matches a border colour are background). ``shadow``:
    ground in shadow, never a probable foreground. The component under the centre wins."""
    h, w = small.shape[:2]
    obj = _objectness(small)
    ys, xs = np.mgrid[0:h, 0:w]
    mask = np.full((h, w), cv2.GC_PR_BGD, np.uint8)
    ell = ((xs - w / 2) / (0.42 * w)) ** 2 + ((ys - 0.55 * h) / (0.42 * h)) ** 2
    mask[ell < 1] = cv2.GC_PR_FGD
    mask[obj < BORDER_LIKE] = cv2.GC_BGD
    b = max(2, round(0.04 * min(h, w)))
    mask[:b] = cv2.GC_BGD
    upper = ys < 0.5 * h
    mask[:, :b][upper[:, :b]] = cv2.GC_BGD
    mask[:, -b:][upper[:, -b:]] = cv2.GC_BGD
    core = (np.abs(xs - w / 2) < 0.18 * w) & (np.abs(ys - 0.55 * h) < 0.14 * h)
    mask[core & (obj >= BORDER_LIKE)] = cv2.GC_FGD
    mask[shadow & (mask == cv2.GC_PR_FGD)] = cv2.GC_PR_BGD
    fg = grabcut_foreground(small, mask, 2)
    if fg is None:
        return None
    joined = close_inside(fg, max(3, round(0.04 * w)) | 1)
    n, lab, stats, _ = cv2.connectedComponentsWithStats(joined, 8)
    if n <= 1:
        return None
    centre = lab[int(0.45 * h):int(0.65 * h), int(0.4 * w):int(0.6 * w)].ravel()
    centre = centre[centre > 0]
    main = int(np.bincount(centre).argmax()) if len(centre) else \
        int(np.argmax(stats[1:, cv2.CC_STAT_AREA])) + 1
    if stats[main, cv2.CC_STAT_AREA] < 0.01 * h * w:
        return None
    return _holes(lab == main)


def close_inside(binary: np.ndarray, k: int) -> np.ndarray:
    """Morphological closing (k x k px) that treats the outside of the frame as empty:
    OpenCV's default border would glue anything within k/2 px to the frame edge."""
    p = k
    padded = cv2.copyMakeBorder(binary.astype(np.uint8), p, p, p, p, cv2.BORDER_CONSTANT,
                                value=0)
    closed = cv2.morphologyEx(padded, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    return closed[p:-p, p:-p]


def _holes(binary: np.ndarray) -> np.ndarray:
    """The binary mask with its interior holes filled (windows, a dark grille)."""
    filled = binary.astype(np.uint8) * 255
    cnts, _ = cv2.findContours(filled, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    cv2.drawContours(filled, cnts, -1, 255, -1)
    return filled > 0


def locate_vehicle(rgb: np.ndarray, settings: PhotoSettings,
                   plates: list[PlateRead] | None = None,
                   detections: list[Detection] | None = None) -> VehicleRegion | None:
    """Find the main vehicle in an RGB photo; None when nothing vehicle-like stands out.

    ``plates`` (optional, from :func:`vincheck.photo.plates.detect_plates`): the main
    plate marks which detected vehicle is the photographed one and, when the detector
    finds none, gives the box from the plate anchor (:mod:`.vehicle_anchor`).
    ``detections``: the detector's vehicle boxes when the caller already has them (else
    the detector runs here)."""
    _check_rgb(rgb)
    h, w = rgb.shape[:2]
    anchor = main_plate(plates, (w, h))
    if detections is None:
        detections = detect_vehicles(rgb)
    det = main_detection(detections, (w, h),
                         None if anchor is None else (anchor.cx, anchor.cy))
    if det is not None:
        return _region_from_detection(rgb, det)
    if anchor is not None:
        box, cut = box_from_anchor(anchor, (w, h))
        return VehicleRegion(box=box, fill_bbox=float(box[2] * box[3] / (w * h)),
                             fill_mask=None, cut_off_sides=cut, score=ANCHOR_SCORE,
                             method="plate_anchor")
    small, s = _work_copy(rgb)
    shadow = shadow_mask(small)
    fg = _segment(small, shadow)
    if fg is None:
        return None
    fg = strip_shadow(fg, shadow)
    return _region_from_mask(fg, s, (w, h))


def detection_score_to_region(score: float) -> float:
    """Region score 0-1 of a detector box with class score ``score``: a box the detector
    reports at all (>= 0.3) counts as a clean outline (>= 0.55), rising with the score."""
    return float(np.clip(0.55 + 0.5 * (score - 0.3), 0.0, 1.0))


def _region_from_detection(rgb: np.ndarray, det: Detection) -> VehicleRegion:
    """Box, fills, cut-off sides, score and mask from the main detection."""
    h, w = rgb.shape[:2]
    x, y, bw, bh = det.box
    small, s = _work_copy(rgb, MASK_SIDE)
    sh, sw = small.shape[:2]
    sbox = (int(np.clip(round(x * s), 0, sw)), int(np.clip(round(y * s), 0, sh)),
            int(np.clip(round((x + bw) * s), 0, sw)), int(np.clip(round((y + bh) * s), 0, sh)))
    fg = mask_in_box(small, sbox, shadow_mask(small))
    mask, fill_mask = None, None
    cut = frame_sides(det.box, (w, h))
    if fg is not None:
        fill_mask = float(fg.mean())
        mask = cv2.resize(fg.astype(np.uint8), (w, h), interpolation=cv2.INTER_NEAREST) > 0
        # the box reaching the frame is confirmed by vehicle pixels running along it (a
        # loose box edge next to a whole vehicle is no cut)
        touching = touching_sides(fg)
        cut = [side for side in cut if side in touching]
    return VehicleRegion(box=(float(x), float(y), float(bw), float(bh)),
                         fill_bbox=float(bw * bh / (w * h)), fill_mask=fill_mask,
                         cut_off_sides=cut,
                         score=detection_score_to_region(det.score), mask=mask,
                         method="detector", label=det.label, detector_score=det.score)


def touching_sides(fg: np.ndarray) -> list[str]:
    """Sides of the frame the mask runs into: a run of foreground along the outermost
    2 px covering at least TOUCH_SHARE of that side (corners excluded: a rounded print
    corner or a stray pixel is no cut)."""
    sh, sw = fg.shape
    out = []
    for side, line, n in (("left", fg[:, :2].any(1), sh), ("right", fg[:, -2:].any(1), sh),
                          ("top", fg[:2, :].any(0), sw), ("bottom", fg[-2:, :].any(0), sw)):
        c = max(1, round(0.04 * n))
        if _longest_run(line[c:n - c]) >= TOUCH_SHARE * n:
            out.append(side)
    return out


def _longest_run(line: np.ndarray) -> int:
    best = run = 0
    for v in line:
        run = run + 1 if v else 0
        best = max(best, run)
    return best


def _region_from_mask(fg: np.ndarray, s: float, size: tuple[int, int]) -> VehicleRegion:
    """Box, fills, cut-off sides and score of a work-size mask (``s``: work / input)."""
    w, h = size
    ys, xs = np.nonzero(fg)
    x0, x1 = xs.min(), xs.max() + 1
    y0, y1 = ys.min(), ys.max() + 1
    box = (x0 / s, y0 / s, (x1 - x0) / s, (y1 - y0) / s)
    box = (max(0.0, box[0]), max(0.0, box[1]), min(box[2], w - box[0]), min(box[3], h - box[1]))
    cut = touching_sides(fg)
    fill_mask = float(fg.mean())
    fill_bbox = float(box[2] * box[3] / (w * h))
    solidity = fg.sum() / max(1, (x1 - x0) * (y1 - y0))
    score = float(np.clip(0.3 + 0.7 * solidity, 0, 1))
    if len(cut) >= 3 or fill_bbox > 0.97:
        score = min(score, 0.3)  # the whole picture: no outline was found
    mask = cv2.resize(fg.astype(np.uint8), (w, h), interpolation=cv2.INTER_NEAREST) > 0
    return VehicleRegion(box=box, fill_bbox=fill_bbox, fill_mask=fill_mask,
                         cut_off_sides=cut, score=score, mask=mask)


def judge_vehicle(region: VehicleRegion | None, image_size: tuple[int, int],
                  settings: PhotoSettings) -> list[Finding]:
    """Findings ``fill_ratio`` and ``vehicle_cut_off``. ``image_size`` = (width, height) px."""
    lo, hi = settings.min_fill_ratio, settings.max_fill_ratio
    if region is None:
        msg = "no vehicle could be located in the photo"
        return [Finding("fill_ratio", Status.REVIEW, None, [lo, hi], "ratio", msg),
                Finding("vehicle_cut_off", Status.REVIEW, None, [], "", msg)]
    x, y, w, h = region.box
    name = region.label or "vehicle"
    ev = [Shape.box(x, y, w, h, label=f"{name} {region.fill_bbox:.2f} ({region.method})",
                    role="vehicle")]
    ok = lo <= region.fill_bbox <= hi
    if ok:
        status = Status.PASS
        msg = f"the vehicle fills {region.fill_bbox:.0%} of the photo (window {lo:.0%}-{hi:.0%})"
    else:
        status = Status.FAIL
        how = "too little" if region.fill_bbox < lo else "too much"
        msg = (f"the vehicle fills {how} of the photo: {region.fill_bbox:.0%} "
               f"(window {lo:.0%}-{hi:.0%})")
    if region.score < 0.45:
        status = Status.REVIEW
        msg += "; the vehicle outline is uncertain"
    fill = Finding("fill_ratio", status, region.fill_bbox, [lo, hi], "ratio", msg, ev,
                   {"fill_mask": region.fill_mask, "score": region.score,
                    "image_size": list(image_size), "method": region.method,
                    "detector_class": region.label,
                    "detector_score": None if region.detector_score is None
                    else round(region.detector_score, 3)})
    if region.cut_off_sides:
        cut = Finding("vehicle_cut_off", Status.FAIL, list(region.cut_off_sides), [], "",
                      "the vehicle is cut off by the frame at the "
                      + ", ".join(region.cut_off_sides), ev)
    else:
        cut = Finding("vehicle_cut_off", Status.PASS, [], [], "",
                      "the whole vehicle is inside the picture", ev)
    return [fill, cut]
