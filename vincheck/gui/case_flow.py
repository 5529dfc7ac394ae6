"""One vehicle after another in the main window: files come in (sorted in the background,
or a case file opened), the check runs, its outcome is shown or dropped when the inputs
changed meanwhile, and a new case starts clean.

:class:`CaseFlow` holds no state of its own beyond the parts it is given (the case model,
the case panel, the file intake, the check, the viewer, the message bar): it reacts to
their signals and tells the window through its own (``filesSorted``, ``checkFinished``,
``resultReady``, ``bannerChanged``, ``status``). Texts keep the ``MainWindow`` context."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from vincheck.errors import VincheckError
from vincheck.findings import CaseResult
from vincheck.gui.case_model import CaseModel, is_sample_case
from vincheck.gui.case_panel import CasePanel
from vincheck.gui.check_run import CheckRun, error_advice, finished_text, result_notes
from vincheck.gui.file_intake import FileIntake, expand_paths
from vincheck.gui.finished_case import FinishedCase
from vincheck.gui.message_bar import MessageBar
from vincheck.gui.viewer import ImageBrowser
from vincheck.inspection import CaseInput
from vincheck.settings import Settings

translate = QCoreApplication.translate


@dataclass
class FlowParts:
    """The parts a :class:`CaseFlow` works with, and what it asks the window."""

    model: CaseModel
    panel: CasePanel
    intake: FileIntake
    check: CheckRun
    viewer: ImageBrowser
    messages: MessageBar
    settings: Callable[[], Settings]  # as they are now
    ensure_operator: Callable[[], bool]  # the operator's name is known (asked if not)
    record: Callable[[], bool]  # finished checks are recorded (not for screenshots, tests)


class CaseFlow(QObject):
    """Signals: ``filesSorted(added)`` when added files are sorted (or sorting stopped),
    ``checkFinished(outcome)`` ("done", "failed", "cancelled"), ``resultReady(result,
    case)`` for a result to show (checked, or saved in a case file), ``recordResult(result)``
    after a fresh check, ``bannerChanged()`` when the verdict banner must be redrawn,
    ``status(message, ms)`` for the status bar (0 ms: clear it) and
    ``caseFileOpened(path)``."""

    filesSorted = Signal(int)
    checkFinished = Signal(str)
    resultReady = Signal(object, object)
    recordResult = Signal(object)
    bannerChanged = Signal()
    status = Signal(str, int)
    caseFileOpened = Signal(str)

    def __init__(self, parts: FlowParts, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.p = parts
        self._put_aside: FinishedCase | None = None  # the finished case files were dropped on
        self._refused: list[str] = []  # why files of that drop were not used
        parts.intake.fileSorted.connect(self._add_sorted_file)
        parts.intake.problem.connect(self._note_problem)
        parts.panel.inputsChanged.connect(self._inputs_touched)
        parts.intake.progress.connect(self._report_progress)
        parts.intake.sortingEnded.connect(self._on_sorting_ended)
        parts.intake.certificateRead.connect(self._on_certificate_read)
        parts.intake.certificateFailed.connect(self._on_certificate_failed)
        parts.intake.pagesScanned.connect(self._on_pages_scanned)
        parts.intake.scanFailed.connect(lambda msg: parts.messages.add(msg, "warning"))
        parts.check.progressed.connect(parts.panel.set_progress)
        parts.check.succeeded.connect(self._on_succeeded)
        parts.check.failed.connect(self._on_failed)
        parts.check.cancelled.connect(self._on_cancelled)
        parts.check.finished.connect(self._on_check_finished)

    # --- files in -----------------------------------------------------------------------
    def add_paths(self, paths: list[str], auto_check: bool = False) -> int:
        """Add image files (folders are searched one level deep); each is sorted in the
        background and appears in the case panel, in the order given, once sorted. Case
        JSON files open as a case at once. Returns how many image files were queued
        (``filesSorted(added)`` follows when all are done).

        While a finished case is shown the files start a new case; while a check runs
        they are refused. With ``auto_check`` (dropped files) and the setting
        ``auto_check_on_drop``, a complete case is checked once its files are sorted."""
        p = self.p
        if p.model.running:
            p.messages.add(translate("MainWindow", "A check is running: wait for it or "
                                     "cancel it (Esc) before adding files."), "warning")
            return 0
        cases, images = expand_paths(paths)
        for path in cases:
            self.open_case_file(path, run=False)
        if not images:
            return 0
        if p.model.result is not None:  # a finished case is shown: the next vehicle's,
            aside = FinishedCase.take(p.model, p.panel, p.messages)  # back if no file is used
            self.new_case(CaseInput())
            self._put_aside, self._refused = aside, []
        p.intake.sort(images, auto_check and p.settings().auto_check_on_drop)
        self.sync_cancel()
        return len(images)

    def _add_sorted_file(self, file: str, kind: str) -> None:
        p = self.p
        self._put_aside = None  # a file was used: the next vehicle's case stays
        if not p.panel.has_file(file):
            p.panel.add_file(file, kind)
            p.intake.count_added()
            p.viewer.refresh_files()
            p.model.inputs_changed()

    def _note_problem(self, message: str) -> None:
        """A file could not be used: say so (again over the finished case, if that comes
        back)."""
        if self._put_aside is not None:
            self._refused.append(message)
        self.p.messages.add(message)

    def _inputs_touched(self) -> None:
        """The operator began the next vehicle's case (typed its VIN ...): it stays."""
        self._put_aside = None

    def _bring_back_if_nothing_used(self, added: int) -> bool:
        """None of the files dropped on a finished case could be used (and the operator
        did not begin the next case meanwhile): show it again; whether it came back."""
        aside, self._put_aside = self._put_aside, None
        if aside is None or added:
            return False
        aside.restore(self.p.model, self.p.panel, self.p.messages, self._refused)
        self._refused = []
        self.bannerChanged.emit()
        return True

    def open_files_dialog(self) -> None:
        paths = self.p.intake.open_files_dialog()
        if paths:
            self.add_paths(paths)

    def open_case_dialog(self) -> None:
        path = self.p.intake.open_case_dialog()
        if path:
            self.open_case_file(path, run=True)

    def _on_pages_scanned(self, files: list[str], note: str) -> None:
        self.p.messages.add(note, "info")
        self.add_paths(files)

    def read_certificate(self, file: str) -> None:
        """Read a certificate in the background; its values fill the case when sure."""
        self.p.panel.certificate_box.set_reading_started(file)
        self.p.intake.read_certificate(file)

    def _on_certificate_read(self, file: str, reading: object, crops: object) -> None:
        panel = self.p.panel
        if not panel.has_file(file):  # removed (or another case) meanwhile
            return
        applied = panel.apply_reading(reading)
        panel.certificate_box.set_reading(reading, applied, crops)  # type: ignore[arg-type]

    def _on_certificate_failed(self, file: str, reason: str) -> None:
        if self.p.panel.has_file(file):
            self.p.panel.certificate_box.set_failed(file, reason)

    def cancel_sorting(self) -> int:
        """Stop sorting: files not sorted yet are not added (a queued check is dropped);
        returns how many were left out."""
        busy = self.p.intake.is_busy()
        left, added = self.p.intake.cancel()  # also forgets a queued check
        if not busy:
            return 0
        self.sync_cancel()
        if left:
            self.p.messages.add(translate("MainWindow", "Sorting stopped: {n} of the added "
                                          "files were not added to the case.").format(n=left),
                                "warning")
        self._report_progress(translate("MainWindow", "Sorting stopped."))
        self._bring_back_if_nothing_used(added)
        self.filesSorted.emit(added)
        return left

    def _on_sorting_ended(self, added: int, check_queued: bool, auto_check: bool) -> None:
        p = self.p
        self.sync_cancel()
        if not p.model.running:
            p.panel.set_progress(0.0, "")
        if self._bring_back_if_nothing_used(added):
            check_queued = auto_check = False  # the finished case is not checked again
        self.status.emit("", 0)
        run = check_queued or (auto_check and not p.model.running
                               and p.model.result is None and self._auto_check_ready())
        self.filesSorted.emit(added)
        if run:
            self.start_check()

    def _auto_check_ready(self) -> bool:
        """A dropped case is complete enough to check by itself: a valid expected VIN, at
        least one rubbing sheet and one photo."""
        case = self.p.panel.case_input()
        return bool(case.expected_vin and self.p.panel.vin_valid() and case.rubbing_files
                    and case.photo_files)

    def _report_progress(self, text: str, fraction: float = 0.0) -> None:
        """The panel's progress area when no check is using it, else the status bar."""
        if not self.p.model.running:
            self.p.panel.set_progress(fraction, text)
        else:
            self.status.emit(text, 5000)

    def sync_cancel(self) -> None:
        """Cancel also stops sorting, so it is enabled while files are being sorted."""
        self.p.panel.cancel_button.setEnabled(self.p.model.running or self.p.intake.is_busy())

    # --- cases --------------------------------------------------------------------------
    def open_case_file(self, path: str, run: bool = True) -> bool:
        """Open a case JSON; its saved result is shown, otherwise the check runs when
        ``run``."""
        from vincheck.case_files import load_case_result

        try:
            case, result = load_case_result(path)
        except VincheckError as exc:
            self.p.messages.add(translate("MainWindow", "Cannot open the case file: "
                                          "{reason}").format(reason=exc.message))
            return False
        self.new_case(case)
        self.p.model.case_path = Path(path)
        self.caseFileOpened.emit(path)
        if result is not None:
            self.resultReady.emit(result, case)
        elif run:
            self.start_check()
        return True

    def new_case(self, case: CaseInput) -> None:
        """Replace the current case (the previous result is cleared; files still being
        sorted for the previous case are dropped)."""
        p = self.p
        self.cancel_check()
        self._put_aside = None
        if p.intake.drop():
            self.sync_cancel()
            self.filesSorted.emit(0)
        p.model.clear_result()  # before the inputs change: nothing stale in between
        p.messages.clear_messages()
        p.model.case_path = None
        p.panel.set_progress(0.0, "")  # no "check finished" of the previous vehicle
        p.panel.set_case(case)

    # --- the check ----------------------------------------------------------------------
    def start_check(self) -> bool:
        """Run the check on the current case in a worker thread; False if not started.
        While added files are still being sorted the check waits and starts when sorting
        ends (True: it is queued)."""
        p = self.p
        if p.check.is_running():
            return False
        if p.intake.is_busy():
            p.intake.check_when_sorted()
            return True
        case = p.panel.case_input()
        if not case.files():
            p.messages.add(translate("MainWindow", "Add at least one rubbing sheet or photo "
                                     "first (drop files on the window or press Ctrl+O)."),
                           "warning")
            return False
        if p.record() and not is_sample_case(case) and not p.ensure_operator():
            return False
        if not p.panel.vin_valid():
            p.messages.add(translate("MainWindow", "The expected VIN is not valid; the check "
                                     "runs, and the VIN comparison will fail."), "warning")
        p.model.clear_result()
        p.messages.drop("info")  # notes on the previous result (cleared, exported, ...)
        p.model.begin_run(case)
        p.viewer.preload(case.files())
        p.panel.set_running(True)
        p.panel.set_progress(0.0, translate("MainWindow", "Starting the check…"))
        self.bannerChanged.emit()
        p.check.start(case, p.settings())
        return True

    def cancel_check(self) -> None:
        """Stop the running check; with none running, stop sorting added files (and the
        check waiting for it)."""
        p = self.p
        if p.check.is_running():
            p.check.cancel()
            p.panel.set_progress(p.panel.progress.value() / 1000,
                                 translate("MainWindow", "Cancelling…"))
        elif p.intake.is_busy():
            self.cancel_sorting()

    def _on_succeeded(self, result: CaseResult) -> None:
        p = self.p
        if p.model.run_is_stale():
            p.model.outcome = ""
            p.model.result_case = None
            p.panel.set_progress(0.0, "")
            return
        p.model.outcome = "done"
        p.panel.set_progress(1.0, finished_text(result))
        for text, level in result_notes(result):
            p.messages.add(text, level)
        self.resultReady.emit(result, p.model.result_case)
        self.recordResult.emit(result)

    def _on_failed(self, exc: BaseException, _tb: str) -> None:
        p = self.p
        if p.model.run_is_stale():
            p.model.outcome = ""
            p.panel.set_progress(0.0, "")
            return
        p.model.outcome = "failed"
        p.panel.set_progress(0.0, translate("MainWindow", "The check stopped with an error."))
        p.messages.add(error_advice(self, exc))
        self.bannerChanged.emit()

    def _on_cancelled(self) -> None:
        p = self.p
        stale = p.model.run_is_stale()
        p.model.outcome = "" if stale else "cancelled"
        p.panel.set_progress(0.0, "" if stale else translate("MainWindow",
                                                              "Check cancelled."))
        self.bannerChanged.emit()

    def _on_check_finished(self) -> None:
        p = self.p
        p.model.running = False
        p.panel.set_running(False)
        self.sync_cancel()
        self.bannerChanged.emit()
        self.checkFinished.emit(p.model.outcome or "cancelled")  # "": a stale run
