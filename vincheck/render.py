"""Draw findings' evidence over an image (for reports; the GUI draws its own overlays).

Colours by status: pass green, fail red, review / skipped orange; plain geometry the
results carry (rubbing strips, character cells, vehicle box, plates, picture outline) is
drawn thin in blue. Coordinates are pixels of the loaded image; the output may be scaled
down (``max_side`` px) and everything is scaled with it. Inputs are never modified.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from vincheck.findings import PhotoResult, Shape, SheetResult
from vincheck.label_layout import free_vertical_offset

STATUS_RGB: dict[str, tuple[int, int, int]] = {
    "pass": (0, 150, 60),
    "fail": (220, 0, 0),
    "review": (240, 140, 0),
    "skipped": (240, 140, 0),
    "info": (30, 90, 220),
}

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)


@dataclass(frozen=True)
class Mark:
    """One shape to draw with the status that colours it (``"info"`` for plain geometry)
    and the finding code it belongs to ('' for geometry)."""

    shape: Shape
    status: str
    code: str = ""


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in FONT_CANDIDATES:
        if Path(path).exists():
            try:
                return ImageFont.truetype(path, size)
            except OSError:
                continue
    return ImageFont.load_default()


def marks_for_sheet(sheet: SheetResult) -> list[Mark]:
    """Strip outlines and character cells (info), then every finding's evidence."""
    out: list[Mark] = []
    for r in sheet.rubbings:
        if r.box:
            label = "" if r.chars else (r.vin or "")
            out.append(Mark(Shape("polygon", tuple(r.box), label=label, role="strip"),
                            "info"))
        for c in r.chars:
            out.append(Mark(Shape("polygon", tuple(c.box), label=c.char, role="char"), "info"))
    for f in sheet.all_findings():
        out.extend(Mark(s, str(f.status), f.code) for s in f.evidence)
    return out


def marks_for_photo(photo: PhotoResult) -> list[Mark]:
    """Picture outline, vehicle box and plates (info), then every finding's evidence."""
    out: list[Mark] = []
    if photo.picture_box:
        out.append(Mark(Shape("polygon", tuple(photo.picture_box), role="picture"), "info"))
    if photo.vehicle_box:
        out.append(Mark(Shape("box", tuple(photo.vehicle_box), label=photo.view or "",
                              role="vehicle"), "info"))
    for p in photo.plates:
        out.append(Mark(Shape("polygon", tuple(p.box), label=p.text, role="plate"), "fail"))
    for f in photo.findings:
        out.extend(Mark(s, str(f.status), f.code) for s in f.evidence)
    return out


def draw_marks(rgb: np.ndarray, marks: list[Mark], *,
               max_side: int | None = 1600,
               label_text: Callable[[str], str] | None = None) -> np.ndarray:
    """A new H' x W' x 3 uint8 RGB image: ``rgb`` (scaled so its longer side is at most
    ``max_side`` px) with the marks drawn on it (pass the marks of this page only: the
    ``marks_for_*`` helpers take one sheet page or photo). ``label_text`` turns a label
    into the report's language (e.g. :func:`vincheck.rules.label_text`)."""
    arr = np.asarray(rgb)
    if arr.ndim == 2:
        arr = np.repeat(arr[:, :, None], 3, axis=2)
    im = Image.fromarray(np.ascontiguousarray(arr[:, :, :3], dtype=np.uint8), "RGB")
    scale = 1.0
    if max_side and max(im.size) > max_side:
        scale = max_side / max(im.size)
        im = im.resize((max(1, round(im.width * scale)), max(1, round(im.height * scale))),
                       Image.Resampling.LANCZOS)
    else:
        im = im.copy()
    draw = ImageDraw.Draw(im)
    lw = max(2, round(max(im.size) / 500))
    font = _font(max(12, round(max(im.size) / 60)))
    labels: list[tuple[tuple[float, float], str, tuple[int, int, int], bool]] = []
    coded: set[str] = set()
    for m in marks:
        anchor = _draw_shape(draw, m, scale, lw)
        # a shape without a label of its own shows its finding's code when the finding
        # failed or awaits review, once per finding (each outline of one finding's areas
        # would repeat it; a passed finding's green needs no name)
        label = m.shape.label
        if (not label and m.code and m.shape.role != "char" and m.code not in coded
                and m.status in ("fail", "review")):
            label = m.code
            coded.add(m.code)
        if anchor is not None and label:
            if label_text is not None:
                label = label_text(label)
            labels.append((anchor, label, STATUS_RGB.get(m.status, STATUS_RGB["review"]),
                           m.shape.role == "char"))
    _draw_labels(draw, labels, font, im.size)
    return np.asarray(im, dtype=np.uint8).copy()


