"""End-to-end rubbing checks on generated sheets: every reason code fires on a sheet that
carries the defect and stays quiet on clean sheets; boxes land on the characters."""

from __future__ import annotations

import numpy as np
import pytest

from devkit.synth.rubbing import random_sheet_spec, render_sheet
from vincheck.findings import Status
from vincheck.imageio import from_array
from vincheck.rubbing import check_sheet
from vincheck.settings import Settings

DPI = 200
STRIP_CODES = ("unreadable", "check_digit", "missing_start_symbol", "missing_end_symbol",
               "truncated", "deformed", "shifted", "char_too_small")


def _render(seed: int, defect: str | None, n_strips: int = 1):
    spec = random_sheet_spec(np.random.default_rng([2024, seed]), dpi=DPI, n_strips=n_strips,
                             defect=defect, clean=True)
    img, truth = render_sheet(spec)
    return np.asarray(img.convert("RGB")), truth


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="module")
def clean_sheet(settings):
    rgb, truth = _render(1, None, n_strips=2)
    return truth, check_sheet(from_array(rgb, dpi=DPI), settings)


def _expected(truth: dict) -> set[str]:
    out = set(truth.get("expected_reasons", []))
    for s in truth["strips"]:
        out |= set(s.get("expected_reasons", []))
    return out


def test_clean_sheet_passes_with_every_rule_listed(clean_sheet):
    truth, sheet = clean_sheet
    assert len(sheet.rubbings) == 2
    assert str(sheet.verdict) == "pass", sheet.reasons
    assert sheet.vin == truth["strips"][0]["vin"]
    for r in sheet.rubbings:
        codes = [f.code for f in r.findings]
        for code in STRIP_CODES:  # every rule reports, passing ones included
            assert codes.count(code) == 1, code
        assert all(f.status is Status.PASS for f in r.findings)
    sheet_codes = {f.code for f in sheet.findings}
    assert {"no_rubbing", "copies_differ"} <= sheet_codes


def test_char_boxes_land_on_the_true_characters(clean_sheet):
    truth, sheet = clean_sheet
    for ts in truth["strips"]:
        tc = np.mean(np.array(ts["corners"]), axis=0)
        rb = min(sheet.rubbings, key=lambda r: np.hypot(*(np.mean(
            np.array(r.box).reshape(4, 2), axis=0) - tc)))
        assert len(rb.chars) == 17
        pitch = np.hypot(*(np.mean(ts["char_boxes"][1], axis=0)
                           - np.mean(ts["char_boxes"][0], axis=0)))
        for cr, tb in zip(rb.chars, ts["char_boxes"], strict=True):
            got = np.mean(np.array(cr.box).reshape(4, 2), axis=0)
            want = np.mean(np.array(tb), axis=0)
            assert np.hypot(*(got - want)) < 0.35 * pitch
        roles = {s.role for f in rb.findings for s in f.evidence}
        assert {"strip", "char", "start_symbol", "end_symbol"} <= roles
        labels = [s.label for f in rb.findings for s in f.evidence if s.role == "char"]
        assert labels and all(lb[0] in ts["vin"] for lb in labels)


def test_expected_vin_mismatch_and_match(clean_sheet, settings):
    truth, _ = clean_sheet
    rgb, _ = _render(1, None, n_strips=2)
    vin = truth["strips"][0]["vin"]
    other = vin[:-1] + ("1" if vin[-1] != "1" else "2")
    bad = check_sheet(from_array(rgb, dpi=DPI), settings, expected_vin=other)
    f = next(f for f in bad.findings if f.code == "vin_mismatch")
    assert f.status is Status.FAIL and f.limit == other and vin in f.measured
    good = check_sheet(from_array(rgb, dpi=DPI), settings, expected_vin=vin)
    assert next(f for f in good.findings if f.code == "vin_mismatch").status is Status.PASS


# one sheet per defect; the seed is the same formula for every defect (no hand-picking)
DEFECTS = ["check_digit", "missing_start_symbol", "missing_end_symbol", "truncated",
           "deformed", "shifted", "char_too_small", "unreadable", "copies_differ"]


