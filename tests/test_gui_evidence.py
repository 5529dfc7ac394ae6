"""Evidence an operator can read: a legend for the overlay colours, label text with
enough contrast on its background, a selected finding zoomed to and centred, the image
on screen together with the verdict, and character boxes that leave the characters
visible at the fitted zoom."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from PySide6.QtCore import QRectF  # noqa: E402
from PySide6.QtGui import QColor, QImage  # noqa: E402

from tests.gui_support import FakeRunner, fake_result, sheet_image, write_case  # noqa: E402
from vincheck.findings import Shape  # noqa: E402
from vincheck.gui.checklist import base_overlays  # noqa: E402
from vincheck.gui.image_view import ImageView  # noqa: E402
from vincheck.gui.main_window import MainWindow  # noqa: E402
from vincheck.gui.overlay_items import Overlay  # noqa: E402
from vincheck.gui.style import ROLE_COLOURS  # noqa: E402
from vincheck.settings import Settings  # noqa: E402


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory):
    return write_case(tmp_path_factory.mktemp("gui-evidence"))


def make_window(qtbot, runner, **kw) -> MainWindow:
    w = MainWindow(runner=runner, settings=Settings(operator="Li Lei"), record=False, **kw)
    qtbot.addWidget(w)
    w.resize(1366, 728)
    w.show()
    return w


def checked(qtbot, w: MainWindow, case) -> None:
    w.panel.set_case(case)
    with qtbot.waitSignal(w.checkFinished, timeout=10_000):
        assert w.flow.start_check()
    qtbot.waitUntil(lambda: w.viewer.view.has_image() and not w.viewer.image_pending(),
                    timeout=5_000)


def rgb(image: QImage) -> np.ndarray:
    img = image.convertToFormat(QImage.Format.Format_RGB888)
    arr = np.frombuffer(img.constBits(), np.uint8, img.bytesPerLine() * img.height())
    return arr.reshape(img.height(), img.bytesPerLine())[:, :img.width() * 3].reshape(
        img.height(), img.width(), 3).copy()


def test_the_legend_names_the_colours_drawn(qtbot, english, case) -> None:
    w = make_window(qtbot, FakeRunner())
    assert not w.viewer.legend.isVisible()  # nothing drawn, nothing to explain
    checked(qtbot, w, case)
    assert w.viewer.current_image == (case.photo_files[0], 0)  # the failing plate is selected
    text = w.viewer.legend.text()
    assert w.viewer.legend.isVisible()
    for name, role in (("number plate", "plate"), ("vehicle", "vehicle")):
        assert name in text and ROLE_COLOURS[role].name() in text
    assert "selected finding" in text and "characters read" not in text
    w.viewer.show_image((case.rubbing_files[0], 0))
    qtbot.waitUntil(lambda: "characters read" in w.viewer.legend.text(), timeout=5_000)
    legend = w.viewer.legend.text()
    assert "rubbing strip" in legend and "number plate" not in legend


def test_label_text_is_readable_on_its_background(qtbot, qapp) -> None:
    from vincheck.gui.style import contrast_ratio

    view = ImageView()
    qtbot.addWidget(view)
    view.resize(700, 560)
    view.show()
    view.set_image(np.full((520, 660, 3), 255, np.uint8))  # the worst case: a white page
    roles = [*ROLE_COLOURS, "highlight"]
    overlays = [Overlay(Shape.box(20 + 320 * (i % 2), 30 + 34 * (i // 2), 300, 28,
                                  label=f"{role} 0.93", role=role), "base", True)
                for i, role in enumerate(roles)]
    view.set_overlays(overlays, set())
    view.actual_size()
    qtbot.wait(20)
    img = rgb(view.viewport().grab().toImage())
    rects = view.label_screen_rects()
    assert len(rects) == len(roles)
    for text, r in rects.items():
        x0, y0 = int(r.left()) + 1, int(r.top()) + 1
        patch = img[y0:int(r.bottom()) - 1, x0:int(r.right()) - 1].reshape(-1, 3).astype(int)
        bg = np.median(patch, axis=0)  # most of a label is its background
        fg = patch[np.argmax(np.abs(patch - bg).sum(axis=1))]  # the text's own colour
        ratio = contrast_ratio(QColor(*[int(v) for v in fg]), QColor(*[int(v) for v in bg]))
        assert ratio >= 4.5, (text, fg, bg, ratio)


def _view_rect(w: MainWindow, key: str) -> QRectF:
    return w.viewer.view.mapFromScene(w.viewer.view.evidence_rect(key)).boundingRect().toRectF()


@pytest.mark.parametrize("code", ["plate_visible", "unreadable"])
def test_selecting_a_finding_zooms_to_and_centres_its_evidence(qtbot, english, case,
                                                               code: str) -> None:
    w = make_window(qtbot, FakeRunner())
    checked(qtbot, w, case)
    key = next(k for k, e in w.result_view.checklist.entries.items()
               if e.finding.code == code)
    other = next(k for k, e in w.result_view.checklist.entries.items()
                 if e.finding.code == "fill_ratio")
    w.result_view.checklist.select_key(other)
    w.viewer.view.fit()  # from the whole page
    w.result_view.checklist.select_key(key)
    qtbot.waitUntil(lambda: w.viewer.view.has_image() and not w.viewer.image_pending(),
                    timeout=5_000)
    r = _view_rect(w, key)
    vp = QRectF(w.viewer.view.viewport().rect())
    assert vp.contains(r), (r, vp)
    assert abs(r.center().x() - vp.center().x()) < 4 and abs(r.center().y() - vp.center().y()) < 4
    # zoomed to: the evidence spans a quarter of the view, or is 3 x its fitted size
    iw, ih = w.viewer.view.image_size()
    fit = min(vp.width() / iw, vp.height() / ih)
    assert r.width() >= 0.25 * vp.width() or r.height() >= 0.25 * vp.height() or \
        w.viewer.view.scale_factor() >= 3 * fit


class SlowRunner(FakeRunner):
    """The fake check, taking ``seconds``."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds

    def __call__(self, case, settings=None, progress=None, cancel=None):  # noqa: ANN001
        time.sleep(self.seconds)
        return super().__call__(case, settings, progress, cancel)


