"""The glyph classifier's training augmentation: a glyph mask turned into one crop as the
rubbing reader cuts it from a scanned graphite rubbing after normalising its polarity
(:func:`sample`): scale, width 0.6-1.5 x, shear, rotation, elastic bending, stroke weight,
erosion / dilation, neighbours cut off at the crop edges, streaky graphite texture, uneven
contrast, blur and noise. Used by ``tools/train_glyph_classifier.py``."""

from __future__ import annotations

import math

import cv2
import numpy as np


def _warp(mask: np.ndarray, rng: np.random.Generator, height: int, aspect: float
          ) -> np.ndarray:
    """Scale ``mask`` to ``height`` px (width x ``aspect``), shear, rotate, grow/shrink."""
    h, w = mask.shape
    sy = height / h
    sx = sy * aspect
    sh = rng.normal(0, 0.06)
    ang = math.radians(rng.normal(0, 2.5))
    a = np.array([[sx, sh * sy], [0, sy]])
    r = np.array([[math.cos(ang), -math.sin(ang)], [math.sin(ang), math.cos(ang)]])
    m = r @ a
    corners = np.array([[0, 0], [w, 0], [0, h], [w, h]], float) @ m.T
    lo, hi = corners.min(0), corners.max(0)
    mat = np.hstack([m, (-lo)[:, None]])
    size = (int(math.ceil(hi[0] - lo[0])) + 1, int(math.ceil(hi[1] - lo[1])) + 1)
    out = cv2.warpAffine(mask, mat, size, flags=cv2.INTER_LINEAR)
    if rng.random() < ELASTIC_SHARE:
        out = _elastic(out, rng, height)
    k = rng.random()
    if k < 0.2:
        out = cv2.erode(out, np.ones((2, 2), np.uint8))
    elif k < 0.4:
        out = cv2.dilate(out, np.ones((2, 2), np.uint8))
    elif k < 0.4 + WEIGHT_SHARE:
        out = _stroke_weight(out, rng, height)
    return out


# Share of glyphs bent by a smooth random displacement field (another die's letterform:
# the same character drawn with other curves), and share redrawn with another stroke weight.
ELASTIC_SHARE = 0.5
WEIGHT_SHARE = 0.25


def _elastic(mask: np.ndarray, rng: np.random.Generator, height: int) -> np.ndarray:
    """``mask`` bent by a smooth displacement field of up to ~6 % of ``height`` (px)."""
    h, w = mask.shape
    amp = height * rng.uniform(0.02, 0.06)
    sigma = height * rng.uniform(0.15, 0.3)
    dx = cv2.GaussianBlur(rng.normal(0, 1, (h, w)).astype(np.float32), (0, 0), sigma)
    dy = cv2.GaussianBlur(rng.normal(0, 1, (h, w)).astype(np.float32), (0, 0), sigma)
    dx *= amp / max(float(np.abs(dx).max()), 1e-6)
    dy *= amp / max(float(np.abs(dy).max()), 1e-6)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    return cv2.remap(mask, xx + dx, yy + dy, cv2.INTER_LINEAR, borderValue=0)


def _stroke_weight(mask: np.ndarray, rng: np.random.Generator, height: int) -> np.ndarray:
    """``mask`` redrawn thinner or bolder: its distance transform thresholded at a random
    share of the stroke's half-width (thin scribed strokes to heavy die-struck ones)."""
    binm = (mask > 0.5).astype(np.uint8)
    if binm.sum() < 10:
        return mask
    inside = cv2.distanceTransform(binm, cv2.DIST_L2, 3)
    outside = cv2.distanceTransform(1 - binm, cv2.DIST_L2, 3)
    signed = inside - outside  # px, > 0 inside the stroke
    half = float(np.percentile(inside[binm > 0], 90))
    shift = half * rng.uniform(-0.5, 0.7)
    out = np.clip((signed - shift + 0.5), 0, 1).astype(np.float32)
    return out if out.sum() > 5 else mask


