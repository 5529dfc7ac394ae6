"""Number plates as textures for the synthetic car photos: Chinese blue, yellow and green
plates and a European plate, with their sizes (m) and default texts; drawn in code
(fonts: Noto CJK / DejaVu)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFont

CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
LATIN_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf"


# Plate sizes in metres (width, height) and default texts.
PLATE_SPECS: dict[str, tuple[float, float, str]] = {
    "blue": (0.44, 0.14, "京A·52837"),
    "yellow": (0.44, 0.14, "沪B·6K19X"),
    "green": (0.48, 0.14, "粤B·D12345"),
    "eu": (0.52, 0.11, "BA 123 XY"),
}


@lru_cache(maxsize=16)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


def plate_texture(kind: str, text: str | None = None) -> np.ndarray:
    """An RGB image of a licence plate (colours and layout of the real ones)."""
    w_m, h_m, default = PLATE_SPECS[kind]
    text = default if text is None else text
    h = 140
    w = int(round(h * w_m / h_m))
    if kind == "blue":
        bg, fg = (20, 60, 190), (250, 250, 250)
    elif kind == "yellow":
        bg, fg = (240, 190, 20), (15, 15, 15)
    elif kind == "green":
        bg, fg = (120, 220, 140), (15, 15, 15)
    else:
        bg, fg = (245, 245, 245), (15, 15, 15)
    img = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(img)
    if kind == "green":  # white-to-green gradient, top to bottom
        arr = np.array(img)
        t = np.linspace(0, 1, h)[:, None]
        top, bot = np.array([235, 250, 235]), np.array([60, 190, 90])
        arr[:] = (top * (1 - t) + bot * t)[:, None, :].astype(np.uint8)
        img = Image.fromarray(arr)
        d = ImageDraw.Draw(img)
    d.rounded_rectangle([4, 4, w - 5, h - 5], radius=10, outline=fg if kind != "eu" else
                        (30, 30, 30), width=4)
    x0 = 14
    if kind == "eu":
        d.rectangle([6, 6, 60, h - 7], fill=(20, 50, 170))
        d.text((33, h - 30), "SK", fill=(250, 250, 250), font=_font(LATIN_FONT, 26),
               anchor="mm")
        x0 = 70
    chars = list(text.replace(" ", "")) if kind != "eu" else list(text)
    n = len(chars)
    avail = w - x0 - 14
    step = avail / max(n, 1)
    for i, ch in enumerate(chars):
        cx = x0 + step * (i + 0.5)
        font = _font(CJK_FONT, 96) if ord(ch) > 127 else _font(LATIN_FONT, 104)
        if ch == "·":
            d.ellipse([cx - 5, h / 2 - 5, cx + 5, h / 2 + 5], fill=fg)
            continue
        d.text((cx, h / 2 + 2), ch, fill=fg, font=font, anchor="mm")
    return np.array(img)
