"""Synthetic scans of VIN-rubbing sheets with exact ground truth (test code).

A sheet is paper (A5 landscape by default) carrying one or two strips of clear tape with a
graphite rubbing of a stamped VIN: the tape is dark grey with diagonal pencil streaks and
uneven pressure, the recessed characters stay light. Every defect the reader must report
is rendered at a known size and recorded in the truth dict.

Coordinates in the truth are image pixels with the origin at the top-left *corner* of the
image (pixel ``(i, j)`` covers ``[j, j+1] x [i, i+1]``). Quadrilaterals are listed
top-left, top-right, bottom-right, bottom-left *in the strip's reading frame*. A strip's
``angle_deg`` is counter-clockwise as seen on the page: it equals
``degrees(atan2(-(y1 - y0), x1 - x0))`` for corners 0 -> 1.

Expected reason codes (what the reader must fail): ``check_digit``,
``missing_start_symbol``, ``missing_end_symbol``, ``truncated`` (plus the missing symbol
code of the cut end, since the cut removes that symbol), ``deformed``, ``shifted``,
``char_too_small``, ``unreadable`` (alone: nothing else can be judged on such a strip) and,
sheet level, ``copies_differ``.

CLI: ``python -m devkit.synth.rubbing --out DIR --n 300 --seed 1 [--dpi 300]
[--defect-share 0.5]``; ``--sample FILE.png`` writes the bundled sample-case sheet.
"""

from __future__ import annotations

import argparse
import io
import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image

from devkit.synth.rubbing_font import FONTS, SYMBOLS, render_glyph, render_symbol
from devkit.synth.rubbing_texture import (
    fine_noise,
    grain_mask,
    motion_blur,
    paper_texture,
    randn,
    smooth_noise,
    streak_noise,
)
from devkit.synth.rubbing_vin import (
    check_digit,
    differing_vin,
    has_valid_check_digit,
    random_vin,
    wrong_check_digit,
)

__all__ = [
    "DEFECTS",
    "FONTS",
    "SYMBOLS",
    "SheetSpec",
    "StripSpec",
    "random_sheet_spec",
    "render_sheet",
    "sample_sheet_spec",
    "write_dataset",
]

STRIP_DEFECTS = (
    "check_digit",
    "missing_start_symbol",
    "missing_end_symbol",
    "truncated",
    "deformed",
    "shifted",
    "char_too_small",
    "unreadable",
)
DEFECTS = (*STRIP_DEFECTS, "copies_differ")
MIN_CHAR_HEIGHT_MM = 7.0
PAPER_RGB = {
    "white": (0.965, 0.965, 0.958),
    "offwhite": (0.945, 0.925, 0.870),
    "grey": (0.830, 0.830, 0.815),
}


@dataclass
class StripSpec:
    """One tape strip: the stamped text, its font and size, placement and defects.

    Sizes in mm, angles in degrees (counter-clockwise on the page), ``center_mm`` on the
    sheet from its top-left corner. ``start_symbol``/``end_symbol`` is one of
    :data:`SYMBOLS` or ``None``/``""`` for no symbol. ``defects`` maps a defect name to its
    parameters (see :func:`random_sheet_spec` for the keys).
    """

    vin: str
    font: str = "mono_bold"
    char_height_mm: float = 8.0
    start_symbol: str | None = "★"
    end_symbol: str | None = "★"
    angle_deg: float = 0.0
    center_mm: tuple[float, float] = (105.0, 45.0)
    defects: dict = field(default_factory=dict)
    pitch_ratio: float = 0.8  # character pitch / character height
    tape_height_mm: float = 25.0
    margin_mm: tuple[float, float] = (14.0, 14.0)  # tape beyond the end symbols
    line_offset_mm: float = 0.0  # text line below (+) / above (-) the tape middle
    darkness: float = 0.72  # graphite optical darkness of the tape, 0..1
    char_contrast: float = 0.82  # how much lighter the recessed characters are, 0..1
    rub_angle_deg: float = 55.0  # pencil stroke direction relative to the strip
    maker_letter: str = "V"
    # graphite texture: "streaks" (the default), "crosshatch" (rubbed in two directions),
    # "fine" (short thin strokes, strong grain) or "blotchy" (broad uneven strokes)
    texture: str = "streaks"
    tape_end: str = "auto"  # "auto": straight or serrated; "torn": ragged ends


@dataclass
class SheetSpec:
    """A whole scanned sheet. ``paper_mm`` is (width, height); blur and noise in px / 0-255."""

    strips: list[StripSpec]
    dpi: int = 300
    paper: str = "white"
    paper_mm: tuple[float, float] = (210.0, 148.5)
    blur_px: float = 0.6
    noise_sigma: float = 2.0
    pressure_unevenness: float = 0.25
    jpeg_quality: int | None = None
    seed: int = 0
    form: bool = False  # printed title, border and signature line
    seal: bool = False  # a red inspection seal on free paper (skipped when no room)
    dust: int = 0  # number of dust specks / hairs on the scanner glass


# ----------------------------------------------------------------------------- layout


@dataclass
class _Item:
    text: str  # a VIN character, or "<start>"/"<end>"
    mask: np.ndarray
    cx: float  # centre along the line (px, line frame)
    cy: float  # centre across the line (px, line frame; 0 = line middle)


def _px(mm: float, dpi: int) -> float:
    return mm * dpi / 25.4


def _stroke_px(font: str, height_px: float) -> float:
    return height_px * (0.16 if font in ("mono_bold", "condensed_bold") else 0.12)


