"""Fitting the full-turn view head (:mod:`vincheck.photo.view_turn`): a softmax regression
over azimuth bins with smoothed targets, L2, full-batch Adam in numpy (build time only)."""

from __future__ import annotations

import numpy as np

from vincheck.photo.view_turn import BINS, mirror_bins, softmax

SMOOTH_DEG = 12.0  # sigma of the Gaussian the one-hot bin target is smoothed with


def targets(az: np.ndarray) -> np.ndarray:
    """Smoothed bin targets (n x BINS) of azimuths in degrees."""
    centres = np.arange(BINS) * (360.0 / BINS)
    d = np.abs((centres[None, :] - az[:, None] + 180) % 360 - 180)
    t = np.exp(-0.5 * (d / SMOOTH_DEG) ** 2)
    return t / t.sum(1, keepdims=True)


def fit(x: np.ndarray, az: np.ndarray, weight: np.ndarray | None = None, l2: float = 1e-3,
        steps: int = 300, rate: float = 0.01, seed: int = 0) -> dict[str, np.ndarray]:
    """Weights {mean, scale, w, b} from features ``x`` (n x 2 x D: each crop and its
    mirror) and azimuths ``az`` (deg). Each sample enters twice: as it is and mirrored
    (the mirror's features with the azimuth 360 - az)."""
    feats = np.concatenate([x[:, 0], x[:, 1]]).astype(np.float64)
    a = np.concatenate([az, (360.0 - az) % 360])
    sw = np.ones(len(a)) if weight is None else np.concatenate([weight, weight])
    sw = sw / sw.mean()
    mean = feats.mean(0)
    scale = feats.std(0) + 1e-6
    z = (feats - mean) / scale
    t = targets(a)
    rng = np.random.default_rng(seed)
    w = rng.normal(0, 1e-3, (z.shape[1], BINS))
    b = np.zeros(BINS)
    mw, vw, mb, vb = (np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b))
    n = len(z)
    for step in range(1, steps + 1):
        p = softmax(z @ w + b)
        g = (p - t) * sw[:, None] / n
        gw = z.T @ g + l2 * w
        gb = g.sum(0)
        for param, grad, m, v in ((w, gw, mw, vw), (b, gb, mb, vb)):
            m *= 0.9
            m += 0.1 * grad
            v *= 0.999
            v += 0.001 * grad * grad
            param -= rate * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
    return {"mean": mean.astype(np.float32), "scale": scale.astype(np.float32),
            "w": w.astype(np.float32), "b": b.astype(np.float32)}


def predict(x: np.ndarray, weights: dict[str, np.ndarray]) -> np.ndarray:
    """Bin probabilities (n x BINS) of features ``x`` (n x 2 x D), mirror-averaged."""
    z = (x - weights["mean"]) / weights["scale"]
    p = softmax(z @ weights["w"] + weights["b"])
    return 0.5 * (p[:, 0] + mirror_bins(p[:, 1]))
