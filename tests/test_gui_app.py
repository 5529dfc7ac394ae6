"""Screenshot mode, the entry points and the bundled sample case with the real checks."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from tests.gui_support import FakeRunner, write_case  # noqa: E402
from vincheck.cli.cmd_gui import add_arguments  # noqa: E402
from vincheck.errors import ExitCode  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser()
    add_arguments(p)
    return p.parse_args(argv)


def test_screenshot_mode_writes_a_png_of_the_window(qapp, tmp_path: Path) -> None:
    from PIL import Image

    from vincheck.gui.app import run_gui

    case = write_case(tmp_path / "case")
    out = tmp_path / "shot.png"
    runner = FakeRunner()
    code = run_gui(parse([*case.files(), "--expect", case.expected_vin or "", "--color", "red",
                          "--lang", "en", "--screenshot", str(out), "--size", "1100x700"]),
                   runner=runner)
    assert code == 0
    assert runner.calls == 1
    with Image.open(out) as im:
        assert im.size == (1100, 700)
        # not a blank grab: many distinct colours (verdict banner, image, text)
        assert len(im.convert("RGB").getcolors(1 << 20) or []) > 500


def test_screenshot_mode_fails_when_the_check_fails(qapp, tmp_path: Path) -> None:
    from vincheck.errors import TesseractNotFoundError
    from vincheck.gui.app import run_gui

    case = write_case(tmp_path / "case")
    out = tmp_path / "shot.png"
    code = run_gui(parse([*case.files(), "--screenshot", str(out), "--lang", "en"]),
                   runner=FakeRunner(error=TesseractNotFoundError("no tesseract here")))
    assert code == TesseractNotFoundError.exit_code
    assert out.exists()  # the window with its message is still saved


def test_screenshot_mode_leaves_no_timer_running(qtbot, qapp, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """The give-up timer (``--timeout``) kept running after a screenshot run returned: in
    the test session it fired 600 s later, printed "did not finish" and ended the event
    loop of whichever window test ran then, failing it and every one after it."""
    import time

    from PySide6.QtCore import QTimer

    from vincheck.gui.app import run_gui

    case = write_case(tmp_path / "case")
    limit_s = 5.0
    fake = FakeRunner()
    called: list[float] = []

    def runner(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        called.append(time.monotonic())  # the limit was started before this
        return fake(*args, **kwargs)

    code = run_gui(parse([*case.files(), "--expect", case.expected_vin or "", "--lang", "en",
                          "--screenshot", str(tmp_path / "shot.png"),
                          "--timeout", str(limit_s)]), runner=runner)
    assert code == 0 and len(called) == 1
    qtbot.wait(int(max(0.0, called[0] + limit_s + 0.5 - time.monotonic()) * 1000))  # past it
    ticks: list[int] = []
    QTimer.singleShot(20, lambda: ticks.append(1))
    qtbot.waitUntil(lambda: ticks != [], timeout=5000)  # the event loop still runs
    assert "did not finish" not in capsys.readouterr().err


def test_the_window_opens_with_the_files_given_and_checks_them(
        qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``vincheck gui FILES`` (no screenshot) shows the window placed on the screen, waits
    for the files to be sorted and checks them (this path had no test and still used the
    window's forwarded names of old)."""
    from PySide6.QtCore import QTimer

    from vincheck.gui import app as gui_app

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    case = write_case(tmp_path / "case")
    built, ended = [], []
    build = gui_app.build_window

    def build_and_watch(args, runner=None):  # noqa: ANN001, ANN202
        w = build(args, runner)
        built.append(w)
        w.checkFinished.connect(lambda outcome: (ended.append(outcome), w.close(),
                                                 QTimer.singleShot(0, qapp.quit)))
        return w

    monkeypatch.setattr(gui_app, "build_window", build_and_watch)
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(qapp.quit)  # a hang ends the loop; the asserts below then fail
    guard.start(60_000)
    runner = FakeRunner()
    code = gui_app.run_gui(parse([*case.files(), "--expect", case.expected_vin or "",
                                  "--lang", "en", "--no-record"]), runner=runner)
    guard.stop()
    assert code == 0 and ended == ["done"] and runner.calls == 1
    w = built[0]
    assert w.model.result is not None
    assert sorted(f for f, _kind in w.panel.files()) == sorted(case.files())


def test_screenshot_mode_gives_up_on_a_check_past_its_timeout(qapp, tmp_path: Path,
                                                              capsys) -> None:  # noqa: ANN001
    """``--timeout``: a check still running then is cancelled and the exit code says so."""
    from vincheck.gui.app import run_gui

    case = write_case(tmp_path / "case")
    runner = FakeRunner(block=True)  # runs until cancelled
    code = run_gui(parse([*case.files(), "--lang", "en", "--timeout", "1",
                          "--screenshot", str(tmp_path / "shot.png")]), runner=runner)
    assert code == ExitCode.TIMED_OUT and runner.calls == 1
    assert "did not finish within 1 s" in capsys.readouterr().err
    assert (tmp_path / "shot.png").exists()


def test_unknown_colour_is_a_usage_error() -> None:
    from vincheck.errors import UsageError
    from vincheck.gui.app import parse_colour

    assert parse_colour("白") == "白" and parse_colour("Blue") == "蓝"
    assert parse_colour("红色") == "红"
    with pytest.raises(UsageError):
        parse_colour("orange")


def test_cli_registers_gui_without_importing_qt() -> None:
    code = ("import sys; from vincheck.cli import build_parser; p = build_parser(); "
            "a = p.parse_args(['gui', '--sample', '--lang', 'en']); "
            "assert a.sample and a.lang == 'en'; "
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


@pytest.mark.slow
def test_cli_screenshot_of_the_sample_case_with_the_real_checks(tmp_path: Path) -> None:
    """``vincheck gui --sample --screenshot`` with the real runner, in a fresh process."""
    from PIL import Image

    from vincheck.gui.case_model import sample_case_file

    if sample_case_file() is None:
        pytest.skip("the bundled sample case is not there")
    out = tmp_path / "sample.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-m", "vincheck", "gui", "--sample", "--lang", "zh_CN",
                           "--screenshot", str(out)], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    with Image.open(out) as im:
        assert im.size == (1366, 768)
