"""``vincheck doctor``: report what vincheck needs and whether it is there.

Exit 0 when the default reading works (the first available main OCR engine of the
settings plus the glyph classifier) and the libraries are there; Tesseract is reported as
an optional engine and its absence alone does not fail the check. Exit 3 when no engine of
the default reading can be used or a library is missing.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from vincheck.errors import ExitCode, OcrEngineError, VincheckError
from vincheck.ocr.tesseract import probe_tesseract
from vincheck.settings import load_settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("doctor", help="check the installation (OCR engines, models, Qt, fonts)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> ExitCode:
    from vincheck.rubbing import select_engines

    settings = load_settings()
    ok = True
    try:
        engines, missing = select_engines(settings)
        print("ok    default reading: " + " + ".join(e.name for e in engines))
    except OcrEngineError as exc:
        print(f"MISSING default reading: {exc}")
        ok = False
    probe = probe_tesseract(settings.tesseract_cmd)
    print(("ok    " if probe.ok else "absent ") + "optional engine: " + probe.message)
    for mod, what in (("rapidocr", "RapidOCR (PP-OCR models in its wheel)"),
                      ("onnxruntime", "ONNX Runtime"), ("cv2", "OpenCV"),
                      ("PySide6", "PySide6 (GUI)")):
        try:
            m = importlib.import_module(mod)
            print(f"ok    {what} {getattr(m, '__version__', '')}".rstrip())
        except ImportError as exc:
            print(f"MISSING {what}: {exc}", file=sys.stderr)
            ok = False
    ok &= _report_files()
    return ExitCode.OK if ok else ExitCode.OCR_MISSING


def _report_files() -> bool:
    """The PDF report's CJK font and the bundled sample case."""
    from vincheck.case_io import sample_case_path
    from vincheck.pdf_fonts import cjk_font_candidates

    fonts = [p for p, _ in cjk_font_candidates() if p.exists()]
    if fonts:
        print(f"ok    PDF font {fonts[0]}")
    else:
        print("absent PDF font: none embeddable, reports use a viewer's font")
    try:
        print(f"ok    sample case {sample_case_path()}")
    except VincheckError as exc:
        print(f"MISSING sample case: {exc}")
        return False
    return True
