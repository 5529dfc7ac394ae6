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

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from vincheck.errors import VincheckError
from vincheck.findings import CaseResult
from vincheck.gui import case_model
from vincheck.gui.case_model import sample_case_file
from vincheck.gui.case_panel import CasePanel
from vincheck.gui.checklist import Checklist, Group
from vincheck.gui.decisions import DecisionPanel
from vincheck.gui.field_shortcuts import WindowShortcutsFirst
from vincheck.gui.image_loader import ImageLoader, LoadFunction, default_load_function
from vincheck.gui.image_view import ImageView
from vincheck.gui.message_bar import CappedLabelArea, MessageBar
from vincheck.gui.placement import WindowPlacementMixin
from vincheck.gui.records import Records
from vincheck.gui.state import GuiState, load_state, save_state
from vincheck.gui.viewer import IMAGE_CACHE, ImageBrowser
from vincheck.gui.window_actions import ActionsMixin
from vincheck.gui.window_case import CaseLifecycleMixin
from vincheck.gui.window_checking import CheckFlowMixin, error_advice
from vincheck.gui.window_export import SaveExportMixin
from vincheck.gui.window_intake import IMAGE_SUFFIXES, FileIntakeMixin
from vincheck.gui.window_result import ResultMixin
from vincheck.gui.window_review import ReviewMixin
from vincheck.gui.worker import CheckThread, Runner
from vincheck.inspection import CaseInput
from vincheck.settings import Settings, load_settings_checked, save_settings

__all__ = ["IMAGE_CACHE", "IMAGE_SUFFIXES", "MainWindow", "MessageBar", "error_advice",
           "sample_case_file"]

SUMMARY_MAX_HEIGHT = 96  # px: the verdict's summary lines scroll beyond this


