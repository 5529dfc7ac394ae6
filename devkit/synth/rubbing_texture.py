"""Noise and texture fields for the synthetic rubbings (float32 arrays, sizes in px).

``ppm`` is pixels per millimetre of the rendered image; texture scales are given in mm so
that a sheet looks the same at 200, 300 or 600 dpi.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

WORK_PPM = 6.0  # px/mm at which coarse textures are computed before upsampling


def randn(shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    """Standard normal float32 noise, fast (OpenCV's generator seeded from ``rng``)."""
    out = np.empty(shape, np.float32)
    cv2.setRNGSeed(int(rng.integers(2**31 - 1)))
    cv2.randn(out, 0.0, 1.0)
    return out


def smooth_noise(shape: tuple[int, int], scale_px: float, rng: np.random.Generator
                 ) -> np.ndarray:
    """Smooth random field of ``shape`` with features about ``scale_px`` wide, std about 1."""
    h, w = shape
    gh = max(2, int(math.ceil(h / scale_px)) + 2)
    gw = max(2, int(math.ceil(w / scale_px)) + 2)
    coarse = rng.standard_normal((gh, gw)).astype(np.float32)
    field = cv2.resize(coarse, (int(gw * scale_px), int(gh * scale_px)),
                       interpolation=cv2.INTER_CUBIC)
    oy = int(rng.integers(0, max(1, field.shape[0] - h + 1)))
    ox = int(rng.integers(0, max(1, field.shape[1] - w + 1)))
    out = field[oy : oy + h, ox : ox + w]
    if out.shape != (h, w):  # tiny shapes
        out = cv2.resize(field, (w, h), interpolation=cv2.INTER_LINEAR)
    return out.astype(np.float32)


def _line_kernel(length: float, angle_deg: float, width: float) -> np.ndarray:
    n = max(3, int(math.ceil(length)) | 1)
    k = np.zeros((n, n), np.float32)
    c = n // 2
    a = math.radians(angle_deg)
    dx, dy = math.cos(a) * length / 2, -math.sin(a) * length / 2
    cv2.line(k, (round(c - dx), round(c - dy)), (round(c + dx), round(c + dy)), 1.0,
             max(1, round(width)), cv2.LINE_AA)
    s = k.sum()
    return k / s if s > 0 else k


def streak_noise(shape: tuple[int, int], ppm: float, angle_deg: float, *, length_mm: float,
                 width_mm: float, rng: np.random.Generator) -> np.ndarray:
    """Directional noise (pencil streaks) along ``angle_deg`` (counter-clockwise), std ~1."""
    h, w = shape
    work = min(ppm, WORK_PPM if width_mm >= 0.5 else 2 * WORK_PPM)
    f = work / ppm
    sh, sw = max(4, int(h * f) + 1), max(4, int(w * f) + 1)
    noise = randn((sh, sw), rng)
    if width_mm * work > 1.5:
        noise = cv2.GaussianBlur(noise, (0, 0), sigmaX=width_mm * work / 2)
    k = _line_kernel(length_mm * work, angle_deg, 1)
    out = cv2.filter2D(noise, -1, k, borderType=cv2.BORDER_REFLECT)
    out = cv2.resize(out, (w, h), interpolation=cv2.INTER_LINEAR)
    sd = float(out.std()) or 1.0
    return (out / sd).astype(np.float32)


def fine_noise(shape: tuple[int, int], ppm: float, grain_mm: float, rng: np.random.Generator
               ) -> np.ndarray:
    """Isotropic grain about ``grain_mm`` wide, std ~1."""
    n = randn(shape, rng)
    sigma = grain_mm * ppm / 2
    if sigma > 0.4:
        n = cv2.GaussianBlur(n, (0, 0), sigmaX=sigma)
    sd = float(n.std()) or 1.0
    return n / sd


def grain_mask(mask: np.ndarray, ppm: float, rng: np.random.Generator) -> np.ndarray:
    """Soften a 0..1 stamping mask and make its edges grainy (worn, rubbed edges)."""
    soft = cv2.GaussianBlur(mask, (0, 0), sigmaX=max(0.5, 0.06 * ppm))
    g = fine_noise(mask.shape, ppm, 0.08, rng)
    out = (soft - 0.5) * 2.2 + 0.5 + 0.28 * g
    return np.clip(out, 0, 1).astype(np.float32)


def motion_blur(img: np.ndarray, length_px: float, angle_deg: float) -> np.ndarray:
    """Blur ``img`` along a line ``length_px`` long at ``angle_deg`` (counter-clockwise)."""
    if length_px < 1.5:
        return img.copy()
    k = _line_kernel(length_px, angle_deg, 1)
    return cv2.filter2D(img, -1, k, borderType=cv2.BORDER_CONSTANT)


def paper_texture(shape: tuple[int, int], ppm: float, rng: np.random.Generator) -> np.ndarray:
    """Multiplicative paper texture around 1.0: fibres, slight cockle and scan shading."""
    h, w = shape
    tex = 1.0 + 0.012 * fine_noise(shape, ppm, 0.15, rng)
    tex += 0.008 * smooth_noise(shape, 15 * ppm, rng)
    yy = np.linspace(-1, 1, h, dtype=np.float32)[:, None]
    xx = np.linspace(-1, 1, w, dtype=np.float32)[None, :]
    gx, gy = rng.uniform(-0.012, 0.012, 2)
    tex += gx * xx + gy * yy
    return tex.astype(np.float32)