def _layout(spec: StripSpec, dpi: int) -> tuple[list[_Item], dict[str, Any]]:
    """Glyph masks and centres along the line (px), all 17 characters plus symbols."""
    d = spec.defects
    h_px = _px(spec.char_height_mm, dpi)
    pitch = spec.pitch_ratio * h_px
    heights = [h_px] * 17
    gaps = [pitch] * 16
    xscale = [1.0] * 17
    info: dict[str, Any] = {}
    deformed = d.get("deformed")
    if deformed and deformed.get("kind") == "height_ramp":
        ratio = float(deformed["ratio"])
        ramp = np.linspace(1.0, ratio, 17)
        if deformed.get("direction", "up") == "down":
            ramp = ramp[::-1]
        heights = [h_px * float(r) for r in ramp]
    if deformed and deformed.get("kind") == "stretch":
        s = float(deformed["scale_x"])
        first, count = int(deformed["first"]), int(deformed["count"])
        for i in range(first, first + count):
            xscale[i] = s
            if i < first + count - 1:
                gaps[i] = pitch * s
        if first > 0:
            gaps[first - 1] = pitch * (1 + s) / 2
        if first + count - 1 < 16:
            gaps[first + count - 1] = pitch * (1 + s) / 2
    items: list[_Item] = []
    x = 0.0
    for i, ch in enumerate(spec.vin):
        m = render_glyph(spec.font, ch, round(heights[i]))
        if xscale[i] != 1.0:
            m = cv2.resize(m, (max(1, round(m.shape[1] * xscale[i])), m.shape[0]),
                           interpolation=cv2.INTER_LINEAR)
        items.append(_Item(ch, m, x, 0.0))
        if i < 16:
            x += gaps[i]
    sym_h = round(h_px * 0.95)
    stroke = _stroke_px(spec.font, h_px)
    sym_gap = pitch * 1.15
    if spec.start_symbol and "missing_start_symbol" not in d:
        m = render_symbol(spec.start_symbol, sym_h, stroke, spec.maker_letter)
        items.insert(0, _Item("<start>", m, -sym_gap, 0.0))
    if spec.end_symbol and "missing_end_symbol" not in d:
        m = render_symbol(spec.end_symbol, sym_h, stroke, spec.maker_letter)
        items.append(_Item("<end>", m, x + sym_gap, 0.0))
    info["heights_px"] = heights
    info["pitch_px"] = pitch
    return items, info


# ----------------------------------------------------------------------------- strip


@dataclass
class _StripRender:
    dark: np.ndarray  # local graphite darkness 0..1 (float32), tape frame
    tape: np.ndarray  # local clear-tape presence 0..1
    boxes: list[tuple[str, np.ndarray]]  # (text, 4x2 local corner points, edge convention)
    visible_text: str
    size: tuple[int, int]  # (w, h) px


