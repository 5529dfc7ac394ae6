"""Unit tests of the rubbing pipeline on drawn strips with one difficulty each: a doubled
impression, smudges and streaks at the border, glyphs beyond the end symbol, height
ramps, smears, wide glyphs and glyphs just past the dark band."""

from __future__ import annotations

import cv2
import numpy as np

from tests.rubbing_drawn import DPI, VIN, CannedEngine, wrong_check
from tests.rubbing_drawn import strip_image as _strip_image
from vincheck.findings import Status
from vincheck.imageio import from_array
from vincheck.rubbing import check_sheet
from vincheck.rubbing.measure import (
    line_geometry,
)
from vincheck.rubbing.segment import Glyph, segment_strip
from vincheck.settings import Settings
from vincheck.vin import compute_check_digit


def test_doubled_impression_is_shifted_and_measured():
    for ghost_mm in (1.0, 1.5):
        sheet = check_sheet(from_array(_strip_image(VIN, ghost_mm=ghost_mm), dpi=DPI),
                            Settings(), engines=[CannedEngine(VIN)])
        f = next(f for f in sheet.rubbings[0].findings if f.code == "shifted")
        assert f.status is Status.FAIL and f.unit == "mm"
        assert abs(f.measured["ghost_offset"] - ghost_mm) < 0.15
    clean = check_sheet(from_array(_strip_image(VIN), dpi=DPI), Settings(),
                        engines=[CannedEngine(VIN)])
    f = next(f for f in clean.rubbings[0].findings if f.code == "shifted")
    assert f.status is Status.PASS


def test_characters_touching_a_smudge_at_the_border_are_kept():
    """A solid dark smudge from the tape's edge down onto two characters does not take
    them with it when border-touching ink is dropped."""
    norm = np.full((200, 1400), 230, np.uint8)
    for i in range(17):
        x = 60 + i * 75
        cv2.rectangle(norm, (x, 60), (x + 14, 140), 20, -1)   # stem
        cv2.rectangle(norm, (x, 60), (x + 45, 74), 20, -1)    # top bar
        cv2.rectangle(norm, (x, 126), (x + 45, 140), 20, -1)  # bottom bar
    cv2.ellipse(norm, (60 + 9 * 75 + 20, 20), (90, 45), 0, 0, 360, 25, -1)  # smudge
    seg = segment_strip(norm)
    assert len(seg.glyphs) == 17
    for i in (8, 9, 10):
        assert any(abs(g.cx - (60 + i * 75 + 22)) < 12 for g in seg.glyphs)


class _ListEngine:
    """Returns the given distribution for each glyph span, in order."""

    name = "list"

    def __init__(self, dists):
        self.dists = dists

    def read_glyphs(self, line, spans):
        assert len(spans) == len(self.dists)
        return [dict(d) for d in self.dists]


def _line_of(n_glyphs: int):
    from vincheck.rubbing.segment import Glyph, Segmentation

    glyphs = []
    for i in range(n_glyphs):
        wide = i in (0, 18)  # the end symbols are about as wide as tall
        glyphs.append(Glyph(20 + 60 * i, 20, 20 + 60 * i + (50 if wide else 30), 100, 900))
    return Segmentation(glyphs, np.zeros((120, 60 * n_glyphs + 40), np.uint8), (20, 100))


