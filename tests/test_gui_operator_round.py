"""Defects found in a manual round as an operator (Xvfb + openbox, the sample case, a
settings change, a restart, two vehicles one after the other, a damaged file dropped, a
check cancelled): a damaged file dropped on a finished case no longer wipes that case
from the screen, and why a file cannot be used is said in the window's language (not
"damaged image file (Truncated File Read)" in the Chinese window)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")
pytestmark = pytest.mark.gui

from tests.gui_support import checked_window  # noqa: E402
from tests.test_rules import CJK  # noqa: E402
from vincheck.errors import UnreadableImageError  # noqa: E402
from vincheck.gui.check_run import error_advice  # noqa: E402
from vincheck.settings import Settings  # noqa: E402


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg" * 10)  # a JPEG head, then junk
    return path


def test_a_damaged_file_dropped_on_a_finished_case_leaves_it_on_screen(
        qtbot, chinese, case, broken: Path) -> None:
    w = checked_window(qtbot, case, Settings(operator="李雷"))
    result, files, banner = w.model.result, w.panel.files(), w.result_view.banner.text()
    with qtbot.waitSignal(w.filesSorted, timeout=10_000):
        assert w.flow.add_paths([str(broken)]) == 1
    assert w.model.result is result and w.panel.files() == files
    assert w.result_view.banner.text() == banner
    assert "Check finished" in w.panel.progress_label.text() or \
        "检查完成" in w.panel.progress_label.text()
    text = w.messages.text_plain()
    assert "broken.jpg" in text and "图像文件已损坏" in text
    assert "damaged" not in text and "Truncated" not in text


def test_typing_the_next_vin_while_the_files_are_sorted_keeps_the_new_case(
        qtbot, english, case, broken: Path) -> None:
    w = checked_window(qtbot, case, Settings(operator="Li Lei"))
    gate = threading.Event()
    classify = w.intake.sorter.classify

    def slow(file: str) -> str:  # a large scan: sorting takes a while
        gate.wait(10)
        return classify(file)

    w.intake.sorter.classify = slow
    with qtbot.waitSignal(w.filesSorted, timeout=10_000):
        assert w.flow.add_paths([str(broken)]) == 1
        w.panel.vin_edit.setText("LFV2A21K264056789")  # while it is sorted
        gate.set()
    assert w.model.result is None and w.panel.vin_edit.text() == "LFV2A21K264056789"
    assert w.panel.files() == []


def test_the_next_vehicle_begins_with_its_first_usable_file(qtbot, english, case,
                                                            broken: Path) -> None:
    w = checked_window(qtbot, case, Settings(operator="Li Lei"))
    with qtbot.waitSignal(w.filesSorted, timeout=10_000):
        assert w.flow.add_paths([str(broken), case.photo_files[0]]) == 2
    assert w.model.result is None and w.panel.vin_edit.text() == ""
    assert w.panel.files() == [(case.photo_files[0], "photo")]
    text = w.messages.text_plain()  # the refusal stays, though it came before the new case
    assert "Cannot use broken.jpg: the image file is damaged" in text


def test_a_damaged_file_in_a_check_is_explained_in_chinese(qtbot, chinese) -> None:
    exc = UnreadableImageError("damaged image file (Truncated File Read)", "/x/照片.jpg")
    text = error_advice(None, exc)  # type: ignore[arg-type]
    assert "照片.jpg：图像文件已损坏" in text or "照片.jpg: 图像文件已损坏" in text
    assert "/x/" not in text and "Truncated" not in text and CJK.search(text)


def test_the_decoders_detail_stays_in_english(qtbot, english) -> None:
    exc = UnreadableImageError("damaged image file (Truncated File Read)", "/x/a.jpg")
    assert "a.jpg: the image file is damaged (Truncated File Read)" in error_advice(
        None, exc)  # type: ignore[arg-type]


def test_a_message_said_twice_is_shown_once(qtbot, english, case, tmp_path: Path) -> None:
    w = checked_window(qtbot, case, Settings(operator="Li Lei"))
    w.messages.clear_messages()
    w.model.result_settings = "other settings"  # as after a settings change
    assert not w.reports.export_to(str(tmp_path / "a.pdf"))
    assert not w.reports.export_to(str(tmp_path / "a.pdf"))  # the operator tries again
    assert w.messages.text_plain().count("No report from this result") == 1


def test_the_settings_reset_note_outlives_the_first_case(qtbot, chinese, case) -> None:
    """``vincheck gui --sample`` (or files on the command line) opened a case at once and
    its new case cleared the note of the settings the loader had to reset, unseen."""
    from tests.gui_support import FakeRunner
    from vincheck.gui.main_window import MainWindow
    from vincheck.settings import settings_path

    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"rubbing": {"max_slant_deg": "abc"}, "language": "zh_CN"}',
                    encoding="utf-8")
    w = MainWindow(runner=FakeRunner(), record=False)
    qtbot.addWidget(w)
    assert "已恢复为" in w.messages.text_plain()
    w.flow.new_case(case)  # as opening the sample or the files given does
    w.messages.add("其他提示", "info")
    w.flow.new_case(case)
    text = w.messages.text_plain()
    assert "已恢复为" in text and "其他提示" not in text
    w.switch_language("en")  # the note was in the old language: it goes
    assert "已恢复为" not in w.messages.text_plain()
