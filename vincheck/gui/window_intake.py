"""How files get into the main window's case: the open dialogs, case JSON files, drag and
drop, and the automatic sorting of each image into rubbing sheet or photo.

Sorting decodes every image, so it runs in a :class:`~vincheck.gui.file_sorter.FileSorter`
off the GUI thread: each file appears in the case panel once sorted (in the order given),
the progress area counts them, Cancel stops sorting, and the window's ``filesSorted(added)``
signal says when all are done. A check asked for while files are being sorted waits and
starts when sorting ends (so it never sees a half-added case)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog

from vincheck.errors import VincheckError
from vincheck.gui.file_sorter import FileSorter
from vincheck.gui.image_loader import reason_without_path
from vincheck.gui.state import save_state
from vincheck.inspection import CaseInput

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".pdf"}

# Texts keep the "MainWindow" translation context of the window they belong to:
# pyside6-lupdate files ``self.tr()`` under the enclosing class, so a mixin uses
# ``translate("MainWindow", ...)`` with the literal context instead.
translate = QCoreApplication.translate


class FileIntakeMixin:
    """Adding files and opening cases in :class:`~vincheck.gui.main_window.MainWindow`."""

    def _init_intake(self) -> None:
        """Create the background sorter (called once from the window's ``__init__``)."""
        self.sorter = FileSorter(parent=self)
        self.sorter.sorted.connect(self._on_file_sorted)
        self.sorter.failed.connect(self._on_file_unusable)
        self.sorter.idle.connect(self._on_sorting_idle)
        self._sort_total = 0  # files of the current sorting run (reset when it ends)
        self._sort_done = 0
        self._sort_added = 0
        self._check_after_sorting = False  # Check was pressed while files were sorted
        self._auto_check = False  # dropped files: check when sorted if the case is complete
        from vincheck.gui.certificate_box import CertificateReader

        self.certificate_reader = CertificateReader(parent=self)
        self.certificate_reader.done.connect(self._on_certificate_read)
        self.certificate_reader.failed.connect(self._on_certificate_failed)

    def is_sorting(self) -> bool:
        """Whether added files are still being sorted in the background."""
        return self.sorter.is_busy()

    def add_paths(self, paths: list[str], auto_check: bool = False) -> int:
        """Add image files (folders are searched one level deep); each is sorted as a
        rubbing sheet or a photo in the background and appears in the case panel, in the
        order given, once sorted. Case JSON files open as a case at once. Returns how many
        image files were queued for sorting (``filesSorted(added)`` follows when all are
        done); unusable files become messages.

        While a finished case is shown the files start a new case; while a check runs
        they are refused. With ``auto_check`` (dropped files) and the setting
        ``auto_check_on_drop``, a complete case is checked once its files are sorted."""
        if self.is_running():
            self.messages.add(translate("MainWindow", "A check is running: wait for it or "
                                        "cancel it (Esc) before adding files."), "warning")
            return 0
        if self.result is not None:  # a finished case is shown: these are the next vehicle's
            self.new_case(CaseInput())
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
        if not expanded:
            return 0
        self._sort_total += len(expanded)
        self._auto_check = auto_check and self.settings.auto_check_on_drop
        self.sorter.add([str(x) for x in expanded])
        self._show_sorting_progress()
        self._sync_sorting_controls()
        return len(expanded)

    def cancel_sorting(self) -> int:
        """Stop sorting: files not sorted yet are not added (a queued check is dropped);
        returns how many were left out."""
        self._check_after_sorting = self._auto_check = False
        if not self.sorter.is_busy():
            return 0
        left = self.sorter.cancel()
        added = self._sort_added
        self._end_sorting()
        if left:
            self.messages.add(translate("MainWindow", "Sorting stopped: {n} of the added files "
                                        "were not added to the case.").format(n=left),
                              "warning")
        self._report_progress(translate("MainWindow", "Sorting stopped."))
        self.filesSorted.emit(added)
        return left

    def _on_file_sorted(self, _job: int, file: str, kind: str) -> None:
        self._sort_done += 1
        if not self.panel.has_file(file):
            self.panel.add_file(file, kind)
            self._sort_added += 1
            self.viewer.refresh_files()
            self.model.inputs_changed()
        self._show_sorting_progress()

    def read_certificate(self, file: str) -> None:
        """Read a certificate in the background; its values fill the case when sure."""
        self.panel.certificate_box.set_reading_started(file)
        self.certificate_reader.read(file)

    def _on_certificate_read(self, file: str, reading: object, crops: object) -> None:
        if not self.panel.has_file(file):  # removed (or another case) meanwhile
            return
        applied = self.panel.apply_reading(reading)
        self.panel.certificate_box.set_reading(reading, applied, crops)  # type: ignore[arg-type]

    def _on_certificate_failed(self, file: str, exc: BaseException) -> None:
        if self.panel.has_file(file):
            self.panel.certificate_box.set_failed(file, reason_without_path(exc, Path(file)))

    def _on_file_unusable(self, _job: int, file: str, exc: BaseException) -> None:
        self._sort_done += 1
        path = Path(file)
        if isinstance(exc, VincheckError):
            self.messages.add(translate("MainWindow", "Cannot use {file}: {reason}. Check "
                                        "that it is a PNG, JPEG, TIFF or BMP scan or photo "
                                        "and not damaged, then add it again.").format(
                file=path.name, reason=reason_without_path(exc, path)))
        else:  # a file never crashes the window
            self.messages.add(translate("MainWindow", "Cannot use {file}: {reason}.").format(
                file=path.name, reason=str(exc)))
        self._show_sorting_progress()

    def _on_sorting_idle(self) -> None:
        added = self._sort_added
        self._end_sorting()
        if not self.is_running():
            self.panel.set_progress(0.0, "")
        self.statusBar().clearMessage()
        run = self._check_after_sorting or (self._auto_check and not self.is_running()
                                            and self.result is None and self._auto_check_ready())
        self._check_after_sorting = self._auto_check = False
        self.filesSorted.emit(added)
        if run:
            self.start_check()

    def _end_sorting(self) -> None:
        self._sort_total = self._sort_done = self._sort_added = 0
        self._sync_sorting_controls()

    def _show_sorting_progress(self) -> None:
        total = self._sort_total
        if not total:
            return
        text = translate("MainWindow", "Sorting files… {done} of {total}").format(
            done=self._sort_done, total=total)
        if self._check_after_sorting:
            text += "\n" + translate("MainWindow", "The check starts when the files are sorted.")
        self._report_progress(text, self._sort_done / total)

    def _report_progress(self, text: str, fraction: float = 0.0) -> None:
        """The panel's progress area when no check is using it, else the status bar."""
        if not self.is_running():
            self.panel.set_progress(fraction, text)
        else:
            self.statusBar().showMessage(text, 5000)

    def _sync_sorting_controls(self) -> None:
        """Cancel also stops sorting, so it is enabled while files are being sorted."""
        self.panel.cancel_button.setEnabled(self.is_running() or self.sorter.is_busy())

    def scan_folder(self) -> Path:
        """Where scanned pages go: ``scans/`` beside the saved case file, else the data
        folder's ``scans/<date>``."""
        if self.case_path is not None:
            return self.case_path.resolve().parent / "scans"
        from datetime import date

        from vincheck.settings import data_dir

        return data_dir() / "scans" / date.today().isoformat()

    def scan_pages_dialog(self) -> None:
        """Open the scan dialog (Ctrl+Shift+S); scanned pages are added like dropped files,
        a failed or cancelled scan leaves the case as it was."""
        from vincheck.gui.scan_dialog import ScanDialog

        dialog = getattr(self, "scan_dialog", None)
        if dialog is not None and dialog.isVisible():
            dialog.raise_()
            return
        if dialog is None:  # one dialog per window, kept (its threads end with it)
            dialog = ScanDialog(self.scan_folder(), self)
            dialog.scanned.connect(self._on_pages_scanned)
            dialog.failed.connect(lambda msg: self.messages.add(msg, "warning"))
            self.scan_dialog = dialog
        dialog.out_dir = self.scan_folder()
        dialog.open()
        if not dialog.is_scanning():
            dialog.find_devices()

    def _on_pages_scanned(self, files: list[str]) -> None:
        if files:
            self.messages.add(translate("MainWindow", "{n} scanned page(s) saved in {folder} "
                                        "and added to the case.").format(
                n=len(files), folder=str(Path(files[0]).parent)), "info")
            self.add_paths(files)

    def open_files_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, translate("MainWindow", "Open scans and photos"), "",
            translate("MainWindow",
                      "Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.pdf);;Case files (*.json)"))
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
        """Replace the current case (the previous result is cleared; files still being
        sorted for the previous case are dropped)."""
        self.cancel_check()
        if self.sorter.is_busy():
            self.sorter.cancel()
            self._end_sorting()
            self.filesSorted.emit(0)
        self._check_after_sorting = self._auto_check = False
        self.discard_result()  # before the inputs change: nothing stale in between
        self.messages.clear_messages()
        self.case_path = None
        self.panel.set_progress(0.0, "")  # no "check finished" of the previous vehicle
        self.panel.set_case(case)

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
            self.add_paths(paths, auto_check=True)
