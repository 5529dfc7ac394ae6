"""One vehicle after another in the main window (fake runner): a result never stays beside
inputs it was not computed from, a new case clears everything, dropped complete cases
check themselves, the sample is not recorded, the operator's name comes first, and the
operator's decisions (with undo and keys) keep banner, summary and row icons in step."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QDropEvent  # noqa: E402

from tests.gui_support import (  # noqa: E402
    VIN,
    FakeRunner,
    make_window,
    run_and_wait,
)
from vincheck.findings import Status, Verdict  # noqa: E402
from vincheck.gui import texts  # noqa: E402
from vincheck.gui.main_window import MainWindow  # noqa: E402
from vincheck.gui.style import status_icon  # noqa: E402
from vincheck.settings import Settings  # noqa: E402


def checked(qtbot, case, **kw) -> MainWindow:
    w = make_window(qtbot, kw.pop("runner", None) or FakeRunner(), **kw)
    w.panel.set_case(case)
    assert run_and_wait(qtbot, w) == "done"
    assert w.model.result is not None and w.result_view.checklist.row_count() > 0
    return w


def assert_no_result(w: MainWindow) -> None:
    """Nothing of a verdict is on screen: banner, summary, checklist and evidence."""
    assert w.model.result is None and w.verdict() is None
    assert w.result_view.banner.text() == "No verdict yet: add files and press Check (F5)."
    assert w.result_view.banner_detail.text() == ""
    checklist = w.result_view.checklist
    assert checklist.row_count() == 0 and checklist.topLevelItemCount() == 0
    assert w.viewer.view.label_texts() == []
    assert "Check finished" not in w.panel.progress_label.text()  # that result's time


def _set_kind(w: MainWindow, kind: str) -> None:
    w.panel.kind_combo.setCurrentIndex(w.panel.kind_combo.findData(kind))


def _set_colour(w: MainWindow, colour: str | None) -> None:
    w.panel.colour_combo.setCurrentIndex(w.panel.colour_combo.findData(colour))


def _remove_first_file(w: MainWindow) -> None:
    w.panel.file_tree.setCurrentItem(w.panel.file_tree.topLevelItem(0))
    w.panel.remove_selected()


CHANGES = {
    "expected VIN": lambda w, c: w.panel.vin_edit.setText(VIN[:-1] + "1"),
    "vehicle kind": lambda w, c: _set_kind(w, "trailer"),
    "colour": lambda w, c: _set_colour(w, "蓝"),
    "no colour": lambda w, c: _set_colour(w, None),
    "scan DPI": lambda w, c: w.panel.dpi_spin.setValue(600),
    "a file removed": lambda w, c: _remove_first_file(w),
    "a file's type": lambda w, c: w.panel.set_kind(c.photo_files[0], "rubbing"),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_changing_an_input_clears_the_verdict(qtbot, english, case, change) -> None:
    w = checked(qtbot, case)
    verdict = texts.verdict_text(w.model.result.decided_verdict())
    assert w.result_view.banner.text().startswith(verdict)
    CHANGES[change](w, case)
    assert_no_result(w)
    assert "result was cleared" in w.messages.text_plain()
    # the case itself is kept (only the result went) and can be checked again
    now = w.panel.case_input()
    assert now.files()
    if now.rubbing_files and now.photo_files:  # what the fake runner needs
        assert run_and_wait(qtbot, w) == "done" and w.model.result is not None


def test_removing_every_file_leaves_no_result(qtbot, english, case) -> None:
    w = checked(qtbot, case)
    while w.panel.files():
        _remove_first_file(w)
    assert_no_result(w)
    assert not w.viewer.view.has_image()


def test_new_case_clears_everything(qtbot, english, case) -> None:
    w = checked(qtbot, case)
    w.panel.dpi_spin.setValue(300)
    w.messages.add("an old message", "warning")
    run_and_wait(qtbot, w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=2_000)
    qtbot.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # 新建案件
    assert w.panel.files() == []
    case_now = w.panel.case_input()
    assert (case_now.expected_vin, case_now.kind, case_now.color, case_now.dpi) == \
        (None, "car", None, None)
    assert_no_result(w)
    assert not w.viewer.view.has_image() and w.viewer.images == []
    assert w.viewer.current_image is None
    assert w.messages.messages == []
    assert w.viewer.image_combo.count() == 0
    assert w.panel.progress.value() == 0 and w.panel.progress_label.text() == ""
    assert w.menus.act_new.shortcut().toString() == "Ctrl+N"


def test_opening_files_on_a_finished_case_starts_a_new_case(qtbot, english, case) -> None:
    w = checked(qtbot, case)
    with qtbot.waitSignal(w.filesSorted, timeout=10_000):
        assert w.flow.add_paths([case.photo_files[0]]) == 1
    assert w.panel.files() == [(case.photo_files[0], "photo")]  # not added to the old case
    assert w.panel.vin_edit.text() == ""
    assert_no_result(w)


def _drop(w: MainWindow, files: list[str]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(f) for f in files])
    w.dropEvent(QDropEvent(QPointF(400, 300), Qt.DropAction.CopyAction, mime,
                           Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))


def test_dropping_a_complete_case_starts_the_check(qtbot, english, case) -> None:
    runner = FakeRunner()
    w = make_window(qtbot, runner)
    w.panel.vin_edit.setText(VIN)
    with qtbot.waitSignal(w.checkFinished, timeout=10_000) as done:
        _drop(w, [case.photo_files[0], case.rubbing_files[0]])
    assert done.args == ["done"] and runner.calls == 1 and w.model.result is not None
    # without an expected VIN (not complete) nothing starts by itself
    w.next_vehicle()
    with qtbot.waitSignal(w.filesSorted, timeout=10_000):
        _drop(w, [case.photo_files[0], case.rubbing_files[0]])
    qtbot.wait(200)
    assert runner.calls == 1 and not w.model.running


def test_the_setting_turns_the_check_on_drop_off(qtbot, english, case) -> None:
    runner = FakeRunner()
    w = make_window(qtbot, runner, settings=Settings(operator="Li Lei",
                                                     auto_check_on_drop=False))
    w.panel.vin_edit.setText(VIN)
    with qtbot.waitSignal(w.filesSorted, timeout=10_000):
        _drop(w, [case.photo_files[0], case.rubbing_files[0]])
    qtbot.wait(200)
    assert runner.calls == 0 and w.model.result is None


class ListStore:
    """A records store that keeps what it is given."""

    def __init__(self) -> None:
        self.cases: list[tuple] = []

    def record_case(self, case, result, **kw) -> int:  # noqa: ANN001
        self.cases.append((case, result, kw))
        return len(self.cases)

    def update_decisions(self, case_id, decisions) -> None:  # noqa: ANN001
        pass

    def close(self) -> None:
        pass


def test_the_sample_case_is_not_recorded(qtbot, english, case, case_dir: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from vincheck.case_files import save_case_result
    from vincheck.gui import case_model

    sample = save_case_result(case_dir / "sample.json", case)
    monkeypatch.setattr(case_model, "sample_case_file", lambda: sample)
    store = ListStore()
    w = make_window(qtbot, FakeRunner(), record=True, store_factory=lambda _s: store)
    with qtbot.waitSignal(w.checkFinished, timeout=10_000):
        assert w.open_sample(run=True)
    assert w.model.result is not None and store.cases == []
    detail = w.result_view.banner_detail.text()
    assert "sample" in detail and "not recorded" in detail
    # the same files elsewhere are a vehicle: recorded
    other = tmp_path / "vehicle"
    other.mkdir()
    files = [shutil.copy(f, other / Path(f).name) for f in case.files()]
    w.next_vehicle()
    w.panel.vin_edit.setText(VIN)
    w.panel.add_file(str(files[0]), "rubbing")
    w.panel.add_file(str(files[1]), "photo")
    run_and_wait(qtbot, w)
    assert len(store.cases) == 1 and "sample" not in w.result_view.banner_detail.text()


def test_the_operator_name_comes_before_the_first_record(qtbot, english, case,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    from vincheck.settings import load_settings

    store = ListStore()
    runner = FakeRunner()
    w = make_window(qtbot, runner, settings=Settings(), record=True,
                    store_factory=lambda _s: store)
    answers = iter(["  ", "王芳"])
    monkeypatch.setattr(w, "ask_operator_name", lambda: next(answers))
    w.panel.set_case(case)
    assert not w.flow.start_check()  # no name given: nothing checked, nothing recorded
    assert runner.calls == 0 and "operator" in w.messages.text_plain()
    assert run_and_wait(qtbot, w) == "done"
    assert store.cases[0][2]["operator"] == "王芳"
    assert load_settings().operator == "王芳"  # kept for the next start
    assert "王芳" in w.status_zoom.text()


# --- decisions ---------------------------------------------------------------------------
def shown_rows(w: MainWindow) -> dict[str, Status]:
    """Each finding row's status as its icon shows it."""
    icon_status = {status_icon(s).cacheKey(): s for s in Status}
    out = {}
    for i in range(w.result_view.checklist.topLevelItemCount()):
        top = w.result_view.checklist.topLevelItem(i)
        for j in range(top.childCount()):
            child = top.child(j)
            out[str(child.data(0, Qt.ItemDataRole.UserRole + 1))] = \
                icon_status[child.icon(0).cacheKey()]
    return out


