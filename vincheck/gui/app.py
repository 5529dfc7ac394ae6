"""Start the desktop application (``vincheck gui``; ``vincheck-gui`` is the same command,
:func:`vincheck.cli.gui_main`).

Sets up fonts (a CJK font for Chinese), the language, an exception hook that shows a
dialog instead of dying, then opens the window. ``--screenshot OUT.png`` opens the case,
waits for its files to be sorted and for the check, saves a PNG of the window and exits
(0, or the error's exit code with a message when the check stopped with an error).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from vincheck.errors import ExitCode, UsageError, exit_code_for
from vincheck.gui import texts
from vincheck.gui.i18n import ensure_cjk_font, set_language
from vincheck.gui.main_window import MainWindow
from vincheck.gui.worker import Runner

_EN_COLOURS = {en: zh for zh, en in texts.COLOURS}
IMAGE_WAIT_MS = 30_000  # a screenshot waits this long at most for the image to load


def get_app() -> QApplication:
    """The running QApplication, created if needed (offscreen when there is no display)."""
    app = QApplication.instance()
    if app is None:
        if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") and \
                not os.environ.get("WAYLAND_DISPLAY") and "QT_QPA_PLATFORM" not in os.environ:
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QApplication(sys.argv[:1])
        app.setApplicationName("vincheck")
        app.setOrganizationName("vincheck")
        ensure_cjk_font()
    return app  # type: ignore[return-value]


def install_excepthook() -> None:
    """Show unexpected errors in a dialog (and on stderr) instead of ending the program."""
    def hook(etype: type[BaseException], value: BaseException,
             tb: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(etype, value, tb))
        print(text, file=sys.stderr)
        app = QApplication.instance()
        if app is None or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
            return
        box = QMessageBox(QMessageBox.Icon.Critical,
                          app.translate("App", "Unexpected error"),
                          app.translate("App", "Something went wrong, but your case is still "
                                               "open. Details:") + f"\n\n{value}")
        box.setDetailedText(text)
        box.exec()

    sys.excepthook = hook


def parse_colour(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip()
    if name in {zh for zh, _ in texts.COLOURS}:
        return name
    if name.lower() in _EN_COLOURS:
        return _EN_COLOURS[name.lower()]
    if name.rstrip("色") in {zh for zh, _ in texts.COLOURS}:
        return name.rstrip("色")
    raise UsageError(f"unknown colour {name!r}; use one of 白 灰 黄 粉 红 紫 绿 蓝 棕 黑 "
                     "(or white, grey, yellow, pink, red, purple, green, blue, brown, black)")


def parse_size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError as exc:
        raise UsageError(f"--size must look like 1366x768, not {text!r}") from exc
    if not (200 <= w <= 8000 and 200 <= h <= 8000):
        raise UsageError(f"--size {text} is out of range")
    return w, h


def build_window(args: argparse.Namespace, runner: Runner | None = None) -> MainWindow:
    """Create the window for the parsed arguments and open their case (not yet checked)."""
    app = get_app()
    record = not (args.no_record or args.screenshot)
    window = MainWindow(runner=runner, record=record)
    language = args.lang or window.prefs.settings.language
    set_language(language)
    window.retranslate()
    if args.sample:
        window.open_sample(run=False)
    if args.files:
        window.flow.add_paths([str(Path(f)) for f in args.files])
    if args.expect is not None:
        window.panel.vin_edit.setText(args.expect)
    if args.kind:
        window.panel.kind_combo.setCurrentIndex(window.panel.kind_combo.findData(args.kind))
    if args.color:
        code = parse_colour(args.color)
        window.panel.colour_combo.setCurrentIndex(window.panel.colour_combo.findData(code))
    app.processEvents()
    return window


def when_sorted(window: MainWindow, call: Callable[[int], None]) -> None:
    """Call ``call(added)`` once the files given to the window are sorted (now when none
    are being sorted)."""
    if not window.intake.is_busy():
        call(0)
        return

    def once(added: int) -> None:
        window.filesSorted.disconnect(once)
        call(added)

    window.filesSorted.connect(once)


def take_screenshot(window: MainWindow, out: str, size: tuple[int, int],
                    timeout_s: float = 600.0) -> ExitCode:
    """Check the open case, then save the window as PNG; returns the exit code."""
    app = get_app()
    window.resize(*size)
    window.show()
    state = {"code": ExitCode.OK}
    # the time limit is a timer of this run, stopped when it ends: a timer left running
    # would fire later in the same application (a longer session, the test suite), print
    # "did not finish" and end whichever event loop is running then
    limit = QTimer()
    limit.setSingleShot(True)

    waited = {"ms": 0}

    grabbed = {"done": False}  # a time-out and the check's end both ask for the one grab

    def grab() -> None:
        if grabbed["done"]:
            return
        if window.viewer.image_pending() and waited["ms"] < IMAGE_WAIT_MS:  # still loading
            waited["ms"] += 100
            QTimer.singleShot(100, grab)
            return
        app.processEvents()
        pm = window.grab()
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        if not pm.save(out, "PNG"):
            print(f"vincheck gui: error: cannot write {out}", file=sys.stderr)
            state["code"] = ExitCode.USAGE
        grabbed["done"] = True
        app.exit(state["code"])

    def finished(outcome: str) -> None:
        limit.stop()
        if outcome == "failed":
            msg = window.messages.text_plain().splitlines()[0] if window.messages.messages \
                else "the check failed"
            print(f"vincheck gui: error: {msg}", file=sys.stderr)
            exc = window.check.last_exception
            state["code"] = ExitCode.FAILED if exc is None else exit_code_for(exc)
        elif outcome == "cancelled" and state["code"] is not ExitCode.TIMED_OUT:
            state["code"] = ExitCode.CANCELLED  # not when cancelled by the time limit
        QTimer.singleShot(300, grab)

    def give_up() -> None:
        print(f"vincheck gui: error: the check did not finish within {timeout_s:.0f} s",
              file=sys.stderr)
        state["code"] = ExitCode.TIMED_OUT
        window.flow.cancel_check()
        QTimer.singleShot(300, grab)

    def begin(_added: int = 0) -> None:
        if window.panel.files():
            QTimer.singleShot(100, window.flow.start_check)
            limit.start(int(timeout_s * 1000))
        else:
            QTimer.singleShot(300, grab)

    limit.timeout.connect(give_up)
    window.checkFinished.connect(finished)
    when_sorted(window, begin)
    try:
        code = app.exec()
    finally:
        limit.stop()
        window.checkFinished.disconnect(finished)
    window.close()
    return ExitCode(code)


def run_gui(args: argparse.Namespace, runner: Runner | None = None) -> ExitCode:
    """Run the application for parsed arguments; returns the exit code."""
    app = get_app()
    install_excepthook()
    if args.screenshot:
        window = build_window(args, runner)
        return take_screenshot(window, args.screenshot, parse_size(args.size), args.timeout)
    window = build_window(args, runner)
    window.placement.show_placed()
    if window.panel.files() or window.intake.is_busy():
        QTimer.singleShot(100, window.flow.start_check)  # waits for the files being sorted
    elif not args.files and not args.sample:
        QTimer.singleShot(100, window.first_start)
    return ExitCode(app.exec())
