"""Where the main window opens: inside the screen's available area (without the taskbar),
at its last size, place and splitter widths when they still fit, otherwise at most
1366 x 768 px centred; on a small screen it opens maximised. Kept in ``gui_state.json``
(see :mod:`vincheck.gui.state`) so that tests with a private config directory never touch
the user's."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QSplitter

from vincheck.gui.state import GuiState, save_state

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


class WindowPlacement(QObject):
    """Placement of ``window`` on its screen, its splitter's widths, kept in ``state``."""

    def __init__(self, window: QMainWindow, splitter: QSplitter, state: GuiState) -> None:
        super().__init__(window)
        self.window = window
        self.splitter = splitter
        self.state = state
        self._area: QRect | None = None  # the available area the window was fitted to

    def available_area(self) -> QRect:
        """The available area (px) of the screen the window is on (or the primary)."""
        screen = self.window.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else QRect(0, 0, *DEFAULT_SIZE)

    def fit_to_screen(self, available: QRect | None = None) -> None:
        """Give the window its last size and place when they fit ``available`` (default:
        the screen's available area), else a size that fits; restore the splitter."""
        area = available if available is not None else self.available_area()
        self._area = QRect(area)
        self.window.setGeometry(placed_geometry(area, self.state.window))
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
            self.window.showMaximized()
        else:
            self.window.show()
        QTimer.singleShot(300, self, self.keep_on_screen)

    def keep_on_screen(self) -> None:
        """Move and shrink the window so that its frame lies inside the available area."""
        w = self.window
        if w.isMaximized() or w.isFullScreen():
            return
        area = self._area or self.available_area()
        frame = w.frameGeometry()
        top = frame.height() - w.geometry().height()  # title bar and borders, px
        side = frame.width() - w.geometry().width()
        width = min(w.width(), area.width() - side)
        height = min(w.height(), area.height() - top)
        if (width, height) != (w.width(), w.height()):
            w.resize(width, height)
        frame = w.frameGeometry()
        x = min(max(frame.x(), area.x()), area.right() + 1 - frame.width())
        y = min(max(frame.y(), area.y()), area.bottom() + 1 - frame.height())
        if (x, y) != (frame.x(), frame.y()):
            w.move(x, y)

    def state_changed(self, event: QEvent) -> None:
        """Un-maximised (by the operator or the window manager): the normal geometry it
        returns to was never framed on this screen, so keep its frame inside again (the
        window's ``changeEvent`` passes its events here)."""
        w = self.window
        if event.type() == QEvent.Type.WindowStateChange and \
                event.oldState() & Qt.WindowState.WindowMaximized and \
                not (w.isMaximized() or w.isFullScreen()):
            QTimer.singleShot(300, self, self.keep_on_screen)

    def remember_placement(self) -> None:
        """Keep the window's normal geometry, maximised state and splitter widths."""
        w = self.window
        g = w.normalGeometry() if w.isMaximized() else w.geometry()
        if g.width() > 0 and g.height() > 0:
            self.state.window = [g.x(), g.y(), g.width(), g.height()]
        self.state.maximized = w.isMaximized()
        self.state.splitter = [int(v) for v in self.splitter.sizes()]
        save_state(self.state)