@pytest.fixture(scope="module")
def defect_sheets(settings):
    out = {}
    for i, d in enumerate(DEFECTS):
        rgb, truth = _render(100 + i, d, n_strips=2 if d == "copies_differ" else 1)
        out[d] = (truth, check_sheet(from_array(rgb, dpi=DPI), settings))
    return out


@pytest.mark.parametrize("defect", DEFECTS)
def test_defect_is_reported(defect_sheets, defect):
    truth, sheet = defect_sheets[defect]
    expected = _expected(truth)
    assert defect in expected  # the generator's own truth
    failing = {f.code for f in sheet.all_findings() if f.status in (Status.FAIL, Status.REVIEW)}
    assert expected <= failing, (expected, sheet.reasons)
    assert str(sheet.verdict) != "pass"
    # every failed finding carries a measured value, a limit and a message
    for f in sheet.all_findings():
        if f.status is Status.FAIL:
            assert f.message
            assert f.code in ("unreadable", "no_rubbing", "copies_differ") or f.limit is not None


def test_check_digit_is_reported_as_stamped(defect_sheets):
    truth, sheet = defect_sheets["check_digit"]
    stamped = truth["strips"][0]["vin"]
    rb = sheet.rubbings[0]
    assert rb.vin == stamped  # never "corrected" into a valid VIN that is not on the tape
    f = next(f for f in rb.findings if f.code == "check_digit")
    # FAIL, or REVIEW when one common OCR confusion would also make it valid
    assert f.status in (Status.FAIL, Status.REVIEW)
    assert f.measured == stamped[8] and f.limit != stamped[8]


def test_unknown_dpi_skips_physical_checks(settings):
    rgb, _ = _render(1, None, n_strips=1)
    sheet = check_sheet(from_array(rgb, dpi=None), settings)
    assert sheet.dpi is None and sheet.rubbings
    f = next(f for f in sheet.rubbings[0].findings if f.code == "char_too_small")
    assert f.status is Status.SKIPPED and "DPI unknown" in f.message and f.measured is None
    assert str(sheet.verdict) == "review"  # not a guess, not a pass


def test_blank_paper_is_no_rubbing(settings):
    paper = np.full((800, 1100, 3), 242, np.uint8)
    paper += np.random.default_rng(0).integers(0, 6, paper.shape, dtype=np.uint8)
    sheet = check_sheet(from_array(paper, dpi=DPI), settings)
    assert sheet.rubbings == []
    f = next(f for f in sheet.findings if f.code == "no_rubbing")
    assert f.status is Status.FAIL and str(sheet.verdict) == "fail"


def _render_with(seed: int, defect: str, params: dict, n_strips: int = 1):
    """A sheet whose (first) strip carries ``defect`` with the given parameters."""
    spec = random_sheet_spec(np.random.default_rng([2025, seed]), dpi=DPI, n_strips=n_strips,
                             defect=defect, clean=True)
    target = next(s for s in spec.strips if defect in s.defects)
    target.defects[defect] = params
    img, truth = render_sheet(spec)
    return np.asarray(img.convert("RGB")), truth


# the two kinds of shifted rubbing at the ends of the generator's ranges: a doubled
# impression (ghost 0.6-1.5 mm at 45-65 % strength, within 40 degrees of the line) and a
# smear band (0.8-2 mm motion blur over 3-6 characters)
SHIFTED_CASES = {
    "ghost_0.6mm_weak": {"kind": "ghost", "offset_mm": [0.6, 0.0], "offset_len_mm": 0.6,
                         "strength": 0.45},
    "ghost_1.0mm_30deg": {"kind": "ghost", "offset_mm": [-0.866, -0.5],
                          "offset_len_mm": 1.0, "strength": 0.55},
    "ghost_1.5mm_-35deg": {"kind": "ghost", "offset_mm": [1.229, -0.860],
                           "offset_len_mm": 1.5, "strength": 0.65},
    "smear_1.2mm_4chars": {"kind": "smear", "length_mm": 1.2, "first": 6, "count": 4,
                           "angle_deg": 10.0},
}


