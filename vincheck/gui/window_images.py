"""The main window's image browser: the list of pages of the case's files, the page shown
(decoded in the background by the :class:`~vincheck.gui.image_loader.ImageLoader`) and the
evidence drawn over it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QImage

from vincheck.errors import VincheckError
from vincheck.findings import Status
from vincheck.gui.checklist import base_overlays, evidence_overlays
from vincheck.gui.legend import legend_html
from vincheck.gui.window_intake import reason_without_path

# Texts keep the "MainWindow" translation context of the window they belong to:
# pyside6-lupdate files ``self.tr()`` under the enclosing class, so a mixin uses
# ``translate("MainWindow", ...)`` with the literal context instead.
translate = QCoreApplication.translate
PRELOAD_FILES = 8  # files of a case decoded ahead while it is checked


class ImageBrowserMixin:
    """Choosing, loading and showing pages with their evidence overlays in
    :class:`~vincheck.gui.main_window.MainWindow`."""

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
        if not self.images:
            return
        i = self.images.index(self.current_image) if self.current_image in self.images else -1
        self.show_image(self.images[(i + delta) % len(self.images)])

    def _preload_images(self, files: list[str]) -> None:
        """Decode the case's files in the background while it is checked, so that the
        evidence appears together with the verdict (at most :data:`PRELOAD_FILES`)."""
        wanted = files[:PRELOAD_FILES]
        self.loader.cache_files = max(self.loader.cache_files, len(wanted))
        for f in wanted:
            if self.loader.cached(f) is None:
                self.loader.request(f, drop_others=False)

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
        return translate("MainWindow", "Loading {file}…").format(file=Path(file).name)

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
            QTimer.singleShot(0, self, self._files_changed)
        if self.current_image is None or self.current_image[0] != file:
            return  # the operator has moved on: this result is stale (but cached)
        self._display(self.current_image, pages)

    def _on_image_failed(self, file: str, exc: BaseException) -> None:
        if self.current_image is None or self.current_image[0] != file:
            return  # stale: reported again if the operator comes back to it
        if isinstance(exc, VincheckError):
            reason = reason_without_path(exc, Path(file))
        else:
            reason = str(exc) or type(exc).__name__
        self._image_error = (file, reason)
        self._centre_on_load = False
        self.messages.add(translate("MainWindow", "Cannot show {file}: {reason}").format(
            file=Path(file).name, reason=reason))
        self.view.set_placeholder(self._image_error_text())

    def _image_error_text(self) -> str:
        if self._image_error is None:
            return ""
        return translate("MainWindow", "{file} cannot be shown.").format(
            file=Path(self._image_error[0]).name)

    def _update_legend(self) -> None:
        """The legend lists the overlay colours drawn on the page shown (hidden when
        nothing is drawn)."""
        roles = self.view.drawn_roles()
        self.legend.setText(legend_html(roles, self.view.highlighted_key() is not None))
        self.legend.setVisible(bool(roles))

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
