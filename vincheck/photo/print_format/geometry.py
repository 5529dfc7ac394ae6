"""The sub-pixel geometry of a scanned print: side lines, sharp corners, width and height
and corner arcs (:class:`PrintGeometry`), in loaded-image pixels."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from vincheck.photo.print_format.edges import (
    edges_from_bed,
    fit_line,
    intersect,
    kasa,
    robust_tangent_circle,
)
from vincheck.photo.print_format.outline import order_box


@dataclass
class PrintGeometry:
    """Where a print lies on a scan, in loaded-image pixels.

    ``lines`` are the four sides (top, right, bottom, left) as (nx, ny, d) with the outward
    unit normal n and n . p = d on the side. ``corners`` are the sharp corners where the
    side lines meet (top-left first, clockwise). ``radii_px`` / ``centres`` are the fitted
    corner arcs in the same order; ``free_radii_px`` the unconstrained circle fits.
    ``angle_deg`` is the rotation of the print's top side (counter-clockwise positive).
    """

    lines: list[tuple[float, float, float]]
    corners: list[tuple[float, float]]
    width_px: float
    height_px: float
    angle_deg: float
    radii_px: list[float | None]
    centres: list[tuple[float, float] | None]
    free_radii_px: list[float | None]
    side_rms_px: list[float]
    side_points: list[int]
    arc_points: list[np.ndarray] = field(default_factory=list)
    arc_rms_px: list[float | None] = field(default_factory=list)
    side_probes: list[int] = field(default_factory=list)



#: The sides meeting at each corner (top-left = top & left, top-right = top & right, ...).
CORNER_SIDES = ((0, 3), (0, 1), (2, 1), (2, 3))


@dataclass
class _Crop:
    """The scan around a print's rough outline (float32 RGB) and that outline in the
    crop's pixels: centre, unit axes along and across the top side, half extents; ``tau``
    the colour distance that counts as "not bed" (from the bed noise in the crop's frame)."""

    img: np.ndarray
    origin: np.ndarray
    centre: np.ndarray
    ux: np.ndarray
    uy: np.ndarray
    half_w: float
    half_h: float
    tau: float


@dataclass
class _Arc:
    """A fitted corner arc in loaded-image pixels (all None when it was not found)."""

    radius_px: float | None = None
    centre: tuple[float, float] | None = None
    free_radius_px: float | None = None
    points: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    rms_px: float | None = None


def fit_print_geometry(rgb: np.ndarray, rough_box: np.ndarray,
                       radius_guess_px: float | None = None) -> PrintGeometry | None:
    """Sub-pixel sides and corner arcs of a print whose rough outline is ``rough_box``.

    ``radius_guess_px`` starts the corner fits (default: 4.5 % of the long side, about
    4 mm on an 88 mm print). Returns None when a side cannot be located.
    """
    crop = _crop_around(rgb, rough_box)
    if radius_guess_px is None:
        radius_guess_px = 0.045 * 2 * max(crop.half_w, crop.half_h)
    sides = _fit_sides(crop, radius_guess_px)
    if sides is None:
        return None
    lines, rms_list, npts, nprobes = sides
    corners = [intersect(lines[i], lines[j]) for i, j in CORNER_SIDES]
    width_px, height_px = _side_distances(corners, lines)
    arcs = [_fit_corner_arc(crop, lines[i], lines[j], radius_guess_px)
            for i, j in CORNER_SIDES]
    # back to the loaded image's frame
    origin = crop.origin
    lines_img = [(a, b, d + a * origin[0] + b * origin[1]) for a, b, d in lines]
    corners_img = [(float(p[0] + origin[0]), float(p[1] + origin[1])) for p in corners]
    top = np.array(corners_img[1]) - np.array(corners_img[0])
    angle = -math.degrees(math.atan2(top[1], top[0]))
    return PrintGeometry(lines=lines_img, corners=corners_img, width_px=width_px,
                         height_px=height_px, angle_deg=angle,
                         radii_px=[a.radius_px for a in arcs],
                         centres=[a.centre for a in arcs],
                         free_radii_px=[a.free_radius_px for a in arcs],
                         side_rms_px=rms_list, side_points=npts,
                         arc_points=[a.points for a in arcs],
                         arc_rms_px=[a.rms_px for a in arcs], side_probes=nprobes)


def _crop_around(rgb: np.ndarray, rough_box: np.ndarray) -> _Crop:
    """The scan around the rough outline (24 px margin) and the bed's colour threshold."""
    centre, ang, half_w, half_h = order_box(rough_box)
    h, w = rgb.shape[:2]
    pad = 24
    corners_est = np.array([[-half_w, -half_h], [half_w, -half_h], [half_w, half_h],
                            [-half_w, half_h]])
    ux = np.array([math.cos(ang), math.sin(ang)])
    uy = np.array([-math.sin(ang), math.cos(ang)])
    pts_est = centre + corners_est[:, :1] * ux + corners_est[:, 1:] * uy
    x0 = max(0, int(math.floor(pts_est[:, 0].min())) - pad)
    y0 = max(0, int(math.floor(pts_est[:, 1].min())) - pad)
    x1 = min(w, int(math.ceil(pts_est[:, 0].max())) + pad + 1)
    y1 = min(h, int(math.ceil(pts_est[:, 1].max())) + pad + 1)
    img = np.ascontiguousarray(rgb[y0:y1, x0:x1].astype(np.float32))
    origin = np.array([x0, y0], float)
    # bed noise from the crop's outer frame -> colour threshold for "not bed"
    frame = np.concatenate([img[:6].reshape(-1, 3), img[-6:].reshape(-1, 3),
                            img[:, :6].reshape(-1, 3), img[:, -6:].reshape(-1, 3)])
    noise = float(np.median(np.linalg.norm(frame - np.median(frame, axis=0), axis=1)))
    return _Crop(img, origin, centre - origin, ux, uy, half_w, half_h, max(12.0, 5.0 * noise))


def _fit_sides(crop: _Crop, radius_guess_px: float
               ) -> tuple[list[tuple[float, float, float]], list[float], list[int],
                          list[int]] | None:
    """The four side lines (top, right, bottom, left) as (nx, ny, d) in crop pixels, with
    each fit's RMS (px), points kept and probes; None when a side has too few edges."""
    ux, uy, half_w, half_h = crop.ux, crop.uy, crop.half_w, crop.half_h
    # sides: (outward normal, half extent across, along direction, half length along)
    sides = [(-uy, half_h, ux, half_w), (ux, half_w, uy, half_h),
             (uy, half_h, ux, half_w), (-ux, half_w, uy, half_h)]
    lines: list[tuple[float, float, float]] = []
    rms_list: list[float] = []
    npts: list[int] = []
    nprobes: list[int] = []
    for nrm, dist, along, half_len in sides:
        guard = max(2.2 * radius_guess_px, 0.1 * half_len)
        s = np.arange(-half_len + guard, half_len - guard, 1.0)
        if len(s) < 10:
            return None
        base = crop.centre + s[:, None] * along[None, :]
        dirs = np.repeat(nrm[None, :], len(s), axis=0)
        # pass 1 around the rough outline, pass 2 around the first line fit
        t_lo, t_hi = np.full(len(s), dist - 14.0), np.full(len(s), dist + 14.0)
        rms, keep = float("inf"), np.zeros(0, bool)
        n_fit, d_fit = nrm, 0.0
        for _ in range(2):
            t_e, ok, _ = edges_from_bed(crop.img, base, dirs, t_lo, t_hi, crop.tau)
            if ok.sum() < 10:
                return None
            pts = base[ok] + t_e[ok, None] * dirs[ok]
            n_fit, d_fit, rms, keep = fit_line(pts)
            if n_fit @ nrm < 0:
                n_fit, d_fit = -n_fit, -d_fit
            t_line = (d_fit - base @ n_fit) / max(float(nrm @ n_fit), 0.5)
            t_lo, t_hi = t_line - 7.0, t_line + 7.0
        lines.append((float(n_fit[0]), float(n_fit[1]), float(d_fit)))
        rms_list.append(rms)
        npts.append(int(keep.sum()))
        nprobes.append(len(s))
    return lines, rms_list, npts, nprobes


def _side_distances(corners: list[np.ndarray],
                    lines: list[tuple[float, float, float]]) -> tuple[float, float]:
    """Width and height (px): the mean distance of each side's end points to the
    opposite line."""

    def _dist(p: np.ndarray, ln: tuple[float, float, float]) -> float:
        return abs(ln[0] * p[0] + ln[1] * p[1] - ln[2])

    width_px = (_dist(corners[0], lines[1]) + _dist(corners[3], lines[1])
                + _dist(corners[1], lines[3]) + _dist(corners[2], lines[3])) / 4.0
    height_px = (_dist(corners[0], lines[2]) + _dist(corners[1], lines[2])
                 + _dist(corners[3], lines[0]) + _dist(corners[2], lines[0])) / 4.0
    return width_px, height_px


def _fit_corner_arc(crop: _Crop, li: tuple[float, float, float],
                    lj: tuple[float, float, float], rg: float) -> _Arc:
    """The arc of the corner between side lines ``li`` and ``lj``: rays from the centre
    of a circle tangent to both, searched in three passes (wide, then +-8 and +-6 px
    around the radius found); a free Kasa fit of the same points as a cross-check."""
    ni, nj = np.array(li[:2]), np.array(lj[:2])
    c0 = intersect(li, lj, 0.0)
    g = intersect(li, lj, 1.0) - c0  # the centre moves by g per px of radius
    a_i, a_j = math.atan2(ni[1], ni[0]), math.atan2(nj[1], nj[0])
    da = (a_j - a_i + math.pi) % (2 * math.pi) - math.pi
    r = rg
    ranges = [(0.5 * rg, 1.4 * rg + 6.0), (-8.0, 8.0), (-6.0, 6.0)]
    result = None
    for k, (lo, hi) in enumerate(ranges):
        centre_c = c0 + r * g
        n_rays = max(24, int(abs(da) * r))
        angs = a_i + np.linspace(0.1, 0.9, n_rays) * da
        dirs = np.column_stack([np.cos(angs), np.sin(angs)])
        base = np.repeat(centre_c[None, :], n_rays, axis=0)
        t_lo, t_hi = (lo, hi) if k == 0 else (r + lo, r + hi)
        t_e, ok, _ = edges_from_bed(crop.img, base, dirs, t_lo, t_hi, crop.tau)
        if ok.sum() < 8:
            return _Arc()
        pts = base[ok] + t_e[ok, None] * dirs[ok]
        r_new, rms, inl = robust_tangent_circle(pts, c0, g, r)
        if not (0.2 * rg < r_new < 3.0 * rg) or inl.sum() < 8:
            return _Arc()
        r = r_new
        result = (r, pts[inl], rms)
    assert result is not None
    r, pts, rms = result
    cc = c0 + r * g
    origin = crop.origin
    return _Arc(radius_px=r, centre=(float(cc[0] + origin[0]), float(cc[1] + origin[1])),
                free_radius_px=kasa(pts)[2], points=pts + origin, rms_px=rms)