def test_a_weak_glyph_beyond_the_end_symbol_is_not_part_of_the_line():
    from vincheck.rubbing.read import read_strip

    seg = _line_of(20)
    norm = np.full((120, 60 * 20 + 40), 200, np.uint8)
    dists = ([{"#": 0.99}] + [{c: 0.97} for c in VIN] + [{"#": 0.99}]
             + [{"1": 0.28, "A": 0.21}])  # the torn end of the tape
    rd = read_strip(norm, seg, [_ListEngine(dists)])
    assert rd.start is seg.glyphs[0] and rd.end is seg.glyphs[18]
    assert "".join(max(s, key=s.get) for s in rd.char_scores) == VIN
    assert rd.raw == "#" + VIN + "#~"
    # outside two symbols 17 glyphs apart nothing belongs to the VIN, however it reads
    from vincheck.rubbing.read import _outside_symbols

    sym = [0.99] + [0.0] * 17 + [0.99, 0.0]
    assert _outside_symbols(dists, sym) == (0, 19)
    dists[-1] = {"7": 0.95}
    assert _outside_symbols(dists, sym) == (0, 19)
    # without a start symbol: past the end symbol only a weak glyph is cut off
    no_start = [{c: 0.97} for c in "K" + VIN] + [{"#": 0.99}, {"1": 0.28, "A": 0.21}]
    sym = [0.0] * 18 + [0.99, 0.0]
    assert _outside_symbols(no_start, sym) == (0, 19)
    no_start[-1] = {"7": 0.95}
    assert _outside_symbols(no_start, sym) == (0, 20)


def test_a_character_joined_to_the_border_by_a_thin_streak_is_kept():
    norm = np.full((200, 1400), 230, np.uint8)
    for i in range(17):
        x = 60 + i * 75
        cv2.rectangle(norm, (x, 60), (x + 14, 140), 20, -1)
        cv2.rectangle(norm, (x, 60), (x + 45, 74), 20, -1)
        cv2.rectangle(norm, (x, 126), (x + 45, 140), 20, -1)
    x9 = 60 + 9 * 75
    cv2.line(norm, (x9 + 60, 0), (x9 + 20, 100), 25, 3)  # a dark pencil streak, 3 px
    seg = segment_strip(norm)
    assert len(seg.glyphs) == 17
    assert any(abs(g.cx - (x9 + 22)) < 12 for g in seg.glyphs)


def _cells(heights, streak_above=()):
    """Bar characters of the given heights (px) on one baseline; a thin streak ink above
    the cells listed in ``streak_above`` (their boxes reach up to it)."""
    from vincheck.rubbing.segment import Glyph

    ink = np.zeros((200, 60 * len(heights) + 40), np.uint8)
    glyphs = []
    for i, h in enumerate(heights):
        x = 20 + 60 * i
        ink[150 - h:150, x:x + 12] = 1
        ink[150 - h:150 - h + 12, x:x + 40] = 1
        y0 = 150 - h
        if i in streak_above:
            ink[150 - h - 25:150 - h, x + 20:x + 23] = 1  # 3 px wide streak
            y0 -= 25
        glyphs.append(Glyph(x, y0, x + 40, 150, int(ink[y0:150, x:x + 40].sum())))
    return glyphs, ink


def test_core_height_ignores_a_streak_touching_the_cell():
    from vincheck.rubbing.measure import core_height

    glyphs, ink = _cells([90, 90], streak_above=(1,))
    assert glyphs[1].h == 115
    assert abs(core_height(ink, glyphs[1]) - 90) <= 1


def test_height_spread_two_bad_cells_are_not_a_deformation_but_a_ramp_is():
    flat = [90] * 17
    two_short = flat[:6] + [70, 66] + flat[8:]
    glyphs, ink = _cells(two_short, streak_above=(2, 9, 12))
    assert line_geometry(glyphs, ink).height_spread < 0.16
    ramp = [round(80 + 24 * i / 16) for i in range(17)]  # 1.3 x from end to end
    glyphs, ink = _cells(ramp)
    assert line_geometry(glyphs, ink).height_spread > 0.2
    three_short = flat[:6] + [66, 66, 66] + flat[9:]
    glyphs, ink = _cells(three_short)
    assert line_geometry(glyphs, ink).height_spread > 0.2