@pytest.fixture(scope="module")
def shifted_sheets(settings):
    out = {}
    for i, (name, params) in enumerate(SHIFTED_CASES.items()):
        rgb, truth = _render_with(10 + i, "shifted", params)
        out[name] = (truth, check_sheet(from_array(rgb, dpi=DPI), settings))
    return out


@pytest.mark.parametrize("case", list(SHIFTED_CASES))
def test_shifted_kinds_are_reported(shifted_sheets, case):
    truth, sheet = shifted_sheets[case]
    assert "shifted" in _expected(truth)
    f = next(f for r in sheet.rubbings for f in r.findings if f.code == "shifted")
    assert f.status is Status.FAIL, f.message
    params = SHIFTED_CASES[case]
    if params["kind"] == "ghost":  # the offset is measured, not only detected
        assert abs(f.measured["ghost_offset"] - params["offset_len_mm"]) < 0.3, f.measured
        assert f.measured["ghost_score"] >= f.limit["ghost_score"]
    else:
        assert f.measured["sharpness_ratio"] < f.limit["sharpness_ratio"]


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_clean_sheets_raise_no_geometry_alarm(settings, seed):
    """Clean sheets: nothing shifted, deformed, cut off, small or missing a symbol, and
    never unreadable (an unsure character is at most a review)."""
    rgb, truth = _render(seed, None, n_strips=2)
    assert not _expected(truth)
    sheet = check_sheet(from_array(rgb, dpi=DPI), settings)
    assert len(sheet.rubbings) == 2
    for r in sheet.rubbings:
        for f in r.findings:
            if f.code == "unreadable":
                assert f.status is not Status.FAIL, f.message
            elif f.code != "check_digit":
                assert f.status is Status.PASS, (f.code, f.message)
    assert next(f for f in sheet.findings if f.code == "copies_differ").status \
        is not Status.FAIL


def test_faint_rubbing_is_found_and_unreadable(settings):
    """A strip with hardly any graphite is still located (second, low-contrast pass) and
    reported unreadable, alone; the good copy next to it is read."""
    rgb, truth = _render_with(30, "unreadable", {"kind": "faint", "contrast": 0.04,
                                                 "smear_mm": 6.0, "angle_deg": 10.0},
                              n_strips=2)
    sheet = check_sheet(from_array(rgb, dpi=DPI), settings)
    assert len(sheet.rubbings) == 2
    bad = [r for r in sheet.rubbings if any(
        f.code == "unreadable" and f.status is Status.FAIL for f in r.findings)]
    assert len(bad) == 1
    others = {f.code for f in bad[0].findings if f.status in (Status.FAIL, Status.REVIEW)}
    assert others == {"unreadable"}
    good = next(r for r in sheet.rubbings if r is not bad[0])
    assert len(good.chars) == 17
    assert next(f for f in good.findings if f.code == "unreadable").status is not Status.FAIL


@pytest.mark.parametrize(("defect", "side"), [("missing_end_symbol", "end"),
                                              ("missing_start_symbol", "start")])
def test_a_missing_symbol_is_marked_where_it_should_be(defect_sheets, defect, side):
    """The evidence of a missing start / end symbol shows where the symbol belongs: one
    character pitch beyond the first / last character of the generated line."""
    truth, sheet = defect_sheets[defect]
    boxes = np.array(truth["strips"][0]["char_boxes"])  # 17 x 4 x 2, sheet px
    centres = boxes.mean(axis=1)
    step = centres[-1] - centres[-2] if side == "end" else centres[0] - centres[1]
    want = (centres[-1] if side == "end" else centres[0]) + step
    f = next(f for r in sheet.rubbings for f in r.findings if f.code == defect)
    assert f.status is Status.FAIL
    marks = [s for s in f.evidence if s.role.endswith("_expected")]
    assert len(marks) == 1 and side in marks[0].label
    got = np.array(marks[0].coords).reshape(-1, 2).mean(axis=0)
    assert np.hypot(*(got - want)) < 0.4 * np.hypot(*step)
