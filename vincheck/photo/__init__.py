"""The exterior vehicle photo check (Annex 1): print format, plate, vehicle fill, view
angle, sharpness, exposure and body colour -> one :class:`~vincheck.findings.PhotoResult`.

Order of work: decide scan or digital file and measure the print (:mod:`.print_format`);
the picture inside the print (deskewed) or the whole digital file is then checked for
plates (:mod:`.plates`), the vehicle's region and fill (:mod:`.vehicle`), the view
(:mod:`.view`), sharpness and exposure (:mod:`.quality`) and body colour (:mod:`.color`).
Every finding is kept, passing ones too, so a checklist shows every rule. Evidence and
boxes are mapped back to the loaded image's pixels.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from vincheck.errors import UsageError
from vincheck.findings import Finding, PhotoResult, PlateRead, Shape
from vincheck.rules import RULES
from vincheck.settings import PhotoSettings, Settings

if TYPE_CHECKING:
    from vincheck.cancel import CancelToken
    from vincheck.imageio import LoadedImage

KINDS = ("car", "trailer")
# px: a larger picture (a 24-50 Mpx camera file) is checked on a copy scaled down to this
# size, evidence mapped back; every rule is scale-free (shares, angles, blur at a fixed
# width) and a 12 Mpx phone photo is checked as it is. A 27 Mpx photo took 1.0 s, most
# of it in full-size resizing and masks
PICTURE_WORK_PIXELS = 12_500_000
# the order findings are listed in (a checklist of every rule): the rule registry's
CODE_ORDER = tuple(code for code, rule in RULES.items() if rule.group == "photo")


def _photo_settings(settings: Settings | PhotoSettings | None) -> PhotoSettings:
    if settings is None:
        return PhotoSettings()
    if isinstance(settings, Settings):
        return settings.photo
    return settings


def _map_points(coords: tuple[float, ...], a: np.ndarray) -> tuple[float, ...]:
    pts = np.asarray(coords, float).reshape(-1, 2)
    out = pts @ a[:, :2].T + a[:, 2]
    return tuple(float(v) for v in out.ravel())


def _is_axis_aligned(a: np.ndarray) -> bool:
    """No rotation or mirroring: a shift and a positive scale per axis."""
    return bool(abs(a[0, 1]) < 1e-4 and abs(a[1, 0]) < 1e-4 and a[0, 0] > 0 and a[1, 1] > 0)


def _box_corners(x: float, y: float, w: float, h: float) -> tuple[float, ...]:
    return (x, y, x + w, y, x + w, y + h, x, y + h)


def map_shape(shape: Shape, a: np.ndarray) -> Shape:
    """A shape in picture px -> the same shape in loaded-image px (``a``: 2 x 3 affine).
    An axis-aligned box becomes a polygon when the picture was rotated."""
    c = shape.coords
    kw = {"label": shape.label, "role": shape.role, "page": shape.page}
    if shape.kind == "box" and len(c) == 4:
        if _is_axis_aligned(a):
            x, y = _map_points(c[:2], a)
            return Shape("box", (x, y, c[2] * a[0, 0], c[3] * a[1, 1]), **kw)
        return Shape("polygon", _map_points(_box_corners(*c), a), **kw)
    if shape.kind == "circle" and len(c) == 3:
        x, y = _map_points(c[:2], a)
        scale = float(np.sqrt(abs(np.linalg.det(a[:, :2]))))
        return Shape("circle", (x, y, c[2] * scale), **kw)
    if shape.kind in ("polygon", "polyline", "point") and len(c) % 2 == 0:
        return Shape(shape.kind, _map_points(c, a), **kw)
    return shape


def map_box(box: tuple[float, ...], a: np.ndarray) -> tuple[float, float, float, float]:
    """An (x, y, w, h) box in picture px -> the axis-aligned box around it in image px."""
    pts = np.asarray(_map_points(_box_corners(*box[:4]), a)).reshape(-1, 2)
    x0, y0 = pts.min(axis=0)
    x1, y1 = pts.max(axis=0)
    return float(x0), float(y0), float(x1 - x0), float(y1 - y0)


def _map_findings(findings: list[Finding], a: np.ndarray) -> list[Finding]:
    for f in findings:
        f.evidence = [map_shape(s, a) for s in f.evidence]
    return findings


def _map_plate(p: PlateRead, a: np.ndarray) -> PlateRead:
    box = p.box
    if len(box) == 4:  # x, y, w, h
        box = _box_corners(*box)
    return replace(p, box=_map_points(box, a))


def _work_picture(pic: np.ndarray, to_image: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The picture the rules are checked on and its map to the loaded image (2 x 3 affine):
    scaled down to :data:`PICTURE_WORK_PIXELS` when larger."""
    import cv2

    h, w = pic.shape[:2]
    if h * w <= PICTURE_WORK_PIXELS:
        return pic, to_image
    f = float(np.sqrt(PICTURE_WORK_PIXELS / (h * w)))
    size = (max(1, round(w * f)), max(1, round(h * f)))
    small = cv2.resize(pic, size, interpolation=cv2.INTER_AREA)
    a = np.asarray(to_image, float).copy()
    a[:, 0] *= w / size[0]  # a small-picture px spans this many picture px
    a[:, 1] *= h / size[1]
    return small, a


