"""The case panel: expected VIN (validated as typed), vehicle kind, colour, scan DPI, the
case's files sorted into rubbing sheets and photos (correctable), and the check controls."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication as Q
from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from vincheck.gui import texts
from vincheck.gui.certificate_box import CertificateBox
from vincheck.gui.file_list import KIND_VALUES, FileList
from vincheck.inspection import CaseInput
from vincheck.vin import VIN_LENGTH


def validate_vin_text(text: str) -> tuple[bool, str]:
    """(valid, reason in the current language) for a typed expected VIN; empty text is
    valid (no expected VIN). Uses :func:`vincheck.vin.validate`; when that module is not
    installed, only the length is checked."""
    from vincheck.errors import (
        VinCharacterError,
        VinCheckDigitError,
        VinError,
        VinLengthError,
        VinModelYearError,
    )

    cleaned = "".join(text.split()).upper()
    if not cleaned:
        return True, ""
    try:
        from vincheck.vin import validate
    except ImportError:
        validate = None
    try:
        if validate is None:
            if len(cleaned) != VIN_LENGTH:
                raise VinLengthError(cleaned)
        else:
            validate(cleaned)
    except VinLengthError as exc:
        return False, Q.translate("CasePanel", "a VIN has 17 characters, this has {n}").format(
            n=exc.length)
    except VinCharacterError as exc:
        return False, Q.translate(
            "CasePanel", "character {c} at position {p} is never used in a VIN "
            "(I, O, Q and signs are not allowed)").format(c=exc.char, p=exc.position)
    except VinCheckDigitError as exc:
        return False, Q.translate(
            "CasePanel", "check digit (position 9) should be {e}, not {f}").format(
            e=exc.expected, f=exc.found)
    except VinModelYearError as exc:
        return False, Q.translate(
            "CasePanel", "model-year code {c} (position 10) is never used").format(c=exc.code)
    except VinError as exc:
        return False, exc.message
    return True, ""


class CasePanel(QWidget):
    """Signals: ``fileActivated(path)`` when a file row is chosen, ``filesChanged()``,
    ``inputsChanged()`` when anything a check depends on changed (files, their kinds,
    expected VIN, vehicle kind, colour, DPI), ``checkRequested()``, ``cancelRequested()``,
    ``addRequested()``,
    ``certificateAdded(path)`` when a file becomes the case's certificate."""

    fileActivated = Signal(str)
    filesChanged = Signal()
    inputsChanged = Signal()
    checkRequested = Signal()
    cancelRequested = Signal()
    addRequested = Signal()
    certificateAdded = Signal(str)
    scanRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._build_case_box())
        self.certificate_box = CertificateBox()
        self.certificate_box.useRequested.connect(self.apply_value)
        layout.addWidget(self.certificate_box)
        layout.addWidget(self._build_files_box(), 1)
        self._build_run_controls(layout)
        self.vin_edit.textChanged.connect(self._validate_vin)
        self.vin_edit.textChanged.connect(self.inputsChanged)
        self.kind_combo.currentIndexChanged.connect(self.inputsChanged)
        self.colour_combo.currentIndexChanged.connect(self.inputsChanged)
        self.dpi_spin.valueChanged.connect(self.inputsChanged)
        self.filesChanged.connect(self.inputsChanged)
        self.retranslate()

    def _build_case_box(self) -> QGroupBox:
        """Expected VIN (with its status), vehicle kind, colour and scan DPI."""
        self.case_box = QGroupBox()
        form = QFormLayout(self.case_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.vin_edit = QLineEdit()
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSize(max(mono.pointSize(), 11))
        self.vin_edit.setFont(mono)
        self.vin_edit.setMaxLength(24)
        self.vin_edit.setClearButtonEnabled(True)
        self.vin_status = QLabel()
        self.vin_status.setWordWrap(True)
        self.kind_combo = QComboBox()
        self.colour_combo = QComboBox()
        self.dpi_spin = QSpinBox()
        self.dpi_spin.setRange(0, 4800)
        self.dpi_spin.setSingleStep(50)
        self.lbl_vin = QLabel()
        self.lbl_kind = QLabel()
        self.lbl_colour = QLabel()
        self.lbl_dpi = QLabel()
        form.addRow(self.lbl_vin)
        form.addRow(self.vin_edit)
        form.addRow(self.vin_status)
        form.addRow(self.lbl_kind, self.kind_combo)
        form.addRow(self.lbl_colour, self.colour_combo)
        form.addRow(self.lbl_dpi, self.dpi_spin)
        return self.case_box

    def _build_files_box(self) -> QGroupBox:
        """The file list with its Add, Scan and Remove buttons and the drop hint."""
        self.files_box = QGroupBox()
        fl = QVBoxLayout(self.files_box)
        self.file_tree = FileList()
        self.file_tree.fileActivated.connect(self.fileActivated)
        self.file_tree.filesChanged.connect(self.filesChanged)
        self.file_tree.certificateAdded.connect(self.certificateAdded)
        fl.addWidget(self.file_tree)
        row = QHBoxLayout()
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.addRequested)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.file_tree.remove_selected)
        self.scan_button = QPushButton()
        self.scan_button.clicked.connect(self.scanRequested)
        row.addWidget(self.add_button)
        row.addWidget(self.scan_button)
        row.addWidget(self.remove_button)
        fl.addLayout(row)
        self.drop_hint = QLabel()
        self.drop_hint.setWordWrap(True)
        self.drop_hint.setStyleSheet("color: #666;")
        fl.addWidget(self.drop_hint)
        return self.files_box

    def _build_run_controls(self, layout: QVBoxLayout) -> None:
        """Check and Cancel, the progress bar and its line."""
        run_row = QHBoxLayout()
        self.check_button = QPushButton()
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.checkRequested)
        self.cancel_button = QPushButton()
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancelRequested)
        run_row.addWidget(self.check_button, 2)
        run_row.addWidget(self.cancel_button, 1)
        layout.addLayout(run_row)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.progress_label = QLabel()
        self.progress_label.setWordWrap(True)
        layout.addWidget(self.progress)
        layout.addWidget(self.progress_label)

    # --- texts ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.case_box.setTitle(self.tr("Case"))
        self.lbl_vin.setText(self.tr("Expected VIN"))
        self.vin_edit.setPlaceholderText(self.tr("VIN from the certificate"))
        self.lbl_kind.setText(self.tr("Vehicle"))
        self.lbl_colour.setText(self.tr("Colour"))
        self.lbl_dpi.setText(self.tr("Scan DPI"))
        self.dpi_spin.setSpecialValueText(self.tr("from file"))
        self.dpi_spin.setToolTip(self.tr("Resolution of the scans in dots per inch; "
                                         "leave at 'from file' to use the file's own."))
        kind = self.kind()
        self.kind_combo.blockSignals(True)
        self.kind_combo.clear()
        for code, _en in texts.KINDS:
            self.kind_combo.addItem(texts.kind_name(code), code)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))
        self.kind_combo.blockSignals(False)
        colour = self.colour()
        self.colour_combo.blockSignals(True)
        self.colour_combo.clear()
        self.colour_combo.addItem(self.tr("not given"), None)
        for code, _en in texts.COLOURS:
            name = texts.colour_name(code)
            self.colour_combo.addItem(name if name == code else f"{code}  {name}", code)
        self.colour_combo.setCurrentIndex(max(0, self.colour_combo.findData(colour)))
        self.colour_combo.blockSignals(False)
        self.files_box.setTitle(self.tr("Files"))
        self.file_tree.retranslate()
        self.add_button.setText(self.tr("Add files…"))
        self.remove_button.setText(self.tr("Remove"))
        self.scan_button.setText(self.tr("Scan…"))
        self.scan_button.setToolTip(self.tr("Scan pages from the scanner into the case "
                                            "(Ctrl+Shift+S)"))
        self.drop_hint.setText(self.tr("Drop scans and photos here; each is sorted as a "
                                       "rubbing sheet, a photo or the certificate. "
                                       "Right-click to correct."))
        self.certificate_box.retranslate()
        self.check_button.setText(self.tr("Check (F5)"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._validate_vin(self.vin_edit.text())

    # --- VIN ----------------------------------------------------------------------------
    def _validate_vin(self, text: str) -> None:
        ok, reason = validate_vin_text(text)
        if not text.strip():
            self.vin_status.setText(self.tr("No expected VIN: the VIN read is not compared."))
            self.vin_status.setStyleSheet("color: #666;")
            self.vin_edit.setStyleSheet("")
        elif ok:
            self.vin_status.setText(self.tr("Valid VIN"))
            self.vin_status.setStyleSheet("color: #2e7d32;")
            self.vin_edit.setStyleSheet("")
        else:
            self.vin_status.setText(self.tr("Not a valid VIN: {reason}").format(reason=reason))
            self.vin_status.setStyleSheet("color: #c62828;")
            self.vin_edit.setStyleSheet("QLineEdit { border: 2px solid #c62828; }")

    def vin_valid(self) -> bool:
        return validate_vin_text(self.vin_edit.text())[0]

    # --- case values ---------------------------------------------------------------------
    def kind(self) -> str:
        return str(self.kind_combo.currentData() or "car")

    def colour(self) -> str | None:
        data = self.colour_combo.currentData()
        return str(data) if data else None

    def set_case(self, case: CaseInput) -> None:
        self.vin_edit.setText(case.expected_vin or "")
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(case.kind)))
        self.colour_combo.setCurrentIndex(max(0, self.colour_combo.findData(case.color)))
        self.dpi_spin.setValue(int(case.dpi or 0))
        self.file_tree.clear()
        self.certificate_box.clear()
        for f in case.rubbing_files:
            self.add_file(f, "rubbing")
        for f in case.photo_files:
            self.add_file(f, "photo")
        for f in case.certificate_files:
            self.add_file(f, "certificate")
        self.filesChanged.emit()

    def case_input(self) -> CaseInput:
        lists: dict[str, list[str]] = {k: [] for k in KIND_VALUES}
        for path, kind in self.files():
            lists.get(kind, lists["photo"]).append(path)
        vin = "".join(self.vin_edit.text().split()).upper() or None
        return CaseInput(rubbing_files=lists["rubbing"], photo_files=lists["photo"],
                         expected_vin=vin, kind=self.kind(), color=self.colour(),
                         dpi=float(self.dpi_spin.value()) or None,
                         certificate_files=lists["certificate"])

    # --- the certificate -------------------------------------------------------------------
    def apply_value(self, name: str, value: str) -> None:
        """Put a certificate value ("vin", "colour", "kind") into the case fields."""
        if name == "vin":
            self.vin_edit.setText(value)
        elif name == "colour":
            self.colour_combo.setCurrentIndex(max(0, self.colour_combo.findData(value)))
        elif name == "kind":
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(value)))

    def apply_reading(self, reading: object) -> dict[str, str]:
        """Fill the values the reader may fill by itself into empty fields (the vehicle
        kind always; a typed VIN or chosen colour is kept). Returns what was filled."""
        applied: dict[str, str] = {}
        for name, value in reading.filled().items():  # type: ignore[attr-defined]
            empty = {"vin": not self.vin_edit.text().strip(), "colour": self.colour() is None,
                     "kind": True}[name]
            if empty or (name == "vin" and "".join(self.vin_edit.text().split()).upper()
                         == value):
                self.apply_value(name, value)
                applied[name] = value
            elif name == "colour" and self.colour() == value:
                applied[name] = value
        return applied

    # --- files (the file list's) -------------------------------------------------------
    def files(self) -> list[tuple[str, str]]:
        """(path, "rubbing" | "photo" | "certificate") in list order."""
        return self.file_tree.files()

    def has_file(self, path: str) -> bool:
        return self.file_tree.has_file(path)

    def add_file(self, path: str, kind: str) -> None:
        """Add a file with its type (no duplicates)."""
        self.file_tree.add_file(path, kind)

    def set_kind(self, path: str, kind: str) -> None:
        self.file_tree.set_kind(path, kind)

    def remove_selected(self) -> None:
        self.file_tree.remove_selected()

    def select_file(self, path: str) -> None:
        self.file_tree.select_file(path)

    # --- running state ---------------------------------------------------------------------
    def set_running(self, running: bool) -> None:
        self.check_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.case_box.setEnabled(not running)
        self.add_button.setEnabled(not running)
        self.scan_button.setEnabled(not running)
        self.remove_button.setEnabled(not running)

    def set_progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(max(0.0, min(1.0, fraction)) * 1000))
        self.progress_label.setText(message)

