"""The message bar of the main window: errors with what to do, warnings and notes for the
operator, newest first (at most five). It is at most :data:`MAX_HEIGHT` px high and
scrolls beyond that, so that messages never push the checklist and the decision buttons
off a small screen."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QWidget

MAX_HEIGHT = 110  # px


class MessageBar(QScrollArea):
    """Messages for the operator (errors with what to do), newest first. A message added
    ``sticky`` (the settings that had to be reset at start-up) outlives the case it came
    with: only :meth:`clear_messages` with ``keep_sticky=False`` takes it away."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setStyleSheet("QLabel { background: #fff8e1; padding: 4px; }")
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setStyleSheet("QScrollArea { background: #fff8e1; border: 1px solid #e0c060; }")
        self.messages: list[tuple[str, str]] = []  # (level, text)
        self._sticky: set[str] = set()  # texts kept when a new case clears the messages
        self.setVisible(False)

    def add(self, text: str, level: str = "error", sticky: bool = False) -> None:
        """Show ``text`` on top; the same message said again moves up, not twice."""
        if sticky:
            self._sticky.add(text)
        self.messages = [m for m in self.messages if m != (level, text)]
        self.messages.insert(0, (level, text))
        del self.messages[5:]
        self._render()

    def withdraw(self, text: str) -> None:
        """Remove the message ``text`` (of any level), if shown."""
        kept = [(lv, t) for lv, t in self.messages if t != text]
        if kept != self.messages:
            self.messages = kept
            self._render()

    def drop(self, level: str) -> None:
        """Remove the messages of one level (e.g. "info" notes when the language changes)."""
        self.messages = [(lv, t) for lv, t in self.messages if lv != level]
        self._render()

    def clear_messages(self, keep_sticky: bool = True) -> None:
        """Remove the messages (but the sticky ones, unless ``keep_sticky`` is False)."""
        if not keep_sticky:
            self._sticky.clear()
        self.messages = [(lv, t) for lv, t in self.messages if t in self._sticky]
        self._render()

    def text_plain(self) -> str:
        return "\n".join(t for _, t in self.messages)

    def _render(self) -> None:
        colours = {"error": "#c62828", "warning": "#ef8f00", "info": "#1565c0"}
        parts = [f'<div style="color:{colours.get(lv, "#333")}; margin-bottom:4px">'
                 f'{html.escape(t).replace(chr(10), "<br>")}</div>' for lv, t in self.messages]
        self.label.setText("".join(parts))
        self.setVisible(bool(self.messages))
        self._fit_height()
        self.verticalScrollBar().setValue(0)  # the newest message first

    def _fit_height(self) -> None:
        """As high as the messages need at the current width, at most MAX_HEIGHT px."""
        width = max(50, self.viewport().width())
        need = self.label.heightForWidth(width) + 2 * self.frameWidth()
        self.setFixedHeight(max(24, min(MAX_HEIGHT, need)))

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001 (Qt API)
        super().resizeEvent(event)
        if self.messages:
            self._fit_height()


class CappedLabelArea(QScrollArea):
    """A word-wrapped label as high as its text needs at the current width, at most
    ``max_height`` px, scrolling beyond (the verdict's summary and advice lines: they never
    push the checklist off a small screen). Call :meth:`fit_height` after setting text."""

    def __init__(self, label: QLabel, max_height: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.max_height = max_height
        label.setWordWrap(True)
        self.setWidget(label)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.fit_height()

    def fit_height(self) -> None:
        """As high as the text needs (none when empty), at most ``max_height`` px."""
        if not self.label.text():
            self.setFixedHeight(0)
            return
        width = max(50, self.viewport().width())
        self.setFixedHeight(min(self.max_height, self.label.heightForWidth(width) + 2))
        self.verticalScrollBar().setValue(0)

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001 (Qt API)
        super().resizeEvent(event)
        self.fit_height()
