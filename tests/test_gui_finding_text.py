"""Findings read in the UI language with their values: per-code templates from code,
status, measured, limit and unit; Chinese in the zh_CN UI, English in the English UI,
the core's English message kept in the tooltip; unknown codes and shapes fall back."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from tests.gui_support import VIN, fake_result  # noqa: E402
from vincheck.finding_text import BUILDERS  # noqa: E402
from vincheck.findings import Finding, PlateRead, Status  # noqa: E402
from vincheck.gui import texts  # noqa: E402
from vincheck.gui.texts import finding_sentence  # noqa: E402
from vincheck.settings import PhotoSettings, Settings  # noqa: E402

CJK = re.compile(r"[\u4e00-\u9fff]")
OTHER_VIN = "LSVAM4180C2184531"

RUBBING_CODES = {"unreadable", "check_digit", "missing_start_symbol", "missing_end_symbol",
                 "truncated", "deformed", "shifted", "char_too_small", "copies_differ",
                 "vin_mismatch", "no_rubbing", "dpi"}
PHOTO_CODES = {"size", "corner_radius", "aspect", "plate_visible", "fill_ratio",
               "vehicle_cut_off", "angle", "blurry", "exposure", "color_mismatch"}



def core_findings() -> list[tuple[Finding, list[str]]]:
    """Findings of every code (several statuses) and the value texts each sentence must
    show. Photo findings and the sheet's come from the core's own judges; the rubbing
    rules are private to the judge, so they are built with its shapes
    (``vincheck/rubbing/judge.py``)."""
    from vincheck.findings import RubbingResult
    from vincheck.photo.color import BodyColor, judge_color
    from vincheck.photo.plates import judge_plates
    from vincheck.photo.quality import Quality, judge_quality
    from vincheck.photo.vehicle import VehicleRegion, judge_vehicle
    from vincheck.photo.view import ViewEstimate, judge_view
    from vincheck.rubbing.judge import sheet_findings

    ps = PhotoSettings()
    out: list[tuple[Finding, list[str]]] = []
    # --- photo, from the judges
    sharp, dull = judge_quality(Quality(0.8, 900.0, 128.0, 0.0, 0.0), ps), \
        judge_quality(Quality(ps.max_edge_blur_px + 2.5, 10.0, 20.0, 0.4, 0.0), ps)
    out.append((sharp[0], ["0.8 px"]))
    out.append((dull[0], [f"{ps.max_edge_blur_px + 2.5:.1f} px"]))
    out.append((sharp[1], ["128"]))
    out.append((dull[1], ["40%", "20"]))
    burnt = judge_quality(Quality(0.8, 900.0, 128.0, 0.0, 0.3, clip_region=(10, 10, 80, 60)), ps)
    out.append((burnt[1], ["30%"]))
    small = VehicleRegion((10, 10, 50, 40), 0.21, None, ["left", "bottom"], 0.9)
    fill, cut = judge_vehicle(small, (200, 150), ps)
    out.append((fill, ["21%"]))
    out.append((cut, []))
    ok_fill, ok_cut = judge_vehicle(VehicleRegion((10, 10, 150, 100), 0.65, None, [], 0.9),
                                    (200, 150), ps)
    out.append((ok_fill, ["65%"]))
    out.append((ok_cut, []))
    none_fill, none_cut = judge_vehicle(None, (200, 150), ps)
    out.append((none_fill, []))
    out.append((none_cut, []))
    out.append((judge_view(ViewEstimate("rear-left", 130.0, 0.9), "car", ps), ["130°"]))
    out.append((judge_view(ViewEstimate("front-left", 47.0, 0.9), "car", ps), ["47°"]))
    out.append((judge_view(ViewEstimate("front-left", 40.0, 0.1), "car", ps), ["40°"]))
    side_on = {"side_on_wheels": {"ratios": [0.86, 0.88], "angle_deg": 61.0}}
    out.append((judge_view(ViewEstimate("front-left", 62.0, 0.3, side_on, source="head"),
                           "car", ps), ["62°"]))
    ends = {"end_disagreement": {"head": "front", "lamps": "rear"}}
    out.append((judge_view(ViewEstimate("front-left", 34.0, 0.3, ends, source="head"),
                           "car", ps), ["34°"]))
    out.append((judge_color(BodyColor("蓝", 0.95), "红", ps), []))
    out.append((judge_color(BodyColor("红", 0.95), "红", ps), []))
    out.append((judge_color(BodyColor(None, 0.0), "红", ps), []))
    grey = BodyColor(None, 0.0, greyscale=True)
    out.append((judge_color(grey, "红", ps), []))
    out.append((judge_color(grey, None, ps, scanned=True), []))
    box = (0, 0, 10, 0, 10, 5, 0, 5)
    out.append((judge_plates([PlateRead(box, "京A12345", 0.9),
                              PlateRead(box, "沪B54321", 0.8)], ps), ["2"]))
    out.append((judge_plates([], ps), []))
    # --- photo print format (shapes of vincheck/photo/print_format.py)
    size_lim = {"width": 88.0, "height": 60.0, "tolerance": 0.5}
    r_lim = {"radius": 4.0, "tolerance": 0.5}
    aspect_lim = {"nominal": 1.4667, "min": 1.4463, "max": 1.4874}
    out.append((Finding("size", Status.FAIL, {"width": 91.3, "height": 60.2}, size_lim, "mm",
                        "print measures 91.30 x 60.20 mm"), ["91.3", "60.2", "88", "0.5"]))
    out.append((Finding("size", Status.REVIEW, None, size_lim, "mm", "could not be measured"),
                ["88"]))
    out.append((Finding("corner_radius", Status.FAIL, [4.1, 2.2, 4.0, 3.9], r_lim, "mm",
                        "corner radius out of tolerance at top_right"), ["2.2", "4"]))
    out.append((Finding("corner_radius", Status.REVIEW, [4.1, None, 4.0, 3.9], r_lim, "mm",
                        "could not fit the corner(s): top_right"), []))
    out.append((Finding("aspect", Status.FAIL, 1.3333, aspect_lim, "ratio", "aspect"),
                ["1.333", "1.446", "1.487"]))
    # --- rubbing sheet, from the judge
    r_ok = RubbingResult(box=(), vin=VIN, confidence=0.9)
    r_other = RubbingResult(box=(), vin=OTHER_VIN, confidence=0.9)
    for f in sheet_findings([r_ok, r_other], VIN):
        out.append((f, [OTHER_VIN] if f.code != "no_rubbing" else ["2"]))
    for f in sheet_findings([r_ok, RubbingResult(box=(), vin=VIN, confidence=0.9)], VIN):
        out.append((f, [VIN] if f.code != "no_rubbing" else ["2"]))
    out.extend((f, []) for f in sheet_findings([], VIN))
    # --- rubbing strip (shapes of vincheck/rubbing/judge.py)
    out += [
        (Finding("unreadable", Status.REVIEW, 0.41, 0.6, "ratio", "position(s) 6 unsure"),
         ["0.41", "0.60"]),
        (Finding("unreadable", Status.FAIL, 0.5, 0.3, "share of characters",
                 "the VIN cannot be read"), ["50%", "30%"]),
        (Finding("unreadable", Status.FAIL, 0, 17, "characters", "no characters"), []),
        (Finding("truncated", Status.FAIL, 14, 17, "characters", "only 14 of 17"),
         ["14", "17"]),
        (Finding("check_digit", Status.FAIL, "7", "0", "", "check digit is '7'"), ["7", "0"]),
        (Finding("check_digit", Status.REVIEW, "7", "0", "", "or misread"), ["7", "0"]),
        (Finding("missing_start_symbol", Status.FAIL, False, True, "", "no start symbol"), []),
        (Finding("missing_end_symbol", Status.FAIL, False, True, "", "no end symbol"), []),
        (Finding("missing_end_symbol", Status.PASS, True, True, "", "end symbol present"), []),
        (Finding("char_too_small", Status.FAIL, 6.23, 7.0, "mm", "characters are 6.2 mm high, "
                 "below the 7.0 mm minimum"), ["6.2 mm", "7.0 mm"]),
        (Finding("deformed", Status.FAIL,
                 {"pitch_spread": 0.21, "height_spread": 0.04, "slant_deg": 6.5,
                  "aspect": 0.62, "pitch_mm": 9.1, "height_mm": 8.0},
                 {"pitch_spread": 0.12, "height_spread": 0.1, "slant_deg": 4.0,
                  "aspect": [0.4, 0.9]}, "ratio", "deformed: uneven pitch"),
         ["21%", "12%", "6.5°"]),
        (Finding("shifted", Status.FAIL,
                 {"ghost_offset": 0.8, "ghost_score": 3.0, "ghost_dx_px": 9.0,
                  "ghost_dy_px": 0.0, "sharpness_ratio": 0.9},
                 {"ghost_offset": 0.3, "ghost_score": 2.0, "sharpness_ratio": 0.5}, "mm",
                 "doubled impression offset by 0.80 mm"), ["0.80 mm", "0.30 mm"]),
        (Finding("dpi", Status.SKIPPED, None, "known DPI", "", "DPI unknown: the scan carries "
                 "no resolution"), ["DPI"]),
        (Finding("ocr_engine", Status.PASS, ["rapidocr"], None, "",
                 "read with rapidocr; not available: tesseract"), ["RapidOCR"]),  # its name
    ]
    return out


FINDINGS = core_findings()


def _allowed_latin(f: Finding, needles: list[str]) -> set[str]:
    """Latin words a Chinese sentence may contain: units, VINs, DPI, engine names."""
    words = {"mm", "px", "DPI", "VIN"}
    for v in [*needles, f.measured, f.limit]:
        for item in (v if isinstance(v, list) else [v]):
            if isinstance(item, str):
                words.update(re.findall(r"[A-Za-z]{2,}", item))
    return words


def test_every_rubbing_and_photo_code_has_a_template() -> None:
    assert RUBBING_CODES | PHOTO_CODES <= set(BUILDERS)
    covered = {f.code for f, _ in FINDINGS}
    assert RUBBING_CODES | PHOTO_CODES <= covered


@pytest.mark.parametrize("index", range(len(FINDINGS)),
                         ids=[f"{f.code}-{f.status}-{i}" for i, (f, _) in enumerate(FINDINGS)])
def test_each_finding_reads_in_chinese_with_its_values(chinese, index: int) -> None:
    f, needles = FINDINGS[index]
    zh = finding_sentence(f)
    assert zh, f"no sentence for {f.code} {f.status} {f.measured!r}"
    assert CJK.search(zh), zh
    latin = set(re.findall(r"[A-Za-z]{2,}", zh)) - _allowed_latin(f, needles)
    assert not latin, f"English left in {zh!r}: {latin}"
    for needle in needles:
        assert needle in zh, (needle, zh)
    assert f.message not in zh


@pytest.mark.parametrize("index", range(len(FINDINGS)),
                         ids=[f"{f.code}-{f.status}-{i}" for i, (f, _) in enumerate(FINDINGS)])
def test_each_finding_reads_in_english_with_its_values(english, index: int) -> None:
    f, needles = FINDINGS[index]
    en = finding_sentence(f)
    assert en and not CJK.search(en), en
    for needle in needles:
        assert needle in en, (needle, en)


def test_unknown_codes_and_shapes_fall_back(chinese) -> None:
    odd = Finding("mystery_rule", Status.FAIL, 3, 1, "", "something odd happened")
    assert finding_sentence(odd) is None
    # the Chinese window shows no English sentence (the engine's message stays in the
    # details); the English window shows it
    assert texts.explanation(odd) == "请人工核查。"
    from vincheck.finding_text import explanation

    assert explanation(odd, "en") == "something odd happened"
    # a known code whose measured value has a shape the GUI does not know: the rule's
    # plain Chinese explanation, never a crash
    strange = Finding("char_too_small", Status.FAIL, {"new": "shape"}, 7.0, "mm",
                      "characters are small")
    assert finding_sentence(strange) is None
    text = texts.explanation(strange)
    assert CJK.search(text) and "characters are small" not in text
    wrong_unit = Finding("fill_ratio", Status.FAIL, "much", "little", "ratio", "odd")
    assert finding_sentence(wrong_unit) is None


def _window_with_small_chars(qtbot, tmp_path):
    from tests.gui_support import write_case
    from vincheck.gui.checklist import KEY_ROLE
    from vincheck.gui.main_window import MainWindow

    message = "characters are 6.2 mm high, below the 7.0 mm minimum"

    def runner(c, settings=None, progress=None, cancel=None):
        r = fake_result(c)
        r.sheets[0].rubbings[0].findings.append(
            Finding("char_too_small", Status.FAIL, 6.23, 7.0, "mm", message))
        return r

    case = write_case(tmp_path)
    w = MainWindow(runner=runner, settings=Settings(operator="王芳"), record=False)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    w.retranslate()
    w.panel.set_case(case)
    with qtbot.waitSignal(w.checkFinished, timeout=10_000):
        assert w.flow.start_check()
    key = next(k for k, e in w.result_view.checklist.entries.items()
               if e.finding.code == "char_too_small" and e.finding.failed)
    item = next(w.result_view.checklist.topLevelItem(i).child(j)
                for i in range(w.result_view.checklist.topLevelItemCount())
                for j in range(w.result_view.checklist.topLevelItem(i).childCount())
                if w.result_view.checklist.topLevelItem(i).child(j).data(0, KEY_ROLE) == key)
    return w, key, item, message


def test_checklist_row_is_chinese_with_values_in_the_chinese_ui(qtbot, chinese,
                                                                tmp_path) -> None:
    w, key, item, message = _window_with_small_chars(qtbot, tmp_path)
    text = item.text(3)
    assert CJK.search(text), text
    assert "6.2 mm" in text and "7.0 mm" in text
    assert message not in text and "below" not in text
    # what to do next, in Chinese, in the row and in the details under the list
    assert "处理办法：核对扫描分辨率" in text
    # the core's English words sit behind the "details" link only
    assert message not in item.toolTip(3)
    assert w.result_view.checklist.select_key(key)
    assert message not in w.decisions.detail.text() and "6.2 mm" in w.decisions.detail.text()
    assert "核对扫描分辨率" in w.decisions.detail.text()
    w.decisions.toggle_engine_details("details")
    assert message in w.decisions.detail.text()


def test_checklist_row_is_english_in_the_english_ui(qtbot, english, tmp_path) -> None:
    _w, _key, item, _message = _window_with_small_chars(qtbot, tmp_path)
    text = item.text(3)
    assert not CJK.search(text), text
    assert "6.2 mm" in text and "7.0 mm" in text and "below" in text


def test_long_explanations_wrap_instead_of_being_cut_off(qtbot, chinese) -> None:
    from PySide6.QtWidgets import QTreeWidgetItem

    from vincheck.gui.checklist import Checklist

    c = Checklist()
    qtbot.addWidget(c)
    c.resize(1400, 300)
    c.show()
    top = QTreeWidgetItem(["g"])
    c.addTopLevelItem(top)
    long_text = "车辆约占相片的 62%（允许 55%–80%），但车辆轮廓不确定：请目视核对。" * 2
    top.addChild(QTreeWidgetItem(["rule", "合格", "0.62", long_text]))
    top.addChild(QTreeWidgetItem(["rule", "合格", "0.62", "短"]))
    top.setExpanded(True)
    qtbot.waitUntil(lambda: c.visualItemRect(top.child(1)).height() > 0)
    one_line = c.visualItemRect(top.child(1)).height()
    qtbot.waitUntil(lambda: c.visualItemRect(top.child(0)).height() == one_line)
    c.resize(600, 300)  # the explanation column narrows: its text needs several lines
    qtbot.waitUntil(lambda: c.visualItemRect(top.child(0)).height() >= 2 * one_line)
    assert c.visualItemRect(top.child(1)).height() == one_line


@pytest.mark.parametrize("language", ["chinese", "english"])
def test_round_wheels_say_why_the_view_is_uncertain(request, language) -> None:
    from vincheck.photo.view import ViewEstimate, judge_view

    request.getfixturevalue(language)
    ps = PhotoSettings()
    side_on = {"side_on_wheels": {"ratios": [0.86, 0.88], "angle_deg": 61.0}}
    wheels = finding_sentence(judge_view(ViewEstimate("front-left", 62.0, 0.3, side_on,
                                                      source="head"), "car", ps))
    plain = finding_sentence(judge_view(ViewEstimate("front-left", 62.0, 0.3), "car", ps))
    assert wheels != plain
    assert ("车轮" in wheels) if language == "chinese" else ("wheels" in wheels)


@pytest.mark.parametrize("language", ["chinese", "english"])
def test_lamps_against_the_head_say_why_the_view_is_uncertain(request, language) -> None:
    from vincheck.photo.view import ViewEstimate, judge_view

    request.getfixturevalue(language)
    ps = PhotoSettings()
    ends = {"end_disagreement": {"head": "front", "lamps": "rear"}}
    lamps = finding_sentence(judge_view(ViewEstimate("front-left", 34.0, 0.3, ends,
                                                     source="head"), "car", ps))
    plain = finding_sentence(judge_view(ViewEstimate("front-left", 34.0, 0.3), "car", ps))
    assert lamps != plain
    assert ("车灯" in lamps and "车尾" in lamps) if language == "chinese" else \
        ("lamps" in lamps and "rear" in lamps)


@pytest.mark.parametrize("language", ["chinese", "english"])
def test_plate_on_another_vehicle_says_so(request, language) -> None:
    from vincheck.photo.plates import judge_plates

    request.getfixturevalue(language)
    ps = PhotoSettings()
    box = (0, 0, 10, 0, 10, 5, 0, 5)
    other = finding_sentence(judge_plates([PlateRead(box, "京A12345", 0.9,
                                                     on_vehicle=False)], ps))
    unsure = finding_sentence(judge_plates([PlateRead(box, "", ps.min_plate_score - 0.01)],
                                           ps))
    assert other != unsure
    assert ("其他车辆" in other) if language == "chinese" else ("another vehicle" in other)
