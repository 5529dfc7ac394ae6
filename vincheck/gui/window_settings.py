"""The main window's operator and settings: the operator's name (asked once, kept in the
settings, on every record and report), the settings dialog and what follows from a change
(the image size cap, the records database, the language, a result computed under other
judging settings marked stale), saving the settings and loading them at start-up with a
note of what had to be reset. Texts keep the ``MainWindow`` context."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit

from vincheck.errors import VincheckError
from vincheck.gui.image_loader import default_load_function
from vincheck.settings import Settings, load_settings_checked, save_settings

translate = QCoreApplication.translate


class WindowSettings:
    """Base of :class:`~vincheck.gui.main_window.MainWindow`: the operator and the
    settings (uses the window's ``settings``, ``messages``, ``status_zoom``, ``viewer``,
    ``records``, ``results`` and its language methods)."""

    settings: Settings

    def _operator_text(self) -> str:
        who = self.settings.operator or translate("MainWindow", "no operator name (Settings)")
        station = self.settings.station
        return translate("MainWindow", "Operator: {who}").format(who=who) + \
            (f" · {station}" if station else "")

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
                      "every record and report):"),
            QLineEdit.EchoMode.Normal, self.settings.operator)
        return name if ok else ""

    def settings_dialog(self) -> None:
        from vincheck.gui.settings_dialog import SettingsDialog

        dlg = SettingsDialog(self.settings, self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        new = dlg.result_settings()
        if new == self.settings:
            return  # nothing changed: the settings file is left as it is
        old, self.settings = self.settings, new
        self._save_settings()
        if new.max_image_pixels != old.max_image_pixels and not self._custom_loader:
            self.viewer.set_load_function(default_load_function(new.max_image_pixels))
        if new.database_path != old.database_path:
            self.records.database_changed()
        if new.language != old.language:  # as from the menu: messages of the old one go
            self.switch_language(new.language)
        else:
            self.retranslate()
        self.results.settings_changed()  # a result under other judging settings: stale

    def _save_settings(self) -> None:
        try:
            save_settings(self.settings)
        except OSError as exc:
            self.messages.add(translate("MainWindow", "The settings could not be saved: "
                                        "{reason}").format(reason=exc))


def load_settings_safely() -> tuple[Settings, str]:
    """The saved settings and, when values had to be reset, a message saying which (in
    the settings' language)."""
    try:
        load = load_settings_checked()
    except VincheckError as exc:
        return Settings(), str(exc)
    return load.settings, load.message(load.settings.language)
