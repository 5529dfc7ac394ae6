"""The VIN standard's prior on a strip's reading (``rubbing/vin_prior.py``): digits at
positions 14-17, known makers' WMIs; and the slant of dot-peen lines measured on their
joined dots (``grid.dotted_slant``)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from tests.rubbing_drawn import DPI, VIN, CannedEngine, strip_image
from vincheck.finding_text import finding_sentence
from vincheck.findings import Finding, RubbingResult, Status
from vincheck.imageio import from_array
from vincheck.rubbing import check_sheet
from vincheck.rubbing.copies import adopt_other_copies, doubt_invalid_beside_valid
from vincheck.rubbing.judge_unreadable import read_vin
from vincheck.rubbing.vin_prior import KNOWN_WMI_ODDS, LETTER_IN_SERIAL, with_vin_priors
from vincheck.settings import RubbingSettings, Settings
from vincheck.vin import compute_check_digit, maker_of

TRUTH = "LHGSWCWK22S428280"  # GAC Honda; a dot-peen sheet of tuning set seed 12


def _scores(text: str, **alts: dict[str, float]) -> list[dict[str, float]]:
    """Sure characters of ``text`` (0.95), with ``alts`` ("p3": {...}) replacing a
    1-based position's distribution."""
    out = [{c: 0.95} for c in text]
    for key, sc in alts.items():
        out[int(key[1:]) - 1] = dict(sc)
    return out


def test_the_truth_is_valid_and_its_wmi_known():
    assert compute_check_digit(TRUTH) == TRUTH[8] and maker_of(TRUTH) is not None


def test_a_dotted_g_and_0_misread_as_6_and_c_are_read_back():
    # a dotted G read as 6 (G far behind) and a final 0 read as C: "LH6...C" happens to
    # meet the check digit, so the old reading passed it as the VIN
    sc = _scores(TRUTH, p3={"6": 0.76, "G": 0.05, "1": 0.02}, p17={"C": 0.91, "0": 0.07})
    wrong = "LH6" + TRUTH[3:16] + "C"
    assert compute_check_digit(wrong) == wrong[8]
    cfg = RubbingSettings()
    reading = read_vin(sc, cfg)
    assert reading.vin != wrong and reading.rep.candidates[0].vin == TRUTH
    # with the G as likely as on the sheet's other copy, it is the VIN
    sc[2] = {"6": 0.69, "G": 0.10, "1": 0.02}
    assert read_vin(sc, cfg).vin == TRUTH
    # without the prior the wrong VIN wins (what the reader did before)
    from vincheck.rubbing import judge_unreadable as ju

    plain = ju._repair(sc, cfg)
    assert plain.vin == wrong


def test_a_letter_in_the_serial_yields_only_to_a_digit_beside_it():
    sc = _scores(TRUTH, p17={"C": 0.91, "0": 0.07})
    out = with_vin_priors(sc)[16]
    assert out["0"] > out["C"]
    assert out["C"] / out["0"] == pytest.approx(0.91 * LETTER_IN_SERIAL / 0.07)
    assert sum(out.values()) == pytest.approx(0.98)  # the position keeps its mass
    sure = with_vin_priors(_scores(TRUTH, p17={"C": 0.97}))[16]
    assert sure == {"C": pytest.approx(0.97)}  # nothing to yield to: kept as read
    # positions before 14 are not the serial's last four
    assert with_vin_priors(_scores(TRUTH, p13={"C": 0.91, "0": 0.07}))[12]["C"] == 0.91


def test_a_known_wmi_weighs_only_a_hesitating_position():
    hesitant = with_vin_priors(_scores(TRUTH, p3={"6": 0.94, "G": 0.04}))[2]
    # joint odds: LHG 0.04 x 10 against LH6 0.94 (LH6 is no maker's)
    assert maker_of("LH6") is None
    assert hesitant["G"] / hesitant["6"] == pytest.approx(0.04 * KNOWN_WMI_ODDS / 0.94)
    sure = with_vin_priors(_scores(TRUTH, p3={"6": 0.99}))[2]
    assert sure == {"6": pytest.approx(0.99)}


def test_an_unknown_wmi_read_surely_is_kept():
    vin = "LZ7" + TRUTH[3:]
    vin = vin[:8] + compute_check_digit(vin) + vin[9:]
    assert maker_of(vin) is None
    assert read_vin(_scores(vin), RubbingSettings()).vin == vin


def _deformed(img: np.ndarray, vin: str = VIN):
    rb = check_sheet(from_array(img, dpi=DPI), Settings(),
                     engines=[CannedEngine(vin, conf=0.99)]).rubbings[0]
    return next(f for f in rb.findings if f.code == "deformed")


def test_an_upright_dot_peen_line_on_streaky_graphite_is_not_slanted():
    # the generator's dot peen on streaks, as on tuning sheet seed 12 / 0055: the plain ink
    # mask measured 11 degrees (deformed: fail) on the upright line
    from devkit.synth.rubbing import sample_sheet_spec
    from devkit.synth.rubbing_sheet import render_sheet

    vin = "LHGD92VN3PG941666"
    base = sample_sheet_spec(vin)
    strip = replace(base.strips[0], font="dot_peen_round", texture="streaks",
                    rub_angle_deg=52.0, start_symbol="#", end_symbol="#")
    img, _ = render_sheet(replace(base, strips=[strip], noise_sigma=6.0, blur_px=1.2))
    f = _deformed(np.asarray(img.convert("L")), vin)
    assert abs(f.measured["slant_deg"]) < 1.0 and f.status.value == "pass"


