"""The window's Ctrl shortcuts keep working while a text field has the focus.

Under X11 Qt's line edits take a few Ctrl keys for Emacs-style editing (Ctrl+E: end of
line, Ctrl+U: delete to the start), so Ctrl+E (export the PDF) did nothing while the VIN or
the note field had the focus, i.e. right after typing the VIN and pressing F5. This filter
hands such keys to the window when one of its actions has them as a shortcut. The common
editing keys (undo, copy, paste, select all, ...) stay with the field."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget

_EDITING_KEYS = (
    QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo,
    QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Paste, QKeySequence.StandardKey.SelectAll,
)


def _combo(seq: QKeySequence) -> int:
    return seq[0].toCombined() if seq.count() == 1 else 0


class WindowShortcutsFirst(QObject):
    """Event filter for the text fields of ``window``: a Ctrl key that is one of the
    window's action shortcuts (and no common editing key) goes to the window."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window

    def _window_keys(self) -> set[int]:
        editing = {_combo(s) for key in _EDITING_KEYS for s in QKeySequence.keyBindings(key)}
        keys = {_combo(s) for action in self.window.findChildren(QAction)
                for s in action.shortcuts()}
        return {k for k in keys if k and k not in editing}

    def install(self) -> None:
        """Watch every text field of the window (call after the window is built)."""
        for edit in self.window.findChildren(QLineEdit):
            edit.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.keyCombination().toCombined() in self._window_keys():
                event.ignore()  # not overridden by the field: the window's shortcut runs
                return True
        return False
