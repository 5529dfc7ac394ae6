"""The "measured / limit" cells of the checklist and the report say something for every
reason code: no "yes / yes" (a start symbol: "present / required"), no "none / none" (a
vehicle not cut off), no "0 / 0" (no plate visible), ranges as "lo–hi"; in Chinese and
English."""

from __future__ import annotations

import pytest

from tests.test_export import needs_poppler, pdf_text
from vincheck import rules
from vincheck.finding_text.values import limit_text, measured_text
from vincheck.findings import CaseResult, Finding, RubbingResult, SheetResult
from vincheck.findings import Status as S

# one finding per code and status, with the shapes of measured / limit the core gives
# them (vincheck/rubbing/judge*.py, vincheck/photo, vincheck/inspection.py)
SAMPLES = [
    Finding("custom_limits", S.REVIEW,
            {"rubbing.min_char_height_mm": 6.0},
            {"rubbing.min_char_height_mm": 7.0}),
    Finding("expected_vin", S.FAIL, "LSVAM4180C218453", "valid 17-character VIN"),
    Finding("missing_rubbing", S.FAIL, 0, ">= 1 sheet"),
    Finding("missing_photo", S.FAIL, 0, ">= 1 photo"),
    Finding("rubbing_count", S.REVIEW, 1, 2),
    Finding("copies_differ", S.FAIL, ["A", "B"], "one VIN on every sheet"),
    Finding("copies_differ", S.PASS, ["A"], "one VIN"),
    Finding("input_error", S.FAIL, None, None),
    Finding("fill_ratio", S.REVIEW, None, [0.55, 0.8], "ratio"),
    Finding("fill_ratio", S.PASS, 0.62, [0.55, 0.8], "ratio"),
    Finding("vehicle_cut_off", S.REVIEW, None, [], ""),
    Finding("vehicle_cut_off", S.FAIL, ["left", "top"], [], ""),
    Finding("vehicle_cut_off", S.PASS, [], [], ""),
    Finding("plate_visible", S.FAIL, 1, 0, ""),
    Finding("plate_visible", S.REVIEW, 0, 0, ""),
    Finding("plate_visible", S.PASS, 0, 0, ""),
    Finding("blurry", S.REVIEW, None, 2.0, "px"),
    Finding("blurry", S.PASS, 1.2, 2.0, "px"),
    Finding("exposure", S.PASS,
            {"mean_luma": 120, "clipped_low": 0.01, "clipped_high": 0.02},
            {"min": 60, "max": 200, "max_clipped_share": 0.1}),
    Finding("angle", S.PASS, 44.0, [30.0, 60.0], "deg"),
    Finding("color_mismatch", S.REVIEW, None, "红"),
    Finding("color_mismatch", S.PASS, "红", None),
    Finding("color_mismatch", S.PASS, "红", "红"),
    Finding("size", S.REVIEW, None, {"width": 88, "height": 60, "tolerance": 1}, "mm"),
    Finding("size", S.PASS,
            {"width": 88.1, "height": 60.0},
            {"width": 88, "height": 60, "tolerance": 1},
            "mm"),
    Finding("corner_radius", S.SKIPPED, None, {"radius": 4, "tolerance": 0.1}, "mm"),
    Finding("corner_radius", S.REVIEW, [3.95, None, 4.0, 4.05], {"radius": 4, "tolerance": 0.1},
            "mm"),
    Finding("aspect", S.PASS, 1.4667, 1.4667, "ratio"),
    Finding("no_rubbing", S.FAIL, 0, ">= 1", "strips"),
    Finding("no_rubbing", S.PASS, 2, ">= 1", "strips"),
    Finding("vin_mismatch", S.FAIL, ["LSVAM4180C2184531"], "LSVAM4180C2184530"),
    Finding("vin_mismatch", S.SKIPPED, None, "LSVAM4180C2184530"),
    Finding("vin_mismatch", S.PASS, "LSVAM4180C2184530", "LSVAM4180C2184530"),
    Finding("ocr_engine", S.PASS, ["glyph", "rapidocr"], None),
    Finding("dpi", S.SKIPPED, None, "known DPI"),
    Finding("unreadable", S.FAIL, 0, 17, "characters"),
    Finding("unreadable", S.FAIL, 0.6, 0.5, "share of characters"),
    Finding("unreadable", S.PASS, 0.72, 0.6, "ratio"),
    Finding("truncated", S.PASS, 17, 17, "characters"),
    Finding("missing_start_symbol", S.PASS, True, True),
    Finding("missing_start_symbol", S.FAIL, False, True),
    Finding("missing_end_symbol", S.SKIPPED, None, None),
    Finding("char_too_small", S.PASS, 8.38, 7.0, "mm"),
    Finding("check_digit", S.FAIL, "5", "0"),
    Finding("check_digit", S.PASS, "0", "not required"),
    Finding("check_digit", S.PASS, "0", "0"),
    Finding("deformed", S.PASS,
            {"pitch_spread": 0.006, "height_spread": 0.01, "slant_deg": -0.1, "aspect": 0.61},
            {"pitch_spread": 0.16, "height_spread": 0.16, "slant_deg": 6, "aspect": [0.35, 1.05]},
            "ratio"),
    Finding("shifted", S.PASS,
            {"ghost_offset": 0.0, "ghost_score": 0.1, "ghost_dx_px": 0, "ghost_dy_px": 0,
             "sharpness_ratio": 0.9},
            {"ghost_offset": 0.4, "ghost_score": 0.22, "sharpness_ratio": 0.75}),
]

