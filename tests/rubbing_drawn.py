"""For the rubbing unit tests: a strip drawn with OpenCV (no generator involved: light
glyphs between two filled diamonds on a dark strip, on a sheet) and canned engines."""

from __future__ import annotations

import math

import cv2
import numpy as np

from vincheck.errors import OcrEngineError
from vincheck.ocr.base import SYMBOL
from vincheck.vin import compute_check_digit

FONT = cv2.FONT_HERSHEY_SIMPLEX
DPI = 300
PX_MM = DPI / 25.4


def strip_image(text: str, h_mm: float = 8.0, angle: float = 0.0, shear: float = 0.0,
                 ghost_mm: float = 0.0, seed: int = 0, dots: bool = False) -> np.ndarray:
    """A sheet with one dark strip carrying light glyphs: ``text`` between two filled
    diamonds (the end symbols), drawn with cv2 (no generator involved); ``dots``: the
    characters drawn as round separate dots on a grid a seventh of their height apart
    (dot peen)."""
    rng = np.random.default_rng(seed)
    ch = h_mm * PX_MM
    pitch = 0.8 * ch
    n = len(text) + 2
    w = int(pitch * n + 4 * ch)
    h = int(2.6 * ch)
    strip8 = np.zeros((h, w), np.uint8)
    text8 = np.zeros((h, w), np.uint8)
    scale = cv2.getFontScaleFromHeight(FONT, int(ch), 3)
    thick = max(2, int(ch / 9))
    y = int(h / 2 + ch / 2)
    x = 2 * ch
    for i in range(n):
        cx = int(x + i * pitch)
        if i in (0, n - 1):
            r = ch * 0.45
            pts = np.array([[cx + r * 0.8, y - ch / 2 - r], [cx + 1.6 * r, y - ch / 2],
                            [cx + r * 0.8, y - ch / 2 + r], [cx, y - ch / 2]], np.int32)
            cv2.fillPoly(strip8, [pts], 255)
        else:
            cv2.putText(text8, text[i - 1], (cx, y), FONT, scale, 255, thick, cv2.LINE_AA)
    strip8 = np.maximum(strip8, _as_dots(text8, ch) if dots else text8)
    strip = strip8.astype(np.float32) / 255.0
    if shear:
        t = math.tan(math.radians(shear))
        m = np.array([[1, -t, t * h / 2], [0, 1, 0]], np.float32)
        strip = cv2.warpAffine(strip, m, (w, h))
    if ghost_mm:
        m = np.array([[1, 0, ghost_mm * PX_MM], [0, 1, 0]], np.float32)
        strip = np.maximum(strip, 0.55 * cv2.warpAffine(strip, m, (w, h)))
    tape = 70 + rng.normal(0, 8, (h, w))
    img = tape * (1 - strip) + 215 * strip
    sheet = np.full((h + 600, w + 600), 244.0)
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    m[:, 2] += (300, 300)
    warped = cv2.warpAffine(img.astype(np.float32), m, (w + 600, h + 600), borderValue=-1)
    sheet = np.where(warped >= 0, warped, sheet)
    return np.clip(sheet, 0, 255).astype(np.uint8)


def _as_dots(mask: np.ndarray, ch: float) -> np.ndarray:
    """The characters of ``mask`` (0/255) as round dots ``ch`` / 7 apart on a grid, each
    0.35 of that spacing in radius."""
    out = np.zeros_like(mask)
    step = ch / 7.0
    r = max(2, int(round(0.35 * step)))
    for y in np.arange(step / 2, mask.shape[0], step):
        for x in np.arange(step / 2, mask.shape[1], step):
            if mask[int(y), int(x)] > 127:
                cv2.circle(out, (int(x), int(y)), r, 255, -1, cv2.LINE_AA)
    return out


VIN = "LSVAU2180N2183594"


class CannedEngine:
    """Returns fixed readings: symbols at both ends, ``text`` in between (one char per
    glyph), each with ``conf`` and an optional alternative per position."""

    name = "canned"

    def __init__(self, text: str, conf: float = 0.97, alts: dict | None = None) -> None:
        self.text, self.conf, self.alts = text, conf, alts or {}
        self.calls = 0

    def read_glyphs(self, line, spans):
        self.calls += 1
        out = []
        for i in range(len(spans)):
            if i == 0 or i == len(spans) - 1:
                out.append({SYMBOL: 0.99})
                continue
            k = i - 1
            ch = self.text[k] if k < len(self.text) else "0"
            d = {ch: self.conf}
            if k in self.alts:
                d = {ch: self.alts[k][1], self.alts[k][0]: 1.0 - self.alts[k][1]}
            out.append(d)
        return out


class CrashingEngine:
    name = "crash"

    def read_glyphs(self, line, spans):
        raise OcrEngineError("the engine crashed")


def wrong_check(vin: str) -> str:
    """``vin`` with a check digit that is wrong."""
    good = compute_check_digit(vin)
    return vin[:8] + ("1" if good != "1" else "2") + vin[9:]
