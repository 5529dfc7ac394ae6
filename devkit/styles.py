"""Held-out drawn styles and start/stop marks (dev-only; never used for training).

Masks are float32 in [0, 1] (1 = stamped), cropped to their ink. The code here shares
nothing with the trainer's drawn styles (``devkit/glyph_sources.py``,
``devkit/glyph_augment.py``) or the generator's older ones: letter shapes come from
held-out outline families (:mod:`devkit.letterforms`), turned into

* :func:`dot_peen`: round, separate dots placed along the strokes' centre line (a
  dot-peen marker), spacing and dot size chosen per call;
* :func:`die_struck`: a bold die-struck block letter with a V-groove profile (deepest
  along the stroke's middle), chamfered corners and small chips along the edge;

and :func:`held_out_symbol` draws start/stop marks no training code draws: a hash, a
random maker's emblem and a hexagon nut.
"""

from __future__ import annotations

import math
from functools import lru_cache

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from devkit.letterforms import by_name

MASTER = 240  # px: height the source outline is rendered at


def _crop(mask: np.ndarray, thr: float = 0.25) -> np.ndarray:
    ys, xs = np.nonzero(mask > thr)
    if ys.size == 0:
        return mask
    return mask[ys.min():ys.max() + 1, xs.min():xs.max() + 1]


@lru_cache(maxsize=256)
def outline_master(face: str, char: str) -> np.ndarray:
    """``char`` of the outline letterform ``face`` rendered about :data:`MASTER` px tall,
    cropped to its ink (float32 0..1)."""
    path = by_name(face).path
    if path is None:
        raise FileNotFoundError(f"the font of letterform {face!r} is not installed "
                                f"(see devkit.letterforms.APT_PACKAGES)")
    font = ImageFont.truetype(str(path), int(MASTER * 1.3))
    img = Image.new("L", (MASTER * 3, MASTER * 3), 0)
    ImageDraw.Draw(img).text((MASTER // 2, MASTER // 4), char, fill=255, font=font)
    return _crop(np.asarray(img, np.float32) / 255.0)


def _to_height(mask: np.ndarray, height_px: int) -> np.ndarray:
    h, w = mask.shape
    nw = max(1, round(w * height_px / h))
    interp = cv2.INTER_AREA if height_px < h else cv2.INTER_CUBIC
    return np.clip(cv2.resize(mask, (nw, height_px), interpolation=interp), 0, 1
                   ).astype(np.float32)


def _centre_line(mask: np.ndarray) -> tuple[np.ndarray, float]:
    """Points (N x 2, x y) on the ridge of the stroke's distance transform and the median
    half stroke width (px)."""
    b = (mask > 0.5).astype(np.uint8)
    dist = cv2.distanceTransform(b, cv2.DIST_L2, 5)
    grown = cv2.dilate(dist, np.ones((3, 3), np.uint8))
    ridge = (dist > 0) & (dist >= grown - 0.75)
    ys, xs = np.nonzero(ridge)
    half = float(np.median(dist[ridge])) if ys.size else 1.0
    ridge &= dist >= 0.45 * half
    ys, xs = np.nonzero(ridge)
    return np.stack([xs, ys], 1).astype(np.float32), half


@lru_cache(maxsize=512)
def dot_peen(char: str, height_px: int, face: str = "ocr_b", spacing: float = 0.15,
             dot: float = 0.36) -> np.ndarray:
    """A dot-peen character: round dots ``spacing`` x height apart along the centre line
    of ``face``'s ``char``, each ``dot`` x spacing in radius (separate dots), about
    ``height_px`` tall."""
    src = outline_master(face, char)
    pts, _half = _centre_line(src)
    h, w = src.shape
    step = spacing * h
    rng = np.random.default_rng(sum(map(ord, char)) * 7919 + height_px)
    order = np.lexsort((pts[:, 0], pts[:, 1]))
    # end points first (they are what a peen marker hits first), then the rest in turn
    kept: list[np.ndarray] = []
    for i in order:
        p = pts[i]
        if all(float(np.hypot(*(p - q))) >= step for q in kept):
            kept.append(p)
    pad = int(step)
    canvas = np.zeros((h + 2 * pad, w + 2 * pad), np.uint8)
    ss = 4
    big = cv2.resize(canvas, (canvas.shape[1] * ss, canvas.shape[0] * ss))
    for p in kept:
        r = dot * step * rng.uniform(0.9, 1.1)
        c = (int(round((p[0] + pad) * ss)), int(round((p[1] + pad) * ss)))
        cv2.circle(big, c, max(1, int(round(r * ss))), 255, -1, cv2.LINE_AA)
    small = cv2.resize(big, (canvas.shape[1], canvas.shape[0]), interpolation=cv2.INTER_AREA)
    return _to_height(_crop(small.astype(np.float32) / 255.0), height_px)


@lru_cache(maxsize=512)
def die_struck(char: str, height_px: int, face: str = "din") -> np.ndarray:
    """A die-struck block character: ``face``'s ``char`` made bold, corners chamfered,
    small chips along the edge, and a V-groove depth profile (1 at the stroke's middle,
    falling to about 0.35 at its edge), about ``height_px`` tall."""
    src = outline_master(face, char)
    h, _w = src.shape
    b = (src > 0.5).astype(np.uint8)
    pad = int(0.08 * h)
    b = cv2.copyMakeBorder(b, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=0)
    grow = max(1, int(0.025 * h))
    b = cv2.dilate(b, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * grow + 1,) * 2))
    # chamfer: an opening with a diamond cuts every convex corner at 45 degrees
    k = max(3, int(0.05 * h) | 1)
    diamond = np.zeros((k, k), np.uint8)
    c = k // 2
    for y in range(k):
        diamond[y, abs(c - y):k - abs(c - y)] = 1
    b = cv2.morphologyEx(b, cv2.MORPH_OPEN, diamond)
    rng = np.random.default_rng(sum(map(ord, char)) * 104729 + height_px)
    edge = np.argwhere(cv2.morphologyEx(b, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8)) > 0)
    for _ in range(int(rng.integers(2, 6))):
        if not len(edge):
            break
        y, x = edge[int(rng.integers(len(edge)))]
        cv2.circle(b, (int(x), int(y)), int(rng.uniform(0.012, 0.03) * h), 0, -1)
    dist = cv2.distanceTransform(b, cv2.DIST_L2, 5)
    half = float(np.percentile(dist[dist > 0], 90)) if (dist > 0).any() else 1.0
    groove = 0.35 + 0.65 * np.clip(dist / max(half, 1.0), 0, 1) ** 0.7
    groove = np.where(b > 0, groove, 0).astype(np.float32)
    groove = cv2.GaussianBlur(groove, (0, 0), max(0.5, 0.006 * h))
    return _to_height(_crop(groove, 0.2), height_px)


