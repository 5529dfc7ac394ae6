"""Run a check off the GUI thread and report back through Qt signals.

The runner is any callable with the signature of :func:`vincheck.inspection.run_case`
``(case, settings, progress, cancel) -> CaseResult``; tests pass a fake one.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThread, Signal

from vincheck.cancel import CancelToken
from vincheck.errors import Cancelled
from vincheck.inspection import CaseInput
from vincheck.settings import Settings

Runner = Callable[..., Any]


class CheckThread(QThread):
    """One check in its own thread.

    Signals (delivered in the GUI thread): ``progressed(fraction 0-1, message)``,
    ``succeeded(CaseResult)``, ``failed(exception, traceback text)``, ``cancelled()``.
    Exactly one of the last three is emitted.
    """

    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(object, str)
    cancelled = Signal()

    def __init__(self, runner: Runner, case: CaseInput, settings: Settings,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.case = case
        self.settings = settings
        self.token = CancelToken()

    def cancel(self) -> None:
        """Ask the running check to stop at its next cancel point."""
        self.token.cancel()

    def _progress(self, fraction: float, message: str) -> None:
        self.token.check()
        self.progressed.emit(float(fraction), str(message))

    def run(self) -> None:  # runs in the worker thread
        try:
            result = self.runner(self.case, self.settings, self._progress, self.token)
        except Cancelled:
            self.cancelled.emit()
            return
        except BaseException as exc:  # noqa: BLE001 - every error goes to the window
            self.failed.emit(exc, traceback.format_exc())
            return
        if self.token.cancelled:
            self.cancelled.emit()
        else:
            self.succeeded.emit(result)
