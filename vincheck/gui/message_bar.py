"""The message bar of the main window: errors with what to do, warnings and notes for the
operator, newest first (at most five)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


class MessageBar(QLabel):
    """Messages for the operator (errors with what to do), newest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.messages: list[tuple[str, str]] = []  # (level, text)
        self.setVisible(False)

    def add(self, text: str, level: str = "error") -> None:
        self.messages.insert(0, (level, text))
        del self.messages[5:]
        self._render()

    def drop(self, level: str) -> None:
        """Remove the messages of one level (e.g. "info" notes when the language changes)."""
        self.messages = [(lv, t) for lv, t in self.messages if lv != level]
        self._render()

    def clear_messages(self) -> None:
        self.messages.clear()
        self._render()

    def text_plain(self) -> str:
        return "\n".join(t for _, t in self.messages)

    def _render(self) -> None:
        colours = {"error": "#c62828", "warning": "#ef8f00", "info": "#1565c0"}
        parts = [f'<div style="color:{colours.get(lv, "#333")}; margin-bottom:4px">'
                 f'{html.escape(t).replace(chr(10), "<br>")}</div>' for lv, t in self.messages]
        self.setText("".join(parts))
        self.setVisible(bool(self.messages))
        self.setStyleSheet("QLabel { background: #fff8e1; border: 1px solid #e0c060; "
                           "padding: 4px; }")
