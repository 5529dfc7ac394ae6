"""Is a file a certificate? By its name (合格证, hgz, certificate ...) or by its pixels: a
ruled form on paper."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from vincheck.barcodes import read_barcodes
from vincheck.certificate.from_barcode import values_from_barcodes

_FILENAME_HINTS = ("合格证", "hegezheng", "hgz", "certificate", "coc")


def name_says_certificate(path: str | Path) -> bool:
    """Whether a file name marks a certificate (合格证, hgz, certificate …)."""
    name = Path(path).stem.lower()
    return any(h in name for h in _FILENAME_HINTS)


FORM_WORK_SIZE = 800  # px: the longer side a page is reduced to before looking for rules


def ruled_form_lines(rgb: np.ndarray) -> tuple[int, int]:
    """(long roughly horizontal lines, long roughly vertical lines) on the page: the
    ruled table of a form. Lines are Hough segments at least a quarter of the page's width
    (a fifth of its height) long, within 10 degrees of the axes, merged by position."""
    import cv2

    arr = np.asarray(rgb)
    gray = cv2.cvtColor(arr[:, :, :3], cv2.COLOR_RGB2GRAY) if arr.ndim == 3 else arr
    h, w = gray.shape
    scale = FORM_WORK_SIZE / max(h, w)
    if scale < 1.0:
        gray = cv2.resize(gray, (round(w * scale), round(h * scale)),
                          interpolation=cv2.INTER_AREA)
    h, w = gray.shape
    dark = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C,
                                 cv2.THRESH_BINARY_INV, 25, 12)
    segs = cv2.HoughLinesP(dark, 1, np.pi / 360, threshold=int(0.15 * w),
                           minLineLength=int(0.2 * min(w, h)), maxLineGap=6)
    horiz: list[float] = []
    vert: list[float] = []
    for x0, y0, x1, y1 in ([] if segs is None else segs.reshape(-1, 4).tolist()):
        ang = math.degrees(math.atan2(y1 - y0, x1 - x0)) % 180
        length = math.hypot(x1 - x0, y1 - y0)
        if (ang < 10 or ang > 170) and length >= 0.25 * w:
            horiz.append((y0 + y1) / 2)
        elif 80 < ang < 100 and length >= 0.2 * h:
            vert.append((x0 + x1) / 2)

    def distinct(vals: list[float], gap: float) -> int:
        n, last = 0, -1e9
        for v in sorted(vals):
            if v - last > gap:
                n += 1
            last = v
        return n

    return distinct(horiz, 0.01 * h), distinct(vert, 0.01 * w)


#: A ruled form: at least this many long horizontal and vertical rules (generated
#: certificates: 17-31 and 6-9; photos of cars and VIN plates on paper: fewer) …
FORM_MIN_RULES = (10, 5)
#: … on a page mostly of paper (share of near-white low-saturation pixels, 0-1).
FORM_MIN_PAPER = 0.4


def looks_like_certificate(rgb: np.ndarray, paper: float) -> bool:
    """A ruled form on paper (:data:`FORM_MIN_RULES`, :data:`FORM_MIN_PAPER`; ``paper`` the
    share from :func:`vincheck.case_files.image_features`) or a barcode whose payload names
    a certificate field or is a VIN."""
    if paper >= FORM_MIN_PAPER:
        n_h, n_v = ruled_form_lines(rgb)
        if n_h >= FORM_MIN_RULES[0] and n_v >= FORM_MIN_RULES[1]:
            return True
    try:  # QR, DataMatrix, Code 39 read at any angle; no deskew pass (sorting stays quick)
        codes = read_barcodes(rgb, deskew=False)
    except Exception:  # noqa: BLE001 - sorting never fails for lack of a barcode reader
        return False
    return any(values_from_barcodes([b]) for b in codes)
