"""PDF scans: render each page of a PDF at the resolution of the scan it carries.

Scanners that save PDF wrap one image per page. Each page is rendered (pypdfium2, PDFium:
BSD-3-Clause / Apache-2.0) at the resolution of its largest embedded image, so the pixels
are the scan's own and the DPI is known from the page size; a page without images (a
vector PDF) is rendered at :data:`VECTOR_DPI`. Used only through
:func:`vincheck.imageio.load_pages`, which turns each page into a ``LoadedImage``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from vincheck.errors import ImageTooLargeError, UnreadableImageError

PDF_MAGIC = b"%PDF-"
VECTOR_DPI = 300.0  # dpi for a page that holds no image
DPI_RANGE = (72.0, 1200.0)  # rendering resolutions allowed (dpi); the image's is clipped
MAX_PAGES = 50  # pages read from one PDF at most
POINTS_PER_INCH = 72.0


@dataclass
class PdfPage:
    """One rendered page: H x W x 3 uint8 RGB and the resolution it was rendered at (dpi)."""

    rgb: np.ndarray
    dpi: float


def is_pdf(data: bytes) -> bool:
    """True when the bytes start like a PDF file (the header may follow a few junk bytes)."""
    return PDF_MAGIC in data[:1024]


def image_dpi(page: object) -> float | None:
    """Resolution (dpi) of the page's largest embedded image: its pixels over its size on
    the page (geometric mean of both axes, so a rotated image reads the same); None when
    the page has no image."""
    import pypdfium2.raw as pdfium_c

    best: tuple[float, float] | None = None  # (area on page in pt^2, dpi)
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):  # type: ignore[attr-defined]
        try:
            w, h = obj.get_px_size()
            left, bottom, right, top = obj.get_bounds()
        except Exception:  # noqa: BLE001 - a damaged image object is skipped
            continue
        area = abs(right - left) * abs(top - bottom)
        if w <= 0 or h <= 0 or area <= 0:
            continue
        dpi = math.sqrt(w * h / area) * POINTS_PER_INCH
        if best is None or area > best[0]:
            best = (area, dpi)
    return None if best is None else best[1]


def render_pdf(data: bytes, name: str, dpi: float | None = None,
               max_pixels: int = 150_000_000) -> list[PdfPage]:
    """Render every page of the PDF ``data`` (``name`` is the path for messages).

    ``dpi`` forces the rendering resolution; otherwise each page uses its image's. Raises
    :class:`UnreadableImageError` for an encrypted, empty or damaged PDF and
    :class:`ImageTooLargeError` for a page over ``max_pixels``.
    """
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise UnreadableImageError(_load_failure(data), name) from exc
    try:
        n = len(doc)
        if n == 0:
            raise UnreadableImageError("the PDF has no pages", name)
        if n > MAX_PAGES:
            raise UnreadableImageError(
                f"the PDF has {n} pages; at most {MAX_PAGES} are read, split the file", name)
        plans = [_plan_page(doc, index, name, dpi, max_pixels) for index in range(n)]
        total = sum(w * h for _, w, h in plans)
        if total > max_pixels:  # every page is held in memory at once
            raise ImageTooLargeError(
                f"the PDF's {n} pages hold {total / 1e6:.0f} Mpx together, over the limit of "
                f"{max_pixels / 1e6:.0f} Mpx; split the file or scan at a lower resolution",
                name)
        pages = []
        for index, (use, _w, _h) in enumerate(plans):
            page = doc[index]
            try:
                pages.append(_render_page(page, index, name, use))
            finally:
                page.close()
        return pages
    finally:
        doc.close()


def _load_failure(data: bytes) -> str:
    """Why PDFium could not open the file, worded for an operator. PDFium's own error code
    is not reliable here (it keeps the previous call's code and reports "success" for a
    document without pages), so the file's dictionaries are looked at."""
    if b"/Encrypt" in data:
        return "the PDF is password-protected; save the scan again without a password"
    if re.search(rb"/Count\s+0\b", data) and not re.search(rb"/Count\s+[1-9]", data):
        return "the PDF has no pages"
    return "damaged PDF file (incomplete download or copy?)"


def _plan_page(doc: object, index: int, name: str, dpi: float | None,
               max_pixels: int) -> tuple[float, int, int]:
    """The rendering resolution (dpi) and size (px) of one page, checked against the
    per-page pixel limit before anything is drawn."""
    page = doc[index]  # type: ignore[index]
    try:
        use = float(dpi) if dpi else (image_dpi(page) or VECTOR_DPI)
        use = float(np.clip(use, *DPI_RANGE))
        w_pt, h_pt = page.get_size()
    finally:
        page.close()
    w, h = round(w_pt / POINTS_PER_INCH * use), round(h_pt / POINTS_PER_INCH * use)
    if w <= 0 or h <= 0:
        raise UnreadableImageError(f"page {index + 1} of the PDF has no size", name)
    if w * h > max_pixels:
        raise ImageTooLargeError(
            f"page {index + 1} is {w} x {h} px at {use:.0f} dpi ({w * h / 1e6:.0f} Mpx), over "
            f"the limit of {max_pixels / 1e6:.0f} Mpx; scan at a lower resolution", name)
    return use, w, h


def _render_page(page: object, index: int, name: str, use: float) -> PdfPage:
    """Draw one page at ``use`` dpi."""
    import pypdfium2 as pdfium

    try:
        bitmap = page.render(scale=use / POINTS_PER_INCH)  # type: ignore[attr-defined]
        rgb = np.asarray(bitmap.to_pil().convert("RGB"), dtype=np.uint8).copy()
    except pdfium.PdfiumError as exc:
        raise UnreadableImageError(f"page {index + 1} of the PDF cannot be drawn ({exc})",
                                   name) from exc
    return PdfPage(rgb=rgb, dpi=round(use, 2))
