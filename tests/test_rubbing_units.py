"""Unit tests of the rubbing pipeline on small arrays whose answer is known by
construction, and the OCR-engine interface with canned and crashing engines."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.rubbing_drawn import (
    DPI,
    FONT,
    PX_MM,
    VIN,
    CannedEngine,
    CrashingEngine,
    wrong_check,
)
from tests.rubbing_drawn import strip_image as _strip_image
from vincheck.cancel import CancelToken
from vincheck.errors import Cancelled, OcrEngineError, TesseractNotFoundError
from vincheck.findings import Status
from vincheck.imageio import from_array
from vincheck.ocr.base import SYMBOL, OcrEngine, combine, fold_char
from vincheck.ocr.rapid_engine import align_to_spans
from vincheck.rubbing import check_sheet, select_engines
from vincheck.rubbing.locate import find_strips, locate_strips
from vincheck.rubbing.measure import (
    cepstral_echo,
    line_geometry,
    rolling_median,
    theil_sen_slope,
)
from vincheck.rubbing.normalize import characters_are_light, normalize_strip
from vincheck.rubbing.segment import Glyph, merge_fragments, segment_strip
from vincheck.settings import Settings
from vincheck.vin import compute_check_digit


@pytest.fixture(scope="module")
def straight() -> np.ndarray:
    return _strip_image(VIN)


def test_locate_recovers_rotation_and_outline():
    for angle in (-12.0, 0.0, 9.0):
        gray = _strip_image(VIN, angle=angle)
        strips = find_strips(gray)
        assert len(strips) == 1
        _, length, height, ang = strips[0]
        # cv2 angle is counter-clockwise; ours is image y-down clockwise
        assert abs(ang + angle) < 1.0
        assert length > 5 * height


def test_locate_grows_over_a_pale_end_and_finds_a_faint_strip():
    """A strip whose right third is rubbed lightly (paler than the dark-mask threshold) is
    found at its full length, once; a faint strip elsewhere is found by the second pass;
    a thin printed frame the tape lies across does not hide it."""
    sheet = np.full((900, 2400), 244, np.uint8)
    sheet[150:330, 200:1500] = 80          # dark part of strip 1
    sheet[150:330, 1500:2150] = 205        # lightly rubbed end (39 levels below paper)
    sheet[560:740, 300:2000] = 212         # a faint strip (32 below paper)
    cv2.rectangle(sheet, (100, 60), (2300, 850), 150, 2)  # printed frame
    sheet[150:330, 2148:2152] = 150        # the frame line crossing the tape's end
    found = find_strips(sheet, 40 * PX_MM, 8 * PX_MM)
    assert len(found) == 2
    (c1, len1, h1, _), (c2, len2, _, _) = found
    assert abs(len1 - 1950) < 0.04 * 1950 and abs(c1[0] - 1175) < 40
    assert abs(h1 - 180) < 20
    assert abs(len2 - 1700) < 0.04 * 1700 and abs(c2[1] - 650) < 20


def test_merge_fragments_joins_a_split_character_only():
    ink = np.ones((100, 400), np.uint8)
    # an X of a dot-matrix font falls into two halves 6 px apart; "11" stays two glyphs
    halves = [Glyph(10, 10, 30, 90, 800), Glyph(36, 10, 56, 90, 800)]
    ones = [Glyph(100, 10, 118, 90, 700), Glyph(160, 10, 178, 90, 700)]
    full = [Glyph(220, 10, 266, 90, 1500)]
    out = merge_fragments(halves + ones + full, typ_w=46, pitch=60, ink=ink)
    assert [(g.x0, g.x1) for g in out] == [(10, 56), (100, 118), (160, 178), (220, 266)]


def test_faint_character_in_the_line_is_not_lost():
    """One lightly stamped character (half the contrast of the others) is still a glyph."""
    norm = np.full((200, 1400), 230, np.uint8)
    for i in range(17):
        x = 60 + i * 75
        level = 150 if i == 8 else 20
        cv2.rectangle(norm, (x, 60), (x + 14, 140), level, -1)   # stem
        cv2.rectangle(norm, (x, 60), (x + 45, 74), level, -1)    # top bar
        cv2.rectangle(norm, (x, 126), (x + 45, 140), level, -1)  # bottom bar
    seg = segment_strip(norm)
    assert len(seg.glyphs) == 17
    assert abs(seg.glyphs[8].cx - (60 + 8 * 75 + 22)) < 10


def test_doubled_impression_keeps_its_polarity():
    for ghost_mm in (0.8, 1.5):
        strip = locate_strips(_strip_image(VIN, ghost_mm=ghost_mm))[0]
        assert characters_are_light(strip.crop)
        assert not characters_are_light(255 - strip.crop)


def test_polarity_and_normalisation(straight):
    strip = locate_strips(straight)[0]
    assert characters_are_light(strip.crop)
    norm = normalize_strip(strip.crop)
    assert norm.inverted
    assert not characters_are_light(norm.image)  # dark characters on light now
    assert strip.crop is not norm.image


def test_segmentation_finds_17_characters_and_two_symbols(straight):
    strip = locate_strips(straight)[0]
    seg = segment_strip(normalize_strip(strip.crop).image)
    assert len(seg.glyphs) == 19
    hs = [g.h for g in seg.glyphs[1:-1]]
    ch = 8.0 * PX_MM
    canvas = np.zeros((300, 300), np.uint8)
    cv2.putText(canvas, "8", (50, 200), FONT, cv2.getFontScaleFromHeight(FONT, int(ch), 3),
                255, max(2, int(ch / 9)), cv2.LINE_AA)
    drawn_h = cv2.boundingRect(cv2.findNonZero((canvas > 127).astype(np.uint8)))[3]
    assert abs(np.median(hs) - drawn_h) < 0.1 * drawn_h


def test_geometry_measures_height_pitch_and_slant():
    for shear, want in ((0.0, 0.0), (12.0, 12.0)):
        gray = _strip_image(VIN, shear=shear)
        strip = locate_strips(gray)[0]
        seg = segment_strip(normalize_strip(strip.crop).image)
        geo = line_geometry(seg.glyphs[1:-1], seg.ink)
        assert abs(geo.pitch_px - 0.8 * 8.0 * PX_MM) < 0.05 * 8.0 * PX_MM
        assert abs(abs(geo.slant_deg) - want) < 3.0
        if not shear:
            assert geo.pitch_spread < 0.1 and geo.height_spread < 0.1


def test_robust_statistics():
    v = np.array([10, 10, 30, 10, 10], float)
    assert rolling_median(v).max() == 10  # one outlier is not a run
    assert theil_sen_slope(np.arange(10) * 2.0 + 5) == pytest.approx(2.0)


def test_cepstral_echo_finds_a_doubled_pattern():
    rng = np.random.default_rng(3)
    base = np.zeros((120, 400))
    for _ in range(60):
        x, y = rng.integers(10, 380), rng.integers(10, 110)
        cv2.circle(base, (int(x), int(y)), 3, 1.0, -1)
    doubled = np.maximum(base, 0.5 * np.roll(base, 11, axis=1))
    score, dx, dy = cepstral_echo(doubled, 4, 30)
    assert abs(abs(dx) - 11) <= 1 and abs(dy) <= 1 and score > 5
    score0, _, _ = cepstral_echo(base, 4, 30)
    assert score0 < score


def test_alignment_and_folding():
    spans = [(0, 10), (10, 20), (20, 30)]
    assert align_to_spans([5, 25], spans) == [0, None, 1]
    assert align_to_spans([4, 15, 16, 26], spans)[0] == 0
    assert fold_char("O") == "0" and fold_char("I") == "1" and fold_char("★") == SYMBOL
    assert fold_char(" ") is None
    merged = combine([{"A": 1.0}, {"A": 0.5, "B": 0.5}])
    assert merged == pytest.approx({"A": 0.75, "B": 0.25})


def test_canned_engine_is_an_engine():
    assert isinstance(CannedEngine(VIN), OcrEngine)


def test_stamped_invalid_is_reported_as_stamped(straight):
    valid = VIN[:8] + compute_check_digit(VIN) + VIN[9:]
    bad = wrong_check(valid)
    sheet = check_sheet(from_array(straight, dpi=DPI), Settings(), engines=[CannedEngine(bad)])
    rb = sheet.rubbings[0]
    assert rb.vin == bad  # as stamped, never corrected
    f = next(f for f in rb.findings if f.code == "check_digit")
    assert f.status in (Status.FAIL, Status.REVIEW)
    assert f.measured == bad[8] and f.limit == compute_check_digit(bad)
    assert str(sheet.verdict) != "pass"


def test_valid_reading_passes_and_plausible_repair(straight):
    valid = VIN[:8] + compute_check_digit(VIN) + VIN[9:]
    sheet = check_sheet(from_array(straight, dpi=DPI), Settings(),
                        engines=[CannedEngine(valid)])
    rb = sheet.rubbings[0]
    assert rb.vin == valid
    assert next(f for f in rb.findings if f.code == "check_digit").status is Status.PASS
    assert [c.char for c in rb.chars] == list(valid)
    # position 12 misread as a wrong digit with the right one as a strong alternative
    wrong = "7" if valid[11] != "7" else "1"
    misread = valid[:11] + wrong + valid[12:]
    eng = CannedEngine(misread, alts={11: (valid[11], 0.55)})
    rb2 = check_sheet(from_array(straight, dpi=DPI), Settings(), engines=[eng]).rubbings[0]
    if rb2.vin is not None:  # repaired: must be the VIN on the tape, flagged if unlikely
        assert rb2.vin == valid
    un = next(f for f in rb2.findings if f.code == "unreadable")
    assert un.status is not Status.FAIL


def test_crashing_engine_falls_back_or_raises(straight):
    valid = VIN[:8] + compute_check_digit(VIN) + VIN[9:]
    img = from_array(straight, dpi=DPI)
    sheet = check_sheet(img, Settings(), engines=[CrashingEngine(), CannedEngine(valid)])
    rb = sheet.rubbings[0]
    assert rb.vin == valid
    details = next(f for f in rb.findings if f.code == "unreadable").details
    assert details["engines"] == ["canned"] and "crashed" in details["engine_errors"][0]
    with pytest.raises(OcrEngineError):
        check_sheet(img, Settings(), engines=[CrashingEngine()])


def test_cancel_stops_between_stages(straight):
    token = CancelToken()
    token.cancel()
    eng = CannedEngine(VIN)
    with pytest.raises(Cancelled):
        check_sheet(from_array(straight, dpi=DPI), Settings(), cancel=token, engines=[eng])
    assert eng.calls == 0


def test_no_engine_gives_install_advice(monkeypatch):
    import vincheck.rubbing as rub

    def missing(name, settings):
        raise (TesseractNotFoundError if name == "tesseract" else OcrEngineError)(
            f"{name} missing")

    monkeypatch.setattr(rub, "_make_engine", missing)
    with pytest.raises(TesseractNotFoundError) as exc:
        select_engines(Settings())
    assert "install" in str(exc.value).lower()


def test_missing_tesseract_with_rapidocr_still_reads(monkeypatch):
    import vincheck.rubbing as rub

    real = rub._make_engine

    def no_tesseract(name, settings):
        if name == "tesseract":
            raise TesseractNotFoundError("Tesseract OCR was not found; install it")
        return real(name, settings)

    monkeypatch.setattr(rub, "_make_engine", no_tesseract)
    engines, notes = select_engines(Settings(), "both")
    assert [e.name for e in engines] == ["rapidocr"]
    assert notes and "tesseract" in notes[0]
