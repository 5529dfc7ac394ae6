"""Find text lines with RapidOCR's text detector (PP-OCR det model, shipped in its wheel)
and cut them out as strips: the fallback for a picture that is no rubbing sheet (a photo
of the stamped VIN itself), where no dark tape on light paper can be found."""

from __future__ import annotations

import math

import cv2
import numpy as np

from vincheck.errors import OcrEngineError
from vincheck.rubbing.locate import Strip

# A VIN line is long: 17 characters of aspect ~0.6 plus symbols, about 11 x its height;
# 6 leaves room for a line the detector cut short.
MIN_LINE_ASPECT = 6.0
# Detection runs on a copy with this longest side (px): the det model resizes anyway.
DETECT_SIDE_PX = 1280
# ... and at most this aspect ratio (padded otherwise): the detector's input stays below
# about 736 x 2200 px whatever the picture's shape.
DETECT_MAX_ASPECT = 3.0
# Margin added around a detected line (its box already has some): 0.4 x its height above
# and below, 0.3 x at the ends.
PAD_Y = 0.4
PAD_X = 0.3


def pad_to_aspect(img: np.ndarray, max_aspect: float = DETECT_MAX_ASPECT) -> np.ndarray:
    """``img`` padded at the bottom or right (so coordinates are unchanged) with its median
    grey until its long side is at most ``max_aspect`` x its short side: the detector
    scales the short side up to 736 px, so a thin picture would grow without bound."""
    h, w = img.shape[:2]
    need_h = int(np.ceil(w / max_aspect)) - h
    need_w = int(np.ceil(h / max_aspect)) - w
    if need_h <= 0 and need_w <= 0:
        return img
    fill = int(np.median(img))
    return cv2.copyMakeBorder(img, 0, max(0, need_h), 0, max(0, need_w), cv2.BORDER_CONSTANT,
                              value=fill)


def detect_lines(gray: np.ndarray) -> list[np.ndarray]:
    """Quadrilaterals (4 x 2, px of ``gray``) of the text lines the detector finds."""
    from vincheck.ocr.rapid import get_rapidocr

    h, w = gray.shape[:2]
    s = min(1.0, DETECT_SIDE_PX / max(h, w))
    small = cv2.resize(gray, (max(1, round(w * s)), max(1, round(h * s))),
                       interpolation=cv2.INTER_AREA) if s < 1.0 else gray
    small = pad_to_aspect(small)
    try:
        out = get_rapidocr()(cv2.cvtColor(small, cv2.COLOR_GRAY2BGR), use_det=True,
                             use_cls=False, use_rec=False)
    except OcrEngineError:
        raise
    except Exception as exc:  # noqa: BLE001 - the detector's own failures
        raise OcrEngineError(f"the text detector failed: {exc}") from exc
    boxes = getattr(out, "boxes", None)
    if boxes is None:
        return []
    return [np.asarray(b, dtype=np.float64).reshape(4, 2) / s for b in boxes]


def line_strip(gray: np.ndarray, quad: np.ndarray) -> Strip | None:
    """The strip around one detected line, rotated upright, with margins (None when the
    line is too short to be a VIN)."""
    (cx, cy), (rw, rh), ang = cv2.minAreaRect(quad.astype(np.float32))
    if rw < rh:
        rw, rh, ang = rh, rw, ang + 90.0
    if ang > 45.0:
        ang -= 180.0 if ang > 135.0 else 90.0
        if abs(ang) > 45.0:
            return None
    if rh <= 0 or rw / rh < MIN_LINE_ASPECT:
        return None
    out_w = int(round(rw + 2 * PAD_X * rh))
    out_h = int(round(rh * (1 + 2 * PAD_Y)))
    rad = math.radians(ang)
    c, s = math.cos(rad), math.sin(rad)
    # crop px (u, v) -> sheet px: centre + R(ang) @ (u - out_w/2, v - out_h/2)
    to_sheet = np.array([[c, -s, cx - c * out_w / 2 + s * out_h / 2],
                         [s, c, cy - s * out_w / 2 - c * out_h / 2]])
    crop = cv2.warpAffine(gray, cv2.invertAffineTransform(to_sheet), (out_w, out_h),
                          flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    pts = np.array([[0, 0], [out_w, 0], [out_w, out_h], [0, out_h]], dtype=np.float64)
    corners = pts @ to_sheet[:, :2].T + to_sheet[:, 2]
    return Strip(crop=crop, to_sheet=to_sheet, corners=corners, angle_deg=-ang,
                 core_x=(0.0, float(out_w)))


def text_line_strips(gray: np.ndarray) -> list[Strip]:
    """Strips for every long text line the detector finds, top to bottom."""
    strips = [s for q in detect_lines(gray) if (s := line_strip(gray, q)) is not None]
    return sorted(strips, key=lambda s: float(s.corners[:, 1].mean()))
