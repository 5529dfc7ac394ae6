"""How files get into the main window's case: the open dialogs, case JSON files, drag and
drop, and the automatic sorting of each image into rubbing sheet or photo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog

from vincheck.errors import VincheckError
from vincheck.gui.state import save_state
from vincheck.inspection import CaseInput

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"}

# Texts keep the "MainWindow" translation context of the window they belong to:
# pyside6-lupdate files ``self.tr()`` under the enclosing class, so a mixin uses
# ``translate("MainWindow", ...)`` with the literal context instead.
translate = QCoreApplication.translate


def reason_without_path(exc: BaseException, path: Path) -> str:
    """An error message without the file path it starts with (the file is named already)."""
    msg = getattr(exc, "message", None) or str(exc)
    prefix = f"{path}: "
    return msg[len(prefix):] if msg.startswith(prefix) else msg


class FileIntakeMixin:
    """Adding files and opening cases in :class:`~vincheck.gui.main_window.MainWindow`."""

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
                self.messages.add(translate("MainWindow", "Cannot use {file}: {reason}. Check "
                                            "that it is a PNG, JPEG, TIFF or BMP scan or photo "
                                            "and not damaged, then add it again.").format(
                    file=path.name, reason=reason_without_path(exc, path)))
                continue
            except Exception as exc:  # noqa: BLE001 - a file never crashes the window
                self.messages.add(translate("MainWindow", "Cannot use {file}: {reason}.").format(
                    file=path.name, reason=str(exc)))
                continue
            self.panel.add_file(str(path), kind)
            added += 1
        if added:
            self._files_changed()
        return added

    def open_files_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, translate("MainWindow", "Open scans and photos"), "",
            translate("MainWindow",
                      "Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp);;Case files (*.json)"))
        if paths:
            self.add_paths(paths)

    def open_case_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, translate("MainWindow", "Open case file"), "",
                                              translate("MainWindow", "Case files (*.json)"))
        if path:
            self.open_case_file(path, run=True)

    def open_case_file(self, path: str, run: bool = True) -> bool:
        """Open a case JSON; its saved result is shown, otherwise the check runs when
        ``run``."""
        from vincheck.case_files import load_case_result

        try:
            case, result = load_case_result(path)
        except VincheckError as exc:
            self.messages.add(translate("MainWindow", "Cannot open the case file: {reason}").format(
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

    def new_case(self, case: CaseInput) -> None:
        """Replace the current case (the previous result is cleared)."""
        self.cancel_check()
        self.messages.clear_messages()
        self.case_path = None
        self.record_id = None
        self.panel.set_case(case)
        self.show_no_result()

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
