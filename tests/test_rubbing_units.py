"""Unit tests of the rubbing pipeline on small arrays whose answer is known by
construction, and the OCR-engine interface with canned and crashing engines."""

from __future__ import annotations

import math

import cv2
import numpy as np
import pytest

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

FONT = cv2.FONT_HERSHEY_SIMPLEX
DPI = 300
PX_MM = DPI / 25.4


def _strip_image(text: str, h_mm: float = 8.0, angle: float = 0.0, shear: float = 0.0,
                 ghost_mm: float = 0.0, seed: int = 0) -> np.ndarray:
    """A sheet with one dark strip carrying light glyphs: ``text`` between two filled
    diamonds (the end symbols), drawn with cv2 (no generator involved)."""
    rng = np.random.default_rng(seed)
    ch = h_mm * PX_MM
    pitch = 0.8 * ch
    n = len(text) + 2
    w = int(pitch * n + 4 * ch)
    h = int(2.6 * ch)
    strip8 = np.zeros((h, w), np.uint8)
    scale = cv2.getFontScaleFromHeight(FONT, int(ch), 3)
    thick = max(2, int(ch / 9))
    y = int(h / 2 + ch / 2)
    x = 2 * ch
    for i in range(n):
        cx = int(x + i * pitch)
        if i in (0, n - 1):
            r = ch * 0.45
            pts = np.array([[cx + r * 0.8, y - ch / 2 - r], [cx + 1.6 * r, y - ch / 2],
                            [cx + r * 0.8, y - ch / 2 + r], [cx, y - ch / 2]], np.int32)
            cv2.fillPoly(strip8, [pts], 255)
        else:
            cv2.putText(strip8, text[i - 1], (cx, y), FONT, scale, 255, thick, cv2.LINE_AA)
    strip = strip8.astype(np.float32) / 255.0
    if shear:
        t = math.tan(math.radians(shear))
        m = np.array([[1, -t, t * h / 2], [0, 1, 0]], np.float32)
        strip = cv2.warpAffine(strip, m, (w, h))
    if ghost_mm:
        m = np.array([[1, 0, ghost_mm * PX_MM], [0, 1, 0]], np.float32)
        strip = np.maximum(strip, 0.55 * cv2.warpAffine(strip, m, (w, h)))
    tape = 70 + rng.normal(0, 8, (h, w))
    img = tape * (1 - strip) + 215 * strip
    sheet = np.full((h + 600, w + 600), 244.0)
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    m[:, 2] += (300, 300)
    warped = cv2.warpAffine(img.astype(np.float32), m, (w + 600, h + 600), borderValue=-1)
    sheet = np.where(warped >= 0, warped, sheet)
    return np.clip(sheet, 0, 255).astype(np.uint8)


VIN = "LSVAU2180N2183594"


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


class CannedEngine:
    """Returns fixed readings: symbols at both ends, ``text`` in between (one char per
    glyph), each with ``conf`` and an optional alternative per position."""

    name = "canned"

    def __init__(self, text: str, conf: float = 0.97, alts: dict | None = None) -> None:
        self.text, self.conf, self.alts = text, conf, alts or {}
        self.calls = 0

    def read_glyphs(self, line, spans):
        self.calls += 1
        out = []
        for i in range(len(spans)):
            if i == 0 or i == len(spans) - 1:
                out.append({SYMBOL: 0.99})
                continue
            k = i - 1
            ch = self.text[k] if k < len(self.text) else "0"
            d = {ch: self.conf}
            if k in self.alts:
                d = {ch: self.alts[k][1], self.alts[k][0]: 1.0 - self.alts[k][1]}
            out.append(d)
        return out


class CrashingEngine:
    name = "crash"

    def read_glyphs(self, line, spans):
        raise OcrEngineError("the engine crashed")


def _wrong_check(vin: str) -> str:
    good = compute_check_digit(vin)
    return vin[:8] + ("1" if good != "1" else "2") + vin[9:]


def test_canned_engine_is_an_engine():
    assert isinstance(CannedEngine(VIN), OcrEngine)


def test_stamped_invalid_is_reported_as_stamped(straight):
    valid = VIN[:8] + compute_check_digit(VIN) + VIN[9:]
    bad = _wrong_check(valid)
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
    bad = _wrong_check(valid)
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
