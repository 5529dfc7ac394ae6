"""The main window: one inspection case, from files to verdict.

Left: the case (expected VIN, kind, colour, files, check / cancel, progress). Centre: the
image with evidence drawn over it. Right: the verdict banner, messages, the checklist
and the operator's decision on a selected ``review`` finding.

The check runs in a :class:`~vincheck.gui.worker.CheckThread`; the runner is injectable
(default :func:`vincheck.inspection.run_case`). Every finished check is recorded in the
records store when it is available.
"""

from __future__ import annotations

import html
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QImage,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from vincheck.errors import InputFileError, OcrEngineError, VincheckError
from vincheck.findings import CaseResult, Decision, Finding, Status, Verdict
from vincheck.gui import texts
from vincheck.gui.case_panel import CasePanel
from vincheck.gui.checklist import Checklist, Group, base_overlays, build_groups, evidence_overlays
from vincheck.gui.i18n import current_language, set_language
from vincheck.gui.image_loader import CACHE_FILES, ImageLoader, LoadFunction, default_load_function
from vincheck.gui.image_view import ImageView
from vincheck.gui.state import GuiState, load_state, save_state
from vincheck.gui.style import VERDICT_COLOURS
from vincheck.gui.worker import CheckThread, Runner
from vincheck.inspection import CaseInput
from vincheck.settings import Settings, load_settings, save_settings

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"}
IMAGE_CACHE = CACHE_FILES  # files whose decoded pages are kept in memory


def sample_case_file() -> Path | None:
    """The bundled sample case, or None when it is not installed."""
    try:
        from vincheck.case_io import sample_case_path

        return sample_case_path()
    except (ImportError, VincheckError):
        return None


