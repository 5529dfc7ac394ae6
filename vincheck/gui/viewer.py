"""The centre of the main window: the list of pages of the case's files, the page shown
(decoded in the background by the :class:`~vincheck.gui.image_loader.ImageLoader`), the
zoom buttons, the evidence drawn over the page and the legend of its colours.

The viewer owns the page list, the page shown, page counts and the decoded-image cache.
It reads the case's files from the file list (``files``) and the selected checklist row
(``selected_key``) when it needs them, and knows a result only as the evidence it was
given with :meth:`ImageBrowser.set_evidence`. Texts keep the ``MainWindow`` context."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from vincheck.errors import VincheckError
from vincheck.findings import CaseResult, Status
from vincheck.gui.checklist import Group, base_overlays, evidence_overlays
from vincheck.gui.image_loader import CACHE_FILES, ImageLoader, LoadFunction
from vincheck.gui.image_view import ImageView
from vincheck.gui.input_reasons import reason_text
from vincheck.gui.legend import legend_html

translate = QCoreApplication.translate
PRELOAD_FILES = 8  # files of a case decoded ahead while it is checked
IMAGE_CACHE = CACHE_FILES  # files whose decoded pages are kept in memory
ZOOM_BUTTONS = (("prev", "◀"), ("next", "▶"), ("zoom_out", "−"), ("zoom_in", "+"),
                ("fit", "⤢"), ("one", "1:1"))

Image = tuple[str, int]  # (file, page)


class ImageBrowser(QWidget):
    """Signals: ``imageShown(file, page)`` once a page is on screen (after its load),
    ``fileShown(file)`` when a page of ``file`` becomes the one wanted (the file list
    follows), ``problem(message)`` when a page cannot be shown."""

    imageShown = Signal(str, int)
    fileShown = Signal(str)
    problem = Signal(str)

    def __init__(self, load_image: LoadFunction, files: Callable[[], list[tuple[str, str]]],
                 selected_key: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._files = files  # (path, kind) of the case, in list order
        self._selected_key = selected_key  # the checklist row selected ("" for none)
        self.images: list[Image] = []
        self.current_image: Image | None = None
        self._page_counts: dict[str, int] = {}
        self._image_error: tuple[str, str] | None = None  # (file, reason) shown in the view
        self._centre_on_load = False
        self._result: CaseResult | None = None
        self._groups: list[Group] = []
        self.loader = ImageLoader(load_image, IMAGE_CACHE, self)
        self.loader.loaded.connect(self._on_image_loaded)
        self.loader.failed.connect(self._on_image_failed)
        self._build()

    def _build(self) -> None:
        cl = QVBoxLayout(self)
        cl.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.image_combo = QComboBox()
        self.image_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.image_combo.setMinimumContentsLength(16)
        self.image_combo.activated.connect(self._image_chosen)
        bar.addWidget(self.image_combo, 1)
        self.zoom_buttons: dict[str, QToolButton] = {}
        for name, _symbol in ZOOM_BUTTONS:
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
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("QLabel { background: #3a3a3a; color: #eeeeee; "
                                  "padding: 2px 6px; }")
        self.view.overlaysDrawn.connect(self._update_legend)
        cl.addWidget(self.legend)
        self.empty_hint = QLabel()
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet("color: #888; font-size: 14px;")
        cl.addWidget(self.empty_hint)

    def retranslate(self) -> None:
        """The viewer's texts in the current language (page list, placeholder, legend)."""
        for name, symbol in ZOOM_BUTTONS:
            self.zoom_buttons[name].setText(symbol)
        self.empty_hint.setText(translate("MainWindow", "Drop rubbing scans and vehicle photos "
                                          "here, or use File ▸ Open (Ctrl+O)."))

    def retranslate_pages(self) -> None:
        """The page list, a placeholder and the legend in the current language."""
        self._fill_image_combo()
        if self.view.placeholder_text():
            self.view.set_placeholder(self._image_error_text() if self._image_error else
                                      self.loading_text(self.current_image[0])
                                      if self.current_image else "")
        self._update_legend()

    # --- the pages of the case ------------------------------------------------------------
    def refresh_files(self) -> None:
        """The case's files changed: rebuild the page list (the page shown stays when it
        is still there, else the first page is shown)."""
        self.images = []
        for f, _kind in self._files():
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

    def note_pages(self, result: CaseResult) -> None:
        """Learn from a result how many pages its files have (before :meth:`refresh_files`)."""
        for item in [*result.sheets, *result.photos]:
            self._page_counts[item.file] = max(self._page_counts.get(item.file, 1),
                                               item.page + 1)

    def _fill_image_combo(self) -> None:
        self.image_combo.blockSignals(True)
        self.image_combo.clear()
        kinds = dict(self._files())
        for f, page in self.images:
            kind = {"rubbing": translate("MainWindow", "Rubbing sheet"),
                    "certificate": translate("MainWindow", "Certificate")}.get(
                kinds.get(f, ""), translate("MainWindow", "Photo"))
            name = Path(f).name
            if page:
                name += " " + translate("MainWindow", "(page {n})").format(n=page + 1)
            self.image_combo.addItem(f"{kind}: {name}")
        if self.current_image in self.images:
            self.image_combo.setCurrentIndex(self.images.index(self.current_image))
        self.image_combo.blockSignals(False)

    def _image_chosen(self, index: int) -> None:
        if 0 <= index < len(self.images):
            self.show_image(self.images[index])

    def step_image(self, delta: int) -> None:
        """Show the page ``delta`` places on in the list (round it)."""
        if not self.images:
            return
        i = self.images.index(self.current_image) if self.current_image in self.images else -1
        self.show_image(self.images[(i + delta) % len(self.images)])

    # --- loading and showing ----------------------------------------------------------------
    def preload(self, files: list[str]) -> None:
        """Decode the case's files in the background while it is checked, so that the
        evidence appears together with the verdict (at most :data:`PRELOAD_FILES`)."""
        wanted = files[:PRELOAD_FILES]
        self.loader.cache_files = max(self.loader.cache_files, len(wanted))
        for f in wanted:
            if self.loader.cached(f) is None:
                self.loader.request(f, drop_others=False)

    def set_load_function(self, load: LoadFunction) -> None:
        """Decode files with ``load`` from now on (the cache is emptied)."""
        self.loader.load_function = load
        self.loader.forget()

    def image_pending(self) -> bool:
        """True while the current image is still being loaded (the viewer says so)."""
        return self.current_image is not None and not self.view.has_image() and \
            self.loader.is_loading(self.current_image[0])

    def show_image(self, image: Image) -> None:
        """Show one page of a file with the current evidence over it.

        Never blocks: a file not in the cache is decoded in the background while the
        viewer says "loading…"; it is shown when it arrives if it is still the one wanted
        (``imageShown`` is emitted then)."""
        file, page = image
        self.current_image = image
        if image in self.images:
            self.image_combo.setCurrentIndex(self.images.index(image))
        self.fileShown.emit(file)
        self.empty_hint.setVisible(not self.images)
        pages = self.loader.cached(file)
        if pages is not None:
            self._display(image, pages)
            return
        self._image_error = None
        self.view.set_placeholder(self.loading_text(file))
        self.loader.request(file)

    def file_changed(self, file: str) -> None:
        """``file`` changed on disk: its decoded pages are old; shown, it is read again."""
        self.loader.forget(file)
        if self.current_image is not None and self.current_image[0] == file:
            self.show_image(self.current_image)

    def loading_text(self, file: str) -> str:
        """What the view says while ``file`` is decoded."""
        return translate("MainWindow", "Loading {file}…").format(file=Path(file).name)

    def _display(self, image: Image, pages: list[QImage]) -> None:
        file, page = image
        self._image_error = None
        if page >= len(pages):
            self.view.set_image(None)
        else:
            self.view.set_image(pages[page])
        centre, self._centre_on_load = self._centre_on_load, False
        self.draw_overlays(centre=centre)
        if self.view.has_image():
            self.imageShown.emit(file, page)

    def _on_image_loaded(self, file: str, pages: list[QImage]) -> None:
        if len(pages) != self._page_counts.get(file, 1):
            self._page_counts[file] = len(pages)
            QTimer.singleShot(0, self, self.refresh_files)
        if self.current_image is None or self.current_image[0] != file:
            return  # the operator has moved on: this result is stale (but cached)
        self._display(self.current_image, pages)

    def _on_image_failed(self, file: str, exc: BaseException) -> None:
        if self.current_image is None or self.current_image[0] != file:
            return  # stale: reported again if the operator comes back to it
        if isinstance(exc, VincheckError):
            reason = reason_text(exc, Path(file))
        else:
            reason = str(exc) or type(exc).__name__
        self._image_error = (file, reason)
        self._centre_on_load = False
        self.problem.emit(translate("MainWindow", "Cannot show {file}: {reason}").format(
            file=Path(file).name, reason=reason))
        self.view.set_placeholder(self._image_error_text())

    def _image_error_text(self) -> str:
        if self._image_error is None:
            return ""
        return translate("MainWindow", "{file} cannot be shown.").format(
            file=Path(self._image_error[0]).name)

    # --- evidence -----------------------------------------------------------------------------
    def set_evidence(self, result: CaseResult | None, groups: list[Group]) -> None:
        """The result whose evidence is drawn and its checklist groups (None, []: none)."""
        self._result = result
        self._groups = groups

    def _update_legend(self) -> None:
        """The legend lists the overlay colours drawn on the page shown (hidden when
        nothing is drawn)."""
        roles = self.view.drawn_roles()
        self.legend.setText(legend_html(roles, self.view.highlighted_key() is not None))
        self.legend.setVisible(bool(roles))

    def draw_overlays(self, centre: bool = False) -> None:
        """Draw the evidence on the image shown (nothing while it loads); the selected
        finding is highlighted (and centred on when ``centre``)."""
        if self._result is None or self.current_image is None or not self.view.has_image():
            if self.view.has_image():
                self.view.set_overlays([], set())
            return
        overlays = base_overlays(self._result, self.current_image)
        overlays += evidence_overlays(self._groups, self.current_image)
        shown = {e.key for g in self._groups for e in g.entries
                 if e.finding.status is not Status.PASS}
        self.view.set_overlays(overlays, shown)
        key = self._selected_key()
        if key:
            self.view.highlight(key, centre=centre)

    def follow_selection(self, key: str, image: Image | None, has_evidence: bool) -> None:
        """A checklist row was selected (``key`` "" for none): show the page its evidence
        is on and highlight it (centred; when the page is still loading, on arrival)."""
        if not key:
            if self.view.has_image():
                self.view.highlight(None)
            return
        if image is not None and image != self.current_image and has_evidence:
            self.show_image(image)
        if self.view.has_image():
            self.view.highlight(key, centre=True)
        elif self.image_pending():  # centre on the evidence when the image arrives
            self._centre_on_load = True

    def shutdown(self) -> None:
        """Stop the background decoding (the window is closing)."""
        self.loader.shutdown()