def assert_consistent(w: MainWindow) -> Verdict:
    """Banner, summary line and row icons say the same thing."""
    rows = shown_rows(w)
    n = {s: sum(1 for v in rows.values() if v is s) for s in Status}
    pending = n[Status.REVIEW] + n[Status.SKIPPED]
    expected = Verdict.FAIL if n[Status.FAIL] else Verdict.REVIEW if pending else Verdict.PASS
    assert w.verdict() is expected
    assert w.result_view.banner.text().startswith(texts.verdict_text(expected))
    assert f"{n[Status.PASS]} passed, {n[Status.FAIL]} failed, {pending} to review" in \
        w.result_view.banner_detail.text()
    return expected


def test_decisions_and_undo_keep_banner_summary_and_icons_consistent(qtbot, english,
                                                                     case) -> None:
    w = checked(qtbot, case, runner=FakeRunner(plate_fails=False))
    assert assert_consistent(w) is Verdict.REVIEW
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=2_000)
    qtbot.keyClick(w, Qt.Key.Key_F8)  # the next item awaiting review
    entry = w.result_view.checklist.current_entry()
    assert entry is not None and entry.finding.code == "unreadable"
    advice = texts.advice(entry.finding)
    # what to do about it, under the banner
    assert advice and advice in w.result_view.banner_detail.text()
    qtbot.keyClick(w, Qt.Key.Key_F9)  # accept
    assert assert_consistent(w) is Verdict.PASS
    assert shown_rows(w)[entry.key] is Status.PASS
    assert advice not in w.result_view.banner_detail.text()  # accepted: nothing left to do about it
    qtbot.keyClick(w, Qt.Key.Key_F10)  # changed mind: reject
    assert assert_consistent(w) is Verdict.FAIL
    assert shown_rows(w)[entry.key] is Status.FAIL
    assert advice in w.result_view.banner_detail.text()  # rejected: it stands as a failure
    qtbot.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo: accepted
    assert assert_consistent(w) is Verdict.PASS
    assert [d.accepted for d in w.model.result.decisions] == [True]
    qtbot.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo: undecided
    assert assert_consistent(w) is Verdict.REVIEW
    assert w.model.result.decisions == [] and not w.menus.act_undo.isEnabled()
    # the keys are shown on the buttons and in the menu
    assert "F9" in w.decisions.accept_button.text() and "F10" in w.decisions.reject_button.text()
    assert {a.shortcut().toString() for a in w.menus.menu_review.actions()} >= \
        {"F8", "Shift+F8", "F9", "F10", "Ctrl+Z"}


