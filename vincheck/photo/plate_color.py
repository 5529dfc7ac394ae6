"""Plate colours: HSV masks of plate backgrounds and the colour class of a plate crop.

Chinese plates: blue with white characters, yellow with black, new-energy green (a
white-to-green gradient) with black, white with black/red, black with white. Foreign
plates are mostly white or yellow with dark characters. OpenCV HSV: H 0-180, S/V 0-255.
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
    yellow = (hh >= 15) & (hh <= 34) & (ss >= 110) & (vv >= 110)
    green = (hh >= 40) & (hh <= 85) & (ss >= 50) & (vv >= 120)
    return {k: m.astype(np.uint8) * 255 for k, m in
            (("blue", blue), ("yellow", yellow), ("green", green))}


def pixel_classes(rgb: np.ndarray) -> dict[str, np.ndarray]:
    """Boolean masks of the five plate colours (white/black by value and low saturation)."""
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    ss, vv = hsv[..., 1], hsv[..., 2]
    m = {k: v > 0 for k, v in plate_colour_masks(rgb).items()}
    m["green"] |= (hsv[..., 0] >= 40) & (hsv[..., 0] <= 85) & (ss >= 25) & (vv >= 170)
    m["white"] = (ss < 45) & (vv >= 150)
    m["black"] = (vv < 60)
    return m


def plate_colour(crop_rgb: np.ndarray) -> tuple[str, float]:
    """The background colour of a plate crop and its pixel share 0-1.

    The background is the most common plate colour; a plate also needs contrasting
    characters, so a crop of one flat colour (a blank holder, a painted panel) whose
    grey-level spread is tiny gets the share halved."""
    if crop_rgb.size == 0:
        return "", 0.0
    classes = pixel_classes(crop_rgb)
    shares = {k: float(v.mean()) for k, v in classes.items()}
    name = max(shares, key=shares.get)  # type: ignore[arg-type]
    share = shares[name]
    g = cv2.cvtColor(crop_rgb, cv2.COLOR_RGB2GRAY).astype(np.float32)
    if float(g.std()) < 18:
        share *= 0.5
    if share < 0.2:
        return "", share
    return name, share
