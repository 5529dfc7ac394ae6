"""Sub-pixel edges of a print along probes (area coverage of the bed-to-print colour
step, exact for any symmetric blur) and the robust fits of side lines and of corner
circles tangent to both neighbouring sides. Pixels of the crop the caller passes."""

from __future__ import annotations

import math

import cv2
import numpy as np


def edges_from_bed(img: np.ndarray, origins: np.ndarray, dirs: np.ndarray,
                    t_lo: np.ndarray | float, t_hi: np.ndarray | float, tau: float,
                    step: float = 0.25, bed_len: float = 3.0,
                    grad_half: float = 2.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sub-pixel print edge along probes, found from the bed side.

    Probe k is ``origins[k] + t * dirs[k]`` with ``dirs`` pointing from the print out to
    the bed; t runs over [t_lo, t_hi] px and the last ``bed_len`` px must be bed. Coming
    in from the bed, the first sample whose colour differs from the bed's by more than
    ``tau`` marks the edge roughly; the edge is then the centroid of the colour-gradient
    magnitude around its peak next to that point (+- ``grad_half`` px). The bed is
    uniform, so picture content inside the print never pulls the edge inwards.
    Returns (t of the edge, valid flags, colour contrast across the edge).
    """
    n = len(origins)
    t_lo = np.broadcast_to(np.asarray(t_lo, float), (n,))
    t_hi = np.broadcast_to(np.asarray(t_hi, float), (n,))
    span = float(np.max(t_hi - t_lo))
    ts = np.arange(0.0, span + 1e-9, step)
    tt = t_lo[:, None] + ts[None, :]
    xs = (origins[:, 0:1] + tt * dirs[:, 0:1]).astype(np.float32)
    ys = (origins[:, 1:2] + tt * dirs[:, 1:2]).astype(np.float32)
    prof = cv2.remap(img, xs, ys, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    prof = prof.reshape(n, len(ts), -1).astype(np.float32)
    n_bed = max(2, int(round(bed_len / step)))
    bed = np.median(prof[:, -n_bed:], axis=1)
    dist = np.linalg.norm(prof - bed[:, None, :], axis=2)
    above = dist > tau
    above[:, -n_bed:] = False
    # last index (largest t, nearest the bed) that differs from the bed
    rev = above[:, ::-1]
    has = rev.any(axis=1)
    first = len(ts) - 1 - np.argmax(rev, axis=1)
    grad = np.linalg.norm(np.gradient(prof, step, axis=1), axis=2)
    idx = np.arange(len(ts))[None, :]
    # the gradient peak lies between a few px inside and just outside the first departure
    near = (idx >= first[:, None] - int(4.0 / step)) & (idx <= first[:, None] + int(1.5 / step))
    gpk = np.where(near, grad, -1.0)
    peak = np.argmax(gpk, axis=1)
    gmax = grad[np.arange(n), peak]
    win = (np.abs(idx - peak[:, None]) * step <= grad_half)
    wgt = np.where(win, np.maximum(grad - 0.25 * gmax[:, None], 0.0), 0.0)
    t_rel = (wgt @ ts) / np.maximum(wgt.sum(axis=1), 1e-9)
    inside = np.clip(first - int(3.0 / step), 0, len(ts) - 1)
    contrast = dist[np.arange(n), inside]
    ok = has & (first > int(grad_half / step) + 1) & (contrast > tau)
    # the centroid window must not reach the bed reference
    ok &= peak < len(ts) - n_bed - int(grad_half / step)
    return t_lo + t_rel, ok, contrast


def fit_line(pts: np.ndarray, iters: int = 4) -> tuple[np.ndarray, float, float, np.ndarray]:
    """Total-least-squares line with outlier trimming: (unit normal, d, rms, inliers)."""
    keep = np.ones(len(pts), bool)
    nrm, d, rms = np.array([0.0, 1.0]), 0.0, float("inf")
    for _ in range(iters):
        if keep.sum() < 5:
            break
        q = pts[keep]
        c = q.mean(axis=0)
        _, _, vt = np.linalg.svd(q - c, full_matrices=False)
        nrm = vt[1]
        d = float(nrm @ c)
        r = pts @ nrm - d
        sigma = 1.4826 * float(np.median(np.abs(r[keep]))) + 0.02
        keep = np.abs(r) < 3.0 * sigma
        rms = float(np.sqrt(np.mean(r[keep] ** 2))) if keep.any() else rms
    return nrm, d, rms, keep


def intersect(l1: tuple[float, float, float], l2: tuple[float, float, float],
               off: float = 0.0) -> np.ndarray:
    """Point at signed distance -off (inside) from both lines n . p = d."""
    a = np.array([[l1[0], l1[1]], [l2[0], l2[1]]])
    return np.linalg.solve(a, np.array([l1[2] - off, l2[2] - off]))


def kasa(pts: np.ndarray) -> tuple[float, float, float]:
    """Algebraic (Kasa) circle fit: centre x, y and radius."""
    x, y = pts[:, 0], pts[:, 1]
    a = np.column_stack([x, y, np.ones_like(x)])
    b = x * x + y * y
    sol, *_ = np.linalg.lstsq(a, b, rcond=None)
    cx, cy = sol[0] / 2, sol[1] / 2
    return float(cx), float(cy), float(math.sqrt(max(sol[2] + cx * cx + cy * cy, 0.0)))


def _fit_tangent_circle(pts: np.ndarray, c0: np.ndarray, g: np.ndarray,
                        r_init: float) -> tuple[float, float]:
    """Radius r minimising sum(|p - (c0 + r g)| - r)^2 (circle touching both side lines);
    returns (r, rms residual px)."""
    r = r_init
    for _ in range(20):
        c = c0 + r * g
        v = pts - c
        dist = np.linalg.norm(v, axis=1)
        f = dist - r
        j = -(v @ g) / np.maximum(dist, 1e-9) - 1.0
        step = float(np.sum(j * f) / max(float(np.sum(j * j)), 1e-12))
        r -= step
        if abs(step) < 1e-6:
            break
    c = c0 + r * g
    f = np.linalg.norm(pts - c, axis=1) - r
    return float(r), float(np.sqrt(np.mean(f * f)))


def robust_tangent_circle(pts: np.ndarray, c0: np.ndarray, g: np.ndarray,
                           r_init: float) -> tuple[float, float, np.ndarray]:
    """:func:`_fit_tangent_circle` with outlier trimming; returns (r, rms, inliers)."""
    keep = np.ones(len(pts), bool)
    r, rms = r_init, float("inf")
    for _ in range(4):
        if keep.sum() < 6:
            break
        r, rms = _fit_tangent_circle(pts[keep], c0, g, r)
        res = np.linalg.norm(pts - (c0 + r * g), axis=1) - r
        sigma = 1.4826 * float(np.median(np.abs(res[keep])))
        keep = np.abs(res) < max(3.0 * sigma, 0.3)
    return r, rms, keep
