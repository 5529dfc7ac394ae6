"""A settings change that alters how checks are judged, accepted while a result is on
screen, marks that result stale: the banner says "settings changed — check again"
instead of a verdict, no decision is taken on it, no report is made from it and a saved
case leaves it out. Accepting the dialog unchanged, or changing a setting that judges
nothing (the station), keeps the result current."""

from __future__ import annotations

import dataclasses
import json
import threading
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")
pytestmark = pytest.mark.gui

from PySide6.QtWidgets import QDialog  # noqa: E402

from tests.gui_support import (  # noqa: E402
    FakeRunner,
    checked_window,
    fake_result,
    make_window,
)
from vincheck.gui.judging_settings import NOT_JUDGING, judging_key  # noqa: E402
from vincheck.gui.main_window import MainWindow  # noqa: E402
from vincheck.settings import SPECS, Settings  # noqa: E402


def accept(w: MainWindow, monkeypatch: pytest.MonkeyPatch, change) -> None:  # noqa: ANN001
    """Open the settings dialog and press OK with ``change(settings)`` applied."""
    from vincheck.gui.settings_dialog import SettingsDialog

    monkeypatch.setattr(SettingsDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(SettingsDialog, "result_settings", lambda self: change(
        dataclasses.replace(w.prefs.settings, rubbing=dataclasses.replace(w.prefs.settings.rubbing),
                            photo=dataclasses.replace(w.prefs.settings.photo))))
    w.prefs.open_dialog()


def tighter_height(s: Settings) -> Settings:
    s.rubbing.max_height_spread = 0.10
    return s


def review_key(w: MainWindow) -> str:
    return next(e.key for g in w.result_view.groups for e in g.entries
                if e.finding.code == "unreadable")


def test_a_judging_change_marks_the_result_stale(qtbot, english, monkeypatch, case,
                                                 tmp_path: Path) -> None:
    w = checked_window(qtbot, case, Settings(operator="Li Lei"))
    assert "FAIL" in w.result_view.banner.text()
    accept(w, monkeypatch, tighter_height)
    assert w.prefs.settings.rubbing.max_height_spread == 0.10
    assert w.model.result is not None  # still there to look at, but not as a verdict
    banner = w.result_view.banner.text()
    assert "Settings changed" in banner and "FAIL" not in banner
    assert "earlier settings" in w.result_view.banner_detail.text()
    assert "Settings changed" in w.panel.progress_label.text()
    w.result_view.checklist.select_key(review_key(w))
    assert not w.decisions.accept_button.isEnabled() and w.decisions.decide(True) is None
    assert w.model.result.decisions == []
    report = tmp_path / "r.pdf"
    assert not w.reports.export_to(str(report)) and not report.exists()
    assert "No report from this result" in w.messages.text_plain()
    saved = tmp_path / "case.json"
    assert w.reports.save_to(str(saved))
    assert json.loads(saved.read_text(encoding="utf-8")).get("result") is None
    assert "saved without its result" in w.messages.text_plain()


def test_a_fresh_check_after_the_change_is_current(qtbot, english, monkeypatch, case,
                                                   tmp_path: Path) -> None:
    w = checked_window(qtbot, case, Settings(operator="Li Lei"))
    accept(w, monkeypatch, tighter_height)
    assert not w.reports.export_to(str(tmp_path / "stale.pdf"))  # refused, with a warning
    assert w.reports.save_to(str(tmp_path / "stale.json"))  # saved without the result
    refusals = ("No report from this result", "saved without its result")
    assert all(r in w.messages.text_plain() for r in refusals)
    with qtbot.waitSignal(w.checkFinished, timeout=10_000):
        assert w.flow.start_check()
    banner = w.result_view.banner.text()
    assert "FAIL" in banner and "Settings changed" not in banner
    # the warnings were about the old result: they do not stand beside the new one (found
    # under Xvfb: "No report from this result" stayed through two later checks)
    assert not any(r in w.messages.text_plain() for r in refusals)
    assert w.reports.export_to(str(tmp_path / "r.pdf"))


@pytest.mark.parametrize("change", [lambda s: s, lambda s: dataclasses.replace(
    s, station="Station 2", operator="Han Meimei")], ids=["unchanged", "station"])
def test_unchanged_or_non_judging_settings_keep_the_result(qtbot, english, monkeypatch, case,
                                                           tmp_path: Path, change) -> None:
    w = checked_window(qtbot, case, Settings(operator="Li Lei"))
    banner, result = w.result_view.banner.text(), w.model.result
    accept(w, monkeypatch, change)
    assert w.model.result is result and w.result_view.banner.text() == banner
    assert "Check finished" in w.panel.progress_label.text()
    assert w.reports.export_to(str(tmp_path / "r.pdf"))


def test_changing_the_setting_back_makes_the_result_current_again(qtbot, english,
                                                                   monkeypatch, case) -> None:
    w = checked_window(qtbot, case, Settings(operator="Li Lei"))
    banner = w.result_view.banner.text()
    accept(w, monkeypatch, tighter_height)
    assert "Settings changed" in w.result_view.banner.text()

    def back(s: Settings) -> Settings:
        s.rubbing.max_height_spread = Settings().rubbing.max_height_spread
        return s

    accept(w, monkeypatch, back)
    assert w.result_view.banner.text() == banner


class GatedRunner(FakeRunner):
    """A fake runner that returns its result only once ``go`` is set."""

    def __init__(self) -> None:
        super().__init__()
        self.go = threading.Event()

    def __call__(self, case, settings=None, progress=None, cancel=None):  # noqa: ANN001
        self.started.set()
        assert self.go.wait(10)
        return fake_result(case)


def test_a_check_running_while_the_settings_change_comes_back_stale(qtbot, english,
                                                                     monkeypatch, case) -> None:
    runner = GatedRunner()
    w = make_window(qtbot, runner)
    w.panel.set_case(case)
    assert w.flow.start_check() and runner.started.wait(5)
    accept(w, monkeypatch, tighter_height)  # while it runs
    assert "Checking" in w.result_view.banner.text()
    with qtbot.waitSignal(w.checkFinished, timeout=10_000):
        runner.go.set()
    assert w.model.result is not None
    assert "Settings changed" in w.result_view.banner.text()
    assert "Settings changed" in w.panel.progress_label.text()


def test_the_stale_banner_is_chinese_by_default(qtbot, chinese, monkeypatch, case) -> None:
    w = checked_window(qtbot, case, Settings(operator="李雷"))
    accept(w, monkeypatch, tighter_height)
    assert w.result_view.banner.text() == "设置已更改——请重新检查（F5）"
    assert "先前的设置" in w.result_view.banner_detail.text()


def test_every_setting_is_judging_or_listed_as_not() -> None:
    assert NOT_JUDGING <= set(SPECS)
    for key in ("rubbing.max_height_spread", "photo.print_width_mm", "rubbing.default_dpi",
                "max_image_pixels", "ocr_engines", "tesseract_cmd"):
        assert key in SPECS and key not in NOT_JUDGING
    s = Settings()
    assert judging_key(s) == judging_key(dataclasses.replace(s, station="x", language="en"))
    assert judging_key(s) != judging_key(dataclasses.replace(
        s, rubbing=dataclasses.replace(s.rubbing, default_dpi=600.0)))


def test_the_note_that_there_is_no_result_goes_with_the_first_result(qtbot, english,
                                                                     case) -> None:
    from tests.gui_support import run_and_wait

    w = make_window(qtbot, FakeRunner())
    w.reports.export_dialog()  # nothing checked yet
    assert "Run the check before exporting" in w.messages.text_plain()
    w.panel.set_case(case)
    assert run_and_wait(qtbot, w) == "done"
    assert "Run the check before exporting" not in w.messages.text_plain()