def test_a_decision_on_a_failed_case_keeps_it_failed_everywhere(qtbot, english, case) -> None:
    w = checked(qtbot, case)  # the plate fails, a character is for review
    assert assert_consistent(w) is Verdict.FAIL
    assert w.results.select_review(1)
    assert w.decisions.decide(True) is not None
    assert assert_consistent(w) is Verdict.FAIL
    assert w.result_view.checklist.pending_keys() == [] and not w.results.select_review(1)


def test_switching_language_leaves_no_old_language_in_the_progress_line(qtbot, english,
                                                                         case) -> None:
    w = checked(qtbot, case)
    assert w.panel.progress_label.text().startswith("Check finished")
    w.switch_language("zh_CN")
    assert "检查完成" in w.panel.progress_label.text()
    w.switch_language("en")
    assert w.panel.progress_label.text().startswith("Check finished")


def test_no_report_without_the_operator_name(qtbot, english, case, monkeypatch,
                                             tmp_path: Path) -> None:
    from PySide6.QtWidgets import QFileDialog

    w = checked(qtbot, case, settings=Settings())
    monkeypatch.setattr(w, "ask_operator_name", lambda: "")
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: asked.append(1) or ("", ""))
    w.reports.export_dialog()
    assert asked == [] and "operator" in w.messages.text_plain()
    monkeypatch.setattr(w, "ask_operator_name", lambda: "王芳")
    w.reports.export_dialog()
    assert asked == [1] and w.prefs.settings.operator == "王芳"


class LateRunner(FakeRunner):
    """The fake check that finishes after ``seconds`` whatever happens meanwhile."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds

    def __call__(self, case, settings=None, progress=None, cancel=None):  # noqa: ANN001
        import time

        time.sleep(self.seconds)
        return super().__call__(case, settings, progress, None)


def test_a_check_that_ends_after_the_next_vehicle_began_is_not_shown(qtbot, english,
                                                                       case) -> None:
    w = make_window(qtbot, LateRunner(0.8))
    w.panel.set_case(case)
    with qtbot.waitSignal(w.checkFinished, timeout=10_000):
        assert w.flow.start_check()
        w.next_vehicle()  # the operator moves on while the old vehicle is checked
        w.panel.vin_edit.setText(VIN)
    assert_no_result(w)
    assert w.panel.files() == [] and w.panel.progress_label.text() == ""
