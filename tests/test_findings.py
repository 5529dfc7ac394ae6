"""Findings and results: verdict rules, reasons, JSON round trips, operator decisions."""

from __future__ import annotations

import json

from vincheck.findings import (
    CaseResult,
    CharRead,
    Decision,
    Finding,
    PhotoResult,
    PlateRead,
    RubbingResult,
    Shape,
    SheetResult,
    Status,
    Verdict,
    verdict_of,
)


def _f(code: str, status: Status) -> Finding:
    return Finding(code, status, measured=1.0, limit=2.0, unit="mm", message=code)


def test_verdict_precedence() -> None:
    assert verdict_of([]) is Verdict.PASS
    assert verdict_of([_f("a", Status.PASS)]) is Verdict.PASS
    assert verdict_of([_f("a", Status.PASS), _f("b", Status.SKIPPED)]) is Verdict.REVIEW
    assert verdict_of([_f("a", Status.REVIEW), _f("b", Status.FAIL)]) is Verdict.FAIL


def test_sheet_collects_rubbing_findings_and_reasons_without_repeats() -> None:
    r1 = RubbingResult(box=(0, 0, 1, 0, 1, 1, 0, 1), vin="A" * 17, confidence=0.9,
                       findings=[_f("check_digit", Status.FAIL), _f("truncated", Status.PASS)])
    r2 = RubbingResult(box=(0, 0, 1, 0, 1, 1, 0, 1), vin="A" * 17, confidence=0.9,
                       findings=[_f("check_digit", Status.FAIL)])
    sheet = SheetResult(file="s.png", rubbings=[r1, r2],
                        findings=[_f("vin_mismatch", Status.REVIEW)])
    assert sheet.verdict is Verdict.FAIL
    assert sheet.reasons == ["check_digit", "vin_mismatch"]
    assert sheet.vin == "A" * 17
    r2.vin = "B" * 17
    assert sheet.vin is None


def test_round_trip_through_json() -> None:
    shape = Shape.polygon([(1, 2), (3, 4), (5, 6)], label="L", role="char", page=1)
    finding = Finding("deformed", Status.FAIL, measured={"pitch_spread": 0.2}, limit=0.12,
                      unit="ratio", message="m", evidence=[shape], details={"k": [1, 2]})
    rub = RubbingResult(box=(0.5, 0, 10, 0, 10, 5, 0, 5), vin=None, confidence=0.1,
                        findings=[finding],
                        chars=[CharRead("A", 0.8, (0, 0, 1, 0, 1, 1, 0, 1), {"4": 0.1})])
    sheet = SheetResult(file="x.tif", rubbings=[rub], page=2, dpi=300.0, image_size=(10, 20))
    photo = PhotoResult(file="p.jpg", findings=[_f("size", Status.PASS)], is_scan=True,
                        width_mm=88.1, height_mm=60.0, corner_radii_mm=[4.0] * 4,
                        plates=[PlateRead((0, 0, 1, 0, 1, 1, 0, 1), "京A12345", 0.9, "blue")],
                        vehicle_box=(1, 2, 3, 4))
    case = CaseResult(expected_vin="X", kind="trailer", color="白", sheets=[sheet],
                      photos=[photo], decisions=[Decision("angle", True, "王")])
    text = json.dumps(case.to_dict(), ensure_ascii=False)
    back = CaseResult.from_dict(json.loads(text))
    assert back.to_dict() == case.to_dict()
    assert back.sheets[0].rubbings[0].findings[0].evidence[0] == Shape(
        "polygon", (1.0, 2.0, 3.0, 4.0, 5.0, 6.0), "L", "char", 1)
    assert back.photos[0].plates[0].text == "京A12345"
    assert "width_mm" in photo.to_dict()
    assert "width_mm" not in PhotoResult(file="d.jpg").to_dict()


def test_numpy_values_become_plain_json() -> None:
    import numpy as np

    f = Finding("x", Status.PASS, measured=np.float32(1.23456), limit=(np.int64(3), 4.0))
    d = f.to_dict()
    assert d["measured"] == 1.2346 and d["limit"] == [3, 4.0]
    json.dumps(d)


def test_decisions_settle_review_items_but_never_failures() -> None:
    case = CaseResult(expected_vin=None, kind="car", color=None,
                      findings=[_f("angle", Status.REVIEW), _f("size", Status.PASS)])
    assert case.decided_verdict() is Verdict.REVIEW
    case.decisions.append(Decision("angle", accepted=True, operator="李"))
    assert case.decided_verdict() is Verdict.PASS
    case.decisions[0] = Decision("angle", accepted=False, operator="李")
    assert case.decided_verdict() is Verdict.FAIL
    case.findings.append(_f("plate_visible", Status.FAIL))
    case.decisions.append(Decision("plate_visible", accepted=True, operator="李"))
    assert case.decided_verdict() is Verdict.FAIL


def test_unreadable_input_keeps_a_case_from_passing() -> None:
    case = CaseResult(expected_vin=None, kind="car", color=None,
                      findings=[_f("size", Status.PASS)],
                      errors=[{"file": "a.png", "error": "truncated"}])
    assert case.verdict is Verdict.REVIEW


def test_decision_with_a_target_settles_only_that_rubbing() -> None:
    def rub() -> RubbingResult:
        return RubbingResult(box=(0, 0, 1, 0, 1, 1, 0, 1), vin="A" * 17, confidence=0.5,
                             findings=[_f("check_digit", Status.REVIEW)])

    sheet = SheetResult(file="/scans/sheet.png", rubbings=[rub(), rub()])
    case = CaseResult(expected_vin=None, kind="car", color=None, sheets=[sheet])
    targets = [t for t, _ in case.targeted_findings()]
    assert targets == ["sheet.png#r1", "sheet.png#r2"]
    case.decisions.append(Decision("check_digit", True, "王", target="sheet.png#r1"))
    assert case.decided_verdict() is Verdict.REVIEW  # rubbing 2 still undecided
    case.decisions.append(Decision("check_digit", True, "王", target="sheet.png#r2"))
    assert case.decided_verdict() is Verdict.PASS
    case.decisions.append(Decision("check_digit", False, "王", target="sheet.png#r2"))
    assert case.decided_verdict() is Verdict.FAIL  # the latest decision wins


def test_advice_leaves_out_what_the_operator_accepted() -> None:
    from vincheck import rules

    case = CaseResult(expected_vin=None, kind="car", color=None,
                      findings=[_f("angle", Status.REVIEW), _f("plate_visible", Status.FAIL),
                                _f("size", Status.PASS)])
    angle, plate = rules.advice("angle"), rules.advice("plate_visible")
    assert rules.case_advice(case) == [plate, angle]  # failures first, then review items
    case.decisions.append(Decision("angle", accepted=True, operator="李"))
    assert rules.case_advice(case) == [plate]  # accepted: nothing left to do about it
    case.decisions[0] = Decision("angle", accepted=False, operator="李")
    assert rules.case_advice(case) == [plate, angle]  # rejected: it stands
    # a failure stays a failure whatever was decided on it
    case.decisions.append(Decision("plate_visible", accepted=True, operator="李"))
    assert plate in rules.case_advice(case)
