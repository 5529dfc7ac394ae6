"""One rubbed tape strip in its own frame: the graphite darkness over the tape with the
light recessed characters, the strip's defects drawn in (truncation, shear, ghost and
smear shifts, unreadable smudges) and the tape's cut, serrated or torn ends."""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from devkit.synth.rubbing_layout import _layout, _px
from devkit.synth.rubbing_spec import StripSpec
from devkit.synth.rubbing_texture import (
    fine_noise,
    grain_mask,
    motion_blur,
    randn,
    smooth_noise,
    streak_noise,
)


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