def _render_strip(spec: StripSpec, dpi: int, pressure: float, rng: np.random.Generator
                  ) -> _StripRender:
    d = spec.defects
    ppm = dpi / 25.4
    items, _info = _layout(spec, dpi)
    # truncation: drop characters (and the symbol) on the cut side
    cut_left = cut_right = None
    trunc = d.get("truncated")
    if trunc:
        k = int(trunc["n_visible"])
        chars = [it for it in items if it.text not in ("<start>", "<end>")]
        if trunc["side"] == "left":
            keep = chars[17 - k :]
            prev = chars[16 - k]
            gap_l = prev.cx + prev.mask.shape[1] / 2
            gap_r = keep[0].cx - keep[0].mask.shape[1] / 2
            cut_left = gap_l + (gap_r - gap_l) * float(trunc.get("cut_at", 0.5))
            items = [it for it in items if it.text != "<start>" and it.cx > cut_left]
        else:
            keep = chars[:k]
            nxt = chars[k]
            gap_l = keep[-1].cx + keep[-1].mask.shape[1] / 2
            gap_r = nxt.cx - nxt.mask.shape[1] / 2
            cut_right = gap_l + (gap_r - gap_l) * float(trunc.get("cut_at", 0.5))
            items = [it for it in items if it.text != "<end>" and it.cx < cut_right]
    x_lo = min(it.cx - it.mask.shape[1] / 2 for it in items)
    x_hi = max(it.cx + it.mask.shape[1] / 2 for it in items)
    tape_x0 = cut_left if cut_left is not None else x_lo - spec.margin_mm[0] * ppm
    tape_x1 = cut_right if cut_right is not None else x_hi + spec.margin_mm[1] * ppm
    w = int(math.ceil(tape_x1 - tape_x0))
    h = int(round(spec.tape_height_mm * ppm))
    y_mid = h / 2 + spec.line_offset_mm * ppm

    # character mask (1 = recessed stamping)
    chars = np.zeros((h, w), np.float32)
    boxes: list[tuple[str, np.ndarray]] = []
    for it in items:
        mh, mw = it.mask.shape
        x0 = int(round(it.cx - tape_x0 - mw / 2))
        y0 = int(round(y_mid + it.cy - mh / 2))
        xa, ya = max(0, x0), max(0, y0)
        xb, yb = min(w, x0 + mw), min(h, y0 + mh)
        if xb > xa and yb > ya:
            region = chars[ya:yb, xa:xb]
            np.maximum(region, it.mask[ya - y0 : yb - y0, xa - x0 : xb - x0], out=region)
        boxes.append((it.text, np.array([[x0, y0], [x0 + mw, y0], [x0 + mw, y0 + mh],
                                         [x0, y0 + mh]], np.float64)))

    deformed = d.get("deformed")
    if deformed and deformed.get("kind") == "shear":
        t = math.tan(math.radians(float(deformed["shear_deg"])))
        # x' = x + t * (y_mid - y): tops lean right (italic slant)
        m = np.array([[1.0, -t, t * y_mid], [0.0, 1.0, 0.0]], np.float32)
        chars = cv2.warpAffine(chars, m, (w, h), flags=cv2.INTER_LINEAR)
        boxes = [(txt, np.column_stack([b[:, 0] + t * (y_mid - b[:, 1]), b[:, 1]]))
                 for txt, b in boxes]

    char_px = _px(spec.char_height_mm, dpi)
    shifted = d.get("shifted")
    unreadable = d.get("unreadable")
    contrast = spec.char_contrast
    soft = grain_mask(chars, ppm, rng)
    if shifted and shifted.get("kind") == "ghost":
        dx, dy = (float(v) * ppm for v in shifted["offset_mm"])
        m = np.array([[1, 0, dx], [0, 1, dy]], np.float32)
        ghost = cv2.warpAffine(soft, m, (w, h), flags=cv2.INTER_LINEAR)
        soft = np.maximum(soft, float(shifted.get("strength", 0.55)) * ghost)
    if shifted and shifted.get("kind") == "smear":
        first, count = int(shifted["first"]), int(shifted["count"])
        cbox = [b for txt, b in boxes if txt not in ("<start>", "<end>")]
        xa = int(max(0, cbox[first][:, 0].min() - 0.2 * char_px))
        xb = int(min(w, cbox[min(16, first + count - 1)][:, 0].max() + 0.2 * char_px))
        length = float(shifted["length_mm"]) * ppm
        band = motion_blur(soft, length, float(shifted.get("angle_deg", 0.0)))
        ramp = np.zeros(w, np.float32)
        ramp[xa:xb] = 1.0
        ramp = cv2.GaussianBlur(ramp[None, :], (0, 0), sigmaX=0.15 * char_px)[0]
        soft = soft * (1 - ramp) + np.maximum(band * 1.25, 0) .clip(0, 1) * ramp
    if unreadable:
        soft = motion_blur(soft, float(unreadable["smear_mm"]) * ppm,
                           float(unreadable.get("angle_deg", 10.0)))
        contrast = float(unreadable["contrast"])

    # graphite darkness over the tape
    ink = [b[:, 0] for _t, b in boxes]
    ink_x = (float(min(v.min() for v in ink)), float(max(v.max() for v in ink)))
    dark = _graphite_field(spec, (h, w), ppm, pressure, rng, heavy=bool(unreadable),
                           ink_x=ink_x)
    # metal burr around the stampings takes more graphite: a darker rim
    rim_k = max(3, int(round(0.35 * ppm)) | 1)
    rim = cv2.GaussianBlur(soft, (rim_k, rim_k), 0) - soft
    dark = dark * (1.0 + 0.35 * np.clip(rim, 0, 1))
    # graphite that got into the recesses: blotchy, never fully clean
    fill = 1.0 - contrast * (0.85 + 0.15 * smooth_noise((h, w), 1.5 * ppm, rng))
    dark = dark * (1.0 - soft + soft * np.clip(fill, 0.02, 1.0))
    if unreadable:
        blot = np.clip(smooth_noise((h, w), 7 * ppm, rng), 0, None)
        dark = np.clip(dark * (1.0 + 0.25 * blot), 0, 0.95)
        if unreadable.get("kind") == "faint":  # hardly any graphite got onto the tape
            dark = dark * 0.3

    # clear tape: ends cut straight or serrated, faint edge lines
    tape = np.ones((h, w), np.float32)
    visible_text = "".join(it.text for it in items if it.text not in ("<start>", "<end>"))
    return _StripRender(np.clip(dark, 0, 0.96).astype(np.float32), tape, boxes,
                        visible_text, (w, h))


