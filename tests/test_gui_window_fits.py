"""The main window on a small screen: everything needed for a decision (banner, summary,
messages, checklist, details, note, accept / reject, status bar) lies inside the
available area of a 1366 x 768 screen with a taskbar, and of 1920 x 1080 at 150 %; the
window comes back at its last size, place and splitter widths when they fit."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from PySide6.QtCore import QPoint, QRect  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

from tests.gui_support import FakeRunner, write_case  # noqa: E402
from vincheck.gui.main_window import MainWindow  # noqa: E402
from vincheck.gui.placement import FRAME_ALLOWANCE  # noqa: E402
from vincheck.settings import Settings  # noqa: E402

AREAS = {
    "1366x768 with a 40 px taskbar": QRect(0, 0, 1366, 728),
    "1920x1080 at 150 % with a taskbar": QRect(0, 0, 1280, 680),
}
LONG = ("照片 IMG_20240101_120000.jpg 无法使用：文件已损坏。请检查它是否为 PNG、JPEG、TIFF 或 BMP "
        "扫描件或照片且未损坏，然后重新添加。")


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory):
    return write_case(tmp_path_factory.mktemp("gui-fits"))


def needed_widgets(w: MainWindow) -> dict[str, QWidget]:
    rv, d = w.result_view, w.decisions
    return {"banner": rv.banner, "summary": rv.summary_area, "messages": w.messages,
            "checklist": rv.checklist, "details": d.detail, "note": d.note_edit,
            "accept": d.accept_button, "reject": d.reject_button, "status": w.statusBar(),
            "check": w.panel.check_button, "image": w.viewer.view}


@pytest.mark.parametrize("area_name", list(AREAS))
def test_everything_needed_for_a_decision_is_on_screen(qtbot, chinese, case,
                                                       area_name: str) -> None:
    area = AREAS[area_name]
    w = MainWindow(runner=FakeRunner(plate_fails=False), settings=Settings(operator="王芳"),
                   record=False)
    qtbot.addWidget(w)
    w.placement.fit_to_screen(area)
    w.show()
    w.placement.keep_on_screen()  # as after the window manager framed it
    w.panel.set_case(case)
    with qtbot.waitSignal(w.checkFinished, timeout=10_000):
        w.flow.start_check()
    for _ in range(5):  # the most messages the bar keeps, each long
        w.messages.add(LONG + "\n" + LONG, "warning")
    # a summary with several lines of advice under it
    w.result_view.banner_detail.setText(w.result_view.banner_detail.text() + ("\n" + LONG) * 8)
    w.result_view.summary_area.fit_height()
    assert w.results.select_review(1)  # a row awaiting review: the decision controls are on
    qtbot.wait(50)
    # the window with its frame lies inside the available area, room left for a title bar
    assert area.contains(w.frameGeometry()), w.frameGeometry()
    assert w.height() + FRAME_ALLOWANCE <= area.height()  # a real title bar fits too
    inside = w.rect()
    for name, widget in needed_widgets(w).items():
        assert widget.isVisible(), name
        rect = QRect(widget.mapTo(w, QPoint(0, 0)), widget.size())
        assert inside.contains(rect), (name, rect, inside)
        assert widget.height() >= widget.minimumSizeHint().height(), name  # not squeezed
    # texts are not cut: the buttons' labels, the banner and the details fit
    for button in (w.decisions.accept_button, w.decisions.reject_button, w.panel.check_button):
        assert button.width() >= button.sizeHint().width(), button.text()
    for label in (w.result_view.banner, w.result_view.banner_detail, w.decisions.detail):
        assert label.height() >= label.heightForWidth(label.width()) - 1, label.text()
    # the checklist shows several rows, the image a usable area
    assert w.result_view.checklist.viewport().height() >= 120
    assert w.viewer.view.width() >= 300 and w.viewer.view.height() >= 250
    assert w.decisions.accept_button.isEnabled() and w.decisions.reject_button.isEnabled()


def test_the_window_comes_back_as_it_was_left(qtbot, english, tmp_path: Path) -> None:
    big = QRect(0, 0, 1920, 1040)
    w = MainWindow(runner=FakeRunner(), settings=Settings(operator="x"), record=False)
    qtbot.addWidget(w)
    w.placement.fit_to_screen(big)
    w.show()
    w.setGeometry(120, 90, 1300, 760)
    w.splitter.setSizes([300, 560, 440])
    qtbot.wait(20)
    sizes = w.splitter.sizes()
    w.close()

    again = MainWindow(runner=FakeRunner(), settings=Settings(operator="x"), record=False)
    qtbot.addWidget(again)
    again.placement.fit_to_screen(big)
    again.show()
    qtbot.wait(20)
    assert again.geometry() == QRect(120, 90, 1300, 760)
    assert all(abs(a - b) <= 2 for a, b in zip(again.splitter.sizes(), sizes, strict=True))
    # on a smaller screen the old place does not fit: the window fits the screen instead
    small = QRect(0, 0, 1366, 728)
    again.placement.fit_to_screen(small)
    assert small.contains(again.geometry().adjusted(0, -FRAME_ALLOWANCE, 0, 0))
