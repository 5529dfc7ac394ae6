"""Settings dialog: one editor per setting, made from the setting's own description
(:data:`vincheck.settings.SPECS`: kind, unit, range, step, Chinese / English name).

Numbers get spin boxes bounded by the setting's range (a value outside it cannot be
typed), whole numbers integer spin boxes, yes/no a check box, choices a list, paths a
line with "Browse…". Only editors the user changed are written back, so accepting the
dialog unchanged returns settings equal to the ones given. The regulation's own limits
are read-only unless the station administrator unlocked them
(:func:`vincheck.settings.regulation_unlocked`).
"""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from vincheck.gui.i18n import current_language
from vincheck.settings import (
    SPECS,
    UNIT_TEXT,
    Settings,
    SettingSpec,
    get_value,
    regulation_unlocked,
    set_value,
)

translate = QCoreApplication.translate

# tab of each settings group, in this order
GROUPS = (
    ("general", QT_TRANSLATE_NOOP("SettingsDialog", "General")),
    ("rubbing", QT_TRANSLATE_NOOP("SettingsDialog", "Rubbing (Annex 2)")),
    ("photo", QT_TRANSLATE_NOOP("SettingsDialog", "Photo (Annex 1)")),
    ("advanced", QT_TRANSLATE_NOOP("SettingsDialog", "Advanced")),
)


class _OptionalSpin(QDoubleSpinBox):
    """A number that may be unknown: the minimum (0) shows as "unknown"; values between
    it and the setting's lower bound cannot be entered."""

    def __init__(self, lo: float) -> None:
        super().__init__()
        self._lo = lo

    def validate(self, text: str, pos: int) -> object:  # noqa: D102
        state = super().validate(text, pos)
        st = state[0] if isinstance(state, tuple) else state
        if st == QValidator.State.Acceptable:
            v = self.valueFromText(text)
            if 0 < v < self._lo:
                return (QValidator.State.Intermediate, text, pos)
        return state


def _suffix(spec: SettingSpec, lang: str) -> str:
    unit = UNIT_TEXT.get(spec.unit, ("", ""))[0 if lang.startswith("zh") else 1]
    if not unit or unit.startswith("("):
        return ""
    return unit if unit == "°" else f" {unit}"


