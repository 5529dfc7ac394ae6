"""Licence plates anywhere in the exterior photo (Annex 1: no number plate may be mounted).

Candidates come from two offline sources on a downscaled copy (max side
:data:`DETECT_SIDE` px): the PP-OCR text detector shipped in the ``rapidocr`` wheel, and
plate-coloured rectangles (blue, yellow, new-energy green) of plate aspect. Each candidate
is rectified from the full-resolution image and read by the PP-OCR recogniser; its score
(0-1) combines the text (a Chinese plate pattern, or 5-8 letters and digits), the plate
colour behind it (blue/yellow/green/white/black with contrasting characters), the aspect
(440x140 mm = 3.1:1, 480x140 = 3.4:1, EU 520x110 = 4.7:1, two-row 440x220 = 2:1) and the
character texture. A blank plate holder (a coloured rectangle without characters) scores
low; a shop sign in letters only scores low.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import cv2
import numpy as np

from vincheck.errors import UnreadableImageError
from vincheck.findings import Finding, PlateRead, Shape, Status
from vincheck.photo.plate_color import plate_colour, plate_colour_masks
from vincheck.settings import PhotoSettings

DETECT_SIDE = 800  # px: longest side of the copy the text detector sees
MAX_READS = 10  # candidates recognised per photo (each ~15-25 ms)
REC_HEIGHT = 48  # px: height of the rectified crop given to the recogniser

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
CN_PLATE = re.compile(rf"^[{PROVINCES}][A-Z][A-Z0-9]{{4,6}}[挂学警港澳领使]?$")
CN_PLATE_NO_PROVINCE = re.compile(r"^[A-Z][A-Z0-9]{4,6}[挂学警港澳]?$")
GENERIC = re.compile(r"^[A-Z0-9]{4,9}$")

_det_lock = threading.Lock()


@dataclass
class _Candidate:
    quad: np.ndarray  # 4x2 float, full-resolution px, TL TR BR BL
    source: str  # "text" | "colour"
    det_score: float = 0.0
    colour_hint: str = ""


def _check_rgb(rgb: np.ndarray) -> None:
    if not isinstance(rgb, np.ndarray) or rgb.ndim != 3 or rgb.shape[2] != 3:
        raise UnreadableImageError("the photo must be an RGB image (height x width x 3)")
    if min(rgb.shape[:2]) < 16:
        raise UnreadableImageError(f"the photo is too small ({rgb.shape[1]}x{rgb.shape[0]} px)")


def _order_quad(pts: np.ndarray) -> np.ndarray:
    """Corners ordered TL, TR, BR, BL with the long side horizontal-ish."""
    pts = np.asarray(pts, np.float32).reshape(4, 2)
    c = pts.mean(0)
    ang = np.arctan2(pts[:, 1] - c[1], pts[:, 0] - c[0])
    pts = pts[np.argsort(ang)]  # clockwise from the top-left quadrant... normalise below
    s = pts.sum(1)
    start = int(np.argmin(s))
    pts = np.roll(pts, -start, axis=0)
    if np.linalg.norm(pts[1] - pts[0]) < np.linalg.norm(pts[3] - pts[0]) * 0.8:
        # the first edge is the short one: rotate so the long edge comes first
        pts = np.roll(pts, -1, axis=0)
    return pts


def _text_candidates(bgr_small: np.ndarray, scale: float) -> list[_Candidate]:
    """Text lines from the PP-OCR detector (run here at our own size, not the engine's)."""
    from rapidocr.ch_ppocr_det.utils import DetPreProcess

    from vincheck.ocr.rapid import get_rapidocr

    engine = get_rapidocr()
    det = engine.text_det
    if det is None:  # rapidocr loads its detector lazily
        loader = getattr(engine, "_load_det_model", None)
        det = loader() if loader else None
    if det is None:
        return []
    prep = DetPreProcess(DETECT_SIDE, "max", det.mean, det.std)(bgr_small)
    if prep is None:
        return []
    with _det_lock:
        preds = det.session(prep)
        boxes, scores = det.postprocess_op(preds, bgr_small.shape[:2])
    out = []
    for b, sc in zip(boxes, scores, strict=False):
        q = _order_quad(np.asarray(b, np.float32) / scale)
        out.append(_Candidate(q, "text", float(sc)))
    return out


def _colour_candidates(rgb_small: np.ndarray, scale: float) -> list[_Candidate]:
    """Blue / yellow / green rectangles of plate aspect (the classical plate locator)."""
    h, w = rgb_small.shape[:2]
    out: list[_Candidate] = []
    for name, m in plate_colour_masks(rgb_small).items():
        m = cv2.morphologyEx(m, cv2.MORPH_CLOSE, cv2.getStructuringElement(
            cv2.MORPH_RECT, (max(3, w // 120) | 1, 3)))
        cnts, _ = cv2.findContours(m, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for c in cnts:
            area = cv2.contourArea(c)
            if area < 0.00004 * h * w or area < 60:
                continue
            (cx, cy), (rw, rh), ang = cv2.minAreaRect(c)
            long_, short = max(rw, rh), min(rw, rh)
            if short < 5 or not 1.6 <= long_ / short <= 6.5:
                continue
            if area / (rw * rh + 1e-6) < 0.45:
                continue
            if long_ > 0.5 * w:
                continue
            box = cv2.boxPoints(((cx, cy), (rw, rh), ang))
            out.append(_Candidate(_order_quad(box / scale), "colour", 0.0, name))
    return out


def _iou_boxes(a: np.ndarray, b: np.ndarray) -> float:
    ax0, ay0 = a.min(0)
    ax1, ay1 = a.max(0)
    bx0, by0 = b.min(0)
    bx1, by1 = b.max(0)
    iw = max(0.0, min(ax1, bx1) - max(ax0, bx0))
    ih = max(0.0, min(ay1, by1) - max(ay0, by0))
    inter = iw * ih
    ua = (ax1 - ax0) * (ay1 - ay0) + (bx1 - bx0) * (by1 - by0) - inter
    return float(inter / ua) if ua > 0 else 0.0


def _rectify(rgb: np.ndarray, quad: np.ndarray, pad_x: float = 0.06, pad_y: float = 0.18
             ) -> np.ndarray:
    """The quad's content warped to a horizontal strip REC_HEIGHT px high (RGB)."""
    tl, tr, br, bl = quad
    wv = (tr - tl + br - bl) / 2
    hv = (bl - tl + br - tr) / 2
    ww, hh = float(np.linalg.norm(wv)), float(np.linalg.norm(hv))
    if ww < 2 or hh < 2:
        return np.zeros((REC_HEIGHT, REC_HEIGHT, 3), np.uint8)
    ex = wv / ww * ww * pad_x
    ey = hv / hh * hh * pad_y
    src = np.float32([tl - ex - ey, tr + ex - ey, br + ex + ey, bl - ex + ey])
    out_w = int(np.clip(REC_HEIGHT * (ww * (1 + 2 * pad_x)) / (hh * (1 + 2 * pad_y)), 16, 800))
    dst = np.float32([[0, 0], [out_w - 1, 0], [out_w - 1, REC_HEIGHT - 1], [0, REC_HEIGHT - 1]])
    m = cv2.getPerspectiveTransform(src, dst)
    return cv2.warpPerspective(rgb, m, (out_w, REC_HEIGHT), flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_REPLICATE)


def _read(crop_rgb: np.ndarray) -> tuple[str, float]:
    from vincheck.ocr.rapid import get_rapidocr

    engine = get_rapidocr()
    res = engine(cv2.cvtColor(crop_rgb, cv2.COLOR_RGB2BGR), use_det=False, use_cls=False)
    txts = getattr(res, "txts", None) or ()
    scores = getattr(res, "scores", None) or ()
    if not txts:
        return "", 0.0
    return str(txts[0]), float(scores[0]) if scores else 0.0


def normalise_plate_text(text: str) -> str:
    """Upper case, without separators (·, spaces, dots, dashes) and look-alike fixes."""
    t = text.upper()
    t = re.sub(r"[\s·•．.\-_:：|'\"“”，,。]", "", t)
    return t


def char_texture(crop_rgb: np.ndarray) -> float:
    """0-1: how much the crop looks like a row of characters (several blobs of character
    height in a row) rather than a blank surface."""
    g = cv2.cvtColor(crop_rgb, cv2.COLOR_RGB2GRAY)
    h, w = g.shape
    if h < 8 or w < 16:
        return 0.0
    _, bw = cv2.threshold(g, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    best = 0.0
    for img in (bw, 255 - bw):
        n, _, stats, _ = cv2.connectedComponentsWithStats(img, 8)
        k = 0
        for i in range(1, n):
            x, y, cw, ch, area = stats[i]
            if 0.3 * h <= ch <= 0.85 * h and 0.02 * w <= cw <= 0.2 * w and area > 0.15 * cw * ch:
                k += 1
        best = max(best, min(1.0, k / 5.0) if k >= 3 else 0.0)
    return best


def score_candidate(text: str, rec_score: float, colour: str, colour_share: float,
                    aspect: float, texture: float) -> float:
    """Plate score 0-1 from what was read and seen (see the module docstring)."""
    t = normalise_plate_text(text)
    digits = sum(c.isdigit() for c in t)
    plate_bg = 1.0 if colour in ("blue", "yellow", "green") else (
        0.6 if colour in ("white", "black") else 0.0)
    plate_bg *= min(1.0, colour_share / 0.4)
    aspect_ok = 1.0 if 1.7 <= aspect <= 6.0 else 0.0
    if CN_PLATE.match(t):
        return float(min(1.0, 0.6 + 0.3 * rec_score + 0.1 * max(plate_bg, aspect_ok)))
    core = t[1:] if t and not t[0].isascii() else t
    if CN_PLATE_NO_PROVINCE.match(core) and digits >= 2:
        return float(min(1.0, 0.4 + 0.25 * rec_score + 0.2 * plate_bg + 0.15 * aspect_ok))
    if GENERIC.match(core) and digits >= 2 and 5 <= len(core) <= 8:
        return float(min(1.0, 0.3 + 0.2 * rec_score + 0.3 * plate_bg + 0.1 * aspect_ok
                         + 0.1 * texture))
    # unreadable: only a plate-coloured rectangle full of characters counts a little
    if colour in ("blue", "yellow", "green"):
        return float(0.15 + 0.35 * texture * aspect_ok * min(1.0, colour_share / 0.4))
    return float(0.1 * texture * aspect_ok)


def detect_plates(rgb: np.ndarray, settings: PhotoSettings) -> list[PlateRead]:
    """Every licence-plate-like object in an RGB photo, best first (boxes in input px)."""
    _check_rgb(rgb)
    h, w = rgb.shape[:2]
    scale = min(1.0, DETECT_SIDE / max(h, w))
    small = cv2.resize(rgb, (max(1, round(w * scale)), max(1, round(h * scale))),
                       interpolation=cv2.INTER_AREA) if scale < 1 else rgb
    cands = _text_candidates(cv2.cvtColor(small, cv2.COLOR_RGB2BGR), scale)
    cands = [c for c in cands if _plausible_text_box(c.quad, w, h)]
    for c in _colour_candidates(small, scale):
        if not any(_iou_boxes(c.quad, t.quad) > 0.5 for t in cands):
            cands.append(c)
    cands.sort(key=lambda c: -_candidate_priority(c))
    reads: list[PlateRead] = []
    for c in cands[:MAX_READS]:
        crop = _rectify(rgb, c.quad)
        text, rec = _read(crop)
        colour, share = plate_colour(_rectify(rgb, c.quad, 0.0, 0.0))
        aspect = crop.shape[1] / crop.shape[0] * (1.36 / 1.12)  # undo the padding
        tex = char_texture(_rectify(rgb, c.quad, 0.02, 0.05))
        sc = score_candidate(text, rec, colour, share, aspect, tex)
        if sc < 0.2:
            continue
        reads.append(PlateRead(tuple(float(v) for v in c.quad.reshape(-1)),
                               normalise_plate_text(text), sc, colour))
    reads.sort(key=lambda p: -p.score)
    # drop overlapping duplicates (a text line inside a colour rectangle)
    kept: list[PlateRead] = []
    for p in reads:
        q = np.array(p.box).reshape(4, 2)
        if all(_iou_boxes(q, np.array(k.box).reshape(4, 2)) < 0.3 for k in kept):
            kept.append(p)
    return kept


def _plausible_text_box(quad: np.ndarray, w: int, h: int) -> bool:
    tl, tr, br, bl = quad
    ww = float(np.linalg.norm(tr - tl))
    hh = float(np.linalg.norm(bl - tl))
    if hh < 6 or ww < 12:
        return False
    a = ww / hh
    return 1.2 <= a <= 12 and ww < 0.6 * w


def _candidate_priority(c: _Candidate) -> float:
    tl, tr, br, bl = c.quad
    ww = float(np.linalg.norm(tr - tl))
    hh = float(np.linalg.norm(bl - tl)) + 1e-6
    a = ww / hh
    aspect_fit = float(np.exp(-((np.log(a) - np.log(3.3)) ** 2) / 0.5))
    return aspect_fit + (0.5 if c.colour_hint else 0.0) + 0.3 * c.det_score


def judge_plates(plates: list[PlateRead], settings: PhotoSettings) -> Finding:
    """``plate_visible``: FAIL when any plate scores >= ``settings.min_plate_score``;
    REVIEW when the best is within ``settings.plate_review_margin`` below it."""
    thr = settings.min_plate_score
    seen = [p for p in plates if p.score >= thr]
    near = [p for p in plates if thr - settings.plate_review_margin <= p.score < thr]
    ev = [Shape.polygon(np.array(p.box).reshape(4, 2), label=p.text or f"{p.score:.2f}",
                        role="plate") for p in (seen or near)]
    best = max((p.score for p in plates), default=0.0)
    details = {"plates": [p.to_dict() for p in plates]}
    if seen:
        names = ", ".join(p.text or "unreadable" for p in seen)
        return Finding("plate_visible", Status.FAIL, len(seen), 0, "",
                       f"a licence plate is visible in the photo ({names})", ev, details)
    if near:
        return Finding("plate_visible", Status.REVIEW, 0, 0, "",
                       f"something plate-like is in the photo (score {best:.2f}); check it",
                       ev, details)
    return Finding("plate_visible", Status.PASS, 0, 0, "", "no licence plate is visible",
                   [], details)
