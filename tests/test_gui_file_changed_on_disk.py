"""A file of the case written anew under the same name (a rescan saved over the old scan, a
photo replaced in its folder) clears the verdict computed from the old file, as any other
change of the inputs does: the window watches the result's files. Found while checking
that replacing a file clears the verdict: the result only compared file paths, so the
verdict stayed beside a photo replaced on disk, and the viewer kept showing the old picture
from its cache."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")
pytestmark = pytest.mark.gui

from PIL import Image  # noqa: E402

from tests.gui_support import (  # noqa: E402
    FakeRunner,
    checked_window,
    make_window,
    photo_image,
    run_and_wait,
)
from vincheck.inspection import CaseInput  # noqa: E402
from vincheck.settings import Settings  # noqa: E402


def replace_photo(path: str) -> None:
    """Another picture (640 x 480 px) saved over ``path``."""
    Image.fromarray(photo_image(640, 480, seed=7)).save(path, format="JPEG", quality=80)


def test_a_photo_written_anew_clears_the_verdict_and_is_shown_anew(
        qtbot, english, case: CaseInput) -> None:
    w = checked_window(qtbot, case, Settings(operator="Li Lei"))
    photo = case.photo_files[0]
    w.viewer.show_image((photo, 0))
    qtbot.waitUntil(lambda: w.viewer.view.has_image() and not w.viewer.image_pending(),
                    timeout=10_000)
    assert w.model.result is not None and w.viewer.view.image_size() == (880, 600)
    replace_photo(photo)
    qtbot.waitUntil(lambda: w.model.result is None, timeout=10_000)
    assert "result was cleared" in w.messages.text_plain()
    assert "No verdict yet" in w.result_view.banner.text()
    assert w.panel.files() == [(case.rubbing_files[0], "rubbing"), (photo, "photo")]
    # the new picture is read again, not the old one taken from the cache
    qtbot.waitUntil(lambda: w.viewer.view.has_image() and
                    w.viewer.view.image_size() == (640, 480), timeout=10_000)
    # checked again: a current result, watched again
    assert run_and_wait(qtbot, w) == "done" and w.model.result is not None
    Image.fromarray(photo_image(600, 400, seed=8)).save(photo, format="JPEG", quality=80)
    qtbot.waitUntil(lambda: w.model.result is None, timeout=10_000)


def test_a_sheet_written_anew_during_the_check_drops_its_outcome(
        qtbot, english, case: CaseInput) -> None:
    gate, started = threading.Event(), threading.Event()
    fake = FakeRunner()

    def held(c, *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        started.set()
        assert gate.wait(20), "the test never let the check end"
        return fake(c, *a, **k)

    w = make_window(qtbot, held)
    w.panel.set_case(case)
    with qtbot.waitSignal(w.checkFinished, timeout=30_000) as finished:
        assert w.flow.start_check()
        assert started.wait(20)
        sheet = Path(case.rubbing_files[0])
        sheet.write_bytes(sheet.read_bytes() + b"\0" * 10)  # saved again, with other bytes
        gate.set()
    assert finished.args == ["cancelled"]  # what a dropped (stale) run reports
    assert w.model.result is None and fake.calls == 1


def test_files_untouched_keep_the_verdict(qtbot, english, case: CaseInput) -> None:
    """Reading the files (the viewer, a second check) is no change: the verdict stays."""
    w = checked_window(qtbot, case, Settings(operator="Li Lei"))
    result = w.model.result
    for f in case.files():
        w.viewer.show_image((f, 0))
        qtbot.waitUntil(lambda: not w.viewer.image_pending(), timeout=10_000)
        Path(f).read_bytes()
    qtbot.wait(300)  # a watcher event, were there one, arrives in this time
    assert w.model.result is result


def test_a_file_changed_after_the_window_closed_is_no_error(qtbot, english,
                                                            case: CaseInput) -> None:
    """The next vehicle's files written over the old ones after the window closed: no
    watcher of the closed window answers (it read the file again from a stopped pool)."""
    w = checked_window(qtbot, case, Settings(operator="Li Lei"))
    w.viewer.show_image((case.photo_files[0], 0))
    qtbot.waitUntil(lambda: not w.viewer.image_pending(), timeout=10_000)
    w.close()
    assert w.model.result is not None
    replace_photo(case.photo_files[0])
    qtbot.wait(300)  # pytest-qt fails the test on an exception raised in this time
    w.viewer.loader.request(case.photo_files[0])  # a late request: ignored, no error
    assert not w.viewer.loader.is_loading()