class SettingsDialog(QDialog):
    """Edit a copy of the settings; :meth:`result_settings` returns the edited copy."""

    def __init__(self, settings: Settings, parent: QWidget | None = None, *,
                 unlocked: bool | None = None) -> None:
        super().__init__(parent)
        self._settings = copy.deepcopy(settings)
        self._unlocked = regulation_unlocked() if unlocked is None else unlocked
        self._editors: dict[str, QWidget] = {}
        self._initial: dict[str, Any] = {}
        lang = current_language()
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)
        forms = self._build_tabs()
        for key, spec in SPECS.items():
            if spec.in_dialog:
                self._add_row(forms[spec.group if spec.group in forms else "advanced"],
                              key, spec, lang)
        layout.addWidget(self._build_buttons())
        self.setWindowTitle(self.tr("Settings"))

    def _build_tabs(self) -> dict[str, QFormLayout]:
        """One scrolling tab per group of settings, each with its form (the tolerances'
        tabs open with a note on the regulation limits); the forms by group."""
        forms: dict[str, QFormLayout] = {}
        for group, title in GROUPS:
            inner = QWidget()
            form = QFormLayout(inner)
            if group in ("rubbing", "photo"):
                note = QLabel(self.tr("Limits marked ▣ are the regulation's own; they can "
                                      "be changed only after the station administrator "
                                      "unlocks them.") if not self._unlocked else
                              self.tr("The station administrator has unlocked the "
                                      "regulation limits (▣): a check made with changed "
                                      "limits is marked in its record and report."))
                note.setWordWrap(True)
                note.setObjectName(f"note.{group}")
                form.addRow(note)
            forms[group] = form
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(inner)
            self.tabs.addTab(scroll, translate("SettingsDialog", title))
        return forms

    def _add_row(self, form: QFormLayout, key: str, spec: SettingSpec, lang: str) -> None:
        """The setting ``key``: its label (▣ for a regulation limit) and editor, with its
        range and regulation value as tooltip; locked when it is a regulation limit and
        the limits are not unlocked."""
        editor = self._editor_for(spec, get_value(self._settings, key), lang)
        editor.setObjectName(key)
        if spec.regulation and not self._unlocked:
            self._lock(editor)
        tip = spec.label(lang)
        if spec.range_text() and spec.kind in ("int", "float"):
            tip += "\n" + self.tr("Range: {range}").format(range=spec.range_text())
        tip += "\n" + self.tr("Regulation value: {value}").format(
            value=spec.show(spec.default, lang)) if spec.regulation else ""
        editor.setToolTip(tip)
        label = QLabel(("▣ " if spec.regulation else "") + spec.label(lang))
        label.setToolTip(tip)
        form.addRow(label, editor)
        self._editors[key] = editor
        self._initial[key] = self._editor_value(spec, editor)

    def _build_buttons(self) -> QDialogButtonBox:
        """OK, Cancel and "Regulation defaults"."""
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.RestoreDefaults)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        restore = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.setText(self.tr("Regulation defaults"))
        restore.clicked.connect(self.restore_defaults)
        return buttons

    # --- editors --------------------------------------------------------------------------
    def _editor_for(self, spec: SettingSpec, value: Any, lang: str) -> QWidget:
        if spec.kind == "bool":
            box = QCheckBox()
            box.setChecked(bool(value))
            return box
        if spec.kind == "choice":
            combo = QComboBox()
            for code, zh, en in spec.choices:
                combo.addItem(zh if lang.startswith("zh") else en, code)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            return combo
        if spec.kind == "int":
            spin = QSpinBox()
            spin.setRange(int(spec.lo if spec.lo is not None else 0),
                          int(spec.hi if spec.hi is not None else 2**31 - 1))
            spin.setSingleStep(int(spec.step or 1))
            spin.setGroupSeparatorShown(spin.maximum() > 99_999)  # 150,000,000
            spin.setSuffix(_suffix(spec, lang))
            spin.setValue(int(value))
            return spin
        if spec.kind == "float":
            lo = float(spec.lo if spec.lo is not None else 0.0)
            hi = float(spec.hi if spec.hi is not None else 1e9)
            dspin: QDoubleSpinBox
            if spec.optional:
                dspin = _OptionalSpin(lo)
                dspin.setRange(0.0, hi)
                dspin.setSpecialValueText(self.tr("unknown"))
            else:
                dspin = QDoubleSpinBox()
                dspin.setRange(lo, hi)
            dspin.setDecimals(spec.decimals)
            dspin.setSingleStep(float(spec.step or 10 ** -spec.decimals))
            dspin.setSuffix(_suffix(spec, lang))
            dspin.setValue(0.0 if value is None else float(value))
            return dspin
        edit = QLineEdit("" if value is None else str(value))
        if spec.kind != "path":
            return edit
        edit.setPlaceholderText(self.tr("search PATH") if spec.key == "tesseract_cmd"
                                else self.tr("default location"))
        w = QWidget()
        row = QHBoxLayout(w)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        b = QPushButton(self.tr("Browse…"))
        b.clicked.connect(lambda: self._browse(spec, edit))
        row.addWidget(b)
        w.setProperty("line", edit)
        self._lines = getattr(self, "_lines", {})
        self._lines[spec.key] = edit
        return w

    @staticmethod
    def _lock(editor: QWidget) -> None:
        if isinstance(editor, (QSpinBox, QDoubleSpinBox)):
            editor.setReadOnly(True)
            editor.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
        editor.setEnabled(isinstance(editor, (QSpinBox, QDoubleSpinBox)))

    def _line(self, key: str) -> QLineEdit | None:
        return getattr(self, "_lines", {}).get(key)

    def _editor_value(self, spec: SettingSpec, editor: QWidget) -> Any:
        """The editor's value as the setting's type (None for "unknown" / empty)."""
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QSpinBox):
            return int(editor.value())
        if isinstance(editor, QDoubleSpinBox):
            v = round(float(editor.value()), spec.decimals)
            return None if spec.optional and v == 0 else v
        line = editor if isinstance(editor, QLineEdit) else self._line(spec.key)
        text = line.text().strip() if line is not None else ""
        return None if spec.optional and not text else text

    def _set_editor(self, spec: SettingSpec, editor: QWidget, value: Any) -> None:
        if isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value))
        elif isinstance(editor, QDoubleSpinBox):
            editor.setValue(0.0 if value is None else float(value))

    def _browse(self, spec: SettingSpec, edit: QLineEdit) -> None:
        if spec.key == "database_path":
            path, _ = QFileDialog.getSaveFileName(self, spec.label(current_language()),
                                                  edit.text(), "SQLite (*.sqlite *.db)")
        else:
            path, _ = QFileDialog.getOpenFileName(self, spec.label(current_language()))
        if path:
            edit.setText(path)

    # --- public ---------------------------------------------------------------------------
    def restore_defaults(self) -> None:
        """Put every tolerance of the rubbing and photo tabs back to the regulation's
        value (names, language and paths are kept)."""
        for key, editor in self._editors.items():
            spec = SPECS[key]
            if spec.group in ("rubbing", "photo"):
                self._set_editor(spec, editor, spec.default)

    def editor(self, key: str, name: str | None = None) -> QWidget:
        """The editor of one setting by dotted key (``editor("photo", "x")`` also works)."""
        return self._editors[f"{key}.{name}" if name else key]

    def result_settings(self) -> Settings:
        """The settings as edited: only the settings whose editor changed are written."""
        s = copy.deepcopy(self._settings)
        for key, editor in self._editors.items():
            spec = SPECS[key]
            value = self._editor_value(spec, editor)
            if value == self._initial[key]:
                continue
            if spec.kind == "text" and isinstance(value, str):
                value = value.strip()
            set_value(s, key, value)
        return s
