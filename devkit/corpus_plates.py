"""Plate polygons of the labelled corpus photos and plate-free variants of them.

Registration photos must show no plate, so the plate-free vehicle and view estimates are
measured on the labelled real photos with their plates painted out. The plate outlines
come from each source's ground truth, read from the corpus at run time (nothing of it is
copied here): openalpr ``<image>.txt`` (x y w h), EasyPR ``ground_truth.tsv`` (rotated
rectangles), CCPD file names (corner points); photos without any source truth are outlined
by hand in ``tests/labels/photo_plate_polygons.csv``. Coordinates are px of the full image.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

from devkit.corpus import LABELS


@lru_cache(maxsize=4)
def _easypr(tsv: Path) -> dict[str, list[np.ndarray]]:
    out: dict[str, list[np.ndarray]] = {}
    with tsv.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            rect = ((float(r["x_center"]), float(r["y_center"])),
                    (float(r["width"]), float(r["height"])), float(r["rotation_deg"]))
            out.setdefault(r["file"], []).append(cv2.boxPoints(rect))
    return out


def _hand() -> dict[str, list[np.ndarray]]:
    out: dict[str, list[np.ndarray]] = {}
    with (LABELS / "photo_plate_polygons.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            pts = np.array([float(r[k]) for k in ("x1", "y1", "x2", "y2", "x3", "y3",
                                                  "x4", "y4")]).reshape(4, 2)
            out.setdefault(r["file"], []).append(pts)
    return out


def _ccpd(name: str) -> list[np.ndarray]:
    """CCPD names: area-tilt-bbox-four_corners-... ; corners 'x&y_x&y_x&y_x&y'."""
    parts = Path(name).stem.split("-")
    if len(parts) < 4:
        return []
    try:
        pts = [tuple(float(v) for v in p.split("&")) for p in parts[3].split("_")]
    except ValueError:
        return []
    return [np.array(pts, float)] if len(pts) == 4 else []


def plate_polygons(corpus: Path, rel: str) -> list[np.ndarray]:
    """Every ground-truth plate outline (4 x 2 float px) of the corpus photo ``rel``."""
    hand = _hand()
    if rel in hand:
        return hand[rel]
    path = corpus / rel
    if rel.startswith("openalpr-benchmarks/"):
        txt = path.with_suffix(".txt")
        out = []
        for line in txt.read_text(encoding="utf-8").splitlines():
            f = line.split()
            if len(f) >= 5:
                x, y, w, h = (float(v) for v in f[1:5])
                out.append(np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]]))
        return out
    if rel.startswith("easypr-general-test/"):
        return _easypr(corpus / "easypr-general-test" / "ground_truth.tsv").get(path.name, [])
    if rel.startswith("ccpd"):
        return _ccpd(path.name)
    return []


def paint_out_plates(rgb: np.ndarray, polygons: list[np.ndarray],
                     grow: float = 0.25) -> np.ndarray:
    """A copy of ``rgb`` with each plate (grown by ``grow`` of its height on every side,
    for the frame and screws) filled in from the surrounding bumper (Telea inpainting on a
    crop around the plate)."""
    out = rgb.copy()
    h, w = rgb.shape[:2]
    for poly in polygons:
        q = np.asarray(poly, np.float32).reshape(-1, 2)
        c = q.mean(0)
        ph = max(4.0, float(min(np.ptp(q[:, 0]), np.ptp(q[:, 1]))))
        big = c + (q - c) * (1 + 2 * grow * ph / max(1.0, float(np.ptp(q, 0).min())))
        m = max(4, int(1.5 * ph))
        x0, y0 = (np.floor(big.min(0)) - m).astype(int)
        x1, y1 = (np.ceil(big.max(0)) + m).astype(int)
        x0, y0, x1, y1 = max(0, x0), max(0, y0), min(w, x1), min(h, y1)
        if x1 - x0 < 4 or y1 - y0 < 4:
            continue
        crop = np.ascontiguousarray(out[y0:y1, x0:x1])
        mask = np.zeros(crop.shape[:2], np.uint8)
        cv2.fillPoly(mask, [np.round(big - [x0, y0]).astype(np.int32)], 255)
        out[y0:y1, x0:x1] = cv2.inpaint(crop, mask, max(3.0, ph / 4), cv2.INPAINT_TELEA)
    return out