class MainWindow(ActionsMixin, CaseLifecycleMixin, FileIntakeMixin,
                 CheckFlowMixin, ResultMixin, ReviewMixin, SaveExportMixin,
                 WindowPlacementMixin, QMainWindow):
    """The inspection window. ``runner`` has the signature of ``run_case``; ``record``
    False keeps finished checks out of the records store (screenshots, tests);
    ``load_image`` replaces how image files are decoded for display (tests: a slow or
    failing loader); it runs in a worker thread."""

    checkFinished = Signal(str)  # "done" | "failed" | "cancelled"
    imageShown = Signal(str, int)  # file, page: the image is on screen (after its load)
    filesSorted = Signal(int)  # added files are sorted (or sorting stopped): how many added

    def __init__(self, runner: Runner | None = None, settings: Settings | None = None,
                 record: bool = True, store_factory: Callable[[Settings], Any] | None = None,
                 parent: QWidget | None = None,
                 load_image: LoadFunction | None = None) -> None:
        super().__init__(parent)
        # the state below is shared with the mixins (vincheck/gui/window_*.py)
        if runner is None:
            from vincheck.inspection import run_case

            runner = run_case
        self.runner = runner
        self._settings_note = ""  # what the settings loader had to reset (shown below)
        if settings is None:
            settings, self._settings_note = _load_settings_safely()
        self.settings = settings
        self.record = record
        self.records = Records(lambda: self.settings, store_factory, self)
        self.records.problem.connect(self.messages_add)
        self.records.recordOpened.connect(self.open_record)
        self.state: GuiState = load_state()
        self.case_path: Path | None = None
        self.result: CaseResult | None = None
        self.result_case: CaseInput | None = None
        self.record_id: int | None = None
        self.groups: list[Group] = []
        self.thread: CheckThread | None = None
        self.last_outcome = ""
        self.last_exception: BaseException | None = None
        self.last_traceback = ""
        self._custom_loader = load_image is not None
        self._load_image = load_image or default_load_function(self.settings.max_image_pixels)
        self._run_key: tuple | None = None  # the inputs the running check was started with
        self._init_intake()

        self.setAcceptDrops(True)
        self._build_ui()
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
        self.panel.inputsChanged.connect(self._case_inputs_changed)
        self.panel.checkRequested.connect(self.start_check)
        self.panel.cancelRequested.connect(self.cancel_check)
        self.panel.addRequested.connect(self.open_files_dialog)
        self.panel.scanRequested.connect(self.scan_pages_dialog)
        self.panel.certificateAdded.connect(self.read_certificate)

        self.viewer = ImageBrowser(self._load_image, self.panel.files,
                                   lambda: self.checklist.current_key())
        self.viewer.imageShown.connect(self.imageShown)
        self.viewer.fileShown.connect(self.panel.select_file)
        self.viewer.problem.connect(lambda msg: self.messages.add(msg))
        self.panel.fileActivated.connect(lambda p: self.viewer.show_image((p, 0)))
        self.panel.filesChanged.connect(self.viewer.refresh_files)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(4, 4, 4, 4)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.banner.setMinimumHeight(56)
        rl.addWidget(self.banner)
        self.banner_detail = QLabel()
        self.banner_detail.setWordWrap(True)
        self.banner_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary_area = CappedLabelArea(self.banner_detail, SUMMARY_MAX_HEIGHT)
        rl.addWidget(self.summary_area)
        self.messages = MessageBar()
        rl.addWidget(self.messages)
        self.checklist = Checklist()
        self.checklist.entrySelected.connect(self._entry_selected)
        rl.addWidget(self.checklist, 1)
        self.decisions = DecisionPanel(self.checklist, lambda: self.settings.operator)
        self.decisions.decisionsChanged.connect(self._decisions_changed)
        rl.addWidget(self.decisions)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.panel)
        self.splitter.addWidget(self.viewer)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([250, 506, 610])
        self.setCentralWidget(self.splitter)
        self.status_zoom = QLabel()
        self.statusBar().addPermanentWidget(self.status_zoom)

    # --- the viewer's public side, as the window's (app, tests) ---------------------------
    @property
    def view(self) -> ImageView:
        return self.viewer.view

    @property
    def legend(self) -> QLabel:
        return self.viewer.legend

    @property
    def image_combo(self) -> QComboBox:
        return self.viewer.image_combo

    @property
    def images(self) -> list[tuple[str, int]]:
        return self.viewer.images

    @property
    def current_image(self) -> tuple[str, int] | None:
        return self.viewer.current_image

    @property
    def loader(self) -> ImageLoader:
        return self.viewer.loader

    # --- the decision panel's widgets, as the window's (tests) ---------------------------
    @property
    def detail(self) -> QLabel:
        return self.decisions.detail

    @property
    def note_edit(self) -> QLineEdit:
        return self.decisions.note_edit

    @property
    def accept_button(self) -> QPushButton:
        return self.decisions.accept_button

    @property
    def reject_button(self) -> QPushButton:
        return self.decisions.reject_button

    def show_image(self, image: tuple[str, int]) -> None:
        self.viewer.show_image(image)

    def step_image(self, delta: int) -> None:
        self.viewer.step_image(delta)

    def image_pending(self) -> bool:
        return self.viewer.image_pending()

    def messages_add(self, text: str, level: str = "error") -> None:
        """A part's message for the message bar."""
        self.messages.add(text, level)

    # --- records ------------------------------------------------------------------------
    def _record(self, result: CaseResult) -> None:
        if not self.record or self.result_case is None:
            return
        record_id = self.records.record(self.result_case, result)
        if record_id is not None:
            self.record_id = record_id

    def show_history(self) -> None:
        self.records.show_history()

    def open_record(self, case_id: int) -> bool:
        """Show a recorded case again (its result and evidence; no re-check)."""
        read = self.records.read_case(case_id)
        if read is None:
            return False
        case, result = read
        self.new_case(case)
        self.record_id = int(case_id)
        missing = [f for f in case.files() if not Path(f).exists()]
        if missing:
            self.messages.add(self.tr("{n} file(s) of this record are no longer where they "
                                      "were; their images cannot be shown.").format(
                n=len(missing)), "warning")
        self.show_result(result, case)
        return True

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
        if self.thread is not None:
            self.thread.cancel()
            self.thread.wait(5000)
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

