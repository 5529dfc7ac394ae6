"""Stamping fonts and end symbols for the synthetic rubbings, rendered as float masks.

Every glyph is returned as a float32 array in [0, 1] (1 = stamped, i.e. recessed metal)
cropped to its ink, exactly ``height_px`` rows tall. Fonts:

- ``mono_bold``: DejaVu Sans Mono Bold (a typical pin-stamped monospaced sans)
- ``condensed_bold``: DejaVu Sans Condensed Bold (narrow sans)
- ``dot_matrix``: dot-peen style, round dots on a 5x7 grid
- ``stroke``: uniform-width line font drawn through the same 5x7 grid
- ``segment_stroke``: hand-drawn line font on a 4x6 grid, thin uniform strokes

and every other letterform of ``devkit.letterforms`` (outline faces from Debian font
packages; the held-out drawn styles ``dot_peen_round`` and ``die_struck`` of
``devkit.styles``). :data:`FONTS` stays the old five (the default sheets are unchanged);
``devkit.letterforms.available(split)`` lists the names of either side of the split.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
TTF_FONTS = {
    "mono_bold": "DejaVuSansMono-Bold.ttf",
    "condensed_bold": "DejaVuSansCondensed-Bold.ttf",
}
FONTS = ("mono_bold", "condensed_bold", "dot_matrix", "stroke", "segment_stroke")
SYMBOLS = ("★", "☆", "※", "◆", "▲", "maker")
# further marks (devkit.letterforms.SYMBOL_SPLIT says which side each is on)
MORE_SYMBOLS = ("●", "#", "logo", "hexagon")

# 5x7 dot patterns (rows top to bottom), VIN alphabet plus I, O, Q.
_DOTS_5X7 = {
    "0": "01110 10001 10011 10101 11001 10001 01110",
    "1": "00100 01100 00100 00100 00100 00100 01110",
    "2": "01110 10001 00001 00010 00100 01000 11111",
    "3": "11111 00010 00100 00010 00001 10001 01110",
    "4": "00010 00110 01010 10010 11111 00010 00010",
    "5": "11111 10000 11110 00001 00001 10001 01110",
    "6": "00110 01000 10000 11110 10001 10001 01110",
    "7": "11111 00001 00010 00100 01000 01000 01000",
    "8": "01110 10001 10001 01110 10001 10001 01110",
    "9": "01110 10001 10001 01111 00001 00010 01100",
    "A": "01110 10001 10001 10001 11111 10001 10001",
    "B": "11110 10001 10001 11110 10001 10001 11110",
    "C": "01110 10001 10000 10000 10000 10001 01110",
    "D": "11100 10010 10001 10001 10001 10010 11100",
    "E": "11111 10000 10000 11110 10000 10000 11111",
    "F": "11111 10000 10000 11110 10000 10000 10000",
    "G": "01110 10001 10000 10111 10001 10001 01111",
    "H": "10001 10001 10001 11111 10001 10001 10001",
    "I": "01110 00100 00100 00100 00100 00100 01110",
    "J": "00111 00010 00010 00010 00010 10010 01100",
    "K": "10001 10010 10100 11000 10100 10010 10001",
    "L": "10000 10000 10000 10000 10000 10000 11111",
    "M": "10001 11011 10101 10101 10001 10001 10001",
    "N": "10001 10001 11001 10101 10011 10001 10001",
    "O": "01110 10001 10001 10001 10001 10001 01110",
    "P": "11110 10001 10001 11110 10000 10000 10000",
    "Q": "01110 10001 10001 10001 10101 10010 01101",
    "R": "11110 10001 10001 11110 10100 10010 10001",
    "S": "01111 10000 10000 01110 00001 00001 11110",
    "T": "11111 00100 00100 00100 00100 00100 00100",
    "U": "10001 10001 10001 10001 10001 10001 01110",
    "V": "10001 10001 10001 10001 10001 01010 00100",
    "W": "10001 10001 10001 10101 10101 10101 01010",
    "X": "10001 10001 01010 00100 01010 10001 10001",
    "Y": "10001 10001 10001 01010 00100 00100 00100",
    "Z": "11111 00001 00010 00100 01000 10000 11111",
}

# Line font on a 4 (wide) x 6 (tall) grid: polylines of (x, y) points, y down.
_SEG = {
    "0": [[(0, 0), (4, 0), (4, 6), (0, 6), (0, 0)], [(4, 0), (0, 6)]],
    "1": [[(1, 1), (2, 0), (2, 6)], [(1, 6), (3, 6)]],
    "2": [[(0, 0), (4, 0), (4, 3), (0, 3), (0, 6), (4, 6)]],
    "3": [[(0, 0), (4, 0), (4, 6), (0, 6)], [(1, 3), (4, 3)]],
    "4": [[(3, 6), (3, 0), (0, 4), (4, 4)]],
    "5": [[(4, 0), (0, 0), (0, 3), (4, 3), (4, 6), (0, 6)]],
    "6": [[(4, 0), (0, 0), (0, 6), (4, 6), (4, 3), (0, 3)]],
    "7": [[(0, 0), (4, 0), (1.5, 6)]],
    "8": [[(0, 0), (4, 0), (4, 6), (0, 6), (0, 0)], [(0, 3), (4, 3)]],
    "9": [[(4, 3), (0, 3), (0, 0), (4, 0), (4, 6), (0, 6)]],
    "A": [[(0, 6), (0, 1.5), (1.5, 0), (2.5, 0), (4, 1.5), (4, 6)], [(0, 3.5), (4, 3.5)]],
    "B": [[(0, 0), (3, 0), (4, 1), (4, 2), (3, 3), (0, 3)], [(3, 3), (4, 4), (4, 5), (3, 6),
                                                               (0, 6), (0, 0)]],
    "C": [[(4, 0), (0, 0), (0, 6), (4, 6)]],
    "D": [[(0, 0), (2.5, 0), (4, 1.5), (4, 4.5), (2.5, 6), (0, 6), (0, 0)]],
    "E": [[(4, 0), (0, 0), (0, 6), (4, 6)], [(0, 3), (3, 3)]],
    "F": [[(4, 0), (0, 0), (0, 6)], [(0, 3), (3, 3)]],
    "G": [[(4, 0), (0, 0), (0, 6), (4, 6), (4, 3), (2, 3)]],
    "H": [[(0, 0), (0, 6)], [(4, 0), (4, 6)], [(0, 3), (4, 3)]],
    "I": [[(1, 0), (3, 0)], [(2, 0), (2, 6)], [(1, 6), (3, 6)]],
    "J": [[(4, 0), (4, 6), (0, 6), (0, 4)]],
    "K": [[(0, 0), (0, 6)], [(4, 0), (0, 3.5)], [(1.3, 2.6), (4, 6)]],
    "L": [[(0, 0), (0, 6), (4, 6)]],
    "M": [[(0, 6), (0, 0), (2, 3), (4, 0), (4, 6)]],
    "N": [[(0, 6), (0, 0), (4, 6), (4, 0)]],
    "O": [[(0, 0), (4, 0), (4, 6), (0, 6), (0, 0)]],
    "P": [[(0, 6), (0, 0), (4, 0), (4, 3), (0, 3)]],
    "Q": [[(0, 0), (4, 0), (4, 6), (0, 6), (0, 0)], [(2.5, 4.5), (4, 6)]],
    "R": [[(0, 6), (0, 0), (4, 0), (4, 3), (0, 3)], [(2, 3), (4, 6)]],
    # cut corners: real dies never stamp S and 5 alike (the square form would be "5")
    "S": [[(4, 1), (3.2, 0), (0.8, 0), (0, 1), (0, 2.2), (0.8, 3), (3.2, 3), (4, 3.8),
           (4, 5.2), (3.2, 6), (0.8, 6), (0, 5)]],
    "T": [[(0, 0), (4, 0)], [(2, 0), (2, 6)]],
    "U": [[(0, 0), (0, 6), (4, 6), (4, 0)]],
    "V": [[(0, 0), (2, 6), (4, 0)]],
    "W": [[(0, 0), (0.8, 6), (2, 2.5), (3.2, 6), (4, 0)]],
    "X": [[(0, 0), (4, 6)], [(4, 0), (0, 6)]],
    "Y": [[(0, 0), (2, 3), (4, 0)], [(2, 3), (2, 6)]],
    "Z": [[(0, 0), (4, 0), (0, 6), (4, 6)]],
}

_SS = 4  # supersampling factor for drawn glyphs


def _crop_to_ink(mask: np.ndarray, thr: float = 0.25) -> np.ndarray:
    ys, xs = np.nonzero(mask > thr)
    if ys.size == 0:
        return mask
    return mask[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]


def _downsample(canvas: np.ndarray, ss: int) -> np.ndarray:
    h, w = canvas.shape
    small = cv2.resize(canvas.astype(np.float32) / 255.0, (max(1, w // ss), max(1, h // ss)),
                       interpolation=cv2.INTER_AREA)
    return small


def _resize_to_height(mask: np.ndarray, height_px: int) -> np.ndarray:
    h, w = mask.shape
    new_w = max(1, round(w * height_px / h))
    interp = cv2.INTER_AREA if height_px < h else cv2.INTER_CUBIC
    out = cv2.resize(mask, (new_w, height_px), interpolation=interp)
    return np.clip(out, 0.0, 1.0).astype(np.float32)


@lru_cache(maxsize=2048)
def _ttf_master(font: str, char: str) -> np.ndarray:
    """The glyph rendered large (about 240 px tall) and cropped to its ink."""
    if font in TTF_FONTS:
        path = FONT_DIR / TTF_FONTS[font]
    else:
        from devkit.letterforms import by_name

        found = by_name(font).path
        if found is None:
            raise FileNotFoundError(f"font of letterform {font!r} is not installed")
        path = found
    pil_font = ImageFont.truetype(str(path), 300)
    img = Image.new("L", (400, 400), 0)
    ImageDraw.Draw(img).text((50, 20), char, fill=255, font=pil_font)
    return _crop_to_ink(np.asarray(img, dtype=np.float32) / 255.0)


def _grid_glyph(char: str, height_px: int, dots: bool) -> np.ndarray:
    rows = _DOTS_5X7[char].split()
    ss = _SS
    step = height_px * ss / 6.8  # dot pitch (supersampled px)
    rad = step * (0.52 if dots else 0.0)
    thick = max(1, round(step * 0.8))
    stepx = step * 0.8
    pad = round(step)
    w = round(4 * stepx + 2 * pad)
    h = round(6 * step + 2 * pad)
    canvas = np.zeros((h, w), np.uint8)
    on = {(r, c) for r, row in enumerate(rows) for c, v in enumerate(row) if v == "1"}

    def pt(r: float, c: float) -> tuple[int, int]:
        return round(pad + c * stepx), round(pad + r * step)

    if dots:
        for r, c in on:
            cv2.circle(canvas, pt(r, c), max(1, round(rad)), 255, -1, cv2.LINE_AA)
    else:
        for r, c in on:
            cv2.circle(canvas, pt(r, c), thick // 2, 255, -1, cv2.LINE_AA)
            for dr, dc in ((0, 1), (1, 0)):
                if (r + dr, c + dc) in on:
                    cv2.line(canvas, pt(r, c), pt(r + dr, c + dc), 255, thick, cv2.LINE_AA)
            for dc in (-1, 1):
                if (r + 1, c + dc) in on and (r + 1, c) not in on and (r, c + dc) not in on:
                    cv2.line(canvas, pt(r, c), pt(r + 1, c + dc), 255, thick, cv2.LINE_AA)
    return _resize_to_height(_crop_to_ink(_downsample(canvas, ss)), height_px)


def _segment_glyph(char: str, height_px: int) -> np.ndarray:
    ss = _SS
    unit = height_px * ss / 6.9
    thick = max(1, round(unit * 0.85))
    pad = thick
    w = round(4 * 0.8 * unit + 2 * pad)
    h = round(6 * unit + 2 * pad)
    canvas = np.zeros((h, w), np.uint8)
    for line in _SEG[char]:
        pts = np.array([[pad + x * 0.8 * unit, pad + y * unit] for x, y in line], np.float64)
        pts = np.round(pts * 16).astype(np.int32)
        cv2.polylines(canvas, [pts], False, 255, thick, cv2.LINE_AA, shift=4)
    return _resize_to_height(_crop_to_ink(_downsample(canvas, ss)), height_px)


MAX_WIDTH_RATIO = 0.62  # stamping dies are narrow: glyph width <= this x height


def render_glyph(font: str, char: str, height_px: int) -> np.ndarray:
    """One character as a float32 mask (1 = stamped) cropped to its ink, ``height_px`` tall.

    Glyphs wider than :data:`MAX_WIDTH_RATIO` x height are squeezed horizontally.
    """
    height_px = max(4, int(height_px))
    ratio = MAX_WIDTH_RATIO
    if font in TTF_FONTS:
        m = _resize_to_height(_ttf_master(font, char), height_px)
    elif font == "dot_matrix":
        m = _grid_glyph(char, height_px, dots=True)
    elif font == "stroke":
        m = _grid_glyph(char, height_px, dots=False)
    elif font == "segment_stroke":
        m = _segment_glyph(char, height_px)
    else:
        from devkit import styles
        from devkit.letterforms import by_name

        try:
            lf = by_name(font)
        except KeyError:
            raise ValueError(f"unknown font {font!r}; known: {FONTS} and the letterforms "
                             "of devkit.letterforms") from None
        ratio = lf.max_width
        if lf.kind == "outline":
            m = _resize_to_height(_ttf_master(font, char), height_px)
        elif font == "dot_peen_round":
            m = styles.dot_peen(char, height_px)
        elif font == "die_struck":
            m = styles.die_struck(char, height_px)
        else:
            raise ValueError(f"letterform {font!r} is drawn by the trainer only")
    max_w = max(1, round(ratio * height_px))
    if m.shape[1] > max_w:
        m = np.clip(cv2.resize(m, (max_w, height_px), interpolation=cv2.INTER_AREA), 0, 1)
    return m


def _star_points(cx: float, cy: float, r_out: float, r_in: float) -> np.ndarray:
    ang = -np.pi / 2 + np.arange(10) * np.pi / 5
    r = np.where(np.arange(10) % 2 == 0, r_out, r_in)
    return np.stack([cx + r * np.cos(ang), cy + r * np.sin(ang)], axis=1)


def render_symbol(symbol: str, height_px: int, stroke_px: float, maker_letter: str = "V"
                  ) -> np.ndarray:
    """A start/stop symbol as a float32 mask cropped to its ink, about ``height_px`` tall.

    ``stroke_px`` is the stamping stroke width (px) used for outline symbols.
    """
    ss = _SS
    size = max(6, int(height_px)) * ss
    pad = max(2, round(stroke_px * ss))
    n = size + 2 * pad
    canvas = np.zeros((n, n), np.uint8)
    c = n / 2
    r = size / 2
    t = max(1, round(stroke_px * ss))

    def poly(pts: np.ndarray, fill: bool) -> None:
        p = np.round(pts * 16).astype(np.int32)
        if fill:
            cv2.fillPoly(canvas, [p], 255, cv2.LINE_AA, shift=4)
        else:
            cv2.polylines(canvas, [p], True, 255, t, cv2.LINE_AA, shift=4)

    if symbol == "★":
        poly(_star_points(c, c + 0.1 * r, r, r * 0.42), fill=True)
    elif symbol == "☆":
        poly(_star_points(c, c + 0.1 * r, r - t / 2, (r - t / 2) * 0.45), fill=False)
    elif symbol == "◆":
        poly(np.array([[c, c - r], [c + 0.8 * r, c], [c, c + r], [c - 0.8 * r, c]]), fill=True)
    elif symbol == "▲":
        poly(np.array([[c, c - r], [c + r, c + 0.75 * r], [c - r, c + 0.75 * r]]), fill=True)
    elif symbol == "※":
        a = 0.62 * r
        cv2.line(canvas, (round(c - a), round(c - a)), (round(c + a), round(c + a)), 255, t,
                 cv2.LINE_AA)
        cv2.line(canvas, (round(c + a), round(c - a)), (round(c - a), round(c + a)), 255, t,
                 cv2.LINE_AA)
        d = 0.82 * r
        for dx, dy in ((0, -d), (0, d), (-d, 0), (d, 0)):
            cv2.circle(canvas, (round(c + dx), round(c + dy)), max(1, round(t * 0.75)), 255, -1,
                       cv2.LINE_AA)
    elif symbol == "maker":
        cv2.circle(canvas, (round(c), round(c)), round(r - t / 2), 255, t, cv2.LINE_AA)
        letter = _ttf_master("condensed_bold", maker_letter)
        lh = round(size * 0.5)
        lm = (_resize_to_height(letter, lh) * 255).astype(np.uint8)
        y0 = round(c - lm.shape[0] / 2)
        x0 = round(c - lm.shape[1] / 2)
        region = canvas[y0 : y0 + lm.shape[0], x0 : x0 + lm.shape[1]]
        np.maximum(region, lm[: region.shape[0], : region.shape[1]], out=region)
    elif symbol == "●":
        cv2.circle(canvas, (round(c), round(c)), round(r), 255, -1, cv2.LINE_AA)
    elif symbol in MORE_SYMBOLS:
        from devkit.styles import held_out_symbol

        return held_out_symbol(symbol, height_px, stroke_px, seed=ord(maker_letter[0]))
    else:
        raise ValueError(f"unknown symbol {symbol!r}; known: {SYMBOLS + MORE_SYMBOLS}")
    return _crop_to_ink(_downsample(canvas, ss))
