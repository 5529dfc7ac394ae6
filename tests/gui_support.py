"""Helpers for the GUI tests: generated images, a hand-made CaseResult, fake runners and
the main window opened, and checked, the way most window tests need it.

(No tests here; the module is imported by the ``test_gui_*`` modules.)
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from vincheck.cancel import CancelToken
from vincheck.errors import Cancelled
from vincheck.findings import (
    CaseResult,
    CharRead,
    Finding,
    PhotoResult,
    PlateRead,
    RubbingResult,
    Shape,
    SheetResult,
    Status,
)
from vincheck.inspection import CaseInput
from vincheck.settings import Settings

if TYPE_CHECKING:
    from vincheck.gui.main_window import MainWindow

VIN = "LSVAM4180C2184530"  # check digit 0 at position 9 (computed by hand)


def sheet_image(w: int = 1200, h: int = 800, seed: int = 0) -> np.ndarray:
    """A white, slightly noisy sheet with two dark rubbing strips carrying light glyphs."""
    import cv2

    rng = np.random.default_rng(seed)
    img = np.full((h, w, 3), 244, np.uint8)
    img = (img + rng.integers(0, 8, (h, w, 1), dtype=np.uint8)).astype(np.uint8)
    for y in (h // 4, h // 2 + 60):
        cv2.rectangle(img, (w // 12, y), (w - w // 12, y + h // 8), (70, 70, 72), -1)
        x = w // 12 + 20
        for ch in "*" + VIN + "*":
            cv2.putText(img, ch, (x, y + h // 10), cv2.FONT_HERSHEY_SIMPLEX, 1.6,
                        (230, 230, 230), 4)
            x += (w - w // 6 - 40) // 19
    return img


def photo_image(w: int = 880, h: int = 600, seed: int = 1) -> np.ndarray:
    """A colourful, textured picture with a red box on wheels (a toy 'vehicle')."""
    import cv2

    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w]
    img = np.zeros((h, w, 3), np.uint8)
    img[..., 0] = (100 + 80 * np.sin(xx / 50)).astype(np.uint8)
    img[..., 1] = (120 + 60 * np.cos(yy / 40)).astype(np.uint8)
    img[..., 2] = 180
    cv2.rectangle(img, (150, 200), (730, 480), (200, 30, 30), -1)
    cv2.circle(img, (250, 480), 60, (20, 20, 20), -1)
    cv2.circle(img, (630, 480), 60, (20, 20, 20), -1)
    noise = rng.integers(-20, 20, img.shape)
    return np.clip(img.astype(int) + noise, 0, 255).astype(np.uint8)


def write_case(folder: Path) -> CaseInput:
    """Write a generated sheet (PNG, 300 dpi) and photo (JPEG) and return the case."""
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    sheet = folder / "sheet.png"
    photo = folder / "photo.jpg"
    Image.fromarray(sheet_image()).save(sheet, dpi=(300, 300))
    Image.fromarray(photo_image()).save(photo, quality=90)
    return CaseInput(rubbing_files=[str(sheet)], photo_files=[str(photo)], expected_vin=VIN,
                     kind="car", color="红")


def fake_result(case: CaseInput) -> CaseResult:
    """A hand-made result: one sheet with a passing and a review rubbing, one photo that
    fails on a visible plate."""
    sheet_file = case.rubbing_files[0]
    photo_file = case.photo_files[0]
    chars = [CharRead(c, 0.95 if i != 5 else 0.41,
                      (120 + 55 * i, 210, 160 + 55 * i, 210, 160 + 55 * i, 280, 120 + 55 * i, 280))
             for i, c in enumerate(VIN)]
    r1 = RubbingResult(box=(100, 200, 1100, 200, 1100, 300, 100, 300), vin=VIN, confidence=0.93,
                       chars=chars, findings=[
                           Finding("truncated", Status.PASS, 17, 17, "characters"),
                           Finding("char_too_small", Status.PASS, 7.4, 7.0, "mm",
                                   evidence=[Shape.box(120, 210, 40, 70, label="7.4 mm",
                                                       role="char")]),
                           Finding("unreadable", Status.REVIEW, 0.41, 0.6,
                                   message="character 6 read with confidence 0.41",
                                   evidence=[Shape.box(395, 205, 50, 80, label="M 0.41",
                                                       role="char")]),
                       ])
    r2 = RubbingResult(box=(100, 460, 1100, 460, 1100, 560, 100, 560), vin=VIN, confidence=0.9,
                       findings=[Finding("missing_start_symbol", Status.PASS,
                                         evidence=[Shape("point", (110, 510), "★",
                                                         "start_symbol")])])
    sheet = SheetResult(file=sheet_file, rubbings=[r1, r2], dpi=300.0, image_size=(1200, 800))
    photo = PhotoResult(
        file=photo_file, view="front-left", azimuth_deg=41.0, fill_ratio=0.62,
        vehicle_box=(150, 200, 580, 340), color="红", color_confidence=0.9,
        plates=[PlateRead((380, 420, 500, 420, 500, 455, 380, 455), "京A12345", 0.88)],
        findings=[
            Finding("plate_visible", Status.FAIL, 1, 0, message="a number plate is visible",
                    evidence=[Shape.polygon([(380, 420), (500, 420), (500, 455), (380, 455)],
                                            label="京A12345 0.88", role="plate")]),
            Finding("fill_ratio", Status.PASS, 0.62, [0.55, 0.8], "ratio"),
        ], image_size=(880, 600))
    return CaseResult(expected_vin=case.expected_vin, kind=case.kind, color=case.color,
                      sheets=[sheet], photos=[photo], ms=12.0)


class FakeRunner:
    """A runner with ``run_case``'s signature returning :func:`fake_result`; with
    ``block=True`` it waits (reporting progress) until cancelled."""

    def __init__(self, block: bool = False, error: BaseException | None = None,
                 plate_fails: bool = True) -> None:
        self.block = block
        self.error = error
        self.plate_fails = plate_fails
        self.calls = 0
        self.started = threading.Event()

    def __call__(self, case: CaseInput, settings=None, progress=None,  # noqa: ANN001
                 cancel: CancelToken | None = None) -> CaseResult:
        self.calls += 1
        self.started.set()
        report = progress or (lambda _f, _m: None)
        report(0.1, "reading rubbing sheet " + Path(case.files()[0]).name)
        if self.error is not None:
            raise self.error
        if self.block:
            deadline = time.monotonic() + 20.0
            while time.monotonic() < deadline:
                if cancel is not None and cancel.cancelled:
                    raise Cancelled("the check was cancelled")
                time.sleep(0.01)
            raise TimeoutError("fake runner was never cancelled")
        report(1.0, "done")
        result = fake_result(case)
        if not self.plate_fails:
            for f in result.photos[0].findings:
                if f.code == "plate_visible":
                    f.status = Status.PASS
        return result


def make_window(qtbot, runner, **kw) -> MainWindow:  # noqa: ANN001
    """The main window with ``runner`` (not recording, operator "Li Lei" at "Test station"
    unless ``settings`` / ``record`` say otherwise), shown at 1366 x 768 px."""
    from vincheck.gui.main_window import MainWindow

    settings = kw.pop("settings", None) or Settings(operator="Li Lei", station="Test station")
    w = MainWindow(runner=runner, settings=settings, record=kw.pop("record", False), **kw)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    return w


def run_and_wait(qtbot, w: MainWindow, timeout: int = 10_000) -> str:  # noqa: ANN001
    """Start a check in ``w`` and wait (``timeout`` ms) until it ends; how it ended."""
    with qtbot.waitSignal(w.checkFinished, timeout=timeout) as blocker:
        assert w.flow.start_check()
    return blocker.args[0]


def checked_window(qtbot, case: CaseInput, settings: Settings) -> MainWindow:  # noqa: ANN001
    """A window (fake runner, ``settings``) that has checked ``case``."""
    w = make_window(qtbot, FakeRunner(), settings=settings)
    w.panel.set_case(case)
    run_and_wait(qtbot, w)
    return w