class MessageBar(QLabel):
    """Messages for the operator (errors with what to do), newest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.messages: list[tuple[str, str]] = []  # (level, text)
        self.setVisible(False)

    def add(self, text: str, level: str = "error") -> None:
        self.messages.insert(0, (level, text))
        del self.messages[5:]
        self._render()

    def clear_messages(self) -> None:
        self.messages.clear()
        self._render()

    def text_plain(self) -> str:
        return "\n".join(t for _, t in self.messages)

    def _render(self) -> None:
        colours = {"error": "#c62828", "warning": "#ef8f00", "info": "#1565c0"}
        parts = [f'<div style="color:{colours.get(lv, "#333")}; margin-bottom:4px">'
                 f'{html.escape(t).replace(chr(10), "<br>")}</div>' for lv, t in self.messages]
        self.setText("".join(parts))
        self.setVisible(bool(self.messages))
        self.setStyleSheet("QLabel { background: #fff8e1; border: 1px solid #e0c060; "
                           "padding: 4px; }")


class MainWindow(QMainWindow):
    """The inspection window. ``runner`` has the signature of ``run_case``; ``record``
    False keeps finished checks out of the records store (screenshots, tests);
    ``load_image`` replaces how image files are decoded for display (tests: a slow or
    failing loader); it runs in a worker thread."""

    checkFinished = Signal(str)  # "done" | "failed" | "cancelled"
    imageShown = Signal(str, int)  # file, page: the image is on screen (after its load)

    def __init__(self, runner: Runner | None = None, settings: Settings | None = None,
                 record: bool = True, store_factory: Callable[[Settings], Any] | None = None,
                 parent: QWidget | None = None,
                 load_image: LoadFunction | None = None) -> None:
        super().__init__(parent)
        if runner is None:
            from vincheck.inspection import run_case

            runner = run_case
        self.runner = runner
        self.settings = settings if settings is not None else _load_settings_safely()
        self.record = record
        self.store_factory = store_factory
        self._store: Any = None
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
        self.images: list[tuple[str, int]] = []
        self.current_image: tuple[str, int] | None = None
        self._custom_loader = load_image is not None
        self.loader = ImageLoader(
            load_image or default_load_function(self.settings.max_image_pixels),
            IMAGE_CACHE, self)
        self.loader.loaded.connect(self._on_image_loaded)
        self.loader.failed.connect(self._on_image_failed)
        self._image_error: tuple[str, str] | None = None  # (file, reason) shown in the view
        self._centre_on_load = False
        self._page_counts: dict[str, int] = {}
        self._history_dialog: QDialog | None = None

        self.setAcceptDrops(True)
        self.resize(1366, 768)
        self._build_ui()
        self._build_actions()
        self.retranslate()
        self.show_no_result()

    # ==================================================================================
    # layout
    def _build_ui(self) -> None:
        self.panel = CasePanel()
        self.panel.setMinimumWidth(230)
        self.panel.fileActivated.connect(lambda p: self.show_image((p, 0)))
        self.panel.filesChanged.connect(self._files_changed)
        self.panel.checkRequested.connect(self.start_check)
        self.panel.cancelRequested.connect(self.cancel_check)
        self.panel.addRequested.connect(self.open_files_dialog)

        centre = QWidget()
        cl = QVBoxLayout(centre)
        cl.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.image_combo = QComboBox()
        self.image_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.image_combo.setMinimumContentsLength(16)
        self.image_combo.activated.connect(self._image_chosen)
        bar.addWidget(self.image_combo, 1)
        self.zoom_buttons: dict[str, QToolButton] = {}
        for name in ("prev", "next", "zoom_out", "zoom_in", "fit", "one"):
            b = QToolButton()
            b.setAutoRaise(True)
            self.zoom_buttons[name] = b
            bar.addWidget(b)
        self.zoom_label = QLabel("")
        self.zoom_label.setMinimumWidth(44)
        bar.addWidget(self.zoom_label)
        cl.addLayout(bar)
        self.view = ImageView()
        self.view.zoomChanged.connect(lambda s: self.zoom_label.setText(f"{s * 100:.0f}%"))
        cl.addWidget(self.view, 1)
        self.empty_hint = QLabel()
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet("color: #888; font-size: 14px;")
        cl.addWidget(self.empty_hint)

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
        rl.addWidget(self.banner_detail)
        self.messages = MessageBar()
        rl.addWidget(self.messages)
        self.checklist = Checklist()
        self.checklist.entrySelected.connect(self._entry_selected)
        rl.addWidget(self.checklist, 1)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(34)
        rl.addWidget(self.detail)
        drow = QHBoxLayout()
        self.note_edit = QLineEdit()
        self.accept_button = QPushButton()
        self.reject_button = QPushButton()
        self.accept_button.clicked.connect(lambda: self.decide(True))
        self.reject_button.clicked.connect(lambda: self.decide(False))
        drow.addWidget(self.note_edit, 1)
        drow.addWidget(self.accept_button)
        drow.addWidget(self.reject_button)
        rl.addLayout(drow)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.panel)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([250, 506, 610])
        self.setCentralWidget(self.splitter)
        self.status_zoom = QLabel()
        self.statusBar().addPermanentWidget(self.status_zoom)
        self._set_decision_enabled(False)

    def _build_actions(self) -> None:
        A = QAction  # noqa: N806
        self.act_open = A(self)
        self.act_open.setShortcut(QKeySequence.StandardKey.Open)
        self.act_open.triggered.connect(self.open_files_dialog)
        self.act_open_case = A(self)
        self.act_open_case.triggered.connect(self.open_case_dialog)
        self.act_sample = A(self)
        self.act_sample.triggered.connect(lambda: self.open_sample(run=True))
        self.act_save = A(self)
        self.act_save.setShortcut(QKeySequence.StandardKey.Save)
        self.act_save.triggered.connect(self.save_dialog)
        self.act_export = A(self)
        self.act_export.setShortcut(QKeySequence("Ctrl+E"))
        self.act_export.triggered.connect(self.export_dialog)
        self.act_quit = A(self)
        self.act_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.act_quit.triggered.connect(self.close)
        self.act_check = A(self)
        self.act_check.setShortcut(QKeySequence("F5"))
        self.act_check.triggered.connect(self.start_check)
        self.act_cancel = A(self)
        self.act_cancel.setShortcut(QKeySequence("Esc"))
        self.act_cancel.triggered.connect(self.cancel_check)
        self.act_next = A(self)
        self.act_next.setShortcut(QKeySequence("Ctrl+PgDown"))
        self.act_next.triggered.connect(lambda: self.step_image(1))
        self.act_prev = A(self)
        self.act_prev.setShortcut(QKeySequence("Ctrl+PgUp"))
        self.act_prev.triggered.connect(lambda: self.step_image(-1))
        self.act_zoom_in = A(self)
        self.act_zoom_in.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++"),
                                       QKeySequence(QKeySequence.StandardKey.ZoomIn)])
        self.act_zoom_in.triggered.connect(self.view.zoom_in)
        self.act_zoom_out = A(self)
        self.act_zoom_out.setShortcuts([QKeySequence("Ctrl+-"),
                                        QKeySequence(QKeySequence.StandardKey.ZoomOut)])
        self.act_zoom_out.triggered.connect(self.view.zoom_out)
        self.act_fit = A(self)
        self.act_fit.setShortcut(QKeySequence("Ctrl+0"))
        self.act_fit.triggered.connect(self.view.fit)
        self.act_one = A(self)
        self.act_one.setShortcut(QKeySequence("Ctrl+1"))
        self.act_one.triggered.connect(self.view.actual_size)
        self.act_history = A(self)
        self.act_history.setShortcut(QKeySequence("Ctrl+H"))
        self.act_history.triggered.connect(self.show_history)
        self.act_settings = A(self)
        self.act_settings.setShortcut(QKeySequence.StandardKey.Preferences)
        self.act_settings.triggered.connect(self.settings_dialog)
        self.act_lang_zh = A(self)
        self.act_lang_zh.setCheckable(True)
        self.act_lang_zh.triggered.connect(lambda: self.switch_language("zh_CN"))
        self.act_lang_en = A(self)
        self.act_lang_en.setCheckable(True)
        self.act_lang_en.triggered.connect(lambda: self.switch_language("en"))
        self.act_about = A(self)
        self.act_about.triggered.connect(self.about)

        for name, act in (("prev", self.act_prev), ("next", self.act_next),
                          ("zoom_out", self.act_zoom_out), ("zoom_in", self.act_zoom_in),
                          ("fit", self.act_fit), ("one", self.act_one)):
            self.zoom_buttons[name].setDefaultAction(act)

        mb = self.menuBar()
        self.menu_file = mb.addMenu("")
        self.menu_file.addActions([self.act_open, self.act_open_case, self.act_sample])
        self.menu_recent = self.menu_file.addMenu("")
        self.menu_recent.aboutToShow.connect(self._fill_recent)
        self.menu_file.addSeparator()
        self.menu_file.addActions([self.act_save, self.act_export])
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_check = mb.addMenu("")
        self.menu_check.addActions([self.act_check, self.act_cancel])
        self.menu_view = mb.addMenu("")
        self.menu_view.addActions([self.act_prev, self.act_next])
        self.menu_view.addSeparator()
        self.menu_view.addActions([self.act_zoom_in, self.act_zoom_out, self.act_fit,
                                   self.act_one])
        self.menu_view.addSeparator()
        self.menu_view.addAction(self.act_history)
        self.menu_settings = mb.addMenu("")
        self.menu_settings.addAction(self.act_settings)
        self.menu_lang = self.menu_settings.addMenu("")
        self.menu_lang.addActions([self.act_lang_zh, self.act_lang_en])
        self.menu_help = mb.addMenu("")
        self.menu_help.addAction(self.act_about)
        for act in (self.act_cancel,):
            self.addAction(act)

    # ==================================================================================
    # language
    def retranslate(self) -> None:
        """(Re)set every visible text in the current language."""
        self.setWindowTitle(self.tr("vincheck — VIN rubbing and vehicle photo check"))
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_recent.setTitle(self.tr("Recent cases"))
        self.menu_check.setTitle(self.tr("&Check"))
        self.menu_view.setTitle(self.tr("&View"))
        self.menu_settings.setTitle(self.tr("&Settings"))
        self.menu_lang.setTitle(self.tr("Language"))
        self.menu_help.setTitle(self.tr("&Help"))
        self.act_open.setText(self.tr("&Open files…"))
        self.act_open_case.setText(self.tr("Open &case file…"))
        self.act_sample.setText(self.tr("Open the &sample case"))
        self.act_save.setText(self.tr("&Save case and result…"))
        self.act_export.setText(self.tr("&Export PDF report…"))
        self.act_quit.setText(self.tr("&Quit"))
        self.act_check.setText(self.tr("&Run the check"))
        self.act_cancel.setText(self.tr("&Cancel the check"))
        self.act_next.setText(self.tr("&Next image"))
        self.act_prev.setText(self.tr("&Previous image"))
        self.act_zoom_in.setText(self.tr("Zoom &in"))
        self.act_zoom_out.setText(self.tr("Zoom &out"))
        self.act_fit.setText(self.tr("&Fit to window"))
        self.act_one.setText(self.tr("&Actual pixels (1:1)"))
        self.act_history.setText(self.tr("&History…"))
        self.act_settings.setText(self.tr("&Settings…"))
        self.act_lang_zh.setText("简体中文")
        self.act_lang_en.setText("English")
        self.act_about.setText(self.tr("&About vincheck"))
        lang = current_language()
        self.act_lang_zh.setChecked(lang == "zh_CN")
        self.act_lang_en.setChecked(lang == "en")
        for name, sym in (("prev", "◀"), ("next", "▶"), ("zoom_out", "−"), ("zoom_in", "+"),
                          ("fit", "⤢"), ("one", "1:1")):
            self.zoom_buttons[name].setText(sym)
        self.note_edit.setPlaceholderText(self.tr("Note for the decision (optional)"))
        self.accept_button.setText(self.tr("Accept"))
        self.reject_button.setText(self.tr("Reject"))
        self.empty_hint.setText(self.tr("Drop rubbing scans and vehicle photos here, or use "
                                        "File ▸ Open (Ctrl+O)."))
        self.panel.retranslate()
        self.checklist.retranslate()
        if self.result is not None:  # group titles and rows are built in the language
            key = self.checklist.current_key()
            self.groups = build_groups(self.result)
            self.checklist.show_groups(self.groups, self.result.decisions)
            if key:
                self.checklist.select_key(key)
        self._fill_image_combo()
        if self.view.placeholder_text():
            self.view.set_placeholder(self._image_error_text() if self._image_error else
                                      self._loading_text(self.current_image[0])
                                      if self.current_image else "")
        self._update_banner()
        self._entry_selected(self.checklist.current_key())
        self.status_zoom.setText(self._operator_text())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def switch_language(self, language: str) -> None:
        """Switch the language now and keep it in the settings."""
        set_language(language)
        self.retranslate()
        if self.settings.language != language:
            self.settings.language = language
            self._save_settings()

    def _operator_text(self) -> str:
        who = self.settings.operator or self.tr("no operator name (Settings)")
        station = self.settings.station
        return self.tr("Operator: {who}").format(who=who) + (f" · {station}" if station else "")

    # ==================================================================================
    # opening
    def add_paths(self, paths: list[str]) -> int:
        """Add image files (folders are searched one level deep); each is classified as a
        rubbing sheet or a photo. Case JSON files open as a case. Returns how many were
        added; unusable files become messages."""
        from vincheck.case_files import classify_file

        added = 0
        expanded: list[Path] = []
        for p in paths:
            path = Path(p)
            if path.suffix.lower() == ".json":
                self.open_case_file(str(path), run=False)
                continue
            if path.is_dir():
                expanded.extend(sorted(x for x in path.iterdir()
                                       if x.suffix.lower() in IMAGE_SUFFIXES))
            else:
                expanded.append(path)
        for path in expanded:
            try:
                kind = classify_file(path)
            except VincheckError as exc:
                self.messages.add(self.tr("Cannot use {file}: {reason}. Check that it is a "
                                          "PNG, JPEG, TIFF or BMP scan or photo and not "
                                          "damaged, then add it again.").format(
                    file=path.name, reason=_reason(exc, path)))
                continue
            except Exception as exc:  # noqa: BLE001 - a file never crashes the window
                self.messages.add(self.tr("Cannot use {file}: {reason}.").format(
                    file=path.name, reason=str(exc)))
                continue
            self.panel.add_file(str(path), kind)
            added += 1
        if added:
            self._files_changed()
        return added

    def open_files_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Open scans and photos"), "",
            self.tr("Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp);;Case files (*.json)"))
        if paths:
            self.add_paths(paths)

    def open_case_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open case file"), "",
                                              self.tr("Case files (*.json)"))
        if path:
            self.open_case_file(path, run=True)

    def open_case_file(self, path: str, run: bool = True) -> bool:
        """Open a case JSON; its saved result is shown, otherwise the check runs when
        ``run``."""
        from vincheck.case_files import load_case_result

        try:
            case, result = load_case_result(path)
        except VincheckError as exc:
            self.messages.add(self.tr("Cannot open the case file: {reason}").format(
                reason=exc.message))
            return False
        self.new_case(case)
        self.case_path = Path(path)
        self.state.add_recent(path)
        save_state(self.state)
        if result is not None:
            self.show_result(result, case)
        elif run:
            self.start_check()
        return True

    def open_sample(self, run: bool = True) -> bool:
        path = sample_case_file()
        if path is None:
            self.messages.add(self.tr("The bundled sample case is not installed."), "warning")
            return False
        return self.open_case_file(str(path), run=run)

    def new_case(self, case: CaseInput) -> None:
        """Replace the current case (the previous result is cleared)."""
        self.cancel_check()
        self.messages.clear_messages()
        self.case_path = None
        self.record_id = None
        self.panel.set_case(case)
        self.show_no_result()

    def _fill_recent(self) -> None:
        self.menu_recent.clear()
        for p in self.state.recent:
            act = self.menu_recent.addAction(p)
            act.triggered.connect(lambda _c=False, path=p: self.open_case_file(path))
        if not self.state.recent:
            act = self.menu_recent.addAction(self.tr("(none)"))
            act.setEnabled(False)

    def first_start(self) -> None:
        """On the very first start, open the bundled sample case."""
        if self.state.first_run_done:
            return
        self.state.first_run_done = True
        save_state(self.state)
        self.open_sample(run=True)

    # drag and drop
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
            self.add_paths(paths)

    # ==================================================================================
    # images
    def _files_changed(self) -> None:
        files = [p for p, _ in self.panel.files()]
        self.images = []
        for f in files:
            n = self._page_counts.get(f, 1)
            self.images.extend((f, i) for i in range(n))
        self._fill_image_combo()
        if self.current_image not in self.images:
            self.current_image = None
            if self.images:
                self.show_image(self.images[0])
            else:
                self.view.set_image(None)
        self.empty_hint.setVisible(not self.images)

    def _fill_image_combo(self) -> None:
        self.image_combo.blockSignals(True)
        self.image_combo.clear()
        kinds = dict(self.panel.files())
        for f, page in self.images:
            kind = self.tr("Rubbing sheet") if kinds.get(f) == "rubbing" else self.tr("Photo")
            name = Path(f).name
            if page:
                name += " " + self.tr("(page {n})").format(n=page + 1)
            self.image_combo.addItem(f"{kind}: {name}")
        if self.current_image in self.images:
            self.image_combo.setCurrentIndex(self.images.index(self.current_image))
        self.image_combo.blockSignals(False)

    def _image_chosen(self, index: int) -> None:
        if 0 <= index < len(self.images):
            self.show_image(self.images[index])

    def step_image(self, delta: int) -> None:
        if not self.images:
            return
        i = self.images.index(self.current_image) if self.current_image in self.images else -1
        self.show_image(self.images[(i + delta) % len(self.images)])

    def image_pending(self) -> bool:
        """True while the current image is still being loaded (the viewer says so)."""
        return self.current_image is not None and not self.view.has_image() and \
            self.loader.is_loading(self.current_image[0])

    def show_image(self, image: tuple[str, int]) -> None:
        """Show one page of a file with the current result's evidence over it.

        Never blocks: a file not in the cache is decoded in the background while the
        viewer says "loading…"; it is shown when it arrives if it is still the one wanted
        (``imageShown`` is emitted then)."""
        file, page = image
        self.current_image = image
        if image in self.images:
            self.image_combo.setCurrentIndex(self.images.index(image))
        self.panel.select_file(file)
        self.empty_hint.setVisible(not self.images)
        pages = self.loader.cached(file)
        if pages is not None:
            self._display(image, pages)
            return
        self._image_error = None
        self.view.set_placeholder(self._loading_text(file))
        self.loader.request(file)

    def _loading_text(self, file: str) -> str:
        return self.tr("Loading {file}…").format(file=Path(file).name)

    def _display(self, image: tuple[str, int], pages: list[QImage]) -> None:
        file, page = image
        self._image_error = None
        if page >= len(pages):
            self.view.set_image(None)
        else:
            self.view.set_image(pages[page])
        centre, self._centre_on_load = self._centre_on_load, False
        self._draw_overlays(centre=centre)
        if self.view.has_image():
            self.imageShown.emit(file, page)

    def _on_image_loaded(self, file: str, pages: list[QImage]) -> None:
        if len(pages) != self._page_counts.get(file, 1):
            self._page_counts[file] = len(pages)
            QTimer.singleShot(0, self._files_changed)
        if self.current_image is None or self.current_image[0] != file:
            return  # the operator has moved on: this result is stale (but cached)
        self._display(self.current_image, pages)

    def _on_image_failed(self, file: str, exc: BaseException) -> None:
        if self.current_image is None or self.current_image[0] != file:
            return  # stale: reported again if the operator comes back to it
        if isinstance(exc, VincheckError):
            reason = _reason(exc, Path(file))
        else:
            reason = str(exc) or type(exc).__name__
        self._image_error = (file, reason)
        self._centre_on_load = False
        self.messages.add(self.tr("Cannot show {file}: {reason}").format(
            file=Path(file).name, reason=reason))
        self.view.set_placeholder(self._image_error_text())

    def _image_error_text(self) -> str:
        if self._image_error is None:
            return ""
        return self.tr("{file} cannot be shown.").format(file=Path(self._image_error[0]).name)

    def _draw_overlays(self, centre: bool = False) -> None:
        """Draw the result's evidence on the image shown (nothing while it loads); the
        selected finding is highlighted (and centred on when ``centre``)."""
        if self.result is None or self.current_image is None or not self.view.has_image():
            if self.view.has_image():
                self.view.set_overlays([], set())
            return
        overlays = base_overlays(self.result, self.current_image)
        overlays += evidence_overlays(self.groups, self.current_image)
        shown = {e.key for g in self.groups for e in g.entries
                 if e.finding.status is not Status.PASS}
        self.view.set_overlays(overlays, shown)
        key = self.checklist.current_key()
        if key:
            self.view.highlight(key, centre=centre)

    # ==================================================================================
    # checking
    def is_running(self) -> bool:
        return self.thread is not None

    def start_check(self) -> bool:
        """Run the check on the current case in a worker thread; False if not started."""
        if self.thread is not None:
            return False
        case = self.panel.case_input()
        if not case.files():
            self.messages.add(self.tr("Add at least one rubbing sheet or photo first "
                                      "(drop files on the window or press Ctrl+O)."), "warning")
            return False
        if not self.panel.vin_valid():
            self.messages.add(self.tr("The expected VIN is not valid; the check runs, and "
                                      "the VIN comparison will fail."), "warning")
        self.result = None
        self.result_case = case
        self.record_id = None
        self.groups = []
        self.checklist.clear_result()
        self._draw_overlays()
        self.thread = CheckThread(self.runner, case, self.settings, self)
        self.thread.progressed.connect(self._on_progress)
        self.thread.succeeded.connect(self._on_succeeded)
        self.thread.failed.connect(self._on_failed)
        self.thread.cancelled.connect(self._on_cancelled)
        self.thread.finished.connect(self._on_thread_finished)
        self.panel.set_running(True)
        self.panel.set_progress(0.0, self.tr("Starting the check…"))
        self.last_outcome = "running"
        self._update_banner()
        self.thread.start()
        return True

    def cancel_check(self) -> None:
        if self.thread is not None:
            self.thread.cancel()
            self.panel.set_progress(self.panel.progress.value() / 1000,
                                    self.tr("Cancelling…"))

    def _on_progress(self, fraction: float, message: str) -> None:
        self.panel.set_progress(fraction, _progress_text(self, message))

    def _on_succeeded(self, result: CaseResult) -> None:
        self.last_outcome = "done"
        self.panel.set_progress(1.0, self.tr("Check finished in {s:.1f} s.").format(
            s=result.ms / 1000.0))
        for err in result.errors:
            self.messages.add(self.tr("{file} could not be checked: {reason}").format(
                file=Path(err.get("file", "")).name, reason=err.get("error", "")))
        no_dpi = sorted({Path(s.file).name for s in result.sheets
                         for f in s.all_findings() if _dpi_unknown(f)}
                        | {Path(p.file).name for p in result.photos
                           for f in p.findings if _dpi_unknown(f)})
        if no_dpi:
            self.messages.add(self.tr(
                "The scan resolution of {files} is unknown, so sizes in mm were not measured. "
                "What to do: enter the scan DPI in the case panel (Scan DPI) or set a default "
                "in Settings, then press F5.").format(files=", ".join(no_dpi)), "warning")
        self.show_result(result, self.result_case)
        self._record(result)

    def _on_failed(self, exc: BaseException, tb: str) -> None:
        self.last_outcome = "failed"
        self.last_exception = exc
        self.panel.set_progress(0.0, self.tr("The check stopped with an error."))
        self.messages.add(error_advice(self, exc))
        if not isinstance(exc, VincheckError):
            self.last_traceback = tb
        self._update_banner()

    def _on_cancelled(self) -> None:
        self.last_outcome = "cancelled"
        self.panel.set_progress(0.0, self.tr("Check cancelled."))
        self._update_banner()

    def _on_thread_finished(self) -> None:
        thread = self.thread
        self.thread = None
        self.panel.set_running(False)
        if thread is not None:
            thread.deleteLater()
        self._update_banner()
        self.checkFinished.emit(self.last_outcome)

    # ==================================================================================
    # result
    def show_result(self, result: CaseResult, case: CaseInput | None) -> None:
        """Show a result (fresh or from a file / the history)."""
        self.result = result
        self.result_case = case
        self.groups = build_groups(result)
        self.checklist.show_groups(self.groups, result.decisions)
        for s in result.sheets:
            self._page_counts[s.file] = max(self._page_counts.get(s.file, 1), s.page + 1)
        for p in result.photos:
            self._page_counts[p.file] = max(self._page_counts.get(p.file, 1), p.page + 1)
        self._files_changed()
        if self.current_image is not None:
            self.show_image(self.current_image)
        self._update_banner()
        first_bad = next((e.key for g in self.groups for e in g.entries
                          if e.finding.status is Status.FAIL), "")
        if first_bad:
            self.checklist.select_key(first_bad)

    def show_no_result(self) -> None:
        self.result = None
        self.groups = []
        self.checklist.clear_result()
        self.last_outcome = ""
        self._update_banner()
        self._draw_overlays()

    def _update_banner(self) -> None:
        base = "QLabel { color: white; font-size: 17px; font-weight: bold; padding: 8px; " \
               "border-radius: 4px; background: %s; }"
        if self.thread is not None:
            self.banner.setText(self.tr("Checking…"))
            self.banner.setStyleSheet(base % "#607d8b")
            self.banner_detail.setText("")
            return
        if self.result is None:
            text = {"failed": self.tr("No verdict: the check stopped with an error."),
                    "cancelled": self.tr("No verdict: the check was cancelled.")}.get(
                self.last_outcome, self.tr("No verdict yet: add files and press Check (F5)."))
            self.banner.setText(text)
            self.banner.setStyleSheet(base % "#9e9e9e")
            self.banner_detail.setText("")
            return
        r = self.result
        decided = r.decided_verdict()
        text = texts.verdict_text(decided)
        if decided is not r.verdict:
            text += "  " + self.tr("(after operator decisions)")
        self.banner.setText(text)
        self.banner.setStyleSheet(base % VERDICT_COLOURS[decided].name())
        counts = {s: 0 for s in Status}
        for f in r.all_findings():
            counts[f.status] += 1
        vins = ", ".join(r.vins_read) or self.tr("none")
        parts = [self.tr("VIN read: {vins}").format(vins=vins),
                 self.tr("expected: {vin}").format(vin=r.expected_vin or "–"),
                 self.tr("{p} passed, {f} failed, {r} to review").format(
                     p=counts[Status.PASS], f=counts[Status.FAIL],
                     r=counts[Status.REVIEW] + counts[Status.SKIPPED])]
        self.banner_detail.setText(" · ".join(parts))

    def verdict(self) -> Verdict | None:
        return None if self.result is None else self.result.decided_verdict()

    def _entry_selected(self, key: str) -> None:
        entry = self.checklist.entries.get(key) if key else None
        if entry is None:
            self.detail.setText("")
            self._set_decision_enabled(False)
            if self.view.has_image():
                self.view.highlight(None)
            return
        f = entry.finding
        lines = [f"<b>{html.escape(texts.rule_title(f.code))}</b> "
                 f"<span style='color:#777'>[{html.escape(f.code)}]</span> — "
                 f"{html.escape(texts.explanation(f))}"]
        if f.message and f.message not in lines[0]:  # the core's own words (English)
            lines.append("<span style='color:#666'>" + html.escape(
                self.tr("Check details: {message}").format(message=f.message)) + "</span>")
        self.detail.setText("<br>".join(lines))
        self._set_decision_enabled(f.status in (Status.REVIEW, Status.SKIPPED))
        if entry.image is not None and entry.image != self.current_image and \
                entry.finding.evidence:
            self.show_image(entry.image)
        if self.view.has_image():
            self.view.highlight(key, centre=True)
        elif self.image_pending():  # centre on the evidence when the image arrives
            self._centre_on_load = True

    def _set_decision_enabled(self, on: bool) -> None:
        for w in (self.note_edit, self.accept_button, self.reject_button):
            w.setEnabled(on)

    def decide(self, accepted: bool, note: str | None = None) -> Decision | None:
        """Record the operator's decision on the selected review finding."""
        entry = self.checklist.current_entry()
        if self.result is None or entry is None or \
                entry.finding.status not in (Status.REVIEW, Status.SKIPPED):
            return None
        d = Decision(code=entry.finding.code, accepted=accepted,
                     operator=self.settings.operator,
                     note=self.note_edit.text().strip() if note is None else note,
                     time=datetime.now().astimezone().isoformat(timespec="seconds"),
                     target=entry.target)
        self.result.decisions = [x for x in self.result.decisions
                                 if not (x.code == d.code and x.target == d.target)] + [d]
        key = entry.key
        self.checklist.show_groups(self.groups, self.result.decisions)
        self.checklist.select_key(key)
        self.note_edit.clear()
        self._update_banner()
        if self.record_id is not None:
            store = self._get_store()
            if store is not None:
                try:
                    store.update_decisions(self.record_id, self.result.decisions)
                except Exception as exc:  # noqa: BLE001 - never lose the UI state
                    self.messages.add(self.tr("The decision is shown but could not be saved "
                                              "in the records: {reason}").format(reason=exc))
        return d

    # ==================================================================================
    # records store and history
    def _get_store(self) -> Any:
        if self._store is not None:
            return self._store
        try:
            if self.store_factory is not None:
                self._store = self.store_factory(self.settings)
            else:
                from vincheck.store import Store

                self._store = Store(self.settings.database_path, settings=self.settings)
        except ImportError:
            self.messages.add(self.tr("The records store is not available in this "
                                      "installation; results are not recorded."), "warning")
            return None
        except Exception as exc:  # noqa: BLE001
            self.messages.add(self.tr("The records database cannot be opened: {reason}. "
                                      "Check its location in Settings.").format(reason=exc))
            return None
        return self._store

    def _record(self, result: CaseResult) -> None:
        if not self.record or self.result_case is None:
            return
        store = self._get_store()
        if store is None:
            return
        try:
            self.record_id = store.record_case(self.result_case, result,
                                               station=self.settings.station,
                                               operator=self.settings.operator, source="gui")
        except Exception as exc:  # noqa: BLE001 - recording never loses the UI state
            self.messages.add(self.tr("The result is shown but could not be recorded: "
                                      "{reason}").format(reason=exc))

    def show_history(self) -> None:
        try:
            from vincheck.gui.history_view import HistoryView
        except ImportError:
            self.messages.add(self.tr("The history view is not available in this "
                                      "installation."), "warning")
            return
        store = self._get_store()
        if store is None:
            return
        if self._history_dialog is None:
            dlg = QDialog(self)
            dlg.setWindowTitle(self.tr("History"))
            dlg.resize(1000, 600)
            lay = QVBoxLayout(dlg)
            try:
                view = HistoryView(store, dlg)
            except Exception as exc:  # noqa: BLE001
                self.messages.add(self.tr("The history cannot be shown: {reason}").format(
                    reason=exc))
                return
            view.caseOpened.connect(self.open_record)
            lay.addWidget(view)
            self._history_dialog = dlg
        self._history_dialog.show()
        self._history_dialog.raise_()

    def open_record(self, case_id: int) -> bool:
        """Show a recorded case again (its result and evidence; no re-check)."""
        store = self._get_store()
        if store is None:
            return False
        try:
            case, result, _meta = store.get_case(int(case_id))
        except Exception as exc:  # noqa: BLE001
            self.messages.add(self.tr("Cannot open record {id}: {reason}").format(
                id=case_id, reason=exc))
            return False
        self.new_case(case)
        self.record_id = int(case_id)
        missing = [f for f in case.files() if not Path(f).exists()]
        if missing:
            self.messages.add(self.tr("{n} file(s) of this record are no longer where they "
                                      "were; their images cannot be shown.").format(
                n=len(missing)), "warning")
        self.show_result(result, case)
        return True

    # ==================================================================================
    # saving and export
    def save_dialog(self) -> None:
        if self.result is None and not self.panel.files():
            return
        start = str(self.case_path or Path.home() / "case.json")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save case and result"), start,
                                              self.tr("Case files (*.json)"))
        if path:
            self.save_to(path)

    def save_to(self, path: str) -> bool:
        """Write the case, its result and the decisions as JSON."""
        from vincheck.case_files import save_case_result

        case = self.result_case if self.result is not None and self.result_case else \
            self.panel.case_input()
        try:
            p = save_case_result(path, case, self.result)
        except OSError as exc:
            self.messages.add(self.tr("Cannot save {path}: {reason}").format(
                path=path, reason=exc.strerror or exc))
            return False
        self.case_path = p
        self.state.add_recent(p)
        save_state(self.state)
        self.statusBar().showMessage(self.tr("Saved {path}").format(path=p), 5000)
        return True

    def export_dialog(self) -> None:
        if self.result is None:
            self.messages.add(self.tr("Run the check before exporting a report."), "warning")
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export PDF report"),
                                              str(Path.home() / "vincheck-report.pdf"),
                                              self.tr("PDF files (*.pdf)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> bool:
        try:
            from vincheck.export import write_case_pdf
        except ImportError:
            self.messages.add(self.tr("PDF export is not available in this installation."),
                              "warning")
            return False
        if self.result is None:
            return False
        meta = None
        if self.record_id is not None and self._store is not None:
            try:
                meta = self._store.get_case(self.record_id)[2]
            except Exception:  # noqa: BLE001 - the report can do without
                meta = None
        try:
            write_case_pdf(self.result, self.result_case, path, settings=self.settings,
                           meta=meta)
        except Exception as exc:  # noqa: BLE001
            self.messages.add(self.tr("The PDF report could not be written: {reason}").format(
                reason=exc))
            return False
        self.statusBar().showMessage(self.tr("Report written: {path}").format(path=path), 5000)
        return True

    # ==================================================================================
    # settings, about
    def settings_dialog(self) -> None:
        from vincheck.gui.settings_dialog import SettingsDialog

        dlg = SettingsDialog(self.settings, self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        new = dlg.result_settings()
        lang_changed = new.language != self.settings.language
        db_changed = new.database_path != self.settings.database_path
        pixels_changed = new.max_image_pixels != self.settings.max_image_pixels
        self.settings = new
        self._save_settings()
        if pixels_changed and not self._custom_loader:
            self.loader.load_function = default_load_function(new.max_image_pixels)
            self.loader.forget()
        if db_changed and self._store is not None:
            try:
                self._store.close()
            except Exception:  # noqa: BLE001
                pass
            self._store = None
            self._history_dialog = None
        if lang_changed:
            set_language(new.language)
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
        if self.thread is not None:
            self.thread.cancel()
            self.thread.wait(5000)
        self.loader.shutdown()
        if self._store is not None:
            try:
                self._store.close()
            except Exception:  # noqa: BLE001
                pass
        super().closeEvent(event)


# ======================================================================================
def _load_settings_safely() -> Settings:
    try:
        return load_settings()
    except VincheckError:
        return Settings()


def _dpi_unknown(f: Finding) -> bool:
    """A finding that could not be measured because the scan resolution is unknown."""
    return f.status is Status.SKIPPED and (f.code == "dpi" or "DPI unknown" in (f.message or ""))


def _reason(exc: BaseException, path: Path) -> str:
    """An error message without the file path it starts with (the file is named already)."""
    msg = getattr(exc, "message", None) or str(exc)
    prefix = f"{path}: "
    return msg[len(prefix):] if msg.startswith(prefix) else msg


def error_advice(w: QWidget, exc: BaseException) -> str:
    """What went wrong and what to do, for an error that stopped a check."""
    tr = w.tr
    if isinstance(exc, OcrEngineError):
        return tr("The OCR engine is missing or failed: {reason}\nWhat to do: install "
                  "Tesseract (see the message above) or set its location in Settings ▸ "
                  "Tesseract program, then press F5.").format(reason=exc)
    if isinstance(exc, InputFileError):
        return tr("A file cannot be used: {reason}\nWhat to do: rescan or export it as PNG, "
                  "JPEG, TIFF or BMP, replace it in the case and press F5.").format(reason=exc)
    if isinstance(exc, VincheckError):
        return tr("The check stopped: {reason}").format(reason=exc)
    where = traceback.format_exception_only(type(exc), exc)[-1].strip()
    return tr("Internal error in the check ({where}). The case is kept; please report this "
              "with the files of the case.").format(where=where)


def _progress_text(w: QWidget, message: str) -> str:
    """Translate the core's progress messages where their form is known."""
    tr = w.tr
    for prefix, text in (("reading rubbing sheet ", tr("Reading rubbing sheet {name}")),
                         ("checking photo ", tr("Checking photo {name}"))):
        if message.startswith(prefix):
            return text.format(name=message[len(prefix):])
    if message == "done":
        return tr("Done")
    return message
