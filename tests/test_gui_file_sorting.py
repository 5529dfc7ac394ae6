"""Added files are sorted (rubbing sheet or photo) off the GUI thread: ``add_paths``
returns at once, files appear in the given order, unreadable ones become messages, a
check asked for meanwhile waits for the sorting, and Cancel / a new case / closing the
window while sorting drop what is left without crashing."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

import vincheck.case_files as case_files  # noqa: E402
from tests.gui_support import FakeRunner, write_case  # noqa: E402
from vincheck.gui.i18n import set_language  # noqa: E402
from vincheck.gui.main_window import MainWindow  # noqa: E402
from vincheck.inspection import CaseInput  # noqa: E402
from vincheck.settings import Settings  # noqa: E402

SLOW_S = 0.5  # seconds the patched classify_file takes per file


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> CaseInput:
    return write_case(tmp_path_factory.mktemp("sorting-case"))



@pytest.fixture
def slow_classify(monkeypatch):
    """``classify_file`` that takes :data:`SLOW_S` per file and records the thread it ran
    in (the real one still reads the file, so unreadable files fail as they would)."""
    real = case_files.classify_file
    threads: list[str] = []

    def slow(path):  # noqa: ANN001, ANN202
        threads.append(threading.current_thread().name)
        time.sleep(SLOW_S)
        return real(path)

    monkeypatch.setattr(case_files, "classify_file", slow)
    return threads


class GatedClassify:
    """``classify_file`` that waits for :attr:`gate` (set by the test) before it reads a
    file, and logs ``("done", file, thread)`` when it has. Tests then check the order of
    events, not durations: a load of 10 on two cores stretches times, not this order."""

    GATE_S = 20.0  # a test that never opens the gate fails after this, it does not hang

    def __init__(self, real) -> None:  # noqa: ANN001
        self.real = real
        self.gate = threading.Event()
        self.started = threading.Event()
        self.log: list[tuple[str, str, str]] = []

    def __call__(self, path):  # noqa: ANN001, ANN204
        self.started.set()
        opened = self.gate.wait(self.GATE_S)
        try:
            return self.real(path)
        finally:
            self.log.append(("done" if opened else "gate timed out", path,
                             threading.current_thread().name))


@pytest.fixture
def gated_classify(monkeypatch):
    """:class:`GatedClassify` in place of ``classify_file``; its gate opens at teardown."""
    gated = GatedClassify(case_files.classify_file)
    monkeypatch.setattr(case_files, "classify_file", gated)
    yield gated
    gated.gate.set()


def make_window(qtbot, runner=None) -> MainWindow:  # noqa: ANN001
    w = MainWindow(runner=runner or FakeRunner(), settings=Settings(operator="Li Lei"),
                   record=False)
    qtbot.addWidget(w)
    w.show()
    return w


def test_add_paths_returns_at_once_and_files_follow_in_order(
        qtbot, english, case, gated_classify, tmp_path: Path) -> None:
    """``add_paths`` returns while no file can be sorted yet (the classifier waits for the
    test): a call on the GUI thread that waited for sorting would return only after the
    gate timed out, after a "gate timed out" entry of the log."""
    bad = tmp_path / "broken.png"
    bad.write_bytes(b"this is not a PNG at all")
    w = make_window(qtbot)
    files = [case.photo_files[0], str(bad), case.rubbing_files[0]]
    queued = w.flow.add_paths(files)
    assert gated_classify.log == [], "add_paths waited for a file to be sorted"
    assert queued == 3
    assert w.intake.is_busy() and w.panel.files() == []  # nothing sorted yet
    assert "Sorting files… 0 of 3" in w.panel.progress_label.text()
    assert w.panel.cancel_button.isEnabled()  # sorting can be stopped
    with qtbot.waitSignal(w.filesSorted, timeout=20_000) as sorted_:
        gated_classify.gate.set()
    assert sorted_.args == [2]
    assert w.panel.files() == [(case.photo_files[0], "photo"),
                               (case.rubbing_files[0], "rubbing")]
    assert [(what, f) for what, f, _t in gated_classify.log] == [("done", f) for f in files]
    assert all(t.startswith("vincheck-sort") for _w, _f, t in gated_classify.log)
    # the unreadable file gives the same message as before, and nothing else does
    text = w.messages.text_plain()
    assert "Cannot use broken.png:" in text and "PNG, JPEG, TIFF or BMP" in text
    assert len(w.messages.messages) == 1
    # the image list follows the panel; sorting is over
    assert [f for f, _ in w.viewer.images] == [case.photo_files[0], case.rubbing_files[0]]
    assert not w.intake.is_busy() and not w.panel.cancel_button.isEnabled()


def test_each_file_appears_as_soon_as_it_is_sorted(qtbot, english, case,
                                                   monkeypatch) -> None:
    # the photo is held until the sheet is on screen (a fixed delay raced a loaded machine)
    real = case_files.classify_file
    photo_may_go = threading.Event()

    def held(path):  # noqa: ANN001, ANN202
        if path == case.photo_files[0]:
            assert photo_may_go.wait(20), "the test never let the photo be sorted"
        return real(path)

    monkeypatch.setattr(case_files, "classify_file", held)
    w = make_window(qtbot)
    try:
        w.flow.add_paths([case.rubbing_files[0], case.photo_files[0]])
        qtbot.waitUntil(lambda: len(w.panel.files()) == 1, timeout=10_000)
        assert w.intake.is_busy()
        assert w.panel.files() == [(case.rubbing_files[0], "rubbing")]
        assert "Sorting files… 1 of 2" in w.panel.progress_label.text()
        with qtbot.waitSignal(w.filesSorted, timeout=10_000):
            photo_may_go.set()
    finally:
        photo_may_go.set()
    assert w.panel.files() == [(case.rubbing_files[0], "rubbing"), (case.photo_files[0], "photo")]


def test_a_check_asked_for_while_sorting_waits_for_all_files(qtbot, english, case,
                                                             slow_classify) -> None:
    seen: list[list[str]] = []
    runner = FakeRunner()

    def recording_runner(c, *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        seen.append(c.files())
        return runner(c, *a, **k)

    w = make_window(qtbot, recording_runner)
    w.flow.add_paths([case.rubbing_files[0], case.photo_files[0]])
    assert w.flow.start_check()  # queued, not refused
    assert not w.model.running and runner.calls == 0
    assert "The check starts when the files are sorted." in w.panel.progress_label.text()
    with qtbot.waitSignal(w.checkFinished, timeout=20_000) as finished:
        pass
    assert finished.args == ["done"]
    assert seen == [[case.rubbing_files[0], case.photo_files[0]]]


def test_cancel_stops_sorting_and_the_waiting_check(qtbot, english, case,
                                                    slow_classify) -> None:
    runner = FakeRunner()
    w = make_window(qtbot, runner)
    w.flow.add_paths([case.rubbing_files[0], case.photo_files[0], case.rubbing_files[0]])
    w.flow.start_check()
    with qtbot.waitSignal(w.filesSorted, timeout=10_000):
        w.panel.cancel_button.click()
    assert not w.intake.is_busy() and not w.panel.cancel_button.isEnabled()
    assert "were not added" in w.messages.text_plain()
    qtbot.wait(int(SLOW_S * 2500))  # the file being sorted finishes: it is dropped
    assert w.panel.files() == [] and runner.calls == 0 and not w.model.running


def test_a_new_case_drops_files_sorted_for_the_old_one(qtbot, english, case,
                                                       slow_classify) -> None:
    w = make_window(qtbot)
    w.flow.add_paths([case.rubbing_files[0], case.photo_files[0]])
    w.flow.new_case(CaseInput())
    assert not w.intake.is_busy()
    qtbot.wait(int(SLOW_S * 2500))
    assert w.panel.files() == []
    # sorting for the new case works as usual
    with qtbot.waitSignal(w.filesSorted, timeout=10_000):
        w.flow.add_paths([case.photo_files[0]])
    assert w.panel.files() == [(case.photo_files[0], "photo")]


def test_closing_the_window_while_sorting(qtbot, english, case, gated_classify,
                                         monkeypatch) -> None:
    """Closing drops the queued files (never classified) and lets the running one end;
    its result, reported to the closed window, is ignored."""
    w = make_window(qtbot)
    sorter = w.intake.sorter
    w.flow.add_paths([case.rubbing_files[0], case.photo_files[0]])
    assert gated_classify.started.wait(20), "the first file was never picked up"
    cancel = sorter.cancel

    def cancel_then_let_the_running_one_end() -> int:
        left = cancel()  # the queue is dropped first ...
        gated_classify.gate.set()  # ... then the file being read may finish
        return left

    monkeypatch.setattr(sorter, "cancel", cancel_then_let_the_running_one_end)
    delivered: list[str] = []
    sorter._relay.done.connect(lambda _job, f, _kind: delivered.append(f))
    w.close()
    assert [(what, f) for what, f, _t in gated_classify.log] == \
        [("done", case.rubbing_files[0])]  # the queued photo was never read
    qtbot.waitUntil(lambda: delivered != [], timeout=20_000)  # reported to a closed window
    assert w.panel.files() == [] and not w.intake.is_busy()


def test_sorting_progress_is_chinese(qtbot, qapp, case, slow_classify) -> None:
    assert set_language("zh_CN")
    try:
        w = make_window(qtbot)
        w.flow.add_paths([case.photo_files[0]])
        w.flow.start_check()
        text = w.panel.progress_label.text()
        assert "Sorting" not in text and "check starts" not in text
        assert "0 / 1" in text and "拓印膜" in text and "开始检查" in text
        w.flow.cancel_check()
        assert "1 个未加入案件" in w.messages.text_plain()
        assert w.panel.progress_label.text() == "已停止分类。"
    finally:
        set_language("en")


def test_a_file_failing_at_once_does_not_end_sorting_early(qtbot) -> None:
    """A broken file can fail before the next file is even queued (its outcome is reported
    at once, on the GUI thread): 'idle' comes once, after every file, not after the first.
    Seen as a flaky window test: the dropped good photo was missing when sorting 'ended'."""
    from concurrent.futures import Future

    from vincheck.gui.file_sorter import FileSorter

    def classify(file: str) -> str:
        if file.endswith("broken.png"):
            raise ValueError("not a PNG")
        return "photo"

    def finished(fn, *args):  # a future that is done before anyone waits for it
        fut: Future = Future()
        try:
            fut.set_result(fn(*args))
        except Exception as exc:  # noqa: BLE001 - handed on like the pool does
            fut.set_exception(exc)
        return fut

    sorter = FileSorter(classify)
    sorter._pool.submit = finished  # type: ignore[method-assign]
    events: list[str] = []
    sorter.failed.connect(lambda _j, f, _e: events.append(f"failed {f}"))
    sorter.sorted.connect(lambda _j, f, k: events.append(f"sorted {f} {k}"))
    sorter.idle.connect(lambda: events.append("idle"))
    sorter.add(["/x/broken.png", "/x/photo.jpg"])
    qtbot.waitUntil(lambda: "idle" in events, timeout=2000)
    qtbot.wait(50)
    assert events == ["failed /x/broken.png", "sorted /x/photo.jpg photo", "idle"]
    sorter.shutdown()
