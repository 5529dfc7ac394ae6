"""Running the check from the main window: the worker thread, progress, cancelling and
what the operator is told when a check ends (done, failed with advice, cancelled)."""

from __future__ import annotations

import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from vincheck.errors import InputFileError, OcrEngineError, VincheckError
from vincheck.findings import CaseResult, Finding, Status
from vincheck.gui.case_model import case_key, is_sample_case
from vincheck.gui.worker import CheckThread

# Texts keep the "MainWindow" translation context of the window they belong to:
# pyside6-lupdate files ``self.tr()`` under the enclosing class, so a mixin uses
# ``translate("MainWindow", ...)`` with the literal context instead.
translate = QCoreApplication.translate


class CheckFlowMixin:
    """Start / cancel the check of :class:`~vincheck.gui.main_window.MainWindow` in a
    :class:`~vincheck.gui.worker.CheckThread` and handle its signals."""

    def is_running(self) -> bool:
        return self.thread is not None

    def start_check(self) -> bool:
        """Run the check on the current case in a worker thread; False if not started.
        While added files are still being sorted the check waits and starts when sorting
        ends (True: it is queued)."""
        if self.thread is not None:
            return False
        if self.is_sorting():
            self._check_after_sorting = True
            self._show_sorting_progress()
            return True
        case = self.panel.case_input()
        if not case.files():
            self.messages.add(translate("MainWindow", "Add at least one rubbing sheet or photo "
                                        "first (drop files on the window or press Ctrl+O)."),
                              "warning")
            return False
        if self.record and not is_sample_case(case) and not self.ensure_operator():
            return False
        if not self.panel.vin_valid():
            self.messages.add(translate("MainWindow", "The expected VIN is not valid; the check "
                                        "runs, and the VIN comparison will fail."), "warning")
        self.discard_result()
        self.messages.drop("info")  # notes on the previous result (cleared, exported, ...)
        self.result_case = case
        self._run_key = case_key(case)
        self.viewer.preload(case.files())
        self.thread = CheckThread(self.runner, case, self.settings, self)
        self.thread.progressed.connect(self._on_progress)
        self.thread.succeeded.connect(self._on_succeeded)
        self.thread.failed.connect(self._on_failed)
        self.thread.cancelled.connect(self._on_cancelled)
        self.thread.finished.connect(self._on_thread_finished)
        self.panel.set_running(True)
        self.panel.set_progress(0.0, translate("MainWindow", "Starting the check…"))
        self.last_outcome = "running"
        self._update_banner()
        self.thread.start()
        return True

    def cancel_check(self) -> None:
        """Stop the running check; with none running, stop sorting added files (and the
        check waiting for it)."""
        if self.thread is not None:
            self.thread.cancel()
            self.panel.set_progress(self.panel.progress.value() / 1000,
                                    translate("MainWindow", "Cancelling…"))
        elif self.is_sorting():
            self.cancel_sorting()

    def _on_progress(self, fraction: float, message: str) -> None:
        self.panel.set_progress(fraction, _progress_text(self, message))

    def _run_is_stale(self) -> bool:
        """The case changed (or a new one began) while the check ran: its outcome is not
        shown beside inputs it was not computed from."""
        return case_key(self.panel.case_input()) != self._run_key

    def _on_succeeded(self, result: CaseResult) -> None:
        if self._run_is_stale():
            self.last_outcome = ""
            self.result_case = None
            self.panel.set_progress(0.0, "")
            return
        self.last_outcome = "done"
        self.panel.set_progress(1.0, translate("MainWindow", "Check finished in {s:.1f} s.")
                                .format(s=result.ms / 1000.0))
        for err in result.errors:
            self.messages.add(translate("MainWindow", "{file} could not be checked: {reason}")
                              .format(file=Path(err.get("file", "")).name,
                                      reason=err.get("error", "")))
        no_dpi = sorted({Path(s.file).name for s in result.sheets
                         for f in s.all_findings() if _dpi_unknown(f)}
                        | {Path(p.file).name for p in result.photos
                           for f in p.findings if _dpi_unknown(f)})
        if no_dpi:
            self.messages.add(translate(
                "MainWindow",
                "The scan resolution of {files} is unknown, so sizes in mm were not measured. "
                "What to do: enter the scan DPI in the case panel (Scan DPI) or set a default "
                "in Settings, then press F5.").format(files=", ".join(no_dpi)), "warning")
        self.show_result(result, self.result_case)
        self._record(result)

    def _on_failed(self, exc: BaseException, tb: str) -> None:
        if self._run_is_stale():
            self.last_outcome = ""
            self.panel.set_progress(0.0, "")
            return
        self.last_outcome = "failed"
        self.last_exception = exc
        self.panel.set_progress(0.0, translate("MainWindow", "The check stopped with an error."))
        self.messages.add(error_advice(self, exc))
        if not isinstance(exc, VincheckError):
            self.last_traceback = tb
        self._update_banner()

    def _on_cancelled(self) -> None:
        stale = self._run_is_stale()
        self.last_outcome = "" if stale else "cancelled"
        self.panel.set_progress(0.0, "" if stale else translate("MainWindow",
                                                                 "Check cancelled."))
        self._update_banner()

    def _on_thread_finished(self) -> None:
        thread = self.thread
        self.thread = None
        self.panel.set_running(False)
        self._sync_sorting_controls()
        if thread is not None:
            thread.deleteLater()
        self._update_banner()
        self.checkFinished.emit(self.last_outcome or "cancelled")  # "": a stale run


def _dpi_unknown(f: Finding) -> bool:
    """A finding that could not be measured because the scan resolution is unknown."""
    return f.status is Status.SKIPPED and (f.code == "dpi" or "DPI unknown" in (f.message or ""))


# Module-level helpers name the "MainWindow" context literally too: ``w.tr()`` here would be
# filed by lupdate under the empty context but looked up under "MainWindow" at run time.
def error_advice(w: QWidget, exc: BaseException) -> str:
    """What went wrong and what to do, for an error that stopped a check (``w`` is the
    window the advice is shown in; the text is in the installed UI language)."""
    if isinstance(exc, OcrEngineError):
        return translate(
            "MainWindow", "The OCR engine is missing or failed: {reason}\nWhat to do: install "
            "Tesseract (see the message above) or set its location in Settings ▸ "
            "Tesseract program, then press F5.").format(reason=exc)
    if isinstance(exc, InputFileError):
        return translate(
            "MainWindow", "A file cannot be used: {reason}\nWhat to do: rescan or export it "
            "as PNG, JPEG, TIFF or BMP, replace it in the case and press F5.").format(reason=exc)
    if isinstance(exc, VincheckError):
        return translate("MainWindow", "The check stopped: {reason}").format(reason=exc)
    where = traceback.format_exception_only(type(exc), exc)[-1].strip()
    return translate(
        "MainWindow", "Internal error in the check ({where}). The case is kept; please report "
        "this with the files of the case.").format(where=where)


def _progress_text(w: QWidget, message: str) -> str:
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
