"""Where the main window opens: inside the screen's available area (without the taskbar),
at its last size, place and splitter widths when they still fit, otherwise at most
1366 x 768 px centred; on a small screen it opens maximised. Kept in ``gui_state.json``
(see :mod:`vincheck.gui.state`) so that tests with a private config directory never touch
the user's."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication

from vincheck.gui.state import save_state

DEFAULT_SIZE = (1366, 768)  # px: the window's size on a screen large enough
FRAME_ALLOWANCE = 32  # px: a title bar before the window manager says how high it is
SMALL_SCREEN = (1440, 860)  # px: an available area below this opens maximised


def placed_geometry(available: QRect, saved: list[int], frame: int = FRAME_ALLOWANCE) -> QRect:
    """The window's geometry (without its frame) in ``available``: ``saved`` (x, y, w, h)
    when it lies inside with its title bar of ``frame`` px, else the default size shrunk
    to fit and centred."""
    if len(saved) == 4:
        x, y, w, h = saved
        want = QRect(x, y - frame, w, h + frame)
        if w > 0 and h > 0 and available.contains(want):
            return QRect(x, y, w, h)
    w = min(DEFAULT_SIZE[0], available.width())
    h = min(DEFAULT_SIZE[1], available.height() - frame)
    x = available.x() + (available.width() - w) // 2
    y = available.y() + frame + (available.height() - frame - h) // 2
    return QRect(x, y, w, h)


class WindowPlacementMixin:
    """Placement of :class:`~vincheck.gui.main_window.MainWindow` on its screen."""

    def available_area(self) -> QRect:
        """The available area (px) of the screen the window is on (or the primary)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else QRect(0, 0, *DEFAULT_SIZE)

    def fit_to_screen(self, available: QRect | None = None) -> None:
        """Give the window its last size and place when they fit ``available`` (default:
        the screen's available area), else a size that fits; restore the splitter."""
        area = available if available is not None else self.available_area()
        self._placement_area = QRect(area)
        self.setGeometry(placed_geometry(area, self.state.window))
        if len(self.state.splitter) == 3 and all(v >= 0 for v in self.state.splitter) and \
                sum(self.state.splitter) > 0:
            self.splitter.setSizes(self.state.splitter)

    def show_placed(self) -> None:
        """Show the window as it was last (maximised on a small screen or when it was);
        once the window manager has framed it, keep the frame inside the available area."""
        area = self.available_area()
        self.fit_to_screen(area)
        small = area.width() < SMALL_SCREEN[0] or area.height() < SMALL_SCREEN[1]
        if self.state.maximized or (small and not self.state.window):
            self.showMaximized()
        else:
            self.show()
        QTimer.singleShot(300, self, self.keep_on_screen)

    def keep_on_screen(self) -> None:
        """Move and shrink the window so that its frame lies inside the available area."""
        if self.isMaximized() or self.isFullScreen():
            return
        area = getattr(self, "_placement_area", None) or self.available_area()
        frame = self.frameGeometry()
        top = frame.height() - self.geometry().height()  # title bar and borders, px
        side = frame.width() - self.geometry().width()
        w = min(self.width(), area.width() - side)
        h = min(self.height(), area.height() - top)
        if (w, h) != (self.width(), self.height()):
            self.resize(w, h)
        frame = self.frameGeometry()
        x = min(max(frame.x(), area.x()), area.right() + 1 - frame.width())
        y = min(max(frame.y(), area.y()), area.bottom() + 1 - frame.height())
        if (x, y) != (frame.x(), frame.y()):
            self.move(x, y)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        """Un-maximised (by the operator or the window manager): the normal geometry it
        returns to was never framed on this screen, so keep its frame inside again."""
        if event.type() == QEvent.Type.WindowStateChange and \
                event.oldState() & Qt.WindowState.WindowMaximized and \
                not (self.isMaximized() or self.isFullScreen()):
            QTimer.singleShot(300, self, self.keep_on_screen)
        super().changeEvent(event)

    def remember_placement(self) -> None:
        """Keep the window's normal geometry, maximised state and splitter widths."""
        g = self.normalGeometry() if self.isMaximized() else self.geometry()
        if g.width() > 0 and g.height() > 0:
            self.state.window = [g.x(), g.y(), g.width(), g.height()]
        self.state.maximized = self.isMaximized()
        self.state.splitter = [int(v) for v in self.splitter.sizes()]
        save_state(self.state)
