"""The font of a PDF report: an embedded TrueType CJK font (:mod:`vincheck.pdf_fonts`: the
system's, else the subset shipped in the package), else reportlab's built-in CID font
``STSong-Light`` (not embedded: viewers substitute a system Song font)."""

from __future__ import annotations

CID_FALLBACK = "STSong-Light"


def register_cjk_font() -> tuple[str, bool]:
    """Register a CJK font with reportlab; returns (font name, embedded?)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    if "VincheckCJK" in pdfmetrics.getRegisteredFontNames():
        return "VincheckCJK", True
    from vincheck.pdf_fonts import cjk_font_candidates

    for path, index in cjk_font_candidates():
        if not path.exists():
            continue
        try:
            pdfmetrics.registerFont(TTFont("VincheckCJK", str(path), subfontIndex=index))
            return "VincheckCJK", True
        except (TTFError, OSError):
            continue
    if CID_FALLBACK not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
    return CID_FALLBACK, False
