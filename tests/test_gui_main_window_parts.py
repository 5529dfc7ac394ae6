"""The main window is assembled from one mixin per concern (``vincheck/gui/window_*.py``):
their texts must keep the ``MainWindow`` translation context, both for ``pyside6-lupdate``
(which files ``self.tr()`` under the enclosing class) and at run time, so the shipped
Chinese translation still applies to every part of the window."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from PySide6.QtCore import QCoreApplication  # noqa: E402

from vincheck.gui.main_window import MainWindow  # noqa: E402
from vincheck.settings import Settings  # noqa: E402

GUI_DIR = Path(__file__).resolve().parents[1] / "vincheck" / "gui"
# parts that own their state (case_model has no texts)
OWN_PARTS = {"viewer", "decisions", "records", "check_run", "result_view", "file_intake",
             "case_flow", "result_flow", "report_files", "window_menus"}
PARTS = sorted([*GUI_DIR.glob("window_*.py"), *(GUI_DIR / f"{n}.py" for n in OWN_PARTS)])
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_the_window_is_made_of_its_parts() -> None:
    names = {p.stem for p in PARTS}
    assert {"window_menus"} <= names
    mixins = [c for c in MainWindow.__mro__ if c.__module__.startswith("vincheck.gui.window_")]
    assert {c.__module__.rsplit(".", 1)[1] for c in mixins} == names - OWN_PARTS


@pytest.mark.parametrize("path", PARTS, ids=lambda p: p.name)
def test_part_texts_use_the_main_window_context(path: Path) -> None:
    """No ``self.tr()`` inside a mixin (lupdate would file it under the mixin's name), and
    every ``translate()`` names the literal ``"MainWindow"`` context."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    n_translate = 0
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Attribute) and f.attr == "tr" and \
                isinstance(f.value, ast.Name) and f.value.id == "self":
            pytest.fail(f"{path.name}:{node.lineno}: self.tr() in a mixin")
        name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
        if name == "translate":
            n_translate += 1
            ctx = node.args[0] if node.args else None
            assert isinstance(ctx, ast.Constant) and ctx.value == "MainWindow", \
                f"{path.name}:{node.lineno}: translate() without the MainWindow context"
    assert n_translate > 0


def zh(source: str) -> str:
    """The shipped Chinese of a MainWindow text (must exist: it differs from the English)."""
    text = QCoreApplication.translate("MainWindow", source)
    assert text != source and CJK.search(text), f"no Chinese for {source!r}"
    return text


def test_every_part_speaks_chinese(qtbot, chinese, tmp_path: Path) -> None:
    def no_store(_settings):
        raise OSError("locked")

    w = MainWindow(runner=lambda *a, **k: None, settings=Settings(operator="王芳"),
                   record=False, store_factory=no_store)
    qtbot.addWidget(w)
    # actions: menus and the texts set by retranslate
    assert w.menu_file.title() == zh("&File")
    assert w.accept_button.text() == zh("Accept") + " (F9)"  # with its key
    # result: the banner without a verdict
    assert w.banner.text() == zh("No verdict yet: add files and press Check (F5).")
    # checking: nothing to check yet
    assert not w.start_check()
    assert w.messages.messages[0][1] == zh("Add at least one rubbing sheet or photo first "
                                           "(drop files on the window or press Ctrl+O).")
    # export: nothing to export yet
    w.export_dialog()
    assert w.messages.messages[0][1] == zh("Run the check before exporting a report.")
    # records: the store cannot be opened
    w.show_history()
    assert w.messages.messages[0][1].startswith(
        zh("The records database cannot be opened: {reason}. "
           "Check its location in Settings.").split("{reason}")[0])
    # intake: a file that is not an image
    bad = tmp_path / "notes.png"
    bad.write_text("not an image", encoding="utf-8")
    with qtbot.waitSignal(w.filesSorted, timeout=10_000) as sorted_:
        assert w.add_paths([str(bad)]) == 1  # queued for sorting in the background
    assert sorted_.args == [0] and w.panel.files() == []
    head = zh("Cannot use {file}: {reason}. Check that it is a PNG, JPEG, TIFF or BMP scan "
              "or photo and not damaged, then add it again.").split("{file}")[0]
    assert w.messages.messages[0][1].startswith(head + "notes.png")
    # images: the loading placeholder of a page
    assert w.viewer.loading_text(str(bad)) == zh("Loading {file}…").format(file="notes.png")