def _graphite_field(spec: StripSpec, shape: tuple[int, int], ppm: float, pressure: float,
                    rng: np.random.Generator, heavy: bool, ink_x: tuple[float, float]
                    ) -> np.ndarray:
    """Darkness of the rubbed tape (0..1): pressure patches, pencil streaks, light edges.

    ``ink_x`` is the local x range (px) of the stamped line, which the rubbing always covers.
    """
    h, w = shape
    base = spec.darkness
    press = 1.0 + pressure * smooth_noise(shape, 14 * ppm, rng)
    press *= 1.0 + 0.3 * pressure * smooth_noise(shape, 5 * ppm, rng)
    ang = spec.rub_angle_deg
    streaks = streak_noise(shape, ppm, ang, length_mm=7.0, width_mm=0.3, rng=rng)
    strokes = streak_noise(shape, ppm, ang, length_mm=25.0, width_mm=1.2, rng=rng)
    tex = 1.0 + 0.14 * streaks + 0.06 * strokes
    grain = 1.0 + 0.08 * fine_noise(shape, ppm, 0.06, rng)
    if spec.texture == "crosshatch":
        tex += 0.12 * streak_noise(shape, ppm, ang + 90.0, length_mm=9.0, width_mm=0.35,
                                   rng=rng)
    elif spec.texture == "fine":
        tex = 1.0 + 0.1 * streak_noise(shape, ppm, ang, length_mm=3.0, width_mm=0.15, rng=rng)
        grain = 1.0 + 0.16 * fine_noise(shape, ppm, 0.05, rng)
    elif spec.texture == "blotchy":
        tex += 0.14 * streak_noise(shape, ppm, ang, length_mm=40.0, width_mm=3.0, rng=rng)
        press *= 1.0 + 0.25 * smooth_noise(shape, 3 * ppm, rng)
    # lighter toward the long edges of the tape
    yy = np.arange(h, dtype=np.float32)[:, None]
    xx = np.arange(w, dtype=np.float32)[None, :]
    edge_mm = 1.2 + 1.8 * rng.random()
    wob_top = 1.0 + 0.8 * smooth_noise((1, w), 10 * ppm, rng)
    wob_bot = 1.0 + 0.8 * smooth_noise((1, w), 10 * ppm, rng)
    top = np.clip((yy - 0.4 * ppm * wob_top) / (edge_mm * ppm), 0, 1)
    bot = np.clip((h - 1 - yy - 0.4 * ppm * wob_bot) / (edge_mm * ppm), 0, 1)
    # the rubbed area ends along the last pencil strokes: slanted, feathered, a bit ragged
    feather = 2.0 * ppm
    tilt = float(np.clip(1.0 / math.tan(math.radians(ang)), -0.6, 0.6))
    slant = tilt * (h / 2 - yy)  # x offset of a stroke-parallel line, per row (px)
    wob = 0.6 * ppm * smooth_noise((h, 2), 2 * ppm, rng)
    lim_l = ink_x[0] - feather - 1.0 * ppm
    lim_r = ink_x[1] + feather + 1.0 * ppm
    b_l = np.minimum(rng.uniform(0.15, 0.7) * lim_l + slant + wob[:, :1], lim_l)
    b_r = np.maximum(w - rng.uniform(0.15, 0.7) * (w - lim_r) + slant + wob[:, 1:], lim_r)
    left = np.clip((xx - b_l) / feather, 0, 1)
    right = np.clip((b_r - xx) / feather, 0, 1)
    if "truncated" in spec.defects:  # the rubbing was cut through: dark up to the cut
        if spec.defects["truncated"]["side"] == "left":
            left = np.ones_like(left)
        else:
            right = np.ones_like(right)
    edges = np.sqrt(top * bot) * left * right
    dark = base * press * tex * grain * (0.4 + 0.6 * edges)
    dark *= np.clip(edges * 3, 0, 1)
    if heavy:
        dark = dark * 1.2
    return np.clip(dark, 0, 0.95).astype(np.float32)


def _serrate_ends(tape: np.ndarray, ppm: float, rng: np.random.Generator) -> None:
    """Cut zig-zag teeth (tape-dispenser edge) into the tape ends, in place."""
    h, w = tape.shape
    tooth = max(2.0, 1.2 * ppm)
    depth = 0.7 * ppm
    yy = np.arange(h, dtype=np.float32)
    zig = depth * np.abs(((yy / tooth) % 1.0) * 2 - 1)  # 0..depth
    for side in ("left", "right"):
        if rng.random() < 0.5:
            continue
        for y in range(h):
            n = int(zig[y])
            if n <= 0:
                continue
            if side == "left":
                tape[y, :n] = 0
            else:
                tape[y, w - n :] = 0


def _tear_ends(tape: np.ndarray, ppm: float, rng: np.random.Generator) -> None:
    """Ragged, torn tape ends (up to ~2 mm deep, uneven), in place (0 = no tape)."""
    h, w = tape.shape
    for side in ("left", "right"):
        depth = np.abs(smooth_noise((h, 1), 1.5 * ppm, rng)[:, 0]) * 1.2 * ppm
        depth += np.abs(randn((h,), rng)) * 0.2 * ppm
        for y in range(h):
            n = min(w // 4, int(depth[y]))
            if n <= 0:
                continue
            if side == "left":
                tape[y, :n] = 0
            else:
                tape[y, w - n:] = 0


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


def _draw_form(gray: np.ndarray, spec: SheetSpec, ppm: float, rng: np.random.Generator
               ) -> None:
    """Printed form: border, title and a signature line (in place, darkens ``gray``)."""
    from PIL import ImageDraw, ImageFont

    h, w = gray.shape
    img = Image.new("L", (w, h), 0)
    dr = ImageDraw.Draw(img)
    lw = max(1, round(0.25 * ppm))
    m = 6 * ppm
    dr.rectangle([m, m, w - m, h - m], outline=150, width=lw)
    try:
        font = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                                  max(8, round(3.5 * ppm)))
        small = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                                   max(6, round(2.5 * ppm)))
    except OSError:  # pragma: no cover - font missing
        font = small = ImageFont.load_default()
    dr.text((m + 4 * ppm, m + 1.5 * ppm), "车辆识别代号拓印膜  VIN rubbing", fill=200, font=font)
    y = h - m - 6 * ppm
    dr.text((m + 4 * ppm, y - 3 * ppm), "检验员签字 / Inspector:", fill=190, font=small)
    dr.line([m + 45 * ppm, y, m + 95 * ppm, y], fill=150, width=lw)
    dr.text((w - m - 70 * ppm, y - 3 * ppm), "日期 / Date:", fill=190, font=small)
    dr.line([w - m - 45 * ppm, y, w - m - 8 * ppm, y], fill=150, width=lw)
    ink = np.asarray(img, np.float32) / 255.0 * 0.8
    gray *= 1.0 - ink


