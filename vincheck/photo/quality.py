"""Is the photo clear enough to identify the body colour and appearance? Sharpness and
exposure.

Sharpness (``blurry``): the picture's luminance is scaled so its longer side is
``PhotoSettings.sharpness_width_px`` (1000 px), so the measure does not depend on the scan
resolution or the camera. At edge pixels (local maxima of the gradient with at least 30
grey levels of contrast within 15 px) the ratio of gradient to contrast is taken; for a
step blurred by a Gaussian of sigma s that ratio is 1 / (s * sqrt(2 pi)), so the 90th
percentile of the ratios gives the blur of the picture's sharpest edges in px
(``edge_blur_px``). It does not depend on contrast and hardly on noise. The variance of
the Laplacian over the busiest quarter of 32 px tiles is reported beside it.

Exposure (``exposure``): share of clipped pixels (luma <= 3 or >= 252, shadows and
highlights separately) and the mean luma (0-255) against a window. The clipped shares are
taken on the vehicle (its box without the bottom ``1 - CLIP_BOX_HEIGHT``: wheels and the
shadow under it) when it was located, as the rule is about the vehicle being clearly
identifiable: a white body burnt out in the sun fails, while a bright sky, snow, a white
showroom floor or black letterbox bands round the picture do not. The whole picture's
shares are kept in the details, and used when no vehicle was found. The mean luma is the
whole picture's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import cv2
import numpy as np

from vincheck.findings import Finding, Shape, Status
from vincheck.settings import PhotoSettings

TILE = 32  # px at the normalised scale
CLIP_BOX_HEIGHT = 0.85  # share of the vehicle box, from its top, where clipping is counted
CLIP_AREA_SIDE = 400  # px: the clipped areas are outlined on a copy at most this big
CLIP_AREA_MIN_SHARE = 0.005  # of the counted region: smaller clipped specks are not drawn
CLIP_AREAS_MAX = 6  # outlines drawn per kind (high, low), largest first
CLIP_LOW, CLIP_HIGH = 3, 252
MIN_EDGE_CONTRAST = 30.0  # grey levels
MIN_EDGE_PIXELS = 50


@dataclass
class Quality:
    """``edge_blur_px``: blur sigma of the sharpest edges (px at the normalised scale; None
    when the picture has too few edges); ``laplacian_var``: variance of the Laplacian on
    the busiest quarter of the picture; mean luma (0-255); clipped shares (0-1) in
    ``clip_region`` (x, y, w, h px: the vehicle; None: the whole picture) and in the whole
    picture."""

    edge_blur_px: float | None
    laplacian_var: float
    mean_luma: float
    clipped_low: float
    clipped_high: float
    edge_pixels: int = 0
    clip_region: tuple[int, int, int, int] | None = None
    picture_clipped_low: float | None = None
    picture_clipped_high: float | None = None
    # the largest clipped areas where clipping is counted: ("high" | "low", outline as
    # flat x, y, x, y ... px of the picture)
    clipped_areas: list[tuple[str, tuple[float, ...]]] = field(default_factory=list)


def _normalised_luma(rgb: np.ndarray, width: float) -> np.ndarray:
    gray = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2GRAY)
    h, w = gray.shape
    scale = width / float(max(w, h))
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    size = (max(8, int(round(w * scale))), max(8, int(round(h * scale))))
    return cv2.resize(gray, size, interpolation=interp).astype(np.float32)


def edge_blur(g: np.ndarray) -> tuple[float | None, int]:
    """Blur sigma (px) of the sharpest edges of a float grey image, and the number of edge
    pixels used."""
    g = cv2.GaussianBlur(g, (0, 0), 0.6)  # tame pixel noise; adds ~0.6 px in quadrature
    gx = cv2.Sobel(g, cv2.CV_32F, 1, 0, ksize=3) / 8.0
    gy = cv2.Sobel(g, cv2.CV_32F, 0, 1, ksize=3) / 8.0
    grad = np.hypot(gx, gy)
    k = np.ones((15, 15), np.uint8)
    contrast = cv2.dilate(g, k) - cv2.erode(g, k)
    peak = cv2.dilate(grad, np.ones((3, 3), np.uint8))
    cand = (contrast >= MIN_EDGE_CONTRAST) & (grad >= peak) & (grad > 2.0)
    ratio = grad[cand] / contrast[cand]
    if ratio.size < MIN_EDGE_PIXELS:
        return None, int(ratio.size)
    p90 = float(np.percentile(ratio, 90))
    return 1.0 / (math.sqrt(2.0 * math.pi) * max(p90, 1e-6)), int(ratio.size)


def _busy_laplacian(g: np.ndarray) -> float:
    lap = cv2.Laplacian(g, cv2.CV_32F, ksize=1)
    gh, gw = lap.shape
    th, tw = gh // TILE, gw // TILE
    if th < 2 or tw < 2:
        return float(lap.var())
    var = lap[: th * TILE, : tw * TILE].reshape(th, TILE, tw, TILE).var(axis=(1, 3)).ravel()
    k = max(1, int(round(0.25 * var.size)))
    return float(np.mean(np.sort(var)[-k:]))


def _clip_region(shape: tuple[int, ...], box: tuple[float, float, float, float] | None
                 ) -> tuple[int, int, int, int] | None:
    """The part of the vehicle box (x, y, w, h px) where clipping is counted, inside the
    picture; None when there is no usable box."""
    if box is None:
        return None
    h, w = shape[:2]
    x0, y0 = max(0, int(round(box[0]))), max(0, int(round(box[1])))
    x1 = min(w, int(round(box[0] + box[2])))
    y1 = min(h, int(round(box[1] + CLIP_BOX_HEIGHT * box[3])))
    if x1 - x0 < 8 or y1 - y0 < 8:
        return None
    return (x0, y0, x1 - x0, y1 - y0)


def clipped_outlines(gray: np.ndarray, offset: tuple[int, int] = (0, 0)
                     ) -> list[tuple[str, tuple[float, ...]]]:
    """Outlines (px of the picture, ``offset`` = where ``gray`` starts in it) of the
    largest blown-out ("high") and crushed ("low") areas of a luma image."""
    h, w = gray.shape
    s = min(1.0, CLIP_AREA_SIDE / max(h, w, 1))
    small = gray if s >= 1 else cv2.resize(gray, (max(1, round(w * s)), max(1, round(h * s))),
                                           interpolation=cv2.INTER_AREA)
    min_area = CLIP_AREA_MIN_SHARE * small.size
    out: list[tuple[str, tuple[float, ...]]] = []
    for kind, mask in (("high", small >= CLIP_HIGH), ("low", small <= CLIP_LOW)):
        m = cv2.morphologyEx(mask.astype(np.uint8), cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
        contours, _ = cv2.findContours(m, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        big = sorted((c for c in contours if cv2.contourArea(c) >= min_area),
                     key=cv2.contourArea, reverse=True)[:CLIP_AREAS_MAX]
        for c in big:
            c = cv2.approxPolyDP(c, 1.5, True).reshape(-1, 2)
            if len(c) < 3:
                continue
            pts = c.astype(np.float64) / s + np.asarray(offset, np.float64)
            out.append((kind, tuple(round(float(v), 1) for v in pts.ravel())))
    return out


def measure_quality(rgb: np.ndarray, settings: PhotoSettings,
                    vehicle_box: tuple[float, float, float, float] | None = None) -> Quality:
    """Sharpness and exposure of an RGB picture (H x W x 3 uint8); clipping is counted on
    ``vehicle_box`` (x, y, w, h px) when given."""
    gray = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2GRAY)
    g = _normalised_luma(rgb, settings.sharpness_width_px)
    blur, n = edge_blur(g)

    def clipped(a: np.ndarray) -> tuple[float, float]:
        total = float(max(1, a.size))
        return (float(np.count_nonzero(a <= CLIP_LOW)) / total,
                float(np.count_nonzero(a >= CLIP_HIGH)) / total)

    whole_low, whole_high = clipped(gray)
    region = _clip_region(gray.shape, vehicle_box)
    if region is not None:
        x, y, w, h = region
        counted, offset = gray[y:y + h, x:x + w], (x, y)
        low, high = clipped(counted)
    else:
        counted, offset = gray, (0, 0)
        low, high = whole_low, whole_high
    over = low > settings.max_clipped_share or high > settings.max_clipped_share
    return Quality(
        edge_blur_px=blur,
        laplacian_var=_busy_laplacian(g),
        mean_luma=float(gray.mean()),
        clipped_low=low,
        clipped_high=high,
        edge_pixels=n,
        clip_region=region,
        picture_clipped_low=whole_low,
        picture_clipped_high=whole_high,
        # outlined only when they fail the photo: the evidence of what is burnt out
        clipped_areas=clipped_outlines(counted, offset) if over else [],
    )


def judge_quality(q: Quality, settings: PhotoSettings) -> list[Finding]:
    """Findings ``blurry`` and ``exposure``."""
    out: list[Finding] = []
    limit = {"max_edge_blur_px": settings.max_edge_blur_px}
    details = {"laplacian_variance": round(q.laplacian_var, 1),
               "min_laplacian_variance": settings.min_sharpness,
               "edge_pixels": q.edge_pixels,
               "scale_px": settings.sharpness_width_px}
    if q.edge_blur_px is None:
        out.append(Finding("blurry", Status.REVIEW, measured=None, limit=limit, unit="px",
                           message="too few edges in the picture to judge its sharpness",
                           details=details))
    else:
        ok = q.edge_blur_px <= settings.max_edge_blur_px
        out.append(Finding(
            "blurry", Status.PASS if ok else Status.FAIL, measured=round(q.edge_blur_px, 2),
            limit=limit, unit="px",
            message=(f"edges blurred by {q.edge_blur_px:.1f} px (sigma, at "
                     f"{settings.sharpness_width_px:g} px width); at most "
                     f"{settings.max_edge_blur_px:g} px allowed"
                     + ("" if ok else ": the photo is blurred")),
            details=details))
    problems = []
    where = " on the vehicle" if q.clip_region is not None else ""
    if q.clipped_high > settings.max_clipped_share:
        problems.append(f"{q.clipped_high:.0%} blown-out highlights{where}")
    if q.clipped_low > settings.max_clipped_share:
        problems.append(f"{q.clipped_low:.0%} crushed shadows{where}")
    if q.mean_luma < settings.min_mean_luma:
        problems.append(f"too dark (mean luma {q.mean_luma:.0f})")
    if q.mean_luma > settings.max_mean_luma:
        problems.append(f"too bright (mean luma {q.mean_luma:.0f})")
    elimit = {"max_clipped_share": settings.max_clipped_share,
              "mean_luma": [settings.min_mean_luma, settings.max_mean_luma]}
    measured = {"mean_luma": round(q.mean_luma, 1), "clipped_low": round(q.clipped_low, 4),
                "clipped_high": round(q.clipped_high, 4)}
    edetails: dict = {"clipping_measured_on": "vehicle" if q.clip_region else "picture"}
    if q.picture_clipped_low is not None and q.picture_clipped_high is not None:
        edetails["picture_clipped_low"] = round(q.picture_clipped_low, 4)
        edetails["picture_clipped_high"] = round(q.picture_clipped_high, 4)
    ev = [] if q.clip_region is None else [Shape.box(*q.clip_region, role="exposure")]
    labelled: set[str] = set()
    for kind, coords in q.clipped_areas:  # largest first: only it carries the label
        too_much = q.clipped_high if kind == "high" else q.clipped_low
        if too_much > settings.max_clipped_share:
            label = "" if kind in labelled else ("blown out" if kind == "high" else "crushed")
            labelled.add(kind)
            ev.append(Shape("polygon", coords, label, "exposure"))
    if problems:
        out.append(Finding("exposure", Status.FAIL, measured=measured, limit=elimit,
                           message="badly exposed: " + "; ".join(problems), evidence=ev,
                           details=edetails))
    else:
        out.append(Finding("exposure", Status.PASS, measured=measured, limit=elimit,
                           message=(f"exposure fine: mean luma {q.mean_luma:.0f}, clipped "
                                    f"{q.clipped_low + q.clipped_high:.1%}{where}"),
                           evidence=ev, details=edetails))
    return out
