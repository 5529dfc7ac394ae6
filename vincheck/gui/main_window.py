"""The main window: one inspection case, from files to verdict.

Left: the case (expected VIN, kind, colour, files, check / cancel, progress). Centre: the
image with evidence drawn over it. Right: the verdict banner, messages, the checklist
and the operator's decision on a selected ``review`` finding.

The window is composed of parts that own their state and talk through Qt signals (listed
in :mod:`vincheck.gui`); this module builds them, lays them out and connects them
(:meth:`MainWindow._connect_parts`), and keeps the window's own concerns: language,
what follows a change of the settings (kept by
:class:`~vincheck.gui.settings_flow.SettingsFlow`, with the operator's name), start-up and
closing. The check's runner is injectable
(default :func:`vincheck.inspection.run_case`). Every text of the window keeps the
translation context ``MainWindow``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QWidget,
)

from vincheck.findings import Verdict
from vincheck.gui import case_model
from vincheck.gui.case_flow import CaseFlow, FlowParts
from vincheck.gui.case_model import CaseModel
from vincheck.gui.case_panel import CasePanel
from vincheck.gui.check_run import CheckRun
from vincheck.gui.decisions import DecisionPanel
from vincheck.gui.field_shortcuts import WindowShortcutsFirst
from vincheck.gui.file_intake import FileIntake, scan_folder
from vincheck.gui.i18n import set_language
from vincheck.gui.image_loader import LoadFunction, default_load_function
from vincheck.gui.judging_settings import judging_key
from vincheck.gui.message_bar import MessageBar
from vincheck.gui.placement import WindowPlacement
from vincheck.gui.records import Records, StoreFactory
from vincheck.gui.report_files import ReportFiles
from vincheck.gui.result_flow import ResultFlow, ResultParts, progress_line
from vincheck.gui.result_view import ResultView
from vincheck.gui.settings_flow import SettingsFlow
from vincheck.gui.state import GuiState, load_state, save_state
from vincheck.gui.viewer import ImageBrowser
from vincheck.gui.window_menus import WindowMenus
from vincheck.gui.worker import Runner
from vincheck.inspection import CaseInput
from vincheck.settings import Settings


class MainWindow(QMainWindow):
    """The inspection window. ``runner`` has the signature of ``run_case``; ``record``
    False keeps finished checks out of the records store (screenshots, tests);
    ``load_image`` replaces how image files are decoded for display (tests: a slow or
    failing loader); it runs in a worker thread."""

    checkFinished = Signal(str)  # "done" | "failed" | "cancelled"
    imageShown = Signal(str, int)  # file, page: the image is on screen (after its load)
    filesSorted = Signal(int)  # added files are sorted (or sorting stopped): how many added

    def __init__(self, runner: Runner | None = None, settings: Settings | None = None,
                 record: bool = True, store_factory: StoreFactory | None = None,
                 parent: QWidget | None = None,
                 load_image: LoadFunction | None = None) -> None:
        super().__init__(parent)
        if runner is None:
            from vincheck.inspection import run_case

            runner = run_case
        self.prefs = SettingsFlow(settings, lambda: self.ask_operator_name(), self)
        settings = self.prefs.settings  # self.prefs.settings from here on
        self.record = record
        self.state: GuiState = load_state()
        self._custom_loader = load_image is not None
        self.setAcceptDrops(True)
        self._build_parts(runner, store_factory,
                          load_image or default_load_function(settings.max_image_pixels))
        self._connect_parts()
        self.menus = WindowMenus(self, self._action_handlers(), lambda: self.state.recent)
        self.menus.recentChosen.connect(self.flow.open_case_file)
        WindowShortcutsFirst(self).install()  # Ctrl+E etc. also from a text field (X11)
        self.retranslate()
        self.model.clear_result()
        self.placement.fit_to_screen()
        if self.prefs.load_note:
            self.messages.add(self.prefs.load_note, "warning", sticky=True)  # past a case

    def _build_parts(self, runner: Runner, store_factory: StoreFactory | None,
                     load_image: LoadFunction) -> None:
        self.panel = CasePanel()
        self.panel.setMinimumWidth(230)
        self.model = CaseModel(self.panel.case_input, self,
                               judging=lambda: judging_key(self.prefs.settings))
        self.check = CheckRun(runner, self)
        self.records = Records(lambda: self.prefs.settings, store_factory, self)
        self.intake = FileIntake(lambda: scan_folder(self.model.case_path), self)
        self.messages = MessageBar()
        self.result_view = ResultView(self.messages)
        checklist = self.result_view.checklist
        self.viewer = ImageBrowser(load_image, self.panel.files, checklist.current_key)
        self.decisions = DecisionPanel(checklist, lambda: self.prefs.settings.operator)
        self.result_view.add_below(self.decisions)
        self.reports = ReportFiles(self.model, lambda: bool(self.panel.files()),
                                   lambda: self.prefs.settings,
                                   lambda: self.records.meta_if_open(self.model.record_id),
                                   self.prefs.ensure_operator, self)
        self.flow = CaseFlow(FlowParts(self.model, self.panel, self.intake, self.check,
                                       self.viewer, self.messages, lambda: self.prefs.settings,
                                       self.prefs.ensure_operator, lambda: self.record), self)
        self.results = ResultFlow(ResultParts(self.model, self.panel, self.result_view,
                                              self.viewer, self.decisions, self.records,
                                              self.messages, lambda: self.record), self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for i, part in enumerate((self.panel, self.viewer, self.result_view)):
            self.splitter.addWidget(part)
            self.splitter.setStretchFactor(i, 1 if part is self.viewer else 0)
        self.splitter.setSizes([250, 506, 610])
        self.setCentralWidget(self.splitter)
        self.placement = WindowPlacement(self, self.splitter, self.state)
        self.status_zoom = QLabel()
        self.statusBar().addPermanentWidget(self.status_zoom)

    def _connect_parts(self) -> None:
        """Every part talks to the others through these connections."""
        self.panel.fileActivated.connect(lambda p: self.viewer.show_image((p, 0)))
        self.panel.filesChanged.connect(self.viewer.refresh_files)
        self.panel.inputsChanged.connect(self.model.inputs_changed)
        self.model.fileChanged.connect(self.viewer.file_changed)  # before the result goes
        self.panel.checkRequested.connect(self.flow.start_check)
        self.panel.cancelRequested.connect(self.flow.cancel_check)
        self.panel.addRequested.connect(self.flow.open_files_dialog)
        self.panel.scanRequested.connect(self.intake.scan_pages_dialog)
        self.panel.certificateAdded.connect(self.flow.read_certificate)
        self.model.staleCleared.connect(lambda: self.messages.add(self.tr(
            "The case was changed, so its result was cleared. Press F5 to check it "
            "again."), "info"))
        self.flow.filesSorted.connect(self.filesSorted)
        self.flow.checkFinished.connect(self.checkFinished)
        self.flow.resultReady.connect(self.model.set_result)
        self.flow.recordResult.connect(self.results.record)
        self.flow.bannerChanged.connect(self.results.update_banner)
        self.flow.status.connect(self._status)
        self.flow.caseFileOpened.connect(self._remember_case_file)
        self.results.status.connect(self._status)
        self.results.reviewActions.connect(self._review_actions)
        self.viewer.imageShown.connect(self.imageShown)
        self.viewer.fileShown.connect(self.panel.select_file)
        self.viewer.problem.connect(lambda msg: self.messages.add(msg))
        self.records.problem.connect(self.messages.add)
        self.records.recordOpened.connect(self.open_record)
        self.reports.note.connect(self.messages.add)
        self.reports.noteWithdrawn.connect(self.messages.withdraw)
        self.reports.status.connect(self._status)
        self.reports.saved.connect(self._remember_case_file)
        self.prefs.changed.connect(self._settings_changed)
        self.prefs.note.connect(self.messages.add)
        self.prefs.operatorNamed.connect(lambda: self.status_zoom.setText(
            self.prefs.operator_text()))

    def _action_handlers(self) -> dict[str, Any]:
        v = self.viewer
        return {"new": self.next_vehicle, "open": self.flow.open_files_dialog,
                "scan": self.intake.scan_pages_dialog, "open_case": self.flow.open_case_dialog,
                "sample": lambda: self.open_sample(run=True), "save": self.reports.save_dialog,
                "export": self.reports.export_dialog, "print": self.reports.print_preview,
                "print_direct": self.reports.print_report, "quit": self.close,
                "check": self.flow.start_check, "cancel": self.flow.cancel_check,
                "next": lambda: v.step_image(1), "prev": lambda: v.step_image(-1),
                "zoom_in": v.view.zoom_in, "zoom_out": v.view.zoom_out, "fit": v.view.fit,
                "one": v.view.actual_size, "next_review": lambda: self.results.select_review(1),
                "prev_review": lambda: self.results.select_review(-1),
                "accept": lambda: self.decisions.decide(True),
                "reject": lambda: self.decisions.decide(False),
                "undo": self.results.undo_decision, "history": self.records.show_history,
                "settings": self.prefs.open_dialog,
                "lang_zh": lambda: self.switch_language("zh_CN"),
                "lang_en": lambda: self.switch_language("en"), "about": self.about}

    def _status(self, text: str, ms: int) -> None:
        if text:
            self.statusBar().showMessage(text, ms)
        else:
            self.statusBar().clearMessage()

    # --- files and cases (the flow does the work) ------------------------------------------
    def _remember_case_file(self, path: object) -> None:
        self.state.add_recent(path)  # type: ignore[arg-type]
        save_state(self.state)

    def next_vehicle(self) -> None:
        """Start an empty case for the next vehicle (Ctrl+N): files, VIN, kind, colour,
        DPI, verdict, evidence and messages are cleared; the VIN field gets the focus."""
        self.flow.new_case(CaseInput())
        self.statusBar().showMessage(self.tr("New case: enter the VIN from the certificate "
                                             "and add the files."), 5000)
        self.panel.vin_edit.setFocus()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt API)
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802, ANN001 (Qt API)
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt API)
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.flow.add_paths(paths, auto_check=True)

    # --- the result -----------------------------------------------------------------------
    def verdict(self) -> Verdict | None:
        result = self.model.result
        return None if result is None else result.decided_verdict()

    def open_record(self, case_id: int) -> bool:
        """Show a recorded case again (its result and evidence; no re-check)."""
        read = self.records.read_case(case_id)
        if read is None:
            return False
        case, result = read
        self.flow.new_case(case)
        self.model.record_id = int(case_id)
        self.results.note_missing_files(case.files())
        self.model.set_result(result, case)
        return True


    # --- language ------------------------------------------------------------------------
    def retranslate(self) -> None:
        """(Re)set every visible text in the current language."""
        self.setWindowTitle(self.tr("vincheck — VIN rubbing and vehicle photo check"))
        self.menus.retranslate()
        self.viewer.retranslate()
        self.decisions.retranslate()
        self.panel.retranslate()
        self.result_view.checklist.retranslate()
        self.results.regroup()  # group titles and rows are built in the language
        self.viewer.retranslate_pages()
        self.results.update_banner()
        result = self.model.result
        if not self.model.running and self.model.outcome == "done" and result is not None:
            self.panel.set_progress(1.0, progress_line(self.model))
        self.results.entry_selected(self.result_view.checklist.current_key())
        self.status_zoom.setText(self.prefs.operator_text())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        self.placement.state_changed(event)
        super().changeEvent(event)

    def switch_language(self, language: str) -> None:
        """Switch the language now and keep it in the settings."""
        set_language(language)
        self.statusBar().clearMessage()  # a passing note in the old language
        if not self.model.running:  # the progress line, in the new language
            result = self.model.result
            done = result is not None and self.model.outcome == "done"
            self.panel.set_progress(1.0 if done else 0.0,
                                    progress_line(self.model) if done else "")
        self.messages.clear_messages(keep_sticky=False)  # all in the old language
        self.retranslate()
        self.viewer.draw_overlays()  # evidence labels on the image, in the new language
        if self.prefs.settings.language != language:
            self.prefs.settings.language = language
            self.prefs.save()

    def _review_actions(self, can_decide: bool, can_undo: bool, has_review: bool) -> None:
        """Enable the review actions that can act now."""
        if getattr(self, "menus", None) is not None:
            self.menus.set_review_enabled(can_decide, can_undo, has_review)

    # --- the operator, settings, start-up and closing -------------------------------------
    def ask_operator_name(self) -> str:
        """Ask the operator for their name (a dialog; tests replace this method)."""
        name, ok = QInputDialog.getText(
            self, self.tr("Operator"), self.tr("Your name as operator (kept in the settings; "
                                               "it goes on every record and report):"),
            QLineEdit.EchoMode.Normal, self.prefs.settings.operator)
        return name if ok else ""

    def open_sample(self, run: bool = True) -> bool:
        path = case_model.sample_case_file()
        if path is None:
            self.messages.add(self.tr("The bundled sample case is not installed."), "warning")
            return False
        return self.flow.open_case_file(str(path), run=run)

    def first_start(self) -> None:
        """On the very first start, open the bundled sample case."""
        if self.state.first_run_done:
            return
        self.state.first_run_done = True
        save_state(self.state)
        self.prefs.ensure_operator()  # asked once here, kept in the settings
        self.open_sample(run=True)

    def _settings_changed(self, old: Settings, new: Settings) -> None:
        """The settings dialog changed the settings: the parts follow."""
        if new.max_image_pixels != old.max_image_pixels and not self._custom_loader:
            self.viewer.set_load_function(default_load_function(new.max_image_pixels))
        if new.database_path != old.database_path:
            self.records.database_changed()
        if new.language != old.language:  # as from the menu: messages of the old one go
            self.switch_language(new.language)
        else:
            self.retranslate()
        self.results.settings_changed()  # a result under other judging settings: stale

    def about(self) -> None:
        from vincheck import __version__

        QMessageBox.about(self, self.tr("About vincheck"), self.tr(
            "vincheck {v}\nChecks VIN rubbings (Annex 2) and exterior vehicle photos "
            "(Annex 1) of the MIIT/MPS registration notice.").format(v=__version__))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        self.placement.remember_placement()
        self.model.stop_watching()
        self.check.stop()
        self.intake.shutdown()
        self.viewer.shutdown()
        self.records.close()
        super().closeEvent(event)
