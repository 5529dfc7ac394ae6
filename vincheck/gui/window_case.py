"""One vehicle after another in the main window: a new case, a result that never outlives
the inputs it was computed from, the bundled sample kept out of the records, and the
operator's name asked for before the first record.

A result belongs to the inputs it was checked with (``result_case``): as soon as the
panel's inputs differ from them (a file added, removed or re-sorted, another expected VIN,
vehicle kind, colour or DPI) the result is cleared from the screen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit

from vincheck.gui.case_model import case_key, is_sample_case
from vincheck.inspection import CaseInput

# Texts keep the "MainWindow" translation context of the window they belong to:
# pyside6-lupdate files ``self.tr()`` under the enclosing class, so a mixin uses
# ``translate("MainWindow", ...)`` with the literal context instead.
translate = QCoreApplication.translate


class CaseLifecycleMixin:
    """New case, stale results, the sample case and the operator's name for
    :class:`~vincheck.gui.main_window.MainWindow`."""

    def next_vehicle(self) -> None:
        """Start an empty case for the next vehicle (Ctrl+N): files, VIN, kind, colour,
        DPI, verdict, evidence and messages are cleared; the VIN field gets the focus."""
        self.new_case(CaseInput())
        self.statusBar().showMessage(translate("MainWindow", "New case: enter the VIN from the "
                                               "certificate and add the files."), 5000)
        self.panel.vin_edit.setFocus()

    def _case_inputs_changed(self) -> None:
        """The panel's inputs changed: a result computed from other inputs leaves the
        screen at once (a running check is dropped when it ends)."""
        if self.result is None or self.thread is not None:
            return
        if case_key(self.panel.case_input()) == case_key(self.result_case):
            return
        self.discard_result()
        self.messages.add(translate("MainWindow", "The case was changed, so its result was "
                                    "cleared. Press F5 to check it again."), "info")

    def discard_result(self) -> None:
        """Clear the result, its evidence and its record link (the inputs stay)."""
        self.show_no_result()
        self.panel.set_progress(0.0, "")  # "check finished in …" belonged to that result
        self.result_case = None
        self.record_id = None
        self.decisions.set_result(None)
        self._sync_review_actions()

    def case_is_sample(self) -> bool:
        """Whether the case on screen is the bundled sample (never recorded)."""
        return is_sample_case(self.result_case or self.panel.case_input())

    def ensure_operator(self) -> bool:
        """The operator's name is known (asked for now when it is not; kept in the
        settings); False when the operator gave none."""
        if self.settings.operator.strip():
            return True
        name = (self.ask_operator_name() or "").strip()
        if not name:
            self.messages.add(translate("MainWindow", "Enter your name as operator first: it "
                                        "goes on every record and report (Settings ▸ "
                                        "Operator name)."), "warning")
            return False
        self.settings.operator = name
        self._save_settings()
        self.status_zoom.setText(self._operator_text())
        return True

    def ask_operator_name(self) -> str:
        """Ask the operator for their name (a dialog; tests replace this method)."""
        name, ok = QInputDialog.getText(
            self, translate("MainWindow", "Operator"),
            translate("MainWindow", "Your name as operator (kept in the settings; it goes on "
                      "every record and report):"), QLineEdit.EchoMode.Normal,
            self.settings.operator)
        return name if ok else ""

    def _auto_check_ready(self) -> bool:
        """A dropped case is complete enough to check by itself: a valid expected VIN, at
        least one rubbing sheet and one photo."""
        case = self.panel.case_input()
        return bool(case.expected_vin and self.panel.vin_valid() and case.rubbing_files
                    and case.photo_files)
