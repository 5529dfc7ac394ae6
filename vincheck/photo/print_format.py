"""Print format of the exterior photo: size 88 x 60 mm and corner radius 4 mm.

On a flatbed scan the print is found on the bed (any rotation), its four straight sides
are located to sub-pixel precision and fitted with lines, and each rounded corner is
fitted with a circle constrained to touch both neighbouring sides (a free Kasa fit is
kept as a cross-check). Sizes come from the distances between opposite side lines and
the scan's DPI. A digital file (picture content to the edges, no bed around it) has no
physical size: only its aspect ratio is checked.

Sub-pixel edges: along each probe (a short segment across the edge) the colour is
projected onto the line from the bed colour (outside) to the print colour just inside,
giving a coverage profile s(t) that is 0 on the bed and 1 on the print. For a blurred
step, the integral of s over a window containing the edge equals the distance from the
edge to the window's inner end (area coverage), so the edge position is exact for any
symmetric blur and for anti-aliased outlines.

All coordinates are pixels of the loaded image (x right, y down); lengths in mm
where named ``_mm``; angles in degrees.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import cv2
import numpy as np

from vincheck.findings import Finding, Shape, Status
from vincheck.settings import PhotoSettings

ROUGH_MAX_SIDE = 900  # px: the rough search runs on an image no larger than this
CORNER_NAMES = ("top_left", "top_right", "bottom_right", "bottom_left")
MAX_ARC_RMS_PX = 0.5  # px: corner arcs fitted worse than this are sent to review
MAX_SIDE_RMS_PX = 0.5  # px: a side's edge points scattered more than this: not trusted
MIN_SIDE_SHARE = 0.4  # share of a side's probes that must find the edge to trust the side
SIDE_NAMES = ("top", "right", "bottom", "left")


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


# ---------------------------------------------------------------------------------------
# scan or digital file


def _border_ring(rgb_small: np.ndarray, frac: float = 0.02) -> np.ndarray:
    h, w = rgb_small.shape[:2]
    k = max(2, int(round(min(h, w) * frac)))
    ring = np.concatenate([
        rgb_small[:k].reshape(-1, 3), rgb_small[-k:].reshape(-1, 3),
        rgb_small[:, :k].reshape(-1, 3), rgb_small[:, -k:].reshape(-1, 3)])
    return ring.astype(np.float32)


def find_print_outline(rgb: np.ndarray) -> tuple[np.ndarray, float] | None:
    """Find a print lying on a uniform scanner bed.

    Returns the print's rough rotated rectangle as 4 corner points (loaded-image px) and
    the bed colour's noise level, or None when the image is not a scan of a print on a bed
    (the border is not uniform, or no rectangular region with bed all around is found).
    """
    h, w = rgb.shape[:2]
    scale = min(1.0, ROUGH_MAX_SIDE / max(h, w))
    small = cv2.resize(rgb, (max(1, int(round(w * scale))), max(1, int(round(h * scale)))),
                       interpolation=cv2.INTER_AREA) if scale < 1 else rgb
    small = small.astype(np.float32)
    ring = _border_ring(small)
    bed = np.median(ring, axis=0)
    dist_ring = np.linalg.norm(ring - bed, axis=1)
    # A bed: (nearly) the whole border within a small colour distance of its median.
    spread = float(np.percentile(dist_ring, 50))
    tol = max(10.0, 6.0 * spread)
    if float(np.mean(dist_ring < tol)) < 0.97:
        return None
    dist = np.linalg.norm(small - bed, axis=2)
    mask = (dist > tol).astype(np.uint8)
    sh, sw = mask.shape
    k = max(3, int(round(min(sh, sw) * 0.01)) | 1)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(
        cv2.MORPH_ELLIPSE, (k, k)))
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if n <= 1:
        return None
    best = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    x, y, bw, bh, area = stats[best]
    if area < 0.04 * sh * sw:
        return None
    if x <= 0 or y <= 0 or x + bw >= sw or y + bh >= sh:
        return None  # touches the border: picture content to the edge
    pts = cv2.findNonZero((labels == best).astype(np.uint8))
    hull = cv2.convexHull(pts)
    rect = cv2.minAreaRect(hull)
    rw, rh = rect[1]
    if rw < 8 or rh < 8:
        return None
    # a print (even with rounded corners and pale areas) nearly fills its rectangle
    if cv2.contourArea(hull) < 0.93 * rw * rh:
        return None
    box = cv2.boxPoints(rect) / scale + (1.0 / scale - 1.0) / 2.0
    return box.astype(np.float64), spread


def _order_box(box: np.ndarray) -> tuple[np.ndarray, float, float, float]:
    """Centre, angle (radians, the longer side's direction within (-pi/4, pi/4] of the x
    axis or of the y axis), half extents along the rotated axes for a 4-point box."""
    c = box.mean(axis=0)
    e1 = box[1] - box[0]
    ang = math.atan2(e1[1], e1[0])
    # fold to (-45, 45] degrees: the side nearest the x axis is "horizontal"
    ang = (ang + math.pi / 4) % (math.pi / 2) - math.pi / 4
    ux = np.array([math.cos(ang), math.sin(ang)])
    uy = np.array([-math.sin(ang), math.cos(ang)])
    rel = box - c
    half_w = float(np.max(np.abs(rel @ ux)))
    half_h = float(np.max(np.abs(rel @ uy)))
    return c, ang, half_w, half_h


# ---------------------------------------------------------------------------------------
# sub-pixel edges along probes


def _edges_from_bed(img: np.ndarray, origins: np.ndarray, dirs: np.ndarray,
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


def _fit_line(pts: np.ndarray, iters: int = 4) -> tuple[np.ndarray, float, float, np.ndarray]:
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


def _intersect(l1: tuple[float, float, float], l2: tuple[float, float, float],
               off: float = 0.0) -> np.ndarray:
    """Point at signed distance -off (inside) from both lines n . p = d."""
    a = np.array([[l1[0], l1[1]], [l2[0], l2[1]]])
    return np.linalg.solve(a, np.array([l1[2] - off, l2[2] - off]))


def _kasa(pts: np.ndarray) -> tuple[float, float, float]:
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


def _robust_tangent_circle(pts: np.ndarray, c0: np.ndarray, g: np.ndarray,
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


def fit_print_geometry(rgb: np.ndarray, rough_box: np.ndarray,
                       radius_guess_px: float | None = None) -> PrintGeometry | None:
    """Sub-pixel sides and corner arcs of a print whose rough outline is ``rough_box``.

    ``radius_guess_px`` starts the corner fits (default: 4.5 % of the long side, about
    4 mm on an 88 mm print). Returns None when a side cannot be located.
    """
    centre, ang, half_w, half_h = _order_box(rough_box)
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
    c_local = centre - origin
    # bed noise from the crop's outer frame -> colour threshold for "not bed"
    frame = np.concatenate([img[:6].reshape(-1, 3), img[-6:].reshape(-1, 3),
                            img[:, :6].reshape(-1, 3), img[:, -6:].reshape(-1, 3)])
    noise = float(np.median(np.linalg.norm(frame - np.median(frame, axis=0), axis=1)))
    tau = max(12.0, 5.0 * noise)

    if radius_guess_px is None:
        radius_guess_px = 0.045 * 2 * max(half_w, half_h)
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
        base = c_local + s[:, None] * along[None, :]
        dirs = np.repeat(nrm[None, :], len(s), axis=0)
        # pass 1 around the rough outline, pass 2 around the first line fit
        t_lo, t_hi = np.full(len(s), dist - 14.0), np.full(len(s), dist + 14.0)
        rms, keep = float("inf"), np.zeros(0, bool)
        n_fit, d_fit = nrm, 0.0
        for _ in range(2):
            t_e, ok, _ = _edges_from_bed(img, base, dirs, t_lo, t_hi, tau)
            if ok.sum() < 10:
                return None
            pts = base[ok] + t_e[ok, None] * dirs[ok]
            n_fit, d_fit, rms, keep = _fit_line(pts)
            if n_fit @ nrm < 0:
                n_fit, d_fit = -n_fit, -d_fit
            t_line = (d_fit - base @ n_fit) / max(float(nrm @ n_fit), 0.5)
            t_lo, t_hi = t_line - 7.0, t_line + 7.0
        lines.append((float(n_fit[0]), float(n_fit[1]), float(d_fit)))
        rms_list.append(rms)
        npts.append(int(keep.sum()))
        nprobes.append(len(s))

    # sharp corners: top-left = top & left, top-right = top & right, ...
    pairs = [(0, 3), (0, 1), (2, 1), (2, 3)]
    corners = [_intersect(lines[i], lines[j]) for i, j in pairs]

    def _dist(p: np.ndarray, ln: tuple[float, float, float]) -> float:
        return abs(ln[0] * p[0] + ln[1] * p[1] - ln[2])

    # sizes: mean distance of each side's end points to the opposite line
    width_px = (_dist(corners[0], lines[1]) + _dist(corners[3], lines[1])
                + _dist(corners[1], lines[3]) + _dist(corners[2], lines[3])) / 4.0
    height_px = (_dist(corners[0], lines[2]) + _dist(corners[1], lines[2])
                 + _dist(corners[3], lines[0]) + _dist(corners[2], lines[0])) / 4.0

    radii: list[float | None] = []
    centres: list[tuple[float, float] | None] = []
    free: list[float | None] = []
    arcs: list[np.ndarray] = []
    arc_rms: list[float | None] = []
    rg = radius_guess_px
    for i, j in pairs:
        li, lj = lines[i], lines[j]
        ni, nj = np.array(li[:2]), np.array(lj[:2])
        c0 = _intersect(li, lj, 0.0)
        g = _intersect(li, lj, 1.0) - c0  # the centre moves by g per px of radius
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
            t_e, ok, _ = _edges_from_bed(img, base, dirs, t_lo, t_hi, tau)
            if ok.sum() < 8:
                result = None
                break
            pts = base[ok] + t_e[ok, None] * dirs[ok]
            r_new, rms, inl = _robust_tangent_circle(pts, c0, g, r)
            if not (0.2 * rg < r_new < 3.0 * rg) or inl.sum() < 8:
                result = None
                break
            r = r_new
            result = (r, pts[inl], rms)
        if result is None:
            radii.append(None)
            centres.append(None)
            free.append(None)
            arcs.append(np.zeros((0, 2)))
            arc_rms.append(None)
            continue
        r, pts, rms = result
        arc_rms.append(rms)
        cc = c0 + r * g
        radii.append(r)
        centres.append((float(cc[0] + origin[0]), float(cc[1] + origin[1])))
        free.append(_kasa(pts)[2])
        arcs.append(pts + origin)

    # back to the loaded image's frame
    lines_img = [(a, b, d + a * origin[0] + b * origin[1]) for a, b, d in lines]
    corners_img = [(float(p[0] + origin[0]), float(p[1] + origin[1])) for p in corners]
    top = np.array(corners_img[1]) - np.array(corners_img[0])
    angle = -math.degrees(math.atan2(top[1], top[0]))
    return PrintGeometry(lines=lines_img, corners=corners_img, width_px=width_px,
                         height_px=height_px, angle_deg=angle, radii_px=radii,
                         centres=centres, free_radii_px=free, side_rms_px=rms_list,
                         side_points=npts, arc_points=arcs, arc_rms_px=arc_rms,
                         side_probes=nprobes)


# ---------------------------------------------------------------------------------------
# picture crop


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
    centre, ang, half_w, half_h = _order_box(box)
    ux = np.array([math.cos(ang), math.sin(ang)])
    uy = np.array([-math.sin(ang), math.cos(ang)])
    inset = 0.03 * min(half_w, half_h)
    origin = centre - (half_w - inset) * ux - (half_h - inset) * uy
    to_image = np.array([[ux[0], uy[0], origin[0]], [ux[1], uy[1], origin[1]]])
    size = (max(8, int(2 * (half_w - inset))), max(8, int(2 * (half_h - inset))))
    pic = cv2.warpAffine(rgb, to_image, size, flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                         borderMode=cv2.BORDER_REPLICATE)
    return pic, to_image


# ---------------------------------------------------------------------------------------
# findings


def aspect_window(settings: PhotoSettings) -> tuple[float, float, float]:
    """Nominal long:short aspect and the window allowed by the mm tolerances:
    (88 - 0.5) / (60 + 0.5) .. (88 + 0.5) / (60 - 0.5), i.e. 1.4463 .. 1.4874 (+-1.4 %)
    at the defaults."""
    w, h, t = settings.print_width_mm, settings.print_height_mm, settings.print_size_tolerance_mm
    return w / h, (w - t) / (h + t), (w + t) / (h - t)


def judge_print(m: PrintMeasurement, image_size: tuple[int, int],
                settings: PhotoSettings) -> list[Finding]:
    """Findings ``size``, ``corner_radius`` and ``aspect`` for a measured print."""
    out: list[Finding] = []
    nominal, lo, hi = aspect_window(settings)
    aspect_limit = {"nominal": round(nominal, 4), "min": round(lo, 4), "max": round(hi, 4)}
    size_limit = {"width": settings.print_width_mm, "height": settings.print_height_mm,
                  "tolerance": settings.print_size_tolerance_mm}
    r_limit = {"radius": settings.corner_radius_mm,
               "tolerance": settings.corner_radius_tolerance_mm}
    outline = Shape.polygon([(m.picture_box[i], m.picture_box[i + 1])
                             for i in range(0, len(m.picture_box), 2)], role="outline")
    if not m.is_scan:
        iw, ih = image_size
        aspect = max(iw, ih) / max(1, min(iw, ih))
        ok = lo <= aspect <= hi
        out.append(Finding(
            "aspect", Status.PASS if ok else Status.FAIL, measured=round(aspect, 4),
            limit=aspect_limit, unit="ratio",
            message=(f"digital file aspect {aspect:.4f} (long:short); 88:60 within the size "
                     f"tolerance allows {lo:.4f}-{hi:.4f}"),
            evidence=[outline]))
        why = "could not be measured: digital file (no print outline on a scanner bed)"
        out.append(Finding("size", Status.SKIPPED, limit=size_limit, unit="mm", message=why))
        out.append(Finding("corner_radius", Status.SKIPPED, limit=r_limit, unit="mm",
                           message=why))
        return out
    geom = m.geometry
    if geom is None:
        msg = f"could not be measured: {m.note}"
        out.append(Finding("size", Status.REVIEW, limit=size_limit, unit="mm", message=msg,
                           evidence=[outline]))
        out.append(Finding("corner_radius", Status.REVIEW, limit=r_limit, unit="mm",
                           message=msg, evidence=[outline]))
        return out
    long_px, short_px = max(geom.width_px, geom.height_px), min(geom.width_px, geom.height_px)
    aspect = long_px / short_px
    details = {"width_px": round(long_px, 2), "height_px": round(short_px, 2),
               "angle_deg": round(geom.angle_deg, 2),
               "side_rms_px": [round(v, 3) for v in geom.side_rms_px],
               "side_points": geom.side_points}
    circles = [Shape("circle", (c[0], c[1], r), label=CORNER_NAMES[k], role="corner")
               for k, (c, r) in enumerate(zip(geom.centres, geom.radii_px, strict=True))
               if c is not None and r is not None]
    if m.width_mm is None or m.height_mm is None or m.corner_radii_mm is None:
        msg = "could not be measured: DPI unknown (give the scan resolution with --dpi)"
        out.append(Finding("size", Status.SKIPPED, limit=size_limit, unit="mm", message=msg,
                           evidence=[outline], details=details))
        out.append(Finding("corner_radius", Status.SKIPPED, limit=r_limit, unit="mm",
                           message=msg, evidence=circles))
        ok = lo <= aspect <= hi
        out.append(Finding(
            "aspect", Status.PASS if ok else Status.FAIL, measured=round(aspect, 4),
            limit=aspect_limit, unit="ratio",
            message=f"print aspect {aspect:.4f} (long:short), allowed {lo:.4f}-{hi:.4f}",
            evidence=[outline], details=details))
        return out
    tol = settings.print_size_tolerance_mm
    probes = geom.side_probes or geom.side_points
    unclear = [SIDE_NAMES[k] for k in range(4)
               if geom.side_rms_px[k] > MAX_SIDE_RMS_PX
               or geom.side_points[k] < MIN_SIDE_SHARE * max(1, probes[k])]
    dw = m.width_mm - settings.print_width_mm
    dh = m.height_mm - settings.print_height_mm
    ok = abs(dw) <= tol and abs(dh) <= tol
    size_status = Status.PASS if ok else Status.FAIL
    size_msg = ""
    if unclear:
        # picture content matching the bed colour along a side: the edge is not seen
        size_status = Status.REVIEW
        size_msg = ("; the print's edge is unclear against the scanner bed at the "
                    + ", ".join(unclear) + " (rescan on a contrasting bed or check by hand)")
        details["unclear_sides"] = unclear
    out.append(Finding(
        "size", size_status,
        measured={"width": round(m.width_mm, 3), "height": round(m.height_mm, 3)},
        limit=size_limit, unit="mm",
        message=(f"print measures {m.width_mm:.2f} x {m.height_mm:.2f} mm; required "
                 f"{settings.print_width_mm:g} x {settings.print_height_mm:g} +- {tol:g} mm"
                 + size_msg),
        evidence=[outline], details=details))
    radii = m.corner_radii_mm
    rtol = settings.corner_radius_tolerance_mm
    ppm = (m.dpi or 1.0) / 25.4
    free_mm = [None if r is None else round(r / ppm, 3) for r in geom.free_radii_px]
    rdetails = {"free_fit_mm": free_mm,
                "corners": list(CORNER_NAMES)}
    if any(r is None for r in radii):
        missing = [CORNER_NAMES[k] for k, r in enumerate(radii) if r is None]
        out.append(Finding(
            "corner_radius", Status.REVIEW,
            measured=[None if r is None else round(r, 3) for r in radii], limit=r_limit,
            unit="mm", message="could not fit the corner(s): " + ", ".join(missing),
            evidence=circles, details=rdetails))
        return out
    bad = [CORNER_NAMES[k] for k, r in enumerate(radii)
           if abs(r - settings.corner_radius_mm) > rtol]
    # the free circle fit disagreeing strongly means the corner is not a circular arc
    # and a large residual means the arc was not seen cleanly (picture content matching
    # the bed colour at that corner): the value is then not trusted
    rms_px = geom.arc_rms_px or [None] * 4
    odd = [CORNER_NAMES[k] for k, (r, f, e) in enumerate(zip(radii, free_mm, rms_px,
                                                              strict=True))
           if (f is not None and abs(f - r) > max(3 * rtol, 0.1 * r))
           or (e is not None and e > MAX_ARC_RMS_PX)]
    rdetails["arc_rms_px"] = [None if e is None else round(e, 3) for e in rms_px]
    bad_sure = [c for c in bad if c not in odd]
    status = Status.FAIL if bad_sure else (Status.REVIEW if odd else Status.PASS)
    if bad_sure:
        msg = "corner radius out of tolerance at " + ", ".join(bad_sure)
    elif odd:
        msg = ("corner not measured reliably (unclear outline or not a circular arc) at "
               + ", ".join(odd))
    else:
        msg = "all four corner radii within tolerance"
    msg += (": " + ", ".join(f"{r:.2f}" for r in radii)
            + f" mm; required {settings.corner_radius_mm:g} +- {rtol:g} mm")
    out.append(Finding("corner_radius", status, measured=[round(r, 3) for r in radii],
                       limit=r_limit, unit="mm", message=msg, evidence=circles,
                       details=rdetails))
    return out
