"""The main window is composed of parts that own their state and talk through Qt signals
(issue 21): no part's state lives on the window, the parts work without it, and their
texts keep the ``MainWindow`` translation context, both for ``pyside6-lupdate`` (which
files ``self.tr()`` under the enclosing class) and at run time, so the shipped Chinese
translation still applies to every part of the window."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

from tests.gui_support import fake_result  # noqa: E402
from vincheck.findings import Status  # noqa: E402
from vincheck.gui.case_model import CaseModel  # noqa: E402
from vincheck.gui.decisions import DecisionPanel  # noqa: E402
from vincheck.gui.file_intake import FileIntake  # noqa: E402
from vincheck.gui.main_window import MainWindow  # noqa: E402
from vincheck.gui.message_bar import MessageBar  # noqa: E402
from vincheck.gui.result_view import ResultView  # noqa: E402
from vincheck.inspection import CaseInput  # noqa: E402
from vincheck.settings import Settings  # noqa: E402

GUI_DIR = Path(__file__).resolve().parents[1] / "vincheck" / "gui"
# the parts (and the flows connecting them) whose texts belong to the window
TEXT_PARTS = ("viewer", "decisions", "records", "check_run", "result_view", "file_intake",
              "case_flow", "result_flow", "report_files", "window_menus", "settings_flow",
              "input_reasons")
PARTS = [GUI_DIR / f"{n}.py" for n in TEXT_PARTS]
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_the_window_is_made_of_parts(qtbot) -> None:
    """No mixin shares state with the window and no forward of old names sits on it (the
    window's base is QMainWindow alone); each concern is a part of its own type, reached
    through the part (``w.model.result``, never ``w.result``)."""
    from vincheck.gui.case_panel import CasePanel
    from vincheck.gui.check_run import CheckRun
    from vincheck.gui.placement import WindowPlacement
    from vincheck.gui.records import Records
    from vincheck.gui.report_files import ReportFiles
    from vincheck.gui.settings_flow import SettingsFlow
    from vincheck.gui.viewer import ImageBrowser
    from vincheck.gui.window_menus import WindowMenus

    ours = {c.__name__ for c in MainWindow.__mro__[1:] if c.__module__.startswith("vincheck")}
    assert ours == set()
    # window_case, window_intake, ..., window_names gone; window_menus stays
    assert [p.name for p in GUI_DIR.glob("window_*.py")] == ["window_menus.py"]
    w = MainWindow(runner=lambda *a, **k: None, settings=Settings(operator="Li"), record=False)
    qtbot.addWidget(w)
    for name, kind in (("model", CaseModel), ("panel", CasePanel), ("intake", FileIntake),
                       ("check", CheckRun), ("viewer", ImageBrowser), ("records", Records),
                       ("result_view", ResultView), ("decisions", DecisionPanel),
                       ("reports", ReportFiles), ("menus", WindowMenus),
                       ("placement", WindowPlacement), ("prefs", SettingsFlow)):
        assert isinstance(getattr(w, name), kind), name
    assert w.model.result is None
    for old in ("result", "record_id", "checklist", "banner", "view", "settings", "add_paths",
                "start_check", "decide", "export_to", "is_sorting", "act_undo", "menu_file"):
        assert not hasattr(w, old), old  # the names of old are gone: no second way in


def test_the_case_model_clears_a_result_its_inputs_no_longer_match(qapp, tmp_path) -> None:
    inputs = {"case": CaseInput(rubbing_files=[str(tmp_path / "a.png")],
                                photo_files=[str(tmp_path / "b.jpg")], expected_vin="X1")}
    model = CaseModel(lambda: inputs["case"])
    changed, stale = [], []
    model.resultChanged.connect(lambda: changed.append(model.result))
    model.staleCleared.connect(lambda: stale.append(1))
    result = fake_result(inputs["case"])
    model.set_result(result, inputs["case"])
    model.inputs_changed()  # the same inputs: the result stays
    assert model.result is result and stale == []
    inputs["case"] = CaseInput(rubbing_files=inputs["case"].rubbing_files,
                               photo_files=inputs["case"].photo_files, expected_vin="X2")
    model.running = True
    model.inputs_changed()  # while a check runs its outcome is judged when it ends
    assert model.result is result and model.run_is_stale()
    model.running = False
    model.inputs_changed()
    assert model.result is None and model.result_case is None and stale == [1]
    assert changed == [result, None]


def test_decisions_are_made_and_undone_without_the_window(qtbot, tmp_path) -> None:
    """The decision panel changes only the result's decisions and says which row."""
    result = fake_result(CaseInput(rubbing_files=[str(tmp_path / "a.png")],
                                   photo_files=[str(tmp_path / "b.jpg")]))
    view = ResultView(MessageBar())
    qtbot.addWidget(view)
    panel = DecisionPanel(view.checklist, lambda: "王芳")
    qtbot.addWidget(panel)
    view.show_groups(result)
    panel.set_result(result)
    keys = []
    panel.decisionsChanged.connect(keys.append)
    assert view.checklist.select_pending(1)
    key = view.checklist.current_key()
    assert view.checklist.current_entry().finding.status is Status.REVIEW
    d = panel.decide(True, note="ok")
    assert d is not None and d.operator == "王芳" and result.decisions == [d]
    assert keys == [key] and panel.can_undo()
    assert panel.undo() and result.decisions == [] and keys == [key, key]
    assert not panel.undo()


def test_files_are_sorted_without_the_window(qtbot, case: CaseInput, tmp_path: Path) -> None:
    """The intake sorts files and announces them; the case itself is not its business."""
    bad = tmp_path / "notes.png"
    bad.write_text("not an image", encoding="utf-8")
    owner = QWidget()  # any widget owns the intake's dialogs
    qtbot.addWidget(owner)
    intake = FileIntake(lambda: tmp_path, owner)
    sorted_, problems = [], []
    intake.fileSorted.connect(lambda f, k: sorted_.append((Path(f).name, k)))
    intake.problem.connect(problems.append)
    with qtbot.waitSignal(intake.sortingEnded, timeout=20_000) as ended:
        intake.sort([case.rubbing_files[0], str(bad)], auto_check=False)
        assert intake.is_busy()
    assert sorted_ == [("sheet.png", "rubbing")] and "notes.png" in problems[0]
    assert ended.args == [0, False, False] and not intake.is_busy()
    intake.shutdown()


@pytest.mark.parametrize("path", PARTS, ids=lambda p: p.name)
def test_part_texts_use_the_main_window_context(path: Path) -> None:
    """No ``self.tr()`` inside a part (lupdate would file it under the part's class), and
    every ``translate()`` names the literal ``"MainWindow"`` context."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    n_translate = 0
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Attribute) and f.attr == "tr" and \
                isinstance(f.value, ast.Name) and f.value.id == "self":
            pytest.fail(f"{path.name}:{node.lineno}: self.tr() in a part")
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
    assert w.menus.menu_file.title() == zh("&File")
    assert w.decisions.accept_button.text() == zh("Accept") + " (F9)"  # with its key
    # result: the banner without a verdict
    assert w.result_view.banner.text() == zh("No verdict yet: add files and press Check (F5).")
    # checking: nothing to check yet
    assert not w.flow.start_check()
    assert w.messages.messages[0][1] == zh("Add at least one rubbing sheet or photo first "
                                           "(drop files on the window or press Ctrl+O).")
    # export: nothing to export yet
    w.reports.export_dialog()
    assert w.messages.messages[0][1] == zh("Run the check before exporting a report.")
    # records: the store cannot be opened
    w.records.show_history()
    assert w.messages.messages[0][1].startswith(
        zh("The records database cannot be opened: {reason}. "
           "Check its location in Settings.").split("{reason}")[0])
    # intake: a file that is not an image
    bad = tmp_path / "notes.png"
    bad.write_text("not an image", encoding="utf-8")
    with qtbot.waitSignal(w.filesSorted, timeout=10_000) as sorted_:
        assert w.flow.add_paths([str(bad)]) == 1  # queued for sorting in the background
    assert sorted_.args == [0] and w.panel.files() == []
    head = zh("Cannot use {file}: {reason}. Check that it is a PNG, JPEG, TIFF or BMP scan "
              "or photo and not damaged, then add it again.").split("{file}")[0]
    assert w.messages.messages[0][1].startswith(head + "notes.png")
    # images: the loading placeholder of a page
    assert w.viewer.loading_text(str(bad)) == zh("Loading {file}…").format(file="notes.png")


def test_parts_do_not_import_each_other() -> None:
    """Parts meet only in the window and the two flows: a change to one (say, decisions)
    cannot break another (say, file sorting) through an import. Two parts read the case
    model (records: is it the sample; report files: the result to write)."""
    from tests.test_import_graph import import_graph

    parts = {f"vincheck.gui.{n}" for n in (
        "case_model", "case_panel", "file_list", "file_intake", "check_run", "viewer",
        "result_view", "decisions", "records", "report_files", "window_menus")}
    allowed = {("vincheck.gui.records", "vincheck.gui.case_model"),
               ("vincheck.gui.report_files", "vincheck.gui.case_model"),
               ("vincheck.gui.case_panel", "vincheck.gui.file_list")}
    graph = import_graph()
    crossing = sorted((a, b) for a in parts for b in graph[a] & parts if (a, b) not in allowed)
    assert crossing == []
