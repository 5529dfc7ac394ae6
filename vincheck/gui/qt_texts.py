"""Texts of Qt's own dialogs that PySide6's ``qtbase_zh_CN.qm`` leaves in English (the
file dialog's "Look in" and "Files of type", the print dialog's "Page set"). Listed here
under Qt's own contexts so that ``pyside6-lupdate`` puts them into vincheck's
translation, which Qt consults when qtbase has none."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

QT_TEXTS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Page &Set:"),
    # the file dialog's type column (QAbstractFileIconProvider::type(), outside Windows)
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
)
