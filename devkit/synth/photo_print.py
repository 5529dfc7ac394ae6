"""Synthetic flatbed scans of a photo print with exactly known geometry.

:func:`render_print_scan` lays a picture on a rounded-rectangle print (size and corner
radius in mm) on a scanner bed, rotated by a small angle, and renders it at a given DPI.
Every pixel's print coverage is computed analytically from the signed distance to the
rounded rectangle (a linear ramp one pixel wide across the outline, symmetric about
the true edge), so the edge's 50 % / area-coverage position is the exact geometry: the
ground truth returned is exact to well under 0.01 mm. Blur (Gaussian, px) and sensor
noise (grey levels) are added after compositing, as a scanner would.

:func:`textured_picture` draws a simple outdoor-like picture with texture (sky, ground,
shapes, fine noise) to put on the print.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image

BEDS = {"white": (244.0, 244.0, 241.0), "grey": (178.0, 179.0, 181.0)}


def textured_picture(width: int = 880, height: int = 600, seed: int = 0) -> np.ndarray:
    """A textured landscape-like RGB picture (H x W x 3 uint8) for tests."""
    rng = np.random.default_rng(seed)
    y = np.linspace(0.0, 1.0, height)[:, None]
    img = np.zeros((height, width, 3), np.float32)
    sky = np.array([120.0, 160.0, 205.0]) + rng.uniform(-20, 20, 3)
    ground = np.array([95.0, 100.0, 85.0]) + rng.uniform(-15, 15, 3)
    horizon = 0.45 + rng.uniform(-0.05, 0.05)
    t = np.clip((y - horizon) * 12.0 + 0.5, 0.0, 1.0)
    img[:] = (sky * (1 - t) + ground * t)[:, None, :].reshape(height, 1, 3)
    for _ in range(14):  # shapes: "buildings", "cars", "signs"
        colour = tuple(float(c) for c in rng.uniform(20, 235, 3))
        x0, y0 = int(rng.uniform(0, width)), int(rng.uniform(0.2, 0.9) * height)
        w, h = int(rng.uniform(0.05, 0.3) * width), int(rng.uniform(0.05, 0.25) * height)
        if rng.random() < 0.6:
            cv2.rectangle(img, (x0, y0), (x0 + w, y0 + h), colour, -1, cv2.LINE_AA)
        else:
            cv2.ellipse(img, (x0, y0), (w // 2, h // 2), float(rng.uniform(0, 180)), 0, 360,
                        colour, -1, cv2.LINE_AA)
    for _ in range(60):  # thin lines: fine detail for the sharpness measure
        p1 = (int(rng.uniform(0, width)), int(rng.uniform(0, height)))
        p2 = (p1[0] + int(rng.uniform(-80, 80)), p1[1] + int(rng.uniform(-80, 80)))
        cv2.line(img, p1, p2, tuple(float(c) for c in rng.uniform(0, 255, 3)), 1, cv2.LINE_AA)
    img += rng.normal(0.0, 6.0, img.shape).astype(np.float32)  # surface texture
    return np.clip(img + 0.5, 0, 255).astype(np.uint8)


def rounded_rect_sdf(u: np.ndarray, v: np.ndarray, half_w: float, half_h: float,
                     r: float) -> np.ndarray:
    """Signed distance (same unit as the inputs; negative inside) from points (u, v) to a
    rounded rectangle centred at the origin with half sizes ``half_w``, ``half_h`` and
    corner radius ``r``."""
    qx = np.abs(u) - (half_w - r)
    qy = np.abs(v) - (half_h - r)
    outside = np.hypot(np.maximum(qx, 0.0), np.maximum(qy, 0.0))
    inside = np.minimum(np.maximum(qx, qy), 0.0)
    return outside + inside - r


def render_print_scan(
    picture_rgb: np.ndarray,
    *,
    dpi: float = 300.0,
    width_mm: float = 88.0,
    height_mm: float = 60.0,
    radius_mm: float = 4.0,
    angle_deg: float = 0.0,
    bed: str = "white",
    noise: float = 2.0,
    blur: float = 0.7,
    seed: int = 0,
    canvas_mm: tuple[float, float] | None = None,
    offset_mm: tuple[float, float] | None = None,
) -> tuple[Image.Image, dict[str, Any]]:
    """Render a scan of a photo print lying on a scanner bed.

    ``picture_rgb`` fills the print (borderless print). ``angle_deg`` rotates the print
    counter-clockwise as seen in the image; ``blur`` is a Gaussian sigma in px; ``noise``
    the sensor noise sigma in grey levels. ``canvas_mm`` is the scanned area (default:
    the print's rotated bounding box plus about 14 mm each side); ``offset_mm`` moves the
    print's centre from the canvas centre (default: a small random shift from ``seed``).

    Returns the RGB PIL image (``info['dpi']`` set; save with :func:`save_scan`) and the
    truth: ``width_mm``, ``height_mm``, ``radius_mm``, ``angle_deg``, ``dpi``,
    ``center_px`` (x, y) and ``corners_px`` (the four sharp corners of the sides' lines,
    image px, top-left first, clockwise in the print's frame).
    """
    if bed not in BEDS:
        raise ValueError(f"bed must be one of {sorted(BEDS)}")
    rng = np.random.default_rng(seed)
    px_mm = dpi / 25.4
    a = math.radians(angle_deg)
    ca, sa = math.cos(a), math.sin(a)
    if canvas_mm is None:
        bw = abs(width_mm * ca) + abs(height_mm * sa)
        bh = abs(width_mm * sa) + abs(height_mm * ca)
        canvas_mm = (bw + 28.0, bh + 28.0)
    if offset_mm is None:
        offset_mm = (float(rng.uniform(-4, 4)), float(rng.uniform(-4, 4)))
    cw, ch = int(round(canvas_mm[0] * px_mm)), int(round(canvas_mm[1] * px_mm))
    # print centre in px (pixel centres at integer coordinates)
    cx = (cw - 1) / 2.0 + offset_mm[0] * px_mm
    cy = (ch - 1) / 2.0 + offset_mm[1] * px_mm
    xs = np.arange(cw, dtype=np.float64)[None, :] - cx
    ys = np.arange(ch, dtype=np.float64)[:, None] - cy
    # Image y points down: rotating counter-clockwise on screen is a -angle rotation in the
    # (x, y-down) frame. Local print coordinates (u along the width, v along the height):
    u = (xs * ca - ys * sa) / px_mm
    v = (xs * sa + ys * ca) / px_mm
    d_px = rounded_rect_sdf(u, v, width_mm / 2, height_mm / 2, radius_mm) * px_mm
    coverage = np.clip(0.5 - d_px, 0.0, 1.0).astype(np.float32)

    # picture sampled in the print's frame
    ph, pw = picture_rgb.shape[:2]
    map_x = ((u / width_mm + 0.5) * pw - 0.5).astype(np.float32)
    map_y = ((v / height_mm + 0.5) * ph - 0.5).astype(np.float32)
    pic = cv2.remap(picture_rgb.astype(np.float32), map_x, map_y, cv2.INTER_LINEAR,
                    borderMode=cv2.BORDER_REPLICATE)
    bed_rgb = np.array(BEDS[bed], np.float32)
    bed_img = np.empty((ch, cw, 3), np.float32)
    bed_img[:] = bed_rgb
    bed_img += rng.normal(0.0, 1.5, (ch, cw, 1)).astype(np.float32)  # faint bed mottling
    bed_img = cv2.GaussianBlur(bed_img, (0, 0), 6.0)
    img = coverage[:, :, None] * pic + (1.0 - coverage[:, :, None]) * bed_img
    if blur > 0:
        img = cv2.GaussianBlur(img, (0, 0), float(blur))
    if noise > 0:
        img += rng.normal(0.0, float(noise), img.shape).astype(np.float32)
    out = Image.fromarray(np.clip(img + 0.5, 0, 255).astype(np.uint8), "RGB")
    out.info["dpi"] = (float(dpi), float(dpi))

    corners = []
    for su, sv in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
        lu, lv = su * width_mm / 2 * px_mm, sv * height_mm / 2 * px_mm
        # inverse of the local transform above
        corners.append((cx + lu * ca + lv * sa, cy - lu * sa + lv * ca))
    truth = {
        "width_mm": float(width_mm), "height_mm": float(height_mm),
        "radius_mm": float(radius_mm), "angle_deg": float(angle_deg), "dpi": float(dpi),
        "center_px": (cx, cy), "corners_px": corners, "bed": bed,
        "image_size": (cw, ch),
    }
    return out, truth


def save_scan(image: Image.Image, path: str | Path) -> Path:
    """Save a rendered scan as PNG keeping its DPI."""
    path = Path(path)
    dpi = image.info.get("dpi")
    if dpi:
        image.save(path, dpi=dpi)
    else:
        image.save(path)
    return path
