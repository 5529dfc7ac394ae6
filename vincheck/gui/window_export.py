"""Saving the main window's case and result as JSON and exporting the PDF report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

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
                                              str(Path.home() / "vincheck-report.pdf"),
                                              translate("MainWindow", "PDF files (*.pdf)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> bool:
        try:
            from vincheck.export import write_case_pdf
        except ImportError:
            self.messages.add(translate("MainWindow", "PDF export is not available in this "
                                        "installation."), "warning")
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
            self.messages.add(translate("MainWindow", "The PDF report could not be written: "
                                        "{reason}").format(reason=exc))
            return False
        self.statusBar().showMessage(
            translate("MainWindow", "Report written: {path}").format(path=path), 5000)
        return True
