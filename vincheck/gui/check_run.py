"""Running the check off the GUI thread: one :class:`~vincheck.gui.worker.CheckThread` at a
time, its progress in the window's language, and what the operator is told when a check
ends (the files that could not be checked, scans without a resolution, an error with
advice on what to do).

:class:`CheckRun` owns the thread, the runner and the last error; texts keep the
``MainWindow`` context (``translate("MainWindow", ...)``, as lupdate files them)."""

from __future__ import annotations

import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from vincheck.errors import InputFileError, OcrEngineError, VincheckError
from vincheck.findings import CaseResult, Finding, Status
from vincheck.gui.input_reasons import reason_text
from vincheck.gui.worker import CheckThread, Runner
from vincheck.inspection import CaseInput
from vincheck.settings import Settings

translate = QCoreApplication.translate


class CheckRun(QObject):
    """Signals (GUI thread): ``progressed(fraction 0-1, text)``, then one of
    ``succeeded(CaseResult)``, ``failed(exception, traceback)``, ``cancelled()``, and
    ``finished()`` once the thread has ended."""

    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(object, str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, runner: Runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.thread: CheckThread | None = None
        self.last_exception: BaseException | None = None
        self.last_traceback = ""  # of an unexpected error (not a VincheckError)

    def is_running(self) -> bool:
        return self.thread is not None

    def start(self, case: CaseInput, settings: Settings) -> None:
        """Check ``case`` in a new thread (none may be running)."""
        self.thread = CheckThread(self.runner, case, settings, self)
        self.thread.progressed.connect(
            lambda f, m: self.progressed.emit(f, _progress_text(self, m)))
        self.thread.succeeded.connect(self.succeeded)
        self.thread.failed.connect(self._on_failed)
        self.thread.cancelled.connect(self.cancelled)
        self.thread.finished.connect(self._on_thread_finished)
        self.thread.start()

    def cancel(self) -> None:
        """Ask the running check to stop at its next cancel point."""
        if self.thread is not None:
            self.thread.cancel()

    def stop(self, wait_ms: int = 5000) -> None:
        """Cancel the running check and wait for its thread (the window is closing)."""
        if self.thread is not None:
            self.thread.cancel()
            self.thread.wait(wait_ms)

    def _on_failed(self, exc: BaseException, tb: str) -> None:
        self.last_exception = exc
        if not isinstance(exc, VincheckError):
            self.last_traceback = tb
        self.failed.emit(exc, tb)

    def _on_thread_finished(self) -> None:
        thread = self.thread
        self.thread = None
        if thread is not None:
            thread.deleteLater()
        self.finished.emit()


def finished_text(result: CaseResult) -> str:
    """The progress line under a finished check."""
    return translate("MainWindow", "Check finished in {s:.1f} s.").format(s=result.ms / 1000.0)


def result_notes(result: CaseResult) -> list[tuple[str, str]]:
    """(message, level) for the operator about a finished check: files that could not
    be checked, and scans whose resolution is unknown (so nothing was measured in mm)."""
    notes = [(translate("MainWindow", "{file} could not be checked: {reason}").format(
        file=Path(err.get("file", "")).name, reason=err.get("error", "")), "error")
        for err in result.errors]
    no_dpi = sorted({Path(s.file).name for s in result.sheets
                     for f in s.all_findings() if _dpi_unknown(f)}
                    | {Path(p.file).name for p in result.photos
                       for f in p.findings if _dpi_unknown(f)})
    if no_dpi:
        notes.append((translate(
            "MainWindow",
            "The scan resolution of {files} is unknown, so sizes in mm were not measured. "
            "What to do: enter the scan DPI in the case panel (Scan DPI) or set a default "
            "in Settings, then press F5.").format(files=", ".join(no_dpi)), "warning"))
    return notes


def _dpi_unknown(f: Finding) -> bool:
    """A finding that could not be measured because the scan resolution is unknown."""
    return f.status is Status.SKIPPED and (f.code == "dpi" or "DPI unknown" in (f.message or ""))


# Module-level helpers name the "MainWindow" context literally too: ``w.tr()`` here would be
# filed by lupdate under the empty context but looked up under "MainWindow" at run time.
def error_advice(w: QWidget | QObject, exc: BaseException) -> str:
    """What went wrong and what to do, for an error that stopped a check (``w`` is the
    window the advice is shown in; the text is in the installed UI language)."""
    if isinstance(exc, OcrEngineError):
        return translate(
            "MainWindow", "The OCR engine is missing or failed: {reason}\nWhat to do: install "
            "Tesseract (see the message above) or set its location in Settings ▸ "
            "Tesseract program, then press F5.").format(reason=exc)
    if isinstance(exc, InputFileError):
        reason = f"{Path(exc.path).name}: {reason_text(exc, Path(exc.path))}" if exc.path \
            else str(exc)
        return translate(
            "MainWindow", "A file cannot be used: {reason}\nWhat to do: rescan or export it "
            "as PNG, JPEG, TIFF or BMP, replace it in the case and press F5.").format(
                reason=reason)
    if isinstance(exc, VincheckError):
        return translate("MainWindow", "The check stopped: {reason}").format(reason=exc)
    where = traceback.format_exception_only(type(exc), exc)[-1].strip()
    return translate(
        "MainWindow", "Internal error in the check ({where}). The case is kept; please report "
        "this with the files of the case.").format(where=where)


def _progress_text(w: QWidget | QObject, message: str) -> str:
    """Translate the core's progress messages where their form is known (``w`` is the
    window showing them)."""
    for prefix, text in (
            ("reading rubbing sheet ", translate("MainWindow", "Reading rubbing sheet {name}")),
            ("checking photo ", translate("MainWindow", "Checking photo {name}"))):
        if message.startswith(prefix):
            return text.format(name=message[len(prefix):])
    if message == "done":
        return translate("MainWindow", "Done")
    return message