BARE = {"是", "否", "yes", "no", "none", "true", "false", "True", "False"}


def test_every_reason_code_has_a_sample() -> None:
    assert set(rules.RULES) <= {f.code for f in SAMPLES}


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_no_cell_is_a_bare_word(lang: str) -> None:
    for f in SAMPLES:
        cells = (measured_text(f, lang), limit_text(f, lang))
        assert not BARE & set(cells), (f.code, f.status, cells)
        assert cells != ("无", "无"), (f.code, f.status)  # "none / none"


@pytest.mark.parametrize(("code", "measured", "limit", "zh", "en"), [
    ("missing_start_symbol", True, True, ("有", "应有"), ("present", "required")),
    ("missing_end_symbol", False, True, ("无", "应有"), ("absent", "required")),
    ("vehicle_cut_off", [], [], ("未截断", "不得截断"), ("not cut off", "none allowed")),
    ("vehicle_cut_off", ["left"], [], ("左被截断", "不得截断"), ("cut off at left",
                                                              "none allowed")),
    ("plate_visible", 0, 0, ("无号牌可见", "不得有号牌可见"), ("no plate visible",
                                                          "none allowed")),
    ("plate_visible", 2, 0, ("2 块号牌可见", "不得有号牌可见"), ("2 plate(s) visible",
                                                            "none allowed")),
    ("check_digit", "7", "0", ("7", "应为 0"), ("7", "should be 0")),
    ("rubbing_count", 1, 2, ("1 份拓印", "2 份拓印"), ("1 rubbing(s)", "2 rubbing(s)")),
])
def test_words_for_values_that_say_nothing_alone(code, measured, limit, zh, en) -> None:
    f = Finding(code, S.PASS, measured, limit)
    assert (measured_text(f, "zh_CN"), limit_text(f, "zh_CN")) == zh
    assert (measured_text(f, "en"), limit_text(f, "en")) == en


def test_a_range_limit_reads_lo_to_hi() -> None:
    assert limit_text(Finding("angle", S.PASS, 44.0, [30.0, 60.0], "deg"), "en") == "30°–60°"
    assert limit_text(Finding("fill_ratio", S.PASS, 0.6, [0.55, 0.8], "ratio"),
                      "zh_CN") == "55%–80%"


def _symbol_result() -> CaseResult:
    rubbing = RubbingResult(box=(0, 0, 10, 0, 10, 5, 0, 5), vin="LSVAM4180C2184530",
                            confidence=0.9, findings=[
                                Finding("missing_start_symbol", S.PASS, True, True),
                                Finding("missing_end_symbol", S.FAIL, False, True)])
    return CaseResult(expected_vin="LSVAM4180C2184530", kind="car", color=None,
                      sheets=[SheetResult(file="sheet.png", rubbings=[rubbing])])


def test_checklist_rows_read_present_and_required(qtbot, chinese) -> None:
    from vincheck.gui.checklist import Checklist, build_groups

    result = _symbol_result()
    view = Checklist()
    qtbot.addWidget(view)
    view.show_groups(build_groups(result), [])
    cells = {view.entries[k].finding.code: item.text(2)
             for k, item in _items(view).items()}
    assert cells["missing_start_symbol"] == "有  /  应有"
    assert cells["missing_end_symbol"] == "无  /  应有"


def _items(view) -> dict:  # noqa: ANN001
    out = {}
    for i in range(view.topLevelItemCount()):
        top = view.topLevelItem(i)
        for j in range(top.childCount()):
            from vincheck.gui.checklist import KEY_ROLE

            out[top.child(j).data(0, KEY_ROLE)] = top.child(j)
    return out


@needs_poppler
@pytest.mark.parametrize(("lang", "words"), [("zh_CN", ("有", "应有")),
                                             ("en", ("present", "required", "absent"))])
def test_report_rows_read_present_and_required(tmp_path, lang, words) -> None:
    from vincheck.export import write_case_pdf

    text = pdf_text(write_case_pdf(_symbol_result(), None, tmp_path / "r.pdf", lang=lang))
    for w in words:
        assert w in text
    assert " 是 " not in text and " yes " not in text


def test_ocr_engines_are_named_not_coded() -> None:
    from vincheck.finding_text import explanation

    f = Finding("ocr_engine", S.PASS, ["glyph", "rapidocr"], None)
    assert "本项目字形分类器、RapidOCR" in explanation(f, "zh_CN")
    assert "own glyph classifier, RapidOCR" in explanation(f, "en")
    assert measured_text(f, "en") == "own glyph classifier, RapidOCR"