def test_invalid_everywhere_looks_at_plausible_readings_only():
    from vincheck.rubbing.vin_doubt import invalid_everywhere as _invalid_everywhere

    valid = VIN[:8] + compute_check_digit(VIN) + VIN[9:]
    bad = wrong_check(valid)
    # every position has a few 2 % alternatives: some combination of them is always
    # valid, but none of them is a plausible reading next to a 95 % character
    noisy = [{c: 0.90, **{a: 0.02 for a in "0123456789ABC" if a != c}} for c in bad]
    assert _invalid_everywhere(noisy, bad)
    # a plausible alternative that makes the VIN valid: not invalid everywhere
    plaus = [dict(d) for d in noisy]
    plaus[8] = {bad[8]: 0.55, valid[8]: 0.40}
    assert not _invalid_everywhere(plaus, bad)


def _soft_line(soft: range) -> tuple[np.ndarray, list]:
    """17 bar characters (dark on light); the cells in ``soft`` smeared."""
    norm = np.full((200, 1400), 230, np.uint8)
    glyphs = []
    for i in range(17):
        x = 60 + i * 75
        cell = np.full((200, 75), 230, np.uint8)
        cv2.rectangle(cell, (5, 60), (19, 140), 20, -1)
        cv2.rectangle(cell, (5, 60), (50, 74), 20, -1)
        cv2.rectangle(cell, (5, 126), (50, 140), 20, -1)
        if i in soft:  # 15 px motion blur at 45 deg: a smear dragged across the line
            k = np.eye(15, dtype=np.float32) / 15.0
            cell = cv2.filter2D(cell, -1, k, borderType=cv2.BORDER_REPLICATE)
        norm[:, x - 5:x + 70] = cell
        glyphs.append(Glyph(x, 60, x + 46, 141, 2000))
    return norm, glyphs


def test_a_smear_is_a_run_of_soft_characters_not_one_or_two():
    from vincheck.rubbing.measure import measure_ghost

    limit = Settings().rubbing.min_sharpness_ratio
    for soft, smeared in ((range(6, 8), False), (range(6, 10), True), (range(6, 9), True)):
        norm, glyphs = _soft_line(soft)
        gh = measure_ghost(norm, glyphs, 75.0, 81.0, 12.0)
        assert (gh.sharpness_ratio < limit) is smeared, (soft, gh.sharpness_ratio)


def test_a_wide_glyph_read_surely_as_a_character_is_no_symbol():
    from vincheck.rubbing.read import symbol_score

    glyphs = [Glyph(20 + 60 * i, 20, 20 + 60 * i + (70 if i == 0 else 50), 110, 900)
              for i in range(5)]  # glyph 0 as wide as a symbol (a bold, blurred L)
    assert symbol_score(glyphs, 0, {"L": 0.77, "1": 0.07}) < 0.5
    assert symbol_score(glyphs, 0, {"L": 0.30, "#": 0.2}) >= 0.8  # unsure: its shape counts


def test_glyphs_just_past_the_dark_band_count_only_on_graphite():
    from vincheck.rubbing import on_tape
    from vincheck.rubbing.locate import Strip

    crop = np.full((200, 1200), 240, np.uint8)  # paper
    crop[:, 200:1000] = 70  # the tape's dark band
    crop[40:160, 150:200] = 70  # a slanted tape end: graphite sticks out on the left
    m = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    corners = np.array([[0, 0], [1200, 0], [1200, 200], [0, 200]], np.float64)
    strip = Strip(crop, m, corners, 0.0, core_x=(200.0, 1000.0))
    inside = [Glyph(300 + 60 * i, 50, 340 + 60 * i, 150, 900) for i in range(5)]
    on_graphite = Glyph(160, 50, 200, 150, 900)   # centre 180: 20 px outside, dark below
    on_paper = Glyph(1005, 50, 1045, 150, 900)    # centre 1025: 25 px outside, on paper
    far = Glyph(60, 50, 100, 150, 900)             # centre 80: far outside
    kept = on_tape([far, on_graphite, *inside, on_paper], strip, inverted=True)
    assert kept == [on_graphite, *inside]
