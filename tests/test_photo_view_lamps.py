"""Front or rear by the lamps' colour (vincheck.photo.view_lamps): the red share of the
end face's lamp band, what it says, how it moves the full-turn head's probability between
front-left and rear-right, and its leave-one-car-out replay (no corpus needed)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from devkit.synth.car_photo import render_car_photo
from vincheck.findings import Status
from vincheck.photo import view_lamps as vl
from vincheck.photo import view_turn as vt
from vincheck.photo.vehicle import VehicleRegion
from vincheck.photo.view import estimate_view, judge_view, mass_near
from vincheck.settings import PhotoSettings

S = PhotoSettings()
BOX = (100.0, 50.0, 400.0, 200.0)  # x, y, w, h px


def _photo(red_band: float = 0.0, side: str = "left") -> np.ndarray:
    """A grey car box on a dark ground; ``red_band`` share of the lamp band on ``side``
    painted tail-lamp red."""
    rgb = np.full((300, 600, 3), 40, np.uint8)
    x, y, w, h = (int(v) for v in BOX)
    rgb[y:y + h, x:x + w] = (150, 150, 160)
    bx, by, bw, bh = (round(v) for v in vl.band_box(BOX, side == "left"))
    if red_band:
        rgb[by:by + bh, bx:bx + max(1, round(red_band * bw))] = (200, 20, 25)
    return rgb


def test_the_red_share_is_measured_in_the_end_face_lamp_band():
    assert vl.end_face_red_share(_photo(), BOX, True) == 0.0
    s = vl.end_face_red_share(_photo(0.1), BOX, True)
    assert s == pytest.approx(0.1, abs=0.01)
    assert vl.end_face_red_share(_photo(0.1), BOX, False) == 0.0  # the other end
    # mirrored photo, mirrored box, the other side: the same share
    x, y, w, h = BOX
    mirrored = np.ascontiguousarray(_photo(0.1)[:, ::-1])
    assert vl.end_face_red_share(mirrored, (600 - x - w, y, w, h), False) == pytest.approx(s)
    # a pink or orange patch is not tail-lamp red
    rgb = _photo()
    bx, by, bw, bh = (round(v) for v in vl.band_box(BOX, True))
    rgb[by:by + bh, bx:bx + bw // 5] = (240, 150, 40)
    assert vl.end_face_red_share(rgb, BOX, True) == 0.0


def test_red_lamps_say_rear_none_front_and_red_paint_nothing():
    assert vl.lamp_cue(_photo(0.1), BOX, True).p_rear == vl.P_REAR_RED > 0.5
    assert vl.lamp_cue(_photo(), BOX, True).p_rear == vl.P_REAR_NO_RED < 0.5
    paint = vl.lamp_cue(_photo(1.0), BOX, True)  # the whole band red: paint or floor
    assert paint.red_share > vl.PAINT_RED_SHARE and paint.p_rear is None
    assert paint.as_dict()["says"] == "none"
    assert vl.p_rear_of(0.5, paint_share=None) == vl.P_REAR_RED  # no paint limit


def test_the_face_side_follows_the_outline():
    assert vl.face_on_left(45) and vl.face_on_left(225)  # same outline
    assert not vl.face_on_left(315) and not vl.face_on_left(135)


def test_weigh_ends_moves_mass_between_the_two_readings_of_one_outline():
    p = np.zeros(vt.BINS)
    p[[4, 5]] = 0.25  # 40, 50 deg: front-left
    p[[22, 23]] = 0.2  # 220, 230 deg: rear-right
    p[9] = 0.1  # 90 deg: the side, no end to weigh
    front = vl.weigh_ends(p, True, 0.2)
    assert front.sum() == pytest.approx(1.0)
    assert mass_near(front, 45.0) > 0.7 > mass_near(p, 45.0)
    assert front[9] / front[4] == pytest.approx(p[9] / (p[4] * 1.6))
    rear = vl.weigh_ends(p, True, 0.7)
    assert mass_near(rear, 225.0) > mass_near(rear, 45.0)
    np.testing.assert_allclose(vl.weigh_ends(p, True, 0.5), p)
    # face on the right: front-right and rear-left are weighed, front-left untouched
    q = vl.weigh_ends(p, False, 0.2)
    assert q[4] / q[9] == pytest.approx(p[4] / p[9])


@pytest.fixture()
def split_head(monkeypatch):
    """The full-turn head unsure between front-left (0.6 near 45) and rear-right."""
    p = np.full(vt.BINS, 0.0)
    p[[4, 5]] = 0.3
    p[[22, 23]] = 0.2
    monkeypatch.setattr("vincheck.photo.view.read_turn", lambda _rgb, _box: vt.read_probs(p))
    monkeypatch.setattr("vincheck.photo.view._cues_agree", lambda _cues, _az: False)
    return p


def _decide(rgb: np.ndarray, lamps: bool = True):
    region = VehicleRegion(BOX, 0.5, None, [], 1.0, method="detector")
    v = estimate_view(rgb, region, S, lamps=lamps)
    return v, judge_view(v, "car", S)


def test_the_lamps_decide_front_left_or_rear_right(split_head):
    v, f = _decide(_photo(), lamps=False)  # before: the split reading goes to a person
    assert f.status is Status.REVIEW and "lamp_colour" not in v.cues
    v, f = _decide(_photo())  # no red on the end face: the front, passed
    assert f.status is Status.PASS and f.details["mass_near_target"] >= 0.7
    assert [s["step"] for s in v.cues["steps"]] == ["cues", "turn", "lamps"]
    assert v.cues["lamp_colour"]["says"] == "front"
    assert any(s.role == "view_lamps" for s in v.evidence)
    # tail lamps: read as the rear-right now, never passed (red lamps speak for the rear
    # less strongly than their absence for the front: 0.6 x 0.6 against 0.4 x 1.4)
    v, f = _decide(_photo(0.15))
    assert 200 < v.azimuth_deg < 250 and v.cues["lamp_colour"]["says"] == "rear"
    assert f.status is Status.REVIEW and f.details["mass_near_target"] < 0.4
    v, f = _decide(_photo(1.0))  # a red body: no evidence, as before
    assert f.status is Status.REVIEW and v.cues["lamp_colour"]["says"] == "none"
    assert [s["step"] for s in v.cues["steps"]] == ["cues", "turn"]


def test_a_mirrored_split_reading_never_passes(split_head, monkeypatch):
    mirrored = vt.mirror_bins(split_head)
    monkeypatch.setattr("vincheck.photo.view.read_turn",
                        lambda _rgb, _box: vt.read_probs(mirrored))
    x, y, w, h = BOX
    rgb = np.ascontiguousarray(_photo()[:, ::-1])
    region = VehicleRegion((600 - x - w, y, w, h), 0.5, None, [], 1.0, method="detector")
    v = estimate_view(rgb, region, S)
    assert v.cues["lamp_colour"]["face_side"] == "right"
    assert judge_view(v, "car", S).status is Status.FAIL  # front-right, surely


def test_a_drawn_front_left_car_read_as_rear_right_is_turned_back():
    """The shipped head reads this white car drawn at 40 deg as rear-right (the same
    outline); it has no red on its front, so the lamp cue turns it back and it passes."""
    rgb, truth = render_car_photo(azimuth_deg=40, body_color="white", fill=0.6, seed=4)
    region = VehicleRegion(tuple(truth["vehicle_box"]), 0.6, None, [], 1.0,
                           method="detector")
    before = estimate_view(rgb, region, S, lamps=False)
    after = estimate_view(rgb, region, S)
    assert 190 < before.azimuth_deg < 260
    assert judge_view(before, "car", S).status is not Status.PASS
    assert abs(after.azimuth_deg - 40) < 15
    assert judge_view(after, "car", S).status is Status.PASS


# ------------------------------------- leave-one-car-out replay of the lamp constants

def _row(car: int, az_true: float, red_share: float) -> dict:
    """A benchmark row: the head split between 45 (0.6) and 225 deg (0.4), the lamp cue's
    red share measured on the left."""
    p = np.zeros(vt.BINS)
    p[[4, 5]] = 0.3
    p[[22, 23]] = 0.2
    head = {"az": 45.0, "conf": 0.6, "car": "review", "probs": list(p)}
    return {"car": car, "mirrored": False, "az_true": az_true, "turn_mass": head,
            "shipped": dict(head, lamp={"red_share": red_share, "face_side": "left"})}


def test_the_loco_replay_weighs_the_head_by_the_lamp_constants():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks import photo_epfl_loco as lo

    lamps = (0.04, 0.3, 0.7, 0.2)
    assert lo.decide_choice(_row(1, 45.0, 0.0), ((0.7, 0.3), lamps))[1] == "pass"
    az, st = lo.decide_choice(_row(1, 225.0, 0.1), ((0.7, 0.3), lamps))
    assert st == "review" and 200 < az < 250  # red lamps: rear-right, not sure enough
    assert lo.decide_choice(_row(1, 225.0, 0.1), ((0.7, 0.3), (0.04, 0.3, 0.8, 0.2)))[1] \
        == "fail"  # red lamps weigh more
    # red paint (above the paint share): no evidence; without the paint limit: rear
    assert lo.decide_choice(_row(1, 45.0, 0.5), ((0.7, 0.3), lamps))[1] == "review"
    az, _st = lo.decide_choice(_row(1, 45.0, 0.5), ((0.7, 0.3), (0.04, None, 0.7, 0.2)))
    assert 200 < az < 250
    # a row the lamp cue did not run on keeps its status
    plain = {"car": 1, "mirrored": False, "az_true": 45.0,
             "shipped": {"az": 44.0, "conf": 0.9, "car": "pass", "probs": None}}
    assert lo.decide_choice(plain, ((0.8, 0.05), lamps))[1] == "pass"
    # each car is decided with constants chosen on the others: every choice the loss
    # prefers on cars 1-2 (front-left, no red) passes car 3's front-left photo too
    rows = [_row(1, 45.0, 0.0), _row(2, 45.0, 0.01), _row(3, 45.0, 0.0)]
    decided, chosen = lo.loco_lamps(rows)
    assert all(st == "pass" for _az, st in decided)
    assert set(chosen) == {1, 2, 3}


def test_the_cue_accuracy_line_counts_the_oblique_frames_it_ran_on():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks import photo_epfl_loco as lo

    rows = [_row(1, 45.0, 0.0), _row(2, 225.0, 0.1), _row(3, 45.0, 0.1),
            _row(4, 45.0, 0.5), _row(5, 0.0, 0.0)]  # the last end-on: not counted
    for r, p_rear in zip(rows, (0.2, 0.7, 0.7, None, 0.2), strict=True):
        r["shipped"]["lamp"]["p_rear"] = p_rear
    (line,) = lo.lamp_cue_accuracy(rows)
    assert "4 unmirrored frames" in line and "no evidence (red paint or floor) on 1" in line
    assert "the end right on 2 of 3" in line and "red lamps seen: 1 of 2 truly rear" in line
    assert "none: 1 of 1 truly front" in line
    assert "the head's own reading: 3 of 4" in line  # all read at 45: the rear one wrong
