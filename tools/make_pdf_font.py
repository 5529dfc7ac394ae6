"""Build the font the PDF report embeds: ``vincheck/data/fonts/vincheck-cjk.ttf``.

reportlab embeds only TrueType-outline fonts (not CFF-based ones such as Noto Sans CJK),
and the report sets Chinese and Latin text in one font. Made from two permissively
licensed TrueType fonts, both Debian packages:

* the Chinese: Droid Sans Fallback (Google, Apache-2.0; ``fonts-droid-fallback``,
  ``DroidSansFallbackFull.ttf``), every character of GB 2312 (6763 hanzi and its symbols)
  plus CJK punctuation and full-width forms; it has no Latin letters, so
* the Latin: DejaVu Sans (Bitstream Vera licence; ``fonts-dejavu-core``), ASCII, Latin-1,
  Latin Extended-A, general punctuation, arrows and the symbols reports use (× ° ± ≤ ≥ →),
  scaled to the Chinese font's units per em and copied in as outlines.

The result is renamed "vincheck CJK" (both licences ask that modified fonts not carry the
original names). Build-time only (fontTools); ``python tools/make_pdf_font.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

CJK_SOURCE = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
LATIN_SOURCE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
OUT = Path(__file__).resolve().parents[1] / "vincheck" / "data" / "fonts" / "vincheck-cjk.ttf"
FAMILY = "vincheck CJK"
CJK_RANGES = ((0x3000, 0x303F), (0xFF00, 0xFFEF))
LATIN_RANGES = ((0x20, 0x7E), (0xA0, 0x17F), (0x2000, 0x206F), (0x2190, 0x21FF),
                (0x2200, 0x22FF), (0x2460, 0x24FF), (0x25A0, 0x25FF), (0x2600, 0x26FF),
                (0x2700, 0x27BF))


def gb2312_chars() -> set[int]:
    """Every character GB 2312 encodes (rows 0xA1-0xF7, cells 0xA1-0xFE)."""
    out: set[int] = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.add(ord(bytes((hi, lo)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return out


def _codes(ranges: tuple[tuple[int, int], ...]) -> set[int]:
    return {c for a, b in ranges for c in range(a, b + 1)}


def _subset(path: Path, codes: set[int]):
    from fontTools import subset

    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.layout_features = []
    font = subset.load_font(str(path), options)
    sub = subset.Subsetter(options)
    sub.populate(unicodes=sorted(codes))
    sub.subset(font)
    return font


def add_latin(cjk, latin) -> int:
    """Copy the Latin font's glyphs (decomposed, scaled to the CJK font's units per em)
    into the CJK font, mapped in every Unicode cmap; returns how many were added."""
    from fontTools.pens.recordingPen import DecomposingRecordingPen
    from fontTools.pens.transformPen import TransformPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    scale = cjk["head"].unitsPerEm / latin["head"].unitsPerEm
    glyph_set = latin.getGlyphSet()
    order = list(cjk.getGlyphOrder())
    added = 0
    for code, name in sorted(latin.getBestCmap().items()):
        rec = DecomposingRecordingPen(glyph_set)
        glyph_set[name].draw(rec)
        pen = TTGlyphPen(None)
        rec.replay(TransformPen(pen, (scale, 0, 0, scale, 0, 0)))
        new = f"lat_{code:04X}"
        cjk["glyf"][new] = pen.glyph()
        width, _lsb = latin["hmtx"][name]
        glyph = cjk["glyf"][new]
        glyph.recalcBounds(cjk["glyf"])
        cjk["hmtx"].metrics[new] = (round(width * scale), getattr(glyph, "xMin", 0))
        order.append(new)
        for table in cjk["cmap"].tables:
            if table.isUnicode():
                table.cmap[code] = new
        added += 1
    cjk.setGlyphOrder(order)
    cjk["maxp"].numGlyphs = len(order)
    return added


def rename(font, family: str) -> None:
    """Set the family, full and PostScript names (the fonts' licences ask for a new name)."""
    ps = family.replace(" ", "")
    for rec in list(font["name"].names):
        if rec.nameID in (1, 3, 4, 6, 16, 17, 18, 21, 22):
            font["name"].removeNames(nameID=rec.nameID)
    for name_id, value in ((1, family), (2, "Regular"), (3, f"{ps}-Regular"),
                           (4, f"{family} Regular"), (6, f"{ps}-Regular")):
        font["name"].setName(value, name_id, 3, 1, 0x409)
        font["name"].setName(value, name_id, 1, 0, 0)


def main(argv: list[str]) -> int:
    cjk_src = Path(argv[0]) if argv else CJK_SOURCE
    latin_src = Path(argv[1]) if len(argv) > 1 else LATIN_SOURCE
    latin = _subset(latin_src, _codes(LATIN_RANGES))
    latin_codes = set(latin.getBestCmap())
    cjk = _subset(cjk_src, (gb2312_chars() | _codes(CJK_RANGES)) - latin_codes)
    for tag in ("vhea", "vmtx"):  # vertical writing is not used; saves adding metrics
        if tag in cjk:
            del cjk[tag]
    added = add_latin(cjk, latin)
    rename(cjk, FAMILY)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    cjk.save(str(OUT))
    kept = len(cjk.getBestCmap())
    print(f"wrote {OUT} ({OUT.stat().st_size / 1024:.0f} KiB, {kept} characters, "
          f"{added} Latin)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
