"""The ground truth of a rendered sheet: each strip's corners, character and symbol boxes
(image px), heights, defects and the reason codes a reader must report for it and for the
sheet."""

from __future__ import annotations

from typing import Any

import numpy as np

from devkit.synth.rubbing_spec import MIN_CHAR_HEIGHT_MM, SheetSpec, StripSpec
from devkit.synth.rubbing_strip import _StripRender
from devkit.synth.rubbing_vin import has_valid_check_digit


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
