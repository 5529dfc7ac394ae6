"""The images of a PDF report: every sheet page and photo of a case with its evidence
drawn, found again through the case input, the recorded path or the kept copy."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from vincheck.errors import VincheckError
from vincheck.export.labels import label
from vincheck.export.pdf_font import register_cjk_font
from vincheck.findings import CaseResult
from vincheck.inspection import CaseInput


def _file_candidates(name: str, case_input: CaseInput | None,
                     meta: dict[str, Any]) -> list[str]:
    """Where the image of a result file may be: as named, the case input file of that
    name, the recorded path, then the kept copy."""
    out = [name]
    base = Path(name).name
    if case_input is not None:
        out += [f for f in case_input.files() if Path(f).name == base]
    for f in meta.get("files") or []:
        if f.get("name") == base:
            out += [x for x in (f.get("path"), f.get("copy_path")) if x]
    return out


def evidence_images(result: CaseResult, case_input: CaseInput | None,
                     meta: dict[str, Any], lang: str = "zh_CN") -> list[tuple[str, Any]]:
    """(title, reportlab flowable) per sheet page and photo, evidence drawn."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Image as RLImage
    from reportlab.platypus import Paragraph

    from vincheck import rules
    from vincheck.imageio import load_pages
    from vincheck.render import draw_marks, marks_for_photo, marks_for_sheet

    cache: dict[str, list[Any] | None] = {}

    def pages_of(name: str) -> list[Any] | None:
        if name not in cache:
            cache[name] = None
            for cand in _file_candidates(name, case_input, meta):
                try:
                    cache[name] = load_pages(cand)
                    break
                except (VincheckError, OSError):
                    continue
        return cache[name]

    entries: list[tuple[str, str, int, list[Any]]] = []
    for s in result.sheets:
        entries.append((label("sheet_title", lang).format(name=Path(s.file).name,
                                                          page=s.page + 1),
                        s.file, s.page, marks_for_sheet(s)))
    for ph in result.photos:
        entries.append((label("photo_title", lang).format(name=Path(ph.file).name),
                        ph.file, ph.page,
                        marks_for_photo(ph)))
    out: list[tuple[str, Any]] = []
    from reportlab.lib.styles import ParagraphStyle

    font, _ = register_cjk_font()
    note = ParagraphStyle("note", fontName=font, fontSize=8, leading=10)
    max_w, max_h = 180 * mm, 115 * mm
    for title, name, page, marks in entries:
        pages = pages_of(name)
        if not pages or page >= len(pages):
            out.append((title, Paragraph(escape(label("unavailable", lang).format(
                name=Path(name).name)), note)))
            continue
        drawn = draw_marks(pages[page].rgb, marks, max_side=1600,
                           label_text=lambda t: rules.label_text(t, lang))
        from PIL import Image as PILImage

        buf = io.BytesIO()
        PILImage.fromarray(drawn).save(buf, format="JPEG", quality=85)
        buf.seek(0)
        h, w = drawn.shape[:2]
        scale = min(max_w / w, max_h / h)
        out.append((title, RLImage(buf, width=w * scale, height=h * scale)))
    return out
