"""The case's files as a list: each with its type (rubbing sheet, photo or certificate),
correctable from a drop-down or the right-click menu, in the order they were added.

:class:`FileList` owns the rows; ``filesChanged()`` when a file is removed or its type
changes, ``fileActivated(path)`` when a row is chosen, ``certificateAdded(path)`` when a
file becomes the certificate. Texts keep the ``CasePanel`` context of the panel it sits
in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QHeaderView, QMenu, QTreeWidget, QTreeWidgetItem, QWidget

translate = QCoreApplication.translate
PATH_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_VALUES = ("rubbing", "photo", "certificate")


class FileList(QTreeWidget):
    """Rows of (file name, type); see the module for its signals."""

    fileActivated = Signal(str)
    filesChanged = Signal()
    certificateAdded = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(2)
        self.setRootIsDecorated(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self.currentItemChanged.connect(self._on_current)

    def retranslate(self) -> None:
        self.setHeaderLabels([translate("CasePanel", "File"), translate("CasePanel", "Type")])
        for i in range(self.topLevelItemCount()):
            combo = self.itemWidget(self.topLevelItem(i), 1)
            if isinstance(combo, QComboBox):
                for j, text in enumerate(_kind_names()):
                    combo.setItemText(j, text)

    def files(self) -> list[tuple[str, str]]:
        """(path, "rubbing" | "photo" | "certificate") in list order."""
        out = []
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            combo = self.itemWidget(item, 1)
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
        self.addTopLevelItem(item)
        combo = QComboBox()
        for text, value in zip(_kind_names(), KIND_VALUES, strict=True):
            combo.addItem(text, value)
        combo.setCurrentIndex(KIND_VALUES.index(kind) if kind in KIND_VALUES else 1)
        combo.currentIndexChanged.connect(lambda _i: self._kind_changed(str(path), combo))
        self.setItemWidget(item, 1, combo)
        if kind == "certificate":
            self.certificateAdded.emit(str(path))
        if self.currentItem() is None:
            self.setCurrentItem(item)

    def _kind_changed(self, path: str, combo: QComboBox) -> None:
        self.filesChanged.emit()
        if combo.currentData() == "certificate":
            self.certificateAdded.emit(path)

    def set_kind(self, path: str, kind: str) -> None:
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            if item.data(0, PATH_ROLE) == path:
                combo = self.itemWidget(item, 1)
                if isinstance(combo, QComboBox):
                    combo.setCurrentIndex(KIND_VALUES.index(kind))

    def remove_selected(self) -> None:
        item = self.currentItem()
        if item is not None:
            self.takeTopLevelItem(self.indexOfTopLevelItem(item))
            self.filesChanged.emit()

    def select_file(self, path: str) -> None:
        """Make ``path`` the current row without announcing it (``fileActivated``)."""
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            if item.data(0, PATH_ROLE) == path:
                self.blockSignals(True)
                self.setCurrentItem(item)
                self.blockSignals(False)

    def _on_current(self, current: QTreeWidgetItem | None, _prev: object) -> None:
        if current is not None:
            self.fileActivated.emit(str(current.data(0, PATH_ROLE)))

    def _context_menu(self, pos: QPoint) -> None:
        item = self.itemAt(pos)
        if item is None:
            return
        path = str(item.data(0, PATH_ROLE))
        menu = QMenu(self)
        a_rub = QAction(translate("CasePanel", "Treat as rubbing sheet"), menu)
        a_rub.triggered.connect(lambda: self.set_kind(path, "rubbing"))
        a_photo = QAction(translate("CasePanel", "Treat as photo"), menu)
        a_photo.triggered.connect(lambda: self.set_kind(path, "photo"))
        a_cert = QAction(translate("CasePanel", "Treat as certificate"), menu)
        a_cert.triggered.connect(lambda: self.set_kind(path, "certificate"))
        a_remove = QAction(translate("CasePanel", "Remove from case"), menu)
        a_remove.triggered.connect(self.remove_selected)
        menu.addActions([a_rub, a_photo, a_cert])
        menu.addSeparator()
        menu.addAction(a_remove)
        menu.exec(self.viewport().mapToGlobal(pos))


def _kind_names() -> list[str]:
    """The names of :data:`KIND_VALUES` in the current language."""
    return [translate("CasePanel", "Rubbing sheet"), translate("CasePanel", "Photo"),
            translate("CasePanel", "Certificate")]