def _draw_dust(dark: np.ndarray, n: int, ppm: float, rng: np.random.Generator) -> None:
    """Dust specks and the odd hair on the scanner glass (in place, darkens ``dark``)."""
    h, w = dark.shape
    layer = np.zeros((h, w), np.uint8)
    for _ in range(n):
        x, y = int(rng.integers(w)), int(rng.integers(h))
        if rng.random() < 0.15:  # a hair: short thin curve
            pts = [(x, y)]
            ang = rng.uniform(0, 2 * np.pi)
            for _k in range(8):
                ang += rng.normal(0, 0.35)
                step = rng.uniform(0.6, 1.6) * ppm
                x, y = x + step * math.cos(ang), y + step * math.sin(ang)
                pts.append((x, y))
            arr = np.round(np.array(pts) * 16).astype(np.int32)
            cv2.polylines(layer, [arr], False, int(rng.integers(90, 200)),
                          max(1, round(0.06 * ppm)), cv2.LINE_AA, shift=4)
        else:
            r = rng.uniform(0.05, 0.2) * ppm
            axes = (max(1, round(r * 16)), max(1, round(r * rng.uniform(0.5, 1.0) * 16)))
            cv2.ellipse(layer, ((x * 16, y * 16)), axes, float(rng.uniform(0, 180)), 0, 360,
                        int(rng.integers(120, 230)), -1, cv2.LINE_AA, shift=4)
    ys, xs = np.nonzero(layer)
    if ys.size:
        v = layer[ys, xs].astype(np.float32) / 255.0
        dark[ys, xs] = 1.0 - (1.0 - dark[ys, xs]) * (1.0 - v)


def _draw_seal(rgb: np.ndarray, strips: list[dict], ppm: float, rng: np.random.Generator
               ) -> list[float] | None:
    """A red round seal where it touches no strip; in place. Returns [cx, cy, r] px or None."""
    from PIL import ImageDraw, ImageFont

    h, w = rgb.shape[:2]
    r = rng.uniform(11.0, 16.0) * ppm  # small QC seal, 22-32 mm
    polys = [np.array(st["corners"], np.float32) for st in strips]
    e = r + 5 * ppm
    cands = [(w - e, h - e), (e, h - e), (w - e, e), (e, e), (w / 2, h / 2)]
    order = rng.permutation(len(cands) - 1).tolist() + [len(cands) - 1]
    for i in order:
        cx, cy = cands[i]
        cx += rng.uniform(-3, 3) * ppm
        cy += rng.uniform(-3, 3) * ppm
        if all(cv2.pointPolygonTest(p, (float(cx), float(cy)), True) < -r - 2 * ppm
               for p in polys):
            break
    else:
        return None
    size = int(2 * r + 8)
    img = Image.new("L", (size, size), 0)
    dr = ImageDraw.Draw(img)
    c = size / 2
    lw = max(1, round(1.0 * ppm))
    dr.ellipse([c - r, c - r, c + r, c + r], outline=255, width=lw)
    star = _star_pts(c, c - 0.1 * r, 0.28 * r)
    dr.polygon(star, fill=255)
    try:
        font = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
                                  max(6, round(0.2 * r)))
        dr.text((c, c + 0.45 * r), "检验专用章", fill=255, font=font, anchor="mm")
    except OSError:  # pragma: no cover - font missing
        pass
    ink = np.asarray(img, np.float32) / 255.0
    ink *= np.clip(0.75 + 0.35 * smooth_noise(ink.shape, 4 * ppm, rng), 0.2, 1.0)
    x0, y0 = int(cx - c), int(cy - c)
    xa, ya, xb, yb = max(0, x0), max(0, y0), min(w, x0 + size), min(h, y0 + size)
    sub = ink[ya - y0 : yb - y0, xa - x0 : xb - x0, None]
    absorb = np.array([0.08, 0.72, 0.62], np.float32)  # red ink: G and B absorbed
    roi = rgb[ya:yb, xa:xb].astype(np.float32)
    rgb[ya:yb, xa:xb] = np.clip(roi * (1.0 - sub * absorb), 0, 255).astype(np.uint8)
    return [round(float(cx), 1), round(float(cy), 1), round(float(r), 1)]


def _star_pts(cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    ang = -np.pi / 2 + np.arange(10) * np.pi / 5
    rr = np.where(np.arange(10) % 2 == 0, r, r * 0.4)
    return [(float(cx + a * math.cos(t)), float(cy + a * math.sin(t))) for a, t in zip(rr, ang,
                                                                                      strict=True)]


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


def _strip_reasons(s: StripSpec, visible_text: str, min_height_mm: float) -> list[str]:
    d = s.defects
    if "unreadable" in d:
        return ["unreadable"]
    out: list[str] = []
    trunc = d.get("truncated")
    if trunc:
        out.append("truncated")
    no_start = not s.start_symbol or "missing_start_symbol" in d or (
        trunc and trunc["side"] == "left")
    no_end = not s.end_symbol or "missing_end_symbol" in d or (
        trunc and trunc["side"] == "right")
    if no_start:
        out.append("missing_start_symbol")
    if no_end:
        out.append("missing_end_symbol")
    if not trunc and not has_valid_check_digit(s.vin):
        out.append("check_digit")
    if "deformed" in d:
        out.append("deformed")
    if "shifted" in d:
        out.append("shifted")
    if min_height_mm < MIN_CHAR_HEIGHT_MM:
        out.append("char_too_small")
    return sorted(out)


def _sheet_reasons(spec: SheetSpec, strips: list[dict]) -> list[str]:
    full = [st["vin"] for st, s in zip(strips, spec.strips, strict=True)
            if "unreadable" not in s.defects and "truncated" not in s.defects]
    return ["copies_differ"] if len(set(full)) > 1 else []


def _strip_truth(s: StripSpec, r: _StripRender, corners: np.ndarray, to_sheet, dpi: int
                 ) -> dict:
    ppm = dpi / 25.4

    def q(pts: np.ndarray) -> list[list[float]]:
        return [[round(float(x), 2), round(float(y), 2)] for x, y in to_sheet(pts)]

    char_boxes = [q(b) for t, b in r.boxes if t not in ("<start>", "<end>")]
    start = [q(b) for t, b in r.boxes if t == "<start>"]
    end = [q(b) for t, b in r.boxes if t == "<end>"]
    # the recorded height of sheared boxes is the vertical extent, not the slanted side
    heights_mm = [float(b[3, 1] - b[0, 1]) / ppm for t, b in r.boxes
                  if t not in ("<start>", "<end>")]
    start_sym = start[0] if start else None
    return {
        "vin": s.vin,
        "visible_text": r.visible_text,
        "check_digit_valid": has_valid_check_digit(s.vin),
        "font": s.font,
        "texture": s.texture,
        "tape_end": s.tape_end,
        "start_symbol": s.start_symbol if start else None,
        "end_symbol": s.end_symbol if end else None,
        "corners": q_corners(corners),
        "char_boxes": char_boxes,
        "start_box": start_sym,
        "end_box": end[0] if end else None,
        "char_height_mm": round(s.char_height_mm, 3),
        "char_heights_mm": [round(v, 3) for v in heights_mm],
        "pitch_mm": round(s.char_height_mm * s.pitch_ratio, 3),
        "angle_deg": round(s.angle_deg, 3),
        "center_mm": [round(float(v), 3) for v in s.center_mm],
        "tape_height_mm": round(s.tape_height_mm, 3),
        "defects": _jsonable(s.defects),
        "expected_reasons": _strip_reasons(s, r.visible_text, min(heights_mm) if heights_mm
                                           else s.char_height_mm),
    }


def q_corners(corners: np.ndarray) -> list[list[float]]:
    """Round a 4x2 array of points to plain lists (px, 2 decimals)."""
    return [[round(float(x), 2), round(float(y), 2)] for x, y in corners]


def _jsonable(v: Any) -> Any:
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_jsonable(x) for x in v]
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, float):
        return round(v, 4)
    return v


