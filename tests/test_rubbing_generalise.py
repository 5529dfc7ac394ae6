"""Issue 16, reading rubbings of unseen styles: RapidOCR's line reading outweighs the
glyph classifier, a dot-peen line is recognised and never passed unseen, and a solid end
mark joined to the tape's edge by a smudge is still found. Strips drawn with OpenCV
(tests/rubbing_drawn.py), engines canned."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.rubbing_drawn import DPI, VIN, CannedEngine, strip_image
from vincheck.finding_text import finding_sentence
from vincheck.findings import Status
from vincheck.imageio import from_array
from vincheck.rubbing import MIN_STRIP_HEIGHT_MM, MIN_STRIP_LEN_MM, check_sheet
from vincheck.rubbing.grid import DOT_PEEN_SHARE, dot_peen_share
from vincheck.rubbing.locate import locate_strips
from vincheck.rubbing.polarity import normalize_and_segment
from vincheck.rubbing.segment import segment_strip
from vincheck.settings import Settings
from vincheck.vin import compute_check_digit

VALID = VIN[:8] + compute_check_digit(VIN) + VIN[9:]


def _canned(name: str, text: str, conf: float) -> CannedEngine:
    eng = CannedEngine(text, conf=conf)
    eng.name = name
    return eng


def _unreadable(rb):
    return next(f for f in rb.findings if f.code == "unreadable")


@pytest.fixture(scope="module")
def solid() -> np.ndarray:
    return strip_image(VIN)


@pytest.fixture(scope="module")
def dotted() -> np.ndarray:
    return strip_image(VIN, dots=True)


def test_rapidocr_outweighs_the_glyph_classifier_where_they_differ(solid):
    # position 12 read surely but wrongly by the classifier, less surely right by RapidOCR
    wrong = VALID[:11] + ("7" if VALID[11] != "7" else "1") + VALID[12:]
    engines = [_canned("glyph", wrong, 0.9), _canned("rapidocr", VALID, 0.6)]
    rb = check_sheet(from_array(solid, dpi=DPI), Settings(), engines=engines).rubbings[0]
    assert rb.raw.strip("#") == VALID  # equal weights would keep the classifier's 0.9
    texts = _unreadable(rb).details["engine_texts"]
    assert texts == {"glyph": wrong, "rapidocr": VALID}


def _share(sheet: np.ndarray) -> float:
    ppm = DPI / 25.4
    st = locate_strips(sheet, MIN_STRIP_LEN_MM * ppm, MIN_STRIP_HEIGHT_MM * ppm)[0]
    nz, seg = normalize_and_segment(st.crop, st.core_x)
    return dot_peen_share(nz.image, seg)


def test_dot_peen_share_tells_dots_from_strokes(solid, dotted):
    assert _share(dotted) >= DOT_PEEN_SHARE > _share(solid)


def test_a_sure_valid_dot_peen_reading_goes_to_review(solid, dotted):
    for img, dots in ((solid, False), (dotted, True)):
        rb = check_sheet(from_array(img, dpi=DPI), Settings(),
                         engines=[CannedEngine(VALID, conf=0.99)]).rubbings[0]
        f = _unreadable(rb)
        assert rb.vin == VALID
        assert f.status is (Status.REVIEW if dots else Status.PASS)
        assert bool(f.details.get("dot_peen")) is dots
    assert "dot" in f.message and VALID in f.message
    assert "点阵" in finding_sentence(f, "zh")
    assert "dot peen" in finding_sentence(f, "en")


def test_a_solid_end_mark_in_a_smudge_at_the_tape_edge_is_kept():
    # a light strip (normalised: dark characters), a grey smudge from the top border under
    # the start mark: the plain threshold joins mark and smudge to the border
    norm = np.full((200, 2100), 225, np.uint8)
    cv2.rectangle(norm, (120, 0), (395, 199), 115, -1)
    mark = np.array([[270, 150], [310, 55], [350, 150]], np.int32)
    cv2.fillPoly(norm, [mark], 35)
    font = cv2.FONT_HERSHEY_SIMPLEX
    scale = cv2.getFontScaleFromHeight(font, 95, 10)
    for i, ch in enumerate(VALID):
        cv2.putText(norm, ch, (420 + 92 * i, 150), font, scale, 35, 10, cv2.LINE_AA)
    norm = cv2.GaussianBlur(norm, (0, 0), 1.2)
    seg = segment_strip(norm)
    first = seg.glyphs[0]
    assert first.x0 <= 285 and 335 <= first.x1 <= 420  # the triangle, not the smudge
    assert len(seg.glyphs) == 18


def test_engines_disputing_a_check_digit_twin_send_the_reading_to_review(solid):
    # position 7 is "1": the classifier reads J there (0.6, the same value in the
    # check-digit sum, so both readings are valid VINs); RapidOCR, weighted 4:1, reads 1
    # and carries the average (J keeps 0.12 of it, under the look-alike share)
    assert VALID[6] == "1"
    twin = VALID[:6] + "J" + VALID[7:]
    glyph = _canned("glyph", twin, 0.97)
    glyph.alts = {6: ("1", 0.6)}
    engines = [glyph, _canned("rapidocr", VALID, 0.97)]
    rb = check_sheet(from_array(solid, dpi=DPI), Settings(), engines=engines).rubbings[0]
    f = _unreadable(rb)
    assert f.status is Status.REVIEW and rb.vin in (None, VALID)
    assert _unreadable(rb).details["engine_texts"]["glyph"][6] == "J"
    # the same reading undisputed passes
    rb = check_sheet(from_array(solid, dpi=DPI), Settings(),
                     engines=[_canned("glyph", VALID, 0.97), _canned("rapidocr", VALID, 0.97)]
                     ).rubbings[0]
    assert _unreadable(rb).status is Status.PASS


def _line(widths: list[int], gaps: list[int], h: int = 100) -> list:
    from vincheck.rubbing.segment import Glyph

    out, x = [], 0
    for w, g in zip(widths, gaps, strict=True):
        out.append(Glyph(x, 0, x + w, h, w * h // 3))
        x += w + g
    return out


def test_a_wide_end_mark_cut_in_two_is_made_whole():
    from vincheck.rubbing.read import whole_end_marks

    # an oval emblem of 150 px cut at the pitch (no gap), 17 characters, a trailing mark
    # and one speck: 20 glyphs
    glyphs = _line([70, 80] + [65] * 17 + [60, 20], [0] + [20] * 19 + [0])
    whole = whole_end_marks(glyphs)
    assert len(whole) == len(glyphs) - 1
    assert (whole[0].x0, whole[0].x1) == (0, 150) and whole[1:] == glyphs[2:]
    # a line of 19 glyphs, or two narrow touching glyphs, is left alone
    assert whole_end_marks(glyphs[1:]) == glyphs[1:]
    narrow = _line([40, 40] + [65] * 18, [0] + [20] * 19)
    assert whole_end_marks(narrow) == narrow


def test_copies_that_differ_where_one_was_read_unsurely_go_to_review():
    from vincheck.findings import Finding, RubbingResult
    from vincheck.rubbing.judge_sheet import sheet_findings

    def copy(vin: str, status: Status) -> RubbingResult:
        return RubbingResult(box=(0.0,) * 8, vin=vin, confidence=0.9,
                             findings=[Finding("unreadable", status, measured=0.9, limit=0.6)])

    other = VALID[:3] + "0" + VALID[4:]
    sure = [copy(VALID, Status.PASS), copy(other, Status.PASS)]
    unsure = [copy(VALID, Status.PASS), copy(other, Status.REVIEW)]
    differ = {k: next(f for f in sheet_findings(c, None) if f.code == "copies_differ")
              for k, c in (("sure", sure), ("unsure", unsure))}
    assert differ["sure"].status is Status.FAIL
    assert differ["unsure"].status is Status.REVIEW
    assert sorted(differ["unsure"].measured) == sorted([VALID, other])
    assert "目视比对" in finding_sentence(differ["unsure"], "zh")


def test_dirt_before_the_start_mark_is_not_taken_for_the_mark():
    from vincheck.ocr.base import SYMBOL
    from vincheck.rubbing.read import _outside_symbols

    char = {"A": 0.99}
    dirt, mark = {SYMBOL: 0.55, "4": 0.2}, {SYMBOL: 0.8}
    # dirt, a star, 17 characters and no end mark: the dirt is beyond the line
    scores = [dirt, mark] + [char] * 17
    sym = [0.55, 0.8] + [0.0] * 17
    assert _outside_symbols(scores, sym) == (1, 19)
    # a mark at each end frames the line as it is
    scores = [mark] + [char] * 17 + [mark]
    assert _outside_symbols(scores, [0.8] + [0.0] * 17 + [0.8]) == (0, 19)
    # a last glyph read surely as a character but no mark-like second glyph: unchanged
    scores = [dirt] + [char] * 18
    assert _outside_symbols(scores, [0.55] + [0.0] * 18) == (0, 19)


def test_a_small_end_mark_half_a_character_high_stays_in_the_line():
    from vincheck.rubbing.segment import trim_outliers

    # a hexagon nut half a character high before 17 characters of 100 px
    glyphs = _line([50] + [65] * 17, [30] + [20] * 17)
    glyphs[0] = type(glyphs[0])(glyphs[0].x0, 25, glyphs[0].x1, 75, 50 * 50 // 2)
    kept = trim_outliers(glyphs, pitch=85.0)
    assert kept[0] == glyphs[0] and len(kept) == 18
    # a speck a third of a character high is still dropped
    glyphs[0] = type(glyphs[0])(glyphs[0].x0, 35, glyphs[0].x1, 68, 50 * 33 // 2)
    assert trim_outliers(glyphs, pitch=85.0)[0] == glyphs[1]


class _PerGlyph:
    """An engine answering a fixed distribution per glyph."""

    name = "per-glyph"

    def __init__(self, scores: list[dict]) -> None:
        self.scores = scores

    def read_glyphs(self, line, spans):
        assert len(spans) == len(self.scores)
        return [dict(s) for s in self.scores]


def test_a_short_round_end_mark_read_as_0_is_a_mark_not_a_character():
    from vincheck.ocr.base import SYMBOL
    from vincheck.rubbing import read as rd_mod
    from vincheck.rubbing.segment import Glyph, Segmentation

    # a star, 17 characters (one of them, a 7, read unsurely), a hexagon nut 0.6 of a
    # character high read surely as 0, and a speck on the tape beyond it
    glyphs = _line([60] + [65] * 17 + [62, 20], [20] * 20)
    hexagon = glyphs[18]
    glyphs[18] = Glyph(hexagon.x0, 20, hexagon.x1, 80, 62 * 60 // 2)
    glyphs[19] = Glyph(glyphs[19].x0, 35, glyphs[19].x1, 65, 20 * 30 // 2)
    scores = ([{SYMBOL: 0.9}] + [{c: 0.99} for c in VALID] + [{"0": 0.76, SYMBOL: 0.11},
                                                            {SYMBOL: 0.32}])
    scores[15] = {VALID[14]: 0.5, SYMBOL: 0.26}
    norm = np.full((100, glyphs[-1].x1 + 40), 255, np.uint8)
    seg = Segmentation(glyphs, np.zeros_like(norm), (0, 100))
    got = rd_mod.read_strip(norm, seg, [_PerGlyph(scores)])
    assert got.best_text == VALID
    assert got.start is glyphs[0] and got.raw.count("0") == VALID.count("0")
    # the same glyph as tall as the characters is a 0 (a round face's 0 stays a character)
    glyphs[18] = Glyph(hexagon.x0, 0, hexagon.x1, 100, 62 * 100 // 2)
    med_h = float(np.median([g.h for g in glyphs]))
    assert not rd_mod.short_round(glyphs[18], med_h)
    assert rd_mod.short_round(glyphs[0], med_h) is False


def test_a_strip_cut_in_pieces_by_a_pale_patch_is_found_whole():
    from vincheck.rubbing import locate

    sheet = strip_image(VIN).copy()
    tape = sheet < 150  # the dark strip (its light glyphs aside)
    ys, xs = np.nonzero(tape)
    x0, x1, h = xs.min(), xs.max(), ys.max() - ys.min()
    # a pale patch (as light as the paper) across the tape at 65 % of its length leaves a
    # piece too short for a strip on its own
    a = int(x0 + 0.65 * (x1 - x0))
    sheet[:, a:a + int(0.3 * h)] = np.where(tape[:, a:a + int(0.3 * h)], 236,
                                            sheet[:, a:a + int(0.3 * h)])
    strips = locate.find_strips(sheet)
    assert len(strips) == 1
    (_cx, _cy), length, _ht, _ang = strips[0]
    assert length >= 0.95 * (x1 - x0), (length, x1 - x0)
    # without the pieces' joining the strip ends at the patch
    saved = locate.PIECE_ASPECT
    try:
        locate.PIECE_ASPECT = 99.0
        assert locate.find_strips(sheet)[0][1] < 0.8 * (x1 - x0)
    finally:
        locate.PIECE_ASPECT = saved


def test_a_line_end_read_surely_as_a_character_is_not_taken_for_a_lost_mark():
    from vincheck.ocr.base import SYMBOL
    from vincheck.rubbing import read as rd_mod
    from vincheck.rubbing.segment import Glyph, Segmentation

    # a star, four characters, a thin sliver of dirt read unsurely as 1, the other 13
    # characters, and no end mark (lost at the tape's end): 19 glyphs
    glyphs = _line([60] + [65] * 4 + [20] + [65] * 13, [20] * 19)
    sliver = glyphs[5]
    glyphs[5] = Glyph(sliver.x0, 15, sliver.x1, 85, 20 * 70)
    scores = ([{SYMBOL: 0.87}] + [{c: 0.99} for c in VALID[:4]] + [{"1": 0.56, SYMBOL: 0.09}]
              + [{c: 0.99} for c in VALID[4:]])
    norm = np.full((100, glyphs[-1].x1 + 40), 255, np.uint8)
    seg = Segmentation(glyphs, np.zeros_like(norm), (0, 100))
    got = rd_mod.read_strip(norm, seg, [_PerGlyph(scores)])
    assert got.best_text == VALID
    assert got.start is glyphs[0] and got.end is None
    # with a mark-like last glyph both ends are still the marks
    scores[-1] = {SYMBOL: 0.7, VALID[-1]: 0.2}
    got = rd_mod.read_strip(norm, seg, [_PerGlyph(scores)])
    assert got.end is glyphs[-1] and len(got.chars) == 17


def test_pieces_join_their_strip_in_any_order_and_others_stay_apart():
    from vincheck.rubbing.locate import _absorb_pieces

    def part(x: float, y: float, length: float, height: float = 100.0, angle: float = 0.0):
        return [np.array([x, y]), length, height, angle]

    strip = part(500.0, 300.0, 600.0)  # x 200-800
    pieces = [part(500.0, 900.0, 200.0),  # another strip's piece, far below
              part(1010.0, 300.0, 160.0),  # beyond the next piece: joins second
              part(860.0, 302.0, 100.0),  # right after the strip (gap 10 px)
              part(100.0, 300.0, 120.0, height=40.0)]  # on the axis but far too thin
    (got,) = _absorb_pieces([strip], pieces)
    assert got[1] == pytest.approx(890.0) and got[0][0] == pytest.approx(645.0)
    assert len(pieces) == 4  # the caller's list is left as it was