def test_the_image_is_shown_with_the_verdict(qtbot, english, case) -> None:
    from vincheck.imageio import load_pages

    def slow_load(file: str):
        time.sleep(0.4)
        return [p.rgb for p in load_pages(file)]

    w = make_window(qtbot, SlowRunner(1.5), load_image=slow_load)
    w.panel.set_case(case)
    with qtbot.waitSignal(w.checkFinished, timeout=10_000):
        assert w.flow.start_check()
    # the verdict is on screen: so are the image of the selected finding and its evidence
    assert w.model.result is not None
    assert w.viewer.current_image == (case.photo_files[0], 0)
    assert w.viewer.view.has_image() and not w.viewer.image_pending()
    assert w.viewer.view.highlighted_key() == w.result_view.checklist.current_key()


def test_character_boxes_do_not_hide_the_characters(qtbot, qapp, case) -> None:
    result = fake_result(case)
    sheet = (case.rubbing_files[0], 0)
    view = ImageView()
    qtbot.addWidget(view)
    view.resize(720, 520)
    view.show()
    view.set_image(sheet_image())
    view.fit()
    qtbot.wait(20)
    bare = rgb(view.viewport().grab().toImage())
    overlays = base_overlays(result, sheet)
    view.set_overlays(overlays, set())
    qtbot.wait(20)
    drawn = rgb(view.viewport().grab().toImage())
    chars = [ov.shape for ov in overlays if ov.shape.role == "char"]
    assert len(chars) == 17 and not np.array_equal(bare, drawn)  # the boxes are drawn
    for s in chars:
        xs, ys = s.coords[0::2], s.coords[1::2]
        r = view.mapFromScene(QRectF(min(xs), min(ys), max(xs) - min(xs),
                                     max(ys) - min(ys))).boundingRect()
        x0, y0, x1, y1 = r.left(), r.top(), r.right() + 1, r.bottom() + 1
        assert np.array_equal(bare[y0:y1, x0:x1], drawn[y0:y1, x0:x1]), s.label


def test_a_missing_end_symbol_is_marked_dashed_where_it_belongs(qtbot, qapp) -> None:
    from PySide6.QtCore import Qt

    from vincheck.gui.overlay_items import make_shape_items
    from vincheck.gui.style import role_colour

    shape = Shape.polygon([(900, 210), (940, 210), (940, 280), (900, 280)],
                          label="end expected", role="end_symbol_expected")
    items = make_shape_items(shape, role_colour(shape.role), 2.0)
    assert items[0].pen().style() == Qt.PenStyle.DashLine
    assert role_colour("end_symbol_expected") == role_colour("start_symbol")
    assert Path  # (the position itself: tests/test_rubbing_sheets.py)


def test_a_missing_symbol_is_zoomed_to_where_it_belongs(qtbot, qapp) -> None:
    """The evidence of a missing end symbol is the strip and where the symbol belongs:
    selecting it zooms to the latter, not to the whole strip."""
    view = ImageView()
    qtbot.addWidget(view)
    view.resize(600, 450)
    view.show()
    view.set_image(sheet_image())
    strip = Shape.polygon([(100, 200), (1100, 200), (1100, 300), (100, 300)], role="strip")
    where = Shape.polygon([(1110, 210), (1150, 210), (1150, 280), (1110, 280)],
                          label="end expected", role="end_symbol_expected")
    view.set_overlays([Overlay(strip, "k"), Overlay(where, "k")], {"k"})
    view.fit()
    assert view.highlight("k")
    r = view.mapFromScene(QRectF(1110, 210, 40, 70)).boundingRect()
    vp = view.viewport().rect()
    assert vp.contains(r) and r.height() >= 0.25 * vp.height()
    assert "end expected" in view.label_texts(visible_only=True)