def test_a_sheared_dot_peen_line_is_still_slanted():
    upright = _deformed(strip_image(VIN, dots=True))
    sheared = _deformed(strip_image(VIN, dots=True, shear=12))
    assert abs(upright.measured["slant_deg"]) < 1.0 and upright.status.value == "pass"
    assert 7.0 < sheared.measured["slant_deg"] < 14.0 and sheared.status.value == "fail"


# --- a copy whose own characters leave the VIN undecided takes the other copy's VIN ---

OTHER = "LFVTU06V7KW571725"  # a dot-peen sheet of tuning set seed 12 (0027)


def _rubbing(vin: str | None, status: Status, candidates: list[str]) -> RubbingResult:
    u = Finding("unreadable", status, measured=0.3, limit=0.6, unit="ratio",
                message="the VIN cannot be read with confidence",
                details={"repair": {"candidates": [{"vin": v, "confidence": 0.3 - 0.1 * k}
                                                   for k, v in enumerate(candidates)]}})
    return RubbingResult(box=(0.0,) * 8, vin=vin, confidence=0.0, findings=[u])


def test_an_undecided_copy_takes_the_vin_its_characters_allow():
    near = OTHER[:10] + "U" + OTHER[11:]  # another valid-looking candidate
    rubbings = [_rubbing(None, Status.REVIEW, [near, OTHER]), _rubbing(OTHER, Status.PASS, [])]
    assert adopt_other_copies(rubbings) == [2, None]
    u = rubbings[0].findings[0]
    assert rubbings[0].vin == OTHER and u.status is Status.REVIEW
    assert rubbings[0].confidence == pytest.approx(0.2)  # its own posterior of that VIN
    assert u.details["vin_from_rubbing"] == 2 and OTHER in u.message
    zh, en = finding_sentence(u, "zh"), finding_sentence(u, "en")
    assert "第 2 份拓印" in zh and OTHER in zh and "rubbing 2 reads" in en
    u.details["dot_peen"] = True  # a dot-peen copy says both
    assert "点阵" in finding_sentence(u, "zh") and "第 2 份拓印" in finding_sentence(u, "zh")


def test_a_copy_keeps_none_when_the_other_vin_is_not_among_its_candidates():
    differ = OTHER[:12] + "9" + OTHER[13:]
    rubbings = [_rubbing(None, Status.REVIEW, [differ]), _rubbing(OTHER, Status.PASS, [])]
    assert adopt_other_copies(rubbings) == [None, None] and rubbings[0].vin is None
    # an illegible copy (unreadable: fail) never takes a VIN
    rubbings = [_rubbing(None, Status.FAIL, [OTHER]), _rubbing(OTHER, Status.PASS, [])]
    assert adopt_other_copies(rubbings) == [None, None] and rubbings[0].vin is None


# --- a copy failing the check digit beside a valid copy is doubted, not failed ---

BEBAS = "LSVGY18H08K090464"  # seed 13 at 600 dpi: position 12's 0 read as D by both engines
MISREAD = BEBAS[:11] + "D" + BEBAS[12:]


def _read_surely(vin: str, cd_status: Status, candidates: list[str] = ()) -> RubbingResult:
    u = Finding("unreadable", Status.PASS, measured=0.95, limit=0.6, unit="ratio",
                message="17 characters read",
                details={"repair": {"candidates": [{"vin": v} for v in candidates]}})
    cd = Finding("check_digit", cd_status, measured=vin[8], limit="0", message="check digit")
    return RubbingResult(box=(0.0,) * 8, vin=vin, confidence=0.9, findings=[u, cd])


def test_a_copy_failing_the_check_digit_beside_a_valid_copy_goes_to_review():
    assert compute_check_digit(BEBAS) == BEBAS[8] != compute_check_digit(MISREAD)
    rubbings = [_read_surely(MISREAD, Status.FAIL, [BEBAS]), _read_surely(BEBAS, Status.PASS)]
    assert doubt_invalid_beside_valid(rubbings) == [2, None]
    u, cd = rubbings[0].findings
    assert u.status is Status.REVIEW and cd.status is Status.REVIEW
    assert "position(s) 12 differ" in u.message and u.details["valid_copy_vin"] == BEBAS
    assert all(f.status is Status.PASS for f in rubbings[1].findings)
    assert "第 2 份拓印" in finding_sentence(u, "zh")
    # its candidates hold the valid copy's VIN: it takes it, still for review
    assert adopt_other_copies(rubbings) == [2, None] and rubbings[0].vin == BEBAS


def test_a_check_digit_failure_stands_without_a_valid_copy_near_it():
    far = BEBAS[:12] + "777" + BEBAS[15:]  # three characters away
    far = far[:8] + compute_check_digit(far) + far[9:]
    for other in (MISREAD, far):  # the same invalid VIN; a valid VIN too far away
        rubbings = [_read_surely(MISREAD, Status.FAIL), _read_surely(other, Status.PASS)]
        assert doubt_invalid_beside_valid(rubbings) == [None, None]
        assert rubbings[0].findings[1].status is Status.FAIL
