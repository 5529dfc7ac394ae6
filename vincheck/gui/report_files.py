"""The case as files: saving the case and its result as JSON, exporting the PDF report
(named ``<VIN>_<date>_<verdict>.pdf`` by default, in the window's language) and printing
it with a print preview (the printed pages are the PDF's, rendered by pypdfium2).

:class:`ReportFiles` reads the result from the case model and owns the folder of the last
export; ``saved(path)``, ``note(message, level)`` and ``status(message, ms)`` tell the
window what happened. Texts keep the ``MainWindow`` context."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QRectF, QStandardPaths, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QFileDialog, QWidget

from vincheck.gui.case_model import CaseModel
from vincheck.gui.i18n import current_language
from vincheck.settings import Settings

translate = QCoreApplication.translate


class ReportFiles(QObject):
    """Save, Export and Print of the main window. ``meta`` gives the record's station,
    operator and time for the report (None without); ``ensure_operator`` asks for the
    operator's name before a report names it."""

    saved = Signal(object)  # the case file written (Path)
    note = Signal(str, str)  # message, level ("error", "warning", "info")
    noteWithdrawn = Signal(str)  # a note about the result on screen, no longer true
    status = Signal(str, int)  # a passing message for the status bar, ms

    def __init__(self, model: CaseModel, has_files: Callable[[], bool],
                 settings: Callable[[], Settings], meta: Callable[[], dict | None],
                 ensure_operator: Callable[[], bool], parent: QWidget) -> None:
        super().__init__(parent)
        self._has_files = has_files  # the file list holds any file
        self._window = parent  # the dialogs' parent
        self._model = model
        self._settings = settings
        self._meta = meta
        self._ensure_operator = ensure_operator
        self.export_dir: Path | None = None  # the folder of the last export
        self._result_notes: list[str] = []  # said about the result on screen (or its lack)
        model.resultChanged.connect(self._withdraw_result_notes)

    def _result_note(self, text: str) -> None:
        """A warning about the result on screen (or that there is none): withdrawn when
        the result changes, so it never stands beside a result it was not about."""
        self._result_notes.append(text)
        self.note.emit(text, "warning")

    def _withdraw_result_notes(self) -> None:
        for text in self._result_notes:
            self.noteWithdrawn.emit(text)
        self._result_notes = []

    def save_dialog(self) -> None:
        m = self._model
        if m.result is None and not self._has_files():
            return
        start = str(m.case_path or Path.home() / "case.json")
        path, _ = QFileDialog.getSaveFileName(
            self._window, translate("MainWindow", "Save case and result"), start,
            translate("MainWindow", "Case files (*.json)"))
        if path:
            self.save_to(path)

    def save_to(self, path: str) -> bool:
        """Write the case, its result and the decisions as JSON."""
        from vincheck.case_files import save_case_result

        m = self._model
        stale = m.settings_stale()  # the result is not saved as if it were current
        result = None if stale else m.result
        case = m.result_case if result is not None and m.result_case else m.inputs()
        try:
            p = save_case_result(path, case, result)
        except OSError as exc:
            self.note.emit(translate("MainWindow", "Cannot save {path}: {reason}").format(
                path=path, reason=exc.strerror or exc), "error")
            return False
        m.case_path = p
        self.saved.emit(p)
        self.status.emit(translate("MainWindow", "Saved {path}").format(path=p), 5000)
        if stale:
            self._result_note(translate(
                "MainWindow", "The case was saved without its result: the result was "
                "computed with settings changed since. Check again (F5) and save to keep a "
                "result."))
        return True

    def refuse_stale(self) -> bool:
        """Say so and return True when the result on screen was computed under settings
        changed since (no report is made from it)."""
        if not self._model.settings_stale():
            return False
        self._result_note(translate("MainWindow", "No report from this result: it was "
                                    "computed with settings changed since. Check again "
                                    "(F5) first."))
        return True

    def export_dialog(self) -> None:
        if self._model.result is None:
            self._result_note(translate("MainWindow", "Run the check before exporting a "
                                        "report."))
            return
        if self.refuse_stale():
            return
        if not self._ensure_operator():  # the report names its operator, never "—"
            return
        path, _ = QFileDialog.getSaveFileName(
            self._window, translate("MainWindow", "Export PDF report"),
            str(self.default_report_path()), translate("MainWindow", "PDF files (*.pdf)"))
        if path:
            self.export_to(path)

    def default_report_path(self) -> Path:
        """``<VIN>_<date>_<verdict>.pdf`` in the folder of the last export (else the
        documents folder)."""
        from vincheck.export import report_filename

        folder = self.export_dir or Path(QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())
        assert self._model.result is not None
        return Path(folder) / report_filename(self._model.result, lang=current_language())

    def export_to(self, path: str) -> bool:
        try:
            from vincheck.export import write_case_pdf
        except ImportError:
            self.note.emit(translate("MainWindow", "PDF export is not available in this "
                                     "installation."), "warning")
            return False
        m = self._model
        if m.result is None or self.refuse_stale():
            return False
        try:
            write_case_pdf(m.result, m.result_case, path, settings=self._settings(),
                           meta=self._meta(), lang=current_language())
        except Exception as exc:  # noqa: BLE001
            self.note.emit(translate("MainWindow", "The PDF report could not be written: "
                                     "{reason}").format(reason=exc), "error")
            return False
        self.export_dir = Path(path).parent
        done = translate("MainWindow", "Report written: {path}").format(path=path)
        self.note.emit(done, "info")  # stays visible until the next case
        self.status.emit(done, 10000)
        return True

    # --- printing ---------------------------------------------------------------------
    def _report_for_print(self) -> Path | None:
        """The case's report written to a temporary PDF (None when there is no result)."""
        if self._model.result is None:
            self._result_note(translate("MainWindow", "Run the check before printing a "
                                        "report."))
            return None
        if self.refuse_stale():
            return None
        tmp = Path(tempfile.mkdtemp(prefix="vincheck-print-")) / "report.pdf"
        return tmp if self.export_to_silently(tmp) else None

    def export_to_silently(self, path: Path) -> bool:
        from vincheck.export import write_case_pdf

        try:
            write_case_pdf(self._model.result, self._model.result_case, path,
                           settings=self._settings(), lang=current_language())
        except Exception as exc:  # noqa: BLE001
            self.note.emit(translate("MainWindow", "The PDF report could not be written: "
                                     "{reason}").format(reason=exc), "error")
            return False
        return True

    def print_preview(self) -> None:
        """Show the report as it will be printed (Ctrl+P); print from the preview."""
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        pdf = self._report_for_print()
        if pdf is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dlg = QPrintPreviewDialog(printer, self._window)
        dlg.setWindowTitle(translate("MainWindow", "Print preview"))
        dlg.paintRequested.connect(lambda p: paint_pdf(pdf, p))
        self.preview_dialog = dlg
        if dlg.exec():
            self.status.emit(translate("MainWindow", "Report sent to the printer."), 10000)

    def print_report(self) -> None:
        """Print the report on a printer chosen in the print dialog."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        pdf = self._report_for_print()
        if pdf is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dlg = QPrintDialog(printer, self._window)
        if dlg.exec():
            paint_pdf(pdf, printer)
            self.note.emit(translate("MainWindow", "Report sent to the printer."), "info")


def paint_pdf(pdf: Path, printer: object, max_dpi: int = 300) -> int:
    """Draw every page of ``pdf`` on ``printer`` (a QPrinter / QPagedPaintDevice), each
    page rendered at the printer's resolution (at most ``max_dpi``) and fitted to the
    printable area; returns the number of pages."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    painter = QPainter()
    if not painter.begin(printer):  # type: ignore[arg-type]
        doc.close()
        return 0
    try:
        dpi = min(max_dpi, max(72, printer.resolution()))  # type: ignore[attr-defined]
        area = printer.pageLayout().paintRectPixels(printer.resolution())  # type: ignore
        for i in range(len(doc)):
            if i:
                printer.newPage()  # type: ignore[attr-defined]
            page = doc[i]
            pil = page.render(scale=dpi / 72).to_pil().convert("RGB")
            data = pil.tobytes()
            img = QImage(data, pil.width, pil.height, 3 * pil.width,
                         QImage.Format.Format_RGB888)
            s = min(area.width() / img.width(), area.height() / img.height())
            w, h = img.width() * s, img.height() * s
            painter.drawImage(QRectF((area.width() - w) / 2, (area.height() - h) / 2, w, h),
                              img)
        return len(doc)
    finally:
        painter.end()
        doc.close()
