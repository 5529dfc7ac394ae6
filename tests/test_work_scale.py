"""Rubbing sheets are checked at a bounded working resolution and mapped back; a file's
check is stopped past its time limit."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import vincheck.rubbing.work_scale as ws
from vincheck import time_limit
from vincheck.case_io import sample_case_path
from vincheck.errors import CheckTooLongError
from vincheck.findings import CharRead, Finding, RubbingResult, Shape, SheetResult, Status
from vincheck.imageio import from_array
from vincheck.inspection import CaseInput, run_case
from vincheck.photo import check_photo_file
from vincheck.rubbing import check_rubbing_file

REPO = Path(__file__).resolve().parent.parent
SAMPLE = sample_case_path().parent


def test_work_factor_bounds_dpi_and_pixels() -> None:
    assert ws.work_factor(2480, 1754, 300) == 1.0  # an A4 sheet at 300 dpi: as it is
    assert ws.work_factor(8000, 6000, 1200) == pytest.approx(0.5)  # 1200 -> 600 dpi
    f = ws.work_factor(12000, 12000, None)  # unknown DPI: the pixel budget alone
    assert (12000 * f) ** 2 == pytest.approx(ws.WORK_MAX_PIXELS, rel=1e-6)
    f = ws.work_factor(20000, 14000, 1200)  # both: the smaller scale wins
    assert 20000 * 14000 * f * f <= ws.WORK_MAX_PIXELS * 1.0001


def test_work_page_scales_pixels_and_dpi_together() -> None:
    page = from_array(np.full((1800, 2400, 3), 200, np.uint8), dpi=1200.0)
    work, fx, fy = ws.work_page(page)
    assert work.rgb.shape == (900, 1200, 3) and fx == fy == 0.5
    assert work.dpi == pytest.approx(600.0)
    # a length in mm is the same on both: 1200 px at 1200 dpi = 600 px at 600 dpi
    assert 1200 / page.px_per_mm() == pytest.approx(600 / work.px_per_mm())


def test_results_are_mapped_back_to_file_pixels() -> None:
    page = from_array(np.zeros((1000, 2000, 3), np.uint8), dpi=1200.0)
    f = Finding("shifted", Status.PASS, measured={"ghost_dx_px": 3.0, "ghost_offset": 0.1},
                unit="mm", evidence=[Shape.box(10, 20, 30, 40), Shape("circle", (5, 6, 2)),
                                     Shape.polygon([(1, 2), (3, 4)])])
    r = RubbingResult(box=(1, 2, 3, 4, 5, 6, 7, 8), vin=None, confidence=0.0, findings=[f],
                      chars=[CharRead("A", 0.9, (1, 1, 2, 1, 2, 2, 1, 2))])
    sheet = SheetResult(file="x.png", rubbings=[r], dpi=600.0, image_size=(1000, 500),
                        findings=[Finding("dpi", Status.PASS,
                                          evidence=[Shape("point", (7, 8))])])
    ws.to_file_pixels(sheet, page, 0.5, 0.5)
    assert sheet.image_size == (2000, 1000) and sheet.dpi == 1200.0
    assert r.box == (2, 4, 6, 8, 10, 12, 14, 16)
    assert r.chars[0].box == (2, 2, 4, 2, 4, 4, 2, 4)
    ev = r.findings[0].evidence
    assert ev[0].coords == (20, 40, 60, 80) and ev[1].coords == (10, 12, 4)
    assert ev[2].coords == (2, 4, 6, 8)
    assert r.findings[0].measured == {"ghost_dx_px": 6.0, "ghost_offset": 0.1}  # mm kept
    assert sheet.findings[0].evidence[0].coords == (14, 16)


def test_a_file_over_its_time_limit_is_stopped_with_a_message(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(time_limit, "FILE_TIME_LIMIT_S", 0.0)
    sheet = str(SAMPLE / "rubbing_sheet.png")
    with pytest.raises(CheckTooLongError, match="took over 0 s and was stopped"):
        check_rubbing_file(sheet)
    with pytest.raises(CheckTooLongError, match="was stopped"):
        check_photo_file(str(SAMPLE / "photo_digital.jpg"))
    res = run_case(CaseInput(rubbing_files=[sheet]))  # a case records it as that file's error
    assert res.errors and "was stopped" in res.errors[0]["error"]
