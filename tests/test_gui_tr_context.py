"""Texts translated outside a widget's own methods keep a translation context that
``pyside6-lupdate`` and the running program agree on, so the Chinese window shows them in
Chinese: the error advice and progress texts of the check (module-level helpers of
``check_run``), and no text of ``vincheck/gui`` is filed under the empty context."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from PySide6.QtWidgets import QWidget  # noqa: E402

from vincheck.errors import InputFileError, TesseractNotFoundError, VincheckError  # noqa: E402
from vincheck.gui.check_run import _progress_text, error_advice  # noqa: E402
from vincheck.gui.i18n import I18N_DIR, set_language  # noqa: E402

GUI_DIR = Path(__file__).resolve().parents[1] / "vincheck" / "gui"
SOURCES = sorted(p for p in GUI_DIR.rglob("*.py") if "i18n" not in p.parts)
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def widget(qtbot) -> QWidget:
    w = QWidget()
    qtbot.addWidget(w)
    return w


def _assert_chinese(text: str, english_head: str) -> None:
    assert CJK.search(text), f"no Chinese in {text!r}"
    assert english_head not in text


def test_error_advice_is_chinese(chinese, widget) -> None:
    reason = "tesseract is not installed or it's not in your PATH"
    advice = error_advice(widget, TesseractNotFoundError(reason))
    _assert_chinese(advice, "What to do")
    assert "Tesseract" in advice and "F5" in advice  # names and keys stay as written
    assert reason in advice  # the reason is filled in, not lost in translation
    for exc in (InputFileError("broken.png: not an image"), VincheckError("stopped")):
        _assert_chinese(error_advice(widget, exc), "The check stopped")
    internal = error_advice(widget, ValueError("boom"))
    _assert_chinese(internal, "Internal error")
    assert "ValueError: boom" in internal


def test_progress_text_is_chinese(chinese, widget) -> None:
    text = _progress_text(widget, "reading rubbing sheet rubbing_01.png")
    _assert_chinese(text, "Reading rubbing sheet")
    assert "拓印膜" in text and text.endswith("rubbing_01.png")
    photo = _progress_text(widget, "checking photo car.jpg")
    _assert_chinese(photo, "Checking photo")
    assert photo.endswith("car.jpg")
    _assert_chinese(_progress_text(widget, "done"), "Done")
    assert _progress_text(widget, "something new") == "something new"  # unknown: as is


def test_english_is_the_source(qapp, widget) -> None:
    assert set_language("en")
    assert _progress_text(widget, "reading rubbing sheet a.png") == "Reading rubbing sheet a.png"
    assert error_advice(widget, VincheckError("x")) == "The check stopped: x"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_no_tr_outside_own_methods(path: Path) -> None:
    """``x.tr(...)`` on anything but ``self``, ``tr = x.tr``, and ``tr("literal")`` in a
    module-level function all make lupdate file the text under a context the program does
    not look up; use ``translate("<Context>", "literal")``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "tr" and not (
                isinstance(node.value, ast.Name) and node.value.id == "self"):
            is_call_of_var = False
            for parent in ast.walk(tree):
                if isinstance(parent, ast.Call) and parent.func is node and parent.args and \
                        not isinstance(parent.args[0], ast.Constant):
                    is_call_of_var = True  # texts.tr(VARIABLE): not collected by lupdate
            assert is_call_of_var, f"{path.name}:{node.lineno}: .tr on a non-self object"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                node.func.id == "tr" and node.args and isinstance(node.args[0], ast.Constant):
            pytest.fail(f"{path.name}:{node.lineno}: tr('literal') outside a class")


def test_catalogue_is_complete_and_has_no_empty_context() -> None:
    root = ET.parse(I18N_DIR / "vincheck_zh_CN.ts").getroot()
    contexts = {c.findtext("name") or "": c for c in root.iter("context")}
    assert "" not in contexts, "texts filed under the empty context"
    assert {"MainWindow", "Texts", "CasePanel"} <= set(contexts)
    unfinished = []
    for msg in root.iter("message"):
        tr = msg.find("translation")
        text = "".join(tr.itertext()) if tr is not None else ""
        if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete") \
                or not text.strip():
            unfinished.append(msg.findtext("source"))
    assert unfinished == []
    main = {m.findtext("source") for m in contexts["MainWindow"].iter("message")}
    assert {"Reading rubbing sheet {name}", "Checking photo {name}", "Done",
            "The check stopped: {reason}"} <= main
