"""Plate colours and plate-panel evidence: HSV masks of plate backgrounds, the colour of
the panel behind a text line, the plate's rim and the EU band.

Chinese plates: blue with white characters, yellow with black, new-energy green (a
white-to-green gradient) with black, white with black/red, black with white. Foreign
plates are mostly white or yellow with dark characters, EU ones with a blue band on the
left. OpenCV HSV: H 0-180, S/V 0-255.
"""

from __future__ import annotations

import cv2
import numpy as np

PLATE_COLOURS = ("blue", "yellow", "green", "white", "black")


def plate_colour_masks(rgb: np.ndarray) -> dict[str, np.ndarray]:
    """uint8 masks (0/255) of saturated plate backgrounds: blue, yellow, green."""
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    hh, ss, vv = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    blue = (hh >= 100) & (hh <= 124) & (ss >= 110) & (vv >= 70)
    yellow = (hh >= 16) & (hh <= 34) & (ss >= 110) & (vv >= 110)
    green = (hh >= 40) & (hh <= 85) & (ss >= 50) & (vv >= 120)
    return {k: m.astype(np.uint8) * 255 for k, m in
            (("blue", blue), ("yellow", yellow), ("green", green))}


def _hsv_name(rgb_mean: np.ndarray, lighter_than_marks: bool = True) -> str:
    """Plate colour name of one mean RGB background colour (blue/yellow/green/white/black
    or ""). Yellow starts at hue 16 (orange car paint is 8-15). An unsaturated background
    is white when it is lighter than the characters on it (a white plate in shade or at
    night stays lighter than its characters) and black when darker."""
    px = np.clip(rgb_mean, 0, 255).astype(np.uint8).reshape(1, 1, 3)
    h, s, v = (int(x) for x in cv2.cvtColor(px, cv2.COLOR_RGB2HSV)[0, 0])
    if s >= 70 and v >= 60:
        if 95 <= h <= 130:
            return "blue"
        if 16 <= h <= 36:
            return "yellow"
        if 36 < h <= 90:
            return "green"
        return ""
    if s < 70 and lighter_than_marks and v >= 60:
        return "white"
    if s < 70 and not lighter_than_marks and v < 90:
        return "black"
    return ""


def panel_evidence(tight_rgb: np.ndarray, padded_rgb: np.ndarray) -> tuple[str, float]:
    """(background colour name, evidence 0-1) that a text line sits on a plate panel.

    ``tight_rgb``: the text line rectified tightly; ``padded_rgb``: the same with a margin
    of about a third of its height above and below. A plate shows characters in strong
    contrast to one even background colour (blue/yellow/green best, white/black next)
    that continues into the margin above and below the characters (the plate's rim); text
    burned into a frame or painted on a scene has no such even margin."""
    if tight_rgb.size == 0 or padded_rgb.size == 0:
        return "", 0.0
    g = cv2.cvtColor(tight_rgb, cv2.COLOR_RGB2GRAY)
    thr, bw = cv2.threshold(g, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    light = bw > 0
    bg_is_light = light.mean() >= 0.5
    bg = light if bg_is_light else ~light
    if bg.sum() < 10 or (~bg).sum() < 5:
        return "", 0.0
    pix = tight_rgb.reshape(-1, 3).astype(np.float32)
    bg_col = pix[bg.ravel()].mean(0)
    fg_col = pix[~bg.ravel()].mean(0)
    contrast = abs(float(g[bg].mean()) - float(g[~bg].mean()))
    name = _hsv_name(bg_col, float(g[bg].mean()) > float(g[~bg].mean()))
    # characters must contrast with the background: white on blue/green/black, dark on
    # white/yellow/green
    contrast_term = float(np.clip((contrast - 25.0) / 50.0, 0.0, 1.0))
    colour_term = {"blue": 1.0, "yellow": 1.0, "green": 1.0, "white": 0.8,
                   "black": 0.6}.get(name, 0.25)
    spread = float(np.linalg.norm(pix[bg.ravel()].std(0)))
    uniform = float(np.clip(1.0 - (spread - 15.0) / 45.0, 0.0, 1.0))
    # the margin: rows above and below the characters in the padded crop
    ph = padded_rgb.shape[0]
    band = max(1, int(round(ph * 0.12)))
    margin = np.concatenate([padded_rgb[:band], padded_rgb[-band:]]).reshape(-1, 3)
    dist = np.linalg.norm(margin.astype(np.float32) - bg_col, axis=1)
    tol = max(30.0, 0.45 * float(np.linalg.norm(bg_col - fg_col)))
    ring = float(np.clip(((dist < tol).mean() - 0.3) / 0.5, 0.0, 1.0))
    evidence = contrast_term * (0.4 * colour_term + 0.3 * ring + 0.3 * uniform)
    return name, float(evidence)


def frame_evidence(framed_rgb: np.ndarray, pad_y: float) -> float:
    """0-1: straight horizontal edges around the top and the bottom of the characters
    (the plate's rim). ``framed_rgb``: the text line rectified with a margin of ``pad_y``
    of its height above and below. An edge counts by the share of the line's width it runs
    along without a gap (characters' own tops cover about half of it); the weaker of the
    top and the bottom edge counts."""
    g = cv2.cvtColor(framed_rgb, cv2.COLOR_RGB2GRAY).astype(np.float32)
    h, w = g.shape
    if h < 12 or w < 12:
        return 0.0
    gy = np.abs(cv2.Sobel(cv2.GaussianBlur(g, (3, 3), 0), cv2.CV_32F, 0, 1, ksize=3))
    gy = gy[:, int(w * 0.08): max(int(w * 0.08) + 1, int(w * 0.92))]
    thr = max(16.0, 0.3 * float(np.percentile(gy, 97)))
    # a rim that drifts by a pixel along the line still counts: each row takes the
    # strongest edge of itself and its two neighbours
    near = np.maximum(np.maximum(gy, np.roll(gy, 1, axis=0)), np.roll(gy, -1, axis=0))
    cover = (near > thr).mean(1)
    top = h * pad_y / (1 + 2 * pad_y)
    text_h = h - 2 * top
    reach = int(round(top + 0.2 * text_h))
    above = cover[1:max(2, reach)]
    below = cover[min(h - 2, h - reach): h - 1]
    if above.size == 0 or below.size == 0:
        return 0.0
    weak = min(float(above.max()), float(below.max()))
    return float(np.clip((weak - 0.55) / 0.35, 0.0, 1.0))


def eu_band(left_rgb: np.ndarray) -> float:
    """0-1: a blue strip (the EU band) filling the area just left of the characters."""
    if left_rgb.size == 0:
        return 0.0
    hsv = cv2.cvtColor(left_rgb, cv2.COLOR_RGB2HSV)
    blue = (hsv[..., 0] >= 100) & (hsv[..., 0] <= 128) & (hsv[..., 1] >= 90) & \
        (hsv[..., 2] >= 50)
    cols = blue.mean(0)  # per column: share of the height that is blue
    return float(np.clip((cols.max() - 0.35) / 0.35, 0.0, 1.0)) if cols.size else 0.0
