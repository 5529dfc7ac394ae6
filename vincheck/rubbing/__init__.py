"""VIN rubbings: locate strips on a scanned sheet, segment, read and judge them.

Public API: :func:`check_rubbing_file` (every page of a file) and :func:`check_sheet`
(one loaded page). Pipeline per strip: :mod:`locate` -> :mod:`normalize` ->
:mod:`segment` -> :mod:`read` (OCR engines) -> :mod:`copies` (unsure characters read
again through the other copies) -> :mod:`measure` -> :mod:`judge` (``vin.repair``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from vincheck.errors import OcrEngineError, TesseractNotFoundError
from vincheck.findings import Finding, SheetResult, Status
from vincheck.imageio import LoadedImage, load_pages
from vincheck.ocr.base import OcrEngine
from vincheck.settings import Settings

__all__ = ["check_rubbing_file", "check_sheet", "select_engines", "ENGINE_NAMES"]

ENGINE_NAMES = ("rapidocr", "tesseract", "glyph")
# Engines that read beside the first available main engine instead of replacing it (the
# project's own glyph classifier: a second opinion per glyph).
COMPANION_ENGINES = ("glyph",)
_engine_cache: dict[tuple[str, str | None], Any] = {}
_engine_lock = threading.Lock()

# Shortest strip accepted when the DPI is known (mm): a truncated strip still carries
# several characters of >= 4 mm plus tape; printed lines and words are shorter or thinner.
MIN_STRIP_LEN_MM = 40.0
MIN_STRIP_HEIGHT_MM = 8.0
# A picture without paper falls back to the text detector when no located region holds
# at least this many characters (a VIN line cut short still has more).
MIN_LINE_CHARS = 10
# How far (x the median glyph height) a glyph's centre may lie outside the tape's dark
# band and still be part of the line: the band is measured across the middle of the tape,
# and at a torn or slanted end the first or last symbol can sit past it.
CORE_TOLERANCE = 0.4
# Read the text from the polarity-corrected strip without background flattening (the
# recogniser copes with uneven pressure itself; flattening sharpens pencil streaks).
OCR_ON_RAW = True


def _make_engine(name: str, settings: Settings) -> OcrEngine:
    key = (name, settings.tesseract_cmd if name == "tesseract" else None)
    with _engine_lock:
        if key not in _engine_cache:
            if name == "rapidocr":
                from vincheck.ocr.rapid_engine import RapidEngine

                _engine_cache[key] = RapidEngine()
            elif name == "tesseract":
                from vincheck.ocr.tesseract_engine import TesseractEngine

                _engine_cache[key] = TesseractEngine(settings.tesseract_cmd)
            elif name == "glyph":
                from vincheck.ocr.glyph_engine import GlyphEngine

                _engine_cache[key] = GlyphEngine()
            else:
                raise OcrEngineError(f"unknown OCR engine {name!r}; use one of "
                                     + ", ".join(ENGINE_NAMES))
        return _engine_cache[key]


def select_engines(settings: Settings, which: str | None = None
                   ) -> tuple[list[OcrEngine], list[str]]:
    """The engines to read with and messages about configured engines that are missing.

    ``which``: "rapidocr", "tesseract", "glyph", "both" (RapidOCR and Tesseract) or None
    (the first available main engine of ``settings.ocr_engines`` plus the companion
    engines listed there, in the order given). Raises :class:`TesseractNotFoundError`
    (with install advice) when no engine can be used.
    """
    if which in (None, "", "auto"):
        names, want_all = list(settings.ocr_engines) or list(ENGINE_NAMES), False
    elif which == "both":
        names = [n for n in list(settings.ocr_engines) or list(ENGINE_NAMES)
                 if n not in COMPANION_ENGINES]  # "both": RapidOCR and Tesseract as before
        names += [n for n in ENGINE_NAMES if n not in names and n not in COMPANION_ENGINES]
        want_all = True
    else:
        names, want_all = [which], True
    engines: list[OcrEngine] = []
    missing: list[str] = []
    last: OcrEngineError | None = None
    have_main = False
    for name in names:
        if have_main and not want_all and name not in COMPANION_ENGINES:
            continue
        try:
            engines.append(_make_engine(name, settings))
        except OcrEngineError as exc:
            missing.append(f"{name}: {exc}")
            last = exc
            continue
        have_main = have_main or name not in COMPANION_ENGINES
    if not engines:
        if isinstance(last, TesseractNotFoundError) or "tesseract" in names:
            from vincheck.ocr.tesseract import install_advice

            raise TesseractNotFoundError(
                "no OCR engine is available (" + "; ".join(missing) + "); Tesseract OCR "
                f"is needed: {install_advice()}")
        raise last or OcrEngineError("no OCR engine is available")
    return engines, missing


def on_tape(glyphs: Sequence[Any], strip: Any, inverted: bool) -> list[Any]:
    """The glyphs that lie on the tape: centre inside the strip's dark band
    (``strip.core_x``, px), or within :data:`CORE_TOLERANCE` x the median glyph height of
    it and standing on graphite (the darker quarter of its box as dark as the tape)."""
    if not glyphs:
        return []
    lo, hi = strip.core_x
    tol = CORE_TOLERANCE * float(np.median([g.h for g in glyphs]))
    crop = strip.crop
    a, b = int(max(0.0, lo)), int(min(float(crop.shape[1]), hi))
    tape = float(np.median(crop[:, a:b])) if b > a else float(np.median(crop))
    paper = float(np.percentile(crop, 95))
    out = []
    for g in glyphs:
        if lo <= g.cx <= hi:
            out.append(g)
        elif lo - tol <= g.cx <= hi + tol:
            dark = float(np.percentile(crop[g.y0:g.y1, g.x0:g.x1], 25))
            if not inverted or dark < 0.5 * (tape + paper):
                out.append(g)
    return out


def _holds_a_line(ev: Any, min_conf: float) -> bool:
    """Whether a strip's reading is a line of characters: at least :data:`MIN_LINE_CHARS`
    glyphs, at least half of them read with ``min_conf`` (grain on dark metal makes blobs
    that no engine reads surely)."""
    tops = [max(sc.values(), default=0.0) for sc in ev.read.char_scores]
    return len(tops) >= MIN_LINE_CHARS and sum(t >= min_conf for t in tops) >= 0.5 * len(tops)


def check_rubbing_file(path: str, settings: Settings | None = None,
                       expected_vin: str | None = None, dpi: float | None = None,
                       cancel: Any = None, engines: Sequence[OcrEngine] | None = None,
                       engine: str | None = None) -> list[SheetResult]:
    """Check every page of a scanned rubbing sheet; one :class:`SheetResult` per page.

    Raises :class:`~vincheck.errors.InputFileError` subclasses for files that cannot be
    used, :class:`~vincheck.errors.OcrEngineError` when no OCR engine is available and
    :class:`~vincheck.errors.Cancelled` when ``cancel`` was triggered.
    """
    from vincheck.rubbing.work_scale import to_file_pixels, work_page
    from vincheck.time_limit import Deadline

    settings = settings or Settings()
    deadline = Deadline(str(path), cancel=cancel)  # bounded time per file
    pages = load_pages(path, dpi=dpi, default_dpi=settings.rubbing.default_dpi,
                       max_pixels=settings.max_image_pixels)
    out = []
    for page in pages:
        deadline.check()
        work, fx, fy = work_page(page)  # a large scan is checked at <= 600 dpi
        sheet = check_sheet(work, settings, expected_vin=expected_vin, cancel=deadline,
                            engines=engines, engine=engine)
        out.append(to_file_pixels(sheet, page, fx, fy))
    return out


def check_sheet(image: LoadedImage, settings: Settings | None = None,
                expected_vin: str | None = None, cancel: Any = None,
                engines: Sequence[OcrEngine] | None = None,
                engine: str | None = None) -> SheetResult:
    """Locate, read and judge every rubbing on one loaded page.

    ``engines`` overrides the OCR engines (tests pass canned ones); otherwise ``engine``
    ("rapidocr", "tesseract", "both") or the settings choose.
    """
    from vincheck.rubbing.copies import (
        adopt_other_copies,
        agreeing_copies,
        doubt_invalid_beside_valid,
        shared_evidence,
    )
    from vincheck.rubbing.grid import (
        DOT_PEEN_SHARE,
        dot_peen_share,
        dotted_slant,
        reread_on_grid,
    )
    from vincheck.rubbing.judge import StripEvidence, judge_strip, sheet_findings
    from vincheck.rubbing.locate import locate_strips, whole_image_strip
    from vincheck.rubbing.measure import measure_ghost, strip_geometry
    from vincheck.rubbing.normalize import ocr_image
    from vincheck.rubbing.polarity import normalize_and_segment
    from vincheck.rubbing.read import read_strip

    settings = settings or Settings()
    cfg = settings.rubbing
    t0 = time.perf_counter()

    def poll() -> None:
        if cancel is not None:
            cancel.check()

    poll()
    notes: list[str] = []
    if engines is None:
        engines, notes = select_engines(settings, engine)
    gray = image.gray
    ppm = image.px_per_mm()
    poll()
    min_len = MIN_STRIP_LEN_MM * ppm if ppm else None
    min_h = MIN_STRIP_HEIGHT_MM * ppm if ppm else None
    strips = locate_strips(gray, min_len, min_h)
    if not strips:
        whole = whole_image_strip(gray)
        strips = [whole] if whole is not None else []

    def read_all(strips: Sequence[Any]) -> list[StripEvidence]:
        evidence: list[StripEvidence] = []
        for strip in strips:
            poll()
            nz, seg = normalize_and_segment(strip.crop, strip.core_x)
            norm = nz.image
            ocr_src = ocr_image(strip.crop, nz.inverted) if OCR_ON_RAW else None
            # glyphs outside the dark band (in the margin around it) are tape ends or paper;
            # a symbol right at a slanted tape end may stick out by a little
            seg.glyphs = on_tape(seg.glyphs, strip, nz.inverted)
            poll()
            rd = read_strip(norm, seg, engines, ocr_src)
            poll()
            # dot-peen, touching or broken characters: cut again at the die's pitch
            dotted = dot_peen_share(norm, seg) >= DOT_PEEN_SHARE
            own_chars, own_ink = rd.chars, seg.ink
            rd, seg = reread_on_grid(rd, seg, norm, ocr_src, engines, dotted)
            rd.dot_peen = dotted
            poll()
            # pitch and height from the line's own cutting: a fixed-pitch grid is even by
            # construction, and its cells' boxes take in ink of their neighbours
            geo = strip_geometry(rd.chars, seg.ink, own_chars, own_ink, slant=not dotted)
            if geo is not None and dotted:  # slant of the strokes, not of rows of dots
                geo.slant_deg = dotted_slant(rd.chars, norm)
            ghost = None
            if geo is not None:
                min_off = (cfg.max_ghost_offset_mm * ppm) if ppm else 0.05 * geo.height_px
                ghost = measure_ghost(norm, rd.chars, geo.pitch_px, geo.height_px, min_off)
            evidence.append(StripEvidence(strip, rd, geo, ghost, ppm, page=image.page))
        return evidence

    evidence = read_all(strips)
    # a picture without paper (a photo of the stamped VIN itself) whose dark regions hold
    # no line of characters: look for text lines with the OCR's text detector instead
    if (not any(_holds_a_line(e, cfg.min_char_confidence) for e in evidence)
            and whole_image_strip(gray) is not None):
        from vincheck.rubbing.text_lines import text_line_strips

        poll()
        try:
            lines = read_all(text_line_strips(gray))
        except OcrEngineError as exc:
            notes.append(f"text-line detector: {exc}")
            lines = []
        lines = [e for e in lines if len(e.read.chars) >= MIN_LINE_CHARS]
        if lines:
            evidence = lines
    # agreement is judged on each copy's own reading, before they share evidence
    for ev, agree in zip(evidence, agreeing_copies([e.read for e in evidence]), strict=True):
        ev.read.confirmed_by = agree
    for ev, shared in zip(evidence, shared_evidence([e.read for e in evidence]), strict=True):
        ev.read.shared_positions = shared
    rubbings = [judge_strip(ev, cfg) for ev in evidence]
    doubt_invalid_beside_valid(rubbings)  # before the sheet's findings: copies_differ
    findings = sheet_findings(rubbings, expected_vin, page=image.page)
    adopt_other_copies(rubbings)  # after the sheet's findings, which judge own readings
    if notes:
        findings.append(Finding("ocr_engine", Status.PASS, measured=[e.name for e in engines],
                                message="read with " + ", ".join(e.name for e in engines)
                                + "; not available: " + "; ".join(notes)))
    if image.dpi is None:
        findings.append(Finding("dpi", Status.SKIPPED, measured=None, limit="known DPI",
                                message="DPI unknown: the scan carries no resolution; give "
                                "--dpi or set a default DPI to measure sizes in mm"))
    return SheetResult(file=image.path, rubbings=rubbings, findings=findings, page=image.page,
                       dpi=image.dpi, image_size=(image.width, image.height),
                       ms=(time.perf_counter() - t0) * 1000.0)