def _texture(h: int, w: int, rng: np.random.Generator) -> np.ndarray:
    """Streaky graphite (float, ~0 light .. 1 dark) with uneven pressure."""
    noise = rng.normal(0, 1, (h, w)).astype(np.float32)
    ang = rng.uniform(0, 180)
    ln = int(rng.integers(5, 21))
    kern = np.zeros((ln, ln), np.float32)
    kern[ln // 2, :] = 1.0 / ln
    kern = cv2.warpAffine(kern, cv2.getRotationMatrix2D((ln / 2 - 0.5, ln / 2 - 0.5), ang, 1),
                          (ln, ln))
    kern /= max(kern.sum(), 1e-6)
    streak = cv2.filter2D(noise, -1, kern)
    streak /= max(float(streak.std()), 1e-6)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    grad = (rng.normal(0, 1) * xx / w + rng.normal(0, 1) * yy / h) * rng.uniform(0, 0.25)
    if rng.random() < 0.15:  # an even, clean rubbing (or a printed test glyph)
        return rng.uniform(0.55, 0.9) + grad * 0.1 + streak * rng.uniform(0.0, 0.01)
    return rng.uniform(0.55, 0.9) + grad + streak * rng.uniform(0.02, 0.12)


def sample(main: np.ndarray, neighbours: list[np.ndarray], rng: np.random.Generator,
           symbol: bool = False) -> np.ndarray:
    """One training crop (uint8, dark glyph on light) as the reader would cut it."""
    gh = int(rng.integers(22, 60))
    # condensed to wide dies: the glyph's width scaled against its height
    aspect = float(np.exp(rng.uniform(math.log(0.6), math.log(1.5))))
    g = _warp(main, rng, gh, aspect)
    pitch = g.shape[1] + gh * rng.uniform(0.1, 0.45)
    if symbol:
        pitch = max(pitch, gh * 0.7)
    pad_y = gh * rng.uniform(0.05, 0.6)  # above the glyph; below it independently
    ch_h = int(gh + pad_y + gh * rng.uniform(0.05, 0.6))
    canvas_w = int(pitch * 3 + 2 * gh)
    ink = np.zeros((ch_h, canvas_w), np.float32)
    cx = canvas_w // 2
    y0 = int(pad_y + rng.normal(0, 0.04 * gh))

    def put(m: np.ndarray, centre: float) -> None:
        x0 = int(centre - m.shape[1] / 2)
        ya, xa = max(0, y0), max(0, x0)
        yb, xb = min(ch_h, y0 + m.shape[0]), min(canvas_w, x0 + m.shape[1])
        if yb > ya and xb > xa:
            ink[ya:yb, xa:xb] = np.maximum(ink[ya:yb, xa:xb],
                                           m[ya - y0:yb - y0, xa - x0:xb - x0])

    put(g, cx)
    for side, nb in zip((-1, 1), neighbours, strict=False):
        if nb is not None and rng.random() < 0.85:
            n = _warp(nb, rng, gh, aspect)
            put(n, cx + side * (pitch + rng.normal(0, 0.05 * gh)))
    half = pitch / 2 * rng.uniform(0.85, 1.2)
    shift = rng.normal(0, 0.05 * pitch)
    xa, xb = int(cx + shift - half), int(cx + shift + half)
    ink = ink[:, max(0, xa):xb]
    if rng.random() < 0.5:
        ink = cv2.GaussianBlur(ink, (0, 0), rng.uniform(0.4, 1.5))
    h, w = ink.shape
    tex = _texture(h, w, rng)
    contrast = rng.uniform(0.25, 0.7) * (1 + rng.normal(0, 0.15, (1, w)).astype(np.float32))
    # graphite darkness, less where the stamped glyph kept the pencil off the tape; the
    # rubbing's intensity is 1 - darkness (light glyph on dark), so the polarity-normalised
    # crop's intensity is the darkness itself (dark glyph on light)
    inv = tex - ink * contrast
    inv += rng.normal(0, rng.uniform(0.005, 0.05), inv.shape).astype(np.float32)
    return np.clip(inv * 255, 0, 255).astype(np.uint8)