def _draw_labels(draw: ImageDraw.ImageDraw,
                 labels: list[tuple[tuple[float, float], str, tuple[int, int, int], bool]],
                 font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
                 size: tuple[int, int]) -> None:
    """Each label above its anchor (below it at the image's top edge) on a white ground.
    Character labels first, each where it belongs and only the shortest of those at one
    character ("L", not also "L 1.00": a row of them must stay readable); then the others,
    the same text at the same place once, each moved up or down the least (up preferred)
    so that it covers none drawn before it."""
    text_h = getattr(font, "size", 12)

    def key(anchor: tuple[float, float]) -> tuple[int, int]:
        return (round(anchor[0] / 4), round(anchor[1] / 4))

    shortest: dict[tuple[int, int], str] = {}
    for anchor, text, _c, is_char in labels:
        k = key(anchor)
        if is_char and (k not in shortest or len(text) < len(shortest[k])):
            shortest[k] = text
    ordered = [lb for lb in labels if lb[3] and shortest.get(key(lb[0])) == lb[1]] + \
        [lb for lb in labels if not lb[3]]
    placed: list[tuple[float, float, float, float]] = []
    seen: set[tuple[int, int, str]] = set()
    for (x, y), text, colour, is_char in ordered:
        if (*key((x, y)), text) in seen:
            continue
        seen.add((*key((x, y)), text))
        y0 = y - text_h - 2 if y - text_h - 2 >= 0 else y + 2
        box = draw.textbbox((x, y0), text, font=font)
        dy = 0.0 if is_char else free_vertical_offset(box, placed, gap=2.0, top=0.0,
                                                       bottom=size[1])
        box = (box[0], box[1] + dy, box[2], box[3] + dy)
        placed.append(box)
        draw.rectangle(box, fill=(255, 255, 255))
        draw.text((x, y0 + dy), text, fill=colour, font=font)


def _draw_shape(draw: ImageDraw.ImageDraw, m: Mark, scale: float, lw: int
                ) -> tuple[float, float] | None:
    """Draw one shape's geometry; returns where its label goes (px of the drawing)."""
    colour = STATUS_RGB.get(m.status, STATUS_RGB["review"])
    width = max(1, lw // 2) if m.status == "info" else lw
    c = [v * scale for v in m.shape.coords]
    kind = m.shape.kind
    anchor: tuple[float, float] | None = None
    if kind == "box" and len(c) >= 4:
        x, y, w, h = c[:4]
        draw.rectangle([x, y, x + w, y + h], outline=colour, width=width)
        anchor = (x, y)
    elif kind in ("polygon", "polyline") and len(c) >= 4:
        pts = list(zip(c[0::2], c[1::2], strict=False))
        if kind == "polygon":
            pts.append(pts[0])
        draw.line(pts, fill=colour, width=width, joint="curve")
        anchor = (min(p[0] for p in pts), min(p[1] for p in pts))
    elif kind == "circle" and len(c) >= 3:
        cx, cy, r = c[:3]
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=colour, width=width)
        anchor = (cx + r, cy - r)
    elif kind == "point" and len(c) >= 2:
        r = 2 * lw
        draw.ellipse([c[0] - r, c[1] - r, c[0] + r, c[1] + r], fill=colour)
        anchor = (c[0] + r, c[1] - r)
    return anchor
