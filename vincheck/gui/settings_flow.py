"""The settings in force in the main window and the operator's name: loaded at start-up
(with a note of what had to be reset), saved on every change, edited in the settings
dialog, and the operator asked for their name once (kept in the settings; it goes on
every record and report).

:class:`SettingsFlow` owns ``settings``; ``changed(old, new)`` says the dialog's OK
changed something (the window follows: the image size cap, the records database, the
language, a result computed under other judging settings marked stale),
``operatorNamed()`` that the operator gave their name, ``note(message, level)`` what
the message bar shows. Texts keep the ``MainWindow`` context."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from vincheck.errors import VincheckError
from vincheck.settings import Settings, load_settings_checked, save_settings

translate = QCoreApplication.translate


class SettingsFlow(QObject):
    """``settings`` None: the saved ones (``load_note`` says what had to be reset);
    ``ask_name()`` asks the operator for their name ("" when they gave none)."""

    changed = Signal(object, object)  # old, new Settings
    operatorNamed = Signal()
    note = Signal(str, str)  # message, level

    def __init__(self, settings: Settings | None, ask_name: Callable[[], str],
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.load_note = ""  # what the settings loader had to reset
        if settings is None:
            settings, self.load_note = load_settings_safely()
        self.settings = settings
        self._ask_name = ask_name
        self._window = parent  # the dialog's parent

    def operator_text(self) -> str:
        """"Operator: <name> · <station>" for the status bar."""
        who = self.settings.operator or translate("MainWindow", "no operator name (Settings)")
        station = self.settings.station
        return translate("MainWindow", "Operator: {who}").format(who=who) + \
            (f" · {station}" if station else "")

    def ensure_operator(self) -> bool:
        """The operator's name is known (asked for now when it is not; kept in the
        settings); False when the operator gave none."""
        if self.settings.operator.strip():
            return True
        name = (self._ask_name() or "").strip()
        if not name:
            self.note.emit(translate("MainWindow", "Enter your name as operator first: it "
                                     "goes on every record and report (Settings ▸ Operator "
                                     "name)."), "warning")
            return False
        self.settings.operator = name
        self.save()
        self.operatorNamed.emit()
        return True

    def open_dialog(self) -> None:
        """The settings dialog; its OK keeps and saves what changed (``changed``)."""
        from vincheck.gui.settings_dialog import SettingsDialog

        dlg = SettingsDialog(self.settings, self._window)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        new = dlg.result_settings()
        if new == self.settings:
            return  # nothing changed: the settings file is left as it is
        old, self.settings = self.settings, new
        self.save()
        self.changed.emit(old, new)

    def save(self) -> None:
        try:
            save_settings(self.settings)
        except OSError as exc:
            self.note.emit(translate("MainWindow", "The settings could not be saved: "
                                     "{reason}").format(reason=exc), "error")


def load_settings_safely() -> tuple[Settings, str]:
    """The saved settings and, when values had to be reset, a message saying which (in
    the settings' language)."""
    try:
        load = load_settings_checked()
    except VincheckError as exc:
        return Settings(), str(exc)
    return load.settings, load.message(load.settings.language)