# ----------------------------------------------------------------------------- random specs


def _u(rng: np.random.Generator, lo: float, hi: float) -> float:
    return float(rng.uniform(lo, hi))


def _fits(strips: list[StripSpec], paper_mm: tuple[float, float], lengths: list[float],
          margin_mm: float = 4.0) -> bool:
    rects = []
    for s, length in zip(strips, lengths, strict=True):
        rect = ((s.center_mm[0], s.center_mm[1]), (length, s.tape_height_mm), -s.angle_deg)
        pts = cv2.boxPoints(rect)
        if (pts[:, 0].min() < margin_mm or pts[:, 1].min() < margin_mm
                or pts[:, 0].max() > paper_mm[0] - margin_mm
                or pts[:, 1].max() > paper_mm[1] - margin_mm):
            return False
        rects.append(((rect[0]), (length + 4, s.tape_height_mm + 4), rect[2]))
    for i in range(len(rects)):
        for j in range(i + 1, len(rects)):
            kind, _ = cv2.rotatedRectangleIntersection(rects[i], rects[j])
            if kind != cv2.INTERSECT_NONE:
                return False
    return True


def _tape_length_mm(s: StripSpec) -> float:
    """Approximate tape length (mm) of a strip spec, for placement."""
    pitch = s.char_height_mm * s.pitch_ratio
    return 16 * pitch + 2 * 1.15 * pitch + s.char_height_mm + sum(s.margin_mm)


