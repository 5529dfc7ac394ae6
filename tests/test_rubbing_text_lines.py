"""A photo of the stamped VIN itself (no rubbing sheet): text lines found by the OCR's
text detector (vincheck.rubbing.text_lines and its fallback in check_sheet)."""

from __future__ import annotations

import math

import cv2
import numpy as np
import pytest

from vincheck.imageio import from_array, load_image
from vincheck.rubbing import check_sheet
from vincheck.rubbing.text_lines import line_strip
from vincheck.settings import Settings

VIN = "SAL1A2A40SA606662"


def _plate_photo() -> np.ndarray:
    """Grey metal with a dark part across the top and a light engraved line lower down:
    the dark part is what the tape locator finds, and it holds no characters."""
    rng = np.random.default_rng(3)
    img = np.clip(rng.normal(110, 12, (1200, 1600)), 0, 255).astype(np.uint8)
    img[:300] = np.clip(rng.normal(35, 10, (300, 1600)), 0, 255).astype(np.uint8)
    line = np.zeros((200, 2000), np.uint8)
    cv2.putText(line, f"*{VIN}*", (20, 150), cv2.FONT_HERSHEY_SIMPLEX, 3.6, 255, 10,
                cv2.LINE_AA)
    line = cv2.resize(line, (1200, 200), interpolation=cv2.INTER_AREA)  # narrow stamps
    roi = img[550:750, 200:1400]
    img[550:750, 200:1400] = np.maximum(roi, (line.astype(np.float32) * 0.85).astype(np.uint8))
    return cv2.GaussianBlur(img, (0, 0), 1.2)


@pytest.mark.slow
def test_a_photo_of_the_stamped_vin_is_read_from_its_text_line() -> None:
    sheet = check_sheet(from_array(_plate_photo(), dpi=300), Settings())
    assert [r.vin for r in sheet.rubbings] == [VIN]
    ys = sheet.rubbings[0].box[1::2]
    assert 450 < min(ys) and max(ys) < 850  # the line, not the dark part at the top


def test_line_strip_turns_a_tilted_line_upright() -> None:
    gray = np.full((600, 1200), 90, np.uint8)
    ang = math.radians(8.0)
    c, s = math.cos(ang), math.sin(ang)
    centre = np.array([600.0, 300.0])
    half = np.array([[-450, -40], [450, -40], [450, 40], [-450, 40]], dtype=np.float64)
    quad = half @ np.array([[c, s], [-s, c]]) + centre  # rotated 8 deg clockwise on screen
    cv2.fillPoly(gray, [quad.astype(np.int32)], 220)
    strip = line_strip(gray, quad)
    assert strip is not None
    h, w = strip.crop.shape
    assert w > h * 6 and abs(strip.angle_deg + 8.0) < 1.0
    # the light band runs straight across the middle rows of the crop
    rows = strip.crop[:, int(0.4 * w):int(0.6 * w)].mean(axis=1)
    assert rows[h // 2] > 200 and rows[2] < 120
    # crop corners map back onto the sheet around the line
    assert np.allclose(strip.map_to_sheet(np.array([[w / 2, h / 2]]))[0], centre, atol=2)


def test_a_short_text_is_no_vin_line() -> None:
    quad = np.array([[100, 100], [300, 100], [300, 160], [100, 160]], dtype=np.float64)
    assert line_strip(np.zeros((400, 400), np.uint8), quad) is None


def test_real_engraved_vin_is_read(corpus_dir) -> None:
    path = corpus_dir / "vin-engraved-jrl" / "1-VIN -SAL1A2A40SA606662.jpg"
    if not path.exists():
        pytest.skip("vin-engraved-jrl not in the corpus")
    sheet = check_sheet(load_image(str(path), dpi=300), Settings())
    assert [r.vin for r in sheet.rubbings] == [VIN]
