"""Render a sheet spec as a scan: paper, each strip warped onto the page with its clear
tape, the form, dust and seal, then the scanner's blur, noise, paper tint and JPEG; returns
the image with its ground-truth dict (:mod:`devkit.synth.rubbing_truth`)."""

from __future__ import annotations

import io
import math

import cv2
import numpy as np
from PIL import Image

from devkit.synth.rubbing_marks import _draw_dust, _draw_form, _draw_seal
from devkit.synth.rubbing_spec import SheetSpec
from devkit.synth.rubbing_strip import _render_strip, _serrate_ends, _tear_ends
from devkit.synth.rubbing_texture import paper_texture, randn
from devkit.synth.rubbing_truth import _sheet_reasons, _strip_truth

PAPER_RGB = {
    "white": (0.965, 0.965, 0.958),
    "offwhite": (0.945, 0.925, 0.870),
    "grey": (0.830, 0.830, 0.815),
}


def _place(local: np.ndarray, m: np.ndarray, sheet_shape: tuple[int, int],
           corners: np.ndarray) -> tuple[np.ndarray, tuple[int, int]]:
    """Warp a local field into the sheet's bounding box of ``corners``; returns (roi, (x, y))."""
    hh, ww = sheet_shape
    x0 = max(0, int(math.floor(corners[:, 0].min())) - 2)
    y0 = max(0, int(math.floor(corners[:, 1].min())) - 2)
    x1 = min(ww, int(math.ceil(corners[:, 0].max())) + 2)
    y1 = min(hh, int(math.ceil(corners[:, 1].max())) + 2)
    mm = m.copy()
    mm[:, 2] -= (x0, y0)
    roi = cv2.warpAffine(local, mm.astype(np.float32), (x1 - x0, y1 - y0),
                         flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    return roi, (x0, y0)


def render_sheet(spec: SheetSpec) -> tuple[Image.Image, dict]:
    """Render ``spec`` as an RGB image (``info["dpi"]`` set) plus its JSON-able truth dict."""
    dpi = int(spec.dpi)
    ppm = dpi / 25.4
    rng = np.random.default_rng(spec.seed)
    w = int(round(spec.paper_mm[0] * ppm))
    h = int(round(spec.paper_mm[1] * ppm))
    paper = paper_texture((h, w), ppm, rng)
    if spec.form:
        _draw_form(paper, spec, ppm, rng)
    dark_total = np.zeros((h, w), np.float32)
    strips_truth = []
    for s in spec.strips:
        srng = np.random.default_rng(rng.integers(2**63))
        r = _render_strip(s, dpi, spec.pressure_unevenness, srng)
        lw, lh = r.size
        # clear tape: faint sheen, darker cut edges
        tape = np.full((lh, lw), 0.025, np.float32)
        e = max(1, round(0.12 * ppm))
        tape[:e, :] = tape[-e:, :] = 0.10
        tape[:, :e] = tape[:, -e:] = 0.08
        local = 1.0 - (1.0 - r.dark) * (1.0 - tape)
        _serrate_ends(local, ppm, srng)
        if s.tape_end == "torn":
            _tear_ends(local, ppm, srng)
        a = math.radians(s.angle_deg)
        rot = np.array([[math.cos(a), math.sin(a)], [-math.sin(a), math.cos(a)]])
        c_local = np.array([lw / 2, lh / 2])
        c_sheet = np.array(s.center_mm, np.float64) * ppm

        def to_sheet(pts: np.ndarray, rot=rot, c_local=c_local, c_sheet=c_sheet) -> np.ndarray:
            return (pts - c_local) @ rot.T + c_sheet

        m = np.zeros((2, 3))
        m[:, :2] = rot
        m[:, 2] = rot @ (0.5 - c_local) + c_sheet - 0.5
        corners = to_sheet(np.array([[0, 0], [lw, 0], [lw, lh], [0, lh]], np.float64))
        roi, (x0, y0) = _place(local, m, (h, w), corners)
        sub = dark_total[y0 : y0 + roi.shape[0], x0 : x0 + roi.shape[1]]
        sub[...] = 1.0 - (1.0 - sub) * (1.0 - roi)
        strips_truth.append(_strip_truth(s, r, corners, to_sheet, dpi))

    if spec.dust:
        _draw_dust(dark_total, spec.dust, ppm, rng)
    gray = paper * (1.0 - dark_total) * 255.0
    if spec.blur_px > 0.05:
        gray = cv2.GaussianBlur(gray, (0, 0), sigmaX=spec.blur_px)
    if spec.noise_sigma > 0:
        gray += randn((h, w), rng) * spec.noise_sigma
    tint = PAPER_RGB.get(spec.paper, PAPER_RGB["white"])
    rgb = cv2.merge([cv2.convertScaleAbs(gray, alpha=c) for c in tint])
    seal = _draw_seal(rgb, strips_truth, ppm, rng) if spec.seal else None
    img = Image.fromarray(rgb, "RGB")
    if spec.jpeg_quality:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=int(spec.jpeg_quality))
        buf.seek(0)
        img = Image.open(buf).convert("RGB")
    img.info["dpi"] = (dpi, dpi)
    truth = {
        "dpi": dpi,
        "size_px": [w, h],
        "paper": spec.paper,
        "seed": spec.seed,
        "jpeg_quality": spec.jpeg_quality,
        "blur_px": spec.blur_px,
        "noise_sigma": spec.noise_sigma,
        "seal_circle": seal,
        "expected_reasons": _sheet_reasons(spec, strips_truth),
        "strips": strips_truth,
    }
    truth["all_reasons"] = sorted(
        set(truth["expected_reasons"]).union(*(st["expected_reasons"] for st in strips_truth))
    )
    return img, truth
