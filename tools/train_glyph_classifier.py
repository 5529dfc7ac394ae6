"""Train the glyph classifier behind ``vincheck.ocr.glyph_engine`` (33 VIN characters +
the "symbol" class) on glyphs this tool renders itself, and export it to ONNX.

Run (about 12 minutes on 2 busy shared CPU cores)::

    .venv/bin/pip install torch==2.13.0 onnx   # training only; NOT vincheck dependencies
    apt-get install -y <devkit.letterforms.APT_PACKAGES>   # the font families of the table
    .venv/bin/python tools/train_glyph_classifier.py   # defaults = the shipped model

Writes ``vincheck/data/glyph_classifier.onnx`` (the network) and
``vincheck/data/glyph_classifier.json`` (classes, softmax temperature, the training
command, the letterform split, seed, torch version and the ONNX file's SHA-256).

Training glyphs (nothing from the test-image generator in ``devkit/synth`` is used):

* the outline faces on the *training* side of ``devkit.letterforms`` (the one table the
  generator reads too; no held-out family is ever opened here), 15 % of them redrawn as
  dots on a lattice (:func:`dotify`);
* the tool's own 5 x 7 bitmap font (``BITMAP_5X7``) drawn as dots, as squares and as
  single strokes joining neighbouring dots, and its own single-stroke vector font
  (``STROKES``) drawn with round or square pens;
* symbols (class ``#``): stars, reference marks, diamonds, triangles, squares, circles,
  a letter or digit in a ring, crosses, arrows, symbol-font and CJK glyphs (Noto Sans
  CJK, marks only) and random shapes (:func:`random_mark`).

Augmentation follows what a scanned graphite rubbing looks like after the reader has
normalised its polarity: a light glyph on streaky dark graphite, inverted; blur, noise,
erosion / dilation, shear, rotation, scale, width 0.6-1.5 x (condensed to wide dies),
neighbours cut off at the crop edges,
uneven contrast, and crops as the reader cuts them (a glyph's span in the text line).
Deterministic for a given ``--seed`` (single-threaded rendering, fixed torch seed).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devkit.letterforms import HELD_OUT, TRAIN, available, split_summary  # noqa: E402
from vincheck.ocr.glyph_engine import CLASSES, INPUT_SIZE, META_PATH, MODEL_PATH, prepare  # noqa: E402

VIN_CHARS = CLASSES[:-1]
SYM_INDEX = len(CLASSES) - 1
CAP = 64  # px: cap height glyph masks are rendered at

# Faces for symbol-font glyphs and CJK marks only (never a VIN character): Noto Sans CJK.
SYMBOL_ONLY_FONTS = ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                     "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"]
SKIP = ("ExtraLight", "Symbol", "Dingbat", "D050000L", "Z003", "MathTeX")
SYMBOL_FONT_CHARS = "★☆※◆◇▲△▼▽■□●○◎◉⊕⊗✱✦✚✕✖♦♣♠♥◈▣▶◀➤✪✿❖※"
CJK_CHARS = "中国汽车製造厂印記号"

# The tool's own 5 x 7 bitmap font ('1' = dot); several characters have a second form.
BITMAP_5X7: dict[str, list[list[str]]] = {
    "0": [["01110", "10001", "10011", "10101", "11001", "10001", "01110"],
          ["01110", "10001", "10001", "10001", "10001", "10001", "01110"]],
    "1": [["00100", "01100", "00100", "00100", "00100", "00100", "01110"],
          ["00100", "01100", "10100", "00100", "00100", "00100", "00100"]],
    "2": [["01110", "10001", "00001", "00010", "00100", "01000", "11111"],
          ["11110", "00001", "00001", "01110", "10000", "10000", "11111"]],
    "3": [["11111", "00010", "00100", "00010", "00001", "10001", "01110"],
          ["01110", "10001", "00001", "00110", "00001", "10001", "01110"]],
    "4": [["00010", "00110", "01010", "10010", "11111", "00010", "00010"],
          ["10010", "10010", "10010", "11111", "00010", "00010", "00010"]],
    "5": [["11111", "10000", "11110", "00001", "00001", "10001", "01110"],
          ["11111", "10000", "10000", "11110", "00001", "00001", "11110"]],
    "6": [["00110", "01000", "10000", "11110", "10001", "10001", "01110"],
          ["01110", "10000", "10000", "11110", "10001", "10001", "01110"]],
    "7": [["11111", "00001", "00010", "00100", "01000", "01000", "01000"],
          ["11111", "00001", "00001", "00010", "00100", "00100", "00100"]],
    "8": [["01110", "10001", "10001", "01110", "10001", "10001", "01110"]],
    "9": [["01110", "10001", "10001", "01111", "00001", "00010", "01100"],
          ["01110", "10001", "10001", "01111", "00001", "00001", "01110"]],
    "A": [["01110", "10001", "10001", "11111", "10001", "10001", "10001"],
          ["00100", "01010", "10001", "10001", "11111", "10001", "10001"]],
    "B": [["11110", "10001", "10001", "11110", "10001", "10001", "11110"]],
    "C": [["01110", "10001", "10000", "10000", "10000", "10001", "01110"]],
    "D": [["11100", "10010", "10001", "10001", "10001", "10010", "11100"],
          ["11110", "10001", "10001", "10001", "10001", "10001", "11110"]],
    "E": [["11111", "10000", "10000", "11110", "10000", "10000", "11111"]],
    "F": [["11111", "10000", "10000", "11110", "10000", "10000", "10000"]],
    "G": [["01110", "10001", "10000", "10111", "10001", "10001", "01111"],
          ["01110", "10001", "10000", "10011", "10001", "10001", "01110"]],
    "H": [["10001", "10001", "10001", "11111", "10001", "10001", "10001"]],
    "J": [["00111", "00010", "00010", "00010", "00010", "10010", "01100"],
          ["00001", "00001", "00001", "00001", "00001", "10001", "01110"]],
    "K": [["10001", "10010", "10100", "11000", "10100", "10010", "10001"]],
    "L": [["10000", "10000", "10000", "10000", "10000", "10000", "11111"]],
    "M": [["10001", "11011", "10101", "10101", "10001", "10001", "10001"]],
    "N": [["10001", "10001", "11001", "10101", "10011", "10001", "10001"]],
    "P": [["11110", "10001", "10001", "11110", "10000", "10000", "10000"]],
    "R": [["11110", "10001", "10001", "11110", "10100", "10010", "10001"]],
    "S": [["01111", "10000", "10000", "01110", "00001", "00001", "11110"],
          ["01110", "10001", "10000", "01110", "00001", "10001", "01110"]],
    "T": [["11111", "00100", "00100", "00100", "00100", "00100", "00100"]],
    "U": [["10001", "10001", "10001", "10001", "10001", "10001", "01110"]],
    "V": [["10001", "10001", "10001", "10001", "10001", "01010", "00100"],
          ["10001", "10001", "10001", "01010", "01010", "01010", "00100"]],
    "W": [["10001", "10001", "10001", "10101", "10101", "10101", "01010"]],
    "X": [["10001", "10001", "01010", "00100", "01010", "10001", "10001"]],
    "Y": [["10001", "10001", "10001", "01010", "00100", "00100", "00100"]],
    "Z": [["11111", "00001", "00010", "00100", "01000", "10000", "11111"]],
}

# The tool's own single-stroke vector font: polylines on a 4 x 6 box (x right, y down).
P = list[tuple[float, float]]
STROKES: dict[str, list[list[P]]] = {
    "0": [[[(1, 0), (3, 0), (4, 1), (4, 5), (3, 6), (1, 6), (0, 5), (0, 1), (1, 0)]],
          [[(0, 0), (4, 0), (4, 6), (0, 6), (0, 0)]],
          # slashed zeros, as many stamping dies cut them (told apart from O and D)
          [[(1, 0), (3, 0), (4, 1), (4, 5), (3, 6), (1, 6), (0, 5), (0, 1), (1, 0)],
           [(3.6, 0.8), (0.4, 5.2)]],
          [[(0, 0), (4, 0), (4, 6), (0, 6), (0, 0)], [(4, 0), (0, 6)]]],
    "1": [[[(1, 1), (2, 0), (2, 6)]], [[(1, 1), (2, 0), (2, 6)], [(1, 6), (3, 6)]]],
    "2": [[[(0, 1), (1, 0), (3, 0), (4, 1), (4, 2), (0, 6), (4, 6)]],
          [[(0, 0), (4, 0), (4, 3), (0, 3), (0, 6), (4, 6)]]],
    "3": [[[(0, 0), (4, 0), (2, 2.5), (3, 2.5), (4, 3.5), (4, 5), (3, 6), (1, 6), (0, 5)]],
          [[(0, 0), (4, 0), (4, 6), (0, 6)], [(1, 3), (4, 3)]],
          [[(0, 1), (1, 0), (3, 0), (4, 1), (4, 2), (3, 3), (1.5, 3)],
           [(3, 3), (4, 4), (4, 5), (3, 6), (1, 6), (0, 5)]]],
    "4": [[[(3, 6), (3, 0), (0, 4), (4, 4)]], [[(0, 0), (0, 3.5), (4, 3.5)], [(3, 1.5), (3, 6)]]],
    "5": [[[(4, 0), (0, 0), (0, 2.5), (3, 2.5), (4, 3.5), (4, 5), (3, 6), (0, 6)]],
          [[(4, 0), (0, 0), (0, 3), (4, 3), (4, 6), (0, 6)]]],
    "6": [[[(3, 0), (1, 0), (0, 1), (0, 5), (1, 6), (3, 6), (4, 5), (4, 3.5), (3, 2.5),
            (0, 2.5)]],
          [[(4, 0), (0, 0), (0, 6), (4, 6), (4, 3), (0, 3)]]],
    "7": [[[(0, 0), (4, 0), (1.5, 6)]], [[(0, 0), (4, 0), (4, 6)]]],
    "8": [[[(1, 0), (3, 0), (4, 1), (4, 2), (3, 3), (1, 3), (0, 2), (0, 1), (1, 0)],
           [(1, 3), (3, 3), (4, 4), (4, 5), (3, 6), (1, 6), (0, 5), (0, 4), (1, 3)]],
          [[(0, 0), (4, 0), (4, 6), (0, 6), (0, 0)], [(0, 3), (4, 3)]]],
    "9": [[[(4, 3.5), (1, 3.5), (0, 2.5), (0, 1), (1, 0), (3, 0), (4, 1), (4, 5), (3, 6),
            (1, 6)]],
          [[(4, 3), (0, 3), (0, 0), (4, 0), (4, 6), (0, 6)]]],
    "A": [[[(0, 6), (0, 1.5), (1, 0), (3, 0), (4, 1.5), (4, 6)], [(0, 3.5), (4, 3.5)]],
          [[(0, 6), (2, 0), (4, 6)], [(0.7, 4), (3.3, 4)]]],
    "B": [[[(0, 0), (0, 6), (3, 6), (4, 5), (4, 4), (3, 3), (0, 3)],
           [(0, 0), (3, 0), (4, 1), (4, 2), (3, 3)]]],
    "C": [[[(4, 1), (3, 0), (1, 0), (0, 1), (0, 5), (1, 6), (3, 6), (4, 5)]],
          [[(4, 0), (0, 0), (0, 6), (4, 6)]]],
    "D": [[[(0, 0), (0, 6), (2.5, 6), (4, 4.5), (4, 1.5), (2.5, 0), (0, 0)]],
          [[(0, 0), (0, 6), (3, 6), (4, 5), (4, 1), (3, 0), (0, 0)]]],
    "E": [[[(4, 0), (0, 0), (0, 6), (4, 6)], [(0, 3), (3, 3)]]],
    "F": [[[(4, 0), (0, 0), (0, 6)], [(0, 3), (3, 3)]]],
    "G": [[[(4, 1), (3, 0), (1, 0), (0, 1), (0, 5), (1, 6), (3, 6), (4, 5), (4, 3), (2, 3)]],
          [[(4, 0), (0, 0), (0, 6), (4, 6), (4, 3), (2, 3)]]],
    "H": [[[(0, 0), (0, 6)], [(4, 0), (4, 6)], [(0, 3), (4, 3)]]],
    "J": [[[(4, 0), (4, 5), (3, 6), (1, 6), (0, 5)]], [[(1, 0), (4, 0)], [(3, 0), (3, 6), (0, 6)]]],
    "K": [[[(0, 0), (0, 6)], [(4, 0), (0, 3.5)], [(1.3, 2.5), (4, 6)]],
          [[(0, 0), (0, 6)], [(4, 0), (0, 3), (4, 6)]]],
    "L": [[[(0, 0), (0, 6), (4, 6)]]],
    "M": [[[(0, 6), (0, 0), (2, 3), (4, 0), (4, 6)]], [[(0, 6), (0, 0), (2, 4), (4, 0), (4, 6)]]],
    "N": [[[(0, 6), (0, 0), (4, 6), (4, 0)]]],
    "P": [[[(0, 6), (0, 0), (3, 0), (4, 1), (4, 2), (3, 3), (0, 3)]],
          [[(0, 6), (0, 0), (4, 0), (4, 3), (0, 3)]]],
    "R": [[[(0, 6), (0, 0), (3, 0), (4, 1), (4, 2), (3, 3), (0, 3)], [(2, 3), (4, 6)]],
          [[(0, 6), (0, 0), (4, 0), (4, 3), (0, 3)], [(1.5, 3), (4, 6)]]],
    "S": [[[(4, 1), (3, 0), (1, 0), (0, 1), (0, 2), (1, 3), (3, 3), (4, 4), (4, 5), (3, 6),
            (1, 6), (0, 5)]],
          # squared S with cut corners: a square S drawn like "5" would be the same
          # glyph under two labels (what the old variant did), so its corners are cut
          [[(4, 0.9), (3.1, 0), (0.9, 0), (0, 0.9), (0, 2.1), (0.9, 3), (3.1, 3), (4, 3.9),
            (4, 5.1), (3.1, 6), (0.9, 6), (0, 5.1)]]],
    "T": [[[(0, 0), (4, 0)], [(2, 0), (2, 6)]]],
    "U": [[[(0, 0), (0, 5), (1, 6), (3, 6), (4, 5), (4, 0)]], [[(0, 0), (0, 6), (4, 6), (4, 0)]]],
    "V": [[[(0, 0), (2, 6), (4, 0)]], [[(0, 0), (0, 3), (2, 6), (4, 3), (4, 0)]],
          [[(0, 0), (0, 4), (2, 6), (4, 4), (4, 0)]]],
    "W": [[[(0, 0), (1, 6), (2, 2), (3, 6), (4, 0)]], [[(0, 0), (0, 6), (2, 4), (4, 6), (4, 0)]]],
    "X": [[[(0, 0), (4, 6)], [(4, 0), (0, 6)]]],
    "Y": [[[(0, 0), (2, 3), (4, 0)], [(2, 3), (2, 6)]]],
    "Z": [[[(0, 0), (4, 0), (0, 6), (4, 6)]], [[(0, 0), (4, 0), (4, 1), (0, 5), (0, 6), (4, 6)]]],
}


# --- glyph masks (float 0..1, ink = 1, tight box, cap height ~CAP px) -------------------

def font_files() -> list[tuple[str, int]]:
    """Training font faces (path, ttc index): the outline letterforms on the training side
    of ``devkit.letterforms`` that are installed here (never a held-out family)."""
    return [(str(lf.path), 0) for lf in available(TRAIN, kind="outline")]


def symbol_font_files() -> list[tuple[str, int]]:
    """Faces whose symbol / CJK glyphs are drawn as marks (class ``#``) only."""
    return [(p, 0) for p in SYMBOL_ONLY_FONTS if Path(p).is_file()]


def _tight(mask: np.ndarray) -> np.ndarray | None:
    ys, xs = np.nonzero(mask > 0.25)
    if len(ys) == 0:
        return None
    return mask[ys.min():ys.max() + 1, xs.min():xs.max() + 1]


def render_font_char(font: ImageFont.FreeTypeFont, ch: str) -> np.ndarray | None:
    img = Image.new("L", (CAP * 4, CAP * 4), 0)
    ImageDraw.Draw(img).text((CAP, CAP // 2), ch, fill=255, font=font)
    return _tight(np.asarray(img, np.float32) / 255.0)


def font_masks(seed_fonts: list[tuple[str, int]], symbol_fonts: list[tuple[str, int]] = ()
               ) -> tuple[dict[str, list], list]:
    """{char: [mask, ...]} over the training fonts, and symbol masks found in them and in
    ``symbol_fonts`` (whose VIN characters are not used)."""
    chars: dict[str, list[np.ndarray]] = {c: [] for c in VIN_CHARS}
    symbols: list[np.ndarray] = []
    for path, idx in [*seed_fonts, *symbol_fonts]:
        try:
            font = ImageFont.truetype(path, int(CAP * 1.4), index=idx)
        except OSError:
            continue
        tofu = render_font_char(font, "\U000e0fff")
        for c in VIN_CHARS if (path, idx) in seed_fonts else ():
            m = render_font_char(font, c)
            if m is not None:
                chars[c].append(m)
        for c in SYMBOL_FONT_CHARS + (CJK_CHARS if "CJK" in path else ""):
            m = render_font_char(font, c)
            if m is None or (tofu is not None and m.shape == tofu.shape
                             and np.allclose(m, tofu)):
                continue
            symbols.append(m)
    return chars, symbols


def bitmap_mask(rows: list[str], rng: np.random.Generator) -> np.ndarray:
    """A 5 x 7 bitmap drawn as dots, squares or strokes joining neighbouring dots."""
    pitch = CAP / 6.0
    style = rng.choice(["dots", "dots", "squares", "strokes"])
    sx = pitch * rng.uniform(0.8, 1.15)
    w, h = int(4 * sx + pitch * 2), int(CAP + pitch * 2)
    img = np.zeros((h, w), np.uint8)
    on = [(r, c) for r in range(7) for c in range(5) if rows[r][c] == "1"]
    pts = {(r, c): (int(pitch + c * sx), int(pitch + r * pitch)) for r, c in on}
    rad = max(2, int(pitch * rng.uniform(0.3, 0.55)))
    if style == "strokes":
        th = max(2, int(pitch * rng.uniform(0.35, 0.7)))
        for (r, c), p in pts.items():
            cv2.circle(img, p, th // 2, 255, -1, cv2.LINE_AA)
            for dr, dc in ((0, 1), (1, 0), (1, 1), (1, -1)):
                q = (r + dr, c + dc)
                if q not in pts:
                    continue
                if dr and dc and ((r, c + dc) in pts or (r + dr, c) in pts):
                    continue  # a diagonal beside an orthogonal path
                cv2.line(img, p, pts[q], 255, th, cv2.LINE_AA)
    else:
        for p in pts.values():
            if style == "squares":
                cv2.rectangle(img, (p[0] - rad, p[1] - rad), (p[0] + rad, p[1] + rad), 255, -1)
            else:
                cv2.circle(img, p, rad, 255, -1, cv2.LINE_AA)
    return _tight(img.astype(np.float32) / 255.0)


def stroke_mask(paths: list[P], rng: np.random.Generator) -> np.ndarray:
    """A vector stroke glyph with a round or square pen, random width and proportions."""
    scale_y = CAP / 6.0
    scale_x = scale_y * rng.uniform(0.55, 0.9)
    th = max(2, int(CAP * rng.uniform(0.07, 0.16)))
    pad = th + 2
    w, h = int(4 * scale_x + 2 * pad), int(CAP + 2 * pad)
    img = np.zeros((h, w), np.uint8)
    square = rng.random() < 0.4
    for path in paths:
        pts = np.array([(pad + x * scale_x, pad + y * scale_y) for x, y in path], np.int32)
        cv2.polylines(img, [pts], False, 255, th, cv2.LINE_8 if square else cv2.LINE_AA)
        if not square:
            for p in pts:
                cv2.circle(img, (int(p[0]), int(p[1])), th // 2, 255, -1, cv2.LINE_AA)
    if rng.random() < 0.3:  # segment style: small gaps where strokes meet
        gap = cv2.erode(img, np.ones((3, 3), np.uint8))
        img = np.where(rng.random(img.shape) < 0.02, gap, img)
    return _tight(img.astype(np.float32) / 255.0)


def drawn_symbol(rng: np.random.Generator, fonts: list[ImageFont.FreeTypeFont]) -> np.ndarray:
    """A start/stop mark drawn here: star, diamond, triangle, ring with a letter, cross..."""
    s = CAP
    img = np.zeros((s + 8, s + 8), np.uint8)
    c = (s // 2 + 4, s // 2 + 4)
    kind = rng.integers(0, 7)
    th = int(rng.integers(3, 9))
    fill = -1 if rng.random() < 0.5 else th
    if kind == 0:  # star
        n = int(rng.choice([5, 5, 6, 8]))
        pts = []
        for k in range(2 * n):
            r = s / 2 if k % 2 == 0 else s / 2 * rng.uniform(0.35, 0.5)
            a = math.pi * k / n - math.pi / 2
            pts.append((c[0] + r * math.cos(a), c[1] + r * math.sin(a)))
        arr = np.array(pts, np.int32)
        cv2.fillPoly(img, [arr], 255) if fill < 0 else cv2.polylines(img, [arr], True, 255, th)
    elif kind == 1:  # diamond / square / triangle
        n = int(rng.choice([3, 4, 4]))
        off = rng.choice([0.0, math.pi / 4]) if n == 4 else -math.pi / 2
        arr = np.array([(c[0] + s / 2 * math.cos(off + 2 * math.pi * k / n),
                         c[1] + s / 2 * math.sin(off + 2 * math.pi * k / n))
                        for k in range(n)], np.int32)
        cv2.fillPoly(img, [arr], 255) if fill < 0 else cv2.polylines(img, [arr], True, 255, th)
    elif kind in (2, 3):  # ring with a letter or digit inside
        cv2.circle(img, c, s // 2 - th, 255, th, cv2.LINE_AA)
        font = fonts[int(rng.integers(0, len(fonts)))]
        ch = str(rng.choice(list("ABCDEFGHJKLMNPRSTUVWXYZ0123456789")))
        m = render_font_char(font, ch)
        if m is not None:
            k = (s * 0.5) / max(m.shape)
            m = cv2.resize(m, (max(1, int(m.shape[1] * k)), max(1, int(m.shape[0] * k))))
            y0, x0 = c[1] - m.shape[0] // 2, c[0] - m.shape[1] // 2
            img[y0:y0 + m.shape[0], x0:x0 + m.shape[1]] = np.maximum(
                img[y0:y0 + m.shape[0], x0:x0 + m.shape[1]], (m * 255).astype(np.uint8))
    elif kind == 4:  # reference mark / cross with dots
        cv2.line(img, (8, 8), (s, s), 255, th)
        cv2.line(img, (s, 8), (8, s), 255, th)
        for dx, dy in ((0, -1), (0, 1), (-1, 0), (1, 0)):
            cv2.circle(img, (c[0] + int(dx * s * 0.42), c[1] + int(dy * s * 0.42)), th, 255, -1)
    elif kind == 5:  # circle, filled or not, maybe concentric
        cv2.circle(img, c, s // 2 - th, 255, fill, cv2.LINE_AA)
        if rng.random() < 0.5:
            cv2.circle(img, c, s // 5, 255, -1, cv2.LINE_AA)
    else:  # plus / arrow
        cv2.line(img, (c[0], 6), (c[0], s), 255, th)
        cv2.line(img, (6, c[1]), (s, c[1]), 255, th)
    return _tight(img.astype(np.float32) / 255.0)


def dotify(mask: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A glyph mask redrawn as round dots on a regular lattice (a dot-marker look): the
    lattice points that fall on the (slightly grown) glyph become dots, spacing 0.09-0.16 x
    the glyph height, radius 0.28-0.45 x the spacing."""
    h, w = mask.shape
    step = h * rng.uniform(0.09, 0.16)
    rad = max(1.0, step * rng.uniform(0.28, 0.45))
    grown = cv2.dilate((mask > 0.4).astype(np.uint8), np.ones((3, 3), np.uint8),
                       iterations=max(1, int(step / 4)))
    pad = int(rad + 2)
    img = np.zeros((h + 2 * pad, w + 2 * pad), np.uint8)
    ox, oy = rng.uniform(0, step, 2)
    for y in np.arange(oy, h, step):
        for x in np.arange(ox, w, step):
            if grown[int(y), int(x)]:
                cv2.circle(img, (int(x) + pad, int(y) + pad), int(round(rad)), 255, -1,
                           cv2.LINE_AA)
    out = _tight(img.astype(np.float32) / 255.0)
    return out if out is not None else mask


def random_mark(rng: np.random.Generator) -> np.ndarray:
    """A mark of a random shape (no VIN character): a random polygon, filled or outlined,
    an ellipse with a random polygon or bar inside, or a blob of random ellipses."""
    s = CAP
    img = np.zeros((s + 8, s + 8), np.uint8)
    c = (s // 2 + 4, s // 2 + 4)
    th = int(rng.integers(3, 9))
    kind = rng.integers(0, 3)
    if kind == 0:
        n = int(rng.integers(3, 9))
        ang = np.sort(rng.uniform(0, 2 * math.pi, n))
        rad = s / 2 * rng.uniform(0.5, 1.0, n)
        pts = np.stack([c[0] + rad * np.cos(ang), c[1] + rad * np.sin(ang)], 1).astype(np.int32)
        if rng.random() < 0.5:
            cv2.fillPoly(img, [pts], 255)
        else:
            cv2.polylines(img, [pts], True, 255, th)
    elif kind == 1:
        ax = (int(s / 2 - th), int(s / 2 * rng.uniform(0.5, 1.0) - th))
        cv2.ellipse(img, c, ax, 0, 0, 360, 255, th, cv2.LINE_AA)
        inner = (rng.uniform(-0.3, 0.3, (int(rng.integers(2, 5)), 2)) * s + c).astype(np.int32)
        cv2.fillPoly(img, [inner], 255)
    else:
        for _ in range(int(rng.integers(2, 5))):
            dx, dy = rng.uniform(-0.25, 0.25, 2) * s
            ctr = (int(c[0] + dx), int(c[1] + dy))
            ax = (int(s * rng.uniform(0.1, 0.3)), int(s * rng.uniform(0.1, 0.3)))
            cv2.ellipse(img, ctr, ax, float(rng.uniform(0, 180)), 0, 360, 255, -1, cv2.LINE_AA)
    return _tight(img.astype(np.float32) / 255.0)


# --- augmentation -------------------------------------------------------------------------

def _warp(mask: np.ndarray, rng: np.random.Generator, height: int, aspect: float
          ) -> np.ndarray:
    """Scale ``mask`` to ``height`` px (width x ``aspect``), shear, rotate, grow/shrink."""
    h, w = mask.shape
    sy = height / h
    sx = sy * aspect
    sh = rng.normal(0, 0.06)
    ang = math.radians(rng.normal(0, 2.5))
    a = np.array([[sx, sh * sy], [0, sy]])
    r = np.array([[math.cos(ang), -math.sin(ang)], [math.sin(ang), math.cos(ang)]])
    m = r @ a
    corners = np.array([[0, 0], [w, 0], [0, h], [w, h]], float) @ m.T
    lo, hi = corners.min(0), corners.max(0)
    mat = np.hstack([m, (-lo)[:, None]])
    size = (int(math.ceil(hi[0] - lo[0])) + 1, int(math.ceil(hi[1] - lo[1])) + 1)
    out = cv2.warpAffine(mask, mat, size, flags=cv2.INTER_LINEAR)
    if rng.random() < ELASTIC_SHARE:
        out = _elastic(out, rng, height)
    k = rng.random()
    if k < 0.2:
        out = cv2.erode(out, np.ones((2, 2), np.uint8))
    elif k < 0.4:
        out = cv2.dilate(out, np.ones((2, 2), np.uint8))
    elif k < 0.4 + WEIGHT_SHARE:
        out = _stroke_weight(out, rng, height)
    return out


# Share of glyphs bent by a smooth random displacement field (another die's letterform:
# the same character drawn with other curves), and share redrawn with another stroke weight.
ELASTIC_SHARE = 0.5
WEIGHT_SHARE = 0.25


def _elastic(mask: np.ndarray, rng: np.random.Generator, height: int) -> np.ndarray:
    """``mask`` bent by a smooth displacement field of up to ~6 % of ``height`` (px)."""
    h, w = mask.shape
    amp = height * rng.uniform(0.02, 0.06)
    sigma = height * rng.uniform(0.15, 0.3)
    dx = cv2.GaussianBlur(rng.normal(0, 1, (h, w)).astype(np.float32), (0, 0), sigma)
    dy = cv2.GaussianBlur(rng.normal(0, 1, (h, w)).astype(np.float32), (0, 0), sigma)
    dx *= amp / max(float(np.abs(dx).max()), 1e-6)
    dy *= amp / max(float(np.abs(dy).max()), 1e-6)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    return cv2.remap(mask, xx + dx, yy + dy, cv2.INTER_LINEAR, borderValue=0)


def _stroke_weight(mask: np.ndarray, rng: np.random.Generator, height: int) -> np.ndarray:
    """``mask`` redrawn thinner or bolder: its distance transform thresholded at a random
    share of the stroke's half-width (thin scribed strokes to heavy die-struck ones)."""
    binm = (mask > 0.5).astype(np.uint8)
    if binm.sum() < 10:
        return mask
    inside = cv2.distanceTransform(binm, cv2.DIST_L2, 3)
    outside = cv2.distanceTransform(1 - binm, cv2.DIST_L2, 3)
    signed = inside - outside  # px, > 0 inside the stroke
    half = float(np.percentile(inside[binm > 0], 90))
    shift = half * rng.uniform(-0.5, 0.7)
    out = np.clip((signed - shift + 0.5), 0, 1).astype(np.float32)
    return out if out.sum() > 5 else mask


def _texture(h: int, w: int, rng: np.random.Generator) -> np.ndarray:
    """Streaky graphite (float, ~0 light .. 1 dark) with uneven pressure."""
    noise = rng.normal(0, 1, (h, w)).astype(np.float32)
    ang = rng.uniform(0, 180)
    ln = int(rng.integers(5, 21))
    kern = np.zeros((ln, ln), np.float32)
    kern[ln // 2, :] = 1.0 / ln
    kern = cv2.warpAffine(kern, cv2.getRotationMatrix2D((ln / 2 - 0.5, ln / 2 - 0.5), ang, 1),
                          (ln, ln))
    kern /= max(kern.sum(), 1e-6)
    streak = cv2.filter2D(noise, -1, kern)
    streak /= max(float(streak.std()), 1e-6)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    grad = (rng.normal(0, 1) * xx / w + rng.normal(0, 1) * yy / h) * rng.uniform(0, 0.25)
    if rng.random() < 0.15:  # an even, clean rubbing (or a printed test glyph)
        return rng.uniform(0.55, 0.9) + grad * 0.1 + streak * rng.uniform(0.0, 0.01)
    return rng.uniform(0.55, 0.9) + grad + streak * rng.uniform(0.02, 0.12)


def sample(main: np.ndarray, neighbours: list[np.ndarray], rng: np.random.Generator,
           symbol: bool = False) -> np.ndarray:
    """One training crop (uint8, dark glyph on light) as the reader would cut it."""
    gh = int(rng.integers(22, 60))
    # condensed to wide dies: the glyph's width scaled against its height
    aspect = float(np.exp(rng.uniform(math.log(0.6), math.log(1.5))))
    g = _warp(main, rng, gh, aspect)
    pitch = g.shape[1] + gh * rng.uniform(0.1, 0.45)
    if symbol:
        pitch = max(pitch, gh * 0.7)
    pad_y = gh * rng.uniform(0.05, 0.6)  # above the glyph; below it independently
    ch_h = int(gh + pad_y + gh * rng.uniform(0.05, 0.6))
    canvas_w = int(pitch * 3 + 2 * gh)
    ink = np.zeros((ch_h, canvas_w), np.float32)
    cx = canvas_w // 2
    y0 = int(pad_y + rng.normal(0, 0.04 * gh))

    def put(m: np.ndarray, centre: float) -> None:
        x0 = int(centre - m.shape[1] / 2)
        ya, xa = max(0, y0), max(0, x0)
        yb, xb = min(ch_h, y0 + m.shape[0]), min(canvas_w, x0 + m.shape[1])
        if yb > ya and xb > xa:
            ink[ya:yb, xa:xb] = np.maximum(ink[ya:yb, xa:xb],
                                           m[ya - y0:yb - y0, xa - x0:xb - x0])

    put(g, cx)
    for side, nb in zip((-1, 1), neighbours, strict=False):
        if nb is not None and rng.random() < 0.85:
            n = _warp(nb, rng, gh, aspect)
            put(n, cx + side * (pitch + rng.normal(0, 0.05 * gh)))
    half = pitch / 2 * rng.uniform(0.85, 1.2)
    shift = rng.normal(0, 0.05 * pitch)
    xa, xb = int(cx + shift - half), int(cx + shift + half)
    ink = ink[:, max(0, xa):xb]
    if rng.random() < 0.5:
        ink = cv2.GaussianBlur(ink, (0, 0), rng.uniform(0.4, 1.5))
    h, w = ink.shape
    tex = _texture(h, w, rng)
    contrast = rng.uniform(0.25, 0.7) * (1 + rng.normal(0, 0.15, (1, w)).astype(np.float32))
    # graphite darkness, less where the stamped glyph kept the pencil off the tape; the
    # rubbing's intensity is 1 - darkness (light glyph on dark), so the polarity-normalised
    # crop's intensity is the darkness itself (dark glyph on light)
    inv = tex - ink * contrast
    inv += rng.normal(0, rng.uniform(0.005, 0.05), inv.shape).astype(np.float32)
    return np.clip(inv * 255, 0, 255).astype(np.uint8)


def build_dataset(per_class: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``per_class`` crops per class (VIN chars + symbols), prepared for the network."""
    rng = np.random.default_rng(seed)
    faces = font_files()
    held = available(HELD_OUT)
    print(f"{len(faces)} training font faces; held out (never read here): "
          f"{', '.join(lf.name for lf in held)}", flush=True)
    fchars, fsyms = font_masks(faces, symbol_font_files())
    pil_fonts = [ImageFont.truetype(p, int(CAP * 1.4), index=i) for p, i in faces[:8]]
    xs, ys = [], []
    n_sym = per_class * 2  # symbols vary more than characters

    def any_char() -> np.ndarray:
        return draw_char(str(rng.choice(list(VIN_CHARS))))

    def draw_char(c: str) -> np.ndarray:
        k = rng.random()
        if k < 0.55 and fchars[c]:
            m = fchars[c][int(rng.integers(0, len(fchars[c])))]
            return dotify(m, rng) if rng.random() < 0.15 else m
        if k < 0.75:
            forms = BITMAP_5X7[c]
            return bitmap_mask(forms[int(rng.integers(0, len(forms)))], rng)
        forms = STROKES[c]
        return stroke_mask(forms[int(rng.integers(0, len(forms)))], rng)

    for ci, c in enumerate(VIN_CHARS):
        for _ in range(per_class):
            xs.append(prepare(sample(draw_char(c), [any_char(), any_char()], rng)))
            ys.append(ci)
    for _ in range(n_sym):
        k = rng.random()
        if fsyms and k < 0.4:
            m = fsyms[int(rng.integers(0, len(fsyms)))]
        elif k < 0.8:
            m = drawn_symbol(rng, pil_fonts)
        else:
            m = random_mark(rng)
        nb = [any_char() if rng.random() < 0.7 else None, None]
        if rng.random() < 0.5:
            nb.reverse()
        xs.append(prepare(sample(m, nb, rng, symbol=True)))
        ys.append(SYM_INDEX)
    return np.stack(xs)[:, None], np.array(ys, np.int64)


# --- network ---------------------------------------------------------------------------

def make_net():  # noqa: ANN201 - torch is imported lazily
    import torch.nn as nn

    def block(a: int, b: int) -> list:
        return [nn.Conv2d(a, b, 3, padding=1), nn.BatchNorm2d(b), nn.ReLU(),
                nn.Conv2d(b, b, 3, padding=1), nn.BatchNorm2d(b), nn.ReLU(), nn.MaxPool2d(2)]

    return nn.Sequential(
        *block(1, 24), *block(24, 48), *block(48, 96),
        nn.Flatten(), nn.Dropout(0.3), nn.Linear(96 * 4 * 4, 160), nn.ReLU(),
        nn.Linear(160, len(CLASSES)))


def fit_temperature(logits: np.ndarray, labels: np.ndarray) -> float:
    """Softmax temperature minimising the negative log-likelihood (grid search)."""
    best, best_t = float("inf"), 1.0
    for t in np.exp(np.linspace(np.log(0.3), np.log(5.0), 80)):
        z = logits / t
        z = z - z.max(1, keepdims=True)
        nll = -(z[np.arange(len(labels)), labels] - np.log(np.exp(z).sum(1))).mean()
        if nll < best:
            best, best_t = float(nll), float(t)
    return best_t


def train(args: argparse.Namespace) -> dict:
    import torch

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    t0 = time.perf_counter()
    x, y = build_dataset(args.per_class, args.seed)
    xv, yv = build_dataset(max(60, args.per_class // 10), args.seed + 1000)
    print(f"rendered {len(x)} training + {len(xv)} validation crops in "
          f"{time.perf_counter() - t0:.0f} s", flush=True)
    net = make_net()
    opt = torch.optim.AdamW(net.parameters(), lr=3e-3, weight_decay=1e-4)
    steps = args.epochs * math.ceil(len(x) / args.batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=steps)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    gen = torch.Generator().manual_seed(args.seed)
    lossf = torch.nn.CrossEntropyLoss(label_smoothing=0.05)
    for ep in range(args.epochs):
        net.train()
        perm = torch.randperm(len(x), generator=gen)
        tot = 0.0
        for i in range(0, len(x), args.batch):
            idx = perm[i:i + args.batch]
            opt.zero_grad()
            loss = lossf(net(xt[idx]), yt[idx])
            loss.backward()
            opt.step()
            sched.step()
            tot += float(loss.detach()) * len(idx)
        net.eval()
        with torch.no_grad():
            lv = net(torch.from_numpy(xv)).numpy()
        acc = float((lv.argmax(1) == yv).mean())
        print(f"epoch {ep + 1}/{args.epochs}: loss {tot / len(x):.3f}, validation "
              f"accuracy {acc:.4f} ({time.perf_counter() - t0:.0f} s)", flush=True)
    temp = fit_temperature(lv.astype(np.float64), yv)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    torch.save(net.state_dict(), out.with_suffix(".pt.tmp"))  # kept if the export fails
    dummy = torch.zeros(1, 1, INPUT_SIZE, INPUT_SIZE)
    torch.onnx.export(net, dummy, str(out), input_names=["glyph"], output_names=["logits"],
                      dynamic_axes={"glyph": {0: "n"}, "logits": {0: "n"}}, opset_version=17,
                      dynamo=False)
    import hashlib

    summary = split_summary()
    meta = {"classes": CLASSES, "temperature": round(temp, 4), "input_size": INPUT_SIZE,
            "seed": args.seed, "per_class": args.per_class, "epochs": args.epochs,
            "validation_accuracy": round(acc, 4),
            "trained_with": "tools/train_glyph_classifier.py",
            "training_command": " ".join(["python", "tools/train_glyph_classifier.py",
                                          f"--seed {args.seed}", f"--per-class {args.per_class}",
                                          f"--epochs {args.epochs}", f"--batch {args.batch}",
                                          f"--threads {args.threads}"]),
            "torch": torch.__version__,
            "letterform_split": {"table": "devkit/letterforms.py",
                                 "train_families": sorted(summary[TRAIN]),
                                 "held_out_families": sorted(summary[HELD_OUT]),
                                 "train_faces_used": [Path(p).name for p, _ in font_files()],
                                 "held_out_letterforms": [lf.name for lf in available(HELD_OUT)]},
            "onnx_sha256": hashlib.sha256(out.read_bytes()).hexdigest()}
    Path(args.meta).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    out.with_suffix(".pt.tmp").unlink(missing_ok=True)
    print(f"wrote {out} ({out.stat().st_size // 1024} KiB), temperature {temp:.3f}, "
          f"total {time.perf_counter() - t0:.0f} s", flush=True)
    return meta


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--per-class", type=int, default=1200, help="training crops per class")
    p.add_argument("--epochs", type=int, default=4)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--out", default=str(MODEL_PATH))
    p.add_argument("--meta", default=str(META_PATH))
    p.add_argument("--preview", help="write a PNG grid of training crops here and stop")
    args = p.parse_args(argv)
    if args.preview:
        x, y = build_dataset(12, args.seed)
        tiles = ((0.5 - x[:, 0]) * 255).clip(0, 255).astype(np.uint8)
        rows = [np.hstack(list(tiles[i:i + 24])) for i in range(0, len(tiles) - 23, 24)]
        cv2.imwrite(args.preview, np.vstack(rows))
        return 0
    train(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