def random_sheet_spec(rng: np.random.Generator, *, dpi: int = 300, n_strips: int = 2,
                      defect: str | None = None, clean: bool = True,
                      fonts: tuple[str, ...] | list[str] | None = None,
                      symbols: tuple[str, ...] | list[str] | None = None,
                      variety: bool = False) -> SheetSpec:
    """A random sheet spec; ``defect`` is one of :data:`DEFECTS` or None for a passing sheet.

    ``clean=True`` gives a tidy scan (small rotation, light blur and noise, no JPEG, white
    or off-white paper); ``clean=False`` uses the full range (rotation +-15 deg, more blur,
    noise and pressure unevenness, grey paper, JPEG, more dust, a red seal more often).
    ``copies_differ`` always makes two strips. Both strips are rubbings of the same
    stamping: same VIN, font, size and symbols. Defect parameters (``StripSpec.defects``):

    - ``check_digit``: ``{"stamped", "correct"}`` (on every strip)
    - ``missing_start_symbol`` / ``missing_end_symbol``: ``{}`` (one strip)
    - ``truncated``: ``{"side": "left"|"right", "n_visible": 13..16, "cut_at"}`` (one strip)
    - ``deformed``: ``{"kind": "stretch", "scale_x", "first", "count"}`` |
      ``{"kind": "shear", "shear_deg"}`` | ``{"kind": "height_ramp", "ratio", "direction"}``
    - ``shifted``: ``{"kind": "ghost", "offset_mm": [dx, dy], "offset_len_mm", "strength"}`` |
      ``{"kind": "smear", "length_mm", "first", "count", "angle_deg"}``
    - ``char_too_small``: ``{"char_height_mm"}`` (every strip)
    - ``unreadable``: ``{"kind": "smudged"|"faint", "contrast", "smear_mm", "angle_deg"}``
      (one strip; "faint" leaves little graphite on the tape)
    - ``copies_differ``: second strip carries another valid VIN, ``{"other_vin"}``

    ``fonts`` / ``symbols`` choose the letterforms and start/stop marks (default: the old
    :data:`FONTS` / :data:`SYMBOLS`; ``devkit.letterforms`` gives either side of the
    train / held-out split). ``variety=True`` also varies the graphite texture, the tape's
    ends and the rubbing's darkness and contrast over a wider range (drawn after every
    other choice, so the default sheets stay as they were).
    """
    if defect is not None and defect not in DEFECTS:
        raise ValueError(f"unknown defect {defect!r}; known: {DEFECTS}")
    if defect == "copies_differ":
        n_strips = max(2, n_strips)
    n_strips = max(1, min(2, n_strips))
    vin = random_vin(rng)
    font = str(rng.choice(list(fonts) if fonts else FONTS))
    height = _u(rng, 7.4, 10.0)
    if defect == "char_too_small":
        height = _u(rng, 4.0, 6.0)
    pitch_ratio = _u(rng, 0.72, 0.9)
    sym_choices = list(symbols) if symbols else list(SYMBOLS)
    sym = str(rng.choice(sym_choices))
    end_sym = sym if rng.random() < 0.85 else str(rng.choice(sym_choices))
    if fonts:  # wide faces need a wider pitch (and a smaller height to fit the paper)
        from devkit.letterforms import by_name

        try:
            widest = by_name(font).max_width
        except KeyError:
            widest = 0.62
        if widest > 0.7:
            height = min(height, _u(rng, 7.4, 8.6)) if defect != "char_too_small" else height
            pitch_ratio = max(pitch_ratio, widest + 0.12)
    paper_mm = (210.0, 148.5)
    max_angle = 4.0 if clean else 15.0
    strips: list[StripSpec] = []
    for _ in range(n_strips):
        pitch = height * pitch_ratio
        line_len = 18.3 * pitch + height
        target = _u(rng, 150, 200)
        margin = float(np.clip((target - line_len) / 2, 6, 25))
        strips.append(StripSpec(
            vin=vin, font=font, char_height_mm=height, start_symbol=sym, end_symbol=end_sym,
            pitch_ratio=pitch_ratio,
            tape_height_mm=_u(rng, max(20.0, 2.3 * height), 30.0),
            margin_mm=(margin + _u(rng, -3, 3), margin + _u(rng, -3, 3)),
            line_offset_mm=_u(rng, -1.5, 1.5),
            darkness=_u(rng, 0.56, 0.76),
            char_contrast=_u(rng, 0.75, 0.9),
            rub_angle_deg=float(rng.choice([-1, 1])) * _u(rng, 30, 70),
            maker_letter=str(rng.choice(list("VAHGTB"))),
        ))
    target = int(rng.integers(n_strips))
    t = strips[target]
    if defect == "check_digit":
        bad = wrong_check_digit(vin, rng)
        for s in strips:
            s.vin = bad
            s.defects["check_digit"] = {"stamped": bad[8], "correct": check_digit(bad)}
    elif defect in ("missing_start_symbol", "missing_end_symbol"):
        t.defects[defect] = {}
    elif defect == "truncated":
        t.defects["truncated"] = {"side": str(rng.choice(["left", "right"])),
                                  "n_visible": int(rng.integers(13, 17)),
                                  "cut_at": _u(rng, 0.25, 0.75)}
    elif defect == "deformed":
        kind = str(rng.choice(["stretch", "shear", "height_ramp"]))
        if kind == "stretch":
            count = int(rng.integers(3, 7))
            t.defects["deformed"] = {"kind": kind, "scale_x": _u(rng, 1.2, 1.4),
                                     "first": int(rng.integers(2, 15 - count)), "count": count}
        elif kind == "shear":
            t.defects["deformed"] = {"kind": kind,
                                     "shear_deg": float(rng.choice([-1, 1])) * _u(rng, 8, 15)}
        else:
            t.defects["deformed"] = {"kind": kind, "ratio": _u(rng, 1.2, 1.3),
                                     "direction": str(rng.choice(["up", "down"]))}
    elif defect == "shifted":
        if rng.random() < 0.6:
            length = _u(rng, 0.6, 1.5)
            ang = math.radians(_u(rng, -40, 40) + float(rng.choice([0, 180])))
            t.defects["shifted"] = {"kind": "ghost",
                                    "offset_mm": [length * math.cos(ang), length * math.sin(ang)],
                                    "offset_len_mm": length, "strength": _u(rng, 0.45, 0.65)}
        else:
            count = int(rng.integers(3, 7))
            t.defects["shifted"] = {"kind": "smear", "length_mm": _u(rng, 0.8, 2.0),
                                    "first": int(rng.integers(1, 17 - count)), "count": count,
                                    "angle_deg": _u(rng, -20, 20)}
    elif defect == "char_too_small":
        for s in strips:
            s.defects["char_too_small"] = {"char_height_mm": height}
    elif defect == "unreadable":
        t.defects["unreadable"] = {"kind": str(rng.choice(["smudged", "faint"])),
                                   "contrast": _u(rng, 0.02, 0.06), "smear_mm": _u(rng, 4, 8),
                                   "angle_deg": _u(rng, -30, 30)}
    elif defect == "copies_differ":
        other = differing_vin(vin, rng)
        strips[1].vin = other
        strips[1].defects["copies_differ"] = {"other_vin": vin}

    # placement: resample until the strips are on the page and do not overlap
    lengths = [_tape_length_mm(s) for s in strips]
    for attempt in range(400):
        lim = max_angle if attempt < 300 else max_angle / 3
        for i, s in enumerate(strips):
            if n_strips == 1:
                cy = _u(rng, 55, 95)
            else:
                cy = (_u(rng, 32, 55) if i == 0 else _u(rng, 95, 118))
            s.center_mm = (_u(rng, 95, 115), cy)
            s.angle_deg = _u(rng, -lim, lim)
        if _fits(strips, paper_mm, lengths):
            break
    else:  # pragma: no cover - extremely unlikely
        for i, s in enumerate(strips):
            s.angle_deg = 0.0
            s.center_mm = (105.0, 45.0 + 60.0 * i)

    sf = dpi / 300.0
    if clean:
        blur = _u(rng, 0.3, 0.8) * sf
        noise = _u(rng, 1.0, 3.0)
        pressure = _u(rng, 0.1, 0.25)
        jpeg = None
        paper = str(rng.choice(["white", "white", "offwhite"]))
    else:
        blur = _u(rng, 0.3, 1.6) * sf
        noise = _u(rng, 1.0, 7.0)
        pressure = _u(rng, 0.1, 0.45)
        jpeg = int(rng.integers(60, 93)) if rng.random() < 0.5 else None
        paper = str(rng.choice(["white", "offwhite", "grey"]))
    sheet = SheetSpec(strips=strips, dpi=dpi, paper=paper, paper_mm=paper_mm, blur_px=blur,
                      noise_sigma=noise, pressure_unevenness=pressure, jpeg_quality=jpeg,
                      seed=int(rng.integers(2**31)), form=bool(rng.random() < 0.5),
                      seal=bool(rng.random() < (0.2 if clean else 0.35)),
                      dust=int(rng.integers(0, 4 if clean else 26)))
    if variety:
        texture = str(rng.choice(["streaks", "crosshatch", "fine", "blotchy"]))
        tape_end = str(rng.choice(["auto", "auto", "torn"]))
        for s in strips:  # both rubbings of one sheet are made alike
            s.texture, s.tape_end = texture, tape_end
            if "unreadable" not in s.defects:
                s.darkness = _u(rng, 0.5, 0.8)
                s.char_contrast = _u(rng, 0.68, 0.92)
    return sheet


