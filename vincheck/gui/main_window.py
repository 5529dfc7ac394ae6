"""The main window: one inspection case, from files to verdict.

Left: the case (expected VIN, kind, colour, files, check / cancel, progress). Centre: the
image with evidence drawn over it. Right: the verdict banner, messages, the checklist
and the operator's decision on a selected ``review`` finding.

The check runs in a :class:`~vincheck.gui.worker.CheckThread`; the runner is injectable
(default :func:`vincheck.inspection.run_case`). Every finished check is recorded in the
records store when it is available.

This module builds the window (state and layout) and keeps start-up, settings and closing;
the rest of its behaviour lives in one mixin per concern:

- :mod:`~vincheck.gui.window_actions`: menus, actions, shortcuts, texts and language;
- :mod:`~vincheck.gui.window_case`: a new case, stale results, the sample, the operator;
- :mod:`~vincheck.gui.window_intake`: open dialogs, case files, drag and drop, sorting;
- :mod:`~vincheck.gui.viewer`: the page list, background loading, evidence overlays (a part);
- :mod:`~vincheck.gui.window_checking`: the check in its thread, progress, cancel, errors;
- :mod:`~vincheck.gui.window_result`: the checklist and the verdict banner;
- :mod:`~vincheck.gui.window_review`: the selected finding and the operator's decisions;
- :mod:`~vincheck.gui.records`: recording, the history, reopening a record (a part);
- :mod:`~vincheck.gui.window_export`: saving the case JSON and the PDF report;
- :mod:`~vincheck.gui.placement`: where the window opens (fits the screen).

Every text of the window keeps the translation context ``MainWindow``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QWidget,
)

from vincheck.errors import VincheckError
from vincheck.findings import CaseResult, Decision, Verdict
from vincheck.gui import case_model
from vincheck.gui.case_model import CaseModel, is_sample_case, sample_case_file
from vincheck.gui.case_panel import CasePanel
from vincheck.gui.check_run import CheckRun, error_advice, finished_text, result_notes
from vincheck.gui.decisions import DecisionPanel
from vincheck.gui.field_shortcuts import WindowShortcutsFirst
from vincheck.gui.image_loader import LoadFunction, default_load_function
from vincheck.gui.message_bar import MessageBar
from vincheck.gui.placement import WindowPlacementMixin
from vincheck.gui.records import Records, StoreFactory
from vincheck.gui.result_view import ResultView
from vincheck.gui.state import GuiState, load_state, save_state
from vincheck.gui.viewer import IMAGE_CACHE, ImageBrowser
from vincheck.gui.window_actions import ActionsMixin
from vincheck.gui.window_export import SaveExportMixin
from vincheck.gui.window_intake import IMAGE_SUFFIXES, FileIntakeMixin
from vincheck.gui.worker import Runner
from vincheck.inspection import CaseInput
from vincheck.settings import Settings, load_settings_checked, save_settings

__all__ = ["IMAGE_CACHE", "IMAGE_SUFFIXES", "MainWindow", "MessageBar", "error_advice",
           "sample_case_file"]


class _Forward:
    """A window attribute that is a part's (``part.name``): the window's public
    attributes of old (app, tests) stay, the state lives in the part."""

    def __init__(self, part: str, name: str) -> None:
        self.part, self.name = part, name

    def __get__(self, window: object, _owner: type | None = None) -> Any:
        return self if window is None else getattr(getattr(window, self.part), self.name)

    def __set__(self, window: object, value: object) -> None:
        setattr(getattr(window, self.part), self.name, value)


class MainWindow(ActionsMixin, FileIntakeMixin, SaveExportMixin, WindowPlacementMixin,
                 QMainWindow):
    """The inspection window. ``runner`` has the signature of ``run_case``; ``record``
    False keeps finished checks out of the records store (screenshots, tests);
    ``load_image`` replaces how image files are decoded for display (tests: a slow or
    failing loader); it runs in a worker thread."""

    checkFinished = Signal(str)  # "done" | "failed" | "cancelled"
    imageShown = Signal(str, int)  # file, page: the image is on screen (after its load)
    filesSorted = Signal(int)  # added files are sorted (or sorting stopped): how many added

    # the parts' state, under the window's names of old (read by app.py and the tests)
    runner = _Forward("check", "runner")
    last_exception = _Forward("check", "last_exception")
    result = _Forward("model", "result")
    result_case = _Forward("model", "result_case")
    record_id = _Forward("model", "record_id")
    case_path = _Forward("model", "case_path")
    last_outcome = _Forward("model", "outcome")
    checklist = _Forward("result_view", "checklist")
    groups = _Forward("result_view", "groups")
    banner = _Forward("result_view", "banner")
    banner_detail = _Forward("result_view", "banner_detail")
    summary_area = _Forward("result_view", "summary_area")
    view = _Forward("viewer", "view")
    legend = _Forward("viewer", "legend")
    image_combo = _Forward("viewer", "image_combo")
    images = _Forward("viewer", "images")
    current_image = _Forward("viewer", "current_image")
    loader = _Forward("viewer", "loader")
    detail = _Forward("decisions", "detail")
    note_edit = _Forward("decisions", "note_edit")
    accept_button = _Forward("decisions", "accept_button")
    reject_button = _Forward("decisions", "reject_button")

    def __init__(self, runner: Runner | None = None, settings: Settings | None = None,
                 record: bool = True, store_factory: StoreFactory | None = None,
                 parent: QWidget | None = None,
                 load_image: LoadFunction | None = None) -> None:
        super().__init__(parent)
        if runner is None:
            from vincheck.inspection import run_case

            runner = run_case
        self._settings_note = ""  # what the settings loader had to reset (shown below)
        if settings is None:
            settings, self._settings_note = _load_settings_safely()
        self.settings = settings
        self.record = record
        self.state: GuiState = load_state()
        self.check = CheckRun(runner, self)
        self.records = Records(lambda: self.settings, store_factory, self)
        self._custom_loader = load_image is not None
        self._load_image = load_image or default_load_function(self.settings.max_image_pixels)
        self._init_intake()

        self.setAcceptDrops(True)
        self._build_ui()
        self._connect_parts()
        self._build_actions()
        WindowShortcutsFirst(self).install()  # Ctrl+E etc. also from a text field (X11)
        self.retranslate()
        self.show_no_result()
        self.fit_to_screen()
        if self._settings_note:
            self.messages.add(self._settings_note, "warning")

    def _build_ui(self) -> None:
        self.panel = CasePanel()
        self.panel.setMinimumWidth(230)
        self.model = CaseModel(self.panel.case_input, self)
        self.messages = MessageBar()
        self.result_view = ResultView(self.messages)
        self.viewer = ImageBrowser(self._load_image, self.panel.files,
                                   self.checklist.current_key)
        self.decisions = DecisionPanel(self.checklist, lambda: self.settings.operator)
        self.result_view.add_below(self.decisions)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.panel)
        self.splitter.addWidget(self.viewer)
        self.splitter.addWidget(self.result_view)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([250, 506, 610])
        self.setCentralWidget(self.splitter)
        self.status_zoom = QLabel()
        self.statusBar().addPermanentWidget(self.status_zoom)

    def _connect_parts(self) -> None:
        """Every part talks to the others through these connections."""
        self.panel.fileActivated.connect(lambda p: self.viewer.show_image((p, 0)))
        self.panel.filesChanged.connect(self.viewer.refresh_files)
        self.panel.inputsChanged.connect(self.model.inputs_changed)
        self.panel.checkRequested.connect(self.start_check)
        self.panel.cancelRequested.connect(self.cancel_check)
        self.panel.addRequested.connect(self.open_files_dialog)
        self.panel.scanRequested.connect(self.scan_pages_dialog)
        self.panel.certificateAdded.connect(self.read_certificate)
        self.model.resultChanged.connect(self._result_changed)
        self.model.staleCleared.connect(self._result_went_stale)
        self.viewer.imageShown.connect(self.imageShown)
        self.viewer.fileShown.connect(self.panel.select_file)
        self.viewer.problem.connect(lambda msg: self.messages.add(msg))
        self.result_view.entrySelected.connect(self._entry_selected)
        self.decisions.decisionsChanged.connect(self._decisions_changed)
        self.records.problem.connect(self.messages.add)
        self.records.recordOpened.connect(self.open_record)
        self.check.progressed.connect(self.panel.set_progress)
        self.check.succeeded.connect(self._on_succeeded)
        self.check.failed.connect(self._on_failed)
        self.check.cancelled.connect(self._on_cancelled)
        self.check.finished.connect(self._on_check_finished)

    # --- one case after another ----------------------------------------------------------
    def next_vehicle(self) -> None:
        """Start an empty case for the next vehicle (Ctrl+N): files, VIN, kind, colour,
        DPI, verdict, evidence and messages are cleared; the VIN field gets the focus."""
        self.new_case(CaseInput())
        self.statusBar().showMessage(self.tr("New case: enter the VIN from the certificate "
                                             "and add the files."), 5000)
        self.panel.vin_edit.setFocus()

    def _result_went_stale(self) -> None:
        """The model cleared a result whose inputs changed."""
        self.messages.add(self.tr("The case was changed, so its result was cleared. Press "
                                  "F5 to check it again."), "info")

    def discard_result(self) -> None:
        """Clear the result, its evidence and its record link (the inputs stay)."""
        self.model.clear_result()

    def _result_changed(self) -> None:
        """The model shows another result, or none."""
        if self.model.result is None:
            self._result_cleared()
        else:
            self._result_shown(self.model.result)

    def _result_cleared(self) -> None:
        self.result_view.clear()
        self.viewer.set_evidence(None, [])
        self.decisions.set_result(None)
        self._update_banner()
        self.viewer.draw_overlays()
        self._sync_review_actions()
        self.panel.set_progress(0.0, "")  # "check finished in …" belonged to that result

    def case_is_sample(self) -> bool:
        """Whether the case on screen is the bundled sample (never recorded)."""
        return self.model.is_sample()

    def ensure_operator(self) -> bool:
        """The operator's name is known (asked for now when it is not; kept in the
        settings); False when the operator gave none."""
        if self.settings.operator.strip():
            return True
        name = (self.ask_operator_name() or "").strip()
        if not name:
            self.messages.add(self.tr("Enter your name as operator first: it goes on every "
                                      "record and report (Settings ▸ Operator name)."),
                              "warning")
            return False
        self.settings.operator = name
        self._save_settings()
        self.status_zoom.setText(self._operator_text())
        return True

    def ask_operator_name(self) -> str:
        """Ask the operator for their name (a dialog; tests replace this method)."""
        name, ok = QInputDialog.getText(
            self, self.tr("Operator"), self.tr("Your name as operator (kept in the settings; "
                                               "it goes on every record and report):"),
            QLineEdit.EchoMode.Normal, self.settings.operator)
        return name if ok else ""

    def _auto_check_ready(self) -> bool:
        """A dropped case is complete enough to check by itself: a valid expected VIN, at
        least one rubbing sheet and one photo."""
        case = self.panel.case_input()
        return bool(case.expected_vin and self.panel.vin_valid() and case.rubbing_files
                    and case.photo_files)

    # --- the check -----------------------------------------------------------------------
    def is_running(self) -> bool:
        return self.model.running

    def start_check(self) -> bool:
        """Run the check on the current case in a worker thread; False if not started.
        While added files are still being sorted the check waits and starts when sorting
        ends (True: it is queued)."""
        if self.check.is_running():
            return False
        if self.is_sorting():
            self._check_after_sorting = True
            self._show_sorting_progress()
            return True
        case = self.panel.case_input()
        if not case.files():
            self.messages.add(self.tr("Add at least one rubbing sheet or photo first (drop "
                                      "files on the window or press Ctrl+O)."), "warning")
            return False
        if self.record and not is_sample_case(case) and not self.ensure_operator():
            return False
        if not self.panel.vin_valid():
            self.messages.add(self.tr("The expected VIN is not valid; the check runs, and "
                                      "the VIN comparison will fail."), "warning")
        self.discard_result()
        self.messages.drop("info")  # notes on the previous result (cleared, exported, ...)
        self.model.begin_run(case)
        self.viewer.preload(case.files())
        self.panel.set_running(True)
        self.panel.set_progress(0.0, self.tr("Starting the check…"))
        self._update_banner()
        self.check.start(case, self.settings)
        return True

    def cancel_check(self) -> None:
        """Stop the running check; with none running, stop sorting added files (and the
        check waiting for it)."""
        if self.check.is_running():
            self.check.cancel()
            self.panel.set_progress(self.panel.progress.value() / 1000, self.tr("Cancelling…"))
        elif self.is_sorting():
            self.cancel_sorting()

    def _on_succeeded(self, result: CaseResult) -> None:
        if self.model.run_is_stale():
            self.model.outcome = ""
            self.model.result_case = None
            self.panel.set_progress(0.0, "")
            return
        self.model.outcome = "done"
        self.panel.set_progress(1.0, finished_text(result))
        for text, level in result_notes(result):
            self.messages.add(text, level)
        self.show_result(result, self.model.result_case)
        self._record(result)

    def _on_failed(self, exc: BaseException, _tb: str) -> None:
        if self.model.run_is_stale():
            self.model.outcome = ""
            self.panel.set_progress(0.0, "")
            return
        self.model.outcome = "failed"
        self.panel.set_progress(0.0, self.tr("The check stopped with an error."))
        self.messages.add(error_advice(self, exc))
        self._update_banner()

    def _on_cancelled(self) -> None:
        stale = self.model.run_is_stale()
        self.model.outcome = "" if stale else "cancelled"
        self.panel.set_progress(0.0, "" if stale else self.tr("Check cancelled."))
        self._update_banner()

    def _on_check_finished(self) -> None:
        self.model.running = False
        self.panel.set_running(False)
        self._sync_sorting_controls()
        self._update_banner()
        self.checkFinished.emit(self.model.outcome or "cancelled")  # "": a stale run

    # --- the result ----------------------------------------------------------------------
    def show_result(self, result: CaseResult, case: CaseInput | None) -> None:
        """Show a result (fresh or from a file / the history)."""
        self.model.set_result(result, case)

    def _result_shown(self, result: CaseResult) -> None:
        self.result_view.show_groups(result)
        self.viewer.set_evidence(result, self.groups)
        self.decisions.set_result(result)
        self.viewer.note_pages(result)
        self.viewer.refresh_files()
        if self.viewer.current_image is not None:
            self.viewer.show_image(self.viewer.current_image)
        self._update_banner()
        self.result_view.select_first_failure()
        self._sync_review_actions()

    def show_no_result(self) -> None:
        self.model.clear_result()

    def _update_banner(self) -> None:
        result = self.model.result
        self.result_view.update_banner(result, self.model.outcome, self.model.running,
                                       result is not None and self.model.is_sample())

    def verdict(self) -> Verdict | None:
        result = self.model.result
        return None if result is None else result.decided_verdict()

    # --- the selected row and decisions --------------------------------------------------
    def _entry_selected(self, key: str) -> None:
        self.decisions.show_entry(key)
        self._sync_review_actions()
        entry = self.checklist.entries.get(key) if key else None
        if entry is None:
            self.viewer.follow_selection("", None, False)
        else:
            self.viewer.follow_selection(key, entry.image, bool(entry.finding.evidence))

    def decide(self, accepted: bool, note: str | None = None) -> Decision | None:
        """Record the operator's decision on the selected review finding."""
        return self.decisions.decide(accepted, note)

    def undo_decision(self) -> bool:
        """Take back the last decision (Ctrl+Z); False when there is none."""
        if not self.decisions.undo():
            return False
        self.statusBar().showMessage(self.tr("Decision taken back."), 4000)
        return True

    def select_review(self, step: int) -> bool:
        """Select the next (``step`` 1) or previous (-1) row still awaiting review, round
        the list; False when none is left."""
        keys = self.checklist.pending_keys()
        if not keys:
            self.statusBar().showMessage(self.tr("Nothing is left to review."), 4000)
            return False
        order = [e.key for g in self.groups for e in g.entries]
        cur = self.checklist.current_key()
        pos = order.index(cur) if cur in order else (-1 if step > 0 else len(order))
        ahead = [k for k in keys if (order.index(k) - pos) * step > 0]
        target = (ahead[0] if step > 0 else ahead[-1]) if ahead else \
            (keys[0] if step > 0 else keys[-1])
        return self.checklist.select_key(target)

    def _sync_review_actions(self) -> None:
        """Enable the review actions that can act now."""
        if not hasattr(self, "act_accept"):
            return
        can_decide = self.decisions.can_decide()
        self.act_accept.setEnabled(can_decide)
        self.act_reject.setEnabled(can_decide)
        self.act_undo.setEnabled(self.decisions.can_undo())
        has_review = self.model.result is not None and bool(self.checklist.pending_keys())
        self.act_next_review.setEnabled(has_review)
        self.act_prev_review.setEnabled(has_review)

    def _decisions_changed(self, key: str) -> None:
        """Redraw the rows, banner and summary after the decisions changed; keep ``key``
        selected and save the decisions with the record."""
        result = self.model.result
        self.result_view.redraw_rows(result, key)
        self._update_banner()
        self._sync_review_actions()
        if self.model.record_id is not None:
            self.records.save_decisions(self.model.record_id, result.decisions)

    # --- records -------------------------------------------------------------------------
    def _record(self, result: CaseResult) -> None:
        if not self.record or self.model.result_case is None:
            return
        record_id = self.records.record(self.model.result_case, result)
        if record_id is not None:
            self.model.record_id = record_id

    def show_history(self) -> None:
        self.records.show_history()

    def open_record(self, case_id: int) -> bool:
        """Show a recorded case again (its result and evidence; no re-check)."""
        read = self.records.read_case(case_id)
        if read is None:
            return False
        case, result = read
        self.new_case(case)
        self.model.record_id = int(case_id)
        missing = [f for f in case.files() if not Path(f).exists()]
        if missing:
            self.messages.add(self.tr("{n} file(s) of this record are no longer where they "
                                      "were; their images cannot be shown.").format(
                n=len(missing)), "warning")
        self.show_result(result, case)
        return True

    def show_image(self, image: tuple[str, int]) -> None:
        self.viewer.show_image(image)

    def image_pending(self) -> bool:
        return self.viewer.image_pending()

    def open_sample(self, run: bool = True) -> bool:
        path = case_model.sample_case_file()
        if path is None:
            self.messages.add(self.tr("The bundled sample case is not installed."), "warning")
            return False
        return self.open_case_file(str(path), run=run)

    def first_start(self) -> None:
        """On the very first start, open the bundled sample case."""
        if self.state.first_run_done:
            return
        self.state.first_run_done = True
        save_state(self.state)
        self.ensure_operator()  # asked once here, kept in the settings
        self.open_sample(run=True)

    def settings_dialog(self) -> None:
        from vincheck.gui.settings_dialog import SettingsDialog

        dlg = SettingsDialog(self.settings, self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        new = dlg.result_settings()
        if new == self.settings:
            return  # nothing changed: the settings file is left as it is
        lang_changed = new.language != self.settings.language
        db_changed = new.database_path != self.settings.database_path
        pixels_changed = new.max_image_pixels != self.settings.max_image_pixels
        self.settings = new
        self._save_settings()
        if pixels_changed and not self._custom_loader:
            self.viewer.set_load_function(default_load_function(new.max_image_pixels))
        if db_changed:
            self.records.database_changed()
        if lang_changed:  # as from the menu: also the messages of the old language go
            self.switch_language(new.language)
        else:
            self.retranslate()

    def _save_settings(self) -> None:
        try:
            save_settings(self.settings)
        except OSError as exc:
            self.messages.add(self.tr("The settings could not be saved: {reason}").format(
                reason=exc))

    def about(self) -> None:
        from vincheck import __version__

        QMessageBox.about(self, self.tr("About vincheck"), self.tr(
            "vincheck {v}\nChecks VIN rubbings (Annex 2) and exterior vehicle photos "
            "(Annex 1) of the MIIT/MPS registration notice.").format(v=__version__))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        self.remember_placement()
        self.check.stop()
        self.sorter.shutdown()
        self.certificate_reader.shutdown()
        if getattr(self, "scan_dialog", None) is not None:
            self.scan_dialog.shutdown()
        self.viewer.shutdown()
        self.records.close()
        super().closeEvent(event)




def _load_settings_safely() -> tuple[Settings, str]:
    """The saved settings and, when values had to be reset, a message saying which (in
    the settings' language)."""
    try:
        load = load_settings_checked()
    except VincheckError as exc:
        return Settings(), str(exc)
    return load.settings, load.message(load.settings.language)