def check_photo(image: LoadedImage, settings: Settings | PhotoSettings | None = None,
                kind: str = "car", color: str | None = None,
                cancel: CancelToken | None = None) -> PhotoResult:
    """Check one loaded photo (a print scan or a digital file) against Annex 1.

    ``kind`` is "car" or "trailer"; ``color`` the certificate's body colour (Chinese or
    English name) or None. Raises UsageError for a bad kind or colour name and Cancelled
    when ``cancel`` is set.
    """
    from vincheck.photo.color import judge_color, measure_body_color, normalize_color_name
    from vincheck.photo.plate_owner import mark_owners
    from vincheck.photo.plates import detect_plates, judge_plates
    from vincheck.photo.print_format import judge_print, measure_print
    from vincheck.photo.quality import judge_quality, measure_quality
    from vincheck.photo.vehicle import judge_vehicle, locate_vehicle
    from vincheck.photo.view import estimate_view, judge_view

    t0 = time.perf_counter()
    ps = _photo_settings(settings)
    if kind not in KINDS:
        raise UsageError(f"unknown vehicle kind {kind!r}; use 'car' or 'trailer'")
    expected = normalize_color_name(color) if color else None

    def poll() -> None:
        if cancel is not None:
            cancel.check()

    poll()
    size = (image.width, image.height)
    m = measure_print(image.rgb, image.dpi, ps)
    print_findings = judge_print(m, size, ps)  # already in image px
    findings: list[Finding] = []  # in picture px until mapped below
    pic, a = _work_picture(m.picture, m.to_image)
    pic_size = (int(pic.shape[1]), int(pic.shape[0]))
    poll()
    plates = detect_plates(pic, ps)
    poll()
    region = locate_vehicle(pic, ps, plates=plates)
    plates = mark_owners(plates, None if region is None else region.box, pic_size)
    findings.append(judge_plates(plates, ps))
    findings.extend(judge_vehicle(region, pic_size, ps))
    poll()
    # a plate on another vehicle says nothing of this one's view
    view = estimate_view(pic, region, ps, plates=[p for p in plates if p.on_vehicle is not False])
    findings.append(judge_view(view, kind, ps))
    poll()
    findings.extend(judge_quality(
        measure_quality(pic, ps, None if region is None else region.box), ps))
    poll()
    body = measure_body_color(pic, None if region is None else region.mask,
                              None if region is None else region.box)
    findings.append(judge_color(body, expected, ps, scanned=m.is_scan))
    findings = print_findings + _map_findings(findings, a)
    order = {c: i for i, c in enumerate(CODE_ORDER)}
    findings.sort(key=lambda f: order.get(f.code, len(order)))

    result = PhotoResult(
        file=image.path, findings=findings, is_scan=m.is_scan, view=view.view,
        azimuth_deg=None if view.azimuth_deg is None else float(view.azimuth_deg),
        fill_ratio=None if region is None else float(region.fill_bbox),
        vehicle_box=None if region is None else map_box(region.box, a),
        plates=[_map_plate(p, a) for p in plates], color=body.name,
        color_confidence=body.confidence if body.name else None,
        width_mm=None if m.width_mm is None else round(m.width_mm, 3),
        height_mm=None if m.height_mm is None else round(m.height_mm, 3),
        corner_radii_mm=None if m.corner_radii_mm is None else [
            None if r is None else round(r, 3) for r in m.corner_radii_mm],  # type: ignore[misc]
        picture_box=m.picture_box, dpi=image.dpi, image_size=size, page=image.page)
    result.ms = (time.perf_counter() - t0) * 1000.0
    return result


def check_photo_file(path: str | Path, settings: Settings | PhotoSettings | None = None,
                     kind: str = "car", color: str | None = None, dpi: float | None = None,
                     cancel: CancelToken | None = None) -> list[PhotoResult]:
    """Load a photo file (every page of a TIFF) and check each page; ``dpi`` overrides the
    file's resolution. Input problems raise :class:`~vincheck.errors.InputFileError`."""
    from vincheck.imageio import DEFAULT_MAX_PIXELS, load_pages

    ps = _photo_settings(settings)
    max_pixels = settings.max_image_pixels if isinstance(settings, Settings) \
        else DEFAULT_MAX_PIXELS
    from vincheck.time_limit import Deadline

    deadline = Deadline(str(path), cancel=cancel)  # bounded time per file
    deadline.check()
    pages = load_pages(path, dpi=dpi, default_dpi=ps.default_dpi, max_pixels=max_pixels)
    out = []
    for page in pages:
        r = check_photo(page, settings, kind=kind, color=color,
                        cancel=deadline)  # type: ignore[arg-type]
        r.file = str(path)
        out.append(r)
    return out


__all__ = ["check_photo", "check_photo_file", "map_shape", "map_box", "CODE_ORDER"]
