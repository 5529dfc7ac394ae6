"""Images are decoded off the GUI thread: the window says "loading…", stays responsive,
shows the image (with its evidence) when it arrives, drops stale loads and reports
unreadable files."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from PySide6.QtCore import QTimer  # noqa: E402

from tests.gui_support import FakeRunner, write_case  # noqa: E402
from vincheck.gui.image_loader import ImageLoader  # noqa: E402
from vincheck.gui.main_window import MainWindow  # noqa: E402
from vincheck.settings import Settings  # noqa: E402


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory):
    return write_case(tmp_path_factory.mktemp("gui-loader-case"))



def make_window(qtbot, load_image=None, runner=None) -> MainWindow:
    w = MainWindow(runner=runner or FakeRunner(), settings=Settings(operator="Li Lei"),
                   record=False, load_image=load_image)
    qtbot.addWidget(w)
    w.resize(1200, 700)
    w.show()
    return w


def add_files(w: MainWindow, files: list[tuple[str, str]]) -> None:
    for path, kind in files:
        w.panel.add_file(path, kind)
    w.panel.filesChanged.emit()


class SlowLoads:
    """A load function: ``arrays[file]`` (a list of pages) after ``delays[file]`` seconds;
    records the thread each load ran in."""

    def __init__(self, arrays: dict[str, list[np.ndarray]], delays: dict[str, float]) -> None:
        self.arrays = arrays
        self.delays = delays
        self.threads: list[int] = []
        self.calls: list[str] = []

    def __call__(self, file: str) -> list[np.ndarray]:
        self.calls.append(file)
        self.threads.append(threading.get_ident())
        time.sleep(self.delays.get(file, 0.0))
        return self.arrays[file]


def grey(w: int, h: int, value: int = 128) -> np.ndarray:
    return np.full((h, w, 3), value, np.uint8)


def test_switching_shows_the_image_once_it_is_loaded(qtbot, english, case) -> None:
    w = make_window(qtbot)
    add_files(w, [(case.rubbing_files[0], "rubbing"), (case.photo_files[0], "photo")])
    qtbot.waitUntil(lambda: w.viewer.view.has_image(), timeout=5000)
    photo = (case.photo_files[0], 0)
    with qtbot.waitSignal(w.imageShown, timeout=5000) as blocker:
        w.viewer.show_image(photo)
        # not decoded yet: the viewer says so instead of showing the previous image
        assert not w.viewer.view.has_image()
        assert "Loading" in w.viewer.view.placeholder_text()
        assert Path(photo[0]).name in w.viewer.view.placeholder_text()
        assert w.viewer.image_pending()
    assert blocker.args == [photo[0], 0]
    from PIL import Image

    with Image.open(photo[0]) as im:
        assert w.viewer.view.image_size() == im.size
    assert w.viewer.view.placeholder_text() == "" and not w.viewer.image_pending()
    assert w.viewer.image_combo.currentIndex() == w.viewer.images.index(photo)
    # going back to the sheet: it is in the cache and shows at once
    w.viewer.show_image((case.rubbing_files[0], 0))
    assert w.viewer.view.has_image() and not w.viewer.image_pending()


class HeldLoads(SlowLoads):
    """:class:`SlowLoads` whose loads wait (up to 20 s) until ``go`` is set."""

    def __init__(self, arrays: dict[str, list[np.ndarray]]) -> None:
        super().__init__(arrays, {})
        self.go = threading.Event()

    def __call__(self, file: str) -> list[np.ndarray]:
        assert self.go.wait(20), "the test never let the load finish"
        return super().__call__(file)


def test_a_slow_load_does_not_block_the_event_loop(qtbot, english, case) -> None:
    # the load is held until the event loop has run 10 timer ticks (a fixed 0.8 s load
    # and a time limit on add_files raced a loaded machine)
    file = case.rubbing_files[0]
    loads = HeldLoads({file: [grey(320, 200), grey(300, 180, 60)]})
    w = make_window(qtbot, load_image=loads)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    try:
        add_files(w, [(file, "rubbing")])  # shows its first page; returns, load held
        assert w.viewer.image_pending() and "Loading" in w.viewer.view.placeholder_text()
        qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=20_000)  # while it loads
        assert w.viewer.image_pending() and not w.viewer.view.has_image()
    finally:
        loads.go.set()
    qtbot.waitUntil(lambda: w.viewer.view.has_image(), timeout=5000)
    timer.stop()
    assert loads.threads and threading.get_ident() not in loads.threads
    assert w.viewer.view.image_size() == (320, 200)
    # the page count learnt from the load reaches the image list and its combo box
    qtbot.waitUntil(lambda: w.viewer.image_combo.count() == 2, timeout=2000)
    assert w.viewer.images == [(file, 0), (file, 1)]
    w.viewer.show_image((file, 1))  # cached: no second load
    assert w.viewer.view.image_size() == (300, 180) and loads.calls == [file]


def test_a_stale_load_does_not_replace_a_newer_choice(qtbot, english, case) -> None:
    slow, fast = case.rubbing_files[0], case.photo_files[0]
    loads = SlowLoads({slow: [grey(400, 300)], fast: [grey(250, 150)]},
                      {slow: 0.6, fast: 0.0})
    w = make_window(qtbot, load_image=loads)
    add_files(w, [(slow, "rubbing"), (fast, "photo")])
    assert w.viewer.current_image == (slow, 0) and w.viewer.image_pending()
    w.viewer.show_image((fast, 0))  # the operator moves on before the slow file arrives
    qtbot.waitUntil(lambda: w.viewer.view.has_image(), timeout=5000)
    assert w.viewer.view.image_size() == (250, 150)
    qtbot.waitUntil(lambda: not w.viewer.loader.is_loading(), timeout=5000)
    qtbot.wait(50)  # let any late delivery run
    assert w.viewer.current_image == (fast, 0)
    assert w.viewer.view.image_size() == (250, 150)
    # the stale result was kept: choosing it now shows it without loading again
    w.viewer.show_image((slow, 0))
    assert w.viewer.view.image_size() == (400, 300)
    assert loads.calls.count(slow) == 1


def test_an_unreadable_file_reports_its_error(qtbot, english, tmp_path: Path) -> None:
    bad = tmp_path / "broken.png"
    bad.write_bytes(b"this is not a PNG at all")
    w = make_window(qtbot)
    add_files(w, [(str(bad), "photo")])
    qtbot.waitUntil(lambda: "broken.png" in w.messages.text_plain(), timeout=5000)
    assert "Cannot show" in w.messages.text_plain()
    assert not w.viewer.view.has_image() and not w.viewer.image_pending()
    assert "broken.png" in w.viewer.view.placeholder_text()
    assert "Loading" not in w.viewer.view.placeholder_text()


def test_evidence_is_drawn_when_the_image_arrives(qtbot, english, case) -> None:
    sheet, photo = case.rubbing_files[0], case.photo_files[0]
    loads = SlowLoads({sheet: [grey(1200, 800)], photo: [grey(880, 600)]},
                      {sheet: 0.0, photo: 0.4})
    w = make_window(qtbot, load_image=loads)
    w.panel.set_case(case)
    with qtbot.waitSignal(w.checkFinished, timeout=10_000):
        assert w.flow.start_check()
    # the failing plate finding is selected; its photo is still loading
    assert w.viewer.current_image == (photo, 0)
    assert w.viewer.image_pending() and w.viewer.view.label_texts() == []
    qtbot.waitUntil(lambda: w.viewer.view.has_image(), timeout=5000)
    assert "京A12345 0.88" in w.viewer.view.label_texts()


def test_loader_loads_each_file_once_and_keeps_a_small_cache(qtbot) -> None:
    files = [f"/virtual/{i}.png" for i in range(4)]
    loads = SlowLoads({f: [grey(10 + i, 10)] for i, f in enumerate(files)}, {files[0]: 0.2})
    loader = ImageLoader(loads, cache_files=2)
    got: list[str] = []
    loader.loaded.connect(lambda f, _p: got.append(f))
    loader.request(files[0])
    loader.request(files[0])  # already on its way
    qtbot.waitUntil(lambda: not loader.is_loading(), timeout=5000)
    assert got == [files[0]] and loads.calls == [files[0]]
    assert loader.cached(files[0])[0].width() == 10
    for f in files[1:]:
        loader.request(f, drop_others=False)
    qtbot.waitUntil(lambda: not loader.is_loading(), timeout=5000)
    assert sorted(got) == sorted(files)
    assert loader.cached(files[0]) is None and loader.cached(files[3]) is not None
    assert loader.shutdown()


def test_loader_reports_failures(qtbot) -> None:
    def boom(_file: str) -> list[np.ndarray]:
        raise OSError("disk unplugged")

    loader = ImageLoader(boom)
    with qtbot.waitSignal(loader.failed, timeout=5000) as blocker:
        loader.request("/virtual/x.png")
    assert blocker.args[0] == "/virtual/x.png"
    assert "disk unplugged" in str(blocker.args[1])
    assert loader.cached("/virtual/x.png") is None and not loader.is_loading()


def test_the_same_label_at_the_same_place_is_drawn_once(qtbot) -> None:
    """Two findings showing the same vehicle box (fill ratio, cut off) gave two stacked,
    identical labels; a different label at that place is still stacked under it."""
    from vincheck.findings import Shape
    from vincheck.gui.image_view import ImageView
    from vincheck.gui.overlay_items import Overlay

    view = ImageView()
    qtbot.addWidget(view)
    view.set_image(grey(400, 300))
    box = Shape.box(20, 20, 200, 150, label="car 0.54", role="vehicle")
    other = Shape.box(20, 20, 200, 150, label="front face 0.90", role="view_face")
    view.set_overlays([Overlay(box, "fill"), Overlay(box, "cut"), Overlay(other, "angle")],
                      {"fill", "cut", "angle"})
    assert sorted(view.label_texts()) == ["car 0.54", "front face 0.90"]
    view.highlight("cut", centre=False)  # the second finding's copy is drawn, on top
    assert view.label_texts().count("car 0.54") == 2
    assert view.highlight("fill", centre=False)


def test_a_label_held_by_another_at_the_same_place_is_not_drawn(qtbot) -> None:
    """A plate is drawn from the result (text and score) and from the plate finding (text
    alone): the shorter label sat on the plate itself, covering its characters."""
    from vincheck.findings import Shape
    from vincheck.gui.image_view import ImageView
    from vincheck.gui.overlay_items import Overlay

    view = ImageView()
    qtbot.addWidget(view)
    view.set_image(grey(400, 300))
    pts = (100.0, 100.0, 220.0, 100.0, 220.0, 140.0, 100.0, 140.0)
    scored = Shape("polygon", pts, "NO450AM 1.00", "plate")
    plain = Shape("polygon", pts, "NO450AM", "plate")
    elsewhere = Shape("polygon", tuple(v + 60 for v in pts), "NO450AM", "plate")
    view.set_overlays([Overlay(plain, "plates"), Overlay(scored, "base", True),
                       Overlay(elsewhere, "plates")], {"plates"})
    assert sorted(view.label_texts()) == ["NO450AM", "NO450AM 1.00"]  # the far one stays
    view.highlight("plates", centre=False)  # selected: its own labels are drawn on top
    assert view.label_texts().count("NO450AM") == 2


def test_labels_near_each_other_do_not_cover_each_other(qtbot) -> None:
    """The vehicle box's label and the colour box's label start a few px apart: the
    second is moved down below the first instead of being drawn over it, at any zoom."""
    from vincheck.findings import Shape
    from vincheck.gui.image_view import ImageView
    from vincheck.gui.overlay_items import Overlay

    view = ImageView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.set_image(grey(800, 600))
    car = Shape.box(40, 40, 600, 400, label="vehicle · front-left 24° · 72%", role="vehicle")
    colour = Shape.box(60, 44, 500, 300, label="white", role="color")
    view.set_overlays([Overlay(car, "car", True), Overlay(colour, "colour", True)], set())
    for zoom_steps in (0, 2, -2):
        for _ in range(abs(zoom_steps)):
            view.zoom_in() if zoom_steps > 0 else view.zoom_out()
        rects = view.label_screen_rects()
        assert set(rects) == {"vehicle · front-left 24° · 72%", "white"}
        assert not rects["white"].intersects(rects["vehicle · front-left 24° · 72%"])


def test_a_second_label_on_a_small_shape_goes_above_it_not_over_it(qtbot) -> None:
    """The plate (polygon, text and score) and the view's plate anchor (a box a few px
    lower): the anchor's label was moved down, onto the plate's characters."""
    from PySide6.QtCore import QRectF

    from vincheck.findings import Shape
    from vincheck.gui.image_view import ImageView
    from vincheck.gui.overlay_items import Overlay

    view = ImageView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.set_image(grey(500, 350))
    plate = Shape("polygon", (200.0, 200.0, 320.0, 200.0, 320.0, 235.0, 200.0, 235.0),
                  "NO450AM 1.00", "plate")
    anchor = Shape.box(201, 203, 118, 30, label="plate anchor", role="view_face")
    view.set_overlays([Overlay(plate, "base", True), Overlay(anchor, "angle")], {"angle"})
    rects = view.label_screen_rects()
    assert set(rects) == {"NO450AM 1.00", "plate anchor"}
    tl, br = view.mapFromScene(200, 200), view.mapFromScene(320, 235)
    shape = QRectF(tl.x(), tl.y(), br.x() - tl.x(), br.y() - tl.y()).adjusted(1, 1, -1, -1)
    for text, r in rects.items():
        assert not r.intersects(shape), text
    assert not rects["NO450AM 1.00"].intersects(rects["plate anchor"])


def test_a_tilted_strip_is_labelled_at_its_left_end(qtbot) -> None:
    """A strip rising to the right has its topmost corner at the far right; its label
    starts at the top-left corner, over the strip, not past its end."""
    from vincheck.findings import Shape
    from vincheck.gui.image_view import ImageView
    from vincheck.gui.overlay_items import Overlay

    view = ImageView()
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.set_image(grey(800, 400))
    strip = Shape.polygon(np.array([[100, 120], [700, 100], [702, 160], [102, 180]]),
                          label="#1 LSVAU2180N2183594", role="strip")
    view.set_overlays([Overlay(strip, "strip", True)], set())
    rect = view.label_screen_rects()["#1 LSVAU2180N2183594"]
    left = view.mapFromScene(100, 120).x()
    assert abs(rect.left() - left) <= 2
