"""The main window and the records store: recording finished checks, the history dialog
and opening a recorded case again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QVBoxLayout

from vincheck.findings import CaseResult
from vincheck.gui.window_case import is_sample_case

# Texts keep the "MainWindow" translation context of the window they belong to:
# pyside6-lupdate files ``self.tr()`` under the enclosing class, so a mixin uses
# ``translate("MainWindow", ...)`` with the literal context instead.
translate = QCoreApplication.translate


class RecordsMixin:
    """The records store of :class:`~vincheck.gui.main_window.MainWindow`, opened on first
    use (``store_factory`` replaces how, for tests); failures become messages."""

    def _get_store(self) -> Any:
        if self._store is not None:
            return self._store
        try:
            if self.store_factory is not None:
                self._store = self.store_factory(self.settings)
            else:
                from vincheck.store import open_store

                # a shared database: retry a lost connection briefly, the window waits
                self._store = open_store(None, settings=self.settings, retry_s=3.0,
                                         connect_timeout_s=3)
        except ImportError:
            self.messages.add(translate("MainWindow", "The records store is not available in "
                                        "this installation; results are not recorded."),
                              "warning")
            return None
        except Exception as exc:  # noqa: BLE001
            if _unreachable(exc):
                self.messages.add(_unreachable_text(exc))
                return None
            self.messages.add(translate("MainWindow", "The records database cannot be opened: "
                                        "{reason}. Check its location in Settings.").format(
                reason=exc))
            return None
        return self._store

    def _record(self, result: CaseResult) -> None:
        if not self.record or self.result_case is None:
            return
        if is_sample_case(self.result_case):  # a demonstration, not a vehicle
            self.messages.add(translate("MainWindow", "This is the bundled sample case: it is "
                                        "not recorded as a vehicle. Press Ctrl+N for the "
                                        "next vehicle."), "info")
            return
        store = self._get_store()
        if store is None:
            return
        try:
            self.record_id = store.record_case(self.result_case, result,
                                               station=self.settings.station,
                                               operator=self.settings.operator, source="gui")
        except Exception as exc:  # noqa: BLE001 - recording never loses the UI state
            if _unreachable(exc):
                self.messages.add(_unreachable_text(exc))
                return
            self.messages.add(translate("MainWindow", "The result is shown but could not be "
                                        "recorded: {reason}").format(reason=exc))

    def show_history(self) -> None:
        try:
            from vincheck.gui.history_view import HistoryView
        except ImportError:
            self.messages.add(translate("MainWindow", "The history view is not available in "
                                        "this installation."), "warning")
            return
        store = self._get_store()
        if store is None:
            return
        if self._history_dialog is None:
            dlg = QDialog(self)
            dlg.setWindowTitle(translate("MainWindow", "History"))
            dlg.resize(1000, 600)
            lay = QVBoxLayout(dlg)
            try:
                view = HistoryView(store, dlg)
            except Exception as exc:  # noqa: BLE001
                self.messages.add(translate("MainWindow", "The history cannot be shown: "
                                            "{reason}").format(reason=exc))
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
            case, result, _meta = store.get_case(int(case_id), track=True)
        except Exception as exc:  # noqa: BLE001
            self.messages.add(translate("MainWindow", "Cannot open record {id}: {reason}").format(
                id=case_id, reason=exc))
            return False
        self.new_case(case)
        self.record_id = int(case_id)
        missing = [f for f in case.files() if not Path(f).exists()]
        if missing:
            self.messages.add(translate("MainWindow", "{n} file(s) of this record are no longer "
                                        "where they were; their images cannot be shown.").format(
                n=len(missing)), "warning")
        self.show_result(result, case)
        return True


def _unreachable(exc: BaseException) -> bool:
    from vincheck.store.records import StoreUnavailable

    return isinstance(exc, StoreUnavailable)


def _unreachable_text(exc: BaseException) -> str:
    return translate("MainWindow", "The shared records database is unreachable; this result "
                     "is shown but NOT recorded. Check the network, then check the case "
                     "again to record it. ({reason})").format(reason=exc)
