"""The case panel: expected VIN (validated as typed), vehicle kind, colour, scan DPI, the
case's files sorted into rubbing sheets and photos (correctable), and the check controls."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication as Q
from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vincheck.gui import texts
from vincheck.gui.certificate_box import CertificateBox
from vincheck.inspection import CaseInput
from vincheck.vin import VIN_LENGTH

PATH_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_VALUES = ("rubbing", "photo", "certificate")


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
        layout.addWidget(self.case_box)
        self.certificate_box = CertificateBox()
        self.certificate_box.useRequested.connect(self.apply_value)
        layout.addWidget(self.certificate_box)

        self.files_box = QGroupBox()
        fl = QVBoxLayout(self.files_box)
        self.file_tree = QTreeWidget()
        self.file_tree.setColumnCount(2)
        self.file_tree.setRootIsDecorated(False)
        self.file_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.file_tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.file_tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.file_tree.customContextMenuRequested.connect(self._context_menu)
        self.file_tree.currentItemChanged.connect(self._on_current)
        fl.addWidget(self.file_tree)
        row = QHBoxLayout()
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.addRequested)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove_selected)
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
        layout.addWidget(self.files_box, 1)

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

        self.vin_edit.textChanged.connect(self._validate_vin)
        self.vin_edit.textChanged.connect(self.inputsChanged)
        self.kind_combo.currentIndexChanged.connect(self.inputsChanged)
        self.colour_combo.currentIndexChanged.connect(self.inputsChanged)
        self.dpi_spin.valueChanged.connect(self.inputsChanged)
        self.filesChanged.connect(self.inputsChanged)
        self.retranslate()

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
        self.file_tree.setHeaderLabels([self.tr("File"), self.tr("Type")])
        for i in range(self.file_tree.topLevelItemCount()):
            combo = self.file_tree.itemWidget(self.file_tree.topLevelItem(i), 1)
            if isinstance(combo, QComboBox):
                combo.setItemText(0, self.tr("Rubbing sheet"))
                combo.setItemText(1, self.tr("Photo"))
                combo.setItemText(2, self.tr("Certificate"))
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

    # --- files --------------------------------------------------------------------------
    def files(self) -> list[tuple[str, str]]:
        """(path, "rubbing" | "photo") in list order."""
        out = []
        for i in range(self.file_tree.topLevelItemCount()):
            item = self.file_tree.topLevelItem(i)
            combo = self.file_tree.itemWidget(item, 1)
            kind = combo.currentData() if isinstance(combo, QComboBox) else "photo"
            out.append((str(item.data(0, PATH_ROLE)), str(kind)))
        return out

    def has_file(self, path: str) -> bool:
        target = str(Path(path).resolve())
        return any(str(Path(p).resolve()) == target for p, _ in self.files())

    def add_file(self, path: str, kind: str) -> None:
        """Add a file with its type (no duplicates)."""
        if self.has_file(path):
            return
        item = QTreeWidgetItem([Path(path).name, ""])
        item.setData(0, PATH_ROLE, str(path))
        item.setToolTip(0, str(path))
        self.file_tree.addTopLevelItem(item)
        combo = QComboBox()
        combo.addItem(self.tr("Rubbing sheet"), "rubbing")
        combo.addItem(self.tr("Photo"), "photo")
        combo.addItem(self.tr("Certificate"), "certificate")
        combo.setCurrentIndex(KIND_VALUES.index(kind) if kind in KIND_VALUES else 1)
        combo.currentIndexChanged.connect(lambda _i: self._kind_changed(str(path), combo))
        self.file_tree.setItemWidget(item, 1, combo)
        if kind == "certificate":
            self.certificateAdded.emit(str(path))
        if self.file_tree.currentItem() is None:
            self.file_tree.setCurrentItem(item)

    def _kind_changed(self, path: str, combo: QComboBox) -> None:
        self.filesChanged.emit()
        if combo.currentData() == "certificate":
            self.certificateAdded.emit(path)

    def set_kind(self, path: str, kind: str) -> None:
        for i in range(self.file_tree.topLevelItemCount()):
            item = self.file_tree.topLevelItem(i)
            if item.data(0, PATH_ROLE) == path:
                combo = self.file_tree.itemWidget(item, 1)
                if isinstance(combo, QComboBox):
                    combo.setCurrentIndex(KIND_VALUES.index(kind))

    def remove_selected(self) -> None:
        item = self.file_tree.currentItem()
        if item is not None:
            self.file_tree.takeTopLevelItem(self.file_tree.indexOfTopLevelItem(item))
            self.filesChanged.emit()

    def select_file(self, path: str) -> None:
        for i in range(self.file_tree.topLevelItemCount()):
            item = self.file_tree.topLevelItem(i)
            if item.data(0, PATH_ROLE) == path:
                self.file_tree.blockSignals(True)
                self.file_tree.setCurrentItem(item)
                self.file_tree.blockSignals(False)

    def _on_current(self, current: QTreeWidgetItem | None, _prev: object) -> None:
        if current is not None:
            self.fileActivated.emit(str(current.data(0, PATH_ROLE)))

    def _context_menu(self, pos: QPoint) -> None:
        item = self.file_tree.itemAt(pos)
        if item is None:
            return
        path = str(item.data(0, PATH_ROLE))
        menu = QMenu(self)
        a_rub = QAction(self.tr("Treat as rubbing sheet"), menu)
        a_rub.triggered.connect(lambda: self.set_kind(path, "rubbing"))
        a_photo = QAction(self.tr("Treat as photo"), menu)
        a_photo.triggered.connect(lambda: self.set_kind(path, "photo"))
        a_cert = QAction(self.tr("Treat as certificate"), menu)
        a_cert.triggered.connect(lambda: self.set_kind(path, "certificate"))
        a_remove = QAction(self.tr("Remove from case"), menu)
        a_remove.triggered.connect(self.remove_selected)
        menu.addActions([a_rub, a_photo, a_cert])
        menu.addSeparator()
        menu.addAction(a_remove)
        menu.exec(self.file_tree.viewport().mapToGlobal(pos))

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

