"""Where the glyphs of one strip go: the 17 VIN characters and the start/stop marks as
masks with their centres along the text line (px), stretched or height-ramped when the
strip's ``deformed`` defect asks for it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

from devkit.synth.rubbing_font import render_glyph, render_symbol
from devkit.synth.rubbing_spec import StripSpec


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
