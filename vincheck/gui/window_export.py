"""Saving the main window's case and result as JSON, exporting the PDF report (named
``<VIN>_<date>_<verdict>.pdf`` by default, in the window's language) and printing it
with a print preview (the printed pages are the PDF's, rendered by pypdfium2)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, QStandardPaths
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QFileDialog

from vincheck.gui.i18n import current_language
from vincheck.gui.state import save_state

# Texts keep the "MainWindow" translation context of the window they belong to:
# pyside6-lupdate files ``self.tr()`` under the enclosing class, so a mixin uses
# ``translate("MainWindow", ...)`` with the literal context instead.
translate = QCoreApplication.translate


class SaveExportMixin:
    """Save (case JSON with result and decisions) and Export (PDF report) of
    :class:`~vincheck.gui.main_window.MainWindow`."""

    def save_dialog(self) -> None:
        if self.result is None and not self.panel.files():
            return
        start = str(self.case_path or Path.home() / "case.json")
        path, _ = QFileDialog.getSaveFileName(
            self, translate("MainWindow", "Save case and result"), start,
            translate("MainWindow", "Case files (*.json)"))
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
            self.messages.add(translate("MainWindow", "Cannot save {path}: {reason}").format(
                path=path, reason=exc.strerror or exc))
            return False
        self.case_path = p
        self.state.add_recent(p)
        save_state(self.state)
        self.statusBar().showMessage(translate("MainWindow", "Saved {path}").format(path=p),
                                     5000)
        return True

    def export_dialog(self) -> None:
        if self.result is None:
            self.messages.add(translate("MainWindow", "Run the check before exporting a report."),
                              "warning")
            return
        if not self.ensure_operator():  # the report names its operator, never "—"
            return
        path, _ = QFileDialog.getSaveFileName(self, translate("MainWindow", "Export PDF report"),
                                              str(self.default_report_path()),
                                              translate("MainWindow", "PDF files (*.pdf)"))
        if path:
            self.export_to(path)

    def default_report_path(self) -> Path:
        """``<VIN>_<date>_<verdict>.pdf`` in the folder of the last export (else the
        documents folder)."""
        from vincheck.export import report_filename

        folder = getattr(self, "_export_dir", None) or Path(QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())
        assert self.result is not None
        return Path(folder) / report_filename(self.result, lang=current_language())

    def export_to(self, path: str) -> bool:
        try:
            from vincheck.export import write_case_pdf
        except ImportError:
            self.messages.add(translate("MainWindow", "PDF export is not available in this "
                                        "installation."), "warning")
            return False
        if self.result is None:
            return False
        meta = self.records.meta_if_open(self.record_id)
        try:
            write_case_pdf(self.result, self.result_case, path, settings=self.settings,
                           meta=meta, lang=current_language())
        except Exception as exc:  # noqa: BLE001
            self.messages.add(translate("MainWindow", "The PDF report could not be written: "
                                        "{reason}").format(reason=exc))
            return False
        self._export_dir = Path(path).parent
        done = translate("MainWindow", "Report written: {path}").format(path=path)
        self.messages.add(done, "info")  # stays visible until the next case
        self.statusBar().showMessage(done, 10000)
        return True

    # --- printing ---------------------------------------------------------------------
    def _report_for_print(self) -> Path | None:
        """The case's report written to a temporary PDF (None when there is no result)."""
        if self.result is None:
            self.messages.add(translate("MainWindow", "Run the check before printing a "
                                        "report."), "warning")
            return None
        tmp = Path(tempfile.mkdtemp(prefix="vincheck-print-")) / "report.pdf"
        return tmp if self.export_to_silently(tmp) else None

    def export_to_silently(self, path: Path) -> bool:
        from vincheck.export import write_case_pdf

        try:
            write_case_pdf(self.result, self.result_case, path, settings=self.settings,
                           lang=current_language())
        except Exception as exc:  # noqa: BLE001
            self.messages.add(translate("MainWindow", "The PDF report could not be written: "
                                        "{reason}").format(reason=exc))
            return False
        return True

    def print_preview(self) -> None:
        """Show the report as it will be printed (Ctrl+P); print from the preview."""
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        pdf = self._report_for_print()
        if pdf is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dlg = QPrintPreviewDialog(printer, self)
        dlg.setWindowTitle(translate("MainWindow", "Print preview"))
        dlg.paintRequested.connect(lambda p: paint_pdf(pdf, p))
        self._preview_dialog = dlg
        if dlg.exec():
            self.statusBar().showMessage(translate("MainWindow", "Report sent to the printer."),
                                         10000)

    def print_report(self) -> None:
        """Print the report on a printer chosen in the print dialog."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        pdf = self._report_for_print()
        if pdf is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dlg = QPrintDialog(printer, self)
        if dlg.exec():
            paint_pdf(pdf, printer)
            self.messages.add(translate("MainWindow", "Report sent to the printer."), "info")


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
