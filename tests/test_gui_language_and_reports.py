"""The window speaks one language at a time (its own texts, the rule registry's, Qt's own
dialogs), shows what to do next, names its reports for the vehicle and prints them."""

from __future__ import annotations

import html
import re
from datetime import datetime
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")
pytestmark = pytest.mark.gui

from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QWidget,
)

from tests import gui_support  # noqa: E402
from tests.clock_support import freeze_now  # noqa: E402
from tests.gui_support import VIN, write_case  # noqa: E402
from tests.test_rules import CJK, latin_words  # noqa: E402
from vincheck.gui.main_window import MainWindow  # noqa: E402
from vincheck.settings import Settings  # noqa: E402

# names that are no sentence: the program, formats and engines, the language menu entry
NAMES = {"vincheck", "PDF", "English", "Ctrl", "Shift", "PgDown", "PgUp", "Esc"}


@pytest.fixture
def case(tmp_path_factory: pytest.TempPathFactory):
    return write_case(tmp_path_factory.mktemp("lang-case"))


def checked_window(qtbot, case) -> MainWindow:
    return gui_support.checked_window(qtbot, case, Settings(operator="李雷", station="一站"))


def window_texts(w: MainWindow) -> list[str]:
    """Every text the operator can see: labels, buttons, menus and their actions, the
    checklist's rows, the window title."""
    out = [w.windowTitle()]
    for lab in w.findChildren(QLabel):
        if lab.isVisible() and lab.text():
            out.append(html.unescape(re.sub(r"<[^>]+>", " ", lab.text())))
    out += [b.text() for b in w.findChildren(QAbstractButton) if b.isVisible() and b.text()]
    for menu in w.findChildren(QMenu):
        out.append(menu.title())
        out += [a.text() for a in menu.actions() if a.text()]
    root = w.result_view.checklist.invisibleRootItem()
    stack = [root.child(i) for i in range(root.childCount())]
    while stack:
        item = stack.pop()
        out += [item.text(c) for c in range(w.result_view.checklist.columnCount()) if item.text(c)]
        stack += [item.child(i) for i in range(item.childCount())]
    return out


def english_left(texts: list[str]) -> dict[str, set[str]]:
    return {t: latin_words(t) - NAMES for t in texts if latin_words(t) - NAMES}


def test_chinese_window_has_no_english_and_shows_advice(qtbot, chinese, case) -> None:
    w = checked_window(qtbot, case)
    texts = window_texts(w)
    assert not english_left(texts), english_left(texts)
    rows = " ".join(texts)
    assert "处理办法：摘下号牌后重新拍照。" in rows  # in the checklist row of the plate
    assert "处理办法：摘下号牌后重新拍照。" in w.result_view.banner_detail.text()  # under it


def test_english_window_has_no_chinese_and_back(qtbot, chinese, case, tmp_path: Path) -> None:
    w = checked_window(qtbot, case)
    assert w.reports.export_to(str(tmp_path / "r.pdf"))  # a confirmation in Chinese
    w.viewer.show_image((case.photo_files[0], 0))
    qtbot.waitUntil(lambda: w.viewer.view.has_image() and not w.viewer.image_pending(),
                    timeout=5000)
    w.switch_language("en")
    data = {"李雷", "一站", "京A12345", "简体中文"}  # names typed by people / read by the core

    def chinese_left() -> list[str]:
        out = []
        labels = [item.text() for item in w.viewer.view.scene().items() if hasattr(item, "text")]
        assert labels  # the evidence labels drawn on the photo
        for t in window_texts(w) + [x for x in labels if isinstance(x, str)]:
            for d in data:
                t = t.replace(d, "")
            if CJK.search(t):
                out.append(t)
        return out

    assert not chinese_left(), chinese_left()
    assert "What to do: Remove the number plates" in w.result_view.banner_detail.text()
    w.switch_language("zh_CN")
    assert not english_left(window_texts(w)), english_left(window_texts(w))


def test_qt_own_dialogs_are_chinese(qtbot, chinese) -> None:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    texts = [b.text() for b in box.buttons()]
    assert any("取消" in t for t in texts), texts
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
    from PySide6.QtWidgets import QFileDialog

    printer = QPrinter()
    dialogs = [QFileDialog(), QPrintDialog(printer), QPrintPreviewDialog(printer)]
    dialogs[0].setOption(QFileDialog.Option.DontUseNativeDialog)
    for dlg in dialogs:
        qtbot.addWidget(dlg)
        shown = [lab.text() for lab in dlg.findChildren(QLabel)] + \
            [b.text() for b in dlg.findChildren(QAbstractButton)]
        english = [t for t in shown if re.search(r"[A-Za-z]{3,}", t.replace("&", ""))
                   and not t.startswith("/")]
        assert not english, (type(dlg).__name__, english)


def test_report_is_named_for_the_vehicle_and_the_export_is_confirmed(
        qtbot, chinese, case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    w = checked_window(qtbot, case)
    # the day in the name comes from the (injected) clock: no midnight between two names
    freeze_now(monkeypatch, "vincheck.export.labels", datetime(2031, 2, 3, 23, 59, 59))
    today = "2031-02-03"
    assert w.reports.default_report_path().name == f"{VIN}_{today}_不合格.pdf"
    out = tmp_path / w.reports.default_report_path().name
    assert w.reports.export_to(str(out))
    assert out.read_bytes()[:5] == b"%PDF-"
    assert w.messages.isVisible() and str(out) in w.messages.text_plain()
    # the next one goes to the same folder
    assert w.reports.default_report_path().parent == tmp_path
    w.switch_language("en")
    assert w.reports.default_report_path().name == f"{VIN}_{today}_FAIL.pdf"


def test_print_preview_and_printing_paint_the_report_pages(qtbot, chinese, case,
                                                           tmp_path: Path) -> None:
    pytest.importorskip("pypdfium2")
    from PySide6.QtGui import QKeySequence
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    from vincheck.gui.report_files import paint_pdf

    w = checked_window(qtbot, case)
    assert QKeySequence("Ctrl+P") in w.menus.act_print.shortcuts()
    file_actions = w.menus.menu_file.actions()
    assert w.menus.act_print in file_actions and w.menus.act_print_direct in file_actions
    report = tmp_path / "r.pdf"
    assert w.reports.export_to(str(report))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    import pypdfium2 as pdfium

    pages = len(pdfium.PdfDocument(str(report)))
    assert paint_pdf(report, printer) == pages >= 2
    printed = pdfium.PdfDocument(str(tmp_path / "printed.pdf"))
    assert len(printed) == pages
    # the window's preview: opened with Ctrl+P, it paints the same pages
    seen: list[QWidget] = []

    def fake_exec(dlg: QPrintPreviewDialog) -> int:
        seen.append(dlg)
        return 0

    import PySide6.QtPrintSupport as ps

    orig = ps.QPrintPreviewDialog.exec
    ps.QPrintPreviewDialog.exec = fake_exec
    try:
        w.menus.act_print.trigger()
    finally:
        ps.QPrintPreviewDialog.exec = orig
    assert seen and seen[0].windowTitle() == "打印预览"
