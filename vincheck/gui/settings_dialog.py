"""Settings dialog: station and operator, language, Tesseract, database, default scan DPI
and every tolerance of :class:`~vincheck.settings.RubbingSettings` /
:class:`~vincheck.settings.PhotoSettings` (defaults = the regulation)."""

from __future__ import annotations

import copy
from dataclasses import fields

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from vincheck.gui import texts
from vincheck.settings import PhotoSettings, RubbingSettings, Settings

LANGUAGES = [("zh_CN", "简体中文"), ("en", "English")]


def _spin_for(name: str, value: float | None) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    if name.endswith("_deg"):
        spin.setRange(0.0, 360.0)
        spin.setDecimals(1)
    elif name.endswith("_mm"):
        spin.setRange(0.0, 1000.0)
        spin.setDecimals(2)
        spin.setSingleStep(0.1)
    elif "luma" in name or "sharpness" in name:
        spin.setRange(0.0, 100000.0)
        spin.setDecimals(1)
    elif name.endswith("dpi"):
        spin.setRange(0.0, 4800.0)
        spin.setDecimals(0)
        spin.setSingleStep(50)
    else:  # shares, ratios, confidences
        spin.setRange(0.0, 10.0)
        spin.setDecimals(3)
        spin.setSingleStep(0.01)
    spin.setValue(float(value or 0.0))
    return spin


class SettingsDialog(QDialog):
    """Edit a copy of the settings; :meth:`result_settings` returns the edited copy."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = copy.deepcopy(settings)
        self._editors: dict[tuple[str, str], QWidget] = {}
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)

        general = QWidget()
        form = QFormLayout(general)
        self.operator = QLineEdit(settings.operator)
        self.station = QLineEdit(settings.station)
        self.language = QComboBox()
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.tesseract = QLineEdit(settings.tesseract_cmd or "")
        self.tesseract.setPlaceholderText(self.tr("search PATH"))
        tess_row = self._with_browse(self.tesseract, self._browse_tesseract)
        self.database = QLineEdit(settings.database_path or "")
        self.database.setPlaceholderText(self.tr("default location"))
        db_row = self._with_browse(self.database, self._browse_database)
        self.default_dpi = _spin_for("default_dpi", settings.rubbing.default_dpi)
        self.default_dpi.setSpecialValueText(self.tr("unknown"))
        self.auto_check = QCheckBox(self.tr("Check a dropped complete case at once"))
        self.auto_check.setChecked(settings.auto_check_on_drop)
        form.addRow(self.tr("Operator name"), self.operator)
        form.addRow(self.tr("Station name"), self.station)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Tesseract program"), tess_row)
        form.addRow(self.tr("Records database"), db_row)
        form.addRow(self.tr("Default scan resolution (DPI)"), self.default_dpi)
        form.addRow("", self.auto_check)
        self.tabs.addTab(general, self.tr("General"))
        self.tabs.addTab(self._tolerance_tab("rubbing", settings.rubbing),
                         self.tr("Rubbing (Annex 2)"))
        self.tabs.addTab(self._tolerance_tab("photo", settings.photo), self.tr("Photo (Annex 1)"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.RestoreDefaults)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        restore = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.setText(self.tr("Regulation defaults"))
        restore.clicked.connect(self.restore_defaults)
        layout.addWidget(buttons)
        self.setWindowTitle(self.tr("Settings"))

    def _with_browse(self, edit: QLineEdit, slot) -> QWidget:  # noqa: ANN001
        w = QWidget()
        row = QHBoxLayout(w)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        b = QPushButton(self.tr("Browse…"))
        b.clicked.connect(slot)
        row.addWidget(b)
        return w

    def _tolerance_tab(self, section: str, values: RubbingSettings | PhotoSettings) -> QWidget:
        inner = QWidget()
        form = QFormLayout(inner)
        for f in fields(values):
            if f.name == "default_dpi":
                continue
            value = getattr(values, f.name)
            label = texts.tr(texts.SETTINGS_LABELS.get(f.name, f.name))
            if isinstance(value, bool):
                editor: QWidget = QCheckBox()
                editor.setChecked(value)  # type: ignore[attr-defined]
            else:
                editor = _spin_for(f.name, value)
            editor.setObjectName(f"{section}.{f.name}")
            self._editors[(section, f.name)] = editor
            form.addRow(label, editor)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        return scroll

    def _browse_tesseract(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Tesseract program"))
        if path:
            self.tesseract.setText(path)

    def _browse_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Records database"),
                                              self.database.text(), "SQLite (*.sqlite *.db)")
        if path:
            self.database.setText(path)

    def restore_defaults(self) -> None:
        """Put every tolerance back to the regulation's value (names are kept)."""
        defaults = {"rubbing": RubbingSettings(), "photo": PhotoSettings()}
        for (section, name), editor in self._editors.items():
            value = getattr(defaults[section], name)
            if isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif isinstance(editor, QDoubleSpinBox):
                editor.setValue(float(value or 0.0))
        self.default_dpi.setValue(0.0)

    def editor(self, section: str, name: str) -> QWidget:
        return self._editors[(section, name)]

    def result_settings(self) -> Settings:
        """The settings as edited in the dialog."""
        s = copy.deepcopy(self._settings)
        s.operator = self.operator.text().strip()
        s.station = self.station.text().strip()
        s.language = str(self.language.currentData())
        s.tesseract_cmd = self.tesseract.text().strip() or None
        s.database_path = self.database.text().strip() or None
        s.auto_check_on_drop = self.auto_check.isChecked()
        dpi = self.default_dpi.value() or None
        s.rubbing.default_dpi = dpi
        s.photo.default_dpi = dpi
        for (section, name), editor in self._editors.items():
            target = s.rubbing if section == "rubbing" else s.photo
            if isinstance(editor, QCheckBox):
                setattr(target, name, editor.isChecked())
            elif isinstance(editor, QDoubleSpinBox):
                setattr(target, name, float(editor.value()))
        return s
