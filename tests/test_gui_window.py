"""The main window with a fake runner: verdict, evidence, errors, cancel, VIN field,
language, decisions, saving, the records store and the settings dialog."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QDropEvent  # noqa: E402

from tests.gui_support import (  # noqa: E402
    VIN,
    FakeRunner,
    fake_result,
    make_window,
    run_and_wait,
)
from vincheck.errors import TesseractNotFoundError  # noqa: E402
from vincheck.findings import Status, Verdict  # noqa: E402
from vincheck.gui import texts  # noqa: E402
from vincheck.gui.main_window import MainWindow  # noqa: E402
from vincheck.settings import Settings  # noqa: E402


def wait_image(qtbot, w: MainWindow, timeout: int = 5_000) -> None:
    """Images load in the background: wait until the current one is on screen."""
    qtbot.waitUntil(lambda: w.viewer.view.has_image() and not w.viewer.image_pending(),
                    timeout=timeout)


def test_check_shows_verdict_checklist_and_evidence(qtbot, english, case) -> None:
    w = make_window(qtbot, FakeRunner())
    w.panel.set_case(case)
    assert run_and_wait(qtbot, w) == "done"
    expected = fake_result(case)
    # the banner shows the core's verdict, the checklist one row per finding
    assert w.verdict() is expected.decided_verdict()
    assert w.result_view.banner.text().startswith(texts.verdict_text(expected.decided_verdict()))
    assert w.result_view.checklist.row_count() == len(expected.all_findings())
    assert VIN in w.result_view.banner_detail.text()
    # the first failing finding is selected and its evidence drawn on its image
    entry = w.result_view.checklist.current_entry()
    assert entry is not None and entry.finding.status is Status.FAIL
    assert w.viewer.current_image == (case.photo_files[0], 0)
    wait_image(qtbot, w)
    assert "京A12345 0.88" in w.viewer.view.label_texts()
    # clicking a rubbing finding shows the sheet with the characters read
    key = next(k for k, e in w.result_view.checklist.entries.items()
               if e.finding.code == "unreadable")
    assert w.result_view.checklist.select_key(key)
    assert w.viewer.current_image == (case.rubbing_files[0], 0)
    wait_image(qtbot, w)
    labels = w.viewer.view.label_texts()
    assert f"{VIN[0]} 0.95" in labels and "M 0.41" in labels
    # character labels show only when zoomed in far enough not to overlap
    w.viewer.view.actual_size()
    assert f"{VIN[0]} 0.95" in w.viewer.view.label_texts(visible_only=True)
    w.viewer.view.zoom(0.2)
    assert f"{VIN[0]} 0.95" not in w.viewer.view.label_texts(visible_only=True)


def test_dropping_a_bad_file_shows_a_message(qtbot, english, tmp_path: Path, case) -> None:
    bad = tmp_path / "broken.png"
    bad.write_bytes(b"this is not a PNG at all")
    w = make_window(qtbot, FakeRunner())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(bad)), QUrl.fromLocalFile(case.photo_files[0])])
    event = QDropEvent(QPointF(400, 300), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(w.filesSorted, timeout=10_000):
        w.dropEvent(event)
    assert "broken.png" in w.messages.text_plain()
    assert w.messages.isVisible()
    # the good file was still added, sorted as a photo; the bad one was not
    assert w.panel.files() == [(case.photo_files[0], "photo")]


def test_dropped_files_are_sorted_and_correctable(qtbot, english, case) -> None:
    w = make_window(qtbot, FakeRunner())
    with qtbot.waitSignal(w.filesSorted, timeout=10_000) as sorted_:
        assert w.flow.add_paths([case.photo_files[0], case.rubbing_files[0]]) == 2
    assert sorted_.args == [2]
    kinds = dict(w.panel.files())
    assert kinds[case.rubbing_files[0]] == "rubbing"
    assert kinds[case.photo_files[0]] == "photo"
    w.panel.set_kind(case.photo_files[0], "rubbing")
    assert w.panel.case_input().rubbing_files == [case.photo_files[0], case.rubbing_files[0]]


def test_cancel_a_running_check(qtbot, english, case) -> None:
    runner = FakeRunner(block=True)
    w = make_window(qtbot, runner)
    w.panel.set_case(case)
    assert w.flow.start_check()
    assert runner.started.wait(5)
    assert w.model.running and w.panel.cancel_button.isEnabled()
    assert not w.panel.check_button.isEnabled()
    with qtbot.waitSignal(w.checkFinished, timeout=10_000) as blocker:
        qtbot.mouseClick(w.panel.cancel_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["cancelled"]
    assert w.model.result is None and not w.model.running
    assert "cancel" in w.result_view.banner.text().lower()
    assert w.panel.check_button.isEnabled()


def test_missing_tesseract_is_a_message_not_a_crash(qtbot, english, case) -> None:
    err = TesseractNotFoundError("Tesseract is not installed; install it with "
                                 "'sudo apt install tesseract-ocr'")
    w = make_window(qtbot, FakeRunner(error=err))
    w.panel.set_case(case)
    assert run_and_wait(qtbot, w) == "failed"
    text = w.messages.text_plain()
    assert "apt install tesseract-ocr" in text and "Settings" in text
    assert w.model.result is None
    # the window keeps the case and can run again
    w.check.runner = FakeRunner()
    assert run_and_wait(qtbot, w) == "done"
    assert w.model.result is not None


def test_expected_vin_field_validates_as_typed(qtbot, english) -> None:
    w = make_window(qtbot, FakeRunner())
    edit = w.panel.vin_edit
    wrong = VIN[:8] + ("1" if VIN[8] != "1" else "2") + VIN[9:]
    qtbot.keyClicks(edit, wrong)
    assert not w.panel.vin_valid()
    status = w.panel.vin_status.text()
    assert "check digit" in status and VIN[8] in status
    edit.clear()
    qtbot.keyClicks(edit, VIN[:10])
    assert "17" in w.panel.vin_status.text() and "10" in w.panel.vin_status.text()
    edit.clear()
    qtbot.keyClicks(edit, VIN[:5] + "I" + VIN[6:])
    assert "position 6" in w.panel.vin_status.text()
    edit.clear()
    qtbot.keyClicks(edit, VIN.lower())
    assert w.panel.vin_valid()
    assert w.panel.case_input().expected_vin == VIN


def test_switching_language_changes_visible_text(qtbot, english, case) -> None:
    w = make_window(qtbot, FakeRunner())
    w.panel.set_case(case)
    run_and_wait(qtbot, w)
    before = (w.menus.menu_file.title(), w.panel.check_button.text(), w.result_view.banner.text(),
              w.result_view.checklist.headerItem().text(0))
    w.switch_language("zh_CN")
    after = (w.menus.menu_file.title(), w.panel.check_button.text(), w.result_view.banner.text(),
             w.result_view.checklist.headerItem().text(0))
    for b, a in zip(before, after, strict=True):
        assert a != b
        assert any("\u4e00" <= ch <= "\u9fff" for ch in a), a
    rule_titles = [w.result_view.checklist.topLevelItem(i).text(0)
                   for i in range(w.result_view.checklist.topLevelItemCount())]
    assert any("拓印" in t for t in rule_titles)
    assert w.prefs.settings.language == "zh_CN"
    w.switch_language("en")
    assert w.menus.menu_file.title() == before[0]


def test_review_decision_is_kept_and_changes_the_verdict(qtbot, english, case) -> None:
    w = make_window(qtbot, FakeRunner(plate_fails=False))
    w.panel.set_case(case)
    run_and_wait(qtbot, w)
    assert w.verdict() is Verdict.REVIEW
    key = next(k for k, e in w.result_view.checklist.entries.items()
               if e.finding.code == "unreadable")
    w.result_view.checklist.select_key(key)
    assert w.decisions.accept_button.isEnabled()
    w.decisions.note_edit.setText("compared by eye: M is right")
    qtbot.mouseClick(w.decisions.accept_button, Qt.MouseButton.LeftButton)
    assert len(w.model.result.decisions) == 1
    d = w.model.result.decisions[0]
    assert (d.code, d.accepted, d.operator) == ("unreadable", True, "Li Lei")
    assert d.note == "compared by eye: M is right"
    assert w.verdict() is w.model.result.decided_verdict() is Verdict.PASS
    assert w.result_view.banner.text().startswith(texts.verdict_text(Verdict.PASS))
    # a passed finding cannot be decided
    key = next(k for k, e in w.result_view.checklist.entries.items()
               if e.finding.status is Status.PASS)
    w.result_view.checklist.select_key(key)
    assert not w.decisions.accept_button.isEnabled() and w.decisions.decide(False) is None


def test_save_writes_case_result_and_decisions(qtbot, english, case, tmp_path: Path) -> None:
    from vincheck.case_files import load_case_result

    w = make_window(qtbot, FakeRunner())
    w.panel.set_case(case)
    run_and_wait(qtbot, w)
    key = next(k for k, e in w.result_view.checklist.entries.items()
               if e.finding.code == "unreadable")
    w.result_view.checklist.select_key(key)
    w.decisions.decide(False, note="smudged")
    out = tmp_path / "saved" / "case.json"
    assert w.reports.save_to(str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["expected_vin"] == VIN and data["result"]["verdict"] == "fail"
    case2, result2 = load_case_result(out)
    assert [Path(f).name for f in case2.files()] == [Path(f).name for f in case.files()]
    assert result2 is not None and len(result2.all_findings()) == len(w.model.result.all_findings())
    assert [(d.code, d.accepted, d.note) for d in result2.decisions] == [
        ("unreadable", False, "smudged")]
    # reopening shows the saved result without checking again
    runner = FakeRunner()
    w2 = make_window(qtbot, runner)
    assert w2.flow.open_case_file(str(out))
    assert runner.calls == 0 and w2.verdict() is Verdict.FAIL


def test_finished_checks_are_recorded_and_reopened(qtbot, english, case,
                                                   tmp_path: Path) -> None:
    store_mod = pytest.importorskip("vincheck.store")
    db = tmp_path / "records.sqlite"
    w = make_window(qtbot, FakeRunner(plate_fails=False), record=True,
                    store_factory=lambda s: store_mod.Store(db, settings=s))
    w.panel.set_case(case)
    run_and_wait(qtbot, w)
    assert w.model.record_id is not None, w.messages.text_plain()
    key = next(k for k, e in w.result_view.checklist.entries.items()
               if e.finding.code == "unreadable")
    w.result_view.checklist.select_key(key)
    w.decisions.decide(True, note="ok")
    store = store_mod.Store(db)
    try:
        case2, result2, _meta = store.get_case(w.model.record_id)
    finally:
        store.close()
    assert result2.decided_verdict() is Verdict.PASS
    assert [d.code for d in result2.decisions] == ["unreadable"]
    w2 = make_window(qtbot, FakeRunner(), record=True,
                     store_factory=lambda s: store_mod.Store(db, settings=s))
    assert w2.open_record(w.model.record_id)
    assert w2.result_view.checklist.row_count() == len(result2.all_findings())
    assert w2.verdict() is Verdict.PASS


def test_unopenable_store_is_a_message(qtbot, english, case, tmp_path: Path) -> None:
    def broken(_settings):
        raise OSError("disk on fire")

    w = make_window(qtbot, FakeRunner(), record=True, store_factory=broken)
    w.panel.set_case(case)
    run_and_wait(qtbot, w)
    assert w.model.result is not None  # the UI state is kept
    assert "disk on fire" in w.messages.text_plain()


def test_keyboard_zoom_and_image_navigation(qtbot, english, case) -> None:
    w = make_window(qtbot, FakeRunner())
    w.panel.set_case(case)
    first = w.viewer.current_image
    wait_image(qtbot, w)
    w.menus.act_one.trigger()
    assert w.viewer.view.scale_factor() == pytest.approx(1.0)
    w.menus.act_zoom_in.trigger()
    assert w.viewer.view.scale_factor() > 1.0
    w.menus.act_fit.trigger()
    iw, ih = w.viewer.view.image_size()
    vp = w.viewer.view.viewport().size()
    assert w.viewer.view.scale_factor() <= min(vp.width() / iw, vp.height() / ih) + 1e-6
    w.menus.act_next.trigger()
    assert w.viewer.current_image != first
    w.menus.act_prev.trigger()
    assert w.viewer.current_image == first
    m = w.menus
    for act, key in ((m.act_open, "Ctrl+O"), (m.act_check, "F5"), (m.act_save, "Ctrl+S"),
                     (m.act_export, "Ctrl+E"), (m.act_history, "Ctrl+H"),
                     (m.act_next, "Ctrl+PgDown"), (m.act_fit, "Ctrl+0"), (m.act_one, "Ctrl+1")):
        assert key in [s.toString() for s in act.shortcuts()], key


def test_settings_dialog_edits_and_restores_defaults(qtbot, english) -> None:
    from PySide6.QtWidgets import QDoubleSpinBox

    from vincheck.gui.settings_dialog import SettingsDialog
    from vincheck.settings import RubbingSettings

    dlg = SettingsDialog(Settings(), unlocked=True)
    qtbot.addWidget(dlg)
    dlg.editor("operator").setText("王芳")
    spin = dlg.editor("rubbing", "min_char_height_mm")
    assert isinstance(spin, QDoubleSpinBox)
    spin.setValue(4.0)
    dlg.editor("rubbing.default_dpi").setValue(600)
    s = dlg.result_settings()
    assert (s.operator, s.rubbing.min_char_height_mm, s.rubbing.default_dpi) == \
        ("王芳", 4.0, 600.0)
    dlg.restore_defaults()
    s = dlg.result_settings()
    assert s.rubbing.min_char_height_mm == RubbingSettings().min_char_height_mm
    assert s.operator == "王芳" and s.rubbing.default_dpi is None


def test_history_dialog_opens_a_recorded_case(qtbot, english, case, tmp_path: Path) -> None:
    store_mod = pytest.importorskip("vincheck.store")
    pytest.importorskip("vincheck.gui.history_view")
    db = tmp_path / "records.sqlite"
    w = make_window(qtbot, FakeRunner(), record=True,
                    store_factory=lambda s: store_mod.Store(db, settings=s))
    w.panel.set_case(case)
    run_and_wait(qtbot, w)
    first_id = w.model.record_id
    w.flow.new_case(case.__class__())  # an empty case
    assert w.model.result is None
    w.menus.act_history.trigger()
    assert w.records.history_dialog is not None and w.records.history_dialog.isVisible()
    from vincheck.gui.history_view import HistoryView

    view = w.records.history_dialog.findChild(HistoryView)
    view.caseOpened.emit(first_id)
    assert w.model.record_id == first_id and w.verdict() is Verdict.FAIL
    assert [p for p, _ in w.panel.files()] == case.files()


def test_export_writes_a_pdf(qtbot, english, case, tmp_path: Path) -> None:
    pytest.importorskip("vincheck.export")
    w = make_window(qtbot, FakeRunner())
    w.panel.set_case(case)
    assert not w.reports.export_to(str(tmp_path / "early.pdf"))  # nothing to export yet
    run_and_wait(qtbot, w)
    out = tmp_path / "report.pdf"
    assert w.reports.export_to(str(out)), w.messages.text_plain()
    assert out.read_bytes()[:4] == b"%PDF"


def test_first_start_opens_the_sample_case_once(qtbot, english, case, case_dir: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from vincheck.case_files import save_case_result
    from vincheck.gui import case_model

    sample = save_case_result(case_dir / "sample.json", case)
    monkeypatch.setattr(case_model, "sample_case_file", lambda: sample)
    runner = FakeRunner()
    w = make_window(qtbot, runner)
    with qtbot.waitSignal(w.checkFinished, timeout=10_000):
        w.first_start()
    assert runner.calls == 1 and w.verdict() is not None
    assert str(sample.resolve()) in w.state.recent
    runner2 = FakeRunner()
    w2 = make_window(qtbot, runner2)
    w2.first_start()
    assert runner2.calls == 0 and not w2.model.running


def test_excepthook_reports_instead_of_dying(qapp, capsys) -> None:
    import sys

    from vincheck.gui.app import install_excepthook

    old = sys.excepthook
    try:
        install_excepthook()
        try:
            raise RuntimeError("boom in a slot")
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = old
    assert "boom in a slot" in capsys.readouterr().err


def test_unknown_dpi_and_unreadable_files_are_explained(qtbot, english, case) -> None:
    from vincheck.findings import Finding

    def runner(c, settings=None, progress=None, cancel=None):
        r = fake_result(c)
        r.sheets[0].findings.append(Finding("dpi", Status.SKIPPED, message="DPI unknown"))
        r.errors.append({"file": "/nowhere/scan2.tif", "error": "the file is truncated"})
        return r

    w = make_window(qtbot, runner)
    w.panel.set_case(case)
    run_and_wait(qtbot, w)
    text = w.messages.text_plain()
    assert "sheet.png" in text and "Scan DPI" in text
    assert "scan2.tif" in text and "truncated" in text
    row = next(e for e in w.result_view.checklist.entries.values() if e.finding.code == "dpi")
    assert "DPI" in texts.explanation(row.finding)


@pytest.mark.slow
def test_sample_case_with_the_real_checks(qtbot, english) -> None:
    """The bundled sample case through the real ``run_case`` in the worker thread."""
    from vincheck.gui.case_model import sample_case_file

    if sample_case_file() is None:
        pytest.skip("the bundled sample case is not there")
    w = make_window(qtbot, None)  # default runner: vincheck.inspection.run_case
    with qtbot.waitSignal(w.checkFinished, timeout=180_000) as blocker:
        assert w.open_sample(run=True)
    assert blocker.args == ["done"], w.messages.text_plain()
    wait_image(qtbot, w)
    assert w.model.result is not None
    result = w.model.result
    assert w.result_view.checklist.row_count() == len(result.all_findings()) + len(result.errors)
    assert w.result_view.banner.text().startswith(texts.verdict_text(result.decided_verdict()))
    assert w.viewer.view.has_image() and w.viewer.view.overlay_count() > 0
