"""Cues for the view estimate, measured on the vehicle region scaled to a fixed width.

All coordinates are px of that scaled crop; callers map them back.
"""

from __future__ import annotations

import cv2
import numpy as np

ROW_BINS = 40


def _column_descriptors(gray: np.ndarray, mask: np.ndarray | None) -> np.ndarray:
    """Per column: horizontal-edge strength and grey level over ROW_BINS row bins."""
    g = gray.astype(np.float32)
    gy = np.abs(cv2.Sobel(g, cv2.CV_32F, 0, 1, ksize=3))
    if mask is not None:
        gy = gy * mask
    h, w = g.shape
    edges = np.linspace(0, h, ROW_BINS + 1).astype(int)
    d_edge = np.stack([gy[a:b].mean(0) for a, b in zip(edges[:-1], edges[1:], strict=False)], 1)
    d_gray = np.stack([g[a:b].mean(0) for a, b in zip(edges[:-1], edges[1:], strict=False)], 1)
    d_edge /= (np.percentile(d_edge, 95) + 1e-6)
    d_gray = (d_gray - d_gray.mean()) / (d_gray.std() + 1e-6)
    return np.concatenate([2.0 * d_edge, 0.5 * d_gray], 1)


def find_face(small: np.ndarray, mask: np.ndarray | None, anchored: bool = False) -> dict:
    """The widest strongly mirror-symmetric vertical band (the front or rear face).

    ``anchored``: ``small`` is a tight vehicle box, so the face reaches one of its edges
    (seen from a corner the face runs from the box edge to the near corner) and only bands
    touching an edge are tried.
    Returns x0, x1 (band in px), centre, score 0-1 (mean mirror similarity above the
    level a random pair of columns reaches)."""
    gray = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY)
    h, w = gray.shape
    step = 2
    gsmall = cv2.resize(gray, (w // step, h), interpolation=cv2.INTER_AREA)
    msmall = None if mask is None else cv2.resize(
        mask.astype(np.uint8), (w // step, h), interpolation=cv2.INTER_NEAREST).astype(
        np.float32)
    d = _column_descriptors(gsmall, msmall)
    n = d.shape[0]
    # similarity matrix of columns: 1 / (1 + mean abs difference)
    diff = np.abs(d[:, None, :] - d[None, :, :]).mean(2)
    sim = 1.0 / (1.0 + 2.0 * diff)
    base = float(np.median(sim))
    best = {"x0": 0.0, "x1": float(w), "centre": w / 2, "score": 0.0}
    best_val = -1.0
    min_hw = max(3, int(0.06 * n))
    for c in range(min_hw, n - min_hw):
        max_hw = min(c, n - 1 - c)
        ds = np.arange(1, max_hw + 1)
        vals = sim[c - ds, c + ds]
        cum = np.cumsum(vals) / ds
        widths = [max_hw] if anchored else range(min_hw, max_hw + 1, 2)
        for hw in widths:
            m = cum[hw - 1]
            excess = (m - base) / (1 - base + 1e-6)
            # favour wide bands: a wide band that stays symmetric is the face
            val = excess * (hw / n) ** 0.5
            if val > best_val:
                best_val = val
                best = {"x0": float((c - hw) * step), "x1": float((c + hw) * step),
                        "centre": float(c * step), "score": float(np.clip(excess, 0, 1))}
    return best


def find_wheels(small: np.ndarray, mask: np.ndarray | None) -> list[dict]:
    """Dark elliptical blobs in the lower part of the vehicle: tyres. Each: cx, cy, major,
    minor (px), ratio = minor / major (about |sin| of the angle off the end axis)."""
    h, w = small.shape[:2]
    hsv = cv2.cvtColor(small, cv2.COLOR_RGB2HSV)
    v = hsv[..., 2]
    thr = min(42, float(np.percentile(v, 8)) + 4)
    dark = ((v <= thr) & (hsv[..., 1] < 120)).astype(np.uint8)
    dark[: int(0.45 * h)] = 0
    k = max(3, w // 160) | 1
    dark = cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((k, k), np.uint8))
    dark = cv2.morphologyEx(dark, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    # fill the rims (bright discs inside the dark tyre rings)
    cnts, _ = cv2.findContours(dark, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    out = []
    for c in cnts:
        if len(c) < 8:
            continue
        x, y, cw, ch = cv2.boundingRect(c)
        if ch < 0.12 * h or ch > 0.7 * h or y + ch < 0.7 * h:
            continue
        (ex, ey), (a1, a2), ang = cv2.fitEllipse(c)
        major, minor = max(a1, a2), min(a1, a2)
        if major < 6:
            continue
        area = cv2.contourArea(c)
        fill = area / (np.pi * major * minor / 4 + 1e-6)
        if fill < 0.6 or fill > 1.3:
            continue
        # tyres are upright ellipses (major axis near vertical)
        tilt = min(abs(ang), abs(180 - ang)) if a2 >= a1 else abs(90 - ang)
        if tilt > 35 and minor / major < 0.85:
            continue
        out.append({"cx": float(ex), "cy": float(ey), "major": float(major),
                    "minor": float(minor), "ratio": float(minor / major)})
    out.sort(key=lambda d: -d["major"])
    return out[:4]


def find_lamps(small: np.ndarray, mask: np.ndarray | None) -> dict:
    """Red (tail) and bright white (head) lamp blobs: lists of (cx, cy, area px)."""
    h, w = small.shape[:2]
    hsv = cv2.cvtColor(small, cv2.COLOR_RGB2HSV)
    hh, ss, vv = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    red = (((hh <= 8) | (hh >= 170)) & (ss >= 120) & (vv >= 80)).astype(np.uint8)
    white = ((vv >= 240) & (ss <= 40)).astype(np.uint8)
    res: dict[str, list] = {"red": [], "white": []}
    for name, m in (("red", red), ("white", white)):
        if mask is not None:
            m = m * mask.astype(np.uint8)
        m[: int(0.25 * h)] = 0
        n, _, stats, cents = cv2.connectedComponentsWithStats(m, 8)
        for i in range(1, n):
            a = int(stats[i, cv2.CC_STAT_AREA])
            if a < 0.0004 * h * w or a > 0.03 * h * w:
                continue
            res[name].append((float(cents[i][0]), float(cents[i][1]), float(a)))
    # a red body: red everywhere is paint, not lamps
    if sum(a for *_xy, a in res["red"]) > 0.08 * h * w or red.mean() > 0.15:
        res["red"] = []
    if white.mean() > 0.15:
        res["white"] = []
    return res
