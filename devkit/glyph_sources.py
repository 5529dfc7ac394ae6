"""The glyph classifier's training glyphs as masks (float 0..1, ink = 1, tight box, cap
height ~``CAP`` px), for ``tools/train_glyph_classifier.py``.

* the outline faces on the *training* side of ``devkit.letterforms`` (:func:`font_files`;
  no held-out family is ever opened here) and symbol / CJK glyphs of Noto Sans CJK drawn as
  marks only (:func:`symbol_font_files`), rendered by :func:`font_masks`;
* the trainer's own 5 x 7 bitmap font (:data:`BITMAP_5X7`, :func:`bitmap_mask`: dots,
  squares or strokes) and single-stroke vector font (:data:`STROKES`, :func:`stroke_mask`);
* glyphs redrawn as dots on a lattice (:func:`dotify`);
* start/stop marks drawn here (:func:`drawn_symbol`) and random shapes (:func:`random_mark`).

Nothing from the test-image generator in ``devkit/synth`` is used.
"""

from __future__ import annotations

import math
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from devkit.letterforms import TRAIN, available
from vincheck.ocr.glyph_engine import CLASSES

VIN_CHARS = CLASSES[:-1]
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
