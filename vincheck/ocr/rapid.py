"""RapidOCR (PP-OCR models shipped inside the ``rapidocr`` wheel, run by ONNX Runtime).

One shared engine per process, created on first use (about 1 s); nothing is downloaded:
the models are read from the installed package. Threads: ONNX Runtime's default (all
cores) unless ``VINCHECK_OCR_THREADS`` says how many (batch workers set 1).

RapidOCR 3.x keeps the options of a call (``use_rec=False`` and the like) for every later
call. The shared engine is therefore wrapped (:class:`SharedRapidOCR`): each call states
every option, the engine's own defaults where the caller gives none, and calls run one at
a time, so a detection-only call (the rubbing's text lines) never leaves a later full
read (a certificate's fields) without its text, in this thread or another.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

from vincheck.errors import OcrEngineError

_lock = threading.Lock()
_engine: Any = None


# The model files inside the rapidocr wheel (PP-OCR det, rec and the orientation cls). Given
# by path, RapidOCR neither creates its models folder in site-packages nor downloads.
MODEL_GLOBS = {"Det": "*_det_*.onnx", "Rec": "*_rec_*.onnx", "Cls": "*_cls_*.onnx"}


def shipped_model_paths() -> dict[str, str]:
    """RapidOCR parameters naming the model files shipped in its package; raises
    :class:`OcrEngineError` when one is missing (instead of RapidOCR downloading it)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("rapidocr")
    if spec is None or not spec.submodule_search_locations:
        raise OcrEngineError("RapidOCR is not installed; reinstall vincheck with its "
                             "dependencies (pip install rapidocr onnxruntime)")
    models = Path(next(iter(spec.submodule_search_locations))) / "models"
    out: dict[str, str] = {}
    for task, pattern in MODEL_GLOBS.items():
        found = sorted(models.glob(pattern))
        if not found:
            raise OcrEngineError(f"RapidOCR's {task.lower()} model is missing from {models}; "
                                 "reinstall the rapidocr package")
        out[f"{task}.model_path"] = str(found[-1])
    return out


# per-call options of RapidOCR.__call__ that it keeps for later calls: on the engine, or
# on its detector's settings
_CALL_OPTIONS = ("use_det", "use_cls", "use_rec", "return_word_box", "return_single_char_box",
                 "text_score")
_DET_OPTIONS = ("box_thresh", "unclip_ratio")


class SharedRapidOCR:
    """The process's RapidOCR engine behind calls that leave no option behind (see the
    module doc); anything else (``text_det``, ``_load_rec_model``, ...) is the engine's."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.defaults: dict[str, Any] = {k: getattr(engine, k) for k in _CALL_OPTIONS
                                         if hasattr(engine, k)}
        det_cfg = getattr(getattr(engine, "cfg", None), "Det", None)
        for k in _DET_OPTIONS:
            try:
                self.defaults[k] = getattr(det_cfg, k)
            except Exception:  # noqa: BLE001 - another RapidOCR build: left as it is
                pass
        self._call_lock = threading.Lock()

    def __call__(self, img: Any, **options: Any) -> Any:
        with self._call_lock:
            return self.engine(img, **{**self.defaults, **options})

    def __getattr__(self, name: str) -> Any:
        return getattr(self.engine, name)


def get_rapidocr() -> Any:
    """The shared ``rapidocr.RapidOCR`` instance (detector + recogniser + classifier),
    wrapped in :class:`SharedRapidOCR`."""
    global _engine
    with _lock:
        if _engine is None:
            try:
                from rapidocr import RapidOCR
            except ImportError as exc:  # pragma: no cover - a broken install
                raise OcrEngineError(
                    f"RapidOCR is not installed ({exc}); reinstall vincheck with its "
                    "dependencies (pip install rapidocr onnxruntime)") from exc
            logging.getLogger("RapidOCR").setLevel(logging.ERROR)
            params: dict[str, Any] = {"Global.log_level": "error", **shipped_model_paths()}
            threads = os.environ.get("VINCHECK_OCR_THREADS")
            if threads and threads.isdigit() and int(threads) > 0:
                # one thread per process when several worker processes share the cores
                params["EngineConfig.onnxruntime.intra_op_num_threads"] = int(threads)
                params["EngineConfig.onnxruntime.inter_op_num_threads"] = 1
            try:
                engine = RapidOCR(params=params)
            except TypeError:
                engine = RapidOCR()
            except Exception as exc:  # noqa: BLE001 - any model-loading failure
                raise OcrEngineError(f"RapidOCR could not load its models: {exc}") from exc
            _engine = SharedRapidOCR(engine)
            logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    return _engine