# ----------------------------------------------------------------------------- dataset / CLI


def spec_to_dict(spec: SheetSpec) -> dict:
    """The spec as plain JSON-able data."""
    return _jsonable(asdict(spec))


def write_dataset(out_dir: str | Path, n: int, seed: int, *, dpi: int = 300,
                  defect_share: float = 0.5, fonts: list[str] | None = None,
                  symbols: list[str] | None = None, variety: bool = False) -> Path:
    """Write ``sheet_0000.png`` ... (DPI stored in the PNG) and ``truth.jsonl`` to ``out_dir``.

    About ``defect_share`` of the sheets carry one defect, cycling through :data:`DEFECTS`;
    half of the sheets are tidy scans, half use the full variation range. The same ``seed``
    always gives the same files. ``fonts``, ``symbols`` and ``variety`` go to
    :func:`random_sheet_spec`. Returns the path of ``truth.jsonl``.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    master = np.random.default_rng(seed)
    n_def = int(round(n * defect_share))
    flags = np.array([True] * n_def + [False] * (n - n_def))
    master.shuffle(flags)
    truth_path = out / "truth.jsonl"
    k = 0
    with truth_path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            rng = np.random.default_rng([seed, i])
            defect = None
            if flags[i]:
                defect = DEFECTS[k % len(DEFECTS)]
                k += 1
            n_strips = 2 if rng.random() < 0.75 else 1
            spec = random_sheet_spec(rng, dpi=dpi, n_strips=n_strips, defect=defect,
                                     clean=bool(rng.random() < 0.5), fonts=fonts,
                                     symbols=symbols, variety=variety)
            img, truth = render_sheet(spec)
            name = f"sheet_{i:04d}.png"
            img.save(out / name, dpi=(dpi, dpi))
            fh.write(json.dumps({"file": name, "defect": defect, **truth},
                                ensure_ascii=False) + "\n")
    return truth_path


SAMPLE_VIN = "LSVAU2180N2183594"  # valid check digit (0)


def sample_sheet_spec(vin: str = SAMPLE_VIN) -> SheetSpec:
    """The clean 300-dpi sheet of the bundled sample case: two good rubbings of ``vin``."""
    common = dict(vin=vin, font="mono_bold", char_height_mm=8.5, start_symbol="★",
                  end_symbol="★", pitch_ratio=0.8, darkness=0.68, char_contrast=0.86)
    strips = [
        StripSpec(**common, angle_deg=1.2, center_mm=(104.0, 48.0), tape_height_mm=24.0,
                  margin_mm=(16.0, 14.0), line_offset_mm=0.4, rub_angle_deg=52.0),
        StripSpec(**common, angle_deg=-0.7, center_mm=(107.0, 103.0), tape_height_mm=25.0,
                  margin_mm=(13.0, 17.0), line_offset_mm=-0.5, rub_angle_deg=-48.0),
    ]
    return SheetSpec(strips=strips, dpi=300, paper="white", blur_px=0.6, noise_sigma=1.5,
                     pressure_unevenness=0.2, jpeg_quality=None, seed=2025, form=True)


def main(argv: list[str] | None = None) -> int:
    """CLI: write a synthetic rubbing-sheet dataset."""
    ap = argparse.ArgumentParser(prog="python -m devkit.synth.rubbing", description=__doc__
                                 .splitlines()[0])
    ap.add_argument("--out", help="output folder")
    ap.add_argument("--sample", metavar="PNG",
                    help=f"write only the clean sample-case sheet (VIN {SAMPLE_VIN}) to this file")
    ap.add_argument("--n", type=int, default=300, help="number of sheets")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--defect-share", type=float, default=0.5)
    a = ap.parse_args(argv)
    if a.sample:
        img, _ = render_sheet(sample_sheet_spec())
        img.save(a.sample, dpi=(300, 300), optimize=True)
        print(a.sample)
        return 0
    if not a.out:
        ap.error("--out is required (or --sample)")
    path = write_dataset(a.out, a.n, a.seed, dpi=a.dpi, defect_share=a.defect_share)
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
