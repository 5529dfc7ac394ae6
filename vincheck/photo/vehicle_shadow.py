"""The vehicle's cast shadow on the ground, which a colour segmentation glues to the body.

A cast shadow is the ground made darker: the same chroma as the ground around it (Lab a, b
within a few units), a lower lightness (but not the near-black of a tyre), smooth (few
edges), and below the body. The ground's colours are learnt from the bottom strip of the
picture and the lower parts of its side strips. All arrays are the working copy's px.
"""

from __future__ import annotations

import cv2
import numpy as np

CHROMA_TOL = 9.0  # Lab a/b units (8-bit scale) a shadowed ground pixel keeps
MIN_DARKENING = 8.0  # L units darker than the ground at least
MIN_L_SHARE = 0.22  # a shadow keeps at least this share of the ground's L (tyres go lower)
MAX_EDGE_DENSITY = 0.08  # blurred Canny share above which a region is body texture


def ground_palette(lab: np.ndarray, k: int = 6) -> np.ndarray:
    """Up to ``k`` Lab colours (float32, k x 3) of the ground: bottom strip and the lower
    fifth of the side strips."""
    h, w = lab.shape[:2]
    b = max(2, round(0.04 * h))
    sb = max(2, round(0.03 * w))
    parts = [lab[-b:], lab[int(0.8 * h):, :sb], lab[int(0.8 * h):, -sb:]]
    px = np.concatenate([p.reshape(-1, 3) for p in parts]).astype(np.float32)
    if len(px) < k:
        return px
    cv2.setRNGSeed(7)  # deterministic centres
    crit = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 10, 1.0)
    _, _, centers = cv2.kmeans(px, k, None, crit, 1, cv2.KMEANS_PP_CENTERS)
    return centers


def shadow_mask(small_rgb: np.ndarray, palette: np.ndarray | None = None) -> np.ndarray:
    """Bool mask (work size) of pixels that look like the ground in shadow."""
    lab = cv2.cvtColor(small_rgb, cv2.COLOR_RGB2LAB).astype(np.float32)
    if palette is None:
        palette = ground_palette(lab)
    if len(palette) == 0:
        return np.zeros(lab.shape[:2], bool)
    ab = lab[..., 1:]
    d_ab = np.linalg.norm(ab[:, :, None, :] - palette[None, None, :, 1:], axis=3)
    best = np.argmin(d_ab, axis=2)
    d = np.take_along_axis(d_ab, best[..., None], 2)[..., 0]
    lg = palette[best, 0]
    lp = lab[..., 0]
    like = (d < CHROMA_TOL) & (lp < lg - MIN_DARKENING) & (lp > MIN_L_SHARE * lg)
    gray = cv2.cvtColor(small_rgb, cv2.COLOR_RGB2GRAY)
    edges = cv2.Canny(gray, 40, 120).astype(np.float32) / 255
    k = max(3, round(0.025 * max(gray.shape))) | 1
    smooth = cv2.blur(edges, (k, k)) < MAX_EDGE_DENSITY
    return like & smooth


def strip_shadow(fg: np.ndarray, shadow: np.ndarray) -> np.ndarray:
    """``fg`` without the shadow pixels in the lower part of its box (bool, same size):
    from the row where the body's widest extent ends downwards, shadow-like pixels are
    dropped; the largest remaining component is kept."""
    ys, _ = np.nonzero(fg)
    if len(ys) == 0:
        return fg
    y0, y1 = ys.min(), ys.max() + 1
    lower = np.zeros_like(fg)
    lower[int(y0 + 0.45 * (y1 - y0)):] = True
    out = fg & ~(shadow & lower)
    k = max(3, round(0.012 * max(fg.shape))) | 1
    out = cv2.morphologyEx(out.astype(np.uint8), cv2.MORPH_OPEN, np.ones((k, k), np.uint8))
    n, lab, stats, _ = cv2.connectedComponentsWithStats(out, 8)
    if n <= 1:
        return fg
    main = int(np.argmax(stats[1:, cv2.CC_STAT_AREA])) + 1
    keep = lab == main
    # pieces of the body split off by the shadow cut (a wheel) that sit under the main part
    x, _y, w, _h = stats[main, :4]
    for i in range(1, n):
        if i == main or stats[i, cv2.CC_STAT_AREA] < 0.02 * stats[main, cv2.CC_STAT_AREA]:
            continue
        xi, _yi, wi, _hi = stats[i, :4]
        if xi >= x - 0.02 * w and xi + wi <= x + w * 1.02:
            keep |= lab == i
    return keep
