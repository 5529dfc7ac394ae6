"""Measure a photo print: scan or digital file, the print's size in mm and corner radii
from its geometry and the DPI, and the deskewed picture the other checks use."""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from vincheck.photo.print_format.geometry import PrintGeometry, fit_print_geometry
from vincheck.photo.print_format.outline import find_print_outline, order_box
from vincheck.settings import PhotoSettings


@dataclass
class PrintMeasurement:
    """Result of :func:`measure_print`.

    ``picture`` is the deskewed picture (RGB) the other checks use; ``to_image`` is the
    2 x 3 affine matrix mapping picture px to loaded-image px. For a digital file the
    picture is the whole image and ``to_image`` the identity.
    """

    is_scan: bool
    picture: np.ndarray
    to_image: np.ndarray
    picture_box: tuple[float, ...]
    geometry: PrintGeometry | None = None
    dpi: float | None = None
    width_mm: float | None = None
    height_mm: float | None = None
    corner_radii_mm: list[float | None] | None = None
    note: str = ""  # why a scan could not be measured, if so


def _deskew_crop(rgb: np.ndarray, geom: PrintGeometry,
                 inset_px: float) -> tuple[np.ndarray, np.ndarray]:
    """The picture inside the print, rotated upright; returns (picture, picture->image
    2 x 3 affine)."""
    c = np.array(geom.corners)
    tl = c[0]
    ux = c[1] - c[0]
    ux /= np.linalg.norm(ux)
    uy = np.array([-ux[1], ux[0]])
    if uy @ (c[3] - c[0]) < 0:
        uy = -uy
    out_w = max(8, int(round(geom.width_px - 2 * inset_px)))
    out_h = max(8, int(round(geom.height_px - 2 * inset_px)))
    origin = tl + inset_px * ux + inset_px * uy
    to_image = np.array([[ux[0], uy[0], origin[0]], [ux[1], uy[1], origin[1]]])
    pic = cv2.warpAffine(rgb, to_image, (out_w, out_h),
                         flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                         borderMode=cv2.BORDER_REPLICATE)
    return pic, to_image


def measure_print(rgb: np.ndarray, dpi: float | None,
                  settings: PhotoSettings) -> PrintMeasurement:
    """Decide scan or digital file, and measure a scanned print.

    ``rgb`` is the loaded image (H x W x 3 uint8), ``dpi`` its resolution or None.
    """
    h, w = rgb.shape[:2]
    whole = (0.0, 0.0, float(w), 0.0, float(w), float(h), 0.0, float(h))
    found = find_print_outline(rgb)
    if found is None:
        return PrintMeasurement(is_scan=False, picture=rgb, to_image=np.array(
            [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]), picture_box=whole, dpi=dpi)
    box, _ = found
    guess = None
    if dpi:
        guess = settings.corner_radius_mm * dpi / 25.4
    geom = fit_print_geometry(rgb, box, guess)
    if geom is None:
        pic, to_image = _deskew_from_box(rgb, box)
        poly = tuple(float(v) for p in box for v in p)
        return PrintMeasurement(is_scan=True, picture=pic, to_image=to_image,
                                picture_box=poly, dpi=dpi,
                                note="the print's edges could not be located precisely "
                                     "(too little contrast against the scanner bed)")
    ppm = None if not dpi else dpi / 25.4
    long_px, short_px = max(geom.width_px, geom.height_px), min(geom.width_px, geom.height_px)
    max_r = max((r for r in geom.radii_px if r is not None), default=0.0)
    inset = max(2.0, 0.12 * max_r)  # ~0.5 mm: off the edge, keeps the picture area
    pic, to_image = _deskew_crop(rgb, geom, inset)
    poly = tuple(float(v) for p in geom.corners for v in p)
    m = PrintMeasurement(is_scan=True, picture=pic, to_image=to_image, picture_box=poly,
                         geometry=geom, dpi=dpi)
    if ppm:
        m.width_mm = float(long_px / ppm)
        m.height_mm = float(short_px / ppm)
        m.corner_radii_mm = [None if r is None else float(r / ppm) for r in geom.radii_px]
    return m


def _deskew_from_box(rgb: np.ndarray, box: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    centre, ang, half_w, half_h = order_box(box)
    ux = np.array([math.cos(ang), math.sin(ang)])
    uy = np.array([-math.sin(ang), math.cos(ang)])
    inset = 0.03 * min(half_w, half_h)
    origin = centre - (half_w - inset) * ux - (half_h - inset) * uy
    to_image = np.array([[ux[0], uy[0], origin[0]], [ux[1], uy[1], origin[1]]])
    size = (max(8, int(2 * (half_w - inset))), max(8, int(2 * (half_h - inset))))
    pic = cv2.warpAffine(rgb, to_image, size, flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                         borderMode=cv2.BORDER_REPLICATE)
    return pic, to_image
