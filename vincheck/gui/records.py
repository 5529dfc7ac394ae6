"""The main window's link to the records store: opened on first use, finished checks
recorded (never the bundled sample), decisions saved with their record, the history
dialog, and a recorded case read back.

:class:`Records` owns the store connection and the history dialog; every failure becomes
``problem(message, level)`` for the window's message bar, never an exception. Texts keep
the ``MainWindow`` context."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from vincheck.findings import CaseResult, Decision
from vincheck.gui.case_model import is_sample_case
from vincheck.inspection import CaseInput
from vincheck.settings import Settings

translate = QCoreApplication.translate
StoreFactory = Callable[[Settings], Any]


class Records(QObject):
    """Signals: ``problem(message, level)`` ("error", "warning" or "info") and
    ``recordOpened(case_id)`` when the operator opens a record from the history.
    ``store_factory`` replaces how the store is opened (tests)."""

    problem = Signal(str, str)
    recordOpened = Signal(int)

    def __init__(self, settings: Callable[[], Settings], store_factory: StoreFactory | None,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self._window = parent  # the history dialog's parent
        self._settings = settings  # the settings as they are now
        self.store_factory = store_factory
        self._store: Any = None
        self.history_dialog: QDialog | None = None

    def store(self) -> Any:
        """The store, opened now if it is not yet (None when it cannot be)."""
        if self._store is not None:
            return self._store
        settings = self._settings()
        try:
            if self.store_factory is not None:
                self._store = self.store_factory(settings)
            else:
                from vincheck.store import open_store

                # a shared database: retry a lost connection briefly, the window waits
                self._store = open_store(None, settings=settings, retry_s=3.0,
                                         connect_timeout_s=3)
        except ImportError:
            self.problem.emit(translate("MainWindow", "The records store is not available in "
                                        "this installation; results are not recorded."),
                              "warning")
            return None
        except Exception as exc:  # noqa: BLE001
            if _unreachable(exc):
                self.problem.emit(_unreachable_text(exc), "error")
                return None
            self.problem.emit(translate("MainWindow", "The records database cannot be opened: "
                                        "{reason}. Check its location in Settings.").format(
                reason=exc), "error")
            return None
        return self._store

    def record(self, case: CaseInput, result: CaseResult) -> int | None:
        """Record a finished check; its record id, or None when it was not recorded (the
        sample case, or the store failed: the window shows the result all the same)."""
        if is_sample_case(case):  # a demonstration, not a vehicle
            self.problem.emit(translate("MainWindow", "This is the bundled sample case: it is "
                                        "not recorded as a vehicle. Press Ctrl+N for the "
                                        "next vehicle."), "info")
            return None
        store = self.store()
        if store is None:
            return None
        settings = self._settings()
        try:
            return store.record_case(case, result, station=settings.station,
                                     operator=settings.operator, source="gui")
        except Exception as exc:  # noqa: BLE001 - recording never loses the UI state
            if _unreachable(exc):
                self.problem.emit(_unreachable_text(exc), "error")
                return None
            self.problem.emit(translate("MainWindow", "The result is shown but could not be "
                                        "recorded: {reason}").format(reason=exc), "error")
            return None

    def save_decisions(self, record_id: int, decisions: list[Decision]) -> None:
        """Save the operator's decisions with their record."""
        store = self.store()
        if store is None:
            return
        try:
            store.update_decisions(record_id, decisions)
        except Exception as exc:  # noqa: BLE001 - never lose the UI state
            self.problem.emit(translate("MainWindow", "The decision is shown but could not be "
                                        "saved in the records: {reason}").format(reason=exc),
                              "error")

    def read_case(self, case_id: int) -> tuple[CaseInput, CaseResult] | None:
        """A recorded case and its result (None, with a message, when it cannot be read)."""
        store = self.store()
        if store is None:
            return None
        try:
            case, result, _meta = store.get_case(int(case_id), track=True)
        except Exception as exc:  # noqa: BLE001
            self.problem.emit(translate("MainWindow", "Cannot open record {id}: {reason}")
                              .format(id=case_id, reason=exc), "error")
            return None
        return case, result

    def meta_if_open(self, record_id: int | None) -> dict | None:
        """The record's station, operator and time for a report, when the store is open
        already (the report can do without)."""
        if record_id is None or self._store is None:
            return None
        try:
            return self._store.get_case(record_id)[2]
        except Exception:  # noqa: BLE001
            return None

    def show_history(self) -> None:
        """Show the history dialog (made on first use); a record opened there is
        announced with ``recordOpened``."""
        try:
            from vincheck.gui.history_view import HistoryView
        except ImportError:
            self.problem.emit(translate("MainWindow", "The history view is not available in "
                                        "this installation."), "warning")
            return
        store = self.store()
        if store is None:
            return
        if self.history_dialog is None:
            dlg = QDialog(self._window)
            dlg.setWindowTitle(translate("MainWindow", "History"))
            dlg.resize(1000, 600)
            lay = QVBoxLayout(dlg)
            try:
                view = HistoryView(store, dlg)
            except Exception as exc:  # noqa: BLE001
                self.problem.emit(translate("MainWindow", "The history cannot be shown: "
                                            "{reason}").format(reason=exc), "error")
                return
            view.caseOpened.connect(self.recordOpened)
            lay.addWidget(view)
            self.history_dialog = dlg
        self.history_dialog.show()
        self.history_dialog.raise_()

    def close(self) -> None:
        """Close the store (the next use opens it again, e.g. after the database moved)."""
        if self._store is not None:
            try:
                self._store.close()
            except Exception:  # noqa: BLE001
                pass
        self._store = None

    def database_changed(self) -> None:
        """The settings name another database: close this one and forget its history."""
        if self._store is not None:
            self.close()
            self.history_dialog = None


def _unreachable(exc: BaseException) -> bool:
    from vincheck.store.records import StoreUnavailable

    return isinstance(exc, StoreUnavailable)


def _unreachable_text(exc: BaseException) -> str:
    return translate("MainWindow", "The shared records database is unreachable; this result "
                     "is shown but NOT recorded. Check the network, then check the case "
                     "again to record it. ({reason})").format(reason=exc)
