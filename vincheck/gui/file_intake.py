"""How files get into the main window's case: folders searched, each image sorted into
rubbing sheet, photo or certificate off the GUI thread (a
:class:`~vincheck.gui.file_sorter.FileSorter`), a certificate read in the background, and
the open-files and scan dialogs.

:class:`FileIntake` owns the sorter and its counts, whether a check waits for sorting,
the certificate reader and the scan dialog. It never touches the case itself: each sorted
file is announced (``fileSorted``) in the order given and the window adds it to the file
list. Texts keep the ``MainWindow`` context."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from vincheck.errors import ImageTooLargeError, UnsupportedFormatError, VincheckError
from vincheck.gui.certificate_box import CertificateReader
from vincheck.gui.file_sorter import FileSorter
from vincheck.gui.image_loader import reason_without_path
from vincheck.gui.input_reasons import reason_text

translate = QCoreApplication.translate
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".pdf"}


def scan_folder(case_path: Path | None) -> Path:
    """Where scanned pages go: ``scans/`` beside the saved case file, else the data
    folder's ``scans/<date>``."""
    if case_path is not None:
        return case_path.resolve().parent / "scans"
    from datetime import date

    from vincheck.settings import data_dir

    return data_dir() / "scans" / date.today().isoformat()


def expand_paths(paths: list[str]) -> tuple[list[str], list[str]]:
    """(case JSON files, image files) among ``paths``, folders searched one level deep
    for images, in the order given."""
    cases: list[str] = []
    images: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.suffix.lower() == ".json":
            cases.append(str(path))
        elif path.is_dir():
            images.extend(sorted(x for x in path.iterdir()
                                 if x.suffix.lower() in IMAGE_SUFFIXES))
        else:
            images.append(path)
    return cases, [str(x) for x in images]


