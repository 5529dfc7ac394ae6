"""Random sheet specs: a VIN, letterform, marks and sizes, one chosen defect with its
parameters, strips placed on the page without overlap, and the scan's conditions."""

from __future__ import annotations

import math

import cv2
import numpy as np

from devkit.synth.rubbing_font import FONTS, SYMBOLS
from devkit.synth.rubbing_spec import DEFECTS, SheetSpec, StripSpec
from devkit.synth.rubbing_vin import (
    check_digit,
    differing_vin,
    random_vin,
    wrong_check_digit,
)


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
