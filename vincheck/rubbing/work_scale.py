"""The resolution a rubbing sheet is checked at.

A rubbing's characters are at least 7 mm high: at 600 dpi that is 165 px, at 500 dpi
135 px, far more than the reader needs (it is tuned on 300 dpi scans). A larger scan (a
1200 dpi sheet, a 12000 x 12000 px file) is checked on a copy scaled down to at most
:data:`WORK_MAX_DPI` and :data:`WORK_MAX_PIXELS`; the copy's DPI is scaled with it, so
every mm measurement stays right, and every px of the result (rubbing outlines, character
boxes, evidence, ``*_px`` measurements) is mapped back to the file's own pixels. Without
this, the morphology of :mod:`vincheck.rubbing.segment` (kernels of about 1/70 of a
strip's height) ran for over 400 s on a 108 Mpx sheet. The time of one file is bounded
by :class:`vincheck.time_limit.Deadline`.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import cv2

from vincheck.findings import CharRead, Finding, RubbingResult, Shape, SheetResult
from vincheck.imageio import LoadedImage

WORK_MAX_DPI = 600.0  # dpi: a sheet scanned finer is checked at this resolution
# px: also bounds a sheet of unknown DPI. A4 is 35 Mpx at 600 dpi, 24 Mpx at 500 dpi: the
# check took 14.6 s at 36 Mpx, 10.6 s at 24 and 7.4 s at 16 (a 144 Mpx sheet, this machine
# under shared load), and read the same VINs at each
WORK_MAX_PIXELS = 24_000_000


def work_factor(width: int, height: int, dpi: float | None) -> float:
    """Scale (work px per file px, <= 1) for a page of ``width`` x ``height`` px at ``dpi``."""
    f = 1.0
    if dpi is not None and dpi > WORK_MAX_DPI:
        f = WORK_MAX_DPI / dpi
    px = width * height * f * f
    if px > WORK_MAX_PIXELS:
        f *= math.sqrt(WORK_MAX_PIXELS / px)
    return min(1.0, f)


def work_page(page: LoadedImage) -> tuple[LoadedImage, float, float]:
    """The page to check and its scale (fx, fy: work px per file px along x and y)."""
    f = work_factor(page.width, page.height, page.dpi)
    if f >= 1.0:
        return page, 1.0, 1.0
    size = (max(1, round(page.width * f)), max(1, round(page.height * f)))
    fx, fy = size[0] / page.width, size[1] / page.height
    small = cv2.resize(page.rgb, size, interpolation=cv2.INTER_AREA)
    dpi = None if page.dpi is None else page.dpi * math.sqrt(fx * fy)
    return replace(page, rgb=small, dpi=dpi), fx, fy


def _xy(coords: Any, sx: float, sy: float) -> tuple[float, ...]:
    return tuple(float(c) * (sx if i % 2 == 0 else sy) for i, c in enumerate(coords))


def _shape(s: Shape, sx: float, sy: float) -> Shape:
    if s.kind == "circle" and len(s.coords) == 3:
        x, y, r = s.coords
        return replace(s, coords=(x * sx, y * sy, r * math.sqrt(sx * sy)))
    return replace(s, coords=_xy(s.coords, sx, sy))  # box: x, y, w, h scale the same way


def _measured(v: Any, k: float) -> Any:
    if isinstance(v, dict):
        return {key: (x * k if key.endswith("_px") and isinstance(x, (int, float))
                      and not isinstance(x, bool) else x) for key, x in v.items()}
    return v


def _finding(f: Finding, sx: float, sy: float) -> Finding:
    f.evidence = [_shape(s, sx, sy) for s in f.evidence]
    k = math.sqrt(sx * sy)
    if f.unit == "px" and isinstance(f.measured, (int, float)):
        f.measured = f.measured * k
    else:
        f.measured = _measured(f.measured, k)
    return f


def to_file_pixels(sheet: SheetResult, page: LoadedImage, fx: float, fy: float) -> SheetResult:
    """``sheet`` (checked on the work copy) with every coordinate in ``page``'s px, and
    ``page``'s own size and DPI (in place; returns it)."""
    sheet.image_size = (page.width, page.height)
    sheet.dpi = page.dpi
    if fx == 1.0 and fy == 1.0:
        return sheet
    sx, sy = 1.0 / fx, 1.0 / fy
    for r in sheet.rubbings:
        _rubbing(r, sx, sy)
    sheet.findings = [_finding(f, sx, sy) for f in sheet.findings]
    return sheet


def _rubbing(r: RubbingResult, sx: float, sy: float) -> None:
    r.box = _xy(r.box, sx, sy)
    r.chars = [CharRead(c.char, c.confidence, _xy(c.box, sx, sy), c.alternatives)
               for c in r.chars]
    r.findings = [_finding(f, sx, sy) for f in r.findings]
