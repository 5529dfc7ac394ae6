"""``vincheck doctor``: report what vincheck needs and whether it is there."""

from __future__ import annotations

import argparse
import importlib
import sys

from vincheck.ocr.tesseract import probe_tesseract
from vincheck.settings import load_settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("doctor", help="check the installation (Tesseract, OCR models, Qt)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    ok = True
    probe = probe_tesseract(settings.tesseract_cmd)
    print(("ok    " if probe.ok else "MISSING ") + probe.message)
    ok &= probe.ok
    for mod, what in (("rapidocr", "RapidOCR (PP-OCR models in its wheel)"),
                      ("onnxruntime", "ONNX Runtime"), ("cv2", "OpenCV"),
                      ("PySide6", "PySide6 (GUI)")):
        try:
            m = importlib.import_module(mod)
            print(f"ok    {what} {getattr(m, '__version__', '')}".rstrip())
        except ImportError as exc:
            print(f"MISSING {what}: {exc}", file=sys.stderr)
            ok = False
    return 0 if ok else 3
