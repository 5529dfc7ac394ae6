"""What lies on a scanned sheet besides the strips: the printed form (border, title,
signature line), a red inspection seal on free paper and dust or hairs on the glass."""

from __future__ import annotations

import math

import cv2
import numpy as np
from PIL import Image

from devkit.synth.rubbing_spec import SheetSpec
from devkit.synth.rubbing_texture import smooth_noise


def _draw_form(gray: np.ndarray, spec: SheetSpec, ppm: float, rng: np.random.Generator
               ) -> None:
    """Printed form: border, title and a signature line (in place, darkens ``gray``)."""
    from PIL import ImageDraw, ImageFont

    h, w = gray.shape
    img = Image.new("L", (w, h), 0)
    dr = ImageDraw.Draw(img)
    lw = max(1, round(0.25 * ppm))
    m = 6 * ppm
    dr.rectangle([m, m, w - m, h - m], outline=150, width=lw)
    try:
        font = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                                  max(8, round(3.5 * ppm)))
        small = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                                   max(6, round(2.5 * ppm)))
    except OSError:  # pragma: no cover - font missing
        font = small = ImageFont.load_default()
    dr.text((m + 4 * ppm, m + 1.5 * ppm), "车辆识别代号拓印膜  VIN rubbing", fill=200, font=font)
    y = h - m - 6 * ppm
    dr.text((m + 4 * ppm, y - 3 * ppm), "检验员签字 / Inspector:", fill=190, font=small)
    dr.line([m + 45 * ppm, y, m + 95 * ppm, y], fill=150, width=lw)
    dr.text((w - m - 70 * ppm, y - 3 * ppm), "日期 / Date:", fill=190, font=small)
    dr.line([w - m - 45 * ppm, y, w - m - 8 * ppm, y], fill=150, width=lw)
    ink = np.asarray(img, np.float32) / 255.0 * 0.8
    gray *= 1.0 - ink


def _draw_dust(dark: np.ndarray, n: int, ppm: float, rng: np.random.Generator) -> None:
    """Dust specks and the odd hair on the scanner glass (in place, darkens ``dark``)."""
    h, w = dark.shape
    layer = np.zeros((h, w), np.uint8)
    for _ in range(n):
        x, y = int(rng.integers(w)), int(rng.integers(h))
        if rng.random() < 0.15:  # a hair: short thin curve
            pts = [(x, y)]
            ang = rng.uniform(0, 2 * np.pi)
            for _k in range(8):
                ang += rng.normal(0, 0.35)
                step = rng.uniform(0.6, 1.6) * ppm
                x, y = x + step * math.cos(ang), y + step * math.sin(ang)
                pts.append((x, y))
            arr = np.round(np.array(pts) * 16).astype(np.int32)
            cv2.polylines(layer, [arr], False, int(rng.integers(90, 200)),
                          max(1, round(0.06 * ppm)), cv2.LINE_AA, shift=4)
        else:
            r = rng.uniform(0.05, 0.2) * ppm
            axes = (max(1, round(r * 16)), max(1, round(r * rng.uniform(0.5, 1.0) * 16)))
            cv2.ellipse(layer, ((x * 16, y * 16)), axes, float(rng.uniform(0, 180)), 0, 360,
                        int(rng.integers(120, 230)), -1, cv2.LINE_AA, shift=4)
    ys, xs = np.nonzero(layer)
    if ys.size:
        v = layer[ys, xs].astype(np.float32) / 255.0
        dark[ys, xs] = 1.0 - (1.0 - dark[ys, xs]) * (1.0 - v)


def _draw_seal(rgb: np.ndarray, strips: list[dict], ppm: float, rng: np.random.Generator
               ) -> list[float] | None:
    """A red round seal where it touches no strip; in place. Returns [cx, cy, r] px or None."""
    from PIL import ImageDraw, ImageFont

    h, w = rgb.shape[:2]
    r = rng.uniform(11.0, 16.0) * ppm  # small QC seal, 22-32 mm
    polys = [np.array(st["corners"], np.float32) for st in strips]
    e = r + 5 * ppm
    cands = [(w - e, h - e), (e, h - e), (w - e, e), (e, e), (w / 2, h / 2)]
    order = rng.permutation(len(cands) - 1).tolist() + [len(cands) - 1]
    for i in order:
        cx, cy = cands[i]
        cx += rng.uniform(-3, 3) * ppm
        cy += rng.uniform(-3, 3) * ppm
        if all(cv2.pointPolygonTest(p, (float(cx), float(cy)), True) < -r - 2 * ppm
               for p in polys):
            break
    else:
        return None
    size = int(2 * r + 8)
    img = Image.new("L", (size, size), 0)
    dr = ImageDraw.Draw(img)
    c = size / 2
    lw = max(1, round(1.0 * ppm))
    dr.ellipse([c - r, c - r, c + r, c + r], outline=255, width=lw)
    star = _star_pts(c, c - 0.1 * r, 0.28 * r)
    dr.polygon(star, fill=255)
    try:
        font = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
                                  max(6, round(0.2 * r)))
        dr.text((c, c + 0.45 * r), "检验专用章", fill=255, font=font, anchor="mm")
    except OSError:  # pragma: no cover - font missing
        pass
    ink = np.asarray(img, np.float32) / 255.0
    ink *= np.clip(0.75 + 0.35 * smooth_noise(ink.shape, 4 * ppm, rng), 0.2, 1.0)
    x0, y0 = int(cx - c), int(cy - c)
    xa, ya, xb, yb = max(0, x0), max(0, y0), min(w, x0 + size), min(h, y0 + size)
    sub = ink[ya - y0 : yb - y0, xa - x0 : xb - x0, None]
    absorb = np.array([0.08, 0.72, 0.62], np.float32)  # red ink: G and B absorbed
    roi = rgb[ya:yb, xa:xb].astype(np.float32)
    rgb[ya:yb, xa:xb] = np.clip(roi * (1.0 - sub * absorb), 0, 255).astype(np.uint8)
    return [round(float(cx), 1), round(float(cy), 1), round(float(r), 1)]


def _star_pts(cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    ang = -np.pi / 2 + np.arange(10) * np.pi / 5
    rr = np.where(np.arange(10) % 2 == 0, r, r * 0.4)
    return [(float(cx + a * math.cos(t)), float(cy + a * math.sin(t))) for a, t in zip(rr, ang,
                                                                                      strict=True)]
