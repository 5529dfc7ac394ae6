"""What runs in a batch worker process: its set-up (ignore Ctrl+C, end with the parent,
one OpenCV thread) and ``check_one``, which sorts unknown files by pixels and runs a case."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable
from typing import Any

from vincheck.errors import OcrEngineError, VincheckError
from vincheck.findings import CaseResult
from vincheck.inspection import CaseInput
from vincheck.settings import Settings

Runner = Callable[..., CaseResult]


def _worker_init(jobs: int, parent_pid: int) -> None:
    """Workers ignore Ctrl+C (the main process decides how to stop) and end themselves when
    the main process dies (e.g. SIGKILL), instead of idling forever; with several workers
    each keeps OpenCV to one thread so they do not fight over the cores."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True,
                     name="vincheck-parent-watch").start()
    if jobs > 1:
        os.environ.setdefault("VINCHECK_OCR_THREADS", "1")  # read when the OCR loads
        try:
            import cv2

            cv2.setNumThreads(1)
        except ImportError:  # pragma: no cover
            pass


def _exit_with_parent(parent_pid: int, poll_s: float = 1.0) -> None:
    while True:
        time.sleep(poll_s)
        if os.getppid() != parent_pid:
            os._exit(3)


def check_one(runner: Runner, settings: Settings, case_input: CaseInput,
              unknown: list[str]) -> tuple[str, Any, CaseInput]:
    """Worker: sort unknown files by pixels, run the case. Returns ("ok", result, input)
    or ("error", message, input) / ("ocr", message, input) for a missing OCR engine."""
    ci = CaseInput(rubbing_files=list(case_input.rubbing_files),
                   photo_files=list(case_input.photo_files),
                   expected_vin=case_input.expected_vin, kind=case_input.kind,
                   color=case_input.color, dpi=case_input.dpi,
                   certificate_files=list(case_input.certificate_files))
    try:
        if unknown:
            from vincheck.case_files import classify_file

            for f in unknown:
                try:
                    kind = classify_file(f)
                except VincheckError:
                    kind = "photo" if ci.rubbing_files else "rubbing"  # run_case reports it
                if kind == "certificate":  # fills the expected VIN / colour not given
                    from vincheck.certificate import apply_to_case, read_certificate_file

                    given = {"kind"} | {n for n, a in (("vin", ci.expected_vin),
                                                       ("colour", ci.color)) if a}
                    apply_to_case(ci, read_certificate_file(f), given)
                    ci.certificate_files.append(f)
                    continue
                (ci.rubbing_files if kind == "rubbing" else ci.photo_files).append(f)
        return "ok", runner(ci, settings), ci
    except OcrEngineError as exc:
        return "ocr", str(exc), ci
    except VincheckError as exc:
        return "error", str(exc), ci
    except Exception as exc:  # noqa: BLE001 - a bug in one case must not stop the batch
        return "error", f"{type(exc).__name__}: {exc}", ci
