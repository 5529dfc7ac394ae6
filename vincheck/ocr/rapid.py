"""RapidOCR (PP-OCR models shipped inside the ``rapidocr`` wheel, run by ONNX Runtime).

One shared engine per process, created on first use (about 1 s); nothing is downloaded:
the models are read from the installed package. Threads: ONNX Runtime uses up to 2 here.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from vincheck.errors import OcrEngineError

_lock = threading.Lock()
_engine: Any = None


def get_rapidocr() -> Any:
    """The shared ``rapidocr.RapidOCR`` instance (detector + recogniser + classifier)."""
    global _engine
    with _lock:
        if _engine is None:
            try:
                from rapidocr import RapidOCR
            except ImportError as exc:  # pragma: no cover - a broken install
                raise OcrEngineError(
                    f"RapidOCR is not installed ({exc}); reinstall vincheck with its "
                    "dependencies (pip install rapidocr onnxruntime)") from exc
            logging.getLogger("RapidOCR").setLevel(logging.WARNING)
            try:
                _engine = RapidOCR(params={"Global.log_level": "warning"})
            except TypeError:
                _engine = RapidOCR()
            except Exception as exc:  # noqa: BLE001 - any model-loading failure
                raise OcrEngineError(f"RapidOCR could not load its models: {exc}") from exc
            logging.getLogger("RapidOCR").setLevel(logging.WARNING)
    return _engine