class FileIntake(QObject):
    """Signals: ``fileSorted(file, kind)`` for each usable file (the window adds it and
    calls :meth:`count_added` when it was new), ``problem(message)`` for an unusable one,
    ``progress(text, fraction)`` while sorting, ``sortingEnded(added, check_queued,
    auto_check)`` when all are sorted, ``certificateRead(file, reading, crops)`` /
    ``certificateFailed(file, reason)``, ``pagesScanned(files, note)`` and ``scanFailed(message)``.
    """

    fileSorted = Signal(str, str)
    problem = Signal(str)
    progress = Signal(str, float)
    sortingEnded = Signal(int, bool, bool)
    certificateRead = Signal(str, object, object)
    certificateFailed = Signal(str, str)
    pagesScanned = Signal(list, str)  # files, the note saying where they are
    scanFailed = Signal(str)

    def __init__(self, scan_folder: Callable[[], Path], parent: QWidget) -> None:
        super().__init__(parent)
        self._window = parent  # the dialogs' parent
        self._scan_folder = scan_folder  # where scanned pages go now
        self.sorter = FileSorter(parent=self)
        self.sorter.sorted.connect(self._on_file_sorted)
        self.sorter.failed.connect(self._on_file_unusable)
        self.sorter.idle.connect(self._on_sorting_idle)
        self._total = 0  # files of the current sorting run (reset when it ends)
        self._done = 0
        self._added = 0
        self.check_after_sorting = False  # Check was pressed while files were sorted
        self._auto_check = False  # dropped files: check when sorted if the case is complete
        self.certificate_reader = CertificateReader(parent=self)
        self.certificate_reader.done.connect(self.certificateRead)
        self.certificate_reader.failed.connect(
            lambda file, exc: self.certificateFailed.emit(
                file, reason_without_path(exc, Path(file))))
        self.scan_dialog = None  # made on first use, kept (its threads end with it)

    # --- sorting ------------------------------------------------------------------------
    def is_busy(self) -> bool:
        """Whether added files are still being sorted in the background."""
        return self.sorter.is_busy()

    def sort(self, files: list[str], auto_check: bool) -> None:
        """Sort ``files`` in the background (``auto_check``: check the case when they are
        sorted, if it is complete)."""
        self._total += len(files)
        self._auto_check = auto_check
        self.sorter.add(files)
        self._show_progress()

    def count_added(self) -> None:
        """The file just announced was new in the case."""
        self._added += 1

    def check_when_sorted(self) -> None:
        """Check the case once sorting ends (Check was pressed meanwhile)."""
        self.check_after_sorting = True
        self._show_progress()

    def cancel(self) -> tuple[int, int]:
        """Stop sorting; (files left out, files added before). A queued check is dropped."""
        self.check_after_sorting = self._auto_check = False
        if not self.sorter.is_busy():
            return 0, 0
        left = self.sorter.cancel()
        added = self._added
        self._end()
        return left, added

    def drop(self) -> bool:
        """Forget the files being sorted (another case begins); whether there were any."""
        busy = self.sorter.is_busy()
        if busy:
            self.sorter.cancel()
            self._end()
        self.check_after_sorting = self._auto_check = False
        return busy

    def _on_file_sorted(self, _job: int, file: str, kind: str) -> None:
        self._done += 1
        self.fileSorted.emit(file, kind)
        self._show_progress()

    def _on_file_unusable(self, _job: int, file: str, exc: BaseException) -> None:
        self._done += 1
        path = Path(file)
        if isinstance(exc, (ImageTooLargeError, UnsupportedFormatError)):  # the reason
            self.problem.emit(translate(  # says what to do; the file is not damaged
                "MainWindow", "Cannot use {file}: {reason}.").format(
                file=path.name, reason=reason_text(exc, path)))
        elif isinstance(exc, VincheckError):
            self.problem.emit(translate("MainWindow", "Cannot use {file}: {reason}. Check "
                                        "that it is a PNG, JPEG, TIFF or BMP scan or photo "
                                        "and not damaged, then add it again.").format(
                file=path.name, reason=reason_text(exc, path)))
        else:  # a file never crashes the window
            self.problem.emit(translate("MainWindow", "Cannot use {file}: {reason}.").format(
                file=path.name, reason=str(exc)))
        self._show_progress()

    def _on_sorting_idle(self) -> None:
        added = self._added
        self._end()
        queued, auto = self.check_after_sorting, self._auto_check
        self.check_after_sorting = self._auto_check = False
        self.sortingEnded.emit(added, queued, auto)

    def _end(self) -> None:
        self._total = self._done = self._added = 0

    def _show_progress(self) -> None:
        total = self._total
        if not total:
            return
        text = translate("MainWindow", "Sorting files… {done} of {total}").format(
            done=self._done, total=total)
        if self.check_after_sorting:
            text += "\n" + translate("MainWindow", "The check starts when the files are sorted.")
        self.progress.emit(text, self._done / total)

    # --- the certificate, dialogs ---------------------------------------------------------
    def read_certificate(self, file: str) -> None:
        """Read a certificate in the background (``certificateRead`` / ``...Failed``)."""
        self.certificate_reader.read(file)

    def open_files_dialog(self) -> list[str]:
        """The files the operator chose to add (none when cancelled)."""
        paths, _ = QFileDialog.getOpenFileNames(
            self._window, translate("MainWindow", "Open scans and photos"), "",
            translate("MainWindow",
                      "Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.pdf);;Case files (*.json)"))
        return paths

    def open_case_dialog(self) -> str:
        """The case file the operator chose ("" when cancelled)."""
        path, _ = QFileDialog.getOpenFileName(
            self._window, translate("MainWindow", "Open case file"), "",
            translate("MainWindow", "Case files (*.json)"))
        return path

    def scan_pages_dialog(self) -> None:
        """Open the scan dialog; scanned pages are announced with ``pagesScanned``, a
        failed or cancelled scan leaves the case as it was."""
        from vincheck.gui.scan_dialog import ScanDialog

        dialog = self.scan_dialog
        if dialog is not None and dialog.isVisible():
            dialog.raise_()
            return
        if dialog is None:  # one dialog per window, kept (its threads end with it)
            dialog = ScanDialog(self._scan_folder(), self._window)
            dialog.scanned.connect(self._on_pages_scanned)
            dialog.failed.connect(self.scanFailed)
            self.scan_dialog = dialog
        dialog.out_dir = self._scan_folder()
        dialog.open()
        if not dialog.is_scanning():
            dialog.find_devices()

    def _on_pages_scanned(self, files: list[str]) -> None:
        if files:
            self.pagesScanned.emit(files, translate(
                "MainWindow", "{n} scanned page(s) saved in {folder} and added to the "
                "case.").format(n=len(files), folder=str(Path(files[0]).parent)))

    def shutdown(self) -> None:
        """Stop the background work (the window is closing)."""
        self.sorter.shutdown()
        self.certificate_reader.shutdown()
        if self.scan_dialog is not None:
            self.scan_dialog.shutdown()
