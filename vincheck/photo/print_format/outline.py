"""Find a print on the scanner bed: its rough outline at any rotation, or None for a
digital file (picture content to the edges, no bed around it)."""

from __future__ import annotations

import math

import cv2
import numpy as np

ROUGH_MAX_SIDE = 900  # px: the rough search runs on an image no larger than this


def _border_ring(rgb_small: np.ndarray, frac: float = 0.02) -> np.ndarray:
    h, w = rgb_small.shape[:2]
    k = max(2, int(round(min(h, w) * frac)))
    ring = np.concatenate([
        rgb_small[:k].reshape(-1, 3), rgb_small[-k:].reshape(-1, 3),
        rgb_small[:, :k].reshape(-1, 3), rgb_small[:, -k:].reshape(-1, 3)])
    return ring.astype(np.float32)


def find_print_outline(rgb: np.ndarray) -> tuple[np.ndarray, float] | None:
    """Find a print lying on a uniform scanner bed.

    Returns the print's rough rotated rectangle as 4 corner points (loaded-image px) and
    the bed colour's noise level, or None when the image is not a scan of a print on a bed
    (the border is not uniform, or no rectangular region with bed all around is found).
    """
    h, w = rgb.shape[:2]
    scale = min(1.0, ROUGH_MAX_SIDE / max(h, w))
    small = cv2.resize(rgb, (max(1, int(round(w * scale))), max(1, int(round(h * scale)))),
                       interpolation=cv2.INTER_AREA) if scale < 1 else rgb
    small = small.astype(np.float32)
    ring = _border_ring(small)
    bed = np.median(ring, axis=0)
    dist_ring = np.linalg.norm(ring - bed, axis=1)
    # A bed: (nearly) the whole border within a small colour distance of its median.
    spread = float(np.percentile(dist_ring, 50))
    tol = max(10.0, 6.0 * spread)
    if float(np.mean(dist_ring < tol)) < 0.97:
        return None
    dist = np.linalg.norm(small - bed, axis=2)
    mask = (dist > tol).astype(np.uint8)
    sh, sw = mask.shape
    k = max(3, int(round(min(sh, sw) * 0.01)) | 1)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(
        cv2.MORPH_ELLIPSE, (k, k)))
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if n <= 1:
        return None
    best = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    x, y, bw, bh, area = stats[best]
    if area < 0.04 * sh * sw:
        return None
    if x <= 0 or y <= 0 or x + bw >= sw or y + bh >= sh:
        return None  # touches the border: picture content to the edge
    pts = cv2.findNonZero((labels == best).astype(np.uint8))
    hull = cv2.convexHull(pts)
    rect = cv2.minAreaRect(hull)
    rw, rh = rect[1]
    if rw < 8 or rh < 8:
        return None
    # a print (even with rounded corners and pale areas) nearly fills its rectangle
    if cv2.contourArea(hull) < 0.93 * rw * rh:
        return None
    box = cv2.boxPoints(rect) / scale + (1.0 / scale - 1.0) / 2.0
    return box.astype(np.float64), spread


def order_box(box: np.ndarray) -> tuple[np.ndarray, float, float, float]:
    """Centre, angle (radians, the longer side's direction within (-pi/4, pi/4] of the x
    axis or of the y axis), half extents along the rotated axes for a 4-point box."""
    c = box.mean(axis=0)
    e1 = box[1] - box[0]
    ang = math.atan2(e1[1], e1[0])
    # fold to (-45, 45] degrees: the side nearest the x axis is "horizontal"
    ang = (ang + math.pi / 4) % (math.pi / 2) - math.pi / 4
    ux = np.array([math.cos(ang), math.sin(ang)])
    uy = np.array([-math.sin(ang), math.cos(ang)])
    rel = box - c
    half_w = float(np.max(np.abs(rel @ ux)))
    half_h = float(np.max(np.abs(rel @ uy)))
    return c, ang, half_w, half_h
