"""Polarity of a strip when pencil streaks are as strong as the characters
(vincheck.rubbing.polarity)."""

from __future__ import annotations

import numpy as np
import pytest

from devkit.synth.rubbing import SheetSpec, StripSpec, render_sheet
from vincheck.rubbing.locate import locate_strips
from vincheck.rubbing.normalize import light_detail_margin, normalize_strip
from vincheck.rubbing.polarity import SURE_MARGIN, line_score, normalize_and_segment
from vincheck.rubbing.segment import segment_strip

VIN = "LGX4W3HH1PS542026"
DPI = 300
PPM = DPI / 25.4


@pytest.fixture(scope="module")
def small_text_strip() -> np.ndarray:
    """4.3 mm characters on 25 mm tape with heavy streaks (the hard case)."""
    spec = SheetSpec(strips=[StripSpec(VIN, font="stroke", char_height_mm=4.3,
                                       rub_angle_deg=50.0, darkness=0.7)],
                     paper_mm=(160.0, 90.0), dpi=DPI, seed=0)
    img, _ = render_sheet(spec)
    gray = np.asarray(img.convert("L"))
    strips = locate_strips(gray, 40 * PPM, 8 * PPM)
    assert len(strips) == 1
    return strips[0]


def test_light_characters_on_streaky_graphite(small_text_strip) -> None:
    strip = small_text_strip
    # the detail test alone points the wrong way here: this is the case being tested
    assert -SURE_MARGIN < light_detail_margin(strip.crop) < 0
    nz, seg = normalize_and_segment(strip.crop, strip.core_x)
    assert nz.inverted  # a rubbing: light characters on dark graphite
    glyphs = [g for g in seg.glyphs if strip.core_x[0] <= g.cx <= strip.core_x[1]]
    assert len(glyphs) == 19
    # the text band is the line, not the whole tape
    assert seg.band[1] - seg.band[0] < 0.4 * strip.crop.shape[0]


def test_the_reverse_strip_gives_dark_characters(small_text_strip) -> None:
    strip = small_text_strip
    nz, seg = normalize_and_segment(255 - strip.crop, strip.core_x)
    assert not nz.inverted
    glyphs = [g for g in seg.glyphs if strip.core_x[0] <= g.cx <= strip.core_x[1]]
    assert len(glyphs) == 19


def test_line_score_prefers_the_text_line(small_text_strip) -> None:
    strip = small_text_strip
    h = strip.crop.shape[0]
    right = segment_strip(normalize_strip(strip.crop, inverted=True).image)
    wrong = segment_strip(normalize_strip(strip.crop, inverted=False).image)
    assert line_score(right, h, strip.core_x) > line_score(wrong, h, strip.core_x)


def test_a_clear_strip_is_decided_by_its_detail_alone() -> None:
    line = np.full((120, 900), 60, np.uint8)
    for i in range(17):
        line[40:80, 40 + 50 * i:52 + 50 * i] = 220  # light bars on dark tape
    assert light_detail_margin(line) > SURE_MARGIN
    assert light_detail_margin(255 - line) < -SURE_MARGIN