def held_out_symbol(kind: str, size_px: int, stroke_px: float, seed: int = 0) -> np.ndarray:
    """A start/stop mark no training code draws: ``"#"`` (hash), ``"logo"`` (a random
    maker's emblem: an oval ring around bars and a wedge, different per ``seed``) or
    ``"hexagon"`` (a hexagon nut: outline with a round hole); about ``size_px`` tall."""
    ss = 4
    s = max(8, int(size_px)) * ss
    t = max(1, int(round(stroke_px * ss)))
    pad = 2 * t
    n = s + 2 * pad
    img = np.zeros((n, n), np.uint8)
    c = n / 2
    rng = np.random.default_rng(seed)
    if kind == "#":
        for f in (0.32, 0.68):
            x = pad + f * s
            cv2.line(img, (int(x + 0.1 * s), pad), (int(x - 0.1 * s), pad + s), 255, t,
                     cv2.LINE_AA)
            y = pad + f * s
            cv2.line(img, (pad, int(y)), (pad + s, int(y)), 255, t, cv2.LINE_AA)
    elif kind == "logo":
        ax = (int(s / 2 * rng.uniform(0.8, 1.0)), int(s / 2 * rng.uniform(0.55, 0.75)))
        cv2.ellipse(img, (int(c), int(c)), ax, 0, 0, 360, 255, t, cv2.LINE_AA)
        nbar = int(rng.integers(1, 4))
        for k in range(nbar):
            y = int(c + (k - (nbar - 1) / 2) * 0.28 * ax[1] * 2)
            half = int(ax[0] * rng.uniform(0.35, 0.7))
            cv2.line(img, (int(c) - half, y), (int(c) + half, y), 255, max(1, int(t * 0.8)),
                     cv2.LINE_AA)
        if rng.random() < 0.7:
            wedge = np.array([[c - 0.25 * ax[0], c - 0.5 * ax[1]], [c + 0.25 * ax[0],
                              c - 0.5 * ax[1]], [c, c + 0.6 * ax[1]]], np.int32)
            cv2.fillPoly(img, [wedge], 255, cv2.LINE_AA)
    elif kind == "hexagon":
        r = s / 2 - t
        pts = np.array([(c + r * math.cos(math.pi / 3 * k), c + r * math.sin(math.pi / 3 * k))
                        for k in range(6)], np.int32)
        cv2.fillPoly(img, [pts], 255, cv2.LINE_AA)
        cv2.circle(img, (int(c), int(c)), int(0.45 * r), 0, -1, cv2.LINE_AA)
    else:
        raise ValueError(f"unknown held-out symbol {kind!r}")
    small = cv2.resize(img, (n // ss, n // ss), interpolation=cv2.INTER_AREA)
    return _crop(small.astype(np.float32) / 255.0)
